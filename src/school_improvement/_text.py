"""Bilingual text: English always, Welsh where a source or a reviewed translation gives it."""

import enum
from typing import Literal

import attrs

from school_improvement._validators import non_empty

Language = Literal["en", "cy"]
"""A language code: ``"en"`` (English) or ``"cy"`` (Welsh)."""

LANGUAGES: tuple[Language, ...] = ("en", "cy")


class WelshProvenance(enum.Enum):
    """Where a Welsh string comes from."""

    OFFICIAL = "official"
    """Quoted from a cited Welsh-language publication."""
    TRANSLATION = "translation"
    """Translated by the project and reviewed; not an official term."""


def _official_needs_source(instance: "Welsh", _attribute: object, value: "str | None") -> None:
    if instance.provenance is WelshProvenance.OFFICIAL and not value:
        msg = "an official Welsh string must name its source"
        raise ValueError(msg)


@attrs.frozen
class Welsh:
    """A Welsh string with its provenance.

    Attributes:
        text: The Welsh text.
        provenance: Official (quoted from a publication) or a translation.
        source: The key of the source document; required when official.
    """

    text: str = attrs.field(validator=[attrs.validators.instance_of(str), non_empty])
    provenance: WelshProvenance
    source: str | None = attrs.field(default=None, validator=_official_needs_source)


@attrs.frozen
class LocalisedText:
    """Text chosen for a language, saying whether it fell back to English.

    Attributes:
        text: The text to show.
        language: The language the text is in.
        fallback: True when Welsh was asked for but only English exists.
        provenance: For Welsh text, where it comes from.
    """

    text: str
    language: Language
    fallback: bool = False
    provenance: WelshProvenance | None = None


@attrs.frozen
class Text:
    """A user-facing string in English, and in Welsh where one is known.

    Examples:
        >>> from school_improvement import Text, Welsh, WelshProvenance
        >>> name = Text("Making progress", Welsh("gwneud cynnydd", WelshProvenance.OFFICIAL, "press"))
        >>> name.in_language("cy").text
        'gwneud cynnydd'
        >>> Text("Strategic vision").in_language("cy")
        LocalisedText(text='Strategic vision', language='en', fallback=True, provenance=None)
    """

    en: str = attrs.field(validator=[attrs.validators.instance_of(str), non_empty])
    cy: Welsh | None = None

    def in_language(self, language: Language) -> LocalisedText:
        """The text in ``language``, falling back to English (and saying so) when no Welsh exists.

        Raises:
            ValueError: If ``language`` is not ``"en"`` or ``"cy"``.
        """
        if language not in LANGUAGES:
            msg = f"language must be one of {', '.join(LANGUAGES)}, not {language!r}"
            raise ValueError(msg)
        if language == "en":
            return LocalisedText(self.en, "en")
        if self.cy is None:
            return LocalisedText(self.en, "en", fallback=True)
        return LocalisedText(self.cy.text, "cy", provenance=self.cy.provenance)

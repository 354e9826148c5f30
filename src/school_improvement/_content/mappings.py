"""Editorial mappings: aspects to contributory factors, descriptors to national priorities.

No source maps one onto the other. The library ships its own reading as a
starting point, marked editorial, and a user can load their own instead.
"""

import enum

import attrs

from school_improvement._validators import non_empty

_str = attrs.validators.instance_of(str)


class TagBasis(enum.Enum):
    """Why a descriptor carries a national-priority tag."""

    TEXT = "text"
    """The descriptor's own words name the priority (the tag quotes them)."""
    EDITORIAL = "editorial"
    """The library's reading: the words do not name the priority."""


@attrs.frozen
class AspectFactorLink:
    """An editorial link from an aspect to the contributory factors it serves.

    Attributes:
        aspect: The aspect's code.
        factors: The numbers (1 to 8) of the contributory factors.
        rationale: Why the link is drawn.
    """

    aspect: str = attrs.field(validator=_str)
    factors: tuple[int, ...]
    rationale: str = attrs.field(validator=[_str, non_empty])


@attrs.frozen
class AspectCharacteristicLink:
    """An editorial link from an aspect to the common characteristics of leaders most bound up with it.

    Attributes:
        aspect: The aspect's code.
        characteristics: The codes (``L1`` to ``L12``) of the characteristics.
        rationale: Why the link is drawn.
    """

    aspect: str = attrs.field(validator=_str)
    characteristics: tuple[str, ...]
    rationale: str = attrs.field(validator=[_str, non_empty])


def _words_match_basis(instance: "PriorityTag", _attribute: object, value: "str | None") -> None:
    if instance.basis is TagBasis.TEXT and not value:
        msg = "a tag drawn from the text must quote the words it rests on"
        raise ValueError(msg)


@attrs.frozen
class PriorityTag:
    """A national-priority tag on a descriptor.

    Attributes:
        descriptor: The descriptor's code.
        priority: The national priority's code (``attendance``, ``literacy``,
            ``numeracy`` or ``wellbeing``).
        basis: Whether the tag is drawn from the descriptor's words or editorial.
        words: For a tag drawn from the text, the words it quotes.
        rationale: For an editorial tag, why it is drawn.
    """

    descriptor: str = attrs.field(validator=_str)
    priority: str = attrs.field(validator=_str)
    basis: TagBasis
    words: str | None = attrs.field(default=None, validator=_words_match_basis)
    rationale: str | None = None

    @property
    def editorial(self) -> bool:
        """True when the tag is the library's reading rather than the descriptor's words."""
        return self.basis is TagBasis.EDITORIAL


@attrs.frozen
class Mappings:
    """A set of editorial mappings for one framework edition.

    Attributes:
        framework: The framework the mappings are for.
        edition: The edition the mappings are for.
        note: What the mappings are and how far to trust them.
        aspect_factors: Links from aspects to contributory factors.
        aspect_characteristics: Links from aspects to the common characteristics of leaders.
        priority_tags: National-priority tags on descriptors.
    """

    framework: str
    edition: str
    note: str
    aspect_factors: tuple[AspectFactorLink, ...] = ()
    aspect_characteristics: tuple[AspectCharacteristicLink, ...] = ()
    priority_tags: tuple[PriorityTag, ...] = ()

    @classmethod
    def empty(cls, framework: str = "", edition: str = "") -> "Mappings":
        """Mappings that link nothing, for a framework used without them."""
        return cls(framework, edition, "No mappings loaded.")

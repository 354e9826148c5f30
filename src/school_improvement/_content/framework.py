"""The framework content as typed objects: stages, aspects, descriptors and the rest."""

import enum
import re
from collections.abc import Callable, Hashable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeVar, cast

import attrs

from school_improvement._content.mappings import AspectFactorLink, Mappings, PriorityTag
from school_improvement._errors import FrameworkError, Problem, UnknownCodeError, repeated
from school_improvement._stage import Stage
from school_improvement._text import Language, Text
from school_improvement._validators import non_empty

_str = attrs.validators.instance_of(str)

DESCRIPTOR_CODE = re.compile(r"^[A-Z]{2}\.[1-4]\.[1-9][0-9]*$")
"""The pattern of a descriptor code: ``ASPECT.STAGE.N``, for example ``SV.1.2``."""


@attrs.frozen
class SourceDocument:
    """A publication the content is taken from.

    Attributes:
        key: The short key content items use to cite this document.
        publisher: Who published it.
        title: Its own title.
        date: When it was published (``YYYY`` or ``YYYY-MM``), where the source says.
        language: The language of the document.
        licence: Its licence (an SPDX identifier, or ``Crown copyright``).
        attribution: The attribution text its licence asks for.
        gives: What this library takes from it.
        address: Where it can be found (a web address), where known.
    """

    key: str = attrs.field(validator=[_str, non_empty])
    publisher: str = attrs.field(validator=[_str, non_empty])
    title: str = attrs.field(validator=[_str, non_empty])
    date: str | None
    language: Language
    licence: str = attrs.field(validator=[_str, non_empty])
    attribution: str = attrs.field(validator=[_str, non_empty])
    gives: str = attrs.field(validator=[_str, non_empty])
    address: str | None = None


@attrs.frozen
class Notice:
    """The notices that must travel with the content.

    Attributes:
        ogl: The Open Government Licence v3.0 statement.
        ogl_url: The address of the licence.
        crown_copyright: The acknowledgement of Crown copyright, naming the document.
        endorsement: The statement that neither Estyn nor Welsh Government endorses the library.
    """

    ogl: str = attrs.field(validator=[_str, non_empty])
    ogl_url: str = attrs.field(validator=[_str, non_empty])
    crown_copyright: str = attrs.field(validator=[_str, non_empty])
    endorsement: str = attrs.field(validator=[_str, non_empty])


@attrs.frozen
class EditorialNote:
    """A note on a part of the content that is the library's own, not the sources'.

    Attributes:
        field: Which part of the content the note is about.
        note: What the library added or changed, and how.
    """

    field: str
    note: str


@attrs.frozen
class Provenance:
    """Where an edition of the framework content comes from.

    Attributes:
        framework: The framework's identifier.
        edition: The edition of the content (the library's version of the data).
        title: The framework's title.
        released: When this edition of the data was released (ISO date).
        documents: The source documents.
        notice: The licence and attribution notices.
        editorial: Notes on what is editorial.
    """

    framework: str = attrs.field(validator=[_str, non_empty])
    edition: str = attrs.field(validator=[_str, non_empty])
    title: str = attrs.field(validator=[_str, non_empty])
    released: str
    documents: tuple[SourceDocument, ...]
    notice: Notice
    editorial: tuple[EditorialNote, ...] = ()

    @property
    def attribution(self) -> str:
        """The full attribution to show wherever the content is shown."""
        notice = self.notice
        return f"{notice.crown_copyright} {notice.ogl} ({notice.ogl_url}) {notice.endorsement}"

    def document(self, key: str) -> SourceDocument:
        """The source document with this key.

        Raises:
            UnknownCodeError: If no document has the key.
        """
        for document in self.documents:
            if document.key == key:
                return document
        raise UnknownCodeError("source document", key)


@attrs.frozen
class StageName:
    """The name of a stage, in English and Welsh.

    Attributes:
        stage: The stage.
        name: Its name.
        source: The key of the document the name comes from.
    """

    stage: Stage
    name: Text
    source: str


@attrs.frozen
class Aspect:
    """One of the ten aspects of a school's work (a row of the journeys table).

    Attributes:
        code: The aspect's short code, for example ``SV``.
        title: Its title, verbatim from the source.
        source: The key of the source document.
    """

    code: str = attrs.field(validator=[_str, non_empty])
    title: Text
    source: str


@attrs.frozen
class DescriptorItem:
    """A point in a list inside a descriptor.

    Attributes:
        code: The item's code: the descriptor's code and a letter, for example ``PL.1.1.a``.
        text: The item's text, verbatim.
    """

    code: str = attrs.field(validator=[_str, non_empty])
    text: Text


class DescriptorKind(enum.Enum):
    """Whether a descriptor is worded as an action or as a state (editorial)."""

    ACTION = "action"
    """Something to do, for example "Establish a vision…"."""
    STATE = "state"
    """Something observable, for example "All staff exemplify…"."""


def _descriptor_code(_instance: object, _attribute: object, value: str) -> None:
    if not DESCRIPTOR_CODE.match(value):
        msg = f"a descriptor code looks like SV.1.2, not {value!r}"
        raise ValueError(msg)


@attrs.frozen
class Descriptor:
    """One descriptor paragraph of the journeys table.

    Attributes:
        code: The descriptor's stable code, ``ASPECT.STAGE.N``.
        aspect: The code of its aspect.
        stage: Its stage.
        text: Its text, verbatim from the source.
        kind: Whether it reads as an action or a state (editorial).
        items: The points of a list inside the paragraph, kept as structure.
    """

    code: str = attrs.field(validator=[_str, _descriptor_code])
    aspect: str
    stage: Stage
    text: Text
    kind: DescriptorKind
    items: tuple[DescriptorItem, ...] = ()

    @property
    def full_text(self) -> str:
        """The English text with any list items, one per line, for display."""
        if not self.items:
            return self.text.en
        return "\n".join([self.text.en, *(f"- {item.text.en}" for item in self.items)])


@attrs.frozen
class Cell:
    """The descriptors of one aspect at one stage (a cell of the table).

    Attributes:
        aspect: The aspect.
        stage: The stage.
        descriptors: Its descriptors, in source order.
    """

    aspect: Aspect
    stage: Stage
    descriptors: tuple[Descriptor, ...]


@attrs.frozen
class LeadershipCharacteristic:
    """One of the twelve common characteristics of leaders, at every stage.

    Attributes:
        code: Its code, ``L1`` to ``L12``.
        text: Its text, verbatim (completing the sentence "Leaders: …").
        emphasis: The phrases the source sets in bold.
        source: The key of the source document.
    """

    code: str = attrs.field(validator=[_str, non_empty])
    text: Text
    emphasis: tuple[str, ...]
    source: str


@attrs.frozen
class ContributoryFactor:
    """One of Welsh Government's eight contributory factors.

    Attributes:
        number: Its number, 1 to 8, as in the source.
        code: Its code, ``CF1`` to ``CF8``.
        text: Its text, verbatim.
        source: The key of the source document.
    """

    number: int
    code: str
    text: Text
    source: str


@attrs.frozen
class NationalPriority:
    """A national improvement priority.

    Attributes:
        code: Its code: ``attendance``, ``literacy``, ``numeracy`` or ``wellbeing``.
        name: Its name.
        supporting: True for wellbeing, which supports the other three.
        source: The key of the source document.
    """

    code: str
    name: Text
    supporting: bool
    source: str


@attrs.frozen
class Principle:
    """One of the five core principles of the revised School Improvement Guidance.

    Attributes:
        code: Its code.
        text: Its text, verbatim.
        source: The key of the source document.
    """

    code: str
    text: Text
    source: str


CODE = "school_improvement.code"
"""The key, in an attrs field's metadata, that says what kind of framework code the field carries."""
ASPECT_FIELD = MappingProxyType({CODE: "aspect"})
"""Field metadata: the field holds aspect codes."""
DESCRIPTOR_FIELD = MappingProxyType({CODE: "descriptor"})
"""Field metadata: the field holds descriptor codes."""
PRIORITY_FIELD = MappingProxyType({CODE: "national priority"})
"""Field metadata: the field holds national priority codes."""
FACTOR_FIELD = MappingProxyType({CODE: "contributory factor"})
"""Field metadata: the field holds contributory factor numbers."""
CHARACTERISTIC_FIELD = MappingProxyType({CODE: "characteristic of leaders"})
"""Field metadata: the field holds codes of the common characteristics of leaders."""

_K = TypeVar("_K")
_V = TypeVar("_V")


def _lookup(mapping: Mapping[_K, _V], key: _K, kind: str, code: object) -> _V:
    """``mapping[key]``, or UnknownCodeError naming the kind and code that were not found."""
    try:
        return mapping[key]
    except KeyError:
        raise UnknownCodeError(kind, code) from None


@attrs.frozen(eq=False, repr=False)  # a framework's lookups, never compared or shown (see Framework._index)
class _Index:
    aspects: Mapping[str, Aspect]
    descriptors: Mapping[str, Descriptor]
    cells: Mapping[tuple[str, Stage], Cell]
    factors: Mapping[int, ContributoryFactor]
    priorities: Mapping[str, NationalPriority]
    stage_names: Mapping[Stage, StageName]
    layout: Mapping[str, tuple[tuple[Stage, tuple[str, ...]], ...]]
    descriptor_codes: frozenset[str]
    characteristics: Mapping[str, LeadershipCharacteristic]
    derived: dict[Hashable, object] = attrs.field(factory=dict)
    """Values worked out from the edition on first use (see ``derived``); the one mutable part, a cache."""


def _build_index(framework: "Framework") -> _Index:
    aspects = {aspect.code: aspect for aspect in framework.aspects}
    grouped: dict[tuple[str, Stage], list[Descriptor]] = {}
    for descriptor in framework.descriptors:
        grouped.setdefault((descriptor.aspect, descriptor.stage), []).append(descriptor)
    cells = {
        (aspect.code, stage): Cell(aspect, stage, tuple(grouped.get((aspect.code, stage), ())))
        for aspect in framework.aspects
        for stage in Stage
    }
    return _Index(
        aspects=MappingProxyType(aspects),
        descriptors=MappingProxyType({d.code: d for d in framework.descriptors}),
        cells=MappingProxyType(cells),
        factors=MappingProxyType({f.number: f for f in framework.contributory_factors}),
        priorities=MappingProxyType({p.code: p for p in framework.national_priorities}),
        stage_names=MappingProxyType({s.stage: s for s in framework.stages}),
        descriptor_codes=frozenset(d.code for d in framework.descriptors),
        characteristics=MappingProxyType({c.code: c for c in framework.leaders_characteristics}),
        layout=MappingProxyType(
            {
                aspect.code: tuple(
                    (stage, tuple(d.code for d in cells[(aspect.code, stage)].descriptors)) for stage in Stage
                )
                for aspect in framework.aspects
            }
        ),
    )


@attrs.frozen
class Framework:
    """One edition of the framework content, with lookups by code.

    Load it with [`load_framework`][school_improvement.load_framework] rather
    than building it by hand: loading checks that the content is complete and
    consistent.

    Attributes:
        provenance: Where the edition comes from, with its licence notices.
        stages: The four stages' names, in order.
        aspects: The ten aspects, in source order.
        descriptors: Every descriptor, in source order (by aspect, then stage,
            then place in the cell).
        leaders_characteristics: The twelve common characteristics of leaders.
        contributory_factors: The eight contributory factors, by number.
        national_priorities: The national improvement priorities.
        principles: The five core principles of the revised guidance.
        mappings: The editorial mappings in use.

    Examples:
        >>> from school_improvement import Stage, load_framework
        >>> framework = load_framework()
        >>> framework.aspect("PV").title.en
        'Using pupil voice'
        >>> [d.code for d in framework.cell("PV", Stage.MAKING_PROGRESS).descriptors]
        ['PV.2.1']
        >>> framework.descriptor("PL.1.1").items[0].text.en
        'provide specific support for staff to improve the quality of their teaching'
    """

    provenance: Provenance
    stages: tuple[StageName, ...]
    aspects: tuple[Aspect, ...]
    descriptors: tuple[Descriptor, ...]
    leaders_characteristics: tuple[LeadershipCharacteristic, ...]
    contributory_factors: tuple[ContributoryFactor, ...]
    national_priorities: tuple[NationalPriority, ...]
    principles: tuple[Principle, ...]
    mappings: Mappings = attrs.field(factory=Mappings.empty)
    _index: _Index = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", _build_index(self))

    @property
    def edition_id(self) -> str:
        """The identifier self-evaluations quote: ``framework/edition``."""
        return f"{self.provenance.framework}/{self.provenance.edition}"

    def aspect(self, code: str) -> Aspect:
        """The aspect with this code.

        Raises:
            UnknownCodeError: If no aspect has the code.
        """
        return _lookup(self._index.aspects, code, "aspect", code)

    def descriptor(self, code: str) -> Descriptor:
        """The descriptor with this code.

        Raises:
            UnknownCodeError: If no descriptor has the code.
        """
        return _lookup(self._index.descriptors, code, "descriptor", code)

    def has_descriptor(self, code: str) -> bool:
        """Whether a descriptor with this code is in the edition."""
        return code in self._index.descriptors

    @property
    def descriptor_codes(self) -> frozenset[str]:
        """The codes of every descriptor in the edition."""
        return self._index.descriptor_codes

    def cell(self, aspect: str, stage: Stage) -> Cell:
        """The cell of an aspect at a stage: its descriptors, in source order.

        Raises:
            UnknownCodeError: If no aspect has the code.
        """
        return _lookup(self._index.cells, (aspect, stage), "aspect", aspect)

    def cells(self) -> Iterator[Cell]:
        """Every cell, aspect by aspect in source order, each aspect's stages in order."""
        for aspect in self.aspects:
            for stage in Stage:
                yield self._index.cells[(aspect.code, stage)]

    def layout(self, aspect: str) -> tuple[tuple[Stage, tuple[str, ...]], ...]:
        """An aspect's descriptor codes, stage by stage: the shape of its row of the table.

        Raises:
            UnknownCodeError: If no aspect has the code.
        """
        return _lookup(self._index.layout, aspect, "aspect", aspect)

    def stage_name(self, stage: Stage) -> Text:
        """The name of a stage."""
        return self._index.stage_names[stage].name

    def factor(self, number: int) -> ContributoryFactor:
        """The contributory factor with this number (1 to 8).

        Raises:
            UnknownCodeError: If no factor has the number.
        """
        return _lookup(self._index.factors, number, "contributory factor", number)

    def priority(self, code: str) -> NationalPriority:
        """The national priority with this code.

        Raises:
            UnknownCodeError: If no priority has the code.
        """
        return _lookup(self._index.priorities, code, "national priority", code)

    def factors_for(self, aspect: str) -> tuple[ContributoryFactor, ...]:
        """The contributory factors the mappings in use link to an aspect (editorial)."""
        return derived(self, ("factors_for", aspect), lambda: self._factors_for(aspect))

    def _factors_for(self, aspect: str) -> tuple[ContributoryFactor, ...]:
        self.aspect(aspect)
        numbers = [n for link in self.mappings.aspect_factors if link.aspect == aspect for n in link.factors]
        return tuple(self.factor(n) for n in sorted(set(numbers)))

    def aspect_factor_links(self, aspect: str) -> tuple[AspectFactorLink, ...]:
        """The editorial links, with their rationale, from an aspect to contributory factors."""
        self.aspect(aspect)
        return tuple(link for link in self.mappings.aspect_factors if link.aspect == aspect)

    def characteristics_for(self, aspect: str) -> tuple[LeadershipCharacteristic, ...]:
        """The common characteristics of leaders the mappings in use link to an aspect (editorial)."""
        return derived(self, ("characteristics_for", aspect), lambda: self._characteristics_for(aspect))

    def _characteristics_for(self, aspect: str) -> tuple[LeadershipCharacteristic, ...]:
        self.aspect(aspect)
        codes = {
            code
            for link in self.mappings.aspect_characteristics
            if link.aspect == aspect
            for code in link.characteristics
        }
        return tuple(c for c in self.leaders_characteristics if c.code in codes)

    def tags_for(self, descriptor: str) -> tuple[PriorityTag, ...]:
        """The national-priority tags the mappings in use put on a descriptor."""
        return derived(self, ("tags_for", descriptor), lambda: self._tags_for(descriptor))

    def _tags_for(self, descriptor: str) -> tuple[PriorityTag, ...]:
        self.descriptor(descriptor)
        return tuple(tag for tag in self.mappings.priority_tags if tag.descriptor == descriptor)

    def knows(self, kind: str, code: object) -> bool:
        """Whether the edition has a code of this kind (as field metadata names kinds: ``aspect``, ``descriptor``…)."""
        index = self._index
        known: dict[str, Mapping[Any, object]] = {
            "aspect": index.aspects,
            "descriptor": index.descriptors,
            "national priority": index.priorities,
            "contributory factor": index.factors,
            "characteristic of leaders": index.characteristics,
        }
        return code in known.get(kind, {})

    def with_mappings(self, mappings: Mappings) -> "Framework":
        """This edition with other mappings in place of the ones it has.

        Raises:
            FrameworkError: If the mappings name codes the edition does not have,
                or are for another edition.
        """
        problems = check_mappings(self, mappings)
        if problems:
            raise FrameworkError("mappings", problems)
        return attrs.evolve(self, mappings=mappings)


_T = TypeVar("_T")


def derived(framework: Framework, key: Hashable, build: Callable[[], _T]) -> _T:
    """A value worked out from ``framework`` once, on first use, then kept with it.

    Every school assessed against an edition reads the same tables of it (the
    tags on each descriptor, the factors of each aspect, the words of each
    reason); an edition never changes, so each is built once per edition
    rather than once per school. ``key`` names the value, with anything else
    it depends on; ``build`` makes it. A value whose ``build`` raises is not kept.
    """
    memo = framework._index.derived  # noqa: SLF001 (the framework's own module)
    if key in memo:
        return cast("_T", memo[key])
    value = memo[key] = build()
    return value


def _check_aspect_factors(framework: Framework, mappings: Mappings) -> list[Problem]:
    aspects = {aspect.code for aspect in framework.aspects}
    factors = {factor.number for factor in framework.contributory_factors}
    problems: list[Problem] = []
    for place, link in enumerate(mappings.aspect_factors):
        path = f"$.aspect_factors[{place}]"
        if link.aspect not in aspects:
            problems.append(Problem(f"{path}.aspect", f"no aspect has the code {link.aspect!r}"))
        problems += [
            Problem(f"{path}.factors[{n}]", f"no contributory factor {number}")
            for n, number in enumerate(link.factors)
            if number not in factors
        ]
    return problems + repeated("$.aspect_factors", "aspect", (link.aspect for link in mappings.aspect_factors))


def _check_aspect_characteristics(framework: Framework, mappings: Mappings) -> list[Problem]:
    aspects = {aspect.code for aspect in framework.aspects}
    characteristics = {c.code for c in framework.leaders_characteristics}
    problems: list[Problem] = []
    for place, link in enumerate(mappings.aspect_characteristics):
        path = f"$.aspect_characteristics[{place}]"
        if link.aspect not in aspects:
            problems.append(Problem(f"{path}.aspect", f"no aspect has the code {link.aspect!r}"))
        problems += [
            Problem(f"{path}.characteristics[{n}]", f"no characteristic of leaders has the code {code!r}")
            for n, code in enumerate(link.characteristics)
            if code not in characteristics
        ]
    links = (link.aspect for link in mappings.aspect_characteristics)
    return problems + repeated("$.aspect_characteristics", "aspect", links)


def _check_priority_tags(framework: Framework, mappings: Mappings) -> list[Problem]:
    priorities = {priority.code for priority in framework.national_priorities}
    descriptors = {descriptor.code: descriptor for descriptor in framework.descriptors}
    problems: list[Problem] = []
    for place, tag in enumerate(mappings.priority_tags):
        path = f"$.priority_tags[{place}]"
        descriptor = descriptors.get(tag.descriptor)
        if descriptor is None:
            problems.append(Problem(f"{path}.descriptor", f"no descriptor has the code {tag.descriptor!r}"))
        elif tag.words is not None and tag.words.lower() not in descriptor.full_text.lower():
            message = f"the words {tag.words!r} are not in descriptor {tag.descriptor}"
            problems.append(Problem(f"{path}.words", message))
        if tag.priority not in priorities:
            problems.append(Problem(f"{path}.priority", f"no national priority has the code {tag.priority!r}"))
    pairs = ((tag.descriptor, tag.priority) for tag in mappings.priority_tags)
    return problems + repeated("$.priority_tags", "descriptor and priority", pairs)


def check_mappings(framework: Framework, mappings: Mappings) -> list[Problem]:
    """Every code in ``mappings`` that ``framework`` does not have, each with its JSON path."""
    problems: list[Problem] = []
    provenance = framework.provenance
    if (mappings.framework, mappings.edition) != (provenance.framework, provenance.edition):
        wanted = f"{provenance.framework}/{provenance.edition}"
        found = f"{mappings.framework}/{mappings.edition}"
        problems.append(Problem("$.edition", f"the mappings are for {found}, not {wanted}"))
    return (
        problems
        + _check_aspect_factors(framework, mappings)
        + _check_aspect_characteristics(framework, mappings)
        + _check_priority_tags(framework, mappings)
    )

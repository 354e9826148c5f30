"""The evidence model: a school's ratings of descriptors, and the evidence behind them.

Evidence is about the school, referenced, never pupils' records: there is no
field for pupil personal data.
"""

import datetime
import enum

import attrs

from school_improvement._content.framework import ASPECT_FIELD, DESCRIPTOR_FIELD
from school_improvement._stage import Stage
from school_improvement._validators import non_empty

_str = attrs.validators.instance_of(str)


class Rating(enum.Enum):
    """How far the evidence shows a descriptor is in place.

    The scale is ordered: not yet < partly < mostly < fully. "Not applicable"
    is off the scale: the descriptor leaves the counts (the denominators).

    Examples:
        >>> from school_improvement import Rating
        >>> Rating.MOSTLY.level, Rating.NOT_APPLICABLE.level
        (2, None)
        >>> Rating.PARTLY.at_least(Rating.MOSTLY)
        False
    """

    # Members are singletons compared by identity, so identity hashing is
    # consistent with equality, and much faster than Enum's hash of the name.
    __hash__ = object.__hash__

    NOT_YET = "not-yet"
    """No evidence that the descriptor is in place yet."""
    PARTLY = "partly"
    """In place in some parts of the school's work."""
    MOSTLY = "mostly"
    """In place in most of the school's work."""
    FULLY = "fully"
    """In place throughout the school's work."""
    NOT_APPLICABLE = "not-applicable"
    """Does not apply to this school; leaves the counts."""

    @property
    def level(self) -> int | None:
        """The place on the scale, 0 (not yet) to 3 (fully); ``None`` for not applicable."""
        return LEVELS[self]

    @property
    def applicable(self) -> bool:
        """False only for "not applicable"."""
        return self is not Rating.NOT_APPLICABLE

    def at_least(self, threshold: "Rating") -> bool:
        """Whether this rating reaches ``threshold`` (never, for not applicable)."""
        level, bar = LEVELS[self], LEVELS[threshold]
        return level is not None and bar is not None and level >= bar

    @classmethod
    def scale(cls) -> tuple["Rating", ...]:
        """The ordered ratings, without "not applicable"."""
        return (cls.NOT_YET, cls.PARTLY, cls.MOSTLY, cls.FULLY)


LEVELS: dict[Rating, int | None] = {
    Rating.NOT_YET: 0,
    Rating.PARTLY: 1,
    Rating.MOSTLY: 2,
    Rating.FULLY: 3,
    Rating.NOT_APPLICABLE: None,
}
"""The rating scale: each rating\'s level, ``None`` for not applicable. ``Rating.level`` reads it; so do hot loops."""


class EvidenceKind(enum.Enum):
    """The kind of source a piece of evidence comes from."""

    # Members are singletons compared by identity, so identity hashing is
    # consistent with equality, and much faster than Enum's hash of the name.
    __hash__ = object.__hash__

    LESSON_OBSERVATION = "lesson-observation"
    LEARNERS_WORK = "scrutiny-of-learners-work"
    LEARNER_VOICE = "learner-voice"
    STAFF_VIEWS = "staff-views"
    PARENT_CARER_VIEWS = "parent-carer-views"
    GOVERNOR_VIEWS = "governor-views"
    DATA = "data"
    DOCUMENTATION = "documentation"
    EXTERNAL_REPORT = "external-report"
    OTHER = "other"

    @property
    def label(self) -> str:
        """A plain-English name for the kind."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    EvidenceKind.LESSON_OBSERVATION: "lesson observation",
    EvidenceKind.LEARNERS_WORK: "scrutiny of learners' work",
    EvidenceKind.LEARNER_VOICE: "learner voice",
    EvidenceKind.STAFF_VIEWS: "staff views",
    EvidenceKind.PARENT_CARER_VIEWS: "parent and carer views",
    EvidenceKind.GOVERNOR_VIEWS: "governor views",
    EvidenceKind.DATA: "data",
    EvidenceKind.DOCUMENTATION: "documentation",
    EvidenceKind.EXTERNAL_REPORT: "external report",
    EvidenceKind.OTHER: "other",
}


@attrs.frozen
class Evidence:
    """One piece of evidence: its kind, when it was gathered, and where to find it.

    Attributes:
        kind: The kind of source.
        date: When it was gathered.
        note: What it shows, briefly. Never pupils' personal data.
        reference: Where to find it, for example a document's name or a folder.
    """

    kind: EvidenceKind = attrs.field(validator=attrs.validators.instance_of(EvidenceKind))
    date: datetime.date = attrs.field(validator=attrs.validators.instance_of(datetime.date))
    note: str | None = None
    reference: str | None = None


@attrs.frozen
class DescriptorRating:
    """A school's rating of one descriptor, with the evidence behind it.

    Attributes:
        descriptor: The descriptor's code, for example ``SV.1.1``.
        rating: The rating.
        evidence: The evidence the rating rests on.
    """

    descriptor: str = attrs.field(validator=_str, metadata=DESCRIPTOR_FIELD)
    rating: Rating = attrs.field(validator=attrs.validators.instance_of(Rating))
    evidence: tuple[Evidence, ...] = ()

    @property
    def evidence_kinds(self) -> frozenset[EvidenceKind]:
        """The distinct kinds of evidence behind the rating."""
        return frozenset(item.kind for item in self.evidence)


@attrs.frozen
class ProfessionalJudgement:
    """The school's own judgement of an aspect's stage, kept beside the computed one.

    It never replaces the computed stage; both are shown.

    Attributes:
        aspect: The aspect's code.
        stage: The stage the school judges it has reached, or ``None`` for none yet.
        rationale: Why, in the school's words.
    """

    aspect: str = attrs.field(validator=_str, metadata=ASPECT_FIELD)
    stage: Stage | None
    rationale: str = attrs.field(validator=[_str, non_empty])


@attrs.frozen
class SelfEvaluation:
    """A school's self-evaluation against one framework edition at one date.

    Attributes:
        school: The school's reference (an identifier, not personal data).
        date: The date of the self-evaluation; no evidence may be dated after it.
        framework_edition: The edition rated against, as
            [`Framework.edition_id`][school_improvement.Framework.edition_id].
        ratings: The descriptor ratings, at most one per descriptor.
        judgements: Professional judgements per aspect, at most one per aspect.
    """

    school: str = attrs.field(validator=[_str, non_empty])
    date: datetime.date = attrs.field(validator=attrs.validators.instance_of(datetime.date))
    framework_edition: str = attrs.field(validator=_str)
    ratings: tuple[DescriptorRating, ...] = ()
    judgements: tuple[ProfessionalJudgement, ...] = ()

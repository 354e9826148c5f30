"""The professional discussion: the school, its local authority and partners on priorities, support and strengths.

A record of the meeting keeps the priorities agreed, the local authority's
view of each aspect beside the school's own (this is moderation: differences
are listed and explained, neither view overwrites the other), the support
requested and agreed with its source, the strengths the school offers to
share with its capacity, and the next review date.
"""

import datetime
import enum

import attrs

from school_improvement._assessment.assess import StageProfile
from school_improvement._content.framework import ASPECT_FIELD, Framework
from school_improvement._errors import AnalysisError, Problem
from school_improvement._limits import MAX_NAME, MAX_PLAN_ITEMS, MAX_PLAN_PRIORITIES, MAX_TEXT
from school_improvement._planning.choices import ChosenPriority, _as_tuple, chosen_priority_problems
from school_improvement._stage import Stage


class SupportSource(enum.Enum):
    """Where support comes from, as the revised guidance and the national programme name them."""

    LOCAL_AUTHORITY = "local-authority"
    ANOTHER_SCHOOL = "another-school"
    CLUSTER = "cluster"
    """The school's cluster or local improvement community."""
    NATIONAL_PROFESSIONAL_LEARNING = "national-professional-learning"
    """The national professional learning body's offer."""
    NATIONAL_SUPPORT_PROGRAMME = "national-support-programme"
    """One of the strategic national support programmes."""
    OTHER = "other"


class SupportStatus(enum.Enum):
    """Whether support asked for has been agreed."""

    REQUESTED = "requested"
    AGREED = "agreed"
    NOT_AGREED = "not-agreed"


@attrs.frozen
class Participant:
    """Someone who took part, by role: no names are needed.

    Attributes:
        role: Their role (``Headteacher``, ``Chair of governors``, ``Local authority improvement officer``).
        organisation: Whom they represent (the school, the local authority, a partner school), if said.
    """

    role: str
    organisation: str | None = None


@attrs.frozen
class AspectView:
    """The local authority's view of one aspect's stage beside the school's own.

    Attributes:
        aspect: The aspect's code.
        school_stage: The stage the school judges it has reached (``None``: no stage yet).
        local_authority_stage: The stage the local authority judges it has reached (``None``: no stage yet).
        note: What was said about it, if anything.
    """

    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    school_stage: Stage | None
    local_authority_stage: Stage | None
    note: str | None = None


@attrs.frozen
class SupportItem:
    """Support the school asked for, and whether it was agreed.

    Attributes:
        aspects: The aspects it is for.
        description: What support, in words.
        source: Where it comes from.
        status: Requested, agreed or not agreed.
        provider: Who provides it, if named (a school's reference, a programme's name).
    """

    aspects: tuple[str, ...] = attrs.field(converter=_as_tuple, metadata=ASPECT_FIELD)
    description: str
    source: SupportSource
    status: SupportStatus
    provider: str | None = None


@attrs.frozen
class StrengthOffer:
    """A strength the school offers to share with other schools, and how many it can support.

    Attributes:
        aspects: The aspects it can support others in.
        capacity: How many schools it can support in them.
        note: What it offers, in words.
    """

    aspects: tuple[str, ...] = attrs.field(converter=_as_tuple, metadata=ASPECT_FIELD)
    capacity: int
    note: str | None = None


@attrs.frozen
class DiscussionRecord:
    """The record of one professional discussion between a school, its local authority and partners.

    Attributes:
        school: The school's reference.
        framework_edition: The edition the discussion used.
        date: When it took place.
        participants: Who took part, by role.
        agreed_priorities: The priorities and targets agreed, in order.
        views: The local authority's view of aspects' stages beside the school's.
        support: The support requested and agreed.
        strengths: The strengths the school offers to share.
        next_review: When the school and the local authority meet again.
        notes: Anything else agreed, in words.
    """

    school: str
    framework_edition: str
    date: datetime.date
    participants: tuple[Participant, ...]
    agreed_priorities: tuple[ChosenPriority, ...]
    views: tuple[AspectView, ...]
    support: tuple[SupportItem, ...]
    strengths: tuple[StrengthOffer, ...]
    next_review: datetime.date
    notes: str | None = None

    @property
    def offered_capacity(self) -> dict[str, int]:
        """How many schools at most it offers to support in each aspect: the capacities of its offers naming it, added.

        Each offer supports up to its own capacity across its aspects, as the matching counts it.
        """
        offered: dict[str, int] = {}
        for offer in self.strengths:
            for aspect in offer.aspects:
                offered[aspect] = offered.get(aspect, 0) + offer.capacity
        return offered


@attrs.frozen
class ViewDifference:
    """An aspect where the school and the local authority see the stage differently.

    Attributes:
        aspect: The aspect's code.
        school_stage: The school's view.
        local_authority_stage: The local authority's view.
        evidence_stage: The stage the evidence gives by the rule, when a stage profile was given.
        explanation: The difference in words, neither view put above the other.
    """

    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    school_stage: Stage | None
    local_authority_stage: Stage | None
    evidence_stage: Stage | None
    explanation: str


def _text(where: str, value: str | None, *, most: int = MAX_TEXT, required: bool = True) -> list[Problem]:
    if value is None:
        return [Problem(where, "required")] if required else []
    if not value.strip():
        return [Problem(where, "must not be empty")]
    if len(value) > most:
        return [Problem(where, f"at most {most:,} characters; found {len(value):,}")]
    return []


def _aspects(framework: Framework, where: str, aspects: tuple[str, ...]) -> list[Problem]:
    if not aspects:
        return [Problem(where, "name at least one aspect")]
    return [
        Problem(f"{where}[{n}]", f"no aspect has the code {code!r} in {framework.edition_id}")
        for n, code in enumerate(aspects)
        if not framework.knows("aspect", code)
    ]


def discussion_problems(framework: Framework, record: DiscussionRecord) -> list[Problem]:
    """Every problem with a discussion record against the framework edition, each with its path.

    Checked: the edition; every aspect and national priority code; someone
    took part; the next review after the meeting; agreed target dates after
    it; each aspect given one view; a strength's capacity a whole number of
    at least 1; texts present and within the size limits.
    """
    problems = _text("$.school", record.school, most=MAX_NAME)
    if record.framework_edition != framework.edition_id:
        message = f"the record uses {record.framework_edition!r}, not {framework.edition_id!r}"
        problems.append(Problem("$.framework_edition", message))
    if not record.participants:
        problems.append(Problem("$.participants", "say who took part, by role"))
    for n, person in enumerate(record.participants):
        problems += _text(f"$.participants[{n}].role", person.role, most=MAX_NAME)
        problems += _text(f"$.participants[{n}].organisation", person.organisation, most=MAX_NAME, required=False)
    if record.next_review <= record.date:
        message = f"{record.next_review} is not after the discussion, {record.date}"
        problems.append(Problem("$.next_review", message))
    if len(record.agreed_priorities) > MAX_PLAN_PRIORITIES:
        message = f"at most {MAX_PLAN_PRIORITIES}; found {len(record.agreed_priorities)}"
        problems.append(Problem("$.agreed_priorities", message))
    problems += chosen_priority_problems(framework, record.agreed_priorities, "$.agreed_priorities")
    problems += [
        Problem(f"$.agreed_priorities[{n}].by", f"{p.by} is not after the discussion, {record.date}")
        for n, p in enumerate(record.agreed_priorities)
        if p.by <= record.date
    ]
    return problems + _parts_problems(framework, record)


def _parts_problems(framework: Framework, record: DiscussionRecord) -> list[Problem]:
    """The problems in the record's views, support and strengths."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for n, view in enumerate(record.views):
        problems += _aspects(framework, f"$.views[{n}].aspect", (view.aspect,))
        if view.aspect in seen:
            problems.append(
                Problem(f"$.views[{n}].aspect", f"{view.aspect} is given a view at views[{seen[view.aspect]}] too")
            )
        seen.setdefault(view.aspect, n)
        problems += _text(f"$.views[{n}].note", view.note, required=False)
    for name, items in (("support", record.support), ("strengths", record.strengths)):
        if len(items) > MAX_PLAN_ITEMS:
            problems.append(Problem(f"$.{name}", f"at most {MAX_PLAN_ITEMS}; found {len(items)}"))
    for n, item in enumerate(record.support):
        problems += _aspects(framework, f"$.support[{n}].aspects", item.aspects)
        problems += _text(f"$.support[{n}].description", item.description)
        problems += _text(f"$.support[{n}].provider", item.provider, most=MAX_NAME, required=False)
    for n, offer in enumerate(record.strengths):
        problems += _aspects(framework, f"$.strengths[{n}].aspects", offer.aspects)
        if isinstance(offer.capacity, bool) or not isinstance(offer.capacity, int) or offer.capacity < 1:
            message = f"how many schools it can support: a whole number of at least 1; found {offer.capacity!r}"
            problems.append(Problem(f"$.strengths[{n}].capacity", message))
        problems += _text(f"$.strengths[{n}].note", offer.note, required=False)
    problems += _text("$.notes", record.notes, required=False)
    return problems


def view_differences(
    framework: Framework, record: DiscussionRecord, profile: StageProfile | None = None
) -> tuple[ViewDifference, ...]:
    """The aspects where the school's view of the stage and the local authority's differ, each explained.

    This is moderation: both views are kept, and neither overwrites the
    other. With the school's stage profile, each difference also says what
    the evidence gives by the profile's rule.

    Raises:
        AnalysisError: If the profile is of another school, or of a
            self-evaluation dated after the discussion.

    Examples:
        >>> import datetime
        >>> from school_improvement import AspectView, DiscussionRecord, Participant, Stage, load_framework
        >>> from school_improvement import view_differences
        >>> framework = load_framework()
        >>> record = DiscussionRecord(
        ...     "ex-1",
        ...     framework.edition_id,
        ...     datetime.date(2026, 11, 20),
        ...     (Participant("Headteacher"),),
        ...     (),
        ...     (AspectView("PV", Stage.BUILDING_MOMENTUM, Stage.MAKING_PROGRESS),),
        ...     (),
        ...     (),
        ...     datetime.date(2027, 3, 1),
        ... )
        >>> print(view_differences(framework, record)[0].explanation)
        Using pupil voice: the school sees Building momentum, the local authority Making progress (one stage lower).
    """
    problems = []
    if profile is not None and profile.school != record.school:
        problems.append(Problem("$.profile.school", f"the profile is of {profile.school!r}, not {record.school!r}"))
    if profile is not None and profile.date > record.date:
        message = f"the profile's self-evaluation is dated {profile.date}, after the discussion, {record.date}"
        problems.append(Problem("$.profile.date", message))
    if problems:
        raise AnalysisError(record.school, problems)
    found = []
    for view in record.views:
        if view.school_stage == view.local_authority_stage:
            continue

        def words(stage: Stage | None) -> str:
            return "no stage yet" if stage is None else framework.stage_name(stage).en

        school = 0 if view.school_stage is None else view.school_stage.position
        authority = 0 if view.local_authority_stage is None else view.local_authority_stage.position
        apart = abs(school - authority)
        count = "one stage" if apart == 1 else f"{apart} stages"
        side = "lower" if authority < school else "higher"
        explanation = (
            f"{framework.aspect(view.aspect).title.en}: the school sees {words(view.school_stage)}, the local "
            f"authority {words(view.local_authority_stage)} ({count} {side})"
        )
        evidence = None
        if profile is not None:
            judgement = profile.judgement(view.aspect)
            evidence = judgement.stage
            said = words(evidence) if judgement.status.judged else judgement.status.value.replace("-", " ")
            explanation += f"; the evidence gives {said} by the {profile.rule.name} rule"
        if view.note:
            explanation += f". Said: {view.note.strip()}"
        if not explanation.endswith((".", "!", "?")):
            explanation += "."
        found.append(ViewDifference(view.aspect, view.school_stage, view.local_authority_stage, evidence, explanation))
    return tuple(found)

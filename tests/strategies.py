"""Hypothesis strategies for the library's objects, shared by the property tests."""

import datetime
import itertools

from hypothesis import strategies as st

from helpers import EVALUATION_DATE, FRAMEWORK, Rated, evaluation_of
from school_improvement import (
    ActionState,
    ActionStatus,
    AspectView,
    ChosenPriority,
    CriterionState,
    CriterionStatus,
    Descriptor,
    DescriptorItem,
    DescriptorKind,
    DevelopmentPlan,
    DiscussionRecord,
    Evidence,
    EvidenceKind,
    EvidenceToGather,
    Milestone,
    Participant,
    PlanAction,
    PlanPriority,
    ProgressUpdate,
    Rating,
    Reason,
    ReviewRecord,
    SelfEvaluation,
    Stage,
    StrengthOffer,
    SuccessCriterion,
    SupportItem,
    SupportSource,
    SupportStatus,
    TargetStanding,
    TargetState,
    Text,
    Welsh,
    WelshProvenance,
)
from school_improvement._planning.plan import DRAFT_NOTE, PLAN_YEARS, years_after

ASPECT_CODES = st.sampled_from(["SV", "LA", "LC", "LW", "TA", "CU", "SE", "PL", "PV", "FC"])

stages = st.sampled_from(list(Stage))

words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
"""Non-blank text, Welsh letters (ŵ, ŷ, â…) and typographic quotes included."""

welsh = st.one_of(
    st.builds(Welsh, text=words, provenance=st.just(WelshProvenance.OFFICIAL), source=words),
    st.builds(Welsh, text=words, provenance=st.just(WelshProvenance.TRANSLATION), source=st.none() | words),
)

texts = st.builds(Text, en=words, cy=st.none() | welsh)

cell_words = words.map(str.strip)
"""Non-blank text with no space around it, as a spreadsheet cell keeps it once trimmed."""


@st.composite
def descriptors(draw: st.DrawFn) -> Descriptor:
    """A descriptor with a well-formed code that matches its aspect and stage."""
    aspect = draw(ASPECT_CODES)
    stage = draw(stages)
    number = draw(st.integers(min_value=1, max_value=9))
    code = f"{aspect}.{stage.position}.{number}"
    item_count = draw(st.integers(min_value=0, max_value=3))
    items = tuple(DescriptorItem(f"{code}.{chr(ord('a') + place)}", draw(texts)) for place in range(item_count))
    return Descriptor(
        code=code,
        aspect=aspect,
        stage=stage,
        text=draw(texts),
        kind=draw(st.sampled_from(list(DescriptorKind))),
        items=items,
    )


evidence_items = st.builds(
    Evidence,
    kind=st.sampled_from(list(EvidenceKind)),
    date=st.dates(min_value=datetime.date(2024, 1, 1), max_value=EVALUATION_DATE),
    note=st.none() | words,
    reference=st.none() | words,
)


@st.composite
def self_evaluations(draw: st.DrawFn, *, aspects: tuple[str, ...] | None = None) -> SelfEvaluation:
    """A valid self-evaluation of the bundled edition: any mix of unrated, rated and not-applicable descriptors."""
    chosen = aspects if aspects is not None else tuple(a.code for a in FRAMEWORK.aspects)
    ratings: list[Rated] = []
    for descriptor in FRAMEWORK.descriptors:
        if descriptor.aspect not in chosen:
            continue
        rating = draw(st.sampled_from([None, *Rating]))
        if rating is None:
            continue
        evidence = tuple(draw(st.lists(evidence_items, min_size=0, max_size=3)))
        ratings.append((descriptor.code, rating, evidence))
    return evaluation_of(*ratings, school="school-under-test")


def _iso(day: datetime.date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


date_like: st.SearchStrategy[object] = st.one_of(
    st.dates().map(_iso),
    st.dates().map(lambda day: _iso(day).replace("-", "")),
    st.datetimes().map(lambda moment: moment.isoformat() + "Z"),
    st.dates().map(lambda day: f"{_iso(day)}T00:00:00Z"),
    st.integers(min_value=-(2**31), max_value=2**33).map(str),
    st.integers(min_value=-(2**31), max_value=2**33),
    st.builds(
        "{:04d}-{:02d}-{:02d}".format,
        st.integers(min_value=0, max_value=9999),
        st.integers(min_value=0, max_value=13),
        st.integers(min_value=28, max_value=32),
    ),
    st.dates().map(lambda day: f" {_iso(day)}\n"),
    st.dates().map(lambda day: _iso(day).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))),
)
"""What might be sent as a date: YYYY-MM-DD, compact, with a time, a timestamp as text or a number, an impossible
day, padded with white space, or in Arabic-Indic digits."""


DESCRIPTOR_CODES = st.sampled_from([d.code for d in FRAMEWORK.descriptors])
NATIONAL_PRIORITY_CODES = st.sampled_from([p.code for p in FRAMEWORK.national_priorities])
FACTOR_NUMBERS = [f.number for f in FRAMEWORK.contributory_factors]


def _days(low: datetime.date, high: datetime.date) -> st.SearchStrategy[datetime.date]:
    return st.dates(min_value=low, max_value=high)


def _in_order(draw: st.DrawFn, low: datetime.date, high: datetime.date, most: int) -> list[datetime.date]:
    return sorted(draw(st.lists(_days(low, high), max_size=most)))


def _aspects(draw: st.DrawFn) -> tuple[str, ...]:
    return tuple(draw(st.lists(ASPECT_CODES, min_size=1, max_size=3, unique=True)))


def _aspect_groups(draw: st.DrawFn, count: int) -> list[tuple[str, ...]]:
    """Aspects for ``count`` priorities, one to three each, no aspect in two: an aspect has one target."""
    if not count:
        return []
    aspects = draw(st.lists(ASPECT_CODES, min_size=count, max_size=min(3 * count, 10), unique=True))
    cuts = (
        sorted(draw(st.lists(st.integers(1, len(aspects) - 1), min_size=count - 1, max_size=count - 1, unique=True)))
        if count > 1
        else []
    )
    bounds = [0, *cuts, len(aspects)]
    return [tuple(aspects[a:b][:3]) for a, b in itertools.pairwise(bounds)]


@st.composite
def _action(
    draw: st.DrawFn, ident: str, starts: datetime.date, ends: datetime.date, text: st.SearchStrategy[str]
) -> PlanAction:
    start = draw(st.none() | _days(starts, ends))
    due = draw(st.none() | _days(start or starts, ends))
    status = draw(st.sampled_from(list(ActionStatus)))
    done_on = draw(st.none() | _days(start or starts, ends)) if status is ActionStatus.DONE else None
    return PlanAction(
        id=ident,
        text=draw(text),
        descriptor=draw(st.none() | DESCRIPTOR_CODES),
        owner=draw(st.none() | text),
        start=start,
        due=due,
        status=status,
        resources=draw(st.none() | text),
        cost=draw(st.none() | st.integers(min_value=0, max_value=10**9)),
        done_on=done_on,
    )


@st.composite
def _priority(  # noqa: PLR0913, PLR0917 (a strategy's parts)
    draw: st.DrawFn,
    idents: list[str],
    starts: datetime.date,
    ends: datetime.date,
    text: st.SearchStrategy[str],
    aspects: tuple[str, ...],
) -> PlanPriority:
    ident, *rest = idents
    actions = draw(st.integers(min_value=0, max_value=len(rest)))
    criteria = [
        SuccessCriterion(
            c,
            draw(text),
            draw(st.none() | DESCRIPTOR_CODES),
            draw(st.none() | NATIONAL_PRIORITY_CODES),
            draw(st.sampled_from(list(CriterionStatus))),
        )
        for c in rest[actions:]
    ]
    return PlanPriority(
        id=ident,
        objective=draw(text),
        aspects=aspects,
        reason=draw(text),
        target=draw(stages),
        by=draw(_days(starts + datetime.timedelta(days=1), ends)),
        national_priority=draw(st.none() | NATIONAL_PRIORITY_CODES),
        lead=draw(st.none() | text),
        resources=draw(st.none() | text),
        cost=draw(st.none() | st.integers(min_value=0, max_value=10**9)),
        actions=tuple(draw(_action(a, starts, ends, text)) for a in rest[:actions]),
        success_criteria=tuple(criteria),
        milestones=tuple(Milestone(day, draw(text)) for day in _in_order(draw, starts, ends, 2)),
        updates=tuple(ProgressUpdate(day, draw(text)) for day in _in_order(draw, starts, ends, 2)),
        contributory_factors=tuple(sorted(draw(st.sets(st.sampled_from(FACTOR_NUMBERS), max_size=3)))),
    )


def _review(
    draw: st.DrawFn, day: datetime.date, priorities: tuple[PlanPriority, ...], text: st.SearchStrategy[str]
) -> ReviewRecord:
    actions = [a.id for p in priorities for a in p.actions]
    criteria = [c.id for p in priorities for c in p.success_criteria]
    targets = [(p.id, aspect) for p in priorities for aspect in p.aspects]
    return ReviewRecord(
        date=day,
        summary=draw(text),
        evidence=tuple(draw(st.lists(text, max_size=2))),
        actions=tuple(
            ActionState(a, draw(st.sampled_from(list(ActionStatus)))) for a in actions if draw(st.booleans())
        ),
        criteria=tuple(
            CriterionState(c, draw(st.sampled_from(list(CriterionStatus)))) for c in criteria if draw(st.booleans())
        ),
        targets=tuple(
            TargetState(p, aspect, draw(st.sampled_from(list(TargetStanding))), draw(st.none() | stages))
            for p, aspect in targets
            if draw(st.booleans())
        ),
    )


@st.composite
def development_plans(draw: st.DrawFn, *, text: st.SearchStrategy[str] = words) -> DevelopmentPlan:
    """A valid development plan of the bundled edition, as a school keeps it: every part filled in, or left out.

    Codes come from the edition; identifiers are unique in the plan; every
    date is in order and within the plan's years; reviews name only the
    plan's actions, criteria and targets. ``text`` gives every text and
    identifier (``cell_words`` for a plan whose texts survive a spreadsheet's
    trimming).
    """
    evaluated = draw(_days(datetime.date(2024, 1, 1), datetime.date(2030, 12, 31)))
    starts = evaluated + datetime.timedelta(days=draw(st.integers(min_value=0, max_value=60)))
    longest = (years_after(starts, PLAN_YEARS) - starts).days
    ends = starts + datetime.timedelta(days=draw(st.integers(min_value=1, max_value=longest)))
    sizes = draw(st.lists(st.integers(min_value=1, max_value=6), max_size=3))
    idents = draw(st.lists(text, min_size=sum(sizes), max_size=sum(sizes), unique=True))
    groups, at = [], 0
    for size in sizes:
        groups.append(idents[at : at + size])
        at += size
    aspects = _aspect_groups(draw, len(groups))
    priorities = tuple(
        draw(_priority(group, starts, ends, text, chosen)) for group, chosen in zip(groups, aspects, strict=True)
    )
    review_days = sorted(draw(st.sets(_days(starts, ends), max_size=2)))
    return DevelopmentPlan(
        school=draw(text),
        framework_edition=FRAMEWORK.edition_id,
        self_evaluation_date=evaluated,
        starts=starts,
        ends=ends,
        priorities=priorities,
        reviews=tuple(_review(draw, day, priorities, text) for day in review_days),
        note=draw(st.just(DRAFT_NOTE) | text),
        evidence_to_gather=tuple(
            EvidenceToGather(
                aspect, draw(text), tuple(Reason("evidence", draw(text)) for _ in range(draw(st.integers(0, 2))))
            )
            for aspect in draw(st.lists(ASPECT_CODES, max_size=2, unique=True))
        ),
    )


@st.composite
def discussion_records(draw: st.DrawFn) -> DiscussionRecord:
    """A valid record of a professional discussion of the bundled edition.

    Someone takes part; agreed targets and the next review fall after the
    meeting; each aspect has one view at most; every support item and offer
    names an aspect; capacities are at least 1.
    """
    met = draw(_days(datetime.date(2024, 1, 1), datetime.date(2030, 12, 31)))
    after = _days(met + datetime.timedelta(days=1), met + datetime.timedelta(days=3 * 366))
    maybe = st.none() | words
    return DiscussionRecord(
        school=draw(words),
        framework_edition=FRAMEWORK.edition_id,
        date=met,
        participants=tuple(draw(st.lists(st.builds(Participant, words, maybe), min_size=1, max_size=3))),
        agreed_priorities=tuple(
            ChosenPriority(aspects, draw(words), draw(stages), draw(after), draw(st.none() | NATIONAL_PRIORITY_CODES))
            for aspects in _aspect_groups(draw, draw(st.integers(min_value=0, max_value=3)))
        ),
        views=tuple(
            AspectView(aspect, draw(st.none() | stages), draw(st.none() | stages), draw(maybe))
            for aspect in draw(st.lists(ASPECT_CODES, max_size=3, unique=True))
        ),
        support=tuple(
            SupportItem(
                _aspects(draw),
                draw(words),
                draw(st.sampled_from(list(SupportSource))),
                draw(st.sampled_from(list(SupportStatus))),
                draw(maybe),
            )
            for _ in range(draw(st.integers(min_value=0, max_value=2)))
        ),
        strengths=tuple(
            StrengthOffer(_aspects(draw), draw(st.integers(min_value=1, max_value=10)), draw(maybe))
            for _ in range(draw(st.integers(min_value=0, max_value=2)))
        ),
        next_review=draw(after),
        notes=draw(maybe),
    )

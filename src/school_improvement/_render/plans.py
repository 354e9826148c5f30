"""The development plan and its review as blocks: for the school report, the command line, parents and governors.

A draft and the school's own plan are shown alike, field by field: what the
school has not decided yet is shown as still "to decide", never invented. The
summary for parents and governors keeps to plain words: what the school is
working on and why, what it will do and when, how it will know, and where it
stands.
"""

from collections import Counter

from school_improvement._planning.choices import PriorityNotice
from school_improvement._planning.cycle import Cycle
from school_improvement._planning.gaps import AspectGap, GapStatus, default_targets
from school_improvement._planning.plan import (
    ActionStatus,
    CriterionStatus,
    DevelopmentPlan,
    PlanAction,
    PlanPriority,
    ReviewRecord,
    TargetStanding,
)
from school_improvement._planning.review import ActionReview, PlanReview, TargetReview
from school_improvement._render.document import Block, Bullets, Document, Facts, Inline, Paragraph, Section, Table
from school_improvement._render.wording import (
    NOTICED,
    NOTICED_NOT_CHANGED,
    SCHOOL_CAUTION,
    SUMMARY_CAUTION,
    TARGET_STANDINGS,
    TO_DECIDE,
    Wording,
    change_words,
    long_date,
    notice_words,
    pounds,
    standing_words,
    status_words,
)

_UNJUDGED = (TargetStanding.NO_SELF_EVALUATION, TargetStanding.NOT_ENOUGH_EVIDENCE, TargetStanding.NOT_APPLICABLE)


def _described(text: str, descriptor: str | None) -> str:
    return text if descriptor is None else f"{text} ({descriptor})"


def _actions(priority: PlanPriority, review: PlanReview | None) -> Table:
    standing = {} if review is None else {a.action: standing_words(a) for a in review.actions}
    costed = any(action.resources is not None or action.cost is not None for action in priority.actions)
    headers: tuple[str, ...] = ("Action", "What", "Owner", "Start", "Due", "Status")
    headers += ("At the review",) if review is not None else ()
    headers += ("Resources", "Cost") if costed else ()
    rows = []
    for action in priority.actions:
        done = f" on {action.done_on}" if action.done_on is not None else ""
        row: tuple[Inline, ...] = (
            action.id,
            _described(action.text, action.descriptor),
            action.owner or TO_DECIDE,
            str(action.start or TO_DECIDE),
            str(action.due or TO_DECIDE),
            status_words(action.status) + done,
        )
        row += (standing[action.id],) if review is not None else ()
        row += (action.resources or "-", "-" if action.cost is None else pounds(action.cost)) if costed else ()
        rows.append(row)
    return Table("Actions", headers, tuple(rows), key=2)


REASONS_SAID = "as said above, under Gaps to targets and Priorities and next steps"
"""A drafted priority's reasons in the school report, which has said them already."""


def _priority(
    wording: Wording, number: int, priority: PlanPriority, review: PlanReview | None, *, reasons_said: bool = False
) -> Section:
    facts: list[tuple[str, Inline]] = [
        ("Objective", priority.objective),
        ("Identifier", priority.id),
        ("Why chosen", REASONS_SAID if reasons_said else priority.reason or "not said"),
        ("Target", (wording.stage_said(priority.target), f" by {priority.by}")),
    ]
    if priority.national_priority is not None:
        facts.append(("National priority", wording.national_priority(priority.national_priority, start=True)))
    facts.append(("Lead", priority.lead or TO_DECIDE))
    if priority.resources is not None:
        facts.append(("Resources", priority.resources))
    if priority.cost is not None:
        facts.append(("Cost", pounds(priority.cost)))
    if not priority.milestones:
        facts.append(("Milestones and review points", TO_DECIDE))
    blocks: list[Block] = [Facts(tuple(facts))]
    blocks.append(_actions(priority, review) if priority.actions else Paragraph(f"Actions: {TO_DECIDE}."))
    criteria = tuple(
        (
            c.id,
            _described(c.text, c.descriptor)
            if c.national_priority is None
            else (
                _described(c.text, c.descriptor),
                " (national priority: ",
                wording.national_priority(c.national_priority),
                ")",
            ),
            status_words(c.status),
        )
        for c in priority.success_criteria
    )
    blocks.append(
        Table("Success criteria", ("Criterion", "What success looks like", "Status"), criteria, key=2)
        if criteria
        else Paragraph(f"Success criteria: {TO_DECIDE}.")
    )
    if priority.milestones:
        milestones = tuple((str(m.date), m.text) for m in priority.milestones)
        blocks.append(Table("Milestones", ("Date", "What should be in place"), milestones, key=2))
    if priority.updates:
        updates = tuple((str(u.date), u.text) for u in priority.updates)
        blocks.append(Table("Progress updates", ("Date", "What has happened"), updates, key=2))
    return Section(f"Priority {number}: {wording.aspects(priority.aspects)}", tuple(blocks))


def plan_blocks(
    wording: Wording,
    plan: DevelopmentPlan,
    review: PlanReview | None = None,
    *,
    drafted: bool,
    reasons_said: bool = False,
) -> tuple[Block, ...]:
    """A plan's years, note and priorities, each with its facts, actions, success criteria, milestones and updates.

    A draft shows its note; the school's own plan shows its note only when
    the school has written one. With a review, each action's standing at it
    is in the actions' table. With ``reasons_said``, a draft's reasons for
    each priority are not repeated: the report has said them above.
    """
    blocks: list[Block] = []
    if drafted or not plan.drafted:
        blocks.append(Paragraph(plan.note, "muted"))
    years = f"From {plan.starts} to {plan.ends}, after the self-evaluation of {plan.self_evaluation_date}."
    blocks.append(Paragraph(years))
    blocks += [
        _priority(wording, number, p, review, reasons_said=reasons_said)
        for number, p in enumerate(plan.priorities, start=1)
    ]
    if not plan.priorities:
        blocks.append(Paragraph("The plan has no priorities yet."))
    if plan.evidence_to_gather:
        gather = tuple(
            f"{wording.framework.aspect(item.aspect).title.en} ({item.aspect}): {item.shortfall}"
            for item in plan.evidence_to_gather
        )
        blocks.append(Bullets(gather, "Before planning for them, gather evidence on"))
    return tuple(blocks)


def _stage_now(wording: Wording, target: TargetReview) -> Inline:
    if target.standing in _UNJUDGED:
        return "-"
    return wording.stage_said(target.stage)


def _due_row(action: ActionReview) -> tuple[Inline, ...]:
    return (action.action, action.text, action.owner or TO_DECIDE, str(action.due), standing_words(action))


def review_blocks(wording: Wording, review: PlanReview) -> tuple[Block, ...]:
    """A review: its date and basis, each target's standing and why, the actions due and overdue, what changed."""
    basis = (
        f" The targets are judged against the self-evaluation of {review.self_evaluation_date}, by the "
        f"{review.rule} rule."
        if review.self_evaluation_date is not None
        else " No self-evaluation was given to judge the targets by."
    )
    last = (
        f" The last review recorded was on {review.last_review}."
        if review.last_review is not None
        else " No earlier review is recorded."
    )
    blocks: list[Block] = [Paragraph(f"Reviewed on {review.date}.{basis}{last}")]
    targets = tuple(
        (
            target.priority,
            wording.framework.aspect(target.aspect).title.en,
            (wording.stage_said(target.target), f" by {target.by}"),
            _stage_now(wording, target),
            TARGET_STANDINGS[target.standing],
            target.explanation,
        )
        for target in review.targets
    )
    headers = ("Priority", "Aspect", "Target", "Stage now", "Standing", "Why")
    blocks.append(Table("Targets", headers, targets, key=2) if targets else Paragraph("The plan sets no targets."))
    late = review.overdue + review.due
    blocks.append(
        Table("Actions due and overdue", ("Action", "What", "Owner", "Due", "Standing"), tuple(map(_due_row, late)), 2)
        if late
        else Paragraph("No action is due or overdue.")
    )
    if review.last_review is None:
        blocks.append(Paragraph("With no earlier review recorded, there is nothing to compare with."))
    elif not review.changes:
        blocks.append(Paragraph(f"Nothing has changed since the last review, on {review.last_review}."))
    else:
        changes = tuple(change_words(change) for change in review.changes)
        blocks.append(Bullets(changes, f"Changed since the last review, on {review.last_review}"))
    return tuple(blocks)


def records_blocks(reviews: tuple[ReviewRecord, ...]) -> tuple[Block, ...]:
    """The reviews recorded in a plan: each date, what it concluded and the evidence it looked at."""
    if not reviews:
        return (Paragraph("No review is recorded in the plan yet."),)
    rows = tuple((str(r.date), r.summary, "; ".join(r.evidence) or "none named") for r in reviews)
    return (Table("Reviews recorded", ("Date", "What the review concluded", "Evidence looked at"), rows),)


def every_item_blocks(review: PlanReview) -> tuple[Block, ...]:
    """Every action with its standing and every success criterion with its status, as a review found them."""
    actions = tuple(
        (a.action, a.text, a.owner or TO_DECIDE, str(a.due or TO_DECIDE), status_words(a.status), standing_words(a))
        for a in review.actions
    )
    criteria = tuple((c.criterion, _described(c.text, c.descriptor), status_words(c.status)) for c in review.criteria)
    return (
        Table("Every action", ("Action", "What", "Owner", "Due", "Status", "Standing"), actions, key=2),
        Table("Every success criterion", ("Criterion", "What success looks like", "Status"), criteria, key=2),
    )


SCHOOLS_TARGET = "The school's target"
"""The label of a gap whose target is set by one of the school's chosen priorities."""
DEFAULT_TARGET = "Default target (the next stage)"
"""The label of a gap whose target is the default: the stage after the one reached."""
GIVEN_TARGET = "A target given for this report"
"""The label of a gap whose target is neither the school's choice nor the default (one passed in with the cycle)."""

TARGETS_SAID = (
    "The school's targets are those of the priorities it chose; every other aspect is measured against the "
    "default target, the next stage."
)
"""What the gaps section says first when the school chose its priorities: whose target is whose."""


def open_gaps(cycle: Cycle) -> tuple[tuple[str | None, AspectGap], ...]:
    """The open gaps, each with whose target it is when the school chose its priorities (else ``None``).

    A gap's target is the school's when its aspect is one of the school's
    chosen priorities; otherwise it is the default, the next stage (or one
    given for the report, where it is not the next stage).
    """
    gaps = tuple(gap for gap in cycle.gaps.gaps if gap.status is GapStatus.OPEN)
    if not cycle.recommendation.chosen_by_school:
        return tuple((None, gap) for gap in gaps)
    chosen = {priority.aspect for priority in cycle.recommendation.priorities if priority.chosen is not None}
    defaults = {target.aspect: target.stage for target in default_targets(cycle.profile)}

    def whose(gap: AspectGap) -> str:
        if gap.aspect in chosen:
            return SCHOOLS_TARGET
        return DEFAULT_TARGET if defaults.get(gap.aspect) == gap.target else GIVEN_TARGET

    return tuple((whose(gap), gap) for gap in gaps)


def notices_section(notices: tuple[PriorityNotice, ...]) -> Section | None:
    """What the library notices about the school's chosen priorities, as noticed, not changed; ``None`` for nothing."""
    if not notices:
        return None
    return Section(NOTICED, (Paragraph(NOTICED_NOT_CHANGED), Bullets(tuple(notice_words(n) for n in notices))))


def plan_sections(wording: Wording, cycle: Cycle) -> tuple[Section, ...]:
    """The school report's plan: the draft, or the school's own plan and its review with the reviews recorded."""
    if cycle.review is None:
        drafted = plan_blocks(wording, cycle.plan, drafted=True, reasons_said=True)
        return (Section("Development plan (draft)", drafted),)
    return (
        Section("Development plan", plan_blocks(wording, cycle.plan, cycle.review, drafted=False)),
        Section("Plan review", review_blocks(wording, cycle.review) + records_blocks(cycle.plan.reviews)),
    )


def plan_document(wording: Wording, plan: DevelopmentPlan, *, drafted: bool) -> Document:
    """A plan on its own, for the command line."""
    if drafted:
        title = f"School development plan (draft): {plan.school}, after the self-evaluation of "
        title += str(plan.self_evaluation_date)
    else:
        title = f"School development plan: {plan.school}, {plan.starts} to {plan.ends}"
    return Document(title, (), SCHOOL_CAUTION, plan_blocks(wording, plan, drafted=drafted))


def review_document(wording: Wording, review: PlanReview) -> Document:
    """A plan review on its own, for the command line: the review, then every action and criterion."""
    title = f"Plan review: {review.school}, {review.date}"
    return Document(title, (), SCHOOL_CAUTION, review_blocks(wording, review) + every_item_blocks(review))


def _when(action: PlanAction) -> str:
    if action.status is ActionStatus.DONE:
        return "done" if action.done_on is None else f"done {long_date(action.done_on)}"
    if action.status is ActionStatus.DROPPED:
        return "no longer going ahead"
    if action.start is not None and action.due is not None:
        return f"{long_date(action.start)} to {long_date(action.due)}"
    if action.due is not None:
        return f"by {long_date(action.due)}"
    if action.start is not None:
        return f"from {long_date(action.start)}"
    return "dates to be set"


def _count(counts: Counter[str], order: tuple[str, ...]) -> str:
    return ", ".join(f"{counts[said]} {said}" for said in order if counts[said])


def _where_now(wording: Wording, priority: PlanPriority, review: PlanReview) -> Bullets:
    items: list[Inline] = []
    for target in review.targets:
        if target.priority != priority.id:
            continue
        title = wording.framework.aspect(target.aspect).title.en
        standing = f"{title}: {TARGET_STANDINGS[target.standing]}"
        if target.standing in _UNJUDGED:
            items.append(standing)
        else:
            items.append((standing, " (now at ", wording.stage_said(target.stage), ")"))
    actions = [a for a in review.actions if a.priority == priority.id]
    if actions:
        order = tuple(status_words(status) for status in ActionStatus)
        said = _count(Counter(status_words(a.status) for a in actions), order)
        late = sum(1 for a in actions if a in review.overdue)
        items.append(f"Actions: {said}" + (f"; {late} overdue." if late else "."))
    criteria = [c for c in review.criteria if c.priority == priority.id]
    if criteria:
        met = sum(1 for c in criteria if c.status is CriterionStatus.MET)
        items.append(f"Success criteria: {met} of {len(criteria)} met.")
    return Bullets(tuple(items), f"Where we are now (reviewed {long_date(review.date)})")


def _summary_priority(
    wording: Wording, number: int, priority: PlanPriority, review: PlanReview | None, *, include_costs: bool
) -> Section:
    facts: list[tuple[str, Inline]] = [
        ("What we are working on", wording.aspects(priority.aspects)),
        ("Why", priority.reason or "not said"),
        (
            "What we are aiming for",
            ("the stage ", wording.stage_said(priority.target), f" by {long_date(priority.by)}"),
        ),
    ]
    if priority.national_priority is not None:
        facts.append(("National priority", wording.national_priority(priority.national_priority, start=True)))
    if priority.lead is not None:
        facts.append(("Led by", priority.lead))
    if include_costs and priority.resources is not None:
        facts.append(("Resources", priority.resources))
    if include_costs and priority.cost is not None:
        facts.append(("Cost", pounds(priority.cost)))
    blocks: list[Block] = [Facts(tuple(facts))]
    actions = tuple(
        f"{action.text} ({_when(action)}"
        + (f"; cost {pounds(action.cost)}" if include_costs and action.cost is not None else "")
        + ")"
        for action in priority.actions
    )
    blocks.append(Bullets(actions, "What we will do") if actions else Paragraph("What we will do is still to decide."))
    criteria = tuple(criterion.text for criterion in priority.success_criteria)
    blocks.append(
        Bullets(criteria, "How we will know") if criteria else Paragraph("How we will know is still to decide.")
    )
    if review is not None:
        blocks.append(_where_now(wording, priority, review))
    return Section(f"Priority {number}: {priority.objective}", tuple(blocks))


def summary_document(
    wording: Wording, plan: DevelopmentPlan, review: PlanReview | None, *, include_costs: bool
) -> Document:
    """The plan in plain words for parents and governors: each priority, what the school will do, how it will know.

    Owners of actions are not named; a priority's lead is shown as the
    school wrote it. Resources and costs are shown only when asked for.
    """
    count = "1 priority" if len(plan.priorities) == 1 else f"{len(plan.priorities)} priorities"
    opening = (
        f"Our plan runs from {long_date(plan.starts)} to {long_date(plan.ends)}. After looking closely at how the "
        f"school is doing (our self-evaluation of {long_date(plan.self_evaluation_date)}), we chose {count} to "
        "work on."
    )
    blocks: list[Block] = [Paragraph(opening)]
    blocks += [
        _summary_priority(wording, number, priority, review, include_costs=include_costs)
        for number, priority in enumerate(plan.priorities, start=1)
    ]
    notes = (wording.note,) if wording.note else ()
    title = f"Our school development plan: {plan.school}"
    return Document(title, notes, SUMMARY_CAUTION, tuple(blocks), wording.welsh_sources)

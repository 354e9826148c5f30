"""The reports across schools as blocks: the roll-up and the partnerships, said once and written out by each format.

A report names schools, never only their references, where the register or
the survey gives the names, and names each aspect with its code beside it
("Leadership approaches (LA)"), so that no code is read as something else.
The roll-up counts schools at each stage in each aspect and says which
schools sit in each count; the collaboration leads with who supports whom
and explains each partnership after. Each school is listed last with its
self-evaluation and where its priorities come from. HTML adds a picture of
the counts; every format has the same words.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

import attrs

from school_improvement._assessment.assess import Judgement, JudgementStatus, RuleDescription
from school_improvement._authority.matching import Collaboration, Partnership, UnmatchedReason
from school_improvement._authority.rollup import AspectSpread, GroupRollup, Rollup
from school_improvement._authority.schools import School
from school_improvement._authority.survey import DecisionBasis, SchoolBasis, SelfEvaluationAge, Survey
from school_improvement._errors import AnalysisError, Problem
from school_improvement._planning.choices import PriorityNotice
from school_improvement._planning.discussion import SupportStatus
from school_improvement._render.document import Block, Bullets, Facts, Inline, Paragraph, Section, Table
from school_improvement._render.wording import (
    BASES,
    DEFAULTS,
    NOTICED_ACROSS,
    PENALTIES,
    SUPPORT_SOURCES,
    SYSTEM_PRIORITY_RULES,
    UNMATCHED_REASONS,
    UNUSED_OFFER_REASONS,
    Wording,
    authority_caution,
    authority_title,
    notice_words,
    status_words,
)
from school_improvement._stage import Stage

Notices = Mapping[str, Sequence[PriorityNotice]]
"""What the library notices about each school's chosen priorities, by its reference (a snapshot's ``notices``)."""

NOTICED_EACH = "What we notice about each school's chosen priorities"
"""The caption of the notices listed across schools."""

NOT_RECORDED = "not recorded"
"""What a cell shows where the result does not hold the fact (a result built by hand, or from an older payload)."""

STAGES_ACROSS = "Stages across schools"
"""The heading of the roll-up's part of a report."""

IN_EACH_COUNT = "Which schools are in each count"
"""The heading of the roll-up's lists of the schools behind each count."""


@attrs.frozen
class Names:
    """Each school's name by its reference, for the reports people read.

    A name that two schools share is followed by the reference in brackets,
    so that no two schools read alike; a school the names do not know keeps
    its reference.

    Attributes:
        known: The name to show for each reference.

    Examples:
        >>> from school_improvement import LanguageMedium, Phase, School
        >>> names = Names.of(
        ...     [School("ex-1", "Ysgol Enghraifft", "Example County", None, Phase.PRIMARY, LanguageMedium.WELSH)]
        ... )
        >>> names("ex-1"), names("ex-2")
        ('Ysgol Enghraifft', 'ex-2')
    """

    known: Mapping[str, str] = MappingProxyType({})

    @classmethod
    def of(cls, schools: Iterable[School]) -> "Names":
        """The names of these schools; the first record of a reference given twice stands."""
        first = {school.ref: school for school in reversed(list(schools))}
        shared = Counter(school.name for school in first.values())
        return cls(
            MappingProxyType(
                {
                    ref: school.name if shared[school.name] == 1 else f"{school.name} ({ref})"
                    for ref, school in reversed(first.items())
                }
            )
        )

    def __call__(self, ref: str) -> str:
        """The school's name, or its reference where no name is known."""
        return self.known.get(ref, ref)

    def __bool__(self) -> bool:
        """True when any name is known."""
        return bool(self.known)


def aspect_named(wording: Wording, code: str) -> str:
    """An aspect's title with its code in brackets: ``Leadership approaches (LA)``, never the code alone."""
    return f"{wording.framework.aspect(code).title.en} ({code})"


def _schools(count: int) -> str:
    return "1 school" if count == 1 else f"{count} schools"


def _verb(count: int) -> str:
    return "is" if count == 1 else "are"


def _listed(names: Iterable[str]) -> str:
    return ", ".join(names) or "none"


Counted = Stage | JudgementStatus
"""What a count of a roll-up counts: a stage reached, or no stage yet, not enough evidence, not applicable."""

COUNTED: tuple[Counted, ...] = (
    JudgementStatus.NO_STAGE_YET,
    *Stage,
    JudgementStatus.NOT_ENOUGH_EVIDENCE,
    JudgementStatus.NOT_APPLICABLE,
)
"""Each count of an aspect's spread, in the order the tables, the picture and the lists give them."""


def counted_name(wording: Wording, kind: Counted) -> str:
    """What a count counts, in words, capitalised as a heading: ``No stage yet``, a stage's name."""
    if isinstance(kind, Stage):
        return wording.stage(kind)
    said = wording.judged(kind, None)
    return said[:1].upper() + said[1:]


def counts(spread: AspectSpread) -> tuple[int, ...]:
    """An aspect's counts of schools, one for each of ``COUNTED``, in its order."""
    stages = {count.stage: count.schools for count in spread.stages}
    return (
        spread.no_stage_yet,
        *(stages.get(stage, 0) for stage in Stage),
        spread.not_enough_evidence,
        spread.not_applicable,
    )


def counted_of(judgement: Judgement) -> Counted:
    """Which count of a roll-up a school's judgement of an aspect falls in."""
    if judgement.status is JudgementStatus.REACHED and judgement.stage is not None:
        return judgement.stage
    return judgement.status


def group_title(group: GroupRollup) -> str:
    """A group's heading: its name, capitalised, and how many schools it holds."""
    return f"{group.group[:1].upper()}{group.group[1:]} ({_schools(len(group.schools))})"


def chart_title(group: GroupRollup) -> str:
    """The accessible name of a group's picture of the counts."""
    return f"Schools at each stage in each aspect: {group_title(group)}"


def chart_description(wording: Wording, group: GroupRollup) -> str:
    """The picture's counts in words, aspect by aspect, for those who cannot see it."""
    named = [counted_name(wording, kind) for kind in COUNTED]
    named = [name if isinstance(kind, Stage) else name.lower() for kind, name in zip(COUNTED, named, strict=True)]
    said = []
    for spread in group.spreads:
        parts = ", ".join(f"{name} {count}" for name, count in zip(named, counts(spread), strict=True))
        said.append(f"{aspect_named(wording, spread.aspect)}: {parts}.")
    return " ".join(said)


def chart_caption(group: GroupRollup, *, listed: bool) -> str:
    """What the picture of a group's counts shows, and where the same is in words."""
    said = (
        f"Each bar is one aspect's {_schools(len(group.schools))}, split by the stage each has reached; a count is "
        "written on each part wide enough to hold it. Each kind of part has its own pattern, shown in the key. The "
        "same counts are in the table below"
    )
    return said + (
        f", and the schools in each count, across all the schools, under “{IN_EACH_COUNT}”." if listed else "."
    )


def stage_counts(wording: Wording, group: GroupRollup) -> Table:
    """A group's counts of schools at each stage in each aspect, with how much was rated (and the mean, if asked)."""
    mean = any(spread.mean_position is not None for spread in group.spreads)
    headers = ("Aspect", *(counted_name(wording, kind) for kind in COUNTED), "Descriptors rated")
    headers += ("Mean position",) if mean else ()
    rows = []
    for spread in group.spreads:
        rated = "-" if spread.coverage is None else f"{spread.coverage:.0%}"
        shown = () if not mean else ("-" if spread.mean_position is None else f"{spread.mean_position:.2f}",)
        rows.append((aspect_named(wording, spread.aspect), *(str(n) for n in counts(spread)), rated, *shown))
    caption = f"Schools at each stage in each aspect: {group_title(group)}"
    return Table(caption, headers, tuple(rows))


def held_back(wording: Wording, group: GroupRollup) -> Paragraph | None:
    """The aspects where schools are held back only by descriptors not yet rated; ``None`` where none is."""
    unrated = [spread for spread in group.spreads if spread.held_back_by_unrated]
    if not unrated:
        return None
    listed = ", ".join(
        f"{aspect_named(wording, spread.aspect)}: {_schools(spread.held_back_by_unrated)}" for spread in unrated
    )
    return Paragraph(f"Held back only by descriptors not yet rated, and so not counted as early: {listed}.")


def own_priorities(group: GroupRollup, bases: tuple[SchoolBasis, ...]) -> Paragraph:
    """How many of a group's schools set their own priorities, agreed or planned, and how many are on the defaults."""
    total, own = len(group.schools), group.own_priorities
    defaults = total - own
    if not own:
        everyone = "the school is" if total == 1 else f"all {total} are"
        return Paragraph(f"No school set priorities of its own: {everyone} on the defaults, {DEFAULTS}.")
    of = {basis.school: basis.basis for basis in bases}
    known = [of[ref] for ref in group.schools if ref in of]
    split = ""
    if len(known) == total:
        agreed, planned = known.count(DecisionBasis.AGREED), known.count(DecisionBasis.PLAN)
        parts = [f"{agreed} agreed in a professional discussion"] if agreed else []
        parts += [f"{planned} from a development plan"] if planned else []
        split = f" ({', '.join(parts)})"
    if not defaults:
        lead = (
            "The school set priorities of its own" if total == 1 else f"All {total} schools set priorities of their own"
        )
        return Paragraph(f"{lead}{split}; none is on the defaults.")
    return Paragraph(
        f"{own} of the {total} schools set priorities of their own{split}; {defaults} {_verb(defaults)} on the "
        f"defaults, {DEFAULTS}."
    )


def system_priorities(wording: Wording, group: GroupRollup) -> Block:
    """The group's system-level priorities, each with the rules that made it one and why."""
    if not group.system_priorities:
        return Paragraph(
            "System-level priorities: none. In no aspect are most judged schools at the early stages, nor did most "
            "schools that set their own priorities (two at least) choose it."
        )
    rows = []
    for priority in group.system_priorities:
        title = wording.framework.aspect(priority.aspect).title.en
        rules = " and ".join(SYSTEM_PRIORITY_RULES[rule] for rule in priority.rules)
        rows.append((aspect_named(wording, priority.aspect), rules, priority.explanation.removeprefix(f"{title}: ")))
    return Table("System-level priorities", ("Aspect", "Rule", "Why"), tuple(rows))


def shared_steps(wording: Wording, group: GroupRollup) -> Bullets:
    """The next steps most shared among the group's schools' priorities, each with its descriptor and aspect."""
    items = tuple(
        f"{step.descriptor} ({wording.framework.aspect(step.aspect).title.en}; {_schools(step.schools)}): {step.text}"
        for step in group.shared_steps
    )
    return Bullets(items or ("None shared by two schools or more.",), "Shared next steps")


def support_needed(wording: Wording, group: GroupRollup, names: Names | None = None) -> tuple[Block, ...]:
    """The support the group's schools asked for, by source then aspect, counted in schools, with who asked."""
    if not group.support:
        return (Paragraph("Support needed: none is asked for in the schools' latest discussion records."),)
    named = names or Names()
    asked = {ref for need in group.support for ref in need.schools}
    said = (
        f"{len(asked)} of {_schools(len(group.schools))} asked for support in their latest discussion records. "
        "Each count below is of schools, not of requests: a school asking twice counts once."
    )
    statuses = (SupportStatus.REQUESTED, SupportStatus.AGREED, SupportStatus.NOT_AGREED)
    headers = ("Source", "Aspect", *(status_words(status).capitalize() for status in statuses), "Schools")
    rows = tuple(
        (
            SUPPORT_SOURCES[need.source],
            aspect_named(wording, need.aspect),
            str(need.requested),
            str(need.agreed),
            str(need.not_agreed),
            ", ".join(named(ref) for ref in need.schools),
            ", ".join(named(provider) for provider in need.providers) or "none named",
        )
        for need in group.support
    )
    caption = "Support needed, by source and aspect (requested means awaiting a decision)"
    return Paragraph(said), Table(caption, (*headers, "Providers named"), rows, key=2)


def group_blocks(wording: Wording, group: GroupRollup, bases: tuple[SchoolBasis, ...], names: Names) -> list[Block]:
    """What a group's part of the roll-up says, after its picture: its schools, counts, priorities, steps, support.

    The overall group lists no schools (they are every school counted); any
    other group lists its own, by name.
    """
    blocks: list[Block] = []
    if group.group != "all schools":
        blocks.append(Paragraph(f"Its schools: {_listed(names(ref) for ref in group.schools)}.", "muted"))
    blocks.append(stage_counts(wording, group))
    unrated = held_back(wording, group)
    blocks += [] if unrated is None else [unrated]
    blocks += [own_priorities(group, bases), system_priorities(wording, group), shared_steps(wording, group)]
    return blocks + list(support_needed(wording, group, names))


def schools_in_each_count(wording: Wording, rollup: Rollup, survey: Survey, names: Names) -> Section:
    """By aspect, the schools behind each count of the roll-up of all the schools, by name, in register order."""
    snapshots = {item.school.ref: item for item in survey.snapshots}
    parts: list[Block] = [
        Paragraph(
            "For each aspect, the schools in each count of the roll-up of all the schools, in the register's order. "
            "A count of none is left out."
        )
    ]
    for spread in rollup.overall.spreads:
        members: dict[Counted, list[str]] = {kind: [] for kind in COUNTED}
        for ref in rollup.overall.schools:
            members[counted_of(snapshots[ref].profile.judgement(spread.aspect))].append(names(ref))
        items = tuple(
            f"{counted_name(wording, kind)} ({len(members[kind])}): {', '.join(members[kind])}"
            for kind in COUNTED
            if members[kind]
        )
        parts.append(Section(aspect_named(wording, spread.aspect), (Bullets(items),)))
    return Section(IN_EACH_COUNT, tuple(parts))


def _self_evaluations(ages: tuple[SelfEvaluationAge, ...], max_age_days: int, names: Names) -> str:
    dates = sorted({age.date for age in ages})
    span = f"{dates[0]}" if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"
    said = f"dated {span} (each school's date is in the table of schools surveyed); "
    old = [age for age in ages if age.old]
    if not old:
        return said + f"none is more than {max_age_days} days old"
    listed = ", ".join(f"{names(age.school)} ({age.date})" for age in old)
    return (
        said + f"{len(old)} of {len(ages)} {_verb(len(old))} more than {max_age_days} days old and flagged: {listed}. "
        "A flagged school offers no strengths to match, and its stages may have moved since"
    )


def rule_said(survey: Survey) -> str:
    """The rule the survey's stages were judged by, in words: ``judged by the cumulative rule (...)``."""
    rules: dict[RuleDescription, int] = {}
    for item in survey.snapshots:
        rules[item.profile.rule] = rules.get(item.profile.rule, 0) + 1
    if len(rules) == 1:
        return Wording.rule(next(iter(rules)))
    return "judged by more than one rule: " + "; ".join(
        f"{_schools(count)} {Wording.rule(rule)}" for rule, count in rules.items()
    )


def _coverage(counted: int, without: tuple[str, ...], names: Names) -> str:
    total = counted + len(without)
    said = f"{counted} of the {total} schools in the register, each at its latest self-evaluation"
    if not without:
        return said + "; every school has one"
    return said + f"; not counted, with no self-evaluation: {', '.join(names(ref) for ref in without)}"


def about(
    rollup: Rollup | None, collaboration: Collaboration | None, survey: Survey | None, names: Names
) -> Facts | None:
    """What a report across schools rests on: the framework edition, the rule, the survey date, the dates, coverage.

    The rule is known from the survey; without one, it is not said.
    """
    result = rollup or collaboration
    if result is None:
        return None
    facts: list[tuple[str, Inline]] = [("Framework edition", result.framework_edition)]
    if survey is not None and survey.snapshots:
        facts.append(("Stages", rule_said(survey)))
    if result.as_of is not None:
        facts.append(("Survey date", f"{result.as_of}: every self-evaluation and its evidence is aged at this date"))
    if result.ages:
        facts.append(("Self-evaluations", _self_evaluations(result.ages, result.max_age_days, names)))
    if rollup is not None:
        facts.append(("Schools counted", _coverage(len(rollup.overall.schools), rollup.without_self_evaluation, names)))
    elif survey is not None:
        facts.append(("Schools matched", _coverage(len(survey.snapshots), survey.without_self_evaluation, names)))
    return Facts(tuple(facts))


def _stages_apart(distance: int) -> str:
    return "1 stage" if distance == 1 else f"{distance} stages"


def _basis_said(partnership: Partnership, date: object) -> str:
    if partnership.priority_basis is DecisionBasis.AGREED:
        return "agreed" + ("" if date is None else f" on {date}")
    return "from its plan" if partnership.priority_basis is DecisionBasis.PLAN else "from the defaults"


def partnership_why(
    wording: Wording, partnership: Partnership, names: Names, bases: Mapping[str, SchoolBasis] | None = None
) -> str:
    """Why one partnership was made, in three short sentences, by name: the priority, the stages, the benefit.

    Args:
        wording: The words, in the report's language.
        partnership: The partnership.
        names: The schools' names.
        bases: Each school's basis, by reference, for the date its priorities were agreed.
    """
    supporter, partner = names(partnership.supporter), names(partnership.partner)
    basis = (bases or {}).get(partnership.partner)
    source = _basis_said(partnership, None if basis is None else basis.date)
    stages = f"{wording.stage(partnership.supporter_stage)} and {wording.stage(partnership.partner_stage)}"
    offered = f"; {supporter} offered this strength" if partnership.offer is not None else ""
    less = "".join(
        f", less {penalty.points} ({PENALTIES.get(penalty.requirement, penalty.requirement)})"
        for penalty in partnership.penalties
    )
    among = (
        "the only school with this strength"
        if partnership.candidates == 1
        else f"one of {partnership.candidates} schools with this strength"
    )
    return (
        f"{supporter} supports {partner} in {aspect_named(wording, partnership.aspect)}, {partner}'s priority "
        f"{partnership.priority_rank} ({source}). Stages: {stages}, {_stages_apart(partnership.distance)} apart"
        f"{offered}. Benefit {partnership.benefit}: {partnership.distance} times {partnership.weight}{less}; {among}."
    )


def _order(collaboration: Collaboration) -> dict[str, int]:
    """The schools in register order, as the collaboration's lists give them, then any others as they come."""
    refs = [basis.school for basis in collaboration.bases] + [age.school for age in collaboration.ages]
    refs += [ref for p in collaboration.partnerships for ref in (p.supporter, p.partner)]
    return {ref: place for place, ref in enumerate(dict.fromkeys(refs))}


def _by_supporter(collaboration: Collaboration) -> list[Partnership]:
    order = _order(collaboration)
    return sorted(collaboration.partnerships, key=lambda p: (order[p.supporter], order[p.partner]))


def who_supports_whom(wording: Wording, collaboration: Collaboration, names: Names) -> Table | Paragraph:
    """The summary of the partnerships: a row for each supporting school, with each school it supports and in what.

    The supporting schools come in the register's order, and so do the
    schools each supports.
    """
    if not collaboration.partnerships:
        return Paragraph(
            "No partnership is made: no school has a strength in another's priorities that the options allow."
        )
    supports: dict[str, list[str]] = {}
    for p in _by_supporter(collaboration):
        supports.setdefault(p.supporter, []).append(f"{names(p.partner)}, in {aspect_named(wording, p.aspect)}")
    rows = tuple((names(ref), "; ".join(partners)) for ref, partners in supports.items())
    return Table("Who supports whom", ("Supporting school", "Supports, and in which aspect"), rows)


def _benefit_said(collaboration: Collaboration) -> str:
    weights = collaboration.options.rank_weights
    each = ", ".join(f"{weight} for priority {rank}" for rank, weight in enumerate(weights, start=1))
    return (
        "Each partnership below gives the partner's priority and where it comes from: agreed in a professional "
        "discussion, from the school's development plan, or from the defaults (the next stage in each aspect, for a "
        "school that set no priorities of its own). Then the two schools' stages in the aspect, the supporting "
        "school's first, and whether it offered the strength in its own discussion. The benefit is how many stages "
        f"apart the two schools are, times the weight of the partner's priority ({each}), less the points the "
        "options take where the two schools differ."
    )


def _without_partner(collaboration: Collaboration) -> Section:
    if not collaboration.unmatched:
        return Section("Without a partner", (Paragraph("None: every school has a partner to support it."),))
    blocks: list[Block] = [Paragraph(f"{_schools(len(collaboration.unmatched))} without a partner, grouped by why.")]
    for reason in UnmatchedReason:
        explained = tuple(u.explanation for u in collaboration.unmatched if u.reason is reason)
        if explained:
            blocks.append(Bullets(explained, f"{UNMATCHED_REASONS[reason]} ({_schools(len(explained))})"))
    return Section("Without a partner", tuple(blocks))


def unused_offers(collaboration: Collaboration, wording: Wording | None = None, names: Names | None = None) -> Section:
    """The strengths schools offered in their discussion records that the matching does not use, each with why.

    With ``wording``, each aspect is named with its code beside it; with
    ``names``, each school by its name.
    """
    if not collaboration.unused_offers:
        said = "None: the matching may use every strength offered in the schools' discussion records."
        return Section("Offers not used", (Paragraph(said),))
    named = names or Names()
    rows = tuple(
        (
            named(offer.school),
            offer.aspect if wording is None else aspect_named(wording, offer.aspect),
            UNUSED_OFFER_REASONS[offer.reason],
            offer.explanation,
        )
        for offer in collaboration.unused_offers
    )
    said = "Strengths offered in the schools' discussion records that the matching does not use, and why."
    table = Table("Each offer not used", ("School", "Aspect", "Reason", "Why"), rows, key=2)
    return Section("Offers not used", (Paragraph(said), table))


def collaboration_section(wording: Wording, collaboration: Collaboration, names: Names) -> Section:
    """The partnerships: who supports whom first, then those without a partner, why each pairing, offers not used."""
    strength = wording.stage(collaboration.options.strength_from)
    lead = _stages_apart(collaboration.options.min_lead)
    summary = (
        f"{len(collaboration.partnerships)} partnerships, with a total benefit of {collaboration.total_benefit}, the "
        f"greatest the options allow. A supporting school has reached at least {strength} in the aspect, {lead} or "
        "more beyond the school it supports, on evidence that passes the checks. Why each partnership was made "
        "follows the table."
    )
    bases = {basis.school: basis for basis in collaboration.bases}
    why = tuple(partnership_why(wording, p, names, bases) for p in _by_supporter(collaboration))
    explained: list[Block] = [Paragraph(_benefit_said(collaboration))]
    explained += [Bullets(why)] if why else []
    return Section(
        "Collaboration",
        (
            Paragraph(summary),
            who_supports_whom(wording, collaboration, names),
            _without_partner(collaboration),
            Section("Why each partnership", tuple(explained)),
            unused_offers(collaboration, wording, names),
        ),
    )


def _age(age: SelfEvaluationAge, max_age_days: int) -> str:
    days = "1 day" if age.days == 1 else f"{age.days} days"
    return f"{days}, flagged: more than {max_age_days} days old" if age.old else days


def _noticed(count: int, basis: SchoolBasis | None) -> str:
    if not count:
        return "-" if basis is not None and basis.basis is DecisionBasis.DEFAULTS else "nothing"
    return "1 thing, listed below" if count == 1 else f"{count} things, listed below"


def schools_surveyed(
    ages: tuple[SelfEvaluationAge, ...],
    bases: tuple[SchoolBasis, ...],
    max_age_days: int,
    notices: Notices | None = None,
    names: Names | None = None,
) -> Section | None:
    """Each school's self-evaluation date and age, and where its priorities come from; ``None`` with no school.

    With ``notices``, each school's row also counts what the library notices
    about its chosen priorities, and the notices are listed after the table,
    school by school: noticed, not changed. With ``names``, each school is
    named, its reference beside it.
    """
    refs = dict.fromkeys([age.school for age in ages] + [basis.school for basis in bases])
    if not refs:
        return None
    named = names or Names()
    aged = {age.school: age for age in ages}
    based = {basis.school: basis for basis in bases}
    rows: list[tuple[Inline, ...]] = []
    for ref in refs:
        age, basis = aged.get(ref), based.get(ref)
        rows.append(
            (
                named(ref),
                *((ref,) if named else ()),
                NOT_RECORDED if age is None else str(age.date),
                NOT_RECORDED if age is None else _age(age, max_age_days),
                NOT_RECORDED if basis is None else BASES[basis.basis],
                NOT_RECORDED if basis is None else basis.explanation.removeprefix(f"{basis.basis.value}: "),
                *(() if notices is None else (_noticed(len(notices.get(ref, ())), basis),)),
            )
        )
    blocks: list[Block] = []
    if bases:
        tally = {kind: sum(basis.basis is kind for basis in bases) for kind in DecisionBasis}
        if tally[DecisionBasis.DEFAULTS] == len(bases):
            said = (
                f"Every school is on the defaults, {DEFAULTS}: none has a plan or a discussion record that sets "
                "priorities."
            )
        else:
            said = (
                f"Where each school's priorities come from: {tally[DecisionBasis.AGREED]} agreed in a professional "
                f"discussion, {tally[DecisionBasis.PLAN]} from a development plan, {tally[DecisionBasis.DEFAULTS]} "
                f"on the defaults ({DEFAULTS}). A school is on the defaults when it has no plan or discussion record "
                "that sets priorities."
            )
        blocks.append(Paragraph(said))
    caption = "Each school's self-evaluation, and where its priorities come from"
    headers: tuple[str, ...] = ("School", *(("Reference",) if named else ()), "Self-evaluation", "Age")
    headers += ("Priorities", "Why", *(() if notices is None else ("Noticed about its priorities",)))
    blocks.append(Table(caption, headers, tuple(rows)))
    listed = tuple(f"{named(ref)}: {notice_words(notice)}" for ref in refs for notice in (notices or {}).get(ref, ()))
    if listed:
        blocks.append(Section(NOTICED_EACH, (Paragraph(NOTICED_ACROSS), Bullets(listed))))
    return Section("Schools surveyed", tuple(blocks))


@attrs.frozen
class GroupPart:
    """One group's part of the roll-up: its heading, the group (for a picture of its counts) and what follows.

    Attributes:
        title: Its heading.
        group: The group's roll-up.
        caption: What a picture of its counts shows, and where the same is in words.
        blocks: What is said after the heading and any picture.
    """

    title: str
    group: GroupRollup
    caption: str
    blocks: tuple[Block, ...]


@attrs.frozen
class AuthorityReport:
    """A report across schools as blocks, in order, for each format to write out.

    Attributes:
        title: The title.
        notes: Lines said under the title.
        caution: What the report is, and is not: the roll-up's caution, the
            partnerships', or both, and never a claim of official status.
        about: What the report rests on: the edition, the rule, the dates, coverage.
        groups: The roll-up's groups, all the schools first; empty without a roll-up.
        blocks: What follows the roll-up's groups: the partnerships, the
            schools in each count and the schools surveyed.
    """

    title: str
    notes: tuple[str, ...]
    caution: str
    about: Facts | None
    groups: tuple[GroupPart, ...]
    blocks: tuple[Block, ...]


def _check(rollup: Rollup | None, collaboration: Collaboration | None, survey: Survey) -> None:
    """That the survey is the one the results were made from: its edition, its schools, the same counts."""
    problems = []
    for result in (rollup, collaboration):
        if result is not None and result.framework_edition != survey.framework_edition:
            message = f"the survey is of {survey.framework_edition}, the result of {result.framework_edition}"
            problems.append(Problem("$.survey", message))
    surveyed = {item.school.ref: item for item in survey.snapshots}
    if rollup is not None and not problems:
        missing = [ref for ref in rollup.overall.schools if ref not in surveyed]
        problems += [Problem("$.survey", f"the survey has no school {ref!r} of the roll-up") for ref in missing]
        for spread in () if missing else rollup.overall.spreads:
            found = Counter(
                counted_of(surveyed[ref].profile.judgement(spread.aspect)) for ref in rollup.overall.schools
            )
            if tuple(found[kind] for kind in COUNTED) != counts(spread):
                problems.append(Problem("$.survey", f"the survey's counts in {spread.aspect} are not the roll-up's"))
    if problems:
        raise AnalysisError("the report across schools", problems)


def authority_report(  # noqa: PLR0913 (each is a keyword: what the report holds, and what it knows of the schools)
    wording: Wording,
    *,
    rollup: Rollup | None = None,
    collaboration: Collaboration | None = None,
    note: str | None = None,
    notices: Notices | None = None,
    survey: Survey | None = None,
    schools: Iterable[School] = (),
) -> AuthorityReport:
    """A report across schools as blocks: the roll-up, the partnerships, or both, and the schools surveyed.

    Args:
        wording: The words, in the report's language.
        rollup: The roll-up to show, if any.
        collaboration: The partnerships to show, if any.
        note: A line to say under the title.
        notices: What the library notices about each school's chosen
            priorities, by reference: counted and listed, noticed, not changed.
        survey: The survey the results were made from: it names the schools,
            gives the rule, and says which schools sit in each count.
        schools: The register, to name the schools the survey does not hold
            (those without a self-evaluation).

    Raises:
        AnalysisError: If the survey is not the one the results were made from
            (another edition, a school missing, other counts).
    """
    if survey is not None:
        _check(rollup, collaboration, survey)
    names = Names.of([*schools, *(() if survey is None else (item.school for item in survey.snapshots))])
    groups: tuple[GroupPart, ...] = ()
    blocks: list[Block] = []
    if rollup is not None:
        groups = tuple(
            GroupPart(
                group_title(group),
                group,
                chart_caption(group, listed=survey is not None),
                tuple(group_blocks(wording, group, rollup.bases, names)),
            )
            for group in (rollup.overall, *rollup.groups)
        )
    if collaboration is not None:
        blocks.append(collaboration_section(wording, collaboration, names))
    if rollup is not None and survey is not None:
        blocks.append(schools_in_each_count(wording, rollup, survey, names))
    dated = rollup or collaboration
    surveyed = None if dated is None else schools_surveyed(dated.ages, dated.bases, dated.max_age_days, notices, names)
    blocks += [] if surveyed is None else [surveyed]
    return AuthorityReport(
        authority_title(rollup, collaboration),
        tuple(text for text in (note, wording.note) if text),
        authority_caution(rollup, collaboration),
        about(rollup, collaboration, survey, names),
        groups,
        tuple(blocks),
    )

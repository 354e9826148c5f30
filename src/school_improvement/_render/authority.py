"""The reports across schools as blocks, where they follow the schools' own decisions.

Whose priorities lead in each group (agreed, planned, or the defaults), the
system-level priorities with the rule that made each one, the support asked
for by source and aspect, each partnership with where its partner's
priorities come from, the strengths offered but not used, and each school's
self-evaluation and basis. Said once here, written out by each format.
"""

from collections.abc import Mapping, Sequence

from school_improvement._authority.matching import Collaboration
from school_improvement._authority.rollup import GroupRollup
from school_improvement._authority.survey import DecisionBasis, SchoolBasis, SelfEvaluationAge
from school_improvement._planning.choices import PriorityNotice
from school_improvement._planning.discussion import SupportStatus
from school_improvement._render.document import Block, Bullets, Inline, Paragraph, Section, Table
from school_improvement._render.wording import (
    BASES,
    DEFAULTS,
    NOTICED_ACROSS,
    SUPPORT_SOURCES,
    SYSTEM_PRIORITY_RULES,
    UNUSED_OFFER_REASONS,
    Wording,
    notice_words,
    status_words,
)

Notices = Mapping[str, Sequence[PriorityNotice]]
"""What the library notices about each school's chosen priorities, by its reference (a snapshot's ``notices``)."""

NOTICED_EACH = "What we notice about each school's chosen priorities"
"""The caption of the notices listed across schools."""

NOT_RECORDED = "not recorded"
"""What a cell shows where the result does not hold the fact (a result built by hand, or from an older payload)."""


def _schools(count: int) -> str:
    return "1 school" if count == 1 else f"{count} schools"


def _verb(count: int) -> str:
    return "is" if count == 1 else "are"


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
        rows.append((title, rules, priority.explanation.removeprefix(f"{title}: ")))
    return Table("System-level priorities", ("Aspect", "Rule", "Why"), tuple(rows))


def support_needed(wording: Wording, group: GroupRollup) -> tuple[Block, ...]:
    """The support the group's schools asked for, by source then aspect, counted in schools, with who asked."""
    if not group.support:
        return (Paragraph("Support needed: none is asked for in the schools' latest discussion records."),)
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
            wording.framework.aspect(need.aspect).title.en,
            str(need.requested),
            str(need.agreed),
            str(need.not_agreed),
            ", ".join(need.schools),
            ", ".join(need.providers) or "none named",
        )
        for need in group.support
    )
    caption = "Support needed, by source and aspect (requested means awaiting a decision)"
    return Paragraph(said), Table(caption, (*headers, "Providers named"), rows, key=2)


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
) -> Section | None:
    """Each school's self-evaluation date and age, and where its priorities come from; ``None`` with no school.

    With ``notices``, each school's row also counts what the library notices
    about its chosen priorities, and the notices are listed after the table,
    school by school: noticed, not changed.
    """
    refs = dict.fromkeys([age.school for age in ages] + [basis.school for basis in bases])
    if not refs:
        return None
    aged = {age.school: age for age in ages}
    based = {basis.school: basis for basis in bases}
    rows: list[tuple[Inline, ...]] = []
    for ref in refs:
        age, basis = aged.get(ref), based.get(ref)
        rows.append(
            (
                ref,
                NOT_RECORDED if age is None else str(age.date),
                NOT_RECORDED if age is None else _age(age, max_age_days),
                NOT_RECORDED if basis is None else BASES[basis.basis],
                NOT_RECORDED if basis is None else basis.explanation.removeprefix(f"{basis.basis.value}: "),
                *(() if notices is None else (_noticed(len(notices.get(ref, ())), basis),)),
            )
        )
    blocks: list[Block] = []
    if bases:
        counts = {kind: sum(basis.basis is kind for basis in bases) for kind in DecisionBasis}
        if counts[DecisionBasis.DEFAULTS] == len(bases):
            said = (
                f"Every school is on the defaults, {DEFAULTS}: none has a plan or a discussion record that sets "
                "priorities."
            )
        else:
            said = (
                f"Where each school's priorities come from: {counts[DecisionBasis.AGREED]} agreed in a professional "
                f"discussion, {counts[DecisionBasis.PLAN]} from a development plan, {counts[DecisionBasis.DEFAULTS]} "
                f"on the defaults ({DEFAULTS}). A school is on the defaults when it has no plan or discussion record "
                "that sets priorities."
            )
        blocks.append(Paragraph(said))
    caption = "Each school's self-evaluation, and where its priorities come from"
    headers: tuple[str, ...] = ("School", "Self-evaluation", "Age", "Priorities", "Why")
    headers += () if notices is None else ("Noticed about its priorities",)
    blocks.append(Table(caption, headers, tuple(rows)))
    listed = tuple(f"{ref}: {notice_words(notice)}" for ref in refs for notice in (notices or {}).get(ref, ()))
    if listed:
        blocks.append(Section(NOTICED_EACH, (Paragraph(NOTICED_ACROSS), Bullets(listed))))
    return Section("Schools surveyed", tuple(blocks))


def partnerships(collaboration: Collaboration) -> Table:
    """Each partnership: who supports whom in which aspect, its benefit, where the partner's priorities come from."""
    headers = ("Supporting school", "Partner", "Aspect", "Benefit", "Partner's priorities", "Why")
    rows = tuple(
        (p.supporter, p.partner, p.aspect, str(p.benefit), BASES[p.priority_basis], p.explanation)
        for p in collaboration.partnerships
    )
    return Table("Each partnership, and why it was made", headers, rows, key=3)


def unused_offers(collaboration: Collaboration) -> Section:
    """The strengths schools offered in their discussion records that the matching does not use, each with why."""
    if not collaboration.unused_offers:
        said = "None: the matching may use every strength offered in the schools' discussion records."
        return Section("Offers not used", (Paragraph(said),))
    rows = tuple(
        (
            offer.school,
            offer.aspect,
            UNUSED_OFFER_REASONS[offer.reason],
            offer.explanation,
        )
        for offer in collaboration.unused_offers
    )
    said = "Strengths offered in the schools' discussion records that the matching does not use, and why."
    table = Table("Each offer not used", ("School", "Aspect", "Reason", "Why"), rows, key=2)
    return Section("Offers not used", (Paragraph(said), table))

"""The example authority's decisions: the schools' own plans and discussion records change what the officer sees."""

import datetime
import functools
import importlib.util
import json
from collections import Counter
from types import ModuleType

from helpers import FRAMEWORK, LOCAL_AUTHORITY, ROOT
from school_improvement import (
    Collaboration,
    DevelopmentPlan,
    DiscussionRecord,
    JudgementStatus,
    School,
    SelfEvaluation,
    Severity,
    Stage,
    SupportSource,
    Survey,
    discussion_problems,
    from_payload,
    load_self_evaluation,
    match_schools,
    plan_problems,
    read_school_register,
    roll_up,
    survey,
)
from school_improvement._authority.survey import DecisionBasis

AS_AT = datetime.date(2027, 1, 11)
"""The start of the spring term: the day the decisions stand as written, and the officer looks at them."""
MOTIVATING = "fictional-00022"
"""The school the example's decisions are written round."""
DECISIONS = LOCAL_AUTHORITY / "decisions.jsonl"


@functools.cache
def _generator() -> ModuleType:
    """scripts/fictional_schools.py, loaded as a module."""
    spec = importlib.util.spec_from_file_location("fictional_schools", ROOT / "scripts" / "fictional_schools.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def _register() -> tuple[School, ...]:
    return tuple(read_school_register((LOCAL_AUTHORITY / "schools.csv").read_bytes()))


@functools.cache
def _evaluations() -> tuple[SelfEvaluation, ...]:
    lines = (LOCAL_AUTHORITY / "self-evaluations.jsonl").read_text(encoding="utf-8").splitlines()
    return tuple(load_self_evaluation(line, framework=FRAMEWORK) for line in lines if line.strip())


@functools.cache
def _decisions() -> tuple[tuple[DevelopmentPlan, ...], tuple[DiscussionRecord, ...]]:
    """The plans and discussion records of decisions.jsonl, each line read by the kind it declares."""
    plans, records = [], []
    for number, line in enumerate(DECISIONS.read_text(encoding="utf-8").splitlines(), start=1):
        payload = json.loads(line)
        source = f"decisions.jsonl line {number}"
        if payload["kind"] == "development-plan":
            plans.append(from_payload(payload, DevelopmentPlan, source=source, framework=FRAMEWORK))
        else:
            assert payload["kind"] == "discussion-record", source
            records.append(from_payload(payload, DiscussionRecord, source=source, framework=FRAMEWORK))
    return tuple(plans), tuple(records)


@functools.cache
def _survey(*, decided: bool) -> Survey:
    """The thirty schools at the start of the spring term, with their decisions or without."""
    plans, records = _decisions() if decided else ((), ())
    return survey(FRAMEWORK, _register(), _evaluations(), as_of=AS_AT, plans=plans, discussions=records)


@functools.cache
def _matched(*, decided: bool) -> Collaboration:
    return match_schools(FRAMEWORK, _survey(decided=decided))


def test_the_committed_decisions_are_what_the_generator_writes() -> None:
    """decisions.jsonl is reproducible from scripts/fictional_schools.py, so it stays in step with the library."""
    generator = _generator()
    schools, evaluations = generator.fictional_schools(FRAMEWORK, 30, seed=2026)
    written = generator.decision_lines(generator.fictional_decisions(FRAMEWORK, schools, evaluations))
    assert DECISIONS.read_text(encoding="utf-8") == written
    assert generator.AS_AT == AS_AT
    assert generator.MOTIVATING == MOTIVATING


def test_every_plan_and_every_record_passes_its_checks() -> None:
    """Each plan has no plan problem and each record no discussion problem; about half have a plan and a record."""
    plans, records = _decisions()
    assert [problem for plan in plans for problem in plan_problems(FRAMEWORK, plan)] == []
    assert [problem for record in records for problem in discussion_problems(FRAMEWORK, record)] == []
    planned = {plan.school for plan in plans}
    assert len(planned) == len(plans) == 15
    recorded = {record.school for record in records}
    assert len(recorded) == len(records) == 14
    assert planned - recorded == {"fictional-00027"}
    assert all(plan.note != "" and all(p.lead for p in plan.priorities) for plan in plans)


def test_the_motivating_school_is_weak_in_four_aspects_and_agreed_leadership_capacity_first() -> None:
    """The example's premise: the school, its agreed first priority, and a school nearby that offers that strength."""
    item = next(s for s in _survey(decided=True).snapshots if s.school.ref == MOTIVATING)
    weak = [
        j.aspect
        for j in item.profile.judgements
        if j.status is JudgementStatus.NO_STAGE_YET
        or (j.status is JudgementStatus.REACHED and j.stage is Stage.STARTING_THE_JOURNEY)
    ]
    assert len(weak) >= 4
    assert "LC" in weak
    assert item.basis is DecisionBasis.AGREED
    assert item.chosen[0].aspects == ("LC",)
    assert item.recommendation.priorities[0].aspect == "LC"
    offering = [
        s
        for s in _survey(decided=True).snapshots
        if s.school.local_authority == item.school.local_authority
        and s.discussion is not None
        and s.discussion.offered_capacity.get("LC", 0) >= 1
        and s.profile.judgement("LC").reaches(Stage.BUILDING_MOMENTUM)
        and not any(f.severity is Severity.WARNING and f.aspect in {None, "LC"} for f in s.findings)
    ]
    assert offering


def test_the_motivating_school_is_supported_in_leadership_capacity_with_the_decisions_and_not_without() -> None:
    """By default it is supported in another aspect; with its agreed priorities, in LC by a school that offered LC."""
    before = [p for p in _matched(decided=False).partnerships if p.partner == MOTIVATING]
    assert before
    assert all(p.aspect != "LC" for p in before)
    after = [p for p in _matched(decided=True).partnerships if p.partner == MOTIVATING]
    assert [p.aspect for p in after] == ["LC"]
    partnership = after[0]
    assert partnership.priority_basis is DecisionBasis.AGREED
    supporter = next(s for s in _survey(decided=True).snapshots if s.school.ref == partnership.supporter)
    assert supporter.discussion is not None
    assert partnership.offer is not None
    assert "LC" in supporter.discussion.strengths[partnership.offer].aspects


def test_schools_without_decisions_are_on_the_defaults_and_the_others_on_their_own() -> None:
    """Neither plan nor record: defaults, said in words; a plan alone: the plan; a record that agreed: agreed."""
    plans, records = _decisions()
    planned, recorded = {p.school for p in plans}, {r.school for r in records}
    bases = {basis.school: basis for basis in _survey(decided=True).bases()}
    assert len(bases) == 30
    for ref, basis in bases.items():
        expected = (
            DecisionBasis.AGREED
            if ref in recorded
            else DecisionBasis.PLAN
            if ref in planned
            else DecisionBasis.DEFAULTS
        )
        assert basis.basis is expected, ref
        assert basis.explanation.startswith(f"{expected.value}:"), ref
    assert Counter(basis.basis for basis in bases.values()) == {
        DecisionBasis.AGREED: 14,
        DecisionBasis.PLAN: 1,
        DecisionBasis.DEFAULTS: 15,
    }
    on_defaults = [ref for ref, basis in bases.items() if basis.basis is DecisionBasis.DEFAULTS]
    assert all("no plan or discussion record" in bases[ref].explanation for ref in on_defaults)
    assert {basis.basis for basis in _survey(decided=False).bases()} == {DecisionBasis.DEFAULTS}


def test_where_the_discussion_agreed_other_priorities_than_the_plan_the_agreed_ones_lead() -> None:
    """Some records agree priorities that differ from the school's plan: the survey follows the agreed ones."""
    differing = 0
    for item in _survey(decided=True).snapshots:
        if item.discussion is None or item.plan is None:
            continue
        agreed = [p.aspects for p in item.discussion.agreed_priorities]
        differing += agreed != [p.aspects for p in item.plan.priorities]
        assert [p.aspects for p in item.chosen] == agreed
        assert [p.aspect for p in item.recommendation.priorities] == [a for aspects in agreed for a in aspects]
    assert differing >= 3


def test_a_supporter_with_a_record_gives_only_what_it_offered_within_each_offers_capacity() -> None:
    """Every partnership through an offer is in an offered aspect, and no offer carries more than its capacity."""
    snapshots = {item.school.ref: item for item in _survey(decided=True).snapshots}
    through = Counter[tuple[str, int]]()
    for partnership in _matched(decided=True).partnerships:
        record = snapshots[partnership.supporter].discussion
        if record is None:
            assert partnership.offer is None
            continue
        assert partnership.offer is not None
        assert partnership.aspect in record.strengths[partnership.offer].aspects
        through[partnership.supporter, partnership.offer] += 1
    assert through
    for (ref, offer), count in through.items():
        record = snapshots[ref].discussion
        assert record is not None
        assert count <= record.strengths[offer].capacity, (ref, offer)


def test_the_rollup_lists_the_support_asked_for_by_every_source_the_records_use() -> None:
    """The roll-up counts, by source and aspect, the schools whose records ask for support: all five sources here."""
    _, records = _decisions()
    asked: dict[tuple[SupportSource, str], set[str]] = {}
    for record in records:
        for item in record.support:
            for aspect in item.aspects:
                asked.setdefault((item.source, aspect), set()).add(record.school)
    assert {source for source, _ in asked} == set(SupportSource) - {SupportSource.OTHER}
    rollup = roll_up(FRAMEWORK, _survey(decided=True))
    needs = rollup.overall.support
    assert {(need.source, need.aspect): set(need.schools) for need in needs} == asked
    assert [need.source for need in needs] == sorted((need.source for need in needs), key=list(SupportSource).index)
    from_school = next(n for n in needs if n.source is SupportSource.ANOTHER_SCHOOL and n.aspect == "LC")
    assert (from_school.schools, from_school.agreed, from_school.providers) == ((MOTIVATING,), 1, ("fictional-00017",))
    assert rollup.overall.own_priorities == 15
    assert roll_up(FRAMEWORK, _survey(decided=False)).overall.support == ()

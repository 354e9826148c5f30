"""The cycle in one call: the steps by hand, every option reaching its step, and each self-evaluation checked once."""

import datetime
import inspect
from collections.abc import Callable
from typing import Any

import pytest

from helpers import FRAMEWORK, evaluation_of
from local_authority import school
from school_improvement import (
    AnalysisError,
    ChosenPriority,
    Cycle,
    DevelopmentPlan,
    Evidence,
    EvidenceKind,
    Framework,
    GapStatus,
    JudgementStatus,
    PlanPriority,
    Problem,
    Rating,
    SelfEvaluation,
    Stage,
    Sufficiency,
    Weighting,
    assess,
    check_evidence,
    check_priorities,
    check_self_evaluation,
    draft_plan,
    find_gaps,
    recommend,
    run_cycle,
    survey,
    targets_of,
    track_progress,
)
from school_improvement._assessment.checked import self_evaluation_problems

# Four aspects at Starting the journey with open gaps at Making progress: SV, LW, PV and FC.
LATEST = evaluation_of(
    ("SV.1.1", Rating.FULLY),
    ("SV.1.2", Rating.FULLY),
    ("SV.1.3", Rating.FULLY),
    ("SV.1.4", Rating.FULLY),
    ("SV.2.1", Rating.PARTLY),
    ("LW.1.1", Rating.FULLY),
    ("LW.1.2", Rating.FULLY),
    ("LW.1.3", Rating.FULLY),
    ("LW.1.4", Rating.FULLY),
    ("LW.1.5", Rating.FULLY),
    ("LW.2.1", Rating.PARTLY),
    ("PV.1.1", Rating.FULLY),
    ("PV.2.1", Rating.PARTLY),
    ("FC.1.1", Rating.FULLY),
    ("FC.1.2", Rating.FULLY),
    ("FC.2.1", Rating.PARTLY),
)
EARLIER_DATE = datetime.date(2026, 3, 1)
# Half a year before: no stage yet in PV, and FC already where it is now.
EARLIER = evaluation_of(
    ("PV.1.1", Rating.PARTLY),
    ("PV.2.1", Rating.PARTLY),
    ("FC.1.1", Rating.FULLY),
    ("FC.1.2", Rating.FULLY),
    ("FC.2.1", Rating.PARTLY),
    date=EARLIER_DATE,
    evidence=(
        Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 2, 1)),
        Evidence(EvidenceKind.STAFF_VIEWS, datetime.date(2026, 2, 2)),
    ),
)


def test_one_self_evaluation_gives_no_progress() -> None:
    """With one self-evaluation the cycle assesses it and tracks no progress."""
    cycle = run_cycle(FRAMEWORK, LATEST)
    assert cycle.progress is None
    assert cycle.profile == assess(FRAMEWORK, LATEST)
    assert run_cycle(FRAMEWORK, [LATEST]) == cycle


def test_two_self_evaluations_give_progress_and_the_later_ones_profile() -> None:
    """With two, given in any order, progress spans both dates and every step reads the later one."""
    cycle = run_cycle(FRAMEWORK, [LATEST, EARLIER])
    assert cycle.progress is not None
    assert cycle.progress.dates == (EARLIER_DATE, LATEST.date)
    assert cycle.profile == assess(FRAMEWORK, LATEST)
    assert cycle.findings == check_evidence(FRAMEWORK, LATEST)
    assert (cycle.gaps.date, cycle.recommendation.date, cycle.plan.self_evaluation_date) == (LATEST.date,) * 3
    assert run_cycle(FRAMEWORK, [EARLIER, LATEST]) == cycle


def test_no_self_evaluation_is_refused() -> None:
    """The cycle needs at least one self-evaluation."""
    with pytest.raises(AnalysisError) as raised:
        run_cycle(FRAMEWORK, [])
    assert raised.value.problems == (Problem("$", "give at least one self-evaluation"),)


_OPTIONS: dict[str, Any] = {
    "sufficiency": Sufficiency(min_rated=1, min_evidence_kinds=1),
    "max_age_days": 20,
    "as_of": datetime.date(2027, 1, 1),
    "allow_comparison_only": True,
    "targets": {"PV": Stage.BUILDING_MOMENTUM},
    "defaults": False,
    "threshold": Rating.PARTLY,
    "school_priorities": ["FC"],
    "focus_factors": [7],
    "weighting": Weighting(evidence=1.5, foundation=0.5),
    "max_priorities": 2,
    "max_steps": 2,
}
"""Every option of the cycle, each away from its default."""


@pytest.mark.parametrize("rule", ["cumulative", "best-fit", "high-water-mark"])
def test_the_cycle_is_the_steps_by_hand_with_the_same_options(rule: str) -> None:
    """run_cycle gives what assess, check_evidence, find_gaps, recommend and draft_plan give with the same options."""
    cycle = run_cycle(FRAMEWORK, LATEST, rule, **_OPTIONS)
    profile = assess(FRAMEWORK, LATEST, rule, sufficiency=_OPTIONS["sufficiency"])
    findings = check_evidence(FRAMEWORK, LATEST, max_age_days=_OPTIONS["max_age_days"], as_of=_OPTIONS["as_of"])
    gaps = find_gaps(
        FRAMEWORK,
        LATEST,
        profile,
        _OPTIONS["targets"],
        defaults=_OPTIONS["defaults"],
        threshold=_OPTIONS["threshold"],
        allow_comparison_only=_OPTIONS["allow_comparison_only"],
    )
    recommendation = recommend(
        FRAMEWORK,
        gaps,
        findings=findings,
        school_priorities=_OPTIONS["school_priorities"],
        focus_factors=_OPTIONS["focus_factors"],
        weighting=_OPTIONS["weighting"],
        max_priorities=_OPTIONS["max_priorities"],
        max_steps=_OPTIONS["max_steps"],
    )
    assert recommendation.priorities  # something for the comparison to compare
    assert cycle == Cycle(profile, findings, gaps, recommendation, draft_plan(FRAMEWORK, recommendation, gaps))


def test_with_two_self_evaluations_progress_is_tracked_with_the_same_options() -> None:
    """The progress the cycle tracks is track_progress's, with the rule, sufficiency and stalled_after given."""
    sufficiency = Sufficiency(min_rated=1, min_evidence_kinds=1)
    cycle = run_cycle(FRAMEWORK, [LATEST, EARLIER], "secure-fit", sufficiency=sufficiency, stalled_after=2)
    expected = track_progress(FRAMEWORK, [EARLIER, LATEST], "secure-fit", sufficiency=sufficiency, stalled_after=2)
    assert cycle.progress == expected
    assert cycle.profile == expected.profiles[-1] == assess(FRAMEWORK, LATEST, "secure-fit", sufficiency=sufficiency)


def _priorities(cycle: Cycle) -> list[str]:
    """The recommended priorities' aspects, in rank order."""
    return [priority.aspect for priority in cycle.recommendation.priorities]


def _reasons(cycle: Cycle) -> set[str]:
    """The kinds of reason given for any recommended priority."""
    return {reason.kind for priority in cycle.recommendation.priorities for reason in priority.reasons}


def _stalled(cycle: Cycle) -> tuple[str, ...]:
    """The aspects progress finds stalled."""
    assert cycle.progress is not None
    return cycle.progress.stalled


_BY = datetime.date(2027, 7, 31)
_SCHOOL_PLAN = DevelopmentPlan(
    "example-school",
    FRAMEWORK.edition_id,
    LATEST.date,
    LATEST.date,
    datetime.date(2027, 8, 31),
    (PlanPriority("X1", "Grow leaders", ("LC",), "Few leaders below the head", Stage.MAKING_PROGRESS, _BY),),
)
"""A plan of the school's own: one priority it chose, in its words."""

_REACHES: dict[str, tuple[dict[str, Any], Callable[[Cycle], bool]]] = {
    "rule": ({"rule": "secure-fit"}, lambda c: c.profile.rule.name == "secure-fit"),
    "sufficiency": (
        {"sufficiency": Sufficiency(min_rated=6)},
        lambda c: c.profile.judgement("SV").status is JudgementStatus.NOT_ENOUGH_EVIDENCE,
    ),
    "max_age_days": ({"max_age_days": 20}, lambda c: "stale-evidence" in {f.check for f in c.findings}),
    "as_of": (
        {"as_of": datetime.date(2027, 11, 2)},
        lambda c: "stale-self-evaluation" in {f.check for f in c.findings},
    ),
    "allow_comparison_only": (
        {"rule": "high-water-mark", "allow_comparison_only": True},
        lambda c: c.gaps.rule.comparison_only and "which is for comparison only" in c.plan.note,
    ),
    "targets": (
        {"targets": {"PV": Stage.SUSTAINING_HIGH_STANDARDS}},
        lambda c: c.gaps.gap("PV").target is Stage.SUSTAINING_HIGH_STANDARDS,
    ),
    "defaults": ({"defaults": False}, lambda c: c.gaps.gap("SV").status is GapStatus.NO_TARGET),
    "threshold": (
        {"threshold": Rating.PARTLY},
        lambda c: c.gaps.threshold is Rating.PARTLY and "SV.2.1" not in c.gaps.gap("SV").unmet,
    ),
    "school_priorities": ({"school_priorities": ["PV"]}, lambda c: "school-priority" in _reasons(c)),
    "focus_factors": ({"focus_factors": [7]}, lambda c: "contributory-factor" in _reasons(c)),
    "weighting": (
        {"weighting": Weighting(national_priority=0, supporting_priority=0)},
        lambda c: _priorities(c) == ["SV", "LW", "PV"],
    ),
    "max_priorities": (
        {"max_priorities": 1},
        lambda c: len(c.recommendation.priorities) == len(c.plan.priorities) == 1,
    ),
    "max_steps": (
        {"max_steps": 1},
        lambda c: bool(c.plan.priorities) and all(len(p.actions) == 1 for p in c.plan.priorities),
    ),
    "stalled_after": ({"stalled_after": 2}, lambda c: _stalled(c) == ("FC",)),
    "chosen": (
        {"chosen": [ChosenPriority(["LC"], "Few leaders below the head", Stage.MAKING_PROGRESS, _BY)]},
        lambda c: _priorities(c) == ["LC"] and c.recommendation.chosen_by_school and c.gaps.gap("LC").horizon == _BY,
    ),
    "plan": ({"plan": _SCHOOL_PLAN}, lambda c: c.plan is _SCHOOL_PLAN and c.review is not None and not c.drafted),
}


def test_every_option_of_the_cycle_is_shown_to_reach_its_step() -> None:
    """Each keyword option run_cycle takes has an entry above that shows it taking effect."""
    keywords = {
        name
        for name, parameter in inspect.signature(run_cycle).parameters.items()
        if parameter.kind is parameter.KEYWORD_ONLY
    }
    assert keywords == set(_REACHES) - {"rule"}
    assert keywords == set(_OPTIONS) | {"stalled_after", "chosen", "plan"}


def test_the_school_s_choice_is_the_steps_by_hand_with_its_targets() -> None:
    """With the school's choice, the cycle finds the gaps to its targets and recommends its priorities, in its order."""
    chosen = [
        ChosenPriority(["PV"], "Pupils asked for a say", Stage.BUILDING_MOMENTUM, _BY),
        ChosenPriority(["LC", "LA"], "Few leaders below the head", Stage.MAKING_PROGRESS, _BY, "literacy"),
    ]
    cycle = run_cycle(FRAMEWORK, LATEST, chosen=chosen)
    profile = assess(FRAMEWORK, LATEST)
    gaps = find_gaps(FRAMEWORK, LATEST, profile, targets_of(chosen))
    recommendation = recommend(FRAMEWORK, gaps, findings=cycle.findings, chosen=chosen)
    drafted = draft_plan(FRAMEWORK, recommendation, gaps, chosen=chosen)
    notices = check_priorities(FRAMEWORK, chosen, profile)
    assert cycle == Cycle(profile, cycle.findings, gaps, recommendation, drafted, notices=notices)
    assert [(p.rank, p.aspect, p.chosen) for p in recommendation.priorities] == [
        (1, "PV", 1),
        (2, "LC", 2),
        (2, "LA", 2),
    ]
    assert [(p.id, p.aspects, p.reason, p.national_priority) for p in cycle.plan.priorities] == [
        ("P1", ("PV",), "Pupils asked for a say", None),
        ("P2", ("LC", "LA"), "Few leaders below the head", "literacy"),
    ]
    with pytest.raises(AnalysisError, match=r"\$\.targets: targets are given for PV"):
        run_cycle(FRAMEWORK, LATEST, chosen=chosen, targets={"PV": Stage.MAKING_PROGRESS})
    with pytest.raises(AnalysisError, match=r"not both"):
        run_cycle(FRAMEWORK, LATEST, chosen=chosen, plan=_SCHOOL_PLAN)


@pytest.mark.parametrize("option", list(_REACHES))
def test_each_option_reaches_its_step(option: str) -> None:
    """Each option changes what its step gives: what shows it is absent by default and present with the option."""
    options, shows = _REACHES[option]
    assert not shows(run_cycle(FRAMEWORK, [EARLIER, LATEST]))
    assert shows(run_cycle(FRAMEWORK, [EARLIER, LATEST], **options))


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[SelfEvaluation]:
    """The self-evaluations checked against the framework from now on, in order."""
    seen: list[SelfEvaluation] = []
    original = self_evaluation_problems

    def counted(framework: Framework, evaluation: SelfEvaluation) -> list[Problem]:
        seen.append(evaluation)
        return original(framework, evaluation)

    monkeypatch.setattr("school_improvement._assessment.checked.self_evaluation_problems", counted)
    return seen


def test_the_cycle_checks_each_self_evaluation_once(checks: list[SelfEvaluation]) -> None:
    """Through every step of the cycle, progress included, each self-evaluation is checked exactly once."""
    run_cycle(FRAMEWORK, LATEST)
    assert [id(evaluation) for evaluation in checks] == [id(LATEST)]
    checks.clear()
    run_cycle(FRAMEWORK, [LATEST, EARLIER])
    assert sorted(id(evaluation) for evaluation in checks) == sorted([id(LATEST), id(EARLIER)])


def test_the_cycle_does_not_check_a_checked_form_again(checks: list[SelfEvaluation]) -> None:
    """Given checked forms, the cycle checks nothing again."""
    forms = [check_self_evaluation(FRAMEWORK, LATEST), check_self_evaluation(FRAMEWORK, EARLIER)]
    checks.clear()
    run_cycle(FRAMEWORK, forms)
    assert checks == []


def test_a_survey_checks_each_school_once(checks: list[SelfEvaluation]) -> None:
    """Surveying a register takes each school's latest self-evaluation through the cycle, checking it once."""
    other = evaluation_of(("PV.1.1", Rating.FULLY), school="other-school")
    survey(FRAMEWORK, [school("example-school"), school("other-school")], [LATEST, other])
    assert sorted(id(evaluation) for evaluation in checks) == sorted([id(LATEST), id(other)])

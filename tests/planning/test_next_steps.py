"""Next steps and the plan draft: a few priorities, foundations first, each with its reasons."""

import datetime
import json
import random

import attrs
import pytest
from hypothesis import given, strategies as st

from helpers import FRAMEWORK, evaluation_of
from school_improvement import (
    ActionStatus,
    AnalysisError,
    DevelopmentPlan,
    GapAnalysis,
    Milestone,
    Rating,
    SelfEvaluation,
    Stage,
    Weighting,
    assess,
    check_evidence,
    draft_plan,
    find_gaps,
    make_converter,
    plan_problems,
    recommend,
)
from strategies import self_evaluations


def _gaps(evaluation: SelfEvaluation) -> GapAnalysis:
    return find_gaps(FRAMEWORK, evaluation, assess(FRAMEWORK, evaluation))


# Three aspects at Starting the journey with gaps at Making progress; LW's next steps name literacy and numeracy.
THREE_RATED: tuple[tuple[str, Rating], ...] = (
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
THREE = evaluation_of(*THREE_RATED)


def test_national_priorities_rank_first() -> None:
    """Of equal gaps, the aspect whose next steps name national priorities ranks first, and says why."""
    advice = recommend(FRAMEWORK, _gaps(THREE))
    assert [p.aspect for p in advice.priorities] == ["LW", "SV", "FC"]
    assert advice.not_chosen == ("PV",)
    first = advice.priorities[0]
    assert dict(first.score_parts) == {"gap": 1.0, "foundation": 0.75, "national_priority": 3.5}
    assert first.score == 5.25
    assert [s.descriptor for s in first.steps] == ["LW.2.3", "LW.2.1", "LW.2.2"]
    assert first.steps[0].national_priorities == ("literacy", "numeracy")
    assert {r.kind for r in first.reasons} == {"gap", "national-priority"}
    assert first.steps[0].characteristics == ("L3", "L4", "L8")


def test_school_priorities_and_factors_count() -> None:
    """A school's own priority and chosen contributory factors raise an aspect's rank, with reasons."""
    advice = recommend(FRAMEWORK, _gaps(THREE), school_priorities=["FC"], focus_factors=[7])
    assert [p.aspect for p in advice.priorities] == ["LW", "FC", "SV"]
    family = advice.priorities[1]
    assert dict(family.score_parts)["school_priority"] == 2.0
    assert dict(family.score_parts)["factor"] == 0.5
    assert family.score == 4.75
    assert {r.kind for r in family.reasons} >= {"school-priority", "contributory-factor"}


def test_weights_are_configurable() -> None:
    """Setting the national-priority weight to 0 returns the order to source order among equals."""
    advice = recommend(FRAMEWORK, _gaps(THREE), weighting=Weighting(national_priority=0, supporting_priority=0))
    assert [p.aspect for p in advice.priorities] == ["SV", "LW", "PV"]


def test_evidence_findings_are_taken_in() -> None:
    """An evidence warning about a descriptor brings its step forward within its stage and says why."""
    bare = evaluation_of(*THREE_RATED, ("SV.2.2", Rating.PARTLY, ()))
    findings = check_evidence(FRAMEWORK, bare)
    assert recommend(FRAMEWORK, _gaps(bare)).priorities[1].steps[0].descriptor == "SV.2.1"
    advice = recommend(FRAMEWORK, _gaps(bare), findings=findings, weighting=Weighting(evidence=1.0))
    vision = advice.priorities[1]
    assert vision.aspect == "SV"
    assert dict(vision.score_parts)["evidence"] == 1.0
    assert [s.descriptor for s in vision.steps] == ["SV.2.2", "SV.2.1"]
    assert any(r.kind == "evidence" for r in vision.steps[0].reasons)


def test_limits() -> None:
    """By default three priorities with up to three steps; limits are configurable and checked."""
    advice = recommend(FRAMEWORK, _gaps(THREE), max_priorities=1, max_steps=1)
    assert [(p.aspect, len(p.steps)) for p in advice.priorities] == [("LW", 1)]
    assert len(recommend(FRAMEWORK, _gaps(THREE), max_priorities=None).priorities) == 4
    with pytest.raises(AnalysisError, match=r"\$\.max_steps: must be at least 1"):
        recommend(FRAMEWORK, _gaps(THREE), max_steps=0)
    with pytest.raises(AnalysisError, match=r"\$\.school_priorities\[0\]"):
        recommend(FRAMEWORK, _gaps(THREE), school_priorities=["XX"])


def test_plan_draft() -> None:
    """The plan takes its actions from the steps and its success criteria from the target stage, inventing nothing."""
    gaps = _gaps(THREE)
    plan = draft_plan(FRAMEWORK, recommend(FRAMEWORK, gaps), gaps)
    first = plan.priorities[0]
    assert first.objective == (
        "Improving standards of learning and wellbeing, Including developing positive attitudes to learning: "
        "from Starting the journey to Making progress."
    )
    assert [a.descriptor for a in first.actions] == ["LW.2.3", "LW.2.1", "LW.2.2"]
    assert [a.id for a in first.actions] == ["P1.A1", "P1.A2", "P1.A3"]
    assert [c.descriptor for c in first.success_criteria] == ["LW.2.1", "LW.2.2", "LW.2.3", "LW.2.4", "LW.2.5"]
    assert (
        ". The descriptors still to meet name the national priorities: attendance" in first.reason
    )  # the steps' tags, as the reasons say them
    assert first.national_priority is None  # which national priority it serves is the school's to say
    assert (first.lead, first.resources, first.cost, first.milestones, first.updates) == (None, None, None, (), ())
    assert first.by == plan.starts + datetime.timedelta(days=365) == plan.ends
    assert all((a.owner, a.start, a.due, a.resources, a.cost) == (None,) * 5 for a in first.actions)
    assert all(a.status is ActionStatus.NOT_STARTED for a in first.actions)
    assert plan_problems(FRAMEWORK, plan) == []
    assert "not endorsed by Estyn or Welsh Government" in plan.note


def test_plan_is_editable_data_that_serialises() -> None:
    """A filled-in plan goes to JSON and back unchanged."""
    gaps = _gaps(THREE)
    plan = draft_plan(FRAMEWORK, recommend(FRAMEWORK, gaps), gaps)
    first = attrs.evolve(
        plan.priorities[0],
        lead="Deputy head",
        milestones=(Milestone(datetime.date(2027, 2, 1), "Half the staff trained"),),
        actions=(attrs.evolve(plan.priorities[0].actions[0], owner="Attendance lead", due=datetime.date(2027, 3, 31)),),
    )
    edited = attrs.evolve(plan, priorities=(first, *plan.priorities[1:]))
    converter = make_converter()
    text = json.dumps(converter.unstructure(edited))
    assert converter.structure(json.loads(text), DevelopmentPlan) == edited


def test_not_applicable_is_no_success_criterion() -> None:
    """A target-stage descriptor marked not applicable is not a success criterion."""
    evaluation = evaluation_of(*THREE_RATED, ("LW.2.5", Rating.NOT_APPLICABLE, ()))
    gaps = _gaps(evaluation)
    plan = draft_plan(FRAMEWORK, recommend(FRAMEWORK, gaps), gaps)
    assert "LW.2.5" not in [c.descriptor for c in plan.priorities[0].success_criteria]


@given(self_evaluations())
def test_never_recommends_a_met_descriptor(evaluation: SelfEvaluation) -> None:
    """Every step is an unmet descriptor of an open gap, and steps come foundations first."""
    gaps = _gaps(evaluation)
    advice = recommend(FRAMEWORK, gaps, findings=check_evidence(FRAMEWORK, evaluation))
    assert len(advice.priorities) <= 3
    for priority in advice.priorities:
        gap = gaps.gap(priority.aspect)
        assert gap.is_open
        assert 1 <= len(priority.steps) <= 3
        assert {s.descriptor for s in priority.steps} <= set(gap.unmet)
        assert [s.stage for s in priority.steps] == sorted(s.stage for s in priority.steps)
        assert priority.steps[0].stage is FRAMEWORK.descriptor(gap.unmet[0]).stage


@given(self_evaluations(), st.randoms(use_true_random=False))
def test_advice_is_deterministic_and_order_free(evaluation: SelfEvaluation, shuffle: random.Random) -> None:
    """The same gaps give the same advice, whatever the order of the findings and chosen priorities."""
    gaps = _gaps(evaluation)
    findings = list(check_evidence(FRAMEWORK, evaluation))
    chosen = ["PV", "LW", "TA"]
    first = recommend(FRAMEWORK, gaps, findings=findings, school_priorities=chosen)
    shuffle.shuffle(findings)
    shuffle.shuffle(chosen)
    assert recommend(FRAMEWORK, gaps, findings=findings, school_priorities=chosen) == first


@given(self_evaluations(aspects=("PV", "FC", "LA")), self_evaluations(aspects=("PV", "FC", "LA")))
def test_different_gaps_give_different_advice(one: SelfEvaluation, other: SelfEvaluation) -> None:
    """Without limits, the advice covers exactly the unmet descriptors of the open gaps, so different gaps differ."""
    advice = []
    for evaluation in (one, other):
        gaps = _gaps(evaluation)
        unlimited = recommend(FRAMEWORK, gaps, max_priorities=None, max_steps=None)
        steps = {s.descriptor for p in unlimited.priorities for s in p.steps}
        assert steps == {code for gap in gaps.open_gaps for code in gap.unmet}
        advice.append((steps, {g.aspect for g in gaps.open_gaps}))
    one_gaps, other_gaps = (_gaps(e) for e in (one, other))
    if {c for g in one_gaps.open_gaps for c in g.unmet} != {c for g in other_gaps.open_gaps for c in g.unmet}:
        assert advice[0] != advice[1]


def test_stage_order_of_steps_runs_across_stages() -> None:
    """When an aspect's earliest unmet stage has fewer than three unmet descriptors, later stages follow."""
    gaps = find_gaps(FRAMEWORK, THREE, assess(FRAMEWORK, THREE), {"PV": Stage.SUSTAINING_HIGH_STANDARDS})
    advice = recommend(FRAMEWORK, gaps, school_priorities=["PV"])
    pupil_voice = next(p for p in advice.priorities if p.aspect == "PV")
    assert [s.descriptor for s in pupil_voice.steps] == ["PV.2.1", "PV.3.1", "PV.4.1"]

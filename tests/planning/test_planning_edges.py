"""The edges of planning: what does not apply, what is unrated, comparison-only rules, and evidence to gather first."""

import datetime

import pytest
from hypothesis import given, strategies as st

from helpers import FRAMEWORK, OwnRule, Rated, evaluation_of
from school_improvement import (
    AnalysisError,
    EvidenceToGather,
    GapStatus,
    Problem,
    Rating,
    Reason,
    SelfEvaluation,
    Stage,
    assess,
    check_evidence,
    default_targets,
    draft_plan,
    find_gaps,
    recommend,
    rule_named,
    run_cycle,
)
from strategies import ASPECT_CODES, self_evaluations, stages

NOT_APPLICABLE_PV: tuple[Rated, ...] = tuple((f"PV.{n}.1", Rating.NOT_APPLICABLE, ()) for n in range(1, 5))
"""Using pupil voice marked not applicable throughout."""
FC_OPEN: tuple[Rated, ...] = (("FC.1.1", Rating.FULLY), ("FC.1.2", Rating.FULLY), ("FC.2.1", Rating.PARTLY))
"""Family and community engagement at Starting the journey, with an open gap to Making progress."""
COMPARISON_ONLY = Problem(
    "$.rule",
    "the high-water-mark rule is for comparison only: it shows how far the best work reaches, not the stage "
    "reached. Assess with a rule to judge by (cumulative, secure-fit or best-fit) to plan, or ask to "
    "plan from it anyway (allow_comparison_only=True; on the command line, --allow-comparison-only)",
)
SHORT = "0 of the 2 rated descriptors needed; 0 of the 2 kinds of evidence needed"
"""The shortfall of an aspect with nothing rated, under the default sufficiency."""


def test_an_aspect_that_does_not_apply_is_in_no_advice() -> None:
    """Not applicable gets no default target, is no priority, and is neither left out nor evidence to gather."""
    cycle = run_cycle(FRAMEWORK, evaluation_of(*NOT_APPLICABLE_PV, *FC_OPEN))
    assert "PV" not in {target.aspect for target in default_targets(cycle.profile)}
    gap = cycle.gaps.gap("PV")
    assert (gap.status, gap.target, gap.progress, gap.shortfall) == (GapStatus.NOT_APPLICABLE, None, 1.0, None)
    assert "gather evidence" not in gap.explanation
    advice = cycle.recommendation
    assert [priority.aspect for priority in advice.priorities] == ["FC"]
    assert "PV" not in advice.not_chosen
    assert "PV" not in {item.aspect for item in advice.gather_evidence}
    assert "PV" not in {item.aspect for item in cycle.plan.evidence_to_gather}
    assert [gap.aspect for gap in cycle.gaps.gaps][-1] == "PV"  # ordered after every gap that asks for attention


def test_the_gaps_say_which_unmet_descriptors_no_one_has_rated() -> None:
    """Of the unmet descriptors, those not rated with evidence are listed apart from those rated below the bar."""
    evaluation = evaluation_of(
        ("SV.1.1", Rating.FULLY), ("SV.1.2", Rating.FULLY), ("SV.1.3", Rating.PARTLY), ("SV.1.4", Rating.FULLY, ())
    )
    gap = find_gaps(FRAMEWORK, evaluation, assess(FRAMEWORK, evaluation)).gap("SV")
    assert (gap.status, gap.unmet, gap.unrated) == (GapStatus.OPEN, ("SV.1.3", "SV.1.4"), ("SV.1.4",))
    assert gap.explanation.endswith("not rated yet: SV.1.4.")


HIGH_WATER = evaluation_of(("PV.1.1", Rating.PARTLY), ("PV.3.1", Rating.FULLY), *FC_OPEN)
"""Using pupil voice's best work at Building momentum, over an unmet first stage."""


def test_gaps_from_a_comparison_only_rule_are_refused_unless_asked_for() -> None:
    """find_gaps refuses a high-water-mark profile at $.rule, naming the rules to plan from, unless allowed."""
    profile = assess(FRAMEWORK, HIGH_WATER, "high-water-mark")
    with pytest.raises(AnalysisError) as raised:
        find_gaps(FRAMEWORK, HIGH_WATER, profile)
    assert raised.value.problems == (COMPARISON_ONLY,)
    gaps = find_gaps(FRAMEWORK, HIGH_WATER, profile, allow_comparison_only=True)
    assert gaps.rule.comparison_only
    assert gaps.gap("PV").unmet == ("PV.1.1", "PV.2.1", "PV.4.1")  # the earlier descriptors stay unmet


def test_the_cycle_refuses_a_comparison_only_rule_and_a_plan_from_one_says_so() -> None:
    """run_cycle refuses the high-water mark unless allowed; a plan drawn from it says, in its note, what it is."""
    with pytest.raises(AnalysisError) as raised:
        run_cycle(FRAMEWORK, HIGH_WATER, "high-water-mark")
    assert raised.value.problems == (COMPARISON_ONLY,)
    cycle = run_cycle(FRAMEWORK, HIGH_WATER, "high-water-mark", allow_comparison_only=True)
    comparison = (
        " It follows stages judged by the high-water-mark rule, which is for comparison only: it shows how far the "
        "best work reaches, not the stage reached."
    )
    judged_by = run_cycle(FRAMEWORK, HIGH_WATER)
    assert "comparison" not in judged_by.plan.note
    assert cycle.plan.note == judged_by.plan.note + comparison
    assert draft_plan(FRAMEWORK, cycle.recommendation, cycle.gaps) == cycle.plan


def _best_fit_past_one() -> SelfEvaluation:
    """Improving standards fully in place up to Building momentum, except LW.2.3, only partly."""
    return evaluation_of(
        *(
            (d.code, Rating.PARTLY if d.code == "LW.2.3" else Rating.FULLY)
            for d in FRAMEWORK.descriptors
            if d.aspect == "LW" and d.stage <= Stage.BUILDING_MOMENTUM
        )
    )


def test_a_target_best_fit_reaches_past_an_unmet_descriptor_keeps_it_listed() -> None:
    """Best fit reaches Building momentum with LW.2.3 partly met: the gap is reached, lists it, and counts it."""
    evaluation = _best_fit_past_one()
    profile = assess(FRAMEWORK, evaluation, "best-fit")
    gap = find_gaps(FRAMEWORK, evaluation, profile, {"LW": Stage.BUILDING_MOMENTUM}).gap("LW")
    assert (gap.status, gap.current, gap.distance) == (GapStatus.REACHED, Stage.BUILDING_MOMENTUM, 0)
    assert (gap.unmet, gap.met, gap.applicable, gap.progress) == (("LW.2.3",), 13, 14, 13 / 14)
    assert gap.explanation.endswith(
        "the target, Building momentum, is reached by the best-fit rule (now Building momentum), though not every "
        "descriptor up to it is met: 13 of 14 applicable descriptors up to Building momentum are met; not met: LW.2.3."
    )


RULES = ("cumulative", "secure-fit", "best-fit", "high-water-mark")


def _counted(evaluation: SelfEvaluation) -> dict[str, Rating | None]:
    """Each descriptor's rating as the cycle counts it: a rating with no evidence counts as not rated."""
    return {
        rating.descriptor: rating.rating
        for rating in evaluation.ratings
        if rating.rating is Rating.NOT_APPLICABLE or rating.evidence
    }


@given(
    self_evaluations(aspects=("SV", "LW", "PV", "FC")), st.sampled_from(RULES), st.dictionaries(ASPECT_CODES, stages)
)
def test_whatever_the_rule_the_unmet_descriptors_up_to_the_target_are_listed(
    evaluation: SelfEvaluation, rule: str, targets: dict[str, Stage]
) -> None:
    """Whatever the rule, each applicable descriptor up to the target below the threshold is unmet, and counted so."""
    profile = assess(FRAMEWORK, evaluation, rule)
    gaps = find_gaps(FRAMEWORK, evaluation, profile, targets, allow_comparison_only=True)
    counted = _counted(evaluation)
    threshold = rule_named(rule).threshold
    for gap in gaps.gaps:
        if gap.target is None or gap.status is GapStatus.NOT_APPLICABLE:
            continue
        upto = [d.code for d in FRAMEWORK.descriptors if d.aspect == gap.aspect and d.stage <= gap.target]
        applicable = [code for code in upto if counted.get(code) is not Rating.NOT_APPLICABLE]
        unmet = [code for code in applicable if (rating := counted.get(code)) is None or not rating.at_least(threshold)]
        assert gap.unmet == tuple(unmet), gap.aspect
        assert gap.unrated == tuple(code for code in unmet if counted.get(code) is None)
        assert (gap.met, gap.applicable) == (len(applicable) - len(unmet), len(applicable))
        if gap.status is not GapStatus.NOT_ENOUGH_EVIDENCE:
            assert gap.progress == (gap.met / gap.applicable if gap.applicable else 1.0)


def _ranking(evaluation: SelfEvaluation, school_priorities: list[str], max_steps: int | None) -> list[object]:
    """The aspects recommended in rank order, with their scores, score parts and reasons, and those left out."""
    gaps = find_gaps(FRAMEWORK, evaluation, assess(FRAMEWORK, evaluation))
    advice = recommend(
        FRAMEWORK,
        gaps,
        findings=check_evidence(FRAMEWORK, evaluation),
        school_priorities=school_priorities,
        max_priorities=None,
        max_steps=max_steps,
    )
    return [(p.rank, p.aspect, p.score, p.score_parts, p.reasons) for p in advice.priorities] + [advice.not_chosen]


@given(
    self_evaluations(),
    st.lists(ASPECT_CODES, unique=True, max_size=3),
    st.integers(min_value=1, max_value=4),
)
def test_the_ranking_does_not_depend_on_how_many_steps_are_shown(
    evaluation: SelfEvaluation, school_priorities: list[str], max_steps: int
) -> None:
    """The order of the priorities and their scores are the same whatever max_steps is; only the steps shown differ."""
    assert _ranking(evaluation, school_priorities, max_steps) == _ranking(evaluation, school_priorities, None)
    gaps = find_gaps(FRAMEWORK, evaluation, assess(FRAMEWORK, evaluation))
    every = recommend(FRAMEWORK, gaps, max_priorities=None, max_steps=None)
    shown = recommend(FRAMEWORK, gaps, max_priorities=None, max_steps=max_steps)
    for full, few in zip(every.priorities, shown.priorities, strict=True):
        assert few.steps == full.steps[:max_steps]


def test_a_priority_is_scored_on_every_descriptor_still_to_meet() -> None:
    """With one step shown, the national priorities that only the steps not shown name still count in the score."""
    first_stage = (d.code for d in FRAMEWORK.descriptors if d.aspect == "LW" and d.stage is Stage.STARTING_THE_JOURNEY)
    evaluation = evaluation_of(*((code, Rating.FULLY) for code in first_stage))
    gaps = find_gaps(FRAMEWORK, evaluation, assess(FRAMEWORK, evaluation), {"LW": Stage.BUILDING_MOMENTUM})
    (one,) = recommend(FRAMEWORK, gaps, max_steps=1).priorities
    (every,) = recommend(FRAMEWORK, gaps, max_steps=None).priorities
    assert [(step.descriptor, step.national_priorities) for step in one.steps] == [("LW.2.3", ("literacy", "numeracy"))]
    assert one.score_parts == every.score_parts == (("gap", 1.0), ("foundation", 0.75), ("national_priority", 3.5))
    assert one.reasons[1] == Reason(
        "national-priority",
        "the descriptors still to meet name the national priorities: attendance, literacy, numeracy, wellbeing",
    )


def test_an_empty_self_evaluation_is_advised_to_gather_evidence_everywhere() -> None:
    """Nothing rated: no priority, nothing left out, and every aspect, in source order, to gather evidence on."""
    cycle = run_cycle(FRAMEWORK, evaluation_of())
    advice = cycle.recommendation
    assert (advice.priorities, advice.not_chosen) == ((), ())
    reason = Reason("evidence", f"not enough evidence to judge a stage: {SHORT}")
    assert advice.gather_evidence == tuple(
        EvidenceToGather(aspect.code, SHORT, (reason,)) for aspect in FRAMEWORK.aspects
    )
    assert cycle.plan.evidence_to_gather == advice.gather_evidence
    assert all(gap.shortfall == SHORT for gap in cycle.gaps.gaps)


def test_the_schools_own_priority_without_evidence_comes_first_with_its_reason() -> None:
    """A priority the school chose on an aspect short of evidence leads the evidence to gather, saying why."""
    advice = run_cycle(FRAMEWORK, evaluation_of(*FC_OPEN), school_priorities=["PV", "SV"]).recommendation
    assert [item.aspect for item in advice.gather_evidence] == ["SV", "PV", "LA", "LC", "LW", "TA", "CU", "SE", "PL"]
    chosen = Reason("school-priority", "the school has chosen it as a priority: judge it first")
    assert [item.reasons[1:] for item in advice.gather_evidence[:2]] == [(chosen,), (chosen,)]
    assert all(len(item.reasons) == 1 for item in advice.gather_evidence[2:])
    assert [priority.aspect for priority in advice.priorities] == ["FC"]


def test_a_gap_short_of_evidence_says_what_it_lacks() -> None:
    """With a target or without, the gap of an aspect short of evidence carries the judgement's shortfall."""
    evaluation = evaluation_of(("PV.1.1", Rating.FULLY))
    profile = assess(FRAMEWORK, evaluation)
    shortfall = profile.judgement("PV").shortfall
    assert shortfall == "1 of the 2 rated descriptors needed"
    assert find_gaps(FRAMEWORK, evaluation, profile).gap("PV").shortfall == shortfall
    aimed = find_gaps(FRAMEWORK, evaluation, profile, {"PV": Stage.MAKING_PROGRESS}).gap("PV")
    assert (aimed.status, aimed.shortfall) == (GapStatus.NOT_ENOUGH_EVIDENCE, shortfall)


def test_the_cycle_ages_the_self_evaluation_at_the_date_given() -> None:
    """run_cycle passes as_of and max_age_days to the evidence checks, and refuses a date before the self-evaluation."""
    evaluation = evaluation_of(*FC_OPEN)
    later = datetime.date(2027, 11, 2)
    assert "stale-self-evaluation" in {f.check for f in run_cycle(FRAMEWORK, evaluation, as_of=later).findings}
    longer = run_cycle(FRAMEWORK, evaluation, as_of=later, max_age_days=366)
    assert "stale-self-evaluation" not in {f.check for f in longer.findings}
    with pytest.raises(AnalysisError, match=r"\$\.date: the self-evaluation is dated 2026-11-01, after 2026-10-31"):
        run_cycle(FRAMEWORK, evaluation, as_of=datetime.date(2026, 10, 31))


def test_a_rule_of_ones_own_for_comparison_only_is_refused_too() -> None:
    """The refusal follows what a rule declares, not its name: a user's own comparison-only rule is refused as well."""
    rule = OwnRule(name="our-comparison", comparison_only=True)
    evaluation = evaluation_of(*FC_OPEN)
    with pytest.raises(AnalysisError) as raised:
        find_gaps(FRAMEWORK, evaluation, assess(FRAMEWORK, evaluation, rule))
    ((path, message),) = [(problem.path, problem.message) for problem in raised.value.problems]
    assert (path, message.split(":")[0]) == ("$.rule", "the our-comparison rule is for comparison only")

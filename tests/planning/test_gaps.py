"""Gap analysis: right at every edge, and monotonic in the evidence."""

import datetime
from fractions import Fraction

import attrs
import pytest
from hypothesis import assume, given, strategies as st

from helpers import FRAMEWORK, OwnRule, evaluation_of
from school_improvement import (
    AnalysisError,
    BestFit,
    CumulativeThreshold,
    GapAnalysis,
    GapStatus,
    HighWaterMark,
    Rating,
    SecureFit,
    SelfEvaluation,
    Stage,
    StageRule,
    Target,
    assess,
    find_gaps,
)
from strategies import self_evaluations, stages


def _gaps(
    evaluation: SelfEvaluation,
    targets: dict[str, Stage] | list[Target] | None = None,
    *,
    defaults: bool = True,
    threshold: Rating | None = None,
) -> GapAnalysis:
    profile = assess(FRAMEWORK, evaluation)
    return find_gaps(FRAMEWORK, evaluation, profile, targets, defaults=defaults, threshold=threshold)


def test_default_target_is_the_next_stage() -> None:
    """With no target given, an aspect aims for the stage after its current one."""
    gap = _gaps(evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.PARTLY))).gap("PV")
    assert (gap.status, gap.current, gap.target, gap.distance) == (
        GapStatus.OPEN,
        Stage.STARTING_THE_JOURNEY,
        Stage.MAKING_PROGRESS,
        1,
    )
    assert gap.unmet == ("PV.2.1",)
    assert (gap.met, gap.applicable, gap.progress) == (1, 2, 0.5)
    assert "Starting the journey now, aiming for Making progress (1 stage on)" in gap.explanation


def test_no_current_stage_aims_for_the_first() -> None:
    """An aspect with no stage yet counts from position 0 and aims for Starting the journey."""
    gap = _gaps(evaluation_of(("PV.1.1", Rating.PARTLY), ("PV.2.1", Rating.NOT_YET))).gap("PV")
    assert (gap.current, gap.target, gap.distance, gap.unmet) == (None, Stage.STARTING_THE_JOURNEY, 1, ("PV.1.1",))
    assert gap.progress == 0.0


def test_target_at_or_below_current_gives_no_gap() -> None:
    """A target the aspect has already reached is no gap: distance 0, nothing unmet, progress 1."""
    evaluation = evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.FULLY), ("PV.3.1", Rating.PARTLY))
    gap = _gaps(evaluation, {"PV": Stage.STARTING_THE_JOURNEY}).gap("PV")
    assert (gap.status, gap.distance, gap.unmet, gap.progress) == (GapStatus.REACHED, 0, (), 1.0)
    assert "is reached" in gap.explanation


def test_target_at_the_top_stage() -> None:
    """A target of Sustaining high standards counts every unmet descriptor up to the top."""
    evaluation = evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.FULLY))
    target = Target("PV", Stage.SUSTAINING_HIGH_STANDARDS, horizon=datetime.date(2028, 7, 31))
    gap = _gaps(evaluation, [target]).gap("PV")
    assert (gap.distance, gap.unmet, gap.horizon) == (2, ("PV.3.1", "PV.4.1"), datetime.date(2028, 7, 31))
    assert "by 2028-07-31" in gap.explanation


def test_at_the_top_already() -> None:
    """An aspect at Sustaining high standards keeps it as its target, reached."""
    evaluation = evaluation_of(*((f"PV.{n}.1", Rating.FULLY) for n in range(1, 5)))
    gap = _gaps(evaluation).gap("PV")
    assert (gap.status, gap.target, gap.progress) == (GapStatus.REACHED, Stage.SUSTAINING_HIGH_STANDARDS, 1.0)


def test_not_enough_evidence_sets_no_target() -> None:
    """By default an aspect with not enough evidence gets no target and says to gather evidence."""
    gap = _gaps(evaluation_of(("PV.1.1", Rating.FULLY))).gap("PV")
    assert (gap.status, gap.target, gap.distance, gap.progress) == (GapStatus.NO_TARGET, None, None, None)
    assert "gather evidence, then set a target" in gap.explanation


def test_not_enough_evidence_with_a_target_says_so() -> None:
    """With a target, an aspect short of evidence reports what the evidence so far shows, but no verdict."""
    gap = _gaps(evaluation_of(("PV.1.1", Rating.FULLY)), {"PV": Stage.MAKING_PROGRESS}).gap("PV")
    assert (gap.status, gap.distance, gap.unmet, gap.met, gap.applicable) == (
        GapStatus.NOT_ENOUGH_EVIDENCE,
        None,
        ("PV.2.1",),
        1,
        2,
    )


def test_all_not_applicable() -> None:
    """An aspect entirely not applicable is not applicable: no default target, nothing to meet, progress 1."""
    evaluation = evaluation_of(*((f"PV.{n}.1", Rating.NOT_APPLICABLE) for n in range(1, 5)))
    gap = _gaps(evaluation).gap("PV")
    assert (gap.status, gap.target, gap.distance, gap.unmet, gap.applicable, gap.progress, gap.shortfall) == (
        GapStatus.NOT_APPLICABLE,
        None,
        None,
        (),
        0,
        1.0,
        None,
    )
    assert not gap.is_open
    assert gap.explanation == (
        "Using pupil voice: does not apply to this school (every descriptor is marked not applicable); "
        "nothing to aim for."
    )
    gap = _gaps(evaluation, {"PV": Stage.MAKING_PROGRESS}).gap("PV")
    assert (gap.status, gap.applicable, gap.progress, gap.unmet) == (GapStatus.NOT_APPLICABLE, 0, 1.0, ())


def test_target_stage_wholly_not_applicable_is_reached_when_below_is_met() -> None:
    """When the target's own stage is all not applicable, meeting everything below it reaches the target."""
    evaluation = evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.NOT_APPLICABLE), ("PV.3.1", Rating.PARTLY))
    gap = _gaps(evaluation, {"PV": Stage.MAKING_PROGRESS}).gap("PV")
    assert (gap.status, gap.unmet, gap.progress) == (GapStatus.REACHED, (), 1.0)


def test_threshold_follows_the_rule() -> None:
    """Under secure fit, "mostly" is unmet; a threshold may also be given."""
    evaluation = evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.MOSTLY))
    secure = find_gaps(
        FRAMEWORK, evaluation, assess(FRAMEWORK, evaluation, "secure-fit"), {"PV": Stage.MAKING_PROGRESS}
    )
    assert secure.threshold is Rating.FULLY
    assert secure.gap("PV").unmet == ("PV.2.1",)
    lenient = _gaps(evaluation, {"PV": Stage.BUILDING_MOMENTUM}, threshold=Rating.PARTLY)
    assert lenient.gap("PV").unmet == ("PV.3.1",)


def test_open_gaps_come_foundations_first() -> None:
    """Open gaps are ordered by their earliest unmet stage, then distance, then progress, then source order."""
    evaluation = evaluation_of(
        ("FC.1.1", Rating.FULLY),
        ("FC.1.2", Rating.FULLY),
        ("FC.2.1", Rating.PARTLY),
        ("PV.1.1", Rating.PARTLY),
        ("PV.2.1", Rating.PARTLY),
    )
    analysis = _gaps(evaluation)
    assert [g.aspect for g in analysis.open_gaps] == ["PV", "FC"]
    assert analysis.gaps[-1].status is GapStatus.NO_TARGET


def test_defaults_can_be_switched_off() -> None:
    """With defaults off, only the aspects given targets have one."""
    evaluation = evaluation_of(
        ("FC.1.1", Rating.FULLY), ("FC.1.2", Rating.PARTLY), ("PV.1.1", Rating.PARTLY), ("PV.2.1", Rating.FULLY)
    )
    analysis = _gaps(evaluation, {"PV": Stage.MAKING_PROGRESS}, defaults=False)
    assert analysis.gap("FC").status is GapStatus.NO_TARGET
    assert analysis.gap("PV").status is GapStatus.OPEN


def test_bad_targets_and_mismatched_profile() -> None:
    """Unknown or repeated targets, and a profile of another self-evaluation, raise AnalysisError with paths."""
    evaluation = evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.FULLY))
    with pytest.raises(AnalysisError) as raised:
        _gaps(
            evaluation,
            [
                Target("XX", Stage.MAKING_PROGRESS),
                Target("PV", Stage.MAKING_PROGRESS),
                Target("PV", Stage.BUILDING_MOMENTUM),
            ],
        )
    assert [p.path for p in raised.value.problems] == ["$.targets[0].aspect", "$.targets[2].aspect"]
    other = attrs.evolve(evaluation, school="another-school")
    with pytest.raises(AnalysisError, match=r"\$\.school"):
        find_gaps(FRAMEWORK, other, assess(FRAMEWORK, evaluation))


@st.composite
def _targets(draw: st.DrawFn) -> dict[str, Stage]:
    return {aspect.code: draw(stages) for aspect in FRAMEWORK.aspects}


@given(self_evaluations(), _targets())
def test_gap_is_empty_iff_target_reached(evaluation: SelfEvaluation, targets: dict[str, Stage]) -> None:
    """Nothing is unmet exactly when progress is 1; a target is reached by the rule or by meeting all up to it."""
    for rule in ("cumulative", "secure-fit", "best-fit"):
        analysis = find_gaps(FRAMEWORK, evaluation, assess(FRAMEWORK, evaluation, rule), targets)
        for gap in analysis.gaps:
            assert gap.progress is not None
            assert 0.0 <= gap.progress <= 1.0
            assert set(gap.unrated) <= set(gap.unmet)
            if gap.status is GapStatus.NOT_APPLICABLE:
                assert (gap.unmet, gap.applicable, gap.progress, gap.distance) == ((), 0, 1.0, None)
            if gap.status in {GapStatus.NOT_ENOUGH_EVIDENCE, GapStatus.NOT_APPLICABLE}:
                continue
            assert gap.target is not None
            by_rule = gap.current is not None and gap.current.position >= gap.target.position
            assert (gap.status is GapStatus.REACHED) == (by_rule or gap.unmet == ())
            assert (gap.progress == 1.0) == (gap.unmet == ())
            if rule != "best-fit":  # the cumulative rules reach a stage only when everything up to it is met
                assert (gap.unmet == ()) == (gap.status is GapStatus.REACHED)
            assert gap.distance is not None
            assert gap.distance == 0 if gap.status is GapStatus.REACHED else gap.distance >= 1


@given(self_evaluations(), _targets(), st.data())
def test_raising_a_rating_never_enlarges_a_gap(
    evaluation: SelfEvaluation, targets: dict[str, Stage], data: st.DataObject
) -> None:
    """With the same targets, raising any rating leaves every gap's unmet descriptors the same or fewer."""
    applicable = [n for n, r in enumerate(evaluation.ratings) if r.rating.applicable and r.rating is not Rating.FULLY]
    assume(applicable)
    place = data.draw(st.sampled_from(applicable))
    current = evaluation.ratings[place].rating
    higher = data.draw(st.sampled_from([r for r in Rating.scale() if r.at_least(current) and r is not current]))
    ratings = list(evaluation.ratings)
    ratings[place] = attrs.evolve(ratings[place], rating=higher)
    raised = attrs.evolve(evaluation, ratings=tuple(ratings))
    before = find_gaps(FRAMEWORK, evaluation, assess(FRAMEWORK, evaluation), targets)
    after = find_gaps(FRAMEWORK, raised, assess(FRAMEWORK, raised), targets)
    for aspect in FRAMEWORK.aspects:
        old, new = before.gap(aspect.code), after.gap(aspect.code)
        assert set(new.unmet) <= set(old.unmet), aspect.code
        assert (new.progress or 0.0) >= (old.progress or 0.0)


@pytest.mark.parametrize(
    "rule",
    [
        CumulativeThreshold(),
        CumulativeThreshold(Rating.FULLY),
        SecureFit(),
        BestFit(),
        BestFit(bar=Fraction(5, 2)),
        BestFit(bar=Fraction(1, 2)),
        HighWaterMark(),
        HighWaterMark(Rating.MOSTLY),
        OwnRule(),
        OwnRule(Rating.NOT_YET),
    ],
    ids=lambda rule: f"{rule.name}-{rule.threshold.value}",
)
def test_the_gaps_count_by_the_threshold_the_rule_declares(rule: StageRule) -> None:
    """Unless told otherwise, a descriptor is met at the rule's own threshold, a user's own rule's included."""
    ratings = (
        ("PV.1.1", Rating.FULLY),
        ("PV.2.1", Rating.MOSTLY),
        ("PV.3.1", Rating.PARTLY),
        ("PV.4.1", Rating.NOT_YET),
    )
    evaluation = evaluation_of(*ratings)
    profile = assess(FRAMEWORK, evaluation, rule)
    assert profile.rule.threshold is rule.threshold
    allow = rule.comparison_only  # the high-water mark is planned from only when asked for
    analysis = find_gaps(
        FRAMEWORK, evaluation, profile, {"PV": Stage.SUSTAINING_HIGH_STANDARDS}, allow_comparison_only=allow
    )
    assert analysis.threshold is rule.threshold
    gap = analysis.gap("PV")
    assert gap.unmet == tuple(code for code, rating in ratings if not rating.at_least(rule.threshold))
    assert gap.met == sum(1 for _, rating in ratings if rating.at_least(rule.threshold))
    relaxed = find_gaps(FRAMEWORK, evaluation, profile, threshold=Rating.NOT_YET, allow_comparison_only=allow)
    assert relaxed.threshold is Rating.NOT_YET

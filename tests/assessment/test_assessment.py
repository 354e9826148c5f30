"""Assessment: stages judged from evidence, explained, and never an overall grade."""

import datetime
import random
from collections.abc import Sequence

import attrs
import pytest
from hypothesis import assume, given, strategies as st

from helpers import FRAMEWORK, TRIANGULATED, evaluation_of
from school_improvement import (
    BestFit,
    CellRatings,
    CumulativeThreshold,
    Decision,
    DescriptorRating,
    Evidence,
    EvidenceKind,
    HighWaterMark,
    JudgementStatus,
    ProfessionalJudgement,
    Rating,
    SecureFit,
    SelfEvaluation,
    SelfEvaluationError,
    Stage,
    StageProfile,
    StageRule,
    Sufficiency,
    UnknownCodeError,
    assess,
    check_self_evaluation,
)
from strategies import self_evaluations

RULES: list[StageRule] = [CumulativeThreshold(), SecureFit(), BestFit(), HighWaterMark()]


def _position(profile: StageProfile, aspect: str) -> int:
    stage = profile.judgement(aspect).stage
    return 0 if stage is None else stage.position


def test_cumulative_is_the_default_and_explains_itself() -> None:
    """The default rule is cumulative at "mostly"; the judgement names its rule, figures and decisive descriptors."""
    evaluation = evaluation_of(
        ("SV.1.1", Rating.FULLY),
        ("SV.1.2", Rating.MOSTLY),
        ("SV.1.3", Rating.MOSTLY),
        ("SV.1.4", Rating.FULLY),
        ("SV.2.1", Rating.MOSTLY),
        ("SV.2.2", Rating.PARTLY),
    )
    profile = assess(FRAMEWORK, evaluation)
    judgement = profile.judgement("SV")
    assert profile.rule.name == "cumulative"
    assert profile.rule.parameters == (("threshold", "mostly"),)
    assert judgement.status is JudgementStatus.REACHED
    assert judgement.stage is Stage.STARTING_THE_JOURNEY
    assert judgement.decisive == ("SV.2.2",)
    assert judgement.evidence_kinds == (EvidenceKind.LEARNER_VOICE, EvidenceKind.STAFF_VIEWS)
    first, second, third, _ = judgement.coverage
    assert (first.descriptors, first.fully, first.mostly, first.not_rated) == (4, 2, 2, 0)
    assert (second.mostly, second.partly) == (1, 1)
    assert third.not_rated == 2
    assert second.share_at_least(Rating.MOSTLY) == 0.5
    assert "Starting the journey reached" in judgement.rationale
    assert "Holding back Making progress: SV.2.2 rated 'partly'" in judgement.rationale
    assert "6 rated descriptors and learner voice, staff views." in judgement.rationale


def test_there_is_no_overall_grade() -> None:
    """A stage profile offers a stage per aspect and nothing that rolls them up."""
    profile = assess(FRAMEWORK, evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.FULLY)))
    assert [j.aspect for j in profile.judgements] == [a.code for a in FRAMEWORK.aspects]
    fields = {field.name for field in attrs.fields(StageProfile)}
    assert not fields & {"overall", "grade", "score", "average", "stage"}


def test_not_enough_evidence_rather_than_a_guess() -> None:
    """One rated descriptor, or one kind of evidence, gives "not enough evidence" with the reason."""
    one = assess(FRAMEWORK, evaluation_of(("PV.1.1", Rating.FULLY))).judgement("PV")
    assert one.status is JudgementStatus.NOT_ENOUGH_EVIDENCE
    assert one.stage is None
    assert one.shortfall == "1 of the 2 rated descriptors needed"
    single_kind = (Evidence(EvidenceKind.DATA, datetime.date(2026, 9, 1)),)
    data_only = evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.FULLY), evidence=single_kind)
    judgement = assess(FRAMEWORK, data_only).judgement("PV")
    assert judgement.shortfall == "1 of the 2 kinds of evidence needed"
    assert "not enough evidence" in judgement.rationale


def test_sufficiency_is_configurable() -> None:
    """The sufficiency rule's minimums, and a demand for learner voice, are parameters."""
    evaluation = evaluation_of(("PV.1.1", Rating.FULLY))
    lenient = Sufficiency(min_rated=1, min_evidence_kinds=1)
    assert assess(FRAMEWORK, evaluation, sufficiency=lenient).judgement("PV").stage is Stage.STARTING_THE_JOURNEY
    no_voice = (Evidence(EvidenceKind.DATA, datetime.date(2026, 9, 1)),)
    strict = Sufficiency(min_rated=1, min_evidence_kinds=1, require_learner_voice=True)
    judgement = assess(FRAMEWORK, evaluation_of(("PV.1.1", Rating.FULLY), evidence=no_voice), sufficiency=strict)
    assert judgement.judgement("PV").shortfall == "no learner voice"
    with pytest.raises(ValueError, match="min_rated must be a whole number, not negative"):
        Sufficiency(min_rated=-1)


def test_a_rating_without_evidence_counts_as_not_rated() -> None:
    """Judgements rest on evidence: a rating with none is treated as no rating."""
    bare = evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.FULLY), ("PV.3.1", Rating.FULLY, ()))
    judgement = assess(FRAMEWORK, bare).judgement("PV")
    assert judgement.stage is Stage.MAKING_PROGRESS
    assert judgement.decisive == ("PV.3.1",)
    assert judgement.coverage[2].not_rated == 1
    assert "PV.3.1 not rated" in judgement.rationale


def test_not_applicable_leaves_the_denominators() -> None:
    """A not-applicable descriptor neither blocks its stage nor counts towards it."""
    evaluation = evaluation_of(
        ("FC.1.1", Rating.NOT_APPLICABLE),
        ("FC.1.2", Rating.MOSTLY),
        ("FC.2.1", Rating.FULLY),
    )
    judgement = assess(FRAMEWORK, evaluation).judgement("FC")
    assert judgement.stage is Stage.MAKING_PROGRESS
    assert judgement.coverage[0].applicable == 1
    assert judgement.coverage[0].share_at_least(Rating.MOSTLY) == 1.0


def test_a_cell_all_not_applicable_is_passed_over() -> None:
    """A stage whose descriptors are all not applicable neither blocks the stages above nor is reached alone."""
    middle = evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.NOT_APPLICABLE), ("PV.3.1", Rating.MOSTLY))
    assert assess(FRAMEWORK, middle).judgement("PV").stage is Stage.BUILDING_MOMENTUM
    top = evaluation_of(
        ("PV.1.1", Rating.FULLY),
        ("PV.2.1", Rating.FULLY),
        ("PV.3.1", Rating.NOT_APPLICABLE),
        ("PV.4.1", Rating.NOT_APPLICABLE),
    )
    judgement = assess(FRAMEWORK, top).judgement("PV")
    assert judgement.stage is Stage.MAKING_PROGRESS
    assert judgement.coverage[3].share_at_least(Rating.PARTLY) is None


def test_an_aspect_all_not_applicable_is_not_judged() -> None:
    """When every descriptor of an aspect is not applicable, it is "not applicable", not short of evidence."""
    evaluation = evaluation_of(*((f"PV.{n}.1", Rating.NOT_APPLICABLE) for n in range(1, 5)))
    judgement = assess(FRAMEWORK, evaluation).judgement("PV")
    assert judgement.status is JudgementStatus.NOT_APPLICABLE
    assert not judgement.status.judged
    assert (judgement.stage, judgement.decisive, judgement.shortfall, judgement.unrated) == (None, (), None, ())
    assert judgement.rationale == (
        "Using pupil voice: not applicable to this school (every descriptor is marked not applicable)."
    )


def test_no_stage_yet_is_distinct_from_not_enough_evidence() -> None:
    """Enough evidence that the first stage is not yet in place gives "no stage yet", not "not enough evidence"."""
    evaluation = evaluation_of(("PV.1.1", Rating.PARTLY), ("PV.2.1", Rating.NOT_YET))
    judgement = assess(FRAMEWORK, evaluation).judgement("PV")
    assert judgement.status is JudgementStatus.NO_STAGE_YET
    assert judgement.stage is None
    assert judgement.decisive == ("PV.1.1",)
    assert "no stage reached yet" in judgement.rationale
    assert "Holding back Starting the journey" in judgement.rationale


def test_professional_judgement_is_kept_beside_the_computed_stage() -> None:
    """The school's own judgement is kept with its rationale and never replaces the computed stage."""
    own = ProfessionalJudgement("PV", Stage.BUILDING_MOMENTUM, "Pupil panels now shape every plan.")
    evaluation = evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.MOSTLY), judgements=[own])
    judgement = assess(FRAMEWORK, evaluation).judgement("PV")
    assert judgement.stage is Stage.MAKING_PROGRESS
    assert judgement.professional_judgement == own
    assert judgement.agrees_with_professional_judgement is False
    assert assess(FRAMEWORK, evaluation).judgement("SV").agrees_with_professional_judgement is None


def test_high_water_mark_is_labelled_for_comparison() -> None:
    """The high-water mark says, once in its rationale, that it is for comparison only."""
    evaluation = evaluation_of(("PV.1.1", Rating.PARTLY), ("PV.3.1", Rating.FULLY))
    profile = assess(FRAMEWORK, evaluation, rule="high-water-mark")
    assert profile.rule.comparison_only
    judgement = profile.judgement("PV")
    assert judgement.stage is Stage.BUILDING_MOMENTUM
    assert "Building momentum reached (for comparison only), under the high-water-mark rule" in judgement.rationale
    assert judgement.rationale.count("for comparison only") == 1


def test_rules_by_name_and_by_object() -> None:
    """A rule may be named or passed as an object, with its own parameters; an unknown name is refused."""
    evaluation = evaluation_of(("PV.1.1", Rating.PARTLY), ("PV.2.1", Rating.PARTLY))
    assert assess(FRAMEWORK, evaluation, rule="secure-fit").rule.name == "secure-fit"
    lenient = assess(FRAMEWORK, evaluation, rule=CumulativeThreshold(Rating.PARTLY))
    assert lenient.rule.parameters == (("threshold", "partly"),)
    assert lenient.judgement("PV").stage is Stage.MAKING_PROGRESS
    with pytest.raises(UnknownCodeError, match="no stage rule with code 'strictest'"):
        assess(FRAMEWORK, evaluation, rule="strictest")
    with pytest.raises(ValueError, match="a threshold is a rating on the scale"):
        CumulativeThreshold(Rating.NOT_APPLICABLE)


def test_best_fit_lets_strength_offset_weakness() -> None:
    """Best fit reaches a stage the cumulative rule does not, when strengths outweigh one weakness."""
    evaluation = evaluation_of(
        ("FC.1.1", Rating.FULLY),
        ("FC.1.2", Rating.PARTLY),
        ("FC.2.1", Rating.FULLY),
        ("FC.3.1", Rating.PARTLY),
    )
    assert assess(FRAMEWORK, evaluation).judgement("FC").stage is None
    assert assess(FRAMEWORK, evaluation, rule="best-fit").judgement("FC").stage is Stage.MAKING_PROGRESS


def test_best_fit_ties_go_to_the_higher_stage() -> None:
    """Cells exactly at the bar fit it: "mostly" throughout is the top stage under best fit, as under cumulative."""
    evaluation = evaluation_of(*((f"PV.{n}.1", Rating.MOSTLY) for n in range(1, 5)))
    for rule in ("best-fit", "cumulative"):
        assert assess(FRAMEWORK, evaluation, rule=rule).judgement("PV").stage is Stage.SUSTAINING_HIGH_STANDARDS


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (
            lambda e: attrs.evolve(e, framework_edition="estyn-school-improvement-journeys/2016.1"),
            "$.framework_edition",
        ),
        (
            lambda e: attrs.evolve(e, ratings=(*e.ratings, DescriptorRating("PV.9.1", Rating.FULLY))),
            "$.ratings[2].descriptor",
        ),
        (lambda e: attrs.evolve(e, ratings=(*e.ratings, e.ratings[0])), "$.ratings[2].descriptor"),
        (
            lambda e: attrs.evolve(
                e,
                ratings=(
                    *e.ratings,
                    DescriptorRating(
                        "PV.3.1", Rating.FULLY, (Evidence(EvidenceKind.DATA, datetime.date(2026, 12, 1)),)
                    ),
                ),
            ),
            "$.ratings[2].evidence[0].date",
        ),
        (
            lambda e: attrs.evolve(e, judgements=(ProfessionalJudgement("XX", None, "Not a real aspect."),)),
            "$.judgements[0].aspect",
        ),
    ],
    ids=["other-edition", "unknown-descriptor", "rated-twice", "evidence-after-date", "unknown-aspect"],
)
def test_bad_input_is_refused_with_its_path(change: object, path: str) -> None:
    """Each kind of bad self-evaluation raises SelfEvaluationError naming the offending field; nothing is assessed."""
    evaluation = change(evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.FULLY)))  # type: ignore[operator]
    with pytest.raises(SelfEvaluationError) as raised:
        assess(FRAMEWORK, evaluation)
    assert path in [problem.path for problem in raised.value.problems]
    assert raised.value.source == "example-school"


def test_every_problem_is_reported_together() -> None:
    """Several problems in one self-evaluation are all reported at once."""
    late = (Evidence(EvidenceKind.DATA, datetime.date(2027, 1, 1)),)
    evaluation = attrs.evolve(
        evaluation_of(("ZZ.1.1", Rating.FULLY, ()), ("PV.1.1", Rating.FULLY, late)),
        framework_edition="another/edition",
    )
    with pytest.raises(SelfEvaluationError) as raised:
        assess(FRAMEWORK, evaluation)
    assert [p.path for p in raised.value.problems] == [
        "$.framework_edition",
        "$.ratings[0].descriptor",
        "$.ratings[1].evidence[0].date",
    ]


def test_empty_self_evaluation_is_not_enough_evidence_everywhere() -> None:
    """A self-evaluation with no ratings gives "not enough evidence" for every aspect, without error."""
    profile = assess(FRAMEWORK, evaluation_of(school="new-school"))
    assert {j.status for j in profile.judgements} == {JudgementStatus.NOT_ENOUGH_EVIDENCE}
    assert set(profile.stages().values()) == {None}


def _with_rating(evaluation: SelfEvaluation, place: int, to: Rating) -> SelfEvaluation:
    """The self-evaluation with the rating at ``place`` changed to ``to``."""
    ratings = list(evaluation.ratings)
    ratings[place] = attrs.evolve(ratings[place], rating=to)
    return attrs.evolve(evaluation, ratings=tuple(ratings))


@given(self_evaluations(), st.data())
def test_raising_a_rating_never_lowers_a_stage(evaluation: SelfEvaluation, data: st.DataObject) -> None:
    """Under every rule, raising any one rating leaves every aspect's stage the same or higher."""
    assume(evaluation.ratings)
    place = data.draw(st.integers(0, len(evaluation.ratings) - 1))
    current, to = evaluation.ratings[place].rating, data.draw(st.sampled_from(Rating.scale()))
    assume(current.applicable and to.at_least(current) and to is not current)
    raised = _with_rating(evaluation, place, to)
    for rule in RULES:
        before, after = assess(FRAMEWORK, evaluation, rule), assess(FRAMEWORK, raised, rule)
        for aspect in FRAMEWORK.aspects:
            assert _position(after, aspect.code) >= _position(before, aspect.code), (rule.name, aspect.code)


@given(self_evaluations(), st.data())
def test_adding_evidenced_ratings_never_lowers_a_stage(evaluation: SelfEvaluation, data: st.DataObject) -> None:
    """Rating a descriptor that was unrated, with evidence, never lowers a stage under any rule."""
    rated = {r.descriptor for r in evaluation.ratings}
    unrated = [d.code for d in FRAMEWORK.descriptors if d.code not in rated]
    assume(unrated)
    code = data.draw(st.sampled_from(unrated))
    rating = data.draw(st.sampled_from(Rating.scale()))
    more = attrs.evolve(evaluation, ratings=(*evaluation.ratings, DescriptorRating(code, rating, TRIANGULATED)))
    for rule in RULES:
        before, after = assess(FRAMEWORK, evaluation, rule), assess(FRAMEWORK, more, rule)
        for aspect in FRAMEWORK.aspects:
            assert _position(after, aspect.code) >= _position(before, aspect.code), (rule.name, aspect.code)


@given(self_evaluations())
def test_rules_are_ordered(evaluation: SelfEvaluation) -> None:
    """Secure fit <= cumulative threshold <= high-water mark at the same threshold, on the same evidence."""
    secure = assess(FRAMEWORK, evaluation, SecureFit())
    for threshold in Rating.scale():
        cumulative = assess(FRAMEWORK, evaluation, CumulativeThreshold(threshold))
        mark = assess(FRAMEWORK, evaluation, HighWaterMark(threshold))
        for aspect in FRAMEWORK.aspects:
            code = aspect.code
            assert _position(secure, code) <= _position(cumulative, code) <= _position(mark, code)
    default_mark = assess(FRAMEWORK, evaluation, "high-water-mark")
    assert all(_position(secure, a.code) <= _position(default_mark, a.code) for a in FRAMEWORK.aspects)


@given(self_evaluations(), st.randoms(use_true_random=False))
def test_input_order_does_not_matter(evaluation: SelfEvaluation, shuffle: random.Random) -> None:
    """Shuffling the ratings, and the evidence within each, gives the same profile."""
    ratings = [attrs.evolve(r, evidence=tuple(shuffle.sample(r.evidence, len(r.evidence)))) for r in evaluation.ratings]
    shuffle.shuffle(ratings)
    shuffled = attrs.evolve(evaluation, ratings=tuple(ratings))
    for rule in RULES:
        assert assess(FRAMEWORK, shuffled, rule) == assess(FRAMEWORK, evaluation, rule)


@given(self_evaluations(aspects=("PV", "LA", "FC")))
def test_same_input_same_output(evaluation: SelfEvaluation) -> None:
    """Assessing the same self-evaluation twice gives equal profiles, rationales included."""
    first, second = assess(FRAMEWORK, evaluation), assess(FRAMEWORK, evaluation)
    assert first == second
    assert [j.rationale for j in first.judgements] == [j.rationale for j in second.judgements]


@given(self_evaluations())
def test_every_judgement_explains_itself(evaluation: SelfEvaluation) -> None:
    """Every judgement names its aspect and gives a reason; a reached stage is named in its rationale."""
    profile = assess(FRAMEWORK, evaluation)
    for judgement in profile.judgements:
        assert judgement.rationale.startswith(FRAMEWORK.aspect(judgement.aspect).title.en)
        assert len(judgement.coverage) == 4
        if judgement.stage is not None:
            assert f"{FRAMEWORK.stage_name(judgement.stage).en} reached" in judgement.rationale
        if judgement.status is JudgementStatus.NOT_ENOUGH_EVIDENCE:
            assert judgement.shortfall
            assert judgement.decisive == ()


@given(self_evaluations(), st.sampled_from(Rating.scale()))
def test_the_cumulative_rules_pass_over_no_descriptor(evaluation: SelfEvaluation, threshold: Rating) -> None:
    """The cumulative threshold and secure fit pass over nothing: assess does not look for what they pass over.

    A stage either rule reaches has every applicable descriptor there and below rated, with evidence, at least its
    threshold.
    """
    checked = check_self_evaluation(FRAMEWORK, evaluation)
    for rule in (CumulativeThreshold(threshold), SecureFit()):
        for figures in checked.aspects.values():
            reached = rule.decide(figures.cells).stage
            if reached is None:
                continue
            met = set(figures.met(rule.threshold))
            passed_over = [
                code
                for cell in figures.cells
                if cell.stage <= reached
                for code, rating in cell.ratings
                if rating is not Rating.NOT_APPLICABLE and code not in met
            ]
            assert passed_over == [], (rule.name, figures.aspect)


class _Delegating:
    """A rule of one's own deciding as ``rule`` does; assess looks for what it passes over, as for any such rule."""

    def __init__(self, rule: StageRule) -> None:
        self.rule, self.name, self.threshold = rule, rule.name, rule.threshold
        self.comparison_only = rule.comparison_only

    def parameters(self) -> tuple[tuple[str, str], ...]:
        return self.rule.parameters()

    def criterion(self) -> str:
        return self.rule.criterion()

    def decide(self, cells: Sequence[CellRatings]) -> Decision:
        return self.rule.decide(cells)


@given(self_evaluations(), st.sampled_from(Rating.scale()))
def test_not_looking_for_what_the_cumulative_rules_pass_over_changes_nothing(
    evaluation: SelfEvaluation, threshold: Rating
) -> None:
    """The cumulative threshold and secure fit give the same profile as a rule of one's own deciding as they do."""
    for rule in (CumulativeThreshold(threshold), SecureFit()):
        assert assess(FRAMEWORK, evaluation, rule) == assess(FRAMEWORK, evaluation, _Delegating(rule)), rule.name

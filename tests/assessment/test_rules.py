"""The stage rules on their own: what each decides from one aspect's cells."""

from collections.abc import Sequence
from fractions import Fraction
from types import SimpleNamespace

import attrs
import pytest

from helpers import FRAMEWORK, OwnRule, evaluation_of
from school_improvement import (
    AnalysisError,
    BestFit,
    CellRatings,
    CumulativeThreshold,
    Decision,
    HighWaterMark,
    Rating,
    RuleDescription,
    SecureFit,
    Stage,
    StageRule,
    assess,
    rule_named,
)


def _cells(*ratings: Rating | None) -> list[CellRatings]:
    """One descriptor per stage, rated as given."""
    return [
        CellRatings(stage, ((f"PV.{stage.position}.1", rating),)) for stage, rating in zip(Stage, ratings, strict=True)
    ]


@pytest.mark.parametrize("name", ["cumulative", "secure-fit", "best-fit", "high-water-mark"])
def test_every_named_rule_follows_the_protocol(name: str) -> None:
    """Each named rule is a StageRule, with a name, parameters and a criterion in words."""
    rule = rule_named(name)
    assert isinstance(rule, StageRule)
    assert rule.name == name
    assert rule.criterion()
    assert rule.comparison_only is (name == "high-water-mark")


def test_cumulative_stops_at_the_first_unmet_stage() -> None:
    """A fully-rated top stage does not count when a stage below it is unmet."""
    cells = _cells(Rating.FULLY, Rating.PARTLY, Rating.FULLY, Rating.FULLY)
    assert CumulativeThreshold().decide(cells) == Decision(Stage.STARTING_THE_JOURNEY, ("PV.2.1",))


def test_unrated_blocks_like_not_yet() -> None:
    """An unrated applicable descriptor blocks its stage."""
    assert CumulativeThreshold().decide(_cells(None, Rating.FULLY, None, None)) == Decision(None, ("PV.1.1",))


def test_secure_fit_needs_fully() -> None:
    """Secure fit counts only "fully"."""
    cells = _cells(Rating.FULLY, Rating.MOSTLY, None, None)
    assert SecureFit().decide(cells) == Decision(Stage.STARTING_THE_JOURNEY, ("PV.2.1",))


def test_best_fit_bar_is_a_parameter() -> None:
    """A lower bar lets weaker evidence fit higher; the bar must be on the scale."""
    cells = _cells(Rating.PARTLY, Rating.PARTLY, Rating.PARTLY, Rating.NOT_YET)
    assert BestFit().decide(cells).stage is None
    assert BestFit(bar=Fraction(1)).decide(cells).stage is Stage.BUILDING_MOMENTUM
    assert BestFit(bar=1).parameters() == (("bar", "1"),)
    with pytest.raises(ValueError, match="best-fit bar"):
        BestFit(bar=4)


def test_high_water_mark_ignores_gaps() -> None:
    """The high-water mark is the highest stage with any descriptor at the threshold, gaps below or not."""
    cells = _cells(None, None, Rating.FULLY, Rating.MOSTLY)
    assert HighWaterMark().decide(cells) == Decision(Stage.BUILDING_MOMENTUM, ("PV.4.1",))
    assert HighWaterMark(Rating.MOSTLY).decide(cells).stage is Stage.SUSTAINING_HIGH_STANDARDS


def test_not_applicable_cells_are_passed_over_by_every_rule() -> None:
    """A cell all "not applicable" is passed over: the stage below it and above it decide."""
    cells = _cells(Rating.FULLY, Rating.NOT_APPLICABLE, Rating.FULLY, Rating.NOT_APPLICABLE)
    for rule in (CumulativeThreshold(), SecureFit(), BestFit(), HighWaterMark()):
        assert rule.decide(cells).stage is Stage.BUILDING_MOMENTUM, rule.name


@pytest.mark.parametrize(
    ("rule", "threshold"),
    [
        (CumulativeThreshold(), Rating.MOSTLY),
        (CumulativeThreshold(Rating.PARTLY), Rating.PARTLY),
        (CumulativeThreshold(Rating.FULLY), Rating.FULLY),
        (SecureFit(), Rating.FULLY),
        (BestFit(), Rating.MOSTLY),
        (BestFit(bar=Fraction(5, 2)), Rating.FULLY),
        (BestFit(bar=Fraction(1, 2)), Rating.PARTLY),
        (BestFit(bar=1), Rating.PARTLY),
        (BestFit(bar=Fraction(3, 2)), Rating.MOSTLY),
        (BestFit(bar=3), Rating.FULLY),
        (HighWaterMark(), Rating.FULLY),
        (HighWaterMark(Rating.MOSTLY), Rating.MOSTLY),
    ],
    ids=[
        "cumulative",
        "cumulative-partly",
        "cumulative-fully",
        "secure-fit",
        "best-fit",
        "best-fit-2.5",
        "best-fit-0.5",
        "best-fit-1",
        "best-fit-1.5",
        "best-fit-3",
        "high-water-mark",
        "high-water-mark-mostly",
    ],
)
def test_every_rule_declares_its_threshold(rule: StageRule, threshold: Rating) -> None:
    """Cumulative and high-water mark use their own threshold, secure fit "fully", best fit its bar rounded up."""
    assert rule.threshold is threshold
    assert RuleDescription.of(rule).threshold is threshold


def test_a_users_own_rule_is_described_with_its_threshold() -> None:
    """A rule of one's own follows the protocol, and its description carries the threshold it declares."""
    rule = OwnRule(Rating.NOT_YET)
    assert isinstance(rule, StageRule)
    assert RuleDescription.of(rule) == RuleDescription(
        "our-own",
        (("threshold", "not-yet"),),
        "every applicable descriptor rated at least 'not-yet', there and below",
        comparison_only=False,
        threshold=Rating.NOT_YET,
    )
    assert assess(FRAMEWORK, evaluation_of(), rule).rule.threshold is Rating.NOT_YET


_PARTS = ("name", "comparison_only", "threshold", "parameters", "criterion", "decide")


@pytest.mark.parametrize("missing", _PARTS)
def test_a_rule_lacking_a_part_of_the_protocol_is_refused_naming_it(missing: str) -> None:
    """Assess refuses an object that lacks any part of StageRule, with an AnalysisError that names the part."""
    rule = OwnRule()
    incomplete = SimpleNamespace(**{part: getattr(rule, part) for part in _PARTS if part != missing})
    with pytest.raises(AnalysisError) as raised:
        assess(FRAMEWORK, evaluation_of(("PV.1.1", Rating.FULLY)), incomplete)
    (problem,) = raised.value.problems
    assert problem.path == "$.rule"
    assert problem.message.endswith(f"lacks {missing}")


@attrs.frozen
class _Naming(OwnRule):
    """A rule of one's own with a fault: it names ``codes`` as holding back each aspect, with no stage reached."""

    codes: tuple[str, ...] = ()

    def decide(self, cells: Sequence[CellRatings]) -> Decision:
        """No stage; held back by ``codes``, with the aspect's own first descriptor where ``codes`` holds ``""``."""
        return Decision(None, tuple(code or cells[0].ratings[0][0] for code in self.codes))


@pytest.mark.parametrize(
    ("codes", "named"),
    [
        (("", "LC.1.1"), "LC.1.1"),  # another aspect's, after the aspect's own
        (("LC.1.1", ""), "LC.1.1"),  # another aspect's, first
        (("XX.9.9", "XX.9.9"), "XX.9.9"),  # no descriptor's, twice
    ],
)
def test_a_rule_naming_a_descriptor_outside_the_aspect_is_refused_naming_it(codes: tuple[str, ...], named: str) -> None:
    """A rule may hold an aspect back only by the aspect's own descriptors; naming another is an AnalysisError."""
    evaluation = evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.FULLY))
    with pytest.raises(AnalysisError) as raised:
        assess(FRAMEWORK, evaluation, _Naming(codes=codes))
    (problem,) = raised.value.problems
    assert problem.path == "$.rule"
    assert problem.message == (
        f"the our-own rule's decision for aspect PV names {named} as holding it back, but a rule may name only "
        "the aspect's own descriptors (those in the cells it is given)"
    )


def test_a_rule_whose_threshold_is_not_a_rating_is_refused() -> None:
    """A threshold given as a word, not a Rating, is refused before anything is judged, with what it should be."""
    rule = SimpleNamespace(**{part: getattr(OwnRule(), part) for part in _PARTS if part != "threshold"})
    rule.threshold = "mostly"
    with pytest.raises(AnalysisError) as raised:
        assess(FRAMEWORK, evaluation_of(("PV.1.1", Rating.FULLY)), rule)
    (problem,) = raised.value.problems
    assert problem.path == "$.rule.threshold"
    assert problem.message == "a stage rule's threshold is a Rating, such as Rating.MOSTLY; this one's is 'mostly'"

"""The stage rules on their own: what each decides from one aspect's cells."""

from fractions import Fraction

import pytest

from school_improvement import (
    BestFit,
    CellRatings,
    CumulativeThreshold,
    Decision,
    HighWaterMark,
    Rating,
    SecureFit,
    Stage,
    StageRule,
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

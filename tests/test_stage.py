"""The stages are ordered, and their order is the journey's."""

import pytest
from hypothesis import assume, given, strategies as st

from school_improvement import Stage
from strategies import stages


def test_order_is_the_journey() -> None:
    """The stages sort from Starting the journey to Sustaining high standards."""
    assert sorted(Stage, reverse=True)[::-1] == [
        Stage.STARTING_THE_JOURNEY,
        Stage.MAKING_PROGRESS,
        Stage.BUILDING_MOMENTUM,
        Stage.SUSTAINING_HIGH_STANDARDS,
    ]
    assert [stage.position for stage in Stage] == [1, 2, 3, 4]


@given(stages, stages)
def test_comparison_follows_position(a: Stage, b: Stage) -> None:
    """Comparing two stages compares their positions, and exactly one of <, ==, > holds."""
    assert (a < b) == (a.position < b.position)
    assert (a <= b) == (a.position <= b.position)
    assert (a > b) == (a.position > b.position)
    assert (a >= b) == (a.position >= b.position)
    assert [a < b, a == b, a > b].count(True) == 1


@given(stages, stages, stages)
def test_order_is_transitive(a: Stage, b: Stage, c: Stage) -> None:
    """If a <= b and b <= c then a <= c."""
    assume(a <= b <= c)
    assert a <= c


@given(stages)
def test_next_and_previous_are_inverse(stage: Stage) -> None:
    """Going to the next stage and back returns to the same stage."""
    following = stage.next()
    if following is None:
        assert stage is Stage.SUSTAINING_HIGH_STANDARDS
    else:
        assert following > stage
        assert following.previous() is stage
    assert Stage.at(stage.position) is stage


@given(st.integers().filter(lambda n: not 1 <= n <= 4))
def test_at_refuses_positions_off_the_journey(position: int) -> None:
    """There is no stage at a position outside 1 to 4."""
    with pytest.raises(ValueError, match="from 1 to 4"):
        Stage.at(position)


def test_stages_do_not_compare_with_other_types() -> None:
    """A stage is not ordered against a number or a string."""
    with pytest.raises(TypeError):
        assert Stage.MAKING_PROGRESS < 3
    value: object = "making-progress"
    assert value != Stage.MAKING_PROGRESS

"""Stage rules: how an aspect's descriptor ratings become the stage it has reached.

Each rule is a small frozen object that follows the [`StageRule`][school_improvement.StageRule]
protocol, so you can pass your own. Every rule here is monotonic: raising a
rating never lowers the stage.
"""

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Protocol, runtime_checkable

import attrs

from school_improvement._assessment.evidence import LEVELS, Rating
from school_improvement._errors import UnknownCodeError
from school_improvement._stage import Stage


@attrs.frozen
class CellRatings:
    """What a rule sees of one cell: each descriptor's rating, in source order.

    Attributes:
        stage: The cell's stage.
        ratings: Each descriptor's code with its rating, or ``None`` where it is
            not rated (or rated without evidence, which counts as not rated).
    """

    stage: Stage
    ratings: tuple[tuple[str, Rating | None], ...]

    @property
    def applicable(self) -> tuple[tuple[str, Rating | None], ...]:
        """The descriptors not marked "not applicable"."""
        return tuple(pair for pair in self.ratings if pair[1] is not Rating.NOT_APPLICABLE)


@attrs.frozen
class Decision:
    """What a rule decides for one aspect.

    Attributes:
        stage: The stage reached, or ``None`` if none is.
        decisive: The descriptors that stopped the next stage, in source order.
    """

    stage: Stage | None
    decisive: tuple[str, ...] = ()


@runtime_checkable
class StageRule(Protocol):
    """What a stage rule provides. Pass any object that has these to [`assess`][school_improvement.assess]."""

    @property
    def name(self) -> str:
        """A short, stable name, for example ``"cumulative"``."""
        ...

    @property
    def comparison_only(self) -> bool:
        """True for a rule offered only to compare with the others."""
        ...

    @property
    def threshold(self) -> Rating:
        """The rating a descriptor needs to count as met under this rule: the gaps and progress count by it."""
        ...

    def parameters(self) -> tuple[tuple[str, str], ...]:
        """The rule's parameters as (name, value) pairs, for the explanation."""
        ...

    def criterion(self) -> str:
        """What it takes to reach a stage under this rule, in words."""
        ...

    def decide(self, cells: Sequence[CellRatings]) -> Decision:
        """The stage reached, given one aspect's four cells in stage order.

        The decision's ``decisive`` descriptors must be drawn from those cells:
        ``assess`` refuses any other with an ``AnalysisError``.
        """
        ...


def _on_scale(_instance: object, _attribute: object, value: Rating) -> None:
    if not isinstance(value, Rating) or not value.applicable:
        msg = "a threshold is a rating on the scale (not yet, partly, mostly or fully)"
        raise ValueError(msg)


def _cumulative(cells: Sequence[CellRatings], threshold: Rating) -> Decision:
    reached: Stage | None = None
    not_applicable = Rating.NOT_APPLICABLE
    bar = LEVELS[threshold]
    for cell in cells:
        unmet: list[str] = []
        applicable = False
        for code, rating in cell.ratings:
            if rating is not_applicable:
                continue
            applicable = True
            if rating is None or LEVELS[rating] < bar:  # type: ignore[operator]  # both are on the scale
                unmet.append(code)
        if not applicable:
            continue  # every descriptor not applicable: the cell neither blocks nor counts
        if unmet:
            return Decision(reached, tuple(unmet))
        reached = cell.stage
    return Decision(reached)


@attrs.frozen
class CumulativeThreshold:
    """A stage is reached when it and every stage below it meet the threshold (the default rule).

    A cell meets the threshold when every applicable descriptor in it is rated
    at least ``threshold``. A cell whose descriptors are all "not applicable"
    neither blocks the stages above it nor is reached on its own.

    Examples:
        >>> from school_improvement import CellRatings, CumulativeThreshold, Rating, Stage
        >>> cells = [
        ...     CellRatings(Stage.STARTING_THE_JOURNEY, (("PV.1.1", Rating.FULLY),)),
        ...     CellRatings(Stage.MAKING_PROGRESS, (("PV.2.1", Rating.MOSTLY),)),
        ...     CellRatings(Stage.BUILDING_MOMENTUM, (("PV.3.1", Rating.PARTLY),)),
        ...     CellRatings(Stage.SUSTAINING_HIGH_STANDARDS, (("PV.4.1", Rating.FULLY),)),
        ... ]
        >>> CumulativeThreshold().decide(cells)
        Decision(stage=<Stage.MAKING_PROGRESS: 'making-progress'>, decisive=('PV.3.1',))
        >>> CumulativeThreshold(Rating.PARTLY).decide(cells).stage
        <Stage.SUSTAINING_HIGH_STANDARDS: 'sustaining-high-standards'>
    """

    threshold: Rating = attrs.field(default=Rating.MOSTLY, validator=_on_scale)

    @property
    def name(self) -> str:
        """``"cumulative"``."""
        return "cumulative"

    @property
    def comparison_only(self) -> bool:
        """False: this is a rule to judge by."""
        return False

    def parameters(self) -> tuple[tuple[str, str], ...]:
        """The threshold."""
        return (("threshold", self.threshold.value),)

    def criterion(self) -> str:
        """What it takes to reach a stage."""
        return (
            f"every applicable descriptor rated at least '{self.threshold.value}' "
            "at that stage and at every stage below it"
        )

    def decide(self, cells: Sequence[CellRatings]) -> Decision:
        """The highest stage that it and every stage below it meet the threshold."""
        return _cumulative(cells, self.threshold)


@attrs.frozen
class SecureFit:
    """A stage is reached only when every applicable descriptor is "fully" in place, there and below.

    The strictest rule: like England's "secure fit", every criterion of a
    stage must be met before the next counts.

    Examples:
        >>> from school_improvement import CellRatings, Rating, SecureFit, Stage
        >>> cells = [
        ...     CellRatings(Stage.STARTING_THE_JOURNEY, (("LC.1.1", Rating.FULLY), ("LC.1.2", Rating.FULLY))),
        ...     CellRatings(Stage.MAKING_PROGRESS, (("LC.2.1", Rating.FULLY), ("LC.2.2", Rating.MOSTLY))),
        ...     CellRatings(Stage.BUILDING_MOMENTUM, (("LC.3.1", None),)),
        ...     CellRatings(Stage.SUSTAINING_HIGH_STANDARDS, (("LC.4.1", None),)),
        ... ]
        >>> SecureFit().decide(cells)
        Decision(stage=<Stage.STARTING_THE_JOURNEY: 'starting-the-journey'>, decisive=('LC.2.2',))
    """

    @property
    def name(self) -> str:
        """``"secure-fit"``."""
        return "secure-fit"

    @property
    def comparison_only(self) -> bool:
        """False: this is a rule to judge by."""
        return False

    @property
    def threshold(self) -> Rating:
        """Always "fully"."""
        return Rating.FULLY

    def parameters(self) -> tuple[tuple[str, str], ...]:
        """None: the threshold is always "fully"."""
        return ()

    def criterion(self) -> str:
        """What it takes to reach a stage."""
        return "every applicable descriptor rated 'fully' at that stage and at every stage below it"

    def decide(self, cells: Sequence[CellRatings]) -> Decision:
        """The highest stage that it and every stage below it are fully in place."""
        return _cumulative(cells, Rating.FULLY)


def _bar(_instance: object, _attribute: object, value: Fraction) -> None:
    if not 0 < value <= 3:
        msg = "the best-fit bar is an average rating level above 0 and at most 3"
        raise ValueError(msg)


def _level(rating: Rating | None) -> int:
    if rating is None:
        return 0
    level = rating.level
    return 0 if level is None else level


@attrs.frozen
class BestFit:
    """The stage the evidence fits best, where strengths in a cell can offset weaknesses.

    Each rating counts as a level (not yet 0, partly 1, mostly 2, fully 3; not
    rated 0). A cell's *surplus* is the average level of its applicable
    descriptors minus ``bar`` (default 2, "mostly" on average). The best fit is
    the stage whose running total of surpluses, from Starting the journey up to
    it, is largest: going one stage higher pays off only if that cell fits above
    the bar by at least as much as the cells below fall short. No stage is
    reached when every running total is below zero.

    **Ties** go to the higher stage, so that a stage whose cells average exactly
    the bar fits it, just as a cell rated "mostly" throughout meets the
    cumulative threshold. Cells whose descriptors are all "not applicable" add
    nothing and cannot be the best fit.

    Examples:
        >>> from school_improvement import BestFit, CellRatings, Rating, Stage
        >>> cells = [
        ...     CellRatings(Stage.STARTING_THE_JOURNEY, (("FC.1.1", Rating.FULLY), ("FC.1.2", Rating.PARTLY))),
        ...     CellRatings(Stage.MAKING_PROGRESS, (("FC.2.1", Rating.FULLY),)),
        ...     CellRatings(Stage.BUILDING_MOMENTUM, (("FC.3.1", Rating.PARTLY),)),
        ...     CellRatings(Stage.SUSTAINING_HIGH_STANDARDS, (("FC.4.1", None),)),
        ... ]
        >>> BestFit().decide(cells)
        Decision(stage=<Stage.MAKING_PROGRESS: 'making-progress'>, decisive=('FC.3.1',))
    """

    bar: Fraction = attrs.field(default=Fraction(2), converter=Fraction, validator=_bar)

    @property
    def name(self) -> str:
        """``"best-fit"``."""
        return "best-fit"

    @property
    def comparison_only(self) -> bool:
        """False: this is a rule to judge by."""
        return False

    @property
    def threshold(self) -> Rating:
        """The bar rounded up to a rating: a descriptor counts as met at or above it."""
        return Rating.scale()[min(3, math.ceil(self.bar))]

    def parameters(self) -> tuple[tuple[str, str], ...]:
        """The bar, as an average rating level."""
        return (("bar", str(self.bar)),)

    def criterion(self) -> str:
        """What it takes to reach a stage."""
        return (
            f"the largest running total, from the first stage up, of how far each stage's average rating "
            f"level (not yet 0 to fully 3) is above {self.bar}; ties go to the higher stage"
        )

    def decide(self, cells: Sequence[CellRatings]) -> Decision:
        """The stage with the largest running surplus over the bar."""
        best: Stage | None = None
        best_total = Fraction(0)
        total = Fraction(0)
        for cell in cells:
            applicable = cell.applicable
            if not applicable:
                continue
            total += Fraction(sum(_level(rating) for _, rating in applicable), len(applicable)) - self.bar
            if total >= best_total:
                best, best_total = cell.stage, total
        return Decision(best, self._decisive(cells, best))

    def _decisive(self, cells: Sequence[CellRatings], best: Stage | None) -> tuple[str, ...]:
        for cell in cells:
            applicable = cell.applicable
            if applicable and (best is None or cell.stage > best):
                return tuple(code for code, rating in applicable if _level(rating) < self.bar)
        return ()


@attrs.frozen
class HighWaterMark:
    """The highest stage with any descriptor at the threshold: for comparison only.

    It shows how far the school's best work reaches, not the stage it has
    reached, and is labelled so wherever it is shown.

    Examples:
        >>> from school_improvement import CellRatings, HighWaterMark, Rating, Stage
        >>> cells = [
        ...     CellRatings(Stage.STARTING_THE_JOURNEY, (("PV.1.1", Rating.PARTLY),)),
        ...     CellRatings(Stage.MAKING_PROGRESS, (("PV.2.1", None),)),
        ...     CellRatings(Stage.BUILDING_MOMENTUM, (("PV.3.1", Rating.FULLY),)),
        ...     CellRatings(Stage.SUSTAINING_HIGH_STANDARDS, (("PV.4.1", Rating.MOSTLY),)),
        ... ]
        >>> HighWaterMark().decide(cells).stage
        <Stage.BUILDING_MOMENTUM: 'building-momentum'>
    """

    threshold: Rating = attrs.field(default=Rating.FULLY, validator=_on_scale)

    @property
    def name(self) -> str:
        """``"high-water-mark"``."""
        return "high-water-mark"

    @property
    def comparison_only(self) -> bool:
        """True: offered for comparison, never as the judgement."""
        return True

    def parameters(self) -> tuple[tuple[str, str], ...]:
        """The threshold."""
        return (("threshold", self.threshold.value),)

    def criterion(self) -> str:
        """What it takes to reach a stage."""
        return f"any descriptor at that stage rated at least '{self.threshold.value}'"

    def decide(self, cells: Sequence[CellRatings]) -> Decision:
        """The highest stage with any descriptor at the threshold."""
        reached: Stage | None = None
        for cell in cells:
            if any(rating is not None and rating.at_least(self.threshold) for _, rating in cell.ratings):
                reached = cell.stage
        above = tuple(
            code for cell in cells if reached is None or cell.stage > reached for code, rating in cell.applicable
        )
        return Decision(reached, above)


RULES: dict[str, type[CumulativeThreshold | SecureFit | BestFit | HighWaterMark]] = {
    "cumulative": CumulativeThreshold,
    "secure-fit": SecureFit,
    "best-fit": BestFit,
    "high-water-mark": HighWaterMark,
}


def rule_named(name: str) -> StageRule:
    """The rule with this name, with its default parameters.

    The names are ``cumulative`` (the default), ``secure-fit``, ``best-fit`` and
    ``high-water-mark``.

    Raises:
        UnknownCodeError: If no rule has the name.

    Examples:
        >>> from school_improvement import rule_named
        >>> rule_named("secure-fit").criterion()
        "every applicable descriptor rated 'fully' at that stage and at every stage below it"
    """
    try:
        return RULES[name]()
    except KeyError:
        raise UnknownCodeError("stage rule", name) from None

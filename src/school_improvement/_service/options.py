"""The service's query parameters, read as the command line reads its options of the same names.

Each value that has a form of its own (a target ``PV=3``, a chosen priority ``LC=2@2027-07-16:why``, a capacity
``w-101=0``, a date ``YYYY-MM-DD``) is read here, and every mistake is reported at once, at ``query.<name>``.
This module imports neither FastAPI nor pydantic, so it is importable without the ``server`` extra.
"""

import datetime
from collections.abc import Callable, Sequence
from typing import TypeVar

from school_improvement._assessment.rules import rule_named
from school_improvement._dates import iso_date
from school_improvement._errors import InputError, Problem
from school_improvement._interchange.written import read_capacity, read_choice, read_stage, read_target
from school_improvement._planning.choices import ChosenPriority
from school_improvement._planning.gaps import Target
from school_improvement._stage import Stage

_T = TypeVar("_T")


class QueryError(InputError):
    """A query parameter is wrong: each problem at ``query.<name>``, as the request gave it."""

    what = "the query parameters"


def at(parameter: str) -> str:
    """Where a problem in a query parameter is: ``query.as_of``."""
    return f"query.{parameter}"


CHOSEN_HERE = "chosen by the school (given in the request)"


class Options:
    """Collects every problem in the query parameters, to report them all at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def refuse(self, parameter: str, message: str) -> None:
        """Note a problem with ``parameter``."""
        self.problems.append(Problem(at(parameter), message))

    def check(self) -> None:
        """Raise every problem noted.

        Raises:
            QueryError: Listing each problem, at its parameter.
        """
        if self.problems:
            raise QueryError("the query", self.problems)

    def date(self, parameter: str, value: str | None) -> datetime.date | None:
        """A date given as ``YYYY-MM-DD``, or ``None`` when not given (or wrong, and noted)."""
        if value is None:
            return None
        try:
            return iso_date(value)
        except ValueError as error:
            self.refuse(parameter, str(error))
            return None

    def targets(self, values: Sequence[str]) -> list[Target]:
        """The targets given as ``ASPECT=STAGE``, the stage as 1 to 4 or its name."""
        return self._each("target", read_target, values)

    def chosen(self, values: Sequence[str]) -> list[ChosenPriority] | None:
        """The school's chosen priorities, in its order; ``None`` when it gave none."""
        if not values:
            return None
        return self._each("choose", lambda value: read_choice(value, unsaid=CHOSEN_HERE), values)

    def stage(self, parameter: str, value: str) -> Stage:
        """A stage given as 1 to 4 or its name (the first stage, if wrong, and noted)."""
        found = self._each(parameter, read_stage, [value])
        return found[0] if found else Stage.STARTING_THE_JOURNEY

    def capacities(self, values: Sequence[str]) -> dict[str, int]:
        """One capacity for each school named, from ``REF=N``."""
        return dict(self._each("capacity_of", read_capacity, values))

    def _each(self, parameter: str, read: Callable[[str], _T], values: Sequence[str]) -> list[_T]:
        """Each value read as ``read`` reads it; each one it refuses noted at ``parameter``, in its words."""
        found = []
        for value in values:
            try:
                found.append(read(value))
            except ValueError as error:  # noqa: PERF203 (a refusal is rare, and each is noted)
                self.refuse(parameter, str(error))
        return found

    def only_with(self, parameters: dict[str, bool], *, holds: bool, needs: str) -> None:
        """Refuse each parameter given (the value is whether it was) where it would do nothing: unless ``holds``."""
        if holds:
            return
        for parameter, given in parameters.items():
            if given:
                self.refuse(parameter, f"does nothing here: it goes only {needs}")

    def comparison_only(self, rule: str, *, allowed: bool) -> None:
        """Refuse ``allow_comparison_only`` beside a rule that is not for comparison only."""
        self.only_with(
            {"allow_comparison_only": allowed},
            holds=rule_named(rule).comparison_only,
            needs="with a rule offered only for comparison (rule=high-water-mark)",
        )

    def school_decisions(self, ours: str | None, **given: bool) -> None:
        """Refuse the parameters that shape the library's recommendation beside the school's own decisions."""
        if ours is None:
            return
        for parameter, found in given.items():
            if found:
                self.refuse(parameter, f"cannot go with {ours}: the school's own priorities are followed as they stand")

"""The service's query parameters, read as the command line reads its options of the same names.

Each value that has a form of its own (a target ``PV=3``, a chosen priority ``LC=2@2027-07-16:why``, a capacity
``w-101=0``, a date ``YYYY-MM-DD``) is read here, and every mistake is reported at once, at ``query.<name>``.
This module imports neither FastAPI nor pydantic, so it is importable without the ``server`` extra.
"""

import datetime
import re
from collections.abc import Sequence

from school_improvement._assessment.rules import rule_named
from school_improvement._dates import iso_date
from school_improvement._errors import InputError, Problem
from school_improvement._planning.choices import ChosenPriority
from school_improvement._planning.gaps import Target
from school_improvement._stage import Stage


class QueryError(InputError):
    """A query parameter is wrong: each problem at ``query.<name>``, as the request gave it."""

    what = "the query parameters"


def at(parameter: str) -> str:
    """Where a problem in a query parameter is: ``query.as_of``."""
    return f"query.{parameter}"


STAGES = {stage.value: stage for stage in Stage} | {str(stage.position): stage for stage in Stage}
"""A stage as a parameter takes it: its name, or its position from 1 to 4."""

_CHOICE = re.compile(
    r"^(?P<aspects>[A-Za-z]{2}(?:\+[A-Za-z]{2})*)=(?P<stage>[a-z0-9-]+)@(?P<by>[^:]+)(?::(?P<why>.*))?$"
)
"""A priority the school chose, as ``choose`` takes it: ``ASPECT[+ASPECT]=STAGE@DATE[:why]``."""
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
        found = []
        for value in values:
            aspect, _, stage = value.partition("=")
            if stage not in STAGES or not aspect:
                self.refuse(
                    "target", f"{value!r}: write ASPECT=STAGE, the stage as 1 to 4 or its name, e.g. PV=making-progress"
                )
                continue
            found.append(Target(aspect, STAGES[stage]))
        return found

    def chosen(self, values: Sequence[str]) -> list[ChosenPriority] | None:
        """The school's chosen priorities, in its order; ``None`` when it gave none."""
        if not values:
            return None
        chosen = []
        for value in values:
            found = _CHOICE.match(value.strip())
            stage = STAGES.get(found["stage"]) if found else None
            if found is None or stage is None:
                self.refuse(
                    "choose",
                    f"{value!r}: write ASPECT[+ASPECT]=STAGE@YYYY-MM-DD[:why], the stage as 1 to 4 or its name, "
                    "e.g. 'LC=making-progress@2027-07-16:few leaders below the head'",
                )
                continue
            try:
                by = iso_date(found["by"])
            except ValueError as error:
                self.refuse("choose", f"{value!r}: {error}")
                continue
            why = (found["why"] or "").strip() or CHOSEN_HERE
            chosen.append(ChosenPriority(tuple(found["aspects"].upper().split("+")), why, stage, by))
        return chosen

    def stage(self, parameter: str, value: str) -> Stage:
        """A stage given as 1 to 4 or its name (the first stage, if wrong, and noted)."""
        if value not in STAGES:
            self.refuse(parameter, f"{value!r}: give a stage as 1 to 4 or its name, e.g. building-momentum")
            return Stage.STARTING_THE_JOURNEY
        return STAGES[value]

    def capacities(self, values: Sequence[str]) -> dict[str, int]:
        """One capacity for each school named, from ``REF=N``."""
        capacities = {}
        for value in values:
            ref, _, number = value.partition("=")
            if not ref or not (number.isascii() and number.isdigit()):
                self.refuse("capacity_of", f"{value!r}: write REF=N, N a whole number, e.g. w-101=0")
                continue
            capacities[ref] = int(number)
        return capacities

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

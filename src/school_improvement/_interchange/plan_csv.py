"""A plan's actions as CSV: written for a spreadsheet, edited there, and read back with each problem's row and column.

Many schools track their actions in a spreadsheet. The CSV holds one row per
action, naming its priority; the rest of the plan (priorities, success
criteria, milestones, reviews) stays in the plan's JSON.
"""

import csv
import datetime
import io
import re

import attrs

from school_improvement._content.framework import Framework
from school_improvement._csv import decode_csv
from school_improvement._errors import PayloadError, Problem
from school_improvement._interchange.cells import cell, not_a_date, spreadsheet_date, spreadsheet_rows
from school_improvement._limits import MAX_CSV_BYTES, MAX_PLAN_CSV_ROWS
from school_improvement._planning.plan import ActionStatus, DevelopmentPlan, PlanAction, plan_problems

ACTION_COLUMNS = (
    "priority",
    "action",
    "text",
    "descriptor",
    "owner",
    "start",
    "due",
    "status",
    "resources",
    "cost",
    "done_on",
)
"""The columns of a plan's actions, in order: the priority's identifier, then the action's fields."""
_COLUMN_OF = {"id": "action"} | {name: name for name in ACTION_COLUMNS[2:]}
"""The column that holds each field of an action."""

_STATUSES = {status.value: status for status in ActionStatus} | {
    status.value.replace("-", " "): status for status in ActionStatus
}
_STATUS_WORDS = ", ".join(status.value.replace("-", " ") for status in ActionStatus)
_COST = re.compile(r"£?\s*(\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?:\.00?)?", re.ASCII)
"""Whole pounds as spreadsheets write them: ``1200``, ``£1,200`` or ``£1,200.00``, up to fifteen digits."""
_FORMULA = tuple("=+-@")
"""What a spreadsheet takes as the start of a formula, and would run as one."""
_ESCAPE = "'"
"""Put before a cell that would otherwise start a formula, as spreadsheets do, and taken off when read."""
_ACTION_PATH = re.compile(r"\$\.priorities\[(\d+)\]\.actions\[(\d+)\](?:\.(\w+))?")


def _cell_text(value: str | None) -> str:
    """A value as a cell, with a formula's first character escaped so that a spreadsheet shows it as text."""
    if value is None:
        return ""
    return _ESCAPE + value if value.startswith((*_FORMULA, _ESCAPE)) else value


def _unescaped(value: str) -> str:
    return value[1:] if value.startswith(_ESCAPE) and value[1:].startswith((*_FORMULA, _ESCAPE)) else value


def _day(day: datetime.date | None) -> str:
    return "" if day is None else day.isoformat()


def plan_actions_csv(plan: DevelopmentPlan) -> str:
    r"""The plan's actions as CSV: a header row, then one row per action, in the plan's order.

    The columns are those of ``ACTION_COLUMNS``: the action's priority and
    identifier, its text, descriptor, owner, start and due dates
    (``YYYY-MM-DD``), status (``not-started``, ``in-progress``, ``done`` or
    ``dropped``), resources, cost in whole pounds and the date it was done.
    A value left out is a blank cell. A text a spreadsheet would take for a
    formula (one starting ``=``, ``+``, ``-`` or ``@``) is written with an
    apostrophe before it, so that it is shown, never run;
    [`read_plan_actions_csv`][school_improvement.read_plan_actions_csv] takes
    the apostrophe off again.

    Examples:
        >>> import datetime
        >>> from school_improvement import ActionStatus, DevelopmentPlan, PlanAction, PlanPriority, Stage
        >>> from school_improvement import plan_actions_csv
        >>> start = datetime.date(2026, 9, 1)
        >>> action = PlanAction(
        ...     "A1", "Set up a middle leaders' group", "LC.1.1", "Deputy head", start, status=ActionStatus.IN_PROGRESS
        ... )
        >>> priority = PlanPriority(
        ...     "P1",
        ...     "Grow leaders",
        ...     ("LC",),
        ...     "Few leaders",
        ...     Stage.MAKING_PROGRESS,
        ...     datetime.date(2027, 7, 31),
        ...     actions=(action,),
        ... )
        >>> plan = DevelopmentPlan("ex-1", "an-edition", start, start, datetime.date(2027, 8, 31), (priority,))
        >>> print(*plan_actions_csv(plan).splitlines(), sep="\n")
        priority,action,text,descriptor,owner,start,due,status,resources,cost,done_on
        P1,A1,Set up a middle leaders' group,LC.1.1,Deputy head,2026-09-01,,in-progress,,,
    """
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    writer.writerow(ACTION_COLUMNS)
    for priority in plan.priorities:
        for action in priority.actions:
            texts = (priority.id, action.id, action.text, action.descriptor, action.owner)
            writer.writerow(
                [
                    *(_cell_text(text) for text in texts),
                    _day(action.start),
                    _day(action.due),
                    action.status.value,
                    _cell_text(action.resources),
                    "" if action.cost is None else str(action.cost),
                    _day(action.done_on),
                ]
            )
    return out.getvalue()


@attrs.frozen
class _Row:
    """One row read: where it is, the priority it names, and its action."""

    number: int
    priority: str
    action: PlanAction


class _RowReader:
    """Reads the rows one by one against the plan, noting every problem with its row and column."""

    def __init__(self, plan: DevelopmentPlan) -> None:
        self.priorities = [priority.id for priority in plan.priorities]
        self.taken = {priority.id: "a priority" for priority in plan.priorities} | {
            criterion.id: f"a success criterion of {priority.id}"
            for priority in plan.priorities
            for criterion in priority.success_criteria
        }
        self.first: dict[str, int] = {}
        self.problems: list[Problem] = []

    def note(self, number: int, column: str, message: str) -> None:
        self.problems.append(Problem(cell(number, column), message))

    def _required(self, number: int, row: dict[str, str], column: str, what: str) -> str:
        value = row[column]
        if not value:
            self.note(number, column, f"required: {what}")
        return value

    def _date(self, number: int, row: dict[str, str], column: str) -> datetime.date | None:
        value = row[column]
        if not value:
            return None
        try:
            return spreadsheet_date(value)
        except ValueError:
            self.note(number, column, not_a_date(value))
            return None

    def _status(self, number: int, value: str) -> ActionStatus:
        if not value:
            return ActionStatus.NOT_STARTED
        status = _STATUSES.get(value.lower())
        if status is None:
            self.note(number, "status", f"{value!r} is not a status: use {_STATUS_WORDS}")
            return ActionStatus.NOT_STARTED
        return status

    def _cost(self, number: int, value: str) -> int | None:
        if not value:
            return None
        found = _COST.fullmatch(value)
        if found is None:
            self.note(number, "cost", f"{value!r} is not a cost: give whole pounds, such as 1200 or £1,200")
            return None
        return int(found.group(1).replace(",", ""))

    def _identifier(self, number: int, row: dict[str, str]) -> str:
        ident = self._required(number, row, "action", "the action's identifier")
        if ident in self.first:
            self.note(number, "action", f"{ident!r} is given again: first in row {self.first[ident]}")
        elif ident in self.taken:
            self.note(number, "action", f"{ident!r} is already the identifier of {self.taken[ident]}")
        elif ident:
            self.first[ident] = number
        return ident

    def read(self, number: int, row: dict[str, str]) -> _Row:
        known = f"one of {', '.join(self.priorities)}" if self.priorities else "the plan has none yet"
        priority = self._required(number, row, "priority", f"the identifier of the action's priority ({known})")
        if priority and priority not in self.priorities:
            self.note(number, "priority", f"the plan has no priority {priority!r} ({known})")
        action = PlanAction(
            id=self._identifier(number, row),
            text=self._required(number, row, "text", "what will be done"),
            descriptor=row["descriptor"] or None,
            owner=row["owner"] or None,
            start=self._date(number, row, "start"),
            due=self._date(number, row, "due"),
            status=self._status(number, row["status"]),
            resources=row["resources"] or None,
            cost=self._cost(number, row["cost"]),
            done_on=self._date(number, row, "done_on"),
        )
        return _Row(number, priority, action)


def _in_row_order(problems: list[Problem]) -> list[Problem]:
    """The problems placed in rows, by row (in the order found within one), then any others as found."""
    in_rows = [problem for problem in problems if problem.path.startswith("row ")]
    elsewhere = [problem for problem in problems if not problem.path.startswith("row ")]
    return sorted(in_rows, key=lambda problem: int(problem.path.split()[1].rstrip(","))) + elsewhere


def _by_row(problem: Problem, rows_at: dict[tuple[int, int], int]) -> Problem:
    """A problem with an action of the plan, placed at the row and column it came from; any other left as it is."""
    found = _ACTION_PATH.fullmatch(problem.path)
    if found is None or (int(found.group(1)), int(found.group(2))) not in rows_at:
        return problem
    number = rows_at[int(found.group(1)), int(found.group(2))]
    column = _COLUMN_OF.get(found.group(3) or "id", "action")
    return Problem(cell(number, column), problem.message)


_MISSING_ACTION = (
    "in the plan but not in the spreadsheet: to stop an action, set its status to dropped; to remove it, edit the plan"
)
"""What is said of an action of the plan that no row names."""


def _missing(plan: DevelopmentPlan, named: set[str]) -> list[Problem]:
    """A problem for each action of the plan that no row names, in the plan's order, at its priority and identifier."""
    return [
        Problem(f"priority {priority.id}, action {action.id}", _MISSING_ACTION)
        for priority in plan.priorities
        for action in priority.actions
        if action.id not in named
    ]


def read_plan_actions_csv(
    source: str | bytes, plan: DevelopmentPlan, framework: Framework, *, name: str = "<input>"
) -> DevelopmentPlan:
    r"""The plan with its actions as a spreadsheet of them gives: every action of the plan keeps its row.

    Each priority's actions become the rows naming it, in row order; a row
    whose action the plan does not have yet adds it, and a row naming
    another priority moves its action there. Nothing is dropped without a
    word: an action of the plan that no row names is a problem, so a
    filtered or partial export is refused rather than emptying the plan (to
    stop an action, set its status to dropped; to remove one, edit the
    plan). The rest of the plan is unchanged, and the result is checked
    whole, as [`plan_problems`][school_improvement.plan_problems] checks a
    plan.

    Reads what spreadsheets write: UTF-8 with or without a byte-order mark,
    commas, semicolons or tabs between cells, dates as ``YYYY-MM-DD`` or
    ``DD/MM/YYYY``, a status by its value or in words (``In progress``), a
    cost with or without ``£`` and thousands commas. Cells are trimmed, and a
    blank cell is no value (a blank status is not started); blank rows are
    skipped. Every column of ``ACTION_COLUMNS`` must be in the header, in
    any order; anything written in another column is a problem, so that
    nothing is dropped without a word. At most 2,000,000 bytes and 4,000
    rows are read.

    Args:
        source: The CSV text or bytes.
        plan: The plan the actions belong to.
        framework: The edition the plan rests on.
        name: The file's name, used in the error.

    Returns:
        The plan with the actions read.

    Raises:
        PayloadError: Listing every problem found in the rows (an unknown
            priority, a missing identifier or text, a date, status or cost
            that cannot be read, an identifier given twice), each at its row
            and column, such as ``row 3, column due``, and every action of
            the plan that no row names, at its priority and identifier, such
            as ``priority P1, action P1.A2``; or, when the rows read, every
            problem of the plan they make, a problem with an action at its
            row and column, any other at its JSON path. Nothing is read in
            part.

    Examples:
        >>> import datetime
        >>> from school_improvement import DevelopmentPlan, PayloadError, PlanPriority, Stage, load_framework
        >>> from school_improvement import read_plan_actions_csv
        >>> framework = load_framework()
        >>> start = datetime.date(2026, 9, 1)
        >>> priority = PlanPriority(
        ...     "P1", "Grow leaders", ("LC",), "Few leaders", Stage.MAKING_PROGRESS, datetime.date(2027, 7, 31)
        ... )
        >>> plan = DevelopmentPlan("ex-1", framework.edition_id, start, start, datetime.date(2027, 8, 31), (priority,))
        >>> header = "priority;action;text;descriptor;owner;start;due;status;resources;cost;done_on"
        >>> row = "P1;A1;Set up a middle leaders' group;LC.1.1;Deputy head;01/09/2026;31/10/2026;In progress;;£1,200;"
        >>> action = read_plan_actions_csv("\r\n".join([header, row]), plan, framework).priorities[0].actions[0]
        >>> action.id, action.due, action.status.value, action.cost
        ('A1', datetime.date(2026, 10, 31), 'in-progress', 1200)
        >>> late = row.replace("31/10/2026", "31/08/2026")
        >>> try:
        ...     read_plan_actions_csv("\r\n".join([header, late]), plan, framework, name="actions.csv")
        ... except PayloadError as error:
        ...     print(*error.problems, sep="\n")
        row 2, column due: 2026-08-31 is before the action starts, 2026-09-01
        row 2, column due: 2026-08-31 is outside the plan's years, 2026-09-01 to 2027-08-31
    """
    raw = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
    rows, unread = spreadsheet_rows(decode_csv(raw, name, MAX_CSV_BYTES), name, ACTION_COLUMNS, MAX_PLAN_CSV_ROWS)
    reader = _RowReader(plan)
    read = [
        reader.read(number, {column: _unescaped(value) for column, value in row.items()})
        for number, row in rows
        if any(row.values())
    ]
    problems = unread + reader.problems + _missing(plan, {_unescaped(row["action"]) for _, row in rows})
    if problems:
        raise PayloadError(name, _in_row_order(problems))
    rows_at: dict[tuple[int, int], int] = {}
    priorities = []
    for p, priority in enumerate(plan.priorities):
        mine = [row for row in read if row.priority == priority.id]
        rows_at.update({(p, n): row.number for n, row in enumerate(mine)})
        priorities.append(attrs.evolve(priority, actions=tuple(row.action for row in mine)))
    result = attrs.evolve(plan, priorities=tuple(priorities))
    placed = [_by_row(problem, rows_at) for problem in plan_problems(framework, result)]
    if placed:
        raise PayloadError(name, _in_row_order(placed))
    return result

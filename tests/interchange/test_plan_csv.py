"""A plan's actions as CSV: out to a spreadsheet, edited there, and back in, with each problem's row and column."""

import csv
import datetime
import io

import attrs
import pytest
from hypothesis import given

from helpers import FRAMEWORK
from school_improvement import (
    ACTION_COLUMNS,
    ActionStatus,
    DevelopmentPlan,
    PayloadError,
    PlanAction,
    PlanPriority,
    Problem,
    ReviewRecord,
    Stage,
    SuccessCriterion,
    plan_actions_csv,
    read_plan_actions_csv,
)
from strategies import cell_words, development_plans

START = datetime.date(2026, 9, 1)
HEADER = ",".join(ACTION_COLUMNS)


_ASPECTS = {"P1": "LC", "P2": "PV"}
"""Each priority's aspect: an aspect is in one priority only."""


def _priority(ident: str, *actions: PlanAction) -> PlanPriority:
    return PlanPriority(
        ident,
        f"Priority {ident}",
        (_ASPECTS[ident],),
        "Few leaders below the head",
        Stage.MAKING_PROGRESS,
        datetime.date(2027, 7, 31),
        actions=actions,
        success_criteria=(SuccessCriterion(f"{ident}.S1", "Middle leaders lead staff meetings"),),
    )


PLAN = DevelopmentPlan(
    "ysgol-enghraifft",
    FRAMEWORK.edition_id,
    START,
    START,
    datetime.date(2027, 8, 31),
    (
        _priority(
            "P1",
            PlanAction("P1.A1", "Set up a middle leaders' group", "LC.2.1", "Deputy head", START),
            PlanAction("P1.A2", "Visit Ysgol Gymraeg y Dyffryn", status=ActionStatus.DONE, done_on=START),
        ),
        _priority("P2", PlanAction("P2.A1", "Survey the staff", cost=250)),
    ),
)
"""A plan of two priorities and three actions, as a school might keep it."""
BARE = attrs.evolve(PLAN, priorities=tuple(attrs.evolve(priority, actions=()) for priority in PLAN.priorities))
"""The plan with no actions yet: every row read into it is new."""
_ONE_ACTION = attrs.evolve(PLAN, priorities=(BARE.priorities[0], PLAN.priorities[1]))
"""The plan with only P2's action."""


def _read(text: str | bytes, plan: DevelopmentPlan = PLAN) -> DevelopmentPlan:
    return read_plan_actions_csv(text, plan, FRAMEWORK, name="actions.csv")


def _problems(text: str | bytes, plan: DevelopmentPlan = PLAN) -> list[Problem]:
    with pytest.raises(PayloadError) as raised:
        _read(text, plan)
    assert raised.value.source == "actions.csv"
    return list(raised.value.problems)


def _rows(*rows: str) -> str:
    return "\r\n".join([HEADER, *rows]) + "\r\n"


@given(development_plans(text=cell_words))
def test_actions_round_trip_through_csv(plan: DevelopmentPlan) -> None:
    """Any valid plan (its texts trimmed, as cells are) comes back equal from the CSV of its actions."""
    assert read_plan_actions_csv(plan_actions_csv(plan), plan, FRAMEWORK) == plan


def test_one_row_per_action_in_plan_order() -> None:
    """The CSV has the header, then each action under its priority's identifier, in the plan's order."""
    rows = list(csv.reader(io.StringIO(plan_actions_csv(PLAN))))
    first = ("P1", "P1.A1", "Set up a middle leaders' group", "LC.2.1", "Deputy head", "2026-09-01")
    assert rows == [
        list(ACTION_COLUMNS),
        [*first, "", "not-started", "", "", ""],
        ["P1", "P1.A2", "Visit Ysgol Gymraeg y Dyffryn", "", "", "", "", "done", "", "", "2026-09-01"],
        ["P2", "P2.A1", "Survey the staff", "", "", "", "", "not-started", "", "250", ""],
    ]


def test_a_text_a_spreadsheet_would_run_is_written_as_text() -> None:
    """A cell starting =, +, - or @ is written after an apostrophe, shown as text, never run; it reads back the same."""
    risky = ('=HYPERLINK("http://example.com")', "+44 1495 000000", "-stock take", "@head", "'quoted")
    actions = tuple(PlanAction(f"A{n}", text, owner=text) for n, text in enumerate(risky))
    plan = attrs.evolve(PLAN, priorities=(_priority("P1", *actions),))
    rows = list(csv.reader(io.StringIO(plan_actions_csv(plan))))[1:]
    assert [row[2] for row in rows] == [f"'{text}" for text in risky]
    assert _read(plan_actions_csv(plan), plan) == plan
    assert _read(_rows("P1,A0,'hello,,,,,,,,"), BARE).priorities[0].actions[0].text == "'hello"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_what_spreadsheets_write_is_read(encoding: str, delimiter: str) -> None:
    """A byte-order mark, any separator, UK dates, statuses in words and costs in pounds are all read."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(ACTION_COLUMNS)
    edited = ("P2", "P2.A1", "Arolwg o'r staff; ŵyr", "LC.2.1", "Pennaeth", "1/9/2026", "31/10/2026")
    writer.writerow([*edited, "In Progress", "Amser cyfarfod", "£1,250.00", ""])
    writer.writerow(["P1", "P1.A9", "Done already", "", "", "2026-09-01", "", "done", "", "£ 75", "02/09/2026"])
    plan = _read(out.getvalue().encode(encoding), _ONE_ACTION)
    assert plan.priorities[0].actions == (
        PlanAction(
            "P1.A9", "Done already", start=START, status=ActionStatus.DONE, cost=75, done_on=datetime.date(2026, 9, 2)
        ),
    )
    assert plan.priorities[1].actions == (
        PlanAction(
            "P2.A1",
            "Arolwg o'r staff; ŵyr",
            "LC.2.1",
            "Pennaeth",
            START,
            datetime.date(2026, 10, 31),
            ActionStatus.IN_PROGRESS,
            "Amser cyfarfod",
            1250,
        ),
    )


def test_rows_go_to_their_priority_in_row_order_and_new_rows_are_added() -> None:
    """Each row's action goes to the priority it names, in row order, a new one added and one moved; blank rows skip."""
    plan = _read(
        _rows(
            "P1,B2,New second,,,,,,,,",
            "P2,P1.A2,Visit Ysgol Gymraeg y Dyffryn,,,,,done,,,2026-09-01",
            ",,,,,,,,,,",
            "P1,P1.A1,Set up a middle leaders' group,LC.2.1,Deputy head,2026-09-01,,,,,",
            "P2,P2.A1,Survey the staff,,,,,,,250,",
            "P1,B1,New first,,,,,,,,",
        )
    )
    assert [[action.id for action in p.actions] for p in plan.priorities] == [
        ["B2", "P1.A1", "B1"],
        ["P1.A2", "P2.A1"],
    ]
    kept = {action.id: action for p in PLAN.priorities for action in p.actions}
    assert all(kept[action.id] == action for p in plan.priorities for action in p.actions if action.id in kept)
    assert plan.priorities[0].actions[0] == PlanAction("B2", "New second")
    assert attrs.evolve(plan, priorities=PLAN.priorities) == PLAN


_MISSING = (
    "in the plan but not in the spreadsheet: to stop an action, set its status to dropped; to remove it, edit the plan"
)


def test_an_action_without_its_row_is_refused_and_every_one_named() -> None:
    """A row deleted or filtered out is never a silent loss: every action of the plan no row names is listed."""
    kept_one = _rows("P1,P1.A2,Visit Ysgol Gymraeg y Dyffryn,,,,,done,,,2026-09-01", "P1,B1,New,,,,,,,,")
    assert _problems(kept_one) == [
        Problem("priority P1, action P1.A1", _MISSING),
        Problem("priority P2, action P2.A1", _MISSING),
    ]
    assert _problems(HEADER) == [
        Problem("priority P1, action P1.A1", _MISSING),
        Problem("priority P1, action P1.A2", _MISSING),
        Problem("priority P2, action P2.A1", _MISSING),
    ]
    dropped = attrs.evolve(PLAN.priorities[0].actions[0], status=ActionStatus.DROPPED)
    rows = plan_actions_csv(PLAN).replace(
        "P1.A1,Set up a middle leaders' group,LC.2.1,Deputy head,2026-09-01,,not-started",
        "P1.A1,Set up a middle leaders' group,LC.2.1,Deputy head,2026-09-01,,dropped",
    )
    assert _read(rows).priorities[0].actions[0] == dropped


def test_missing_actions_are_listed_with_the_problems_in_the_rows() -> None:
    """A missing action is reported with the rows' own problems, after them, all at once; nothing is read."""
    text = _rows(
        "P1,P1.A1,Set up a middle leaders' group,,,,,,,,",
        "P1,P1.A2,,,,,,,,,",
        "P2,P2.A9,Survey the staff,,,,,,,250,",
    )
    assert _problems(text) == [
        Problem("row 3, column text", "required: what will be done"),
        Problem("priority P2, action P2.A1", _MISSING),
    ]


def test_every_problem_in_the_rows_is_reported_by_row_and_column() -> None:
    """Unknown priorities, missing identifiers and texts, unreadable cells and repeated identifiers: all together."""
    problems = _problems(
        _rows(
            "P3,A1,Text,,,,,,,,",
            ",,Text,,,31/02/2026,2026-13-01,started,,twelve pounds,",
            "P1,A1,,,,,,,,-5,",
            "P1,P1.S1,Text,,,,,,,1.200,",
        ),
        BARE,
    )
    assert problems == [
        Problem("row 2, column priority", "the plan has no priority 'P3' (one of P1, P2)"),
        Problem("row 3, column priority", "required: the identifier of the action's priority (one of P1, P2)"),
        Problem("row 3, column action", "required: the action's identifier"),
        Problem("row 3, column start", "'31/02/2026' is not a date: use YYYY-MM-DD or DD/MM/YYYY"),
        Problem("row 3, column due", "'2026-13-01' is not a date: use YYYY-MM-DD or DD/MM/YYYY"),
        Problem("row 3, column status", "'started' is not a status: use not started, in progress, done, dropped"),
        Problem("row 3, column cost", "'twelve pounds' is not a cost: give whole pounds, such as 1200 or £1,200"),
        Problem("row 4, column action", "'A1' is given again: first in row 2"),
        Problem("row 4, column text", "required: what will be done"),
        Problem("row 4, column cost", "'-5' is not a cost: give whole pounds, such as 1200 or £1,200"),
        Problem("row 5, column action", "'P1.S1' is already the identifier of a success criterion of P1"),
        Problem("row 5, column cost", "'1.200' is not a cost: give whole pounds, such as 1200 or £1,200"),
    ]


def test_the_plans_own_checks_come_back_at_their_rows() -> None:
    """Once the rows read, the plan they make is checked; a problem with an action is placed at its row and column."""
    problems = _problems(
        _rows(
            "P1,A1,Fine,,,,,,,,",
            "P2,A2,Due before it starts,XX.1.1,,01/10/2026,01/09/2026,,,,",
            "P2,A3,Not done,,,,,in progress,,,2026-10-01",
        ),
        BARE,
    )
    assert problems == [
        Problem("row 3, column descriptor", f"no descriptor has the code 'XX.1.1' in {FRAMEWORK.edition_id}"),
        Problem("row 3, column due", "2026-09-01 is before the action starts, 2026-10-01"),
        Problem("row 4, column done_on", "given, but the action is in-progress, not done"),
    ]


def test_a_problem_elsewhere_in_the_plan_is_named_at_its_json_path() -> None:
    """Once the rows read, a problem of the plan outside its actions is named at its JSON path, not at a row."""
    plan = attrs.evolve(PLAN, reviews=(ReviewRecord(datetime.date(2026, 8, 1), "Before the plan"),))
    assert _problems(plan_actions_csv(plan), plan) == [
        Problem("$.reviews[0].date", "2026-08-01 is before the plan starts, 2026-09-01")
    ]


def test_the_header_and_any_other_column_are_checked() -> None:
    """A missing column or one named twice is refused; anything written outside the columns read is a problem."""
    assert _problems("priority,action,text\r\nP1,A1,Text\r\n") == [
        Problem(
            "row 1", "the header lacks the column(s): descriptor, owner, start, due, status, resources, cost, done_on"
        )
    ]
    assert _problems(HEADER + ",text\r\n") == [Problem("row 1", "the column 'text' is named twice")]
    unread = "not a column that is read: move what it holds, or clear it"
    assert _problems(
        "\r\n".join([HEADER + ",notes", "P1,A1,Text,,,,,,,,,", "P1,A2,Text,,,,,,,,,Ask the governors,extra"]), BARE
    ) == [Problem("row 3, column notes", unread), Problem("row 3, column M", unread)]


def test_text_that_is_not_csv_or_too_much_is_refused() -> None:
    """A quoted cell never closed, text that is not UTF-8, too many bytes or too many rows: each said, nothing read."""
    assert _problems(_rows('P1,A1,"Never closed,,,,,,,,')) == [
        Problem("row 2", "not read as CSV from line 2 of the file: unexpected end of data")
    ]
    assert _problems(HEADER.encode("utf-16")) == [
        Problem("file", "not UTF-8 text: save the spreadsheet as 'CSV UTF-8'")
    ]
    assert _problems(b" " * 2_000_001) == [
        Problem("file", "the spreadsheet is 2,000,001 bytes; the most read is 2,000,000")
    ]
    assert _problems(_rows(*[",,,,,,,,,,"] * 4_001)) == [Problem("row 4002", "more than 4,000 rows")]

"""With ``--format json``, every problem comes out on standard output as JSON: a caller need not read standard error."""

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from helpers import EXAMPLE, LOCAL_AUTHORITY
from school_improvement._cli import commands
from school_improvement._cli.parser import build_parser, main

REGISTER = str(LOCAL_AUTHORITY / "schools.csv")
BROKEN = '{"schema_version": 1}'
"""A payload with no kind, edition or data."""


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, Any, str]:
    """Run the command line; its exit code, its standard output read as JSON, and its standard error."""
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


@pytest.fixture(autouse=True)
def _in_a_folder_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs in its own folder, with a broken payload in it."""
    monkeypatch.chdir(tmp_path)
    Path("broken.json").write_text(BROKEN, encoding="utf-8")


def _offers_json() -> set[str]:
    """The commands whose --format offers json, from the parser itself."""
    found = set()
    for action in build_parser()._actions:  # noqa: SLF001 (argparse has no public way to reach its subparsers)
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sub in action.choices.items():
                found |= {name for option in sub._actions if option.dest == "format" and "json" in option.choices}  # noqa: SLF001
    return found


BROKEN_INPUT = {
    "framework": ["framework", "--framework", "broken.json"],
    "template": ["template", "--framework", "broken.json"],
    "validate": ["validate", "broken.json"],
    "assess": ["assess", "broken.json"],
    "gaps": ["gaps", "broken.json"],
    "next-steps": ["next-steps", "broken.json"],
    "plan": ["plan", "broken.json"],
    "review": ["review", "broken.json"],
    "progress": ["progress", "broken.json", str(EXAMPLE)],
    "rollup": ["rollup", "broken.json", "--schools", REGISTER],
    "match": ["match", "broken.json", "--schools", REGISTER],
}
"""Each command that offers JSON, given a broken file."""


def test_every_command_that_offers_json_has_a_case() -> None:
    """The table covers every command whose --format offers json: a new one must say how it fails."""
    assert set(BROKEN_INPUT) == _offers_json()


@pytest.mark.parametrize("command", sorted(BROKEN_INPUT))
def test_a_broken_input_is_a_json_list_of_problems(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 2, and on standard output: valid false, and every problem with its source, path and message."""
    code, document, err = _run(capsys, *BROKEN_INPUT[command], "--format", "json")
    assert code == 2
    assert document["valid"] is False
    problems = document["problems"]
    assert problems
    assert all(set(problem) == {"source", "path", "message"} for problem in problems)
    assert {problem["source"] for problem in problems} == {"broken.json"}
    assert all(problem["path"] and problem["message"] for problem in problems)
    assert "broken.json" in err  # said on standard error too, for a person at the terminal


def test_each_problem_has_its_own_place(capsys: pytest.CaptureFixture[str]) -> None:
    """Every problem the loader finds is listed, each at its JSON path, as the text lists them."""
    _, document, err = _run(capsys, "validate", "broken.json", "--format", "json")
    assert [(problem["path"], problem["message"]) for problem in document["problems"]] == [
        ("$.kind", "required field missing"),
        ("$.framework_edition", "required field missing"),
        ("$.data", "required field missing"),
    ]
    assert err.count("required field missing") == 3


def test_a_spreadsheets_problems_are_placed_by_row_and_column(capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV's problems come out with the file as source and the row and column as path."""
    assert main(["template", "--format", "csv", "--school", "s", "--date", "2026-11-02", "-o", "s.csv"]) == 0
    blank = "Establish arrangements to take account of and act upon the views of pupils.,,,,"
    text = Path("s.csv").read_text(encoding="utf-8").replace(blank, blank.replace(",,,,", ",great,,,"))
    Path("s.csv").write_text(text, encoding="utf-8")
    capsys.readouterr()
    code, document, _ = _run(capsys, "assess", "s.csv", "--format", "json")
    assert code == 2
    assert document == {
        "valid": False,
        "problems": [
            {
                "source": "s.csv",
                "path": "row 95, column rating",
                "message": "'great' is not a rating: use not yet, partly, mostly, fully or not applicable",
            }
        ],
    }


@pytest.mark.parametrize(
    ("arguments", "path", "said"),
    [
        (["assess", str(EXAMPLE), "--rule", "nonsense"], "--rule", "argument --rule: invalid choice: 'nonsense'"),
        (["gaps", str(EXAMPLE), "--target", "PV=9"], "--target", "--target 'PV=9': write ASPECT=STAGE"),
        (["framework", "--aspect", "PV"], "--aspect", "--aspect does nothing here: it goes only with --format text"),
        (["assess", str(EXAMPLE), "--nonsense"], "", "unrecognised arguments: --nonsense"),
        (["--lang", "cy", "assess", str(EXAMPLE)], "--lang", "--lang does nothing for assess"),
    ],
    ids=["argparse", "usage", "refused", "unknown", "before-the-command"],
)
def test_a_mistake_in_the_options_is_a_problem_of_the_command_line(
    arguments: list[str], path: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistake in the options, found by argparse or by the command: source "command line", the option as path."""
    code, document, err = _run(capsys, *arguments, "--format", "json")
    assert code == 2
    (problem,) = document["problems"]
    assert (document["valid"], problem["source"], problem["path"]) == (False, "command line", path)
    assert said in problem["message"]
    assert said in err


def test_a_shortened_format_option_still_asks_for_json(capsys: pytest.CaptureFixture[str]) -> None:
    """``--form=json``, as argparse allows, asks for JSON even when the options do not parse."""
    code, document, _ = _run(capsys, "assess", str(EXAMPLE), "--form=json", "--rule", "nonsense")
    assert code == 2
    assert document["problems"][0]["path"] == "--rule"


@pytest.mark.parametrize(
    "arguments", [["validate", "broken.json"], ["template", "--framework", "broken.json"]], ids=["text", "unasked"]
)
def test_without_json_asked_for_problems_go_to_standard_error_only(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Asked for text, or not asked (template writes JSON by default), a failure writes nothing to standard output."""
    assert main(arguments) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "broken.json: " in captured.err


def test_a_failure_of_ours_is_json_too_with_exit_code_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected failure: exit 1, valid null (the input may be fine), and the failure said as a problem."""

    def fail(_: argparse.Namespace) -> str:
        raise ZeroDivisionError("a bug")

    monkeypatch.setitem(commands._COMMANDS, "assess", fail)  # noqa: SLF001 (a bug, put where a command would be)
    code, document, err = _run(capsys, "assess", str(EXAMPLE), "--format", "json")
    assert code == 1
    assert document == {
        "valid": None,
        "problems": [
            {"source": "school-improvement", "path": "", "message": "unexpected failure: ZeroDivisionError: a bug"}
        ],
    }
    assert "Run again with --debug" in err


def test_validate_says_a_valid_self_evaluation_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    """Asked for JSON, validate says a valid self-evaluation: the source and kind, what it holds, its warnings."""
    code, document, err = _run(capsys, "validate", str(EXAMPLE), "--format", "json")
    assert (code, err) == (0, "")
    assert document == {
        "valid": True,
        "source": str(EXAMPLE),
        "kind": "self-evaluation",
        "school": "ysgol-enghraifft",
        "date": "2026-11-02",
        "ratings": 7,
        "warnings": [
            {
                "source": str(EXAMPLE),
                "path": "$.data.ratings[6].evidence",
                "message": "FC.3.1 is rated 'fully' with no evidence, so it counts as not rated",
            }
        ],
        "notices": [],
        "noticed_against": None,
        "problems": [],
    }


def _line(name: str, kind: str, school: str) -> str:
    """The example payload of this kind for the school, as its line in the example set."""
    for line in (LOCAL_AUTHORITY / name).read_text(encoding="utf-8").splitlines():
        payload = json.loads(line)
        if payload["kind"] == kind and payload["data"]["school"] == school:
            return line
    raise AssertionError(kind)


def test_validate_says_a_plan_and_what_it_notices_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    """A plan with --self-evaluation: what it holds, and each notice about its priorities with its check and path."""
    school = "fictional-00022"
    plan = json.loads(_line("decisions.jsonl", "development-plan", school))
    plan["data"]["priorities"][0]["target"] = "starting-the-journey"  # the stage it is at: noticed as reached
    Path("plan.json").write_text(json.dumps(plan), encoding="utf-8")
    Path("evaluation.json").write_text(_line("self-evaluations.jsonl", "self-evaluation", school), encoding="utf-8")
    code, document, err = _run(
        capsys, "validate", "plan.json", "--self-evaluation", "evaluation.json", "--format", "json"
    )
    assert (code, err) == (0, "")
    assert {
        key: document[key] for key in ("valid", "source", "kind", "school", "priorities", "actions", "reviews")
    } == {
        "valid": True,
        "source": "plan.json",
        "kind": "development-plan",
        "school": school,
        "priorities": 3,
        "actions": 10,
        "reviews": 1,
    }
    assert document["noticed_against"] == "2026-10-16"
    assert document["problems"] == []
    assert main(["validate", "plan.json", "--self-evaluation", "evaluation.json"]) == 0
    text = capsys.readouterr().out
    assert [(notice["check"], notice["path"], notice["aspect"]) for notice in document["notices"]] == [
        ("target-reached", "$[0].aspects[0]", "LC")
    ]
    assert [f"  {notice['path']}: {notice['message']}" for notice in document["notices"]] == [
        line for line in text.splitlines() if line.startswith("  ")
    ]


def test_validate_says_a_discussion_record_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    """A discussion record: its school, date, the priorities agreed, the aspects seen differently, the next review."""
    Path("record.json").write_text(_line("decisions.jsonl", "discussion-record", "fictional-00022"), encoding="utf-8")
    code, document, _ = _run(capsys, "validate", "record.json", "--format", "json")
    assert code == 0
    assert (document["kind"], document["school"], document["date"]) == (
        "discussion-record",
        "fictional-00022",
        "2026-10-20",
    )
    assert isinstance(document["agreed_priorities"], int)
    assert isinstance(document["seen_differently"], int)
    assert document["next_review"]

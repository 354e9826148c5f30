"""Dates are read alike in the options and in the files: the same dates refused, in the same words."""

import argparse
import json
from pathlib import Path

import pytest

from helpers import EXAMPLE, LOCAL_AUTHORITY
from school_improvement import PayloadError, load_framework
from school_improvement._cli import parser as cli
from school_improvement._interchange.decisions import load_plan
from school_improvement._interchange.inputs import load_self_evaluation

FRAMEWORK = load_framework()

NOT_DATES = [
    ("20261102", "expected a date as YYYY-MM-DD, not '20261102'"),
    ("2026-11-02T00:00:00Z", "expected a date as YYYY-MM-DD, not '2026-11-02T00:00:00Z'"),
    ("02/11/2026", "expected a date as YYYY-MM-DD, not '02/11/2026'"),
    ("2026-1-2", "expected a date as YYYY-MM-DD, not '2026-1-2'"),
    (" 2026-11-02", "expected a date as YYYY-MM-DD, not ' 2026-11-02'"),
    ("", "expected a date as YYYY-MM-DD, not ''"),
    ("2026-02-30", "'2026-02-30' is not a date: there is no such day"),
    ("2026-13-01", "'2026-13-01' is not a date: there is no such day"),
]
"""Text that is not a date, and what every reader says of it."""
ARABIC_INDIC = "\u0662\u0660\u0662\u0666-\u0661\u0661-\u0660\u0662"
"""2026-11-02 in Arabic-Indic digits."""
EVERY_READER = [
    *NOT_DATES,
    (ARABIC_INDIC, f"expected a date as YYYY-MM-DD, not '{ARABIC_INDIC}'"),
]


def _date_options() -> list[tuple[str, str]]:
    """Every option that takes a date, by command, from the parser itself."""
    found = []
    for action in cli.build_parser()._actions:  # noqa: SLF001 (argparse has no public way to reach its subparsers)
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sub in action.choices.items():
                found += [
                    (name, option.option_strings[-1])
                    for option in sub._actions  # noqa: SLF001
                    if option.type is cli._date  # noqa: SLF001 (the one date reader the options use)
                ]
    return found


DATE_OPTIONS = _date_options()


def _minimal(command: str) -> list[str]:
    """A command line for ``command`` that parses: its positionals and required options, none of them read."""
    sub = cli._subparser(cli.build_parser(), command)  # noqa: SLF001
    words = [command]
    for action in sub._actions:  # noqa: SLF001
        if not action.option_strings and action.dest != "help":
            words.append(next(iter(action.choices)) if action.choices else "x.json")
        elif action.required:
            words += [action.option_strings[-1], "x.csv"]
    return words


def test_the_date_options_are_the_ones_expected() -> None:
    """The walk finds the date options (so the tests below cover them): --as-of and --date across the commands."""
    assert {option for _, option in DATE_OPTIONS} == {"--as-of", "--date"}
    assert ("report", "--date") in DATE_OPTIONS
    assert ("review", "--as-of") in DATE_OPTIONS
    assert len(DATE_OPTIONS) > 15


def _file_says(text: str) -> list[str]:
    """What the self-evaluation loader says of ``text`` as the self-evaluation's date, and as a plan's start."""
    said = []
    evaluation = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    evaluation["data"]["date"] = text
    with pytest.raises(PayloadError) as raised:
        load_self_evaluation(json.dumps(evaluation).encode("utf-8"), framework=FRAMEWORK)
    said += [f"{problem.path}: {problem.message}" for problem in raised.value.problems]
    plan = next(
        json.loads(line)
        for line in (LOCAL_AUTHORITY / "decisions.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["kind"] == "development-plan"
    )
    plan["data"]["starts"] = text
    with pytest.raises(PayloadError) as raised:
        load_plan(json.dumps(plan).encode("utf-8"), framework=FRAMEWORK)
    said += [
        f"{problem.path}: {problem.message}" for problem in raised.value.problems if problem.path == "$.data.starts"
    ]
    return said


@pytest.mark.parametrize(("text", "message"), EVERY_READER)
def test_a_date_refused_in_a_file_is_refused_in_the_same_words_in_every_date_option(
    text: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The files say the message at the date's path; every date option, and --choose's date, says it too."""
    assert _file_says(text) == [f"$.data.date: {message}", f"$.data.starts: {message}"]
    for command, option in DATE_OPTIONS:
        assert cli.main([*_minimal(command), option, text]) == 2
        assert capsys.readouterr().err.endswith(f"error: argument {option}: {message}\n"), (command, option)
    if text and ":" not in text:  # in --choose a colon starts the reason, and the date cannot be blank
        assert cli.main(["next-steps", str(EXAMPLE), "--choose", f"PV=2@{text}"]) == 2
        assert capsys.readouterr().err.endswith(f"error: --choose 'PV=2@{text}': {message}\n")


@pytest.mark.parametrize("text", ["2026-11-02", "2024-02-29"])
def test_a_date_a_file_takes_every_date_option_takes(
    text: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A date the files read is read by every option: the command line parses, and the date is the one given."""
    monkeypatch.chdir(tmp_path)
    evaluation = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    evaluation["data"]["date"] = text
    evaluation["data"]["ratings"] = []
    loaded = load_self_evaluation(json.dumps(evaluation).encode("utf-8"), framework=FRAMEWORK)
    for command, option in DATE_OPTIONS:
        parsed = cli.build_parser().parse_args([*_minimal(command), option, text])
        given = getattr(parsed, option.removeprefix("--").replace("-", "_"))
        assert (given[0] if isinstance(given, list) else given) == loaded.date, (command, option)
    capsys.readouterr()


def test_a_spreadsheet_reads_the_dates_the_options_read_and_the_form_uk_spreadsheets_save(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV's own date is read as YYYY-MM-DD, as the options read it, or as DD/MM/YYYY, as spreadsheets save it.

    A spreadsheet program rewrites a date cell in the computer's own form when it saves, so the file is read as
    it is saved; the options, typed by a person, take the one form the payloads and their schemas take.
    """
    monkeypatch.chdir(tmp_path)
    assert cli.main(["template", "--format", "csv", "--school", "s", "--date", "2026-11-02", "-o", "s.csv"]) == 0
    template = Path("s.csv").read_text(encoding="utf-8")
    for written in ("2026-11-02", "02/11/2026", "2/11/2026"):
        Path("s.csv").write_text(template.replace("date,2026-11-02", f"date,{written}"), encoding="utf-8")
        assert cli.main(["validate", "s.csv", "--date", "2026-11-02"]) == 0, written
    for text, _ in NOT_DATES:
        if text in {"02/11/2026", "", " 2026-11-02"}:  # the UK form; a blank cell, not given; a cell is trimmed
            continue
        Path("s.csv").write_text(template.replace("date,2026-11-02", f"date,{text}"), encoding="utf-8")
        assert cli.main(["validate", "s.csv"]) == 2, text
        assert f"row 2, column B: {text.strip()!r} is not a date" in capsys.readouterr().err, text
    capsys.readouterr()

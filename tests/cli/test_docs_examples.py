"""The command-line examples in the docs run, and print what the pages show.

Two pages show the command line at work: the spreadsheet how-to and the command-line examples. Each ``console``
block holds commands (``$ school-improvement ...``), each followed by what it prints, as a terminal shows it:
warnings on standard error before the output, or a failure's JSON before the reasons on standard error. A line
``...`` stands for any lines, and a line ending in ``...`` for one that starts so and any lines after it. A
``csv`` block shows rows as a person fills them in: each row whose first cell is a descriptor's code takes the
place of that row in the spreadsheet the page wrote last.

The commands run in a folder of their own, holding what the pages name: the examples (``examples/``), and
Example Primary School 22's plan, discussion record and self-evaluation as files of their own.
"""

import argparse
import itertools
import json
import re
import shlex
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

from helpers import EXAMPLES, LOCAL_AUTHORITY, ROOT
from school_improvement._cli.parser import build_parser, main

HOW_TO = ROOT / "docs" / "how-to" / "spreadsheet-template.md"
EXAMPLES_PAGE = ROOT / "docs" / "reference" / "command-line-examples.md"
PAGES = [HOW_TO, EXAMPLES_PAGE]
SCHOOL = "fictional-00022"
"""Example Primary School 22, whose plan, discussion record and self-evaluation the examples page uses."""
FILES = {"plan.json": "development-plan", "record.json": "discussion-record", "evaluation.json": "self-evaluation"}
"""The school's files the examples page names, by the kind of payload each holds."""
_FENCE = re.compile(r"^```(?P<language>[a-z]*)[^\n]*\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"^[A-Z]{2}\.\d\.\d$")
"""A descriptor's code, as the first cell of a spreadsheet's row."""


class Command(NamedTuple):
    """A command a page shows, and what it shows it printing."""

    words: list[str]
    shown: str


class Fill(NamedTuple):
    """Rows a page shows a person filling in, by descriptor code."""

    rows: dict[str, str]


def _steps(page: Path) -> list[Command | Fill]:
    """The page's commands and filled-in rows, in the order it shows them."""
    steps: list[Command | Fill] = []
    for block in _FENCE.finditer(page.read_text(encoding="utf-8")):
        body = block["body"]
        if block["language"] == "csv":
            rows = {line.split(",", 1)[0]: line for line in body.splitlines()}
            steps.append(Fill({code: row for code, row in rows.items() if _CODE.match(code)}))
        elif block["language"] == "console":
            steps += _commands(body)
    return steps


def _commands(body: str) -> list[Command]:
    """The commands of a console block, each with the lines shown after it."""
    commands: list[Command] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            assert line.startswith("$ school-improvement"), f"a command of another program: {line}"
            commands.append(Command(shlex.split(line.removeprefix("$ school-improvement")), ""))
        else:
            words, shown = commands[-1]
            commands[-1] = Command(words, shown + line + "\n")
    return commands


def _pattern(shown: str) -> re.Pattern[str]:
    """What a command's shown output matches: its lines, with ``...`` for lines left out."""
    parts = []
    for line in shown.splitlines(keepends=True):
        text = line.rstrip("\n").rstrip()
        if text == "...":
            parts.append(r"(?:.*\n)*?")
        elif text.endswith("..."):
            parts.append(re.escape(text.removesuffix("...")) + r".*\n(?:.*\n)*?")
        else:
            parts.append(re.escape(text) + r"[ \t]*\n")
    return re.compile("".join(parts))


def _line(name: str, kind: str) -> str:
    """The example payload of this kind for the school, as its line in the example set."""
    for line in (LOCAL_AUTHORITY / name).read_text(encoding="utf-8").splitlines():
        payload = json.loads(line)
        if payload["kind"] == kind and payload["data"]["school"] == SCHOOL:
            return line
    raise AssertionError(kind)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the pages' commands run in, with the files they name, at a terminal 100 columns wide."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    for file, kind in FILES.items():
        source = "self-evaluations.jsonl" if kind == "self-evaluation" else "decisions.jsonl"
        (tmp_path / file).write_text(_line(source, kind) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path


def _fill(path: Path, rows: dict[str, str]) -> None:
    """Put the rows in the spreadsheet in place of the rows of the same codes, as a person filling it in would."""
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    filled = [rows.get(line.split(",", 1)[0], line) for line in lines]
    path.write_bytes("\r\n".join(filled).encode("utf-8"))


def _written(words: list[str]) -> str | None:
    """The spreadsheet a command writes, if it writes one: its -o FILE ending in .csv."""
    found = [after for before, after in itertools.pairwise(words) if before in {"-o", "--output"}]
    return found[-1] if found and found[-1].endswith(".csv") else None


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_example_runs_and_prints_what_the_page_shows(
    page: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each command exits as its output says (2 for a problem shown, else 0) and prints what the page shows."""
    steps = _steps(page)
    assert any(isinstance(step, Command) for step in steps)
    spreadsheet: str | None = None
    for step in steps:
        if isinstance(step, Fill):
            assert spreadsheet is not None, "rows filled in before a spreadsheet is written"
            _fill(folder / spreadsheet, step.rows)
            continue
        try:
            code = main(step.words)
        except SystemExit as stop:  # --help and --version end as argparse ends them
            code = int(stop.code or 0)
        captured = capsys.readouterr()
        out, err = (text.replace("\r\n", "\n") for text in captured)  # a terminal shows a CSV's line ends alike
        said = err + out
        refused = "school-improvement: error:" in step.shown or "problem(s):" in step.shown
        command = "school-improvement " + shlex.join(step.words)
        assert code == (2 if refused else 0), f"{command}\n{said}"
        pattern = _pattern(step.shown)  # errors before output (warnings), or after it (a failure's JSON, then why)
        matched = pattern.fullmatch(err + out) or pattern.fullmatch(out + err)
        assert matched, f"{command}\nshown:\n{step.shown}\nprinted:\n{said}"
        spreadsheet = _written(step.words) or spreadsheet


def test_every_command_has_an_example() -> None:
    """The examples page shows every command of the parser at least once; a new command needs an example."""
    shown = {step.words[0] for step in _steps(EXAMPLES_PAGE) if isinstance(step, Command) and step.words}
    commands = set()
    for action in build_parser()._actions:  # noqa: SLF001 (argparse has no public way to reach its subparsers)
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            commands |= set(action.choices)
    assert commands <= shown, sorted(commands - shown)


def test_the_pages_show_what_they_test() -> None:
    """Each page's examples are found: commands in console blocks, and the how-to's filled-in rows."""
    how_to = _steps(HOW_TO)
    assert sum(isinstance(step, Fill) and bool(step.rows) for step in how_to) >= 3
    assert [step.words[0] for step in how_to if isinstance(step, Command)][:2] == ["template", "validate"]


def test_a_shown_output_must_match() -> None:
    """The matching is exact but for ``...``: a line changed, added or left out does not match."""
    pattern = _pattern("first\n...\nlast ...\n")
    assert pattern.fullmatch("first\nmiddle\nmore\nlast line\nand after\n")
    assert pattern.fullmatch("first\nlast one\n")
    assert not pattern.fullmatch("first\nlast\n")
    assert not pattern.fullmatch("first\nmiddle\n")
    assert not _pattern("a\nb\n").fullmatch("a\nc\n")
    assert not _pattern("a\n").fullmatch("a\nb\n")

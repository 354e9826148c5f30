"""Options given before the command apply to it or are refused; --version; a workbook is named for what it is."""

import argparse
import datetime
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from helpers import EXAMPLE, LOCAL_AUTHORITY
from office.workbooks import edit, rating_row
from school_improvement import load_framework, xlsx_template
from school_improvement._cli.parser import build_parser, main


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """Run the command line; the exit code (argparse's too), its output and its errors."""
    try:
        code = main(list(arguments))
    except SystemExit as stop:
        code = int(stop.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_language_before_the_command_applies_to_it(capsys: pytest.CaptureFixture[str]) -> None:
    """``--lang cy framework`` gives the Welsh stage names, as ``framework --lang cy`` does."""
    _, before, _ = _run(capsys, "--lang", "cy", "framework")
    _, after, _ = _run(capsys, "framework", "--lang", "cy")
    _, english, _ = _run(capsys, "framework")
    assert before == after != english
    assert "dechrau'r daith" in before.lower()


def test_a_framework_before_the_command_applies_to_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``--framework FILE assess`` reads that file: a missing one is reported, not passed over."""
    code, out, err = _run(capsys, "--framework", str(tmp_path / "none.json"), "assess", str(EXAMPLE))
    assert (code, out) == (2, "")
    assert "none.json" in err


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--lang", "cy", "assess", str(EXAMPLE)], "--lang does nothing for assess"),
        (["--framework", "f.json", "demo"], "--framework does nothing for demo"),
        (["--framework", "f.json", "schema"], "--framework does nothing for schema"),
        (["--lang", "cy", "framework", "--lang", "en"], "--lang is given before framework and after it, differently"),
    ],
)
def test_an_option_before_the_command_that_it_cannot_use_is_refused(
    capsys: pytest.CaptureFixture[str], arguments: list[str], said: str
) -> None:
    """An option given before a command that has no use for it, or given twice differently: a usage error, exit 2."""
    code, out, err = _run(capsys, *arguments)
    assert (code, out) == (2, "")
    assert said in err


def test_debug_before_the_command_shows_the_traceback(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``--debug`` before the command is honoured: the library's error is raised, not summarised."""
    from school_improvement import InputError  # noqa: PLC0415 (beside its one use)

    with pytest.raises(InputError):
        main(["--debug", "assess", str(tmp_path / "missing.json")])
    capsys.readouterr()


def test_version_says_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    """``--version`` prints the program and the installed version, and exits 0."""
    from importlib.metadata import version  # noqa: PLC0415 (beside its one use)

    code, out, _ = _run(capsys, "--version")
    assert (code, out) == (0, f"school-improvement {version('school-improvement')}\n")


@pytest.mark.parametrize(
    ("start", "said"),
    [
        (b"PK\x03\x04", "not an Excel workbook: a zip file without a workbook in it; save it from your spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "this is an old Excel workbook (.xls), which is not read: save it as"),
    ],
)
def test_a_file_that_is_no_workbook_read_is_named_for_what_it_is_with_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, start: bytes, said: str
) -> None:
    """A zip that holds no workbook, or an old .xls, given as a self-evaluation: exit 2, saying to save it as .xlsx."""
    workbook = tmp_path / "self-evaluation.xlsx"
    if start.startswith(b"PK"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
        workbook.write_bytes(buffer.getvalue())
    else:
        workbook.write_bytes(start + b"\x00" * 512)
    for command in (["validate", str(workbook)], ["assess", str(workbook), "--school", "s", "--date", "2026-11-02"]):
        code, out, err = _run(capsys, *command)
        assert (code, out) == (2, "")
        assert said in err
        assert "Invalid JSON" not in err


def test_a_workbook_given_for_a_plan_says_to_save_it_as_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Only a self-evaluation is read from a workbook: a plan's actions given as one are refused, saying what to do."""
    plan = tmp_path / "plan.json"
    plan.write_text(_example_plan(), encoding="utf-8")  # Example Primary School 22's, from the example set
    actions = tmp_path / "actions.xlsx"
    actions.write_bytes(b"PK\x03\x04" + b"\x00" * 512)
    code, out, err = _run(capsys, "actions", str(plan), "--from", str(actions))
    assert (code, out) == (2, "")
    assert "which is read only as a self-evaluation: save it as 'CSV UTF-8 (comma delimited)'" in err


def _example_plan() -> str:
    lines = (LOCAL_AUTHORITY / "decisions.jsonl").read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if json.loads(line)["kind"] == "development-plan")


def _commands() -> dict[str, argparse.ArgumentParser]:
    """Each command's own parser, by name."""
    parser = build_parser()
    for action in parser._actions:  # noqa: SLF001 (argparse has no public way to reach its subparsers)
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    raise AssertionError("no commands")


@pytest.mark.parametrize("name", sorted(_commands()))
def test_help_shows_every_options_default(name: str) -> None:
    """Every option with a default says it in the command's help, once."""
    sub = _commands()[name]
    text = sub.format_help()
    for action in sub._actions:  # noqa: SLF001 (each option as the parser holds it)
        if action.default in (None, False, argparse.SUPPRESS, []) or not action.option_strings:
            continue
        shown = sub._get_formatter()._get_help_string(action)  # noqa: SLF001 (the help line as written)
        assert shown is not None, (name, action.dest)
        assert "default" in shown, (name, action.dest)
        assert shown.count("default") == 1, (name, action.dest)
    assert "usage: school-improvement " + name in text


@pytest.mark.parametrize(
    "arguments",
    [
        ["--lang", "cy", "assess", str(EXAMPLE)],
        ["next-steps", str(EXAMPLE), "--choose", "nonsense"],
    ],
)
def test_a_usage_error_shows_the_commands_own_usage(capsys: pytest.CaptureFixture[str], arguments: list[str]) -> None:
    """A mistake in a command's options is followed by that command's usage, not the whole program's."""
    code, _, err = _run(capsys, *arguments)
    name = next(argument for argument in arguments if not argument.startswith("-") and argument != "cy")
    assert code == 2
    assert f"usage: school-improvement {name}" in err


def test_a_workbook_s_heading_problem_is_listed_with_every_other(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A date typed as text in the heading does not hide the problems below it: all are listed at once, by cell."""

    def change(book: openpyxl.Workbook) -> None:
        book["Ratings"]["B2"] = "03/09/2026"
        book["Ratings"][f"E{rating_row('PV.1.1')}"] = "mostly-ish"
        book["Evidence"]["A2"], book["Evidence"]["B2"], book["Evidence"]["C2"] = "PV.1.1", "data", "04/09/2026"

    workbook = tmp_path / "hunanwerthuso.xlsx"
    workbook.write_bytes(edit(xlsx_template(load_framework(), school="ysgol-enghraifft"), change))
    code, out, err = _run(capsys, "validate", str(workbook))
    assert (code, out) == (2, "")
    places = [line.split(":", 1)[0].strip() for line in err.splitlines()[1:]]
    assert places == ["Ratings!B2", f"Ratings!E{rating_row('PV.1.1')}", "Evidence!C2"]


def test_a_file_named_as_a_workbook_that_is_not_one_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A CSV file given the name .xlsx is refused as not a workbook, not misread as JSON."""
    workbook = tmp_path / "hunanwerthuso.xlsx"
    workbook.write_text("code,aspect,stage,descriptor,rating\n", encoding="utf-8")
    code, out, err = _run(capsys, "validate", str(workbook))
    assert (code, out) == (2, "")
    assert "file: not an Excel workbook: the file is text (a CSV file?)" in err
    assert "JSON" not in err


@pytest.mark.parametrize("path", ["school", "/school/"])
def test_serve_s_root_path_must_be_a_path(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--root-path is where a reverse proxy serves the service: a path from /, refused otherwise before serving."""
    code, out, err = _run(capsys, "serve", "--root-path", path)
    assert (code, out) == (2, "")
    assert f"{path!r} is not a path to serve under: begin it with / and end it without one" in err


def test_a_workbook_and_the_options_that_disagree_are_said_at_its_cells(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--school and --date that differ from the workbook's own are each a problem at its cell, read in one pass."""
    workbook = tmp_path / "hunanwerthuso.xlsx"
    workbook.write_bytes(xlsx_template(load_framework(), school="ysgol-enghraifft", date=datetime.date(2026, 11, 2)))
    code, out, err = _run(capsys, "assess", str(workbook), "--school", "ysgol-arall", "--date", "2026-11-03")
    assert (code, out) == (2, "")
    assert err.splitlines()[1:] == [
        (
            "  Ratings!B1: the workbook gives the school as 'ysgol-enghraifft', and 'ysgol-arall' is given with it: "
            "give the school in one place, or make the two agree"
        ),
        (
            "  Ratings!B2: the workbook gives the date as '2026-11-02', and '2026-11-03' is given with it: give the "
            "date in one place, or make the two agree"
        ),
    ]

"""Options given before the command apply to it or are refused; --version; a workbook is named for what it is."""

import io
import zipfile
from pathlib import Path

import pytest

from helpers import EXAMPLE
from school_improvement._cli.parser import main


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


@pytest.mark.parametrize("start", [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_a_workbook_is_named_for_what_it_is_with_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, start: bytes
) -> None:
    """An .xlsx (a zip) or .xls file given for a CSV or JSON: exit 2, saying to save it as CSV UTF-8."""
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
        assert "save it as 'CSV UTF-8 (comma delimited)'" in err
        assert "Invalid JSON" not in err

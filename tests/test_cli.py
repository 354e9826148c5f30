"""The command line prints the overview, and refuses bad input without a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

from school_improvement.__main__ import main


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "school_improvement", *arguments],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )


def test_overview_runs_as_a_module() -> None:
    """``python -m school_improvement`` prints the overview and exits 0."""
    result = _run()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("School improvement journeys (estyn-school-improvement-journeys/2026.1)")
    assert "  4. Sustaining high standards" in result.stdout
    assert "  PV  Using pupil voice  [1/1/1/1]" in result.stdout
    assert "not endorsed by Estyn or Welsh Government" in result.stdout


def test_welsh_overview_marks_fallbacks(capsys: pytest.CaptureFixture[str]) -> None:
    """In Welsh, stage names are Welsh and English fallbacks are marked."""
    assert main(["--lang", "cy"]) == 0
    out = capsys.readouterr().out
    assert "  1. dechrau'r daith" in out
    assert "  SV  Strategic vision [English: no Welsh in the sources]" in out
    assert "  presenoldeb" in out


def test_bad_framework_file_exits_2_without_traceback(tmp_path: Path) -> None:
    """A malformed edition file gives one clear message per problem on stderr and exit code 2."""
    path = tmp_path / "mine.json"
    path.write_text('{"format": 1, "stages": 3}', encoding="utf-8")
    result = _run("--framework", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
    assert "$.stages: expected a list, not int" in result.stderr
    assert "$.provenance: required field missing" in result.stderr


def test_bad_argument_exits_2() -> None:
    """An unknown language is a usage error."""
    result = _run("--lang", "fr")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    """With --debug the error's traceback is shown, for whoever is debugging."""
    result = _run("--framework", str(tmp_path / "missing.json"), "--debug")
    assert result.returncode == 1
    assert "FrameworkError" in result.stderr
    assert "Traceback" in result.stderr

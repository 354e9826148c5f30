"""The report command: every option it takes changes the report, none is ignored."""

import json
import re
from pathlib import Path

import pytest

from helpers import EXAMPLE
from school_improvement._cli.parser import main

WARNED = (
    f"school-improvement: warning: {EXAMPLE}: $.data.ratings[6].evidence: FC.3.1 is rated 'fully' with no evidence, "
    "so it counts as not rated\n"
)
"""The one warning the example earns, on purpose: a rating given with no evidence."""


def _report(capsys: pytest.CaptureFixture[str], *options: str) -> str:
    """The Markdown report of the example self-evaluation (Ysgol Enghraifft, a fictional school), with ``options``.

    It is aged at the example's own date unless the options give another, so it does not change with the calendar.
    """
    dated = options if "--as-of" in options else (*options, "--as-of", "2026-11-02")
    code = main(["report", *dated, "--format", "markdown", "-o", "-", str(EXAMPLE)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == WARNED
    return captured.out


def _priorities(report: str) -> list[str]:
    """The priorities' aspects, in rank order, from the next steps' headings (``1. Aspect: from A to B``)."""
    steps = report.split("\n## Priorities and next steps\n", 1)[1].split("\n## ", 1)[0]
    return [heading.split(": from ")[0] for heading in re.findall(r"^### \d+\. (.*)$", steps, flags=re.MULTILINE)]


def _planned(report: str) -> list[str]:
    """The plan's priorities, in order."""
    return re.findall(r"^### Priority \d+: (.*)$", report, flags=re.MULTILINE)


def _pupil_voice_row(report: str) -> tuple[str, str]:
    """Using pupil voice's stage and target, from its row of the stage profile."""
    profile = report.split("\n## Stage profile\n", 1)[1].split("\n## ", 1)[0]
    header = next(line for line in profile.splitlines() if line.startswith("| Aspect |"))
    (row,) = [line for line in profile.splitlines() if line.startswith("| Using pupil voice |")]
    cells = dict(zip(_cells(header), _cells(row), strict=True))
    return cells["Stage the evidence gives"], cells["Target"]


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table's row, trimmed."""
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def test_max_priorities_1_shows_exactly_one_priority(capsys: pytest.CaptureFixture[str]) -> None:
    """--max-priorities 1 leaves one priority in the next steps and in the plan, and names the one left out."""
    default = _report(capsys)
    assert _priorities(default) == ["Family and community engagement", "Using pupil voice"]
    assert _planned(default) == _priorities(default)
    one = _report(capsys, "--max-priorities", "1")
    assert _priorities(one) == ["Family and community engagement"]
    assert _planned(one) == ["Family and community engagement"]
    assert "Also open, left out to keep the priorities few: PV." in one


def test_rule_judges_by_the_rule_given(capsys: pytest.CaptureFixture[str]) -> None:
    """--rule secure-fit judges by secure fit: the report names it, and "mostly" no longer reaches Making progress."""
    default = _report(capsys)
    assert "judged by the cumulative rule" in default
    assert _pupil_voice_row(default) == ("Making progress", "Building momentum")
    secure = _report(capsys, "--rule", "secure-fit")
    assert "judged by the secure-fit rule" in secure
    assert _pupil_voice_row(secure) == ("Starting the journey", "Making progress")


@pytest.mark.parametrize("target", ["PV=sustaining-high-standards", "PV=4"])
def test_target_sets_the_aspects_target(target: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--target PV=... moves Using pupil voice's target from the next stage to the stage given, by name or number."""
    assert _pupil_voice_row(_report(capsys)) == ("Making progress", "Building momentum")
    aimed = _report(capsys, "--target", target)
    assert _pupil_voice_row(aimed) == ("Making progress", "Sustaining high standards")
    assert "Using pupil voice: Making progress now, aiming for Sustaining high standards (2 stages on)." in aimed


def test_priority_puts_the_schools_own_priority_first(capsys: pytest.CaptureFixture[str]) -> None:
    """--priority PV ranks Using pupil voice first, saying the school chose it."""
    default = _report(capsys)
    assert "The school has chosen it as a priority." not in default
    chosen = _report(capsys, "--priority", "PV")
    assert _priorities(chosen) == ["Using pupil voice", "Family and community engagement"]
    assert _planned(chosen)[0] == "Using pupil voice"
    first = chosen.split("### 1. Using pupil voice", 1)[1].split("\n### ", 1)[0]
    assert "\n- The school has chosen it as a priority.\n" in first


def test_report_without_output_writes_a_file_named_for_the_school_and_says_where(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As demo does: the HTML report goes to SCHOOL-report.html in the current folder, and the command says so."""
    monkeypatch.chdir(tmp_path)
    code = main(["report", str(EXAMPLE), "--as-of", "2026-11-02"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out == (
        "Assessed 1 self-evaluation of ysgol-enghraifft (the latest of 2026-11-02) and wrote the report to "
        "ysgol-enghraifft-report.html.\nStages are developmental, not grades. Not endorsed by Estyn or Welsh "
        "Government.\n"
    )
    assert (tmp_path / "ysgol-enghraifft-report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["report", str(EXAMPLE), "--format", "markdown", "--as-of", "2026-11-02"]) == 0
    assert "wrote the report to ysgol-enghraifft-report.md, replacing" not in capsys.readouterr().out
    assert (tmp_path / "ysgol-enghraifft-report.md").read_text(encoding="utf-8").startswith("# ")


def test_report_says_when_it_replaces_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run again, the report replaces the one written before, and says so rather than replace it silently."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.md").write_text("an older report", encoding="utf-8")
    assert main(["report", str(EXAMPLE), "--format", "markdown", "-o", "mine.md", "--as-of", "2026-11-02"]) == 0
    assert "wrote the report to mine.md, replacing the file that was there." in capsys.readouterr().out
    assert (tmp_path / "mine.md").read_text(encoding="utf-8").startswith("# Self-evaluation report")


def test_report_to_standard_output_with_a_dash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-o -`` writes the report itself to standard output, and no file."""
    monkeypatch.chdir(tmp_path)
    assert _report(capsys).startswith("# Self-evaluation report: ysgol-enghraifft")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("school", "file"),
    [("Ysgol Gŵyr", "ysgol-gŵyr-report.md"), ("w/101 (north)", "w-101-north-report.md"), ("…", "school-report.md")],
)
def test_the_reports_file_is_named_from_the_schools_reference(
    school: str, file: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name is the school's reference in lower case, each run of other characters a hyphen; never a path."""
    monkeypatch.chdir(tmp_path)
    payload = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    payload["data"]["school"] = school
    (tmp_path / "evaluation.json").write_text(json.dumps(payload), encoding="utf-8")
    assert main(["report", "evaluation.json", "--format", "markdown", "--as-of", "2026-11-02"]) == 0
    assert f"wrote the report to {file}." in capsys.readouterr().out
    assert (tmp_path / file).is_file()

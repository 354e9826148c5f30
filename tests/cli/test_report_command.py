"""The report command: every option it takes changes the report, none is ignored."""

import re

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
    """The priorities' headings, in rank order, from the next steps."""
    steps = report.split("\n## Priorities and next steps\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^### \d+\. (.*)$", steps, flags=re.MULTILINE)


def _planned(report: str) -> list[str]:
    """The plan's priorities, in order."""
    return re.findall(r"^### Priority \d+: (.*)$", report, flags=re.MULTILINE)


def _pupil_voice_row(report: str) -> str:
    """Using pupil voice's row of the stage profile."""
    (row,) = [line for line in report.splitlines() if line.startswith("| Using pupil voice |")]
    return row


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
    assert _pupil_voice_row(default) == "| Using pupil voice | Making progress | Building momentum |"
    secure = _report(capsys, "--rule", "secure-fit")
    assert "judged by the secure-fit rule" in secure
    assert _pupil_voice_row(secure) == "| Using pupil voice | Starting the journey | Making progress |"


@pytest.mark.parametrize("target", ["PV=sustaining-high-standards", "PV=4"])
def test_target_sets_the_aspects_target(target: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--target PV=... moves Using pupil voice's target from the next stage to the stage given, by name or number."""
    assert _pupil_voice_row(_report(capsys)) == "| Using pupil voice | Making progress | Building momentum |"
    aimed = _report(capsys, "--target", target)
    assert _pupil_voice_row(aimed) == "| Using pupil voice | Making progress | Sustaining high standards |"
    assert "Using pupil voice: Making progress now, aiming for Sustaining high standards (2 stages on)." in aimed


def test_priority_puts_the_schools_own_priority_first(capsys: pytest.CaptureFixture[str]) -> None:
    """--priority PV ranks Using pupil voice first, saying the school chose it."""
    default = _report(capsys)
    assert "the school has chosen it as a priority" not in default
    chosen = _report(capsys, "--priority", "PV")
    assert _priorities(chosen) == ["Using pupil voice", "Family and community engagement"]
    assert _planned(chosen)[0] == "Using pupil voice"
    assert "### 1. Using pupil voice\n\n- " in chosen
    assert "\n- the school has chosen it as a priority\n" in chosen

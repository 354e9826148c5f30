"""Every script in examples/ runs and prints what it promises."""

import subprocess
import sys
from pathlib import Path

from helpers import EXAMPLES


def test_assess_example_school() -> None:
    """The example assesses the fictional school and prints its judgements, findings and attribution."""
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "assess_example_school.py")],
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    out = result.stdout
    assert "Stage profile of ysgol-enghraifft (a fictional school), 2026-11-02, rule: cumulative" in out
    assert "Using pupil voice: Making progress reached" in out
    assert "The school's own judgement: Building momentum." in out
    assert "[warning] FC.3.1 is rated 'fully' with no evidence" in out
    assert "not endorsed by Estyn or Welsh Government" in out


def test_every_example_has_a_test() -> None:
    """Each example script is named in this file, so none goes untested."""
    source = Path(__file__).read_text(encoding="utf-8")
    for script in EXAMPLES.glob("*.py"):
        assert script.name in source, script.name

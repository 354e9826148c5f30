"""Every measure the benchmark prints is in the performance page's table, so the page cannot fall behind."""

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]


def _measures() -> set[str]:
    """The names the benchmark's modules report, read from their ``_report`` calls."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "benchmarks").glob("*.py"))
    return set(re.findall(r'_report\(\s*"([a-z0-9_]+)"', text))


def test_the_benchmark_reports_its_measures() -> None:
    """The reading of the benchmark finds its measures (the check below would pass on none)."""
    assert {"import_first_use", "match_vs_ortools_1500", "service_time_per_request"} <= _measures()


def test_every_measure_is_on_the_performance_page() -> None:
    """Each measure's name appears, in code, in the table of docs/explanation/performance.md."""
    page = (ROOT / "docs" / "explanation" / "performance.md").read_text(encoding="utf-8")
    table = "\n".join(line for line in page.splitlines() if line.startswith("| `"))
    missing = sorted(name for name in _measures() if f"`{name}`" not in table)
    assert not missing, f"measures missing from the performance page's table: {missing}"

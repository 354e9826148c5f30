"""Measure speed against baselines taken in the same run.

Prints one line per measure:

    BENCH <name> <value> <unit> ratio=<r> budget=<b> ok|over

where the ratio compares the measure with its baseline, measured in the same
run on the same machine. Exits 1 if any measure is over its budget.

Run with the interpreter of the environment the package is installed in:

    python benchmarks/run.py
"""

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

RUNS = 21


def _process_seconds(code: str) -> float:
    """The wall time of a fresh interpreter running ``code``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def _interleaved(codes: list[str], runs: int = RUNS) -> list[float]:
    """The best wall time of each snippet, run in turn so drift affects all alike (the least noisy estimate)."""
    times: list[list[float]] = [[] for _ in codes]
    for _ in range(runs):
        for place, code in enumerate(codes):
            times[place].append(_process_seconds(code))
    return [min(series) for series in times]


def _in_process(code: str) -> float:
    """Seconds taken by ``code``'s timed part, reported by a fresh interpreter."""
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(result.stdout)


def _report(name: str, value: float, unit: str, ratio: float, budget: float) -> bool:
    within = ratio <= budget
    print(f"BENCH {name} {value:.4g} {unit} ratio={ratio:.3g} budget={budget:g} {'ok' if within else 'over'}")
    return within


def import_and_load() -> list[bool]:
    """Import time, first load and cached load of the framework, against importing attrs and cattrs."""
    baseline, package = _interleaved(["import attrs, cattrs", "import school_improvement"])
    first_load = statistics.median(
        _in_process(
            "import time, school_improvement as s\n"
            "t = time.perf_counter(); s.load_framework(); print(time.perf_counter() - t)"
        )
        for _ in range(7)
    )
    cached = _in_process(
        "import time, school_improvement as s\n"
        "s.load_framework()\n"
        "t = time.perf_counter()\n"
        "for _ in range(100_000): s.load_framework()\n"
        "print((time.perf_counter() - t) / 100_000)"
    )
    return [
        _report("import_package", package * 1e3, "ms", package / baseline, 1.3),
        _report("load_framework_first", first_load * 1e3, "ms", first_load / baseline, 1.0),
        _report("load_framework_cached", cached * 1e6, "us", cached / first_load, 0.001),
    ]


MEASURES: list[Callable[[], list[bool]]] = [import_and_load]


def main() -> int:
    """Run every measure and return 1 if any is over budget."""
    results = [ok for measure in MEASURES for ok in measure()]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())

"""How the time grows with the number of schools: the figures behind the performance page.

Takes the drawn schools of ``synthetic.py`` through the cycle (assess, check
the evidence, find the gaps, recommend) and matches a survey of the same size,
for a small local authority, a large one, Wales and a system the size of
England's, and prints the seconds each took (the best of a few runs; one for
the largest). It sets no budget: ``run.py`` does that.

    python benchmarks/scaling.py
"""

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the benchmark's own modules, beside it

import floors
import run
import synthetic

from school_improvement import Framework, SelfEvaluation, load_framework, match_schools

SIZES = (
    ("a small local authority", 50, 50),
    ("a large local authority", 150, 150),
    ("Wales", 1500, 68),
    ("a system the size of England's", 25_000, 165),
)
"""Who, how many schools, and how many schools in each of their local authorities."""


def main() -> None:
    """Print the time of the cycle and of the matching at each size."""
    framework = load_framework()
    print(f"{'who':<32} {'schools':>8} {'cycle s':>9} {'per school ms':>14} {'matching s':>11}")
    for who, count, per_authority in SIZES:
        schools = synthetic.schools(framework, count, seed=count)
        survey = run._synthetic_survey(framework, count, per_authority, seed=count)  # noqa: SLF001 (the benchmark's own)
        runs = 1 if count > 5000 else 3
        cycle = _best(runs, _cycle_all, framework, schools)
        matching = _best(runs, match_schools, framework, survey)
        print(f"{who:<32} {count:>8,} {cycle:>9.3f} {cycle / count * 1e3:>14.3f} {matching:>11.3f}")


def _cycle_all(framework: Framework, schools: list[SelfEvaluation]) -> None:
    for school in schools:
        floors.library_cycle(framework, school)


def _best(runs: int, work: Callable[..., object], *arguments: object) -> float:
    """The best of ``runs`` timings of ``work(*arguments)``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work(*arguments)
        times.append(time.perf_counter() - start)
    return min(times)


if __name__ == "__main__":
    main()

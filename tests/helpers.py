"""Small builders shared by the tests: the one way to build a self-evaluation, a rule of one's own, the examples."""

import contextlib
import datetime
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from school_improvement import (
    CellRatings,
    CumulativeThreshold,
    Decision,
    DescriptorRating,
    Evidence,
    EvidenceKind,
    ProfessionalJudgement,
    Rating,
    SelfEvaluation,
    load_framework,
)

FRAMEWORK = load_framework()
EVALUATION_DATE = datetime.date(2026, 11, 1)
TRIANGULATED = (
    Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 10, 1)),
    Evidence(EvidenceKind.STAFF_VIEWS, datetime.date(2026, 10, 2)),
)
"""Two kinds of evidence, learner voice among them: enough for any one rating."""

TESTS = Path(__file__).resolve().parent
"""The tests' folder, wherever the test module that asks sits in it."""
ROOT = TESTS.parent
"""The repository's root."""
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "ysgol-enghraifft.self-evaluation.json"
"""The example self-evaluation of Ysgol Enghraifft, a fictional school."""
LOCAL_AUTHORITY = EXAMPLES / "local-authority"
"""The example register of thirty fictional schools and their self-evaluations."""

Rated = tuple[str, Rating] | tuple[str, Rating, tuple[Evidence, ...]]
"""A rating as the tests write it: (code, rating), or (code, rating, evidence) for evidence of its own."""


def evaluation_of(
    *ratings: Rated,
    evidence: tuple[Evidence, ...] = TRIANGULATED,
    school: str = "example-school",
    date: datetime.date = EVALUATION_DATE,
    judgements: Iterable[ProfessionalJudgement] = (),
) -> SelfEvaluation:
    """A self-evaluation of the bundled edition with these ratings, in this order.

    A (code, rating) pair rests on ``evidence``; a (code, rating, evidence)
    triple on the evidence it gives (``()`` for none).
    """
    rated = []
    for given in ratings:
        if len(given) == 3:
            code, rating, own = given
            rated.append(DescriptorRating(code, rating, own))
        else:
            code, rating = given
            rated.append(DescriptorRating(code, rating, evidence))
    return SelfEvaluation(school, date, FRAMEWORK.edition_id, tuple(rated), tuple(judgements))


@attrs.frozen
class OwnRule:
    """A stage rule of a user's own, written as a downstream user would: cumulative at the threshold it declares."""

    threshold: Rating = Rating.PARTLY
    name: str = "our-own"
    comparison_only: bool = False

    def parameters(self) -> tuple[tuple[str, str], ...]:
        """The threshold."""
        return (("threshold", self.threshold.value),)

    def criterion(self) -> str:
        """What it takes to reach a stage."""
        return f"every applicable descriptor rated at least '{self.threshold.value}', there and below"

    def decide(self, cells: Sequence[CellRatings]) -> Decision:
        """The highest stage that it and every stage below it meet the threshold."""
        return CumulativeThreshold(self.threshold).decide(cells)


@contextlib.contextmanager
def pipe_offering(folder: Path, size: int) -> Iterator[tuple[Path, Callable[[], int]]]:
    """A named pipe in ``folder`` offering ``size`` bytes of spaces to whoever reads it.

    Yields its path and a function giving how many bytes the reader took (up to what the pipe holds), once the
    ``with`` block is left: a reader that stops at its limit leaves the rest untaken.
    """
    path = folder / "offered.json"
    os.mkfifo(path)
    taken = [0]

    def offer() -> None:
        chunk = b" " * 65_536
        with path.open("wb", buffering=0) as pipe:  # waits for a reader
            try:
                while taken[0] < size:
                    taken[0] += pipe.write(chunk) or 0
            except BrokenPipeError:  # the reader stopped and closed the pipe
                pass

    writer = threading.Thread(target=offer, daemon=True)
    writer.start()
    try:
        yield path, lambda: taken[0]
    finally:
        if writer.is_alive():  # a reader never came, or stopped without closing: open and close it for the writer
            os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(timeout=30)

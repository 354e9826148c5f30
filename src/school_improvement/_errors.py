"""The library's exceptions: one base class, and one subclass per kind of failure."""

from collections import Counter
from collections.abc import Iterable

import attrs


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where it is.

    Attributes:
        path: Where the problem is, as a JSON path into the input (``$`` is the
            whole document), for example ``$.descriptors[3].code``.
        message: What is wrong, in words a school data manager can act on.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class SchoolImprovementError(Exception):
    """The base class of every error this library raises on purpose."""


class InputError(SchoolImprovementError):
    """Input is malformed or does not fit: every problem found, each with its JSON path.

    Nothing is partly loaded or applied when this is raised.

    Attributes:
        source: The file, resource or school the input came from.
        problems: Every problem found, each with its JSON path.
    """

    what = "input"

    def __init__(self, source: str, problems: "tuple[Problem, ...] | list[Problem]") -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{source}: {count} {noun} in {self.what}:\n{lines}")


class FrameworkError(InputError):
    """Framework content (an edition or a mapping file) is malformed or inconsistent."""

    what = "framework content"


class SelfEvaluationError(InputError):
    """A self-evaluation does not fit the framework it is assessed against."""

    what = "the self-evaluation"


class PayloadError(InputError):
    """A JSON payload (or a spreadsheet of one) is malformed, too large, or does not fit its kind."""

    what = "the payload"


class AnalysisError(InputError):
    """Inputs to an analysis do not belong together: another school's profile, unknown targets, mixed editions."""

    what = "the inputs to the analysis"


class SelfEvaluationWarning(UserWarning):
    """Something in a self-evaluation that loads but will not count as its author may expect.

    A rating given with no evidence, for one, counts as not rated.

    Attributes:
        source: The file, resource or school the input came from.
        problems: Each thing noticed, with its JSON path.
    """

    def __init__(self, source: str, problems: "tuple[Problem, ...] | list[Problem]") -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{source}: {len(self.problems)} to look at:\n{lines}")


class UnknownCodeError(SchoolImprovementError, LookupError):
    """A code (of an aspect, descriptor, factor, priority or stage) is not in the framework.

    Attributes:
        kind: What kind of thing was looked up, for example ``"descriptor"``.
        code: The code that was not found.
    """

    def __init__(self, kind: str, code: object) -> None:
        self.kind = kind
        self.code = code
        super().__init__(f"no {kind} with code {code!r} in this framework edition")

    def __str__(self) -> str:
        # LookupError would otherwise show the message in quotes, like a KeyError.
        return str(self.args[0])


class MissingExtraError(SchoolImprovementError, ImportError):
    """A feature needs an optional extra that is not installed, such as ``server`` or ``xlsx``.

    Attributes:
        feature: What was asked for, such as ``"the HTTP service"``.
        extra: The extra that provides it, such as ``"server"``.
    """

    def __init__(self, feature: str, extra: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(f"{feature} needs the {extra!r} extra: pip install 'school-improvement[{extra}]'")


def repeated(path: str, what: str, codes: Iterable[object]) -> list[Problem]:
    """A problem for each value used more than once, at ``path``."""
    counts = Counter(codes)
    return [Problem(path, f"{what} {code!r} is used more than once") for code, n in counts.items() if n > 1]

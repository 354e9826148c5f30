"""What the commands read: files and standard input, and the self-evaluations in them, checked against the options.

A self-evaluation is a .json payload, an .xlsx workbook or a .csv spreadsheet. The school and the date the options
give describe it: a spreadsheet that does not say them takes them; a file that does must agree.
"""

import argparse
import datetime
import sys
from collections.abc import Sequence

from school_improvement._assessment.evidence import SelfEvaluation
from school_improvement._content.framework import Framework
from school_improvement._content.loading import load_framework, read_framework
from school_improvement._errors import PayloadError, Problem, SchoolImprovementError
from school_improvement._files import read_bytes, read_file_lines, read_lines, read_stream
from school_improvement._interchange.inputs import load_self_evaluation
from school_improvement._interchange.spreadsheet import read_csv_heading, read_self_evaluation_csv
from school_improvement._interchange.workbook import read_self_evaluation_xlsx
from school_improvement._limits import MAX_CSV_BYTES, MAX_PAYLOAD_BYTES, MAX_SET_PAYLOADS


class UsageError(SchoolImprovementError):
    """A command-line argument is wrong.

    Attributes:
        at: The option (``--target``) or the file given that the mistake is about.
    """

    def __init__(self, message: str, *, at: str) -> None:
        super().__init__(message)
        self.at = at


def name(path: str) -> str:
    """What a source is called in messages: its path, or "standard input" for ``-``."""
    return "standard input" if path == "-" else path


def given(arguments: argparse.Namespace, *options: str) -> list[str]:
    """Those of ``options`` (as typed, ``--as-of``) that were given on the command line, in that order."""
    noted: frozenset[str] = getattr(arguments, "given", frozenset())
    return [option for option in options if option.removeprefix("--").replace("-", "_") in noted]


def only_with(arguments: argparse.Namespace, options: Sequence[str], *, holds: bool, needs: str) -> None:
    """Refuse any of ``options`` given where it would do nothing: unless ``holds``, what ``needs`` says.

    ``needs`` says where the options belong, as it ends "it goes only ...": ``with --self-evaluation``.

    Raises:
        UsageError: Naming the options given, and where they belong.
    """
    found = given(arguments, *options)
    if found and not holds:
        one = len(found) == 1
        msg = (
            f"{', '.join(found)} {'does' if one else 'do'} nothing here: {'it goes' if one else 'they go'} only {needs}"
        )
        raise UsageError(msg, at=found[0])


def read_input(path: str, most: int, *, workbook: bool = False) -> bytes:
    """A file's bytes, or standard input's for ``-``: never more than ``most`` and one byte past it.

    ``workbook``: a self-evaluation is read, which may be an Excel workbook (.xlsx).

    Raises:
        PayloadError: If the file cannot be read, or is too large.
        UsageError: If it is a spreadsheet workbook where none is read, or one of a kind never read (.xls).
    """

    def fail(problems: list[Problem]) -> Exception:
        return PayloadError(name(path), problems)

    raw = read_stream(sys.stdin.buffer, fail, most) if path == "-" else read_bytes(path, fail, most)
    if workbook and raw.startswith(_OLD_WORKBOOK):
        msg = (
            f"{name(path)}: this is an old Excel workbook (.xls), which is not read: save it as an Excel workbook "
            "(.xlsx) in your spreadsheet program, and give that file"
        )
        raise UsageError(msg, at=path)
    if not workbook and raw.startswith((_ZIP, _OLD_WORKBOOK)):
        msg = (
            f"{name(path)}: this is a spreadsheet workbook (such as .xlsx or .ods), which is read only as a "
            "self-evaluation: save it as 'CSV UTF-8 (comma delimited)' in your spreadsheet program, and give that file"
        )
        raise UsageError(msg, at=path)
    return raw


_ZIP = b"PK\x03\x04"
"""How a zip archive begins: an Excel workbook (.xlsx), or another kind (.ods, .numbers)."""
_OLD_WORKBOOK = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an old compound file begins: an Excel 97-2003 workbook (.xls)."""


def read_numbered_lines(source: str) -> list[tuple[int, bytes]]:
    """The numbered lines of a JSON Lines file, or of standard input for ``-``, each within the payload limit."""

    def fail(problems: list[Problem]) -> Exception:
        return PayloadError(name(source), problems)

    if source == "-":
        return read_lines(sys.stdin.buffer, fail, MAX_PAYLOAD_BYTES, MAX_SET_PAYLOADS)
    return read_file_lines(source, fail, MAX_PAYLOAD_BYTES, MAX_SET_PAYLOADS)


def framework_of(arguments: argparse.Namespace) -> Framework:
    """The framework edition the options give, or the bundled one."""
    return read_framework(arguments.framework) if arguments.framework else load_framework()


def is_workbook(raw: bytes) -> bool:
    """Whether a file's bytes are a workbook's (a zip archive), whatever its name, to be read as a self-evaluation."""
    return raw.startswith(_ZIP)


def is_spreadsheet(path: str) -> bool:
    """Whether a self-evaluation's file is a spreadsheet (.xlsx or .csv), not a JSON payload."""
    return path.lower().endswith((".csv", ".xlsx"))


def self_evaluation(
    framework: Framework,
    path: str,
    school: str | None,
    date: datetime.date | None,
    raw: bytes | None = None,
) -> SelfEvaluation:
    """A self-evaluation from a .json payload or a .csv spreadsheet, described by --school and --date where given.

    A spreadsheet that does not say its school or date takes them from the options; a file that says them must
    agree with the options given.

    Args:
        framework: The edition to read it against.
        path: The file, or ``-`` for standard input.
        school: The school --school gives, or ``None``.
        date: The date --date gives for this file, or ``None``.
        raw: The file's bytes, when already read.

    Raises:
        UsageError: If the file and the options disagree, or a spreadsheet's school or date is given nowhere.
        InputError: Listing every problem in the file.
    """
    if raw is None:
        raw = read_input(path, MAX_CSV_BYTES if is_spreadsheet(path) else MAX_PAYLOAD_BYTES, workbook=True)
    # By what it is, not its name (a workbook given on standard input too); a file named .xlsx is read as one, and
    # if it is not, it is refused as not a workbook rather than misread as JSON.
    workbook = is_workbook(raw) or path.lower().endswith(".xlsx")
    if not workbook and not path.lower().endswith(".csv"):
        evaluation = load_self_evaluation(raw, framework=framework, name=name(path))
        _agree(path, evaluation.school, evaluation.date, school, date)
        return evaluation
    if workbook:  # the reader checks the school and date given against the workbook's, with every other problem
        return read_self_evaluation_xlsx(raw, framework, school=school, date=date, name=name(path))
    heading = read_csv_heading(raw, name=name(path))
    _agree(path, heading.school, heading.date, school, date)
    missing = [
        option
        for option, own, option_given in (("--school", heading.school, school), ("--date", heading.date, date))
        if own is None and option_given is None
    ]
    if missing:
        both = " and ".join(option.removeprefix("--") for option in missing)
        msg = (
            f"{name(path)}: the spreadsheet does not say its {both}: give {' and '.join(missing)}, or write "
            f"{'them' if len(missing) == 2 else 'it'} in the file's own rows above the header, as "
            "'template --format csv --school ... --date ...' does"
        )
        raise UsageError(msg, at=missing[0])
    return read_self_evaluation_csv(raw, framework, school=school, date=date, name=name(path))


def _agree(
    path: str,
    school: str | None,
    date: datetime.date | None,
    given_school: str | None,
    given_date: datetime.date | None,
) -> None:
    """Refuse a school or date that the file gives and the options give differently, naming both."""
    for option, own, option_given in (("--school", school, given_school), ("--date", date, given_date)):
        if own is not None and option_given is not None and own != option_given:
            label = option.removeprefix("--")
            msg = (
                f"{name(path)}: the file gives the {label} as {str(own)!r}, and {option} gives {str(option_given)!r}: "
                f"make them agree, or leave {option} out"
            )
            raise UsageError(msg, at=option)


def dates_of(arguments: argparse.Namespace, paths: Sequence[str]) -> list[datetime.date | None]:
    """The date --date gives each file, in order: one --date for each file, or none.

    Raises:
        UsageError: If --date is given, but not once for each file.
    """
    dates: datetime.date | list[datetime.date] | None = getattr(arguments, "date", None)
    if dates is None:
        return [None] * len(paths)
    if not isinstance(dates, list):
        return [dates] * len(paths)
    if len(dates) != len(paths):
        msg = (
            f"--date is given {_times(len(dates))} for {len(paths)} files: give it once for each file, in the order "
            "of the files, or leave it out where each file says its own date"
        )
        raise UsageError(msg, at="--date")
    return list(dates)


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def self_evaluations(framework: Framework, paths: Sequence[str], arguments: argparse.Namespace) -> list[SelfEvaluation]:
    """The self-evaluations in the files, each with the school and its own date the options give.

    Raises:
        UsageError: If standard input is given twice, the dates given do not pair with the files, or a file and
            the options disagree.
        InputError: Listing every problem in a file.
    """
    if list(paths).count("-") > 1:
        msg = "standard input (-) can be read once: give it as one file only"
        raise UsageError(msg, at="-")
    school = getattr(arguments, "school", None)
    return [
        self_evaluation(framework, path, school, date)
        for path, date in zip(paths, dates_of(arguments, paths), strict=True)
    ]


def given_self_evaluation(framework: Framework, arguments: argparse.Namespace, school: str) -> SelfEvaluation | None:
    """The self-evaluation given with --self-evaluation, which must be of ``school``; ``None`` when none is given.

    Raises:
        UsageError: If it is of another school, or it and the options disagree.
        InputError: Listing every problem in it.
    """
    path: str | None = getattr(arguments, "self_evaluation", None)
    if path is None:
        return None
    evaluation = self_evaluation(framework, path, arguments.school, arguments.date)
    if evaluation.school != school:
        msg = f"{name(path)}: the self-evaluation is of {evaluation.school!r}, not {school!r}"
        raise UsageError(msg, at="--self-evaluation")
    return evaluation

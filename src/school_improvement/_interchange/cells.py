"""What spreadsheets write, read one way: rows under a header, dates in either form, a place by row and column."""

import csv
import datetime
import io
import re
from collections import Counter

from school_improvement._dates import iso_date
from school_improvement._errors import PayloadError, Problem

_SEPARATORS = ",;\t"
"""What spreadsheets put between cells: commas, or semicolons where the comma is the decimal mark, or tabs."""

_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
"""A date as UK spreadsheets write it: DD/MM/YYYY, with or without leading zeros."""


def spreadsheet_date(text: str) -> datetime.date:
    """The date in a cell: ``YYYY-MM-DD``, or ``DD/MM/YYYY`` as UK spreadsheets write it.

    Raises:
        ValueError: If the text is neither, or names a day the calendar lacks.

    Examples:
        >>> from school_improvement._interchange.cells import spreadsheet_date
        >>> spreadsheet_date("3/9/2026"), spreadsheet_date("2026-09-03")
        (datetime.date(2026, 9, 3), datetime.date(2026, 9, 3))
    """
    uk = _UK_DATE.fullmatch(text)
    if uk:
        day, month, year = (int(part) for part in uk.groups())
        return datetime.date(year, month, day)
    return iso_date(text)


def not_a_date(text: str) -> str:
    """What is wrong with a cell that should hold a date and does not."""
    return f"{text!r} is not a date: use YYYY-MM-DD or DD/MM/YYYY"


def cell(row: int, column: str) -> str:
    """A problem's place in a spreadsheet: ``row 3, column rating`` (row 1 is the header)."""
    return f"row {row}, column {column}"


def _letter(index: int) -> str:
    """A column's letter as spreadsheets show it: A for the first, Z, then AA."""
    letters = ""
    index += 1
    while index:
        index, left = divmod(index - 1, 26)
        letters = chr(ord("A") + left) + letters
    return letters


Rows = list[tuple[int, dict[str, str]]]
"""Rows as read: each with its number in the spreadsheet (the header is row 1) and its cells by column."""


def spreadsheet_rows(text: str, name: str, columns: tuple[str, ...], most: int) -> tuple[Rows, list[Problem]]:
    r"""The rows under the header, each cell trimmed, and a problem for anything written outside ``columns``.

    The separator is the one of comma, semicolon and tab the header row uses
    most, and cells are quoted with double quotes, as spreadsheets write
    them; the header's names are the columns, in any order. Rows are
    numbered as the spreadsheet numbers them, blank rows included; a cell
    missing from the end of a row is blank. Every column in ``columns`` must
    be in the header, once. Anything written in another column, or past the
    header's last column, is a problem at its place, so that nothing written
    is dropped without a word.

    Raises:
        PayloadError: If the header lacks a column or names one twice, the
            text stops being CSV (a quoted cell never closed, say), or there
            are more than ``most`` rows.

    Examples:
        >>> from school_improvement._interchange.cells import spreadsheet_rows
        >>> rows, problems = spreadsheet_rows("code;note;\n1; Da iawn ;\n2;;yes", "s.csv", ("code", "note"), 10)
        >>> rows
        [(2, {'code': '1', 'note': 'Da iawn'}), (3, {'code': '2', 'note': ''})]
        >>> [str(problem) for problem in problems]
        ['row 3, column C: not a column that is read: move what it holds, or clear it']
    """
    separator = max(_SEPARATORS, key=text.partition("\n")[0].count)
    reader = csv.reader(io.StringIO(text), dialect="excel", delimiter=separator, strict=True)
    rows: Rows = []
    number = 0  # the last row read
    try:
        header = [column.strip() for column in next(reader, [])]
        number = 1
        missing = [column for column in columns if column not in header]
        twice = [column for column, count in Counter(header).items() if count > 1 and column in columns]
        problems = [Problem("row 1", f"the header lacks the column(s): {', '.join(missing)}")] if missing else []
        problems += [Problem("row 1", f"the column {column!r} is named twice") for column in twice]
        if problems:
            raise PayloadError(name, problems)
        places = {column: header.index(column) for column in columns}
        unread: dict[int, int] = {}
        for number, cells in enumerate(reader, start=2):
            if number > most + 1:
                raise PayloadError(name, [Problem(f"row {number}", f"more than {most:,} rows")])
            trimmed = [value.strip() for value in cells]
            trimmed += [""] * (len(header) - len(trimmed))
            rows.append((number, {column: trimmed[at] for column, at in places.items()}))
            for at, value in enumerate(trimmed):
                if value and (at >= len(header) or header[at] not in places):
                    unread.setdefault(at, number)
    except csv.Error as error:
        message = f"not read as CSV from line {reader.line_num} of the file: {error}"
        raise PayloadError(name, [Problem(f"row {number + 1}", message)]) from None
    message = "not a column that is read: move what it holds, or clear it"
    return rows, [
        Problem(cell(unread[at], header[at] if at < len(header) and header[at] else _letter(at)), message)
        for at in sorted(unread)
    ]

"""The spreadsheet template: a blank self-evaluation as CSV, filled in a spreadsheet and read back."""

import csv
import datetime
import io
import re

import attrs

from school_improvement._assessment.checked import self_evaluation_problems
from school_improvement._assessment.evidence import DescriptorRating, Evidence, EvidenceKind, Rating, SelfEvaluation
from school_improvement._content.framework import Framework
from school_improvement._csv import decode_csv
from school_improvement._errors import PayloadError, Problem
from school_improvement._interchange.cells import _letter, cell, not_a_date, spreadsheet_date
from school_improvement._limits import MAX_CSV_BYTES, MAX_CSV_ROWS, MAX_NAME

COLUMNS = ("code", "aspect", "stage", "descriptor", "rating", "evidence_kinds", "evidence_date", "notes")
"""The template's columns. ``aspect``, ``stage`` and ``descriptor`` are for the reader; the rest are read back."""
_READ_BACK = ("code", "rating", "evidence_kinds", "evidence_date", "notes")
HEADING = ("school", "date")
"""The rows a template may have above its header: each a label in column A and its value in column B."""

_RATINGS = {rating.value: rating for rating in Rating} | {rating.value.replace("-", " "): rating for rating in Rating}
_KINDS = {kind.value: kind for kind in EvidenceKind} | {kind.label: kind for kind in EvidenceKind}
_SEPARATORS = ",;\t"
"""What spreadsheets put between cells: commas, or semicolons where the comma is the decimal mark, or tabs."""
_NOT_READ = "not a column that is read: move what it holds, or clear it"


def csv_template(framework: Framework, *, school: str | None = None, date: datetime.date | None = None) -> str:
    """A blank self-evaluation: one row per descriptor, in source order, to fill in a spreadsheet.

    Fill in ``rating`` (not yet, partly, mostly, fully, or not applicable),
    ``evidence_kinds`` (one or more kinds, separated by semicolons, such as
    ``learner voice; lesson observation``), ``evidence_date`` (YYYY-MM-DD, or
    DD/MM/YYYY as UK spreadsheets write it) and ``notes``. Leave ``rating``
    blank for a descriptor not yet rated. Notes are about the school: never
    pupils' personal data.

    Given a ``school`` or a ``date``, the template says whose self-evaluation
    it is and when, in two rows above the header (``school`` and the school's
    reference, ``date`` and the date; one not given is left blank, to fill
    in), and is read back without them.

    Args:
        framework: The edition whose descriptors the template lists.
        school: The school's reference, to write into the file.
        date: The self-evaluation's date, to write into the file.

    Returns:
        The CSV text, with Windows line ends, as spreadsheets write it.

    Examples:
        >>> import datetime
        >>> from school_improvement import csv_template, load_framework
        >>> print(csv_template(load_framework()).splitlines()[1])
        SV.1.1,Strategic vision,Starting the journey,Establish a vision for pupils' learning and wellbeing.,,,,
        >>> when = datetime.date(2026, 11, 2)
        >>> for line in csv_template(load_framework(), school="ysgol-enghraifft", date=when).splitlines()[:3]:
        ...     print(line)
        school,ysgol-enghraifft
        date,2026-11-02
        code,aspect,stage,descriptor,rating,evidence_kinds,evidence_date,notes
    """
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    if school is not None or date is not None:
        writer.writerow(["school", school or ""])
        writer.writerow(["date", "" if date is None else date.isoformat()])
    writer.writerow(COLUMNS)
    for descriptor in framework.descriptors:
        aspect = framework.aspect(descriptor.aspect).title.en
        stage = framework.stage_name(descriptor.stage).en
        writer.writerow([descriptor.code, aspect, stage, descriptor.full_text, "", "", "", ""])
    return out.getvalue()


@attrs.frozen
class CsvHeading:
    """What a filled-in template says above its header: whose self-evaluation it is, and when.

    Attributes:
        school: The school's reference, or ``None`` where the file gives none.
        date: The self-evaluation's date, or ``None`` where the file gives none.
        places: Where each value given is, by its label: ``(("school", "row 1, column B"),)``.
    """

    school: str | None = None
    date: datetime.date | None = None
    places: tuple[tuple[str, str], ...] = ()

    def place(self, label: str) -> str:
        """Where the file gives the value of ``label`` (``school`` or ``date``); ``row 1`` where it gives none."""
        return dict(self.places).get(label, "row 1")


@attrs.frozen
class _Sheet:
    """A template as read: its heading, the rows under its header by number, and what is written but not read."""

    heading: CsvHeading
    blank: tuple[tuple[str, str], ...]
    """Where a heading row leaves its value blank, by its label: ``(("date", "row 2, column B"),)``."""
    heading_problems: tuple[Problem, ...]
    """What is wrong in the rows above the header."""
    rows: tuple[tuple[int, dict[str, str]], ...]
    problems: tuple[Problem, ...]
    """What is written under the header, in a column that is not read."""


def _is_heading(line: str) -> bool:
    """Whether a line of the file is a heading row: a label of ``HEADING`` in its first cell."""
    start = line.lstrip().lstrip('"').lower()
    return any(
        start.startswith(label) and start[len(label) : len(label) + 1] in {*_SEPARATORS, '"', "\r", ""}
        for label in HEADING
    )


def _separator(text: str) -> str:
    """The one of comma, semicolon and tab that the header row uses most: the first row not blank nor a heading."""
    header = next((line for line in text.split("\n") if line.strip() and not _is_heading(line)), "")
    return max(_SEPARATORS, key=header.count)


class _Reading:
    """The rows of a template in the order the spreadsheet numbers them, and what each says."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.header: list[str] | None = None
        self.header_row = 0
        self.given: dict[str, tuple[int, str]] = {}
        self.rows: list[tuple[int, dict[str, str]]] = []
        self.unread: dict[int, int] = {}
        """Each column written in but not read, by its place, with the first row it is written in."""
        self.heading_problems: list[Problem] = []

    def take(self, number: int, cells: list[str]) -> None:
        """Read one row: a heading row, the header, or a row under it."""
        trimmed = [value.strip() for value in cells]
        if self.header is None:
            label = trimmed[0].lower() if trimmed else ""
            if label in HEADING:
                self._heading_row(number, label, trimmed)
            elif any(trimmed):
                self._header(number, trimmed)
            return
        if number - self.header_row > MAX_CSV_ROWS:
            raise PayloadError(self.name, [Problem(f"row {number}", f"more than {MAX_CSV_ROWS:,} rows")])
        header = self.header
        trimmed += [""] * (len(header) - len(trimmed))
        self.rows.append((number, {column: trimmed[header.index(column)] for column in _READ_BACK}))
        for at, value in enumerate(trimmed):
            if value and (at >= len(header) or header[at] not in COLUMNS):
                self.unread.setdefault(at, number)

    def _heading_row(self, number: int, label: str, cells: list[str]) -> None:
        if label in self.given:
            message = f"the {label} is given twice (first in row {self.given[label][0]}): give it once"
            self.heading_problems.append(Problem(cell(number, "A"), message))
            return
        self.given[label] = (number, cells[1] if len(cells) > 1 else "")
        self.heading_problems += [
            Problem(cell(number, _letter(at)), f"not read: the {label} row gives the {label} in column B alone")
            for at, value in enumerate(cells[2:], start=2)
            if value
        ]

    def _header(self, number: int, header: list[str]) -> None:
        missing = [column for column in _READ_BACK if column not in header]
        twice = [column for column in COLUMNS if header.count(column) > 1]
        problems = (
            [Problem(f"row {number}", f"the header lacks the column(s): {', '.join(missing)}")] if missing else []
        )
        problems += [Problem(f"row {number}", f"the column {column!r} is named twice") for column in twice]
        if problems:
            raise PayloadError(self.name, problems)
        self.header, self.header_row = header, number

    def sheet(self, last: int) -> _Sheet:
        """What was read, once every row is."""
        if self.header is None:
            self._header(max(last, 1), [])
        header = self.header or []
        unread = [
            Problem(cell(row, header[at] if at < len(header) and header[at] else _letter(at)), _NOT_READ)
            for at, row in sorted(self.unread.items())
        ]
        problems = self.heading_problems
        given = {label: (number, value) for label, (number, value) in self.given.items() if value}
        blank = tuple((label, cell(number, "B")) for label, (number, value) in self.given.items() if not value)
        school, date = None, None
        if "school" in given:
            number, school = given["school"]
            if len(school) > MAX_NAME:
                message = f"the school's reference is {len(school):,} characters; the most is {MAX_NAME:,}"
                problems.append(Problem(cell(number, "B"), message))
        if "date" in given:
            number, text = given["date"]
            try:
                date = spreadsheet_date(text)
            except ValueError:
                problems.append(Problem(cell(number, "B"), not_a_date(text)))
        places = tuple((label, cell(number, "B")) for label, (number, _) in given.items())
        heading = CsvHeading(school, date, places)
        return _Sheet(heading, blank, tuple(problems), tuple(self.rows), tuple(unread))


def _read_sheet(source: str | bytes, name: str) -> _Sheet:
    """A template's heading and rows, as its spreadsheet numbers them (blank rows too).

    Above the header only a school row and a date row are read; the header is
    the first other row that is not blank, its columns in any order. Anything
    written in a column that is not read back, other than the template's own
    ``aspect``, ``stage`` and ``descriptor``, is a problem at its place, so
    that nothing written is dropped without a word.

    Raises:
        PayloadError: If the file is too large or not UTF-8, the header lacks
            a column or names one twice, the text stops being CSV, or there are
            more than ``MAX_CSV_ROWS`` rows under the header.
    """
    text = decode_csv(source, name, MAX_CSV_BYTES)
    reader = csv.reader(io.StringIO(text), dialect="excel", delimiter=_separator(text), strict=True)
    reading = _Reading(name)
    number = 0  # the last row read
    try:
        for number, cells in enumerate(reader, start=1):
            reading.take(number, cells)
    except csv.Error as error:
        message = f"not read as CSV from line {reader.line_num} of the file: {error}"
        raise PayloadError(name, [Problem(f"row {number + 1}", message)]) from None
    return reading.sheet(number)


def read_csv_heading(source: str | bytes, *, name: str = "<spreadsheet>") -> CsvHeading:
    """What a filled-in template says above its header: the school and the date, where it gives them.

    Raises:
        PayloadError: If the file cannot be read as a template, or the heading
            itself is wrong (a date that is not a date, say); the rows under
            the header are checked by [`read_self_evaluation_csv`][school_improvement.read_self_evaluation_csv].
    """
    sheet = _read_sheet(source, name)
    if sheet.heading_problems:
        raise PayloadError(name, sheet.heading_problems)
    return sheet.heading


_FILLED_IN = ("rating", "evidence_kinds", "evidence_date", "notes")
"""The columns a school fills in: a row with none of them filled is not rated."""


def _misplaced(value: str) -> str:
    """A hint when a rating word stands in another column."""
    return f"; {value!r} is a rating: put it in the rating column" if value.lower() in _RATINGS else ""


def _rating(row: dict[str, str], number: int, problems: list[Problem]) -> DescriptorRating | None:
    code, given = row.get("code", ""), row.get("rating", "").lower()
    if not given:
        filled = [column for column in _FILLED_IN[1:] if row.get(column)]
        if filled:
            hint = "".join(_misplaced(row[column]) for column in filled)
            verb = "is" if len(filled) == 1 else "are"
            message = f"no rating, though {', '.join(filled)} {verb} filled in: give a rating, or clear the row{hint}"
            problems.append(Problem(cell(number, "rating"), message))
        return None
    rating = _RATINGS.get(given)
    if rating is None:
        message = f"{given!r} is not a rating: use not yet, partly, mostly, fully or not applicable"
        problems.append(Problem(cell(number, "rating"), message))
        return None
    kinds: list[EvidenceKind] = []
    for part in filter(None, (p.strip().lower() for p in row.get("evidence_kinds", "").split(";"))):
        kind = _KINDS.get(part)
        if kind is None:
            message = f"{part!r} is not a kind of evidence{_misplaced(part)}"
            problems.append(Problem(cell(number, "evidence_kinds"), message))
        else:
            kinds.append(kind)
    when = row.get("evidence_date", "")
    evidence_date = None
    if when:
        try:
            evidence_date = spreadsheet_date(when)
        except ValueError:
            message = f"{not_a_date(when)}{_misplaced(when)}"
            problems.append(Problem(cell(number, "evidence_date"), message))
    elif kinds:
        problems.append(Problem(cell(number, "evidence_date"), "give the date the evidence was gathered"))
    note = row.get("notes") or None
    evidence = () if evidence_date is None else tuple(Evidence(kind, evidence_date, note) for kind in kinds)
    return DescriptorRating(code, rating, evidence)


def _settled(sheet: _Sheet, school: str | None, date: datetime.date | None) -> list[Problem]:
    """A problem for the school or date the file gives that differs from the one given with it, or given nowhere."""
    problems = []
    heading, blank = sheet.heading, dict(sheet.blank)
    for label, own, given in (("school", heading.school, school), ("date", heading.date, date)):
        if own is not None and given is not None and own != given:
            message = (
                f"the file gives the {label} as {str(own)!r}, and {str(given)!r} is given with it: give the {label} in "
                "one place, or make the two agree"
            )
            problems.append(Problem(heading.place(label), message))
        elif given is None and label in blank:
            problems.append(Problem(blank[label], f"the {label} is blank: fill it in"))
        elif own is None and given is None and label not in dict(heading.places):
            message = (
                f"no {label} is given: write it in a row above the header, '{label}' in column A and the {label} in "
                "column B, as the template does when it is given one"
            )
            problems.append(Problem("row 1", message))
    return problems


def read_self_evaluation_csv(
    source: str | bytes,
    framework: Framework,
    *,
    school: str | None = None,
    date: datetime.date | None = None,
    name: str = "<spreadsheet>",
) -> SelfEvaluation:
    r"""Read a filled-in template back as a self-evaluation, with the same checks as any input.

    Reads UTF-8 with or without a byte-order mark, with commas, semicolons or
    tabs as spreadsheets write them; Welsh letters are kept. A row left blank
    is not rated; a row with evidence, a date or a note but no rating is an
    error, and so is anything written in a column that is not read, so nothing
    written in the spreadsheet is dropped without a word.

    The school and the date are the file's own, in the rows above its header
    (see [`csv_template`][school_improvement.csv_template]); a file without
    them is read with those given here. Given both ways, they must agree.

    Args:
        source: The CSV text or bytes.
        framework: The edition the template was made from.
        school: The school's reference, for a file that does not give it.
        date: The date of the self-evaluation, for a file that does not give it.
        name: The file's name, used in the error.

    Raises:
        PayloadError: Listing every problem, each naming its row and column;
            nothing is loaded.

    Examples:
        >>> import datetime
        >>> from school_improvement import csv_template, load_framework, read_self_evaluation_csv
        >>> framework = load_framework()
        >>> header = "code,rating,evidence_kinds,evidence_date,notes"
        >>> row = "PV.1.1,mostly,learner voice; staff views,14/10/2026,Cyngor ysgol: trafodaeth"
        >>> filled = "\r\n".join(["school,ysgol-enghraifft", "date,02/11/2026", header, row])
        >>> evaluation = read_self_evaluation_csv(filled, framework)
        >>> evaluation.school, evaluation.date
        ('ysgol-enghraifft', datetime.date(2026, 11, 2))
        >>> rating = evaluation.ratings[0]
        >>> rating.descriptor, rating.rating.value, [e.kind.value for e in rating.evidence], rating.evidence[0].date
        ('PV.1.1', 'mostly', ['learner-voice', 'staff-views'], datetime.date(2026, 10, 14))
        >>> unheaded = "\r\n".join([header, row])
        >>> when = datetime.date(2026, 11, 2)
        >>> read_self_evaluation_csv(unheaded, framework, school="ysgol-enghraifft", date=when) == evaluation
        True
    """
    sheet = _read_sheet(source, name)
    problems = [*sheet.heading_problems, *_settled(sheet, school, date), *sheet.problems]
    ratings: list[DescriptorRating] = []
    seen: dict[str, int] = {}
    for number, row in sheet.rows:
        code = row["code"]
        if not framework.has_descriptor(code):
            if code or any(row[column] for column in _FILLED_IN):
                problems.append(Problem(cell(number, "code"), f"no descriptor has the code {code!r}"))
            continue
        if code in seen and any(row[column] for column in _FILLED_IN):
            problems.append(Problem(cell(number, "code"), f"{code} is rated again (first in row {seen[code]})"))
            continue
        rating = _rating(row, number, problems)
        if rating is not None:
            seen[code] = number
            ratings.append(rating)
    school, date = sheet.heading.school or school, sheet.heading.date or date
    if school is None or date is None:  # said among the problems
        raise PayloadError(name, _in_order(problems))
    evaluation = SelfEvaluation(school, date, framework.edition_id, tuple(ratings))
    rows_of = {rating.descriptor: seen[rating.descriptor] for rating in ratings}
    for problem in self_evaluation_problems(framework, evaluation):
        match = re.match(r"^\$\.ratings\[(\d+)\]", problem.path)
        at = rows_of[ratings[int(match.group(1))].descriptor] if match else 1
        problems.append(Problem(cell(at, "evidence_date"), problem.message))
    if problems:
        raise PayloadError(name, _in_order(problems))
    return evaluation


def _in_order(problems: list[Problem]) -> list[Problem]:
    """The problems by their row, as the spreadsheet shows them."""
    return sorted(problems, key=lambda problem: int(re.findall(r"\d+", problem.path)[0]))

"""The Excel workbook: a self-evaluation to fill in with drop-down lists and real dates, read back cell by cell.

The workbook has four sheets. *Instructions* says how to fill it in, in plain
English. *Ratings* gives the school and the date once, at the top, and then
one row per descriptor, grouped by aspect and stage in source order, with a
drop-down list for the rating. *Evidence* has a row per piece of evidence,
naming its descriptor by a drop-down list of codes, so that a descriptor may
have as many pieces as it needs. *Judgements* has a row per aspect for the
school's own judgement of its stage, with the rationale. Everything but the
cells to fill in is locked by sheet protection, without a password.

The Excel support is the optional ``xlsx`` extra (openpyxl), imported only when
a workbook is written or read.
"""

import copy
import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from school_improvement._assessment.checked import self_evaluation_problems
from school_improvement._assessment.evidence import (
    DescriptorRating,
    Evidence,
    EvidenceKind,
    ProfessionalJudgement,
    Rating,
    SelfEvaluation,
)
from school_improvement._content.framework import Framework
from school_improvement._dates import ISO_DATE, iso_date
from school_improvement._errors import MissingExtraError, PayloadError, Problem
from school_improvement._files import read_bytes
from school_improvement._interchange.cells import _letter
from school_improvement._limits import (
    MAX_CSV_BYTES,
    MAX_EVIDENCE_PER_RATING,
    MAX_NAME,
    MAX_TEXT,
    MAX_WORKBOOK_ROWS,
    MAX_WORKBOOK_UNPACKED,
)
from school_improvement._stage import Stage
from school_improvement._text import WelshProvenance

if TYPE_CHECKING:
    import os

    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

INSTRUCTIONS, RATINGS, EVIDENCE, JUDGEMENTS = "Instructions", "Ratings", "Evidence", "Judgements"
"""The sheets, in the workbook's order."""
SCHOOL_CELL, DATE_CELL, EDITION_CELL = "B1", "B2", "B3"
"""Where the Ratings sheet gives the school, the date and the framework edition, each beside its label."""
_HEADING = (("School", SCHOOL_CELL), ("Date", DATE_CELL), ("Edition", EDITION_CELL))
RATINGS_HEADER = ("Code", "Aspect", "Stage", "Descriptor", "Rating")
"""The Ratings sheet's header, in row 4; the descriptors follow from row 5, the rating in column E."""
EVIDENCE_HEADER = ("Descriptor code", "Kind of evidence", "Date gathered", "Note", "Reference")
"""The Evidence sheet's header, in row 1; a piece of evidence on each row below."""
JUDGEMENTS_HEADER = ("Aspect code", "Aspect", "Stage the school judges", "Rationale")
"""The Judgements sheet's header, in row 1; an aspect on each row below."""
_RATINGS_HEADER_ROW = 4
_FIRST_RATING_ROW = _RATINGS_HEADER_ROW + 1
EVIDENCE_ROWS = 500
"""The rows the template sets out for evidence (five for each descriptor on average); any one descriptor may have up
to ``MAX_EVIDENCE_PER_RATING`` of them."""
NONE_YET = "none yet"
"""The judgement of an aspect that the school judges has reached no stage yet."""
_UNPACKED = "The workbook"
_STAMP = datetime.datetime(2000, 1, 1)  # noqa: DTZ001 (a fixed stamp, naive as openpyxl writes it)

_RATINGS = {rating.value: rating for rating in Rating} | {rating.value.replace("-", " "): rating for rating in Rating}
_RATING_WORDS = tuple(rating.value.replace("-", " ") for rating in Rating)
_KINDS = {kind.value: kind for kind in EvidenceKind} | {kind.label.lower(): kind for kind in EvidenceKind}
_SLASHED = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}", re.ASCII)
"""A date written as text with slashes or dots, whose order of day and month cannot be told."""
_YEAR_FIRST = re.compile(r"\d{4}[/.]\d{1,2}[/.]\d{1,2}", re.ASCII)
"""A date written as text year first, with slashes or dots: its order can be told, but it is not the form read."""
_WIDTHS = {
    RATINGS: (12, 30, 22, 80, 16),
    EVIDENCE: (16, 28, 16, 60, 40),
    JUDGEMENTS: (12, 40, 26, 80),
}
_INPUT_FILL = "FFF2CC"
"""The background of a cell to fill in (pale yellow); the instructions say so in words too."""
_HEADER_FILL = "D9D9D9"


def _require() -> None:
    """Nothing, where openpyxl is installed; the error that names the extra to install, where it is not."""
    try:
        import openpyxl  # noqa: F401, PLC0415 (the optional extra: imported only when a workbook is asked for)
    except ImportError:
        raise MissingExtraError("the Excel workbook", "xlsx") from None


# Writing


def xlsx_template(framework: Framework, *, school: str | None = None, date: datetime.date | None = None) -> bytes:
    """A blank self-evaluation as an Excel workbook, for a school to fill in without breaking it.

    The Ratings sheet lists every descriptor in source order, locked, with a
    drop-down list for its rating; the Evidence sheet takes a row per piece of
    evidence, each naming its descriptor, its kind (from a list), the date it
    was gathered (a real date cell), a note and a reference; the Judgements
    sheet takes the school's own judgement of each aspect's stage, with the
    rationale. The school and the date are written once, at the top of the
    Ratings sheet: given here, they are filled in; not given, left blank to
    fill in. The Instructions sheet says all this in plain English, with the
    stage names in Welsh where the framework's data gives them.

    The same framework and arguments give the same bytes.

    Args:
        framework: The edition whose descriptors the workbook lists.
        school: The school's reference, to write in.
        date: The self-evaluation's date, to write in.

    Returns:
        The workbook, as the bytes of an ``.xlsx`` file.

    Raises:
        MissingExtraError: If openpyxl (the ``xlsx`` extra) is not installed.

    Examples:
        >>> import datetime, io
        >>> import openpyxl
        >>> from school_improvement import load_framework, xlsx_template
        >>> made = xlsx_template(load_framework(), school="ysgol-enghraifft", date=datetime.date(2026, 11, 2))
        >>> book = openpyxl.load_workbook(io.BytesIO(made))
        >>> book.sheetnames
        ['Instructions', 'Ratings', 'Evidence', 'Judgements']
        >>> ratings = book["Ratings"]
        >>> ratings["B1"].value, ratings["B2"].value.date()
        ('ysgol-enghraifft', datetime.date(2026, 11, 2))
        >>> [cell.value for cell in ratings[4]]
        ['Code', 'Aspect', 'Stage', 'Descriptor', 'Rating']
        >>> [cell.value for cell in ratings[5]][:3], ratings["E5"].protection.locked
        (['SV.1.1', 'Strategic vision', 'Starting the journey'], False)
    """
    _require()
    from openpyxl import Workbook  # noqa: PLC0415 (the optional extra)

    book = Workbook()
    instructions = book.active
    assert instructions is not None  # noqa: S101 (a new workbook has its one sheet active)
    instructions.title = INSTRUCTIONS
    _write_instructions(instructions, framework)
    _write_ratings(book.create_sheet(RATINGS), framework, school, date)
    _write_evidence(book.create_sheet(EVIDENCE))
    _write_judgements(book.create_sheet(JUDGEMENTS), framework)
    book.properties.creator = "school-improvement"
    book.properties.title = f"Self-evaluation: {framework.provenance.title}"
    out = io.BytesIO()
    book.save(out)
    return _steady(out.getvalue())


def _steady(made: bytes) -> bytes:
    """The workbook's bytes with no clock in them: each part stamped 1980-01-01, and the document's dates fixed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(made)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as steady:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                stamp = _STAMP.isoformat() + "Z"
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            steady.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _styles() -> dict[str, Any]:
    """The few styles the workbook uses, by what they are for."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection  # noqa: PLC0415 (the optional extra)

    return {
        "header": Font(bold=True),
        "header_fill": PatternFill("solid", fgColor=_HEADER_FILL),
        "input_fill": PatternFill("solid", fgColor=_INPUT_FILL),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "top": Alignment(vertical="top"),
        "unlocked": Protection(locked=False),
        "title": Font(bold=True, size=14),
    }


def _protect(sheet: "Worksheet", widths: tuple[int, ...], header_row: int) -> None:
    """Lock the sheet (no password), keep its header in view and on every printed page, and set its columns' widths."""
    for at, width in enumerate(widths):
        sheet.column_dimensions[_letter(at)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]  # set on every new sheet
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False  # allowed: a school may widen a column or a row to read it
    protection.formatRows = False


def _header(sheet: "Worksheet", row: int, labels: tuple[str, ...], styles: dict[str, Any]) -> None:
    for at, label in enumerate(labels, start=1):
        cell = sheet.cell(row, at, label)
        cell.font = styles["header"]
        cell.fill = styles["header_fill"]
        cell.alignment = styles["wrap"]


def _to_fill(cell: Any, styles: dict[str, Any], *, wrap: bool = False) -> None:  # noqa: ANN401 (an openpyxl cell)
    """Make a cell one to fill in: unlocked, and shaded as such."""
    cell.protection = styles["unlocked"]
    cell.fill = styles["input_fill"]
    cell.alignment = styles["wrap"] if wrap else styles["top"]


def _height(texts: list[tuple[str, int]]) -> float:
    """A row's height in points that shows the whole of each wrapped text in its column's width."""
    lines = 1
    for text, width in texts:
        lines = max(lines, sum(-(-max(len(line), 1) // max(width - 2, 1)) for line in text.split("\n")))
    return 15.0 * lines


def _validation(sheet: "Worksheet", cells: str, **options: Any) -> None:  # noqa: ANN401 (openpyxl's own options)
    """A data validation on ``cells``, showing its prompt and refusing anything else with its error."""
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415 (the optional extra)

    validation = DataValidation(allow_blank=True, showInputMessage=True, showErrorMessage=True, **options)
    validation.add(cells)
    sheet.add_data_validation(validation)


def _list_validation(sheet: "Worksheet", cells: str, choices: str, what: str) -> None:
    _validation(
        sheet,
        cells,
        type="list",
        formula1=choices,
        promptTitle=what.capitalize()[:32],
        prompt=f"Choose the {what} from the list.",
        errorTitle=f"Not a {what}"[:32],
        error=f"Choose the {what} from the list (the arrow beside the cell).",
    )


def _date_validation(sheet: "Worksheet", cells: str, what: str) -> None:
    _validation(
        sheet,
        cells,
        type="date",
        operator="between",
        formula1=str(_serial(datetime.date(2000, 1, 1))),
        formula2=str(_serial(datetime.date(2099, 12, 31))),
        promptTitle="A date",
        prompt=f"Type the {what}, for example 2026-10-14, or as your spreadsheet shows dates.",
        errorTitle="Not a date",
        error=f"Type the {what} as a date between 2000 and 2099, for example 2026-10-14.",
    )


def _text_validation(sheet: "Worksheet", cells: str, most: int, prompt: str) -> None:
    _validation(
        sheet,
        cells,
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(most),
        promptTitle="Text",
        prompt=prompt,
        errorTitle="Too long",
        error=f"Keep it to {most:,} characters at most.",
    )


def _serial(day: datetime.date) -> int:
    """A date as spreadsheets count days (1900 date system)."""
    return (day - datetime.date(1899, 12, 30)).days


def _write_ratings(sheet: "Worksheet", framework: Framework, school: str | None, date: datetime.date | None) -> None:
    styles = _styles()
    for row, (label, _) in enumerate(_HEADING, start=1):
        sheet.cell(row, 1, label).font = styles["header"]
    school_cell = sheet[SCHOOL_CELL]
    school_cell.value = school
    _to_fill(school_cell, styles)
    _text_validation(sheet, SCHOOL_CELL, MAX_NAME, "The school's reference, as your local authority knows it.")
    date_cell = sheet[DATE_CELL]
    date_cell.value = date
    date_cell.number_format = "yyyy-mm-dd"
    _to_fill(date_cell, styles)
    _date_validation(sheet, DATE_CELL, "date of the self-evaluation")
    sheet[EDITION_CELL].value = framework.edition_id
    _header(sheet, _RATINGS_HEADER_ROW, RATINGS_HEADER, styles)
    widths = _WIDTHS[RATINGS]
    row = _FIRST_RATING_ROW
    for row, descriptor in enumerate(framework.descriptors, start=_FIRST_RATING_ROW):
        values = (
            descriptor.code,
            framework.aspect(descriptor.aspect).title.en,
            framework.stage_name(descriptor.stage).en,
            descriptor.full_text,
        )
        for at, value in enumerate(values, start=1):
            sheet.cell(row, at, value).alignment = styles["wrap"]
        _to_fill(sheet.cell(row, 5), styles)
        sheet.row_dimensions[row].height = _height([(values[1], widths[1]), (values[3], widths[3])])
    _list_validation(sheet, f"E{_FIRST_RATING_ROW}:E{row}", '"' + ",".join(_RATING_WORDS) + '"', "rating")
    _protect(sheet, widths, _RATINGS_HEADER_ROW)


def _write_evidence(sheet: "Worksheet") -> None:
    styles = _styles()
    _header(sheet, 1, EVIDENCE_HEADER, styles)
    last = EVIDENCE_ROWS + 1
    first: list[Any] = [sheet.cell(2, at) for at in range(1, len(EVIDENCE_HEADER) + 1)]
    for at, cell in enumerate(first, start=1):
        _to_fill(cell, styles, wrap=at > 3)
    first[2].number_format = "yyyy-mm-dd"
    for row in range(3, last + 1):  # the first row's styles, copied: far faster than setting each again
        for at, cell in enumerate(first, start=1):
            target: Any = sheet.cell(row, at)
            target._style = copy.copy(cell._style)  # noqa: SLF001 (openpyxl's way to copy a style)
    codes = f"{RATINGS}!$A${_FIRST_RATING_ROW}:$A${_FIRST_RATING_ROW + 999}"
    _list_validation(sheet, f"A2:A{last}", codes, "descriptor code")
    kinds = '"' + ",".join(kind.label for kind in EvidenceKind) + '"'
    _list_validation(sheet, f"B2:B{last}", kinds, "kind of evidence")
    _date_validation(sheet, f"C2:C{last}", "date the evidence was gathered")
    _text_validation(sheet, f"D2:D{last}", MAX_TEXT, "What the evidence shows, briefly. Never pupils' personal data.")
    _text_validation(sheet, f"E2:E{last}", MAX_TEXT, "Where to find it: a document's name or a folder, say.")
    _protect(sheet, _WIDTHS[EVIDENCE], 1)


def _write_judgements(sheet: "Worksheet", framework: Framework) -> None:
    styles = _styles()
    _header(sheet, 1, JUDGEMENTS_HEADER, styles)
    widths = _WIDTHS[JUDGEMENTS]
    row = 2
    for row, aspect in enumerate(framework.aspects, start=2):
        sheet.cell(row, 1, aspect.code).alignment = styles["wrap"]
        sheet.cell(row, 2, aspect.title.en).alignment = styles["wrap"]
        _to_fill(sheet.cell(row, 3), styles)
        _to_fill(sheet.cell(row, 4), styles, wrap=True)
        sheet.row_dimensions[row].height = max(_height([(aspect.title.en, widths[1])]), 45.0)
    stages = '"' + ",".join([*(framework.stage_name(stage).en for stage in Stage), NONE_YET]) + '"'
    _list_validation(sheet, f"C2:C{row}", stages, "stage")
    _text_validation(sheet, f"D2:D{row}", MAX_TEXT, "Why, in the school's words.")
    _protect(sheet, widths, 1)


def _instructions(framework: Framework) -> Iterator[tuple[str, str]]:
    """The Instructions sheet's paragraphs, each with its style: ``title``, ``heading`` or plain text."""
    provenance = framework.provenance
    yield "title", f"Self-evaluation: {provenance.title}"
    yield (
        "",
        (
            f"This workbook is a school's own self-evaluation against the framework edition {framework.edition_id}. "
            "Fill it in, save it as an Excel workbook (.xlsx), and give it to the school-improvement command line or "
            "library, which reads it back and checks it. Every problem it finds is named by its sheet and cell, "
            "such as Ratings!E12."
        ),
    )
    yield "heading", "How to fill it in"
    yield (
        "",
        (
            f"1. On the Ratings sheet, write the school's reference in cell {SCHOOL_CELL} and the date of the "
            f"self-evaluation in cell {DATE_CELL}. Leave the edition in {EDITION_CELL} as it is."
        ),
    )
    yield (
        "",
        (
            "2. For each descriptor the school has evidence on, choose a rating in column E: "
            f"{', '.join(_RATING_WORDS[:-1])} or {_RATING_WORDS[-1]}. Leave the rating blank for a descriptor not yet "
            "rated. A descriptor marked not applicable leaves the counts."
        ),
    )
    yield (
        "",
        (
            "3. On the Evidence sheet, give each piece of evidence a row of its own: the descriptor's code (from the "
            "list), the kind of evidence (from the list), the date it was gathered, a note of what it shows, and a "
            "reference to where it is kept. A descriptor may have several rows, in any order, up to "
            f"{MAX_EVIDENCE_PER_RATING}. A row of evidence for a descriptor with no rating is an error: give the "
            "rating on the Ratings sheet too."
        ),
    )
    yield (
        "",
        (
            "4. On the Judgements sheet you may record the school's own judgement of each aspect's stage, with the "
            f"rationale (or choose '{NONE_YET}'). It is kept beside the stage worked out from the ratings; it never "
            "replaces it."
        ),
    )
    yield (
        "",
        (
            "The pale yellow cells are the ones to fill in. Everything else is locked, so that a descriptor cannot be "
            "changed by mistake; the sheets are protected without a password. The Instructions sheet is not read back."
        ),
    )
    yield (
        "",
        (
            "Dates: type a date in a date cell, and your spreadsheet keeps it as a date. A date typed as text is read "
            "only as YYYY-MM-DD (2026-10-14): written as text, 03/09/2026 could be 3 September or 9 March, and which "
            "day is meant cannot be told."
        ),
    )
    yield "heading", "Pupils' personal data"
    yield (
        "",
        (
            "Notes, references and rationales are about the school. Never write pupils' personal data in this "
            "workbook: no names, dates of birth, or anything else that identifies a pupil."
        ),
    )
    yield "heading", "The four stages"
    welsh_sources: dict[str, WelshProvenance] = {}
    for name in framework.stages:
        if name.name.cy is None:
            yield "", name.name.en
        else:
            yield "", f"{name.name.en} (in Welsh: {name.name.cy.text})"
            welsh_sources.setdefault(name.name.cy.source or "", name.name.cy.provenance)
    for key, kind in welsh_sources.items():
        if kind is WelshProvenance.OFFICIAL:
            document = provenance.document(key)
            when = f", {document.date}" if document.date else ""
            yield "", f"The Welsh names are quoted from {document.publisher}, “{document.title}”{when}."
        else:
            yield "", "The Welsh names are the project's own reviewed translation, not official terms."
    yield (
        "",
        (
            "The stages are developmental stages, not grades: 'Starting the journey' does not mean unsatisfactory. "
            "No overall grade is worked out from this workbook."
        ),
    )
    yield "heading", "Where the descriptors come from"
    yield "", provenance.attribution


def _write_instructions(sheet: "Worksheet", framework: Framework) -> None:
    styles = _styles()
    from openpyxl.styles import Font  # noqa: PLC0415 (the optional extra)

    width = 72  # narrow enough for an A4 page in portrait, so that the instructions print as they show
    sheet.column_dimensions["A"].width = width
    for row, (style, text) in enumerate(_instructions(framework), start=1):
        cell = sheet.cell(row, 1, text)
        cell.alignment = styles["wrap"]
        if style == "title":
            cell.font = styles["title"]
        elif style == "heading":
            cell.font = Font(bold=True, size=12)
        sheet.row_dimensions[row].height = _height([(text, width)]) + (6 if style else 0)
    sheet.protection.sheet = True
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1  # printed, the column's wrapped text fits the page's width, not cut at its edge
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]  # set on every new sheet


# Reading


@attrs.frozen
class XlsxHeading:
    """What a workbook says at the top of its Ratings sheet: whose self-evaluation it is, and when.

    Attributes:
        school: The school's reference, or ``None`` where the workbook leaves it blank.
        date: The self-evaluation's date, or ``None`` where the workbook leaves it blank.
    """

    school: str | None = None
    date: datetime.date | None = None

    @staticmethod
    def place(label: str) -> str:
        """Where the workbook gives the value of ``label`` (``school`` or ``date``): ``Ratings!B1``, say."""
        return f"{RATINGS}!{SCHOOL_CELL if label == 'school' else DATE_CELL}"


_Values = dict[int, dict[int, Any]]
"""A sheet's cells that hold something, by row and then column (both from 1)."""


@attrs.frozen
class _Book:
    """A workbook as read: each sheet's cells that hold something, and what is wrong with how they are held."""

    sheets: dict[str, _Values]
    problems: tuple[Problem, ...]


def _where(sheet: str, row: int, column: int) -> str:
    """A cell's place, as spreadsheets name it: ``Ratings!E12``."""
    return f"{sheet}!{_letter(column - 1)}{row}"


def _source_bytes(source: "bytes | str | os.PathLike[str]", name: str) -> bytes:
    if isinstance(source, bytes):
        if len(source) > MAX_CSV_BYTES:
            message = f"the workbook is {len(source):,} bytes; the most read is {MAX_CSV_BYTES:,}"
            raise PayloadError(name, [Problem("file", message)])
        return source

    def fail(problems: list[Problem]) -> PayloadError:
        return PayloadError(name, [Problem("file", problem.message) for problem in problems])

    return read_bytes(source, fail, MAX_CSV_BYTES)


_SAVE_AS = "save it from your spreadsheet program as an Excel workbook (.xlsx)"


def _not_a_workbook(data: bytes) -> str | None:  # noqa: PLR0911 (one answer for each kind of file)
    """Why the bytes are not an Excel workbook that may be opened safely, or ``None`` if they are one."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return f"an Excel 97-2003 workbook (.xls), which is not read: {_SAVE_AS}"
    if not data.startswith(b"PK"):
        looks = "text (a CSV file?)" if _is_text(data[:4096]) else "neither a workbook nor text"
        return f"not an Excel workbook: the file is {looks}; {_SAVE_AS}, or give a CSV file the name .csv"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
                return f"an OpenDocument spreadsheet (.ods), which is not read: {_SAVE_AS}"
            unpacked = sum(info.file_size for info in infos)
            if unpacked > MAX_WORKBOOK_UNPACKED:
                return (
                    f"the workbook unpacks to {unpacked:,} bytes; the most read is {MAX_WORKBOOK_UNPACKED:,}: "
                    "a self-evaluation needs far less"
                )
            if "xl/workbook.xml" not in names:
                return f"not an Excel workbook: a zip file without a workbook in it; {_SAVE_AS}"
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        return f"not an Excel workbook: the file is damaged or is not one ({error}); {_SAVE_AS}"
    return None


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start > len(head) - 4  # a character cut at the end of what was looked at
    return True


def _open(source: "bytes | str | os.PathLike[str]", name: str) -> "Workbook":
    from openpyxl import load_workbook  # noqa: PLC0415 (the optional extra)

    data = _source_bytes(source, name)
    why = _not_a_workbook(data)
    if why is not None:
        raise PayloadError(name, [Problem("file", why)])
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as error:  # noqa: BLE001 (openpyxl raises many kinds of error on a damaged file; each is said)
        message = f"not read as an Excel workbook ({type(error).__name__}: {error}); {_SAVE_AS}"
        raise PayloadError(name, [Problem("file", message)]) from None


def _read_book(source: "bytes | str | os.PathLike[str]", name: str) -> _Book:
    """Every sheet's cells that hold something; formulas, and rows past the limit, are problems."""
    book = _open(source, name)
    problems: list[Problem] = []
    sheets: dict[str, _Values] = {}
    try:
        for sheet in book.worksheets:
            sheets[sheet.title] = _read_sheet(sheet, name, problems)
    except PayloadError:
        raise
    except Exception as error:  # noqa: BLE001 (openpyxl raises many kinds of error on a damaged sheet; each is said)
        message = f"not read as an Excel workbook ({type(error).__name__}: {error}); {_SAVE_AS}"
        raise PayloadError(name, [Problem("file", message)]) from None
    finally:
        book.close()
    missing = [title for title in (RATINGS, EVIDENCE, JUDGEMENTS) if title not in sheets]
    if missing:
        message = (
            f"the workbook has no sheet named {', '.join(missing)}: it is not a self-evaluation template, or a sheet "
            "was renamed or deleted; write a new template and copy the entries into it"
        )
        raise PayloadError(name, [Problem("file", message)])
    return _Book(sheets, tuple(problems))


def _read_sheet(sheet: Any, name: str, problems: list[Problem]) -> _Values:  # noqa: ANN401 (a read-only sheet)
    title = sheet.title
    values: _Values = {}
    sheet.reset_dimensions()  # read what the sheet holds, not what its own dimension claims
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        for cell in cells:
            value = getattr(cell, "value", None)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if number > MAX_WORKBOOK_ROWS:
                raise PayloadError(name, [Problem(f"{title}!{number}", f"more than {MAX_WORKBOOK_ROWS:,} rows")])
            if cell.data_type == "f":
                message = "holds a formula, which is not read: type the value itself (or copy, then paste as values)"
                problems.append(Problem(_where(title, number, cell.column), message))
                continue
            values.setdefault(number, {})[cell.column] = value
    return values


def _text(value: object) -> str:
    """A cell's value as text, trimmed: numbers as written, a date as YYYY-MM-DD."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _date(value: object, where: str, problems: list[Problem]) -> datetime.date | None:  # noqa: PLR0911 (each kind of cell)
    """The date in a cell: a real date, or ISO ``YYYY-MM-DD`` text; anything else is a problem at ``where``."""
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time():
            problems.append(Problem(where, f"{value:%Y-%m-%d %H:%M} holds a time of day: give the date alone"))
            return None
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        message = (
            f"{_text(value)} is a number, not a date: format the cell as a date (yyyy-mm-dd) and type the date again"
        )
        problems.append(Problem(where, message))
        return None
    text = _text(value)
    if ISO_DATE.fullmatch(text):
        try:
            return iso_date(text)
        except ValueError as error:
            problems.append(Problem(where, str(error)))
            return None
    if _YEAR_FIRST.fullmatch(text):
        message = (
            f"{text!r} is a date typed as text, not as YYYY-MM-DD: type it as YYYY-MM-DD, for example 2026-10-14, or "
            "clear the cell's text format and type the date again"
        )
    elif _SLASHED.fullmatch(text):
        message = (
            f"{text!r} is a date typed as text, and which day is meant cannot be told (written so, 03/09/2026 may be "
            "3 September or 9 March): type it as YYYY-MM-DD, for example 2026-10-14, or clear the cell's text format "
            "and type the date again"
        )
    else:
        message = f"{text!r} is not a date: type it as YYYY-MM-DD, for example 2026-10-14"
    problems.append(Problem(where, message))
    return None


def _fixed(sheet: str, values: _Values, cells: dict[tuple[int, int], str], problems: list[Problem]) -> bool:
    """Whether the template's locked labels are as written; a problem for each one changed."""
    sound = True
    for (row, column), label in cells.items():
        found = _text(values.get(row, {}).get(column, ""))
        if found != label:
            sound = False
            said = f"reads {found!r}" if found else "is blank"
            message = (
                f"{said}, where the template has {label!r}: put it back (undo), or copy the entries into a new template"
            )
            problems.append(Problem(_where(sheet, row, column), message))
    return sound


def _unread(sheet: str, row: int, cells: dict[int, Any], last: int, problems: list[Problem]) -> None:
    """A problem for each cell written in beyond the columns that are read: nothing written is dropped unsaid."""
    problems += [
        Problem(_where(sheet, row, column), "not a column that is read: move what it holds, or clear it")
        for column in sorted(cells)
        if column > last
    ]


def _too_long(text: str, most: int, where: str, what: str, problems: list[Problem]) -> str | None:
    """The text, or ``None`` with a problem at ``where`` when it is longer than ``most``."""
    if len(text) > most:
        problems.append(Problem(where, f"the {what} is {len(text):,} characters; the most is {most:,}"))
        return None
    return text


def _words(text: str) -> str:
    return " ".join(text.split())


def _heading(values: _Values, problems: list[Problem]) -> XlsxHeading:
    """The school and the date at the top of the Ratings sheet, with a problem for anything wrong above its header."""
    labels = {(row, 1): label for row, (label, _) in enumerate(_HEADING, start=1)}
    _fixed(RATINGS, values, labels, problems)
    for row in range(1, _RATINGS_HEADER_ROW):
        _unread(RATINGS, row, values.get(row, {}), 2, problems)
    school_value = values.get(1, {}).get(2)
    school = None if school_value is None else _text(school_value)
    if school is not None:
        school = _too_long(school, MAX_NAME, f"{RATINGS}!{SCHOOL_CELL}", "school's reference", problems)
    date_value = values.get(2, {}).get(2)
    date = None if date_value is None else _date(date_value, f"{RATINGS}!{DATE_CELL}", problems)
    return XlsxHeading(school, date)


@attrs.define
class _Reading:
    """A workbook being read against a framework: what each sheet gives, and every problem found."""

    framework: Framework
    book: _Book
    problems: list[Problem] = attrs.field(factory=list)
    listed: dict[str, int] = attrs.field(factory=dict)
    """The row of each descriptor on the Ratings sheet."""
    rated: dict[str, Rating] = attrs.field(factory=dict)
    """Each rating given, by descriptor, in the order of the rows."""
    rating_given: set[str] = attrs.field(factory=set)
    """The descriptors whose rating cell holds something, a rating or not."""
    evidence: dict[str, list[tuple[int, Evidence]]] = attrs.field(factory=dict)
    """Each descriptor's evidence, with its row on the Evidence sheet."""
    judgements: list[tuple[int, ProfessionalJudgement]] = attrs.field(factory=list)

    def ratings(self) -> None:
        values = self.book.sheets[RATINGS]
        framework = self.framework
        edition = _text(values.get(3, {}).get(2, ""))
        if edition != framework.edition_id:
            message = (
                f"the workbook was made for the edition {edition!r}, not {framework.edition_id!r}: read it with that "
                "edition, or copy its entries into a template of this one"
            )
            self.problems.append(Problem(f"{RATINGS}!{EDITION_CELL}", message))
        header = {(_RATINGS_HEADER_ROW, at): label for at, label in enumerate(RATINGS_HEADER, start=1)}
        if not _fixed(RATINGS, values, header, self.problems):
            return
        for row in sorted(number for number in values if number > _RATINGS_HEADER_ROW):
            self._rating_row(row, values[row])
        for place, descriptor in enumerate(framework.descriptors):
            if descriptor.code not in self.listed:  # a row deleted: what it held is lost, so it is not read as unrated
                message = (
                    f"the row of {descriptor.code} is missing (row {_FIRST_RATING_ROW + place} in the template): "
                    "put it back (undo, or copy it from a new template) with its rating, so that nothing rated is lost"
                )
                self.problems.append(Problem(RATINGS, message))

    def _rating_row(self, row: int, cells: dict[int, Any]) -> None:
        framework, problems = self.framework, self.problems
        _unread(RATINGS, row, cells, len(RATINGS_HEADER), problems)
        code = _text(cells.get(1, ""))
        if not framework.has_descriptor(code):
            if code:
                problems.append(Problem(_where(RATINGS, row, 1), f"no descriptor has the code {code!r}"))
            elif any(column <= len(RATINGS_HEADER) for column in cells):
                message = "no descriptor code in this row: write nothing below the descriptors, or put the code back"
                problems.append(Problem(_where(RATINGS, row, 1), message))
            return
        descriptor = framework.descriptor(code)
        expected = (
            framework.aspect(descriptor.aspect).title.en,
            framework.stage_name(descriptor.stage).en,
            descriptor.full_text,
        )
        for column, text in enumerate(expected, start=2):
            found = _text(cells.get(column, ""))
            if _words(found) != _words(text):
                what = RATINGS_HEADER[column - 1].lower()
                message = (
                    f"the {what} of {code} was changed from the template's {_short(text)!r}: put it back (undo), "
                    "so the row says what is rated"
                )
                problems.append(Problem(_where(RATINGS, row, column), message))
        if code in self.listed:
            message = f"{code} is listed again (first in row {self.listed[code]}): rate each descriptor in one row"
            problems.append(Problem(_where(RATINGS, row, 1), message))
            return
        self.listed[code] = row
        given = cells.get(5)
        if given is None:
            return
        self.rating_given.add(code)
        word = _text(given).lower()
        rating = _RATINGS.get(word)
        if rating is None:
            message = f"{word!r} is not a rating: choose not yet, partly, mostly, fully or not applicable"
            problems.append(Problem(_where(RATINGS, row, 5), message))
            return
        self.rated[code] = rating

    def evidence_rows(self) -> None:
        values = self.book.sheets[EVIDENCE]
        header = {(1, at): label for at, label in enumerate(EVIDENCE_HEADER, start=1)}
        if not _fixed(EVIDENCE, values, header, self.problems):
            return
        for row in sorted(number for number in values if number > 1):
            self._evidence_row(row, values[row])

    def _evidence_row(self, row: int, cells: dict[int, Any]) -> None:
        problems = self.problems
        _unread(EVIDENCE, row, cells, len(EVIDENCE_HEADER), problems)
        if not any(column <= len(EVIDENCE_HEADER) for column in cells):
            return
        code = _text(cells.get(1, ""))
        where = _where(EVIDENCE, row, 1)
        known = False
        if not code:
            problems.append(Problem(where, "which descriptor is this evidence for? choose its code from the list"))
        elif not self.framework.has_descriptor(code):
            problems.append(Problem(where, f"no descriptor has the code {code!r}"))
        elif code not in self.listed:
            message = f"{code} is not listed on the Ratings sheet: put its row back there, and give it a rating"
            problems.append(Problem(where, message))
        elif code not in self.rating_given:
            message = (
                f"{code} has no rating (Ratings!E{self.listed[code]}), though this row gives evidence for it: "
                "give a rating, or clear this row"
            )
            problems.append(Problem(where, message))
        else:
            known = True
        kind = self._kind(cells.get(2), row)
        date = None
        if cells.get(3) is None:
            problems.append(Problem(_where(EVIDENCE, row, 3), "give the date the evidence was gathered"))
        else:
            date = _date(cells[3], _where(EVIDENCE, row, 3), problems)
        note, reference = (
            None
            if cells.get(at) is None
            else _too_long(_text(cells[at]), MAX_TEXT, _where(EVIDENCE, row, at), what, problems)
            for at, what in ((4, "note"), (5, "reference"))
        )
        if known and kind is not None and date is not None:
            pieces = self.evidence.setdefault(code, [])
            if len(pieces) == MAX_EVIDENCE_PER_RATING:
                message = f"{code} has more than {MAX_EVIDENCE_PER_RATING} pieces of evidence, the most one rating may"
                problems.append(Problem(where, message))
            pieces.append((row, Evidence(kind, date, note or None, reference or None)))

    def _kind(self, value: object, row: int) -> EvidenceKind | None:
        if value is None:
            self.problems.append(
                Problem(_where(EVIDENCE, row, 2), "give the kind of evidence: choose it from the list")
            )
            return None
        word = _text(value).lower()
        kind = _KINDS.get(word)
        if kind is None:
            message = f"{word!r} is not a kind of evidence: choose one from the list"
            if word in _RATINGS:
                message += f"; {word!r} is a rating: put it on the Ratings sheet"
            self.problems.append(Problem(_where(EVIDENCE, row, 2), message))
        return kind

    def judgement_rows(self) -> None:
        values = self.book.sheets[JUDGEMENTS]
        header = {(1, at): label for at, label in enumerate(JUDGEMENTS_HEADER, start=1)}
        if not _fixed(JUDGEMENTS, values, header, self.problems):
            return
        stages: dict[str, Stage | None] = {NONE_YET: None}
        for stage in Stage:
            stages[self.framework.stage_name(stage).en.lower()] = stage
            stages[stage.value] = stage
        seen: dict[str, int] = {}
        for row in sorted(number for number in values if number > 1):
            self._judgement_row(row, values[row], stages, seen)

    def _judgement_row(
        self, row: int, cells: dict[int, Any], stages: dict[str, Stage | None], seen: dict[str, int]
    ) -> None:
        problems = self.problems
        _unread(JUDGEMENTS, row, cells, len(JUDGEMENTS_HEADER), problems)
        code = _text(cells.get(1, ""))
        aspects = {aspect.code: aspect for aspect in self.framework.aspects}
        if code not in aspects:
            if code or any(column <= len(JUDGEMENTS_HEADER) for column in cells):
                said = f"no aspect has the code {code!r}" if code else "no aspect code in this row"
                problems.append(Problem(_where(JUDGEMENTS, row, 1), f"{said}: put the aspect's code back"))
            return
        if _words(_text(cells.get(2, ""))) != _words(aspects[code].title.en):
            message = f"the aspect of {code} was changed from the template's {aspects[code].title.en!r}: put it back"
            problems.append(Problem(_where(JUDGEMENTS, row, 2), message))
        if code in seen:
            message = f"{code} is listed again (first in row {seen[code]}): judge each aspect in one row"
            problems.append(Problem(_where(JUDGEMENTS, row, 1), message))
            return
        seen[code] = row
        stage_value, rationale_value = cells.get(3), cells.get(4)
        if stage_value is None and rationale_value is None:
            return
        stage_word = None if stage_value is None else _text(stage_value).lower()
        if stage_word is None:
            message = f"a rationale with no stage: choose the stage the school judges (or {NONE_YET!r}), or clear it"
            problems.append(Problem(_where(JUDGEMENTS, row, 3), message))
        elif stage_word not in stages:
            message = f"{stage_word!r} is not a stage: choose one from the list, or {NONE_YET!r}"
            problems.append(Problem(_where(JUDGEMENTS, row, 3), message))
        rationale = None
        if rationale_value is None:
            problems.append(Problem(_where(JUDGEMENTS, row, 4), "give the rationale: why, in the school's words"))
        else:
            where = _where(JUDGEMENTS, row, 4)
            rationale = _too_long(_text(rationale_value), MAX_TEXT, where, "rationale", problems)
        if stage_word in stages and rationale:
            self.judgements.append((row, ProfessionalJudgement(code, stages[stage_word], rationale)))


def _short(text: str) -> str:
    """The start of a long text, to quote it."""
    text = _words(text)
    return text if len(text) <= 60 else text[:57] + "..."


def _settled(heading: XlsxHeading, school: str | None, date: datetime.date | None) -> list[Problem]:
    """A problem for the school or date the workbook gives that differs from the one given with it, or given nowhere."""
    problems = []
    for label, own, given in (("school", heading.school, school), ("date", heading.date, date)):
        if own is not None and given is not None and own != given:
            message = (
                f"the workbook gives the {label} as {str(own)!r}, and {str(given)!r} is given with it: give the "
                f"{label} in one place, or make the two agree"
            )
            problems.append(Problem(heading.place(label), message))
        elif own is None and given is None:
            problems.append(Problem(heading.place(label), f"the {label} is blank: fill it in"))
    return problems


_SHEET_ORDER = {RATINGS: 0, EVIDENCE: 1, JUDGEMENTS: 2}
_PLACE = re.compile(r"^(?P<sheet>.*)!(?P<column>[A-Z]*)(?P<row>\d+)$")


def _in_order(problems: list[Problem]) -> list[Problem]:
    """The problems sheet by sheet, then by row and column, as the workbook shows them; the file's own first."""

    def key(problem: Problem) -> tuple[int, int, int, str]:
        place = _PLACE.match(problem.path)
        if place is None:
            return (-1, 0, 0, "")
        column = place["column"]
        return (_SHEET_ORDER.get(place["sheet"], 3), int(place["row"]), len(column), column)

    return sorted(problems, key=key)


def read_xlsx_heading(source: "bytes | str | os.PathLike[str]", *, name: str = "<workbook>") -> XlsxHeading:
    """What a filled-in workbook says at the top of its Ratings sheet: the school and the date, where given.

    Args:
        source: The workbook's bytes, or the path of its file.
        name: The file's name, used in the error.

    Returns:
        The school and the date the workbook gives, each ``None`` where it leaves them blank.

    Raises:
        PayloadError: If the file cannot be read as a self-evaluation
            workbook, or the heading itself is wrong (a date that is not a
            date, say); the rest is checked by
            [`read_self_evaluation_xlsx`][school_improvement.read_self_evaluation_xlsx].
        MissingExtraError: If openpyxl (the ``xlsx`` extra) is not installed.

    Examples:
        >>> import datetime
        >>> from school_improvement import load_framework, read_xlsx_heading, xlsx_template
        >>> made = xlsx_template(load_framework(), school="ysgol-enghraifft", date=datetime.date(2026, 11, 2))
        >>> read_xlsx_heading(made)
        XlsxHeading(school='ysgol-enghraifft', date=datetime.date(2026, 11, 2))
        >>> read_xlsx_heading(xlsx_template(load_framework()))
        XlsxHeading(school=None, date=None)
    """
    _require()
    book = _read_book(source, name)
    problems: list[Problem] = []
    heading = _heading(book.sheets[RATINGS], problems)
    problems += [problem for problem in book.problems if _row_of(problem) < _RATINGS_HEADER_ROW]
    if problems:
        raise PayloadError(name, _in_order(problems))
    return heading


def _row_of(problem: Problem) -> int:
    """The row of the Ratings sheet a problem is in; ``0`` for the file, a row past the heading for another sheet."""
    place = _PLACE.match(problem.path)
    if place is None:
        return 0
    return int(place["row"]) if place["sheet"] == RATINGS else _RATINGS_HEADER_ROW


def read_self_evaluation_xlsx(
    source: "bytes | str | os.PathLike[str]",
    framework: Framework,
    *,
    school: str | None = None,
    date: datetime.date | None = None,
    name: str = "<workbook>",
) -> SelfEvaluation:
    """Read a filled-in workbook back as a self-evaluation, with the same checks as any input.

    Every problem is found before any is said, each named by its sheet and
    cell (``Ratings!E12``). Real date cells are read, and so is ISO
    ``YYYY-MM-DD`` text; a date typed as other text, such as ``03/09/2026``,
    is refused, since which day it means cannot be told. Nothing written is
    dropped without a word: evidence for a descriptor with no rating, a
    changed descriptor, a formula, or anything written outside the columns
    read is a problem at its cell. Text is read trimmed of spaces at either end.

    The school and the date are the workbook's own, at the top of its
    Ratings sheet; a workbook that leaves them blank is read with those given
    here. Given both ways, they must agree.

    Args:
        source: The workbook's bytes, or the path of its file.
        framework: The edition the workbook was made from.
        school: The school's reference, for a workbook that leaves it blank.
        date: The date of the self-evaluation, for a workbook that leaves it blank.
        name: The file's name, used in the error.

    Returns:
        The self-evaluation: the ratings in the order of the Ratings sheet,
        each with its evidence in the order of the Evidence sheet, and the
        judgements in the order of the Judgements sheet.

    Raises:
        PayloadError: Listing every problem, each naming its sheet and cell;
            nothing is loaded.
        MissingExtraError: If openpyxl (the ``xlsx`` extra) is not installed.

    Examples:
        >>> import datetime, io
        >>> import openpyxl
        >>> from school_improvement import load_framework, read_self_evaluation_xlsx, xlsx_template
        >>> framework = load_framework()
        >>> book = openpyxl.load_workbook(io.BytesIO(xlsx_template(framework, school="ysgol-enghraifft")))
        >>> book["Ratings"]["B2"] = datetime.date(2026, 11, 2)
        >>> book["Ratings"]["E96"] = "mostly"  # PV.1.1
        >>> evidence = book["Evidence"]
        >>> evidence.append(["PV.1.1", "learner voice", datetime.date(2026, 10, 14), "School council", "Minutes"])
        >>> evidence["A2"], evidence["B2"], evidence["C2"] = "PV.1.1", "staff views", "14/10/2026"
        >>> filled = io.BytesIO()
        >>> book.save(filled)
        >>> read_self_evaluation_xlsx(filled.getvalue(), framework)
        Traceback (most recent call last):
        ...
        school_improvement._errors.PayloadError: <workbook>: 1 problem in the payload:
          Evidence!C2: '14/10/2026' is a date typed as text, and which day is meant cannot be told ...
        >>> evidence["C2"] = "2026-10-14"
        >>> book.save(filled := io.BytesIO())
        >>> evaluation = read_self_evaluation_xlsx(filled.getvalue(), framework)
        >>> evaluation.school, evaluation.date, evaluation.ratings[0].descriptor, evaluation.ratings[0].rating
        ('ysgol-enghraifft', datetime.date(2026, 11, 2), 'PV.1.1', <Rating.MOSTLY: 'mostly'>)
        >>> [(item.kind.value, item.date.isoformat(), item.note) for item in evaluation.ratings[0].evidence]
        [('staff-views', '2026-10-14', None), ('learner-voice', '2026-10-14', 'School council')]
    """
    _require()
    book = _read_book(source, name)
    reading = _Reading(framework, book)
    heading = _heading(book.sheets[RATINGS], reading.problems)
    reading.ratings()
    reading.evidence_rows()
    reading.judgement_rows()
    problems = [*book.problems, *reading.problems]
    said = {problem.path for problem in problems}
    problems += [problem for problem in _settled(heading, school, date) if problem.path not in said]  # once a cell
    problems += [
        Problem(
            f"{title}!A1", "a sheet the template does not have, which is not read: move what it holds, or delete it"
        )
        for title, values in book.sheets.items()
        if title not in {INSTRUCTIONS, RATINGS, EVIDENCE, JUDGEMENTS} and values
    ]
    own_school, own_date = heading.school or school, heading.date or date
    if own_school is None or own_date is None:
        raise PayloadError(name, _in_order(problems))
    codes = [code for code in reading.listed if code in reading.rated]
    ratings = tuple(
        DescriptorRating(code, reading.rated[code], tuple(item for _, item in reading.evidence.get(code, ())))
        for code in codes
    )
    judgements = tuple(judgement for _, judgement in reading.judgements)
    evaluation = SelfEvaluation(own_school, own_date, framework.edition_id, ratings, judgements)
    for problem in self_evaluation_problems(framework, evaluation):
        problems.append(Problem(_place_of(problem.path, reading, codes), problem.message))
    if problems:
        raise PayloadError(name, _in_order(problems))
    return evaluation


def _place_of(path: str, reading: _Reading, codes: list[str]) -> str:
    """The cell a self-evaluation's JSON path comes from."""
    evidence = re.match(r"^\$\.ratings\[(\d+)\]\.evidence\[(\d+)\]", path)
    if evidence:
        row = reading.evidence[codes[int(evidence[1])]][int(evidence[2])][0]
        return f"{EVIDENCE}!C{row}"
    rating = re.match(r"^\$\.ratings\[(\d+)\]", path)
    if rating:
        return f"{RATINGS}!A{reading.listed[codes[int(rating[1])]]}"
    judgement = re.match(r"^\$\.judgements\[(\d+)\]", path)
    if judgement:
        return f"{JUDGEMENTS}!A{reading.judgements[int(judgement[1])][0]}"
    return f"{RATINGS}!{EDITION_CELL}"

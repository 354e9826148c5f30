"""The Excel workbook: its structure, filled in and read back, and every problem named by its sheet and cell."""

import datetime
import io
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import openpyxl
import pytest
from hypothesis import given, settings, strategies as st

from helpers import EVALUATION_DATE, FRAMEWORK, ROOT, TRIANGULATED, evaluation_of
from office.workbooks import edit, fill, rating_row
from school_improvement import (
    Evidence,
    EvidenceKind,
    MissingExtraError,
    PayloadError,
    ProfessionalJudgement,
    Rating,
    SelfEvaluation,
    Stage,
    WelshProvenance,
    read_self_evaluation_xlsx,
    xlsx_template,
)
from school_improvement._interchange.workbook import EVIDENCE_ROWS, XlsxHeading, read_xlsx_heading
from school_improvement._limits import MAX_CSV_BYTES, MAX_TEXT, MAX_WORKBOOK_ROWS
from strategies import cell_words, self_evaluations

if TYPE_CHECKING:
    from collections.abc import Callable

SCHOOL = "ysgol-enghraifft"
LAST_RATING = 4 + len(FRAMEWORK.descriptors)
PV11 = rating_row("PV.1.1")


def _book(made: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(made))


def _template() -> bytes:
    made: bytes = xlsx_template(FRAMEWORK, school=SCHOOL, date=EVALUATION_DATE)
    return made


def _problems(made: bytes, *, school: str | None = None, date: datetime.date | None = None) -> list[str]:
    """Every problem the reader finds in the workbook, as it says them."""
    with pytest.raises(PayloadError) as raised:
        read_self_evaluation_xlsx(made, FRAMEWORK, school=school, date=date, name="hunanwerthuso.xlsx")
    return [str(problem) for problem in raised.value.problems]


def _put(book: openpyxl.Workbook, sheet: str, row: int, *values: Any) -> None:
    """Values typed into a row's cells from column A, as a school types them (None leaves a cell blank)."""
    for column, value in zip("ABCDEFGH", values, strict=False):
        if value is not None:
            book[sheet][f"{column}{row}"] = value


def _typed(sheet: str, place: str, value: str) -> bytes:
    """The template with one value typed into one cell."""

    def change(book: openpyxl.Workbook) -> None:
        book[sheet][place] = value

    return edit(_template(), change)


def _rated(book: openpyxl.Workbook, *rows: tuple[str, str, Any]) -> None:
    """PV.1.1 rated 'mostly', and the evidence rows given (code, kind, date) from row 2 of the Evidence sheet."""
    book["Ratings"][f"E{PV11}"] = "mostly"
    for row, values in enumerate(rows, start=2):
        _put(book, "Evidence", row, *values)


# The template


def test_the_template_lists_every_descriptor_in_source_order_locked() -> None:
    """One row per descriptor from row 5, in source order, its code, aspect, stage and text locked; the rating not."""
    ratings = _book(_template())["Ratings"]
    assert [ratings[f"A{row}"].value for row in range(5, LAST_RATING + 1)] == [d.code for d in FRAMEWORK.descriptors]
    assert ratings[f"A{LAST_RATING + 1}"].value is None
    pl = rating_row("PL.1.1")
    assert ratings[f"D{pl}"].value == FRAMEWORK.descriptor("PL.1.1").full_text
    assert ratings[f"B{pl}"].value == "Professional learning"
    assert ratings[f"C{pl}"].value == "Starting the journey"
    for row in (5, pl, LAST_RATING):
        assert [ratings[f"{column}{row}"].protection.locked for column in "ABCDE"] == [True] * 4 + [False]
        assert ratings[f"D{row}"].alignment.wrap_text
    assert ratings["B3"].value == FRAMEWORK.edition_id
    assert ratings["B3"].protection.locked


def test_the_school_and_date_are_written_once_in_labelled_cells_to_fill() -> None:
    """Ratings!B1 holds the school and B2 the date as a real date cell, both unlocked; left blank when not given."""
    ratings = _book(_template())["Ratings"]
    assert [ratings[f"A{row}"].value for row in (1, 2, 3)] == ["School", "Date", "Edition"]
    assert ratings["B1"].value == SCHOOL
    assert ratings["B2"].value == datetime.datetime(2026, 11, 1)  # noqa: DTZ001 (a date cell, as openpyxl reads it)
    assert ratings["B2"].number_format == "yyyy-mm-dd"
    assert not ratings["B1"].protection.locked
    assert not ratings["B2"].protection.locked
    blank = _book(xlsx_template(FRAMEWORK))["Ratings"]
    assert (blank["B1"].value, blank["B2"].value) == (None, None)


def test_every_sheet_is_protected_without_a_password_and_its_header_frozen() -> None:
    """Each sheet is protected with no password; the headers stay in view and print on every page."""
    book = _book(_template())
    assert book.sheetnames == ["Instructions", "Ratings", "Evidence", "Judgements"]
    for sheet in book.worksheets:
        assert sheet.protection.sheet
        assert not sheet.protection.password
    assert (book["Ratings"].freeze_panes, book["Evidence"].freeze_panes, book["Judgements"].freeze_panes) == (
        "A5",
        "A2",
        "A2",
    )
    assert book["Ratings"].print_title_rows == "$4:$4"
    assert book["Evidence"].print_title_rows == "$1:$1"
    assert book["Ratings"].column_dimensions["D"].width == 80


def _validations(sheet: Any) -> dict[str, tuple[str, str | None]]:
    """Each data validation's cells, with its type and first formula."""
    return {str(v.sqref): (str(v.type), v.formula1) for v in sheet.data_validations.dataValidation}


def test_ratings_kinds_codes_and_stages_are_drop_down_lists_over_the_cells_to_fill() -> None:
    """List validations: ratings over E5:E104, codes and kinds over the evidence rows, stages over the judgements."""
    book = _book(_template())
    ratings = _validations(book["Ratings"])
    assert ratings[f"E5:E{LAST_RATING}"] == ("list", '"not yet,partly,mostly,fully,not applicable"')
    last = EVIDENCE_ROWS + 1
    evidence = _validations(book["Evidence"])
    assert evidence[f"A2:A{last}"] == ("list", "Ratings!$A$5:$A$1004")
    assert evidence[f"B2:B{last}"] == ("list", '"' + ",".join(kind.label for kind in EvidenceKind) + '"')
    stages = ",".join(FRAMEWORK.stage_name(stage).en for stage in Stage)
    assert _validations(book["Judgements"])["C2:C11"] == ("list", f'"{stages},none yet"')
    for validation in book["Evidence"].data_validations.dataValidation:
        assert validation.showErrorMessage
        assert validation.error
        assert validation.prompt


def test_dates_are_real_date_cells_with_date_validation() -> None:
    """The self-evaluation's date and each evidence date are validated as dates and formatted yyyy-mm-dd."""
    book = _book(_template())
    assert _validations(book["Ratings"])["B2"][0] == "date"
    assert _validations(book["Evidence"])[f"C2:C{EVIDENCE_ROWS + 1}"][0] == "date"
    evidence = book["Evidence"]
    for row in (2, EVIDENCE_ROWS + 1):
        assert evidence[f"C{row}"].number_format == "yyyy-mm-dd"
        assert [evidence[f"{column}{row}"].protection.locked for column in "ABCDE"] == [False] * 5
    assert evidence[f"A{EVIDENCE_ROWS + 2}"].protection.locked


def test_the_instructions_give_the_welsh_stage_names_from_the_data_with_their_source() -> None:
    """The Instructions sheet names each stage in Welsh as the data gives it, cites where from, and cautions."""
    text = "\n".join(str(cell.value) for cell in _book(_template())["Instructions"]["A"] if cell.value)
    for stage in FRAMEWORK.stages:
        assert stage.name.cy is not None
        assert stage.name.cy.provenance is WelshProvenance.OFFICIAL
        assert f"{stage.name.en} (in Welsh: {stage.name.cy.text})" in text
        assert FRAMEWORK.provenance.document(stage.name.cy.source or "").title in text
    assert "not grades" in text
    assert "not endorsed by Estyn or Welsh Government" in text
    assert "Never write pupils' personal data" in text
    assert "03/09/2026 could be 3 September or 9 March" in text


def test_the_same_template_is_the_same_bytes() -> None:
    """No clock is written in: the same framework and arguments give the same file."""
    assert _template() == _template()
    assert _template() != xlsx_template(FRAMEWORK)


# Reading back


def test_a_filled_workbook_reads_back_with_its_evidence_and_judgements() -> None:
    """Ratings in sheet order, each with its evidence in the Evidence sheet's order; the judgements; notes kept."""
    evaluation = evaluation_of(
        ("SV.1.1", Rating.FULLY),
        ("PV.1.1", Rating.MOSTLY, (Evidence(EvidenceKind.DATA, datetime.date(2026, 9, 3), "Ŵyn a â", "Ffolder 3"),)),
        ("PV.2.1", Rating.NOT_APPLICABLE, ()),
        school=SCHOOL,
        judgements=[
            ProfessionalJudgement("PV", Stage.MAKING_PROGRESS, "Council minutes show it"),
            ProfessionalJudgement("SV", None, "Too early to say"),
        ],
    )
    read = read_self_evaluation_xlsx(fill(evaluation), FRAMEWORK)
    assert read.ratings == evaluation.ratings
    assert set(read.judgements) == set(evaluation.judgements)
    assert (read.school, read.date, read.framework_edition) == (SCHOOL, EVALUATION_DATE, FRAMEWORK.edition_id)


def test_labels_and_values_of_ratings_and_kinds_are_read_in_any_case() -> None:
    """'Not Yet', 'not-yet', 'Learner Voice' and 'learner-voice' are read as the library's own values."""

    def change(book: openpyxl.Workbook) -> None:
        book["Ratings"]["E5"] = "Not Yet"
        book["Ratings"]["E6"] = "not-applicable"
        _put(book, "Evidence", 2, "SV.1.1", "Learner Voice", datetime.date(2026, 10, 1))
        _put(book, "Evidence", 3, "SV.1.1", "staff-views", "2026-10-02")

    read = read_self_evaluation_xlsx(edit(_template(), change), FRAMEWORK)
    assert [(r.descriptor, r.rating) for r in read.ratings] == [
        ("SV.1.1", Rating.NOT_YET),
        ("SV.1.2", Rating.NOT_APPLICABLE),
    ]
    assert read.ratings[0].evidence == (
        Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 10, 1)),
        Evidence(EvidenceKind.STAFF_VIEWS, datetime.date(2026, 10, 2)),
    )


def test_a_blank_template_reads_as_a_self_evaluation_with_no_ratings() -> None:
    """Nothing filled in is nothing rated, not an error."""
    read = read_self_evaluation_xlsx(_template(), FRAMEWORK)
    assert read == SelfEvaluation(SCHOOL, EVALUATION_DATE, FRAMEWORK.edition_id)


def test_a_workbook_is_read_from_a_path_too(tmp_path: Path) -> None:
    """A path (text or Path) is read as the file's bytes; a missing file is said, not raised as an OSError."""
    path = tmp_path / "hunanwerthuso.xlsx"
    path.write_bytes(_template())
    assert read_self_evaluation_xlsx(path, FRAMEWORK) == read_self_evaluation_xlsx(str(path), FRAMEWORK)
    with pytest.raises(PayloadError, match="cannot read the file"):
        read_self_evaluation_xlsx(tmp_path / "missing.xlsx", FRAMEWORK)


# School and date


def test_the_heading_is_what_the_workbook_says() -> None:
    """read_xlsx_heading gives the school and date written in, None where blank, and where each is."""
    assert read_xlsx_heading(_template()) == XlsxHeading(SCHOOL, EVALUATION_DATE)
    assert read_xlsx_heading(xlsx_template(FRAMEWORK)) == XlsxHeading(None, None)
    assert (XlsxHeading.place("school"), XlsxHeading.place("date")) == ("Ratings!B1", "Ratings!B2")


def test_a_wrong_heading_is_refused_by_its_cell() -> None:
    """A date that is not one is refused by read_xlsx_heading at Ratings!B2; the rows below are not its concern."""

    def change(book: openpyxl.Workbook) -> None:
        book["Ratings"]["B2"] = "02/11/2026"
        book["Ratings"]["E5"] = "great"

    with pytest.raises(PayloadError) as raised:
        read_xlsx_heading(edit(_template(), change), name="hunanwerthuso.xlsx")
    assert [problem.path for problem in raised.value.problems] == ["Ratings!B2"]


def test_a_blank_school_and_date_are_taken_from_those_given() -> None:
    """A workbook left blank at the top is read with the school and date given; blank both ways is an error."""
    made = xlsx_template(FRAMEWORK)
    read = read_self_evaluation_xlsx(made, FRAMEWORK, school=SCHOOL, date=EVALUATION_DATE)
    assert (read.school, read.date) == (SCHOOL, EVALUATION_DATE)
    assert _problems(made) == [
        "Ratings!B1: the school is blank: fill it in",
        "Ratings!B2: the date is blank: fill it in",
    ]


def test_a_school_or_date_given_both_ways_must_agree() -> None:
    """The same school and date given again are fine; different ones are a problem at the workbook's cell."""
    made = _template()
    assert read_self_evaluation_xlsx(made, FRAMEWORK, school=SCHOOL, date=EVALUATION_DATE).school == SCHOOL
    assert _problems(made, school="ysgol-arall", date=datetime.date(2026, 11, 3)) == [
        (
            "Ratings!B1: the workbook gives the school as 'ysgol-enghraifft', and 'ysgol-arall' is given with it: give "
            "the school in one place, or make the two agree"
        ),
        (
            "Ratings!B2: the workbook gives the date as '2026-11-01', and '2026-11-03' is given with it: give the "
            "date in one place, or make the two agree"
        ),
    ]


# Dates


def test_evidence_dates_are_read_from_date_cells_and_iso_text() -> None:
    """A real date cell and 'YYYY-MM-DD' text give the same date."""
    made = edit(
        _template(),
        lambda book: _rated(book, ("PV.1.1", "data", datetime.date(2026, 9, 3)), ("PV.1.1", "data", "2026-09-03")),
    )
    evidence = read_self_evaluation_xlsx(made, FRAMEWORK).ratings[0].evidence
    assert [item.date for item in evidence] == [datetime.date(2026, 9, 3)] * 2


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "03/09/2026",
            (
                "'03/09/2026' is a date typed as text, and which day is meant cannot be told (written so, 03/09/2026 "
                "may be 3 September or 9 March): type it as YYYY-MM-DD, for example 2026-10-14, or clear the cell's "
                "text format and type the date again"
            ),
        ),
        ("3.9.2026", "'3.9.2026' is a date typed as text, and which day is meant cannot be told ..."),
        (
            "2026/09/03",
            (
                "'2026/09/03' is a date typed as text, not as YYYY-MM-DD: type it as YYYY-MM-DD, for example "
                "2026-10-14, or clear the cell's text format and type the date again"
            ),
        ),
        ("last Tuesday", "'last Tuesday' is not a date: type it as YYYY-MM-DD, for example 2026-10-14"),
        ("2026-02-30", "'2026-02-30' is not a date: there is no such day"),
        (46268, "46268 is a number, not a date: format the cell as a date (yyyy-mm-dd) and type the date again"),
        (
            datetime.datetime(2026, 9, 3, 13, 30),  # noqa: DTZ001 (a spreadsheet's date and time, with no zone)
            "2026-09-03 13:30 holds a time of day: give the date alone",
        ),
    ],
)
def test_a_date_that_cannot_be_read_safely_is_refused_saying_why(value: object, message: str) -> None:
    """Ambiguous text dates, text that is no date, bare numbers and times of day are refused at their cell."""

    def change(book: openpyxl.Workbook) -> None:
        _rated(book, ("PV.1.1", "data", value))
        if isinstance(value, int):
            book["Evidence"]["C2"].number_format = "General"  # as a pasted number comes, not as a date

    [problem] = _problems(edit(_template(), change))
    assert problem.startswith("Evidence!C2: ")
    expected = message.removesuffix("...")
    assert problem.removeprefix("Evidence!C2: ").startswith(expected)
    if not message.endswith("..."):
        assert problem == f"Evidence!C2: {message}"


def test_evidence_dated_after_the_self_evaluation_is_refused_at_its_date() -> None:
    """The library's own checks of a self-evaluation apply, said at the Evidence sheet's cell."""
    made = edit(
        _template(),
        lambda book: _rated(
            book, ("PV.1.1", "data", datetime.date(2026, 9, 3)), ("PV.1.1", "data", datetime.date(2026, 12, 1))
        ),
    )
    assert _problems(made) == ["Evidence!C3: evidence dated 2026-12-01 is after the self-evaluation"]


# Every problem, by its cell


def test_every_problem_is_found_at_once_by_sheet_and_cell() -> None:
    """A bad rating, evidence with no rating, an unknown code, a missing kind and date: all said, in sheet order."""

    def change(book: openpyxl.Workbook) -> None:
        ratings = book["Ratings"]
        ratings["E12"] = "mostly-ish"
        ratings[f"E{PV11}"] = "fully"
        _put(book, "Evidence", 2, "SV.1.2", "data", datetime.date(2026, 10, 1))
        _put(book, "Evidence", 3, "XX.1.1", "data", datetime.date(2026, 10, 1))
        _put(book, "Evidence", 4, "PV.1.1", None, None, "a note")
        _put(book, "Evidence", 5, None, "data", datetime.date(2026, 10, 1))
        _put(book, "Evidence", 6, "PV.1.1", "mostly", datetime.date(2026, 10, 1))

    assert _problems(edit(_template(), change)) == [
        "Ratings!E12: 'mostly-ish' is not a rating: choose not yet, partly, mostly, fully or not applicable",
        (
            "Evidence!A2: SV.1.2 has no rating (Ratings!E6), though this row gives evidence for it: give a rating, or "
            "clear this row"
        ),
        "Evidence!A3: no descriptor has the code 'XX.1.1'",
        "Evidence!B4: give the kind of evidence: choose it from the list",
        "Evidence!C4: give the date the evidence was gathered",
        "Evidence!A5: which descriptor is this evidence for? choose its code from the list",
        (
            "Evidence!B6: 'mostly' is not a kind of evidence: choose one from the list; 'mostly' is a rating: put it "
            "on the Ratings sheet"
        ),
    ]


def test_evidence_for_a_rating_that_is_not_a_rating_is_not_said_twice() -> None:
    """Evidence for a descriptor whose rating cell holds a wrong word: the rating is the one problem."""

    def change(book: openpyxl.Workbook) -> None:
        _rated(book, ("PV.1.1", "data", datetime.date(2026, 10, 1)))
        book["Ratings"][f"E{PV11}"] = "great"

    made = edit(_template(), change)
    assert _problems(made) == [
        f"Ratings!E{PV11}: 'great' is not a rating: choose not yet, partly, mostly, fully or not applicable"
    ]


def test_a_changed_code_or_descriptor_is_an_error_at_its_cell() -> None:
    """A code overwritten, a descriptor's text or stage changed, or a header cleared: each refused where it is."""

    def change(book: openpyxl.Workbook) -> None:
        ratings = book["Ratings"]
        ratings["A5"] = "SV.1.2"  # now listed twice
        ratings["D7"] = "Something else entirely"
        ratings["C8"] = None
        ratings["A9"] = "SV.9.9"

    missing, problems = _problems(edit(_template(), change))[:2], _problems(edit(_template(), change))[2:]
    assert [problem.split(" is missing", 1)[0] for problem in missing] == [
        "Ratings: the row of SV.1.1",  # overwritten by SV.1.2's code
        "Ratings: the row of SV.2.1",  # overwritten by a code no descriptor has
    ]
    places = [problem.split(":", 1)[0] for problem in problems]
    assert places == ["Ratings!D5", "Ratings!A6", "Ratings!D7", "Ratings!C8", "Ratings!A9"]
    assert problems[1] == "Ratings!A6: SV.1.2 is listed again (first in row 5): rate each descriptor in one row"
    assert problems[2].startswith("Ratings!D7: the descriptor of SV.1.3 was changed from the template's ")
    assert problems[3] == (
        "Ratings!C8: the stage of SV.1.4 was changed from the template's 'Starting the journey': put it back (undo), "
        "so the row says what is rated"
    )
    assert problems[4] == "Ratings!A9: no descriptor has the code 'SV.9.9'"


def test_a_changed_header_stops_the_sheet_being_read_by_its_columns() -> None:
    """A header cell changed is refused at its cell; what the columns mean can no longer be told."""
    made = _typed("Evidence", "B1", "Kind")
    assert _problems(made) == [
        (
            "Evidence!B1: reads 'Kind', where the template has 'Kind of evidence': put it back (undo), or copy the "
            "entries into a new template"
        )
    ]


def test_nothing_written_outside_the_columns_read_is_dropped() -> None:
    """Cells beyond the columns read, rows below the template's, and a sheet of one's own are each a problem."""

    def change(book: openpyxl.Workbook) -> None:
        book["Ratings"]["F5"] = "my working note"
        book["Ratings"]["C1"] = "hello"
        book["Ratings"][f"E{LAST_RATING + 3}"] = "mostly"
        book["Evidence"]["G3"] = "more"
        book["Judgements"]["E2"] = "aside"
        book.create_sheet("Notes")["A1"] = "our notes"

    assert _problems(edit(_template(), change)) == [
        "Ratings!C1: not a column that is read: move what it holds, or clear it",
        "Ratings!F5: not a column that is read: move what it holds, or clear it",
        (
            f"Ratings!A{LAST_RATING + 3}: no descriptor code in this row: write nothing below the descriptors, or put "
            "the code back"
        ),
        "Evidence!G3: not a column that is read: move what it holds, or clear it",
        "Judgements!E2: not a column that is read: move what it holds, or clear it",
        "Notes!A1: a sheet the template does not have, which is not read: move what it holds, or delete it",
    ]


def test_evidence_beyond_the_template_rows_is_read() -> None:
    """Evidence in a row past those the template sets out is read like any other, not dropped."""
    row = EVIDENCE_ROWS + 20

    def change(book: openpyxl.Workbook) -> None:
        _rated(book)
        _put(book, "Evidence", row, "PV.1.1", "data", datetime.date(2026, 10, 1))

    made = edit(_template(), change)
    assert read_self_evaluation_xlsx(made, FRAMEWORK).ratings[0].evidence == (
        Evidence(EvidenceKind.DATA, datetime.date(2026, 10, 1)),
    )


def test_a_formula_in_a_cell_read_is_refused() -> None:
    """A formula is not read (its value may never have been worked out): the cell says to type the value."""
    made = _typed("Ratings", f"E{PV11}", '=LOWER("MOSTLY")')
    assert _problems(made) == [
        f"Ratings!E{PV11}: holds a formula, which is not read: type the value itself (or copy, then paste as values)"
    ]


def test_judgements_need_a_stage_and_a_rationale() -> None:
    """A stage with no rationale, a rationale with no stage, and a stage not on the list are each refused."""

    def change(book: openpyxl.Workbook) -> None:
        judgements = book["Judgements"]
        judgements["C2"] = "Building momentum"
        judgements["D3"] = "Because"
        judgements["C4"], judgements["D4"] = "Excellent", "Because"
        judgements["A5"] = "XX"

    assert _problems(edit(_template(), change)) == [
        "Judgements!D2: give the rationale: why, in the school's words",
        "Judgements!C3: a rationale with no stage: choose the stage the school judges (or 'none yet'), or clear it",
        "Judgements!C4: 'excellent' is not a stage: choose one from the list, or 'none yet'",
        "Judgements!A5: no aspect has the code 'XX': put the aspect's code back",
    ]


def test_text_over_the_library_limits_is_refused() -> None:
    """A note longer than the JSON payload allows is refused at its cell, as the payload would be."""

    def change(book: openpyxl.Workbook) -> None:
        _rated(book, ("PV.1.1", "data", datetime.date(2026, 10, 1)))
        book["Evidence"]["D2"] = "x" * (MAX_TEXT + 1)

    made = edit(_template(), change)
    assert _problems(made) == [f"Evidence!D2: the note is {MAX_TEXT + 1:,} characters; the most is {MAX_TEXT:,}"]


def test_more_rows_than_the_limit_are_refused() -> None:
    """A sheet written past the most rows read is refused, not cut short."""
    made = _typed("Evidence", f"A{MAX_WORKBOOK_ROWS + 1}", "PV.1.1")
    assert _problems(made) == [f"Evidence!{MAX_WORKBOOK_ROWS + 1}: more than {MAX_WORKBOOK_ROWS:,} rows"]


def test_a_workbook_of_another_edition_is_refused() -> None:
    """The edition the workbook was made for must be the one it is read against."""
    made = _typed("Ratings", "B3", "estyn/1999.1")
    [problem] = _problems(made)
    assert problem.startswith("Ratings!B3: the workbook was made for the edition 'estyn/1999.1', not ")


# Files that are not a workbook


def _zip(*files: tuple[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"code,rating\r\nSV.1.1,mostly\r\n", "not an Excel workbook: the file is text (a CSV file?); save it "),
        (bytes(range(256)) * 4, "not an Excel workbook: the file is neither a workbook nor text; "),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "an Excel 97-2003 workbook (.xls), which is not read: "),
        (
            _zip(("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")),
            (
                "an OpenDocument spreadsheet (.ods), which is not read: save it from your spreadsheet program as an "
                "Excel workbook (.xlsx)"
            ),
        ),
        (_zip(("word/document.xml", b"<x/>")), "not an Excel workbook: a zip file without a workbook in it; "),
        (b"PK\x03\x04 not really a zip", "not an Excel workbook: the file is damaged or is not one "),
        (
            _zip(("xl/workbook.xml", b"<x/>"), ("[Content_Types].xml", b"<x/>")),
            "not read as an Excel workbook (",
        ),
    ],
    ids=["csv", "random", "xls", "ods", "docx", "damaged", "broken-xlsx"],
)
def test_a_file_that_is_not_a_workbook_is_refused_saying_what_it_is(data: bytes, said: str) -> None:
    """CSV text, random bytes, an .xls, an .ods or another zip file is refused with what to do."""
    [problem] = _problems(data)
    assert problem.startswith(f"file: {said}")


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    """A small file whose zip directory claims more than the most unpacked is refused from the directory alone."""
    bomb = _zip(("xl/workbook.xml", b"<x/>"), ("xl/worksheets/sheet1.xml", bytes(40_000_000)))
    assert len(bomb) < 100_000
    [problem] = _problems(bomb)
    assert problem.startswith("file: the workbook unpacks to 40,000,004 bytes; the most read is 30,000,000")


def test_a_file_over_the_byte_limit_is_refused() -> None:
    """More bytes than the most read is refused before anything is opened."""
    [problem] = _problems(b"PK" + bytes(MAX_CSV_BYTES))
    assert problem == f"file: the workbook is {MAX_CSV_BYTES + 2:,} bytes; the most read is {MAX_CSV_BYTES:,}"


def test_without_openpyxl_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where openpyxl is not installed, writing or reading says to install the xlsx extra."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    calls: list[Callable[[], object]] = [
        lambda: xlsx_template(FRAMEWORK),
        lambda: read_self_evaluation_xlsx(b"", FRAMEWORK),
        lambda: read_xlsx_heading(b""),
    ]
    for call in calls:
        with pytest.raises(MissingExtraError, match=r"pip install 'school-improvement\[xlsx\]'") as raised:
            call()
        assert (raised.value.feature, raised.value.extra) == ("the Excel workbook", "xlsx")


def test_importing_the_library_does_not_import_openpyxl() -> None:
    """Openpyxl is imported only when a workbook is written or read."""
    import subprocess  # noqa: PLC0415 (only this test starts a Python of its own)

    code = "import sys, school_improvement; print('openpyxl' in sys.modules)"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "False"


# The round trip


@st.composite
def _evaluations(draw: st.DrawFn) -> SelfEvaluation:
    """Any self-evaluation the workbook has room for: text trimmed, as a cell keeps it, with judgements."""
    evaluation = draw(self_evaluations(aspects=("PV", "SV", "FC")))
    trimmed = tuple(
        rating.__class__(
            rating.descriptor,
            rating.rating,
            tuple(
                Evidence(item.kind, item.date, draw(st.none() | cell_words), draw(st.none() | cell_words))
                for item in rating.evidence
            ),
        )
        for rating in evaluation.ratings
    )
    aspects = draw(st.lists(st.sampled_from([a.code for a in FRAMEWORK.aspects]), unique=True, max_size=4))
    judgements = tuple(
        ProfessionalJudgement(aspect, draw(st.none() | st.sampled_from(list(Stage))), draw(cell_words))
        for aspect in aspects
    )
    return SelfEvaluation(evaluation.school, evaluation.date, evaluation.framework_edition, trimmed, judgements)


@settings(max_examples=20)  # each example writes, fills and reads a whole workbook
@given(_evaluations())
def test_any_self_evaluation_round_trips_through_the_workbook(evaluation: SelfEvaluation) -> None:
    """Written into a template and read back, a self-evaluation is given back equal (judgements in aspect order)."""
    read = read_self_evaluation_xlsx(fill(evaluation), FRAMEWORK)
    order = [aspect.code for aspect in FRAMEWORK.aspects]
    judgements = tuple(sorted(evaluation.judgements, key=lambda judgement: order.index(judgement.aspect)))
    assert read == SelfEvaluation(
        evaluation.school, evaluation.date, evaluation.framework_edition, evaluation.ratings, judgements
    )


def test_the_triangulated_evidence_of_the_helpers_round_trips() -> None:
    """The helpers' usual evidence, on every descriptor, comes back as it went in."""
    evaluation = evaluation_of(*((d.code, Rating.PARTLY) for d in FRAMEWORK.descriptors), school=SCHOOL)
    assert len(evaluation.ratings[0].evidence) == len(TRIANGULATED)
    assert read_self_evaluation_xlsx(fill(evaluation), FRAMEWORK) == evaluation


def test_the_problems_the_how_to_shows_are_what_the_reader_says() -> None:
    """The workbook's problems on the spreadsheet how-to page are the reader's own words, cell by cell."""

    def change(book: openpyxl.Workbook) -> None:
        book["Ratings"][f"E{rating_row('PV.1.1')}"] = "fully"
        book["Ratings"][f"E{rating_row('PV.3.1')}"] = "great"
        _put(book, "Evidence", 2, "PV.2.1", "learner voice", datetime.date(2026, 10, 14))
        _put(book, "Evidence", 3, "PV.1.1", "documentation", "14/10/2026")
        _put(book, "Evidence", 4, "PV.1.1", "learner voice")

    problems = _problems(edit(_template(), change))
    page = (ROOT / "docs" / "how-to" / "spreadsheet-template.md").read_text(encoding="utf-8")
    shown = page.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    assert shown == [f"school-improvement: ysgol-enghraifft.xlsx: {len(problems)} problem(s):"] + [
        f"  {problem}" for problem in problems
    ]


def test_a_heading_date_that_is_not_a_date_is_said_once() -> None:
    """A date cell holding text that is not a date is that one problem, not also 'blank'."""
    assert _problems(_typed("Ratings", "B2", "02/11/2026")) == [
        (
            "Ratings!B2: '02/11/2026' is a date typed as text, and which day is meant cannot be told (written so, "
            "03/09/2026 may be 3 September or 9 March): type it as YYYY-MM-DD, for example 2026-10-14, or clear the "
            "cell's text format and type the date again"
        )
    ]


def test_a_deleted_row_of_the_ratings_sheet_is_refused_rather_than_read_as_unrated() -> None:
    """A rated row deleted loses its rating: the reader says which descriptor's row is missing, not 'not rated'."""

    def change(book: openpyxl.Workbook) -> None:
        book["Ratings"][f"E{PV11}"] = "fully"
        book["Ratings"].delete_rows(PV11)

    said = (
        f"Ratings: the row of PV.1.1 is missing (row {PV11} in the template): put it back (undo, or copy it from a new "
        "template) with its rating, so that nothing rated is lost"
    )
    assert _problems(edit(_template(), change)) == [said]

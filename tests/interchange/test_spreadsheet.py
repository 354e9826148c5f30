"""The spreadsheet template: blank, filled and read back, with errors naming the row and column."""

import csv
import datetime
import io
from collections.abc import Callable

import pytest
from hypothesis import given, strategies as st

from helpers import FRAMEWORK
from school_improvement import (
    EvidenceKind,
    PayloadError,
    Rating,
    SelfEvaluation,
    csv_template,
    read_self_evaluation_csv,
)
from school_improvement._interchange.spreadsheet import COLUMNS, CsvHeading, read_csv_heading

DATE = datetime.date(2026, 11, 2)


def _fill(changes: dict[str, dict[str, str]], *, delimiter: str = ",") -> str:
    """The template with some rows filled in, written back as a spreadsheet would."""
    rows = list(csv.DictReader(io.StringIO(csv_template(FRAMEWORK))))
    for row in rows:
        row.update(changes.get(row["code"], {}))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _read(text: str | bytes) -> SelfEvaluation:
    return read_self_evaluation_csv(text, FRAMEWORK, school="ysgol-enghraifft", date=DATE, name="hunanwerthuso.csv")


def test_template_has_a_row_per_descriptor_in_source_order() -> None:
    """The blank template lists every descriptor once, verbatim, with its aspect and stage."""
    rows = list(csv.DictReader(io.StringIO(csv_template(FRAMEWORK))))
    assert [row["code"] for row in rows] == [d.code for d in FRAMEWORK.descriptors]
    assert rows[0]["descriptor"] == FRAMEWORK.descriptor("SV.1.1").text.en
    assert rows[-1]["stage"] == "Sustaining high standards"
    professional = next(row for row in rows if row["code"] == "PL.1.1")
    assert (
        professional["descriptor"].splitlines()[1]
        == "- provide specific support for staff to improve the quality of their teaching"
    )


def test_blank_template_reads_back_empty() -> None:
    """A template read back unfilled is a self-evaluation with no ratings."""
    evaluation = read_self_evaluation_csv(csv_template(FRAMEWORK), FRAMEWORK, school="s", date=DATE)
    assert evaluation.ratings == ()
    assert evaluation.framework_edition == FRAMEWORK.edition_id


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_filled_template_reads_back(encoding: str, delimiter: str) -> None:
    """Ratings, kinds, dates in both forms and Welsh notes come back, with or without a BOM, whatever the delimiter."""
    text = _fill(
        {
            "PV.1.1": {
                "rating": "Fully",
                "evidence_kinds": "learner voice; Governor views",
                "evidence_date": "2026-10-14",
                "notes": "Cyngor ysgol â'r llywodraethwyr; ŵyr a ŷd",
            },
            "PV.2.1": {"rating": "not yet", "evidence_kinds": "staff-views", "evidence_date": "3/9/2026", "notes": ""},
            "FC.1.1": {"rating": "not applicable"},
        },
        delimiter=delimiter,
    )
    evaluation = _read(text.encode(encoding))
    assert [(r.descriptor, r.rating) for r in evaluation.ratings] == [
        ("PV.1.1", Rating.FULLY),
        ("PV.2.1", Rating.NOT_YET),
        ("FC.1.1", Rating.NOT_APPLICABLE),
    ]
    first = evaluation.ratings[0]
    assert [e.kind for e in first.evidence] == [EvidenceKind.LEARNER_VOICE, EvidenceKind.GOVERNOR_VIEWS]
    assert first.evidence[0].note == "Cyngor ysgol â'r llywodraethwyr; ŵyr a ŷd"
    assert evaluation.ratings[1].evidence[0].date == datetime.date(2026, 9, 3)


def test_errors_name_row_and_column() -> None:
    """Every problem in a filled template is reported at once, by row and column; nothing is loaded."""
    text = _fill(
        {
            "SV.1.1": {"rating": "brilliant"},
            "SV.1.2": {"rating": "mostly", "evidence_kinds": "gossip", "evidence_date": "2026-10-01"},
            "SV.1.3": {"rating": "mostly", "evidence_kinds": "data", "evidence_date": "31/02/2026"},
            "SV.1.4": {"rating": "mostly", "evidence_kinds": "data", "evidence_date": "2027-01-01"},
            "SV.2.1": {"rating": "mostly", "evidence_kinds": "data"},
        }
    )
    text += "ZZ.9.9,,,,fully,,,\r\n"
    with pytest.raises(PayloadError) as raised:
        _read(text)
    assert raised.value.source == "hunanwerthuso.csv"
    assert [str(p) for p in raised.value.problems] == [
        "row 2, column rating: 'brilliant' is not a rating: use not yet, partly, mostly, fully or not applicable",
        "row 3, column evidence_kinds: 'gossip' is not a kind of evidence",
        "row 4, column evidence_date: '31/02/2026' is not a date: use YYYY-MM-DD or DD/MM/YYYY",
        "row 5, column evidence_date: evidence dated 2027-01-01 is after the self-evaluation",
        "row 6, column evidence_date: give the date the evidence was gathered",
        "row 102, column code: no descriptor has the code 'ZZ.9.9'",
    ]


def test_rated_twice_and_missing_columns() -> None:
    """A descriptor rated in two rows, and a header without the needed columns, are refused clearly."""
    text = _fill({"PV.1.1": {"rating": "mostly"}}) + "PV.1.1,,,,partly,,,\r\n"
    with pytest.raises(PayloadError, match=r"row 102, column code: PV\.1\.1 is rated again \(first in row 93\)"):
        _read(text)
    with pytest.raises(PayloadError, match="row 1: the header lacks the column"):
        _read("code,score\r\nPV.1.1,3\r\n")


def test_encoding_and_size_limits() -> None:
    """A file that is not UTF-8, or too large, is refused with a reason."""
    with pytest.raises(PayloadError, match="save the spreadsheet as 'CSV UTF-8'"):
        _read(csv_template(FRAMEWORK).replace("Strategic", "Strategic ŵ").encode("utf-16"))
    with pytest.raises(PayloadError, match="the most read is 2,000,000"):
        _read(b"," * 2_000_001)


@given(
    st.dictionaries(
        st.sampled_from([d.code for d in FRAMEWORK.descriptors]), st.sampled_from(list(Rating)), max_size=20
    )
)
def test_any_filled_ratings_round_trip(ratings: dict[str, Rating]) -> None:
    """Whatever ratings are filled in, they come back as entered."""
    text = _fill(
        {
            code: {
                "rating": rating.value.replace("-", " "),
                "evidence_kinds": "learner voice",
                "evidence_date": "2026-10-01",
            }
            for code, rating in ratings.items()
        }
    )
    evaluation = _read(text)
    assert {r.descriptor: r.rating for r in evaluation.ratings} == ratings


def _headed(school: str = "ysgol-enghraifft", date: str = "2026-11-02") -> str:
    """A template that says its school and date, with one rating filled in, as a spreadsheet saves it."""
    template = csv_template(FRAMEWORK, school=school, date=datetime.date(2026, 11, 2))
    template = template.replace("date,2026-11-02\r\n", f"date,{date}\r\n")
    return template.replace(
        "PV.1.1,Using pupil voice,Starting the journey,"
        "Establish arrangements to take account of and act upon the views of pupils.,,,,",
        "PV.1.1,Using pupil voice,Starting the journey,"
        "Establish arrangements to take account of and act upon the views of pupils.,fully,learner voice,"
        "14/10/2026,",
    )


def test_a_template_given_a_school_and_date_says_them_above_its_header() -> None:
    """The school and the date are the first two rows, a label in column A and the value in B; the header follows."""
    lines = csv_template(FRAMEWORK, school="Ysgol Enghraifft", date=DATE).splitlines()
    assert lines[:3] == ["school,Ysgol Enghraifft", "date,2026-11-02", ",".join(COLUMNS)]
    assert csv_template(FRAMEWORK, school="s").splitlines()[:2] == ["school,s", "date,"]
    assert csv_template(FRAMEWORK).splitlines()[0] == ",".join(COLUMNS)


def test_a_template_that_says_its_school_and_date_reads_back_without_them() -> None:
    """Read back, the file's own school and date are the self-evaluation's; nothing else need be given."""
    evaluation = read_self_evaluation_csv(_headed(), FRAMEWORK, name="hunanwerthuso.csv")
    assert (evaluation.school, evaluation.date) == ("ysgol-enghraifft", DATE)
    assert [rating.descriptor for rating in evaluation.ratings] == ["PV.1.1"]
    assert read_csv_heading(_headed()) == CsvHeading(
        "ysgol-enghraifft", DATE, (("school", "row 1, column B"), ("date", "row 2, column B"))
    )


@pytest.mark.parametrize(
    "saved",
    [
        lambda text: text.replace("school,ysgol-enghraifft\r\n", "school,ysgol-enghraifft,,,,,,,\r\n").replace(
            "date,2026-11-02\r\n", "date,02/11/2026,,,,,,,\r\n"
        ),
        lambda text: (
            text.replace("school,ysgol-enghraifft\r\n", "School;ysgol-enghraifft;;;;;;;\r\n")
            .replace("date,2026-11-02\r\n", "Date;2/11/2026;;;;;;;\r\n")
            .replace(",", ";")
        ),
        lambda text: "\ufeff" + text.replace("\r\n", "\n"),
    ],
    ids=["excel", "semicolons", "bom-and-newlines"],
)
def test_the_heading_survives_a_spreadsheet_program(saved: Callable[[str], str]) -> None:
    """As Excel or LibreOffice save it: rows padded with empty cells, the date as DD/MM/YYYY, semicolons, a BOM."""
    text = saved(_headed())
    if ";" in text.partition("\n")[0]:
        text = text.replace("Establish arrangements to take account of and act upon the views of pupils.", "x")
    evaluation = read_self_evaluation_csv(text, FRAMEWORK)
    assert (evaluation.school, evaluation.date) == ("ysgol-enghraifft", DATE)
    assert [rating.descriptor for rating in evaluation.ratings] == ["PV.1.1"]


def test_an_older_file_without_a_heading_is_read_with_the_school_and_date_given() -> None:
    """A file with the header in row 1, as templates were written before, is read with those given to the reader."""
    text = _headed().split("\r\n", 2)[2]
    evaluation = read_self_evaluation_csv(text, FRAMEWORK, school="ysgol-enghraifft", date=DATE)
    assert (evaluation.school, evaluation.date) == ("ysgol-enghraifft", DATE)
    with pytest.raises(PayloadError) as raised:
        read_self_evaluation_csv(text, FRAMEWORK)
    assert [str(problem) for problem in raised.value.problems] == [
        (
            "row 1: no school is given: write it in a row above the header, 'school' in column A and the school in "
            "column B, as the template does when it is given one"
        ),
        (
            "row 1: no date is given: write it in a row above the header, 'date' in column A and the date in column "
            "B, as the template does when it is given one"
        ),
    ]


def test_a_school_or_date_given_both_ways_must_agree() -> None:
    """Given with the file as well as in it, the same school and date are fine; different ones are refused, named."""
    same = read_self_evaluation_csv(_headed(), FRAMEWORK, school="ysgol-enghraifft", date=DATE)
    assert same.school == "ysgol-enghraifft"
    with pytest.raises(PayloadError) as raised:
        read_self_evaluation_csv(_headed(), FRAMEWORK, school="ysgol-arall", date=datetime.date(2026, 11, 3))
    assert [str(problem) for problem in raised.value.problems] == [
        (
            "row 1, column B: the file gives the school as 'ysgol-enghraifft', and 'ysgol-arall' is given with it: "
            "give the school in one place, or make the two agree"
        ),
        (
            "row 2, column B: the file gives the date as '2026-11-02', and '2026-11-03' is given with it: give the "
            "date in one place, or make the two agree"
        ),
    ]


def test_every_problem_in_the_heading_and_the_rows_is_listed_at_once() -> None:
    """A date that is not one, a blank school, a row below with a bad rating: all listed, by row and column."""
    text = _headed(school="", date="31/02/2026").replace("fully,learner voice", "brilliant,learner voice")
    with pytest.raises(PayloadError) as raised:
        read_self_evaluation_csv(text, FRAMEWORK)
    assert [str(problem) for problem in raised.value.problems] == [
        "row 1, column B: the school is blank: fill it in",
        "row 2, column B: '31/02/2026' is not a date: use YYYY-MM-DD or DD/MM/YYYY",
        "row 95, column rating: 'brilliant' is not a rating: use not yet, partly, mostly, fully or not applicable",
    ]


def test_nothing_written_outside_the_read_columns_is_dropped() -> None:
    """A value past the header's columns, in a column of the user's own, or beside a heading value, is refused."""
    text = _headed().replace("date,2026-11-02\r\n", "date,2026-11-02,autumn\r\n")
    text = text.replace(",fully,learner voice,14/10/2026,\r\n", ",fully,learner voice,14/10/2026,,spare,more\r\n")
    text = text.replace(",".join(COLUMNS), ",".join(COLUMNS).replace("notes", "notes,") + "our own", 1)
    with pytest.raises(PayloadError) as raised:
        read_self_evaluation_csv(text, FRAMEWORK)
    assert [str(problem) for problem in raised.value.problems] == [
        "row 2, column C: not read: the date row gives the date in column B alone",
        "row 95, column our own: not a column that is read: move what it holds, or clear it",
        "row 95, column J: not a column that is read: move what it holds, or clear it",
    ]


def test_rows_are_numbered_as_the_spreadsheet_numbers_them_blank_rows_too() -> None:
    """Blank rows above the header and among the rows count, so a problem's row is the one the spreadsheet shows."""
    text = _headed().replace("date,2026-11-02\r\n", "date,2026-11-02\r\n\r\n", 1)
    text = text.replace("\r\nPV.1.1,", "\r\n\r\nPV.1.1,", 1).replace("fully,learner voice", "great,learner voice")
    with pytest.raises(PayloadError, match=r"row 97, column rating: 'great' is not a rating"):
        read_self_evaluation_csv(text, FRAMEWORK)


def test_a_heading_row_given_twice_is_refused() -> None:
    """Two school rows: which one is meant cannot be told, so the second is refused at its place."""
    text = "school,a\r\n" + _headed()
    with pytest.raises(PayloadError, match=r"row 2, column A: the school is given twice \(first in row 1\)"):
        read_csv_heading(text)

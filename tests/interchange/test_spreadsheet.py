"""The spreadsheet template: blank, filled and read back, with errors naming the row and column."""

import csv
import datetime
import io

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

"""The workbook saved by LibreOffice, as a school saving it there would: read back unchanged, locks and lists kept."""

import datetime
import io

import openpyxl
import pytest

from helpers import EVALUATION_DATE, FRAMEWORK, evaluation_of
from office.conftest import Resave
from office.workbooks import edit, fill, rating_row
from school_improvement import (
    Evidence,
    EvidenceKind,
    PayloadError,
    ProfessionalJudgement,
    Rating,
    Stage,
    read_self_evaluation_xlsx,
)

EVALUATION = evaluation_of(
    ("SV.1.1", Rating.FULLY),
    (
        "PL.1.1",
        Rating.MOSTLY,
        (
            Evidence(
                EvidenceKind.DATA,
                datetime.date(2026, 9, 3),
                "Ŵyn a\u2019r \u201ccyngor\u201d\non two lines",
                "=Folder 3",
            ),
            Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2024, 1, 1), None, "2026"),
        ),
    ),
    ("PV.1.1", Rating.NOT_APPLICABLE, ()),
    ("FC.4.1", Rating.NOT_YET),
    school="ysgol-enghraifft",
    judgements=[
        ProfessionalJudgement("SV", Stage.BUILDING_MOMENTUM, "Governors' minutes, 2026"),
        ProfessionalJudgement("FC", None, "Too early to say"),
    ],
)
"""A self-evaluation with something of everything the workbook holds: Welsh letters, quotes, a line break, text
that looks like a formula or a number, a rating with no evidence, a judgement of no stage."""


@pytest.fixture(scope="module")
def saved(resave: Resave) -> bytes:
    """The filled-in workbook, opened and saved by LibreOffice."""
    return resave(fill(EVALUATION))


def test_a_workbook_saved_by_libreoffice_reads_back_unchanged(saved: bytes) -> None:
    """LibreOffice's save of a filled-in workbook reads back as the same self-evaluation."""
    assert read_self_evaluation_xlsx(saved, FRAMEWORK) == EVALUATION


def test_libreoffice_keeps_the_protection_locks_and_drop_down_lists(saved: bytes) -> None:
    """After LibreOffice's save, every sheet is still protected, the same cells locked, the same lists offered."""
    book = openpyxl.load_workbook(io.BytesIO(saved))
    assert book.sheetnames == ["Instructions", "Ratings", "Evidence", "Judgements"]
    assert all(sheet.protection.sheet for sheet in book.worksheets)
    ratings, evidence = book["Ratings"], book["Evidence"]
    row = rating_row("PL.1.1")
    assert [ratings[f"{column}{row}"].protection.locked for column in "ABCDE"] == [True] * 4 + [False]
    assert [evidence[f"{column}2"].protection.locked for column in "ABCDE"] == [False] * 5
    lists = {
        str(validation.sqref): validation.formula1
        for sheet in book.worksheets
        for validation in sheet.data_validations.dataValidation
        if validation.type == "list"
    }
    assert lists[f"E5:E{4 + len(FRAMEWORK.descriptors)}"] == '"not yet,partly,mostly,fully,not applicable"'
    assert lists["A2:A501"] == "Ratings!$A$5:$A$1004"
    assert lists["B2:B501"] == '"' + ",".join(kind.label for kind in EvidenceKind) + '"'
    dates = [
        str(validation.sqref)
        for sheet in book.worksheets
        for validation in sheet.data_validations.dataValidation
        if validation.type == "date"
    ]
    assert dates == ["B2", "C2:C501"]
    assert ratings["B2"].is_date
    assert ratings["B2"].value.date() == EVALUATION_DATE


def test_dates_typed_as_text_and_saved_by_libreoffice_are_read_or_refused(resave: Resave) -> None:
    """ISO text is read as its date; '03/09/2026' typed as text is refused at its cell, after LibreOffice's save."""

    def change(book: openpyxl.Workbook) -> None:
        evidence = book["Evidence"]
        for row, typed in ((2, "2026-09-03"), (3, "03/09/2026")):
            evidence[f"A{row}"], evidence[f"B{row}"] = "PV.1.1", "learner voice"
            evidence[f"C{row}"] = typed
            evidence[f"C{row}"].number_format = "@"  # a text cell, as a school's pasted text makes one
        book["Ratings"][f"E{rating_row('PV.1.1')}"] = "partly"

    saved = resave(edit(fill(evaluation_of(school="ysgol-enghraifft")), change))
    assert openpyxl.load_workbook(io.BytesIO(saved))["Evidence"]["C3"].value == "03/09/2026"
    with pytest.raises(PayloadError) as raised:
        read_self_evaluation_xlsx(saved, FRAMEWORK)
    [problem] = raised.value.problems
    assert problem.path == "Evidence!C3"
    assert problem.message.startswith("'03/09/2026' is a date typed as text, and which day is meant cannot be told")
    fixed = edit(saved, lambda book: book["Evidence"].delete_rows(3))
    evidence = read_self_evaluation_xlsx(fixed, FRAMEWORK).ratings[0].evidence
    assert evidence == (Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 9, 3)),)

"""Workbooks filled in as a school fills them: a self-evaluation written into the template's cells with openpyxl."""

import io
from collections.abc import Callable
from typing import Any

import openpyxl

from helpers import FRAMEWORK
from school_improvement import SelfEvaluation, xlsx_template
from school_improvement._interchange.workbook import NONE_YET

RATINGS_FROM = 5
"""The Ratings sheet's first descriptor row."""


def rating_row(code: str) -> int:
    """The row of a descriptor on the template's Ratings sheet."""
    return RATINGS_FROM + [descriptor.code for descriptor in FRAMEWORK.descriptors].index(code)


def _text(cell: Any, value: str | None) -> None:
    """Put text in a cell as text, even text that starts with '=' (typed so, it would be a formula)."""
    cell.value = value
    if value is not None:
        cell.data_type = "s"


def edit(made: bytes, change: Callable[[openpyxl.Workbook], object]) -> bytes:
    """The workbook with ``change`` made to it, saved again."""
    book = openpyxl.load_workbook(io.BytesIO(made))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fill(evaluation: SelfEvaluation, *, heading: bool = True) -> bytes:
    """A template filled in with the self-evaluation: ratings, evidence in order, judgements; its school and date."""
    made = xlsx_template(FRAMEWORK, school=evaluation.school if heading else None)

    def write(book: openpyxl.Workbook) -> None:
        ratings, evidence, judgements = book["Ratings"], book["Evidence"], book["Judgements"]
        if heading:
            ratings["B2"] = evaluation.date
        row = 2
        for rated in evaluation.ratings:
            ratings[f"E{rating_row(rated.descriptor)}"] = rated.rating.value.replace("-", " ")
            for item in rated.evidence:
                evidence[f"A{row}"] = rated.descriptor
                evidence[f"B{row}"] = item.kind.label
                evidence[f"C{row}"] = item.date
                _text(evidence[f"D{row}"], item.note)
                _text(evidence[f"E{row}"], item.reference)
                row += 1
        aspects = [aspect.code for aspect in FRAMEWORK.aspects]
        for judgement in evaluation.judgements:
            at = 2 + aspects.index(judgement.aspect)
            stage = NONE_YET if judgement.stage is None else FRAMEWORK.stage_name(judgement.stage).en
            judgements[f"C{at}"] = stage
            _text(judgements[f"D{at}"], judgement.rationale)

    return edit(made, write)

"""The spreadsheet template: a blank self-evaluation as CSV, filled in a spreadsheet and read back."""

import csv
import datetime
import io
import re

from school_improvement._assessment.checked import self_evaluation_problems
from school_improvement._assessment.evidence import DescriptorRating, Evidence, EvidenceKind, Rating, SelfEvaluation
from school_improvement._content.framework import Framework
from school_improvement._csv import csv_rows, decode_csv
from school_improvement._errors import PayloadError, Problem
from school_improvement._interchange.cells import cell, not_a_date, spreadsheet_date
from school_improvement._limits import MAX_CSV_BYTES, MAX_CSV_ROWS

COLUMNS = ("code", "aspect", "stage", "descriptor", "rating", "evidence_kinds", "evidence_date", "notes")
"""The template's columns. ``aspect``, ``stage`` and ``descriptor`` are for the reader; the rest are read back."""
_READ_BACK = ("code", "rating", "evidence_kinds", "evidence_date", "notes")

_RATINGS = {rating.value: rating for rating in Rating} | {rating.value.replace("-", " "): rating for rating in Rating}
_KINDS = {kind.value: kind for kind in EvidenceKind} | {kind.label: kind for kind in EvidenceKind}


def csv_template(framework: Framework) -> str:
    """A blank self-evaluation: one row per descriptor, in source order, to fill in a spreadsheet.

    Fill in ``rating`` (not yet, partly, mostly, fully, or not applicable),
    ``evidence_kinds`` (one or more kinds, separated by semicolons, such as
    ``learner voice; lesson observation``), ``evidence_date`` (YYYY-MM-DD, or
    DD/MM/YYYY as UK spreadsheets write it) and ``notes``. Leave ``rating``
    blank for a descriptor not yet rated. Notes are about the school: never
    pupils' personal data.

    Examples:
        >>> from school_improvement import csv_template, load_framework
        >>> print(csv_template(load_framework()).splitlines()[1])
        SV.1.1,Strategic vision,Starting the journey,Establish a vision for pupils' learning and wellbeing.,,,,
    """
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for descriptor in framework.descriptors:
        aspect = framework.aspect(descriptor.aspect).title.en
        stage = framework.stage_name(descriptor.stage).en
        writer.writerow([descriptor.code, aspect, stage, descriptor.full_text, "", "", "", ""])
    return out.getvalue()


_FILLED_IN = ("rating", "evidence_kinds", "evidence_date", "notes")
"""The columns a school fills in: a row with none of them filled is not rated."""


def _misplaced(value: str) -> str:
    """A hint when a rating word stands in another column."""
    return f"; {value!r} is a rating: put it in the rating column" if value.lower() in _RATINGS else ""


def _rating(row: dict[str, str], number: int, date: datetime.date, problems: list[Problem]) -> DescriptorRating | None:
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
    evidence_date = date
    if when:
        try:
            evidence_date = spreadsheet_date(when)
        except ValueError:
            message = f"{not_a_date(when)}{_misplaced(when)}"
            problems.append(Problem(cell(number, "evidence_date"), message))
    elif kinds:
        problems.append(Problem(cell(number, "evidence_date"), "give the date the evidence was gathered"))
    note = row.get("notes") or None
    return DescriptorRating(code, rating, tuple(Evidence(kind, evidence_date, note) for kind in kinds))


def read_self_evaluation_csv(
    source: str | bytes,
    framework: Framework,
    *,
    school: str,
    date: datetime.date,
    name: str = "<spreadsheet>",
) -> SelfEvaluation:
    r"""Read a filled-in template back as a self-evaluation, with the same checks as any input.

    Reads UTF-8 with or without a byte-order mark, with commas, semicolons or
    tabs as spreadsheets write them; Welsh letters are kept. A row left blank
    is not rated; a row with evidence, a date or a note but no rating is an
    error, so nothing written in the spreadsheet is dropped without a word.

    Args:
        source: The CSV text or bytes.
        framework: The edition the template was made from.
        school: The school's reference.
        date: The date of the self-evaluation.
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
        >>> filled = "\r\n".join([header, row])
        >>> when = datetime.date(2026, 11, 2)
        >>> evaluation = read_self_evaluation_csv(filled, framework, school="ysgol-enghraifft", date=when)
        >>> rating = evaluation.ratings[0]
        >>> rating.descriptor, rating.rating.value, [e.kind.value for e in rating.evidence], rating.evidence[0].date
        ('PV.1.1', 'mostly', ['learner-voice', 'staff-views'], datetime.date(2026, 10, 14))
    """
    rows = csv_rows(decode_csv(source, name, MAX_CSV_BYTES), name, _READ_BACK, MAX_CSV_ROWS)
    problems: list[Problem] = []
    ratings: list[DescriptorRating] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        code = row.get("code", "")
        if not framework.has_descriptor(code):
            if code or any(row.get(column) for column in _FILLED_IN):
                problems.append(Problem(cell(number, "code"), f"no descriptor has the code {code!r}"))
            continue
        if code in seen and any(row.get(column) for column in _FILLED_IN):
            problems.append(Problem(cell(number, "code"), f"{code} is rated again (first in row {seen[code]})"))
            continue
        rating = _rating(row, number, date, problems)
        if rating is not None:
            seen[code] = number
            ratings.append(rating)
    evaluation = SelfEvaluation(school, date, framework.edition_id, tuple(ratings))
    rows_of = {rating.descriptor: seen[rating.descriptor] for rating in ratings}
    for problem in self_evaluation_problems(framework, evaluation):
        match = re.match(r"^\$\.ratings\[(\d+)\]", problem.path)
        at = rows_of[ratings[int(match.group(1))].descriptor] if match else 1
        problems.append(Problem(cell(at, "evidence_date"), problem.message))
    if problems:
        raise PayloadError(name, sorted(problems, key=lambda p: int(re.findall(r"\d+", p.path)[0])))
    return evaluation

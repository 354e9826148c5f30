"""The door: nothing lost and nothing misread on the way in; warnings with their place; limits kept while reading."""

import copy
import csv
import datetime
import io
import json
import warnings
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, strategies as st

from helpers import FRAMEWORK, evaluation_of, pipe_offering
from school_improvement import (
    DevelopmentPlan,
    FrameworkError,
    GapAnalysis,
    PayloadError,
    Problem,
    Rating,
    Recommendation,
    SelfEvaluation,
    SelfEvaluationWarning,
    StageProfile,
    assess,
    csv_template,
    dumps,
    framework_from_data,
    load_self_evaluation,
    loads,
    read_framework,
    read_self_evaluation_csv,
    run_cycle,
    self_evaluation_warnings,
    to_payload,
)
from school_improvement._interchange.schema import self_evaluation_payload
from school_improvement._limits import MAX_CONTENT_BYTES
from strategies import date_like

EDITION = FRAMEWORK.edition_id
REPEATED = "this key is given more than once in one object"
LV = {"kind": "learner-voice", "date": "2026-10-01"}


def _payload(*ratings: dict[str, Any], date: object = "2026-11-02") -> dict[str, Any]:
    """A self-evaluation payload with these ratings."""
    data = {"school": "s", "date": date, "framework_edition": EDITION, "ratings": list(ratings)}
    return {"schema_version": 1, "kind": "self-evaluation", "framework_edition": EDITION, "data": data}


def _schema(kind: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        files("school_improvement").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
    )
    return schema


def test_a_rating_without_evidence_loads_with_a_warning_at_its_place() -> None:
    """A rating given with no evidence loads, with a warning naming its place; not applicable needs no evidence."""
    payload = _payload(
        {"descriptor": "PV.1.1", "rating": "mostly", "evidence": [LV]},
        {"descriptor": "PV.2.1", "rating": "fully", "evidence": []},
        {"descriptor": "PV.3.1", "rating": "not-applicable", "evidence": []},
    )
    assert issubclass(SelfEvaluationWarning, UserWarning)
    with pytest.warns(SelfEvaluationWarning) as warned:
        evaluation = load_self_evaluation(payload, name="upload.json")
    (warning,) = warned.list
    assert isinstance(warning.message, SelfEvaluationWarning)
    assert warning.message.source == "upload.json"
    unevidenced = "PV.2.1 is rated 'fully' with no evidence, so it counts as not rated"
    assert warning.message.problems == (Problem("$.data.ratings[1].evidence", unevidenced),)
    assert self_evaluation_warnings(evaluation) == [Problem("$.ratings[1].evidence", unevidenced)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_self_evaluation(_payload({"descriptor": "PV.3.1", "rating": "not-applicable", "evidence": []}))


def _repeating(text: str, key: str, first: str) -> str:
    """JSON text with ``key`` given twice in the object where it first appears, ``first`` the earlier value."""
    place = text.index(f'"{key}":')
    return text[:place] + f'"{key}": {first}, ' + text[place:]


@pytest.mark.parametrize(
    ("key", "first", "path"),
    [
        ("rating", '"not-yet"', "$.data.ratings[0].rating"),
        ("kind", '"stage-profile"', "$.kind"),
        ("date", '"2026-01-01"', "$.data.date"),
    ],
)
def test_a_key_given_twice_is_refused_with_its_place(key: str, first: str, path: str) -> None:
    """A key given twice in one object is refused by every loader, text or bytes, rather than the last one winning."""
    text = _repeating(json.dumps(_payload({"descriptor": "PV.1.1", "rating": "fully", "evidence": [LV]})), key, first)
    loaders: list[Callable[[], SelfEvaluation]] = [
        lambda: load_self_evaluation(text),
        lambda: load_self_evaluation(text.encode("utf-8")),
        lambda: loads(text, SelfEvaluation),
    ]
    for load in loaders:
        with pytest.raises(PayloadError) as raised:
            load()
        assert raised.value.problems == (Problem(path, REPEATED),)


def test_every_key_given_twice_is_reported_at_once() -> None:
    """Keys repeated in several objects are all reported, each at its path."""
    text = json.dumps(_payload({"descriptor": "PV.1.1", "rating": "fully", "evidence": [LV]}))
    text = _repeating(_repeating(text, "school", '"t"'), "descriptor", '"PV.2.1"')
    with pytest.raises(PayloadError) as raised:
        load_self_evaluation(text)
    assert [problem.path for problem in raised.value.problems] == ["$.data.school", "$.data.ratings[0].descriptor"]


def test_the_validated_payload_holds_only_the_keys_given() -> None:
    """Nothing is filled in by the validator, a field left out stays out: the loader counts the keys given."""
    payload = _payload(
        {"descriptor": "PV.1.1", "rating": "fully", "evidence": [LV]},
        {"descriptor": "PV.2.1", "rating": "not-applicable"},
    )
    adapter = self_evaluation_payload()
    assert adapter.validate_json(json.dumps(payload)) == payload
    assert adapter.validate_python(payload) == payload


def test_a_key_given_twice_beside_a_field_left_out_is_refused() -> None:
    """A field left out is not counted as given: one repeat beside one absent reference is still found."""
    noted = {**LV, "note": "a note"}
    text = _repeating(
        json.dumps(_payload({"descriptor": "PV.1.1", "rating": "fully", "evidence": [noted]})),
        "note",
        '"an earlier note"',
    )
    with pytest.raises(PayloadError) as raised:
        load_self_evaluation(text)
    assert raised.value.problems == (Problem("$.data.ratings[0].evidence[0].note", REPEATED),)


def test_a_framework_file_with_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    """An edition file read from disk refuses a repeated key too, at its path."""
    text = (
        files("school_improvement").joinpath("data", "estyn-school-improvement-journeys-2026.1.json").read_text("utf-8")
    )
    path = tmp_path / "edition.json"
    path.write_text(_repeating(text, "format", "2"), encoding="utf-8")
    with pytest.raises(FrameworkError) as raised:
        read_framework(path)
    assert raised.value.problems == (Problem("$.format", REPEATED),)


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("20261102", "expected a date as YYYY-MM-DD, not '20261102'"),
        ("2026-11-02T00:00:00Z", "expected a date as YYYY-MM-DD, not '2026-11-02T00:00:00Z'"),
        ("1793577600", "expected a date as YYYY-MM-DD, not '1793577600'"),
        ("2026-02-30", "'2026-02-30' is not a date: there is no such day"),
    ],
)
def test_dates_are_taken_only_as_year_month_day(date: str, message: str) -> None:
    """Both loaders refuse a compact date, a time, a timestamp and an impossible day, with the same words."""
    with pytest.raises(PayloadError) as untrusted:
        load_self_evaluation(_payload(date=date))
    profile = to_payload(assess(FRAMEWORK, evaluation_of()))
    profile["data"]["date"] = date
    with pytest.raises(PayloadError) as trusted:
        loads(json.dumps(profile), StageProfile)
    assert untrusted.value.problems == trusted.value.problems == (Problem("$.data.date", message),)


def test_a_date_as_a_number_is_refused_by_both_loaders() -> None:
    """A timestamp given as a number is no date to either loader."""
    with pytest.raises(PayloadError) as untrusted:
        load_self_evaluation(_payload(date=1793577600))
    profile = to_payload(assess(FRAMEWORK, evaluation_of()))
    profile["data"]["date"] = 1793577600
    with pytest.raises(PayloadError) as trusted:
        loads(json.dumps(profile), StageProfile)
    for raised in (untrusted, trusted):
        ((path, message),) = [(problem.path, problem.message) for problem in raised.value.problems]
        assert (path, message.startswith("expected a date as YYYY-MM-DD")) == ("$.data.date", True)


def _accepts(load: Callable[[], object]) -> bool:
    try:
        load()
    except PayloadError:
        return False
    return True


@given(date_like, st.sampled_from(["self-evaluation", "evidence"]))
def test_a_self_evaluation_loads_exactly_when_its_schema_accepts_it(date: object, where: str) -> None:
    """For any date-like value, load_self_evaluation accepts the payload exactly when the published schema does."""
    payload = _payload(
        {"descriptor": "PV.1.1", "rating": "fully", "evidence": [{"kind": "data", "date": "2026-10-01"}]}
    )
    if where == "self-evaluation":
        payload["data"]["date"] = date
    else:
        payload["data"]["ratings"][0]["evidence"][0]["date"] = date
    validator = jsonschema.Draft202012Validator(_schema("self-evaluation"), format_checker=jsonschema.FormatChecker())
    assert _accepts(lambda: load_self_evaluation(payload)) == validator.is_valid(payload)


@given(st.text(alphabet=" \t\n\u00a0\u2003x", min_size=0, max_size=4), st.sampled_from(["school", "rationale"]))
def test_text_of_only_white_space_is_refused_at_its_place_as_the_schema_refuses_it(text: str, field: str) -> None:
    """A school or rationale of only white space is a problem at its place, never a bare error; the schema agrees."""
    payload = _payload()
    payload["data"]["judgements"] = [{"aspect": "PV", "stage": None, "rationale": "Pupils lead the council."}]
    if field == "school":
        payload["data"]["school"] = text
    else:
        payload["data"]["judgements"][0]["rationale"] = text
    validator = jsonschema.Draft202012Validator(_schema("self-evaluation"), format_checker=jsonschema.FormatChecker())
    assert _accepts(lambda: load_self_evaluation(payload)) == validator.is_valid(payload) == bool(text.strip())
    if text and not text.strip():
        with pytest.raises(PayloadError) as raised:
            load_self_evaluation(payload)
        place = "$.data.school" if field == "school" else "$.data.judgements[0].rationale"
        said = f"{field} must not be empty: it holds only white space"
        assert [(problem.path, problem.message) for problem in raised.value.problems] == [(place, said)]


@given(date_like)
def test_a_stage_profile_loads_exactly_when_its_schema_accepts_it(date: object) -> None:
    """For any date-like value, loads accepts a stage profile exactly when the published schema does."""
    payload = json.loads(dumps(assess(FRAMEWORK, evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.MOSTLY)))))
    payload["data"]["date"] = date
    validator = jsonschema.Draft202012Validator(_schema("stage-profile"), format_checker=jsonschema.FormatChecker())
    assert _accepts(lambda: loads(json.dumps(payload), StageProfile)) == validator.is_valid(payload)


def _sheet(changes: dict[str, dict[str, str]]) -> str:
    """The spreadsheet template with some rows filled in."""
    rows = list(csv.DictReader(io.StringIO(csv_template(FRAMEWORK))))
    for row in rows:
        row.update(changes.get(row["code"], {}))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _sheet_problems(text: str) -> list[str]:
    with pytest.raises(PayloadError) as raised:
        read_self_evaluation_csv(text, FRAMEWORK, school="s", date=datetime.date(2026, 11, 2))
    return [str(problem) for problem in raised.value.problems]


def test_a_row_with_evidence_but_no_rating_is_refused() -> None:
    """Evidence kinds, a date or a note without a rating is an error at the rating, not a row dropped unread."""
    assert _sheet_problems(
        _sheet(
            {
                "SV.1.1": {"evidence_kinds": "data"},
                "SV.1.2": {"evidence_date": "2026-10-01", "notes": "Vision statement"},
            }
        )
    ) == [
        "row 2, column rating: no rating, though evidence_kinds is filled in: give a rating, or clear the row",
        "row 3, column rating: no rating, though evidence_date, notes are filled in: give a rating, or clear the row",
    ]


def test_a_rating_word_in_the_wrong_column_is_pointed_out() -> None:
    """A rating written among the evidence kinds is an error that says where the rating goes."""
    assert _sheet_problems(
        _sheet(
            {
                "SV.1.1": {"evidence_kinds": "fully"},
                "SV.1.2": {"rating": "mostly", "evidence_kinds": "mostly", "evidence_date": "2026-10-01"},
            }
        )
    ) == [
        (
            "row 2, column rating: no rating, though evidence_kinds is filled in: give a rating, or clear the row; "
            "'fully' is a rating: put it in the rating column"
        ),
        (
            "row 3, column evidence_kinds: 'mostly' is not a kind of evidence; 'mostly' is a rating: put it in the "
            "rating column"
        ),
    ]


def test_a_row_without_a_code_but_with_a_note_is_refused() -> None:
    """A note on a row with no descriptor code is reported, not dropped."""
    text = _sheet({}) + ",,,,,,,A note with nowhere to go\r\n"
    assert _sheet_problems(text) == ["row 102, column code: no descriptor has the code ''"]


def test_a_framework_file_is_read_no_further_than_its_limit(tmp_path: Path) -> None:
    """Offered three times the limit through a pipe, read_framework reads one byte past it and refuses the file."""
    with pipe_offering(tmp_path, 3 * MAX_CONTENT_BYTES) as (path, taken), pytest.raises(FrameworkError) as raised:
        read_framework(path)
    assert raised.value.problems == (
        Problem("$", f"the input is more than {MAX_CONTENT_BYTES:,} bytes; the most read is {MAX_CONTENT_BYTES:,}"),
    )
    assert taken() < MAX_CONTENT_BYTES + 2_000_000  # the limit, a byte, and what the pipe holds


def _results() -> dict[type[Any], dict[str, Any]]:
    """A gap analysis, a recommendation and a plan, as payloads."""
    cycle = run_cycle(
        FRAMEWORK,
        evaluation_of(*((f"LW.1.{n}", Rating.FULLY) for n in range(1, 6)), ("LW.2.1", Rating.PARTLY)),
        focus_factors=[1, 2, 3, 4, 5, 6, 7, 8],
    )
    return {
        GapAnalysis: to_payload(cycle.gaps),
        Recommendation: to_payload(cycle.recommendation),
        DevelopmentPlan: to_payload(cycle.plan),
    }


def _damaged(cls: type[Any], damage: Any) -> list[Problem]:
    payload = copy.deepcopy(_results()[cls])
    damage(payload["data"])
    with pytest.raises(PayloadError) as raised:
        loads(json.dumps(payload), cls)
    return list(raised.value.problems)


@pytest.mark.parametrize(
    ("cls", "damage", "problem"),
    [
        (GapAnalysis, lambda d: d["gaps"][0].update(aspect="ZZ"), ("$.data.gaps[0].aspect", "aspect", "'ZZ'")),
        (
            GapAnalysis,
            lambda d: d["gaps"][0]["unmet"].__setitem__(0, "ZZ.9.9"),
            ("$.data.gaps[0].unmet[0]", "descriptor", "'ZZ.9.9'"),
        ),
        (
            Recommendation,
            lambda d: d["priorities"][0]["steps"][0]["national_priorities"].__setitem__(0, "punctuality"),
            ("$.data.priorities[0].steps[0].national_priorities[0]", "national priority", "'punctuality'"),
        ),
        (
            Recommendation,
            lambda d: d["priorities"][0]["contributory_factors"].__setitem__(0, 99),
            ("$.data.priorities[0].contributory_factors[0]", "contributory factor", "99"),
        ),
        (
            Recommendation,
            lambda d: d["priorities"][0]["steps"][0]["characteristics"].__setitem__(0, "L99"),
            ("$.data.priorities[0].steps[0].characteristics[0]", "characteristic of leaders", "'L99'"),
        ),
        (
            DevelopmentPlan,
            lambda d: d["priorities"][0]["actions"][0].update(descriptor="LW.9.9"),
            ("$.data.priorities[0].actions[0].descriptor", "descriptor", "'LW.9.9'"),
        ),
    ],
    ids=["aspect", "descriptor", "national-priority", "factor", "characteristic", "plan-descriptor"],
)
def test_a_loaded_result_naming_an_unknown_code_is_refused(
    cls: type[Any], damage: Any, problem: tuple[str, str, str]
) -> None:
    """Every framework code a loaded result names is checked against its edition; unknown ones are refused."""
    path, kind, code = problem
    assert _damaged(cls, damage) == [Problem(path, f"no {kind} has the code {code} in {EDITION}")]


def test_a_result_for_an_edition_it_is_not_checked_against_is_refused() -> None:
    """A result for another edition is refused without that edition, and loads with it."""
    data = json.loads(
        files("school_improvement").joinpath("data", "estyn-school-improvement-journeys-2026.1.json").read_text("utf-8")
    )
    data["provenance"]["edition"] = "2026.9"
    other = framework_from_data(data)
    payload = copy.deepcopy(_results()[GapAnalysis])
    payload["framework_edition"] = payload["data"]["framework_edition"] = other.edition_id
    text = json.dumps(payload)
    with pytest.raises(PayloadError) as bundled:
        loads(text, GapAnalysis)
    assert bundled.value.problems == (
        Problem(
            "$.framework_edition",
            f"the payload is for {other.edition_id!r}, which is not the bundled edition ({EDITION!r}): "
            "pass the framework it rates",
        ),
    )
    with pytest.raises(PayloadError) as given_another:
        loads(text, GapAnalysis, framework=FRAMEWORK)
    assert [problem.path for problem in given_another.value.problems] == ["$.framework_edition"]
    assert loads(text, GapAnalysis, framework=other).framework_edition == other.edition_id

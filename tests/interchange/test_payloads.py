"""Payloads: every public object to JSON and back, deterministically; untrusted input validated at the edge."""

import datetime
import json
import re
from importlib.resources import files
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, strategies as st

import school_improvement
from helpers import EXAMPLE as EXAMPLE_FILE, FRAMEWORK
from local_authority import school, school_at, survey_of
from school_improvement import (
    SCHEMA_VERSION,
    DevelopmentPlan,
    DiscussionRecord,
    Framework,
    GapAnalysis,
    PayloadError,
    PlanReview,
    Problem,
    ProgressReport,
    Recommendation,
    SelfEvaluation,
    SelfEvaluationWarning,
    StageProfile,
    assess,
    check_evidence,
    draft_plan,
    dumps,
    find_gaps,
    from_payload,
    load_self_evaluation,
    loads,
    match_schools,
    recommend,
    review_plan,
    roll_up,
    to_payload,
    track_progress,
)
from school_improvement._interchange.inputs import schema_texts
from school_improvement._interchange.payloads import PAYLOAD_KINDS
from strategies import development_plans, discussion_records, self_evaluations

EXAMPLE = EXAMPLE_FILE.read_text(encoding="utf-8")
UNEVIDENCED = Problem(
    "$.data.ratings[6].evidence", "FC.3.1 is rated 'fully' with no evidence, so it counts as not rated"
)
"""The example's rating given with no evidence, on purpose: loading it warns of this, and of nothing else."""


def _load_example(source: str | bytes | dict[str, Any]) -> SelfEvaluation:
    """The example (or a change to it) loaded, with the one warning it must give."""
    with pytest.warns(SelfEvaluationWarning) as warned:
        evaluation = load_self_evaluation(source)
    assert [(type(w.message), getattr(w.message, "problems", None)) for w in warned.list] == [
        (SelfEvaluationWarning, (UNEVIDENCED,))
    ]
    return evaluation


def _round_trip(value: Any) -> None:
    text = dumps(value)
    again = loads(text, type(value))
    assert again == value
    assert dumps(again) == text


@given(self_evaluations())
def test_every_object_round_trips(evaluation: SelfEvaluation) -> None:
    """Self-evaluation, profile, gaps, advice, plan and progress each go to JSON text and back unchanged."""
    profile = assess(FRAMEWORK, evaluation)
    gaps = find_gaps(FRAMEWORK, evaluation, profile)
    advice = recommend(FRAMEWORK, gaps, findings=check_evidence(FRAMEWORK, evaluation))
    later = attrs.evolve(evaluation, date=evaluation.date + datetime.timedelta(days=90))
    for value in (
        evaluation,
        profile,
        gaps,
        advice,
        draft_plan(FRAMEWORK, advice, gaps),
        track_progress(FRAMEWORK, [evaluation, later]),
    ):
        _round_trip(value)


def test_framework_round_trips() -> None:
    """The framework edition itself travels as a payload and comes back equal."""
    _round_trip(FRAMEWORK)


def test_payloads_carry_version_kind_and_edition() -> None:
    """Every payload names its schema version, its kind and the framework edition."""
    evaluation = _load_example(EXAMPLE)
    profile = assess(FRAMEWORK, evaluation)
    for value, kind in [(evaluation, "self-evaluation"), (profile, "stage-profile"), (FRAMEWORK, "framework")]:
        payload = to_payload(value)
        assert (payload["schema_version"], payload["kind"]) == (SCHEMA_VERSION, kind)
        assert payload["framework_edition"] == FRAMEWORK.edition_id
    with pytest.raises(TypeError, match="does not travel as a payload"):
        to_payload(object())


def test_example_file_is_what_the_library_writes() -> None:
    """The example self-evaluation in examples/ is byte for byte what dumps() writes for it."""
    assert dumps(_load_example(EXAMPLE)) == EXAMPLE


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda p: p.update(schema_version=2), "$.schema_version"),
        (lambda p: p.update(kind="stage-profile"), "$.kind"),
        (lambda p: p.pop("framework_edition"), "$.framework_edition"),
        (lambda p: p.update(data=[]), "$.data"),
        (lambda p: p.update(extra=True), "$.extra"),
        (lambda p: p["data"].pop("school"), "$.data.school"),
        (lambda p: p["data"]["ratings"][0].update(rating="great"), "$.data.ratings[0].rating"),
        (lambda p: p.update(framework_edition="other/1"), "$.framework_edition"),
    ],
    ids=[
        "version",
        "kind",
        "edition-missing",
        "data-not-object",
        "extra",
        "missing-field",
        "bad-rating",
        "edition-differs",
    ],
)
def test_malformed_payloads_name_the_path(change: Any, path: str) -> None:
    """A payload that does not fit is refused with its JSON path, by loads and by load_self_evaluation."""
    payload = json.loads(EXAMPLE)
    change(payload)
    with pytest.raises(PayloadError) as trusted:
        from_payload(payload, SelfEvaluation)
    with pytest.raises(PayloadError) as untrusted:
        load_self_evaluation(payload)
    for raised in (trusted, untrusted):
        assert path in [problem.path for problem in raised.value.problems]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["ratings"][0].update(descriptor="sv-1-1"),
            ("$.data.ratings[0].descriptor", "String should match"),
        ),
        (
            lambda d: d["ratings"][1]["evidence"][0].update(kind="hearsay"),
            ("$.data.ratings[1].evidence[0].kind", "Input should be"),
        ),
        (
            lambda d: d["ratings"][1]["evidence"][0].update(date="2026-02-30"),
            ("$.data.ratings[1].evidence[0].date", "date"),
        ),
        (lambda d: d.update(date=20261102), ("$.data.date", "date")),
        (lambda d: d["ratings"][0].update(pupil_name="A. Pupil"), ("$.data.ratings[0].pupil_name", "unknown field")),
        (lambda d: d.update(ratings="all of them"), ("$.data.ratings", "should be a valid array")),
        (lambda d: d["judgements"][0].update(rationale=""), ("$.data.judgements[0].rationale", "at least 1 character")),
        (
            lambda d: d["ratings"][0].update(evidence=[d["ratings"][0]["evidence"][0]] * 51),
            ("$.data.ratings[0].evidence", "at most 50"),
        ),
        (lambda d: d.update(ratings=d["ratings"] * 150), ("$.data.ratings", "at most 1000")),
    ],
    ids=[
        "code-shape",
        "evidence-kind",
        "impossible-date",
        "date-as-number",
        "pupil-data",
        "not-a-list",
        "empty-rationale",
        "too-much-evidence",
        "too-many-ratings",
    ],
)
def test_untrusted_input_is_validated(change: Any, expected: tuple[str, str]) -> None:
    """Each kind of bad field is reported at its path, with a message a data manager can act on."""
    payload = json.loads(EXAMPLE)
    change(payload["data"])
    with pytest.raises(PayloadError) as raised:
        load_self_evaluation(json.dumps(payload), name="upload.json")
    assert raised.value.source == "upload.json"
    path, words = expected
    found = {problem.path: problem.message for problem in raised.value.problems}
    assert path in found, found
    assert words in found[path]


def test_codes_are_checked_against_the_framework() -> None:
    """With a framework, unknown descriptors, repeats and late evidence are reported too, all at once."""
    payload = json.loads(EXAMPLE)
    ratings = payload["data"]["ratings"]
    ratings[0]["descriptor"] = "ZZ.1.1"
    ratings.append(ratings[1])
    ratings[2]["evidence"][0]["date"] = "2027-01-01"
    assert _load_example(payload).ratings[0].descriptor == "ZZ.1.1"  # well-formed on its own
    with pytest.raises(PayloadError) as raised:
        load_self_evaluation(payload, framework=FRAMEWORK)
    assert [p.path for p in raised.value.problems] == [
        "$.data.ratings[0].descriptor",
        "$.data.ratings[2].evidence[0].date",
        "$.data.ratings[7].descriptor",
    ]


def test_bytes_text_bom_and_size() -> None:
    """Bytes and text both load, a byte-order mark is allowed, and an oversized payload is refused unread."""
    assert _load_example(EXAMPLE.encode("utf-8")) == _load_example(EXAMPLE)
    assert _load_example(b"\xef\xbb\xbf" + EXAMPLE.encode("utf-8")) == _load_example(EXAMPLE)
    with pytest.raises(PayloadError, match="the most read is 2,000,000"):
        load_self_evaluation(b" " * 2_000_001)
    broken = Problem("$", "not valid JSON: Expecting property name enclosed in double quotes at line 1, column 22")
    with pytest.raises(PayloadError) as untrusted:
        load_self_evaluation('{"schema_version": 1,')
    with pytest.raises(PayloadError) as trusted:
        loads('{"schema_version": 1,', SelfEvaluation)
    assert untrusted.value.problems == trusted.value.problems == (broken,)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=30,
)


def _outcome(source: str | dict[str, object]) -> str:
    try:
        load_self_evaluation(source, framework=FRAMEWORK)
    except PayloadError as error:
        return "refused, with reasons" if error.problems else "refused without a reason"
    return "loaded"


@given(json_values)
def test_any_json_gives_a_self_evaluation_or_a_payload_error(value: object) -> None:
    """Whatever JSON arrives, the result is a self-evaluation or a PayloadError with reasons: never another error."""
    wrapped = {"schema_version": 1, "kind": "self-evaluation", "framework_edition": "x", "data": value}
    assert _outcome(json.dumps(value)) in {"loaded", "refused, with reasons"}
    assert _outcome(wrapped) in {"loaded", "refused, with reasons"}


@given(json_values)
def test_any_data_gives_an_object_or_a_payload_error(value: object) -> None:
    """from_payload, given any data, raises only PayloadError."""
    payload = {"schema_version": 1, "kind": "stage-profile", "framework_edition": "x", "data": value}
    with pytest.raises(PayloadError):
        from_payload(payload, StageProfile)


def _schema(kind: str) -> dict[str, Any]:
    text = files("school_improvement").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def test_schemas_are_committed_shipped_and_current() -> None:
    """Each shipped JSON Schema equals a fresh generation from the models, one per payload kind."""
    generated = schema_texts()
    assert sorted(generated) == sorted(f"{kind}.schema.json" for kind in PAYLOAD_KINDS.values())
    for name, text in generated.items():
        assert files("school_improvement").joinpath("schemas", name).read_text("utf-8") == text, name


_READ_FROM_OUTSIDE = ("development-plan", "discussion-record")
"""The kinds a school writes itself, read by their loaders."""


@pytest.mark.parametrize("kind", sorted(set(PAYLOAD_KINDS.values()) - {"self-evaluation"}))
def test_each_property_has_the_description_its_class_gives(kind: str) -> None:
    """Each property a class describes in its docstring's Attributes section has those words in the committed schema."""
    described = 0
    for name, node in _schema(kind)["$defs"].items():
        if "properties" not in node:
            continue
        doc = getattr(school_improvement, name).__doc__ or ""
        section = doc.partition("\n    Attributes:\n")[2]
        documented = set(re.findall(r"^ {8}(\w+): ", section, re.MULTILINE))
        words = " ".join(section.split())
        for prop, value in node["properties"].items():
            if prop in documented:
                assert f"{prop}: {value['description']} " in words + " ", (name, prop)
                described += 1
            else:
                assert "description" not in value, (name, prop)
    assert described >= 5


@pytest.mark.parametrize("kind", _READ_FROM_OUTSIDE)
def test_the_schemas_of_what_a_school_writes_describe_every_documented_field(kind: str) -> None:
    """In a plan's or record's schema, every property is described: every class it holds documents its attributes."""
    undescribed = {
        (name, prop)
        for name, node in _schema(kind)["$defs"].items()
        for prop, value in node.get("properties", {}).items()
        if "description" not in value
    }
    assert undescribed == set()


@pytest.mark.parametrize("kind", sorted(PAYLOAD_KINDS.values()))
def test_only_what_a_school_writes_may_leave_out_a_field(kind: str) -> None:
    """A plan's or record's schema requires exactly the fields without a default and gives each default; others, all."""
    for name, node in _schema(kind)["$defs"].items():
        if "properties" not in node or kind == "self-evaluation":
            continue
        cls = getattr(school_improvement, name)
        without_default = {f.name for f in attrs.fields(cls) if f.init and f.default is attrs.NOTHING}
        optional = set(node["properties"]) - set(node["required"])
        if kind in _READ_FROM_OUTSIDE:
            assert set(node["required"]) == without_default, name
            assert all("default" in node["properties"][prop] for prop in optional), name
        else:
            assert optional == set(), name
            assert not any("default" in value for value in node["properties"].values()), name


_SURVEY = survey_of(
    school_at(school("ysgol-a"), {"PV": 3, "LC": 1}, ["LC"]),
    school_at(school("ysgol-b"), {"PV": 1, "LC": 3}, ["PV"]),
)
"""Two schools, each strong where the other has a priority: enough for a roll-up and a partnership."""
_AUTHORITY = (roll_up(FRAMEWORK, _SURVEY), match_schools(FRAMEWORK, _SURVEY))


def _validator(kind: str) -> Any:  # jsonschema ships no types
    return jsonschema.Draft202012Validator(_schema(kind), format_checker=jsonschema.FormatChecker())


@given(self_evaluations(aspects=("PV", "FC", "LW", "SV")), development_plans(), discussion_records())
def test_every_payload_validates_against_its_schema(
    evaluation: SelfEvaluation, plan: DevelopmentPlan, record: DiscussionRecord
) -> None:
    """What dumps() writes for every kind validates, with the independent jsonschema library, against its schema."""
    profile = assess(FRAMEWORK, evaluation)
    gaps = find_gaps(FRAMEWORK, evaluation, profile)
    advice = recommend(FRAMEWORK, gaps, findings=check_evidence(FRAMEWORK, evaluation))
    later = attrs.evolve(evaluation, date=evaluation.date + datetime.timedelta(days=90))
    values = [evaluation, profile, gaps, advice, draft_plan(FRAMEWORK, advice, gaps), plan, record]
    values += [review_plan(FRAMEWORK, plan, plan.ends), track_progress(FRAMEWORK, [evaluation, later]), *_AUTHORITY]
    kinds = set()
    for value in values:
        payload = json.loads(dumps(value))
        _validator(payload["kind"]).validate(payload)
        kinds.add(payload["kind"])
    assert kinds | {"framework"} == set(PAYLOAD_KINDS.values())  # the framework's own test is below


@pytest.mark.parametrize(
    ("value", "change"),
    [
        (_AUTHORITY[0], lambda d: d.update(schools="thirty")),
        (_AUTHORITY[1], lambda d: d.update(partnerships=[{}])),
    ],
    ids=["rollup", "collaboration"],
)
def test_a_damaged_payload_fails_its_schema(value: object, change: Any) -> None:
    """A schema refuses a payload whose data has the wrong shape, so validating against it can fail."""
    payload = json.loads(dumps(value))
    validator = _validator(payload["kind"])
    validator.validate(payload)
    change(payload["data"])
    assert not validator.is_valid(payload)


@given(development_plans(), discussion_records())
def test_damaged_plans_and_records_fail_their_schemas(plan: DevelopmentPlan, record: DiscussionRecord) -> None:
    """A plan with a UK date, a record naming a person or a review with no date does not validate against its schema."""
    damages: list[tuple[object, dict[str, Any]]] = [
        (plan, {"ends": "31/08/2027"}),
        (record, {"participants": [{"role": "Headteacher", "name": "A. Person"}]}),
        (review_plan(FRAMEWORK, plan, plan.ends), {"date": None}),
    ]
    for value, damage in damages:
        payload = json.loads(dumps(value))
        payload["data"].update(damage)
        assert not _validator(payload["kind"]).is_valid(payload)


def test_framework_payload_validates_and_schemas_can_fail() -> None:
    """The framework's payload validates against its schema, and a damaged payload does not."""
    payload = json.loads(dumps(FRAMEWORK))
    validator = jsonschema.Draft202012Validator(_schema("framework"))
    validator.validate(payload)
    payload["data"]["descriptors"][0]["stage"] = "stage five"
    assert not validator.is_valid(payload)


def test_example_validates_against_the_schema() -> None:
    """The example payload validates against the shipped schema with the independent jsonschema library."""
    schema = _schema("self-evaluation")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(json.loads(EXAMPLE))
    bad = json.loads(EXAMPLE)
    bad["data"]["ratings"][0]["rating"] = "great"
    assert not validator.is_valid(bad)


@pytest.mark.parametrize(
    "cls",
    [
        Framework,
        SelfEvaluation,
        StageProfile,
        GapAnalysis,
        Recommendation,
        DevelopmentPlan,
        PlanReview,
        DiscussionRecord,
        ProgressReport,
    ],
)
def test_every_public_object_has_a_payload_kind(cls: type[Any]) -> None:
    """Each public result type travels as a payload of its own kind."""
    assert cls in PAYLOAD_KINDS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 100_000, Problem("$", "not read: arrays or objects are nested too deeply")),
        ('{"schema_version": 1' + "0" * 5_000 + "}", Problem("$", "not read: a number has too many digits")),
    ],
    ids=["nested-too-deeply", "number-too-long"],
)
def test_json_past_reading_is_a_payload_error(text: str, expected: Problem) -> None:
    """JSON nested too deeply or with too long a number is a PayloadError from loads and the untrusted reader alike."""
    with pytest.raises(PayloadError) as trusted:
        loads(text, SelfEvaluation)
    with pytest.raises(PayloadError) as untrusted:
        load_self_evaluation(text)
    assert trusted.value.problems == untrusted.value.problems == (expected,)

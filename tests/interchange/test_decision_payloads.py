"""The school's decisions from outside: a plan or a discussion record read whole, stage by stage, or refused."""

import copy
import datetime
import json
import re
from collections.abc import Iterator
from importlib.resources import files
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, strategies as st

from helpers import FRAMEWORK
from school_improvement import (
    ActionState,
    ActionStatus,
    AspectView,
    ChosenPriority,
    CriterionState,
    CriterionStatus,
    DevelopmentPlan,
    DiscussionRecord,
    Milestone,
    Participant,
    PayloadError,
    PlanAction,
    PlanPriority,
    Problem,
    ReviewRecord,
    Stage,
    StrengthOffer,
    SuccessCriterion,
    SupportItem,
    SupportSource,
    SupportStatus,
    TargetStanding,
    TargetState,
    discussion_problems,
    dumps,
    load_discussion,
    load_plan,
    plan_problems,
    read_plan_actions_csv,
)
from school_improvement._limits import (
    MAX_CSV_BYTES,
    MAX_PAYLOAD_BYTES,
    MAX_PLAN_CSV_ROWS,
    MAX_PLAN_ITEMS,
    MAX_PLAN_PRIORITIES,
    MAX_PLAN_REVIEWS,
)
from strategies import development_plans, discussion_records

START = datetime.date(2026, 9, 1)
EDITION = FRAMEWORK.edition_id


def _plan() -> DevelopmentPlan:
    """A small valid plan: one priority with an action, a criterion, a milestone, and one review."""
    priority = PlanPriority(
        "P1",
        "Grow leaders below the head",
        ("LC",),
        "Few leaders below the head",
        Stage.MAKING_PROGRESS,
        datetime.date(2027, 7, 31),
        actions=(
            PlanAction(
                "P1.A1",
                "Set up a middle leaders' group",
                "LC.2.1",
                "Deputy head",
                START,
                datetime.date(2026, 10, 31),
                ActionStatus.IN_PROGRESS,
                "Two afternoons a term",
                1200,
            ),
        ),
        success_criteria=(SuccessCriterion("P1.S1", "Middle leaders lead staff meetings", "LC.2.1"),),
        milestones=(Milestone(datetime.date(2027, 1, 31), "Every phase has a leader"),),
    )
    review = ReviewRecord(
        datetime.date(2026, 12, 15),
        "A good start",
        ("Minutes of the leaders' group",),
        (ActionState("P1.A1", ActionStatus.IN_PROGRESS),),
        (CriterionState("P1.S1", CriterionStatus.IN_PROGRESS),),
        (TargetState("P1", "LC", TargetStanding.ON_TRACK),),
    )
    return DevelopmentPlan(
        "ysgol-enghraifft", EDITION, START, START, datetime.date(2027, 8, 31), (priority,), (review,)
    )


def _record() -> DiscussionRecord:
    """A small valid discussion record: one participant, and nothing else agreed."""
    met = datetime.date(2026, 11, 20)
    return DiscussionRecord(
        "ysgol-enghraifft", EDITION, met, (Participant("Headteacher"),), (), (), (), (), datetime.date(2027, 3, 1)
    )


def _payload(value: object) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(dumps(value))
    return payload


def _problems(source: str | bytes | dict[str, Any], **options: Any) -> list[Problem]:
    with pytest.raises(PayloadError) as raised:
        load_plan(source, name="plan.json", **options)
    assert raised.value.source == "plan.json"
    return list(raised.value.problems)


@given(development_plans())
def test_generated_plans_are_valid(plan: DevelopmentPlan) -> None:
    """The plan strategy is honest: every plan it makes passes every check of plan_problems."""
    assert plan_problems(FRAMEWORK, plan) == []


@given(discussion_records())
def test_generated_records_are_valid(record: DiscussionRecord) -> None:
    """The discussion strategy is honest: every record it makes passes every check of discussion_problems."""
    assert discussion_problems(FRAMEWORK, record) == []


@given(development_plans())
def test_a_plan_round_trips_byte_for_byte(plan: DevelopmentPlan) -> None:
    """A valid plan read back from what dumps() writes is equal, and writes the same text again."""
    text = dumps(plan)
    again = load_plan(text)
    assert again == plan
    assert dumps(again) == text


@given(discussion_records())
def test_a_discussion_record_round_trips_byte_for_byte(record: DiscussionRecord) -> None:
    """A valid discussion record read back from what dumps() writes is equal, and writes the same text again."""
    text = dumps(record)
    again = load_discussion(text)
    assert again == record
    assert dumps(again) == text


def test_text_bytes_a_byte_order_mark_and_a_mapping_all_load() -> None:
    """The same plan loads from JSON text, UTF-8 bytes, bytes or text after a byte-order mark, and a parsed mapping."""
    plan = _plan()
    text = dumps(plan)
    sources: list[str | bytes | dict[str, Any]] = [
        text,
        text.encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        "\ufeff" + text,
        json.loads(text),
    ]
    assert all(load_plan(source) == plan for source in sources)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (b" " * 2_000_001, Problem("$", "the input is 2,000,001 bytes; the most read is 2,000,000")),
        ('{"kind": ', Problem("$", "not valid JSON: Expecting value at line 1, column 10")),
        ('{"a": "' + "é" * 1_000_000 + '"}', Problem("$", "the input is 2,000,009 bytes; the most read is 2,000,000")),
        ("[" * 100_000, Problem("$", "not read: arrays or objects are nested too deeply")),
        ('{"schema_version": 1' + "0" * 5_000 + "}", Problem("$", "not read: a number has too many digits")),
        ('{"kind": "a"}'.encode("utf-16"), Problem("$", "not UTF-8 text (invalid start byte)")),
        (b'{"kind": "\xff"}', Problem("$", "not UTF-8 text (invalid start byte)")),
    ],
    ids=["too-large", "not-json", "too-large-as-text", "nested-too-deeply", "number-too-long", "utf-16", "not-utf-8"],
)
def test_text_that_cannot_be_read_is_refused_in_the_librarys_words(source: str | bytes, expected: Problem) -> None:
    """Text too large, not JSON, nested past reading, or not UTF-8 is one problem at $, never another exception."""
    assert _problems(source) == [expected]


def test_a_key_given_twice_is_refused_at_each_place() -> None:
    """A key given twice in one object is refused with its path, wherever it is, all at once."""
    text = dumps(_plan())
    text = text.replace('"school": ', '"school": "again", "school": ', 1)
    text = text.replace('"owner": ', '"owner": null, "owner": ', 1)
    assert _problems(text) == [
        Problem("$.data.school", "this key is given more than once in one object"),
        Problem("$.data.priorities[0].actions[0].owner", "this key is given more than once in one object"),
    ]


def test_the_envelope_is_checked_for_its_kind() -> None:
    """A discussion record is not a plan, nor a plan a discussion record: the kind is named at $.kind, with the rest."""
    record = _payload(_record())
    record["extra"] = True
    assert _problems(record) == [
        Problem("$.kind", "must be 'development-plan'; found 'discussion-record'"),
        Problem("$.extra", "unknown field"),
    ]
    with pytest.raises(PayloadError) as raised:
        load_discussion(_payload(_plan()))
    assert raised.value.problems == (Problem("$.kind", "must be 'discussion-record'; found 'development-plan'"),)


def test_every_field_that_does_not_fit_is_reported_with_its_path() -> None:
    """Wrong types, missing and unknown fields are all reported together, each at its path under $.data."""
    payload = _payload(_plan())
    action = payload["data"]["priorities"][0]["actions"][0]
    action.update(cost="£1,200", due="31/10/2026", status="started")
    payload["data"]["priorities"][0].pop("reason")
    payload["data"]["success_criteria"] = []
    found = {problem.path: problem.message for problem in _problems(payload)}
    assert found == {
        "$.data": "unknown field(s): success_criteria",
        "$.data.priorities[0].reason": "required field missing",
        "$.data.priorities[0].actions[0].due": "expected a date as YYYY-MM-DD, not '31/10/2026'",
        "$.data.priorities[0].actions[0].status": (
            "expected one of 'not-started', 'in-progress', 'done', 'dropped', not 'started'"
        ),
        "$.data.priorities[0].actions[0].cost": "expected a whole number, not str",
    }


def test_the_edition_is_the_one_given_or_the_bundled_one_named() -> None:
    """A payload for another edition needs that framework; its data must be for the edition its envelope names."""
    given = attrs.evolve(FRAMEWORK, provenance=attrs.evolve(FRAMEWORK.provenance, edition="2027.1"))
    other = attrs.evolve(_plan(), framework_edition=given.edition_id)
    assert _problems(dumps(other)) == [
        Problem(
            "$.framework_edition",
            "the payload is for 'estyn-school-improvement-journeys/2027.1', which is not the bundled edition "
            "('estyn-school-improvement-journeys/2026.1'): pass the framework it rates",
        )
    ]
    assert load_plan(dumps(other), framework=given) == other
    assert _problems(dumps(_plan()), framework=given) == [
        Problem(
            "$.framework_edition",
            "the payload is for 'estyn-school-improvement-journeys/2026.1', "
            "not the framework given ('estyn-school-improvement-journeys/2027.1')",
        )
    ]
    mixed = _payload(_plan())
    mixed["framework_edition"] = given.edition_id
    mismatch = Problem(
        "$.framework_edition",
        "the payload declares 'estyn-school-improvement-journeys/2027.1', "
        "but its data is for 'estyn-school-improvement-journeys/2026.1'",
    )
    assert _problems(mixed, framework=given) == [mismatch]
    assert [problem.message for problem in _problems(mixed)] == [mismatch.message, _problems(dumps(other))[0].message]


def test_the_plan_is_checked_whole_against_its_edition() -> None:
    """Unknown codes, dates out of order and a review naming what the plan lacks are all reported, under $.data."""
    payload = _payload(_plan())
    priority = payload["data"]["priorities"][0]
    priority["aspects"] = ["LC", "XX"]
    priority["actions"][0].update(descriptor="LC.9.9", start="2026-11-01")
    priority["milestones"].append({"date": "2026-12-01", "text": "Earlier than the one above"})
    review = payload["data"]["reviews"][0]
    review["criteria"][0]["criterion"] = "P9.S1"
    review["targets"][0]["priority"] = "P9"
    assert _problems(payload) == [
        Problem("$.data.priorities[0].aspects[1]", f"no aspect has the code 'XX' in {EDITION}"),
        Problem("$.data.priorities[0].actions[0].descriptor", f"no descriptor has the code 'LC.9.9' in {EDITION}"),
        Problem("$.data.priorities[0].actions[0].due", "2026-10-31 is before the action starts, 2026-11-01"),
        Problem(
            "$.data.priorities[0].milestones[1].date",
            "2026-12-01 is before the one above it, 2027-01-31: keep them in date order",
        ),
        Problem("$.data.reviews[0].criteria[0].criterion", "the plan has no success criterion 'P9.S1'"),
        Problem("$.data.reviews[0].targets[0]", "the plan has no priority 'P9' on aspect 'LC'"),
    ]


def test_the_plans_rules_are_checked_only_once_its_fields_fit() -> None:
    """A field that does not fit is reported alone: the plan's own rules wait until the plan can be built."""
    payload = _payload(_plan())
    payload["data"]["priorities"][0]["aspects"] = ["XX"]
    payload["data"]["school"] = 42
    assert _problems(payload) == [Problem("$.data.school", "expected text, not int")]


def test_a_discussion_record_is_checked_whole() -> None:
    """A record's own rules are reported under $.data, every one together."""
    payload = _payload(_record())
    payload["data"].update(participants=[], next_review="2026-11-01")
    payload["data"]["strengths"] = [{"aspects": [], "capacity": 0, "note": None}]
    with pytest.raises(PayloadError) as raised:
        load_discussion(payload, name="discussion.json")
    assert [problem.path for problem in raised.value.problems] == [
        "$.data.participants",
        "$.data.next_review",
        "$.data.strengths[0].aspects",
        "$.data.strengths[0].capacity",
    ]


def _full_record() -> DiscussionRecord:
    """A valid discussion record with one of everything, each optional field given."""
    met = datetime.date(2026, 11, 20)
    return DiscussionRecord(
        "ysgol-enghraifft",
        EDITION,
        met,
        (Participant("Headteacher", "Ysgol Enghraifft"),),
        (ChosenPriority(("LC",), "Few leaders below the head", Stage.MAKING_PROGRESS, datetime.date(2027, 7, 31)),),
        (AspectView("PV", Stage.BUILDING_MOMENTUM, Stage.MAKING_PROGRESS, "Pupil voice is heard in councils"),),
        (SupportItem(("LC",), "Coaching for middle leaders", SupportSource.CLUSTER, SupportStatus.AGREED, "ysgol-b"),),
        (StrengthOffer(("PV",), 2, "Visits to our school council"),),
        datetime.date(2027, 3, 1),
        "Meet again after the spring census",
    )


def _schema(kind: str) -> dict[str, Any]:
    text = files("school_improvement").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _objects(value: object, node: dict[str, Any], schema: dict[str, Any]) -> Iterator[tuple[dict[str, Any], Any]]:
    """Each JSON object in a value, with the schema of its object type: the walk follows $ref, items and anyOf."""
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    if isinstance(value, dict) and "properties" in node:
        yield value, node
        for key, item in value.items():
            yield from _objects(item, node["properties"][key], schema)
    elif isinstance(value, list) and "items" in node:
        for item in value:
            yield from _objects(item, node["items"], schema)
    for option in node.get("anyOf", []):
        yield from _objects(value, option, schema)


_LOADERS: dict[str, Any] = {"development-plan": load_plan, "discussion-record": load_discussion}


def _refused(kind: str, payload: dict[str, Any]) -> bool:
    """Whether the loader of the kind refuses the payload."""
    try:
        _LOADERS[kind](payload)
    except PayloadError:
        return True
    return False


def test_a_minimal_plan_validates_against_its_schema_and_loads() -> None:
    """A plan of only the fields its schema requires validates against the committed schema, and loads with defaults."""
    data = {
        "school": "ysgol-enghraifft",
        "framework_edition": EDITION,
        "self_evaluation_date": "2026-09-01",
        "starts": "2026-09-01",
        "ends": "2027-08-31",
        "priorities": [
            {
                "id": "P1",
                "objective": "Grow leaders below the head",
                "aspects": ["LC"],
                "reason": "Few leaders below the head",
                "target": "making-progress",
                "by": "2027-07-31",
            }
        ],
    }
    payload = {"schema_version": 1, "kind": "development-plan", "framework_edition": EDITION, "data": data}
    validator = jsonschema.Draft202012Validator(_schema("development-plan"), format_checker=jsonschema.FormatChecker())
    validator.validate(payload)
    priority = PlanPriority(
        "P1",
        "Grow leaders below the head",
        ("LC",),
        "Few leaders below the head",
        Stage.MAKING_PROGRESS,
        datetime.date(2027, 7, 31),
    )
    assert load_plan(payload) == DevelopmentPlan(
        "ysgol-enghraifft", EDITION, START, START, datetime.date(2027, 8, 31), (priority,)
    )


@pytest.mark.parametrize("value", [_plan(), _full_record()], ids=["plan", "discussion"])
def test_what_the_schema_leaves_out_the_loader_fills_with_the_schemas_default(value: object) -> None:
    """With every field the schema does not require left out, a payload validates, loads, and reads back as defaults."""
    full = _payload(value)
    schema = _schema(full["kind"])
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    minimal = copy.deepcopy(full)
    left_out = 0
    for found, node in list(_objects(minimal, schema, schema)):
        for key in set(found) - set(node.get("required", [])):
            del found[key]
            left_out += 1
    assert left_out >= 6  # the walk reached the nested objects
    validator.validate(minimal)
    loaded = _payload(_LOADERS[full["kind"]](minimal))
    for found, node in list(_objects(minimal, schema, schema)):
        found.update({key: node["properties"][key]["default"] for key in set(node["properties"]) - set(found)})
    assert loaded == minimal


@pytest.mark.parametrize("value", [_plan(), _full_record()], ids=["plan", "discussion"])
def test_a_field_the_schema_requires_is_required_by_the_loader_too(value: object) -> None:
    """Leaving out any field the schema requires, anywhere in a plan or record, is refused by schema and loader both."""
    full = _payload(value)
    schema = _schema(full["kind"])
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    places = [(n, key) for n, (found, node) in enumerate(_objects(full, schema, schema)) for key in node["required"]]
    assert len(places) >= 20
    for n, key in places:
        damaged = copy.deepcopy(full)
        found, _ = list(_objects(damaged, schema, schema))[n]
        del found[key]
        assert not validator.is_valid(damaged), key
        assert _refused(full["kind"], damaged), key


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=30,
)


@given(json_values, st.sampled_from(["development-plan", "discussion-record"]))
def test_any_json_gives_a_decision_or_a_payload_error(value: object, kind: str) -> None:
    """Whatever JSON arrives as a plan's or record's data, the loaders raise only a PayloadError with reasons."""
    payload = {"schema_version": 1, "kind": kind, "framework_edition": EDITION, "data": value}
    load = load_plan if kind == "development-plan" else load_discussion
    with pytest.raises(PayloadError) as raised:
        load(json.dumps(payload))
    assert raised.value.problems


@pytest.mark.parametrize(
    ("reader", "limits"),
    [
        (load_plan, (MAX_PAYLOAD_BYTES, MAX_PLAN_PRIORITIES, MAX_PLAN_ITEMS, MAX_PLAN_REVIEWS)),
        (load_discussion, (MAX_PAYLOAD_BYTES,)),
        (read_plan_actions_csv, (MAX_CSV_BYTES, MAX_PLAN_CSV_ROWS)),
    ],
    ids=["plan", "discussion", "actions-csv"],
)
def test_the_readers_say_the_limits_they_apply(reader: Any, limits: tuple[int, ...]) -> None:
    """Each reader's documentation states the size limits in _limits as they are, so the two cannot drift apart."""
    words = " ".join(reader.__doc__.split())
    for limit in limits:
        assert re.search(rf"(?<![\d,]){limit:,}(?![\d,])", words), limit

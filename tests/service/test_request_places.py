"""Every problem is at its place in the request, every problem of the query is said at once, and none is ignored."""

import copy
import inspect
import json
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from school_improvement._errors import AnalysisError, Problem
from school_improvement._service.app import create_app
from school_improvement._service.problems import Places, placed

JSON = {"content-type": "application/json"}


def _problems(response: httpx.Response, status: int = 422) -> list[tuple[str, str]]:
    """Each problem of a problem response of the status given, as its path and message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return [(item["path"], item["message"]) for item in response.json()["problems"]]


def _paths(response: httpx.Response, status: int = 422) -> list[str]:
    return [path for path, _ in _problems(response, status)]


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ("gaps?target=XX=2", "query.target"),
        ("next-steps?choose=ZZ=1@2027-01-01", "query.choose"),
        ("next-steps?priority=ZZ", "query.priority"),
        ("plan?rule=high-water-mark", "query.rule"),
        ("evidence-checks?as_of=0001-01-01", "query.as_of"),
    ],
)
def test_a_problem_of_a_query_parameter_is_at_it(client: httpx.Client, example: bytes, query: str, path: str) -> None:
    """A value the analysis refuses is placed at the query parameter that gave it, not the library's argument."""
    assert _paths(client.post(f"/{query}", content=example, headers=JSON)) == [path]


def test_plan_from_a_comparison_rule_names_the_query_s_parameter(client: httpx.Client, example: bytes) -> None:
    """The refusal of a comparison-only rule says the query's words for the way round it."""
    [(_, message)] = _problems(client.post("/plan?rule=high-water-mark", content=example, headers=JSON))
    assert "allow_comparison_only=true" in message
    assert "True" not in message


def test_a_self_evaluation_after_today_is_at_its_date(client: httpx.Client, example: bytes) -> None:
    """Checked at today, a self-evaluation dated later is at the body's date: the body is what is wrong."""
    payload = json.loads(example)
    payload["data"]["date"] = "2999-01-01"
    response = client.post("/evidence-checks", content=json.dumps(payload), headers=JSON)
    assert _paths(response) == ["$.data.date"]


def test_review_places_the_self_evaluation_s_date_in_the_body(
    client: httpx.Client, school_decisions: dict[str, dict[str, Any]]
) -> None:
    """A review before the self-evaluation beside the plan is at that self-evaluation's date in the body."""
    body = {"plan": school_decisions["development-plan"], "self_evaluation": school_decisions["self-evaluation"]}
    response = client.post("/review?as_of=0001-01-02", content=json.dumps(body), headers=JSON)
    assert "$.self_evaluation.data.date" in _paths(response)


def test_progress_places_another_school_at_its_file(client: httpx.Client, example: bytes) -> None:
    """A self-evaluation of another school in progress is at its member of ``files``."""
    other = json.loads(example)
    other["data"]["school"] = "another-school"
    other["data"]["date"] = "2027-11-02"
    body = {"files": [json.loads(example), other]}
    assert _paths(client.post("/progress", content=json.dumps(body), headers=JSON)) == ["$.files[1].data.school"]


def test_report_places_another_school_s_plan_at_the_plan(
    client: httpx.Client, school_decisions: dict[str, dict[str, Any]], example: bytes
) -> None:
    """A plan of another school beside the self-evaluations is at the body's plan."""
    body = {"files": [json.loads(example)], "plan": school_decisions["development-plan"]}
    response = client.post("/report", content=json.dumps(body), headers=JSON)
    assert _paths(response) == ["$.plan.data.school"]


def test_match_places_an_unknown_school_s_capacity_at_its_parameter(
    client: httpx.Client, authority: dict[str, Any]
) -> None:
    """A capacity for a school not surveyed is at ``capacity_of``."""
    response = client.post("/match?as_of=2027-01-11&capacity_of=nobody=3", content=json.dumps(authority), headers=JSON)
    assert _paths(response) == ["query.capacity_of"]


def test_rollup_names_the_other_self_evaluation_by_its_place(client: httpx.Client, authority: dict[str, Any]) -> None:
    """Two self-evaluations of one school on one day: each named by its place in the body, never the library's."""
    body = copy.deepcopy(authority)
    body["sources"].insert(1, body["sources"][0])
    [(path, message)] = _problems(client.post("/rollup?as_of=2027-01-11", content=json.dumps(body), headers=JSON))
    assert path == "$.sources[1].data.date"
    assert "(the other at $.sources[0])" in message


def test_placed_leaves_a_path_it_has_no_place_for() -> None:
    """A path the request has no place for is kept as the library gave it."""
    error = AnalysisError("x", [Problem("$.elsewhere", "m"), Problem("$.evaluation.date", "m")])
    found = placed(error, Places({"$.evaluation": "$.self_evaluation"}), "the request body")
    assert [problem.path for problem in found.problems] == ["$.elsewhere", "$.self_evaluation.data.date"]


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ("assess?unknown=1", "query.unknown"),
        ("plan?as_of=2027-01-11", "query.as_of"),
        ("assess?rule=secure-fit&rule=cumulative", "query.rule"),
    ],
)
def test_a_parameter_not_taken_is_refused(client: httpx.Client, example: bytes, query: str, path: str) -> None:
    """An unknown parameter, or one given more times than it takes, is a 422 at it: never silently ignored."""
    assert _paths(client.post(f"/{query}", content=example, headers=JSON)) == [path]


def test_an_unknown_parameter_is_told_what_the_endpoint_takes(client: httpx.Client, example: bytes) -> None:
    """The refusal of an unknown parameter lists the parameters the endpoint takes."""
    [(_, message)] = _problems(client.post("/assess?unknown=1", content=example, headers=JSON))
    assert "min_evidence_kinds, min_rated, require_learner_voice, rule" in message


def test_every_problem_of_the_query_is_said_at_once(client: httpx.Client, example: bytes) -> None:
    """FastAPI's type errors, the library's reading of the values and the framework's codes come in one 422."""
    response = client.post("/gaps?target=PV=9&target=XX=2&min_rated=x", content=example, headers=JSON)
    problems = _problems(response)
    assert [path for path, _ in problems] == ["query.min_rated", "query.target", "query.target"]
    assert "'PV=9'" in problems[1][1]
    assert "'XX=2'" in problems[2][1]


@pytest.mark.parametrize("path", ["/assess", "/gaps", "/evidence-checks", "/validate"])
def test_a_json_endpoint_refuses_an_accept_it_cannot_meet(client: httpx.Client, example: bytes, path: str) -> None:
    """Asked for a form it does not write, a JSON endpoint answers 406."""
    response = client.post(path, content=example, headers=JSON | {"accept": "application/pdf"})
    assert _paths(response, 406) == ["header.accept"]


@pytest.mark.parametrize("accept", [None, "*/*", "application/json", "application/*", "text/html, */*;q=0.1"])
def test_a_json_endpoint_meets_any_accept_that_takes_json(client: httpx.Client, example: bytes, accept: str) -> None:
    """A missing Accept, or one that takes JSON among others, is answered in JSON."""
    headers = JSON if accept is None else JSON | {"accept": accept}
    response = client.post("/assess", content=example, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"


def test_validate_gives_the_command_line_s_fields(client: httpx.Client, example: bytes) -> None:
    """``/validate`` answers with the fields of ``validate --format json``, ``noticed_against`` among them."""
    found = client.post("/validate", content=example, headers=JSON).json()
    assert list(found) == [
        "valid",
        "source",
        "kind",
        "school",
        "date",
        "ratings",
        "warnings",
        "notices",
        "noticed_against",
        "problems",
    ]
    refused = client.post("/validate", content=b"{", headers=JSON).json()
    assert "noticed_against" in refused


@pytest.mark.parametrize("path", ["/assess", "/progress", "/rollup"])
def test_a_body_not_in_utf8_says_so(client: httpx.Client, path: str) -> None:
    """A body that is not UTF-8 is refused in those words, not as JSON that does not parse."""
    assert _problems(client.post(path, content=b"\xff\xfe{}", headers=JSON)) == [("$", "the body is not UTF-8 text")]


def test_validate_says_a_body_is_not_utf8(client: httpx.Client) -> None:
    """``/validate`` lists a body that is not UTF-8 as its problem."""
    found = client.post("/validate", content=b"\xff\xfe{}", headers=JSON).json()
    assert found["problems"] == [{"path": "$", "message": "the body is not UTF-8 text"}]


def test_no_endpoint_holds_up_the_event_loop() -> None:
    """Every endpoint is a plain function, run in the threadpool: one large request does not hold up the others."""
    routes = [route for route in create_app().routes if isinstance(route, APIRoute) and route.path != "/docs"]
    assert routes
    assert not [route.path for route in routes if inspect.iscoroutinefunction(route.endpoint)]

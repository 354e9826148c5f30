"""Every refusal is an RFC 9457 problem with each problem's place; bodies are bounded before they are parsed."""

import json
import socket
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi import FastAPI

from school_improvement._limits import MAX_PAYLOAD_BYTES, MAX_SET_BYTES
from school_improvement._service.app import create_app

JSON = {"content-type": "application/json"}
PROBLEM_KEYS = {"type", "title", "status", "detail", "problems"}


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The problem a response carries, checked to be one of the status given."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert set(problem) == PROBLEM_KEYS
    assert problem["type"] == "about:blank"
    assert problem["status"] == status
    return problem


def _paths(problem: dict[str, Any]) -> list[str]:
    return [item["path"] for item in problem["problems"]]


@pytest.mark.parametrize(
    "content_type",
    [None, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin-1", "application/jsonx"],
)
def test_a_body_that_is_not_declared_json_is_415(
    client: httpx.Client, example: bytes, content_type: str | None
) -> None:
    """Only application/json (charset=utf-8 allowed) is read; anything else is refused before the body is."""
    headers = {} if content_type is None else {"content-type": content_type}
    problem = _problem(client.post("/assess", content=example, headers=headers), 415)
    assert _paths(problem) == ["header.content-type"]


@pytest.mark.parametrize(
    "content_type", ["application/json", "Application/JSON; charset=UTF-8", 'application/json;charset="utf-8"']
)
def test_json_in_utf8_is_read(client: httpx.Client, example: bytes, content_type: str) -> None:
    """application/json is read however its case and charset parameter are written."""
    assert client.post("/assess", content=example, headers={"content-type": content_type}).status_code == 200


def _raw_request(url: str, head: str) -> bytes:
    """The raw response to a request's head sent alone, with no body after it: what the server says unprompted."""
    where = urlsplit(url)
    with socket.create_connection((where.hostname, where.port), timeout=10) as connection:
        connection.sendall(head.encode("ascii"))
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
        return received


@pytest.mark.parametrize(("path", "most"), [("/assess", MAX_PAYLOAD_BYTES), ("/rollup", MAX_SET_BYTES)])
def test_a_body_over_the_limit_by_its_length_is_413_before_it_is_sent(server: str, path: str, most: int) -> None:
    """A Content-Length over the limit is refused at once: the server answers before a byte of the body arrives."""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {most + 1}\r\n\r\n"
    )
    response = _raw_request(server, head)
    status_line, _, rest = response.partition(b"\r\n")
    assert status_line == b"HTTP/1.1 413 Request Entity Too Large"
    body = json.loads(rest.partition(b"\r\n\r\n")[2])
    assert body["problems"] == [{"path": "$", "message": f"the input is {most + 1:,} bytes; the most read is {most:,}"}]


def _chunks(size: int, chunk: int = 65536) -> Iterator[bytes]:
    sent = 0
    while sent < size:
        part = min(chunk, size - sent)
        sent += part
        yield b" " * part


def test_a_streamed_body_over_the_limit_is_413(client: httpx.Client) -> None:
    """A body sent in chunks, with no length, is counted as it arrives and refused once past the limit."""
    response = client.post("/assess", content=_chunks(MAX_PAYLOAD_BYTES + 1), headers=JSON)
    problem = _problem(response, 413)
    assert problem["problems"][0]["message"] == (
        f"the input is more than {MAX_PAYLOAD_BYTES:,} bytes; the most read is {MAX_PAYLOAD_BYTES:,}"
    )


def test_a_streamed_body_within_the_limit_is_read(client: httpx.Client, example: bytes) -> None:
    """A body sent in chunks within the limit is read whole."""
    pieces = iter([example[:100], example[100:]])
    assert client.post("/assess", content=pieces, headers=JSON).status_code == 200


def test_a_body_that_is_not_json_is_422(client: httpx.Client) -> None:
    """Text that is not JSON is refused where it stops being JSON."""
    problem = _problem(client.post("/assess", content=b'{"kind": ', headers=JSON), 422)
    assert problem["problems"] == [{"path": "$", "message": "not valid JSON: Expecting value at line 1, column 10"}]


def test_a_key_given_twice_is_422_at_its_path(client: httpx.Client, example: bytes) -> None:
    """A key given twice in one object is refused at its path, not left for the last to win."""
    text = example.decode("utf-8").replace('"school": ', '"school": "someone-else", "school": ', 1)
    problem = _problem(client.post("/assess", content=text.encode(), headers=JSON), 422)
    assert _paths(problem) == ["$.data.school"]
    assert problem["problems"][0]["message"] == "this key is given more than once in one object"


def test_an_invalid_payload_is_422_with_every_problem(client: httpx.Client, example: bytes) -> None:
    """Each problem in the payload is listed with its JSON path, as the library finds them."""
    payload = json.loads(example)
    payload["data"]["ratings"][0]["rating"] = "mostly-ish"
    payload["data"]["ratings"][1]["descriptor"] = "XX.9.9"
    problem = _problem(client.post("/assess", json=payload), 422)
    assert problem["detail"] == "2 problems in the payload"
    assert _paths(problem) == ["$.data.ratings[0].rating", "$.data.ratings[1].descriptor"]


def test_a_wrong_query_parameter_is_422_at_its_name(client: httpx.Client, example: bytes) -> None:
    """A parameter FastAPI refuses is named at query.<name>, and its value is not echoed."""
    problem = _problem(
        client.post("/assess", content=example, headers=JSON, params={"rule": "secret-rule", "min_rated": "-1"}), 422
    )
    assert _paths(problem) == ["query.rule", "query.min_rated"]
    assert "secret-rule" not in json.dumps(problem)


def test_a_wrong_target_is_422_at_its_name(client: httpx.Client, example: bytes) -> None:
    """A target written wrongly is refused at query.target, with how to write it; every one is named."""
    params = httpx.QueryParams([("target", "PV"), ("target", "LA=9"), ("choose", "LC=2@someday")])
    problem = _problem(client.post("/gaps", content=example, headers=JSON, params=params), 422)
    assert _paths(problem) == ["query.target", "query.target", "query.choose"]


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"allow_comparison_only": "true"}, "query.allow_comparison_only"),
        ({"choose": "LC=2@2027-07-16", "priority": "PV"}, "query.priority"),
    ],
)
def test_an_option_where_it_does_nothing_is_refused(
    client: httpx.Client, example: bytes, params: dict[str, str], path: str
) -> None:
    """An option that would do nothing beside the others is refused, not ignored, as on the command line."""
    problem = _problem(client.post("/next-steps", content=example, headers=JSON, params=params), 422)
    assert _paths(problem) == [path]


def test_gaps_refuses_the_options_of_a_recommendation(client: httpx.Client, example: bytes) -> None:
    """Gaps recommends no priorities: priority and max_priorities are refused there."""
    problem = _problem(client.post("/gaps", content=example, headers=JSON, params={"max_priorities": "2"}), 422)
    assert _paths(problem) == ["query.max_priorities"]


@pytest.mark.parametrize(
    ("body", "paths"),
    [
        ([], ["$"]),
        ({"files": [], "extra": 1}, ["$.extra", "$.files"]),
        ({}, ["$.files"]),
        (
            {"files": [{"kind": "self-evaluation"}]},
            ["$.files[0].schema_version", "$.files[0].framework_edition", "$.files[0].data"],
        ),
    ],
)
def test_a_body_of_several_inputs_is_checked_member_by_member(
    client: httpx.Client, body: object, paths: list[str]
) -> None:
    """The members of a body of several inputs are named; each problem is at its path from the body's top."""
    problem = _problem(client.post("/progress", json=body), 422)
    assert _paths(problem) == paths


def test_an_unknown_path_is_404_and_a_wrong_method_405(client: httpx.Client) -> None:
    """No such path is 404; a path that does not take the method is 405, with the methods it takes."""
    _problem(client.get("/no-such-endpoint"), 404)
    response = client.get("/assess")
    _problem(response, 405)
    assert response.headers["allow"] == "POST"


def test_the_same_request_gives_the_same_bytes(client: httpx.Client, example: bytes) -> None:
    """Stateless: a request answered twice gives the same bytes, and one between them changes nothing."""
    first = client.post("/assess", content=example, headers=JSON)
    other = client.post("/assess", content=example, headers=JSON, params={"rule": "best-fit", "min_rated": 0})
    bad = client.post("/assess", content=b"{}", headers=JSON)
    again = client.post("/assess", content=example, headers=JSON)
    assert (first.status_code, other.status_code, bad.status_code) == (200, 200, 422)
    assert first.content == again.content
    assert other.content != first.content
    assert client.get("/framework").content == client.get("/framework").content


SECRET = "the-secret-note-of-a-pupil-s-parent"  # noqa: S105 (words a payload holds, not a password)


def test_nothing_a_payload_holds_is_logged(client: httpx.Client, example: bytes, logged: list[str]) -> None:
    """The log names requests by method, path and status: never a note, a query or a refused payload's content."""
    payload = json.loads(example)
    payload["data"]["ratings"][0]["evidence"][0]["note"] = SECRET
    assert client.post("/assess", json=payload).status_code == 200
    payload["data"]["ratings"][0]["rating"] = SECRET
    assert client.post("/assess", json=payload).status_code == 422
    choice = f"LC=2@2027-07-16:{SECRET}"
    assert client.post("/next-steps", json=payload, params={"choose": choice}).status_code == 422
    assert client.post("/assess", content=f'{{"{SECRET}": '.encode(), headers=JSON).status_code == 422
    assert SECRET not in "\n".join(logged)
    assert '"POST /next-steps HTTP/1.1" 422' in "\n".join(logged)


@pytest.fixture
def failing(serving: Callable[[FastAPI], AbstractContextManager[str]]) -> Iterator[str]:
    """The service with one endpoint more, that fails unexpectedly with a payload's words in its message."""
    app: FastAPI = create_app()

    async def fail() -> None:
        raise RuntimeError(SECRET)

    app.add_api_route("/fail", fail, methods=["GET"])
    with serving(app) as url:
        yield url


def test_an_unexpected_failure_is_a_500_problem_without_details(failing: str, logged: list[str]) -> None:
    """An unexpected failure is answered as a problem saying nothing of it, and logged by its kind and place only."""
    with httpx.Client(base_url=failing) as client:
        problem = _problem(client.get("/fail"), 500)
    assert SECRET not in json.dumps(problem)
    assert "Traceback" not in "\n".join(logged)
    assert SECRET not in "\n".join(logged)
    assert "unexpected failure: RuntimeError at " in "\n".join(logged)

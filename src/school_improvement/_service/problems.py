"""Errors as RFC 9457 problem details (``application/problem+json``), and the handlers that write them.

Every error the service answers with is one problem: ``type`` (``about:blank``: the status says what kind of
failure it is), ``title`` (the status's phrase), ``status``, ``detail`` (what went wrong, in a sentence) and the
extension member ``problems``: each thing wrong, with its ``path`` (a JSON path into the body as the library gives
it, ``query.<name>`` for a query parameter, ``header.<name>`` for a header) and its ``message``.

The library says where a problem is as a path into the arguments of the analysis it was asked for
(``$.targets[0]``, ``$.evaluations[2].date``, ``$.rule``); a client knows only its request. Every endpoint says,
in one :class:`Places`, where each of those arguments came from: a query parameter (``$.targets`` from
``query.target``), or a payload of the body (``$.evaluation`` from ``$.self_evaluation``, ``$.evaluations`` from
``$.sources[0]``, ``$.sources[3]``...), and :func:`placed` rewrites each problem, path and words, by it.

Nothing a request carries is echoed from FastAPI's own errors or logged: an unexpected failure is logged by the
kind of exception and where it was raised, never by its message, which could quote a payload's notes.
"""

import http
import json
import logging
import re
import traceback
from collections.abc import Callable, Mapping, Sequence

import attrs
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from school_improvement._errors import AnalysisError, InputError, Problem

PROBLEM_MEDIA_TYPE = "application/problem+json"
LOGGER = logging.getLogger("school_improvement.service")
"""The service's own log: unexpected failures, by kind and place only."""


class ServiceError(Exception):
    """A request the service refuses: its status, a sentence saying why, and each problem with its place."""

    def __init__(
        self,
        status: int,
        detail: str,
        problems: Sequence[Problem] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.problems = tuple(problems)
        self.headers = dict(headers or {})


def problem_response(
    status: int, detail: str, problems: Sequence[Problem] = (), headers: Mapping[str, str] | None = None
) -> Response:
    """The problem details response for a status, with every problem listed."""
    document = {
        "type": "about:blank",
        "title": http.HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "problems": [{"path": problem.path, "message": problem.message} for problem in problems],
    }
    body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return Response(body, status_code=status, headers=dict(headers or {}), media_type=PROBLEM_MEDIA_TYPE)


def not_acceptable(offers: Sequence[str]) -> ServiceError:
    """A 406 for an ``Accept`` header that asks for none of the forms ``offers``."""
    return ServiceError(
        406,
        f"this endpoint answers in {', '.join(offers)}: ask for one of them in the Accept header",
        [Problem("header.accept", "asks for none of the forms this endpoint answers in")],
    )


def _count(problems: Sequence[Problem]) -> str:
    return f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"


def input_problem(error: InputError) -> ServiceError:
    """A 422 for input the library refuses, with each of its problems."""
    return ServiceError(422, f"{_count(error.problems)} in {error.what}", error.problems)


def located(location: Sequence[int | str]) -> str:
    """Where FastAPI found a problem in a parameter: ``query.rule``, ``path.kind``, ``header.accept``."""
    where = str(location[0]) if location else "request"
    for part in location[1:]:
        where += f"[{part}]" if isinstance(part, int) else f".{part}"
    return where


async def _refused(_request: Request, error: Exception) -> Response:
    assert isinstance(error, ServiceError)  # noqa: S101 (registered for ServiceError only)
    return problem_response(error.status, error.detail, error.problems, error.headers)


async def _input(_request: Request, error: Exception) -> Response:
    assert isinstance(error, InputError)  # noqa: S101 (registered for InputError only)
    refused = input_problem(error)
    return problem_response(refused.status, refused.detail, refused.problems)


async def _invalid(_request: Request, error: Exception) -> Response:
    """FastAPI's refusal of a parameter, said as a problem: its place and message, never the value given."""
    assert isinstance(error, RequestValidationError)  # noqa: S101 (registered for RequestValidationError only)
    problems = [Problem(located(detail["loc"]), str(detail["msg"])) for detail in error.errors()]
    return problem_response(422, f"{_count(problems)} in the query parameters", problems)


_STATUS_DETAIL = {
    404: "there is nothing at this path: GET /openapi.json lists every endpoint",
    405: "this path does not take this method: the Allow header lists those it takes",
}


async def _http(_request: Request, error: Exception) -> Response:
    """Starlette's own errors (no such path, the wrong method) as problems."""
    assert isinstance(error, HTTPException)  # noqa: S101 (registered for HTTPException only)
    detail = _STATUS_DETAIL.get(error.status_code, http.HTTPStatus(error.status_code).phrase)
    return problem_response(error.status_code, detail, (), error.headers)


def install_handlers(app: FastAPI) -> None:
    """Answer every refusal as a problem, and any unexpected failure as a problem without its details."""
    app.add_exception_handler(ServiceError, _refused)
    app.add_exception_handler(InputError, _input)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http)
    app.add_middleware(LastResort)


def where_raised(error: BaseException) -> str:
    """Where an exception was raised, as ``file:line in function``: for the log, without its message."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "an unknown place"
    last = frames[-1]
    return f"{last.filename}:{last.lineno} in {last.name}"


class LastResort:
    """Answer an unexpected failure with a 500 problem that says nothing of it; log only its kind and place.

    Starlette's own last handler would re-raise the exception for the server to log with its message and
    traceback, which can quote what a payload holds; this middleware stops it there.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the application, catching what it fails with."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as error:  # noqa: BLE001 (the last resort: whatever it is, the client gets a problem)
            LOGGER.error(  # noqa: TRY400 (the traceback's messages could quote a payload: kind and place only)
                "unexpected failure: %s at %s", type(error).__name__, where_raised(error)
            )
            if started:  # the answer is on its way: nothing more can be said on this connection
                return
            response = problem_response(
                500, "the service failed unexpectedly; nothing was kept. Report it with the time of the request"
            )
            await response(scope, receive, send)


QUERY = {
    "$.rule": "rule",
    "$.targets": "target",
    "$.chosen": "choose",
    "$.school_priorities": "priority",
    "$.max_priorities": "max_priorities",
    "$.capacities": "capacity_of",
    "$.stalled_after": "stalled_after",
    "$.due_within_days": "due_within_days",
    "$.by": "by",
}
"""The analyses' arguments that the service takes as query parameters, by the library's path to each."""

WORDS = {
    "allow_comparison_only=True; on the command line, --allow-comparison-only": "allow_comparison_only=true",
    "allow_comparison_only=True": "allow_comparison_only=true",
}
"""The library's words for an argument, as the query says it."""


@attrs.frozen
class Places:
    """Where an endpoint's analysis got each of its arguments from in the request.

    Attributes:
        payloads: For each of the analysis's arguments that is a payload of the body, by the library's path to it
            (``$`` for the analysis's one input, ``$.evaluation``), the place of that payload in the body (``$``,
            ``$.self_evaluation``); for each that is a list, the place of each item (``$.files[0]``...).
        query: The library's paths to the arguments that are query parameters, with the parameter of each.
    """

    payloads: Mapping[str, str | Sequence[str]] = attrs.field(factory=dict)
    query: Mapping[str, str] = attrs.field(factory=lambda: QUERY)


BODY_PAYLOAD = Places({"$": "$"})
"""An endpoint whose body is the analysis's one payload."""


def _within(path: str, head: str) -> str | None:
    """What of ``path`` follows ``head`` (``.date``, ``[2].aspect``), or ``None`` if ``path`` is not within it."""
    if head == "$":
        return path[1:] if path.startswith("$") else None
    if path == head or path.startswith((head + ".", head + "[")):
        return path[len(head) :]
    return None


def _item(tail: str, items: Sequence[str]) -> tuple[str, str] | None:
    """The place of the item ``tail`` starts with (``[2].date``), and what follows it; ``None`` if none."""
    found = re.match(r"\[(\d+)\]", tail)
    if found is None or int(found.group(1)) >= len(items):
        return None
    return items[int(found.group(1))], tail[found.end() :]


def place(path: str, places: Places) -> str:
    """Where in the request the library's ``path`` is (the path itself if the request has no place for it)."""
    for head, parameter in places.query.items():
        if _within(path, head) is not None:
            return f"query.{parameter}"
    for head in sorted(places.payloads, key=len, reverse=True):
        tail = _within(path, head)
        if tail is None:
            continue
        where = places.payloads[head]
        if isinstance(where, str):
            return f"{where}.data{tail}"
        item = _item(tail, where)
        if item is not None:
            return f"{item[0]}.data{item[1]}"
    return path


def _item_said(items: Sequence[str]) -> Callable[[re.Match[str]], str]:
    """What says an item of a list (``evaluations[0]``) as its place in the body (``$.sources[0]``)."""

    def said(found: re.Match[str]) -> str:
        place = int(found.group(1))
        return items[place] if place < len(items) else found[0]

    return said


def _said(message: str, places: Places) -> str:
    """A message with the library's words for the request's: ``evaluations[0]`` as ``$.sources[0]``."""
    for library, query in WORDS.items():
        message = message.replace(library, query)
    for head, where in places.payloads.items():
        if isinstance(where, str) or head == "$":
            continue
        name = re.escape(head.removeprefix("$."))
        message = re.sub(rf"\b{name}\[(\d+)\]", _item_said(where), message)
    return message


def placed(error: AnalysisError, places: Places, source: str) -> AnalysisError:
    """The analysis's refusal, each problem at its place in the request and in the request's words."""
    return AnalysisError(source, [Problem(place(p.path, places), _said(p.message, places)) for p in error.problems])

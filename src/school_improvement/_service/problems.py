"""Errors as RFC 9457 problem details (``application/problem+json``), and the handlers that write them.

Every error the service answers with is one problem: ``type`` (``about:blank``: the status says what kind of
failure it is), ``title`` (the status's phrase), ``status``, ``detail`` (what went wrong, in a sentence) and the
extension member ``problems``: each thing wrong, with its ``path`` (a JSON path into the body as the library gives
it, ``query.<name>`` for a query parameter, ``header.<name>`` for a header) and its ``message``.

Nothing a request carries is echoed from FastAPI's own errors or logged: an unexpected failure is logged by the
kind of exception and where it was raised, never by its message, which could quote a payload's notes.
"""

import http
import json
import logging
import traceback
from collections.abc import Mapping, Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from school_improvement._errors import InputError, Problem

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


def _count(problems: Sequence[Problem]) -> str:
    return f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"


def input_problem(error: InputError) -> ServiceError:
    """A 422 for input the library refuses, with each of its problems."""
    return ServiceError(422, f"{_count(error.problems)} in {error.what}", error.problems)


def _location(location: Sequence[int | str]) -> str:
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
    problems = [Problem(_location(detail["loc"]), str(detail["msg"])) for detail in error.errors()]
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

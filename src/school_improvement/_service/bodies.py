"""Request bodies: JSON only, bounded in bytes before anything is parsed, and read into the library's objects.

A body is refused with 415 unless it is ``application/json`` (``charset=utf-8`` allowed), and with 413 as soon as
it is known to be over its limit: at once when ``Content-Length`` says so, and otherwise while it streams in,
never holding more than the limit and one chunk. An endpoint that takes one payload reads the body as that
payload; one that takes several reads a JSON object whose members are named as the command line's inputs, each
a payload (or a list of them), and reports each problem at its path from the body's top (``$.files[1].data.date``).
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, TypeVar

import attrs
from fastapi import Depends, Request

from school_improvement._errors import PayloadError, Problem
from school_improvement._files import parse_json, too_large
from school_improvement._limits import MAX_PAYLOAD_BYTES, MAX_SET_BYTES, MAX_SET_PAYLOADS
from school_improvement._service.problems import ServiceError

JSON_MEDIA_TYPE = "application/json"
REQUEST_BODY = "the request body"
"""What the body is called in problems."""

_T = TypeVar("_T")


def _is_json(content_type: str | None) -> bool:
    """Whether a ``Content-Type`` is JSON in UTF-8: ``application/json``, with ``charset=utf-8`` or no parameter."""
    if content_type is None:
        return False
    media, *parameters = (part.strip() for part in content_type.split(";"))
    if media.lower() != JSON_MEDIA_TYPE:
        return False
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() != "charset" or value.strip().strip('"').lower() != "utf-8":
            return False
    return True


async def read_body(request: Request, most: int) -> bytes:
    """The request's body as bytes: JSON, and at most ``most`` bytes.

    Raises:
        ServiceError: 415 if the body is not declared as JSON in UTF-8; 413 if it is over ``most`` bytes, found
            before any of it is parsed.
    """
    content_type = request.headers.get("content-type")
    if not _is_json(content_type):
        said = "no Content-Type" if content_type is None else f"Content-Type {content_type!r}"
        detail = f"the body must be JSON: send it with Content-Type {JSON_MEDIA_TYPE} (charset=utf-8 allowed)"
        raise ServiceError(415, detail, [Problem("header.content-type", f"{said}; expected {JSON_MEDIA_TYPE}")])
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > most:
        size_said = f"{int(declared):,}"
        raise _too_large(size_said, most)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > most:
            size_said = f"more than {most:,}"
            raise _too_large(size_said, most)
        chunks.append(chunk)
    return b"".join(chunks)


NOT_UTF8 = "the body is not UTF-8 text"


def utf8(raw: bytes) -> bytes:
    """The body, checked to be UTF-8 text, as its ``Content-Type`` says.

    Raises:
        PayloadError: If it is not.
    """
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PayloadError(REQUEST_BODY, [Problem("$", NOT_UTF8)]) from None
    return raw


async def _payload_body(request: Request) -> bytes:
    return utf8(await read_body(request, MAX_PAYLOAD_BYTES))


async def _set_body(request: Request) -> bytes:
    return utf8(await read_body(request, MAX_SET_BYTES))


async def _any_payload_body(request: Request) -> bytes:
    return await read_body(request, MAX_PAYLOAD_BYTES)


PayloadBody = Annotated[bytes, Depends(_payload_body)]
"""The body of an endpoint that reads one payload, read (bounded) before the endpoint runs in the threadpool."""
AnyPayloadBody = Annotated[bytes, Depends(_any_payload_body)]
"""The body of ``/validate``, which says itself that it is not UTF-8 (``utf8``), as it says every problem."""
SetBody = Annotated[bytes, Depends(_set_body)]
"""The body of an endpoint that reads several payloads, read (bounded) before the endpoint runs."""


def _too_large(size: str, most: int) -> ServiceError:
    detail = f"the body is over the limit of {most:,} bytes; nothing of it was read as JSON"
    return ServiceError(413, detail, [too_large(size, most)], {"Connection": "close"})


def under(prefix: str, problems: Sequence[Problem]) -> list[Problem]:
    """The problems found in one member of the body, with their paths from the body's top."""
    return [Problem(prefix + problem.path.removeprefix("$"), problem.message) for problem in problems]


@attrs.frozen
class Member:
    """One member of a body that holds several payloads.

    Attributes:
        name: Its name in the body, as the command line's input or option (``files``, ``self_evaluation``).
        many: Whether it is a list of payloads rather than one.
        required: Whether the body must have it.
        text: Whether it is text (a CSV register), not a payload.
    """

    name: str
    many: bool = False
    required: bool = True
    text: bool = False


def members(raw: bytes, expected: Sequence[Member]) -> dict[str, Any]:
    """The members of a body that holds several payloads, each checked for its shape (not yet loaded).

    Raises:
        PayloadError: If the body is not a JSON object (or repeats a key), lacks a member it needs, has one it
            does not take, or a member is not the shape it should be; every problem is listed.
    """
    document = parse_json(raw, lambda problems: PayloadError(REQUEST_BODY, problems))
    if not isinstance(document, dict):
        raise PayloadError(REQUEST_BODY, [Problem("$", "expected a JSON object whose members are named inputs")])
    problems = [Problem(f"$.{name}", "unknown member") for name in document if name not in {m.name for m in expected}]
    for member in expected:
        problems += _shape_problems(member, document.get(member.name))
    if problems:
        raise PayloadError(REQUEST_BODY, problems)
    return {name: value for name, value in document.items() if value is not None}


def _shape_problems(member: Member, value: object) -> list[Problem]:
    """What is wrong with the shape of one member of the body (``None`` when it is not given)."""
    where = f"$.{member.name}"
    if value is None:
        return [Problem(where, "required member missing")] if member.required else []
    if member.text:
        return [] if isinstance(value, str) else [Problem(where, "expected text")]
    if member.many:
        if not isinstance(value, list) or not value:
            return [Problem(where, "expected a list of one or more payloads")]
        if len(value) > MAX_SET_PAYLOADS:
            return [Problem(where, f"{len(value):,} payloads; the most read is {MAX_SET_PAYLOADS:,}")]
        return []
    return [] if isinstance(value, dict) else [Problem(where, "expected a payload (a JSON object)")]


def loaded(where: str, payload: Any, load: Callable[[Mapping[str, Any], str], _T]) -> _T:  # noqa: ANN401 (JSON)
    """One payload of the body, loaded; its problems at their paths from the body's top.

    Raises:
        PayloadError: Listing every problem, each under ``where`` (``$.files[0]``).
    """
    if not isinstance(payload, dict):
        raise PayloadError(REQUEST_BODY, [Problem(where, "expected a payload (a JSON object)")])
    try:
        return guarded(lambda: load(payload, where), where)
    except PayloadError as error:
        raise PayloadError(REQUEST_BODY, under(where, error.problems)) from None


def guarded(load: Callable[[], _T], where: str = "$") -> _T:
    """What a loader reads, with a domain object's own refusal of a value said as a problem of the payload.

    A loader turns what it checks into problems with their paths; a value its schema lets through but a domain
    object's validator refuses (a school reference of spaces alone) raises ``ValueError`` instead. That is the
    input's fault, not the service's: it is a 422 at the payload, in the validator's words.

    Raises:
        PayloadError: For such a value.
    """
    try:
        return load()
    except ValueError as error:
        raise PayloadError(REQUEST_BODY, [Problem(where, str(error))]) from None


def all_loaded(where: str, payloads: Sequence[Any], load: Callable[[Mapping[str, Any], str], _T]) -> list[_T]:
    """Each payload of a list in the body, loaded; every problem in any of them, at its path from the body's top.

    Raises:
        PayloadError: Listing every problem in every payload.
    """
    found: list[_T] = []
    problems: list[Problem] = []
    for place, payload in enumerate(payloads):
        try:
            found.append(loaded(f"{where}[{place}]", payload, load))
        except PayloadError as error:  # noqa: PERF203 (each payload's problems are gathered, not the first only)
            problems += error.problems
    if problems:
        raise PayloadError(REQUEST_BODY, problems)
    return found

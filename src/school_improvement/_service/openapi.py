"""The service's OpenAPI 3.1 description: the payloads' own JSON Schemas as its components, every error described.

The payload schemas are read from the very files the package ships (``school_improvement/schemas/``), each put in
``components/schemas`` under its kind (``self-evaluation``), its ``$defs`` hoisted beside it under their own names
(``StageProfile``: a class is described the same in every schema that holds it) and its references rewritten to
match, so the description and the schemas cannot drift apart.
Request and response bodies refer to them; every error response is ``application/problem+json``.
"""

import copy
import json
from collections.abc import Iterable, Mapping, Sequence
from importlib.resources import files
from typing import Any

from school_improvement._assessment.quality import Finding
from school_improvement._planning.discussion import ViewDifference

PROBLEM = "problem-details"
"""The component of every error response."""
VALIDATION = "validation-result"
EVIDENCE_CHECKS = "evidence-checks"
VIEW_DIFFERENCES = "view-differences"
SCHEMA_INDEX = "schema-index"
CASE = "case-package"

_ERRORS = {
    404: "There is nothing at this path.",
    406: "The Accept header asks for none of the forms this endpoint answers in.",
    413: "The body is over the limit in bytes; refused before any of it is parsed.",
    415: "The body is not declared as JSON (Content-Type: application/json, charset=utf-8 allowed).",
    422: "The body or a query parameter is invalid: every problem is listed, each with its path.",
}


def ref(name: str) -> dict[str, str]:
    """A reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def _rewritten(node: Any) -> Any:  # noqa: ANN401 (any part of a JSON Schema)
    """A schema with each ``#/$defs/<name>`` reference pointing to its hoisted component ``<name>``."""
    if isinstance(node, dict):
        return {
            key: (
                f"#/components/schemas/{value.removeprefix('#/$defs/')}"
                if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/")
                else _rewritten(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewritten(item) for item in node]
    return node


def hoisted(name: str, schema: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A JSON Schema as components: itself under ``name``, without ``$schema``, and each of its ``$defs`` beside it."""
    schema = dict(copy.deepcopy(schema))
    schema.pop("$schema", None)
    definitions: dict[str, Any] = schema.pop("$defs", {})
    return {name: _rewritten(schema)} | {key: _rewritten(value) for key, value in definitions.items()}


def _merged(into: dict[str, dict[str, Any]], more: Mapping[str, dict[str, Any]]) -> None:
    """Add components; a definition two schemas share must be the same in both (a class is described once).

    Raises:
        ValueError: If two schemas define one name differently, so one component could not stand for both.
    """
    for name, schema in more.items():
        if name in into and into[name] != schema:
            msg = f"two schemas define {name!r} differently: one component cannot describe both"
            raise ValueError(msg)
        into[name] = schema


def shipped_schemas() -> dict[str, dict[str, Any]]:
    """The payload schemas the package ships, by kind, read from their files."""
    folder = files("school_improvement").joinpath("schemas")
    return {
        item.name.removesuffix(".schema.json"): json.loads(item.read_text(encoding="utf-8"))
        for item in sorted(folder.iterdir(), key=lambda item: item.name)
        if item.name.endswith(".schema.json")
    }


def _mirrored(name: str, member: str, cls: type[Any]) -> dict[str, dict[str, Any]]:
    """An object with one member, a list of a library class as the converter writes it, as components."""
    from pydantic import ConfigDict, create_model  # noqa: PLC0415 (pydantic stays out of the package import)

    from school_improvement._interchange.schema import _Mirror  # noqa: PLC0415 (it imports pydantic)

    item = _Mirror(defaults=False).model(cls)
    model = create_model(name, __config__=ConfigDict(extra="forbid", title=name), **{member: (list[item], ...)})  # type: ignore[call-overload,valid-type]
    return hoisted(name, model.model_json_schema())


_PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem details (RFC 9457)",
    "type": "object",
    "required": ["type", "title", "status", "detail", "problems"],
    "properties": {
        "type": {"type": "string", "description": "about:blank: the status says what kind of failure it is."},
        "title": {"type": "string", "description": "The status's phrase."},
        "status": {"type": "integer", "description": "The HTTP status code."},
        "detail": {"type": "string", "description": "What went wrong, in a sentence."},
        "problems": {
            "type": "array",
            "description": "Each thing wrong: in the body (a JSON path from its top, $), a query parameter "
            "(query.<name>), the path (path.<name>) or a header (header.<name>).",
            "items": {
                "type": "object",
                "required": ["path", "message"],
                "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}

_VALIDATION_SCHEMA: dict[str, Any] = {
    "title": "What validate found",
    "description": "As `validate --format json` writes it: whether the payload is valid, its kind, what it holds "
    "(its school, dates and counts, by kind), what loads but will not count as its author may expect, and every "
    "problem. An invalid payload is answered with 200 and valid false.",
    "type": "object",
    "required": ["valid", "source", "kind", "warnings", "notices", "noticed_against", "problems"],
    "properties": {
        "valid": {"type": "boolean"},
        "source": {"type": "string"},
        "kind": {"type": ["string", "null"]},
        "warnings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["source", "path", "message"],
                "properties": {"source": {"type": "string"}, "path": {"type": "string"}, "message": {"type": "string"}},
            },
        },
        "notices": {"type": "array", "items": {"type": "object"}},
        "noticed_against": {
            "type": ["string", "null"],
            "description": "The date of the self-evaluation the priorities are checked against (none here).",
        },
        "problems": _PROBLEM_SCHEMA["properties"]["problems"],
    },
}


def components() -> dict[str, dict[str, Any]]:
    """Every component schema: the shipped payload schemas, hoisted, and the service's own answers."""
    found: dict[str, dict[str, Any]] = {}
    for kind, schema in shipped_schemas().items():
        _merged(found, hoisted(kind, schema))
    _merged(found, _mirrored(EVIDENCE_CHECKS, "findings", Finding))
    _merged(found, _mirrored(VIEW_DIFFERENCES, "differences", ViewDifference))
    found[PROBLEM] = _PROBLEM_SCHEMA
    found[VALIDATION] = _VALIDATION_SCHEMA
    found[SCHEMA_INDEX] = {
        "title": "The JSON Schema of every payload, by kind",
        "type": "object",
        "additionalProperties": {"type": "object"},
    }
    found[CASE] = {"title": "A 1EdTech CASE 1.1 package of the framework", "type": "object"}
    return found


def payload_body(*kinds: str, description: str) -> dict[str, Any]:
    """A request body that is one payload, of one of ``kinds``."""
    schema = ref(kinds[0]) if len(kinds) == 1 else {"oneOf": [ref(kind) for kind in kinds]}
    return {"required": True, "description": description, "content": {"application/json": {"schema": schema}}}


def members_body(members: Iterable[tuple[str, dict[str, Any], bool]], description: str) -> dict[str, Any]:
    """A request body that holds several inputs: each ``(name, schema, required)``."""
    listed = list(members)
    schema = {
        "type": "object",
        "properties": {name: schema for name, schema, _ in listed},
        "required": [name for name, _, required in listed if required],
        "additionalProperties": False,
    }
    return {"required": True, "description": description, "content": {"application/json": {"schema": schema}}}


def many(kind: str | Sequence[str]) -> dict[str, Any]:
    """A list of one or more payloads, of one kind or of any of several."""
    item = ref(kind) if isinstance(kind, str) else {"oneOf": [ref(name) for name in kind]}
    return {"type": "array", "minItems": 1, "items": item}


TEXT = {"type": "string"}


def answers(ok: Mapping[str, dict[str, Any]], description: str, errors: Iterable[int]) -> dict[str, Any]:
    """The responses of an operation: 200 in each media type offered (the first when Accept says nothing)."""
    responses: dict[str, Any] = {
        "200": {"description": description, "content": {media: {"schema": schema} for media, schema in ok.items()}}
    }
    for status in sorted(set(errors)):
        responses[str(status)] = {
            "description": _ERRORS[status],
            "content": {"application/problem+json": {"schema": ref(PROBLEM)}},
        }
    return responses


def operation(
    ok: Mapping[str, dict[str, Any]],
    description: str,
    errors: Iterable[int],
    body: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What FastAPI's ``openapi_extra`` adds to an operation: its body and every response.

    Every operation can answer 406 (an ``Accept`` it cannot meet) and 422 (a query parameter it does not take).
    """
    extra: dict[str, Any] = {"responses": answers(ok, description, {*errors, 406, 422})}
    if body is not None:
        extra["requestBody"] = body
    return extra


_FASTAPI_OWN = ("HTTPValidationError", "ValidationError")
"""The components FastAPI adds for its own validation errors, which the service answers as problems instead."""


def _own_refs(content: Mapping[str, Any]) -> bool:
    schema = content.get("schema", {})
    reference = str(schema.get("$ref", ""))
    return not schema or reference.endswith(tuple(f"/{name}" for name in _FASTAPI_OWN))


def finished(description: dict[str, Any]) -> dict[str, Any]:
    """FastAPI's description made the service's: its components added, its own validation errors taken out."""
    description = copy.deepcopy(description)
    for path in description.get("paths", {}).values():
        for operation_found in path.values():
            responses = operation_found.get("responses", {})
            for status, response in list(responses.items()):
                content = response.get("content", {})
                for media in [media for media, found in content.items() if _own_refs(found)]:
                    del content[media]
                if not content:  # FastAPI's own answer only: one the service never gives
                    del responses[status]
            operation_found["responses"] = dict(sorted(responses.items()))
    schemas = description.setdefault("components", {}).setdefault("schemas", {})
    for name in _FASTAPI_OWN:
        schemas.pop(name, None)
    schemas.update(components())
    description["components"]["schemas"] = dict(sorted(schemas.items()))
    return description

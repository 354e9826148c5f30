"""The OpenAPI description: committed, current, served, and made of the very schemas the package ships."""

import json
from importlib.resources import files
from typing import Any

import httpx
import pytest

from school_improvement._service.app import create_app, openapi_text
from school_improvement._service.openapi import PROBLEM, shipped_schemas

COMMITTED = files("school_improvement").joinpath("openapi.json")


def _committed() -> dict[str, Any]:
    found: dict[str, Any] = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return found


def test_the_committed_description_is_current() -> None:
    """The committed description is what the application generates now."""
    assert COMMITTED.read_text(encoding="utf-8") == openapi_text(), (
        "src/school_improvement/openapi.json is out of date: regenerate it with python scripts/openapi.py"
    )


def test_the_description_is_openapi_3_1() -> None:
    """It declares OpenAPI 3.1."""
    assert _committed()["openapi"].startswith("3.1.")


def test_the_server_serves_the_committed_description(client: httpx.Client) -> None:
    """GET /openapi.json is the committed description; /docs shows it."""
    assert client.get("/openapi.json").json() == _committed()
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/openapi.json" in docs.text


def _restored(kind: str, components: dict[str, Any]) -> dict[str, Any]:
    """A payload's schema put back together from the components: what it refers to nested again as its $defs."""
    prefix = "#/components/schemas/"

    def back(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: f"#/$defs/{value.removeprefix(prefix)}" if key == "$ref" else back(value)
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [back(item) for item in node]
        return node

    wanted: set[str] = set()
    waiting = [reference.removeprefix(prefix) for reference in _references(components[kind])]
    while waiting:
        name = waiting.pop()
        if name not in wanted:
            wanted.add(name)
            waiting += [reference.removeprefix(prefix) for reference in _references(components[name])]
    schema: dict[str, Any] = back(components[kind])
    return schema | ({"$defs": {name: back(components[name]) for name in sorted(wanted)}} if wanted else {})


@pytest.mark.parametrize("kind", sorted(shipped_schemas()))
def test_each_payload_component_is_the_shipped_schema(kind: str) -> None:
    """Each payload's components, put back together, are the schema file the package ships, but for $schema."""
    shipped = json.loads(files("school_improvement").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8"))
    shipped.pop("$schema")
    assert _restored(kind, _committed()["components"]["schemas"]) == shipped


def _references(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_references(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_references(item) for item in node))
    return set()


def test_every_reference_resolves_and_bodies_refer_to_the_payloads() -> None:
    """Every reference names a component; the request bodies refer to the shipped payload schemas."""
    description = _committed()
    schemas = description["components"]["schemas"]
    for reference in _references(description):
        assert reference.removeprefix("#/components/schemas/") in schemas, reference
    assessing = description["paths"]["/assess"]["post"]
    assert assessing["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/self-evaluation"
    }
    assert assessing["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/stage-profile"
    }


def test_every_error_is_a_documented_problem() -> None:
    """Every operation documents its errors as problem+json; one with a body its 413, 415 and (but validate) 422."""
    for path, methods in _committed()["paths"].items():
        for method, operation in methods.items():
            responses = operation["responses"]
            errors = {status for status in responses if status != "200"}
            for status in errors:
                assert responses[status]["content"] == {
                    "application/problem+json": {"schema": {"$ref": f"#/components/schemas/{PROBLEM}"}}
                }, (method, path, status)
            if "requestBody" in operation:  # validate answers an invalid payload with 200, valid false
                assert {"413", "415"} | ({"422"} if path != "/validate" else set()) <= errors, (method, path)
            if len(responses["200"]["content"]) > 1:
                assert "406" in errors, (method, path)


def test_the_description_names_no_fastapi_validation_error() -> None:
    """FastAPI's own validation error, which echoes the input, is neither answered nor described."""
    assert "HTTPValidationError" not in json.dumps(_committed())


def test_the_description_is_the_application_s() -> None:
    """The application describes itself with the committed description."""
    assert create_app().openapi() == _committed()

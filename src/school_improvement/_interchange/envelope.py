"""The payload envelope: the schema version, kind and edition every payload carries around its data."""

from school_improvement._errors import Problem

SCHEMA_VERSION = 1
"""The version of the payload layout. It changes only when a payload changes incompatibly."""


def envelope_problems(payload: object, kind: str) -> list[Problem]:
    """What is wrong with a payload's envelope (its schema version, kind, edition and data)."""
    if not isinstance(payload, dict):
        return [Problem("$", "expected a JSON object")]
    problems = []
    if payload.get("schema_version") != SCHEMA_VERSION:
        found = payload.get("schema_version")
        message = f"must be {SCHEMA_VERSION}, the version this library reads; found {found!r}"
        problems.append(Problem("$.schema_version", message))
    if payload.get("kind") != kind:
        problems.append(Problem("$.kind", f"must be {kind!r}; found {payload.get('kind')!r}"))
    if not isinstance(payload.get("framework_edition"), str):
        problems.append(Problem("$.framework_edition", "required: the framework edition, as text"))
    if not isinstance(payload.get("data"), dict):
        problems.append(Problem("$.data", "required: the object, as a JSON object"))
    extra = sorted(set(payload) - {"schema_version", "kind", "framework_edition", "data"})
    problems += [Problem(f"$.{name}", "unknown field") for name in extra]
    return problems


def under_data(problems: list[Problem]) -> list[Problem]:
    """The problems found in a payload's data, with their paths taken from the payload's top."""
    return [Problem("$.data" + problem.path.removeprefix("$"), problem.message) for problem in problems]

"""Payloads: every public object as versioned, deterministic JSON, and back."""

import json
from typing import Any, TypeVar, cast

import attrs
from attrs import AttrsInstance

from school_improvement._assessment.assess import StageProfile
from school_improvement._assessment.evidence import SelfEvaluation
from school_improvement._assessment.progress import ProgressReport
from school_improvement._authority.matching import Collaboration
from school_improvement._authority.rollup import Rollup
from school_improvement._content.framework import CODE, Framework
from school_improvement._content.loading import load_framework
from school_improvement._converter import shared_converter, structure_or_raise
from school_improvement._errors import PayloadError, Problem
from school_improvement._files import parse_json
from school_improvement._interchange.envelope import SCHEMA_VERSION, envelope_problems, under_data
from school_improvement._planning.discussion import DiscussionRecord
from school_improvement._planning.gaps import GapAnalysis
from school_improvement._planning.next_steps import Recommendation
from school_improvement._planning.plan import DevelopmentPlan
from school_improvement._planning.review import PlanReview

PAYLOAD_KINDS: dict[type[Any], str] = {
    Framework: "framework",
    SelfEvaluation: "self-evaluation",
    StageProfile: "stage-profile",
    GapAnalysis: "gap-analysis",
    Recommendation: "recommendation",
    DevelopmentPlan: "development-plan",
    PlanReview: "plan-review",
    DiscussionRecord: "discussion-record",
    ProgressReport: "progress-report",
    Rollup: "rollup",
    Collaboration: "collaboration",
}
"""The kind each public object travels as."""

_T = TypeVar("_T")


def _edition(value: object) -> str:
    if isinstance(value, Framework):
        return value.edition_id
    edition = getattr(value, "framework_edition", None)
    if not isinstance(edition, str):
        msg = f"{type(value).__name__} does not travel as a payload"
        raise TypeError(msg)
    return edition


def to_payload(value: object) -> dict[str, Any]:
    """The payload of a public object: its kind, the schema version, the framework edition and its data.

    Raises:
        TypeError: If the object is not one that travels as a payload.

    Examples:
        >>> from school_improvement import load_framework, to_payload
        >>> payload = to_payload(load_framework())
        >>> payload["schema_version"], payload["kind"], payload["framework_edition"]
        (1, 'framework', 'estyn-school-improvement-journeys/2026.1')
    """
    kind = PAYLOAD_KINDS.get(type(value))
    if kind is None:
        msg = f"{type(value).__name__} does not travel as a payload"
        raise TypeError(msg)
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": kind,
        "framework_edition": _edition(value),
        "data": shared_converter().unstructure(value),
    }


def dumps(value: object) -> str:
    """The payload of a public object as JSON text. The same object always gives the same text.

    Examples:
        >>> from school_improvement import dumps, load_framework
        >>> dumps(load_framework()) == dumps(load_framework())
        True
    """
    return json.dumps(to_payload(value), ensure_ascii=False, indent=2) + "\n"


def code_problems(value: object, framework: Framework, path: str = "$") -> list[Problem]:
    """Every framework code in an object that the edition does not have, each with its JSON path.

    The fields that carry codes say so in their metadata (see ``CODE`` in the
    framework module), so a new result class is checked as soon as its fields
    are marked.
    """
    problems: list[Problem] = []
    if attrs.has(type(value)):
        for field in attrs.fields(cast("type[AttrsInstance]", type(value))):
            item, where, kind = getattr(value, field.name), f"{path}.{field.name}", field.metadata.get(CODE)
            if kind is None:
                problems += code_problems(item, framework, where)
                continue
            codes = enumerate(item) if isinstance(item, tuple) else [(None, item)]
            problems += [
                Problem(
                    where if n is None else f"{where}[{n}]",
                    f"no {kind} has the code {code!r} in {framework.edition_id}",
                )
                for n, code in codes
                if code is not None and not framework.knows(kind, code)
            ]
    elif isinstance(value, tuple):
        for n, item in enumerate(value):
            problems += code_problems(item, framework, f"{path}[{n}]")
    return problems


def edition_problems(declared: str, framework: Framework | None) -> tuple[Framework, list[Problem]]:
    """The edition a payload's codes are checked against (the one given, or the bundled one), and any problem.

    The problem is that the payload declares another edition than the one
    given, or, with none given, than the bundled one.
    """
    if framework is None:
        framework = load_framework()
        if declared != framework.edition_id:
            message = (
                f"the payload is for {declared!r}, which is not the bundled edition ({framework.edition_id!r}): "
                "pass the framework it rates"
            )
            return framework, [Problem("$.framework_edition", message)]
    elif declared != framework.edition_id:
        message = f"the payload is for {declared!r}, not the framework given ({framework.edition_id!r})"
        return framework, [Problem("$.framework_edition", message)]
    return framework, []


def _edition_of(declared: str, framework: Framework | None, source: str) -> Framework:
    """The edition a payload's codes are checked against: the one given, or the bundled one it names."""
    edition, problems = edition_problems(declared, framework)
    if problems:
        raise PayloadError(source, problems)
    return edition


def from_payload(
    payload: object, cls: type[_T], *, source: str = "<payload>", framework: Framework | None = None
) -> _T:
    """The object a payload carries, checked against the kind and edition it declares.

    Every framework code it names (aspects, descriptors, national priorities,
    contributory factors, characteristics of leaders) is checked against the
    edition it declares: ``framework`` if given, else the bundled edition,
    which the payload must then name.

    Use this for payloads the library wrote. For untrusted input, such as a
    self-evaluation from another system, use
    [`load_self_evaluation`][school_improvement.load_self_evaluation], which
    validates every field and limits sizes.

    Raises:
        PayloadError: If the payload is malformed, of another kind or schema
            version, or its data does not fit or names codes its edition does
            not have; every problem is listed with its JSON path.
    """
    kind = PAYLOAD_KINDS.get(cls)
    if kind is None:
        msg = f"{cls.__name__} does not travel as a payload"
        raise TypeError(msg)
    problems = envelope_problems(payload, kind)
    if problems or not isinstance(payload, dict):
        raise PayloadError(source, problems)
    value = structure_or_raise(payload["data"], cls, lambda found: PayloadError(source, under_data(found)))
    if _edition(value) != payload["framework_edition"]:
        message = f"the payload declares {payload['framework_edition']!r}, but its data is for {_edition(value)!r}"
        raise PayloadError(source, [Problem("$.framework_edition", message)])
    if not isinstance(value, Framework):
        unknown = code_problems(value, _edition_of(payload["framework_edition"], framework, source))
        if unknown:
            raise PayloadError(source, under_data(unknown))
    return value


def loads(text: str | bytes, cls: type[_T], *, source: str = "<payload>", framework: Framework | None = None) -> _T:
    """The object in a payload's JSON text; see [`from_payload`][school_improvement.from_payload].

    A key given twice in one object is refused, with its path.

    Raises:
        PayloadError: If the text is not JSON or the payload does not fit.
    """
    payload = parse_json(text, lambda problems: PayloadError(source, problems))
    return from_payload(payload, cls, source=source, framework=framework)

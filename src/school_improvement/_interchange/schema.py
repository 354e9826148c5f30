"""Pydantic models of the input payloads: validation and JSON Schema at the boundary.

This module imports pydantic, so nothing in the core imports it: it is loaded
only when untrusted input is read or a schema is generated.
"""

import types
import typing
from typing import Annotated, Any, Literal

import attrs
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema, create_model

from school_improvement._dates import ISO_DATE
from school_improvement._limits import (
    MAX_EVIDENCE_PER_RATING,
    MAX_JUDGEMENTS,
    MAX_NAME,
    MAX_RATINGS,
    MAX_TEXT,
)

RatingValue = Literal["not-yet", "partly", "mostly", "fully", "not-applicable"]
KindValue = Literal[
    "lesson-observation",
    "scrutiny-of-learners-work",
    "learner-voice",
    "staff-views",
    "parent-carer-views",
    "governor-views",
    "data",
    "documentation",
    "external-report",
    "other",
]


IsoDate = Annotated[
    str, StringConstraints(pattern=f"^{ISO_DATE.pattern}$"), WithJsonSchema({"type": "string", "format": "date"})
]
"""A date, taken only as ``YYYY-MM-DD`` text, as JSON Schema's ``format: date`` says.

The pattern is checked with the rest of the payload; whether the day exists
is checked as the self-evaluation is built, with the same path.
"""

StageValue = Literal["starting-the-journey", "making-progress", "building-momentum", "sustaining-high-standards"]

_CLOSED = ConfigDict(extra="forbid", str_strip_whitespace=False)


class EvidenceModel(BaseModel):
    """A piece of evidence about the school. No pupil personal data belongs here."""

    model_config = _CLOSED
    kind: KindValue = Field(description="The kind of source.")
    date: IsoDate = Field(description="When it was gathered (YYYY-MM-DD); not after the self-evaluation.")
    note: str | None = Field(default=None, max_length=MAX_TEXT, description="What it shows, briefly.")
    reference: str | None = Field(default=None, max_length=MAX_TEXT, description="Where to find it.")


class DescriptorRatingModel(BaseModel):
    """A rating of one descriptor, with the evidence behind it."""

    model_config = _CLOSED
    descriptor: str = Field(
        pattern=r"^[A-Z]{2}\.[1-4]\.[1-9][0-9]*$", description="The descriptor's code, e.g. SV.1.2."
    )
    rating: RatingValue = Field(description="How far the evidence shows the descriptor is in place.")
    evidence: list[EvidenceModel] = Field(default_factory=list, max_length=MAX_EVIDENCE_PER_RATING)


class ProfessionalJudgementModel(BaseModel):
    """The school's own judgement of one aspect's stage."""

    model_config = _CLOSED
    aspect: str = Field(pattern=r"^[A-Z]{2}$", description="The aspect's code, e.g. PV.")
    stage: StageValue | None = Field(description="The stage the school judges it has reached, or null for none yet.")
    rationale: str = Field(min_length=1, max_length=MAX_TEXT, description="Why, in the school's words.")


class SelfEvaluationModel(BaseModel):
    """A school's self-evaluation against one framework edition."""

    model_config = _CLOSED
    school: str = Field(min_length=1, max_length=MAX_NAME, description="The school's reference; not personal data.")
    date: IsoDate = Field(description="The date of the self-evaluation (YYYY-MM-DD).")
    framework_edition: str = Field(max_length=MAX_NAME, description="The edition rated against.")
    ratings: list[DescriptorRatingModel] = Field(default_factory=list, max_length=MAX_RATINGS)
    judgements: list[ProfessionalJudgementModel] = Field(default_factory=list, max_length=MAX_JUDGEMENTS)


class SelfEvaluationPayload(BaseModel):
    """A self-evaluation as a payload: the envelope every payload of this library has."""

    model_config = ConfigDict(extra="forbid", title="School improvement self-evaluation payload")
    schema_version: Literal[1] = Field(description="The version of the payload layout.")
    kind: Literal["self-evaluation"]
    framework_edition: str = Field(max_length=MAX_NAME, description="The edition rated against.")
    data: SelfEvaluationModel


def _output_type(annotation: Any, models: dict[type[Any], type[BaseModel]]) -> Any:  # noqa: ANN401 (any type)
    """The pydantic-facing type of an attrs field, as the converter writes it."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if attrs.has(annotation):
        return _output_model(annotation, models)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return list[_output_type(args[0], models)]  # type: ignore[misc]
    if origin is tuple:
        return tuple[tuple(_output_type(arg, models) for arg in args)]  # type: ignore[misc]
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_output_type(arg, models) for arg in args)]  # noqa: UP007 (built at run time)
    return annotation


def _output_model(cls: type[Any], models: dict[type[Any], type[BaseModel]]) -> type[BaseModel]:
    """A closed pydantic model mirroring an attrs class, every field required (the converter writes them all)."""
    if cls not in models:
        hints = typing.get_type_hints(cls)
        fields: dict[str, Any] = {
            field.name: (_output_type(hints[field.name], models), ...) for field in attrs.fields(cls) if field.init
        }
        doc = (cls.__doc__ or "").strip().splitlines()[0]
        models[cls] = create_model(cls.__name__, __config__=ConfigDict(extra="forbid"), __doc__=doc, **fields)
    return models[cls]


def output_payload_model(cls: type[Any], kind: str) -> type[BaseModel]:
    """A pydantic model of the payload a public object travels as, for its JSON Schema."""
    data = _output_model(cls, {})
    return create_model(
        f"{cls.__name__}Payload",
        __config__=ConfigDict(extra="forbid", title=f"School improvement {kind} payload"),
        schema_version=(Literal[1], ...),
        kind=(Literal[kind], ...),  # type: ignore[arg-type]  # a Literal of a run-time value
        framework_edition=(str, ...),
        data=(data, ...),
    )

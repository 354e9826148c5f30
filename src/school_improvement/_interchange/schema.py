"""The payloads described for pydantic: the self-evaluation's validation, and every payload's JSON Schema.

This module imports pydantic, so nothing in the core imports it: it is loaded
only when untrusted input is read or a schema is generated.
"""

import functools
import inspect
import json
import re
import types
import typing
from typing import Annotated, Any, Literal

import attrs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    WithJsonSchema,
    create_model,
    with_config,
)
from typing_extensions import NotRequired, TypedDict

from school_improvement._converter import shared_converter
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

_WRITTEN = r"\S"
"""Text that holds more than white space, as the domain's objects require."""
_CLOSED = ConfigDict(extra="forbid", str_strip_whitespace=False)
_ABSENT_IS_NULL: dict[str, Any] = {"default": None}
"""Said in the schema of a field whose absence reads as null, but not filled in by the validator: the loader
counts the keys a payload gives (a key given twice is refused), and reads an absent field as ``None`` itself."""

# The self-evaluation payload is described as TypedDicts rather than models: pydantic validates JSON text into
# plain dicts in about two thirds of the time it takes to fill models (29 to 31 ms rather than 46 to 51 ms for the
# benchmark's 100 synthetic payloads, best of 11 on a quiet machine), and the loader builds the library's own objects
# from them in either case. Their JSON Schema is the one published, as the models gave it (their names are its
# ``$defs``): a test compares it with the shipped file. ``typing_extensions`` is pydantic's own dependency; pydantic
# needs its TypedDict before Python 3.12.


@with_config(_CLOSED)
class EvidenceModel(TypedDict):
    """A piece of evidence about the school. No pupil personal data belongs here."""

    kind: Annotated[KindValue, Field(description="The kind of source.")]
    date: Annotated[IsoDate, Field(description="When it was gathered (YYYY-MM-DD); not after the self-evaluation.")]
    note: NotRequired[
        Annotated[
            str | None,
            Field(max_length=MAX_TEXT, json_schema_extra=_ABSENT_IS_NULL, description="What it shows, briefly."),
        ]
    ]
    reference: NotRequired[
        Annotated[
            str | None, Field(max_length=MAX_TEXT, json_schema_extra=_ABSENT_IS_NULL, description="Where to find it.")
        ]
    ]


@with_config(_CLOSED)
class DescriptorRatingModel(TypedDict):
    """A rating of one descriptor, with the evidence behind it."""

    descriptor: Annotated[
        str, Field(pattern=r"^[A-Z]{2}\.[1-4]\.[1-9][0-9]*$", description="The descriptor's code, e.g. SV.1.2.")
    ]
    rating: Annotated[RatingValue, Field(description="How far the evidence shows the descriptor is in place.")]
    evidence: NotRequired[Annotated[list[EvidenceModel], Field(max_length=MAX_EVIDENCE_PER_RATING)]]


@with_config(_CLOSED)
class ProfessionalJudgementModel(TypedDict):
    """The school's own judgement of one aspect's stage."""

    aspect: Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="The aspect's code, e.g. PV.")]
    stage: Annotated[
        StageValue | None, Field(description="The stage the school judges it has reached, or null for none yet.")
    ]
    rationale: Annotated[
        str, Field(min_length=1, max_length=MAX_TEXT, pattern=_WRITTEN, description="Why, in the school's words.")
    ]


@with_config(_CLOSED)
class SelfEvaluationModel(TypedDict):
    """A school's self-evaluation against one framework edition."""

    school: Annotated[
        str,
        Field(
            min_length=1,
            max_length=MAX_NAME,
            pattern=_WRITTEN,
            description="The school's reference; not personal data.",
        ),
    ]
    date: Annotated[IsoDate, Field(description="The date of the self-evaluation (YYYY-MM-DD).")]
    framework_edition: Annotated[str, Field(max_length=MAX_NAME, description="The edition rated against.")]
    ratings: NotRequired[Annotated[list[DescriptorRatingModel], Field(max_length=MAX_RATINGS)]]
    judgements: NotRequired[Annotated[list[ProfessionalJudgementModel], Field(max_length=MAX_JUDGEMENTS)]]


@with_config(ConfigDict(extra="forbid", title="School improvement self-evaluation payload"))
class SelfEvaluationPayload(TypedDict):
    """A self-evaluation as a payload: the envelope every payload of this library has."""

    schema_version: Annotated[Literal[1], Field(description="The version of the payload layout.")]
    kind: Literal["self-evaluation"]
    framework_edition: Annotated[str, Field(max_length=MAX_NAME, description="The edition rated against.")]
    data: SelfEvaluationModel


@functools.cache
def self_evaluation_payload() -> "TypeAdapter[SelfEvaluationPayload]":
    """The validator of a self-evaluation payload, and its JSON Schema; made once, when first asked for."""
    return TypeAdapter(SelfEvaluationPayload)


_ATTRIBUTE = re.compile(r"(\w+)(?:\s*\([^)]*\))?:\s*(.*)")
"""An entry of a Google-style ``Attributes:`` section: ``name: What it is.`` (a type in brackets allowed)."""


def attribute_descriptions(cls: type[Any]) -> dict[str, str]:
    """Each attribute's description as the class's docstring gives it, in its ``Attributes:`` section.

    The section is Google-style, as the library's classes write it: a line
    ``Attributes:``, then one entry a line, ``name: What it is.``, a longer
    description going on in lines indented further. The section ends at the
    first line indented no further than its heading. An attribute the
    section does not name has no description.

    Examples:
        >>> from school_improvement import Participant
        >>> attribute_descriptions(Participant)["role"]
        'Their role (``Headteacher``, ``Chair of governors``, ``Local authority improvement officer``).'
    """
    found: dict[str, list[str]] = {}
    heading: int | None = None  # the indent of the section's heading, once found
    entries: int | None = None  # the indent of its entries
    name = ""
    for line in inspect.cleandoc(cls.__doc__ or "").splitlines():
        text, indent = line.strip(), len(line) - len(line.lstrip())
        if heading is None:
            heading = indent if text == "Attributes:" else None
            continue
        if not text:
            continue
        if indent <= heading:
            break
        entries = indent if entries is None else entries
        entry = _ATTRIBUTE.fullmatch(text)
        if indent == entries and entry is not None:
            name = entry.group(1)
            found[name] = [entry.group(2)]
        elif indent > entries and name:
            found[name].append(text)
    return {name: " ".join(parts) for name, parts in found.items()}


def _json_default(field: "attrs.Attribute[Any]", annotation: Any) -> Any:  # noqa: ANN401 (any field's default)
    """A field's default as the converter writes it in JSON: an enumeration by its value, a tuple as a list.

    A default made by a factory is not JSON, and fails loudly here: no class read from outside has one.
    """
    return json.loads(json.dumps(shared_converter().unstructure(field.default, unstructure_as=annotation)))


class _Mirror:
    """Closed pydantic models mirroring attrs classes, for the JSON Schema of one payload, each class made once.

    Read from outside (``defaults``), a field with a default may be left out:
    only the others are required, and each states its default. As the
    library writes it, every field is required, as the converter writes them
    all. Either way, each field the class's docstring describes has that
    description.
    """

    def __init__(self, *, defaults: bool) -> None:
        self.defaults = defaults
        self.models: dict[type[Any], type[BaseModel]] = {}

    def type_of(self, annotation: Any) -> Any:  # noqa: ANN401 (any type)
        """The pydantic-facing type of an attrs field, as the converter writes it."""
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if attrs.has(annotation):
            return self.model(annotation)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return list[self.type_of(args[0])]  # type: ignore[misc]
        if origin is tuple:
            return tuple[tuple(self.type_of(arg) for arg in args)]  # type: ignore[misc]
        if origin in (typing.Union, types.UnionType):
            return typing.Union[tuple(self.type_of(arg) for arg in args)]  # noqa: UP007 (built at run time)
        return annotation

    def model(self, cls: type[Any]) -> type[BaseModel]:
        """The model mirroring an attrs class."""
        if cls not in self.models:
            hints = typing.get_type_hints(cls)
            described = attribute_descriptions(cls)
            fields: dict[str, Any] = {}
            for field in attrs.fields(cls):
                if not field.init:
                    continue
                options: dict[str, Any] = {}
                if field.name in described:
                    options["description"] = described[field.name]
                if self.defaults and field.default is not attrs.NOTHING:
                    options["default"] = _json_default(field, hints[field.name])
                fields[field.name] = (self.type_of(hints[field.name]), Field(**options))
            doc = (cls.__doc__ or "").strip().splitlines()[0]
            self.models[cls] = create_model(cls.__name__, __config__=ConfigDict(extra="forbid"), __doc__=doc, **fields)
        return self.models[cls]


def payload_model(cls: type[Any], kind: str, *, read_from_outside: bool = False) -> type[BaseModel]:
    """A pydantic model of the payload a public object travels as, for its JSON Schema.

    A payload read from outside (a school's plan or discussion record) may
    leave out a field that has a default, as its loader does; one the
    library writes has every field.
    """
    data = _Mirror(defaults=read_from_outside).model(cls)
    return create_model(
        f"{cls.__name__}Payload",
        __config__=ConfigDict(extra="forbid", title=f"School improvement {kind} payload"),
        schema_version=(Literal[1], Field(description="The version of the payload layout.")),
        kind=(Literal[kind], ...),  # type: ignore[arg-type]  # a Literal of a run-time value
        framework_edition=(str, Field(description="The framework edition the data rests on.")),
        data=(data, ...),
    )

"""Reading untrusted input: a self-evaluation from another system, validated field by field."""

import datetime
import json
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from school_improvement._assessment.checked import self_evaluation_problems, self_evaluation_warnings
from school_improvement._assessment.evidence import (
    DescriptorRating,
    Evidence,
    EvidenceKind,
    ProfessionalJudgement,
    Rating,
    SelfEvaluation,
)
from school_improvement._content.framework import Framework
from school_improvement._dates import DATE_MESSAGE, no_such_day
from school_improvement._errors import PayloadError, Problem, SelfEvaluationWarning
from school_improvement._files import parse_json, too_large
from school_improvement._interchange.envelope import under_data
from school_improvement._limits import MAX_PAYLOAD_BYTES
from school_improvement._stage import Stage

if TYPE_CHECKING:  # pydantic stays out of the package import
    from school_improvement._interchange.schema import (
        DescriptorRatingModel,
        SelfEvaluationModel,
        SelfEvaluationPayload,
    )

_MESSAGES = {
    "missing": "required field missing",
    "extra_forbidden": "unknown field",
    "list_type": "Input should be a valid array (a JSON list)",
    "dict_type": "Input should be an object",
}


def _path(location: tuple[int | str, ...]) -> str:
    path = "$"
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _problems(error: Any) -> list[Problem]:  # noqa: ANN401 (a pydantic ValidationError, imported lazily)
    problems = []
    for detail in error.errors(include_url=False):
        location = tuple(part for part in detail["loc"] if not str(part).startswith("function-"))
        if location and location[-1] == "date" and detail["type"] in _NOT_A_DATE:
            message = f"{DATE_MESSAGE}, not {detail['input']!r}"
        elif location and location[-1] in _WRITTEN and detail["type"] == "string_pattern_mismatch":
            message = f"{location[-1]} must not be empty: it holds only white space"
        else:
            message = _MESSAGES.get(detail["type"], detail["msg"])
        problems.append(Problem(_path(location), message))
    return problems


_WRITTEN = frozenset({"school", "rationale"})
"""The fields that must hold more than white space: said in the library's words, not as a pattern."""
_NOT_A_DATE = frozenset({"string_type", "string_pattern_mismatch"})
"""What pydantic says of a date that is not ``YYYY-MM-DD`` text: said in the library's own words instead."""
_RATINGS = {rating.value: rating for rating in Rating}
_KINDS = {kind.value: kind for kind in EvidenceKind}
_STAGES = {stage.value: stage for stage in Stage}


_KEY = re.compile(rb'"\s*:')
"""The end of a key in JSON text; a string value holding an escaped quote and a colon matches too."""


_SPACED_KEY = re.compile(rb'"\s+:')


def _keys_written(raw: bytes) -> int:
    """At least how many keys the JSON text writes: one match at the end of each, and any inside a string value."""
    if _SPACED_KEY.search(raw):  # a key with space before its colon, as few writers do: count them all the long way
        return len(_KEY.findall(raw))
    return raw.count(b'":')


def _keys_read(envelope: "SelfEvaluationPayload") -> int:
    """How many keys the validated payload was given: fewer than written only when one was given twice.

    With the count from the text this is a fast exact test for a repeated key: the two are equal only when
    no key was given twice (the text count can only be higher, never lower, than the keys really written).
    The validated dicts hold just the keys given, nothing filled in.
    """
    data = envelope["data"]
    return (
        len(envelope)
        + len(data)
        + sum(len(rating) + sum(map(len, rating.get("evidence", ()))) for rating in data.get("ratings", ()))
        + sum(map(len, data.get("judgements", ())))
    )


def _days(data: "SelfEvaluationModel") -> tuple[dict[str, datetime.date], list[Problem]]:
    """Each day the payload names, read once (the schema has checked the form), and any the calendar lacks."""
    ratings = data.get("ratings", ())
    texts = {data["date"]}
    texts.update(given["date"] for rating in ratings for given in rating.get("evidence", ()))
    days: dict[str, datetime.date] = {}
    wrong: list[str] = []
    for text in texts:
        try:
            days[text] = datetime.date.fromisoformat(text)
        except ValueError:  # noqa: PERF203 (rare; a try that raises nothing costs nothing here)
            wrong.append(text)
    if not wrong:
        return days, []
    message = {text: no_such_day(text) for text in wrong}
    problems = [Problem("$.data.date", message[data["date"]])] if data["date"] in message else []
    problems += [
        Problem(f"$.data.ratings[{r}].evidence[{n}].date", message[given["date"]])
        for r, rating in enumerate(ratings)
        for n, given in enumerate(rating.get("evidence", ()))
        if given["date"] in message
    ]
    return days, problems


# A payload holds its evidence and ratings by the hundred. By the time they are built the schema has checked every
# field (each kind and rating is one of its enum's values, mapped to the member here; each date is parsed; each code
# and note is a string), so their attrs validators, instance checks, could only agree. They are made without them,
# each field set by its slot's own setter (as object.__setattr__ would, the classes being frozen), in one loop rather
# than a call a piece: the 9,168 ratings and 17,331 pieces of evidence of the benchmark's 100 synthetic payloads are
# made in 21 to 23 ms this way, 26 to 28 ms by a builder function called for each piece, and 36 to 37 ms by their
# constructors with attrs' validators off (best of 11). A test checks that the setters cover every field of the two
# classes, and that the objects equal those __init__ makes.
_new = object.__new__


def _setters(cls: type, *names: str) -> list[Callable[[Any, Any], None]]:
    """The setters of the slots of ``cls`` with these names."""
    return [getattr(cls, name).__set__ for name in names]


_kind, _date, _note, _reference = _setters(Evidence, "kind", "date", "note", "reference")
_descriptor, _rating, _evidence = _setters(DescriptorRating, "descriptor", "rating", "evidence")


def _ratings_of(
    ratings: "Iterable[DescriptorRatingModel]", days: Mapping[str, datetime.date]
) -> tuple[DescriptorRating, ...]:
    """The descriptor ratings, with their evidence, from fields the schema has validated (see above)."""
    made_ratings = []
    for rating in ratings:
        evidence = []
        for given in rating.get("evidence", ()):
            item: Evidence = _new(Evidence)
            _kind(item, _KINDS[given["kind"]])
            _date(item, days[given["date"]])
            _note(item, given.get("note"))
            _reference(item, given.get("reference"))
            evidence.append(item)
        made: DescriptorRating = _new(DescriptorRating)
        _descriptor(made, rating["descriptor"])
        _rating(made, _RATINGS[rating["rating"]])
        _evidence(made, tuple(evidence))
        made_ratings.append(made)
    return tuple(made_ratings)


def _build(data: "SelfEvaluationModel") -> tuple[SelfEvaluation, list[Problem]]:
    """The self-evaluation from its validated fields, built directly, and any day in it the calendar lacks."""
    days, problems = _days(data)
    if problems:
        return SelfEvaluation(data["school"], datetime.date.min, data["framework_edition"]), problems
    evaluation = SelfEvaluation(
        school=data["school"],
        date=days[data["date"]],
        framework_edition=data["framework_edition"],
        ratings=_ratings_of(data.get("ratings", ()), days),
        judgements=tuple(
            ProfessionalJudgement(j["aspect"], None if j["stage"] is None else _STAGES[j["stage"]], j["rationale"])
            for j in data.get("judgements", ())
        ),
    )
    return evaluation, []


def _validated(source: str | bytes | Mapping[str, Any], name: str) -> "SelfEvaluationPayload":
    """The validated payload, or every problem with its place; a key given twice is one."""
    from pydantic import ValidationError  # noqa: PLC0415 (pydantic stays out of the package import)

    from school_improvement._interchange.schema import self_evaluation_payload  # noqa: PLC0415

    def fail(problems: list[Problem]) -> PayloadError:
        return PayloadError(name, problems)

    adapter = self_evaluation_payload()
    raw = b""
    try:
        if isinstance(source, Mapping):
            envelope = adapter.validate_python(dict(source))
        else:
            raw = source.encode("utf-8") if isinstance(source, str) else source
            raw = raw.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark, as some tools write
            if len(raw) > MAX_PAYLOAD_BYTES:
                raise fail([too_large(f"{len(raw):,}", MAX_PAYLOAD_BYTES)])
            envelope = adapter.validate_json(raw)
    except ValidationError as error:
        if raw:
            parse_json(raw, fail)  # not JSON, or a key given twice: said in the library's words, with the place
        raise fail(_problems(error)) from None
    if raw and _keys_written(raw) != _keys_read(envelope):
        # pydantic's reader lets the last of two equal keys win; the library's refuses them, with the place.
        parse_json(raw, fail)
    return envelope


def load_self_evaluation(
    source: str | bytes | Mapping[str, Any], *, framework: Framework | None = None, name: str = "<input>"
) -> SelfEvaluation:
    """Read a self-evaluation payload from an untrusted source, checking everything.

    Accepts JSON text, UTF-8 bytes, or an already-parsed mapping, in the payload
    layout (``schema_version``, ``kind``, ``framework_edition``, ``data``) that
    [`dumps`][school_improvement.dumps] writes. Every field is validated, and
    sizes are limited so that a hostile payload cannot exhaust memory: at most
    2,000,000 bytes, 1,000 ratings, 50 pieces of evidence per rating, 50
    professional judgements, 2,000 characters in a note, reference or
    rationale, and 200 in a school reference or edition. A key given twice in
    one object is refused, and dates are taken only as ``YYYY-MM-DD``, as the
    published schema says. With ``framework``, the descriptor codes, the
    edition and the evidence dates are checked against it too.

    A rating given with no evidence counts as not rated; each one is reported,
    with its place, in a [`SelfEvaluationWarning`][school_improvement.SelfEvaluationWarning].

    Args:
        source: The payload.
        framework: The edition to check codes against, if any.
        name: A name for the source (a file name, say), used in the error.

    Raises:
        PayloadError: Listing every problem found, each with its JSON path
            (such as ``$.data.ratings[3].descriptor``); nothing is loaded.

    Examples:
        >>> from school_improvement import PayloadError, load_framework, load_self_evaluation
        >>> payload = {
        ...     "schema_version": 1,
        ...     "kind": "self-evaluation",
        ...     "framework_edition": "estyn-school-improvement-journeys/2026.1",
        ...     "data": {
        ...         "school": "example-primary",
        ...         "date": "2026-11-01",
        ...         "framework_edition": "estyn-school-improvement-journeys/2026.1",
        ...         "ratings": [
        ...             {
        ...                 "descriptor": "PV.1.1",
        ...                 "rating": "mostly",
        ...                 "evidence": [{"kind": "learner-voice", "date": "2026-10-01"}],
        ...             }
        ...         ],
        ...     },
        ... }
        >>> load_self_evaluation(payload).ratings[0].rating
        <Rating.MOSTLY: 'mostly'>
        >>> payload["data"]["ratings"][0]["rating"] = "mostly-ish"
        >>> try:
        ...     load_self_evaluation(payload, framework=load_framework())
        ... except PayloadError as error:
        ...     print(error.problems[0])
        $.data.ratings[0].rating: Input should be 'not-yet', 'partly', 'mostly', 'fully' or 'not-applicable'
    """
    envelope = _validated(source, name)
    data = envelope["data"]
    problems: list[Problem] = []
    if envelope["framework_edition"] != data["framework_edition"]:
        message = f"the payload declares {envelope['framework_edition']!r}, its data {data['framework_edition']!r}"
        problems.append(Problem("$.framework_edition", message))
    evaluation, impossible = _build(data)
    problems += impossible
    if impossible:
        raise PayloadError(name, problems)
    if framework is not None:
        problems += under_data(self_evaluation_problems(framework, evaluation))
    if problems:
        raise PayloadError(name, problems)
    unevidenced = under_data(self_evaluation_warnings(evaluation))
    if unevidenced:
        warnings.warn(SelfEvaluationWarning(name, unevidenced), stacklevel=2)
    return evaluation


READ_FROM_OUTSIDE = frozenset({"development-plan", "discussion-record"})
"""The kinds a school writes itself, read by their loaders: their schemas require only the fields without a default."""


def payload_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every payload, by kind, as shipped in ``school_improvement/schemas/``.

    The self-evaluation's is the input schema, with its size limits; the
    others are generated from the classes themselves, each field described
    as its class's docstring describes it. The development plan's and the
    discussion record's, which a school writes itself, require only the
    fields without a default and give each default, as
    [`load_plan`][school_improvement.load_plan] and
    [`load_discussion`][school_improvement.load_discussion] read them; the
    others, which the library writes, require every field.
    """
    from school_improvement._interchange.payloads import PAYLOAD_KINDS  # noqa: PLC0415 (payloads import this module's users)
    from school_improvement._interchange.schema import payload_model, self_evaluation_payload  # noqa: PLC0415

    schemas: dict[str, dict[str, Any]] = {}
    for cls, kind in PAYLOAD_KINDS.items():
        schema: dict[str, Any] = (
            self_evaluation_payload().json_schema()
            if kind == "self-evaluation"
            else payload_model(cls, kind, read_from_outside=kind in READ_FROM_OUTSIDE).model_json_schema()
        )
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schemas[kind] = schema
    return schemas


def schema_texts() -> dict[str, str]:
    """Each payload's JSON Schema as the deterministic text that is committed and shipped, by file name."""
    return {
        f"{kind}.schema.json": json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        for kind, schema in payload_schemas().items()
    }

"""The independent baselines for reading a payload and for matching schools.

- ``typeadapter_reader``: pydantic's ``TypeAdapter`` over TypedDicts that carry
  the constraints of the self-evaluation's schema (the same literals, patterns,
  lengths, closed objects, days that exist), with the checks ``load_self_evaluation``
  makes after the schema: the envelope's edition equal to the data's, no key given
  twice (counted as the library counts them), and the ratings given with no
  evidence found and warned of. It gives plain dicts; the library gives its
  objects, and building them is part of its cost.
- ``msgspec_reader``: the same with msgspec's structs, shown for information.
- ``ortools_matching``: the matching of greatest total benefit, solved by OR-tools'
  ``SimpleMinCostFlow`` from the same survey: each supporting school's
  strengths and each partner's priorities read as ``match_schools`` reads them
  (with its default options), one network per local authority (the hard
  requirement), an arc for every allowed pair worth more than 0; the pairs are
  read back from the flow.
"""

import datetime
import re
import warnings
from collections.abc import Callable
from typing import Annotated, Any, Literal

import attrs
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints, TypeAdapter, with_config
from typing_extensions import NotRequired, TypedDict

from school_improvement import (
    DescriptorRating,
    Evidence,
    EvidenceKind,
    JudgementStatus,
    ProfessionalJudgement,
    Rating,
    SelfEvaluation,
    Severity,
    Stage,
    Survey,
)

_MAX_NAME, _MAX_TEXT = 200, 2_000  # the library's limits (school_improvement._limits), as its schema publishes them
_MAX_RATINGS, _MAX_EVIDENCE, _MAX_JUDGEMENTS, _MAX_BYTES = 1_000, 50, 50, 2_000_000
_ISO = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_WRITTEN = r"\S"  # a school and a rationale hold more than white space, as the schema says

Kind = Literal[
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
RatingValue = Literal["not-yet", "partly", "mostly", "fully", "not-applicable"]
StageValue = Literal["starting-the-journey", "making-progress", "building-momentum", "sustaining-high-standards"]
Code = r"^[A-Z]{2}\.[1-4]\.[1-9][0-9]*$"
Day = Annotated[str, StringConstraints(pattern=_ISO), AfterValidator(datetime.date.fromisoformat)]
Name = Annotated[str, StringConstraints(max_length=_MAX_NAME)]
Text = Annotated[str, StringConstraints(max_length=_MAX_TEXT)]
_CLOSED = ConfigDict(extra="forbid")


@with_config(_CLOSED)
class EvidenceDict(TypedDict):
    """One piece of evidence."""

    kind: Kind
    date: Day
    note: NotRequired[Text | None]
    reference: NotRequired[Text | None]


@with_config(_CLOSED)
class RatingDict(TypedDict):
    """One descriptor's rating."""

    descriptor: Annotated[str, StringConstraints(pattern=Code)]
    rating: RatingValue
    evidence: NotRequired[Annotated[list[EvidenceDict], Field(max_length=_MAX_EVIDENCE)]]


@with_config(_CLOSED)
class JudgementDict(TypedDict):
    """A professional judgement."""

    aspect: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    stage: StageValue | None
    rationale: Annotated[str, StringConstraints(min_length=1, max_length=_MAX_TEXT, pattern=_WRITTEN)]


@with_config(_CLOSED)
class DataDict(TypedDict):
    """The self-evaluation."""

    school: Annotated[str, StringConstraints(min_length=1, max_length=_MAX_NAME, pattern=_WRITTEN)]
    date: Day
    framework_edition: Name
    ratings: NotRequired[Annotated[list[RatingDict], Field(max_length=_MAX_RATINGS)]]
    judgements: NotRequired[Annotated[list[JudgementDict], Field(max_length=_MAX_JUDGEMENTS)]]


@with_config(_CLOSED)
class PayloadDict(TypedDict):
    """The envelope."""

    schema_version: Literal[1]
    kind: Literal["self-evaluation"]
    framework_edition: Name
    data: DataDict


def _keys(data: dict[str, Any]) -> int:
    """How many keys the payload gives (4 in the envelope)."""
    return (
        4
        + len(data)
        + sum(len(r) + sum(len(e) for e in r.get("evidence", ())) for r in data.get("ratings", ()))
        + sum(len(j) for j in data.get("judgements", ()))
    )


def _after_schema(raw: bytes, envelope: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """What ``load_self_evaluation`` checks once the schema holds, done the same way."""
    if envelope["framework_edition"] != data["framework_edition"]:
        msg = "$.framework_edition"
        raise ValueError(msg)
    if re.search(rb'"\s+:', raw) or raw.count(b'":') != _keys(data):
        msg = "a key given twice (or one spaced from its colon, which the library counts the long way)"
        raise ValueError(msg)
    unevidenced = [
        place
        for place, rating in enumerate(data.get("ratings", ()))
        if rating["rating"] != "not-applicable" and not rating.get("evidence")
    ]
    if unevidenced:
        warnings.warn(f"{len(unevidenced)} ratings with no evidence", UserWarning, stacklevel=2)
    return data


def typeadapter_reader() -> Callable[[bytes], dict[str, Any]]:
    """Read a payload's JSON text with a TypeAdapter: the baseline for ``load_self_evaluation``."""
    adapter = TypeAdapter(PayloadDict)

    def read(raw: bytes) -> dict[str, Any]:
        if len(raw) > _MAX_BYTES:
            msg = "too large"
            raise ValueError(msg)
        envelope: Any = adapter.validate_json(raw)
        return _after_schema(raw, envelope, envelope["data"])

    return read


def typeadapter_objects_reader() -> Callable[[bytes], SelfEvaluation]:
    """The TypeAdapter's reading, then the library's objects built from its dicts: what ``load_self_evaluation`` gives.

    Built as the library builds them: each rating, kind and stage looked up in a table of its enumeration's
    values, the self-evaluation and its professional judgements made by their constructors with their checks,
    and the evidence and ratings, by the hundred, made with attrs' checks off, since the TypeAdapter has
    checked every field of them (the library sets their fields directly, which is faster still).
    """
    read = typeadapter_reader()
    ratings = {rating.value: rating for rating in Rating}
    kinds = {kind.value: kind for kind in EvidenceKind}
    stages = {stage.value: stage for stage in Stage}

    def build(raw: bytes) -> SelfEvaluation:
        data = read(raw)
        with attrs.validators.disabled():
            rated = tuple(
                DescriptorRating(
                    r["descriptor"],
                    ratings[r["rating"]],
                    tuple(
                        Evidence(kinds[e["kind"]], e["date"], e.get("note"), e.get("reference"))
                        for e in r.get("evidence", ())
                    ),
                )
                for r in data.get("ratings", ())
            )
        return SelfEvaluation(
            data["school"],
            data["date"],
            data["framework_edition"],
            rated,
            tuple(
                ProfessionalJudgement(j["aspect"], None if j["stage"] is None else stages[j["stage"]], j["rationale"])
                for j in data.get("judgements", ())
            ),
        )

    return build


def msgspec_reader() -> Callable[[bytes], Any] | None:
    """The same with msgspec's structs, when msgspec is installed; for information only."""
    try:
        import msgspec  # noqa: PLC0415 (a dev-only tool, used when present)
    except ImportError:
        return None

    closed = {"forbid_unknown_fields": True, "kw_only": True}
    name = Annotated[str, msgspec.Meta(max_length=_MAX_NAME)]
    text = Annotated[str, msgspec.Meta(max_length=_MAX_TEXT)]

    class Evidence(msgspec.Struct, **closed):
        kind: Kind
        date: datetime.date
        note: text | None = None
        reference: text | None = None

    class Rating(msgspec.Struct, **closed):
        descriptor: Annotated[str, msgspec.Meta(pattern=Code)]
        rating: RatingValue
        evidence: Annotated[list[Evidence], msgspec.Meta(max_length=_MAX_EVIDENCE)] = []

    class Judgement(msgspec.Struct, **closed):
        aspect: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")]
        stage: StageValue | None
        rationale: Annotated[str, msgspec.Meta(min_length=1, max_length=_MAX_TEXT, pattern=_WRITTEN)]

    class Data(msgspec.Struct, **closed):
        school: Annotated[str, msgspec.Meta(min_length=1, max_length=_MAX_NAME, pattern=_WRITTEN)]
        date: datetime.date
        framework_edition: name
        ratings: Annotated[list[Rating], msgspec.Meta(max_length=_MAX_RATINGS)] = []
        judgements: Annotated[list[Judgement], msgspec.Meta(max_length=_MAX_JUDGEMENTS)] = []

    class Payload(msgspec.Struct, **closed):
        schema_version: Literal[1]
        kind: Literal["self-evaluation"]
        framework_edition: name
        data: Data

    decoder = msgspec.json.Decoder(Payload)

    def read(raw: bytes) -> Any:  # noqa: ANN401 (msgspec's structs, defined here)
        payload = decoder.decode(raw)
        if payload.framework_edition != payload.data.framework_edition:
            msg = "$.framework_edition"
            raise ValueError(msg)
        unevidenced = [r for r in payload.data.ratings if r.rating != "not-applicable" and not r.evidence]
        if unevidenced:
            warnings.warn(f"{len(unevidenced)} ratings with no evidence", UserWarning, stacklevel=2)
        return payload

    return read


_WEIGHTS = (3, 2, 1)  # MatchOptions' defaults: rank weights, one stage's lead,
_STRENGTH_FROM = 3  # Building momentum as the first strength,
_CAPACITY, _PARTNER_LIMIT = 2, 1  # two partnerships per supporting school, one per partner; soft penalties of 1


def ortools_matching(survey: Survey) -> tuple[int, list[tuple[str, str, str]]]:
    """The matching of greatest total benefit, as OR-tools' min-cost flow finds it: the total, and who supports whom.

    The pairs are read back from the flow as (supporter, partner, aspect); the library also explains each one,
    and each school left without a partner, in words, which this baseline does not.
    """
    import numpy as np  # noqa: PLC0415 (OR-tools' own dependency)
    from ortools.graph.python import min_cost_flow  # noqa: PLC0415 (a dev-only tool)

    if any(snapshot.discussion is not None for snapshot in survey.snapshots):
        msg = "the baseline reads strengths from the evidence alone: the benchmark's surveys have no discussion records"
        raise ValueError(msg)
    pools: dict[str, list[Any]] = {}
    for snapshot in survey.snapshots:
        pools.setdefault(snapshot.school.local_authority, []).append(snapshot)
    reached, no_stage = JudgementStatus.REACHED, JudgementStatus.NO_STAGE_YET
    total = 0
    pairs: list[tuple[str, str, str]] = []
    for members in pools.values():
        strong: dict[str, list[tuple[int, int]]] = {}  # aspect: (stage position, supporter)
        slots = []  # (partner, aspect, position, need, weight)
        kinds = []
        for place, snapshot in enumerate(members):
            school = snapshot.school
            cluster = (school.local_authority, school.cluster) if school.cluster else ("outside", school.ref)
            kinds.append((cluster, school.phase, school.medium))
            warned = {f.aspect for f in snapshot.findings if f.severity is Severity.WARNING}
            judgements = snapshot.profile.judgements
            if None not in warned:
                for j in judgements:
                    if j.status is reached and j.stage.position >= _STRENGTH_FROM and j.aspect not in warned:
                        strong.setdefault(j.aspect, []).append((j.stage.position, place))
            judged = {j.aspect for j in judgements if j.status is reached or j.status is no_stage}
            for priority in snapshot.recommendation.priorities:
                if priority.rank <= len(_WEIGHTS) and priority.aspect in judged:
                    at = 0 if priority.current is None else priority.current.position
                    slots.append((place, priority.aspect, at, max(at + 1, _STRENGTH_FROM), _WEIGHTS[priority.rank - 1]))
        count = len(members)
        # Nodes: 0 the source, 1 the sink, then a supporting and a partner node per school, then one per slot.
        tails, heads, capacities, costs = [], [], [], []
        pair_arcs: list[tuple[int, int, int]] = []  # (arc, supporter, slot)
        for place in range(count):
            tails += [0, 2 + count + place]
            heads += [2 + place, 1]
            capacities += [_CAPACITY, _PARTNER_LIMIT]
            costs += [0, 0]
        for number, (partner, aspect, at, need, weight) in enumerate(slots):
            node = 2 + 2 * count + number
            tails.append(node)
            heads.append(2 + count + partner)
            capacities.append(1)
            costs.append(0)
            theirs = kinds[partner]
            for position, supporter in strong.get(aspect, ()):
                if position < need:
                    continue
                ours = kinds[supporter]
                penalties = (ours[0] != theirs[0]) + (ours[1] != theirs[1]) + (ours[2] != theirs[2])
                benefit = (position - at) * weight - penalties
                if benefit > 0:
                    pair_arcs.append((len(tails), supporter, number))
                    tails.append(2 + supporter)
                    heads.append(node)
                    capacities.append(1)
                    costs.append(-benefit)
        supply = _CAPACITY * count
        tails.append(0)  # what no partnership is worth having goes straight to the sink, at no cost
        heads.append(1)
        capacities.append(supply)
        costs.append(0)
        flow = min_cost_flow.SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(
            np.array(tails, dtype=np.int32),
            np.array(heads, dtype=np.int32),
            np.array(capacities, dtype=np.int64),
            np.array(costs, dtype=np.int64),
        )
        flow.set_node_supply(0, supply)
        flow.set_node_supply(1, -supply)
        if flow.solve() != flow.OPTIMAL:
            msg = "OR-tools found no optimal flow"
            raise RuntimeError(msg)
        total -= flow.optimal_cost()
        if pair_arcs:
            used = flow.flows(np.array([arc for arc, _, _ in pair_arcs], dtype=np.int32))
            pairs += [
                (members[supporter].school.ref, members[slots[number][0]].school.ref, slots[number][1])
                for (_, supporter, number), flowing in zip(pair_arcs, used.tolist(), strict=True)
                if flowing
            ]
    return total, pairs

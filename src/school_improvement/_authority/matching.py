"""School-to-school collaboration: pair schools with a strength in an aspect with schools that have it as a priority.

A partner is supported in the priorities it agreed or planned where it set
its own (otherwise in those recommended from the defaults); a supporting
school with a discussion record supports others only in the strengths it
offered there, each offer up to its own capacity, within the capacity the
local authority sets. The pairing maximises a documented total benefit (see
[`MatchOptions`][school_improvement.MatchOptions]) exactly, by minimum-cost
flow, and explains every partnership, every school left without one and
every offered strength the evidence does not bear out.
"""

import datetime
import enum
from collections.abc import Callable, Iterable, Mapping

import attrs

from school_improvement._assessment.assess import JudgementStatus
from school_improvement._assessment.quality import Finding, Severity
from school_improvement._authority.flow import FlowNetwork, solve
from school_improvement._authority.schools import School
from school_improvement._authority.survey import (
    DecisionBasis,
    SchoolBasis,
    SchoolSnapshot,
    SelfEvaluationAge,
    Survey,
    survey_problems,
)
from school_improvement._content.framework import ASPECT_FIELD, Framework
from school_improvement._errors import AnalysisError, Problem
from school_improvement._stage import Stage
from school_improvement._validators import non_negative, positive


class Strictness(enum.Enum):
    """How a requirement that two schools share something is applied."""

    HARD = "hard"
    """Only schools that share it are paired."""
    SOFT = "soft"
    """Schools that do not share it may be paired, at a penalty to the benefit."""
    OFF = "off"
    """It does not matter."""


@attrs.frozen
class Requirement:
    """That a supporting school and its partner share something: a local authority, a cluster, a phase or a medium.

    Attributes:
        strictness: Hard (only such pairs), soft (other pairs at a penalty) or off.
        penalty: What a soft requirement's breach takes from a partnership's
            benefit, in the same points (a whole number).
    """

    strictness: Strictness = attrs.field(default=Strictness.SOFT, validator=attrs.validators.instance_of(Strictness))
    penalty: int = attrs.field(default=1, validator=non_negative)


def _weights(_instance: object, attribute: "attrs.Attribute[tuple[int, ...]]", value: tuple[int, ...]) -> None:
    if not value or any(isinstance(w, bool) or not isinstance(w, int) or w < 1 for w in value):
        msg = f"{attribute.name} must list one or more whole numbers of at least 1; found {value!r}"
        raise ValueError(msg)


def _as_tuple(weights: Iterable[int]) -> tuple[int, ...]:
    return tuple(weights)


@attrs.frozen
class MatchOptions:
    """What counts as a strength, what a partnership is worth, and which pairs are allowed.

    A school can support a partner in an aspect when:

    - the aspect is among the partner's priorities, ranked within
      ``rank_weights`` (by default its first three): the priorities it agreed
      in its latest professional discussion, else those of its development
      plan, else those recommended to the default targets (see
      [`survey`][school_improvement.survey]); an aspect without enough
      evidence to judge, or that does not apply, has no stage to support from;
    - the supporting school has reached at least ``strength_from`` in the
      aspect, and at least ``min_lead`` stages beyond the partner (no stage
      yet counts as 0);
    - the supporting school's evidence passes the quality checks: no warning
      about the aspect, or about the whole self-evaluation (such as no learner
      voice);
    - if the supporting school has a discussion record, it offered a strength
      in the aspect there (a school with a record offers only what it listed);
    - every hard requirement holds (by default, the same local authority).

    Such a partnership is worth

        benefit = (supporter's stage - partner's stage) x rank_weights[rank - 1]
                  - the penalty of each soft requirement it breaches,

    and only partnerships worth more than 0 are made. The matching chooses the
    partnerships with the greatest total benefit such that each supporting
    school takes at most its capacity (the local authority's), each strength
    it offered at most that offer's capacity, each partner at most
    ``partner_limit`` partnerships, and each aspect of a partner's
    priorities at most one supporter.

    Attributes:
        min_lead: How many stages the supporting school must be ahead (default 1).
        strength_from: The earliest stage that counts as a strength (default Building momentum).
        rank_weights: The weight of a partner's first, second, third... priority (default 3, 2, 1).
        capacity: How many partnerships a supporting school takes, unless told
            otherwise school by school (default 2).
        partner_limit: How many partnerships a partner school takes (default 1:
            one partner school each).
        same_local_authority: Default hard.
        same_cluster: Default soft, penalty 1.
        same_phase: Default soft, penalty 1 (collaboration across phases is
            welcome, between like schools a little more so).
        same_medium: Default soft, penalty 1.
    """

    min_lead: int = attrs.field(default=1, validator=positive)
    strength_from: Stage = attrs.field(default=Stage.BUILDING_MOMENTUM, validator=attrs.validators.instance_of(Stage))
    rank_weights: tuple[int, ...] = attrs.field(default=(3, 2, 1), converter=_as_tuple, validator=_weights)
    capacity: int = attrs.field(default=2, validator=non_negative)
    partner_limit: int = attrs.field(default=1, validator=positive)
    same_local_authority: Requirement = Requirement(Strictness.HARD, 0)
    same_cluster: Requirement = Requirement()
    same_phase: Requirement = Requirement()
    same_medium: Requirement = Requirement()


class UnmatchedReason(enum.Enum):
    """Why a school was left without a partner."""

    NO_PRIORITIES = "no-priorities"
    """No priority to match: none was recommended (every target is reached, or there is not enough evidence to set
    one), or none of those the school set can be (each is ranked beyond the weights, or its aspect has no stage
    judged)."""
    NO_CANDIDATE = "no-candidate"
    """No school that the hard requirements allow has a strength in its priorities."""
    OUTWEIGHED = "outweighed"
    """Schools with a strength exist, but the soft requirements' penalties leave no benefit."""
    CAPACITY = "capacity"
    """The schools that could support it gave their capacity to partnerships of greater total benefit."""


class UnusedOfferReason(enum.Enum):
    """Why an aspect a school offered as a strength is not used to support others."""

    NO_CAPACITY = "no-capacity"
    """The local authority has set the school's capacity to support others at 0."""
    NOT_APPLICABLE = "not-applicable"
    """The aspect does not apply to the school."""
    NOT_ENOUGH_EVIDENCE = "not-enough-evidence"
    """The school's self-evaluation has not enough evidence to judge a stage in the aspect."""
    BELOW_STRENGTH = "below-strength"
    """The self-evaluation places the aspect before the stage that counts as a strength."""
    EVIDENCE_WARNING = "evidence-warning"
    """The evidence checks warn about the aspect, or about the whole self-evaluation (an old one, say)."""


@attrs.frozen
class UnusedOffer:
    """An aspect a school offered as a strength in its discussion record that the matching does not use, and why.

    Attributes:
        school: The school's reference.
        offer: The offer's index among the record's ``strengths`` (from 0).
        aspect: The aspect's code.
        reason: Why, as a stable code.
        explanation: Why, in words.
    """

    school: str
    offer: int
    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    reason: UnusedOfferReason
    explanation: str


@attrs.frozen
class Penalty:
    """A soft requirement a partnership breaches, and what it costs.

    Attributes:
        requirement: ``same-local-authority``, ``same-cluster``, ``same-phase`` or ``same-medium``.
        points: What it takes from the benefit.
    """

    requirement: str
    points: int


@attrs.frozen
class Partnership:
    """A school supporting another in one aspect, with why.

    Attributes:
        supporter: The supporting school's reference.
        partner: The supported school's reference.
        aspect: The aspect's code.
        supporter_stage: The stage the supporting school has reached in it.
        partner_stage: The partner's stage in it, or ``None`` for no stage yet.
        priority_rank: The aspect's rank among the partner's priorities.
        distance: How many stages apart the two schools are.
        weight: The weight of that rank.
        penalties: The soft requirements breached.
        benefit: ``distance x weight`` less the penalties.
        candidates: How many schools could have supported the partner in this aspect.
        explanation: The partnership in words.
        priority_basis: Where the partner's priority came from: agreed in a
            professional discussion, chosen in its plan, or recommended from the defaults.
        offer: The index, among the supporting school's discussion record's
            ``strengths``, of the offer it supports through; ``None`` when it
            has no record and its strengths come from the evidence alone.
    """

    supporter: str
    partner: str
    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    supporter_stage: Stage
    partner_stage: Stage | None
    priority_rank: int
    distance: int
    weight: int
    penalties: tuple[Penalty, ...]
    benefit: int
    candidates: int
    explanation: str
    priority_basis: DecisionBasis = DecisionBasis.DEFAULTS
    offer: int | None = None


@attrs.frozen
class Unmatched:
    """A school left without a partner, and why.

    Attributes:
        school: The school's reference.
        reason: Why, as a stable code.
        explanation: Why, in words.
    """

    school: str
    reason: UnmatchedReason
    explanation: str


@attrs.frozen
class Collaboration:
    """The partnerships of greatest total benefit across a set of schools.

    Attributes:
        framework_edition: The edition the schools were assessed against.
        options: The options the matching used.
        partnerships: The partnerships, by partner in register order, then by priority rank.
        unmatched: Schools without a partner, in register order, each with the reason.
        total_benefit: The sum of the partnerships' benefits, the greatest any
            allowed choice of partnerships gives.
        as_of: The survey's date, which every self-evaluation is aged at.
        max_age_days: How old a self-evaluation may be at that date before it
            is flagged; a flagged school offers no strengths to match.
        ages: Each school's self-evaluation date and age, in register order.
        bases: Where each school's priorities came from (agreed, plan or
            defaults), with why, in register order.
        unused_offers: The aspects schools offered as strengths in their
            discussion records that the matching does not use, each with why,
            in register order.
    """

    framework_edition: str
    options: MatchOptions
    partnerships: tuple[Partnership, ...]
    unmatched: tuple[Unmatched, ...]
    total_benefit: int
    as_of: datetime.date | None = None
    max_age_days: int = 365
    ages: tuple[SelfEvaluationAge, ...] = ()
    bases: tuple[SchoolBasis, ...] = ()
    unused_offers: tuple[UnusedOffer, ...] = ()


def _cluster(school: School) -> object:
    """The cluster as matching compares it: named within its local authority; a school outside all clusters is alone."""
    return (school.local_authority, school.cluster) if school.cluster else ("outside every cluster", school.ref)


_REQUIREMENTS: tuple[tuple[str, Callable[[MatchOptions], Requirement], Callable[[School], object]], ...] = (
    ("same-local-authority", lambda o: o.same_local_authority, lambda s: s.local_authority),
    ("same-cluster", lambda o: o.same_cluster, _cluster),
    ("same-phase", lambda o: o.same_phase, lambda s: s.phase),
    ("same-medium", lambda o: o.same_medium, lambda s: s.medium),
)
_WORDS = {
    "same-local-authority": ("in the same local authority", "in another local authority"),
    "same-cluster": ("in the same cluster", "in another cluster"),
    "same-phase": ("of the same phase", "of another phase"),
    "same-medium": ("of the same language medium", "of another language medium"),
}


@attrs.frozen
class _Slot:
    """One of a partner's priorities, open to one supporting school."""

    partner: int
    aspect: str
    rank: int
    stage: Stage | None
    need: int  # the least stage position a supporting school needs

    @property
    def position(self) -> int:
        return 0 if self.stage is None else self.stage.position


@attrs.frozen
class _Offer:
    """Aspects a supporting school can support others in, up to a capacity of their own."""

    number: int | None  # its index among the record's strengths; None: the evidence's strengths, without a record
    aspects: tuple[str, ...]
    capacity: int


def _strengths(snapshot: SchoolSnapshot, options: MatchOptions) -> dict[str, int]:
    """The aspects where a school has a strength resting on evidence that passes the checks, with its stage position."""
    warned = {f.aspect for f in snapshot.findings if f.severity is Severity.WARNING}
    if None in warned:
        return {}
    return {
        j.aspect: j.stage.position
        for j in snapshot.profile.judgements
        if j.status is JudgementStatus.REACHED
        and j.stage is not None
        and j.stage >= options.strength_from
        and j.aspect not in warned
    }


def _unused(matcher: "_Matcher", snapshot: SchoolSnapshot, offer: tuple[int, str], capacity: int) -> UnusedOffer:
    """Why an offered aspect (the offer's index and the aspect) is not a strength the matching can use."""
    framework, options = matcher.framework, matcher.options
    (number, aspect), school, record = offer, snapshot.school, snapshot.discussion
    when = "" if record is None else f" in its professional discussion of {record.date}"
    lead = f"{school.name} offered {framework.aspect(aspect).title.en}{when}, but"
    judgement = snapshot.profile.judgement(aspect)
    warned: list[Finding] = [
        f for f in snapshot.findings if f.severity is Severity.WARNING and f.aspect in {None, aspect}
    ]
    strength = framework.stage_name(options.strength_from).en
    if not capacity:
        reason = UnusedOfferReason.NO_CAPACITY
        why = f"{lead} the local authority has set its capacity to support other schools at 0."
    elif judgement.status is JudgementStatus.NOT_APPLICABLE:
        reason = UnusedOfferReason.NOT_APPLICABLE
        why = f"{lead} the aspect does not apply to it: every descriptor is marked not applicable."
    elif judgement.status is JudgementStatus.NOT_ENOUGH_EVIDENCE:
        reason = UnusedOfferReason.NOT_ENOUGH_EVIDENCE
        why = f"{lead} its self-evaluation has not enough evidence to judge a stage there."
    elif judgement.stage is None or judgement.stage < options.strength_from:
        reason = UnusedOfferReason.BELOW_STRENGTH
        why = (
            f"{lead} its self-evaluation places it at {_stage_words(framework, judgement.stage)}, before {strength}, "
            "the stage that counts as a strength."
        )
    else:
        reason = UnusedOfferReason.EVIDENCE_WARNING
        about = "the aspect" if warned and warned[0].aspect is not None else "its whole self-evaluation"
        said = f": {warned[0].message}" if warned else ""
        why = f"{lead} the evidence checks warn about {about}{said}."
    return UnusedOffer(school.ref, number, aspect, reason, why)


def _benefit(distance: int, weight: int, penalties: int) -> int:
    """A partnership's benefit: the stages between the two schools times the priority's weight, less the penalties."""
    return distance * weight - penalties


_Serving = dict[tuple[str, int, object], list[tuple[int, int, int]]]  # (aspect, level, fine): (position, kind, hub)
_Incoming = dict[int, list[tuple[int, int | None, int]]]  # hub: (supporting school, offer, arc)


class _Matcher:
    """The schools, their strengths and priorities, and the partnerships of greatest total benefit.

    Each group of schools that the hard requirements allow to work together
    (a pool) is solved on its own network. Within a pool, supporting schools
    meet their partners' priorities through hubs, one for each aspect, stage
    and combination of the soft requirements' values: a hub links every
    supporting school of its kind to every priority it could serve, so the
    network grows with the kinds of school rather than with pairs of schools.
    A hub "far" from a priority charges every soft penalty for the local
    authority and cluster; a hub of the priority's own local authority or
    cluster charges only what is really breached. Since a pair sharing a
    cluster always has its cheaper route through the cluster's hub, the
    optimum never pays a penalty a pair does not breach, and each hub's flow
    pairs its schools exactly.
    """

    def __init__(
        self,
        framework: Framework,
        snapshots: list[SchoolSnapshot],
        options: MatchOptions,
        capacities: Mapping[str, int],
    ) -> None:
        self.framework = framework
        self.snapshots = snapshots
        self.schools = [snapshot.school for snapshot in snapshots]
        self.options = options
        self.capacity = [capacities.get(school.ref, options.capacity) for school in self.schools]
        chosen = [(name, pick(options), key) for name, pick, key in _REQUIREMENTS]
        self.hard = [(name, key) for name, requirement, key in chosen if requirement.strictness is Strictness.HARD]
        self.soft = [
            (name, key, requirement.penalty)
            for name, requirement, key in chosen
            if requirement.strictness is Strictness.SOFT
        ]
        fine = {name: penalty for name, _, penalty in self.soft if name in {"same-local-authority", "same-cluster"}}
        self.coarse = [(key, penalty) for name, key, penalty in self.soft if name not in fine]
        # Each school's values of the coarse requirements (phase, medium), numbered, and what each pair of values
        # breaches, looked up by number: building the networks hashed the enums once per arc. With the loop's
        # invariants hoisted, the matching's work outside the solver at 1,500 schools fell from 0.31 s to 0.21 s.
        kinds: dict[tuple[object, ...], int] = {}
        self.kind = [kinds.setdefault(tuple(key(s) for key, _ in self.coarse), len(kinds)) for s in self.schools]
        self.breach = [
            [
                sum(p for (_, p), ours, theirs in zip(self.coarse, one, other, strict=True) if ours != theirs)
                for other in kinds
            ]
            for one in kinds
        ]
        # Levels of hub: far (every fine penalty), the local authority's (the cluster's penalty), the cluster's (none).
        self.levels: list[tuple[Callable[[School], object] | None, int]] = [(None, sum(fine.values()))]
        if "same-local-authority" in fine:
            self.levels.append((lambda school: school.local_authority, fine.get("same-cluster", 0)))
        if "same-cluster" in fine:
            self.levels.append((_cluster, 0))
        self.strengths: list[dict[str, int]] = []
        self.offers: list[list[_Offer]] = []
        self.unused: list[UnusedOffer] = []
        for snapshot, capacity in zip(snapshots, self.capacity, strict=True):
            self._offers_of(snapshot, capacity)
        self.slots: list[_Slot] = []
        self.pairs: list[tuple[int, int, int | None]] = []  # (supporting school, slot, offer)
        self.supporters: dict[tuple[tuple[object, ...], str], list[tuple[int, int]]] = {}

    def _offers_of(self, snapshot: SchoolSnapshot, capacity: int) -> None:
        """A school's strengths and offers: the evidence's, or those of its discussion record the evidence bears out."""
        strengths = _strengths(snapshot, self.options) if capacity else {}
        record = snapshot.discussion
        if record is None:
            self.strengths.append(strengths)
            self.offers.append([_Offer(None, tuple(strengths), capacity)] if strengths else [])
            return
        offered: dict[str, int] = {}
        offers = []
        for number, offer in enumerate(record.strengths):
            aspects = tuple(dict.fromkeys(offer.aspects))
            kept = tuple(aspect for aspect in aspects if aspect in strengths)
            self.unused += [
                _unused(self, snapshot, (number, aspect), capacity) for aspect in aspects if aspect not in strengths
            ]
            if kept:
                offers.append(_Offer(number, kept, offer.capacity))
                offered.update((aspect, strengths[aspect]) for aspect in kept)
        self.strengths.append(offered)
        self.offers.append(offers)

    def pool(self, place: int) -> tuple[object, ...]:
        school = self.schools[place]
        return tuple(key(school) for _, key in self.hard)

    def penalties(self, supporter: int, partner: int) -> tuple[Penalty, ...]:
        """The soft requirements a pair breaches."""
        one, other = self.schools[supporter], self.schools[partner]
        return tuple(Penalty(name, penalty) for name, key, penalty in self.soft if key(one) != key(other))

    def benefit(self, supporter: int, slot: _Slot) -> int:
        weight = self.options.rank_weights[slot.rank - 1]
        distance = self.strengths[supporter][slot.aspect] - slot.position
        return _benefit(distance, weight, sum(p.points for p in self.penalties(supporter, slot.partner)))

    def could_support(self, slot: _Slot) -> list[int]:
        """The schools with a strength enough for the slot, strongest first."""
        found = []
        for position, place in self.supporters.get((self.pool(slot.partner), slot.aspect), ()):
            if position < slot.need:
                break
            found.append(place)
        return found

    def run(self) -> None:
        pools: dict[tuple[object, ...], list[int]] = {}
        for place in range(len(self.schools)):
            pools.setdefault(self.pool(place), []).append(place)
        for key, members in pools.items():
            for place in members:
                for aspect, position in self.strengths[place].items():
                    self.supporters.setdefault((key, aspect), []).append((position, place))
            self._solve(members)
        for supporters in self.supporters.values():
            supporters.sort(key=lambda entry: (-entry[0], entry[1]))

    def _hubs(self, network: FlowNetwork, members: list[int]) -> tuple[_Incoming, _Serving]:
        """Supporting schools, their offers and their hubs: each hub's incoming arcs, and the hubs by what they serve.

        A school without a discussion record reaches the hubs of its
        strengths directly; a school with one reaches them through a node for
        each offer, which carries at most the offer's capacity.
        """
        hubs: dict[tuple[object, ...], int] = {}
        incoming: _Incoming = {}
        serving: _Serving = {}
        for place in members:
            strengths = self.strengths[place]
            if not strengths:
                continue
            school = self.schools[place]
            node = network.node()
            network.arc(0, node, self.capacity[place])
            coarse = self.kind[place]
            for offer in self.offers[place]:
                via, capacity = node, self.capacity[place]
                if offer.number is not None:
                    via, capacity = network.node(), min(capacity, offer.capacity)
                    network.arc(node, via, capacity)
                for aspect in offer.aspects:
                    position = strengths[aspect]
                    for level, (key, _) in enumerate(self.levels):
                        fine = None if key is None else key(school)
                        name = (aspect, level, fine, position, coarse)
                        hub = hubs.get(name)
                        if hub is None:
                            hub = hubs[name] = network.node()
                            serving.setdefault((aspect, level, fine), []).append((position, coarse, hub))
                        incoming.setdefault(hub, []).append((place, offer.number, network.arc(via, hub, capacity)))
        for kinds in serving.values():
            kinds.sort(key=lambda entry: -entry[0])
        return incoming, serving

    def _solve(self, members: list[int]) -> None:
        network = FlowNetwork()
        incoming, serving = self._hubs(network, members)
        if not incoming:
            self.slots += [slot for place in members for slot in self._slots_of(place)]
            return
        numbers: dict[int, int] = {}  # each priority's node: the slot's number
        weights = self.options.rank_weights
        for place in members:
            slots = self._slots_of(place)
            if not slots:
                continue
            school = self.schools[place]
            breaches = self.breach[self.kind[place]]
            partner = network.node()
            network.arc(partner, 1, self.options.partner_limit)
            fines = [(None if key is None else key(school), assumed) for key, assumed in self.levels]
            for slot in slots:
                node = network.node()
                numbers[node] = len(self.slots)
                self.slots.append(slot)
                network.arc(node, partner, 1)
                weight = weights[slot.rank - 1]
                need, at = slot.need, slot.position
                # The priority's arcs are made together, and each hub's flow read back from its own arcs: against an
                # arc and a dictionary entry for each, match_schools at 1,500 schools took about 0.43 s rather than
                # 0.46 s (best of 7, interleaved runs).
                hubs: list[int] = []
                benefits: list[int] = []
                for level, (fine, assumed) in enumerate(fines):
                    for position, kind, hub in serving.get((slot.aspect, level, fine), ()):
                        if position < need:
                            break
                        benefit = _benefit(position - at, weight, assumed + breaches[kind])
                        if benefit > 0:
                            hubs.append(hub)
                            benefits.append(benefit)
                network.arcs(hubs, node, 1, benefits)
        solve(network)
        head, out = network.head, network.out
        for hub, arcs in incoming.items():
            # the hub's own arcs, to the priorities it serves, in turn (the odd ones are the reverses of arcs into it)
            served = [numbers[head[arc]] for arc in out[hub] if arc % 2 == 0 and network.flow(arc)]
            supporters = [(place, offer) for place, offer, arc in arcs for _ in range(network.flow(arc))]
            self.pairs += [(place, number, offer) for (place, offer), number in zip(supporters, served, strict=True)]

    def _slots_of(self, place: int) -> list[_Slot]:
        weights, lead = self.options.rank_weights, self.options.min_lead
        snapshot = self.snapshots[place]
        # Only the weighted priorities' statuses are asked whether they were judged, not every aspect's: each asking
        # builds a set of two statuses and hashes three. The 1,500 schools' slots took 13 ms rather than 20 ms (best
        # of 15, interleaved runs).
        status = {judgement.aspect: judgement.status for judgement in snapshot.profile.judgements}
        slots = []
        for priority in snapshot.recommendation.priorities:
            if priority.rank <= len(weights) and priority.aspect in status and status[priority.aspect].judged:
                at = 0 if priority.current is None else priority.current.position
                need = max(at + lead, self.options.strength_from.position)
                slots.append(_Slot(place, priority.aspect, priority.rank, priority.current, need))
        return slots


def _stage_words(framework: Framework, stage: Stage | None) -> str:
    return "no stage yet" if stage is None else framework.stage_name(stage).en


def _priority_words(snapshot: SchoolSnapshot) -> str:
    """Where a partner's priority came from, as a sentence."""
    name, record = snapshot.school.name, snapshot.discussion
    if snapshot.basis is DecisionBasis.AGREED and record is not None:
        return f"{name} agreed this priority in the professional discussion of {record.date}."
    if snapshot.basis is DecisionBasis.PLAN:
        return f"{name} chose this priority in its development plan."
    return (
        f"The priority is recommended from the defaults (the next stage in each aspect): {name} has no priorities "
        "of its own agreed or planned."
    )


def _offer_words(snapshot: SchoolSnapshot, offer: int | None) -> str:
    """That the supporting school offered the strength, when it did."""
    record = snapshot.discussion
    if offer is None or record is None:
        return ""
    capacity = record.strengths[offer].capacity
    schools = "school" if capacity == 1 else "schools"
    return (
        f", and offered this strength in its professional discussion of {record.date} "
        f"(to support up to {capacity} {schools})"
    )


def _explain(matcher: _Matcher, supporter: int, slot: _Slot, offer: int | None) -> Partnership:
    framework, options = matcher.framework, matcher.options
    helper, partner = matcher.schools[supporter], matcher.schools[slot.partner]
    partner_snapshot = matcher.snapshots[slot.partner]
    stage = Stage.at(matcher.strengths[supporter][slot.aspect])
    weight = options.rank_weights[slot.rank - 1]
    distance = stage.position - slot.position
    penalties = matcher.penalties(supporter, slot.partner)
    benefit = _benefit(distance, weight, sum(p.points for p in penalties))
    title = framework.aspect(slot.aspect).title.en
    broken = {p.requirement for p in penalties}
    kept = [_WORDS[name][0] for name, _ in matcher.hard]
    kept += [_WORDS[name][0] for name, _, _ in matcher.soft if name not in broken]
    sums = f"{distance} x {weight}" + "".join(f" - {p.points} ({_WORDS[p.requirement][1]})" for p in penalties)
    candidates = len(matcher.could_support(slot))
    others = candidates - 1
    why = (
        f"chosen from {candidates} schools with a strength here, as part of the pairing with the greatest total benefit"
        if others
        else "the only school with a strength here"
    )
    explanation = (
        f"{helper.name} supports {partner.name} with its priority {slot.rank}: {title}. "
        f"{_priority_words(partner_snapshot)} "
        f"{helper.name} has reached {_stage_words(framework, stage)} there, {distance} "
        f"{'stage' if distance == 1 else 'stages'} beyond {partner.name} ({_stage_words(framework, slot.stage)}), "
        "on evidence that passes the checks"
        + _offer_words(matcher.snapshots[supporter], offer)
        + (f"; the two are {', '.join(kept)}" if kept else "")
        + f". Benefit {sums} = {benefit}; {why}."
    )
    return Partnership(
        helper.ref,
        partner.ref,
        slot.aspect,
        stage,
        slot.stage,
        slot.rank,
        distance,
        weight,
        penalties,
        benefit,
        candidates,
        explanation,
        partner_snapshot.basis,
        offer,
    )


def _unmatched(matcher: _Matcher, place: int, slots: list[_Slot]) -> Unmatched:
    framework, options = matcher.framework, matcher.options
    school = matcher.schools[place]
    if not slots:
        snapshot = matcher.snapshots[place]
        record = snapshot.discussion
        if snapshot.basis is DecisionBasis.DEFAULTS:
            why = (
                f"{school.name} has no recommended priority to match: every aspect has reached its target "
                "or has not enough evidence to set one."
            )
        else:
            source = (
                f"it agreed in the professional discussion of {record.date}"
                if snapshot.basis is DecisionBasis.AGREED and record is not None
                else "of its development plan"
            )
            why = (
                f"{school.name} has no priority to match among those {source}: each is ranked beyond the "
                f"{len(options.rank_weights)} weighted, or its aspect has not enough evidence to judge a stage, "
                "or does not apply."
            )
        return Unmatched(school.ref, UnmatchedReason.NO_PRIORITIES, why)
    aspects = "; ".join(framework.aspect(slot.aspect).title.en for slot in slots)
    able = [(slot, matcher.could_support(slot)) for slot in slots]
    worth = sorted({matcher.schools[s].name for slot, found in able for s in found if matcher.benefit(s, slot) > 0})
    if worth:
        return Unmatched(
            school.ref,
            UnmatchedReason.CAPACITY,
            f"{school.name}: the schools that could support it ({', '.join(worth)}) gave their capacity to "
            f"partnerships of greater total benefit. Its priorities: {aspects}.",
        )
    if any(found for _, found in able):
        return Unmatched(
            school.ref,
            UnmatchedReason.OUTWEIGHED,
            f"{school.name}: the schools with a strength in its priorities ({aspects}) breach soft requirements "
            "whose penalties leave no benefit.",
        )
    bounds = " that the hard requirements allow" if matcher.hard else ""
    strength = framework.stage_name(options.strength_from).en
    lead = "stage" if options.min_lead == 1 else "stages"
    return Unmatched(
        school.ref,
        UnmatchedReason.NO_CANDIDATE,
        f"{school.name}: no school{bounds} has reached {strength} or beyond, {options.min_lead} {lead} ahead of it, "
        "on evidence that passes the checks, with capacity to give and (where it has a discussion record) having "
        f"offered the strength, in its priorities ({aspects}).",
    )


def match_schools(
    framework: Framework,
    survey: Survey,
    options: MatchOptions | None = None,
    *,
    capacities: Mapping[str, int] | None = None,
) -> Collaboration:
    """Pair schools with a strength in an aspect with schools that have that aspect among their priorities.

    Each partner is supported in its own priorities: those agreed in its
    latest professional discussion, else those of its development plan, else
    those recommended to the default targets (see
    [`survey`][school_improvement.survey]); ``bases`` says which, school by
    school, and each partnership says where its priority came from. A school
    with a discussion record supports others only in the strengths it offered
    there, each offer up to its own capacity; ``capacities`` (or
    ``options.capacity``) still caps the school's total. Offered strengths
    the evidence does not bear out (by the same bar as any strength) are
    listed in ``unused_offers`` with why. A school without a record offers
    every strength its evidence shows.

    The partnerships chosen have the greatest total benefit, as
    [`MatchOptions`][school_improvement.MatchOptions] defines it, of any
    choice that keeps within every capacity and the hard requirements. Every
    partnership says why it was made; every school left without a partner is
    listed with the reason.

    Args:
        framework: The framework edition.
        survey: The schools, from [`survey`][school_improvement.survey].
        options: What counts as a strength, the weights, the capacity and the
            requirements; the defaults of [`MatchOptions`][school_improvement.MatchOptions] if not given.
        capacities: How many partnerships a school takes as a supporter, by
            reference, where it differs from ``options.capacity`` (0 for
            none); the local authority's cap, above any offer's own.

    Raises:
        AnalysisError: If the survey is against another edition, lists a school
            twice or holds another school's profile, or a capacity names an
            unknown school or is not a whole number of at least 0.

    Examples:
        >>> from school_improvement import load_framework, match_schools
        >>> from school_improvement import Survey
        >>> framework = load_framework()
        >>> result = match_schools(framework, Survey(framework.edition_id, ()))
        >>> result.partnerships, result.total_benefit
        ((), 0)
    """
    chosen_options = MatchOptions() if options is None else options
    given = dict(capacities or {})
    problems = survey_problems(framework, survey)
    refs = {snapshot.school.ref for snapshot in survey.snapshots}
    for ref, capacity in given.items():
        if ref not in refs:
            problems.append(Problem(f"$.capacities[{ref!r}]", f"the survey has no school {ref!r}"))
        elif isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
            problems.append(
                Problem(f"$.capacities[{ref!r}]", f"must be a whole number, not negative; found {capacity!r}")
            )
    if problems:
        raise AnalysisError("the matching", problems)
    matcher = _Matcher(framework, list(survey.snapshots), chosen_options, given)
    matcher.run()
    slots = matcher.slots
    pairs = sorted(matcher.pairs, key=lambda pair: (slots[pair[1]].partner, slots[pair[1]].rank, pair[1]))
    partnerships = tuple(_explain(matcher, supporter, slots[slot], offer) for supporter, slot, offer in pairs)
    matched = {slots[slot].partner for _, slot, _ in pairs}
    slots_of: dict[int, list[_Slot]] = {}
    for slot in slots:
        slots_of.setdefault(slot.partner, []).append(slot)
    unmatched = tuple(
        _unmatched(matcher, place, slots_of.get(place, []))
        for place in range(len(matcher.schools))
        if place not in matched
    )
    total = sum(p.benefit for p in partnerships)
    return Collaboration(
        framework.edition_id,
        chosen_options,
        partnerships,
        unmatched,
        total,
        survey.as_of,
        survey.max_age_days,
        survey.ages(),
        survey.bases(),
        tuple(matcher.unused),
    )

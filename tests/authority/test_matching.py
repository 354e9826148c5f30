"""Collaboration matching: optimal against brute force, explained, and careful with its inputs."""

import itertools
import math
import random

import pytest
from hypothesis import assume, given, strategies as st

from helpers import FRAMEWORK
from local_authority import NOT_ENOUGH, allowed_benefit, school, school_at, survey_of
from school_improvement import (
    AnalysisError,
    LanguageMedium,
    MatchOptions,
    Phase,
    RecommendedPriority,
    Requirement,
    SchoolSnapshot,
    Stage,
    Strictness,
    UnmatchedReason,
    match_schools,
)
from school_improvement._authority.flow import FlowNetwork, solve

# --- the solver on its own -------------------------------------------------------------------------------------


def best_assignment(
    supply: list[int], limits: list[int], slot_partner: list[int], arcs: list[tuple[int, int, int]]
) -> list[int]:
    """The arcs the solver chooses on the plain network: one arc per (supporter, slot) pair, no hubs."""
    network = FlowNetwork()
    supporters = [network.node() for _ in supply]
    slots = [network.node() for _ in slot_partner]
    partners = [network.node() for _ in limits]
    for node, amount in zip(supporters, supply, strict=True):
        network.arc(0, node, amount)
    arc_ids = [network.arc(supporters[supporter], slots[slot], 1, benefit) for supporter, slot, benefit in arcs]
    for slot, partner in zip(slots, slot_partner, strict=True):
        network.arc(slot, partners[partner], 1)
    for node, limit in zip(partners, limits, strict=True):
        network.arc(node, 1, limit)
    solve(network)
    return [place for place, arc in enumerate(arc_ids) if network.flow(arc)]


def _best_by_brute_force(
    supply: list[int], limits: list[int], slot_partner: list[int], arcs: list[tuple[int, int, int]]
) -> int:
    """Best by brute force."""
    best = 0
    for size in range(len(arcs) + 1):
        for chosen in itertools.combinations(arcs, size):
            used = [0] * len(supply)
            slots = [0] * len(slot_partner)
            partners = [0] * len(limits)
            for supporter, slot, _ in chosen:
                used[supporter] += 1
                slots[slot] += 1
                partners[slot_partner[slot]] += 1
            feasible = (
                all(u <= s for u, s in zip(used, supply, strict=True))
                and all(n <= 1 for n in slots)
                and all(p <= limit for p, limit in zip(partners, limits, strict=True))
            )
            if feasible:
                best = max(best, sum(benefit for _, _, benefit in chosen))
    return best


@st.composite
def networks(draw: st.DrawFn) -> tuple[list[int], list[int], list[int], list[tuple[int, int, int]]]:
    """Small flow networks: capacities, slots and arcs with benefits."""
    supporters = draw(st.integers(1, 4))
    partners = draw(st.integers(1, 4))
    supply = draw(st.lists(st.integers(0, 3), min_size=supporters, max_size=supporters))
    limits = draw(st.lists(st.integers(0, 3), min_size=partners, max_size=partners))
    slot_partner = draw(st.lists(st.integers(0, partners - 1), min_size=1, max_size=5))
    arc = st.tuples(st.integers(0, supporters - 1), st.integers(0, len(slot_partner) - 1), st.integers(1, 12))
    return supply, limits, slot_partner, draw(st.lists(arc, max_size=9))


@given(networks())
def test_the_solver_finds_the_greatest_total_benefit_within_every_capacity(
    network: tuple[list[int], list[int], list[int], list[tuple[int, int, int]]],
) -> None:
    """The solver finds the greatest total benefit within every capacity."""
    supply, limits, slot_partner, arcs = network
    chosen = [arcs[place] for place in best_assignment(supply, limits, slot_partner, arcs)]
    for supporter in range(len(supply)):
        assert sum(1 for s, _, _ in chosen if s == supporter) <= supply[supporter]
    assert len({slot for _, slot, _ in chosen}) == len(chosen)
    for partner in range(len(limits)):
        assert sum(1 for _, slot, _ in chosen if slot_partner[slot] == partner) <= limits[partner]
    assert sum(b for _, _, b in chosen) == _best_by_brute_force(supply, limits, slot_partner, arcs)


# --- matching schools against brute force ----------------------------------------------------------------------

ASPECTS = ("SV", "PV", "FC")


def _brute_force(options: MatchOptions, snapshots: list[SchoolSnapshot], capacity: dict[str, int]) -> int:
    """Brute force."""
    slots = [(p, priority.aspect) for p in snapshots for priority in partner_priorities(p)]
    choices = []
    for partner, aspect in slots:
        options_here: list[tuple[SchoolSnapshot | None, int]] = [(None, 0)]
        for helper in snapshots:
            benefit = allowed_benefit(options, helper, partner, aspect)
            if benefit is not None:
                options_here.append((helper, benefit))
        choices.append(options_here)
    assume(math.prod(len(c) for c in choices) <= 5000)
    best = 0
    for pick in itertools.product(*choices):
        used: dict[str, int] = {}
        partners: dict[str, int] = {}
        for (supported, _), (chosen, _) in zip(slots, pick, strict=True):
            if chosen is not None:
                used[chosen.school.ref] = used.get(chosen.school.ref, 0) + 1
                partners[supported.school.ref] = partners.get(supported.school.ref, 0) + 1
        if all(n <= capacity[ref] for ref, n in used.items()) and all(
            n <= options.partner_limit for n in partners.values()
        ):
            best = max(best, sum(benefit for _, benefit in pick))
    return best


def partner_priorities(snapshot: SchoolSnapshot) -> list[RecommendedPriority]:
    """A snapshot's recommended priorities, in rank order."""
    return list(snapshot.recommendation.priorities)


requirements = st.builds(
    Requirement, st.sampled_from([Strictness.OFF, Strictness.SOFT, Strictness.SOFT, Strictness.HARD]), st.integers(0, 3)
)
match_options = st.builds(
    MatchOptions,
    min_lead=st.integers(1, 2),
    strength_from=st.sampled_from([Stage.STARTING_THE_JOURNEY, Stage.MAKING_PROGRESS, Stage.BUILDING_MOMENTUM]),
    rank_weights=st.lists(st.integers(1, 4), min_size=1, max_size=3).map(tuple),
    capacity=st.sampled_from([0, 1, 1, 2]),
    partner_limit=st.integers(1, 2),
    same_local_authority=requirements,
    same_cluster=requirements,
    same_phase=requirements,
    same_medium=requirements,
)


@st.composite
def small_surveys(draw: st.DrawFn) -> list[SchoolSnapshot]:
    """Two to five schools, three aspects, with random stages, priorities and warnings."""
    count = draw(st.integers(2, 5))
    snapshots = []
    for number in range(count):
        record = school(
            f"s{number}",
            authority=draw(st.sampled_from(["A", "B"])),
            cluster=draw(st.sampled_from(["c1", "c2", None])),
            phase=draw(st.sampled_from([Phase.PRIMARY, Phase.SECONDARY])),
            medium=draw(st.sampled_from([LanguageMedium.ENGLISH, LanguageMedium.WELSH])),
        )
        stages = {a: draw(st.sampled_from([NOT_ENOUGH, 0, 1, 2, 3, 4])) for a in ASPECTS}
        open_aspects = [a for a in ASPECTS if 0 <= stages[a] < 4]
        priorities = draw(st.permutations(open_aspects).map(lambda p: p[:2]))
        warned = draw(st.lists(st.sampled_from([*ASPECTS, None]), max_size=1))
        snapshots.append(school_at(record, stages, priorities, warned))
    return snapshots


@given(small_surveys(), match_options, st.dictionaries(st.sampled_from(["s0", "s1"]), st.integers(0, 3)))
def test_matching_is_optimal_against_brute_force_and_every_partnership_is_allowed(
    snapshots: list[SchoolSnapshot], options: MatchOptions, overrides: dict[str, int]
) -> None:
    """Matching is optimal against brute force and every partnership is allowed."""
    capacity = {s.school.ref: overrides.get(s.school.ref, options.capacity) for s in snapshots}
    best = _brute_force(options, snapshots, capacity)
    result = match_schools(FRAMEWORK, survey_of(*snapshots), options, capacities=overrides)
    by_ref = {s.school.ref: s for s in snapshots}
    for partnership in result.partnerships:
        expected = allowed_benefit(
            options, by_ref[partnership.supporter], by_ref[partnership.partner], partnership.aspect
        )
        assert partnership.benefit == expected
    assert result.total_benefit == sum(p.benefit for p in result.partnerships) == best
    for ref, limit in capacity.items():
        assert sum(1 for p in result.partnerships if p.supporter == ref) <= limit
    slots = [(p.partner, p.aspect) for p in result.partnerships]
    assert len(set(slots)) == len(slots)
    matched = {p.partner for p in result.partnerships}
    assert {u.school for u in result.unmatched} == set(by_ref) - matched


# --- explanations and reasons -----------------------------------------------------------------------------------


def test_a_partnership_says_who_supports_whom_in_what_and_how_its_benefit_adds_up() -> None:
    """A partnership says who supports whom in what and how its benefit adds up."""
    helper = school_at(school("h", name="Example High", cluster="South"), {"PV": 4})
    partner = school_at(school("p", name="Example Primary"), {"PV": 1}, ["PV"])
    result = match_schools(FRAMEWORK, survey_of(helper, partner))
    (partnership,) = result.partnerships
    assert (partnership.supporter, partnership.partner, partnership.aspect) == ("h", "p", "PV")
    assert (partnership.supporter_stage, partnership.partner_stage) == (
        Stage.SUSTAINING_HIGH_STANDARDS,
        Stage.STARTING_THE_JOURNEY,
    )
    assert [(p.requirement, p.points) for p in partnership.penalties] == [("same-cluster", 1)]
    assert partnership.benefit == 3 * 3 - 1 == result.total_benefit
    text = partnership.explanation
    assert "Example High supports Example Primary with its priority 1: Using pupil voice." in text
    assert "Benefit 3 x 3 - 1 (in another cluster) = 8" in text
    assert "the only school with a strength here" in text


def test_the_matching_prefers_the_pairing_with_the_greater_total_not_the_greedy_first_choice() -> None:
    """The matching prefers the pairing with the greater total not the greedy first choice."""
    # Greedy would give the one strong school to the first partner's bigger gain (4 x 3 = 12) and leave the
    # second partner with nothing; the optimum pairs both for 3 x 3 + 3 x 3 = 18.
    strong = school_at(school("strong"), {"PV": 4, "SV": 4})
    other = school_at(school("other"), {"PV": 3})
    first = school_at(school("first"), {"PV": 0, "SV": 1}, ["PV", "SV"])
    second = school_at(school("second"), {"PV": 0}, ["PV"])
    result = match_schools(FRAMEWORK, survey_of(strong, other, first, second), MatchOptions(capacity=1))
    assert result.total_benefit == 12 + 9 == sum(p.benefit for p in result.partnerships)
    assert {(p.supporter, p.partner) for p in result.partnerships} == {("strong", "first"), ("other", "second")}


def test_schools_left_without_a_partner_are_listed_with_the_reason() -> None:
    """Schools left without a partner are listed with the reason."""
    helper = school_at(school("h"), {"PV": 3})
    taken = school_at(school("taken"), {"PV": 0}, ["PV"])
    waiting = school_at(school("waiting"), {"PV": 2}, ["PV"])
    far = school_at(school("far", authority="Elsewhere"), {"FC": 1}, ["FC"])
    content = school_at(school("content"), {"SV": 4})
    result = match_schools(FRAMEWORK, survey_of(helper, taken, waiting, far, content), MatchOptions(capacity=1))
    reasons = {u.school: u.reason for u in result.unmatched}
    assert reasons == {
        "h": UnmatchedReason.NO_PRIORITIES,
        "waiting": UnmatchedReason.CAPACITY,
        "far": UnmatchedReason.NO_CANDIDATE,
        "content": UnmatchedReason.NO_PRIORITIES,
    }
    waiting_reason = next(u for u in result.unmatched if u.school == "waiting")
    assert "School h" in waiting_reason.explanation


def test_a_soft_penalty_that_leaves_no_benefit_is_reported_as_outweighed() -> None:
    """A soft penalty that leaves no benefit is reported as outweighed."""
    helper = school_at(school("h", medium=LanguageMedium.WELSH), {"PV": 3})
    partner = school_at(school("p"), {"PV": 2}, ["PV", "SV", "FC"])
    options = MatchOptions(same_medium=Requirement(Strictness.SOFT, 5))
    result = match_schools(FRAMEWORK, survey_of(helper, partner), options)
    assert result.partnerships == ()
    assert [u.reason for u in result.unmatched if u.school == "p"] == [UnmatchedReason.OUTWEIGHED]


def test_a_strength_needs_evidence_that_passes_the_checks() -> None:
    """A strength needs evidence that passes the checks."""
    partner = school_at(school("p"), {"PV": 0}, ["PV"])
    for warned in (["PV"], [None]):
        helper = school_at(school("h"), {"PV": 4}, warned=warned)
        assert match_schools(FRAMEWORK, survey_of(helper, partner)).partnerships == ()
    helper = school_at(school("h"), {"PV": 4}, warned=["SV"])
    assert len(match_schools(FRAMEWORK, survey_of(helper, partner)).partnerships) == 1


def test_not_enough_evidence_is_never_a_strength() -> None:
    """Not enough evidence is never a strength."""
    helper = school_at(school("h"), {"PV": NOT_ENOUGH})
    partner = school_at(school("p"), {"PV": 0}, ["PV"])
    assert match_schools(FRAMEWORK, survey_of(helper, partner)).partnerships == ()


def test_a_hard_requirement_is_never_breached() -> None:
    """A hard requirement is never breached."""
    helper = school_at(school("h", phase=Phase.SECONDARY), {"PV": 4})
    partner = school_at(school("p"), {"PV": 0}, ["PV"])
    options = MatchOptions(same_phase=Requirement(Strictness.HARD))
    assert match_schools(FRAMEWORK, survey_of(helper, partner), options).partnerships == ()
    assert len(match_schools(FRAMEWORK, survey_of(helper, partner)).partnerships) == 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"min_lead": 0}, "min_lead must be at least 1"),
        ({"rank_weights": ()}, "rank_weights must list one or more whole numbers"),
        ({"rank_weights": (3, 0)}, "rank_weights must list one or more whole numbers"),
        ({"capacity": -1}, "capacity must be a whole number, not negative"),
        ({"partner_limit": 0}, "partner_limit must be at least 1"),
        ({"capacity": 1.5}, "capacity must be a whole number"),
    ],
)
def test_options_out_of_range_are_refused_by_name(change: dict[str, object], words: str) -> None:
    """Options out of range are refused by name."""
    with pytest.raises(ValueError, match=words):
        MatchOptions(**change)  # type: ignore[arg-type]


def test_capacities_must_name_schools_of_the_survey_and_be_whole_numbers() -> None:
    """Capacities must name schools of the survey and be whole numbers."""
    snapshots = survey_of(school_at(school("h"), {"PV": 4}))
    with pytest.raises(AnalysisError) as caught:
        match_schools(FRAMEWORK, snapshots, capacities={"nobody": 1, "h": -2})
    assert [p.path for p in caught.value.problems] == ["$.capacities['nobody']", "$.capacities['h']"]


def test_a_survey_listing_a_school_twice_is_refused() -> None:
    """A survey listing a school twice is refused."""
    one = school_at(school("h"), {"PV": 4})
    with pytest.raises(AnalysisError, match="appears twice"):
        match_schools(FRAMEWORK, survey_of(one, one))


def _every_pair_optimum(options: MatchOptions, snapshots: list[SchoolSnapshot]) -> int:
    """The optimum on the plain network with one arc per allowed pair: no hubs, so nothing to trust but the solver."""
    slots = [(partner, p.aspect) for partner in snapshots for p in partner_priorities(partner)]
    places = {id(s): n for n, s in enumerate(snapshots)}
    arcs = []
    for number, (partner, aspect) in enumerate(slots):
        for helper in snapshots:
            benefit = allowed_benefit(options, helper, partner, aspect)
            if benefit is not None:
                arcs.append((places[id(helper)], number, benefit))
    chosen = best_assignment(
        [options.capacity] * len(snapshots),
        [options.partner_limit] * len(snapshots),
        [places[id(partner)] for partner, _ in slots],
        arcs,
    )
    return sum(arcs[place][2] for place in chosen)


@pytest.mark.parametrize(
    "options",
    [
        MatchOptions(),
        MatchOptions(
            same_local_authority=Requirement(Strictness.SOFT, 2), same_cluster=Requirement(Strictness.SOFT, 1)
        ),
        MatchOptions(same_local_authority=Requirement(Strictness.OFF), same_phase=Requirement(Strictness.HARD)),
        MatchOptions(same_cluster=Requirement(Strictness.HARD), min_lead=2, strength_from=Stage.MAKING_PROGRESS),
        MatchOptions(capacity=1, partner_limit=3, rank_weights=(5, 3, 1), same_medium=Requirement(Strictness.SOFT, 4)),
    ],
)
def test_on_a_larger_survey_the_hub_network_finds_the_same_optimum_as_a_network_of_every_pair(
    options: MatchOptions,
) -> None:
    """The hubs are exact: the same total benefit as one arc per allowed pair, on 80 fictional schools."""
    rng = random.Random(11)  # noqa: S311 (repeatable made-up schools)
    authorities, clusters = ["A", "B"], ["c1", "c2", "c3", None]
    snapshots = []
    for number in range(80):
        stages = {a.code: rng.choice([NOT_ENOUGH, 0, 1, 1, 2, 2, 3, 3, 4]) for a in FRAMEWORK.aspects}
        open_aspects = [code for code, position in stages.items() if 0 <= position < 4]
        record = school(
            f"s{number}",
            authority=rng.choice(authorities),
            cluster=rng.choice(clusters),
            phase=rng.choice([Phase.PRIMARY, Phase.SECONDARY, Phase.SPECIAL]),
            medium=rng.choice(list(LanguageMedium)),
        )
        warned = rng.sample([*[a.code for a in FRAMEWORK.aspects], None], rng.choice([0, 0, 1]))
        snapshots.append(school_at(record, stages, rng.sample(open_aspects, min(3, len(open_aspects))), warned))
    result = match_schools(FRAMEWORK, survey_of(*snapshots), options)
    assert result.total_benefit == _every_pair_optimum(options, snapshots)
    assert result.total_benefit > 0

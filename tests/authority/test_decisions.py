"""The local authority's view follows the schools' decisions: agreed and planned priorities, offers, support."""

import datetime
import itertools
import math
import random

import attrs
import pytest
from hypothesis import assume, given, strategies as st

from helpers import EVALUATION_DATE, FRAMEWORK
from local_authority import (
    DISCUSSED,
    NOT_ENOUGH,
    allowed_benefit,
    choice,
    evaluation_at,
    plan,
    record,
    school,
    school_at,
    survey_of,
)
from school_improvement import (
    AnalysisError,
    Collaboration,
    MatchOptions,
    Phase,
    Rollup,
    SchoolSnapshot,
    Stage,
    StrengthOffer,
    SupportItem,
    SupportNeed,
    SupportSource,
    SupportStatus,
    SystemPriorityRule,
    TargetStanding,
    UnmatchedReason,
    UnusedOfferReason,
    dumps,
    loads,
    match_schools,
    roll_up,
    snapshot,
    survey,
)
from school_improvement._authority.survey import DecisionBasis, survey_problems

WEAK = {"SV": 1, "LC": 1, "PV": 1, "FC": 1}
"""Four aspects at Starting the journey, each with an open gap: the school of the motivating case."""
STRONG = {"SV": 3, "LC": 3, "PV": 3, "FC": 3}
"""The same four at Building momentum: a strength in each."""
DEFAULTS_WORDS = (
    "defaults: no plan or discussion record was given, so the library's recommendation to the next stage in each "
    "aspect is used"
)


def _pairs(result: Collaboration) -> list[tuple[str, str, str]]:
    """The partnerships of a collaboration as (supporter, partner, aspect)."""
    return [(p.supporter, p.partner, p.aspect) for p in result.partnerships]


# --- the motivating case -------------------------------------------------------------------------------------------


def test_a_school_that_chose_leadership_capacity_is_supported_in_it_not_in_the_defaults_aspects() -> None:
    """A school weak in four aspects that chose Developing leadership capacity is paired in it, agreed or planned."""
    register = [school("weak"), school("strong")]
    evaluations = [evaluation_at("weak", WEAK), evaluation_at("strong", STRONG)]
    options = MatchOptions(partner_limit=2)
    by_default = match_schools(FRAMEWORK, survey(FRAMEWORK, register, evaluations), options)
    assert "LC" not in {aspect for _, _, aspect in _pairs(by_default)}  # the defaults rank two other aspects first
    assert len(by_default.partnerships) == 2
    agreed = survey(FRAMEWORK, register, evaluations, discussions=[record("weak", agreed=[choice("LC")])])
    planned = survey(FRAMEWORK, register, evaluations, plans=[plan("weak", choice("LC"))])
    for surveyed, words in (
        (agreed, f"School weak agreed this priority in the professional discussion of {DISCUSSED}."),
        (planned, "School weak chose this priority in its development plan."),
    ):
        result = match_schools(FRAMEWORK, surveyed, options)
        assert _pairs(result) == [("strong", "weak", "LC")]
        assert words in result.partnerships[0].explanation
        assert result.partnerships[0].priority_basis is surveyed.snapshots[0].basis


def test_a_school_on_the_defaults_says_so_in_the_survey_the_roll_up_and_the_matching() -> None:
    """Without a plan or discussion record a school's basis is defaults, and every output says so in words."""
    surveyed = survey(FRAMEWORK, [school("a")], [evaluation_at("a", WEAK)])
    (item,) = surveyed.snapshots
    assert (item.basis, item.plan, item.discussion, item.review, item.chosen) == (
        DecisionBasis.DEFAULTS,
        None,
        None,
        None,
        (),
    )
    assert not item.recommendation.chosen_by_school
    for bases in (surveyed.bases(), roll_up(FRAMEWORK, surveyed).bases, match_schools(FRAMEWORK, surveyed).bases):
        assert [(b.school, b.basis, b.date, b.explanation) for b in bases] == [
            ("a", DecisionBasis.DEFAULTS, None, DEFAULTS_WORDS)
        ]
    partner = school_at(school("p"), {"PV": 1}, ["PV"])
    result = match_schools(FRAMEWORK, survey_of(school_at(school("h"), {"PV": 4}), partner))
    assert "The priority is recommended from the defaults (the next stage in each aspect)" in (
        result.partnerships[0].explanation
    )


# --- which decision leads --------------------------------------------------------------------------------------


def test_agreed_priorities_come_before_the_plan_and_the_plan_before_the_defaults() -> None:
    """Agreed beats planned beats defaults; the latest record counts; the plan is reviewed at the survey's date."""
    refs = ("agreed", "planned", "none-agreed", "later")
    evaluations = [evaluation_at(ref, WEAK) for ref in refs]
    plans = [plan(ref, choice("PV", target=Stage.BUILDING_MOMENTUM)) for ref in ("agreed", "planned", "later")]
    discussions = [
        record("agreed", agreed=[choice("LC")]),
        record("none-agreed"),
        record("later", agreed=[choice("FC")], date=datetime.date(2026, 11, 5)),
        record("later", date=datetime.date(2026, 11, 25)),  # the latest record agreed nothing: the plan leads
    ]
    surveyed = survey(FRAMEWORK, [school(ref) for ref in refs], evaluations, plans=plans, discussions=discussions)
    assert surveyed.as_of == datetime.date(2026, 11, 25)  # by default the latest self-evaluation or discussion
    by_ref = {item.school.ref: item for item in surveyed.snapshots}
    assert {ref: item.basis for ref, item in by_ref.items()} == {
        "agreed": DecisionBasis.AGREED,
        "planned": DecisionBasis.PLAN,
        "none-agreed": DecisionBasis.DEFAULTS,
        "later": DecisionBasis.PLAN,
    }
    assert [p.aspect for p in by_ref["agreed"].recommendation.priorities] == ["LC"]
    (planned,) = by_ref["planned"].recommendation.priorities
    assert (planned.aspect, planned.target, planned.horizon, planned.chosen) == (
        "PV",
        Stage.BUILDING_MOMENTUM,
        plans[1].priorities[0].by,
        1,
    )
    assert by_ref["later"].discussion == discussions[3]
    assert len(by_ref["none-agreed"].recommendation.priorities) == 3
    for ref in ("agreed", "planned", "later"):
        review = by_ref[ref].review
        assert review is not None
        assert (review.date, review.self_evaluation_date) == (surveyed.as_of, EVALUATION_DATE)
        assert [t.standing for t in review.targets] == [TargetStanding.ON_TRACK]
    words = {basis.school: basis.explanation for basis in surveyed.bases()}
    assert words["agreed"] == (
        f"agreed: the priorities agreed in the professional discussion of {DISCUSSED} are used, "
        "before those of its development plan"
    )
    assert words["planned"] == "plan: the priorities of its development plan (2026-11-01 to 2027-08-31) are used"
    assert words["later"].endswith("; its professional discussion of 2026-11-25 agreed none")
    assert words["none-agreed"] == (
        f"defaults: its professional discussion of {DISCUSSED} agreed no priorities and it has no plan, so the "
        "library's recommendation to the next stage in each aspect is used"
    )


def test_a_snapshot_of_one_school_follows_its_decisions_as_the_survey_does() -> None:
    """``snapshot`` takes the plan and the record too, and is dated by default at the later of its two dates."""
    taken = snapshot(
        FRAMEWORK,
        school("a"),
        evaluation_at("a", WEAK),
        plan=plan("a", choice("PV")),
        discussion=record("a", agreed=[choice("LC")]),
    )
    assert taken.basis is DecisionBasis.AGREED
    assert [p.aspect for p in taken.recommendation.priorities] == ["LC"]
    assert taken.review is not None
    assert taken.review.date == DISCUSSED


def test_a_chosen_aspect_without_enough_evidence_gives_the_matching_nothing_to_support_from() -> None:
    """A school whose only chosen aspect has no stage judged is unmatched for want of a priority, and told why."""
    register = [school("a"), school("strong")]
    evaluations = [evaluation_at("a", WEAK), evaluation_at("strong", STRONG | {"LW": 3})]
    surveyed = survey(FRAMEWORK, register, evaluations, discussions=[record("a", agreed=[choice("LW")])])
    result = match_schools(FRAMEWORK, surveyed)
    assert result.partnerships == ()
    (unmatched, _) = result.unmatched
    assert unmatched.reason is UnmatchedReason.NO_PRIORITIES
    assert unmatched.explanation == (
        f"School a has no priority to match among those it agreed in the professional discussion of {DISCUSSED}: "
        "each is ranked beyond the 3 weighted, or its aspect has not enough evidence to judge a stage, or does not "
        "apply."
    )


# --- offered strengths -----------------------------------------------------------------------------------------


def _offering(item: SchoolSnapshot, *offers: StrengthOffer) -> SchoolSnapshot:
    """The snapshot with a discussion record offering these strengths and agreeing no priorities."""
    return attrs.evolve(item, discussion=record(item.school.ref, strengths=offers))


def test_a_school_with_a_record_supports_others_only_in_what_it_offered_each_offer_up_to_its_capacity() -> None:
    """Strong in LC and PV, it offered LC for one school: one LC partnership, none in PV, said in words."""
    helper = _offering(school_at(school("h"), {"LC": 4, "PV": 4}), StrengthOffer(["LC"], 1, "Middle leaders"))
    partners = [
        school_at(school("pv"), {"PV": 1}, ["PV"]),
        school_at(school("lc1"), {"LC": 1}, ["LC"]),
        school_at(school("lc2"), {"LC": 2}, ["LC"]),
    ]
    result = match_schools(FRAMEWORK, survey_of(helper, *partners), MatchOptions(capacity=3))
    assert _pairs(result) == [("h", "lc1", "LC")]
    (partnership,) = result.partnerships
    assert partnership.offer == 0
    assert (
        f"on evidence that passes the checks, and offered this strength in its professional discussion of "
        f"{DISCUSSED} (to support up to 1 school)"
    ) in partnership.explanation
    reasons = {u.school: u.reason for u in result.unmatched}
    assert reasons == {
        "h": UnmatchedReason.NO_PRIORITIES,
        "pv": UnmatchedReason.NO_CANDIDATE,
        "lc2": UnmatchedReason.CAPACITY,
    }
    assert result.unused_offers == ()
    without_record = match_schools(
        FRAMEWORK, survey_of(school_at(school("h"), {"LC": 4, "PV": 4}), *partners), MatchOptions(capacity=3)
    )
    assert len(without_record.partnerships) == 3
    assert all(p.offer is None for p in without_record.partnerships)


def test_the_local_authority_capacity_still_caps_a_school_that_offers_more() -> None:
    """Two offers of three each are capped at the school's capacity from the local authority, however it is set."""
    helper = _offering(
        school_at(school("h"), {"LC": 4, "PV": 4}), StrengthOffer(["LC"], 3), StrengthOffer(["PV", "LC"], 3)
    )
    partners = [
        school_at(school(f"p{n}"), {"LC": 1, "PV": 1}, [aspect]) for n, aspect in enumerate(["LC", "PV", "LC", "PV"])
    ]
    snapshots = survey_of(helper, *partners)
    assert len(match_schools(FRAMEWORK, snapshots, MatchOptions(capacity=2)).partnerships) == 2
    assert len(match_schools(FRAMEWORK, snapshots, MatchOptions(capacity=9)).partnerships) == 4
    assert len(match_schools(FRAMEWORK, snapshots, MatchOptions(capacity=9), capacities={"h": 1}).partnerships) == 1
    assert match_schools(FRAMEWORK, snapshots, capacities={"h": 0}).partnerships == ()


def test_an_offered_aspect_the_evidence_does_not_bear_out_is_listed_with_why() -> None:
    """Offers below the strength bar, without evidence, not applicable, warned of or without capacity are listed."""
    item = school_at(school("h"), {"SV": 2, "PV": NOT_ENOUGH, "FC": 4, "LC": 4}, warned=["FC"])
    item = attrs.evolve(
        item,
        profile=attrs.evolve(
            item.profile,
            judgements=tuple(
                attrs.evolve(j, status=j.status.NOT_APPLICABLE, stage=None) if j.aspect == "CU" else j
                for j in item.profile.judgements
            ),
        ),
    )
    helper = _offering(item, StrengthOffer(["SV", "PV"], 1), StrengthOffer(["FC", "CU", "LC"], 2))
    partner = school_at(school("p"), {"LC": 1}, ["LC"])
    result = match_schools(FRAMEWORK, survey_of(helper, partner))
    assert _pairs(result) == [("h", "p", "LC")]
    assert [(u.school, u.offer, u.aspect, u.reason) for u in result.unused_offers] == [
        ("h", 0, "SV", UnusedOfferReason.BELOW_STRENGTH),
        ("h", 0, "PV", UnusedOfferReason.NOT_ENOUGH_EVIDENCE),
        ("h", 1, "FC", UnusedOfferReason.EVIDENCE_WARNING),
        ("h", 1, "CU", UnusedOfferReason.NOT_APPLICABLE),
    ]
    first = result.unused_offers[0].explanation
    assert first == (
        f"School h offered Strategic vision in its professional discussion of {DISCUSSED}, but its self-evaluation "
        "places it at Making progress, before Building momentum, the stage that counts as a strength."
    )
    assert "the evidence checks warn about the aspect: set by the test" in result.unused_offers[2].explanation
    idle = match_schools(FRAMEWORK, survey_of(helper, partner), capacities={"h": 0})
    assert {u.reason for u in idle.unused_offers} == {UnusedOfferReason.NO_CAPACITY}
    assert len(idle.unused_offers) == 5


def test_an_old_self_evaluation_makes_every_offer_unused_for_its_warning() -> None:
    """An offer resting on a self-evaluation older than the survey allows is listed, for the whole one's warning."""
    old = evaluation_at("h", STRONG, date=datetime.date(2025, 6, 1))
    surveyed = survey(
        FRAMEWORK,
        [school("h"), school("p")],
        [old, evaluation_at("p", WEAK)],
        discussions=[record("h", strengths=[StrengthOffer(["LC"], 2)])],
    )
    result = match_schools(FRAMEWORK, surveyed)
    assert result.partnerships == ()
    (unused,) = result.unused_offers
    assert unused.reason is UnusedOfferReason.EVIDENCE_WARNING
    assert "the evidence checks warn about its whole self-evaluation" in unused.explanation


# --- the roll-up ------------------------------------------------------------------------------------------------


def test_support_needed_is_counted_in_schools_by_source_then_aspect() -> None:
    """Each source and aspect counts schools by status, in SupportSource's order, then the aspects' source order."""
    la, school_to_school, national = (
        SupportSource.LOCAL_AUTHORITY,
        SupportSource.ANOTHER_SCHOOL,
        SupportSource.NATIONAL_PROFESSIONAL_LEARNING,
    )
    asked = {
        "a": [
            SupportItem(["PV", "LC"], "Coaching", la, SupportStatus.REQUESTED),
            SupportItem(["LC"], "Coaching again", la, SupportStatus.REQUESTED),  # the same school: counted once
            SupportItem(["LC"], "Visits", school_to_school, SupportStatus.AGREED, "b"),
        ],
        "b": [
            SupportItem(["LC"], "Coaching", la, SupportStatus.AGREED),
            SupportItem(["SV"], "Leadership programme", national, SupportStatus.NOT_AGREED, "Programme"),
        ],
    }
    discussions = [record(ref, support=items) for ref, items in asked.items()]
    register = [school("a"), school("b", cluster="South"), school("c")]
    evaluations = [evaluation_at(ref, WEAK) for ref in ("a", "b", "c")]
    surveyed = survey(FRAMEWORK, register, evaluations, discussions=discussions)
    rolled = roll_up(FRAMEWORK, surveyed, by="cluster")
    assert rolled.overall.support == (
        SupportNeed(la, "LC", 1, 1, 0, ("a", "b")),
        SupportNeed(la, "PV", 1, 0, 0, ("a",)),
        SupportNeed(school_to_school, "LC", 0, 1, 0, ("a",), ("b",)),
        SupportNeed(national, "SV", 0, 0, 1, ("b",), ("Programme",)),
    )
    north, south = rolled.groups
    assert [(n.source, n.aspect, n.schools) for n in south.support] == [(la, "LC", ("b",)), (national, "SV", ("b",))]
    assert len(north.support) == 3


def test_an_aspect_most_schools_chose_is_a_system_priority_by_that_rule_and_says_so() -> None:
    """Two of three schools setting their own priorities chose LC, though no school is early there: a priority."""
    stages = {"LC": 3, "PV": 1, "SV": 3}
    refs = ("a", "b", "c", "d")
    discussions = [
        record("a", agreed=[choice("LC", target=Stage.SUSTAINING_HIGH_STANDARDS)]),
        record("b", agreed=[choice("LC", "PV", target=Stage.SUSTAINING_HIGH_STANDARDS)]),
        record("c", agreed=[choice("SV", target=Stage.SUSTAINING_HIGH_STANDARDS)]),
    ]
    surveyed = survey(
        FRAMEWORK, [school(ref) for ref in refs], [evaluation_at(r, stages) for r in refs], discussions=discussions
    )
    overall = roll_up(FRAMEWORK, surveyed).overall
    assert overall.own_priorities == 3
    assert {s.aspect: s.chosen for s in overall.spreads if s.chosen} == {"LC": 2, "PV": 1, "SV": 1}
    by_aspect = {p.aspect: p for p in overall.system_priorities}
    assert set(by_aspect) == {"PV", "LC"}
    assert by_aspect["PV"].rules == (SystemPriorityRule.EARLY_STAGES,)
    lc = by_aspect["LC"]
    assert (lc.rules, lc.chosen, lc.own_priorities, lc.early, lc.judged) == ((SystemPriorityRule.CHOSEN,), 2, 3, 0, 4)
    assert lc.explanation == (
        "Developing leadership capacity: chosen as a priority by 2 of the 3 schools that set their own priorities "
        "(67%), agreed in a professional discussion or in their plan; by the stages alone it would not be one: 0 of "
        "the 4 schools with enough evidence (0%) have no stage yet or are at Making progress or before."
    )
    assert [p.aspect for p in overall.system_priorities] == ["PV", "LC"]  # 100% early, then 67% chose


def test_a_choice_made_by_one_school_alone_is_never_a_system_priority() -> None:
    """One school setting its own priorities is all of them, but a single school's choice is not the system's."""
    refs = ("a", "b")
    surveyed = survey(
        FRAMEWORK,
        [school(ref) for ref in refs],
        [evaluation_at(r, {"LC": 3}) for r in refs],
        discussions=[record("a", agreed=[choice("LC", target=Stage.SUSTAINING_HIGH_STANDARDS)])],
    )
    overall = roll_up(FRAMEWORK, surveyed).overall
    assert overall.spread("LC").chosen == 1
    assert overall.system_priorities == ()


def test_shared_steps_follow_the_schools_choice() -> None:
    """Two schools that agreed only LC share its steps alone; on the defaults they would share other aspects' too."""
    refs = ("a", "b")
    register, evaluations = [school(ref) for ref in refs], [evaluation_at(r, WEAK) for r in refs]
    agreed = [record(ref, agreed=[choice("LC")]) for ref in refs]
    shared = roll_up(FRAMEWORK, survey(FRAMEWORK, register, evaluations, discussions=agreed), shared_steps=10)
    assert {step.aspect for step in shared.overall.shared_steps} == {"LC"}
    defaults = roll_up(FRAMEWORK, survey(FRAMEWORK, register, evaluations), shared_steps=10)
    assert {step.aspect for step in defaults.overall.shared_steps} > {"LC"}


# --- what is refused ----------------------------------------------------------------------------------------------


def test_a_survey_refuses_every_wrong_plan_and_record_at_its_place_and_surveys_nothing() -> None:
    """Unknown schools, twos, later dates, other editions, unfit parts, an aspect chosen twice: each at its path."""
    register = [school("a"), school("b")]
    evaluations = [evaluation_at("a", WEAK), evaluation_at("b", WEAK)]
    plans = [
        plan("a", choice("LC")),
        plan("a", choice("PV")),
        plan("z", choice("PV")),
        plan("b", choice("PV"), edition="another/1"),
        plan("b", choice("PV"), starts=datetime.date(2026, 12, 1)),
    ]
    discussions = [
        record("z"),
        record("a", date=datetime.date(2026, 12, 2)),
        record("a", agreed=[choice("LC"), choice("PV", "LC")]),
        record("a", agreed=[choice("SV")]),
        record("b", edition="another/1"),
        record("b", strengths=[StrengthOffer(["LC"], 0)], date=datetime.date(2026, 11, 21)),
    ]
    with pytest.raises(AnalysisError) as caught:
        survey(
            FRAMEWORK, register, evaluations, as_of=datetime.date(2026, 11, 30), plans=plans, discussions=discussions
        )
    found = [(p.path, p.message) for p in caught.value.problems]
    assert [path for path, _ in found] == [
        "$.plans[1].school",
        "$.plans[2].school",
        "$.plans[3].framework_edition",
        "$.plans[4].school",
        "$.plans[4].self_evaluation_date",
        "$.discussions[0].school",
        "$.discussions[1].date",
        "$.discussions[2].agreed_priorities[1].aspects[1]",
        "$.discussions[3].date",
        "$.discussions[4].framework_edition",
        "$.discussions[5].strengths[0].capacity",
    ]
    messages = dict(found)
    assert messages["$.plans[1].school"] == "'a' has two plans (the other at plans[0]): give the one it follows"
    assert messages["$.plans[2].school"] == "the register lists no school 'z'"
    assert messages["$.plans[4].self_evaluation_date"] == (
        "'b' has a plan following a self-evaluation of 2026-12-01, after the survey's date, 2026-11-30"
    )
    assert messages["$.discussions[1].date"] == (
        "'a' has a discussion record dated 2026-12-02, after the survey's date, 2026-11-30"
    )
    assert messages["$.discussions[3].date"] == (
        f"'a' has two discussion records dated {DISCUSSED} (the other at discussions[2])"
    )
    assert messages["$.discussions[2].agreed_priorities[1].aspects[1]"] == (
        "LC is in priority 1 already: an aspect has one target, so it is in one priority, once"
    )


def test_a_plan_that_does_not_fit_is_refused_with_its_own_paths_under_its_place() -> None:
    """The plan's own checks run, their paths under ``$.plans[n]``, and a plan followed naming an aspect twice."""
    broken = attrs.evolve(plan("a", choice("LC")), ends=datetime.date(2026, 10, 1))
    with pytest.raises(AnalysisError) as caught:
        survey(FRAMEWORK, [school("a")], [evaluation_at("a", WEAK)], plans=[broken])
    assert [p.path for p in caught.value.problems] == ["$.plans[0].ends"]
    twice = plan("a", choice("LC"), choice("LC", target=Stage.BUILDING_MOMENTUM))
    with pytest.raises(AnalysisError) as caught:
        survey(FRAMEWORK, [school("a")], [evaluation_at("a", WEAK)], plans=[twice])
    assert [p.path for p in caught.value.problems] == ["$.plans[0].priorities[1].aspects[0]"]


def test_a_snapshot_refuses_another_schools_decisions_and_a_later_record() -> None:
    """Every problem with the plan and record of one school's snapshot is listed with its path."""
    with pytest.raises(AnalysisError) as caught:
        snapshot(
            FRAMEWORK,
            school("a"),
            evaluation_at("a", WEAK),
            as_of=datetime.date(2026, 11, 10),
            plan=plan("b", choice("LC")),
            discussion=record("a", strengths=[StrengthOffer(["XX"], 1)]),
        )
    assert [p.path for p in caught.value.problems] == [
        "$.plan.school",
        "$.discussion.strengths[0].aspects[0]",
        "$.discussion.date",
    ]


def test_a_hand_built_survey_whose_basis_its_snapshots_do_not_bear_out_is_refused() -> None:
    """A basis without its decision, another school's plan or record, a choice on the defaults: nothing is matched."""
    plain = school_at(school("a"), {"PV": 1}, ["PV"])
    chosen_advice = attrs.evolve(plain.recommendation, chosen_by_school=True)
    snapshots = [
        attrs.evolve(plain, basis=DecisionBasis.AGREED, recommendation=chosen_advice),
        attrs.evolve(school_at(school("b"), {}), plan=plan("z", choice("LC")), discussion=record("z")),
        attrs.evolve(school_at(school("c"), {}), recommendation=attrs.evolve(chosen_advice, school="c")),
        attrs.evolve(school_at(school("d"), {}), basis=DecisionBasis.PLAN),
    ]
    problems = survey_problems(FRAMEWORK, survey_of(*snapshots))
    assert [p.path for p in problems] == [
        "$.snapshots[0].basis",
        "$.snapshots[1].plan.school",
        "$.snapshots[1].discussion.school",
        "$.snapshots[2].basis",
        "$.snapshots[3].basis",
        "$.snapshots[3].basis",
    ]
    with pytest.raises(AnalysisError):
        match_schools(FRAMEWORK, survey_of(*snapshots))
    with pytest.raises(AnalysisError):
        roll_up(FRAMEWORK, survey_of(*snapshots))


# --- properties -----------------------------------------------------------------------------------------------

ASPECTS = ("SV", "PV", "FC")
offers = st.lists(
    st.builds(
        StrengthOffer, st.lists(st.sampled_from(ASPECTS), min_size=1, max_size=2, unique=True), st.integers(1, 2)
    ),
    max_size=2,
)


@st.composite
def deciding_surveys(draw: st.DrawFn) -> list[SchoolSnapshot]:
    """Two to five schools in one authority, some with a discussion record offering strengths."""
    snapshots = []
    for number in range(draw(st.integers(2, 5))):
        stages = {a: draw(st.sampled_from([NOT_ENOUGH, 0, 1, 2, 3, 4])) for a in ASPECTS}
        open_aspects = [a for a in ASPECTS if 0 <= stages[a] < 4]
        priorities = draw(st.permutations(open_aspects).map(lambda p: p[:2]))
        record_school = school(f"s{number}", cluster=draw(st.sampled_from(["c1", "c2"])))
        item = school_at(record_school, stages, priorities)
        if draw(st.booleans()):
            item = _offering(item, *draw(offers))
        snapshots.append(item)
    return snapshots


def _brute_force_with_offers(options: MatchOptions, snapshots: list[SchoolSnapshot]) -> int:
    """The best total over every choice of (supporter, offer) per priority, within every capacity."""
    slots = [(p, priority.aspect) for p in snapshots for priority in p.recommendation.priorities]
    choices = []
    for partner, aspect in slots:
        here: list[tuple[str | None, int | None, int]] = [(None, None, 0)]
        for helper in snapshots:
            benefit = allowed_benefit(options, helper, partner, aspect)
            if benefit is None:
                continue
            held = helper.discussion
            if held is None:
                here.append((helper.school.ref, None, benefit))
            else:
                here += [(helper.school.ref, n, benefit) for n, o in enumerate(held.strengths) if aspect in o.aspects]
        choices.append(here)
    assume(math.prod(len(c) for c in choices) <= 5000)
    limits = {
        (s.school.ref, n): o.capacity for s in snapshots if s.discussion for n, o in enumerate(s.discussion.strengths)
    }
    best = 0
    for pick in itertools.product(*choices):
        used: dict[object, int] = {}
        for (partner, _), (supporter, offer, _) in zip(slots, pick, strict=True):
            if supporter is not None:
                for key in (supporter, (supporter, offer), ("partner", partner.school.ref)):
                    used[key] = used.get(key, 0) + 1
        fits = (
            all(used.get(s.school.ref, 0) <= options.capacity for s in snapshots)
            and all(used.get(key, 0) <= limit for key, limit in limits.items())
            and all(used.get(("partner", s.school.ref), 0) <= options.partner_limit for s in snapshots)
        )
        if fits:
            best = max(best, sum(benefit for _, _, benefit in pick))
    return best


@given(deciding_surveys(), st.integers(0, 3), st.integers(1, 2))
def test_with_offers_the_matching_is_still_optimal_and_keeps_every_offer_and_capacity(
    snapshots: list[SchoolSnapshot], capacity: int, partner_limit: int
) -> None:
    """Against brute force over (supporter, offer) choices, the total is the best, and no offer or cap is exceeded."""
    options = MatchOptions(capacity=capacity, partner_limit=partner_limit, min_lead=1)
    result = match_schools(FRAMEWORK, survey_of(*snapshots), options)
    assert result.total_benefit == _brute_force_with_offers(options, snapshots)
    by_ref = {s.school.ref: s for s in snapshots}
    for partnership in result.partnerships:
        held = by_ref[partnership.supporter].discussion
        if held is None:
            assert partnership.offer is None
        else:
            assert partnership.offer is not None
            assert partnership.aspect in held.strengths[partnership.offer].aspects
            through = [
                p for p in result.partnerships if (p.supporter, p.offer) == (partnership.supporter, partnership.offer)
            ]
            assert len(through) <= held.strengths[partnership.offer].capacity
        assert sum(1 for p in result.partnerships if p.supporter == partnership.supporter) <= capacity


@given(st.randoms(use_true_random=True))
def test_offers_only_ever_take_options_away(rng: random.Random) -> None:
    """On 30 schools, the total with offers never exceeds the total with every record set aside."""
    snapshots = []
    for number in range(30):
        stages = {a.code: rng.choice([NOT_ENOUGH, 0, 1, 2, 3, 4]) for a in FRAMEWORK.aspects}
        open_aspects = [code for code, position in stages.items() if 0 <= position < 4]
        record_school = school(f"s{number}", cluster=rng.choice(["c1", "c2", None]), phase=rng.choice(list(Phase)))
        item = school_at(record_school, stages, rng.sample(open_aspects, min(3, len(open_aspects))))
        if rng.random() < 0.5:
            codes = [a.code for a in FRAMEWORK.aspects]
            item = _offering(
                item, *(StrengthOffer(rng.sample(codes, 3), rng.randint(1, 3)) for _ in range(rng.randint(0, 2)))
            )
        snapshots.append(item)
    bare = [attrs.evolve(item, discussion=None) for item in snapshots]
    with_offers = match_schools(FRAMEWORK, survey_of(*snapshots)).total_benefit
    assert with_offers <= match_schools(FRAMEWORK, survey_of(*bare)).total_benefit


def test_the_roll_up_and_the_matching_with_decisions_travel_as_payloads_and_come_back_the_same() -> None:
    """Bases, support needs, chosen counts, offers and unused offers all survive the library's JSON and back."""
    register = [school("weak"), school("strong"), school("other")]
    evaluations = [evaluation_at("weak", WEAK), evaluation_at("strong", STRONG), evaluation_at("other", WEAK)]
    discussions = [
        record(
            "weak",
            agreed=[choice("LC")],
            support=[SupportItem(["LC"], "Coaching", SupportSource.CLUSTER, SupportStatus.AGREED, "North")],
        ),
        record("strong", strengths=[StrengthOffer(["LC", "LW"], 2, "Middle leaders")]),
    ]
    surveyed = survey(FRAMEWORK, register, evaluations, plans=[plan("other", choice("PV"))], discussions=discussions)
    rolled = roll_up(FRAMEWORK, surveyed, by="cluster")
    matched = match_schools(FRAMEWORK, surveyed)
    assert rolled.overall.support
    assert [u.aspect for u in matched.unused_offers] == ["LW"]
    assert [(p.aspect, p.offer) for p in matched.partnerships] == [("LC", 0)]
    assert loads(dumps(rolled), Rollup) == rolled
    assert loads(dumps(matched), Collaboration) == matched


def test_a_plan_written_after_the_discussion_leads_and_an_overdue_review_is_said() -> None:
    """The later decision stands: a plan starting after the discussion leads; a passed next review is said."""
    evaluations = [evaluation_at("a", WEAK)]
    later = plan("a", choice("PV"), starts=datetime.date(2026, 11, 25))
    surveyed = survey(
        FRAMEWORK,
        [school("a")],
        evaluations,
        as_of=datetime.date(2026, 12, 1),
        plans=[later],
        discussions=[record("a", agreed=[choice("LC")])],
    )
    (item,) = surveyed.snapshots
    assert item.basis is DecisionBasis.PLAN
    assert [p.aspect for p in item.recommendation.priorities] == ["PV"]
    assert f"written after its professional discussion of {DISCUSSED}" in item.explain_basis().explanation
    current = plan("a", choice("PV"))
    overdue = survey(
        FRAMEWORK,
        [school("a")],
        evaluations,
        as_of=datetime.date(2027, 9, 1),
        plans=[current],
        discussions=[record("a", agreed=[choice("LC")])],
    )
    (agreed,) = overdue.snapshots
    assert agreed.basis is DecisionBasis.AGREED
    assert agreed.review_due is not None
    assert f"its next review, due {agreed.review_due}, has passed" in agreed.explain_basis().explanation


def test_a_snapshot_carries_what_is_noticed_about_the_priorities_it_follows() -> None:
    """The notices on the school's agreed priorities travel with its snapshot; the priorities are unchanged."""
    agreed = [choice("LC"), choice("SV", target=Stage.STARTING_THE_JOURNEY)]
    item = snapshot(FRAMEWORK, school("a"), evaluation_at("a", WEAK), discussion=record("a", agreed=agreed))
    assert [(n.check, n.aspect) for n in item.notices] == [("target-reached", "SV")]
    assert [p.aspect for p in item.recommendation.priorities] == ["LC", "SV"]


def test_a_snapshot_refuses_a_plan_following_a_self_evaluation_after_its_date() -> None:
    """A snapshot and a survey check the same dates: a plan following a later self-evaluation is refused by both."""
    early = datetime.date(2026, 11, 10)
    late_plan = plan("a", choice("LC"), starts=datetime.date(2026, 11, 15))
    with pytest.raises(AnalysisError) as caught:
        snapshot(FRAMEWORK, school("a"), evaluation_at("a", WEAK), as_of=early, plan=late_plan)
    assert [p.path for p in caught.value.problems] == ["$.plan.self_evaluation_date"]
    with pytest.raises(AnalysisError) as caught:
        survey(FRAMEWORK, [school("a")], [evaluation_at("a", WEAK)], as_of=early, plans=[late_plan])
    assert [p.path for p in caught.value.problems] == ["$.plans[0].self_evaluation_date"]

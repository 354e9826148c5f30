"""The school's own decisions: its chosen priorities, its living plan and its review, the professional discussion."""

import datetime
from typing import Any

import attrs
import pytest
from hypothesis import given, strategies as st

from helpers import FRAMEWORK, evaluation_of
from school_improvement import (
    ActionStanding,
    ActionStatus,
    AnalysisError,
    AspectView,
    ChosenPriority,
    CriterionStatus,
    DevelopmentPlan,
    DiscussionRecord,
    Milestone,
    Participant,
    PlanAction,
    PlanPriority,
    ProgressUpdate,
    Rating,
    ReviewRecord,
    SelfEvaluation,
    Stage,
    StrengthOffer,
    SuccessCriterion,
    SupportItem,
    SupportSource,
    SupportStatus,
    TargetStanding,
    assess,
    check_priorities,
    discussion_problems,
    find_gaps,
    plan_problems,
    recommend,
    record_review,
    review_plan,
    run_cycle,
    targets_of,
    track_progress,
    view_differences,
)
from strategies import self_evaluations

DAY = datetime.date(2026, 11, 1)
BY = datetime.date(2027, 7, 31)
# SV, LW, PV and FC at Starting the journey with open gaps at Making progress; the rest not enough evidence.
EVALUATION = evaluation_of(
    *[(f"SV.1.{n}", Rating.FULLY) for n in range(1, 5)],
    ("SV.2.1", Rating.PARTLY),
    *[(f"LW.1.{n}", Rating.FULLY) for n in range(1, 6)],
    ("PV.1.1", Rating.FULLY),
    ("PV.2.1", Rating.PARTLY),
    ("FC.1.1", Rating.FULLY),
    ("FC.1.2", Rating.FULLY),
    ("FC.2.1", Rating.PARTLY),
    *[(d.code, Rating.NOT_APPLICABLE) for d in FRAMEWORK.descriptors if d.aspect == "CU"],
)
PROFILE = assess(FRAMEWORK, EVALUATION)


def _choice(*aspects: str, target: Stage = Stage.MAKING_PROGRESS, by: datetime.date = BY) -> ChosenPriority:
    """A chosen priority on these aspects, aiming for ``target`` by ``by``."""
    return ChosenPriority(aspects, "The school's reason", target, by)


def _checks(*chosen: ChosenPriority, small_number: int = 3) -> list[tuple[str, str]]:
    """What is noticed about a choice, as (check, path) pairs."""
    return [(n.check, n.path) for n in check_priorities(FRAMEWORK, chosen, PROFILE, small_number=small_number)]


def test_a_sound_choice_draws_no_notice() -> None:
    """Aspects with evidence, targets beyond the stage reached and a date ahead: nothing to notice."""
    assert _checks(_choice("SV"), _choice("PV", "FC")) == []


def test_a_target_at_or_below_the_stage_reached_is_noticed() -> None:
    """A target already reached, or below the stage reached, is noticed with its place."""
    assert _checks(_choice("SV", target=Stage.STARTING_THE_JOURNEY)) == [("target-reached", "$[0].aspects[0]")]
    high = _later(("SV.2.1", Rating.FULLY), ("SV.2.2", Rating.FULLY))
    profile = assess(FRAMEWORK, high)
    notices = check_priorities(FRAMEWORK, [_choice("SV", target=Stage.STARTING_THE_JOURNEY)], profile)
    assert profile.judgement("SV").stage is Stage.MAKING_PROGRESS
    assert [n.check for n in notices] == ["target-below-stage"]


def test_not_enough_evidence_and_not_applicable_are_noticed() -> None:
    """A target on an aspect without enough evidence, or one that does not apply, is noticed, not refused."""
    assert _checks(_choice("LC"), _choice("CU")) == [
        ("not-enough-evidence", "$[0].aspects[0]"),
        ("not-applicable", "$[1].aspects[0]"),
    ]


def test_more_than_a_small_number_is_noticed_at_a_threshold_of_the_callers_choosing() -> None:
    """Four priorities draw the "many priorities" notice at the default of three, none at four."""
    four = [_choice("SV"), _choice("LW"), _choice("PV"), _choice("FC")]
    assert _checks(*four) == [("many-priorities", "$")]
    assert _checks(*four, small_number=4) == []


def test_a_date_not_ahead_is_noticed() -> None:
    """A target date on or before the self-evaluation is noticed with its place."""
    assert _checks(_choice("SV"), _choice("PV", by=DAY)) == [("target-date-passed", "$[1].by")]


def test_an_aspect_in_two_priorities_is_refused_wherever_a_choice_is_read() -> None:
    """An aspect has one target: chosen twice, it is an error in a choice, a plan and a discussion record alike."""
    with pytest.raises(AnalysisError, match=r"\$\[1\]\.aspects\[0\]: SV is in priority 1 already"):
        check_priorities(FRAMEWORK, [_choice("SV"), _choice("SV", "PV")], PROFILE)
    twice = _priority(_plan(), aspects=("PV", "PV"))
    assert "$.priorities[0].aspects[1]" in _paths(twice)
    second = attrs.evolve(_plan().priorities[0], id="P2", actions=(), success_criteria=())
    assert "$.priorities[1].aspects[0]" in _paths(_plan(priorities=(_plan().priorities[0], second)))
    agreed = _record(agreed_priorities=(_choice("PV"), _choice("PV")))
    assert "$.agreed_priorities[1].aspects[0]" in [p.path for p in discussion_problems(FRAMEWORK, agreed)]


def test_a_choice_that_does_not_fit_the_framework_is_refused_with_every_place() -> None:
    """Unknown aspects and national priorities, no aspect, no reason and a threshold below 1 are errors."""
    wrong = [
        ChosenPriority(("XX",), "reason", Stage.MAKING_PROGRESS, BY),
        ChosenPriority((), " ", Stage.MAKING_PROGRESS, BY, national_priority="maths"),
    ]
    with pytest.raises(AnalysisError) as caught:
        check_priorities(FRAMEWORK, wrong, PROFILE, small_number=0)
    assert [p.path for p in caught.value.problems] == [
        "$[0].aspects[0]",
        "$[1].aspects",
        "$[1].reason",
        "$[1].national_priority",
        "$.small_number",
    ]


def test_the_schools_choice_is_never_overridden() -> None:
    """Every chosen priority is kept, in the school's order, past the limit and even when its target is reached."""
    chosen = [_choice("FC"), _choice("SV", target=Stage.STARTING_THE_JOURNEY), _choice("LC"), _choice("PV")]
    gaps = find_gaps(FRAMEWORK, EVALUATION, PROFILE, targets_of(chosen))
    advice = recommend(FRAMEWORK, gaps, chosen=chosen, max_priorities=1)
    assert [(p.rank, p.aspect) for p in advice.priorities] == [(1, "FC"), (2, "SV"), (3, "LC"), (4, "PV")]
    assert [len(p.steps) > 0 for p in advice.priorities] == [True, False, False, True]
    assert advice.gather_evidence[0].aspect == "LC"  # chosen without evidence: gather it first
    assert advice.not_chosen == ("LW",)
    assert advice.chosen_by_school


def test_steps_towards_another_target_than_the_chosen_one_are_refused() -> None:
    """Gaps found to the default targets cannot carry a choice that aims elsewhere: the error says how to mend it."""
    gaps = find_gaps(FRAMEWORK, EVALUATION, PROFILE)
    with pytest.raises(AnalysisError, match=r"\$\.chosen\[0\]\.aspects\[0\]: .*targets_of\(chosen\)"):
        recommend(FRAMEWORK, gaps, chosen=[_choice("SV", target=Stage.BUILDING_MOMENTUM)])


def _plan(**changes: Any) -> DevelopmentPlan:
    """A plan of the school's own, sound unless changed: one priority on PV with two actions and a criterion."""
    priority = PlanPriority(
        "P1",
        "Pupils shape their learning",
        ("PV",),
        "Pupils asked for a say",
        Stage.MAKING_PROGRESS,
        BY,
        national_priority="wellbeing",
        lead="Deputy head",
        cost=1200,
        actions=(
            PlanAction("A1", "Set up a school council", "PV.2.1", "Deputy head", DAY, datetime.date(2026, 12, 1)),
            PlanAction("A2", "Train staff in pupil voice", None, "Head", DAY, datetime.date(2027, 3, 1), cost=300),
        ),
        success_criteria=(SuccessCriterion("S1", "Every class elects two councillors", "PV.2.1"),),
        milestones=(Milestone(datetime.date(2027, 1, 15), "Council meets"),),
        updates=(ProgressUpdate(datetime.date(2026, 12, 20), "Elections held in every class"),),
    )
    plan = DevelopmentPlan("example-school", FRAMEWORK.edition_id, DAY, DAY, datetime.date(2027, 8, 31), (priority,))
    return attrs.evolve(plan, **changes)


def _priority(plan: DevelopmentPlan, **changes: Any) -> DevelopmentPlan:
    """The plan with its first priority changed."""
    return attrs.evolve(plan, priorities=(attrs.evolve(plan.priorities[0], **changes),))


def _action(plan: DevelopmentPlan, place: int, **changes: Any) -> DevelopmentPlan:
    """The plan with one action of its first priority changed."""
    actions = list(plan.priorities[0].actions)
    actions[place] = attrs.evolve(actions[place], **changes)
    return _priority(plan, actions=tuple(actions))


def _paths(plan: DevelopmentPlan) -> list[str]:
    """Where the plan's problems are."""
    return [problem.path for problem in plan_problems(FRAMEWORK, plan)]


def test_a_sound_plan_has_no_problems() -> None:
    """The school's plan, as built above, fits the framework."""
    assert plan_problems(FRAMEWORK, _plan()) == []


@pytest.mark.parametrize(
    ("plan", "path"),
    [
        (_plan(ends=DAY), "$.ends"),
        (_plan(ends=datetime.date(2029, 11, 2)), "$.ends"),
        (_plan(starts=datetime.date(2026, 10, 1)), "$.starts"),
        (_plan(framework_edition="another/1"), "$.framework_edition"),
        (_priority(_plan(), aspects=("XX",)), "$.priorities[0].aspects[0]"),
        (_priority(_plan(), national_priority="maths"), "$.priorities[0].national_priority"),
        (_priority(_plan(), by=datetime.date(2027, 9, 1)), "$.priorities[0].by"),
        (_priority(_plan(), cost=-1), "$.priorities[0].cost"),
        (_priority(_plan(), objective=" "), "$.priorities[0].objective"),
        (_priority(_plan(), contributory_factors=(9,)), "$.priorities[0].contributory_factors[0]"),
        (_action(_plan(), 0, descriptor="PV.9.9"), "$.priorities[0].actions[0].descriptor"),
        (_action(_plan(), 0, due=datetime.date(2026, 10, 1)), "$.priorities[0].actions[0].due"),
        (_action(_plan(), 1, due=datetime.date(2028, 1, 1)), "$.priorities[0].actions[1].due"),
        (_action(_plan(), 0, done_on=DAY), "$.priorities[0].actions[0].done_on"),
        (_action(_plan(), 1, id="A1"), "$.priorities[0].actions[1].id"),
        (_action(_plan(), 1, owner="x" * 201), "$.priorities[0].actions[1].owner"),
        (_action(_plan(), 1, owner=" "), "$.priorities[0].actions[1].owner"),
        (_priority(_plan(), aspects=("PV", "PV")), "$.priorities[0].aspects[1]"),
        (
            _priority(_plan(), milestones=tuple(Milestone(DAY, f"Step {n}") for n in range(201))),
            "$.priorities[0].milestones",
        ),
        (_plan(reviews=(ReviewRecord(BY, "Year end", evidence=("x",) * 201),)), "$.reviews[0].evidence"),
        (
            _priority(_plan(), milestones=(Milestone(datetime.date(2028, 1, 1), "Late"),)),
            "$.priorities[0].milestones[0].date",
        ),
        (
            _priority(_plan(), updates=(ProgressUpdate(BY, "b"), ProgressUpdate(DAY, "a"))),
            "$.priorities[0].updates[1].date",
        ),
        (
            _priority(_plan(), success_criteria=(SuccessCriterion("S1", "x", national_priority="maths"),)),
            "$.priorities[0].success_criteria[0].national_priority",
        ),
        (_plan(reviews=(ReviewRecord(datetime.date(2026, 10, 1), "Early"),)), "$.reviews[0].date"),
        (
            _plan(
                reviews=(
                    ReviewRecord(datetime.date(2027, 1, 1), "Term one", actions=()),
                    ReviewRecord(datetime.date(2027, 1, 1), "Again"),
                )
            ),
            "$.reviews[1].date",
        ),
    ],
)
def test_each_problem_with_a_plan_is_found_at_its_place(plan: DevelopmentPlan, path: str) -> None:
    """Dates in the wrong order, unknown codes, repeated identifiers and bad costs are each found, with the path."""
    assert path in _paths(plan)


def test_a_review_naming_what_the_plan_lacks_is_a_problem() -> None:
    """A review record may name only the plan's own actions, criteria and targets."""
    plan = _plan()
    record = record_review(plan, review_plan(FRAMEWORK, plan, datetime.date(2027, 1, 10)), "Term one")
    wrong = attrs.evolve(record.reviews[0], actions=(attrs.evolve(record.reviews[0].actions[0], action="A9"),))
    assert _paths(attrs.evolve(record, reviews=(wrong,))) == ["$.reviews[0].actions[0].action"]


def test_the_review_says_what_is_due_overdue_done_and_dropped() -> None:
    """Overdue after the due date, due within the window, done and dropped as recorded, with days overdue."""
    plan = _action(_plan(), 1, due=datetime.date(2027, 1, 20))
    review = review_plan(FRAMEWORK, plan, datetime.date(2027, 1, 5))
    assert [(a.action, a.standing, a.days) for a in review.actions] == [
        ("A1", ActionStanding.OVERDUE, 35),
        ("A2", ActionStanding.DUE, -15),
    ]
    assert review_plan(FRAMEWORK, plan, datetime.date(2027, 1, 5), due_within_days=7).actions[1].standing is (
        ActionStanding.NOT_DUE
    )
    done = _action(_action(plan, 0, status=ActionStatus.DONE, done_on=DAY), 1, status=ActionStatus.DROPPED, due=None)
    assert [a.standing for a in review_plan(FRAMEWORK, done, datetime.date(2027, 1, 5)).actions] == [
        ActionStanding.DONE,
        ActionStanding.DROPPED,
    ]
    undated = _action(plan, 1, due=None)
    assert review_plan(FRAMEWORK, undated, datetime.date(2027, 1, 5)).actions[1].standing is ActionStanding.NO_DUE_DATE
    assert [a.action for a in review.overdue] == ["A1"]
    assert [a.action for a in review.due] == ["A2"]


def _later(*changed: tuple[str, Rating], date: datetime.date = datetime.date(2027, 3, 1)) -> SelfEvaluation:
    """The self-evaluation above, redone later with these ratings given or changed."""
    ratings = {rating.descriptor: rating for rating in EVALUATION.ratings}
    ratings.update({rating.descriptor: rating for rating in evaluation_of(*changed).ratings})
    return attrs.evolve(EVALUATION, date=date, ratings=tuple(ratings.values()))


def test_each_target_is_reached_on_track_or_behind_by_the_stage_and_the_date() -> None:
    """Reached from the stage; behind when its date has passed or an action is overdue; otherwise on track."""
    plan = _action(_plan(), 0, status=ActionStatus.DONE, done_on=datetime.date(2026, 11, 30))
    plan = _action(plan, 1, due=datetime.date(2027, 6, 1))
    reached = _later(("PV.2.1", Rating.FULLY))
    review = review_plan(FRAMEWORK, plan, datetime.date(2027, 3, 2), reached)
    assert PROFILE.judgement("PV").stage is Stage.STARTING_THE_JOURNEY
    assert [(t.standing, t.stage) for t in review.targets] == [(TargetStanding.REACHED, Stage.MAKING_PROGRESS)]
    assert review_plan(FRAMEWORK, plan, datetime.date(2027, 3, 2), _later()).targets[0].standing is (
        TargetStanding.ON_TRACK
    )
    late = review_plan(FRAMEWORK, plan, datetime.date(2027, 8, 1), _later())
    assert late.targets[0].standing is TargetStanding.BEHIND
    assert "was due by 2027-07-31" in late.targets[0].explanation
    overdue = review_plan(FRAMEWORK, _plan(), datetime.date(2027, 3, 2), _later())
    assert overdue.targets[0].standing is TargetStanding.BEHIND
    assert "actions are overdue" in overdue.targets[0].explanation
    assert review_plan(FRAMEWORK, plan, datetime.date(2027, 3, 2)).targets[0].standing is (
        TargetStanding.NO_SELF_EVALUATION
    )
    short = review_plan(FRAMEWORK, _priority(plan, aspects=("LC",)), datetime.date(2027, 3, 2), _later())
    assert short.targets[0].standing is TargetStanding.NOT_ENOUGH_EVIDENCE


def test_a_recorded_review_is_what_the_next_one_counts_changes_from() -> None:
    """After a review is recorded, the next lists each status that moved and each item added since."""
    plan = _plan()
    first = review_plan(FRAMEWORK, plan, datetime.date(2027, 1, 10), _later(date=datetime.date(2027, 1, 5)))
    assert first.changes == ()
    assert first.last_review is None
    recorded = record_review(plan, first, "Term one: the council is set up late", ["Minutes of the council"])
    assert recorded.reviews[0].evidence == ("Minutes of the council",)
    assert plan_problems(FRAMEWORK, recorded) == []
    moved = _action(recorded, 0, status=ActionStatus.DONE, done_on=datetime.date(2027, 1, 20))
    moved = _action(moved, 1, status=ActionStatus.IN_PROGRESS, due=datetime.date(2027, 6, 1))
    criteria = (attrs.evolve(moved.priorities[0].success_criteria[0], status=CriterionStatus.PARTIALLY_MET),)
    moved = _priority(moved, success_criteria=criteria)
    second = review_plan(FRAMEWORK, moved, datetime.date(2027, 4, 10), _later())
    assert second.last_review == datetime.date(2027, 1, 10)
    assert [(c.item, c.id, c.before, c.after) for c in second.changes] == [
        ("action", "A1", "not-started", "done"),
        ("action", "A2", "not-started", "in-progress"),
        ("criterion", "S1", "not-started", "partially-met"),
        ("target", "P1/PV", "behind", "on-track"),
    ]
    with pytest.raises(AnalysisError, match=r"\$\.review\.date: .* is not after the last review"):
        record_review(recorded, first, "Again")
    with pytest.raises(AnalysisError, match=r"\$\.summary"):
        record_review(plan, first, " ")


def test_the_review_refuses_another_schools_or_a_later_self_evaluation() -> None:
    """A self-evaluation of another school, or dated after the review, is an error with its path; so is a bad plan."""
    with pytest.raises(AnalysisError) as caught:
        review_plan(FRAMEWORK, _plan(ends=DAY), DAY, attrs.evolve(EVALUATION, school="other", date=BY))
    assert [p.path for p in caught.value.problems] == ["$.ends", "$.evaluation.school", "$.evaluation.date"]


@given(self_evaluations(aspects=("PV",)), st.sampled_from(list(Stage)))
def test_the_review_and_progress_over_time_agree_on_what_reached_means(
    evaluation: SelfEvaluation, target: Stage
) -> None:
    """A target is reached in the review exactly when progress over time shows the aspect at or past it."""
    start = evaluation.date
    plan = DevelopmentPlan(
        evaluation.school,
        FRAMEWORK.edition_id,
        start,
        start,
        start + datetime.timedelta(days=365),
        (PlanPriority("P1", "Pupil voice", ("PV",), "Chosen", target, start + datetime.timedelta(days=300)),),
    )
    review = review_plan(FRAMEWORK, plan, start, evaluation)
    progress = track_progress(FRAMEWORK, [evaluation])
    latest = progress.aspects[FRAMEWORK_PLACE["PV"]]
    stage, status = latest.stages[-1], latest.statuses[-1]
    reached = status.judged and stage is not None and stage >= target
    assert (review.targets[0].standing is TargetStanding.REACHED) == reached == progress.reached("PV", target)


FRAMEWORK_PLACE = {aspect.code: n for n, aspect in enumerate(FRAMEWORK.aspects)}


def test_the_cycle_with_the_schools_plan_reviews_it() -> None:
    """Given the school's plan, the cycle keeps it, follows its targets and reviews it at the date given."""
    plan = _plan()
    cycle = run_cycle(FRAMEWORK, EVALUATION, plan=plan, as_of=datetime.date(2027, 1, 5))
    assert cycle.plan is plan
    assert not cycle.drafted
    assert cycle.review is not None
    assert cycle.review.date == datetime.date(2027, 1, 5)
    assert [p.aspect for p in cycle.recommendation.priorities] == ["PV"]
    assert cycle.gaps.gap("PV").horizon == BY
    with pytest.raises(AnalysisError, match=r"\$\.plan\.school"):
        run_cycle(FRAMEWORK, attrs.evolve(EVALUATION, school="other"), plan=plan)


def _record(**changes: Any) -> DiscussionRecord:
    """A discussion record, sound unless changed."""
    record = DiscussionRecord(
        "example-school",
        FRAMEWORK.edition_id,
        datetime.date(2026, 11, 20),
        (Participant("Headteacher", "the school"), Participant("Improvement officer", "the local authority")),
        (ChosenPriority(("PV",), "Agreed: pupil voice first", Stage.MAKING_PROGRESS, BY, "wellbeing"),),
        (
            AspectView("PV", Stage.STARTING_THE_JOURNEY, Stage.STARTING_THE_JOURNEY),
            AspectView("SV", Stage.MAKING_PROGRESS, Stage.STARTING_THE_JOURNEY, "Vision not yet shared with parents"),
        ),
        (
            SupportItem(
                ("PV",),
                "Visits to a school with a strong council",
                SupportSource.ANOTHER_SCHOOL,
                SupportStatus.AGREED,
                "w-101",
            ),
            SupportItem(
                ("SV",), "Coaching for the head", SupportSource.NATIONAL_PROFESSIONAL_LEARNING, SupportStatus.REQUESTED
            ),
        ),
        (StrengthOffer(("FC",), 2, "Family learning sessions"),),
        datetime.date(2027, 3, 20),
    )
    return attrs.evolve(record, **changes)


def test_a_sound_discussion_record_has_no_problems() -> None:
    """The record above fits the framework."""
    assert discussion_problems(FRAMEWORK, _record()) == []


@pytest.mark.parametrize(
    ("record", "path"),
    [
        (_record(participants=()), "$.participants"),
        (_record(next_review=datetime.date(2026, 11, 20)), "$.next_review"),
        (_record(framework_edition="another/1"), "$.framework_edition"),
        (_record(agreed_priorities=(_choice("XX"),)), "$.agreed_priorities[0].aspects[0]"),
        (_record(agreed_priorities=(_choice("PV", by=DAY),)), "$.agreed_priorities[0].by"),
        (_record(views=(AspectView("PV", None, None), AspectView("PV", None, None))), "$.views[1].aspect"),
        (
            _record(support=(SupportItem((), "x", SupportSource.OTHER, SupportStatus.REQUESTED),)),
            "$.support[0].aspects",
        ),
        (_record(strengths=(StrengthOffer(("FC",), 0),)), "$.strengths[0].capacity"),
        (_record(strengths=(StrengthOffer(("ZZ",), 1),)), "$.strengths[0].aspects[0]"),
        (_record(notes=""), "$.notes"),
    ],
)
def test_each_problem_with_a_discussion_record_is_found_at_its_place(record: DiscussionRecord, path: str) -> None:
    """No one taking part, a next review not after the meeting, unknown codes and a capacity below 1 are found."""
    assert path in [problem.path for problem in discussion_problems(FRAMEWORK, record)]


def test_the_two_views_of_an_aspect_are_both_kept_and_their_difference_explained() -> None:
    """Moderation lists each difference with both views and, given the profile, what the evidence gives."""
    differences = view_differences(FRAMEWORK, _record(), PROFILE)
    assert [(d.aspect, d.school_stage, d.local_authority_stage, d.evidence_stage) for d in differences] == [
        ("SV", Stage.MAKING_PROGRESS, Stage.STARTING_THE_JOURNEY, Stage.STARTING_THE_JOURNEY)
    ]
    assert differences[0].explanation == (
        "Strategic vision: the school sees Making progress, the local authority Starting the journey (one stage "
        "lower); the evidence gives Starting the journey by the cumulative rule. Said: Vision not yet shared with "
        "parents."
    )
    assert _record().offered_capacity == {"FC": 2}


def test_offers_naming_one_aspect_add_up_as_the_matching_counts_them() -> None:
    """Two offers that both name an aspect offer their capacities added, each within its own."""
    record = _record(strengths=(StrengthOffer(("FC",), 2), StrengthOffer(("FC", "PV"), 1)))
    assert record.offered_capacity == {"FC": 3, "PV": 1}


def test_moderation_refuses_a_profile_of_another_school_or_a_later_day() -> None:
    """The evidence beside the two views must be the school's own, from before the discussion."""
    with pytest.raises(AnalysisError) as caught:
        view_differences(FRAMEWORK, _record(), assess(FRAMEWORK, attrs.evolve(EVALUATION, school="other", date=BY)))
    assert [p.path for p in caught.value.problems] == ["$.profile.school", "$.profile.date"]


def test_a_target_judged_at_only_one_review_is_not_counted_as_changed() -> None:
    """A review without a self-evaluation after one with it reports no change in the targets."""
    judged = review_plan(FRAMEWORK, _plan(), datetime.date(2027, 1, 10), _later(date=datetime.date(2027, 1, 5)))
    plan = record_review(_plan(), judged, "Term one")
    unjudged = review_plan(FRAMEWORK, plan, datetime.date(2027, 4, 10))
    assert [c.item for c in unjudged.changes] == []


def test_updates_outside_the_plans_years_are_a_problem() -> None:
    """A progress update dated before the plan starts is found, with its place."""
    early = _priority(_plan(), updates=(ProgressUpdate(datetime.date(2026, 1, 1), "Before the plan"),))
    assert "$.priorities[0].updates[0].date" in _paths(early)


def test_the_cycle_carries_what_it_notices_about_the_choice() -> None:
    """run_cycle with a choice keeps check_priorities' notices beside the unchanged choice; without one, none."""
    chosen = [_choice("LC"), _choice("SV", target=Stage.STARTING_THE_JOURNEY)]
    cycle = run_cycle(FRAMEWORK, EVALUATION, chosen=chosen)
    assert [(n.check, n.path) for n in cycle.notices] == [
        ("not-enough-evidence", "$[0].aspects[0]"),
        ("target-reached", "$[1].aspects[0]"),
    ]
    assert [p.aspect for p in cycle.recommendation.priorities] == ["LC", "SV"]
    assert run_cycle(FRAMEWORK, EVALUATION).notices == ()

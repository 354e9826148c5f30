"""The register, the survey and the roll-ups: counts that add up, no hidden average, clear errors."""

import datetime

import pytest
from hypothesis import given, strategies as st

from helpers import EVALUATION_DATE, FRAMEWORK, evaluation_of
from local_authority import NOT_ENOUGH, school, school_at, survey_of
from school_improvement import (
    AnalysisError,
    Grouping,
    PayloadError,
    Phase,
    Rating,
    SchoolSnapshot,
    Stage,
    read_school_register,
    roll_up,
    survey,
)

HEADER = "ref,name,local_authority,cluster,phase,medium\n"


def test_a_register_is_read_with_its_phases_and_media_in_the_words_people_write() -> None:
    """Phases and media are read from their values or their words, in any case; a blank cluster is none."""
    text = HEADER + "a,Ysgol Ŵy,Example,North,Pupil referral unit,Welsh-medium\nb,B School,Example,,ALL AGE,bilingual\n"
    first, second = read_school_register(text.encode("utf-8-sig"))
    assert (first.name, first.phase, first.medium.value) == ("Ysgol Ŵy", Phase.PUPIL_REFERRAL_UNIT, "welsh")
    assert (second.cluster, second.phase) == (None, Phase.ALL_AGE)


def test_a_register_lists_every_problem_by_row_and_column_and_loads_nothing() -> None:
    """A missing name, an unknown phase and medium, and a repeated reference are all reported at once."""
    text = HEADER + "a,,Example,North,college,english\nb,B,Example,,primary,klingon\na,A again,Example,,college,welsh\n"
    with pytest.raises(PayloadError) as caught:
        read_school_register(text, name="schools.csv")
    assert [p.path for p in caught.value.problems] == [
        "row 2, column name",
        "row 2, column phase",
        "row 3, column medium",
        "row 4, column ref",
        "row 4, column phase",
    ]
    assert "'a' is listed again (first in row 2)" in str(caught.value)


def test_a_register_without_the_columns_says_which_are_missing() -> None:
    """The header is checked before any row."""
    with pytest.raises(PayloadError, match="lacks the column"):
        read_school_register("ref,name\na,A\n")


TWO_RATED: tuple[tuple[str, Rating], ...] = (("LW.1.1", Rating.FULLY), ("LW.1.2", Rating.FULLY))
"""Two evidenced ratings in Improving standards: enough to judge the aspect."""


def test_a_survey_takes_each_school_at_its_latest_self_evaluation_and_lists_those_without_one() -> None:
    """The later of two self-evaluations is used; a school with none is named, not counted."""
    earlier = evaluation_of(school="a", date=datetime.date(2025, 11, 1))
    result = survey(FRAMEWORK, [school("a"), school("b")], [evaluation_of(*TWO_RATED, school="a"), earlier])
    (only,) = result.snapshots
    assert (only.school.ref, only.profile.date) == ("a", EVALUATION_DATE)
    assert only.profile.judgement("LW").shortfall is None  # its two ratings are there: the later one was used
    assert result.without_self_evaluation == ("b",)


def test_a_survey_refuses_unknown_schools_repeated_schools_and_two_self_evaluations_on_one_date() -> None:
    """Every problem is listed with where it is; nothing is surveyed."""
    with pytest.raises(AnalysisError) as caught:
        survey(
            FRAMEWORK,
            [school("a"), school("a")],
            [
                evaluation_of(*TWO_RATED, school="a"),
                evaluation_of(*TWO_RATED, school="a"),
                evaluation_of(*TWO_RATED, school="z"),
            ],
        )
    assert [p.path for p in caught.value.problems] == [
        "$.schools[1].ref",
        "$.evaluations[1].date",
        "$.evaluations[2].school",
    ]


stage_positions = st.sampled_from([NOT_ENOUGH, 0, 1, 2, 3, 4])


@st.composite
def snapshots(draw: st.DrawFn) -> list[SchoolSnapshot]:
    """Up to twelve schools in two authorities with random stages in three aspects."""
    count = draw(st.integers(0, 12))
    return [
        school_at(
            school(f"s{n}", authority=draw(st.sampled_from(["A", "B"])), phase=draw(st.sampled_from(list(Phase)))),
            {aspect: draw(stage_positions) for aspect in ("SV", "PV", "FC")},
        )
        for n in range(count)
    ]


@given(snapshots(), st.sampled_from(list(Stage)), st.sampled_from([0.0, 0.5, 0.75]))
def test_every_school_is_counted_once_per_aspect_and_a_system_priority_is_a_majority_at_the_early_stages(
    schools: list[SchoolSnapshot], early_up_to: Stage, majority: float
) -> None:
    """Counts add up to the schools; an aspect is a system priority exactly when its early share passes the bar."""
    result = roll_up(FRAMEWORK, survey_of(*schools), early_up_to=early_up_to, majority=majority)
    priorities = {p.aspect: p for p in result.overall.system_priorities}
    for spread in result.overall.spreads:
        stages = {count.stage: count.schools for count in spread.stages}
        assert spread.not_enough_evidence + spread.no_stage_yet + sum(stages.values()) == spread.schools == len(schools)
        assert spread.judged == spread.schools - spread.not_enough_evidence
        assert spread.early == spread.no_stage_yet + sum(n for stage, n in stages.items() if stage <= early_up_to)
        assert spread.mean_position is None
        is_priority = spread.judged > 0 and spread.early / spread.judged > majority
        assert (spread.aspect in priorities) == is_priority
    shares = [p.share for p in result.overall.system_priorities]
    assert shares == sorted(shares, reverse=True)


@given(snapshots(), st.sampled_from(list(Grouping)))
def test_groups_share_out_the_schools_and_their_counts(schools: list[SchoolSnapshot], by: Grouping) -> None:
    """Each school is in exactly one group, and the groups' counts add up to the overall counts."""
    result = roll_up(FRAMEWORK, survey_of(*schools), by=by)
    members = [ref for group in result.groups for ref in group.schools]
    assert sorted(members) == sorted(s.school.ref for s in schools)
    for place, spread in enumerate(result.overall.spreads):
        assert sum(g.spreads[place].not_enough_evidence for g in result.groups) == spread.not_enough_evidence
        assert sum(g.spreads[place].early for g in result.groups) == spread.early


def test_an_average_is_given_only_when_asked_for_and_only_over_judged_schools() -> None:
    """No stage yet counts 0; not enough evidence is left out of the mean, and said in its own count."""
    schools = [school_at(school(f"s{n}"), {"PV": position}) for n, position in enumerate([0, 2, 4, NOT_ENOUGH])]
    spread = roll_up(FRAMEWORK, survey_of(*schools), averages=True).overall.spread("PV")
    assert spread.mean_position == 2.0
    assert spread.not_enough_evidence == 1
    assert roll_up(FRAMEWORK, survey_of(*schools)).overall.spread("PV").mean_position is None


def test_a_system_priority_explains_its_share_and_names_the_schools_without_enough_evidence() -> None:
    """Two of three judged schools are early; the fourth's missing evidence is said beside the share."""
    schools = [school_at(school(f"s{n}"), {"PV": position}) for n, position in enumerate([0, 1, 4, NOT_ENOUGH])]
    priorities = roll_up(FRAMEWORK, survey_of(*schools)).overall.system_priorities
    (priority,) = [p for p in priorities if p.aspect == "PV"]
    assert (priority.aspect, priority.early, priority.judged) == ("PV", 2, 3)
    assert priority.explanation == (
        "Using pupil voice: 2 of the 3 schools with enough evidence (67%) have no stage yet or are at Making "
        "progress or before; 1 more has not enough evidence to judge."
    )


def test_shared_next_steps_are_the_descriptors_most_schools_are_recommended() -> None:
    """Counted from the schools' own recommendations, the most shared first, never a step only one school has."""
    evaluations = []
    for n, ratings in enumerate(["PPFF", "PFPF", "FPPF", "PPPP"]):
        codes = ("LW.1.1", "LW.1.2", "LW.1.3", "LW.1.4")
        rated = [(code, Rating.PARTLY if r == "P" else Rating.FULLY) for code, r in zip(codes, ratings, strict=True)]
        evaluations.append(evaluation_of(*rated, school=f"s{n}"))
    surveyed = survey(FRAMEWORK, [school(f"s{n}") for n in range(4)], evaluations)
    counts: dict[str, int] = {}
    for item in surveyed.snapshots:
        for code in {s.descriptor for p in item.recommendation.priorities for s in p.steps}:
            counts[code] = counts.get(code, 0) + 1
    shared = roll_up(FRAMEWORK, surveyed, shared_steps=2).overall.shared_steps
    assert [(s.descriptor, s.schools) for s in shared] == [("LW.1.1", 3), ("LW.1.2", 3)]
    assert all(counts[s.descriptor] == s.schools and s.share == s.schools / 4 for s in shared)
    assert max(n for code, n in counts.items() if code not in {s.descriptor for s in shared}) <= shared[-1].schools


@pytest.mark.parametrize(
    ("options", "path"),
    [
        ({"by": "county"}, "$.by"),
        ({"majority": 1.0}, "$.majority"),
        ({"shared_steps": -1}, "$.shared_steps"),
    ],
)
def test_options_out_of_range_are_refused_with_their_names(options: dict[str, object], path: str) -> None:
    """A grouping that does not exist, or a bar that cannot be passed, is an AnalysisError naming the option."""
    with pytest.raises(AnalysisError) as caught:
        roll_up(FRAMEWORK, survey_of(), **options)  # type: ignore[arg-type]
    assert [p.path for p in caught.value.problems] == [path]


def test_a_cluster_group_is_named_with_its_local_authority() -> None:
    """Two authorities may each have a cluster called North: they are different groups."""
    schools = [
        school_at(school("a", authority="A", cluster="North"), {}),
        school_at(school("b", authority="B", cluster="North"), {}),
        school_at(school("c", authority="B", cluster=None), {}),
    ]
    result = roll_up(FRAMEWORK, survey_of(*schools), by="cluster")
    assert [g.group for g in result.groups] == ["A / North", "B / (no cluster)", "B / North"]

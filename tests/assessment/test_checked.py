"""The checked self-evaluation: checked once at the boundary, and read, not re-checked, by every later step."""

import datetime
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given

from helpers import FRAMEWORK, evaluation_of
from local_authority import school
from school_improvement import (
    CheckedSelfEvaluation,
    Descriptor,
    Evidence,
    EvidenceKind,
    Framework,
    Rating,
    SelfEvaluation,
    SelfEvaluationError,
    UnknownCodeError,
    assess,
    check_evidence,
    check_self_evaluation,
    find_gaps,
    run_cycle,
    snapshot,
    survey,
    track_progress,
)
from strategies import self_evaluations

# Open gaps in PV and FC, a not-applicable descriptor, a rating without evidence, and a later stage rated above
# an earlier one: every step has something to find.
MIXED = evaluation_of(
    ("PV.1.1", Rating.FULLY),
    ("PV.2.1", Rating.PARTLY),
    ("PV.3.1", Rating.FULLY),
    ("FC.1.1", Rating.NOT_APPLICABLE, ()),
    ("FC.1.2", Rating.FULLY),
    ("FC.2.1", Rating.PARTLY),
    ("LW.1.1", Rating.MOSTLY, ()),
    ("LW.1.2", Rating.MOSTLY),
)


def test_check_self_evaluation_returns_the_checked_form_with_its_indexes() -> None:
    """The checked form keeps the self-evaluation and indexes its ratings, aspects and not-applicable descriptors."""
    checked = check_self_evaluation(FRAMEWORK, MIXED)
    assert type(checked) is CheckedSelfEvaluation
    assert checked.evaluation is MIXED
    assert checked.framework is FRAMEWORK
    assert (checked.school, checked.date, checked.framework_edition) == (
        "example-school",
        MIXED.date,
        FRAMEWORK.edition_id,
    )
    assert dict(checked.ratings) == {rating.descriptor: rating for rating in MIXED.ratings}
    assert list(checked.aspects) == [aspect.code for aspect in FRAMEWORK.aspects]
    assert checked.not_applicable == ("FC.1.1",)
    assert checked.met(Rating.MOSTLY) == {"PV.1.1", "PV.3.1", "FC.1.2", "LW.1.2"}
    assert checked.met(Rating.PARTLY) == {"PV.1.1", "PV.2.1", "PV.3.1", "FC.1.2", "FC.2.1", "LW.1.2"}
    assert checked.aspect("PV") is checked.aspects["PV"]
    assert (checked.aspect("PV").rated, checked.aspect("LW").rated, checked.aspect("SV").rated) == (3, 1, 0)
    with pytest.raises(UnknownCodeError, match="no aspect with code 'XX'"):
        checked.aspect("XX")


def test_the_checked_form_cannot_be_built_by_calling_the_class() -> None:
    """CheckedSelfEvaluation takes no constructor arguments: only check_self_evaluation makes one."""
    with pytest.raises(TypeError):
        CheckedSelfEvaluation(FRAMEWORK, MIXED)  # type: ignore[call-arg]  # (what the test shows is refused)
    with pytest.raises(TypeError):
        CheckedSelfEvaluation(framework=FRAMEWORK, evaluation=MIXED)  # type: ignore[call-arg]  # (as above)


_LATE = (Evidence(EvidenceKind.DATA, datetime.date(2027, 1, 1)),)
BAD = evaluation_of(("PV.1.1", Rating.FULLY), ("PV.9.1", Rating.FULLY), ("PV.2.1", Rating.FULLY, _LATE))
"""Unknown PV.9.1, and evidence dated after the self-evaluation."""
GOOD_PROFILE = assess(FRAMEWORK, evaluation_of(("PV.1.1", Rating.FULLY)))
"""A profile of the same school and date, for find_gaps to be given with the bad self-evaluation."""

_EVERY_ENTRY: dict[str, Callable[[SelfEvaluation], object]] = {
    "check_self_evaluation": lambda e: check_self_evaluation(FRAMEWORK, e),
    "assess": lambda e: assess(FRAMEWORK, e),
    "check_evidence": lambda e: check_evidence(FRAMEWORK, e),
    "find_gaps": lambda e: find_gaps(FRAMEWORK, e, GOOD_PROFILE),
    "track_progress": lambda e: track_progress(FRAMEWORK, [e]),
    "run_cycle": lambda e: run_cycle(FRAMEWORK, e),
    "snapshot": lambda e: snapshot(FRAMEWORK, school("example-school"), e),
    "survey": lambda e: survey(FRAMEWORK, [school("example-school")], [e]),
}


@pytest.mark.parametrize("entry", list(_EVERY_ENTRY))
def test_every_public_function_still_refuses_a_bad_self_evaluation(entry: str) -> None:
    """Each function that takes a self-evaluation raises SelfEvaluationError, naming every problem, on a bad one."""
    with pytest.raises(SelfEvaluationError) as raised:
        _EVERY_ENTRY[entry](BAD)
    assert [problem.path for problem in raised.value.problems] == [
        "$.ratings[1].descriptor",
        "$.ratings[2].evidence[0].date",
    ]


@given(self_evaluations())
def test_the_checked_form_gives_the_same_results_as_the_self_evaluation(evaluation: SelfEvaluation) -> None:
    """Assessment, evidence checks, gaps and progress are equal whether given the checked form or the plain one."""
    checked = check_self_evaluation(FRAMEWORK, evaluation)
    later = attrs.evolve(evaluation, date=evaluation.date + datetime.timedelta(days=90))
    for rule in ("cumulative", "best-fit"):
        assert assess(FRAMEWORK, checked, rule) == assess(FRAMEWORK, evaluation, rule)
    assert check_evidence(FRAMEWORK, checked, max_age_days=200) == check_evidence(
        FRAMEWORK, evaluation, max_age_days=200
    )
    profile = assess(FRAMEWORK, evaluation)
    assert find_gaps(FRAMEWORK, checked, profile) == find_gaps(FRAMEWORK, evaluation, profile)
    series = [checked, check_self_evaluation(FRAMEWORK, later)]
    assert track_progress(FRAMEWORK, series) == track_progress(FRAMEWORK, [evaluation, later])


@pytest.fixture
def descriptor_lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The codes ``Framework.descriptor`` is asked for from now on, in order."""
    calls: list[str] = []
    original = Framework.descriptor

    def counted(self: Framework, code: str) -> Descriptor:
        calls.append(code)
        return original(self, code)

    monkeypatch.setattr(Framework, "descriptor", counted)
    return calls


_STEPS: dict[str, Callable[[CheckedSelfEvaluation], object]] = {
    "assess": lambda c: assess(FRAMEWORK, c),
    "check_evidence": lambda c: check_evidence(FRAMEWORK, c),
    "find_gaps": lambda c: find_gaps(FRAMEWORK, c, assess(FRAMEWORK, c)),
}


@pytest.mark.parametrize("step", list(_STEPS))
def test_no_step_looks_descriptors_up_again_on_the_checked_form(step: str, descriptor_lookups: list[str]) -> None:
    """Given the checked form, assessment, the evidence checks and the gaps read its indexes, not the framework's."""
    checked = check_self_evaluation(FRAMEWORK, MIXED)
    descriptor_lookups.clear()  # only the step is measured, not the check
    _STEPS[step](checked)
    assert descriptor_lookups == []
    FRAMEWORK.descriptor("PV.1.1")
    assert descriptor_lookups == ["PV.1.1"]  # the counter counts


def test_calling_the_class_without_arguments_is_refused() -> None:
    """Not even an empty CheckedSelfEvaluation comes from calling the class: having one is proof of a check."""
    with pytest.raises(TypeError, match="made only by check_self_evaluation"):
        CheckedSelfEvaluation()

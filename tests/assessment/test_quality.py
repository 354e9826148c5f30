"""The evidence-quality checks find what a careful reviewer would question."""

import datetime

import pytest

from helpers import FRAMEWORK, Rated, evaluation_of
from school_improvement import (
    Evidence,
    EvidenceKind,
    Finding,
    Rating,
    SelfEvaluationError,
    Severity,
    Stage,
    check_evidence,
)

UNEVIDENCED = ("unevidenced-aspects", None, None)
"""The whole-evaluation finding that some aspects have no rating resting on evidence."""


def _evidence(*kinds: EvidenceKind, on: datetime.date = datetime.date(2026, 10, 1)) -> tuple[Evidence, ...]:
    return tuple(Evidence(kind, on) for kind in kinds)


def _check(*ratings: Rated, max_age_days: int = 365) -> tuple[Finding, ...]:
    return check_evidence(FRAMEWORK, evaluation_of(*ratings), max_age_days=max_age_days)


def _checks(findings: tuple[Finding, ...]) -> list[tuple[str, str | None, str | None]]:
    return [(f.check, f.aspect, f.descriptor) for f in findings]


def test_well_evidenced_ratings_raise_nothing() -> None:
    """Recent, triangulated evidence with learner voice and consistent ratings raises nothing but unrated aspects."""
    evidence = _evidence(EvidenceKind.LEARNER_VOICE, EvidenceKind.LESSON_OBSERVATION)
    findings = _check(
        ("PV.1.1", Rating.FULLY, evidence),
        ("PV.2.1", Rating.MOSTLY, evidence),
    )
    assert _checks(findings) == [UNEVIDENCED]
    first_stage = [
        (descriptor.code, Rating.FULLY, evidence)
        for descriptor in FRAMEWORK.descriptors
        if descriptor.stage is Stage.STARTING_THE_JOURNEY
    ]
    assert _check(*first_stage) == ()


def test_single_source() -> None:
    """An aspect whose ratings all rest on one kind of source is reported."""
    findings = _check(
        ("PV.1.1", Rating.FULLY, _evidence(EvidenceKind.LEARNER_VOICE)),
        ("PV.2.1", Rating.FULLY, _evidence(EvidenceKind.LEARNER_VOICE)),
    )
    assert _checks(findings) == [UNEVIDENCED, ("single-source", "PV", None)]
    assert findings[1].severity is Severity.WARNING
    assert "one kind of evidence (learner voice)" in findings[1].message


def test_data_only_and_no_learner_voice() -> None:
    """Data-only evidence is reported as such, and so is the absence of learner voice anywhere."""
    findings = _check(("LW.1.1", Rating.MOSTLY, _evidence(EvidenceKind.DATA)))
    assert _checks(findings) == [
        ("no-learner-voice", None, None),
        UNEVIDENCED,
        ("unrated", "LW", None),
        ("data-only", "LW", None),
    ]


def test_stale_evidence() -> None:
    """Evidence older than the configured age, at the self-evaluation's date, is reported."""
    old = _evidence(EvidenceKind.LEARNER_VOICE, EvidenceKind.DATA, on=datetime.date(2025, 6, 1))
    findings = _check(("PV.1.1", Rating.FULLY, old))
    assert _checks(findings) == [UNEVIDENCED, ("stale-evidence", "PV", "PV.1.1")]
    assert findings[1].message == (
        "PV.1.1: 2 of 2 pieces of evidence are more than 365 days old at 2026-11-01 (the oldest from 2025-06-01)."
    )
    assert _checks(_check(("PV.1.1", Rating.FULLY, old), max_age_days=600)) == [UNEVIDENCED]


def test_ratings_without_evidence() -> None:
    """A rating with no evidence is reported, and said to count as not rated."""
    findings = _check(
        ("PV.1.1", Rating.FULLY, _evidence(EvidenceKind.LEARNER_VOICE, EvidenceKind.DATA)),
        ("PV.2.1", Rating.FULLY, ()),
    )
    assert _checks(findings) == [UNEVIDENCED, ("no-evidence", "PV", "PV.2.1")]
    assert "counts as not rated" in findings[1].message


def test_not_applicable_needs_no_evidence() -> None:
    """Marking a descriptor not applicable is not a rating without evidence."""
    evidence = _evidence(EvidenceKind.LEARNER_VOICE, EvidenceKind.DATA)
    findings = _check(
        ("FC.1.1", Rating.NOT_APPLICABLE, ()),
        ("FC.1.2", Rating.MOSTLY, evidence),
    )
    assert _checks(findings) == [UNEVIDENCED]
    assert "(SV, LA, LC, LW, TA, CU, SE, PL, PV)" in findings[0].message


def test_later_stage_rated_above_earlier_unmet() -> None:
    """A later descriptor rated fully while an earlier one is not yet in place is questioned."""
    evidence = _evidence(EvidenceKind.LEARNER_VOICE, EvidenceKind.DATA)
    findings = _check(
        ("PV.1.1", Rating.PARTLY, evidence),
        ("PV.2.1", Rating.MOSTLY, evidence),
        ("PV.3.1", Rating.FULLY, evidence),
    )
    assert _checks(findings) == [UNEVIDENCED, ("later-above-earlier", "PV", "PV.3.1")]
    assert "(PV.1.1)" in findings[1].message


def test_findings_come_in_aspect_order() -> None:
    """Whole-evaluation findings come first, then findings by aspect in source order."""
    findings = _check(
        ("FC.1.1", Rating.MOSTLY, _evidence(EvidenceKind.DATA)),
        ("SV.1.1", Rating.MOSTLY, _evidence(EvidenceKind.DATA)),
    )
    assert [f.aspect for f in findings] == [None, None, "SV", "SV", "FC", "FC"]


def test_bad_input_is_refused() -> None:
    """The checks refuse a self-evaluation that does not fit the framework, as assess does."""
    evaluation = evaluation_of(("XX.1.1", Rating.FULLY, ()))
    with pytest.raises(
        SelfEvaluationError, match=r"\$\.ratings\[0\]\.descriptor: no descriptor has the code 'XX\.1\.1'"
    ):
        check_evidence(FRAMEWORK, evaluation)

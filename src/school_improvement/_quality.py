"""Evidence-quality checks: what a careful reviewer would question before trusting a judgement."""

import datetime
import enum

import attrs

from school_improvement._assessment import check_self_evaluation
from school_improvement._evidence import EvidenceKind, Rating, SelfEvaluation
from school_improvement._framework import Framework
from school_improvement._stage import Stage


class Severity(enum.Enum):
    """How much a finding matters."""

    INFO = "info"
    """Worth knowing; the judgement can stand."""
    WARNING = "warning"
    """Weakens the judgement; look at it before relying on it."""


@attrs.frozen
class Finding:
    """One thing the evidence-quality checks found.

    Attributes:
        check: The stable name of the check, for example ``single-source``.
        severity: How much it matters.
        message: What was found, in plain language.
        aspect: The aspect it concerns, if one.
        descriptor: The descriptor it concerns, if one.
    """

    check: str
    severity: Severity
    message: str
    aspect: str | None = None
    descriptor: str | None = None


def _aspect_findings(framework: Framework, evaluation: SelfEvaluation) -> list[Finding]:
    findings: list[Finding] = []
    by_aspect: dict[str, set[EvidenceKind]] = {}
    for rating in evaluation.ratings:
        if rating.rating is not Rating.NOT_APPLICABLE and rating.evidence:
            code = framework.descriptor(rating.descriptor).aspect
            by_aspect.setdefault(code, set()).update(rating.evidence_kinds)
    for aspect in framework.aspects:
        kinds = by_aspect.get(aspect.code)
        if not kinds or len(kinds) > 1:
            continue
        (kind,) = kinds
        if kind is EvidenceKind.DATA:
            message = f"{aspect.title.en}: every rating rests on data alone; add first-hand evidence."
            findings.append(Finding("data-only", Severity.WARNING, message, aspect=aspect.code))
        else:
            message = f"{aspect.title.en}: every rating rests on one kind of evidence ({kind.label}); triangulate."
            findings.append(Finding("single-source", Severity.WARNING, message, aspect=aspect.code))
    return findings


def _rating_findings(framework: Framework, evaluation: SelfEvaluation, max_age_days: int) -> list[Finding]:
    findings: list[Finding] = []
    oldest_allowed = evaluation.date - datetime.timedelta(days=max_age_days)
    for rating in evaluation.ratings:
        if rating.rating is Rating.NOT_APPLICABLE:
            continue
        aspect = framework.descriptor(rating.descriptor).aspect
        if not rating.evidence:
            message = f"{rating.descriptor} is rated '{rating.rating.value}' with no evidence; it counts as not rated."
            findings.append(
                Finding("no-evidence", Severity.WARNING, message, aspect=aspect, descriptor=rating.descriptor)
            )
            continue
        stale = [item for item in rating.evidence if item.date < oldest_allowed]
        if stale:
            oldest = min(item.date for item in stale)
            message = (
                f"{rating.descriptor}: {len(stale)} of {len(rating.evidence)} pieces of evidence are more than "
                f"{max_age_days} days old (the oldest from {oldest})."
            )
            findings.append(
                Finding("stale-evidence", Severity.INFO, message, aspect=aspect, descriptor=rating.descriptor)
            )
    return findings


def _inconsistency_findings(framework: Framework, evaluation: SelfEvaluation) -> list[Finding]:
    """Descriptors rated "fully" above earlier-stage descriptors that are not yet or partly in place."""
    ratings = {rating.descriptor: rating.rating for rating in evaluation.ratings}
    findings: list[Finding] = []
    for aspect in framework.aspects:
        unmet: list[str] = []
        for stage in Stage:
            cell = framework.cell(aspect.code, stage)
            for descriptor in cell.descriptors:
                rating = ratings.get(descriptor.code)
                if rating is Rating.FULLY and unmet:
                    shown = ", ".join(unmet[:3]) + (f" and {len(unmet) - 3} more" if len(unmet) > 3 else "")
                    message = (
                        f"{descriptor.code} is rated 'fully' while earlier-stage descriptors are not yet in "
                        f"place ({shown}); check the ratings agree."
                    )
                    findings.append(
                        Finding("later-above-earlier", Severity.WARNING, message, aspect.code, descriptor.code)
                    )
            unmet += [d.code for d in cell.descriptors if ratings.get(d.code) in {None, Rating.NOT_YET, Rating.PARTLY}]
    return findings


def check_evidence(framework: Framework, evaluation: SelfEvaluation, *, max_age_days: int = 365) -> tuple[Finding, ...]:
    """Check the quality of the evidence behind a self-evaluation.

    The checks: an aspect resting on one kind of source; an aspect resting on
    data alone; no learner voice anywhere; evidence older than ``max_age_days``
    at the self-evaluation's date; ratings with no evidence; and a later stage
    rated "fully" above an earlier stage's descriptors that are not yet, or only
    partly, in place (or not rated).

    Args:
        framework: The framework edition.
        evaluation: The self-evaluation.
        max_age_days: How old evidence may be, in days, before it is reported.

    Returns:
        The findings: whole-evaluation ones first, then by aspect in source order.

    Raises:
        SelfEvaluationError: If the self-evaluation does not fit the framework.

    Examples:
        >>> import datetime
        >>> from school_improvement import (
        ...     DescriptorRating,
        ...     Evidence,
        ...     EvidenceKind,
        ...     Rating,
        ...     SelfEvaluation,
        ...     check_evidence,
        ...     load_framework,
        ... )
        >>> framework = load_framework()
        >>> figures = (Evidence(EvidenceKind.DATA, datetime.date(2026, 9, 1)),)
        >>> evaluation = SelfEvaluation(
        ...     "example-primary",
        ...     datetime.date(2026, 11, 1),
        ...     framework.edition_id,
        ...     ratings=(DescriptorRating("LW.1.1", Rating.MOSTLY, figures),),
        ... )
        >>> [finding.check for finding in check_evidence(framework, evaluation)]
        ['no-learner-voice', 'data-only']
    """
    check_self_evaluation(framework, evaluation)
    findings: list[Finding] = []
    kinds = {item.kind for rating in evaluation.ratings for item in rating.evidence}
    if evaluation.ratings and EvidenceKind.LEARNER_VOICE not in kinds:
        message = "No rating rests on learner voice; the self-evaluation should hear from learners."
        findings.append(Finding("no-learner-voice", Severity.WARNING, message))
    per_aspect = (
        _aspect_findings(framework, evaluation)
        + _rating_findings(framework, evaluation, max_age_days)
        + _inconsistency_findings(framework, evaluation)
    )
    order = {aspect.code: place for place, aspect in enumerate(framework.aspects)}
    findings += sorted(per_aspect, key=lambda finding: order[finding.aspect or ""])
    return tuple(findings)

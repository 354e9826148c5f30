"""Evidence-quality checks: what a careful reviewer would question before trusting a judgement."""

import datetime
import enum

import attrs

from school_improvement._assessment.checked import AspectRatings, CheckedSelfEvaluation, checked
from school_improvement._assessment.evidence import Evidence, EvidenceKind, Rating, SelfEvaluation
from school_improvement._content.framework import Framework
from school_improvement._errors import AnalysisError, Problem

STALE_SELF_EVALUATION = "stale-self-evaluation"
"""The check that flags a self-evaluation too old at the date it is checked at."""
UNEVIDENCED_ASPECTS = "unevidenced-aspects"
"""The check that lists the aspects where no rating rests on evidence."""


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


def _unrated(framework: Framework, figures: AspectRatings) -> Finding | None:
    """Descriptors no one has rated at or below the highest stage anyone has: no stage past them can be reached."""
    unrated: list[str] = []
    highest = None
    counted = 0  # how many of ``unrated`` lie at or below the highest stage with a rating
    for cell in figures.cells:
        rated_here = False
        for code, rating in cell.ratings:
            if rating is None:
                unrated.append(code)
            else:
                rated_here = True
        if rated_here:
            highest, counted = cell.stage, len(unrated)
    if highest is None or not counted:
        return None
    del unrated[counted:]
    shown = ", ".join(unrated[:5]) + (f" and {len(unrated) - 5} more" if len(unrated) > 5 else "")
    title = framework.aspect(figures.aspect).title.en
    message = (
        f"{title}: {len(unrated)} {'descriptor' if len(unrated) == 1 else 'descriptors'} at or below "
        f"{framework.stage_name(highest).en} {'is' if len(unrated) == 1 else 'are'} not rated with "
        f"evidence ({shown}); a stage past them waits on their rating, not on evidence that they are unmet."
    )
    return Finding("unrated", Severity.INFO, message, aspect=figures.aspect)


def _source_findings(framework: Framework, figures: AspectRatings) -> list[Finding]:
    """An aspect whose ratings rest on one kind of evidence, or on data alone."""
    kinds = figures.evidence_kinds
    if len(kinds) != 1:
        return []
    (kind,) = kinds
    title = framework.aspect(figures.aspect).title.en
    if kind is EvidenceKind.DATA:
        message = f"{title}: every rating rests on data alone; add first-hand evidence."
        return [Finding("data-only", Severity.WARNING, message, aspect=figures.aspect)]
    message = f"{title}: every rating rests on one kind of evidence ({kind.label}); triangulate."
    return [Finding("single-source", Severity.WARNING, message, aspect=figures.aspect)]


_NOT_IN_PLACE = frozenset({None, Rating.NOT_YET, Rating.PARTLY})


def _rating_findings(
    form: CheckedSelfEvaluation, figures: AspectRatings, max_age_days: int, as_of: datetime.date
) -> tuple[list[Finding], list[Finding]]:
    """Each of the aspect's ratings read once, in source order, for two kinds of finding.

    Returns:
        An applicable rating with no evidence, or with evidence too old; and a
        descriptor rated "fully" above earlier-stage descriptors that are not
        yet, or only partly, in place (or not rated).
    """
    evidence: list[Finding] = []
    agreement: list[Finding] = []
    ratings, aspect = form.ratings, figures.aspect
    oldest_allowed = as_of - datetime.timedelta(days=max_age_days)
    unmet: list[str] = []  # the descriptors of earlier stages not yet in place
    for cell in figures.cells:
        here: list[str] = []
        for code, _ in cell.ratings:
            given = ratings.get(code)
            rating = None if given is None else given.rating
            if rating in _NOT_IN_PLACE:
                here.append(code)
            elif rating is Rating.FULLY and unmet:
                shown = ", ".join(unmet[:3]) + (f" and {len(unmet) - 3} more" if len(unmet) > 3 else "")
                message = (
                    f"{code} is rated 'fully' while earlier-stage descriptors are not yet in "
                    f"place ({shown}); check the ratings agree."
                )
                agreement.append(Finding("later-above-earlier", Severity.WARNING, message, aspect, code))
            if given is None or rating is Rating.NOT_APPLICABLE:
                continue
            if not given.evidence:
                message = f"{code} is rated '{given.rating.value}' with no evidence; it counts as not rated."
                evidence.append(Finding("no-evidence", Severity.WARNING, message, aspect=aspect, descriptor=code))
                continue
            for item in given.evidence:
                if item.date < oldest_allowed:  # one is too old: only then are they all counted
                    message = _stale(code, given.evidence, oldest_allowed, max_age_days, as_of)
                    evidence.append(Finding("stale-evidence", Severity.INFO, message, aspect=aspect, descriptor=code))
                    break
        unmet += here
    return evidence, agreement


def _stale(
    code: str, items: tuple[Evidence, ...], oldest_allowed: datetime.date, max_age_days: int, as_of: datetime.date
) -> str:
    """In words: a rating's evidence is, some of it, older than allowed."""
    stale = [item.date for item in items if item.date < oldest_allowed]
    return (
        f"{code}: {len(stale)} of {len(items)} pieces of evidence are more than "
        f"{max_age_days} days old at {as_of} (the oldest from {min(stale)})."
    )


def _whole_findings(form: CheckedSelfEvaluation, max_age_days: int, as_of: datetime.date) -> list[Finding]:
    """The findings about the self-evaluation as a whole: its age, learner voice, aspects with no evidence."""
    findings: list[Finding] = []
    age = (as_of - form.date).days
    if age > max_age_days:
        message = (
            f"The self-evaluation is from {form.date}, {age} days before {as_of} (more than {max_age_days}): "
            "evaluate again before relying on it."
        )
        findings.append(Finding(STALE_SELF_EVALUATION, Severity.WARNING, message))
    ratings = form.evaluation.ratings
    if ratings and not any(item.kind is EvidenceKind.LEARNER_VOICE for rating in ratings for item in rating.evidence):
        message = "No rating rests on learner voice; the self-evaluation should hear from learners."
        findings.append(Finding("no-learner-voice", Severity.WARNING, message))
    unevidenced = [f.aspect for f in form.aspects.values() if not f.rated and not f.all_not_applicable]
    if unevidenced:
        message = (
            f"No rating rests on evidence in {len(unevidenced)} of the {len(form.aspects)} aspects "
            f"({', '.join(unevidenced)}): gather evidence there before their stages can be judged."
        )
        findings.append(Finding(UNEVIDENCED_ASPECTS, Severity.INFO, message))
    return findings


def check_evidence(
    framework: Framework,
    evaluation: SelfEvaluation | CheckedSelfEvaluation,
    *,
    max_age_days: int = 365,
    as_of: datetime.date | None = None,
) -> tuple[Finding, ...]:
    """Check the quality of the evidence behind a self-evaluation.

    The checks: a self-evaluation older than ``max_age_days`` at ``as_of``; no
    learner voice anywhere; aspects where no rating rests on evidence; an
    aspect resting on one kind of source; an aspect resting on data alone;
    descriptors left unrated below others that are rated; evidence older than
    ``max_age_days`` at ``as_of``; ratings with no evidence; and a later stage
    rated "fully" above an earlier stage's descriptors that are not yet, or only
    partly, in place (or not rated).

    Args:
        framework: The framework edition.
        evaluation: The self-evaluation.
        max_age_days: How old evidence, or the self-evaluation itself, may be,
            in days, before it is reported.
        as_of: The date to measure age at: today, or the date of a survey. By
            default the self-evaluation's own date, so only its evidence can be old.

    Returns:
        The findings: whole-evaluation ones first, then by aspect in source order.

    Raises:
        SelfEvaluationError: If the self-evaluation does not fit the framework.
        AnalysisError: If the self-evaluation is dated after ``as_of``.

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
        ['no-learner-voice', 'unevidenced-aspects', 'unrated', 'data-only']
    """
    form = checked(framework, evaluation)
    when = form.date if as_of is None else as_of
    if form.date > when:
        message = f"the self-evaluation is dated {form.date}, after {when}, the date it is checked at"
        raise AnalysisError(form.school, [Problem("$.date", message)])
    findings = _whole_findings(form, max_age_days, when)
    for figures in form.aspects.values():  # the aspects in source order, each checked in one go
        unrated = _unrated(framework, figures)
        if unrated is not None:
            findings.append(unrated)
        findings += _source_findings(framework, figures)
        evidence, agreement = _rating_findings(form, figures, max_age_days, when)
        findings += evidence
        findings += agreement
    return tuple(findings)

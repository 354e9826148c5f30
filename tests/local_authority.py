"""Builders for the local authority tests: schools whose stages, priorities and warnings are set directly."""

import datetime
from collections.abc import Iterable, Mapping

from helpers import EVALUATION_DATE, FRAMEWORK
from school_improvement import (
    Finding,
    Judgement,
    JudgementStatus,
    LanguageMedium,
    Phase,
    Rating,
    Recommendation,
    RecommendedPriority,
    RuleDescription,
    School,
    SchoolSnapshot,
    Severity,
    Stage,
    StageProfile,
    Sufficiency,
    Survey,
    Weighting,
)

NOT_ENOUGH = -1
"""A stage position meaning "not enough evidence" in ``school_at``."""
_RULE = RuleDescription("cumulative", (), "as the tests set it", comparison_only=False, threshold=Rating.MOSTLY)


def school(  # noqa: PLR0913 (a test builder: every attribute of a school record)
    ref: str,
    *,
    authority: str = "Example Authority",
    cluster: str | None = "North",
    phase: Phase = Phase.PRIMARY,
    medium: LanguageMedium = LanguageMedium.ENGLISH,
    name: str | None = None,
) -> School:
    """A school record, in Example Authority's North cluster unless told otherwise."""
    return School(ref, name or f"School {ref}", authority, cluster, phase, medium)


def _judgement(aspect: str, position: int) -> Judgement:
    """Judgement."""
    if position == NOT_ENOUGH:
        return Judgement(aspect, JudgementStatus.NOT_ENOUGH_EVIDENCE, None, (), (), (), "set by the test", "short")
    if position == 0:
        return Judgement(aspect, JudgementStatus.NO_STAGE_YET, None, (), (), (), "set by the test")
    return Judgement(aspect, JudgementStatus.REACHED, Stage.at(position), (), (), (), "set by the test")


def school_at(
    record: School,
    stages: Mapping[str, int],
    priorities: Iterable[str] = (),
    warned: Iterable[str | None] = (),
    date: datetime.date = EVALUATION_DATE,
) -> SchoolSnapshot:
    """A school at the given stage positions (0 for no stage yet; ``NOT_ENOUGH``; unlisted aspects 0).

    ``priorities`` are aspect codes in rank order; ``warned`` the aspects with
    an evidence warning (``None`` for one about the whole self-evaluation).
    """
    judgements = tuple(_judgement(a.code, stages.get(a.code, 0)) for a in FRAMEWORK.aspects)
    profile = StageProfile(record.ref, date, FRAMEWORK.edition_id, _RULE, Sufficiency(), judgements)
    ranked = []
    for rank, aspect in enumerate(priorities, start=1):
        position = stages.get(aspect, 0)
        current = Stage.at(position) if position > 0 else None
        target = Stage.at(position + 1)
        ranked.append(RecommendedPriority(rank, aspect, current, target, None, 1.0, (), (), (), ()))
    advice = Recommendation(record.ref, date, FRAMEWORK.edition_id, Weighting(), tuple(ranked), ())
    findings = tuple(Finding("single-source", Severity.WARNING, "set by the test", aspect) for aspect in warned)
    return SchoolSnapshot(record, profile, findings, advice)


def survey_of(*snapshots: SchoolSnapshot) -> Survey:
    """A survey of these snapshots."""
    return Survey(FRAMEWORK.edition_id, snapshots)

"""Builders for the local authority tests: schools whose stages, priorities, warnings and decisions are set directly.

Also the benefit rule of ``MatchOptions`` written out plainly, for the brute
forces that check the matching.
"""

import datetime
from collections.abc import Iterable, Mapping

from helpers import EVALUATION_DATE, FRAMEWORK, Rated, evaluation_of
from school_improvement import (
    ChosenPriority,
    DevelopmentPlan,
    DiscussionRecord,
    Evidence,
    EvidenceKind,
    Finding,
    Judgement,
    JudgementStatus,
    LanguageMedium,
    MatchOptions,
    Participant,
    Phase,
    PlanPriority,
    Rating,
    Recommendation,
    RecommendedPriority,
    RuleDescription,
    School,
    SchoolSnapshot,
    SelfEvaluation,
    Severity,
    Stage,
    StageProfile,
    StrengthOffer,
    Strictness,
    Sufficiency,
    SupportItem,
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


def evaluation_at(ref: str, stages: Mapping[str, int], date: datetime.date = EVALUATION_DATE) -> SelfEvaluation:
    """A real self-evaluation of school ``ref`` at these stage positions (0 for no stage yet; unlisted aspects unrated).

    Every descriptor up to the stage is rated fully, and the next stage's first
    partly, so the aspect stands at that stage with an open gap to the next;
    each rating rests on learner voice and staff views gathered a month before ``date``.
    """
    evidence = (
        Evidence(EvidenceKind.LEARNER_VOICE, date - datetime.timedelta(days=31)),
        Evidence(EvidenceKind.STAFF_VIEWS, date - datetime.timedelta(days=30)),
    )
    ratings: list[Rated] = []
    for aspect, position in stages.items():
        for stage in Stage:
            cell = FRAMEWORK.cell(aspect, stage)
            if stage.position <= position:
                ratings += [(d.code, Rating.FULLY) for d in cell.descriptors]
            elif stage.position == position + 1:
                ratings.append((cell.descriptors[0].code, Rating.PARTLY))
    return evaluation_of(*ratings, evidence=evidence, school=ref, date=date)


DISCUSSED = datetime.date(2026, 11, 20)
"""The date of the discussion records the tests build: after ``EVALUATION_DATE``."""
BY = datetime.date(2027, 7, 31)
"""The target date of the priorities the tests choose."""


def choice(*aspects: str, target: Stage = Stage.MAKING_PROGRESS, by: datetime.date = BY) -> ChosenPriority:
    """A chosen priority on these aspects, aiming at ``target`` by ``by``."""
    return ChosenPriority(aspects, f"the school chose {', '.join(aspects)}", target, by)


def record(  # noqa: PLR0913 (a test builder: the parts of a discussion record the tests vary)
    ref: str,
    *,
    agreed: Iterable[ChosenPriority] = (),
    support: Iterable[SupportItem] = (),
    strengths: Iterable[StrengthOffer] = (),
    date: datetime.date = DISCUSSED,
    edition: str = FRAMEWORK.edition_id,
) -> DiscussionRecord:
    """A professional discussion record of school ``ref``, with a head teacher present and a review in March."""
    return DiscussionRecord(
        ref,
        edition,
        date,
        (Participant("Headteacher", ref),),
        tuple(agreed),
        (),
        tuple(support),
        tuple(strengths),
        date + datetime.timedelta(days=100),
        None,
    )


def plan(
    ref: str,
    *priorities: ChosenPriority,
    starts: datetime.date = EVALUATION_DATE,
    edition: str = FRAMEWORK.edition_id,
) -> DevelopmentPlan:
    """A development plan of school ``ref`` with these priorities, following the self-evaluation of ``starts``."""
    planned = tuple(
        PlanPriority(f"P{n}", f"Work on {', '.join(p.aspects)}", p.aspects, p.reason, p.target, p.by)
        for n, p in enumerate(priorities, start=1)
    )
    ends = datetime.date(starts.year + 1, 8, 31)
    return DevelopmentPlan(ref, edition, starts, starts, ends, planned)


def requirement_key(name: str, record: School) -> object:
    """What a requirement compares: a cluster is named within its local authority, and none is a school's own."""
    if name == "same_local_authority":
        return record.local_authority
    if name == "same_cluster":
        return (record.local_authority, record.cluster) if record.cluster else record.ref
    if name == "same_phase":
        return record.phase
    return record.medium


REQUIREMENT_NAMES = ("same_local_authority", "same_cluster", "same_phase", "same_medium")


def allowed_benefit(options: MatchOptions, helper: SchoolSnapshot, partner: SchoolSnapshot, aspect: str) -> int | None:
    """The benefit of a partnership as MatchOptions documents it, or None when it is not allowed.

    Offers are not looked at here: a brute force that models them checks them itself.
    """
    ranks = [p.aspect for p in partner.recommendation.priorities]
    if aspect not in ranks or helper is partner:
        return None
    rank = ranks.index(aspect) + 1
    if rank > len(options.rank_weights):
        return None
    warned = {f.aspect for f in helper.findings}
    judgement = helper.profile.judgement(aspect)
    if None in warned or aspect in warned or judgement.stage is None:
        return None
    theirs = partner.profile.judgement(aspect).stage
    distance = judgement.stage.position - (0 if theirs is None else theirs.position)
    if judgement.stage < options.strength_from or distance < options.min_lead:
        return None
    penalty = 0
    for name in REQUIREMENT_NAMES:
        requirement = getattr(options, name)
        differs = requirement_key(name, helper.school) != requirement_key(name, partner.school)
        if differs and requirement.strictness is Strictness.HARD:
            return None
        if differs and requirement.strictness is Strictness.SOFT:
            penalty += requirement.penalty
    benefit = distance * options.rank_weights[rank - 1] - penalty
    return benefit if benefit > 0 else None

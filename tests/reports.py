"""What the renderers are tested on: one school's cycle over two self-evaluations, and the example authority's."""

import datetime
import functools

from helpers import FRAMEWORK, LOCAL_AUTHORITY, evaluation_of
from school_improvement import (
    Collaboration,
    Cycle,
    Evidence,
    EvidenceKind,
    ProfessionalJudgement,
    Rating,
    Rollup,
    Stage,
    Survey,
    load_self_evaluation,
    match_schools,
    read_school_register,
    roll_up,
    run_cycle,
    survey,
)

OWN_JUDGEMENT = ProfessionalJudgement("PV", Stage.BUILDING_MOMENTUM, "Pupil panels now shape every plan.")
LATEST = evaluation_of(
    ("PV.1.1", Rating.FULLY),
    ("PV.2.1", Rating.MOSTLY),
    ("PV.3.1", Rating.PARTLY),
    ("FC.1.1", Rating.FULLY),
    ("FC.1.2", Rating.FULLY),
    ("FC.2.1", Rating.PARTLY),
    ("LW.1.1", Rating.FULLY, ()),
    judgements=[OWN_JUDGEMENT],
)
"""Using pupil voice at Making progress (the school's own judgement: Building momentum), Family and community
engagement at Starting the journey, and a rating without evidence in Improving standards; nothing else rated."""
EARLIER = evaluation_of(
    ("PV.1.1", Rating.PARTLY),
    ("PV.2.1", Rating.PARTLY),
    ("FC.1.1", Rating.FULLY),
    ("FC.1.2", Rating.FULLY),
    ("FC.2.1", Rating.PARTLY),
    date=datetime.date(2026, 3, 1),
    evidence=(
        Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 2, 1)),
        Evidence(EvidenceKind.STAFF_VIEWS, datetime.date(2026, 2, 2)),
    ),
)
"""Eight months before: no stage yet in Using pupil voice; Family and community engagement as it is now."""


@functools.cache
def school_cycle() -> Cycle:
    """The cycle over both self-evaluations, with progress stalled after two reviews alike."""
    return run_cycle(FRAMEWORK, [EARLIER, LATEST], stalled_after=2)


@functools.cache
def one_review_cycle() -> Cycle:
    """The cycle on the latest self-evaluation alone: no progress."""
    return run_cycle(FRAMEWORK, LATEST)


@functools.cache
def example_survey() -> Survey:
    """The thirty fictional schools of examples/local-authority/, each at its latest self-evaluation."""
    schools = read_school_register((LOCAL_AUTHORITY / "schools.csv").read_bytes())
    lines = (LOCAL_AUTHORITY / "self-evaluations.jsonl").read_text(encoding="utf-8").splitlines()
    evaluations = [load_self_evaluation(line, framework=FRAMEWORK) for line in lines if line.strip()]
    return survey(FRAMEWORK, schools, evaluations)


@functools.cache
def example_rollup() -> Rollup:
    """The example schools rolled up, overall and by local authority."""
    return roll_up(FRAMEWORK, example_survey(), by="local-authority")


@functools.cache
def example_collaboration() -> Collaboration:
    """The example schools matched with the default options."""
    return match_schools(FRAMEWORK, example_survey())

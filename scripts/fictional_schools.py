"""Fictional schools for the local authority example and the benchmarks.

Every school, local authority and cluster here is made up: the names say
"Example", the references "fictional-". Each school's self-evaluation is drawn
to sit at a chosen stage in each aspect, with the evidence a careful school
would gather, and a few of the weaknesses the evidence checks look for.

Half of the schools have also made their own decisions (``decisions.jsonl``):
a development plan drafted from the cycle on their chosen priorities and then
made their own, and for all but one of those a record of the professional
discussion with the local authority. The decisions are written by hand, school by school,
in ``DECISIONS`` below; ``MOTIVATING`` is the school whose support they change.

Run it to write the example set shipped in ``examples/local-authority/``::

    python scripts/fictional_schools.py
"""

import datetime
import json
import random
import sys
from pathlib import Path
from typing import NamedTuple

import attrs

from school_improvement import (
    ActionStatus,
    AspectView,
    ChosenPriority,
    CriterionStatus,
    DescriptorRating,
    DevelopmentPlan,
    DiscussionRecord,
    Evidence,
    EvidenceKind,
    Framework,
    LanguageMedium,
    Milestone,
    Participant,
    Phase,
    PlanAction,
    PlanPriority,
    ProgressUpdate,
    Rating,
    School,
    SelfEvaluation,
    Stage,
    StageProfile,
    StrengthOffer,
    SuccessCriterion,
    SupportItem,
    SupportSource,
    SupportStatus,
    assess,
    check_priorities,
    discussion_problems,
    load_framework,
    plan_problems,
    record_review,
    review_plan,
    run_cycle,
    to_payload,
)

DATE = datetime.date(2026, 10, 16)
FIRST_HAND = (
    EvidenceKind.LESSON_OBSERVATION,
    EvidenceKind.LEARNERS_WORK,
    EvidenceKind.STAFF_VIEWS,
    EvidenceKind.PARENT_CARER_VIEWS,
    EvidenceKind.DATA,
    EvidenceKind.DOCUMENTATION,
)
_MEDIA = (LanguageMedium.ENGLISH, LanguageMedium.WELSH, LanguageMedium.BILINGUAL)


def _register(count: int, rng: random.Random, authorities: int) -> list[School]:
    """``count`` schools: clusters of one secondary and its primaries, with a few special and all-age schools."""
    schools: list[School] = []
    cluster = 0
    while len(schools) < count:
        cluster += 1
        authority = f"Example Authority {1 + cluster % authorities}"
        medium = rng.choices(_MEDIA, weights=(6, 3, 1))[0]
        members = [Phase.SECONDARY] + [Phase.PRIMARY] * rng.randint(3, 7)
        if rng.random() < 0.15:
            members.append(rng.choice((Phase.SPECIAL, Phase.ALL_AGE, Phase.PUPIL_REFERRAL_UNIT, Phase.NURSERY)))
        for phase in members[: count - len(schools)]:
            number = len(schools) + 1
            kind = {"secondary": "High School", "primary": "Primary School"}.get(phase.value, f"{phase.label} school")
            own_medium = medium if rng.random() < 0.85 else rng.choice(_MEDIA)
            schools.append(
                School(
                    f"fictional-{number:05d}",
                    f"Example {kind.title()} {number}",
                    authority,
                    f"Cluster {cluster}" if phase is not Phase.PUPIL_REFERRAL_UNIT else None,
                    phase,
                    own_medium,
                )
            )
    return schools


def _evidence(rng: random.Random, kinds: tuple[EvidenceKind, ...]) -> tuple[Evidence, ...]:
    return tuple(Evidence(kind, DATE - datetime.timedelta(days=rng.randrange(14, 240))) for kind in kinds)


def _aspect_kinds(rng: random.Random, *, learner_voice: bool) -> tuple[EvidenceKind, ...]:
    """The kinds of evidence behind one aspect: usually triangulated, sometimes resting on one kind."""
    if rng.random() < 0.08:
        return (rng.choice(FIRST_HAND),)
    kinds = rng.sample(FIRST_HAND, rng.randint(1, 2))
    return (EvidenceKind.LEARNER_VOICE, *kinds) if learner_voice else tuple(rng.sample(FIRST_HAND, 2))


def _evaluation(framework: Framework, school: School, rng: random.Random) -> SelfEvaluation:
    """A self-evaluation that sits at a drawn stage in each aspect."""
    strength = rng.random()
    learner_voice = rng.random() > 0.05
    ratings = []
    for aspect in framework.aspects:
        if rng.random() < 0.04:
            continue  # not yet evaluated: not enough evidence
        reached = min(4, max(0, round(rng.gauss(1.2 + 2.2 * strength, 0.9))))
        kinds = _aspect_kinds(rng, learner_voice=learner_voice)
        for stage in Stage:
            for descriptor in framework.cell(aspect.code, stage).descriptors:
                if stage.position <= reached:
                    rating = rng.choice((Rating.MOSTLY, Rating.FULLY))
                elif stage.position == reached + 1:
                    rating = rng.choice((Rating.NOT_YET, Rating.PARTLY, Rating.PARTLY, Rating.MOSTLY))
                elif rng.random() < 0.5:
                    continue
                else:
                    rating = Rating.NOT_YET
                ratings.append(DescriptorRating(descriptor.code, rating, _evidence(rng, kinds)))
        # The rating that holds the next stage back: at least one descriptor there below "mostly".
        if reached < 4:
            cell = framework.cell(aspect.code, Stage.at(reached + 1)).descriptors
            code = rng.choice(cell).code
            ratings = [
                r if r.descriptor != code else DescriptorRating(code, Rating.PARTLY, r.evidence) for r in ratings
            ]
            if all(r.descriptor != code for r in ratings):
                ratings.append(DescriptorRating(code, Rating.PARTLY, _evidence(rng, kinds)))
    return SelfEvaluation(school.ref, DATE, framework.edition_id, tuple(ratings))


def fictional_schools(
    framework: Framework, count: int, *, seed: int = 7, authorities: int = 2
) -> tuple[list[School], list[SelfEvaluation]]:
    """``count`` fictional schools in ``authorities`` local authorities, each with a self-evaluation."""
    rng = random.Random(seed)  # noqa: S311 (repeatable made-up schools, not secrets)
    schools = _register(count, rng, authorities)
    return schools, [_evaluation(framework, school, rng) for school in schools]


def register_csv(schools: list[School]) -> str:
    """The register as the CSV that ``read_school_register`` reads."""
    lines = ["ref,name,local_authority,cluster,phase,medium"]
    lines += [
        f"{s.ref},{s.name},{s.local_authority},{s.cluster or ''},{s.phase.value},{s.medium.value}" for s in schools
    ]
    return "\n".join(lines) + "\n"


def json_lines(evaluations: list[SelfEvaluation]) -> str:
    """The self-evaluations as JSON Lines: one payload per line."""
    return "".join(json.dumps(to_payload(e), ensure_ascii=False, separators=(",", ":")) + "\n" for e in evaluations)


# The school's own decisions ------------------------------------------------------------------------------------------

PLAN_STARTS = datetime.date(2026, 10, 19)
"""The plans start on the Monday after the self-evaluations."""
PLAN_ENDS = datetime.date(2027, 8, 31)
TARGET_BY = datetime.date(2027, 7, 16)
"""The end of the summer term: the date every target is set for."""
AUTUMN_END = datetime.date(2026, 12, 18)
TERM_REVIEW = datetime.date(2026, 12, 16)
"""The autumn term review some schools have recorded in their plans."""
AS_AT = datetime.date(2027, 1, 11)
"""The start of the spring term: the decisions are as they stood then, so look at them on this date."""
DISCUSSIONS = datetime.date(2026, 10, 19)
"""The week of the professional discussions: records are dated from this day to four days after it."""
MOTIVATING = "fictional-00022"
"""The school the decisions are written round: weak in four aspects, it agreed leadership capacity as its first
priority, and a school in its cluster with that strength offers to support it."""


class _Aim(NamedTuple):
    """What a school writes, in its own words, when it makes an aspect one of its priorities."""

    topic: str
    objective: str
    reason: str
    lead: str
    action: str
    criterion: str
    milestone: str
    resources: str
    cost: int
    national_priority: str | None = None


AIMS = {
    "SV": _Aim(
        "the school's vision",
        "Agree a shared vision with staff, governors, pupils and families, and use it to steer every decision.",
        "staff describe the school's purpose in different ways, and decisions are not tested against it",
        "Headteacher",
        "Hold a vision day with staff and governors, and ask pupils and families what the school should stand for.",
        "The governing body agrees the vision, and at least 8 in 10 staff surveyed can say how their work serves it.",
        "Vision agreed by the governing body and shared with families",
        "Two staff meetings and one governors' meeting",
        400,
    ),
    "LA": _Aim(
        "leadership approaches",
        "Share leadership more widely and hold leaders to account in the same way across the school.",
        "decisions wait for the headteacher, and line management differs from one leader to the next",
        "Headteacher",
        "Write each leader's remit and start a half-termly cycle of line-management meetings with written actions.",
        "Every leader has a written remit and meets their line manager each half term, with actions followed up.",
        "Line-management cycle running for a full half term",
        "Senior leaders' time: one meeting a half term for each leader",
        0,
    ),
    "LC": _Aim(
        "leadership capacity",
        "Grow leaders at every level, so that middle leaders lead improvement in their own areas.",
        "leadership rests on the headteacher, and middle leaders have neither the time nor the training to lead",
        "Deputy head",
        "Give each middle leader one whole-school improvement task with protected time, coached by the deputy head.",
        "Each middle leader has led one improvement task from start to review by July 2027 and reported its impact "
        "to governors.",
        "Every middle leader has a leadership task and time set aside for it",
        "Half a day a fortnight of leadership time for each middle leader; places on a middle leadership programme",
        3500,
    ),
    "LW": _Aim(
        "reading and wellbeing",
        "Raise standards in reading and writing, and strengthen pupils' wellbeing and attitudes to learning.",
        "pupils' reading lags behind their other work, and too few are confident to take risks in their learning",
        "Literacy lead",
        "Start a daily reading session in every class and check pupils' progress in reading each half term.",
        "The share of pupils reading at or above the level expected for their age rises by 10 percentage points "
        "between October 2026 and July 2027.",
        "Daily reading session running in every class",
        "Books for each class's reading session; two staff training sessions",
        2500,
        "literacy",
    ),
    "TA": _Aim(
        "teaching and assessment",
        "Make teaching and assessment consistent, so that feedback tells every pupil their next step.",
        "the quality of teaching varies from class to class, and feedback seldom tells pupils what to do next",
        "Assistant head for teaching and learning",
        "Run peer observation in threes each half term, with an agreed focus on feedback.",
        "In learning walks, feedback that tells pupils their next step is seen in at least 8 of every 10 lessons "
        "visited by July 2027.",
        "First round of peer observation complete",
        "Cover for six observations a half term",
        1800,
    ),
    "CU": _Aim(
        "curriculum design",
        "Plan a curriculum round the four purposes that meets the needs of all pupils, built together across the "
        "school.",
        "the curriculum is planned class by class, and gaps and repeats between year groups go unnoticed",
        "Curriculum lead",
        "Map each area of learning and experience across the year groups and fill the gaps the map shows.",
        "A whole-school curriculum map covers every area of learning and experience, and each year group has "
        "reviewed one unit with pupils' views by July 2027.",
        "Curriculum map drafted for every year group",
        "Two planning days for the curriculum team",
        1200,
    ),
    "SE": _Aim(
        "self-evaluation",
        "Build self-evaluation into the year, so that priorities rest on first-hand evidence gathered throughout it.",
        "self-evaluation happens once a year, in a rush, and rests too much on data alone",
        "Deputy head",
        "Set a calendar of learning walks, book looks and pupil and parent voice for the year, written up each half "
        "term.",
        "Every aspect of the self-evaluation rests on at least two kinds of first-hand evidence gathered within the "
        "year, learner voice among them.",
        "Half-termly self-evaluation calendar running",
        "Leaders' time for one evidence-gathering activity a fortnight",
        600,
    ),
    "PL": _Aim(
        "professional learning",
        "Plan professional learning round the school's priorities, so that every member of staff learns what "
        "improves their practice.",
        "professional learning is a list of courses, chosen one by one and seldom linked to the school's priorities",
        "Professional learning lead",
        "Publish a professional learning calendar linked to the plan's priorities, with a short enquiry for every "
        "teacher.",
        "Every teacher completes one enquiry linked to a priority and shares it with colleagues by June 2027.",
        "Professional learning calendar published to staff",
        "Three staff meetings a term given to enquiry; cover for shared visits",
        2000,
    ),
    "PV": _Aim(
        "pupil voice",
        "Give pupils a real say in the school's life and learning, and show them what changed because of it.",
        "pupils are asked their views, but seldom hear what was done with them",
        "Pupil voice lead",
        "Re-form the school council with a member from every class, and keep a 'you said, we did' board.",
        "Pupils' groups have shaped at least three decisions this year, each reported back to every class.",
        "School council re-formed with every class represented",
        "A fortnightly meeting slot; a small budget the council decides on",
        300,
        "wellbeing",
    ),
    "FC": _Aim(
        "family engagement",
        "Work with families and the community as partners in their children's learning.",
        "few families come into school, and absence is followed up too late",
        "Family engagement officer",
        "Hold a family learning session each term and call home on the first day of any absence.",
        "Attendance across the year is at least 94%, and at least half of families come to a family learning session.",
        "First family learning sessions held",
        "Family engagement officer's time; refreshments and materials for sessions",
        900,
        "attendance",
    ),
}
"""Each aspect's priority in a school's words: why it was chosen, who leads it, its own action and measure."""


class _Decided(NamedTuple):
    """One school's decisions, as written by hand.

    ``plan`` lists the plan's priorities, one aspect each, in order. ``agreed``
    is ``None`` for a school with no discussion record, the plan's aspects when
    the discussion agreed the plan, or others when it agreed something else.
    ``views`` gives each aspect the local authority looked at, and its view in
    stages beside the school's (0: the same). ``support`` is the aspect, source,
    status and, for another school, its reference. ``offers`` are the strengths
    offered, with their capacity.
    """

    plan: tuple[str, ...]
    agreed: tuple[str, ...] | None = None
    views: tuple[tuple[str, int], ...] = ()
    support: tuple[tuple[str, SupportSource, SupportStatus, str | None], ...] = ()
    offers: tuple[tuple[tuple[str, ...], int, str | None], ...] = ()
    reviewed: bool = False
    notes: str | None = None


_LA = SupportSource.LOCAL_AUTHORITY
_SCHOOL = SupportSource.ANOTHER_SCHOOL
_CLUSTER = SupportSource.CLUSTER
_NPL = SupportSource.NATIONAL_PROFESSIONAL_LEARNING
_NSP = SupportSource.NATIONAL_SUPPORT_PROGRAMME
_AGREED, _REQUESTED, _NOT_AGREED = SupportStatus.AGREED, SupportStatus.REQUESTED, SupportStatus.NOT_AGREED

DECISIONS = {
    # Example Authority 2 ----------------------------------------------------------------------------------------------
    "fictional-00001": _Decided(
        ("LW", "SE"),
        ("LW", "SE"),
        (("LW", 0), ("PV", 0)),
        (("SE", _LA, _AGREED, None), ("LW", _NPL, _AGREED, None)),
        ((("PV",), 2, "Our pupil voice groups can host visits and share how pupils shape lessons"), (("SV",), 1, None)),
    ),
    "fictional-00003": _Decided(
        ("LC", "PV"),
        ("LC", "PV"),
        (("TA", 0), ("LC", -1)),
        (("LC", _NPL, _AGREED, None),),
        (
            (("TA",), 2, "Teachers can open their classrooms and share our approach to feedback"),
            (("CU", "SE"), 1, "Our curriculum lead can help one school map its curriculum and evidence"),
        ),
        notes="The local authority will broker two schools to visit for teaching and assessment.",
    ),
    "fictional-00004": _Decided(
        ("PL", "PV", "CU"),
        ("PL", "PV", "CU"),
        (("PV", 0), ("CU", -1), ("TA", 0)),
        (("PL", _NPL, _AGREED, None), ("CU", _CLUSTER, _AGREED, None), ("PV", _NSP, _REQUESTED, None)),
        ((("TA",), 1, "Our teachers can host paired observation for one school working on its feedback"),),
        notes=(
            "The local authority saw little of the curriculum yet in pupils' work: the school will map what is taught "
            "now, with its cluster, before it plans anything new."
        ),
    ),
    "fictional-00006": _Decided(
        ("SV", "LW"),
        ("SV", "LW"),
        (("SV", 1), ("LW", 0), ("PL", 0)),
        (
            ("SV", _LA, _AGREED, None),
            ("SV", _SCHOOL, _REQUESTED, None),
            ("LW", _CLUSTER, _AGREED, None),
        ),
        ((("PL",), 2, "Our enquiry groups and professional learning calendar, open to staff from two schools"),),
        notes=(
            "The local authority heard a shared sense of purpose from staff and pupils that the school does not yet "
            "credit itself with: the vision day will start from it. The school would like to visit a school further "
            "on with its vision; the local authority will look for one in the spring term."
        ),
    ),
    "fictional-00017": _Decided(
        ("TA", "CU"),
        ("TA", "CU"),
        (("LC", 0), ("SE", -1), ("TA", 0)),
        (("CU", _CLUSTER, _AGREED, None), ("TA", _NPL, _REQUESTED, None)),
        (
            (("LC",), 2, "Our middle leaders' programme: coaching and visits for leaders in a partner school"),
            (("SE",), 1, None),
        ),
        reviewed=True,
        notes="The school will lead curriculum planning across its cluster, with its primary schools.",
    ),
    "fictional-00020": _Decided(
        ("LW", "TA"),
        ("LA", "LW"),
        (("LA", -1), ("LW", 0), ("TA", -1)),
        (("LA", _LA, _AGREED, None), ("LW", _NSP, _REQUESTED, None), ("TA", _SCHOOL, _NOT_AGREED, None)),
        notes=(
            "Agreed to put leadership approaches first: the local authority sees it a stage below the school's own "
            "view, and the school accepts that clearer line management comes before the work on teaching."
        ),
    ),
    MOTIVATING: _Decided(
        ("LC", "CU", "SV"),
        ("LC", "CU", "SV"),
        (("LC", 0), ("CU", 0), ("SV", 1)),
        (
            ("LC", _SCHOOL, _AGREED, "fictional-00017"),
            ("LC", _NPL, _REQUESTED, None),
            ("CU", _CLUSTER, _AGREED, None),
            ("SV", _LA, _AGREED, None),
        ),
        reviewed=True,
        notes=(
            "Agreed that leadership capacity comes first: until middle leaders can lead, the other priorities rest "
            "on the headteacher alone. The cluster's high school offers to coach the school's middle leaders."
        ),
    ),
    # Example Authority 1 ----------------------------------------------------------------------------------------------
    "fictional-00012": _Decided(
        ("LW", "TA"),
        ("LW", "TA"),
        (("LW", 0), ("TA", -1)),
        (("LW", _NSP, _AGREED, None), ("TA", _LA, _AGREED, None)),
        ((("SE",), 1, "One school may join our half-termly learning walks and pupil voice sessions"),),
        reviewed=True,
        notes=(
            "Agreed to keep both priorities: feedback that tells pupils their next step was seen in fewer lessons "
            "than the self-evaluation describes, so the school improvement officer will join the first learning walk."
        ),
    ),
    "fictional-00016": _Decided(
        ("LW", "SE"),
        ("LW", "SE"),
        (("LW", 0), ("SE", 0)),
        (("SE", _LA, _AGREED, None), ("LW", _CLUSTER, _AGREED, None)),
        reviewed=True,
    ),
    "fictional-00024": _Decided(
        ("TA", "SE", "LW"),
        ("TA", "SE", "LW"),
        (("TA", 0), ("SE", 1), ("LC", 0)),
        (
            ("TA", _NSP, _AGREED, None),
            ("SE", _LA, _AGREED, None),
            ("LW", _CLUSTER, _AGREED, None),
            ("TA", _NPL, _REQUESTED, None),
        ),
        reviewed=True,
        notes="The local authority will visit half-termly while the school's self-evaluation calendar settles in.",
    ),
    "fictional-00025": _Decided(
        ("LC", "PL"),
        ("LC", "PL"),
        (("LW", 0), ("TA", 0)),
        (("PL", _NPL, _AGREED, None),),
        (
            (("LW",), 2, "Our reading and wellbeing work: open sessions and a shared programme for partner schools"),
            (("TA", "SE"), 1, None),
        ),
        reviewed=True,
    ),
    "fictional-00026": _Decided(
        ("LW", "TA", "PL"),
        ("TA", "LW"),
        (("TA", -1), ("LW", 0), ("LC", 0)),
        (("TA", _LA, _AGREED, None), ("LW", _NSP, _REQUESTED, None)),
        ((("LC",), 1, "Our deputy head can coach leaders in one school starting to grow its middle leaders"),),
        notes=(
            "Agreed to put teaching and assessment first and to leave professional learning to next year's plan, "
            "so that the school has two priorities it can give full attention to."
        ),
    ),
    "fictional-00027": _Decided(("PL", "PV", "FC")),
    "fictional-00028": _Decided(
        ("CU", "SV"),
        ("CU", "SV"),
        (("TA", 0), ("CU", 1)),
        (("CU", _CLUSTER, _AGREED, None),),
        ((("TA",), 1, None), (("LC",), 1, "Our leaders can share how the school grows its middle leaders")),
    ),
    "fictional-00030": _Decided(
        ("LW", "SE"),
        ("LW", "PV"),
        (("PV", -1), ("LW", 0), ("SE", 1)),
        (("LW", _CLUSTER, _AGREED, None), ("PV", _LA, _AGREED, None)),
        notes=(
            "Agreed to work on pupil voice in place of self-evaluation: the local authority sees self-evaluation "
            "further on than the school does, and pupil voice further back."
        ),
    ),
}
"""The schools that have made their own decisions, by local authority, each written by hand."""


def _stage_words(framework: Framework, stage: Stage | None) -> str:
    return "no stage yet" if stage is None else framework.stage_name(stage).en


def _next(stage: Stage | None) -> Stage:
    return Stage.at(1 if stage is None else stage.position + 1)


def _chosen(framework: Framework, profile: StageProfile, aspects: tuple[str, ...]) -> list[ChosenPriority]:
    """The school's choice: each aspect to its next stage by the end of the summer term, for the school's reason."""
    chosen = []
    for aspect in aspects:
        stage, aim = profile.judgement(aspect).stage, AIMS[aspect]
        found = (
            "finds no stage reached here yet" if stage is None else f"places this at {_stage_words(framework, stage)}"
        )
        reason = f"Our self-evaluation {found}: {aim.reason}."
        chosen.append(ChosenPriority((aspect,), reason, _next(stage), TARGET_BY, aim.national_priority))
    return chosen


_ACTION_DATES = (
    (datetime.date(2026, 11, 2), datetime.date(2027, 2, 12)),
    (datetime.date(2027, 1, 4), datetime.date(2027, 5, 21)),
    (datetime.date(2027, 4, 19), TARGET_BY),
)
"""When the draft's next steps start and are due: spread over the year, one a term."""


def _own_priority(priority: PlanPriority, number: int, place: int, *, reviewed: bool) -> PlanPriority:
    """A drafted priority made the school's own: lead, dates, its own action and measure, milestones, statuses."""
    aim = AIMS[priority.aspects[0]]
    behind = (number + place) % 3 == 0  # the school's own first action has run over into the spring term
    actions = [
        attrs.evolve(
            action,
            owner=aim.lead if n == 0 else "Senior leadership team",
            start=_ACTION_DATES[n][0],
            due=_ACTION_DATES[n][1],
            status=ActionStatus.IN_PROGRESS if n == 0 else ActionStatus.NOT_STARTED,
        )
        for n, action in enumerate(priority.actions)
    ]
    own = PlanAction(
        f"{priority.id}.A{len(actions) + 1}",
        aim.action,
        owner=aim.lead,
        start=PLAN_STARTS,
        due=AUTUMN_END,
        status=ActionStatus.IN_PROGRESS if behind else ActionStatus.DONE,
        resources=aim.resources,
        cost=aim.cost,
        done_on=None if behind else datetime.date(2026, 12, 11),
    )
    criteria = [
        attrs.evolve(criterion, status=CriterionStatus.IN_PROGRESS if reviewed and n == 0 else criterion.status)
        for n, criterion in enumerate(priority.success_criteria)
    ]
    criteria.append(
        SuccessCriterion(
            f"{priority.id}.S{len(criteria) + 1}",
            aim.criterion,
            national_priority=aim.national_priority,
            status=CriterionStatus.IN_PROGRESS,
        )
    )
    updates: tuple[ProgressUpdate, ...] = ()
    if reviewed:
        text = (
            "The first term's action carries into the spring term: it took longer than planned, and the lead has "
            "set a new date with the headteacher."
            if behind
            else "The first term's action is done, and the first of the next steps is under way."
        )
        updates = (ProgressUpdate(TERM_REVIEW, text),)
    return attrs.evolve(
        priority,
        objective=aim.objective,
        lead=aim.lead,
        resources=aim.resources,
        actions=(*actions, own),
        success_criteria=tuple(criteria),
        milestones=(
            Milestone(AUTUMN_END, aim.milestone),
            Milestone(datetime.date(2027, 3, 26), "Progress against the success criteria reviewed with governors"),
        ),
        updates=updates,
    )


def _plan(
    framework: Framework, school: School, evaluation: SelfEvaluation, decided: _Decided, place: int
) -> DevelopmentPlan:
    """The school's plan: drafted by the cycle on its chosen priorities, then made its own, with a term's review."""
    chosen = _chosen(framework, assess(framework, evaluation), decided.plan)
    cycle = run_cycle(framework, evaluation, chosen=chosen)
    notices = check_priorities(framework, chosen, cycle.profile)
    assert not notices, (school.ref, notices)  # noqa: S101 (the hand-written choice is checked before it is written)
    priorities = tuple(
        _own_priority(priority, number, place, reviewed=decided.reviewed)
        for number, priority in enumerate(cycle.plan.priorities)
    )
    plan = attrs.evolve(
        cycle.plan,
        starts=PLAN_STARTS,
        ends=PLAN_ENDS,
        priorities=priorities,
        note=(
            f"The development plan of {school.name}, a fictional school, for 2026 to 2027: drawn from its "
            f"self-evaluation of {evaluation.date} and agreed by its governing body."
        ),
    )
    if decided.reviewed:
        review = review_plan(framework, plan, TERM_REVIEW, evaluation)
        done = sum(1 for action in review.actions if action.status is ActionStatus.DONE)
        summary = (
            f"Autumn term review with governors: {done} of {len(review.actions)} actions done, the rest under way or "
            "planned for later terms. The targets are judged against the October self-evaluation until the next one."
        )
        evidence = ("Governing body minutes, December 2026", "Learning walk notes, autumn term 2026")
        plan = record_review(plan, review, summary, evidence)
    return plan


def _support(
    item: tuple[str, SupportSource, SupportStatus, str | None], school: School, names: dict[str, str]
) -> SupportItem:
    aspect, source, status, partner = item
    topic = AIMS[aspect].topic
    if source is SupportSource.ANOTHER_SCHOOL and partner is not None:
        words, provider = f"Coaching and visits from the leaders of {names[partner]}, to develop {topic}", partner
    elif source is SupportSource.ANOTHER_SCHOOL:
        words, provider = f"A school with a strength in {topic} to visit and learn from", None
    elif source is SupportSource.LOCAL_AUTHORITY:
        words, provider = (
            f"Half-termly visits from the school improvement officer to review {topic}",
            school.local_authority,
        )
    elif source is SupportSource.CLUSTER:
        words, provider = (
            f"Work on {topic} with the schools of the cluster: joint planning and moderation",
            school.cluster,
        )
    elif source is SupportSource.NATIONAL_PROFESSIONAL_LEARNING:
        words, provider = f"Places for staff on the national professional learning offer, to develop {topic}", None
    else:
        words, provider = f"Support from a national support programme, to develop {topic}", None
    return SupportItem((aspect,), words, source, status, provider)


_VIEW_NOTES = {
    -1: "The local authority saw less of this in lessons and pupils' work than the self-evaluation describes; the "
    "school will gather more first-hand evidence before the next review.",
    0: "The school and the local authority see it alike, on the evidence seen on the day.",
    1: "The local authority saw more secure practice than the school credits itself with.",
}


def _record(  # noqa: PLR0913 (the school, its evidence, its plan and the names of its partners)
    framework: Framework,
    school: School,
    profile: StageProfile,
    plan: DevelopmentPlan,
    *,
    decided: _Decided,
    names: dict[str, str],
    place: int,
) -> DiscussionRecord:
    """The record of the school's professional discussion with its local authority, in the week after the plans."""
    assert decided.agreed is not None  # noqa: S101 (only schools with a discussion have one)
    date = DISCUSSIONS + datetime.timedelta(days=place % 5)
    if decided.agreed == decided.plan:
        agreed = plan.chosen
    else:
        planned = {priority.aspects[0]: priority.chosen() for priority in plan.priorities}
        fresh = {c.aspects[0]: c for c in _chosen(framework, profile, decided.agreed)}
        agreed = tuple(planned.get(aspect, fresh[aspect]) for aspect in decided.agreed)
    views = []
    for aspect, apart in decided.views:
        stage = profile.judgement(aspect).stage
        position = (0 if stage is None else stage.position) + apart
        theirs = None if position <= 0 else Stage.at(min(position, 4))
        views.append(AspectView(aspect, stage, theirs, _VIEW_NOTES[apart]))
    participants = [
        Participant("Headteacher", school.name),
        Participant("Chair of governors", school.name),
        Participant("School improvement officer", school.local_authority),
    ]
    participants += [
        Participant("Headteacher", names[partner])
        for _, source, _, partner in decided.support
        if source is SupportSource.ANOTHER_SCHOOL and partner is not None
    ]
    return DiscussionRecord(
        school.ref,
        framework.edition_id,
        date,
        tuple(participants),
        tuple(agreed),
        tuple(views),
        tuple(_support(item, school, names) for item in decided.support),
        tuple(StrengthOffer(aspects, capacity, note) for aspects, capacity, note in decided.offers),
        date + datetime.timedelta(weeks=18),
        decided.notes,
    )


def fictional_decisions(
    framework: Framework, schools: list[School], evaluations: list[SelfEvaluation]
) -> list[DevelopmentPlan | DiscussionRecord]:
    """The schools' own decisions, in register order: each plan, then its school's discussion record if any.

    Raises:
        AssertionError: If a plan or record has a problem, or a choice draws a notice: nothing is written then.
    """
    names = {school.ref: school.name for school in schools}
    evaluation_of = {evaluation.school: evaluation for evaluation in evaluations}
    decisions: list[DevelopmentPlan | DiscussionRecord] = []
    for place, school in enumerate(schools):
        decided = DECISIONS.get(school.ref)
        if decided is None:
            continue
        evaluation = evaluation_of[school.ref]
        plan = _plan(framework, school, evaluation, decided, place)
        problems = plan_problems(framework, plan)
        assert not problems, (school.ref, problems)  # noqa: S101 (checked before it is written)
        decisions.append(plan)
        if decided.agreed is not None:
            record = _record(
                framework, school, assess(framework, evaluation), plan, decided=decided, names=names, place=place
            )
            problems = discussion_problems(framework, record)
            assert not problems, (school.ref, problems)  # noqa: S101 (checked before it is written)
            decisions.append(record)
    return decisions


def decision_lines(decisions: list[DevelopmentPlan | DiscussionRecord]) -> str:
    """The decisions as JSON Lines: one payload per line, each of its own kind, as the self-evaluations are written."""
    return "".join(json.dumps(to_payload(d), ensure_ascii=False, separators=(",", ":")) + "\n" for d in decisions)


def main() -> int:
    """Write the example set: 30 fictional schools in two local authorities, and the decisions of 15 of them."""
    framework = load_framework()
    schools, evaluations = fictional_schools(framework, 30, seed=2026)
    folder = Path(__file__).resolve().parent.parent / "examples" / "local-authority"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "schools.csv").write_text(register_csv(schools), encoding="utf-8")
    (folder / "self-evaluations.jsonl").write_text(json_lines(evaluations), encoding="utf-8")
    decisions = fictional_decisions(framework, schools, evaluations)
    (folder / "decisions.jsonl").write_text(decision_lines(decisions), encoding="utf-8")
    plans = sum(isinstance(d, DevelopmentPlan) for d in decisions)
    sys.stdout.write(
        f"Wrote {len(schools)} fictional schools to {folder}, {plans} of them with their own plans and "
        f"{len(decisions) - plans} with a discussion record\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

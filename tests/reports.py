"""What the renderers are tested on: one school's cycle over two self-evaluations, and the example authority's."""

import datetime
import functools
import json
from html.parser import HTMLParser

from helpers import FRAMEWORK, LOCAL_AUTHORITY, evaluation_of
from school_improvement import (
    ActionState,
    ActionStatus,
    AspectView,
    ChosenPriority,
    Collaboration,
    CriterionState,
    CriterionStatus,
    Cycle,
    DevelopmentPlan,
    DiscussionRecord,
    Evidence,
    EvidenceKind,
    Milestone,
    Participant,
    PlanAction,
    PlanPriority,
    PriorityNotice,
    ProfessionalJudgement,
    ProgressUpdate,
    Rating,
    ReviewRecord,
    Rollup,
    Stage,
    StrengthOffer,
    SuccessCriterion,
    SupportItem,
    SupportSource,
    SupportStatus,
    Survey,
    TargetStanding,
    TargetState,
    load_discussion,
    load_plan,
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


CHOSEN = (
    ChosenPriority(("PV",), "Pupil panels are new.", Stage.BUILDING_MOMENTUM, datetime.date(2027, 7, 31), "wellbeing"),
    ChosenPriority(("LC",), "Few leaders below the head.", Stage.MAKING_PROGRESS, datetime.date(2027, 7, 31)),
)
"""The school's own choice: Using pupil voice a stage on, and Developing leadership capacity, which has no evidence."""


@functools.cache
def chosen_cycle() -> Cycle:
    """The cycle on the latest self-evaluation following the school's choice: one notice, on leadership capacity."""
    return run_cycle(FRAMEWORK, LATEST, chosen=CHOSEN)


PV_3_1 = FRAMEWORK.descriptor("PV.3.1").full_text
OWN_PLAN = DevelopmentPlan(
    "example-school",
    FRAMEWORK.edition_id,
    datetime.date(2026, 11, 1),
    datetime.date(2026, 11, 2),
    datetime.date(2029, 8, 31),
    (
        PlanPriority(
            "P1",
            "Pupils shape what the school does",
            ("PV",),
            "Pupil panels are new and not yet heard in every class.",
            Stage.BUILDING_MOMENTUM,
            datetime.date(2027, 7, 31),
            national_priority="wellbeing",
            lead="Deputy head",
            resources="Two half-days of staff time a term",
            cost=600,
            actions=(
                PlanAction(
                    "P1.A1",
                    "Set up a pupil panel in every class",
                    "PV.3.1",
                    owner="Year 6 teacher",
                    start=datetime.date(2026, 11, 2),
                    due=datetime.date(2026, 12, 1),
                    status=ActionStatus.IN_PROGRESS,
                    resources="Release time",
                    cost=150,
                ),
                PlanAction(
                    "P1.A2",
                    "Ask pupils how the panels are working",
                    owner="Deputy head",
                    start=datetime.date(2026, 11, 2),
                    due=datetime.date(2026, 11, 30),
                    status=ActionStatus.DONE,
                    done_on=datetime.date(2026, 11, 27),
                ),
            ),
            success_criteria=(
                SuccessCriterion(
                    "P1.S1", "Every class has a panel that meets each half term", status=CriterionStatus.IN_PROGRESS
                ),
                SuccessCriterion("P1.S2", PV_3_1, "PV.3.1"),
            ),
            milestones=(Milestone(datetime.date(2027, 3, 31), "A panel in every class"),),
            updates=(ProgressUpdate(datetime.date(2026, 12, 15), "Panels meet in four classes of seven."),),
        ),
        PlanPriority(
            "P2",
            "Families as partners in learning",
            ("FC",),
            "Few families come to school events.",
            Stage.MAKING_PROGRESS,
            datetime.date(2027, 7, 31),
            lead="Headteacher",
            actions=(
                PlanAction(
                    "P2.A1",
                    "Hold a family learning week",
                    owner="Headteacher",
                    start=datetime.date(2027, 1, 4),
                    due=datetime.date(2027, 1, 20),
                ),
                PlanAction("P2.A2", "Invite families to plan the summer fair"),
            ),
            success_criteria=(SuccessCriterion("P2.S1", "Most families come to at least one event a term"),),
        ),
    ),
    reviews=(
        ReviewRecord(
            datetime.date(2026, 12, 1),
            "Panels are starting; the family week is planned.",
            ("Governors' minutes, December 2026", "Notes of the pupil panels"),
            actions=(
                ActionState("P1.A1", ActionStatus.NOT_STARTED),
                ActionState("P1.A2", ActionStatus.DONE),
                ActionState("P2.A1", ActionStatus.NOT_STARTED),
            ),
            criteria=(
                CriterionState("P1.S1", CriterionStatus.NOT_STARTED),
                CriterionState("P1.S2", CriterionStatus.NOT_STARTED),
                CriterionState("P2.S1", CriterionStatus.NOT_STARTED),
            ),
            targets=(
                TargetState("P1", "PV", TargetStanding.ON_TRACK, Stage.MAKING_PROGRESS),
                TargetState("P2", "FC", TargetStanding.ON_TRACK, Stage.STARTING_THE_JOURNEY),
            ),
        ),
    ),
    note="Our plan, agreed by the governing body on 10 November 2026.",
)
"""The school's own plan: pupil voice (an action overdue at the review, so behind) and family engagement (on
track, an action due within the window and one without a date), with a review recorded on 2026-12-01."""
REVIEWED_ON = datetime.date(2027, 1, 10)


@functools.cache
def own_plan_cycle() -> Cycle:
    """The cycle over both self-evaluations following the school's own plan, reviewed on 2027-01-10."""
    return run_cycle(FRAMEWORK, [EARLIER, LATEST], plan=OWN_PLAN, as_of=REVIEWED_ON, stalled_after=2)


DISCUSSION = DiscussionRecord(
    "example-school",
    FRAMEWORK.edition_id,
    datetime.date(2026, 11, 20),
    (
        Participant("Headteacher", "example-school"),
        Participant("Chair of governors"),
        Participant("Local authority improvement officer", "Example Authority"),
    ),
    (
        ChosenPriority(
            ("PV",), "Pupil panels are new.", Stage.BUILDING_MOMENTUM, datetime.date(2027, 7, 31), "wellbeing"
        ),
        ChosenPriority(("FC",), "Few families come to events.", Stage.MAKING_PROGRESS, datetime.date(2027, 7, 31)),
    ),
    (
        AspectView("FC", Stage.STARTING_THE_JOURNEY, Stage.STARTING_THE_JOURNEY),
        AspectView(
            "PV", Stage.BUILDING_MOMENTUM, Stage.MAKING_PROGRESS, "The panels are new; their effect is not seen yet."
        ),
    ),
    (
        SupportItem(
            ("PV",),
            "Visits to a school whose pupil panels are established",
            SupportSource.ANOTHER_SCHOOL,
            SupportStatus.AGREED,
            "fictional-school-07",
        ),
        SupportItem(("FC",), "Training on family engagement", SupportSource.LOCAL_AUTHORITY, SupportStatus.REQUESTED),
        SupportItem(
            ("FC", "PV"),
            "A termly visit from the improvement officer",
            SupportSource.LOCAL_AUTHORITY,
            SupportStatus.AGREED,
        ),
    ),
    (StrengthOffer(("TA",), 2, "Our approach to feedback in mathematics."),),
    datetime.date(2027, 3, 1),
    "The local authority will visit in February.",
)
"""A discussion where the school sees Using pupil voice a stage higher than the local authority does, and both
see Family and community engagement alike (given first, out of the framework's order)."""


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


DECISIONS_AS_OF = datetime.date(2027, 1, 11)
"""The date the example decisions stand at: the start of the spring term."""


@functools.cache
def example_decisions_survey() -> Survey:
    """The thirty example schools at the start of the spring term, with the plans and records of decisions.jsonl."""
    schools = read_school_register((LOCAL_AUTHORITY / "schools.csv").read_bytes())
    lines = (LOCAL_AUTHORITY / "self-evaluations.jsonl").read_text(encoding="utf-8").splitlines()
    evaluations = [load_self_evaluation(line, framework=FRAMEWORK) for line in lines if line.strip()]
    plans, discussions = [], []
    decisions = (LOCAL_AUTHORITY / "decisions.jsonl").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(decisions, start=1):
        name = f"decisions.jsonl line {number}"
        if json.loads(line)["kind"] == "development-plan":
            plans.append(load_plan(line, framework=FRAMEWORK, name=name))
        else:
            discussions.append(load_discussion(line, framework=FRAMEWORK, name=name))
    return survey(FRAMEWORK, schools, evaluations, as_of=DECISIONS_AS_OF, plans=plans, discussions=discussions)


@functools.cache
def example_decisions_rollup() -> Rollup:
    """The example schools with their decisions rolled up, overall and by local authority."""
    return roll_up(FRAMEWORK, example_decisions_survey(), by="local-authority")


@functools.cache
def example_decisions_collaboration() -> Collaboration:
    """The example schools with their decisions matched with the default options."""
    return match_schools(FRAMEWORK, example_decisions_survey())


NOTICED_RECORD = DiscussionRecord(
    "fictional-00001",
    FRAMEWORK.edition_id,
    datetime.date(2026, 11, 20),
    (Participant("Headteacher", "fictional-00001"), Participant("Local authority improvement officer")),
    (
        ChosenPriority(("SV",), "Share the vision more widely.", Stage.BUILDING_MOMENTUM, datetime.date(2027, 7, 31)),
        ChosenPriority(("CU",), "The curriculum is new.", Stage.MAKING_PROGRESS, datetime.date(2027, 7, 31)),
    ),
    (),
    (),
    (),
    datetime.date(2027, 3, 1),
)
"""A discussion of the first example school agreeing Strategic vision at Building momentum, the stage it has
reached, and Developing a curriculum, in which it has not enough evidence: two things to notice."""


@functools.cache
def noticed_survey() -> Survey:
    """The thirty example schools at the start of the spring term, the first following NOTICED_RECORD."""
    schools = read_school_register((LOCAL_AUTHORITY / "schools.csv").read_bytes())
    lines = (LOCAL_AUTHORITY / "self-evaluations.jsonl").read_text(encoding="utf-8").splitlines()
    evaluations = [load_self_evaluation(line, framework=FRAMEWORK) for line in lines if line.strip()]
    return survey(FRAMEWORK, schools, evaluations, as_of=DECISIONS_AS_OF, discussions=[NOTICED_RECORD])


def notices_of(surveyed: Survey) -> dict[str, tuple[PriorityNotice, ...]]:
    """What the library notices about each school's chosen priorities, by reference, as a survey's snapshots hold it."""
    return {snapshot.school.ref: snapshot.notices for snapshot in surveyed.snapshots}


class Page(HTMLParser):
    """An HTML page read with the standard library's parser: every piece of text with its language and elements.

    Attributes:
        texts: Each piece of text, with the elements it sits in (outermost first) and its language.
        tags: Each element's name and attributes, in the order they open.
    """

    EMPTY = frozenset({"meta", "br", "link", "img", "input", "hr"})

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self._open: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[tuple[tuple[str, ...], str, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the element, and keep it open unless it is empty."""
        self.tags.append((tag, dict(attrs)))
        if tag not in self.EMPTY:
            self._open.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note a self-closed element."""
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        """Close the element and any left open inside it."""
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        """Keep the text with the elements around it and the nearest language."""
        language = next((attrs["lang"] or "" for _, attrs in reversed(self._open) if "lang" in attrs), "")
        self.texts.append((tuple(tag for tag, _ in self._open), language, data))

    def text(self, inside: str = "body") -> str:
        """All the text inside the elements of one name."""
        return "".join(data for tags, _, data in self.texts if inside in tags)

    def in_language(self, language: str) -> list[str]:
        """The pieces of text in a language, by the nearest ``lang`` around them."""
        return [data for _, said, data in self.texts if said == language and data.strip()]

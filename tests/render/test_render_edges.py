"""What the reports say at the edges: not applicable, evidence to gather first, comparison only, and old surveys."""

import datetime
import functools
from importlib.resources import files
from xml.etree import ElementTree

from hypothesis import given

from helpers import FRAMEWORK, Rated, evaluation_of
from local_authority import school
from school_improvement import (
    Cycle,
    Evidence,
    EvidenceKind,
    JudgementStatus,
    Rating,
    SelfEvaluation,
    Survey,
    load_self_evaluation,
    match_schools,
    roll_up,
    run_cycle,
    survey,
)
from school_improvement._render.authority_html import html_authority_report
from school_improvement._render.authority_markdown import markdown_authority_report
from school_improvement._render.html import html_report
from school_improvement._render.markdown import markdown_report
from school_improvement._render.text import (
    render_collaboration,
    render_gaps,
    render_plan,
    render_profile,
    render_progress,
    render_recommendation,
    render_rollup,
)
from strategies import self_evaluations

X = "{http://www.w3.org/1999/xhtml}"
NOT_APPLICABLE_PV: tuple[Rated, ...] = tuple((f"PV.{n}.1", Rating.NOT_APPLICABLE, ()) for n in range(1, 5))
"""Using pupil voice marked not applicable throughout."""
FC_OPEN: tuple[Rated, ...] = (("FC.1.1", Rating.FULLY), ("FC.1.2", Rating.FULLY), ("FC.2.1", Rating.PARTLY))
"""Family and community engagement at Starting the journey, with an open gap to Making progress."""


@functools.cache
def _not_applicable_cycle() -> Cycle:
    """Two reviews of a school where Using pupil voice does not apply, Family and community engagement open."""
    spring = evaluation_of(
        *NOT_APPLICABLE_PV,
        *FC_OPEN,
        date=datetime.date(2026, 3, 1),
        evidence=(
            Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 2, 1)),
            Evidence(EvidenceKind.STAFF_VIEWS, datetime.date(2026, 2, 2)),
        ),
    )
    return run_cycle(FRAMEWORK, [spring, evaluation_of(*NOT_APPLICABLE_PV, *FC_OPEN)])


def _page(text: str) -> ElementTree.Element:
    return ElementTree.fromstring(text.split("\n", 1)[1])  # noqa: S314 (our own output, parsed to check it)


def _cells(page: ElementTree.Element) -> list[list[str]]:
    return [["".join(cell.itertext()) for cell in row] for row in page.iter(f"{X}tr")]


def test_every_renderer_says_not_applicable() -> None:
    """An aspect that does not apply is "not applicable" in the profile and progress, as text, Markdown and HTML."""
    cycle = _not_applicable_cycle()
    assert cycle.progress is not None
    assert "PV  Using pupil voice: not applicable" in render_profile(FRAMEWORK, cycle.profile).splitlines()
    progress = render_progress(FRAMEWORK, cycle.progress)
    assert "Using pupil voice (PV): not applicable -> not applicable (does not apply)" in progress
    markdown = markdown_report(FRAMEWORK, cycle).splitlines()
    assert "| Using pupil voice | not applicable | no target | Not applicable to this school (every descriptor is " in (
        "\n".join(markdown)
    )
    assert "| Using pupil voice | not applicable | not applicable |" in markdown
    cells = _cells(_page(html_report(FRAMEWORK, cycle)))
    assert ["Using pupil voice", "not applicable", "no target"] in [row[:3] for row in cells]
    assert ["Using pupil voice", "not applicable", "not applicable"] in cells


def test_the_evidence_to_gather_is_said_in_every_rendering() -> None:
    """Each aspect short of evidence is listed to gather evidence on, in the next steps and the plan of every format."""
    cycle = _not_applicable_cycle()
    lacking = [item.aspect for item in cycle.recommendation.gather_evidence]
    assert lacking == ["SV", "LA", "LC", "LW", "TA", "CU", "SE", "PL"]
    titles = [FRAMEWORK.aspect(code).title.en for code in lacking]
    text = render_recommendation(FRAMEWORK, cycle.recommendation)
    assert "Gather evidence first, to judge these aspects at all:" in text
    assert [line for line in text.splitlines() if line.startswith("  - ")] == [
        f"  - {code}  {title}" for code, title in zip(lacking, titles, strict=True)
    ]
    plan = render_plan(cycle.plan, FRAMEWORK).splitlines()
    start = plan.index("Before planning for them, gather evidence on:")
    assert " ".join(line.strip() for line in plan[start + 1 :]) == " ".join(
        f"- {FRAMEWORK.aspect(item.aspect).title.en} ({item.aspect}): {item.shortfall}"
        for item in cycle.plan.evidence_to_gather
    )
    assert [item.aspect for item in cycle.plan.evidence_to_gather] == lacking
    markdown = markdown_report(FRAMEWORK, cycle)
    section = markdown.split("\n### Gather evidence first\n\n", 1)[1].split("\n\n", 1)[0]
    assert [line.split("**")[1] for line in section.splitlines()] == titles
    assert "\n**Before planning for them, gather evidence on**\n" in markdown
    page = _page(html_report(FRAMEWORK, cycle))
    assert "Gather evidence first" in ["".join(h.itertext()) for h in page.iter(f"{X}h3")]


def _reports(cycle: Cycle) -> tuple[str, str]:
    return markdown_report(FRAMEWORK, cycle), html_report(FRAMEWORK, cycle)


@given(self_evaluations(aspects=("SV", "LW", "PV", "FC")))
def test_nothing_to_question_is_never_said_while_an_aspect_lacks_evidence(evaluation: SelfEvaluation) -> None:
    """A report says "Nothing to question" only when every aspect has evidence enough and no check found anything."""
    cycle = run_cycle(FRAMEWORK, evaluation)
    lacking = any(j.status is JudgementStatus.NOT_ENOUGH_EVIDENCE for j in cycle.profile.judgements)
    for report in _reports(cycle):
        if "Nothing to question" in report:
            assert not lacking
            assert not cycle.findings
        assert ("Gather evidence first" in report) == bool(cycle.recommendation.gather_evidence)


def test_the_demo_does_not_say_nothing_to_question() -> None:
    """The demo school has five aspects without evidence: its report says so, and lists them to gather evidence on."""
    folder = files("school_improvement").joinpath("data", "demo")
    evaluations = [
        load_self_evaluation(folder.joinpath(name).read_bytes(), framework=FRAMEWORK)
        for name in ("ysgol-enghraifft-2025.json", "ysgol-enghraifft-2026.json")
    ]
    cycle = run_cycle(FRAMEWORK, evaluations)
    assert len(cycle.recommendation.gather_evidence) == 5
    for report in _reports(cycle):
        assert "Nothing to question" not in report
        assert "5 of the 10 aspects cannot be judged yet, for want of evidence" in report


HIGH_WATER = evaluation_of(("PV.1.1", Rating.PARTLY), ("PV.3.1", Rating.FULLY), *FC_OPEN)
SAID = (
    "this rule is for comparison only: it shows how far the best work reaches, not the stage reached, so plan from "
    "a rule to judge by"
)


def test_the_rule_line_says_once_that_the_rule_is_for_comparison_only() -> None:
    """Under the high-water mark, the line naming the rule says, once, that it is for comparison only."""
    cycle = run_cycle(FRAMEWORK, HIGH_WATER, "high-water-mark", allow_comparison_only=True)
    profile = render_profile(FRAMEWORK, cycle.profile).splitlines()[1]
    gaps = render_gaps(cycle.gaps).splitlines()[1]
    markdown = next(line for line in markdown_report(FRAMEWORK, cycle).splitlines() if line.startswith("Each stage"))
    for line in (profile, gaps, markdown):
        assert line.count("comparison only") == 1
        assert SAID in line
    assert "comparison only" not in render_gaps(run_cycle(FRAMEWORK, HIGH_WATER).gaps)


OLD_EVIDENCE = (
    Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2025, 5, 1)),
    Evidence(EvidenceKind.STAFF_VIEWS, datetime.date(2025, 5, 2)),
)


@functools.cache
def _old_and_new() -> Survey:
    """School a at Sustaining high standards in Using pupil voice last year; school b early there now."""
    strong = evaluation_of(
        *((f"PV.{n}.1", Rating.FULLY) for n in range(1, 5)),
        school="a",
        date=datetime.date(2025, 6, 1),
        evidence=OLD_EVIDENCE,
    )
    early = evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.PARTLY), school="b")
    return survey(FRAMEWORK, [school("a"), school("b")], [strong, early])


FLAGGED = (
    "Self-evaluations dated 2025-06-01 to 2026-11-01, aged at 2026-11-01. 1 of 2 is more than 365 days old and is "
    "flagged: they offer no strengths to match, and their stages may have moved (a (2025-06-01))."
)


FLAGGED_FACT = (
    "dated 2025-06-01 to 2026-11-01 (each school's date is in the table of schools surveyed); 1 of 2 is more than "
    "365 days old and flagged: School a (2025-06-01). A flagged school offers no strengths to match, and its stages "
    "may have moved since"
)
"""The same, as the reports for an officer say it, the school by its name."""


def test_the_reports_across_schools_give_the_dates_and_flag_old_ones() -> None:
    """The roll-up and the matching, in every format, say the dates surveyed and flag the old self-evaluation."""
    rollup = roll_up(FRAMEWORK, _old_and_new())
    collaboration = match_schools(FRAMEWORK, _old_and_new())
    assert render_rollup(FRAMEWORK, rollup).splitlines()[1] == FLAGGED
    assert render_collaboration(collaboration).splitlines()[1] == FLAGGED
    for part in ({"rollup": rollup}, {"collaboration": collaboration}):
        markdown = markdown_authority_report(FRAMEWORK, **part, survey=_old_and_new())
        assert f"\n- **Self-evaluations:** {FLAGGED_FACT}\n" in markdown
        assert "\n- **Survey date:** 2026-11-01: every self-evaluation and its evidence is aged at this date\n" in (
            markdown
        )
        page = _page(html_authority_report(FRAMEWORK, **part, survey=_old_and_new()))
        facts = ["".join(fact.itertext()) for fact in page.iter(f"{X}dd")]
        assert FLAGGED_FACT in facts
        assert "2026-11-01: every self-evaluation and its evidence is aged at this date" in facts

"""The commands on the school's decisions: its plan (validated, reviewed, summarised, reported), actions, record."""

import json
from pathlib import Path

import pytest

from helpers import LOCAL_AUTHORITY
from school_improvement import DevelopmentPlan, PlanReview, load_framework, loads
from school_improvement._cli.parser import main

SCHOOL = "fictional-00022"
"""Example Primary School 22: a plan with a review recorded, and a discussion record."""
AS_OF = "2027-01-11"


def _line(name: str, kind: str) -> str:
    """The example payload of this kind for the school, as its line in the example set."""
    for line in (LOCAL_AUTHORITY / name).read_text(encoding="utf-8").splitlines():
        payload = json.loads(line)
        if payload["kind"] == kind and payload["data"]["school"] == SCHOOL:
            return line
    raise AssertionError(kind)


@pytest.fixture(autouse=True)
def _in_a_folder_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs in its own folder, where a report written without -o lands, not in the project."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """The school's plan, discussion record and self-evaluation, each in a file of its own."""
    found = {}
    for key, name, kind in [
        ("plan", "decisions.jsonl", "development-plan"),
        ("record", "decisions.jsonl", "discussion-record"),
        ("evaluation", "self-evaluations.jsonl", "self-evaluation"),
    ]:
        path = tmp_path / f"{key}.json"
        path.write_text(_line(name, kind) + "\n", encoding="utf-8")
        found[key] = str(path)
    return found


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """Run the command line; return its exit code, output and errors."""
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_validate_knows_a_plan_and_a_discussion_record_by_their_kind(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    """Validate reads the payload's kind and checks it as what it is, saying what it holds."""
    code, out, err = _run(capsys, "validate", files["plan"])
    assert (code, err) == (0, "")
    assert out == (
        f"{files['plan']}: valid: the development plan of {SCHOOL}, 2026-10-19 to 2027-08-31, 3 priorities, "
        "10 actions, 1 review recorded\n"
    )
    code, out, err = _run(capsys, "validate", files["record"])
    assert (code, err) == (0, "")
    assert out.startswith(f"{files['record']}: valid: the professional discussion of {SCHOOL} on 2026-10-20")


def test_a_plan_that_does_not_fit_is_refused_with_every_problem_and_no_traceback(
    capsys: pytest.CaptureFixture[str], files: dict[str, str], tmp_path: Path
) -> None:
    """An unknown descriptor and dates in the wrong order: exit 2, each problem with its path."""
    payload = json.loads(Path(files["plan"]).read_text(encoding="utf-8"))
    payload["data"]["priorities"][0]["actions"][0]["descriptor"] = "LC.9.9"
    payload["data"]["ends"] = "2026-01-01"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(payload), encoding="utf-8")
    for command in (["validate", str(broken)], ["review", str(broken)], ["actions", str(broken)]):
        code, out, err = _run(capsys, *command)
        assert (code, out) == (2, "")
        assert "$.data.ends: 2026-01-01 is not after the plan starts, 2026-10-19" in err
        assert "Traceback" not in err


def test_review_says_what_is_overdue_and_where_each_target_stands(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    """Review on a date gives the overdue actions, each target's standing and what changed since the last review."""
    code, out, err = _run(capsys, "review", files["plan"], "--self-evaluation", files["evaluation"], "--as-of", AS_OF)
    assert (code, err) == (0, "")
    assert out.startswith(f"Plan review: {SCHOOL}, {AS_OF}")
    assert "Standing: overdue by 24 days" in out
    assert "Target P1/LC: on track at the last review, now behind." in out
    code, out, _ = _run(capsys, "review", files["plan"], "--as-of", AS_OF, "--format", "json")
    review = loads(out, PlanReview)
    assert [t.standing.value for t in review.targets] == ["no-self-evaluation"] * 3
    assert [a.action for a in review.overdue] == ["P1.A4"]
    _, out, _ = _run(capsys, "review", files["plan"], "--as-of", AS_OF, "--format", "json", "--due-within-days", "40")
    assert [a.action for a in loads(out, PlanReview).due] == ["P1.A1", "P2.A1", "P3.A1"]
    _, out, _ = _run(capsys, "review", files["plan"], "--as-of", AS_OF, "--format", "json")
    assert loads(out, PlanReview).due == ()  # none within the default four weeks


def test_review_records_itself_in_the_plan_when_asked(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    """--record writes the plan with the review added, its summary and evidence; --evidence alone is refused."""
    code, out, err = _run(
        capsys, "review", files["plan"], "--as-of", AS_OF, "--record", "Spring term review", "--evidence", "Minutes"
    )
    assert (code, err) == (0, "")
    plan = loads(out, DevelopmentPlan)
    assert [(str(r.date), r.summary, r.evidence) for r in plan.reviews][-1] == (
        AS_OF,
        "Spring term review",
        ("Minutes",),
    )
    code, out, err = _run(capsys, "review", files["plan"], "--as-of", AS_OF, "--evidence", "Minutes")
    assert (code, out) == (2, "")
    assert "--evidence does nothing here: it goes only with --record" in err


def test_the_plan_summary_is_for_parents_and_governors(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    """plan-summary writes plain words; costs only with --include-costs; where we are with a self-evaluation."""
    code, out, err = _run(capsys, "plan-summary", files["plan"], "--format", "markdown")
    assert (code, err) == (0, "")
    assert out.startswith(f"# Our school development plan: {SCHOOL}")
    assert "£" not in out
    assert "Where we are now" not in out
    _, costed, _ = _run(
        capsys,
        "plan-summary",
        files["plan"],
        "--format",
        "markdown",
        "--include-costs",
        "--self-evaluation",
        files["evaluation"],
        "--as-of",
        AS_OF,
    )
    assert "£" in costed
    assert "Where we are now" in costed
    _, page, _ = _run(capsys, "plan-summary", files["plan"])
    assert page.startswith("<!DOCTYPE html>")


def test_the_actions_go_out_as_csv_and_come_back_into_the_plan(
    capsys: pytest.CaptureFixture[str], files: dict[str, str], tmp_path: Path
) -> None:
    """Actions writes CSV; edited in a spreadsheet and read back with --from, the plan carries the edits."""
    code, out, err = _run(capsys, "actions", files["plan"])
    assert (code, err) == (0, "")
    rows = out.splitlines()
    assert rows[0] == "priority,action,text,descriptor,owner,start,due,status,resources,cost,done_on"
    assert len(rows) == 11
    edited = tmp_path / "actions.csv"
    edited.write_text(
        out.replace(",in-progress,", ",In progress,").replace("P1.A1,", "P1.A1,Led by the deputy: ", 1),
        encoding="utf-8",
    )
    code, out, err = _run(capsys, "actions", files["plan"], "--from", str(edited))
    assert (code, err) == (0, "")
    plan = loads(out, DevelopmentPlan)
    assert plan.priorities[0].actions[0].text.startswith("Led by the deputy: ")
    edited.write_text(rows[0] + "\r\nP9,P9.A1,An action,,,,2027-02-30,done,,,\r\n", encoding="utf-8")
    code, out, err = _run(capsys, "actions", files["plan"], "--from", str(edited))
    assert (code, out) == (2, "")
    assert "row 2, column priority" in err
    assert "row 2, column due" in err


def test_discussion_reports_both_views_in_every_format(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    """Discussion shows who took part, the agreed priorities and both views, as text, Markdown or HTML."""
    code, out, err = _run(capsys, "discussion", files["record"], "--self-evaluation", files["evaluation"])
    assert (code, err) == (0, "")
    assert out.startswith(f"Professional discussion: {SCHOOL}, 2026-10-20")
    assert "School improvement officer, Example Authority 2" in out
    _, markdown, _ = _run(capsys, "discussion", files["record"], "--format", "markdown")
    assert markdown.startswith("# ")
    assert "local authority" in markdown.lower()
    _, page, _ = _run(capsys, "discussion", files["record"], "--format", "html")
    assert page.startswith("<!DOCTYPE html>")


def test_report_with_the_plan_renders_the_schools_own_plan_reviewed(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    """Report --plan shows the school's plan and its review instead of a fresh draft."""
    code, out, err = _run(
        capsys,
        "report",
        files["evaluation"],
        "--plan",
        files["plan"],
        "--format",
        "markdown",
        "-o",
        "-",
        "--as-of",
        AS_OF,
    )
    assert (code, err) == (0, "")
    assert "\n## Development plan\n" in out
    assert "(draft)" not in out
    assert "\n## Plan review\n" in out
    _, draft, _ = _run(capsys, "report", files["evaluation"], "--format", "markdown", "-o", "-", "--as-of", AS_OF)
    assert "\n## Development plan (draft)\n" in draft
    assert "\n## Plan review\n" not in draft


def test_a_plan_of_another_school_is_refused_in_the_report(
    capsys: pytest.CaptureFixture[str], files: dict[str, str], tmp_path: Path
) -> None:
    """A plan that is not the self-evaluation's school's: exit 2 with the path, no traceback."""
    payload = json.loads(Path(files["plan"]).read_text(encoding="utf-8"))
    payload["data"]["school"] = "fictional-00001"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(payload), encoding="utf-8")
    code, out, err = _run(capsys, "report", files["evaluation"], "--plan", str(other), "-o", "-", "--as-of", AS_OF)
    assert (code, out) == (2, "")
    assert "$.plan.school" in err


def test_the_bundled_framework_reads_the_example_plans() -> None:
    """Every example plan and record names the bundled edition, so the commands read them without --framework."""
    edition = load_framework().edition_id
    lines = (LOCAL_AUTHORITY / "decisions.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["framework_edition"] for line in lines} == {edition}


def test_the_school_chooses_its_priorities_on_the_command_line(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    """--choose sets the school's priorities, in its order, with targets and dates; none is cut or added."""
    code, out, err = _run(
        capsys,
        "plan",
        files["evaluation"],
        "--format",
        "json",
        "--choose",
        "LC=making-progress@2027-07-16:few leaders below the head",
        "--choose",
        "CU+SV=1@2027-07-16",
        "--choose",
        "PV=2@2027-07-16",
        "--choose",
        "LA=2@2027-07-16",
    )
    assert (code, err) == (0, "")
    plan = loads(out, DevelopmentPlan)
    assert [(p.aspects, p.target.value, p.reason) for p in plan.priorities] == [
        (("LC",), "making-progress", "few leaders below the head"),
        (("CU", "SV"), "starting-the-journey", "chosen by the school (given on the command line)"),
        (("PV",), "making-progress", "chosen by the school (given on the command line)"),
        (("LA",), "making-progress", "chosen by the school (given on the command line)"),
    ]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--choose", "LC=making-progress"], "--choose 'LC=making-progress': write ASPECT[+ASPECT]=STAGE@YYYY-MM-DD"),
        (["--choose", "LC=9@2027-07-16"], "--choose 'LC=9@2027-07-16'"),
        (
            ["--choose", "LC=2@2027-02-30"],
            "--choose 'LC=2@2027-02-30': '2027-02-30' is not a date: there is no such day",
        ),
        (["--choose", "LC=2@2027-07-16", "--max-priorities", "1"], "--max-priorities cannot go with --choose"),
        (["--choose", "LC=2@2027-07-16", "--priority", "PV"], "--priority cannot go with --choose"),
        (["--choose", "XX=2@2027-07-16"], "--choose: 'XX=2@2027-07-16': no aspect has the code 'XX'"),
    ],
)
def test_a_choice_that_cannot_be_followed_is_refused(
    capsys: pytest.CaptureFixture[str], files: dict[str, str], arguments: list[str], said: str
) -> None:
    """A malformed --choose, or one beside the options that shape the library's own recommendation: exit 2."""
    code, out, err = _run(capsys, "next-steps", files["evaluation"], *arguments)
    assert (code, out) == (2, "")
    assert said in err


def test_options_that_would_be_ignored_beside_the_schools_plan_are_refused(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    """A report with --plan and --priority, --max-priorities or --choose: exit 2; the plan is followed as it stands."""
    for extra in (["--priority", "PV"], ["--max-priorities", "1"], ["--choose", "PV=2@2027-07-16"]):
        code, out, err = _run(capsys, "report", files["evaluation"], "--plan", files["plan"], "--as-of", AS_OF, *extra)
        assert (code, out) == (2, "")
        assert f"{extra[0]} cannot go with --plan" in err


def test_a_draft_is_not_published_as_the_schools_plan(
    capsys: pytest.CaptureFixture[str], files: dict[str, str], tmp_path: Path
) -> None:
    """plan-summary refuses the library's draft until the school has made it its own."""
    _, draft, _ = _run(capsys, "plan", files["evaluation"], "--format", "json")
    path = tmp_path / "draft.json"
    path.write_text(draft, encoding="utf-8")
    code, out, err = _run(capsys, "plan-summary", str(path))
    assert (code, out) == (2, "")
    assert "this is the library's draft, not yet the school's plan" in err


def test_validate_says_what_it_notices_about_a_plans_priorities(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    """With --self-evaluation, validate lists what is noticed about the priorities, and the choice stands."""
    code, out, err = _run(capsys, "validate", files["plan"], "--self-evaluation", files["evaluation"])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].endswith("1 review recorded")
    assert lines[1] in {
        "Nothing noticed about its priorities against the self-evaluation of 2026-10-16.",
        "Noticed about its priorities against the self-evaluation of 2026-10-16 (the choice stands):",
    }


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["review", "{plan}", "--due-within-days", "-1"], "--due-within-days -1: give a number of days, 0 or more"),
        (["review", "{plan}", "--record", "  "], "--record: say what the review concluded"),
        (["discussion", "{record}", "--self-evaluation", "{other}"], "the self-evaluation is of 'fictional-00001'"),
        (["review", "{plan}", "--self-evaluation", "{other}"], "the self-evaluation is of 'fictional-00001'"),
        (["validate", "{review}"], "$.kind: validate reads a self-evaluation, a development-plan, a discussion-record"),
    ],
)
def test_command_line_mistakes_are_said_in_command_line_words(
    capsys: pytest.CaptureFixture[str], files: dict[str, str], tmp_path: Path, arguments: list[str], said: str
) -> None:
    """Bad options and a self-evaluation of another school: exit 2, named as the user gave them, no traceback."""
    other = tmp_path / "other.json"
    lines = (LOCAL_AUTHORITY / "self-evaluations.jsonl").read_text(encoding="utf-8").splitlines()
    other.write_text(lines[0], encoding="utf-8")
    _, review, _ = _run(capsys, "review", files["plan"], "--as-of", AS_OF, "--format", "json")
    (tmp_path / "review.json").write_text(review, encoding="utf-8")
    paths = {**files, "other": str(other), "review": str(tmp_path / "review.json")}
    code, out, err = _run(capsys, *[argument.format(**paths) for argument in arguments])
    assert (code, out) == (2, "")
    assert said in err
    assert "Traceback" not in err


def test_a_survey_problem_is_named_at_the_line_it_came_from(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A plan of a school the register lacks: its file and line, and its path in the payload."""
    lines = (LOCAL_AUTHORITY / "decisions.jsonl").read_text(encoding="utf-8").splitlines()
    payload = json.loads(lines[0])
    payload["data"]["school"] = "fictional-99999"
    decisions = tmp_path / "decisions.jsonl"
    decisions.write_text("\n".join([json.dumps(payload), *lines[1:]]) + "\n", encoding="utf-8")
    evaluations, register = str(LOCAL_AUTHORITY / "self-evaluations.jsonl"), str(LOCAL_AUTHORITY / "schools.csv")
    code, out, err = _run(capsys, "rollup", evaluations, str(decisions), "--schools", register, "--as-of", AS_OF)
    assert (code, out) == (2, "")
    assert f"{decisions}: line 1: $.data.school: the register lists no school 'fictional-99999'" in err
    code, out, err = _run(capsys, "rollup", "-", "-", "--schools", register)
    assert (code, out) == (2, "")
    assert "standard input (-) can be read once" in err


def test_what_is_noticed_about_a_choice_is_printed_beside_it(capsys: pytest.CaptureFixture[str]) -> None:
    """next-steps with --choose prints the notices (here, a target already reached), and the choice stands."""
    example = str(LOCAL_AUTHORITY.parent / "ysgol-enghraifft.self-evaluation.json")
    code, out, _ = _run(capsys, "next-steps", example, "--choose", "PV=making-progress@2027-07-16:a say")
    assert code == 0
    assert "Using pupil voice has already reached the target, Making progress" in out
    assert "chosen by the school" in out


def test_the_officer_sees_what_is_noticed_about_each_schools_own_priorities(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The roll-up over the example decisions lists, per school, what is noticed about the priorities it follows."""
    evaluations, register = str(LOCAL_AUTHORITY / "self-evaluations.jsonl"), str(LOCAL_AUTHORITY / "schools.csv")
    decisions = str(LOCAL_AUTHORITY / "decisions.jsonl")
    code, out, err = _run(capsys, "rollup", evaluations, decisions, "--schools", register, "--as-of", AS_OF)
    assert (code, err) == (0, "")
    assert "Noticed about its priorities" in out

"""The rollup and match commands, over the example schools shipped in examples/local-authority/."""

import importlib.util
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from helpers import LOCAL_AUTHORITY, ROOT
from office.workbooks import fill
from school_improvement import Collaboration, Rollup, SelfEvaluation, load_framework, loads
from school_improvement._cli.parser import main

REGISTER = str(LOCAL_AUTHORITY / "schools.csv")
LINES = str(LOCAL_AUTHORITY / "self-evaluations.jsonl")
AS_OF = ("--as-of", "2026-10-16")
"""The example schools' survey date: results on them do not change as the calendar moves on."""


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """Run the command line at the example schools' survey date, unless the arguments give another."""
    dated = list(arguments) if "--as-of" in arguments else [*arguments, *AS_OF]
    code = main(dated)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_rollup_prints_the_spread_of_stages_with_not_enough_evidence_counted_on_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The text roll-up has one line per aspect and the system-level priorities."""
    code, out, err = _run(capsys, "rollup", LINES, "--schools", REGISTER)
    assert code == 0, err
    assert out.startswith("Roll-up of 30 schools")
    assert "\n  Using pupil voice (PV): none yet:" in out
    assert "not enough evidence:" in out
    assert "System-level priorities:" in out


def test_rollup_as_json_is_the_library_payload_grouped_as_asked(capsys: pytest.CaptureFixture[str]) -> None:
    """``--format json`` writes a rollup payload that loads back; ``--by`` groups it."""
    code, out, err = _run(capsys, "rollup", LINES, "--schools", REGISTER, "--by", "local-authority", "--format", "json")
    assert code == 0, err
    rollup = loads(out, Rollup)
    assert [group.group for group in rollup.groups] == ["Example Authority 1", "Example Authority 2"]
    assert sum(len(group.schools) for group in rollup.groups) == len(rollup.overall.schools) == 30


def test_a_folder_of_payloads_gives_the_same_matching_as_the_json_lines_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each line written as its own .json file: the same partnerships."""
    for number, line in enumerate(Path(LINES).read_text(encoding="utf-8").splitlines()):
        (tmp_path / f"{number:03d}.json").write_text(line, encoding="utf-8")
    _, from_lines, _ = _run(capsys, "match", LINES, "--schools", REGISTER, "--format", "json")
    code, from_folder, err = _run(capsys, "match", str(tmp_path), "--schools", REGISTER, "--format", "json")
    assert code == 0, err
    assert from_folder == from_lines
    collaboration = loads(from_folder, Collaboration)
    assert collaboration.total_benefit == sum(p.benefit for p in collaboration.partnerships) > 0


def test_match_options_reach_the_matching(capsys: pytest.CaptureFixture[str]) -> None:
    """A school given no capacity supports nobody; a hard cluster keeps every pair within a cluster."""
    arguments = ["match", LINES, "--schools", REGISTER, "--format", "json", "--same-cluster", "hard"]
    _, out, _ = _run(capsys, *arguments)
    collaboration = loads(out, Collaboration)
    busiest = max({p.supporter for p in collaboration.partnerships})
    _, out, _ = _run(capsys, *arguments, "--capacity-of", f"{busiest}=0")
    without = loads(out, Collaboration)
    assert busiest not in {p.supporter for p in without.partnerships}
    clusters = {
        line.split(",")[0]: line.split(",")[3] for line in Path(REGISTER).read_text(encoding="utf-8").splitlines()
    }
    assert all(clusters[p.supporter] == clusters[p.partner] for p in collaboration.partnerships)
    assert collaboration.options.same_cluster.strictness.value == "hard"


@pytest.mark.parametrize("command", ["rollup", "match"])
def test_reports_for_an_officer_are_well_formed_html_and_markdown(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same renderers as the school report: XML-clean HTML with the attribution, and Markdown."""
    grouped = ["--by", "phase"] if command == "rollup" else []
    code, html, err = _run(capsys, command, LINES, "--schools", REGISTER, "--format", "html", *grouped)
    assert code == 0, err
    ElementTree.fromstring(html.removeprefix("<!DOCTYPE html>\n"))  # noqa: S314 (our own output)
    assert "Open Government Licence v3.0" in html
    assert "not a ranking" in html
    code, markdown, _ = _run(capsys, command, LINES, "--schools", REGISTER, "--format", "markdown")
    assert markdown.startswith("# Across the schools")
    assert ("## Stages across schools" in markdown) == (command == "rollup")
    assert ("## Collaboration" in markdown) == (command == "match")


def test_a_bad_line_is_reported_by_its_number_and_nothing_is_matched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every problem in every line is listed, led by the line's number; exit code 2, no traceback."""
    lines = Path(LINES).read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["data"]["date"] = "31/02/2026"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([lines[0], json.dumps(broken), "", "not json"]) + "\n", encoding="utf-8")
    code, out, err = _run(capsys, "match", str(bad), "--schools", REGISTER)
    assert code == 2
    assert out == ""
    assert "line 2: $.data.date:" in err
    assert "line 4: $: " in err
    assert "Traceback" not in err


def test_a_self_evaluation_of_a_school_missing_from_the_register_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The register must list every school the self-evaluations name."""
    register = tmp_path / "schools.csv"
    register.write_text("\n".join(Path(REGISTER).read_text(encoding="utf-8").splitlines()[:-1]) + "\n")
    code, _, err = _run(capsys, "rollup", LINES, "--schools", str(register))
    assert code == 2
    assert "the register lists no school 'fictional-00030'" in err


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--capacity", "-1"], "--capacity must be a whole number, not negative"),
        (["--min-lead", "0"], "--min-lead must be at least 1"),
        (["--strength-from", "7"], "--strength-from '7': give a stage as 1 to 4"),
        (["--capacity-of", "fictional-00001"], "--capacity-of 'fictional-00001': write REF=N"),
    ],
)
def test_bad_matching_options_are_usage_errors(
    arguments: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each names the option and what to write instead."""
    code, _, err = _run(capsys, "match", LINES, "--schools", REGISTER, *arguments)
    assert code == 2
    assert words in err


def test_a_missing_register_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """The file is named, with why it could not be read."""
    code, _, err = _run(capsys, "rollup", LINES, "--schools", "no-such-register.csv")
    assert code == 2
    assert err == (
        "school-improvement: no-such-register.csv: 1 problem(s):\n"
        "  $: cannot read the file: No such file or directory\n"
    )


def test_the_example_schools_are_what_the_generator_writes() -> None:
    """The shipped files are reproducible from scripts/fictional_schools.py, so they stay in step with the library."""
    script = ROOT / "scripts" / "fictional_schools.py"
    spec = importlib.util.spec_from_file_location("fictional_schools", script)
    assert spec is not None
    assert spec.loader is not None
    fictional_schools = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fictional_schools)
    schools, evaluations = fictional_schools.fictional_schools(load_framework(), 30, seed=2026)
    assert (LOCAL_AUTHORITY / "schools.csv").read_text(encoding="utf-8") == fictional_schools.register_csv(schools)
    assert (LOCAL_AUTHORITY / "self-evaluations.jsonl").read_text(encoding="utf-8") == fictional_schools.json_lines(
        evaluations
    )


DECISIONS = str(LOCAL_AUTHORITY / "decisions.jsonl")
SPRING = ("--as-of", "2027-01-11")
"""The date the example decisions stand at: the start of the spring term."""


def test_the_schools_decisions_given_as_a_second_source_lead_the_matching(capsys: pytest.CaptureFixture[str]) -> None:
    """With decisions.jsonl beside the self-evaluations, School 22 is supported in the aspect it chose."""
    _, plain, _ = _run(capsys, "match", LINES, "--schools", REGISTER, "--format", "json", *SPRING)
    code, decided, err = _run(capsys, "match", LINES, DECISIONS, "--schools", REGISTER, "--format", "json", *SPRING)
    assert code == 0, err

    def support(text: str) -> list[tuple[str, str]]:
        partnerships = loads(text, Collaboration).partnerships
        return [(p.supporter, p.aspect) for p in partnerships if p.partner == "fictional-00022"]

    assert support(plain) == [("fictional-00020", "CU")]
    assert support(decided) == [("fictional-00017", "LC")]
    bases = {basis.school: basis.basis.value for basis in loads(decided, Collaboration).bases}
    assert (bases["fictional-00022"], bases["fictional-00027"], bases["fictional-00002"]) == (
        "agreed",
        "plan",
        "defaults",
    )


def test_the_rollup_with_decisions_counts_the_support_needed_by_source(capsys: pytest.CaptureFixture[str]) -> None:
    """The roll-up of the example set with its decisions lists the support asked for, from all five sources."""
    code, out, err = _run(capsys, "rollup", LINES, DECISIONS, "--schools", REGISTER, "--format", "json", *SPRING)
    assert code == 0, err
    rollup = loads(out, Rollup)
    assert {need.source.value for need in rollup.overall.support} == {
        "local-authority",
        "another-school",
        "cluster",
        "national-professional-learning",
        "national-support-programme",
    }
    assert sum(basis.basis.value == "defaults" for basis in rollup.bases) == 15


def test_one_folder_may_hold_payloads_of_every_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Self-evaluations, plans and records in one folder give what the two files give."""
    lines = Path(LINES).read_text(encoding="utf-8").splitlines()
    lines += Path(DECISIONS).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        (tmp_path / f"{number:03d}.json").write_text(line, encoding="utf-8")
    _, from_files, _ = _run(capsys, "match", LINES, DECISIONS, "--schools", REGISTER, "--format", "json", *SPRING)
    code, from_folder, err = _run(capsys, "match", str(tmp_path), "--schools", REGISTER, "--format", "json", *SPRING)
    assert code == 0, err
    assert from_folder == from_files


def test_a_problem_in_any_source_is_named_with_its_source_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan with an unknown aspect in the second source: exit 2, the source, line and path named, nothing matched."""
    lines = Path(DECISIONS).read_text(encoding="utf-8").splitlines()
    payload = json.loads(lines[0])
    payload["data"]["priorities"][0]["aspects"] = ["XX"]
    broken = tmp_path / "decisions.jsonl"
    broken.write_text("\n".join([json.dumps(payload), *lines[1:]]) + "\n", encoding="utf-8")
    code, out, err = _run(capsys, "match", LINES, str(broken), "--schools", REGISTER, *SPRING)
    assert (code, out) == (2, "")
    assert f"{broken}: line 1: $.data.priorities[0].aspects[0]: no aspect has the code 'XX'" in err
    assert "Traceback" not in err


def test_decisions_dated_after_the_survey_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """Discussion records held after --as-of cannot lead a survey of that date: exit 2, each named."""
    code, out, err = _run(capsys, "rollup", LINES, DECISIONS, "--schools", REGISTER, "--as-of", "2026-10-16")
    assert (code, out) == (2, "")
    assert "after the survey's date" in err


def test_a_school_s_workbook_is_read_in_a_set_as_its_payload_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder holding a school's workbook in place of its payload rolls up the same; so does the workbook alone."""
    lines = Path(LINES).read_text(encoding="utf-8").splitlines()
    first = loads(lines[0], SelfEvaluation)
    (tmp_path / "000.xlsx").write_bytes(fill(first))
    for number, line in enumerate(lines[1:], start=1):
        (tmp_path / f"{number:03d}.json").write_text(line, encoding="utf-8")
    _, from_lines, _ = _run(capsys, "rollup", LINES, "--schools", REGISTER, "--format", "json")
    code, from_folder, err = _run(capsys, "rollup", str(tmp_path), "--schools", REGISTER, "--format", "json")
    assert code == 0, err
    assert from_folder == from_lines
    code, alone, err = _run(capsys, "rollup", str(tmp_path / "000.xlsx"), "--schools", REGISTER, "--format", "json")
    assert code == 0, err
    assert list(loads(alone, Rollup).overall.schools) == [first.school]

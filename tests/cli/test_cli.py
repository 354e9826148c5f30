"""The command line prints the overview, and refuses bad input without a traceback."""

import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from helpers import EXAMPLE as EXAMPLE_FILE, FRAMEWORK
from school_improvement._assessment.rules import RULES
from school_improvement._cli.parser import PAYLOAD_NAMES, RULE_NAMES, main
from school_improvement._interchange.payloads import PAYLOAD_KINDS


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "school_improvement", *arguments],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )


def test_overview_runs_as_a_module() -> None:
    """``python -m school_improvement`` prints the overview and exits 0."""
    result = _run()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("School improvement journeys (estyn-school-improvement-journeys/2026.1)")
    assert "  4. Sustaining high standards" in result.stdout
    assert "  PV  Using pupil voice  [1/1/1/1]" in result.stdout
    assert "not endorsed by Estyn or Welsh Government" in result.stdout


def test_welsh_overview_marks_fallbacks(capsys: pytest.CaptureFixture[str]) -> None:
    """In Welsh, stage names are Welsh and English fallbacks are marked."""
    assert main(["--lang", "cy"]) == 0
    out = capsys.readouterr().out
    assert "  1. dechrau'r daith" in out
    assert "  SV  Strategic vision [English: no Welsh in the sources]" in out
    assert "  presenoldeb" in out


def test_bad_framework_file_exits_2_without_traceback(tmp_path: Path) -> None:
    """A malformed edition file gives one clear message per problem on stderr and exit code 2."""
    path = tmp_path / "mine.json"
    path.write_text('{"format": 1, "stages": 3}', encoding="utf-8")
    result = _run("--framework", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
    assert "$.stages: expected a list, not int" in result.stderr
    assert "$.provenance: required field missing" in result.stderr


def test_bad_argument_exits_2() -> None:
    """An unknown language is a usage error."""
    result = _run("--lang", "fr")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    """With --debug the error's traceback is shown, for whoever is debugging."""
    result = _run("--framework", str(tmp_path / "missing.json"), "--debug")
    assert result.returncode == 1
    assert "FrameworkError" in result.stderr
    assert "Traceback" in result.stderr


EXAMPLE = str(EXAMPLE_FILE)
FRAMEWORK_ATTRIBUTION = FRAMEWORK.provenance.attribution
AS_OF = ("--as-of", "2026-11-02")
"""The example's own date: results on it do not change as the calendar moves on."""
NO_EVIDENCE = "$.data.ratings[6].evidence: FC.3.1 is rated 'fully' with no evidence, so it counts as not rated"
"""The example's one rating given with no evidence, on purpose."""
WARNED = f"school-improvement: warning: {EXAMPLE}: {NO_EVIDENCE}\n"
"""What a command that reads the example says about it on standard error."""


@pytest.mark.parametrize(
    ("arguments", "expected", "stderr"),
    [
        (["assess", EXAMPLE, *AS_OF], "PV  Using pupil voice: Making progress", WARNED),
        (["assess", EXAMPLE, "--rule", "secure-fit", *AS_OF], "Stages judged by the secure-fit rule", WARNED),
        (
            ["gaps", EXAMPLE, "--target", "PV=sustaining-high-standards"],
            "aiming for Sustaining high standards",
            WARNED,
        ),
        (["next-steps", EXAMPLE, "--priority", "PV"], "the school has chosen it as a priority", WARNED),
        (["plan", EXAMPLE], "School development plan (draft): ysgol-enghraifft", WARNED),
        (
            ["validate", EXAMPLE],
            f"valid: ysgol-enghraifft, 2026-11-02, 7 ratings, with 1 warning:\n  warning: {NO_EVIDENCE}",
            "",
        ),
        (["framework", "--aspect", "PV", "--lang", "cy"], "  3. adeiladu momentwm", ""),
        (["template", "--format", "csv"], "code,aspect,stage,descriptor,rating,evidence_kinds,evidence_date,notes", ""),
        (["schema", "gap-analysis"], '"title": "School improvement gap-analysis payload"', ""),
        (["export", "case", "--lang", "cy"], '"language": "cy"', ""),
    ],
    ids=["assess", "rule", "gaps", "next-steps", "plan", "validate", "framework", "template", "schema", "export"],
)
def test_commands_run_on_the_example(arguments: list[str], expected: str, stderr: str) -> None:
    """Each command runs on the bundled example and prints what it promises, warning of its unevidenced rating."""
    result = _run(*arguments)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
    assert result.stderr == stderr


@pytest.mark.parametrize("command", ["assess", "gaps", "next-steps", "plan"])
def test_json_output_is_the_librarys_payload(command: str) -> None:
    """--format json prints the library's own payload for the result."""
    result = _run(command, EXAMPLE, "--format", "json")
    payload = json.loads(result.stdout)
    kinds = {
        "assess": "stage-profile",
        "gaps": "gap-analysis",
        "next-steps": "recommendation",
        "plan": "development-plan",
    }
    assert payload["kind"] == kinds[command]
    assert payload["schema_version"] == 1


def test_stdin_and_output_file(tmp_path: Path) -> None:
    """- reads standard input; -o writes a file; a template written as JSON validates."""
    text = Path(EXAMPLE).read_text(encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "school_improvement", "assess", "-", "--format", "json"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert json.loads(result.stdout)["kind"] == "stage-profile"
    target = tmp_path / "blank.json"
    assert _run("template", "--school", "ysgol-enghraifft", "--date", "2026-11-02", "-o", str(target)).returncode == 0
    assert _run("validate", str(target)).stdout.endswith("0 ratings\n")


def test_spreadsheet_round_trip_on_the_command_line(tmp_path: Path) -> None:
    """A CSV template made without a school and date, filled in, is read back with --school and --date, as it must."""
    sheet = tmp_path / "hunanwerthuso.csv"
    assert _run("template", "--format", "csv", "-o", str(sheet)).returncode == 0
    filled = sheet.read_text(encoding="utf-8").replace(
        "PV.1.1,Using pupil voice,Starting the journey,"
        "Establish arrangements to take account of and act upon the views of pupils.,,,,",
        "PV.1.1,Using pupil voice,,,fully,learner voice; documentation,14/10/2026,Cyngor ysgol",
    )
    sheet.write_text(filled, encoding="utf-8")
    assert "does not say its school and date: give --school and --date" in _run("validate", str(sheet)).stderr
    result = _run("validate", str(sheet), "--school", "ysgol-enghraifft", "--date", "2026-11-02")
    assert result.stdout.endswith("1 ratings\n"), result.stderr


@pytest.mark.parametrize(
    ("arguments", "stdin", "message"),
    [
        (["validate", "-"], '{"schema_version": 1}', "$.kind: required field missing"),
        (
            ["assess", "-"],
            "not json",
            "standard input: 1 problem(s):\n  $: not valid JSON: Expecting value at line 1, column 1\n",
        ),
        (
            ["assess", "missing.json"],
            "",
            "school-improvement: missing.json: 1 problem(s):\n  $: cannot read the file: No such file or directory\n",
        ),
        (["gaps", EXAMPLE, "--target", "PV=9"], "", "write ASPECT=STAGE"),
        (["gaps", EXAMPLE, "--target", "XX=2"], "", "--target: 'XX=2': no aspect has the code 'XX'"),
        (["progress", EXAMPLE, EXAMPLE], "", "$[1].date: two self-evaluations are dated 2026-11-02"),
        (["framework", "--aspect", "XX"], "", "no aspect with code 'XX'"),
        (["template", "--date", "02/11/2026"], "", "argument --date: expected a date as YYYY-MM-DD, not '02/11/2026'"),
    ],
    ids=[
        "bad-payload",
        "not-json",
        "missing-file",
        "bad-target",
        "unknown-target",
        "same-date",
        "unknown-aspect",
        "bad-date",
    ],
)
def test_bad_input_exits_2_with_a_clear_message(arguments: list[str], stdin: str, message: str) -> None:
    """Bad files and arguments print one clear message per problem on stderr, exit 2, and show no traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "school_improvement", *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_demo_writes_a_report(tmp_path: Path) -> None:
    """The demo command, without arguments, runs the cycle on the bundled fictional school and writes a report."""
    result = subprocess.run(
        [sys.executable, "-m", "school_improvement", "demo", "--format", "markdown", *AS_OF],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote the report to ysgol-enghraifft-report.md" in result.stdout
    report = (tmp_path / "ysgol-enghraifft-report.md").read_text(encoding="utf-8")
    assert report.startswith("# Self-evaluation report: Ysgol Enghraifft\n")
    assert "*Ysgol Enghraifft is a fictional school" in report
    for heading in (
        "## Stage profile",
        "## Evidence checks",
        "## Priorities and next steps",
        "## Development plan (draft)",
        "## Progress over time",
    ):
        assert heading in report
    assert "| Using pupil voice | Making progress |" in report
    assert "there is no overall grade" in report
    assert report.rstrip().endswith(FRAMEWORK_ATTRIBUTION)


def test_report_of_one_self_evaluation() -> None:
    """The report command writes Markdown for one self-evaluation (to standard output with -o -), with no progress."""
    result = _run("report", EXAMPLE, "--priority", "PV", "--format", "markdown", "-o", "-", *AS_OF)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Self-evaluation report: ysgol-enghraifft")
    assert "## Progress over time" not in result.stdout
    assert "The school has chosen it as a priority." in result.stdout


def test_parser_choices_match_the_library() -> None:
    """The parser's rule and payload names, kept light for --help, are the library's own."""
    assert sorted(RULES) == list(RULE_NAMES)
    assert sorted(PAYLOAD_KINDS.values()) == list(PAYLOAD_NAMES)


def test_help_loads_none_of_the_library() -> None:
    """--help is answered before the commands, attrs or cattrs are imported."""
    code = (
        "import sys\n"
        "from school_improvement._cli.parser import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('attr', 'cattrs', 'school_improvement._cli.commands'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_demo_html_report_is_well_formed_and_self_contained(tmp_path: Path) -> None:
    """The HTML report is one well-formed file with a journey map (a captioned table) and nothing from elsewhere."""
    result = subprocess.run(
        [sys.executable, "-m", "school_improvement", "demo", "-o", "report.html", *AS_OF],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    root = ElementTree.fromstring(page.split("\n", 1)[1])  # noqa: S314 (our own output, to check it is well-formed)
    xhtml = "{http://www.w3.org/1999/xhtml}"
    assert root.find(f".//{xhtml}script") is None
    assert root.find(f".//{xhtml}link") is None
    assert not [e for e in root.iter() if e.get("src")]
    assert "url(" not in page
    assert "@media print" in page
    hyperlinks = [e.get("href") for e in root.iter(f"{xhtml}a")]
    assert hyperlinks == ["https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"]
    captions = ["".join(caption.itertext()) for caption in root.iter(f"{xhtml}caption")]
    assert any(caption.startswith("Journey map") for caption in captions)
    assert "there is no overall grade" in page
    assert "not endorsed by Estyn or Welsh Government" in page


@pytest.mark.parametrize("report_format", ["html", "markdown"])
def test_welsh_report_uses_welsh_where_a_source_gives_it(report_format: str) -> None:
    """With --lang cy the stage names are Welsh, and the report says what falls back to English."""
    result = _run("demo", "--lang", "cy", "--format", report_format, "-o", "-", *AS_OF)
    assert result.returncode == 0, result.stderr
    assert "adeiladu momentwm" in result.stdout
    assert "gwneud cynnydd" in result.stdout
    assert "Everything else is in English, as no Welsh source gives it." in result.stdout
    english = _run("demo", "--format", report_format, "-o", "-", *AS_OF).stdout
    assert "adeiladu momentwm" not in english

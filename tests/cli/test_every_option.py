"""No option is ignored: every option of every command changes what the command does, in the way it says.

The parser itself is walked for its options, so an option added without a case here fails
``test_every_option_has_a_case``. Each case runs the command twice, without the option (or with another value)
and with it, and names something said only with it (``shows``) or only without it (``hides``).
"""

import argparse
import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import traceback
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

import httpx
import pytest

from helpers import EXAMPLE, LOCAL_AUTHORITY
from school_improvement._cli.parser import build_parser, main

TOP = "school-improvement"
"""The program itself, for the options given before any command."""


class Case(NamedTuple):
    """One option's case: two command lines, and what the second says that the first does not, or the reverse."""

    without: list[str]
    given: list[str]
    shows: str = ""
    """Said with the option, and not without it."""
    hides: str = ""
    """Said without the option, and not with it."""


def _options() -> set[tuple[str, str]]:
    """Every option of the command line, as (command, its long form); the program's own for those before one."""
    parser = build_parser()
    found = {(TOP, action.option_strings[-1]) for action in parser._actions if action.option_strings}  # noqa: SLF001
    for action in parser._actions:  # noqa: SLF001 (argparse has no public way to reach its subparsers)
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sub in action.choices.items():
                found |= {(name, option.option_strings[-1]) for option in sub._actions if option.option_strings}  # noqa: SLF001
    return {(command, option) for command, option in found if option != "--help"}


E = str(EXAMPLE)
"""The example self-evaluation of Ysgol Enghraifft, a fictional school, dated 2026-11-02."""
LINES = str(LOCAL_AUTHORITY / "self-evaluations.jsonl")
DECISIONS = str(LOCAL_AUTHORITY / "decisions.jsonl")
REGISTER = str(LOCAL_AUTHORITY / "schools.csv")
SURVEY = ["--as-of", "2026-10-16"]
"""The example schools' self-evaluations' own date."""
SPRING = "2027-01-11"
"""A date after the example school's plan and discussion: what is due and overdue then does not change."""
STALE = "2027-12-01"
"""A date more than a year after the example: its evidence and self-evaluation are old then."""
OLD = "more than 365 days old"
"""What is said of an old self-evaluation, at its limit."""
PLAN, RECORD, EVALUATION = "plan.json", "record.json", "evaluation.json"
"""Example Primary School 22's plan, discussion record and self-evaluation, written into each test's folder."""
DEMO = ("autumn.json", "spring.json")
"""Ysgol Enghraifft's two self-evaluations (the demo's), written into each test's folder."""
FREE = "{free port}"
"""Stands for a port free on this machine, chosen as the case runs."""
MISSING = "none.json"
"""A file that is not there: an option that reads it names it."""


def _broken(command: list[str]) -> Case:
    """--debug: a command that fails (on a file that is not there) says so, or with --debug raises."""
    return Case(command, [*command, "--debug"], shows="raised")


def _framework(command: list[str]) -> Case:
    """--framework: the command reads the framework file given (one that is not there, here)."""
    return Case(command, [*command, "--framework", MISSING], shows=f"{MISSING}: 1 problem(s)")


def _output(command: list[str]) -> Case:
    """-o: the output goes to the file named."""
    return Case(command, [*command, "-o", "out.txt"], shows="wrote out.txt")


def _school_and_date(command: list[str]) -> dict[str, Case]:
    """--school and --date: checked against the self-evaluation's own (the example's, of 2026-11-02)."""
    return {
        "--school": Case(command, [*command, "--school", "ysgol-arall"], shows="and --school gives 'ysgol-arall'"),
        "--date": Case(command, [*command, "--date", "2026-11-03"], shows="and --date gives '2026-11-03'"),
    }


def _common(command: list[str], failing: list[str]) -> dict[str, Case]:
    """The cases every command of one school has: its framework, --debug and -o."""
    return {"--framework": _framework(command), "--debug": _broken(failing), "--output": _output(command)}


def _planning(name: str) -> dict[str, Case]:
    """gaps, next-steps and plan on the example."""
    base = [name, E]
    cases = {
        **_common(base, [name, MISSING]),
        **_school_and_date(base),
        "--format": Case(base, [*base, "--format", "json"], shows='"schema_version": 1'),
        "--rule": Case(base, [*base, "--rule", "secure-fit"], shows=SECURE_FIT[name]),
        "--target": Case(base, [*base, "--target", "PV=4"], shows=TARGETED[name]),
        "--choose": Case(base, [*base, "--choose", "LC=2@2027-07-16:few leaders"], shows=CHOSEN[name]),
        "--allow-comparison-only": Case(
            [*base, "--rule", "high-water-mark"],
            [*base, "--rule", "high-water-mark", "--allow-comparison-only"],
            hides="the high-water-mark rule is for comparison only",
        ),
    }
    if name != "gaps":
        cases["--priority"] = Case(base, [*base, "--priority", "PV"], shows=PRIORITY[name])
        cases["--max-priorities"] = Case(base, [*base, "--max-priorities", "1"], hides=SECOND[name])
    return cases


SECURE_FIT = {
    "gaps": "Starting the journey now",
    "next-steps": "Family and community engagement (towards Making progress",
    "plan": "Family and community engagement: from Starting the journey to Making progress.",
}
TARGETED = {
    "gaps": "aiming for Sustaining high standards",
    "next-steps": "Sustaining high standards",
    "plan": "Sustaining high standards",
}
CHOSEN = {"gaps": "LC  not-enough-evidence, progress 0%", "next-steps": "chosen by the school", "plan": "few leaders"}
PRIORITY = {"next-steps": "the school has chosen it as a priority", "plan": "Priority 1: Using pupil voice"}
SECOND = {"next-steps": "2. Using pupil voice", "plan": "Priority 2"}


def _cases() -> dict[tuple[str, str], Case]:
    """Every option's case, by (command, option)."""
    cases: dict[tuple[str, str], Case] = {}

    def add(command: str, found: dict[str, Case]) -> None:
        cases.update({(command, option): case for option, case in found.items()})

    add(
        TOP,
        {
            "--lang": Case([], ["--lang", "cy"], shows="dechrau'r daith"),
            "--framework": Case([], ["--framework", MISSING], shows=f"{MISSING}: 1 problem(s)"),
            "--debug": Case(["--framework", MISSING], ["--debug", "--framework", MISSING], shows="raised"),
            "--version": Case([], ["--version"], shows=f"school-improvement {version('school-improvement')}"),
        },
    )
    add(
        "framework",
        {
            **_common(["framework"], ["framework", "--aspect", "XX"]),
            "--aspect": Case(["framework"], ["framework", "--aspect", "PV"], shows="PV.1.1  Establish arrangements"),
            "--lang": Case(["framework"], ["framework", "--lang", "cy"], shows="dechrau'r daith"),
            "--format": Case(["framework"], ["framework", "--format", "json"], shows='"kind": "framework"'),
        },
    )
    csv = ["template", "--format", "csv"]
    add(
        "template",
        {
            **_common(["template"], ["template", "--framework", MISSING]),
            "--format": Case(["template"], csv, shows="code,aspect,stage,descriptor"),
            "--school": Case(csv, [*csv, "--school", "ysgol-enghraifft"], shows="school,ysgol-enghraifft"),
            "--date": Case(csv, [*csv, "--date", "2026-11-02"], shows="date,2026-11-02"),
            "--force": Case(
                ["template", "-o", EVALUATION],
                ["template", "-o", EVALUATION, "--force"],
                shows="exit 0",
                hides="exit 2",
            ),
        },
    )
    add(
        "validate",
        {
            **_common(["validate", E], ["validate", MISSING]),
            **_school_and_date(["validate", E]),
            "--format": Case(["validate", E], ["validate", E, "--format", "json"], shows='"valid": true'),
            "--self-evaluation": Case(
                ["validate", PLAN],
                ["validate", PLAN, "--self-evaluation", EVALUATION],
                shows="about its priorities against the self-evaluation of 2026-10-16",
            ),
        },
    )
    assess = ["assess", E]
    stale = [*assess, "--as-of", STALE]
    add(
        "assess",
        {
            **_common(assess, ["assess", MISSING]),
            **_school_and_date(assess),
            "--format": Case(assess, [*assess, "--format", "json"], shows='"kind": "stage-profile"'),
            "--rule": Case(assess, [*assess, "--rule", "secure-fit"], shows="secure-fit"),
            "--as-of": Case(assess, stale, shows=f"before {STALE}"),
            "--max-age-days": Case(stale, [*stale, "--max-age-days", "400"], hides=f"before {STALE}"),
        },
    )
    for name in ("gaps", "next-steps", "plan"):
        add(name, _planning(name))
    review = ["review", PLAN, "--as-of", SPRING]
    recorded = [*review, "--record", "Spring term"]
    judged = [*review, "--self-evaluation", EVALUATION]
    add(
        "review",
        {
            **_common(review, ["review", MISSING]),
            **_school_and_date(judged),
            "--format": Case(review, [*review, "--format", "json"], shows='"kind": "plan-review"'),
            "--due-within-days": Case(review, [*review, "--due-within-days", "60"], shows=DUE_LATER),
            "--record": Case(review, recorded, shows='"summary": "Spring term"'),
            "--evidence": Case(recorded, [*recorded, "--evidence", "Council minutes"], shows='"Council minutes"'),
            "--self-evaluation": Case(review, judged, shows=JUDGED_TARGET),
            "--rule": Case(judged, [*judged, "--rule", "secure-fit"], shows=SECURE_TARGET),
            "--as-of": Case(["review", PLAN, "--as-of", "2026-11-02"], review, shows=f"{SPRING}"),
        },
    )
    summary = ["plan-summary", PLAN, "--format", "markdown"]
    summarised = [*summary, "--self-evaluation", EVALUATION]
    add(
        "plan-summary",
        {
            **_common(summary, ["plan-summary", MISSING]),
            **_school_and_date(summarised),
            "--format": Case(["plan-summary", PLAN], summary, shows="\n## "),
            "--lang": Case(summary, [*summary, "--lang", "cy"], shows="gwneud cynnydd"),
            "--include-costs": Case(summary, [*summary, "--include-costs"], shows="£"),
            "--self-evaluation": Case(summary, summarised, shows=WHERE_IT_STANDS),
            "--rule": Case(summarised, [*summarised, "--rule", "secure-fit"], shows=SECURE_STANDS),
            "--as-of": Case(
                [*summarised, "--as-of", "2026-11-02"], [*summarised, "--as-of", SPRING], shows=SPRING_STANDS
            ),
        },
    )
    add(
        "actions",
        {
            **_common(["actions", PLAN], ["actions", MISSING]),
            "--from": Case(
                ["actions", PLAN], ["actions", PLAN, "--from", "actions.csv"], shows='"kind": "development-plan"'
            ),
        },
    )
    discussion = ["discussion", RECORD]
    seen = [*discussion, "--self-evaluation", EVALUATION]
    markdown = [*discussion, "--format", "markdown"]
    add(
        "discussion",
        {
            **_common(discussion, ["discussion", MISSING]),
            **_school_and_date(seen),
            "--format": Case(discussion, markdown, shows="\n## "),
            "--lang": Case(markdown, [*markdown, "--lang", "cy"], shows="gwneud cynnydd"),
            "--self-evaluation": Case(discussion, seen, shows=EVIDENCE_GIVES),
            "--rule": Case(seen, [*seen, "--rule", "secure-fit"], shows=SECURE_DISCUSSION),
        },
    )
    progress = ["progress", *DEMO]
    add(
        "progress",
        {
            **_common(progress, ["progress", MISSING]),
            "--stalled-after": Case(progress, [*progress, "--stalled-after", "1"], shows="stalled"),
            "--format": Case(progress, [*progress, "--format", "json"], shows='"kind": "progress-report"'),
            "--rule": Case(progress, [*progress, "--rule", "secure-fit"], shows="secure-fit"),
            "--school": Case(
                progress, [*progress, "--school", "ysgol-arall"], shows="and --school gives 'ysgol-arall'"
            ),
            "--date": Case(
                progress, [*progress, "--date", "2025-11-03", "--date", "2026-11-03"], shows="and --date gives"
            ),
        },
    )
    report = ["report", E, "--format", "markdown", "-o", "-", "--as-of", "2026-11-02"]
    aged = ["report", E, "--format", "markdown", "-o", "-", "--as-of", STALE]
    hwm = [*report, "--rule", "high-water-mark"]
    add(
        "report",
        {
            "--framework": _framework(report),
            "--debug": _broken(["report", MISSING]),
            "--output": Case(["report", E], ["report", E, "-o", "out.txt"], shows="wrote out.txt"),
            **_school_and_date(report),
            "--format": Case(["report", E, "-o", "-"], ["report", E, "-o", "-", "--format", "markdown"], shows="# "),
            "--lang": Case(report, [*report, "--lang", "cy"], shows="gwneud cynnydd"),
            "--plan": Case(
                ["report", EVALUATION, "--format", "markdown", "-o", "-", "--as-of", SPRING],
                ["report", EVALUATION, "--format", "markdown", "-o", "-", "--as-of", SPRING, "--plan", PLAN],
                shows="## Plan review",
            ),
            "--rule": Case(report, [*report, "--rule", "secure-fit"], shows="secure-fit rule"),
            "--school-name": Case(
                report,
                [*report, "--school-name", "Ysgol Enghraifft"],
                shows="# Self-evaluation report: Ysgol Enghraifft",
            ),
            "--as-of": Case(report, aged, shows=f"before {STALE}"),
            "--max-age-days": Case(aged, [*aged, "--max-age-days", "400"], hides=f"before {STALE}"),
            "--target": Case(report, [*report, "--target", "PV=4"], shows="aiming for Sustaining high standards"),
            "--choose": Case(report, [*report, "--choose", "LC=2@2027-07-16:few leaders"], shows="few leaders"),
            "--priority": Case(report, [*report, "--priority", "PV"], shows="The school has chosen it as a priority."),
            "--max-priorities": Case(
                report, [*report, "--max-priorities", "1"], shows="left out to keep the priorities few"
            ),
            "--allow-comparison-only": Case(hwm, [*hwm, "--allow-comparison-only"], shows="exit 0", hides="exit 2"),
        },
    )
    demo = ["demo", "--format", "markdown", "-o", "-", "--as-of", "2026-11-02"]
    demo_aged = ["demo", "--format", "markdown", "-o", "-", "--as-of", STALE]
    demo_hwm = [*demo, "--rule", "high-water-mark"]
    add(
        "demo",
        {
            "--debug": _broken(["demo", "--as-of", "2026-11-01"]),
            "--output": Case(["demo"], ["demo", "-o", "out.txt"], shows="wrote out.txt"),
            "--format": Case(["demo", "-o", "-"], ["demo", "-o", "-", "--format", "markdown"], shows="# "),
            "--lang": Case(demo, [*demo, "--lang", "cy"], shows="gwneud cynnydd"),
            "--rule": Case(demo, [*demo, "--rule", "secure-fit"], shows="secure-fit rule"),
            "--as-of": Case(demo, demo_aged, shows=f"before {STALE}"),
            "--max-age-days": Case(demo_aged, [*demo_aged, "--max-age-days", "400"], hides=f"before {STALE}"),
            "--allow-comparison-only": Case(
                demo_hwm, [*demo_hwm, "--allow-comparison-only"], shows="exit 0", hides="exit 2"
            ),
        },
    )
    for name in ("rollup", "match"):
        across = [name, LINES, "--schools", REGISTER, *SURVEY]
        report_across = [*across, "--format", "markdown"]
        add(
            name,
            {
                **_common(across, [name, MISSING, "--schools", REGISTER]),
                "--schools": Case(across, [name, LINES, "--schools", "other.csv", *SURVEY], shows="other.csv"),
                "--format": Case(across, [*across, "--format", "json"], shows=f'"kind": "{KIND[name]}"'),
                "--lang": Case(report_across, [*report_across, "--lang", "cy"], shows="gwneud cynnydd"),
                "--rule": Case(across, [*across, "--rule", "secure-fit"], shows=ACROSS_SECURE[name]),
                "--as-of": Case(
                    across, [name, LINES, "--schools", REGISTER, "--as-of", STALE], shows=f"aged at {STALE}"
                ),
                "--max-age-days": Case(
                    [name, LINES, "--schools", REGISTER, "--as-of", STALE],
                    [name, LINES, "--schools", REGISTER, "--as-of", STALE, "--max-age-days", "500"],
                    shows="None is more than 500 days old",
                    hides=OLD,
                ),
            },
        )
    across = ["rollup", LINES, "--schools", REGISTER, *SURVEY]
    add(
        "rollup",
        {
            "--by": Case(across, [*across, "--by", "cluster"], shows=BY_CLUSTER),
            "--averages": Case(across, [*across, "--averages"], shows=AVERAGE),
        },
    )
    add("match", _matching())
    add("schema", {"--output": _output(["schema"])})
    served = ["serve", "--port", FREE]
    add(
        "serve",
        {
            "--framework": _framework(served),
            "--debug": Case(
                [*served, "--framework", MISSING],
                [*served, "--framework", MISSING, "--debug"],
                shows="Traceback (most recent call last)",
            ),
            "--port": Case(["serve"], served, hides="answers at http://127.0.0.1:8000/ "),
            "--host": Case(served, [*served, "--host", "127.0.0.2"], shows="answers at http://127.0.0.2:"),
            "--workers": Case(served, [*served, "--workers", "2"], shows="Started parent process"),
            "--root-path": Case(
                served,
                [*served, "--root-path", "/school-improvement"],
                shows="servers [{'url': '/school-improvement'}]",
            ),
        },
    )
    export = ["export", "case"]
    add(
        "export",
        {
            **_common(export, ["export", "case", "--framework", MISSING]),
            "--lang": Case(export, [*export, "--lang", "cy"], shows='"language": "cy"'),
        },
    )
    return cases


def _matching() -> dict[str, Case]:
    """The options that shape the matching, each against the default."""
    match = ["match", LINES, "--schools", REGISTER, *SURVEY]
    soft_authority = [*match, "--same-local-authority", "soft"]
    hard = {name: [*match, f"--same-{name}", "hard"] for name in ("cluster", "phase", "medium")}
    return {
        "--capacity": Case(match, [*match, "--capacity", "1"], shows=MATCHED["capacity"]),
        "--capacity-of": Case(match, [*match, "--capacity-of", "fictional-00008=0"], hides=MATCHED["capacity-of"]),
        "--partner-limit": Case(match, [*match, "--partner-limit", "2"], shows=MATCHED["partner-limit"]),
        "--min-lead": Case(match, [*match, "--min-lead", "2"], shows=MATCHED["min-lead"]),
        "--strength-from": Case(
            match, [*match, "--strength-from", "sustaining-high-standards"], shows=MATCHED["strength-from"]
        ),
        "--same-local-authority": Case(match, soft_authority, shows=MATCHED["same-local-authority"]),
        "--local-authority-penalty": Case(
            soft_authority,
            [*soft_authority, "--local-authority-penalty", "9"],
            shows=MATCHED["local-authority-penalty"],
        ),
        **{
            f"--same-{name}": Case(match, hard[name], shows=MATCHED[f"same-{name}"])
            for name in ("cluster", "phase", "medium")
        },
        **{
            f"--{name}-penalty": Case(match, [*match, f"--{name}-penalty", "9"], shows=MATCHED[f"{name}-penalty"])
            for name in ("cluster", "phase", "medium")
        },
    }


KIND = {"rollup": "rollup", "match": "collaboration"}
DUE_LATER = "Standing: due in 32 days"
JUDGED_TARGET = "The targets are judged against the self-evaluation of 2026-10-16"
SECURE_TARGET = "secure-fit rule"
WHERE_IT_STANDS = "**Where we are now"
SECURE_STANDS = "Developing leadership capacity: on track (now at no stage yet)"
SPRING_STANDS = "reviewed 11 January 2027"
EVIDENCE_GIVES = "The evidence column is the stage profile of the self-evaluation of 2026-10-16."
SECURE_DISCUSSION = "evidence gives (secure-fit rule)"
ACROSS_SECURE = {"rollup": "Strategic vision (SV): none yet:26", "match": "1 partnerships, total benefit 1 "}
BY_CLUSTER = "Cluster 2 (8 schools)"
AVERAGE = "mean"
MATCHED = {
    "capacity": "25 partnerships, total benefit 107 ",
    "capacity-of": "30 partnerships, total benefit 133 ",
    "partner-limit": "44 partnerships, total benefit 168 ",
    "min-lead": "27 partnerships, total benefit 126 ",
    "strength-from": "25 partnerships, total benefit 109 ",
    "same-local-authority": "30 partnerships, total benefit 134 ",
    "local-authority-penalty": "30 partnerships, total benefit 133 ",
    "same-cluster": "29 partnerships, total benefit 129 ",
    "same-phase": "28 partnerships, total benefit 123 ",
    "same-medium": "29 partnerships, total benefit 127 ",
    "cluster-penalty": "29 partnerships, total benefit 129 ",
    "phase-penalty": "28 partnerships, total benefit 123 ",
    "medium-penalty": "29 partnerships, total benefit 127 ",
}
"""What the matching of the example schools says in its first line, with each option."""
CASES = _cases()


def test_every_option_has_a_case() -> None:
    """Every option of every command, and of the program itself, has a case here; no case is left over."""
    assert set(CASES) == _options()


def _line(name: str, kind: str, school: str) -> str:
    """The example payload of this kind for the school, as its line in the example set."""
    for line in (LOCAL_AUTHORITY / name).read_text(encoding="utf-8").splitlines():
        payload = json.loads(line)
        if payload["kind"] == kind and payload["data"]["school"] == school:
            return line
    raise AssertionError(kind)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of the files the cases read, the current folder while the test runs."""
    monkeypatch.chdir(tmp_path)
    school = "fictional-00022"
    (tmp_path / PLAN).write_text(_line("decisions.jsonl", "development-plan", school), encoding="utf-8")
    (tmp_path / RECORD).write_text(_line("decisions.jsonl", "discussion-record", school), encoding="utf-8")
    (tmp_path / EVALUATION).write_text(_line("self-evaluations.jsonl", "self-evaluation", school), encoding="utf-8")
    demo = files("school_improvement").joinpath("data", "demo")
    for name, packaged in zip(DEMO, ("ysgol-enghraifft-2025.json", "ysgol-enghraifft-2026.json"), strict=True):
        (tmp_path / name).write_bytes(demo.joinpath(packaged).read_bytes())
    return tmp_path


def _free_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


def _served(arguments: list[str], folder: Path) -> str:
    """What ``serve`` says and answers: run as a process of its own, asked for its description, then stopped."""
    port = _free_port()
    words = [port if word == FREE else word for word in arguments]
    host = words[words.index("--host") + 1] if "--host" in words else "127.0.0.1"
    listening = words[words.index("--port") + 1] if "--port" in words else "8000"
    process = subprocess.Popen(
        [sys.executable, "-m", "school_improvement", *words],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    answered = "no answer"
    deadline = time.monotonic() + 30
    while process.poll() is None and time.monotonic() < deadline:
        try:
            described = httpx.get(f"http://{host}:{listening}/openapi.json", timeout=2).json()
        except httpx.TransportError:
            time.sleep(0.1)
            continue
        answered = f"answers at http://{host}:{listening}/ with servers {described.get('servers')}"
        break
    if process.poll() is None:
        process.send_signal(signal.SIGINT)  # as Ctrl+C stops it
    out, err = process.communicate(timeout=30)
    return "\n".join([f"exit {process.returncode}", answered, out, err])


def _said(arguments: list[str], folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Everything the command line says: exit code, output, errors, a traceback if raised, and each file it writes.

    ``serve`` runs as a process of its own, until it answers (see ``_served``).
    """
    if arguments[:1] == ["serve"]:
        return _served(arguments, folder)
    before = {path.name for path in folder.iterdir()}
    if "--from" in arguments:  # the actions, as a spreadsheet would give them back
        assert main(["actions", PLAN, "-o", "actions.csv"]) == 0
        before.add("actions.csv")
    try:
        code: object = main(arguments)
    except SystemExit as stop:
        code = stop.code
    except Exception:  # noqa: BLE001 (--debug raises whatever failed, for the traceback)
        code = f"raised {traceback.format_exc()}"
    captured = capsys.readouterr()
    written = [
        f"wrote {path.name}:\n{path.read_text(encoding='utf-8')}"
        for path in sorted(folder.iterdir())
        if path.name not in before
    ]
    for path in folder.iterdir():
        if path.name not in before:
            path.unlink() if path.is_file() else shutil.rmtree(path)
    return "\n".join([f"exit {code}", captured.out, captured.err, *written])


@pytest.mark.parametrize(("command", "option"), sorted(CASES), ids=[" ".join(key) for key in sorted(CASES)])
def test_the_option_is_not_ignored(command: str, option: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command says something with the option that it does not without it (or the reverse), as the case names."""
    case = CASES[command, option]
    without = _said(case.without, folder, capsys)
    given = _said(case.given, folder, capsys)
    assert case.shows or case.hides
    if case.shows:
        assert case.shows in given, given[-3000:]
        assert case.shows not in without, without[-3000:]
    if case.hides:
        assert case.hides in without, without[-3000:]
        assert case.hides not in given, given[-3000:]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["framework", "--format", "json", "--aspect", "PV"], "--aspect does nothing here: it goes only with --format"),
        (["template", "--force"], "--force does nothing here: it goes only with -o FILE"),
        (
            ["framework", "--format", "json", "--lang", "cy"],
            "--lang does nothing here: it goes only with --format text",
        ),
        (
            ["--lang", "en", "framework", "--format", "json"],
            "--lang does nothing here: it goes only with --format text",
        ),
        (["assess", E, "--format", "json", "--as-of", "2026-11-02"], "--as-of does nothing here: it goes only with --"),
        (["assess", E, "--format", "json", "--max-age-days", "9"], "--max-age-days does nothing here: it goes only"),
        (["gaps", E, "--allow-comparison-only"], "it goes only with a rule offered only for comparison"),
        (["review", PLAN, "--rule", "secure-fit"], "--rule does nothing here: it goes only with --self-evaluation"),
        (["review", PLAN, "--school", "s", "--date", "2026-11-02"], "--school, --date do nothing here: they go only"),
        (["review", PLAN, "--record", "Done", "--due-within-days", "9"], "it goes only without --record"),
        (["review", PLAN, "--record", "Done", "--format", "text"], "--format text cannot go with --record"),
        (["review", PLAN, "--evidence", "Minutes"], "--evidence does nothing here: it goes only with --record"),
        (["plan-summary", PLAN, "--as-of", SPRING], "--as-of does nothing here: it goes only with --self-evaluation"),
        (
            ["plan-summary", PLAN, "--rule", "secure-fit"],
            "--rule does nothing here: it goes only with --self-evaluation",
        ),
        (
            ["discussion", RECORD, "--rule", "secure-fit"],
            "--rule does nothing here: it goes only with --self-evaluation",
        ),
        (
            ["discussion", RECORD, "--lang", "cy"],
            "--lang does nothing here: it goes only with --format markdown or html",
        ),
        (["validate", E, "--self-evaluation", EVALUATION], "--self-evaluation goes with a development plan or"),
        (["validate", PLAN, "--school", "s"], "--school does nothing here: it goes only with a self-evaluation"),
        (["rollup", LINES, "--schools", REGISTER, "--lang", "cy"], "--lang does nothing here: it goes only with --for"),
        (["match", LINES, "--schools", REGISTER, "--cluster-penalty", "2", "--same-cluster", "hard"], "--same-clu"),
        (
            ["match", LINES, "--schools", REGISTER, "--local-authority-penalty", "2"],
            "only with --same-local-authority soft",
        ),
        (["gaps", E, "--as-of", "2026-11-02"], "unrecognised arguments: --as-of 2026-11-02"),
        (["gaps", E, "--priority", "PV"], "unrecognised arguments: --priority PV"),
    ],
)
def test_an_option_where_it_would_do_nothing_is_refused(
    arguments: list[str], said: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Given where it would change nothing, an option is refused (exit 2), naming it and what it needs."""
    assert main(arguments) == 2
    captured = capsys.readouterr()
    if "json" in arguments:
        assert json.loads(captured.out)["problems"][0]["message"].startswith(said)
    else:
        assert captured.out == ""
    assert said in captured.err
    command = next(word for word in arguments if word in {command for command, _ in CASES})
    assert f"usage: school-improvement {command}" in captured.err
    assert not [path for path in folder.iterdir() if path.name.startswith("out")]


def test_a_template_never_replaces_a_file_unless_told_to(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file already where the template would go may be a self-evaluation filled in: it is kept, nothing written."""
    filled = (folder / EVALUATION).read_bytes()
    assert main(["template", "--format", "csv", "-o", EVALUATION]) == 2
    assert f"{EVALUATION} is already there, and may be a self-evaluation filled in" in capsys.readouterr().err
    assert (folder / EVALUATION).read_bytes() == filled
    assert main(["template", "--format", "csv", "-o", EVALUATION, "--force"]) == 0
    assert (folder / EVALUATION).read_text(encoding="utf-8").startswith("code,aspect,stage,descriptor")

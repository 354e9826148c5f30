"""The command line: the improvement cycle for people who do not write Python.

Exit codes: 0 on success, 2 for a usage or input error (one message per
problem on stderr), 1 for any other failure. No traceback unless ``--debug``.
"""

import argparse
import datetime
import sys
from collections.abc import Callable, Sequence
from importlib.resources import files
from pathlib import Path

from school_improvement._assessment import StageProfile, assess
from school_improvement._case import case_json
from school_improvement._content import load_framework, read_framework
from school_improvement._errors import InputError, SchoolImprovementError
from school_improvement._evidence import SelfEvaluation
from school_improvement._framework import Framework
from school_improvement._gaps import GapAnalysis, Target, find_gaps
from school_improvement._inputs import load_self_evaluation, schema_texts
from school_improvement._next_steps import Recommendation, recommend
from school_improvement._overview import overview
from school_improvement._payloads import PAYLOAD_KINDS, dumps
from school_improvement._plan import draft_plan
from school_improvement._progress import track_progress
from school_improvement._quality import check_evidence
from school_improvement._render_markdown import Cycle, markdown_report
from school_improvement._render_text import (
    render_gaps,
    render_plan,
    render_profile,
    render_progress,
    render_recommendation,
)
from school_improvement._rules import RULES
from school_improvement._spreadsheet import csv_template, read_self_evaluation_csv
from school_improvement._stage import Stage

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class UsageError(SchoolImprovementError):
    """A command-line argument is wrong."""


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as error:
        msg = f"{path}: cannot read the file: {error.strerror}"
        raise UsageError(msg) from None


def _write(text: str, output: str | None) -> None:
    if output in {None, "-"}:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        Path(str(output)).write_text(text, encoding="utf-8")
    except OSError as error:
        msg = f"{output}: cannot write the file: {error.strerror}"
        raise UsageError(msg) from None


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        msg = f"{text!r} is not a date: use YYYY-MM-DD"
        raise argparse.ArgumentTypeError(msg) from None


def _framework(arguments: argparse.Namespace) -> Framework:
    return read_framework(arguments.framework) if arguments.framework else load_framework()


def _evaluation(framework: Framework, path: str, arguments: argparse.Namespace) -> SelfEvaluation:
    raw = _read_bytes(path)
    if path.lower().endswith(".csv"):
        if not arguments.school or not arguments.date:
            msg = f"{path}: a spreadsheet needs --school and --date"
            raise UsageError(msg)
        return read_self_evaluation_csv(raw, framework, school=arguments.school, date=arguments.date, name=path)
    return load_self_evaluation(raw, framework=framework, name=path)


def _assessed(arguments: argparse.Namespace) -> tuple[Framework, SelfEvaluation, StageProfile]:
    framework = _framework(arguments)
    evaluation = _evaluation(framework, arguments.file, arguments)
    return framework, evaluation, assess(framework, evaluation, arguments.rule)


def _targets(values: list[str]) -> list[Target]:
    targets = []
    stages = {stage.value: stage for stage in Stage} | {str(stage.position): stage for stage in Stage}
    for value in values:
        aspect, _, stage = value.partition("=")
        if stage not in stages:
            msg = f"--target {value!r}: write ASPECT=STAGE, the stage as 1 to 4 or its name, e.g. PV=making-progress"
            raise UsageError(msg)
        targets.append(Target(aspect, stages[stage]))
    return targets


def _cmd_framework(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    if arguments.format == "json":
        return dumps(framework)
    if arguments.aspect:
        aspect = framework.aspect(arguments.aspect)
        lines = [f"{aspect.code}  {aspect.title.en}"]
        for stage in Stage:
            lines.append(f"  {stage.position}. {framework.stage_name(stage).in_language(arguments.lang).text}")
            lines += [f"     {d.code}  {d.full_text}" for d in framework.cell(aspect.code, stage).descriptors]
        return "\n".join(lines)
    return overview(framework, arguments.lang)


def _cmd_template(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    if arguments.format == "csv":
        return csv_template(framework)
    school = arguments.school or "your-school-reference"
    date = arguments.date or datetime.date.today()  # noqa: DTZ011 (the local date is what a school means)
    return dumps(SelfEvaluation(school, date, framework.edition_id))


def _cmd_validate(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    evaluation = _evaluation(framework, arguments.file, arguments)
    return f"{arguments.file}: valid: {evaluation.school}, {evaluation.date}, {len(evaluation.ratings)} ratings"


def _cmd_assess(arguments: argparse.Namespace) -> str:
    framework, evaluation, profile = _assessed(arguments)
    if arguments.format == "json":
        return dumps(profile)
    return render_profile(framework, profile, check_evidence(framework, evaluation))


def _cmd_gaps(arguments: argparse.Namespace) -> str:
    framework, evaluation, profile = _assessed(arguments)
    gaps = find_gaps(framework, evaluation, profile, _targets(arguments.target))
    return dumps(gaps) if arguments.format == "json" else render_gaps(gaps)


def _advice(arguments: argparse.Namespace) -> tuple[Framework, GapAnalysis, Recommendation]:
    framework, evaluation, profile = _assessed(arguments)
    gaps = find_gaps(framework, evaluation, profile, _targets(arguments.target))
    advice = recommend(
        framework,
        gaps,
        findings=check_evidence(framework, evaluation),
        school_priorities=arguments.priority,
        max_priorities=arguments.max_priorities,
    )
    return framework, gaps, advice


def _cmd_next_steps(arguments: argparse.Namespace) -> str:
    framework, _, advice = _advice(arguments)
    return dumps(advice) if arguments.format == "json" else render_recommendation(framework, advice)


def _cmd_plan(arguments: argparse.Namespace) -> str:
    framework, gaps, advice = _advice(arguments)
    plan = draft_plan(framework, advice, gaps)
    return dumps(plan) if arguments.format == "json" else render_plan(plan)


def _cmd_progress(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    evaluations = [_evaluation(framework, path, arguments) for path in arguments.files]
    report = track_progress(framework, evaluations, arguments.rule, stalled_after=arguments.stalled_after)
    return dumps(report) if arguments.format == "json" else render_progress(framework, report)


def _cycle(framework: Framework, evaluations: list[SelfEvaluation], arguments: argparse.Namespace) -> Cycle:
    """One pass of the cycle on the latest self-evaluation, with progress across all of them."""
    latest = max(evaluations, key=lambda evaluation: evaluation.date)
    profile = assess(framework, latest, arguments.rule)
    findings = check_evidence(framework, latest)
    gaps = find_gaps(framework, latest, profile, _targets(arguments.target))
    advice = recommend(framework, gaps, findings=findings, school_priorities=arguments.priority)
    progress = track_progress(framework, evaluations, arguments.rule) if len(evaluations) > 1 else None
    return Cycle(profile, findings, gaps, advice, draft_plan(framework, advice, gaps), progress)


def _cmd_report(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    evaluations = [_evaluation(framework, path, arguments) for path in arguments.files]
    return markdown_report(framework, _cycle(framework, evaluations, arguments))


DEMO_SCHOOL = ("ysgol-enghraifft-2025.json", "ysgol-enghraifft-2026.json")


def _cmd_demo(arguments: argparse.Namespace) -> str:
    framework = load_framework()
    folder = files("school_improvement").joinpath("data", "demo")
    evaluations = [
        load_self_evaluation(folder.joinpath(name).read_bytes(), framework=framework, name=name) for name in DEMO_SCHOOL
    ]
    report = markdown_report(
        framework,
        _cycle(framework, evaluations, arguments),
        note="Ysgol Enghraifft is a fictional school, made up to show the library at work.",
    )
    output = arguments.output or "ysgol-enghraifft-report.md"
    if output == "-":
        return report
    _write(report, output)
    arguments.output = "-"
    return (
        f"Assessed two self-evaluations of Ysgol Enghraifft (a fictional school) and wrote the report to {output}.\n"
        "Stages are developmental, not grades. Not endorsed by Estyn or Welsh Government."
    )


def _cmd_schema(arguments: argparse.Namespace) -> str:
    return schema_texts()[f"{arguments.kind}.schema.json"]


def _cmd_export(arguments: argparse.Namespace) -> str:
    return case_json(_framework(arguments), arguments.lang)


def _common(parser: argparse.ArgumentParser, *, rule: bool = False, csv: bool = True) -> None:
    parser.add_argument("--framework", metavar="FILE", help="a framework edition file of your own (JSON)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on failure")
    if rule:
        parser.add_argument(
            "--rule", choices=sorted(RULES), default="cumulative", help="the stage rule (default: cumulative)"
        )
    if csv:
        parser.add_argument("--school", help="the school's reference, for a .csv self-evaluation")
        parser.add_argument("--date", type=_date, help="the self-evaluation's date (YYYY-MM-DD), for a .csv file")


def _planning(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--target", action="append", default=[], metavar="ASPECT=STAGE", help="a target, e.g. PV=3")
    parser.add_argument(
        "--priority", action="append", default=[], metavar="ASPECT", help="an aspect the school has chosen"
    )
    parser.add_argument("--max-priorities", type=int, default=3, metavar="N", help="how many priorities (default 3)")


Command = Callable[[argparse.Namespace], str]


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser; the command-line reference is generated from it."""
    parser = argparse.ArgumentParser(
        prog="school-improvement",
        description="Wales' school improvement framework: assess a school's stage from evidence, find the gaps, "
        "recommend next steps and draft a development plan. Not endorsed by Estyn or Welsh Government.",
    )
    parser.add_argument("--lang", choices=["en", "cy"], default="en", help="language of the overview (default: en)")
    _common(parser, csv=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, function: Command, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.set_defaults(run=function)
        return sub

    sub = command("framework", _cmd_framework, "list the framework, or show one aspect's descriptors")
    sub.add_argument("--aspect", metavar="CODE", help="show one aspect, e.g. PV")
    sub.add_argument("--lang", choices=["en", "cy"], default="en", help="Welsh where it exists, marking fallbacks")
    sub.add_argument("--format", choices=["text", "json"], default="text")
    _common(sub, csv=False)
    sub = command("template", _cmd_template, "write a blank self-evaluation, as JSON or a CSV spreadsheet")
    sub.add_argument("--format", choices=["json", "csv"], default="json")
    _common(sub)
    sub = command("validate", _cmd_validate, "check a self-evaluation file and list every problem")
    sub.add_argument("file", help="a self-evaluation (.json payload or .csv spreadsheet); - reads stdin")
    _common(sub)
    for name, function, summary in [
        ("assess", _cmd_assess, "judge each aspect's stage, with explanations and evidence checks"),
        ("gaps", _cmd_gaps, "show what stands between each aspect and its target"),
        ("next-steps", _cmd_next_steps, "recommend a few priorities and their next steps"),
        ("plan", _cmd_plan, "draft the school development plan"),
    ]:
        sub = command(name, function, summary)
        sub.add_argument("file", help="a self-evaluation (.json payload or .csv spreadsheet); - reads stdin")
        sub.add_argument("--format", choices=["text", "json"], default="text")
        _common(sub, rule=True)
        if name != "assess":
            _planning(sub)
    sub = command("progress", _cmd_progress, "compare one school's self-evaluations over time")
    sub.add_argument("files", nargs="+", metavar="FILE", help="self-evaluations of one school")
    sub.add_argument("--stalled-after", type=int, default=3, metavar="N", help="reviews without movement (default 3)")
    sub.add_argument("--format", choices=["text", "json"], default="text")
    _common(sub, rule=True)
    sub = command("report", _cmd_report, "run the whole cycle and write a Markdown report")
    sub.add_argument("files", nargs="+", metavar="FILE", help="self-evaluations of one school; the latest is reported")
    _common(sub, rule=True)
    _planning(sub)
    sub = command("demo", _cmd_demo, "run the whole cycle on a bundled fictional school and write its report")
    sub.add_argument("--rule", choices=sorted(RULES), default="cumulative", help="the stage rule")
    sub.add_argument("--debug", action="store_true", help="show a traceback on failure")
    sub.set_defaults(target=[], priority=[], framework=None)
    sub = command("schema", _cmd_schema, "print the JSON Schema of a payload")
    sub.add_argument("kind", choices=sorted(PAYLOAD_KINDS.values()), nargs="?", default="self-evaluation")
    sub = command("export", _cmd_export, "export the framework in an interchange format")
    sub.add_argument("target_format", choices=["case"], metavar="case", help="1EdTech CASE 1.1")
    sub.add_argument("--lang", choices=["en", "cy"], default="en", help="the English package, or the Welsh document")
    _common(sub, csv=False)
    for sub in commands.choices.values():
        if not any(action.dest == "output" for action in sub._actions):  # noqa: SLF001 (argparse has no public way)
            sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    run: Command | None = getattr(arguments, "run", None)
    try:
        if run is None:
            _write(overview(_framework(arguments), arguments.lang), None)
            return EXIT_OK
        _write(run(arguments), getattr(arguments, "output", None))
    except InputError as error:
        if arguments.debug:
            raise
        sys.stderr.write(f"school-improvement: {error.source}: {len(error.problems)} problem(s):\n")
        sys.stderr.writelines(f"  {problem}\n" for problem in error.problems)
        return EXIT_USAGE
    except SchoolImprovementError as error:
        if arguments.debug:
            raise
        sys.stderr.write(f"school-improvement: error: {error}\n")
        return EXIT_USAGE
    except Exception as error:
        if arguments.debug:
            raise
        sys.stderr.write(f"school-improvement: unexpected failure: {type(error).__name__}: {error}\n")
        sys.stderr.write("Run again with --debug for the details, and report it.\n")
        return EXIT_FAILURE
    return EXIT_OK

"""The command line's commands: each reads its files, runs the library, and returns what to print.

Kept apart from the parser, so that ``school-improvement --help`` loads none of the library.
"""

import argparse
import datetime
import sys
import warnings
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from school_improvement._assessment.assess import StageProfile, assess
from school_improvement._assessment.evidence import SelfEvaluation
from school_improvement._assessment.progress import track_progress
from school_improvement._assessment.quality import check_evidence
from school_improvement._authority.matching import Collaboration, MatchOptions, Requirement, Strictness, match_schools
from school_improvement._authority.rollup import Rollup, roll_up
from school_improvement._authority.schools import read_school_register
from school_improvement._authority.survey import Survey, survey
from school_improvement._content.framework import Framework
from school_improvement._content.loading import load_framework, read_framework
from school_improvement._errors import PayloadError, Problem, SchoolImprovementError, SelfEvaluationWarning
from school_improvement._files import read_bytes, read_file_lines, read_lines, read_stream
from school_improvement._interchange.case import case_json
from school_improvement._interchange.inputs import load_self_evaluation, schema_texts
from school_improvement._interchange.payloads import dumps
from school_improvement._interchange.spreadsheet import csv_template, read_self_evaluation_csv
from school_improvement._limits import (
    MAX_CSV_BYTES,
    MAX_PAYLOAD_BYTES,
    MAX_REGISTER_BYTES,
    MAX_SET_PAYLOADS,
)
from school_improvement._planning.cycle import Cycle, run_cycle
from school_improvement._planning.gaps import Target
from school_improvement._render.html import html_authority_report, html_report
from school_improvement._render.markdown import markdown_authority_report, markdown_report
from school_improvement._render.overview import overview
from school_improvement._render.text import (
    render_collaboration,
    render_gaps,
    render_plan,
    render_profile,
    render_progress,
    render_recommendation,
    render_rollup,
)
from school_improvement._stage import Stage


class UsageError(SchoolImprovementError):
    """A command-line argument is wrong."""


def _read_bytes(path: str, most: int) -> bytes:
    """A file's bytes, or standard input's for ``-``: never more than ``most`` and one byte past it."""

    def fail(problems: list[Problem]) -> Exception:
        return PayloadError("standard input" if path == "-" else path, problems)

    if path == "-":
        return read_stream(sys.stdin.buffer, fail, most)
    return read_bytes(path, fail, most)


def _read_lines(source: str) -> list[tuple[int, bytes]]:
    """The numbered lines of a JSON Lines file, or of standard input for ``-``, each within the payload limit."""

    def fail(problems: list[Problem]) -> Exception:
        return PayloadError("standard input" if source == "-" else source, problems)

    if source == "-":
        return read_lines(sys.stdin.buffer, fail, MAX_PAYLOAD_BYTES, MAX_SET_PAYLOADS)
    return read_file_lines(source, fail, MAX_PAYLOAD_BYTES, MAX_SET_PAYLOADS)


def _write(text: str, output: str | None) -> None:
    if output in {None, "-"}:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        Path(str(output)).write_text(text, encoding="utf-8")
    except OSError as error:
        msg = f"{output}: cannot write the file: {error.strerror}"
        raise UsageError(msg) from None


def _framework(arguments: argparse.Namespace) -> Framework:
    return read_framework(arguments.framework) if arguments.framework else load_framework()


def _evaluation(framework: Framework, path: str, arguments: argparse.Namespace) -> SelfEvaluation:
    raw = _read_bytes(path, MAX_CSV_BYTES if path.lower().endswith(".csv") else MAX_PAYLOAD_BYTES)
    if path.lower().endswith(".csv"):
        if not arguments.school or not arguments.date:
            msg = f"{path}: a spreadsheet needs --school and --date"
            raise UsageError(msg)
        return read_self_evaluation_csv(raw, framework, school=arguments.school, date=arguments.date, name=path)
    return load_self_evaluation(raw, framework=framework, name=path)


def _as_of(arguments: argparse.Namespace) -> datetime.date:
    """The date to age self-evaluations at: the one given, or today."""
    given: datetime.date | None = getattr(arguments, "as_of", None)
    return given or datetime.date.today()  # noqa: DTZ011 (the local date is what a school means)


def _assessed(arguments: argparse.Namespace) -> tuple[Framework, SelfEvaluation, StageProfile]:
    framework = _framework(arguments)
    evaluation = _evaluation(framework, arguments.file, arguments)
    return framework, evaluation, assess(framework, evaluation, arguments.rule)


_STAGES = {stage.value: stage for stage in Stage} | {str(stage.position): stage for stage in Stage}
"""A stage as the command line takes it: its name, or its position from 1 to 4."""


def _targets(values: list[str]) -> list[Target]:
    targets = []
    for value in values:
        aspect, _, stage = value.partition("=")
        if stage not in _STAGES:
            msg = f"--target {value!r}: write ASPECT=STAGE, the stage as 1 to 4 or its name, e.g. PV=making-progress"
            raise UsageError(msg)
        targets.append(Target(aspect, _STAGES[stage]))
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
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SelfEvaluationWarning)
        evaluation = _evaluation(framework, arguments.file, arguments)
    said = f"{arguments.file}: valid: {evaluation.school}, {evaluation.date}, {len(evaluation.ratings)} ratings"
    noticed = [
        problem
        for warning in caught
        if isinstance(warning.message, SelfEvaluationWarning)
        for problem in warning.message.problems
    ]
    if noticed:
        said += f", with {len(noticed)} {'warning' if len(noticed) == 1 else 'warnings'}:\n"
        said += "\n".join(f"  warning: {problem}" for problem in noticed)
    return said


def _cmd_assess(arguments: argparse.Namespace) -> str:
    framework, evaluation, profile = _assessed(arguments)
    # Checked in either format: a self-evaluation dated after --as-of is refused as the other commands refuse it.
    findings = check_evidence(framework, evaluation, max_age_days=arguments.max_age_days, as_of=_as_of(arguments))
    return dumps(profile) if arguments.format == "json" else render_profile(framework, profile, findings)


def _planned(arguments: argparse.Namespace) -> tuple[Framework, Cycle]:
    """The cycle on the one self-evaluation given, as the options ask."""
    framework = _framework(arguments)
    return framework, _cycle(framework, [_evaluation(framework, arguments.file, arguments)], arguments)


def _cmd_gaps(arguments: argparse.Namespace) -> str:
    _, cycle = _planned(arguments)
    return dumps(cycle.gaps) if arguments.format == "json" else render_gaps(cycle.gaps)


def _cmd_next_steps(arguments: argparse.Namespace) -> str:
    framework, cycle = _planned(arguments)
    advice = cycle.recommendation
    return dumps(advice) if arguments.format == "json" else render_recommendation(framework, advice)


def _cmd_plan(arguments: argparse.Namespace) -> str:
    framework, cycle = _planned(arguments)
    return dumps(cycle.plan) if arguments.format == "json" else render_plan(cycle.plan, framework)


def _cmd_progress(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    evaluations = [_evaluation(framework, path, arguments) for path in arguments.files]
    report = track_progress(framework, evaluations, arguments.rule, stalled_after=arguments.stalled_after)
    return dumps(report) if arguments.format == "json" else render_progress(framework, report)


def _cycle(framework: Framework, evaluations: list[SelfEvaluation], arguments: argparse.Namespace) -> Cycle:
    """The cycle on the latest self-evaluation, with progress across all of them, as the options ask."""
    return run_cycle(
        framework,
        evaluations,
        arguments.rule,
        max_age_days=arguments.max_age_days,
        as_of=_as_of(arguments),
        targets=_targets(arguments.target),
        allow_comparison_only=arguments.allow_comparison_only,
        school_priorities=arguments.priority,
        max_priorities=arguments.max_priorities,
    )


def _report(framework: Framework, cycle: Cycle, arguments: argparse.Namespace, note: str | None = None) -> str:
    if arguments.format == "html":
        return html_report(framework, cycle, note=note, language=arguments.lang)
    return markdown_report(framework, cycle, note=note, language=arguments.lang)


def _cmd_report(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    evaluations = [_evaluation(framework, path, arguments) for path in arguments.files]
    return _report(framework, _cycle(framework, evaluations, arguments), arguments)


DEMO_SCHOOL = ("ysgol-enghraifft-2025.json", "ysgol-enghraifft-2026.json")


def _cmd_demo(arguments: argparse.Namespace) -> str:
    framework = load_framework()
    folder = files("school_improvement").joinpath("data", "demo")
    evaluations = [
        load_self_evaluation(folder.joinpath(name).read_bytes(), framework=framework, name=name) for name in DEMO_SCHOOL
    ]
    note = "Ysgol Enghraifft is a fictional school, made up to show the library at work."
    report = _report(framework, _cycle(framework, evaluations, arguments), arguments, note)
    output = arguments.output or f"ysgol-enghraifft-report.{'html' if arguments.format == 'html' else 'md'}"
    if output == "-":
        return report
    _write(report, output)
    arguments.output = "-"
    return (
        f"Assessed two self-evaluations of Ysgol Enghraifft (a fictional school) and wrote the report to {output}.\n"
        "Stages are developmental, not grades. Not endorsed by Estyn or Welsh Government."
    )


def _load_one(
    framework: Framework, name: str, raw: bytes, evaluations: list[SelfEvaluation], problems: list[Problem]
) -> None:
    """Add one self-evaluation, or its problems, each path led by where it came from."""
    try:
        evaluations.append(load_self_evaluation(raw, framework=framework, name=name))
    except PayloadError as error:
        problems += [Problem(f"{name}: {problem.path}", problem.message) for problem in error.problems]


def _self_evaluations(framework: Framework, source: str) -> list[SelfEvaluation]:
    """Every self-evaluation in a folder of .json payloads or a .jsonl file; every problem in any of them reported."""
    path = Path(source)
    if path.is_dir():
        found = sorted(path.glob("*.json"))
        if len(found) > MAX_SET_PAYLOADS:
            msg = f"{source}: the folder holds {len(found):,} payloads; the most read is {MAX_SET_PAYLOADS:,}"
            raise UsageError(msg)
        named = [(item.name, _read_bytes(str(item), MAX_PAYLOAD_BYTES)) for item in found]
        if not named:
            msg = f"{source}: the folder holds no .json self-evaluations"
            raise UsageError(msg)
    else:
        named = [(f"line {number}", line) for number, line in _read_lines(source)]
    evaluations: list[SelfEvaluation] = []
    problems: list[Problem] = []
    for name, raw in named:
        _load_one(framework, name, raw, evaluations, problems)
    if problems:
        raise PayloadError(source, problems)
    return evaluations


def _surveyed(arguments: argparse.Namespace) -> tuple[Framework, Survey]:
    framework = _framework(arguments)
    schools = read_school_register(_read_bytes(arguments.schools, MAX_REGISTER_BYTES), name=arguments.schools)
    evaluations = _self_evaluations(framework, arguments.source)
    surveyed = survey(
        framework,
        schools,
        evaluations,
        arguments.rule,
        as_of=_as_of(arguments),
        max_age_days=arguments.max_age_days,
    )
    return framework, surveyed


def _authority_output(
    framework: Framework, arguments: argparse.Namespace, rollup: Rollup | None, collaboration: Collaboration | None
) -> str:
    if arguments.format == "html":
        return html_authority_report(framework, rollup=rollup, collaboration=collaboration, language=arguments.lang)
    return markdown_authority_report(framework, rollup=rollup, collaboration=collaboration, language=arguments.lang)


def _cmd_rollup(arguments: argparse.Namespace) -> str:
    framework, surveyed = _surveyed(arguments)
    rollup = roll_up(framework, surveyed, by=arguments.by, averages=arguments.averages)
    if arguments.format == "json":
        return dumps(rollup)
    if arguments.format == "text":
        return render_rollup(framework, rollup)
    return _authority_output(framework, arguments, rollup, None)


def _stage_named(value: str, option: str) -> Stage:
    if value not in _STAGES:
        msg = f"{option} {value!r}: give a stage as 1 to 4 or its name, e.g. building-momentum"
        raise UsageError(msg)
    return _STAGES[value]


def _match_options(arguments: argparse.Namespace) -> tuple[MatchOptions, dict[str, int]]:
    def requirement(name: str) -> Requirement:
        return Requirement(Strictness(getattr(arguments, f"same_{name}")), getattr(arguments, f"{name}_penalty"))

    try:
        options = MatchOptions(
            min_lead=arguments.min_lead,
            strength_from=_stage_named(arguments.strength_from, "--strength-from"),
            capacity=arguments.capacity,
            partner_limit=arguments.partner_limit,
            same_local_authority=requirement("local_authority"),
            same_cluster=requirement("cluster"),
            same_phase=requirement("phase"),
            same_medium=requirement("medium"),
        )
    except ValueError as error:
        msg = "--" + str(error).replace("_", "-")
        raise UsageError(msg) from None
    capacities = {}
    for value in arguments.capacity_of:
        ref, _, number = value.partition("=")
        if not ref or not number.isdigit():
            msg = f"--capacity-of {value!r}: write REF=N, N a whole number, e.g. w-101=0"
            raise UsageError(msg)
        capacities[ref] = int(number)
    return options, capacities


def _cmd_match(arguments: argparse.Namespace) -> str:
    options, capacities = _match_options(arguments)
    framework, surveyed = _surveyed(arguments)
    collaboration = match_schools(framework, surveyed, options, capacities=capacities)
    if arguments.format == "json":
        return dumps(collaboration)
    if arguments.format == "text":
        return render_collaboration(collaboration)
    return _authority_output(framework, arguments, None, collaboration)


def _cmd_schema(arguments: argparse.Namespace) -> str:
    return schema_texts()[f"{arguments.kind}.schema.json"]


def _cmd_export(arguments: argparse.Namespace) -> str:
    return case_json(_framework(arguments), arguments.lang)


_COMMANDS: dict[str, Callable[[argparse.Namespace], str]] = {
    "framework": _cmd_framework,
    "template": _cmd_template,
    "validate": _cmd_validate,
    "assess": _cmd_assess,
    "gaps": _cmd_gaps,
    "next-steps": _cmd_next_steps,
    "plan": _cmd_plan,
    "progress": _cmd_progress,
    "report": _cmd_report,
    "demo": _cmd_demo,
    "rollup": _cmd_rollup,
    "match": _cmd_match,
    "schema": _cmd_schema,
    "export": _cmd_export,
}


def run(arguments: argparse.Namespace) -> None:
    """Run the parsed command (the overview when none is given) and write its output."""
    name = getattr(arguments, "command", None)
    if name is None:
        _write(overview(_framework(arguments), arguments.lang), None)
        return
    _write(_COMMANDS[name](arguments), getattr(arguments, "output", None))

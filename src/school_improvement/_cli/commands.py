"""The command line's commands: each reads its files, runs the library, and returns what to print.

Kept apart from the parser, so that ``school-improvement --help`` loads none of the library. A command refuses an
option that would do nothing where it is given, rather than ignore it.
"""

import argparse
import datetime
import re
import sys
import warnings
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import attrs

from school_improvement._assessment.assess import assess
from school_improvement._assessment.evidence import SelfEvaluation
from school_improvement._assessment.progress import track_progress
from school_improvement._assessment.quality import check_evidence
from school_improvement._assessment.rules import rule_named
from school_improvement._authority.matching import Collaboration, MatchOptions, Requirement, Strictness, match_schools
from school_improvement._authority.rollup import Rollup, roll_up
from school_improvement._authority.schools import School, read_school_register
from school_improvement._authority.survey import Survey, survey
from school_improvement._cli.inputs import (
    UsageError,
    framework_of,
    given,
    given_self_evaluation,
    is_workbook,
    name,
    only_with,
    read_input,
    read_numbered_lines,
    self_evaluation,
    self_evaluations,
)
from school_improvement._cli.validation import parsed, validate
from school_improvement._content.framework import Framework
from school_improvement._content.loading import load_framework, read_framework
from school_improvement._errors import AnalysisError, PayloadError, Problem, SelfEvaluationWarning
from school_improvement._interchange.case import case_json
from school_improvement._interchange.decisions import load_discussion, load_plan
from school_improvement._interchange.inputs import load_self_evaluation, schema_texts
from school_improvement._interchange.payloads import dumps
from school_improvement._interchange.plan_csv import plan_actions_csv, read_plan_actions_csv
from school_improvement._interchange.spreadsheet import csv_template
from school_improvement._interchange.workbook import read_self_evaluation_xlsx, xlsx_template
from school_improvement._interchange.written import read_capacity, read_choice, read_stage, read_target
from school_improvement._limits import MAX_CSV_BYTES, MAX_PAYLOAD_BYTES, MAX_REGISTER_BYTES, MAX_SET_PAYLOADS
from school_improvement._planning.choices import ChosenPriority, PriorityNotice
from school_improvement._planning.cycle import Cycle, run_cycle
from school_improvement._planning.discussion import DiscussionRecord
from school_improvement._planning.gaps import Target
from school_improvement._planning.plan import DevelopmentPlan
from school_improvement._planning.review import record_review, review_plan
from school_improvement._render.authority_html import html_authority_report
from school_improvement._render.authority_markdown import markdown_authority_report
from school_improvement._render.html import html_discussion, html_plan_summary, html_report
from school_improvement._render.markdown import (
    markdown_discussion,
    markdown_plan_summary,
    markdown_report,
)
from school_improvement._render.overview import overview
from school_improvement._render.text import (
    render_collaboration,
    render_discussion,
    render_gaps,
    render_plan,
    render_profile,
    render_progress,
    render_recommendation,
    render_review,
    render_rollup,
)
from school_improvement._stage import Stage

__all__ = ["UsageError", "run"]


def _write(text: str | bytes, output: str | None) -> None:
    """Write a command's output (bytes as they are: a workbook) to standard output, or to the file -o names."""
    if output in {None, "-"}:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        if isinstance(text, bytes):
            Path(str(output)).write_bytes(text)
        else:
            Path(str(output)).write_text(text, encoding="utf-8")
    except OSError as error:
        msg = f"{output}: cannot write the file: {error.strerror}"
        raise UsageError(msg, at="--output") from None


def _as_of(arguments: argparse.Namespace) -> datetime.date:
    """The date to age self-evaluations at: the one given, or today."""
    found: datetime.date | None = getattr(arguments, "as_of", None)
    return found or datetime.date.today()  # noqa: DTZ011 (the local date is what a school means)


def _evaluation(framework: Framework, arguments: argparse.Namespace) -> SelfEvaluation:
    """The one self-evaluation the command is given, as its FILE."""
    return self_evaluation(framework, arguments.file, arguments.school, arguments.date)


def _targets(values: list[str]) -> list[Target]:
    try:
        return [read_target(value) for value in values]
    except ValueError as error:
        msg = f"--target {error}"
        raise UsageError(msg, at="--target") from None


_CHOSEN_HERE = "chosen by the school (given on the command line)"


def _chosen(arguments: argparse.Namespace) -> list[ChosenPriority] | None:
    """The school's chosen priorities from --choose, in its order; ``None`` when it gave none."""
    values: list[str] = getattr(arguments, "choose", [])
    if not values:
        return None
    try:
        return [read_choice(value, unsaid=_CHOSEN_HERE) for value in values]
    except ValueError as error:
        msg = f"--choose {error}"
        raise UsageError(msg, at="--choose") from None


def _cmd_framework(arguments: argparse.Namespace) -> str:
    only_with(arguments, ["--aspect", "--lang"], holds=arguments.format == "text", needs="with --format text")
    framework = framework_of(arguments)
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


def _cmd_template(arguments: argparse.Namespace) -> str | bytes:
    framework = framework_of(arguments)
    output = arguments.output
    if arguments.format == "xlsx" and output is None:
        msg = (
            "an Excel workbook is a file, not text to show: give -o FILE.xlsx to write it to (or -o - to send its "
            "bytes to standard output)"
        )
        raise UsageError(msg, at="--format")
    only_with(arguments, ["--force"], holds=output not in {None, "-"}, needs="with -o FILE")
    if output not in {None, "-"} and Path(output).exists() and not arguments.force:
        msg = (
            f"{output} is already there, and may be a self-evaluation filled in: give another file name, or "
            "--force to replace it with a blank template"
        )
        raise UsageError(msg, at="--output")
    if arguments.format == "csv":
        return csv_template(framework, school=arguments.school, date=arguments.date)
    if arguments.format == "xlsx":
        return xlsx_template(framework, school=arguments.school, date=arguments.date)
    school = arguments.school or "your-school-reference"
    date = arguments.date or datetime.date.today()  # noqa: DTZ011 (the local date is what a school means)
    return dumps(SelfEvaluation(school, date, framework.edition_id))


def _plan(framework: Framework, path: str) -> DevelopmentPlan:
    return load_plan(read_input(path, MAX_PAYLOAD_BYTES), framework=framework, name=name(path))


def _discussion(framework: Framework, path: str) -> DiscussionRecord:
    return load_discussion(read_input(path, MAX_PAYLOAD_BYTES), framework=framework, name=name(path))


_EVALUATION_OPTIONS = ("--rule", "--school", "--date")
"""The options that shape how the self-evaluation given with --self-evaluation is read and judged."""


def _with_evaluation(arguments: argparse.Namespace, *options: str) -> None:
    """Refuse the options that only shape the self-evaluation, when none is given."""
    only_with(arguments, options, holds=arguments.self_evaluation is not None, needs="with --self-evaluation")


def _cmd_review(arguments: argparse.Namespace) -> str:
    _with_evaluation(arguments, *_EVALUATION_OPTIONS)
    recording = arguments.record is not None
    only_with(
        arguments, ["--evidence"], holds=recording, needs="with --record: it names what a recorded review looked at"
    )
    only_with(
        arguments,
        ["--due-within-days"],
        holds=not recording,
        needs="without --record: a recorded review keeps no list of what is due",
    )
    if recording and arguments.format == "text" and given(arguments, "--format"):
        msg = "--format text cannot go with --record, which writes the plan as JSON"
        raise UsageError(msg, at="--format")
    framework = framework_of(arguments)
    plan = _plan(framework, arguments.plan)
    evaluation = given_self_evaluation(framework, arguments, plan.school)
    if arguments.due_within_days < 0:
        msg = f"--due-within-days {arguments.due_within_days}: give a number of days, 0 or more"
        raise UsageError(msg, at="--due-within-days")
    if recording and not arguments.record.strip():
        msg = "--record: say what the review concluded"
        raise UsageError(msg, at="--record")
    review = review_plan(
        framework,
        plan,
        _as_of(arguments),
        evaluation,
        rule=arguments.rule,
        due_within_days=arguments.due_within_days,
    )
    if recording:
        return dumps(record_review(plan, review, arguments.record, arguments.evidence))
    return dumps(review) if arguments.format == "json" else render_review(framework, review)


def _cmd_plan_summary(arguments: argparse.Namespace) -> str:
    _with_evaluation(arguments, *_EVALUATION_OPTIONS, "--as-of")
    framework = framework_of(arguments)
    plan = _plan(framework, arguments.plan)
    if plan.drafted:
        msg = (
            f"{name(arguments.plan)}: this is the library's draft, not yet the school's plan: make it the school's "
            "own (its objectives, owners, dates, and a note of its own in place of the draft's) before publishing it"
        )
        raise UsageError(msg, at=arguments.plan)
    evaluation = given_self_evaluation(framework, arguments, plan.school)
    review = None
    if evaluation is not None:
        review = review_plan(framework, plan, _as_of(arguments), evaluation, rule=arguments.rule)
    write = html_plan_summary if arguments.format == "html" else markdown_plan_summary
    return write(framework, plan, review, language=arguments.lang, include_costs=arguments.include_costs)


def _cmd_actions(arguments: argparse.Namespace) -> str:
    framework = framework_of(arguments)
    plan = _plan(framework, arguments.plan)
    if arguments.csv is None:
        return plan_actions_csv(plan)
    raw = read_input(arguments.csv, MAX_CSV_BYTES)
    return dumps(read_plan_actions_csv(raw, plan, framework, name=name(arguments.csv)))


def _cmd_discussion(arguments: argparse.Namespace) -> str:
    _with_evaluation(arguments, *_EVALUATION_OPTIONS)
    only_with(arguments, ["--lang"], holds=arguments.format != "text", needs="with --format markdown or html")
    framework = framework_of(arguments)
    record = _discussion(framework, arguments.record)
    evaluation = given_self_evaluation(framework, arguments, record.school)
    profile = None if evaluation is None else assess(framework, evaluation, arguments.rule)
    if arguments.format == "text":
        return render_discussion(framework, record, profile)
    write = html_discussion if arguments.format == "html" else markdown_discussion
    return write(framework, record, profile, language=arguments.lang)


def _cmd_assess(arguments: argparse.Namespace) -> str:
    only_with(
        arguments,
        ["--as-of", "--max-age-days"],
        holds=arguments.format == "text",
        needs="with --format text, whose evidence checks they age",
    )
    framework = framework_of(arguments)
    evaluation = _evaluation(framework, arguments)
    profile = assess(framework, evaluation, arguments.rule)
    if arguments.format == "json":
        return dumps(profile)
    findings = check_evidence(framework, evaluation, max_age_days=arguments.max_age_days, as_of=_as_of(arguments))
    return render_profile(framework, profile, findings)


def _planned(arguments: argparse.Namespace) -> tuple[Framework, Cycle]:
    """The cycle on the one self-evaluation given, as the options ask."""
    framework = framework_of(arguments)
    return framework, _cycle(framework, [_evaluation(framework, arguments)], arguments)


def _cmd_gaps(arguments: argparse.Namespace) -> str:
    _, cycle = _planned(arguments)
    return dumps(cycle.gaps) if arguments.format == "json" else render_gaps(cycle.gaps)


def _cmd_next_steps(arguments: argparse.Namespace) -> str:
    framework, cycle = _planned(arguments)
    advice = cycle.recommendation
    return dumps(advice) if arguments.format == "json" else render_recommendation(framework, advice, cycle.notices)


def _cmd_plan(arguments: argparse.Namespace) -> str:
    framework, cycle = _planned(arguments)
    return dumps(cycle.plan) if arguments.format == "json" else render_plan(cycle.plan, framework, drafted=True)


def _cmd_progress(arguments: argparse.Namespace) -> str:
    framework = framework_of(arguments)
    evaluations = self_evaluations(framework, arguments.files, arguments)
    report = track_progress(framework, evaluations, arguments.rule, stalled_after=arguments.stalled_after)
    return dumps(report) if arguments.format == "json" else render_progress(framework, report)


def _cycle(
    framework: Framework,
    evaluations: list[SelfEvaluation],
    arguments: argparse.Namespace,
    plan: DevelopmentPlan | None = None,
) -> Cycle:
    """The cycle on the latest self-evaluation, with progress across all of them, as the options ask.

    The school's own decisions lead: its plan, or the priorities it chose with --choose. The options that shape
    the library's recommendation (--priority, --max-priorities) do nothing to them, so they are refused beside them;
    so is --allow-comparison-only beside a rule that is not for comparison only.
    """
    only_with(
        arguments,
        ["--allow-comparison-only"],
        holds=rule_named(arguments.rule).comparison_only,
        needs="with a rule offered only for comparison (--rule high-water-mark)",
    )
    chosen = _chosen(arguments)
    ours = "--plan" if plan is not None else "--choose" if chosen is not None else None
    if ours is not None:
        clash = [
            option
            for option, found in (
                ("--choose", ours == "--plan" and chosen is not None),
                ("--priority", bool(getattr(arguments, "priority", []))),
                ("--max-priorities", getattr(arguments, "max_priorities", None) is not None),
            )
            if found
        ]
        if clash:
            msg = f"{', '.join(clash)} cannot go with {ours}: the school's own priorities are followed as they stand"
            raise UsageError(msg, at=clash[0])
    max_priorities = getattr(arguments, "max_priorities", None)
    return run_cycle(
        framework,
        evaluations,
        arguments.rule,
        max_age_days=getattr(arguments, "max_age_days", 365),
        as_of=_as_of(arguments),
        targets=_targets(arguments.target),
        allow_comparison_only=arguments.allow_comparison_only,
        school_priorities=getattr(arguments, "priority", []),
        max_priorities=3 if max_priorities is None else max_priorities,
        plan=plan,
        chosen=None if plan is not None else chosen,
    )


def _report(framework: Framework, cycle: Cycle, arguments: argparse.Namespace, note: str | None = None) -> str:
    write = html_report if arguments.format == "html" else markdown_report
    return write(framework, cycle, note=note, language=arguments.lang, school_name=arguments.school_name)


def _file_name(school: str) -> str:
    """A file name from a school's reference: lower case, each run of anything but letters and digits a hyphen."""
    return re.sub(r"[\W_]+", "-", school.lower()).strip("-") or "school"


def _written(report: str, arguments: argparse.Namespace, default: str, said: str) -> str:
    """Write a report to its file (or return it, for ``-o -``), and say where it went, as ``demo`` and ``report`` do.

    ``said`` says what was reported; a file already there is replaced, and the command says so.
    """
    output = arguments.output or f"{default}.{'html' if arguments.format == 'html' else 'md'}"
    if output == "-":
        return report
    replaced = Path(output).exists()
    _write(report, output)
    arguments.output = "-"  # what is said of it goes to standard output
    where = f"{output}, replacing the file that was there" if replaced else output
    return f"{said} and wrote the report to {where}.\n" + _DISCLAIMER


_DISCLAIMER = "Stages are developmental, not grades. Not endorsed by Estyn or Welsh Government."


def _cmd_report(arguments: argparse.Namespace) -> str:
    framework = framework_of(arguments)
    plan = None if arguments.plan is None else _plan(framework, arguments.plan)
    evaluations = self_evaluations(framework, arguments.files, arguments)
    cycle = _cycle(framework, evaluations, arguments, plan)
    latest = max(evaluations, key=lambda evaluation: evaluation.date)
    said = f"Assessed {_count(len(evaluations), 'self-evaluation')} of {latest.school} (the latest of {latest.date})"
    return _written(_report(framework, cycle, arguments), arguments, f"{_file_name(latest.school)}-report", said)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun if number == 1 else noun + 's'}"


DEMO_SCHOOL = ("ysgol-enghraifft-2025.json", "ysgol-enghraifft-2026.json")


def _cmd_demo(arguments: argparse.Namespace) -> str:
    framework = load_framework()
    folder = files("school_improvement").joinpath("data", "demo")
    evaluations = [
        load_self_evaluation(folder.joinpath(file).read_bytes(), framework=framework, name=file) for file in DEMO_SCHOOL
    ]
    note = "Ysgol Enghraifft is a fictional school, made up to show the library at work."
    report = _report(framework, _cycle(framework, evaluations, arguments), arguments, note)
    said = "Assessed two self-evaluations of Ysgol Enghraifft (a fictional school)"
    return _written(report, arguments, "ysgol-enghraifft-report", said)


@attrs.define
class _SchoolSet:
    """What a set of payloads holds: self-evaluations, and the plans and discussion records beside them."""

    evaluations: list[SelfEvaluation] = attrs.Factory(list)
    plans: list[DevelopmentPlan] = attrs.Factory(list)
    discussions: list[DiscussionRecord] = attrs.Factory(list)
    problems: list[Problem] = attrs.Factory(list)
    origins: dict[str, list[str]] = attrs.Factory(lambda: {"evaluations": [], "plans": [], "discussions": []})
    """Where each payload came from (its file, or line), by the survey's name for its list, in the same order."""

    def add(self, framework: Framework, origin: str, raw: bytes) -> None:
        """Add one payload by its kind, or its problems, each path led by where it came from."""
        try:
            if is_workbook(raw) or origin.lower().endswith(".xlsx"):  # a school's workbook says its school and date
                self.evaluations.append(read_self_evaluation_xlsx(raw, framework, name=origin))
                self.origins["evaluations"].append(origin)
                return
            kind, payload = parsed(raw, origin)
            if kind == "development-plan":
                self.plans.append(load_plan(payload, framework=framework, name=origin))
                self.origins["plans"].append(origin)
            elif kind == "discussion-record":
                self.discussions.append(load_discussion(payload, framework=framework, name=origin))
                self.origins["discussions"].append(origin)
            else:
                self.evaluations.append(load_self_evaluation(payload, framework=framework, name=origin))
                self.origins["evaluations"].append(origin)
        except PayloadError as error:
            self.problems += [Problem(f"{origin}: {problem.path}", problem.message) for problem in error.problems]

    def traced(self, error: AnalysisError) -> AnalysisError:
        """The survey's problems, each at the payload it is about: ``$.plans[2].ends`` as ``line 5: $.data.ends``."""
        problems = []
        for problem in error.problems:
            found = _LISTED.match(problem.path)
            if found is None:
                problems.append(problem)
                continue
            origin = self.origins[found["list"]][int(found["place"])]
            problems.append(Problem(f"{origin}: $.data{found['rest']}", problem.message))
        return AnalysisError(error.source, problems)


_LISTED = re.compile(r"^\$\.(?P<list>evaluations|plans|discussions)\[(?P<place>\d+)\](?P<rest>.*)$")
"""A survey problem's path into one of the payloads it was given."""


def _payloads(source: str) -> list[tuple[str, bytes]]:
    """The named payloads of a folder (its .json files and .xlsx workbooks), a .jsonl file, stdin or one workbook."""
    path = Path(source)
    if source.lower().endswith(".xlsx") and not path.is_dir():
        return [(name(source), read_input(source, MAX_CSV_BYTES, workbook=True))]
    if not path.is_dir():
        return [(f"line {number}", line) for number, line in read_numbered_lines(source)]
    found = sorted(item for item in path.iterdir() if item.suffix.lower() in {".json", ".xlsx"} and item.is_file())
    if len(found) > MAX_SET_PAYLOADS:
        msg = f"{source}: the folder holds {len(found):,} payloads; the most read is {MAX_SET_PAYLOADS:,}"
        raise UsageError(msg, at=source)
    if not found:
        msg = f"{source}: the folder holds no .json payloads or .xlsx workbooks"
        raise UsageError(msg, at=source)
    return [
        (item.name, read_input(str(item), MAX_CSV_BYTES, workbook=True))
        if item.suffix.lower() == ".xlsx"
        else (item.name, read_input(str(item), MAX_PAYLOAD_BYTES))
        for item in found
    ]


def _school_set(framework: Framework, sources: list[str]) -> _SchoolSet:
    """Every payload in the sources, by kind; every problem in any of them reported, each under its source."""
    if sources.count("-") > 1:
        msg = "standard input (-) can be read once: give it as one source only"
        raise UsageError(msg, at="-")
    found = _SchoolSet()
    for source in sources:
        prefix = "" if len(sources) == 1 else f"{name(source)}: "
        for origin, raw in _payloads(source):
            found.add(framework, prefix + origin, raw)
    if found.problems:
        raise PayloadError(name(sources[0]) if len(sources) == 1 else "the sources", found.problems)
    if not found.evaluations:
        msg = f"{', '.join(sources)}: no self-evaluations among the payloads"
        raise UsageError(msg, at=sources[0])
    return found


def _surveyed(arguments: argparse.Namespace) -> tuple[Framework, tuple[School, ...], Survey]:
    only_with(
        arguments, ["--lang"], holds=arguments.format in {"markdown", "html"}, needs="with --format markdown or html"
    )
    framework = framework_of(arguments)
    schools = read_school_register(read_input(arguments.schools, MAX_REGISTER_BYTES), name=arguments.schools)
    found = _school_set(framework, arguments.sources)
    try:
        surveyed = survey(
            framework,
            schools,
            found.evaluations,
            arguments.rule,
            as_of=_as_of(arguments),
            max_age_days=arguments.max_age_days,
            plans=found.plans,
            discussions=found.discussions,
        )
    except AnalysisError as error:
        raise found.traced(error) from None
    return framework, schools, surveyed


def _notices(surveyed: Survey) -> dict[str, tuple[PriorityNotice, ...]]:
    """What is noticed about each surveyed school's own priorities, by reference."""
    return {item.school.ref: item.notices for item in surveyed.snapshots}


def _authority_output(
    arguments: argparse.Namespace,
    surveyed: tuple[Framework, tuple[School, ...], Survey],
    rollup: Rollup | None,
    collaboration: Collaboration | None,
) -> str:
    framework, schools, survey_made = surveyed
    write = html_authority_report if arguments.format == "html" else markdown_authority_report
    return write(
        framework,
        rollup=rollup,
        collaboration=collaboration,
        language=arguments.lang,
        notices=_notices(survey_made),
        survey=survey_made,
        schools=schools,
    )


def _cmd_rollup(arguments: argparse.Namespace) -> str:
    framework, schools, surveyed = _surveyed(arguments)
    rollup = roll_up(framework, surveyed, by=arguments.by, averages=arguments.averages)
    if arguments.format == "json":
        return dumps(rollup)
    if arguments.format == "text":
        return render_rollup(framework, rollup, _notices(surveyed), survey=surveyed, schools=schools)
    return _authority_output(arguments, (framework, schools, surveyed), rollup, None)


def _stage_named(value: str, option: str) -> Stage:
    try:
        return read_stage(value)
    except ValueError as error:
        msg = f"{option} {error}"
        raise UsageError(msg, at=option) from None


def _match_options(arguments: argparse.Namespace) -> tuple[MatchOptions, dict[str, int]]:
    def requirement(kind: str) -> Requirement:
        strictness = Strictness(getattr(arguments, f"same_{kind}"))
        named = kind.replace("_", "-")
        only_with(
            arguments, [f"--{named}-penalty"], holds=strictness is Strictness.SOFT, needs=f"with --same-{named} soft"
        )
        return Requirement(strictness, getattr(arguments, f"{kind}_penalty"))

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
        raise UsageError(msg, at=msg.split(" ", 1)[0].rstrip(":")) from None
    try:
        capacities = dict(read_capacity(value) for value in arguments.capacity_of)
    except ValueError as error:
        msg = f"--capacity-of {error}"
        raise UsageError(msg, at="--capacity-of") from None
    return options, capacities


def _cmd_match(arguments: argparse.Namespace) -> str:
    options, capacities = _match_options(arguments)
    framework, schools, surveyed = _surveyed(arguments)
    collaboration = match_schools(framework, surveyed, options, capacities=capacities)
    if arguments.format == "json":
        return dumps(collaboration)
    if arguments.format == "text":
        notices = _notices(surveyed)
        return render_collaboration(collaboration, notices, framework=framework, survey=surveyed, schools=schools)
    return _authority_output(arguments, (framework, schools, surveyed), None, collaboration)


def _cmd_schema(arguments: argparse.Namespace) -> str:
    return schema_texts()[f"{arguments.kind}.schema.json"]


def _cmd_export(arguments: argparse.Namespace) -> str:
    return case_json(framework_of(arguments), arguments.lang)


def _overview(arguments: argparse.Namespace) -> str:
    return overview(framework_of(arguments), arguments.lang)


def _cmd_serve(arguments: argparse.Namespace) -> None:
    from school_improvement._service.server import serve  # noqa: PLC0415 (the server extra, only when asked)

    if arguments.framework:
        read_framework(arguments.framework)  # a framework file with problems is refused here, before serving
    serve(
        host=arguments.host,
        port=arguments.port,
        workers=arguments.workers,
        root_path=arguments.root_path,
        framework_file=arguments.framework,
    )


_COMMANDS: dict[str, Callable[[argparse.Namespace], str | bytes | None]] = {
    "overview": _overview,
    "framework": _cmd_framework,
    "template": _cmd_template,
    "validate": validate,
    "assess": _cmd_assess,
    "gaps": _cmd_gaps,
    "next-steps": _cmd_next_steps,
    "plan": _cmd_plan,
    "review": _cmd_review,
    "plan-summary": _cmd_plan_summary,
    "actions": _cmd_actions,
    "discussion": _cmd_discussion,
    "progress": _cmd_progress,
    "report": _cmd_report,
    "demo": _cmd_demo,
    "rollup": _cmd_rollup,
    "match": _cmd_match,
    "schema": _cmd_schema,
    "export": _cmd_export,
    "serve": _cmd_serve,
}


_OPTION_OF = {
    "targets": "--target",
    "chosen": "--choose",
    "school_priorities": "--priority",
    "capacities": "--capacity-of",
    "rule": "--rule",
}
"""The option that gave each argument of an analysis, by the argument's name in the library's problems."""
_IN_PYTHON = "allow_comparison_only=True; on the command line, --allow-comparison-only"
"""How the library says to plan from a rule for comparison only, to Python and to the command line: here, the latter."""
_ARGUMENT = re.compile(r"^\$\.(?P<name>\w+)(?:\[(?P<place>\d+)\])?")


def _at_options(error: AnalysisError, arguments: argparse.Namespace) -> AnalysisError:
    """The analysis's problems, each placed at the option that gave what it is about, as the user typed it.

    The library places a problem at its argument (``$.targets[0].aspect``); the user gave ``--target XX=2``. A
    problem about the files keeps its place in them.
    """
    placed = []
    for problem in error.problems:
        found = _ARGUMENT.match(problem.path)
        option = _OPTION_OF.get(found["name"]) if found else None
        if found is None or option is None or not given(arguments, option):
            placed.append(problem)
            continue
        values = getattr(arguments, option.removeprefix("--").replace("-", "_"))
        value = values[int(found["place"])] if found["place"] is not None and isinstance(values, list) else None
        said = f"{value!r}: {problem.message}" if value is not None else problem.message
        placed.append(Problem(option, said.replace(_IN_PYTHON, "--allow-comparison-only")))
    if placed == list(error.problems):
        return error
    return AnalysisError("command line" if all(p.path.startswith("--") for p in placed) else error.source, placed)


def run(arguments: argparse.Namespace) -> None:
    """Run the parsed command (the overview when none is given) and write its output.

    What is noticed about a self-evaluation that loads (a rating with no evidence, say) is written to standard
    error as a warning, each with its source and place.
    """
    command = getattr(arguments, "command", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SelfEvaluationWarning)
        try:
            output = _COMMANDS[command or "overview"](arguments)
        except AnalysisError as error:
            raise _at_options(error, arguments) from None
    for warning in caught:
        if isinstance(warning.message, SelfEvaluationWarning):
            sys.stderr.writelines(
                f"school-improvement: warning: {warning.message.source}: {problem}\n"
                for problem in warning.message.problems
            )
    if output is not None:  # None: the command has nothing to write (serve has answered requests until stopped)
        _write(output, getattr(arguments, "output", None) if command else None)

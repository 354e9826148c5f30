"""The command line's commands: each reads its files, runs the library, and returns what to print.

Kept apart from the parser, so that ``school-improvement --help`` loads none of the library.
"""

import argparse
import datetime
import re
import sys
import warnings
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs

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
from school_improvement._dates import iso_date
from school_improvement._errors import (
    AnalysisError,
    PayloadError,
    Problem,
    SchoolImprovementError,
    SelfEvaluationWarning,
)
from school_improvement._files import parse_json, read_bytes, read_file_lines, read_lines, read_stream
from school_improvement._interchange.case import case_json
from school_improvement._interchange.decisions import load_discussion, load_plan
from school_improvement._interchange.inputs import load_self_evaluation, schema_texts
from school_improvement._interchange.payloads import dumps
from school_improvement._interchange.plan_csv import plan_actions_csv, read_plan_actions_csv
from school_improvement._interchange.spreadsheet import csv_template, read_self_evaluation_csv
from school_improvement._limits import (
    MAX_CSV_BYTES,
    MAX_PAYLOAD_BYTES,
    MAX_REGISTER_BYTES,
    MAX_SET_PAYLOADS,
)
from school_improvement._planning.choices import ChosenPriority, PriorityNotice, check_priorities
from school_improvement._planning.cycle import Cycle, run_cycle
from school_improvement._planning.discussion import DiscussionRecord, view_differences
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


class UsageError(SchoolImprovementError):
    """A command-line argument is wrong."""


def _read_bytes(path: str, most: int) -> bytes:
    """A file's bytes, or standard input's for ``-``: never more than ``most`` and one byte past it."""

    def fail(problems: list[Problem]) -> Exception:
        return PayloadError("standard input" if path == "-" else path, problems)

    raw = read_stream(sys.stdin.buffer, fail, most) if path == "-" else read_bytes(path, fail, most)
    if raw.startswith(_WORKBOOKS):
        msg = (
            f"{_name(path)}: this is a spreadsheet workbook (such as .xlsx or .ods), which the command line does not "
            "read: save it as 'CSV UTF-8 (comma delimited)' in your spreadsheet program, and give that file"
        )
        raise UsageError(msg)
    return raw


_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
"""How workbook files begin: a zip archive (.xlsx, .ods, .numbers) or an old compound file (.xls)."""


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


def _evaluation(
    framework: Framework, path: str, arguments: argparse.Namespace, raw: bytes | None = None
) -> SelfEvaluation:
    """A self-evaluation from a .json payload or a .csv spreadsheet (``raw``: its bytes, when already read)."""
    spreadsheet = path.lower().endswith(".csv")
    if raw is None:
        raw = _read_bytes(path, MAX_CSV_BYTES if spreadsheet else MAX_PAYLOAD_BYTES)
    if spreadsheet:
        if not arguments.school or not arguments.date:
            msg = f"{path}: a spreadsheet needs --school and --date"
            raise UsageError(msg)
        return read_self_evaluation_csv(raw, framework, school=arguments.school, date=arguments.date, name=path)
    return load_self_evaluation(raw, framework=framework, name=_name(path))


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


_CHOICE = re.compile(
    r"^(?P<aspects>[A-Za-z]{2}(?:\+[A-Za-z]{2})*)=(?P<stage>[a-z0-9-]+)@(?P<by>[^:]+)(?::(?P<why>.*))?$"
)
"""A priority the school chose, as --choose takes it: ``ASPECT[+ASPECT]=STAGE@DATE[:why]``."""
_CHOSEN_HERE = "chosen by the school (given on the command line)"


def _chosen(arguments: argparse.Namespace) -> list[ChosenPriority] | None:
    """The school's chosen priorities from --choose, in its order; ``None`` when it gave none."""
    values: list[str] = getattr(arguments, "choose", [])
    if not values:
        return None
    chosen = []
    for value in values:
        found = _CHOICE.match(value.strip())
        stage = _STAGES.get(found["stage"]) if found else None
        try:
            by = iso_date(found["by"]) if found else None
        except ValueError:
            by = None
        if found is None or stage is None or by is None:
            msg = (
                f"--choose {value!r}: write ASPECT[+ASPECT]=STAGE@YYYY-MM-DD[:why], the stage as 1 to 4 or its name, "
                "e.g. 'LC=making-progress@2027-07-16:few leaders below the head'"
            )
            raise UsageError(msg)
        why = (found["why"] or "").strip() or _CHOSEN_HERE
        chosen.append(ChosenPriority(tuple(found["aspects"].upper().split("+")), why, stage, by))
    return chosen


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


def _parsed(raw: bytes, name: str) -> tuple[object, bytes | dict[str, Any]]:
    """A payload read once: the kind it says it is (``None`` if it says none), and what to give its loader.

    The loader is given the parsed object, so that the text is read only once; anything but a JSON object is
    given as the text, for the loader to refuse in its own words.
    """
    payload = parse_json(raw, lambda problems: PayloadError(name, problems))
    if not isinstance(payload, dict):
        return None, raw
    return payload.get("kind"), payload


def _warnings(caught: list[warnings.WarningMessage]) -> list[Problem]:
    return [
        problem
        for warning in caught
        if isinstance(warning.message, SelfEvaluationWarning)
        for problem in warning.message.problems
    ]


def _cmd_validate(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    path, raw, name = arguments.file, None, _name(arguments.file)
    if not path.lower().endswith(".csv"):
        raw = _read_bytes(path, MAX_PAYLOAD_BYTES)
        kind, payload = _parsed(raw, name)
        if isinstance(kind, str) and kind not in _VALIDATED:
            message = f"validate reads a {', a '.join(_VALIDATED)}; this payload is a {kind!r}"
            raise PayloadError(name, [Problem("$.kind", message)])
        if kind == "development-plan":
            plan = load_plan(payload, framework=framework, name=name)
            actions = sum(len(priority.actions) for priority in plan.priorities)
            said = (
                f"{name}: valid: the development plan of {plan.school}, {plan.starts} to {plan.ends}, "
                f"{_count(len(plan.priorities), 'priority', 'priorities')}, {_count(actions, 'action')}, "
                f"{_count(len(plan.reviews), 'review')} recorded"
            )
            return said + _noticed(framework, plan.school, plan.chosen, arguments)
        if kind == "discussion-record":
            record = load_discussion(payload, framework=framework, name=name)
            differing = len(view_differences(framework, record))
            said = (
                f"{name}: valid: the professional discussion of {record.school} on {record.date}, "
                f"{_count(len(record.agreed_priorities), 'priority', 'priorities')} agreed, "
                f"{_count(differing, 'aspect')} seen differently, next review {record.next_review}"
            )
            return said + _noticed(framework, record.school, record.agreed_priorities, arguments)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SelfEvaluationWarning)
        evaluation = _evaluation(framework, path, arguments, raw)
    said = f"{name}: valid: {evaluation.school}, {evaluation.date}, {len(evaluation.ratings)} ratings"
    noticed = _warnings(caught)
    if noticed:
        said += f", with {_count(len(noticed), 'warning')}:\n"
        said += "\n".join(f"  warning: {problem}" for problem in noticed)
    return said


_VALIDATED = ("self-evaluation", "development-plan", "discussion-record")
"""The payloads validate reads."""


def _noticed(
    framework: Framework, school: str, chosen: tuple[ChosenPriority, ...], arguments: argparse.Namespace
) -> str:
    """What is noticed about a school's priorities against the self-evaluation given with --self-evaluation."""
    evaluation = _given_evaluation(framework, arguments, school)
    if evaluation is None or not chosen:
        return ""
    notices = check_priorities(framework, chosen, assess(framework, evaluation))
    if not notices:
        return f"\nNothing noticed about its priorities against the self-evaluation of {evaluation.date}."
    lines = [f"\nNoticed about its priorities against the self-evaluation of {evaluation.date} (the choice stands):"]
    lines += [f"  {notice.path}: {notice.message}" for notice in notices]
    return "\n".join(lines)


def _count(number: int, noun: str, nouns: str | None = None) -> str:
    return f"{number} {noun if number == 1 else nouns or noun + 's'}"


def _name(path: str) -> str:
    """What a source is called in messages: its path, or "standard input" for ``-``."""
    return "standard input" if path == "-" else path


def _plan(framework: Framework, path: str) -> DevelopmentPlan:
    return load_plan(_read_bytes(path, MAX_PAYLOAD_BYTES), framework=framework, name=_name(path))


def _discussion(framework: Framework, path: str) -> DiscussionRecord:
    return load_discussion(_read_bytes(path, MAX_PAYLOAD_BYTES), framework=framework, name=_name(path))


def _given_evaluation(framework: Framework, arguments: argparse.Namespace, school: str) -> SelfEvaluation | None:
    """The self-evaluation given with --self-evaluation, which must be of ``school``; ``None`` when none is given."""
    path: str | None = getattr(arguments, "self_evaluation", None)
    if path is None:
        return None
    evaluation = _evaluation(framework, path, arguments)
    if evaluation.school != school:
        msg = f"{_name(path)}: the self-evaluation is of {evaluation.school!r}, not {school!r}"
        raise UsageError(msg)
    return evaluation


def _cmd_review(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    plan = _plan(framework, arguments.plan)
    evaluation = _given_evaluation(framework, arguments, plan.school)
    if arguments.due_within_days < 0:
        msg = f"--due-within-days {arguments.due_within_days}: give a number of days, 0 or more"
        raise UsageError(msg)
    if arguments.record is not None and not arguments.record.strip():
        msg = "--record: say what the review concluded"
        raise UsageError(msg)
    review = review_plan(
        framework,
        plan,
        _as_of(arguments),
        evaluation,
        rule=arguments.rule,
        due_within_days=arguments.due_within_days,
    )
    if arguments.record is not None:
        return dumps(record_review(plan, review, arguments.record, arguments.evidence))
    if arguments.evidence:
        msg = "--evidence goes with --record: it names the evidence a recorded review looked at"
        raise UsageError(msg)
    return dumps(review) if arguments.format == "json" else render_review(framework, review)


def _cmd_plan_summary(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    plan = _plan(framework, arguments.plan)
    if plan.drafted:
        msg = (
            f"{_name(arguments.plan)}: this is the library's draft, not yet the school's plan: make it the school's "
            "own (its objectives, owners, dates, and a note of its own in place of the draft's) before publishing it"
        )
        raise UsageError(msg)
    evaluation = _given_evaluation(framework, arguments, plan.school)
    review = None
    if evaluation is not None:
        review = review_plan(framework, plan, _as_of(arguments), evaluation, rule=arguments.rule)
    write = html_plan_summary if arguments.format == "html" else markdown_plan_summary
    return write(framework, plan, review, language=arguments.lang, include_costs=arguments.include_costs)


def _cmd_actions(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    plan = _plan(framework, arguments.plan)
    if arguments.csv is None:
        return plan_actions_csv(plan)
    raw = _read_bytes(arguments.csv, MAX_CSV_BYTES)
    return dumps(read_plan_actions_csv(raw, plan, framework, name=_name(arguments.csv)))


def _cmd_discussion(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    record = _discussion(framework, arguments.record)
    evaluation = _given_evaluation(framework, arguments, record.school)
    profile = None if evaluation is None else assess(framework, evaluation, arguments.rule)
    if arguments.format == "text":
        return render_discussion(framework, record, profile)
    write = html_discussion if arguments.format == "html" else markdown_discussion
    return write(framework, record, profile, language=arguments.lang)


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
    return dumps(advice) if arguments.format == "json" else render_recommendation(framework, advice, cycle.notices)


def _cmd_plan(arguments: argparse.Namespace) -> str:
    framework, cycle = _planned(arguments)
    return dumps(cycle.plan) if arguments.format == "json" else render_plan(cycle.plan, framework, drafted=True)


def _cmd_progress(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    evaluations = [_evaluation(framework, path, arguments) for path in arguments.files]
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
    the library's recommendation (--priority, --max-priorities) do nothing to them, so they are refused beside them.
    """
    chosen = _chosen(arguments)
    ours = "--plan" if plan is not None else "--choose" if chosen is not None else None
    if ours is not None:
        clash = [
            option
            for option, given in (
                ("--choose", ours == "--plan" and chosen is not None),
                ("--priority", bool(arguments.priority)),
                ("--max-priorities", arguments.max_priorities is not None),
            )
            if given
        ]
        if clash:
            msg = f"{', '.join(clash)} cannot go with {ours}: the school's own priorities are followed as they stand"
            raise UsageError(msg)
    return run_cycle(
        framework,
        evaluations,
        arguments.rule,
        max_age_days=arguments.max_age_days,
        as_of=_as_of(arguments),
        targets=_targets(arguments.target),
        allow_comparison_only=arguments.allow_comparison_only,
        school_priorities=arguments.priority,
        max_priorities=3 if arguments.max_priorities is None else arguments.max_priorities,
        plan=plan,
        chosen=None if plan is not None else chosen,
    )


def _report(framework: Framework, cycle: Cycle, arguments: argparse.Namespace, note: str | None = None) -> str:
    if arguments.format == "html":
        return html_report(framework, cycle, note=note, language=arguments.lang)
    return markdown_report(framework, cycle, note=note, language=arguments.lang)


def _cmd_report(arguments: argparse.Namespace) -> str:
    framework = _framework(arguments)
    plan = None if arguments.plan is None else _plan(framework, arguments.plan)
    evaluations = [_evaluation(framework, path, arguments) for path in arguments.files]
    return _report(framework, _cycle(framework, evaluations, arguments, plan), arguments)


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


@attrs.define
class _SchoolSet:
    """What a set of payloads holds: self-evaluations, and the plans and discussion records beside them."""

    evaluations: list[SelfEvaluation] = attrs.Factory(list)
    plans: list[DevelopmentPlan] = attrs.Factory(list)
    discussions: list[DiscussionRecord] = attrs.Factory(list)
    problems: list[Problem] = attrs.Factory(list)
    origins: dict[str, list[str]] = attrs.Factory(lambda: {"evaluations": [], "plans": [], "discussions": []})
    """Where each payload came from (its file, or line), by the survey's name for its list, in the same order."""

    def add(self, framework: Framework, name: str, raw: bytes) -> None:
        """Add one payload by its kind, or its problems, each path led by where it came from."""
        try:
            kind, payload = _parsed(raw, name)
            if kind == "development-plan":
                self.plans.append(load_plan(payload, framework=framework, name=name))
                self.origins["plans"].append(name)
            elif kind == "discussion-record":
                self.discussions.append(load_discussion(payload, framework=framework, name=name))
                self.origins["discussions"].append(name)
            else:
                self.evaluations.append(load_self_evaluation(payload, framework=framework, name=name))
                self.origins["evaluations"].append(name)
        except PayloadError as error:
            self.problems += [Problem(f"{name}: {problem.path}", problem.message) for problem in error.problems]

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
    """The named payloads of a folder of .json files, or of a .jsonl file (or standard input)."""
    path = Path(source)
    if not path.is_dir():
        return [(f"line {number}", line) for number, line in _read_lines(source)]
    found = sorted(path.glob("*.json"))
    if len(found) > MAX_SET_PAYLOADS:
        msg = f"{source}: the folder holds {len(found):,} payloads; the most read is {MAX_SET_PAYLOADS:,}"
        raise UsageError(msg)
    if not found:
        msg = f"{source}: the folder holds no .json payloads"
        raise UsageError(msg)
    return [(item.name, _read_bytes(str(item), MAX_PAYLOAD_BYTES)) for item in found]


def _school_set(framework: Framework, sources: list[str]) -> _SchoolSet:
    """Every payload in the sources, by kind; every problem in any of them reported, each under its source."""
    if sources.count("-") > 1:
        msg = "standard input (-) can be read once: give it as one source only"
        raise UsageError(msg)
    found = _SchoolSet()
    for source in sources:
        prefix = "" if len(sources) == 1 else f"{_name(source)}: "
        for name, raw in _payloads(source):
            found.add(framework, prefix + name, raw)
    if found.problems:
        raise PayloadError(_name(sources[0]) if len(sources) == 1 else "the sources", found.problems)
    if not found.evaluations:
        msg = f"{', '.join(sources)}: no self-evaluations among the payloads"
        raise UsageError(msg)
    return found


def _surveyed(arguments: argparse.Namespace) -> tuple[Framework, Survey]:
    framework = _framework(arguments)
    schools = read_school_register(_read_bytes(arguments.schools, MAX_REGISTER_BYTES), name=arguments.schools)
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
    return framework, surveyed


def _notices(surveyed: Survey) -> dict[str, tuple[PriorityNotice, ...]]:
    """What is noticed about each surveyed school's own priorities, by reference."""
    return {item.school.ref: item.notices for item in surveyed.snapshots}


def _authority_output(
    framework: Framework,
    arguments: argparse.Namespace,
    surveyed: Survey,
    rollup: Rollup | None,
    collaboration: Collaboration | None,
) -> str:
    write = html_authority_report if arguments.format == "html" else markdown_authority_report
    return write(
        framework, rollup=rollup, collaboration=collaboration, language=arguments.lang, notices=_notices(surveyed)
    )


def _cmd_rollup(arguments: argparse.Namespace) -> str:
    framework, surveyed = _surveyed(arguments)
    rollup = roll_up(framework, surveyed, by=arguments.by, averages=arguments.averages)
    if arguments.format == "json":
        return dumps(rollup)
    if arguments.format == "text":
        return render_rollup(framework, rollup, _notices(surveyed))
    return _authority_output(framework, arguments, surveyed, rollup, None)


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
        return render_collaboration(collaboration, _notices(surveyed))
    return _authority_output(framework, arguments, surveyed, None, collaboration)


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
}


def run(arguments: argparse.Namespace) -> None:
    """Run the parsed command (the overview when none is given) and write its output."""
    name = getattr(arguments, "command", None)
    if name is None:
        _write(overview(_framework(arguments), arguments.lang), None)
        return
    _write(_COMMANDS[name](arguments), getattr(arguments, "output", None))

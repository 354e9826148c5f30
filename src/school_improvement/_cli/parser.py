"""The command line: the improvement cycle for people who do not write Python.

Exit codes: 0 on success, 2 for a usage or input error (one message per
problem on stderr), 1 for any other failure. No traceback unless ``--debug``.

This module builds the parser only; the commands, and the library with them,
load after the arguments are parsed, so ``--help`` starts quickly.
"""

import argparse
import datetime
import sys
import warnings
from collections.abc import Callable, Sequence

from school_improvement._dates import iso_date

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

RULE_NAMES = ("best-fit", "cumulative", "high-water-mark", "secure-fit")
"""The stage rules' names (a test checks them against the library's)."""
PAYLOAD_NAMES = (
    "collaboration",
    "development-plan",
    "discussion-record",
    "framework",
    "gap-analysis",
    "plan-review",
    "progress-report",
    "recommendation",
    "rollup",
    "self-evaluation",
    "stage-profile",
)
"""The payload kinds' names (a test checks them against the library's)."""


class _Help(argparse.HelpFormatter):
    """Help that shows each option's default, where it has one and the help does not say it already."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if "default" in text or default in (None, False, argparse.SUPPRESS) or default == []:
            return text
        return f"{text} (default: {default})"


def _subparser(parser: argparse.ArgumentParser, name: str | None) -> argparse.ArgumentParser:
    """The parser of one command, whose usage a mistake in its options shows; the whole parser's without one."""
    for action in parser._actions:  # noqa: SLF001 (argparse has no public way to reach its subparsers)
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:  # noqa: SLF001
            found: argparse.ArgumentParser = action.choices[name]
            return found
    return parser


def _date(text: str) -> datetime.date:
    try:
        return iso_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


_GLOBAL = {"lang": "en", "framework": None, "debug": False}
"""The options that may come before the command too, with their defaults."""


def _takes(parser: argparse.ArgumentParser, *names: str) -> None:
    """Mark the options of ``_GLOBAL`` a command takes, so that given before it they apply, and are refused if not."""
    parser.set_defaults(takes=frozenset(parser.get_default("takes") or ()) | set(names))


def _lang(parser: argparse.ArgumentParser, help: str) -> None:  # noqa: A002 (argparse's own word)
    parser.add_argument("--lang", choices=["en", "cy"], default=argparse.SUPPRESS, help=f"{help} (default: en)")
    _takes(parser, "lang")


def _debug(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show a traceback on failure")


def _common(parser: argparse.ArgumentParser, *, rule: bool = False, csv: bool = True) -> None:
    parser.add_argument(
        "--framework", metavar="FILE", default=argparse.SUPPRESS, help="a framework edition file of your own (JSON)"
    )
    _takes(parser, "framework")
    _debug(parser)
    if rule:
        parser.add_argument(
            "--rule", choices=list(RULE_NAMES), default="cumulative", help="the stage rule (default: cumulative)"
        )
    if csv:
        parser.add_argument("--school", help="the school's reference, for a .csv self-evaluation")
        parser.add_argument("--date", type=_date, help="the self-evaluation's date (YYYY-MM-DD), for a .csv file")


def _dated(parser: argparse.ArgumentParser) -> None:
    """The options that age a self-evaluation and its evidence."""
    parser.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="the date to age self-evaluations and evidence at, YYYY-MM-DD (default: today)",
    )
    parser.add_argument(
        "--max-age-days",
        type=int,
        default=365,
        metavar="N",
        help="how old a self-evaluation or its evidence may be before it is flagged (default 365)",
    )


def _comparison(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-comparison-only",
        action="store_true",
        help="plan even from a rule offered only for comparison (high-water-mark)",
    )


def _planning(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--target", action="append", default=[], metavar="ASPECT=STAGE", help="a target, e.g. PV=3")
    parser.add_argument(
        "--choose",
        action="append",
        default=[],
        metavar="SPEC",
        help="a priority the school has chosen, in its order: ASPECT[+ASPECT]=STAGE@DATE[:why], e.g. "
        "'LC=making-progress@2027-07-16:few leaders below the head'; the school's choice is followed, never cut",
    )
    parser.add_argument(
        "--priority",
        action="append",
        default=[],
        metavar="ASPECT",
        help="an aspect to weigh up when the library recommends priorities (a weight, not a choice: see --choose)",
    )
    parser.add_argument(
        "--max-priorities", type=int, metavar="N", help="how many priorities the library recommends (default 3)"
    )
    _comparison(parser)


def _matching(parser: argparse.ArgumentParser) -> None:
    strictness = ["hard", "soft", "off"]
    parser.add_argument("--capacity", type=int, default=2, metavar="N", help="partnerships per supporting school")
    parser.add_argument(
        "--capacity-of", action="append", default=[], metavar="REF=N", help="one school's capacity, e.g. w-101=0"
    )
    parser.add_argument("--partner-limit", type=int, default=1, metavar="N", help="partnerships per partner school")
    parser.add_argument("--min-lead", type=int, default=1, metavar="N", help="stages a supporter must be ahead")
    parser.add_argument(
        "--strength-from", default="building-momentum", metavar="STAGE", help="the earliest stage that is a strength"
    )
    for name, default, penalty in [
        ("local-authority", "hard", 0),
        ("cluster", "soft", 1),
        ("phase", "soft", 1),
        ("medium", "soft", 1),
    ]:
        parser.add_argument(f"--same-{name}", choices=strictness, default=default, help=f"default {default}")
        parser.add_argument(
            f"--{name}-penalty", type=int, default=penalty or 1, metavar="N", help="points a soft breach costs"
        )


def _school_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """The commands about one school: from the framework and a template to its report."""
    sub = command("framework", "list the framework, or show one aspect's descriptors")
    sub.add_argument("--aspect", metavar="CODE", help="show one aspect, e.g. PV")
    _lang(sub, "Welsh where it exists, marking fallbacks")
    sub.add_argument("--format", choices=["text", "json"], default="text", help="the form to write it in")
    _common(sub, csv=False)
    sub = command("template", "write a blank self-evaluation, as JSON or a CSV spreadsheet")
    sub.add_argument("--format", choices=["json", "csv"], default="json", help="the form to write it in")
    _common(sub)
    sub = command("validate", "check a self-evaluation, development plan or discussion record and list every problem")
    sub.add_argument(
        "--self-evaluation",
        metavar="FILE",
        help="for a plan or discussion record: also say what is noticed about its priorities against this",
    )
    sub.add_argument(
        "file",
        help="a self-evaluation (.json payload or .csv spreadsheet), a development plan or a discussion record "
        "(.json payloads); - reads stdin",
    )
    _common(sub)
    for name, summary in [
        ("assess", "judge each aspect's stage, with explanations and evidence checks"),
        ("gaps", "show what stands between each aspect and its target"),
        ("next-steps", "recommend a few priorities and their next steps"),
        ("plan", "draft the school development plan"),
    ]:
        sub = command(name, summary)
        sub.add_argument("file", help="a self-evaluation (.json payload or .csv spreadsheet); - reads stdin")
        sub.add_argument("--format", choices=["text", "json"], default="text", help="the form to write it in")
        _common(sub, rule=True)
        _dated(sub)
        if name != "assess":
            _planning(sub)
    _decision_commands(command)
    sub = command("progress", "compare one school's self-evaluations over time")
    sub.add_argument("files", nargs="+", metavar="FILE", help="self-evaluations of one school")
    sub.add_argument("--stalled-after", type=int, default=3, metavar="N", help="reviews without movement (default 3)")
    sub.add_argument("--format", choices=["text", "json"], default="text", help="the form to write it in")
    _common(sub, rule=True)
    sub = command("report", "run the whole cycle and write a report, as one HTML file or Markdown")
    sub.add_argument("--format", choices=["html", "markdown"], default="html", help="the form to write it in")
    _lang(sub, "Welsh where a source gives it")
    sub.add_argument("files", nargs="+", metavar="FILE", help="self-evaluations of one school; the latest is reported")
    sub.add_argument(
        "--plan", metavar="FILE", help="the school's own development plan: report it, reviewed, instead of a draft"
    )
    _common(sub, rule=True)
    _dated(sub)
    _planning(sub)
    sub = command("demo", "run the whole cycle on a bundled fictional school and write its report")
    sub.add_argument("--format", choices=["html", "markdown"], default="html", help="the form to write it in")
    _lang(sub, "Welsh where a source gives it")
    sub.add_argument("--rule", choices=list(RULE_NAMES), default="cumulative", help="the stage rule")
    _debug(sub)
    _dated(sub)
    _comparison(sub)
    sub.set_defaults(target=[], priority=[], choose=[], max_priorities=None, plan=None)


def _evaluation_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--self-evaluation",
        metavar="FILE",
        help="a self-evaluation of the school (.json or .csv) to judge the targets by",
    )


def _on(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--as-of", type=_date, metavar="DATE", help=f"{what}, YYYY-MM-DD (default: today)")


def _decision_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """The commands about the school's own plan and its professional discussion."""
    sub = command("review", "review the school's development plan on a date: due and overdue actions, targets")
    sub.add_argument("plan", metavar="PLAN", help="the school's development plan (.json payload); - reads stdin")
    sub.add_argument("--format", choices=["text", "json"], default="text", help="the form to write it in")
    sub.add_argument(
        "--due-within-days", type=int, default=28, metavar="N", help="how far ahead an action counts as due"
    )
    sub.add_argument(
        "--record",
        metavar="SUMMARY",
        help="record the review in the plan with this summary, and write the plan (as JSON, whatever --format)",
    )
    sub.add_argument(
        "--evidence", action="append", default=[], metavar="REFERENCE", help="evidence the recorded review looked at"
    )
    _evaluation_option(sub)
    _common(sub, rule=True)
    _on(sub, "the review's date")
    sub = command("plan-summary", "write the plan's summary for parents and governors, as HTML or Markdown")
    sub.add_argument("plan", metavar="PLAN", help="the school's development plan (.json payload); - reads stdin")
    sub.add_argument("--format", choices=["html", "markdown"], default="html", help="the form to write it in")
    _lang(sub, "Welsh where a source gives it")
    sub.add_argument("--include-costs", action="store_true", help="show the costs (for governors)")
    _evaluation_option(sub)
    _common(sub, rule=True)
    _on(sub, "the date to say where the plan stands at, with --self-evaluation")
    sub = command("actions", "write the plan's actions as CSV, or read them back into the plan from a spreadsheet")
    sub.add_argument("plan", metavar="PLAN", help="the school's development plan (.json payload); - reads stdin")
    sub.add_argument(
        "--from", dest="csv", metavar="CSV", help="the actions as edited in a spreadsheet: write the updated plan"
    )
    _common(sub, csv=False)
    sub = command(
        "discussion", "report a professional discussion record: both views of each aspect, support, strengths"
    )
    sub.add_argument("record", metavar="RECORD", help="the discussion record (.json payload); - reads stdin")
    sub.add_argument("--format", choices=["text", "markdown", "html"], default="text", help="the form to write it in")
    _lang(sub, "Welsh where a source gives it")
    sub.add_argument(
        "--self-evaluation",
        metavar="FILE",
        help="the school's self-evaluation, to show the stage its evidence gives beside the two views",
    )
    _common(sub, rule=True)


def _authority_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """The commands across many schools: ``rollup`` and ``match``."""
    for name, summary in [
        ("rollup", "roll up many schools: the spread of stages, system-level priorities, shared next steps"),
        ("match", "pair schools with a strength in an aspect with schools that have it as a priority"),
    ]:
        sub = command(name, summary)
        sub.add_argument(
            "sources",
            nargs="+",
            metavar="SOURCE",
            help="a folder of .json payloads, or a .jsonl file of them: the schools' self-evaluations, and their "
            "development plans and discussion records where they have them",
        )
        sub.add_argument("--schools", required=True, metavar="FILE", help="the register of schools (CSV)")
        sub.add_argument(
            "--format", choices=["text", "json", "markdown", "html"], default="text", help="the form to write it in"
        )
        _lang(sub, "Welsh stage names in a report")
        _common(sub, rule=True, csv=False)
        _dated(sub)
        if name == "rollup":
            sub.add_argument("--by", choices=["local-authority", "cluster", "phase"], help="group the schools")
            sub.add_argument("--averages", action="store_true", help="also give the mean stage position")
        else:
            _matching(sub)


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser; the command-line reference is generated from it."""
    parser = argparse.ArgumentParser(
        prog="school-improvement",
        formatter_class=_Help,
        description="Wales' school improvement framework: assess a school's stage from evidence, find the gaps, "
        "recommend next steps and draft a development plan. Not endorsed by Estyn or Welsh Government.",
    )
    parser.add_argument(
        "--lang", dest="global_lang", choices=["en", "cy"], help="Welsh where it exists, for the command (default: en)"
    )
    parser.add_argument(
        "--framework", dest="global_framework", metavar="FILE", help="a framework edition file of your own (JSON)"
    )
    parser.add_argument("--debug", dest="global_debug", action="store_true", help="show a traceback on failure")
    parser.add_argument("--version", action=_Version, help="say which version this is, and stop")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary, formatter_class=_Help)
        sub.set_defaults(command=name)
        return sub

    _school_commands(command)
    _authority_commands(command)
    command("schema", "print the JSON Schema of a payload").add_argument(
        "kind", choices=list(PAYLOAD_NAMES), nargs="?", default="self-evaluation"
    )
    sub = command("export", "export the framework in an interchange format")
    sub.add_argument("target_format", choices=["case"], metavar="case", help="1EdTech CASE 1.1")
    _lang(sub, "the English package, or the Welsh document")
    _common(sub, csv=False)
    for sub in commands.choices.values():
        if not any(action.dest == "output" for action in sub._actions):  # noqa: SLF001 (argparse has no public way)
            sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    return parser


class _Version(argparse.Action):
    """``--version``: the installed version, read only when asked for, so that --help stays quick."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:  # noqa: A002
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import version  # noqa: PLC0415 (only when asked)

        sys.stdout.write(f"{parser.prog} {version('school-improvement')}\n")
        parser.exit()


def _settle(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> None:
    """Options given before the command apply to it; one it cannot use is refused, as is one given twice differently."""
    command = getattr(arguments, "command", None)
    takes = set(getattr(arguments, "takes", ())) | {"debug"} | ({"lang", "framework"} if command is None else set())
    for name, default in _GLOBAL.items():
        early = getattr(arguments, f"global_{name}")
        given_early = early not in (None, False)
        option = f"--{name}"
        if given_early and name not in takes:
            _subparser(parser, command).error(
                f"{option} does nothing for {command}: give it only where it does something"
            )
        if given_early and hasattr(arguments, name) and getattr(arguments, name) != early:
            _subparser(parser, command).error(
                f"{option} is given before {command} and after it, differently: give it once"
            )
        if not hasattr(arguments, name):
            setattr(arguments, name, early if given_early else default)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    _settle(parser, arguments)
    from school_improvement._cli import commands  # noqa: PLC0415 (loaded only once the arguments parse)
    from school_improvement._errors import (  # noqa: PLC0415
        InputError,
        SchoolImprovementError,
        SelfEvaluationWarning,
    )

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SelfEvaluationWarning)
            commands.run(arguments)
        for warning in caught:
            if isinstance(warning.message, SelfEvaluationWarning):
                sys.stderr.writelines(
                    f"school-improvement: warning: {warning.message.source}: {problem}\n"
                    for problem in warning.message.problems
                )
    except InputError as error:
        if arguments.debug:
            raise
        sys.stderr.write(f"school-improvement: {error.source}: {len(error.problems)} problem(s):\n")
        sys.stderr.writelines(f"  {problem}\n" for problem in error.problems)
        return EXIT_USAGE
    except SchoolImprovementError as error:
        if arguments.debug:
            raise
        if isinstance(error, commands.UsageError):  # a mistake in the options: the command's usage says how
            _subparser(parser, getattr(arguments, "command", None)).print_usage(sys.stderr)
        sys.stderr.write(f"school-improvement: error: {error}\n")
        return EXIT_USAGE
    except Exception as error:
        if arguments.debug:
            raise
        sys.stderr.write(f"school-improvement: unexpected failure: {type(error).__name__}: {error}\n")
        sys.stderr.write("Run again with --debug for the details, and report it.\n")
        return EXIT_FAILURE
    return EXIT_OK

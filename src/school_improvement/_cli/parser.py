"""The command line: the improvement cycle for people who do not write Python.

Exit codes: 0 on success, 2 for a usage or input error (one message per
problem on stderr), 1 for any other failure. No traceback unless ``--debug``.

This module builds the parser only; the commands, and the library with them,
load after the arguments are parsed, so ``--help`` starts quickly.
"""

import argparse
import datetime
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

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


class Refused(Exception):  # noqa: N818 (a refusal, said as one)
    """The command line's options are wrong: what argparse says, and the parser whose usage shows how."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser
        self.message = message


def _noting(base: type[argparse.Action]) -> type[argparse.Action]:
    """An action of ``base``'s kind that also notes, in ``given``, that its option was given."""

    class Noted(base):  # type: ignore[valid-type,misc]  # a subclass of the kind given
        def __call__(
            self,
            parser: argparse.ArgumentParser,
            namespace: argparse.Namespace,
            values: object,
            option_string: str | None = None,
        ) -> None:
            super().__call__(parser, namespace, values, option_string)
            namespace.given = frozenset(getattr(namespace, "given", ())) | {self.dest}

    return Noted


class _Parser(argparse.ArgumentParser):
    """A parser that notes each option given (as ``given``, by destination), and raises its errors as ``Refused``.

    Knowing what was given, a command refuses an option that would do nothing, rather than ignore it; raised,
    an error can be written as JSON when that is asked.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 (argparse's own arguments)
        super().__init__(*args, **kwargs)
        for name, base in [
            (None, argparse._StoreAction),  # noqa: SLF001 (argparse has no public way to extend its actions)
            ("store", argparse._StoreAction),  # noqa: SLF001
            ("store_true", argparse._StoreTrueAction),  # noqa: SLF001
            ("append", argparse._AppendAction),  # noqa: SLF001
        ]:
            self.register("action", name, _noting(base))

    def error(self, message: str) -> NoReturn:
        """Raise the mistake, for ``main`` to say in the form asked for."""
        raise Refused(self, message)


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


def _common(parser: argparse.ArgumentParser, *, rule: bool = False, csv: bool = True, files: bool = False) -> None:
    """The framework, --debug, and as asked the stage rule and the school and date of a .csv self-evaluation.

    ``files``: the command reads several self-evaluations, so --date is given once for each file, in order.
    """
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
        parser.add_argument(
            "--school",
            help="the school's reference, for a .csv self-evaluation that does not give it; a file that gives it "
            "must agree",
        )
        if files:
            parser.add_argument(
                "--date",
                type=_date,
                action="append",
                metavar="DATE",
                help="the date of each self-evaluation, YYYY-MM-DD: once for each file, in the order of the files; "
                "for a .csv file that does not give its date (a file that gives one must agree)",
            )
        else:
            parser.add_argument(
                "--date",
                type=_date,
                metavar="DATE",
                help="the self-evaluation's date, YYYY-MM-DD, for a .csv file that does not give it; a file that "
                "gives it must agree",
            )


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
        help="plan even from a rule offered only for comparison (high-water-mark); only with such a rule",
    )


def _targets(parser: argparse.ArgumentParser) -> None:
    """The options that set what the school aims for: its targets and its own choice of priorities."""
    parser.add_argument("--target", action="append", default=[], metavar="ASPECT=STAGE", help="a target, e.g. PV=3")
    parser.add_argument(
        "--choose",
        action="append",
        default=[],
        metavar="SPEC",
        help="a priority the school has chosen, in its order: ASPECT[+ASPECT]=STAGE@DATE[:why], e.g. "
        "'LC=making-progress@2027-07-16:few leaders below the head'; the school's choice is followed, never cut",
    )
    _comparison(parser)


def _planning(parser: argparse.ArgumentParser) -> None:
    """The targets, and the options that shape the library's recommendation of priorities."""
    _targets(parser)
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
    for name, default in [("local-authority", "hard"), ("cluster", "soft"), ("phase", "soft"), ("medium", "soft")]:
        parser.add_argument(f"--same-{name}", choices=strictness, default=default, help=f"default {default}")
        parser.add_argument(
            f"--{name}-penalty",
            type=int,
            default=1,
            metavar="N",
            help=f"points a breach costs, with --same-{name} soft",
        )


_FORMAT = "the form to write it in"
_JSON = "the form to write it in; with json, a failure's problems are written as JSON on standard output too"


def _school_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """The commands about one school: from the framework and a template to its report."""
    sub = command("framework", "list the framework, or show one aspect's descriptors")
    sub.add_argument("--aspect", metavar="CODE", help="show one aspect, e.g. PV (as text)")
    _lang(sub, "Welsh where it exists, marking fallbacks (as text: the JSON holds both languages)")
    sub.add_argument("--format", choices=["text", "json"], default="text", help=_JSON)
    _common(sub, csv=False)
    sub = command("template", "write a blank self-evaluation, as JSON, an Excel workbook or a CSV spreadsheet")
    sub.add_argument(
        "--format",
        choices=["json", "xlsx", "csv"],
        default="json",
        help=f"{_JSON}; xlsx (an Excel workbook, with the xlsx extra) is written to the file -o names",
    )
    _common(sub, csv=False)
    sub.add_argument("--school", help="the school's reference, written into the template")
    sub.add_argument(
        "--date", type=_date, metavar="DATE", help="the self-evaluation's date, YYYY-MM-DD, written into the template"
    )
    sub.add_argument(
        "--force",
        action="store_true",
        help="replace the file -o names if it is already there (without it, a file there is kept and nothing written)",
    )
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
    sub.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="the form to write the result in: json gives {valid, source, kind, ..., warnings, notices, problems}",
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
        sub.add_argument("--format", choices=["text", "json"], default="text", help=_JSON)
        _common(sub, rule=True)
        if name == "assess":
            _dated(sub)  # the evidence checks, which only assess shows
        elif name == "gaps":
            _targets(sub)
        else:
            _planning(sub)
    _decision_commands(command)
    sub = command("progress", "compare one school's self-evaluations over time")
    sub.add_argument("files", nargs="+", metavar="FILE", help="self-evaluations of one school")
    sub.add_argument("--stalled-after", type=int, default=3, metavar="N", help="reviews without movement (default 3)")
    sub.add_argument("--format", choices=["text", "json"], default="text", help=_JSON)
    _common(sub, rule=True, files=True)
    _report_commands(command)


def _report_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """The commands that write a school's report: from its own files, and from the bundled fictional school."""
    sub = command("report", "run the whole cycle and write a report, as one HTML file or Markdown")
    sub.add_argument("--format", choices=["html", "markdown"], default="html", help=_FORMAT)
    _lang(sub, "Welsh where a source gives it")
    sub.add_argument("files", nargs="+", metavar="FILE", help="self-evaluations of one school; the latest is reported")
    sub.add_argument(
        "--plan", metavar="FILE", help="the school's own development plan: report it, reviewed, instead of a draft"
    )
    sub.add_argument(
        "--school-name",
        metavar="NAME",
        help="the school's name, for the report's title (default: the school's reference, as the file gives it)",
    )
    _common(sub, rule=True, files=True)
    _dated(sub)
    _planning(sub)
    _report_output(sub, "SCHOOL-report.html, or .md, named from the school's reference")
    sub = command("demo", "run the whole cycle on a bundled fictional school and write its report")
    sub.add_argument("--format", choices=["html", "markdown"], default="html", help=_FORMAT)
    _lang(sub, "Welsh where a source gives it")
    sub.add_argument("--rule", choices=list(RULE_NAMES), default="cumulative", help="the stage rule")
    _debug(sub)
    _dated(sub)
    _comparison(sub)
    _report_output(sub, "ysgol-enghraifft-report.html, or .md")
    sub.set_defaults(target=[], priority=[], choose=[], max_priorities=None, plan=None, school_name="Ysgol Enghraifft")


def _report_output(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=f"the file to write the report to, or - for standard output (default: {default}; "
        "the command says where it wrote it)",
    )


def _evaluation_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--self-evaluation",
        metavar="FILE",
        help="a self-evaluation of the school (.json or .csv) to judge the targets by",
    )


def _on(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--as-of", type=_date, metavar="DATE", help=f"{what}, YYYY-MM-DD (default: today)")


_WITH_EVALUATION = "; with --self-evaluation"


def _decision_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """The commands about the school's own plan and its professional discussion."""
    sub = command("review", "review the school's development plan on a date: due and overdue actions, targets")
    sub.add_argument("plan", metavar="PLAN", help="the school's development plan (.json payload); - reads stdin")
    sub.add_argument(
        "--format", choices=["text", "json"], default="text", help=_JSON + " (--record writes JSON whatever this says)"
    )
    sub.add_argument(
        "--due-within-days",
        type=int,
        default=28,
        metavar="N",
        help="how far ahead an action counts as due (not with --record: the plan records no due list)",
    )
    sub.add_argument(
        "--record",
        metavar="SUMMARY",
        help="record the review in the plan with this summary, and write the plan (as JSON)",
    )
    sub.add_argument(
        "--evidence", action="append", default=[], metavar="REFERENCE", help="evidence the recorded review looked at"
    )
    _evaluation_option(sub)
    _common(sub, rule=True)
    _on(sub, "the review's date")
    sub = command("plan-summary", "write the plan's summary for parents and governors, as HTML or Markdown")
    sub.add_argument("plan", metavar="PLAN", help="the school's development plan (.json payload); - reads stdin")
    sub.add_argument("--format", choices=["html", "markdown"], default="html", help=_FORMAT)
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
    sub.add_argument("--format", choices=["text", "markdown", "html"], default="text", help=_FORMAT)
    _lang(sub, "Welsh where a source gives it, in markdown or html")
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
        sub.add_argument("--format", choices=["text", "json", "markdown", "html"], default="text", help=_JSON)
        _lang(sub, "Welsh stage names in a report (markdown or html)")
        _common(sub, rule=True, csv=False)
        _dated(sub)
        if name == "rollup":
            sub.add_argument("--by", choices=["local-authority", "cluster", "phase"], help="group the schools")
            sub.add_argument("--averages", action="store_true", help="also give the mean stage position")
        else:
            _matching(sub)


PROBLEMS = (
    "With --format json, a command that fails writes its problems to standard output as one JSON object, "
    '{"valid": false, "problems": [{"source": ..., "path": ..., "message": ...}]}: "source" is the file (or '
    '"command line" for a mistake in the options), "path" is where in it (a JSON path, a row and column, a line, '
    'or the option), and "message" says what is wrong; the exit code is still 2 ("valid" is null, and the exit '
    "code 1, for a failure of ours)."
)
"""How a failure is written when JSON is asked for: the command line's help and its reference say it."""


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= _HIGHEST_PORT:
        msg = f"{text!r} is not a port: give a number from 0 to {_HIGHEST_PORT} (0 lets the system choose a free one)"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


_HIGHEST_PORT = 65_535


def _workers(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        msg = f"{text!r} is not a number of workers: give a whole number, 1 or more"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


def _root_path(text: str) -> str:
    if text and (not text.startswith("/") or text.endswith("/")):
        msg = f"{text!r} is not a path to serve under: begin it with / and end it without one, e.g. /school-improvement"
        raise argparse.ArgumentTypeError(msg)
    return text


def _serve_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """``serve``: the library over HTTP, for systems that do not write Python (with the server extra)."""
    sub = command(
        "serve",
        "serve the library over HTTP, described in OpenAPI 3.1 (with the server extra); stop it with Ctrl+C",
    )
    sub.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this machine)")
    sub.add_argument("--port", type=_port, default=8000, help="the port to listen on (default: 8000)")
    sub.add_argument(
        "--workers",
        type=_workers,
        default=1,
        metavar="N",
        help="how many worker processes answer requests (default: 1); behind a reverse proxy, about one per core",
    )
    sub.add_argument(
        "--root-path",
        type=_root_path,
        default="",
        metavar="PATH",
        help="the path a reverse proxy serves it under, such as /school-improvement (default: none)",
    )
    _common(sub, csv=False)


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser; the command-line reference is generated from it."""
    parser = _Parser(
        prog="school-improvement",
        formatter_class=_Help,
        description="Wales' school improvement framework: assess a school's stage from evidence, find the gaps, "
        "recommend next steps and draft a development plan. Not endorsed by Estyn or Welsh Government.",
        epilog="Exit codes: 0 on success; 2 for a mistake in the options or the input, with one message per "
        "problem; 1 for any other failure. " + PROBLEMS,
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
    _serve_command(command)
    command("schema", "print the JSON Schema of a payload").add_argument(
        "kind", choices=list(PAYLOAD_NAMES), nargs="?", default="self-evaluation"
    )
    sub = command("export", "export the framework in an interchange format")
    sub.add_argument("target_format", choices=["case"], metavar="case", help="1EdTech CASE 1.1")
    _lang(sub, "the English package, or the Welsh document")
    _common(sub, csv=False)
    for name, sub in commands.choices.items():
        if name != "serve" and not any(action.dest == "output" for action in sub._actions):  # noqa: SLF001
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
    """Options given before the command apply to it; one it cannot use is refused, as is one given twice differently.

    Each one applied is noted as given, as if given after the command.
    """
    command = getattr(arguments, "command", None)
    takes = set(getattr(arguments, "takes", ())) | {"debug"} | ({"lang", "framework"} if command is None else set())
    given = set(getattr(arguments, "given", ()))
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
        if given_early:
            given.add(name)
        if not hasattr(arguments, name):
            setattr(arguments, name, early if given_early else default)
    arguments.given = frozenset(given)


def _asks_json(argv: Sequence[str]) -> bool:
    """Whether the command line asks for ``--format json``, read from its words when they do not parse.

    An option may be shortened while it stays unambiguous (``--form json``), as argparse allows.
    """
    for at, word in enumerate(argv):
        option, equals, value = word.partition("=")
        given = value if equals else (argv[at + 1] if at + 1 < len(argv) else "")
        if len(option) >= len("--fo") and "--format".startswith(option) and given == "json":
            return True
    return False


_ARGUMENT = re.compile(r"^argument (?P<option>\S+?): ")
"""What argparse puts before its message about one option: ``argument --as-of: ``."""
_OPTION = re.compile(r"^(?P<option>--[a-z][a-z-]*)")
"""An option named at the start of a message: ``--lang does nothing for ...``."""


def _where(message: str) -> str:
    """The option a mistake in the options is about, from argparse's message; empty when it names none."""
    found = _ARGUMENT.match(message) or _OPTION.match(message)
    return found["option"] if found else ""


def _write_problems(problems: Sequence[tuple[str, str, str]], *, valid: bool | None = False) -> None:
    """Write the problems to standard output as JSON, as a failure does when JSON is asked: (source, path, message).

    ``valid`` is false for the user's mistakes (exit code 2), and ``None`` for a failure of ours (exit code 1).
    """
    import json  # noqa: PLC0415 (only when asked)

    listed = [{"source": source, "path": path, "message": message} for source, path, message in problems]
    sys.stdout.write(json.dumps({"valid": valid, "problems": listed}, ensure_ascii=False, indent=2) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        arguments, unknown = parser.parse_known_args(words)
        if unknown:
            _subparser(parser, getattr(arguments, "command", None)).error(
                f"unrecognised arguments: {' '.join(unknown)}"
            )
        _settle(parser, arguments)
    except Refused as refused:
        if _asks_json(words):
            _write_problems([("command line", _where(refused.message), refused.message)])
        refused.parser.print_usage(sys.stderr)
        sys.stderr.write(f"{parser.prog}: error: {refused.message}\n")
        return EXIT_USAGE
    return _run(parser, arguments)


def _run(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    """Run the parsed command; a failure is said on standard error, and on standard output too as JSON if asked."""
    from school_improvement._cli import commands  # noqa: PLC0415 (loaded only once the arguments parse)
    from school_improvement._errors import SchoolImprovementError  # noqa: PLC0415

    as_json = "format" in arguments.given and arguments.format == "json"  # asked for, not template's default
    try:
        commands.run(arguments)
    except SchoolImprovementError as error:
        if arguments.debug:
            raise
        _refuse(parser, arguments, error, as_json=as_json)
        return EXIT_USAGE
    except Exception as error:
        if arguments.debug:
            raise
        said = f"unexpected failure: {type(error).__name__}: {error}"
        if as_json:
            _write_problems([("school-improvement", "", said)], valid=None)
        sys.stderr.write(f"school-improvement: {said}\n")
        sys.stderr.write("Run again with --debug for the details, and report it.\n")
        return EXIT_FAILURE
    return EXIT_OK


def _refuse(parser: argparse.ArgumentParser, arguments: argparse.Namespace, error: Exception, *, as_json: bool) -> None:
    """Say why the command refused its input: each problem of the input, or the mistake in the options."""
    from school_improvement._cli.commands import UsageError  # noqa: PLC0415 (loaded only once the arguments parse)
    from school_improvement._errors import InputError  # noqa: PLC0415

    if isinstance(error, InputError):
        if as_json:
            _write_problems([(error.source, problem.path, problem.message) for problem in error.problems])
        sys.stderr.write(f"school-improvement: {error.source}: {len(error.problems)} problem(s):\n")
        sys.stderr.writelines(f"  {problem}\n" for problem in error.problems)
        return
    if as_json:
        _write_problems([("command line", error.at if isinstance(error, UsageError) else "", str(error))])
    if isinstance(error, UsageError):  # a mistake in the options: the command's usage says how
        _subparser(parser, getattr(arguments, "command", None)).print_usage(sys.stderr)
    sys.stderr.write(f"school-improvement: error: {error}\n")

"""The command line: ``school-improvement`` or ``python -m school_improvement``."""

import argparse
import sys
from collections.abc import Sequence

from school_improvement._content import load_framework, read_framework
from school_improvement._errors import SchoolImprovementError
from school_improvement._overview import overview

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="school-improvement",
        description="Print an overview of Wales' school improvement framework: stages, aspects, "
        "contributory factors, national priorities and principles.",
        epilog="Not endorsed by Estyn or Welsh Government.",
    )
    parser.add_argument("--lang", choices=["en", "cy"], default="en", help="language of the overview (default: en)")
    parser.add_argument("--framework", metavar="FILE", help="a framework edition file of your own (JSON)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on failure")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    arguments = _parser().parse_args(argv)
    try:
        framework = read_framework(arguments.framework) if arguments.framework else load_framework()
        sys.stdout.write(overview(framework, arguments.lang) + "\n")
    except SchoolImprovementError as error:
        if arguments.debug:
            raise
        sys.stderr.write(f"school-improvement: error: {error}\n")
        return EXIT_USAGE
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

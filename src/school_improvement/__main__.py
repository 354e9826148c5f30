"""The command line: ``school-improvement`` or ``python -m school_improvement``."""

import sys

from school_improvement._cli.parser import main

if __name__ == "__main__":
    sys.exit(main())

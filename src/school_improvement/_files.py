"""Reading files and JSON text: one way to do each, and one wording for what goes wrong.

Every reader passes ``fail``, which turns the problems found into the
library's error for that kind of input (a framework file, a payload, a
command-line argument), so the words are the same everywhere.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from school_improvement._errors import Problem

if TYPE_CHECKING:
    import os

Fail = Callable[[list[Problem]], Exception]
"""Turns the problems found into the exception to raise."""


def read_bytes(path: "str | os.PathLike[str]", fail: Fail) -> bytes:
    """The bytes of a file, or ``fail`` with why it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise fail([Problem("$", f"cannot read the file: {error.strerror}")]) from None


def parse_json(text: str | bytes, fail: Fail) -> object:
    """The value in JSON text, or ``fail`` with where the text stops being JSON."""
    try:
        return json.loads(text)
    except UnicodeDecodeError as error:
        raise fail([Problem("$", f"not UTF-8 text ({error.reason})")]) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise fail([Problem("$", f"not valid JSON: {error.msg} at {where}")]) from None

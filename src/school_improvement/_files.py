"""Reading files and JSON text: one way to do each, and one wording for what goes wrong.

Every reader passes ``fail``, which turns the problems found into the
library's error for that kind of input (a framework file, a payload, a
command-line argument), so the words are the same everywhere. A reader never
holds more than its limit in memory: it reads at most one byte past it.
"""

import contextlib
import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from school_improvement._errors import Problem

if TYPE_CHECKING:
    import os

Fail = Callable[[list[Problem]], Exception]
"""Turns the problems found into the exception to raise."""


def too_large(size: str, most: int) -> Problem:
    """The problem of an input over its size limit."""
    return Problem("$", f"the input is {size} bytes; the most read is {most:,}")


def read_stream(stream: BinaryIO, fail: Fail, most: int) -> bytes:
    """At most ``most`` bytes from a stream (standard input, say), or ``fail`` if it holds more."""
    data = stream.read(most + 1)
    if len(data) > most:
        raise fail([too_large("more than " + f"{most:,}", most)])
    return data


@contextlib.contextmanager
def _opened(path: "str | os.PathLike[str]", fail: Fail) -> Iterator[BinaryIO]:
    try:
        with Path(path).open("rb") as file:
            yield file
    except OSError as error:
        raise fail([Problem("$", f"cannot read the file: {error.strerror}")]) from None


def read_bytes(path: "str | os.PathLike[str]", fail: Fail, most: int | None = None) -> bytes:
    """The bytes of a file, or ``fail`` with why it cannot be read; at most ``most`` bytes, if given."""
    with _opened(path, fail) as file:
        return file.read() if most is None else read_stream(file, fail, most)


def read_file_lines(path: "str | os.PathLike[str]", fail: Fail, most: int, most_lines: int) -> list[tuple[int, bytes]]:
    """The numbered, non-blank lines of a JSON Lines file, as ``read_lines`` reads them."""
    with _opened(path, fail) as file:
        return read_lines(file, fail, most, most_lines)


def read_lines(stream: BinaryIO, fail: Fail, most: int, most_lines: int) -> list[tuple[int, bytes]]:
    """The non-blank lines of a JSON Lines stream, numbered from 1, each at most ``most`` bytes.

    No line is held past its limit, and no more than ``most_lines`` are read.
    """
    lines: list[tuple[int, bytes]] = []
    number = 0
    while line := stream.readline(most + 2):  # the line, its end, and one byte more
        number += 1
        body = line.rstrip(b"\r\n")
        if len(body) > most:
            raise fail([Problem(f"line {number}", f"the line is over {most:,} bytes, the most read")])
        if body.strip():
            if len(lines) >= most_lines:
                raise fail([Problem(f"line {number}", f"more than {most_lines:,} lines")])
            lines.append((number, body))
    return lines


class _Repeats(dict[str, object]):
    """A JSON object that was given a key more than once: the keys, to find with their paths."""

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, object]]) -> None:
        super().__init__(pairs)
        self.repeated = [key for key, count in Counter(key for key, _ in pairs).items() if count > 1]


def _object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    made = dict(pairs)
    return made if len(made) == len(pairs) else _Repeats(pairs)


def _repeated_keys(value: object, path: str, found: list[Problem]) -> None:
    """Every key given twice in one object, with its path."""
    if isinstance(value, dict):
        if isinstance(value, _Repeats):
            found += [
                Problem(f"{path}.{key}", "this key is given more than once in one object")
                for key in dict.fromkeys(value.repeated)
            ]
        for key, item in value.items():
            _repeated_keys(item, f"{path}.{key}", found)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            _repeated_keys(item, f"{path}[{n}]", found)


def parse_json(text: str | bytes, fail: Fail) -> object:
    """The value in JSON text, or ``fail`` with where the text stops being JSON or repeats a key.

    A key given twice in one object is refused rather than letting the last
    one win silently; so are text nested too deeply for Python's reader and a
    number too long for its ``int``, which it would otherwise raise as other errors.
    """
    repeats: list[bool] = []

    def hook(pairs: list[tuple[str, object]]) -> dict[str, object]:
        made = _object(pairs)
        if made.__class__ is _Repeats:
            repeats.append(True)
        return made

    try:
        value = json.loads(text, object_pairs_hook=hook)
    except UnicodeDecodeError as error:
        raise fail([Problem("$", f"not UTF-8 text ({error.reason})")]) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise fail([Problem("$", f"not valid JSON: {error.msg} at {where}")]) from None
    except RecursionError:  # hostile text: arrays or objects nested thousands deep
        raise fail([Problem("$", "not read: arrays or objects are nested too deeply")]) from None
    except ValueError:  # Python's int refuses a number of more than 4,300 digits
        raise fail([Problem("$", "not read: a number has too many digits")]) from None
    if repeats:
        problems: list[Problem] = []
        _repeated_keys(value, "$", problems)
        raise fail(problems)
    return value

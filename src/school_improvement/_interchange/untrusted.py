"""JSON from outside the library: read within a size limit, with every failure said in the library's words.

Python's JSON reader raises more than ``JSONDecodeError`` on hostile text:
arrays nested thousands deep exhaust the recursion limit, and a number of
more than 4,300 digits is refused by ``int``. Both are said here as problems
with the input, like any other.
"""

from school_improvement._errors import Problem
from school_improvement._files import Fail, parse_json, too_large

_BOM = "\ufeff"
"""A byte-order mark, as some tools write at the start of a file."""


class _Refused(Exception):  # noqa: N818 (not an error the library raises: it carries the one ``fail`` made)
    """The exception ``fail`` made for what ``parse_json`` found, carried past the handlers below."""


def json_value(text: str | bytes, fail: Fail) -> object:
    """The value in JSON text, as ``parse_json`` reads it, or ``fail`` for text nested too deep or a too-long number."""

    def refuse(problems: list[Problem]) -> Exception:
        return _Refused(fail(problems))

    try:
        return parse_json(text, refuse)
    except _Refused as refused:
        raise refused.args[0] from None
    except RecursionError:
        raise fail([Problem("$", "not read: arrays or objects are nested too deeply")]) from None
    except ValueError:  # parse_json turns a JSONDecodeError into a problem: this is a number too long for int
        raise fail([Problem("$", "not read: a number has too many digits")]) from None


def untrusted_json(source: str | bytes, fail: Fail, most: int) -> object:
    """The value in JSON text or UTF-8 bytes from outside the library, read within ``most`` bytes.

    A byte-order mark at the start is allowed; bytes in any other encoding
    than UTF-8 are refused, as is a key given twice in one object.
    """
    if isinstance(source, str):
        text = source.removeprefix(_BOM)
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError as error:
            raise fail([Problem("$", f"not Unicode text ({error.reason})")]) from None
    else:
        raw = source.removeprefix(_BOM.encode("utf-8"))
        size = len(raw)
        if size > most:
            raise fail([too_large(f"{size:,}", most)])
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise fail([Problem("$", f"not UTF-8 text ({error.reason})")]) from None
    if size > most:
        raise fail([too_large(f"{size:,}", most)])
    return json_value(text, fail)

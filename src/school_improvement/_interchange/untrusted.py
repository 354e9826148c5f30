"""JSON from outside the library: read within a size limit, in UTF-8, with every failure said in the library's words."""

from school_improvement._errors import Problem
from school_improvement._files import Fail, parse_json, too_large

_BOM = "\ufeff"
"""A byte-order mark, as some tools write at the start of a file."""


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
    return parse_json(text, fail)

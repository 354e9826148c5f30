"""Dates as the library reads them: ``YYYY-MM-DD``, as JSON Schema's ``format: date`` allows, and nothing looser.

Kept to the standard library, so the command line can read a date option
before it loads anything else.
"""

import datetime
import re

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date as the payloads, the options and the schemas write it: ASCII digits only, in every regular expression engine
(pydantic's too, whose ``\\d`` takes any digit)."""
DATE_MESSAGE = "expected a date as YYYY-MM-DD"


def iso_date(text: str) -> datetime.date:
    """The date in ``YYYY-MM-DD`` text, and nothing looser (not ``20261102``, not a time, not a timestamp).

    Raises:
        ValueError: Naming what is wrong, if the text is not such a date, or no such day exists.
    """
    if not ISO_DATE.fullmatch(text):
        msg = f"{DATE_MESSAGE}, not {text!r}"
        raise ValueError(msg)
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(no_such_day(text)) from None


def no_such_day(text: str) -> str:
    """What is wrong with ``YYYY-MM-DD`` text that names a day the calendar lacks, such as ``2026-02-30``."""
    return f"{text!r} is not a date: there is no such day"

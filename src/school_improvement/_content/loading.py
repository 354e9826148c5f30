"""Reading framework content: the bundled edition, or a user's own files."""

import functools
import os
from typing import TypeVar

from school_improvement._content.checks import check_framework
from school_improvement._content.framework import Framework
from school_improvement._content.mappings import Mappings
from school_improvement._converter import structure_or_raise
from school_improvement._errors import FrameworkError, Problem
from school_improvement._files import parse_json, read_bytes
from school_improvement._limits import MAX_CONTENT_BYTES

CONTENT_FORMAT = 1
"""The version of the layout of content files this library reads."""

DEFAULT_EDITION_FILE = "estyn-school-improvement-journeys-2026.1.json"
DEFAULT_MAPPINGS_FILE = "editorial-mappings-2026.1.json"

_T = TypeVar("_T")


def _parse(source: str, text: str | bytes) -> object:
    return parse_json(text, lambda problems: FrameworkError(source, problems))


def _structure(source: str, data: object, cls: type[_T]) -> _T:
    if not isinstance(data, dict):
        raise FrameworkError(source, [Problem("$", "expected a JSON object")])
    content = dict(data)
    found = content.pop("format", None)
    if found != CONTENT_FORMAT:
        message = f"'format' must be {CONTENT_FORMAT}, the content layout this library reads; found {found!r}"
        raise FrameworkError(source, [Problem("$.format", message)])
    return structure_or_raise(content, cls, lambda problems: FrameworkError(source, problems))


def _read_file(path: "str | os.PathLike[str]") -> bytes:
    return read_bytes(path, lambda problems: FrameworkError(os.fspath(path), problems), MAX_CONTENT_BYTES)


def mappings_from_data(data: object, *, source: str = "<data>") -> Mappings:
    """Mappings from already-parsed JSON data.

    Args:
        data: The parsed content of a mappings file.
        source: A name for the data, used in error messages.

    Raises:
        FrameworkError: If the data is not a well-formed mappings file.
    """
    return _structure(source, data, Mappings)


def framework_from_data(data: object, *, source: str = "<data>", mappings: Mappings | None = None) -> Framework:
    """A framework edition from already-parsed JSON data, checked for consistency.

    Args:
        data: The parsed content of an edition file.
        source: A name for the data, used in error messages.
        mappings: Editorial mappings to use with the edition; none by default.

    Raises:
        FrameworkError: If the data is malformed or inconsistent; it lists every
            problem found, each with its JSON path.
    """
    framework = _structure(source, data, Framework)
    problems = check_framework(framework)
    if problems:
        raise FrameworkError(source, problems)
    if mappings is None:
        provenance = framework.provenance
        mappings = Mappings.empty(provenance.framework, provenance.edition)
    try:
        return framework.with_mappings(mappings)
    except FrameworkError as error:
        where = f"{source} (mappings)"
        raise FrameworkError(where, error.problems) from None


def read_mappings(path: "str | os.PathLike[str]") -> Mappings:
    """Read editorial mappings from a JSON file of your own.

    The file has the layout of the bundled ``editorial-mappings-*.json``. Use
    the result with [`Framework.with_mappings`][school_improvement.Framework.with_mappings].

    Raises:
        FrameworkError: If the file cannot be read or is malformed; the error
            names the file and the JSON path of every problem.
    """
    name = os.fspath(path)
    return mappings_from_data(_parse(name, _read_file(path)), source=name)


def read_framework(path: "str | os.PathLike[str]", *, mappings: Mappings | None = None) -> Framework:
    """Read a framework edition from a JSON file of your own.

    The file has the layout of the bundled edition file. The bundled editorial
    mappings are not applied to it, since its codes may differ; pass your own.

    Raises:
        FrameworkError: If the file cannot be read, is malformed or is
            inconsistent; the error names the file and the JSON path of every
            problem.
    """
    name = os.fspath(path)
    return framework_from_data(_parse(name, _read_file(path)), source=name, mappings=mappings)


def _bundled(name: str) -> tuple[str, str]:
    # The file is read by the loader that read this module, from the package's data folder, as pkgutil.get_data
    # and importlib.resources read it through the package's loader, but without importing either:
    # importlib.resources brings tempfile and more with it (a fresh process importing and loading the framework
    # took 125.7 ms with it and 120.4 ms without, best of 21, interleaved with the benchmark's baseline), and
    # pkgutil brings importlib.util (about 1.2 ms more).
    where = f"school_improvement/data/{name}"
    loader = None if __spec__ is None else __spec__.loader
    get_data = getattr(loader, "get_data", None)
    here: str | None = globals().get("__file__")
    if get_data is None or here is None:  # a loader that cannot read data files; none that pip uses
        raise FrameworkError(
            where, [Problem("$", "the bundled file cannot be read from where the package is installed")]
        )
    package = os.path.dirname(os.path.dirname(here))  # noqa: PTH120 (a loader reads a path given as text)
    data: bytes = get_data(os.path.join(package, "data", name))  # noqa: PTH118
    return where, data.decode("utf-8")


@functools.cache
def load_framework() -> Framework:
    """The bundled edition of the framework, with the bundled editorial mappings.

    The content is read and checked once, then cached: later calls return the
    same object.

    Examples:
        >>> from school_improvement import load_framework
        >>> framework = load_framework()
        >>> len(framework.aspects), len(framework.descriptors)
        (10, 100)
        >>> framework.edition_id
        'estyn-school-improvement-journeys/2026.1'
    """
    mappings_source, mappings_text = _bundled(DEFAULT_MAPPINGS_FILE)
    mappings = mappings_from_data(_parse(mappings_source, mappings_text), source=mappings_source)
    source, text = _bundled(DEFAULT_EDITION_FILE)
    return framework_from_data(_parse(source, text), source=source, mappings=mappings)

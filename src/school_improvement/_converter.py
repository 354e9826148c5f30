"""The one cattrs converter: every object the library reads or writes goes through it.

cattrs is imported when a converter is first needed, not when the package is,
so that ``import school_improvement`` stays light for code that only reads the
content or assesses evidence.
"""

import datetime
import enum
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from school_improvement._dates import DATE_MESSAGE, iso_date
from school_improvement._errors import Problem

if TYPE_CHECKING:
    import cattrs
    from cattrs.dispatch import StructureHook

_T = TypeVar("_T")


def _strict_str(value: object, _type: object) -> str:
    if not isinstance(value, str):
        msg = f"expected text, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def _strict_int(value: object, _type: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"expected a whole number, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def _strict_float(value: object, _type: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        msg = f"expected a number, not {type(value).__name__}"
        raise TypeError(msg)
    return float(value)


def _strict_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        msg = f"expected true or false, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def _structure_date(value: object, _type: object) -> datetime.date:
    if not isinstance(value, str):
        msg = f"{DATE_MESSAGE} (as text), not {type(value).__name__}"
        raise TypeError(msg)
    return iso_date(value)


def _structure_enum(value: object, enum_type: type[enum.Enum]) -> enum.Enum:
    try:
        return enum_type(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in enum_type)
        msg = f"expected one of {allowed}, not {value!r}"
        raise ValueError(msg) from None


def _is_homogeneous_tuple(type_: object) -> bool:
    args: tuple[object, ...] = getattr(type_, "__args__", ())
    return getattr(type_, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis


def _list_only_tuple_factory(type_: Any, converter: "cattrs.Converter") -> "StructureHook":  # noqa: ANN401 (any tuple type)
    from cattrs.cols import homogenous_tuple_structure_factory

    structure_items = homogenous_tuple_structure_factory(type_, converter)

    def structure(value: object, _type: object) -> Any:  # noqa: ANN401 (a tuple of whatever the type holds)
        if not isinstance(value, (list, tuple)):
            msg = f"expected a list, not {type(value).__name__}"
            raise TypeError(msg)
        return structure_items(value, type_)

    return structure


def configure_converter(converter: "cattrs.Converter") -> None:
    """Register the library's hooks on a converter.

    Text, numbers and true/false values are taken only as themselves (``"3"``
    is not a number, ``"false"`` is not false), and an enumeration member is
    taken by its value, with the allowed values named when it is wrong. A
    list is taken only from a JSON array, never from a string. Dates travel as
    ISO 8601 text (``2026-11-23``).
    """
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(float, _strict_float)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook(datetime.date, _structure_date)
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    converter.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
        _structure_enum,
    )
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _list_only_tuple_factory)


def make_converter() -> "cattrs.Converter":
    """A new converter configured for the library's objects.

    Unknown fields are refused, so a misspelt field is reported rather than
    silently ignored.

    Examples:
        >>> from school_improvement import Stage, make_converter
        >>> converter = make_converter()
        >>> converter.unstructure(Stage.MAKING_PROGRESS)
        'making-progress'
        >>> converter.structure("building-momentum", Stage)
        <Stage.BUILDING_MOMENTUM: 'building-momentum'>
    """
    return _new_converter(each_class_once=False)


def _new_converter(*, each_class_once: bool) -> "cattrs.Converter":
    import attrs
    import cattrs

    converter = cattrs.Converter(forbid_extra_keys=True)
    if each_class_once:  # registered before the library's hooks, as cattrs' own are, so that those still come first
        converter.register_structure_hook_factory(attrs.has, functools.cache(converter.gen_structure_attrs_fromdict))
        converter.register_unstructure_hook_factory(
            attrs.has, functools.cache(converter.gen_unstructure_attrs_fromdict)
        )
    configure_converter(converter)
    return converter


@functools.cache
def shared_converter() -> "cattrs.Converter":
    """The converter the library itself uses, made on first use.

    It makes each attrs class's structure and unstructure functions once.
    cattrs keeps the function for a class it is asked for, but makes it afresh
    for each field of that class within another (a field's function is not
    kept): loading the framework made ``Text``'s eight times, once for each
    class with a ``Text`` field, and ``Mappings``' twice; 27 functions where
    19 serve. Keeping each is exact on two conditions, both held: nothing
    registers a hook on this converter once it is made, and no class refers
    to itself through its fields (cattrs reads such a cycle's inner class by
    its type at run time, which a kept function would carry to the outer).
    """
    return _new_converter(each_class_once=True)


def _describe(exception: BaseException, _type: object) -> str:
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exception, KeyError):
        return "required field missing"
    if isinstance(exception, ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(exception.extra_fields))}"
    if isinstance(exception, (TypeError, ValueError)):
        return str(exception)
    return f"invalid value ({type(exception).__name__})"


def structure_problems(exception: Exception) -> list[Problem]:
    """Turn a cattrs structuring error into problems, each with its JSON path."""
    import cattrs

    problems: list[Problem] = []
    for line in cattrs.transform_error(exception, path="$", format_exception=_describe):
        message, _, path = line.rpartition(" @ ")
        problems.append(Problem(path or "$", message or line))
    return problems


def structure_or_raise(data: object, cls: type[_T], fail: Callable[[list[Problem]], Exception]) -> _T:
    """Structure ``data`` as ``cls`` with the shared converter, or raise ``fail(problems)``.

    Every problem cattrs finds is reported, each with its JSON path; nothing
    is partly structured.
    """
    from cattrs.errors import BaseValidationError

    try:
        return shared_converter().structure(data, cls)
    except (BaseValidationError, KeyError, TypeError, ValueError) as error:
        raise fail(structure_problems(error)) from None

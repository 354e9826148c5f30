"""The attrs validators the domain objects share: each rule of a field written once."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import attrs


def non_empty(_instance: object, attribute: "attrs.Attribute[str]", value: str) -> None:
    """The string holds more than white space."""
    if not value.strip():
        msg = f"{attribute.name} must not be empty"
        raise ValueError(msg)


def non_negative(_instance: object, attribute: "attrs.Attribute[int]", value: int) -> None:
    """A whole number, 0 or more (true and false are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        msg = f"{attribute.name} must be a whole number, not negative; found {value!r}"
        raise ValueError(msg)


def positive(_instance: object, attribute: "attrs.Attribute[int]", value: int) -> None:
    """A whole number, 1 or more."""
    non_negative(_instance, attribute, value)
    if value < 1:
        msg = f"{attribute.name} must be at least 1; found {value!r}"
        raise ValueError(msg)

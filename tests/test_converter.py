"""Every content object goes to JSON and back unchanged, through the one converter."""

import graphlib
import json
import typing
from typing import Any

import attrs
import pytest
from cattrs.errors import ClassValidationError
from hypothesis import given

from school_improvement import (
    Descriptor,
    Finding,
    Framework,
    LeadershipCharacteristic,
    Mappings,
    Problem,
    Stage,
    Text,
    ViewDifference,
    load_framework,
    make_converter,
)
from school_improvement._converter import shared_converter, structure_problems
from school_improvement._interchange.payloads import PAYLOAD_KINDS
from strategies import descriptors, stages, texts

converter = make_converter()


def _round_trip(value: Any, cls: type[Any]) -> Any:
    return converter.structure(json.loads(json.dumps(converter.unstructure(value))), cls)


@given(stages)
def test_stage_round_trips(stage: Stage) -> None:
    """A stage goes to its JSON value and back."""
    assert _round_trip(stage, Stage) is stage


@given(texts)
def test_text_round_trips(text: Text) -> None:
    """Bilingual text, Welsh provenance included, survives JSON."""
    assert _round_trip(text, Text) == text


@given(descriptors())
def test_descriptor_round_trips(descriptor: Descriptor) -> None:
    """A descriptor, with its list items, survives JSON."""
    assert _round_trip(descriptor, Descriptor) == descriptor


def test_every_bundled_object_round_trips() -> None:
    """Each object of the bundled edition, and the edition as a whole, survives JSON."""
    framework = load_framework()
    collections: list[tuple[Any, ...]] = [
        framework.stages,
        framework.aspects,
        framework.descriptors,
        framework.leaders_characteristics,
        framework.contributory_factors,
        framework.national_priorities,
        framework.principles,
        framework.provenance.documents,
        framework.mappings.aspect_factors,
        framework.mappings.priority_tags,
    ]
    for collection in collections:
        for item in collection:
            assert _round_trip(item, type(item)) == item
    assert _round_trip(framework.mappings, Mappings) == framework.mappings
    again = _round_trip(framework, Framework)
    assert again == framework
    assert again.descriptor("PL.1.1") == framework.descriptor("PL.1.1")


def test_unstructured_framework_is_deterministic() -> None:
    """The same edition always gives the same JSON text."""
    framework = load_framework()
    first = json.dumps(converter.unstructure(framework), ensure_ascii=False)
    second = json.dumps(converter.unstructure(_round_trip(framework, Framework)), ensure_ascii=False)
    assert first == second


@pytest.mark.parametrize(
    ("value", "cls", "message"),
    [
        (3, str, "expected text, not int"),
        ("3", int, "expected a whole number, not str"),
        (True, int, "expected a whole number, not bool"),
        ("false", bool, "expected true or false, not str"),
        ("stage two", Stage, "expected one of 'starting-the-journey'"),
    ],
)
def test_structuring_is_strict(value: object, cls: type[Any], message: str) -> None:
    """Values are not coerced: text is not a number, "false" is not false, and enum values are named."""
    with pytest.raises((TypeError, ValueError), match=message):
        converter.structure(value, cls)


def test_a_string_is_not_a_list() -> None:
    """A list field given a string is refused rather than split into characters."""
    with pytest.raises(ClassValidationError) as raised:
        converter.structure(
            {"code": "L1", "text": {"en": "x"}, "emphasis": "abc", "source": "s"}, LeadershipCharacteristic
        )
    assert structure_problems(raised.value) == [Problem("$.emphasis", "expected a list, not str")]


def test_the_shared_converter_makes_each_class_function_once() -> None:
    """A class's functions serve its fields within other classes too, rather than being made again for each."""
    shared = shared_converter()
    assert shared.get_structure_hook(Text, cache_result=False) is shared.get_structure_hook(Text)
    assert shared.get_unstructure_hook(Text, cache_result=False) is shared.get_unstructure_hook(Text)


def test_the_shared_converter_reads_and_writes_as_a_new_one() -> None:
    """The library's own converter gives what a freshly made converter gives, both ways, for a whole edition."""
    framework = load_framework()
    written = shared_converter().unstructure(framework)
    assert written == make_converter().unstructure(framework)
    data = json.loads(json.dumps(written))
    assert shared_converter().structure(data, Framework) == make_converter().structure(data, Framework) == framework


@pytest.mark.parametrize(
    ("path", "value"),
    [(("aspects", 0, "title", "en"), 3), (("provenance", "unknown"), "x"), (("descriptors", 1, "code"), None)],
)
def test_the_shared_converter_reports_problems_as_a_new_one(path: tuple[str | int, ...], value: object) -> None:
    """A wrong value deep in an edition is reported by the library's own converter as by a freshly made one."""
    data = json.loads(json.dumps(make_converter().unstructure(load_framework())))
    place = data
    for step in path[:-1]:
        place = place[step]
    place[path[-1]] = value
    reported = []
    for made in (shared_converter(), make_converter()):
        with pytest.raises(ClassValidationError) as raised:
            made.structure(data, Framework)
        reported.append(structure_problems(raised.value))
    assert reported[0] == reported[1]
    assert reported[0]


def _classes_within(annotation: object) -> set[type]:
    if isinstance(annotation, type) and attrs.has(annotation):
        return {annotation}
    return {found for argument in typing.get_args(annotation) for found in _classes_within(argument)}


def test_no_class_the_library_reads_or_writes_holds_itself() -> None:
    """The shared converter keeps each class's functions: exact only while no class it reads or writes holds itself.

    It reads and writes the payloads' objects, and the service writes findings and differences of view with it.
    """
    held: dict[type, set[type]] = {}
    waiting: list[type] = [*PAYLOAD_KINDS, Finding, ViewDifference]
    while waiting:
        cls = waiting.pop()
        if cls not in held:
            attrs.resolve_types(cls)
            held[cls] = {found for field in attrs.fields(cls) for found in _classes_within(field.type)}
            waiting += held[cls]
    assert len(held) > 50
    graphlib.TopologicalSorter(held).prepare()  # raises CycleError, naming the classes, if any holds itself

"""Welsh marked official cites a named publication; the project's own Welsh is marked as its translation."""

import copy
import json
from importlib.resources import files
from typing import Any

import pytest

from helpers import FRAMEWORK
from school_improvement import FrameworkError, Problem, framework_from_data
from school_improvement._render.overview import overview

SOURCE = "estyn-press-release-2016-cy"
"""The publication the official Welsh stage names cite."""


def _edition() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        files("school_improvement").joinpath("data", "estyn-school-improvement-journeys-2026.1.json").read_text("utf-8")
    )
    return data


def _document(data: dict[str, Any]) -> dict[str, Any]:
    """The entry for the stage names' source among an edition's documents."""
    documents: list[dict[str, Any]] = data["provenance"]["documents"]
    (document,) = [d for d in documents if d["key"] == SOURCE]
    return document


def test_official_welsh_citing_a_document_with_no_date_or_address_is_refused() -> None:
    """A source with neither date nor address is no named publication: official Welsh citing it is refused."""
    data = copy.deepcopy(_edition())
    _document(data)["date"] = None
    with pytest.raises(FrameworkError) as raised:
        framework_from_data(data, source="mine.json")
    message = (
        f"official Welsh must cite a named publication, but {SOURCE!r} gives no date or address: cite one that does, "
        "or mark the Welsh as the project's translation"
    )
    assert raised.value.problems == tuple(Problem(f"$.stages[{n}].name.cy.source", message) for n in range(4))


def test_an_address_names_a_publication_as_well_as_a_date() -> None:
    """A source with an address and no date is enough for official Welsh."""
    data = copy.deepcopy(_edition())
    _document(data).update(date=None, address="https://www.estyn.gov.wales/")
    assert framework_from_data(data).provenance.document(SOURCE).address == "https://www.estyn.gov.wales/"


def test_the_welsh_overview_marks_the_projects_translations() -> None:
    """In Welsh, the priorities' names are marked as the project's translation; the official stage names are not."""
    lines = overview(FRAMEWORK, "cy").splitlines()
    assert "  presenoldeb [the project's translation, not official]" in lines
    assert "  llesiant [the project's translation, not official] (supporting)" in lines
    assert "  1. dechrau'r daith" in lines
    assert not [line for line in lines if "dechrau'r daith" in line and "translation" in line]

"""The CASE 1.1 export validates against the package schema, holds every descriptor, and is deterministic."""

import json
import uuid
from typing import Any

import jsonschema
import pytest

from helpers import FRAMEWORK, TESTS
from school_improvement import Mappings, case_json, case_package

SCHEMA = json.loads((TESTS / "specs" / "case-v1p1-cfpackage-schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def package() -> dict[str, Any]:
    """The English export of the bundled edition."""
    return case_package(FRAMEWORK)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_validates_against_the_case_schema(language: str) -> None:
    """The English and the Welsh packages are valid CASE 1.1 CFPackages."""
    errors = sorted(VALIDATOR.iter_errors(case_package(FRAMEWORK, language)), key=str)
    assert errors == []


def test_the_schema_refuses_a_broken_package(package: dict[str, Any]) -> None:
    """The validation can fail: an identifier that is not a UUID is refused."""
    broken = json.loads(json.dumps(package))
    broken["CFItems"][0]["identifier"] = "SV"
    broken["CFDocument"]["unknown"] = 1
    assert len(list(VALIDATOR.iter_errors(broken))) == 2


def test_every_descriptor_is_an_item_in_its_aspect(package: dict[str, Any]) -> None:
    """Each of the 100 descriptors is a CFItem, a child of its aspect's item, in source order."""
    items = {item["humanCodingScheme"]: item for item in package["CFItems"]}
    for descriptor in FRAMEWORK.descriptors:
        assert items[descriptor.code]["fullStatement"] == descriptor.text.en
    children = [
        (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"], a["sequenceNumber"])
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf"
    ]
    parent_of = {child: parent for child, parent, _ in children}
    for descriptor in FRAMEWORK.descriptors:
        assert parent_of[items[descriptor.code]["identifier"]] == items[descriptor.aspect]["identifier"]
    assert {i["CFItemType"] for i in package["CFItems"]} == {
        "Aspect",
        "Descriptor",
        "Descriptor list item",
        "Contributory factor",
        "National improvement priority",
    }


def test_rubric_has_a_criterion_per_aspect_and_four_levels(package: dict[str, Any]) -> None:
    """One rubric: a criterion per aspect, four levels each, described by the cell's descriptors."""
    (rubric,) = package["CFRubrics"]
    criteria = rubric["CFRubricCriteria"]
    assert [c["category"] for c in criteria] == [a.title.en for a in FRAMEWORK.aspects]
    pupil_voice = criteria[8]["CFRubricCriterionLevels"]
    assert [(level["position"], level["score"]) for level in pupil_voice] == [(1, 1.0), (2, 2.0), (3, 3.0), (4, 4.0)]
    assert pupil_voice[2]["quality"] == "Building momentum"
    assert pupil_voice[2]["description"] == FRAMEWORK.descriptor("PV.3.1").text.en
    assert pupil_voice[2]["feedback"].startswith("Next, towards Sustaining high standards: Pupil voice has")
    assert all(level["rubricCriterionId"] == criteria[8]["identifier"] for level in pupil_voice)


def test_editorial_mappings_are_marked_as_such(package: dict[str, Any]) -> None:
    """Mappings travel as ext: association types that say whether they are editorial or drawn from the text."""
    types = {a["associationType"] for a in package["CFAssociations"]}
    assert types == {
        "isChildOf",
        "ext:schoolImprovement.contributoryFactor.editorial",
        "ext:schoolImprovement.nationalPriority.fromText",
        "ext:schoolImprovement.nationalPriority.editorial",
    }
    provenance = FRAMEWORK.provenance
    bare = case_package(FRAMEWORK.with_mappings(Mappings(provenance.framework, provenance.edition, "None.")))
    assert {a["associationType"] for a in bare["CFAssociations"]} == {"isChildOf"}


def test_identifiers_are_deterministic_name_based_uuids(package: dict[str, Any]) -> None:
    """Identifiers are lower-case version 5 UUIDs, unique, and the same content exports byte for byte the same."""
    identifiers = [package["CFDocument"]["identifier"]]
    identifiers += [i["identifier"] for i in package["CFItems"]]
    identifiers += [a["identifier"] for a in package["CFAssociations"]]
    assert len(identifiers) == len(set(identifiers))
    assert all(uuid.UUID(i).version == 5 and i == i.lower() for i in identifiers)
    assert case_json(FRAMEWORK) == case_json(FRAMEWORK)
    assert json.loads(case_json(FRAMEWORK)) == package


def test_no_official_status_is_claimed(package: dict[str, Any]) -> None:
    """The document says who exported it and that neither Estyn nor Welsh Government endorses it."""
    document = package["CFDocument"]
    assert "not endorsed by Estyn or Welsh Government" in document["publisher"]
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in document["notes"]
    assert package["CFDefinitions"]["CFLicenses"][0]["licenseText"] == FRAMEWORK.provenance.attribution


def test_welsh_document_links_translations(package: dict[str, Any]) -> None:
    """The Welsh package holds the Welsh names, each linked by isTranslationOf to an English item that exists."""
    welsh = case_package(FRAMEWORK, "cy")
    assert welsh["CFDocument"]["language"] == "cy"
    assert [i["fullStatement"] for i in welsh["CFItems"]] == ["presenoldeb", "llythrennedd", "rhifedd", "llesiant"]
    english = {i["identifier"] for i in package["CFItems"]}
    links = welsh["CFAssociations"]
    assert {a["associationType"] for a in links} == {"isTranslationOf"}
    assert all(a["destinationNodeURI"]["identifier"] in english for a in links)
    with pytest.raises(ValueError, match="language must be"):
        case_package(FRAMEWORK, "fr")


def test_the_welsh_document_says_its_title_and_names_are_the_projects_translation() -> None:
    """The Welsh package's document, titled by the project, says the title and names are not official Welsh."""
    document = case_package(FRAMEWORK, "cy")["CFDocument"]
    assert document["title"] == "Taith wella ysgol: blaenoriaethau cenedlaethol"
    assert document["description"] == (
        "The title and the priorities' names are the school-improvement project's translation, not official Welsh: "
        "no named Welsh-language publication held by the project gives them."
    )
    assert "Estyn" not in document["creator"]

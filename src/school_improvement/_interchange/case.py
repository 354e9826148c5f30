"""Export the framework as a 1EdTech CASE 1.1 package, so other systems can import the rubric.

Identifiers are name-based UUIDs (version 5) made from the edition and the
stable codes, so the same content always exports to the same bytes. URIs are
``urn:uuid:`` URNs of those identifiers: the export invents no web addresses.
"""

import json
import uuid
from typing import Any

from school_improvement._content.framework import Descriptor, Framework
from school_improvement._content.mappings import TagBasis
from school_improvement._stage import Stage

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:school-improvement:case")
"""The namespace of every identifier the export makes."""

CASE_VERSION = "1.1"

TEXT_TAG = "ext:schoolImprovement.nationalPriority.fromText"
"""The association type of a national-priority tag drawn from the descriptor's own words."""
EDITORIAL_TAG = "ext:schoolImprovement.nationalPriority.editorial"
"""The association type of an editorial national-priority tag."""
EDITORIAL_FACTOR = "ext:schoolImprovement.contributoryFactor.editorial"
"""The association type of the editorial link from an aspect to a contributory factor."""


class _Builder:
    """Makes identifiers, URIs and references for one edition in one language."""

    def __init__(self, framework: Framework, language: str) -> None:
        self.framework = framework
        self.language = language
        self.stamp = f"{framework.provenance.released}T00:00:00Z"

    def identifier(self, kind: str, code: object = "") -> str:
        return str(uuid.uuid5(NAMESPACE, f"{self.framework.edition_id}/{self.language}/{kind}/{code}"))

    def link(self, kind: str, code: object, title: str) -> dict[str, str]:
        identifier = self.identifier(kind, code)
        return {"title": title, "identifier": identifier, "uri": f"urn:uuid:{identifier}"}

    def node(self, kind: str, code: object = "") -> dict[str, Any]:
        identifier = self.identifier(kind, code)
        return {"identifier": identifier, "uri": f"urn:uuid:{identifier}", "lastChangeDateTime": self.stamp}

    def association(
        self, association_type: str, origin: dict[str, str], destination: dict[str, str], sequence: int
    ) -> dict[str, Any]:
        code = f"{association_type}:{origin['identifier']}:{destination['identifier']}"
        return {
            **self.node("association", code),
            "associationType": association_type,
            "sequenceNumber": sequence,
            "originNodeURI": origin,
            "destinationNodeURI": destination,
        }


def _document(builder: _Builder) -> dict[str, Any]:
    framework = builder.framework
    provenance = framework.provenance
    return {
        **builder.node("document"),
        "frameworkType": "School improvement framework",
        "caseVersion": CASE_VERSION,
        "creator": "Estyn and Welsh Government (source content); exported by the independent school-improvement",
        "title": provenance.title,
        "publisher": "school-improvement (independent; not endorsed by Estyn or Welsh Government)",
        "description": (
            "Estyn's staged school improvement journeys (four stages, ten aspects, one hundred descriptors), "
            "Welsh Government's eight contributory factors and the national improvement priorities."
        ),
        "language": builder.language,
        "version": provenance.edition,
        "licenseURI": builder.link("license", "content", "Open Government Licence v3.0 and Crown copyright"),
        "notes": provenance.attribution,
    }


def _item(builder: _Builder, kind: str, code: object, statement: str, item_type: str, **more: str) -> dict[str, Any]:
    return {
        **builder.node(kind, code),
        "fullStatement": statement,
        "CFItemType": item_type,
        "humanCodingScheme": str(code),
        "language": builder.language,
        **more,
    }


def _descriptor_item(builder: _Builder, descriptor: Descriptor) -> dict[str, Any]:
    stage = builder.framework.stage_name(descriptor.stage).en
    note = f"Stage: {stage}. Worded as {'an action' if descriptor.kind.value == 'action' else 'a state'} (editorial)."
    return _item(builder, "descriptor", descriptor.code, descriptor.text.en, "Descriptor", notes=note)


def _items(builder: _Builder) -> list[dict[str, Any]]:
    framework = builder.framework
    items = [_item(builder, "aspect", a.code, a.title.en, "Aspect") for a in framework.aspects]
    for descriptor in framework.descriptors:
        items.append(_descriptor_item(builder, descriptor))
        items += [
            _item(builder, "descriptor-item", i.code, i.text.en, "Descriptor list item", listEnumeration=i.code[-1])
            for i in descriptor.items
        ]
    items += [
        _item(builder, "factor", f.code, f.text.en, "Contributory factor", listEnumeration=str(f.number))
        for f in framework.contributory_factors
    ]
    items += [
        _item(builder, "priority", p.code, p.name.en, "National improvement priority")
        for p in framework.national_priorities
    ]
    return items


def _associations(builder: _Builder) -> list[dict[str, Any]]:
    framework, link = builder.framework, builder.link
    document = link("document", "", framework.provenance.title)
    tops = [link("aspect", a.code, a.title.en) for a in framework.aspects]
    tops += [link("factor", f.code, f.text.en) for f in framework.contributory_factors]
    tops += [link("priority", p.code, p.name.en) for p in framework.national_priorities]
    associations = [builder.association("isChildOf", top, document, n) for n, top in enumerate(tops, 1)]
    for aspect in framework.aspects:
        parent = link("aspect", aspect.code, aspect.title.en)
        codes = [code for _, cell in framework.layout(aspect.code) for code in cell]
        for n, code in enumerate(codes, 1):
            descriptor = framework.descriptor(code)
            child = link("descriptor", code, descriptor.text.en)
            associations.append(builder.association("isChildOf", child, parent, n))
            associations += [
                builder.association("isChildOf", link("descriptor-item", i.code, i.text.en), child, m)
                for m, i in enumerate(descriptor.items, 1)
            ]
    for mapping in framework.mappings.aspect_factors:
        aspect = framework.aspect(mapping.aspect)
        for n, number in enumerate(mapping.factors, 1):
            factor = framework.factor(number)
            origin, target = link("aspect", aspect.code, aspect.title.en), link("factor", factor.code, factor.text.en)
            associations.append(builder.association(EDITORIAL_FACTOR, origin, target, n))
    for n, tag in enumerate(framework.mappings.priority_tags, 1):
        kind = TEXT_TAG if tag.basis is TagBasis.TEXT else EDITORIAL_TAG
        descriptor, priority = framework.descriptor(tag.descriptor), framework.priority(tag.priority)
        origin = link("descriptor", descriptor.code, descriptor.text.en)
        associations.append(builder.association(kind, origin, link("priority", priority.code, priority.name.en), n))
    return associations


def _feedback(framework: Framework, aspect: str, stage: Stage) -> str:
    following = stage.next()
    if following is None:
        return "Sustain these standards; review them at appropriate points."
    next_steps = framework.cell(aspect, following).descriptors
    return f"Next, towards {framework.stage_name(following).en}: " + " ".join(d.full_text for d in next_steps)


def _rubric(builder: _Builder) -> dict[str, Any]:
    framework = builder.framework
    rubric = builder.node("rubric", "journeys")
    criteria = []
    for position, aspect in enumerate(framework.aspects, 1):
        criterion = builder.node("criterion", aspect.code)
        levels = [
            {
                **builder.node("level", f"{aspect.code}/{stage.value}"),
                "quality": framework.stage_name(stage).en,
                "score": float(stage.position),
                "position": stage.position,
                "description": "\n".join(d.full_text for d in framework.cell(aspect.code, stage).descriptors),
                "feedback": _feedback(framework, aspect.code, stage),
                "rubricCriterionId": criterion["identifier"],
            }
            for stage in Stage
        ]
        criteria.append(
            {
                **criterion,
                "category": aspect.title.en,
                "description": aspect.title.en,
                "CFItemURI": builder.link("aspect", aspect.code, aspect.title.en),
                "position": position,
                "rubricId": rubric["identifier"],
                "CFRubricCriterionLevels": levels,
            }
        )
    return {
        **rubric,
        "title": "School improvement journeys",
        "description": "Four developmental stages for each aspect of a school's work. Stages are not grades.",
        "CFRubricCriteria": criteria,
    }


def _definitions(builder: _Builder) -> dict[str, Any]:
    provenance = builder.framework.provenance
    licence = builder.link("license", "content", "Open Government Licence v3.0 and Crown copyright")
    return {
        "CFLicenses": [
            {
                "identifier": licence["identifier"],
                "uri": provenance.notice.ogl_url,
                "title": licence["title"],
                "licenseText": provenance.attribution,
                "lastChangeDateTime": builder.stamp,
            }
        ]
    }


def _welsh(framework: Framework) -> dict[str, Any]:
    """The Welsh document: only what has Welsh in the sources, each item linked to its English original."""
    welsh, english = _Builder(framework, "cy"), _Builder(framework, "en")
    items: list[dict[str, Any]] = []
    associations: list[dict[str, Any]] = []
    for priority in framework.national_priorities:
        if priority.name.cy is None:
            continue
        name = priority.name.cy.text
        items.append(_item(welsh, "priority", priority.code, name, "National improvement priority"))
        translation = welsh.link("priority", priority.code, name)
        original = english.link("priority", priority.code, priority.name.en)
        associations.append(welsh.association("isTranslationOf", translation, original, len(associations) + 1))
    document = {
        **welsh.node("document"),
        "caseVersion": CASE_VERSION,
        "creator": "The independent school-improvement project",
        "title": "Taith wella ysgol: blaenoriaethau cenedlaethol",
        "description": (
            "The title and the priorities' names are the school-improvement project's translation, not official "
            "Welsh: no named Welsh-language publication held by the project gives them."
        ),
        "publisher": "school-improvement (independent; not endorsed by Estyn or Welsh Government)",
        "language": "cy",
        "version": framework.provenance.edition,
        "notes": framework.provenance.attribution,
    }
    return {"CFDocument": document, "CFItems": items, "CFAssociations": associations}


def case_package(framework: Framework, language: str = "en") -> dict[str, Any]:
    """The framework as a CASE 1.1 ``CFPackage``.

    The English package holds a ``CFDocument``; ``CFItems`` for the aspects,
    descriptors (and the list items inside one), contributory factors and
    national priorities; ``isChildOf`` associations building the tree; the
    editorial mappings as associations of the ``ext:schoolImprovement.*`` types
    (so no one mistakes them for the sources' own); and one ``CFRubric`` with a
    criterion per aspect and four levels per criterion: ``quality`` the stage's
    name, ``position`` and ``score`` 1 to 4, ``description`` the cell's
    descriptors, ``feedback`` the next stage's descriptors.

    With ``language="cy"`` the package is the Welsh document: only the
    content that has Welsh in the sources (the national priorities' names),
    each item linked to its English original by ``isTranslationOf``.

    Raises:
        ValueError: If ``language`` is not ``"en"`` or ``"cy"``.

    Examples:
        >>> from school_improvement import case_package, load_framework
        >>> package = case_package(load_framework())
        >>> package["CFDocument"]["caseVersion"], len(package["CFItems"])
        ('1.1', 125)
        >>> levels = package["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
        >>> [(level["position"], level["quality"]) for level in levels][:2]
        [(1, 'Starting the journey'), (2, 'Making progress')]
    """
    if language == "cy":
        return _welsh(framework)
    if language != "en":
        msg = f"language must be 'en' or 'cy', not {language!r}"
        raise ValueError(msg)
    builder = _Builder(framework, "en")
    return {
        "CFDocument": _document(builder),
        "CFItems": _items(builder),
        "CFAssociations": _associations(builder),
        "CFDefinitions": _definitions(builder),
        "CFRubrics": [_rubric(builder)],
    }


def case_json(framework: Framework, language: str = "en") -> str:
    """The CASE package as JSON text; the same content always gives the same bytes."""
    return json.dumps(case_package(framework, language), ensure_ascii=False, indent=2) + "\n"

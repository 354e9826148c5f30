"""Consistency checks on framework content: what a well-typed file can still get wrong."""

from collections import Counter

from school_improvement._content.framework import Framework
from school_improvement._errors import Problem, repeated
from school_improvement._stage import Stage
from school_improvement._text import WelshProvenance


def _check_codes(framework: Framework) -> list[Problem]:
    descriptors = framework.descriptors
    return [
        *repeated("$.aspects", "aspect code", (a.code for a in framework.aspects)),
        *repeated("$.descriptors", "descriptor code", (d.code for d in descriptors)),
        *repeated("$.descriptors", "list item code", (i.code for d in descriptors for i in d.items)),
        *repeated("$.leaders_characteristics", "code", (c.code for c in framework.leaders_characteristics)),
        *repeated("$.national_priorities", "priority code", (p.code for p in framework.national_priorities)),
        *repeated("$.principles", "principle code", (p.code for p in framework.principles)),
    ]


def _check_descriptors(framework: Framework) -> list[Problem]:
    problems: list[Problem] = []
    aspect_order = {aspect.code: place for place, aspect in enumerate(framework.aspects)}
    places: Counter[tuple[str, Stage]] = Counter()
    previous = (0, 0)
    for place, descriptor in enumerate(framework.descriptors):
        path = f"$.descriptors[{place}]"
        if descriptor.aspect not in aspect_order:
            problems.append(Problem(f"{path}.aspect", f"no aspect has the code {descriptor.aspect!r}"))
            continue
        cell = (descriptor.aspect, descriptor.stage)
        places[cell] += 1
        expected = f"{descriptor.aspect}.{descriptor.stage.position}.{places[cell]}"
        if descriptor.code != expected:
            message = f"code {descriptor.code!r} should be {expected!r}: aspect, stage, then place in the cell"
            problems.append(Problem(f"{path}.code", message))
        problems += [
            Problem(f"{path}.items[{n}].code", f"item code {item.code!r} should begin {descriptor.code + '.'!r}")
            for n, item in enumerate(descriptor.items)
            if not item.code.startswith(f"{descriptor.code}.")
        ]
        key = (aspect_order[descriptor.aspect], descriptor.stage.position)
        if key < previous:
            problems.append(Problem(path, "descriptors must be in source order: by aspect, then stage"))
        previous = key
    problems += [
        Problem("$.descriptors", f"aspect {cell.aspect.code} has no descriptor at {cell.stage.value}")
        for cell in framework.cells()
        if not cell.descriptors
    ]
    return problems


def _check_citations(framework: Framework) -> list[Problem]:
    documents = {document.key: document for document in framework.provenance.documents}
    cited: list[tuple[str, str]] = [("$.stages", name.source) for name in framework.stages]
    cited += [("$.aspects", aspect.source) for aspect in framework.aspects]
    cited += [("$.leaders_characteristics", c.source) for c in framework.leaders_characteristics]
    cited += [("$.contributory_factors", f.source) for f in framework.contributory_factors]
    cited += [("$.national_priorities", p.source) for p in framework.national_priorities]
    cited += [("$.principles", p.source) for p in framework.principles]
    welsh = [(f"$.stages[{n}].name.cy", s.name.cy) for n, s in enumerate(framework.stages)]
    welsh += [(f"$.national_priorities[{n}].name.cy", p.name.cy) for n, p in enumerate(framework.national_priorities)]
    official = [(path, cy.source) for path, cy in welsh if cy is not None and cy.provenance is WelshProvenance.OFFICIAL]
    problems = [
        Problem(path, f"cites source document {key!r}, which provenance does not list")
        for path, key in sorted(set(cited + [(path, key) for path, key in official if key is not None]))
        if key not in documents
    ]
    for path, key in official:
        document = documents.get(key or "")
        if document is not None and document.date is None and document.address is None:
            message = (
                f"official Welsh must cite a named publication, but {key!r} gives no date or address: "
                "cite one that does, or mark the Welsh as the project's translation"
            )
            problems.append(Problem(f"{path}.source", message))
    return problems


def check_framework(framework: Framework) -> list[Problem]:
    """Every inconsistency in an edition's content, each with its JSON path.

    Checks that codes are unique and follow the ``ASPECT.STAGE.N`` scheme, that
    each descriptor's aspect exists, that every cell of every aspect at every
    stage holds at least one descriptor, that descriptors come in source order,
    that each stage is named once and in order, that the factors are numbered
    from 1, that every cited source document exists, and that Welsh marked
    official cites a named publication: one with a date or an address as well
    as its title and publisher.
    """
    problems: list[Problem] = []
    if [name.stage for name in framework.stages] != list(Stage):
        problems.append(Problem("$.stages", "must name each of the four stages once, in order"))
    numbers = [factor.number for factor in framework.contributory_factors]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(Problem("$.contributory_factors", "factors must be numbered 1, 2, 3… in order"))
    return problems + _check_codes(framework) + _check_descriptors(framework) + _check_citations(framework)

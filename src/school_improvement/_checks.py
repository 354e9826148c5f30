"""Consistency checks on framework content: what a well-typed file can still get wrong."""

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from school_improvement._errors import Problem
from school_improvement._stage import Stage

if TYPE_CHECKING:
    from school_improvement._framework import Framework
    from school_improvement._mappings import Mappings


def _duplicates(path: str, what: str, codes: Iterable[object]) -> list[Problem]:
    counts = Counter(codes)
    return [Problem(path, f"{what} {code!r} is used more than once") for code, n in counts.items() if n > 1]


def _check_codes(framework: "Framework") -> list[Problem]:
    descriptors = framework.descriptors
    return [
        *_duplicates("$.aspects", "aspect code", (a.code for a in framework.aspects)),
        *_duplicates("$.descriptors", "descriptor code", (d.code for d in descriptors)),
        *_duplicates("$.descriptors", "list item code", (i.code for d in descriptors for i in d.items)),
        *_duplicates("$.leaders_characteristics", "code", (c.code for c in framework.leaders_characteristics)),
        *_duplicates("$.national_priorities", "priority code", (p.code for p in framework.national_priorities)),
        *_duplicates("$.principles", "principle code", (p.code for p in framework.principles)),
    ]


def _check_descriptors(framework: "Framework") -> list[Problem]:
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


def _check_citations(framework: "Framework") -> list[Problem]:
    documents = {document.key for document in framework.provenance.documents}
    cited: list[tuple[str, str]] = [("$.stages", name.source) for name in framework.stages]
    cited += [("$.aspects", aspect.source) for aspect in framework.aspects]
    cited += [("$.leaders_characteristics", c.source) for c in framework.leaders_characteristics]
    cited += [("$.contributory_factors", f.source) for f in framework.contributory_factors]
    cited += [("$.national_priorities", p.source) for p in framework.national_priorities]
    cited += [("$.principles", p.source) for p in framework.principles]
    welsh = [("$.stages", s.name.cy) for s in framework.stages]
    welsh += [("$.national_priorities", p.name.cy) for p in framework.national_priorities]
    cited += [(path, cy.source) for path, cy in welsh if cy is not None and cy.source is not None]
    return [
        Problem(path, f"cites source document {key!r}, which provenance does not list")
        for path, key in sorted(set(cited))
        if key not in documents
    ]


def check_framework(framework: "Framework") -> list[Problem]:
    """Every inconsistency in an edition's content, each with its JSON path.

    Checks that codes are unique and follow the ``ASPECT.STAGE.N`` scheme, that
    each descriptor's aspect exists, that every cell of every aspect at every
    stage holds at least one descriptor, that descriptors come in source order,
    that each stage is named once and in order, that the factors are numbered
    from 1, and that every cited source document exists.
    """
    problems: list[Problem] = []
    if [name.stage for name in framework.stages] != list(Stage):
        problems.append(Problem("$.stages", "must name each of the four stages once, in order"))
    numbers = [factor.number for factor in framework.contributory_factors]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(Problem("$.contributory_factors", "factors must be numbered 1, 2, 3… in order"))
    return problems + _check_codes(framework) + _check_descriptors(framework) + _check_citations(framework)


def _check_aspect_factors(framework: "Framework", mappings: "Mappings") -> list[Problem]:
    aspects = {aspect.code for aspect in framework.aspects}
    factors = {factor.number for factor in framework.contributory_factors}
    problems: list[Problem] = []
    for place, link in enumerate(mappings.aspect_factors):
        path = f"$.aspect_factors[{place}]"
        if link.aspect not in aspects:
            problems.append(Problem(f"{path}.aspect", f"no aspect has the code {link.aspect!r}"))
        problems += [
            Problem(f"{path}.factors[{n}]", f"no contributory factor {number}")
            for n, number in enumerate(link.factors)
            if number not in factors
        ]
    return problems + _duplicates("$.aspect_factors", "aspect", (link.aspect for link in mappings.aspect_factors))


def _check_aspect_characteristics(framework: "Framework", mappings: "Mappings") -> list[Problem]:
    aspects = {aspect.code for aspect in framework.aspects}
    characteristics = {c.code for c in framework.leaders_characteristics}
    problems: list[Problem] = []
    for place, link in enumerate(mappings.aspect_characteristics):
        path = f"$.aspect_characteristics[{place}]"
        if link.aspect not in aspects:
            problems.append(Problem(f"{path}.aspect", f"no aspect has the code {link.aspect!r}"))
        problems += [
            Problem(f"{path}.characteristics[{n}]", f"no characteristic of leaders has the code {code!r}")
            for n, code in enumerate(link.characteristics)
            if code not in characteristics
        ]
    links = (link.aspect for link in mappings.aspect_characteristics)
    return problems + _duplicates("$.aspect_characteristics", "aspect", links)


def _check_priority_tags(framework: "Framework", mappings: "Mappings") -> list[Problem]:
    priorities = {priority.code for priority in framework.national_priorities}
    descriptors = {descriptor.code: descriptor for descriptor in framework.descriptors}
    problems: list[Problem] = []
    for place, tag in enumerate(mappings.priority_tags):
        path = f"$.priority_tags[{place}]"
        descriptor = descriptors.get(tag.descriptor)
        if descriptor is None:
            problems.append(Problem(f"{path}.descriptor", f"no descriptor has the code {tag.descriptor!r}"))
        elif tag.words is not None and tag.words.lower() not in descriptor.full_text.lower():
            message = f"the words {tag.words!r} are not in descriptor {tag.descriptor}"
            problems.append(Problem(f"{path}.words", message))
        if tag.priority not in priorities:
            problems.append(Problem(f"{path}.priority", f"no national priority has the code {tag.priority!r}"))
    pairs = ((tag.descriptor, tag.priority) for tag in mappings.priority_tags)
    return problems + _duplicates("$.priority_tags", "descriptor and priority", pairs)


def check_mappings(framework: "Framework", mappings: "Mappings") -> list[Problem]:
    """Every code in ``mappings`` that ``framework`` does not have, each with its JSON path."""
    problems: list[Problem] = []
    provenance = framework.provenance
    if (mappings.framework, mappings.edition) != (provenance.framework, provenance.edition):
        wanted = f"{provenance.framework}/{provenance.edition}"
        found = f"{mappings.framework}/{mappings.edition}"
        problems.append(Problem("$.edition", f"the mappings are for {found}, not {wanted}"))
    return (
        problems
        + _check_aspect_factors(framework, mappings)
        + _check_aspect_characteristics(framework, mappings)
        + _check_priority_tags(framework, mappings)
    )

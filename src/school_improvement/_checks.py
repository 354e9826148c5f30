"""Consistency checks on framework content: what a well-typed file can still get wrong."""

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from school_improvement._errors import Problem
from school_improvement._stage import Stage

if TYPE_CHECKING:
    from school_improvement._framework import Framework
    from school_improvement._mappings import Mappings


def _duplicates(codes: Iterable[object]) -> list[object]:
    return [code for code, count in Counter(codes).items() if count > 1]


def check_framework(framework: "Framework") -> list[Problem]:
    """Every inconsistency in an edition's content, each with its JSON path.

    Checks that codes are unique, that each descriptor's aspect exists, that
    every cell of every aspect at every stage holds at least one descriptor,
    that descriptors come in source order, that each stage is named once and
    in order, and that every cited source document exists.
    """
    problems: list[Problem] = []
    documents = {document.key for document in framework.provenance.documents}
    stages = [name.stage for name in framework.stages]
    if stages != list(Stage):
        problems.append(Problem("$.stages", "must name each of the four stages once, in order"))
    for code in _duplicates(aspect.code for aspect in framework.aspects):
        problems.append(Problem("$.aspects", f"aspect code {code!r} is used more than once"))
    for code in _duplicates(d.code for d in framework.descriptors):
        problems.append(Problem("$.descriptors", f"descriptor code {code!r} is used more than once"))
    item_codes = [item.code for d in framework.descriptors for item in d.items]
    for code in _duplicates(item_codes):
        problems.append(Problem("$.descriptors", f"list item code {code!r} is used more than once"))

    aspect_order = {aspect.code: place for place, aspect in enumerate(framework.aspects)}
    previous: tuple[int, int] | None = None
    for place, descriptor in enumerate(framework.descriptors):
        path = f"$.descriptors[{place}]"
        if descriptor.aspect not in aspect_order:
            problems.append(Problem(f"{path}.aspect", f"no aspect has the code {descriptor.aspect!r}"))
            continue
        prefix = f"{descriptor.aspect}.{descriptor.stage.position}."
        if not descriptor.code.startswith(prefix):
            problems.append(Problem(f"{path}.code", f"code {descriptor.code!r} should begin {prefix!r}"))
        for item_place, item in enumerate(descriptor.items):
            if not item.code.startswith(f"{descriptor.code}."):
                message = f"item code {item.code!r} should begin {descriptor.code + '.'!r}"
                problems.append(Problem(f"{path}.items[{item_place}].code", message))
        key = (aspect_order[descriptor.aspect], descriptor.stage.position)
        if previous is not None and key < previous:
            problems.append(Problem(path, "descriptors must be in source order: by aspect, then stage"))
        previous = key

    for cell in framework.cells():
        if not cell.descriptors:
            name = cell.stage.value
            problems.append(Problem("$.descriptors", f"aspect {cell.aspect.code} has no descriptor at {name}"))

    numbers = [factor.number for factor in framework.contributory_factors]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(Problem("$.contributory_factors", "factors must be numbered 1, 2, 3… in order"))
    for code in _duplicates(p.code for p in framework.national_priorities):
        problems.append(Problem("$.national_priorities", f"priority code {code!r} is used more than once"))
    for code in _duplicates(c.code for c in framework.leaders_characteristics):
        problems.append(Problem("$.leaders_characteristics", f"code {code!r} is used more than once"))
    for code in _duplicates(p.code for p in framework.principles):
        problems.append(Problem("$.principles", f"principle code {code!r} is used more than once"))

    cited: list[tuple[str, str]] = [("$.stages", name.source) for name in framework.stages]
    cited += [("$.aspects", aspect.source) for aspect in framework.aspects]
    cited += [("$.leaders_characteristics", c.source) for c in framework.leaders_characteristics]
    cited += [("$.contributory_factors", f.source) for f in framework.contributory_factors]
    cited += [("$.national_priorities", p.source) for p in framework.national_priorities]
    cited += [("$.principles", p.source) for p in framework.principles]
    for name in framework.stages:
        if name.name.cy is not None and name.name.cy.source is not None:
            cited.append(("$.stages", name.name.cy.source))
    for priority in framework.national_priorities:
        if priority.name.cy is not None and priority.name.cy.source is not None:
            cited.append(("$.national_priorities", priority.name.cy.source))
    for path, key in sorted(set(cited)):
        if key not in documents:
            problems.append(Problem(path, f"cites source document {key!r}, which provenance does not list"))
    return problems


def check_mappings(framework: "Framework", mappings: "Mappings") -> list[Problem]:
    """Every code in ``mappings`` that ``framework`` does not have, each with its JSON path."""
    problems: list[Problem] = []
    provenance = framework.provenance
    if (mappings.framework, mappings.edition) != (provenance.framework, provenance.edition):
        wanted = f"{provenance.framework}/{provenance.edition}"
        found = f"{mappings.framework}/{mappings.edition}"
        problems.append(Problem("$.edition", f"the mappings are for {found}, not {wanted}"))
    aspects = {aspect.code for aspect in framework.aspects}
    factors = {factor.number for factor in framework.contributory_factors}
    priorities = {priority.code for priority in framework.national_priorities}
    descriptors = {descriptor.code: descriptor for descriptor in framework.descriptors}
    for place, link in enumerate(mappings.aspect_factors):
        path = f"$.aspect_factors[{place}]"
        if link.aspect not in aspects:
            problems.append(Problem(f"{path}.aspect", f"no aspect has the code {link.aspect!r}"))
        for factor_place, number in enumerate(link.factors):
            if number not in factors:
                problems.append(Problem(f"{path}.factors[{factor_place}]", f"no contributory factor {number}"))
    for code in _duplicates(link.aspect for link in mappings.aspect_factors):
        problems.append(Problem("$.aspect_factors", f"aspect {code!r} is mapped more than once"))
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
    for pair in _duplicates((tag.descriptor, tag.priority) for tag in mappings.priority_tags):
        problems.append(Problem("$.priority_tags", f"descriptor and priority {pair!r} are tagged more than once"))
    return problems

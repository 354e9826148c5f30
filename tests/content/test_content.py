"""The content linter: the bundled edition is complete, consistent and attributed."""

import re

import pytest

from school_improvement import Framework, Stage, TagBasis, WelshProvenance, load_framework


@pytest.fixture(scope="module")
def framework() -> Framework:
    """The bundled edition."""
    return load_framework()


def test_counts(framework: Framework) -> None:
    """The edition has 4 stages, 10 aspects, 40 cells, 100 descriptors, 12 characteristics and 8 factors."""
    assert len(framework.stages) == 4
    assert len(framework.aspects) == 10
    assert len(list(framework.cells())) == 40
    assert len(framework.descriptors) == 100
    assert len(framework.leaders_characteristics) == 12
    assert len(framework.contributory_factors) == 8
    assert len(framework.principles) == 5
    assert [p.code for p in framework.national_priorities] == ["attendance", "literacy", "numeracy", "wellbeing"]


def test_every_cell_holds_one_to_five_descriptors(framework: Framework) -> None:
    """Every aspect has between one and five descriptors at every stage."""
    for cell in framework.cells():
        assert 1 <= len(cell.descriptors) <= 5, (cell.aspect.code, cell.stage)


def test_codes_are_unique(framework: Framework) -> None:
    """No code is used twice within a kind of content."""
    kinds = {
        "aspects": [a.code for a in framework.aspects],
        "descriptors": [d.code for d in framework.descriptors]
        + [i.code for d in framework.descriptors for i in d.items],
        "characteristics": [c.code for c in framework.leaders_characteristics],
        "factors": [f.code for f in framework.contributory_factors],
        "principles": [p.code for p in framework.principles],
    }
    for kind, codes in kinds.items():
        assert len(codes) == len(set(codes)), kind


def test_descriptor_codes_follow_the_scheme(framework: Framework) -> None:
    """A descriptor's code is its aspect, its stage's position and its place in the cell."""
    for cell in framework.cells():
        for place, descriptor in enumerate(cell.descriptors, start=1):
            assert descriptor.code == f"{cell.aspect.code}.{cell.stage.position}.{place}"
            assert (descriptor.aspect, descriptor.stage) == (cell.aspect.code, cell.stage)


def test_no_empty_or_padded_text(framework: Framework) -> None:
    """Every English string is non-empty and carries no stray white space."""
    strings = [a.title.en for a in framework.aspects]
    strings += [d.text.en for d in framework.descriptors]
    strings += [i.text.en for d in framework.descriptors for i in d.items]
    strings += [c.text.en for c in framework.leaders_characteristics]
    strings += [f.text.en for f in framework.contributory_factors]
    strings += [p.text.en for p in framework.principles]
    for string in strings:
        assert string.strip() == string != ""
        assert "\xa0" not in string
        assert not re.search(r"<[a-z/]", string), string


def test_welsh_has_provenance(framework: Framework) -> None:
    """The Welsh stage names are official, citing a dated publication; the priorities' names are the project's own."""
    documents = {d.key: d for d in framework.provenance.documents}
    stages = [s.name.cy for s in framework.stages]
    priorities = [p.name.cy for p in framework.national_priorities]
    assert len([string for string in stages + priorities if string is not None]) == 8
    for string in stages:
        assert string is not None
        assert string.provenance is WelshProvenance.OFFICIAL
        assert string.source is not None
        document = documents[string.source]
        assert document.title
        assert document.publisher
        assert document.date is not None or document.address is not None
    for string in priorities:
        assert string is not None
        assert (string.provenance, string.source) == (WelshProvenance.TRANSLATION, None)


def test_stage_names_match_the_sources(framework: Framework) -> None:
    """The stages are named as in the Estyn table, with the Welsh of Estyn's 2016 press release."""
    names = {stage: framework.stage_name(stage) for stage in Stage}
    assert names[Stage.STARTING_THE_JOURNEY].en == "Starting the journey"
    assert names[Stage.SUSTAINING_HIGH_STANDARDS].en == "Sustaining high standards"
    assert [n.cy.text for n in names.values() if n.cy] == [
        "dechrau'r daith",
        "gwneud cynnydd",
        "adeiladu momentwm",
        "cynnal safonau uchel",
    ]


def test_provenance_carries_the_notices(framework: Framework) -> None:
    """The edition names its sources and carries the OGL, Crown copyright and no-endorsement notices."""
    provenance = framework.provenance
    attribution = provenance.attribution
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in attribution
    assert "open-government-licence/version/3" in attribution
    assert "Crown copyright" in attribution
    assert "Leadership and school improvement: the characteristics of effective school improvement" in attribution
    assert "not endorsed by Estyn or Welsh Government" in attribution
    assert provenance.document("wg-guidance-2022").date == "2022-06"
    assert {d.licence for d in provenance.documents} == {"Crown copyright", "OGL-UK-3.0"}


def test_kind_is_editorial_and_follows_the_wording(framework: Framework) -> None:
    """The action/state kind is declared editorial, and matches whether a descriptor opens with an instruction."""
    assert "descriptors.kind" in {note.field for note in framework.provenance.editorial}
    assert framework.descriptor("SV.1.1").kind.value == "action"
    assert framework.descriptor("SV.3.2").kind.value == "state"
    assert framework.descriptor("LC.3.1").kind.value == "state"  # "Distributed leadership is…"


def test_professional_learning_list_is_structure(framework: Framework) -> None:
    """The three-point list in Professional learning / Starting the journey is kept as items."""
    descriptor = framework.descriptor("PL.1.1")
    assert descriptor.text.en == "Establish professional learning arrangements to:"
    assert [item.code for item in descriptor.items] == ["PL.1.1.a", "PL.1.1.b", "PL.1.1.c"]
    assert sum(len(d.items) for d in framework.descriptors) == 3


def test_every_aspect_is_mapped_to_factors_and_characteristics(framework: Framework) -> None:
    """The editorial mappings link every aspect to factors and characteristics of leaders, with rationales."""
    for aspect in framework.aspects:
        links = framework.aspect_factor_links(aspect.code)
        assert len(links) == 1
        assert links[0].rationale
        assert framework.factors_for(aspect.code)
        assert framework.characteristics_for(aspect.code)
    assert {c.code for c in framework.characteristics_for("TA")} == {"L5", "L7"}


PRIORITY_WORDS = {
    "attendance": ("attendance",),
    "literacy": ("literacy",),
    "numeracy": ("numeracy", "mathematical skills"),
    "wellbeing": ("wellbeing", "well-being"),
}


def test_text_tags_are_exactly_the_descriptors_own_words(framework: Framework) -> None:
    """A descriptor has a text-based priority tag if and only if its own words name the priority."""
    for descriptor in framework.descriptors:
        text = descriptor.full_text.lower()
        expected = {p for p, words in PRIORITY_WORDS.items() if any(w in text for w in words)}
        tagged = {t.priority for t in framework.tags_for(descriptor.code) if t.basis is TagBasis.TEXT}
        assert tagged == expected, descriptor.code


def test_editorial_tags_say_why(framework: Framework) -> None:
    """Every editorial tag gives a rationale and quotes no words."""
    editorial = [t for t in framework.mappings.priority_tags if t.editorial]
    assert editorial
    for tag in editorial:
        assert tag.rationale
        assert tag.words is None

"""Hypothesis strategies for the library's objects, shared by the property tests."""

from hypothesis import strategies as st

from school_improvement import (
    Descriptor,
    DescriptorItem,
    DescriptorKind,
    Stage,
    Text,
    Welsh,
    WelshProvenance,
)

ASPECT_CODES = st.sampled_from(["SV", "LA", "LC", "LW", "TA", "CU", "SE", "PL", "PV", "FC"])

stages = st.sampled_from(list(Stage))

words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
"""Non-blank text, Welsh letters (ŵ, ŷ, â…) and typographic quotes included."""

welsh = st.one_of(
    st.builds(Welsh, text=words, provenance=st.just(WelshProvenance.OFFICIAL), source=words),
    st.builds(Welsh, text=words, provenance=st.just(WelshProvenance.TRANSLATION), source=st.none() | words),
)

texts = st.builds(Text, en=words, cy=st.none() | welsh)


@st.composite
def descriptors(draw: st.DrawFn) -> Descriptor:
    """A descriptor with a well-formed code that matches its aspect and stage."""
    aspect = draw(ASPECT_CODES)
    stage = draw(stages)
    number = draw(st.integers(min_value=1, max_value=9))
    code = f"{aspect}.{stage.position}.{number}"
    item_count = draw(st.integers(min_value=0, max_value=3))
    items = tuple(DescriptorItem(f"{code}.{chr(ord('a') + place)}", draw(texts)) for place in range(item_count))
    return Descriptor(
        code=code,
        aspect=aspect,
        stage=stage,
        text=draw(texts),
        kind=draw(st.sampled_from(list(DescriptorKind))),
        items=items,
    )

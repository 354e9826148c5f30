"""Hypothesis strategies for the library's objects, shared by the property tests."""

import datetime

from hypothesis import strategies as st

from helpers import EVALUATION_DATE, FRAMEWORK, Rated, evaluation_of
from school_improvement import (
    Descriptor,
    DescriptorItem,
    DescriptorKind,
    Evidence,
    EvidenceKind,
    Rating,
    SelfEvaluation,
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


evidence_items = st.builds(
    Evidence,
    kind=st.sampled_from(list(EvidenceKind)),
    date=st.dates(min_value=datetime.date(2024, 1, 1), max_value=EVALUATION_DATE),
    note=st.none() | words,
    reference=st.none() | words,
)


@st.composite
def self_evaluations(draw: st.DrawFn, *, aspects: tuple[str, ...] | None = None) -> SelfEvaluation:
    """A valid self-evaluation of the bundled edition: any mix of unrated, rated and not-applicable descriptors."""
    chosen = aspects if aspects is not None else tuple(a.code for a in FRAMEWORK.aspects)
    ratings: list[Rated] = []
    for descriptor in FRAMEWORK.descriptors:
        if descriptor.aspect not in chosen:
            continue
        rating = draw(st.sampled_from([None, *Rating]))
        if rating is None:
            continue
        evidence = tuple(draw(st.lists(evidence_items, min_size=0, max_size=3)))
        ratings.append((descriptor.code, rating, evidence))
    return evaluation_of(*ratings, school="school-under-test")


def _iso(day: datetime.date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


date_like: st.SearchStrategy[object] = st.one_of(
    st.dates().map(_iso),
    st.dates().map(lambda day: _iso(day).replace("-", "")),
    st.datetimes().map(lambda moment: moment.isoformat() + "Z"),
    st.dates().map(lambda day: f"{_iso(day)}T00:00:00Z"),
    st.integers(min_value=-(2**31), max_value=2**33).map(str),
    st.integers(min_value=-(2**31), max_value=2**33),
    st.builds(
        "{:04d}-{:02d}-{:02d}".format,
        st.integers(min_value=0, max_value=9999),
        st.integers(min_value=0, max_value=13),
        st.integers(min_value=28, max_value=32),
    ),
    st.dates().map(lambda day: f" {_iso(day)}\n"),
    st.dates().map(lambda day: _iso(day).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))),
)
"""What might be sent as a date: YYYY-MM-DD, compact, with a time, a timestamp as text or a number, an impossible
day, padded with white space, or in Arabic-Indic digits."""

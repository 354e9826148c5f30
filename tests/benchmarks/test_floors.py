"""The benchmark's floors give the library's own results, so a ratio to them compares the same work."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from school_improvement import EvidenceKind, Rating, SelfEvaluation, Stage, assess, load_framework

BENCHMARKS = Path(__file__).parents[2] / "benchmarks"


def _module(name: str) -> ModuleType:
    """A module of ``benchmarks/``, loaded under a name of its own."""
    qualified = f"benchmark_{name}"
    if qualified not in sys.modules:
        spec = importlib.util.spec_from_file_location(qualified, BENCHMARKS / f"{name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[qualified] = module
        spec.loader.exec_module(module)
    return sys.modules[qualified]


floors = _module("floors")
synthetic = _module("synthetic")
FRAMEWORK = load_framework()
SCHOOLS: list[SelfEvaluation] = [*synthetic.schools(FRAMEWORK, 40, seed=16), *synthetic.edge_cases(FRAMEWORK)]


@pytest.mark.parametrize("school", SCHOOLS, ids=lambda school: school.school)
def test_floor_assesses_as_the_library(school: SelfEvaluation) -> None:
    """The floor's assessment is the library's, judgement by judgement, rationale word for word."""
    floor = floors.Floor(FRAMEWORK)
    assert floor.assess(school) == floors.plain_profile(assess(FRAMEWORK, school))


@pytest.mark.parametrize("school", SCHOOLS, ids=lambda school: school.school)
def test_floor_cycle_is_the_library_cycle(school: SelfEvaluation) -> None:
    """The floor's cycle gives the library's profile, findings, gaps and recommendation, field by field."""
    floor = floors.Floor(FRAMEWORK)
    assert floor.cycle(school) == floors.plain_cycle(floors.library_cycle(FRAMEWORK, school))


def test_floor_refuses_what_the_library_refuses() -> None:
    """A self-evaluation that does not fit the framework is refused by the floor as by the library."""
    school = SCHOOLS[0]
    wrong = SelfEvaluation(school.school, school.date, "another-edition", school.ratings)
    with pytest.raises(floors.FloorError):
        floors.Floor(FRAMEWORK).assess(wrong)


def test_drawn_schools_match_their_payloads() -> None:
    """School n drawn as an object and as a payload dict is the same school, as dumps writes it."""
    import json  # noqa: PLC0415 (only here)

    from school_improvement import dumps  # noqa: PLC0415

    objects = synthetic.schools(FRAMEWORK, 5, seed=3)
    payloads = synthetic.payloads(FRAMEWORK, 5, seed=3)
    assert [json.loads(dumps(school)) for school in objects] == payloads


def test_drawn_schools_are_shaped_like_an_authority() -> None:
    """The drawn schools reach every stage, some not, and hold descriptors not applicable, unrated and unevidenced."""
    drawn = synthetic.schools(FRAMEWORK, 60, seed=1)
    judgements = [judgement for school in drawn for judgement in assess(FRAMEWORK, school).judgements]
    assert {j.stage for j in judgements if j.stage is not None} == set(Stage)
    assert {"no-stage-yet", "not-enough-evidence"} <= {j.status.value for j in judgements}
    ratings = [rating for school in drawn for rating in school.ratings]
    assert any(rating.rating is Rating.NOT_APPLICABLE for rating in ratings)
    assert any(rating.rating.applicable and not rating.evidence for rating in ratings)
    assert any(len(school.ratings) < len(FRAMEWORK.descriptors) for school in drawn)
    assert len({item.kind for rating in ratings for item in rating.evidence}) == len(EvidenceKind)

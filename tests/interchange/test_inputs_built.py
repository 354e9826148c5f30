"""The self-evaluation loader builds its objects from validated fields without running their validators again."""

import datetime
import warnings
from typing import TYPE_CHECKING

import attrs
from hypothesis import given

from school_improvement import DescriptorRating, Evidence, EvidenceKind, Rating, SelfEvaluation, dumps
from school_improvement._interchange import inputs
from school_improvement._interchange.inputs import load_self_evaluation
from strategies import self_evaluations

if TYPE_CHECKING:
    from school_improvement._interchange.schema import DescriptorRatingModel


def test_the_builders_set_every_field_of_their_classes() -> None:
    """A field added to Evidence or DescriptorRating must be added to the loader's builders too."""
    assert [field.name for field in attrs.fields(Evidence)] == ["kind", "date", "note", "reference"]
    assert [field.name for field in attrs.fields(DescriptorRating)] == ["descriptor", "rating", "evidence"]


def test_the_builders_make_what_init_makes() -> None:
    """Field for field, with the same equality, hash and repr, the builders' objects are those __init__ makes."""
    day = datetime.date(2026, 10, 1)
    given: list[DescriptorRatingModel] = [
        {
            "descriptor": "PV.1.1",
            "rating": "mostly",
            "evidence": [
                {"kind": "data", "date": "2026-10-01", "note": "a note", "reference": "a folder"},
                {"kind": "learner-voice", "date": "2026-10-01"},
            ],
        },
        {"descriptor": "PV.1.2", "rating": "not-applicable"},
    ]
    built = inputs._ratings_of(given, {"2026-10-01": day})  # noqa: SLF001 (the builder under test)
    expected = (
        DescriptorRating(
            "PV.1.1",
            Rating.MOSTLY,
            (Evidence(EvidenceKind.DATA, day, "a note", "a folder"), Evidence(EvidenceKind.LEARNER_VOICE, day)),
        ),
        DescriptorRating("PV.1.2", Rating.NOT_APPLICABLE),
    )
    assert built == expected
    made = [*built, *built[0].evidence]
    made_by_init = [*expected, *expected[0].evidence]
    assert [(hash(item), repr(item)) for item in made] == [(hash(item), repr(item)) for item in made_by_init]


@given(self_evaluations())
def test_a_loaded_self_evaluation_is_the_one_written(evaluation: SelfEvaluation) -> None:
    """Read back from its payload, a self-evaluation equals the one written."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert load_self_evaluation(dumps(evaluation)) == evaluation

"""Synthetic schools shaped like a real local authority's, for the benchmarks.

Uniform random ratings make a school no one has seen: almost every aspect has
"no stage yet", nothing is marked not applicable and nothing is left unrated.
These schools are drawn the way self-evaluations in an authority look instead:

- each school has a level, drawn from a spread like an authority's (a few
  schools starting the journey, most making progress or building momentum, a
  few sustaining high standards), and each aspect sits at or near it;
- descriptors at and below an aspect's stage are mostly rated "mostly" or
  "fully"; the next stage's are a mix, so some are decisive; later ones are
  "not yet" or "partly", a few "fully" (a later stage rated above an earlier one);
- about 3% of descriptors are marked not applicable; some are left unrated
  (more often at stages far above the school's), and a few are rated with no
  evidence, which counts as not rated;
- evidence comes in one to three pieces per rating from several kinds, the
  common ones (lesson observation, learners' work, learner voice, staff views)
  more often; one school in ten leans on one or two kinds, so some aspects rest
  on a single kind; dates run back up to thirteen months, so some are stale;
- notes and references sit on some evidence, as schools write them.

``schools`` gives them as library objects, ``payloads`` as the payload dicts
``dumps`` would write (JSON-ready: dates as text), from the same draws: school
``n`` is the same school in both.
"""

import datetime
import random
from typing import Any

from school_improvement import (
    DescriptorRating,
    Evidence,
    EvidenceKind,
    Framework,
    ProfessionalJudgement,
    Rating,
    SelfEvaluation,
    Stage,
)

DATE = datetime.date(2026, 11, 1)
"""The latest date of any self-evaluation drawn; each school's own is up to eight weeks before it."""

_LEVELS = (0, 1, 2, 3, 4)
_LEVEL_WEIGHTS = (8, 27, 37, 21, 7)
"""How many schools in a hundred centre on each stage reached (0 for none yet): an authority's spread."""

_KINDS = (
    (EvidenceKind.LESSON_OBSERVATION, 16),
    (EvidenceKind.LEARNERS_WORK, 16),
    (EvidenceKind.LEARNER_VOICE, 14),
    (EvidenceKind.STAFF_VIEWS, 12),
    (EvidenceKind.DATA, 12),
    (EvidenceKind.DOCUMENTATION, 10),
    (EvidenceKind.PARENT_CARER_VIEWS, 7),
    (EvidenceKind.GOVERNOR_VIEWS, 6),
    (EvidenceKind.EXTERNAL_REPORT, 4),
    (EvidenceKind.OTHER, 3),
)
_NOTES = ("seen in two classes", "summary in the governors' pack", "term 1 sample", "pupil panel, year 5")
_REFERENCES = ("SEF folder", "SDP appendix B", "shared drive: evidence/2026", "minutes, 3 October")


def _rating(rng: random.Random, position: int, stage: int) -> Rating | None:
    """A descriptor's rating at ``position`` in an aspect at ``stage``; ``None`` when it is left unrated."""
    roll = rng.random()
    if roll < 0.03:  # the share marked not applicable
        return Rating.NOT_APPLICABLE
    if position <= stage:
        return Rating.FULLY if rng.random() < 0.4 else (Rating.MOSTLY if rng.random() < 0.98 else Rating.PARTLY)
    if position == stage + 1:
        if rng.random() < 0.05:
            return None
        return rng.choices((Rating.NOT_YET, Rating.PARTLY, Rating.MOSTLY, Rating.FULLY), (2, 5, 3, 0.3))[0]
    if rng.random() < 0.25:  # stages far above the school's are often left unrated
        return None
    return rng.choices((Rating.NOT_YET, Rating.PARTLY, Rating.FULLY), (7, 3, 0.2))[0]


def _records(framework: Framework, count: int, seed: int) -> list[dict[str, Any]]:
    """The schools as plain records (dates as dates), drawn once for both forms."""
    rng = random.Random(seed)
    kinds = [kind for kind, _ in _KINDS]
    weights = [weight for _, weight in _KINDS]
    layouts = [framework.layout(aspect.code) for aspect in framework.aspects]
    records = []
    for number in range(count):
        date = DATE - datetime.timedelta(days=rng.randrange(56))
        level = rng.choices(_LEVELS, _LEVEL_WEIGHTS)[0]
        leaning = rng.random() < 0.1  # one school in ten leans on one or two kinds of evidence
        own_kinds = rng.sample(kinds, 2) if leaning else kinds
        own_weights = None if leaning else weights
        ratings = []
        for layout in layouts:
            stage = min(4, max(0, level + rng.choice((-1, 0, 0, 0, 1))))
            for position, (_, codes) in enumerate(layout, start=1):
                for code in codes:
                    rating = _rating(rng, position, stage)
                    if rating is None:
                        continue
                    evidence = []
                    none = rating is Rating.NOT_APPLICABLE or rng.random() < 0.02  # a few rated with none
                    pieces = 0 if none else rng.choice((1, 2, 2, 3))
                    for kind in rng.choices(own_kinds, own_weights, k=pieces):
                        gathered = date - datetime.timedelta(days=rng.randrange(400))
                        note = rng.choice(_NOTES) if rng.random() < 0.3 else None
                        reference = rng.choice(_REFERENCES) if rng.random() < 0.3 else None
                        evidence.append({"kind": kind, "date": gathered, "note": note, "reference": reference})
                    ratings.append({"descriptor": code, "rating": rating, "evidence": evidence})
        rng.shuffle(ratings)  # schools list their ratings in any order; the library must not rely on it
        records.append({"school": f"synthetic-{number:05d}", "date": date, "ratings": ratings})
    return records


def schools(framework: Framework, count: int, seed: int) -> list[SelfEvaluation]:
    """``count`` self-evaluations drawn from ``seed``, as library objects."""
    return [
        SelfEvaluation(
            record["school"],
            record["date"],
            framework.edition_id,
            tuple(
                DescriptorRating(
                    rating["descriptor"],
                    rating["rating"],
                    tuple(
                        Evidence(item["kind"], item["date"], item["note"], item["reference"])
                        for item in rating["evidence"]
                    ),
                )
                for rating in record["ratings"]
            ),
        )
        for record in _records(framework, count, seed)
    ]


def payloads(framework: Framework, count: int, seed: int) -> list[dict[str, Any]]:
    """The same ``count`` self-evaluations as payload dicts, as ``json.loads(dumps(evaluation))`` gives them."""
    edition = framework.edition_id
    return [
        {
            "schema_version": 1,
            "kind": "self-evaluation",
            "framework_edition": edition,
            "data": {
                "school": record["school"],
                "date": record["date"].isoformat(),
                "framework_edition": edition,
                "ratings": [
                    {
                        "descriptor": rating["descriptor"],
                        "rating": rating["rating"].value,
                        "evidence": [
                            {
                                "kind": item["kind"].value,
                                "date": item["date"].isoformat(),
                                "note": item["note"],
                                "reference": item["reference"],
                            }
                            for item in rating["evidence"]
                        ],
                    }
                    for rating in record["ratings"]
                ],
                "judgements": [],
            },
        }
        for record in _records(framework, count, seed)
    ]


def edge_cases(framework: Framework) -> list[SelfEvaluation]:
    """Schools the drawn ones seldom hold: an aspect wholly not applicable, professional judgements, nothing rated."""
    drawn = schools(framework, 3, seed=99)
    codes = {code for _, cell in framework.layout("PV") for code in cell}
    kept = tuple(rating for rating in drawn[0].ratings if rating.descriptor not in codes)
    not_applicable = tuple(DescriptorRating(code, Rating.NOT_APPLICABLE) for code in sorted(codes))
    own = (
        ProfessionalJudgement("SV", Stage.MAKING_PROGRESS, "our view"),
        ProfessionalJudgement("TA", None, "not yet"),
    )
    first, second, third = drawn
    return [
        SelfEvaluation("edge-aspect-not-applicable", first.date, first.framework_edition, kept + not_applicable),
        SelfEvaluation("edge-own-judgements", second.date, second.framework_edition, second.ratings, own),
        SelfEvaluation("edge-nothing-rated", third.date, third.framework_edition),
    ]

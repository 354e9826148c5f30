"""Fictional schools for the local authority example and the benchmarks.

Every school, local authority and cluster here is made up: the names say
"Example", the references "fictional-". Each school's self-evaluation is drawn
to sit at a chosen stage in each aspect, with the evidence a careful school
would gather, and a few of the weaknesses the evidence checks look for.

Run it to write the example set shipped in ``examples/local-authority/``::

    python scripts/fictional_schools.py
"""

import datetime
import json
import random
import sys
from pathlib import Path

from school_improvement import (
    DescriptorRating,
    Evidence,
    EvidenceKind,
    Framework,
    LanguageMedium,
    Phase,
    Rating,
    School,
    SelfEvaluation,
    Stage,
    load_framework,
    to_payload,
)

DATE = datetime.date(2026, 10, 16)
FIRST_HAND = (
    EvidenceKind.LESSON_OBSERVATION,
    EvidenceKind.LEARNERS_WORK,
    EvidenceKind.STAFF_VIEWS,
    EvidenceKind.PARENT_CARER_VIEWS,
    EvidenceKind.DATA,
    EvidenceKind.DOCUMENTATION,
)
_MEDIA = (LanguageMedium.ENGLISH, LanguageMedium.WELSH, LanguageMedium.BILINGUAL)


def _register(count: int, rng: random.Random, authorities: int) -> list[School]:
    """``count`` schools: clusters of one secondary and its primaries, with a few special and all-age schools."""
    schools: list[School] = []
    cluster = 0
    while len(schools) < count:
        cluster += 1
        authority = f"Example Authority {1 + cluster % authorities}"
        medium = rng.choices(_MEDIA, weights=(6, 3, 1))[0]
        members = [Phase.SECONDARY] + [Phase.PRIMARY] * rng.randint(3, 7)
        if rng.random() < 0.15:
            members.append(rng.choice((Phase.SPECIAL, Phase.ALL_AGE, Phase.PUPIL_REFERRAL_UNIT, Phase.NURSERY)))
        for phase in members[: count - len(schools)]:
            number = len(schools) + 1
            kind = {"secondary": "High School", "primary": "Primary School"}.get(phase.value, f"{phase.label} school")
            own_medium = medium if rng.random() < 0.85 else rng.choice(_MEDIA)
            schools.append(
                School(
                    f"fictional-{number:05d}",
                    f"Example {kind.title()} {number}",
                    authority,
                    f"Cluster {cluster}" if phase is not Phase.PUPIL_REFERRAL_UNIT else None,
                    phase,
                    own_medium,
                )
            )
    return schools


def _evidence(rng: random.Random, kinds: tuple[EvidenceKind, ...]) -> tuple[Evidence, ...]:
    return tuple(Evidence(kind, DATE - datetime.timedelta(days=rng.randrange(14, 240))) for kind in kinds)


def _aspect_kinds(rng: random.Random, *, learner_voice: bool) -> tuple[EvidenceKind, ...]:
    """The kinds of evidence behind one aspect: usually triangulated, sometimes resting on one kind."""
    if rng.random() < 0.08:
        return (rng.choice(FIRST_HAND),)
    kinds = rng.sample(FIRST_HAND, rng.randint(1, 2))
    return (EvidenceKind.LEARNER_VOICE, *kinds) if learner_voice else tuple(rng.sample(FIRST_HAND, 2))


def _evaluation(framework: Framework, school: School, rng: random.Random) -> SelfEvaluation:
    """A self-evaluation that sits at a drawn stage in each aspect."""
    strength = rng.random()
    learner_voice = rng.random() > 0.05
    ratings = []
    for aspect in framework.aspects:
        if rng.random() < 0.04:
            continue  # not yet evaluated: not enough evidence
        reached = min(4, max(0, round(rng.gauss(1.2 + 2.2 * strength, 0.9))))
        kinds = _aspect_kinds(rng, learner_voice=learner_voice)
        for stage in Stage:
            for descriptor in framework.cell(aspect.code, stage).descriptors:
                if stage.position <= reached:
                    rating = rng.choice((Rating.MOSTLY, Rating.FULLY))
                elif stage.position == reached + 1:
                    rating = rng.choice((Rating.NOT_YET, Rating.PARTLY, Rating.PARTLY, Rating.MOSTLY))
                elif rng.random() < 0.5:
                    continue
                else:
                    rating = Rating.NOT_YET
                ratings.append(DescriptorRating(descriptor.code, rating, _evidence(rng, kinds)))
        # The rating that holds the next stage back: at least one descriptor there below "mostly".
        if reached < 4:
            cell = framework.cell(aspect.code, Stage.at(reached + 1)).descriptors
            code = rng.choice(cell).code
            ratings = [
                r if r.descriptor != code else DescriptorRating(code, Rating.PARTLY, r.evidence) for r in ratings
            ]
            if all(r.descriptor != code for r in ratings):
                ratings.append(DescriptorRating(code, Rating.PARTLY, _evidence(rng, kinds)))
    return SelfEvaluation(school.ref, DATE, framework.edition_id, tuple(ratings))


def fictional_schools(
    framework: Framework, count: int, *, seed: int = 7, authorities: int = 2
) -> tuple[list[School], list[SelfEvaluation]]:
    """``count`` fictional schools in ``authorities`` local authorities, each with a self-evaluation."""
    rng = random.Random(seed)  # noqa: S311 (repeatable made-up schools, not secrets)
    schools = _register(count, rng, authorities)
    return schools, [_evaluation(framework, school, rng) for school in schools]


def register_csv(schools: list[School]) -> str:
    """The register as the CSV that ``read_school_register`` reads."""
    lines = ["ref,name,local_authority,cluster,phase,medium"]
    lines += [
        f"{s.ref},{s.name},{s.local_authority},{s.cluster or ''},{s.phase.value},{s.medium.value}" for s in schools
    ]
    return "\n".join(lines) + "\n"


def json_lines(evaluations: list[SelfEvaluation]) -> str:
    """The self-evaluations as JSON Lines: one payload per line."""
    return "".join(json.dumps(to_payload(e), ensure_ascii=False, separators=(",", ":")) + "\n" for e in evaluations)


def main() -> int:
    """Write the example set: 30 fictional schools in two local authorities."""
    framework = load_framework()
    schools, evaluations = fictional_schools(framework, 30, seed=2026)
    folder = Path(__file__).resolve().parent.parent / "examples" / "local-authority"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "schools.csv").write_text(register_csv(schools), encoding="utf-8")
    (folder / "self-evaluations.jsonl").write_text(json_lines(evaluations), encoding="utf-8")
    sys.stdout.write(f"Wrote {len(schools)} fictional schools to {folder}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Assess a fictional school's self-evaluation and print each judgement with its explanation.

Ysgol Enghraifft is fictional. Run it with: python examples/assess_example_school.py
"""

import datetime
import textwrap

from school_improvement import (
    DescriptorRating,
    Evidence,
    EvidenceKind,
    ProfessionalJudgement,
    Rating,
    SelfEvaluation,
    Stage,
    assess,
    check_evidence,
    load_framework,
)


def example_self_evaluation() -> SelfEvaluation:
    """Ysgol Enghraifft's self-evaluation of pupil voice, and family and community engagement."""
    framework = load_framework()
    visit = Evidence(EvidenceKind.LESSON_OBSERVATION, datetime.date(2026, 10, 6), reference="Learning walk")
    panel = Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 10, 13), reference="Pupil voice log")
    survey = Evidence(EvidenceKind.PARENT_CARER_VIEWS, datetime.date(2026, 9, 29), reference="Parent questionnaire")
    minutes = Evidence(EvidenceKind.DOCUMENTATION, datetime.date(2026, 10, 20), reference="Governing body minutes")
    return SelfEvaluation(
        school="ysgol-enghraifft",
        date=datetime.date(2026, 11, 2),
        framework_edition=framework.edition_id,
        ratings=(
            DescriptorRating("PV.1.1", Rating.FULLY, (panel, minutes)),
            DescriptorRating("PV.2.1", Rating.MOSTLY, (panel, visit)),
            DescriptorRating("PV.3.1", Rating.PARTLY, (panel,)),
            DescriptorRating("FC.1.1", Rating.FULLY, (survey, minutes)),
            DescriptorRating("FC.1.2", Rating.FULLY, (survey,)),
            DescriptorRating("FC.2.1", Rating.MOSTLY, (survey, panel)),
            DescriptorRating("FC.3.1", Rating.FULLY),
        ),
        judgements=(ProfessionalJudgement("FC", Stage.BUILDING_MOMENTUM, "Parents now help plan the curriculum."),),
    )


def main() -> None:
    """Print the stage profile and the evidence findings."""
    framework = load_framework()
    evaluation = example_self_evaluation()
    profile = assess(framework, evaluation)
    print(f"Stage profile of {profile.school} (a fictional school), {profile.date}, rule: {profile.rule.name}")
    print("Stages are developmental, not grades; there is no overall grade.\n")
    for judgement in profile.judgements:
        print(textwrap.fill(judgement.rationale, 100, subsequent_indent="    "))
        own = judgement.professional_judgement
        if own is not None:
            stage = framework.stage_name(own.stage).en if own.stage else "no stage yet"
            print(f"    The school's own judgement: {stage}. {own.rationale}")
    print("\nEvidence checks:")
    for finding in check_evidence(framework, evaluation):
        print(f"  [{finding.severity.value}] {finding.message}")
    print(f"\n{framework.provenance.attribution}")


if __name__ == "__main__":
    main()

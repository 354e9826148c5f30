"""Wales' school improvement framework as typed data and pure functions.

The content is Estyn's school improvement journeys table (four stages, ten
aspects, 100 descriptors), the common characteristics of leaders, Welsh
Government's eight contributory factors, the national improvement priorities
and the five core principles of the revised School Improvement Guidance.

This library is independent: it is not endorsed by Estyn or Welsh Government.
"""

import importlib
import typing

if typing.TYPE_CHECKING:
    from school_improvement._assessment import (
        Judgement,
        JudgementStatus,
        RuleDescription,
        StageCoverage,
        StageProfile,
        Sufficiency,
        assess,
        check_self_evaluation,
        self_evaluation_problems,
    )
    from school_improvement._case import (
        case_json,
        case_package,
    )
    from school_improvement._content import (
        framework_from_data,
        load_framework,
        mappings_from_data,
        read_framework,
        read_mappings,
    )
    from school_improvement._converter import (
        configure_converter,
        make_converter,
    )
    from school_improvement._errors import (
        AnalysisError,
        FrameworkError,
        InputError,
        PayloadError,
        Problem,
        SchoolImprovementError,
        SelfEvaluationError,
        UnknownCodeError,
    )
    from school_improvement._evidence import (
        DescriptorRating,
        Evidence,
        EvidenceKind,
        ProfessionalJudgement,
        Rating,
        SelfEvaluation,
    )
    from school_improvement._framework import (
        Aspect,
        Cell,
        ContributoryFactor,
        Descriptor,
        DescriptorItem,
        DescriptorKind,
        EditorialNote,
        Framework,
        LeadershipCharacteristic,
        NationalPriority,
        Notice,
        Principle,
        Provenance,
        SourceDocument,
        StageName,
    )
    from school_improvement._gaps import (
        AspectGap,
        GapAnalysis,
        GapStatus,
        Target,
        default_targets,
        find_gaps,
        threshold_of,
    )
    from school_improvement._inputs import (
        load_self_evaluation,
        payload_schemas,
    )
    from school_improvement._mappings import (
        AspectCharacteristicLink,
        AspectFactorLink,
        Mappings,
        PriorityTag,
        TagBasis,
    )
    from school_improvement._next_steps import (
        NextStep,
        Reason,
        Recommendation,
        RecommendedPriority,
        Weighting,
        recommend,
    )
    from school_improvement._overview import (
        overview,
    )
    from school_improvement._payloads import (
        SCHEMA_VERSION,
        dumps,
        from_payload,
        loads,
        to_payload,
    )
    from school_improvement._plan import (
        DevelopmentPlan,
        PlanAction,
        PlanPriority,
        SuccessCriterion,
        draft_plan,
    )
    from school_improvement._progress import (
        AspectProgress,
        Movement,
        ProgressReport,
        Transition,
        track_progress,
    )
    from school_improvement._quality import (
        Finding,
        Severity,
        check_evidence,
    )
    from school_improvement._rules import (
        BestFit,
        CellRatings,
        CumulativeThreshold,
        Decision,
        HighWaterMark,
        SecureFit,
        StageRule,
        rule_named,
    )
    from school_improvement._spreadsheet import (
        csv_template,
        read_self_evaluation_csv,
    )
    from school_improvement._stage import (
        Stage,
    )
    from school_improvement._text import (
        Language,
        LocalisedText,
        Text,
        Welsh,
        WelshProvenance,
    )

# Where each public name lives. Modules load on first use, so that importing the package
# (and the command line's --help) stays light.
_MODULES: dict[str, str] = {
    "SCHEMA_VERSION": "school_improvement._payloads",
    "AnalysisError": "school_improvement._errors",
    "Aspect": "school_improvement._framework",
    "AspectCharacteristicLink": "school_improvement._mappings",
    "AspectFactorLink": "school_improvement._mappings",
    "AspectGap": "school_improvement._gaps",
    "AspectProgress": "school_improvement._progress",
    "BestFit": "school_improvement._rules",
    "Cell": "school_improvement._framework",
    "CellRatings": "school_improvement._rules",
    "ContributoryFactor": "school_improvement._framework",
    "CumulativeThreshold": "school_improvement._rules",
    "Decision": "school_improvement._rules",
    "Descriptor": "school_improvement._framework",
    "DescriptorItem": "school_improvement._framework",
    "DescriptorKind": "school_improvement._framework",
    "DescriptorRating": "school_improvement._evidence",
    "DevelopmentPlan": "school_improvement._plan",
    "EditorialNote": "school_improvement._framework",
    "Evidence": "school_improvement._evidence",
    "EvidenceKind": "school_improvement._evidence",
    "Finding": "school_improvement._quality",
    "Framework": "school_improvement._framework",
    "FrameworkError": "school_improvement._errors",
    "GapAnalysis": "school_improvement._gaps",
    "GapStatus": "school_improvement._gaps",
    "HighWaterMark": "school_improvement._rules",
    "InputError": "school_improvement._errors",
    "Judgement": "school_improvement._assessment",
    "JudgementStatus": "school_improvement._assessment",
    "Language": "school_improvement._text",
    "LeadershipCharacteristic": "school_improvement._framework",
    "LocalisedText": "school_improvement._text",
    "Mappings": "school_improvement._mappings",
    "Movement": "school_improvement._progress",
    "NationalPriority": "school_improvement._framework",
    "NextStep": "school_improvement._next_steps",
    "Notice": "school_improvement._framework",
    "PayloadError": "school_improvement._errors",
    "PlanAction": "school_improvement._plan",
    "PlanPriority": "school_improvement._plan",
    "Principle": "school_improvement._framework",
    "PriorityTag": "school_improvement._mappings",
    "Problem": "school_improvement._errors",
    "ProfessionalJudgement": "school_improvement._evidence",
    "ProgressReport": "school_improvement._progress",
    "Provenance": "school_improvement._framework",
    "Rating": "school_improvement._evidence",
    "Reason": "school_improvement._next_steps",
    "Recommendation": "school_improvement._next_steps",
    "RecommendedPriority": "school_improvement._next_steps",
    "RuleDescription": "school_improvement._assessment",
    "SchoolImprovementError": "school_improvement._errors",
    "SecureFit": "school_improvement._rules",
    "SelfEvaluation": "school_improvement._evidence",
    "SelfEvaluationError": "school_improvement._errors",
    "Severity": "school_improvement._quality",
    "SourceDocument": "school_improvement._framework",
    "Stage": "school_improvement._stage",
    "StageCoverage": "school_improvement._assessment",
    "StageName": "school_improvement._framework",
    "StageProfile": "school_improvement._assessment",
    "StageRule": "school_improvement._rules",
    "SuccessCriterion": "school_improvement._plan",
    "Sufficiency": "school_improvement._assessment",
    "TagBasis": "school_improvement._mappings",
    "Target": "school_improvement._gaps",
    "Text": "school_improvement._text",
    "Transition": "school_improvement._progress",
    "UnknownCodeError": "school_improvement._errors",
    "Weighting": "school_improvement._next_steps",
    "Welsh": "school_improvement._text",
    "WelshProvenance": "school_improvement._text",
    "assess": "school_improvement._assessment",
    "case_json": "school_improvement._case",
    "case_package": "school_improvement._case",
    "check_evidence": "school_improvement._quality",
    "check_self_evaluation": "school_improvement._assessment",
    "configure_converter": "school_improvement._converter",
    "csv_template": "school_improvement._spreadsheet",
    "default_targets": "school_improvement._gaps",
    "draft_plan": "school_improvement._plan",
    "dumps": "school_improvement._payloads",
    "find_gaps": "school_improvement._gaps",
    "framework_from_data": "school_improvement._content",
    "from_payload": "school_improvement._payloads",
    "load_framework": "school_improvement._content",
    "load_self_evaluation": "school_improvement._inputs",
    "loads": "school_improvement._payloads",
    "make_converter": "school_improvement._converter",
    "mappings_from_data": "school_improvement._content",
    "overview": "school_improvement._overview",
    "payload_schemas": "school_improvement._inputs",
    "read_framework": "school_improvement._content",
    "read_mappings": "school_improvement._content",
    "read_self_evaluation_csv": "school_improvement._spreadsheet",
    "recommend": "school_improvement._next_steps",
    "rule_named": "school_improvement._rules",
    "self_evaluation_problems": "school_improvement._assessment",
    "threshold_of": "school_improvement._gaps",
    "to_payload": "school_improvement._payloads",
    "track_progress": "school_improvement._progress",
}

__all__ = [
    "SCHEMA_VERSION",
    "AnalysisError",
    "Aspect",
    "AspectCharacteristicLink",
    "AspectFactorLink",
    "AspectGap",
    "AspectProgress",
    "BestFit",
    "Cell",
    "CellRatings",
    "ContributoryFactor",
    "CumulativeThreshold",
    "Decision",
    "Descriptor",
    "DescriptorItem",
    "DescriptorKind",
    "DescriptorRating",
    "DevelopmentPlan",
    "EditorialNote",
    "Evidence",
    "EvidenceKind",
    "Finding",
    "Framework",
    "FrameworkError",
    "GapAnalysis",
    "GapStatus",
    "HighWaterMark",
    "InputError",
    "Judgement",
    "JudgementStatus",
    "Language",
    "LeadershipCharacteristic",
    "LocalisedText",
    "Mappings",
    "Movement",
    "NationalPriority",
    "NextStep",
    "Notice",
    "PayloadError",
    "PlanAction",
    "PlanPriority",
    "Principle",
    "PriorityTag",
    "Problem",
    "ProfessionalJudgement",
    "ProgressReport",
    "Provenance",
    "Rating",
    "Reason",
    "Recommendation",
    "RecommendedPriority",
    "RuleDescription",
    "SchoolImprovementError",
    "SecureFit",
    "SelfEvaluation",
    "SelfEvaluationError",
    "Severity",
    "SourceDocument",
    "Stage",
    "StageCoverage",
    "StageName",
    "StageProfile",
    "StageRule",
    "SuccessCriterion",
    "Sufficiency",
    "TagBasis",
    "Target",
    "Text",
    "Transition",
    "UnknownCodeError",
    "Weighting",
    "Welsh",
    "WelshProvenance",
    "assess",
    "case_json",
    "case_package",
    "check_evidence",
    "check_self_evaluation",
    "configure_converter",
    "csv_template",
    "default_targets",
    "draft_plan",
    "dumps",
    "find_gaps",
    "framework_from_data",
    "from_payload",
    "load_framework",
    "load_self_evaluation",
    "loads",
    "make_converter",
    "mappings_from_data",
    "overview",
    "payload_schemas",
    "read_framework",
    "read_mappings",
    "read_self_evaluation_csv",
    "recommend",
    "rule_named",
    "self_evaluation_problems",
    "threshold_of",
    "to_payload",
    "track_progress",
]


def __getattr__(name: str) -> typing.Any:  # noqa: ANN401 (any public name)
    """Load a public name from its module on first use (PEP 562)."""
    module = _MODULES.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, loaded or not."""
    return sorted({*globals(), *__all__})

"""Wales' school improvement framework as typed data and pure functions.

The content is Estyn's school improvement journeys table (four stages, ten
aspects, 100 descriptors), the common characteristics of leaders, Welsh
Government's eight contributory factors, the national improvement priorities
and the five core principles of the revised School Improvement Guidance.

This library is independent: it is not endorsed by Estyn or Welsh Government.
"""

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
from school_improvement._case import case_json, case_package
from school_improvement._content import (
    framework_from_data,
    load_framework,
    mappings_from_data,
    read_framework,
    read_mappings,
)
from school_improvement._converter import configure_converter, make_converter
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
from school_improvement._inputs import load_self_evaluation, payload_schemas
from school_improvement._mappings import AspectCharacteristicLink, AspectFactorLink, Mappings, PriorityTag, TagBasis
from school_improvement._next_steps import NextStep, Reason, Recommendation, RecommendedPriority, Weighting, recommend
from school_improvement._overview import overview
from school_improvement._payloads import SCHEMA_VERSION, dumps, from_payload, loads, to_payload
from school_improvement._plan import DevelopmentPlan, PlanAction, PlanPriority, SuccessCriterion, draft_plan
from school_improvement._progress import AspectProgress, Movement, ProgressReport, Transition, track_progress
from school_improvement._quality import Finding, Severity, check_evidence
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
from school_improvement._spreadsheet import csv_template, read_self_evaluation_csv
from school_improvement._stage import Stage
from school_improvement._text import Language, LocalisedText, Text, Welsh, WelshProvenance

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

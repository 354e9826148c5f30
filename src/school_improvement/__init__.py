"""Wales' school improvement framework as typed data and pure functions.

The content is Estyn's school improvement journeys table (four stages, ten
aspects, 100 descriptors), the common characteristics of leaders, Welsh
Government's eight contributory factors, the national improvement priorities
and the five core principles of the revised School Improvement Guidance.

This library is independent: it is not endorsed by Estyn or Welsh Government.
"""

import importlib
import typing

# The public names, by the module each lives in: the one list. ``__all__`` and
# the lazy table below are derived from it, and a test checks that the typing
# block names the same ones. Modules load on first use, so that importing the
# package (and the command line's --help) stays light.
_PUBLIC: dict[str, tuple[str, ...]] = {
    "_errors": (
        "AnalysisError",
        "FrameworkError",
        "InputError",
        "MissingExtraError",
        "PayloadError",
        "Problem",
        "SchoolImprovementError",
        "SelfEvaluationError",
        "SelfEvaluationWarning",
        "UnknownCodeError",
    ),
    "_stage": ("Stage",),
    "_text": (
        "Language",
        "LocalisedText",
        "Text",
        "Welsh",
        "WelshProvenance",
    ),
    "_converter": (
        "configure_converter",
        "make_converter",
    ),
    "_content.framework": (
        "Aspect",
        "Cell",
        "ContributoryFactor",
        "Descriptor",
        "DescriptorItem",
        "DescriptorKind",
        "EditorialNote",
        "Framework",
        "LeadershipCharacteristic",
        "NationalPriority",
        "Notice",
        "Principle",
        "Provenance",
        "SourceDocument",
        "StageName",
    ),
    "_content.mappings": (
        "AspectCharacteristicLink",
        "AspectFactorLink",
        "Mappings",
        "PriorityTag",
        "TagBasis",
    ),
    "_content.loading": (
        "framework_from_data",
        "load_framework",
        "mappings_from_data",
        "read_framework",
        "read_mappings",
    ),
    "_assessment.evidence": (
        "DescriptorRating",
        "Evidence",
        "EvidenceKind",
        "ProfessionalJudgement",
        "Rating",
        "SelfEvaluation",
    ),
    "_assessment.rules": (
        "BestFit",
        "CellRatings",
        "CumulativeThreshold",
        "Decision",
        "HighWaterMark",
        "SecureFit",
        "StageRule",
        "rule_named",
    ),
    "_assessment.checked": (
        "AspectRatings",
        "CheckedSelfEvaluation",
        "StageCoverage",
        "check_self_evaluation",
        "self_evaluation_problems",
        "self_evaluation_warnings",
    ),
    "_assessment.assess": (
        "Judgement",
        "JudgementStatus",
        "RuleDescription",
        "StageProfile",
        "Sufficiency",
        "assess",
    ),
    "_assessment.quality": (
        "Finding",
        "Severity",
        "check_evidence",
    ),
    "_assessment.progress": (
        "AspectProgress",
        "Movement",
        "ProgressReport",
        "Transition",
        "track_progress",
    ),
    "_planning.gaps": (
        "AspectGap",
        "GapAnalysis",
        "GapStatus",
        "Target",
        "default_targets",
        "find_gaps",
    ),
    "_planning.next_steps": (
        "EvidenceToGather",
        "NextStep",
        "Reason",
        "Recommendation",
        "RecommendedPriority",
        "Weighting",
        "recommend",
    ),
    "_planning.choices": (
        "ChosenPriority",
        "PriorityNotice",
        "check_priorities",
        "targets_of",
    ),
    "_planning.plan": (
        "ActionState",
        "ActionStatus",
        "CriterionState",
        "CriterionStatus",
        "DevelopmentPlan",
        "Milestone",
        "PlanAction",
        "PlanPriority",
        "ProgressUpdate",
        "ReviewRecord",
        "SuccessCriterion",
        "TargetStanding",
        "TargetState",
        "draft_plan",
        "plan_problems",
    ),
    "_planning.discussion": (
        "AspectView",
        "DiscussionRecord",
        "Participant",
        "StrengthOffer",
        "SupportItem",
        "SupportSource",
        "SupportStatus",
        "ViewDifference",
        "discussion_problems",
        "view_differences",
    ),
    "_planning.review": (
        "ActionReview",
        "ActionStanding",
        "Change",
        "CriterionReview",
        "PlanReview",
        "TargetReview",
        "record_review",
        "review_plan",
    ),
    "_planning.cycle": (
        "Cycle",
        "run_cycle",
    ),
    "_authority.schools": (
        "LanguageMedium",
        "Phase",
        "School",
        "read_school_register",
    ),
    "_authority.survey": (
        "DecisionBasis",
        "SchoolBasis",
        "SchoolSnapshot",
        "SelfEvaluationAge",
        "Survey",
        "snapshot",
        "survey",
    ),
    "_authority.rollup": (
        "AspectSpread",
        "GroupRollup",
        "Grouping",
        "Rollup",
        "SharedStep",
        "StageCount",
        "SupportNeed",
        "SystemPriority",
        "SystemPriorityRule",
        "roll_up",
    ),
    "_authority.matching": (
        "Collaboration",
        "MatchOptions",
        "Partnership",
        "Penalty",
        "Requirement",
        "Strictness",
        "Unmatched",
        "UnmatchedReason",
        "UnusedOffer",
        "UnusedOfferReason",
        "match_schools",
    ),
    "_interchange.envelope": ("SCHEMA_VERSION",),
    "_interchange.payloads": (
        "dumps",
        "from_payload",
        "loads",
        "to_payload",
    ),
    "_interchange.inputs": (
        "load_self_evaluation",
        "payload_schemas",
    ),
    "_interchange.spreadsheet": (
        "csv_template",
        "read_self_evaluation_csv",
    ),
    "_interchange.workbook": (
        "XlsxHeading",
        "read_self_evaluation_xlsx",
        "read_xlsx_heading",
        "xlsx_template",
    ),
    "_interchange.case": (
        "case_json",
        "case_package",
    ),
    "_interchange.decisions": (
        "load_discussion",
        "load_plan",
    ),
    "_interchange.plan_csv": (
        "ACTION_COLUMNS",
        "plan_actions_csv",
        "read_plan_actions_csv",
    ),
    "_render.overview": ("overview",),
}

_MODULES: dict[str, str] = {name: f"{__name__}.{module}" for module, names in _PUBLIC.items() for name in names}
"""Where each public name lives."""

__all__ = sorted(_MODULES, key=lambda name: (0 if name.isupper() else 1 if name[0].isupper() else 2, name))  # noqa: PLE0605
"""Every public name: constants, then classes, then functions, each alphabetically."""

if typing.TYPE_CHECKING:
    # What type checkers see: every public name, imported explicitly. Kept out
    # of ``__getattr__``'s reach so that a name missing here is a type error.
    from school_improvement._assessment.assess import (
        Judgement as Judgement,
        JudgementStatus as JudgementStatus,
        RuleDescription as RuleDescription,
        StageProfile as StageProfile,
        Sufficiency as Sufficiency,
        assess as assess,
    )
    from school_improvement._assessment.checked import (
        AspectRatings as AspectRatings,
        CheckedSelfEvaluation as CheckedSelfEvaluation,
        StageCoverage as StageCoverage,
        check_self_evaluation as check_self_evaluation,
        self_evaluation_problems as self_evaluation_problems,
        self_evaluation_warnings as self_evaluation_warnings,
    )
    from school_improvement._assessment.evidence import (
        DescriptorRating as DescriptorRating,
        Evidence as Evidence,
        EvidenceKind as EvidenceKind,
        ProfessionalJudgement as ProfessionalJudgement,
        Rating as Rating,
        SelfEvaluation as SelfEvaluation,
    )
    from school_improvement._assessment.progress import (
        AspectProgress as AspectProgress,
        Movement as Movement,
        ProgressReport as ProgressReport,
        Transition as Transition,
        track_progress as track_progress,
    )
    from school_improvement._assessment.quality import (
        Finding as Finding,
        Severity as Severity,
        check_evidence as check_evidence,
    )
    from school_improvement._assessment.rules import (
        BestFit as BestFit,
        CellRatings as CellRatings,
        CumulativeThreshold as CumulativeThreshold,
        Decision as Decision,
        HighWaterMark as HighWaterMark,
        SecureFit as SecureFit,
        StageRule as StageRule,
        rule_named as rule_named,
    )
    from school_improvement._authority.matching import (
        Collaboration as Collaboration,
        MatchOptions as MatchOptions,
        Partnership as Partnership,
        Penalty as Penalty,
        Requirement as Requirement,
        Strictness as Strictness,
        Unmatched as Unmatched,
        UnmatchedReason as UnmatchedReason,
        UnusedOffer as UnusedOffer,
        UnusedOfferReason as UnusedOfferReason,
        match_schools as match_schools,
    )
    from school_improvement._authority.rollup import (
        AspectSpread as AspectSpread,
        Grouping as Grouping,
        GroupRollup as GroupRollup,
        Rollup as Rollup,
        SharedStep as SharedStep,
        StageCount as StageCount,
        SupportNeed as SupportNeed,
        SystemPriority as SystemPriority,
        SystemPriorityRule as SystemPriorityRule,
        roll_up as roll_up,
    )
    from school_improvement._authority.schools import (
        LanguageMedium as LanguageMedium,
        Phase as Phase,
        School as School,
        read_school_register as read_school_register,
    )
    from school_improvement._authority.survey import (
        DecisionBasis as DecisionBasis,
        SchoolBasis as SchoolBasis,
        SchoolSnapshot as SchoolSnapshot,
        SelfEvaluationAge as SelfEvaluationAge,
        Survey as Survey,
        snapshot as snapshot,
        survey as survey,
    )
    from school_improvement._content.framework import (
        Aspect as Aspect,
        Cell as Cell,
        ContributoryFactor as ContributoryFactor,
        Descriptor as Descriptor,
        DescriptorItem as DescriptorItem,
        DescriptorKind as DescriptorKind,
        EditorialNote as EditorialNote,
        Framework as Framework,
        LeadershipCharacteristic as LeadershipCharacteristic,
        NationalPriority as NationalPriority,
        Notice as Notice,
        Principle as Principle,
        Provenance as Provenance,
        SourceDocument as SourceDocument,
        StageName as StageName,
    )
    from school_improvement._content.loading import (
        framework_from_data as framework_from_data,
        load_framework as load_framework,
        mappings_from_data as mappings_from_data,
        read_framework as read_framework,
        read_mappings as read_mappings,
    )
    from school_improvement._content.mappings import (
        AspectCharacteristicLink as AspectCharacteristicLink,
        AspectFactorLink as AspectFactorLink,
        Mappings as Mappings,
        PriorityTag as PriorityTag,
        TagBasis as TagBasis,
    )
    from school_improvement._converter import (
        configure_converter as configure_converter,
        make_converter as make_converter,
    )
    from school_improvement._errors import (
        AnalysisError as AnalysisError,
        FrameworkError as FrameworkError,
        InputError as InputError,
        MissingExtraError as MissingExtraError,
        PayloadError as PayloadError,
        Problem as Problem,
        SchoolImprovementError as SchoolImprovementError,
        SelfEvaluationError as SelfEvaluationError,
        SelfEvaluationWarning as SelfEvaluationWarning,
        UnknownCodeError as UnknownCodeError,
    )
    from school_improvement._interchange.case import (
        case_json as case_json,
        case_package as case_package,
    )
    from school_improvement._interchange.decisions import (
        load_discussion as load_discussion,
        load_plan as load_plan,
    )
    from school_improvement._interchange.envelope import (
        SCHEMA_VERSION as SCHEMA_VERSION,
    )
    from school_improvement._interchange.inputs import (
        load_self_evaluation as load_self_evaluation,
        payload_schemas as payload_schemas,
    )
    from school_improvement._interchange.payloads import (
        dumps as dumps,
        from_payload as from_payload,
        loads as loads,
        to_payload as to_payload,
    )
    from school_improvement._interchange.plan_csv import (
        ACTION_COLUMNS as ACTION_COLUMNS,
        plan_actions_csv as plan_actions_csv,
        read_plan_actions_csv as read_plan_actions_csv,
    )
    from school_improvement._interchange.spreadsheet import (
        csv_template as csv_template,
        read_self_evaluation_csv as read_self_evaluation_csv,
    )
    from school_improvement._interchange.workbook import (
        XlsxHeading as XlsxHeading,
        read_self_evaluation_xlsx as read_self_evaluation_xlsx,
        read_xlsx_heading as read_xlsx_heading,
        xlsx_template as xlsx_template,
    )
    from school_improvement._planning.choices import (
        ChosenPriority as ChosenPriority,
        PriorityNotice as PriorityNotice,
        check_priorities as check_priorities,
        targets_of as targets_of,
    )
    from school_improvement._planning.cycle import (
        Cycle as Cycle,
        run_cycle as run_cycle,
    )
    from school_improvement._planning.discussion import (
        AspectView as AspectView,
        DiscussionRecord as DiscussionRecord,
        Participant as Participant,
        StrengthOffer as StrengthOffer,
        SupportItem as SupportItem,
        SupportSource as SupportSource,
        SupportStatus as SupportStatus,
        ViewDifference as ViewDifference,
        discussion_problems as discussion_problems,
        view_differences as view_differences,
    )
    from school_improvement._planning.gaps import (
        AspectGap as AspectGap,
        GapAnalysis as GapAnalysis,
        GapStatus as GapStatus,
        Target as Target,
        default_targets as default_targets,
        find_gaps as find_gaps,
    )
    from school_improvement._planning.next_steps import (
        EvidenceToGather as EvidenceToGather,
        NextStep as NextStep,
        Reason as Reason,
        Recommendation as Recommendation,
        RecommendedPriority as RecommendedPriority,
        Weighting as Weighting,
        recommend as recommend,
    )
    from school_improvement._planning.plan import (
        ActionState as ActionState,
        ActionStatus as ActionStatus,
        CriterionState as CriterionState,
        CriterionStatus as CriterionStatus,
        DevelopmentPlan as DevelopmentPlan,
        Milestone as Milestone,
        PlanAction as PlanAction,
        PlanPriority as PlanPriority,
        ProgressUpdate as ProgressUpdate,
        ReviewRecord as ReviewRecord,
        SuccessCriterion as SuccessCriterion,
        TargetStanding as TargetStanding,
        TargetState as TargetState,
        draft_plan as draft_plan,
        plan_problems as plan_problems,
    )
    from school_improvement._planning.review import (
        ActionReview as ActionReview,
        ActionStanding as ActionStanding,
        Change as Change,
        CriterionReview as CriterionReview,
        PlanReview as PlanReview,
        TargetReview as TargetReview,
        record_review as record_review,
        review_plan as review_plan,
    )
    from school_improvement._render.overview import (
        overview as overview,
    )
    from school_improvement._stage import (
        Stage as Stage,
    )
    from school_improvement._text import (
        Language as Language,
        LocalisedText as LocalisedText,
        Text as Text,
        Welsh as Welsh,
        WelshProvenance as WelshProvenance,
    )
else:

    def __getattr__(name: str) -> object:
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

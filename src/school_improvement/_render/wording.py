"""The words every report uses: stage names in the report's language, what a judgement found, the cautions."""

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType

import attrs

from school_improvement._assessment.assess import JudgementStatus, RuleDescription, StageProfile
from school_improvement._assessment.quality import UNEVIDENCED_ASPECTS, Finding
from school_improvement._authority.matching import Collaboration, UnmatchedReason, UnusedOfferReason
from school_improvement._authority.rollup import Rollup, SystemPriorityRule
from school_improvement._authority.survey import DecisionBasis, SelfEvaluationAge
from school_improvement._content.framework import Framework, NationalPriority
from school_improvement._planning.choices import PriorityNotice
from school_improvement._planning.discussion import SupportSource, SupportStatus
from school_improvement._planning.next_steps import Recommendation
from school_improvement._planning.plan import ActionStatus, CriterionStatus, TargetStanding
from school_improvement._planning.review import ActionReview, ActionStanding, Change
from school_improvement._render.document import InWelsh
from school_improvement._stage import Stage
from school_improvement._text import Language, Welsh, WelshProvenance


@attrs.frozen
class Wording:
    """The words a report uses: Welsh where a Welsh source gives it, English otherwise.

    Attributes:
        framework: The framework edition.
        language: ``"en"`` or ``"cy"``.
    """

    framework: Framework
    language: Language = "en"

    def stage(self, stage: Stage | None) -> str:
        """A stage's name in the report's language, or "no stage yet"."""
        if stage is None:
            return "no stage yet"  # no Welsh source gives this phrase
        return self.framework.stage_name(stage).in_language(self.language).text

    def stage_said(self, stage: Stage | None) -> str | InWelsh:
        """A stage's name, or "no stage yet", marked as Welsh when it is in Welsh (for HTML's ``lang``)."""
        if stage is None:
            return self.stage(stage)
        shown = self.framework.stage_name(stage).in_language(self.language)
        return InWelsh(shown.text) if shown.language == "cy" else shown.text

    def judged(self, status: JudgementStatus, stage: Stage | None) -> str:
        """What a judgement found: the stage's name, "no stage yet", "not enough evidence" or "not applicable"."""
        if status is JudgementStatus.NOT_ENOUGH_EVIDENCE:
            return "not enough evidence"
        if status is JudgementStatus.NOT_APPLICABLE:
            return "not applicable"
        return self.stage(stage)

    def not_enough_evidence(self, profile: StageProfile) -> str | None:
        """The aspects without enough evidence to judge, in words; ``None`` when every aspect has enough."""
        lacking = [j for j in profile.judgements if j.status is JudgementStatus.NOT_ENOUGH_EVIDENCE]
        if not lacking:
            return None
        titles = "; ".join(self.framework.aspect(j.aspect).title.en for j in lacking)  # a title may hold a comma
        return (
            f"{len(lacking)} of the {len(profile.judgements)} aspects cannot be judged yet, for want of evidence: "
            f"{titles}. Gathering it is the first next step there."
        )

    @staticmethod
    def findings(findings: tuple[Finding, ...], lacking: str | None) -> tuple[Finding, ...]:
        """The findings a report lists: the aspects with no evidence are said once, with those lacking enough."""
        if lacking is None:
            return findings
        return tuple(finding for finding in findings if finding.check != UNEVIDENCED_ASPECTS)

    @staticmethod
    def rule(rule: RuleDescription) -> str:
        """How the stages were judged, saying once when the rule is for comparison only."""
        said = f"judged by the {rule.name} rule ({rule.criterion})"
        if rule.comparison_only:
            said += (
                "; this rule is for comparison only: it shows how far the best work reaches, not the stage reached, "
                "so plan from a rule to judge by"
            )
        return said

    @staticmethod
    def ages(
        ages: tuple[SelfEvaluationAge, ...],
        as_of: datetime.date | None,
        max_age_days: int,
        named: Callable[[str], str] = str,
    ) -> str:
        """Each school's self-evaluation date, and which are too old to rely on, at the survey's date.

        Args:
            ages: Each school's self-evaluation date and age.
            as_of: The survey's date; nothing is said without it.
            max_age_days: How old a self-evaluation may be before it is flagged.
            named: A school's name from its reference (by default the reference itself).
        """
        if as_of is None or not ages:
            return ""
        old = [age for age in ages if age.old]
        dates = sorted({age.date for age in ages})
        span = f"{dates[0]}" if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"
        said = f"Self-evaluations dated {span}, aged at {as_of}."
        if old:
            verb = "is" if len(old) == 1 else "are"
            listed = ", ".join(f"{named(age.school)} ({age.date})" for age in old)
            said += (
                f" {len(old)} of {len(ages)} {verb} more than {max_age_days} days old and {verb} flagged: "
                f"they offer no strengths to match, and their stages may have moved ({listed})."
            )
        else:
            said += f" None is more than {max_age_days} days old."
        return said

    def national_priority(self, code: str, *, start: bool = False) -> str | InWelsh:
        """A national priority's name, not its code: in Welsh only where a Welsh source gives it.

        The content's Welsh for a national priority may be the project's own
        translation; a report shows that in English, as it shows nothing in
        Welsh that no source gives. With ``start``, the name begins with a
        capital, as a value standing on its own does (``Wellbeing``).

        Raises:
            UnknownCodeError: If the edition has no national priority with the code.
        """
        priority = self.framework.priority(code)
        welsh = _official_welsh(priority) if self.language == "cy" else None
        name = priority.name.en if welsh is None else welsh.text
        shown = name[:1].upper() + name[1:] if start else name
        return shown if welsh is None else InWelsh(shown)

    @property
    def note(self) -> str | None:
        """What the report shows in Welsh, and what falls back to English; nothing for an English report."""
        if self.language != "cy":
            return None
        named = "the names of the stages, from Estyn"
        if any(_official_welsh(priority) for priority in self.framework.national_priorities):
            named += ", and of the national priorities where a source gives them"
        return (
            f"Welsh is shown where a Welsh source gives it: {named}. Everything else is in English, as no Welsh "
            "source gives it."
        )

    @property
    def welsh_sources(self) -> tuple[str, ...]:
        """The attribution of each source the report's Welsh comes from; nothing for an English report."""
        if self.language != "cy":
            return ()
        keys = []
        for stage in Stage:
            welsh = self.framework.stage_name(stage).cy
            if welsh is not None and welsh.source is not None:
                keys.append(welsh.source)
        for priority in self.framework.national_priorities:
            official = _official_welsh(priority)
            if official is not None and official.source is not None:
                keys.append(official.source)
        return tuple(dict.fromkeys(self.framework.provenance.document(key).attribution for key in keys))

    def aspects(self, codes: tuple[str, ...]) -> str:
        """The titles of these aspects, in English (no Welsh source gives them), separated by semicolons."""
        return "; ".join(self.framework.aspect(code).title.en for code in codes)


def _official_welsh(priority: NationalPriority) -> Welsh | None:
    """A national priority's Welsh name when a source gives it; ``None`` for none, or the project's translation."""
    welsh = priority.name.cy
    if welsh is None or welsh.provenance is not WelshProvenance.OFFICIAL or welsh.source is None:
        return None
    return welsh


def joined(fields: Iterable[str]) -> str:
    """Fields joined by semicolons, each before a semicolon without its closing full stop (no ``.;``).

    One full stop is taken off a field, and only one, and not from an
    ellipsis; the last field keeps its own, as it ends the line.

    Examples:
        >>> joined(["Why: the head asked for this to lead.", "National priority: none named"])
        'Why: the head asked for this to lead; National priority: none named'
        >>> joined(["Why: and so on...", "Note: kept."])
        'Why: and so on...; Note: kept.'
    """
    listed = list(fields)
    cut = [field[:-1] if field.endswith(".") and not field.endswith("..") else field for field in listed[:-1]]
    return "; ".join(cut + listed[-1:])


NOTICED = "What we notice about the chosen priorities"
"""The heading of what the library notices about a school's chosen priorities."""

NOTICED_NOT_CHANGED = (
    "The library noticed these about the priorities the school chose. They are noticed, not changed: the choice "
    "stands as the school made it."
)
"""What a list of notices says first: the choice stands."""

NOTICED_ACROSS = (
    "The library noticed these about the priorities the schools chose or agreed. They are noticed, not changed: "
    "each school's choice stands as it made it."
)
"""What the notices listed across schools say first: every choice stands."""


def notice_words(notice: PriorityNotice) -> str:
    """What was noticed, in words, led by the chosen priority it is about (``Priority 2: ...``), if one."""
    found = re.match(r"\$\[(\d+)\]", notice.path)
    return notice.message if found is None else f"Priority {int(found.group(1)) + 1}: {notice.message}"


def also_open(advice: Recommendation) -> str:
    """The aspects with open gaps that are not priorities, and why: the school's choice, or to keep them few."""
    listed = ", ".join(advice.not_chosen)
    if advice.chosen_by_school:
        return f"Also open, not among the school's priorities: {listed}."
    return f"Also open, left out to keep the priorities few: {listed}."


SCHOOL_CAUTION = (
    "The stages are developmental, not grades, and there is no overall grade. Nothing here is a judgement "
    "by Estyn or Welsh Government."
)
"""The caution every school report opens with."""

ROLLUP_CAUTION = (
    "The roll-up counts schools at each stage, from their own self-evaluations: the stages are developmental, not "
    "grades, the counts are not a ranking, and there is no overall grade."
)
"""What a roll-up is not."""

MATCH_CAUTION = (
    "The partnerships are suggestions for a professional conversation between the schools and the local authority, "
    "not a judgement of any school and not a ranking of schools: they rest on the schools' own self-evaluations and "
    "priorities, and the schools decide whether to work together."
)
"""What the suggested partnerships are, and are not."""

NOT_OFFICIAL = "Nothing here is a judgement by Estyn or Welsh Government."
"""What every report across schools ends its caution with: it claims no official status."""


def authority_caution(rollup: Rollup | None, collaboration: Collaboration | None) -> str:
    """The caution that fits a report across schools: the roll-up's, the partnerships', or both, and never official.

    Examples:
        >>> authority_caution(None, None)
        'Nothing here is a judgement by Estyn or Welsh Government.'
    """
    parts = [ROLLUP_CAUTION] if rollup is not None else []
    parts += [MATCH_CAUTION] if collaboration is not None else []
    return " ".join([*parts, NOT_OFFICIAL])


def authority_title(rollup: Rollup | None, collaboration: Collaboration | None) -> str:
    """The title of a local authority report: what it holds."""
    if rollup is not None and collaboration is not None:
        return "Across the schools: roll-up and collaboration"
    return "Across the schools: roll-up" if rollup is not None else "Across the schools: collaboration"


DISCUSSION_CAUTION = (
    "This records a professional discussion between the school and its local authority. Where they see an "
    "aspect's stage differently, both views are shown and neither replaces the other. The stages are "
    "developmental, not grades, and there is no overall grade. Nothing here is a judgement by Estyn or Welsh "
    "Government."
)
"""The caution a discussion record opens with."""

SUMMARY_CAUTION = (
    "The stages named here are steps on a developmental journey, not grades, and there is no overall grade. "
    "This is the school's own plan: nothing here is a judgement by Estyn or Welsh Government, and the library "
    "that produced this summary is not endorsed by either."
)
"""The caution a plan summary for parents and governors opens with."""

TO_DECIDE = "to decide"
"""What a plan shows where the school has not yet decided (an owner, a date, a lead)."""

TARGET_STANDINGS: Mapping[TargetStanding, str] = MappingProxyType(
    {
        TargetStanding.REACHED: "reached",
        TargetStanding.ON_TRACK: "on track",
        TargetStanding.BEHIND: "behind",
        TargetStanding.NOT_ENOUGH_EVIDENCE: "not enough evidence to tell",
        TargetStanding.NOT_APPLICABLE: "does not apply to the school",
        TargetStanding.NO_SELF_EVALUATION: "not yet measured against a self-evaluation",
    }
)
"""Where a target stands, in words."""

SUPPORT_SOURCES: Mapping[SupportSource, str] = MappingProxyType(
    {
        SupportSource.LOCAL_AUTHORITY: "The local authority",
        SupportSource.ANOTHER_SCHOOL: "Another school",
        SupportSource.CLUSTER: "The cluster or local improvement community",
        SupportSource.NATIONAL_PROFESSIONAL_LEARNING: "National professional learning",
        SupportSource.NATIONAL_SUPPORT_PROGRAMME: "A national support programme",
        SupportSource.OTHER: "Other support",
    }
)
"""Where support comes from, in words, in the order the reports group it."""

DEFAULTS = "the library's recommendation to the next stage in each aspect"
"""What the defaults are, in words: where a school's priorities come from when it set none of its own."""

BASES: Mapping[DecisionBasis, str] = MappingProxyType(
    {
        DecisionBasis.AGREED: "agreed in a professional discussion",
        DecisionBasis.PLAN: "from its development plan",
        DecisionBasis.DEFAULTS: "the defaults",
    }
)
"""Where a school's priorities come from, in words."""

SYSTEM_PRIORITY_RULES: Mapping[SystemPriorityRule, str] = MappingProxyType(
    {
        SystemPriorityRule.EARLY_STAGES: "most judged schools at the early stages",
        SystemPriorityRule.CHOSEN: "chosen by most schools setting their own priorities",
    }
)
"""What made an aspect a system-level priority, in words."""

UNUSED_OFFER_REASONS: Mapping[UnusedOfferReason, str] = MappingProxyType(
    {
        UnusedOfferReason.NO_CAPACITY: "no capacity: the local authority set it at 0",
        UnusedOfferReason.NOT_APPLICABLE: "the aspect does not apply to the school",
        UnusedOfferReason.NOT_ENOUGH_EVIDENCE: "not enough evidence to judge a stage",
        UnusedOfferReason.BELOW_STRENGTH: "before the stage that counts as a strength",
        UnusedOfferReason.EVIDENCE_WARNING: "the evidence checks warn about it",
    }
)
"""Why an offered strength is not used in the matching, in words."""

UNMATCHED_REASONS: Mapping[UnmatchedReason, str] = MappingProxyType(
    {
        UnmatchedReason.NO_PRIORITIES: "No priority to match",
        UnmatchedReason.NO_CANDIDATE: "No school with a strength in its priorities",
        UnmatchedReason.OUTWEIGHED: "A strength only in schools too unlike it",
        UnmatchedReason.CAPACITY: "The schools that could support it are supporting others",
    }
)
"""Why a school has no partner, in words, in the order the collaboration report groups them."""

PENALTIES: Mapping[str, str] = MappingProxyType(
    {
        "same-local-authority": "in another local authority",
        "same-cluster": "in another cluster",
        "same-phase": "of another phase",
        "same-medium": "of another language medium",
    }
)
"""What each soft requirement a partnership breaches says of the two schools, by the requirement's name."""

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def status_words(status: ActionStatus | CriterionStatus | SupportStatus) -> str:
    """A status the school records, in words: ``in progress``, ``partially met``, ``not agreed``."""
    return str(status.value).replace("-", " ")


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def standing_words(action: ActionReview) -> str:
    """Where an action stands at a review, in words: ``overdue by 3 days``, ``due today``, ``done``."""
    if action.standing is ActionStanding.OVERDUE and action.days is not None:
        return f"overdue by {_days(action.days)}"
    if action.standing is ActionStanding.DUE and action.days is not None:
        return "due today" if action.days == 0 else f"due in {_days(-action.days)}"
    return action.standing.value.replace("-", " ")


def change_words(change: Change) -> str:
    """Something that changed since the last review, in words, each status said as the reports say it."""

    def said(value: str) -> str:
        if change.item == "target":
            return TARGET_STANDINGS[TargetStanding(value)]
        return value.replace("-", " ")

    kind = {"action": "Action", "criterion": "Success criterion", "target": "Target"}[change.item]
    if change.before is None and change.item == "target":
        return f"{kind} {change.id}: not reviewed before, now {said(change.after)}."
    if change.before is None:
        return f"{kind} {change.id}: added since the last review ({said(change.after)})."
    return f"{kind} {change.id}: {said(change.before)} at the last review, now {said(change.after)}."


def long_date(day: datetime.date) -> str:
    """A date as people write it: ``1 September 2026``.

    Examples:
        >>> long_date(datetime.date(2026, 9, 1))
        '1 September 2026'
    """
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def pounds(cost: int) -> str:
    """A cost in whole pounds: ``£1,250``."""
    return f"£{cost:,}"

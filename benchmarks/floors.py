"""The lean floors the benchmarks compare the library with, and the plain form both are compared in.

A floor is what the work costs written as plain Python, as directly as it can
be: the same self-evaluation objects in, the same results out (as plain
tuples, strings and numbers), with nothing the results do not need. It does
the work the library does for one school through the improvement cycle with
its defaults (the cumulative rule at "mostly", two rated descriptors and two
kinds of evidence, evidence aged at the self-evaluation's own date against 365
days, the default targets, the default weighting, three priorities of three
steps):

- check the self-evaluation against the framework (the edition, every code
  known and rated once, no evidence dated after it, professional judgements of
  known aspects once each), then index its ratings by code, once;
- for each aspect, read each cell once: the figures at each stage, the kinds
  of evidence, the rated count, what the stage rule sees;
- judge the stage and write the rationale, word for word;
- check the evidence and write each finding, word for word, in the library's order;
- find each gap to the default target and write its explanation, in order of attention;
- score every open gap (which needs every unmet descriptor's tags), rank them,
  and build the next steps only for the priorities returned.

What the floor reads from the framework (titles, stage names, layouts, tags,
factors) it reads once per framework, as the library may cache its framework
tables. ``plain_*`` turn the library's results into the same plain form, every
field of them, so the benchmark can check that the floor and the library give
the same results before it times either.
"""

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from school_improvement import (
    EvidenceKind,
    Finding,
    Framework,
    GapAnalysis,
    Rating,
    Recommendation,
    SelfEvaluation,
    StageProfile,
    assess,
    check_evidence,
    check_self_evaluation,
    find_gaps,
    recommend,
)

_MET = 2  # the cumulative rule's threshold, "mostly", as a level: the default rule's, which the floor implements
_MAX_AGE = datetime.timedelta(days=365)
_KIND_ORDER = tuple(EvidenceKind)
_FOUNDATION = {1: 1.0, 2: 0.75, 3: 0.5, 4: 0.25}
_CRITERION = "every applicable descriptor rated at least 'mostly' at that stage and at every stage below it"
_NOT_IN_PLACE = (None, Rating.NOT_YET, Rating.PARTLY)
LEVELS = {rating: rating.level for rating in Rating}  # the scale, read once


class FloorError(ValueError):
    """The self-evaluation does not fit the framework: what the library raises on, the floor raises on too."""


def _listed(items: list[str], limit: int) -> str:
    return ", ".join(items[:limit]) + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _words(rating: Rating | None) -> str:
    return "not rated" if rating is None else f"rated '{rating.value}'"


class Floor:
    """The floor for one framework: its tables read once, then one pass per school."""

    def __init__(self, framework: Framework) -> None:
        """Read what the floor needs from the framework, once."""
        self.edition = framework.edition_id
        self.known = framework.descriptor_codes
        self.aspect_codes = frozenset(aspect.code for aspect in framework.aspects)
        stage_names = {}
        self.aspects = []
        for place, aspect in enumerate(framework.aspects):
            cells = []
            for stage, codes in framework.layout(aspect.code):
                stage_names[stage.position] = framework.stage_name(stage).en
                cells.append((stage.position, codes))
            self.aspects.append((place, aspect.code, aspect.title.en, tuple(cells)))
        self.stage_names = stage_names
        self.kind_labels = {kind: kind.label for kind in _KIND_ORDER}
        self.kinds_text: dict[frozenset[EvidenceKind], tuple[tuple[str, ...], str]] = {}
        priorities = framework.national_priorities
        self.priority_order = [p.code for p in priorities]
        self.priority_names = {p.code: p.name.en for p in priorities}
        self.supporting = {p.code: p.supporting for p in priorities}
        self.descriptors = {}
        for descriptor in framework.descriptors:
            named = {t.priority for t in framework.tags_for(descriptor.code) if not t.editorial}
            tags = tuple(code for code in self.priority_order if code in named)
            weight = sum(0.5 if self.supporting[code] else 1.0 for code in tags)
            self.descriptors[descriptor.code] = (
                descriptor.stage.position,
                descriptor.full_text,
                descriptor.kind.value,
                tags,
                weight,
            )
        self.characteristics = {
            aspect.code: tuple(c.code for c in framework.characteristics_for(aspect.code))
            for aspect in framework.aspects
        }
        self.factors = {
            aspect.code: tuple(f.number for f in framework.factors_for(aspect.code)) for aspect in framework.aspects
        }

    def _kinds(self, kinds: frozenset[EvidenceKind]) -> tuple[tuple[str, ...], str]:
        """The kinds in the scale's order, and in words; kept, as schools share a few combinations."""
        found = self.kinds_text.get(kinds)
        if found is None:
            ordered = [kind for kind in _KIND_ORDER if kind in kinds]
            text = ", ".join(self.kind_labels[kind] for kind in ordered) or "no evidence"
            found = self.kinds_text[kinds] = (tuple(kind.value for kind in ordered), text)
        return found

    def _check(self, evaluation: SelfEvaluation) -> dict[str, Any]:
        """The ratings by code, once the self-evaluation is found to fit the framework."""
        problems = []
        if evaluation.framework_edition != self.edition:
            problems.append("$.framework_edition")
        by_code: dict[str, Any] = {}
        date = evaluation.date
        known = self.known
        for place, rating in enumerate(evaluation.ratings):
            code = rating.descriptor
            if code not in known or code in by_code:
                problems.append(f"$.ratings[{place}].descriptor")
            else:
                by_code[code] = rating
            for n, item in enumerate(rating.evidence):
                if item.date > date:
                    problems.append(f"$.ratings[{place}].evidence[{n}].date")
        judged: set[str] = set()
        for place, judgement in enumerate(evaluation.judgements):
            if judgement.aspect not in self.aspect_codes or judgement.aspect in judged:
                problems.append(f"$.judgements[{place}].aspect")
            judged.add(judgement.aspect)
        if problems:
            raise FloorError(problems)
        return by_code

    def _aspect(
        self,
        aspect: str,
        title: str,
        cells: tuple[Any, ...],
        by_code: dict[str, Any],
        as_of: datetime.date | None = None,
    ) -> tuple[Any, ...]:
        """One aspect read once and judged: the figures, what the rule sees, and the judgement.

        Given ``as_of`` (the cycle), the same pass checks each rating's evidence and that no descriptor is
        rated "fully" above earlier ones not in place, as ``check_evidence`` does, in the library's order.
        """
        not_applicable, fully = Rating.NOT_APPLICABLE, Rating.FULLY
        checking = as_of is not None
        oldest_allowed = as_of - _MAX_AGE if checking else None
        seen = []  # (position, [(code, effective rating)]) per cell: what the stage rule sees
        coverage = []
        kinds: set[EvidenceKind] = set()
        na_codes = []
        rating_findings: list[tuple[Any, ...]] = []
        consistency: list[tuple[Any, ...]] = []
        not_in_place: list[str] = []
        rated = descriptors = 0
        for position, codes in cells:
            pairs = []
            counts = [0, 0, 0, 0]
            na = not_rated = 0
            here_not_in_place = []
            for code in codes:
                given = by_code.get(code)
                rating = None if given is None else given.rating
                if checking:
                    if rating is fully and not_in_place:
                        message = (
                            f"{code} is rated 'fully' while earlier-stage descriptors are not yet in "
                            f"place ({_listed(not_in_place, 3)}); check the ratings agree."
                        )
                        consistency.append(("later-above-earlier", "warning", message, aspect, code))
                    if rating in _NOT_IN_PLACE:
                        here_not_in_place.append(code)
                if rating is not_applicable:
                    na += 1
                    na_codes.append(code)
                elif given is None:
                    not_rated += 1
                elif not given.evidence:
                    if checking:
                        message = f"{code} is rated '{rating.value}' with no evidence; it counts as not rated."
                        rating_findings.append(("no-evidence", "warning", message, aspect, code))
                    rating = None
                    not_rated += 1
                else:
                    counts[LEVELS[rating]] += 1
                    rated += 1
                    stale = []
                    for item in given.evidence:
                        kinds.add(item.kind)
                        if checking and item.date < oldest_allowed:
                            stale.append(item.date)
                    if stale:
                        message = (
                            f"{code}: {len(stale)} of {len(given.evidence)} pieces of evidence are more than "
                            f"365 days old at {as_of} (the oldest from {min(stale)})."
                        )
                        rating_findings.append(("stale-evidence", "info", message, aspect, code))
                pairs.append((code, rating))
            not_in_place += here_not_in_place
            descriptors += len(codes)
            seen.append((position, pairs))
            coverage.append((position, len(codes), na, not_rated, *counts))
        frozen = frozenset(kinds)
        kind_values, kinds_text = self._kinds(frozen)
        all_na = len(na_codes) == descriptors
        if all_na:
            rationale = f"{title}: not applicable to this school (every descriptor is marked not applicable)."
            judgement = ("not-applicable", None, (), rationale, None, ())
        else:
            reasons = []
            if rated < 2:
                reasons.append(f"{rated} of the 2 rated descriptors needed")
            if len(frozen) < 2:
                reasons.append(f"{len(frozen)} of the 2 kinds of evidence needed")
            if reasons:
                shortfall = "; ".join(reasons)
                rationale = f"{title}: not enough evidence to judge a stage ({shortfall}). It rests on {kinds_text}."
                judgement = ("not-enough-evidence", None, (), rationale, shortfall, ())
            else:
                reached = 0
                decisive: list[tuple[str, Rating | None]] = []
                held = 0
                for position, pairs in seen:
                    applicable = False
                    for code, rating in pairs:
                        if rating is not_applicable:
                            continue
                        applicable = True
                        if rating is None or LEVELS[rating] < _MET:
                            decisive.append((code, rating))
                    if not applicable:
                        continue
                    if decisive:
                        held = position
                        break
                    reached = position
                opening = f"{self.stage_names[reached]} reached" if reached else "no stage reached yet"
                rationale = f"{title}: {opening}, under the cumulative rule ({_CRITERION})."
                unrated = tuple(code for code, rating in decisive if rating is None)
                if decisive:
                    shown = [f"{code} {_words(rating)}" for code, rating in decisive]
                    rationale += f" Holding back {self.stage_names[held]}: {_listed(shown, 5)}."
                    if len(unrated) == len(decisive):
                        rationale += (
                            " No one has rated these yet: rate them, with evidence, before relying on this stage."
                        )
                # The library also lists descriptors at or below the stage reached that are not met, which a rule
                # like best fit can pass over; under the cumulative rule every one of them is met, so there are none.
                rationale += f" It rests on {rated} rated descriptors and {kinds_text}."
                status = "reached" if reached else "no-stage-yet"
                judgement = (status, reached or None, tuple(code for code, _ in decisive), rationale, None, unrated)
        figures = (seen, tuple(coverage), kind_values, frozen, rated, tuple(na_codes), all_na)
        return (*figures, judgement, rating_findings + consistency)

    def assess(self, evaluation: SelfEvaluation) -> tuple[Any, ...]:
        """What ``assess`` gives, as plain data."""
        by_code = self._check(evaluation)
        own = {judgement.aspect: judgement for judgement in evaluation.judgements}
        judgements = []
        for _, code, title, cells in self.aspects:
            _, coverage, kind_values, _, _, _, _, judged, _ = self._aspect(code, title, cells, by_code)
            status, stage, decisive, rationale, shortfall, unrated = judged
            judgements.append(
                (code, status, stage, decisive, coverage, kind_values, rationale, shortfall, own.get(code), unrated)
            )
        return (evaluation.school, evaluation.date, tuple(judgements))

    def cycle(self, evaluation: SelfEvaluation) -> tuple[Any, ...]:
        """What the cycle's four steps give (profile, findings, gaps, recommendation), as plain data, in one pass."""
        by_code = self._check(evaluation)
        own = {judgement.aspect: judgement for judgement in evaluation.judgements}
        as_of = evaluation.date
        not_applicable = Rating.NOT_APPLICABLE
        names = self.stage_names
        judgements = []
        aspect_findings = []
        open_gaps = []
        # The gaps other than open ones, by the library's order: not enough evidence (which needs a target, and the
        # default targets set none without evidence), no target, reached, not applicable; each in source order.
        other_gaps: list[list[Any]] = [[], [], [], []]
        all_na_codes: list[str] = []
        unevidenced = []
        warned_aspects = set()
        warned_descriptors = set()
        for place, code, title, cells in self.aspects:
            seen, coverage, kind_values, kinds, rated, na_codes, all_na, judged, checked = self._aspect(
                code, title, cells, by_code, as_of
            )
            status, stage, decisive, rationale, shortfall, unrated = judged
            judgements.append(
                (code, status, stage, decisive, coverage, kind_values, rationale, shortfall, own.get(code), unrated)
            )
            all_na_codes += na_codes
            if not rated and not all_na:
                unevidenced.append(code)
            # The evidence checks on this aspect, in the library's order: unrated, one kind, each rating, consistency.
            found = []
            rated_positions = [position for position, pairs in seen if any(r is not None for _, r in pairs)]
            if rated_positions:
                highest = max(rated_positions)
                missing = [c for position, pairs in seen if position <= highest for c, r in pairs if r is None]
                if missing:
                    one = len(missing) == 1
                    message = (
                        f"{title}: {len(missing)} {'descriptor' if one else 'descriptors'} at or below "
                        f"{names[highest]} {'is' if one else 'are'} not rated with "
                        f"evidence ({_listed(missing, 5)}); a stage past them waits on their rating, not on evidence "
                        "that they are unmet."
                    )
                    found.append(("unrated", "info", message, code, None))
            if len(kinds) == 1:
                (kind,) = kinds
                if kind is EvidenceKind.DATA:
                    message = f"{title}: every rating rests on data alone; add first-hand evidence."
                    found.append(("data-only", "warning", message, code, None))
                else:
                    message = f"{title}: every rating rests on one kind of evidence ({kind.label}); triangulate."
                    found.append(("single-source", "warning", message, code, None))
            found += checked
            for finding in found:
                if finding[1] == "warning":
                    warned_aspects.add(code)
                    if finding[4] is not None:
                        warned_descriptors.add(finding[4])
            aspect_findings += found
            # The gap to the default target: the stage after the one judged.
            if status == "not-applicable":
                explanation = (
                    f"{title}: does not apply to this school (every descriptor is marked not applicable); "
                    "nothing to aim for."
                )
                other_gaps[3].append(
                    (code, "not-applicable", None, None, None, (), 0, 0, 1.0, None, explanation, (), None)
                )
                continue
            if status == "not-enough-evidence":
                explanation = (
                    f"{title}: not enough evidence to place the aspect ({shortfall}); "
                    "gather evidence, then set a target."
                )
                gap = (code, "no-target", None, None, None, (), 0, 0, None, None, explanation, (), shortfall)
                other_gaps[1].append(gap)
                continue
            position = stage or 0
            target = min(position + 1, 4)
            unmet = []
            missing = []
            first_unmet = []
            lowest = met = applicable = 0
            for cell_position, pairs in seen:
                if cell_position > target:
                    break
                for descriptor, rating in pairs:
                    if rating is not_applicable:
                        continue
                    applicable += 1
                    if rating is not None and LEVELS[rating] >= _MET:
                        met += 1
                        continue
                    unmet.append(descriptor)
                    if rating is None:
                        missing.append(descriptor)
                    lowest = lowest or cell_position
                    if cell_position == lowest:
                        first_unmet.append(descriptor)
            progress = met / applicable if applicable else 1.0
            current = names[position] if position else "no stage yet"
            aim = names[target]
            share = f"{met} of {applicable} applicable descriptors up to {aim} are met"
            count = len(missing)
            not_yet_rated = (
                f" Of these, {count} {'is' if count == 1 else 'are'} not rated yet: {_listed(missing, 5)}."
                if count
                else ""
            )
            if position >= target or not unmet:
                if unmet:
                    explanation = (
                        f"{title}: the target, {aim}, is reached by the cumulative rule (now {current}), though not "
                        f"every descriptor up to it is met: {share}; not met: {_listed(unmet, 5)}.{not_yet_rated}"
                    )
                else:
                    explanation = f"{title}: the target, {aim}, is reached (now {current})."
                gap = (code, "reached", stage, target, 0, tuple(unmet), met, applicable, progress, None, explanation)
                other_gaps[2].append((*gap, tuple(missing), None))
                continue
            distance = target - position
            explanation = (
                f"{title}: {current} now, aiming for {aim} ({distance} {'stage' if distance == 1 else 'stages'} on). "
                f"{share}; the first unmet are at {names[lowest]}: {', '.join(first_unmet)}.{not_yet_rated}"
            )
            gap = (code, "open", stage, target, distance, tuple(unmet), met, applicable, progress, None, explanation)
            open_gaps.append(((lowest, -distance, progress, place), (*gap, tuple(missing), None)))
        # The findings on the whole self-evaluation come first (it is its own date, so never stale itself).
        findings = []
        if evaluation.ratings and not any(
            item.kind is EvidenceKind.LEARNER_VOICE for rating in evaluation.ratings for item in rating.evidence
        ):
            message = "No rating rests on learner voice; the self-evaluation should hear from learners."
            findings.append(("no-learner-voice", "warning", message, None, None))
        if unevidenced:
            message = (
                f"No rating rests on evidence in {len(unevidenced)} of the {len(self.aspects)} aspects "
                f"({', '.join(unevidenced)}): gather evidence there before their stages can be judged."
            )
            findings.append(("unevidenced-aspects", "info", message, None, None))
        findings += aspect_findings
        open_gaps.sort(key=lambda entry: entry[0])
        gaps = tuple(gap for _, gap in open_gaps) + tuple(gap for group in other_gaps for gap in group)
        profile = (evaluation.school, evaluation.date, tuple(judgements))
        gap_analysis = (evaluation.school, evaluation.date, tuple(all_na_codes), gaps)
        advice = self._recommend(gaps, len(open_gaps), warned_aspects, warned_descriptors)
        return profile, tuple(findings), gap_analysis, advice

    def _recommend(
        self, gaps: tuple[Any, ...], open_count: int, warned_aspects: set[str], warned_descriptors: set[str]
    ) -> tuple[Any, ...]:
        """Score every open gap, keep three, and build the next steps of those kept only."""
        ranked = []
        place = {code: n for n, code, _, _ in self.aspects}
        descriptors = self.descriptors
        for gap in gaps[:open_count]:
            aspect, unmet = gap[0], gap[5]
            named: set[str] = set()
            for code in unmet:
                named.update(descriptors[code][3])
            lowest = descriptors[unmet[0]][0]
            parts = [("gap", 1.0), ("foundation", _FOUNDATION[lowest])]
            reasons = [("gap", gap[10])]
            main = [code for code in self.priority_order if code in named and not self.supporting[code]]
            supporting = [code for code in self.priority_order if code in named and self.supporting[code]]
            if main or supporting:
                parts.append(("national_priority", 1.0 * len(main) + 0.5 * len(supporting)))
                listed = ", ".join(self.priority_names[code] for code in main + supporting)
                reasons.append(
                    ("national-priority", f"the descriptors still to meet name the national priorities: {listed}")
                )
            if aspect in warned_aspects:
                parts.append(("evidence", 0.5))
                reasons.append(
                    ("evidence", "the evidence checks raised a warning about it; strengthen the evidence too")
                )
            score = sum(value for _, value in parts)
            ranked.append((-score, place[aspect], gap, tuple(parts), tuple(reasons), score))
        ranked.sort(key=lambda entry: entry[:2])
        priorities = []
        for rank, (_, _, gap, parts, reasons, score) in enumerate(ranked[:3], start=1):
            aspect, current, target, unmet = gap[0], gap[2], gap[3], gap[5]
            order = []
            for n, code in enumerate(unmet):
                stage, _, _, _, weight = descriptors[code]
                if code in warned_descriptors:
                    weight += 0.5
                order.append((stage, -weight, n, code))
            order.sort()
            first_stage = descriptors[unmet[0]][0]
            characteristics = self.characteristics[aspect]
            steps = []
            for stage, _, _, code in order[:3]:
                _, text, kind, tags, _ = descriptors[code]
                why = [("gap", f"not yet met on the way to {self.stage_names[target]}")]
                if stage == first_stage:
                    why.append(("foundation", f"part of the earliest unmet stage, {self.stage_names[stage]}"))
                if tags:
                    listed = ", ".join(self.priority_names[tag] for tag in tags)
                    why.append(("national-priority", f"names the national priorities: {listed}"))
                if code in warned_descriptors:
                    why.append(("evidence", "the evidence behind its rating needs strengthening"))
                steps.append((code, stage, text, kind, tuple(why), tags, characteristics))
            priorities.append(
                (rank, aspect, current, target, None, score, parts, reasons, tuple(steps), self.factors[aspect], None)
            )
        not_chosen = tuple(entry[2][0] for entry in ranked[3:])
        gather = tuple(
            (gap[0], gap[12], (("evidence", f"not enough evidence to judge a stage: {gap[12]}"),))
            for gap in sorted(gaps, key=lambda gap: place[gap[0]])
            if gap[12] is not None
        )
        return tuple(priorities), not_chosen, gather


def library_cycle(framework: Framework, evaluation: SelfEvaluation) -> tuple[Any, ...]:
    """The cycle's four steps as ``run_cycle`` takes them: checked once, then assessed, checked, gaps, next steps."""
    form = check_self_evaluation(framework, evaluation)
    profile = assess(framework, form)
    findings = check_evidence(framework, form)
    gaps = find_gaps(framework, form, profile)
    return profile, findings, gaps, recommend(framework, gaps, findings=findings)


def plain_cycle(results: tuple[Any, ...]) -> tuple[Any, ...]:
    """The cycle's four results as the floor's ``cycle`` gives them."""
    profile, findings, gaps, advice = results
    return plain_profile(profile), plain_findings(findings), plain_gaps(gaps), plain_recommendation(advice)


def _position(stage: Any) -> int | None:  # noqa: ANN401 (a Stage or None)
    return None if stage is None else stage.position


def plain_profile(profile: StageProfile) -> tuple[Any, ...]:
    """A stage profile as the floor gives it: every field of every judgement."""
    return (
        profile.school,
        profile.date,
        tuple(
            (
                j.aspect,
                j.status.value,
                _position(j.stage),
                j.decisive,
                tuple(
                    (
                        c.stage.position,
                        c.descriptors,
                        c.not_applicable,
                        c.not_rated,
                        c.not_yet,
                        c.partly,
                        c.mostly,
                        c.fully,
                    )
                    for c in j.coverage
                ),
                tuple(kind.value for kind in j.evidence_kinds),
                j.rationale,
                j.shortfall,
                j.professional_judgement,
                j.unrated,
            )
            for j in profile.judgements
        ),
    )


def plain_findings(findings: Iterable[Finding]) -> tuple[Any, ...]:
    """Evidence findings as the floor gives them."""
    return tuple((f.check, f.severity.value, f.message, f.aspect, f.descriptor) for f in findings)


def plain_gaps(gaps: GapAnalysis) -> tuple[Any, ...]:
    """A gap analysis as the floor gives it: every field of every gap, in order."""
    return (
        gaps.school,
        gaps.date,
        gaps.not_applicable,
        tuple(
            (
                g.aspect,
                g.status.value,
                _position(g.current),
                _position(g.target),
                g.distance,
                g.unmet,
                g.met,
                g.applicable,
                g.progress,
                g.horizon,
                g.explanation,
                g.unrated,
                g.shortfall,
            )
            for g in gaps.gaps
        ),
    )


def plain_recommendation(advice: Recommendation) -> tuple[Any, ...]:
    """A recommendation as the floor gives it: every priority, step and reason."""
    return (
        tuple(
            (
                p.rank,
                p.aspect,
                _position(p.current),
                _position(p.target),
                p.horizon,
                p.score,
                p.score_parts,
                tuple((r.kind, r.text) for r in p.reasons),
                tuple(
                    (
                        s.descriptor,
                        s.stage.position,
                        s.text,
                        s.kind.value,
                        tuple((r.kind, r.text) for r in s.reasons),
                        s.national_priorities,
                        s.characteristics,
                    )
                    for s in p.steps
                ),
                p.contributory_factors,
                p.chosen,
            )
            for p in advice.priorities
        ),
        advice.not_chosen,
        tuple((e.aspect, e.shortfall, tuple((r.kind, r.text) for r in e.reasons)) for e in advice.gather_evidence),
    )


def first_difference(ours: Any, theirs: Any, path: str = "") -> str | None:  # noqa: ANN401 (plain data of any shape)
    """Where two plain results first differ, for a message that says what the library changed."""
    if isinstance(ours, tuple) and isinstance(theirs, tuple):
        if len(ours) != len(theirs):
            return f"{path}: {len(ours)} items in the floor's, {len(theirs)} in the library's"
        for n, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            found = first_difference(a, b, f"{path}[{n}]")
            if found:
                return found
        return None
    return None if ours == theirs else f"{path}: the floor gives {ours!r}, the library {theirs!r}"


def check_equal(name: str, floor: Callable[[], Any], library: Callable[[], Any]) -> None:
    """Raise unless the floor and the library give the same plain results."""
    ours, theirs = floor(), library()
    if ours != theirs:
        msg = f"{name}: the floor and the library differ at {first_difference(ours, theirs)}"
        raise AssertionError(msg)

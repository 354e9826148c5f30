"""``validate``: what a file holds and that it is valid, with its warnings and notices, as text or as JSON.

The JSON is one object: ``valid`` (true: a file with problems is refused, as every command refuses it),
``source``, ``kind``, what the payload holds (its school, dates and counts), ``warnings`` (what loads but will not
count as its author may expect), ``notices`` (what is noticed about a plan's or record's priorities against
``--self-evaluation``) and ``problems`` (none).
"""

import argparse
import json
import warnings
from typing import Any

import attrs

from school_improvement._assessment.assess import assess
from school_improvement._cli.inputs import (
    UsageError,
    framework_of,
    given_self_evaluation,
    is_spreadsheet,
    is_workbook,
    name,
    only_with,
    read_input,
    self_evaluation,
)
from school_improvement._content.framework import Framework
from school_improvement._errors import PayloadError, Problem, SelfEvaluationWarning
from school_improvement._files import parse_json
from school_improvement._interchange.decisions import load_discussion, load_plan
from school_improvement._limits import MAX_PAYLOAD_BYTES
from school_improvement._planning.choices import ChosenPriority, PriorityNotice, check_priorities
from school_improvement._planning.discussion import view_differences

VALIDATED = ("self-evaluation", "development-plan", "discussion-record")
"""The payloads validate reads."""


def parsed(raw: bytes, source: str) -> tuple[object, bytes | dict[str, Any]]:
    """A payload read once: the kind it says it is (``None`` if it says none), and what to give its loader.

    The loader is given the parsed object, so that the text is read only once; anything but a JSON object is
    given as the text, for the loader to refuse in its own words.
    """
    payload = parse_json(raw, lambda problems: PayloadError(source, problems))
    if not isinstance(payload, dict):
        return None, raw
    return payload.get("kind"), payload


@attrs.frozen
class Validated:
    """What validate found in a valid file: what it is, what it holds, and what it notices.

    Attributes:
        source: The file, or "standard input".
        kind: The payload's kind.
        said: What it holds, in a sentence.
        facts: What it holds, as the JSON says it: its school, dates and counts.
        warnings: What loads but will not count as its author may expect, each with its source.
        notices: What is noticed about the priorities, against ``against``.
        against: The date of the self-evaluation the priorities are checked against, if one is given.
    """

    source: str
    kind: str
    said: str
    facts: dict[str, object]
    warnings: tuple[tuple[str, Problem], ...] = ()
    notices: tuple[PriorityNotice, ...] = ()
    against: str | None = None

    def text(self) -> str:
        """The result as the command line says it."""
        lines = [f"{self.source}: valid: {self.said}"]
        if self.warnings:
            lines[0] += f", with {count(len(self.warnings), 'warning')}:"
            lines += [
                f"  warning: {problem}" if source == self.source else f"  warning: {source}: {problem}"
                for source, problem in self.warnings
            ]
        if self.against is not None and self.notices:
            lines.append(
                f"Noticed about its priorities against the self-evaluation of {self.against} (the choice stands):"
            )
            lines += [f"  {notice.path}: {notice.message}" for notice in self.notices]
        elif self.against is not None:
            lines.append(f"Nothing noticed about its priorities against the self-evaluation of {self.against}.")
        return "\n".join(lines)

    def json(self) -> str:
        """The result as JSON."""
        document = {
            "valid": True,
            "source": self.source,
            "kind": self.kind,
            **self.facts,
            "warnings": [
                {"source": source, "path": problem.path, "message": problem.message}
                for source, problem in self.warnings
            ],
            "notices": [
                {"check": notice.check, "path": notice.path, "message": notice.message, "aspect": notice.aspect}
                for notice in self.notices
            ],
            "noticed_against": self.against,
            "problems": [],
        }
        return json.dumps(document, ensure_ascii=False, indent=2)


def count(number: int, noun: str, nouns: str | None = None) -> str:
    """A number of things, in words: ``1 action``, ``3 priorities``."""
    return f"{number} {noun if number == 1 else nouns or noun + 's'}"


def validate(arguments: argparse.Namespace) -> str:
    """Check the file given, by its kind, and say what it holds; every problem is raised, nothing is loaded."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SelfEvaluationWarning)
        found = _validated(framework_of(arguments), arguments)
    warned = tuple(
        (warning.message.source, problem)
        for warning in caught
        if isinstance(warning.message, SelfEvaluationWarning)
        for problem in warning.message.problems
    )
    found = attrs.evolve(found, warnings=warned)
    return found.json() if arguments.format == "json" else found.text()


def _validated(framework: Framework, arguments: argparse.Namespace) -> Validated:
    path, source = arguments.file, name(arguments.file)
    raw = None
    if not is_spreadsheet(path):
        raw = read_input(path, MAX_PAYLOAD_BYTES, workbook=True)
    if raw is not None and not is_workbook(raw):
        kind, payload = parsed(raw, source)
        if isinstance(kind, str) and kind not in VALIDATED:
            message = f"validate reads a {', a '.join(VALIDATED)}; this payload is a {kind!r}"
            raise PayloadError(source, [Problem("$.kind", message)])
        if kind in {"development-plan", "discussion-record"}:
            only_with(
                arguments,
                ["--school", "--date"],
                holds=arguments.self_evaluation is not None,
                needs="with a self-evaluation, which they describe (--self-evaluation)",
            )
            return _decision(framework, kind, payload, source, arguments)
    if arguments.self_evaluation is not None:
        msg = (
            f"--self-evaluation goes with a development plan or a discussion record, to check its priorities; "
            f"{source} is a self-evaluation"
        )
        raise UsageError(msg, at="--self-evaluation")
    evaluation = self_evaluation(framework, path, arguments.school, arguments.date, raw)
    said = f"{evaluation.school}, {evaluation.date}, {len(evaluation.ratings)} ratings"
    facts: dict[str, object] = {
        "school": evaluation.school,
        "date": evaluation.date.isoformat(),
        "ratings": len(evaluation.ratings),
    }
    return Validated(source, "self-evaluation", said, facts)


def _decision(
    framework: Framework, kind: object, payload: bytes | dict[str, Any], source: str, arguments: argparse.Namespace
) -> Validated:
    """A development plan or a discussion record, with what is noticed about its priorities."""
    if kind == "development-plan":
        plan = load_plan(payload, framework=framework, name=source)
        actions = sum(len(priority.actions) for priority in plan.priorities)
        said = (
            f"the development plan of {plan.school}, {plan.starts} to {plan.ends}, "
            f"{count(len(plan.priorities), 'priority', 'priorities')}, {count(actions, 'action')}, "
            f"{count(len(plan.reviews), 'review')} recorded"
        )
        facts: dict[str, object] = {
            "school": plan.school,
            "starts": plan.starts.isoformat(),
            "ends": plan.ends.isoformat(),
            "priorities": len(plan.priorities),
            "actions": actions,
            "reviews": len(plan.reviews),
        }
        school, chosen = plan.school, plan.chosen
    else:
        record = load_discussion(payload, framework=framework, name=source)
        differing = len(view_differences(framework, record))
        said = (
            f"the professional discussion of {record.school} on {record.date}, "
            f"{count(len(record.agreed_priorities), 'priority', 'priorities')} agreed, "
            f"{count(differing, 'aspect')} seen differently, next review {record.next_review}"
        )
        facts = {
            "school": record.school,
            "date": record.date.isoformat(),
            "agreed_priorities": len(record.agreed_priorities),
            "seen_differently": differing,
            "next_review": record.next_review.isoformat(),
        }
        school, chosen = record.school, record.agreed_priorities
    found = Validated(source, str(kind), said, facts)
    return _noticed(framework, found, school, chosen, arguments)


def _noticed(
    framework: Framework,
    found: Validated,
    school: str,
    chosen: tuple[ChosenPriority, ...],
    arguments: argparse.Namespace,
) -> Validated:
    """What is noticed about a school's priorities against the self-evaluation given with --self-evaluation."""
    evaluation = given_self_evaluation(framework, arguments, school)
    if evaluation is None or not chosen:
        return found
    notices = check_priorities(framework, chosen, assess(framework, evaluation))
    return attrs.evolve(found, notices=tuple(notices), against=evaluation.date.isoformat())

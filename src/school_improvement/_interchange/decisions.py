"""Reading the school's own decisions from outside: its development plan and its discussion records, checked whole.

A plan kept in another system, or edited by hand, comes back through here:
read within the size limit, the envelope checked, every field structured
strictly, the edition settled, then every rule of the plan or the record
checked against that edition. Each stage reports all it finds; nothing is
returned half-built.
"""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from school_improvement._content.framework import Framework
from school_improvement._converter import structure_or_raise
from school_improvement._errors import PayloadError, Problem
from school_improvement._interchange.envelope import envelope_problems, under_data
from school_improvement._interchange.payloads import PAYLOAD_KINDS, edition_problems
from school_improvement._interchange.untrusted import untrusted_json
from school_improvement._limits import MAX_PAYLOAD_BYTES
from school_improvement._planning.discussion import DiscussionRecord, discussion_problems
from school_improvement._planning.plan import DevelopmentPlan, plan_problems

_Decision = TypeVar("_Decision", DevelopmentPlan, DiscussionRecord)

Source = str | bytes | Mapping[str, Any]
"""A payload as JSON text, UTF-8 bytes, or an already-parsed mapping."""


def _load(
    source: Source,
    cls: type[_Decision],
    problems_of: Callable[[Framework, _Decision], list[Problem]],
    framework: Framework | None,
    name: str,
) -> _Decision:
    """The decision a payload carries, through every stage of checks; each stage reports all it finds."""

    def fail(problems: list[Problem]) -> PayloadError:
        return PayloadError(name, problems)

    payload = dict(source) if isinstance(source, Mapping) else untrusted_json(source, fail, MAX_PAYLOAD_BYTES)
    problems = envelope_problems(payload, PAYLOAD_KINDS[cls])
    if problems or not isinstance(payload, dict):
        raise fail(problems)
    value = structure_or_raise(payload["data"], cls, lambda found: fail(under_data(found)))
    declared: str = payload["framework_edition"]
    if value.framework_edition != declared:
        message = f"the payload declares {declared!r}, but its data is for {value.framework_edition!r}"
        problems.append(Problem("$.framework_edition", message))
    edition, wrong = edition_problems(declared, framework)
    if problems or wrong:
        raise fail(problems + wrong)
    problems = under_data(problems_of(edition, value))
    if problems:
        raise fail(problems)
    return value


def load_plan(source: Source, *, framework: Framework | None = None, name: str = "<input>") -> DevelopmentPlan:
    """Read a development plan payload from outside the library, checking everything.

    Accepts JSON text, UTF-8 bytes (a byte-order mark is allowed), or an
    already-parsed mapping, in the payload layout (``schema_version``,
    ``kind``, ``framework_edition``, ``data``) that
    [`dumps`][school_improvement.dumps] writes; a plan the library wrote
    comes back equal, and writes the same text again. The plan is checked
    against the edition it declares: ``framework`` if given, else the bundled
    edition, which the payload must then name. Everything
    [`plan_problems`][school_improvement.plan_problems] checks is checked:
    codes, unique identifiers, dates in order and within the plan's years,
    reviews naming only the plan's actions, criteria and targets, costs in
    whole pounds, texts present and within their limits.

    Text or bytes may be at most 2,000,000 bytes, and a plan may have at most
    20 priorities, 200 actions and 200 success criteria to a priority, and
    100 reviews. A key given twice in one object is refused, as is any field
    the plan does not have; dates are taken only as ``YYYY-MM-DD``.

    Args:
        source: The payload.
        framework: The edition the plan rests on, if not the bundled one.
        name: A name for the source (a file name, say), used in the error.

    Returns:
        The plan, whole.

    Raises:
        PayloadError: Listing every problem found at the first stage that
            finds any (the text, the envelope, the fields, the edition, then
            the plan's own rules), each with its JSON path, such as
            ``$.data.priorities[0].actions[1].due``; nothing is loaded.

    Examples:
        >>> import datetime, json
        >>> from school_improvement import DevelopmentPlan, PayloadError, PlanPriority, Stage, dumps, load_framework
        >>> from school_improvement import load_plan
        >>> framework = load_framework()
        >>> start, by = datetime.date(2026, 9, 1), datetime.date(2027, 7, 31)
        >>> priority = PlanPriority("P1", "Grow leaders", ("LC",), "Few leaders", Stage.MAKING_PROGRESS, by)
        >>> plan = DevelopmentPlan("ex-1", framework.edition_id, start, start, datetime.date(2027, 8, 31), (priority,))
        >>> load_plan(dumps(plan)) == plan
        True
        >>> payload = json.loads(dumps(plan))
        >>> payload["data"]["priorities"][0].update(aspects=["LC", "XX"], by="2028-07-31")
        >>> try:
        ...     load_plan(payload, name="plan.json")
        ... except PayloadError as error:
        ...     print(error)
        plan.json: 2 problems in the payload:
          $.data.priorities[0].aspects[1]: no aspect has the code 'XX' in estyn-school-improvement-journeys/2026.1
          $.data.priorities[0].by: 2028-07-31 is outside the plan's years: after 2026-09-01, up to 2027-08-31
    """
    return _load(source, DevelopmentPlan, plan_problems, framework, name)


def load_discussion(source: Source, *, framework: Framework | None = None, name: str = "<input>") -> DiscussionRecord:
    """Read a professional discussion record payload from outside the library, checking everything.

    Read as [`load_plan`][school_improvement.load_plan] reads a plan: JSON
    text or UTF-8 bytes of at most 2,000,000 bytes, or a parsed mapping, checked
    stage by stage against the edition it declares, with everything
    [`discussion_problems`][school_improvement.discussion_problems] checks:
    codes, someone taking part, the next review and agreed target dates
    after the meeting, one view to an aspect, capacities of at least 1,
    texts present and within their limits.

    Args:
        source: The payload.
        framework: The edition the discussion used, if not the bundled one.
        name: A name for the source (a file name, say), used in the error.

    Returns:
        The record, whole.

    Raises:
        PayloadError: Listing every problem found at the first stage that
            finds any, each with its JSON path; nothing is loaded.

    Examples:
        >>> import datetime
        >>> from school_improvement import DiscussionRecord, Participant, PayloadError, dumps, load_framework
        >>> from school_improvement import load_discussion
        >>> framework = load_framework()
        >>> met = datetime.date(2026, 11, 20)
        >>> record = DiscussionRecord(
        ...     "ex-1", framework.edition_id, met, (Participant("Headteacher"),), (), (), (), (), met
        ... )
        >>> try:
        ...     load_discussion(dumps(record), name="discussion.json")
        ... except PayloadError as error:
        ...     print(error)
        discussion.json: 1 problem in the payload:
          $.data.next_review: 2026-11-20 is not after the discussion, 2026-11-20
    """
    return _load(source, DiscussionRecord, discussion_problems, framework, name)

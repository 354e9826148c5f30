"""The written forms of a school's choices, as the command line and the service take them as text: read once, here.

A stage is its name or its position (``making-progress``, or ``2``); a target is ``ASPECT=STAGE``; a chosen
priority is ``ASPECT[+ASPECT]=STAGE@YYYY-MM-DD[:why]``; a school's capacity is ``REF=N``. Each reader raises a
``ValueError`` whose message names the value and says how to write it, for the caller to place: an option on the
command line, or a query parameter of the service.
"""

import re

from school_improvement._dates import iso_date
from school_improvement._planning.choices import ChosenPriority
from school_improvement._planning.gaps import Target
from school_improvement._stage import Stage

STAGES = {stage.value: stage for stage in Stage} | {str(stage.position): stage for stage in Stage}
"""A stage as it is written: its name, or its position from 1 to 4."""
_CHOICE = re.compile(
    r"^(?P<aspects>[A-Za-z]{2}(?:\+[A-Za-z]{2})*)=(?P<stage>[a-z0-9-]+)@(?P<by>[^:]+)(?::(?P<why>.*))?$"
)


def read_stage(value: str) -> Stage:
    """A stage written as its name or its position.

    Raises:
        ValueError: If it is neither.

    Examples:
        >>> read_stage("2"), read_stage("building-momentum")
        (<Stage.MAKING_PROGRESS: 'making-progress'>, <Stage.BUILDING_MOMENTUM: 'building-momentum'>)
    """
    if value not in STAGES:
        msg = f"{value!r}: give a stage as 1 to 4 or its name, e.g. building-momentum"
        raise ValueError(msg)
    return STAGES[value]


def read_target(value: str) -> Target:
    """A target written ``ASPECT=STAGE``.

    Raises:
        ValueError: If it is not written so.

    Examples:
        >>> read_target("PV=3")
        Target(aspect='PV', stage=<Stage.BUILDING_MOMENTUM: 'building-momentum'>, horizon=None)
    """
    aspect, _, stage = value.partition("=")
    if not aspect or stage not in STAGES:
        msg = f"{value!r}: write ASPECT=STAGE, the stage as 1 to 4 or its name, e.g. PV=making-progress"
        raise ValueError(msg)
    return Target(aspect, STAGES[stage])


def read_choice(value: str, *, unsaid: str) -> ChosenPriority:
    """A priority the school chose, written ``ASPECT[+ASPECT]=STAGE@YYYY-MM-DD[:why]``.

    ``unsaid`` is the reason recorded when the school gives none after the colon. The date is read as every date
    is, and refused in the same words.

    Raises:
        ValueError: If it is not written so, or its date is not a day.

    Examples:
        >>> choice = read_choice("LC+PV=2@2027-07-16:few leaders", unsaid="chosen")
        >>> choice.aspects, choice.target.value, str(choice.by), choice.reason
        (('LC', 'PV'), 'making-progress', '2027-07-16', 'few leaders')
    """
    found = _CHOICE.match(value.strip())
    stage = STAGES.get(found["stage"]) if found else None
    if found is None or stage is None:
        msg = (
            f"{value!r}: write ASPECT[+ASPECT]=STAGE@YYYY-MM-DD[:why], the stage as 1 to 4 or its name, "
            "e.g. 'LC=making-progress@2027-07-16:few leaders below the head'"
        )
        raise ValueError(msg)
    try:
        by = iso_date(found["by"])
    except ValueError as error:
        msg = f"{value!r}: {error}"
        raise ValueError(msg) from None
    why = (found["why"] or "").strip() or unsaid
    return ChosenPriority(tuple(found["aspects"].upper().split("+")), why, stage, by)


def read_capacity(value: str) -> tuple[str, int]:
    """A school's capacity to support others, written ``REF=N``: its reference and the number.

    Raises:
        ValueError: If it is not written so.

    Examples:
        >>> read_capacity("w-101=0")
        ('w-101', 0)
    """
    ref, _, number = value.partition("=")
    if not ref or not (number.isascii() and number.isdigit()):
        msg = f"{value!r}: write REF=N, N a whole number, e.g. w-101=0"
        raise ValueError(msg)
    return ref, int(number)

"""Schools as a local authority sees them: a register of who they are, never of who is in them.

A school record carries the facts that decide which schools can work together
(local authority, cluster, phase, language medium) and nothing about pupils
or staff.
"""

import enum

import attrs

from school_improvement._csv import csv_rows, decode_csv
from school_improvement._errors import PayloadError, Problem
from school_improvement._limits import MAX_REGISTER_BYTES, MAX_REGISTER_ROWS
from school_improvement._validators import non_empty

REGISTER_COLUMNS = ("ref", "name", "local_authority", "cluster", "phase", "medium")
"""The register's columns, in the order the template writes them; ``cluster`` may be left blank."""


class Phase(enum.Enum):
    """The phase of education a school serves."""

    NURSERY = "nursery"
    PRIMARY = "primary"
    SECONDARY = "secondary"
    ALL_AGE = "all-age"
    SPECIAL = "special"
    PUPIL_REFERRAL_UNIT = "pupil-referral-unit"

    @property
    def label(self) -> str:
        """The phase in words, for reports."""
        return self.value.replace("-", " ")


class LanguageMedium(enum.Enum):
    """The language a school teaches through."""

    ENGLISH = "english"
    WELSH = "welsh"
    BILINGUAL = "bilingual"

    @property
    def label(self) -> str:
        """The medium in words, for reports."""
        return {"english": "English-medium", "welsh": "Welsh-medium", "bilingual": "bilingual"}[self.value]


_str = attrs.validators.instance_of(str)


@attrs.frozen
class School:
    """One school, as a local authority's register lists it. No personal data belongs here.

    Attributes:
        ref: The school's reference, as its self-evaluations give it.
        name: The school's name.
        local_authority: The local authority that maintains it.
        cluster: The cluster it belongs to, if any (a school outside every
            cluster is in the same cluster as no other).
        phase: The phase it serves.
        medium: The language it teaches through.

    Examples:
        >>> from school_improvement import LanguageMedium, Phase, School
        >>> school = School("ex-101", "Example Primary", "Example County", "North", Phase.PRIMARY, LanguageMedium.WELSH)
        >>> school.phase.label, school.medium.label
        ('primary', 'Welsh-medium')
    """

    ref: str = attrs.field(validator=[_str, non_empty])
    name: str = attrs.field(validator=[_str, non_empty])
    local_authority: str = attrs.field(validator=[_str, non_empty])
    cluster: str | None = attrs.field(validator=attrs.validators.optional([_str, non_empty]))
    phase: Phase = attrs.field(validator=attrs.validators.instance_of(Phase))
    medium: LanguageMedium = attrs.field(validator=attrs.validators.instance_of(LanguageMedium))


def _choices(enumeration: type[Phase] | type[LanguageMedium]) -> dict[str, Phase | LanguageMedium]:
    choices: dict[str, Phase | LanguageMedium] = {}
    for member in enumeration:
        choices[member.value] = member
        choices[member.value.replace("-", " ")] = member
    return choices


_PHASES = _choices(Phase) | {"pru": Phase.PUPIL_REFERRAL_UNIT}
_MEDIA = _choices(LanguageMedium) | {"english-medium": LanguageMedium.ENGLISH, "welsh-medium": LanguageMedium.WELSH}


def _school(row: dict[str, str], number: int, problems: list[Problem]) -> School | None:
    found = len(problems)
    problems.extend(
        Problem(f"row {number}, column {column}", "required: give a value")
        for column in ("ref", "name", "local_authority")
        if not row.get(column)
    )
    phase = _PHASES.get(row.get("phase", "").lower())
    if phase is None:
        choices = ", ".join(member.value for member in Phase)
        problems.append(Problem(f"row {number}, column phase", f"{row.get('phase', '')!r} is not a phase: {choices}"))
    medium = _MEDIA.get(row.get("medium", "").lower())
    if medium is None:
        choices = ", ".join(member.value for member in LanguageMedium)
        message = f"{row.get('medium', '')!r} is not a language medium: {choices}"
        problems.append(Problem(f"row {number}, column medium", message))
    if len(problems) > found or not isinstance(phase, Phase) or not isinstance(medium, LanguageMedium):
        return None
    return School(row["ref"], row["name"], row["local_authority"], row.get("cluster") or None, phase, medium)


def read_school_register(source: str | bytes, *, name: str = "<register>") -> tuple[School, ...]:
    r"""Read a register of schools from CSV, checking every row.

    The columns are ``ref``, ``name``, ``local_authority``, ``cluster`` (may
    be blank), ``phase`` (nursery, primary, secondary, all-age, special or
    pupil-referral-unit) and ``medium`` (english, welsh or bilingual); other
    columns are ignored, so a register exported from elsewhere can be read as
    it is. Commas, semicolons or tabs; UTF-8 with or without a byte-order mark.

    Args:
        source: The CSV text or bytes.
        name: The file's name, used in the error.

    Returns:
        The schools, in the register's order.

    Raises:
        PayloadError: Listing every problem, each naming its row and column
            (a missing value, an unknown phase or medium, a reference listed
            twice); nothing is loaded.

    Examples:
        >>> from school_improvement import read_school_register
        >>> register = (
        ...     "ref,name,local_authority,cluster,phase,medium\nex-1,Example Primary,Example County,,primary,welsh"
        ... )
        >>> [(school.ref, school.cluster, school.medium.value) for school in read_school_register(register)]
        [('ex-1', None, 'welsh')]
    """
    rows = csv_rows(decode_csv(source, name, MAX_REGISTER_BYTES), name, REGISTER_COLUMNS, MAX_REGISTER_ROWS)
    problems: list[Problem] = []
    schools: list[School] = []
    first: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        ref = row.get("ref", "")
        repeated = ref in first
        if repeated:
            problems.append(
                Problem(f"row {number}, column ref", f"{ref!r} is listed again (first in row {first[ref]})")
            )
        elif ref:
            first[ref] = number
        school = _school(row, number, problems)
        if school is not None and not repeated:
            schools.append(school)
    if problems:
        raise PayloadError(name, problems)
    return tuple(schools)

"""Pydantic models of the input payloads: validation and JSON Schema at the boundary.

This module imports pydantic, so nothing in the core imports it: it is loaded
only when untrusted input is read or a schema is generated.
"""

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_PAYLOAD_BYTES = 2_000_000
"""The largest self-evaluation payload read, in bytes (UTF-8)."""
MAX_RATINGS = 1_000
"""The most descriptor ratings one self-evaluation may carry."""
MAX_EVIDENCE_PER_RATING = 50
"""The most pieces of evidence one rating may carry."""
MAX_JUDGEMENTS = 50
"""The most professional judgements one self-evaluation may carry."""
MAX_TEXT = 2_000
"""The longest note, reference or rationale, in characters."""
MAX_NAME = 200
"""The longest school reference or edition identifier, in characters."""

RatingValue = Literal["not-yet", "partly", "mostly", "fully", "not-applicable"]
KindValue = Literal[
    "lesson-observation",
    "scrutiny-of-learners-work",
    "learner-voice",
    "staff-views",
    "parent-carer-views",
    "governor-views",
    "data",
    "documentation",
    "external-report",
    "other",
]
StageValue = Literal["starting-the-journey", "making-progress", "building-momentum", "sustaining-high-standards"]

_CLOSED = ConfigDict(extra="forbid", str_strip_whitespace=False)


class EvidenceModel(BaseModel):
    """A piece of evidence about the school. No pupil personal data belongs here."""

    model_config = _CLOSED
    kind: KindValue = Field(description="The kind of source.")
    date: datetime.date = Field(description="When it was gathered (YYYY-MM-DD); not after the self-evaluation.")
    note: str | None = Field(default=None, max_length=MAX_TEXT, description="What it shows, briefly.")
    reference: str | None = Field(default=None, max_length=MAX_TEXT, description="Where to find it.")


class DescriptorRatingModel(BaseModel):
    """A rating of one descriptor, with the evidence behind it."""

    model_config = _CLOSED
    descriptor: str = Field(
        pattern=r"^[A-Z]{2}\.[1-4]\.[1-9][0-9]*$", description="The descriptor's code, e.g. SV.1.2."
    )
    rating: RatingValue = Field(description="How far the evidence shows the descriptor is in place.")
    evidence: list[EvidenceModel] = Field(default_factory=list, max_length=MAX_EVIDENCE_PER_RATING)


class ProfessionalJudgementModel(BaseModel):
    """The school's own judgement of one aspect's stage."""

    model_config = _CLOSED
    aspect: str = Field(pattern=r"^[A-Z]{2}$", description="The aspect's code, e.g. PV.")
    stage: StageValue | None = Field(description="The stage the school judges it has reached, or null for none yet.")
    rationale: str = Field(min_length=1, max_length=MAX_TEXT, description="Why, in the school's words.")


class SelfEvaluationModel(BaseModel):
    """A school's self-evaluation against one framework edition."""

    model_config = _CLOSED
    school: str = Field(min_length=1, max_length=MAX_NAME, description="The school's reference; not personal data.")
    date: datetime.date = Field(description="The date of the self-evaluation (YYYY-MM-DD).")
    framework_edition: str = Field(max_length=MAX_NAME, description="The edition rated against.")
    ratings: list[DescriptorRatingModel] = Field(default_factory=list, max_length=MAX_RATINGS)
    judgements: list[ProfessionalJudgementModel] = Field(default_factory=list, max_length=MAX_JUDGEMENTS)


class SelfEvaluationPayload(BaseModel):
    """A self-evaluation as a payload: the envelope every payload of this library has."""

    model_config = ConfigDict(extra="forbid", title="School improvement self-evaluation payload")
    schema_version: Literal[1] = Field(description="The version of the payload layout.")
    kind: Literal["self-evaluation"]
    framework_edition: str = Field(max_length=MAX_NAME, description="The edition rated against.")
    data: SelfEvaluationModel

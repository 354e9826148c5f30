"""The survey's module loads the planning layer on first need, and its annotations still resolve once it has."""

import subprocess
import sys
import typing

from helpers import EVALUATION_DATE, FRAMEWORK
from local_authority import evaluation_at, school
from school_improvement import (
    DevelopmentPlan,
    DiscussionRecord,
    PlanReview,
    Recommendation,
    SchoolSnapshot,
    make_converter,
    survey,
)


def test_first_use_loads_no_planning() -> None:
    """Importing the first-use names (matching among them) in a fresh process loads no planning module."""
    code = (
        "import sys\n"
        "from school_improvement import assess, load_framework, load_self_evaluation, match_schools\n"
        "print(sorted(name for name in sys.modules if name.startswith('school_improvement._planning.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert result.stdout.strip() == "[]"


def test_snapshot_annotations_resolve_after_a_survey() -> None:
    """After a survey, a snapshot's quoted planning annotations resolve, and cattrs unstructures the survey."""
    result = survey(FRAMEWORK, [school("A")], [evaluation_at("A", {}, EVALUATION_DATE)])
    hints = typing.get_type_hints(SchoolSnapshot)
    assert hints["recommendation"] is Recommendation
    assert hints["plan"] == DevelopmentPlan | None
    assert hints["discussion"] == DiscussionRecord | None
    assert hints["review"] == PlanReview | None
    assert make_converter().unstructure(result)["snapshots"][0]["school"]["ref"] == "A"

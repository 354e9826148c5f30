"""The reports across schools in Markdown: the roll-up and the partnerships, with the counts as tables."""

from collections.abc import Iterable

from school_improvement._authority.matching import Collaboration
from school_improvement._authority.rollup import Rollup
from school_improvement._authority.schools import School
from school_improvement._authority.survey import Survey
from school_improvement._content.framework import Framework
from school_improvement._render.authority import STAGES_ACROSS, Notices, authority_report
from school_improvement._render.markdown import md, md_blocks
from school_improvement._render.wording import Wording
from school_improvement._text import Language


def markdown_authority_report(  # noqa: PLR0913 (each is a keyword: what the report holds, and how it says it)
    framework: Framework,
    *,
    rollup: Rollup | None = None,
    collaboration: Collaboration | None = None,
    note: str | None = None,
    language: Language = "en",
    notices: Notices | None = None,
    survey: Survey | None = None,
    schools: Iterable[School] = (),
) -> str:
    """A Markdown report across many schools, for a local authority officer: the roll-up and the collaboration.

    The same content as ``html_authority_report``, the counts as tables
    rather than a picture. The caution fits what the report holds. Each
    group of the roll-up counts its schools at each stage in each aspect,
    says how many set their own priorities, the rule that made each
    system-level priority, the shared next steps and the support asked for
    by source and aspect; given the survey, the schools in each count are
    listed by name. The collaboration leads with who supports whom, then the
    schools without a partner grouped by why, why each partnership was made,
    and the offers not used. Each school is listed last with its
    self-evaluation and where its priorities come from.

    Args:
        framework: The framework edition.
        rollup: The roll-up to show, if any.
        collaboration: The partnerships to show, if any.
        note: A line to print under the title.
        language: ``"cy"`` for the stage names in Welsh, with the fallbacks said.
        notices: What the library notices about each school's chosen
            priorities, by reference (each snapshot's ``notices``): counted in
            each school's row and listed, noticed, not changed.
        survey: The survey the results were made from: the schools' names,
            the rule, and the schools in each count.
        schools: The register, for the names of schools with no self-evaluation.

    Raises:
        AnalysisError: If the survey is not the one the results were made from.
    """
    wording = Wording(framework, language)
    report = authority_report(
        wording,
        rollup=rollup,
        collaboration=collaboration,
        note=note,
        notices=notices,
        survey=survey,
        schools=schools,
    )
    lines = [f"# {md(report.title)}", ""]
    lines += [line for text in report.notes for line in (f"*{md(text)}*", "")]
    lines += [md(report.caution), ""]
    lines += [] if report.about is None else md_blocks((report.about,), 2)
    if report.groups:
        lines += [f"## {STAGES_ACROSS}", ""]
        for part in report.groups:
            lines += [f"### {md(part.title)}", "", *md_blocks(part.blocks, 4)]
    lines += md_blocks(report.blocks, 2)
    lines += ["---", "", framework.provenance.attribution, ""]
    return "\n".join(lines)

"""A self-contained HTML report: one file, no network, no scripts, readable when printed.

The markup is well-formed XML (XHTML-compatible), so it can be checked and
transformed with ordinary XML tools. Colours are from the Okabe-Ito palette,
which stays distinguishable with the common kinds of colour blindness, and
every mark in the journey map is also said in words.
"""

from html import escape

from school_improvement._assessment.assess import StageProfile
from school_improvement._content.framework import Framework
from school_improvement._planning.cycle import Cycle
from school_improvement._planning.discussion import DiscussionRecord
from school_improvement._planning.gaps import GapStatus
from school_improvement._planning.plan import DevelopmentPlan
from school_improvement._planning.review import PlanReview
from school_improvement._render.discussions import discussion_document
from school_improvement._render.document import (
    Block,
    Bullets,
    Document,
    Facts,
    Inline,
    InWelsh,
    Paragraph,
    Section,
    pieces,
)
from school_improvement._render.plans import TARGETS_SAID, notices_section, open_gaps, plan_sections, summary_document
from school_improvement._render.wording import SCHOOL_CAUTION, Wording, also_open
from school_improvement._stage import Stage
from school_improvement._text import Language

_REACHED = "#56B4E9"  # sky blue: stages reached
_CURRENT = "#0072B2"  # blue: the stage reached now
_TARGET = "#E69F00"  # orange: the target (dashed outline)
_UNKNOWN = "#999999"  # grey: not enough evidence

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.5; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
h1, h2, h3 { line-height: 1.2; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
dt { font-weight: bold; }
dd { margin: 0 0 0.5rem 1.5rem; }
.note { font-style: italic; }
.caution { border-left: 4px solid #0072B2; padding-left: 0.75rem; }
.muted { color: #555; }
footer { margin-top: 3rem; border-top: 1px solid #bbb; padding-top: 1rem; font-size: 0.9rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-before: auto; break-after: avoid; }
  table, figure, section { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def _short(title: str, most: int = 46) -> str:
    """A title cut at a word boundary to fit the map, marked with an ellipsis when cut."""
    if len(title) <= most:
        return title
    return title[:most].rsplit(" ", 1)[0].rstrip(",") + "…"


def _label(x: float, y: float, text: str, colour: str = "#1a1a1a") -> str:
    return f'<text x="{x:g}" y="{y:g}" text-anchor="middle" font-size="11" fill="{colour}">{esc(text)}</text>'


def journey_map(wording: Wording, cycle: Cycle) -> str:
    """The journey map: aspects by stages, the stage reached and the target marked, as inline SVG."""
    row, left, cell, top = 34, 330, 110, 40
    width, height = left + cell * 4 + 10, top + row * len(wording.framework.aspects) + 10
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
            'aria-labelledby="map-title map-desc">'
        ),
        '<title id="map-title">Journey map: the stage each aspect has reached, and its target</title>',
    ]
    said = []
    for stage in Stage:
        x = left + cell * (stage.position - 1) + cell / 2
        first, _, rest = wording.stage(stage).rpartition(" ")
        parts.append(
            f'<text x="{x:g}" y="14" text-anchor="middle" font-size="12">'
            f'<tspan x="{x:g}">{esc(first)}</tspan><tspan x="{x:g}" dy="14">{esc(rest)}</tspan></text>'
        )
    for place, aspect in enumerate(wording.framework.aspects):
        y = top + row * place
        judgement = cycle.profile.judgement(aspect.code)
        gap = cycle.gaps.gap(aspect.code)
        parts.append(f'<text x="4" y="{y + 21}" font-size="12">{esc(_short(aspect.title.en))}</text>')
        reached = judgement.stage.position if judgement.stage else 0
        for stage in Stage:
            x = left + cell * (stage.position - 1)
            if not judgement.status.judged:
                fill, label = _UNKNOWN, ""
            elif stage.position < reached:
                fill, label = _REACHED, ""
            elif stage.position == reached:
                fill, label = _CURRENT, "now"
            else:
                fill, label = "#ffffff", ""
            parts.append(
                f'<rect x="{x + 3}" y="{y + 4}" width="{cell - 6}" height="{row - 8}" fill="{fill}" stroke="#888"/>'
            )
            if gap.target is stage and gap.status is not GapStatus.REACHED:
                parts.append(
                    f'<rect x="{x + 5}" y="{y + 6}" width="{cell - 10}" height="{row - 12}" fill="none" '
                    f'stroke="{_TARGET}" stroke-width="3" stroke-dasharray="6 3"/>'
                )
                label = "target"
            if label:
                colour = "#ffffff" if label == "now" else "#1a1a1a"
                parts.append(_label(x + cell / 2, y + 21, label, colour))
        if not judgement.status.judged:
            found = wording.judged(judgement.status, judgement.stage)
            parts.append(_label(left + 2 * cell, y + 21, found))
            said.append(f"{aspect.title.en}: {found}.")
        else:
            target = f"; target {wording.stage(gap.target)}" if gap.target and gap.status is GapStatus.OPEN else ""
            said.append(f"{aspect.title.en}: {wording.stage(judgement.stage)}{target}.")
    parts.insert(2, f'<desc id="map-desc">{esc(" ".join(said))}</desc>')
    parts.append("</svg>")
    return "\n".join(parts)


def _profile(wording: Wording, cycle: Cycle) -> list[str]:
    out = [
        "<section>",
        "<h2>Stage profile</h2>",
        "<table>",
        "<thead><tr><th>Aspect</th><th>Stage reached</th><th>Target</th><th>Why</th></tr></thead>",
        "<tbody>",
    ]
    for judgement in cycle.profile.judgements:
        title = wording.framework.aspect(judgement.aspect).title.en
        reached = wording.judged(judgement.status, judgement.stage)
        gap = cycle.gaps.gap(judgement.aspect)
        target = "-" if gap.target is None else wording.stage(gap.target)
        why = esc(judgement.rationale)
        own = judgement.professional_judgement
        if own is not None:
            why += f"<br/><em>The school's own judgement: {esc(wording.stage(own.stage))}. {esc(own.rationale)}</em>"
        out.append(f"<tr><td>{esc(title)}</td><td>{esc(reached)}</td><td>{esc(target)}</td><td>{why}</td></tr>")
    out += ["</tbody>", "</table>", "</section>"]
    return out


def _lists(wording: Wording, cycle: Cycle) -> list[str]:
    out = ["<section>", "<h2>Evidence checks</h2>", "<ul>"]
    lacking = wording.not_enough_evidence(cycle.profile)
    shown = wording.findings(cycle.findings, lacking)
    out += [f"<li><strong>{esc(f.severity.value)}</strong>: {esc(f.message)}</li>" for f in shown]
    if lacking:
        out.append(f"<li><strong>not enough evidence</strong>: {esc(lacking)}</li>")
    out += ["<li>Nothing to question.</li>"] if not shown and not lacking else []
    out += ["</ul>", "</section>", "<section>", "<h2>Gaps to targets</h2>"]
    out += [f"<p>{esc(TARGETS_SAID)}</p>"] if cycle.recommendation.chosen_by_school else []
    out.append("<ul>")
    out += [
        f"<li>{esc(gap.explanation)}</li>"
        if whose is None
        else f"<li><strong>{esc(whose)}:</strong> {esc(gap.explanation)}</li>"
        for whose, gap in open_gaps(cycle)
    ]
    out += ["</ul>", "</section>", "<section>", "<h2>Priorities and next steps</h2>"]
    for priority in cycle.recommendation.priorities:
        out.append(f"<h3>{priority.rank}. {esc(wording.framework.aspect(priority.aspect).title.en)}</h3>")
        out += ["<ul>", *(f"<li>{esc(r.text)}</li>" for r in priority.reasons), "</ul>", "<ol>"]
        out += [f"<li><strong>{esc(s.descriptor)}</strong> {esc(s.text)}</li>" for s in priority.steps]
        out.append("</ol>")
    if not cycle.recommendation.priorities:
        out.append("<p>No open gap to a target, so no priority to recommend.</p>")
    if cycle.recommendation.not_chosen:
        out.append(f"<p>{esc(also_open(cycle.recommendation))}</p>")
    if cycle.recommendation.gather_evidence:
        out += ["<h3>Gather evidence first</h3>", "<ul>"]
        for item in cycle.recommendation.gather_evidence:
            reasons = "; ".join(reason.text for reason in item.reasons)
            title = wording.framework.aspect(item.aspect).title.en
            out.append(f"<li><strong>{esc(title)}</strong>: {esc(reasons)}.</li>")
        out.append("</ul>")
    out.append("</section>")
    noticed = notices_section(cycle.notices)
    return out if noticed is None else out + html_blocks((noticed,), 2)


def inline_html(words: Inline) -> str:
    """Words as HTML: escaped, and Welsh marked with its language."""
    return "".join(
        f'<span lang="cy">{esc(piece.text)}</span>' if isinstance(piece, InWelsh) else esc(piece)
        for piece in pieces(words)
    )


def _table(caption: str, headers: tuple[str, ...], rows: tuple[tuple[Inline, ...], ...]) -> list[str]:
    heads = "".join(f'<th scope="col">{esc(header)}</th>' for header in headers)
    out = ["<table>", f"<caption>{esc(caption)}</caption>", f"<thead><tr>{heads}</tr></thead>", "<tbody>"]
    for first, *rest in rows:
        cells = "".join(f"<td>{inline_html(cell)}</td>" for cell in rest)
        out.append(f'<tr><th scope="row">{inline_html(first)}</th>{cells}</tr>')
    return [*out, "</tbody>", "</table>"]


def _html_block(block: Block, depth: int) -> list[str]:
    if isinstance(block, Section):
        level = min(depth, 6)
        return [
            "<section>",
            f"<h{level}>{esc(block.title)}</h{level}>",
            *html_blocks(block.blocks, depth + 1),
            "</section>",
        ]
    if isinstance(block, Paragraph):
        kind = "" if block.kind == "plain" else f' class="{block.kind}"'
        return [f"<p{kind}>{inline_html(block.text)}</p>"]
    if isinstance(block, Facts):
        facts = [f"<dt>{esc(label)}</dt><dd>{inline_html(value)}</dd>" for label, value in block.items]
        return ["<dl>", *facts, "</dl>"]
    if isinstance(block, Bullets):
        caption = [f"<p><strong>{esc(block.caption)}</strong></p>"] if block.caption else []
        return [*caption, "<ul>", *(f"<li>{inline_html(item)}</li>" for item in block.items), "</ul>"]
    return _table(block.caption, block.headers, block.rows)


def html_blocks(blocks: tuple[Block, ...], depth: int) -> list[str]:
    """Blocks as HTML; sections' headings start at level ``depth``."""
    return [line for block in blocks for line in _html_block(block, depth)]


def _progress(wording: Wording, cycle: Cycle) -> list[str]:
    progress = cycle.progress
    if progress is None:
        return []
    heads = "".join(f"<th>{esc(date)}</th>" for date in progress.dates)
    out = [
        "<section>",
        "<h2>Progress over time</h2>",
        "<table>",
        f"<thead><tr><th>Aspect</th>{heads}</tr></thead>",
        "<tbody>",
    ]
    for aspect in progress.aspects:
        shown = [wording.judged(*pair) for pair in zip(aspect.statuses, aspect.stages, strict=True)]
        cells = "".join(f"<td>{esc(text)}</td>" for text in shown)
        stalled = " (stalled)" if aspect.stalled else ""
        out.append(f"<tr><td>{esc(wording.framework.aspect(aspect.aspect).title.en)}{stalled}</td>{cells}</tr>")
    out += ["</tbody>", "</table>", "</section>"]
    return out


def page_head(title: str, extra_css: str = "") -> list[str]:
    """The page's head and the start of its body, with its title as the first heading.

    Args:
        title: The page's title.
        extra_css: Style rules a kind of report adds to the shared ones.
    """
    return [
        "<!DOCTYPE html>",
        '<html lang="en" xmlns="http://www.w3.org/1999/xhtml">',
        "<head>",
        '<meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}{extra_css}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{esc(title)}</h1>",
    ]


def page_foot(framework: Framework, acknowledgements: tuple[str, ...] = ()) -> list[str]:
    notice = framework.provenance.notice
    return [
        "</main>",
        "<footer>",
        f"<p>{esc(notice.crown_copyright)}</p>",
        f'<p>{esc(notice.ogl)} <a href="{esc(notice.ogl_url)}">Open Government Licence v3.0</a></p>',
        f"<p>{esc(notice.endorsement)}</p>",
        *(f"<p>{esc(credit)}</p>" for credit in acknowledgements),
        "</footer>",
        "</body>",
        "</html>",
        "",
    ]


def html_report(framework: Framework, cycle: Cycle, *, note: str | None = None, language: Language = "en") -> str:
    """The report as one self-contained HTML file: journey map, profile, checks, gaps, next steps, plan, progress.

    Args:
        framework: The framework edition.
        cycle: What the cycle produced.
        note: A line to print under the title (the demo says its school is fictional).
        language: ``"cy"`` for Welsh where a Welsh source gives it, with the fallbacks said.
    """
    wording = Wording(framework, language)
    profile = cycle.profile
    head = page_head(f"Self-evaluation report: {profile.school}")
    if note:
        head.append(f'<p class="note">{esc(note)}</p>')
    if wording.note:
        head.append(f'<p class="note">{esc(wording.note)}</p>')
    head += [
        (
            f"<p>Self-evaluation of {esc(profile.date)}, against {esc(profile.framework_edition)}, "
            f"{esc(wording.rule(profile.rule))}.</p>"
        ),
        f'<p class="caution">{esc(SCHOOL_CAUTION)}</p>',
        "<section>",
        "<h2>Journey map</h2>",
        "<figure>",
        journey_map(wording, cycle),
        (
            "<figcaption>Filled blue: the stage reached now (lighter: stages before it). Dashed orange: the target. "
            "Grey: not enough evidence to judge, or the aspect does not apply. The same is in words in the table "
            "below.</figcaption>"
        ),
        "</figure>",
        "</section>",
    ]
    foot = page_foot(framework)
    plan = html_blocks(plan_sections(wording, cycle), 2)
    body = _profile(wording, cycle) + _lists(wording, cycle) + plan + _progress(wording, cycle)
    return "\n".join(head + body + foot)


def _html_document(document: Document, framework: Framework) -> str:
    page = page_head(document.title)
    page += [f'<p class="note">{esc(note)}</p>' for note in document.notes]
    page += [f'<p class="caution">{esc(document.caution)}</p>', *html_blocks(document.blocks, 2)]
    return "\n".join(page + page_foot(framework, document.acknowledgements))


def html_plan_summary(
    framework: Framework,
    plan: DevelopmentPlan,
    review: PlanReview | None = None,
    *,
    language: Language = "en",
    include_costs: bool = False,
) -> str:
    """The development plan in plain words for parents and governors, as one self-contained HTML page.

    The same summary as ``markdown_plan_summary``:
    each priority's aims and reasons, actions and dates, success criteria
    and, with a review, where it stands; no owners of actions, and resources
    and costs only with ``include_costs``. The page is in English
    (``lang="en"``); with ``language="cy"`` the stage names are in Welsh,
    from Estyn, each marked ``lang="cy"``.

    Args:
        framework: The framework edition the plan rests on.
        plan: The school's plan (or a draft).
        review: The plan's review, for where each priority stands now.
        language: ``"cy"`` for the stage names in Welsh, with the rest said to be English.
        include_costs: Whether to show resources and costs.
    """
    wording = Wording(framework, language)
    return _html_document(summary_document(wording, plan, review, include_costs=include_costs), framework)


def html_discussion(
    framework: Framework,
    record: DiscussionRecord,
    profile: StageProfile | None = None,
    *,
    language: Language = "en",
) -> str:
    """The record of a professional discussion as one self-contained HTML page, with both views of each aspect.

    The same record as ``markdown_discussion``: both
    views side by side in a table, each difference explained, neither
    overwriting the other.

    Args:
        framework: The framework edition the record uses.
        record: The discussion record.
        profile: The school's stage profile, to show what the evidence gives beside the two views.
        language: ``"cy"`` for the stage names in Welsh, with the rest said to be English.
    """
    wording = Wording(framework, language)
    return _html_document(discussion_document(wording, record, profile), framework)

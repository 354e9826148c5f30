"""A self-contained HTML report: one file, no network, no scripts, readable when printed.

The markup is well-formed XML (XHTML-compatible), so it can be checked and
transformed with ordinary XML tools. Colours are from the Okabe-Ito palette,
which stays distinguishable with the common kinds of colour blindness, and
every mark in the journey map is also said in words.
"""

from html import escape

from school_improvement._assessment.assess import JudgementStatus, StageProfile
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
    plain,
)
from school_improvement._render.plans import TARGETS_SAID, notices_section, open_gaps, plan_sections, summary_document
from school_improvement._render.school import (
    PRIORITIES_SAID,
    SEVERITIES,
    own_judgement_words,
    sentence,
    target_words,
    why,
)
from school_improvement._render.wording import SCHOOL_CAUTION, Wording, also_open, long_date
from school_improvement._stage import Stage
from school_improvement._text import Language

MAP_COLOURS = {
    "reached": "#4A8FD0",  # mid blue: a stage reached before the one reached now (3.4:1 on white)
    "now": "#0B4F8A",  # dark blue: the stage reached now (8.4:1 on white, white text on it)
    "target": "#A64B00",  # dark orange: the target's dashed outline (5.8:1 on white)
    "outline": "#767676",  # grey: every box's edge (4.5:1 on white)
    "hatch": "#C8C8C8",  # light grey: the stripes where there is not enough evidence (a texture, not an edge)
    "text": "#1A1A1A",  # the text, on white and on the mid blue
    "page": "#FFFFFF",  # the page, and the gaps between the map's boxes
}
"""The journey map's colours. Each mark is also told apart by its words and its outline, so the map reads in
greyscale and to colour-blind readers; edges and fills are at least 3:1 against white, text at least 4.5:1."""

_C = MAP_COLOURS

_CSS = f"""
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.5; margin: 0 auto;
       max-width: 60rem; padding: 1rem; color: {_C["text"]}; background: {_C["page"]}; overflow-wrap: anywhere; }}
h1, h2, h3, h4 {{ line-height: 1.25; }}
h1 {{ font-size: 1.9rem; margin-top: 0.5rem; }}
.scrolls {{ overflow-x: auto; margin: 1rem 0; }}
.scrolls:focus-visible {{ outline: 3px solid {_C["text"]}; outline-offset: 2px; }}
table {{ border-collapse: collapse; width: 100%; overflow-wrap: normal; }}
.scrolls > table.wide {{ min-width: 40rem; }}
th, td {{ border: 1px solid {_C["outline"]}; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }}
thead th {{ background: #F3F3F3; }}
caption {{ text-align: left; font-weight: bold; padding: 0.3rem 0; }}
dt {{ font-weight: bold; }}
dd {{ margin: 0 0 0.5rem 1.5rem; }}
.note {{ font-style: italic; }}
.caution {{ border-left: 4px solid {_C["now"]}; padding-left: 0.75rem; }}
.muted {{ color: #555; }}
.visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
                    white-space: nowrap; }}
footer {{ margin-top: 3rem; border-top: 1px solid {_C["outline"]}; padding-top: 1rem; font-size: 0.9rem; }}
figure {{ margin: 1rem 0; }}
.journey-map table {{ border-collapse: separate; border-spacing: 4px; table-layout: fixed; }}
.journey-map th, .journey-map td {{ border: 1px solid {_C["outline"]}; padding: 0.35rem; font-size: 0.875rem;
                                    vertical-align: middle; }}
.journey-map thead th {{ background: none; border: none; text-align: center; vertical-align: bottom;
                         font-weight: 600; }}
.journey-map thead th:first-child {{ text-align: left; width: 34%; }}
.journey-map tbody th {{ border: none; font-weight: normal; padding-left: 0; }}
.journey-map td {{ text-align: center; height: 2.2rem; print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
.journey-map td span {{ display: block; }}
/* The legend sits in the map's figure: its swatches take the marks' own rules below, over this plain box. */
.legend .swatch {{ display: inline-block; width: 2.2rem; height: 1.3rem; border: 1px solid {_C["outline"]};
                   flex: none; box-sizing: border-box; print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
.journey-map .reached {{ background: {_C["reached"]}; }}
.journey-map .now {{ background: {_C["now"]}; color: {_C["page"]}; font-weight: bold; border-color: {_C["now"]}; }}
.journey-map .target {{ border: 3px dashed {_C["target"]}; font-weight: bold; }}
.journey-map .unknown {{ background: repeating-linear-gradient(135deg, {_C["hatch"]} 0 4px, {_C["page"]} 4px 10px); }}
.journey-map .unknown span, .journey-map .inapplicable span {{ display: inline-block; background: {_C["page"]};
                                                             padding: 0 0.4rem; }}
.journey-map .inapplicable {{ border-style: dotted; }}
.journey-map .own {{ box-shadow: inset 0 0 0 3px {_C["text"]}; }}
.journey-map .now.own {{ box-shadow: inset 0 0 0 3px {_C["page"]}; }}
.journey-map .aside {{ display: block; font-size: 0.875rem; font-style: italic; }}
.journey-map .stage-name {{ display: none; }}
.legend {{ list-style: none; padding: 0; margin: 0.5rem 0 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.25rem;
           font-size: 0.875rem; }}
.legend li {{ display: flex; align-items: center; gap: 0.4rem; }}
@media (max-width: 40rem) {{
  body {{ padding: 0.75rem; }}
  h1 {{ font-size: 1.5rem; }}
  .journey-map table, .journey-map tbody, .journey-map caption {{ display: block; }}
  .scrolls caption {{ max-width: calc(100vw - 1.5rem); }}
  .journey-map thead {{ display: none; }}
  .journey-map tr {{ display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 4px;
                     margin-bottom: 0.6rem; }}
  .journey-map tbody th {{ grid-column: 1 / -1; font-weight: 600; padding: 0; }}
  .journey-map td {{ display: block; font-size: 0.75rem; padding: 0.25rem; height: auto; min-height: 2.6rem; }}
  .journey-map td[colspan] {{ grid-column: 1 / -1; min-height: 0; }}
  .journey-map .stage-name {{ display: block; font-weight: normal; }}
}}
@page {{ size: A4; margin: 15mm; }}
@media print {{
  html {{ font-size: 10pt; }}
  body {{ max-width: none; padding: 0; }}
  h1, h2, h3, h4 {{ break-after: avoid; }}
  tr, li, dt, dd, .legend {{ break-inside: avoid; }}
  caption, thead {{ break-after: avoid; }}
  .scrolls {{ overflow: visible; }}
  .scrolls > table.wide {{ min-width: 0; }}
  a {{ color: inherit; text-decoration: none; }}
}}
"""


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def _stage_html(wording: Wording, stage: Stage | None) -> str:
    """A stage's name, marked as Welsh when it is in Welsh."""
    return inline_html(wording.stage_said(stage))


def _judged_html(wording: Wording, status: JudgementStatus, stage: Stage | None) -> str:
    """What a judgement found, in words, the stage's name marked as Welsh when it is in Welsh."""
    return _stage_html(wording, stage) if status.judged else esc(wording.judged(status, stage))


_MARKS = {"reached": "Reached", "now": "Now", "target": "Target"}
"""The word in each kind of box of the map: the map is read by its words, not only its colours."""


def _map_cell(wording: Wording, stage: Stage, kinds: list[str]) -> str:
    words = [_MARKS[kind] for kind in kinds if kind in _MARKS]
    if "own" in kinds:
        words.append("School's view")
    shown = "".join(f"<span>{esc(word)}</span>" for word in words) or '<span class="visually-hidden">not reached</span>'
    name = f'<span class="stage-name">{_stage_html(wording, stage)}</span>'
    classes = " ".join(kinds) or "later"
    return f'<td class="{classes}">{name}{shown}</td>'


def journey_map(wording: Wording, cycle: Cycle) -> str:
    """The journey map: each aspect's row of the four stages, the stage reached, the target and the school's view.

    A table, so that it reflows on a narrow screen without scripts and a
    screen reader reads it cell by cell: each box says in a word what it
    marks, so that nothing rests on colour alone.
    """
    heads = "".join(f'<th scope="col">{_stage_html(wording, stage)}</th>' for stage in Stage)
    rows = []
    for judgement in cycle.profile.judgements:
        title = esc(wording.framework.aspect(judgement.aspect).title.en)
        gap = cycle.gaps.gap(judgement.aspect)
        if not judgement.status.judged:
            unknown = judgement.status is JudgementStatus.NOT_ENOUGH_EVIDENCE
            said = "Not enough evidence to judge" if unknown else "Does not apply to this school"
            kind = "unknown" if unknown else "inapplicable"
            cells = f'<td colspan="4" class="{kind}"><span>{esc(said)}</span></td>'
            rows.append(f'<tr><th scope="row">{title}</th>{cells}</tr>')
            continue
        reached = judgement.stage.position if judgement.stage else 0
        own = judgement.professional_judgement
        own_stage = own.stage if own is not None and own.stage is not judgement.stage else None
        cells = ""
        for stage in Stage:
            kinds = []
            if stage.position < reached:
                kinds.append("reached")
            elif stage.position == reached:
                kinds.append("now")
            if gap.target is stage and gap.status is GapStatus.OPEN:
                kinds.append("target")
            if stage is own_stage:
                kinds.append("own")
            cells += _map_cell(wording, stage, kinds)
        aside = '<span class="aside">No stage yet</span>' if judgement.stage is None else ""
        rows.append(f'<tr><th scope="row">{title}{aside}</th>{cells}</tr>')
    legend = [
        ("reached", "Reached: a stage met before the one reached now."),
        ("now", "Now: the stage reached now, by the evidence."),
        ("target", "Target: the stage aimed for next."),
        ("own", "School's view: the school's own judgement, where it differs from the evidence."),
        ("unknown", "Not enough evidence to judge a stage yet."),
        ("", "A row with no box filled: no stage reached yet (the first stage's descriptors are not all met)."),
    ]
    items = "".join(f'<li><span class="swatch {kind}"></span>{esc(said)}</li>' for kind, said in legend)
    return "\n".join(
        [
            '<figure class="journey-map">',
            "<table>",
            "<caption>Journey map: the stage each aspect has reached, and its target</caption>",
            f'<thead><tr><th scope="col">Aspect</th>{heads}</tr></thead>',
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
            f'<figcaption><ul class="legend">{items}</ul></figcaption>',
            "</figure>",
        ]
    )


def _profile(wording: Wording, cycle: Cycle) -> list[str]:
    judgements = cycle.profile.judgements
    owned = any(judgement.professional_judgement is not None for judgement in judgements)
    heads = ["Aspect", "Stage the evidence gives", *(["The school's own judgement"] if owned else []), "Target", "Why"]
    out = [
        "<section>",
        "<h2>Stage profile</h2>",
        f"<p>Each stage below is {esc(wording.rule(cycle.profile.rule))}.</p>",
        *_table_open("The stage of each aspect, its target, and why", tuple(heads)),
    ]
    for judgement in judgements:
        title = wording.framework.aspect(judgement.aspect).title.en
        gap = cycle.gaps.gap(judgement.aspect)
        reached = f"<strong>{_judged_html(wording, judgement.status, judgement.stage)}</strong>"
        target = inline_html(target_words(wording, gap))
        cells = [reached, *([inline_html(own_judgement_words(wording, judgement))] if owned else []), target]
        cells.append(esc(why(wording, judgement, cycle.profile.rule)))
        out.append(f'<tr><th scope="row">{esc(title)}</th>' + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    out += [*_table_close(), "</section>"]
    return out


def _lists(wording: Wording, cycle: Cycle) -> list[str]:
    out = ["<section>", "<h2>Evidence checks</h2>", "<ul>"]
    lacking = wording.not_enough_evidence(cycle.profile)
    shown = wording.findings(cycle.findings, lacking)
    out += [f"<li><strong>{esc(SEVERITIES[f.severity])}:</strong> {esc(f.message)}</li>" for f in shown]
    if lacking:
        out.append(f"<li><strong>Not enough evidence:</strong> {esc(lacking)}</li>")
    out += ["<li>Nothing to question.</li>"] if not shown and not lacking else []
    out += ["</ul>", "</section>", "<section>", "<h2>Gaps to targets</h2>"]
    out += [f"<p>{esc(TARGETS_SAID)}</p>"] if cycle.recommendation.chosen_by_school else []
    gaps = open_gaps(cycle)
    out.append("<ul>")
    out += [
        f"<li>{esc(gap.explanation)}</li>"
        if whose is None
        else f"<li><strong>{esc(whose)}:</strong> {esc(gap.explanation)}</li>"
        for whose, gap in gaps
    ]
    out += ["<li>No open gap: every aspect judged has reached its target.</li>"] if not gaps else []
    out += ["</ul>", "</section>", "<section>", "<h2>Priorities and next steps</h2>"]
    if cycle.recommendation.priorities:
        out.append(f"<p>{esc(PRIORITIES_SAID)}</p>")
    for priority in cycle.recommendation.priorities:
        title = esc(wording.framework.aspect(priority.aspect).title.en)
        towards = f"from {_stage_html(wording, priority.current)} to {_stage_html(wording, priority.target)}"
        out.append(f"<h3>{priority.rank}. {title}: {towards}</h3>")
        beside = [reason for reason in priority.reasons if reason.kind != "gap"]
        if beside:
            out += ["<ul>", *(f"<li>{esc(sentence(r.text))}</li>" for r in beside), "</ul>"]
        out.append("<ol>")
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


def _table_open(caption: Inline, headers: tuple[str, ...]) -> list[str]:
    """A table's start, in a box that scrolls sideways where a narrow screen cannot show it whole."""
    wide = ' class="wide"' if len(headers) > 3 else ""
    heads = "".join(f'<th scope="col">{esc(header)}</th>' for header in headers)
    return [
        f'<div class="scrolls" role="region" tabindex="0" aria-label="{esc(plain(caption))}">',
        f"<table{wide}>",
        f"<caption>{inline_html(caption)}</caption>",
        f"<thead><tr>{heads}</tr></thead>",
        "<tbody>",
    ]


def _table_close() -> list[str]:
    return ["</tbody>", "</table>", "</div>"]


def _table(caption: str, headers: tuple[str, ...], rows: tuple[tuple[Inline, ...], ...]) -> list[str]:
    out = _table_open(caption, headers)
    for first, *rest in rows:
        cells = "".join(f"<td>{inline_html(cell)}</td>" for cell in rest)
        out.append(f'<tr><th scope="row">{inline_html(first)}</th>{cells}</tr>')
    return [*out, *_table_close()]


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
    headers = ("Aspect", *(f"Self-evaluation of {date}" for date in progress.dates))
    out = [
        "<section>",
        "<h2>Progress over time</h2>",
        *_table_open("Each aspect's stage at each self-evaluation", headers),
    ]
    for aspect in progress.aspects:
        shown = [_judged_html(wording, *pair) for pair in zip(aspect.statuses, aspect.stages, strict=True)]
        cells = "".join(f"<td>{text}</td>" for text in shown)
        stalled = " (stalled)" if aspect.stalled else ""
        title = wording.framework.aspect(aspect.aspect).title.en
        out.append(f'<tr><th scope="row">{esc(title)}{stalled}</th>{cells}</tr>')
    out += [*_table_close(), "</section>"]
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


def html_report(
    framework: Framework,
    cycle: Cycle,
    *,
    note: str | None = None,
    language: Language = "en",
    school_name: str | None = None,
) -> str:
    """The report as one self-contained HTML file: journey map, profile, checks, gaps, next steps, plan, progress.

    It reads on a phone and on a desktop, prints on A4, and reads to a
    screen reader: the map is a table whose every box says in a word what
    it marks, the tables have captions and row headers, and Welsh words are
    marked as Welsh.

    Args:
        framework: The framework edition.
        cycle: What the cycle produced.
        note: A line to print under the title (the demo says its school is fictional).
        language: ``"cy"`` for Welsh where a Welsh source gives it, with the fallbacks said.
        school_name: The school's name for the title (its reference is used without one).
    """
    wording = Wording(framework, language)
    profile = cycle.profile
    named = school_name or profile.school
    head = page_head(f"Self-evaluation report: {named}")
    if note:
        head.append(f'<p class="note">{esc(note)}</p>')
    if wording.note:
        head.append(f'<p class="note">{esc(wording.note)}</p>')
    school = f"{school_name} (reference {profile.school})" if school_name else profile.school
    facts = (
        ("School", school),
        ("Self-evaluation", long_date(profile.date)),
        ("Framework edition", profile.framework_edition),
    )
    head += [
        "<dl>",
        *(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in facts),
        "</dl>",
        f'<p class="caution">{esc(SCHOOL_CAUTION)}</p>',
        "<section>",
        "<h2>Journey map</h2>",
        journey_map(wording, cycle),
        "<p>The same is in words in the stage profile below.</p>",
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

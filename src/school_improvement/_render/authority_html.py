"""The reports across schools as one self-contained HTML page each: the roll-up, with a picture, and the partnerships.

The picture of a group's counts is inline SVG: one stacked bar per aspect,
a part for each count. Each kind of part has its own pattern or outline as
well as its colour, so the picture reads in greyscale and to colour-blind
readers; a white gap parts each from the next; every fill, mark and outline
is at least 3:1 against the white page and every count written on a part at
least 4.5:1 against it. The picture is drawn to the width of the page up to
a limit, with its text large enough to stay at least 12 CSS pixels on a
phone 390 pixels wide; its counts are said in words in its description and
in the table after it.
"""

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from school_improvement._assessment.assess import JudgementStatus
from school_improvement._authority.matching import Collaboration
from school_improvement._authority.rollup import AspectSpread, GroupRollup, Rollup
from school_improvement._authority.schools import School
from school_improvement._authority.survey import Survey
from school_improvement._content.framework import Framework
from school_improvement._render.authority import (
    COUNTED,
    STAGES_ACROSS,
    Counted,
    Notices,
    aspect_named,
    authority_report,
    chart_description,
    chart_title,
    counted_name,
    counts,
)
from school_improvement._render.document import InWelsh
from school_improvement._render.html import esc, html_blocks, page_foot, page_head
from school_improvement._render.wording import Wording
from school_improvement._stage import Stage
from school_improvement._text import Language

PAGE = "#FFFFFF"
"""The page behind the picture, and the gap between its parts."""
INK = "#1A1A1A"
"""The picture's words on the page: the aspects and the key."""


@attrs.frozen
class Look:
    """How one kind of part of the picture is drawn.

    Attributes:
        fill: The part's colour.
        pattern: The pattern over it, its own for each kind: ``solid`` for none.
        marks: The colour of the pattern's marks; ``None`` for a solid part.
        text: The colour of the count written on the part.
        outline: The colour of the part's edge, for a part filled with the page's white.
        dashed: Whether the edge is dashed.
    """

    fill: str
    pattern: str
    marks: str | None
    text: str
    outline: str | None = None
    dashed: bool = False

    @property
    def colours(self) -> tuple[str, ...]:
        """The colours that mark the part out from the page: its fill (unless white), marks and outline."""
        shown = (None if self.fill == PAGE else self.fill, self.marks, self.outline)
        return tuple(colour for colour in shown if colour is not None)


LOOKS: Mapping[Counted, Look] = MappingProxyType(
    {
        JudgementStatus.NO_STAGE_YET: Look("#B07CC6", "dots", "#5E2F75", "#000000"),
        Stage.STARTING_THE_JOURNEY: Look("#4A8FD0", "horizontal", "#1F5A99", "#000000"),
        Stage.MAKING_PROGRESS: Look("#2E6DAD", "vertical", "#0B3D6E", "#FFFFFF"),
        Stage.BUILDING_MOMENTUM: Look("#0B4F8A", "rising", "#4A8FD0", "#FFFFFF"),
        Stage.SUSTAINING_HIGH_STANDARDS: Look("#082A4D", "solid", None, "#FFFFFF"),
        JudgementStatus.NOT_ENOUGH_EVIDENCE: Look(PAGE, "falling", "#767676", INK, "#595959"),
        JudgementStatus.NOT_APPLICABLE: Look(PAGE, "outline", None, INK, "#595959", dashed=True),
    }
)
"""How each count is drawn: purple dots for no stage yet; the four stages in blues, darker as they go on, each
with its own lines (the last solid); not enough evidence striped on white, as in the journey map; not
applicable a dashed outline on white."""

_MARKS = MappingProxyType(
    {
        "dots": '<circle cx="4" cy="4" r="1.6" fill="{marks}"/>',
        "horizontal": '<path d="M0 4H8" stroke="{marks}" stroke-width="1.6"/>',
        "vertical": '<path d="M4 0V8" stroke="{marks}" stroke-width="1.6"/>',
        "rising": '<path d="M-2 2L2 -2M0 8L8 0M6 10L10 6" stroke="{marks}" stroke-width="1.6"/>',
        "falling": '<path d="M-2 6L2 10M0 0L8 8M6 -2L10 2" stroke="{marks}" stroke-width="1.6"/>',
    }
)
"""Each pattern's marks on its 8-unit tile."""

FONT = 14
"""The size of the picture's text in its own units."""
GAP = 2
"""The white gap between two parts of a bar, in the picture's units."""
_BAR, _LINE, _KEY_ROW = 24, 17, 22


@attrs.frozen
class Layout:
    """How the picture is laid out for a width of screen: the aspects' names beside their bars, or above them.

    Attributes:
        name: The picture's class: ``wide`` or ``narrow``.
        width: Its width in its own units.
        label: How wide the aspects' names are beside the bars; 0 to put them above.
        wrap: The most characters in a line of an aspect's name.
        key_columns: How many columns the key is in.
        most: The widest the picture is drawn on the page (CSS), so that its text keeps near the page's size.
    """

    name: str
    width: int
    label: int
    wrap: int
    key_columns: int
    most: str

    @property
    def bar(self) -> int:
        """How wide each bar is, in the picture's units."""
        return self.width - self.label


WIDE = Layout("wide", 760, 300, 36, 3, "48rem")
"""Beside: on a screen wider than 48rem (and on paper), the text 14 CSS pixels at the widest, 11.8 on A4."""
NARROW = Layout("narrow", 400, 0, 46, 1, "30rem")
"""Above: on a phone's screen, the text 12.5 CSS pixels where the page leaves 358 pixels for the picture."""
SWITCH = "48rem"
"""The width of screen under which the narrow layout is drawn instead of the wide one."""

CHART_CSS = f"""
.stage-chart {{ margin: 1rem 0; }}
.stage-chart svg {{ display: block; width: 100%; height: auto; }}
.stage-chart svg.wide {{ max-width: {WIDE.most}; }}
.stage-chart svg.narrow {{ display: none; max-width: {NARROW.most}; }}
.stage-chart figcaption {{ max-width: 40rem; }}
@media screen and (max-width: {SWITCH}) {{
  .stage-chart svg.wide {{ display: none; }}
  .stage-chart svg.narrow {{ display: block; }}
}}
"""
"""The picture's style: drawn to the page's width up to a limit; the layout for a narrow screen below 48rem."""


def _key(kind: Counted) -> str:
    return f"stage-{kind.position}" if isinstance(kind, Stage) else kind.value


def _fill(prefix: str, kind: Counted) -> str:
    look = LOOKS[kind]
    return look.fill if look.marks is None else f"url(#{prefix}-{_key(kind)})"


def _patterns(prefix: str) -> list[str]:
    out = ["<defs>"]
    for kind in COUNTED:
        look = LOOKS[kind]
        if look.marks is None:
            continue
        out.append(
            f'<pattern id="{prefix}-{_key(kind)}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{look.fill}"/>{_MARKS[look.pattern].format(marks=look.marks)}</pattern>'
        )
    return [*out, "</defs>"]


def _part(prefix: str, kind: Counted, box: tuple[float, float, float, float]) -> str:
    """The opening tag of one part of a bar (or of the key), in ``box``: left, top, width and height."""
    x, y, width, height = box
    look = LOOKS[kind]
    edge = ""
    if look.outline is not None:
        dashes = ' stroke-dasharray="4 2"' if look.dashed else ""
        edge = f' stroke="{look.outline}" stroke-width="1.5"{dashes}'
        x, y, width, height = x + 0.75, y + 0.75, max(width - 1.5, 0.5), height - 1.5
    return f'<rect x="{x:.2f}" y="{y:g}" width="{width:.2f}" height="{height:g}" fill="{_fill(prefix, kind)}"{edge}>'


def _lang(words: str | InWelsh) -> str:
    return ' lang="cy"' if isinstance(words, InWelsh) else ""


def _said(wording: Wording, kind: Counted) -> str | InWelsh:
    return wording.stage_said(kind) if isinstance(kind, Stage) else counted_name(wording, kind)


def _text(words: str | InWelsh) -> str:
    return esc(words.text if isinstance(words, InWelsh) else words)


def _lines(words: str, most: int) -> list[str]:
    """Words broken into lines of at most ``most`` characters, at spaces (a longer word keeps a line of its own)."""
    lines: list[str] = []
    for word in words.split():
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _legend(wording: Wording, layout: Layout, prefix: str, top: float) -> tuple[list[str], float]:
    out = ['<g class="key">']
    column = layout.width / layout.key_columns
    for place, kind in enumerate(COUNTED):
        x, y = column * (place % layout.key_columns), top + _KEY_ROW * (place // layout.key_columns)
        out.append(_part(prefix, kind, (x, y, 30, 16)) + "</rect>")
        said = _said(wording, kind)
        out.append(
            f'<text x="{x + 38:g}" y="{y + 13:g}" font-size="{FONT}" fill="{INK}"{_lang(said)}>{_text(said)}</text>'
        )
    rows = -(-len(COUNTED) // layout.key_columns)
    return [*out, "</g>"], top + rows * _KEY_ROW + 12


def _counts_drawn(wording: Wording, layout: Layout, prefix: str, spread: AspectSpread, y: float) -> list[str]:
    total = spread.schools or 1
    out, start = [], 0
    for kind, count in zip(COUNTED, counts(spread), strict=True):
        if not count:
            continue
        x, width = layout.label + layout.bar * start / total, layout.bar * count / total
        start += count
        said = _said(wording, kind)
        hover = f"{esc(aspect_named(wording, spread.aspect))}: {_text(said)}, {count}"
        out.append(f"{_part(prefix, kind, (x + GAP / 2, y, width - GAP, _BAR))}<title>{hover}</title></rect>")
        if width - GAP >= len(str(count)) * FONT * 0.6 + 6:
            look = LOOKS[kind]
            out.append(
                f'<text x="{x + width / 2:.2f}" y="{y + _BAR / 2 + FONT * 0.35:.2f}" font-size="{FONT}" '
                f'font-weight="bold" text-anchor="middle" fill="{look.text}" stroke="{look.fill}" stroke-width="4" '
                f'stroke-linejoin="round" paint-order="stroke">{count}</text>'
            )
    return out


def _bar(wording: Wording, layout: Layout, prefix: str, spread: AspectSpread, top: float) -> tuple[list[str], float]:
    """One aspect's name and bar from ``top``, and where the next begins."""
    title = _lines(aspect_named(wording, spread.aspect), layout.wrap)
    named = len(title) * _LINE
    if layout.label:
        height = max(named, _BAR)
        first, y = top + (height - named) / 2 + FONT - 2, top + (height - _BAR) / 2
    else:
        height = named + 4 + _BAR
        first, y = top + FONT - 2, top + named + 4
    out = ["<g>"]
    out += [
        f'<text x="0" y="{first + line * _LINE:g}" font-size="{FONT}" fill="{INK}">{esc(words)}</text>'
        for line, words in enumerate(title)
    ]
    out += _counts_drawn(wording, layout, prefix, spread, y)
    return [*out, "</g>"], top + height + (12 if layout.label else 14)


def stage_chart(wording: Wording, group: GroupRollup, prefix: str, layout: Layout = WIDE) -> str:
    """A group's counts as inline SVG: a key, then a stacked bar per aspect, labelled, titled and described.

    Args:
        wording: The words, in the report's language.
        group: The group's roll-up.
        prefix: What makes the picture's ``id`` attributes its own on the page.
        layout: The aspects' names beside the bars, or above them.
    """
    prefix = f"{prefix}-{layout.name}"
    body, top = _legend(wording, layout, prefix, 2)
    for spread in group.spreads:
        drawn, top = _bar(wording, layout, prefix, spread, top)
        body += drawn
    return "\n".join(
        [
            (
                f'<svg xmlns="http://www.w3.org/2000/svg" class="{layout.name}" viewBox="0 0 {layout.width} {top:g}" '
                f'role="img" aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc">'
            ),
            f'<title id="{prefix}-title">{esc(chart_title(group))}</title>',
            f'<desc id="{prefix}-desc">{esc(chart_description(wording, group))}</desc>',
            *_patterns(prefix),
            *body,
            "</svg>",
        ]
    )


def html_authority_report(  # noqa: PLR0913 (each is a keyword: what the report holds, and how it says it)
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
    """A report across many schools as one self-contained HTML file: the roll-up and the collaboration.

    The same content as ``markdown_authority_report``, with a picture of
    each group's counts before its table. The caution fits what the report
    holds. The roll-up counts the schools at each stage in each aspect and,
    given the survey, lists the schools in each count; the collaboration
    leads with who supports whom and explains each partnership after. Each
    school is listed last with its self-evaluation and where its priorities
    come from.

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
    body = page_head(report.title, CHART_CSS)
    body += [f'<p class="note">{esc(text)}</p>' for text in report.notes]
    body.append(f'<p class="caution">{esc(report.caution)}</p>')
    body += [] if report.about is None else html_blocks((report.about,), 2)
    if report.groups:
        body += ["<section>", f"<h2>{esc(STAGES_ACROSS)}</h2>"]
        for number, part in enumerate(report.groups, start=1):
            body += [
                "<section>",
                f"<h3>{esc(part.title)}</h3>",
                f'<figure class="stage-chart" id="chart-{number}">',
                stage_chart(wording, part.group, f"chart-{number}", WIDE),
                stage_chart(wording, part.group, f"chart-{number}", NARROW),
                f"<figcaption>{esc(part.caption)}</figcaption>",
                "</figure>",
                *html_blocks(part.blocks, 4),
                "</section>",
            ]
        body.append("</section>")
    body += html_blocks(report.blocks, 2)
    return "\n".join(body + page_foot(framework))

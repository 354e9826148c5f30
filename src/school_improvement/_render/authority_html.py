"""The reports across schools as one self-contained HTML page each: the roll-up and the collaboration."""

from school_improvement._authority.matching import Collaboration
from school_improvement._authority.rollup import GroupRollup, Rollup
from school_improvement._authority.survey import SchoolBasis
from school_improvement._content.framework import Framework
from school_improvement._render.authority import (
    Notices,
    own_priorities,
    partnerships,
    schools_surveyed,
    support_needed,
    system_priorities,
    unused_offers,
)
from school_improvement._render.html import esc, html_blocks, page_foot, page_head
from school_improvement._render.wording import AUTHORITY_CAUTION, Wording, authority_title
from school_improvement._stage import Stage
from school_improvement._text import Language


def _group_html(wording: Wording, group: GroupRollup, bases: tuple[SchoolBasis, ...]) -> list[str]:
    mean = any(spread.mean_position is not None for spread in group.spreads)
    heads = "".join(f"<th>{esc(wording.stage(stage))}</th>" for stage in Stage)
    out = [
        "<section>",
        f"<h3>{esc(group.group)} ({len(group.schools)} schools)</h3>",
        "<table>",
        f"<thead><tr><th>Aspect</th><th>No stage yet</th>{heads}<th>Not enough evidence</th><th>Not applicable</th>"
        "<th>Rated</th>" + ("<th>Mean position</th>" if mean else "") + "</tr></thead>",
        "<tbody>",
    ]
    for spread in group.spreads:
        counts = "".join(f"<td>{count.schools}</td>" for count in spread.stages)
        shown = f"<td>{spread.mean_position:.2f}</td>" if spread.mean_position is not None else ""
        rated = "-" if spread.coverage is None else f"{spread.coverage:.0%}"
        out.append(
            f"<tr><td>{esc(wording.framework.aspect(spread.aspect).title.en)}</td><td>{spread.no_stage_yet}</td>"
            f"{counts}<td>{spread.not_enough_evidence}</td><td>{spread.not_applicable}</td><td>{rated}</td>{shown}</tr>"
        )
    out += ["</tbody>", "</table>"]
    unrated = [spread for spread in group.spreads if spread.held_back_by_unrated]
    if unrated:
        listed = ", ".join(f"{spread.aspect} ({spread.held_back_by_unrated})" for spread in unrated)
        out.append(f"<p>Held back only by descriptors not yet rated, and so not counted as early: {esc(listed)}.</p>")
    out += html_blocks((own_priorities(group, bases), system_priorities(wording, group)), 4)
    out += ["<p><strong>Shared next steps.</strong></p>", "<ul>"]
    out += [
        f"<li><strong>{esc(s.descriptor)}</strong> ({s.schools} schools) {esc(s.text)}</li>" for s in group.shared_steps
    ] or ["<li>None shared by two schools or more.</li>"]
    out += ["</ul>", *html_blocks(support_needed(wording, group), 4), "</section>"]
    return out


def _collaboration_html(collaboration: Collaboration) -> list[str]:
    out = [
        "<section>",
        "<h2>Collaboration</h2>",
        (
            f"<p>{len(collaboration.partnerships)} partnerships, with a total benefit of "
            f"{collaboration.total_benefit}, the greatest the options allow.</p>"
        ),
        *html_blocks((partnerships(collaboration),), 3),
    ]
    if collaboration.unmatched:
        out += ["<h3>Without a partner</h3>", "<ul>"]
        out += [
            f"<li><strong>{esc(u.school)}</strong> ({esc(u.reason.value)}): {esc(u.explanation)}</li>"
            for u in collaboration.unmatched
        ]
        out.append("</ul>")
    out += [*html_blocks((unused_offers(collaboration),), 3), "</section>"]
    return out


def html_authority_report(  # noqa: PLR0913 (each is a keyword: what the report holds, and how it says it)
    framework: Framework,
    *,
    rollup: Rollup | None = None,
    collaboration: Collaboration | None = None,
    note: str | None = None,
    language: Language = "en",
    notices: Notices | None = None,
) -> str:
    """A report across many schools as one self-contained HTML file: the roll-up and the collaboration.

    The same content as ``markdown_authority_report``: whose priorities lead
    in each group, the rule behind each system-level priority, the support
    needed by source and aspect, each partner's basis, the offers not used,
    and each school's self-evaluation and basis.

    Args:
        framework: The framework edition.
        rollup: The roll-up to show, if any.
        collaboration: The partnerships to show, if any.
        note: A line to print under the title.
        language: ``"cy"`` for the stage names in Welsh, with the fallbacks said.
        notices: What the library notices about each school's chosen
            priorities, by reference (each snapshot's ``notices``): counted in
            each school's row and listed, noticed, not changed.
    """
    wording = Wording(framework, language)
    body = page_head(authority_title(rollup, collaboration))
    body += [f'<p class="note">{esc(text)}</p>' for text in (note, wording.note) if text]
    body.append(f'<p class="caution">{esc(AUTHORITY_CAUTION)}</p>')
    dated = rollup or collaboration
    ages = "" if dated is None else Wording.ages(dated.ages, dated.as_of, dated.max_age_days)
    if ages:
        body.append(f"<p>{esc(ages)}</p>")
    if rollup is not None:
        body += ["<section>", "<h2>Stages across schools</h2>"]
        if rollup.without_self_evaluation:
            body.append(
                f"<p>Not counted, with no self-evaluation: {esc(', '.join(rollup.without_self_evaluation))}.</p>"
            )
        for group in (rollup.overall, *rollup.groups):
            body += _group_html(wording, group, rollup.bases)
        body.append("</section>")
    if collaboration is not None:
        body += _collaboration_html(collaboration)
    surveyed = None if dated is None else schools_surveyed(dated.ages, dated.bases, dated.max_age_days, notices)
    body += [] if surveyed is None else html_blocks((surveyed,), 2)
    return "\n".join(body + page_foot(framework))

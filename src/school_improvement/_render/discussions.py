"""The record of a professional discussion as blocks: who took part, what was agreed, and both views of each aspect.

This is moderation: where the school and the local authority see an
aspect's stage differently, the record shows both side by side and explains
the difference. Neither view is merged into the other or put above it.
"""

from school_improvement._assessment.assess import StageProfile
from school_improvement._planning.discussion import AspectView, DiscussionRecord, SupportItem, view_differences
from school_improvement._render.document import Block, Bullets, Document, Inline, Paragraph, Section, Table
from school_improvement._render.wording import DISCUSSION_CAUTION, SUPPORT_SOURCES, Wording, status_words


def _agreed(wording: Wording, record: DiscussionRecord) -> Block:
    if not record.agreed_priorities:
        return Paragraph("No priorities were agreed.")
    rows = tuple(
        (
            str(number),
            wording.aspects(priority.aspects),
            wording.stage_said(priority.target),
            str(priority.by),
            priority.reason,
            "none named"
            if priority.national_priority is None
            else wording.national_priority(priority.national_priority, start=True),
        )
        for number, priority in enumerate(record.agreed_priorities, start=1)
    )
    headers = ("Priority", "Aspects", "Target", "By", "Why", "National priority")
    return Table("Each priority agreed, with its target and why", headers, rows, key=2)


def _view_row(wording: Wording, view: AspectView, profile: StageProfile | None) -> tuple[Inline, ...]:
    row: tuple[Inline, ...] = (
        wording.framework.aspect(view.aspect).title.en,
        wording.stage_said(view.school_stage),
        wording.stage_said(view.local_authority_stage),
    )
    if profile is not None:
        judgement = profile.judgement(view.aspect)
        found = judgement.status.judged
        row += (wording.stage_said(judgement.stage) if found else wording.judged(judgement.status, judgement.stage),)
    same = view.school_stage == view.local_authority_stage
    return (*row, "the same" if same else "different", view.note or "-")


def _views(wording: Wording, record: DiscussionRecord, profile: StageProfile | None) -> tuple[Block, ...]:
    if not record.views:
        return (Paragraph("No aspect's stage was discussed."),)
    order = {aspect.code: place for place, aspect in enumerate(wording.framework.aspects)}
    views = sorted(record.views, key=lambda view: order[view.aspect])
    headers: tuple[str, ...] = ("Aspect", "The school's view", "The local authority's view")
    blocks: list[Block] = []
    if profile is not None:
        headers += (f"The evidence gives ({profile.rule.name} rule)",)
        said = f"The evidence column is the stage profile of the self-evaluation of {profile.date}."
        blocks.append(Paragraph(said))
    headers += ("The views", "Note")
    rows = tuple(_view_row(wording, view, profile) for view in views)
    blocks.append(Table("Each aspect's stage, as the school and the local authority see it", headers, rows))
    differences = tuple(d.explanation for d in view_differences(wording.framework, record, profile))
    blocks.append(
        Bullets(differences, "Where the views differ")
        if differences
        else Paragraph("The school and the local authority see every aspect discussed at the same stage.")
    )
    return tuple(blocks)


def _support(wording: Wording, support: tuple[SupportItem, ...]) -> tuple[Block, ...]:
    if not support:
        return (Paragraph("No support was asked for."),)
    blocks: list[Block] = []
    for source, said in SUPPORT_SOURCES.items():
        rows = tuple(
            (item.description, wording.aspects(item.aspects), item.provider or "not named", status_words(item.status))
            for item in support
            if item.source is source
        )
        if rows:
            blocks.append(Table(said, ("Support", "For", "Provider", "Status"), rows))
    return tuple(blocks)


def _strengths(wording: Wording, record: DiscussionRecord) -> Block:
    if not record.strengths:
        return Paragraph("No strengths were offered to share.")
    items = tuple(
        f"{wording.aspects(offer.aspects)}: can support "
        + ("1 other school" if offer.capacity == 1 else f"up to {offer.capacity} other schools")
        + (f". {offer.note}" if offer.note else ".")
        for offer in record.strengths
    )
    return Bullets(items)


def discussion_document(wording: Wording, record: DiscussionRecord, profile: StageProfile | None) -> Document:
    """The whole record: who took part, the priorities agreed, both views, support, strengths and the next review."""
    people = tuple(
        person.role if person.organisation is None else f"{person.role}, {person.organisation}"
        for person in record.participants
    )
    blocks: tuple[Block, ...] = (
        Section("Who took part", (Bullets(people),)),
        Section("Priorities agreed", (_agreed(wording, record),)),
        Section("The two views of each aspect", _views(wording, record, profile)),
        Section("Support", _support(wording, record.support)),
        Section("Strengths to share", (_strengths(wording, record),)),
        Section("Next review", (Paragraph(f"The school and the local authority meet again on {record.next_review}."),)),
    )
    if record.notes:
        blocks += (Section("Notes", (Paragraph(record.notes),)),)
    notes = (wording.note,) if wording.note else ()
    title = f"Professional discussion: {record.school}, {record.date}"
    return Document(title, notes, DISCUSSION_CAUTION, blocks, wording.welsh_sources)

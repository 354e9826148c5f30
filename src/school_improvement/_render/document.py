"""A report's content as a few kinds of block, said once and written out as plain text, Markdown or HTML.

A block holds words, never markup: each format escapes them as it writes
them. Words in Welsh are marked, so that HTML can say where the language
changes.
"""

from collections.abc import Iterator
from typing import Literal

import attrs


@attrs.frozen
class InWelsh:
    """Words in Welsh, inside English text: HTML marks them with ``lang="cy"``."""

    text: str


Phrase = tuple[str | InWelsh, ...]
"""Words in pieces, some of them in Welsh."""
Inline = str | InWelsh | Phrase
"""Words as a block holds them: plain, Welsh, or a phrase of both."""


def plain(words: Inline) -> str:
    """The words as one string, whatever their language.

    Examples:
        >>> plain(("Target: ", InWelsh("gwneud cynnydd"), " by 2027-07-31"))
        'Target: gwneud cynnydd by 2027-07-31'
    """
    if isinstance(words, str):
        return words
    if isinstance(words, InWelsh):
        return words.text
    return "".join(plain(piece) for piece in words)


def pieces(words: Inline) -> Iterator[str | InWelsh]:
    """The words piece by piece, each plain or Welsh."""
    if isinstance(words, (str, InWelsh)):
        yield words
    else:
        yield from words


@attrs.frozen
class Paragraph:
    """A paragraph.

    Attributes:
        text: Its words.
        kind: ``plain``, ``note`` (said in passing), ``caution`` or ``muted`` (less prominent).
    """

    text: Inline
    kind: Literal["plain", "note", "caution", "muted"] = "plain"


@attrs.frozen
class Facts:
    """Labelled facts about one thing (``Lead: Deputy head``), in order."""

    items: tuple[tuple[str, Inline], ...]


@attrs.frozen
class Bullets:
    """A list of items, in order, with what it lists.

    Attributes:
        items: The items.
        caption: What the list holds, said before it, if the heading above does not say it.
    """

    items: tuple[Inline, ...]
    caption: str | None = None


@attrs.frozen
class Table:
    """A table whose first column heads each row.

    Attributes:
        caption: What the table holds.
        headers: The column headings.
        rows: The rows, each with a cell for each heading.
        key: How many of the first cells name the row, for formats that write a row as a line and its details.
    """

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    key: int = 1


@attrs.frozen
class Section:
    """A headed part of a document; its heading's level is how deep it is nested."""

    title: str
    blocks: "tuple[Block, ...]"


Block = Paragraph | Facts | Bullets | Table | Section
"""One block of a document."""


@attrs.frozen
class Document:
    """A whole document: a title, notes under it, its caution and its blocks.

    Attributes:
        title: The title.
        notes: Lines said under the title (a fictional school, what is in Welsh).
        caution: What the document is not (not grades, not a judgement by Estyn or Welsh Government).
        blocks: The content.
        acknowledgements: Attributions beyond the framework's own (the source of the Welsh shown).
    """

    title: str
    notes: tuple[str, ...]
    caution: str
    blocks: tuple[Block, ...]
    acknowledgements: tuple[str, ...] = ()

"""A printed report read back: its pages' size and how far down each is filled."""

import io

import attrs
from pypdf import PdfReader

A4 = (595.0, 842.0)
"""A4 in PDF points (210 mm by 297 mm), to the nearest point."""


@attrs.frozen
class PrintedPage:
    """One printed page.

    Attributes:
        width: Its width in points.
        height: Its height in points.
        filled: How far down the page its lowest text reaches, as a fraction of the height (0 when it has none).
    """

    width: float
    height: float
    filled: float


def printed_pages(pdf: bytes) -> list[PrintedPage]:
    """Each page of a PDF with its size and how far down its text reaches."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        box = page.mediabox
        width, height = float(box.width), float(box.height)
        lowest = height

        def seen(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
            nonlocal lowest
            if text.strip():
                # Where the text starts on the page: the text matrix's origin through the current matrix.
                lowest = min(lowest, tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=seen)
        pages.append(PrintedPage(width, height, (height - lowest) / height))
    return pages


def half_empty(pages: list[PrintedPage]) -> list[int]:
    """The pages, numbered from 1, whose text stops above the middle of the page, the last page apart."""
    return [number for number, page in enumerate(pages[:-1], start=1) if page.filled < 0.5]

"""Content negotiation: which of the forms an endpoint offers the request's ``Accept`` header asks for.

Only the standard library, so it can be read (and tested) without the ``server`` extra.
"""

from collections.abc import Sequence


def _ranges(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header, each with its quality (1 unless ``q`` says otherwise)."""
    ranges = []
    for item in accept.split(","):
        media, *parameters = (part.strip() for part in item.split(";"))
        if not media:
            continue
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    quality = 0.0  # a quality that is not a number accepts nothing
        ranges.append((media.lower(), quality))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """The quality the most specific range matching ``offer`` gives it, and how specific that range is (0 to 2)."""
    kind, _, _ = offer.partition("/")
    best: tuple[int, float] | None = None
    for media, quality in ranges:
        if media == offer:
            specific = 2
        elif media == f"{kind}/*":
            specific = 1
        elif media == "*/*":
            specific = 0
        else:
            continue
        if best is None or specific > best[0]:
            best = (specific, quality)
    return (0.0, -1) if best is None else (best[1], best[0])


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offered media type the ``Accept`` header prefers; ``None`` if it accepts none of them.

    Without an ``Accept`` header, or with an empty one, the first offer. Between offers of equal quality, the
    earlier offer wins.

    Examples:
        >>> negotiate("text/markdown, text/html;q=0.5", ["text/html", "text/markdown"])
        'text/markdown'
        >>> negotiate("*/*", ["text/html", "text/markdown"])
        'text/html'
        >>> negotiate("application/pdf", ["text/html", "text/markdown"]) is None
        True
    """
    if accept is None or not accept.strip():
        return offers[0]
    ranges = _ranges(accept)
    best, best_quality = None, 0.0
    for offer in offers:
        quality, _ = _quality(offer, ranges)
        if quality > best_quality:
            best, best_quality = offer, quality
    return best

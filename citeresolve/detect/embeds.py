"""Embedded posts: every platform's detectors run over one Document, duplicates folded."""

from __future__ import annotations

from collections.abc import Iterable

from citeresolve.document import Document
from citeresolve.model import Embed
from citeresolve.platforms import PLATFORMS
from citeresolve.platforms.autoembed import (
    framed_post_embeds,
    script_call_embeds,
    url_line_embeds,
    wrapped_link_embeds,
)

# Embeds read from the text rather than from markup: they give way to markup that overlaps.
PASTED_FORMS = frozenset({"text", "url-line"})

# How complete an embed is: the richer of two duplicates is the one kept.
_FIELDS = ("url", "post_id", "author_handle", "author_name", "published", "text")


def find_embeds(doc: Document) -> tuple[Embed, ...]:
    """All embedded posts, in document order.

    >>> from citeresolve.document import load
    >>> pasted = "Fire at the depot. pic.twitter.com/6cUPyB9YqA — Aldin (@tinso_ww) April 1, 2022"
    >>> doc = load("a.txt", data=pasted.encode())
    >>> [(e.platform, e.author_handle, e.published) for e in find_embeds(doc)]
    [('twitter', 'tinso_ww', '2022-04-01')]
    """
    found = [
        embed
        for platform in PLATFORMS.values()
        for detector in platform.detectors
        for embed in detector(doc)
    ]
    found.extend(url_line_embeds(doc))
    found.extend(wrapped_link_embeds(doc))
    found.extend(script_call_embeds(doc))
    found.extend(framed_post_embeds(doc))
    return tuple(
        sorted(_fold(found), key=lambda e: (e.span.start, e.span.end, e.platform, e.post_id or ""))
    )


def _fold(embeds: Iterable[Embed]) -> list[Embed]:
    """One embed per post: markup forms nest (a rendered div around its iframe, an AMP
    placeholder blockquote), and a blockquote's visible text also reads as a pasted post."""
    markup = [e for e in embeds if e.form not in PASTED_FORMS]
    pasted = [e for e in embeds if e.form in PASTED_FORMS]
    kept: list[Embed] = []
    for embed in sorted(markup, key=_richness, reverse=True):
        if not any(_same_post(embed, other) for other in kept):
            kept.append(embed)
    for embed in pasted:
        if not any(_overlaps(embed, other) for other in kept):
            kept.append(embed)
    return kept


def _richness(embed: Embed) -> tuple[int, int]:
    return sum(
        getattr(embed, name) is not None for name in _FIELDS
    ), embed.span.end - embed.span.start


def _same_post(a: Embed, b: Embed) -> bool:
    if a.platform != b.platform or a.post_id is None or a.post_id != b.post_id:
        return False
    return _overlaps(a, b) or _touches(a, b)


def _overlaps(a: Embed, b: Embed) -> bool:
    return a.span.start < b.span.end and b.span.start < a.span.end


def _touches(a: Embed, b: Embed) -> bool:
    """Zero-width spans (iframes) sit at a point; nested markup shares it or contains it."""
    return a.span.start <= b.span.start <= a.span.end or b.span.start <= a.span.start <= b.span.end

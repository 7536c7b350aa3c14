"""Links: every ``<a href>`` of an HTML page and every URL written out in the text."""

from __future__ import annotations

from bisect import bisect_right

from citeresolve.detect.bare_urls import find_bare_urls
from citeresolve.document import Document, iter_elements
from citeresolve.model import Link, Span
from citeresolve.platforms.base import attr

SKIPPED_SCHEMES = ("javascript:", "mailto:", "tel:", "sms:", "data:", "about:", "blob:", "file:")


def find_links(doc: Document) -> tuple[Link, ...]:
    """Links in document order; a URL written as an anchor's text counts once, as the anchor.

    >>> from citeresolve.document import load
    >>> page = b'<base href="https://example.com/news/"><p>See <a href="/x">this</a> and t.co/abc.'
    >>> doc = load("a.html", data=page + b' <a href="#top">top</a></p>')
    >>> [(link.url, link.span.text, link.origin) for link in find_links(doc)]
    [('https://example.com/x', 'this', 'href'), ('https://t.co/abc', 't.co/abc', 'text')]
    """
    links: list[Link] = []
    for anchor in iter_elements(doc, "a[href]"):
        href = attr(anchor, "href") or ""
        if not href or href.startswith("#") or href.lower().startswith(SKIPPED_SCHEMES):
            continue
        url = doc.absolute_url(href)
        if (
            url is None
            or not url.lower().startswith(("http://", "https://"))
            or _same_page(doc, url)
        ):
            continue
        links.append(Link(doc.span_of(anchor), url, "href"))
    anchored = sorted(
        (link.span.start, link.span.end) for link in links if link.span.end > link.span.start
    )
    starts = [start for start, _ in anchored]
    for bare in find_bare_urls(doc.text):
        index = bisect_right(starts, bare.start) - 1
        if index >= 0 and anchored[index][0] <= bare.start < anchored[index][1]:
            continue
        links.append(Link(Span.of(doc.text, bare.start, bare.end), bare.url, "text"))
    return tuple(sorted(links, key=lambda link: (link.span.start, link.span.end, link.url)))


def _same_page(doc: Document, url: str) -> bool:
    return bool(doc.url) and url.split("#", 1)[0] == doc.url

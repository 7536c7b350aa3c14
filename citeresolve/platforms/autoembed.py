"""Posts embedded by URL alone: a status link on a line of its own, as WordPress auto-embeds
it (and as a copied page shows a YouTube or TikTok embed), or the post's link inside a CMS's
embed wrapper that shows a fallback (BBC's "social-embed"), or a frame of the post's own page, on
any platform we know."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeresolve.document import Document
from citeresolve.model import Embed, Span
from citeresolve.platforms import post_from_url
from citeresolve.platforms.base import PostRef, frame_source


def _embed(ref: PostRef, form: str, span: Span) -> Embed:
    """A post known by its URL alone: no author's name, date or text to read."""
    return Embed(
        platform=ref.platform,
        form=form,
        span=span,
        url=ref.url,
        post_id=ref.post_id,
        author_handle=ref.handle,
    )


# What: a line holding one token and nothing else. Example: "https://x.com/a/status/1".
# Why linear: anchored at a line start; one non-space run, then only blanks to the line end,
# so a failed line costs its first token once.
_LONE_TOKEN = re.compile(r"^[ \t]*(\S{8,2000})[ \t]*$", re.M)


def url_line_embeds(doc: Document) -> Iterator[Embed]:
    """
    >>> from citeresolve.document import load
    >>> doc = load("a.txt", data=b"Watch:\\n\\nhttps://youtu.be/dQw4w9WgXcQ\\n\\nMore.")
    >>> [(e.platform, e.post_id, e.form) for e in url_line_embeds(doc)]
    [('youtube', 'dQw4w9WgXcQ', 'url-line')]
    """
    text = doc.text
    for line in _LONE_TOKEN.finditer(text):
        token = line.group(1)
        if "/" not in token or "." not in token:
            continue
        url = token if token.startswith(("http://", "https://")) else "https://" + token
        ref = post_from_url(url)
        if ref is None:
            continue
        yield _embed(ref, "url-line", Span.of(text, line.start(1), line.end(1)))


# What: a class token of an embed wrapper. Example: "social-embed", "embed-original-post-link".
# Why linear: a literal between separator checks, on short tokens.
_EMBED_TOKEN = re.compile(r"(?:^|[-_])embed(?:$|[-_])")
MAX_TOKEN = 64  # longer class names are not an embed wrapper's


def wrapped_link_embeds(doc: Document) -> Iterator[Embed]:
    """A post's permalink inside an element the CMS names an embed: the page shows a
    screenshot or a placeholder and links the original post ("embed-original-post-link").

    >>> from citeresolve.document import parse_html
    >>> doc = parse_html("<div class='social-embed'><a href='https://twitter.com/a/status/12'>"
    ...                  "View original tweet</a></div>")
    >>> [(e.platform, e.post_id, e.form) for e in wrapped_link_embeds(doc)]
    [('twitter', '12', 'embed-link')]
    """
    if doc.html is None:
        return
    for token, elements in doc.index.by_class.items():
        if len(token) > MAX_TOKEN or not _EMBED_TOKEN.search(token):
            continue
        for element in elements:
            anchors = [element] if element.name == "a" else element.find_all("a", limit=3)
            for anchor in anchors:
                ref = post_from_url(str(anchor.get("href") or ""))
                if ref is not None:
                    yield _embed(ref, "embed-link", doc.span_of(element))
                    break


FRAMING_TAGS = ("iframe", "embed-post")


def framed_post_embeds(doc: Document) -> Iterator[Embed]:
    """A frame whose source is the post's own page: instant-view renderings (Telegram's) write
    every embed as ``<iframe data-src="https://twitter.com/a/status/1">`` or
    ``<embed-post data-src="https://www.instagram.com/p/CODE">``, no platform markup around.

    >>> from citeresolve.document import parse_html
    >>> doc = parse_html("<p>Post:</p><embed-post data-src='https://www.instagram.com/p/B47ub'/>")
    >>> [(e.platform, e.post_id, e.form) for e in framed_post_embeds(doc)]
    [('instagram', 'B47ub', 'iframe')]
    """
    if doc.html is None:
        return
    for tag in FRAMING_TAGS:
        for frame in doc.index.by_tag.get(tag, ()):
            ref = post_from_url(frame_source(doc, frame))
            if ref is not None:
                yield _embed(ref, "iframe", doc.span_of(frame))


# What: an inline script that is one call with a URL for its argument. Example:
# 'renderExternalContent("https://www.youtube.com/embed/Ms5oaY7biWM?fs=1")'.
# Why linear: anchored; a bounded name run, literals, one negated class run to the quote.
_CALL_WITH_URL = re.compile(
    r"\s*[\w.$]{1,60}\(\s*[\"'](https?://[^\"'\s]{8,500})[\"']\s*\)\s*;?\s*$"
)
MAX_SCRIPT_CHARS = 600  # a loader call, not a program


def script_call_embeds(doc: Document) -> Iterator[Embed]:
    """A consent-gated player written in by a one-line script: the CMS (RFE/RL's and VOA's
    Pangea) calls ``renderExternalContent("https://www.youtube.com/embed/ID")`` where the
    post goes once the reader agrees; the page itself holds only that call.

    >>> from citeresolve.document import parse_html
    >>> doc = parse_html("<p>Video:</p><div class='placeholder'><script>"
    ...                  "renderExternalContent('https://www.youtube.com/embed/Ms5oaY7biWM?fs=1')"
    ...                  "</script></div>")
    >>> [(e.platform, e.post_id, e.form) for e in script_call_embeds(doc)]
    [('youtube', 'Ms5oaY7biWM', 'script-call')]
    """
    if doc.html is None:
        return
    for script in doc.index.by_tag.get("script", ()):
        code = script.string
        if script.get("src") or not code or len(code) > MAX_SCRIPT_CHARS:
            continue
        call = _CALL_WITH_URL.match(code)
        ref = post_from_url(call.group(1)) if call else None
        holder = script.parent
        if ref is not None and holder is not None:
            yield _embed(ref, "script-call", doc.span_of(holder))

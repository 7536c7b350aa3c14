"""Posts embedded by URL alone: a status link on a line of its own, as WordPress auto-embeds
it (and as a copied page shows a YouTube or TikTok embed), on any platform we know."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeresolve.document import Document
from citeresolve.model import Embed, Span
from citeresolve.platforms import post_from_url

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
        yield Embed(
            platform=ref.platform,
            form="url-line",
            span=Span.of(text, line.start(1), line.end(1)),
            url=ref.url,
            post_id=ref.post_id,
            author_handle=ref.handle,
        )

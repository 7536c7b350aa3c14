"""Telegram channel posts and Reddit threads: widget scripts, iframes and blockquotes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeresolve.document import Document, iter_elements, iter_outermost
from citeresolve.model import Embed
from citeresolve.platforms.base import Platform, PostRef, absolute, attr, iter_frames, text_of

# --- Telegram --------------------------------------------------------------------------------

# What: a public channel message URL. Example: https://t.me/durov/43 or t.me/s/durov/43?embed=1
# Why linear: literal hosts, bounded classes.
_TELEGRAM_URL = re.compile(
    r"^(?:https?:)?//(?:www\.)?(?:t\.me|telegram\.me)/(?:s/)?(?P<channel>[A-Za-z][A-Za-z0-9_]{3,31})/(?P<id>\d{1,12})(?:[/?#]|$)",
    re.I,
)
_TELEGRAM_POST = re.compile(r"^(?P<channel>[A-Za-z][A-Za-z0-9_]{3,31})/(?P<id>\d{1,12})$")


def parse_telegram_url(url: str) -> PostRef | None:
    """
    >>> parse_telegram_url("https://t.me/durov/43?embed=1").url
    'https://t.me/durov/43'
    """
    match = _TELEGRAM_URL.match(url.strip())
    if not match:
        return None
    return _telegram_ref(match["channel"], match["id"])


def _telegram_ref(channel: str, message: str) -> PostRef:
    return PostRef("telegram", message, channel, f"https://t.me/{channel}/{message}")


def _telegram_markup(doc: Document) -> Iterator[Embed]:
    for script in iter_elements(doc, "script[data-telegram-post]"):
        match = _TELEGRAM_POST.match(attr(script, "data-telegram-post") or "")
        if match:
            ref = _telegram_ref(match["channel"], match["id"])
            yield Embed(
                platform="telegram",
                form="script",
                span=doc.span_of(script),
                url=ref.url,
                post_id=ref.post_id,
                author_handle=ref.handle,
            )
    for frame, src in iter_frames(doc, "embed=1"):
        framed = parse_telegram_url(src) if "embed=1" in src else None
        if framed:
            yield Embed(
                platform="telegram",
                form="iframe",
                span=doc.span_of(frame),
                url=framed.url,
                post_id=framed.post_id,
                author_handle=framed.handle,
            )


# --- Reddit ----------------------------------------------------------------------------------

# What: a Reddit post URL. Example: https://www.reddit.com/r/investing/comments/7pfpeq/buffett/
# Why linear: literal host alternation, bounded classes.
_REDDIT_URL = re.compile(
    r"^(?:https?:)?//(?:www\.|old\.|new\.|np\.)?reddit\.com/r/(?P<sub>[A-Za-z0-9_]{2,30})/comments/(?P<id>[a-z0-9]{4,12})(?:/(?P<slug>[^/?#\s]{0,300}))?",
    re.I,
)


def parse_reddit_url(url: str) -> PostRef | None:
    """
    >>> parse_reddit_url("https://www.reddit.com/r/investing/comments/7pfpeq/buffett/?rdt=1").url
    'https://www.reddit.com/r/investing/comments/7pfpeq/buffett/'
    """
    match = _REDDIT_URL.match(url.strip())
    if not match:
        return None
    slug = f"{match['slug']}/" if match["slug"] else ""
    return PostRef(
        "reddit",
        match["id"],
        None,
        f"https://www.reddit.com/r/{match['sub']}/comments/{match['id']}/{slug}",
    )


def _reddit_markup(doc: Document) -> Iterator[Embed]:
    for quote in iter_outermost(doc, "blockquote.reddit-embed-bq, blockquote.reddit-card"):
        ref = None
        title = author = None
        for anchor in quote.find_all("a", href=True):
            href = absolute(doc, attr(anchor, "href")) or ""
            if ref is None and (found := parse_reddit_url(href)):
                ref, title = found, text_of(anchor)
            user = re.search(r"reddit\.com/u(?:ser)?/([A-Za-z0-9_-]{3,20})", href)
            if user and author is None:
                author = user.group(1)
        if author is None:
            byline = re.search(r"\bby\s+u/([A-Za-z0-9_-]{3,20})", text_of(quote) or "")
            author = byline.group(1) if byline else None
        yield Embed(
            platform="reddit",
            form="card" if "reddit-card" in (attr(quote, "class") or "") else "blockquote",
            span=doc.span_of(quote),
            url=ref.url if ref else None,
            post_id=ref.post_id if ref else None,
            author_handle=author,
            text=title,
        )


TELEGRAM = Platform("telegram", (_telegram_markup,), parse_telegram_url)
REDDIT = Platform("reddit", (_reddit_markup,), parse_reddit_url)

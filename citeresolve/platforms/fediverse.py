"""Decentralised networks: Bluesky (AT Protocol) and Mastodon, in markup and pasted as text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from bs4.element import Tag

from citeresolve.document import Document, iter_outermost
from citeresolve.model import Embed
from citeresolve.platforms.base import (
    DATE_PATTERN,
    Platform,
    PostRef,
    absolute,
    attr,
    hashtags_in,
    mentions_in,
    parse_date,
    text_of,
)
from citeresolve.platforms.pasted import Paragraphs, pasted_post, strip_span
from citeresolve.platforms.twitter import find_signature_dash, quote_author

# --- Bluesky ---------------------------------------------------------------------------------

# What: a bsky.app post URL. Example: https://bsky.app/profile/jay.bsky.team/post/3kqmooj3ems2w
# Why linear: literal host, bounded classes.
_BSKY_URL = re.compile(
    r"^(?:https?:)?//(?:www\.)?bsky\.app/profile/(?P<actor>[A-Za-z0-9.:_-]{3,253})/post/(?P<rkey>[a-z0-9]{5,20})",
    re.I,
)
# What: an AT URI of a post record. Example: at://did:plc:abc/app.bsky.feed.post/3kqmooj3ems2w
_AT_URI = re.compile(
    r"^at://(?P<actor>[A-Za-z0-9.:_-]{3,253})/app\.bsky\.feed\.post/(?P<rkey>[a-z0-9]{5,20})$"
)


def parse_bluesky_url(url: str) -> PostRef | None:
    """
    >>> parse_bluesky_url("at://did:plc:tjf4apt65s75xiojhiqzvcan/app.bsky.feed.post/3kqmooj3ems2w").url
    'https://bsky.app/profile/did:plc:tjf4apt65s75xiojhiqzvcan/post/3kqmooj3ems2w'
    """
    url = url.strip()
    match = _BSKY_URL.match(url) or _AT_URI.match(url)
    if not match:
        return None
    actor, rkey = match["actor"], match["rkey"]
    handle = None if actor.startswith("did:") else actor
    return PostRef("bluesky", rkey, handle, f"https://bsky.app/profile/{actor}/post/{rkey}")


# What: the "(@handle)" of a Bluesky blockquote's author line. Example: "(@jay.bsky.team)".
# Why linear: literals around one bounded class run.
_BSKY_HANDLE = re.compile(r"\(\s*@([A-Za-z0-9.-]{3,253})\s*\)")


def _bluesky_markup(doc: Document) -> Iterator[Embed]:
    for quote in iter_outermost(doc, "blockquote.bluesky-embed, [data-bluesky-uri]"):
        ref = parse_bluesky_url(attr(quote, "data-bluesky-uri") or "")
        date_text = None
        for anchor in quote.find_all("a", href=True):
            found = parse_bluesky_url(attr(anchor, "href") or "")
            if found:
                ref = ref or found
                date_text = text_of(anchor)
        paragraph = quote.find("p")
        body = text_of(paragraph) if isinstance(paragraph, Tag) else None
        author = quote_author(quote.get_text(" "), _BSKY_HANDLE)
        yield Embed(
            platform="bluesky",
            form="blockquote",
            span=doc.span_of(quote),
            url=ref.url if ref else None,
            post_id=ref.post_id if ref else None,
            author_handle=author[1] if author else (ref.handle if ref else None),
            author_name=author[0] if author else None,
            published=parse_date(date_text),
            text=body,
            mentions=mentions_in(body),
            hashtags=hashtags_in(body),
        )


# What: the tail of a Bluesky post pasted as text.
# Example: "(@jay.bsky.team) April 1, 2024 at 10:00 AM"
# Why linear: literals around bounded runs; the handle must contain a dot (Twitter's cannot).
_BSKY_SIGNATURE = re.compile(
    rf"\(@(?P<handle>[A-Za-z0-9-]{{1,63}}(?:\.[A-Za-z0-9-]{{1,63}}){{1,5}})\)[ \t]*"
    rf"(?P<date>{DATE_PATTERN})(?:\s+at\s+\d{{1,2}}:\d{{2}}(?:\s*[AP]M)?)?",
    re.I,
)


def _bluesky_text(doc: Document) -> Iterator[Embed]:
    text = doc.text
    paragraphs: Paragraphs | None = None
    for match in _BSKY_SIGNATURE.finditer(text):
        dash = find_signature_dash(text, match.start())
        if dash is None or not text[dash[1] : match.start()].strip():
            continue
        paragraphs = paragraphs or Paragraphs.of(text)
        start, _ = strip_span(text, paragraphs.post_start(dash[0]), dash[0])
        yield pasted_post(
            "bluesky",
            text,
            span=(start, match.end()),
            body=(start, dash[0]),
            signature=strip_span(text, dash[0], match.end()),
            handle=match["handle"],
            name=text[dash[1] : match.start()].strip(),
            published=parse_date(match["date"]),
        )


# --- Mastodon --------------------------------------------------------------------------------

# What: a status on any Mastodon instance. Example: https://mastodon.social/@Gargron/109330543816497946
# Why linear: bounded host and user classes, one bounded digit run.
_MASTODON_URL = re.compile(
    r"^(?:https?:)?//(?P<host>[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63})/@(?P<user>[A-Za-z0-9_]{1,30})(?:@[A-Za-z0-9.-]{1,253})?/(?P<id>\d{6,20})(?:/embed)?/?(?:[?#]|$)",
    re.I,
)


def parse_mastodon_url(url: str) -> PostRef | None:
    """
    >>> parse_mastodon_url("https://mastodon.social/@trwnh/99664077509711321/embed")
    PostRef(platform='mastodon', post_id='99664077509711321', handle='trwnh@mastodon.social', url='https://mastodon.social/@trwnh/99664077509711321')
    """
    match = _MASTODON_URL.match(url.strip())
    if not match:
        return None
    host = match["host"].lower()
    return PostRef(
        "mastodon",
        match["id"],
        f"{match['user']}@{host}",
        f"https://{host}/@{match['user']}/{match['id']}",
    )


def _mastodon_markup(doc: Document) -> Iterator[Embed]:
    for element in iter_outermost(
        doc, "iframe.mastodon-embed, blockquote.mastodon-embed, [data-embed-url]"
    ):
        source = attr(element, "data-embed-url") or attr(element, "src") or ""
        ref = parse_mastodon_url(absolute(doc, source) or "")
        if ref is None and isinstance(anchor := element.find("a", href=True), Tag):
            ref = parse_mastodon_url(attr(anchor, "href") or "")
        if ref is None or urlsplit(ref.url).hostname is None:
            continue
        yield Embed(
            platform="mastodon",
            form=element.name,
            span=doc.span_of(element),
            url=ref.url,
            post_id=ref.post_id,
            author_handle=ref.handle,
        )


BLUESKY = Platform("bluesky", (_bluesky_markup, _bluesky_text), parse_bluesky_url)
MASTODON = Platform("mastodon", (_mastodon_markup,), parse_mastodon_url)

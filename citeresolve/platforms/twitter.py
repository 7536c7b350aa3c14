"""X/Twitter: blockquote and rendered embeds, AMP, the embed iframe, and tweets pasted as text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

from bs4.element import Tag

from citeresolve.document import Document, iter_elements, iter_outermost
from citeresolve.model import Embed
from citeresolve.platforms.base import (
    DATE_PATTERN,
    Platform,
    PostRef,
    attr,
    hashtags_in,
    iter_frames,
    mentions_in,
    parse_date,
    text_of,
)
from citeresolve.platforms.pasted import Paragraphs, line_start, pasted_post, strip_span

NAME = "twitter"

# What: a status URL on twitter.com or x.com. Example: https://x.com/CNN/status/1509914418240528390
# Why linear: bounded classes between fixed literals; the host part is a literal alternation.
_STATUS_URL = re.compile(
    r"^https?://(?:www\.|mobile\.|m\.)?(?:twitter|x)\.com/"
    r"(?:(?P<handle>[A-Za-z0-9_]{1,30})|i(?:/web)?)/status(?:es)?/(?P<id>\d{1,20})(?:[/?#]|$)",
    re.I,
)


def parse_url(url: str) -> PostRef | None:
    """The tweet a URL names, folded to the twitter.com form.

    >>> parse_url("https://x.com/CNN/status/1509914418240528390?s=20")
    PostRef(platform='twitter', post_id='1509914418240528390', handle='CNN', url='https://twitter.com/CNN/status/1509914418240528390')
    """
    match = _STATUS_URL.match(url.strip())
    if not match:
        return None
    handle = match["handle"]
    if handle and handle.lower() == "x":
        handle = None  # "twitter.com/x/status/ID": a placeholder that redirects to any author
    path = f"{handle}/status" if handle else "i/web/status"
    return PostRef(NAME, match["id"], handle, f"https://twitter.com/{path}/{match['id']}")


# What: the "(@handle)" of the "— Name (@handle)" line a blockquote carries after the text.
# Example: "(@CNN)", "( @CNN )" once bs4 spaced out the link. Why linear: literals and one
# bounded class run.
_QUOTE_HANDLE = re.compile(r"\(\s*@([A-Za-z0-9_]{1,30})\s*\)")


def quote_author(text: str, handle: re.Pattern[str]) -> tuple[str | None, str] | None:
    """(name, handle) from the last "— Name (@handle)" of a blockquote's text."""
    matches = list(handle.finditer(text))
    if not matches:
        return None
    last = matches[-1]
    dash = find_signature_dash(text, last.start())
    name = text[dash[1] : last.start()].strip() if dash else ""
    return name or None, last.group(1)


def _from_blockquote(doc: Document) -> Iterator[Embed]:
    for quote in iter_outermost(doc, "blockquote.twitter-tweet, blockquote.twitter-video"):
        status = None
        date_text = None
        for anchor in quote.find_all("a", href=True):
            ref = parse_url(attr(anchor, "href") or "")
            if ref:
                status, date_text = ref, anchor.get_text(" ", strip=True)
        paragraph = quote.find("p")
        body = text_of(paragraph) if isinstance(paragraph, Tag) else None
        author = quote_author(quote.get_text(" "), _QUOTE_HANDLE)
        handle = author[1] if author else (status.handle if status else None)
        yield Embed(
            platform=NAME,
            form="blockquote",
            span=doc.span_of(quote),
            url=status.url if status else None,
            post_id=status.post_id if status else None,
            author_handle=handle,
            author_name=author[0] if author else None,
            published=parse_date(date_text),
            text=body,
            mentions=mentions_in(body),
            hashtags=hashtags_in(body),
        )


def _id_embed(doc: Document, element: Tag, tweet_id: str | None, form: str) -> Embed | None:
    if not tweet_id or not tweet_id.isdigit():
        return None
    return Embed(
        platform=NAME,
        form=form,
        span=doc.span_of(element),
        url=f"https://twitter.com/i/web/status/{tweet_id}",
        post_id=tweet_id,
    )


def _from_rendered(doc: Document) -> Iterator[Embed]:
    """After widgets.js ran, only the id is left: iframe/div/twitter-widget[data-tweet-id]."""
    for element in iter_elements(doc, "[data-tweet-id]"):
        embed = _id_embed(doc, element, attr(element, "data-tweet-id"), "rendered")
        if embed:
            yield embed
    for element in iter_elements(doc, "amp-twitter[data-tweetid]"):
        embed = _id_embed(doc, element, attr(element, "data-tweetid"), "amp")
        if embed:
            yield embed
    for frame, source in iter_frames(doc, "platform.twitter.com/embed"):
        query = parse_qs(urlsplit(source).query)
        embed = _id_embed(doc, frame, (query.get("id") or [""])[0], "iframe")
        if embed:
            yield embed


# What: the tail of a tweet pasted as text: "(@handle) April 1, 2022" (the dash is found after).
# Example: "(@tinso_ww) April 1, 2022". Why linear: literals around bounded runs; DATE_PATTERN
# is a literal alternation with bounded digit runs.
_SIGNATURE = re.compile(
    rf"\(@(?P<handle>[A-Za-z0-9_]{{1,15}})\)[ \t]*(?P<date>{DATE_PATTERN})", re.I
)
# What: the dash before the author's name: em/en dash, "&mdash;", or a spaced hyphen.
# Why linear: literal alternation, searched only in a bounded window before the signature.
_DASH = re.compile(r"—|–|&mdash;|&ndash;|(?<=\s)-(?=\s)")
NAME_WINDOW = 80  # display names are at most 50 characters; the window is bounded on purpose


def find_signature_dash(text: str, pos: int) -> tuple[int, int] | None:
    """The last dash before ``pos`` on the same line, within the name window: (start, end)."""
    window_start = max(line_start(text, pos), pos - NAME_WINDOW)
    dashes = list(_DASH.finditer(text, window_start, pos))
    if not dashes:
        return None
    return dashes[-1].start(), dashes[-1].end()


def _from_text(doc: Document) -> Iterator[Embed]:
    text = doc.text
    paragraphs: Paragraphs | None = None
    for match in _SIGNATURE.finditer(text):
        dash = find_signature_dash(text, match.start())
        if dash is None:
            continue
        name = text[dash[1] : match.start()].strip()
        if not name:
            continue
        paragraphs = paragraphs or Paragraphs.of(text)
        start, _ = strip_span(text, paragraphs.post_start(dash[0]), dash[0])
        yield pasted_post(
            NAME,
            text,
            span=(start, match.end()),
            body=(start, dash[0]),
            signature=strip_span(text, dash[0], match.end()),
            handle=match["handle"],
            name=name,
            published=parse_date(match["date"]),
        )


PLATFORM = Platform(NAME, (_from_blockquote, _from_rendered, _from_text), parse_url)

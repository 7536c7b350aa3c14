"""Meta's platforms: Instagram, Facebook and Threads embeds, in markup and pasted as text."""

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
    absolute,
    attr,
    hashtags_in,
    iter_frames,
    mentions_in,
    parse_date,
    text_of,
)
from citeresolve.platforms.pasted import Paragraphs, pasted_post, strip_span

# --- Instagram -------------------------------------------------------------------------------

# What: an Instagram post/reel URL. Example: https://www.instagram.com/p/CbQk5UFLr3S/
# Why linear: literal host, bounded classes for the optional user segment and the shortcode.
_INSTAGRAM_URL = re.compile(
    r"^(?:https?:)?//(?:www\.)?instagram\.com/(?:[A-Za-z0-9_.]{1,30}/)?"
    r"(?:p|reel|reels|tv)/(?P<code>[A-Za-z0-9_-]{5,64})",
    re.I,
)


def parse_instagram_url(url: str) -> PostRef | None:
    """
    >>> parse_instagram_url("https://www.instagram.com/p/CbQk5UFLr3S/?utm_source=ig_embed").url
    'https://www.instagram.com/p/CbQk5UFLr3S/'
    """
    match = _INSTAGRAM_URL.match(url.strip())
    if not match:
        return None
    code = match["code"]
    return PostRef("instagram", code, None, f"https://www.instagram.com/p/{code}/")


# What: Instagram's fallback credit line. Example: "A post shared by CNN (@cnn)".
# Why linear: literal prefix, one bounded lazy run that cannot cross a parenthesis or newline.
_SHARED_BY = re.compile(
    r"A post shared by\s+(?:(?P<name>[^()\n]{1,80}?)\s*)?\(?@(?P<handle>[A-Za-z0-9_.]{1,30})\)?"
)
_VIEW_ON_INSTAGRAM = "View this post on Instagram"


def _instagram_markup(doc: Document) -> Iterator[Embed]:
    for quote in iter_outermost(doc, "[data-instgrm-permalink]"):
        ref = parse_instagram_url(absolute(doc, attr(quote, "data-instgrm-permalink")) or "")
        name = handle = caption = None
        for paragraph in quote.find_all("p"):
            value = text_of(paragraph) or ""
            credit = _SHARED_BY.search(value)
            if credit:
                name, handle = (credit["name"] or "").strip() or None, credit["handle"]
            elif value and value != _VIEW_ON_INSTAGRAM and caption is None:
                caption = value
        stamp = quote.find("time")
        published = (
            parse_date(attr(stamp, "datetime") or text_of(stamp))
            if isinstance(stamp, Tag)
            else None
        )
        yield Embed(
            platform="instagram",
            form="blockquote",
            span=doc.span_of(quote),
            url=ref.url if ref else None,
            post_id=ref.post_id if ref else None,
            author_handle=handle,
            author_name=name,
            published=published,
            text=caption,
            mentions=mentions_in(caption),
            hashtags=hashtags_in(caption),
        )
    for element in iter_elements(doc, "amp-instagram[data-shortcode]"):
        code = attr(element, "data-shortcode") or ""
        if re.fullmatch(r"[A-Za-z0-9_-]{5,64}", code):
            yield Embed(
                platform="instagram",
                form="amp",
                span=doc.span_of(element),
                url=f"https://www.instagram.com/p/{code}/",
                post_id=code,
            )
    for frame, source in iter_frames(doc, "instagram.com/"):
        ref = parse_instagram_url(source)
        if ref:
            yield Embed(
                platform="instagram",
                form="iframe",
                span=doc.span_of(frame),
                url=ref.url,
                post_id=ref.post_id,
            )


def _instagram_text(doc: Document) -> Iterator[Embed]:
    text = doc.text
    paragraphs: Paragraphs | None = None
    for match in _SHARED_BY.finditer(text):
        marker = text.rfind(_VIEW_ON_INSTAGRAM, max(0, match.start() - 3000), match.start())
        if marker >= 0:
            start = marker
            body_start = marker + len(_VIEW_ON_INSTAGRAM)
        else:
            paragraphs = paragraphs or Paragraphs.of(text)
            start = body_start = paragraphs.post_start(match.start())
        end = match.end()
        # A date line may follow: "Apr 1, 2022 at 10:00am PDT".
        tail = re.match(
            rf"\s*(?:on\s+)?({DATE_PATTERN})(?:\s+at\s+\d{{1,2}}:\d{{2}}\s*[ap]m(?:\s+[A-Z]{{2,4}})?)?",
            text[end : end + 80],
            re.I,
        )
        published = None
        if tail:
            published = parse_date(tail.group(1))
            end += tail.end()
        start, end = strip_span(text, start, end)
        yield pasted_post(
            "instagram",
            text,
            span=(start, end),
            body=(body_start, match.start()),
            signature=(match.start(), match.end()),
            handle=match["handle"],
            name=(match["name"] or "").strip(),
            published=published,
        )


# --- Facebook --------------------------------------------------------------------------------

# What: the id-bearing parts of Facebook post/video URLs.
# Example: https://www.facebook.com/CNN/posts/10161234567890 ; .../videos/474308113397163/
# Why linear: literal host, bounded segment classes, a literal alternation of path kinds.
_FACEBOOK_URL = re.compile(
    r"^(?:https?:)?//(?:www\.|m\.|web\.)?facebook\.com/(?:(?P<page>[A-Za-z0-9_.-]{1,100})/)?"
    r"(?:posts|videos|photos(?:/[A-Za-z0-9_.]{1,100})?|reel|permalink)/(?:[A-Za-z0-9_.-]{1,100}/)?"
    r"(?P<id>pfbid[A-Za-z0-9]{10,80}|\d{5,25})",
    re.I,
)


def parse_facebook_url(url: str) -> PostRef | None:
    """
    >>> parse_facebook_url("https://www.facebook.com/CNN/posts/10161234567890").post_id
    '10161234567890'
    >>> parse_facebook_url("https://www.facebook.com/permalink.php?story_fbid=123456&id=789").handle
    '789'
    """
    url = url.strip()
    match = _FACEBOOK_URL.match(url)
    if match:
        page = match["page"]
        return PostRef("facebook", match["id"], page, _clean_facebook(url))
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host.endswith("facebook.com") and host != "fb.watch":
        return None
    query = parse_qs(parts.query)
    for key in ("story_fbid", "fbid", "v"):
        value = (query.get(key) or [""])[0]
        if value:
            page = (query.get("id") or [""])[0] or None
            return PostRef("facebook", value, page, _clean_facebook(url))
    return None


def _clean_facebook(url: str) -> str:
    parts = urlsplit(url if "://" in url else "https:" + url)
    keep = {
        k: v for k, v in parse_qs(parts.query).items() if k in {"story_fbid", "fbid", "id", "v"}
    }
    query = "&".join(f"{k}={v[0]}" for k, v in sorted(keep.items()))
    return f"https://www.facebook.com{parts.path}" + (f"?{query}" if query else "")


_POSTED_BY = re.compile(
    r"Posted by\s+(?P<name>[^\n]{1,80}?)\s+on\s+(?P<date>(?:[A-Z][a-z]{2,8}day,?\s+)?"
    + DATE_PATTERN
    + r")",
    re.I,
)


def _facebook_markup(doc: Document) -> Iterator[Embed]:
    for element in iter_outermost(
        doc, "div.fb-post[data-href], div.fb-video[data-href], amp-facebook[data-href]"
    ):
        ref = parse_facebook_url(absolute(doc, attr(element, "data-href")) or "")
        quote = element.find("blockquote")
        body = name = published = None
        if isinstance(quote, Tag):
            paragraph = quote.find("p")
            body = text_of(paragraph) if isinstance(paragraph, Tag) else None
            credit = _POSTED_BY.search(text_of(quote) or "")
            if credit:
                name, published = credit["name"].strip(), parse_date(credit["date"])
        form = (
            "amp"
            if element.name == "amp-facebook"
            else "fb-video"
            if "fb-video" in (attr(element, "class") or "")
            else "fb-post"
        )
        yield Embed(
            platform="facebook",
            form=form,
            span=doc.span_of(element),
            url=ref.url if ref else _clean_facebook(attr(element, "data-href") or ""),
            post_id=ref.post_id if ref else None,
            author_handle=ref.handle if ref else None,
            author_name=name,
            published=published,
            text=body,
            mentions=mentions_in(body),
            hashtags=hashtags_in(body),
        )
    for frame, src in iter_frames(doc, "facebook.com/plugins/"):
        if "/plugins/post.php" not in src and "/plugins/video.php" not in src:
            continue
        href = (parse_qs(urlsplit(src).query).get("href") or [""])[0]
        ref = parse_facebook_url(href)
        yield Embed(
            platform="facebook",
            form="iframe",
            span=doc.span_of(frame),
            url=ref.url if ref else (_clean_facebook(href) if href else None),
            post_id=ref.post_id if ref else None,
            author_handle=ref.handle if ref else None,
        )


def _facebook_text(doc: Document) -> Iterator[Embed]:
    text = doc.text
    paragraphs: Paragraphs | None = None
    for match in _POSTED_BY.finditer(text):
        paragraphs = paragraphs or Paragraphs.of(text)
        start = paragraphs.start_of(match.start())
        if start == match.start() or not text[start : match.start()].strip():
            # "Posted by" opens its own paragraph: the post is the paragraph before it.
            start = paragraphs.start_of(max(0, start - 1)) if start else 0
            start = paragraphs.post_start(start) if start else 0
        start, _ = strip_span(text, start, match.start())
        yield pasted_post(
            "facebook",
            text,
            span=(start, match.end()),
            body=(start, match.start()),
            signature=(match.start(), match.end()),
            handle=None,
            name=match["name"].strip(),
            published=parse_date(match["date"]),
        )


# --- Threads ---------------------------------------------------------------------------------

# What: a Threads post URL. Example: https://www.threads.com/@zuck/post/C8Q1xYzP0aB
# Why linear: literal host alternation and bounded classes.
_THREADS_URL = re.compile(
    r"^(?:https?:)?//(?:www\.)?threads\.(?:net|com)/@(?P<handle>[A-Za-z0-9_.]{1,30})/post/(?P<code>[A-Za-z0-9_-]{5,64})",
    re.I,
)


def parse_threads_url(url: str) -> PostRef | None:
    match = _THREADS_URL.match(url.strip())
    if not match:
        return None
    handle, code = match["handle"], match["code"]
    return PostRef("threads", code, handle, f"https://www.threads.com/@{handle}/post/{code}")


def _threads_markup(doc: Document) -> Iterator[Embed]:
    for quote in iter_outermost(doc, "blockquote.text-post-media, [data-text-post-permalink]"):
        ref = parse_threads_url(attr(quote, "data-text-post-permalink") or "")
        if ref is None:
            anchor = quote.find("a", href=True)
            ref = parse_threads_url(attr(anchor, "href") or "") if isinstance(anchor, Tag) else None
        yield Embed(
            platform="threads",
            form="blockquote",
            span=doc.span_of(quote),
            url=ref.url if ref else None,
            post_id=ref.post_id if ref else None,
            author_handle=ref.handle if ref else None,
        )


INSTAGRAM = Platform("instagram", (_instagram_markup, _instagram_text), parse_instagram_url)
FACEBOOK = Platform("facebook", (_facebook_markup, _facebook_text), parse_facebook_url)
THREADS = Platform("threads", (_threads_markup,), parse_threads_url)

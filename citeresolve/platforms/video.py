"""Video platforms: YouTube and Vimeo players, TikTok blockquotes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

from bs4.element import Tag

from citeresolve.document import Document, iter_elements, iter_outermost
from citeresolve.model import Embed
from citeresolve.platforms.base import (
    Platform,
    PostRef,
    attr,
    hashtags_in,
    host_of,
    iter_frames,
    mentions_in,
    text_of,
)

# --- YouTube ---------------------------------------------------------------------------------

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_HOSTS = frozenset({"youtube.com", "youtube-nocookie.com", "music.youtube.com"})
_YOUTUBE_PATH_KINDS = frozenset({"embed", "shorts", "live", "v", "e"})


def parse_youtube_url(url: str) -> PostRef | None:
    """Every URL form of a YouTube video, folded to ``watch?v=``.

    >>> parse_youtube_url("https://youtu.be/dQw4w9WgXcQ?t=3").url
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ'
    >>> parse_youtube_url("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0").post_id
    'dQw4w9WgXcQ'
    """
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    host = host_of(url)
    segments = [s for s in parts.path.split("/") if s]
    video = None
    if host == "youtu.be" and segments:
        video = segments[0]
    elif host in _YOUTUBE_HOSTS:
        if segments[:1] == ["watch"]:
            video = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in _YOUTUBE_PATH_KINDS:
            video = segments[1]
    if not video or not _YOUTUBE_ID.match(video):
        return None
    return PostRef("youtube", video, None, f"https://www.youtube.com/watch?v={video}")


def _youtube_markup(doc: Document) -> Iterator[Embed]:
    for frame, source in iter_frames(doc):
        ref = parse_youtube_url(source)
        if ref:
            form = "nocookie" if "nocookie" in source else "iframe"
            yield Embed(
                platform="youtube",
                form=form,
                span=doc.span_of(frame),
                url=ref.url,
                post_id=ref.post_id,
                text=attr(frame, "title")
                if attr(frame, "title") != "YouTube video player"
                else None,
            )
    for element in iter_elements(doc, "amp-youtube[data-videoid]"):
        video = attr(element, "data-videoid") or ""
        if _YOUTUBE_ID.match(video):
            yield Embed(
                platform="youtube",
                form="amp",
                span=doc.span_of(element),
                url=f"https://www.youtube.com/watch?v={video}",
                post_id=video,
            )


# --- Vimeo -----------------------------------------------------------------------------------

# What: a Vimeo video URL (page or player). Example: https://player.vimeo.com/video/235352744?h=1
# Why linear: literal hosts, one bounded digit run.
_VIMEO_URL = re.compile(
    r"^(?:https?:)?//(?:www\.|player\.)?vimeo\.com/(?:video/|channels/[\w-]{1,60}/|groups/[\w-]{1,60}/videos/)?(?P<id>\d{4,12})(?:[/?#]|$)",
    re.I,
)


def parse_vimeo_url(url: str) -> PostRef | None:
    """
    >>> parse_vimeo_url("https://player.vimeo.com/video/235352744?h=abc&badge=0").url
    'https://vimeo.com/235352744'
    """
    match = _VIMEO_URL.match(url.strip())
    if not match:
        return None
    return PostRef("vimeo", match["id"], None, f"https://vimeo.com/{match['id']}")


def _vimeo_markup(doc: Document) -> Iterator[Embed]:
    for frame, source in iter_frames(doc, "vimeo.com/"):
        ref = parse_vimeo_url(source)
        if ref is None:
            continue
        name = handle = title = None
        # The classic embed code credits the uploader in the paragraph after the player.
        credit = frame.find_next("p")
        if isinstance(credit, Tag):
            anchors = credit.find_all("a", href=True)
            if (
                anchors
                and parse_vimeo_url(attr(anchors[0], "href") or "") == ref
                and len(anchors) >= 2
            ):
                title, name = text_of(anchors[0]), text_of(anchors[1])
                handle = urlsplit(attr(anchors[1], "href") or "").path.strip("/") or None
        yield Embed(
            platform="vimeo",
            form="iframe",
            span=doc.span_of(frame),
            url=ref.url,
            post_id=ref.post_id,
            author_handle=handle,
            author_name=name,
            text=attr(frame, "title") or title,
        )


# --- TikTok ----------------------------------------------------------------------------------

# What: a TikTok video URL. Example: https://www.tiktok.com/@scout2015/video/6718335390845095173
# Why linear: literal host, bounded classes.
_TIKTOK_URL = re.compile(
    r"^(?:https?:)?//(?:www\.|m\.)?tiktok\.com/@(?P<handle>[A-Za-z0-9_.]{1,40})/(?:video|photo)/(?P<id>\d{5,25})",
    re.I,
)


def parse_tiktok_url(url: str) -> PostRef | None:
    match = _TIKTOK_URL.match(url.strip())
    if not match:
        return None
    handle, video = match["handle"], match["id"]
    return PostRef("tiktok", video, handle, f"https://www.tiktok.com/@{handle}/video/{video}")


def _tiktok_markup(doc: Document) -> Iterator[Embed]:
    for quote in iter_outermost(doc, "blockquote.tiktok-embed"):
        ref = parse_tiktok_url(attr(quote, "cite") or "")
        video = attr(quote, "data-video-id") or (ref.post_id if ref else None)
        section = quote.find("section")
        body = None
        handle = ref.handle if ref else None
        if isinstance(section, Tag):
            author = section.find("a", title=True)
            if isinstance(author, Tag) and (attr(author, "title") or "").startswith("@"):
                handle = (attr(author, "title") or "")[1:] or handle
            paragraph = section.find("p")
            body = text_of(paragraph) if isinstance(paragraph, Tag) else None
        yield Embed(
            platform="tiktok",
            form="blockquote",
            span=doc.span_of(quote),
            url=ref.url if ref else None,
            post_id=video,
            author_handle=handle,
            text=body,
            mentions=mentions_in(body),
            hashtags=hashtags_in(body),
        )


YOUTUBE = Platform("youtube", (_youtube_markup,), parse_youtube_url)
VIMEO = Platform("vimeo", (_vimeo_markup,), parse_vimeo_url)
TIKTOK = Platform("tiktok", (_tiktok_markup,), parse_tiktok_url)

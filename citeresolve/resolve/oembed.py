"""oEmbed providers by platform, and what their answers say about a post.

A registry (platform -> endpoint builder) rather than an if-chain: adding a platform is one
entry. Endpoints are the platforms' public ones; Meta's need a token, read from
``CITERESOLVE_META_TOKEN``, and without it the post stays unresolved with ``needs_token``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from bs4 import BeautifulSoup

from citeresolve.platforms import PostRef
from citeresolve.platforms.base import parse_date
from citeresolve.resolve.options import ResolveOptions

GRAPH_VERSION = "v22.0"


def _q(url: str) -> str:
    return quote(url, safe="")


def _meta(kind: str) -> Callable[[PostRef, ResolveOptions], str | None]:
    def build(ref: PostRef, options: ResolveOptions) -> str | None:
        if not options.meta_token:
            return None
        if kind == "threads":
            base = "https://graph.threads.net/v1.0/oembed"
        elif kind == "facebook":
            endpoint = (
                "oembed_video" if "/videos/" in ref.url or "video" in ref.url else "oembed_post"
            )
            base = f"https://graph.facebook.com/{GRAPH_VERSION}/{endpoint}"
        else:
            base = f"https://graph.facebook.com/{GRAPH_VERSION}/instagram_oembed"
        return f"{base}?url={_q(ref.url)}&omitscript=true&access_token={_q(options.meta_token)}"

    return build


def _mastodon(ref: PostRef, _options: ResolveOptions) -> str:
    host = urlsplit(ref.url).netloc
    return f"https://{host}/api/oembed?url={_q(ref.url)}"


ENDPOINTS: dict[str, Callable[[PostRef, ResolveOptions], str | None]] = {
    "twitter": lambda ref, _o: (
        f"https://publish.twitter.com/oembed?url={_q(ref.url)}&omit_script=1&dnt=true"
    ),
    "youtube": lambda ref, _o: f"https://www.youtube.com/oembed?url={_q(ref.url)}&format=json",
    "vimeo": lambda ref, _o: f"https://vimeo.com/api/oembed.json?url={_q(ref.url)}",
    "tiktok": lambda ref, _o: f"https://www.tiktok.com/oembed?url={_q(ref.url)}",
    "reddit": lambda ref, _o: f"https://www.reddit.com/oembed?url={_q(ref.url)}",
    "bluesky": lambda ref, _o: f"https://embed.bsky.app/oembed?url={_q(ref.url)}&format=json",
    "mastodon": _mastodon,
    "instagram": _meta("instagram"),
    "facebook": _meta("facebook"),
    "threads": _meta("threads"),
    # Telegram has no oEmbed: its widget page answers for the post, or says it is gone.
    "telegram": lambda ref, _o: f"{ref.url}?embed=1",
}
NEEDS_TOKEN = frozenset({"instagram", "facebook", "threads"})


def endpoint_for(ref: PostRef, options: ResolveOptions) -> str | None:
    """The URL that verifies ``ref``; None when the platform needs a token we do not have.

    >>> ref = PostRef("twitter", "1", "CNN", "https://twitter.com/CNN/status/1")
    >>> endpoint_for(ref, ResolveOptions())
    'https://publish.twitter.com/oembed?url=https%3A%2F%2Ftwitter.com%2FCNN%2Fstatus%2F1&omit_script=1&dnt=true'
    """
    build = ENDPOINTS.get(ref.platform)
    return build(ref, options) if build else None


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one oEmbed answer says: ``status`` ok/unavailable/error, with a reason when not ok."""

    status: str
    reason: str | None = None
    reason_text: str | None = None
    author_handle: str | None = None
    author_name: str | None = None
    published: str | None = None
    text: str | None = None
    canonical_url: str | None = None


UNAVAILABLE_STATUSES = frozenset({401, 403, 404, 410})
# Graph API error codes (iframely's mapping): 100 not found, 24 private or restricted.
GRAPH_UNAVAILABLE = {100: "not found", 24: "private or restricted"}


def read_verdict(ref: PostRef, status: int, body: bytes | None) -> Verdict:
    """Interpret an oEmbed (or Telegram widget) answer without trusting its body blindly."""
    if ref.platform == "telegram":
        return _telegram(status, body)
    if status in UNAVAILABLE_STATUSES:
        why = {
            401: "embedding is disabled",
            403: "private, protected or suspended",
            404: "deleted or never existed",
            410: "gone",
        }
        return Verdict(
            "unavailable", f"oembed_{status}", f"the platform answers {status}: {why[status]}"
        )
    data = _json(body)
    if status == 400 and isinstance(data, dict) and isinstance(data.get("error"), dict):
        code = data["error"].get("code")
        if code in GRAPH_UNAVAILABLE:
            return Verdict(
                "unavailable", f"graph_error_{code}", f"Meta answers: {GRAPH_UNAVAILABLE[code]}"
            )
        return Verdict(
            "error",
            f"graph_error_{code}",
            str(data["error"].get("message", "Graph API error"))[:200],
        )
    if status >= 400:
        return Verdict("error", f"oembed_{status}", f"the oEmbed endpoint answers {status}")
    if not isinstance(data, dict):
        return Verdict("error", "bad_oembed", "the oEmbed answer is not a JSON object")
    return Verdict(
        "ok",
        author_handle=_handle(ref, data),
        author_name=_string(data.get("author_name")),
        published=_published(data),
        text=_text(data),
        canonical_url=_string(data.get("url")),
    )


def _json(body: bytes | None) -> object:
    if not body:
        return None
    try:
        return json.loads(body.decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        return None


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _handle(ref: PostRef, data: dict[str, object]) -> str | None:
    if ref.platform == "tiktok":
        return _string(data.get("author_unique_id")) or ref.handle
    author_url = _string(data.get("author_url")) or ""
    path = urlsplit(author_url).path.strip("/")
    if ref.platform == "twitter" and re.fullmatch(r"[A-Za-z0-9_]{1,15}", path):
        return path
    if ref.platform == "bluesky" and path.startswith("profile/"):
        return path.removeprefix("profile/")
    if ref.platform == "mastodon" and path.startswith("@"):
        return f"{path[1:]}@{urlsplit(author_url).netloc}"
    if ref.platform == "youtube" and path.startswith("@"):
        return path
    return ref.handle


def _published(data: dict[str, object]) -> str | None:
    html = _string(data.get("html"))
    if not html:
        return None
    soup = BeautifulSoup(html[:100_000], "lxml")
    links = soup.find_all("a")
    return parse_date(links[-1].get_text()) if links else None


def _text(data: dict[str, object]) -> str | None:
    html = _string(data.get("html"))
    if html:
        paragraph = BeautifulSoup(html[:100_000], "lxml").find("p")
        if paragraph is not None:
            return " ".join(paragraph.get_text(" ").split()) or None
    return _string(data.get("title"))


def _telegram(status: int, body: bytes | None) -> Verdict:
    page = (body or b"").decode("utf-8", "replace")
    if status == 404 or "tgme_widget_message_error" in page or "Post not found" in page:
        return Verdict("unavailable", "telegram_not_found", "Telegram says the post is not found")
    if status != 200:
        return Verdict("error", f"http_{status}", f"Telegram answers {status}")
    soup = BeautifulSoup(page[:500_000], "lxml")
    author = soup.select_one(".tgme_widget_message_owner_name")
    text = soup.select_one(".tgme_widget_message_text")
    stamp = soup.select_one("time[datetime]")
    return Verdict(
        "ok",
        author_name=" ".join(author.get_text(" ").split()) if author else None,
        text=" ".join(text.get_text(" ").split()) if text else None,
        published=parse_date(str(stamp.get("datetime"))) if stamp else None,
    )

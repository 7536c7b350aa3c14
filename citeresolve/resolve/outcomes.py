"""Outcomes of resolution as data: what became of each link and each post, ok or not, and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from citeresolve.platforms import PostRef

OFFLINE = ("offline", "not resolved: citeresolve ran without the network")


@dataclass(frozen=True, slots=True)
class UrlOutcome:
    """Where a link went. ``status``: ok, broken, blocked, error or unresolved (DESIGN §3)."""

    status: str
    reason: str | None = None
    reason_text: str | None = None
    final: str | None = None
    redirects: tuple[dict[str, Any], ...] = ()
    http_status: int | None = None
    title: str | None = None
    site_name: str | None = None
    canonical: str | None = None
    published: str | None = None
    publisher: str | None = None
    post: PostRef | None = None  # the final URL names a post (t.co -> a tweet, pic.twitter.com)

    def to_cache(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__slots__ if name != "post"}
        data["redirects"] = list(self.redirects)
        data["post"] = self.post._asdict() if self.post else None
        return data

    @classmethod
    def from_cache(cls, data: Mapping[str, Any]) -> UrlOutcome:
        post = data.get("post")
        fields: dict[str, Any] = {
            name: data.get(name) for name in cls.__slots__ if name not in {"post", "redirects"}
        }
        return cls(
            **fields,
            redirects=tuple(hop for hop in data.get("redirects") or () if isinstance(hop, dict)),
            post=PostRef(**post) if isinstance(post, dict) else None,
        )


@dataclass(frozen=True, slots=True)
class PostOutcome:
    """Whether a post exists and who wrote it. ``status``: ok, unavailable, error, unresolved."""

    status: str
    reason: str | None = None
    reason_text: str | None = None
    ref: PostRef | None = None  # the post as verified (may be recovered from a photo link)
    author_handle: str | None = None
    author_name: str | None = None
    published: str | None = None
    text: str | None = None
    recovered_from: str | None = None  # the link whose redirect named this post

    def to_cache(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__slots__ if name != "ref"}
        data["ref"] = self.ref._asdict() if self.ref else None
        return data

    @classmethod
    def from_cache(cls, data: Mapping[str, Any]) -> PostOutcome:
        ref = data.get("ref")
        fields: dict[str, Any] = {name: data.get(name) for name in cls.__slots__ if name != "ref"}
        return cls(**fields, ref=PostRef(**ref) if isinstance(ref, dict) else None)

    def with_recovery(self, ref: PostRef, source: str | None) -> PostOutcome:
        return replace(self, ref=self.ref or ref, recovered_from=source)


def unresolved_url(reason: str, text: str) -> UrlOutcome:
    return UrlOutcome("unresolved", reason, text)


@dataclass(frozen=True)
class Resolutions:
    """All outcomes of one article: links by the URL as found, posts by embed index."""

    urls: Mapping[str, UrlOutcome] = field(default_factory=dict)
    posts: Mapping[int, PostOutcome] = field(default_factory=dict)
    # Posts named only by a link (a status URL in the text, t.co to a tweet): by post URL.
    linked_posts: Mapping[str, PostOutcome] = field(default_factory=dict)
    resolved_at: str | None = None

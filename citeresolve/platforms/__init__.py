"""The platform registry: every platform family's embed detectors and URL parser, by name."""

from __future__ import annotations

from citeresolve.platforms.base import Platform, PostRef
from citeresolve.platforms.fediverse import BLUESKY, MASTODON
from citeresolve.platforms.messaging import REDDIT, TELEGRAM
from citeresolve.platforms.meta import FACEBOOK, INSTAGRAM, THREADS
from citeresolve.platforms.twitter import PLATFORM as TWITTER
from citeresolve.platforms.video import TIKTOK, VIMEO, YOUTUBE

PLATFORMS: dict[str, Platform] = {
    platform.name: platform
    for platform in (
        TWITTER,
        INSTAGRAM,
        FACEBOOK,
        THREADS,
        YOUTUBE,
        VIMEO,
        TIKTOK,
        TELEGRAM,
        REDDIT,
        BLUESKY,
        MASTODON,
    )
}


def post_from_url(url: str) -> PostRef | None:
    """The post a URL names on any known platform, or None.

    >>> post_from_url("https://youtu.be/dQw4w9WgXcQ").platform
    'youtube'
    """
    for platform in PLATFORMS.values():
        ref = platform.parse_url(url)
        if ref is not None:
            return ref
    return None


__all__ = ["PLATFORMS", "Platform", "PostRef", "post_from_url"]

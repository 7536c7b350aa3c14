"""The platform registry: every platform family's embed detectors and URL parser, by name."""

from __future__ import annotations

import re

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


# Which platform's parser can recognise a URL, by host (without "www."/"m."): a dictionary
# look-up instead of trying every parser on every URL. Mastodon lives on any host.
_BY_HOST = {
    host: name
    for name, hosts in {
        "twitter": ("twitter.com", "x.com", "mobile.twitter.com", "mobile.x.com"),
        "instagram": ("instagram.com",),
        "facebook": ("facebook.com", "web.facebook.com", "fb.watch"),
        "threads": ("threads.net", "threads.com"),
        "youtube": ("youtube.com", "youtu.be", "youtube-nocookie.com", "music.youtube.com"),
        "vimeo": ("vimeo.com", "player.vimeo.com"),
        "tiktok": ("tiktok.com",),
        "telegram": ("t.me", "telegram.me"),
        "reddit": ("reddit.com", "old.reddit.com", "new.reddit.com", "np.reddit.com"),
        "bluesky": ("bsky.app",),
    }.items()
    for host in hosts
}
# What: the host of an absolute or scheme-relative URL. Example: "https://www.x.com/a" -> x.com.
# Why linear: one optional literal, then a single negated class run.
_HOST = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//(?:www\.|m\.)?([^/?#:@]+)")


def post_from_url(url: str) -> PostRef | None:
    """The post a URL names on any known platform, or None.

    >>> post_from_url("https://youtu.be/dQw4w9WgXcQ").platform
    'youtube'
    >>> post_from_url("https://mastodon.social/@Gargron/109330543816497946").platform
    'mastodon'
    """
    if url.startswith("at://"):
        return PLATFORMS["bluesky"].parse_url(url)
    match = _HOST.match(url.strip())
    if match is None:
        return None
    name = _BY_HOST.get(match.group(1).lower())
    if name is not None:
        return PLATFORMS[name].parse_url(url)
    return PLATFORMS["mastodon"].parse_url(url) if "/@" in url else None


__all__ = ["PLATFORMS", "Platform", "PostRef", "post_from_url"]

"""URL canonicalization: one spelling per resource, so the graph has one node per link."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
# Parameters that say who shared a link or how, never which resource it is.
_TRACKING = re.compile(
    r"^(?:utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|igsh|ref_src|ref_url|"
    r"cmpid|icid|ocid|_ga|yclid|twclid|s_cid|at_medium|at_campaign|smid|smtyp|cid)$",
    re.I,
)
# X/Twitter adds share markers to status URLs: ?s=20&t=… say nothing about the post.
_TWITTER_SHARE = frozenset({"s", "t"})
# What: a URL that is already in canonical form but for its port. Example: https://t.co/abc
# Why linear: anchored; each part is a single character class run, separated by literals.
_SIMPLE = re.compile(
    r"^(?P<scheme>https?)://(?P<host>[a-z0-9.-]{1,253})(?P<port>:[0-9]{1,5})?"
    r"(?P<path>/[A-Za-z0-9/._~!$&'()*+,;=:@-]*)?$"
)
_TWITTER_HOSTS = frozenset(
    {
        "twitter.com",
        "www.twitter.com",
        "mobile.twitter.com",
        "m.twitter.com",
        "x.com",
        "www.x.com",
        "mobile.x.com",
    }
)


def canonicalize(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters,
    x.com and mobile.twitter.com folded into twitter.com. Idempotent.

    >>> canonicalize("HTTPS://Mobile.Twitter.com:443/CNN/status/1?s=20&t=abc#frag")
    'https://twitter.com/CNN/status/1'
    >>> canonicalize("http://Example.com/a b?utm_source=x&id=2")
    'http://example.com/a%20b?id=2'
    """
    raw = url.strip()
    simple = _SIMPLE.match(raw)
    if simple and simple["host"] not in _TWITTER_HOSTS and not simple["host"].endswith("."):
        # Already lower-case, no query, no fragment, nothing to quote: only the port can change.
        # Same answer as the general path below, a tenth of the work (it runs per link, warm).
        port = simple["port"]
        if port and int(port[1:]) == DEFAULT_PORTS[simple["scheme"]]:
            port = ""
        return f"{simple['scheme']}://{simple['host']}{port or ''}{simple['path'] or '/'}"
    return canonicalize_general(raw)


def canonicalize_general(raw: str) -> str:
    """The full canonicalization, for any URL (``canonicalize`` takes a shortcut when it can)."""
    raw = raw.strip()
    if "://" not in raw:
        raw = "https://" + raw.lstrip("/")
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        return raw
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if host and not host.isascii() else host.lower()
    except UnicodeError:
        host = host.lower()
    if ":" in host:
        host = f"[{host}]"
    twitter = host in _TWITTER_HOSTS
    if twitter:
        host = "twitter.com"
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING.match(key) and not (twitter and key in _TWITTER_SHARE)
    ]
    return urlunsplit(
        (scheme, netloc, path, urlencode(query, quote_via=quote, safe="/:@!$'()*+,;-._~"), "")
    )

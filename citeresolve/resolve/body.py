"""Reading a response body safely: decompressed-size cap, bounded decoders, redirect pages."""

from __future__ import annotations

import re
import zlib
from collections.abc import AsyncIterator
from html import unescape
from urllib.parse import urljoin

READABLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/json"})
MAX_ENCODINGS = 2
STEP = 64 * 1024  # decoders hand out at most this much at a time


class BodyError(Exception):
    """A body that cannot be read within the rules; ``reason`` is the graph's machine code."""

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(text)
        self.reason = reason
        self.text = text


class _Decoder:
    """One content coding, decompressed in bounded steps (a gzip bomb never inflates at once)."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        if coding in {"gzip", "x-gzip"}:
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._zlib = zlib.decompressobj()
            self._raw_fallback = True
        else:
            raise BodyError("unsupported_encoding", f"content-encoding {coding!r} is not supported")
        self._first = True

    def feed(self, data: bytes, budget: int) -> bytes:
        """Decompress ``data``, refusing to produce more than ``budget`` bytes."""
        out = bytearray()
        pending = data
        while pending:
            try:
                chunk = self._zlib.decompress(pending, min(STEP, budget - len(out) + 1))
            except zlib.error as exc:
                if self.coding == "deflate" and self._first:
                    # Servers send raw deflate as "deflate" often enough to accept it.
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._first = False
                    continue
                raise BodyError("decode_error", f"{self.coding} body is corrupt ({exc})") from None
            self._first = False
            out += chunk
            if len(out) > budget:
                raise BodyError("too_large", "the decompressed body is over the size cap")
            pending = self._zlib.unconsumed_tail
            if self._zlib.eof:
                break
        return bytes(out)


def decoders_for(content_encoding: str | None) -> list[_Decoder]:
    """The decoders to apply, outermost coding last in the header, first to undo.

    >>> [d.coding for d in decoders_for("gzip, identity")]
    ['gzip']
    """
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if len(codings) > MAX_ENCODINGS:
        raise BodyError("too_many_encodings", f"{len(codings)} stacked content encodings")
    return [_Decoder(c) for c in reversed(codings)]


async def read_capped(raw: AsyncIterator[bytes], content_encoding: str | None, cap: int) -> bytes:
    """The body, decoded, or BodyError("too_large") as soon as it would pass ``cap`` bytes."""
    decoders = decoders_for(content_encoding)
    body = bytearray()
    received = 0
    async for chunk in raw:
        received += len(chunk)
        if received > cap and not decoders:
            raise BodyError("too_large", f"the body is over the {cap:,}-byte cap")
        data = chunk
        for decoder in decoders:
            data = decoder.feed(data, cap - len(body))
        body += data
        if len(body) > cap:
            raise BodyError("too_large", f"the body is over the {cap:,}-byte cap")
    return bytes(body)


def media_type(content_type: str | None) -> str:
    """
    >>> media_type("Text/HTML; charset=utf-8")
    'text/html'
    """
    return (content_type or "").split(";", 1)[0].strip().lower()


# What: one <meta …> tag. Example: <META http-equiv="refresh" content="0;URL=https://x.y/">.
# Why linear: a literal and one bounded negated class.
_META_TAG = re.compile(rb"<meta\b[^>]{0,2000}>", re.I)
# What: a refresh's delay and target. Example: content="0;URL=https://buff.ly/2uSOHDs".
# Why linear: literals, bounded digit runs and one bounded negated class.
_CONTENT = re.compile(
    rb"""content\s*=\s*(["'])\s*(\d{1,4})(?:\.\d*)?\s*[;,]\s*(?:url\s*=\s*)?['"]?([^"'>]{1,2000})""",
    re.I,
)
# What: t.co's script hop: location.replace("https:\/\/buff.ly\/2uSOHDs").
# Why linear: a literal prefix and one bounded negated class.
_LOCATION_REPLACE = re.compile(rb"""location\.replace\(\s*["']([^"']{1,2000})["']\s*\)""")
MAX_REFRESH_DELAY = 10  # seconds; longer refreshes are page reloads, not redirects
SCRIPT_HOP_MAX_PAGE = 8192


def refresh_target(body: bytes, base_url: str) -> str | None:
    """Where an HTML redirect page sends the reader: meta refresh (even inside <noscript>),
    else a bare ``location.replace`` as t.co serves it. None for ordinary pages.

    >>> refresh_target(b'<noscript><META http-equiv="refresh" content="0;URL=/next"></noscript>', "https://t.co/a")
    'https://t.co/next'
    """
    head = body[:65536]
    for tag in _META_TAG.finditer(head):
        if b"refresh" not in tag.group().lower():
            continue
        content = _CONTENT.search(tag.group())
        if content and int(content.group(2)) <= MAX_REFRESH_DELAY:
            target = unescape(content.group(3).decode("utf-8", "replace")).strip()
            if target:
                return urljoin(base_url, target)
    # Only a tiny page is a script redirect; a full page may replace its location for other reasons.
    script = _LOCATION_REPLACE.search(head) if len(body) < SCRIPT_HOP_MAX_PAGE else None
    if script:
        target = script.group(1).decode("utf-8", "replace").replace("\\/", "/")
        return urljoin(base_url, unescape(target))
    return None

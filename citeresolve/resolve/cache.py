"""The resolution cache: diskcache, JSON text only, per-kind lifetimes.

diskcache unpickles stored values by default, so anyone who can write the cache directory
could run code in citeresolve (CVE-2025-69872, unfixed upstream). ``JsonOnlyDisk`` stores str
keys and str values only and treats a pickled row as tampering (a miss), and the directory is
created private (0700). ``Cache`` is used, not ``FanoutCache``, which silently drops writes
under contention.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import diskcache
from diskcache.core import MODE_PICKLE, UNKNOWN

from citeresolve.errors import CiteResolveError

FORMAT = 1  # bump when a stored value's shape changes: old entries then read as misses
DAY = 24 * 3600
# Seconds an answer stays fresh, by kind. A short link's target never changes; a page's
# metadata and a post's existence can; a failure is worth retrying soon.
TTL = {
    "expand": 30 * DAY,
    "url": DAY,
    "oembed": DAY,
    "article": DAY,
    "failure": 10 * 60,
}


class CacheError(CiteResolveError):
    """The cache directory cannot be used safely."""


class Tampered(Exception):
    """A stored row that JSON-only storage cannot have written."""


class JsonOnlyDisk(diskcache.Disk):  # type: ignore[misc]
    """A diskcache Disk that never pickles and never unpickles."""

    def put(self, key: Any) -> Any:
        if not isinstance(key, str):
            raise TypeError("cache keys are strings")
        return super().put(key)

    def get(self, key: Any, raw: bool) -> Any:
        if not raw:
            raise Tampered("a pickled key")
        return super().get(key, raw)

    def store(self, value: Any, read: bool, key: Any = UNKNOWN) -> Any:
        if read or not isinstance(value, str):
            raise TypeError("cache values are JSON text")
        return super().store(value, read, key=key)

    def fetch(self, mode: int, filename: str | None, value: Any, read: bool) -> Any:
        if mode == MODE_PICKLE:
            raise Tampered("a pickled value")
        return super().fetch(mode, filename, value, read)


@dataclass(frozen=True, slots=True)
class Entry:
    """A cached answer: ``ok`` False for a failure kept briefly so it is not retried at once."""

    ok: bool
    data: dict[str, Any]


class ResolutionCache:
    """Get and put resolutions by kind and canonical URL."""

    def __init__(self, directory: Path, *, read: bool = True, write: bool = True) -> None:
        self.directory = directory
        self.read = read
        self.write = write
        self.hits = 0
        self.misses = 0
        _private_directory(directory)
        try:
            self._cache = diskcache.Cache(str(directory), disk=JsonOnlyDisk, timeout=60)
        except Exception as exc:  # sqlite errors, permissions: one clear line instead
            raise CacheError(f"{directory}: cannot open the cache ({exc})") from None

    def close(self) -> None:
        self._cache.close()

    @staticmethod
    def key(kind: str, canonical: str) -> str:
        """
        >>> ResolutionCache.key("expand", "https://t.co/abc")
        'v1:expand:https://t.co/abc'
        """
        return f"v{FORMAT}:{kind}:{canonical}"

    def get(self, kind: str, canonical: str) -> Entry | None:
        if not self.read:
            return None
        try:
            raw = self._cache.get(self.key(kind, canonical))
        except (Tampered, OSError, ValueError, diskcache.Timeout):
            raw = None
        entry = _decode(raw)
        if entry is None:
            self.misses += 1
        else:
            self.hits += 1
        return entry

    def put(self, kind: str, canonical: str, entry: Entry) -> None:
        if not self.write:
            return
        text = json.dumps(
            {"format": FORMAT, "ok": entry.ok, "data": entry.data},
            ensure_ascii=False,
            sort_keys=True,
        )
        ttl = TTL[kind] if entry.ok else TTL["failure"]
        try:
            stored = self._cache.set(self.key(kind, canonical), text, expire=ttl)
        except (OSError, diskcache.Timeout) as exc:
            raise CacheError(f"{self.directory}: cannot write to the cache ({exc})") from None
        if not stored:
            raise CacheError(f"{self.directory}: the cache refused a write")

    def stats(self) -> dict[str, Any]:
        self._cache.expire()
        kinds: dict[str, int] = {}
        for key in self._cache.iterkeys():
            kind = str(key).split(":", 2)[1] if str(key).count(":") >= 2 else "?"
            kinds[kind] = kinds.get(kind, 0) + 1
        return {
            "directory": str(self.directory),
            "entries": len(self._cache),
            "bytes": self._cache.volume(),
            "by_kind": kinds,
        }

    def clear(self) -> int:
        return int(self._cache.clear())


def _decode(raw: Any) -> Entry | None:
    if not isinstance(raw, str):
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    if (
        not isinstance(value, dict)
        or value.get("format") != FORMAT
        or not isinstance(value.get("data"), dict)
    ):
        return None
    return Entry(bool(value.get("ok")), value["data"])


def _private_directory(directory: Path) -> None:
    """Create the directory 0700; refuse one that others can write (they could plant rows)."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = directory.stat()
    except OSError as exc:
        raise CacheError(
            f"{directory}: cannot create the cache directory ({exc.strerror or exc})"
        ) from None
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise CacheError(
            f"{directory}: the cache directory is writable by others; fix with chmod 700"
        )
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise CacheError(f"{directory}: the cache directory belongs to another user")


@contextmanager
def open_cache(
    directory: Path, *, read: bool = True, write: bool = True
) -> Iterator[ResolutionCache]:
    cache = ResolutionCache(directory, read=read, write=write)
    try:
        yield cache
    finally:
        cache.close()

"""One options object for resolution, built once from the CLI flags (or by a program)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from citeresolve._version import __version__
from citeresolve.errors import UsageError

PROJECT_URL = "https://github.com/citeresolve/citeresolve"
USER_AGENT = f"citeresolve/{__version__} (+{PROJECT_URL})"
META_TOKEN_ENV = "CITERESOLVE_META_TOKEN"


def default_cache_dir() -> Path:
    """The user cache directory (XDG on Linux, the platform's idea of it elsewhere)."""
    if os.name == "nt":
        root = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif os.uname().sysname == "Darwin":
        root = Path.home() / "Library" / "Caches"
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "citeresolve"


@dataclass(frozen=True)
class ResolveOptions:
    """How to resolve: limits, politeness and safety in one validated value.

    >>> ResolveOptions(concurrency=0)
    Traceback (most recent call last):
    citeresolve.errors.UsageError: --concurrency must be at least 1
    """

    offline: bool = False
    timeout: float = 10.0  # connect and per-read timeout of one request
    deadline: float = 20.0  # wall time for one request with all its redirect hops
    dns_timeout: float = 5.0
    max_bytes: int = 2 * 1024 * 1024  # decompressed body cap
    max_redirects: int = 10
    concurrency: int = 16
    per_host: int = 4
    attempts: int = 3
    backoff: float = 0.25  # first retry wait; doubles, with jitter
    retry_after_cap: float = 30.0
    allow_private: bool = False
    proxy: str | None = None
    cache_dir: Path | None = None
    use_cache: bool = True
    refresh: bool = False
    meta_token: str | None = field(default_factory=lambda: os.environ.get(META_TOKEN_ENV) or None)
    # origin -> origin to connect to instead ("https://t.co" -> "http://127.0.0.1:8000"), for
    # local fakes and mirrors, like curl's --connect-to. The operator chose these targets, so
    # they are not subject to the private-address check; every other hop still is.
    connect_to: Mapping[str, str] = field(default_factory=dict)
    user_agent: str = USER_AGENT
    progress: bool = False

    def __post_init__(self) -> None:
        checks = (
            (self.timeout > 0, "--timeout must be positive"),
            (self.deadline >= self.timeout, "the deadline must be at least the timeout"),
            (self.dns_timeout > 0, "the DNS timeout must be positive"),
            (self.max_bytes >= 1024, "the body cap must be at least 1024 bytes"),
            (0 <= self.max_redirects <= 50, "max_redirects must be between 0 and 50"),
            (self.concurrency >= 1, "--concurrency must be at least 1"),
            (self.per_host >= 1, "the per-host limit must be at least 1"),
            (1 <= self.attempts <= 10, "attempts must be between 1 and 10"),
            (self.backoff >= 0 and self.retry_after_cap >= 0, "waits cannot be negative"),
        )
        for ok, message in checks:
            if not ok:
                raise UsageError(message)
        if self.proxy is not None and urlsplit(self.proxy).scheme not in {"http", "https"}:
            raise UsageError(f"--proxy must be an http(s) URL, not {self.proxy!r}")
        for source, target in self.connect_to.items():
            for origin in (source, target):
                parts = urlsplit(origin)
                if (
                    parts.scheme not in {"http", "https"}
                    or not parts.netloc
                    or parts.path not in ("", "/")
                ):
                    raise UsageError(
                        "--connect-to takes ORIGIN=ORIGIN like "
                        f"https://t.co=http://127.0.0.1:8000, not {origin!r}"
                    )

    @property
    def cache_path(self) -> Path:
        return self.cache_dir or default_cache_dir()

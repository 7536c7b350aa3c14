"""The safe HTTP client: the only place that opens connections.

Every hop is checked before it is made (scheme, port, host name, literal address; the DNS
answer is checked in the transport), redirects are followed by hand and their bodies never
read, HTML redirect pages (meta refresh, t.co's script page) count as hops, bodies are capped
on decompressed bytes, and each request has a total deadline on top of httpx's per-phase
timeouts. Failures come back as ``FetchError`` with a machine ``reason``, never as httpx errors.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from citeresolve.errors import CiteResolveError
from citeresolve.resolve.addresses import Refusal, refuse_url
from citeresolve.resolve.body import (
    READABLE_TYPES,
    BodyError,
    media_type,
    read_capped,
    refresh_target,
)
from citeresolve.resolve.options import ResolveOptions
from citeresolve.resolve.transport import AddressRefused, AiohttpTransport, Lookup

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a redirect chain: the URL asked for and how it sent us on."""

    url: str
    status: int
    via: str = "http"  # "http" (3xx Location), "refresh" (meta refresh or script page)

    def to_dict(self) -> dict[str, object]:
        return {"url": self.url, "status": self.status, "via": self.via}


@dataclass(frozen=True, slots=True)
class Fetched:
    """The end of a fetch: the last URL, its status and (for readable types) its body."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes | None
    hops: tuple[Hop, ...] = ()
    retry_after: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class FetchError(CiteResolveError):
    """A fetch that could not finish; ``reason`` is one of DESIGN's machine codes."""

    def __init__(
        self, reason: str, text: str, *, hops: tuple[Hop, ...] = (), url: str | None = None
    ) -> None:
        super().__init__(text)
        self.reason = reason
        self.text = text
        self.hops = hops
        self.url = url

    @property
    def transient(self) -> bool:
        """Worth another try: the network, not the policy or the resource, said no."""
        return self.reason in {"timeout", "connect_error", "network_unreachable", "protocol_error"}


StopAt = Callable[[str], bool]


class SafeClient:
    """Fetch URLs under ResolveOptions; inject ``transport`` (respx) or ``lookup`` (fake DNS)."""

    def __init__(
        self,
        options: ResolveOptions,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        lookup: Lookup | None = None,
    ) -> None:
        self.options = options
        self.requests = 0  # requests sent, for tests and the benchmark
        # The transport is called directly with httpx Requests: httpx's Client would add
        # redirect following, auth and cookie handling, all of which we must not have, and its
        # per-request bookkeeping shows in the benchmark. No cookie jar: none is ever sent.
        self._transport = transport or AiohttpTransport(options, lookup=lookup)
        self._headers = httpx.Headers(
            {
                "User-Agent": options.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "gzip, deflate",
            }
        )
        self._plain_headers = dict(self._headers.items())
        timeout = httpx.Timeout(options.timeout)
        self._extensions = {"timeout": timeout.as_dict()}
        # The policy's verdict on an origin, remembered: a run asks about t.co a thousand times.
        self._verdicts: dict[str, Refusal | None] = {}

    async def __aenter__(self) -> SafeClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._transport.aclose()

    async def fetch(
        self,
        url: str,
        *,
        stop_at: StopAt | None = None,
        read_body: bool = True,
        cap: int | None = None,
    ) -> Fetched:
        """Follow ``url`` to its end within the deadline.

        ``stop_at`` names URLs worth knowing but not worth fetching (a status URL on X, which
        answers robots with a login wall): the chain ends there with status 0 and no body.
        """
        hops: list[Hop] = []
        try:
            async with asyncio.timeout(self.options.deadline):
                limit = cap or self.options.max_bytes
                return await self._follow(url, hops, stop_at, read_body, limit)
        except TimeoutError:
            raise FetchError(
                "timeout",
                f"no complete answer within {self.options.deadline:g} s",
                hops=tuple(hops),
                url=url,
            ) from None

    async def _follow(
        self, url: str, hops: list[Hop], stop_at: StopAt | None, read_body: bool, cap: int
    ) -> Fetched:
        current = url
        seen: set[str] = set()
        while True:
            if hops and stop_at is not None and stop_at(current):
                return Fetched(url, current, 0, "", None, tuple(hops))
            refusal = self._refusal(current)
            if refusal is not None:
                raise FetchError(
                    refusal.reason,
                    f"{_short(current)}: {refusal.text}",
                    hops=tuple(hops),
                    url=current,
                )
            key = current  # a loop repeats a URL exactly; the hop limit bounds the rest
            if key in seen:
                raise FetchError(
                    "redirect_loop", f"{_short(current)} redirects back to itself", hops=tuple(hops)
                )
            seen.add(key)
            if len(hops) > self.options.max_redirects:
                raise FetchError(
                    "too_many_redirects",
                    f"more than {self.options.max_redirects} redirects",
                    hops=tuple(hops),
                )
            response = await self._send(current, hops)
            try:
                location = response.headers.get("location")
                if response.status_code in REDIRECT_STATUSES and location:
                    hops.append(Hop(current, response.status_code))
                    current = _next_url(current, location, hops)
                    continue
                content_type = media_type(response.headers.get("content-type"))
                body = None
                if read_body and content_type in READABLE_TYPES and response.status_code != 204:
                    body = await self._read(response, hops, cap, current)
                    target = (
                        refresh_target(body, current)
                        if content_type != "application/json"
                        else None
                    )
                    if target is not None and target != current:
                        hops.append(Hop(current, response.status_code, "refresh"))
                        current = target
                        continue
                return Fetched(
                    url,
                    current,
                    response.status_code,
                    content_type,
                    body,
                    tuple(hops),
                    response.headers.get("retry-after"),
                    {k.lower(): v for k, v in response.headers.items()},
                )
            finally:
                await response.aclose()

    def _refusal(self, url: str) -> Refusal | None:
        origin = _ORIGIN.match(url)
        if origin is None:  # odd characters after the host: judge the whole URL every time
            return refuse_url(url, allow_private=self.options.allow_private)
        key = origin.group(1)
        if key not in self._verdicts:
            self._verdicts[key] = refuse_url(url, allow_private=self.options.allow_private)
        return self._verdicts[key]

    async def _send(self, url: str, hops: list[Hop]) -> httpx.Response:
        self.requests += 1
        try:
            if isinstance(self._transport, AiohttpTransport):
                return await self._transport.send("GET", url, self._plain_headers)
            request = httpx.Request("GET", url, headers=self._headers, extensions=self._extensions)
            response = await self._transport.handle_async_request(request)
            response.request = request
            return response
        except AddressRefused as exc:
            raise FetchError(
                exc.refusal.reason, exc.refusal.text, hops=tuple(hops), url=url
            ) from None
        except httpx.TimeoutException as exc:
            raise FetchError(
                "timeout", f"{_short(url)}: {exc}", hops=tuple(hops), url=url
            ) from None
        except httpx.ConnectError as exc:
            reason = "network_unreachable" if _unreachable(str(exc)) else "connect_error"
            raise FetchError(reason, f"{_short(url)}: {exc}", hops=tuple(hops), url=url) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
            raise FetchError(
                "invalid_url", f"{_short(url)}: {exc}", hops=tuple(hops), url=url
            ) from None
        except httpx.HTTPError as exc:
            raise FetchError(
                "protocol_error", f"{_short(url)}: {exc}", hops=tuple(hops), url=url
            ) from None

    async def _read(self, response: httpx.Response, hops: list[Hop], cap: int, url: str) -> bytes:
        declared = response.headers.get("content-length", "")
        encoded = response.headers.get("content-encoding")
        if declared.isdigit() and int(declared) > cap and not encoded:
            raise FetchError(
                "too_large", f"the body is {int(declared):,} bytes, over the cap", hops=tuple(hops)
            )
        if response.is_stream_consumed:  # a response built in memory (tests): already decoded
            raw, encoded = _once(response.content), None
        else:
            raw = response.aiter_raw()
        try:
            return await read_capped(raw, encoded, cap)
        except BodyError as exc:
            raise FetchError(exc.reason, exc.text, hops=tuple(hops), url=url) from None
        except httpx.TimeoutException:
            raise FetchError(
                "timeout", "the server stopped sending the body", hops=tuple(hops)
            ) from None
        except httpx.HTTPError as exc:
            raise FetchError(
                "protocol_error", f"the body broke off ({exc})", hops=tuple(hops)
            ) from None


async def _once(content: bytes) -> AsyncIterator[bytes]:
    yield content


def _next_url(current: str, location: str, hops: list[Hop]) -> str:
    if any(ch in location for ch in "\r\n\x00"):
        raise FetchError("invalid_url", "a redirect carried control characters", hops=tuple(hops))
    location = location.strip()
    if location.startswith(("https://", "http://")):
        return location  # absolute already: what urljoin would return, without its cost
    return urljoin(current, location)


# What: the origin of a URL whose rest holds no space or control character.
# Example: "https://t.co/abc" -> "https://t.co". Why linear: two negated class runs in sequence
# split at the first "/", "?" or "#", which the first run cannot contain.
_ORIGIN = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*://[^/?#\x00-\x20\x7f]*)[^\x00-\x20\x7f]*$")


def _unreachable(message: str) -> bool:
    lowered = message.lower()
    return any(
        marker in lowered
        for marker in (
            "name or service not known",
            "temporary failure in name resolution",
            "no address",
            "network is unreachable",
            "nodename nor servname",
        )
    )


def _short(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "…"

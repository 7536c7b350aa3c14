"""The safe HTTP client: the only place that opens connections.

Every hop is checked before it is made (scheme, port, host name, literal address; the DNS
answer is checked in the transport), redirects are followed by hand and their bodies never
read, HTML redirect pages (meta refresh, t.co's script page) count as hops, bodies are capped
on decompressed bytes, and each request has a total deadline on top of httpx's per-phase
timeouts. Failures come back as ``FetchError`` with a machine ``reason``, never as httpx errors.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import urljoin

import httpx

from citeresolve.errors import CiteResolveError
from citeresolve.resolve.addresses import refuse_url
from citeresolve.resolve.body import (
    READABLE_TYPES,
    BodyError,
    media_type,
    read_capped,
    refresh_target,
)
from citeresolve.resolve.options import ResolveOptions
from citeresolve.resolve.transport import AddressRefused, AiohttpTransport, Lookup
from citeresolve.urls import canonicalize

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
        jar = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))  # accepts no cookie
        self._client = httpx.AsyncClient(
            transport=transport or AiohttpTransport(options, lookup=lookup),
            follow_redirects=False,
            trust_env=False,
            cookies=httpx.Cookies(jar),
            timeout=httpx.Timeout(options.timeout),
            headers={
                "User-Agent": options.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "gzip, deflate",
            },
        )

    async def __aenter__(self) -> SafeClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

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
            refusal = refuse_url(current, allow_private=self.options.allow_private)
            if refusal is not None:
                raise FetchError(
                    refusal.reason,
                    f"{_short(current)}: {refusal.text}",
                    hops=tuple(hops),
                    url=current,
                )
            key = canonicalize(current)
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
            if hops and stop_at is not None and stop_at(current):
                return Fetched(url, current, 0, "", None, tuple(hops))
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
                    body = await self._read(response, hops, cap)
                    target = (
                        refresh_target(body, current)
                        if content_type != "application/json"
                        else None
                    )
                    if target is not None and canonicalize(target) != key:
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

    async def _send(self, url: str, hops: list[Hop]) -> httpx.Response:
        self.requests += 1
        try:
            request = self._client.build_request("GET", url)
            return await self._client.send(request, stream=True)
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

    async def _read(self, response: httpx.Response, hops: list[Hop], cap: int) -> bytes:
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
            raise FetchError(
                exc.reason, exc.text, hops=tuple(hops), url=str(response.request.url)
            ) from None
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
    return urljoin(current, location.strip())


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

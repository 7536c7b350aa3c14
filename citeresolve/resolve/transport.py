"""The transport under our httpx client: aiohttp connections, every address checked once.

httpx stays the API (requests, responses, respx in tests); aiohttp carries the bytes because
httpx's own pool degrades with concurrency (encode/httpx#3215; measured in
benchmarks/resolve.py). The resolver below is the one place DNS happens: it resolves a host
once, refuses it when any address is not public, and hands aiohttp exactly the addresses it
checked, so the connection goes to a checked address and there is no second lookup.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import aiohttp
import httpx
from aiohttp.abc import AbstractResolver, ResolveResult

from citeresolve.resolve.addresses import Refusal, refuse_address
from citeresolve.resolve.options import ResolveOptions

Lookup = Callable[[str, int], Awaitable[Sequence[str]]]
DRAIN_LIMIT = 8192  # bytes of an unread body worth draining to keep its connection alive


class AddressRefused(Exception):
    """A host resolved to an address the policy refuses; no connection was made."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.text)
        self.refusal = refusal


async def system_lookup(host: str, port: int) -> list[str]:
    """The operating system's resolver, off the event loop."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class CheckedResolver(AbstractResolver):
    """Resolve once, check every address, return only what was checked."""

    def __init__(self, options: ResolveOptions, lookup: Lookup | None = None) -> None:
        self._options = options
        self._lookup = lookup or system_lookup
        # The operator named these hosts with --connect-to: they are where they said to go.
        self._trusted = {urlsplit(t).hostname or "" for t in options.connect_to.values()}
        if options.proxy:  # the proxy the operator named, which does its own DNS for targets
            self._trusted.add(urlsplit(options.proxy).hostname or "")

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        try:
            async with asyncio.timeout(self._options.dns_timeout):
                addresses = await self._lookup(host, port)
        except TimeoutError:
            raise OSError(
                f"DNS lookup of {host} took longer than {self._options.dns_timeout:g} s"
            ) from None
        if not addresses:
            raise OSError(f"{host} has no address")
        if not self._options.allow_private and host not in self._trusted:
            for address in addresses:
                refusal = refuse_address(address)
                if refusal is not None:
                    # One private answer is enough: a mixed answer is how rebinding attacks start.
                    raise AddressRefused(
                        Refusal(
                            refusal.reason, f"{host} resolves to a refused address: {refusal.text}"
                        )
                    )
        results: list[ResolveResult] = []
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
            results.append(
                {
                    "hostname": host,
                    "host": address,
                    "port": port,
                    "family": socket.AF_INET6 if ip.version == 6 else socket.AF_INET,
                    "proto": 0,
                    "flags": socket.AI_NUMERICHOST,
                }
            )
        return results

    async def close(self) -> None:
        return None


class _Body(httpx.AsyncByteStream):
    """aiohttp's raw (still encoded) bytes, as httpx expects a stream."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.content.iter_chunked(65536):
                yield chunk
        except aiohttp.ClientPayloadError as exc:
            raise httpx.RemoteProtocolError(f"the connection broke mid-body ({exc})") from None
        except (TimeoutError, aiohttp.ServerTimeoutError):
            raise httpx.ReadTimeout("the server stopped sending") from None

    async def aclose(self) -> None:
        """Give the connection back for reuse when that is cheap, else drop it.

        An unread body (a redirect's) is never decoded. One that declares at most
        ``DRAIN_LIMIT`` bytes is read raw and discarded so the connection can serve the next
        request; any other (a 3xx with a huge or chunked body) is dropped with its connection.
        """
        response = self._response
        if not response.content.at_eof():
            length = response.content_length
            if length is None or length > DRAIN_LIMIT:
                response.close()
                return
            try:
                await response.content.readexactly(length)
            except (asyncio.IncompleteReadError, aiohttp.ClientError, OSError):
                response.close()
                return
        response.release()


class AiohttpTransport(httpx.AsyncBaseTransport):
    """An httpx transport over one aiohttp session with checked DNS and per-host limits."""

    def __init__(self, options: ResolveOptions, *, lookup: Lookup | None = None) -> None:
        self._options = options
        self._lookup = lookup
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None:
            connector = aiohttp.TCPConnector(
                resolver=CheckedResolver(self._options, self._lookup),
                limit=self._options.concurrency,
                limit_per_host=self._options.per_host,
                ttl_dns_cache=60,
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                trust_env=False,  # proxy variables would route around the address check
                auto_decompress=False,  # we decompress ourselves, with a cap
                cookie_jar=aiohttp.DummyCookieJar(),
                timeout=aiohttp.ClientTimeout(
                    total=None, sock_connect=self._options.timeout, sock_read=self._options.timeout
                ),
                skip_auto_headers=("Accept-Encoding", "User-Agent"),
            )
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.send(
            request.method,
            str(request.url),
            {k: v for k, v in request.headers.items() if k.lower() != "host"},
            request.content or None,
        )
        response.request = request
        return response

    async def send(
        self, method: str, url: str, headers: Mapping[str, str], content: bytes | None = None
    ) -> httpx.Response:
        """The request itself; SafeClient calls this directly and skips building an
        httpx.Request it would only take apart again (it shows at a thousand links)."""
        session = self._open()
        target, host_header = self._route(url)
        host = urlsplit(target).hostname or ""
        if not self._options.allow_private and host_header is None and _is_ip_literal(host):
            refusal = refuse_address(host)
            if refusal is not None:  # aiohttp skips the resolver for literal addresses
                raise AddressRefused(refusal)
        if host_header is not None:
            headers = {**headers, "Host": host_header}
        try:
            response = await session.request(
                method,
                target,
                headers=headers,
                data=content,
                allow_redirects=False,
                proxy=self._options.proxy,
            )
        except AddressRefused:
            raise
        except aiohttp.ClientConnectorError as exc:
            cause = exc.__cause__ or exc.os_error
            if isinstance(cause, AddressRefused):
                raise cause from None
            raise httpx.ConnectError(f"cannot connect to {host}: {_describe(exc)}") from None
        except (TimeoutError, aiohttp.ServerTimeoutError):
            raise httpx.ConnectTimeout(
                f"no answer from {host} within {self._options.timeout:g} s"
            ) from None
        except aiohttp.ClientError as exc:
            raise httpx.RemoteProtocolError(f"{host}: {_describe(exc)}") from None
        return httpx.Response(
            status_code=response.status,
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.raw_headers],
            stream=_Body(response),
            extensions={"reason_phrase": (response.reason or "").encode("latin-1", "replace")},
        )

    def _route(self, url: str) -> tuple[str, str | None]:
        """Apply ``connect_to``: send a request for one origin to another (fakes, mirrors).
        Returns the URL to connect to and the Host header to keep (None when not routed)."""
        if not self._options.connect_to:
            return url, None
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        target = self._options.connect_to.get(origin)
        if target is None:
            return url, None
        routed = urlsplit(target)
        return urlunsplit((routed.scheme, routed.netloc, parts.path, parts.query, "")), parts.netloc

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def _describe(exc: BaseException) -> str:
    text: Any = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return str(text)

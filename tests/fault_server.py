"""Loopback HTTP/1.1 server that misbehaves on request, for real-socket tests of the fetcher."""

from __future__ import annotations

import asyncio
import contextlib
import html
import importlib
import importlib.util
import inspect
import json
import socket
import struct
import threading
import zlib
from collections.abc import Awaitable, Callable, Iterable, Mapping
from types import TracebackType
from typing import Any, TypeAlias

from aiohttp import web
from multidict import CIMultiDict

Handler: TypeAlias = Callable[[web.BaseRequest], Awaitable[web.StreamResponse]]
Headers: TypeAlias = Mapping[str, str] | Iterable[tuple[str, str]]
Reply: TypeAlias = tuple[int, Headers, bytes | str]
Route: TypeAlias = Handler | Reply | Callable[[web.BaseRequest], Any]

CHUNK = 64 * 1024
DEFAULT_BOMB_SIZE = 100_000_000
REDIR_BOMB_SIZE = 50_000_000

# What `/html` serves, so tests can assert on the parsed metadata.
HTML_TITLE = "Council approves the river bridge budget"
HTML_SITE_NAME = "Fault Server Gazette"
HTML_PUBLISHER = "Fault Server Media Group"
HTML_DATE_PUBLISHED = "2024-05-01T12:00:00Z"

_ZEROS = bytes(1 << 20)
_BOMB_LOCK = threading.Lock()
_BOMBS: dict[tuple[str, int], bytes] = {}
# kind -> content-encoding header value
BOMB_ENCODINGS = {
    "gzip": "gzip",
    "deflate": "deflate",
    "deflate-raw": "deflate",
    "gzip-in-gzip": "gzip, gzip",
    "br": "br",
}
_WBITS = {"gzip": 31, "deflate": 15, "deflate-raw": -15}


class BombCancelled(Exception):
    """Bomb generation was abandoned because the server is stopping."""


def _compress_zeros(kind: str, size: int, cancelled: Callable[[], bool]) -> bytes:
    """Compress `size` zero bytes chunk by chunk; the plain bytes never exist in memory."""
    if kind == "br":
        brotli = importlib.import_module("brotli")  # optional: not a project dependency
        br = brotli.Compressor(quality=5)
        parts = []
        for remaining in range(size, 0, -len(_ZEROS)):
            if cancelled():
                raise BombCancelled
            parts.append(br.process(_ZEROS[: min(remaining, len(_ZEROS))]))
        parts.append(br.finish())
        return b"".join(parts)
    z = zlib.compressobj(9, zlib.DEFLATED, _WBITS[kind])
    parts = []
    for remaining in range(size, 0, -len(_ZEROS)):
        if cancelled():
            raise BombCancelled
        parts.append(z.compress(_ZEROS[: min(remaining, len(_ZEROS))]))
    parts.append(z.flush())
    return b"".join(parts)


def _never() -> bool:
    return False


def bomb(kind: str, size: int = DEFAULT_BOMB_SIZE, cancelled: Callable[[], bool] = _never) -> bytes:
    """Body of `/bomb/<kind>`: decodes (per BOMB_ENCODINGS[kind]) to `size` zero bytes.

    Cached per (kind, size) for the whole process; about 0.25 s per 100 MB the first time.
    """
    if kind not in BOMB_ENCODINGS:
        raise ValueError(f"unknown bomb kind {kind!r}")
    key = (kind, size)
    with _BOMB_LOCK:
        cached = _BOMBS.get(key)
        if cached is None:
            if kind == "gzip-in-gzip":
                inner = _BOMBS.get(("gzip", size)) or _compress_zeros("gzip", size, cancelled)
                _BOMBS[("gzip", size)] = inner
                z = zlib.compressobj(9, zlib.DEFLATED, 31)
                cached = z.compress(inner) + z.flush()
            else:
                cached = _compress_zeros(kind, size, cancelled)
            _BOMBS[key] = cached
    return cached


def _layers(coding: str, n: int, payload: bytes = b"ok") -> bytes:
    """`payload` encoded n times with gzip or deflate (innermost first)."""
    body = payload
    for _ in range(n):
        z = zlib.compressobj(1, zlib.DEFLATED, 31 if coding == "gzip" else 15)
        body = z.compress(body) + z.flush()
    return body


class BadParam(Exception):
    """A query parameter could not be parsed."""


def _int(request: web.BaseRequest, name: str, default: int, lo: int = 0) -> int:
    raw = request.query.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParam(f"{name}={raw!r} is not an integer") from None
    if value < lo:
        raise BadParam(f"{name}={value} is below {lo}")
    return value


def _float(request: web.BaseRequest, name: str, default: float) -> float:
    raw = request.query.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise BadParam(f"{name}={raw!r} is not a number") from None
    if not value >= 0:
        raise BadParam(f"{name}={value} is negative")
    return value


def _page(title: str, body: str = "", head: str = "") -> bytes:
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>{head}</head>"
        f"<body>{body}</body></html>"
    ).encode()


def _text(status: int, text: str, headers: Headers | None = None) -> web.Response:
    hdrs: CIMultiDict[str] = CIMultiDict(headers or {})
    hdrs.setdefault("Content-Type", "text/plain; charset=utf-8")
    return web.Response(status=status, body=text.encode(), headers=hdrs)


def _html(status: int, body: bytes, headers: Headers | None = None) -> web.Response:
    hdrs: CIMultiDict[str] = CIMultiDict(headers or {})
    hdrs.setdefault("Content-Type", "text/html; charset=utf-8")
    return web.Response(status=status, body=body, headers=hdrs)


def _redirect(code: int, location: str | None) -> web.Response:
    headers = {} if location is None else {"Location": location}
    return _html(code, _page("Redirecting", html.escape(location or "")), headers)


def _reply(result: Any) -> web.StreamResponse:
    if isinstance(result, web.StreamResponse):
        return result
    status, headers, body = result
    hdrs: CIMultiDict[str] = CIMultiDict(headers)
    return web.Response(
        status=status, body=body.encode() if isinstance(body, str) else body, headers=hdrs
    )


async def _raw(
    request: web.BaseRequest, head: bytes, body: Iterable[bytes], end: str
) -> web.StreamResponse:
    """Write bytes straight to the socket (no HTTP framing checks), then end the connection.

    end: "close" (FIN after the buffer drains), "abort" (drop the buffer), "rst" (TCP reset).
    """
    transport = request.transport
    assert transport is not None
    writer = request.writer
    await writer.write(head)
    for chunk in body:
        await writer.write(chunk)
    if end == "rst":
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        transport.abort()
    elif end == "abort":
        transport.abort()
    else:
        transport.close()
    # aiohttp finds the transport closing when it tries to send this and drops it quietly.
    return web.Response()


def _chunks(size: int, block: bytes) -> Iterable[bytes]:
    for remaining in range(size, 0, -len(block)):
        yield block[: min(remaining, len(block))]


class FaultServer:
    """Start with `with FaultServer() as server:` (runs its own event loop in a daemon thread, so it
    works under sync tests and under pytest-asyncio tests alike; `async with` also works).

    Built-in endpoints are listed in `ENDPOINTS`; `route()` adds or overrides exact paths.
    """

    ENDPOINTS = (
        "/ok?ct=&body=",
        "/html",
        "/slow?ms=50",
        "/short/<code>?ms=0",
        "/final/<code>",
        "/drip?interval=0.5&bytes=40 (or bps=; cl=1 for content-length instead of chunked)",
        "/hang",
        "/reset?mode=rst|abort|close",
        "/bomb/{gzip,deflate,deflate-raw,gzip-in-gzip,br}?size=100000000",
        "/stack-encodings?n=1000&coding=gzip&encode=1",
        "/lying-length?declared=100&actual=100000",
        "/short-body?declared=100000&actual=10",
        "/big?size=3000000&ct=text/html&chunked=0",
        "/redirect?to=<url>&code=302 (no `to`: 3xx without Location)",
        "/loop/a, /loop/b, /loop/self",
        "/chain?n=11&code=302",
        "/redir-bomb?size=50000000&to=/final/x&code=302",
        "/meta-refresh?to=<url>",
        "/status/<code>?retry_after=",
        "/flaky?fail=2&code=503&key=k&retry_after=",
        "/type?ct=image/png&size=1000&chunked=0",
        "/headers",
        "/header-bomb?mode=big|many|location&size=1000000",
        "/oembed/{ok,bad-json,huge,deep,html}",
        "/robots.txt?mode=allow|disallow|404|500|hang",
    )

    def __init__(self, *, backlog: int = 2048, shutdown_timeout: float = 0.5) -> None:
        self._backlog = backlog
        self._shutdown_timeout = shutdown_timeout
        self._lock = threading.Lock()
        self._requests: list[tuple[str, str]] = []
        self._connections = 0
        self._errors: list[str] = []
        self._flaky_counts: dict[str, int] = {}
        self._routes: dict[str, Route] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._ready = threading.Event()
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._web: web.Server | None = None
        self._failures: list[BaseException] = []
        self.port = 0
        self.base = ""

    # ----------------------------------------------------------------- public API

    def url(self, path: str) -> str:
        """Absolute URL of `path` on this server (path must start with '/')."""
        return self.base + path

    @property
    def requests(self) -> list[tuple[str, str]]:
        """(method, raw path-with-query) of every request received, in arrival order (a copy)."""
        with self._lock:
            return list(self._requests)

    @property
    def connections(self) -> int:
        """Number of TCP connections accepted since start or the last `reset()`."""
        with self._lock:
            return self._connections

    @property
    def errors(self) -> list[str]:
        """Unexpected exceptions raised inside endpoint handlers (should stay empty)."""
        with self._lock:
            return list(self._errors)

    def route(self, path: str, handler: Route) -> None:
        """Serve `path` (exact match, before the built-ins) with an aiohttp handler, a callable
        returning (status, headers, body), or a fixed (status, headers, body) tuple."""
        with self._lock:
            self._routes[path] = handler

    def reset(self) -> None:
        """Forget recorded requests, the connection count, errors and /flaky counters."""
        with self._lock:
            self._requests.clear()
            self._connections = 0
            self._errors.clear()
            self._flaky_counts.clear()

    def start(self) -> FaultServer:
        if self._thread is not None:
            raise RuntimeError("FaultServer already started")
        self._ready.clear()
        self._closing.clear()
        self._loop = self._stop = None
        self._failures.clear()
        self._thread = threading.Thread(target=self._run, name="fault-server", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        if self._failures:
            self._thread.join(5)
            raise RuntimeError("FaultServer failed to start") from self._failures[0]
        if not self._ready.is_set():
            raise RuntimeError("FaultServer did not start within 10 s")
        return self

    def stop(self) -> None:
        """Cancel every handler, drop every connection, stop the loop and join the thread."""
        thread, loop, stop = self._thread, self._loop, self._stop
        if thread is None:
            return
        self._closing.set()
        if loop is not None and stop is not None:
            with contextlib.suppress(RuntimeError):  # loop already gone
                loop.call_soon_threadsafe(stop.set)
        thread.join(10)
        if thread.is_alive():
            raise RuntimeError("FaultServer thread did not stop within 10 s")
        self._thread = None
        if self._failures:
            raise RuntimeError("FaultServer loop failed") from self._failures[0]

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> FaultServer:
        return self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Off the caller's loop, so its own client connections can see the close meanwhile.
        await asyncio.to_thread(self.stop)

    # ----------------------------------------------------------------- loop thread

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve())
        except BaseException as exc:  # reported by start()/stop()
            self._failures.append(exc)
        finally:
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.run_until_complete(loop.shutdown_default_executor())
            finally:
                loop.close()
                self._ready.set()

    def _protocol(self) -> asyncio.BaseProtocol:
        assert self._web is not None
        with self._lock:
            self._connections += 1
        return self._web()

    async def _serve(self) -> None:
        loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._web = web.Server(self._dispatch, handler_cancellation=True, access_log=None)
        server = await loop.create_server(
            self._protocol, "127.0.0.1", 0, backlog=self._backlog, reuse_address=True
        )
        self.port = server.sockets[0].getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            server.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.sleep(0)
            for conn in self._web.connections:
                if conn.transport is not None:
                    conn.transport.abort()
            await self._web.shutdown(self._shutdown_timeout)
            await server.wait_closed()
            for _ in range(3):  # let connection_lost callbacks run before the loop closes
                await asyncio.sleep(0)

    async def _dispatch(self, request: web.BaseRequest) -> web.StreamResponse:
        task = asyncio.current_task()
        assert task is not None
        with self._lock:
            self._requests.append((request.method, request.raw_path))
            custom = self._routes.get(request.path)
        self._tasks.add(task)
        try:
            if custom is not None:
                if isinstance(custom, tuple):
                    return _reply(custom)
                result = custom(request)
                if inspect.isawaitable(result):
                    result = await result
                return _reply(result)
            return await self._builtin(request)
        except BadParam as exc:
            return _text(400, f"{exc}\n")
        except web.HTTPException:
            raise
        except ConnectionError:
            # The client went away while we were writing; aiohttp drops this quietly.
            return web.Response()
        except BombCancelled:
            return _text(503, "server stopping\n")
        except Exception as exc:
            with self._lock:
                self._errors.append(f"{request.method} {request.raw_path}: {exc!r}")
            raise
        finally:
            self._tasks.discard(task)

    async def _builtin(self, request: web.BaseRequest) -> web.StreamResponse:
        path = request.path
        exact = _EXACT.get(path)
        if exact is not None:
            return await exact(self, request)
        head, sep, rest = path[1:].partition("/")
        prefixed = _PREFIX.get(head)
        if prefixed is not None and sep and rest:
            return await prefixed(self, request, rest)
        return _text(404, f"no fault endpoint {path}\n")

    # ----------------------------------------------------------------- endpoints

    async def _ok(self, request: web.BaseRequest) -> web.StreamResponse:
        ct = request.query.get("ct", "text/html; charset=utf-8")
        body = request.query.get("body", "ok")
        return web.Response(body=body.encode(), headers={"Content-Type": ct})

    async def _html_page(self, request: web.BaseRequest) -> web.StreamResponse:
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": HTML_TITLE,
            "datePublished": HTML_DATE_PUBLISHED,
            "publisher": {"@type": "Organization", "name": HTML_PUBLISHER},
        }
        head = (
            f'<meta property="og:site_name" content="{HTML_SITE_NAME}">'
            f'<meta property="og:title" content="{HTML_TITLE}">'
            f'<link rel="canonical" href="{self.base}/html">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        )
        body = f"<article><h1>{HTML_TITLE}</h1><p>The vote was 7 to 2.</p></article>"
        return _html(200, _page(HTML_TITLE, body, head))

    async def _slow(self, request: web.BaseRequest) -> web.StreamResponse:
        await asyncio.sleep(_int(request, "ms", 50) / 1000)
        return _text(200, "slow\n")

    async def _short(self, request: web.BaseRequest, code: str) -> web.StreamResponse:
        await asyncio.sleep(_int(request, "ms", 0) / 1000)
        return _redirect(301, f"/final/{code}")

    async def _final(self, request: web.BaseRequest, code: str) -> web.StreamResponse:
        head = f'<link rel="canonical" href="{self.base}/final/{html.escape(code)}">'
        return _html(200, _page(f"Final {code}", f"<p>final page {html.escape(code)}</p>", head))

    async def _drip(self, request: web.BaseRequest) -> web.StreamResponse:
        interval = _float(request, "interval", 0.5)
        if "bps" in request.query:
            bps = _float(request, "bps", 2.0)
            interval = 1 / bps if bps else 0.0
        count = _int(request, "bytes", 40)
        resp = web.StreamResponse(headers={"Content-Type": "text/plain"})
        if request.query.get("cl") == "1":
            resp.content_length = count
        else:
            resp.enable_chunked_encoding()
        await resp.prepare(request)  # a StreamResponse sends its headers right away
        for _ in range(count):
            await asyncio.sleep(interval)
            await resp.write(b"x")
        await resp.write_eof()
        return resp

    async def _hang(self, request: web.BaseRequest) -> web.StreamResponse:
        await asyncio.get_running_loop().create_future()  # cancelled by stop() or disconnect
        raise AssertionError("unreachable")

    async def _reset(self, request: web.BaseRequest) -> web.StreamResponse:
        mode = request.query.get("mode", "rst")
        if mode not in ("rst", "abort", "close"):
            raise BadParam(f"mode={mode!r}")
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n"
        return await _raw(request, head, [b"<p>abcdef\n"], mode)

    async def _bomb(self, request: web.BaseRequest, kind: str) -> web.StreamResponse:
        if kind not in BOMB_ENCODINGS:
            return _text(404, f"no bomb kind {kind}\n")
        if kind == "br" and not _has_brotli():
            return _text(501, "brotli not installed\n")
        size = _int(request, "size", DEFAULT_BOMB_SIZE)
        body = await self._bomb_bytes(kind, size)
        headers = {"Content-Type": "text/html", "Content-Encoding": BOMB_ENCODINGS[kind]}
        return web.Response(body=body, headers=headers)

    async def _bomb_bytes(self, kind: str, size: int) -> bytes:
        # Generated off the loop (other endpoints keep answering); abandoned when stopping.
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, bomb, kind, size, self._closing.is_set)

    async def _stack_encodings(self, request: web.BaseRequest) -> web.StreamResponse:
        n = _int(request, "n", 1000)
        coding = request.query.get("coding", "gzip")
        encode = request.query.get("encode", "1") == "1" and coding in ("gzip", "deflate")
        body = _layers(coding, n) if encode else b"ok"
        headers = {"Content-Type": "text/html", "Content-Encoding": ", ".join([coding] * n)}
        return web.Response(body=body, headers=headers)

    async def _lying_length(self, request: web.BaseRequest) -> web.StreamResponse:
        declared = _int(request, "declared", 100)
        actual = _int(request, "actual", 100_000)
        head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {declared}\r\n\r\n"
        return await _raw(request, head.encode(), _chunks(actual, b"A" * CHUNK), "close")

    async def _short_body(self, request: web.BaseRequest) -> web.StreamResponse:
        declared = _int(request, "declared", 100_000)
        actual = _int(request, "actual", 10)
        head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {declared}\r\n\r\n"
        return await _raw(request, head.encode(), _chunks(actual, b"A" * CHUNK), "close")

    async def _stream(
        self, request: web.BaseRequest, ct: str, size: int, block: bytes, prefix: bytes = b""
    ) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": ct})
        if request.query.get("chunked") == "1":
            resp.enable_chunked_encoding()
        else:
            resp.content_length = size
        await resp.prepare(request)
        prefix = prefix[:size]
        if prefix:
            await resp.write(prefix)
        for chunk in _chunks(size - len(prefix), block):
            await resp.write(chunk)
        await resp.write_eof()
        return resp

    async def _big(self, request: web.BaseRequest) -> web.StreamResponse:
        size = _int(request, "size", 3_000_000)
        ct = request.query.get("ct", "text/html")
        return await self._stream(request, ct, size, b"x" * CHUNK)

    async def _type(self, request: web.BaseRequest) -> web.StreamResponse:
        ct = request.query.get("ct", "image/png")
        size = _int(request, "size", 1000)
        magic = {
            "image/png": b"\x89PNG\r\n\x1a\n",
            "image/gif": b"GIF89a",
            "application/pdf": b"%PDF-1.4\n",
            "application/zip": b"PK\x03\x04",
        }.get(ct.split(";")[0].strip().lower(), b"")
        return await self._stream(request, ct, size, _ZEROS[:CHUNK], magic)

    async def _redirect_to(self, request: web.BaseRequest) -> web.StreamResponse:
        code = _int(request, "code", 302)
        to = request.query.get("to")
        if to is not None and any(c in to for c in "\r\n\0"):
            # aiohttp refuses control characters in headers: write them by hand.
            head = f"HTTP/1.1 {code} Found\r\nLocation: {to}\r\nContent-Length: 0\r\n\r\n"
            return await _raw(request, head.encode(), [], "close")
        return _redirect(code, to)

    async def _loop_hop(self, request: web.BaseRequest, name: str) -> web.StreamResponse:
        target = {"a": "/loop/b", "b": "/loop/a", "self": "/loop/self"}.get(name)
        if target is None:
            return _text(404, f"no loop node {name}\n")
        return _redirect(302, target)

    async def _chain(self, request: web.BaseRequest) -> web.StreamResponse:
        n = _int(request, "n", 11)
        if n == 0:
            return _html(200, _page("End of chain", "<p>end of chain</p>"))
        return _redirect(_int(request, "code", 302), f"/chain?n={n - 1}")

    async def _redir_bomb(self, request: web.BaseRequest) -> web.StreamResponse:
        size = _int(request, "size", REDIR_BOMB_SIZE)
        body = await self._bomb_bytes("gzip", size)
        headers = {
            "Location": request.query.get("to", "/final/x"),
            "Content-Type": "text/html",
            "Content-Encoding": "gzip",
        }
        return web.Response(status=_int(request, "code", 302), body=body, headers=headers)

    async def _meta_refresh(self, request: web.BaseRequest) -> web.StreamResponse:
        return _html(200, meta_refresh_page(request.query.get("to", "/final/meta")))

    async def _status(self, request: web.BaseRequest, code: str) -> web.StreamResponse:
        try:
            status = int(code)
        except ValueError:
            raise BadParam(f"status {code!r} is not an integer") from None
        if not 200 <= status <= 599:
            raise BadParam(f"status {status} outside 200-599")
        headers = {}
        if "retry_after" in request.query:
            headers["Retry-After"] = request.query["retry_after"]
        if status in (204, 304):
            return web.Response(status=status, headers=headers)
        return _text(status, f"status {status}\n", headers)

    async def _flaky(self, request: web.BaseRequest) -> web.StreamResponse:
        fail = _int(request, "fail", 2)
        code = _int(request, "code", 503)
        key = request.query.get("key", "")
        with self._lock:
            seen = self._flaky_counts[key] = self._flaky_counts.get(key, 0) + 1
        if seen <= fail:
            headers = {}
            if "retry_after" in request.query:
                headers["Retry-After"] = request.query["retry_after"]
            return _text(code, f"failure {seen} of {fail}\n", headers)
        return _text(200, f"ok after {fail} failures\n")

    async def _headers(self, request: web.BaseRequest) -> web.StreamResponse:
        echoed: dict[str, str] = {}
        for name, value in request.headers.items():
            key = name.lower()
            echoed[key] = f"{echoed[key]}, {value}" if key in echoed else value
        return web.json_response(echoed)

    async def _header_bomb(self, request: web.BaseRequest) -> web.StreamResponse:
        mode = request.query.get("mode", "big")
        size = _int(request, "size", 1_000_000)
        if mode == "big":
            return _text(200, "header bomb\n", {"X-Bomb": "a" * size})
        if mode == "many":
            pairs = [(f"X-Bomb-{i}", "a") for i in range(_int(request, "n", 10_000))]
            return _text(200, "header bomb\n", pairs)
        if mode == "location":
            return _redirect(302, "/final/" + "a" * size)
        raise BadParam(f"mode={mode!r}")

    async def _oembed(self, request: web.BaseRequest, kind: str) -> web.StreamResponse:
        ok = {"version": "1.0", "type": "link", "title": "An oEmbed title", "cache_age": 3600}
        if kind == "ok":
            return web.json_response(ok)
        if kind == "bad-json":
            return web.Response(
                body=b'{"version": "1.0", "title": ', content_type="application/json"
            )
        if kind == "huge":
            size = _int(request, "size", 50_000_000)
            prefix = b'{"version": "1.0", "type": "link", "title": "'
            return await self._stream(request, "application/json", size, b"a" * CHUNK, prefix)
        if kind == "deep":
            depth = _int(request, "depth", 100_000)
            return web.Response(body=b"[" * depth + b"]" * depth, content_type="application/json")
        if kind == "html":
            return _html(200, _page("not json"))
        return _text(404, f"no oembed kind {kind}\n")

    async def _robots(self, request: web.BaseRequest) -> web.StreamResponse:
        mode = request.query.get("mode", "allow")
        if mode == "allow":
            return _text(200, "User-agent: *\nAllow: /\n")
        if mode == "disallow":
            return _text(200, "User-agent: *\nDisallow: /\n")
        if mode in ("404", "500"):
            return _text(int(mode), f"robots {mode}\n")
        if mode == "hang":
            return await self._hang(request)
        raise BadParam(f"mode={mode!r}")


def meta_refresh_page(url: str) -> bytes:
    """The page t.co serves browsers: noscript meta refresh + location.replace() of the target."""
    attr = html.escape(url, quote=True)
    js = json.dumps(url)[1:-1].replace("/", "\\/").replace("<", "\\u003c")
    return (
        f'<head><noscript><META http-equiv="refresh" content="0;URL={attr}"></noscript>'
        f"<title>{attr}</title></head>"
        f'<script>window.opener = null; location.replace("{js}")</script>'
    ).encode()


def _has_brotli() -> bool:
    return importlib.util.find_spec("brotli") is not None


_EXACT: dict[str, Callable[[FaultServer, web.BaseRequest], Awaitable[web.StreamResponse]]] = {
    "/ok": FaultServer._ok,
    "/html": FaultServer._html_page,
    "/slow": FaultServer._slow,
    "/drip": FaultServer._drip,
    "/hang": FaultServer._hang,
    "/reset": FaultServer._reset,
    "/stack-encodings": FaultServer._stack_encodings,
    "/lying-length": FaultServer._lying_length,
    "/short-body": FaultServer._short_body,
    "/big": FaultServer._big,
    "/type": FaultServer._type,
    "/redirect": FaultServer._redirect_to,
    "/chain": FaultServer._chain,
    "/redir-bomb": FaultServer._redir_bomb,
    "/meta-refresh": FaultServer._meta_refresh,
    "/flaky": FaultServer._flaky,
    "/headers": FaultServer._headers,
    "/header-bomb": FaultServer._header_bomb,
    "/robots.txt": FaultServer._robots,
}
_PREFIX: dict[str, Callable[[FaultServer, web.BaseRequest, str], Awaitable[web.StreamResponse]]] = {
    "short": FaultServer._short,
    "final": FaultServer._final,
    "bomb": FaultServer._bomb,
    "loop": FaultServer._loop_hop,
    "status": FaultServer._status,
    "oembed": FaultServer._oembed,
}

"""The loopback fault server misbehaves exactly as its endpoints promise."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import threading
import time
import zlib
from collections.abc import Iterator

import httpx
import pytest
from aiohttp import web

from tests.fault_server import (
    BOMB_ENCODINGS,
    HTML_DATE_PUBLISHED,
    HTML_PUBLISHER,
    HTML_SITE_NAME,
    HTML_TITLE,
    FaultServer,
    bomb,
)

STEP = 64 * 1024


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer() as srv:
        yield srv
    assert srv.errors == []


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(follow_redirects=False, timeout=5.0, trust_env=False) as c:
        yield c


def raw_body(client: httpx.Client, url: str) -> tuple[httpx.Response, bytes]:
    """Response and its body exactly as sent (no content decoding)."""
    with client.stream("GET", url) as resp:
        return resp, b"".join(resp.iter_raw())


def decoded_size(data: bytes, wbits: int) -> int:
    """Decompressed size, counted in bounded steps (never the whole output at once)."""
    d = zlib.decompressobj(wbits)
    total = 0
    while data:
        out = d.decompress(data, STEP)
        assert len(out) <= STEP
        total += len(out)
        data = d.unconsumed_tail
    total += len(d.flush())
    assert d.eof
    return total


def raw_exchange(server: FaultServer, path: str, timeout: float = 5.0) -> bytes:
    """Send one GET over a plain socket and read until the server closes."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        parts = []
        while chunk := sock.recv(STEP):
            parts.append(chunk)
    return b"".join(parts)


def test_ok_and_html(server: FaultServer, client: httpx.Client) -> None:
    r = client.get(server.url("/ok?ct=text/plain;%20charset=latin-1&body=hello"))
    assert (r.status_code, r.headers["content-type"], r.text) == (
        200,
        "text/plain; charset=latin-1",
        "hello",
    )
    r = client.get(server.url("/html"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert f"<title>{HTML_TITLE}</title>" in r.text
    assert f'property="og:site_name" content="{HTML_SITE_NAME}"' in r.text
    assert f'rel="canonical" href="{server.base}/html"' in r.text
    ld = json.loads(r.text.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["@type"] == "NewsArticle"
    assert (ld["publisher"]["name"], ld["datePublished"]) == (HTML_PUBLISHER, HTML_DATE_PUBLISHED)


def test_short_link_then_final(server: FaultServer, client: httpx.Client) -> None:
    t0 = time.monotonic()
    r = client.get(server.url("/short/abc?ms=100"))
    assert time.monotonic() - t0 >= 0.09
    assert (r.status_code, r.headers["location"]) == (301, "/final/abc")
    r = client.get(server.url("/final/abc"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<title>Final abc</title>" in r.text


@pytest.mark.parametrize(
    ("to", "code"),
    [
        ("http://169.254.169.254/latest/meta-data/", 302),
        ("//127.0.0.1/x", 301),
        ("/relative?a=1", 307),
        ("other", 308),
        ("file:///etc/passwd", 303),
    ],
)
def test_redirect_passes_location_through(
    server: FaultServer, client: httpx.Client, to: str, code: int
) -> None:
    r = client.get(server.url("/redirect"), params={"to": to, "code": code})
    assert (r.status_code, r.headers["location"]) == (code, to)


def test_redirect_without_location_and_with_crlf(server: FaultServer, client: httpx.Client) -> None:
    r = client.get(server.url("/redirect?code=302"))
    assert r.status_code == 302 and "location" not in r.headers
    raw = raw_exchange(server, "/redirect?to=/a%0d%0aSet-Cookie:%20x=1")
    assert raw.startswith(b"HTTP/1.1 302 ") and b"Location: /a\r\nSet-Cookie: x=1\r\n" in raw


def test_loops(server: FaultServer, client: httpx.Client) -> None:
    assert client.get(server.url("/loop/a")).headers["location"] == "/loop/b"
    assert client.get(server.url("/loop/b")).headers["location"] == "/loop/a"
    assert client.get(server.url("/loop/self")).headers["location"] == "/loop/self"


def test_chain_counts_down_and_requests_are_recorded(
    server: FaultServer, client: httpx.Client
) -> None:
    server.reset()
    url, hops = server.url("/chain?n=11"), 0
    while (r := client.get(url)).is_redirect:
        url = str(r.url.join(r.headers["location"]))
        hops += 1
    assert (hops, r.status_code) == (11, 200)
    assert server.requests == [("GET", f"/chain?n={n}") for n in range(11, -1, -1)]
    assert server.connections == 1  # one keep-alive connection carried all twelve


def test_meta_refresh_is_the_tco_shape(server: FaultServer, client: httpx.Client) -> None:
    # /work/shared/data/http/tco/tco-200-browser-page-2021.html, byte for byte
    tco = (
        '<head><noscript><META http-equiv="refresh" content="0;URL=https://buff.ly/2uSOHDs"></noscript>'
        "<title>https://buff.ly/2uSOHDs</title></head>"
        '<script>window.opener = null; location.replace("https:\\/\\/buff.ly\\/2uSOHDs")</script>'
    )
    r = client.get(server.url("/meta-refresh"), params={"to": "https://buff.ly/2uSOHDs"})
    assert (r.status_code, r.text) == (200, tco)
    assert r.headers["content-type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize(
    ("kind", "size", "wbits"),
    [("gzip", 100_000_000, 31), ("deflate", 10_000_000, 15), ("deflate-raw", 3_000_000, -15)],
)
def test_bomb_decompresses_to_size(
    server: FaultServer, client: httpx.Client, kind: str, size: int, wbits: int
) -> None:
    query = "" if size == 100_000_000 else f"?size={size}"
    resp, body = raw_body(client, server.url(f"/bomb/{kind}{query}"))
    assert resp.headers["content-encoding"] == BOMB_ENCODINGS[kind]
    assert resp.headers["content-type"] == "text/html"
    assert len(body) < size // 500
    assert decoded_size(body, wbits) == size


def test_gzip_in_gzip_bomb(server: FaultServer, client: httpx.Client) -> None:
    resp, body = raw_body(client, server.url("/bomb/gzip-in-gzip?size=20000000"))
    assert resp.headers["content-encoding"] == "gzip, gzip"
    d = zlib.decompressobj(31)
    inner = d.decompress(body, 1_000_000)
    assert d.eof and not d.unconsumed_tail
    assert decoded_size(inner, 31) == 20_000_000
    assert len(body) < len(inner) < 30_000


def test_redirect_bomb_body_is_there_but_need_not_be_read(
    server: FaultServer, client: httpx.Client
) -> None:
    with client.stream("GET", server.url("/redir-bomb")) as resp:
        assert (resp.status_code, resp.headers["location"]) == (302, "/final/x")
        assert resp.headers["content-encoding"] == "gzip"
        assert int(resp.headers["content-length"]) == len(bomb("gzip", 50_000_000))


def test_stack_encodings(server: FaultServer, client: httpx.Client) -> None:
    resp, body = raw_body(client, server.url("/stack-encodings?n=1000"))
    codings = [c.strip() for c in resp.headers["content-encoding"].split(",")]
    assert codings == ["gzip"] * 1000
    for _ in range(1000):
        body = zlib.decompress(body, 31)
    assert body == b"ok"
    resp, body = raw_body(client, server.url("/stack-encodings?n=3&encode=0"))
    assert (resp.headers["content-encoding"], body) == ("gzip, gzip, gzip", b"ok")


def test_lying_and_short_lengths(server: FaultServer, client: httpx.Client) -> None:
    head, _, body = raw_exchange(server, "/lying-length?declared=100&actual=100000").partition(
        b"\r\n\r\n"
    )
    assert head.endswith(b"\r\nContent-Length: 100") and len(body) == 100_000
    head, _, body = raw_exchange(server, "/short-body?declared=100000&actual=10").partition(
        b"\r\n\r\n"
    )
    assert head.endswith(b"\r\nContent-Length: 100000") and len(body) == 10
    with pytest.raises(httpx.RemoteProtocolError):
        client.get(server.url("/short-body"))


def test_reset_mid_body(server: FaultServer, client: httpx.Client) -> None:
    with pytest.raises(httpx.TransportError):
        client.get(server.url("/reset"))
    with pytest.raises(httpx.RemoteProtocolError):
        client.get(server.url("/reset?mode=close"))


def test_big_and_type(server: FaultServer, client: httpx.Client) -> None:
    resp, body = raw_body(client, server.url("/big"))
    assert (resp.headers["content-length"], len(body)) == ("3000000", 3_000_000)
    resp, body = raw_body(client, server.url("/big?size=200000&chunked=1&ct=application/json"))
    assert "content-length" not in resp.headers and resp.headers["transfer-encoding"] == "chunked"
    assert (resp.headers["content-type"], len(body)) == ("application/json", 200_000)
    r = client.get(server.url("/type?ct=image/png&size=1000"))
    assert (r.headers["content-type"], len(r.content)) == ("image/png", 1000)
    assert r.content.startswith(b"\x89PNG\r\n\x1a\n")
    r = client.get(server.url("/type"), params={"ct": "video/mp4", "size": 10})
    assert (r.headers["content-type"], r.content) == ("video/mp4", bytes(10))


def test_drip_sends_headers_then_trickles(server: FaultServer, client: httpx.Client) -> None:
    t0 = time.monotonic()
    with client.stream("GET", server.url("/drip?interval=0.05&bytes=6")) as resp:
        t_headers = time.monotonic() - t0
        assert resp.headers["transfer-encoding"] == "chunked"
        chunks = list(resp.iter_raw())
    elapsed = time.monotonic() - t0
    assert t_headers < 1.0 and elapsed >= 0.25  # headers at once, body over >= 5 intervals
    assert b"".join(chunks) == b"xxxxxx" and len(chunks) >= 3


def test_status_retry_after_and_flaky(server: FaultServer, client: httpx.Client) -> None:
    r = client.get(server.url("/status/429?retry_after=2"))
    assert (r.status_code, r.headers["retry-after"]) == (429, "2")
    r = client.get(server.url("/status/503"))
    assert r.status_code == 503 and "retry-after" not in r.headers
    assert client.get(server.url("/status/204")).status_code == 204
    codes = [client.get(server.url("/flaky?fail=2&code=503&key=k1")).status_code for _ in range(4)]
    assert codes == [503, 503, 200, 200]
    assert (
        client.get(server.url("/flaky?fail=1&code=429&key=k2&retry_after=1")).headers["retry-after"]
        == "1"
    )
    assert client.get(server.url("/flaky?fail=1&key=k2")).status_code == 200
    server.reset()
    assert client.get(server.url("/flaky?fail=1&key=k1")).status_code == 503
    assert client.get(server.url("/status/abc")).status_code == 400


def test_headers_echo(server: FaultServer) -> None:
    with httpx.Client(headers={"User-Agent": "citeresolve-test/1"}, trust_env=False) as c:
        echoed = c.get(server.url("/headers")).json()
    assert echoed["user-agent"] == "citeresolve-test/1"
    assert "cookie" not in echoed and "authorization" not in echoed
    with httpx.Client(trust_env=False) as c:
        echoed = c.get(
            server.url("/headers"), headers={"Cookie": "a=1", "Authorization": "x"}
        ).json()
    assert (echoed["cookie"], echoed["authorization"]) == ("a=1", "x")


def test_extras(server: FaultServer, client: httpx.Client) -> None:
    assert len(client.get(server.url("/header-bomb?size=50000")).headers["x-bomb"]) == 50_000
    assert client.get(server.url("/oembed/ok")).json()["version"] == "1.0"
    with pytest.raises(json.JSONDecodeError):
        client.get(server.url("/oembed/bad-json")).json()
    assert (
        client.get(server.url("/robots.txt?mode=disallow")).text == "User-agent: *\nDisallow: /\n"
    )
    assert client.get(server.url("/nope")).status_code == 404


def test_custom_routes(server: FaultServer, client: httpx.Client) -> None:
    async def handler(request: web.BaseRequest) -> web.StreamResponse:
        return web.Response(status=418, text=request.query.get("q", ""))

    server.route("/teapot", handler)
    server.route("/fixed", (201, {"X-A": "1"}, "made"))
    server.route("/ok", lambda request: (299, [("X-B", "1"), ("X-B", "2")], b"override"))
    assert client.get(server.url("/teapot?q=hi")).text == "hi"
    r = client.get(server.url("/fixed"))
    assert (r.status_code, r.headers["x-a"], r.text) == (201, "1", "made")
    r = client.get(server.url("/ok"))
    assert (r.status_code, r.headers.get_list("x-b"), r.text) == (299, ["1", "2"], "override")


def test_hang_times_out_and_shutdown_is_fast_with_open_connections() -> None:
    threads_before = set(threading.enumerate())
    srv = FaultServer().start()
    socks: list[socket.socket] = []
    try:
        with httpx.Client(timeout=0.2, trust_env=False) as c, pytest.raises(httpx.ReadTimeout):
            c.get(srv.url("/hang"))
        for path in ("/hang", "/drip?interval=10", "/slow?ms=60000", None):
            socks.append(socket.create_connection(("127.0.0.1", srv.port), timeout=2))
            if path is not None:  # the last one is accepted but never sends a request
                socks[-1].sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        deadline = time.monotonic() + 2
        # Every connection accepted (the silent one too) before the stop: else a connection
        # still being set up when the server stops is a race of the test, not a server fault.
        while (len(srv.requests) < 4 or srv.connections < 5) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert [p for _, p in srv.requests] == [
            "/hang",
            "/hang",
            "/drip?interval=10",
            "/slow?ms=60000",
        ]
        t0 = time.monotonic()
        srv.stop()
        assert time.monotonic() - t0 < 3.0  # does not wait for /hang, /drip or /slow
        assert srv.errors == []
        for s in socks:
            data = b""
            with contextlib.suppress(ConnectionResetError):
                while chunk := s.recv(4096):  # the server dropped the connection
                    data += chunk
            assert b"\r\n\r\n" not in data or data.startswith(b"HTTP/1.1 200")
    finally:
        srv.stop()
        for s in socks:
            s.close()
    assert set(threading.enumerate()) <= threads_before


async def _raw_get(port: int, path: str) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    try:
        return await reader.read()
    finally:
        writer.close()
        await writer.wait_closed()


async def test_slow_is_concurrent_under_asyncio() -> None:
    async with FaultServer() as srv:
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
        async with httpx.AsyncClient(limits=limits, trust_env=False, timeout=10) as c:
            t0 = time.monotonic()
            rs = await asyncio.gather(*(c.get(srv.url(f"/slow?ms=200&i={i}")) for i in range(50)))
            assert time.monotonic() - t0 < 4.0  # serialised it would take 10 s
        assert all(r.status_code == 200 for r in rs) and srv.connections == 50
        # 500 at once over bare sockets (httpx's own pool is the slower party at this size)
        t0 = time.monotonic()
        raws = await asyncio.gather(*(_raw_get(srv.port, "/slow?ms=300") for _ in range(500)))
        assert time.monotonic() - t0 < 6.0  # serialised it would take 150 s
        assert all(r.startswith(b"HTTP/1.1 200 OK") for r in raws)
        assert (srv.connections, len(srv.requests)) == (550, 550)
        assert srv.errors == []

"""The safe client on real sockets: refusals without connecting, caps, deadlines, redirects.

respx replaces the transport, so none of this could be tested with it: these tests talk to a
real server on 127.0.0.1 (tests/fault_server.py) through the real aiohttp transport, with
connect() watched by the guard in conftest.py.
"""

from __future__ import annotations

import time
import tracemalloc

import pytest

from citeresolve.resolve.client import FetchError, SafeClient
from citeresolve.resolve.options import ResolveOptions

PUBLIC = "http://public.test"  # a name the tests route to the fault server with connect_to


def fake_dns(table):
    async def lookup(host, _port):
        if host not in table:
            raise OSError(f"{host}: no such name in the test table")
        return table[host]

    return lookup


def client(server, *, lookup=None, **overrides):
    options = ResolveOptions(
        connect_to={PUBLIC: server.base},
        attempts=1,
        **{"timeout": 2.0, "deadline": 4.0, **overrides},
    )
    return SafeClient(options, lookup=lookup or fake_dns({}))


REFUSED = [
    pytest.param("http://127.0.0.1/x", "blocked_address", id="loopback"),
    pytest.param("http://10.0.0.1/", "blocked_address", id="private-10"),
    pytest.param("http://169.254.169.254/latest/meta-data/", "blocked_address", id="metadata"),
    pytest.param("http://100.64.0.1/", "blocked_address", id="cgnat"),
    pytest.param("http://192.0.0.192/", "blocked_address", id="ietf-oracle-imds"),
    pytest.param("http://224.0.0.1/", "blocked_address", id="multicast"),
    pytest.param("http://0.0.0.0/", "blocked_address", id="unspecified"),
    pytest.param("http://[::1]/", "blocked_address", id="ipv6-loopback"),
    pytest.param("http://[fe80::1]/", "blocked_address", id="link-local-v6"),
    pytest.param("http://[fd00:ec2::254]/", "blocked_address", id="unique-local"),
    pytest.param("http://[::ffff:127.0.0.1]/", "blocked_address", id="ipv4-mapped"),
    pytest.param("http://[::127.0.0.1]/", "blocked_address", id="ipv4-compatible"),
    pytest.param("http://[64:ff9b::a9fe:a9fe]/", "blocked_address", id="nat64"),
    pytest.param("http://[2002:a9fe:a9fe::]/", "blocked_address", id="6to4"),
    pytest.param("http://[2001:0:4136:e378:8000:63bf:3f57:fdf2]/", "blocked_address", id="teredo"),
    pytest.param("http://2130706433/", "blocked_address", id="decimal"),
    pytest.param("http://0x7f.1/", "blocked_address", id="hex-short"),
    pytest.param("http://0177.0.0.1/", "blocked_address", id="octal"),
    pytest.param("http://127.1/", "blocked_address", id="short"),
    pytest.param("http://localhost/", "blocked_host", id="localhost"),
    pytest.param("http://foo.localhost/", "blocked_host", id="sub-localhost"),
    pytest.param("http://printer.local/", "blocked_host", id="mdns"),
    pytest.param("http://metadata.google.internal/", "blocked_host", id="internal"),
    pytest.param("http://redis/", "blocked_host", id="single-label"),
    pytest.param("http://example.com:6379/", "blocked_port", id="redis-port"),
    pytest.param("ftp://example.com/", "blocked_scheme", id="ftp"),
    pytest.param("file:///etc/passwd", "blocked_scheme", id="file"),
    pytest.param("http://user:pass@example.com/", "invalid_url", id="credentials"),
    pytest.param("http://private.test/", "blocked_address", id="dns-to-private"),
    pytest.param("http://mixed.test/", "blocked_address", id="dns-mixed-answer"),
    pytest.param("http://v6private.test/", "blocked_address", id="dns-aaaa-private"),
]
DNS = {
    "private.test": ["10.1.2.3"],
    "mixed.test": ["93.184.216.34", "10.1.2.3"],
    "v6private.test": ["fd00::1"],
}


@pytest.mark.parametrize(("url", "reason"), REFUSED)
async def test_refused_without_any_connection(server, guard, url, reason):
    async with client(server, lookup=fake_dns(DNS)) as safe:
        with pytest.raises(FetchError) as info:
            await safe.fetch(url)
    assert info.value.reason == reason
    assert guard.attempts == []


async def test_redirect_to_private_address_is_refused_at_that_hop(server, guard):
    async with client(server) as safe:
        with pytest.raises(FetchError) as info:
            await safe.fetch(f"{PUBLIC}/redirect?to=http://169.254.169.254/latest/meta-data/")
    assert info.value.reason == "blocked_address"
    assert [hop.status for hop in info.value.hops] == [302]
    assert guard.refused == []
    assert set(guard.attempts) == {("127.0.0.1", server.port)}


async def test_redirect_to_a_name_resolving_private_is_refused(server, guard):
    async with client(server, lookup=fake_dns(DNS)) as safe:
        with pytest.raises(FetchError) as info:
            await safe.fetch(f"{PUBLIC}/redirect?to=http://private.test/x")
    assert info.value.reason == "blocked_address"
    assert guard.refused == []


async def test_gzip_bomb_stops_at_the_cap_with_bounded_memory(server, guard):
    tracemalloc.start()
    try:
        async with client(server, max_bytes=1_000_000) as safe:
            with pytest.raises(FetchError) as info:
                await safe.fetch(f"{PUBLIC}/bomb/gzip?size=100000000")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.reason == "too_large"
    assert peak < 8_000_000, f"peak {peak:,} bytes"


@pytest.mark.parametrize(
    "path", ["/bomb/deflate?size=50000000", "/bomb/gzip-in-gzip?size=50000000"]
)
async def test_other_bombs_stop_too(server, guard, path):
    async with client(server, max_bytes=1_000_000) as safe:
        with pytest.raises(FetchError) as info:
            await safe.fetch(PUBLIC + path)
    assert info.value.reason == "too_large"


async def test_stacked_encodings_are_refused(server, guard):
    async with client(server) as safe:
        with pytest.raises(FetchError) as info:
            await safe.fetch(f"{PUBLIC}/stack-encodings?n=1000")
    assert info.value.reason == "too_many_encodings"


async def test_big_plain_body_stops_at_the_cap(server, guard):
    async with client(server, max_bytes=1_000_000) as safe:
        with pytest.raises(FetchError) as info:
            await safe.fetch(f"{PUBLIC}/big?size=3000000&ct=text/html")
    assert info.value.reason == "too_large"


async def drip_html(request):
    """One byte of an HTML page every half second: each read is quick, the whole is not."""
    import asyncio

    from aiohttp import web

    response = web.StreamResponse(headers={"Content-Type": "text/html"})
    response.enable_chunked_encoding()
    await response.prepare(request)
    for _ in range(40):
        await asyncio.sleep(0.5)
        await response.write(b"x")
    await response.write_eof()
    return response


async def test_drip_server_hits_the_total_deadline(server, guard):
    server.route("/drip-html", drip_html)
    started = time.monotonic()
    async with client(server, timeout=1.0, deadline=1.5) as safe:
        with pytest.raises(FetchError) as info:
            await safe.fetch(f"{PUBLIC}/drip-html")
    elapsed = time.monotonic() - started
    assert info.value.reason == "timeout"
    assert 1.4 < elapsed < 5.0  # the drip alone would take 20 s


async def test_hanging_server_times_out(server, guard):
    async with client(server, timeout=0.5, deadline=1.0) as safe:
        with pytest.raises(FetchError) as info:
            await safe.fetch(f"{PUBLIC}/hang")
    assert info.value.reason == "timeout"


async def test_redirect_loop_stops(server, guard):
    async with client(server) as safe:
        with pytest.raises(FetchError) as info:
            await safe.fetch(f"{PUBLIC}/loop/a")
    assert info.value.reason == "redirect_loop"


async def test_eleven_hops_stop_and_ten_pass(server, guard):
    async with client(server) as safe:
        with pytest.raises(FetchError) as info:
            await safe.fetch(f"{PUBLIC}/chain?n=11")
        assert info.value.reason == "too_many_redirects"
        fetched = await safe.fetch(f"{PUBLIC}/chain?n=10")
    assert fetched.status == 200
    assert len(fetched.hops) == 10


async def test_redirect_body_is_never_read(server, guard):
    tracemalloc.start()
    started = time.monotonic()
    try:
        async with client(server) as safe:
            fetched = await safe.fetch(f"{PUBLIC}/redir-bomb")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert fetched.final_url.endswith("/final/x")
    assert fetched.status == 200
    assert peak < 8_000_000
    assert time.monotonic() - started < 5.0


async def test_meta_refresh_page_counts_as_a_hop(server, guard):
    async with client(server) as safe:
        fetched = await safe.fetch(f"{PUBLIC}/meta-refresh?to={PUBLIC}/final/abc")
    assert fetched.final_url == f"{PUBLIC}/final/abc"
    assert [hop.via for hop in fetched.hops] == ["refresh"]


async def test_unreadable_types_are_not_read(server, guard):
    async with client(server) as safe:
        fetched = await safe.fetch(f"{PUBLIC}/type?ct=image/png&size=100000")
    assert (fetched.status, fetched.content_type, fetched.body) == (200, "image/png", None)


async def test_honest_user_agent_and_no_cookies(server, guard):
    async with client(server) as safe:
        await safe.fetch(f"{PUBLIC}/ok?ct=text/html&body=x")  # may set a cookie; we keep none
        fetched = await safe.fetch(f"{PUBLIC}/headers")
    import json

    headers = {k.lower(): v for k, v in json.loads(fetched.body).items()}
    assert headers["user-agent"].startswith("citeresolve/")
    assert "(+https://" in headers["user-agent"]
    assert "cookie" not in headers and "authorization" not in headers
    assert headers["host"] == "public.test"


async def test_proxy_environment_is_ignored(server, guard, monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy"):
        monkeypatch.setenv(name, "http://10.9.9.9:3128")
    async with client(server) as safe:
        fetched = await safe.fetch(f"{PUBLIC}/ok?ct=text/html&body=hello")
    assert fetched.status == 200
    assert guard.refused == []


async def test_broken_connection_is_an_error_not_a_crash(server, guard):
    async with client(server) as safe:
        with pytest.raises(FetchError) as info:
            await safe.fetch(f"{PUBLIC}/reset")
    assert info.value.reason in {"protocol_error", "connect_error"}


async def test_a_host_is_resolved_once_and_only_checked_addresses_are_dialled(server, guard):
    """DNS rebinding: a second answer pointing inside is never asked for, never dialled."""
    answers = [["93.184.216.34"], ["127.0.0.1"]]
    lookups = []

    async def rebinding(host, _port):
        lookups.append(host)
        return answers[min(len(lookups) - 1, 1)]

    async with client(server, lookup=rebinding) as safe:
        for _ in range(2):
            with pytest.raises(FetchError) as info:
                await safe.fetch("http://rebind.test/")
            assert info.value.reason in {"connect_error", "network_unreachable"}
    assert lookups == ["rebind.test"]
    assert {address for address, _ in guard.attempts} == {"93.184.216.34"}  # refused by the guard

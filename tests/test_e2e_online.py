"""End to end: the seed audited online against a local fake of t.co, pic.twitter.com and oEmbed.

The fake is a real HTTP server on 127.0.0.1; the CLI reaches it through ``--connect-to``
(curl's idea: the request for https://t.co/... goes to the fake, the Host header stays t.co).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.fault_server import FaultServer
from tests.helpers import ROOT, SEED, graph_json
from tests.http_fixtures import recorded

TCO_TARGET = "https://www.reuters.com/world/europe/belgorod-fuel-depot-fire-2022-04-01/"
ARTICLE = b"""<!doctype html><html><head><title>Fire at Belgorod fuel depot | Reuters</title>
<meta property="og:site_name" content="Reuters"><link rel="canonical" href="%s">
<meta property="article:published_time" content="2022-04-01T08:00:00Z"></head>
<body><p>A fire broke out at a fuel depot in Belgorod.</p></body></html>""" % TCO_TARGET.encode()
SEED_TWEETS = {
    "1509914418240528390": "x-twitter/oembed-200-seed-CNN-synthetic",
    "1509868232137424897": "x-twitter/oembed-200-seed-tinso_ww-synthetic",
    "1509912345678901234": "x-twitter/oembed-200-seed-michaelh992-synthetic",
}
ORIGINS = [
    "https://t.co",
    "https://pic.twitter.com",
    "https://publish.twitter.com",
    "https://www.reuters.com",
]


def _fixture(name):
    fixture = recorded(name)
    return fixture.status, dict(fixture.headers), fixture.body


@pytest.fixture(scope="module")
def fake() -> Iterator[FaultServer]:
    with FaultServer() as server:
        server.route("/eXAp9sjZyI", (301, {"Location": TCO_TARGET, "Content-Length": "0"}, b""))
        for code in ("mhEdPCmmW5", "6cUPyB9YqA", "rRVc8cE2KG"):
            name = (
                "pic-twitter/pic-301-synthetic"
                if code == "mhEdPCmmW5"
                else f"pic-twitter/pic-301-{code}-synthetic"
            )
            server.route(f"/{code}", _fixture(name))
        server.route(
            urlsplit(TCO_TARGET).path, (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE)
        )

        async def oembed(request):
            from aiohttp import web

            status_url = unquote(parse_qs(urlsplit(str(request.url)).query)["url"][0])
            tweet_id = status_url.rstrip("/").rsplit("/", 1)[-1]
            status, headers, body = _fixture(SEED_TWEETS[tweet_id])
            return web.Response(
                status=status, body=body, headers={"Content-Type": headers["content-type"]}
            )

        server.route("/oembed", oembed)
        yield server


def audit(fake, cache_dir, *extra):
    routes = [arg for origin in ORIGINS for arg in ("--connect-to", f"{origin}={fake.base}")]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "citeresolve",
            "audit",
            str(SEED),
            "--format",
            "json",
            "--cache-dir",
            str(cache_dir),
            *routes,
            *extra,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return graph_json(result.stdout)


def resolutions(document):
    keep = (
        "status",
        "post_id",
        "author_handle",
        "final",
        "redirects",
        "http_status",
        "title",
        "site_name",
    )
    return {
        n["id"]: {k: n.get(k) for k in keep}
        for n in document["nodes"]
        if n["type"] in {"post", "url"}
    }


def test_seed_online_then_cached_then_offline(fake, tmp_path):
    cache_dir = tmp_path / "cache"
    fake.reset()
    first = audit(fake, cache_dir)
    assert fake.requests, "the first run must ask the network"

    posts = {n["author_handle"]: n for n in first["nodes"] if n["type"] == "post"}
    assert {h: (p["post_id"], p["status"]) for h, p in posts.items()} == {
        "CNN": ("1509914418240528390", "ok"),
        "tinso_ww": ("1509868232137424897", "ok"),
        "michaelh992": ("1509912345678901234", "ok"),
    }
    assert {
        "source": "account:twitter:cnn",
        "target": "outlet:cnn",
        "type": "operated_by",
        "evidence": [],
    } in first["edges"]
    tco = next(n for n in first["nodes"] if n["id"] == "url:https://t.co/eXAp9sjZyI")
    assert tco["status"] == "ok" and tco["final"] == TCO_TARGET
    assert tco["redirects"] == [{"url": "https://t.co/eXAp9sjZyI", "status": 301, "via": "http"}]
    final = next(n for n in first["nodes"] if n["id"] == f"url:{TCO_TARGET}")
    assert final["title"] == "Fire at Belgorod fuel depot | Reuters"
    assert {
        "source": f"url:{TCO_TARGET}",
        "target": "outlet:reuters",
        "type": "published_by",
        "evidence": [],
    } in first["edges"]
    assert not any(f["code"] == "post-without-id" for f in first["findings"])
    assert "resolved_at" in first

    fake.reset()
    second = audit(fake, cache_dir)
    assert fake.requests == []  # everything came from the cache
    assert resolutions(second) == resolutions(first)

    third = audit(fake, cache_dir, "--offline")
    assert fake.requests == []
    assert resolutions(third) == resolutions(first)
    assert "resolved_at" not in third


def test_plain_online_audit_without_network_finishes_fast(tmp_path):
    """No internet here: every item is unresolved with a reason, in a few seconds."""
    result = subprocess.run(
        [sys.executable, "-m", "citeresolve", "audit", str(SEED), "--format", "json", "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    document = graph_json(result.stdout)
    for node in document["nodes"]:
        if node["type"] in {"post", "url"}:
            assert node["status"] == "unresolved"
            assert node["reason"] in {"network_unreachable", "connect_error", "timeout"}, node
            assert node["reason_text"]


def test_url_source_is_fetched_through_the_safe_client(fake, tmp_path):
    from tests.fault_server import HTML_TITLE

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "citeresolve",
            "audit",
            "http://news.test/html",
            "--format",
            "json",
            "--no-cache",
            "--connect-to",
            f"http://news.test={fake.base}",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    document = graph_json(result.stdout)
    assert document["article"]["format"] == "html"
    assert document["article"]["source"] == "http://news.test/html"
    assert document["article"]["title"] == HTML_TITLE
    assert document["article"]["url"].startswith("http")  # the page's canonical link


@pytest.mark.parametrize(
    ("source", "words"),
    [
        pytest.param("http://127.0.0.1/article", "127.0.0.1", id="private-address"),
        pytest.param("http://localhost/article", "localhost", id="local-name"),
    ],
)
def test_url_source_refused_by_policy_is_one_line_and_exit_2(source, words):
    result = subprocess.run(
        [sys.executable, "-m", "citeresolve", "audit", source, "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1

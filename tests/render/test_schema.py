"""The shipped JSON Schema (citeresolve/schema/graph-1.json) holds every document we produce."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from citeresolve.detect import detect
from citeresolve.document import load
from citeresolve.graph import build_graph
from citeresolve.pipeline import audit
from citeresolve.platforms import PostRef
from citeresolve.resolve.options import ResolveOptions
from citeresolve.resolve.outcomes import PostOutcome, Resolutions, UrlOutcome
from tests.helpers import FIXTURES, SEED, read_json

CORPUS = sorted(p for p in (FIXTURES / "synthetic").iterdir() if p.suffix in {".html", ".txt"})
TWEET = PostRef(
    "twitter", "1509914418240528390", "CNN", "https://twitter.com/CNN/status/1509914418240528390"
)
PASTED = "Fire at the depot. pic.twitter.com/mhEdPCmmW5 — CNN (@CNN) April 1, 2022"
RESOLVED_AT = "2026-11-25T00:00:00+00:00"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    text = files("citeresolve.schema").joinpath("graph-1.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def offline_document(path: Any) -> dict[str, Any]:
    doc = load(path)
    return build_graph(doc, detect(doc)).to_dict()


def assert_valid(validator: Draft202012Validator, document: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, "\n".join(errors[:10])


def test_seed(validator):
    assert_valid(validator, offline_document(SEED))


def test_golden_file(validator):
    assert_valid(validator, read_json("golden", "seed.offline.json"))


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_article(validator, path):
    assert_valid(validator, offline_document(path))


@pytest.mark.parametrize("path", [SEED, *CORPUS], ids=[SEED.name, *(p.name for p in CORPUS)])
def test_offline_audit(validator, path):
    """What ``audit --offline`` prints: the resolver's offline verdicts (needs_token, post URLs)."""
    graph = audit(path, options=ResolveOptions(offline=True, use_cache=False))
    assert_valid(validator, graph.to_dict())


# --- with resolutions ----------------------------------------------------------------------

OK_POST = PostOutcome(
    "ok",
    ref=TWEET,
    author_handle="CNN",
    author_name="CNN",
    recovered_from="https://pic.twitter.com/mhEdPCmmW5",
)
FINAL = "https://edition.cnn.com/2022/04/01/europe/belgorod/index.html"
CHAIN = tuple({"url": f"https://hop{i}.example/", "status": 301, "via": "http"} for i in range(3))


@pytest.mark.parametrize(
    ("text", "urls", "posts", "linked"),
    [
        pytest.param(
            PASTED,
            {"https://pic.twitter.com/mhEdPCmmW5": UrlOutcome("ok", final=TWEET.url, post=TWEET)},
            {0: OK_POST},
            {TWEET.url: OK_POST},
            id="post-recovered-from-its-photo-link",
        ),
        pytest.param(
            PASTED,
            {},
            {0: PostOutcome("ok", ref=TWEET, author_handle="SomeoneElse", recovered_from="x")},
            {},
            id="author-mismatch",
        ),
        pytest.param(
            PASTED,
            {},
            {0: PostOutcome("unavailable", "oembed_404", "deleted or never existed", ref=TWEET)},
            {},
            id="unavailable-post",
        ),
        pytest.param(
            PASTED,
            {},
            {0: PostOutcome("error", "oembed_500", "the oEmbed endpoint answers 500", ref=TWEET)},
            {},
            id="post-error",
        ),
        pytest.param(
            "See https://t.co/x for more.",
            {
                "https://t.co/x": UrlOutcome(
                    "ok",
                    final=FINAL,
                    http_status=200,
                    title="Fire in Belgorod",
                    site_name="CNN",
                    redirects=({"url": "https://t.co/x", "status": 301, "via": "http"},),
                )
            },
            {},
            {},
            id="short-link-to-an-outlets-page",
        ),
        pytest.param(
            "A https://a.example/x B https://b.example/y C http://c.example/z D https://d.example/",
            {
                "https://a.example/x": UrlOutcome(
                    "ok", final="https://end.example/", redirects=CHAIN, http_status=200
                ),
                "https://b.example/y": UrlOutcome(
                    "broken", "http_404", "the page answers HTTP 404", http_status=404
                ),
                "http://c.example/z": UrlOutcome(
                    "blocked", "blocked_address", "c.example resolves to 10.0.0.1"
                ),
                "https://d.example/": UrlOutcome(
                    "error", "http_503", "the page answers HTTP 503", http_status=503
                ),
            },
            {},
            {},
            id="redirect-chain-broken-blocked-error",
        ),
        pytest.param(
            "See https://t.co/x",
            {"https://t.co/x": UrlOutcome("unresolved", "network_unreachable", "no route")},
            {},
            {},
            id="network-unreachable",
        ),
        pytest.param(
            f"Watch {TWEET.url} now.",
            {TWEET.url: UrlOutcome("ok", final=TWEET.url, post=TWEET)},
            {},
            {TWEET.url: PostOutcome("ok", ref=TWEET, author_handle="CNN", text="Fire.")},
            id="link-to-a-post",
        ),
    ],
)
def test_graph_with_resolutions(validator, text, urls, posts, linked):
    doc = load("a.txt", data=text.encode())
    resolutions = Resolutions(urls, posts, linked, RESOLVED_AT)
    document = build_graph(doc, detect(doc), resolutions=resolutions).to_dict()
    assert document["resolved_at"] == RESOLVED_AT
    assert_valid(validator, document)


# --- what must not pass --------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], object]


def _node(document: dict[str, Any], node_type: str) -> dict[str, Any]:
    return next(node for node in document["nodes"] if node["type"] == node_type)


def _edge(document: dict[str, Any], edge_type: str) -> dict[str, Any]:
    return next(edge for edge in document["edges"] if edge["type"] == edge_type)


@pytest.mark.parametrize(
    ("mutate", "complaint"),
    [
        pytest.param(lambda d: _node(d, "post").update(status="deleted"), "'deleted' is not one of", id="post-status"),
        pytest.param(lambda d: _node(d, "url").update(status="unavailable"), "'unavailable' is not one of", id="url-status"),
        pytest.param(lambda d: d.pop("stats"), "'stats' is a required property", id="missing-stats"),
        pytest.param(lambda d: d["article"].pop("sha256"), "'sha256' is a required property", id="missing-sha256"),
        pytest.param(lambda d: _node(d, "url").pop("canonical"), "'canonical' is a required property", id="missing-url-field"),
        pytest.param(lambda d: _node(d, "post").pop("reason"), "'reason' is a required property", id="missing-reason"),
        pytest.param(lambda d: _node(d, "url").update(status="ok"), "False schema does not allow", id="reason-on-ok"),
        pytest.param(lambda d: d.update(schema="citeresolve.graph/2"), "'citeresolve.graph/1' was expected", id="schema-version"),
        pytest.param(lambda d: _node(d, "account").update(followers=3), "Additional properties", id="extra-node-key"),
        pytest.param(lambda d: d.update(extra=True), "Additional properties", id="extra-top-level-key"),
        pytest.param(lambda d: _node(d, "outlet").update(kind="blog"), "'blog' is not one of", id="outlet-kind"),
        pytest.param(lambda d: _node(d, "article").update(type="person"), "'person' is not one of", id="node-type"),
        pytest.param(lambda d: _edge(d, "embeds").update(kind="report"), "False schema does not allow", id="kind-off-attribution"),
        pytest.param(lambda d: _edge(d, "attributes_to").pop("kind"), "'kind' is a required property", id="attribution-without-kind"),
        pytest.param(lambda d: _edge(d, "attributes_to").update(type="cites"), "'cites' is not one of", id="edge-type"),
        pytest.param(lambda d: _edge(d, "embeds")["evidence"][0].update(start=-1), "less than the minimum", id="negative-offset"),
        pytest.param(lambda d: d["findings"][0].update(severity="fatal"), "'fatal' is not one of", id="severity"),
        pytest.param(lambda d: d["stats"].update(links=-1), "less than the minimum", id="negative-count"),
        pytest.param(lambda d: d["article"].update(id="article:XYZ"), "does not match", id="article-id"),
        pytest.param(lambda d: d.update(resolved_at="yesterday"), "does not match", id="resolved-at"),
    ],
)  # fmt: skip
def test_invalid_documents_fail(validator, mutate: Mutation, complaint):
    document = copy.deepcopy(read_json("golden", "seed.offline.json"))
    assert_valid(validator, document)
    mutate(document)
    messages = [error.message for error in validator.iter_errors(document)]
    assert any(complaint in message for message in messages), messages

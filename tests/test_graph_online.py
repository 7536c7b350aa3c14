"""The graph with resolutions: edges to final URLs, posts and outlets, and the online findings."""

from __future__ import annotations

from citeresolve.detect import detect
from citeresolve.document import load
from citeresolve.graph import build_graph
from citeresolve.platforms import PostRef
from citeresolve.resolve.outcomes import PostOutcome, Resolutions, UrlOutcome

TWEET = PostRef(
    "twitter", "1509914418240528390", "CNN", "https://twitter.com/CNN/status/1509914418240528390"
)
PASTED = "Fire at the depot. pic.twitter.com/mhEdPCmmW5 — CNN (@CNN) April 1, 2022"


def graph_of(text, urls=None, posts=None, linked=None):
    doc = load("a.txt", data=text.encode())
    findings = detect(doc)
    resolutions = Resolutions(urls or {}, posts or {}, linked or {}, "2026-11-25T00:00:00+00:00")
    return build_graph(doc, findings, resolutions=resolutions).to_dict()


def edge_set(document, edge_type):
    return {(e["source"], e["target"]) for e in document["edges"] if e["type"] == edge_type}


def codes(document):
    return sorted(f["code"] for f in document["findings"])


def test_pasted_tweet_takes_the_id_its_photo_link_names():
    ok = PostOutcome(
        "ok",
        ref=TWEET,
        author_handle="CNN",
        author_name="CNN",
        recovered_from="https://pic.twitter.com/mhEdPCmmW5",
    )
    document = graph_of(
        PASTED,
        urls={"https://pic.twitter.com/mhEdPCmmW5": UrlOutcome("ok", final=TWEET.url, post=TWEET)},
        posts={0: ok},
        linked={TWEET.url: ok},
    )
    post = next(n for n in document["nodes"] if n["type"] == "post")
    assert (post["id"], post["status"], post["recovered_from"]) == (
        "post:twitter:1509914418240528390",
        "ok",
        "https://pic.twitter.com/mhEdPCmmW5",
    )
    assert (
        "url:https://pic.twitter.com/mhEdPCmmW5",
        "post:twitter:1509914418240528390",
    ) in edge_set(document, "resolves_to")
    assert "post-without-id" not in codes(document)
    assert document["resolved_at"] == "2026-11-25T00:00:00+00:00"


def test_author_mismatch_is_an_error():
    wrong = PostOutcome("ok", ref=TWEET, author_handle="SomeoneElse", recovered_from="x")
    document = graph_of(PASTED, posts={0: wrong})
    flag = next(f for f in document["findings"] if f["code"] == "author-mismatch")
    assert flag["severity"] == "error"
    assert "@CNN" in flag["message"] and "@SomeoneElse" in flag["message"]
    assert flag["evidence"][0]["text"] == "— CNN (@CNN) April 1, 2022"


def test_unavailable_post():
    gone = PostOutcome(
        "unavailable", "oembed_404", "the platform answers 404: deleted or never existed", ref=TWEET
    )
    document = graph_of(PASTED, posts={0: gone})
    post = next(n for n in document["nodes"] if n["type"] == "post")
    assert (post["status"], post["reason"]) == ("unavailable", "oembed_404")
    assert "unavailable-post" in codes(document)


def test_short_link_resolves_to_a_final_page_published_by_an_outlet():
    final = "https://edition.cnn.com/2022/04/01/europe/belgorod/index.html"
    outcome = UrlOutcome(
        "ok",
        final=final,
        http_status=200,
        title="Fire in Belgorod",
        site_name="CNN",
        redirects=({"url": "https://t.co/x", "status": 301, "via": "http"},),
    )
    document = graph_of("See https://t.co/x for more.", urls={"https://t.co/x": outcome})
    assert ("url:https://t.co/x", f"url:{final}") in edge_set(document, "resolves_to")
    assert (f"url:{final}", "outlet:cnn") in edge_set(document, "published_by")
    end = next(n for n in document["nodes"] if n["id"] == f"url:{final}")
    assert (end["title"], end["status"]) == ("Fire in Belgorod", "ok")


def test_redirect_chain_broken_and_blocked_links():
    chain = tuple(
        {"url": f"https://hop{i}.example/", "status": 301, "via": "http"} for i in range(3)
    )
    document = graph_of(
        "A https://a.example/x B https://b.example/y C http://c.example/z",
        urls={
            "https://a.example/x": UrlOutcome(
                "ok", final="https://end.example/", redirects=chain, http_status=200
            ),
            "https://b.example/y": UrlOutcome(
                "broken", "http_404", "the page answers HTTP 404", http_status=404
            ),
            "http://c.example/z": UrlOutcome(
                "blocked", "blocked_address", "c.example resolves to 10.0.0.1, a private address"
            ),
        },
    )
    assert codes(document) == ["blocked-url", "dead-link", "redirect-chain"]


def test_network_failures_are_reported_with_their_reason():
    document = graph_of(
        "See https://t.co/x",
        urls={"https://t.co/x": UrlOutcome("unresolved", "network_unreachable", "no route")},
    )
    flag = next(f for f in document["findings"] if f["code"] == "unresolved")
    assert "network_unreachable" in flag["message"]

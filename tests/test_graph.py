"""The graph: ownership of attributions and links, merging, stable ids, findings."""

from __future__ import annotations

import pytest

from citeresolve.detect import detect
from citeresolve.document import load
from citeresolve.graph import build_graph


def graph_of(text, suffix="txt"):
    doc = load("a." + suffix, data=text.encode())
    return build_graph(doc, detect(doc)).to_dict()


def edges(document, edge_type):
    return [e for e in document["edges"] if e["type"] == edge_type]


def test_attribution_inside_a_post_belongs_to_the_post():
    document = graph_of(
        "Officials spoke, according to Reuters.\n\n"
        "Huge fire here, according to Reuters https://t.co/abc — Jo (@jo) May 2, 2021"
    )
    sources = sorted(e["source"].split(":")[0] for e in edges(document, "attributes_to"))
    assert sources == ["article", "post"]
    (link,) = edges(document, "links_to")
    assert link["source"].startswith("post:twitter:@jo:2021-05-02:")


def test_one_node_per_outlet_every_mention_as_evidence():
    document = graph_of("Reuters reported it. Later, according to Reuters, more. Reuters said so.")
    (edge,) = edges(document, "attributes_to")
    assert edge["target"] == "outlet:reuters"
    assert [e["text"] for e in edge["evidence"]] == [
        "Reuters reported",
        "according to Reuters",
        "Reuters said",
    ]
    assert edge["cue"] == "Reuters reported"
    assert sum(1 for n in document["nodes"] if n["type"] == "outlet") == 1


def test_same_post_embedded_twice_is_one_node_with_two_evidence_spans():
    html = (
        '<p>One</p><blockquote class="twitter-tweet"><p>Hi</p>&mdash; Jo (@jo) '
        '<a href="https://twitter.com/jo/status/123456?ref_src=twsrc%5Etfw">May 2, 2021</a></blockquote>'
        '<p>Two</p><amp-twitter data-tweetid="123456"></amp-twitter>'
    )
    document = graph_of(html, "html")
    posts = [n for n in document["nodes"] if n["type"] == "post"]
    assert [p["id"] for p in posts] == ["post:twitter:123456"]
    assert (
        posts[0]["author_handle"] == "jo"
        and posts[0]["url"] == "https://twitter.com/jo/status/123456"
    )
    (embed,) = edges(document, "embeds")
    assert len(embed["evidence"]) == 2
    assert edges(document, "links_to") == []  # the post's own permalink is not a cited link


def test_ids_are_stable_and_output_sorted():
    text = "CNN reports a fire. See https://example.com/a?utm_source=x and https://example.com/a"
    first, second = graph_of(text), graph_of(text)
    assert first == second
    ids = [n["id"] for n in first["nodes"]]
    assert ids == sorted(ids)
    urls = [n for n in first["nodes"] if n["type"] == "url"]
    assert [u["canonical"] for u in urls] == ["https://example.com/a"]


def test_account_of_an_outlet_is_operated_by_it():
    document = graph_of("Breaking — Reuters (@Reuters) May 2, 2021")
    assert {
        "source": "account:twitter:reuters",
        "target": "outlet:reuters",
        "type": "operated_by",
        "evidence": [],
    } in document["edges"]


def test_findings_and_unresolved_reasons_offline():
    document = graph_of("He told local media. Fire — Jo (@jo) May 2, 2021 https://t.co/x")
    codes = sorted(f["code"] for f in document["findings"])
    assert codes == ["post-not-linked", "post-without-id", "unnamed-source"]
    for node in document["nodes"]:
        if node["type"] in {"post", "url"}:
            assert (node["status"], node["reason"]) == ("unresolved", "offline")


def test_article_object_carries_the_page_metadata():
    page = b"""<html><head><title>Storm hits coast | Example News</title>
    <meta property="og:site_name" content="Example News">
    <meta property="article:published_time" content="2025-01-21T08:00:00Z">
    <meta name="author" content="Jane Doe">
    <link rel="canonical" href="https://news.example/storm"></head>
    <body><article><p>The storm hit the coast on Tuesday, according to Reuters.</p></article></body></html>"""
    document = graph_of(page.decode(), "html")
    article = document["article"]
    assert (
        article["title"],
        article["url"],
        article["published"],
        article["site_name"],
        article["byline"],
    ) == (
        "Storm hits coast | Example News",
        "https://news.example/storm",
        "2025-01-21",
        "Example News",
        "Jane Doe",
    )


FINDING_CASES = [
    pytest.param(
        "Talks stalled, according to Reuters. See https://www.reuters.com/world/talks for more.",
        [],
        id="credited-and-linked",
    ),
    pytest.param(
        "Talks stalled, according to Reuters.",
        ["attribution-without-link"],
        id="credited-not-linked",
    ),
    pytest.param(
        "Fire — Jo (@jo) May 2, 2021",
        ["post-not-linked", "post-without-id"],
        id="post-without-any-way-to-it",
    ),
    pytest.param("Photo: Reuters\n\nText.", ["image-credit"], id="image-credits-need-no-link"),
]


@pytest.mark.parametrize(("text", "expected"), FINDING_CASES)
def test_reader_findings(text, expected):
    assert sorted(f["code"] for f in graph_of(text)["findings"]) == expected


def test_self_citation_on_the_outlets_own_page():
    page = (
        '<html><head><link rel="canonical" href="https://www.reuters.com/world/x"></head><body><article><p>'
        + "The talks went on. " * 15
        + "Reuters reported earlier that they would fail.</p></article></body></html>"
    )
    document = graph_of(page, "html")
    assert [f["code"] for f in document["findings"]] == ["self-citation"]


@pytest.mark.parametrize(
    ("status", "code"),
    [
        pytest.param(404, "dead-link", id="404-dead"),
        pytest.param(410, "dead-link", id="410-dead"),
        pytest.param(402, "paywalled", id="402-paywalled"),
        pytest.param(401, "paywalled", id="401-login"),
        pytest.param(403, "blocked", id="403-refused"),
        pytest.param(400, "broken-link", id="400-broken"),
    ],
)
def test_broken_links_are_told_apart(status, code):
    from citeresolve.resolve.outcomes import Resolutions, UrlOutcome

    doc = load("a.txt", data=b"See https://news.example/a for the report.")
    outcome = UrlOutcome(
        "broken", f"http_{status}", f"the page answers HTTP {status}", http_status=status
    )
    resolutions = Resolutions(
        {"https://news.example/a": outcome}, {}, {}, "2026-11-25T00:00:00+00:00"
    )
    flags = build_graph(doc, detect(doc), resolutions=resolutions).to_dict()["findings"]
    assert [f["code"] for f in flags] == [code]

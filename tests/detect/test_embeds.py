"""Embedded posts: golden fixtures in each platform's published markup, pasted forms, negatives."""

from __future__ import annotations

import pytest

from citeresolve.detect.embeds import find_embeds
from citeresolve.document import load
from tests.helpers import FIXTURES, assert_offsets_exact, read_json

GOLDEN = sorted(p for p in (FIXTURES / "embeds").iterdir() if p.suffix in {".html", ".txt"})
FIELDS = ("platform", "post_id", "url", "author_handle", "author_name", "published")


@pytest.mark.parametrize("path", GOLDEN, ids=[p.name for p in GOLDEN])
def test_golden_embed_fixture(path):
    expected = read_json("embeds", path.stem + ".expected.json")["embeds"]
    doc = load(path)
    found = find_embeds(doc)
    assert [{f: getattr(e, f) for f in FIELDS} for e in found] == [
        {f: e[f] for f in FIELDS} for e in expected
    ]
    for embed, want in zip(found, expected, strict=True):
        for fragment in want["text_contains"]:
            assert fragment in (embed.text or "")
    assert_offsets_exact(doc.text, [e.span for e in found])


PASTED = [
    pytest.param(
        "Smoke rose.\n\nFire at the depot. pic.twitter.com/6cUPyB9YqA — Aldin (@tinso_ww) April 1, 2022\n\nMore text.",
        [
            (
                "twitter",
                "tinso_ww",
                "Aldin",
                "2022-04-01",
                "Fire at the depot. pic.twitter.com/6cUPyB9YqA",
            )
        ],
        id="tweet-em-dash",
    ),
    pytest.param(
        "Fire at the depot – Aldin (@tinso_ww) Apr 1, 2022",
        [("twitter", "tinso_ww", "Aldin", "2022-04-01", "Fire at the depot")],
        id="tweet-en-dash-short-month",
    ),
    pytest.param(
        "Fire at the depot - Aldin (@tinso_ww) April 1, 2022",
        [("twitter", "tinso_ww", "Aldin", "2022-04-01", "Fire at the depot")],
        id="tweet-hyphen",
    ),
    pytest.param(
        "Fire at the depot &mdash; Aldin (@tinso_ww) April 1, 2022",
        [("twitter", "tinso_ww", "Aldin", "2022-04-01", "Fire at the depot")],
        id="tweet-mdash-entity",
    ),
    pytest.param(
        "Article paragraph.\n\nFirst line of the tweet.\n\n\n\nSecond line — Jo (@jo) May 2, 2021\n\nAfter.",
        [("twitter", "jo", "Jo", "2021-05-02", "First line of the tweet.\n\nSecond line")],
        id="tweet-spans-paragraphs",
    ),
    pytest.param(
        "Article paragraph one.\n\nArticle paragraph two.\n\nThe tweet — Jo (@jo) May 2, 2021",
        [("twitter", "jo", "Jo", "2021-05-02", "The tweet")],
        id="tweet-does-not-swallow-article",
    ),
    pytest.param(
        "Ask @KimDozier about #Kyiv — CNN (@CNN) April 1, 2022",
        [("twitter", "CNN", "CNN", "2022-04-01", "Ask @KimDozier about #Kyiv")],
        id="tweet-keeps-mentions",
    ),
    pytest.param(
        "A bright day. — Jay (@jay.bsky.team) April 1, 2024 at 10:00 AM",
        [("bluesky", "jay.bsky.team", "Jay", "2024-04-01", "A bright day.")],
        id="bluesky-pasted",
    ),
    pytest.param(
        "View this post on Instagram\n\nA post shared by CNN (@cnn)",
        [("instagram", "cnn", "CNN", None, None)],
        id="instagram-pasted",
    ),
    pytest.param(
        "Water is safe again.\n\nPosted by Greenville Water on Monday, June 12, 2023",
        [("facebook", None, "Greenville Water", "2023-06-12", "Water is safe again.")],
        id="facebook-pasted",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PASTED)
def test_pasted_posts(text, expected):
    doc = load("pasted.txt", data=text.encode())
    found = find_embeds(doc)
    assert [
        (e.platform, e.author_handle, e.author_name, e.published, e.text) for e in found
    ] == expected
    assert_offsets_exact(
        doc.text, [e.span for e in found] + [e.signature for e in found if e.signature]
    )


NOT_POSTS = [
    pytest.param("Contact us (@newsroom) for tips.", id="handle-without-date"),
    pytest.param(
        "The mayor (@mayor) spoke on April 1, 2022 at noon.", id="handle-date-not-adjacent"
    ),
    pytest.param("(@CNN) April 1, 2022 with no name before it", id="no-dash-no-name"),
    pytest.param("Email me at jo@example.com — April 1, 2022", id="email-not-handle"),
    pytest.param('<div class="tweet">not an embed</div>', id="lookalike-class"),
    pytest.param(
        '<iframe src="https://www.example.com/embed/abcdefghijk"></iframe>', id="foreign-iframe"
    ),
    pytest.param(
        '<blockquote class="twitter-tweet"><p>no link</p></blockquote>',
        id="blockquote-without-status",
    ),
]


@pytest.mark.parametrize("text", NOT_POSTS)
def test_not_posts(text):
    suffix = ".html" if text.startswith("<") else ".txt"
    found = find_embeds(load("x" + suffix, data=text.encode()))
    # A blockquote without a status link is still an embed, but it carries no post id.
    assert all(e.post_id is None for e in found)
    if suffix == ".txt":
        assert found == ()


def test_blockquote_is_not_also_read_as_pasted_text():
    doc = load(FIXTURES / "embeds" / "twitter-blockquote.html")
    assert [e.form for e in find_embeds(doc)] == ["blockquote"]


def test_same_post_embedded_twice_in_different_places_is_kept_twice():
    html = (
        '<p>One</p><amp-twitter data-tweetid="1509914418240528390"></amp-twitter>'
        '<p>Two</p><amp-twitter data-tweetid="1509914418240528390"></amp-twitter>'
    )
    found = find_embeds(load("x.html", data=html.encode()))
    assert [e.post_id for e in found] == ["1509914418240528390"] * 2


def test_post_link_in_a_cms_embed_fallback_is_an_embed():
    """BBC shows a screenshot of a tweet and links the original inside "social-embed"."""
    from citeresolve.detect import detect
    from citeresolve.document import parse_html

    doc = parse_html(
        "<p>Text.</p><div class='social-embed'><div class='social-embed-post'>"
        "<a class='embed-original-post-link' href='https://twitter.com/BigMachine/status/119?s=20'>"
        "</a><figure><img src='x.png'></figure></div></div>"
        "<div class='share-tools'><a href='https://twitter.com/intent/tweet?url=x'>Share</a></div>"
    )
    embeds = detect(doc).embeds
    assert [(e.platform, e.post_id, e.author_handle) for e in embeds] == [
        ("twitter", "119", "BigMachine")
    ]


def test_consent_gated_player_written_by_a_one_line_script_is_an_embed():
    from citeresolve.detect import detect
    from citeresolve.document import parse_html

    doc = parse_html(
        "<p>Watch:</p><div class='c-sticky-element'><div class='external-content-placeholder'>"
        '</div><script>renderExternalContent("https://www.youtube.com/embed/Ms5oaY7biWM?&fs=1")'
        "</script></div><script>window.dataLayer.push({'url': 'https://www.youtube.com/embed/x'})"
        "</script>"
    )
    assert [(e.platform, e.post_id) for e in detect(doc).embeds] == [("youtube", "Ms5oaY7biWM")]


def test_an_iframe_framing_the_tweet_s_own_url_is_the_tweet():
    html = (
        "<article><p>Il tweet:</p><iframe data-src='https://twitter.com/SebVernazza/status/"
        "1196361636292038656?ref_src=twsrc%5Etfw' data-embed-type='twitter-tweet'/>"
        "<iframe data-src='https://twitter.com/x/status/1196522995990306819'/>"
        "<iframe src='https://twitter.com/SebVernazza'/></article>"
    )
    found = find_embeds(load("a.html", data=html.encode()))
    assert [(e.platform, e.post_id, e.author_handle) for e in found] == [
        ("twitter", "1196361636292038656", "SebVernazza"),
        ("twitter", "1196522995990306819", None),  # "x" stands in for any handle
    ]


def test_an_instant_view_embed_post_element_is_the_post():
    html = (
        "<article><p>Der Post:</p><figure><embed-post data-src='https://www.instagram.com/p/"
        "B47ub-Gn_Jf' data-service='Instagram'/></figure></article>"
    )
    found = find_embeds(load("a.html", data=html.encode()))
    assert [(e.platform, e.post_id) for e in found] == [("instagram", "B47ub-Gn_Jf")]

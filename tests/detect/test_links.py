"""Links: anchors resolved against <base>/the page, skipped schemes, bare URLs counted once."""

from __future__ import annotations

import pytest

from citeresolve.detect.links import find_links
from citeresolve.document import load
from tests.helpers import assert_offsets_exact

BASE = '<base href="https://news.example/world/">'

CASES = [
    pytest.param(
        BASE + '<a href="story.html">Story</a>',
        [("https://news.example/world/story.html", "Story", "href")],
        id="relative-to-base",
    ),
    pytest.param(
        '<link rel="canonical" href="https://news.example/a/b"><a href="/c">C</a>',
        [("https://news.example/c", "C", "href")],
        id="relative-to-canonical",
    ),
    pytest.param(
        '<a href="//cdn.example/x">X</a>',
        [("https://cdn.example/x", "X", "href")],
        id="protocol-relative",
    ),
    pytest.param(
        '<a href="javascript:void(0)">J</a><a href="mailto:a@b.c">M</a><a href="tel:1">T</a>',
        [],
        id="skipped-schemes",
    ),
    pytest.param('<a href="#comments">Comments</a>', [], id="fragment-only"),
    pytest.param('<a href="relative">R</a>', [], id="relative-without-base"),
    pytest.param(
        '<a href="https://t.co/abc">https://t.co/abc</a>',
        [("https://t.co/abc", "https://t.co/abc", "href")],
        id="url-as-anchor-text-once",
    ),
    pytest.param(
        "<p>See t.co/abc and www.example.com/a.</p>",
        [
            ("https://t.co/abc", "t.co/abc", "text"),
            ("https://www.example.com/a", "www.example.com/a", "text"),
        ],
        id="bare-in-html",
    ),
    pytest.param(
        '<a href="https://a.example/"><img src="x.png"></a>',
        [("https://a.example/", "", "href")],
        id="image-link-zero-width",
    ),
]


@pytest.mark.parametrize(("html", "expected"), CASES)
def test_links_in_html(html, expected):
    doc = load("a.html", data=html.encode())
    found = find_links(doc)
    assert [(link.url, link.span.text, link.origin) for link in found] == expected
    assert_offsets_exact(doc.text, [link.span for link in found])


def test_links_in_seed_tweet_line():
    text = (
        "Fire. https://t.co/eXAp9sjZyI pic.twitter.com/6cUPyB9YqA — Aldin (@tinso_ww) April 1, 2022"
    )
    found = find_links(load("a.txt", data=text.encode()))
    assert [link.url for link in found] == [
        "https://t.co/eXAp9sjZyI",
        "https://pic.twitter.com/6cUPyB9YqA",
    ]

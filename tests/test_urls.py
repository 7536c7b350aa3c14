"""URL canonicalization: table of forms, and idempotency on arbitrary URLs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.provisional import urls

from citeresolve.urls import canonicalize, canonicalize_general

CASES = [
    ("HTTPS://Example.COM:443/a", "https://example.com/a", "case-and-default-port"),
    ("http://example.com:80/a#top", "http://example.com/a", "http-default-port-and-fragment"),
    ("https://example.com:8443/a", "https://example.com:8443/a", "other-port-kept"),
    (
        "https://example.com/a?utm_source=tw&utm_medium=x&id=7&fbclid=1",
        "https://example.com/a?id=7",
        "tracking-removed",
    ),
    ("https://x.com/CNN/status/1?s=20&t=abc", "https://twitter.com/CNN/status/1", "x-folded"),
    (
        "https://mobile.twitter.com/CNN/status/1",
        "https://twitter.com/CNN/status/1",
        "mobile-twitter-folded",
    ),
    (
        "https://example.com/search?s=term",
        "https://example.com/search?s=term",
        "s-kept-off-twitter",
    ),
    ("pic.twitter.com/6cUPyB9YqA", "https://pic.twitter.com/6cUPyB9YqA", "scheme-added"),
    ("https://bücher.de/a", "https://xn--bcher-kva.de/a", "idn-host"),
    ("https://example.com", "https://example.com/", "empty-path"),
]


@pytest.mark.parametrize(("url", "expected"), [pytest.param(u, e, id=i) for u, e, i in CASES])
def test_canonicalize(url, expected):
    assert canonicalize(url) == expected


@given(st.one_of(urls(), st.text(max_size=80)))
def test_canonicalize_is_idempotent(url):
    once = canonicalize(url)
    assert canonicalize(once) == once


@given(st.one_of(urls(), st.text(max_size=80)))
def test_shortcut_agrees_with_the_general_path(url):
    assert canonicalize(url) == canonicalize_general(url)

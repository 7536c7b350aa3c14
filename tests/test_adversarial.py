"""100 KB of hostile input goes through the whole offline pipeline in well under a second."""

from __future__ import annotations

import time

import pytest

from citeresolve.detect import detect
from citeresolve.document import load
from citeresolve.graph import build_graph

HOSTILE = [
    pytest.param("<!--" * 25000, "html", id="open-comments"),
    pytest.param("(" * 50000, "txt", id="open-parens"),
    pytest.param("@a" * 50000, "txt", id="mentions"),
    pytest.param("<div>" * 2000 + "x" + "</div>" * 2000, "html", id="nested-divs"),
    pytest.param("— " * 50000, "txt", id="dashes"),
    pytest.param("(@a) April 1, 2022 " * 5000, "txt", id="signatures-without-names"),
    pytest.param("according to " * 8000, "txt", id="cues-without-outlets"),
    pytest.param("Reuters " * 12500, "txt", id="names-without-cues"),
    pytest.param("a French " * 11000, "txt", id="descriptors-without-nouns"),
    pytest.param("Image via X/" * 8000, "txt", id="credit-chains"),
    pytest.param("\n\n\n\n x" * 16000, "txt", id="gaps"),
    pytest.param("http://" * 14000, "txt", id="schemes"),
    pytest.param("<blockquote class='twitter-tweet'>" * 3000, "html", id="open-blockquotes"),
]


@pytest.mark.parametrize(("payload", "suffix"), HOSTILE)
def test_hostile_input_is_fast(payload, suffix):
    started = time.perf_counter()
    doc = load("hostile." + suffix, data=payload.encode())
    graph = build_graph(doc, detect(doc))
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{elapsed:.2f}s"
    assert graph.article["chars"] == len(doc.text)

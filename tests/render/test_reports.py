"""The reports a fact-checker reads: section order, the summary line, links with their outlet,
and golden files for the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeresolve.detect import detect
from citeresolve.document import load
from citeresolve.graph import build_graph
from citeresolve.render.markdown import render_markdown
from citeresolve.render.table import render_table
from citeresolve.resolve.outcomes import Resolutions, UrlOutcome

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_d52130d6b5804202.txt"
GOLDEN = ROOT / "fixtures" / "golden"

TEXT = (
    "Talks stalled, according to Reuters (https://www.reuters.com/world/talks-2026-11-24/). "
    "The ministry's page https://example.org/gone is gone, CNN reports, and so is "
    "https://bit.ly/3xYz."
)


def online_graph():
    doc = load("a.txt", data=TEXT.encode())
    urls = {
        "https://www.reuters.com/world/talks-2026-11-24/": UrlOutcome(
            "ok", final="https://www.reuters.com/world/talks-2026-11-24/", http_status=200
        ),
        "https://example.org/gone": UrlOutcome(
            "broken", "http_404", "404 Not Found", final="https://example.org/gone", http_status=404
        ),
        "https://bit.ly/3xYz": UrlOutcome(
            "ok",
            final="https://www.reuters.com/world/talks-2026-11-24/",
            redirects=({"url": "https://bit.ly/3xYz", "status": 301},),
            http_status=200,
        ),
    }
    resolutions = Resolutions(urls, {}, {}, "2026-11-25T00:00:00+00:00")
    return build_graph(doc, detect(doc), resolutions=resolutions)


def seed_graph():
    doc = load(str(SEED.relative_to(ROOT)), data=SEED.read_bytes())
    return build_graph(doc, detect(doc))


@pytest.mark.parametrize(
    ("render", "golden"),
    [
        (render_markdown, "seed.offline.md"),
        (lambda g: render_table(g, width=120), "seed.offline.txt"),
    ],
)
def test_seed_report_matches_golden(render, golden):
    assert render(seed_graph()) == (GOLDEN / golden).read_text(encoding="utf-8")


@pytest.mark.parametrize("render", [render_markdown, render_table])
def test_sections_come_in_the_promised_order(render):
    report = render(seed_graph())
    positions = [
        report.index(title) for title in ("Findings", "Sources", "Embedded posts", "Links")
    ]
    assert positions == sorted(positions)
    assert report.index("embedded posts, ") < positions[0]


def test_findings_are_listed_most_severe_first():
    severities = [
        line.split("**")[1]
        for line in render_markdown(seed_graph()).splitlines()
        if line.startswith("- **")
    ]
    order = {"error": 0, "warning": 1, "info": 2}
    assert severities == sorted(severities, key=order.__getitem__)
    assert "warning" in severities and "info" in severities


def test_summary_line_counts_broken_and_unavailable():
    report = render_markdown(online_graph())
    assert "3 links; 0 unresolved, 1 broken, 0 unavailable" in report


def test_links_name_the_outlet_their_page_belongs_to():
    rows = [
        line for line in render_markdown(online_graph()).splitlines() if line.startswith("| http")
    ]
    by_found = {row.split(" | ")[0].lstrip("| "): row.split(" | ") for row in rows}
    assert by_found["https://bit.ly/3xYz"][3] == "Reuters"  # through its redirect
    assert by_found["https://www.reuters.com/world/talks-2026-11-24/"][3] == "Reuters"
    assert by_found["https://example.org/gone"][2].startswith("broken")
    assert by_found["https://example.org/gone"][3] == "–"
    assert "Reuters" in render_table(online_graph(), width=200).split("Links")[1]


def test_a_link_that_ends_at_a_post_names_the_platform_in_every_format():
    from citeresolve.platforms import PostRef
    from citeresolve.render.html import render_html
    from citeresolve.resolve.outcomes import PostOutcome

    tweet = PostRef(
        "twitter",
        "1509914418240528390",
        "CNN",
        "https://twitter.com/CNN/status/1509914418240528390",
    )
    ok = PostOutcome("ok", ref=tweet, author_handle="CNN", author_name="CNN")
    doc = load(
        "a.txt", data=b"Fire at the depot. pic.twitter.com/mhEdPCmmW5 - CNN (@CNN) April 1, 2022"
    )
    resolutions = Resolutions(
        {"https://pic.twitter.com/mhEdPCmmW5": UrlOutcome("ok", final=tweet.url, post=tweet)},
        {0: ok},
        {tweet.url: ok},
        "2026-11-25T00:00:00+00:00",
    )
    graph = build_graph(doc, detect(doc), resolutions=resolutions)
    row = next(
        line for line in render_markdown(graph).splitlines() if line.startswith("| https://pic.")
    )
    assert row.split(" | ")[3] == "a twitter post"
    assert "<td>a twitter post</td>" in render_html(graph)

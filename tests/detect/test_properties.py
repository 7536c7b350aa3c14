"""Detection never raises, and every evidence offset is exact, on arbitrary text and HTML-ish input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeresolve.detect import detect
from citeresolve.document import from_text, parse_html
from citeresolve.graph import build_graph

# Fragments that steer random input toward the detectors' interesting paths.
PIECES = [
    "according to ",
    "Reuters",
    "CNN reports",
    " — ",
    " - ",
    "(@CNN) April 1, 2022",
    "@a",
    "#tag",
    "pic.twitter.com/abc",
    "https://t.co/x",
    "(",
    ")",
    "/",
    "Image via ",
    "Photo: ",
    "REUTERS/",
    "a French newspaper",
    "local media",
    "told ",
    "\n\n",
    "\n\n\n\n",
    "(AP) -",
    "Posted by X on May 1, 2020",
    "A post shared by N (@n)",
    "View this post on Instagram",
    "the ",
    "The Guardian",
    "'s reporting",
]
TAGS = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    '<blockquote class="twitter-tweet">',
    "</blockquote>",
    "<br>",
    '<a href="https://twitter.com/a/status/1">',
    '<a href="/rel">',
    "</a>",
    "<script>",
    "</script>",
    '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ">',
    "</iframe>",
    "<!--",
    "-->",
    '<amp-twitter data-tweetid="12">',
    '<div class="fb-post" data-href="https://www.facebook.com/a/posts/123456">',
    '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/ABCDEF/">',
    "&mdash;",
    "&amp;",
    "<pre>",
    "</pre>",
    "<base href='https://x.example/'>",
]

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=40).map("".join)
markups = st.lists(
    st.one_of(st.sampled_from(PIECES + TAGS), st.text(max_size=12)), max_size=50
).map("".join)


def _check(doc):
    findings = detect(doc)
    spans = [e.span for e in findings.embeds] + [
        e.signature for e in findings.embeds if e.signature
    ]
    spans += [a.span for a in findings.attributions] + [a.name_span for a in findings.attributions]
    spans += [link.span for link in findings.links]
    for span in spans:
        assert doc.text[span.start : span.end] == span.text
    graph = build_graph(doc, findings).to_dict()
    for edge in graph["edges"]:
        for evidence in edge["evidence"]:
            assert doc.text[evidence["start"] : evidence["end"]] == evidence["text"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_detection_on_arbitrary_text(text):
    _check(from_text(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markups)
def test_detection_on_arbitrary_html(markup):
    _check(parse_html(markup))

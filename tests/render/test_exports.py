"""The graph exports (GraphML, DOT, Mermaid): golden files for the seed, well-formed and escaped."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from citeresolve.detect import detect
from citeresolve.document import load
from citeresolve.graph import CitationGraph, build_graph
from citeresolve.model import Edge, Node, Span
from citeresolve.platforms import PostRef
from citeresolve.render.dot import quote, render_dot
from citeresolve.render.graphml import GRAPHML_NS, render_graphml
from citeresolve.render.mermaid import escape, render_mermaid
from citeresolve.resolve.outcomes import PostOutcome, Resolutions, UrlOutcome
from tests.helpers import FIXTURES, SEED, fixture_path, read_json

NS = {"g": GRAPHML_NS}
GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}
RENDERERS = [
    pytest.param("graphml", render_graphml, id="graphml"),
    pytest.param("dot", render_dot, id="dot"),
    pytest.param("mmd", render_mermaid, id="mermaid"),
]
# A label with everything that breaks a quoted string somewhere: quotes, a backslash, brackets,
# markup, Mermaid's entity sign, a pipe and a line break.
HOSTILE = 'The "Daily" \\ Planet [UK] (ed.) <b>#1</b> | a&b\nsecond line'
TWEET = PostRef(
    "twitter", "1509914418240528390", "CNN", "https://twitter.com/CNN/status/1509914418240528390"
)


def seed_graph() -> CitationGraph:
    """The seed, with its source as in the golden JSON: the machine's own path is not compared."""
    doc = load(SEED)
    graph = build_graph(doc, detect(doc))
    source = read_json("golden", "seed.offline.json")["article"]["source"]
    return replace(graph, article=graph.article | {"source": source})


def online_graph() -> CitationGraph:
    """Resolutions of every kind: a recovered post, a redirect to an outlet's page, a broken link."""
    text = (
        "Fire at the depot. pic.twitter.com/mhEdPCmmW5 — CNN (@CNN) April 1, 2022\n\n"
        "According to Reuters, see https://t.co/x and https://b.example/y for more."
    )
    final = "https://edition.cnn.com/2022/04/01/europe/belgorod/index.html"
    ok = PostOutcome(
        "ok",
        ref=TWEET,
        author_handle="CNN",
        author_name="CNN",
        recovered_from="https://pic.twitter.com/mhEdPCmmW5",
    )
    urls = {
        "https://pic.twitter.com/mhEdPCmmW5": UrlOutcome("ok", final=TWEET.url, post=TWEET),
        "https://t.co/x": UrlOutcome(
            "ok",
            final=final,
            http_status=200,
            title="Fire in Belgorod",
            site_name="CNN",
            redirects=({"url": "https://t.co/x", "status": 301, "via": "http"},),
        ),
        "https://b.example/y": UrlOutcome(
            "broken", "http_404", "the page answers HTTP 404", http_status=404
        ),
    }
    doc = load("a.txt", data=text.encode())
    resolutions = Resolutions(urls, {0: ok}, {TWEET.url: ok}, "2026-11-25T00:00:00+00:00")
    return build_graph(doc, detect(doc), resolutions=resolutions)


def hostile_graph() -> CitationGraph:
    """Hand-built: user text full of characters that each format must escape."""
    article = "article:0123456789abcdef"
    return CitationGraph(
        {"id": article, "source": "x.txt", "title": HOSTILE},
        (
            Node(article, "article", {"label": HOSTILE}),
            Node("outlet:daily", "outlet", {"label": HOSTILE, "registry": False}),
            Node(
                "url:https://a.example/",
                "url",
                {"url": 'https://a.example/"><x', "status": "broken", "reason": "http_404"},
            ),
        ),
        (
            Edge(
                article,
                "outlet:daily",
                "attributes_to",
                "report",
                HOSTILE,
                (Span(0, len(HOSTILE), HOSTILE),),
            ),
            Edge(article, "url:https://a.example/", "links_to"),
        ),
        (),
    )


GRAPHS = [
    pytest.param(seed_graph, id="seed"),
    pytest.param(online_graph, id="online"),
    pytest.param(hostile_graph, id="hostile"),
]


# --- all formats ---------------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "render"), RENDERERS)
def test_seed_matches_golden_file(suffix, render):
    rendered = render(seed_graph())
    name = f"seed.offline.{suffix}"
    if os.environ.get("CITERESOLVE_REGEN_GOLDEN"):
        (FIXTURES / "golden" / name).write_text(rendered, encoding="utf-8")
    assert rendered == fixture_path("golden", name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("suffix", "render"), RENDERERS)
@pytest.mark.parametrize("make", GRAPHS)
def test_same_graph_same_bytes_whatever_the_node_order(suffix, render, make):
    graph = make()
    shuffled = replace(graph, nodes=tuple(reversed(graph.nodes)))
    assert render(graph) == render(make()) == render(shuffled)


# --- GraphML -------------------------------------------------------------------------------


def parse_graphml(text: str) -> tuple[dict[str, ET.Element], ET.Element]:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{{{GRAPHML_NS}}}graphml"
    keys = {key.get("id", ""): key for key in root.findall("g:key", NS)}
    graph = root.find("g:graph", NS)
    assert graph is not None
    return keys, graph


@pytest.mark.parametrize("make", GRAPHS)
def test_graphml_data_refer_to_declared_keys_of_valid_types(make):
    graph = make()
    keys, element = parse_graphml(render_graphml(graph))
    assert element.get("edgedefault") == "directed"
    for key in keys.values():
        assert key.get("attr.type") in GRAPHML_TYPES, key.attrib
        assert key.get("for") in {"node", "edge"}, key.attrib
    for kind in ("node", "edge"):
        for item in element.findall(f"g:{kind}", NS):
            for data in item.findall("g:data", NS):
                key = keys[data.get("key", "")]  # KeyError: data of an undeclared key
                assert key.get("for") == kind
                value = data.text or ""
                if key.get("attr.type") == "int":
                    int(value)
                elif key.get("attr.type") == "boolean":
                    assert value in {"true", "false"}
    node_ids = [node.get("id") for node in element.findall("g:node", NS)]
    assert node_ids == sorted(n.id for n in graph.nodes)
    for edge in element.findall("g:edge", NS):
        assert edge.get("source") in node_ids and edge.get("target") in node_ids


def graphml_values(text: str) -> dict[str, dict[str, str]]:
    """Per node id and per edge "source->target": attribute name -> text."""
    keys, element = parse_graphml(text)
    out: dict[str, dict[str, str]] = {}
    for item in [*element.findall("g:node", NS), *element.findall("g:edge", NS)]:
        name = item.get("id") if item.get("source") is None else "{source}->{target}"
        name = str(name).format(**item.attrib)
        out[name] = {
            str(keys[data.get("key", "")].get("attr.name")): data.text or ""
            for data in item.findall("g:data", NS)
        }
    return out


@pytest.mark.parametrize(
    ("make", "item", "name", "value"),
    [
        pytest.param(seed_graph, "outlet:reuters", "registry", "true", id="boolean"),
        pytest.param(seed_graph, "outlet:reuters", "label", "Reuters", id="outlet-label"),
        pytest.param(seed_graph, "account:twitter:cnn", "label", "@CNN", id="account-label"),
        pytest.param(
            seed_graph, "article:86af214b1c64c6f9", "source", "seeds/000_d52130d6b5804202.txt",
            id="article-fields-on-its-node",
        ),
        pytest.param(seed_graph, "article:86af214b1c64c6f9", "chars", "5304", id="article-chars"),
        pytest.param(
            seed_graph, "unnamed:a-french-newspaper", "findings", "unnamed-source", id="findings"
        ),
        pytest.param(
            seed_graph, "article:86af214b1c64c6f9->outlet:bloomberg", "evidence_count", "2",
            id="evidence-count",
        ),
        pytest.param(
            seed_graph, "article:86af214b1c64c6f9->outlet:bloomberg", "evidence",
            "according to Bloomberg | Bloomberg also observes", id="evidence-text",
        ),
        pytest.param(
            seed_graph, "article:86af214b1c64c6f9->outlet:bloomberg", "spans", "505-527 3911-3934",
            id="evidence-spans",
        ),
        pytest.param(online_graph, "url:https://t.co/x", "http_status", "200", id="http-status"),
        pytest.param(online_graph, "url:https://t.co/x", "redirects", "1", id="redirect-count"),
        pytest.param(
            online_graph, "post:twitter:1509914418240528390", "recovered_from",
            "https://pic.twitter.com/mhEdPCmmW5", id="recovered-from",
        ),
        pytest.param(online_graph, "url:https://b.example/y", "severity", "warning", id="severity"),
        pytest.param(hostile_graph, "outlet:daily", "label", HOSTILE, id="hostile-text-round-trips"),
    ],
)  # fmt: skip
def test_graphml_values(make, item, name, value):
    assert graphml_values(render_graphml(make()))[item][name] == value


def test_graphml_leaves_out_missing_values_and_forbidden_characters():
    article = "article:0123456789abcdef"
    graph = CitationGraph(
        {"id": article, "source": "x.txt"},
        (Node(article, "article", {"label": "bell\x07 and form feed\x0c"}),),
        (),
        (),
    )
    values = graphml_values(render_graphml(graph))[article]
    assert values["label"] == "bell\ufffd and form feed\ufffd"
    assert "title" not in values and "resolved_at" not in values


# --- DOT -----------------------------------------------------------------------------------

_DOT_STRING = r'"(?:[^"\\\n]|\\.)*"'
_DOT_ATTRS = rf"\[\w+=(?:{_DOT_STRING}|[\w.#]+)(?:, \w+=(?:{_DOT_STRING}|[\w.#]+))*\]"
_DOT_LINE = re.compile(
    rf"  (?:graph|node|edge) {_DOT_ATTRS};|  n\d+ {_DOT_ATTRS};|  n\d+ -> n\d+ {_DOT_ATTRS};"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("plain", '"plain"', id="plain"),
        pytest.param('say "hi"', '"say \\"hi\\""', id="quotes"),
        pytest.param("C:\\temp", '"C:\\\\temp"', id="backslash"),
        pytest.param("ends with \\", '"ends with \\\\"', id="trailing-backslash"),
        pytest.param("\\N is no node name", '"\\\\N is no node name"', id="escape-sequence"),
        pytest.param("one\ntwo", '"one\\ntwo"', id="newline"),
        pytest.param("one\r\ntwo\rthree", '"one\\ntwo\\nthree"', id="carriage-returns"),
        pytest.param("tab\there\x00", '"tab here "', id="control-characters"),
    ],
)
def test_dot_quote(text, expected):
    assert quote(text) == expected


@pytest.mark.parametrize("make", GRAPHS)
def test_dot_lines_are_well_formed(make):
    lines = render_dot(make()).splitlines()
    assert lines[0] == "digraph citations {" and lines[-1] == "}"
    for line in lines[1:-1]:
        assert _DOT_LINE.fullmatch(line), line


@pytest.mark.parametrize("make", GRAPHS)
def test_dot_is_accepted_by_graphviz(make):
    if shutil.which("dot") is None:
        pytest.skip("Graphviz dot is not installed")
    result = subprocess.run(
        ["dot", "-Tsvg"],
        input=render_dot(make()).encode("utf-8"),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert b"syntax error" not in result.stderr
    svg = ET.fromstring(result.stdout)  # well-formed: every label came through escaped
    texts = [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    if make is hostile_graph:
        first, second = HOSTILE.split("\n")
        assert first in texts and second in texts  # the graph title, on two lines
    else:
        assert texts


# --- Mermaid -------------------------------------------------------------------------------

_MERMAID_NODE = re.compile(r'  (n\d+)(\[|\(\[|\[/|\{\{|\()"([^"]*)"(\]|\]\)|/\]|\}\}|\))')
_MERMAID_EDGE = re.compile(r'  n\d+ (-->|==>|-\.->)\|"([^"]*)"\| n\d+')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Reuters", "Reuters", id="plain"),
        pytest.param('say "hi"', "say #quot;hi#quot;", id="quotes"),
        pytest.param("[UK] (ed.) {x}", "#91;UK#93; #40;ed.#41; #123;x#125;", id="brackets"),
        pytest.param("<b>a&b</b>", "#lt;b#gt;a#amp;b#lt;/b#gt;", id="markup"),
        pytest.param("#quot; #1", "#35;quot; #35;1", id="entity-sign"),
        pytest.param("a|b `c`", "a#124;b #96;c#96;", id="pipe-backtick"),
        pytest.param("one\ntwo  three", "one two three", id="whitespace"),
    ],
)
def test_mermaid_escape(text, expected):
    assert escape(text) == expected


@pytest.mark.parametrize("make", GRAPHS)
def test_mermaid_node_ids_labels_and_classes(make):
    graph = make()
    lines = render_mermaid(graph).splitlines()
    assert lines[0] == "flowchart LR"
    nodes = [m for m in map(_MERMAID_NODE.fullmatch, lines) if m]
    assert [m[1] for m in nodes] == [f"n{i}" for i in range(len(graph.nodes))]
    edges = [m for m in map(_MERMAID_EDGE.fullmatch, lines) if m]
    assert len(edges) == len(graph.edges)
    for label in [m[3] for m in nodes] + [m[2] for m in edges]:
        assert not set(label.replace("<br/>", "")) & set('"[](){}<>|`'), label
    by_id = dict(zip(sorted(n.id for n in graph.nodes), (m[1] for m in nodes), strict=True))
    types = {node.type for node in graph.nodes}
    for node_type in types:
        assert any(line.startswith(f"  classDef {node_type} ") for line in lines)
        members = sorted(by_id[n.id] for n in graph.nodes if n.type == node_type)
        line = next(
            line for line in lines if line.startswith("  class ") and line.endswith(f" {node_type}")
        )
        assert sorted(line.split()[1].split(",")) == members
    assert len(lines) == 1 + len(nodes) + len(edges) + 2 * len(types)


def test_mermaid_escapes_a_hostile_label():
    text = render_mermaid(hostile_graph())
    assert "The #quot;Daily#quot; \\ Planet #91;UK#93; #40;ed.#41; #lt;b#gt;#35;1#lt;/b#gt;" in text
    assert 'The "Daily"' not in text

"""Graphviz DOT export of the citation graph: shapes by node type, colours by status."""

from __future__ import annotations

import re
from typing import Final

from citeresolve.graph import CitationGraph
from citeresolve.model import Edge, Node
from citeresolve.render.graphml import node_label

# shape, style, fill colour per node type
_NODE_STYLE: Final[dict[str, tuple[str, str, str]]] = {
    "article": ("box", "filled,bold", "#d2e3fc"),
    "outlet": ("ellipse", "filled", "#ceead6"),
    "unnamed_outlet": ("ellipse", "dashed", "#ffffff"),
    "post": ("note", "filled", "#f3e8fd"),
    "account": ("component", "filled", "#fef7e0"),
    "url": ("plaintext", "", ""),
}
_UNREGISTERED_OUTLET: Final = ("ellipse", "filled,dashed", "#fce8b2")
_STATUS_COLOR: Final[dict[str, str]] = {
    "ok": "#188038",
    "unresolved": "#5f6368",
    "unavailable": "#d93025",
    "broken": "#d93025",
    "error": "#d93025",
    "blocked": "#e37400",
}
_EDGE_STYLE: Final[dict[str, str]] = {
    "attributes_to": 'color="#1a73e8"',
    "embeds": "style=bold",
    "links_to": 'color="#5f6368"',
    "authored_by": "style=dotted",
    "operated_by": "style=dotted, arrowhead=empty",
    "resolves_to": "style=dashed",
    "published_by": "style=dotted, arrowhead=empty",
}
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")
# Graphviz writes URL= into SVG without escaping quotes: only plain web addresses get one.
_PLAIN_URL = re.compile(r"https?://[^\s\"'<>\\]+")
LABEL_WIDTH: Final = 48


def render_dot(graph: CitationGraph) -> str:
    r"""The graph as a Graphviz ``digraph``; node names are ``n0, n1, ...`` in node-id order.

    >>> from citeresolve.detect import detect
    >>> from citeresolve.document import load
    >>> from citeresolve.graph import build_graph
    >>> doc = load("a.txt", data=b"According to Reuters, the depot burned.")
    >>> lines = render_dot(build_graph(doc, detect(doc))).splitlines()
    >>> print(lines[0], lines[5][:64], lines[-2], lines[-1], sep="\n")
    digraph citations {
      n1 [id="outlet:reuters", label="Reuters\noutlet · agency · GB"
      n0 -> n1 [label="attributes_to: report", color="#1a73e8"];
    }
    """
    names = {node.id: f"n{index}" for index, node in enumerate(_sorted(graph.nodes))}
    article = graph.node(str(graph.article.get("id")))
    title = graph.article.get("title") or (node_label(article) if article else "citations")
    lines = [
        "digraph citations {",
        f'  graph [rankdir=LR, fontname="Helvetica", labelloc=t, label={quote(str(title))}];',
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=8];',
    ]
    lines += [f"  {names[node.id]} [{_node_attributes(node)}];" for node in _sorted(graph.nodes)]
    for edge in graph.edges:
        source = names.get(edge.source) or quote(edge.source)
        target = names.get(edge.target) or quote(edge.target)
        lines.append(f"  {source} -> {target} [{_edge_attributes(edge)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def quote(text: str) -> str:
    r"""A DOT double-quoted string: backslashes, quotes and line breaks escaped, controls dropped.

    >>> print(quote('say "hi" in C:\\temp\nbye'))
    "say \"hi\" in C:\\temp\nbye"
    """
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def node_lines(node: Node) -> list[str]:
    """A node's label as short lines: its name, then what it is, then (posts, links) its status.

    >>> node_lines(Node("unnamed:a-paper", "unnamed_outlet", {"label": "a paper"}))
    ['a paper', 'unnamed outlet']
    """
    data = node.data
    first = _shorten(node_label(node))
    if node.type == "outlet":
        if data.get("registry") is False:
            return [first, "outlet (not in the registry)"]
        details = [str(data[key]) for key in ("kind", "country") if data.get(key)]
        return [first, " · ".join(["outlet", *details])]
    if node.type == "post":
        return [first, str(data.get("published") or "undated"), _status(node)]
    if node.type == "account":
        return [first, f"{data.get('platform')} account"]
    if node.type == "url":
        return [first, _status(node)]
    return [first, node.type.replace("_", " ")]


def edge_label(edge: Edge) -> str:
    """``type: kind``, with the number of places in the text when there are several.

    >>> from citeresolve.model import Span
    >>> edge_label(Edge("a", "b", "attributes_to", "report", evidence=(Span(0, 1, "x"),) * 2))
    'attributes_to: report ×2'
    """
    label = f"{edge.type}: {edge.kind}" if edge.kind else edge.type
    return f"{label} ×{len(edge.evidence)}" if len(edge.evidence) > 1 else label


def _sorted(nodes: tuple[Node, ...]) -> list[Node]:
    return sorted(nodes, key=lambda node: node.id)


def _node_attributes(node: Node) -> str:
    shape, style, fill = _NODE_STYLE.get(node.type, ("box", "", ""))
    if node.type == "outlet" and node.data.get("registry") is False:
        shape, style, fill = _UNREGISTERED_OUTLET
    label = "\n".join(node_lines(node))
    attributes = [f"id={quote(node.id)}", f"label={quote(label)}", f"shape={shape}"]
    if style:
        attributes.append(f"style={quote(style)}")
    if fill:
        attributes.append(f"fillcolor={quote(fill)}")
    status = node.data.get("status")
    if isinstance(status, str) and status in _STATUS_COLOR:
        colour = quote(_STATUS_COLOR[status])
        attributes.append(f"fontcolor={colour}" if node.type == "url" else f"color={colour}")
    url = node.data.get("url")
    if node.type in {"post", "url"} and isinstance(url, str) and _PLAIN_URL.fullmatch(url):
        attributes.append(f"URL={quote(url)}")  # a link in SVG output
    return ", ".join(attributes)


def _edge_attributes(edge: Edge) -> str:
    attributes = [f"label={quote(edge_label(edge))}"]
    if edge.type in _EDGE_STYLE:
        attributes.append(_EDGE_STYLE[edge.type])
    return ", ".join(attributes)


def _status(node: Node) -> str:
    status = str(node.data.get("status") or "?")
    reason = node.data.get("reason")
    return f"{status} ({reason})" if reason and status != "ok" else status


def _shorten(text: str, width: int = LABEL_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"

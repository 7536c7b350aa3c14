"""Mermaid flowchart of the citation graph, to paste into Markdown in a ```mermaid block."""

from __future__ import annotations

from typing import Final

from citeresolve.graph import CitationGraph
from citeresolve.render.dot import edge_label, node_lines

# Node shapes (Mermaid's brackets around a quoted label) and class styles, per node type.
_SHAPES: Final[dict[str, tuple[str, str]]] = {
    "article": ("[", "]"),
    "outlet": ("([", "])"),
    "unnamed_outlet": ("([", "])"),
    "post": ("[/", "/]"),
    "account": ("{{", "}}"),
    "url": ("(", ")"),
}
_CLASSES: Final[dict[str, str]] = {
    "article": "fill:#d2e3fc,stroke:#1a73e8,stroke-width:2px",
    "outlet": "fill:#ceead6,stroke:#188038",
    "unnamed_outlet": "fill:#ffffff,stroke:#b06000,stroke-dasharray:5 3",
    "post": "fill:#f3e8fd,stroke:#8430ce",
    "account": "fill:#fef7e0,stroke:#b06000",
    "url": "fill:#f1f3f4,stroke:#5f6368",
}
_ARROWS: Final[dict[str, str]] = {"embeds": "==>", "resolves_to": "-.->"}
# Characters that would end or change a quoted label: written as Mermaid entity codes.
_ENTITIES: Final = str.maketrans(
    {
        '"': "#quot;",
        "#": "#35;",
        "&": "#amp;",
        "<": "#lt;",
        ">": "#gt;",
        "[": "#91;",
        "]": "#93;",
        "(": "#40;",
        ")": "#41;",
        "{": "#123;",
        "}": "#125;",
        "|": "#124;",
        "`": "#96;",
    }
)


def render_mermaid(graph: CitationGraph) -> str:
    """A ``flowchart LR``: node ids ``n0, n1, ...`` in node-id order, one class per node type.

    >>> from citeresolve.detect import detect
    >>> from citeresolve.document import load
    >>> from citeresolve.graph import build_graph
    >>> doc = load("a.txt", data=b"According to Reuters, the depot burned.")
    >>> print(render_mermaid(build_graph(doc, detect(doc))), end="")
    flowchart LR
      n0["a.txt<br/>article"]
      n1(["Reuters<br/>outlet · agency · GB"])
      n0 -->|"attributes_to: report"| n1
      classDef article fill:#d2e3fc,stroke:#1a73e8,stroke-width:2px
      classDef outlet fill:#ceead6,stroke:#188038
      class n0 article
      class n1 outlet
    """
    nodes = sorted(graph.nodes, key=lambda node: node.id)
    names = {node.id: f"n{index}" for index, node in enumerate(nodes)}
    lines = ["flowchart LR"]
    for node in nodes:
        start, end = _SHAPES.get(node.type, ("[", "]"))
        label = "<br/>".join(escape(line) for line in node_lines(node))
        lines.append(f'  {names[node.id]}{start}"{label}"{end}')
    for edge in graph.edges:
        if edge.source not in names or edge.target not in names:
            continue  # a dangling edge has no node to draw
        arrow = _ARROWS.get(edge.type, "-->")
        label = escape(edge_label(edge))
        lines.append(f'  {names[edge.source]} {arrow}|"{label}"| {names[edge.target]}')
    types = sorted({node.type for node in nodes})
    lines += [f"  classDef {kind} {_CLASSES[kind]}" for kind in types if kind in _CLASSES]
    for kind in types:
        members = ",".join(names[node.id] for node in nodes if node.type == kind)
        if kind in _CLASSES:
            lines.append(f"  class {members} {kind}")
    return "\n".join(lines) + "\n"


def escape(text: str) -> str:
    """Text safe inside a quoted Mermaid label: one line, markup characters as entity codes.

    >>> escape('He said "no" [twice] <b>#1</b>')
    'He said #quot;no#quot; #91;twice#93; #lt;b#gt;#35;1#lt;/b#gt;'
    """
    return " ".join(text.split()).translate(_ENTITIES)

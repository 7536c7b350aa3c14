"""GraphML export of the citation graph, typed attributes included, for Gephi, yEd or networkx."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Final

from citeresolve.graph import CitationGraph
from citeresolve.model import JSON, Edge, Flag, Node

GRAPHML_NS: Final = "http://graphml.graphdrawing.org/xmlns"
_XSI_NS: Final = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA_LOCATION: Final = f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"
# XML 1.0 forbids most control characters even as character references: they become U+FFFD.
_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def node_label(node: Node) -> str:
    """What to call a node on one line: a name for outlets, @handle for accounts, the URL for links.

    The DOT and Mermaid renderers build their labels on it too.

    >>> node_label(Node("account:twitter:cnn", "account", {"platform": "twitter", "handle": "CNN"}))
    '@CNN'
    """
    data = node.data
    if node.type == "post":
        handle = data.get("author_handle")
        who = f"@{str(handle).lstrip('@')}" if handle else data.get("author_name")
        if who:
            return f"{data.get('platform')} post by {who}"
        return f"{data.get('platform')} post {data.get('post_id') or node.id}"
    if node.type == "account":
        return f"@{str(data.get('handle', '')).lstrip('@')}"
    if node.type == "url":
        return str(data.get("url") or node.id)
    return str(data.get("label") or node.id)


def render_graphml(graph: CitationGraph) -> str:
    """The graph as GraphML: directed, node ids as in the JSON document, every attribute typed.

    >>> from citeresolve.detect import detect
    >>> from citeresolve.document import load
    >>> from citeresolve.graph import build_graph
    >>> doc = load("a.txt", data=b"According to Reuters, the depot burned.")
    >>> xml = render_graphml(build_graph(doc, detect(doc)))
    >>> xml.splitlines()[0]
    '<?xml version="1.0" encoding="UTF-8"?>'
    >>> '<node id="outlet:reuters">' in xml and 'edgedefault="directed"' in xml
    True
    """
    root = ET.Element(
        "graphml",
        {"xmlns": GRAPHML_NS, "xmlns:xsi": _XSI_NS, "xsi:schemaLocation": _SCHEMA_LOCATION},
    )
    for domain, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, attr_type in keys.items():
            ET.SubElement(
                root,
                "key",
                {
                    "id": _key_id(domain, name),
                    "for": domain,
                    "attr.name": name,
                    "attr.type": attr_type,
                },
            )
    element = ET.SubElement(root, "graph", {"id": "citations", "edgedefault": "directed"})
    flags: dict[str, list[Flag]] = {}
    for flag in graph.flags:
        if flag.node is not None:
            flags.setdefault(flag.node, []).append(flag)
    for node in sorted(graph.nodes, key=lambda node: node.id):
        node_element = ET.SubElement(element, "node", {"id": _xml_text(node.id)})
        fields = _node_fields(node, flags.get(node.id, []))
        if node.type == "article":  # the article's own fields, so that the file stands alone
            fields |= {k: v for k, v in graph.article.items() if k != "id"}
            fields["resolved_at"] = graph.resolved_at
        _add_data(node_element, "node", NODE_KEYS, fields)
    for index, edge in enumerate(graph.edges):
        edge_element = ET.SubElement(
            element,
            "edge",
            {"id": f"e{index}", "source": _xml_text(edge.source), "target": _xml_text(edge.target)},
        )
        _add_data(edge_element, "edge", EDGE_KEYS, _edge_fields(edge))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _key_id(domain: str, name: str) -> str:
    return f"{domain[0]}_{name}"


def _node_fields(node: Node, flags: list[Flag]) -> dict[str, JSON]:
    worst = max(flags, key=lambda flag: flag.severity.rank, default=None)
    redirects = node.data.get("redirects")
    return node.data | {
        "type": node.type,
        "label": node_label(node),
        "redirects": len(redirects) if isinstance(redirects, list) else None,
        "findings": sorted({flag.code for flag in flags}),
        "severity": worst.severity.value if worst else None,
    }


def _edge_fields(edge: Edge) -> dict[str, JSON]:
    return {
        "type": edge.type,
        "label": f"{edge.type}: {edge.kind}" if edge.kind else edge.type,
        "kind": edge.kind,
        "cue": edge.cue,
        "evidence_count": len(edge.evidence),
        "evidence": " | ".join(span.text for span in edge.evidence),
        "spans": " ".join(f"{span.start}-{span.end}" for span in edge.evidence),
    }


def _add_data(
    parent: ET.Element, domain: str, keys: dict[str, str], fields: dict[str, JSON]
) -> None:
    """One ``<data>`` per known value; a missing one is left out (GraphML's way of saying null)."""
    for name, attr_type in keys.items():
        value = fields.get(name)
        if value is None or value == "" or value == [] or value == {}:
            continue
        if attr_type == "boolean":
            text = "true" if value else "false"
        elif attr_type == "int":
            text = str(int(value))
        elif isinstance(value, dict):
            text = "; ".join(f"{key}: {item}" for key, item in sorted(value.items()))
        elif isinstance(value, list):
            text = "; ".join(str(item) for item in value)
        else:
            text = str(value)
        ET.SubElement(parent, "data", {"key": _key_id(domain, name)}).text = _xml_text(text)


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


# attr.name -> attr.type, in output order; a key named "label" is what Gephi shows.
# Lists are written joined by "; ", dicts as "k: v; ...".
NODE_KEYS: Final[dict[str, str]] = {
    "type": "string",
    "label": "string",
    "status": "string",
    "reason": "string",
    "reason_text": "string",
    "platform": "string",
    "post_id": "string",
    "handle": "string",
    "name": "string",
    "author_handle": "string",
    "author_name": "string",
    "published": "string",
    "text": "string",
    "mentions": "string",
    "hashtags": "string",
    "recovered_from": "string",
    "url": "string",
    "canonical": "string",
    "final": "string",
    "redirects": "int",  # the number of hops
    "http_status": "int",
    "title": "string",
    "site_name": "string",
    "kind": "string",
    "country": "string",
    "registry": "boolean",
    "aliases": "string",
    "domains": "string",
    "handles": "string",
    "source": "string",  # the article's
    "format": "string",
    "sha256": "string",
    "byline": "string",
    "chars": "int",
    "resolved_at": "string",
    "findings": "string",  # the codes of the findings about the node
    "severity": "string",  # the worst of their severities
}
EDGE_KEYS: Final[dict[str, str]] = {
    "type": "string",
    "label": "string",  # type and kind, for Gephi's edge labels
    "kind": "string",
    "cue": "string",
    "evidence_count": "int",
    "evidence": "string",  # the evidence texts joined by " | "
    "spans": "string",  # "start-end" offsets into the article text, space-separated
}

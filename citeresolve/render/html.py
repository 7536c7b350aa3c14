"""A self-contained HTML report: the Markdown report's sections plus an SVG drawing of the graph."""

from __future__ import annotations

import math
import re
import textwrap
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from citeresolve.graph import CitationGraph
from citeresolve.model import Edge, Flag, Node, Severity
from citeresolve.render import summary

# Statuses of posts and links (DESIGN §3), in the order the report counts them, with colours.
STATUS_COLOURS: dict[str, str] = {
    "ok": "#15803d",
    "unresolved": "#9ca3af",
    "error": "#db2777",
    "broken": "#dc2626",
    "blocked": "#1f2937",
    "unavailable": "#b45309",
}
UNKNOWN_STATUS = "#ffffff"
ALWAYS_COUNTED = ("ok", "unresolved", "broken", "unavailable")

# Node types: the name in the legend, the fill (None: by status) and the size of the mark.
NODE_TYPES: dict[str, tuple[str, str | None, float]] = {
    "article": ("article", "#111827", 14.0),
    "outlet": ("outlet", "#2563eb", 7.0),
    "unnamed_outlet": ("unnamed outlet", "#ffffff", 7.0),
    "account": ("account", "#7c3aed", 7.5),
    "post": ("embedded post", None, 7.0),
    "url": ("link", None, 6.0),
}
OTHER_NODE = ("other", "#d1d5db", 6.0)
# Which children come first around a node: posts with their accounts, then links, then outlets.
_RANK = {"post": 0, "account": 1, "url": 2, "outlet": 3, "unnamed_outlet": 4, "article": 5}

# Edge types: colour, dash pattern and the words in the legend.
EDGE_STYLES: dict[str, tuple[str, str, str]] = {
    "embeds": ("#334155", "", "embeds"),
    "attributes_to": ("#2563eb", "", "attributes to"),
    "links_to": ("#64748b", "", "links to"),
    "authored_by": ("#7c3aed", "", "authored by"),
    "operated_by": ("#7c3aed", "5 3", "operated by"),
    "published_by": ("#2563eb", "5 3", "published by"),
    "resolves_to": ("#15803d", "5 3", "resolves to"),
}
OTHER_EDGE = ("#94a3b8", "2 3", "other")

SEVERITY_TITLES = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Info"}

# Drawing: px per leaf along the innermost ring, ring radii, label lengths, legend column.
SLOT_PX = 17.0
FIRST_RING = 170.0
RING_STEP = 190.0
LEAF_CHARS = 30
CHAR_PX = 6.6  # a generous average advance of an 11px sans-serif character
LEGEND_WIDTH = 210.0
_NOTHING = '<span class="muted">—</span>'
_ROOT = "\x00root"  # stands in for the article when a graph has no article node

# What: an absolute http(s) URL with nothing a browser would strip or reinterpret.
# Example: "https://t.co/x". Why linear: one character class after a fixed prefix.
_HTTP_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f\"'<>`]+", re.IGNORECASE)

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px 28px 48px; color: #111827;
  background: #fff; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto,
  "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
h1 { font-size: 1.65em; line-height: 1.25; margin: 0 0 .35em; overflow-wrap: anywhere; }
h2 { font-size: 1.25em; margin: 1.8em 0 .5em; padding-bottom: .2em;
  border-bottom: 2px solid #e5e7eb; }
h3 { font-size: 1.02em; margin: 1.1em 0 .4em; }
p { margin: .4em 0; }
a { color: #1d4ed8; overflow-wrap: anywhere; }
code { font: .9em/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono",
  monospace; background: #f3f4f6; padding: 0 .3em; border-radius: 3px; }
.summary { font-size: 1.08em; }
.tally { color: #374151; }
.tally span + span::before { content: "·"; margin: 0 .5em; color: #9ca3af; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: .8em 0 0;
  font-size: .9em; color: #374151; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.none, .muted { color: #6b7280; }
table { border-collapse: collapse; width: 100%; font-size: .88em; }
th, td { text-align: left; vertical-align: top; padding: .35em .6em;
  border-bottom: 1px solid #e5e7eb; overflow-wrap: anywhere; }
th { background: #f9fafb; border-bottom: 2px solid #d1d5db; white-space: nowrap; }
td.num { text-align: right; }
td.short, td.num { white-space: nowrap; overflow-wrap: normal; }
.status { white-space: nowrap; }
.status::before { content: ""; display: inline-block; width: .75em; height: .75em;
  margin-right: .35em; border-radius: 2px; border: 1px solid #374151; vertical-align: -.05em;
  background: var(--c, #fff); }
.tag { display: inline-block; font-size: .78em; padding: 0 .45em; border-radius: .7em;
  border: 1px solid #d1d5db; color: #374151; white-space: nowrap; }
.tag-unnamed { border: 1px dashed #b45309; color: #92400e; background: #fffbeb; }
tr.unnamed td:first-child { font-style: italic; }
ul.findings { list-style: none; padding: 0; margin: 0; }
.finding { padding: .45em .7em; margin: 0 0 .5em; border-left: 4px solid #9ca3af;
  background: #f9fafb; }
.finding.sev-error { border-color: #dc2626; background: #fef2f2; }
.finding.sev-warning { border-color: #d97706; background: #fffbeb; }
.finding.sev-info { border-color: #2563eb; background: #eff6ff; }
.sev { font-weight: 700; text-transform: uppercase; font-size: .75em; letter-spacing: .04em; }
.about { font-size: .85em; color: #4b5563; }
blockquote.evidence { margin: .3em 0 0; padding: .15em .7em; border-left: 3px solid #d1d5db;
  color: #374151; font-style: italic; overflow-wrap: anywhere; }
figure { margin: 0; }
figure svg { display: block; width: 100%; height: auto; max-width: 100%;
  border: 1px solid #e5e7eb; border-radius: 6px; }
figcaption { font-size: .85em; color: #4b5563; margin-top: .4em; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, "DejaVu Sans",
  sans-serif; fill: #111827; }
svg .label, svg .root-label { paint-order: stroke; stroke: #fff; stroke-width: 3px;
  stroke-linejoin: round; }
svg .root-label { font-size: 12.5px; font-weight: 700; }
svg .legend-title { font-weight: 700; font-size: 12px; }
svg .ring { fill: none; stroke: #e5e7eb; stroke-dasharray: 2 4; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  tr, li, blockquote, figure { break-inside: avoid; }
  figure svg { border: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def render_html(graph: CitationGraph) -> str:
    """The whole report as one HTML5 page: no scripts, no fetches, the same bytes every time.

    >>> from citeresolve.document import load
    >>> from citeresolve.detect import detect
    >>> from citeresolve.graph import build_graph
    >>> doc = load("a.txt", data=b"<b>Talks</b> went on, according to Reuters.")
    >>> page = render_html(build_graph(doc, detect(doc)))
    >>> page.startswith("<!DOCTYPE html>"), page.count('<g class="node '), "<b>" in page
    (True, 2, False)
    """
    article = graph.article
    title = f"Citations in {article.get('title') or article.get('source') or 'an article'}"
    names = {node.id: _label(node) for node in graph.nodes}
    body = [
        _header(graph, title),
        _findings(graph.flags, names),
        _sources(graph),
        _posts(graph),
        _links(graph),
        _drawing(graph),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta http-equiv="Content-Security-Policy" '
            "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
            '<meta name="generator" content="citeresolve">',
            f"<title>{_text(_shorten(title, 140))}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


# --- the sections -------------------------------------------------------------------------------


def _header(graph: CitationGraph, title: str) -> str:
    article = graph.article
    statuses: dict[str, int] = defaultdict(int)
    for node in graph.nodes:
        if node.type in {"post", "url"}:
            statuses[str(node.data.get("status"))] += 1
    shown = [s for s in STATUS_COLOURS if s in ALWAYS_COUNTED or statuses[s]]
    severities = defaultdict(int, dict.fromkeys(SEVERITY_TITLES, 0))
    for flag in graph.flags:
        severities[flag.severity] += 1
    errors, warnings = severities[Severity.ERROR], severities[Severity.WARNING]
    tally = [
        f"<span>Findings: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}, {severities[Severity.INFO]} info</span>",
        "<span>Posts and links: "
        + ", ".join(f"{_status_badge(s, f'{statuses[s]} {s}')}" for s in shown)
        + "</span>",
    ]
    meta: list[tuple[str, str]] = []
    for key, name in (
        ("source", "Source"),
        ("url", "URL"),
        ("site_name", "Site"),
        ("byline", "Byline"),
        ("published", "Published"),
    ):
        value = article.get(key)
        if value:
            meta.append((name, _link(value, str(value))))
    if article.get("format"):
        meta.append(
            ("Format", _text(f"{article.get('format')}, {article.get('chars', '?')} chars"))
        )
    if article.get("sha256"):
        meta.append(("SHA-256", f"<code>{_text(str(article['sha256']))}</code>"))
    meta.append(
        (
            "Resolved",
            _text(graph.resolved_at)
            if graph.resolved_at
            else '<span class="muted">offline: nothing was checked over the network</span>',
        )
    )
    return "\n".join(
        [
            "<header>",
            f"<h1>{_text(title)}</h1>",
            f'<p class="summary">{_text(summary.headline(graph))}.</p>',
            f'<p class="tally">{"".join(tally)}</p>',
            '<dl class="meta">',
            *(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in meta),
            "</dl>",
            "</header>",
        ]
    )


def _findings(flags: tuple[Flag, ...], names: dict[str, str]) -> str:
    parts = ['<section id="findings">', "<h2>Findings</h2>"]
    if not flags:
        parts.append('<p class="none">Nothing to flag.</p>')
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        group = [flag for flag in flags if flag.severity == severity]
        if not group:
            continue
        parts += [f"<h3>{SEVERITY_TITLES[severity]} ({len(group)})</h3>", '<ul class="findings">']
        for flag in group:
            about = (
                f'<div class="about">About: {_text(names.get(flag.node, flag.node))}</div>'
                if flag.node
                else ""
            )
            quotes = [
                f'<blockquote class="evidence">{_text(_shorten(span.text, 300))}</blockquote>'
                for span in flag.evidence[:3]
                if span.text.strip()
            ]
            if len(flag.evidence) > 3:
                quotes.append(f'<div class="about">and {len(flag.evidence) - 3} more</div>')
            parts.append(
                f'<li class="finding sev-{severity.value}"><span class="sev">'
                f"{severity.value}</span> <code>{_text(flag.code)}</code> "
                f"{_text(flag.message)}{about}{''.join(quotes)}</li>"
            )
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def _sources(graph: CitationGraph) -> str:
    rows = []
    for row in summary.sources(graph):
        label, unnamed = row.label, row.label.endswith(" (unnamed)")
        if unnamed:
            label = label.removesuffix(" (unnamed)")
        tags = (' <span class="tag tag-unnamed">unnamed</span>' if unnamed else "") + (
            ' <span class="tag">in a post</span>' if row.via_post else ""
        )
        cues = "; ".join(f"“{_text(cue)}”" for cue in row.cues)
        opening = '<tr class="unnamed">' if unnamed else "<tr>"
        rows.append(
            f"{opening}<td>{_text(label)}{tags}</td>"
            f'<td class="short">{_text(row.kind)}</td><td class="num">{row.mentions}</td>'
            f"<td>{cues}</td></tr>"
        )
    return _section(
        "sources",
        "Sources",
        ("Outlet", "Kind", "Mentions", "Cues"),
        rows,
        "No outlet is credited.",
    )


def _posts(graph: CitationGraph) -> str:
    nodes = [node for node in graph.nodes if node.type == "post"]
    rows = [
        f'<tr><td class="short">{_text(row.platform)}</td>'
        f"<td>{_text(row.author)}</td>"
        f'<td class="short">{_text(row.published)}</td>'
        f"<td>{_status_badge(_status_of(node), row.status)}</td>"
        f"<td>{_link(node.data.get('url'), row.url)}</td><td>{_text(row.text)}</td></tr>"
        for row, node in zip(summary.posts(graph), nodes, strict=True)
    ]
    return _section(
        "posts",
        "Embedded posts",
        ("Platform", "Author", "Date", "Status", "Link", "Text"),
        rows,
        "No embedded posts.",
    )


def _links(graph: CitationGraph) -> str:
    nodes = [node for node in graph.nodes if node.type == "url"]
    rows = []
    for row, node in zip(summary.links(graph), nodes, strict=True):
        final = node.data.get("final")
        outlet = row.outlet
        rows.append(
            f"<tr><td>{_link(node.data.get('url'), row.found)}</td>"
            f"<td>{_link(final, row.final) if final else _NOTHING}</td>"
            f"<td>{_status_badge(_status_of(node), row.status)}</td>"
            f"<td>{_text(outlet) if outlet else _NOTHING}</td>"
            f'<td class="short">{_text(row.owner)}</td></tr>'
        )
    return _section(
        "links", "Links", ("Found", "Final", "Status", "Outlet", "In"), rows, "No links."
    )


def _section(anchor: str, heading: str, columns: Iterable[str], rows: list[str], empty: str) -> str:
    if not rows:
        return (
            f'<section id="{anchor}">\n<h2>{heading}</h2>\n<p class="none">{empty}</p>\n</section>'
        )
    head = "".join(f"<th>{column}</th>" for column in columns)
    return "\n".join(
        [
            f'<section id="{anchor}">',
            f"<h2>{heading} ({len(rows)})</h2>",
            f"<table><thead><tr>{head}</tr></thead>",
            "<tbody>",
            *rows,
            "</tbody></table>",
            "</section>",
        ]
    )


# --- the drawing --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Place:
    x: float
    y: float
    angle: float  # radians, clockwise from the positive x axis (SVG's y points down)
    label: str


@dataclass(frozen=True, slots=True)
class _Layout:
    width: float
    height: float
    cx: float
    cy: float
    rings: tuple[float, ...]
    places: dict[str, _Place]
    root: str
    legend_scale: float


def _tree(graph: CitationGraph) -> tuple[str, dict[str, list[str]], dict[str, int]]:
    """The article's breadth-first tree: (root, children of each node, depth of each node).

    A node reached twice keeps its first, shallowest parent; nodes the article does not reach
    hang from the root all the same, so every node is drawn.
    """
    nodes = {node.id: node for node in graph.nodes}
    article = str(graph.article.get("id"))
    root = article if article in nodes else _ROOT
    outward: dict[str, set[str]] = defaultdict(set)
    for edge in graph.edges:
        if edge.source in nodes and edge.target in nodes and edge.source != edge.target:
            outward[edge.source].add(edge.target)

    def ordered(ids: Iterable[str]) -> list[str]:
        return sorted(ids, key=lambda i: (_RANK.get(nodes[i].type, 9), i))

    children: dict[str, list[str]] = defaultdict(list)
    depth = {root: 0}
    queue: deque[str] = deque()
    for start in [root, *ordered(nodes)]:
        if start in depth and start != root:
            continue
        if start != root:
            depth[start] = 1
            children[root].append(start)
        queue.append(start)
        while queue:
            here = queue.popleft()
            for there in ordered(outward.get(here, ())):
                if there not in depth:
                    depth[there] = depth[here] + 1
                    children[here].append(there)
                    queue.append(there)
    return root, children, depth


def _layout(graph: CitationGraph) -> _Layout:
    """A radial tree: the article at the centre, each node on the ring of its distance from it.

    Every node but the article gets its own equal slice of the circle, with its children's
    slices on either side of it; a label is written outwards along the middle of its node's
    slice, where nothing else is drawn, so labels cannot run into each other or into nodes.
    """
    nodes = {node.id: node for node in graph.nodes}
    root, children, depth = _tree(graph)
    slots: dict[str, int] = {}
    for node_id in reversed(list(depth)):  # children before their parents
        slots[node_id] = sum(slots[c] for c in children[node_id]) + (node_id != root)
    total = slots[root]
    slot = 2 * math.pi / max(total, 1)
    first = max(FIRST_RING, SLOT_PX * total / (2 * math.pi))
    rings = (0.0, *(first + RING_STEP * (d - 1) for d in range(1, max(depth.values()) + 1)))
    angles = {root: 0.0}
    starts = {root: -math.pi / 2}
    for node_id in depth:  # parents before their children
        kids = children[node_id]
        start = starts[node_id]
        for index, child in enumerate(kids):
            if node_id != root and index == len(kids) // 2:
                start += slot  # the node's own slice, for its label
            starts[child] = start
            start += slots[child] * slot
        if node_id != root:
            before = sum(slots[c] for c in kids[: len(kids) // 2])
            angles[node_id] = starts[node_id] + (before + 0.5) * slot
    home = _host(graph.article.get("url"))
    labels = {
        node_id: _short_label(nodes[node_id], LEAF_CHARS, home) if node_id in nodes else ""
        for node_id in depth
    }
    # The drawing's extent around the centre: every mark and the far end of every label.
    outer = rings[-1] + 4  # the rings, the article and its title under it
    xs, ys = [-max(outer, 110.0), max(outer, 110.0)], [-max(outer, 20.0), max(outer, 80.0)]
    for node_id, d in depth.items():
        if d == 0:
            continue
        size = NODE_TYPES.get(nodes[node_id].type, OTHER_NODE)[2]
        reach = rings[d] + size + 4 + CHAR_PX * len(labels[node_id])
        for distance, margin in ((rings[d], size + 2), (reach, 8.0)):
            x, y = distance * math.cos(angles[node_id]), distance * math.sin(angles[node_id])
            xs += [x - margin, x + margin]
            ys += [y - margin, y + margin]
    pad = 18.0
    # A big drawing is shown shrunk to the page's width: its legend grows to stay legible.
    scale = max(1.0, (LEGEND_WIDTH + max(xs) - min(xs) + 2 * pad) / 1200)
    legend = (_legend_height() + 28) * scale  # the legend's box and its margins
    drawing = max(ys) - min(ys) + 2 * pad
    height = max(drawing, legend)
    cx = LEGEND_WIDTH * scale + pad - min(xs)
    cy = pad - min(ys) + (height - drawing) / 2
    places = {
        node_id: _Place(
            cx + rings[d] * math.cos(angles[node_id]),
            cy + rings[d] * math.sin(angles[node_id]),
            angles[node_id],
            labels[node_id],
        )
        for node_id, d in depth.items()
    }
    width = LEGEND_WIDTH * scale + max(xs) - min(xs) + 2 * pad
    return _Layout(math.ceil(width), math.ceil(height), cx, cy, rings, places, root, scale)


def _drawing(graph: CitationGraph) -> str:
    layout = _layout(graph)
    parts = [
        '<section id="graph">',
        "<h2>Citation graph</h2>",
        "<figure>",
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="graph-title" '
        f'width="{_n(layout.width)}" height="{_n(layout.height)}" '
        f'viewBox="0 0 {_n(layout.width)} {_n(layout.height)}">',
        f'<title id="graph-title">{_text(_svg_title(graph))}</title>',
        _markers(),
        '<g class="rings">',
        *(
            f'<circle class="ring" cx="{_n(layout.cx)}" cy="{_n(layout.cy)}" r="{_n(r)}"/>'
            for r in layout.rings[1:]
        ),
        "</g>",
        '<g class="edges">',
        *_edges(graph, layout),
        "</g>",
        '<g class="nodes">',
        *(_node(node, layout.places[node.id], node.id == layout.root) for node in graph.nodes),
        "</g>",
    ]
    if layout.root == _ROOT:  # no article node: mark the centre all the same
        parts.append(
            f'<circle class="centre" cx="{_n(layout.cx)}" cy="{_n(layout.cy)}" r="5" '
            'fill="#111827"/>'
        )
    parts += [
        _legend(layout.legend_scale),
        "</svg>",
        f"<figcaption>{len(graph.nodes)} nodes and {len(graph.edges)} edges. The article sits in "
        "the middle; each ring is one step further from it. Hover over a node or a line for its "
        "full text.</figcaption>",
        "</figure>",
        "</section>",
    ]
    return "\n".join(parts)


def _svg_title(graph: CitationGraph) -> str:
    article = graph.article
    return f"Citation graph of {article.get('title') or article.get('source') or 'the article'}"


def _markers() -> str:
    markers = [
        f'<marker id="arrow-{index}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" '
        f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        for index, (colour, _, _) in enumerate([*EDGE_STYLES.values(), OTHER_EDGE])
    ]
    return "<defs>" + "".join(markers) + "</defs>"


def _edge_style(edge_type: str) -> tuple[int, str, str]:
    styles = list(EDGE_STYLES)
    index = styles.index(edge_type) if edge_type in EDGE_STYLES else len(styles)
    colour, dash, _ = EDGE_STYLES.get(edge_type, OTHER_EDGE)
    return index, colour, dash


def _edges(graph: CitationGraph, layout: _Layout) -> list[str]:
    merged: dict[tuple[str, str, str], list[Edge]] = {}
    for edge in graph.edges:
        ends = (edge.source, edge.target)
        if all(end in layout.places for end in ends) and edge.source != edge.target:
            merged.setdefault((edge.source, edge.target, edge.type), []).append(edge)
    types = {node.id: node.type for node in graph.nodes}
    names = {node.id: _label(node) for node in graph.nodes}
    out = []
    for (source, target, edge_type), edges in merged.items():
        a, b = layout.places[source], layout.places[target]
        length = math.hypot(b.x - a.x, b.y - a.y)
        if length < 1e-6:
            continue
        ux, uy = (b.x - a.x) / length, (b.y - a.y) / length
        start = NODE_TYPES.get(types[source], OTHER_NODE)[2] + 1
        end = NODE_TYPES.get(types[target], OTHER_NODE)[2] + 2
        if length <= start + end:
            continue
        index, colour, dash = _edge_style(edge_type)
        kinds = sorted({e.kind for e in edges if e.kind})
        cues = sorted({span.text for e in edges for span in e.evidence})
        tip = f"{names[source]} {EDGE_STYLES.get(edge_type, OTHER_EDGE)[2]} {names[target]}"
        if edge_type not in EDGE_STYLES:
            tip += f" ({edge_type})"
        if kinds:
            tip += f" ({', '.join(kinds)})"
        tip += "".join(f"\n“{_shorten(cue, 120)}”" for cue in cues[:5])
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line class="edge" x1="{_n(a.x + ux * start)}" y1="{_n(a.y + uy * start)}" '
            f'x2="{_n(b.x - ux * end)}" y2="{_n(b.y - uy * end)}" stroke="{colour}" '
            f'stroke-width="1.3" stroke-opacity="0.75"{dashed} marker-end="url(#arrow-{index})">'
            f"<title>{_text(tip)}</title></line>"
        )
    return out


def _node(node: Node, place: _Place, is_root: bool) -> str:
    status = _status_of(node)
    kind = node.type if node.type in NODE_TYPES else "other"
    classes = f"node n-{kind}" + (f" s-{status}" if status in STATUS_COLOURS else "")
    mark = _mark(node.type, status)
    label = _root_label(node) if is_root else _radial_label(node, place)
    return (
        f'<g class="{classes}" data-id="{_text(node.id)}" '
        f'transform="translate({_n(place.x)} {_n(place.y)})">'
        f"<title>{_text(_tooltip(node))}</title>{mark}{label}</g>"
    )


def _mark(node_type: str, status: str | None, scale: float = 1.0) -> str:
    """The node's shape, centred on 0,0: circles, a diamond for accounts, a square for posts."""
    _, fill, size = NODE_TYPES.get(node_type, OTHER_NODE)
    size *= scale
    fill = fill or STATUS_COLOURS.get(status or "", UNKNOWN_STATUS)
    if node_type == "post":
        return (
            f'<rect x="{_n(-size)}" y="{_n(-size)}" width="{_n(2 * size)}" height="{_n(2 * size)}" '
            f'rx="2" fill="{fill}" stroke="#111827" stroke-width="1"/>'
        )
    if node_type == "account":
        return (
            f'<path d="M0,{_n(-size)} L{_n(size)},0 L0,{_n(size)} L{_n(-size)},0 z" '
            f'fill="{fill}" stroke="#3b0764" stroke-width="1"/>'
        )
    if node_type == "unnamed_outlet":
        return (
            f'<circle r="{_n(size)}" fill="{fill}" stroke="#2563eb" stroke-width="2" '
            'stroke-dasharray="3 2"/>'
        )
    stroke = "#111827" if node_type == "url" or node_type not in NODE_TYPES else "#ffffff"
    return f'<circle r="{_n(size)}" fill="{fill}" stroke="{stroke}" stroke-width="1"/>'


def _radial_label(node: Node, place: _Place) -> str:
    """Outwards along the radius; on the left half turned half a circle, never upside down."""
    size = NODE_TYPES.get(node.type, OTHER_NODE)[2]
    degrees = (math.degrees(place.angle) + 180) % 360 - 180
    flipped = abs(degrees) > 90
    gap = size + 4
    return (
        f'<text class="label" transform="translate({_n(gap * math.cos(place.angle))} '
        f'{_n(gap * math.sin(place.angle))}) rotate({_n(degrees + 180 if flipped else degrees)})" '
        f'text-anchor="{"end" if flipped else "start"}" dy="0.35em">{_text(place.label)}</text>'
    )


def _root_label(node: Node) -> str:
    """The article's title under it, on at most two lines, over a white patch."""
    lines = textwrap.wrap(_label(node), 26, max_lines=2, placeholder=" …") or ["article"]
    spans = "".join(
        f'<tspan x="0" dy="{"1.2em" if i else "0"}">{_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    width = 8 + 7.6 * max(len(line) for line in lines)
    return (
        f'<rect x="{_n(-width / 2)}" y="19" width="{_n(width)}" height="{_n(6 + 15 * len(lines))}" '
        'rx="4" fill="#ffffff" fill-opacity="0.85"/>'
        f'<text class="root-label" y="32" text-anchor="middle">{spans}</text>'
    )


def _legend_entries() -> list[tuple[str, str]]:
    """(kind of row, text) in the order drawn: headings, node types, statuses, edge types."""
    rows = [("title", "Nodes")]
    rows += [("node:" + t, name) for t, (name, _, _) in NODE_TYPES.items()]
    rows += [("title", "Status (posts, links)")]
    rows += [("status:" + s, s) for s in STATUS_COLOURS]
    rows += [("title", "Lines")]
    rows += [("edge:" + t, words) for t, (_, _, words) in EDGE_STYLES.items()]
    return rows


def _legend_height() -> float:
    entries = _legend_entries()
    return 22 + 20 * len(entries) + 4 * sum(kind == "title" for kind, _ in entries)


def _legend(scale: float) -> str:
    out = [
        f'<g class="legend" transform="translate({_n(14 * scale)} {_n(14 * scale)}) '
        f'scale({scale:.3f})">',
        f'<rect x="0" y="0" width="{_n(LEGEND_WIDTH - 28)}" '
        f'height="{_n(_legend_height())}" rx="6" fill="#f9fafb" stroke="#e5e7eb"/>',
    ]
    y = 22.0
    for kind, text in _legend_entries():
        if kind == "title":
            y += 4
            out.append(f'<text class="legend-title" x="12" y="{_n(y)}">{_text(text)}</text>')
        elif kind.startswith("node:"):
            node_type = kind.removeprefix("node:")
            shape = _mark(node_type, "unresolved", 0.75 if node_type == "article" else 1.0)
            out.append(
                f'<g class="legend-item" transform="translate(24 {_n(y - 4)})">{shape}'
                f'<text x="20" y="4">{_text(text)}</text></g>'
            )
        elif kind.startswith("status:"):
            status = kind.removeprefix("status:")
            out.append(
                f'<g class="legend-item" transform="translate(24 {_n(y - 4)})">'
                f"{_mark('post', status, 0.85)}"
                f'<circle cx="16" r="5" fill="{STATUS_COLOURS[status]}" stroke="#111827"/>'
                f'<text x="28" y="4">{_text(text)}</text></g>'
            )
        else:
            edge_type = kind.removeprefix("edge:")
            index, colour, dash = _edge_style(edge_type)
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<g class="legend-item" transform="translate(12 {_n(y - 4)})">'
                f'<line x1="0" y1="0" x2="30" y2="0" stroke="{colour}" stroke-width="1.5"'
                f'{dashed} marker-end="url(#arrow-{index})"/>'
                f'<text x="40" y="4">{_text(text)}</text></g>'
            )
        y += 20
    out.append("</g>")
    return "\n".join(out)


# --- words --------------------------------------------------------------------------------------


def _label(node: Node) -> str:
    """A node in a few words: an outlet's name, "@handle", a post's platform and author, a URL."""
    data = node.data
    if node.type == "post":
        handle = str(data.get("author_handle") or "").lstrip("@")
        who = f"@{handle}" if handle else str(data.get("author_name") or "unknown author")
        return f"{data.get('platform') or 'social'} post by {who}"
    if node.type == "account":
        handle = str(data.get("handle") or "").lstrip("@")
        return f"@{handle}" if handle else node.id
    if node.type == "url":
        return re.sub(r"^(?:https?://)?(?:www\.)?", "", str(data.get("url") or node.id), flags=re.I)
    return " ".join(str(data.get("label") or node.id).split()) or node.id


def _short_label(node: Node, width: int, home: str | None) -> str:
    """``_label`` cut to ``width``; a URL keeps its end, the part that tells links apart."""
    label = _label(node)
    if node.type != "url" or len(label) <= width:
        return _shorten(label, width)
    host, _, path = label.partition("/")
    if len(path.split("?")[0]) > 1:  # a query string rarely tells links apart: the path does
        path = re.sub(r"\?[^#]*", "", path, count=1)
        if len(host) + 1 + len(path) <= width:
            return f"{host}/{path}"
    if host.lower() == home:  # a link to the article's own site: its path says it all
        return "…/" + path[-(width - 2) :]
    keep = max(width - len(host) - 2, 14)
    head = host if len(host) + keep + 2 <= width else host[: width - keep - 3] + "…"
    return head + "/…" + path[-keep:]


def _host(url: object) -> str | None:
    """
    >>> _host("https://www.example.org/a/b"), _host(None)
    ('example.org', None)
    """
    if not isinstance(url, str):
        return None
    match = re.match(r"(?:https?://)?(?:www\.)?([^/?#]+)", url, re.I)
    return match.group(1).lower() if match else None


def _tooltip(node: Node) -> str:
    data = node.data
    name = NODE_TYPES.get(node.type, OTHER_NODE)[0]
    lines = [f"{name}: {_label(node)}"]
    if node.type == "post":
        author = summary.post_author(data)
        lines += [f"by {author}"] if author else []
        lines += [f"published {data['published']}"] if data.get("published") else []
        lines += [str(data["url"])] if data.get("url") else ["no link to the post"]
        lines += [f"“{_shorten(str(data['text']), 200)}”"] if data.get("text") else []
    elif node.type == "account":
        lines += [f"{data.get('name')} on {data.get('platform')}"] if data.get("name") else []
    elif node.type == "url":
        lines += [str(data.get("url"))]
        if data.get("final"):
            lines.append(f"→ {data['final']}")
        if data.get("title"):
            lines.append(f"“{_shorten(str(data['title']), 160)}”")
    elif node.type == "outlet":
        facts = [str(data[k]) for k in ("kind", "country") if data.get(k)]
        lines += [", ".join(facts)] if facts else []
        lines += [] if data.get("registry", True) else ["not in the outlet registry"]
    elif node.type == "unnamed_outlet":
        lines.append("unnamed: the claim cannot be traced to a named source")
    elif node.type == "article":
        lines += [str(data["url"])] if data.get("url") else []
    if node.type in {"post", "url"}:
        status = f"status: {data.get('status')}"
        if data.get("reason_text") and data.get("status") != "ok":
            status += f" ({data['reason_text']})"
        lines.append(status)
    lines.append(node.id)
    return "\n".join(lines)


def _status_of(node: Node) -> str | None:
    status = node.data.get("status")
    return str(status) if status is not None else None


def _status_badge(status: str | None, text: str) -> str:
    colour = STATUS_COLOURS.get(status or "", UNKNOWN_STATUS)
    return f'<span class="status" style="--c: {colour}">{_text(text)}</span>'


def _link(url: object, text: str) -> str:
    """``text``, as a link only to an http(s) URL (never ``javascript:``, ``data:``, …)."""
    if isinstance(url, str) and _HTTP_URL.fullmatch(url):
        return f'<a href="{escape(url)}" rel="noopener noreferrer nofollow">{_text(text)}</a>'
    return _text(text)


def _text(value: object) -> str:
    """Text from the graph, safe in HTML and in SVG: escaped, without control characters."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "\ufffd", str(value))
    return escape(text)


def _shorten(text: str, width: int) -> str:
    """
    >>> _shorten("a  long   sentence", 8)
    'a long…'
    """
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _n(value: float) -> str:
    """Coordinates with one decimal, the same on every machine (and never "-0.0")."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text

"""What both human-readable reports say, gathered once: sources, posts, links, counts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from citeresolve.graph import CitationGraph
from citeresolve.model import Node


@dataclass(frozen=True, slots=True)
class SourceRow:
    label: str
    kind: str
    mentions: int
    cues: tuple[str, ...]
    via_post: bool


@dataclass(frozen=True, slots=True)
class PostRow:
    platform: str
    author: str
    published: str
    status: str
    url: str
    text: str


@dataclass(frozen=True, slots=True)
class LinkRow:
    found: str
    final: str
    status: str
    owner: str
    outlet: str


def headline(graph: CitationGraph) -> str:
    """Counts first, then what could not be checked: the three numbers a reader acts on."""
    stats = graph.stats
    broken = sum(1 for n in graph.nodes if n.type == "url" and n.data.get("status") == "broken")
    gone = sum(1 for n in graph.nodes if n.type == "post" and n.data.get("status") == "unavailable")
    return (
        f"{stats.get('embeds', 0)} embedded posts, {stats.get('attributions', 0)} attributions to "
        f"{stats.get('outlets', 0)} named and {stats.get('unnamed_outlets', 0)} unnamed outlets, "
        f"{stats.get('links', 0)} links; {stats.get('unresolved', 0)} unresolved, "
        f"{broken} broken, {gone} unavailable"
    )


def sources(graph: CitationGraph) -> Iterator[SourceRow]:
    by_target: dict[str, list[tuple[str, str, int, bool]]] = {}
    for edge in graph.edges:
        if edge.type != "attributes_to":
            continue
        for span in edge.evidence:
            by_target.setdefault(edge.target, []).append(
                (edge.kind or "", span.text, span.start, edge.source.startswith("post:"))
            )
    for target, rows in sorted(by_target.items(), key=lambda item: (-len(item[1]), item[0])):
        node = graph.node(target)
        label = str(node.data.get("label", target)) if node else target
        if node is not None and node.type == "unnamed_outlet":
            label += " (unnamed)"
        rows.sort(key=lambda row: row[2])
        yield SourceRow(
            label=label,
            kind=", ".join(sorted({row[0] for row in rows})),
            mentions=len(rows),
            cues=tuple(dict.fromkeys(row[1] for row in rows)),
            via_post=all(row[3] for row in rows),
        )


def posts(graph: CitationGraph) -> Iterator[PostRow]:
    for node in graph.nodes:
        if node.type != "post":
            continue
        data = node.data
        author = post_author(data)
        yield PostRow(
            platform=str(data.get("platform")),
            author=author or "?",
            published=str(data.get("published") or "?"),
            status=_status(node),
            url=str(data.get("url") or "(no link)"),
            text=_shorten(str(data.get("text") or ""), 90),
        )


def post_author(data: Mapping[str, Any]) -> str:
    """ "Name (@handle)", either part alone, or "" when the post names nobody."""
    handle = str(data.get("author_handle") or "").lstrip("@")
    name = str(data.get("author_name") or "")
    return " ".join(part for part in (name, f"(@{handle})" if handle else "") if part)


def links(graph: CitationGraph) -> Iterator[LinkRow]:
    """Every URL node, with the outlet its page belongs to (see ``_outlet_of``)."""
    owners: dict[str, str] = {}
    next_hop: dict[str, str] = {}
    publisher: dict[str, str] = {}
    for edge in graph.edges:
        if edge.type == "links_to":
            owners.setdefault(edge.target, "post" if edge.source.startswith("post:") else "article")
        elif edge.type == "resolves_to":
            next_hop[edge.source] = edge.target
        elif edge.type == "published_by":
            outlet = graph.node(edge.target)
            publisher[edge.source] = str(outlet.data.get("label")) if outlet else edge.target
    for node in graph.nodes:
        if node.type != "url":
            continue
        yield LinkRow(
            found=str(node.data.get("url")),
            final=str(node.data.get("final") or "?"),
            status=_status(node),
            owner=owners.get(node.id, "article"),
            outlet=_outlet_of(graph, node, next_hop, publisher),
        )


def _outlet_of(
    graph: CitationGraph, node: Node, next_hop: dict[str, str], publisher: dict[str, str]
) -> str:
    """Who published the page a link ends at, through every redirect; a post's platform when
    it ends at a post; else the page's own site name; "" when nothing says."""
    seen: set[str] = set()
    current: str | None = node.id
    while current is not None and current not in seen:
        seen.add(current)
        if current in publisher:
            return publisher[current]
        target = graph.node(next_hop[current]) if current in next_hop else None
        if target is not None and target.type == "post":
            return f"a {target.data.get('platform') or 'social'} post"
        current = target.id if target is not None else None
    return str(node.data.get("site_name") or "")


def _status(node: Node) -> str:
    status = str(node.data.get("status"))
    reason = node.data.get("reason")
    return f"{status} ({reason})" if reason and status != "ok" else status


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"

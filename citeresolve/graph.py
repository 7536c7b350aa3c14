"""Build the citation graph: findings merged into nodes and edges, plus flags for a fact-checker."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath

from citeresolve.document import Document
from citeresolve.model import (
    JSON,
    Attribution,
    AttributionKind,
    Edge,
    Embed,
    Findings,
    Flag,
    Node,
    Severity,
    Span,
)
from citeresolve.outlets.registry import OutletRegistry, default_registry
from citeresolve.platforms import post_from_url
from citeresolve.platforms.base import clean_post_url
from citeresolve.urls import canonicalize

SCHEMA = "citeresolve.graph/1"
OFFLINE_REASON = ("offline", "not resolved: citeresolve ran without the network")


@dataclass(frozen=True)
class CitationGraph:
    """One article's citation graph; ``to_dict`` is exactly the JSON document of DESIGN §3."""

    article: dict[str, JSON]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    flags: tuple[Flag, ...]
    stats: dict[str, int] = field(default_factory=dict)

    def node(self, node_id: str) -> Node | None:
        return next((node for node in self.nodes if node.id == node_id), None)

    def edges_from(self, node_id: str, edge_type: str | None = None) -> list[Edge]:
        return [
            e
            for e in self.edges
            if e.source == node_id and (edge_type is None or e.type == edge_type)
        ]

    def worst_severity(self) -> Severity | None:
        return max((flag.severity for flag in self.flags), key=lambda s: s.rank, default=None)

    def to_dict(self) -> dict[str, JSON]:
        return {
            "schema": SCHEMA,
            "article": dict(self.article),
            "nodes": [node.to_dict() for node in self.nodes],
            "edges": [edge.to_dict() for edge in self.edges],
            "findings": [flag.to_dict() for flag in self.flags],
            "stats": dict(self.stats),
        }


def build_graph(
    doc: Document, findings: Findings, *, registry: OutletRegistry | None = None
) -> CitationGraph:
    """Merge findings into one graph: one node per outlet, post, account and URL.

    >>> from citeresolve.document import load
    >>> from citeresolve.detect import detect
    >>> doc = load("a.txt", data=b"Bloomberg reported it; according to Bloomberg, talks went on.")
    >>> graph = build_graph(doc, detect(doc))
    >>> [(e.target, len(e.evidence)) for e in graph.edges]
    [('outlet:bloomberg', 2)]
    """
    builder = _Builder(doc, registry or default_registry())
    builder.add_article()
    owners = [(embed, builder.add_post(embed)) for embed in findings.embeds]
    for attribution in findings.attributions:
        builder.add_attribution(attribution, _owner(attribution.span, owners, doc.id))
    for link in findings.links:
        owner = _owner(link.span, owners, doc.id)
        embed = next((e for e, post_id in owners if post_id == owner), None)
        if (
            embed is not None
            and embed.url
            and clean_post_url(link.url) == clean_post_url(embed.url)
        ):
            continue  # the post's own permalink (the date link of a blockquote)
        builder.add_link(owner, link.url, link.span)
    return builder.finish()


def _owner(span: Span, owners: list[tuple[Embed, str]], article_id: str) -> str:
    """The innermost embedded post whose text holds ``span``; else the article itself."""
    holders = [
        (e.span.end - e.span.start, post_id) for e, post_id in owners if e.span.contains(span)
    ]
    return min(holders)[1] if holders else article_id


class _Builder:
    def __init__(self, doc: Document, registry: OutletRegistry) -> None:
        self.doc = doc
        self.registry = registry
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str, str, str | None], list[Span]] = defaultdict(list)
        self.cues: dict[tuple[str, str, str, str | None], str] = {}
        self.flags: list[Flag] = []
        self.mentions = 0

    def add_article(self) -> None:
        doc = self.doc
        label = doc.title or PurePath(doc.source).name or doc.source
        self.nodes[doc.id] = Node(doc.id, "article", {"label": label})

    def add_post(self, embed: Embed) -> str:
        post_id = _post_node_id(embed)
        existing = self.nodes.get(post_id)
        data: dict[str, JSON] = {
            "platform": embed.platform,
            "post_id": embed.post_id,
            "url": embed.url,
            "author_handle": embed.author_handle,
            "author_name": embed.author_name,
            "published": embed.published,
            "text": embed.text,
            "mentions": list(embed.mentions),
            "hashtags": list(embed.hashtags),
            "status": "unresolved",
            "reason": OFFLINE_REASON[0],
            "reason_text": OFFLINE_REASON[1],
        }
        if existing is not None:  # the same post embedded twice: keep what either copy knew
            data = {key: existing.data.get(key) or value for key, value in data.items()}
        self.nodes[post_id] = Node(post_id, "post", data)
        self.edges[(self.doc.id, post_id, "embeds", None)].append(embed.span)
        if embed.author_handle:
            account = f"account:{embed.platform}:{embed.author_handle.lower()}"
            self.nodes.setdefault(
                account,
                Node(
                    account,
                    "account",
                    {
                        "platform": embed.platform,
                        "handle": embed.author_handle,
                        "name": embed.author_name,
                    },
                ),
            )
            self.edges[(post_id, account, "authored_by", None)].extend(
                [embed.signature] if embed.signature else []
            )
            outlet = self.registry.by_account(embed.platform, embed.author_handle)
            if outlet is not None:
                self._outlet_node(outlet.id)
                self.edges.setdefault((account, f"outlet:{outlet.id}", "operated_by", None), [])
        if embed.post_id is None:
            self.flags.append(_post_without_id(embed, post_id))
        return post_id

    def add_attribution(self, attribution: Attribution, owner: str) -> None:
        self.mentions += 1
        if attribution.outlet_id is not None:
            target = self._outlet_node(attribution.outlet_id)
        else:
            target = f"unnamed:{_slug(attribution.name)}"
            self.nodes.setdefault(
                target, Node(target, "unnamed_outlet", {"label": attribution.name})
            )
        key = (owner, target, "attributes_to", attribution.kind.value)
        self.edges[key].append(attribution.span)
        self.cues.setdefault(key, attribution.span.text)

    def add_link(self, owner: str, url: str, span: Span) -> None:
        canonical = canonicalize(url)
        node_id = f"url:{canonical}"
        self.nodes.setdefault(
            node_id,
            Node(
                node_id,
                "url",
                {
                    "url": url,
                    "canonical": canonical,
                    "final": None,
                    "redirects": [],
                    "http_status": None,
                    "title": None,
                    "site_name": None,
                    "status": "unresolved",
                    "reason": OFFLINE_REASON[0],
                    "reason_text": OFFLINE_REASON[1],
                },
            ),
        )
        self.edges[(owner, node_id, "links_to", None)].append(span)

    def _outlet_node(self, outlet_id: str) -> str:
        node_id = f"outlet:{outlet_id}"
        outlet = self.registry.get(outlet_id)
        if node_id not in self.nodes and outlet is not None:
            self.nodes[node_id] = Node(node_id, "outlet", outlet.node_data())
        return node_id

    def finish(self) -> CitationGraph:
        edges = []
        for (source, target, edge_type, kind), spans in self.edges.items():
            evidence = tuple(sorted(set(spans)))
            edges.append(
                Edge(
                    source,
                    target,
                    edge_type,
                    kind,
                    self.cues.get((source, target, edge_type, kind)),
                    evidence,
                )
            )
        edges.sort(key=lambda e: (e.source, e.type, e.target, e.kind or ""))
        self.flags.extend(self._attribution_flags(edges))
        nodes = tuple(sorted(self.nodes.values(), key=lambda n: n.id))
        flags = tuple(
            sorted(
                self.flags,
                key=lambda f: (
                    -f.severity.rank,
                    f.code,
                    f.node or "",
                    [s.start for s in f.evidence],
                ),
            )
        )
        return CitationGraph(self._article(), nodes, tuple(edges), flags, _stats(nodes, edges))

    def _attribution_flags(self, edges: Iterable[Edge]) -> list[Flag]:
        flags = []
        for edge in edges:
            if edge.type != "attributes_to":
                continue
            node = self.nodes[edge.target]
            label = node.data.get("label", edge.target)
            if node.type == "unnamed_outlet":
                flags.append(
                    Flag(
                        "unnamed-source",
                        Severity.WARNING,
                        f"Attributed to an unnamed outlet, “{label}”: "
                        "the claim cannot be traced to its source.",
                        edge.target,
                        edge.evidence,
                    )
                )
            elif edge.kind == AttributionKind.IMAGE_CREDIT:
                flags.append(
                    Flag(
                        "image-credit",
                        Severity.INFO,
                        f"An image is credited to {label}; "
                        "check where it first appeared and what it shows.",
                        edge.target,
                        edge.evidence,
                    )
                )
        return flags

    def _article(self) -> dict[str, JSON]:
        doc = self.doc
        return {
            "id": doc.id,
            "source": doc.source,
            "format": doc.format,
            "sha256": doc.sha256,
            "title": doc.title,
            "url": doc.url,
            "chars": len(doc.text),
        }


def _post_without_id(embed: Embed, node_id: str) -> Flag:
    who = (
        f"{embed.author_name} (@{embed.author_handle})"
        if embed.author_handle
        else embed.author_name or "an unknown author"
    )
    when = f" of {embed.published}" if embed.published else ""
    return Flag(
        "post-without-id",
        Severity.WARNING,
        f"The {embed.platform} post by {who}{when} is quoted without its link, so which post it is "
        "cannot be checked from the article alone.",
        node_id,
        (embed.span,),
    )


def _post_node_id(embed: Embed) -> str:
    """Stable ids: the platform's post id where known, else author + date + a hash of the text."""
    if embed.post_id:
        return f"post:{embed.platform}:{embed.post_id}"
    if embed.url:
        ref = post_from_url(embed.url)
        if ref:
            return f"post:{ref.platform}:{ref.post_id}"
    digest = hashlib.sha256((embed.text or embed.span.text).encode("utf-8")).hexdigest()[:12]
    who = (embed.author_handle or _slug(embed.author_name or "unknown")).lower()
    return f"post:{embed.platform}:@{who}:{embed.published or 'undated'}:{digest}"


def _slug(label: str) -> str:
    """
    >>> _slug("a French newspaper")
    'a-french-newspaper'
    """
    return re.sub(r"[^\w]+", "-", label.casefold()).strip("-") or "unnamed"


def _stats(nodes: tuple[Node, ...], edges: list[Edge]) -> dict[str, int]:
    by_type: dict[str, int] = defaultdict(int)
    for node in nodes:
        by_type[node.type] += 1
    return {
        "embeds": sum(1 for e in edges if e.type == "embeds"),
        "attributions": sum(len(e.evidence) for e in edges if e.type == "attributes_to"),
        "links": by_type["url"],
        "outlets": by_type["outlet"],
        "unnamed_outlets": by_type["unnamed_outlet"],
        "unresolved": sum(1 for n in nodes if n.data.get("status") == "unresolved"),
    }

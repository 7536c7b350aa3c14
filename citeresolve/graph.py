"""Build the citation graph: findings merged into nodes and edges, plus flags for a fact-checker."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
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
from citeresolve.pagemeta import PageMeta, meta_from_soup
from citeresolve.platforms import PostRef, post_from_url
from citeresolve.platforms.base import clean_post_url, host_of
from citeresolve.resolve.outcomes import OFFLINE, PostOutcome, Resolutions, UrlOutcome
from citeresolve.urls import canonicalize

SCHEMA = "citeresolve.graph/1"
OFFLINE_POST = PostOutcome("unresolved", *OFFLINE)
OFFLINE_URL = UrlOutcome("unresolved", *OFFLINE)


@dataclass(frozen=True)
class CitationGraph:
    """One article's citation graph; ``to_dict`` is exactly the JSON document of DESIGN §3."""

    article: dict[str, JSON]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    flags: tuple[Flag, ...]
    stats: dict[str, int] = field(default_factory=dict)
    resolved_at: str | None = None  # the only clock reading in the document, and only online

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
        } | ({"resolved_at": self.resolved_at} if self.resolved_at else {})


def build_graph(
    doc: Document,
    findings: Findings,
    *,
    registry: OutletRegistry | None = None,
    resolutions: Resolutions | None = None,
    page_meta: PageMeta | None = None,
) -> CitationGraph:
    """Merge findings into one graph: one node per outlet, post, account and URL.

    >>> from citeresolve.document import load
    >>> from citeresolve.detect import detect
    >>> doc = load("a.txt", data=b"Bloomberg reported it; according to Bloomberg, talks went on.")
    >>> graph = build_graph(doc, detect(doc))
    >>> [(e.target, len(e.evidence)) for e in graph.edges]
    [('outlet:bloomberg', 2)]
    """
    builder = _Builder(doc, registry or default_registry(), resolutions or Resolutions(), page_meta)
    builder.add_article()
    owners = [
        (embed, builder.add_post(embed, index)) for index, embed in enumerate(findings.embeds)
    ]
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
    return builder.finish(resolutions.resolved_at if resolutions else None)


def _owner(span: Span, owners: list[tuple[Embed, str]], article_id: str) -> str:
    """The innermost embedded post whose text holds ``span``; else the article itself."""
    holders = [
        (e.span.end - e.span.start, post_id) for e, post_id in owners if e.span.contains(span)
    ]
    return min(holders)[1] if holders else article_id


class _Builder:
    def __init__(
        self,
        doc: Document,
        registry: OutletRegistry,
        resolutions: Resolutions,
        page_meta: PageMeta | None = None,
    ) -> None:
        self.doc = doc
        self.page_meta = page_meta
        self.registry = registry
        self.resolutions = resolutions
        self.offline = resolutions.resolved_at is None
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str, str, str | None], list[Span]] = defaultdict(list)
        self.cues: dict[tuple[str, str, str, str | None], str] = {}
        self.langs: dict[tuple[str, str, str, str | None], str] = {}
        self.referents: dict[tuple[str, str, str, str | None], str] = {}
        self.flags: list[Flag] = []

    def add_article(self) -> None:
        doc = self.doc
        label = doc.title or PurePath(doc.source).name or doc.source
        self.nodes[doc.id] = Node(doc.id, "article", {"label": label})

    def add_post(self, embed: Embed, index: int) -> str:
        outcome = self.resolutions.posts.get(index, OFFLINE_POST)
        ref = outcome.ref
        post_id = f"post:{ref.platform}:{ref.post_id}" if ref else _post_node_id(embed)
        data: dict[str, JSON] = {
            "platform": embed.platform,
            "post_id": embed.post_id or (ref.post_id if ref else None),
            "url": embed.url or (ref.url if ref else None),
            "author_handle": embed.author_handle or outcome.author_handle,
            "author_name": embed.author_name or outcome.author_name,
            "published": embed.published or outcome.published,
            "text": embed.text or outcome.text,
            "mentions": list(embed.mentions),
            "hashtags": list(embed.hashtags),
            **_status_fields(outcome.status, outcome.reason, outcome.reason_text),
        }
        if outcome.recovered_from:
            data["recovered_from"] = outcome.recovered_from
        existing = self.nodes.get(post_id)
        if existing is not None:  # the same post embedded twice: keep what either copy knew
            data = {key: existing.data.get(key) or value for key, value in data.items()}
        self.nodes[post_id] = Node(post_id, "post", data)
        self.edges[(self.doc.id, post_id, "embeds", None)].append(embed.span)
        handle = embed.author_handle or outcome.author_handle
        if handle:
            signature = (embed.signature,) if embed.signature and embed.author_handle else ()
            self._account(
                post_id, embed.platform, handle, embed.author_name or outcome.author_name, signature
            )
        if embed.post_id is None and ref is None:
            self.flags.append(_post_without_id(embed, post_id))
        self.flags.extend(_post_flags(post_id, embed, outcome))
        return post_id

    def _account(
        self, post_id: str, platform: str, handle: str, name: str | None, evidence: tuple[Span, ...]
    ) -> None:
        account = f"account:{platform}:{handle.lower()}"
        self.nodes.setdefault(
            account,
            Node(account, "account", {"platform": platform, "handle": handle, "name": name}),
        )
        self.edges[(post_id, account, "authored_by", None)].extend(evidence)
        outlet = self.registry.by_account(platform, handle)
        if outlet is not None:
            self._outlet_node(outlet.id)
            self.edges.setdefault((account, f"outlet:{outlet.id}", "operated_by", None), [])

    def _linked_post(self, ref: PostRef) -> str:
        """A post reached through a link only (a status URL, a t.co to a tweet)."""
        node_id = f"post:{ref.platform}:{ref.post_id}"
        if node_id in self.nodes:
            return node_id
        outcome = self.resolutions.linked_posts.get(ref.url, OFFLINE_POST)
        self.nodes[node_id] = Node(
            node_id,
            "post",
            {
                "platform": ref.platform,
                "post_id": ref.post_id,
                "url": ref.url,
                "author_handle": outcome.author_handle or ref.handle,
                "author_name": outcome.author_name,
                "published": outcome.published,
                "text": outcome.text,
                "mentions": [],
                "hashtags": [],
                **_status_fields(outcome.status, outcome.reason, outcome.reason_text),
            },
        )
        handle = outcome.author_handle or ref.handle
        if handle:
            self._account(node_id, ref.platform, handle, outcome.author_name, ())
        if outcome.status == "unavailable":
            self.flags.append(_unavailable(node_id, outcome, ()))
        return node_id

    def add_attribution(self, attribution: Attribution, owner: str) -> None:
        if attribution.outlet_id is not None:
            target = self._outlet_node(attribution.outlet_id)
        elif attribution.unregistered:
            target = f"outlet:{_slug(attribution.name)}"
            self.nodes.setdefault(
                target,
                Node(
                    target,
                    "outlet",
                    {
                        "label": attribution.name,
                        "aliases": [],
                        "domains": [],
                        "handles": {},
                        "country": None,
                        "kind": None,
                        "registry": False,
                    },
                ),
            )
        else:
            target = f"unnamed:{_slug(attribution.name)}"
            self.nodes.setdefault(
                target, Node(target, "unnamed_outlet", {"label": attribution.name})
            )
        key = (owner, target, "attributes_to", attribution.kind.value)
        self.edges[key].append(attribution.span)
        self.cues.setdefault(key, attribution.span.text)
        self.langs.setdefault(key, attribution.lang)
        if attribution.refers_to is not None:
            self.referents.setdefault(key, self._outlet_node(attribution.refers_to))

    def add_link(self, owner: str, url: str, span: Span) -> None:
        outcome = self.resolutions.urls.get(url, OFFLINE_URL)
        node_id = self._url_node(url, outcome)
        self.edges[(owner, node_id, "links_to", None)].append(span)

    def _url_node(self, url: str, outcome: UrlOutcome) -> str:
        canonical = canonicalize(url)
        node_id = f"url:{canonical}"
        if node_id in self.nodes:
            return node_id
        end_is_here = not outcome.final or canonicalize(outcome.final) == canonical
        self.nodes[node_id] = Node(
            node_id,
            "url",
            {
                "url": url,
                "canonical": canonical,
                "final": outcome.final,
                "redirects": list(outcome.redirects),
                "http_status": outcome.http_status,
                "title": outcome.title if end_is_here else None,
                "site_name": outcome.site_name if end_is_here else None,
                **_status_fields(outcome.status, outcome.reason, outcome.reason_text),
            },
        )
        if outcome.post is not None:
            self.edges.setdefault(
                (node_id, self._linked_post(outcome.post), "resolves_to", None), []
            )
        elif outcome.status in {"ok", "broken"} and not end_is_here and outcome.final:
            end = replace(outcome, final=None, redirects=(), post=None)
            self.edges.setdefault(
                (node_id, self._url_node(outcome.final, end), "resolves_to", None), []
            )
        elif outcome.status == "ok":
            publisher = self.registry.by_url_host(host_of(outcome.final or url))
            if publisher is not None:
                self._outlet_node(publisher.id)
                self.edges.setdefault((node_id, f"outlet:{publisher.id}", "published_by", None), [])
        self.flags.extend(_url_flags(node_id, url, outcome))
        return node_id

    def _outlet_node(self, outlet_id: str) -> str:
        node_id = f"outlet:{outlet_id}"
        outlet = self.registry.get(outlet_id)
        if node_id not in self.nodes and outlet is not None:
            self.nodes[node_id] = Node(node_id, "outlet", outlet.node_data())
        return node_id

    def finish(self, resolved_at: str | None) -> CitationGraph:
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
                    self.langs.get((source, target, edge_type, kind)),
                    self.referents.get((source, target, edge_type, kind)),
                )
            )
        edges.sort(key=lambda e: (e.source, e.type, e.target, e.kind or ""))
        self.flags.extend(self._attribution_flags(edges))
        self.flags.extend(self._reachability_flags(edges))
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
        return CitationGraph(
            self._article(), nodes, tuple(edges), flags, _stats(nodes, edges), resolved_at
        )

    def _reachability_flags(self, edges: list[Edge]) -> list[Flag]:
        """What a reader cannot check: credits without a link, posts without a way to them,
        and an outlet citing itself."""
        flags = []
        linked_outlets = set()
        for node in self.nodes.values():
            if node.type == "url":
                for address in (node.data.get("final"), node.data.get("url")):
                    outlet = self.registry.by_url_host(host_of(str(address))) if address else None
                    if outlet is not None:
                        linked_outlets.add(f"outlet:{outlet.id}")
        own = self.registry.by_url_host(host_of(self.doc.url)) if self.doc.url else None
        own_id = f"outlet:{own.id}" if own else None
        reported: dict[str, list[Span]] = {}
        for edge in edges:
            if edge.type != "attributes_to" or edge.source != self.doc.id:
                continue
            if edge.kind in (AttributionKind.DATELINE, AttributionKind.BYLINE):
                continue
            if edge.target == own_id:
                flags.append(
                    Flag(
                        "self-citation",
                        Severity.INFO,
                        "The article cites its own outlet, "
                        f"{self.nodes[edge.target].data.get('label')}.",
                        edge.target,
                        edge.evidence,
                    )
                )
            elif edge.kind != AttributionKind.IMAGE_CREDIT:
                reported.setdefault(edge.target, []).extend(edge.evidence)
        for target, evidence in sorted(reported.items()):
            node = self.nodes[target]
            if node.type == "outlet" and node.data.get("domains") and target not in linked_outlets:
                flags.append(
                    Flag(
                        "attribution-without-link",
                        Severity.WARNING,
                        f"The article credits {node.data.get('label')} but links to none of its "
                        "pages: find the report it means before relying on it.",
                        target,
                        tuple(sorted(set(evidence))),
                    )
                )
        sources = {edge.source for edge in edges if edge.type == "links_to"}
        for node in self.nodes.values():
            if node.type == "post" and not node.data.get("url") and node.id not in sources:
                flags.append(
                    Flag(
                        "post-not-linked",
                        Severity.WARNING,
                        "This post has no link, no id and no link inside it: there is no way "
                        "to reach the original.",
                        node.id,
                    )
                )
        return flags

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
        meta = self.page_meta or (meta_from_soup(doc.html) if doc.html is not None else PageMeta())
        return {
            "id": doc.id,
            "source": doc.source,
            "format": doc.format,
            "sha256": doc.sha256,
            "title": doc.title,
            "url": doc.url,
            "published": meta.published,
            "site_name": meta.site_name,
            "byline": meta.byline,
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


def _status_fields(status: str, reason: str | None, reason_text: str | None) -> dict[str, JSON]:
    if status == "ok":
        return {"status": status}
    return {"status": status, "reason": reason, "reason_text": reason_text}


def _post_flags(node_id: str, embed: Embed, outcome: PostOutcome) -> list[Flag]:
    flags = []
    if outcome.status == "unavailable":
        flags.append(_unavailable(node_id, outcome, (embed.span,)))
    signed = (embed.author_handle or "").lstrip("@").lower()
    verified = (outcome.author_handle or "").lstrip("@").lower()
    if outcome.status == "ok" and signed and verified and signed != verified:
        flags.append(
            Flag(
                "author-mismatch",
                Severity.ERROR,
                f"The article shows this post as @{embed.author_handle}'s, but {embed.platform} "
                f"says it is @{outcome.author_handle}'s.",
                node_id,
                (embed.signature or embed.span,),
            )
        )
    if outcome.status in {"unresolved", "error"} and outcome.reason != OFFLINE[0]:
        flags.append(_unresolved(node_id, outcome.reason, outcome.reason_text, (embed.span,)))
    return flags


def _unavailable(node_id: str, outcome: PostOutcome, evidence: tuple[Span, ...]) -> Flag:
    return Flag(
        "unavailable-post",
        Severity.ERROR,
        f"The post is no longer available ({outcome.reason_text or outcome.reason}); "
        "look for an archived copy before relying on it.",
        node_id,
        evidence,
    )


def _unresolved(
    node_id: str, reason: str | None, text: str | None, evidence: tuple[Span, ...]
) -> Flag:
    return Flag("unresolved", Severity.INFO, f"Not resolved ({reason}): {text}", node_id, evidence)


# A broken link says more by its status: gone for good, behind a paywall, or refused to us.
BROKEN_KINDS = {
    404: ("dead-link", Severity.WARNING, "is gone: look for an archived copy"),
    410: ("dead-link", Severity.WARNING, "is gone: look for an archived copy"),
    401: ("paywalled", Severity.INFO, "is behind a login or paywall"),
    402: ("paywalled", Severity.INFO, "is behind a paywall"),
    403: ("blocked", Severity.INFO, "refused to answer an automated reader; open it in a browser"),
    451: ("blocked", Severity.INFO, "is unavailable for legal reasons here"),
}


def _url_flags(node_id: str, url: str, outcome: UrlOutcome) -> list[Flag]:
    flags = []
    if outcome.status == "broken":
        code, severity, why = BROKEN_KINDS.get(
            outcome.http_status or 0, ("broken-link", Severity.WARNING, "is broken")
        )
        flags.append(Flag(code, severity, f"{url} {why} ({outcome.reason_text}).", node_id))
    elif outcome.status == "blocked":
        flags.append(
            Flag(
                "blocked-url",
                Severity.WARNING,
                f"{url} was not followed: {outcome.reason_text}",
                node_id,
            )
        )
    elif outcome.status in {"unresolved", "error"} and outcome.reason != OFFLINE[0]:
        flags.append(_unresolved(node_id, outcome.reason, outcome.reason_text, ()))
    if len(outcome.redirects) > 2:
        chain = " → ".join(str(hop.get("url")) for hop in outcome.redirects)
        flags.append(
            Flag(
                "redirect-chain",
                Severity.INFO,
                f"{url} passes through {len(outcome.redirects)} redirects "
                f"({chain} → {outcome.final}).",
                node_id,
            )
        )
    return flags


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

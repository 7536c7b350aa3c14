"""What a whole batch rests on: outlets by citing articles, platforms, accounts, failures."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from citeresolve.errors import InputError


@dataclass
class CorpusSummary:
    """Counts over the graphs of a batch; every count is of articles, posts or links."""

    articles: int = 0
    failed: int = 0
    outlets: Counter[str] = field(default_factory=Counter)  # outlet label -> citing articles
    unnamed: Counter[str] = field(default_factory=Counter)
    platforms: Counter[str] = field(default_factory=Counter)  # platform -> embedded posts
    accounts: Counter[str] = field(default_factory=Counter)  # platform:@handle -> embeds
    posts: Counter[str] = field(default_factory=Counter)  # post url or id -> embedding articles
    links: int = 0
    link_status: Counter[str] = field(default_factory=Counter)
    post_status: Counter[str] = field(default_factory=Counter)

    def add(self, document: dict[str, Any]) -> None:
        if "error" in document:
            self.failed += 1
            return
        self.articles += 1
        nodes = {node["id"]: node for node in document.get("nodes", [])}
        cited: set[str] = set()
        unnamed: set[str] = set()
        for edge in document.get("edges", []):
            target = nodes.get(edge["target"], {})
            if edge["type"] == "attributes_to":
                (unnamed if target.get("type") == "unnamed_outlet" else cited).add(
                    str(target.get("label", edge["target"]))
                )
        self.outlets.update(cited)
        self.unnamed.update(unnamed)
        for node in nodes.values():
            if node["type"] == "post":
                self.platforms[node["platform"]] += 1
                self.post_status[node["status"]] += 1
                if node.get("author_handle"):
                    self.accounts[f"{node['platform']}:@{node['author_handle']}"] += 1
                self.posts[str(node.get("url") or node["id"])] += 1
            elif node["type"] == "url":
                self.links += 1
                self.link_status[node["status"]] += 1

    def rate(self, counter: Counter[str], *statuses: str) -> float:
        total = sum(counter.values())
        return sum(counter[s] for s in statuses) / total if total else 0.0

    def to_dict(self, top: int = 20) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "failed": self.failed,
            "outlets_by_citing_articles": self.outlets.most_common(top),
            "unnamed_outlets": self.unnamed.most_common(top),
            "platforms_by_embeds": self.platforms.most_common(),
            "accounts_by_embeds": self.accounts.most_common(top),
            "most_cited_posts": [(p, n) for p, n in self.posts.most_common(top) if n > 1],
            "links": self.links,
            "unresolved_rate": round(
                self.rate(self.link_status + self.post_status, "unresolved"), 4
            ),
            "broken_rate": round(self.rate(self.link_status, "broken"), 4),
            "unavailable_post_rate": round(self.rate(self.post_status, "unavailable"), 4),
        }

    def to_csv(self) -> str:
        """One row per outlet: how many articles cite it (the table researchers start from)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["outlet", "named", "citing_articles"])
        for label, count in self.outlets.most_common():
            writer.writerow([label, "yes", count])
        for label, count in self.unnamed.most_common():
            writer.writerow([label, "no", count])
        return out.getvalue()

    def to_text(self, top: int = 10) -> str:
        data = self.to_dict(top)
        lines = [
            f"{self.articles} articles ({self.failed} failed), {self.links} links; "
            f"unresolved {data['unresolved_rate']:.1%}, broken links {data['broken_rate']:.1%}, "
            f"unavailable posts {data['unavailable_post_rate']:.1%}",
            "",
            *_rows("Outlets by citing articles:", data["outlets_by_citing_articles"]),
            *_rows("Unnamed outlets:", data["unnamed_outlets"]),
            *_rows("Platforms by embedded posts:", data["platforms_by_embeds"]),
            *_rows("Accounts by embedded posts:", data["accounts_by_embeds"]),
            *_rows("Posts embedded by more than one article:", data["most_cited_posts"]),
        ]
        return "\n".join(lines) + "\n"


def _rows(title: str, counts: list[tuple[str, int]]) -> list[str]:
    """A titled list, saying so when it is empty rather than leaving a bare heading."""
    return (
        [title, *(f"  {n:>6}  {label}" for label, n in counts)] if counts else [title, "  (none)"]
    )


def summarize(lines: Iterable[str], source: str = "batch output") -> CorpusSummary:
    """Read a batch's JSONL, line by line (a corpus summary must not hold the corpus).

    >>> summary = summarize(['{"id": "a", "nodes": [], "edges": []}', '{"id": "b", "error": {}}'])
    >>> summary.articles, summary.failed
    (1, 1)
    """
    summary = CorpusSummary()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            document = json.loads(line)
        except ValueError:
            raise InputError(f"{source}: line {number} is not JSON") from None
        try:
            if not isinstance(document, dict):
                raise TypeError(type(document).__name__)
            summary.add(document)
        except (KeyError, TypeError, AttributeError):
            raise InputError(f"{source}: line {number} is not a graph document") from None
    return summary

"""The terminal report: the same sections as Markdown, drawn as rich tables."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from citeresolve.graph import CitationGraph
from citeresolve.render import summary

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def table_report(graph: CitationGraph) -> Group:
    """The report as rich renderables, for a console that knows the terminal's width."""
    article = graph.article
    parts: list[RenderableType] = [
        Text(f"Citations in {article.get('title') or article.get('source')}", style="bold"),
        Text(summary.headline(graph)),
    ]
    if graph.flags:
        flags = Table(title="Findings", title_justify="left", expand=True)
        flags.add_column("severity")
        flags.add_column("code")
        flags.add_column("message", ratio=1)
        for flag in graph.flags:
            flags.add_row(
                Text(flag.severity.value, style=_SEVERITY_STYLE[flag.severity.value]),
                flag.code,
                flag.message,
            )
        parts.append(flags)
    rows = list(summary.sources(graph))
    if rows:
        sources = Table(title="Sources", title_justify="left", expand=True)
        for column in ("outlet", "kind", "n", "cues"):
            sources.add_column(column, ratio=1 if column == "cues" else None)
        for row in rows:
            label = row.label + (" (in a post)" if row.via_post else "")
            sources.add_row(
                label, row.kind, str(row.mentions), "; ".join(f"“{c}”" for c in row.cues)
            )
        parts.append(sources)
    posts = list(summary.posts(graph))
    if posts:
        table = Table(title="Embedded posts", title_justify="left", expand=True)
        for column in ("platform", "author", "date", "status", "link", "text"):
            table.add_column(column, ratio=1 if column == "text" else None, overflow="fold")
        for post in posts:
            table.add_row(
                post.platform, post.author, post.published, post.status, post.url, post.text
            )
        parts.append(table)
    links = list(summary.links(graph))
    if links:
        table = Table(title="Links", title_justify="left", expand=True)
        for column in ("found", "final", "status", "outlet", "in"):
            table.add_column(column, overflow="fold")
        for link in links:
            table.add_row(link.found, link.final, link.status, link.outlet or "–", link.owner)
        parts.append(table)
    return Group(*parts)


def render_table(graph: CitationGraph, *, width: int = 120) -> str:
    """The report as plain text of a given width (for files and pipes)."""
    sink = io.StringIO()
    console = Console(width=width, file=sink, color_system=None, force_terminal=False)
    console.print(table_report(graph))
    return sink.getvalue()

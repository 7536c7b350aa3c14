"""A Markdown report a fact-checker can paste into a write-up."""

from __future__ import annotations

from citeresolve.graph import CitationGraph
from citeresolve.render import summary


def _cell(value: str) -> str:
    return " ".join(value.split()).replace("|", "\\|")


def render_markdown(graph: CitationGraph) -> str:
    article = graph.article
    lines = [
        f"# Citations in {article.get('title') or article.get('source')}",
        "",
        summary.headline(graph) + ".",
        "",
    ]
    if graph.flags:
        lines += ["## Findings", ""]
        for flag in graph.flags:
            where = (
                f" — “{_cell(flag.evidence[0].text[:80])}”"
                if flag.evidence and flag.evidence[0].text
                else ""
            )
            lines.append(f"- **{flag.severity.value}** `{flag.code}`: {flag.message}{where}")
        lines.append("")
    rows = list(summary.sources(graph))
    if rows:
        lines += ["## Sources", "", "| outlet | kind | mentions | cues |", "|---|---|---|---|"]
        lines += [
            f"| {_cell(r.label)}{' (in a post)' if r.via_post else ''} | {r.kind} | {r.mentions} | "
            + "; ".join(f"“{_cell(c)}”" for c in r.cues)
            + " |"
            for r in rows
        ]
        lines.append("")
    posts = list(summary.posts(graph))
    if posts:
        lines += [
            "## Embedded posts",
            "",
            "| platform | author | date | status | link | text |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {p.platform} | {_cell(p.author)} | {p.published} | {p.status} "
            f"| {_cell(p.url)} | {_cell(p.text)} |"
            for p in posts
        ]
        lines.append("")
    links = list(summary.links(graph))
    if links:
        lines += [
            "## Links",
            "",
            "| found | final | status | outlet | in |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {_cell(link.found)} | {_cell(link.final)} | {link.status} "
            f"| {_cell(link.outlet) or '–'} | {link.owner} |"
            for link in links
        ]
        lines.append("")
    return "\n".join(lines)

"""Renderers by format name: pure functions from a CitationGraph to text."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from citeresolve.graph import CitationGraph
from citeresolve.render.dot import render_dot
from citeresolve.render.graphml import render_graphml
from citeresolve.render.html import render_html
from citeresolve.render.json import render_json, render_jsonl
from citeresolve.render.markdown import render_markdown
from citeresolve.render.mermaid import render_mermaid
from citeresolve.render.table import render_table


class OutputFormat(StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    JSONL = "jsonl"
    HTML = "html"
    GRAPHML = "graphml"
    DOT = "dot"
    MERMAID = "mermaid"


RENDERERS: dict[OutputFormat, Callable[[CitationGraph], str]] = {
    OutputFormat.TABLE: render_table,
    OutputFormat.MARKDOWN: render_markdown,
    OutputFormat.JSON: render_json,
    OutputFormat.JSONL: render_jsonl,
    OutputFormat.HTML: render_html,
    OutputFormat.GRAPHML: render_graphml,
    OutputFormat.DOT: render_dot,
    OutputFormat.MERMAID: render_mermaid,
}

SINGLE_DOCUMENT = {OutputFormat.HTML, OutputFormat.GRAPHML}  # one article per file

__all__ = [
    "RENDERERS",
    "SINGLE_DOCUMENT",
    "OutputFormat",
    "render_dot",
    "render_graphml",
    "render_html",
    "render_json",
    "render_jsonl",
    "render_markdown",
    "render_mermaid",
    "render_table",
]

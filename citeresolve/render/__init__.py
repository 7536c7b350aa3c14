"""Renderers by format name: pure functions from a CitationGraph to text."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from citeresolve.graph import CitationGraph
from citeresolve.render.json import render_json
from citeresolve.render.markdown import render_markdown
from citeresolve.render.table import render_table


class OutputFormat(StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"


RENDERERS: dict[OutputFormat, Callable[[CitationGraph], str]] = {
    OutputFormat.TABLE: render_table,
    OutputFormat.MARKDOWN: render_markdown,
    OutputFormat.JSON: render_json,
}

__all__ = ["RENDERERS", "OutputFormat", "render_json", "render_markdown", "render_table"]

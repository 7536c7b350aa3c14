"""The JSON document of DESIGN §3: deterministic bytes for the same input."""

from __future__ import annotations

import json

from citeresolve.graph import CitationGraph


def render_json(graph: CitationGraph) -> str:
    """Pretty, key order as built, non-ASCII kept (evidence must read like the article)."""
    return json.dumps(graph.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_jsonl(graph: CitationGraph) -> str:
    """One compact line per graph: what pipelines and ``batch`` read and write."""
    return json.dumps(graph.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"

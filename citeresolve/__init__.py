"""citeresolve: what a news article rests on.

The pipeline, one pure step at a time (``load`` -> ``detect`` -> ``build_graph``), or all at
once with ``audit``:

>>> import citeresolve
>>> graph = citeresolve.audit("seeds/000_d52130d6b5804202.txt", offline=True)  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from citeresolve.detect import detect
from citeresolve.document import Document, load
from citeresolve.errors import (
    CiteResolveError,
    EmptySource,
    InputError,
    SourceNotFound,
    SourceUnreadable,
)
from citeresolve.graph import CitationGraph, build_graph
from citeresolve.model import Attribution, Embed, Findings, Link, Span
from citeresolve.outlets.registry import OutletRegistry, load_registry

__version__ = "0.1.0"


def audit(
    source: str | Path,
    *,
    offline: bool = True,
    outlets: str | Path | None = None,
) -> CitationGraph:
    """Load, detect and build the citation graph of one article (sync).

    Only offline auditing exists in this version: every post and URL stays ``unresolved``.
    """
    if not offline:
        raise InputError("online resolution is not available in this version; pass offline=True")
    registry = load_registry(outlets)
    doc = load(source)
    return build_graph(doc, detect(doc, registry=registry), registry=registry)


__all__ = [
    "Attribution",
    "CitationGraph",
    "CiteResolveError",
    "Document",
    "Embed",
    "EmptySource",
    "Findings",
    "InputError",
    "Link",
    "OutletRegistry",
    "SourceNotFound",
    "SourceUnreadable",
    "Span",
    "__version__",
    "audit",
    "build_graph",
    "detect",
    "load",
    "load_registry",
]

"""citeresolve: what a news article rests on.

The pipeline, one pure step at a time (``load`` -> ``detect`` -> ``build_graph``), or all at
once with ``audit``:

>>> import citeresolve
>>> doc = citeresolve.load("seeds/000_d52130d6b5804202.txt")
>>> graph = citeresolve.build_graph(doc, citeresolve.detect(doc))
>>> sorted(node.id for node in graph.nodes if node.type == "outlet")
['outlet:bloomberg', 'outlet:cnn', 'outlet:reuters', 'outlet:shutterstock', 'outlet:the-guardian']
"""

from __future__ import annotations

from citeresolve._version import __version__
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
from citeresolve.pipeline import audit, audit_async
from citeresolve.resolve.options import ResolveOptions

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
    "ResolveOptions",
    "SourceNotFound",
    "SourceUnreadable",
    "Span",
    "__version__",
    "audit",
    "audit_async",
    "build_graph",
    "detect",
    "load",
    "load_registry",
]

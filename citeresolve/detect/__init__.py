"""Pure detectors: text and HTML in, findings out (no network, no clock, no mutable globals)."""

from __future__ import annotations

from citeresolve.detect.attributions import find_attributions
from citeresolve.detect.embeds import find_embeds
from citeresolve.detect.links import find_links
from citeresolve.document import Document
from citeresolve.model import Findings
from citeresolve.outlets.registry import OutletRegistry, default_registry


def detect(doc: Document, *, registry: OutletRegistry | None = None) -> Findings:
    """Embedded posts, outlet attributions and links of one Document.

    >>> from citeresolve.document import load
    >>> found = detect(load("a.txt", data=b"CNN reports a fire. See https://t.co/abc"))
    >>> len(found.embeds), [a.name for a in found.attributions], [l.url for l in found.links]
    (0, ['CNN'], ['https://t.co/abc'])
    """
    return Findings(
        embeds=find_embeds(doc),
        attributions=find_attributions(doc, registry or default_registry()),
        links=find_links(doc),
    )


__all__ = ["detect", "find_attributions", "find_embeds", "find_links"]

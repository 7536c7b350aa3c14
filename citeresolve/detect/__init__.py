"""Pure detectors: text and HTML in, findings out (no network, no clock, no mutable globals)."""

from __future__ import annotations

from dataclasses import replace

from citeresolve.detect.attributions import Candidate, analyse, find_attributions
from citeresolve.detect.embeds import find_embeds
from citeresolve.detect.links import find_links
from citeresolve.document import Document
from citeresolve.model import Findings
from citeresolve.outlets.registry import OutletRegistry, default_registry
from citeresolve.scope import article_scope, in_scope


def detect(
    doc: Document, *, registry: OutletRegistry | None = None, whole_page: bool = False
) -> Findings:
    """Embedded posts, outlet attributions and links of one Document's article.

    On an HTML page only the article counts (its body, headline, byline and lead figure, see
    ``scope.py``); ``whole_page`` takes navigation, rails and comments in too.

    >>> from citeresolve.document import load
    >>> found = detect(load("a.txt", data=b"CNN reports a fire. See https://t.co/abc"))
    >>> len(found.embeds), [a.name for a in found.attributions], [l.url for l in found.links]
    (0, ['CNN'], ['https://t.co/abc'])
    """
    scope = None if whole_page else article_scope(doc)
    return Findings(
        embeds=tuple(e for e in find_embeds(doc) if in_scope(scope, e.span.start, e.span.end)),
        attributions=tuple(
            a
            for a in find_attributions(doc, registry or default_registry())
            if in_scope(scope, a.span.start, a.span.end)
        ),
        links=tuple(
            link for link in find_links(doc) if in_scope(scope, link.span.start, link.span.end)
        ),
    )


def explain(
    doc: Document, *, registry: OutletRegistry | None = None, whole_page: bool = False
) -> tuple[Candidate, ...]:
    """Every outlet mention weighed, in text order, with the rule that credited or dropped it.

    >>> from citeresolve.document import load
    >>> doc = load("a.txt", data=b"CNN is on air. Talks stalled, according to Reuters.")
    >>> [(c.name, c.credited) for c in explain(doc)]
    [('CNN', False), ('Reuters', True)]
    """
    scope = None if whole_page else article_scope(doc)
    analysis = analyse(doc, registry or default_registry())
    weighed = {(c.span.start, c.span.end) for c in analysis.candidates}
    candidates = list(analysis.candidates) + [
        Candidate(a.name, a.outlet_id or a.refers_to, a.name_span, True, a.rule)
        for a in analysis.attributions
        if (a.name_span.start, a.name_span.end) not in weighed
    ]
    out = []
    for candidate in sorted(candidates, key=lambda c: (c.span.start, c.span.end, c.name)):
        if not in_scope(scope, candidate.span.start, candidate.span.end):
            candidate = replace(
                candidate, credited=False, rule=f"outside the article ({candidate.rule})"
            )
        out.append(candidate)
    return tuple(out)


__all__ = ["Candidate", "detect", "explain", "find_attributions", "find_embeds", "find_links"]

"""Outlet attributions: registry names in a cue's grip, image credits, datelines, unnamed outlets.

A name alone is not a citation ("CNN global affairs analyst @KimDozier"); it becomes one when
a cue holds it: a phrase before it ("according to Reuters"), a verb after it ("Bloomberg also
observes"), a credit label ("Image via The Guardian/Shutterstock"), a dateline "(AP) —".
People and institutions are never matched: only registry names and outlet nouns are.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from citeresolve.detect.attributions.credits import Region, credit_regions, unregistered_credits
from citeresolve.detect.attributions.grammar import byline, cue_around, dateline
from citeresolve.detect.attributions.longtail import (
    name_after,
    unregistered,
    unregistered_attribution,
    unregistered_bylines,
)
from citeresolve.detect.attributions.mentions import Mention, find_mentions
from citeresolve.detect.attributions.unnamed import unnamed_label, unnamed_phrases
from citeresolve.detect.attributions.words import ASCII_LOWER, CLAUSE_WORDS
from citeresolve.document import Document
from citeresolve.model import Attribution, AttributionKind, Span
from citeresolve.outlets.registry import OutletRegistry


def find_attributions(doc: Document, registry: OutletRegistry) -> tuple[Attribution, ...]:
    """Every attribution to a named or unnamed outlet, in document order.

    >>> from citeresolve.document import load
    >>> from citeresolve.outlets.registry import default_registry
    >>> doc = load("a.txt", data=b"Talks stalled, according to Reuters. The governor said so.")
    >>> found = find_attributions(doc, default_registry())
    >>> [(a.span.text, a.outlet_id, a.kind.value) for a in found]
    [('according to Reuters', 'reuters', 'report')]
    """
    text = doc.text
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lengthen in lower case ("İ"): keep offsets
        lowered = text.translate(ASCII_LOWER)
    mentions = list(find_mentions(text, registry))
    unnamed = list(unnamed_phrases(text, lowered))
    found: list[Attribution] = []
    credited: set[tuple[int, int]] = set()
    name_starts = [m.name_start for m in mentions]  # ascending: mentions come in text order
    for credit in credit_regions(text, lowered, mentions, registry):
        first = bisect_left(name_starts, credit.start)
        inside = [
            m
            for m in mentions[first : bisect_right(name_starts, credit.end)]
            if m.end <= credit.end
        ]
        for mention in inside:
            found.append(registry_attribution(text, credit, AttributionKind.IMAGE_CREDIT, mention))
            credited.add((mention.start, mention.end))
        found.extend(unregistered_credits(text, credit, [(m.name_start, m.end) for m in inside]))
    unnamed_by_end = {phrase.end: phrase for phrase in unnamed}
    for mention in mentions:
        if (mention.start, mention.end) in credited:
            continue
        descriptor = unnamed_by_end.get(mention.start) or unnamed_by_end.get(mention.start - 1)
        anchor = mention.start if descriptor is None else descriptor.start
        cue = (
            dateline(text, mention)
            or byline(text, mention)
            or cue_around(text, mention.start, mention.end, left_anchor=anchor)
        )
        if cue:
            found.append(registry_attribution(text, cue[0], cue[1], mention))
    named_starts = {m.start for m in mentions} | {m.name_start for m in mentions}
    for phrase in unnamed:
        if phrase.end in named_starts or phrase.end + 1 in named_starts:
            continue  # "the Israeli daily Haaretz": the name is the outlet, the rest describes it
        appositive = (
            name_after(text, phrase.end + 1) if text[phrase.end : phrase.end + 1] == " " else None
        )
        if (
            appositive is not None
            and not phrase.self_cued
            and text[appositive[0] : appositive[1]].split()[0].lower() not in CLAUSE_WORDS
        ):
            # "German magazine Kicker reported": the noun phrase describes the name after it.
            cue = cue_around(text, appositive[0], appositive[1], left_anchor=phrase.start)
            if cue:
                found.append(
                    unregistered_attribution(text, cue[0].start, cue[0].end, appositive, cue[1])
                )
            continue
        cue = cue_around(text, phrase.start, phrase.end)
        if cue is None and phrase.self_cued:
            cue = Span.of(text, phrase.start, phrase.end), AttributionKind.REPORT
        if cue:
            label = unnamed_label(phrase.text)
            span, kind = cue
            found.append(
                Attribution(
                    span=Span.of(text, span.start, span.end),
                    kind=kind,
                    name=label,
                    outlet_id=None,
                    name_span=Span.of(text, phrase.start, phrase.end),
                )
            )
    taken = [(m.start, m.end) for m in mentions] + [(u.start, u.end) for u in unnamed]
    found.extend(unregistered(text, lowered, taken, registry))
    found.extend(unregistered_bylines(text, taken))
    unique = {(a.span.start, a.span.end, a.outlet_id, a.name): a for a in found}
    return tuple(sorted(unique.values(), key=lambda a: (a.name_span.start, a.span.start, a.name)))


def registry_attribution(
    text: str, region: Region | Span, kind: AttributionKind, mention: Mention
) -> Attribution:
    return Attribution(
        span=Span.of(text, region.start, region.end),
        kind=kind,
        name=text[mention.name_start : mention.end],
        outlet_id=mention.outlet_id,
        name_span=Span.of(text, mention.name_start, mention.end),
    )

"""Outlet attributions: registry names in a cue's grip, image credits, datelines, unnamed outlets.

A name alone is not a citation ("CNN global affairs analyst @KimDozier"); it becomes one when
a cue holds it: a phrase before it ("according to Reuters"), a verb after it ("Bloomberg also
observes"), a credit label ("Image via The Guardian/Shutterstock"), a dateline "(AP) —".
People and institutions are never matched: only registry names and outlet nouns are.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from citeresolve.detect.attributions.backrefs import back_references
from citeresolve.detect.attributions.credits import (
    Region,
    ambiguous_mentions,
    credit_regions,
    unregistered_credits,
)
from citeresolve.detect.attributions.grammar import (
    SOURCE_LABEL,
    CueHit,
    byline,
    coordinated,
    cue_around,
    dateline,
)
from citeresolve.detect.attributions.language import GUESS_CHARS, guess_language, page_language
from citeresolve.detect.attributions.longtail import (
    evidence_names,
    name_after,
    publication_names,
    quoted_titles,
    unregistered,
    unregistered_attribution,
    unregistered_bylines,
)
from citeresolve.detect.attributions.mentions import (
    Mention,
    agency_credit_mentions,
    bracket_dateline_mentions,
    contracted_mentions,
    declined_mentions,
    domain_mentions,
    domain_names,
    find_mentions,
    glued_credit_mentions,
    merge_mentions,
    other_script_mentions,
    quoted_mentions,
    signature_line_mentions,
    site_of_news,
)
from citeresolve.detect.attributions.unnamed import (
    Phrase,
    lexicon_phrases,
    unnamed_label,
    unnamed_phrases,
)
from citeresolve.detect.attributions.words import (
    ASCII_LOWER,
    CLAUSE_WORDS,
    FULLWIDTH_ALNUM,
    HAS_FULLWIDTH_ALNUM,
    OPENING_QUOTES,
    after_elision,
    indexed_phrases,
    plain_words,
    word_runs,
    word_set,
    words_in,
)
from citeresolve.detect.lexicon import Grammar, default_grammar
from citeresolve.document import Document
from citeresolve.model import Attribution, AttributionKind, Span
from citeresolve.outlets.registry import OutletRegistry


@dataclass(frozen=True, slots=True)
class Candidate:
    """A mention the detector weighed, credited or not, and why: what ``--explain`` shows."""

    name: str
    outlet_id: str | None
    span: Span  # the name as written
    credited: bool
    rule: str  # "before", "after", "inverted", "agent", "after-noun", "credit", ... or why not


@dataclass(frozen=True, slots=True)
class Analysis:
    attributions: tuple[Attribution, ...]
    candidates: tuple[Candidate, ...]


def find_attributions(doc: Document, registry: OutletRegistry) -> tuple[Attribution, ...]:
    """Every attribution to a named or unnamed outlet, in document order.

    >>> from citeresolve.document import load
    >>> from citeresolve.outlets.registry import default_registry
    >>> doc = load("a.txt", data=b"Talks stalled, according to Reuters. The governor said so.")
    >>> found = find_attributions(doc, default_registry())
    >>> [(a.span.text, a.outlet_id, a.kind.value) for a in found]
    [('according to Reuters', 'reuters', 'report')]
    """
    return analyse(doc, registry).attributions


def analyse(doc: Document, registry: OutletRegistry, grammar: Grammar | None = None) -> Analysis:
    """Mentions first, roles second: every outlet mention, then the cue (if any) that credits it."""
    grammar = grammar or default_grammar()
    text = doc.text
    if HAS_FULLWIDTH_ALNUM.search(text):  # "ＡＰ＝共同": matched as "AP＝共同", offsets kept
        text = text.translate(FULLWIDTH_ALNUM)
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lengthen in lower case ("İ"): keep offsets
        lowered = text.translate(ASCII_LOWER)
    listed = plain_words(lowered)
    # The page's words serve the language guess too, when the page is no longer than its sample.
    sample_words = listed if len(lowered) <= GUESS_CHARS else None
    page_lang = page_language(doc) or guess_language(text, grammar, sample_words)
    # Every lexicon's phrases, nouns and back-references, read from the text in one pass.
    present = word_set(lowered, listed)
    runs = word_runs(present)
    phrase_hits, noun_hits, back_hits = indexed_phrases(
        lowered, (grammar.unnamed_index, grammar.noun_index, grammar.back_index), present
    )
    mentions = merge_mentions(
        find_mentions(text, registry, grammar.lead_words, present, grammar.after_nouns.keys()),
        other_script_mentions(text, registry),
        declined_mentions(text, registry),
        bracket_dateline_mentions(text, registry),
        contracted_mentions(text, registry, present),
        agency_credit_mentions(text, registry),
        signature_line_mentions(text, registry),
        glued_credit_mentions(text, registry),
        quoted_mentions(text, registry),
        domain_mentions(lowered, registry, present),
    )
    unnamed = _without_overlaps(
        [
            *unnamed_phrases(text, lowered, runs),
            *lexicon_phrases(text, lowered, grammar, phrase_hits, noun_hits),
        ]
    )
    found: list[Attribution] = []
    candidates: list[Candidate] = []
    credited: set[tuple[int, int]] = set()

    def lang_of(hit_lang: str | None) -> str:
        return page_lang or hit_lang or "und"

    name_starts = [m.name_start for m in mentions]  # ascending: mentions come in text order
    for credit in credit_regions(
        text,
        lowered,
        mentions,
        registry,
        grammar,
        in_caption=lambda at: in_caption(doc, at),
        runs=runs,
    ):
        first = bisect_left(name_starts, credit.start)
        inside = [
            m
            for m in mentions[first : bisect_right(name_starts, credit.end)]
            if m.end <= credit.end and m.name_start >= credit.names_from
        ]
        inside.extend(
            m
            for m in ambiguous_mentions(text, credit, registry)
            if not any(n.start < m.end and m.start < n.end for n in inside)
        )
        for mention in inside:
            if (mention.start, mention.end) in credited:
                continue  # "© Jane Doe / Reuters": two credit patterns, one credit
            if text[mention.name_start : mention.end] == "DR" and page_lang != "da":
                continue  # "© DR", "Photo DR": droits réservés, not Danmarks Radio
            found.append(
                registry_attribution(
                    text, credit, AttributionKind.IMAGE_CREDIT, mention, lang_of(None), "credit"
                )
            )
            credited.add((mention.start, mention.end))
        found.extend(
            replace(a, lang=lang_of(None), rule="credit")
            for a in unregistered_credits(text, credit, [(m.name_start, m.end) for m in inside])
        )
    unnamed_by_end = {phrase.end: phrase for phrase in unnamed}
    for group in _coordinated_groups(text, mentions):
        head = group[0]
        descriptor = unnamed_by_end.get(head.start) or unnamed_by_end.get(head.start - 1)
        anchor = head.start if descriptor is None else descriptor.start
        for mention in group:
            if (mention.start, mention.end) in credited:
                candidates.append(_candidate(text, mention, True, "credit"))
                continue
            outlet = registry.get(mention.outlet_id)
            if mention.ambiguous and outlet is not None and outlet.kind == "photo_agency":
                # "according to Getty": the museum or the family; the agency is in a credit
                candidates.append(_candidate(text, mention, False, "photo agency's alias"))
                continue
            if (
                mention.ambiguous or (outlet is not None and outlet.common_word)
            ) and not _set_apart(doc, mention, grammar):
                why = "ambiguous alias" if mention.ambiguous else "common word"
                candidates.append(_candidate(text, mention, False, f"{why}, not set apart"))
                continue
            fixed = dateline(text, mention) or byline(text, mention)
            hit = fixed or cue_around(
                text,
                mention.start,
                mention.end,
                grammar,
                left_anchor=anchor if mention is head else head.start,
                list_end=group[-1].end,
                broadcaster=outlet is not None and outlet.kind == "broadcaster",
            )
            if hit is None:
                candidates.append(_candidate(text, mention, False, "no cue in reach"))
                continue
            if mention is not head and hit.span.start < mention.start:
                hit = hit._replace(span=Span.of(text, hit.span.start, mention.end))
            found.append(
                registry_attribution(text, hit.span, hit.kind, mention, lang_of(hit.lang), hit.rule)
            )
            candidates.append(_candidate(text, mention, True, hit.rule))
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
            hit = cue_around(text, appositive[0], appositive[1], grammar, left_anchor=phrase.start)
            if hit:
                found.append(
                    replace(
                        unregistered_attribution(
                            text, hit.span.start, hit.span.end, appositive, hit.kind
                        ),
                        lang=lang_of(hit.lang),
                        rule=hit.rule,
                    )
                )
            continue
        hit = cue_around(text, phrase.start, phrase.end, grammar)
        if hit is None and phrase.self_cued:
            cue_start = phrase.start if phrase.cue_start is None else phrase.cue_start
            hit = CueHit(Span.of(text, cue_start, phrase.end), AttributionKind.REPORT, None, "self")
        if hit:
            found.append(
                Attribution(
                    span=hit.span,
                    kind=hit.kind,
                    name=unnamed_label(phrase.text),
                    outlet_id=None,
                    name_span=Span.of(text, phrase.start, phrase.end),
                    lang=lang_of(hit.lang),
                    rule=hit.rule,
                )
            )
    taken = [(m.start, m.end) for m in mentions] + [(u.start, u.end) for u in unnamed]

    def credit_unregistered(start: int, end: int, hit: CueHit, why: str) -> None:
        """A name outside the registry that a cue holds: "told the Argus Leader"."""
        taken.append((start, end))
        attribution = unregistered_attribution(
            text, hit.span.start, hit.span.end, (start, end), hit.kind
        )
        found.append(replace(attribution, lang=lang_of(hit.lang), rule=f"{hit.rule}, {why}"))

    for start, end in sorted(set(evidence_names(doc, lowered))):
        if any(a < end and start < b for a, b in taken):
            continue
        hit = cue_around(text, start, end, grammar)
        if hit is not None:
            credit_unregistered(start, end, hit, "marked as a publication")
    for noun_start, start, end in list(quoted_titles(text, lowered, grammar, taken)):
        hit = cue_around(text, start - 1, end + 1, grammar, left_anchor=noun_start)
        if hit is not None:
            # "місцеве видання «Інформатор»": the noun describes the title, it is not a source
            found = [
                a
                for a in found
                if not (a.unnamed and noun_start <= a.name_span.start and a.name_span.end < start)
            ]
            credit_unregistered(start, end, hit, "a quoted title")
    for start, end in list(publication_names(text, registry, taken, grammar, present)):
        hit = cue_around(text, start, end, grammar)
        if hit is not None:
            credit_unregistered(start, end, hit, "a publication's name")
    for start, end, domain in list(domain_names(lowered, present)):
        if any(a < end and start < b for a, b in taken) or not site_of_news(domain):
            continue
        hit = cue_around(text, start, end, grammar)
        if hit is not None:
            credit_unregistered(start, end, hit, "a site's domain")
    found.extend(
        replace(a, lang=lang_of(None), rule=a.rule or "long-tail")
        for a in itertools.chain(
            unregistered(text, lowered, taken, registry, runs), unregistered_bylines(text, taken)
        )
    )
    found.extend(
        replace(a, lang=lang_of(a.lang if a.lang != "und" else None))
        for a in back_references(
            text,
            lowered,
            back_hits,
            grammar,
            found,
            registry,
            first_mention=min(
                (
                    *(m.start for m in mentions),
                    *(a.name_span.start for a in found if not a.unnamed),
                ),
                default=None,
            ),
        )
    )
    unique = {(a.span.start, a.span.end, a.outlet_id, a.name): a for a in found}
    ordered = tuple(
        sorted(unique.values(), key=lambda a: (a.name_span.start, a.span.start, a.name))
    )
    if text is not doc.text:  # the evidence quotes the page as written, not as matched
        return Analysis(
            tuple(_as_written(a, text, doc.text) for a in ordered),
            tuple(
                replace(
                    c, name=doc.text[c.span.start : c.span.end], span=_written(c.span, doc.text)
                )
                for c in candidates
            ),
        )
    return Analysis(ordered, tuple(candidates))


def _written(span: Span, written: str) -> Span:
    return Span.of(written, span.start, span.end)


def _as_written(attribution: Attribution, matched: str, written: str) -> Attribution:
    name_span = attribution.name_span
    as_matched = attribution.name == matched[name_span.start : name_span.end]
    return replace(
        attribution,
        span=_written(attribution.span, written),
        name_span=_written(name_span, written),
        name=written[name_span.start : name_span.end] if as_matched else attribution.name,
    )


def in_caption(doc: Document, offset: int) -> bool:
    """The text at ``offset`` is a figure's caption or credit (HTML) or a short line (text)."""
    element = doc.element_at(offset) if doc.html is not None else None
    if element is None:
        line_start = doc.text.rfind("\n", 0, offset) + 1
        line_end = doc.text.find("\n", offset)
        return (line_end if line_end >= 0 else len(doc.text)) - line_start <= CAPTION_CHARS
    for node in (element, *element.parents):
        if node.name in ("figcaption", "figure", "caption"):
            return True
        classes = " ".join(node.get("class") or ()).lower() if hasattr(node, "get") else ""
        if "caption" in classes or "credit" in classes or "copyright" in classes:
            return True
    return False


CAPTION_CHARS = 300  # a plain-text line no longer than a caption


def _set_apart(doc: Document, mention: Mention, grammar: Grammar) -> bool:
    """A name that is also a word ("Time", "People", "Bild") reads as a name only where
    typography says so: capitalised inside a sentence, in quotes, or in italics; or where
    a media noun names it ("all'agenzia Dire", "agencja PAP")."""
    text = doc.text
    before = text[max(0, mention.start - 3) : mention.start].rstrip(" \u00a0")
    if before[-1:] in OPENING_QUOTES:
        return True
    previous = words_in(text, max(0, mention.start - 24), mention.start)
    if (
        previous
        and not text[previous[-1].end : mention.start].strip()
        and after_elision(previous[-1].text).casefold() in grammar.media_nouns
    ):
        return True
    if before[-1:] in "(（" and text[mention.end : mention.end + 1] in (")", "）"):
        return True  # "…という。（共同）": alone in parentheses, a wire's credit
    if SOURCE_LABEL.search(text, max(0, mention.start - 12), mention.start):
        return True  # "Źródło: PAP": a label names the source
    element = doc.element_at(mention.name_start) if doc.html is not None else None
    if element is not None and any(
        node.name in ("i", "em", "cite") for node in (element, *element.parents)
    ):
        return True
    # a capital inside a sentence; a number ("444") is no capital
    return (
        bool(before)
        and before[-1] not in ".!?:\n"
        and mention.start > 0
        and text[mention.name_start : mention.name_start + 1].isupper()
    )


def _without_overlaps(phrases: list[Phrase]) -> list[Phrase]:
    """The first-found of phrases that overlap ("local media" by two rules), in text order."""
    kept: list[Phrase] = []
    for phrase in phrases:
        if not any(p.start < phrase.end and phrase.start < p.end for p in kept):
            kept.append(phrase)
    return sorted(kept, key=lambda p: p.start)


def _candidate(text: str, mention: Mention, credited: bool, rule: str) -> Candidate:
    span = Span.of(text, mention.name_start, mention.end)
    return Candidate(span.text, mention.outlet_id, span, credited, rule)


def _coordinated_groups(text: str, mentions: list[Mention]) -> Iterator[list[Mention]]:
    """Mentions joined into lists ("NBC, CBS and ABC News") share the cue of the list."""
    group: list[Mention] = []
    for mention in mentions:
        if group and coordinated(text, group[-1].end, mention.start):
            group.append(mention)
            continue
        if group:
            yield group
        group = [mention]
    if group:
        yield group


def registry_attribution(
    text: str,
    region: Region | Span,
    kind: AttributionKind,
    mention: Mention,
    lang: str,
    rule: str,
) -> Attribution:
    return Attribution(
        span=Span.of(text, region.start, region.end),
        kind=kind,
        name=text[mention.name_start : mention.end],
        outlet_id=mention.outlet_id,
        name_span=Span.of(text, mention.name_start, mention.end),
        lang=lang,
        rule=rule,
    )

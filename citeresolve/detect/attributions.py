"""Outlet attributions: registry names in a cue's grip, image credits, datelines, unnamed outlets.

A name alone is not a citation ("CNN global affairs analyst @KimDozier"); it becomes one when
a cue holds it: a phrase before it ("according to Reuters"), a verb after it ("Bloomberg also
observes"), a credit label ("Image via The Guardian/Shutterstock"), a dateline "(AP) —".
People and institutions are never matched: only registry names and outlet nouns are.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from citeresolve.detect import cues
from citeresolve.document import Document
from citeresolve.model import Attribution, AttributionKind, Span
from citeresolve.outlets.registry import OutletRegistry

# What: one word with inner dots, hyphens, apostrophes or ampersands. Example: "France-Presse".
# Why linear: every repetition starts with a punctuation char that the word class excludes.
_WORD = re.compile(r"[^\W_]+(?:[.'’&-][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
LEFT_WINDOW = 80
RIGHT_WINDOW = 80
# Capitalised words that start a clause rather than a longer name ("Yesterday Reuters said").
_CLAUSE_WORDS = frozenset(
    """
        the a an according to via per citing told by from in on and or but as said says
        while with image photo photos credit for of at than also meanwhile however yesterday
        today tonight now earlier later separately still then and but so both while when
        where after before since monday tuesday wednesday thursday friday saturday sunday
        january february march april may june july august september october november
        december last this that these those unlike like reporters journalists
    """.split()
)


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Mention:
    """A registry name found in the text; ``start`` includes a leading "the"."""

    start: int
    end: int
    name_start: int
    outlet_id: str


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
    words = _words(text)
    mentions = list(_mentions(text, words, registry))
    unnamed = list(_unnamed_phrases(text, words))
    found: list[Attribution] = []
    credited: set[tuple[int, int]] = set()
    for credit in _credit_regions(text, mentions, registry):
        for mention in mentions:
            if credit.start <= mention.name_start and mention.end <= credit.end:
                found.append(_attribution(text, credit, AttributionKind.IMAGE_CREDIT, mention))
                credited.add((mention.start, mention.end))
    for mention in mentions:
        if (mention.start, mention.end) in credited:
            continue
        descriptor = next((u for u in unnamed if 0 <= mention.start - u.end <= 1), None)
        anchor = mention.start if descriptor is None else descriptor.start
        cue = _dateline(text, mention) or _cue_around(
            text, mention.start, mention.end, left_anchor=anchor
        )
        if cue:
            found.append(_attribution(text, cue[0], cue[1], mention))
    named_starts = {m.start for m in mentions} | {m.name_start for m in mentions}
    for phrase in unnamed:
        if any(0 <= start - phrase.end <= 1 for start in named_starts):
            continue  # "the Israeli daily Haaretz": the name is the outlet, the rest describes it
        cue = _cue_around(text, phrase.start, phrase.end)
        if cue is None and phrase.self_cued:
            cue = Span.of(text, phrase.start, phrase.end), AttributionKind.REPORT
        if cue:
            label = _unnamed_label(phrase.text)
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
    unique = {(a.span.start, a.span.end, a.outlet_id, a.name): a for a in found}
    return tuple(sorted(unique.values(), key=lambda a: (a.name_span.start, a.span.start, a.name)))


# --- Names -----------------------------------------------------------------------------------


def _words(text: str) -> list[_Word]:
    words = []
    for match in _WORD.finditer(text):
        value, end = match.group(), match.end()
        possessive = _POSSESSIVE.search(value)
        if possessive and len(value) > 2:
            value, end = value[: possessive.start()], end - 2
        words.append(_Word(match.start(), end, value))
    return words


def _mentions(text: str, words: list[_Word], registry: OutletRegistry) -> Iterator[_Mention]:
    """Longest registry names, word-aligned, each word separated by plain spaces only."""
    index = 0
    first = registry.first_words
    while index < len(words):
        word = words[index].text
        if word not in first and not (word.isupper() and word.casefold() in first):
            index += 1
            continue
        matched = 0
        for size in range(min(registry.max_words, len(words) - index), 0, -1):
            chunk = words[index : index + size]
            if any(not _joined(text, a, b) for a, b in itertools.pairwise(chunk)):
                continue
            names = tuple(w.text for w in chunk)
            outlet_id = registry.match_words(names)
            if outlet_id is None or _part_of_longer_name(text, words, index, size):
                continue
            start = _with_article(text, words, index)
            if start == chunk[0].start and registry.needs_article(names):
                continue  # "The Hindu" is an outlet, "Hindu" alone is not
            yield _Mention(start, chunk[-1].end, chunk[0].start, outlet_id)
            matched = size
            break
        index += max(matched, 1)


def _joined(text: str, a: _Word, b: _Word) -> bool:
    gap = text[a.end : b.start]
    return gap in (" ", "\u00a0")


def _part_of_longer_name(text: str, words: list[_Word], index: int, size: int) -> bool:
    """The name is a piece of a longer proper noun: "Michael Bloomberg", "the Australian
    Bureau of Statistics", "Ministry of Foreign Affairs", "Reuters Institute"."""
    if index + size < len(words):
        after = words[index + size]
        if _joined(text, words[index + size - 1], after) and _capitalised_name_word(after):
            return True
    if index == 0 or not _joined(text, words[index - 1], words[index]):
        return False
    before = words[index - 1]
    if before.text in ("of", "for") and index >= 2:
        return _joined(text, words[index - 2], before) and _capitalised_name_word(words[index - 2])
    return _capitalised_name_word(before) and not (before.text.isupper() and len(before.text) <= 3)


def _capitalised_name_word(word: _Word) -> bool:
    return word.text[:1].isupper() and word.text.lower() not in _CLAUSE_WORDS


def _with_article(text: str, words: list[_Word], index: int) -> int:
    if (
        index
        and words[index - 1].text.lower() == "the"
        and _joined(text, words[index - 1], words[index])
    ):
        return words[index - 1].start
    return words[index].start


# --- Cues ------------------------------------------------------------------------------------


def _cue_around(
    text: str, start: int, end: int, *, left_anchor: int | None = None
) -> tuple[Span, AttributionKind] | None:
    """A cue phrase right before [start, end) or a reporting verb right after it.

    ``left_anchor`` lets a descriptor stand between cue and name: "according to Russian
    state news agency TASS".
    """
    anchor = start if left_anchor is None else left_anchor
    window = text[max(0, anchor - LEFT_WINDOW) : anchor]
    left = cues.LEFT_CUE.search(window)
    if left:
        kind = next(
            cues.LEFT_CUE_KINDS[k]
            for k, v in left.groupdict().items()
            if v and k in cues.LEFT_CUE_KINDS
        )
        cue_start = anchor - len(window) + left.start("cue")
        return Span.of(text, cue_start, end), kind
    right = cues.RIGHT_CUE.match(text, end, min(len(text), end + RIGHT_WINDOW))
    if right:
        if right["byline"]:
            return Span.of(text, start, right.end()), AttributionKind.BYLINE
        return Span.of(text, start, right.end()), AttributionKind.REPORT
    return None


def _dateline(text: str, mention: _Mention) -> tuple[Span, AttributionKind] | None:
    """ "(Reuters) -", "WASHINGTON (AP) —": the outlet in parentheses, then a dash."""
    if mention.start == 0 or text[mention.start - 1] != "(":
        return None
    after = re.match(r"\)\s{0,2}[-–—]", text[mention.end : mention.end + 5])
    if not after:
        return None
    return Span.of(text, mention.start - 1, mention.end + after.end()), AttributionKind.DATELINE


@dataclass(frozen=True, slots=True)
class _Region:
    start: int
    end: int


def _credit_regions(
    text: str, mentions: list[_Mention], registry: OutletRegistry
) -> Iterator[_Region]:
    """Stretches that credit an image: labelled lines, "(A/Getty Images)", "REUTERS/Name"."""
    for label in cues.CREDIT_LABEL.finditer(text):
        stop = _credit_end(text, label.end(), opened=text[label.start() - 1 : label.start()] == "(")
        if stop > label.end():
            yield _Region(label.start("label"), stop)
    # What: parenthesised text holding a slash. Example: "(Jane Doe/AFP via Getty Images)".
    # Why linear: one negated class run, bounded, between literal parentheses.
    for paren in re.finditer(r"\(([^()\n]{1,150}/[^()\n]{1,150})\)", text):
        inner = paren.group(1).casefold()
        if any(word in re.findall(r"[a-z]+", inner) for word in cues.CREDIT_WORDS):
            yield _Region(paren.start(), paren.end())
    for mention in mentions:
        name = text[mention.name_start : mention.end]
        # "REUTERS/Jane Doe", "AP Photo/Evan Vucci": an agency's credit, name after a slash.
        tail = re.match(r"(?: Photo)?/[^\W\d_][^\n/()]{0,60}", text[mention.end : mention.end + 70])
        if tail and (name.isupper() or tail.group().startswith(" Photo")):
            end = _credit_end(text, mention.end + tail.end(), opened=False)
            yield _Region(mention.name_start, end)
        # "(EPA)": a photo agency alone in parentheses, not followed by a dateline dash.
        outlet = registry.get(mention.outlet_id)
        if outlet and outlet.kind == "photo_agency" and _is_photo_credit_paren(text, mention):
            yield _Region(mention.start - 1, mention.end + 1)


def _is_photo_credit_paren(text: str, mention: _Mention) -> bool:
    if text[mention.start - 1 : mention.start] != "(" or text[mention.end : mention.end + 1] != ")":
        return False
    return not re.match(r"\s{0,2}[-–—]", text[mention.end + 1 : mention.end + 4])


def _credit_end(text: str, start: int, *, opened: bool) -> int:
    """A credit runs to the end of its line, its closing parenthesis, or its sentence."""
    limit = min(len(text), start + 160)
    line_end = text.find("\n", start, limit)
    end = line_end if line_end >= 0 else limit
    if opened:
        close = text.find(")", start, end)
        end = close if close >= 0 else end
    sentence = re.search(r"[.;](?:\s|$)", text[start:end])
    if sentence:
        end = start + sentence.start()
    while end > start and text[end - 1] in " \t,":
        end -= 1
    return end


def _attribution(
    text: str, region: _Region | Span, kind: AttributionKind, mention: _Mention
) -> Attribution:
    return Attribution(
        span=Span.of(text, region.start, region.end),
        kind=kind,
        name=text[mention.name_start : mention.end],
        outlet_id=mention.outlet_id,
        name_span=Span.of(text, mention.name_start, mention.end),
    )


# --- Unnamed outlets -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Phrase:
    start: int
    end: int
    text: str
    self_cued: bool = False


_NOUN_WORDS = tuple(tuple(noun.split()) for noun in cues.OUTLET_NOUNS)
_NOUN_FIRST = frozenset(words[0] for words in _NOUN_WORDS)


def _unnamed_phrases(text: str, words: list[_Word]) -> Iterator[_Phrase]:
    """Outlet nouns with what makes them a source: "a French newspaper", "state media"."""
    taken_until = -1
    for index, word in enumerate(words):
        lowered = word.text.lower()
        if lowered not in _NOUN_FIRST or word.start < taken_until:
            continue
        noun = _noun_at(text, words, index)
        if noun is None:
            continue
        noun_words, noun_end = noun
        start, descriptors, determiner = _describe(text, words, index)
        if lowered == "tv" and word.text != "TV":
            continue
        if descriptors == 0 and (
            " ".join(noun_words) in cues.NEEDS_DESCRIPTOR or determiner in (None, "the")
        ):
            continue
        taken_until = noun_end
        yield _Phrase(start, noun_end, text[start:noun_end])
    for bare in cues.BARE_PHRASES.finditer(text):
        before = text[max(0, bare.start() - 40) : bare.start()].split()
        if before and (
            before[-1].lower() in cues.DESCRIPTORS or before[-1].lower() in cues.NATIONALITIES
        ):
            continue  # "local media reports" is found above as "local media"
        yield _Phrase(bare.start(), bare.end(), bare.group(), self_cued=True)


def _noun_at(text: str, words: list[_Word], index: int) -> tuple[tuple[str, ...], int] | None:
    for noun_words in sorted(_NOUN_WORDS, key=len, reverse=True):
        chunk = words[index : index + len(noun_words)]
        if len(chunk) < len(noun_words) or tuple(w.text.lower() for w in chunk) != noun_words:
            continue
        if any(not _joined(text, a, b) for a, b in itertools.pairwise(chunk)):
            continue
        return noun_words, chunk[-1].end
    return None


def _describe(text: str, words: list[_Word], index: int) -> tuple[int, int, str | None]:
    """Walk back over at most three descriptors and one determiner: (start, descriptors, det)."""
    start = words[index].start
    descriptors = 0
    position = index - 1
    while position >= 0 and descriptors < 3:
        word = words[position]
        gap = text[word.end : start]
        lowered = word.text.lower()
        if gap not in (" ", "-") or not (
            lowered in cues.DESCRIPTORS or lowered in cues.NATIONALITIES
        ):
            break
        if lowered in cues.NATIONALITIES and not word.text[:1].isupper():
            break
        start = word.start
        descriptors += 1
        position -= 1
    determiner = None
    if position >= 0:
        word = words[position]
        if text[word.end : start] == " " and word.text.lower() in cues.DETERMINERS:
            determiner = word.text.lower()
            start = word.start
    return start, descriptors, determiner


def _unnamed_label(phrase: str) -> str:
    """ "A French newspaper" at a sentence start is still "a French newspaper"."""
    first, _, rest = phrase.partition(" ")
    if rest and first.lower() in cues.DETERMINERS:
        return f"{first.lower()} {rest}"
    return (
        phrase[:1].lower() + phrase[1:]
        if phrase[:1].isupper() and phrase.split()[0].lower() in cues.DESCRIPTORS
        else phrase
    )

"""Outlet attributions: registry names in a cue's grip, image credits, datelines, unnamed outlets.

A name alone is not a citation ("CNN global affairs analyst @KimDozier"); it becomes one when
a cue holds it: a phrase before it ("according to Reuters"), a verb after it ("Bloomberg also
observes"), a credit label ("Image via The Guardian/Shutterstock"), a dateline "(AP) —".
People and institutions are never matched: only registry names and outlet nouns are.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from citeresolve.detect import cues
from citeresolve.document import Document
from citeresolve.model import Attribution, AttributionKind, Span
from citeresolve.outlets.registry import OutletRegistry

# What: one word with inner dots, hyphens, apostrophes or ampersands. Example: "France-Presse".
# Why linear: every repetition starts with a punctuation char that the word class excludes.
_WORD = re.compile(r"[^\W_]+(?:[.'’&-][^\W_]+)*")
_POSSESSIVES = ("'s", "’s")
_WORD_CHAR = re.compile(r"[^\W_]")
LEFT_WINDOW = 80
NAME_CONTEXT = 40  # characters around a name: the words before and after it that matter
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


class _Word(NamedTuple):
    """A word and its offsets (a tuple: thousands are made per article, cheaply)."""

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
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lengthen in lower case ("İ"): keep offsets
        lowered = text.translate(_ASCII_LOWER)
    mentions = list(_mentions(text, registry))
    unnamed = list(_unnamed_phrases(text, lowered))
    found: list[Attribution] = []
    credited: set[tuple[int, int]] = set()
    name_starts = [m.name_start for m in mentions]  # ascending: mentions come in text order
    for credit in _credit_regions(text, lowered, mentions, registry):
        first = bisect_left(name_starts, credit.start)
        for mention in mentions[first : bisect_right(name_starts, credit.end)]:
            if mention.end <= credit.end:
                found.append(_attribution(text, credit, AttributionKind.IMAGE_CREDIT, mention))
                credited.add((mention.start, mention.end))
    unnamed_by_end = {phrase.end: phrase for phrase in unnamed}
    for mention in mentions:
        if (mention.start, mention.end) in credited:
            continue
        descriptor = unnamed_by_end.get(mention.start) or unnamed_by_end.get(mention.start - 1)
        anchor = mention.start if descriptor is None else descriptor.start
        cue = _dateline(text, mention) or _cue_around(
            text, mention.start, mention.end, left_anchor=anchor
        )
        if cue:
            found.append(_attribution(text, cue[0], cue[1], mention))
    named_starts = {m.start for m in mentions} | {m.name_start for m in mentions}
    for phrase in unnamed:
        if phrase.end in named_starts or phrase.end + 1 in named_starts:
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


def _words(text: str, start: int = 0, end: int | None = None) -> list[_Word]:
    """The words of ``text[start:end]`` with their offsets, a possessive "'s" cut off."""
    words: list[_Word] = []
    append = words.append
    for match in _WORD.finditer(text, start, len(text) if end is None else end):
        value = match.group()
        if value[-2:] in _POSSESSIVES and len(value) > 2:
            append(_Word(match.start(), match.end() - 2, value[:-2]))
        else:
            append(_Word(match.start(), match.end(), value))
    return words


def _mentions(text: str, registry: OutletRegistry) -> Iterator[_Mention]:
    """Longest registry names, word-aligned, each word separated by plain spaces only.

    Only words that can open a name are looked at (a capitalised word, or one of the few
    names written in lower case): most of an article's words never cost more than a regex
    step, and words are listed only in a small window around a candidate.
    """
    first = registry.first_words
    taken_until = -1
    for candidate in registry.candidates.finditer(text):
        position = candidate.start()
        if position < taken_until or (position and _WORD_CHAR.match(text, position - 1)):
            continue
        word = candidate.group()
        if word not in first and not (word.isupper() and word.casefold() in first):
            continue
        words, index = _around(text, position, before=NAME_CONTEXT, after=registry.max_words + 1)
        mention = _mention_at(text, words, index, registry)
        if mention is not None:
            taken_until = mention.end
            yield mention


def _around(text: str, position: int, *, before: int, after: int) -> tuple[list[_Word], int]:
    """The words in the ``before`` characters up to ``position`` and the first ``after`` words
    from it, and the index of the word at ``position``: context without listing every word."""
    window = max(0, position - before)
    behind = _words(text, window, position)
    if behind and window > 0 and behind[0].start == window and _WORD_CHAR.match(text, window - 1):
        behind = behind[1:]  # cut by the window: not a whole word
    ahead = []
    for match in itertools.islice(_WORD.finditer(text, position), after):
        value = match.group()
        if value[-2:] in _POSSESSIVES and len(value) > 2:
            ahead.append(_Word(match.start(), match.end() - 2, value[:-2]))
        else:
            ahead.append(_Word(match.start(), match.end(), value))
    return behind + ahead, len(behind)


def _mention_at(
    text: str, words: list[_Word], index: int, registry: OutletRegistry
) -> _Mention | None:
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
        return _Mention(start, chunk[-1].end, chunk[0].start, outlet_id)
    return None


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
    text: str, lowered: str, mentions: list[_Mention], registry: OutletRegistry
) -> Iterator[_Region]:
    """Stretches that credit an image: labelled lines, "(A/Getty Images)", "REUTERS/Name"."""
    for word in cues.CREDIT_WORD.finditer(lowered):
        if not _alone(text, word.start(), word.end()) or not _credit_position(text, word.start()):
            continue
        label = cues.CREDIT_LABEL.match(lowered, word.start())
        if label is None:
            continue
        stop = _credit_end(text, label.end(), opened=text[label.start() - 1 : label.start()] == "(")
        if stop > label.end():
            yield _Region(label.start(), stop)
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


def _credit_position(text: str, start: int) -> bool:
    """A credit label opens a line, a sentence or a parenthesis: "Photo: …", "(Photo: …)"."""
    before = text[max(0, start - 2) : start]
    if start == 0 or before.endswith(("\n", "(")):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip(" \t"):
        return True
    return len(before) == 2 and before[0] in ".!?" and before[1].isspace()


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
# What: a word that can open an outlet noun. Example: "newspaper", "news" in "news agency".
# Why linear: a literal alternation between word-boundary lookarounds, no repetition.
# What: a whole outlet noun in lower-cased text, longest first. Example: "news agency".
# Why linear: a literal alternation (the engine scans ahead on first characters).
_NOUN_CANDIDATE = re.compile(
    "|".join(re.escape(noun) for noun in sorted(cues.OUTLET_NOUNS, key=len, reverse=True))
)
# ASCII letters to lower case, nothing else: offsets stay those of the text (str.lower may not).
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
PHRASE_CONTEXT = 70  # characters before a noun: three descriptors and a determiner fit
# Longest first, by first word: "news agency" is tried before "news" would be.
_NOUNS_BY_FIRST = {
    first: sorted((w for w in _NOUN_WORDS if w[0] == first), key=len, reverse=True)
    for first in _NOUN_FIRST
}


def _alone(text: str, start: int, end: int) -> bool:
    """Nothing word-like touches [start, end): a whole word, not part of one."""
    return not (start and _WORD_CHAR.match(text, start - 1)) and not _WORD_CHAR.match(text, end)


def _unnamed_phrases(text: str, lowered: str) -> Iterator[_Phrase]:
    """Outlet nouns with what makes them a source: "a French newspaper", "state media"."""
    taken_until = -1
    for noun_hit in _NOUN_CANDIDATE.finditer(lowered):
        if noun_hit.start() < taken_until or not _alone(text, noun_hit.start(), noun_hit.end()):
            continue
        words, index = _around(text, noun_hit.start(), before=PHRASE_CONTEXT, after=3)
        if index >= len(words) or words[index].start != noun_hit.start():
            continue
        word = words[index]
        noun = _noun_at(text, words, index)
        if noun is None:
            continue
        noun_words, noun_end = noun
        start, descriptors, determiner = _describe(text, words, index)
        if word.text.lower() == "tv" and word.text != "TV":
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
    for noun_words in _NOUNS_BY_FIRST.get(words[index].text.lower(), ()):
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

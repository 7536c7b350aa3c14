"""Unnamed outlets: "a French newspaper", "state media", "local media reports"."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from citeresolve.detect import cues
from citeresolve.detect.attributions.words import (
    Word,
    alone,
    around,
    held,
    joined,
    longest_first,
    occurrences,
    opens_sentence,
    words_in,
)
from citeresolve.detect.lexicon import Grammar
from citeresolve.scripts import UNSPACED

# --- Unnamed outlets -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Phrase:
    start: int
    end: int
    text: str
    self_cued: bool = False
    cue_start: int | None = None  # where its own cue begins: "selon" of "selon la presse"


_NOUN_WORDS = tuple(tuple(noun.split()) for noun in cues.OUTLET_NOUNS)
_NOUN_FIRST = frozenset(words[0] for words in _NOUN_WORDS)

PHRASE_CONTEXT = 50  # characters before a noun: three descriptors and a determiner fit
# Longest first, by first word: "news agency" is tried before "news" would be.
_NOUNS_BY_FIRST = {
    first: sorted((w for w in _NOUN_WORDS if w[0] == first), key=len, reverse=True)
    for first in _NOUN_FIRST
}


def unnamed_phrases(
    text: str, lowered: str, runs: AbstractSet[str] | None = None
) -> Iterator[Phrase]:
    """Outlet nouns with what makes them a source: "a French newspaper", "state media".
    ``runs`` (word_runs of the text, if the caller has them) says which nouns can occur."""
    taken_until = -1
    nouns = cues.OUTLET_NOUNS if runs is None else held(cues.OUTLET_NOUNS, runs)
    for hit_start, hit_end in longest_first(occurrences(lowered, nouns)):
        if hit_start < taken_until or not alone(text, hit_start, hit_end):
            continue
        words, index = around(text, hit_start, before=PHRASE_CONTEXT, after=3)
        if index >= len(words) or words[index].start != hit_start:
            continue
        word = words[index]
        noun = _noun_at(text, words, index)
        if noun is None:
            continue
        noun_words, noun_end = noun
        start, descriptors, determiner = _describe(text, words, index)
        if word.text.lower() == "tv" and word.text != "TV":
            continue
        if (
            word.text[:1].isupper()
            and not word.text.isupper()
            and _capitalised_before(words, index)
        ):
            continue  # "Iowa Public Radio": a proper name, not a description
        if descriptors == 0 and (
            " ".join(noun_words) in cues.NEEDS_DESCRIPTOR or determiner in (None, "the")
        ):
            continue
        if text.startswith("The ", start) and not opens_sentence(text, start):
            continue  # "told The Australian newspaper": a capital "The" opens a paper's name
        taken_until = noun_end
        yield Phrase(start, noun_end, text[start:noun_end])
    for bare in cues.BARE_PHRASES.finditer(text) if "report" in lowered else ():
        before = text[max(0, bare.start() - 40) : bare.start()].split()
        if before and (
            before[-1].lower() in cues.DESCRIPTORS or before[-1].lower() in cues.NATIONALITIES
        ):
            continue  # "local media reports" is found above as "local media"
        yield Phrase(bare.start(), bare.end(), bare.group(), self_cued=True)


def _capitalised_before(words: list[Word], index: int) -> bool:
    return index > 0 and words[index - 1].text[:1].isupper()


def _noun_at(text: str, words: list[Word], index: int) -> tuple[tuple[str, ...], int] | None:
    for noun_words in _NOUNS_BY_FIRST.get(words[index].text.lower(), ()):
        chunk = words[index : index + len(noun_words)]
        if len(chunk) < len(noun_words) or tuple(w.text.lower() for w in chunk) != noun_words:
            continue
        if any(not joined(text, a, b) for a, b in itertools.pairwise(chunk)):
            continue
        return noun_words, chunk[-1].end
    return None


def _describe(text: str, words: list[Word], index: int) -> tuple[int, int, str | None]:
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


def unnamed_label(phrase: str) -> str:
    """ "A French newspaper" at a sentence start is still "a French newspaper"."""
    first, _, rest = phrase.partition(" ")
    if rest and first.lower() in cues.DETERMINERS:
        return f"{first.lower()} {rest}"
    return (
        phrase[:1].lower() + phrase[1:]
        if phrase[:1].isupper() and phrase.split()[0].lower() in cues.DESCRIPTORS
        else phrase
    )


def lexicon_phrases(
    text: str,
    lowered: str,
    grammar: Grammar,
    phrase_hits: list[tuple[int, int]],
    noun_hits: list[tuple[int, int]],
) -> Iterator[Phrase]:
    """Unnamed outlets in every lexicon's words: its fixed phrases ("staatliche Medien", "外媒"),
    and one of its outlet nouns with one of its adjectives on either side, as languages put
    them ("państwowe media", "les médias iraniens", "la prensa local"). Overlapping finds are
    one phrase: "la presse" and "presse française" are "la presse française"."""
    merged: Phrase | None = None
    for phrase in sorted(
        _lexicon_phrase_parts(text, lowered, grammar, phrase_hits, noun_hits),
        key=lambda p: (p.start, -p.end),
    ):
        if merged is not None and phrase.start < merged.end:
            # "украинские СМИ" and "СМИ сообщают": the verb is the cue, not the outlet's name
            if phrase.end > merged.end and not (phrase.self_cued and not merged.self_cued):
                merged = replace(
                    merged,
                    end=phrase.end,
                    text=text[merged.start : phrase.end],
                    self_cued=merged.self_cued or phrase.self_cued,
                )
            continue
        if merged is not None:
            yield merged
        merged = phrase
    if merged is not None:
        yield merged


def _lexicon_phrase_parts(
    text: str,
    lowered: str,
    grammar: Grammar,
    phrase_hits: list[tuple[int, int]],
    noun_hits: list[tuple[int, int]],
) -> Iterator[Phrase]:
    cue_starts: dict[tuple[int, int], int] = {}
    hits = []
    for start, end in phrase_hits:
        outlet_start = _after_leading_cue(lowered, start, end, grammar)
        if outlet_start is not None:  # "selon la presse": the outlet is "la presse"
            cue_starts[outlet_start, end] = start
            start = outlet_start
        hits.append((start, end))
    for start, end in longest_first(hits):
        cue_start = cue_starts.get((start, end))
        if cue_start is not None:
            if alone(text, cue_start, end):
                yield Phrase(start, end, text[start:end], self_cued=True, cue_start=cue_start)
        elif UNSPACED.search(text, start, end) or alone(text, start, end):
            cued = _self_cued(lowered, start, end, grammar)
            yield Phrase(start, end, text[start:end], self_cued=cued)
    for start, end in noun_hits:
        if UNSPACED.search(text, start, end) or not alone(text, start, end):
            continue
        words, index = around(text, start, before=PHRASE_CONTEXT, after=3)
        if index >= len(words) or words[index].start != start:
            continue
        first, last = start, end
        back = index - 1
        while back >= 0 and index - back <= 2:
            if not _describes(text, words[back], words[back + 1], grammar):
                break
            first = words[back].start
            back -= 1
        if (
            first != start
            and back >= 1
            and words[back].text.casefold() in _COORDINATORS
            and text[words[back].end : words[back + 1].start] == " "
            and _describes(text, words[back - 1], words[back], grammar)
        ):
            first = words[back - 1].start  # "polskie i tureckie media", "Polish and Turkish media"
        following = index + 1 < len(words)
        if following and _describes(text, words[index], words[index + 1], grammar, after=True):
            last = words[index + 1].end
        if (first, last) != (start, end):
            cued = _self_cued(lowered, first, last, grammar)
            yield Phrase(first, last, text[first:last], self_cued=cued)
        elif lowered[start:end] in _MEDIA_AT_LARGE and _headline_source(lowered, start, end):
            yield Phrase(start, end, text[start:end], self_cued=True)


# Nouns for "the media" at large, the unnamed source a headline may give bare ("СМИ: …").
_MEDIA_AT_LARGE = frozenset("сми змі медиа медіа media médias medien medios mídia".split())

_COORDINATORS = frozenset("and or und oder et ou y o e i oraz lub и или та і й en".split())


def _describes(text: str, a: Word, b: Word, grammar: Grammar, *, after: bool = False) -> bool:
    """``a`` then ``b`` in one phrase, the adjective (``b`` if ``after``) one of a lexicon."""
    adjective = b if after else a
    if text[a.end : b.start] != " " or adjective.text.casefold() not in grammar.unnamed_adjectives:
        return False
    # "Российская газета", "Telewizja Polska": a capital inside a sentence makes it a name.
    before = text[: adjective.start].rstrip()
    return not (adjective.text[:1].isupper() and before and before[-1] not in '.!?:\n"«„“')


def _after_leading_cue(lowered: str, start: int, end: int, grammar: Grammar) -> int | None:
    """Where the outlet begins in a lexicon phrase that opens with a one-word cue of its own
    ("selon les médias", "según la prensa"), so that the outlet, not the cue, is the name and
    a longer phrase at the same place ("la presse locale") can still win."""
    words = words_in(lowered, start, end)
    if len(words) < 2 or lowered[words[0].end : words[1].start] != " ":
        return None
    if any(
        len(cue.words) == 1 and not (cue.after_saying or cue.quoted or cue.inverted)
        for cue in grammar.before_by_last.get(words[0].text, ())
    ):  # not a dative ("à la presse"): it credits only after a word of saying
        return words[1].start
    return None


# What: a colon, a space and a headline's words to the line's end. Example: ": saudi aramco
# отказалась…". Why linear: literals, then one bounded negated class run.
_HEADLINE_AFTER_COLON = re.compile(r": [^\W\d_][^\n]{15,}")


def _headline_source(lowered: str, start: int, end: int) -> bool:
    """A line opening with the phrase and a colon, or closing with a dash and the phrase:
    how a headline names its source."""
    if (start == 0 or lowered[start - 1] == "\n") and _HEADLINE_AFTER_COLON.match(lowered, end):
        return True  # not a label of a number ("Media: 4", a rating)
    return lowered[max(0, start - 3) : start] in (" – ", " — ", " - ") and lowered[
        end : end + 1
    ] in ("", "\n")


def _self_cued(lowered: str, start: int, end: int, grammar: Grammar) -> bool:
    """The phrase carries its own cue: "Medienberichten zufolge", "据外媒报道", "СМИ сообщают";
    or a headline gives it as the source: "СМИ: Saudi Aramco отказалась…", "…розмови – ЗМІ"."""
    if _headline_source(lowered, start, end):
        return True
    chunk = lowered[start:end]
    if any(c.phrase in chunk for c in (*grammar.before_unspaced, *grammar.after_unspaced)):
        return True
    # a whole cue inside the phrase ("zufolge", "сообщают", "по данным"), not a small word
    # that merely ends or opens a longer cue ("de" in "medios de comunicación")
    words = tuple(w.text for w in words_in(chunk))
    for i in range(1, len(words)):
        for cue in grammar.after_by_first.get(words[i], ()):
            if words[i : i + len(cue.words)] == cue.words:
                return True
        for cue in grammar.before_by_last.get(words[i], ()):
            first = i - len(cue.words) + 1
            if (
                first >= 0
                and words[first : i + 1] == cue.words
                and not (cue.after_saying or cue.broadcast or cue.quoted)
            ):
                return True
    return False

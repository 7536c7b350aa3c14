"""Registry names found in the text, longest first, whole words, not pieces of longer names."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from citeresolve.detect.attributions.words import (
    CLAUSE_WORDS,
    HYPHEN_DESCRIPTOR,
    WORD_CHAR,
    Word,
    around,
    joined,
    trim_possessive,
)
from citeresolve.outlets.registry import OutletRegistry

NAME_CONTEXT = 25  # characters around a name: the words before and after it that matter


@dataclass(frozen=True, slots=True)
class Mention:
    """A registry name found in the text; ``start`` includes a leading "the"."""

    start: int
    end: int
    name_start: int
    outlet_id: str


def find_mentions(text: str, registry: OutletRegistry) -> Iterator[Mention]:
    """Longest registry names, word-aligned, each word separated by plain spaces only.

    Only words that can open a name are looked at (a capitalised word, or one of the few
    names written in lower case): most of an article's words never cost more than a regex
    step, and words are listed only in a small window around a candidate.
    """
    first = registry.first_words
    taken_until = -1
    for candidate in registry.candidates.finditer(text):
        position = candidate.start()
        if position < taken_until or (position and WORD_CHAR.match(text, position - 1)):
            continue
        word = candidate.group()
        word = trim_possessive(word)  # "CNN's reporting"
        if word not in first and not (word.isupper() and word.casefold() in first):
            continue
        words, index = around(text, position, before=NAME_CONTEXT, after=registry.max_words + 1)
        mention = _mention_at(text, words, index, registry)
        if mention is not None:
            taken_until = mention.end
            yield mention


def _mention_at(
    text: str, words: list[Word], index: int, registry: OutletRegistry
) -> Mention | None:
    for size in range(min(registry.max_words, len(words) - index), 0, -1):
        chunk = words[index : index + size]
        if any(not joined(text, a, b) for a, b in itertools.pairwise(chunk)):
            continue
        names = tuple(w.text for w in chunk)
        outlet_id = registry.match_words(names)
        if outlet_id is None or _part_of_longer_name(text, words, index, size):
            continue
        start = _with_article(text, words, index)
        if start == chunk[0].start and registry.needs_article(names):
            continue  # "The Hindu" is an outlet, "Hindu" alone is not
        return Mention(start, chunk[-1].end, chunk[0].start, outlet_id)
    return None


def _part_of_longer_name(text: str, words: list[Word], index: int, size: int) -> bool:
    """The name is a piece of a longer proper noun: "Michael Bloomberg", "the Australian
    Bureau of Statistics", "Ministry of Foreign Affairs", "Reuters Institute"."""
    if index + size < len(words):
        after = words[index + size]
        if joined(text, words[index + size - 1], after) and capitalised_name_word(after):
            return True
    if index == 0 or not joined(text, words[index - 1], words[index]):
        return False
    before = words[index - 1]
    if HYPHEN_DESCRIPTOR.fullmatch(before.text + " "):
        return False  # "Houthi-run Al-Masirah TV": the word before describes, it is not the name
    if before.text in ("of", "for") and index >= 2:
        return joined(text, words[index - 2], before) and capitalised_name_word(words[index - 2])
    return capitalised_name_word(before) and not (before.text.isupper() and len(before.text) <= 3)


def capitalised_name_word(word: Word) -> bool:
    return word.text[:1].isupper() and word.text.lower() not in CLAUSE_WORDS


def _with_article(text: str, words: list[Word], index: int) -> int:
    if (
        index
        and words[index - 1].text.lower() == "the"
        and joined(text, words[index - 1], words[index])
    ):
        return words[index - 1].start
    return words[index].start

"""Words with their offsets: the one word pattern, the possessive trim, and cheap phrase scans."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence, Set
from typing import NamedTuple

from citeresolve.detect.lexicon import PhraseIndex
from citeresolve.scripts import UNSPACED

# What: one word with inner dots, hyphens, apostrophes or ampersands, and apart from it (group
# "w" stops before it) a possessive "'s": the one place the possessive is cut off.
# Example: "France-Presse", "l'AFP"; "CNN's" -> w "CNN". Why linear: every repetition starts
# with a punctuation char that the word class excludes; the lookaheads are one or two chars.
WORD = re.compile(r"(?P<w>[^\W_]+(?:(?:[.&-]|['’](?!s(?![^\W_])))[^\W_]+)*)(?:['’]s(?![^\W_]))?")
POSSESSIVES = ("'s", "’s")
WORD_CHAR = re.compile(r"[^\W_]")
LEFT_WINDOW = 80
NAME_CONTEXT = 25  # characters around a name: the words before and after it that matter
RIGHT_WINDOW = 80
# Capitalised words that start a clause rather than a longer name ("Yesterday Reuters said").
CLAUSE_WORDS = frozenset(
    """
        the a an according to via per citing told by from in on and or but as said says
        while with image photo photos credit for of at than also meanwhile however yesterday
        today tonight now earlier later separately still then and but so both while when
        where after before since monday tuesday wednesday thursday friday saturday sunday
        january february march april may june july august september october november
        december last this that these those unlike like reporters journalists
    """.split()
)


class Word(NamedTuple):
    """A word and its offsets (a tuple: thousands are made per article, cheaply)."""

    start: int
    end: int
    text: str


def words_in(
    text: str, start: int = 0, end: int | None = None, limit: int | None = None
) -> list[Word]:
    """The words of ``text[start:end]`` with their offsets, a possessive "'s" cut off; the
    first ``limit`` only, when the caller reads no further."""
    stop = len(text) if end is None else end
    found = WORD.finditer(text, start, stop)
    return [
        Word(m.start(), m.end("w"), m.group("w"))
        for m in (found if limit is None else itertools.islice(found, limit))
    ]


def opens_sentence(text: str, at: int) -> bool:
    """Nothing but a sentence's or a quote's opening before ``at`` (spaces aside): a capital
    here says nothing; one elsewhere says "a name"."""
    before = text[:at].rstrip(" \u00a0")
    return not before or before[-1] in '.!?:;\n"“„«(—–-'


def ends_its_line(text: str, position: int) -> bool:
    """Only blanks or a full stop, then the line's end, after ``position``."""
    rest = text[position : position + 3]
    return not rest.strip(" \t.") or rest.lstrip(" \t")[:1] == "\n"


def after_elision(word: str) -> str:
    """ "all’agenzia" -> "agenzia", "dell'emittente" -> "emittente": the word after an elided
    article or preposition (the word itself when there is none)."""
    return word.replace("’", "'").rsplit("'", 1)[-1]


# The quotes a name's word may open inside the name: 'РИА "Новости"', "РИА «Новости»".
NAME_QUOTES = ('"', "«", "„", "“")


def trim_possessive(word: str) -> str:
    """ "CNN's" is CNN, for a word another pattern found (the registry's candidates)."""
    return word[:-2] if word[-2:] in POSSESSIVES and len(word) > 2 else word


def around(text: str, position: int, *, before: int, after: int) -> tuple[list[Word], int]:
    """The words in the ``before`` characters up to ``position`` and the first ``after`` words
    from it, and the index of the word at ``position``: context without listing every word."""
    window = max(0, position - before)
    behind = words_in(text, window, position)
    if behind and window > 0 and behind[0].start == window and WORD_CHAR.match(text, window - 1):
        behind = behind[1:]  # cut by the window: not a whole word
    ahead = [
        Word(m.start(), m.end("w"), m.group("w"))
        for m in itertools.islice(WORD.finditer(text, position), after)
    ]
    return behind + ahead, len(behind)


def joined(text: str, a: Word, b: Word, *, brand: bool = False) -> bool:
    """Two words of one name: only plain spaces between, or what names hold inside them.
    ``brand``: a short capitalised word's exclamation mark too ("E! News"), read forwards
    from a name's first word only (before a name, "Hi! Reuters" is two sentences)."""
    gap = text[a.end : b.start]
    # "St. Louis Post-Dispatch", "O Estado de S. Paulo": an abbreviation's or an initial's
    # full stop does not end the name;
    # "The News & Observer": the ampersand is not a word but joins the name.
    abbreviation = len(a.text) <= 3 and a.text[:1].isupper() and a.text[1:] == a.text[1:].lower()
    # "Lloyd's List": the possessive cut off a word stays inside the name.
    exclaimed = brand and gap == "! " and a.text[:1].isupper() and len(a.text) <= 6
    # 'РИА "Новости"', "РИА «Новости»": the agency's old name quotes its second word.
    quoted = brand and gap[:1] == " " and gap[1:] in NAME_QUOTES and a.text.isupper()
    return (
        gap in (" ", "\u00a0", " & ", "'s ", "’s ")
        or (gap == ". " and abbreviation)
        or exclaimed
        or quoted
    )


def occurrences(lowered: str, phrases: Iterable[str]) -> list[tuple[int, int]]:
    """Every place each phrase occurs, by str.find: a C loop per phrase beats a regex
    alternation tried at every position of a long article."""
    hits = []
    for phrase in phrases:
        position = lowered.find(phrase)
        while position >= 0:
            hits.append((position, position + len(phrase)))
            position = lowered.find(phrase, position + 1)
    hits.sort()
    return hits


def longest_first(hits: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Of several phrases found at one place, the longest ("news agency" over "news")."""
    previous = -1
    for start, end in sorted(hits, key=lambda hit: (hit[0], -hit[1])):
        if start != previous:
            previous = start
            yield start, end


# ASCII letters to lower case, nothing else: offsets stay those of the text (str.lower may not).
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# Full-width letters and digits to ASCII, one character for one: Japanese and Chinese papers
# write "ＡＰ", "ＣＮＮ", "１２日"; the registry and the cues know "AP", "CNN", "12日".
# Punctuation stays full-width: the CJK lexicons hold "（" and "：" as written.
FULLWIDTH_ALNUM = {
    code: code - 0xFEE0
    for code in itertools.chain(range(0xFF10, 0xFF1A), range(0xFF21, 0xFF3B), range(0xFF41, 0xFF5B))
}
# What: one full-width letter or digit. Why linear: a single character class.
HAS_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


# Opening quotation marks and the marks that close each: "„…“" (German), "«…»" (French,
# Russian), "“…”", "‚…‘".
CLOSING_QUOTES = {
    "„": '“”"',
    "“": '”"',
    "«": "»",
    "‹": "›",
    '"': '"',
    "‚": "‘’'",
    "‘": "’'",
    "'": "'",
}


OPENING_QUOTES = frozenset(CLOSING_QUOTES)


def quoted_end(text: str, start: int, end: int) -> int:
    """Past the closing quote of a name [start, end) written between quotes ("„Spiegel“",
    "« Le Monde »", "«РБК»"), else ``end``: the cue after a quoted name follows the quote."""
    opener = text[start - 1 : start]
    spaced = False
    if opener in (" ", "\u00a0") and text[start - 2 : start - 1] in ("«", "‹"):
        opener, spaced = text[start - 2], True
    closers = CLOSING_QUOTES.get(opener)
    if closers is None:
        return end
    at = end + 1 if spaced and text[end : end + 1] in (" ", "\u00a0") else end
    if text[at : at + 1] == "-":  # „Time-Magazin“: the compound is quoted whole
        compound = WORD.match(text, at + 1)
        at = compound.end() if compound is not None else at
    return at + 1 if text[at : at + 1] and text[at] in closers else end


def alone(text: str, start: int, end: int) -> bool:
    """Nothing word-like touches [start, end): a whole word, not part of one."""
    return not (start and WORD_CHAR.match(text, start - 1)) and not WORD_CHAR.match(text, end)


# What: a leading "X-run "/"X-based " that describes the name after it. Example: "Houthi-run ".
# Why linear: one bounded class run, a literal alternation, a literal space.
HYPHEN_DESCRIPTOR = re.compile(
    r"[\w'’]{1,30}-(?:run|based|owned|backed|affiliated|controlled|linked|funded|aligned) "
)


def plain_words(lowered: str) -> list[str]:
    """The words of a lower-cased text in order, listed at C speed (a possessive kept on)."""
    return _PLAIN_WORD.findall(lowered)


def word_set(lowered: str, listed: list[str] | None = None) -> set[str]:
    """The distinct words of a lower-cased text, a possessive cut off, listed at C speed: what
    the phrase and name matchers ask before they look for a word's places. ``listed``: the
    text's plain_words, when the caller has them."""
    words = set(plain_words(lowered) if listed is None else listed)
    possessive = [w for w in words if w[-2:] in POSSESSIVES]  # distinct words only
    words.difference_update(possessive)
    words.update(w[:-2] for w in possessive)
    return words


def word_runs(present: Set[str]) -> set[str]:
    """The letter-and-digit runs of a word_set's words ("news" and "style" of "news-style"):
    a phrase stands alone in the text only where each of its words is one, which a set
    tells before the text is searched for it."""
    runs = set(present)
    for word in present:
        if not word.isalnum():  # a joiner inside: the same class as the word pattern's
            runs.update(_JOINERS.split(word))
    return runs


# What: one character that joins the runs of a plain word. Why linear: a single class.
_JOINERS = re.compile(r"[.'’&-]")


def held(phrases: Iterable[str], runs: Set[str]) -> list[str]:
    """The phrases whose every word is one of the text's word ``runs``: the only ones that
    can stand alone in it, and the only ones worth searching it for."""
    return [phrase for phrase in phrases if all(word in runs for word in phrase.split())]


def indexed_phrases(
    lowered: str, indexes: Sequence[PhraseIndex], present: Set[str] | None = None
) -> list[list[tuple[int, int]]]:
    """Where each index's phrases stand in a lower-cased text: only the few words of the text
    (``present``, from word_set) that end a phrase are looked at, whatever the number of
    phrases and languages; phrases of unspaced scripts only where such script is."""
    found: list[list[tuple[int, int]]] = [[] for _ in indexes]
    if present is None:
        present = word_set(lowered)
    for index, hits in zip(indexes, found, strict=True):
        for word in present & index.by_last.keys():
            # Only phrases whose every word the text holds ("as" ends many, in few texts).
            phrases = [p for p in index.by_last[word] if all(_may_hold(w, present) for w in p[:-1])]
            if not phrases:
                continue
            for start, end in _whole_word(lowered, word):
                for phrase in phrases:
                    first = _phrase_start(lowered, phrase[:-1], start)
                    if first is not None:
                        hits.append((first, end))
                        break
        if index.unspaced and UNSPACED.search(lowered):
            hits.extend(occurrences(lowered, index.unspaced))
        hits.sort()
    return found


def _may_hold(word: str, present: Set[str]) -> bool:
    """Whether a text whose word_set is ``present`` may hold ``word`` as a plain word: a
    possessive form is cut off in the set, so such a word may always be there."""
    return word in present or word[-2:] in POSSESSIVES


def _whole_word(lowered: str, word: str) -> Iterator[tuple[int, int]]:
    """Where ``word`` stands alone ("newspaper" in "newspaper's", not in "newspapers"): by
    str.find, as a regex opening with a lookbehind is tried at every position of the text."""
    position = lowered.find(word)
    while position >= 0:
        end = position + len(word)
        if alone(lowered, position, end):
            yield position, end
        position = lowered.find(word, position + 1)


def _phrase_start(lowered: str, before: tuple[str, ...], start: int) -> int | None:
    """Where ``before`` begins, read back over the words before ``start``, or None."""
    if not before:
        return start
    window = max(0, start - 20 * len(before))
    words = list(_PLAIN_WORD.finditer(lowered, window, start))[-len(before) :]
    if len(words) < len(before) or (words[0].start() == window and window > 0):
        return None
    for expected, word in zip(before, words, strict=True):
        if word.group() != expected:
            return None
    ends = [w.end() for w in words]
    starts = [w.start() for w in words[1:]] + [start]
    if not all(lowered[e:s].isspace() for e, s in zip(ends, starts, strict=True)):
        return None
    first = words[0].start()
    return None if first and WORD_CHAR.match(lowered, first - 1) else first


# What: a word as the lexicon splits phrases, with a possessive kept on (cut by the caller).
# Why linear: every repetition starts with a punctuation char the word class excludes.
_PLAIN_WORD = re.compile(r"[^\W_]+(?:[.'’&-][^\W_]+)*")

"""The attribution lexicon: one data file per language, merged into the tables the grammar reads.

Each ``<lang>.json`` lists what makes a mention of an outlet a citation in that language:
phrases before the name ("according to", "laut", "selon"), after it ("reported", "zufolge",
"によると"), the small words that may stand between, credit labels and unnamed-outlet words. The
matcher does no stemming, so every inflected form is written out. Cues of every language apply
to every page (pages mix languages); the language a cue came from is kept for the edge's ``lang``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from citeresolve.errors import LexiconError
from citeresolve.model import AttributionKind
from citeresolve.scripts import UNSPACED

KEYS = frozenset(
    {
        "lang",
        "language",
        "before",
        "after",
        "agent_markers",
        "agent_heads",
        "speech_words",
        "after_nouns",
        "between",
        "adverbs",
        "clause_followers",
        "media_nouns",
        "title_nouns",
        "unnamed",
        "credit_labels",
        "credit_phrases",
    }
)
UNNAMED_KEYS = frozenset({"nouns", "adjectives", "phrases", "back_references"})
# The lexicon's plain word lists, each merged into one set of case-folded words.
_WORD_LISTS = (
    "between",
    "adverbs",
    "clause_followers",
    "agent_markers",
    "agent_heads",
    "speech_words",
)
# What: a word as the detectors split text (inner dots, hyphens, apostrophes kept).
# Why linear: every repetition starts with a punctuation char the word class excludes.
_WORD = re.compile(r"[^\W_]+(?:[.'’&-][^\W_]+)*")


# Languages whose adjectives follow the noun they describe.
ADJECTIVES_FOLLOW = frozenset({"es", "fr", "it", "pt"})

# In a cue of a verb-final language, where the clause between subject and verb stands:
# "は…と報じた" is "CNNは12日、…と報じた".
GAP = "…"


@dataclass(frozen=True, slots=True)
class Cue:
    """A phrase that credits the outlet it stands next to."""

    words: tuple[str, ...]  # case-folded words; empty for unspaced scripts
    phrase: str  # as written in the lexicon
    kind: AttributionKind
    lang: str
    inverted: bool = False  # a verb before its subject: "…, reported the Guardian."
    # Only before a quoted title, after a head noun or verb of its clause (``agent_heads``):
    # Polish "opublikował … w „Tygodniku Powszechnym”" (published in the paper) credits; "w
    # Warszawie" (in a city) and a bio's "W „Polityce” od 1999 r." (at the paper) do not.
    quoted: bool = False
    # A place preposition that credits a broadcaster only: "en TVE", "sur LCI", "on CNN" (a
    # paper "en El País" is a place, not a source, as often as not).
    broadcast: bool = False
    # Only after a word of saying in its clause: a dative "à", "a", "al" ("informou o
    # assessor, Alexander Khinshtein, à imprensa local") is "told" only there. A broadcast
    # cue needs one too, unless its entry says "after_saying": false.
    after_saying: bool = False
    # A cue before the name whose verb comes after it: German "hatte … berichtet" is "hatte die
    # „Wirtschaftswoche“ darüber berichtet"; the words the name's clause must hold after it.
    tail: tuple[str, ...] = ()
    # An unspaced cue's text before and after its gap: "は…と報じた" -> "は", "と報じた";
    # without a gap, the whole phrase and "".
    head: str = ""
    verb: str = ""


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Phrases looked up from the words of a text, not searched for one by one: an article
    is read once however many languages' phrases the lexicon holds."""

    by_last: Mapping[str, tuple[tuple[str, ...], ...]]  # by the last word: "the newspaper"
    # is looked at on "newspaper", not on every "the"; lower-cased words, longest first
    unspaced: tuple[str, ...]  # "外媒", "地元メディア": searched as substrings

    @staticmethod
    def of(phrases: Iterable[str]) -> PhraseIndex:
        by_last: dict[str, set[tuple[str, ...]]] = {}
        unspaced: set[str] = set()
        for phrase in phrases:
            if UNSPACED.search(phrase):
                unspaced.add(phrase.lower())
                continue
            words = tuple(w.lower() for w in _WORD.findall(phrase))
            if words:
                by_last.setdefault(words[-1], set()).add(words)
        return PhraseIndex(
            {k: tuple(sorted(v, key=lambda w: (-len(w), w))) for k, v in by_last.items()},
            tuple(sorted(unspaced, key=lambda p: (-len(p), p))),
        )


@dataclass(frozen=True, slots=True)
class Grammar:
    """Every language's lexicon merged into lookup tables, built once."""

    before_by_last: Mapping[str, tuple[Cue, ...]]  # by the cue's last word, longest first
    after_by_first: Mapping[str, tuple[Cue, ...]]  # by the cue's first word, longest first
    after_unspaced: tuple[Cue, ...]  # "によると": matched right at the name's end
    before_unspaced: tuple[Cue, ...]  # "据": matched right before the name
    before_unspaced_ends: frozenset[str]  # their heads' last characters: most names have none
    after_nouns: Mapping[str, Cue]
    between: frozenset[str]
    adverbs: frozenset[str]
    clause_followers: frozenset[str]
    agent_markers: frozenset[str]
    agent_heads: frozenset[str]
    # Verbs and nouns of saying: what broadcast and dative (after_saying) cues need before them.
    speech_words: frozenset[str]
    media_nouns: frozenset[str]
    # Media nouns of unspaced scripts, longest first: glued to a name ("블룸버그통신이").
    unspaced_media_nouns: tuple[str, ...]
    unnamed_nouns: frozenset[str]
    # Nouns that introduce a publication's title unquoted, as case-folded phrases: "the
    # news site Semafor", "la revista Semana", "телеканал Дождь".
    title_nouns: frozenset[str]
    title_last_words: frozenset[str]  # their last words: what a page is searched for
    # Title nouns of languages whose adjectives follow the noun ("la página deportiva X"):
    # only after these may an adjective no lexicon lists stand before the name.
    title_nouns_before_adjectives: frozenset[str]
    unnamed_adjectives: frozenset[str]
    # The same in Japanese, Chinese and Korean script, longest first ("イギリス", "英"): their
    # text has no spaces to find words by, so they are matched as a text's suffix.
    unspaced_adjectives: tuple[str, ...]
    unnamed_phrases: tuple[tuple[str, str], ...]  # (case-folded phrase, lang)
    back_references: tuple[tuple[str, str], ...]
    back_reference_langs: Mapping[str, str]  # the same, phrase -> lang, looked up per hit
    credit_labels: frozenset[str]
    credit_phrases: tuple[Cue, ...]
    languages: tuple[str, ...]
    # A word only one language uses -> that language; with a possessive too, as texts write it.
    function_words: Mapping[str, str]
    unnamed_index: PhraseIndex
    back_index: PhraseIndex
    noun_index: PhraseIndex
    # Words of cues before a name and of what may stand between: "Según", "Laut", "Selon"
    # open a sentence, they are never the first word of a longer proper name.
    lead_words: frozenset[str]


def words_of(phrase: str) -> tuple[str, ...]:
    """A phrase as the grammar compares it: case-folded words.

    >>> words_of("According to")
    ('according', 'to')
    """
    return tuple(w.casefold() for w in _WORD.findall(phrase))


@cache
def default_grammar() -> Grammar:
    """The grammar of the lexicon files shipped in the package (read once, immutable)."""
    folder = files("citeresolve.detect.lexicon")
    raw = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            try:
                raw.append(json.loads(entry.read_text(encoding="utf-8")))
            except ValueError as error:
                raise LexiconError(f"lexicon {entry.name}: not JSON ({error})") from None
    return build_grammar(raw)


def build_grammar(lexicons: Iterable[Mapping[str, Any]]) -> Grammar:
    """Merge lexicons (as read from their files) into one Grammar; validates as it goes."""
    before: dict[str, list[Cue]] = {}
    after: dict[str, list[Cue]] = {}
    after_unspaced: list[Cue] = []
    before_unspaced: list[Cue] = []
    after_nouns: dict[str, Cue] = {}
    sets: dict[str, set[str]] = {
        k: set()
        for k in (
            *_WORD_LISTS,
            "media_nouns",
            "title_nouns",
            "title_nouns_before_adjectives",
            "unnamed_nouns",
            "unnamed_adjectives",
            "credit_labels",
        )
    }
    unnamed_phrases: list[tuple[str, str]] = []
    back_references: list[tuple[str, str]] = []
    credit_phrases: list[Cue] = []
    languages: list[str] = []
    seen_in: dict[str, set[str]] = {}
    for lexicon in lexicons:
        lang = _check(lexicon)
        languages.append(lang)
        for entry in lexicon["before"]:
            cue = _cue(entry, lang)
            if not cue.words:
                before_unspaced.append(cue)
            else:
                before.setdefault(cue.words[-1], []).append(cue)
        for entry in lexicon["after"]:
            cue = _cue(entry, lang)
            if not cue.words or UNSPACED.search(cue.phrase):
                after_unspaced.append(cue)
            if cue.words:
                after.setdefault(cue.words[0], []).append(cue)
        for entry in lexicon["after_nouns"]:
            cue = _cue(entry, lang)
            for word in cue.words[:1]:
                after_nouns.setdefault(word, cue)
        for key in _WORD_LISTS:
            for phrase in lexicon[key]:
                sets[key].update(words_of(phrase))
        sets["media_nouns"].update(  # not a phrase's small words: "agencia de noticias"'s "de"
            w for p in lexicon["media_nouns"] for w in words_of(p) if len(w) > 3 or w == p
        )
        sets["title_nouns"].update(" ".join(words_of(p)) for p in lexicon["title_nouns"])
        if lang in ADJECTIVES_FOLLOW:
            sets["title_nouns_before_adjectives"].update(
                " ".join(words_of(p)) for p in lexicon["title_nouns"]
            )
        unnamed = lexicon["unnamed"]
        sets["unnamed_nouns"].update(w for p in unnamed["nouns"] for w in words_of(p))
        sets["unnamed_adjectives"].update(w for p in unnamed["adjectives"] for w in words_of(p))
        unnamed_phrases.extend((p.casefold(), lang) for p in unnamed["phrases"])
        back_references.extend((p.casefold(), lang) for p in unnamed["back_references"])
        sets["credit_labels"].update(p.casefold() for p in lexicon["credit_labels"])
        for entry in lexicon["credit_phrases"]:  # "(mit Material von dpa)": a cue before
            cue = _cue(entry, lang)
            credit_phrases.append(cue)
            if cue.words:
                before.setdefault(cue.words[-1], []).append(cue)
        for key in ("between", "adverbs"):
            for phrase in lexicon[key]:
                for word in words_of(phrase):
                    seen_in.setdefault(word, set()).add(lang)

    def longest_first(table: dict[str, list[Cue]]) -> dict[str, tuple[Cue, ...]]:
        return {
            k: tuple(sorted(v, key=lambda c: (-len(c.words), c.phrase))) for k, v in table.items()
        }

    return Grammar(
        before_by_last=longest_first(before),
        after_by_first=longest_first(after),
        after_unspaced=tuple(sorted(after_unspaced, key=lambda c: -len(c.phrase))),
        before_unspaced=tuple(sorted(before_unspaced, key=lambda c: -len(c.phrase))),
        before_unspaced_ends=frozenset(cue.head[-1] for cue in before_unspaced),
        after_nouns=after_nouns,
        between=frozenset(sets["between"]),
        adverbs=frozenset(sets["adverbs"]),
        clause_followers=frozenset(sets["clause_followers"]),
        agent_markers=frozenset(sets["agent_markers"]),
        agent_heads=frozenset(sets["agent_heads"]),
        speech_words=frozenset(sets["speech_words"]),
        media_nouns=frozenset(sets["media_nouns"]),
        unspaced_media_nouns=tuple(
            sorted(
                (n for n in sets["media_nouns"] if UNSPACED.search(n)), key=lambda n: (-len(n), n)
            )
        ),
        unnamed_nouns=frozenset(sets["unnamed_nouns"]),
        title_nouns=frozenset(sets["title_nouns"]),
        title_last_words=frozenset(n.rsplit(" ", 1)[-1] for n in sets["title_nouns"]),
        title_nouns_before_adjectives=frozenset(sets["title_nouns_before_adjectives"]),
        unnamed_adjectives=frozenset(sets["unnamed_adjectives"]),
        unspaced_adjectives=tuple(
            sorted(
                (a for a in sets["unnamed_adjectives"] if UNSPACED.search(a)),
                key=lambda a: (-len(a), a),
            )
        ),
        unnamed_phrases=tuple(sorted(set(unnamed_phrases), key=lambda p: (-len(p[0]), p))),
        back_references=tuple(sorted(set(back_references), key=lambda p: (-len(p[0]), p))),
        back_reference_langs=dict(sorted(set(back_references), key=lambda p: (-len(p[0]), p))),
        credit_labels=frozenset(sets["credit_labels"]),
        credit_phrases=tuple(credit_phrases),
        languages=tuple(languages),
        function_words={
            form: next(iter(langs))
            for w, langs in seen_in.items()
            if len(langs) == 1
            for form in (w, f"{w}'s", f"{w}’s")  # "there's" counts as "there"
        },
        unnamed_index=PhraseIndex.of(p for p, _ in unnamed_phrases),
        back_index=PhraseIndex.of(p for p, _ in back_references),
        noun_index=PhraseIndex.of(sets["unnamed_nouns"]),
        lead_words=frozenset(
            w for cues in (*before.values(), *after.values()) for cue in cues for w in cue.words
        )
        | sets["between"]
        | sets["adverbs"],
    )


def _check(lexicon: Mapping[str, Any]) -> str:
    if not isinstance(lexicon, Mapping):
        raise LexiconError("a lexicon file holds one JSON object")
    lang = lexicon.get("lang")
    if not isinstance(lang, str) or not lang:
        raise LexiconError("a lexicon has no 'lang'")
    missing = KEYS - lexicon.keys()
    unknown = lexicon.keys() - KEYS
    if missing or unknown:
        raise LexiconError(f"lexicon {lang}: missing {sorted(missing)}, unknown {sorted(unknown)}")
    unnamed = lexicon["unnamed"]
    if not isinstance(unnamed, Mapping) or set(unnamed) != UNNAMED_KEYS:
        raise LexiconError(f"lexicon {lang}: 'unnamed' needs exactly {sorted(UNNAMED_KEYS)}")
    return lang


def _cue(entry: Mapping[str, Any], lang: str) -> Cue:
    phrase = entry.get("phrase") if isinstance(entry, Mapping) else None
    if not isinstance(phrase, str) or not phrase.strip():
        raise LexiconError(f"lexicon {lang}: a cue without a phrase: {entry!r}")
    try:
        kind = AttributionKind(entry.get("kind", "report"))
    except ValueError:
        raise LexiconError(f"lexicon {lang}: unknown kind in {entry!r}") from None
    # "は…と報じた": a subject's particle, then its clause, then the verb that ends it.
    unspaced = bool(UNSPACED.search(phrase)) and (" " not in phrase or GAP in phrase)
    head, gap, tail = phrase.partition(GAP)
    if gap and not unspaced and not (words_of(head) and words_of(tail)):
        raise LexiconError(f"lexicon {lang}: a gap needs words on both sides: {phrase!r}")
    return Cue(
        words=() if unspaced else words_of(head),
        tail=() if unspaced else words_of(tail),
        head=head.strip() if gap else phrase,
        verb=tail.strip() if gap else "",
        phrase=phrase,
        kind=kind,
        lang=lang,
        inverted=bool(entry.get("inverted", False)),
        quoted=bool(entry.get("quoted", False)),
        broadcast=bool(entry.get("broadcast", False)),
        after_saying=bool(entry.get("after_saying", entry.get("broadcast", False))),
    )

"""Registry names found in the text, longest first, whole words, not pieces of longer names."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from citeresolve.detect.attributions.words import (
    CLAUSE_WORDS,
    CLOSING_QUOTES,
    HYPHEN_DESCRIPTOR,
    NAME_QUOTES,
    OPENING_QUOTES,
    WORD,
    WORD_CHAR,
    Word,
    alone,
    around,
    ends_its_line,
    joined,
    opens_sentence,
    quoted_end,
    trim_possessive,
    word_set,
)
from citeresolve.detect.bare_urls import TLDS
from citeresolve.outlets.registry import (
    CYRILLIC_WORD,
    NAME_START,
    Outlet,
    OutletRegistry,
    cyrillic_stem,
    name_tokens,
    polish_stem,
)
from citeresolve.scripts import UNSPACED

NAME_CONTEXT = 25  # characters around a name: the words before and after it that matter


@dataclass(frozen=True, slots=True)
class Mention:
    """A registry name found in the text; ``start`` includes a leading "the"."""

    start: int
    end: int
    name_start: int
    outlet_id: str
    ambiguous: bool = False  # an ambiguous alias ("ANP", "Spiegel"): credited only set apart


# Definite articles that open a sentence before a foreign paper's name ("Der Guardian",
# "Het Parool"): not the first word of a longer proper noun.
ARTICLES = frozenset("der die das den dem des het de le la les il lo gli el los las".split())
# Words after an agency's name in a credit, not part of a longer name: "ANTARA FOTO/Name".
CREDIT_WORDS_AFTER = frozenset({"Foto", "FOTO", "Photo", "PHOTO", "Fotos", "Photos", "Images"})
# Words after a registry name that leave it the same outlet: "CNBC News", "Politico Online".
SAME_OUTLET_WORDS = frozenset({"News", "Online", "Digital", "Newsroom", "Nachrichten", "Noticias"})


def find_mentions(
    text: str,
    registry: OutletRegistry,
    lead_words: frozenset[str] = frozenset(),
    lowered_words: AbstractSet[str] | None = None,
    report_nouns: AbstractSet[str] = frozenset(),
) -> Iterator[Mention]:
    """Longest registry names, word-aligned, each word separated by plain spaces only.

    Only words that can open a name are looked at (a capitalised word, or one of the few
    names written in lower case): most of an article's words never cost more than a regex
    step, and words are listed only in a small window around a candidate. ``lowered_words``
    (the lower-cased text's words, if the caller has them) says which lower-case names occur.
    """
    taken_until = -1
    longest_of: dict[str, int] = {}  # an article repeats its words: each is weighed once
    single_names: dict[str, bool] = {}
    for position, written in _name_starts(text, registry, lowered_words):
        longest = longest_of.get(written)
        if longest is None:
            trimmed = trim_possessive(written)
            longest = longest_of[written] = max(
                _longest_name(trimmed, registry), registry.ambiguous_words_from.get(trimmed, 0)
            )
        if position < taken_until or not (longest or "-" in written):
            continue
        if position and WORD_CHAR.match(text, position - 1):
            continue
        if longest:
            mention = _mention_at(text, position, longest, registry, lead_words, single_names)
        else:
            mention = _compound_head(position, written, registry, report_nouns)
        if mention is not None and not _inside_katakana_word(text, mention.name_start, mention.end):
            taken_until = mention.end
            yield mention


def _compound_head(
    position: int, written: str, registry: OutletRegistry, report_nouns: AbstractSet[str]
) -> Mention | None:
    """A name opening a hyphenated compound noun: "Spiegel-Bericht", "Reuters-Informationen"
    (German writes "the Spiegel report" as one word). Only the name is the mention; whether
    the rest credits it ("laut Spiegel-Bericht") is the grammar's to say. A name written with
    "The" ("The Verge") loses it there: "Verge-Bericht", when a report noun follows."""
    head, _, tail = written.partition("-")
    if not tail[:1].isupper() or not tail[1:2].islower():
        return None
    outlet_id = registry.match_words((head,))
    if outlet_id is None or (
        registry.needs_article((head,)) and tail.casefold() not in report_nouns
    ):
        return None
    return Mention(position, position + len(head), position, outlet_id)


def _longest_name(word: str, registry: OutletRegistry) -> int:
    """The most words of a name ``word`` may open, as written, in capitals ("REUTERS") or as
    an acronym in title case ("Ansa"); 0 for a word that opens none."""
    words_from = registry.words_from
    longest = words_from.get(word, 0)
    if word.isupper() or len(word) >= 8:
        longest = max(longest, words_from.get(word.casefold(), 0))
    if word.istitle():
        longest = max(longest, words_from.get(word.upper(), 0))
    if not longest and "." in word and word.casefold() in registry.by_domain:
        longest = 1  # "Kompas.com", "Tempo.co": an outlet called by its domain
    return longest


def _name_starts(
    text: str, registry: OutletRegistry, lowered_words: AbstractSet[str] | None
) -> list[tuple[int, str]]:
    """Where a name may start, in text order: capitalised words, and the lower-case names the
    text holds (each by its own pattern; an alternation of them is tried at every position)."""
    capitalised = [(m.start(), m.group()) for m in NAME_START.finditer(text)]
    if lowered_words is None:
        lowered_words = word_set(text.lower())
    present = [w for w in registry.lowercase_first_words if w.lower() in lowered_words]
    if not present:
        return capitalised
    firsts = [start for start, _ in capitalised]
    ends = [start + len(word) for start, word in capitalised]
    starts = list(capitalised)
    for name in present:
        for match in registry.lowercase_first_words[name].finditer(text):
            position = match.start()
            before = bisect_right(firsts, position) - 1  # the capitalised word before it
            if alone(text, position, match.end()) and not (before >= 0 and ends[before] > position):
                starts.append((position, name))
    starts.sort()  # a lower-case name never starts where a capitalised word does
    return starts


def _mention_at(
    text: str,
    position: int,
    longest: int,
    registry: OutletRegistry,
    lead_words: frozenset[str],
    single_names: dict[str, bool],
) -> Mention | None:
    """The longest name opening at ``position``; the words before it are listed only once a
    name matched (most capitalised words open none)."""
    if not _may_match(text, position, registry, single_names):
        return None
    ahead = [
        Word(m.start(), m.end("w"), m.group("w"))
        for m in itertools.islice(WORD.finditer(text, position), longest + 1)
    ]
    run = 1  # the words joined by plain spaces: a name never spans more
    while run < min(longest, len(ahead)) and joined(text, ahead[run - 1], ahead[run], brand=True):
        run += 1
    words: list[Word] | None = None
    index = 0
    if run >= 2 and ahead[1].text.casefold() not in registry.second_words.get(
        ahead[0].text.casefold(), ()
    ):
        run = 1  # no name of two words or more opens with these two: only one word can match
    for size in range(run, 0, -1):
        names = tuple(w.text for w in ahead[:size])
        outlet_id = registry.match_words(names)
        ambiguous = outlet_id is None
        if ambiguous:
            outlet_id = registry.by_ambiguous.get(names)
        if outlet_id is None:
            continue
        if words is None:
            words, index = around(text, position, before=NAME_CONTEXT, after=longest + 1)
        if _part_of_longer_name(text, words, index, size, lead_words):
            continue
        start = _with_article(text, words, index)
        if (
            start == ahead[0].start
            and registry.needs_article(names)
            and not _foreign_article_before(text, words, index)
        ):
            continue  # "The Hindu" is an outlet, "Hindu" alone is not
        last = ahead[size - 1]
        following = ahead[size] if size < len(ahead) else None
        end = last.end
        if following and following.text in SAME_OUTLET_WORDS and joined(text, last, following):
            end = following.end  # "CNBC News" is CNBC
        opened = next((q for q in NAME_QUOTES if q in text[ahead[0].end : end]), None)
        if opened is not None and text[end : end + 1] in CLOSING_QUOTES[opened]:
            end += 1  # 'РИА "Новости"': the quote opened inside the name closes with it
        return Mention(start, end, ahead[0].start, outlet_id, ambiguous)
    return None


def _may_match(
    text: str, position: int, registry: OutletRegistry, single_names: dict[str, bool]
) -> bool:
    """Whether a name can open here, told by the next word alone: most words that open a
    longer name ("New", "Le") are followed by none of its second words and are no name alone,
    and the words around them need not be listed. ``single_names`` keeps, per word, whether it is a
    name by itself: an article repeats its words."""
    first = WORD.match(text, position)
    if first is None:
        return False
    word = first.group("w")
    following = WORD.search(text, first.end())
    if following is not None and following.group("w").casefold() in registry.second_words.get(
        word.casefold(), ()
    ):
        return True
    named = single_names.get(word)
    if named is None:
        named = single_names[word] = (
            registry.match_words((word,)) is not None or (word,) in registry.by_ambiguous
        )
    return named


def _part_of_longer_name(
    text: str, words: list[Word], index: int, size: int, lead_words: frozenset[str] = frozenset()
) -> bool:
    """The name is a piece of a longer proper noun: "Michael Bloomberg", "the Australian
    Bureau of Statistics", "Ministry of Foreign Affairs", "Reuters Institute"."""
    if index + size < len(words):
        after = words[index + size]
        last = words[index + size - 1]
        if (
            joined(text, last, after)
            and text[last.end : after.start] not in ("'s ", "’s ")  # "CNN's State of the Union"
            and capitalised_name_word(after)
            and after.text not in SAME_OUTLET_WORDS
            and after.text not in CREDIT_WORDS_AFTER
            and not BEAT_AFTER.match(text, last.end)  # "VOA Pentagon correspondent"
            and not (after.text.isupper() and last.text.isupper() and len(after.text) > 3)
        ):  # "NEW YORK TIMES REPORTED": in a line of capitals every word is one
            return True
    if index == 0 or not joined(text, words[index - 1], words[index]):
        return False
    before = words[index - 1]
    if HYPHEN_DESCRIPTOR.fullmatch(before.text + " "):
        return False  # "Houthi-run Al-Masirah TV": the word before describes, it is not the name
    if before.text in ("of", "for") and index >= 2:
        return joined(text, words[index - 2], before) and capitalised_name_word(words[index - 2])
    if before.text.casefold() in lead_words:
        return False  # "Según El País", "Laut Spiegel": a cue opening the sentence
    if before.text.casefold() in ARTICLES:
        return False  # "Der Guardian hat …": German puts its article before any paper's name
    if (
        words[index].text.casefold() in ARTICLES
        and words[index].text[:1].isupper()
        and opens_sentence(text, before.start)
    ):
        return False  # "Comme Le Monde l'a révélé": the sentence's first word, then the name
    if _capitals_closing_line(text, words[index + size - 1]) and not before.text.isupper():
        return False  # "Kawhi Leonard AFP": a caption, then its agency's credit
    if before.text.isupper() and len(before.text) > 3 and words[index].text.isupper():
        return False  # "ZOBACZ RELACJĘ EURONEWS": in a line of capitals every word is one
    return capitalised_name_word(before) and not (before.text.isupper() and len(before.text) <= 3)


def _capitals_closing_line(text: str, last: Word) -> bool:
    return last.text.isupper() and len(last.text) >= 2 and ends_its_line(text, last.end)


# What: a beat or desk in capitalised words, then a journalist's job, after an outlet's name.
# Example: " Pentagon correspondent", " White House reporter", " Tokyo bureau chief". Why
# linear: a bounded repeat of a capitalised word and a space, then a literal alternation.
BEAT_AFTER = re.compile(
    r"(?: [A-Z][\w.'’-]{0,20}){1,3} (?P<job>correspondent|reporter|editor|anchor|host|presenter|"
    r"producer|columnist|bureau|desk|team)s?\b"
)


def capitalised_name_word(word: Word) -> bool:
    return word.text[:1].isupper() and word.text.lower() not in CLAUSE_WORDS


def _foreign_article_before(text: str, words: list[Word], index: int) -> bool:
    """ "der Guardian", "il Times", "el Independent": other languages put their own article
    before a paper that English names with "The"."""
    return (
        index > 0
        and words[index - 1].text.casefold() in ARTICLES
        and text[words[index - 1].end : words[index].start] in (" ", "\u00a0")
    )


def _with_article(text: str, words: list[Word], index: int) -> int:
    if (
        index
        and words[index - 1].text.lower() == "the"
        and joined(text, words[index - 1], words[index])
    ):
        return words[index - 1].start
    return words[index].start


# --- Names in other scripts -------------------------------------------------------------------

# What: Cyrillic words of three letters or more joined by single spaces. Example:
# "Українській правді". Why linear: every repetition starts with a space the class excludes.
_CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff]{3,}(?: [\u0400-\u04ff]{3,})*")


def other_script_mentions(text: str, registry: OutletRegistry) -> Iterator[Mention]:
    """Names the word matcher cannot see: CJK names inside unspaced text ("共同通信によると"),
    and Russian or Ukrainian names in another grammatical case ("сообщили «Ведомостям»").

    Looked for only when the text holds such script, so other pages pay nothing.
    """
    if UNSPACED.search(text):
        if registry.unspaced_pattern is not None:
            by_name = registry.unspaced_names
            for match in registry.unspaced_pattern.finditer(text):
                if _inside_katakana_word(text, match.start(), match.end()):
                    continue  # "ビルト" in "ビルト・アム・ゾンターク", "スカイ" in "スカイツリー"
                yield Mention(match.start(), match.end(), match.start(), by_name[match.group()])
        yield from _glued_latin_mentions(text, registry)
    if CYRILLIC_WORD.search(text):
        yield from _declined_cyrillic(text, registry)


def _inside_katakana_word(text: str, start: int, end: int) -> bool:
    """A katakana name glued to more katakana (or a "・" joining it to the next word) is a
    piece of a longer word: Japanese writes a foreign name's words as one run."""
    if not _KATAKANA.match(text, start) or not _KATAKANA.match(text, end - 1):
        return False
    return bool(_KATAKANA_OR_DOT.match(text, end)) or (
        start > 0 and bool(_KATAKANA_OR_DOT.match(text, start - 1))
    )


# What: one katakana letter (or the long-vowel mark), and the same or the middle dot.
# Why linear: single classes.
_KATAKANA = re.compile("[ァ-ヺー]")
_KATAKANA_OR_DOT = re.compile("[ァ-ヺー・]")


def _declined_cyrillic(text: str, registry: OutletRegistry) -> Iterator[Mention]:
    """The longest Cyrillic name at each capitalised word, by the stems of its words, where
    it is not written as the registry has it (the word matcher finds those)."""
    words_from = registry.cyrillic_words_from
    taken_until = -1
    for run in _CYRILLIC_RUN.finditer(text):
        if run.start() and WORD_CHAR.match(text, run.start() - 1):
            continue
        words: list[re.Match[str]] | None = None
        for match in CYRILLIC_WORD.finditer(text, run.start(), run.end()):
            word = match.group()
            if match.start() < taken_until or not word[:1].isupper():
                continue
            first = cyrillic_stem(word)
            longest = words_from.get(first, 0)
            if not longest:
                continue
            if words is None:
                words = list(CYRILLIC_WORD.finditer(text, run.start(), run.end()))
            index = next(i for i, w in enumerate(words) if w.start() == match.start())
            for size in range(min(longest, len(words) - index), 0, -1):
                chunk = words[index : index + size]
                stems = (first, *(cyrillic_stem(w.group()) for w in chunk[1:]))
                outlet_id = registry.by_cyrillic_stems.get(stems)
                if outlet_id is None:
                    continue
                outlet = registry.get(outlet_id)
                quoted = text[match.start() - 1 : match.start()] in OPENING_QUOTES
                if outlet is not None and outlet.common_word and not quoted:
                    break  # "Эксперты заявили" is experts, «Эксперта» the magazine
                if tuple(w.group() for w in chunk) not in registry.by_tokens:
                    yield Mention(match.start(), chunk[-1].end(), match.start(), outlet_id)
                taken_until = chunk[-1].end()
                break


# What: Latin-script words joined by single spaces. Example: "Wall Street Journal", "CNN".
# Why linear: every repetition starts with a space the word class excludes.
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&'’.-]*(?: [A-Za-z0-9][A-Za-z0-9&'’.-]*)*")


def _glued_latin_mentions(text: str, registry: OutletRegistry) -> Iterator[Mention]:
    """Latin names glued to Japanese, Chinese or Korean text, which puts no space between
    words: "CNNによると", "据CNN报道". The word matcher reads "CNNによると" as one word."""
    for run in _LATIN_RUN.finditer(text):
        start, end = run.span()
        if not (start and UNSPACED.match(text, start - 1)) and not UNSPACED.match(text, end):
            continue  # spaced off on both sides: the word matcher's
        words = [(w.start() + start, w.group()) for w in re.finditer(r"\S+", run.group())]
        keys = [trim_possessive(w.rstrip(".-")) for _, w in words]
        for index, size, outlet_id in _longest_names(keys, _named_with_article(registry), 6):
            first, last = words[index][0], words[index + size - 1][0]
            yield Mention(first, last + len(keys[index + size - 1]), first, outlet_id)


def _named_with_article(registry: OutletRegistry) -> Callable[[tuple[str, ...]], str | None]:
    """The registry's name lookup, less the names a bare word cannot be ("Hindu")."""

    def lookup(names: tuple[str, ...]) -> str | None:
        outlet_id = registry.match_words(names)
        return None if outlet_id is None or registry.needs_article(names) else outlet_id

    return lookup


def _longest_names(
    keys: Sequence[str], lookup: Callable[[tuple[str, ...]], str | None], longest: int
) -> Iterator[tuple[int, int, str]]:
    """(index, size, outlet id) of the longest names in a run of words, left to right, none
    overlapping: each position tries ``longest`` words down to one."""
    index = 0
    while index < len(keys):
        for size in range(min(longest, len(keys) - index), 0, -1):
            outlet_id = lookup(tuple(keys[index : index + size]))
            if outlet_id is not None:
                yield index, size, outlet_id
                index += size
                break
        else:
            index += 1


def declined_mentions(text: str, registry: OutletRegistry) -> Iterator[Mention]:
    """Polish names in another case than the registry's: "w „Tygodniku Powszechnym”",
    "w Gazecie Wyborczej". Looked for only where the text has Polish letters."""
    if not registry.by_polish_stems or not _POLISH_LETTER.search(text):
        return
    longest = max(len(words) for words in registry.by_polish_stems)
    run: list[re.Match[str]] = []
    for word in _TITLE_WORD.finditer(text):
        if run and text[run[-1].end() : word.start()] != " ":
            yield from _declined_in(run, registry, longest)
            run = []
        run.append(word)
    yield from _declined_in(run, registry, longest)


def _declined_in(
    run: list[re.Match[str]], registry: OutletRegistry, longest: int
) -> Iterator[Mention]:
    """The longest declined names in a run of capitalised words joined by single spaces."""
    stems = [polish_stem(w.group()) for w in run]
    for index, size, outlet_id in _longest_names(stems, registry.by_polish_stems.get, longest):
        start, end = run[index].start(), run[index + size - 1].end()
        yield Mention(start, end, start, outlet_id)


# What: a letter only Polish (of the languages here) writes. Why linear: one character class.
_POLISH_LETTER = re.compile(r"[ąęłńśźżĄĘŁŃŚŹŻ]")
# What: a capitalised word of Latin script, not all capitals. Example: "Tygodniku", "Życie".
# Why linear: a class, a lookbehind of one character, one class run.
_TITLE_WORD = re.compile(r"(?<![^\W\d_])[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+(?![^\W\d_])")


def contracted_mentions(
    text: str, registry: OutletRegistry, lowered_words: AbstractSet[str]
) -> Iterator[Mention]:
    """A name that opens with an article, after a preposition that absorbed it: "al
    Messaggero" (Il Messaggero), "sulla Stampa", "du Monde", "ao Globo"; or in quotes with
    the article in lower case: "per “la Stampa”". Only the words that
    follow such an article and that the text holds are looked for (none, on most pages)."""
    firsts = registry.words_after_article_firsts - _INSTITUTIONS
    for first in sorted(w for w in firsts if w.lower() in lowered_words):
        position = text.find(first)
        while position >= 0:
            before = _CONTRACTED_BEFORE.search(text, max(0, position - 7), position)
            if (
                before is not None
                and before.group().rstrip() in _PLAIN_ARTICLES
                and text[before.start() - 1 : before.start()] not in OPENING_QUOTES
            ):
                before = None  # "sottolinea la Provincia": the institution; "“la Stampa”"
            if before is not None and not WORD_CHAR.match(text, position + len(first)):
                mention = _after_article(text, position, registry)
                if mention is not None:
                    yield mention
            position = text.find(first, position + len(first))


# Words that after a contracted article ("della", "dalla", "da", "del") name a state's
# institutions far more often than the papers called after them: "il presidente della
# Repubblica", "dalla Regione", "Presidente da República".
_INSTITUTIONS = frozenset(
    "Repubblica Regione Provincia Comune Camera Senato Nazione Stato Corte Procura Prefettura "
    "Questura Città Municipalità Région Nación Provincia Región Comunidad República Républica "
    "Estado Câmara Cámara Senado Assembleia Asamblea Prefeitura Congreso Congresso Nação".split()
)
# Articles alone, in lower case: before a name only inside quotes ("“la Stampa”"), since
# Italian capitalises its institutions too ("la Provincia", "la Regione").
_PLAIN_ARTICLES = frozenset("il lo la le les el los las o".split())


def _after_article(text: str, start: int, registry: OutletRegistry) -> Mention | None:
    ahead = list(itertools.islice(WORD.finditer(text, start), 5))
    run = 1  # the words joined by single spaces: a name never spans more
    while run < len(ahead) and text[ahead[run - 1].end() : ahead[run].start()] == " ":
        run += 1
    for size in range(run, 0, -1):
        outlet_id = registry.by_words_after_article.get(tuple(w.group("w") for w in ahead[:size]))
        if outlet_id is not None:
            return Mention(start, ahead[size - 1].end("w"), start, outlet_id)
    return None


# What: a preposition with the article in it, or the article in lower case, and one space,
# right before a name. Example: "al " before "Messaggero", "du " before "Monde", "la "
# before "Stampa" ("“la Stampa”"). Why linear: anchored at the window's end; a word-start
# check and a literal alternation of short words.
_CONTRACTED_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:al|allo|alla|del|dello|della|dal|dallo|dalla|nel|nello|nella|sul|sullo|"
    r"sulla|au|du|ao|do|da|no|na|pelo|pela|il|lo|la|le|les|el|los|las|o)[ \u00a0]$"
)


def quoted_mentions(text: str, registry: OutletRegistry) -> Iterator[Mention]:
    """A name in quotes after an article that belongs to it: German, Polish, Russian papers
    quote the names they cite and leave the article outside ("der „Guardian“" is The
    Guardian, "der "Standard"" Der Standard, declined: "dem „Spiegel“"). The word matcher
    sees only the quoted words, which alone are no name (or need their article)."""
    for opening in _QUOTE_AFTER_SPACE.finditer(text):  # few per article: look back from each
        before = _ARTICLE_BEFORE.search(text, max(0, opening.start() - 3), opening.start())
        match = _QUOTED_NAME.match(text, opening.end() - 1) if before is not None else None
        if match is None or before is None:
            continue
        start, end = match.span("name")
        if quoted_end(text, start, end) == end:
            continue  # the quote is not closed right after the name
        words = name_tokens(text[start:end])
        if not words:
            continue
        outlet_id = registry.match_words(words)
        if outlet_id is not None and not registry.needs_article(words):
            continue  # found by the word matcher already
        if outlet_id is None:
            article = before.group().casefold()
            heads = _GERMAN_HEADS if article in _GERMAN_ARTICLES else (article.title(),)
            outlet_id = next(
                (o for head in heads if (o := registry.match_words((head, *words))) is not None),
                None,
            )
        if outlet_id is not None:
            yield Mention(start, end, start, outlet_id)


# The German article's forms, declined, and the forms a name opens with ("Der Standard").
_GERMAN_ARTICLES = frozenset("der die das den dem des".split())
_GERMAN_HEADS = ("Der", "Die", "Das")
# What: a space and an opening quote. Why linear: a literal class, then a class.
_QUOTE_AFTER_SPACE = re.compile('[ \u00a0][„"«“‚‘]')
# What: a definite article right before the space. Example: "der", "dem", "la". Why linear:
# a word-start check and a literal alternation, anchored at the window's end.
_ARTICLE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:[Dd](?:er|ie|as|en|em|es)|[Tt]he|[Ll][aeo]|[Ll]es|[Ee]l|[Ii]l|[Hh]et)$"
)
# What: an opening quote and a short capitalised name up to a closing quote. Example:
# '"Standard"', "„Guardian“", "« Repubblica »". Why linear: literals around one bounded
# negated class run.
_QUOTED_NAME = re.compile(
    r"[„\"«“‚‘][ \u00a0]?(?P<name>[^\W\d_][^„\"«»“”‚‘\n]{0,50}?)[ \u00a0]?[“”\"»‘’]"
)


def bracket_dateline_mentions(text: str, registry: OutletRegistry) -> Iterator[Mention]:
    """The agency closing a Japanese dateline: "【ワシントン共同】", "【ニューヨーク時事】",
    "【北京AFP＝時事】". Kyodo's and Jiji's short names are ambiguous words elsewhere."""
    for bracket in _LENTICULAR.finditer(text):
        inner = bracket.group(1)
        for size in range(min(len(inner), 8), 1, -1):
            name = inner[-size:]
            outlet_id = registry.unspaced_names.get(name) or registry.by_ambiguous.get((name,))
            if outlet_id is None:
                outlet_id = registry.match_words((name,)) if name.isascii() else None
            outlet = registry.get(outlet_id) if outlet_id is not None else None
            if outlet is not None and outlet.kind == "agency":  # "【経済インサイド】": a column
                end = bracket.end(1)
                yield Mention(end - size, end, end - size, outlet.id)
                break


# What: a Japanese lenticular-bracket heading of one line. Example: "【ワシントン共同】".
# Why linear: literals around one bounded negated class run.
_LENTICULAR = re.compile(r"【([^【】\n]{2,20})】")


def agency_credit_mentions(text: str, registry: OutletRegistry) -> Iterator[Mention]:
    """An agency's name in lower case in parentheses, as Italian papers credit pictures:
    "(ansa)", "(afp)"; after an editor's initials, any outlet: "(boy/jpnn)", "(spr/dpa)".
    Alone, only agencies: "(ap)" of another kind would be a guess."""
    for match in _LOWER_PAREN.finditer(text):
        outlet = _in_lower_case(match.group(2), registry)
        if outlet is not None and (match.group(1) or outlet.kind in ("agency", "photo_agency")):
            yield Mention(match.start(2), match.end(2), match.start(2), outlet.id)


def glued_credit_mentions(text: str, registry: OutletRegistry) -> Iterator[Mention]:
    """An outlet in capitals glued to the caption before it, where the page put the credit in
    its own element with no space: "…Freada Kapor Klein.NYT", "…em Kazan.AP". The word
    matcher reads "Klein.NYT" as one word, as it must "Yahoo.com"."""
    if "." not in text:
        return
    for match in _GLUED_CAPITALS.finditer(text):
        if match.start() < 3 or not _LOWER_WORD_END.match(text, match.start() - 3):
            continue
        outlet_id = registry.match_words((match.group(1),))
        if outlet_id is not None:
            yield Mention(match.start(1), match.end(1), match.start(1), outlet_id)


# What: a full stop and capitals glued to it, to a word's end. Example: ".NYT" in
# "Klein.NYT". Why linear: a literal first (the engine skips to it), one bounded class run, a
# lookahead; the lower-case word before is checked on the match.
_GLUED_CAPITALS = re.compile(r"\.([A-Z]{2,10})(?![\w.])")
# What: three lower-case letters and the full stop. Why linear: fixed length, matched in a
# four-character window.
_LOWER_WORD_END = re.compile(r"[a-zà-ÿ]{3}\.")


def signature_line_mentions(text: str, registry: OutletRegistry) -> Iterator[Mention]:
    """A wire agency in lower case in the line that signs a story: "ats/fgn" (the Swiss
    agency, then the editor's initials), or alone after the last sentence ("…favorite. ats").
    Only agencies: any other lower-case word in such a place is an editor's initials."""
    for match in itertools.chain(_SIGNATURE_LINE.finditer(text), _CLOSING_WORD.finditer(text)):
        start = match.start(1)
        for part in match.group(1).split("/"):
            outlet = _in_lower_case(part, registry, ambiguous=True)
            if outlet is not None and outlet.kind == "agency":
                yield Mention(start, start + len(part), start, outlet.id)
            start += len(part) + 1


def _in_lower_case(
    word: str, registry: OutletRegistry, *, ambiguous: bool = False
) -> Outlet | None:
    """The outlet a one-word name written in lower case stands for ("ansa", "ats"), the
    cue-only aliases too where ``ambiguous``: "ats" is Keystone-SDA's "ATS"."""
    for form in (word, word.upper(), word.capitalize()):
        found = registry.by_tokens.get((form,))
        if found is None and ambiguous:
            found = registry.by_ambiguous.get((form,))
        if found is not None:
            return registry.get(found)
    return None


# What: a line of lower-case initials joined by slashes, or one. Example: "ats/fgn", "ats".
# Why linear: anchored at a line start, bounded class runs each ended by a literal slash or
# the line end.
_SIGNATURE_LINE = re.compile(r"(?m)^[ \t]*((?:[a-z]{2,6}/){0,4}[a-z]{2,6})[ \t]*$")
# What: one short lower-case word closing a paragraph after a sentence's end. Example:
# ". ats" at a line's end. Why linear: a class and a literal, one bounded class run, a line end.
_CLOSING_WORD = re.compile(r"(?m)[.!?»”] ([a-z]{2,5})[ \t]*$")


# What: a short lower-case word in parentheses, maybe after initials and slashes. Example:
# "(ansa)", "(boy/jpnn)". Why linear: literals around bounded class runs, each run ended by
# a literal the class excludes.
_LOWER_PAREN = re.compile(r"\(((?:[a-z]{2,6}/){0,3})([a-z]{2,8})\)")


def domain_names(lowered: str, present: AbstractSet[str]) -> Iterator[tuple[int, int, str]]:
    """Sites named by their domain in lower case, as the press writes them ("передает
    zaxid.net", "podał portal futbolnews.pl"): not inside a URL or an address, the last label
    a real top-level domain. Looked for only among the words the text holds."""
    for word in sorted(w for w in present if "." in w):
        if not _DOMAIN_WORD.fullmatch(word) or word.rsplit(".", 1)[1] not in TLDS:
            continue
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            before, after = lowered[at - 1 : at] if at else "", lowered[end : end + 2]
            inside = (
                after[:1].isalnum()
                or after[:1] in "@/-_"
                or (
                    after[:1] in ".:" and after[1:2].isalnum()  # "zaxid.net." ends a sentence
                )
            )
            if not (before.isalnum() or before in _IN_ADDRESS) and not inside:
                yield at, end, word
            at = lowered.find(word, end)


# What: a lower-case domain as a word. Example: "zaxid.net", "www.ajansspor.com".
# Why linear: labels of a bounded class, each closed by a literal dot the class excludes.
_DOMAIN_WORD = re.compile(r"(?:[a-z0-9-]{1,63}\.){1,4}[a-z]{2,24}")
_IN_ADDRESS = frozenset("@/.-_:")  # "a@b.com", "https://x.com": an address, no name


def site_of_news(domain: str) -> bool:
    """A domain the registry does not know may be a news site: not a platform's, a
    government's, a university's or a search engine's."""
    labels = domain.removeprefix("www.").split(".")
    return not (set(labels) & _NOT_NEWS_LABELS)


_NOT_NEWS_LABELS = frozenset(
    "gov gouv gob gc mil edu ac int twitter x facebook instagram youtube youtu tiktok t "
    "telegram reddit bsky threads whatsapp linkedin google wikipedia amazon apple microsoft "
    "github vk ok".split()
)


def domain_mentions(
    lowered: str, registry: OutletRegistry, present: AbstractSet[str]
) -> Iterator[Mention]:
    """Registry outlets named by their domain: "передает zaxid.net", "slate.fr avait lancé"."""
    for start, end, domain in domain_names(lowered, present):
        outlet = registry.by_url_host(domain)
        if outlet is not None:
            yield Mention(start, end, start, outlet.id)


def merge_mentions(*streams: Iterator[Mention]) -> list[Mention]:
    """Mentions of several matchers in text order, the first of overlapping ones kept."""
    out: list[Mention] = []
    for mention in sorted(itertools.chain(*streams), key=lambda m: (m.start, -m.end)):
        if out and mention.start < out[-1].end:
            continue
        out.append(mention)
    return out

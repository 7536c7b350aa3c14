"""Publications the registry does not know, held by a strong cue: "told the Montana Free Press"."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from urllib.parse import urlsplit

from citeresolve.detect import cues
from citeresolve.detect.attributions.words import (
    CLAUSE_WORDS,
    HYPHEN_DESCRIPTOR,
    POSSESSIVES,
    WORD,
    WORD_CHAR,
    Word,
    held,
    joined,
    occurrences,
    trim_possessive,
    words_in,
)
from citeresolve.detect.lexicon import Grammar
from citeresolve.document import Document
from citeresolve.model import Attribution, AttributionKind, Span
from citeresolve.outlets.registry import OutletRegistry

# --- Publications the registry does not know ------------------------------------------------

# What: a strong reporting verb after a name. Example: " reported" in "KTVI reported".
# Why linear: literal alternation, optional literal adverb.
_UNREGISTERED_VERB_PHRASES = (
    *cues.UNREGISTERED_VERBS,
    "contributed to this report",
    "contributed to the report",
    "contributed to this story",
)
# What: an adverb between a name and its verb. Example: " also " in "KTVI also reported".
# Why linear: a literal alternation anchored at the end of a short window.
_ADVERB_BEFORE = re.compile(r" (?:also|first|later|previously|exclusively) $")


# What: a US broadcast call sign. Example: "KTVI", "WNBC", "KOMO-TV".
# Why linear: fixed-length classes and a literal alternation.
_CALL_SIGN = re.compile(r"[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?")
# What: a source credited in parentheses. Example: "(via Android Authority)".
# Why linear: literals around one bounded run of capitalised words.
_PAREN_VIA = re.compile(r"\(via (?P<name>[A-Z][\w.'’&-]{0,30}(?: [A-Z0-9][\w.'’&-]{0,30}){0,3})\)")
# What: a line that credits a source: "Via" and a capitalised name, alone on its line.
# Example: "Via IGN", "Via: The Verge". Why linear: anchored at a line start; literals and
# bounded runs of capitalised words.
_LINE_VIA = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?:Via|VIA)[: ]+"
    r"(?P<name>[A-Z][\w.'’&-]{0,30}(?: [A-Z0-9][\w.'’&-]{0,30}){0,3})[ \t]*(?=\n|$)"
)
_PLATFORM_WORDS = frozenset(
    "twitter x instagram facebook tiktok youtube telegram reddit bluesky threads mastodon "
    "whatsapp signal email getty shutterstock".split()
)

# What: a station's dateline. Example: "SEATTLE (KOMO) —". Why linear: fixed classes, literals.
_CALL_SIGN_DATELINE = re.compile(r"\((?P<name>[KW][A-Z]{2,3}(?:-TV)?)\)\s{0,2}[-–—]")
_NOT_CALL_SIGNS = frozenset(
    {"WHO", "WTO", "WWF", "WWE", "WFP", "WMO", "WEF", "KGB", "WNBA", "WTA", "KFC"}
)
_CONNECTORS = frozenset({"of", "de", "del", "la", "le", "di", "für", "and", "&"})
MAX_NAME_WORDS = 6


def _credited_publication(name: str, registry: OutletRegistry) -> bool:
    """A capitalised name that says "publication" (Press, Posten, a call sign), or that opens
    with an outlet's name and one word more ("BBC Sport", "CNN Indonesia")."""
    words = tuple(WORD.findall(name.removeprefix("The ").removeprefix("the ")))
    # Not "Economist Paul Krugman": a name that needs its "The", and a person after it.
    prefix = words[:-1]
    opens_with_outlet = (
        len(words) >= 2
        and registry.match_words(prefix) is not None
        and not registry.needs_article(prefix)
    )
    if opens_with_outlet and not {w.lower() for w in words} & cues.INSTITUTION_WORDS:
        return True
    return publication(name)


def _opens_with_a_name(words: list[str], first_words: frozenset[str]) -> bool:
    """Two words or more, one of the first two opening a registry name ("BBC Sport", "The
    CNN Indonesia"): one word alone names a publication only by its own words, tested first."""
    return len(words) >= 2 and any(trim_possessive(w) in first_words for w in words[:2])


def publication_names(
    text: str,
    registry: OutletRegistry,
    taken: list[tuple[int, int]],
    grammar: Grammar,
    present: AbstractSet[str] | None = None,
) -> Iterator[tuple[int, int]]:
    """Runs of capitalised words that name a publication the registry does not know ("the
    Argus Leader", "Hamburger Abendblatt"): the grammar then decides whether a cue credits
    them, in any language, as it does for registry names. ``present``: the words of the
    lower-cased text, if the caller has them."""
    occupied = sorted(taken)
    starts = [a for a, _ in occupied]
    first_words = registry.first_words
    noun_starts, noun_ends = _title_nouns_at(text, grammar, present)
    weighed: dict[str, bool] = {}  # an article repeats its names: each is weighed once
    for run in _NAME_RUN.finditer(text):
        i = bisect_right(starts, run.end()) - 1
        if i >= 0 and occupied[i][1] > run.start():
            continue  # a registry name is in the run: "The Guardian", "And Bloomberg"
        written = run.group()
        hinted = weighed.get(written)
        if hinted is None:
            hinted = weighed[written] = bool(
                _CALL_SIGN.match(written)
                or _publication_hint(written.lower().replace("-", " ").replace("’", "'"))
                or (" " in written and _opens_with_a_name(WORD.findall(written), first_words))
            )
        titled = False
        if noun_ends:
            at = bisect_right(noun_ends, run.start()) - 1
            titled = (
                at >= 0
                and run.start() - noun_ends[at] <= TITLE_NOUN_REACH
                and _after_title_noun(text, run.start(), grammar)
            ) or (
                # German capitalises its nouns: "die Wochenzeitung Cicero" is one run
                not hinted
                and run.start() in noun_starts
                and " " in written
                and written.split(" ", 1)[0].casefold() in grammar.title_nouns
            )
        if not hinted and not titled:
            continue  # most capitalised runs are people and places: one cheap test each
        start, end = run.start(), run.start() + len(run.group().rstrip(".-'’"))
        if text[end - 2 : end] in POSSESSIVES:
            end -= 2
        words = words_in(text, start, end)
        if titled and words and words[0].text.casefold() in grammar.title_nouns:
            words = words[1:]
        while (
            words
            and words[0].text != "The"
            and (
                words[0].text.lower() in CLAUSE_WORDS
                or (
                    words[0].text.casefold() in grammar.lead_words
                    and words[0].text.casefold() not in first_words  # "Radio Marte"
                )
            )
        ):
            words = words[1:]  # "Yesterday Oxford Mail", "Laut Hamburger Abendblatt"
        if not words or all(
            w.text.casefold() in grammar.media_nouns or w.text.casefold() in grammar.unnamed_nouns
            for w in words
        ):
            continue  # "Zeitung": a German noun is capitalised, it is not a name
        start = words[0].start
        i = bisect_right(starts, end) - 1
        if i >= 0 and occupied[i][1] > start:
            continue
        of = text.find(" of ", start, end)
        if of > 0 and " " in text[start:of] and publication(text[start:of]):
            end = of  # "the Argus Leader of Sioux Falls": the place is not the name
        if (titled and _a_title(words)) or _credited_publication(text[start:end], registry):
            if text[max(0, start - 4) : start].lower() == "the ":
                start -= 4
            yield start, end


# The words a title noun's name is not: "le site Internet du ministère", "el canal Telegram".
_NOT_TITLES = frozenset({"internet", "web", "online", "google", "apple"}) | _PLATFORM_WORDS


def _a_title(words: list[Word]) -> bool:
    """A title a noun introduced, not a platform or an institution: "das Magazin Cicero",
    not "le site Internet", "the news agency FEMA"."""
    folded = {w.text.casefold() for w in words}
    return (
        len(words) <= 4
        and words[0].text.casefold() not in _NOT_TITLES
        and not folded & cues.INSTITUTION_WORDS
    )


TITLE_NOUN_REACH = 48  # characters from a title noun's end to the name: two adjectives fit


def _title_nouns_at(
    text: str, grammar: Grammar, present: AbstractSet[str] | None
) -> tuple[set[int], list[int]]:
    """Where the last words of title nouns start and end in the text (the ends in order): most
    pages hold few of them, and no capitalised run is then read twice."""
    words = grammar.title_last_words
    held_words = words & present if present is not None else words
    if not held_words:
        return set(), []
    lowered = text.lower()
    starts: set[int] = set()
    ends = []
    for word in held_words:
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            if not WORD_CHAR.match(lowered, end) and not (at and WORD_CHAR.match(lowered, at - 1)):
                starts.add(at)
                ends.append(end)
            at = lowered.find(word, end)
    return starts, sorted(ends)


def _after_title_noun(text: str, start: int, grammar: Grammar) -> bool:
    """A title noun right before the name, maybe with one or two adjectives between ("the
    newspaper", "la cadena de televisión", "das Schweizer Magazin", "l'agence turque")."""
    if text[start - 1 : start] != " " or text[start - 2 : start - 1].isspace():
        return False
    chunk = text[max(0, start - TITLE_NOUN_REACH) : start - 1].casefold()
    tokens = chunk.split()
    if start > TITLE_NOUN_REACH and tokens:
        tokens = tokens[1:]  # cut by the window: not a whole word
    listed_only = True  # only listed adjectives stood between so far
    for skipped in range(3):
        for size in (1, 2, 3):
            if size + skipped > len(tokens):
                break
            phrase = tokens[len(tokens) - skipped - size : len(tokens) - skipped]
            head = phrase[0].replace("’", "'").rsplit("'", 1)[-1].lstrip('(«„“"')
            noun = " ".join((head, *phrase[1:]))
            if noun in grammar.title_nouns and (
                listed_only or noun in grammar.title_nouns_before_adjectives
            ):
                return True
        if skipped >= len(tokens):
            return False
        word = tokens[len(tokens) - 1 - skipped]
        if word in grammar.unnamed_adjectives or word in cues.NATIONALITIES:
            continue
        if not _describes(word, grammar):
            return False
        listed_only = False
    return False


def _describes(word: str, grammar: Grammar) -> bool:
    """A word that may stand between a title noun and the name, in a language whose
    adjectives follow the noun: "la página deportiva internacional Football365"; never a
    cue's word ("the paper said Smith"), a noun of the trade ("the magazine editor Smith") or
    a word of saying."""
    return (
        word.replace("-", "").isalpha()
        and word not in grammar.lead_words
        and word not in grammar.media_nouns
        and word not in grammar.speech_words
        and word not in CLAUSE_WORDS
    )


# What: a title in quotation marks of any script. Example: «Інформатор», „Bild“, 《泰晤士报》.
# Why linear: each alternative is a literal opener, one bounded negated class run, its closer.
_QUOTED_TITLE = re.compile(
    r"«(?P<a>[^«»\n]{2,40})»|„(?P<b>[^„“”\n]{2,40})[“”]|“(?P<c>[^“”\n]{2,40})”"
    r"|\"(?P<d>[^\"\n]{2,40})\"|《(?P<e>[^《》\n]{1,20})》|「(?P<f>[^「」\n]{1,20})」"
    r"|『(?P<g>[^『』\n]{1,24})』"
)
# Ends of Chinese publication names in title marks: 《泰晤士报》, 《星期日报》.
_CJK_PUBLICATION_ENDS = (
    "报",
    "報",
    "刊",
    "志",
    "誌",
    "网",
    "網",
    "周刊",
    "新闻",
    "新聞",
    "通讯社",
    "电视台",
)


def quoted_titles(
    text: str, lowered: str, grammar: Grammar, taken: list[tuple[int, int]]
) -> Iterator[tuple[int, int, int]]:
    """Titles in quotes that the text itself calls publications: right after a media noun
    ("видання «Інформатор»", "die Zeitung „Bild“", "the newspaper "Kommersant""), or, in
    Chinese, a title mark around a paper's name ("《泰晤士报》"). Yields (descriptor start, name
    start, name end), the name without its quotes."""
    described: set[str] = set()  # Japanese titles a media noun or a country described once
    for match in _QUOTED_TITLE.finditer(text):
        group = match.lastgroup or ""
        start, end = match.span(group)
        inner = match.group(group).strip()
        if not inner or not (inner[:1].isupper() or inner[:1].isdigit() or group in "efg"):
            continue
        if any(a < end and start < b for a, b in taken):
            continue
        if group == "e":
            if inner.endswith(_CJK_PUBLICATION_ENDS):
                yield match.start(), start, end
            continue
        if group == "g":
            descriptor = _japanese_descriptor(text, match.start(), grammar)
            if descriptor is not None or inner in described:
                described.add(inner)
                yield (match.start() if descriptor is None else descriptor), start, end
            continue
        words = words_in(text, max(0, match.start() - 40), match.start())
        if not words or text[words[-1].end : match.start()].strip():
            continue
        noun = words[-1]
        if (
            noun.text.casefold() in grammar.media_nouns
            or noun.text.casefold() in grammar.unnamed_nouns
        ):
            descriptor = noun.start
            for word in reversed(words[:-1]):  # "місцеве видання", "the Russian newspaper"
                folded = word.text.casefold()
                if text[word.end : descriptor] != " " or not (
                    folded in grammar.unnamed_adjectives or folded in grammar.between
                ):
                    break
                descriptor = word.start
            yield descriptor, start, end


def _japanese_descriptor(text: str, opening: int, grammar: Grammar) -> int | None:
    """Where "英紙", "ドイツ紙", "イギリス", "米誌" starts right before a 『title』: Japanese
    names a foreign paper by its country and its kind, then the title in double brackets (a
    book or a film has none of those)."""
    at = opening
    noun = next((n for n in grammar.unspaced_media_nouns if text.endswith(n, 0, at)), None)
    if noun is not None:
        at -= len(noun)
    country = next((a for a in grammar.unspaced_adjectives if text.endswith(a, 0, at)), None)
    if country is not None:
        return at - len(country)
    return at if noun is not None else None


def unregistered(
    text: str,
    lowered: str,
    taken: list[tuple[int, int]],
    registry: OutletRegistry,
    runs: AbstractSet[str],
) -> Iterator[Attribution]:
    """Publications the registry does not know that only these patterns credit: "(via X)",
    a call sign's dateline, a masthead word before a strong verb ("Gizmodo reported").
    ``runs``: the text's word_runs."""

    occupied = sorted(taken)
    starts = [a for a, _ in occupied]

    def free(start: int, end: int) -> bool:
        i = bisect_right(starts, end) - 1
        return i < 0 or occupied[i][1] <= start

    lines = _LINE_VIA.finditer(text) if "Via" in text or "VIA" in text else ()
    for via in itertools.chain(_PAREN_VIA.finditer(text), lines):
        name = via.span("name")
        words = {w.lower() for w in via["name"].split()}
        if free(*name) and not words & cues.INSTITUTION_WORDS and not words & _PLATFORM_WORDS:
            opening = via.start() + len(via.group()) - len(via.group().lstrip("( \t"))
            yield unregistered_attribution(text, opening, name[1], name, AttributionKind.VIA)
    for dateline in _CALL_SIGN_DATELINE.finditer(text):
        name = dateline.span("name")
        if dateline["name"] not in _NOT_CALL_SIGNS and free(*name):
            yield unregistered_attribution(
                text, dateline.start(), dateline.end(), name, AttributionKind.DATELINE
            )
    for verb_start, verb_end in occurrences(lowered, held(_UNREGISTERED_VERB_PHRASES, runs)):
        if lowered[verb_start - 1 : verb_start] != " " or WORD_CHAR.match(text, verb_end):
            continue
        before = verb_start - 1
        adverb = _ADVERB_BEFORE.search(lowered, max(0, before - 14), before + 1)
        name_end = adverb.start() if adverb else before
        before_verb = _name_before(text, name_end)
        if not before_verb or not free(*before_verb):
            continue
        written = text[before_verb[0] : before_verb[1]]
        if _credited_publication(written, registry) or (
            lowered[verb_start:verb_end] in _STRONG_VERBS and _masthead_word(text, written)
        ):
            yield unregistered_attribution(
                text, before_verb[0], verb_end, before_verb, AttributionKind.REPORT
            )


# Verbs that papers do far more than people: "Gizmodo reported", "Semafor first reported".
_STRONG_VERBS = frozenset({"reported", "first reported", "has reported", "had reported"})


def _masthead_word(text: str, name: str) -> bool:
    """One capitalised word that is never a person's surname in this text: nowhere does a
    capitalised first name stand before it ("Jane Gizmodo"), nowhere is it written in lower
    case ("Crash reported"), and somewhere it is capitalised mid-sentence. ``str.find`` scans,
    at most ``MASTHEAD_LOOKS`` of them: a C loop each, however long the article."""
    if " " in name or not name[:1].isupper() or (name.isupper() and len(name) <= 3):
        return False
    folded = name.casefold()
    if folded in CLAUSE_WORDS or folded in cues.INSTITUTION_WORDS or folded in cues.NATIONALITIES:
        return False
    if any(_whole_word(text, at, len(name)) for at in _finds(text, folded)):
        return False  # written in lower case elsewhere: a common word
    mid_sentence = False
    for at in _finds(text, name):
        if not _whole_word(text, at, len(name)):
            continue
        before = text[max(0, at - 30) : at]
        sentence_start = not before.strip() or before.rstrip()[-1:] in '.!?:"“'
        if not sentence_start and _FIRST_NAME_BEFORE.search(before):
            return False  # "Jane Gizmodo": a person
        mid_sentence = mid_sentence or not sentence_start
    return mid_sentence


MASTHEAD_LOOKS = 50
# What: a capitalised word and a space at the end of a window. Example: "Jane " before a name.
# Why linear: anchored at the end; one bounded class run.
_FIRST_NAME_BEFORE = re.compile(r"[A-Z][a-z]{1,20}\.? $")


def _finds(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    for _ in range(MASTHEAD_LOOKS):
        if at < 0:
            return
        yield at
        at = text.find(needle, at + 1)


def _whole_word(text: str, at: int, size: int) -> bool:
    return not (at and WORD_CHAR.match(text, at - 1)) and not WORD_CHAR.match(text, at + size)


def evidence_names(doc: Document, lowered: str) -> list[tuple[int, int]]:
    """Capitalised names the page itself marks as publications: the text of a link to the
    publication's own site ("Gizmodo" near a link to gizmodo.com) or an italic title
    (<i>Vanity Fair</i>, <cite>). Typography, not a word list, says "publication"."""
    if doc.html is None:
        return []
    text = doc.text
    found: list[tuple[int, int]] = []
    for tag in ("i", "em", "cite"):
        for element in doc.index.by_tag.get(tag, ()):
            span = doc.span_of(element)
            written = span.text.rstrip(".,;:")
            if 2 <= len(written) <= 60 and _NAME_RUN.fullmatch(written):
                found.append((span.start, span.start + len(written)))
    labels: dict[str, str | None] = {}
    for anchor in doc.index.by_tag.get("a", ()):
        href = str(anchor.get("href") or "")
        if href not in labels:
            labels[href] = _site_label(href)
        label = labels[href]
        if not label or label in _PLATFORM_WORDS:
            continue
        span = doc.span_of(anchor)
        window_start, window_end = max(0, span.start - 60), min(len(text), span.end + 60)
        if lowered.find(label[:4], window_start, window_end) < 0:
            continue  # the site's name is not written near its link: nothing to look at
        for run in _NAME_RUN.finditer(text, window_start, window_end):
            written = run.group().rstrip(".-'’")
            letters = re.sub(r"[^\w]", "", written).casefold()
            bare = letters.removeprefix("the")
            if len(bare) >= 3 and label in (letters, bare):
                found.append((run.start(), run.start() + len(written)))
    return found


def _publication_hint(lowered: str) -> bool:
    """A word of a lower-cased name run that says "publication": one of the publication
    words (maybe possessive) or a word ending in a publication suffix, with the quotes, dots
    and commas around words ("courier", "abendblatt", "argus's"). Set and suffix tests per
    word: a regex alternation of every word was tried at every position of every run."""
    for token in lowered.split():
        core = token.strip("'.,")
        if core.endswith(cues.PUBLICATION_SUFFIXES) or core in cues.PUBLICATION_WORDS:
            return True
        if core[-2:] == "'s" and core[:-2] in cues.PUBLICATION_WORDS:
            return True
    return False


# What: a run of capitalised words, never across a sentence's end ("Stars. Sie"; "N.Y. Times"
# is one run). Example: "Vanity Fair", "The Daily Beast". Why linear: each repetition starts
# with a fixed-width lookbehind, a literal space and a capital; the word runs are possessive
# (a space, which they exclude, follows them: giving back never helps).
_NAME_RUN = re.compile(
    r"[A-Z][\w'’&.-]{1,30}+(?:(?<![a-z]{3}\.) (?:of |de |& )?[A-Z0-9][\w'’&.-]{0,30}+){0,5}"
)


def _site_label(href: str) -> str | None:
    """ "https://www.gizmodo.com/x" -> "gizmodo": a site's name as its domain spells it."""
    host = urlsplit(href).hostname if href.startswith(("http://", "https://")) else None
    if not host:
        return None
    parts = host.removeprefix("www.").split(".")
    if len(parts) < 2:
        return None
    label = parts[-3] if len(parts) >= 3 and parts[-2] in ("co", "com", "org", "net") else parts[-2]
    return label.replace("-", "") or None


# What: a byline naming an outlet the registry does not know.
# Example: "By Marcus Hill, Gateway Now".
# Why linear: anchored to a line; bounded runs of name characters separated by literals.
_UNREGISTERED_BYLINE = re.compile(
    r"^[ \t]*By [A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30}){0,3}, "
    r"(?P<name>[A-Z][\w.'’&-]{0,30}(?: [A-Z0-9][\w.'’&-]{0,30}){0,4})[ \t]*$",
    re.M,
)
NOT_AGENCIES = frozenset({"handout", "file", "pool", "courtesy", "illustration"})
JOB_WORDS = frozenset(
    "writer reporter correspondent editor staff contributor columnist producer photographer "
    "intern fellow special critic analyst bureau desk".split()
)


def unregistered_bylines(text: str, taken: list[tuple[int, int]]) -> Iterator[Attribution]:
    for line in _UNREGISTERED_BYLINE.finditer(text):
        start, end = line.span("name")
        if any(a < end and start < b for a, b in taken):
            continue  # a registry outlet: the byline is already read
        if {w.lower() for w in line["name"].split()} & JOB_WORDS:
            continue  # "By Jane Doe, Staff Writer"
        cue_start = line.start() + len(line.group()) - len(line.group().lstrip(" \t"))
        yield unregistered_attribution(text, cue_start, end, (start, end), AttributionKind.BYLINE)


def name_after(text: str, position: int) -> tuple[int, int] | None:
    words = [
        w
        for w, _ in zip(
            WORD.finditer(text, position, position + 120), range(MAX_NAME_WORDS), strict=False
        )
    ]
    end = None
    previous_end = position
    for match in words:
        if match.start() != previous_end and text[previous_end : match.start()] != " ":
            break
        word = match.group()
        if word[:1].isupper() or word[:1].isdigit():
            end = match.end()
        elif word not in _CONNECTORS:
            break
        previous_end = match.end()
    if end is None or not text[position : position + 1].isupper():
        return None
    if text[end - 2 : end] in POSSESSIVES:
        end -= 2
    return position, end


def _name_before(text: str, position: int) -> tuple[int, int] | None:
    words = words_in(text, max(0, position - 70), position)
    start = None
    end = words[-1].end if words else position
    if end != position:
        return None
    following: Word | None = None
    for word in reversed(words[-MAX_NAME_WORDS:]):
        if following is not None and start is not None and not joined(text, word, following):
            break
        if word.text[:1].isupper() or word.text[:1].isdigit():
            start = word.start
        elif word.text not in _CONNECTORS:
            break
        following = word
    if start is None:
        return None
    descriptor = HYPHEN_DESCRIPTOR.match(text, start, end)
    if descriptor is not None:  # "Houthi-run Al-Masirah TV", "Seoul-based Daily NK"
        start = descriptor.end()
    if text[max(0, start - 4) : start].lower() == "the ":
        start -= 4
    return start, end


def publication(name: str) -> bool:
    words = [w for w in re.split(r"[\s]+", name) if w]
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words:
        return False
    lowered = [w.lower().strip("'’") for w in words]
    if any(w in cues.INSTITUTION_WORDS for w in lowered):
        return False
    if len(words) == 1 and _CALL_SIGN.fullmatch(words[0]) and words[0] not in _NOT_CALL_SIGNS:
        return True
    parts = {part for w in lowered for part in w.split("-")}
    if any(w.endswith(cues.PUBLICATION_SUFFIXES) for w in parts):
        return True  # "Hamburger Abendblatt", "Dagens Nyheter", "Göteborgs-Posten"
    return bool(parts & cues.PUBLICATION_WORDS) and len(words) >= (1 if "-" in name else 2)


def unregistered_attribution(
    text: str, start: int, end: int, name: tuple[int, int], kind: AttributionKind
) -> Attribution:
    label = text[name[0] : name[1]]
    if label[:4].lower() == "the ":
        label = label[4:]
    return Attribution(
        span=Span.of(text, start, end),
        kind=kind,
        name=label,
        outlet_id=None,
        name_span=Span.of(text, name[0], name[1]),
        unregistered=True,
    )

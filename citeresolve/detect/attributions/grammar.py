"""Cues around a mention: the phrase before it, the verb after it, bylines and datelines."""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from citeresolve.detect import cues
from citeresolve.detect.attributions.mentions import BEAT_AFTER, Mention
from citeresolve.detect.attributions.words import (
    POSSESSIVES,
    WORD,
    Word,
    after_elision,
    opens_sentence,
    quoted_end,
    words_in,
)
from citeresolve.detect.lexicon import Cue, Grammar
from citeresolve.model import AttributionKind, Span
from citeresolve.scripts import UNSPACED

LEFT_WINDOW = 80
RIGHT_WINDOW = 80

# --- Cues ------------------------------------------------------------------------------------


_SENTENCE_END = frozenset('.!?;:)»"”\n')
# Spaces and quotation marks: what stands between two words of one clause or around a name.
_QUOTES = " \u00a0'’«»\"“”„‚‘"
# What: the text between two words of one clause. Example: " ", " «", "l'" elision, "'s ".
# Why linear: a bounded class run applied with fullmatch to a short gap.
_SAME_CLAUSE = re.compile("[\\s" + re.escape(_QUOTES) + "]{0,4}")
_COMMA_CUES = frozenset(
    {"citing", "quoting", "citant", "citando", "zitiert", "cytując", "ссылаясь"}
)
_COORDINATORS = frozenset("and or und oder et ou y o e i oraz lub и или та і й en of".split())
MAX_SKIPPED = 4  # determiners, adjectives and media nouns between a cue and the name


class CueHit(NamedTuple):
    """A cue that credits a name: the whole evidence span, its kind, language and rule."""

    span: Span
    kind: AttributionKind
    lang: str | None
    rule: str


def cue_around(
    text: str,
    start: int,
    end: int,
    grammar: Grammar,
    *,
    left_anchor: int | None = None,
    list_end: int | None = None,
    broadcaster: bool = False,
) -> CueHit | None:
    """A lexicon cue before [start, end) or after it, read by the grammar of every language.

    Between a cue before the name and the name may stand determiners, adjectives, media
    nouns ("according to the Russian news agency TASS"); between the name and a cue after it,
    adverbs ("Bloomberg also reported"). ``left_anchor`` is where a descriptor the caller
    found begins; ``list_end`` the end of a coordinated list the name opens ("according to
    Reuters and AFP"), whose last name is where a cue after the list is looked for;
    ``broadcaster``: the name is a broadcaster's, which a place preposition credits.
    """
    anchor = start if left_anchor is None else left_anchor
    # A quoted name's cue after it comes after the quote: "„Corriere della Sera“ schreibt".
    tail = quoted_end(text, start, end if list_end is None else list_end)
    return _left(text, anchor, end, tail, grammar, broadcaster) or _right(
        text, start, tail, grammar
    )


def _left(
    text: str, anchor: int, end: int, tail: int, grammar: Grammar, broadcaster: bool
) -> CueHit | None:
    # "据新华社报道": the cue touches the name, or the title marks around it ("据《纽约时报》").
    touching = anchor - 1 if text[anchor - 1 : anchor] in TITLE_MARKS else anchor
    after = _after_title(text, anchor, tail)
    unspaced = text[touching - 1 : touching] in grammar.before_unspaced_ends
    for cue in grammar.before_unspaced if unspaced else ():
        head = cue.head
        if not text.startswith(head, touching - len(head)):
            continue
        if not cue.verb:
            return CueHit(Span.of(text, touching - len(head), end), cue.kind, cue.lang, "before")
        # "在…的报道中": "在X11月11日的报道中"; only a few words (the day, "记者") between
        verb_at = _clause_verb(text, after, cue.verb, BETWEEN_CHARS)
        if verb_at is not None:
            span = Span.of(text, touching - len(head), verb_at + len(cue.verb))
            return CueHit(span, cue.kind, cue.lang, "before, verb after")
    words = words_in(text, max(0, anchor - LEFT_WINDOW), anchor)
    position = anchor
    skipped = 0
    agent_at: int | None = None
    # A dative that is also a determiner ("a", "à"): kept while a longer cue further back
    # may still credit the name ("segundo informou a Folha" is "segundo informou").
    fallback: CueHit | None = None
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if not _SAME_CLAUSE.fullmatch(text, word.end, position):
            return fallback
        folded = word.text.casefold()
        for cue in grammar.before_by_last.get(folded, ()):
            first = index - len(cue.words) + 1
            if first < 0 or not _phrase_at(text, words, first, cue.words):
                continue
            if _capitalised_inside_sentence(text, words[first]) and cue.phrase[:1].islower():
                continue  # "Carolyn Said is a … staff writer": a surname, not "said"
            if cue.inverted and not _ends_clause(text, tail, grammar):
                continue
            if cue.broadcast and (
                not broadcaster or text[tail : tail + 2] in POSSESSIVES  # "on CNN's coverage"
            ):
                continue
            if cue.after_saying and not _said_before(text, words, first, grammar):
                continue
            if cue.quoted and not (
                _QUOTE_OPENS.search(text[words[index].end : anchor])
                and _agent_head_before(text, words, first, grammar)
            ):
                continue
            rule = "inverted" if cue.inverted else "before"
            if cue.after_saying and fallback is None and _skippable(word, folded, grammar):
                fallback = CueHit(Span.of(text, words[first].start, end), cue.kind, cue.lang, rule)
                break
            if cue.tail:
                tail_end = _tail_in_clause(text, tail, cue.tail)
                if tail_end is None:
                    continue
                span = Span.of(text, words[first].start, tail_end)
                return CueHit(span, cue.kind, cue.lang, "before, verb after")
            return CueHit(Span.of(text, words[first].start, end), cue.kind, cue.lang, rule)
        if (
            folded in grammar.agent_markers
            and agent_at is None
            and index == len(words) - 1 - skipped
        ):
            agent_at = index
            if _agent_head_before(text, words, index, grammar):
                return CueHit(Span.of(text, word.start, end), AttributionKind.REPORT, None, "agent")
        elided = _elided_cue(text, words, index, folded, grammar)
        if elided is not None:  # "ha detto all’agenzia Dire": the dative glued to the noun
            first = index - len(elided.words) + 1
            return CueHit(
                Span.of(text, words[first].start, end), elided.kind, elided.lang, "before"
            )
        if skipped >= MAX_SKIPPED or not (
            _skippable(word, folded, grammar) or _modifies_media_noun(text, words, index, grammar)
        ):
            return fallback
        skipped += 1
        position = word.start
    return fallback


def _capitalised_inside_sentence(text: str, word: Word) -> bool:
    """A capital where no sentence starts: a name's word, whatever it also means."""
    return word.text[:1].isupper() and not opens_sentence(text, word.start)


def _elided_cue(
    text: str, words: list[Word], index: int, folded: str, grammar: Grammar
) -> Cue | None:
    """The cue an elided preposition makes with the media noun it is glued to: "all’agenzia"
    is "all’" (told, after a word of saying) and "agenzia"."""
    if "'" not in folded and "’" not in folded:
        return None
    noun = after_elision(folded)
    if noun not in grammar.media_nouns:
        return None
    preposition = folded[: len(folded) - len(noun) - 1]  # the lexicon's "all'" is "all"
    for cue in grammar.before_by_last.get(preposition, ()):
        first = index - len(cue.words) + 1
        if cue.broadcast or cue.inverted or cue.quoted or cue.tail or first < 0:
            continue
        if not _phrase_at(text, words, first, cue.words[:-1]):
            continue
        if not cue.after_saying or _said_before(text, words, first, grammar):
            return cue
    return None


def _said_before(text: str, words: list[Word], first: int, grammar: Grammar) -> bool:
    """A word of saying in the clause before a cue that needs one: "a déclaré … sur LCI",
    "informou …, Khinshtein, à imprensa local"; a channel where a show airs ("tous les
    samedis sur C8") is no source."""
    for back in range(first - 1, max(-1, first - 9), -1):
        if any(ch in ".!?;\n" for ch in text[words[back].end : words[back + 1].start]):
            return False
        if words[back].text.casefold() in grammar.speech_words and not (
            _capitalised_inside_sentence(text, words[back]) and words[back].text[1:].islower()
        ):
            return True
    return False


def _tail_in_clause(text: str, end: int, tail: tuple[str, ...]) -> int | None:
    """Where ``tail`` ends if the name's clause holds it within a few words: "berichtet" in
    "die „Wirtschaftswoche“ darüber berichtet."."""
    words = words_in(text, end, min(len(text), end + RIGHT_WINDOW), MAX_SKIPPED + len(tail))
    position = end
    for index, word in enumerate(words):
        gap = text[position : word.start]
        if index == 0:
            gap = gap.strip(_QUOTES)  # the name's closing quote: "„Wirtschaftswoche“ darüber"
        if any(ch in _SENTENCE_END or ch == "," for ch in gap):
            return None
        chunk = words[index : index + len(tail)]
        if tuple(w.text.casefold() for w in chunk) == tail:
            return chunk[-1].end
        position = word.end
    return None


def _skippable(word: Word, folded: str, grammar: Grammar) -> bool:
    folded = after_elision(folded)  # "l'agenzia", "dell’emittente": an elided article
    return (
        folded in grammar.between
        or folded in grammar.adverbs  # "podał w środę portal X", "сообщил в среду ТАСС"
        or folded in grammar.media_nouns
        or folded in grammar.unnamed_adjectives
        or folded in cues.DESCRIPTORS
        or (folded in cues.NATIONALITIES and word.text[:1].isupper())
    )


def _modifies_media_noun(text: str, words: list[Word], index: int, grammar: Grammar) -> bool:
    """A lower-case word next to a media noun describes it, whatever the word: "пише
    івано-франківське видання", "la página deportiva internacional Football365" (Romance
    adjectives follow the noun, one or two of them)."""
    word = words[index].text
    if not word[:1].islower() or not word.replace("-", "").isalpha():
        return False
    if index + 1 < len(words):
        following: str | None = words[index + 1].text
    else:
        match = WORD.search(text, words[index].end)
        following = match.group("w") if match else None
    if following is not None and following.casefold() in grammar.media_nouns:
        return True
    for back in (index - 1, index - 2):
        if back < 0:
            return False
        folded = words[back].text.casefold()
        if folded in grammar.media_nouns:
            return True
        if not words[back].text[:1].islower():
            return False
    return False


def _phrase_at(text: str, words: list[Word], first: int, phrase: tuple[str, ...]) -> bool:
    chunk = words[first : first + len(phrase)]
    if tuple(w.text.casefold() for w in chunk) != phrase:
        return False
    return all(text[a.end : b.start].isspace() for a, b in itertools.pairwise(chunk))


def _agent_head_before(text: str, words: list[Word], index: int, grammar: Grammar) -> bool:
    """ "an analysis of census data by Reuters": a head noun or verb in the clause before "by"."""
    for back in range(index - 1, max(-1, index - 9), -1):
        if any(
            ch in _SENTENCE_END or ch == "," for ch in text[words[back].end : words[back + 1].start]
        ):
            return False
        if words[back].text.casefold() in grammar.agent_heads:
            return True
    return False


def _ends_clause(text: str, end: int, grammar: Grammar) -> bool:
    """After an inverted cue the name ends its clause: "…, reported the Guardian." """
    link = _LINK_AFTER.match(text, end)  # "… The Guardian [https://…]": a page's link, as text
    rest = text[link.end() if link else end :][:30]
    stripped = rest.lstrip(" \u00a0")
    if rest[:2] in ("'s", "’s"):
        return False
    if not stripped or stripped[0] in _SENTENCE_END or stripped[0] in ",(–—-":
        return True
    following = WORD.match(stripped)
    return following is not None and following.group("w").casefold() in grammar.clause_followers


# What: a link's address in brackets after a name, as pages rendered to text show it.
# Example: " [https://www.gazeta.ru/tags/media/the_guardian.shtml]". Why linear: literals
# around one bounded negated class run.
_LINK_AFTER = re.compile(r" ?\[https?://[^\]\s]{1,300}\]")


def _right(text: str, start: int, end: int, grammar: Grammar) -> CueHit | None:
    hit = _right_unspaced(text, start, end, grammar)
    if hit is not None:
        return hit
    possessive = text[end : end + 2] in POSSESSIVES  # "CNN's anchor asked"
    scan = end + 2 if possessive else end
    aside = (
        None if possessive else _ASIDE.match(text, scan)
    )  # "KCNA (KCNA) said", "¡Hola! published"
    words = words_in(text, aside.end() if aside else scan, min(len(text), scan + RIGHT_WINDOW), 8)
    if not words:
        return None
    gap = text[scan : words[0].start]
    if gap in (" ", "\u00a0", "-") or gap.isspace():
        noun = grammar.after_nouns.get(words[0].text.casefold())
        if noun is not None:
            return CueHit(Span.of(text, start, words[0].end), noun.kind, noun.lang, "after-noun")
        beat = BEAT_AFTER.match(text, scan)  # "VOA Pentagon correspondent", "CNN White House"
        job = grammar.after_nouns.get(beat.group("job").casefold()) if beat else None
        if beat is not None and job is not None:
            return CueHit(Span.of(text, start, beat.end()), job.kind, job.lang, "after-noun")
    aside = aside if aside is not None and aside.end() == words[0].start else None
    comma = gap.strip() == "," or (aside is not None and aside.group("comma") is not None)
    if possessive or not (gap.isspace() or comma or aside) or "\n" in gap:
        return None
    index = 0
    if len(words) > 1 and words[0].text.casefold() in grammar.media_nouns:
        index = 1  # "Bild newspaper said"
    hit = _after_cue(text, start, words, index, grammar, comma)
    # "Bloomberg also reported": adverbs between; a word that is both an adverb and a cue's
    # first word ("hat": German's auxiliary) is tried as the cue first.
    while hit is None and index < min(len(words) - 1, 3):
        if (
            words[index].text in _FROM_PLACE
            and index + 2 < len(words)
            and words[index + 1].text[:1].isupper()
        ):  # '"Rzeczpospolita" aus Warschau schreibt': a press review's paper and its city
            index += 2
            hit = _after_cue(text, start, words, index, grammar, comma)
            continue
        if words[index].text.casefold() not in grammar.adverbs:
            return None
        if not text[words[index].end : words[index + 1].start].isspace():
            return None
        index += 1
        hit = _after_cue(text, start, words, index, grammar, comma)
    return hit


# The preposition that gives a paper's city after its name, in a press review: "aus Paris".
_FROM_PLACE = frozenset({"aus"})


def _after_cue(
    text: str, start: int, words: list[Word], index: int, grammar: Grammar, comma: bool
) -> CueHit | None:
    """The cue that opens at ``words[index]``, read after a name that starts at ``start``."""
    for cue in grammar.after_by_first.get(words[index].text.casefold(), ()):
        chunk = words[index : index + len(cue.words)]
        if tuple(w.text.casefold() for w in chunk) != cue.words:
            continue
        if any(not text[a.end : b.start].isspace() for a, b in itertools.pairwise(chunk)):
            continue
        if comma and not (set(cue.words) & _COMMA_CUES):
            continue
        if cue.tail:  # "Der Guardian hat eine Depesche veröffentlicht"
            tail_end = _tail_in_clause(text, chunk[-1].end, cue.tail)
            if tail_end is None:
                continue
            return CueHit(Span.of(text, start, tail_end), cue.kind, cue.lang, "after, verb last")
        return CueHit(Span.of(text, start, chunk[-1].end), cue.kind, cue.lang, "after")
    return None


def _right_unspaced(text: str, start: int, end: int, grammar: Grammar) -> CueHit | None:
    """A cue glued to a name of an unspaced script ("共同通信によると", "연합뉴스에 따르면"); a
    media noun or an acronym may come between ("블룸버그통신이", "월스트리트저널(WSJ)이"), and
    the rest of the sentence between a subject and its verb ("は12日、…と報じた")."""
    at = _after_title(text, start, end)
    if at > end and text.startswith("：", at) and _opens_line(text, start - 1):
        # "英国《泰晤士报》：…": a roundup's paragraph quoting the paper it names
        return CueHit(Span.of(text, start - 1, at + 1), AttributionKind.REPORT, None, "title-colon")
    noun = next((n for n in grammar.unspaced_media_nouns if text.startswith(n, at)), None)
    at += len(noun) if noun else 0
    aside = _ACRONYM_ASIDE.match(text, at) or _EDITION_ASIDE.match(text, at)
    at = aside.end() if aside else at
    if not UNSPACED.match(text, at) and not (
        text[at : at + 1].isdigit() and UNSPACED.search(text, at, at + 6)
    ):
        # every glued cue opens in such script (tests/detect/test_lexicon.py), or its gap
        # does, with the report's day: "新华社记者10月1日报道称"
        return None
    for cue in grammar.after_unspaced:
        if text.startswith(cue.phrase, at):
            return CueHit(Span.of(text, start, at + len(cue.phrase)), cue.kind, cue.lang, "after")
        if cue.verb and text.startswith(cue.head, at):
            verb_at = _clause_verb(text, at + len(cue.head), cue.verb)
            if verb_at is not None:
                span = Span.of(text, start, verb_at + len(cue.verb))
                return CueHit(span, cue.kind, cue.lang, "after, clause-final")
    return None


# Title marks around a publication's name in Chinese and Japanese: 《纽约时报》, 「文芸春秋」.
TITLE_MARKS = {"《": "》", "「": "」", "『": "』", "〈": "〉"}


def _after_title(text: str, start: int, end: int) -> int:
    """Past the closing title mark of a name written between them, else ``end``."""
    closer = TITLE_MARKS.get(text[start - 1 : start])
    return end + 1 if closer and text.startswith(closer, end) else end


def _opens_line(text: str, position: int) -> bool:
    """Only a few characters (a country: "英国", "美国") stand between the line start and here."""
    line_start = text.rfind("\n", 0, position) + 1
    before = text[line_start:position].strip()
    return len(before) <= 6 and all(UNSPACED.match(ch) for ch in before)


def _clause_verb(text: str, start: int, verb: str, within: int = 0) -> int | None:
    """Where ``verb`` ends the sentence opened at ``start``, if it does: Japanese and Korean
    put the reporting verb last, the report's day and content before it. ``within``: how
    far the verb may start from ``start`` (else anywhere in the sentence)."""
    limit = min(len(text), start + (within + len(verb) if within else CLAUSE_CHARS))
    end = _SENTENCE_STOP.search(text, start, limit)
    found = text.find(verb, start, end.start() if end else limit)
    return found if found >= 0 else None


# What: an opening quotation mark. Why linear: a single character class.
_QUOTE_OPENS = re.compile(r"[„«“\"‚‘]")
# What: an acronym in parentheses glued to a name. Example: "(WSJ)". Why linear: literals
# around one bounded class run.
_ACRONYM_ASIDE = re.compile(r"\([A-Z]{2,10}\)")
# What: a short full-width parenthesis after a name. Example: "（電子版）" (online edition).
# Why linear: literals around one bounded negated class run.
_EDITION_ASIDE = re.compile(r"（[^（）\n]{1,6}）")
CLAUSE_CHARS = 240  # a verb-final sentence's subject to its verb, at most
BETWEEN_CHARS = 16  # a cue around a name ("对…表示"): its two parts this close to the name
# What: where a sentence stops. Example: "。", ". ", "\n", "했다.경기" (Korean pages often put
# no space after the full stop). Why linear: a class, a one-character lookahead.
_SENTENCE_STOP = re.compile(r"[。！？\n]|[.!?](?=\s|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])")


# What: what may stand between a name and its verb besides a space. Example: " (KCNA) ", "! ".
# Why linear: literals around one bounded class run.
_ASIDE = re.compile(r"!?(?: \([A-Z]{2,10}\))?(?P<comma>,)? (?=\S)")


def coordinated(text: str, end: int, next_start: int) -> bool:
    """Two names joined into one list: "Reuters and AFP", "NBC, CBS", "Reuters & AFP",
    "澎湃新闻、新华社"."""
    gap = text[end:next_start]
    if len(gap) > 8 or "\n" in gap:
        return False
    words = gap.replace(",", " ").replace("&", " and ").replace("/", " ").split()
    return (not words and gap.strip() in (",", "&", "/", "、", "，")) or (
        len(words) == 1 and words[0].casefold() in _COORDINATORS
    )


# What: a copyright notice with its year, up to the name. Example: "Copyright 2024 ".
# Why linear: anchored at the window's end; literals, a fixed digit run.
_COPYRIGHT = re.compile(r"(?:[Cc]opyright|COPYRIGHT|©)(?: ?©)? \d{4},? $")


# What: a label naming a story's source, maybe of two words, maybe with the sources before
# the name, up to the name. Example: "Źródło: " before "PAP", "Źródło informacji: IAR/"
# before "PAP". Why linear: anchored at the window's end; a literal alternation, bounded runs,
# each closed by a literal space, colon or slash the runs exclude.
SOURCE_LABEL = re.compile(
    r"(?<![^\W_])(?:"
    + "|".join(cues.SOURCE_LABEL_WORDS)
    + r")(?: [^\W\d_]{2,14})?[ \t]?:[ \t]?(?:[^\W_][\w.&-]{0,20}/){0,3}$|(?:"
    + "|".join(cues.SOURCE_LABEL_UNSPACED)
    + r")[ \t]?[:：][ \t]?$"
)
# What: the closing parenthesis of an agency's credit at its paragraph's end. Example: ")"
# then a line end, or ", " before a second one. Why linear: literals and a bounded class run.
_AGENCY_PAREN_END = re.compile(r"[)）][ \t]*(?:\n|$|[a-z]{2,6}/)")
# What: a byline line up to the outlet's name. Example: "By Jane Doe, " before "Associated Press".
# Why linear: anchored at the line start, one bounded lazy run without newlines, literals.
_BYLINE = re.compile(r"^[ \t]*By [^\n]{1,80}?(?:,| \||\s[-–—]) ?(?:and )?(?:the |The )?$")


def byline(text: str, mention: Mention) -> CueHit | None:
    """ "By Jane Doe, Associated Press", "By JANE DOE | Reuters": the story's own credit;
    "Copyright 2024 The Associated Press": a syndicated story's notice; "(spr/dpa)",
    "(boy/jpnn)": the editor's initials and the agency that closes a German or Indonesian
    story."""
    if (
        _WITH_BEFORE.search(text, max(0, mention.start - 8), mention.start)
        and text[mention.end : mention.end + 1] == ")"
    ):  # "(Com Estadão Conteúdo)", "(With Reuters)": the agency the story draws on
        span = Span.of(text, text.rfind("(", 0, mention.start), mention.end + 1)
        return CueHit(span, AttributionKind.BYLINE, None, "byline")
    chain = signature(text, mention)
    if (
        chain is not None
        and text[chain[0]] == "©"
        and not text[chain[0] : mention.start].strip("© ")
    ):
        return None  # "©SZ.de/dpa/dayk": the copyright's holder publishes the story
    if chain is not None:  # "kgp/dpa/Reuters", "fek/oka/aar/AP/Reuters": every agency named
        return CueHit(Span.of(text, *chain), AttributionKind.BYLINE, None, "byline")
    name = text[mention.name_start : mention.end]
    if (
        name.islower()
        and (
            _SENTENCE_CLOSED.search(text, max(0, mention.start - 2), mention.start)
            or text[mention.start - 1 : mention.start] in ("", "\n")
        )
        and text[mention.end : mention.end + 3].lstrip(" \t")[:1] in ("", "\n")
    ):  # "…la grande favorite. ats", "ats" on its line: the wire closing the story
        return CueHit(
            Span.of(text, mention.start, mention.end), AttributionKind.BYLINE, None, "byline"
        )
    initials = _INITIALS_BEFORE.search(text, max(0, mention.start - 24), mention.start)
    if initials is not None:
        opened = initials.group().startswith("(")
        if opened and text[mention.end : mention.end + 1] == ")":
            span = Span.of(text, initials.start(), mention.end + 1)
            return CueHit(span, AttributionKind.BYLINE, None, "byline")
        if not opened and text[mention.end : mention.end + 3].lstrip(" \t")[:1] in ("", "\n"):
            # "pgo/PAP" on the story's last line
            span = Span.of(text, initials.start(), mention.end)
            return CueHit(span, AttributionKind.BYLINE, None, "byline")
    if (
        _AGENCY_PAREN_END.match(text, mention.end)
        and mention.start > 0
        and text[mention.start - 1] in "(（"
        and not text[mention.start : mention.end].islower()  # "(ap)" may be anything
    ):
        # "…zakończył. (PAP)", "Autor: (AND), (PAP)", "…という。（共同）": a wire credit
        # closing its paragraph
        return CueHit(
            Span.of(text, mention.start - 1, mention.end + 1),
            AttributionKind.BYLINE,
            None,
            "byline",
        )
    line_start = text.rfind("\n", 0, mention.start) + 1
    if mention.start - line_start > 100:
        return None
    with_line = _WITH_LINE.match(text, line_start, mention.start)
    line_end = text.find("\n", mention.end)
    rest = text[mention.end : len(text) if line_end < 0 else line_end]
    if (
        with_line is not None
        and _names_a_site(with_line.group("site"))
        and len(rest) <= 30
        and not _SENTENCE_END.intersection(rest)
    ):
        # "franceinfo avec AFP", "Le Monde with Reuters": the byline line of a wire story
        return CueHit(
            Span.of(text, line_start, mention.end), AttributionKind.BYLINE, None, "byline"
        )
    source = SOURCE_LABEL.search(text, max(line_start, mention.start - 40), mention.start)
    if source is not None:  # "Źródło: PAP", "Quelle: dpa": the story's source, under it
        return CueHit(
            Span.of(text, source.start(), mention.end), AttributionKind.BYLINE, None, "byline"
        )
    notice = _COPYRIGHT.search(text, max(line_start, mention.start - 24), mention.start)
    if notice is not None:
        return CueHit(
            Span.of(text, notice.start(), mention.end), AttributionKind.BYLINE, None, "byline"
        )
    match = _BYLINE.match(text[line_start : mention.start])
    if match is None:
        return None
    start = line_start + len(match.group()) - len(match.group().lstrip(" \t"))
    return CueHit(Span.of(text, start, mention.end), AttributionKind.BYLINE, None, "byline")


# What: a short byline line up to "with" in a language of the lexicons, right before the
# agency. Example: "franceinfo avec " before "AFP". Why linear: one bounded negated class
# run, then a literal alternation; matched over the line up to the name only.
_WITH_LINE = re.compile(r"(?P<site>[^\n.!?:;]{2,40}) (?:avec|with|mit|con|com|z) $")


def _names_a_site(words: str) -> bool:
    """ "franceinfo", "Le Monde", "La Voix du Nord": one token, or a few capitalised words
    (small joining words allowed); "he said in an interview" is a sentence."""
    parts = words.split()
    if len(parts) == 1:
        return True
    return (
        len(parts) <= 5
        and parts[0][:1].isupper()
        and all(p[:1].isupper() or len(p) <= 3 for p in parts)
    )


# What: an opening parenthesis and "with" in a language of the lexicons, up to the agency.
# Example: "(Com " before "Estadão Conteúdo)". Why linear: anchored to the window's end;
# a literal alternation.
_WITH_BEFORE = re.compile(r"\((?:[Cc]om|[Cc]on|[Ww]ith|[Aa]vec|[Mm]it|[Cc]olla?) $")
# What: a sentence's end and a space, right before the name. Example: ". " before "ats".
# Why linear: anchored at the window's end; a class and a literal.
_SENTENCE_CLOSED = re.compile(r"[.!?»”] $")
# What: an opening parenthesis or a line start and editors' initials, each with a slash, up to
# the agency. Example: "(spr/" before "dpa)", "pgo/" before "PAP". Why linear: anchored to the
# window's end; bounded lower-case runs, each followed by a literal slash.
_INITIALS_BEFORE = re.compile(r"(?:\(|^|(?<=\n))(?:[a-z]{2,6}/){1,3}$")


def signature(text: str, mention: Mention) -> tuple[int, int] | None:
    """The line that signs a story, editors' initials then the agencies it draws on, joined
    by slashes ("kgp/dpa/Reuters", "(fek/AP/AFP)"), when the mention is one of them."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line_end = len(text) if line_end < 0 else line_end
    opened = text.rfind("(", line_start, mention.start)
    for at in (
        opened,
        line_start + len(text[line_start:line_end]) - len(text[line_start:line_end].lstrip()),
    ):
        if at < line_start:
            continue
        found = _SIGNATURE.match(text, at, line_end)
        if found is None or not (found.end() >= mention.end and mention.start >= at):
            continue
        if not _SIGNED.search(found.group()):
            continue  # "AFP/Getty": agencies alone are a picture's credit
        closed = text[at] == "("
        if closed != found.group().endswith(")") or text[found.end() : line_end].strip():
            continue
        return found.start(), found.end()
    return None


def signs_story(text: str, start: int) -> bool:
    """The line from ``start`` is a story's signature ("©SZ.de/dpa/dayk/fied"), not a
    picture's copyright."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    found = _SIGNATURE.match(text, start, line_end)
    return (
        found is not None
        and not text[found.end() : line_end].strip()
        and bool(_SIGNED.search(found.group()))
    )


# What: names and editors' initials joined by slashes, maybe in parentheses or after a
# copyright sign. Example: "kgp/dpa/Reuters", "(fek/oka/AP)", "(APA/Red.)",
# "©SZ.de/dpa/dayk/fied". Why linear: bounded runs, each closed by a literal slash the runs
# exclude.
_SIGNATURE = re.compile(r"(?:\(|© ?)?(?:[A-Za-z][\w.&-]{0,20}/){1,6}[A-Za-z][\w.&-]{0,20}\)?")
# What: what makes such a line a signature: editors' initials, or the newsroom ("Red.").
# Why linear: alternation of anchored short literals and a bounded class run.
_SIGNED = re.compile(r"(?:^|[(/© ])(?:[a-z]{2,6}|[Rr]ed\.?)(?:/|\)?$)")


def dateline(text: str, mention: Mention) -> CueHit | None:
    """ "(Reuters) -", "WASHINGTON (AP) —": the outlet in parentheses, then a dash; a live
    blog's timed line, "09.12 AFP - …"."""
    timed = _TIMED_LINE.search(text, max(0, mention.start - 12), mention.start)
    if timed is not None and _DASH_AFTER.match(text, mention.end):
        span = Span.of(text, timed.start("time"), mention.end)
        return CueHit(span, AttributionKind.DATELINE, None, "live-line")
    line_start = text.rfind("\n", 0, mention.start) + 1
    if not text[line_start : mention.start].strip():
        city = _CITY_DASH.match(text, mention.end)  # "Liputan6.com, Jakarta - ": outlet, city
        if city is not None:
            span = Span.of(text, mention.start, city.end())
            return CueHit(span, AttributionKind.DATELINE, None, "dateline")
    wire = _CHINESE_WIRE.match(text, mention.end)  # "新华社北京1月1日电": the agency's dateline
    if wire is not None:
        return CueHit(
            Span.of(text, mention.start, wire.end()), AttributionKind.DATELINE, None, "dateline"
        )
    if text.startswith("】", mention.end):  # "【ワシントン共同】": a Japanese wire dateline
        opener = text.rfind("【", max(0, mention.start - 20), mention.start)
        if opener >= 0 and "】" not in text[opener : mention.start]:
            span = Span.of(text, opener, mention.end + 1)
            return CueHit(span, AttributionKind.DATELINE, None, "dateline")
    place = PLACE_BAR.search(text, max(0, mention.start - 36), mention.start)
    if place is not None:
        span = Span.of(text, place.start("place"), mention.end)
        return CueHit(span, AttributionKind.DATELINE, None, "dateline")
    if mention.start == 0 or text[mention.start - 1] != "(":
        return None
    after = re.match(r"\)\.?\s{0,2}[-–—]", text[mention.end : mention.end + 5])  # ").-": Mexico
    if not after:
        return None
    span = Span.of(text, mention.start - 1, mention.end + after.end())
    return CueHit(span, AttributionKind.DATELINE, None, "dateline")


# What: a line opened by a time, up to the name. Example: "\n09.12 " before "AFP - …".
# Why linear: anchored to the end of a 12-character window; fixed digit runs.
_TIMED_LINE = re.compile(r"(?:^|(?<=\n))[ \t]*(?P<time>\d{1,2}[.:h]\d{2})[ \t]{1,3}$")
# What: a comma, a capitalised place, a dash, after an outlet opening a line. Example:
# ", Jakarta -", " , JAKARTA –". Why linear: literals around one bounded class run.
_CITY_DASH = re.compile(r" ?, [A-Z][A-Za-z .]{1,30} [-–—](?= )")
# What: a Chinese wire dateline after the agency: the place, the day, "电" (cabled). Example:
# "北京1月1日电", "华盛顿12月3日电（记者 王强）" up to "电". Why linear: bounded runs of
# ideographs and digits between literals.
_CHINESE_WIRE = re.compile(r"[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日电")
# What: a place in capitals opening a line or following a sentence, and a bar, up to the
# agency. Example: "MADRID | " before "EUROPA PRESS" (not "del PP | " before "EFE": a
# caption's credit). Why linear: anchored to the window's end; one bounded class run.
PLACE_BAR = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?\"”»] ))[ \t]*(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ .'-]{1,30}) \| $"
)
# What: a dash after a name. Example: " - ", " — ". Why linear: bounded run, class.
_DASH_AFTER = re.compile(r"[ \t]{0,2}[-–—:][ \t]")

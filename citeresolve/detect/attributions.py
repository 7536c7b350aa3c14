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
from collections.abc import Iterable, Iterator
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
NAME_CONTEXT = 25  # characters around a name: the words before and after it that matter
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
        inside = [
            m
            for m in mentions[first : bisect_right(name_starts, credit.end)]
            if m.end <= credit.end
        ]
        for mention in inside:
            found.append(_attribution(text, credit, AttributionKind.IMAGE_CREDIT, mention))
            credited.add((mention.start, mention.end))
        found.extend(_unregistered_credits(text, credit, [(m.name_start, m.end) for m in inside]))
    unnamed_by_end = {phrase.end: phrase for phrase in unnamed}
    for mention in mentions:
        if (mention.start, mention.end) in credited:
            continue
        descriptor = unnamed_by_end.get(mention.start) or unnamed_by_end.get(mention.start - 1)
        anchor = mention.start if descriptor is None else descriptor.start
        cue = (
            _dateline(text, mention)
            or _byline(text, mention)
            or _cue_around(text, mention.start, mention.end, left_anchor=anchor)
        )
        if cue:
            found.append(_attribution(text, cue[0], cue[1], mention))
    named_starts = {m.start for m in mentions} | {m.name_start for m in mentions}
    for phrase in unnamed:
        if phrase.end in named_starts or phrase.end + 1 in named_starts:
            continue  # "the Israeli daily Haaretz": the name is the outlet, the rest describes it
        appositive = (
            _name_after(text, phrase.end + 1) if text[phrase.end : phrase.end + 1] == " " else None
        )
        if (
            appositive is not None
            and not phrase.self_cued
            and text[appositive[0] : appositive[1]].split()[0].lower() not in _CLAUSE_WORDS
        ):
            # "German magazine Kicker reported": the noun phrase describes the name after it.
            cue = _cue_around(text, appositive[0], appositive[1], left_anchor=phrase.start)
            if cue:
                found.append(
                    _unregistered_attribution(text, cue[0].start, cue[0].end, appositive, cue[1])
                )
            continue
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
    taken = [(m.start, m.end) for m in mentions] + [(u.start, u.end) for u in unnamed]
    found.extend(_unregistered(text, lowered, taken, registry))
    found.extend(_unregistered_bylines(text, taken))
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
        if word[-2:] in _POSSESSIVES and len(word) > 2:
            word = word[:-2]  # "CNN's reporting"
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
    # "St. Louis Post-Dispatch": an abbreviation's full stop does not end the name;
    # "The News & Observer": the ampersand is not a word but joins the name.
    abbreviation = len(a.text) <= 3 and a.text[:1].isupper() and a.text[1:].islower()
    # "Lloyd's List": the possessive cut off a word stays inside the name.
    return gap in (" ", "\u00a0", " & ", "'s ", "’s ") or (gap == ". " and abbreviation)


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
    if _HYPHEN_DESCRIPTOR.fullmatch(before.text + " "):
        return False  # "Houthi-run Al-Masirah TV": the word before describes, it is not the name
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


# What: a byline line up to the outlet's name. Example: "By Jane Doe, " before "Associated Press".
# Why linear: anchored at the line start, one bounded lazy run without newlines, literals.
_BYLINE = re.compile(r"^[ \t]*By [^\n]{1,80}?(?:,| \||\s[-–—]) ?(?:and )?(?:the |The )?$")


def _byline(text: str, mention: _Mention) -> tuple[Span, AttributionKind] | None:
    """ "By Jane Doe, Associated Press", "By JANE DOE | Reuters": the story's own credit."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    if mention.start - line_start > 100:
        return None
    match = _BYLINE.match(text[line_start : mention.start])
    if match is None:
        return None
    start = line_start + len(match.group()) - len(match.group().lstrip(" \t"))
    return Span.of(text, start, mention.end), AttributionKind.BYLINE


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
            alone = _label_alone(text, word.start(), word.end())
            if alone is not None:
                yield alone
            continue
        stop = _credit_end(text, label.end(), opened=text[label.start() - 1 : label.start()] == "(")
        if stop > label.end():
            yield _Region(label.start(), stop)
    # What: parenthesised text holding a slash. Example: "(Jane Doe/AFP via Getty Images)".
    # Why linear: one negated class run, bounded, between literal parentheses.
    for paren in re.finditer(r"\(([^()\n]{1,150}(?:/| via )[^()\n]{1,150})\)", text):
        inner = paren.group(1).casefold()
        if any(word in re.findall(r"[a-z]+", inner) for word in cues.CREDIT_WORDS):
            yield _Region(paren.start(), paren.end())
    mention_ends = {m.end for m in mentions}  # "The Guardian/Shutterstock": two outlets, no person
    for mention in mentions:
        name = text[mention.name_start : mention.end]
        # "REUTERS/Jane Doe", "AP Photo/Evan Vucci": an agency's credit, name after a slash.
        tail = re.match(r"(?: Photo)?/[^\W\d_][^\n/()]{0,60}", text[mention.end : mention.end + 70])
        if tail and (name.isupper() or tail.group().startswith(" Photo")):
            end = _credit_end(text, mention.end + tail.end(), opened=False)
            yield _Region(mention.name_start, end)
        # "(EPA)": a photo agency alone in parentheses, not followed by a dateline dash.
        slashed = _person_slash_credit(text, mention) or _via_credit(text, mention)
        if slashed is not None and mention.name_start - 1 not in mention_ends:
            yield slashed
        outlet = registry.get(mention.outlet_id)
        if outlet and outlet.kind == "photo_agency" and _is_photo_credit_paren(text, mention):
            yield _Region(mention.start - 1, mention.end + 1)


def _label_alone(text: str, start: int, end: int) -> _Region | None:
    """ "Credit" or "Photo" alone on its line, the credit on the next: the next line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0 or text[line_start:start].strip() or text[end:line_end].strip(" \t:"):
        return None
    following = line_end
    while following < len(text) and text[following] in "\n \t":
        following += 1
    stop = _credit_end(text, following, opened=False)
    return _Region(start, stop) if stop > following else None


# What: the parts of a credit between its separators. Example: "Jane Doe", "AFP", "Getty Images".
# Why linear: a literal alternation of separators used with split().
_CREDIT_SEPARATORS = re.compile(r"\s*/\s*|\s+via\s+|\s*[,;|]\s*|\s*:\s*")


def _unregistered_credits(
    text: str, credit: _Region, known: list[tuple[int, int]]
) -> Iterator[Attribution]:
    """Credited names the registry does not know but that say "publication": "(Photo: KOLR)"."""
    offset = credit.start
    for part in _CREDIT_SEPARATORS.split(text[credit.start : credit.end]):
        name = part.strip(" ()[].")
        start = text.find(name, offset, credit.end) if name else -1
        if start < 0:
            continue
        offset = start + len(name)
        end = start + len(name)
        # "Yossi Aloni/Flash90": after a person and a slash comes the agency; not so after an
        # agency ("AP Photo/Nora Whitley", "REUTERS/Jane Doe"), where a person follows.
        after_slash = "/" in text[credit.start : start] and not any(b <= start for _, b in known)
        structural = (
            after_slash
            and name[:1].isupper()
            and not {w.lower() for w in name.split()} & (JOB_WORDS | _NOT_AGENCIES)
        )
        if not any(a < end and start < b for a, b in known) and (structural or _publication(name)):
            yield Attribution(
                span=Span.of(text, credit.start, credit.end),
                kind=AttributionKind.IMAGE_CREDIT,
                name=name,
                outlet_id=None,
                name_span=Span.of(text, start, start + len(name)),
                unregistered=True,
            )


def _credit_position(text: str, start: int) -> bool:
    """A credit label opens a line, a sentence or a parenthesis: "Photo: …", "(Photo: …)"."""
    before = text[max(0, start - 2) : start]
    if start == 0 or before.endswith(("\n", "(")):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip(" \t"):
        return True
    return len(before) == 2 and before[0] in ".!?" and before[1].isspace()


# What: a photographer's name right before the slash of a credit. Example: "Kent Hallworth/".
# Why linear: anchored at the end of a short window; bounded runs of name characters.
_CREDITED_PERSON = re.compile(r"(?:^|(?<=[(\s]))[A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30}){0,3}$")


def _person_slash_credit(text: str, mention: _Mention) -> _Region | None:
    """ "Kent Hallworth/Bloomberg via Getty Images", "(Rick Alvarado/AP)", "Jordan Vesel /
    Duluth News Tribune": a person, a slash, the agency: a photo credit without a label."""
    slash = text.rfind("/", max(0, mention.name_start - 3), mention.name_start)
    if slash < 0 or text[slash + 1 : mention.name_start].strip():
        return None
    before = slash - 1 if text[slash - 1 : slash] == " " else slash
    line_start = text.rfind("\n", 0, before) + 1
    person = _CREDITED_PERSON.search(text, max(line_start, before - 60), before)
    if person is None:
        return None
    return _credit_from(text, person.start(), mention.end)


# What: "Person/Agency via " right before a name. Example: "Carlos Ybarra/VIEWpress via ".
# Why linear: anchored at the end of a short window; bounded runs between literals.
_VIA_CREDIT = re.compile(
    r"(?:^|(?<=[(\s]))[A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30}){0,3} ?/ ?[^\s/()]{1,40}"
    r"(?: [^\s/()]{1,40}){0,3} via $"
)


def _via_credit(text: str, mention: _Mention) -> _Region | None:
    """ "Carlos Ybarra/VIEWpress via Getty Images": the agency after "via" in a slash credit."""
    if text[max(0, mention.name_start - 4) : mention.name_start] != "via ":
        return None
    line_start = text.rfind("\n", 0, mention.name_start) + 1
    credit = _VIA_CREDIT.search(text, max(line_start, mention.name_start - 140), mention.name_start)
    if credit is None:
        return None
    return _credit_from(text, credit.start(), mention.end)


def _credit_from(text: str, start: int, name_end: int) -> _Region:
    """A credit from its first word to its end, its parentheses included when it has them."""
    opened = text[start - 1 : start] == "("
    end = _credit_end(text, name_end, opened=opened)
    return _Region(start - 1 if opened else start, end + (1 if opened else 0))


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


# --- Publications the registry does not know ------------------------------------------------

# What: a cue before a name, in lower-cased text. Example: "according to " in "According to
# the Montana Free Press". Why linear: a literal alternation and one bounded space run.
_UNREGISTERED_LEFT_CUES = (
    "according to",
    "as first reported by",
    "as reported by",
    "first reported by",
    "reported by",
    "in an interview with",
    "told",
    "speaking to",
    "citing",
    "per",
    "published by",
    "writing in",
    "wrote in",
)
# What: the space (and article) between a cue and a name. Example: " the ".
# Why linear: bounded literal repetition, applied with match() at one position.
_CUE_GAP = re.compile(r" {1,2}(?:the )?")
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


def _occurrences(lowered: str, phrases: Iterable[str]) -> list[tuple[int, int]]:
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


def _longest_first(hits: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Of several phrases found at one place, the longest ("news agency" over "news")."""
    previous = -1
    for start, end in sorted(hits, key=lambda hit: (hit[0], -hit[1])):
        if start != previous:
            previous = start
            yield start, end


# What: a US broadcast call sign. Example: "KTVI", "WNBC", "KOMO-TV".
# Why linear: fixed-length classes and a literal alternation.
_CALL_SIGN = re.compile(r"[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?")
# What: a source credited in parentheses. Example: "(via Android Authority)".
# Why linear: literals around one bounded run of capitalised words.
_PAREN_VIA = re.compile(r"\(via (?P<name>[A-Z][\w.'’&-]{0,30}(?: [A-Z0-9][\w.'’&-]{0,30}){0,3})\)")
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


def _unregistered(
    text: str, lowered: str, taken: list[tuple[int, int]], registry: OutletRegistry
) -> Iterator[Attribution]:
    """A cue holding a capitalised name that says "publication" (Press, Posten, a call sign),
    or that opens with an outlet's name ("told BBC Sport", "according to CNN Indonesia")."""

    def publication(name: str) -> bool:
        words = tuple(_WORD.findall(name.removeprefix("The ").removeprefix("the ")))
        # One word more than an outlet's name: "BBC Sport", "CNN Indonesia" (not "Economist
        # Paul Krugman": a name that needs its "The", and a person after it).
        prefix = words[:-1]
        opens_with_outlet = (
            len(words) >= 2
            and registry.match_words(prefix) is not None
            and not registry.needs_article(prefix)
        )
        if opens_with_outlet and not {w.lower() for w in words} & cues.INSTITUTION_WORDS:
            return True  # "BBC Sport", "CNN Indonesia": an outlet's name and more
        return _publication(name)

    occupied = sorted(taken)
    starts = [a for a, _ in occupied]

    def free(start: int, end: int) -> bool:
        i = bisect_right(starts, end) - 1
        return i < 0 or occupied[i][1] <= start

    for cue_start, cue_end in _occurrences(lowered, _UNREGISTERED_LEFT_CUES):
        if cue_start and _WORD_CHAR.match(text, cue_start - 1):
            continue
        gap = _CUE_GAP.match(lowered, cue_end)
        if gap is None:
            continue
        name = _name_after(text, gap.end())
        if name and free(*name) and publication(text[name[0] : name[1]]):
            interview = lowered.startswith(("told", "in an", "speaking"), cue_start)
            kind = AttributionKind.INTERVIEW if interview else AttributionKind.REPORT
            yield _unregistered_attribution(text, cue_start, name[1], name, kind)
    for via in _PAREN_VIA.finditer(text):
        name = via.span("name")
        words = {w.lower() for w in via["name"].split()}
        if free(*name) and not words & cues.INSTITUTION_WORDS and not words & _PLATFORM_WORDS:
            yield _unregistered_attribution(
                text, via.start() + 1, name[1], name, AttributionKind.VIA
            )
    for dateline in _CALL_SIGN_DATELINE.finditer(text):
        name = dateline.span("name")
        if dateline["name"] not in _NOT_CALL_SIGNS and free(*name):
            yield _unregistered_attribution(
                text, dateline.start(), dateline.end(), name, AttributionKind.DATELINE
            )
    for verb_start, verb_end in _occurrences(lowered, _UNREGISTERED_VERB_PHRASES):
        if lowered[verb_start - 1 : verb_start] != " " or _WORD_CHAR.match(text, verb_end):
            continue
        before = verb_start - 1
        adverb = _ADVERB_BEFORE.search(lowered, max(0, before - 14), before + 1)
        name_end = adverb.start() if adverb else before
        name = _name_before(text, name_end)
        if name and free(*name) and publication(text[name[0] : name[1]]):
            yield _unregistered_attribution(text, name[0], verb_end, name, AttributionKind.REPORT)


# What: a byline naming an outlet the registry does not know.
# Example: "By Marcus Hill, Gateway Now".
# Why linear: anchored to a line; bounded runs of name characters separated by literals.
_UNREGISTERED_BYLINE = re.compile(
    r"^[ \t]*By [A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30}){0,3}, "
    r"(?P<name>[A-Z][\w.'’&-]{0,30}(?: [A-Z0-9][\w.'’&-]{0,30}){0,4})[ \t]*$",
    re.M,
)
_NOT_AGENCIES = frozenset({"handout", "file", "pool", "courtesy", "illustration"})
JOB_WORDS = frozenset(
    "writer reporter correspondent editor staff contributor columnist producer photographer "
    "intern fellow special critic analyst bureau desk".split()
)


def _unregistered_bylines(text: str, taken: list[tuple[int, int]]) -> Iterator[Attribution]:
    for line in _UNREGISTERED_BYLINE.finditer(text):
        start, end = line.span("name")
        if any(a < end and start < b for a, b in taken):
            continue  # a registry outlet: the byline is already read
        if {w.lower() for w in line["name"].split()} & JOB_WORDS:
            continue  # "By Jane Doe, Staff Writer"
        cue_start = line.start() + len(line.group()) - len(line.group().lstrip(" \t"))
        yield _unregistered_attribution(text, cue_start, end, (start, end), AttributionKind.BYLINE)


def _name_after(text: str, position: int) -> tuple[int, int] | None:
    words = [
        w
        for w, _ in zip(
            _WORD.finditer(text, position, position + 120), range(MAX_NAME_WORDS), strict=False
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
    if text[end - 2 : end] in _POSSESSIVES:
        end -= 2
    return position, end


# What: a leading "X-run "/"X-based " that describes the name after it. Example: "Houthi-run ".
# Why linear: one bounded class run, a literal alternation, a literal space.
_HYPHEN_DESCRIPTOR = re.compile(
    r"[\w'’]{1,30}-(?:run|based|owned|backed|affiliated|controlled|linked|funded|aligned) "
)


def _name_before(text: str, position: int) -> tuple[int, int] | None:
    words = _words(text, max(0, position - 70), position)
    start = None
    end = words[-1].end if words else position
    if end != position:
        return None
    following: _Word | None = None
    for word in reversed(words[-MAX_NAME_WORDS:]):
        if following is not None and start is not None and not _joined(text, word, following):
            break
        if word.text[:1].isupper() or word.text[:1].isdigit():
            start = word.start
        elif word.text not in _CONNECTORS:
            break
        following = word
    if start is None:
        return None
    descriptor = _HYPHEN_DESCRIPTOR.match(text, start, end)
    if descriptor is not None:  # "Houthi-run Al-Masirah TV", "Seoul-based Daily NK"
        start = descriptor.end()
    if text[max(0, start - 4) : start].lower() == "the ":
        start -= 4
    return start, end


def _publication(name: str) -> bool:
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


def _unregistered_attribution(
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


# --- Unnamed outlets -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Phrase:
    start: int
    end: int
    text: str
    self_cued: bool = False


_NOUN_WORDS = tuple(tuple(noun.split()) for noun in cues.OUTLET_NOUNS)
_NOUN_FIRST = frozenset(words[0] for words in _NOUN_WORDS)
# ASCII letters to lower case, nothing else: offsets stay those of the text (str.lower may not).
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
PHRASE_CONTEXT = 50  # characters before a noun: three descriptors and a determiner fit
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
    for hit_start, hit_end in _longest_first(_occurrences(lowered, cues.OUTLET_NOUNS)):
        if hit_start < taken_until or not _alone(text, hit_start, hit_end):
            continue
        words, index = _around(text, hit_start, before=PHRASE_CONTEXT, after=3)
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
        taken_until = noun_end
        yield _Phrase(start, noun_end, text[start:noun_end])
    for bare in cues.BARE_PHRASES.finditer(text):
        before = text[max(0, bare.start() - 40) : bare.start()].split()
        if before and (
            before[-1].lower() in cues.DESCRIPTORS or before[-1].lower() in cues.NATIONALITIES
        ):
            continue  # "local media reports" is found above as "local media"
        yield _Phrase(bare.start(), bare.end(), bare.group(), self_cued=True)


def _capitalised_before(words: list[_Word], index: int) -> bool:
    return index > 0 and words[index - 1].text[:1].isupper()


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

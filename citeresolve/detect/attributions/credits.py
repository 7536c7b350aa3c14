"""Photo and caption credits: labelled lines, "(A/Getty Images)", "REUTERS/Name", "(EPA)"."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from citeresolve.detect import cues
from citeresolve.detect.attributions.grammar import (
    PLACE_BAR,
    SOURCE_LABEL,
    signature,
    signs_story,
)
from citeresolve.detect.attributions.longtail import JOB_WORDS, NOT_AGENCIES, publication
from citeresolve.detect.attributions.mentions import Mention
from citeresolve.detect.attributions.words import alone, ends_its_line, occurrences
from citeresolve.detect.lexicon import Grammar
from citeresolve.model import Attribution, AttributionKind, Span
from citeresolve.outlets.registry import OutletRegistry, name_tokens


@dataclass(frozen=True, slots=True)
class Region:
    start: int
    end: int
    names_from: int = 0  # credited names start here: after a label that is a name too ("Bild:")


def credit_regions(
    text: str,
    lowered: str,
    mentions: list[Mention],
    registry: OutletRegistry,
    grammar: Grammar,
    in_caption: Callable[[int], bool],
    runs: AbstractSet[str],
) -> Iterator[Region]:
    """Stretches that credit an image: labelled lines, "(A/Getty Images)", "REUTERS/Name".
    ``runs``: the text's word_runs."""
    yield from _labelled(text, grammar, in_caption)
    for word_start, word_end in _credit_openers(text, lowered, runs):
        if not _credit_position(text, word_start):
            continue
        label = cues.CREDIT_LABEL.match(lowered, word_start)
        if label is None:
            if lowered[word_start:word_end] not in _LONE_LABELS:
                continue  # "Video" alone on a line titles a clip, it does not credit one
            lone = _label_alone(text, word_start, word_end)
            if lone is not None:
                yield lone
            continue
        opened = text[label.start() - 1 : label.start()] in _OPENERS
        stop = _credit_end(text, label.end(), opened=opened)
        if stop > label.end():
            yield Region(label.start(), stop, names_from=label.end())
    # "© Neil Hall / Reuters", "Image copyright Getty Images": a copyright line in a caption
    # credits the picture; anywhere else it is the page's own notice, not a citation.
    for mark in _copyright_marks(lowered):  # "ⓒ연합뉴스": Korean's mark
        after = re.match(r"(?:\s*©)?(?:\s+\d{4})?\s*", lowered[mark.end() : mark.end() + 12])
        names_from = mark.end() + (after.end() if after else 0)
        line_end = text.find("\n", mark.end())
        line = lowered[mark.end() : line_end if line_end >= 0 else len(text)]
        if (
            not in_caption(mark.start())
            or re.match(r"(?:\s*©)?\s+\d{4}", line)
            or re.search(r"\s(?:19|20)\d\d\W*$", line)
            or signs_story(text, mark.start())
        ):
            continue  # "Copyright 2024 The Associated Press", "© SPIEGEL ONLINE 2011": notices
        stop = _credit_end(text, names_from, opened=False)
        if stop > names_from:
            yield Region(mark.start(), stop, names_from=names_from)
    # What: parenthesised text holding a slash. Example: "(Jane Doe/AFP via Getty Images)".
    # Why linear: one negated class run, bounded, between literal parentheses.
    for paren in re.finditer(r"\(([^()\n]{1,150}(?:/| via )[^()\n]{1,150})\)", text):
        inner = paren.group(1).casefold()
        if any(word in re.findall(r"[a-z]+", inner) for word in cues.CREDIT_WORDS):
            yield Region(paren.start(), paren.end())
    yield from _agency_chains(text, registry, in_caption)
    mention_ends = {m.end for m in mentions}  # "The Guardian/Shutterstock": two outlets, no person
    by_start = {m.name_start: m for m in mentions}
    for mention in mentions:
        signed = signature(text, mention)
        if signed is not None and (not in_caption(mention.start) or text[signed[0]] == "©"):
            continue  # "fek/oka/AP/Reuters", "©SZ.de/dpa/dayk": a story's signature
        name = text[mention.name_start : mention.end]
        # "REUTERS/Jane Doe", "AP Photo/Evan Vucci": an agency's credit, name after a slash.
        # "EFE/ Name", "EFE/EPA/NAME": a space after the slash, or a second agency.
        tail = re.match(
            r"(?: Photo| PHOTO| Foto| FOTO)? ?/ ?[^\W\d_][^\n/()]{0,60}(?:/[^\W\d_][^\n/()]{0,60})?"
            r"| - [A-ZÀ-Þ][A-ZÀ-Þ .'’-]{2,40}(?=\))",  # "(AFP - RONALDO SCHEMIDT)"
            text[mention.end : mention.end + 130],
        )
        if (
            tail
            and (name.isupper() or tail.group().startswith(" Photo"))  # "ANTARA FOTO/"
            and not _source_pair(text, mention, by_start, registry, in_caption)
        ):
            end = _credit_end(text, mention.end + tail.end(), opened=False)
            yield Region(mention.name_start, end)
        slashed = _person_slash_credit(text, mention) or _via_credit(text, mention)
        if slashed is not None and mention.name_start - 1 not in mention_ends:
            yield slashed
        if outlet_alone_on_its_line(text, mention, registry):
            yield Region(mention.name_start, mention.end)
        if _AGENCY_COPYRIGHT.match(text, mention.end):
            # "РИА Новости © Илья Питалев": the agency, then its photographer's copyright
            copyright_at = text.index("©", mention.end)
            yield Region(mention.name_start, _credit_end(text, copyright_at, opened=False))
        piped = _piped_credit(text, mention, in_caption)
        if piped is not None:
            yield piped
        photographer = _photographer_dot_credit(text, mention, grammar, in_caption)
        if photographer is not None:
            yield photographer
        # "(EPA)" anywhere, "(AP)" or "(Reuters)" where a caption ends: alone in parentheses,
        # not followed by a dateline dash, an agency credits a picture.
        outlet = registry.get(mention.outlet_id)
        if (
            outlet
            and _is_photo_credit_paren(text, mention)
            and (
                outlet.kind == "photo_agency"
                or (in_caption(mention.start) and ends_its_line(text, mention.end + 1))
            )
        ):
            yield Region(mention.start - 1, mention.end + 1)
        elif (
            piped is None
            and photographer is None
            and _closes_caption(text, mention, registry, in_caption)
        ):
            yield Region(mention.name_start, mention.end)


def _credit_openers(text: str, lowered: str, runs: AbstractSet[str]) -> list[tuple[int, int]]:
    """Where a word that can open a credit label stands alone, in text order: only the
    openers among the text's word runs are looked for (a regex alternation of them all
    was tried at every position)."""
    found = occurrences(lowered, cues.CREDIT_OPENERS & runs)
    return [(start, end) for start, end in found if alone(text, start, end)]


def _copyright_marks(lowered: str) -> Iterator[re.Match[str]]:
    """ "©", "ⓒ", the word "copyright": most articles hold none, which ``in`` tells at C
    speed where the pattern's alternation would be tried at every position."""
    if "©" in lowered or "ⓒ" in lowered or "(c)" in lowered or "copyright" in lowered:
        yield from _COPYRIGHT_MARK.finditer(lowered)


# What: a copyright mark or the word. Why linear: a class or a literal between word bounds.
_COPYRIGHT_MARK = re.compile(r"[©ⓒ]|\(c\)|\bcopyright\b")


def ambiguous_mentions(text: str, credit: Region, registry: OutletRegistry) -> Iterator[Mention]:
    """Ambiguous aliases a credit names that the word matcher cannot see: those of unspaced
    scripts ("（ＡＰ＝共同）", "（時事）"); Latin ones ("Foto: ANP") it finds itself; and agencies
    written in lower case ("-/kyodo/dpa"). Each part of the credit must be the whole name."""
    start = max(credit.start, credit.names_from)
    for part in _CREDIT_SEPARATORS.finditer(text, start, credit.end):
        yield from _ambiguous_part(text, start, part.start(), registry)
        start = part.end()
    yield from _ambiguous_part(text, start, credit.end, registry)


_PART_TRIM = frozenset(" ()[].（）［］")


def _ambiguous_part(text: str, start: int, end: int, registry: OutletRegistry) -> Iterator[Mention]:
    while start < end and text[start] in _PART_TRIM:
        start += 1
    while end > start and text[end - 1] in _PART_TRIM:
        end -= 1
    words = name_tokens(text[start:end]) if start < end else ()
    outlet_id = registry.by_ambiguous.get(words) if words else None
    if outlet_id is None and words and all(w.islower() for w in words):
        # "Foto: -/kyodo/dpa": a wire in lower case, as German credits write agencies
        folded = registry.by_folded_tokens.get(words)
        outlet = registry.get(folded) if folded else None
        if outlet is not None and outlet.kind in ("agency", "photo_agency"):
            outlet_id = folded
    if outlet_id is not None:
        yield Mention(start, end, start, outlet_id)


# What: a copyright mark and a person's capitalised name after an agency, on its line or the
# next. Example: " © Илья Питалев". Why linear: literals, then one class and a bounded run.
_AGENCY_COPYRIGHT = re.compile(r"\s{0,3}© ?[^\W\d_a-zа-я][^\W\d_]{1,30} [^\W\d_a-zа-я]")


def _piped_credit(text: str, mention: Mention, in_caption: Callable[[int], bool]) -> Region | None:
    """ "Rajoy en el Congreso | EFE", "Jane Doe | Bloomberg | Getty Images": a caption whose
    last parts, after a bar, credit the picture; the name ends the line or another bar
    follows it."""
    if text[max(0, mention.name_start - 3) : mention.name_start] != " | ":
        return None
    rest = text[mention.end : mention.end + 3]
    if not (ends_its_line(text, mention.end) or rest.startswith(" | ")):
        return None
    if PLACE_BAR.search(text, max(0, mention.name_start - 36), mention.name_start):
        return None  # "MADRID | EUROPA PRESS": where the story was filed, and by whom
    if not in_caption(mention.name_start):
        return None
    return Region(mention.name_start - 2, mention.end, names_from=mention.name_start)


def _photographer_dot_credit(
    text: str, mention: Mention, grammar: Grammar, in_caption: Callable[[int], bool]
) -> Region | None:
    """ "(Photo Lionel Bonaventure. AFP)", "Photo Markus Schreiber. AP": a label, the
    photographer, a full stop, the agency, which closes the line or the parenthesis."""
    if text[max(0, mention.name_start - 2) : mention.name_start] != ". ":
        return None
    closed = text[mention.end : mention.end + 1] == ")"
    if not (closed or ends_its_line(text, mention.end)):
        return None
    line_start = text.rfind("\n", 0, mention.name_start) + 1
    found = _PHOTOGRAPHER.search(text, max(line_start, mention.name_start - 60), mention.name_start)
    if found is None or found.group("label").casefold() not in grammar.credit_labels:
        return None
    label = found.start("label")
    if not (_credit_position(text, label) or in_caption(label)):
        return None
    return Region(label, mention.end, names_from=mention.name_start)


# What: a credit label, a person's name of two to four capitalised words, a full stop, up to
# the agency. Example: "Photo Lionel Bonaventure. ". Why linear: anchored at the window's end;
# bounded runs of name characters between single spaces.
_PHOTOGRAPHER = re.compile(
    r"(?P<label>[^\W\d_]{4,12}) [A-ZÀ-Þ][\w'’-]{0,30}(?: [A-ZÀ-Þ][\w'’-]{0,30}){1,3}\. $"
)


def _source_pair(
    text: str,
    mention: Mention,
    by_start: dict[int, Mention],
    registry: OutletRegistry,
    in_caption: Callable[[int], bool],
) -> bool:
    """ "PAP/Rynek Zdrowia" under a headline: an agency and the publication that ran its story,
    a source line, not a picture's credit (a second agency, "EFE/EPA", still credits one)."""
    if in_caption(mention.start) or text[mention.end : mention.end + 1] != "/":
        return False
    following = by_start.get(mention.end + 1)
    outlet = registry.get(following.outlet_id) if following is not None else None
    return outlet is not None and outlet.kind not in ("agency", "photo_agency")


def _agency_chains(
    text: str, registry: OutletRegistry, in_caption: Callable[[int], bool]
) -> Iterator[Region]:
    """ "（ＡＰ＝共同）", "(Reuters/AFP)", "（共同）" in a caption: a parenthesis holding only
    outlets, joined by "＝" (Japanese: AP's picture, distributed by Kyodo) or a slash. Alone,
    the name must close its line (so "(Reuters) -", a dateline, is not one)."""
    for paren in _PAREN.finditer(text):
        parts = _CHAIN_JOINER.split(paren.group(1))
        if len(parts) == 1 and not ends_its_line(text, paren.end()):
            continue
        if all(_outlet_named(part.strip(), registry) for part in parts) and in_caption(
            paren.start()
        ):
            yield Region(paren.start(), paren.end())


def _outlet_named(part: str, registry: OutletRegistry) -> bool:
    words = name_tokens(part)
    return bool(words) and (
        part in registry.unspaced_names
        or registry.match_words(words) is not None
        or words in registry.by_ambiguous
    )


# What: a short parenthesis on one line, ASCII or full-width. Example: "（ＡＰ＝共同）".
# Why linear: a bounded negated class run between literal brackets.
_PAREN = re.compile(r"[（(]([^（）()\n]{2,40})[）)]")
# What: what joins the outlets of a chain. Why linear: a literal class.
_CHAIN_JOINER = re.compile(r"[＝=/]")


_LONE_LABELS = frozenset({"credit", "credits", "photo", "photos", "photograph", "image", "images"})


def outlet_alone_on_its_line(text: str, mention: Mention, registry: OutletRegistry) -> bool:
    """ "REUTERS" on a line of its own under a caption: an agency in capitals credits the
    picture above; nothing else stands on such a line."""
    name = text[mention.name_start : mention.end]
    outlet = registry.get(mention.outlet_id)
    if outlet is None or outlet.kind not in ("agency", "photo_agency") or not name.isupper():
        return False
    line_start = text.rfind("\n", 0, mention.name_start) + 1
    line_end = text.find("\n", mention.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return line.strip() == name


def _closes_caption(
    text: str, mention: Mention, registry: OutletRegistry, in_caption: Callable[[int], bool]
) -> bool:
    """ "Kawhi Leonard AFP", "…após o ataque. AP", "Freada Kapor Klein. NYT": an outlet in
    capitals closing a caption's line credits the picture, as a credit line of its own would."""
    name = text[mention.name_start : mention.end]
    outlet = registry.get(mention.outlet_id)
    agency = outlet is not None and outlet.kind in ("agency", "photo_agency")
    if (
        outlet is None
        or text[mention.name_start - 1 : mention.name_start] not in (" ", "\u00a0", ".")
        or not ends_its_line(text, mention.end)
    ):
        return False  # "." before: the credit glued to the caption ("Klein.NYT")
    line_start = text.rfind("\n", 0, mention.name_start) + 1
    before = text[line_start : mention.name_start].split()
    if not before or not in_caption(mention.start):
        return False
    if not name.isupper():  # "…en el exterior de México. Reuters": a wire after a full stop
        return agency and name[:1].isupper() and before[-1].endswith(".")
    # the caption's last word or a slash or dash before the credit ("du matin. / LA DÉPÊCHE
    # DU MIDI"), not a byline's "avec", a list's "and" or a dateline's "MADRID |"; an
    # outlet of another kind than a wire only after the caption's full stop (". NYT")
    return (
        before[-1].endswith(".")
        or before[-1] in ("/", "-", "–", "—")
        or (agency and before[-1].istitle() and before[-1].isalpha())
    )


def _labelled(text: str, grammar: Grammar, in_caption: Callable[[int], bool]) -> Iterator[Region]:
    """A credit label of any language at a credit's place: "Foto: dpa", "Фото: ТАСС"; in a
    caption, also after its text ("…добровольцем Фото: Илья Московец © URA.RU")."""
    for separator in _separators(text):  # few per article: look back from each
        window = max(0, separator.start() - 24)
        label = next(
            (
                found
                for pattern in (_LABEL_BEFORE, _GLUED_LABEL)
                if (found := pattern.search(text, window, separator.start())) is not None
                and found.group("label").casefold() in grammar.credit_labels
            ),
            None,
        )
        if label is None:
            continue
        start = label.start("label")
        glued = start > 0 and text[start - 1].islower() and text[start].isupper()
        if (
            not (_credit_position(text, start) or glued or in_caption(start))
            or not text[separator.end() : separator.end() + 1].strip()
        ):
            continue
        opened = text[start - 1 : start] in _OPENERS
        if (
            SOURCE_LABEL.fullmatch(text, start, separator.end())
            and not opened  # "[출처: 연합뉴스 자료사진]": a bracketed picture's source
            and not in_caption(start)
        ):
            continue  # "Quelle: dpa" under a story names its source: the grammar's byline
        stop = _credit_end(text, separator.end(), opened=opened)
        if stop > separator.end():
            yield Region(start, stop, names_from=separator.end())


# What: a credit label's separator and the spaces after it. Example: ": ", "/ ", " – ".
# Why linear: one class, a bounded run of spaces; a literal space, a class, a space.
_SEPARATOR = re.compile(r"[:|/][ \t]{0,2}")
_DASH_SEPARATOR = re.compile(r" [–—] ")  # "Фото – УНІАН", "Foto — dpa"


def _separators(text: str) -> Iterator[re.Match[str]]:
    """Both kinds of separator in text order, none inside another: two patterns that each
    open with a class or a literal are scanned far faster than their alternation."""
    end = -1
    for found in sorted(
        itertools.chain(_SEPARATOR.finditer(text), _DASH_SEPARATOR.finditer(text)),
        key=lambda m: m.start(),
    ):
        if found.start() >= end:
            end = found.end()
            yield found


# What: the label word right before a separator. Example: "Foto", "Bild ", "Фото", "Fot.".
# Why linear: a bounded class run anchored at the end of a 24-character window.
_LABEL_BEFORE = re.compile(r"(?<![^\W\d_])(?P<label>[^\W\d_]{2,20}\.?)[ \t]{0,2}$")
# What: a capitalised label glued to the caption before it, two elements without a space
# between. Example: "Credit" in "treatmentCredit: EPA". Why linear: as above, one class run.
_GLUED_LABEL = re.compile(r"(?<=[a-zа-я])(?P<label>[A-ZА-Я][^\W\d_]{1,19})[ \t]{0,2}$")


def _label_alone(text: str, start: int, end: int) -> Region | None:
    """ "Credit" or "Photo" alone on its line, the credit on the next: the next line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0 or text[line_start:start].strip() or text[end:line_end].strip(" \t:"):
        return None
    following = line_end
    while following < len(text) and text[following] in "\n \t":
        following += 1
    stop = _credit_end(text, following, opened=False)
    return Region(start, stop) if stop > following else None


# What: the parts of a credit between its separators. Example: "Jane Doe", "AFP", "Getty Images".
# Why linear: a literal alternation of separators used with split().
_CREDIT_SEPARATORS = re.compile(r"\s*/\s*|\s+via\s+|\s*[,;|=＝]\s*|\s*:\s*")


def unregistered_credits(
    text: str, credit: Region, known: list[tuple[int, int]]
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
        after_slash = (
            "/" in text[max(credit.start, credit.names_from) : start]  # not "FOTO/Budi Setya"
            and not any(b <= start for _, b in known)
            and not _HANDOUT.search(text, credit.start, start)
        )
        structural = (
            after_slash
            and name[:1].isupper()
            and not {w.lower() for w in name.split()} & (JOB_WORDS | NOT_AGENCIES)
        )
        if not any(a < end and start < b for a, b in known) and (structural or publication(name)):
            yield Attribution(
                span=Span.of(text, credit.start, credit.end),
                kind=AttributionKind.IMAGE_CREDIT,
                name=name,
                outlet_id=None,
                name_span=Span.of(text, start, start + len(name)),
                unregistered=True,
            )


# A credit may open inside parentheses or brackets: "(Photo: AFP)", "[출처: 연합뉴스]", "（写真：".
_OPENERS = ("(", "[", "（")
# What: the bracket that closes a credit. Why linear: a single character class.
_CLOSER = re.compile(r"[)\]）]")


# What: a handout or reproduction marker before a slash: the name after it is the company or
# channel that supplied the picture, not an agency. Example: "Divulgação/", "Reprodução/".
# Why linear: a literal alternation, one optional space, a literal slash.
_HANDOUT = re.compile(r"(?i:divulga[çc][ãa]o|reprodu[çc][ãa]o|handout|courtesy|cortes[íi]a) ?/")


def _credit_position(text: str, start: int) -> bool:
    """A credit label opens a line, a sentence or a parenthesis: "Photo: …", "(Photo: …)",
    "…dron.Foto: …" (a caption and its credit, two elements glued after a full stop)."""
    before = text[max(0, start - 2) : start]
    if start == 0 or before.endswith(("\n", *_OPENERS)):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip(" \t"):
        return True
    if before[-1:] in (".", "!", "?") and text[start : start + 1].isupper():
        return True
    return len(before) == 2 and before[0] in ".!?" and before[1].isspace()


# What: a photographer's name right before the slash of a credit. Example: "Kent Hallworth/".
# Why linear: anchored at the end of a short window; bounded runs of name characters.
_CREDITED_PERSON = re.compile(
    r"(?:^|(?<=[(\s]))[A-ZА-ЯЁІЇЄҐ][\w.'’-]{0,30}(?: [A-ZА-ЯЁІЇЄҐ][\w.'’-]{0,30}){0,3}$"
)


def _person_slash_credit(text: str, mention: Mention) -> Region | None:
    """ "Kent Hallworth/Bloomberg via Getty Images", "(Rick Alvarado/AP)", "Jordan Vesel /
    Duluth News Tribune": a person, a slash, the agency: a photo credit without a label."""
    slash = text.rfind("/", max(0, mention.name_start - 3), mention.name_start)
    if slash < 0 or text[slash + 1 : mention.name_start].strip():
        return None
    before = slash - 1 if text[slash - 1 : slash] == " " else slash
    line_start = text.rfind("\n", 0, before) + 1
    person = _CREDITED_PERSON.search(text, max(line_start, before - 60), before)
    if person is None or SOURCE_LABEL.search(text, line_start, person.start()):
        return None  # "Źródło informacji: IAR/PAP": the story's sources, not a picture's
    return _credit_from(text, person.start(), mention.end)


# What: "Person/Agency via " right before a name. Example: "Carlos Ybarra/VIEWpress via ".
# Why linear: anchored at the end of a short window; bounded runs between literals.
_VIA_CREDIT = re.compile(
    r"(?:^|(?<=[(\s]))[A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30}){0,3} ?/ ?[^\s/()]{1,40}"
    r"(?: [^\s/()]{1,40}){0,3} via $"
)


def _via_credit(text: str, mention: Mention) -> Region | None:
    """ "Carlos Ybarra/VIEWpress via Getty Images": the agency after "via" in a slash credit."""
    if text[max(0, mention.name_start - 4) : mention.name_start] != "via ":
        return None
    line_start = text.rfind("\n", 0, mention.name_start) + 1
    credit = _VIA_CREDIT.search(text, max(line_start, mention.name_start - 140), mention.name_start)
    if credit is None:
        return None
    return _credit_from(text, credit.start(), mention.end)


def _credit_from(text: str, start: int, name_end: int) -> Region:
    """A credit from its first word to its end, its parentheses included when it has them."""
    opened = text[start - 1 : start] in _OPENERS
    end = _credit_end(text, name_end, opened=opened)
    return Region(start - 1 if opened else start, end + (1 if opened else 0))


def _is_photo_credit_paren(text: str, mention: Mention) -> bool:
    if text[mention.start - 1 : mention.start] != "(" or text[mention.end : mention.end + 1] != ")":
        return False
    return not re.match(r"\s{0,2}[-–—]", text[mention.end + 1 : mention.end + 4])


def _credit_end(text: str, start: int, *, opened: bool) -> int:
    """A credit runs to the end of its line, its closing parenthesis, or its sentence."""
    limit = min(len(text), start + 160)
    line_end = text.find("\n", start, limit)
    end = line_end if line_end >= 0 else limit
    if opened:
        close = _CLOSER.search(text, start, end)
        end = close.start() if close else end
    sentence = re.search(r"[.;](?:\s|$)", text[start:end])
    if sentence:
        end = start + sentence.start()
    while end > start and text[end - 1] in " \t,":
        end -= 1
    return end

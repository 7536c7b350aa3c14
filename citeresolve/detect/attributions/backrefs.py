"""Back-references: "the newspaper reported", "according to the agency" mean an outlet named before.

They are unnamed mentions in the text, but a fact-checker wants to know which outlet they most
likely mean: the nearest credited outlet before them whose kind fits the noun.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence

from citeresolve.detect.attributions.grammar import cue_around
from citeresolve.detect.attributions.words import OPENING_QUOTES, alone, longest_first
from citeresolve.detect.lexicon import Grammar
from citeresolve.model import Attribution, AttributionKind, Span
from citeresolve.outlets.registry import OutletRegistry
from citeresolve.scripts import UNSPACED

# The outlet kind a back-referring noun stands for, by the noun's first letters (stems across
# languages: "newspaper", "Zeitung", "quotidien", "diario", "газета"...).
_KIND_OF_NOUN = (
    (
        (
            "newspaper",
            "paper",
            "daily",
            "tabloid",
            "zeitung",
            "blatt",
            "journal",
            "quotidien",
            "diario",
            "periódico",
            "jornal",
            "quotidiano",
            "giornale",
            "gazeta",
            "krant",
            "газет",
            "dziennik",
            "新聞",
            "报",
        ),
        "newspaper",
    ),
    (
        (
            "agency",
            "agentur",
            "agence",
            "agencia",
            "agência",
            "agenzia",
            "agencja",
            "agentschap",
            "агентств",
            "通信",
            "社",
        ),
        "agency",
    ),
    (
        (
            "broadcaster",
            "channel",
            "network",
            "station",
            "sender",
            "chaîne",
            "cadena",
            "emissora",
            "emittente",
            "stacja",
            "omroep",
            "телеканал",
            "канал",
            "放送",
            "台",
        ),
        "broadcaster",
    ),
    (("magazine", "magazin", "revista", "rivista", "magazyn", "журнал", "誌"), "magazine"),
    (
        ("site", "website", "portal", "outlet", "сайт", "издани", "видан", "portail", "sito"),
        "digital",
    ),
)
NEAREST = 6  # credited outlets looked back over for one whose kind fits


def back_references(
    text: str,
    lowered: str,
    hits: list[tuple[int, int]],
    grammar: Grammar,
    found: Sequence[Attribution],
    registry: OutletRegistry,
    first_mention: int | None = None,
) -> Iterator[Attribution]:
    """Every cued back-reference, with the credited outlet before it that it most likely means;
    after an outlet only mentioned (``first_mention``, no cue credited it), a paper, channel or
    site with no referent."""
    named = sorted(
        (a for a in found if a.outlet_id and a.kind != AttributionKind.IMAGE_CREDIT),
        key=lambda a: a.name_span.start,
    )
    starts = [a.name_span.start for a in named]
    taken: list[tuple[int, int]] = []
    lang_of = grammar.back_reference_langs
    for start, end in longest_first(hits):
        phrase = lowered[start:end]
        lang = lang_of.get(phrase, "und")
        glued = UNSPACED.match(phrase)  # "同紙によると", "매체는": no space after the noun
        if glued and any(a.name_span.start < end and start < a.name_span.end for a in named):
            continue  # "同通信" inside "共同通信": a piece of the name, not a reference to it
        if not (glued or alone(text, start, end)) or any(a < end and start < b for a, b in taken):
            continue
        if text[start - 1 : start] in OPENING_QUOTES:
            continue  # «Газета.ру», "Das Blatt": a title in quotes is a name
        following = text[end : end + 2]
        if following[:1] == " " and following[1:2].isupper():
            continue  # "the newspaper Le Monde": a descriptor of the name after it
        if following[:1] == " " and following[1:2] in OPENING_QUOTES:
            continue  # "місцеве видання «Інформатор»": the title follows
        before = bisect_right(starts, start) - 1
        if before < 0 and (
            first_mention is None or first_mention >= start or _kind_of(phrase) == "agency"
        ):
            # No outlet credited before: a paper, channel or site the text named without a
            # cue ("КП" in a headline) may be meant, "the agency" most often a government's.
            continue
        hit = cue_around(text, start, end, grammar)
        if hit is None:
            continue
        taken.append((start, end))
        recent = named[max(0, before - NEAREST + 1) : before + 1] if before >= 0 else []
        referent = _referent(phrase, recent, registry)
        written = text[start:end]
        yield Attribution(
            span=hit.span,
            kind=hit.kind,
            name=written[:1].lower() + written[1:],
            outlet_id=None,
            name_span=Span.of(text, start, end),
            lang=hit.lang or lang,
            refers_to=referent,
            rule="back-reference",
        )


def _kind_of(phrase: str) -> str | None:
    return next(
        (kind for stems, kind in _KIND_OF_NOUN if any(stem in phrase for stem in stems)), None
    )


def _referent(phrase: str, recent: Sequence[Attribution], registry: OutletRegistry) -> str | None:
    wanted = _kind_of(phrase)
    for attribution in reversed(recent):
        outlet = registry.get(attribution.outlet_id or "")
        if wanted is None or (outlet is not None and outlet.kind == wanted):
            return attribution.outlet_id
    return recent[-1].outlet_id if recent else None

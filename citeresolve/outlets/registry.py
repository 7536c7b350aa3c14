"""The outlet registry: names, aliases, domains and handles of news outlets, from a data file."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from citeresolve.errors import OutletRegistryError
from citeresolve.scripts import UNSPACED

KINDS = frozenset({"agency", "newspaper", "broadcaster", "magazine", "digital", "photo_agency"})
SCHEMA = "citeresolve.outlets/1"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DOMAIN = re.compile(r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# What: the words of a name, with inner dots/hyphens/apostrophes/ampersands kept.
# Example: "Agence France-Presse" -> Agence, France-Presse. Why linear: each repetition starts
# with a punctuation char the word class excludes, so there is one way to split.
_WORD = re.compile(r"[^\W_]+(?:[.'’&-][^\W_]+)*", re.UNICODE)


def name_tokens(name: str) -> tuple[str, ...]:
    """A name as the tuple of words the matcher compares, without a leading "The".

    >>> name_tokens("The New York Times"), name_tokens("Agence France-Presse")
    (('New', 'York', 'Times'), ('Agence', 'France-Presse'))
    """
    words = tuple(
        w[:-2] if w[-2:] in ("'s", "’s") and len(w) > 2 else w for w in _WORD.findall(name)
    )
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return words


@dataclass(frozen=True, slots=True)
class Outlet:
    """One outlet as the registry (or an ``--outlets`` file) describes it."""

    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    handles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    registry: bool = True
    # The name is also an ordinary word ("Time", "Bild", "Público"): credited only where
    # typography sets it apart (a capital inside a sentence, quotes, italics, a credit line).
    common_word: bool = False

    def node_data(self) -> dict[str, Any]:
        """The outlet's fields as DESIGN §3 prints them on an ``outlet`` node."""
        return {
            "label": self.name,
            "aliases": [*self.aliases, *self.ambiguous_aliases],
            "domains": list(self.domains),
            "handles": {
                platform: names[0] for platform, names in sorted(self.handles.items()) if names
            },
            "country": self.country,
            "kind": self.kind,
            "registry": self.registry,
        }


# Polish case endings, longest first: "Tygodniku", "Powszechnym", "Rzeczpospolitej", "Gazecie".
_POLISH_ENDINGS = (
    *("iego", "iemu", "ami", "ach", "owi", "ego", "emu", "iej", "ich"),
    *("ej", "ym", "im", "om", "ów", "em", "ie"),
    *("ą", "ę", "a", "e", "i", "u", "y", "o"),
)
# A stem's last consonant as declension alternates it: "Gazeta"/"Gazecie", "Polityka"/"Polityce".
_POLISH_ALTERNATION = {"t": "c", "k": "c"}


def polish_stem(word: str) -> str:
    """A Polish word without its case ending, its alternating consonant made one:
    "Rzeczpospolitej" and "Rzeczpospolita" are both "Rzeczpospolic".

    >>> polish_stem("Tygodniku"), polish_stem("Tygodnik"), polish_stem("Gazecie")
    ('Tygodnic', 'Tygodnic', 'Gazec')
    """
    for ending in _POLISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    return word[:-1] + _POLISH_ALTERNATION.get(word[-1], word[-1]) if word else word


# What: a word in Cyrillic script. Example: "Ведомостям". Why linear: one class run.
CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{3,}")
# Case endings of Russian and Ukrainian nouns and adjectives, longest first: "Ведомостям" is
# "Ведомости", "Українській правді" is "Українська правда", "Новой газете" "Новая газета".
_CYRILLIC_ENDINGS = tuple(
    sorted(
        """ами ями ому ему ого его ої ій ая яя ое ее ые ие ую юю ых их ым им ах ях ам ям ов ев
        ів ей ой ий ый ом ем а я у ю е и ы ъ ь й о і ї""".split(),
        key=len,
        reverse=True,
    )
)


def cyrillic_stem(word: str) -> str:
    """A Russian or Ukrainian word case-folded, without its case ending (a stem of three
    letters or more is kept): the forms of one name share it.

    >>> cyrillic_stem("Ведомостям") == cyrillic_stem("Ведомости")
    True
    """
    folded = word.casefold()
    for ending in _CYRILLIC_ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            return folded[: -len(ending)]
    return folded


GERMAN_COUNTRIES = frozenset({"DE", "AT", "CH", "LI", "LU"})


def _german_declined(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """A German name's adjectives in their weak ending, as after "der", "des", "dem": "der
    Deutschen Presse-Agentur", "der Süddeutschen Zeitung", "der Neuen Zürcher Zeitung".

    >>> _german_declined(("Frankfurter", "Allgemeine", "Zeitung"))
    ('Frankfurter', 'Allgemeinen', 'Zeitung')
    >>> _german_declined(("Frankfurter", "Allgemeine"))
    ('Frankfurter', 'Allgemeinen')
    """
    if len(words) < 2:
        return None

    def adjective(word: str) -> bool:
        return word[:1].isupper() and word[-2:] in _WEAK_ADJECTIVE_ENDS and word not in _ARTICLES

    declined = tuple(
        w + "n" if i < len(words) - 1 and adjective(w) else w for i, w in enumerate(words)
    )
    if declined == words and adjective(words[-1]) and words[-1].endswith(("ine", "che")):
        declined = (*words[:-1], words[-1] + "n")  # "Frankfurter Allgemeine", "Rheinische"
    return declined if declined != words else None


def _german_genitive(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """A masculine or neuter German name in the genitive, without its article: "des Spiegels",
    "des Tagesspiegels", "des Handelsblatts", "des Kölner Stadt-Anzeigers" (a feminine
    name, "Die Zeit", does not change).

    >>> _german_genitive(("Der", "Spiegel")), _german_genitive(("Kölner", "Stadt-Anzeiger"))
    (('Spiegels',), ('Kölner', 'Stadt-Anzeigers'))
    """
    if words and words[0] in ("Der", "Das"):
        words = words[1:]
    elif words and words[0] in _ARTICLES:
        return None
    if not words or not words[-1][:1].isupper() or len(words[-1]) < 3:
        return None
    last = words[-1]
    if (
        not last[-1:].isalpha()
        or last[-1] in "sßxzSX"
        or last.isupper()
        or last[-1] in "aeiouy"
        or last.casefold().endswith(_FEMININE_ENDS)  # "der Süddeutschen Zeitung", "der Welt"
    ):
        return None
    declined = _german_declined(words) or words
    return (*declined[:-1], last + "s")


def _german_genitives(outlet: Outlet) -> Iterator[tuple[tuple[str, ...], bool]]:
    """A German outlet's names in the genitive, each with whether it is cue-only: a name
    with its article ("Der Spiegel") gives "Spiegels", a word alone as ambiguous as the
    alias "Spiegel" is; a cue-only alias gives a cue-only genitive, unless the outlet is
    feminine ("Die Zeit": "der Zeit")."""
    if outlet.country not in GERMAN_COUNTRIES:
        return
    for name in (outlet.name, *outlet.aliases):
        words = name_tokens(name)
        genitive = _german_genitive(words)
        if genitive is None:
            continue
        if words[:1] not in (("Der",), ("Das",)):
            yield genitive, False
        elif name == outlet.name:
            yield genitive, True
    if not outlet.name.startswith("Die "):
        for alias in outlet.ambiguous_aliases:
            genitive = _german_genitive(name_tokens(alias))
            if genitive is not None:
                yield genitive, True


_FEMININE_ENDS = ("ung", "heit", "keit", "schaft", "ion", "tät", "post", "welt", "zeit", "stadt")
_WEAK_ADJECTIVE_ENDS = frozenset({"he", "ne", "le", "re", "te", "se", "ue", "ge", "ke"})
_ARTICLES = frozenset({"Die", "Der", "Das", "Des", "Dem", "Den"})


# Articles a Romance preposition absorbs: "al" is "a il", "du" is "de le", "ao" is "a o".
ROMANCE_ARTICLES = frozenset({"Il", "La", "Lo", "Le", "Les", "O", "A", "Os", "As", "El"})


# What: a word that may open a registry name, one not starting in ASCII lower case, and its
# inner joiners. Example: "Reuters", "France-Presse", "CNN's". Why linear: a character class
# the engine skips ahead on, then runs that each start with a joiner the class excludes; no
# lookbehind, so the search is not tried at every position (the caller checks the char before).
NAME_START = re.compile(r"[^\W_a-z][^\W_]*(?:[.'’&-][^\W_]+)*")


@dataclass(frozen=True)
class OutletRegistry:
    """Outlets by id, with the indexes lookups and the text matcher need."""

    outlets: Mapping[str, Outlet]
    by_tokens: Mapping[tuple[str, ...], str] = field(init=False, repr=False)
    by_folded_tokens: Mapping[tuple[str, ...], str] = field(init=False, repr=False)
    first_words: frozenset[str] = field(init=False, repr=False)
    # The most words of a name each first word (as written and case-folded) opens: the matcher
    # tries only those lengths, not the registry's longest name at every capitalised word.
    words_from: Mapping[str, int] = field(init=False, repr=False)
    by_domain: Mapping[str, str] = field(init=False, repr=False)
    by_handle: Mapping[tuple[str, str], str] = field(init=False, repr=False)
    # Names that are one ordinary word once "The" is dropped: "The Hindu", "The Age".
    article_required: frozenset[tuple[str, ...]] = field(init=False, repr=False)
    max_chars: int = field(init=False, repr=False)
    # Names that open with an ASCII lower-case word ("dpa", "taz", "la Repubblica"): the only
    # words in lower case the matcher looks at (NAME_START finds all the others).
    lowercase_first_words: Mapping[str, re.Pattern[str]] = field(init=False, repr=False)
    # Aliases too ambiguous to match freely ("ANP", "Getty", "Mail", "Spiegel") by their words,
    # each of one outlet only: a credit line ("Foto: ANP") names that outlet, and a cue does
    # where typography sets the word apart ("laut Spiegel"), as for common-word names.
    by_ambiguous: Mapping[tuple[str, ...], str] = field(init=False, repr=False)
    ambiguous_words_from: Mapping[str, int] = field(init=False, repr=False)
    # The second words (case-folded) of the names of two words or more, by their first word
    # (case-folded): "10" opens only "10 News", so "10 people" needs no more look.
    second_words: Mapping[str, frozenset[str]] = field(init=False, repr=False)
    # Polish names by the stems of their words ("Tygodnik Powszechny" as "Tygodnic Powszechn"):
    # Polish declines a paper's name ("w Tygodniku Powszechnym", "Rzeczpospolitej").
    by_polish_stems: Mapping[tuple[str, ...], str] = field(init=False, repr=False)
    # Russian and Ukrainian names by the stems of their words, for the same reason:
    # "сообщили «Ведомостям»", "«Українській правді»"; and the most words each first stem opens.
    by_cyrillic_stems: Mapping[tuple[str, ...], str] = field(init=False, repr=False)
    cyrillic_words_from: Mapping[str, int] = field(init=False, repr=False)
    # Names whose first word is a Romance article, by the words after it: "Il Messaggero" is
    # ("Messaggero",), for "al Messaggero", "du Monde", "ao Globo" (preposition and article
    # written as one word).
    by_words_after_article: Mapping[tuple[str, ...], str] = field(init=False, repr=False)
    words_after_article_firsts: frozenset[str] = field(init=False, repr=False)
    # Names written in Japanese, Chinese or Korean script ("ウォールストリート・ジャーナル",
    # "共同通信"), as written, and one pattern for all of them, longest first: text in those
    # scripts puts no space between words, so the word matcher cannot find them.
    unspaced_names: Mapping[str, str] = field(init=False, repr=False)
    unspaced_pattern: re.Pattern[str] | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        exact: dict[tuple[str, ...], str] = {}
        folded: dict[tuple[str, ...], str] = {}
        domains: dict[str, str] = {}
        handles: dict[tuple[str, str], str] = {}
        with_article: set[tuple[str, ...]] = set()
        without_article: set[tuple[str, ...]] = set()
        for outlet in self.outlets.values():
            for name in _apostrophes(outlet.name, *outlet.aliases):
                words = name_tokens(name)
                if words:
                    exact.setdefault(words, outlet.id)
                    folded.setdefault(tuple(w.casefold() for w in words), outlet.id)
                    starts_with_the = name.split(maxsplit=1)[0].lower() == "the"
                    (with_article if starts_with_the else without_article).add(words)
            for domain in outlet.domains:
                domains.setdefault(domain, outlet.id)
            for platform, names in outlet.handles.items():
                for handle in names:
                    handles.setdefault((platform, handle.casefold()), outlet.id)
        for outlet in self.outlets.values():
            if outlet.country in GERMAN_COUNTRIES:
                free = [words for words, cue_only in _german_genitives(outlet) if not cue_only]
                declined_names = (
                    _german_declined(name_tokens(name)) for name in (outlet.name, *outlet.aliases)
                )
                for declined in (*declined_names, *free):
                    if declined is not None and declined not in exact:
                        exact[declined] = outlet.id
                        folded.setdefault(tuple(w.casefold() for w in declined), outlet.id)
        object.__setattr__(self, "by_tokens", exact)
        object.__setattr__(self, "by_folded_tokens", folded)
        words_from = _most_words_by_first(itertools.chain(exact, folded))
        object.__setattr__(self, "words_from", words_from)
        object.__setattr__(self, "first_words", frozenset(words_from))
        object.__setattr__(self, "by_domain", domains)
        object.__setattr__(self, "by_handle", handles)
        single = {words for words in with_article - without_article if len(words) == 1}
        object.__setattr__(self, "article_required", frozenset(single))
        object.__setattr__(self, "max_chars", max((len(" ".join(w)) for w in exact), default=1))
        # What: a lower-case name's first word, ending a word. Example: "dpa" in "dpa:".
        # Why linear: a literal first (the engine skips ahead to it), a one-char lookahead;
        # the caller checks the char before it.
        ambiguous: dict[tuple[str, ...], set[str]] = {}
        for outlet in self.outlets.values():
            for alias in outlet.ambiguous_aliases:
                if alias.endswith(("'s", "’s")):
                    continue  # "Harper's" would be matched as "Harper": a person
                ambiguous.setdefault(name_tokens(alias), set()).add(outlet.id)
            for genitive, cue_only in _german_genitives(outlet):
                if cue_only:  # "des Spiegels", as "Spiegel": set apart only
                    ambiguous.setdefault(genitive, set()).add(outlet.id)
        object.__setattr__(
            self,
            "by_ambiguous",
            {
                words: next(iter(ids))
                for words, ids in ambiguous.items()
                if words and len(ids) == 1 and words not in exact
            },
        )
        stems: dict[tuple[str, ...], str] = {}
        for outlet in self.outlets.values():
            if outlet.country != "PL":
                continue
            for name in (outlet.name, *outlet.aliases):
                words = name_tokens(name)
                if words and all(w[:1].isupper() and not w.isupper() for w in words):
                    stems.setdefault(tuple(polish_stem(w) for w in words), outlet.id)
        object.__setattr__(self, "by_polish_stems", stems)
        cyrillic: dict[tuple[str, ...], str] = {}
        for words, outlet_id in self.by_tokens.items():
            if words[0][:1].isupper() and all(CYRILLIC_WORD.fullmatch(w) for w in words):
                cyrillic.setdefault(tuple(cyrillic_stem(w) for w in words), outlet_id)
        object.__setattr__(self, "by_cyrillic_stems", cyrillic)
        object.__setattr__(self, "cyrillic_words_from", _most_words_by_first(cyrillic))
        object.__setattr__(self, "ambiguous_words_from", _most_words_by_first(self.by_ambiguous))
        seconds: dict[str, set[str]] = {}
        for words in itertools.chain(exact, folded, self.by_ambiguous):
            if len(words) >= 2:
                seconds.setdefault(words[0].casefold(), set()).add(words[1].casefold())
        object.__setattr__(
            self, "second_words", {first: frozenset(s) for first, s in seconds.items()}
        )
        after_article: dict[tuple[str, ...], str] = {}
        # "Post" ends "Washington Post" too: "al Post" may mean either, so it means neither.
        last_words = Counter(words[-1] for words in exact if len(words) >= 2)
        for words, outlet_id in exact.items():
            rest = words[1:]
            if (
                len(words) >= 2
                and words[0] in ROMANCE_ARTICLES
                and rest[0][:1].isupper()
                and not (len(rest) == 1 and last_words[rest[0]] > 1)
            ):
                after_article.setdefault(rest, outlet_id)
        object.__setattr__(self, "by_words_after_article", after_article)
        object.__setattr__(
            self, "words_after_article_firsts", frozenset(w[0] for w in after_article)
        )
        unspaced: dict[str, str] = {}
        for outlet in self.outlets.values():
            for name in (outlet.name, *outlet.aliases):
                if len(name) >= 2 and UNSPACED.search(name):
                    unspaced.setdefault(name, outlet.id)
        object.__setattr__(self, "unspaced_names", unspaced)
        # What: any of those names, longest first. Example: "共同通信". Why linear: an
        # alternation of literals, tried at each position once.
        object.__setattr__(
            self,
            "unspaced_pattern",
            re.compile("|".join(re.escape(n) for n in sorted(unspaced, key=len, reverse=True)))
            if unspaced
            else None,
        )
        lowercase = {w[0] for w in exact if "a" <= w[0][0] <= "z"}
        object.__setattr__(
            self,
            "lowercase_first_words",
            {w: re.compile(re.escape(w) + r"(?![^\W_])") for w in sorted(lowercase)},
        )

    def __len__(self) -> int:
        return len(self.outlets)

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self.outlets.values())

    def get(self, outlet_id: str) -> Outlet | None:
        return self.outlets.get(outlet_id)

    def match_words(self, words: tuple[str, ...]) -> str | None:
        """The outlet whose name is exactly these words; ALL-CAPS text ("REUTERS/…") folds case."""
        found = self.by_tokens.get(words)
        if (
            found is None
            and (
                (
                    all(w.isupper() or not w.isalpha() for w in words)
                    and any(len(w) > 2 for w in words)
                )
                # "Wirtschaftswoche" for "WirtschaftsWoche", "Press Tv" for "Press TV": every
                # word capitalised, a long name or one of several words.
                or (all(w[:1].isupper() for w in words) and (len(words[0]) >= 8 or len(words) > 1))
            )
        ):
            found = self.by_folded_tokens.get(tuple(w.casefold() for w in words))
        if found is None and len(words) == 1 and "." in words[0]:
            found = self.by_domain.get(words[0].casefold())  # "Kompas.com": its own domain
        if found is None and len(words) == 1 and 3 <= len(words[0]) <= 5 and words[0].istitle():
            found = self.by_tokens.get(
                (words[0].upper(),)
            )  # "Bbc", "Ansa": an acronym as Italian and Spanish papers write it
        return found

    def needs_article(self, words: tuple[str, ...]) -> bool:
        """True for names only ever written "The X" with X one word: alone, X is a common word.

        >>> default_registry().needs_article(("Hindu",)), default_registry().needs_article(("CNN",))
        (True, False)
        """
        return words in self.article_required

    def by_url_host(self, host: str) -> Outlet | None:
        """The outlet behind a host: the longest registered domain it ends with.

        >>> default_registry().by_url_host("edition.cnn.com").name
        'CNN'
        """
        host = host.lower().rstrip(".")
        labels = host.split(".")
        for index in range(len(labels) - 1):
            outlet_id = self.by_domain.get(".".join(labels[index:]))
            if outlet_id:
                return self.outlets[outlet_id]
        return None

    def by_account(self, platform: str, handle: str) -> Outlet | None:
        outlet_id = self.by_handle.get((platform, handle.lstrip("@").casefold()))
        return self.outlets[outlet_id] if outlet_id else None

    def lookup(self, query: str) -> list[Outlet]:
        """Outlets answering to a name, alias, domain, URL or @handle (any platform).

        >>> [o.id for o in default_registry().lookup("@Reuters")]
        ['reuters']
        """
        query = query.strip()
        if not query:
            return []
        if query.startswith("@"):
            return _unique(self.by_account(platform, query) for platform in _platforms(self))
        if "://" in query or ("." in query and " " not in query and not query.endswith(".")):
            host = re.sub(r"^[a-z]+://", "", query.lower()).split("/")[0].split(":")[0]
            outlet = self.by_url_host(host)
            if outlet:
                return [outlet]
        words = name_tokens(query)
        folded = tuple(w.casefold() for w in words)
        exact = self.by_tokens.get(words) or self.by_folded_tokens.get(folded)
        if exact:
            return [self.outlets[exact]]
        needle = query.casefold()
        return sorted(
            (o for o in self.outlets.values() if needle in o.name.casefold() or needle == o.id),
            key=lambda o: o.name,
        )

    def merged(self, extra: Iterable[Outlet]) -> OutletRegistry:
        """A registry where ``extra`` entries add to or replace entries of the same id."""
        outlets = dict(self.outlets)
        for outlet in extra:
            outlets[outlet.id] = outlet
        return OutletRegistry(outlets)


def _apostrophes(*names: str) -> Iterator[str]:
    """Each name, and as typeset with the other apostrophe: "L'Espresso" is printed
    "L’Espresso" as often, and the matcher compares words as written."""
    for name in names:
        yield name
        if "'" in name:
            yield name.replace("'", "’")
        elif "’" in name:
            yield name.replace("’", "'")


def _most_words_by_first(names: Iterable[tuple[str, ...]]) -> dict[str, int]:
    """The most words of a name each first word opens: only those lengths are ever tried."""
    most: dict[str, int] = {}
    for words in names:
        most[words[0]] = max(most.get(words[0], 0), len(words))
    return most


def _platforms(registry: OutletRegistry) -> list[str]:
    return sorted({platform for platform, _ in registry.by_handle})


def _unique(outlets: Iterable[Outlet | None]) -> list[Outlet]:
    return list({o.id: o for o in outlets if o is not None}.values())


def parse_outlets(data: Any, *, origin: str, registry: bool = True) -> list[Outlet]:
    """Validate an outlets document (the shipped file or ``--outlets``) into Outlet records."""
    rows = data.get("outlets") if isinstance(data, Mapping) else data
    if not isinstance(rows, list):
        raise OutletRegistryError(f'{origin}: expected a list of outlets under "outlets"')
    outlets = []
    for index, row in enumerate(rows):
        where = f"{origin}: outlet #{index + 1}"
        if not isinstance(row, Mapping):
            raise OutletRegistryError(f"{where}: expected an object")
        outlet_id = row.get("id")
        name = row.get("name")
        kind = row.get("kind", "newspaper")
        if not isinstance(outlet_id, str) or not _ID.match(outlet_id):
            raise OutletRegistryError(f'{where}: "id" must be a lower-case slug like "le-monde"')
        if not isinstance(name, str) or not name.strip():
            raise OutletRegistryError(f'{where} ({outlet_id}): "name" is required')
        if kind not in KINDS:
            raise OutletRegistryError(
                f'{where} ({outlet_id}): "kind" must be one of {", ".join(sorted(KINDS))}'
            )
        domains = _strings(row.get("domains", []), f"{where} ({outlet_id}) domains")
        for domain in domains:
            if not _DOMAIN.match(domain):
                raise OutletRegistryError(f"{where} ({outlet_id}): {domain!r} is not a domain")
        raw_handles = row.get("handles", {})
        if not isinstance(raw_handles, Mapping):
            raise OutletRegistryError(
                f'{where} ({outlet_id}): "handles" must map platform to names'
            )
        handles = {
            str(platform): tuple(
                h.lstrip("@")
                for h in _strings(names if isinstance(names, list) else [names], f"{where} handles")
            )
            for platform, names in raw_handles.items()
        }
        country = row.get("country")
        common_word = row.get("common_word", False)
        if not isinstance(common_word, bool):
            raise OutletRegistryError(f'{where} ({outlet_id}): "common_word" must be true or false')
        outlets.append(
            Outlet(
                id=outlet_id,
                name=name.strip(),
                kind=kind,
                country=country if isinstance(country, str) else None,
                aliases=tuple(_strings(row.get("aliases", []), f"{where} aliases")),
                ambiguous_aliases=tuple(
                    _strings(row.get("ambiguous_aliases", []), f"{where} ambiguous_aliases")
                ),
                domains=tuple(domains),
                handles=handles,
                registry=registry,
                common_word=common_word,
            )
        )
    return outlets


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise OutletRegistryError(f"{where}: expected a list of strings")
    return [item.strip() for item in value if item.strip()]


@cache
def default_registry() -> OutletRegistry:
    """The registry shipped in the package, read once (it is immutable, so caching is safe)."""
    text = files("citeresolve.outlets").joinpath("outlets.json").read_text(encoding="utf-8")
    data = json.loads(text)
    if data.get("schema") != SCHEMA:
        raise OutletRegistryError(f"shipped outlets.json: schema is not {SCHEMA}")
    return OutletRegistry({o.id: o for o in parse_outlets(data, origin="outlets.json")})


def load_registry(extra_file: str | Path | None = None) -> OutletRegistry:
    """The shipped registry, with an ``--outlets`` file's entries added or overriding."""
    base = default_registry()
    if extra_file is None:
        return base
    path = Path(extra_file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OutletRegistryError(f"{path}: no such outlets file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise OutletRegistryError(f"{path}: cannot read outlets file ({exc})") from None
    except json.JSONDecodeError as exc:
        raise OutletRegistryError(
            f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})"
        ) from None
    extra = parse_outlets(data, origin=str(path))
    return base.merged(extra)

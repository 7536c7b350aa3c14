"""The shipped outlet registry is valid data, and lookups answer by name, domain and handle."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib.resources import files

import pytest

from citeresolve.errors import OutletRegistryError
from citeresolve.outlets.registry import KINDS, default_registry, load_registry, name_tokens

RAW = json.loads(files("citeresolve.outlets").joinpath("outlets.json").read_text(encoding="utf-8"))
OUTLETS = RAW["outlets"]
# Words that also mean something else in running prose: never an alias on their own.
COMMON_WORDS = {
    "times",
    "post",
    "sun",
    "mirror",
    "star",
    "globe",
    "mail",
    "express",
    "independent",
    "nation",
    "hill",
    "atlantic",
    "time",
    "fox",
    "sky",
    "today",
    "news",
    "daily",
    "herald",
    "tribune",
    "journal",
    "telegraph",
    "observer",
    "record",
    "chronicle",
    "examiner",
    "standard",
    "world",
    "press",
    "media",
    "report",
    "state",
}


def test_size_and_schema():
    assert RAW["schema"] == "citeresolve.outlets/1"
    assert len(OUTLETS) >= 1500
    assert RAW["credits"], "the published lists used must be credited"


def test_ids_unique_sorted_and_slugs():
    ids = [o["id"] for o in OUTLETS]
    assert ids == sorted(ids)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_fields_are_valid():
    for outlet in OUTLETS:
        assert outlet["kind"] in KINDS, outlet["id"]
        assert re.fullmatch(r"[A-Z]{2}", outlet["country"]), outlet["id"]
        assert outlet["domains"], outlet["id"]
        for domain in outlet["domains"]:
            assert re.fullmatch(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", domain), (
                outlet["id"],
                domain,
            )
            assert not domain.startswith("www."), domain
        for handle in outlet.get("handles", {}).get("twitter", []):
            assert re.fullmatch(r"[A-Za-z0-9_]{1,15}", handle), (outlet["id"], handle)


def test_no_domain_handle_or_name_shared_by_two_outlets():
    domains = Counter(d for o in OUTLETS for d in o["domains"])
    assert [d for d, n in domains.items() if n > 1] == []
    handles = Counter(
        (p, h.lower()) for o in OUTLETS for p, hs in o.get("handles", {}).items() for h in hs
    )
    assert [h for h, n in handles.items() if n > 1] == []
    names = Counter(
        t for o in OUTLETS for t in {name_tokens(n) for n in [o["name"], *o.get("aliases", [])]}
    )
    assert [n for n, count in names.items() if count > 1] == []


def test_no_alias_is_a_common_word_unless_the_outlet_says_so():
    for outlet in OUTLETS:
        if outlet.get("common_word"):
            continue  # matched only where typography sets the name apart
        for alias in outlet.get("aliases", []):
            assert " ".join(name_tokens(alias)).lower() not in COMMON_WORDS, (outlet["id"], alias)


def test_no_free_name_is_a_bare_number():
    # "the 42 buses" is no mention of The42: a number alone names nothing
    for outlet in OUTLETS:
        if outlet.get("common_word"):
            continue
        for name in (outlet["name"], *outlet.get("aliases", [])):
            words = name_tokens(name)
            assert not (len(words) == 1 and words[0].isdigit()), (outlet["id"], name)


REQUIRED = [
    "reuters",
    "associated-press",
    "afp",
    "bloomberg",
    "cnn",
    "bbc",
    "the-guardian",
    "shutterstock",
    "getty-images",
    "tass",
    "xinhua",
    "al-jazeera",
    "le-monde",
    "new-york-times",
]


@pytest.mark.parametrize("outlet_id", REQUIRED)
def test_covers_the_outlets_articles_cite_most(outlet_id):
    assert default_registry().get(outlet_id) is not None


LOOKUPS = [
    ("Reuters", "reuters", "name"),
    ("the guardian", "the-guardian", "name-any-case-with-the"),
    ("@CNN", "cnn", "handle"),
    ("edition.cnn.com", "cnn", "subdomain"),
    ("https://www.reuters.com/world/", "reuters", "url"),
    ("AFP", "afp", "alias"),
]


@pytest.mark.parametrize(("query", "outlet_id"), [pytest.param(q, i, id=c) for q, i, c in LOOKUPS])
def test_lookup(query, outlet_id):
    assert [o.id for o in default_registry().lookup(query)][:1] == [outlet_id]


def test_outlets_file_overrides_and_adds(tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text(
        json.dumps(
            [
                {
                    "id": "reuters",
                    "name": "Reuters",
                    "aliases": ["Thomson Reuters"],
                    "domains": ["reuters.com"],
                    "kind": "agency",
                },
                {
                    "id": "local-gazette",
                    "name": "Local Gazette",
                    "domains": ["localgazette.example"],
                    "kind": "newspaper",
                },
            ]
        )
    )
    registry = load_registry(extra)
    assert registry.get("local-gazette") is not None
    assert registry.get("reuters").handles == {}
    assert len(registry) == len(default_registry()) + 1


@pytest.mark.parametrize(
    ("content", "words"),
    [
        pytest.param("{", "not valid JSON", id="bad-json"),
        pytest.param('{"outlets": {}}', "expected a list", id="not-a-list"),
        pytest.param('[{"id": "Bad Id", "name": "x"}]', "slug", id="bad-id"),
        pytest.param('[{"id": "x", "name": "X", "kind": "blog"}]', "kind", id="bad-kind"),
        pytest.param(
            '[{"id": "x", "name": "X", "domains": ["not a domain"]}]',
            "not a domain",
            id="bad-domain",
        ),
        pytest.param(
            '[{"id": "x", "name": "X", "common_word": "yes"}]', "common_word", id="bad-common-word"
        ),
    ],
)
def test_bad_outlets_file(tmp_path, content, words):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(OutletRegistryError, match=words):
        load_registry(path)


# The countries of the lexicon languages: each has its agencies, broadcasters and papers.
LANGUAGE_COUNTRIES = {
    "de": ("DE", "AT", "CH"),
    "fr": ("FR", "BE", "CH"),
    "es": ("ES", "MX", "AR", "CO", "CL"),
    "pt": ("PT", "BR"),
    "it": ("IT",),
    "pl": ("PL",),
    "ru": ("RU",),
    "uk": ("UA",),
    "nl": ("NL", "BE"),
    "ja": ("JP",),
}


@pytest.mark.parametrize("lang", sorted(LANGUAGE_COUNTRIES))
def test_every_lexicon_language_has_its_outlets(lang):
    countries = LANGUAGE_COUNTRIES[lang]
    assert sum(o["country"] in countries for o in OUTLETS) >= 20


@pytest.mark.parametrize(
    ("country", "script"), [("RU", "[а-яё]"), ("UA", "[а-яіїєґ]"), ("JP", "[ぁ-んァ-ン一-龯]")]
)
def test_outlets_of_other_scripts_have_their_native_names(country, script):
    native = [
        o
        for o in OUTLETS
        if o["country"] == country
        and any(re.search(script, n, re.I) for n in [o["name"], *o.get("aliases", [])])
    ]
    assert len(native) >= 10


def test_common_word_outlets_are_marked():
    marked = {o["id"] for o in OUTLETS if o.get("common_word")}
    assert {"time", "people"} <= marked


def test_german_names_in_the_genitive_only_where_german_declines_them():
    registry = default_registry()
    assert registry.by_tokens[("Handelsblatts",)] == "handelsblatt"
    assert registry.by_ambiguous[("Spiegels",)] == "der-spiegel"  # as "Spiegel": set apart
    # feminine names ("der Zeitung", "der Zeit") and names ending in s take no "-s"
    assert ("Frankfurter", "Allgemeinen", "Zeitungs") not in registry.by_tokens
    assert ("Zeits",) not in registry.by_tokens and ("Zeits",) not in registry.by_ambiguous
    assert ("Focuss",) not in registry.by_tokens

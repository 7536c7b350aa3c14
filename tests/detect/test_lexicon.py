"""The shipped attribution lexicon files: their shape, the languages that must be there, and
the loader's refusal of malformed files."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from citeresolve.detect.lexicon import (
    GAP,
    KEYS,
    UNNAMED_KEYS,
    UNSPACED,
    build_grammar,
    default_grammar,
)
from citeresolve.errors import LexiconError
from citeresolve.model import AttributionKind

LEXICON_DIR = Path(str(files("citeresolve.detect.lexicon")))
FILES = sorted(LEXICON_DIR.glob("*.json"))
REQUIRED_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "pl", "ru", "uk", "nl", "ja")
CUE_LISTS = ("before", "after", "after_nouns", "credit_phrases")
STRING_LISTS = (
    "between",
    "adverbs",
    "clause_followers",
    "agent_markers",
    "agent_heads",
    "speech_words",
    "media_nouns",
    "title_nouns",
    "credit_labels",
)
CUE_FIELDS = frozenset({"phrase", "kind", "inverted", "quoted", "broadcast", "after_saying"})
KINDS = frozenset(kind.value for kind in AttributionKind)

# The smallest lexicon the loader accepts; the error tests break it one way each.
MINIMAL: dict[str, Any] = {
    "lang": "xx",
    "language": "Test",
    "before": [{"phrase": "according to", "kind": "report"}],
    "after": [{"phrase": "reported", "kind": "report"}],
    "after_nouns": [],
    "between": [],
    "adverbs": [],
    "clause_followers": [],
    "agent_markers": [],
    "agent_heads": [],
    "speech_words": [],
    "media_nouns": [],
    "title_nouns": [],
    "unnamed": {"nouns": [], "adjectives": [], "phrases": [], "back_references": []},
    "credit_labels": [],
    "credit_phrases": [],
}


def _load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_bytes().decode("utf-8"))
    assert isinstance(data, dict)
    return data


def _phrases(entries: list[Any]) -> list[str]:
    return [e["phrase"] if isinstance(e, dict) else e for e in entries]


def _lists(data: dict[str, Any]) -> dict[str, list[Any]]:
    named = {key: data[key] for key in (*CUE_LISTS, *STRING_LISTS)}
    named.update({f"unnamed.{key}": data["unnamed"][key] for key in sorted(UNNAMED_KEYS)})
    return named


def _folded(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.casefold())


def _by_lang() -> dict[str, dict[str, Any]]:
    return {path.stem: _load(path) for path in FILES}


def test_the_lexicon_folder_holds_files() -> None:
    assert FILES, LEXICON_DIR


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_file_is_utf8_json_with_exactly_the_loader_keys(path: Path) -> None:
    data = _load(path)
    assert set(data) == KEYS
    assert isinstance(data["unnamed"], dict) and set(data["unnamed"]) == UNNAMED_KEYS


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_lang_is_the_file_stem(path: Path) -> None:
    data = _load(path)
    assert data["lang"] == path.stem
    assert isinstance(data["language"], str) and data["language"].strip()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_cue_has_a_phrase_and_a_known_kind(path: Path) -> None:
    data = _load(path)
    for key in CUE_LISTS:
        assert isinstance(data[key], list), key
        for cue in data[key]:
            assert isinstance(cue, dict), (key, cue)
            assert set(cue) <= CUE_FIELDS, (key, cue)
            assert isinstance(cue.get("phrase"), str) and cue["phrase"].strip(), (key, cue)
            assert cue.get("kind") in KINDS, (key, cue)
            assert isinstance(cue.get("inverted", False), bool), (key, cue)
            assert isinstance(cue.get("quoted", False), bool), (key, cue)
            assert isinstance(cue.get("broadcast", False), bool), (key, cue)
            assert isinstance(cue.get("after_saying", False), bool), (key, cue)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_word_lists_hold_only_non_empty_strings(path: Path) -> None:
    data = _load(path)
    for key, entries in _lists(data).items():
        if key in CUE_LISTS:
            continue
        assert isinstance(entries, list), key
        for entry in entries:
            assert isinstance(entry, str) and entry.strip(), (key, entry)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_no_phrase_is_listed_twice_in_one_list(path: Path) -> None:
    for key, entries in _lists(_load(path)).items():
        folded = [_folded(p) for p in _phrases(entries)]
        twice = sorted({p for p in folded if folded.count(p) > 1})
        assert not twice, (key, twice)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_no_phrase_has_leading_or_trailing_space(path: Path) -> None:
    for key, entries in _lists(_load(path)).items():
        padded = [p for p in _phrases(entries) if p != p.strip()]
        assert not padded, (key, padded)


def test_every_cue_glued_after_a_name_opens_in_an_unspaced_script() -> None:
    """The grammar looks for glued cues ("によると", "에 따르면") only where such script
    follows the name: a cue opening otherwise would never be tried. A cue opening with its
    gap ("…报道称") opens with whatever the sentence holds, its verb in such script."""
    odd = [
        c.phrase
        for c in default_grammar().after_unspaced
        if not UNSPACED.match(c.phrase.removeprefix(GAP) if c.phrase.startswith(GAP) else c.phrase)
    ]
    assert not odd


@pytest.mark.parametrize("lang", REQUIRED_LANGUAGES)
def test_required_language_has_a_lexicon_with_cues_credits_and_unnamed_phrases(
    lang: str,
) -> None:
    path = LEXICON_DIR / f"{lang}.json"
    assert path.is_file(), f"no lexicon for {lang}"
    data = _load(path)
    assert len(data["before"]) + len(data["after"]) >= 10
    assert data["credit_labels"]
    assert data["unnamed"]["phrases"]


def test_build_grammar_merges_every_file() -> None:
    lexicons = _by_lang()
    grammar = build_grammar(lexicons.values())
    assert set(grammar.languages) == set(lexicons)
    assert len(grammar.languages) == len(lexicons)


def test_default_grammar_lists_every_language() -> None:
    assert set(default_grammar().languages) == {path.stem for path in FILES}


def test_minimal_lexicon_builds() -> None:
    assert build_grammar([MINIMAL]).languages == ("xx",)


def test_missing_key_raises_lexicon_error() -> None:
    broken = {k: v for k, v in MINIMAL.items() if k != "adverbs"}
    with pytest.raises(LexiconError, match="missing"):
        build_grammar([broken])


def test_unknown_key_raises_lexicon_error() -> None:
    with pytest.raises(LexiconError, match="unknown"):
        build_grammar([{**MINIMAL, "synonyms": []}])


def test_unnamed_with_a_missing_key_raises_lexicon_error() -> None:
    unnamed: dict[str, list[str]] = {"nouns": [], "adjectives": [], "phrases": []}
    with pytest.raises(LexiconError, match="unnamed"):
        build_grammar([{**MINIMAL, "unnamed": unnamed}])


def test_bad_kind_raises_lexicon_error() -> None:
    with pytest.raises(LexiconError, match="unknown kind"):
        build_grammar([{**MINIMAL, "after": [{"phrase": "reported", "kind": "rumour"}]}])


@pytest.mark.parametrize("cue", [{"kind": "report"}, {"phrase": "", "kind": "report"}, "laut"])
def test_cue_without_a_phrase_raises_lexicon_error(cue: Any) -> None:
    with pytest.raises(LexiconError, match="without a phrase"):
        build_grammar([{**MINIMAL, "before": [cue]}])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_title_noun_is_a_media_noun_the_grammar_may_step_over(path):
    data = _load(path)
    media = {_folded(w) for phrase in data["media_nouns"] for w in phrase.split()}
    strays = [n for n in data["title_nouns"] if not {_folded(w) for w in n.split()} & media]
    assert not strays


def test_a_media_noun_phrase_s_small_words_are_no_media_nouns():
    # "agencia de noticias" makes "agencia" and "noticias" media nouns, never "de" or "di"
    grammar = default_grammar()
    assert "agencia" in grammar.media_nouns
    assert not {"de", "di"} & grammar.media_nouns

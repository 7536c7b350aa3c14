"""The attribution grammar: cue order and tense, words between cue and name, lists, other
languages, back-references, language tags, and the mentions it must not credit."""

from __future__ import annotations

import pytest

from citeresolve.detect import explain
from citeresolve.detect.attributions import find_attributions
from citeresolve.detect.lexicon import build_grammar, default_grammar
from citeresolve.document import load
from citeresolve.errors import LexiconError
from citeresolve.outlets.registry import default_registry
from tests.helpers import assert_offsets_exact


def credited(text: str, *, name: str = "a.txt") -> set[str]:
    doc = load(name, data=text.encode())
    found = find_attributions(doc, default_registry())
    assert_offsets_exact(doc.text, [a.span for a in found] + [a.name_span for a in found])
    return {a.outlet_id or a.name for a in found}


WORD_ORDER = [
    ("The talks failed, reported the Guardian.", {"the-guardian"}, "inverted-reported"),
    ("Nobody was hurt, said Sky News.", {"sky-news"}, "inverted-said"),
    ("The actor tells Vanity Fair he is done.", {"vanity-fair"}, "tells"),
    ("The club confirmed to ITV News that he left.", {"itv-news"}, "confirmed-to"),
    ("Speaking to the BBC, she said it was over.", {"bbc"}, "speaking-to"),
    ("The deaths were confirmed by the Associated Press.", {"ap"}, "confirmed-by"),
]
WORDS_BETWEEN = [
    ("He said so in a phone interview with CBS News.", {"cbs-news"}, "phone-interview"),
    ("In an analysis of census data by Reuters, the gap grew.", {"reuters"}, "analysis-by"),
    ("She wrote in a Washington Post op-ed that it failed.", {"the-washington-post"}, "op-ed"),
    ("He was silent when CNN's anchor asked him.", {"cnn"}, "possessive-noun"),
]
LISTS = [
    ("The footage aired widely (Via NBC, CBS and ABC News).", {"nbc", "cbs", "abc-news"}, "via"),
    ("Ten died, according to Reuters and AFP.", {"reuters", "afp"}, "according-to-two"),
    ("Ten died, Reuters & AFP reported.", {"reuters", "afp"}, "ampersand"),
]
OTHER_LANGUAGES = [
    ("Das Treffen fand laut Spiegel am Montag statt.", {"der-spiegel"}, "de-laut"),
    ("Das Treffen sei gescheitert, berichtete der Spiegel.", {"der-spiegel"}, "de-inverted"),
    ("Die Bilanz fiel schlecht aus (mit Material von dpa).", {"dpa"}, "de-mit-material"),
    ("Die Zahlen stiegen, so die Daten unter Berufung auf Reuters.", {"reuters"}, "de-berufung"),
    ("Le sommet a échoué, selon l'AFP.", {"afp"}, "fr-selon-elided"),
    ("El acuerdo fracasó, según EFE.", {"efe"}, "es-segun"),
    ("Il vertice è fallito, secondo l'ANSA.", {"ansa"}, "it-secondo"),
    ("Szczyt się nie udał, podaje PAP.", {"pap"}, "pl-podaje"),
    ("Переговоры сорвались, сообщает ТАСС.", {"tass"}, "ru-soobshchaet"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(t, e, id=i) for t, e, i in WORD_ORDER + WORDS_BETWEEN + LISTS + OTHER_LANGUAGES],
)
def test_credited(text, expected):
    assert expected <= credited(text)


NOT_CREDITED = [
    ("Trump said CNN was fake news and left.", "cnn", "said-before-clause"),
    ("He owns shares in the Reuters building.", "reuters", "no-cue"),
]


@pytest.mark.parametrize(("text", "outlet"), [pytest.param(t, o, id=i) for t, o, i in NOT_CREDITED])
def test_not_credited(text, outlet):
    assert outlet not in credited(text)


def test_list_members_each_carry_evidence():
    doc = load("a.txt", data=b"Ten died, according to Reuters and AFP.")
    found = {a.outlet_id: a.span.text for a in find_attributions(doc, default_registry())}
    assert found == {"reuters": "according to Reuters", "afp": "according to Reuters and AFP"}


def test_back_reference_names_the_outlet_it_means():
    text = "The deal collapsed, Reuters reported. Talks resume Monday, the agency said."
    doc = load("a.txt", data=text.encode())
    backs = [a for a in find_attributions(doc, default_registry()) if a.refers_to]
    assert [(a.name, a.refers_to) for a in backs] == [("the agency", "reuters")]


def test_back_reference_without_an_outlet_before_it_is_not_one():
    doc = load("a.txt", data=b"The newspaper said the deal collapsed.")
    assert not [a for a in find_attributions(doc, default_registry()) if a.refers_to]


def test_lang_comes_from_the_page_then_from_the_cue():
    page = b"<html lang='de-AT'><body><article><p>Laut Reuters ist es vorbei.</p></article></body></html>"
    html = find_attributions(load("a.html", data=page), default_registry())
    assert [a.lang for a in html] == ["de-AT"]
    plain = find_attributions(
        load("a.txt", data="Selon l'AFP, c'est fini.".encode()), default_registry()
    )
    assert [a.lang for a in plain] == ["fr"]


def test_explain_says_why_a_mention_was_dropped():
    doc = load("a.txt", data=b"CNN is on the air. Talks stalled, according to Reuters.")
    verdicts = {c.name: (c.credited, c.rule) for c in explain(doc)}
    assert verdicts == {"CNN": (False, "no cue in reach"), "Reuters": (True, "before")}


def test_explain_marks_mentions_outside_the_article():
    page = (
        b"<html><body><article><p>"
        + b"Riders crossed the pass. " * 10
        + b"Talks stalled, according to Reuters.</p></article>"
        b"<aside class='most-read'>According to CNN, x.</aside></body></html>"
    )
    verdicts = {c.name: c for c in explain(load("a.html", data=page))}
    assert verdicts["Reuters"].credited
    assert not verdicts["CNN"].credited and verdicts["CNN"].rule.startswith("outside the article")


def test_shipped_lexicon_covers_the_languages():
    assert {"en", "de", "fr", "es", "pt", "it", "pl", "ru", "uk", "nl", "ja"} <= set(
        default_grammar().languages
    )


@pytest.mark.parametrize(
    ("lexicon", "message"),
    [
        pytest.param({"lang": "xx"}, "missing", id="missing-keys"),
        pytest.param([], "one JSON object", id="not-an-object"),
    ],
)
def test_malformed_lexicon_is_refused(lexicon, message):
    with pytest.raises(LexiconError, match=message):
        build_grammar([lexicon])

"""Outlet attributions: each cue, unnamed outlets, image credits, datelines, and look-alikes."""

from __future__ import annotations

import pytest

from citeresolve.detect.attributions import find_attributions
from citeresolve.detect.attributions.mentions import find_mentions
from citeresolve.document import load
from citeresolve.outlets.registry import default_registry
from tests.helpers import assert_offsets_exact


def attributions(text):
    doc = load("a.txt", data=text.encode())
    found = find_attributions(doc, default_registry())
    assert_offsets_exact(doc.text, [a.span for a in found] + [a.name_span for a in found])
    return [(a.outlet_id or a.name, a.kind.value, a.span.text) for a in found]


NAMED = [
    (
        "Talks stalled, according to Reuters.",
        [("reuters", "report", "according to Reuters")],
        "according-to",
    ),
    (
        "Talks stalled, according to the BBC.",
        [("bbc", "report", "according to the BBC")],
        "according-to-the",
    ),
    ("CNN reports that talks stalled.", [("cnn", "report", "CNN reports")], "x-reports"),
    (
        "Bloomberg also observes:",
        [("bloomberg", "report", "Bloomberg also observes")],
        "x-also-observes",
    ),
    (
        "Reuters first reported the deal.",
        [("reuters", "report", "Reuters first reported")],
        "x-first-reported",
    ),
    (
        "The Guardian has learned that",
        [("the-guardian", "report", "The Guardian has learned")],
        "x-has-learned",
    ),
    (
        "as reported by Reuters on Friday",
        [("reuters", "report", "as reported by Reuters")],
        "as-reported-by",
    ),
    (
        "the deal, reported by Bloomberg,",
        [("bloomberg", "report", "reported by Bloomberg")],
        "reported-by",
    ),
    ("the minister told Reuters on Friday", [("reuters", "interview", "told Reuters")], "told-x"),
    (
        "he said in an interview with CNN",
        [("cnn", "interview", "in an interview with CNN")],
        "interview-with",
    ),
    ("CNN's reporting showed", [("cnn", "report", "CNN's reporting")], "possessive-reporting"),
    ("The strike killed 12, per Reuters.", [("reuters", "report", "per Reuters")], "per-x"),
    ("Kremlin, citing Bloomberg, said", [("bloomberg", "report", "citing Bloomberg")], "citing-x"),
    (
        "The Washington Post, citing officials, said",
        [("washington-post", "report", "The Washington Post, citing")],
        "x-citing",
    ),
    (
        "The report, first published by Der Spiegel, claims",
        [("der-spiegel", "report", "first published by Der Spiegel")],
        "published-by",
    ),
    ("a video shared via Reuters", [("reuters", "via", "via Reuters")], "via-x"),
    ("LONDON, April 1 (Reuters) - Talks", [("reuters", "dateline", "(Reuters) -")], "dateline"),
    (
        "Reuters contributed to this report.",
        [("reuters", "byline", "Reuters contributed to this report")],
        "contributed",
    ),
    (
        "Image via The Guardian/Shutterstock",
        [
            ("the-guardian", "image_credit", "Image via The Guardian/Shutterstock"),
            ("shutterstock", "image_credit", "Image via The Guardian/Shutterstock"),
        ],
        "image-via-two-outlets",
    ),
    (
        "Smoke rises. Photo: Shutterstock",
        [("shutterstock", "image_credit", "Photo: Shutterstock")],
        "photo-colon",
    ),
    (
        "Credit: Getty Images\nNext paragraph.",
        [("getty-images", "image_credit", "Credit: Getty Images")],
        "credit-colon",
    ),
    (
        "A man walks by (Jane Doe/Getty Images)",
        [("getty-images", "image_credit", "(Jane Doe/Getty Images)")],
        "paren-slash-credit",
    ),
    (
        "A man walks by. REUTERS/Jane Doe",
        [("reuters", "image_credit", "REUTERS/Jane Doe")],
        "caps-agency-slash",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for t, e, i in NAMED])
def test_named_outlet_cues(text, expected):
    assert attributions(text) == expected


UNNAMED = [
    (
        "Le Drian told a French newspaper Thursday.",
        [("a French newspaper", "interview", "told a French newspaper")],
        "told-a-newspaper",
    ),
    (
        "Local media reported explosions.",
        [("local media", "report", "Local media reported")],
        "local-media",
    ),
    (
        "according to state media, the plant",
        [("state media", "report", "according to state media")],
        "state-media",
    ),
    (
        "Israeli TV reported that",
        [("Israeli TV", "report", "Israeli TV reported")],
        "nationality-tv",
    ),
    (
        "he told a news agency.",
        [("a news agency", "interview", "told a news agency")],
        "news-agency",
    ),
    (
        "Media reports said two died.",
        [("Media reports", "report", "Media reports said")],
        "media-reports",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for t, e, i in UNNAMED])
def test_unnamed_outlets(text, expected):
    assert attributions(text) == expected


NOT_ATTRIBUTIONS = [
    ("according to the governor's words Friday", "person"),
    ("according to the military's General Staff.", "institution"),
    ("announced on Telegram via its council.", "platform-and-council"),
    ("there are reports of a significant drawdown", "reports-of"),
    ("CNN global affairs analyst Kim Dozier explains", "name-without-cue"),
    ("Michael Bloomberg said on Tuesday", "person-with-outlet-surname"),
    ("France's Le Drian said", "country-possessive"),
    ("The newspaper said it would appeal.", "anaphoric-the-newspaper"),
    ("The agency said the drug was safe.", "government-agency"),
    ("The paper was thin and white.", "paper-not-outlet"),
    ("Russia said on Tuesday it would scale down", "country-said"),
    ("The Associated Press (AP) is a cooperative.", "acronym-in-parentheses"),
    ("He watched TV all day.", "tv-without-cue"),
    ("according to the Australian Bureau of Statistics", "outlet-name-inside-longer-name"),
    ("the Ministry of Foreign Affairs said on Monday", "outlet-name-after-of"),
    ("Hindu nationalists said the march would go ahead", "the-less-form-of-the-hindu"),
    ("Economist Paul Krugman wrote that", "common-word-at-sentence-start"),
    ("according to the Reuters Institute report", "institute-not-agency"),
    ("RT @CNN: the fire is out", "retweet-marker"),
]


@pytest.mark.parametrize(("text", "case"), NOT_ATTRIBUTIONS, ids=[c for _, c in NOT_ATTRIBUTIONS])
def test_not_attributions(text, case):
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        pytest.param("The Hindu reported on Sunday", "the-hindu", id="the-hindu"),
        pytest.param("according to the Australian,", "the-australian", id="the-australian"),
        pytest.param("The Economist wrote that", "the-economist", id="the-economist"),
        pytest.param("told CNN Sunday", "cnn", id="weekday-after-name"),
    ],
)
def test_names_that_need_their_article(text, outlet):
    assert [a[0] for a in attributions(text)] == [outlet]


def test_possessive_newspaper_with_name_is_the_named_outlet():
    assert attributions("the Israeli daily Haaretz reported on Sunday") == [
        ("haaretz", "report", "Haaretz reported")
    ]


def test_lower_case_names_are_found_only_as_whole_words():
    registry = default_registry()
    text = "Das meldete dpa. Die dpa-Meldung kam spät, sagte die Agentur; Vandpa ist kein Name."
    found = [(text[m.name_start : m.end], m.outlet_id) for m in find_mentions(text, registry)]
    assert found.count(("dpa", "dpa")) == 1


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Das ergab eine neue ZDF-Umfrage unter Wählern.", "zdf"),
        ("Die Zahl stieg nach einem Reuters-Bericht weiter.", "reuters"),
    ],
)
def test_name_opening_a_german_compound_is_credited_by_the_noun_after_it(text, outlet):
    found = find_attributions(load("a.txt", data=text.encode()), default_registry())
    assert [a.outlet_id for a in found] == [outlet]
    assert found[0].name == text[found[0].name_span.start : found[0].name_span.end]
    assert found[0].name in ("ZDF", "Reuters")


def test_compound_without_a_registry_name_or_a_noun_is_no_mention():
    registry = default_registry()
    text = "Ein Trump-Interview und ein CNN-artiger Stil."
    assert [m.outlet_id for m in find_mentions(text, registry)] == []

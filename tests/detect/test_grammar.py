"""The attribution grammar: cue order and tense, words between cue and name, lists, other
languages, back-references, language tags, and the mentions it must not credit."""

from __future__ import annotations

import pytest

from citeresolve.detect import explain
from citeresolve.detect.attributions import analyse
from citeresolve.detect.attributions.words import indexed_phrases
from citeresolve.detect.lexicon import PhraseIndex, build_grammar
from citeresolve.document import load
from citeresolve.errors import LexiconError
from citeresolve.outlets.registry import default_registry
from tests.helpers import assert_offsets_exact

# A small lexicon of two languages: the tests exercise the grammar's rules, not the word lists.
LEXICON_EN = {
    "lang": "en",
    "language": "English",
    "before": [
        {"phrase": "according to", "kind": "report"},
        {"phrase": "told", "kind": "interview"},
        {"phrase": "interview with", "kind": "interview"},
        {"phrase": "speaking to", "kind": "interview"},
        {"phrase": "reported", "kind": "report", "inverted": True},
        {"phrase": "said", "kind": "report", "inverted": True},
        {"phrase": "via", "kind": "via"},
    ],
    "after": [{"phrase": "reported", "kind": "report"}, {"phrase": "said", "kind": "report"}],
    "agent_markers": ["by"],
    "agent_heads": ["analysis", "confirmed"],
    "speech_words": ["said"],
    "after_nouns": [{"phrase": "op-ed", "kind": "report"}, {"phrase": "anchor", "kind": "report"}],
    "between": ["the", "a", "an", "phone"],
    "adverbs": ["also"],
    "clause_followers": ["on"],
    "media_nouns": ["newspaper"],
    "title_nouns": ["newspaper"],
    "unnamed": {
        "nouns": ["newspaper"],
        "adjectives": ["local"],
        "phrases": [],
        "back_references": ["the agency"],
    },
    "credit_labels": ["photo"],
    "credit_phrases": [],
}
LEXICON_DE = {
    **LEXICON_EN,
    "lang": "de",
    "language": "German",
    "before": [
        {"phrase": "laut", "kind": "report"},
        {"phrase": "berichtete", "kind": "report", "inverted": True},
    ],
    "after": [
        {"phrase": "zufolge", "kind": "report"},
        {"phrase": "berichteten", "kind": "report"},
    ],
    "between": ["der", "dem"],
    "adverbs": ["auch"],
    "unnamed": {
        "nouns": ["medien"],
        "adjectives": ["staatliche", "iranische"],
        "phrases": ["medienberichten zufolge"],
        "back_references": [],
    },
    "credit_labels": ["foto", "bild"],
    "credit_phrases": [{"phrase": "mit Material von", "kind": "via"}],
}
GRAMMAR = build_grammar([LEXICON_EN, LEXICON_DE])


def analysed(text: str, *, name: str = "a.txt") -> tuple:
    doc = load(name, data=text.encode())
    found = analyse(doc, default_registry(), GRAMMAR).attributions
    assert_offsets_exact(doc.text, [a.span for a in found] + [a.name_span for a in found])
    return found


def credited(text: str) -> set[str]:
    return {a.outlet_id or a.name for a in analysed(text)}


CREDITED = [
    ("The talks failed, reported the Guardian.", {"the-guardian"}, "inverted-reported"),
    ("Nobody was hurt, said Sky News.", {"sky-news"}, "inverted-said"),
    ("He said so in a phone interview with CBS News.", {"cbs-news"}, "words-between"),
    ("In an analysis of census data by Reuters, the gap grew.", {"reuters"}, "agent"),
    ("He was silent when CNN's anchor asked him.", {"cnn"}, "possessive-noun"),
    ("Reuters also reported it.", {"reuters"}, "adverb-between"),
    ("Ten died, according to Reuters and AFP.", {"reuters", "afp"}, "list"),
    ("Die Bilanz fiel schlecht aus (mit Material von AFP).", {"afp"}, "credit-phrase"),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for t, e, i in CREDITED])
def test_credited(text, expected):
    assert expected <= credited(text)


NOT_CREDITED = [
    ("Trump said CNN was fake news and left.", "cnn", "inverted-needs-clause-end"),
    ("He owns shares in the Reuters building.", "reuters", "no-cue"),
]


@pytest.mark.parametrize(("text", "outlet"), [pytest.param(t, o, id=i) for t, o, i in NOT_CREDITED])
def test_not_credited(text, outlet):
    assert outlet not in credited(text)


def test_list_members_each_carry_evidence():
    found = {a.outlet_id: a.span.text for a in analysed("Ten died, according to Reuters and AFP.")}
    assert found == {"reuters": "according to Reuters", "afp": "according to Reuters and AFP"}


def test_back_reference_names_the_outlet_it_means():
    text = "The deal collapsed, Reuters reported. Talks resume, the agency said."
    backs = [a for a in analysed(text) if a.refers_to]
    assert [(a.name, a.refers_to) for a in backs] == [("the agency", "reuters")]


def test_back_reference_without_an_outlet_before_it_is_not_one():
    assert not [a for a in analysed("The agency said the deal collapsed.") if a.refers_to]


def test_lang_comes_from_the_page():
    page = b"<html lang='de-AT'><body><article><p>Es ist vorbei, according to Reuters.</p></article></body></html>"
    assert [a.lang for a in analysed(page.decode(), name="a.html")] == ["de-AT"]


def test_credit_label_that_is_an_outlet_name_is_not_credited():
    doc = load("a.txt", data=b"Bild: AFP")
    found = analyse(doc, default_registry(), GRAMMAR).attributions
    assert {a.outlet_id for a in found} == {"afp"}


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


UNNAMED = [
    (
        "Iranische Medien berichteten von Explosionen.",
        "Iranische Medien berichteten",
        "adjective-before",
    ),
    ("Laut staatliche Medien war es ruhig.", "Laut staatliche Medien", "cue-before"),
    ("Medienberichten zufolge brannte es.", "Medienberichten zufolge", "self-cued-phrase"),
]


@pytest.mark.parametrize(("text", "span"), [pytest.param(t, s, id=c) for t, s, c in UNNAMED])
def test_unnamed_outlets_in_the_lexicon_of_any_language(text, span):
    found = [a for a in analysed(text) if a.unnamed]
    assert [a.span.text for a in found] == [span]


@pytest.mark.parametrize(
    ("text", "name", "span"),
    [
        ("Il est parti, selon la presse. Rien de plus.", "la presse", "selon la presse"),
        (
            "Il est parti, selon la presse française. Rien de plus.",
            "la presse française",
            "selon la presse française",
        ),
        ("Según la prensa local, se fue.", "la prensa local", "Según la prensa local"),
    ],
)
def test_a_phrase_with_its_own_cue_names_the_outlet_and_takes_what_follows(text, name, span):
    found = [a for a in _default(text) if a.unnamed]
    assert [(a.name, a.span.text) for a in found] == [(name, span)]


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Об этом «Известиям» рассказали в пресс-службе министерства.", "izvestia"),
        ("Про це «Українській правді» підтвердили у відомстві.", "ukrainska-pravda"),
        ("Как рассказали «Новой газете» в ведомстве, решение принято.", "novaya-gazeta"),
    ],
)
def test_a_verb_of_telling_after_a_dative_outlet_credits_it(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


def test_a_common_word_outlet_in_another_case_needs_its_quotes():
    assert not _default("«Это так», — сказал он. — Эксперты заявили о том, что подпись была.")
    assert "expert-ru" in {a.outlet_id for a in _default("Как рассказали «Эксперту» в ведомстве.")}


def test_the_press_spoken_to_is_no_source():
    assert not _default("Il a déclaré à la presse qu'il partait.")


def test_unnamed_noun_phrase_needs_a_cue():
    assert [
        a for a in analysed("Staatliche Medien sind in Iran weit verbreitet.") if a.unnamed
    ] == []


def test_title_in_quotes_is_a_name_not_a_back_reference():
    text = "The talks failed, according to the BBC. Laut «the agency» war es ruhig."
    assert [a.refers_to for a in analysed(text) if a.unnamed] == []


def test_indexed_phrases_match_whole_words_across_any_space():
    index = PhraseIndex.of(["state media", "local media", "外媒"])
    lowered = "state\nmedia said; statemedia no; local mediaeval no; the paper's view; 据外媒报道"
    (hits,) = indexed_phrases(lowered, [index])
    assert [lowered[a:b] for a, b in hits] == ["state\nmedia", "外媒"]


KOREAN = [
    ("월스트리트저널(WSJ)이 28일(현지시간) 보도했다.", "wall-street-journal", "acronym-and-day"),
    ("블룸버그통신이 29일(현지시간) 보도했다.", "bloomberg", "media-noun-glued"),
    ("마켓워치는 지난 27일 보도했다.", "marketwatch", "last-day"),
    ("비즈니스인사이더에 따르면 금리는 오른다.", "business-insider", "according-to"),
]


@pytest.mark.parametrize(("text", "outlet"), [pytest.param(t, o, id=i) for t, o, i in KOREAN])
def test_korean_report_with_its_day_between_subject_and_verb(text, outlet):
    doc = load("a.txt", data=text.encode())
    found = [a for a in analyse(doc, default_registry()).attributions if a.outlet_id == outlet]
    assert found and found[0].lang == "ko"
    assert found[0].span.text.rstrip(".") == text.split(" 금리")[0].rstrip(".")


def test_korean_day_without_a_reporting_verb_is_no_cue():
    doc = load("a.txt", data="블룸버그통신이 29일(현지시간) 회의를 열었다.".encode())
    assert not analyse(doc, default_registry()).attributions


def _default(text: str) -> tuple:
    doc = load("a.txt", data=text.encode())
    found = analyse(doc, default_registry()).attributions
    assert_offsets_exact(doc.text, [a.span for a in found] + [a.name_span for a in found])
    return found


VERB_FINAL = [
    (
        "米紙ウォールストリート・ジャーナルは12日、政府が決めたと報じた。",
        "wall-street-journal",
        "ja",
    ),
    ("ロイター通信は同日、交渉が決裂したと伝えた。", "reuters", "ja"),
    ("로이터통신은 28일 '협상이 결렬됐다'라고 보도했다.", "reuters", "ko"),
]


@pytest.mark.parametrize(("text", "outlet", "lang"), VERB_FINAL)
def test_verb_final_report_with_its_clause_between_subject_and_verb(text, outlet, lang):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.lang == lang and found.span.text == text.split("米紙")[-1].rstrip("。.")


def test_verb_final_cue_stops_at_the_sentence_end():
    text = "NHKは12日、首相が辞任する意向を固めた。関係者が明らかにしたと報じた。"
    assert not [a for a in _default(text) if a.outlet_id == "nhk"]


@pytest.mark.parametrize(
    ("text", "outlet", "name"),
    [
        ("ＣＮＮによると、大統領は辞任した。", "cnn", "ＣＮＮ"),
        ("ＮＨＫによると、首相は辞任した。", "nhk", "ＮＨＫ"),
        ("据CNN报道，会谈已经破裂。", "cnn", "CNN"),
        ("CNN에 따르면 협상은 결렬됐다.", "cnn", "CNN"),
    ],
)
def test_latin_names_written_full_width_or_glued_to_unspaced_script(text, outlet, name):
    """Japanese papers write "ＣＮＮ"; no script without spaces puts one after "CNN": the
    name is found, and the evidence quotes the page as written."""
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.name == name and found.name_span.text == name


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("De Kamer vergaderde gisteren.\nFoto: ANP", "anp"),
        ("The hospital where people sought treatmentCredit: EPA", "epa"),
        ("A protest in Madrid.\nPhoto: Jane Doe/Getty", "getty-images"),
    ],
)
def test_ambiguous_alias_names_its_outlet_in_a_credit(text, outlet):
    assert [(a.outlet_id, a.kind.value) for a in _default(text)] == [(outlet, "image_credit")]


def test_ambiguous_alias_in_running_text_is_no_mention():
    text = "The ANP said the Mail was late, according to Getty."
    assert not {"anp", "daily-mail", "getty-images"} & {a.outlet_id for a in _default(text)}


CREDIT_FORMS = [
    ("Una foto.\nRajoy en el Congreso del PP | EFE", "| EFE", "efe", "bar-ends-caption"),
    (
        "Xi Jinping à Berlin, en 2014. Photo Markus Schreiber. AP",
        "Photo Markus Schreiber. AP",
        "associated-press",
        "photographer-full-stop-agency",
    ),
    ("記者会見する報道官（ＡＰ＝共同）", "（ＡＰ＝共同）", "kyodo", "japanese-agency-chain"),
    ("記者会見する報道官（ＡＰ＝共同）", "（ＡＰ＝共同）", "associated-press", "chain-first"),
    (
        "이라크에 주둔한 미군[출처: 연합뉴스 자료사진]",
        "출처: 연합뉴스 자료사진",
        "yonhap",
        "bracketed",
    ),
    ("팝업스토어 오픈. ⓒ연합뉴스", "ⓒ연합뉴스", "yonhap", "korean-copyright-mark"),
    (
        "Buitenland\n\nANP\n\nBij de aanslagen zijn 129 mensen omgekomen.",
        "ANP",
        "anp",
        "agency-line",
    ),
]


@pytest.mark.parametrize(
    ("text", "span", "outlet"), [pytest.param(t, s, o, id=i) for t, s, o, i in CREDIT_FORMS]
)
def test_credit_forms_of_captions(text, span, outlet):
    found = [a for a in _default(text) if a.outlet_id == outlet]
    assert [(a.span.text, a.kind.value) for a in found] == [(span, "image_credit")]


def test_place_and_bar_before_an_agency_is_a_dateline_not_a_credit():
    text = 'Un titular "Va a ser difícil" MADRID | EUROPA PRESS\nEtiquetas'
    (found,) = _default(text)
    assert (found.span.text, found.kind.value) == ("MADRID | EUROPA PRESS", "dateline")


def test_outlets_in_parentheses_outside_a_caption_are_no_credit():
    text = "El Gobierno (EFE) anunció ayer, en una larga rueda de prensa, que " + "x " * 200
    assert not [a for a in _default(text) if a.kind.value == "image_credit"]


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        (
            "Obszerny materiał opublikował Artur Sporniak w „Tygodniku Powszechnym”, a rząd upadł.",
            "tygodnik-powszechny",
            "w „Tygodniku Powszechnym",
        ),
        ("Jak powiedział Dziennikowi Polskiemu minister, rząd upadł.", "dziennik-polski", None),
        ("Według Tygodnika Powszechnego, rząd upadł.", "tygodnik-powszechny", None),
        ("Jak informuje Polsacie News, rząd upadł.", "polsat-news", None),
    ],
)
def test_polish_names_in_any_case(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.lang == "pl" and (evidence is None or found.span.text == evidence)


@pytest.mark.parametrize(
    "text",
    [
        "W „Polityce” od 1999 r., wcześniej wieloletni publicysta.",  # a bio: at the paper
        "Mieszka w Łodzi i pracuje w Onecie od dwóch lat.",  # no quotes: a workplace
    ],
)
def test_polish_in_the_paper_needs_quotes_and_a_head_of_writing(text):
    assert not _default(text)


GERMAN_AND_WIRE_FORMS = [
    (
        "Zuerst hatte die „Wirtschaftswoche“ darüber berichtet.",
        "wirtschaftswoche",
        "hatte die „Wirtschaftswoche“ darüber berichtet",
    ),
    (
        "Die Gespräche sind gescheitert, berichten seine Staatsagentur Tass und andere.",
        "tass",
        "berichten seine Staatsagentur Tass",
    ),
    ("Der Controller kommt laut Verge-Bericht im Mai.", "the-verge", "laut Verge"),
    ("Die Regierung plant Neuwahlen. (spr/dpa)", "dpa", "(spr/dpa)"),
    ("Ini kata dia di Jakarta. (boy/antara)", "antara", "(boy/antara)"),
]


@pytest.mark.parametrize(("text", "outlet", "evidence"), GERMAN_AND_WIRE_FORMS)
def test_german_verb_after_the_name_and_wire_initials(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.span.text == evidence


@pytest.mark.parametrize(
    "text",
    [
        "Er hat die FAZ gelesen, dann berichtet er davon.",  # the verb is past the clause
        "Die Hindu-Nationalisten regieren laut Bericht.",  # not a report noun: no "The Hindu"
        "Die Regierung (AfD/CDU) plant Neuwahlen.",  # parties, not an agency
    ],
)
def test_german_forms_that_credit_nobody(text):
    assert not _default(text)


CHINESE_FORMS = [
    (
        "美国《纽约时报》网站在10月1日发表题为《黄金周》的文章。",
        "new-york-times",
        "纽约时报》网站在10月1日发表题为",
    ),
    ("英国《泰晤士报》：武汉再次充满欢声笑语。", "the-times", "《泰晤士报》："),
    ("在新华社11月11日的报道中，官员说。", "xinhua", "在新华社11月11日的报道中"),
    ("新华社记者10月1日报道称，会谈破裂。", "xinhua", "新华社记者10月1日报道称"),
]


@pytest.mark.parametrize(("text", "outlet", "evidence"), CHINESE_FORMS)
def test_chinese_title_marks_and_the_report_day_between_name_and_verb(text, outlet, evidence):
    doc = load("a.html", data=f"<html lang='zh'><p>{text}</p></html>".encode())
    (found,) = [a for a in analyse(doc, default_registry()).attributions if a.outlet_id == outlet]
    assert found.span.text == evidence and found.lang == "zh"


def test_chinese_title_colon_only_opens_a_paragraph():
    text = "他说他每天都读《纽约时报》：这是习惯。"
    assert not [a for a in _default(text) if a.outlet_id == "new-york-times"]


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        (
            "米紙ウォールストリート・ジャーナルは12日、政府が決めたと報じた。同紙によると、大使館は調査した。",
            "同紙によると",
        ),
        (
            "블룸버그통신이 28일 보도했다. 그러나 매체는 이번 주 실적이 좋다고 전했다.",
            "매체는 이번 주 실적이 좋다고 전했다",
        ),
        (
            "블룸버그통신이 28일 보도했다. 매체는 이익이 늘었다는 점에 주목했다.경기는 좋다고 전했다.",
            "매체는 이익이 늘었다는 점에 주목했다",
        ),
    ],
)
def test_back_references_glued_to_their_particle(text, evidence):
    (found,) = [a for a in _default(text) if a.rule == "back-reference"]
    assert found.span.text == evidence and found.refers_to is not None


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        (
            "Die Regierung ist gestürzt, berichtete der Spiegel.",
            "der-spiegel",
            "berichtete der Spiegel",
        ),
        ("Sąd orzekł w poniedziałek.\npgo/PAP\nCzytaj więcej", "pap", "pgo/PAP"),
        ("Sejm rozpoczął prace.\nFot. PAP/Marcin Obara", "pap", "PAP/Marcin Obara"),
        (
            "Путин в Кремле.\nРИА Новости\n\n© Илья Питалев",
            "ria-novosti",
            "РИА Новости\n\n© Илья Питалев",
        ),
        ("Об этом приводит ТАСС заявление министра.", "tass", "приводит ТАСС"),
    ],
)
def test_ambiguous_aliases_set_apart_and_agency_credit_forms(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.span.text == evidence


def test_ambiguous_alias_not_set_apart_or_of_a_photo_agency_is_no_citation():
    analysis = analyse(
        load("a.txt", data=b"People said it was fine, according to Getty."), default_registry()
    )
    assert not analysis.attributions
    rules = {c.name: c.rule for c in analysis.candidates}
    assert rules == {"People": "ambiguous alias, not set apart", "Getty": "photo agency's alias"}


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        (
            "La maggior parte dei veicoli - ricorda Reuters - sono fermi.",
            "reuters",
            "ricorda Reuters",
        ),
        (
            "Os dias seriam compensados.\n\n(Com Estadão Conteúdo)",
            "estadao",
            "(Com Estadão Conteúdo)",
        ),
        (
            "Tanques vazios.\nFoto: Jane Doe/Folhapress",
            "folha-de-s-paulo",
            "Foto: Jane Doe/Folhapress",
        ),
    ],
)
def test_romance_inverted_recall_with_agency_and_slash_credit(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.span.text == evidence


def test_handout_credit_names_a_company_not_an_outlet():
    text = "Nova linha é anunciada pela Apple (Foto: Divulgação/Apple)"
    assert not _default(text)


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        ("Pesawat mendarat. (ANTARA FOTO/Budi Setya)", "antara", "ANTARA FOTO/Budi Setya)"),
        (
            "He said in a separate statement to Rolling Stone that he was sorry.",
            "rolling-stone",
            "separate statement to Rolling Stone",
        ),
        (
            "Preliminary tests by Digital Foundry reveal the game runs well.",
            "digital-foundry",
            "by Digital Foundry",
        ),
    ],
)
def test_agency_photo_credit_statement_to_and_tests_by(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.span.text == evidence


def test_photographer_after_a_label_slash_is_no_outlet():
    assert not [a for a in _default("Pesawat mendarat. FOTO/Budi Setya") if a.unregistered]


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        (
            "Como mostrou reportagem do EL PAÍS, a polícia entrou.",
            "el-pais",
            "reportagem do EL PAÍS",
        ),
        (
            "CIUDAD DE MÉXICO (EL UNIVERSAL).- El covid sigue.",
            "el-universal-mx",
            "(EL UNIVERSAL).-",
        ),
        (
            "Denúncias feitas pelo jornal O Estado de S. Paulo. O governo negou.",
            "estadao",
            "pelo jornal O Estado de S. Paulo",
        ),
    ],
)
def test_report_nouns_mexican_datelines_and_initials_inside_names(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.span.text == evidence


def test_japanese_contribution_to_a_titled_magazine():
    text = "矢野氏は「文芸春秋」11月号への寄稿で、財政を批判した。"
    (found,) = [a for a in _default(text) if a.outlet_id == "bungeishunju"]
    assert found.span.text == "文芸春秋」11月号への寄稿"


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        ("Sono morti in 50, scrive l'agenzia Fars.", "fars", "scrive l'agenzia Fars"),
        (
            "Il video diffuso dalla France Presse mostra la folla.",
            "afp",
            "diffuso dalla France Presse",
        ),
        ("Le ragazze ascoltate dalla Bbc raccontano.", "bbc", "dalla Bbc"),
    ],
)
def test_italian_elided_articles_and_agents_of_hearing(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.span.text == evidence


def test_credit_label_with_a_dash():
    (found,) = _default("Лідер був там.\nФото – УНІАН")
    assert (found.outlet_id, found.span.text) == ("unian", "Фото – УНІАН")


def test_exclamation_mark_inside_a_brand_not_between_sentences():
    (found,) = _default("He is dating her, according to a new report by E! News.")
    assert (found.outlet_id, found.span.text) == ("e-news", "by E! News")
    (found,) = _default("Hi! Reuters reported it.")
    assert found.outlet_id == "reuters"


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        ("1月1日，《求是》杂志发表习近平总书记重要文章。", "qiushi", "求是》杂志发表"),
        ("店员告诉中国青年报记者，价格上涨。", "china-youth-daily", "告诉中国青年报"),
        ("他对新华社表示，将继续谈判。", "xinhua", "对新华社表示"),
    ],
)
def test_chinese_magazine_nouns_told_and_said_to(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.span.text == evidence


def test_chinese_country_media_abbreviations_are_unnamed_outlets():
    (found,) = _default("据台媒报道，会谈破裂。")
    assert found.unnamed and found.name_span.text == "台媒"


def test_chinese_said_to_needs_an_outlet():
    assert not _default("他对此表示欢迎。")


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        (
            "Die FAZ hat eine Depesche veröffentlicht.",
            "faz",
            "FAZ hat eine Depesche veröffentlicht",
        ),
        ("Der Spiegel hat berichtet.", "der-spiegel", "Der Spiegel hat berichtet"),
        (
            "Das hat Stefan Niggemeier bereits für den Spiegel aufgeschrieben.",
            "der-spiegel",
            "für den Spiegel aufgeschrieben",
        ),
        ("Bloomberg also reported it.", "bloomberg", "Bloomberg also reported"),
    ],
)
def test_german_auxiliary_before_its_participle_after_the_name(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.span.text == evidence


def test_chinese_cue_around_a_name_keeps_its_parts_close():
    text = "对外媒“苹果公司违反中国劳动法”的报道，苹果公司9日对记者表示不同意。"
    assert not [a for a in _default(text) if a.rule == "before, verb after"]


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        ("【ワシントン共同】米政府は12日、発表した。", "kyodo", "【ワシントン共同】"),
        ("【ロンドン＝ロイター】英政府は発表した。", "reuters", "【ロンドン＝ロイター】"),
        (
            "米紙ニューヨーク・タイムズ（電子版）は12日、政府が決めたと報じた。",
            "new-york-times",
            "ニューヨーク・タイムズ（電子版）は12日、政府が決めたと報じた",
        ),
    ],
)
def test_japanese_wire_datelines_and_the_online_edition(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.span.text == evidence


def test_japanese_own_correspondent_and_headings_are_no_outlet():
    assert not _default("【北京＝大内清】中国は発表した。【動画】会見の様子")


def test_italian_learns_from_an_agency():
    (found,) = _default("Secondo quanto apprende l'Adnkronos, il governo cadrà.")
    assert (found.outlet_id, found.span.text) == ("adnkronos", "apprende l'Adnkronos")


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        ("Lo ha spiegato al Messaggero il ministro.", "il-messaggero", "spiegato al Messaggero"),
        ("« C'est fini », a-t-il confié au Monde.", "le-monde", "confié au Monde"),
    ],
)
def test_preposition_that_absorbed_the_papers_article(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.span.text == evidence


def test_contracted_word_that_ends_other_names_stays_unresolved():
    """ "al Post" on an Italian page may be Il Post or The Washington Post: neither is said."""
    assert "il-post" not in {a.outlet_id for a in _default("Hanno riferito al Post che no.")}


def test_back_reference_inside_a_name_is_the_name():
    found = _default("共同通信の世論調査では支持率が下がった。")
    assert [(a.outlet_id, a.rule) for a in found] == [("kyodo", "after")]


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        (
            "朝日新聞デジタルの記事によると、首相は辞任する。",
            "asahi-shimbun",
            "朝日新聞デジタルの記事によると",
        ),
        (
            "フジテレビ系「めざましテレビ」に出演し、語った。",
            "fuji-tv",
            "フジテレビ系「めざましテレビ」に出演",
        ),
    ],
)
def test_japanese_article_of_and_appearance_on_a_networks_programme(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.span.text == evidence


def test_chinese_wire_dateline():
    (found,) = _default("新华社北京1月1日电 国家主席发表讲话。")
    assert (found.outlet_id, found.kind.value, found.span.text) == (
        "xinhua",
        "dateline",
        "新华社北京1月1日电",
    )


@pytest.mark.parametrize(
    ("text", "outlet", "evidence", "kind"),
    [
        (
            "Liputan6.com, Jakarta - Pemerintah menaikkan harga.",
            "liputan6",
            "Liputan6.com, Jakarta -",
            "dateline",
        ),
        (
            "Menurut laporan Kompas.com, harga naik.",
            "kompas",
            "Menurut laporan Kompas.com",
            "report",
        ),
        (
            "He said, according to Axios.com, that it was over.",
            "axios",
            "according to Axios.com",
            "report",
        ),
    ],
)
def test_outlet_called_by_its_domain_and_indonesian_datelines(text, outlet, evidence, kind):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert (found.span.text, found.kind.value) == (evidence, kind)


def test_possessive_ends_a_name_before_a_programme():
    (found,) = _default("He said so in an interview on CNN's State of the Union.")
    assert (found.outlet_id, found.span.text) == ("cnn", "in an interview on CNN")
    (found,) = _default("Lloyd's List reported the seizure.")
    assert found.outlet_id == "lloyds-list"


QUOTED_NAMES = [
    (
        'Der "Corriere della Sera" schreibt, Rom zahle.',
        "corriere-della-sera",
        'Corriere della Sera" schreibt',
    ),
    ("Die Wochenzeitung „Panorama“ berichtet über den Fall.", "panorama", "Panorama“ berichtet"),
    ('Dazu schreibt der "Standard" aus Wien: Es reicht.', "der-standard", 'schreibt der "Standard'),
    ("So meint der „Guardian“ aus London.", "the-guardian", "meint der „Guardian"),
    (
        "Wie dem „Spiegel“ bekannt ist, laut dem „Spiegel“ nicht.",
        "der-spiegel",
        "laut dem „Spiegel",
    ),
    ("Das berichtete die „Rzeczpospolita“.", "rzeczpospolita", "berichtete die „Rzeczpospolita"),
    ("« Le Monde » rapporte que Paris paie.", "le-monde", "Le Monde » rapporte"),
]


@pytest.mark.parametrize(("text", "outlet", "evidence"), QUOTED_NAMES)
def test_quoted_names_with_the_article_outside_and_the_cue_after_the_quote(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.span.text == evidence


@pytest.mark.parametrize(
    "text",
    [
        'Das ist der "Standard" für alle Bauteile.',  # a quoted word, no cue
        "Die Wochenzeitung berichtet nicht, sie kommentiert.",  # a noun, not WOZ's name
    ],
)
def test_quoted_and_generic_names_without_a_cue_credit_nobody(text):
    assert not _default(text)


def _html(body: str) -> tuple:
    doc = load("a.html", data=f"<html><body><article>{body}</article></body></html>".encode())
    return analyse(doc, default_registry()).attributions


def test_a_signature_line_names_every_agency_after_the_initials():
    body = "<p>" + "Die Regierung plant Neuwahlen. " * 8 + "</p><p>fek/oka/aar/AP/Reuters</p>"
    found = {a.outlet_id: a.span.text for a in _html(body)}
    assert found == {
        "associated-press": "fek/oka/aar/AP/Reuters",
        "reuters": "fek/oka/aar/AP/Reuters",
    }
    newsroom = _html("<p>" + "Die Regierung plant Neuwahlen. " * 8 + "</p><p>(APA/Red.)</p>")
    assert [(a.outlet_id, a.kind.value) for a in newsroom] == [("apa", "byline")]
    inside = _html("<p>" + "Die Regierung plant Neuwahlen. " * 8 + "Wir lesen news/AP heute.</p>")
    assert not [a for a in inside if a.rule == "byline"]  # initials only open a line


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Le ministre a déclaré ce matin sur LCI que rien ne change.", "tf1"),
        ("Lo recordó este lunes en TVE el ministro.", "rtve"),
        ("Er sagte am Sonntag im ZDF, dass es reicht.", "zdf"),
        ("La ministre a réagi auprès de France Inter.", "radio-france"),
        ("Une réaction transmise à l'AFP le confirme.", "afp"),
        ("Le ministre s'est exprimé sur les ondes de la VRT ce matin.", "vrt"),
        ("Lo dijo ante los micrófonos de la Cadena SER.", "cadena-ser"),
        ("Lo ha detto ai taccuini del Corriere della Sera.", "corriere-della-sera"),
    ],
)
def test_a_broadcaster_after_a_word_of_saying_is_credited(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        # participles, plurals and present tenses are words of saying too
        ("Así lo ha declarado un maestro a la cadena de televisión TVE.", "rtve"),
        ("Os moradores disseram à Folha que não saíram.", "folha-de-s-paulo"),
        ("Les habitants ont raconté au Parisien leur nuit.", "le-parisien"),
        ("Поліцейські розповіли телеканалу ICTV про затримання.", "ictv"),
    ],
)
def test_a_dative_after_any_form_of_a_word_of_saying_is_credited(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


def test_a_dative_with_no_word_of_saying_before_it_credits_nobody():
    assert not _default("El premio fue entregado a la cadena TVE por su cobertura.")


@pytest.mark.parametrize(
    "text",
    [
        '"Salut les terriens", présenté par Thierry Ardisson, tous les samedis sur C8.',
        "Raubkopierer sind Verbrecher im ZDF: Schleichwerbung bei der SOKO?",
        "Le Monde a publié un article sur Le Figaro hier.",  # a paper, not a broadcaster
    ],
)
def test_a_channel_where_a_show_airs_is_no_source(text):
    assert not [a for a in _default(text) if a.rule == "before" and a.kind.value == "interview"]


def test_a_byline_line_with_an_agency():
    (found,) = [
        a for a in _default("Titre\n\nfranceinfo avec AFP\n\nLe texte.") if a.outlet_id == "afp"
    ]
    assert (found.kind.value, found.span.text) == ("byline", "franceinfo avec AFP")


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("«Это хорошо», — добавляет ТАСС.", "tass"),
        ("„Це погано“, - зауважує CNN.", "cnn"),
        ("Rząd upadnie, jak komentuje Onet.", "onet"),
        ("Die Lage sei ernst, kommentiert die „Welt“.", "die-welt"),
    ],
)
def test_verbs_that_close_a_quote_credit_the_outlet_after_them(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


WIRE = "Premier zakończył wizytę w Pekinie i wrócił do Warszawy wieczorem. " * 5


@pytest.mark.parametrize(
    ("body", "evidence", "kind"),
    [
        (f"<p>{WIRE}(PAP)</p><p>{WIRE}</p>", "(PAP)", "byline"),
        (f"<p>{WIRE}</p><p>2012-01-03 06:34 Źródło: PAP</p>", "Źródło: PAP", "byline"),
        (f"<p>{WIRE}</p><p>Quelle: dpa</p>", "Quelle: dpa", "byline"),
        (
            f"<p>{WIRE}</p><figure><img src='a.jpg'><figcaption>Premier. Źródło: PAP</figcaption></figure>",
            "Źródło: PAP",
            "image_credit",
        ),
    ],
)
def test_a_source_label_or_an_agency_closing_its_paragraph_credits_the_story(body, evidence, kind):
    (found,) = _html(body)
    assert (found.span.text, found.kind.value) == (evidence, kind)


def test_an_agency_in_parentheses_inside_a_sentence_is_no_wire_credit():
    found = _html(f"<p>{WIRE} Ten died (Reuters) and more came.</p>")
    assert not [a for a in found if a.rule == "byline"]


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        ("Informou o assessor da guarda, Alexander Khinshtein, à imprensa local.", True),
        ("Disse o presidente do Tartaristão à televisão estatal.", True),
        ("A lei aplica-se à imprensa local desde 2010.", False),  # no word of saying
        ("La ley se aplica a la prensa local.", False),
    ],
)
def test_a_dative_after_a_word_of_saying_is_told(text, credited):
    assert bool([a for a in _default(text) if a.unnamed]) is credited


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("«Все здоровы», — заявил мужчина изданию «РБК».", "rbc"),
        ("Die Lage ist ernst, sagte der Minister dem „Spiegel“.", "der-spiegel"),
    ],
)
def test_a_dative_outlet_after_a_word_of_saying_in_russian_and_german(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


def test_a_dative_without_a_word_of_saying_credits_nobody():
    assert not _default("Er gab dem „Spiegel“-Leser ein Heft und ging.")


def test_a_rendered_link_after_a_name_does_not_keep_its_clause_open():
    text = "Цены вырастут, писала газета The Guardian [https://www.gazeta.ru/tags/media/the_guardian.shtml]"
    assert "the-guardian" in {a.outlet_id for a in _default(text)}


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        (
            "He told VOA Pentagon correspondent Carla Babb on Monday.",
            "voice-of-america",
            "told VOA",
        ),
        (
            "Nothing changed, said CNN White House correspondent Kaitlan Collins.",
            "cnn",
            "CNN White House correspondent",
        ),
    ],
)
def test_a_beat_between_an_outlet_and_its_journalist_is_no_longer_name(text, outlet, evidence):
    (found,) = [a for a in _default(text) if a.outlet_id == outlet]
    assert found.span.text == evidence


def test_an_outlets_name_inside_an_institutions_name_is_still_no_mention():
    assert not _default("He joined the Reuters Institute for the Study of Journalism.")


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Der Guardian hat eine Depesche veröffentlicht.", "the-guardian"),
        ("Secondo il Times la crisi è finita.", "the-times"),
        ("Diz o texto do Empire que o filme atrasa.", "empire-magazine"),
    ],
)
def test_a_foreign_article_before_a_the_name_and_more_lead_ins(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


def test_a_via_line_credits_a_source_the_registry_does_not_know():
    (found,) = _default("O jogo chega em breve.\n\nVia IGN\n\nMais notícias")
    assert (found.name, found.span.text, found.kind.value) == ("IGN", "Via IGN", "via")
    assert not _default("Text.\nVia Twitter\n")  # a platform, not a source


def test_a_credit_class_in_any_letter_case_marks_a_caption_and_a_dated_notice_is_none():
    body = f"<p>{WIRE}</p><div class='InlineImage-imageEmbedCredit'>Jane Doe | Bloomberg | Getty Images</div>"
    assert ("bloomberg", "image_credit") in {(a.outlet_id, a.kind.value) for a in _html(body)}
    notice = f"<p>{WIRE}</p><div class='credit'>© SPIEGEL ONLINE 2011</div>"
    assert not [a for a in _html(notice) if a.kind.value == "image_credit"]


def test_a_longer_cue_behind_a_dative_determiner_wins():
    (found,) = _default("Segundo informou a Folha, houve mortos.")
    assert (found.span.text, found.rule) == ("Segundo informou a Folha", "before")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lo dijo, según informó la cadena televisiva estatal CNN.", "CNN"),  # after the noun
        ('Стриптиз у виконанні дівчини, пише івано-франківське видання "Репортер".', "Репортер"),
    ],
)
def test_words_that_describe_a_media_noun_stand_between_cue_and_name(text, name):
    assert name in {a.name for a in _default(text)}


def test_a_lower_case_word_away_from_any_media_noun_still_ends_the_cue():
    assert not _default("Según informó ayer el dueño de aviones privados CNN.")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Dave Tickner, redactor de la página deportiva internacional Football365, reconoce.",
            "Football365",
        ),
        ("Der Minister sagte der Wochenzeitung Cicero, es reiche.", "Cicero"),
        ("Il a confié au magazine Causeur que tout va bien.", "Causeur"),
    ],
)
def test_a_name_a_title_noun_introduces_is_a_publication(text, name):
    assert name in {a.name for a in _default(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Selon le site Internet du ministère, tout va bien.",  # the web, not a title
        "The mayor told the magazine editor John Smith that it was over.",  # a person
        "A spokesman told the newspaper Monday that it was over.",  # a day
        "The mayor told the newspaper owner Smith Jones that it was over.",  # English order
    ],
)
def test_a_title_noun_before_a_word_that_is_no_title_credits_nothing_new(text):
    assert not [a for a in _default(text) if a.outlet_id is None]


def test_a_number_is_never_a_common_word_name_set_apart():
    # 444 is a Hungarian news site marked common_word; a count of people is no mention of it
    assert not _default("The plan was backed, according to 444 respondents of the poll.")


def test_an_agency_and_the_publication_that_ran_it_are_no_picture_credit():
    body = "<h1>Anglia: szczepionka</h1><p>PAP/Rynek Zdrowia</p><p>" + "Wyniki badań są dobre. " * 9
    assert not [a for a in _html(body + "</p>") if a.kind.value == "image_credit"]
    figure = "<figure><img src='a.jpg'><figcaption>Protest w Madrycie. EFE/EPA/JUAN PEREZ"
    credits = {a.outlet_id for a in _html(figure + "</figcaption></figure><p>Tekst.</p>")}
    assert {"efe", "epa"} <= credits


@pytest.mark.parametrize(
    "text",
    [
        'Nur Frauen stehen auf der Liste, betont das "Time-Magazin", und zwar zu Recht.',
        'Das "Time-Magazin" hat die zehn reichsten Frauen ermittelt.',
    ],
)
def test_a_quoted_compound_of_a_name_takes_the_cue_after_its_quote(text):
    assert "time" in {a.outlet_id for a in _default(text)}


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Nach Informationen der Deutschen Presse-Agentur ist er gefasst.", "dpa"),
        ("Das sagte er der Süddeutschen Zeitung am Montag.", "sueddeutsche-zeitung"),
    ],
)
def test_a_german_name_with_its_adjective_declined_is_the_outlet(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


def test_a_site_named_by_its_domain_is_credited_registered_or_not():
    assert "zaxid-net" in {a.outlet_id for a in _default("Собаку спасли, передает zaxid.net.")}
    found = _default("Местный сайт vsim.ua пишет, что собака жива.")
    assert [(a.name, a.outlet_id) for a in found] == [("vsim.ua", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Write to a@vsim.ua or see https://vsim.ua/x for more, he said.",  # addresses
        "Según datos de inegi.gob.mx, la cifra sube.",  # a government's site
        "According to twitter.com, the post was removed.",  # a platform
    ],
)
def test_a_domain_in_an_address_or_of_no_news_site_credits_nobody(text):
    assert not [a for a in _default(text) if a.outlet_id is None]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "O transferze polskie i tureckie media informowały już wczoraj.",
            "polskie i tureckie media",
        ),
        ("Российские и украинские СМИ сообщают о взрыве.", "Российские и украинские СМИ"),
    ],
)
def test_coordinated_adjectives_describe_one_unnamed_outlet(text, name):
    assert [a.name for a in _default(text) if a.unnamed] == [name]


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Stando a quanto riferito da Reuters, il piano è pronto.", "reuters"),
        ("Come riportato dal Corriere della Sera, il piano è pronto.", "corriere-della-sera"),
    ],
)
def test_an_italian_participle_and_da_credit_the_outlet(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Jak podał w środę portal Onet, transfer jest blisko.", "onet"),
        ("Об этом сообщил в среду ТАСС.", "tass"),
        ("Про це повідомляє у понеділок телеканал CNN.", "cnn"),
    ],
)
def test_a_day_between_an_inverted_verb_and_the_name_keeps_the_cue(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


def test_a_copyright_signature_credits_its_agencies_not_the_publisher():
    body = "<p>" + "Die Regierung plant Neuwahlen. " * 8 + "</p><p>©SZ.de/dpa/dayk/fied</p>"
    found = {(a.outlet_id, a.kind.value) for a in _html(body)}
    assert found == {("dpa", "byline")}


def test_a_two_word_source_label_credits_each_source_as_the_story_s():
    text = "Gaz popłynie w 2026 roku.\n\nŹródło informacji: IAR/PAP"
    assert {(a.outlet_id, a.kind.value) for a in _default(text)} == {("pap", "byline")}


@pytest.mark.parametrize(
    ("body", "outlet"),
    [
        ("<figure><img src='a.jpg'><figcaption>Kawhi Leonard AFP</figcaption></figure>", "afp"),
        (
            "<figure><img src='a.jpg'><figcaption>Estudantes após o ataque. AP</figcaption>"
            "</figure>",
            "associated-press",
        ),
        (
            "<div class='media__copyright'><a>© РИА Новости / Григорий Сысоев</a></div>",
            "ria-novosti",
        ),
    ],
)
def test_an_agency_closing_a_caption_or_a_copyright_block_credits_the_picture(body, outlet):
    found = _html(body + "<p>" + "Le match a eu lieu hier soir. " * 8 + "</p>")
    assert [(a.outlet_id, a.kind.value) for a in found] == [(outlet, "image_credit")]


def test_an_agency_at_a_caption_s_end_after_a_list_or_a_bar_is_not_this_credit():
    body = (
        "<figure><img src='a.jpg'><figcaption>Nach Angaben von Reuters und AFP</figcaption>"
        "</figure><p>" + "Le match a eu lieu hier soir. " * 8 + "</p>"
    )
    assert {a.outlet_id for a in _html(body) if a.kind.value == "image_credit"} == set()


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Durante un’intervista a La Repubblica, ha raccontato tutto.", "la-repubblica"),
        ("Lo ha detto in un’intervista con L’Espresso, ieri.", "lespresso"),
    ],
)
def test_an_italian_interview_and_a_curly_apostrophe_credit_the_paper(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


def test_japanese_titles_in_double_brackets_described_by_country_and_kind():
    text = (
        "ロッベン氏は戻らないようだ。ドイツ紙『ビルト・アム・ゾンターク』で明かしている。\n\n"
        "そんな同氏だが、『ビルト・アム・ゾンターク』の取材に「楽しんでいる」と報告。\n\n"
        "映画『スカイ・クロラ』によると、物語は続く。"
    )
    found = [a.name for a in _default(text) if not a.unnamed]
    # the paper twice (the second time known by its title), never Bild inside its name, and
    # never a film's title
    assert found == ["ビルト・アム・ゾンターク", "ビルト・アム・ゾンターク"]


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("購入者は充電設備が使えるという。（共同）\n\n次の段落。", "kyodo"),
        ("11月12日放送の英BBCラジオのインタビューでクリントンは答えた。", "bbc"),
    ],
)
def test_japanese_wire_line_and_a_broadcaster_with_its_medium(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


@pytest.mark.parametrize(
    "text",
    [
        "„Aktywacja jest ważna” – poinformował PAP prof. Adam Szewczyk.",
        "Jak wyjaśnił PAP prof. Szewczyk, aktywacja kanałów zmniejsza śmiertelność.",
        "Jak to połączyć, tłumaczy PAP dr hab. Sławomir Majewski, prorektor uczelni.",
    ],
)
def test_a_polish_speech_verb_then_the_agency_then_the_speaker(text):
    assert "pap" in {a.outlet_id for a in _default(text)}


def test_a_wire_in_lower_case_inside_a_credit():
    text = "Demonstranten verlassen den Campus.\nFoto: -/kyodo/dpa\n\nDie Polizei wartet."
    found = {(a.outlet_id, a.kind.value) for a in _default(text)}
    assert found == {("kyodo", "image_credit"), ("dpa", "image_credit")}


@pytest.mark.parametrize(
    "tail",
    ["\n\nats/fgn\n\nPublié le 3 juin", "\n\nats\n\nTous les tags", " ats\n\nTous les tags"],
)
def test_the_swiss_wire_signing_a_story_in_lower_case(tail):
    text = "Salt Lake City apparaît comme la grande favorite." + tail
    assert [(a.outlet_id, a.kind.value) for a in _default(text)] == [("keystone-sda", "byline")]


def test_a_lower_case_word_after_a_sentence_is_no_wire_unless_an_agency():
    text = "La ville apparaît comme la grande favorite. ok\n\nets/fgn\n\nFin."
    assert _default(text) == ()


def test_a_back_reference_after_an_outlet_named_without_a_cue_is_an_unnamed_paper():
    text = "«Коммерсантъ»: переговоры зашли в тупик.\n\nПо информации издания, план готов."
    found = [(a.name, a.refers_to) for a in _default(text) if a.unnamed]
    assert found == [("издания", None)]


def test_an_agency_with_no_outlet_credited_before_is_no_back_reference():
    text = "Die Zeitung Bild erschien.\n\nWie die Agentur mitteilte, ist der Plan fertig."
    assert [a.name for a in _default(text) if a.unnamed] == []


def test_a_bracketed_column_title_ending_in_an_outlet_s_word_is_no_dateline():
    # "インサイド" is a games site's name and the word "inside": the column "Economy Inside"
    assert _default("【経済インサイド】リニア市場の行方を追う。") == ()


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Iran in fiamme. Francesco Iannuzzi per “la Stampa”", "la-stampa"),
        ("Как пишет «КП», задержаны двое сотрудников.", "komsomolskaya-pravda"),
        ("Protests grew, THE NEW YORK TIMES REPORTED.", "new-york-times"),
        ("ha annunciato ieri «Press Tv», la tv di Stato.", "press-tv"),
    ],
)
def test_names_as_pages_write_them_in_quotes_and_in_capitals(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


def test_an_institution_after_a_lower_case_article_is_no_paper():
    # "la Provincia" is the province here; only in quotes would it be a paper's name
    text = "Lo sottolinea la Provincia in una nota diffusa ieri sera."
    assert _default(text) == ()


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Lo ha detto il sindaco all’agenzia Dire.", "agenzia-dire"),
        ("Ha detto all'Ansa il presidente della società.", "ansa"),
        ("Jak powiedział agencji PAP minister, plan jest gotowy.", "pap"),
    ],
)
def test_an_ambiguous_alias_after_a_media_noun_and_a_glued_dative(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


def test_an_italian_dative_without_a_word_of_saying_credits_nobody():
    assert _default("Il sindaco è andato all'agenzia Ansa per un incontro.") == ()


@pytest.mark.parametrize(
    "text",
    [
        'Die "Rzeczpospolita" aus Warschau schreibt, der Plan sei gut.',
        "Die „Times“ aus London kommentiert die Wahl.",
    ],
)
def test_a_press_review_s_paper_and_its_city_then_the_verb(text):
    assert len([a for a in _default(text) if a.outlet_id]) == 1


def test_a_run_of_capitalised_words_stops_at_a_sentence_s_end():
    text = "Kylie Jenner ist einer der Reality-TV-Stars. Sie meint, das sei gut."
    assert _default(text) == ()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("СМИ: Saudi Aramco отказалась от road show в Европе\n\nТекст статьи.", "СМИ"),
        ("Гілл повідомила про тиск до розмови – ЗМІ\n\nТекст статті.", "ЗМІ"),
        ("Местные СМИ: в городе прошли обыски у чиновников\n\nТекст.", "Местные СМИ"),
    ],
)
def test_a_headline_naming_the_media_as_its_source(text, name):
    assert [a.name for a in _default(text) if a.unnamed] == [name]


@pytest.mark.parametrize(
    "text", ["Media: 4\n\nVotos: 7", "Мы сообщили СМИ: всё хорошо, и это правда."]
)
def test_a_label_or_a_sentence_with_the_media_word_and_a_colon_is_no_source(text):
    assert [a.name for a in _default(text) if a.unnamed] == []


def test_a_japanese_back_reference_after_a_title_the_long_tail_credited():
    text = (
        "イギリス『スカイ』が報じた。\n\nそして同メディアによれば、シティは代役を考えているという。"
    )
    found = [(a.name, a.unnamed) for a in _default(text)]
    assert ("スカイ", False) in found and ("同メディア", True) in found


def test_a_caption_s_ascii_copyright_mark_credits_the_broadcaster():
    body = (
        "<p>" + "Le match a eu lieu hier soir. " * 8 + "</p><figure><img src='a.jpg'>"
        "<figcaption>ムロツヨシも出演(C)NHK</figcaption></figure>"
    )
    assert [(a.outlet_id, a.kind.value) for a in _html(body)] == [("nhk", "image_credit")]


@pytest.mark.parametrize("written", ['РИА "Новости"', "РИА «Новости»"])
def test_the_agency_s_old_name_with_its_second_word_quoted(written):
    found = [a for a in _default(f"Как передает {written}, план готов.") if a.outlet_id]
    assert [(a.outlet_id, a.name_span.text) for a in found] == [("ria-novosti", written)]


def test_a_credit_glued_to_its_caption_s_full_stop():
    body = (
        "<p>" + "Le match a eu lieu hier soir. " * 8 + "</p><figure><img src='a.jpg'>"
        "<figcaption>Freada Kapor Klein.<span class='credit'>NYT</span></figcaption></figure>"
    )
    assert [(a.outlet_id, a.kind.value) for a in _html(body)] == [
        ("new-york-times", "image_credit")
    ]


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("During their latest interview with Elle, the two stars shared a secret.", "elle-fr"),
        ("A workers' blog picked up by Gizmodo told the story.", "gizmodo"),
        ("A Huffington Post exposé about the damage followed.", "huffpost"),
    ],
)
def test_english_interviews_pickups_and_exposes(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


def test_a_surname_that_is_also_a_verb_of_saying_is_no_cue():
    text = "Carolyn Said is a San Francisco Chronicle staff writer."
    assert _default(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Lo ha detto il presidente della Repubblica ai giornalisti.",
        "La misura è stata annunciata dalla Regione ieri sera.",
        "Ha replicato così al collega della Gazzetta, in diretta.",
    ],
)
def test_an_italian_institution_or_a_colleague_is_no_paper(text):
    assert [a.outlet_id for a in _default(text) if a.outlet_id] == []


def test_a_paper_s_name_with_the_and_a_nationality_is_no_unnamed_outlet():
    found = _default("He told The Australian newspaper that he was innocent.")
    assert [(a.outlet_id, a.unnamed) for a in found] == [("the-australian", False)]


def test_documents_leaked_to_a_paper_credit_it():
    found = _default("The documents, leaked to The New York Times, show the plan.")
    assert [a.outlet_id for a in found] == ["new-york-times"]


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Nach Informationen des Spiegels ist der Plan fertig.", "der-spiegel"),
        ("Das geht aus einem Bericht des Handelsblatts hervor.", "handelsblatt"),
    ],
)
def test_a_german_paper_s_name_in_the_genitive(text, outlet):
    assert outlet in {a.outlet_id for a in _default(text)}


def test_a_sentence_s_first_word_before_a_name_with_its_article_is_not_the_name_s():
    found = _default("Comme Le Monde l'a révélé, le plan est prêt.")
    assert [a.outlet_id for a in found] == ["le-monde"]


@pytest.mark.parametrize(
    ("caption", "outlet"),
    [
        ("Le pont effondré du matin. / LA DÉPÊCHE DU MIDI", "la-depeche"),
        ("LA DÉPÊCHE DU MIDI / NATHALIE SAINT-AFFRE", "la-depeche"),
        ("Evo Morales à La Paz (AFP - RONALDO SCHEMIDT)", "afp"),
        ("El canciller en el exterior de México. Reuters", "reuters"),
    ],
)
def test_caption_credits_after_a_slash_a_dash_or_a_full_stop(caption, outlet):
    body = (
        "<p>" + "Le match a eu lieu hier soir. " * 8 + "</p><figure><img src='a.jpg'>"
        f"<figcaption>{caption}</figcaption></figure>"
    )
    assert [(a.outlet_id, a.kind.value) for a in _html(body)] == [(outlet, "image_credit")]


@pytest.mark.parametrize(
    "text",
    [
        "Presidente da República afirma que Judiciário oferece instâncias.",
        "Le sommet de Dakar.\n\n© DR\n\nLa sécurité alimentaire reste fragile.",
    ],
)
def test_a_republic_and_rights_reserved_are_no_outlets(text):
    assert [a.outlet_id for a in _default(text) if a.outlet_id] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("В ряде СМИ ранее появилась информация о задержании.", "В ряде СМИ"),
        ("Это видно из сюжета телеканала «Грозный», показанного вчера.", "Грозный"),
    ],
)
def test_russian_reports_in_several_media_and_a_channel_s_story(text, name):
    assert name in [a.name for a in _default(text)]


def test_a_football_site_in_parentheses_closing_a_paragraph():
    text = "シティは代役を考えているという。（Goal.com）\n\n次の記事"
    assert [a.outlet_id for a in _default(text)] == ["goal-com"]


def test_a_small_word_inside_an_unnamed_phrase_is_no_cue_of_its_own():
    # "de" ends cues ("a través de") but does not make "medios de comunicación" a source;
    # a whole cue inside a phrase ("по данным") still does
    spanish = _default("Los medios de comunicación tienen un papel.")
    assert [a.name for a in spanish if a.unnamed] == []
    russian = _default("По данным СМИ, план готов.")
    assert [a.name for a in russian if a.unnamed] == ["По данным СМИ"]

"""One table row per miss or false alarm that the labelled corpus showed and that was fixed."""

from __future__ import annotations

import pytest

from citeresolve.detect import detect
from citeresolve.document import load

ATTRIBUTIONS = [
    pytest.param(
        "The aid package was first reported Tuesday by The Washington Post.",
        ("washington-post", "report"),
        id="reported-weekday-by",
    ),
    pytest.param(
        "That is according to a 2023 analysis by the Deseret News.",
        ("deseret-news", "report"),
        id="analysis-by",
    ),
    pytest.param(
        "Bild newspaper said he had been watched.",
        ("bild", "report"),
        id="name-then-noun-then-verb",
    ),
    pytest.param(
        "German magazine Kicker reported that the club had made an offer.",
        ("kicker", "report"),
        id="noun-phrase-then-name",
    ),
    pytest.param(
        "The Kieler Abendblatt reported that one man had a record.",
        ("Kieler Abendblatt", "report"),
        id="german-paper-suffix",
    ),
    pytest.param(
        "Dagens Nordland reported that Aurora had hired a lawyer.",
        ("Dagens Nordland", "report"),
        id="swedish-paper-word",
    ),
    pytest.param(
        "The Sanriku Shimbun reported that boats broke loose.",
        ("Sanriku Shimbun", "report"),
        id="japanese-paper-word",
    ),
    pytest.param(
        "The Copenhagen Post noted last summer that lifeguards were busy.",
        ("Copenhagen Post", "report"),
        id="noted",
    ),
    pytest.param(
        # KOMO is komo-tv's ambiguous alias: a dateline is where it names the station
        "SEATTLE (KOMO) — A powerful storm hit the coast.",
        ("komo-tv", "dateline"),
        id="call-sign-dateline",
    ),
    pytest.param(
        "WAFB-TV reported that firefighters arrived.",
        ("WAFB-TV", "report"),
        id="call-sign-with-suffix",
    ),
    pytest.param(
        "By Marcus Hill, Gateway Now\n\nA tornado hit.",
        ("Gateway Now", "byline"),
        id="unregistered-byline",
    ),
    pytest.param(
        "Copyright 2024 The Associated Press. All rights reserved.",
        ("associated-press", "byline"),
        id="copyright-line",
    ),
    pytest.param(
        "KOLR contributed to this report.", ("KOLR", "byline"), id="unregistered-contributed"
    ),
    pytest.param(
        "His team said it was nothing, but L’Équipe reported that he saw the doctor.",
        ("l-equipe", "report"),
        id="curly-apostrophe-name",
    ),
    pytest.param(
        "North Korea's official Korean Central News Agency (KCNA) said leader Kim spoke.",
        ("kcna", "report"),
        id="acronym-in-parentheses-then-verb",
    ),
    pytest.param(
        "Spanish magazine ¡Hola! published photos of the couple.",
        ("hola", "report"),
        id="exclamation-in-name",
    ),
    pytest.param(
        "a claim Houthi-run Al Masirah TV reported alongside footage",
        ("al-masirah", "report"),
        id="hyphenated-descriptor-before-name",
    ),
    pytest.param(
        "he told BBC Sport at the finish", ("BBC Sport", "interview"), id="outlet-plus-desk"
    ),
    pytest.param(
        "CNN Indonesia reported on Tuesday evening",
        ("cnn-indonesia", "report"),
        id="outlet-plus-country",
    ),
    pytest.param(
        "had leaked on Monday (via Android Authority).",
        ("android-authority", "via"),
        id="paren-via",
    ),
    pytest.param(
        "Turnout was about 21%, The News & Observer reported.",
        ("news-and-observer", "report"),
        id="ampersand-in-name",
    ),
    pytest.param(
        "was abandoned by its crew, Lloyd's List reported on Monday",
        ("lloyds-list", "report"),
        id="possessive-in-name",
    ),
    pytest.param(
        "Upstream, the St. Joseph News-Press reported that roads closed.",
        ("St. Joseph News-Press", "report"),
        id="abbreviation-in-unregistered-name",
    ),
    pytest.param(
        "Gyeongbuk Business Newspaper reported on Thursday that the deal closed.",
        ("Gyeongbuk Business Newspaper", "report"),
        id="newspaper-word",
    ),
    pytest.param(
        "according to TMZ. Variety reported that insurers knew.",
        ("tmz", "report"),
        id="all-caps-name-before-full-stop",
    ),
]


def named(text):
    found = detect(load("a.txt", data=text.encode()))
    return [(a.outlet_id or a.name, a.kind.value) for a in found.attributions if not a.unnamed]


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTIONS)
def test_fixed_attribution_misses(text, expected):
    assert expected in named(text)


CREDITS = [
    pytest.param(
        "A road in Kushiro. (Kyodo via Reuters)\n\nThe quake hit.",
        {"reuters"},
        id="paren-via-credit",
    ),
    pytest.param(
        "A crowd in Times Square. Carlos Ybarra/VIEWpress via Getty Images\n\nText.",
        {"getty-images", "VIEWpress"},
        id="slash-then-via",
    ),
    pytest.param(
        "Kent Hallworth/Bloomberg via Getty Images\n\nText follows.",
        {"bloomberg", "getty-images"},
        id="person-slash-agency-line",
    ),
    pytest.param(
        "Credit\n\nJordan Vesel / Duluth News Tribune\n\nHOYT LAKES, Minn. — Text.",
        {"Duluth News Tribune"},
        id="label-alone-spaced-slash",
    ),
    pytest.param(
        "(Dana Kessler/St. Louis Post-Dispatch via AP)\n\nText.",
        {"st-louis-post-dispatch", "associated-press"},
        id="abbreviation-in-name",
    ),
    pytest.param(
        "Rescuers on Bull Creek. (Photo: KOLR)\n\nText.", {"KOLR"}, id="unregistered-in-credit"
    ),
    pytest.param(
        "Relatives held a rally.\n\nImage: Yossi Aloni/Flash90\n\nText.",
        {"Flash90"},
        id="agency-after-photographer-slash",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CREDITS)
def test_fixed_image_credit_misses(text, expected):
    found = detect(load("a.txt", data=text.encode()))
    credited = {a.outlet_id or a.name for a in found.attributions if a.kind.value == "image_credit"}
    assert expected <= credited


NOT_OUTLETS = [
    pytest.param("Press Secretary Jane Doe reported nothing new.", id="title-with-press"),
    pytest.param("Le Drian told a French newspaper Thursday.", id="weekday-after-noun-phrase"),
    pytest.param(
        "According to the National Weather Service, rain is due.", id="service-is-institution"
    ),
    pytest.param("By Jane Doe, Staff Writer\n\nText.", id="byline-job-title"),
    pytest.param("WHO reported 40 new cases.", id="who-is-not-a-station"),
    pytest.param("Economist Paul Krugman wrote that prices rose.", id="registry-word-then-person"),
]


@pytest.mark.parametrize("text", NOT_OUTLETS)
def test_fixed_false_alarms(text):
    assert named(text) == []


EMBEDS = [
    pytest.param(
        '<article><p>x</p><amp-facebook data-embed-as="post" data-href="https://www.facebook.com/Mira/posts/9671532490516562"></amp-facebook></article>',
        ("facebook", "9671532490516562"),
        id="amp-facebook",
    ),
    pytest.param(
        '<blockquote class="twitter-tweet"><p>Hi</p>&mdash; Alerts (@BreakingAlertsUS) <a href="https://x.com/BreakingAlertsUS/status/1886814974901730338">February 4, 2025</a></blockquote>',
        ("twitter", "1886814974901730338"),
        id="handle-over-15-characters",
    ),
    pytest.param(
        '<p>Watch:</p><iframe src="about:blank" data-lazy-src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
        ("youtube", "dQw4w9WgXcQ"),
        id="lazy-iframe",
    ),
    pytest.param(
        "<p>The team posted:</p><p>https://twitter.com/CNN/status/1509914418240528390</p>",
        ("twitter", "1509914418240528390"),
        id="wordpress-auto-embed",
    ),
    pytest.param(
        "Watch it here:\n\nhttps://www.tiktok.com/@user/video/7368190778305974757\n\nMore.",
        ("tiktok", "7368190778305974757"),
        id="pasted-tiktok-url",
    ),
    pytest.param(
        '<article><p>The band posted a photo.</p><noscript><blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/C5tQx2LrN8k/"></blockquote></noscript><p>More text.</p></article>',
        ("instagram", "C5tQx2LrN8k"),
        id="embed-in-noscript",
    ),
]


@pytest.mark.parametrize(("markup", "expected"), EMBEDS)
def test_fixed_embed_misses(markup, expected):
    suffix = ".html" if markup.lstrip().startswith("<") else ".txt"
    found = detect(load("a" + suffix, data=markup.encode()))
    assert expected in [(e.platform, e.post_id) for e in found.embeds]


def test_share_bar_and_comments_are_not_the_article():
    body = "<p>" + "Officials met on Monday to discuss the plan. " * 8 + "according to Reuters.</p>"
    page = (
        "<html><body><nav><a href='https://twitter.com/site'>Follow us on Twitter</a></nav>"
        f"<article><h1>Plan</h1>{body}<div class='share-bar'><a href='https://facebook.com/sharer'>Share</a></div></article>"
        "<section id='comments'><p>Reader: according to CNN it is fake.</p></section>"
        "<footer>© The Site. According to the BBC, nothing.</footer></body></html>"
    )
    found = detect(load("a.html", data=page.encode()))
    assert [a.outlet_id for a in found.attributions] == ["reuters"]
    assert found.links == ()
    whole = detect(load("a.html", data=page.encode()), whole_page=True)
    assert {a.outlet_id for a in whole.attributions} == {"reuters", "cnn", "bbc"}


def test_person_after_an_agency_slash_is_not_an_outlet():
    found = detect(load("a.txt", data=b"Crews cleared trees. (AP Photo/Nora Whitley)\n\nText."))
    credited = {a.outlet_id or a.name for a in found.attributions if a.kind.value == "image_credit"}
    assert credited == {"associated-press"}


def test_live_blog_of_many_articles_is_one_body():
    entry = (
        "<article class='block'><p>" + "Riders crossed the pass at speed. " * 8 + "{}</p></article>"
    )
    page = (
        "<html><body><nav>Menu</nav><main><div class='live'>"
        + entry.format("Crash reported, according to Reuters.")
        + entry.format("Eurosport reported the winner.")
        + "</div></main><aside class='most-read'>According to CNN, x.</aside></body></html>"
    )
    found = detect(load("a.html", data=page.encode()))
    assert {a.outlet_id for a in found.attributions} == {"reuters", "eurosport"}


def test_capitalised_outlet_noun_is_a_proper_name_not_an_unnamed_outlet():
    found = detect(load("a.txt", data=b"The station told Iowa Public Radio that it would reopen."))
    assert [(a.outlet_id, a.unnamed) for a in found.attributions] == [("iowa-public-radio", False)]


def test_body_inside_a_wrapper_with_a_furniture_class_is_still_the_article():
    body = "<p>" + "The study ran for a year. " * 10 + "Dempsey told Gizmodo by email.</p>"
    page = (
        "<html><body><div class='page-sidebar-layout'><nav>Menu</nav>"
        f"<div class='entry-content'>{body}</div>"
        "<aside>According to CNN, x.</aside></div></body></html>"
    )
    found = detect(load("a.html", data=page.encode()))
    assert [a.outlet_id for a in found.attributions] == ["gizmodo"]


def test_long_name_written_in_another_case_is_the_outlet():
    found = detect(load("a.txt", data=b"The merger stalled, according to the Wirtschaftswoche."))
    assert [a.outlet_id for a in found.attributions] == ["wirtschaftswoche"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The papers were obtained by the Oxford Mail last week.",
            ("Oxford Mail", "obtained by the Oxford Mail"),
            id="agent",
        ),
        pytest.param(
            "According to a report in the Argus Leader of Sioux Falls, the state paid.",
            ("Argus Leader", "a report in the Argus Leader"),
            id="place-after-of",
        ),
        pytest.param(
            "Laut Kieler Abendblatt war es kalt.",
            ("Kieler Abendblatt", "Laut Kieler Abendblatt"),
            id="other-language",
        ),
    ],
)
def test_unregistered_publication_credited_by_the_grammar(text, expected):
    found = detect(load("a.txt", data=text.encode())).attributions
    assert [(a.name, a.span.text) for a in found] == [expected]


def test_copyright_in_a_caption_credits_the_picture_and_nowhere_else():
    caption = "<figure><img src='a.jpg'><figcaption>© Neil Hall / Reuters</figcaption></figure>"
    body = "<p>" + "Ministers met again. " * 12 + "</p>"
    page = f"<html><body><article>{caption}{body}<p>© Handelsblatt GmbH</p></article></body></html>"
    found = detect(load("a.html", data=page.encode())).attributions
    assert [(a.outlet_id, a.kind.value) for a in found] == [("reuters", "image_credit")]


def test_video_title_under_a_lone_label_is_not_a_credit():
    text = "Ministers met again.\n\nVideo\nFox News Flash top entertainment headlines\n\nMore."
    assert detect(load("a.txt", data=text.encode())).attributions == ()


@pytest.mark.parametrize(
    ("text", "name", "span"),
    [
        pytest.param(
            "Як пише місцеве видання «Інформатор», діти повернулися.",
            "Інформатор",
            "Як пише місцеве видання «Інформатор»",
            id="media-noun-then-guillemets",
        ),
        pytest.param(
            "据《财经时报》报道，价格上涨。", "财经时报", "据《财经时报》", id="title-marks"
        ),
    ],
)
def test_quoted_title_the_text_calls_a_publication(text, name, span):
    found = detect(load("a.txt", data=text.encode())).attributions
    assert [(a.name, a.span.text, a.unnamed) for a in found] == [(name, span, False)]


def test_quoted_title_without_a_media_noun_is_not_a_publication():
    text = "Він назвав це «Інформатор» і пішов, пише автор."
    assert detect(load("a.txt", data=text.encode())).attributions == ()


def test_acronym_written_in_title_case_is_the_outlet():
    found = detect(load("a.txt", data=b"Talks stalled, according to Bbc.")).attributions
    assert [a.outlet_id for a in found] == ["bbc"]


def test_agency_in_lower_case_parentheses_credits_a_caption():
    caption = "<figure><img src='a.jpg'><figcaption>Il premier a Roma (ansa)</figcaption></figure>"
    page = f"<html><body><article>{caption}<p>{'Il governo discute. ' * 15}(ap)</p></article></body></html>"
    found = detect(load("a.html", data=page.encode())).attributions
    assert [(a.outlet_id, a.kind.value) for a in found] == [("ansa", "image_credit")]


def test_picture_blocks_with_furniture_words_in_their_class_stay_in_the_article():
    lead = (
        "<div class='article__cover'><img src='a.jpg'><div class='media__footer'>"
        "Ministers in London. © Neil Hall / Reuters</div></div>"
    )
    figure = "<figure class='sidebar-img'><img src='b.jpg'><figcaption>Shanghai (afp)</figcaption></figure>"
    body = f"<div class='article__text'>{figure}<p>{'Ministers met again. ' * 15}</p></div>"
    page = f"<html><body><div class='article'>{lead}{body}</div></body></html>"
    found = detect(load("a.html", data=page.encode())).attributions
    assert [(a.outlet_id, a.kind.value) for a in found] == [
        ("reuters", "image_credit"),
        ("afp", "image_credit"),
    ]


def test_densest_paragraphs_in_a_footer_are_not_the_article():
    article = "<div class='text-page'><p>" + "Діти повернулися додому. " * 20 + "</p></div>"
    footer = (
        "<div class='footer_text'><p>" + "Усі права захищені, CNN reports. " * 25 + "</p></div>"
    )
    page = f"<html><body><div class='row small-comments'>{article}</div>{footer}</body></html>"
    assert detect(load("a.html", data=page.encode())).attributions == ()


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        pytest.param(
            "Дебати у ПАРЄ.\n\nREUTERS\n\nГоловний доповідач сказав.", "reuters", id="alone"
        ),
        pytest.param(
            "Мінімальна зарплата. Мария Девахина/РИА Новости\n\nТекст.",
            "ria-novosti",
            id="cyrillic-person",
        ),
    ],
)
def test_picture_credits_without_a_label(text, outlet):
    found = detect(load("a.txt", data=text.encode())).attributions
    assert [(a.outlet_id, a.kind.value) for a in found] == [(outlet, "image_credit")]


def test_agency_mentioned_in_a_sentence_is_not_a_credit():
    assert detect(load("a.txt", data=b"The REUTERS building stands here.")).attributions == ()


def test_registry_name_then_news_is_the_same_outlet():
    found = detect(load("a.txt", data=b"People told CNBC News that prices rose.")).attributions
    assert [(a.outlet_id, a.span.text) for a in found] == [("cnbc", "told CNBC News")]


def test_credit_label_glued_to_its_caption_still_credits():
    text = "Patients sought treatmentCredit: Reuters\n\nThe latest case was reported."
    found = detect(load("a.txt", data=text.encode())).attributions
    assert [(a.outlet_id, a.kind.value) for a in found] == [("reuters", "image_credit")]

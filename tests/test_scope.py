"""Where the article is on a page: the body the CMS marks, never a comment that reuses its class."""

from __future__ import annotations

from citeresolve.document import parse_html
from citeresolve.scope import article_scope, in_scope

BODY = "Die Regierung ist gestürzt, berichtete die Zeitung am Montag. " * 12
COMMENT = "Ein Leser schreibt, dass er das ganz anders sieht und sich beschwert. " * 12


def _scoped(html: str, needle: str) -> bool:
    doc = parse_html(html)
    at = doc.text.find(needle)
    assert at >= 0
    return in_scope(article_scope(doc), at, at + len(needle))


def test_wordpress_comment_with_the_body_class_is_not_the_body():
    html = (
        "<main><div class='single__post__content'><p>" + BODY + "</p></div>"
        "<ol class='comments'><li><div class='comment__text comment-content entry-content'><p>"
        + COMMENT
        + "</p></div></li></ol></main>"
    )
    assert _scoped(html, "berichtete die Zeitung")
    assert not _scoped(html, "Ein Leser schreibt")


def test_body_class_with_a_furniture_like_suffix_is_still_the_body():
    html = (
        "<div class='sidebar'><p>" + COMMENT + "</p></div>"
        "<div class='entry-content entry-content-read-more'><p>" + BODY + "</p></div>"
    )
    assert _scoped(html, "berichtete die Zeitung")
    assert not _scoped(html, "Ein Leser schreibt")


def test_lead_figure_in_the_article_header_and_standfirst_are_in_scope():
    html = (
        "<div class='row-content--sidebar'><article><header class='big-img'><h1>Titolo</h1>"
        "<figure><img src='a.jpg'><figcaption>(ansa)</figcaption></figure></header>"
        "<p class='fig-chapo'>Selon le ministre interviewé par le Wall Street Journal.</p>"
        "<div class='body-text'><p>" + BODY + "</p></div></article></div>"
        "<aside><p>" + COMMENT + "</p></aside>"
    )
    assert _scoped(html, "(ansa)")
    assert _scoped(html, "interviewé par le Wall Street Journal")
    assert not _scoped(html, "Ein Leser schreibt")


def test_lead_image_named_by_its_id_is_in_scope():
    html = (
        "<div id='mat_texto'><a id='mat_img'><span id='mat_img_credito'>Mikhail Klimentyev/"
        "Reuters</span></a><span itemprop='articleBody'><p>" + BODY + "</p></span></div>"
    )
    assert _scoped(html, "Klimentyev/Reuters")


def test_a_figures_footer_holds_its_credit_and_the_pages_footer_is_out():
    html = (
        "<article><header><h1>Titel</h1><figure class='article-header__media'><img src='a.jpg'>"
        "<footer class='article-header__image-copyright'>© AP Photo, Alex Brandon</footer>"
        "</figure></header><div class='article-body'><p>" + BODY + "</p></div>"
        "<footer>Impressum und Kontakt der Redaktion</footer></article>"
    )
    assert _scoped(html, "© AP Photo, Alex Brandon")
    assert not _scoped(html, "Impressum und Kontakt")


def test_a_slideshow_caption_and_the_info_line_under_the_headline_are_in_scope():
    html = (
        "<article><header><h1>Титул</h1><p class='article-info'>3 марта · Фото: Сергей"
        " Фадеичев/ТАСС</p></header><div class='article__content'><p>" + BODY + "</p>"
        "<div class='slideshow'><div class='slideshow_footer'><div class='caption'>"
        "Родченков. Фото Reuters</div></div></div><p>" + BODY + "</p></div></article>"
    )
    assert _scoped(html, "Фадеичев/ТАСС")
    assert _scoped(html, "Фото Reuters")


def test_paragraphs_between_line_breaks_outweigh_short_comment_paragraphs():
    article = "<br><br>".join(BODY[i : i + 150] for i in range(0, 600, 150))
    html = (
        "<div id='art'><div class='txt'><strong>"
        + BODY[:120]
        + "</strong><br><br>"
        + article
        + "</div></div><div class='opinions'>"
        + "".join(f"<p>{COMMENT[:90]}</p>" for _ in range(5))
        + "</div>"
        "<div class='address'>Ulica 1<br>00-001 Warszawa<br>tel. 22 000 00 00</div>"
    )
    assert _scoped(html, BODY[150:190])
    assert not _scoped(html, COMMENT[:40])


def test_a_prefixed_body_class_a_lead_paragraph_and_a_source_line_are_in_scope():
    html = (
        "<div class='artical'><h1>标题</h1><div class='info-3ivibuHH'><p>2020-01-03</p>"
        "<span>来源：新华网</span></div><div class='lead'>" + COMMENT + "</div>"
        "<div class='ArticleBody-articleBody'><div class='group'><p>" + BODY + "</p></div>"
        "<div class='group'><p>" + BODY + "</p><div class='InlineImage-imageEmbedCredit'>"
        "Jane Doe | Bloomberg | Getty Images</div></div></div></div>"
    )
    assert _scoped(html, "来源：新华网")
    assert _scoped(html, COMMENT[:40])  # the lead paragraph, a standfirst
    assert _scoped(html, "Jane Doe | Bloomberg")  # the whole prefixed body, not one group


def test_a_subheading_right_under_the_headline_is_the_standfirst():
    html = (
        "<div class='rail'><p>" + COMMENT + "</p></div>"
        "<div id='main'><h1>Titre</h1><h2>La soirée, titre le quotidien New York Post.</h2>"
        "<div class='articleBody'><p>" + BODY + "</p></div></div>"
    )
    assert _scoped(html, "titre le quotidien New York Post")


def test_a_subheading_far_from_the_body_is_no_standfirst():
    html = (
        "<h1>Repubblica.it</h1><h2>Economia con Bloomberg</h2>"
        + "<div class='rail'><p>"
        + COMMENT
        + "</p></div>" * 3
        + "<div class='articleBody'><p>"
        + BODY
        + "</p></div>"
    )
    assert not _scoped(html, "Economia con Bloomberg")


def test_a_body_named_by_its_id_outweighs_a_short_marker_with_the_class():
    html = (
        "<article><section id='article-body' class='body'><p>" + BODY + "</p></section>"
        "<section class='newsscanner-end-of-article-body'><p>"
        + "Tweet. Teilen. " * 20
        + "</p></section></article>"
    )
    assert _scoped(html, "berichtete die Zeitung")


def test_lines_that_sign_the_story_below_the_body_are_in_scope():
    html = (
        "<article><div class='articleBody'><p>" + BODY + "</p></div>"
        "<footer><b>Fonte: ANSA</b></footer></article>"
        "<section class='article-footer'><p>Zur Startseite</p>"
        "<span class='article-copyright'>©SZ.de/Reuters/jps</span></section>"
        "<div><p>fek/oka/AP/Reuters</p></div>"
    )
    assert _scoped(html, "Fonte: ANSA")  # in the article's own footer, still its source
    assert _scoped(html, "©SZ.de/Reuters/jps")
    assert _scoped(html, "fek/oka/AP/Reuters")


def test_a_page_notice_or_a_sentence_below_the_body_stays_out():
    html = (
        "<article><div class='articleBody'><p>" + BODY + "</p></div></article>"
        "<footer>© The Site. According to the BBC, nothing.</footer>"
        "<footer>© 2024 Capital, tous droits réservés</footer>"
        "<div>" + COMMENT + "</div><footer>Quelle: dpa</footer>"
    )
    assert not _scoped(html, "According to the BBC")
    assert not _scoped(html, "© 2024 Capital")
    assert not _scoped(html, "Quelle: dpa")  # too far below the body to sign it


def test_a_credit_line_between_headline_and_body_is_in_scope():
    html = (
        "<h1>Michał Deskur za Adama Rapackiego?</h1><div class='fotoZajawka'>"
        "<p><small class='autor'>fot. PAP / Leszek Szymański</small> Adam Rapacki</p></div>"
        "<div class='rail'><p>Najnowsze: Sprawa Madzi</p></div>"
        "<div class='articleBody'><p>" + BODY + "</p></div>"
    )
    assert _scoped(html, "fot. PAP / Leszek Szymański")
    assert not _scoped(html, "Najnowsze: Sprawa Madzi")

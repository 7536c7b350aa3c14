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

"""Where the article is on an HTML page: its body, headline, byline and lead figure, not the rest.

A share bar, a "Follow us on Twitter" box, a related-stories rail or a comment is not a
citation. The body is found by what CMSs call it (itemprop=articleBody, WordPress's
entry-content, Drupal's field--name-body, Arc's article-body, <article>, <main>), else the
element holding the most paragraph text; boilerplate inside it (share bars, newsletter
boxes, related rails, comments) is cut out. Pure: spans of Document.text in, spans out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from bs4.element import NavigableString, Tag

from citeresolve.detect import cues
from citeresolve.detect.lexicon import default_grammar
from citeresolve.document import Document

# Class tokens CMSs give the article body, most specific first.
BODY_CLASSES = (
    "entry-content",
    "article-body",
    "article__body",
    "articleBody",
    "article-content",
    "story-body",
    "story-content",
    "post-content",
    "post-body",
    "field--name-body",
    "c-entry-content",
    "body-text",
    "rich-text",
    "article-text",
    "live-blog",
    "liveblog",
    "live-blog-body",
)
# What: a class or id token of page furniture. Example: "share-bar", "related-posts", "comments".
# Why bounded: anchored; the leading ".*" can retry at each separator, so the cost is
# quadratic in the token's length, and tokens over MAX_TOKEN characters are not tried.
BOILERPLATE = re.compile(
    r"^(?:.*[-_])?(?:comments?|comment-list|share|sharing|sharebar|share-tools|social-share|"
    r"related|newsletter|subscribe|subscription|most-?read|most-?popular|popular|trending|"
    r"sidebar|promo|advert|advertisement|ads?|ad-slot|breadcrumbs?|nav|navigation|menu|"
    r"footer|site-footer|site-header|masthead|outbrain|taboola|recirc|more-stories|"
    r"read-more|tags|tag-list|author-bio|follow-us|social-follow|paywall)(?:[-_].*)?$",
    re.I,
)
FURNITURE_TAGS = ("nav", "footer", "form")
# What: a class token naming a comment. Example: "comment__text", "comment-content".
# Why linear: literals between separator checks, on short tokens.
COMMENT = re.compile(r"(?:^|[-_])comments?(?:$|[-_])")
# What: a class token of a lead image block. Example: "field--name-field-image", "lead-art".
# Why linear: an alternation of literals between separator checks, on short tokens.
LEAD_MEDIA = re.compile(
    r"(?:^|[-_])(?:image|img|photo|picture|media|figure|caption|legende|credit|lead-art|hero|"
    r"slideshow|gallery)"
    r"(?:$|[-_])",
    re.I,
)
# What: a class or id token of an article's standfirst. Example: "fig-chapo", "standfirst",
# "article-dek", "entradilla". Why linear: an alternation of literals between separator checks.
STANDFIRST = re.compile(
    r"(?:^|[-_])(?:standfirst|chapo|chapeau|dek|lede|subtitle|subheadline|sottotitolo|"
    r"entradilla|bajada|linha-fina|summary|teaser|intro|lead)(?:$|[-_])",
    re.I,
)
# What: a body class token after a CMS's prefix. Example: "ArticleBody-articleBody".
# Why linear: a separator, then a literal alternation anchored at the token's end.
_BODY_TOKENS = frozenset(BODY_CLASSES)
_PREFIXED_BODY = re.compile("[-_](?:" + "|".join(map(re.escape, BODY_CLASSES)) + ")$")
LEAD_GAP = 3000  # characters at most between a lead image or standfirst and the body
STANDFIRST_GAP = 400  # characters at most from a standfirst subheading to headline and body
STANDFIRST_CHARS = 600
MIN_BODY_CHARS = 200
BR_PARAGRAPH_CHARS = 80  # a run of text between <br> tags this long reads as a paragraph
TAIL_GAP = 300  # characters at most from the body's end to a line that signs the story
CLOSING_LINE_CHARS = 150
MAX_TOKEN = 64  # longer class names are not furniture names (and BOILERPLATE stays cheap)

Span = tuple[int, int]


def article_scope(doc: Document) -> list[Span] | None:
    """The stretches of ``doc.text`` that belong to the article; None when the whole text does
    (plain text, or a page where nothing marks the article).

    >>> from citeresolve.document import parse_html
    >>> doc = parse_html("<nav>Home CNN</nav><article><h1>T</h1><p>" + "Body. " * 40 +
    ...                  "</p><div class='share-bar'>Share on X</div></article>")
    >>> [doc.text[a:b][:6] for a, b in article_scope(doc)]
    ['T\\n\\nBod']
    """
    if doc.html is None:
        return None
    body = _body(doc)
    if body is None:
        included = [(0, len(doc.text))]
        furniture = list(_furniture(doc, header_too=True))
    else:
        body_start, body_end = _span(doc, body)
        extras = [_span(doc, e) for e in _extras(doc, body)]
        # From the headline (or a little before the body) down to the body: its source line.
        head = min((a for a, _ in extras if a < body_start), default=body_start - LEAD_GAP // 6)
        included = [
            (body_start, body_end),
            *extras,
            *_source_lines(doc.text, max(head, body_start - LEAD_GAP), body_start),
            *_credit_lines(doc.text, max(head, body_start - LEAD_GAP), body_start),
        ]
        # A wrapper around the body is never furniture, whatever its class ("page-sidebar-wrap").
        furniture = [
            (a, b)
            for a, b in _furniture(doc, header_too=False)
            if not (a <= body_start and body_end <= b)
        ]
    scope = _subtract(_merge(included), _merge(furniture))
    if body is None:
        return scope
    # The lines that sign the story sit just below the body, often in the article's footer:
    # "Fonte: ANSA", "©SZ.de/Reuters/jps", "fek/oka/AP/Reuters", "Źródło: PAP".
    return _merge([*scope, *_closing_lines(doc.text, body_end)])


def _closing_lines(text: str, body_end: int) -> Iterable[Span]:
    """Short lines right after the body that name its sources: a source label, or a signature
    of editors' initials and agencies."""
    first = text.rfind("\n", 0, max(0, body_end - TAIL_GAP)) + 1  # or in its own footer
    for start, line in _short_lines(text, first, min(len(text), body_end + TAIL_GAP)):
        if (
            _SOURCE_LINE.match(line.lstrip("("))
            or _CLOSING_SIGNATURE.fullmatch(line)
            or _TWO_WORD_SOURCE.match(line)
            or _COPYRIGHT_LINE.fullmatch(line)
        ):
            yield start, start + len(line)


def _credit_lines(text: str, head: int, body_start: int) -> Iterable[Span]:
    """A short line opening with a credit label ("fot. PAP / Name", "(Foto: AP)") between the
    headline and the body: the lead picture's credit, whatever the markup around it."""
    labels = default_grammar().credit_labels
    for start, line in _short_lines(text, max(0, head), body_start, cut=True):
        label = _LABEL_OPENING.match(line)
        if label is not None and label.group("label").casefold() in labels:
            yield start, start + len(line)


def _short_lines(
    text: str, first: int, stop: int, *, cut: bool = False
) -> Iterator[tuple[int, str]]:
    """The lines that start in [first, stop), as (offset, text without blanks around), each
    at most CLOSING_LINE_CHARS long; with ``cut``, a line is cut off at ``stop``."""
    position = first
    while position < stop:
        line_end = text.find("\n", position, stop) if cut else text.find("\n", position)
        line_end = (stop if cut else len(text)) if line_end < 0 else line_end
        line = text[position:line_end].strip()
        if 0 < len(line) <= CLOSING_LINE_CHARS:
            yield text.index(line[0], position), line
        position = line_end + 1


# What: a source label of two words. Example: "Źródło informacji:", "Fonte foto:". Why
# linear: anchored; a literal alternation, one bounded class run.
_TWO_WORD_SOURCE = re.compile(
    "(?:" + "|".join(cues.SOURCE_LABEL_WORDS) + r") [^\W\d_]{2,14}[ \t]?[:：]"
)
# What: a copyright line naming the story's publisher and its sources, with no year (a year
# makes it the page's notice) and no sentence. Example: "© Capital (avec 6medias)". Why
# linear: a literal, then one bounded run of a negated class, each char after a fixed-width
# lookahead.
_COPYRIGHT_LINE = re.compile(r"© ?[^\W\d_](?:(?!(?:19|20)\d\d|[.!?;] )[^\n©]){1,60}")
# What: a line's first word, maybe in a parenthesis, with its dot, then a colon, slash or
# space. Example: "(Foto: ", "fot. ", "Bild: ". Why linear: anchored; one bounded class run.
_LABEL_OPENING = re.compile(r"\(?(?P<label>[^\W\d_]{2,14}\.?) ?[:|/]? ")
# What: a story's signature, initials and agencies joined by slashes, maybe after a copyright
# sign. Example: "fek/oka/aar/AP/Reuters", "©SZ.de/dpa/dayk/fied", "ats/fgn". Why linear:
# bounded runs, each closed by a literal slash the runs exclude.
_CLOSING_SIGNATURE = re.compile(r"\(?(?:© ?)?(?:[^\W_][\w.&-]{0,20}/){1,6}[^\W_][\w.&-]{0,20}\)?")


def _source_lines(text: str, head: int, body_start: int) -> Iterable[Span]:
    """A short line naming the story's source ("来源：新华网", "Źródło: PAP") between the
    headline and the body, where the headline's info line sits."""
    for label in _SOURCE_LINE.finditer(text, max(0, head), body_start):
        line_start = text.rfind("\n", 0, label.start()) + 1
        line_end = text.find("\n", label.end())
        line_end = body_start if line_end < 0 or line_end > body_start else line_end
        if line_end - line_start <= 200:
            yield line_start, line_end


# What: a source label. Example: "来源：", "Źródło: ". Why linear: a literal alternation and a
# class; the word start is left to the label list (unspaced scripts have none).
_SOURCE_LINE = re.compile(
    "(?:" + "|".join((*cues.SOURCE_LABEL_WORDS, *cues.SOURCE_LABEL_UNSPACED)) + ")[ \t]?[:：]"
)


def in_scope(scope: list[Span] | None, start: int, end: int) -> bool:
    """Whether [start, end] lies inside one stretch of the scope (zero-width spans allowed)."""
    if scope is None:
        return True
    return any(a <= start and end <= b for a, b in scope)


def _body(doc: Document) -> Tag | None:
    index = doc.index
    candidates: list[Tag] = [
        e for e in index.by_attr.get("itemprop", []) if e.get("itemprop") == "articleBody"
    ]
    for token in BODY_CLASSES:
        candidates.extend(index.by_class.get(token, []))
    # ...or as an id: "<section id='article-body' class='body'>"
    candidates.extend(e for e in index.by_attr.get("id", []) if e.get("id") in _BODY_TOKENS)
    # A CMS's own prefix before a known token: "ArticleBody-articleBody", "c-article-body".
    candidates.extend(
        element
        for token, elements in index.by_class.items()
        if len(token) <= MAX_TOKEN and _PREFIXED_BODY.search(token) and token not in BODY_CLASSES
        for element in elements
    )
    # WordPress gives each comment "comment-content entry-content": a comment is not the body.
    candidates = [e for e in candidates if not any(COMMENT.search(t) for t in e.get("class") or ())]
    for group in (candidates, index.by_tag.get("article", []), index.by_tag.get("main", [])):
        sized = [(e, _length(doc, e)) for e in group]
        sized = [(e, n) for e, n in sized if n >= MIN_BODY_CHARS]
        if len(sized) >= 2 and group is not candidates:
            # A live blog is many <article> entries: the body is what holds them all.
            return _common_ancestor([e for e, _ in sized])
        if sized:
            return max(sized, key=lambda pair: pair[1])[0]
    return _densest(doc)


def _common_ancestor(elements: list[Tag]) -> Tag:
    chains = []
    for element in elements:
        chain: list[Tag] = []
        node: Tag | None = element
        while node is not None:
            chain.append(node)
            node = node.parent if isinstance(node.parent, Tag) else None
        chains.append(chain[::-1])  # root first
    shared = chains[0][0]
    for depth in range(min(len(c) for c in chains)):
        if all(c[depth] is chains[0][depth] for c in chains):
            shared = chains[0][depth]
        else:
            break
    return shared


def _densest(doc: Document) -> Tag | None:
    """No markup names the body: take the element whose own paragraphs hold the most text."""
    totals: dict[int, tuple[Tag, int]] = {}
    for paragraph in doc.index.by_tag.get("p", []):
        parent = paragraph.parent
        if isinstance(parent, Tag):
            previous = totals.get(id(parent), (parent, 0))[1]
            totals[id(parent)] = (parent, previous + _length(doc, paragraph))
    # Older pages write paragraphs as text between <br> tags: their holder's own text counts
    # (a <p> holding a <br> is counted for its parent already).
    seen: set[int] = set()
    for line_break in doc.index.by_tag.get("br", []):
        parent = line_break.parent
        if isinstance(parent, Tag) and parent.name != "p" and id(parent) not in seen:
            seen.add(id(parent))
            previous = totals.get(id(parent), (parent, 0))[1]
            totals[id(parent)] = (parent, previous + _own_text(doc, parent))
    sized = [pair for pair in totals.values() if not _own_furniture(pair[0])]  # "footer_text"
    if not sized:
        return None
    element, size = max(sized, key=lambda pair: pair[1])
    return element if size >= MIN_BODY_CHARS else None


# Inline elements whose text is part of a <br>-separated paragraph.
_INLINE = frozenset({"strong", "b", "em", "i", "a", "span", "u"})


def _own_text(doc: Document, element: Tag) -> int:
    """The length of the paragraph-long runs of text an element holds itself or in inline
    elements (an address block's short lines between <br> tags are no article)."""
    total = 0
    for child in element.children:
        if isinstance(child, Tag):
            size = _length(doc, child) if child.name in _INLINE else 0
        else:
            size = len(child.strip()) if type(child) is NavigableString else 0
        total += size if size >= BR_PARAGRAPH_CHARS else 0
    return total


def _extras(doc: Document, body: Tag) -> Iterable[Tag]:
    """Headline, byline and dateline, and the lead figure, where they sit outside the body."""
    start = _span(doc, body)[0]
    headlines = doc.index.by_tag.get("h1", [])[:1]
    yield from headlines
    for headline in headlines:  # a subheading right under the headline: the standfirst
        below = _span(doc, headline)[1]
        for sub in doc.index.by_tag.get("h2", []):
            sub_start, sub_end = _span(doc, sub)
            if below <= sub_start and sub_end <= start:
                if (
                    sub_start - below <= STANDFIRST_GAP
                    and start - sub_end <= STANDFIRST_GAP
                    and sub_end - sub_start <= STANDFIRST_CHARS
                ):
                    yield sub
                break
    for token in (
        "byline",
        "dateline",
        "article-byline",
        "author-name",
        "c-byline",
        "article-info",  # date, author and the photo credits under a headline
        "article__info",
        "article-meta",
        "article__meta",
    ):
        yield from doc.index.by_class.get(token, [])[:2]
    figures = [f for f in doc.index.by_tag.get("figure", []) if _span(doc, f)[0] <= start]
    if figures and not _furniture_below(figures[-1], body):
        yield figures[-1]  # the figure right before the body: the lead image and its caption
    index = doc.index
    named = [
        *((token, elements) for token, elements in index.by_class.items()),
        *((str(e.get("id")), [e]) for e in index.by_attr.get("id", [])),  # "mat_img"
    ]
    for pattern in (LEAD_MEDIA, STANDFIRST):
        found = [
            element
            for token, elements in named
            if len(token) <= MAX_TOKEN and pattern.search(token)
            for element in elements
            if _length(doc, element) > 0 and _span(doc, element)[1] <= start
        ]
        if found:
            lead = max(found, key=lambda e: _span(doc, e)[1])  # the closest one before the body
            if start - _span(doc, lead)[1] <= LEAD_GAP and not _furniture_below(lead, body):
                yield lead


def _furniture_below(element: Tag, body: Tag) -> bool:
    """Furniture by its own markup or that of its wrappers below the one it shares with the
    body: a page grid's "row-content--sidebar" around both, or the article's own <header>
    around its lead image, does not make the image furniture."""
    holders = {id(node) for node in (body, *body.parents)}
    node: Tag | None = element
    while node is not None and id(node) not in holders:
        if _own_furniture(node) or node.name == "aside":
            return True
        node = node.parent if isinstance(node.parent, Tag) else None
    return False


def _furniture(doc: Document, *, header_too: bool) -> Iterable[Span]:
    index = doc.index
    holding = _holding_blockquotes(doc)

    def _embed_wrapper(element: Tag) -> bool:
        """Never cut out an embed because its wrapper has a social-sounding class."""
        classes = " ".join(element.get("class") or [])
        return "embed" in classes or id(element) in holding

    tags = (*FURNITURE_TAGS, "header", "aside") if header_too else FURNITURE_TAGS
    for name in tags:
        for element in index.by_tag.get(name, []):
            if name == "footer" and _picture_footer(element):
                continue  # a figure's <footer> holds its credit, not the page's links
            yield _span(doc, element)
    for token, elements in index.by_class.items():
        if _furniture_token(token):
            for element in elements:
                if not _embed_wrapper(element):
                    yield _span(doc, element)
    for element in index.by_attr.get("id", []):
        token = str(element.get("id"))
        if _furniture_token(token) and not _embed_wrapper(element):
            yield _span(doc, element)
    for element in index.by_attr.get("role", []):
        if element.get("role") in ("complementary", "navigation", "contentinfo"):
            yield _span(doc, element)


def _picture_footer(element: Tag) -> bool:
    """A <footer> inside a figure, or whose class names a picture's part
    ("article-header__image-copyright")."""
    if any(node.name in ("figure", "figcaption") for node in element.parents):
        return True
    return any(LEAD_MEDIA.search(t) for t in element.get("class") or () if len(t) <= MAX_TOKEN)


def _holding_blockquotes(doc: Document) -> set[int]:
    """Every element with a blockquote inside (an embed's wrapper): found once, upwards."""
    holding: set[int] = set()
    for quote in doc.index.by_tag.get("blockquote", []):
        node = quote.parent
        while isinstance(node, Tag) and id(node) not in holding:
            holding.add(id(node))
            node = node.parent
    return holding


def _is_furniture(element: Tag) -> bool:
    parent: Tag | None = element
    while parent is not None:
        if parent.name in FURNITURE_TAGS or parent.name in ("aside", "header"):
            return True
        tokens = [*(parent.get("class") or []), str(parent.get("id") or "")]
        if any(_furniture_token(t) for t in tokens if t):
            return True
        parent = parent.parent if isinstance(parent.parent, Tag) else None
    return False


def _own_furniture(element: Tag) -> bool:
    """The element's own class or id is furniture (its ancestors' may be a page grid's)."""
    tokens = [*(element.get("class") or []), str(element.get("id") or "")]
    return element.name in FURNITURE_TAGS or any(_furniture_token(t) for t in tokens if t)


def _furniture_token(token: str) -> bool:
    """A class or id of page furniture, unless it names a picture's part: "sidebar-img" and
    "media__footer" hold a photo and its caption, not a rail or the page's footer."""
    return (
        len(token) <= MAX_TOKEN and bool(BOILERPLATE.match(token)) and not LEAD_MEDIA.search(token)
    )


def _span(doc: Document, element: Tag) -> Span:
    start, end = doc.element_spans.get(id(element), (0, 0))
    return start, end


def _length(doc: Document, element: Tag) -> int:
    start, end = _span(doc, element)
    return end - start


def _merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _subtract(included: list[Span], excluded: list[Span]) -> list[Span]:
    result: list[Span] = []
    for start, end in included:
        pieces = [(start, end)]
        for cut_start, cut_end in excluded:
            pieces = [
                piece
                for a, b in pieces
                for piece in ((a, min(b, cut_start)), (max(a, cut_end), b))
                if piece[1] > piece[0]
            ]
        result.extend(pieces)
    return result

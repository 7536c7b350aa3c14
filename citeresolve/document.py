"""Loading: bytes become a Document; HTML becomes visible text with a map back to elements."""

from __future__ import annotations

import codecs
import hashlib
import re
import sys
import warnings
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)

from citeresolve.errors import EmptySource, InputError, SourceNotFound, SourceUnreadable
from citeresolve.model import Span

Format = Literal["text", "html"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
MAX_BYTES = 50 * 1024 * 1024  # an article, not a data dump: refuse before decoding
FALLBACK_ENCODING = "cp1252"

# Elements whose content a reader never sees.
INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link"})
# Elements that start a new paragraph of visible text.
BLOCKS = frozenset(
    """
        address article aside blockquote body caption dd details dialog div dl dt fieldset
        figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main
        nav ol p pre section summary table tbody td tfoot th thead tr ul iframe video audio
        amp-twitter amp-instagram amp-youtube amp-iframe twitter-widget
    """.split()
)
NON_TEXT_STRINGS = (Comment, CData, ProcessingInstruction, Declaration, Doctype)

# What: "<meta charset=...>" or "content='text/html; charset=...'" near the top of a page.
# Example: <meta charset="utf-8">. Why linear: one bounded character class after a literal.
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
# What: the tags that give away an HTML document. Example: "<!DOCTYPE html>", "<p>".
# Why linear: fixed alternation of literals, anchored on "<".
_HTML_SNIFF = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|article|blockquote|iframe|a\s+href|br)[\s>/]", re.I
)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, eq=False)
class Document:
    """An article as text; for HTML also the parsed tree and a map from offsets to elements."""

    text: str
    format: Format
    source: str
    sha256: str
    title: str | None = None
    url: str | None = None
    base_url: str | None = None
    html: BeautifulSoup | None = field(default=None, repr=False)
    # (start, end, element) of each run of text taken from the tree, ascending by start.
    segments: tuple[tuple[int, int, Tag], ...] = field(default=(), repr=False)
    # id(element) -> (start, end) of the element's visible text.
    element_spans: dict[int, tuple[int, int]] = field(default_factory=dict, repr=False)
    # id(element) -> (preorder index, last preorder index in its subtree): nesting in O(1).
    tree_ranges: dict[int, tuple[int, int]] = field(default_factory=dict, repr=False)
    # Every element by tag, by class and by attribute name, in document order: the detectors
    # look things up here instead of running CSS selectors over the whole tree each time.
    index: ElementIndex = field(default_factory=lambda: ElementIndex(), repr=False)

    @property
    def id(self) -> str:
        return f"article:{self.sha256[:16]}"

    def span_of(self, element: Tag) -> Span:
        """Where an element's visible text lies; zero-width where it has none (iframes)."""
        start, end = self.element_spans.get(id(element), (0, 0))
        return Span.of(self.text, start, end)

    def element_at(self, offset: int) -> Tag | None:
        """The innermost element whose text covers ``offset``: evidence back to markup."""
        index = bisect_right(self.segments, offset, key=lambda seg: seg[0]) - 1
        if index >= 0 and self.segments[index][0] <= offset < self.segments[index][1]:
            return self.segments[index][2]
        return None

    def absolute_url(self, href: str) -> str | None:
        """``href`` made absolute against <base>/the page URL; None when that cannot be done."""
        href = href.strip()
        if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", href):
            return href
        if href.startswith("//"):
            return "https:" + href
        if self.base_url:
            return urljoin(self.base_url, href)
        return None


def load(
    source: str | Path,
    *,
    data: bytes | None = None,
    format: Format | None = None,
    page_url: str | None = None,
) -> Document:
    """Read a path (or ``-`` for stdin, or given ``data``) into a Document.

    >>> doc = load("note.txt", data=b"according to Reuters")
    >>> doc.format, doc.text
    ('text', 'according to Reuters')
    """
    name = str(source)
    if name.startswith(("http://", "https://")) and data is None:
        raise InputError(
            f"{name}: a URL is fetched by audit (citeresolve.audit / audit_async), not by load"
        )
    if data is None:
        data = _read_stdin() if name == "-" else _read_path(Path(name))
    if not data.strip():
        raise EmptySource(f"{name}: the file is empty")
    suffix = Path(name).suffix.lower() if name != "-" and page_url is None else ""
    text = decode(data)
    _refuse_binary(name, text)
    fmt = format or _sniff_format(suffix, text)
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "html":
        return parse_html(text, source=name, sha256=sha, page_url=page_url)
    return Document(text=text, format="text", source=name, sha256=sha, url=page_url)


def from_text(text: str, *, source: str = "<text>") -> Document:
    """A plain-text Document from a string already in memory (no decoding, no checks).

    >>> from_text("CNN reports").format
    'text'
    """
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Document(text=text, format="text", source=source, sha256=digest)


def _read_path(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise SourceUnreadable(f"{path}: is a directory, not an article")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceUnreadable(f"{path}: {size:,} bytes is too large for an article")
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceNotFound(f"{path}: no such file") from None
    except PermissionError:
        raise SourceUnreadable(f"{path}: permission denied") from None
    except OSError as exc:
        raise SourceUnreadable(f"{path}: cannot read ({exc.strerror or exc})") from None


def _read_stdin() -> bytes:
    try:
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SourceUnreadable(f"stdin: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise SourceUnreadable("stdin: too large for an article")
    return data


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> str:
    """Bytes to text: BOM, then <meta charset>, then UTF-8, then cp1252. Never raises.

    >>> decode(b"caf\\xe9"), decode("café".encode()), decode(b"\\xef\\xbb\\xbfok")
    ('café', 'café', 'ok')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        # A page that says latin-1 means windows-1252, as every browser reads it.
        if codec in {"latin-1", "iso8859-1", "ascii"}:
            codec = FALLBACK_ENCODING
        if codec and not codec.startswith("utf-16") and not codec.startswith("utf-32"):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(FALLBACK_ENCODING, errors="replace")


def _refuse_binary(name: str, text: str) -> None:
    """Binary garbage decodes to control characters; an article has almost none."""
    head = text[:8192]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r\f")
    if "\x00" in head or controls > max(8, len(head) // 100):
        raise SourceUnreadable(f"{name}: looks like binary data, not an article")


def _sniff_format(suffix: str, text: str) -> Format:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return "html" if _HTML_SNIFF.search(text[:2048]) else "text"


def parse_html(
    markup: str, *, source: str = "<html>", sha256: str | None = None, page_url: str | None = None
) -> Document:
    """Parse once with lxml and extract the visible text with its offset map.

    >>> doc = parse_html("<p>Hello <b>world</b></p><script>x()</script><p>Bye</p>")
    >>> doc.text
    'Hello world\\n\\nBye'
    >>> doc.span_of(doc.html.find("b")).text
    'world'
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "lxml")
    index = ElementIndex()
    text, segments, spans, ranges = _visible_text(soup, index)
    sha = sha256 or hashlib.sha256(markup.encode("utf-8", "surrogatepass")).hexdigest()
    url = _page_url(soup) or page_url
    base = _base_url(soup, page_url or url)
    return Document(
        text=text,
        format="html",
        source=source,
        sha256=sha,
        title=_page_title(soup),
        url=url,
        base_url=base,
        html=soup,
        segments=tuple(segments),
        element_spans=spans,
        tree_ranges=ranges,
        index=index,
    )


class _TextBuilder:
    """Accumulates visible text the way a browser lays it out: collapsed spaces, blocks apart."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pending_newlines = 0
        self.pending_space = False

    def block_break(self, newlines: int = 2) -> None:
        self.pending_newlines = max(self.pending_newlines, newlines)
        self.pending_space = False

    def write(self, chunk: str, *, preformatted: bool = False) -> tuple[int, int] | None:
        """Append a run of text; return where it landed (None when it was only whitespace)."""
        if not preformatted:
            if chunk[:1].isspace():
                self.pending_space = True
            words = _WHITESPACE.sub(" ", chunk).strip()
            if not words:
                return None
            trailing_space = chunk[-1:].isspace()
            chunk = words
        else:
            trailing_space = False
        if self.length:
            if self.pending_newlines:
                self._append("\n" * self.pending_newlines)
            elif self.pending_space:
                self._append(" ")
        self.pending_newlines = 0
        start = self.length
        self._append(chunk)
        self.pending_space = trailing_space
        return start, self.length

    def _append(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.length += len(chunk)

    def text(self) -> str:
        return "".join(self.parts)


def _visible_text(
    soup: BeautifulSoup,
    index: ElementIndex,
) -> tuple[str, list[tuple[int, int, Tag]], dict[int, tuple[int, int]], dict[int, tuple[int, int]]]:
    """Walk the tree once, iteratively (2,000 nested divs must not hit the recursion limit)."""
    out = _TextBuilder()
    segments: list[tuple[int, int, Tag]] = []
    raw_spans: dict[int, tuple[int, int]] = {}
    starts: dict[int, int] = {}
    preorder: dict[int, int] = {}
    ranges: dict[int, tuple[int, int]] = {}
    counter = 0
    stack: list[tuple[PageElement, bool]] = [(soup, True)]
    pre_depth = 0
    while stack:
        node, entering = stack.pop()
        if isinstance(node, NavigableString):
            if isinstance(node, NON_TEXT_STRINGS) or not isinstance(node.parent, Tag):
                continue
            placed = out.write(str(node), preformatted=pre_depth > 0)
            if placed:
                segments.append((placed[0], placed[1], node.parent))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if entering:
            if node is not soup:
                index.add(node)
            if name in INVISIBLE and node is not soup:
                raw_spans[id(node)] = (out.length, out.length)  # where it sits, though unseen
                for inner in node.descendants:  # unseen, but embeds live in <noscript>, <script>
                    if isinstance(inner, Tag):
                        index.add(inner)
                continue
            if name in BLOCKS:
                out.block_break(2)
            elif name == "br":
                out.block_break(1)
            if name == "pre":
                pre_depth += 1
            starts[id(node)] = out.length
            preorder[id(node)] = counter
            counter += 1
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(node.contents))
        else:
            if name == "pre":
                pre_depth -= 1
            raw_spans[id(node)] = (starts.pop(id(node)), out.length)
            ranges[id(node)] = (preorder.pop(id(node)), counter - 1)
            if name in BLOCKS:
                out.block_break(2)
    text = out.text()
    return text, segments, {key: _trim(text, *span) for key, span in raw_spans.items()}, ranges


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets recorded on entering an element may sit before a separator: move past it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else (min(start, len(text)), min(start, len(text)))


def _page_title(soup: BeautifulSoup) -> str | None:
    for selector, attr in (('meta[property="og:title"]', "content"), ("title", None)):
        element = soup.select_one(selector)
        if element is None:
            continue
        raw = element.get(attr) if attr else element.get_text()
        value = _WHITESPACE.sub(" ", str(raw or "")).strip()
        if value:
            return value
    return None


def _page_url(soup: BeautifulSoup) -> str | None:
    for selector, attr in (
        ('link[rel~="canonical"]', "href"),
        ('meta[property="og:url"]', "content"),
    ):
        element = soup.select_one(selector)
        value = str(element.get(attr) or "").strip() if element else ""
        if value.startswith(("http://", "https://")):
            return value
    return None


def _base_url(soup: BeautifulSoup, page_url: str | None) -> str | None:
    base = soup.find("base", href=True)
    href = str(base.get("href") or "").strip() if isinstance(base, Tag) else ""
    if href.startswith(("http://", "https://")):
        return href
    if href and page_url:
        return urljoin(page_url, href)
    return page_url


class ElementIndex:
    """Elements by tag name, class and attribute name, each list in document order."""

    def __init__(self) -> None:
        self.by_tag: dict[str, list[Tag]] = {}
        self.by_class: dict[str, list[Tag]] = {}
        self.by_attr: dict[str, list[Tag]] = {}
        self.order: dict[int, int] = {}

    def add(self, element: Tag) -> None:
        self.order[id(element)] = len(self.order)
        self.by_tag.setdefault(element.name, []).append(element)
        for name, value in element.attrs.items():
            self.by_attr.setdefault(name, []).append(element)
            if name == "class":
                for token in value if isinstance(value, list) else str(value).split():
                    self.by_class.setdefault(token, []).append(element)

    def select(self, selector: str) -> list[Tag]:
        """The elements matching a selector of the small CSS subset the detectors use:
        comma-separated ``tag.class[attr]`` or ``tag[attr*="text"]`` parts, any part optional."""
        found: dict[int, Tag] = {}
        for part in _parse_selector(selector):
            for element in self._candidates(part):
                if part.matches(element):
                    found[id(element)] = element
        return sorted(found.values(), key=lambda e: self.order[id(e)])

    def _candidates(self, part: _Simple) -> list[Tag]:
        if part.attr:
            return self.by_attr.get(part.attr, [])
        if part.cls:
            return self.by_class.get(part.cls, [])
        return self.by_tag.get(part.tag or "", [])


@dataclass(frozen=True, slots=True)
class _Simple:
    tag: str | None
    cls: str | None
    attr: str | None
    contains: str | None

    def matches(self, element: Tag) -> bool:
        if self.tag and element.name != self.tag:
            return False
        if self.cls:
            value = element.get("class")
            classes = value if isinstance(value, list) else str(value or "").split()
            if self.cls not in classes:
                return False
        if self.attr:
            value = element.get(self.attr)
            if value is None:
                return False
            if self.contains is not None and self.contains not in str(value):
                return False
        return True


# What: one simple selector: tag, .class, [attr] or [attr*="text"]. Example: iframe[src*="x"].
# Why linear: anchored, optional groups of single class runs, applied to short literals only.
_SELECTOR = re.compile(
    r"^(?P<tag>[a-z][a-z0-9-]*)?(?:\.(?P<cls>[A-Za-z0-9_-]+))?"
    r'(?:\[(?P<attr>[a-z][a-z0-9-]*)(?:\*="(?P<contains>[^"]*)")?\])?$'
)


@cache
def _parse_selector(selector: str) -> tuple[_Simple, ...]:
    parts = []
    for piece in selector.split(","):
        match = _SELECTOR.match(piece.strip())
        if match is None:
            raise ValueError(f"unsupported selector {piece!r}")
        parts.append(_Simple(match["tag"], match["cls"], match["attr"], match["contains"]))
    return tuple(parts)


def iter_elements(doc: Document, selector: str) -> Iterator[Tag]:
    """Elements of an HTML document matching ``selector``; nothing for plain text."""
    if doc.html is None:
        return iter(())
    return iter(doc.index.select(selector))


def iter_outermost(doc: Document, selector: str) -> Iterator[Tag]:
    """Matches that are not inside another match: embed markup is never nested, and hostile
    pages that nest it thousands deep must not make each level search its whole subtree."""
    last_inside = -1
    for element in iter_elements(doc, selector):
        extent = doc.tree_ranges.get(id(element))
        if extent is None:
            yield element  # in an invisible subtree: no order known, nothing nests there
            continue
        if extent[0] <= last_inside:
            continue
        last_inside = extent[1]
        yield element

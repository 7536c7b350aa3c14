"""Loading: decoding, format sniffing, visible text and the offset map, errors as one line."""

from __future__ import annotations

import codecs
import time

import pytest

from citeresolve.document import decode, load, parse_html
from citeresolve.errors import EmptySource, InputError, SourceNotFound, SourceUnreadable
from tests.helpers import SEED

DECODING = [
    pytest.param(codecs.BOM_UTF8 + "café".encode(), "café", id="utf8-bom"),
    pytest.param(codecs.BOM_UTF16_LE + "café".encode("utf-16-le"), "café", id="utf16le-bom"),
    pytest.param(codecs.BOM_UTF16_BE + "café".encode("utf-16-be"), "café", id="utf16be-bom"),
    pytest.param(
        '<meta charset="iso-8859-15"><p>caf\xe9 \xa4'.encode("latin-1"),
        '<meta charset="iso-8859-15"><p>café €',
        id="meta-charset",
    ),
    pytest.param(
        b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>\xcc\xee\xf1\xea\xe2\xe0',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Москва',
        id="meta-http-equiv",
    ),
    pytest.param("naïve “quotes”".encode(), "naïve “quotes”", id="utf8"),
    pytest.param(b"caf\xe9 \x93quoted\x94", "café “quoted”", id="cp1252-fallback"),
    pytest.param(
        b'<meta charset="no-such-codec"><p>ok',
        '<meta charset="no-such-codec"><p>ok',
        id="unknown-charset",
    ),
    pytest.param(
        b'<meta charset="utf-8"><p>caf\xe9', '<meta charset="utf-8"><p>café', id="lying-charset"
    ),
]


@pytest.mark.parametrize(("data", "expected"), DECODING)
def test_decode(data, expected):
    assert decode(data) == expected


def test_seed_loads_as_text():
    doc = load(SEED)
    assert doc.format == "text"
    assert doc.text.startswith("On Friday Russian Foreign Minister")
    assert doc.id == f"article:{doc.sha256[:16]}"


SNIFFING = [
    pytest.param("a.html", b"just words", "html", id="html-suffix-wins"),
    pytest.param("a.txt", b"<p>tags in a text file</p>", "text", id="txt-suffix-wins"),
    pytest.param("a.md", b"# Title\n\nWords", "text", id="markdown"),
    pytest.param("article", b"<!DOCTYPE html><html><body><p>x</p>", "html", id="sniffed-html"),
    pytest.param("article", b"Plain words, 3 < 4 and 5 > 2.", "text", id="sniffed-text"),
]


@pytest.mark.parametrize(("name", "data", "fmt"), SNIFFING)
def test_format(name, data, fmt):
    assert load(name, data=data).format == fmt


def test_visible_text_drops_invisible_and_separates_blocks():
    doc = parse_html(
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<p>First   <b>bold</b>\n words</p><script>var x = 1;</script><noscript>nojs</noscript>"
        "<template><p>hidden</p></template><div>Second<br>line</div><!-- comment --></body></html>"
    )
    assert doc.text == "First bold words\n\nSecond\nline"
    assert doc.title == "T"


def test_offsets_map_back_to_elements():
    doc = parse_html(
        '<p>Intro</p><blockquote class="q"><p>Quoted <a href="https://x.com">link</a></p></blockquote>'
    )
    quote = doc.html.select_one("blockquote")
    span = doc.span_of(quote)
    assert span.text == "Quoted link"
    assert doc.text[span.start : span.end] == span.text
    element = doc.element_at(doc.text.index("link"))
    assert element is not None and element.name == "a"
    assert doc.element_at(doc.text.index("Intro")).name == "p"


def test_base_href_and_canonical():
    doc = parse_html(
        '<base href="https://news.example/a/"><link rel="canonical" href="https://news.example/a/story">'
    )
    assert doc.url == "https://news.example/a/story"
    assert doc.absolute_url("../b") == "https://news.example/b"
    assert doc.absolute_url("//cdn.example/x") == "https://cdn.example/x"


ERRORS = [
    pytest.param(lambda tmp: tmp / "missing.txt", SourceNotFound, "no such file", id="missing"),
    pytest.param(lambda tmp: tmp, SourceUnreadable, "is a directory", id="directory"),
    pytest.param(lambda tmp: _write(tmp / "empty.txt", b""), EmptySource, "empty", id="empty"),
    pytest.param(
        lambda tmp: _write(tmp / "blank.txt", b"  \n\t\n"),
        EmptySource,
        "empty",
        id="whitespace-only",
    ),
    pytest.param(
        lambda tmp: _write(tmp / "x.bin", bytes(range(256)) * 40),
        SourceUnreadable,
        "binary",
        id="binary",
    ),
    pytest.param(
        lambda tmp: _write(tmp / "x.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64),
        SourceUnreadable,
        "binary",
        id="png",
    ),
]


def _write(path, data):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("make", "error", "words"), ERRORS)
def test_unreadable_input_is_one_clear_error(tmp_path, make, error, words):
    with pytest.raises(error) as info:
        load(make(tmp_path))
    message = str(info.value)
    assert words in message and "\n" not in message


def test_url_source_is_refused_with_a_reason():
    with pytest.raises(InputError, match="fetched by audit"):
        load("https://example.com/article")


ADVERSARIAL = [
    pytest.param("<!--" * 25000, id="open-comments"),
    pytest.param("(" * 50000, id="open-parens"),
    pytest.param("@a" * 50000, id="mentions"),
    pytest.param("<div>" * 2000 + "deep" + "</div>" * 2000, id="nested-divs"),
    pytest.param("<a href='x'>" * 5000, id="unclosed-anchors"),
]


@pytest.mark.parametrize("markup", ADVERSARIAL)
def test_parse_html_adversarial_is_fast(markup):
    started = time.perf_counter()
    doc = parse_html(markup)
    assert time.perf_counter() - started < 1.0
    assert isinstance(doc.text, str)

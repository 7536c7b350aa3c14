"""Bare URLs: twitter-text's conformance cases, news-article cases, properties, timing."""

from __future__ import annotations

import re
import time
from importlib.resources import files

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeresolve.detect import bare_urls
from citeresolve.detect.bare_urls import BareUrl, find_bare_urls


def found(text):
    """The URLs found in ``text``, as written."""
    return [text[u.start : u.end] for u in find_bare_urls(text)]


# twitter-text conformance/extract.yml, section "urls": (description, text, expected).
CONFORMANCE = [
    pytest.param("http://example.com", ["http://example.com"], id="Extract a lone URL"),
    pytest.param(
        "text http://google.com",
        ["http://google.com"],
        id="Extract valid URL: http://google.com",
    ),
    pytest.param(
        "text http://foobar.com/#",
        ["http://foobar.com/#"],
        id="Extract valid URL: http://foobar.com/#",
    ),
    pytest.param(
        "text http://google.com/#foo",
        ["http://google.com/#foo"],
        id="Extract valid URL: http://google.com/#foo",
    ),
    pytest.param(
        "text http://google.com/#search?q=iphone%20-filter%3Alinks",
        ["http://google.com/#search?q=iphone%20-filter%3Alinks"],
        id="Extract valid URL: http://google.com/#search?q=iphone%20-filter%3Alinks",
    ),
    pytest.param(
        "text http://twitter.com/#search?q=iphone%20-filter%3Alinks",
        ["http://twitter.com/#search?q=iphone%20-filter%3Alinks"],
        id="Extract valid URL: http://twitter.com/#search?q=iphone%20-filter%3Alinks",
    ),
    pytest.param(
        "text http://somedomain.com/index.php?path=/abc/def/",
        ["http://somedomain.com/index.php?path=/abc/def/"],
        id="Extract valid URL: http://somedomain.com/index.php?path=/abc/def/",
    ),
    pytest.param(
        "text http://www.boingboing.net/2007/02/14/katamari_damacy_phon.html",
        ["http://www.boingboing.net/2007/02/14/katamari_damacy_phon.html"],
        id="Extract valid URL: http://www.boingboing.net/2007/02/14/katamari_damacy_phon.html",
    ),
    pytest.param(
        "text http://somehost.com:3000",
        ["http://somehost.com:3000"],
        id="Extract valid URL: http://somehost.com:3000",
    ),
    pytest.param(
        "text http://xo.com/~matthew+%ff-x",
        ["http://xo.com/~matthew+%ff-x"],
        id="Extract valid URL: http://xo.com/~matthew+%ff-x",
    ),
    pytest.param(
        "text http://xo.com/~matthew+%ff-,.;x",
        ["http://xo.com/~matthew+%ff-,.;x"],
        id="Extract valid URL: http://xo.com/~matthew+%ff-,.;x",
    ),
    pytest.param(
        "text http://xo.com/,.;x",
        ["http://xo.com/,.;x"],
        id="Extract valid URL: http://xo.com/,.;x",
    ),
    pytest.param(
        "text http://en.wikipedia.org/wiki/Primer_(film)",
        ["http://en.wikipedia.org/wiki/Primer_(film)"],
        id="Extract valid URL: http://en.wikipedia.org/wiki/Primer_(film)",
    ),
    pytest.param(
        "text http://www.ams.org/bookstore-getitem/item=mbk-59",
        ["http://www.ams.org/bookstore-getitem/item=mbk-59"],
        id="Extract valid URL: http://www.ams.org/bookstore-getitem/item=mbk-59",
    ),
    pytest.param(
        "text http://✪df.ws/ejp",
        ["http://✪df.ws/ejp"],
        id="Extract valid URL: http://✪df.ws/ejp",
    ),
    pytest.param(
        "text http://chilp.it/?77e8fd",
        ["http://chilp.it/?77e8fd"],
        id="Extract valid URL: http://chilp.it/?77e8fd",
    ),
    pytest.param(
        "text http://x.com/oneletterdomain",
        ["http://x.com/oneletterdomain"],
        id="Extract valid URL: http://x.com/oneletterdomain",
    ),
    pytest.param(
        "text http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx",
        ["http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx"],
        id="Extract valid URL: http://msdn.microsoft.com/ja-jp/library/"
        "system.net.httpwebrequest(v=VS.100).aspx",
    ),
    pytest.param(
        "text http://domain-dash_2314352345_dfasd.foo-cow_4352.com",
        [],
        id="DO NOT extract invalid URL: http://domain-begin_dash_2314352345_dfasd.foo-cow_4352.com",
    ),
    pytest.param(
        "text http://-dash_2314352345_dfasd.foo-cow_4352.com",
        [],
        id="DO NOT extract invalid URL: http://-begin_dash_2314352345_dfasd.foo-cow_4352.com",
    ),
    pytest.param("text http://no-tld", [], id="DO NOT extract invalid URL: http://no-tld"),
    pytest.param(
        "text http://tld-too-short.x",
        [],
        id="DO NOT extract invalid URL: http://tld-too-short.x",
    ),
    pytest.param(
        "(http://twitter.com",
        ["http://twitter.com"],
        id="DO NOT extract invalid URL with invalid preceding character: (http://twitter.com",
    ),
    pytest.param(
        "text http://word-and-a-number-8-ftw.domain.com/",
        ["http://word-and-a-number-8-ftw.domain.com/"],
        id="Extract a very long hyphenated sub-domain URL (single letter hyphens)",
    ),
    pytest.param(
        "text http://domain.com-that-you-should-have-put-a-space-after",
        ["http://domain.com"],
        id="Extract a hyphenated TLD (usually a typo)",
    ),
    pytest.param(
        "text http://foo.com?#foo text",
        ["http://foo.com?#foo"],
        id="Extract URL ending with # value",
    ),
    pytest.param(
        "foo.com foo.net foo.org foo.edu foo.gov",
        ["foo.com", "foo.net", "foo.org", "foo.edu", "foo.gov"],
        id="Extract URLs without protocol on (com|org|edu|gov|net) domains",
    ),
    pytest.param(
        "foo.baz foo.co.jp www.xxxxxxx.baz www.foo.co.uk wwwww.xxxxxxx foo.comm foo.somecom "
        "foo.govedu foo.jp",
        ["foo.co.jp", "www.foo.co.uk"],
        id="Extract URLs without protocol not on (com|org|edu|gov|net) domains",
    ),
    pytest.param(
        "t.co/abcde bit.ly/abcde",
        ["t.co/abcde", "bit.ly/abcde"],
        id="Extract URLs without protocol on ccTLD with slash",
    ),
    pytest.param(
        "http://foo.jp http://fooooo.jp",
        ["http://foo.jp", "http://fooooo.jp"],
        id="Extract URLs with protocol on ccTLD domains",
    ),
    pytest.param(
        "Go to http://example.com/a+ or http://example.com/a-",
        ["http://example.com/a+", "http://example.com/a-"],
        id="Extract URLs with a - or + at the end of the path",
    ),
    pytest.param(
        "Go to http://example.com/view/slug-url-?foo=bar",
        ["http://example.com/view/slug-url-?foo=bar"],
        id="Extract URLs with longer paths ending in -",
    ),
    pytest.param(
        "@user Try http:// example.com/path",
        ["example.com/path"],
        id="Extract URLs beginning with a space",
    ),
    pytest.param(
        "これは日本語です。example.com/path/index.html中国語example.com/path한국",
        ["example.com/path/index.html", "example.com/path"],
        id="Extract long URL without protocol surrounded by CJK characters",
    ),
    pytest.param(
        "twitter.comこれは日本語です。example.com中国語t.co/abcde한국twitter.com "
        "example2.comテストtwitter.com/abcde",
        [
            "twitter.com",
            "example.com",
            "t.co/abcde",
            "twitter.com",
            "example2.com",
            "twitter.com/abcde",
        ],
        id="Extract short URL without protocol surrounded by CJK characters",
    ),
    pytest.param(
        "http://twitter.com/これは日本語です。example.com中国語http://t.co/abcde한국twitter.com"
        "テストexample2.comテストhttp://twitter.com/abcde",
        [
            "http://twitter.com/",
            "example.com",
            "http://t.co/abcde",
            "twitter.com",
            "example2.com",
            "http://twitter.com/abcde",
        ],
        id="Extract URLs with and without protocol surrounded by CJK characters",
    ),
    pytest.param(
        "Go to http://twitter.com/Русские_слова",
        ["http://twitter.com/Русские_слова"],
        id="Extract URLs with protocol and path containing Cyrillic characters",
    ),
    pytest.param(
        "twitter.jp日本語it.so中国語foo.jp it.so foo.jp",
        [],
        id="DO NOT extract short URLs without protocol on ccTLD domains without path",
    ),
    pytest.param(
        "MLB.tv vine.co twitch.tv t.co",
        ["MLB.tv", "vine.co", "twitch.tv", "t.co"],
        id="Extract some (tv|co) short URLs without protocol on ccTLD domains without path",
    ),
    pytest.param(
        "@user Try http://\u00a0example.com/path",
        ["example.com/path"],
        id="Extract URLs beginning with a non-breaking space (U+00A0)",
    ),
    pytest.param(
        "test http://sub_domain-dash.twitter.com",
        ["http://sub_domain-dash.twitter.com"],
        id="Extract URLs with underscores and dashes in the subdomain",
    ),
    pytest.param(
        "test http://a.b.cd",
        ["http://a.b.cd"],
        id="Extract URL with minimum number of valid characters",
    ),
    pytest.param(
        "test http://a_b.c-d.com",
        ["http://a_b.c-d.com"],
        id="Extract URLs containing underscores and dashes",
    ),
    pytest.param(
        "test http://a-b.c.com",
        ["http://a-b.c.com"],
        id="Extract URLs containing dashes in the subdomain",
    ),
    pytest.param(
        "test http://twitter-dash.com",
        ["http://twitter-dash.com"],
        id="Extract URLs with dashes in the domain name",
    ),
    pytest.param(
        "http://www.bestbuy.com/site/Currie+Technologies+-+Ezip+400+Scooter/9885188.p"
        "?id=1218189013070&skuId=9885188",
        [
            "http://www.bestbuy.com/site/Currie+Technologies+-+Ezip+400+Scooter/9885188.p"
            "?id=1218189013070&skuId=9885188"
        ],
        id="Extract URLs with lots of symbols then a period",
    ),
    pytest.param(
        "test http://-leadingdash.twitter.com",
        [],
        id="DO NOT extract URLs containing leading dashes in the subdomain",
    ),
    pytest.param(
        "test http://trailingdash-.twitter.com",
        [],
        id="DO NOT extract URLs containing trailing dashes in the subdomain",
    ),
    pytest.param(
        "test http://_leadingunderscore.twitter.com",
        [],
        id="DO NOT extract URLs containing leading underscores in the subdomain",
    ),
    pytest.param(
        "test http://trailingunderscore_.twitter.com",
        [],
        id="DO NOT extract URLs containing trailing underscores in the subdomain",
    ),
    pytest.param(
        "test http://-twitter.com",
        [],
        id="DO NOT extract URLs containing leading dashes in the domain name",
    ),
    pytest.param(
        "test http://twitter-.com",
        [],
        id="DO NOT extract URLs containing trailing dashes in the domain name",
    ),
    pytest.param(
        "test http://twitter_underscore.com",
        [],
        id="DO NOT extract URLs containing underscores in the domain name",
    ),
    pytest.param(
        "test http://twitter.c_o_m",
        [],
        id="DO NOT extract URLs containing underscores in the tld",
    ),
    pytest.param(
        "test http://www.foo.com/foo/path-with-period./",
        ["http://www.foo.com/foo/path-with-period./"],
        id="Extract valid URL http://www.foo.com/foo/path-with-period./",
    ),
    pytest.param(
        "test http://www.foo.org.za/foo/bar/688.1",
        ["http://www.foo.org.za/foo/bar/688.1"],
        id="Extract valid URL http://www.foo.org.za/foo/bar/688.1",
    ),
    pytest.param(
        "test http://www.foo.com/bar-path/some.stm?param1=foo;param2=P1|0||P2|0",
        ["http://www.foo.com/bar-path/some.stm?param1=foo;param2=P1|0||P2|0"],
        id="Extract valid URL http://www.foo.com/bar-path/some.stm?param1=foo;param2=P1|0||P2|0",
    ),
    pytest.param(
        "test http://foo.com/bar/123/foo_&_bar/",
        ["http://foo.com/bar/123/foo_&_bar/"],
        id="Extract valid URL http://foo.com/bar/123/foo_&_bar/",
    ),
    pytest.param(
        "test http://www.cp.sc.edu/events/65 test",
        ["http://www.cp.sc.edu/events/65"],
        id="Extract valid URL http://www.cp.sc.edu/events/65",
    ),
    pytest.param(
        "http://www.andersondaradio.no.comunidades.net/ test test",
        ["http://www.andersondaradio.no.comunidades.net/"],
        id="Extract valid URL http://www.andersondaradio.no.comunidades.net/",
    ),
    pytest.param("test ELPAÍS.com", ["ELPAÍS.com"], id="Extract valid URL ELPAÍS.com"),
    pytest.param(
        "test http://twitter.com/.",
        ["http://twitter.com/"],
        id="DO NOT include period at the end of URL",
    ),
    pytest.param(
        "http://tn.com.ar/show/00056158/la-estrella-del-certamen-el-turno-de-pamela-anderson"
        "?fb_xd_fragment#?=&cb=fe17523f223b7&relation=parent.parent&transport=fragment"
        "&type=resize&height=20&ackdata",
        [
            "http://tn.com.ar/show/00056158/la-estrella-del-certamen-el-turno-de-pamela-anderson"
            "?fb_xd_fragment#?=&cb=fe17523f223b7&relation=parent.parent&transport=fragment"
            "&type=resize&height=20&ackdata"
        ],
        id="Extract a URL with '?' in fragment",
    ),
    pytest.param(
        "text http://tn.com.ar/show/00056158/la-estrella-del-certamen-el-turno-de-pamela-anderson"
        "?fb_xd_fragment#?=&cb=fe17523f223b7&relation=parent.parent&transport=fragment"
        "&type=resize&height=20&ackdata text",
        [
            "http://tn.com.ar/show/00056158/la-estrella-del-certamen-el-turno-de-pamela-anderson"
            "?fb_xd_fragment#?=&cb=fe17523f223b7&relation=parent.parent&transport=fragment"
            "&type=resize&height=20&ackdata"
        ],
        id="Extract a URL with '?' in fragment in a text",
    ),
    pytest.param(
        "Test a ton of periods http://example.com/path" + "." * 42,
        ["http://example.com/path"],
        id="Extract a URL with a ton of trailing periods",
    ),
    pytest.param(
        "Test a ton of periods http://example.com/" + "," * 42,
        ["http://example.com/"],
        id="Extract a URL with a ton of trailing commas",
    ),
    pytest.param(
        "Test a ton of periods http://example.com/path/" + "!" * 42,
        ["http://example.com/path/"],
        id="Extract a URL with a ton of trailing '!'",
    ),
    pytest.param(
        "#test.com @test.com #http://test.com @http://test.com #t.co/abcde @t.co/abcde",
        [],
        id="DO NOT extract URLs in hashtag or @mention",
    ),
    pytest.param(
        "I really like http://t.co/pbY2NfTZ's website",
        ["http://t.co/pbY2NfTZ"],
        id="Extract a t.co URL with a trailing apostrophe",
    ),
    pytest.param(
        "Check this site out http://t.co/FNkPfmii- it's great",
        ["http://t.co/FNkPfmii"],
        id="Extract a t.co URL with a trailing hyphen",
    ),
    pytest.param(
        "According to http://t.co/ulYGBYSo: the internet is cool",
        ["http://t.co/ulYGBYSo"],
        id="Extract a t.co URL with a trailing colon",
    ),
    pytest.param(
        "http://twitter.com\nhttp://example.com\nhttp://example.com/path\nexample.com/path\n"
        "it.so\nit.so/abcde",
        [
            "http://twitter.com",
            "http://example.com",
            "http://example.com/path",
            "example.com/path",
            "it.so/abcde",
        ],
        id="Extract URL before newline",
    ),
    pytest.param(
        "$http://twitter.com $twitter.com $http://t.co/abcde $t.co/abcde $t.co $TVI.CA $RBS.CA",
        [],
        id="DO NOT extract URL if preceded by $",
    ),
    pytest.param(
        "long.test.tar.bz2 test.tar.bz2 tar.bz2",
        [],
        id="DO NOT extract .bz2 file name as URL",
    ),
    pytest.param(
        "john.doe.gov@mail.com",
        [],
        id="DO NOT extract URL with gTLD followed by @ sign",
    ),
    pytest.param(
        "john.doe.jp@mail.com",
        [],
        id="DO NOT extract URL with ccTLD followed by @ sign",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CONFORMANCE)
def test_twitter_text_conformance_urls(text, expected):
    assert found(text) == expected


# twitter-text conformance/extract.yml, section "urls_with_indices": (text, [(url, start, end)]).
CONFORMANCE_INDICES = [
    pytest.param("text http://google.com", [("http://google.com", 5, 22)], id="Extract a URL"),
    pytest.param(
        "皆さん見てください\uff01 http://google.com",
        [("http://google.com", 11, 28)],
        id="Extract a URL from a Japanese tweet",
    ),
    pytest.param(
        "t.co/abcde bit.ly/abcde",
        [("t.co/abcde", 0, 10), ("bit.ly/abcde", 11, 23)],
        id="Extract URLs without protocol on ccTLD with slash",
    ),
    pytest.param(
        "twitter.comこれは日本語です。example.com中国語t.co/abcde한국twitter.com "
        "example2.comテストtwitter.com/abcde",
        [
            ("twitter.com", 0, 11),
            ("example.com", 20, 31),
            ("t.co/abcde", 34, 44),
            ("twitter.com", 46, 57),
            ("example2.com", 58, 70),
            ("twitter.com/abcde", 73, 90),
        ],
        id="Extract URLs without protocol surrounded by CJK characters",
    ),
    pytest.param(
        "http://twitter.com/これは日本語です。example.com中国語http://t.co/abcde한국twitter.com"
        "テストexample2.comテストhttp://twitter.com/abcde",
        [
            ("http://twitter.com/", 0, 19),
            ("example.com", 28, 39),
            ("http://t.co/abcde", 42, 59),
            ("twitter.com", 61, 72),
            ("example2.com", 75, 87),
            ("http://twitter.com/abcde", 90, 114),
        ],
        id="Extract URLs with and without protocol surrounded by CJK characters",
    ),
    pytest.param(
        "http://t.co/pbY2NfTZ's http://t.co/2vYHpAc5; http://t.co/ulYGBYSo: "
        "http://t.co/8MkmHU0k+c http://t.co/TKLp64dY.x http://t.co/8t7G3ddS#a "
        "http://t.co/FNkPfmii-",
        [
            ("http://t.co/pbY2NfTZ", 0, 20),
            ("http://t.co/2vYHpAc5", 23, 43),
            ("http://t.co/ulYGBYSo", 45, 65),
            ("http://t.co/8MkmHU0k", 67, 87),
            ("http://t.co/TKLp64dY", 90, 110),
            ("http://t.co/8t7G3ddS", 113, 133),
            ("http://t.co/FNkPfmii", 136, 156),
        ],
        id="Extract t.co URLs skipping trailing characters and adjusting indices correctly",
    ),
    pytest.param(
        "http://t.co http://t.co",
        [("http://t.co", 0, 11), ("http://t.co", 12, 23)],
        id="Extract correct indices for duplicate instances of the same URL",
    ),
    pytest.param(
        "test http://xn--ls8h.XN--ls8h.la/",
        [("http://xn--ls8h.XN--ls8h.la/", 5, 33)],
        id="Extract I18N URL",
    ),
    pytest.param(
        "test http://foobar.みんな/ http://foobar.中国/ http://foobar.پاکستان/ ",
        [
            ("http://foobar.みんな/", 5, 23),
            ("http://foobar.中国/", 24, 41),
            ("http://foobar.پاکستان/", 42, 64),
        ],
        id="Extract URLs with IDN(not encoded)",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CONFORMANCE_INDICES)
def test_twitter_text_conformance_urls_with_indices(text, expected):
    assert [(text[u.start : u.end], u.start, u.end) for u in find_bare_urls(text)] == expected


ARTICLE = (
    "Russia is trying to extinguish fire at Belgorod oil depot using a helicopter. "
    "https://t.co/eXAp9sjZyI pic.twitter.com/6cUPyB9YqA — Aldin 🇧🇦 (@tinso_ww) April 1, 2022"
)

# (text, [(as written, url)]): what a news article throws at the detector.
POSITIVES = [
    pytest.param(
        ARTICLE,
        [
            ("https://t.co/eXAp9sjZyI", "https://t.co/eXAp9sjZyI"),
            ("pic.twitter.com/6cUPyB9YqA", "https://pic.twitter.com/6cUPyB9YqA"),
        ],
        id="article-belgorod-tweet",
    ),
    pytest.param("see t.co/abc", [("t.co/abc", "https://t.co/abc")], id="tco-schemeless"),
    pytest.param(
        "at http://192.168.0.1/x now",
        [("http://192.168.0.1/x", "http://192.168.0.1/x")],
        id="ipv4-with-scheme",
    ),
    pytest.param(
        "try https://docs.example/a and http://intranet.internal/b",
        [
            ("https://docs.example/a", "https://docs.example/a"),
            ("http://intranet.internal/b", "http://intranet.internal/b"),
        ],
        id="reserved-tld-with-scheme",
    ),
    pytest.param(
        "pic.twitter.com/abc",
        [("pic.twitter.com/abc", "https://pic.twitter.com/abc")],
        id="pic-twitter",
    ),
    pytest.param("bit.ly/x", [("bit.ly/x", "https://bit.ly/x")], id="cctld-with-path"),
    pytest.param(
        "www.example.com/a",
        [("www.example.com/a", "https://www.example.com/a")],
        id="www-with-path",
    ),
    pytest.param(
        "via example.co.uk.",
        [("example.co.uk", "https://example.co.uk")],
        id="co-uk-three-labels",
    ),
    pytest.param(
        "Read nytimes.com/2022/04/01/world/europe/belgorod.html today",
        [
            (
                "nytimes.com/2022/04/01/world/europe/belgorod.html",
                "https://nytimes.com/2022/04/01/world/europe/belgorod.html",
            )
        ],
        id="nytimes-path",
    ),
    pytest.param(
        "HTTPS://Example.COM/A",
        [("HTTPS://Example.COM/A", "https://Example.COM/A")],
        id="scheme-upper-case-lowered-in-url",
    ),
    pytest.param(
        "Http://example.com",
        [("Http://example.com", "http://example.com")],
        id="scheme-mixed-case",
    ),
    pytest.param(
        "https://x.com/s?a=1&b=2#frag.",
        [("https://x.com/s?a=1&b=2#frag", "https://x.com/s?a=1&b=2#frag")],
        id="query-and-fragment",
    ),
    pytest.param(
        "https://x.com/%E2%9C%93/~user/a+b=c/@name/x|y",
        [("https://x.com/%E2%9C%93/~user/a+b=c/@name/x|y",) * 2],
        id="percent-tilde-plus-equals-at-pipe",
    ),
    pytest.param(
        "https://de.wikipedia.org/wiki/Bücher_über_Köln",
        [("https://de.wikipedia.org/wiki/Bücher_über_Köln",) * 2],
        id="unicode-letters-in-path",
    ),
    pytest.param(
        "https://hi.wikipedia.org/wiki/भारत और",
        [("https://hi.wikipedia.org/wiki/भारत",) * 2],
        id="devanagari-with-marks-in-path",
    ),
    pytest.param(
        "https://en.wikipedia.org/wiki/Foo_(bar)",
        [("https://en.wikipedia.org/wiki/Foo_(bar)",) * 2],
        id="wikipedia-paren-kept",
    ),
    pytest.param(
        "(https://en.wikipedia.org/wiki/Foo_(bar))",
        [("https://en.wikipedia.org/wiki/Foo_(bar)",) * 2],
        id="wikipedia-paren-inside-parens",
    ),
    pytest.param("(see https://x.com/a)", [("https://x.com/a",) * 2], id="closing-paren-dropped"),
    pytest.param("[https://x.com/a]", [("https://x.com/a",) * 2], id="closing-bracket-dropped"),
    pytest.param("{https://x.com/a}", [("https://x.com/a",) * 2], id="closing-brace-dropped"),
    pytest.param("https://x.com/a[1]", [("https://x.com/a[1]",) * 2], id="balanced-bracket-kept"),
    pytest.param(
        "[link](https://x.com/a)",
        [("https://x.com/a",) * 2],
        id="markdown-link-target",
    ),
    pytest.param(
        "https://x.com/a. https://x.com/b, https://x.com/c; https://x.com/d: https://x.com/e! "
        "https://x.com/f? 'https://x.com/g' \"https://x.com/h\"",
        [(f"https://x.com/{c}",) * 2 for c in "abcdefgh"],
        id="trailing-ascii-punctuation",
    ),
    pytest.param(
        "“https://x.com/a” \u2018https://x.com/b\u2019 «https://x.com/c» https://x.com/d—then",
        [(f"https://x.com/{c}",) * 2 for c in "abcd"],
        id="closing-quotes-and-em-dash",
    ),
    pytest.param(
        "https://x.com/a/ https://x.com/b- https://x.com/c+ https://x.com/d= https://x.com/e_",
        [(f"https://x.com/{c}",) * 2 for c in ("a/", "b-", "c+", "d=", "e_")],
        id="twitter-valid-ending-chars-kept",
    ),
    pytest.param(
        "https://x.com/a~ https://x.com/b* https://x.com/c@ https://x.com/d|",
        [(f"https://x.com/{c}",) * 2 for c in "abcd"],
        id="other-trailing-chars-dropped",
    ),
    pytest.param(
        "as reported at twitter.com/foo… and https://nytimes.com/2022/wor…",
        [
            ("twitter.com/foo", "https://twitter.com/foo"),
            ("https://nytimes.com/2022/wor", "https://nytimes.com/2022/wor"),
        ],
        id="stops-before-ellipsis",
    ),
    pytest.param(
        "<https://x.com/a>b",
        [("https://x.com/a",) * 2],
        id="stops-at-angle-bracket",
    ),
    pytest.param(
        "https://bücher.de www.bücher.de bücher.de/katalog",
        [
            ("https://bücher.de", "https://bücher.de"),
            ("www.bücher.de", "https://www.bücher.de"),
            ("bücher.de/katalog", "https://bücher.de/katalog"),
        ],
        id="idn-host",
    ),
    pytest.param(
        "пример.рф/путь",
        [("пример.рф/путь", "https://пример.рф/путь")],
        id="cyrillic-host-and-tld",
    ),
    pytest.param(
        "https://xn--bcher-kva.de/x",
        [("https://xn--bcher-kva.de/x",) * 2],
        id="punycode-host",
    ),
    pytest.param(
        "example.com:8080/x",
        [("example.com:8080/x", "https://example.com:8080/x")],
        id="port-schemeless",
    ),
    pytest.param(
        "https://example.com:8443/x?y",
        [("https://example.com:8443/x?y",) * 2],
        id="port-with-scheme",
    ),
    pytest.param(
        "https://web.archive.org/web/2022/https://example.com/a",
        [("https://web.archive.org/web/2022/https://example.com/a",) * 2],
        id="archive-url-is-one-url",
    ),
    pytest.param(
        "Amazon.com's results",
        [("Amazon.com", "https://Amazon.com")],
        id="capitalised-name-lowercase-tld",
    ),
    pytest.param("NYTIMES.COM says", [("NYTIMES.COM", "https://NYTIMES.COM")], id="upper-case-tld"),
    pytest.param(
        "e.g.http://x.com/a",
        [("http://x.com/a",) * 2],
        id="scheme-after-abbreviation",
    ),
    pytest.param(
        "archive.zip/x tool.sh/install",
        [
            ("archive.zip/x", "https://archive.zip/x"),
            ("tool.sh/install", "https://tool.sh/install"),
        ],
        id="decision-file-extension-tld-with-path-is-url",
    ),
    pytest.param(
        "https://archive.zip",
        [("https://archive.zip",) * 2],
        id="decision-file-extension-tld-with-scheme-is-url",
    ),
    pytest.param(
        "foo.jp?id=1 example.com#top",
        [("foo.jp?id=1", "https://foo.jp?id=1"), ("example.com#top", "https://example.com#top")],
        id="decision-query-or-fragment-counts-as-path",
    ),
    pytest.param(
        "https://x.com/a)b",
        [("https://x.com/a)b",) * 2],
        id="decision-inner-closer-kept",
    ),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds(text, expected):
    urls = list(find_bare_urls(text))
    assert [(text[u.start : u.end], u.url) for u in urls] == expected


NEGATIVES = [
    pytest.param("write to a@b.com", id="email"),
    pytest.param("@handle and @nytimes.com", id="mention"),
    pytest.param("$cashtag.com $TVI.CA", id="cashtag"),
    pytest.param("see path/x.com and //x.com", id="after-slash"),
    pytest.param("#x.com", id="hashtag"),
    pytest.param("e.g. this, i.e. that", id="eg-ie"),
    pytest.param("the U.S. and U.K.", id="abbreviations"),
    pytest.param("pi is 3.14 and v1.2.3", id="numbers"),
    pytest.param("Mr.Smith said", id="mr-smith"),
    pytest.param("open file.txt and report.pdf", id="file-txt"),
    pytest.param("run main.py then build.sh, see README.md", id="decision-cctld-file-extensions"),
    pytest.param("unzip archive.zip, play clip.mov", id="decision-zip-mov-without-path"),
    pytest.param("It was great.Today we", id="decision-capitalised-tld-is-sentence"),
    pytest.param("the U.S.Army said", id="decision-us-army"),
    pytest.param("foo.jp bücher.de lemonde.fr", id="two-label-cctld-without-path"),
    pytest.param("https://user:pass@example.com/x", id="userinfo-with-password"),
    pytest.param("https://user@example.com/x", id="userinfo"),
    pytest.param("https://user.name:pass@example.com/x", id="userinfo-looking-like-host"),
    pytest.param("ftp://example.com/x", id="other-scheme"),
    pytest.param("xhttp://example.com/x", id="scheme-glued-to-word"),
    pytest.param(".hidden.com -dash.com _under.com", id="host-after-dot-dash-underscore"),
    pytest.param("http://localhost:8000/", id="no-tld"),
    pytest.param("https://t.co/" + "a" * 41, id="tco-slug-too-long"),
    pytest.param("https://x.com/" + "a" * 5000, id="longer-than-4096"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_does_not_find(text):
    assert found(text) == []


def test_bare_url_fields():
    assert BareUrl._fields == ("start", "end", "url")
    assert next(find_bare_urls("x t.co/a")) == BareUrl(2, 8, "https://t.co/a")


def test_tld_list():
    lines = files("citeresolve.detect").joinpath("tlds.txt").read_text("utf-8").splitlines()
    assert lines[0].startswith("# IANA root zone TLDs, from ")
    tlds = set(lines[1:])
    assert {"com", "uk", "co", "tv", "zip", "py", "xn--p1ai", "рф", "みんな", "xn--q9jyb4c"} <= tlds
    assert not {"txt", "pdf", "baz", "bz2", ""} & tlds
    assert all(t == t.lower() and t.strip() == t for t in tlds)
    assert len(tlds) > 1400


URL_PIECES = [
    "http://",
    "https://",
    "HTTP://",
    "www.",
    "x.com",
    "t.co/",
    "pic.twitter.com/",
    "bit.ly",
    ".",
    "..",
    "/",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "?",
    "#",
    "@",
    ":",
    "8080",
    "%20",
    "&",
    "=",
    "-",
    "_",
    "~",
    "|",
    "'",
    '"',
    "”",
    "\u2019",
    "»",
    "…",
    "—",
    "\u2013",
    " ",
    "\n",
    "\u00a0",
    "$",
    "é",
    "ü",
    "みんな",
    "中国",
    "한국",
    "рф",
    "✪",
    "🇧🇦",
    "co",
    "uk",
    "jp",
    "zip",
    "Today",
    "a",
    "1",
    "xn--",
    "\ud800",
    "\ufeff",
]
URLISH = st.lists(st.one_of(st.sampled_from(URL_PIECES), st.text(max_size=3)), max_size=40)


@settings(max_examples=400, deadline=None, database=None)
@given(st.one_of(st.text(), URLISH.map("".join)))
def test_properties_on_any_text(text):
    urls = list(find_bare_urls(text))
    previous_end = 0
    for bare in urls:
        assert previous_end <= bare.start < bare.end <= len(text)
        previous_end = bare.end
        written = text[bare.start : bare.end]
        assert bare.url.startswith(("http://", "https://"))
        if written.lower().startswith(("http://", "https://")):
            # Only the scheme's letter case may differ.
            scheme_length = written.index("://") + 3
            assert bare.url == written[:scheme_length].lower() + written[scheme_length:]
        else:
            assert bare.url == "https://" + written
        assert bare.url.lower().endswith(written.lower())
        # A URL found in context is found again, whole, on its own.
        assert found(written) == [written]


ADVERSARIAL = [
    pytest.param("(" * 50000, id="open-parens"),
    pytest.param("a." * 50000, id="a-dot"),
    pytest.param("http://" * 15000, id="schemes"),
    pytest.param("x.com/" * 17000, id="x-com-slash"),
    pytest.param("www." * 25000, id="www-dot"),
    pytest.param("@a" * 50000, id="at-a"),
    pytest.param("@a." * 33000, id="at-a-dot"),
    pytest.param("x.com/a(" * 12500, id="unclosed-parens-in-path"),
    pytest.param("t.co/a'" * 14000, id="tco-chain"),
    pytest.param(" x.co" * 20000, id="many-short-urls"),
    pytest.param("x.com:" * 16000, id="colons"),
    pytest.param("https://a.com/" + "." * 100000, id="trailing-dots"),
    pytest.param("http://a" + "-a" * 50000 + ".com", id="long-label"),
    pytest.param("http://x.comこ" * 8000, id="cjk-after-tld"),
]


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_adversarial_input_is_fast(text):
    started = time.perf_counter()
    list(find_bare_urls(text))
    assert time.perf_counter() - started < 1.0


# The candidate pattern as one regex (leftmost scheme or host, the host not inside a run):
# the definition the dot-to-dot scan must agree with at every position.
_HOST = bare_urls._HOST_LETTERS
_CANDIDATE_ORACLE = re.compile(
    rf"(?P<scheme>{bare_urls._SCHEME})"
    rf"|(?<![{_HOST}._\-])(?P<host>[{_HOST}](?:(?!{bare_urls._SCHEME})[{_HOST}_\-])*"
    rf"\.(?:(?!{bare_urls._SCHEME})[{_HOST}._\-])*)"
)
HOSTISH = st.text(alphabet="ab.-_:/Hhtps é中@ ", max_size=40)


@settings(max_examples=400, deadline=None, database=None)
@given(st.one_of(st.text(max_size=60), URLISH.map("".join), HOSTISH))
def test_candidate_scan_agrees_with_the_candidate_pattern(text):
    candidates = bare_urls._Candidates(text)
    for pos in range(len(text) + 1):  # the scan is asked at rising positions
        match = _CANDIDATE_ORACLE.search(text, pos)
        expected = None if match is None else (match.lastgroup, match.start(), match.end())
        assert candidates.after(pos) == expected, pos

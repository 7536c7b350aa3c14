"""What every platform module provides, and the small helpers their embed parsers share."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bs4.element import Tag

from citeresolve.document import Document, iter_elements
from citeresolve.model import Embed


class PostRef(NamedTuple):
    """A post named by its URL: which platform, which id, whose account."""

    platform: str
    post_id: str
    handle: str | None
    url: str


EmbedDetector = Callable[[Document], Iterator[Embed]]
UrlParser = Callable[[str], PostRef | None]


@dataclass(frozen=True, slots=True)
class Platform:
    """One platform family's knowledge: how its posts are embedded and how its URLs look."""

    name: str
    detectors: tuple[EmbedDetector, ...]
    parse_url: UrlParser


MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# What: an English date as embeds print it: "April 1, 2022", "Apr 1, 2022", "1 April 2022".
# Why linear: literal alternation of month names and bounded digit runs, no nested repetition.
DATE_PATTERN = (
    rf"(?:(?:{_MONTH_NAMES})\.?\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{_MONTH_NAMES})\.?,?\s+\d{{4}})"
)
_DATE = re.compile(
    rf"(?:(?P<m1>{_MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_NAMES})\.?,?\s+(?P<y2>\d{{4}}))",
    re.I,
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: str | None) -> str | None:
    """An English or ISO date anywhere in ``value`` as YYYY-MM-DD, or None.

    >>> parse_date("April 1, 2022"), parse_date("Friday, 1 Apr. 2022"), parse_date("soon")
    ('2022-04-01', '2022-04-01', None)
    """
    if not value:
        return None
    match = _DATE.search(value)
    try:
        if match:
            month = MONTHS[(match["m1"] or match["m2"]).lower()]
            day = int(match["d1"] or match["d2"])
            year = int(match["y1"] or match["y2"])
            return date(year, month, day).isoformat()
        iso = _ISO_DATE.search(value)
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
    except ValueError:
        return None
    return None


TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|ref_src|ref_url|igsh|igshid|si|fbclid|gclid|rdt|feature)$"
)


def clean_post_url(url: str) -> str:
    """Drop fragments and the tracking parameters embed codes append, keep the rest.

    >>> clean_post_url("https://twitter.com/CNN/status/1?ref_src=twsrc%5Etfw#x")
    'https://twitter.com/CNN/status/1'
    """
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMS.match(k)
    ]
    scheme = parts.scheme.lower() or "https"
    return urlunsplit((scheme, parts.netloc.lower(), parts.path, urlencode(query), ""))


def attr(element: Tag, name: str) -> str | None:
    """An attribute as one stripped string (bs4 gives lists for class-like attributes)."""
    value = element.get(name)
    if value is None:
        return None
    text = " ".join(value) if isinstance(value, list) else str(value)
    return text.strip() or None


def host_of(url: str) -> str:
    """The lower-case host of a URL without a leading ``www.``/``m.``/``mobile.``."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""
    for prefix in ("www.", "m.", "mobile."):
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


LAZY_SOURCES = ("src", "data-src", "data-lazy-src", "data-original", "data-url")


def frame_source(doc: Document, frame: Tag) -> str:
    """Where an iframe really points: lazy loaders park the URL in data-src and friends and
    leave src empty or about:blank until the reader scrolls."""
    for name in LAZY_SOURCES:
        value = attr(frame, name)
        if value and not value.startswith(("about:", "data:", "javascript:")):
            return absolute(doc, value) or ""
    return ""


def iter_frames(doc: Document, needle: str = "") -> Iterator[tuple[Tag, str]]:
    """Every iframe with its real source, where the source contains ``needle``."""
    for frame in iter_elements(doc, "iframe"):
        source = frame_source(doc, frame)
        if source and needle in source:
            yield frame, source


def absolute(doc: Document, url: str | None) -> str | None:
    """Protocol-relative and relative embed URLs made absolute (embed codes use ``//host``)."""
    if not url:
        return None
    return doc.absolute_url(url)


def text_of(element: Tag) -> str | None:
    """Visible text of an element with whitespace collapsed."""
    value = re.sub(r"\s+", " ", element.get_text(" ")).strip()
    return value or None


# What: "@handle" mentions (not e-mail addresses). Example: "analyst @KimDozier explains".
# Why linear: a negative lookbehind of one char and a bounded class run.
_MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9_]{1,30})(?![\w@])")
# What: "#hashtag" (not "&#8217;" entities, not "C#"). Example: "East of #Kyiv".
# Why linear: one lookbehind char and one greedy class run with no alternatives.
_HASHTAG = re.compile(r"(?<![\w&#])#(\w{1,100})")


def mentions_in(text: str | None) -> tuple[str, ...]:
    """Distinct @mentions, in order of appearance.

    >>> mentions_in("ask @KimDozier and @CNN, not me@example.com")
    ('KimDozier', 'CNN')
    """
    return tuple(dict.fromkeys(m.group(1) for m in _MENTION.finditer(text or "")))


def hashtags_in(text: str | None) -> tuple[str, ...]:
    """Distinct #hashtags, in order of appearance.

    >>> hashtags_in("East of #Kyiv, #Kyiv again, #Україна; not &#8217;")
    ('Kyiv', 'Україна')
    """
    return tuple(
        dict.fromkeys(m.group(1) for m in _HASHTAG.finditer(text or "") if not m.group(1).isdigit())
    )

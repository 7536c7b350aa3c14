"""What a page says about itself: title, site, canonical URL, date, publisher, byline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import Tag

from citeresolve.document import decode
from citeresolve.platforms.base import parse_date

MAX_JSON_LD = 200_000  # bytes of one JSON-LD block; bigger ones are skipped, not parsed
MAX_FIELD = 500  # characters kept of any one field (a title is not an essay)


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    site_name: str | None = None
    canonical: str | None = None
    published: str | None = None
    publisher: str | None = None
    byline: str | None = None


def page_meta(body: bytes) -> PageMeta:
    """Read the usual metadata of a page; missing or malformed parts are just absent.

    >>> page_meta(b'<title> Hi </title><meta property="og:site_name" content="BBC News">').site_name
    'BBC News'
    """
    return meta_from_soup(BeautifulSoup(decode(body), "lxml"))


def meta_from_soup(soup: BeautifulSoup) -> PageMeta:
    """The metadata of an already parsed page (an article we audit, a page a link leads to)."""
    meta = {}
    for tag in soup.find_all("meta"):
        key = (
            str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        )
        value = tag.get("content")
        if key and isinstance(value, str) and value.strip() and key not in meta:
            meta[key] = _clip(value)
    title_tag = soup.find("title")
    canonical_tag = soup.find("link", rel="canonical")
    canonical_href = canonical_tag.get("href") if isinstance(canonical_tag, Tag) else None
    ld = list(_json_ld(soup))
    return PageMeta(
        title=meta.get("og:title")
        or meta.get("twitter:title")
        or (_clip(title_tag.get_text()) if title_tag else None),
        site_name=meta.get("og:site_name") or meta.get("application-name") or _ld_publisher(ld),
        canonical=(_clip(canonical_href) if isinstance(canonical_href, str) else None)
        or meta.get("og:url"),
        published=parse_date(
            meta.get("article:published_time")
            or meta.get("datepublished")
            or meta.get("parsely-pub-date")
            or meta.get("pubdate")
            or meta.get("date")
            or meta.get("dc.date")
            or _ld_value(ld, "datePublished")
        ),
        publisher=_ld_publisher(ld) or meta.get("og:site_name"),
        byline=meta.get("author") or meta.get("article:author") or _ld_author(ld) or _byline(soup),
    )


def _byline(soup: BeautifulSoup) -> str | None:
    """The visible byline, where a page marks it: rel=author, class "byline", itemprop=author."""
    for element in soup.select('[rel~="author"], .byline, [itemprop="author"]', limit=1):
        text = _clip(element.get_text(" "))
        if text:
            return text.removeprefix("By ").removeprefix("by ") or None
    return None


def _ld_author(items: list[dict[str, Any]]) -> str | None:
    for item in items:
        author = item.get("author")
        authors = author if isinstance(author, list) else [author]
        names = [a.get("name") if isinstance(a, dict) else a for a in authors]
        names = [_clip(n) for n in names if isinstance(n, str) and n.strip()]
        if names:
            return ", ".join(n for n in names if n)
    return None


def _clip(value: str) -> str | None:
    text = " ".join(value.split())
    return text[:MAX_FIELD] or None


def _json_ld(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    for script in soup.find_all("script", type="application/ld+json"):
        raw = script.string or script.get_text()
        if not raw or len(raw) > MAX_JSON_LD:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        seen = 0
        while stack and seen < 200:  # a bounded walk over @graph lists and nested objects
            item = stack.pop()
            seen += 1
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _ld_value(items: list[dict[str, Any]], key: str) -> str | None:
    for item in items:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return _clip(value)
    return None


def _ld_publisher(items: list[dict[str, Any]]) -> str | None:
    for item in items:
        publisher = item.get("publisher")
        if isinstance(publisher, list) and publisher:
            publisher = publisher[0]
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return _clip(publisher["name"])
        if isinstance(publisher, str) and publisher.strip():
            return _clip(publisher)
    return None

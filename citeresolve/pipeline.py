"""The whole audit, source to graph: load (file, stdin or URL), detect, resolve, build."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from citeresolve.detect import detect
from citeresolve.document import Document, Format, load
from citeresolve.errors import InputError
from citeresolve.graph import CitationGraph, build_graph
from citeresolve.outlets.registry import OutletRegistry, default_registry, load_registry
from citeresolve.resolve.body import media_type
from citeresolve.resolve.cache import ResolutionCache, open_cache
from citeresolve.resolve.client import FetchError
from citeresolve.resolve.options import ResolveOptions
from citeresolve.resolve.resolver import Progress, Resolver

ARTICLE_CAP = 10 * 1024 * 1024  # an article page may be bigger than a linked page we skim
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def is_url(source: str | Path) -> bool:
    return str(source).lower().startswith(("http://", "https://"))


@contextmanager
def cache_for(options: ResolveOptions) -> Iterator[ResolutionCache | None]:
    """The cache the options ask for: none, read-only (offline), write-only (refresh), or both."""
    if not options.use_cache:
        yield None
        return
    with open_cache(
        options.cache_path, read=not options.refresh, write=not options.offline
    ) as cache:
        yield cache


async def load_source(source: str | Path, resolver: Resolver) -> Document:
    """A path or ``-`` is read from disk or stdin; a URL is fetched through the safe client."""
    if not is_url(source):
        return load(source)
    url = str(source)
    if resolver.options.offline:
        raise InputError(f"{url}: cannot fetch an article by URL with --offline")
    try:
        fetched = await resolver.fetch_article(
            url, cap=max(ARTICLE_CAP, resolver.options.max_bytes)
        )
    except FetchError as exc:
        text = exc.text if exc.text.startswith(url) else f"{url}: {exc.text}"
        raise InputError(f"{text} ({exc.reason})") from None
    if fetched.status >= 400:
        raise InputError(f"{url}: the server answers HTTP {fetched.status}")
    if fetched.body is None or media_type(fetched.content_type) not in HTML_TYPES:
        raise InputError(
            f"{url}: not an article (content type {fetched.content_type or 'unknown'})"
        )
    fmt: Format | None = "html" if fetched.content_type in HTML_TYPES else None
    return load(url, data=fetched.body, format=fmt, page_url=fetched.final_url)


async def audit_document(
    doc: Document, resolver: Resolver, registry: OutletRegistry, *, whole_page: bool = False
) -> CitationGraph:
    findings = detect(doc, registry=registry, whole_page=whole_page)
    resolutions = await resolver.resolve(doc, findings)
    return build_graph(doc, findings, registry=registry, resolutions=resolutions)


async def audit_async(
    source: str | Path,
    *,
    options: ResolveOptions | None = None,
    registry: OutletRegistry | None = None,
    resolver: Resolver | None = None,
    progress: Progress | None = None,
    whole_page: bool = False,
) -> CitationGraph:
    """Audit one article; pass a ``resolver`` to share its client and cache across articles."""
    registry = registry or default_registry()
    if resolver is not None:
        doc = await load_source(source, resolver)
        return await audit_document(doc, resolver, registry, whole_page=whole_page)
    options = options or ResolveOptions()
    with cache_for(options) as cache:
        async with Resolver(options, cache=cache, progress=progress) as own:
            doc = await load_source(source, own)
            return await audit_document(doc, own, registry, whole_page=whole_page)


def audit(
    source: str | Path,
    *,
    offline: bool = False,
    options: ResolveOptions | None = None,
    outlets: str | Path | None = None,
) -> CitationGraph:
    """Audit one article from synchronous code (notebooks, scripts).

    >>> options = ResolveOptions(offline=True, use_cache=False)
    >>> graph = audit("seeds/000_d52130d6b5804202.txt", options=options)
    >>> graph.stats["embeds"], graph.stats["outlets"]
    (3, 5)
    """
    if options is None:
        options = ResolveOptions(offline=offline)
    elif offline and not options.offline:
        raise InputError("offline=True contradicts the options given")
    return asyncio.run(audit_async(source, options=options, registry=load_registry(outlets)))

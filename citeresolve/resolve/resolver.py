"""Orchestration: resolve an article's links and posts concurrently, politely and cached.

One global limit and one per host, identical requests in flight made once, transient
failures retried with backoff (honouring Retry-After), and a failure of one link never fails
the article: every outcome, good or bad, comes back as data.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from citeresolve.document import Document
from citeresolve.model import Embed, Findings
from citeresolve.pagemeta import page_meta
from citeresolve.platforms import PostRef, post_from_url
from citeresolve.resolve.cache import Entry, ResolutionCache
from citeresolve.resolve.client import Fetched, FetchError, SafeClient
from citeresolve.resolve.oembed import NEEDS_TOKEN, endpoint_for, read_verdict
from citeresolve.resolve.options import META_TOKEN_ENV, ResolveOptions
from citeresolve.resolve.outcomes import OFFLINE, PostOutcome, Resolutions, UrlOutcome
from citeresolve.resolve.transport import Lookup
from citeresolve.urls import canonicalize

T = TypeVar("T")
SHORTENERS = frozenset(
    """t.co bit.ly ow.ly buff.ly tinyurl.com goo.gl dlvr.it trib.al fb.me youtu.be lnkd.in
    pic.twitter.com amzn.to is.gd shorturl.at cutt.ly rebrand.ly tiny.cc t.ly wp.me""".split()
)
MEMO_SIZE = 4096  # answers kept in memory for a run without a disk cache (a batch's hot links)
MEMO_FAILURE_SECONDS = 600.0  # as long as the disk cache keeps a failure


def _clock() -> float:
    return time.monotonic()


NETWORK_REASONS = frozenset({"network_unreachable", "connect_error", "timeout", "protocol_error"})
Progress = Callable[[int], None]


class RetryableStatus(Exception):
    """A 429 or 5xx answer: worth another try, after the wait the server asks for."""

    def __init__(self, fetched: Fetched) -> None:
        super().__init__(f"HTTP {fetched.status}")
        self.fetched = fetched


class Resolver:
    """Resolve findings into outcomes; inject ``client``/``transport``/``lookup`` and ``cache``."""

    def __init__(
        self,
        options: ResolveOptions,
        *,
        cache: ResolutionCache | None = None,
        client: SafeClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        lookup: Lookup | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.options = options
        self.cache = cache
        self._client = (
            None
            if options.offline
            else client or SafeClient(options, transport=transport, lookup=lookup)
        )
        self._global = asyncio.Semaphore(options.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._inflight: dict[str, asyncio.Future[Any]] = {}
        self._memo: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._progress = progress

    @property
    def requests(self) -> int:
        return self._client.requests if self._client else 0

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def __aenter__(self) -> Resolver:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    # --- the article -------------------------------------------------------------------------

    async def resolve(self, doc: Document, findings: Findings) -> Resolutions:
        """Links first (a photo link may name a pasted tweet), then every post."""
        urls = list(dict.fromkeys(link.url for link in findings.links))
        outcomes = await self.resolve_urls(urls)
        by_url = dict(zip(urls, outcomes, strict=True))
        refs: dict[int, tuple[PostRef, str | None]] = {}
        for index, embed in enumerate(findings.embeds):
            found = _post_ref(embed) or _recovered(embed, findings, by_url)
            if found is not None:
                refs[index] = found
        linked = {o.post.url: o.post for o in by_url.values() if o.post is not None}
        embedded_urls = {ref.url for ref, _ in refs.values()}
        post_tasks = [self._counted(self.verify_post(ref)) for ref, _ in refs.values()]
        linked_refs = [ref for url, ref in sorted(linked.items()) if url not in embedded_urls]
        verdicts = await asyncio.gather(
            *post_tasks, *(self.verify_post(ref) for ref in linked_refs)
        )
        posts: dict[int, PostOutcome] = {}
        for (index, (ref, source)), outcome in zip(refs.items(), verdicts, strict=False):
            posts[index] = outcome.with_recovery(ref, source) if source else outcome
        for index, embed in enumerate(findings.embeds):
            posts.setdefault(index, self._unverifiable(embed, findings, by_url))
        linked_posts = dict(
            zip((r.url for r in linked_refs), verdicts[len(post_tasks) :], strict=True)
        )
        for index, (ref, _source) in refs.items():
            linked_posts.setdefault(ref.url, posts[index])
        resolved_at = (
            None if self.options.offline else datetime.now(UTC).replace(microsecond=0).isoformat()
        )
        return Resolutions(by_url, posts, linked_posts, resolved_at)

    def _unverifiable(
        self, embed: Embed, findings: Findings, by_url: dict[str, UrlOutcome]
    ) -> PostOutcome:
        """Why a post without an id stays unresolved: offline, its links failed, or it has none."""
        if self.options.offline:
            return PostOutcome("unresolved", *OFFLINE)
        inside = [by_url[link.url] for link in findings.links if embed.span.contains(link.span)]
        failed = [outcome for outcome in inside if outcome.status != "ok"]
        if failed:
            return PostOutcome(
                "unresolved",
                failed[0].reason or "links_unresolved",
                "the post is quoted without its link, and the links inside it that could name "
                f"it were not followed ({failed[0].reason_text})",
            )
        return PostOutcome(
            "unresolved",
            "no_post_id",
            "the post is quoted without a link or id, and none of its links names it",
        )

    def _counted(self, work: Awaitable[T]) -> Awaitable[T]:
        """``work``, ticking the progress bar when it ends (when there is a bar)."""
        return work if self._progress is None else self._ticking(work)

    async def _ticking(self, work: Awaitable[T]) -> T:
        try:
            return await work
        finally:
            if self._progress is not None:
                self._progress(1)

    # --- links -------------------------------------------------------------------------------

    async def resolve_urls(self, urls: list[str]) -> list[UrlOutcome]:
        """Many links at once: answers already in the cache are read without a task each."""
        outcomes: list[UrlOutcome | None] = []
        for url in urls:
            outcomes.append(self._cached_url(url) if self.cache is not None else None)
        missing = [index for index, outcome in enumerate(outcomes) if outcome is None]
        fetched = await asyncio.gather(*(self._counted(self.resolve_url(urls[i])) for i in missing))
        for index, outcome in zip(missing, fetched, strict=True):
            outcomes[index] = outcome
        if self._progress is not None and len(missing) < len(urls):
            self._progress(len(urls) - len(missing))
        return [outcome for outcome in outcomes if outcome is not None]

    def _cached_url(self, url: str) -> UrlOutcome | None:
        if post_from_url(url) is not None or self.cache is None:
            return None
        canonical = canonicalize(url)
        entry = self.cache.get(_url_kind(canonical), canonical)
        return UrlOutcome.from_cache(entry.data) if entry is not None else None

    async def resolve_url(self, url: str) -> UrlOutcome:
        """Where ``url`` goes, cached by canonical URL; never raises for network trouble."""
        ref = post_from_url(url)
        if ref is not None:  # already a post: its existence is the post's verification
            return UrlOutcome("ok", final=ref.url, post=ref)
        canonical = canonicalize(url)
        return await self._cached(
            _url_kind(canonical),
            canonical,
            lambda: self._fetch_url(url),
            UrlOutcome.from_cache,
            _url_entry,
        )

    async def _fetch_url(self, url: str) -> UrlOutcome:
        try:
            fetched = await self._get(url, stop_at=lambda u: post_from_url(u) is not None)
        except FetchError as exc:
            return _url_failure(exc)
        redirects = tuple(hop.to_dict() for hop in fetched.hops)
        post = post_from_url(fetched.final_url) if fetched.hops else None
        if fetched.status == 0 and post is not None:  # stopped at a post URL, on purpose
            return UrlOutcome("ok", final=post.url, redirects=redirects, post=post)
        final = fetched.final_url if fetched.hops else None
        if fetched.status >= 400:
            return UrlOutcome(
                "broken" if fetched.status < 500 else "error",
                f"http_{fetched.status}",
                f"the page answers HTTP {fetched.status}",
                final=final,
                redirects=redirects,
                http_status=fetched.status,
            )
        meta = (
            page_meta(fetched.body)
            if fetched.body and fetched.content_type != "application/json"
            else None
        )
        return UrlOutcome(
            "ok",
            final=final,
            redirects=redirects,
            http_status=fetched.status,
            title=meta.title if meta else None,
            site_name=meta.site_name if meta else None,
            canonical=meta.canonical if meta else None,
            published=meta.published if meta else None,
            publisher=meta.publisher if meta else None,
            post=post,
        )

    # --- posts -------------------------------------------------------------------------------

    async def verify_post(self, ref: PostRef) -> PostOutcome:
        """Ask the platform whether the post exists and who wrote it."""
        endpoint = endpoint_for(ref, self.options)
        if endpoint is None:
            if ref.platform in NEEDS_TOKEN:
                return PostOutcome(
                    "unresolved",
                    "needs_token",
                    f"{ref.platform} posts are verified through Meta's oEmbed API, which needs a "
                    f"token: set {META_TOKEN_ENV}",
                    ref=ref,
                )
            return PostOutcome(
                "unresolved", "no_oembed", f"{ref.platform} has no oEmbed endpoint", ref=ref
            )
        return await self._cached(
            "oembed",
            canonicalize(ref.url),
            lambda: self._fetch_post(ref, endpoint),
            PostOutcome.from_cache,
            _post_entry,
        )

    async def _fetch_post(self, ref: PostRef, endpoint: str) -> PostOutcome:
        try:
            fetched = await self._get(endpoint)
        except FetchError as exc:
            status = "unresolved" if exc.reason in NETWORK_REASONS else "error"
            return PostOutcome(status, exc.reason, exc.text, ref=ref)
        verdict = read_verdict(ref, fetched.status, fetched.body)
        return PostOutcome(
            verdict.status,
            verdict.reason,
            verdict.reason_text,
            ref=ref,
            author_handle=verdict.author_handle,
            author_name=verdict.author_name,
            published=verdict.published,
            text=verdict.text,
        )

    # --- shared machinery --------------------------------------------------------------------

    async def _cached(
        self,
        kind: str,
        canonical: str,
        work: Callable[[], Awaitable[T]],
        load: Callable[[dict[str, Any]], T],
        store: Callable[[T], Entry | None],
    ) -> T:
        if self.cache is not None:
            entry = self.cache.get(kind, canonical)
            if entry is not None:
                return load(entry.data)
        if self._client is None:
            return load({"status": "unresolved", "reason": OFFLINE[0], "reason_text": OFFLINE[1]})
        key = f"{kind}:{canonical}"
        if self.cache is None and (remembered := self._memo.get(key)) is not None:
            expires, known = remembered
            if expires > _clock():
                self._memo.move_to_end(key)
                return known  # type: ignore[no-any-return]
            del self._memo[key]
        waiting = self._inflight.get(key)
        if waiting is not None:  # someone is already asking: wait for their answer
            answer: T = await asyncio.shield(waiting)
            return answer
        # The first asker does the work in its own task and leaves the answer for the others.
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            result = await work()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: waiters re-raise it, nobody else needs to
            raise
        finally:
            del self._inflight[key]
        future.set_result(result)
        if (entry := store(result)) is not None:
            if self.cache is not None:
                self.cache.put(kind, canonical, entry)
            else:
                self._remember(key, result, entry.ok)
        return result

    def _remember(self, key: str, answer: Any, ok: bool) -> None:
        """Without a disk cache, a run still asks once for a link many articles share; the
        memory is bounded, and failures are forgotten as soon as the disk cache would."""
        expires = _clock() + (float("inf") if ok else MEMO_FAILURE_SECONDS)
        self._memo[key] = (expires, answer)
        self._memo.move_to_end(key)
        while len(self._memo) > MEMO_SIZE:
            self._memo.popitem(last=False)

    async def fetch_article(self, url: str, *, cap: int) -> Fetched:
        """An article given as a URL, through the same client, limits and retries."""
        return await self._get(url, cap=cap)

    async def _get(
        self, url: str, *, stop_at: Callable[[str], bool] | None = None, cap: int | None = None
    ) -> Fetched:
        """One fetch under both limits, retried on transient trouble; the last answer wins."""
        assert self._client is not None
        client = self._client
        host = _host(url)
        semaphore = self._hosts.setdefault(host, asyncio.Semaphore(self.options.per_host))

        async def attempt() -> Fetched:
            async with self._global, semaphore:
                fetched = await client.fetch(url, stop_at=stop_at, cap=cap)
            if fetched.status == 429 or 500 <= fetched.status < 600:
                raise RetryableStatus(fetched)
            return fetched

        # Most fetches succeed at once: the first try runs bare, and tenacity takes over only
        # when it fails in a way worth retrying (its bookkeeping shows at a thousand links).
        try:
            return await attempt()
        except RetryableStatus as exc:
            first: BaseException = exc
        except FetchError as exc:
            if not exc.transient or self.options.attempts == 1:
                raise
            first = exc
        if self.options.attempts == 1:
            assert isinstance(first, RetryableStatus)
            return first.fetched
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.options.attempts - 1),
            wait=self._wait_after(first),
            retry=retry_if_exception(_worth_retrying),
            reraise=True,
        )
        try:
            async for retry in retrying:
                with retry:
                    return await attempt()
        except RetryableStatus as exc:
            return exc.fetched
        raise AssertionError("unreachable: tenacity re-raises or returns")  # pragma: no cover

    def _wait_after(self, first: BaseException) -> Callable[[RetryCallState], float]:
        """The wait before each retry; before the first one, the first failure decides."""

        def wait(state: RetryCallState) -> float:
            outcome = state.outcome
            error = outcome.exception() if outcome is not None else None
            return self._delay(error or first, state.attempt_number + 1)

        return wait

    def _delay(self, error: BaseException, failures: int) -> float:
        """Exponential backoff with full jitter; a server's Retry-After wins, up to the cap."""
        if isinstance(error, RetryableStatus) and error.fetched.retry_after:
            asked = _retry_after_seconds(error.fetched.retry_after)
            if asked is not None:
                return min(asked, self.options.retry_after_cap)
        ceiling = self.options.backoff * 2 ** (failures - 1)
        return float(random.uniform(ceiling / 2, ceiling))


def _worth_retrying(exc: BaseException) -> bool:
    return isinstance(exc, RetryableStatus) or (isinstance(exc, FetchError) and exc.transient)


def _retry_after_seconds(value: str) -> float | None:
    """
    >>> _retry_after_seconds("2"), _retry_after_seconds("soon")
    (2.0, None)
    """
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


# What: the host of an http(s) URL. Example: "https://t.co/abc" -> "t.co".
# Why linear: a literal scheme, then one negated class run (userinfo is refused upstream).
_HOST = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)")


def _url_kind(canonical: str) -> str:
    """A short link's target never changes: it is cached longer than a page's metadata."""
    return "expand" if _host(canonical) in SHORTENERS else "url"


def _host(url: str) -> str:
    """
    >>> _host("https://T.co:443/abc"), _host("not a url")
    ('t.co', '')
    """
    match = _HOST.match(url)
    return match.group(1).lower() if match else ""


def _post_ref(embed: Embed) -> tuple[PostRef, str | None] | None:
    if embed.url:
        ref = post_from_url(embed.url)
        if ref is not None:
            return ref, None
    return None


def _recovered(
    embed: Embed, findings: Findings, by_url: dict[str, UrlOutcome]
) -> tuple[PostRef, str | None] | None:
    """A pasted post's id from a link inside it that redirects to a post (pic.twitter.com)."""
    handle = (embed.author_handle or "").lower()
    candidates = []
    for link in findings.links:
        outcome = by_url.get(link.url)
        if outcome is None or outcome.post is None or not embed.span.contains(link.span):
            continue
        if outcome.post.platform == embed.platform:
            same_author = (outcome.post.handle or "").lower() == handle
            candidates.append((not same_author, link.span.start, outcome.post, link.url))
    if not candidates:
        return None
    _, _, ref, source = min(candidates)
    return ref, source


def _url_failure(exc: FetchError) -> UrlOutcome:
    redirects = tuple(hop.to_dict() for hop in exc.hops)
    if exc.reason.startswith("blocked_") or exc.reason == "invalid_url":
        return UrlOutcome("blocked", exc.reason, exc.text, redirects=redirects)
    status = "unresolved" if exc.reason in NETWORK_REASONS else "error"
    return UrlOutcome(status, exc.reason, exc.text, redirects=redirects)


def _url_entry(outcome: UrlOutcome) -> Entry | None:
    """Successes keep long; failures briefly; a blocked answer depends on options: never."""
    if outcome.status == "blocked":
        return None
    return Entry(outcome.status in {"ok", "broken"}, outcome.to_cache())


def _post_entry(outcome: PostOutcome) -> Entry | None:
    if outcome.reason in {"needs_token", "no_oembed"}:
        return None
    return Entry(outcome.status in {"ok", "unavailable"}, outcome.to_cache())

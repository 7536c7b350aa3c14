"""Resolution logic against recorded responses (respx): expansion, oEmbed, metadata, retries."""

from __future__ import annotations

import httpx
import pytest
import respx

from citeresolve.platforms import PostRef
from citeresolve.resolve.cache import ResolutionCache
from citeresolve.resolve.client import SafeClient
from citeresolve.resolve.options import ResolveOptions
from citeresolve.resolve.resolver import Resolver
from tests.http_fixtures import recorded


def make(router, *, cache=None, **overrides):
    options = ResolveOptions(**{"backoff": 0.01, "retry_after_cap": 0.05, **overrides})
    client = SafeClient(options, transport=httpx.MockTransport(router.async_handler))
    return Resolver(options, client=client, cache=cache)


def mount(router, name, url=None):
    fixture = recorded(name)
    return router.get(url or fixture.url).mock(return_value=fixture.response())


@pytest.fixture
def router():
    return respx.Router(assert_all_mocked=True)


# --- short links ---------------------------------------------------------------------------


async def test_tco_301_then_page_metadata(router):
    mount(router, "tco/tco-301-synthetic")
    mount(router, "articles/graffica-via-buffly-2021")
    async with make(router) as resolver:
        outcome = await resolver.resolve_url("https://t.co/4DK3Jc2BTt")
    assert outcome.status == "ok"
    assert outcome.final == "https://buff.ly/2uSOHDs"
    assert outcome.redirects == ({"url": "https://t.co/4DK3Jc2BTt", "status": 301, "via": "http"},)
    assert outcome.canonical and "graffica.info" in outcome.canonical
    assert outcome.title and outcome.site_name


async def test_tco_browser_page_counts_as_a_hop(router):
    mount(router, "tco/tco-200-browser-page-2021")
    mount(router, "articles/graffica-via-buffly-2021")
    async with make(router) as resolver:
        outcome = await resolver.resolve_url("https://t.co/4DK3Jc2BTt")
    assert outcome.final == "https://buff.ly/2uSOHDs"
    assert [hop["via"] for hop in outcome.redirects] == ["refresh"]


async def test_bitly_301(router):
    fixture = recorded("bitly/bitly-get-301-2022")
    router.get(fixture.url).mock(return_value=fixture.response())
    target = dict(fixture.headers)["location"]
    router.get(target).mock(return_value=httpx.Response(200, html="<title>Intake</title>"))
    async with make(router) as resolver:
        outcome = await resolver.resolve_url(fixture.url)
    assert (outcome.status, outcome.final, outcome.title) == ("ok", target, "Intake")


async def test_pic_twitter_names_the_post_without_fetching_x(router):
    mount(router, "pic-twitter/pic-301-synthetic")
    async with make(router) as resolver:
        outcome = await resolver.resolve_url("https://pic.twitter.com/mhEdPCmmW5")
        requests = resolver.requests
    assert outcome.post == PostRef(
        "twitter",
        "1509914418240528390",
        "CNN",
        "https://twitter.com/CNN/status/1509914418240528390",
    )
    assert requests == 1  # the photo page on X itself is never fetched


# --- page metadata --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "url", "site"),
    [
        pytest.param("articles/bbc-news-uk-54222286-2024", None, "BBC News", id="bbc"),
        pytest.param("articles/npr-2021", "https://www.npr.org/a", "NPR.org", id="npr"),
        pytest.param(
            "articles/latimes-2024", "https://www.latimes.com/a", "Los Angeles Times", id="latimes"
        ),
    ],
)
async def test_page_metadata(router, name, url, site):
    mount(router, name, url)
    async with make(router) as resolver:
        outcome = await resolver.resolve_url(url or recorded(name).url)
    assert outcome.status == "ok"
    assert outcome.site_name == site
    assert outcome.title
    assert outcome.published and outcome.published[:2] == "20"


async def test_404_is_broken(router):
    router.get("https://example.com/gone").mock(return_value=httpx.Response(404, html="nope"))
    async with make(router) as resolver:
        outcome = await resolver.resolve_url("https://example.com/gone")
    assert (outcome.status, outcome.reason, outcome.http_status) == ("broken", "http_404", 404)


# --- retries --------------------------------------------------------------------------------


async def test_429_with_retry_after_then_200(router):
    limited = recorded("status/429-retry-after-synthetic").response()
    route = router.get("https://example.com/a").mock(
        side_effect=[limited, httpx.Response(200, html="<title>A</title>")]
    )
    async with make(router) as resolver:
        outcome = await resolver.resolve_url("https://example.com/a")
    assert (outcome.status, outcome.title, route.call_count) == ("ok", "A", 2)


async def test_retry_after_is_honoured_up_to_the_cap(router):
    from citeresolve.resolve.client import Fetched
    from citeresolve.resolve.resolver import RetryableStatus

    resolver = make(router, retry_after_cap=1.5)
    asks = {"2": 1.5, "1": 1.0, "0": 0.0}
    for header, wait in asks.items():
        error = RetryableStatus(Fetched("u", "u", 429, "", None, (), header))
        assert resolver._delay(error, 1) == wait
    jittered = resolver._delay(RetryableStatus(Fetched("u", "u", 503, "", None)), 3)
    assert 0.02 <= jittered <= 0.04  # backoff 0.01 doubled twice, with jitter
    await resolver.aclose()


async def test_503_then_200(router):
    unavailable = recorded("status/503-synthetic").response()
    route = router.get("https://example.com/b").mock(
        side_effect=[unavailable, httpx.Response(200, html="ok")]
    )
    async with make(router) as resolver:
        outcome = await resolver.resolve_url("https://example.com/b")
    assert outcome.status == "ok"
    assert route.call_count == 2


async def test_503_three_times_is_an_error_after_three_attempts(router):
    route = router.get("https://example.com/c").mock(return_value=httpx.Response(503))
    async with make(router) as resolver:
        outcome = await resolver.resolve_url("https://example.com/c")
    assert (outcome.status, outcome.reason, route.call_count) == ("error", "http_503", 3)


async def test_404_is_not_retried(router):
    route = router.get("https://example.com/d").mock(return_value=httpx.Response(404))
    async with make(router) as resolver:
        await resolver.resolve_url("https://example.com/d")
    assert route.call_count == 1


async def test_timeouts_are_retried_then_unresolved(router):
    route = router.get("https://example.com/slow").mock(side_effect=httpx.ReadTimeout("slow"))
    async with make(router) as resolver:
        outcome = await resolver.resolve_url("https://example.com/slow")
    assert (outcome.status, outcome.reason, route.call_count) == ("unresolved", "timeout", 3)


async def test_identical_requests_in_flight_are_made_once(router):
    import asyncio

    async def slow(_request):
        await asyncio.sleep(0.05)
        return httpx.Response(200, html="<title>once</title>")

    route = router.get("https://example.com/once").mock(side_effect=slow)
    async with make(router) as resolver:
        outcomes = await asyncio.gather(
            *(resolver.resolve_url("https://example.com/once") for _ in range(20))
        )
    assert {o.title for o in outcomes} == {"once"}
    assert route.call_count == 1


# --- oEmbed ---------------------------------------------------------------------------------

OEMBED_OK = [
    pytest.param(
        "x-twitter/oembed-200-twitter-url-2020",
        PostRef(
            "twitter",
            "702136612822634496",
            "RailsGirlsSoC",
            "https://twitter.com/RailsGirlsSoC/status/702136612822634496",
        ),
        "RailsGirlsSoC",
        id="twitter",
    ),
    pytest.param(
        "youtube/oembed-200-2024-b",
        PostRef("youtube", "eiHXASgRTcA", None, "https://www.youtube.com/watch?v=eiHXASgRTcA"),
        None,
        id="youtube",
    ),
    pytest.param(
        "vimeo/oembed-200-2020",
        PostRef("vimeo", "31158841", None, "https://vimeo.com/31158841"),
        None,
        id="vimeo",
    ),
    pytest.param(
        "tiktok/oembed-200-2022",
        PostRef(
            "tiktok",
            "7005293332821822726",
            "shmemmmy",
            "https://www.tiktok.com/@shmemmmy/video/7005293332821822726",
        ),
        "shmemmmy",
        id="tiktok",
    ),
    pytest.param(
        "reddit/oembed-200-2024",
        PostRef(
            "reddit",
            "7pfpeq",
            None,
            "https://www.reddit.com/r/investing/comments/7pfpeq/buffett_on_cyrptocurrencies_i_can_say_almost_with/",
        ),
        None,
        id="reddit",
    ),
    pytest.param(
        "bluesky/oembed-200-2024-httpie",
        PostRef(
            "bluesky",
            "3kqmooj3ems2w",
            None,
            "https://bsky.app/profile/did:plc:tjf4apt65s75xiojhiqzvcan/post/3kqmooj3ems2w",
        ),
        "attakei.dev",
        id="bluesky",
    ),
    pytest.param(
        "mastodon/oembed-200-docs-example",
        PostRef(
            "mastodon",
            "99664077509711321",
            "trwnh@mastodon.social",
            "https://mastodon.social/@trwnh/99664077509711321",
        ),
        "trwnh@mastodon.social",
        id="mastodon",
    ),
]


@pytest.mark.parametrize(("name", "ref", "handle"), OEMBED_OK)
async def test_oembed_ok(router, name, ref, handle):
    fixture = recorded(name)
    route = router.get(url__startswith=fixture.url.split("?")[0]).mock(
        return_value=fixture.response()
    )
    async with make(router) as resolver:
        outcome = await resolver.verify_post(ref)
    assert outcome.status == "ok", outcome
    assert route.call_count == 1
    assert outcome.author_name
    if handle:
        assert outcome.author_handle == handle


META_OK = [
    pytest.param(
        "instagram/graph-instagram-oembed-200-2020",
        PostRef("instagram", "B9bOM-6Ax_d", None, "https://www.instagram.com/p/B9bOM-6Ax_d/"),
        id="instagram",
    ),
    pytest.param(
        "facebook/graph-oembed-post-200-2020",
        PostRef(
            "facebook",
            "3610333842332884",
            "rubyonrailstogo",
            "https://www.facebook.com/rubyonrailstogo/posts/3610333842332884",
        ),
        id="facebook-post",
    ),
    pytest.param(
        "facebook/graph-oembed-video-200-2020",
        PostRef(
            "facebook",
            "474308113397163",
            "381763475170840",
            "https://www.facebook.com/381763475170840/videos/474308113397163/",
        ),
        id="facebook-video",
    ),
]


@pytest.mark.parametrize(("name", "ref"), META_OK)
async def test_meta_oembed_with_a_token(router, name, ref):
    fixture = recorded(name)
    route = router.get(
        url__regex=r"^https://graph\.facebook\.com/v[\d.]+/(instagram_oembed|oembed_post|oembed_video)\?"
    ).mock(return_value=fixture.response())
    async with make(router, meta_token="A_FAKE_TOKEN_FOR_TESTS") as resolver:
        outcome = await resolver.verify_post(ref)
    assert outcome.status == "ok"
    assert "access_token=A_FAKE_TOKEN_FOR_TESTS" in str(route.calls.last.request.url)
    assert fixture.url.split("/v8.0/")[1].split("?")[0] in str(route.calls.last.request.url)


async def test_meta_without_a_token_says_why(router):
    async with make(router, meta_token=None) as resolver:
        outcome = await resolver.verify_post(
            PostRef("instagram", "B9bOM-6Ax_d", None, "https://www.instagram.com/p/B9bOM-6Ax_d/")
        )
    assert (outcome.status, outcome.reason) == ("unresolved", "needs_token")
    assert "CITERESOLVE_META_TOKEN" in outcome.reason_text


OEMBED_GONE = [
    pytest.param(
        "x-twitter/oembed-404-synthetic", "twitter", "unavailable", "oembed_404", id="twitter-404"
    ),
    pytest.param(
        "x-twitter/oembed-403-protected-synthetic",
        "twitter",
        "unavailable",
        "oembed_403",
        id="twitter-403",
    ),
    pytest.param(
        "youtube/oembed-403-forbidden-2024",
        "youtube",
        "unavailable",
        "oembed_403",
        id="youtube-403-plain-text-body",
    ),
    pytest.param(
        "youtube/oembed-401-synthetic", "youtube", "unavailable", "oembed_401", id="youtube-401"
    ),
    pytest.param(
        "youtube/oembed-404-synthetic", "youtube", "unavailable", "oembed_404", id="youtube-404"
    ),
    pytest.param(
        "vimeo/oembed-404-synthetic", "vimeo", "unavailable", "oembed_404", id="vimeo-404"
    ),
    pytest.param(
        "reddit/oembed-404-synthetic", "reddit", "unavailable", "oembed_404", id="reddit-404"
    ),
    pytest.param(
        "bluesky/oembed-404-synthetic", "bluesky", "unavailable", "oembed_404", id="bluesky-404"
    ),
    pytest.param(
        "mastodon/oembed-404-docs-example",
        "mastodon",
        "unavailable",
        "oembed_404",
        id="mastodon-404",
    ),
    pytest.param(
        "x-twitter/oembed-400-format-xml", "twitter", "error", "oembed_400", id="twitter-400"
    ),
    pytest.param("tiktok/oembed-400-synthetic", "tiktok", "error", "oembed_400", id="tiktok-400"),
]
REFS = {
    "twitter": PostRef("twitter", "1", "a", "https://twitter.com/a/status/1"),
    "youtube": PostRef(
        "youtube", "NHriYTkvd0g", None, "https://www.youtube.com/watch?v=NHriYTkvd0g"
    ),
    "vimeo": PostRef("vimeo", "1234567", None, "https://vimeo.com/1234567"),
    "reddit": PostRef("reddit", "abcd12", None, "https://www.reddit.com/r/x/comments/abcd12/"),
    "bluesky": PostRef(
        "bluesky",
        "3kqmooj3ems2w",
        None,
        "https://bsky.app/profile/a.bsky.social/post/3kqmooj3ems2w",
    ),
    "tiktok": PostRef(
        "tiktok", "7005293332821822726", "a", "https://www.tiktok.com/@a/video/7005293332821822726"
    ),
    "mastodon": PostRef(
        "mastodon", "109999999999", "a@mastodon.social", "https://mastodon.social/@a/109999999999"
    ),
}


@pytest.mark.parametrize(("name", "platform", "status", "reason"), OEMBED_GONE)
async def test_oembed_failures(router, name, platform, status, reason):
    router.route().mock(return_value=recorded(name).response())
    async with make(router) as resolver:
        outcome = await resolver.verify_post(REFS[platform])
    assert (outcome.status, outcome.reason) == (status, reason)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        pytest.param(
            "instagram/graph-oembed-error-100-synthetic", "graph_error_100", id="not-found"
        ),
        pytest.param("facebook/graph-oembed-error-24-synthetic", "graph_error_24", id="private"),
    ],
)
async def test_graph_errors_mean_unavailable(router, name, reason):
    router.route().mock(return_value=recorded(name).response())
    async with make(router, meta_token="t") as resolver:
        outcome = await resolver.verify_post(
            PostRef("instagram", "B9bOM-6Ax_d", None, "https://www.instagram.com/p/B9bOM-6Ax_d/")
        )
    assert (outcome.status, outcome.reason) == ("unavailable", reason)


# --- the cache ------------------------------------------------------------------------------


async def test_second_run_is_served_from_the_cache(router, tmp_path):
    mount(router, "tco/tco-301-synthetic")
    mount(router, "articles/graffica-via-buffly-2021")
    cache = ResolutionCache(tmp_path / "cache")
    try:
        async with make(router, cache=cache) as first:
            cold = await first.resolve_url("https://t.co/4DK3Jc2BTt")
            assert first.requests == 2
        async with make(router, cache=cache) as second:
            warm = await second.resolve_url("https://t.co/4DK3Jc2BTt")
            assert second.requests == 0
        offline = Resolver(ResolveOptions(offline=True), cache=cache)
        assert await offline.resolve_url("https://t.co/4DK3Jc2BTt") == cold
    finally:
        cache.close()
    assert warm == cold


async def test_failures_are_not_cached_as_successes(router, tmp_path):
    router.get("https://example.com/slow").mock(side_effect=httpx.ReadTimeout("slow"))
    cache = ResolutionCache(tmp_path / "cache")
    try:
        async with make(router, cache=cache, attempts=1) as resolver:
            await resolver.resolve_url("https://example.com/slow")
        entry = cache.get("url", "https://example.com/slow")
    finally:
        cache.close()
    assert entry is not None and entry.ok is False


async def test_offline_without_cache_is_unresolved():
    resolver = Resolver(ResolveOptions(offline=True))
    outcome = await resolver.resolve_url("https://t.co/abc")
    assert (outcome.status, outcome.reason) == ("unresolved", "offline")


async def test_telegram_widget_page_says_whether_the_post_exists(router):
    ref = PostRef("telegram", "43", "durov", "https://t.me/durov/43")
    page = (
        '<div class="tgme_widget_message_owner_name"><span>Pavel Durov</span></div>'
        '<div class="tgme_widget_message_text">Hello</div><time datetime="2022-04-01T10:00:00+00:00"></time>'
    )
    router.get("https://t.me/durov/43?embed=1").mock(return_value=httpx.Response(200, html=page))
    async with make(router) as resolver:
        outcome = await resolver.verify_post(ref)
    assert (outcome.status, outcome.author_name, outcome.text, outcome.published) == (
        "ok",
        "Pavel Durov",
        "Hello",
        "2022-04-01",
    )


async def test_telegram_post_not_found(router):
    ref = PostRef("telegram", "999999", "durov", "https://t.me/durov/999999")
    page = '<div class="tgme_widget_message_error">Post not found</div>'
    router.get("https://t.me/durov/999999?embed=1").mock(
        return_value=httpx.Response(200, html=page)
    )
    async with make(router) as resolver:
        outcome = await resolver.verify_post(ref)
    assert (outcome.status, outcome.reason) == ("unavailable", "telegram_not_found")


# --- memory of a run without a disk cache ----------------------------------------------------


async def test_without_a_cache_a_failure_is_remembered_ten_minutes_then_asked_again(
    router, monkeypatch
):
    import citeresolve.resolve.resolver as resolver_module

    route = router.get("https://example.org/down").mock(side_effect=httpx.ConnectError("down"))
    now = [1000.0]
    monkeypatch.setattr(resolver_module, "_clock", lambda: now[0])
    async with make(router, use_cache=False) as resolver:
        first = await resolver.resolve_url("https://example.org/down")
        tries = route.call_count
        again = await resolver.resolve_url("https://example.org/down")
        assert route.call_count == tries  # remembered
        now[0] += resolver_module.MEMO_FAILURE_SECONDS + 1
        later = await resolver.resolve_url("https://example.org/down")
    assert first.status == again.status == later.status == "unresolved"
    assert route.call_count == 2 * tries


async def test_the_memory_of_a_run_is_bounded(router, monkeypatch):
    import citeresolve.resolve.resolver as resolver_module

    monkeypatch.setattr(resolver_module, "MEMO_SIZE", 2)
    routes = [
        router.get(f"https://example.org/{n}").mock(return_value=httpx.Response(200, html="<p>x"))
        for n in range(3)
    ]
    async with make(router, use_cache=False) as resolver:
        for n in (0, 1, 2, 0):  # 0 was pushed out by 2
            await resolver.resolve_url(f"https://example.org/{n}")
        assert len(resolver._memo) == 2
    assert [route.call_count for route in routes] == [2, 1, 1]

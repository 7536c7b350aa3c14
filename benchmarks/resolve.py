"""Resolution throughput: 1,000 distinct short links against a local server that answers in 50 ms.

Run: python3 benchmarks/resolve.py [--links 1000] [--delay-ms 50] [--concurrency 10 50 200]

The server runs in its own process (the other core) and answers every /s/<n> after the delay
with a 301 to a tweet's URL, the way t.co does; the resolver stops at a post URL, so each link
costs one request. For each concurrency C it prints the wall time of each client against the
ideal ceil(links / C) x delay, side by side (best of --repeats interleaved runs; httpx once):

- citeresolve   the Resolver (httpx API over the aiohttp transport, address checks, retries)
- httpx-pool    one httpx.AsyncClient with its own connection pool, C connections
- aiohttp       a bare aiohttp.ClientSession, C connections

then a cold run of citeresolve with its disk cache and the best of --repeats warm reruns
(a rerun must be >= 50x faster).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
import httpx  # noqa: E402

from citeresolve.resolve.cache import ResolutionCache  # noqa: E402
from citeresolve.resolve.options import ResolveOptions  # noqa: E402
from citeresolve.resolve.resolver import Resolver  # noqa: E402

SERVER = """
import asyncio, sys
from aiohttp import web
delay = float(sys.argv[2]) / 1000
async def short(request):
    await asyncio.sleep(delay)
    n = request.match_info["n"]
    raise web.HTTPMovedPermanently(f"https://twitter.com/bench/status/{n}")
app = web.Application()
app.router.add_get("/s/{n}", short)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), backlog=4096, print=None, access_log=None)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(port: int, delay_ms: float) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-c", SERVER, str(port), str(delay_ms)])
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("the benchmark server did not start")


def options(concurrency: int, **extra: object) -> ResolveOptions:
    return ResolveOptions(
        allow_private=True,  # the server is on loopback
        concurrency=concurrency,
        per_host=concurrency,  # one host here: the per-host limit raised to match
        use_cache=False,
        **extra,  # type: ignore[arg-type]
    )


async def run_citeresolve(
    urls: list[str], concurrency: int, cache: ResolutionCache | None = None
) -> int:
    async with Resolver(options(concurrency), cache=cache) as resolver:
        outcomes = await resolver.resolve_urls(urls)
    return sum(1 for o in outcomes if o.post is not None)


async def run_httpx(urls: list[str], concurrency: int) -> int:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(limits=limits, trust_env=False) as client:

        async def one(url: str) -> bool:
            async with gate:
                response = await client.get(url)
                return response.status_code == 301

        results = await asyncio.gather(*(one(url) for url in urls))
    return sum(results)


async def run_aiohttp(urls: list[str], concurrency: int) -> int:
    connector = aiohttp.TCPConnector(limit=concurrency, limit_per_host=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(url: str) -> bool:
            async with session.get(url, allow_redirects=False) as response:
                return response.status == 301

        results = await asyncio.gather(*(one(url) for url in urls))
    return sum(results)


RUNNERS = (run_citeresolve, run_httpx, run_aiohttp)


def timed(work: Callable[[], Awaitable[int]]) -> tuple[float, int]:
    started = time.perf_counter()
    done = asyncio.run(work())  # type: ignore[arg-type]
    return time.perf_counter() - started, done


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--links", type=int, default=1000)
    parser.add_argument("--delay-ms", type=float, default=50.0)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--repeats", type=int, default=3, help="runs of each client, best kept")
    args = parser.parse_args()
    port = free_port()
    server = start_server(port, args.delay_ms)
    base = f"http://127.0.0.1:{port}"
    try:
        print(
            f"{args.links} links, server answers after {args.delay_ms:g} ms, {os.cpu_count()} cores"
        )
        print(f"{'C':>4} {'ideal':>8} {'citeresolve':>18} {'httpx-pool':>18} {'aiohttp':>18}")
        for round_number, concurrency in enumerate(args.concurrency):
            ideal = math.ceil(args.links / concurrency) * args.delay_ms / 1000
            best: dict[str, float] = {}
            # Interleaved rounds, best of each: no client is favoured by running after another.
            for repeat in range(args.repeats):
                for runner in (run_citeresolve, run_httpx, run_aiohttp):
                    if runner is run_httpx and repeat:
                        continue  # ten times slower; once is enough to show it
                    # Distinct URLs every run, so no client benefits from an earlier one.
                    prefix = f"{round_number}{repeat}{RUNNERS.index(runner)}"
                    urls = [f"{base}/s/{prefix}{n:05d}" for n in range(args.links)]
                    wall, done = timed(
                        lambda runner=runner, urls=urls, c=concurrency: runner(urls, c)
                    )
                    assert done == args.links, f"{runner.__name__}: {done} of {args.links} resolved"
                    best[runner.__name__] = min(wall, best.get(runner.__name__, wall))
            cells = [f"{best[r.__name__]:6.2f} s {best[r.__name__] / ideal:5.2f}x" for r in RUNNERS]
            print(f"{concurrency:>4} {ideal:>6.2f} s " + " ".join(f"{c:>18}" for c in cells))
        with tempfile.TemporaryDirectory() as directory:
            cache = ResolutionCache(Path(directory) / "cache")
            urls = [f"{base}/s/9{n:05d}" for n in range(args.links)]
            cold, _ = timed(lambda: run_citeresolve(urls, 50, cache))
            reruns = [timed(lambda: run_citeresolve(urls, 50, cache)) for _ in range(args.repeats)]
            warm, done = min(reruns)
            cache.close()
        speedup = cold / warm
        assert done == args.links, f"{done} of {args.links} served from the cache"
        print(f"cache at C=50: cold {cold:.2f} s, warm {warm:.3f} s ({speedup:.0f}x faster)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()

"""The command line: the only place that prints, and that turns errors into exit codes."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TextIO

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from citeresolve._version import __version__
from citeresolve.batch import (
    Item,
    completed_ids,
    count_items,
    default_workers,
    read_items,
    run_batch,
)
from citeresolve.corpus import summarize as summarize_lines
from citeresolve.detect import explain as explain_mentions
from citeresolve.document import load
from citeresolve.errors import CiteResolveError
from citeresolve.graph import CitationGraph
from citeresolve.model import Severity
from citeresolve.outlets.registry import OutletRegistry, load_registry
from citeresolve.pipeline import audit_async, cache_for, is_url
from citeresolve.render import RENDERERS, SINGLE_DOCUMENT, OutputFormat
from citeresolve.render.explain import explain_json, explain_text
from citeresolve.render.table import table_report
from citeresolve.resolve.cache import CacheError, open_cache
from citeresolve.resolve.options import ResolveOptions, default_cache_dir
from citeresolve.resolve.resolver import Resolver

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="citeresolve",
    help="What a news article rests on: embedded posts, outlet attributions and links.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
outlets_app = typer.Typer(
    help="Query the outlet registry.", no_args_is_help=True, add_completion=False
)
app.add_typer(outlets_app, name="outlets")
cache_app = typer.Typer(
    help="Inspect or empty the resolution cache.", no_args_is_help=True, add_completion=False
)
app.add_typer(cache_app, name="cache")


class FailOn(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


def _fail(message: str) -> NoReturn:
    print(f"citeresolve: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_USAGE)


def _version(value: bool) -> None:
    if value:
        print(f"citeresolve {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """What a news article rests on."""


@app.command()
def audit(
    sources: Annotated[
        list[str],
        typer.Argument(metavar="SOURCE...", help="Article files, http(s) URLs, or - for stdin."),
    ],
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format (default: table on a terminal, from -o FILE's suffix, else "
            "markdown).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")
    ] = None,
    offline: Annotated[
        bool,
        typer.Option(
            "--offline", help="No network: resolutions come from the cache or stay unresolved."
        ),
    ] = False,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Ignore cached answers (and store fresh ones).")
    ] = False,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help="Cache directory (default: user cache).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the cache.")
    ] = False,
    concurrency: Annotated[
        int, typer.Option("--concurrency", help="Requests in flight at once (all hosts).")
    ] = 16,
    per_host: Annotated[int, typer.Option("--per-host", help="Requests in flight per host.")] = 4,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds to connect and between reads.")
    ] = 10.0,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Allow private and loopback addresses (local testing)."
        ),
    ] = False,
    proxy: Annotated[
        str | None, typer.Option("--proxy", help="Send requests through this HTTP proxy.")
    ] = None,
    connect_to: Annotated[
        list[str] | None,
        typer.Option(
            "--connect-to",
            metavar="ORIGIN=ORIGIN",
            help="Send requests for one origin to another (local fakes, mirrors); repeatable.",
        ),
    ] = None,
    outlets: Annotated[
        Path | None, typer.Option("--outlets", help="JSON file of outlets to add or override.")
    ] = None,
    whole_page: Annotated[
        bool,
        typer.Option("--whole-page", help="Read the whole HTML page, not only the article."),
    ] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Exit 1 when a finding is at least this severe."),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="List every outlet mention and the rule that credited or dropped it "
            "(detection only, no network; --format json for JSON).",
        ),
    ] = False,
) -> None:
    """Find, resolve and report what each SOURCE cites."""
    registry = _registry(outlets)
    if explain:
        _explain(sources, registry, whole_page, json_out=output_format is OutputFormat.JSON)
        return
    options = _resolve_options(
        timeout=timeout,
        connect_to=connect_to,
        offline=offline,
        refresh=refresh,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        concurrency=concurrency,
        per_host=per_host,
        allow_private=allow_private,
        proxy=proxy,
        progress=sys.stderr.isatty(),
    )
    fmt = output_format or _default_format(output)
    if fmt in SINGLE_DOCUMENT and len(sources) > 1:
        _fail(f"--format {fmt} holds one article: give one SOURCE, or use `citeresolve batch`")
    results = asyncio.run(_audit_all(sources, options, registry, whole_page))
    graphs = [r for r in results if isinstance(r, CitationGraph)]
    for result in results:
        if isinstance(result, CiteResolveError):
            print(f"citeresolve: {result}", file=sys.stderr)
    _emit(graphs, fmt, output)
    if len(graphs) < len(results):
        raise typer.Exit(EXIT_USAGE)
    if fail_on is not None and any(_at_least(graph, Severity(fail_on.value)) for graph in graphs):
        raise typer.Exit(EXIT_FINDINGS)


def _explain(
    sources: list[str], registry: OutletRegistry, whole_page: bool, *, json_out: bool
) -> None:
    failed = False
    for source in sources:
        if is_url(source):
            print(f"citeresolve: {source}: --explain reads files or -, not URLs", file=sys.stderr)
            failed = True
            continue
        try:
            doc = load(source)
        except CiteResolveError as exc:
            print(f"citeresolve: {exc}", file=sys.stderr)
            failed = True
            continue
        candidates = explain_mentions(doc, registry=registry, whole_page=whole_page)
        sys.stdout.write((explain_json if json_out else explain_text)(doc, candidates))
    if failed:
        raise typer.Exit(EXIT_USAGE)


async def _audit_all(
    sources: list[str], options: ResolveOptions, registry: OutletRegistry, whole_page: bool
) -> list[CitationGraph | CiteResolveError]:
    """One resolver and one cache for all sources: a link shared by articles is fetched once."""
    results: list[CitationGraph | CiteResolveError] = []
    with cache_for(options) as cache, _progress(options.progress) as progress:
        async with Resolver(options, cache=cache, progress=progress) as resolver:
            for source in sources:
                try:
                    graph = await audit_async(
                        source, registry=registry, resolver=resolver, whole_page=whole_page
                    )
                    results.append(graph)
                except CiteResolveError as exc:
                    results.append(exc)
    return results


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress line on stderr for long runs, only when a person is watching."""
    if not enabled:
        yield None
        return
    with Progress(
        TextColumn("resolving"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("resolve", total=None)

        def advance(count: int) -> None:
            bar.advance(task, count)

        yield advance


def _resolve_options(
    *, timeout: float, connect_to: list[str] | None, **fields: Any
) -> ResolveOptions:
    """The options audit and batch share; the total deadline of a request follows --timeout."""
    try:
        return ResolveOptions(
            timeout=timeout,
            deadline=max(timeout * 2, 20.0),
            connect_to=_origin_map(connect_to or []),
            **fields,
        )
    except CiteResolveError as exc:
        _fail(str(exc))


def _origin_map(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep:
            _fail(f"--connect-to takes ORIGIN=ORIGIN, not {pair!r}")
        mapping[source.strip().rstrip("/").lower()] = target.strip().rstrip("/")
    return mapping


def _registry(path: Path | None) -> OutletRegistry:
    try:
        return load_registry(path)
    except CiteResolveError as exc:
        _fail(str(exc))


def _at_least(graph: CitationGraph, level: Severity) -> bool:
    worst = graph.worst_severity()
    return worst is not None and worst.rank >= level.rank


_FORMAT_BY_SUFFIX = {
    ".html": OutputFormat.HTML,
    ".htm": OutputFormat.HTML,
    ".graphml": OutputFormat.GRAPHML,
    ".dot": OutputFormat.DOT,
    ".gv": OutputFormat.DOT,
    ".mmd": OutputFormat.MERMAID,
    ".json": OutputFormat.JSON,
    ".jsonl": OutputFormat.JSONL,
    ".md": OutputFormat.MARKDOWN,
    ".txt": OutputFormat.TABLE,
}


def _default_format(output: Path | None) -> OutputFormat:
    """The table on a terminal; for a file, what its suffix says; Markdown down a pipe."""
    if output is None:
        return OutputFormat.TABLE if sys.stdout.isatty() else OutputFormat.MARKDOWN
    return _FORMAT_BY_SUFFIX.get(output.suffix.lower(), OutputFormat.MARKDOWN)


def _emit(graphs: list[CitationGraph], fmt: OutputFormat, output: Path | None) -> None:
    if not graphs:
        return
    if fmt is OutputFormat.TABLE and output is None and sys.stdout.isatty():
        console = Console()
        for graph in graphs:
            console.print(table_report(graph))
        return
    if fmt is OutputFormat.JSON and len(graphs) > 1:
        text = json.dumps([g.to_dict() for g in graphs], ensure_ascii=False, indent=2) + "\n"
    elif fmt is OutputFormat.JSONL:
        text = "".join(RENDERERS[fmt](graph) for graph in graphs)
    else:
        text = "\n".join(RENDERERS[fmt](graph) for graph in graphs)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror or exc})")


@app.command()
def batch(
    source: Annotated[
        str,
        typer.Argument(metavar="INPUT", help="A folder, a JSONL file ({id, url|html|text}), or -."),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write JSONL to FILE (default stdout).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip ids already in the output file; continue it.")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", help="Processes for detection (default: up to 4 cores).")
    ] = 0,
    offline: Annotated[bool, typer.Option("--offline", help="No network; cache only.")] = False,
    refresh: Annotated[bool, typer.Option("--refresh", help="Ignore cached answers.")] = False,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", help="Cache directory.")] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the cache.")
    ] = False,
    concurrency: Annotated[int, typer.Option("--concurrency", help="Requests in flight.")] = 16,
    per_host: Annotated[int, typer.Option("--per-host", help="Requests in flight per host.")] = 4,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds to connect and between reads.")
    ] = 10.0,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow private addresses.")
    ] = False,
    proxy: Annotated[
        str | None, typer.Option("--proxy", help="Send requests through this HTTP proxy.")
    ] = None,
    connect_to: Annotated[
        list[str] | None,
        typer.Option("--connect-to", metavar="ORIGIN=ORIGIN", help="Route an origin."),
    ] = None,
    outlets: Annotated[
        Path | None, typer.Option("--outlets", help="JSON file of outlets to add or override.")
    ] = None,
    whole_page: Annotated[bool, typer.Option("--whole-page", help="Read whole pages.")] = False,
) -> None:
    """Audit every article of INPUT: one JSON graph per line, in input order, errors included."""
    registry = _registry(outlets)
    if resume and output is None:
        _fail("--resume needs --output FILE")
    options = _resolve_options(
        timeout=timeout,
        connect_to=connect_to,
        offline=offline,
        refresh=refresh,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        concurrency=concurrency,
        per_host=per_host,
        allow_private=allow_private,
        proxy=proxy,
    )
    try:
        items = read_items(source, sys.stdin)
    except CiteResolveError as exc:
        _fail(str(exc))
    done = completed_ids(output) if resume and output is not None else set()
    count = workers or default_workers()
    try:
        handle = output.open("a" if resume else "w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror or exc})")
    try:
        written, failed = asyncio.run(
            _batch(
                items,
                handle,
                options,
                registry,
                str(outlets) if outlets else None,
                count,
                whole_page,
                done,
                count_items(source) if sys.stderr.isatty() else None,
            )
        )
    except CiteResolveError as exc:
        _fail(str(exc))
    finally:
        if output is not None:
            handle.close()
    print(
        f"citeresolve: {written} articles written, {failed} failed, {len(done)} skipped",
        file=sys.stderr,
    )


async def _batch(
    items: Iterable[Item],
    handle: TextIO,
    options: ResolveOptions,
    registry: OutletRegistry,
    outlets: str | None,
    workers: int,
    whole_page: bool,
    done: set[str],
    total: int | None,
) -> tuple[int, int]:
    left = None if total is None else max(0, total - len(done))
    with cache_for(options) as cache, _batch_progress(sys.stderr.isatty(), left) as progress:
        async with Resolver(options, cache=cache) as resolver:
            return await run_batch(
                items,
                handle,
                resolver=resolver,
                registry=registry,
                outlets=outlets,
                workers=workers,
                whole_page=whole_page,
                skip=done,
                progress=progress,
            )


@contextmanager
def _batch_progress(enabled: bool, total: int | None) -> Iterator[Callable[[int], None] | None]:
    """Articles done, rate and time left, on stderr, when a person is watching."""
    if not enabled:
        yield None
        return
    with Progress(
        TextColumn("articles"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("batch", total=total, rate="")

        def advance(count: int) -> None:
            bar.advance(task, count)
            speed = bar.tasks[0].speed
            if speed:
                bar.update(task, rate=f"{speed:.1f} articles/s")

        yield advance


@app.command()
def summarize(
    source: Annotated[Path, typer.Argument(metavar="OUT.jsonl", help="The output of a batch.")],
    csv_file: Annotated[
        Path | None, typer.Option("--csv", help="Write outlets per article as CSV.")
    ] = None,
    json_file: Annotated[
        Path | None, typer.Option("--json", help="Write the summary as JSON.")
    ] = None,
    top: Annotated[int, typer.Option("--top", help="Rows per table.")] = 10,
) -> None:
    """Who a corpus cites: outlets by citing articles, platforms, accounts, failure rates."""
    try:
        with source.open(encoding="utf-8") as handle:
            summary = summarize_lines(handle, str(source))
    except OSError as exc:
        _fail(f"{source}: cannot read ({exc.strerror or exc})")
    except CiteResolveError as exc:
        _fail(str(exc))
    sys.stdout.write(summary.to_text(top))
    try:
        if csv_file is not None:
            csv_file.write_text(summary.to_csv(), encoding="utf-8")
        if json_file is not None:
            json_file.write_text(
                json.dumps(summary.to_dict(top), ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8",
            )
    except OSError as exc:
        _fail(f"cannot write the summary ({exc.strerror or exc})")


@outlets_app.command("lookup")
def outlets_lookup(
    query: Annotated[str, typer.Argument(metavar="NAME|DOMAIN|@HANDLE")],
    outlets: Annotated[
        Path | None, typer.Option("--outlets", help="JSON file of outlets to add or override.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the matches as JSON.")] = False,
) -> None:
    """Look an outlet up by name, alias, domain, URL or @handle."""
    registry = _registry(outlets)
    found = registry.lookup(query)
    if as_json:
        print(
            json.dumps(
                [{"id": f"outlet:{o.id}", **o.node_data()} for o in found],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for outlet in found:
            handles = ", ".join(f"{p}: @{h[0]}" for p, h in sorted(outlet.handles.items()) if h)
            print(
                f"{outlet.name} [{outlet.id}] {outlet.kind}, {outlet.country or '??'}; "
                f"domains: {', '.join(outlet.domains) or '-'}; {handles or 'no handles'}"
            )
    if not found:
        print(f"citeresolve: no outlet matches {query!r}", file=sys.stderr)
        raise typer.Exit(EXIT_FINDINGS)


CacheDir = Annotated[
    Path | None, typer.Option("--cache-dir", help="Cache directory (default: user cache).")
]


@cache_app.command("stats")
def cache_stats(cache_dir: CacheDir = None) -> None:
    """How many answers the cache holds, by kind, and how much space they take."""
    try:
        with open_cache(cache_dir or default_cache_dir(), write=False) as cache:
            stats = cache.stats()
    except CacheError as exc:
        _fail(str(exc))
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(stats["by_kind"].items()))
    entries, size = stats["entries"], stats["bytes"]
    print(f"{stats['directory']}: {entries} entries ({kinds or 'none'}), {size:,} bytes")


@cache_app.command("clear")
def cache_clear(cache_dir: CacheDir = None) -> None:
    """Remove every cached answer."""
    try:
        with open_cache(cache_dir or default_cache_dir()) as cache:
            removed = cache.clear()
    except CacheError as exc:
        _fail(str(exc))
    print(f"removed {removed} cached answers")


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    try:
        app(prog_name="citeresolve")
    except KeyboardInterrupt:
        print("citeresolve: interrupted", file=sys.stderr)
        sys.exit(130)
    except CiteResolveError as exc:
        print(f"citeresolve: {exc}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # a bug: say so in one line instead of a traceback
        print(
            f"citeresolve: internal error ({type(exc).__name__}: {exc}); please report it",
            file=sys.stderr,
        )
        sys.exit(EXIT_USAGE)

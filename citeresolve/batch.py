"""Batch audits of whole archives: one graph per line, in input order, failures included.

Detection runs in worker processes (it is CPU-bound); resolution runs in this process with
one async resolver and one cache for the whole corpus, so a t.co link shared by a thousand
articles is fetched once. Input is streamed and results are written as they come, in order,
so memory does not grow with the number of articles, and ``--resume`` can pick up a killed
run where it stopped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from citeresolve.detect import detect
from citeresolve.document import Document, ElementIndex, load
from citeresolve.errors import CiteResolveError, InputError
from citeresolve.graph import build_graph
from citeresolve.model import Findings
from citeresolve.outlets.registry import OutletRegistry, load_registry
from citeresolve.pagemeta import PageMeta, meta_from_soup
from citeresolve.pipeline import is_url, load_source
from citeresolve.resolve.resolver import Resolver

SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".md", ".text", ".markdown")
CHUNK = 16  # articles per task sent to a worker
WINDOW_PER_WORKER = 4  # tasks in flight per worker: enough to keep it busy, bounded memory


@dataclass(frozen=True, slots=True)
class Item:
    """One article of the input: an id and where its content is."""

    id: str
    path: str | None = None
    url: str | None = None
    html: str | None = None
    text: str | None = None


def read_items(source: str, stdin: IO[str] | None = None) -> Iterator[Item]:
    """Items from a folder (every article file, sorted), a JSONL file, or ``-`` (JSONL on stdin).

    Lines that are not valid items still become items, whose error the batch reports.
    """
    if source != "-" and Path(source).is_dir():
        root = Path(source)
        for path in sorted(
            p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
        ):
            yield Item(id=path.relative_to(root).as_posix(), path=str(path))
        return
    if source == "-":
        lines: Iterable[str] = stdin if stdin is not None else iter(())
    else:
        try:
            handle = open(source, encoding="utf-8")  # noqa: SIM115 - closed below, streamed
        except OSError as exc:
            raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None
        lines = handle
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        yield _item_from_line(line, number)
    if source != "-":
        handle.close()


def count_items(source: str) -> int | None:
    """How many items ``read_items`` will yield, for a progress bar's ETA; None for stdin
    or an unreadable source (whose error the batch itself reports)."""
    if source == "-":
        return None
    path = Path(source)
    try:
        if path.is_dir():
            return sum(1 for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return None


def _item_from_line(line: str, number: int) -> Item:
    try:
        data = json.loads(line)
    except ValueError:
        return Item(id=f"line-{number}", text=None)
    if not isinstance(data, dict):
        return Item(id=f"line-{number}")
    item_id = str(data.get("id") if data.get("id") is not None else f"line-{number}")
    return Item(
        id=item_id,
        url=data.get("url") if isinstance(data.get("url"), str) else None,
        html=data.get("html") if isinstance(data.get("html"), str) else None,
        text=data.get("text") if isinstance(data.get("text"), str) else None,
    )


@dataclass(frozen=True, slots=True)
class Detected:
    """What a worker sends back: small, picklable, no parse tree."""

    id: str
    doc: Document | None = None
    findings: Findings | None = None
    meta: PageMeta | None = None
    line: str | None = None  # the finished output line when nothing is left to resolve
    error: tuple[str, str] | None = None


_REGISTRY: OutletRegistry | None = None


def _init_worker(outlets: str | None) -> None:
    global _REGISTRY  # one registry per worker process, read once
    _REGISTRY = load_registry(outlets)


def detect_item(item: Item, offline: bool, whole_page: bool) -> Detected:
    """Load and detect one item (in a worker); offline, also build and serialise its graph."""
    registry = _REGISTRY or load_registry(None)
    try:
        doc = _load_item(item)
        if doc is None:
            return Detected(item.id)  # a URL: fetched by the main process
        findings = detect(doc, registry=registry, whole_page=whole_page)
        meta = meta_from_soup(doc.html) if doc.html is not None else PageMeta()
        if offline:
            graph = build_graph(doc, findings, registry=registry, page_meta=meta)
            return Detected(item.id, line=graph_line(item.id, graph.to_dict()))
        lite = replace(
            doc, html=None, segments=(), element_spans={}, tree_ranges={}, index=ElementIndex()
        )
        return Detected(item.id, lite, findings, meta)
    except CiteResolveError as exc:
        return Detected(item.id, error=(_code(exc), str(exc)))
    except Exception as exc:  # one broken article must not stop the batch
        return Detected(item.id, error=("internal_error", f"{type(exc).__name__}: {exc}"))


def _load_item(item: Item) -> Document | None:
    if item.path is not None:
        return load(item.path)
    if item.html is not None:
        return load(f"{item.id}.html", data=item.html.encode("utf-8"), format="html")
    if item.text is not None:
        return load(f"{item.id}.txt", data=item.text.encode("utf-8"), format="text")
    if item.url is not None and is_url(item.url):
        return None
    raise InputError(f"{item.id}: the line has no url, html or text")


def _code(exc: CiteResolveError) -> str:
    name = type(exc).__name__
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def graph_line(item_id: str, document: dict[str, Any]) -> str:
    line = json.dumps({"id": item_id, **document}, ensure_ascii=False, separators=(",", ":"))
    return line + "\n"


def error_line(item_id: str, code: str, message: str) -> str:
    return (
        json.dumps({"id": item_id, "error": {"code": code, "message": message}}, ensure_ascii=False)
        + "\n"
    )


def completed_ids(path: Path) -> set[str]:
    """Ids already written to ``path``; a torn last line (a killed run) is cut off first."""
    if not path.exists():
        return set()
    done: set[str] = set()
    keep = 0
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            try:
                done.add(str(json.loads(raw)["id"]))
            except (ValueError, KeyError, TypeError):
                break
            keep += len(raw)
    with path.open("r+b") as handle:
        handle.truncate(keep)
    return done


async def run_batch(
    items: Iterable[Item],
    out: IO[str],
    *,
    resolver: Resolver,
    registry: OutletRegistry,
    outlets: str | None = None,
    workers: int = 1,
    whole_page: bool = False,
    skip: set[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Audit every item, writing one line each in input order; returns (written, failed)."""
    offline = resolver.options.offline
    skip = skip or set()
    pending = (item for item in items if item.id not in skip)
    written = failed = 0
    executor: Executor | None = None
    if workers > 1:
        executor = ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(outlets,)
        )
    else:
        _init_worker(outlets)
    try:
        for item, detected in _in_order(pending, executor, offline, whole_page, workers):
            line, ok = await _finish(item, detected, resolver, registry, whole_page)
            out.write(line)
            out.flush()
            written += 1
            failed += not ok
            if progress is not None:
                progress(1)
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    return written, failed


def _in_order(
    items: Iterator[Item], executor: Executor | None, offline: bool, whole_page: bool, workers: int
) -> Iterator[tuple[Item, Detected]]:
    """Detected items in input order, with a bounded number in flight (memory stays flat).

    Items travel to the workers in chunks: one task per article would spend as much time
    passing messages as detecting a short one."""
    if executor is None:
        for item in items:
            yield item, detect_item(item, offline, whole_page)
        return
    window: list[tuple[list[Item], Future[list[Detected]]]] = []
    limit = max(2, workers * WINDOW_PER_WORKER)
    for chunk in _chunks(items, CHUNK):
        window.append((chunk, executor.submit(detect_chunk, chunk, offline, whole_page)))
        if len(window) >= limit:
            first, future = window.pop(0)
            yield from zip(first, future.result(), strict=True)
    for chunk, future in window:
        yield from zip(chunk, future.result(), strict=True)


def detect_chunk(items: list[Item], offline: bool, whole_page: bool) -> list[Detected]:
    return [detect_item(item, offline, whole_page) for item in items]


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


async def _finish(
    item: Item, detected: Detected, resolver: Resolver, registry: OutletRegistry, whole_page: bool
) -> tuple[str, bool]:
    """The output line of one item, and whether it is a graph (not an error)."""
    if detected.line is not None:
        return detected.line, True
    if detected.error is not None:
        return error_line(item.id, *detected.error), False
    try:
        if detected.doc is None:  # a URL: fetched, detected and resolved here
            doc = await load_source(item.url or "", resolver)
            findings = detect(doc, registry=registry, whole_page=whole_page)
            meta = meta_from_soup(doc.html) if doc.html is not None else PageMeta()
        else:
            doc, findings = detected.doc, detected.findings or Findings()
            meta = detected.meta or PageMeta()
        resolutions = await resolver.resolve(doc, findings)
        graph = build_graph(
            doc, findings, registry=registry, resolutions=resolutions, page_meta=meta
        )
        return graph_line(item.id, graph.to_dict()), True
    except CiteResolveError as exc:
        return error_line(item.id, _code(exc), str(exc)), False


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


__all__ = ["Item", "completed_ids", "count_items", "read_items", "run_batch"]

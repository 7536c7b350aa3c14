"""The command line: the only place that prints, and that turns errors into exit codes."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from citeresolve import __version__
from citeresolve.detect import detect
from citeresolve.document import load
from citeresolve.errors import CiteResolveError
from citeresolve.graph import CitationGraph, build_graph
from citeresolve.model import Severity
from citeresolve.outlets.registry import OutletRegistry, load_registry
from citeresolve.render import RENDERERS, OutputFormat
from citeresolve.render.table import table_report

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
        list[str], typer.Argument(metavar="SOURCE...", help="Article files, or - for stdin.")
    ],
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format (default: table on a terminal, markdown otherwise).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="No network at all; every item stays unresolved.")
    ] = False,
    outlets: Annotated[
        Path | None, typer.Option("--outlets", help="JSON file of outlets to add or override.")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Exit 1 when a finding is at least this severe."),
    ] = None,
) -> None:
    """Find and report what each SOURCE cites."""
    registry = _registry(outlets)
    fmt = output_format or (
        OutputFormat.TABLE if output is None and sys.stdout.isatty() else OutputFormat.MARKDOWN
    )
    graphs: list[CitationGraph] = []
    failed = False
    for source in sources:
        try:
            graphs.append(audit_one(source, registry=registry))
        except CiteResolveError as exc:
            print(f"citeresolve: {exc}", file=sys.stderr)
            failed = True
    _emit(graphs, fmt, output)
    if failed:
        raise typer.Exit(EXIT_USAGE)
    if fail_on is not None and any(_at_least(graph, Severity(fail_on.value)) for graph in graphs):
        raise typer.Exit(EXIT_FINDINGS)


def audit_one(source: str, *, registry: OutletRegistry) -> CitationGraph:
    doc = load(source)
    return build_graph(doc, detect(doc, registry=registry), registry=registry)


def _registry(path: Path | None) -> OutletRegistry:
    try:
        return load_registry(path)
    except CiteResolveError as exc:
        _fail(str(exc))


def _at_least(graph: CitationGraph, level: Severity) -> bool:
    worst = graph.worst_severity()
    return worst is not None and worst.rank >= level.rank


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
    else:
        text = "\n".join(RENDERERS[fmt](graph) for graph in graphs)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror or exc})")


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

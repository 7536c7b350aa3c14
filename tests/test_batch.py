"""Batch audits: input order, errors as lines, workers, resume after a kill, corpus summaries."""

from __future__ import annotations

import json
import os
import pty
import shutil
import signal
import subprocess
import sys
import time

import pytest

from citeresolve.corpus import summarize
from tests.helpers import FIXTURES, ROOT, SEED, graph_json


def run(*args, stdin=None, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "citeresolve", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted((FIXTURES / "synthetic").iterdir()):
        if path.suffix in {".html", ".txt"}:
            shutil.copy(path, folder / path.name)
    return folder


def lines_of(path):
    return [graph_json(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_folder_in_order_with_one_graph_per_line(corpus_dir, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run(
        "batch", str(corpus_dir), "--offline", "--no-cache", "-o", str(out), "--workers", "1"
    )
    assert result.returncode == 0, result.stderr
    documents = lines_of(out)
    assert [d["id"] for d in documents] == sorted(p.name for p in corpus_dir.iterdir())
    assert all(d["schema"] == "citeresolve.graph/1" for d in documents)


def test_jsonl_input_keeps_order_and_reports_errors_as_lines(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    items = [
        {"id": "seed", "text": seed},
        {
            "id": "page",
            "html": "<article><p>" + "Talks went on. " * 20 + "according to Reuters.</p></article>",
        },
        {"id": "nothing"},
        "not json at all",
        {"id": "empty", "text": "   "},
        {"id": "last", "text": "CNN reports a fire."},
    ]
    stdin = "\n".join(i if isinstance(i, str) else json.dumps(i) for i in items) + "\n"
    result = run("batch", "-", "--offline", "--no-cache", "--workers", "2", stdin=stdin)
    assert result.returncode == 0, result.stderr
    documents = [graph_json(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in documents] == ["seed", "page", "nothing", "line-4", "empty", "last"]
    assert documents[0]["stats"]["embeds"] == 3
    assert [e["target"] for e in documents[1]["edges"] if e["type"] == "attributes_to"] == [
        "outlet:reuters"
    ]
    assert {d["id"]: d["error"]["code"] for d in documents if "error" in d} == {
        "nothing": "input_error",
        "line-4": "input_error",
        "empty": "empty_source",
    }
    assert "3 failed" in result.stderr


def test_workers_give_the_same_output(corpus_dir, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert (
        run(
            "batch", str(corpus_dir), "--offline", "--no-cache", "-o", str(one), "--workers", "1"
        ).returncode
        == 0
    )
    assert (
        run(
            "batch", str(corpus_dir), "--offline", "--no-cache", "-o", str(two), "--workers", "2"
        ).returncode
        == 0
    )
    assert one.read_bytes() == two.read_bytes()


def test_killed_run_resumed_gives_exactly_the_uninterrupted_output(corpus_dir, tmp_path):
    big = tmp_path / "big.jsonl"
    articles = sorted(p for p in corpus_dir.iterdir())
    with big.open("w", encoding="utf-8") as handle:
        for round_number in range(4):  # enough work that the kill lands half-way
            for path in articles:
                kind = "html" if path.suffix == ".html" else "text"
                handle.write(
                    json.dumps(
                        {
                            "id": f"{round_number}-{path.name}",
                            kind: path.read_text(encoding="utf-8"),
                        }
                    )
                    + "\n"
                )
    whole = tmp_path / "whole.jsonl"
    assert (
        run(
            "batch", str(big), "--offline", "--no-cache", "-o", str(whole), "--workers", "1"
        ).returncode
        == 0
    )
    partial = tmp_path / "partial.jsonl"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "citeresolve",
            "batch",
            str(big),
            "--offline",
            "--no-cache",
            "-o",
            str(partial),
            "--workers",
            "1",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (
        not partial.exists() or partial.read_bytes().count(b"\n") < 20
    ):
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    written = partial.read_bytes().count(b"\n")
    assert 0 < written < len(articles) * 4, "the kill must land half-way"
    with partial.open("ab") as handle:
        handle.write(b'{"id": "torn line, as a kill mid-write leaves')  # a torn last line
    resumed = run(
        "batch",
        str(big),
        "--offline",
        "--no-cache",
        "-o",
        str(partial),
        "--resume",
        "--workers",
        "2",
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{written} skipped" in resumed.stderr
    assert partial.read_bytes() == whole.read_bytes()


def test_resume_needs_an_output_file():
    result = run("batch", str(FIXTURES / "synthetic"), "--offline", "--resume")
    assert result.returncode == 2 and "--resume needs --output" in result.stderr


def test_missing_input_is_one_line_and_exit_2():
    result = run("batch", "no/such/input.jsonl", "--offline")
    assert (
        result.returncode == 2
        and "cannot read" in result.stderr
        and "Traceback" not in result.stderr
    )


def test_summarize(corpus_dir, tmp_path):
    out = tmp_path / "out.jsonl"
    assert run("batch", str(corpus_dir), "--offline", "--no-cache", "-o", str(out)).returncode == 0
    summary = summarize(out.read_text(encoding="utf-8").splitlines())
    assert summary.articles == len(list(corpus_dir.iterdir()))
    assert {"Reuters", "The Associated Press"} <= {
        label for label, _ in summary.outlets.most_common(3)
    }
    assert summary.platforms["twitter"] >= 30
    csv_file, json_file = tmp_path / "s.csv", tmp_path / "s.json"
    result = run("summarize", str(out), "--csv", str(csv_file), "--json", str(json_file))
    assert result.returncode == 0, result.stderr
    assert "Outlets by citing articles:" in result.stdout
    assert "Posts embedded by more than one article:\n  (none)\n" in result.stdout
    assert csv_file.read_text().startswith("outlet,named,citing_articles\n")
    assert json.loads(json_file.read_text())["articles"] == summary.articles


@pytest.mark.parametrize(
    ("line", "words"),
    [
        pytest.param("{not json", "line 1 is not JSON", id="not-json"),
        pytest.param("[1, 2]", "line 1 is not a graph document", id="array"),
        pytest.param(
            '{"id": "a", "nodes": [{"id": "x"}], "edges": []}',
            "line 1 is not a graph document",
            id="node-without-type",
        ),
        pytest.param('{"id": "a", "edges": [{}]}', "line 1 is not a graph document", id="edge"),
    ],
)
def test_summarize_rejects_garbage_in_one_line(tmp_path, line, words):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(line + "\n")
    result = run("summarize", str(bad))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and words in result.stderr


def test_progress_on_a_terminal_shows_count_rate_and_time_left(corpus_dir, tmp_path):
    """stderr is a pseudo-terminal, as when a person watches the run; stdout is a file."""
    leader, follower = pty.openpty()
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "COLUMNS": "160", "TERM": "xterm"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "citeresolve",
            "batch",
            str(corpus_dir),
            "--offline",
            "-o",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        cwd=ROOT,
        env=env,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=120) == 0
    os.close(leader)
    screen = seen.decode("utf-8", "replace")
    total = len([p for p in corpus_dir.iterdir() if p.suffix in {".html", ".txt"}])
    assert f"/{total}" in screen  # a known total, so the bar can give an ETA
    assert "articles/s" in screen
    assert f"{total} articles written" in screen


@pytest.mark.parametrize("disk_cache", [True, False], ids=["disk-cache", "no-cache"])
async def test_one_resolver_for_the_corpus_fetches_a_shared_link_once(tmp_path, disk_cache):
    """Three articles cite the same t.co link: one fetch of it (and of its page) for all,
    through the disk cache or, with --no-cache, the resolver's bounded memory of the run."""
    import io

    import httpx
    import respx

    from citeresolve.batch import Item, run_batch
    from citeresolve.outlets.registry import load_registry
    from citeresolve.resolve.cache import ResolutionCache
    from citeresolve.resolve.client import SafeClient
    from citeresolve.resolve.options import ResolveOptions
    from citeresolve.resolve.resolver import Resolver
    from tests.http_fixtures import recorded

    router = respx.Router(assert_all_mocked=True)
    short = recorded("tco/tco-301-synthetic")
    page = recorded("articles/graffica-via-buffly-2021")
    short_route = router.get(short.url).mock(return_value=short.response())
    page_route = router.get(page.url).mock(return_value=page.response())
    options = ResolveOptions(use_cache=disk_cache, backoff=0.01)
    cache = ResolutionCache(tmp_path / "cache") if disk_cache else None
    client = SafeClient(options, transport=httpx.MockTransport(router.async_handler))
    items = [
        Item(id=f"n{number}", text=f"Story {number}, says Reuters: https://t.co/4DK3Jc2BTt")
        for number in range(3)
    ]
    out = io.StringIO()
    async with Resolver(options, client=client, cache=cache) as resolver:
        written, failed = await run_batch(
            items, out, resolver=resolver, registry=load_registry(None), workers=1
        )
    if cache is not None:
        cache.close()
    assert (written, failed) == (3, 0)
    assert (short_route.call_count, page_route.call_count) == (1, 1)
    for line in out.getvalue().splitlines():
        link = next(
            n for n in graph_json(line)["nodes"] if n["id"] == "url:https://t.co/4DK3Jc2BTt"
        )
        assert (link["status"], link["final"]) == ("ok", "https://buff.ly/2uSOHDs")

"""The command line as a user meets it: formats, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import FIXTURES, ROOT, SEED, graph_json


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "citeresolve", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_audit_seed_json():
    result = run("audit", str(SEED), "--offline", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = graph_json(result.stdout)
    assert document["schema"] == "citeresolve.graph/1"
    assert document["stats"]["embeds"] == 3


def test_audit_markdown_from_stdin():
    result = run(
        "audit", "-", "--offline", "--format", "markdown", stdin=SEED.read_text(encoding="utf-8")
    )
    assert result.returncode == 0, result.stderr
    assert "## Sources" in result.stdout and "a French newspaper (unnamed)" in result.stdout
    assert "| twitter | CNN (@CNN) | 2022-04-01 |" in result.stdout


def test_audit_table_to_file(tmp_path):
    out = tmp_path / "report.txt"
    result = run("audit", str(SEED), "--offline", "--format", "table", "-o", str(out))
    assert result.returncode == 0, result.stderr
    report = out.read_text(encoding="utf-8")
    assert "Embedded posts" in report and "Bloomberg" in report and "@michaelh992" in report


@pytest.mark.parametrize(
    ("args", "words"),
    [
        pytest.param(["audit", "no/such/file.txt"], "no such file", id="missing"),
        pytest.param(["audit", str(FIXTURES)], "is a directory", id="directory"),
        pytest.param(
            ["audit", "--outlets", "no/such.json", str(SEED)],
            "no such outlets file",
            id="bad-outlets",
        ),
        pytest.param(["audit", str(SEED), "--format", "pdf"], "pdf", id="bad-format"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, words):
    result = run(*args)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def test_binary_and_empty_input(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 20)
    result = run(
        "audit",
        str(tmp_path / "empty.txt"),
        str(tmp_path / "blob.bin"),
        str(SEED),
        "--format",
        "json",
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "empty" in lines[0] and "binary" in lines[1]
    assert graph_json(result.stdout)["stats"]["embeds"] == 3  # the good article is still reported


def test_fail_on_warning_exits_1():
    assert (
        run("audit", str(SEED), "--offline", "--format", "json", "--fail-on", "warning").returncode
        == 1
    )
    assert (
        run("audit", str(SEED), "--offline", "--format", "json", "--fail-on", "error").returncode
        == 0
    )


def test_outlets_file_adds_an_outlet(tmp_path):
    extra = tmp_path / "outlets.json"
    extra.write_text(
        json.dumps(
            {
                "outlets": [
                    {
                        "id": "kyiv-post",
                        "name": "Kyiv Post",
                        "domains": ["kyivpost.com"],
                        "kind": "newspaper",
                        "country": "UA",
                    }
                ]
            }
        )
    )
    article = tmp_path / "a.txt"
    article.write_text("The mayor spoke, according to the Kyiv Post.")
    result = run("audit", str(article), "--outlets", str(extra), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert any(n["id"] == "outlet:kyiv-post" for n in graph_json(result.stdout)["nodes"])


def test_outlets_lookup():
    by_handle = run("outlets", "lookup", "@CNN")
    assert by_handle.returncode == 0 and by_handle.stdout.startswith("CNN [cnn]")
    by_domain = run("outlets", "lookup", "edition.cnn.com", "--json")
    assert json.loads(by_domain.stdout)[0]["id"] == "outlet:cnn"
    missing = run("outlets", "lookup", "No Such Gazette Of Nowhere")
    assert missing.returncode == 1 and "no outlet matches" in missing.stderr


def test_version_and_help():
    assert run("--version").stdout.startswith("citeresolve ")
    assert "audit" in run("--help").stdout


@pytest.mark.parametrize(
    ("option", "suffix", "opening"),
    [
        pytest.param(["--format", "html"], ".out", "<!DOCTYPE html>", id="html"),
        pytest.param([], ".html", "<!DOCTYPE html>", id="html-by-suffix"),
        pytest.param([], ".graphml", "<?xml", id="graphml-by-suffix"),
        pytest.param(["--format", "dot"], ".out", "digraph", id="dot"),
        pytest.param([], ".gv", "digraph", id="dot-by-suffix"),
        pytest.param(["--format", "mermaid"], ".out", "flowchart", id="mermaid"),
        pytest.param([], ".json", "{", id="json-by-suffix"),
        pytest.param([], ".md", "# Citations in", id="markdown-by-suffix"),
    ],
)
def test_export_formats_write_files(tmp_path, option, suffix, opening):
    out = tmp_path / f"seed{suffix}"
    result = run("audit", str(SEED), "--offline", *option, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").lstrip().startswith(opening)


def test_jsonl_gives_one_valid_graph_per_line():
    result = run("audit", str(SEED), "-", "--offline", "--format", "jsonl", stdin="CNN reports.")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert [graph_json(line)["article"]["source"] for line in lines][1] == "-"


def test_single_document_formats_refuse_several_sources():
    result = run("audit", str(SEED), str(SEED), "--offline", "--format", "html")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "one SOURCE" in result.stderr

"""One way for every test to reach fixtures and the seed."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = ROOT / "seeds" / "000_d52130d6b5804202.txt"


def fixture_path(*parts: str) -> Path:
    path = FIXTURES.joinpath(*parts)
    assert path.exists(), f"missing fixture {path}"
    return path


def read_json(*parts: str) -> Any:
    return json.loads(fixture_path(*parts).read_text(encoding="utf-8"))


def assert_offsets_exact(text: str, spans: Any) -> None:
    for span in spans:
        assert text[span.start : span.end] == span.text, (span, text[span.start : span.end])


@cache
def graph_schema() -> Draft202012Validator:
    """The validator of the schema the package ships (read from the package, not the tree)."""
    text = files("citeresolve.schema").joinpath("graph-1.json").read_text(encoding="utf-8")
    return Draft202012Validator(json.loads(text))


def schema_errors(document: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in graph_schema().iter_errors(document)]


def graph_json(text: str) -> Any:
    """Parse a graph document (or an array of them, or a batch line) that came out of a
    subprocess, and check it against the schema; batch error lines have no graph to check."""
    parsed = json.loads(text)
    for document in parsed if isinstance(parsed, list) else [parsed]:
        if "error" not in document:
            errors = schema_errors(document)
            assert not errors, "graph document breaks the schema:\n" + "\n".join(errors[:10])
    return parsed

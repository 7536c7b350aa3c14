"""One way for every test to reach fixtures and the seed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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

"""Every test runs with its own cache home (nothing is written to the user's cache directory)
and every graph document it produces is checked against the shipped JSON Schema."""

from __future__ import annotations

from typing import Any

import pytest

from citeresolve.graph import CitationGraph
from tests.helpers import schema_errors


@pytest.fixture(autouse=True)
def _private_cache_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache-home")))
    monkeypatch.delenv("CITERESOLVE_META_TOKEN", raising=False)


@pytest.fixture(autouse=True)
def _every_graph_document_matches_the_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every JSON document a test produces in this process is checked against the shipped
    schema, so the schema and the output cannot drift apart unnoticed."""
    original = CitationGraph.to_dict

    def checked(self: CitationGraph) -> dict[str, Any]:
        document = original(self)
        errors = schema_errors(document)
        assert not errors, "graph document breaks the schema:\n" + "\n".join(errors[:10])
        return document

    monkeypatch.setattr(CitationGraph, "to_dict", checked)

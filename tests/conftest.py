"""Every test runs with its own cache home: nothing is written to the user's cache directory."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_cache_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache-home")))
    monkeypatch.delenv("CITERESOLVE_META_TOKEN", raising=False)

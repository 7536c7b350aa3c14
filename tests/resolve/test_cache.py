"""The cache: JSON text only (a planted pickle is a miss, never code), private directory, kinds."""

from __future__ import annotations

import os
import pickle
import sqlite3
import stat

import pytest

from citeresolve.resolve.cache import TTL, CacheError, Entry, ResolutionCache


@pytest.fixture
def cache(tmp_path):
    opened = ResolutionCache(tmp_path / "cache")
    yield opened
    opened.close()


def test_round_trip(cache):
    cache.put("url", "https://example.com/", Entry(True, {"status": "ok", "title": "É"}))
    assert cache.get("url", "https://example.com/") == Entry(True, {"status": "ok", "title": "É"})
    assert cache.get("oembed", "https://example.com/") is None  # kinds do not mix


def test_directory_is_private(tmp_path):
    ResolutionCache(tmp_path / "new").close()
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700


def test_directory_others_can_write_is_refused(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    with pytest.raises(CacheError, match="writable by others"):
        ResolutionCache(shared)


class Boom:
    def __reduce__(self):
        return (os.system, ("echo pwned > " + os.environ.get("BOOM_FILE", "/dev/null"),))


def test_a_planted_pickle_is_a_miss_not_code(cache, tmp_path, monkeypatch):
    """CVE-2025-69872: whoever can write the directory must not be able to run code."""
    proof = tmp_path / "pwned"
    monkeypatch.setenv("BOOM_FILE", str(proof))
    cache.put("url", "https://example.com/", Entry(True, {"status": "ok"}))
    database = sqlite3.connect(cache.directory / "cache.db")
    with database:
        database.execute("UPDATE Cache SET mode = 4, value = ?", (pickle.dumps(Boom()),))
    database.close()
    assert cache.get("url", "https://example.com/") is None
    assert not proof.exists()


def test_only_text_is_stored(cache):
    with pytest.raises(TypeError):
        cache._cache.set("v1:url:x", {"not": "json text"})


def test_garbage_and_old_formats_are_misses(cache):
    cache._cache.set(cache.key("url", "a"), "not json")
    cache._cache.set(cache.key("url", "b"), '{"format": 0, "ok": true, "data": {}}')
    assert cache.get("url", "a") is None
    assert cache.get("url", "b") is None


def test_failures_expire_sooner_than_answers(cache):
    cache.put("expand", "https://t.co/a", Entry(True, {}))
    cache.put("expand", "https://t.co/b", Entry(False, {}))
    _, ok_expiry = cache._cache.get(cache.key("expand", "https://t.co/a"), expire_time=True)
    _, failure_expiry = cache._cache.get(cache.key("expand", "https://t.co/b"), expire_time=True)
    assert ok_expiry - failure_expiry == pytest.approx(TTL["expand"] - TTL["failure"], abs=5)


def test_read_only_and_write_only_modes(tmp_path):
    writer = ResolutionCache(tmp_path / "c")
    writer.put("url", "x", Entry(True, {"a": 1}))
    writer.close()
    refresh = ResolutionCache(tmp_path / "c", read=False)
    assert refresh.get("url", "x") is None
    refresh.close()
    offline = ResolutionCache(tmp_path / "c", write=False)
    offline.put("url", "y", Entry(True, {}))
    assert offline.get("url", "y") is None and offline.get("url", "x") is not None
    offline.close()


def test_stats_and_clear_on_the_command_line(tmp_path):
    import subprocess
    import sys

    from tests.helpers import ROOT

    directory = tmp_path / "c"
    cache = ResolutionCache(directory)
    cache.put("url", "x", Entry(True, {}))
    cache.put("oembed", "y", Entry(True, {}))
    cache.close()

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "citeresolve", "cache", *args, "--cache-dir", str(directory)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )

    stats = run("stats")
    assert stats.returncode == 0 and "2 entries (oembed 1, url 1)" in stats.stdout
    cleared = run("clear")
    assert cleared.returncode == 0 and "removed 2" in cleared.stdout
    assert "0 entries" in run("stats").stdout

"""The labelled corpus of real pages (fixtures/corpus) is sound, and holds no reserved page.

Each manifest entry is checked on its own (test ids are the slugs, so a bad page names itself):
its file and sha256, its site and language tag, its labels (kinds, outlets, platforms) and every
cue against the page's visible text. Reserved pages (kept for independent evaluation) are found
by the sha256 of their bytes anywhere in the project. A helper writing a part while this runs
may cause a transient failure: re-run before reading anything into it.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from benchmarks import labelled
from benchmarks.labelled import CORPUS, ROOT

RESERVED_LISTS = [CORPUS / "reserved.sha256", ROOT.parent / "shared" / "corpus" / "reserved.sha256"]


def _read_parts() -> tuple[list[labelled.Part], list[str]]:
    """The parts, and the names of those that cannot be read (a part being written)."""
    parts, broken = [], []
    for manifest in sorted((CORPUS / "parts").glob("*.manifest.json")):
        name = manifest.name.removesuffix(".manifest.json")
        labels_file = manifest.with_name(f"{name}.labels.json")
        try:
            entries = json.loads(manifest.read_text("utf-8"))
            labels = json.loads(labels_file.read_text("utf-8")) if labels_file.exists() else {}
            assert isinstance(entries, list) and isinstance(labels, dict)
        except (ValueError, AssertionError, OSError) as exc:
            broken.append(f"{name}: {exc or type(exc).__name__}")
            continue
        parts.append(labelled.Part(name, entries, labels))
    return parts, broken


PARTS, BROKEN_PARTS = _read_parts()
ENTRIES = [(part, entry) for part in PARTS for entry in part.manifest]
IDS = [str(entry.get("slug", f"{part.name}#{i}")) for i, (part, entry) in enumerate(ENTRIES)]


# --- reserved pages ------------------------------------------------------------------------


def reserved_hashes() -> set[str]:
    hashes: set[str] = set()
    for path in RESERVED_LISTS:
        if path.exists():
            hashes |= labelled.read_hash_list(path)
    return hashes


def test_the_reserved_list_is_in_the_repository() -> None:
    assert len(labelled.read_hash_list(CORPUS / "reserved.sha256")) > 0


def test_no_project_file_is_a_reserved_page() -> None:
    found = labelled.reserved_files(ROOT, reserved_hashes())
    assert not found, "reserved pages in the project (remove them): " + ", ".join(
        str(p.relative_to(ROOT)) for p, _ in found
    )


def test_the_reserved_check_finds_a_reserved_page(tmp_path: Path) -> None:
    page = b"<html><body>a page kept for independent evaluation</body></html>"
    digest = hashlib.sha256(page).hexdigest()
    reserved = tmp_path / "reserved.sha256"
    reserved.write_text(f"{'0' * 64}\n{digest.upper()}\n", "utf-8")
    tree = tmp_path / "repo"
    (tree / "fixtures" / "deep").mkdir(parents=True)
    (tree / "fixtures" / "deep" / "renamed.html").write_bytes(page)
    (tree / "fixtures" / "other.html").write_bytes(page + b" ")  # other bytes: not reserved
    for skipped in (".git", "venv", "env"):
        (tree / skipped).mkdir()
        (tree / skipped / "copy.html").write_bytes(page)
    (tree / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n", "utf-8")
    found = labelled.reserved_files(tree, labelled.read_hash_list(reserved))
    assert [(p.relative_to(tree).as_posix(), h) for p, h in found] == [
        ("fixtures/deep/renamed.html", digest)
    ]


# --- the corpus as a whole -----------------------------------------------------------------


def test_every_part_is_readable() -> None:
    assert PARTS, "no part under fixtures/corpus/parts"
    assert not BROKEN_PARTS, "unreadable parts (being written?): " + "; ".join(BROKEN_PARTS)
    orphans = labelled.label_files_without_manifest(CORPUS)
    assert not orphans, f"labels without a manifest: {[f.name for f in orphans]}"


def test_slugs_are_unique_across_parts() -> None:
    seen: dict[str, list[str]] = {}
    for part, entry in ENTRIES:
        seen.setdefault(str(entry.get("slug")), []).append(part.name)
    assert not {s: p for s, p in seen.items() if len(p) > 1}


def test_no_two_pages_have_the_same_bytes() -> None:
    by_hash: dict[str, list[str]] = {}
    for _, entry in ENTRIES:
        path = CORPUS / str(entry.get("file"))
        if path.is_file():
            by_hash.setdefault(labelled.sha256_of(path), []).append(str(entry.get("slug")))
    assert not [slugs for slugs in by_hash.values() if len(slugs) > 1]


def test_no_label_without_a_manifest_entry() -> None:
    extra = {
        part.name: sorted(set(part.labels) - {str(e.get("slug")) for e in part.manifest})
        for part in PARTS
    }
    assert not {name: slugs for name, slugs in extra.items() if slugs}


def test_the_split_is_the_fixed_rule() -> None:
    for site in {str(e.get("site")) for _, e in ENTRIES} | {"bbc.co.uk", "spiegel.de"}:
        bucket = int(hashlib.sha256(site.encode()).hexdigest()[:8], 16) % 100
        assert labelled.split_of(site) == ("heldout" if bucket < 40 else "dev"), site


# --- each page -----------------------------------------------------------------------------


@cache
def visible_text(path: Path, kind: str) -> str:
    """The page's visible text (bs4 html.parser get_text), every whitespace removed."""
    data = path.read_bytes()
    text = data.decode("utf-8") if kind == "text" else BeautifulSoup(data, "html.parser").get_text()
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("part", "entry"), ENTRIES, ids=IDS)
def test_page_matches_its_manifest_entry(part: labelled.Part, entry: dict[str, Any]) -> None:
    path = CORPUS / str(entry.get("file"))
    assert path.is_file(), f"{path} is missing"
    assert path.resolve().is_relative_to((CORPUS / "pages").resolve())
    assert labelled.sha256_of(path) == entry.get("sha256"), "the bytes are not the manifest's"
    assert entry.get("kind") in {"html", "text"}
    site = entry.get("site")
    assert isinstance(site, str) and labelled.SITE.match(site), f"site {site!r}"
    lang = entry.get("lang")
    assert isinstance(lang, str) and labelled.BCP47.match(lang), f"lang {lang!r} is not BCP 47"
    assert entry.get("slug") in part.labels, f"no labels in {part.name}.labels.json"


@pytest.mark.parametrize(("part", "entry"), ENTRIES, ids=IDS)
def test_page_labels_follow_the_rules(part: labelled.Part, entry: dict[str, Any]) -> None:
    gold = part.labels.get(str(entry.get("slug")))
    if gold is None:
        pytest.fail(f"no labels in {part.name}.labels.json")
    assert set(gold) == {"embeds", "attributions"}, f"keys {sorted(gold)}"
    for a in gold["attributions"]:
        assert a.get("kind") in labelled.KINDS, f"kind of {a}"
        outlet = a.get("outlet")
        assert outlet is None or (isinstance(outlet, str) and outlet.strip()), f"outlet of {a}"
        if a["kind"] != "unnamed":
            assert outlet is not None, f"a {a['kind']} label names its outlet: {a}"
        assert isinstance(a.get("cue"), str) and a["cue"].strip(), f"cue of {a}"
    for e in gold["embeds"]:
        platform = e.get("platform")
        assert platform in labelled.KNOWN_PLATFORMS, f"unknown platform {platform!r}"
        if platform not in labelled.DETECTOR_PLATFORMS:
            assert e.get("optional"), f"{platform} is outside the detector's list: optional"


@pytest.mark.parametrize(("part", "entry"), ENTRIES, ids=IDS)
def test_every_cue_is_in_the_visible_text(part: labelled.Part, entry: dict[str, Any]) -> None:
    gold = part.labels.get(str(entry.get("slug")))
    path = CORPUS / str(entry.get("file"))
    if gold is None or not path.is_file():
        pytest.skip("no labels or no page (the manifest test says which)")
    text = visible_text(path, str(entry.get("kind")))
    missing = [
        a.get("cue")
        for a in gold["attributions"]
        if re.sub(r"\s+", "", str(a.get("cue"))) not in text
    ]
    assert not missing, f"cues not in the visible text: {missing}"


# --- the scorer ----------------------------------------------------------------------------


def test_an_outlet_outside_the_registry_matches_the_label_whose_cue_names_it() -> None:
    gold = [
        {"kind": "named", "outlet": "Le Journal du Dimanche", "cue": "接受法国《星期日报》采访时"}
    ]
    doc = {
        "nodes": [
            {"id": "article", "type": "article"},
            {"id": "outlet:x", "type": "outlet", "label": "星期日报", "registry": False},
            {"id": "outlet:y", "type": "outlet", "label": "Other Times", "registry": False},
        ],
        "edges": [
            {"source": "article", "target": "outlet:x", "type": "attributes_to", "kind": "quote"},
            {"source": "article", "target": "outlet:y", "type": "attributes_to", "kind": "report"},
        ],
    }
    outcome = labelled.score_outlets(gold, doc, "named")
    assert (outcome.hits, outcome.found, outcome.labelled) == (1, 2, 1)

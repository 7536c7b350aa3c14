"""The labelled corpus of real pages (``fixtures/corpus``): reading it, splitting it, scoring it.

The corpus is ``pages/<slug>.html|.txt`` plus any number of parts, ``parts/<name>.manifest.json``
(one object per page: slug, file, sha256, lang, site...) and ``parts/<name>.labels.json``
(``{slug: {"embeds": [...], "attributions": [...]}}``); the formats and the labelling rules are
``fixtures/corpus/README.md``'s. ``benchmarks/accuracy.py`` prints the figures; the tests of
``tests/test_corpus.py`` check the corpus with the readers of this module.

Split: a page is held out when its *site* (registrable domain) hashes below 40 of 100, so all
pages of one site fall on the same side. The rule is fixed: it is never changed to suit results.

Scoring follows ``shared/corpus/score.py`` rule for rule (its ALIASES, ``norm()``,
``names_of()``, strict embeds, an outlet counted once per outlet and page, optional labels
neither a miss nor a false alarm, unnamed outlets counted per evidence), with outlets split in
two categories: ``named`` (gold kind ``named``; predicted ``attributes_to`` edges of any kind
but ``image_credit``) and ``image_credit`` (gold and predicted kind ``image_credit``). The one
addition: a page that cannot be audited counts every required label as a miss (score.py counts
only its embeds).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from citeresolve.errors import CiteResolveError
from citeresolve.graph import CitationGraph
from citeresolve.outlets.registry import OutletRegistry, load_registry
from citeresolve.pipeline import audit_async, cache_for
from citeresolve.resolve.options import ResolveOptions
from citeresolve.resolve.resolver import Resolver

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"

Split = Literal["dev", "heldout"]
SPLITS: tuple[Split, ...] = ("dev", "heldout")
SPLIT_NAMES = {"dev": "DEVELOPMENT", "heldout": "HELD-OUT"}
HELDOUT_PERCENT = 40
CATEGORIES = ("embeds", "named", "image_credit", "unnamed")
KINDS = frozenset({"named", "unnamed", "image_credit"})

# Platforms a label may name: the detector's own (citeresolve.platforms), those LABELLING.md
# lists, and a few more that pages embed (these are outside the detector's list, so optional).
DETECTOR_PLATFORMS = frozenset(
    {"twitter", "instagram", "facebook", "threads", "youtube", "vimeo", "tiktok", "telegram"}
    | {"reddit", "bluesky", "mastodon"}
)
KNOWN_PLATFORMS = DETECTOR_PLATFORMS | frozenset(
    {"truthsocial", "dailymotion", "soundcloud", "spotify", "spreaker", "twitch", "linkedin"}
    | {"pinterest", "tumblr", "flickr", "giphy", "imgur", "weibo", "vk", "rutube", "bilibili"}
    | {"douyin", "youku", "niconico", "podcasts"}
)

# BCP 47 (RFC 5646) language tags, well-formed: language[-script][-region][-variant...]
# [-extension...][-x-private]; case does not matter.
BCP47 = re.compile(
    r"^[a-z]{2,3}(?:-[a-z]{3}){0,3}"
    r"(?:-[a-z]{4})?"
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?$",
    re.I,
)
# a site is a registrable domain: lower-case labels, at least two, no "www."
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
SITE = re.compile(rf"^(?!www\.){_LABEL}(?:\.{_LABEL})+$")


# ---------------------------------------------------------------------------------------------
# reading


@dataclass(frozen=True)
class Part:
    """One part of the corpus: a manifest and its labels, as written (unchecked)."""

    name: str
    manifest: list[dict[str, Any]]
    labels: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Page:
    slug: str
    part: str
    path: Path
    site: str
    lang: str
    entry: dict[str, Any]
    gold: dict[str, Any]

    @property
    def language(self) -> str:
        """The primary subtag of the manifest's lang: pt-BR -> pt, zh-Hans -> zh."""
        return primary_language(self.lang)

    @property
    def split(self) -> Split:
        return split_of(self.site)


def primary_language(lang: str) -> str:
    return lang.split("-")[0].lower()


def split_of(site: str) -> Split:
    """HELD-OUT when the site's hash falls below 40 of 100, else DEVELOPMENT (fixed rule)."""
    bucket = int(hashlib.sha256(site.encode()).hexdigest()[:8], 16) % 100
    return "heldout" if bucket < HELDOUT_PERCENT else "dev"


def read_parts(corpus: Path = CORPUS) -> list[Part]:
    """Every part under ``corpus/parts``, sorted by name; a part whose labels file is missing
    has no labels (the tests say so)."""
    parts = []
    for manifest_file in sorted((corpus / "parts").glob("*.manifest.json")):
        name = manifest_file.name.removesuffix(".manifest.json")
        labels_file = manifest_file.with_name(f"{name}.labels.json")
        labels = json.loads(labels_file.read_text("utf-8")) if labels_file.exists() else {}
        parts.append(Part(name, json.loads(manifest_file.read_text("utf-8")), labels))
    return parts


def label_files_without_manifest(corpus: Path = CORPUS) -> list[Path]:
    parts = corpus / "parts"
    return [
        f
        for f in sorted(parts.glob("*.labels.json"))
        if not f.with_name(f.name.removesuffix(".labels.json") + ".manifest.json").exists()
    ]


def read_corpus(corpus: Path = CORPUS) -> list[Page]:
    """The labelled pages of every part, in part then manifest order (entries without labels
    are left out here; the tests report them)."""
    pages = []
    for part in read_parts(corpus):
        for entry in part.manifest:
            slug = entry["slug"]
            if slug not in part.labels:
                continue
            pages.append(
                Page(
                    slug=slug,
                    part=part.name,
                    path=corpus / entry["file"],
                    site=str(entry.get("site") or ""),
                    lang=str(entry.get("lang") or ""),
                    entry=entry,
                    gold=part.labels[slug],
                )
            )
    return pages


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_hash_list(path: Path) -> set[str]:
    """A reserved.sha256 file: one hex digest a line (anything after it on the line ignored)."""
    hashes = set()
    for line in path.read_text("utf-8").splitlines():
        word = line.strip().split(maxsplit=1)[0] if line.strip() else ""
        if re.fullmatch(r"[0-9a-fA-F]{64}", word):
            hashes.add(word.lower())
    return hashes


def project_files(root: Path = ROOT) -> Iterator[Path]:
    """Every file under ``root`` but .git and virtual environments (any folder holding a
    pyvenv.cfg, or named venv/.venv)."""
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [
            d
            for d in dirs
            if d != ".git" and d not in {"venv", ".venv"} and not (here / d / "pyvenv.cfg").exists()
        ]
        for name in files:
            path = here / name
            if path.is_file() and not path.is_symlink():
                yield path


def reserved_files(root: Path, reserved: set[str]) -> list[tuple[Path, str]]:
    """The files under ``root`` whose sha256 is one of ``reserved`` (should be none)."""
    return [(p, h) for p in project_files(root) if (h := sha256_of(p)) in reserved]


# ---------------------------------------------------------------------------------------------
# the graph document, as `citeresolve audit PAGE --offline --no-cache --format json` builds it


def offline_options() -> ResolveOptions:
    """The options of ``audit --offline --no-cache`` (the CLI's defaults otherwise)."""
    return ResolveOptions(offline=True, use_cache=False, timeout=10.0, deadline=20.0)


async def _audit_pages(
    paths: Sequence[Path], registry: OutletRegistry
) -> list[tuple[dict[str, Any] | str, float]]:
    options = offline_options()
    results: list[tuple[dict[str, Any] | str, float]] = []
    with cache_for(options) as cache:
        for path in paths:
            start = time.perf_counter()
            # one resolver per page, like one `citeresolve audit PAGE` run
            try:
                async with Resolver(options, cache=cache) as resolver:
                    graph: CitationGraph = await audit_async(
                        str(path), registry=registry, resolver=resolver
                    )
                doc: dict[str, Any] | str = graph.to_dict()
            except CiteResolveError as exc:
                doc = f"{type(exc).__name__}: {exc}"
            results.append((doc, time.perf_counter() - start))
    return results


def graph_documents(
    paths: Sequence[Path], registry: OutletRegistry | None = None
) -> list[tuple[dict[str, Any] | str, float]]:
    """Each page's graph document (or why it failed) and the seconds it took, in-process."""
    return asyncio.run(_audit_pages(paths, registry or load_registry(None)))


# ---------------------------------------------------------------------------------------------
# scoring: shared/corpus/score.py's rules

# the scorer's own equivalences, so that a registry's choice of canonical name does not count as
# a miss (score.py's ALIASES, verbatim)
ALIASES = {
    "ap": {"associatedpress", "ap"},
    "afp": {"agencefrancepresse", "afp", "agencefrancepress"},
    "epa": {"europeanpressphotoagency", "epa", "epaefe"},
    "jta": {"jewishtelegraphicagency", "jta"},
    "nbc4newyork": {"wnbc", "nbcnewyork", "nbc4newyork", "nbc4"},
    "ninenews": {"9news", "ninenews", "nine"},
    "buzzfeednews": {"buzzfeednews", "buzzfeed"},
    "usweekly": {"usweekly", "usmagazine"},
    "newyorkmagazine": {"newyorkmagazine", "newyork", "nymag"},
    "nbcnews": {"nbcnews", "nbc"},
    "nbc": {"nbc", "nbcnews"},
    "foxnews": {"foxnews", "fox", "foxnewschannel"},
    "independent": {"independent", "theindependent"},
    "washingtonpost": {"washingtonpost", "thewashingtonpost"},
    "newyorktimes": {"newyorktimes", "nytimes", "nyt"},
    "spokesmanreview": {"spokesmanreview"},
    "motherboard": {"motherboard", "vice", "vicemotherboard"},
}

PLATFORM_EQUIVALENTS = {"twitter": {"twitter", "x"}, "truthsocial": {"truthsocial", "mastodon"}}


def same_platform(gold: str, pred: str | None) -> bool:
    return (pred or "").lower() in PLATFORM_EQUIVALENTS.get(gold, {gold})


def norm(s: str | None) -> str:
    s = (s or "").lower().strip()
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"\.(com|co\.uk|org|net)$", "", s)
    return re.sub(r"[\W_]+", "", s)  # letters of every script: "Інформатор", "星期日报"


def names_of(node: dict[str, Any]) -> set[str]:
    out = {norm(node.get("label")), norm(node.get("name"))}
    for a in node.get("aliases") or []:
        out.add(norm(a))
    for d in node.get("domains") or []:
        out.add(norm(d))
    out.discard("")
    return out


def matches(gold: str, pred_names: set[str]) -> bool:
    g = norm(gold)
    return bool(ALIASES.get(g, {g}) & pred_names)


@dataclass
class Outcome:
    """One category on one page (or summed): counts and, for listing, the items behind them."""

    found: int = 0  # hits + false alarms (an item matching only an optional label is neither)
    labelled: int = 0  # required labels
    hits: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def add(self, other: Outcome, page: str | None = None) -> None:
        self.found += other.found
        self.labelled += other.labelled
        self.hits += other.hits
        prefix = f"{page}: " if page else ""
        self.misses += [prefix + m for m in other.misses]
        self.false_alarms += [prefix + f for f in other.false_alarms]

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.labelled if self.labelled else 1.0

    @property
    def f1(self) -> float:
        fp, fn = self.found - self.hits, self.labelled - self.hits
        return 2 * self.hits / (2 * self.hits + fp + fn) if self.hits else 0.0

    def figures(self) -> dict[str, float | int]:
        return {
            "found": self.found,
            "labelled": self.labelled,
            "hits": self.hits,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _short(text: str | None, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _article_edges(doc: dict[str, Any], edge_type: str) -> Iterator[dict[str, Any]]:
    art = doc.get("article", {}).get("id")
    for e in doc.get("edges", []):
        if e.get("type") == edge_type and (art is None or e.get("source") == art):
            yield e


def score_embeds(gold: list[dict[str, Any]], doc: dict[str, Any]) -> Outcome:
    """Strict: a post counts only when the article embeds it; most specific label first."""
    nodes = {n["id"]: n for n in doc.get("nodes", [])}
    left = [
        (nodes[e["target"]], e) for e in _article_edges(doc, "embeds") if e.get("target") in nodes
    ]
    out = Outcome()

    def take(ok: Any) -> bool:
        for i, (p, _) in enumerate(left):
            if ok(p):
                left.pop(i)
                return True
        return False

    req = [g for g in gold if not g.get("optional")]
    opt = [g for g in gold if g.get("optional")]
    req.sort(key=lambda g: (g.get("post_id") is None, g.get("author_handle") is None))
    for group, counts in ((req, True), (opt, False)):
        for g in group:
            plat = g["platform"]
            pid = g.get("post_id")
            h = norm(g.get("author_handle"))
            if pid:
                hit = take(
                    lambda p, plat=plat, pid=pid: (
                        same_platform(plat, p.get("platform")) and str(p.get("post_id")) == str(pid)
                    )
                )
            elif h:
                hit = take(
                    lambda p, plat=plat, h=h: (
                        same_platform(plat, p.get("platform")) and norm(p.get("author_handle")) == h
                    )
                )
            else:
                hit = take(lambda p, plat=plat: same_platform(plat, p.get("platform")))
            if counts:
                out.labelled += 1
                out.hits += hit
                if not hit:
                    what = g.get("url") or g.get("post_id") or g.get("author_handle") or "?"
                    out.misses.append(f"{plat} {what}")
    out.found = out.hits + len(left)
    for p, e in left:
        what = p.get("url") or p.get("post_id") or p.get("author_handle") or p.get("id")
        cue = _short((e.get("evidence") or [{}])[0].get("text"), 60)
        out.false_alarms.append(f"{p.get('platform')} {what} (cue: {cue!r})")
    return out


def _gold_cues(gold: list[dict[str, Any]], outlet: str) -> str:
    cues = [a.get("cue") or "" for a in gold if a.get("outlet") == outlet]
    return "; ".join(repr(c) for c in cues)


def score_outlets(gold: list[dict[str, Any]], doc: dict[str, Any], kind: str) -> Outcome:
    """Outlets of one category (``named`` or ``image_credit``), each once per page."""
    nodes = {n["id"]: n for n in doc.get("nodes", [])}
    preds: dict[str, tuple[set[str], dict[str, Any], list[str]]] = {}
    for e in _article_edges(doc, "attributes_to"):
        t = nodes.get(e.get("target"), {})
        credit = e.get("kind") == "image_credit"
        if t.get("type") != "outlet" or credit != (kind == "image_credit"):
            continue
        entry = preds.setdefault(t["id"], (names_of(t), t, []))
        entry[2].append(e.get("cue") or _short((e.get("evidence") or [{}])[0].get("text")))
    mine = [a for a in gold if a["kind"] == kind]
    required = {norm(a["outlet"]): a["outlet"] for a in mine if not a.get("optional")}
    optional = {norm(a["outlet"]) for a in mine if a.get("optional")}
    # An outlet outside the registry has only the name the page gives it ("星期日报" for Le
    # Journal du Dimanche): it matches the label whose labelled cue holds that name.
    cues_of: dict[str, list[str]] = {}
    for a in mine:
        cues_of.setdefault(norm(a["outlet"]), []).append(norm(a.get("cue")))

    def same(g: str, names: set[str], node: dict[str, Any]) -> bool:
        if matches(g, names):
            return True
        label = norm(node.get("label"))
        return (
            not node.get("registry", True)
            and len(label) >= 2
            and any(label in cue for cue in cues_of.get(g, []))
        )

    out = Outcome(labelled=len(required))
    for g, name in required.items():
        if any(same(g, names, node) for names, node, _ in preds.values()):
            out.hits += 1
        else:
            out.misses.append(f"{name} (cue: {_gold_cues(mine, name)})")
    fps = 0
    for names, node, cues in preds.values():
        if not any(same(g, names, node) for g in set(required) | optional):
            fps += 1
            registry = "" if node.get("registry", True) else ", not in the registry"
            cue_text = "; ".join(repr(_short(c, 60)) for c in dict.fromkeys(cues))
            label = _short(node.get("label"), 60)
            out.false_alarms.append(f"{label} ({node['id']}{registry}; cue: {cue_text})")
    out.found = out.hits + fps
    return out


def score_unnamed(gold: list[dict[str, Any]], doc: dict[str, Any]) -> Outcome:
    """Unnamed outlets: counted per evidence, matched by count (score.py's rule)."""
    nodes = {n["id"]: n for n in doc.get("nodes", [])}
    found_cues: list[str] = []
    for e in _article_edges(doc, "attributes_to"):
        if nodes.get(e.get("target"), {}).get("type") == "unnamed_outlet":
            evidence = e.get("evidence") or []
            found_cues += [_short(ev.get("text"), 60) for ev in evidence] or [e.get("cue") or ""]
    req = [a for a in gold if a["kind"] == "unnamed" and not a.get("optional")]
    opt = [a for a in gold if a["kind"] == "unnamed" and a.get("optional")]
    hits = min(len(req), len(found_cues))
    fps = max(0, len(found_cues) - len(req) - len(opt))
    out = Outcome(found=hits + fps, labelled=len(req), hits=hits)
    if len(req) > hits:
        cues = "; ".join(repr(a.get("cue")) for a in req)
        out.misses.append(f"{len(req) - hits} of {len(req)} labelled (labelled cues: {cues})")
    if fps:
        cues = "; ".join(repr(c) for c in found_cues)
        out.false_alarms.append(f"{fps} beyond the labels (found: {cues})")
    return out


def score_page(gold: dict[str, Any], doc: dict[str, Any] | str) -> dict[str, Outcome]:
    """Every category of one page; a page that failed counts each required label as a miss."""
    if isinstance(doc, str):
        doc = {"article": {}, "nodes": [], "edges": []}
        failed = True
    else:
        failed = False
    attributions = gold.get("attributions", [])
    scores = {
        "embeds": score_embeds(gold.get("embeds", []), doc),
        "named": score_outlets(attributions, doc, "named"),
        "image_credit": score_outlets(attributions, doc, "image_credit"),
        "unnamed": score_unnamed(attributions, doc),
    }
    if failed:
        for outcome in scores.values():
            outcome.misses = [f"(page failed) {m}" for m in outcome.misses]
    return scores


@dataclass
class Tally:
    """Summed outcomes of a set of pages: per category, and the pages and sites behind them."""

    pages: int = 0
    sites: set[str] = field(default_factory=set)
    categories: dict[str, Outcome] = field(
        default_factory=lambda: {c: Outcome() for c in CATEGORIES}
    )

    def add(self, page: Page, scores: dict[str, Outcome]) -> None:
        self.pages += 1
        self.sites.add(page.site)
        for c in CATEGORIES:
            self.categories[c].add(scores[c], page.slug)

    def figures(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "sites": len(self.sites),
            "categories": {c: o.figures() for c, o in self.categories.items()},
        }


@dataclass
class Result:
    """A scored split: the whole of it and each language."""

    split: Split
    total: Tally = field(default_factory=Tally)
    languages: dict[str, Tally] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        return {
            **self.total.figures(),
            "languages": {k: t.figures() for k, t in sorted(self.languages.items())},
            "failed": list(self.failed),
            "seconds_total": round(sum(self.seconds), 3),
            "seconds_max": round(max(self.seconds, default=0.0), 3),
        }


def score_split(pages: Iterable[Page], split: Split) -> Result:
    """Audit (in-process, offline, no cache) and score every page of one split."""
    chosen = [p for p in pages if p.split == split]
    result = Result(split)
    for page, (doc, seconds) in zip(chosen, graph_documents([p.path for p in chosen]), strict=True):
        if isinstance(doc, str):
            result.failed.append(f"{page.slug}: {doc}")
        scores = score_page(page.gold, doc)
        result.total.add(page, scores)
        result.languages.setdefault(page.language, Tally()).add(page, scores)
        result.seconds.append(seconds)
    return result


def split_counts(pages: Iterable[Page]) -> dict[str, dict[Split, tuple[int, int]]]:
    """Pages and sites per language and split ('all' for the whole corpus)."""
    pages_by: dict[tuple[str, Split], list[Page]] = {}
    for p in pages:
        for lang in ("all", p.language):
            pages_by.setdefault((lang, p.split), []).append(p)
    langs = [*sorted({lang for lang, _ in pages_by} - {"all"}), "all"]

    def count(chosen: list[Page]) -> tuple[int, int]:
        return len(chosen), len({p.site for p in chosen})

    return {lang: {s: count(pages_by.get((lang, s), [])) for s in SPLITS} for lang in langs}

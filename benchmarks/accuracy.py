"""Detection accuracy on the labelled corpus: precision and recall per category, every miss listed.

Run: python3 benchmarks/accuracy.py [--corpus fixtures/corpus] [--quiet]

Each article in the corpus has a ``.labels.json`` written from its text (embeds: platform,
post id, handle; attributions: outlet or null, cue, kind). Categories, each counted once per
distinct item per article: embeds (also per platform), named outlets (registry or not; any
kind but image credits), unnamed outlets, image credits. An item found but not labelled is a
false alarm; one labelled but not found is a miss.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citeresolve.detect import detect  # noqa: E402
from citeresolve.document import load  # noqa: E402
from citeresolve.model import AttributionKind, Findings  # noqa: E402
from citeresolve.outlets.registry import OutletRegistry, default_registry  # noqa: E402

DETERMINERS = {
    "a",
    "an",
    "the",
    "one",
    "several",
    "some",
    "two",
    "three",
    "other",
    "various",
    "another",
}


@dataclass
class Tally:
    found: int = 0
    labelled: int = 0
    hits: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def add(self, article: str, expected: set[str], got: set[str]) -> None:
        self.labelled += len(expected)
        self.found += len(got)
        self.hits += len(expected & got)
        self.misses += [f"{article}: {item}" for item in sorted(expected - got)]
        self.false_alarms += [f"{article}: {item}" for item in sorted(got - expected)]

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.labelled if self.labelled else 1.0


def fold_station(key: str) -> str:
    """A station with or without its -TV suffix is one station: "wfla-tv" is "wfla"."""
    return re.sub(r"^([kw][a-z]{2,3})-(?:tv|dt|fm|am)$", r"\1", key)


def outlet_key(name: str, registry: OutletRegistry) -> str:
    """One spelling per outlet: its registry id, else its name folded (a station's call sign
    with or without its -TV suffix is one station)."""
    name = re.sub(r"^([KW][A-Z]{2,3})-(?:TV|DT|FM|AM)$", r"\1", name.strip())
    exact = registry.match_words(
        tuple(re.findall(r"[^\W_]+(?:[.'’&-][^\W_]+)*", re.sub(r"^the\s+", "", name, flags=re.I)))
    )
    if exact:
        return exact
    return re.sub(r"[^\w]+", "-", re.sub(r"^the\s+", "", name.casefold())).strip("-")


def unnamed_key(phrase: str) -> str:
    words = [w for w in re.findall(r"[\w-]+", phrase.casefold()) if w not in DETERMINERS]
    return " ".join(words)


def embed_keys(items: list[dict[str, str | None]]) -> set[str]:
    keys = set()
    counts: Counter[str] = Counter()
    for item in items:
        platform = str(item["platform"])
        if item.get("post_id"):
            keys.add(f"{platform}:{item['post_id']}")
        else:
            handle = str(item.get("handle") or "?").lower()
            counts[f"{platform}:@{handle}"] += 1
            keys.add(f"{platform}:@{handle}#{counts[f'{platform}:@{handle}']}")
    return keys


def predicted(findings: Findings, registry: OutletRegistry) -> dict[str, set[str]]:
    embeds = embed_keys(
        [
            {"platform": e.platform, "post_id": e.post_id, "handle": e.author_handle}
            for e in findings.embeds
        ]
    )
    named, unnamed, credits = set(), set(), set()
    for a in findings.attributions:
        if a.unnamed:
            unnamed.add(unnamed_key(a.name))
            continue
        key = fold_station(a.outlet_id or outlet_key(a.name, registry))
        (credits if a.kind is AttributionKind.IMAGE_CREDIT else named).add(key)
    return {
        "embeds": embeds,
        "named outlets": named,
        "unnamed outlets": unnamed,
        "image credits": credits,
    }


def expected(
    labels: dict[str, list[dict[str, str | None]]], registry: OutletRegistry
) -> dict[str, set[str]]:
    named, unnamed, credits = set(), set(), set()
    for a in labels.get("attributions", []):
        if a.get("outlet") is None:
            unnamed.add(unnamed_key(str(a.get("unnamed") or "")))
            continue
        key = fold_station(outlet_key(str(a["outlet"]), registry))
        (credits if a.get("kind") == "image_credit" else named).add(key)
    return {
        "embeds": embed_keys(labels.get("embeds", [])),
        "named outlets": named,
        "unnamed outlets": unnamed,
        "image credits": credits,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=ROOT / "fixtures" / "synthetic")
    parser.add_argument("--quiet", action="store_true", help="figures only, no list of misses")
    args = parser.parse_args()
    registry = default_registry()
    tallies: dict[str, Tally] = defaultdict(Tally)
    articles = sorted(p for p in args.corpus.glob("*.labels.json"))
    for label_file in articles:
        stem = label_file.name.removesuffix(".labels.json")
        source = next(
            p for p in label_file.parent.glob(stem + ".*") if not p.name.endswith(".json")
        )
        labels = json.loads(label_file.read_text(encoding="utf-8"))
        findings = detect(load(source), registry=registry)
        want, got = expected(labels, registry), predicted(findings, registry)
        for category in want:
            tallies[category].add(stem, want[category], got[category])
        for platform in {k.split(":")[0] for k in want["embeds"] | got["embeds"]}:
            tallies[f"  embeds: {platform}"].add(
                stem,
                {k for k in want["embeds"] if k.startswith(platform + ":")},
                {k for k in got["embeds"] if k.startswith(platform + ":")},
            )
    print(f"{len(articles)} labelled articles in {args.corpus.relative_to(ROOT)}")
    print(
        f"{'category':<24} {'labelled':>8} {'found':>6} {'hits':>5} {'precision':>9} {'recall':>7}"
    )
    order = [
        "embeds",
        *sorted(k for k in tallies if k.startswith("  embeds")),
        "named outlets",
        "unnamed outlets",
        "image credits",
    ]
    for name in order:
        t = tallies[name]
        print(
            f"{name:<24} {t.labelled:>8} {t.found:>6} {t.hits:>5} "
            f"{t.precision:>9.3f} {t.recall:>7.3f}"
        )
    if not args.quiet:
        for name in ("embeds", "named outlets", "unnamed outlets", "image credits"):
            for kind, items in (
                ("miss", tallies[name].misses),
                ("false alarm", tallies[name].false_alarms),
            ):
                for item in items:
                    print(f"{name} {kind}: {item}")


if __name__ == "__main__":
    main()

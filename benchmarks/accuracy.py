"""Detection accuracy on the labelled corpus of real pages, split by site.

Run: python3 benchmarks/accuracy.py [--corpus fixtures/corpus] [--split dev|heldout|both]
                                    [--verbose] [--json FILE]

Each page of ``fixtures/corpus`` (every part under ``parts/``) is audited in-process exactly as
``citeresolve audit PAGE --offline --no-cache --format json`` would (no network, no cache), and
its graph document is scored against the page's labels with ``shared/corpus/score.py``'s rules
(see ``benchmarks/labelled.py``). Categories:

- ``embeds``: posts the article embeds (strict: a post that became a mere link is a miss);
- ``named``: outlets credited with information (each outlet once per page; every edge kind but
  image credits, registry outlets or not);
- ``image_credit``: outlets credited with a photo or a caption (each once per page);
- ``unnamed``: "local media", "the newspaper"..., counted per occurrence.

Optional labels are neither a miss nor a false alarm. "found" counts hits and false alarms.

Pages are split by site (``labelled.split_of``: the site's sha256 below 40 of 100 -> HELD-OUT,
else DEVELOPMENT). ``--verbose`` lists each miss and false alarm of the DEVELOPMENT split only:
held-out misses are never listed, because tuning on them is forbidden; their figures are all
there is. Invented pages (``fixtures/synthetic``) are not read and never count.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.labelled import (  # noqa: E402
    CATEGORIES,
    SPLIT_NAMES,
    SPLITS,
    Outcome,
    Page,
    Result,
    Split,
    read_corpus,
    score_split,
    split_counts,
)


def _prf(o: Outcome) -> str:
    if not o.found and not o.labelled:
        return f"{'–':>5} {'–':>5} {'–':>5}"
    return f"{o.precision:>5.2f} {o.recall:>5.2f} {o.f1:>5.2f}"


def _counts(o: Outcome) -> str:
    return f"{o.hits}/{o.labelled} (+{o.found - o.hits} fa)"


def print_split_counts(pages: list[Page]) -> None:
    counts = split_counts(pages)
    print(f"{len(pages)} labelled pages; split by site (held out: sha256(site) % 100 < 40)")
    print(f"{'lang':<6} {'dev pages':>9} {'dev sites':>9} {'held pages':>10} {'held sites':>10}")
    for lang, row in counts.items():
        (dp, ds), (hp, hs) = row["dev"], row["heldout"]
        print(f"{lang:<6} {dp:>9} {ds:>9} {hp:>10} {hs:>10}")
    held = counts["all"]["heldout"][0]
    if pages and held * 3 < len(pages):
        print(f"WARNING: only {held} of {len(pages)} pages are held out (under a third)")
    print()


def print_result(result: Result) -> None:
    t = result.total
    seconds = sum(result.seconds)
    print(
        f"== {SPLIT_NAMES[result.split]}: {t.pages} pages, {len(t.sites)} sites "
        f"({seconds:.1f} s, slowest page {max(result.seconds, default=0):.2f} s)"
    )
    print(f"{'category':<13} {'found':>6} {'labelled':>8} {'hits':>5}  {'P':>5} {'R':>5} {'F1':>5}")
    for c in CATEGORIES:
        o = t.categories[c]
        print(f"{c:<13} {o.found:>6} {o.labelled:>8} {o.hits:>5}  {_prf(o)}")
    print()
    print(
        f"{'lang':<5} {'pages':>5}  {'named P':>7} {'R':>5} {'F1':>5} {'(hits/lab +fa)':<18}"
        f" {'credits':<18} {'unnamed':<18} {'embeds':<18}"
    )
    for lang, lt in sorted(result.languages.items()):
        named = lt.categories["named"]
        cells = [_counts(lt.categories[c]) for c in ("named", "image_credit", "unnamed", "embeds")]
        print(
            f"{lang:<5} {lt.pages:>5}  {_prf(named):>19} "
            + " ".join(f"{cell:<18}" for cell in cells)
        )
    for failure in result.failed:
        print(f"FAILED {failure}")
    print()


def print_items(result: Result) -> None:
    if result.split != "dev":
        return
    print("== DEVELOPMENT misses and false alarms (page: category: item)")
    for c in CATEGORIES:
        o = result.total.categories[c]
        for m in o.misses:
            page, _, item = m.partition(": ")
            print(f"miss        {page}: {c}: {item}")
        for f in o.false_alarms:
            page, _, item = f.partition(": ")
            print(f"false alarm {page}: {c}: {item}")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=ROOT / "fixtures" / "corpus")
    parser.add_argument("--split", choices=("dev", "heldout", "both"), default="both")
    parser.add_argument(
        "--verbose", action="store_true", help="list the DEVELOPMENT split's misses and alarms"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    parser.add_argument(
        "--without-source",
        action="append",
        default=[],
        metavar="OWNER/REPO",
        help="leave out the pages saved from this repository (repeatable): e.g. the pages one "
        "renderer wrote in its own template, to see the figures on the sites' templates only",
    )
    args = parser.parse_args(argv)
    pages = [
        p for p in read_corpus(args.corpus) if p.entry.get("source_repo") not in args.without_source
    ]
    if not pages:
        print(f"no labelled pages in {args.corpus}", file=sys.stderr)
        return 2
    print_split_counts(pages)
    chosen: tuple[Split, ...] = SPLITS if args.split == "both" else (args.split,)
    results = [score_split(pages, s) for s in chosen]
    for result in results:
        print_result(result)
    if args.verbose:
        for result in results:
            print_items(result)
        print("HELD-OUT misses and false alarms are never listed: tuning on them is forbidden.")
    if args.json:
        counts = split_counts(pages)
        figures = {
            "corpus": str(args.corpus),
            "pages": len(pages),
            "split_counts": {
                lang: {s: {"pages": p, "sites": n} for s, (p, n) in row.items()}
                for lang, row in counts.items()
            },
            "splits": {r.split: r.figures() for r in results},
        }
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Offline detection speed: articles per second for the seed and a 60 KB HTML live blog.

Run: python3 benchmarks/detect.py [--seconds N]
Each figure is the best of five rounds of N seconds, for load + detect + graph, and for
detect alone on an already parsed Document.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citeresolve.detect import detect  # noqa: E402
from citeresolve.document import load  # noqa: E402
from citeresolve.graph import build_graph  # noqa: E402
from citeresolve.outlets.registry import default_registry  # noqa: E402

ARTICLES = {
    "seed (5 KB text)": ROOT / "seeds" / "000_d52130d6b5804202.txt",
    "live blog (60 KB HTML)": ROOT / "fixtures" / "articles" / "live-blog-60k.html",
    "live blog (200 KB HTML)": ROOT / "fixtures" / "articles" / "live-blog-200k.html",
    "stress (200 KB, dense)": ROOT / "fixtures" / "articles" / "stress-dense-200k.html",
}


def rate(step: Callable[[], object], seconds: float) -> float:
    """Best of five rounds, in calls per second."""
    best = 0.0
    for _ in range(5):
        calls, started = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - started) < seconds:
            step()
            calls += 1
        best = max(best, calls / elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=1.0, help="length of one round")
    args = parser.parse_args()
    registry = default_registry()
    print(f"python {sys.version.split()[0]}, {len(registry)} outlets in the registry")
    print(f"{'article':<24} {'load+detect+graph':>20} {'detect only':>14} {'detect ms':>10}")
    for name, path in ARTICLES.items():
        data = path.read_bytes()
        doc = load(path.name, data=data)

        def full(data: bytes = data, name: str = path.name) -> object:
            parsed = load(name, data=data)
            return build_graph(parsed, detect(parsed, registry=registry), registry=registry)

        whole = rate(full, args.seconds)
        only = rate(lambda doc=doc: detect(doc, registry=registry), args.seconds)
        print(f"{name:<24} {whole:>14.0f} art/s {only:>9.0f} art/s {1000 / only:>10.1f}")


if __name__ == "__main__":
    main()

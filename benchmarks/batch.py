"""Batch throughput and memory: generated articles, offline, with one and two worker processes.

Run: python3 benchmarks/batch.py [--sizes 1000 5000] [--workers 1 2] [--articles corpus|small]

Articles are generated from the seed and the 32 HTML pages of the accuracy corpus (real
article pages, 21 KB on average), each made distinct by an added paragraph; ``--articles
small`` uses the seed and two bare embeds instead, where per-article overhead weighs most. Every run
is a separate ``citeresolve batch`` process; its peak memory is the largest resident set of it
and its workers (getrusage of the children). Memory must not grow with the number of
articles, and two workers must give at least 1.7x the single-process rate.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "synthetic"
SEED = ("text", (ROOT / "seeds" / "000_d52130d6b5804202.txt").read_text(encoding="utf-8"))
TEMPLATES = {
    "corpus": [SEED]
    + [("html", p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.html"))],
    "small": [SEED]
    + [
        ("html", (ROOT / "fixtures" / "embeds" / name).read_text(encoding="utf-8"))
        for name in ("twitter-blockquote.html", "instagram-blockquote.html")
    ],
}
MEASURE = """
import resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - started
print(code, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def generate(path: Path, count: int, templates: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            kind, body = templates[number % len(templates)]
            extra = f"Update {number}: officials said, according to Reuters, that talks go on."
            if kind == "text":
                content = body + "\n\n" + extra
            else:
                close = "</article>" if "</article>" in body else "</body>"
                content = body.replace(close, f"<p>{extra}</p>{close}", 1)
            handle.write(json.dumps({"id": f"a{number:06d}", kind: content}) + "\n")


def measure(source: Path, out: Path, workers: int) -> tuple[float, int]:
    command = [
        sys.executable,
        "-m",
        "citeresolve",
        "batch",
        str(source),
        "--offline",
        "--no-cache",
        "-o",
        str(out),
        "--workers",
        str(workers),
    ]
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, cwd=ROOT
    )
    code, wall, peak_kb = result.stdout.split()
    if code != "0":
        raise RuntimeError(f"batch failed: {result.stderr}")
    return float(wall), int(peak_kb)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--articles",
        choices=sorted(TEMPLATES),
        default="corpus",
        help="corpus: the seed and real article pages (21 KB); small: the seed and two embeds",
    )
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; offline batch of generated articles ({args.articles})")
    print(
        f"{'articles':>8} {'workers':>7} {'wall':>8} {'art/s':>7} {'peak RSS':>10} {'speed-up':>9}"
    )
    with tempfile.TemporaryDirectory() as directory:
        for size in args.sizes:
            source = Path(directory) / f"in-{size}.jsonl"
            generate(source, size, TEMPLATES[args.articles])
            base = None
            outputs = []
            for workers in args.workers:
                out = Path(directory) / f"out-{size}-{workers}.jsonl"
                wall, peak_kb = measure(source, out, workers)
                rate = size / wall
                base = base or rate
                outputs.append(out.read_bytes())
                memory, ratio = f"{peak_kb / 1024:>8.0f} MB", rate / base
                print(f"{size:>8} {workers:>7} {wall:>7.1f}s {rate:>7.0f} {memory}{ratio:>9.2f}x")
            assert all(o == outputs[0] for o in outputs), "outputs differ between worker counts"


if __name__ == "__main__":
    main()

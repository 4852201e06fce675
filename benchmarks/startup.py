"""`python -m benchmarks.startup`: what a one-shot question costs. Microseconds per `normalize`
call (its cache bypassed) over the fact base's texts and the frozen test texts, and the median
wall time of one-shot `python -m bot ask` processes. Not a test: figures depend on the machine."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bot.config import load_config
from bot.knowledge import load
from bot.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "normalize_golden.jsonl"
QUESTION = "余杭第三季度双集中总投资多少"


def per_call(texts: list[str], repeats: int = 5) -> float:
    """Best of `repeats` passes, in µs per text, each text worked out anew (no cache)."""
    work = normalize.__wrapped__  # type: ignore[attr-defined]
    for text in texts:  # first calls import cn2an and fill the character table
        work(text)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for text in texts:
            work(text)
        best = min(best, time.perf_counter() - start)
    return best / len(texts) * 1e6


def one_shot(runs: int) -> float:
    """Median seconds of `runs` one-shot asks, after one unmeasured run (disk caches warm)."""
    command = [sys.executable, "-m", "bot", "ask", QUESTION]
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=7, help="one-shot asks timed (default 7; 0: none)")
    args = p.parse_args(argv)
    facts = load(*load_config().roots).facts
    base = [q for f in facts for qs in f.questions.values() for q in qs]
    base += [text for f in facts for text in (*f.answer.values(), f.source.quote)]
    frozen = [json.loads(line)[0] for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    print(f"normalize, fact base texts ({len(base)}): {per_call(base):.1f} µs per call")
    print(f"normalize, frozen test texts ({len(frozen)}): {per_call(frozen):.1f} µs per call")
    if args.runs:
        print(f"python -m bot ask {QUESTION!r}: {one_shot(args.runs):.3f} s (median of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

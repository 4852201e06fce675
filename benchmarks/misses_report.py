"""`python -m benchmarks.misses_report`: time of the curators' misses report on a large log
(issue 9: the old grouping compared every wording with every group, 8,000 rows took 49 s and a
67,000-row log never finished).

Fills a temporary log with realistic rows: the evaluation questions and the fact base's own
phrasings, varied as people vary them (typos, a prefix or particle, punctuation, another number,
an English word), with the closest fact and score the bot gives the unvaried question, over 30
days and three channels. Times `MissLog.report()` at 100,000 rows, and beside it the old
all-against-all grouping at a small size, in the same run. Not a test: the target (≤ 2 s) is
printed beside the figure.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import process

from bot.config import load_config
from bot.judge import load_cases
from bot.knowledge import load
from bot.match import Matcher, similarity
from bot.misses import MissLog
from bot.normalize import normalize

TARGET_SECONDS = 2.0
_PREFIXES = ["", "", "", "请问", "我想知道", "余杭", "你好，", "hi "]
_SUFFIXES = ["", "", "?", "？", "呢", "吗?", "啊", "!!", " pls", "。"]
_TYPOS = "的地得在再多少几个亿元万区县年月季度投资项目"
_ENGLISH = ["total", "how many", "projects", "investment", "yuhang", "billion", "quarter", "district"]


def _vary(rng: random.Random, text: str) -> str:
    """One way people write the same question differently."""
    chars = list(text)
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        if chars:
            chars[rng.randrange(len(chars))] = rng.choice(_TYPOS)
    text = "".join(chars)
    if rng.random() < 0.2:
        text = text.replace(rng.choice("0123456789一二三四"), str(rng.randrange(1, 100)), 1)
    if rng.random() < 0.1:
        text += " " + rng.choice(_ENGLISH)
    return rng.choice(_PREFIXES) + text + rng.choice(_SUFFIXES)


def rows(n: int, seed: int = 9) -> list[tuple[float, str, float, str | None, str, int]]:
    """`n` log rows (at, normalized question, score, closest fact, channel, answered)."""
    rng = random.Random(seed)
    config = load_config()
    knowledge = load(*config.roots)
    matcher = Matcher(knowledge, config.match)
    bases = [c.question for c in load_cases()] + [q for f in knowledge.facts for qs in f.questions.values() for q in qs]
    verdicts = {q: matcher.match(q) for q in bases}
    popular = rng.sample(bases, 40)  # what many people ask, over and over
    now = time.time()
    out = []
    for _ in range(n):
        base = rng.choice(popular) if rng.random() < 0.4 else rng.choice(bases)
        question = base if rng.random() < 0.3 else _vary(rng, base)
        m = verdicts[base]
        answered = int(m.kind in ("fact", "computed") and rng.random() < 0.5)
        out.append((now - rng.random() * 30 * 86400, normalize(question), rng.uniform(20, 69), m.best_fact,
                    rng.choice(["telegram", "telegram", "console"]), answered))
    return out


def fill(path: Path, data: list[tuple[float, str, float, str | None, str, int]]) -> MissLog:
    log = MissLog(path)
    log.flush()  # creates the file with its schema
    db = sqlite3.connect(path)
    with db:
        db.executemany("INSERT INTO misses(at, question, score, best_fact, channel, answered) VALUES (?, ?, ?, ?, ?, ?)",
                       data)
    db.close()
    return log


def old_grouping(path: Path) -> int:
    """The grouping this replaces, for comparison: every row loaded, each wording compared with
    every group leader by a Python scorer. Returns the number of groups."""
    db = sqlite3.connect(path)
    texts = [q for (q,) in db.execute("SELECT question FROM misses ORDER BY at")]
    db.close()
    counts: dict[str, int] = {}
    for t in texts:
        counts[t] = counts.get(t, 0) + 1
    leaders: list[str] = []
    for text in sorted(counts, key=lambda t: (-counts[t], t)):
        if not leaders or process.extractOne(text, leaders, scorer=similarity, score_cutoff=80) is None:
            leaders.append(text)
    return len(leaders)


def timed(fn, *args: object) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.misses_report", description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=100_000, help="rows in the large log (default 100,000)")
    p.add_argument("--small", type=int, default=2_000, help="rows for the comparison with the old grouping")
    args = p.parse_args(argv)
    data = rows(args.rows)
    print(f"{len(data):,} rows, {len({r[1] for r in data}):,} distinct wordings", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        small = fill(Path(tmp) / "small.sqlite3", data[: args.small])
        new_small = min(timed(small.report) for _ in range(3))
        old_small = timed(old_grouping, small.path)
        large = fill(Path(tmp) / "large.sqlite3", data)
        seconds = min(timed(large.report) for _ in range(3))
        text = large.report()
    print(f"{args.small:,} rows: report {new_small:.3f} s, old grouping {old_small:.2f} s "
          f"({old_small / new_small:.0f}× faster)")
    ok = "✔" if seconds <= TARGET_SECONDS else "✘"
    print(f"{len(data):,} rows: report {seconds:.2f} s (target ≤ {TARGET_SECONDS:g} s {ok})")
    print("\n".join(text.splitlines()[:6]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

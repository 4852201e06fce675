"""`python -m benchmarks.memory`: resident memory of one `python -m bot ask --json` process before
and after a hostile batch (issue 9: caches grew RSS from 38 MB to 248 MB over 110,000 lines).

The batch mixes what a batch can throw at the bot: the evaluation questions with random suffixes,
random unicode from every plane, emoji, binary-looking bytes and a few very long lines (up to
3 MB). Memory is read from /proc/<pid>/status of the child while it is still running: VmRSS
after the first answer, then VmRSS and VmHWM (peak) once every line is answered. Not a test:
figures depend on the machine; the target (≤ 100 MB after the batch) is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from bot.config import DEFAULT_CONFIG
from bot.judge import load_cases

ROOT = Path(__file__).resolve().parent.parent
TARGET_MB = 100
_EMOJI = [chr(c) for c in [*range(0x1F300, 0x1F5FF), *range(0x1F600, 0x1F64F), *range(0x1F900, 0x1F9FF)]]
_SUFFIXES = ["", "?", "？", "!!!", " pls", "吗", "呢？", " 🙏", "……", " asdf", "\t", "  "]


def _random_text(rng: random.Random, n: int) -> str:
    """`n` code points from anywhere in unicode (no surrogates, no line breaks)."""
    out = []
    while len(out) < n:
        c = rng.randrange(0x20, 0x110000)
        if not 0xD800 <= c < 0xE000 and c not in (0x85, 0x2028, 0x2029):
            out.append(chr(c))
    return "".join(out)


def hostile_lines(n: int, seed: int = 9, long_every: int = 2000) -> list[bytes]:
    """`n` input lines, deterministic for a seed; one in `long_every` is 100 KB–3 MB long."""
    rng = random.Random(seed)
    questions = [c.question for c in load_cases()]
    cjk = "".join(chr(c) for c in range(0x4E00, 0x9FA5))
    lines: list[bytes] = []
    for i in range(n):
        if i % long_every == long_every - 1:
            size = rng.randrange(100_000, 3_000_000)
            unit = rng.choice([cjk, "abcdefghij 0123456789", "".join(_EMOJI)]).encode()
            lines.append((unit * (size // len(unit) + 1))[:size])  # a character cut in two is hostile too
            continue
        kind = rng.randrange(5)
        if kind == 0:  # a real question with something random after it
            text = rng.choice(questions) + rng.choice(_SUFFIXES) + str(rng.randrange(10**6))
        elif kind == 1:
            text = _random_text(rng, rng.randrange(1, 600))
        elif kind == 2:
            text = "".join(rng.choice(_EMOJI) for _ in range(rng.randrange(1, 80)))
        elif kind == 3:  # binary-looking: the console decodes with errors="replace"
            lines.append(bytes(b for b in rng.randbytes(rng.randrange(1, 400)) if b not in b"\r\n"))
            continue
        else:  # a question with random unicode in it, long enough to miss every cache
            q = rng.choice(questions)
            cut = rng.randrange(len(q) + 1)
            text = q[:cut] + _random_text(rng, rng.randrange(1, 200)) + q[cut:]
        lines.append(text.replace("\n", " ").replace("\r", " ").encode())
    return lines


def status(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a running process, in MB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) / 1024
    return out


def measure(lines: list[bytes], config: Path) -> tuple[dict[str, float], dict[str, float], float]:
    """(memory after the first answer, memory after the last, seconds for the batch) of one child,
    kept to one process: worker processes would answer the batch while the child read stays small."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "", "PYTHONPATH": str(ROOT), "BOT_BATCH_WORKERS": "1"}
    child = subprocess.Popen([sys.executable, "-m", "bot", "--config", str(config), "ask", "--json"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT, env=env)
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(b"\xe4\xbd\x99\xe6\x9d\xad\xe4\xb8\x89\xe5\xad\xa3\xe5\xba\xa6GDP\n")  # 余杭三季度GDP
    child.stdin.flush()
    child.stdout.readline()
    before = status(child.pid)

    def feed() -> None:
        for line in lines:
            child.stdin.write(line + b"\n")
        child.stdin.flush()

    t0 = time.perf_counter()
    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    for _ in lines:
        if not child.stdout.readline():
            raise RuntimeError(f"the bot stopped early (exit {child.wait()})")
    seconds = time.perf_counter() - t0
    after = status(child.pid)
    writer.join()
    child.stdin.close()
    child.stdout.read()
    if child.wait() != 0:
        raise RuntimeError(f"the bot exited with {child.returncode}")
    return before, after, seconds


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.memory", description=__doc__.splitlines()[0])
    p.add_argument("--lines", type=int, default=100_000, help="batch size (default 100,000)")
    p.add_argument("--seed", type=int, default=9)
    args = p.parse_args(argv)
    lines = hostile_lines(args.lines, args.seed)
    print(f"{len(lines):,} hostile lines, {sum(map(len, lines)) / 1e6:.0f} MB, "
          f"longest {max(map(len, lines)) / 1e6:.1f} MB", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8")) or {}
        data["knowledge"] = str(ROOT / "knowledge")
        data.setdefault("misses", {})["path"] = str(Path(tmp) / "misses.sqlite3")  # never the project's var/
        config = Path(tmp) / "config.yaml"
        config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        before, after, seconds = measure(lines, config)
    ok = "✔" if after["VmRSS"] <= TARGET_MB else "✘"
    print(f"RSS after start-up and one question: {before['VmRSS']:.1f} MB")
    print(f"RSS after the batch: {after['VmRSS']:.1f} MB (target ≤ {TARGET_MB} MB {ok}); "
          f"peak during it (VmHWM): {after['VmHWM']:.1f} MB")
    print(f"batch time: {seconds:.1f} s ({len(lines) / seconds:,.0f} lines/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

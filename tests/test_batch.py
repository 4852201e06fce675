"""`ask` on a long stdin answered by worker processes: the same bytes as one process writes, in
input order, each miss logged once, hostile lines answered in place, a worker's death costing
nothing, and a pipe that waits for its answers never left waiting. (Speed is never asserted.)"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot import batch, console
from bot.config import load_config
from bot.engine import Engine
from bot.judge import load_cases
from bot.misses import BATCH_CHANNEL, MissLog

ROOT = Path(__file__).resolve().parent.parent
EMPTY, HUGE, BINARY = b"", b"x" * 20000, b"\xff\xfe\x00\x07\x1b binary \xc3"


def batch_bytes(n: int) -> tuple[bytes, dict[int, bytes]]:
    """`n` lines of evaluation questions, numbered so no two are alike, with an empty, a huge and
    a binary-looking line among them (also in the first block, the switch to workers and the last
    chunk); returns the bytes and the hostile lines by position."""
    questions = [c.question.encode() for c in load_cases()]
    lines = [questions[i % len(questions)] + str(i).encode() for i in range(n)]
    hostile = {3: EMPTY, console.PARALLEL_FROM - 1: HUGE, console.PARALLEL_FROM: BINARY, n - 2: EMPTY, n - 1: BINARY}
    for i, line in hostile.items():
        lines[i] = line
    return b"".join(line + b"\n" for line in lines), hostile


LINES = console.PARALLEL_FROM + 2 * batch.CHUNK + 37  # past the switch, several chunks, a short last one
DATA, HOSTILE = batch_bytes(LINES)


def config_in(folder: Path) -> Path:
    """config.yaml on the project's fact base, its misses log in `folder`."""
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    text = text.replace("knowledge: knowledge", f"knowledge: {ROOT / 'knowledge'}")
    text = text.replace("var/misses.sqlite3", str(folder / "misses.sqlite3"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text(text, encoding="utf-8")
    return folder / "config.yaml"


def ask(config: Path, workers: int, *args: str, env: dict[str, str] | None = None) -> bytes:
    """`ask` on DATA from stdin in `workers` processes; its stdout."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "", "BOT_BATCH_WORKERS": str(workers), **(env or {})}
    done = subprocess.run([sys.executable, "-m", "bot", "--config", str(config), "ask", *args], input=DATA,
                          capture_output=True, cwd=ROOT, env=env, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    return done.stdout


def logged(config: Path) -> list[str]:
    """The batch misses logged, as their normalized questions, sorted."""
    settings = load_config(config)
    misses = MissLog(settings.path(settings.misses.path))
    try:
        return sorted(m.question for m in misses.entries() if m.channel == BATCH_CHANNEL)
    finally:
        misses.close()


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):
    """`ask` on DATA in `workers` processes, each run once per module with a misses log of its
    own: (stdout, config)."""
    done: dict[tuple, tuple[bytes, Path]] = {}

    def get(workers: int, *args: str, **env: str) -> tuple[bytes, Path]:
        key = (workers, args, tuple(sorted(env.items())))
        if key not in done:
            config = config_in(tmp_path_factory.mktemp("ask"))
            done[key] = ask(config, workers, *args, env=env), config
        return done[key]

    return get


def test_the_batch_is_long_enough_to_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_BATCH_WORKERS", "3")
    assert console.processes(LINES) == 3 and console.processes(console.PARALLEL_FROM - 1) == 1
    monkeypatch.setenv("BOT_BATCH_WORKERS", "1")
    assert console.processes(LINES) == 1


@pytest.mark.parametrize(("args", "env"), [((), {}), (("--json",), {}), (("--json",), {"PYTHONIOENCODING": "ascii"})],
                         ids=["text", "json", "json-ascii"])
def test_workers_write_the_bytes_one_process_writes(run, args: tuple[str, ...], env: dict[str, str]) -> None:
    (one, _), (three, _) = run(1, *args, **env), run(3, *args, **env)
    assert one == three
    if args:
        assert len(three.splitlines()) == LINES
    else:
        assert three.decode().count("\n\n") >= LINES - 1  # a blank line between answers


def test_hostile_lines_get_their_reply_in_their_place(run) -> None:
    rows = [json.loads(line) for line in run(3, "--json")[0].splitlines()]
    assert len(rows) == LINES
    for i, line in HOSTILE.items():
        expected = {EMPTY: {"empty"}, HUGE: {"too_long"}}.get(line, {"declined", "out_of_scope", "noise"})
        assert rows[i]["kind"] in expected and rows[i]["text"], (i, rows[i])


def test_each_miss_is_logged_once(run) -> None:
    (out, three), (_, one) = run(3, "--json"), run(1, "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    low = load_config(three).misses.low_confidence
    misses = sum(r["kind"] in ("declined", "out_of_scope") or (r["answered"] and r["score"] < low) for r in rows)
    assert misses and len(logged(three)) == misses
    assert logged(three) == logged(one)


@pytest.fixture
def stdin_of(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Makes DATA (or other bytes) the stdin of `console.ask` called in this process."""

    def use(data: bytes) -> None:
        path = tmp_path / "stdin.txt"
        path.write_bytes(data)
        stream = io.TextIOWrapper(path.open("rb"))
        monkeypatch.setattr(sys, "stdin", stream)

    return use


def answered_in(engine: Engine, workers: int, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("BOT_BATCH_WORKERS", str(workers))
    out = io.StringIO()
    assert console.ask(engine, None, True, out) == 0
    return out.getvalue()


def test_a_worker_that_dies_loses_no_answer_and_logs_no_miss_twice(engine: Engine, stdin_of,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_of(DATA)
    alone = answered_in(engine, 1, monkeypatch)
    once = len(engine.misses.entries())
    parent, reply = os.getpid(), engine.reply
    doomed = DATA.split(b"\n")[console.PARALLEL_FROM + batch.CHUNK + 5].decode()

    def dies_on_one_line(question: str):
        if question == doomed and os.getpid() != parent:
            os._exit(1)  # as if killed: no exception, no result
        return reply(question)

    forked: list[int] = []
    in_workers = batch.answer

    def spied(*args: object) -> None:
        forked.append(1)
        in_workers(*args)

    monkeypatch.setattr(engine, "reply", dies_on_one_line)
    monkeypatch.setattr(batch, "answer", spied)
    stdin_of(DATA)
    assert answered_in(engine, 2, monkeypatch) == alone
    assert forked and len(engine.misses.entries()) == 2 * once


def test_ctrl_c_stops_the_workers_and_keeps_the_misses_of_what_was_written(engine: Engine, stdin_of,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[console.Block] = []
    write = console.Batch.write

    def interrupted(self: console.Batch, block: console.Block) -> None:
        if len(written) == 2:
            raise KeyboardInterrupt  # as Ctrl-C does in the parent while workers answer
        written.append(block)
        write(self, block)

    monkeypatch.setattr(console.Batch, "write", interrupted)
    stdin_of(DATA)
    with pytest.raises(KeyboardInterrupt):
        answered_in(engine, 2, monkeypatch)
    assert not multiprocessing.active_children()
    assert len(engine.misses.entries()) == sum(len(block.misses) for block in written) > 0


def test_a_pipe_waiting_for_its_answers_is_never_left_waiting(tmp_path: Path) -> None:
    """A burst long enough for workers, then one question at a time: each is answered before the
    asker writes the next (a bot that held answers back for more input would hang here)."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "", "BOT_BATCH_WORKERS": "2"}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "--config", str(config_in(tmp_path)), "ask", "--json"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    assert proc.stdin and proc.stdout
    guard = threading.Timer(120, proc.kill)  # a stalled bot fails the test instead of hanging it
    guard.start()
    try:
        burst = DATA.split(b"\n")[:console.PARALLEL_FROM + 20]
        proc.stdin.write(b"".join(line + b"\n" for line in burst))
        proc.stdin.flush()
        assert all(proc.stdout.readline().endswith(b"\n") for _ in burst)
        for question in ("三季度双集中总投资多少", "余杭一季度双集中总投资多少"):
            proc.stdin.write(question.encode() + b"\n")
            proc.stdin.flush()
            assert json.loads(proc.stdout.readline())["answered"]
        proc.stdin.close()
        assert proc.wait() == 0 and proc.stdout.read() == b""
    finally:
        guard.cancel()


def test_long_lines_make_short_chunks() -> None:
    """However long the lines, a few chunks hold a few MB: a chunk is cut at CHUNK_CHARS."""
    lines = ["x" * (batch.CHUNK_CHARS // 2)] * 5 + ["短"] * (batch.CHUNK + 1)
    with open(os.devnull, "rb") as stdin:  # always readable, as a batch piped in at once
        chunks = list(batch._chunks(iter(lines), stdin))
    assert [len(chunk) for chunk, _ in chunks] == [2, 2, batch.CHUNK, 2]
    assert [idle for _, idle in chunks] == [False, False, False, True]

"""The log of declined and low-confidence questions: what the engine records, what curators read,
that several processes writing at once lose nothing, and that the log never stands in the way of
an answer (a broken or locked file, a flood of misses, a batch)."""

from __future__ import annotations

import logging
import multiprocessing
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.answer import Answer
from bot.engine import Engine
from bot.misses import BATCH_CHANNEL, MissLog

ROOT = Path(__file__).resolve().parent.parent


def miss(question: str, score: float = 40.0, best_fact: str | None = "q1-total", kind: str = "declined") -> Answer:
    return Answer(kind, "zh", ((("这篇文章没有提到这一点", ""),),), score=score, best_fact=best_fact,
                  normalized=question)


@pytest.fixture
def log(tmp_path: Path) -> Iterator[MissLog]:
    misses = MissLog(tmp_path / "var" / "misses.sqlite3")
    yield misses
    misses.close()


@pytest.fixture
def held_lock(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's write lock on an existing log, held until the test releases it."""
    path = tmp_path / "var" / "misses.sqlite3"
    MissLog(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def rows(path: Path) -> list[tuple[str, str]]:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT question, channel FROM misses ORDER BY id").fetchall()
    finally:
        db.close()


def rows_so_far(path: Path) -> list[tuple[str, str]]:
    """rows(path) while the writer thread may still be creating the file and its table."""
    try:
        return rows(path) if path.exists() else []
    except sqlite3.OperationalError:
        return []


def errors_naming(caplog: pytest.LogCaptureFixture, path: Path) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR and str(path) in r.getMessage()]


# --- what curators read ------------------------------------------------------------------------


def test_empty_log_says_so_in_one_line(log: MissLog) -> None:
    assert log.report() == "No declined or low-confidence questions logged."
    assert log.report(since_days=7) == "No declined or low-confidence questions logged in the last 7 day(s)."


def test_report_groups_similar_wordings_most_frequent_first(log: MissLog) -> None:
    for _ in range(3):
        log.record(miss("余杭区gdp是多少", 35, "profile-area"), "telegram")
    log.record(miss("余杭gdp是多少", 38, "profile-area"), "console")
    for _ in range(2):
        log.record(miss("余杭常住人口有多少", 30, "talent-share"), "telegram")
    log.record(miss("how many people live in yuhang", 20, None), "telegram")

    groups = log.groups()["declined"]
    assert [g.count for g in groups] == [4, 2, 1]
    assert groups[0].question == "余杭区gdp是多少" and groups[0].variants == ("余杭gdp是多少",)
    assert groups[0].best_fact == "profile-area" and groups[0].best_score == 38
    assert groups[0].channels == ("console", "telegram")

    lines = log.report().splitlines()
    assert lines[0].startswith("Declined: 7 in 3 group(s)")
    assert "4× 余杭区gdp是多少" in lines[1] and "closest profile-area (38)" in lines[1]
    assert "also: 余杭gdp是多少" in lines[2]
    assert "2× 余杭常住人口有多少" in lines[3] and "talent-share" in lines[3]
    assert "no close fact" in lines[4]
    assert lines[6] == "Answered with low confidence: none."


def test_report_names_declines_and_low_confidence_answers_apart(log: MissLog) -> None:
    log.record(miss("余杭gdp是多少", 30, "profile-area"), "telegram")
    log.record(miss("三季度签了几个项目呢", 65, "q3-projects", kind="fact"), "telegram")
    log.record(miss("三季度签了几个项目呀", 66, "q3-projects", kind="computed"), "console")

    sections = log.groups()
    assert [g.question for g in sections["declined"]] == ["余杭gdp是多少"]
    assert [(g.count, g.best_score) for g in sections["low_confidence"]] == [(2, 66)]
    text = log.report()
    declined, low = text.split("\n\n")
    assert declined.startswith("Declined: 1 in 1 group(s)") and "余杭gdp是多少" in declined
    assert low.startswith("Answered with low confidence: 2 in 1 group(s)") and "q3-projects" in low
    assert "gdp" not in low


def test_report_limit_and_since(log: MissLog) -> None:
    for i, q in enumerate(["余杭gdp是多少", "西湖区三季度投资多少", "余杭有多少所大学"]):
        for _ in range(3 - i):
            log.record(miss(q), "console")
    log.flush()
    db = sqlite3.connect(log.path)
    with db:
        db.execute("INSERT INTO misses(at, question, score, best_fact, channel, answered) "
                   "VALUES (?, ?, 10, NULL, 'console', 0)", (time.time() - 10 * 86400, "十天前的问题"))
    db.close()

    limited = log.report(limit=1)
    assert "余杭gdp是多少" in limited and "西湖区" not in limited
    assert "3 more group(s)" in limited

    recent = log.report(since_days=1)
    assert "十天前的问题" not in recent and "6 in 3 group(s)" in recent
    assert "十天前的问题" in log.report(since_days=30)


def test_grouping_keeps_different_questions_apart(log: MissLog) -> None:
    for q in ["余杭gdp是多少", "余杭gdp有多少", "临平新城三季度投资多少", "what is yuhang's gdp", "yuhang gdp what is"]:
        log.record(miss(q, best_fact=None), "console")
    groups = log.groups()["declined"]
    assert sorted(len(g.variants) + 1 for g in groups) == [1, 2, 2]


def test_a_log_from_before_the_two_kinds_were_told_apart_still_reports(tmp_path: Path) -> None:
    path = tmp_path / "misses.sqlite3"
    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE misses (id INTEGER PRIMARY KEY, at REAL NOT NULL, question TEXT NOT NULL, "
                   "score REAL NOT NULL, best_fact TEXT, channel TEXT NOT NULL)")
        db.execute("INSERT INTO misses(at, question, score, best_fact, channel) VALUES (?, '旧的问题', 50, NULL, "
                   "'telegram')", (time.time(),))
    db.close()
    log = MissLog(path)
    log.record(miss("新的问题"), "telegram")
    text = log.report()
    log.close()
    assert "Declined: 1 in 1 group(s)" in text and "新的问题" in text
    assert "(logged before the two were told apart): 1 in 1 group(s)" in text and "旧的问题" in text


def test_report_of_many_distinct_wordings_is_not_quadratic(log: MissLog) -> None:
    """5,000 distinct wordings took the old all-against-all grouping about 20 s; now a fraction of
    a second (the generous bound keeps a busy machine from failing it)."""
    rng = random.Random(9)
    facts = ["q1-total", "q2-total", "tianxiaxiu-investment", None]
    for i in range(5000):
        words = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(8))
        log.record(miss(f"{words}是多少", best_fact=facts[i % 4]), "telegram")
    t0 = time.perf_counter()
    text = log.report()
    assert time.perf_counter() - t0 < 3
    assert text.startswith("Declined: 5000 in ")


def test_cli_misses(mini_knowledge: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"knowledge: {mini_knowledge}\nmisses:\n  path: {tmp_path / 'var' / 'misses.sqlite3'}\n",
                      encoding="utf-8")
    assert main(["--config", str(config), "misses"]) == 0
    assert capsys.readouterr().out.strip().startswith("No declined or low-confidence questions logged yet")
    assert main(["--config", str(config), "ask", "余杭区GDP是多少"]) == 0
    assert main(["--config", str(config), "ask", "余杭GDP有多少"]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "misses", "--since", "1", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "Declined in the last 1 day(s): 2 in 1 group(s)" in out
    assert "2× 余杭" in out


# --- what the engine records -------------------------------------------------------------------


def test_engine_logs_declines_only_with_normalized_question_and_channel(mini_engine: Engine) -> None:
    assert mini_engine.misses is not None
    mini_engine.ask("余杭區GDP是多少？", "telegram")
    mini_engine.ask("余杭一季度双集中总投资多少", "console")  # answered, with full confidence
    entries = mini_engine.misses.entries()
    assert [(e.question, e.channel, e.answered) for e in entries] == [("余杭区gdp是多少", "telegram", False)]
    assert entries[0].best_fact and 0 <= entries[0].score < 70


def test_engine_without_misses_logs_nothing(mini_knowledge: Path, make_config, tmp_path: Path) -> None:
    config = make_config(mini_knowledge, enabled=False)
    engine = Engine(config, reload_interval=0)
    engine.ask("余杭GDP是多少")
    assert engine.misses is None and not Path(config.path(config.misses.path)).exists()


def test_batch_questions_are_logged_apart_and_reported_only_when_asked_for(mini_engine: Engine) -> None:
    assert mini_engine.misses is not None
    mini_engine.ask("余杭GDP是多少", "telegram")
    for i in range(3):
        mini_engine.ask(f"余杭第{i}大学有几个", BATCH_CHANNEL)
    text = mini_engine.misses.report()
    assert "Declined: 1 in 1 group(s)" in text and "大学" not in text
    assert "Not shown: 3 question(s) from channel(s) batch (python -m bot misses --channel batch)." in text
    batch = mini_engine.misses.report(channel=BATCH_CHANNEL)
    assert "Declined (channel batch): 3 in " in batch and "大学" in batch and "gdp" not in batch
    assert "Not shown" not in batch


# --- the log never stands in the way of an answer ----------------------------------------------


def test_bot_starts_and_answers_when_the_log_is_not_a_database(
        mini_knowledge: Path, make_config, caplog: pytest.LogCaptureFixture) -> None:
    config = make_config(mini_knowledge)
    path = config.path(config.misses.path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage, not SQLite\xff" * 200)
    engine = Engine(config, reload_interval=0)
    assert engine.misses is not None
    assert engine.ask("余杭一季度双集中总投资多少").answered
    assert not engine.ask("余杭GDP是多少").answered
    assert not engine.misses.flush()  # tried again at once, same cause: not reported twice
    [error] = errors_naming(caplog, path)
    assert "not a database" in error and "still answered" in error
    assert engine.misses.report().startswith(f"Cannot read the misses log {path}: DatabaseError")

    path.unlink()  # a curator moves the broken file away: the miss kept in memory is written
    assert engine.misses.flush()
    assert rows(path) == [("余杭gdp是多少", "console")]


def test_console_starts_with_a_broken_log_and_says_why_once(mini_knowledge: Path, tmp_path: Path) -> None:
    path = tmp_path / "var" / "misses.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"\x13garbage" * 1000)
    config = tmp_path / "config.yaml"
    config.write_text(f"knowledge: {mini_knowledge}\nmisses:\n  path: {path}\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "bot", "--config", str(config), "console"], cwd=ROOT, timeout=60,
                         input="余杭GDP是多少\n余杭一季度双集中总投资多少\n/quit\n", capture_output=True, text=True)
    assert out.returncode == 0 and "582亿元" in out.stdout  # it was a traceback and exit 1, no front end
    assert "Traceback" not in out.stderr
    assert out.stderr.count(f"cannot write the misses log {path} (DatabaseError: file is not a database)") == 1


def test_bot_starts_when_the_log_folder_cannot_be_made(
        mini_knowledge: Path, make_config, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "var").write_text("a file where the folder should be")
    config = make_config(mini_knowledge)
    engine = Engine(config, reload_interval=0)
    assert engine.misses is not None and not engine.ask("余杭GDP是多少").answered
    assert not engine.misses.flush()
    assert errors_naming(caplog, config.path(config.misses.path))


def test_a_broken_log_is_tried_again_on_the_next_miss_after_the_retry_interval(tmp_path: Path) -> None:
    path = tmp_path / "misses.sqlite3"
    path.write_bytes(b"not a database" * 100)
    log = MissLog(path, retry_seconds=0.3)
    log.record(miss("第一个问题"), "telegram")
    time.sleep(0.2)
    path.unlink()
    time.sleep(0.3)
    log.record(miss("第二个问题"), "telegram")  # the writer thread opens the file again by itself
    deadline = time.monotonic() + 10
    while len(rows_so_far(path)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert rows(path) == [("第一个问题", "telegram"), ("第二个问题", "telegram")]
    assert log.error is None
    log.close()


def test_a_lock_held_at_start_delays_neither_start_nor_answers(mini_knowledge: Path, make_config) -> None:
    config = make_config(mini_knowledge)
    path = config.path(config.misses.path)
    path.parent.mkdir(parents=True)
    other = sqlite3.connect(path, isolation_level=None)  # e.g. a curator's sqlite3 shell, not in WAL mode yet
    other.execute("CREATE TABLE notes(x)")
    other.execute("BEGIN EXCLUSIVE")
    t0 = time.perf_counter()
    engine = Engine(config, reload_interval=0)  # waited 10 s for the lock, then stopped with a traceback
    for i in range(3):
        engine.ask(f"余杭GDP是多少{i}")
    assert time.perf_counter() - t0 < 2
    other.execute("ROLLBACK")
    other.close()
    assert engine.misses is not None and engine.misses.flush()
    assert [q for q, _ in rows(engine.misses.path)] == ["余杭gdp是多少0", "余杭gdp是多少1", "余杭gdp是多少2"]


def test_a_lock_taken_while_running_does_not_delay_answers(
        mini_engine: Engine, tmp_path: Path) -> None:
    assert mini_engine.misses is not None
    mini_engine.ask("余杭GDP是多少")
    assert mini_engine.misses.flush()
    other = sqlite3.connect(mini_engine.misses.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    t0 = time.perf_counter()
    for _ in range(3):
        assert not mini_engine.ask("余杭有多少所大学").answered
    assert time.perf_counter() - t0 < 2
    other.execute("COMMIT")
    other.close()
    assert len(mini_engine.misses.entries()) == 4  # nothing lost while the file was locked


def test_misses_recorded_just_before_exit_are_written(tmp_path: Path) -> None:
    path = tmp_path / "misses.sqlite3"
    script = ("import sys; from pathlib import Path; from bot.misses import MissLog; from bot.answer import Answer\n"
              "log = MissLog(Path(sys.argv[1]))\n"
              "for i in range(500): log.record(Answer('declined', 'zh', (), normalized=f'q{i}'), 'console')\n")
    subprocess.run([sys.executable, "-c", script, str(path)], cwd=ROOT, check=True, timeout=60)
    assert len(rows(path)) == 500


def test_a_flood_of_misses_is_bounded_in_memory(tmp_path: Path, held_lock: sqlite3.Connection) -> None:
    log = MissLog(tmp_path / "var" / "misses.sqlite3", capacity=100)
    for i in range(1000):
        log.record(miss(f"问题{i}"), "telegram")
    assert log.unwritten <= 2 * 100 and log.dropped >= 800
    held_lock.execute("ROLLBACK")
    assert log.flush()
    log.close()


def test_report_in_a_worker_thread_while_answering_threads_record(log: MissLog) -> None:
    """What Telegram does: /misses runs report() with asyncio.to_thread while other questions are
    answered (and misses recorded) in other threads."""

    def answer(worker: int) -> None:
        for i in range(300):
            log.record(miss(f"线程{worker}的问题{i}"), "telegram")

    threads = [threading.Thread(target=answer, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    reports = [log.report() for _ in range(5)]
    for t in threads:
        t.join()
    assert all(r.startswith(("Declined: ", "No declined")) for r in reports)
    assert "Declined: 1200 in " in log.report()


def _writer(path: str, worker: int, n: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    log = MissLog(Path(path))  # every process opens (and may create) the log at once
    barrier.wait()
    for i in range(n):
        log.record(miss(f"worker {worker} question {i}"), f"w{worker}")
    log.close()  # multiprocessing's children end with os._exit: no atexit


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared" / "misses.sqlite3"
    workers, n = 6, 150
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(workers)
    procs = [ctx.Process(target=_writer, args=(str(path), w, n, barrier)) for w in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0] * workers
    entries = MissLog(path).entries()
    assert len(entries) == workers * n
    assert {e.question for e in entries} == {f"worker {w} question {i}" for w in range(workers) for i in range(n)}

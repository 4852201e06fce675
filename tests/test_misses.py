"""The log of unanswered questions: what the engine records, what curators read, and that
several processes writing at once lose nothing."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.answer import Answer
from bot.engine import Engine
from bot.misses import MissLog, group_misses


def miss(question: str, score: float = 40.0, best_fact: str | None = "q1-total") -> Answer:
    return Answer("declined", "zh", ((("这篇文章没有提到这一点", ""),),), score=score, best_fact=best_fact,
                  normalized=question)


@pytest.fixture
def log(tmp_path: Path) -> MissLog:
    return MissLog(tmp_path / "var" / "misses.sqlite3")


def test_empty_log_says_so_in_one_line(log: MissLog) -> None:
    text = log.report()
    assert text == "No unanswered questions logged."
    assert log.report(since_days=7) == "No unanswered questions logged in the last 7 day(s)."


def test_report_groups_similar_wordings_most_frequent_first(log: MissLog) -> None:
    for _ in range(3):
        log.record(miss("余杭区gdp是多少", 35, "profile-area"), "telegram")
    log.record(miss("余杭gdp是多少", 38, "profile-area"), "console")
    for _ in range(2):
        log.record(miss("余杭常住人口有多少", 30, "talent-share"), "telegram")
    log.record(miss("how many people live in yuhang", 20, None), "telegram")

    groups = log.groups()
    assert [g.count for g in groups] == [4, 2, 1]
    assert groups[0].question == "余杭区gdp是多少" and groups[0].variants == ("余杭gdp是多少",)
    assert groups[0].best_fact == "profile-area" and groups[0].best_score == 38
    assert groups[0].channels == ("console", "telegram")

    text = log.report()
    lines = text.splitlines()
    assert lines[0].startswith("Unanswered questions: 7 in 3 group(s)")
    assert "4× 余杭区gdp是多少" in lines[1] and "closest profile-area (38)" in lines[1]
    assert "also: 余杭gdp是多少" in lines[2]
    assert "2× 余杭常住人口有多少" in lines[3] and "talent-share" in lines[3]
    assert "no close fact" in lines[4]


def test_report_limit_and_since(log: MissLog) -> None:
    for i, q in enumerate(["余杭gdp是多少", "西湖区三季度投资多少", "余杭有多少所大学"]):
        for _ in range(3 - i):
            log.record(miss(q), "console")
    db = sqlite3.connect(log.path)
    with db:
        db.execute("INSERT INTO misses(at, question, score, best_fact, channel) VALUES (?, ?, 10, NULL, 'console')",
                   (time.time() - 10 * 86400, "十天前的问题"))
    db.close()

    limited = log.report(limit=1)
    assert "余杭gdp是多少" in limited and "西湖区" not in limited
    assert "3 more group(s)" in limited

    recent = log.report(since_days=1)
    assert "十天前的问题" not in recent and "6 in 3 group(s)" in recent
    assert "十天前的问题" in log.report(since_days=30)


def test_grouping_keeps_different_questions_apart() -> None:
    from bot.misses import Miss

    now = time.time()
    misses = [Miss(now, q, 10, None, "console") for q in
              ["余杭gdp是多少", "余杭gdp有多少", "临平新城三季度投资多少", "what is yuhang's gdp", "yuhang gdp what is"]]
    groups = group_misses(misses)
    assert sorted(len(g.variants) + 1 for g in groups) == [1, 2, 2]


def test_engine_logs_declines_only_with_normalized_question_and_channel(mini_engine: Engine) -> None:
    assert mini_engine.misses is not None
    mini_engine.ask("余杭區GDP是多少？", "telegram")
    mini_engine.ask("余杭一季度双集中总投资多少", "console")  # answered, with full confidence
    entries = mini_engine.misses.entries()
    assert [(e.question, e.channel) for e in entries] == [("余杭区gdp是多少", "telegram")]
    assert entries[0].best_fact and 0 <= entries[0].score < 70


def test_engine_without_misses_logs_nothing(mini_knowledge: Path, make_config, tmp_path: Path) -> None:
    config = make_config(mini_knowledge, enabled=False)
    engine = Engine(config, reload_interval=0)
    engine.ask("余杭GDP是多少")
    assert engine.misses is None and not Path(config.path(config.misses.path)).exists()


def _config_file(tmp_path: Path, knowledge: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(f"knowledge: {knowledge}\nmisses:\n  path: {tmp_path / 'var' / 'misses.sqlite3'}\n",
                    encoding="utf-8")
    return path


def test_cli_misses(mini_knowledge: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _config_file(tmp_path, mini_knowledge)
    assert main(["--config", str(config), "misses"]) == 0
    assert capsys.readouterr().out.strip().startswith("No unanswered questions logged yet")
    assert main(["--config", str(config), "ask", "余杭区GDP是多少"]) == 0
    assert main(["--config", str(config), "ask", "余杭GDP有多少"]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "misses", "--since", "1", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "Unanswered questions in the last 1 day(s): 2 in 1 group(s)" in out
    assert "2× 余杭" in out


def _writer(path: str, worker: int, n: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    log = MissLog(Path(path))  # every process opens (and may create) the log at once
    barrier.wait()
    for i in range(n):
        log.record(miss(f"worker {worker} question {i}"), f"w{worker}")


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

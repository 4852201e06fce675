"""A long `ask` batch answered on every CPU: worker processes forked once the engine is built.

The parent reads stdin, hands out chunks of lines, and writes each chunk's answers in input order,
holding at most a few chunks at a time, so a stdin of any length streams through. Workers only
answer (Engine.reply): the parent logs the misses they send back, once each, when it writes their
answers, so the misses log's file and writer thread stay in the one process that opened them.
A worker that dies costs nothing: its chunk and the rest are answered in the parent. Ctrl-C
is the parent's: workers ignore it, and the parent stops them as it stops.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from bot.console import Batch, Block, answer_lines, more_waiting

log = logging.getLogger(__name__)
CHUNK = 100  # lines a worker answers at a time: about 0.1 s, so the last chunks leave no CPU idle for long
CHUNK_CHARS = 100_000  # … or fewer lines, holding at most this many characters but for the last line
PARENT_CHECK_SECONDS = 0.5  # how soon a worker whose parent was killed exits
AHEAD = 2  # chunks handed out per worker beyond the one it answers: none waits, little is held

_batch: Batch | None = None  # in each worker: the parent's Batch (engine built), inherited through fork


def answer(batch: Batch, lines: Iterator[str], stdin: object, workers: int) -> None:
    """Answer `lines` in `workers` forked processes, writing in input order as `batch` would."""
    batch.stdout.flush()  # a worker must not inherit (and write again) what the parent has not written yet
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker,
                               initargs=(batch, os.getpid()))
    handed: deque[tuple[int, list[str], Future[Block]]] = deque()  # in input order
    first = batch.written
    try:
        for chunk, idle in _chunks(lines, stdin):
            handed.append((first, chunk, _submit(pool, first, chunk)))
            first += len(chunk)
            while handed and (idle or len(handed) > workers * (1 + AHEAD)):
                batch.write(handed[0][2].result())  # idle: the asker may be waiting for these answers
                handed.popleft()
        while handed:
            batch.write(handed[0][2].result())
            handed.popleft()
    except BrokenProcessPool:
        log.warning("a worker process died; answering the rest of the batch in this one")
        for start, chunk, _ in handed:
            batch.write(batch.answer(chunk, start))
        answer_lines(batch, lines, stdin, 1)
    finally:
        pool.shutdown(cancel_futures=True)  # waits for the chunks being answered: a fraction of a second


def _submit(pool: ProcessPoolExecutor, first: int, chunk: list[str]) -> Future[Block]:
    """The chunk handed to a worker; a pool already broken fails the future, not the call, so
    the chunk is kept with the others to answer in the parent."""
    try:
        return pool.submit(_answer_chunk, first, chunk)
    except BrokenProcessPool as e:
        failed: Future[Block] = Future()
        failed.set_exception(e)
        return failed


def _chunks(lines: Iterator[str], stdin: object) -> Iterator[tuple[list[str], bool]]:
    """Chunks of up to CHUNK lines (fewer when they are long), each with whether the input ran dry
    after it (the chunk is then cut short: its answers are written before waiting for more input)."""
    chunk: list[str] = []
    chars = 0
    for line in lines:
        chunk.append(line)
        chars += len(line)
        idle = not more_waiting(stdin)
        if idle or len(chunk) >= CHUNK or chars >= CHUNK_CHARS:
            yield chunk, idle
            chunk, chars = [], 0
    if chunk:
        yield chunk, True


def _start_worker(batch: Batch, parent: int) -> None:
    """In each worker: Ctrl-C reaches the whole process group, and is the parent's to handle; a
    parent killed outright (kill -9, SIGTERM) leaves its workers waiting for work forever, so
    each watches that its parent is still there."""
    global _batch
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _batch = batch
    threading.Thread(target=_exit_with, args=(parent,), name="parent-watch", daemon=True).start()


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _answer_chunk(first: int, lines: list[str]) -> Block:
    assert _batch is not None, "called in a worker only"
    return _batch.answer(lines, first)

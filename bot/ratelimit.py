"""Inbound flood control: at most N questions per chat in any sliding window of W seconds.

Over the limit a chat gets one polite reply and then silence until the window frees, so a
flooder cannot make the bot flood. Pure and clock-injectable, so tests need no sleeping.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable
from typing import Literal

Verdict = Literal["ok", "warn", "drop"]


class SlidingWindowLimiter:
    """Per-key sliding window: `check(key)` says whether to answer, warn once, or stay silent."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 10_000) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._hits: dict[Hashable, deque[float]] = {}
        self._warned: set[Hashable] = set()

    def check(self, key: Hashable) -> Verdict:
        """Record one request for `key` when it is allowed.

        "ok": answer it (it counts towards the window); "warn": the first request over the limit,
        answer with a polite "slow down"; "drop": any further request until the window frees.
        Refused requests do not count, so a chat is served again as soon as its oldest answered
        question leaves the window.
        """
        if self.limit <= 0:
            return "ok"
        now = self.clock()
        hits = self._hits.get(key)
        if hits is None:
            if len(self._hits) >= self.max_keys:
                self._forget_idle(now)
            hits = self._hits[key] = deque()
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        if len(hits) < self.limit:
            hits.append(now)
            self._warned.discard(key)
            return "ok"
        if key in self._warned:
            return "drop"
        self._warned.add(key)
        return "warn"

    def _forget_idle(self, now: float) -> None:
        """Keep memory bounded: drop keys whose window is empty."""
        for key in [k for k, hits in self._hits.items() if not hits or now - hits[-1] >= self.window]:
            del self._hits[key]
            self._warned.discard(key)

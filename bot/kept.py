"""Work handed over between processes: what an earlier process worked out, given back by
bot.formcache's disk cache, and, while a recording is open, what this process works out, for the
cache to keep. One `Kept` per kind of work (normalized forms, parsed trees, built lexicons, derived
fact forms); each module looks its work up in `given` and `record`s what it had to do itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Kept(Generic[K, V]):
    def __init__(self) -> None:
        self.given: dict[K, V] = {}
        self._records: list[dict[K, V]] = []

    def give(self, items: Mapping[K, V]) -> None:
        """Take work an earlier process did as done."""
        self.given.update(items)

    @contextmanager
    def recording(self) -> Iterator[dict[K, V]]:
        """What is recorded inside the block, by key."""
        made: dict[K, V] = {}
        self._records.append(made)
        try:
            yield made
        finally:
            self._records.remove(made)

    @property
    def recording_now(self) -> bool:
        return bool(self._records)

    @property
    def in_use(self) -> bool:
        """Anything given or being recorded: else the keys need not even be worked out."""
        return bool(self.given or self._records)

    def record(self, items: Mapping[K, V]) -> None:
        for made in self._records:
            made.update(items)

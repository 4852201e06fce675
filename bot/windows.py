"""How often each word of a few characters occurs in runs of text, held compactly.

Typo mending looks up the words of two to four characters of the fact base and its articles
(bot/mend.py). At 100,000 phrasings there are half a million of them: as the str keys of one
Counter they took 50 MB for as long as the matcher lived. Counted one size at a time and kept
as sorted 64-bit codes beside their counts, they take 6 MB, and counting them at most half that.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable


def _code(word: str) -> int:
    """The word's characters as one number, two bytes each (UTF-16): among words of one length
    of the Basic Multilingual Plane, each has its own, in the order of the words."""
    return int.from_bytes(word.encode("utf-16-be", "surrogatepass"), "big")


class WindowCounts:
    """What a Counter of every run's windows of the given sizes (1 to 4 characters) would hold,
    looked up with `get` and `in`; `chars`: every character of a counted word."""

    def __init__(self, runs: Callable[[], Iterable[str]], sizes: tuple[int, ...]) -> None:
        """`runs`: gives the runs of text afresh, once for each size counted."""
        if any(not 1 <= n <= 4 for n in sizes):
            raise ValueError("words of 1 to 4 characters only")
        self._sizes = frozenset(sizes)
        self._keys: dict[int, array] = {}
        self._counts: dict[int, array] = {}
        chars: frozenset[str] = frozenset()
        for n in sorted(sizes):
            counted: Counter[str] = Counter()
            for run in runs():
                counted.update(run[i : i + n] for i in range(len(run) - n + 1))
            if not chars:  # every character of a longer word is in one of the shortest words
                chars = frozenset("".join(counted))
            words = sorted(counted)  # in code order: str order is by code point
            self._keys[n] = array("Q", map(_code, words))
            self._counts[n] = array("I", map(counted.__getitem__, words))
            del counted, words
        self.chars = chars

    def get(self, word: str) -> int:
        """How often the word occurs; 0 when never."""
        n = len(word)
        if n not in self._sizes:
            return 0
        encoded = word.encode("utf-16-be", "surrogatepass")
        if len(encoded) != 2 * n:  # a character beyond the BMP: no counted word has one
            return 0
        code, keys = int.from_bytes(encoded, "big"), self._keys[n]
        i = bisect_left(keys, code)
        return self._counts[n][i] if i < len(keys) and keys[i] == code else 0

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) > 0

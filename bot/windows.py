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

_UTF16 = "utf-16-be"  # two bytes a character of the Basic Multilingual Plane, the first the higher


class WindowCounts:
    """What a Counter of every run's windows of the given sizes (1 to 4 characters) would hold,
    looked up with `get` and `in`; `chars`: every character of a counted word. A word's code is
    its UTF-16 bytes as one number: among words of one length, each has its own."""

    def __init__(self, runs: Callable[[], Iterable[str]], sizes: tuple[int, ...]) -> None:
        """`runs`: gives the runs of text (characters of the Basic Multilingual Plane) afresh, once
        for each size counted."""
        if any(not 1 <= n <= 4 for n in sizes):
            raise ValueError("words of 1 to 4 characters only")
        self._sizes = frozenset(sizes)
        self._keys: dict[int, array] = {}
        self._counts: dict[int, array] = {}
        chars: frozenset[str] = frozenset()
        for n in sorted(sizes):
            # counted as UTF-16 bytes, half the size of str keys while they are counted
            counted: Counter[bytes] = Counter()
            for run in runs():
                encoded = run.encode(_UTF16, "surrogatepass")
                counted.update(encoded[i : i + 2 * n] for i in range(0, len(encoded) - 2 * n + 1, 2))
            if not chars:  # every character of a longer word is in one of the shortest words
                chars = frozenset(b"".join(counted).decode(_UTF16, "surrogatepass"))
            words = sorted(counted)  # of one length: in the order of their codes
            self._keys[n] = array("Q", (int.from_bytes(w, "big") for w in words))
            self._counts[n] = array("I", map(counted.__getitem__, words))
            del counted, words
        self.chars = chars

    def get(self, word: str) -> int:
        """How often the word occurs; 0 when never."""
        n = len(word)
        if n not in self._sizes:
            return 0
        encoded = word.encode(_UTF16, "surrogatepass")
        if len(encoded) != 2 * n:  # a character beyond the BMP: no counted word has one
            return 0
        code, keys = int.from_bytes(encoded, "big"), self._keys[n]
        i = bisect_left(keys, code)
        return self._counts[n][i] if i < len(keys) and keys[i] == code else 0

    def words(self, n: int) -> frozenset[str]:
        """Every counted word of `n` characters."""
        keys = self._keys.get(n, array("Q"))
        return frozenset(k.to_bytes(2 * n, "big").decode(_UTF16, "surrogatepass") for k in keys)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) > 0

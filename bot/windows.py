"""How often each word of a few characters occurs in runs of text, held compactly.

Typo mending looks up the words of two to four characters of the fact base and its articles
(bot/mend.py). At 100,000 phrasings there are half a million of them: as the str keys of one
Counter they took 50 MB for as long as the matcher lived, and counting each size's windows in
Python took four seconds. Only the windows of the longest size are counted, in C, as 64-bit codes
read straight from the text's bytes; a shorter word's count is the sum over the windows it begins,
which are neighbours in code order. Kept as sorted codes beside running totals, they take 5 MB.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from itertools import accumulate

_UTF16 = "utf-16-be"  # two bytes a character of the Basic Multilingual Plane, the first the higher
_WIDTH = 4  # characters a code holds: 64 bits
_GAP = "\0"  # between runs, as often as a window is wide less one: no window holds two runs' characters


class WindowCounts:
    """What a Counter of every run's windows of the given sizes (1 to 4 characters) would hold,
    looked up with `get` and `in`; `chars`: every character of a counted word. A window's code is
    its UTF-16 code units as one number, the first the highest: the windows a word begins have the
    codes from the word's, followed by zeros, up to the next word's."""

    def __init__(self, texts: Iterable[str], between: re.Pattern[str], sizes: tuple[int, ...]) -> None:
        """The runs are what `between` leaves of the texts (characters of the Basic Multilingual
        Plane, no NUL), split out of all of them at once."""
        if any(not 1 <= n <= _WIDTH for n in sizes):
            raise ValueError("words of 1 to 4 characters only")
        self._sizes = frozenset(sizes)
        gap = _GAP * (_WIDTH - 1)
        text = gap.join(between.sub(gap, t) for t in texts) + gap
        counted = _window_codes(text)
        self._keys = array("Q", sorted(counted))
        self._totals = array("Q", accumulate(map(counted.__getitem__, self._keys), initial=0))  # of the codes before
        del counted
        shortest = min(sizes, default=_WIDTH)
        self.chars = frozenset("".join(re.findall(f"[^{_GAP}]{{{shortest},}}", text)))

    def get(self, word: str) -> int:
        """How often the word occurs; 0 when never."""
        n = len(word)
        if n not in self._sizes or _GAP in word:
            return 0
        encoded = word.encode(_UTF16, "surrogatepass")
        if len(encoded) != 2 * n:  # a character beyond the BMP: no counted word has one
            return 0
        shift = 16 * (_WIDTH - n)
        low = int.from_bytes(encoded, "big") << shift
        keys, totals = self._keys, self._totals
        return totals[bisect_left(keys, low + (1 << shift))] - totals[bisect_left(keys, low)]

    def words(self, n: int) -> frozenset[str]:
        """Every counted word of `n` characters: the distinct first `n` characters of the windows,
        but those reaching into a gap between runs."""
        if n not in self._sizes:
            return frozenset()
        shift = 16 * (_WIDTH - n)
        found = (p.to_bytes(2 * n, "big").decode(_UTF16, "surrogatepass") for p in {k >> shift for k in self._keys})
        return frozenset(w for w in found if _GAP not in w)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) > 0


def _window_codes(text: str) -> Counter[int]:
    """How often each window of _WIDTH characters of the text occurs, by code: 8 bytes of its
    UTF-16 cast to a native 64-bit number hold one window, with its first character highest when
    the text is read reversed in little-endian (forwards in big-endian); the four casts, each
    starting a character later, read every window."""
    if sys.byteorder == "little":
        data = text[::-1].encode("utf-16-le", "surrogatepass")
    else:
        data = text.encode("utf-16-be", "surrogatepass")
    counted: Counter[int] = Counter()
    for start in range(0, 2 * _WIDTH, 2):
        view = memoryview(data)[start:]
        counted.update(view[: len(view) // (2 * _WIDTH) * 2 * _WIDTH].cast("Q"))
    return counted

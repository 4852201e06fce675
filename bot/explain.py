"""Does a fact explain the question? Every informative word of the question should be accounted for
by the fact: its phrasings, answer, quote, topic, or the names of its slots.

A question that names an entity and an attribute the article does not give (天下秀的创始人,
之江实验室有多少研究人员) scores high on the entity's name alone; what gives it away is the word
nothing in the fact explains (创始人, 研究人员). Words are weighed by how informative they are in
the language (wordfreq's Zipf frequencies, bot/tables.py), not by the fact base's own counts, so an
unseen rare word (股价) weighs a lot and an unseen filler word (到底) does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.normalize import normalize
from bot.tables import zipf

_TOKEN = re.compile(r"[a-z]+|[\u3400-\u9fff]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_RARE = 2.5  # Zipf of a word missing from the table (it is rarer than all 90,000 there)
_MAX_LEN = 4


def informativeness(word: str) -> float:
    """0 for the commonest words (的, the), about 4-5 for a content word (创始人, founded)."""
    return max(0.0, 7.0 - zipf().get(word, _RARE))


def en_stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class Word:
    text: str
    weight: float


class Segmenter:
    """Splits Chinese into words by the most probable path over common words and the fact base's
    own words (names such as 天下秀 are one word); English into words."""

    def __init__(self, own_words: Iterable[str], skip: Iterable[str]) -> None:
        self.own = {w for w in own_words if 2 <= len(w) <= _MAX_LEN}
        self.skip = frozenset(skip)  # question words, filler, operation words: not content

    def _cost(self, word: str) -> float | None:
        if word in self.own:
            return 1.0
        z = zipf().get(word)
        if z is not None:
            return 8.0 - z
        return 9.0 if len(word) == 1 else None

    def _chinese(self, run: str) -> list[str]:
        n = len(run)
        best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * n
        for end in range(1, n + 1):
            for size in range(1, min(_MAX_LEN, end) + 1):
                cost = self._cost(run[end - size : end])
                if cost is not None and best[end - size][0] + cost < best[end][0]:
                    best[end] = (best[end - size][0] + cost, size)
        words, end = [], n
        while end:
            size = best[end][1]
            words.append(run[end - size : end])
            end -= size
        return words[::-1]

    def words(self, normalized: str) -> list[Word]:
        """The content words of a normalized question, each with its weight; question words,
        filler and numbers are not content."""
        out = []
        for token in _TOKEN.findall(normalized):
            parts = self._chinese(token) if _CJK.match(token) else [token]
            for part in parts:
                if part in self.skip or (part.isascii() and (len(part) < 3 or en_stem(part) in self.skip)):
                    continue
                out.append(Word(part, informativeness(part)))
        return out


class Explanation:
    """What one fact accounts for: its Chinese text as one string, its English words as stems."""

    def __init__(self, texts: Iterable[str]) -> None:
        forms = [normalize(t) for t in texts if t]
        self.zh = "\n".join(f for f in forms if _CJK.search(f))
        self.en = {en_stem(w) for f in forms for w in re.findall(r"[a-z]+", f)}

    def explains(self, word: str) -> bool:
        if word.isascii():
            return en_stem(word) in self.en
        if word in self.zh:
            return True
        # a longer word half of which the fact says (数字健康小镇 for 健康小镇, 研发中心 for 中心)
        return len(word) >= 3 and sum(word[i : i + 2] in self.zh for i in range(len(word) - 1)) >= len(word) - 1

    def unexplained(self, words: Iterable[Word]) -> list[Word]:
        return [w for w in words if not self.explains(w.text)]

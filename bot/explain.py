"""Does a fact explain the question? What a question asks of an entity must be accounted for by
the fact that answers it: its phrasings, answer, quote, topic, or the names of its slots.

A question that names an entity and an attribute the article does not give (天下秀的创始人,
之江实验室有多少研究人员) scores high on the entity's name alone; what gives it away is the word
nothing in the fact explains (创始人, 研究人员). The words that name attributes are curator data
(`attributes` in knowledge/lexicon.yaml). Weighing every unexplained word by its frequency in the
language (wordfreq) was tried too: on the blind tuning set it declined no further unanswerable
question and lost right answers to rewordings, so it is not used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from bot.normalize import has_chinese, normalize


@lru_cache(maxsize=4096)  # a base's English words are a few thousand, each met in many phrasings
def en_stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=4096)  # a question's words are looked up in each tied fact, and in each of its passes
def _stems_of(words: str) -> re.Pattern[str]:
    """English words found by their stems, in order, as whole words."""
    stems = " ".join(en_stem(w) for w in re.findall(r"[a-z]+", words))
    return re.compile(rf"(?<![a-z]){re.escape(stems)}(?![a-z])")


class Explanation:
    """What one fact accounts for: its Chinese text as one string, its English words as stems."""

    def __init__(self, texts: Iterable[str], normalized: bool = False) -> None:
        """`normalized`: the texts are given normalized (Matcher._explain normalizes many facts' at once)."""
        forms = list(texts) if normalized else [normalize(t) for t in texts if t]
        self.zh = "\n".join(f for f in forms if has_chinese(f))
        self.en = " ".join(en_stem(w) for f in forms for w in re.findall(r"[a-z]+", f))

    def explains(self, words: str) -> bool:
        """True when the fact says these words (English by stems, in order)."""
        if has_chinese(words):
            return words in self.zh
        return bool(_stems_of(words).search(self.en))

    def coverage(self, form: str) -> float:
        """The share of a scoring form's words the fact says."""
        return said_by([self], form)


def units(form: str) -> list[str]:
    """A scoring form's words, as coverage counts them: Chinese character pairs, English words."""
    out: list[str] = []
    for token in form.split():
        if has_chinese(token):
            out += [token[i : i + 2] for i in range(len(token) - 1)] or [token]
        elif not token.isdigit():
            out.append(token)
    return out


def said_by(explanations: list[Explanation], form: str, asking: re.Pattern[str] | None = None) -> float:
    """The share of a scoring form's words that at least one of these facts says, or that touch a
    match of `asking` (a question word, 什么 of 推出什么样解决方案: the answer's kind says its pairs)."""
    words = units(form)
    if not words:
        return 0.0
    given = _touching(form, asking) if asking else set()
    return sum(i in given or any(e.explains(w) for e in explanations) for i, w in enumerate(words)) / len(words)


def _touching(form: str, pattern: re.Pattern[str]) -> set[int]:
    """The positions in units(form) of the Chinese pairs that overlap a match of `pattern`."""
    found: set[int] = set()
    at = 0  # where the token's units start
    for token in form.split():
        if has_chinese(token):
            pairs = max(1, len(token) - 1)  # a pair j holds characters j and j + 1; one character is one unit
            for m in pattern.finditer(token):
                found.update(range(at + max(0, m.start() - 1), at + min(pairs, m.end())))
        at += len(units(token))
    return found

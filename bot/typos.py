"""One-character homophone typos, as pinyin input makes them (向目 for 项目, 鱼杭 for 余杭).

Used to measure robustness (`python -m bot eval --homophones 3`), never to answer. The confusion
list is third-party: pypinyin's main readings of the GB2312 characters (bot/tables.py), grouped by
toneless syllable, so a typo is a character a pinyin keyboard really offers for that sound.
"""

from __future__ import annotations

import random
import re

from bot.tables import readings, sounding

_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMERALS = set("零〇一二两三四五六七八九十百千万亿")  # a typo there names another quarter: a new question


def homophones(char: str) -> tuple[str, ...]:
    """Common characters that share a toneless reading with `char`, `char` itself excluded."""
    sounds = readings().get(char)
    return tuple(c for c in sounding(sounds[0]) if c != char) if sounds else ()


def variants(question: str, n: int, rng: random.Random) -> list[str]:
    """Up to `n` distinct copies of the question, each with one Chinese character replaced by a
    homophone; numerals are left alone (三季度 → 散季度 would be another question)."""
    spots = [m.start() for m in _CJK.finditer(question) if m.group() not in _NUMERALS and homophones(m.group())]
    out: list[str] = []
    for _ in range(n * 10):
        if len(out) == n or not spots:
            break
        i = rng.choice(spots)
        typo = question[:i] + rng.choice(homophones(question[i])) + question[i + 1 :]
        if typo not in out:
            out.append(typo)
    return out


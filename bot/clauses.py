"""Two questions in one message ("When and where was X set up?", "How much did Q3 total, and how
many projects were signed?"): the clauses each ask something, and one fact rarely answers both.

Only the text is split here; the matcher answers each clause and keeps the split only when every
clause is answered. A clause that names nothing but its question word ("When" in "When and where
was X set up?") borrows the rest of the next clause.
"""

from __future__ import annotations

import re
from functools import cache

_QUESTION_WORD = r"(?:how|what|when|where|which|who|whose|whom)"
# an English clause starts at "and" or a comma before a question word (a preposition before it goes:
# "and on what date?" asks "what date?"); Chinese ones at a comma, a semicolon, a colon, after a question
# mark with more text after it (the mark stays with its clause:
# it says the clause asks, as a question word would), after an exclamation mark between Chinese
# (厉害了！那…), or at a space between two (全国第几 全省第几;
# the matcher keeps a split only where every clause asks something). Only the English words are
# read case-blind: a Chinese range read so costs 10 ms to compile, and no Chinese character has a case
# Each cut starts at a space, a comma or a semicolon, or just after a question or exclamation mark: re tests that
# first at each character instead of trying every way of cutting there (almost twice as fast).
_SPLIT = (r"(?:(?=[\s,，；;、：:])|(?<=[？?！!]))(?:"
          rf"(?i:\s*,\s*(?:and\s+)?(?:(?:on|in|at|by|from|for)\s+)?(?={_QUESTION_WORD}\b|(?:could|can|would|will)\s+you\b)"
          rf"|\s+and\s+(?:(?:on|in|at|by|from|for)\s+)?(?={_QUESTION_WORD}\b))"
          r"|\s*[，；;：]\s*(?=\S)|(?<=[\u4e00-\u9fff]):\s*(?=[\u4e00-\u9fff])|(?<=[？?])\s*(?=\S)|(?<=[\u4e00-\u9fff][！!])\s*(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff\U0001F300-\U0001FAFF])\s+(?=[\u4e00-\u9fff])"
          r"|(?<=[的了吗呢啥几么])\s*、\s*(?=\S)"  # 白皮书哪天发的、谁发的: a list of questions, not of names
          r"|(?<=[a-z]\.)\s+(?=[A-Z]))")  # English sentences: "…around Hangzhou. Before our call, could you…"
_CUTS = frozenset(",，；;?？、：:!！")  # _SPLIT cuts only at one of these or at a space: compiled for texts having one
_compiled = cache(re.compile)
_LEADING = re.compile(rf"^\s*{_QUESTION_WORD}\b\s*", re.IGNORECASE)
# a Chinese question word anywhere in a clause (属于哪个平台, 叫什么): it asks, though of no kind the
# lexicon's words tell
ASKING_ZH = re.compile(r"[哪谁吗啥咋]|(?<![好十])几|什么|多少|怎么|怎样|如何")  # 好几位, 十几个: several, not asked


# a Chinese question word said twice with nothing between the clauses (几号开园几号开服)
_TWICE = re.compile(r"(几号|多少|几个|哪天|什么时候)(?=.)(.+?)(?=\1)")


def clauses(text: str) -> list[str]:
    """The clauses of a message, each a question of its own; one item when it is one question."""
    parts = [p for p in _split(text.strip()) if p.strip()]
    if len(parts) < 2 and (m := _TWICE.search(text)):
        # 几号开园几号开服: the second clause starts at the word's second time when the first starts
        # with it; 一季度多少二季度多少: it starts after the first time
        cut = m.start(2) + len(m.group(2)) if m.start() == 0 else m.end(1)
        parts = [text[:cut], text[cut:]]
    if len(parts) < 2:
        return [text]
    out: list[str] = []
    for i, part in enumerate(parts):
        if _LEADING.sub("", part).strip(" ?？") or i + 1 == len(parts):
            out.append(part)
        else:  # "When" of "When and where was …": ask "When was …"
            out.append(f"{part.strip()} {_LEADING.sub('', parts[i + 1])}")
    return out


# 、 just after a question word and its verb, before a clause asking again: 哪天开园、首批引进了多少项目
_ASKED_THEN = re.compile(rf"(?:[哪几谁]|什么|多少)[\u4e00-\u9fff]{{0,3}}、(?=.*?(?:{ASKING_ZH.pattern}))")


def _split(text: str) -> list[str]:
    """The text cut at _SPLIT, which is compiled (3 ms) only for a text with a mark or a space it may cut at."""
    if _CUTS.isdisjoint(text) and not any(map(str.isspace, text)):
        return [text]
    return [cut for part in _compiled(_SPLIT).split(text) for cut in (_asked_then(part) if "、" in part else (part,))]


def _asked_then(text: str) -> list[str]:
    """The text cut at each 、 _ASKED_THEN finds (the mark left out)."""
    parts, last = [], 0
    for m in _ASKED_THEN.finditer(text):
        parts.append(text[last : m.end() - 1])
        last = m.end()
    return [*parts, text[last:]]


def asks(text: str, mended: str | None = None) -> bool:
    """Whether a clause says it asks: a question mark after it, an English question word before it
    ("What was the Q2 figure", with no word of what kind of figure), or a Chinese one in it, read
    in its `mended` form when given (双几中 is 双集中 mistyped: its 几 asks nothing)."""
    return text.rstrip().endswith(("?", "？")) or _LEADING.match(text) is not None \
        or ASKING_ZH.search(text if mended is None else mended) is not None

"""Read the distinguishing parts of a normalized question: its slots and what it asks for.

Fuzzy scores cannot tell 1季度 from 3季度 (one character apart), so these parts are read
exactly and compared exactly; `match` only lets a fact through when they agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.normalize import cache_short, normalize

Slots = dict[str, frozenset[str]]

_FIRST_THREE = re.compile(r"前3季度")
_QUARTERS = re.compile(r"(?<![\d.])([1-9](?:[、,和与及跟或 ]*[1-9])*)季度")
_DATE = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?![\d.]|亿|万|元|个|家|平|多|余|人)")

# What the question asks for, by its wording. A fact whose `asks` is not among the kinds a
# question's wording allows loses points in `match` (a soft signal: wording varies).
_INTENTS: dict[str, tuple[re.Pattern[str], frozenset[str]]] = {
    name: (re.compile(pattern), frozenset(kinds))
    for name, pattern, kinds in [
        ("count", r"几个|多少个|多少家|几家|多少项|几项|多少名|多少人|几个人|how many|number of", ("count",)),
        ("amount", r"多少钱|多少亿|多少资金|投资额|投资多少|投资总额|总投资|估值|how much|worth|valu|total investment",
                   ("amount",)),
        ("share", r"比例|占比|几成|百分之|what share|what proportion|what percent|how much of", ("share",)),
        ("rank", r"第几|排名|排第|名次|哪一名|rank|position|stand", ("rank",)),
        ("when", r"什么时候|哪天|哪一天|何时|几号|几月|日期|when|what date|which day", ("date", "year")),
        ("who", r"谁|哪位|(?<!为)什么人|who", ("person", "name")),
        ("where", r"哪里|哪儿|在哪|哪个区域|哪个地方|where", ("place", "list")),
        ("which", r"哪些|哪几|(?<![a-z])(?:which|name the|list)(?![a-z])", ("list", "name", "place", "person", "text")),
        ("area", r"面积|多大|平方公里|how big|how large|area|square", ("area",)),
        ("duration", r"多少天|几天|多久|多长时间|how long|how many days", ("duration",)),
    ]
}


def _trie(words: list[str]) -> str:
    """One regex for many words, shaped as a trie: Python's re tries alternatives one by one,
    so a flat alternation of a few hundred names is several times slower. Longest match first."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        group = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return group + "?" if "" in node else group

    return emit(root)


class SlotReader:
    """Finds vocabulary names, quarters, dates and years in normalized text."""

    def __init__(self, vocabulary: Mapping[str, Mapping[str, tuple[str, ...]]]) -> None:
        self._alias: dict[str, tuple[str, str]] = {}
        for kind, entries in vocabulary.items():
            for canonical, aliases in entries.items():
                for alias in aliases:
                    form = normalize(alias)
                    if form:
                        self._alias.setdefault(form, (kind, canonical))
        latin = [f for f in self._alias if re.search("[a-z0-9]", f)]
        chinese = [f for f in self._alias if f not in latin]
        parts = ([rf"(?<![a-z0-9]){_trie(latin)}(?![a-z0-9])"] if latin else []) + ([_trie(chinese)] if chinese else [])
        self._names = re.compile("|".join(parts)) if parts else None
        self.positions = cache_short(maxsize=4096)(self._positions)  # read, canonical and compute ask alike

    def _positions(self, text: str) -> list[tuple[int, str, str]]:
        """Every slot mention as (position, kind, value), in the order the text names them."""
        found: list[tuple[int, str, str]] = []
        if self._names:
            for m in self._names.finditer(text):
                kind, canonical = self._alias[m.group()]
                found.append((m.start(), kind, canonical))
        for m in _FIRST_THREE.finditer(text):
            found.append((m.start(), "quarter", "1-3"))
        for m in _QUARTERS.finditer(_FIRST_THREE.sub(lambda x: " " * len(x.group()), text)):
            found += [(m.start() + d.start(), "quarter", d.group()) for d in re.finditer(r"[1-9]", m.group(1))]
        for m in _DATE.finditer(text):
            found.append((m.start(), "date", f"{int(m.group(1))}-{int(m.group(2))}"))
        for m in _YEAR.finditer(text):
            found.append((m.start(), "year", m.group(1)))
        return sorted(found)

    def canonical(self, text: str) -> str:
        """The text with every vocabulary alias replaced by its canonical name, so that
        "Tianxiaxiu", "网红城市" and "天下秀" score alike."""
        if not self._names:
            return text
        return self._names.sub(lambda m: f" {self._alias[m.group()][1]} ", text)

    def read(self, text: str) -> Slots:
        """Slots of one normalized text, e.g. {'quarter': {'3'}, 'zone': {'临平新城'}}."""
        found: dict[str, set[str]] = {}
        for _, kind, value in self.positions(text):
            found.setdefault(kind, set()).add(value)
        return {kind: frozenset(values) for kind, values in found.items()}


def intents(text: str) -> frozenset[str]:
    """The kinds of answer (fact `asks` values) that the question's wording allows; empty when
    the wording says nothing."""
    allowed: set[str] = set()
    for pattern, kinds in _INTENTS.values():
        if pattern.search(text):
            allowed |= kinds
    return frozenset(allowed)

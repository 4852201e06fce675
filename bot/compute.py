"""Questions that combine facts: sums, differences, shares, maxima and orderings.

Only facts the curators declared comparable (a `series` in the YAML, one unit) are combined,
and only on exact decimals. A computed figure is always labelled as computed; an input given
only approximately (超过10亿元) or a question mixing units is declined, never estimated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from bot.knowledge import Fact, Knowledge, Series
from bot.slots import SlotReader

SERIES_MARGIN = 10  # a whole series is combined only when it is this close to the best single fact


def fmt(value: Decimal) -> str:
    """Exact decimal, no exponent, no trailing zeros: 1738, 1228.41."""
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class Computation:
    op: str  # sum | diff | change | share | max | min | order | each
    series: Series | None  # None only for a refusal that concerns no one series (mixed units)
    members: tuple[Fact, ...]  # the inputs, in the order the question named them
    result: Decimal | None  # sum, difference and change in percent (signed), share in percent; else None
    winners: tuple[Fact, ...] = ()  # max/min: the members with that value; order: all, sorted
    refusal: str = ""  # why it cannot be computed: approx | mixed | growth

    @property
    def result_text(self) -> str:
        """The computed figure as the article would write it: 1738亿元, 44亿元, 34.5%."""
        if self.result is None or self.series is None:
            return ""
        if self.op in ("share", "change"):
            return f"{fmt(abs(self.result).quantize(Decimal('0.1'), ROUND_HALF_UP))}%"
        return f"{fmt(abs(self.result))}{self.series.unit}"


def value(fact: Fact) -> Decimal:
    return fact.figures[0].value


class Calculator:
    """Finds the series and members a combining question names, and computes on them."""

    def __init__(self, knowledge: Knowledge, reader: SlotReader, fact_slots: dict[str, dict[str, frozenset[str]]]):
        self.knowledge = knowledge
        self.lexicon = knowledge.lexicon
        self.reader = reader
        self.members: dict[str, list[Fact]] = {}
        for fact in knowledge.facts:
            if fact.series and fact.series.id in knowledge.series:
                self.members.setdefault(fact.series.id, []).append(fact)
        self.fact_slots = fact_slots

    def _named(self, text: str, members: list[Fact]) -> list[Fact]:
        """Members the question names, in the order it names them (前3季度 names quarters 1-3).
        Only slots that tell members apart name one: 2020年 names no single quarter."""
        out: list[Fact] = []
        for _, kind, val in self.reader.positions(text):
            vals = {"1", "2", "3"} if (kind, val) == ("quarter", "1-3") else {val}
            hits = [f for f in members if self.fact_slots[f.id].get(kind, frozenset()) & vals]
            if len(hits) < len(members):
                out += [f for f in hits if f not in out]
        return out

    def _change_pair(self, text: str, named: list[Fact]) -> list[Fact]:
        """(changed, reference): 三季度比二季度 names the changed one first, 从二季度到三季度 and
        "from Q2 to Q3" the reference first; 三季度环比 means against the quarter before."""
        if len(named) >= 2:
            first, second = named[:2]
            return [second, first] if re.search(r"从|from", text) else [first, second]
        if len(named) == 1:
            quarter = self.fact_slots[named[0].id].get("quarter", frozenset())
            before = {str(int(q) - 1) for q in quarter if q.isdigit()}
            previous = [f for f in self.members.get(named[0].series.id if named[0].series else "", [])
                        if self.fact_slots[f.id].get("quarter", frozenset()) & before]
            return [named[0], previous[0]] if previous else [named[0]]
        return []

    def compute(self, text: str, op: str, scores: dict[str, float], series_scores: dict[str, float],
                floor: float) -> Computation | None:
        """A computation when the question names ≥2 members of one series (or, for a share or a
        change, one),
        or names none with a clear operation word and that series is about as close as the best
        single fact; None when it is not a combining question after all ("三季度总投资" is one
        fact even with 总 in it)."""
        weak = op.endswith("?")
        op = op.rstrip("?")
        money, count = self.lexicon.quantity(text, "amount"), self.lexicon.quantity(text, "count")
        if op in ("sum", "diff", "share") and money and count:
            return Computation(op, None, (), None, refusal="mixed")
        top = max(scores.values(), default=0.0)
        best: tuple[int, float, str, list[Fact]] | None = None
        for sid, members in self.members.items():
            named = self._named(text, members)
            near = max(series_scores.get(sid, 0.0), *(scores.get(f.id, 0.0) for f in members))
            whole = not named and not weak and near >= max(floor, top - SERIES_MARGIN)
            if (len(named) >= 2 or (op in ("share", "change") and named) or whole) and (
                best is None or (len(named), near) > best[:2]
            ):
                best = (len(named), near, sid, named)
        if best is None:
            return None
        _, _, sid, named = best
        series = self.knowledge.series[sid]
        everyone = self.members[sid]
        chosen = named or everyone
        if (money and "元" not in series.unit) or (count and "元" in series.unit):
            return None  # asks for another quantity than this series holds (投资 of the 20/21/17 projects)
        if op == "share" and len(named) == 1:  # one member's share of the whole series
            chosen = named + [f for f in everyone if f is not named[0]]
        if op == "change":
            chosen = self._change_pair(text, named)
            if len(chosen) < 2:  # 一季度环比: the quarter before is not in the article
                return Computation(op, series, tuple(named), None, refusal="growth")
        inputs = tuple(chosen)
        if op == "each":  # the article's own figures, one by one: nothing is computed
            return Computation(op, series, inputs, None, inputs)
        if any(f.figures[0].qualifier for f in inputs):
            return Computation(op, series, inputs, None, refusal="approx")
        if op == "sum":
            return Computation(op, series, inputs, sum((value(f) for f in inputs), Decimal(0)))
        if op == "diff":
            return Computation(op, series, inputs[:2], value(inputs[0]) - value(inputs[1]))
        if op == "change":  # relative to the second: 三季度比二季度降了7.3%
            base = value(inputs[1])
            return Computation(op, series, inputs, (value(inputs[0]) - base) * 100 / base if base else None)
        if op == "share":
            total = sum((value(f) for f in inputs), Decimal(0))
            return Computation(op, series, inputs, value(inputs[0]) * 100 / total if total else None)
        ranked = sorted(inputs, key=value, reverse=op != "min")
        if op == "order":
            return Computation(op, series, inputs, None, tuple(ranked))
        top = value(ranked[0])
        return Computation(op, series, inputs, None, tuple(f for f in ranked if value(f) == top))

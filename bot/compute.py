"""Questions that combine facts: which series and which of its members a question names.

Only facts the curators declared comparable (a `series` in the YAML, one unit) are combined,
and only on exact decimals. A computed figure is always labelled as computed; an input given
only approximately (超过10亿元) or a question mixing units is declined, never estimated. What
each operation computes, and how it reads, is in bot/operations.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import cast

from bot.model import Fact, Knowledge, Series
from bot.operations import OPERATIONS, Computation, GroupDiff, Share, fmt, value
from bot.slots import TIME_KINDS, SlotReader

# what a share is of, just before the member named: "what share of 3季度's total"
_SHARE_OF = re.compile(r"(?:share|percent|percentage|proportion|fraction)\s+of\s+(?:the\s+)?(?:\S+\s+)?$")
_ANY_QUARTER = re.compile(r"季度|(?<![a-z])quarters?(?![a-z])")  # said with no number: any of them
# words saying which of two figures a change is measured against (比, than): else the earlier one
_THAN = re.compile(r"比|(?<![a-z])than(?![a-z])")  # a difference's sides either side of it
# what says the side named after it is what the other is measured against (跟一季度比，三季度…;
# 三季度跟一季度比 measures the first against the second, as 比 does), or 从 the first (从一季度到…)
_REFERENCE_FIRST = re.compile(r"从|from|(?:跟|和|与|同)[^，,比]{1,20}?相?比(?![较例重])|相比于?|比起|对比|较"
                              r"|(?<![a-z])(?:compared (?:with|to)|relative to|versus|vs)(?![a-z])")
_WHOLE = re.compile(r"三类|全部|所有|总数|一共|合计|总共|(?<![a-z])(?:all|total)(?![a-z])")  # a series' whole, after 占
_OVER_SPAN = frozenset({"mean", "max", "min"})
_WHOLE_BEFORE = re.compile(r"在.+(?:里|中|内|当中|之中)")
_ORDERED = re.compile(r"比|(?<!比)较|than|(?<![a-z])(?:vs|versus|compared|relative|against|over)(?![a-z])")
# …unless a whole follows it: "share of Q1 in the three quarters' total" (Q1 is the part)
_PART_IN = re.compile(r"\S+\s+in\s+\S")


class Calculator:
    """Finds the series and members a combining question names, and computes on them."""

    def __init__(self, knowledge: Knowledge, reader: SlotReader, fact_slots: dict[str, dict[str, frozenset[str]]]):
        self.knowledge = knowledge
        self.lexicon = knowledge.lexicon
        self.reader = reader
        # a series' members by article: 2020's quarters are never added to 2021's
        self.members: dict[tuple[str, str], list[Fact]] = {}
        for fact in knowledge.facts:
            if fact.series and fact.series.id in knowledge.series:
                self.members.setdefault((fact.series.id, fact.source.doc), []).append(fact)
        self.fact_slots = fact_slots

    def _named(self, text: str, members: list[Fact], by: str = "declared") -> list[Fact]:
        """Members the question names, in the order it names them (前3季度 names quarters 1-3).
        Only slots that tell members apart name one: 2020年 names no single quarter. A time names
        a member only where the YAML declares it (`by="declared"`: "三季度签约的碳纤维项目" in a
        phrasing does not make that project Q3's), or also where a phrasing says it (`by="any"`);
        `by="name"`: only names, no times."""
        out: list[Fact] = []
        for _, kind, val in self.reader.positions(text):
            timed = kind in TIME_KINDS
            if timed and by == "name":
                continue
            vals = {"1", "2", "3"} if (kind, val) == ("quarter", "1-3") else {val}
            hits = [f for f in members if (f.slots if timed and by == "declared" else self.fact_slots[f.id])
                    .get(kind, frozenset()) & vals]
            if len(hits) < len(members):
                out += [f for f in hits if f not in out]
        return out

    def _only_as_whole(self, text: str, member: Fact) -> bool:
        """The one member a share question names is what the share is of (…占三季度总投资的多少,
        what share of Q3's total is …): the part is something else, which this series lacks."""
        slots, others = self.fact_slots[member.id], [self.fact_slots[f.id] for f in self.members.get(
            (member.series.id if member.series else "", member.source.doc), []) if f is not member]
        said = [pos for pos, kind, val in self.reader.positions(text)  # what tells it from the others
                if val in slots.get(kind, ()) and not all(val in o.get(kind, ()) for o in others)]
        of = text.find("占")
        if of >= 0:
            return all(pos > of for pos in said)
        return any(_SHARE_OF.search(text, 0, pos) and not _PART_IN.match(text, pos) for pos in said)

    def per_item(self, total: Fact) -> Computation | None:
        """An amount that is the total of one series' members (`total_of`: the 329亿元 of the three
        categories' 20, 21 and 17 projects), shared over their count; None unless exactly one series
        of counts has a member for each of the names it totals."""
        kinds = total.total_of
        names = {kind: self.fact_slots[total.id].get(kind, frozenset()) for kind in kinds}
        found = [members for (_, doc), members in self.members.items() if doc == total.source.doc
                 and members[0].series and self.knowledge.series[members[0].series.id].unit == "个"
                 and kinds and all(names[k] and names[k] == {v for f in members for v in self.fact_slots[f.id].get(k, ())}
                                   for k in kinds)]
        if len(found) != 1 or not total.figures or "元" not in total.figures[0].unit:
            return None
        return OPERATIONS["per_item"].run(Series("", {}, total.figures[0].unit), (total, *found[0]))

    def pair(self, part: str, whole: str) -> tuple[Fact, Fact] | None:
        """The two members of one series that the two sides of a share name, one each (Q3 total
        as a percentage of Q2's: 556亿元 of 600亿元, not of their sum); None unless exactly one
        series has such a pair."""
        found = [(a[0], b[0]) for members in self.members.values()
                 if len(a := self._named(part, members)) == 1 and len(b := self._named(whole, members)) == 1
                 and a[0] is not b[0]]
        return found[0] if len(found) == 1 else None

    def _said_again(self, text: str, named: list[Fact]) -> Fact | None:
        """The one member the question names once more than the others (the whole said as all
        of them, the part once more): the part of a share."""
        times = {f.id: 0 for f in named}
        for _, kind, val in self.reader.positions(text):
            for f in named:
                if val in self.fact_slots[f.id].get(kind, frozenset()):
                    times[f.id] += 1
        most = max(times.values())
        found = [f for f in named if times[f.id] == most]
        return found[0] if len(found) == 1 and most > min(times.values()) else None

    def _grouped(self, text: str, series: Series, members: list[Fact]) -> Computation | None:
        """A difference of one member and several taken together, its sides either side of 比 or
        "than" (三季度比上半年平均少多少, 上半年比三季度多多少): the several as their mean when their side
        says so (平均), else their sum when it says that (上半年 is 1、2季度合计); None when a side
        names other than one member or several, or says neither, or a figure is approximate."""
        cut = _THAN.search(text)
        if not cut:
            return None
        sides = [tuple(self._named(side, members) or self._spanned(side, members))
                 for side in (text[: cut.start()], text[cut.end() :])]
        if sorted(map(len, sides))[0] != 1 or max(map(len, sides)) < 2:
            return None
        group = text[: cut.start()] if len(sides[0]) > 1 else text[cut.end() :]
        grouping = "mean" if self.lexicon.operation_words(group, "mean") else \
            "sum" if self.lexicon.operation_words(group, "sum") else ""
        # one member against a mean that takes it in (三季度比前三季度的平均低多少) is asked; against a sum, not
        if not grouping or any(f.figures[0].qualifier for side in sides for f in side) \
                or (grouping == "sum" and {f.id for f in sides[0]} & {f.id for f in sides[1]}):
            return None
        return cast(GroupDiff, OPERATIONS["group_diff"]).run_sides(series, sides[0], sides[1], grouping)

    def _joint_part(self, text: str, named: list[Fact], members: list[Fact]) -> Computation | None:
        """A share whose part is the members named before 占 taken together (A加B占…): of the whole
        series when what follows 占 names no member and says the series whole (its total as a
        number, or 三类, 全部…), else refused; None when the part is not several members added."""
        of = text.find("占")
        if of < 0 or not self.lexicon.operation_words(text[:of], "sum") or self._named(text[of:], members) \
                or _WHOLE_BEFORE.search(text, 0, of):  # 三季度在三个季度合计里占比多少: the sum is the whole
            return None
        part = self._named(text[:of], members)
        series = self.knowledge.series[members[0].series.id] if members[0].series else None
        if len(part) != len(named) or series is None:
            return None
        total = re.escape(fmt(sum((value(f) for f in members), Decimal(0))))
        # the whole said as its number after 占, or before the part as what it is in (58个项目里制造业和数字经济…)
        if len(part) == len(members) or not (_WHOLE.search(text, of) or re.search(rf"(?<!\d){total}(?!\d)", text[of:])
                                             or re.search(rf"(?<!\d){total}(?!\d)\D{{0,6}}?(?:里|中)", text[:of])):
            return Computation("share", series, tuple(part), refusal="joint_whole")
        if any(f.figures[0].qualifier for f in members):
            return Computation("share", series, tuple(members), refusal="approx")
        return cast(Share, OPERATIONS["share"]).run_joint(series, tuple(part), tuple(f for f in members if f not in part))

    def _before_than(self, text: str, named: list[Fact]) -> list[Fact]:
        """Two members of a difference, the one named last before 比 or "than" first: figures said
        before the question (一季度582亿，二季度600亿，二季度比一季度多多少) name them in another order."""
        cut = _THAN.search(text)
        if not cut:
            return named
        positions = self.reader.positions(text)
        said = [pos for pos, kind, val in positions
                if pos < cut.start() and any(val in self.fact_slots[f.id].get(kind, ()) for f in named)]
        if not said:
            return named
        last = [f for f in named if any(val in self.fact_slots[f.id].get(kind, ()) for pos, kind, val
                                        in positions if pos == said[-1])]
        return [last[0], *(f for f in named if f is not last[0])] if len(last) == 1 else named

    def _reference_first(self, text: str, named: list[Fact]) -> bool:
        """Whether the member named first is what the other is measured against: 从 or "from"
        anywhere, or 跟…比, 相比, 较, "compared with" before it (请问跟一季度比，三季度…)."""
        found = _REFERENCE_FIRST.search(text)
        if not found or not named:
            return False
        if found.group() in ("从", "from"):
            return True
        slots = self.fact_slots[named[0].id]
        first = min((pos for pos, kind, val in self.reader.positions(text) if val in slots.get(kind, ())), default=-1)
        return found.start() < first

    def _extremes(self, text: str, members: list[Fact]) -> tuple[Fact, Fact] | None:
        """The highest and the lowest of the members, when the question asks both (最高…最低…差多少)
        and each is one member with an exact figure; else None."""
        if len(members) < 2 or not (self.lexicon.operation_words(text, "max") and self.lexicon.operation_words(text, "min")) \
                or any(f.figures[0].qualifier for f in members):
            return None
        values = sorted(value(f) for f in members)
        if values[-1] == values[-2] or values[0] == values[1]:
            return None
        return max(members, key=value), min(members, key=value)

    def _spanned(self, text: str, members: list[Fact]) -> list[Fact]:
        """Every member, when the text names the span of quarters they are, one each (前3季度), else none."""
        if not any((kind, val) == ("quarter", "1-3") for _, kind, val in self.reader.positions(text)):
            return []
        quarters = [f.slots.get("quarter", frozenset()) for f in members]
        return sorted(members, key=self.quarter) if all(len(q) == 1 for q in quarters) \
            and set().union(*quarters) == {"1", "2", "3"} and len(members) == 3 else []

    def quarter(self, fact: Fact) -> str:
        """The fact's quarter, for ordering members in time ("" when it has none)."""
        return min(self.fact_slots[fact.id].get("quarter", frozenset({""})))

    def _before(self, fact: Fact) -> Fact | None:
        """The member of the fact's series for the quarter before its own (环比)."""
        quarter = self.fact_slots[fact.id].get("quarter", frozenset())
        before = {str(int(q) - 1) for q in quarter if q.isdigit()}
        members = self.members.get((fact.series.id if fact.series else "", fact.source.doc), [])
        return next((f for f in members if self.fact_slots[f.id].get("quarter", frozenset()) & before), None)

    def compute(self, text: str, op: str, scores: dict[str, float], series_scores: dict[str, float],
                floor: float, margin: float, doc: str | None = None, whole: bool = True) -> Computation | None:
        """A computation when the question names ≥2 members of one series (or, for a share or a
        change, one), or names none with a clear operation word and that series is about as close
        as the best single fact; None when it is not a combining question after all ("三季度总投资"
        is one fact even with 总 in it). With `doc`, only that article's series; `whole=False`:
        never the whole series (the question may name members this could not read)."""
        weak = op.endswith("?")
        op = op.rstrip("?")
        money, count = self.lexicon.quantity(text, "amount"), self.lexicon.quantity(text, "count")
        if op in ("sum", "diff", "share") and money and count:
            return Computation(op, None, (), None, refusal="mixed")
        top = max(scores.values(), default=0.0)
        best: tuple[tuple[int, int, float], tuple[str, str], list[Fact]] | None = None
        operation = OPERATIONS[op]
        nears = {key: max(series_scores.get(key[0], 0.0), *(scores.get(f.id, 0.0) for f in members))
                 for key, members in self.members.items() if doc is None or key[1] == doc}
        if _ANY_QUARTER.search(text) and not self.reader.read(text).get("quarter"):
            for key in nears:  # which quarter was strongest: the one series whose members are quarters
                if len({self.quarter(f) for f in self.members[key]}) == len(self.members[key]) > 1:
                    nears[key] = max(nears[key], top, floor)
        leading = max(nears.values(), default=0.0)
        for key, members in self.members.items():
            if key not in nears:
                continue
            # an average, highest or lowest over the quarters spanned (前3季度) is over those members
            named = self._named(text, members) or (self._spanned(text, members) if op in _OVER_SPAN else [])
            near = nears[key]
            # the whole series only when the question points at no member (9月29号那次 is Q3's)
            every = (whole and operation.whole and not weak and not self._named(text, members, by="any")
                     and near >= max(floor, top - margin))
            # the series the question is about, not one it happens to name one member of
            # (三季度签约项目里优质项目占几成 is about the categories, though it names a quarter)
            if len(named) < 2 and near < leading - margin:
                continue
            # a member named by its name (制造业) outweighs one named by a time (Q3 signings)
            rank = (len(named), len(self._named(text, members, by="name")), near)
            if (len(named) >= operation.minimum or every) and (best is None or rank > best[0]):
                best = (rank, key, named)
        if best is None and op == "diff":
            # one quarter against all three (三季度比前三季度的平均低多少), or the highest of them less the
            # lowest (前三季度里最高的和最低的差多少): a span names no one member
            found = [g for key, members in self.members.items() if key in nears
                     and (g := self._grouped(text, self.knowledge.series[key[0]], members)
                          or ((extremes := self._extremes(text, self._spanned(text, members)))
                              and operation.run(self.knowledge.series[key[0]], extremes)))]
            return found[0] if len(found) == 1 else None
        if best is None:
            return None
        _, key, named = best
        series = self.knowledge.series[key[0]]
        if (money and "元" not in series.unit) or (count and "元" in series.unit):
            return None  # asks for another quantity than this series holds (投资 of the 20/21/17 projects)
        if op == "share" and len(named) == 1 and self._only_as_whole(text, named[0]):
            return Computation(op, series, tuple(named), refusal="share_of")  # 三类项目投资占三季度总投资
        if op == "share" and len(named) >= 2 and (joint := self._joint_part(text, named, self.members[key])) is not None:
            return joint  # 制造业加数字经济项目占58个签约项目的比重: (20 + 21) ÷ (20 + 21 + 17)
        if op == "share" and len(named) > 2 and (again := self._said_again(text, named)):
            named = [again, *(f for f in named if f is not again)]  # share of the three quarters' total in Q3
        if op == "share" and len(named) == 2 and not self.lexicon.operation_words(text, "sum"):
            # 二季度裨一季度增长了百分之几 (比 mistyped): of their sum, or of the other? never guess
            return Computation(op, series, tuple(named), refusal="share_whole")
        if op == "diff" and len(named) != 2 and (extremes := self._extremes(text, named or self.members[key])):
            return operation.run(series, extremes)  # 最高的一次和最低的一次差多少: the highest less the lowest
        if operation.pair and len(named) > 2:  # 三季度比上半年平均低多少: one against two taken together
            grouped = self._grouped(text, series, self.members[key]) if op == "diff" else None
            return grouped or Computation(op, series, tuple(named), refusal="two_only")
        if op == "diff" and len(named) == 2 and not _REFERENCE_FIRST.search(text):
            named = self._before_than(text, named)
        reference_first = self._reference_first(text, named)
        if op == "change" and len(named) == 2 and not _ORDERED.search(text):
            # 1、2季度 (from Q1 to Q2, QoQ): nothing says which is the base, so the earlier one is
            named, reference_first = sorted(named, key=self.quarter), True
        inputs = tuple(operation.inputs(named, self.members[key], self._before, reference_first))
        if operation.exact and any(f.figures[0].qualifier for f in inputs):
            return Computation(op, series, inputs, refusal="approx")
        computed = operation.run(series, inputs)
        return replace(computed, listed=True) if weak else computed

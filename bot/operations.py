"""The combining operations, each registered once: what it needs, what it computes, how it reads.

Their words are curator data (`operations:` in knowledge/lexicon.yaml, keyed by these names);
`compute` finds the members a question names and calls `run`; `reply` calls `lines`. Adding an
operation is one class here and one list of words there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar, Protocol

from bot.model import Fact, Figure, Series

Line = tuple[tuple[str, str], ...]
Before = Callable[[Fact], "Fact | None"]  # a member → the member for the quarter before it (环比)


def fmt(value: Decimal) -> str:
    """Exact decimal, no exponent, no trailing zeros: 1738, 1228.41."""
    return format(value.normalize(), "f")


def ratio_percent(figure: Figure) -> str | None:
    """A ratio the article writes in words (一半) as the percentage a question may ask it in (50%);
    None for a figure of any other unit."""
    return f"{fmt(figure.value * 100)}%" if figure.unit == "比例" and figure.value else None


def added(terms: list[str]) -> str:
    """Terms as one side of an equation: several added, in brackets ((60亿元 + 30亿元)); one as it is."""
    return f"({' + '.join(terms)})" if len(terms) > 1 else terms[0]


def value(fact: Fact) -> Decimal:
    return fact.figures[0].value


def percent(value: Decimal) -> str:
    """A whole percent as it is (3 of 4: 75%), else one decimal, always: 32.0% (31.99…), 34.5%."""
    if value == value.to_integral_value():
        return f"{abs(value):.0f}%"
    return f"{abs(value).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


@dataclass(frozen=True)
class Computation:
    op: str  # an Operation's name
    series: Series | None  # None only for a refusal that concerns no one series (mixed units)
    members: tuple[Fact, ...]  # the inputs, in the order the question named them
    result: Decimal | None = None  # sum, mean, difference and change (signed), share; else None
    winners: tuple[Fact, ...] = ()  # max/min: the members with that value; order: all, sorted
    refusal: str = ""  # why it cannot be computed: approx | mixed | growth | two_only | share_of | share_whole | joint_whole
    listed: bool = False  # a weak sum ("Q1 and Q2 total"): each figure may be what was asked, so each leads
    split: int = 0  # group_diff, share: how many members are the first side's, or the part's (the rest: the other side's, the whole's)
    grouping: str = ""  # group_diff: how a side of several members is taken: sum | mean
    given: Decimal | None = None  # shortfall: the number the question gives, in the series' unit
    taken_as: bool = False  # an approximate input (近1800亿元) taken at its number, as the question says (按1800算)

    @property
    def result_text(self) -> str:
        """The computed figure as the article would write it: 1738亿元, 44亿元, 34.5%."""
        if self.result is None or self.series is None:
            return ""
        return OPERATIONS[self.op].result_text(self.result, self.series.unit)


class Words(Protocol):
    """What an operation needs from the composer to write its lines in the user's language."""

    def t(self, key: str, lang: str, **kw: object) -> str: ...
    def label(self, fact: Fact, lang: str) -> str: ...
    def term(self, fact: Fact, lang: str) -> str: ...
    def amount(self, text: str, val: Decimal, unit: str, lang: str) -> str: ...


class Operation:
    """One way of combining series members. `minimum`: members the question must name, unless
    `whole` (the whole series will do); `exact`: approximate inputs (超过10亿元) refuse."""

    name: ClassVar[str]
    minimum: ClassVar[int] = 2
    whole: ClassVar[bool] = True  # the whole series will do when the question names no member
    pair: ClassVar[bool] = False  # compares exactly two: more named members is another question
    exact: ClassVar[bool] = True
    computed: ClassVar[bool] = True  # the result is not the article's own figure

    def inputs(self, named: list[Fact], everyone: list[Fact], before: Before,
               reference_first: bool) -> list[Fact]:
        """The members to combine: those named, or the whole series."""
        return named or everyone

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        raise NotImplementedError

    def result_text(self, result: Decimal, unit: str) -> str:
        return f"{fmt(abs(result))}{unit}"

    def head(self, c: Computation, w: Words, lang: str) -> Line:
        """The first line: the result, labelled as computed."""
        shown = w.amount(c.result_text, abs(c.result or 0), c.series.unit if c.series else "", lang)
        return ((shown, "b"), (w.t("computed", lang), ""))

    def percent_head(self, c: Computation, w: Words, lang: str) -> Line:
        return ((c.result_text, "b"), (w.t("computed", lang), ""))

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        raise NotImplementedError


class Sum(Operation):
    name = "sum"

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        return Computation(self.name, series, inputs, sum((value(f) for f in inputs), Decimal(0)))

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        equation = " + ".join(w.term(f, lang) for f in c.members) + f" = {c.result_text}"
        out = [((equation, "b"), (w.t("computed", lang), ""))] if c.listed else [self.head(c, w, lang), ((equation, ""),)]
        if c.series and c.series.note.get(lang):  # a computed total beside the article's own totals
            out.append(((c.series.note[lang], ""),))
        return out


class Mean(Operation):
    name = "mean"

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        total = sum((value(f) for f in inputs), Decimal(0))
        # one decimal, as shares are and as people round a mean of whole 亿元: 579.3亿元
        return Computation(self.name, series, inputs, (total / len(inputs)).quantize(Decimal("0.1"), ROUND_HALF_UP))

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        terms = " + ".join(w.term(f, lang) for f in c.members)
        return [self.head(c, w, lang), ((f"({terms}) ÷ {len(c.members)} ≈ {c.result_text}", ""),)]


class PerItem(Operation):
    """An amount shared over the items it is the total of (329亿元 over the 20 + 21 + 17 projects of
    its categories): the first input is the amount, the others the items' counts. Two decimals, as
    a few 亿元 per item would lose its meaning at one (5.67亿元)."""

    name = "per_item"
    whole = False

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        items = sum((value(f) for f in inputs[1:]), Decimal(0))
        result = (value(inputs[0]) / items).quantize(Decimal("0.01"), ROUND_HALF_UP) if items else None
        return Computation(self.name, series, inputs, result)

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        items = " + ".join(w.term(f, lang) for f in c.members[1:])
        return [self.head(c, w, lang), ((f"{w.term(c.members[0], lang)} ÷ ({items}) ≈ {c.result_text}", ""),)]


class Diff(Operation):
    name = "diff"
    whole = False
    pair = True

    def inputs(self, named: list[Fact], everyone: list[Fact], before: Before, reference_first: bool) -> list[Fact]:
        return (named or everyone)[:2]

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        return Computation(self.name, series, inputs, value(inputs[0]) - value(inputs[1]))

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        result = c.result or Decimal(0)
        split = c.split or 1  # a plain difference's sides are one member each
        sides = c.members[:split], c.members[split:]
        a, b = (self._label(side, c.grouping, w, lang) for side in sides)
        key = "more" if result > 0 else "less" if result < 0 else "same"
        unit = c.series.unit if c.series else ""
        sentence = w.t(key, lang, a=a, b=b, d=w.amount(c.result_text, abs(result), unit, lang))
        ta, tb = (self._term(side, c.grouping, w, lang) for side in sides)
        return [((sentence, "b"), (w.t("computed", lang), "")), ((f"{ta} − {tb} = {fmt(result)}{unit}", ""),)]

    @staticmethod
    def _label(side: tuple[Fact, ...], grouping: str, w: Words, lang: str) -> str:
        if len(side) == 1:
            return w.label(side[0], lang)
        names = [w.label(f, lang) for f in side]
        if lang == "zh":
            return "、".join(names) + ("平均" if grouping == "mean" else "合计")
        joined = ", ".join(names[:-1]) + f" and {names[-1]}"
        return f"the average of {joined}" if grouping == "mean" else f"{joined} combined"

    @staticmethod
    def _term(side: tuple[Fact, ...], grouping: str, w: Words, lang: str) -> str:
        if len(side) == 1:
            return w.term(side[0], lang)
        terms = " + ".join(w.term(f, lang) for f in side)
        return f"({terms}) ÷ {len(side)}" if grouping == "mean" else f"({terms})"


class GroupDiff(Diff):
    """The difference of two sides, one a single member and the other several, taken together as
    their sum or mean (三季度比上半年平均少多少: 556亿元 − (582亿元 + 600亿元) ÷ 2); read as Diff's."""

    name = "group_diff"
    pair = False

    def run_sides(self, series: Series, first: tuple[Fact, ...], second: tuple[Fact, ...], grouping: str) -> Computation:
        return Computation(self.name, series, (*first, *second), _taken(first, grouping) - _taken(second, grouping),
                           split=len(first), grouping=grouping)


def _taken(side: tuple[Fact, ...], grouping: str) -> Decimal:
    """A side's value: its one member's, or its members' sum or mean (one decimal, as Mean's)."""
    total = sum((value(f) for f in side), Decimal(0))
    if len(side) > 1 and grouping == "mean":
        return (total / len(side)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return total


class Change(Operation):
    """Relative change of the first against the second: 三季度比二季度降了7.3%."""

    name = "change"
    minimum = 1
    whole = False
    pair = True

    def inputs(self, named: list[Fact], everyone: list[Fact], before: Before, reference_first: bool) -> list[Fact]:
        if len(named) >= 2:
            return [named[1], named[0]] if reference_first else named[:2]
        previous = before(named[0]) if named else None  # 三季度环比: against the quarter before
        return [named[0], previous] if named and previous else named[:1]

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        if len(inputs) < 2:  # 一季度环比: the quarter before is not in the article
            return Computation(self.name, series, inputs, refusal="growth")
        base = value(inputs[1])
        return Computation(self.name, series, inputs, (value(inputs[0]) - base) * 100 / base if base else None)

    def result_text(self, result: Decimal, unit: str) -> str:
        return percent(result)

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        result = c.result or Decimal(0)
        a, b = (w.label(f, lang) for f in c.members)
        key = "rose" if result > 0 else "fell" if result < 0 else "same"
        ta, tb = (w.term(f, lang) for f in c.members)
        exact = fmt(result.quantize(Decimal("0.1"), ROUND_HALF_UP))
        return [((w.t(key, lang, a=a, b=b, d=c.result_text), "b"), (w.t("computed", lang), "")),
                ((f"({ta} − {tb}) ÷ {c.members[1].figures[0].text} = {exact}%", ""),)]


class Ratio(Operation):
    """How many times the first is the second: 天下秀是碳纤维的2倍."""

    name = "ratio"
    whole = False
    pair = True

    def inputs(self, named: list[Fact], everyone: list[Fact], before: Before, reference_first: bool) -> list[Fact]:
        return named[:2]

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        base = value(inputs[1])
        return Computation(self.name, series, inputs, value(inputs[0]) / base if base else None)

    def result_text(self, result: Decimal, unit: str) -> str:
        return f"{fmt(result.quantize(Decimal('0.01'), ROUND_HALF_UP))}倍"

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        ta, tb = (w.term(f, lang) for f in c.members)
        return [self.percent_head(c, w, lang), ((f"{ta} ÷ {tb} ≈ {c.result_text}", ""),)]


class Share(Operation):
    """One member's share of the members named, or of the whole series when it alone is named."""

    name = "share"
    minimum = 1
    whole = False  # a share of nothing named is no share

    def inputs(self, named: list[Fact], everyone: list[Fact], before: Before, reference_first: bool) -> list[Fact]:
        if len(named) == 1:
            return named + [f for f in everyone if f is not named[0]]
        return named or everyone

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        return self.run_joint(series, inputs[:1], inputs[1:])

    def run_joint(self, series: Series, part: tuple[Fact, ...], rest: tuple[Fact, ...]) -> Computation:
        """The share of the part's members taken together in all of them (split: how many are the part)."""
        total = sum((value(f) for f in (*part, *rest)), Decimal(0))
        shared = sum((value(f) for f in part), Decimal(0))
        return Computation(self.name, series, (*part, *rest), shared * 100 / total if total else None, split=len(part))

    def result_text(self, result: Decimal, unit: str) -> str:
        return percent(result)

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        terms = [w.term(f, lang) for f in c.members]
        part = added(terms[: c.split])
        out = [self.percent_head(c, w, lang), ((f"{part} ÷ ({' + '.join(terms)}) = {c.result_text}", ""),)]
        if c.series and c.series.note.get(lang):  # of this series' total, not of another total the article gives
            out.append(((c.series.note[lang], ""),))
        return out


class Portion(Operation):
    """One fact's figure as a share of another's that holds it (天下秀's 60亿元 of the signed
    projects' 329亿元): two facts of one unit, no series needed. The part comes first."""

    name = "portion"
    whole = False
    pair = True

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        return self.run_joint(series, inputs[:-1], inputs[-1:])

    def run_joint(self, series: Series, part: tuple[Fact, ...], whole: tuple[Fact, ...]) -> Computation:
        """The part's facts taken together (天下秀加碳纤维: 60亿元 + 30亿元) as a share of the whole's,
        which may be several facts added too (前三季度双集中合计: 582亿元 + 600亿元 + 556亿元)."""
        shared, total = (sum((value(f) for f in facts), Decimal(0)) for facts in (part, whole))
        return Computation(self.name, series, (*part, *whole), shared * 100 / total if total else None, split=len(part))

    def result_text(self, result: Decimal, unit: str) -> str:
        return percent(result)

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        terms = [w.term(f, lang) for f in c.members]
        part, whole = added(terms[: c.split]), added(terms[c.split :])
        return [self.percent_head(c, w, lang), ((f"{part} ÷ {whole} = {c.result_text}", ""),)]


class Remainder(Operation):
    """What is left of one fact's figure without another's that it holds (556亿元 without the
    quality projects' 329亿元): two facts of one unit, no series. The part comes first."""

    name = "remainder"
    whole = False
    pair = True

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        part, whole = (value(f) for f in inputs)
        return Computation(self.name, series, inputs, whole - part)

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        part, whole = (w.term(f, lang) for f in c.members)
        return [self.head(c, w, lang), ((f"{whole} − {part} = {c.result_text}", ""),)]


class Shortfall(Operation):
    """How far the members' figure, added, is from a number the question gives (离1800亿还差多少:
    1800亿元 − (582亿元 + 600亿元 + 556亿元)); the number is the user's, said as theirs. The matcher
    runs it (run_given), never the calculator: no series holds the number."""

    name = "shortfall"

    def run_given(self, series: Series, inputs: tuple[Fact, ...], given: Decimal) -> Computation:
        return Computation(self.name, series, inputs, given - sum((value(f) for f in inputs), Decimal(0)), given=given)

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        terms = [w.term(f, lang) for f in c.members]
        taken = added(terms)
        given = f"{fmt(c.given or Decimal(0))}{c.series.unit if c.series else ''}"
        return [self.head(c, w, lang), ((f"{given} − {taken} = {c.result_text}", ""),),
                ((w.t("given_number", lang, n=given), ""),)]


def day(fact: Fact) -> date:
    """A date figure's value as a date (the YAML writes 9月29日 of 2020 as 20200929)."""
    n = int(value(fact))
    return date(n // 10000, n // 100 % 100, n % 100)


class Gap(Operation):
    """Days from one dated fact to another (白皮书发布到双集中隔了几天): two facts, no series;
    the later date minus the earlier, as 隔了几天 counts."""

    name = "gap"
    whole = False
    pair = True

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        first, then = (day(f) for f in inputs)
        return Computation(self.name, series, inputs, Decimal(abs((then - first).days)))

    def result_text(self, result: Decimal, unit: str) -> str:
        return f"{fmt(result)}天"

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        first, then = (f.figures[0].text for f in sorted(c.members, key=day))
        return [self.percent_head(c, w, lang), ((f"{first} → {then}", ""),)]


_DOWN = re.compile(r"后退|后移|下降|下滑|跌|fell|dropped|slipped")  # a move down a ranking; else up (前移, 跃升)


class PreviousRank(Operation):
    """Where a ranking stood before a move the article gives (第七位 after 前移5位: 第十二位): the
    rank fact first, the move's second."""

    name = "previous_rank"
    whole = False
    pair = True

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        rank, move = inputs
        down = _DOWN.search(f"{move.source.quote} {move.answer.get('zh', '')}")
        result = value(rank) - value(move) if down else value(rank) + value(move)
        return Computation(self.name, series, inputs, result if result > 0 else None)

    def result_text(self, result: Decimal, unit: str) -> str:
        import cn2an  # as the article writes ranks (第七位, 第十二位); its import is slow, and few questions need it

        return f"第{cn2an.an2cn(int(result))}位"

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        rank, move = (f.figures[0].text for f in c.members)
        n = int(c.result or 0)
        sign = "−" if n < value(c.members[0]) else "+"
        head = f"{c.result_text}（第{n}位）" if lang == "zh" else f"No. {n} ({c.result_text})"
        return [((head, "b"), (w.t("computed", lang), "")), ((f"{rank} {sign} {move} = 第{n}位", ""),)]


class Extreme(Operation):
    """The largest (max) or smallest (min) member, with the others beside it."""

    computed = False
    largest: ClassVar[bool]

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        ranked = sorted(inputs, key=value, reverse=self.largest)
        top = value(ranked[0])
        return Computation(self.name, series, inputs, winners=tuple(f for f in ranked if value(f) == top))

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        winners = "、".join(w.term(f, lang) for f in c.winners)
        others = [w.term(f, lang) for f in c.members if f not in c.winners]
        sep = "；" if lang == "zh" else "; "
        return [((w.t(self.name, lang), ""), (winners, "b"), (w.t("compared", lang), "")),
                ((("其余：" if lang == "zh" else "Others: ") + sep.join(others), ""),)]


class Max(Extreme):
    name = "max"
    largest = True


class Min(Extreme):
    name = "min"
    largest = False


class Order(Operation):
    name = "order"
    computed = False

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        return Computation(self.name, series, inputs, winners=tuple(sorted(inputs, key=value, reverse=True)))

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        return [((" > ".join(w.term(f, lang) for f in c.winners), "b"), (w.t("compared", lang), ""))]


class Each(Operation):
    """The article's own figures, one by one (分别是多少): nothing is computed."""

    name = "each"
    exact = False
    computed = False

    def run(self, series: Series, inputs: tuple[Fact, ...]) -> Computation:
        return Computation(self.name, series, inputs, winners=inputs)

    def lines(self, c: Computation, w: Words, lang: str) -> list[Line]:
        return [((("；" if lang == "zh" else "; ").join(w.term(f, lang) for f in c.members), "b"),)]


OPERATIONS: dict[str, Operation] = {op.name: op for op in (Sum(), Mean(), PerItem(), Diff(), GroupDiff(), Change(), Ratio(), Share(), Portion(),
                                                            Remainder(), Shortfall(), Gap(), PreviousRank(), Max(), Min(), Order(),
                                                            Each())}

"""Judge one reply against what its question expects: right, declined right, missed, or carrying
a wrong figure.

A "wrong figure" is any figure of the fact base in a reply that the question did not expect,
e.g. 582亿元 in a reply to a question about the third quarter. It is counted even when the right
figure is there too, because a reader cannot tell which of the two is meant.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

from bot.answer import Answer
from bot.model import Knowledge, figure_in
from bot.operations import ratio_percent

DEFAULT_SET = Path(__file__).resolve().parent.parent / "tests" / "eval" / "questions.yaml"


@dataclass(frozen=True)
class Case:
    question: str
    expect: tuple[str, ...]  # empty: the bot must decline
    tags: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return bool(self.expect)


def load_cases(path: Path | str = DEFAULT_SET) -> list[Case]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    cases = []
    for item in data:
        expect = item.get("expect")
        cases.append(Case(str(item["q"]), () if expect == "decline" else tuple(str(e) for e in expect),
                          tuple(item.get("tags") or ())))
    return cases


def with_homophones(cases: list[Case], n: int, seed: int) -> list[Case]:
    """Each Chinese question's `n` one-character homophone typos (the same expectation, tag
    `homophone`), in place of the originals: what pinyin input does to a question."""
    from bot.typos import variants

    rng = random.Random(seed)
    out = []
    for case in cases:
        if "zh" in case.tags or re.search(r"[\u4e00-\u9fff]", case.question):
            out += [replace(case, question=q, tags=(*case.tags, "homophone")) for q in variants(case.question, n, rng)]
    return out


@dataclass(frozen=True)
class Figures:
    """What judging needs from the fact base: every figure text (longest first), each fact's own
    figures and answers, and the documents' titles (a citation's title is not a figure)."""

    texts: tuple[str, ...]
    own: dict[str, tuple[str, ...]] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    titles: tuple[str, ...] = ()

    def __iter__(self):  # a plain list of figure texts where one is expected
        return iter(self.texts)


def figure_texts(knowledge: Knowledge) -> Figures:
    """Every figure the fact base can put in a reply, and whose it is. A ratio the article writes
    in words (一半) is its fact's figure in a percentage too (50%), as replies give it."""
    texts = sorted({fig.text for f in knowledge.facts for fig in f.figures}, key=len, reverse=True)
    return Figures(tuple(texts), {f.id: tuple(fig.text for fig in f.figures) for f in knowledge.facts},
                   {f.id: "\n".join([*f.answer.values(), *filter(None, map(ratio_percent, f.figures))])
                    for f in knowledge.facts},
                   tuple(d.title for d in knowledge.documents.values()))


def wrong_figures(text: str, expect: Iterable[str], figures: Iterable[str]) -> list[str]:
    """Figures in `text` that are not (part of) an expected string."""
    expected = list(expect)
    out = []
    for fig in figures:
        if any(fig in e or e in fig for e in expected):
            continue
        if figure_in(fig, text):
            out.append(fig)
    return out


_WHOLE = re.compile(r"(\d)\.0+(?!\d)")
_DECIMAL = re.compile(r"(\d+\.(\d+))(\D*)")


def _said(expected: str, text: str) -> bool:
    """Whether the text states the expected figure: a whole number written with decimals (60.0%) is
    the same figure as written without (60%), and one written to more places the same where it
    rounds to the expected (5.67亿元 for 5.7亿元: 329亿元 ÷ 58); one written to fewer places, but at
    least one, the same where the expected rounds to it (10.8% for 10.79%: 60亿元 ÷ 556亿元)."""
    if figure_in(expected, text) or figure_in(_WHOLE.sub(r"\1", expected), text):
        return True
    if not (m := _DECIMAL.fullmatch(expected)):
        return False
    value, places, unit = Decimal(m.group(1)), len(m.group(2)), m.group(3)
    unit_after = rf"(?![\d.]){re.escape(unit)}"
    finer = re.findall(rf"(?<![\d.])(\d+\.\d{{{places + 1},}}){unit_after}", text)
    coarser = re.findall(rf"(?<![\d.])(\d+\.\d{{1,{places - 1}}}){unit_after}", text) if places > 1 else []
    return any(Decimal(n).quantize(value, ROUND_HALF_UP) == value for n in finer) \
        or any(value.quantize(Decimal(n), ROUND_HALF_UP) == Decimal(n) for n in coarser)


@dataclass(frozen=True)
class Outcome:
    case: Case
    answer: Answer
    verdict: str  # right | wrong_figure | missed | declined_ok | answered_unanswerable | error (the bot raised)
    wrong: tuple[str, ...] = ()


def judge(case: Case, answer: Answer, figures: Figures | Iterable[str]) -> Outcome:
    """Right, wrong figure, missed, or a right/wrong decline.

    Allowed beside the expected strings: the other figures of a cited fact that itself holds
    an expected string (its own context; a fact holding none of them is a neighbour), and for computed answers the cited inputs, which
    the derivation shows labelled. A computed answer whose first line holds no expected result
    stated a figure nobody expected: a wrong figure, not a miss; one holding some of them (556亿元
    of 556亿元 and 44亿元, one part of a two-part question) said nothing false: a miss.
    """
    if not isinstance(figures, Figures):
        figures = Figures(tuple(figures))
    if not case.answerable:
        return Outcome(case, answer, "answered_unanswerable" if answer.answered else "declined_ok")
    if not answer.answered:
        return Outcome(case, answer, "missed")
    text = answer.text
    for title in figures.titles:
        text = text.replace(title, "")
    allowed: set[str] = set()
    for fid in answer.fact_ids:
        own = figures.own.get(fid, ())
        if answer.kind == "computed" or any(
            e in figures.answers.get(fid, "") or any(e in f or f in e for f in own) for e in case.expect
        ):
            allowed.update(own)
    wrong = [f for f in wrong_figures(text, case.expect, figures.texts) if f not in allowed]
    headline = text.split("\n", 1)[0]
    if answer.kind == "computed" and not any(_said(e, headline) for e in case.expect):
        wrong.append(headline)
    if wrong:
        return Outcome(case, answer, "wrong_figure", tuple(wrong))
    if all(_said(e, text) for e in case.expect):  # 60亿元 is not found inside 160亿元
        return Outcome(case, answer, "right")
    return Outcome(case, answer, "missed")

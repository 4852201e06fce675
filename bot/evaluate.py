"""Measure answer quality on an evaluation set: right answers, right declines, wrong figures.

A "wrong figure" is any figure of the fact base in a reply that the question did not expect,
e.g. 582亿元 in a reply to a question about the third quarter. It is counted even when the right
figure is there too, because a reader cannot tell which of the two is meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.answer import Answer
from bot.knowledge import Knowledge

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


def figure_texts(knowledge: Knowledge) -> list[str]:
    """Every figure the fact base can put in a reply, longest first."""
    return sorted({fig.text for f in knowledge.facts for fig in f.figures}, key=len, reverse=True)


def wrong_figures(text: str, expect: Iterable[str], figures: Iterable[str]) -> list[str]:
    """Figures in `text` that are not (part of) an expected string."""
    expected = list(expect)
    out = []
    for fig in figures:
        if any(fig in e or e in fig for e in expected):
            continue
        if re.search(rf"(?<![\d.]){re.escape(fig)}", text):
            out.append(fig)
    return out


@dataclass(frozen=True)
class Outcome:
    case: Case
    answer: Answer
    verdict: str  # right | wrong_figure | missed | declined_ok | answered_unanswerable
    wrong: tuple[str, ...] = ()


def judge(case: Case, answer: Answer, figures: list[str]) -> Outcome:
    if not case.answerable:
        return Outcome(case, answer, "answered_unanswerable" if answer.answered else "declined_ok")
    if not answer.answered:
        return Outcome(case, answer, "missed")
    wrong = wrong_figures(answer.text, case.expect, figures)
    if wrong:
        return Outcome(case, answer, "wrong_figure", tuple(wrong))
    if all(e in answer.text for e in case.expect):
        return Outcome(case, answer, "right")
    return Outcome(case, answer, "missed")


@dataclass
class Tally:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(1 for o in self.outcomes if o.verdict == verdict)

    @property
    def answerable(self) -> int:
        return sum(1 for o in self.outcomes if o.case.answerable)

    @property
    def unanswerable(self) -> int:
        return len(self.outcomes) - self.answerable

    @property
    def answered_rate(self) -> float:
        return self.count("right") / self.answerable if self.answerable else 1.0

    @property
    def declined_rate(self) -> float:
        return self.count("declined_ok") / self.unanswerable if self.unanswerable else 1.0

    @property
    def wrong_figures(self) -> int:
        return self.count("wrong_figure")

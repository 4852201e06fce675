"""The fact base's typed values: documents, facts, figures, sources and series.

Frozen dataclasses, free of I/O, so every module (matching, composing, front ends) reads the same
model; bot/knowledge.py builds them from the YAML under knowledge/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from bot.lexicon import Lexicon

ASKS = ("amount", "count", "share", "rank", "date", "place", "person", "list", "area", "duration", "year",
        "name", "text")
LANGS = ("zh", "en")
QUALIFIERS = ("近", "超过", "余", "多", "约")


def figure_in(figure: str, text: str) -> bool:
    """`figure` as a whole number inside `text`: 60亿元 is not found inside 600亿元 or 160亿元."""
    return re.search(rf"(?<![\d.]){re.escape(figure)}", text) is not None


def where(path: Path | str, line: int, message: str) -> str:
    """`file:line: message`, the format editors jump to; without a line when the whole file is meant."""
    return f"{path}:{line}: {message}" if line else f"{path}: {message}"


@dataclass(frozen=True)
class Problem:
    """One thing a curator has to fix; `check` lists them all."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return where(self.path, self.line, self.message)


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    title_en: str
    path: Path
    paragraphs: tuple[str, ...]
    slots: dict[str, frozenset[str]] = field(default_factory=dict)  # defaults for its facts
    captions: tuple[str, ...] = ()  # photo captions: text readers see, cited as 图片说明
    date: str = ""  # YYYY-MM-DD, YYYY-MM or YYYY: tells it from other articles on the same event



@dataclass(frozen=True)
class Figure:
    text: str
    value: Decimal
    unit: str
    qualifier: str = ""


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: enough for any front end to cite it."""

    title: str
    paragraph: int  # 0 when the quote is a photo caption
    quote: str
    doc: str = ""
    caption: int = 0  # the photo's number in the article, when the quote is its caption


@dataclass(frozen=True)
class SeriesRef:
    id: str
    label: dict[str, str]


@dataclass(frozen=True)
class Series:
    id: str
    name: dict[str, str]
    unit: str
    note: dict[str, str] = field(default_factory=dict)  # what a computed total must not be confused with
    questions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # asking about the whole series


@dataclass(frozen=True)
class Fact:
    id: str
    topic: str
    asks: str
    questions: dict[str, tuple[str, ...]]
    answer: dict[str, str]
    figures: tuple[Figure, ...]
    source: Source
    slots: dict[str, frozenset[str]] = field(default_factory=dict)
    series: SeriesRef | None = None
    total_of: frozenset[str] = frozenset()  # slot kinds whose values this figure adds up
    path: str = ""
    line: int = 0
    unfinished: bool = False  # a `draft` stub still without questions and answers: never served


@dataclass(frozen=True)
class Knowledge:
    documents: dict[str, Document]
    topics: dict[str, dict[str, str]]
    series: dict[str, Series]
    facts: tuple[Fact, ...]
    vocabulary: dict[str, dict[str, tuple[str, ...]]]  # kind -> canonical -> aliases
    problems: tuple[Problem, ...] = ()
    drafts: tuple[Fact, ...] = ()  # unfinished stubs: validated and listed by `check`, kept out of `facts`
    lexicon: Lexicon = field(default_factory=Lexicon)

    @cached_property
    def by_id(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

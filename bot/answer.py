"""The one typed value every front end receives: what to say, how sure, and where it comes from.

An Answer is data only: its text as styled spans, so each front end's renderer (bot/render.py)
turns it into plain text or Telegram HTML without knowing how matching works.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.model import Source

# What a reply is. fact, computed: figures from the article; declined, out_of_scope: the article
# does not say; browse: one word, answered with the questions the article has on it; smalltalk,
# empty, noise, too_long: not a question; error: the bot failed on this one.
Kind = Literal["fact", "computed", "declined", "out_of_scope", "browse", "smalltalk", "empty", "noise", "too_long",
               "error"]

# Span styles: "" plain, "b" a figure, "i" a source line, "q" a suggested question.
Span = tuple[str, str]
Line = tuple[Span, ...]


@dataclass(frozen=True)
class Answer:
    kind: Kind
    lang: str
    lines: tuple[Line, ...]
    fact_ids: tuple[str, ...] = ()
    score: float = 0.0
    sources: tuple[Source, ...] = ()
    suggestions: tuple[str, ...] = ()
    suggestion_ids: tuple[str, ...] = ()  # the fact of each suggestion, same order: front ends offer it by id
    best_fact: str | None = None
    normalized: str = ""

    @property
    def answered(self) -> bool:
        """True when the reply gives figures or facts from the article."""
        return self.kind in ("fact", "computed")

    @property
    def text(self) -> str:
        """The reply exactly as a user sees it, in plain text."""
        return "\n".join("".join(t for t, _ in line) for line in self.lines)

    def to_json(self) -> dict[str, object]:
        """The fields of `ask --json`."""
        return {
            "answered": self.answered,
            "kind": self.kind,
            "text": self.text,
            "fact_ids": list(self.fact_ids),
            "score": self.score,
            "sources": [{"title": s.title, "paragraph": s.paragraph, "caption": s.caption, "quote": s.quote}
                        for s in self.sources],
            "suggestions": list(self.suggestions),
            "lang": self.lang,
        }

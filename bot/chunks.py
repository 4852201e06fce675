"""Split a reply into Telegram messages without cutting an HTML tag or entity.

Telegram refuses a message over 4096 characters (counted in UTF-16 code units) and refuses HTML
whose tags do not balance. An Answer is split on its line boundaries and each chunk is rendered
on its own, so every chunk is complete HTML; a single line longer than a message is split as
plain text, each piece escaped separately. Pure: no `telegram` import.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.answer import Answer, Line
from bot.render import escape, line_html

LIMIT = 4096  # Telegram's maximum message length
_BREAKS = frozenset(" \t\n，。；、！？：,.;!?:）)」》")


def tg_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = LIMIT) -> list[str]:
    """One over-long plain text as escaped pieces of at most `limit` units each, broken after a
    space or punctuation mark when one is in the second half of the piece."""
    if limit < 5:  # the longest escape, "&amp;", must fit
        raise ValueError("limit too small")
    pieces: list[str] = []
    start, n = 0, len(text)
    while start < n:
        used, end, last_break = 0, start, -1
        while end < n:
            width = tg_len(escape(text[end]))
            if used + width > limit:
                break
            used += width
            end += 1
            if text[end - 1] in _BREAKS:
                last_break = end
        if end < n and last_break > start + (end - start) // 2:
            end = last_break
        piece = text[start:end]
        if piece.strip():
            pieces.append(escape(piece))
        start = end
    return pieces


def pack(items: list[tuple[str, str]], limit: int = LIMIT, wrap: tuple[str, str] = ("", "")) -> list[str]:
    """Messages from lines given as (html, plain text): whole lines joined with newlines while they
    fit, a line too long on its own split as plain text. `wrap` (e.g. <pre>, </pre>) goes around
    every message and counts towards the limit. Blank lines at a message's edges are dropped."""
    budget = limit - tg_len(wrap[0]) - tg_len(wrap[1])
    chunks: list[list[str]] = []
    current: list[str] = []
    used = 0

    def flush() -> None:
        nonlocal current, used
        if current:
            chunks.append(current)
        current, used = [], 0

    for rendered, plain in items:
        width = tg_len(rendered)
        if width > budget:
            flush()
            chunks.extend([piece] for piece in split_text(plain, budget))
            continue
        if current and used + 1 + width > budget:
            flush()
        if not current and not plain.strip():
            continue  # no blank line at the top of a message
        used += width + (1 if current else 0)
        current.append(rendered)
    flush()
    out = []
    for lines in chunks:
        body = "\n".join(lines).strip("\n")
        if body.strip():
            out.append(f"{wrap[0]}{body}{wrap[1]}")
    return out


def lines_chunks(lines: Iterable[Line], limit: int = LIMIT) -> list[str]:
    """Styled lines (an Answer's, a command's) as one or more Telegram HTML messages."""
    return pack([(line_html(line), "".join(text for text, _ in line)) for line in lines], limit)


def answer_chunks(answer: Answer, limit: int = LIMIT) -> list[str]:
    return lines_chunks(answer.lines, limit)


def text_chunks(text: str, limit: int = LIMIT, wrap: tuple[str, str] = ("", "")) -> list[str]:
    """Plain text (admin reports, reload messages) as escaped Telegram HTML messages."""
    return pack([(escape(line), line) for line in text.split("\n")], limit, wrap)

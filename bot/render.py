"""Renderers: one Answer or command Content → the text of one target.

- plain text (console, transcripts);
- Telegram HTML: every piece of text escaped, figures bold, sources italic (bot/telegram adds buttons).

In both, offered questions are numbered "1. …", since a number reply picks one (bot.commands).
Pure functions over data: no I/O, no `telegram`.
"""

from __future__ import annotations

import html

from bot.answer import Line
from bot.commands import Content
from bot.texts import t

_TAGS = {"b": ("<b>", "</b>"), "i": ("<i>", "</i>")}


# -- plain text ------------------------------------------------------------------------------------


def line_plain(line: Line) -> str:
    return "".join(text for text, _ in line)


def _is_offer(line: Line) -> bool:
    """A "· question" line: a question offered to pick."""
    return any(style == "q" for _, style in line) and bool(line) and line[0][0] == "· "


def numbered(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Offered questions ("· question") as "1. question", "2. …", in order."""
    out: list[Line] = []
    number = 0
    for line in lines:
        if _is_offer(line):
            number += 1
            line = ((f"{number}. ", ""), *line[1:])
        out.append(line)
    return tuple(out)


def plain(content: Content) -> str:
    """Content as plain text: offered questions numbered, then any picks and topics not yet shown."""
    out = [line_plain(line) for line in numbered(content.lines)]
    number = sum(1 for line in content.lines if _is_offer(line))
    for pick in content.picks[number:]:
        number += 1
        out.append(f"{number}. {pick.text}")
    lang = content.lang
    if content.topics:
        out += [f"{i}. {entry.label} ({entry.count})" for i, entry in enumerate(content.topics, 1)]
        out.append(t("topics_hint", lang))
    if content.kind == "topic" and content.topic and content.pages > 1:
        following = content.page + 2 if content.page + 1 < content.pages else 1  # pages count from 1 here
        out.append(t("topic_page", lang, page=content.page + 1, pages=content.pages, n=content.topic.number,
                     next=following))
    return "\n".join(out)


# -- Telegram HTML ---------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Text for Telegram HTML: only &, < and > need escaping outside attributes."""
    return html.escape(text, quote=False)


def line_html(line: Line) -> str:
    """One line as Telegram HTML: every span escaped, figures in <b>, sources in <i>."""
    out = []
    for text, style in line:
        open_tag, close_tag = _TAGS.get(style, ("", ""))
        out.append(f"{open_tag}{escape(text)}{close_tag}")
    return "".join(out)


def content_html(content: Content) -> str:
    return "\n".join(line_html(line) for line in numbered(content.lines))

"""Inline keyboards: buttons for what a command's content offers, and the callback data behind them
(at most 64 bytes, so buttons carry short keys, never question text)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from bot.commands import Content, Pick
from bot.texts import t
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

_PLAIN_ID = re.compile(r"[A-Za-z0-9_.-]{1,40}")


def short_id(ident: str) -> str:
    """An id as it goes into callback data: itself when short and plain, else a stable digest."""
    if _PLAIN_ID.fullmatch(ident):
        return ident
    return "#" + hashlib.blake2b(ident.encode("utf-8"), digest_size=8).hexdigest()


def find_by_short_id(key: str, idents: Iterable[str]) -> str | None:
    for ident in idents:
        if short_id(ident) == key:
            return ident
    return None


def question_key(pick: Pick) -> str:
    return f"q|{pick.lang}|{pick.index}|{short_id(pick.fact_id)}"


def topic_key(topic_id: str, page: int = 0) -> str:
    return f"t|{short_id(topic_id)}|{page}"


TOPICS_KEY = "T"


def content_markup(content: Content) -> InlineKeyboardMarkup | None:
    """Buttons for what a content offers: its questions (at most three under an answer), its
    topics, and for a topic page the page and back buttons."""
    picks = content.picks[:3] if content.kind == "answer" else content.picks
    rows = [[InlineKeyboardButton(pick.text, callback_data=question_key(pick))] for pick in picks]
    rows += [[InlineKeyboardButton(f"{entry.label} ({entry.count})", callback_data=topic_key(entry.id))]
             for entry in content.topics]
    if content.kind == "topic" and content.topic:
        lang, tid = content.lang, content.topic.id
        nav = []
        if content.page > 0:
            nav.append(InlineKeyboardButton(t("prev", lang), callback_data=topic_key(tid, content.page - 1)))
        if content.page < content.pages - 1:
            nav.append(InlineKeyboardButton(t("next", lang), callback_data=topic_key(tid, content.page + 1)))
        if nav:
            rows.append(nav)
        rows.append([InlineKeyboardButton(t("back", lang), callback_data=TOPICS_KEY)])
    return InlineKeyboardMarkup(rows) if rows else None

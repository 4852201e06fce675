"""Splitting a message into the questions it asks, before each is matched."""

from __future__ import annotations

import pytest

from bot.clauses import clauses


@pytest.mark.parametrize(("text", "parts"), [
    ("数字健康小镇哪天开园，首批引进几个项目", ["数字健康小镇哪天开园", "首批引进几个项目"]),
    ("余杭三季度签了几个项目？总投资多少？", ["余杭三季度签了几个项目？", "总投资多少？"]),  # a mark stays: it asks
    ("几号开园几号开服", ["几号开园", "几号开服"]),  # a question word said twice, nothing between
    ("一季度多少二季度多少", ["一季度多少", "二季度多少"]),
    ("What date did the town open, and how many projects came in?", ["What date did the town open", "how many projects came in?"]),
    ("When and where was the centre set up?", ["When was the centre set up?", "where was the centre set up?"]),
    ("余杭全国第几 全省第几", ["余杭全国第几", "全省第几"]),  # telegraphic: a space between two questions
    ("厉害了！三季度签了几个项目", ["厉害了！", "三季度签了几个项目"]),  # an exclamation between two
    # English sentences, and a request after a comma: the chat before it is a clause of its own
    ("We're a fund looking at Hangzhou. Before our call, could you tell me the Q3 total? Many thanks.",
     ["We're a fund looking at Hangzhou.", "Before our call", "could you tell me the Q3 total?", "Many thanks."]),
])
def test_a_message_asking_two_things_is_split_into_its_questions(text: str, parts: list[str]) -> None:
    assert clauses(text) == parts


@pytest.mark.parametrize("text", [
    "余杭第三季度双集中总投资多少",
    "Which zone focuses on digital fashion, industrial internet and live-streaming e-commerce?",
    "manufacturing and digital economy: how many projects?",
    "",
    "三季度双集中总投资556亿！",
])
def test_one_question_stays_whole(text: str) -> None:
    assert clauses(text) == [text]


def test_a_clause_ends_at_an_emoji_before_a_space() -> None:
    assert clauses("我新来做招商的😂 想请教下余杭排第几") == ["我新来做招商的😂", "想请教下余杭排第几"]

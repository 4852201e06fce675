"""The console chat: the shared commands rendered as plain text, numbers picking questions,
curator commands, and unknown commands named as such (never answered as questions)."""

from __future__ import annotations

import io

import pytest

from bot import render
from bot.chat import ConsoleChat, chat
from bot.commands import Commands, Session
from bot.engine import Engine


def transcript(engine: Engine, *lines: str) -> list[str]:
    """The console's reply to each input line, in order."""
    console = ConsoleChat(engine)
    return [console.reply(line) for line in lines]


def test_source_is_a_command_showing_the_last_answers_paragraph(mini_engine):
    before, answer, source = transcript(mini_engine, "/source", "浙江有多少个省级实验室", "/source")
    assert "引用时请写文章标题和段落号" in before  # no answer yet: how to cite the article
    assert "4个" in answer
    assert source.startswith("上一个答案的出处")
    assert "第20段" in source and "当前浙江着重建设4个省级实验室" in source
    paragraph = mini_engine.knowledge.documents["yuhang-2020q3"].paragraphs[19]
    assert paragraph in source  # the whole paragraph, not only the quoted words


@pytest.mark.parametrize("command", ["/foo", "/Source2", "/", "/topic"])
def test_unknown_commands_say_so_and_list_the_known_ones(mini_engine, command):
    [reply] = transcript(mini_engine, command)
    assert reply.startswith(f"我不认识 {command} 这个命令")
    assert all(name in reply for name in ("/help", "/topics", "/source", "/misses", "/quit"))


def test_a_number_after_a_decline_asks_that_suggestion(mini_engine):
    declined, picked, out_of_range = transcript(mini_engine, "四季度双集中总投资多少", "2", "9")
    numbered = [line for line in declined.split("\n") if line[:2] in ("1.", "2.", "3.")]
    assert len(numbered) >= 2
    second = numbered[1][3:]
    assert picked.startswith(f"问：{second}\n") and "亿元" in picked
    assert not out_of_range.startswith("问：")  # no ninth suggestion: "9" is asked as a question


def test_topics_list_then_one_topic_by_number_then_its_questions_by_number(mini_engine):
    topics, topic, answer, missing = transcript(mini_engine, "/topics", "/topics 2", "1", "/topics 7")
    assert topics.split("\n")[1:3] == ["1. 项目投资额 (3)", "2. 实验室 (1)"]
    assert "/topics 1" in topics.split("\n")[-1]
    assert topic.split("\n") == ["实验室：", "1. 浙江着重建设几个省级实验室"]
    assert answer.startswith("问：浙江着重建设几个省级实验室") and "4个" in answer
    assert missing.startswith("没有第 7 个话题")


def test_a_long_topic_is_paged(mini_engine):
    commands, session = Commands(mini_engine, topic_page=2), Session()
    first = render.plain(commands.topic_by_number(session, 1, "en"))
    second = render.plain(commands.topic_by_number(session, 1, "en", page=1))
    assert first.split("\n")[1:3] == ["1. How much was invested in Yuhang's Q1 double-concentration event?",
                                      "2. How much was invested in Yuhang's Q2 double-concentration event?"]
    assert "page 1 of 2" in first and "/topics 1 2" in first
    assert second.split("\n")[1].startswith("1. How much investment does the Tianxiaxiu")
    assert [p.fact_id for p in session.picks] == ["tianxiaxiu-investment"]  # numbers follow the page shown


def test_help_numbers_examples_and_lists_console_commands(mini_engine):
    help_text, picked = transcript(mini_engine, "/help", "1")
    assert "1. 余杭一季度双集中总投资多少" in help_text and "/quit" in help_text and "/reload" in help_text
    assert picked.startswith("问：余杭一季度双集中总投资多少") and "582亿元" in picked


def test_curator_commands_and_quit_in_the_chat_loop(mini_engine):
    out = io.StringIO()
    lines = ["月球上有几个实验室", "/misses", "/reload", "/quit", "浙江有几个省级实验室"]
    assert chat(mini_engine, io.StringIO("".join(f"{line}\n" for line in lines)), out) == 0
    text = out.getvalue().rstrip("\n")
    misses, reloaded = text.split("\n\n", 1)[1].rsplit("\n\n", 1)
    assert "1 in 1 group" in misses and "console" in misses
    assert reloaded == "reloaded: 4 facts"  # and nothing after /quit


def test_the_reply_language_follows_the_last_question(mini_engine):
    console = ConsoleChat(mini_engine)
    console.reply("How many provincial laboratories is Zhejiang building?")
    assert console.reply("/nope").startswith("I don't know the command /nope")

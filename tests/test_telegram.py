"""End to end: the real python-telegram-bot Application, built by bot.telegram.build_application,
talking HTTP to the fake Bot API server in tests/fake_telegram.py. Nothing touches the internet."""

from __future__ import annotations

import asyncio
import io
import logging
import re
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fake_telegram import BOT_USERNAME, LONG_LINE, TOKEN, FakeTelegram, write_bot_dir
from telegram.ext import AIORateLimiter, BaseRateLimiter

from bot import chunks
from bot.answer import Answer
from bot.config import Config, load_config
from bot.engine import Engine
from bot.telegram.app import ALLOWED_UPDATES, build_application
from bot.telegram.logsafety import configure_logging, remove_log_filter

ROOT = Path(__file__).resolve().parent.parent
ZH = FakeTelegram.user(1001, "zh-hans", "Lin")
EN = FakeTelegram.user(1002, "en-GB", "Ann")
ADMIN = FakeTelegram.user(42, "en", "Curator")
GROUP = FakeTelegram.group_chat()

Scenario = Callable[[FakeTelegram], Awaitable[None]]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB's own deprecation warning about RetryAfter
    with FakeTelegram() as server:
        yield server


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return load_config(write_bot_dir(tmp_path / "bot"))


def run_bot(fake: FakeTelegram, config: Config, scenario: Scenario, engine: Engine | None = None,
            rate_limiter: BaseRateLimiter | None = None) -> None:
    """Start the Application against the fake (as run_polling would), play the scenario, stop."""

    async def main() -> None:
        app = build_application(TOKEN, config, engine, base_url=fake.base_url, rate_limiter=rate_limiter)
        await app.initialize()
        await app.post_init(app)
        await app.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=ALLOWED_UPDATES)
        await app.start()
        try:
            await scenario(fake)
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()

    asyncio.run(main())


def methods(fake: FakeTelegram) -> list[str]:
    return [c.method for c in fake.calls if c.method not in ("getUpdates", "getMe", "setMyCommands", "deleteWebhook")]


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


def no_refusals(fake: FakeTelegram) -> None:
    refused = [(c.method, c.status, c.result) for c in fake.calls if not c.ok]
    assert refused == [], refused


# --- what a user sees ----------------------------------------------------------------------------


def test_start_and_help_say_what_the_bot_knows_in_the_users_language(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("/start", user=ZH)
        zh = (await fake.await_for(lambda: fake.sent(ZH["id"])))[0]
        fake.push_text("/help", user=EN)
        en = (await fake.await_for(lambda: fake.sent(EN["id"])))[0]
        assert "前三季度近1800亿元项目落地" in zh["text"] and "项目投资额" in zh["text"]
        assert f"@{BOT_USERNAME}" in zh["text"] and "/topics" in zh["text"] and "回复我的消息" in zh["text"]
        # examples: one per topic first, then filled up to three from the rest
        assert [b["text"] for b in buttons(zh)] == ["余杭一季度双集中总投资多少", "浙江着重建设几个省级实验室",
                                                   "余杭二季度双集中总投资多少"]
        assert "I answer questions" in en["text"] and "Investment totals" in en["text"]
        assert "In groups" in en["text"] and f"type @{BOT_USERNAME}" in en["text"]
        assert all(len(b["callback_data"].encode()) <= 64 for b in buttons(en))
        menus = fake.calls_of("setMyCommands")
        assert {c.params.get("language_code") for c in menus} == {None, "en"}
        no_refusals(fake)

    run_bot(fake, config, scenario)


def test_private_question_gets_typing_then_the_html_answer(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("三季度双集中总投资多少", user=ZH)
        await fake.await_for(lambda: fake.sent(ZH["id"]))
        action, send = [c for c in fake.calls if c.method in ("sendChatAction", "sendMessage")]
        assert action.method == "sendChatAction" and action.params["action"] == "typing"
        assert send.params["parse_mode"] == "HTML"
        assert send.params["text"].startswith("<b>556亿元</b>\n")
        assert "<i>来源：" in send.params["text"] and "第2段" in send.params["text"]
        assert "reply_markup" not in send.params
        no_refusals(fake)

    run_bot(fake, config, scenario)


def test_everything_from_users_and_facts_is_escaped(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("<b> & 浙江有几个省级实验室 </b>", user=ZH)
        fake.push_text("<b>&</b>", user=ZH)
        fake.push_text("How many provincial laboratories is Zhejiang building?", user=EN)
        zh = await fake.await_for(lambda: len(fake.sent(ZH["id"])) == 2 and fake.sent(ZH["id"]))
        en = (await fake.await_for(lambda: fake.sent(EN["id"])))[0]
        assert "之江 &amp; 良渚 &amp; 湖畔" in zh[0]["html"] and "<b>4个</b>" in zh[0]["html"]
        # English question, English reply; the fact's own "<b>" and "&" reach Telegram as text
        assert "Zhejiang is building 4 provincial &lt;b&gt;labs&lt;/b&gt; &amp; Yuhang" in en["html"]
        assert "<b>labs</b> & Yuhang" in en["text"]
        assert all(m["html"].count("<b>") == m["html"].count("</b>") for m in [*zh, en])
        no_refusals(fake)  # the fake refuses HTML Telegram would refuse

    run_bot(fake, config, scenario)


def test_declined_question_offers_suggestion_buttons_that_answer(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("四季度双集中总投资多少", user=ZH)
        declined = (await fake.await_for(lambda: fake.sent(ZH["id"])))[0]
        assert "第4季度" in declined["text"]
        offered = buttons(declined)
        assert 1 <= len(offered) <= 3
        assert all(1 <= len(b["callback_data"].encode()) <= 64 for b in offered)
        assert all(b["text"] not in b["callback_data"] for b in offered)  # short keys, not question text
        q2 = next(b for b in offered if "二季度" in b["text"])
        query_id = fake.press(declined, q2["text"], user=ZH)
        answer = (await fake.await_for(lambda: fake.sent(ZH["id"])[1:]))[0]
        assert "<b>600亿元</b>" in answer["html"] and "余杭二季度双集中总投资多少" in answer["text"]
        calls = methods(fake)
        acked = calls.index("answerCallbackQuery")
        assert fake.calls_of("answerCallbackQuery")[0].params["callback_query_id"] == query_id
        assert acked < len(calls) - 1 - calls[::-1].index("sendMessage")  # acknowledged before answering
        no_refusals(fake)

    run_bot(fake, config, scenario)


def test_topics_buttons_list_questions_and_answer_them(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("/topics", user=EN)
        menu = (await fake.await_for(lambda: fake.sent(EN["id"])))[0]
        assert [b["text"] for b in buttons(menu)] == ["Investment totals (4)", "Laboratories (1)", "Tests (1)"]
        fake.press(menu, "Laboratories (1)", user=EN)
        edit = (await fake.await_for(lambda: fake.calls_of("editMessageText")))[0]
        assert edit.params["message_id"] == menu["message_id"]
        listing = fake.message_by_id(EN["id"], menu["message_id"])
        assert "Laboratories" in listing["text"]
        labels = [b["text"] for b in buttons(listing)]
        assert labels == ["How many provincial laboratories is Zhejiang building?", "« All topics"]
        fake.press(listing, labels[0], user=EN)
        answer = (await fake.await_for(lambda: fake.sent(EN["id"])[1:]))[0]
        assert "<b>4个</b>" in answer["html"] and "paragraph 20" in answer["text"]
        fake.press(listing, "« All topics", user=EN)
        await fake.await_for(lambda: len(fake.calls_of("editMessageText")) == 2)
        back = fake.message_by_id(EN["id"], menu["message_id"])
        assert [b["text"] for b in buttons(back)] == [b["text"] for b in buttons(menu)]
        assert len(fake.calls_of("answerCallbackQuery")) == 3
        no_refusals(fake)

    run_bot(fake, config, scenario)


def test_source_names_the_article_and_how_to_cite_it(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("/source", user=ZH)
        fake.push_text("/source", user=EN)
        zh = (await fake.await_for(lambda: fake.sent(ZH["id"])))[0]["text"]
        en = (await fake.await_for(lambda: fake.sent(EN["id"])))[0]["text"]
        assert "《前三季度近1800亿元项目落地 余杭速度“密码”几何》" in zh and "段落号" in zh
        assert "paragraph" in en and "Nearly 180 billion yuan" in en
        assert not re.search(r"https?://|www\.", zh + en)
        no_refusals(fake)

    run_bot(fake, config, scenario)


def test_source_after_an_answer_gives_its_whole_paragraph_and_a_number_picks_a_suggestion(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("四季度双集中总投资多少", user=ZH)  # declined, with numbered-able suggestions
        declined = (await fake.await_for(lambda: fake.sent(ZH["id"])))[0]
        first = buttons(declined)[0]["text"]
        assert f"\n1. {first}\n" in declined["text"]  # numbered, so a number reply can pick it
        fake.push_text("1", user=ZH)
        picked = (await fake.await_for(lambda: fake.sent(ZH["id"])[1:]))[0]
        assert picked["text"].startswith("问：" + first) and "亿元" in picked["text"]
        fake.push_text("/source", user=ZH)
        source = (await fake.await_for(lambda: fake.sent(ZH["id"])[2:]))[0]
        assert source["text"].startswith("上一个答案的出处")
        assert re.search(r"第\d+段", source["text"]) and "引用的原文" in source["text"]
        assert len(source["text"]) > 200  # the whole paragraph, not only the quoted clause
        no_refusals(fake)

    run_bot(fake, config, scenario)


def test_an_unknown_command_is_named_with_the_known_ones(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("/frobnicate <b>", user=EN)
        [sent] = await fake.await_for(lambda: fake.sent(EN["id"]))
        assert sent["text"] == "I don't know the command /frobnicate. Commands: /topics /source /help"
        no_refusals(fake)

    run_bot(fake, config, scenario)


def test_media_gets_a_one_line_hint(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        for kind in ("sticker", "photo", "voice", "document", "video"):
            fake.push_media(kind, user=ZH)
        fake.push_media("sticker", user=EN)
        zh = await fake.await_for(lambda: len(fake.sent(ZH["id"])) == 5 and fake.sent(ZH["id"]))
        en = (await fake.await_for(lambda: fake.sent(EN["id"])))[0]
        assert all("\n" not in m["text"] and "文字问题" in m["text"] for m in zh)
        assert "\n" not in en["text"] and "text questions" in en["text"]
        no_refusals(fake)

    run_bot(fake, config, scenario)


def test_groups_answer_only_mentions_replies_and_commands(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("三季度双集中总投资多少", user=ZH, chat=GROUP)  # not addressed: silent
        fake.push_media("sticker", user=ZH, chat=GROUP)  # silent
        fake.push_text("/help@some_other_bot", user=ZH, chat=GROUP)  # silent
        asked = fake.push_text(f"@{BOT_USERNAME} 三季度双集中总投资多少", user=ZH, chat=GROUP)
        first = (await fake.await_for(lambda: fake.sent(GROUP["id"])))[0]
        assert "<b>556亿元</b>" in first["html"]  # the mention was stripped before asking
        assert first["reply_to_message_id"] == asked["message_id"]
        fake.push_text("那二季度双集中总投资多少", user=EN, chat=GROUP, reply_to=first)
        second = (await fake.await_for(lambda: fake.sent(GROUP["id"])[1:]))[0]
        assert "600亿元" in second["text"]
        fake.push_text("二季度双集中总投资多少", user=EN, chat=GROUP, reply_to=asked)  # a reply to a human
        fake.push_text(f"/help@{BOT_USERNAME}", user=EN, chat=GROUP)
        third = (await fake.await_for(lambda: fake.sent(GROUP["id"])[2:]))[0]
        assert "I answer questions" in third["text"]
        fake.push_text(f"@{BOT_USERNAME.upper()}", user=ZH, chat=GROUP)  # only the mention: an empty question
        fourth = (await fake.await_for(lambda: fake.sent(GROUP["id"])[3:]))[0]
        assert fourth["text"].startswith("请输入一个问题")
        fake.push_text("<b>556亿元</b> …", user=ZH, via_bot=fake.bot_user)  # our inline answer, in private
        await fake.settle()
        assert len(fake.sent(GROUP["id"])) == 4
        assert fake.sent(ZH["id"]) == []
        no_refusals(fake)

    run_bot(fake, config, scenario)


def test_inline_mode_answers_suggests_and_gives_examples(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        ids = [fake.push_inline("三季度双集中总投资多少", user=ZH), fake.push_inline("四季度双集中总投资多少", user=ZH),
               fake.push_inline("", user=EN)]
        calls = await fake.await_for(
            lambda: len(fake.calls_of("answerInlineQuery")) == 3 and fake.calls_of("answerInlineQuery"))
        by_id = {c.params["inline_query_id"]: c for c in calls}  # users are answered concurrently
        answered, declined, empty = (by_id[i] for i in ids)
        [result] = answered.params["results"]
        assert result["type"] == "article" and result["title"] == "556亿元"
        content = result["input_message_content"]
        assert content["parse_mode"] == "HTML" and "<b>556亿元</b>" in content["message_text"]
        assert "来源：" in content["message_text"]
        suggested = declined.params["results"]
        assert 1 <= len(suggested) <= 3
        assert {r["title"] for r in suggested} <= {"余杭一季度双集中总投资多少", "余杭二季度双集中总投资多少",
                                                   "余杭三季度双集中总投资多少"}
        assert all("亿元</b>" in r["input_message_content"]["message_text"] for r in suggested)
        examples = empty.params["results"]
        assert 1 <= len(examples) <= 5
        # English examples (the user's language), each already answered with its figure
        assert all(r["title"].isascii() and r["title"].endswith("?") for r in examples)
        assert all("</b>" in r["input_message_content"]["message_text"] for r in examples)
        no_refusals(fake)

    run_bot(fake, config, scenario)


def test_inline_results_are_capped_by_config(fake, config):
    config = replace(config, telegram=replace(config.telegram, inline_results=1))

    async def scenario(fake: FakeTelegram) -> None:
        fake.push_inline("四季度双集中总投资多少", user=ZH)
        [call] = await fake.await_for(lambda: fake.calls_of("answerInlineQuery"))
        assert len(call.params["results"]) == 1

    run_bot(fake, config, scenario)


def test_long_answer_is_split_without_cutting_html(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("超长回答测试是什么", user=ZH)
        await fake.settle()
        sent = fake.sent(ZH["id"])
        assert len(sent) >= 2
        assert all(len(m["html"].encode("utf-16-le")) // 2 <= 4096 for m in sent)
        joined = "".join(m["text"] for m in sent).replace("\n", "")
        assert LONG_LINE in joined  # every piece arrived, escaped separately and in order
        assert "来源：" in sent[-1]["text"]
        no_refusals(fake)

    run_bot(fake, config, scenario)


# --- admin commands -------------------------------------------------------------------------------


def test_admin_reload_and_misses(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("月球上有几个实验室", user=ZH)  # a miss, logged
        await fake.await_for(lambda: fake.sent(ZH["id"]))
        fake.push_text("/reload", user=ADMIN)
        fake.push_text("/misses", user=ADMIN)
        reload, misses = await fake.await_for(lambda: len(fake.sent(ADMIN["id"])) == 2 and fake.sent(ADMIN["id"]))
        assert reload["text"] == "reloaded: 6 facts"
        assert misses["html"].startswith("<pre>") and misses["html"].endswith("</pre>")
        assert "telegram" in misses["text"] and "1 in 1 group" in misses["text"]
        fake.push_text("/reload", user=ZH)
        fake.push_text("/misses", user=EN)
        zh = (await fake.await_for(lambda: fake.sent(ZH["id"])[1:]))[0]
        en = (await fake.await_for(lambda: fake.sent(EN["id"])))[0]
        assert "维护者" in zh["text"] and "maintainers" in en["text"]
        no_refusals(fake)

    run_bot(fake, config, scenario)


def test_misses_uses_report_and_says_when_the_log_is_off(fake, config, monkeypatch):
    engine = Engine(config)
    calls = []

    def report(since_days=None, limit=20):
        calls.append((since_days, limit))
        return "3× <script>alert(1)</script> & co"

    monkeypatch.setattr(engine.misses, "report", report)

    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("/misses", user=ADMIN)
        [sent] = await fake.await_for(lambda: fake.sent(ADMIN["id"]))
        assert sent["html"] == "<pre>3× &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</pre>"
        assert calls == [(None, 20)]
        engine.misses = None
        fake.push_text("/misses", user=ADMIN)
        off = (await fake.await_for(lambda: fake.sent(ADMIN["id"])[1:]))[0]
        assert "turned off" in off["text"]

    run_bot(fake, config, scenario, engine)


def test_a_slow_misses_report_does_not_hold_up_other_chats(fake, config, monkeypatch):
    engine = Engine(config)
    started = threading.Event()

    def slow_report(since_days=None, limit=20):
        started.set()
        time.sleep(1)
        return "a slow report"

    monkeypatch.setattr(engine.misses, "report", slow_report)

    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("/misses", user=ADMIN)
        await fake.await_for(started.is_set)
        fake.push_text("三季度双集中总投资多少", user=ZH)
        await fake.await_for(lambda: fake.sent(ZH["id"]) and fake.sent(ADMIN["id"]), timeout=10)
        sent = [m["chat"]["id"] for m in fake.sent()]
        assert sent == [ZH["id"], ADMIN["id"]]  # the question was answered while the report ran

    run_bot(fake, config, scenario, engine)


# --- reliability ------------------------------------------------------------------------------------


def test_per_chat_limit_warns_once_then_stays_silent(fake, config):
    config = replace(config, telegram=replace(config.telegram, questions_per_minute=2))

    async def scenario(fake: FakeTelegram) -> None:
        for _ in range(6):
            fake.push_text("三季度双集中总投资多少", user=ZH)
        fake.push_text("三季度双集中总投资多少", user=EN)  # another chat has its own window
        await fake.settle()
        zh = fake.sent(ZH["id"])
        assert [("556亿元" in m["text"]) for m in zh] == [True, True, False]
        assert "太快" in zh[2]["text"]
        assert len(fake.sent(EN["id"])) == 1
        fake.press(zh[0], data="q|zh|0|q1-total", user=ZH)  # a button over the limit: a toast only
        [ack] = await fake.await_for(lambda: fake.calls_of("answerCallbackQuery"))
        assert "太快" in ack.params["text"]
        await fake.settle()
        assert len(fake.sent(ZH["id"])) == 3

    run_bot(fake, config, scenario)


def test_a_flooded_group_delays_only_itself_and_keeps_its_order(fake, config):
    config = replace(config, telegram=replace(config.telegram, questions_per_minute=100))
    # Telegram's per-group limit (20 a minute, bursts of 20) shrunk in time so the test ends soon:
    # bursts of 4, then 8 sends a second; the group's 50 sends (typing + reply) take about 6 s.
    limiter = AIORateLimiter(group_max_rate=4, group_time_period=0.5, max_retries=3)
    questions = ["余杭一季度双集中总投资多少", "余杭二季度双集中总投资多少", "余杭三季度双集中总投资多少"]
    figures = ["582亿元", "600亿元", "556亿元"]

    async def scenario(fake: FakeTelegram) -> None:
        asked = [fake.push_text(f"@{BOT_USERNAME} {questions[i % 3]}", user=ZH, chat=GROUP) for i in range(25)]
        await fake.await_for(lambda: fake.sent(GROUP["id"]))  # the group is being answered
        pushed = time.monotonic()
        fake.push_text("浙江着重建设几个省级实验室", user=EN)
        [private] = await fake.await_for(lambda: fake.sent(EN["id"]), timeout=30)
        latency = time.monotonic() - pushed
        behind = 25 - len(fake.sent(GROUP["id"]))
        assert latency < 2, f"private answer after {latency:.1f} s"
        assert behind > 0  # the group was still held back by its send limit
        assert "4个" in private["text"]
        group = await fake.await_for(lambda: len(fake.sent(GROUP["id"])) == 25 and fake.sent(GROUP["id"]),
                                     timeout=30)
        assert [m["reply_to_message_id"] for m in group] == [m["message_id"] for m in asked]
        assert all(figures[i % 3] in m["text"] for i, m in enumerate(group))
        no_refusals(fake)

    run_bot(fake, config, scenario, rate_limiter=limiter)


def test_429_is_retried_after_retry_after(fake, config):
    async def scenario(fake: FakeTelegram) -> None:
        fake.fail("sendMessage", 1, status=429, retry_after=1)
        fake.push_text("三季度双集中总投资多少", user=ZH)
        [sent] = await fake.await_for(lambda: fake.sent(ZH["id"]), timeout=8)
        attempts = fake.calls_of("sendMessage", ok_only=False)
        assert [c.status for c in attempts] == [429, 200]
        assert attempts[1].at - attempts[0].at >= 1.0
        assert "556亿元" in sent["text"]

    run_bot(fake, config, scenario)


def test_errors_are_logged_and_the_bot_keeps_running(fake, config, caplog, monkeypatch):
    engine = Engine(config)
    real_ask = engine.ask
    broken = {"left": 1}

    def ask(question: str, channel: str = "console") -> Answer:
        if broken["left"]:
            broken["left"] -= 1
            raise RuntimeError("a bug in the core")
        return real_ask(question, channel)

    monkeypatch.setattr(engine, "ask", ask)

    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("一季度双集中总投资多少", user=ZH)  # the core raises: logged, user gets an apology
        [sorry] = await fake.await_for(lambda: fake.sent(ZH["id"]))
        assert "出了点问题" in sorry["text"]
        fake.fail("getUpdates", 1, status=502)  # a network error while polling
        fake.fail("sendMessage", 1, status=500, description="Internal Server Error")
        fake.push_text("二季度双集中总投资多少", user=ZH)  # its answer is lost to the 500
        fake.push_text("三季度双集中总投资多少", user=ZH)
        await fake.await_for(lambda: any("556亿元" in m["text"] for m in fake.sent(ZH["id"])), timeout=8)

    with caplog.at_level(logging.INFO):
        run_bot(fake, config, scenario, engine)
    errors = [r for r in caplog.records if r.name.startswith("bot.telegram") and r.levelno >= logging.WARNING]
    assert any("error while handling an update" in r.getMessage() and r.exc_info for r in errors)
    assert any("network trouble" in r.getMessage() for r in errors)


def test_html_telegram_refuses_is_resent_as_plain_text(fake, config, monkeypatch):
    monkeypatch.setattr(chunks, "line_html", lambda line: "<b>" + "".join(text for text, _ in line))  # a bug

    async def scenario(fake: FakeTelegram) -> None:
        fake.push_text("三季度双集中总投资多少", user=ZH)
        [sent] = await fake.await_for(lambda: fake.sent(ZH["id"]))
        refused = [c for c in fake.calls_of("sendMessage", ok_only=False) if not c.ok]
        assert refused and "can't parse entities" in refused[0].result
        assert "parse_mode" not in sent and "556亿元" in sent["text"]  # sent without parse_mode

    run_bot(fake, config, scenario)


def test_the_token_never_reaches_a_log_line(fake, config):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    levels = {name: logging.getLogger(name).level for name in ("telegram", "bot", "")}
    for name in ("telegram", "bot"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    token_filter = configure_logging(TOKEN)
    try:

        async def scenario(fake: FakeTelegram) -> None:
            fake.fail("sendMessage", 1, status=500, description=f"Internal error for bot{TOKEN}")
            fake.push_text("三季度双集中总投资多少", user=ZH)
            fake.push_text("/topics", user=ZH)
            fake.push_inline("三季度", user=ZH)
            await fake.await_for(lambda: fake.sent(ZH["id"]) and fake.calls_of("answerInlineQuery"))
            logging.getLogger("bot.telegram.handlers").error("a url with the token: %s/getMe", f"http://x/bot{TOKEN}")
            logging.getLogger("telegram").debug("encoded %s, half %s", TOKEN.replace(":", "%3a"), TOKEN.split(":")[1])

        run_bot(fake, config, scenario)
    finally:
        root.removeHandler(handler)
        remove_log_filter(token_filter)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    text = stream.getvalue()
    assert "getUpdates" in text and "sendMessage" in text  # the capture did see the session
    assert "<token>" in text  # PTB logs its API URL at DEBUG: scrubbed
    assert TOKEN not in text and TOKEN.split(":")[1] not in text and "%3a" not in text.lower()
    assert logging.getLogger("httpx").level == logging.WARNING

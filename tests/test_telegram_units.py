"""The Telegram front end's pure parts: the inbound limiter, message splitting, callback keys,
mention stripping, log scrubbing; and the fake server's own Telegram rules."""

from __future__ import annotations

import logging
import re

import pytest
from fake_telegram import TOKEN, check_markup, check_text, parse_html
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import MessageEntity, User

from bot.answer import Answer
from bot.chunks import answer_chunks, split_text, text_chunks, tg_len
from bot.commands import Pick
from bot.ratelimit import SlidingWindowLimiter
from bot.telegram.app import _file_url
from bot.telegram.handlers import strip_bot_mentions, user_lang
from bot.telegram.keyboards import question_key, short_id, topic_key
from bot.telegram.logsafety import TokenFilter

# --- the per-chat limiter ------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_limiter_answers_warns_once_then_is_silent_until_the_window_frees():
    clock = Clock()
    limiter = SlidingWindowLimiter(3, 60, clock)
    assert [limiter.check("a") for _ in range(6)] == ["ok", "ok", "ok", "warn", "drop", "drop"]
    assert limiter.check("b") == "ok"  # chats are independent
    clock.now += 59.9
    assert limiter.check("a") == "drop"
    clock.now += 0.1  # the window frees
    assert [limiter.check("a") for _ in range(5)] == ["ok", "ok", "ok", "warn", "drop"]  # one new warning


def test_limiter_zero_means_unlimited_and_memory_stays_bounded():
    assert all(SlidingWindowLimiter(0).check("a") == "ok" for _ in range(100))
    clock = Clock()
    limiter = SlidingWindowLimiter(1, 60, clock, max_keys=10)
    for key in range(10):
        limiter.check(key)
    clock.now += 61
    limiter.check("new")
    assert len(limiter._hits) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ab"), st.floats(0, 30)), max_size=80), st.integers(1, 5))
def test_limiter_never_lets_more_than_the_limit_through_any_window(events, limit):
    clock = Clock()
    limiter = SlidingWindowLimiter(limit, 60, clock)
    passed: dict[str, list[float]] = {"a": [], "b": []}
    for key, gap in events:
        clock.now += gap
        verdict = limiter.check(key)
        if verdict == "ok":
            passed[key].append(clock.now)
    for times in passed.values():
        for i, start in enumerate(times):
            assert sum(1 for t in times[i:] if t - start < 60) <= limit


# --- splitting long replies ---------------------------------------------------------------------------

_TEXT = st.lists(st.sampled_from([*"ab &<>\"'；。字", "😀", "\n", "&amp;"]), max_size=60).map("".join)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.tuples(_TEXT, st.sampled_from(["", "b", "i", "q"])), max_size=4), max_size=30),
       st.integers(20, 300))
def test_every_chunk_is_valid_html_under_the_limit_and_nothing_is_lost(lines, limit):
    answer = Answer("fact", "zh", tuple(tuple(line) for line in lines))
    chunks = answer_chunks(answer, limit)
    for chunk in chunks:
        assert tg_len(chunk) <= limit
        check_text(chunk, "HTML")  # Telegram's rules, as the fake enforces them
    plain = "".join(parse_html(c) for c in chunks)
    assert re.sub(r"\s", "", plain) == re.sub(r"\s", "", answer.text)


def test_lines_stay_whole_and_an_overlong_line_is_split_as_escaped_text():
    short = (("<b>figure</b>", "b"),)
    long = (("x&y " * 30, ""),)
    answer = Answer("fact", "en", (short, long, (("source", "i"),)))
    chunks = answer_chunks(answer, 50)
    assert chunks[0] == "<b>&lt;b&gt;figure&lt;/b&gt;</b>"
    assert all("&amp;" in c for c in chunks[1:-1]) and chunks[-1].endswith("<i>source</i>")
    assert all(tg_len(c) <= 50 for c in chunks)


def test_split_text_prefers_breaks_and_never_cuts_an_escape():
    pieces = split_text("一二三四五。六七八九十。" * 3, 14)
    assert all(p.endswith("。") for p in pieces)
    pieces = split_text("&&&&&&&&", 12)
    assert pieces == ["&amp;&amp;", "&amp;&amp;", "&amp;&amp;", "&amp;&amp;"]
    with pytest.raises(ValueError):
        split_text("x", 4)


def test_text_chunks_wrap_each_message():
    chunks = text_chunks("\n".join(f"line {i} <x>" for i in range(40)), 100, ("<pre>", "</pre>"))
    assert len(chunks) > 1
    assert all(c.startswith("<pre>") and c.endswith("</pre>") and tg_len(c) <= 100 for c in chunks)
    assert all(check_text(c, "HTML") for c in chunks)


def test_an_answer_of_blank_lines_sends_nothing():
    assert answer_chunks(Answer("fact", "zh", ((), (("  ", ""),)))) == []


# --- callback data, mentions, language --------------------------------------------------------------


@given(st.text(min_size=1, max_size=200))
def test_callback_keys_fit_in_64_bytes(ident):
    assert len(short_id(ident).encode()) <= 41
    assert len(topic_key(ident, 99).encode()) <= 64


def test_question_keys_are_short_and_plain_ids_stay_readable():
    assert question_key(Pick("q3-double-concentration-total", "zh", 2, "…")) == "q|zh|2|q3-double-concentration-total"
    assert len(question_key(Pick("x" * 80, "en", 0, "…")).encode()) <= 64
    assert short_id("项目投资额").startswith("#")


def test_mentions_are_stripped_with_utf16_offsets():
    text = "😀 @Yuhang_Bot 三季度投资多少 @other_bot"
    entities = [MessageEntity(MessageEntity.MENTION, 3, 11), MessageEntity(MessageEntity.MENTION, 22, 10)]
    assert strip_bot_mentions(text, entities, 1, "yuhang_bot") == ("😀 三季度投资多少 @other_bot", True)
    assert strip_bot_mentions(text, entities[1:], 1, "yuhang_bot") == (text, False)
    bot = User(1, "Yuhang", True)
    by_name = [MessageEntity(MessageEntity.TEXT_MENTION, 0, 6, user=bot)]
    assert strip_bot_mentions("Yuhang 多少", by_name, 1, "yuhang_bot") == ("多少", True)


@pytest.mark.parametrize(("code", "lang"), [("en", "en"), ("en-GB", "en"), ("EN-us", "en"), ("zh-hans", "zh"),
                                            ("ru", "zh"), (None, "zh")])
def test_language_from_the_users_telegram_language(code, lang):
    assert user_lang(User(1, "A", False, language_code=code)) == lang
    assert user_lang(None) == "zh"


# --- the token in logs ----------------------------------------------------------------------------------


def test_token_filter_scrubs_message_args_exceptions_and_url_encoded_forms():
    token_filter = TokenFilter(TOKEN, "webhook-secret")
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/getMe failed")
    except RuntimeError as e:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "url %s and %s", (f"/bot{TOKEN}/x",
                                   TOKEN.replace(":", "%3A")), (type(e), e, e.__traceback__))
    record.stack_info = f"stack with webhook-secret and {TOKEN}"
    assert token_filter.filter(record)
    formatted = logging.Formatter().format(record)
    assert TOKEN not in formatted and "%3A" not in formatted and "webhook-secret" not in formatted
    assert formatted.count("<token>") == 5


def test_token_filter_scrubs_lowercase_escapes_and_the_secret_half_alone():
    half = TOKEN.split(":", 1)[1]
    token_filter = TokenFilter(TOKEN)
    for leak in (TOKEN.replace(":", "%3a"), TOKEN.replace(":", "%3A"), f"secret={half}", f"/bot{TOKEN}/getMe"):
        record = logging.LogRecord("x", logging.DEBUG, __file__, 1, "sent %s", (leak,), None)
        token_filter.filter(record)
        assert half not in record.getMessage() and "<token>" in record.getMessage()
    assert TokenFilter(TOKEN).scrub("bot 123456789 asked") == "bot 123456789 asked"  # the bot id is public


# --- the fake server's rules (so the end-to-end tests mean something) ---------------------------------


@pytest.mark.parametrize("bad", ["<b>open", "a < b", "x & y", "<script>x</script>", "<b><i>x</b></i>", "&nbsp;",
                                 "   ", "x" * 4097])
def test_fake_refuses_what_telegram_refuses(bad):
    with pytest.raises(ValueError, match="Bad Request"):
        check_text(bad, "HTML")


def test_fake_accepts_telegram_html_and_counts_utf16():
    assert check_text("<b>1 &lt; 2</b> &amp; <i>&quot;x&quot;</i> &#20013;", "HTML") == '1 < 2 & "x" 中'
    assert check_text("😀" * 2048, None)
    with pytest.raises(ValueError):
        check_text("😀" * 2049, None)
    with pytest.raises(ValueError, match="BUTTON_DATA_INVALID"):
        check_markup({"inline_keyboard": [[{"text": "q", "callback_data": "x" * 65}]]})


def test_file_url_follows_the_api_url():
    assert _file_url("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    assert _file_url("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"

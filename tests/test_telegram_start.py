"""Start-up paths of `bot.telegram.run`, in process with every logger at DEBUG: a rejected
token, an unreachable Bot API. The token must reach no log line and no printed line."""

from __future__ import annotations

import asyncio
import io
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_telegram import TOKEN, FakeTelegram, write_bot_dir
from telegram import Bot

from bot.config import load_config
from bot.telegram.app import reach_bot_api, run
from bot.telegram.logsafety import TokenFilter, configure_logging

SECRET_HALF = TOKEN.split(":", 1)[1]


@pytest.fixture
def debug_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[io.StringIO]:
    """Every record of every logger, as a handler on the root logger sees it; filters removed after."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    names = ("", "telegram", "bot", "httpx", "httpcore")
    levels = {name: logging.getLogger(name).level for name in names}
    root.addHandler(handler)
    for name in names:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        for h in root.handlers:
            for f in [f for f in h.filters if isinstance(f, TokenFilter)]:
                h.removeFilter(f)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def no_secret(text: str) -> None:
    for form in (TOKEN, SECRET_HALF, TOKEN.replace(":", "%3A"), TOKEN.replace(":", "%3a")):
        assert form not in text


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_rejected_token_is_one_clear_line_and_exit_2(tmp_path: Path, debug_log, capsys):
    config = load_config(write_bot_dir(tmp_path / "bot"))
    with FakeTelegram(token="999:another-bots-token") as fake:  # answers 401 to our token
        code = run(config, {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.base_url})
        assert fake.calls == []  # refused before a method ran
    printed = capsys.readouterr()
    assert code == 2
    lines = printed.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("the Bot API rejected TELEGRAM_BOT_TOKEN (Unauthorized)")
    assert "@BotFather" in lines[0]
    log = debug_log.getvalue()
    assert "Traceback" not in log + printed.err and "long polling" not in log
    no_secret(log + printed.out + printed.err)


def test_an_unreachable_bot_api_is_a_warning_that_says_it_retries(debug_log, caplog):
    configure_logging(TOKEN)
    port = closed_port()
    bot = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot")

    async def scenario() -> bool:
        stop = asyncio.Event()

        async def stop_after_two_warnings() -> None:
            while sum("retrying" in r.getMessage() for r in caplog.records) < 2:
                await asyncio.sleep(0.05)
            stop.set()

        watcher = asyncio.create_task(stop_after_two_warnings())
        reached = await asyncio.wait_for(reach_bot_api(bot, stop, f"127.0.0.1:{port}"), 20)
        await watcher
        return reached

    with caplog.at_level(logging.DEBUG):
        assert asyncio.run(scenario()) is False
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and r.name == "bot.telegram.app"]
    assert len(warnings) >= 2
    assert all(f"cannot reach the Bot API at 127.0.0.1:{port}" in w and "retrying in" in w for w in warnings)
    assert "retrying in 1 s" in warnings[0] and "retrying in 2 s" in warnings[1]  # backing off
    no_secret(debug_log.getvalue())

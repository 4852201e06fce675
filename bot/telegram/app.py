"""Putting the bot together and running it: the Application with its handlers, the environment,
the start-up check of the token, long polling or a webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import signal
import sys
from collections.abc import Mapping
from urllib.parse import urlsplit

from bot.config import Config
from bot.engine import Engine
from bot.telegram.handlers import TelegramBot
from bot.telegram.logsafety import TokenFilter, configure_logging
from bot.telegram.updates import PerChatUpdateProcessor
from telegram import Bot, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
DEFAULT_WEBHOOK_PORT = 8443
DEFAULT_WEBHOOK_LISTEN = "0.0.0.0"  # every interface: platforms route their public port to the process
NO_TOKEN = ("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather in Telegram (/newbot), "
            "then run: TELEGRAM_BOT_TOKEN=<its token> python -m bot")
REJECTED = ("the Bot API rejected TELEGRAM_BOT_TOKEN ({reason}): copy it again from @BotFather "
            "(/mybots → your bot → API Token){api_hint}")
NO_SECRET = ("WEBHOOK_URL is set but WEBHOOK_SECRET is not: set WEBHOOK_SECRET to 1-256 characters "
             "of A-Z a-z 0-9 _ - (Telegram sends it with every update), or unset WEBHOOK_URL to use polling")


def _file_url(base_url: str) -> str:
    """http://host/bot → http://host/file/bot, as the Bot API lays out file downloads."""
    head, sep, tail = base_url.rpartition("/bot")
    return f"{head}/file/bot{tail}" if sep else base_url


def build_application(token: str, config: Config, engine: Engine | None = None, *, base_url: str | None = None,
                      base_file_url: str | None = None, rate_limiter: BaseRateLimiter | None = None) -> Application:
    """The Application with every handler registered: the one place the bot is put together.

    `rate_limiter` defaults to Telegram's published limits (AIORateLimiter); tests pass faster ones.
    """
    front = TelegramBot(engine or Engine(config), config)
    processor = PerChatUpdateProcessor()
    builder = (Application.builder().token(token).rate_limiter(rate_limiter or AIORateLimiter(max_retries=3))
               .concurrent_updates(processor).post_init(front.post_init))
    if base_url:
        builder = builder.base_url(base_url).base_file_url(base_file_url or _file_url(base_url))
    application = builder.build()
    processor.running = lambda: application.running

    new = filters.UpdateType.MESSAGE  # edits of old messages are not new questions
    application.add_handler(CommandHandler(["start", "help"], front.on_help, filters=new))
    application.add_handler(CommandHandler("topics", front.on_topics, filters=new))
    application.add_handler(CommandHandler("source", front.on_source, filters=new))
    application.add_handler(CommandHandler("reload", front.on_reload, filters=new))
    application.add_handler(CommandHandler("misses", front.on_misses, filters=new))
    application.add_handler(MessageHandler(new & filters.TEXT & ~filters.COMMAND, front.on_text))
    application.add_handler(MessageHandler(new & filters.COMMAND & filters.ChatType.PRIVATE, front.on_unknown_command))
    application.add_handler(MessageHandler(new & ~filters.TEXT & ~filters.StatusUpdate.ALL, front.on_media))
    application.add_handler(CallbackQueryHandler(front.on_button))
    application.add_handler(InlineQueryHandler(front.on_inline))
    application.add_error_handler(front.on_error)
    return application


async def reach_bot_api(bot: Bot, stop: asyncio.Event, where: str, max_delay: float = 30.0) -> bool:
    """getMe until the Bot API answers: True when it did, False when `stop` came first.

    PTB retries its own start-up quietly (at DEBUG), so an unreachable API looked like a bot that
    started and then heard nothing. Here each failure is a WARNING that says it retries. A
    rejected token (InvalidToken) is raised: retrying cannot fix it.
    """
    delay = 1.0
    while not stop.is_set():
        try:
            await bot.initialize()  # getMe
            return True
        except InvalidToken:
            raise
        except TelegramError as e:
            log.warning("cannot reach the Bot API at %s (%s: %s); retrying in %.0f s",
                        where, type(e).__name__, e, delay)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        delay = min(max_delay, delay * 2)
    return False


def check_start(token: str, base_url: str | None, base_file_url: str | None, token_filter: TokenFilter) -> int | None:
    """Before PTB starts: None when the Bot API accepts the token; else the exit code (2 for a
    rejected token, after one clear line on stderr; 0 when SIGTERM/SIGINT came while waiting)."""
    where = urlsplit(base_url).netloc if base_url else "api.telegram.org"
    bot = Bot(token, **({"base_url": base_url, "base_file_url": base_file_url or _file_url(base_url)}
                        if base_url else {}))

    async def check() -> bool:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            return await reach_bot_api(bot, stop, where)
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)
            with contextlib.suppress(Exception):  # closing the HTTP client must not hide the verdict
                await bot.shutdown()

    try:
        reached = asyncio.run(check())
    except InvalidToken as e:
        reason = str(e.__cause__ or "") or "Unauthorized"  # the server's words; the outer message quotes the token
        hint = f"; check TELEGRAM_API_BASE_URL too ({where})" if base_url else ""
        print(token_filter.scrub(REJECTED.format(reason=reason, api_hint=hint)), file=sys.stderr)
        return 2
    if not reached:
        log.info("stopped before the Bot API answered")
        return 0
    return None


def run(config: Config, environ: Mapping[str, str] | None = None) -> int:
    """`python -m bot telegram`: long polling, or a webhook when WEBHOOK_URL is set. Exit code."""
    env = os.environ if environ is None else environ
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    webhook_url = env.get("WEBHOOK_URL", "").strip()
    secret = env.get("WEBHOOK_SECRET", "").strip()
    port = DEFAULT_WEBHOOK_PORT
    listen = env.get("WEBHOOK_LISTEN", "").strip() or DEFAULT_WEBHOOK_LISTEN
    if webhook_url:
        if not secret:
            print(NO_SECRET, file=sys.stderr)
            return 2
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            print("WEBHOOK_SECRET must be 1-256 characters of A-Z a-z 0-9 _ - (Telegram's rule)", file=sys.stderr)
            return 2
        try:
            port = int(env.get("PORT") or DEFAULT_WEBHOOK_PORT)
        except ValueError:
            print(f"PORT must be a number, not {env.get('PORT')!r}", file=sys.stderr)
            return 2
    token_filter = configure_logging(token, secret)
    engine = Engine(config)  # a broken fact base raises KnowledgeError: __main__ prints it, exit 2
    base_url = env.get("TELEGRAM_API_BASE_URL") or None
    base_file_url = env.get("TELEGRAM_API_BASE_FILE_URL") or None
    code = check_start(token, base_url, base_file_url, token_filter)
    if code is not None:
        return code
    application = build_application(token, config, engine, base_url=base_url, base_file_url=base_file_url)
    try:
        if webhook_url:
            log.info("webhook mode: listening on %s:%d for %s", listen, port, webhook_url)
            application.run_webhook(listen=listen, port=port, url_path=urlsplit(webhook_url).path.lstrip("/"),
                                    webhook_url=webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES,
                                    bootstrap_retries=-1)
        else:
            log.info("long polling mode")
            application.run_polling(allowed_updates=ALLOWED_UPDATES, bootstrap_retries=-1)
    except InvalidToken:
        log.error("Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather (/mybots → API Token)")
        return 2
    except Exception:
        log.exception("the Telegram bot stopped")
        return 1
    log.info("stopped")
    return 0

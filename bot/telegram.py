"""The Telegram front end: python-telegram-bot's Application around one Engine.

The only module that imports `telegram`. Handlers are registered in `build_application`, the
token comes from the environment, and `run` chooses long polling or a webhook:

    TELEGRAM_BOT_TOKEN       the bot's token from @BotFather (required)
    TELEGRAM_API_BASE_URL    another Bot API server, e.g. http://127.0.0.1:8081/bot (token appended)
    WEBHOOK_URL              webhook mode when set: Telegram posts updates to this https URL
    WEBHOOK_SECRET           required in webhook mode: Telegram sends it in a header with every update
    PORT                     webhook mode: the port to listen on (default 8443)

Everything a user typed reaches Telegram through the HTML renderer (`bot.render`), so it is
always escaped; long replies are split on line boundaries by `bot.chunks`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
import logging
import os
import re
import signal
import sys
from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping
from dataclasses import replace
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
    User,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseRateLimiter,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.answer import Answer, Line
from bot.chunks import answer_chunks, lines_chunks, text_chunks
from bot.commands import Commands, Content, Pick, Session
from bot.config import Config
from bot.engine import Engine
from bot.ratelimit import SlidingWindowLimiter
from bot.render import content_html, escape
from bot.texts import t

log = logging.getLogger(__name__)

CHANNEL = "telegram"
INLINE_CHANNEL = "telegram-inline"
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
DEFAULT_WEBHOOK_PORT = 8443
DEFAULT_WEBHOOK_LISTEN = "0.0.0.0"  # every interface: platforms route their public port to the process
MENU_COMMANDS = ("topics", "source", "help")  # the command menu beside the text field, and /help's list
INLINE_CACHE_SECONDS = 60  # short: the fact base may be reloaded at any time
NO_TOKEN = ("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather in Telegram (/newbot), "
            "then run: TELEGRAM_BOT_TOKEN=<its token> python -m bot")
REJECTED = ("the Bot API rejected TELEGRAM_BOT_TOKEN ({reason}): copy it again from @BotFather "
            "(/mybots → your bot → API Token){api_hint}")
NO_SECRET = ("WEBHOOK_URL is set but WEBHOOK_SECRET is not: set WEBHOOK_SECRET to 1-256 characters "
             "of A-Z a-z 0-9 _ - (Telegram sends it with every update), or unset WEBHOOK_URL to use polling")

def user_lang(user: User | None) -> str:
    """English for users whose Telegram language is English, Chinese for everyone else."""
    code = (user.language_code or "") if user else ""
    return "en" if code.lower().startswith("en") else "zh"


# ---------------------------------------------------------------------------------------------
# Logging: the token never reaches a log line.


def secret_forms(secret: str) -> set[str]:
    """Every way a secret can reach a log line: as is, URL-encoded (%3A or %3a for the token's
    colon), and a token's secret half (after the colon) on its own; the bot id before it is public."""
    encoded = quote(secret, safe="")
    forms = {secret, encoded, re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), encoded)}
    _, colon, half = secret.partition(":")
    if colon and half:
        forms |= {half, quote(half, safe="")}
    return forms


class TokenFilter(logging.Filter):
    """Replaces secrets (the bot token, the webhook secret) with "<token>" in every record."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        forms = {form for s in secrets if s for form in secret_forms(s)}
        self.secrets = sorted(forms, key=len, reverse=True)  # longest first: the whole before its half

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<token>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the raw parts, scrubbed
            message = f"{record.msg} {record.args}"
        record.msg, record.args = self.scrub(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = self.scrub(record.stack_info)
        return True


def configure_logging(*secrets: str) -> TokenFilter:
    """httpx/httpcore quiet (their INFO lines carry the request URL, token included), and a
    TokenFilter on every root handler. Returns the filter (tests remove it again)."""
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    token_filter = TokenFilter(*secrets)
    for handler in root.handlers:
        handler.addFilter(token_filter)
    return token_filter


def remove_log_filter(token_filter: TokenFilter) -> None:
    for handler in logging.getLogger().handlers:
        handler.removeFilter(token_filter)


# ---------------------------------------------------------------------------------------------
# Callback data: at most 64 bytes, so buttons carry short keys, never question text.

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


def lines_of(text: str) -> tuple[Line, ...]:
    return tuple(((line, ""),) for line in text.split("\n"))


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

R = TypeVar("R")


# ---------------------------------------------------------------------------------------------
# Updates: chats handled concurrently, each chat's updates in order.


def chat_key(update: object) -> Hashable | None:
    """What orders an update: its chat, else its user (inline queries), else nothing."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return ("user", update.effective_user.id)
    return None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Different chats at once, one chat's updates one at a time and in arrival order.

    A group's replies wait in Telegram's per-group send limit (20 a minute); handling updates
    one by one would make every other chat wait behind that group. asyncio.Lock wakes waiters
    in FIFO order and PTB starts one task per update in arrival order, so a chat's answers keep
    the order of its questions. The bound is high because a waiting update holds one slot.
    """

    def __init__(self, max_concurrent_updates: int = 1024) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[Hashable, asyncio.Lock] = {}
        self._queued: dict[Hashable, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._queued[key] = self._queued.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._queued[key] -= 1
            if not self._queued[key]:  # nobody waits: forget the chat, memory stays bounded
                del self._queued[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up: locks are made per chat as updates arrive."""

    async def shutdown(self) -> None:
        """Nothing to free: PTB awaits the running updates itself."""


# ---------------------------------------------------------------------------------------------
# The bot.


def _text_of(message: Message) -> tuple[str, tuple[MessageEntity, ...]]:
    if message.text is not None:
        return message.text, message.entities
    return message.caption or "", message.caption_entities


def _is_bot_mention(entity: MessageEntity, text: str, bot_id: int, username: str) -> bool:
    if entity.type == MessageEntity.TEXT_MENTION:
        return bool(entity.user and entity.user.id == bot_id)
    return entity.type == MessageEntity.MENTION and text.lower() == f"@{username}".lower()


def strip_bot_mentions(text: str, entities: Iterable[MessageEntity], bot_id: int, username: str) -> tuple[str, bool]:
    """The text without mentions of this bot (entity offsets are UTF-16), and whether it had one."""
    data = text.encode("utf-16-le")
    found = False
    for entity in sorted(entities, key=lambda e: e.offset, reverse=True):
        start, end = entity.offset * 2, (entity.offset + entity.length) * 2
        if _is_bot_mention(entity, data[start:end].decode("utf-16-le", errors="replace"), bot_id, username):
            data = data[:start] + " ".encode("utf-16-le") + data[end:]
            found = True
    return " ".join(data.decode("utf-16-le", errors="replace").split()), found


def _plain(html_text: str) -> str:
    """Our own HTML back to text: the fallback when Telegram refuses the HTML."""
    return html.unescape(re.sub(r"<[^>]*>", "", html_text))


def _first_lines(text: str) -> tuple[str, str]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title = lines[0] if lines else ""
    rest = " ".join(lines[1:])
    return (title[:97] + "…" if len(title) > 100 else title), (rest[:197] + "…" if len(rest) > 200 else rest)


class TelegramBot:
    """The handlers, holding one Engine, the shared commands and the per-chat limiter."""

    def __init__(self, engine: Engine, config: Config) -> None:
        self.engine = engine
        self.commands = Commands(engine)
        self.settings = config.telegram
        self.limiter = SlidingWindowLimiter(self.settings.questions_per_minute)
        # Inline queries arrive while a user types, so they get more room; over it they get no results.
        self.inline_limiter = SlidingWindowLimiter(3 * self.settings.questions_per_minute)
        self._lock: asyncio.Lock | None = None

    # -- the core, off the event loop, one call at a time -------------------------------------

    async def _call(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            return await asyncio.to_thread(fn, *args, **kwargs)

    async def ask(self, question: str, channel: str = CHANNEL) -> Answer:
        return await self._call(self.engine.ask, question, channel)

    @staticmethod
    def session(context: ContextTypes.DEFAULT_TYPE) -> Session:
        """The chat's conversation memory (last answer, numbered questions), kept in PTB's chat_data."""
        data = context.chat_data if context.chat_data is not None else {}
        return data.setdefault("session", Session())

    # -- sending --------------------------------------------------------------------------------

    async def send_html(self, bot: Any, chat_id: int, text: str, *, markup: InlineKeyboardMarkup | None = None,
                        reply_to: int | None = None, thread: int | None = None) -> Message:
        """One HTML message; when Telegram cannot parse it (a bug of ours), the same words as plain text."""
        kwargs: dict[str, Any] = {
            "chat_id": chat_id, "text": text, "parse_mode": ParseMode.HTML, "reply_markup": markup,
            "link_preview_options": LinkPreviewOptions(is_disabled=True), "message_thread_id": thread,
        }
        if reply_to is not None:
            kwargs["reply_parameters"] = ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
        try:
            return await bot.send_message(**kwargs)
        except BadRequest as e:
            if "parse entities" not in str(e).lower():
                raise
            log.error("Telegram refused our HTML (%s); sending it as plain text", e)
            kwargs.update(text=_plain(text), parse_mode=None)
            return await bot.send_message(**kwargs)

    async def send_chunks(self, bot: Any, chat_id: int, chunks: list[str], *,
                          markup: InlineKeyboardMarkup | None = None, reply_to: int | None = None,
                          thread: int | None = None) -> None:
        """Messages in order; the reply goes on the first, the buttons on the last."""
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1
            await self.send_html(bot, chat_id, chunk, markup=markup if last else None,
                                 reply_to=reply_to if i == 0 else None, thread=thread)

    async def send_content(self, bot: Any, chat_id: int, content: Content, *, reply_to: int | None = None,
                           thread: int | None = None) -> None:
        """Any command's content: its lines as HTML, its questions and topics as buttons."""
        await self.send_chunks(bot, chat_id, lines_chunks(content.lines), markup=content_markup(content),
                               reply_to=reply_to, thread=thread)

    async def send_notice(self, bot: Any, chat_id: int, key: str, lang: str, *, reply_to: int | None = None,
                          thread: int | None = None, **kw: object) -> None:
        await self.send_content(bot, chat_id, self.commands.notice(key, lang, **kw), reply_to=reply_to,
                                thread=thread)

    async def typing(self, bot: Any, chat_id: int, thread: int | None = None) -> None:
        try:
            await bot.send_chat_action(chat_id=chat_id, action=ChatAction.TYPING, message_thread_id=thread)
        except TelegramError as e:  # the answer matters, the dots do not
            log.debug("chat action failed: %s", e)

    # -- keys -----------------------------------------------------------------------------------

    def resolve_question(self, key: str) -> Pick | None:
        """`zh|0|fact-id` → that fact's question (the first one when the index is gone)."""
        parts = key.split("|")
        if len(parts) != 3 or parts[0] not in ("zh", "en") or not parts[1].isdigit():
            return None
        lang, index, fid = parts[0], int(parts[1]), parts[2]
        fact_id = find_by_short_id(fid, self.engine.knowledge.by_id) if fid.startswith("#") else fid
        return self.commands.resolve(fact_id or "", lang, index)

    def topic_view(self, session: Session, key: str, lang: str) -> Content | None:
        """`short-topic-id|page` → that page of the topic, or None when it is gone."""
        short, _, page_text = key.partition("|")
        topic_id = find_by_short_id(short, (tid for tid, _, _ in self.engine.composer.topics(lang)))
        if topic_id is None:
            return None
        content = self.commands.topic(session, topic_id, lang, int(page_text) if page_text.isdigit() else 0)
        if content is None or content.topic is None:
            return None
        return replace(content, lines=lines_of(t("topic_tap", lang, label=content.topic.label)))

    # -- who may ask ----------------------------------------------------------------------------

    async def admit(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
        """The per-chat inbound limit: True to answer; the first refusal says so, later ones are silent."""
        chat = update.effective_chat
        if chat is None:
            return True
        verdict = self.limiter.check(chat.id)
        if verdict == "ok":
            return True
        if verdict == "warn":
            log.info("chat %s is over %d questions a minute", chat.id, self.settings.questions_per_minute)
            await self.send_notice(context.bot, chat.id, "slow", user_lang(update.effective_user),
                                   thread=self._thread(update.effective_message))
        return False

    def is_admin(self, update: Update) -> bool:
        user = update.effective_user
        return bool(user and user.id in self.settings.admins)

    @staticmethod
    def _thread(message: Message | None) -> int | None:
        return message.message_thread_id if message is not None and message.is_topic_message else None

    # -- handlers -------------------------------------------------------------------------------

    async def on_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start and /help: what the bot knows, examples, how to use it in groups and inline."""
        if not await self.admit(update, context):
            return
        lang = user_lang(update.effective_user)
        content = self.commands.help(self.session(context), lang,
                                     usage=t("usage_telegram", lang, bot=context.bot.username),
                                     commands=MENU_COMMANDS)
        await self.send_content(context.bot, update.effective_chat.id, content,
                                thread=self._thread(update.effective_message))

    async def on_topics(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not await self.admit(update, context):
            return
        content = self.commands.topics(user_lang(update.effective_user))
        await self.send_content(context.bot, update.effective_chat.id, content,
                                thread=self._thread(update.effective_message))

    async def on_source(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The chat's last answer in full context, or the article and how to cite it."""
        if not await self.admit(update, context):
            return
        content = self.commands.source(self.session(context), user_lang(update.effective_user))
        await self.send_content(context.bot, update.effective_chat.id, content,
                                thread=self._thread(update.effective_message))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A question: in private chats always; in groups only when addressed to the bot."""
        message = update.effective_message
        chat = update.effective_chat
        bot = context.bot
        if message.via_bot and message.via_bot.id == bot.id:
            return  # one of our own inline answers, sent by a user: not a question
        text, entities = _text_of(message)
        question, mentioned = strip_bot_mentions(text, entities, bot.id, bot.username or "")
        private = chat.type == ChatType.PRIVATE
        if not private and not (mentioned or self._replies_to_bot(message, bot.id)):
            return
        if not await self.admit(update, context):
            return
        thread = self._thread(message)
        await self.typing(bot, chat.id, thread)
        content = await self._call(self.commands.ask, self.session(context), question, CHANNEL)
        await self.send_content(bot, chat.id, content, reply_to=None if private else message.message_id,
                                thread=thread)

    @staticmethod
    def _replies_to_bot(message: Message, bot_id: int) -> bool:
        reply = message.reply_to_message
        return bool(reply and reply.from_user and reply.from_user.id == bot_id)

    async def on_media(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice, files…: a one-line hint to type the question."""
        message = update.effective_message
        chat = update.effective_chat
        bot = context.bot
        if chat.type != ChatType.PRIVATE:
            text, entities = _text_of(message)
            _, mentioned = strip_bot_mentions(text, entities, bot.id, bot.username or "")
            if not (mentioned or self._replies_to_bot(message, bot.id)):
                return
        if not await self.admit(update, context):
            return
        lang = user_lang(update.effective_user)
        examples = self.engine.composer.examples.get(lang) or [""]
        await self.send_notice(bot, chat.id, "hint", lang, example=examples[0],
                               reply_to=None if chat.type == ChatType.PRIVATE else message.message_id,
                               thread=self._thread(message))

    async def on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not await self.admit(update, context):
            return
        text, _ = _text_of(update.effective_message)
        command = text.split(maxsplit=1)[0] if text.strip() else "/"
        content = self.commands.unknown(command, user_lang(update.effective_user), MENU_COMMANDS)
        await self.send_content(context.bot, update.effective_chat.id, content)

    async def on_reload(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        lang = user_lang(update.effective_user)
        chat_id = update.effective_chat.id
        if not self.is_admin(update):
            await self.send_notice(context.bot, chat_id, "admins_only", lang)
            return
        _, message = await self._call(self.engine.reload)
        await self.send_chunks(context.bot, chat_id, text_chunks(message), thread=self._thread(update.effective_message))

    async def on_misses(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        lang = user_lang(update.effective_user)
        chat_id = update.effective_chat.id
        if not self.is_admin(update):
            await self.send_notice(context.bot, chat_id, "admins_only", lang)
            return
        misses = self.engine.misses
        if misses is None:
            await self.send_notice(context.bot, chat_id, "misses_off", lang)
            return
        # In a thread of its own, outside the core's lock: a long report must not hold up other chats.
        text = await asyncio.to_thread(misses.report, since_days=None, limit=20)
        await self.send_chunks(context.bot, chat_id, text_chunks(text, wrap=("<pre>", "</pre>")),
                               thread=self._thread(update.effective_message))

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Inline-keyboard presses: a topic (edit the list in place) or a question (answer it)."""
        query = update.callback_query
        lang = user_lang(query.from_user)
        kind, _, rest = (query.data or "").partition("|")
        message = query.message
        if kind == "q":
            pick = self.resolve_question(rest)
            if pick is None:
                await query.answer(t("gone", lang))
                return
            if message is None:  # a button on an inline message: there is no chat to answer in
                await query.answer()
                return
            chat_id = message.chat.id
            if self.limiter.check(chat_id) != "ok":
                await query.answer(t("slow", lang))  # a toast, not another message in the chat
                return
            await query.answer()
            thread = message.message_thread_id if isinstance(message, Message) and message.is_topic_message else None
            await self.typing(context.bot, chat_id, thread)
            content = await self._call(self.commands.pick, self.session(context), pick, CHANNEL)
            await self.send_content(context.bot, chat_id, content, thread=thread)
            return
        if kind == "t" or query.data == TOPICS_KEY:
            if query.data == TOPICS_KEY:
                view: Content | None = self.commands.topics(lang)
            else:
                view = self.topic_view(self.session(context), rest, lang)
            if view is None:
                await query.answer(t("gone", lang))
                return
            await query.answer()
            text, markup = content_html(view), content_markup(view)
            try:
                await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
            except BadRequest as e:
                if "not modified" in str(e).lower():
                    return
                if message is None:
                    raise
                log.info("could not edit the topic list (%s); sending a new one", e)
                await self.send_html(context.bot, message.chat.id, text, markup=markup)
            return
        await query.answer(t("gone", lang))

    async def on_inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """@bot question in any chat: the answer, or the suggestions of a declined question."""
        query = update.inline_query
        lang = user_lang(query.from_user)
        if self.inline_limiter.check(query.from_user.id) != "ok":
            await query.answer([], cache_time=5, is_personal=True)
            return
        limit = max(1, self.settings.inline_results)
        text = query.query.strip()
        results: list[InlineQueryResultArticle] = []
        if not text:
            for example in self.engine.composer.examples.get(lang, [])[:limit]:
                answer = await self.ask(example, INLINE_CHANNEL)
                if answer.answered:
                    results.append(self._article(len(results), example, _first_lines(answer.text)[0], answer))
        else:
            answer = await self.ask(text, INLINE_CHANNEL)
            if answer.answered:
                title, description = _first_lines(answer.text)
                results.append(self._article(0, title, description, answer))
            elif answer.suggestions:
                for suggestion in answer.suggestions[:limit]:
                    suggested = await self.ask(suggestion, INLINE_CHANNEL)
                    if suggested.answered:
                        results.append(self._article(len(results), suggestion, _first_lines(suggested.text)[0],
                                                     suggested))
            if not results:
                title, description = _first_lines(answer.text)
                results.append(self._article(0, title, description, answer))
        await query.answer(results[:limit], cache_time=INLINE_CACHE_SECONDS, is_personal=not text)

    @staticmethod
    def _article(index: int, title: str, description: str, answer: Answer) -> InlineQueryResultArticle:
        chunks = answer_chunks(answer)
        body = chunks[0] if chunks else escape(answer.text or title)
        digest = hashlib.blake2b(body.encode("utf-8"), digest_size=12).hexdigest()
        return InlineQueryResultArticle(
            id=f"{index}-{digest}",
            title=title or "…",
            description=description or None,
            input_message_content=InputTextMessageContent(body, parse_mode=ParseMode.HTML,
                                                          link_preview_options=LinkPreviewOptions(is_disabled=True)),
        )

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log and carry on: nothing a user or the network does stops the bot."""
        err = context.error
        if isinstance(err, RetryAfter):
            log.warning("Telegram asked to slow down (%s); one reply was dropped", err)
            return
        if isinstance(err, Forbidden):
            log.info("not allowed to write to a chat (the bot was blocked or removed): %s", err)
            return
        if isinstance(err, BadRequest) and "query is too old" in str(err).lower():
            log.info("a button or inline query expired before it was answered: %s", err)
            return
        if isinstance(err, Conflict):
            log.error("another instance is using this token (%s); stop the other one", err)
            return
        if isinstance(err, NetworkError) and not isinstance(err, BadRequest):
            log.warning("network trouble, carrying on: %s: %s", type(err).__name__, err)
            return
        log.error("error while handling an update", exc_info=err)
        if isinstance(update, Update) and update.effective_chat and update.effective_chat.type == ChatType.PRIVATE:
            try:
                await self.send_notice(context.bot, update.effective_chat.id, "error",
                                       user_lang(update.effective_user))
            except Exception as e:  # the apology is best effort
                log.debug("could not apologize: %s", e)

    async def post_init(self, application: Application) -> None:
        """Announce the commands in both languages (the menu beside the text field)."""
        bot = application.bot
        log.info("running as @%s with %d facts", bot.username, len(self.engine.knowledge.facts))
        try:
            for lang, code in (("zh", None), ("en", "en")):
                commands = [BotCommand(name, t(f"cmd_{name}", lang)) for name in MENU_COMMANDS]
                await bot.set_my_commands(commands, language_code=code)
        except TelegramError as e:
            log.warning("could not set the command menu: %s", e)


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
    builder = (Application.builder().token(token).rate_limiter(rate_limiter or AIORateLimiter(max_retries=3))
               .concurrent_updates(PerChatUpdateProcessor()).post_init(front.post_init))
    if base_url:
        builder = builder.base_url(base_url).base_file_url(base_file_url or _file_url(base_url))
    application = builder.build()

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
            with contextlib.suppress(Exception):
                await bot.shutdown()

    try:
        reached = asyncio.run(check())
    except InvalidToken as e:
        reason = str(e.__cause__ or "") or "Unauthorized"  # the server's words; the outer message quotes the token
        hint = f" and TELEGRAM_API_BASE_URL ({where})" if base_url else ""
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

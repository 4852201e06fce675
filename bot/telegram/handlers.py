"""The Telegram handlers: read an update, call the shared commands (bot.commands), send their content
rendered as Telegram HTML (bot.render) with buttons (keyboards.py)."""

from __future__ import annotations

import asyncio
import hashlib
import html
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, TypeVar

from bot.answer import Answer, Line
from bot.chunks import answer_chunks, lines_chunks, text_chunks
from bot.commands import Commands, Content, Pick, Session
from bot.config import Config
from bot.engine import Engine
from bot.ratelimit import SlidingWindowLimiter
from bot.render import content_html, escape, numbered
from bot.telegram.keyboards import TOPICS_KEY, content_markup, find_by_short_id
from bot.texts import t
from telegram import (
    BotCommand,
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
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes

log = logging.getLogger(__name__)

CHANNEL = "telegram"
INLINE_CHANNEL = "telegram-inline"
MENU_COMMANDS = ("topics", "source", "help")  # the command menu beside the text field, and /help's list
INLINE_CACHE_SECONDS = 60  # short: the fact base may be reloaded at any time


def user_lang(user: User | None) -> str:
    """English for users whose Telegram language is English, Chinese for everyone else."""
    code = (user.language_code or "") if user else ""
    return "en" if code.lower().startswith("en") else "zh"


def lines_of(text: str) -> tuple[Line, ...]:
    return tuple(((line, ""),) for line in text.split("\n"))


R = TypeVar("R")


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
        await self.send_chunks(bot, chat_id, lines_chunks(numbered(content.lines)), markup=content_markup(content),
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
                                     usage=t("usage_telegram", lang, bot=context.bot.username) + "\n"
                                     + t("usage_pick", lang),
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

    async def _refused(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
        """Whether a maintainers' command comes from someone else, who is then told so."""
        if self.is_admin(update):
            return False
        await self.send_notice(context.bot, update.effective_chat.id, "admins_only", user_lang(update.effective_user))
        return True

    async def on_reload(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if await self._refused(update, context):
            return
        _, message = await self._call(self.engine.reload)
        await self.send_chunks(context.bot, update.effective_chat.id, text_chunks(message),
                               thread=self._thread(update.effective_message))

    async def on_misses(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if await self._refused(update, context):
            return
        chat_id = update.effective_chat.id
        misses = self.engine.misses
        if misses is None:
            await self.send_notice(context.bot, chat_id, "misses_off", user_lang(update.effective_user))
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

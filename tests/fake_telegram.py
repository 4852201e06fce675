"""A fake Telegram Bot API server for end-to-end tests, and a small fact base to run the bot on.

`FakeTelegram` serves /bot<token>/<method> over HTTP on 127.0.0.1 (a random port), from a
background thread with its own event loop, so the real python-telegram-bot Application (in the
test's loop, or in a `python -m bot` subprocess) talks to it exactly as to Telegram:

- getMe, getUpdates (scripted updates, `offset` respected, long poll capped at `poll_wait`),
  deleteWebhook/setWebhook, setMyCommands, sendMessage, sendChatAction, editMessageText,
  answerCallbackQuery, answerInlineQuery; every call is recorded in `calls`;
- form-encoded bodies (PTB's: strings raw, everything else JSON-encoded) and JSON bodies;
- Telegram's checks where they matter: 400 "can't parse entities" for HTML with unbalanced or
  unsupported tags or a stray `<`/`&`, 400 for text over 4096 characters (UTF-16 units, after
  parsing) or empty text, 400 for callback data over 64 bytes, 401 for another token, and 429
  with `parameters.retry_after` for as many calls as a test scripts with `fail()`.

Usage (sync or async tests alike):

    with FakeTelegram() as fake:
        fake.push_text("三季度双集中总投资多少")
        fake.wait_for(lambda: fake.sent_texts())

Run as a program (`make try-telegram`), it starts the fake and `python -m bot telegram` against it
on the real fact base, then plays you as a Telegram user: type questions, numbers or /commands
(end with Ctrl-D); piped input or `--script` plays a short scripted conversation.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-test"
BOT_ID = 123456789
BOT_USERNAME = "yuhang_figures_test_bot"
MAX_TEXT = 4096

# Telegram's HTML: these tags only; named entities &lt; &gt; &amp; &quot; and numeric ones only.
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code",
                "pre", "blockquote", "tg-emoji"}
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")
# Values PTB sends as raw strings (everything else is JSON): never JSON-decode these.
_STRING_FIELDS = {"text", "caption", "query", "callback_query_id", "inline_query_id", "parse_mode", "action",
                  "url", "secret_token", "title", "description", "language_code", "next_offset",
                  "message_text", "ip_address", "switch_pm_text", "switch_pm_parameter", "business_connection_id"}

T = TypeVar("T")


class HtmlError(ValueError):
    pass


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise HtmlError(f'Unsupported start tag "{tag}"')
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise HtmlError(f'Unsupported self-closing tag "{tag}"')

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise HtmlError(f'Unexpected end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(text: str) -> str:
    """Telegram HTML → its plain text, or HtmlError as Telegram would refuse it."""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            m = _TAG.match(text, i)
            if not m:
                raise HtmlError(f"Unexpected character '<' at byte offset {len(text[:i].encode())}")
            i = m.end()
            continue
        if ch == "&" and not _ENTITY.match(text, i):
            raise HtmlError(f"Unsupported HTML entity at byte offset {len(text[:i].encode())}")
        i += 1
    parser = _Balance()
    parser.feed(text)
    parser.close()
    if parser.stack:
        raise HtmlError(f'Can\'t find end tag corresponding to start tag "{parser.stack[-1]}"')
    return "".join(parser.text)


def check_text(text: Any, parse_mode: str | None) -> str:
    """The plain text Telegram would show, or HtmlError/ValueError with Telegram's description."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("Bad Request: message text is empty")
    plain = text
    if parse_mode and parse_mode.upper() == "HTML":
        try:
            plain = parse_html(text)
        except HtmlError as e:
            raise ValueError(f"Bad Request: can't parse entities: {e}") from None
    if not plain.strip():
        raise ValueError("Bad Request: message text is empty")
    if utf16_len(plain) > MAX_TEXT:
        raise ValueError("Bad Request: message is too long")
    return plain


def check_markup(markup: Any) -> None:
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise ValueError("Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not str(button.get("text", "")).strip():
                raise ValueError("Bad Request: text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                raise ValueError("Bad Request: BUTTON_DATA_INVALID")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int = 200
    result: Any = None
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200


class FakeTelegram:
    """A scripted Bot API server; see the module docstring."""

    def __init__(self, token: str = TOKEN, *, bot_id: int = BOT_ID, username: str = BOT_USERNAME,
                 poll_wait: float = 0.3) -> None:
        self.token = token
        self.bot_user = {"id": bot_id, "is_bot": True, "first_name": "Yuhang Figures", "username": username,
                         "can_join_groups": True, "can_read_all_group_messages": False,
                         "supports_inline_queries": True}
        self.poll_wait = poll_wait
        self.calls: list[Call] = []
        self.webhook: dict[str, Any] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._ids = itertools.count(1)
        self._failures: dict[str, list[tuple[int, str, int | None]]] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- life cycle ------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> FakeTelegram:
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()

        def serve() -> None:
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(self._start_server())
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=serve, name="fake-telegram", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake Telegram server did not start")
        return self

    async def _start_server(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        if not self._loop:
            return
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()
        self._loop = None

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scripting ---------------------------------------------------------------------------------

    def fail(self, method: str, times: int = 1, *, status: int = 429, retry_after: int | None = 1,
             description: str | None = None) -> None:
        """The next `times` calls of `method` fail (429 Too Many Requests by default)."""
        if description is None:
            description = f"Too Many Requests: retry after {retry_after}" if status == 429 else "Bad Gateway"
        with self._lock:
            self._failures.setdefault(method, []).extend([(status, description, retry_after)] * times)

    @staticmethod
    def user(user_id: int = 1001, language_code: str | None = "zh", first_name: str = "Lin") -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            user["language_code"] = language_code
        return user

    @staticmethod
    def private_chat(user: dict[str, Any]) -> dict[str, Any]:
        return {"id": user["id"], "type": "private", "first_name": user["first_name"]}

    @staticmethod
    def group_chat(chat_id: int = -1001234567890, kind: str = "supergroup") -> dict[str, Any]:
        return {"id": chat_id, "type": kind, "title": "余杭 news readers"}

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue one update for getUpdates; its update_id is assigned here."""
        with self._lock:
            update = {"update_id": next(self._update_ids), **update}
            self._updates.append(update)
            for part in update.values():
                if isinstance(part, dict):
                    message = part.get("message", part)
                    if isinstance(message, dict) and isinstance(message.get("chat"), dict):
                        self._chats[message["chat"]["id"]] = message["chat"]
        return update

    def message(self, text: str | None = None, *, user: dict[str, Any] | None = None,
                chat: dict[str, Any] | None = None, reply_to: dict[str, Any] | None = None,
                **fields: Any) -> dict[str, Any]:
        """A user's message as Telegram sends it, with entities for /commands and @mentions."""
        user = user or self.user()
        chat = chat or self.private_chat(user)
        message: dict[str, Any] = {"message_id": next(self._message_ids), "date": int(time.time()),
                                   "chat": chat, "from": user, **fields}
        if text is not None:
            message["text"] = text
            entities = mention_entities(text)
            if entities:
                message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return message

    def push_text(self, text: str, **kw: Any) -> dict[str, Any]:
        return self.push({"message": self.message(text, **kw)})["message"]

    def push_media(self, kind: str, **kw: Any) -> dict[str, Any]:
        """A sticker, photo, voice, document, video… without text."""
        fid = {"file_id": f"file-{next(self._ids)}", "file_unique_id": f"u{next(self._ids)}"}
        media: dict[str, Any] = {
            "sticker": {**fid, "type": "regular", "width": 512, "height": 512, "is_animated": False, "is_video": False},
            "photo": [{**fid, "width": 90, "height": 90}],
            "voice": {**fid, "duration": 2},
            "document": {**fid, "file_name": "a.pdf"},
            "video": {**fid, "width": 640, "height": 360, "duration": 3},
            "audio": {**fid, "duration": 30},
            "location": {"latitude": 30.4, "longitude": 120.3},
        }[kind]
        return self.push({"message": self.message(None, **{kind: media}, **kw)})["message"]

    def push_inline(self, query: str, *, user: dict[str, Any] | None = None) -> str:
        qid = f"iq{next(self._ids)}"
        self.push({"inline_query": {"id": qid, "from": user or self.user(), "query": query, "offset": ""}})
        return qid

    def press(self, message: dict[str, Any], button_text: str | None = None, *, data: str | None = None,
              user: dict[str, Any] | None = None) -> str:
        """Press a button of a message the bot sent (by its text, or by raw callback data)."""
        if data is None:
            buttons = [b for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]
            matching = [b for b in buttons if button_text is None or b["text"] == button_text]
            if not matching:
                raise AssertionError(f"no button {button_text!r} in {[b['text'] for b in buttons]}")
            data = matching[0]["callback_data"]
        qid = f"cq{next(self._ids)}"
        self.push({"callback_query": {"id": qid, "from": user or self.user(), "chat_instance": "ci1",
                                      "data": data, "message": message}})
        return qid

    # -- what the bot did ----------------------------------------------------------------------------

    def calls_of(self, method: str, ok_only: bool = True) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method and (c.ok or not ok_only)]

    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Messages the bot sent (Telegram's Message objects, with `html` = the text as sent)."""
        return [c.result for c in self.calls_of("sendMessage")
                if chat_id is None or c.result["chat"]["id"] == chat_id]

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        return [m["text"] for m in self.sent(chat_id)]

    def unconfirmed(self) -> int:
        with self._lock:
            return len(self._updates)

    def wait_for(self, condition: Callable[[], T], timeout: float = 5.0) -> T:
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting; calls: {[c.method for c in self.calls]}")
            time.sleep(0.01)

    async def await_for(self, condition: Callable[[], T], timeout: float = 5.0) -> T:
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting; calls: {[c.method for c in self.calls]}")
            await asyncio.sleep(0.01)

    async def settle(self, quiet: float = 0.3, timeout: float = 5.0) -> None:
        """Wait until every update is fetched and no call came for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                last = max((c.at for c in self.calls if c.method != "getUpdates"), default=0.0)
                pending = any(u["update_id"] >= self._next_offset for u in self._updates)
            if not pending and time.monotonic() - last >= quiet:
                return
            await asyncio.sleep(0.02)

    _next_offset = 0

    # -- the server ----------------------------------------------------------------------------------

    async def _not_found(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return await request.json()
        if not request.can_read_body:
            return dict(request.query)
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            if not isinstance(value, str) or key in _STRING_FIELDS:
                params[key] = value
                continue
            try:
                params[key] = json.loads(value)
            except ValueError:
                params[key] = value
        return params

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        params = await self._params(request)
        call = Call(method, params)
        with self._lock:
            queue = self._failures.get(method)
            failure = queue.pop(0) if queue else None
        if failure and method != "getUpdates":
            status, description, retry_after = failure
            body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
            if status == 429:
                body["parameters"] = {"retry_after": retry_after}
            call.status = status
            self._record(call)
            return web.json_response(body, status=status)
        try:
            if method == "getUpdates":
                if failure:
                    raise _Failure(*failure)
                result = await self._get_updates(params)
            else:
                handler = getattr(self, f"_m_{method}", None)
                if handler is None:
                    call.status = 404
                    self._record(call)
                    return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"},
                                             status=404)
                result = handler(params)
        except _Failure as f:
            call.status = f.status
            self._record(call)
            body = {"ok": False, "error_code": f.status, "description": f.description}
            if f.status == 429:
                body["parameters"] = {"retry_after": f.retry_after}
            return web.json_response(body, status=f.status)
        except ValueError as e:
            call.status = 400
            call.result = str(e)
            self._record(call)
            return web.json_response({"ok": False, "error_code": 400, "description": str(e)}, status=400)
        call.result = result
        self._record(call)
        return web.json_response({"ok": True, "result": result})

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), self.poll_wait)
        deadline = time.monotonic() + wait
        while True:
            with self._lock:
                if offset:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                    self._next_offset = max(self._next_offset, offset)
                ready = self._updates[:limit]
            if ready or time.monotonic() >= deadline:
                if ready:
                    self._next_offset = max(self._next_offset, ready[-1]["update_id"] + 1)
                return ready
            await asyncio.sleep(0.01)

    # Bot API methods: each takes the decoded parameters and returns the result, or raises
    # ValueError with Telegram's description (answered as 400).

    def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.bot_user

    def _m_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {}
        return True

    def _m_setWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = dict(params)
        return True

    def _m_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": self.webhook.get("url", ""), "has_custom_certificate": False, "pending_update_count": 0}

    def _m_setMyCommands(self, params: dict[str, Any]) -> bool:
        return True

    def _m_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    def _m_close(self, params: dict[str, Any]) -> bool:
        return True

    def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        plain = check_text(params.get("text"), params.get("parse_mode"))
        check_markup(params.get("reply_markup"))
        chat_id = int(params["chat_id"])
        with self._lock:
            chat = self._chats.get(chat_id) or {"id": chat_id, "type": "private", "first_name": "Lin"}
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat,
                   "from": self.bot_user, "text": plain, "html": params["text"]}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message["reply_to_message_id"] = reply.get("message_id")  # not a Bot API field: for tests
        with self._lock:
            self._messages[(chat_id, message["message_id"])] = message
        return message

    def _m_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        plain = check_text(params.get("text"), params.get("parse_mode"))
        check_markup(params.get("reply_markup"))
        key = (int(params["chat_id"]), int(params["message_id"]))
        with self._lock:
            old = self._messages.get(key)
        if old is None:
            raise ValueError("Bad Request: message to edit not found")
        if old["html"] == params["text"] and old.get("reply_markup") == params.get("reply_markup"):
            raise ValueError("Bad Request: message is not modified: specified new message content and reply "
                             "markup are exactly the same as a current content and reply markup of the message")
        new = {**old, "text": plain, "html": params["text"], "edit_date": int(time.time())}
        new.pop("reply_markup", None)
        if params.get("reply_markup"):
            new["reply_markup"] = params["reply_markup"]
        with self._lock:
            self._messages[key] = new
        return new

    def _m_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        if len(str(params.get("text") or "")) > 200:
            raise ValueError("Bad Request: MESSAGE_TOO_LONG")
        return True

    def _m_answerInlineQuery(self, params: dict[str, Any]) -> bool:
        results = params.get("results") or []
        if len(results) > 50:
            raise ValueError("Bad Request: RESULTS_TOO_MUCH")
        ids = [str(r.get("id")) for r in results]
        if len(set(ids)) != len(ids):
            raise ValueError("Bad Request: RESULT_ID_DUPLICATE")
        for r in results:
            if not 1 <= len(str(r.get("id")).encode()) <= 64:
                raise ValueError("Bad Request: RESULT_ID_INVALID")
            if r.get("type") == "article" and not r.get("title"):
                raise ValueError("Bad Request: RESULT_TITLE_EMPTY")
            content = r.get("input_message_content") or {}
            check_text(content.get("message_text"), content.get("parse_mode"))
            check_markup(r.get("reply_markup"))
        return True

    def message_by_id(self, chat_id: int, message_id: int) -> dict[str, Any]:
        with self._lock:
            return self._messages[(chat_id, message_id)]


class _Failure(Exception):
    def __init__(self, status: int, description: str, retry_after: int | None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after


def mention_entities(text: str) -> list[dict[str, Any]]:
    """Entities Telegram would attach: a /command at the start, @mentions (offsets in UTF-16)."""
    entities = []
    m = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
    if m:
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(m.group())})
    for m in re.finditer(r"(?<![A-Za-z0-9_@])@[A-Za-z0-9_]{5,32}", text):
        entities.append({"type": "mention", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())})
    return entities


def html_text(message: dict[str, Any]) -> str:
    """What a user reads of a sent message."""
    return html.unescape(message["text"])


# ---------------------------------------------------------------------------------------------
# A small fact base of its own, so these tests do not move when the curators edit knowledge/.

ROOT = Path(__file__).resolve().parent.parent
LONG_LINE = "研发&创新<b>实验室</b>；" * 260  # one answer line over 4096 characters, full of & and <

TEST_FACTS = textwrap.dedent("""\
    topics:
      investment: {zh: 项目投资额, en: Investment totals}
      labs: {zh: 实验室, en: Laboratories}
      notes: {zh: 测试, en: Tests}

    series:
      dc-quarterly: {zh: 双集中活动总投资, en: double-concentration investment, unit: 亿元}

    facts:
      - id: q1-total
        topic: investment
        asks: amount
        questions:
          zh: [余杭一季度双集中总投资多少, 第一季度双集中活动总投资额是多少]
          en: ["How much was invested in Yuhang's Q1 double-concentration event?"]
        answer:
          zh: 一季度余杭“双集中”总投资582亿元。
          en: Yuhang's Q1 "double concentration" investment was 58.2 billion yuan (582亿元).
        figures:
          - {text: 582亿元, value: 582, unit: 亿元}
        slots: {quarter: ["1"]}
        series: {id: dc-quarterly, label: {zh: 一季度, en: Q1}}
        source: {doc: yuhang-2020q3, paragraph: 23, quote: 一季度“双集中”总投资582亿元}

      - id: q2-total
        topic: investment
        asks: amount
        questions:
          zh: [余杭二季度双集中总投资多少, 第二季度双集中活动总投资额是多少]
          en: ["How much was invested in Yuhang's Q2 double-concentration event?"]
        answer:
          zh: 二季度余杭“双集中”总投资600亿元。
          en: Yuhang's Q2 "double concentration" investment was 60 billion yuan (600亿元).
        figures:
          - {text: 600亿元, value: 600, unit: 亿元}
        slots: {quarter: ["2"]}
        series: {id: dc-quarterly, label: {zh: 二季度, en: Q2}}
        source: {doc: yuhang-2020q3, paragraph: 23, quote: 二季度“双集中”总投资600亿元}

      - id: q3-total
        topic: investment
        asks: amount
        questions:
          zh: [余杭三季度双集中总投资多少, 第三季度双集中活动总投资额是多少]
          en: ["How much was invested in Yuhang's Q3 double-concentration event?"]
        answer:
          zh: 9月29日余杭举行2020年三季度“双集中”活动，总投资额达556亿元。
          en: Yuhang's Q3 "double concentration" event brought 55.6 billion yuan (556亿元) of investment.
        figures:
          - {text: 556亿元, value: 556, unit: 亿元}
        slots: {quarter: ["3"]}
        series: {id: dc-quarterly, label: {zh: 三季度, en: Q3}}
        source: {doc: yuhang-2020q3, paragraph: 2, quote: 总投资额达556亿元}

      - id: tianxiaxiu-investment
        topic: investment
        asks: amount
        questions:
          zh: [天下秀网红城市项目投资多少, 天下秀项目带来多少投资额]
          en: ["How much investment does the Tianxiaxiu influencer city project bring?"]
        answer:
          zh: 天下秀网红城市项目将带来60亿元投资额。
          en: The Tianxiaxiu influencer city project brings 6 billion yuan (60亿元) of investment.
        figures:
          - {text: 60亿元, value: 60, unit: 亿元}
        source: {doc: yuhang-2020q3, paragraph: 28, quote: 仅天下秀网红城市这一项就将带来了60亿元投资额}

      - id: provincial-labs-count
        topic: labs
        asks: count
        questions:
          zh: [浙江着重建设几个省级实验室, 浙江有多少个省级实验室]
          en: ["How many provincial laboratories is Zhejiang building?"]
        answer:
          zh: 浙江着重建设4个省级实验室，余杭坐拥其三（之江 & 良渚 & 湖畔）。
          en: Zhejiang is building 4 provincial <b>labs</b> & Yuhang has three of them.
        figures:
          - {text: 4个, value: 4, unit: 个}
        source: {doc: yuhang-2020q3, paragraph: 20, quote: 当前浙江着重建设4个省级实验室}

      - id: long-answer-test
        topic: notes
        asks: text
        questions:
          zh: [超长回答测试是什么]
          en: ["What does the very long answer test say?"]
        answer:
          zh: "LONG"
          en: "LONG"
        source: {doc: yuhang-2020q3, paragraph: 3, quote: 余杭却一路跑出加速度}
    """).replace('"LONG"', json.dumps(LONG_LINE, ensure_ascii=False))


def write_bot_dir(dest: Path, *, admins: tuple[int, ...] = (42,), questions_per_minute: int = 20,
                  inline_results: int = 5) -> Path:
    """A folder with config.yaml and knowledge/ (the article copy + TEST_FACTS); returns config.yaml."""
    knowledge = dest / "knowledge"
    (knowledge / "facts").mkdir(parents=True)
    shutil.copy(ROOT / "knowledge" / "sources.yaml", knowledge / "sources.yaml")
    shutil.copytree(ROOT / "knowledge" / "articles", knowledge / "articles")
    (knowledge / "facts" / "test.yaml").write_text(TEST_FACTS, encoding="utf-8")
    config = dest / "config.yaml"
    config.write_text(textwrap.dedent(f"""\
        knowledge: knowledge
        misses: {{path: var/misses.sqlite3, enabled: true}}
        telegram:
          admins: [{", ".join(str(a) for a in admins)}]
          questions_per_minute: {questions_per_minute}
          inline_results: {inline_results}
        """), encoding="utf-8")
    return config


# ---------------------------------------------------------------------------------------------
# The bot end to end on one's own machine, without Telegram: `make try-telegram`.

DEMO_SCRIPT = ("/start", "余杭第三季度双集中总投资多少", "四季度双集中总投资多少", "1", "/source", "/topics",
               "How many provincial laboratories is Zhejiang building?")


def _replies(fake: FakeTelegram, chat_id: int, before: int, timeout: float = 15.0) -> list[dict[str, Any]]:
    """The bot's messages to `chat_id` after the first `before`, once it has been quiet a moment."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sent = fake.sent(chat_id)
        quiet = time.monotonic() - max((c.at for c in fake.calls if c.method == "sendMessage"), default=0.0)
        if len(sent) > before and quiet > 0.4:
            return sent[before:]
        time.sleep(0.05)
    return fake.sent(chat_id)[before:]


def _show(message: dict[str, Any]) -> str:
    lines = [f"bot> {line}" if i == 0 else f"     {line}" for i, line in enumerate(message["text"].split("\n"))]
    buttons = [b["text"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]
    lines += [f"     [button] {text}" for text in buttons]
    return "\n".join(lines)


@contextlib.contextmanager
def running_bot() -> Iterator[tuple[FakeTelegram, subprocess.Popen[bytes]]]:
    """The fake Bot API and `python -m bot telegram` against it on the real fact base (misses
    logged in a temporary folder), polling; SIGTERM when done."""
    with tempfile.TemporaryDirectory() as tmp, FakeTelegram() as fake:
        config = Path(tmp) / "config.yaml"
        config.write_text(f"knowledge: {json.dumps(str(ROOT / 'knowledge'))}\n"
                          f"misses: {{path: misses.sqlite3, enabled: true}}\n", encoding="utf-8")
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url,
               "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
        print(f"fake Bot API on {fake.base_url}; starting: python -m bot telegram", flush=True)
        proc = subprocess.Popen([sys.executable, "-m", "bot", "--config", str(config), "telegram"], cwd=ROOT,
                                env=env)
        try:
            fake.wait_for(lambda: fake.calls_of("getUpdates") or proc.poll() is not None, timeout=60)
            yield fake, proc
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)


def demo(script: tuple[str, ...] | None) -> int:
    """Chat with the bot as user 1001 ("zh", or "en" with --en); print what Telegram would show.
    Returns the bot's exit code."""
    with running_bot() as (fake, proc):
        user = FakeTelegram.user(1001, "en" if "--en" in sys.argv else "zh")
        lines = iter(script) if script is not None else iter(sys.stdin.readline, "")
        if script is None:
            print("type a question, a number or a /command (Ctrl-D ends):", flush=True)
        for line in lines:
            text = line.strip()
            if not text or proc.poll() is not None:
                continue
            if script is not None:
                print(f"you> {text}")
            before = len(fake.sent(user["id"]))
            fake.push_text(text, user=user)
            for message in _replies(fake, user["id"], before):
                print(_show(message), flush=True)
            print(flush=True)
    return proc.returncode


def flood(mentions: int = 25) -> int:
    """`--flood`: a group mentions the bot `mentions` times, then a private question; prints how
    long the private answer took under Telegram's real send limits (PTB's AIORateLimiter)."""
    group, user = FakeTelegram.group_chat(), FakeTelegram.user(1002, "zh")
    with running_bot() as (fake, proc):
        for _ in range(mentions):
            fake.push_text(f"@{BOT_USERNAME} 余杭第三季度双集中总投资多少", user=user, chat=group)
        fake.wait_for(lambda: fake.sent(group["id"]), timeout=30)
        pushed = time.monotonic()
        fake.push_text("浙江着重建设几个省级实验室", user=user, chat=FakeTelegram.private_chat(user))
        fake.wait_for(lambda: fake.sent(user["id"]), timeout=300)
        print(f"{mentions} mentions in one group, then a private question: answered after "
              f"{time.monotonic() - pushed:.2f} s, while {len(fake.sent(group['id']))} group replies were sent",
              flush=True)
    return proc.returncode


if __name__ == "__main__":
    if "--flood" in sys.argv:
        sys.exit(flood())
    scripted = "--script" in sys.argv or not sys.stdin.isatty()
    sys.exit(demo(DEMO_SCRIPT if scripted else None))

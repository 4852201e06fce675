"""How updates are scheduled: chats concurrently, each chat's updates one at a time, in order."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger(__name__)


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

    On stop, PTB awaits every update task; an update still waiting for its chat is then dropped
    (as PTB drops updates still queued when handling them one by one), so SIGTERM does not wait
    out a flooded group's send limit.
    """

    def __init__(self, max_concurrent_updates: int = 1024, running: Callable[[], bool] = lambda: True) -> None:
        super().__init__(max_concurrent_updates)
        self.running = running  # the Application's `running`, set once it exists
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
                if not self.running():
                    log.debug("stopping: dropped an update for chat %s", key)
                    if inspect.iscoroutine(coroutine):  # never started: close it, no "never awaited" warning
                        coroutine.close()
                    return
                await coroutine
        finally:
            self._queued[key] -= 1
            if not self._queued[key]:  # nobody waits: forget the chat, memory stays bounded
                del self._queued[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up: locks are made per chat as updates arrive."""

    async def shutdown(self) -> None:
        """Nothing to free: PTB awaits the running updates itself."""

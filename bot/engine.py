"""The bot's core behind every front end: question in, Answer out, fact base kept fresh.

Front ends (console, ask, Telegram) hold one Engine. It reloads knowledge/ when its files
change, and keeps serving the last good fact base when an edit is broken, so curators can edit
a running bot without fear.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from bot.answer import Answer
from bot.config import Config, load_config
from bot.knowledge import KnowledgeError, file_stamp, load
from bot.match import FactCache, Matcher
from bot.misses import MissLog
from bot.model import Knowledge, Problem
from bot.reply import Composer

log = logging.getLogger(__name__)

# Channels whose questions are not misses: inline queries arrive while people type, so
# half-typed questions would flood the log; evaluation runs are not users. Batches (`ask` reading
# stdin) pass bot.misses.BATCH_CHANNEL: logged, but left out of the curators' report unless asked for.
UNLOGGED_CHANNELS = frozenset({"telegram-inline", "eval"})


def _stamp(roots: tuple[Path, ...]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """What changes when a curator saves a file under knowledge/ (or another fact base folder)."""
    return tuple((str(p), file_stamp(p)) for p in sorted(p for root in roots for p in root.rglob("*"))
                 if p.is_file() and p.suffix in (".yaml", ".yml", ".txt"))


class Engine:
    """Loads the fact base, answers questions, and reloads when knowledge/ changes."""

    def __init__(self, config: Config | None = None, reload_interval: float = 1.0) -> None:
        self.config = config or load_config()
        self.reload_interval = reload_interval
        self.last_error: str | None = None
        self._checked = time.monotonic()
        self._stamp = _stamp(self.config.roots)
        self._fact_cache = FactCache()
        self._install(load(*self.config.roots))  # a broken base at start-up raises: nothing to serve
        settings = self.config.misses
        # never raises: a log that cannot be opened is reported and retried, the bot starts anyway
        self.misses = MissLog(self.config.path(settings.path)) if settings.enabled else None

    def _install(self, knowledge: Knowledge) -> None:
        # built first: a failure leaves the old base whole; the cache spares unchanged facts the work
        matcher = Matcher(knowledge, self.config.match, self._fact_cache)
        composer = Composer(knowledge, self.config.match.max_question_chars)
        self.knowledge, self.matcher, self.composer = knowledge, matcher, composer
        for problem in knowledge.problems:
            log.warning("fact base problem: %s", problem)

    def reload(self) -> tuple[bool, str]:
        """Load knowledge/ again. Returns (changed, message); a base with new problems is not
        installed and the last good one keeps serving."""
        try:
            self._stamp = _stamp(self.config.roots)
            knowledge = load(*self.config.roots)
            known = {p.message for p in self.knowledge.problems}
            new = [str(p) for p in knowledge.problems if p.message not in known]
            if new:  # problems the served base already had (and warned about) do not block a good edit
                return self._refuse(new)
            dropped = sorted({f.id for f in self.knowledge.facts} - {f.id for f in knowledge.facts})
            self._install(knowledge)
        except KnowledgeError as e:
            return self._refuse([str(e)])
        except Exception as e:  # a shape load() does not expect (`figures: 5`) must not reach the users
            log.exception("fact base not loadable")
            return self._refuse([f"{self.config.knowledge}: cannot load: {type(e).__name__}: {e}"])
        self.last_error = None
        log.info("fact base reloaded: %d facts", len(knowledge.facts))
        if dropped:  # a deleted fact is no longer answered: say so where curators look
            log.warning("the reload dropped %d fact(s) that were served until now: %s", len(dropped), ", ".join(dropped))
            return True, f"reloaded: {len(knowledge.facts)} facts; dropped {len(dropped)}: {', '.join(dropped)}"
        return True, f"reloaded: {len(knowledge.facts)} facts"

    def _refuse(self, problems: list[str]) -> tuple[bool, str]:
        self.last_error = "; ".join(problems)
        log.error("fact base not reloaded, still serving the last good one: %s", self.last_error)
        return False, "not reloaded, still serving the last good fact base:\n" + "\n".join(problems)

    def refresh(self) -> None:
        """Reload when a file under knowledge/ changed (checked at most once per interval)."""
        now = time.monotonic()
        if now - self._checked < self.reload_interval:
            return
        self._checked = now
        try:
            stamp = _stamp(self.config.roots)
        except OSError as e:
            log.error("cannot read the fact base folder: %s", e)
            return
        if stamp != self._stamp:
            self.reload()

    def ask(self, question: str, channel: str = "console") -> Answer:
        """Answer one question from whichever front end; log it when it went unanswered."""
        answer = self.reply(question)
        if self.misses and self.logs(answer, channel):
            self.misses.record(answer, channel)  # queued: a slow or broken log never delays the reply
        return answer

    def reply(self, question: str) -> Answer:
        """Answer without logging: a batch's worker processes leave the log (its file, its writer
        thread) to the process that opened it, which logs what they send back."""
        self.refresh()
        return self.composer.compose(self.matcher.match(question))

    def logs(self, answer: Answer, channel: str) -> bool:
        """Whether `ask` logs this answer on this channel as a miss (when the log is enabled)."""
        return channel not in UNLOGGED_CHANNELS and self._is_miss(answer)

    def _is_miss(self, answer: Answer) -> bool:
        if answer.kind in ("declined", "out_of_scope"):
            return True
        return answer.answered and answer.score < self.config.misses.low_confidence

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.knowledge.problems

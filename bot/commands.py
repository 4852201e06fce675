"""The commands every front end offers, written once: /help, /start, /topics, /source, and the
number pick (after a list "1. … 2. …", typing `1` asks question 1).

Each command returns `Content`: data (styled lines, questions to pick, topics to open), never
text for one target. bot/render.py turns it into plain text or Telegram HTML; a front end only
reads its input, keeps one `Session` per conversation and sends what the renderer made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.answer import Answer, Line
from bot.engine import Engine
from bot.texts import t

SHARED_COMMANDS = ("help", "topics", "source")  # listed in help; /start is /help's alias
TOPIC_PAGE = 8  # questions per page of a topic


@dataclass(frozen=True)
class Pick:
    """A question a user can choose (by number in text, by button in Telegram): a fact's phrasing."""

    fact_id: str
    lang: str
    index: int  # which of the fact's questions in `lang`
    text: str


@dataclass(frozen=True)
class TopicEntry:
    id: str
    label: str
    count: int  # questions (facts) in the topic
    number: int  # its place in the topic list, from 1 (what `/topics N` takes)


@dataclass(frozen=True)
class Content:
    """What a command says. `lines` are styled spans as in Answer ("q" marks an offered question)."""

    kind: str  # answer | help | topics | topic | source | notice
    lang: str
    lines: tuple[Line, ...] = ()
    picks: tuple[Pick, ...] = ()  # in the order they are offered
    topics: tuple[TopicEntry, ...] = ()  # kind "topics": in the fact base's order
    topic: TopicEntry | None = None  # kind "topic": the topic shown
    page: int = 0  # kind "topic": this page of its questions (from 0) …
    pages: int = 1  # … of this many
    answer: Answer | None = None  # kind "answer"


@dataclass
class Session:
    """One conversation's memory: the last answer (for /source) and the numbered questions on
    screen (for a number reply). Picks stay until new ones are shown, so one can work through
    a topic's list by number."""

    last: Answer | None = None
    picks: tuple[Pick, ...] = ()


def _text(text: str) -> tuple[Line, ...]:
    return tuple(((line, ""),) for line in text.split("\n"))


class Commands:
    """The shared commands over one Engine (read live: the fact base may be reloaded any time)."""

    def __init__(self, engine: Engine, topic_page: int = TOPIC_PAGE) -> None:
        self.engine = engine
        self.topic_page = topic_page

    # -- picks ----------------------------------------------------------------------------------

    def resolve(self, fact_id: str, lang: str, index: int = 0) -> Pick | None:
        """A fact's question as a Pick (its first one when `index` is gone); None when the fact is."""
        fact = self.engine.knowledge.by_id.get(fact_id)
        if fact is None:
            return None
        if not fact.questions.get(lang):
            lang = next((code for code, qs in fact.questions.items() if qs), lang)
        questions = fact.questions.get(lang) or ()
        if not questions:
            return None
        index = index if 0 <= index < len(questions) else 0
        return Pick(fact.id, lang, index, questions[index])

    def _answer_picks(self, answer: Answer) -> tuple[Pick, ...]:
        """The questions an answer offers: a decline's suggestions, a greeting's examples."""
        if answer.suggestion_ids:
            ids = answer.suggestion_ids
        elif answer.kind == "smalltalk" and any(style == "q" for line in answer.lines for _, style in line):
            ids = tuple(self.engine.composer.example_ids.get(answer.lang, ()))
        else:
            return ()
        picks = (self.resolve(fid, answer.lang) for fid in ids if fid)
        return tuple(p for p in picks if p is not None)

    # -- questions ------------------------------------------------------------------------------

    def ask(self, session: Session, text: str, channel: str) -> Content:
        """A question, or a number picking one of the questions on screen."""
        stripped = text.strip()
        if stripped.isdigit() and 1 <= int(stripped) <= len(session.picks):
            return self.pick(session, session.picks[int(stripped) - 1], channel)
        return self._answer(session, self.engine.ask(text, channel))

    def pick(self, session: Session, pick: Pick, channel: str) -> Content:
        """A chosen question: answered under a "Q: …" line, so the reply says what was asked."""
        current = self.resolve(pick.fact_id, pick.lang, pick.index)  # the base may have been reloaded
        if current is None:
            return self.notice("gone", pick.lang)
        answer = self.engine.ask(current.text, channel)
        asked: Line = ((t("asked", answer.lang) + current.text, "q"),)
        return self._answer(session, replace(answer, lines=(asked, *answer.lines)))

    def _answer(self, session: Session, answer: Answer) -> Content:
        picks = self._answer_picks(answer)
        session.last = answer
        if picks:
            session.picks = picks
        return Content("answer", answer.lang, answer.lines, picks, answer=answer)

    # -- commands -------------------------------------------------------------------------------

    def help(self, session: Session, lang: str, usage: str = "",
             commands: Sequence[str] = SHARED_COMMANDS) -> Content:
        """What the bot knows, its topics, examples to pick, how to use this front end, its commands."""
        composer = self.engine.composer
        lines: list[Line] = list(composer.help_lines(lang))
        lines.append(())
        if usage:
            lines += _text(usage)
        lines += _text(t("commands", lang, commands=" · ".join(f"/{c} {t(f'cmd_{c}', lang)}" for c in commands)))
        picks = tuple(p for p in (self.resolve(fid, lang) for fid in composer.example_ids.get(lang, ())) if p)
        if picks:
            session.picks = picks
        return Content("help", lang, tuple(lines), picks)

    def topics(self, lang: str) -> Content:
        entries = tuple(TopicEntry(tid, label, len(facts), i)
                        for i, (tid, label, facts) in enumerate(self.engine.composer.topics(lang), 1))
        if not entries:
            return self.notice("no_topics", lang)
        return Content("topics", lang, _text(t("topics_head", lang)), topics=entries)

    def topic(self, session: Session, topic_id: str, lang: str, page: int = 0) -> Content | None:
        """One page of a topic's questions, to pick from; None when the topic is gone."""
        found = [(i, label, facts) for i, (tid, label, facts) in enumerate(self.engine.composer.topics(lang), 1)
                 if tid == topic_id]
        if not found:
            return None
        number, label, facts = found[0]
        pages = max(1, -(-len(facts) // self.topic_page))
        page = min(max(page, 0), pages - 1)
        shown = facts[page * self.topic_page:(page + 1) * self.topic_page]
        picks = tuple(p for p in (self.resolve(f.id, lang) for f in shown) if p)
        session.picks = picks
        return Content("topic", lang, _text(t("topic_head", lang, label=label)), picks,
                       topic=TopicEntry(topic_id, label, len(facts), number), page=page, pages=pages)

    def topic_by_number(self, session: Session, number: int, lang: str, page: int = 0) -> Content:
        """/topics N: the N-th topic of the list (from 1), for front ends without buttons."""
        entries = self.engine.composer.topics(lang)
        if not 1 <= number <= len(entries):
            return self.notice("no_such_topic", lang, n=number, count=len(entries))
        content = self.topic(session, entries[number - 1][0], lang, page)
        assert content is not None  # it was just listed
        return content

    def source(self, session: Session, lang: str) -> Content:
        """The last answer's sources in full (title, paragraph number, the whole paragraph, the
        words quoted); without one, the article and how to cite it."""
        last = session.last
        if last is None or not last.sources:
            return Content("source", lang, self._citation(lang))
        documents = self.engine.knowledge.documents
        lines: list[Line] = [((t("source_of_last", lang), ""),)]
        for source in dict.fromkeys(last.sources):  # two facts quoting one clause: cited once
            doc = documents.get(source.doc)
            lines.append(())
            lines.append(((t("source_paragraph", lang, title=source.title, paragraph=source.paragraph), "i"),))
            if doc and 1 <= source.paragraph <= len(doc.paragraphs):
                lines.append(((doc.paragraphs[source.paragraph - 1], ""),))
            lines.append(((t("source_quote", lang, quote=source.quote), "i"),))
        return Content("source", lang, tuple(lines))

    def _citation(self, lang: str) -> tuple[Line, ...]:
        knowledge = self.engine.knowledge
        paragraph = knowledge.facts[0].source.paragraph if knowledge.facts else 1
        lines: list[Line] = []
        for doc in knowledge.documents.values():
            title_en = (f"（{doc.title_en}）" if lang == "zh" else f" (“{doc.title_en}”)") if doc.title_en else ""
            lines += [*([()] if lines else []), *_text(t("citation", lang, title=doc.title, title_en=title_en,
                                                           paragraph=paragraph))]
        return tuple(lines)

    def notice(self, key: str, lang: str, **kw: object) -> Content:
        """A catalogue text as content (hints, refusals, errors)."""
        return Content("notice", lang, _text(t(key, lang, **kw)))

    def unknown(self, command: str, lang: str, known: Sequence[str]) -> Content:
        """An unknown /command: say so and list the ones this front end knows."""
        return self.notice("unknown_command", lang, command=command, commands=" ".join(f"/{c}" for c in known))

"""Match → Answer: the words a user reads, in their language, with figures and sources.

Every figure shown comes from a fact's curated answer or its `figures`; this module writes no
figure of its own.
"""

from __future__ import annotations

import collections
import itertools
from decimal import Decimal

from bot.answer import Answer, Kind, Line
from bot.match import Match
from bot.model import LANGS, Fact, Knowledge
from bot.operations import OPERATIONS, fmt, ratio_percent
from bot.texts import t

_KIND_NAMES = {
    "quarter": {"zh": "第{v}季度", "en": "Q{v}"},
    "year": {"zh": "{v}年", "en": "{v}"},
    "date": {"zh": "{m}月{d}日", "en": "{d}/{m}"},
    "photo": {"zh": "第{v}张图片", "en": "a photo {v}"},
}




def _unknown_name(kind: str, value: str, lang: str) -> str:
    pattern = _KIND_NAMES.get(kind, {}).get(lang)
    if not pattern:
        return value
    if kind == "date":
        m, _, d = value.partition("-")
        return pattern.format(m=m, d=d)
    return pattern.format(v=value)


class Composer:
    """Turns matches into answers for one fact base (titles, topics and examples come from it)."""

    def __init__(self, knowledge: Knowledge, max_question_chars: int = 500) -> None:
        self.knowledge = knowledge
        self.max_question_chars = max_question_chars
        doc = next(iter(knowledge.documents.values()), None)
        self.title = doc.title if doc else ""
        firsts = {}  # one fact with a figure per topic, so examples show the range of topics
        for f in knowledge.facts:
            if f.figures and f.topic not in firsts:
                firsts[f.topic] = f
        picks = list(firsts.values())[:3]
        picks += list(itertools.islice((f for f in knowledge.facts if all(f is not p for p in picks)), 3 - len(picks)))
        self.examples = {lang: [f.questions[lang][0] for f in picks if f.questions.get(lang)] for lang in ("zh", "en")}
        self.example_ids = {lang: [f.id for f in picks if f.questions.get(lang)] for lang in ("zh", "en")}
        # a suggestion is a fact's first question: its id lets front ends offer it by id, not by text.
        # Worked out here, not on the first decline, whose question it held up most of 20 ms at 100,000
        # phrasings (walking every fact, far from the processor's caches); written last to first:
        # where facts share a first question, the first one's id stays
        self._first_question_ids = {lang: {qs[0]: f.id for f in reversed(knowledge.facts) if (qs := f.questions.get(lang))}
                                    for lang in LANGS}
        self._photos = collections.Counter(f.source.doc for f in knowledge.facts if f.source.caption)

    def topics(self, lang: str) -> list[tuple[str, str, list[Fact]]]:
        """(topic id, label, facts) for every topic that has facts, in the fact base's order; with
        several articles, each article's topics apart, labelled with its date (`ranking@doc`)."""
        docs = self.knowledge.documents
        out = []
        for tid, label in self.knowledge.topics.items():
            facts = [f for f in self.knowledge.facts if f.topic == tid]
            if len(docs) < 2:
                out += [(tid, label.get(lang, tid), facts)] if facts else []
                continue
            for doc in docs.values():
                own = [f for f in facts if f.source.doc == doc.id]
                if own:
                    out.append((f"{tid}@{doc.id}", t("topic_of", lang, label=label.get(lang, tid),
                                                       article=doc.date or doc.title), own))
        return out

    def _fact_lines(self, fact: Fact, lang: str) -> list[Line]:
        lines: list[Line] = []
        if fact.figures:
            spans: list[tuple[str, str]] = []
            for fig in fact.figures:
                spans += [(" / ", "")] if spans else []
                spans.append((fig.text, "b"))
                if percent := ratio_percent(fig):  # 一半 (50%)
                    spans.append((f" ({percent})", ""))
            lines.append(tuple(spans))
        lines.append(((fact.answer[lang], ""),))
        lines.append(self._source_line(fact, lang))
        return lines

    def article(self, doc_id: str, lang: str) -> str:
        """An article as answers name it beside another: its title and date."""
        doc = self.knowledge.documents.get(doc_id)
        if doc is None:
            return doc_id
        title = doc.title_en if lang == "en" and doc.title_en else doc.title
        return t("article" if doc.date else "article_undated", lang, title=title, date=doc.date)

    def _source_line(self, fact: Fact, lang: str) -> Line:
        doc = self.knowledge.documents.get(fact.source.doc)
        src = fact.source
        return ((t("caption" if src.caption else "source", lang, title=src.title, title_en=doc.title_en if doc else "",
                   paragraph=src.paragraph, caption=src.caption, quote=src.quote), "i"),)

    def _label(self, fact: Fact, lang: str) -> str:
        """A series member by its label (第三季度); another fact by its figure, its source line says whose."""
        if fact.series:
            return fact.series.label.get(lang, fact.id)
        return fact.figures[0].text if fact.figures else fact.id

    def _term(self, fact: Fact, lang: str) -> str:
        """`一季度 582亿元`: a member's label with its figure as the article writes it (a fact of no
        series: the figure alone, its source line says whose it is)."""
        return f"{self._label(fact, lang)} {fact.figures[0].text}" if fact.series else fact.figures[0].text

    def _amount(self, text: str, val: Decimal, unit: str, lang: str) -> str:
        """English readers get 亿元 in billions beside the article-style figure."""
        if lang == "en" and unit == "亿元":
            return f"{text} ({fmt(val / 10)} billion yuan)"
        return text

    # what operations need to write their lines (bot.operations.Words)
    def t(self, key: str, lang: str, **kw: object) -> str:
        return t(key, lang, **kw)

    def label(self, fact: Fact, lang: str) -> str:
        return self._label(fact, lang)

    def term(self, fact: Fact, lang: str) -> str:
        return self._term(fact, lang)

    def amount(self, text: str, val: Decimal, unit: str, lang: str) -> str:
        return self._amount(text, val, unit, lang)

    def _sources(self, facts: tuple[Fact, ...], lang: str) -> list[Line]:
        lines: list[Line] = []
        for fact in facts:
            line = self._source_line(fact, lang)
            if line not in lines:  # two inputs quoting the same clause are cited once
                lines.append(line)
        return lines

    def _offer(self, lang: str, suggestions: tuple[str, ...]) -> list[Line]:
        if not suggestions:
            return []
        return [((t("try", lang), ""),), *((("· ", ""), (q, "q")) for q in suggestions)]

    def _suggestion_ids(self, lang: str, suggestions: tuple[str, ...]) -> tuple[str, ...]:
        """The fact id of each suggestion, in the same order ("" if a suggestion is no first question)."""
        ids = self._first_question_ids.get(lang, {})
        return tuple(ids.get(q, "") for q in suggestions)

    def help_lines(self, lang: str, key: str = "help") -> list[Line]:
        """What the bot knows, its topics and a few example questions (/help, greetings)."""
        used = {f.topic for f in self.knowledge.facts}
        labels = ("、" if lang == "zh" else ", ").join(label.get(lang, tid) for tid, label in self.knowledge.topics.items()
                                                       if tid in used)
        docs = self.knowledge.documents
        head = t(key, lang, title=self.title) if len(docs) < 2 else \
            t(f"{key}_many", lang, n=len(docs), titles=("、" if lang == "zh" else "; ").join(
                self.article(d, lang) for d in docs))
        return [((head, ""),), ((t("topics", lang, topics=labels), ""),),
                *self._offer(lang, tuple(self.examples[lang]))]

    def _choices(self, kind: Kind, head: str, m: Match, common: dict) -> Answer:
        """A head that says what the list is, then the questions to pick from."""
        return Answer(kind, lines=(((head, ""),), *((("· ", ""), (q, "q")) for q in m.suggestions)),
                      suggestions=m.suggestions, suggestion_ids=self._suggestion_ids(m.lang, m.suggestions), **common)

    def compose(self, m: Match) -> Answer:
        lang = m.lang
        example = self.examples[lang][0] if self.examples[lang] else ""
        common = {"lang": lang, "normalized": m.normalized, "score": m.score, "best_fact": m.best_fact}
        if m.kind == "fact":
            lines: list[Line] = []
            articles = len({f.source.doc for f in m.facts})
            if articles > 1:  # never one article's figure as if it were the only one
                lines.append(((t("by_article", lang, n=articles), ""),))
            elif len(m.facts) > 1:
                # 文章配图有哪些: the article's photos, every one (two of its four are two facts)
                photos = all(f.source.caption for f in m.facts) and len(m.facts) == self._photos[m.facts[0].source.doc]
                lines.append(((t("photos" if photos else "several", lang, n=len(m.facts)), ""),))
            for i, fact in enumerate(m.facts):
                if i:
                    lines.append(())
                if articles > 1:
                    lines.append(((self.article(fact.source.doc, lang), "b"),))
                lines += self._fact_lines(fact, lang)
            return Answer("fact", lines=tuple(lines), fact_ids=tuple(f.id for f in m.facts),
                          sources=tuple(f.source for f in m.facts), **common)
        if m.kind == "computed" and m.parts:  # each clause's answer in the order the message asks
            lines = [line for i, part in enumerate(m.parts) for line in ((),) * bool(i) + self.compose(part).lines]
            return Answer("computed", lines=tuple(lines), fact_ids=tuple(f.id for f in m.facts),
                          sources=tuple(f.source for f in m.facts), **common)
        if m.kind == "computed" and m.computation:
            lines = OPERATIONS[m.computation.op].lines(m.computation, self, lang)
            if m.computation.taken_as:  # 按1800算: say that 近1800亿元 was taken at its number
                approx = [f.figures[0] for f in m.computation.members if f.figures[0].qualifier]
                sep = "、" if lang == "zh" else ", "
                lines.append(((t("taken_as", lang, figures=sep.join(f.text for f in approx),
                                 numbers=sep.join(f"{fmt(f.value)}{f.unit}" for f in approx)), ""),))
            lines += self._sources(m.facts, lang)
            return Answer("computed", lines=tuple(lines), fact_ids=tuple(f.id for f in m.facts),
                          sources=tuple(f.source for f in m.facts), **common)
        if m.kind in ("declined", "out_of_scope"):
            if m.computation and m.computation.refusal == "approx":
                approx = [f for f in m.computation.members if f.figures[0].qualifier]
                sep = "、" if lang == "zh" else ", "
                head = t("approx", lang, names=sep.join(self._label(f, lang) for f in approx),
                         figures=sep.join(f.figures[0].text for f in approx))
            elif m.computation:
                head = t(m.computation.refusal, lang)
            elif m.cause == "articles":
                sep = "、" if lang == "zh" else "; "
                head = t("articles", lang, n=len(m.missing), articles=sep.join(self.article(d, lang) for d in m.missing))
            elif m.cause:
                head = t(m.cause, lang, missing=("、" if lang == "zh" else ", ").join(m.missing))
                if m.cause in ("near", "unexplained", "alone", "kind"):  # the head already says what the list is
                    return self._choices(m.kind, head, m, common)
            elif m.kind == "out_of_scope":
                sep = "、" if lang == "zh" else ", "
                what = sep.join(_unknown_name(k, v, lang) for k, v in m.unknown)
                head = t("out_of_scope", lang, what=what)
            else:
                head = t("declined", lang)
            return Answer(m.kind, lines=((( head, ""),), *self._offer(lang, m.suggestions)),
                          suggestions=m.suggestions, suggestion_ids=self._suggestion_ids(lang, m.suggestions),
                          **common)
        if m.kind == "browse":
            return self._choices("browse", t("browse", lang, word=m.missing[0] if m.missing else ""), m, common)
        if m.kind == "smalltalk":
            if m.smalltalk == "thanks":
                return Answer("smalltalk", lines=(((t("thanks", lang), ""),),), **common)
            return Answer("smalltalk", lines=tuple(self.help_lines(lang, m.smalltalk)), **common)
        key = m.kind if m.kind in ("empty", "noise", "too_long") else "empty"
        return Answer(key, lines=(((t(key, lang, example=example, limit=self.max_question_chars), ""),),),
                      **common)

"""Match → Answer: the words a user reads, in their language, with figures and sources.

Every figure shown comes from a fact's curated answer or its `figures`; this module writes no
figure of its own.
"""

from __future__ import annotations

from bot.answer import Answer, Line
from bot.knowledge import Fact, Knowledge
from bot.match import Match

_T = {
    "source": {"zh": "来源：《{title}》第{paragraph}段：“{quote}”",
               "en": "Source: 《{title}》 (\u201c{title_en}\u201d), paragraph {paragraph}: \u201c{quote}\u201d"},
    "several": {"zh": "文章里有{n}个相关的事实：", "en": "The article has {n} facts that fit this question:"},
    "declined": {"zh": "这篇文章没有提到这一点，我不猜数字。", "en": "The article does not say, and I won't guess a figure."},
    "out_of_scope": {"zh": "这篇文章没有讲{what}，我不猜数字。", "en": "The article says nothing about {what}, and I won't guess a figure."},
    "try": {"zh": "您可以问：", "en": "You could ask:"},
    "empty": {"zh": "请输入一个问题，例如：{example}", "en": "Please type a question, for example: {example}"},
    "noise": {"zh": "我只读得懂文字问题，请用中文或英文提问，例如：{example}",
              "en": "I can only read text questions, in Chinese or English, for example: {example}"},
    "too_long": {"zh": "问题太长了（超过{limit}个字）。请一次只问一个问题，例如：{example}",
                 "en": "That message is too long (over {limit} characters). Please ask one question at a time, for example: {example}"},
    "greeting": {"zh": "你好！我回答《{title}》这篇文章里的数字和事实。", "en": "Hello! I answer questions on the figures and facts of the article 《{title}》."},
    "thanks": {"zh": "不客气！还有问题随时问。", "en": "You're welcome! Ask me anything else about the article."},
    "help": {"zh": "我回答《{title}》这篇文章里的数字和事实，每个答案都注明出处。", "en": "I answer questions on the figures and facts of the article 《{title}》, each with its source."},
    "topics": {"zh": "可以问的话题：{topics}", "en": "Topics: {topics}"},
    "example": {"zh": "例如：", "en": "For example:"},
}
_KIND_NAMES = {
    "quarter": {"zh": "第{v}季度", "en": "Q{v}"},
    "year": {"zh": "{v}年", "en": "{v}"},
    "date": {"zh": "{m}月{d}日", "en": "{d}/{m}"},
}


def t(key: str, lang: str, **kw: object) -> str:
    return _T[key][lang].format(**kw)


def _unknown_name(kind: str, value: str, lang: str) -> str:
    fmt = _KIND_NAMES.get(kind, {}).get(lang)
    if not fmt:
        return value
    if kind == "date":
        m, _, d = value.partition("-")
        return fmt.format(m=m, d=d)
    return fmt.format(v=value)


class Composer:
    """Turns matches into answers for one fact base (titles, topics and examples come from it)."""

    def __init__(self, knowledge: Knowledge, max_question_chars: int = 500) -> None:
        self.knowledge = knowledge
        self.max_question_chars = max_question_chars
        doc = next(iter(knowledge.documents.values()), None)
        self.title = doc.title if doc else ""
        self.examples = {lang: [f.questions[lang][0] for f in knowledge.facts[:3] if f.questions.get(lang)]
                         for lang in ("zh", "en")}

    def topics(self, lang: str) -> list[tuple[str, str, list[Fact]]]:
        """(topic id, label, facts) for every topic that has facts, in the fact base's order."""
        out = []
        for tid, label in self.knowledge.topics.items():
            facts = [f for f in self.knowledge.facts if f.topic == tid]
            if facts:
                out.append((tid, label.get(lang, tid), facts))
        return out

    def _fact_lines(self, fact: Fact, lang: str) -> list[Line]:
        lines: list[Line] = []
        if fact.figures:
            spans: list[tuple[str, str]] = []
            for fig in fact.figures:
                spans += [(" / ", "")] if spans else []
                spans.append((fig.text, "b"))
            lines.append(tuple(spans))
        lines.append(((fact.answer[lang], ""),))
        doc = self.knowledge.documents.get(fact.source.doc)
        lines.append(((t("source", lang, title=fact.source.title, title_en=doc.title_en if doc else "",
                         paragraph=fact.source.paragraph, quote=fact.source.quote), "i"),))
        return lines

    def _offer(self, lang: str, suggestions: tuple[str, ...]) -> list[Line]:
        if not suggestions:
            return []
        return [((t("try", lang), ""),), *((("· ", ""), (q, "q")) for q in suggestions)]

    def help_lines(self, lang: str, key: str = "help") -> list[Line]:
        """What the bot knows, its topics and a few example questions (/help, greetings)."""
        labels = "、".join(label for _, label, _ in self.topics(lang)) if lang == "zh" else ", ".join(
            label for _, label, _ in self.topics(lang))
        return [((t(key, lang, title=self.title), ""),), ((t("topics", lang, topics=labels), ""),),
                *self._offer(lang, tuple(self.examples[lang]))]

    def compose(self, m: Match) -> Answer:
        lang = m.lang
        example = self.examples[lang][0] if self.examples[lang] else ""
        common = {"lang": lang, "normalized": m.normalized, "score": m.score, "best_fact": m.best_fact}
        if m.kind == "fact":
            lines: list[Line] = []
            if len(m.facts) > 1:
                lines.append(((t("several", lang, n=len(m.facts)), ""),))
            for i, fact in enumerate(m.facts):
                if i:
                    lines.append(())
                lines += self._fact_lines(fact, lang)
            return Answer("fact", lines=tuple(lines), fact_ids=tuple(f.id for f in m.facts),
                          sources=tuple(f.source for f in m.facts), **common)
        if m.kind in ("declined", "out_of_scope"):
            if m.kind == "out_of_scope":
                sep = "、" if lang == "zh" else ", "
                what = sep.join(_unknown_name(k, v, lang) for k, v in m.unknown)
                head = t("out_of_scope", lang, what=what)
            else:
                head = t("declined", lang)
            return Answer(m.kind, lines=((( head, ""),), *self._offer(lang, m.suggestions)),
                          suggestions=m.suggestions, **common)
        if m.kind == "smalltalk":
            if m.smalltalk == "thanks":
                return Answer("smalltalk", lines=(((t("thanks", lang), ""),),), **common)
            return Answer("smalltalk", lines=tuple(self.help_lines(lang, m.smalltalk)), **common)
        key = m.kind if m.kind in ("empty", "noise", "too_long") else "empty"
        return Answer(key, lines=(((t(key, lang, example=example, limit=self.max_question_chars), ""),),),
                      **common)

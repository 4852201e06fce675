"""Hot reload: curators edit knowledge/ under a running bot; good edits are picked up, broken ones
are refused with file:line and the last good fact base keeps answering."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import MINI_FACTS, edit

from bot import chat
from bot.engine import Engine

QUESTION = "天下秀网红城市项目投资多少"
OLD = "天下秀网红城市项目将带来60亿元投资额。"
NEW = "天下秀网红城市这一个项目就将带来60亿元投资额。"


def facts_file(knowledge: Path) -> Path:
    return knowledge / "facts" / "mini.yaml"


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_good_edit_is_picked_up(mini_engine: Engine, mini_knowledge: Path) -> None:
    assert OLD in mini_engine.ask(QUESTION).text
    edit(facts_file(mini_knowledge), MINI_FACTS.replace(OLD, NEW))
    answer = mini_engine.ask(QUESTION)
    assert NEW in answer.text and OLD not in answer.text
    assert mini_engine.last_error is None


def test_new_fact_is_answered_after_an_edit(mini_engine: Engine, mini_knowledge: Path) -> None:
    question = "余杭坐拥几个省级实验室"
    extra = MINI_FACTS + """
  - id: yuhang-labs
    topic: labs
    asks: count
    questions:
      zh: [余杭坐拥几个省级实验室, 余杭有哪几个省级实验室]
      en: ["How many of the provincial laboratories are in Yuhang?"]
    answer:
      zh: 余杭坐拥其三：之江实验室、良渚实验室、湖畔实验室。
      en: "Yuhang has three of them: Zhejiang Lab, Liangzhu Lab and Hupan Lab."
    figures:
      - {text: 其三, value: 3, unit: 个}
    source:
      doc: yuhang-2020q3
      paragraph: 20
      quote: 余杭坐拥其三:之江实验室、良渚实验室、湖畔实验室
"""
    edit(facts_file(mini_knowledge), extra)
    answer = mini_engine.ask(question)
    assert mini_engine.last_error is None
    assert answer.fact_ids[:1] == ("yuhang-labs",)
    assert "湖畔实验室" in answer.text


def _yaml_syntax(text: str) -> str:
    broken = text.replace("      zh: 天下秀网红城市项目将带来60亿元投资额。",
                          "      zh: 天下秀网红城市项目将带来60亿元投资额。\n    - oops: [unclosed")
    return broken


def _quote_not_in_article(text: str) -> str:
    return text.replace("quote: 仅天下秀网红城市这一项就将带来了60亿元投资额",
                        "quote: 仅天下秀网红城市这一项就将带来了66亿元投资额")


def _duplicate_id(text: str) -> str:
    return text.replace("  - id: provincial-labs-count", "  - id: q2-total")


def _wrong_shape(text: str) -> str:
    """A shape the loader does not expect (a number where a list goes) must not crash the bot."""
    return text.replace("    figures:\n      - {text: 60亿元, value: 60, unit: 亿元}", "    figures: 5")


BROKEN = {
    "yaml-syntax": _yaml_syntax,
    "quote-not-in-article": _quote_not_in_article,
    "duplicate-id": _duplicate_id,
    "wrong-shape": _wrong_shape,
}


def _reported_line(kind: str, broken: str, error: str, path: Path) -> None:
    """The curator is sent to the right line."""
    lines = broken.splitlines()
    if kind == "yaml-syntax":
        expected = {line_of(broken, "oops: [unclosed")}
    elif kind == "quote-not-in-article":
        start = line_of(broken, "- id: tianxiaxiu-investment")
        expected = set(range(start + lines[start:].index("    source:") + 1, line_of(broken, "66亿元投资额") + 1))
    elif kind == "wrong-shape":
        expected = {line_of(broken, "- id: tianxiaxiu-investment")}
        assert "wrong shape" in error
    else:
        ids = [i for i, ln in enumerate(lines, 1) if ln == "  - id: q2-total"]
        expected = {ids[1]}
        assert f"first at line {ids[0]}" in error
    found = {int(n) for n in re.findall(rf"{re.escape(str(path))}:(\d+):", error)}
    assert found and found <= expected, (found, expected, error)


@pytest.mark.parametrize("kind", list(BROKEN))
def test_broken_edit_is_refused_then_fixed(kind: str, mini_engine: Engine, mini_knowledge: Path) -> None:
    path = facts_file(mini_knowledge)
    broken = BROKEN[kind](MINI_FACTS)
    assert broken != MINI_FACTS
    before = mini_engine.ask(QUESTION)

    edit(path, broken.replace(OLD, NEW))  # the good part of the edit must not be served either
    during = mini_engine.ask(QUESTION)
    error = mini_engine.last_error
    assert error, "a broken edit must be reported"
    _reported_line(kind, broken, error, path)
    assert during.text == before.text  # still the last good fact base
    assert mini_engine.ask("余杭二季度双集中总投资多少").fact_ids == ("q2-total",)

    ok, message = mini_engine.reload()  # asking by hand (Telegram /reload) says the same
    assert not ok and "still serving" in message

    edit(path, MINI_FACTS.replace(OLD, NEW))
    fixed = mini_engine.ask(QUESTION)
    assert mini_engine.last_error is None
    assert NEW in fixed.text


def test_an_edit_to_another_file_is_watched_too(mini_engine: Engine, mini_knowledge: Path) -> None:
    (mini_knowledge / "facts" / "more.yaml").write_text("facts: [", encoding="utf-8")
    mini_engine.ask(QUESTION)
    assert mini_engine.last_error and "more.yaml:1:" in mini_engine.last_error
    (mini_knowledge / "facts" / "more.yaml").unlink()
    mini_engine.ask(QUESTION)
    assert mini_engine.last_error is None


def test_refresh_waits_for_its_interval(mini_knowledge: Path, make_config) -> None:
    engine = Engine(make_config(mini_knowledge), reload_interval=3600)
    edit(facts_file(mini_knowledge), MINI_FACTS.replace(OLD, NEW))
    assert OLD in engine.ask(QUESTION).text  # not checked again within the hour
    assert engine.reload()[0]
    assert NEW in engine.ask(QUESTION).text


class _EditingInput(io.StringIO):
    """Console input that lets a curator save an edit after the first question was answered."""

    def __init__(self, lines: list[str], on_line: dict[int, object]) -> None:
        super().__init__()
        self.lines, self.on_line, self.read = lines, on_line, 0

    def readline(self, *_: object) -> str:
        if self.read in self.on_line:
            self.on_line[self.read]()  # type: ignore[operator]
        if self.read >= len(self.lines):
            return ""
        self.read += 1
        return self.lines[self.read - 1] + "\n"


def test_console_picks_up_an_edit_between_two_questions(mini_engine: Engine, mini_knowledge: Path) -> None:
    stdin = _EditingInput([QUESTION, QUESTION, "/quit"],
                          {1: lambda: edit(facts_file(mini_knowledge), MINI_FACTS.replace(OLD, NEW))})
    stdout = io.StringIO()
    assert chat.chat(mini_engine, stdin, stdout) == 0
    first, second = stdout.getvalue().split("\n\n")[:2]
    assert OLD in first and NEW not in first
    assert NEW in second and OLD not in second


def test_an_old_problem_does_not_block_later_good_edits(mini_knowledge: Path, make_config) -> None:
    path = facts_file(mini_knowledge)
    broken = _quote_not_in_article(MINI_FACTS)
    edit(path, broken)  # served from the start, with a warning
    engine = Engine(make_config(mini_knowledge), reload_interval=0)
    assert engine.problems
    edit(path, broken.replace("zh: 一季度余杭“双集中”总投资582亿元。", "zh: 今年一季度余杭“双集中”总投资582亿元。"))
    assert "今年一季度" in engine.ask("余杭一季度双集中总投资多少").text
    assert engine.last_error is None


def test_a_reload_that_drops_facts_says_which(mini_engine: Engine, mini_knowledge: Path, caplog) -> None:
    path = facts_file(mini_knowledge)
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: provincial-labs-count")
    edit(path, text[:start])
    with caplog.at_level("WARNING"):
        changed, message = mini_engine.reload()
    assert changed and "dropped 1: provincial-labs-count" in message
    assert any("dropped 1 fact(s)" in r.getMessage() for r in caplog.records)


def test_an_incremental_reload_answers_as_a_cold_load(knowledge_copy: Path, make_config) -> None:
    """A reload reuses what unchanged files and facts gave; after edits to one file and a new one
    it must know and answer exactly what a cold load of the same files does."""
    from bot.judge import load_cases
    from bot.knowledge import forget_parsed, load
    from bot.match import Matcher
    from bot.reply import Composer

    engine = Engine(make_config(knowledge_copy), reload_interval=float("inf"))
    facts = knowledge_copy / "facts" / "yuhang-2020q3.yaml"
    text = facts.read_text(encoding="utf-8")
    edit(facts, text.replace("余杭第三季度双集中总投资多少", "余杭三季度双集中活动一共投资多少", 1))
    extra = text[text.index("facts:") :].replace("id: ", "id: copy-", 3)
    extra = extra[: [m.start() for m in re.finditer(r"\n  - id: ", extra)][3]]
    edit(knowledge_copy / "facts" / "extra.yaml", extra.replace("项目", "工程"))
    assert engine.reload()[0], engine.last_error
    assert sum(f.id.startswith("copy-") for f in engine.knowledge.facts) == 3
    assert engine.ask("余杭三季度双集中活动一共投资多少").fact_ids == engine.ask("余杭第三季度双集中总投资多少").fact_ids
    forget_parsed()
    cold = load(knowledge_copy)
    assert cold == engine.knowledge
    matcher = Matcher(cold, engine.config.match)
    for name in ("_forms", "_phrasing_fact", "_fact_phrasings", "fact_slots", "known_values", "_elsewhere"):
        assert getattr(matcher, name) == getattr(engine.matcher, name), name
    words = {t for _, part in matcher._parts for t in part.postings} | {t for _, p in engine.matcher._parts for t in p.postings}
    assert all(matcher._postings_of(t) == engine.matcher._postings_of(t) for t in words)
    composer = Composer(cold, engine.config.match.max_question_chars)
    for case in load_cases()[::2]:
        assert engine.ask(case.question, "eval") == composer.compose(matcher.match(case.question)), case.question


def test_a_reload_reindexes_only_the_edited_file(knowledge_copy: Path, make_config) -> None:
    """With two facts files, editing one rebuilds its part of the index and reuses the other's,
    and the result still answers as a cold build does."""
    from bot.knowledge import forget_parsed, load
    from bot.match import Matcher

    facts = knowledge_copy / "facts" / "yuhang-2020q3.yaml"
    text = facts.read_text(encoding="utf-8")
    extra = text[text.index("facts:") :].replace("id: ", "id: copy-", 2)
    extra = extra[: [m.start() for m in re.finditer(r"\n  - id: ", extra)][2]]
    edit(knowledge_copy / "facts" / "extra.yaml", extra)
    engine = Engine(make_config(knowledge_copy), reload_interval=float("inf"))
    parts = {part.facts[0].path: part for _, part in engine.matcher._parts}
    edit(knowledge_copy / "facts" / "extra.yaml", extra.replace("余杭在中国百强区榜单排第几", "余杭在百强区榜单上排第几", 1))
    assert engine.reload()[0], engine.last_error
    after = {part.facts[0].path: part for _, part in engine.matcher._parts}
    assert after[str(facts)] is parts[str(facts)]
    assert after[str(knowledge_copy / "facts" / "extra.yaml")] is not parts[str(knowledge_copy / "facts" / "extra.yaml")]
    forget_parsed()
    cold = Matcher(load(knowledge_copy), engine.config.match)
    assert cold.fact_slots == engine.matcher.fact_slots and cold._forms == engine.matcher._forms
    for question in ("余杭第三季度双集中总投资多少", "天下秀网红城市项目投资多少", "余杭在百强区榜单上排第几"):
        assert cold.match(question) == engine.matcher.match(question), question

"""The lexicon (knowledge/lexicon.yaml) is curator data: a synonym added there is read by a
running bot without touching Python, and a broken entry is refused with its file and line."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.judge import load_cases
from bot.knowledge import KnowledgeError, load
from bot.lexicon import Words, build, is_expression, pattern
from bot.match import Wording
from bot.normalize import normalize
from tests.conftest import KNOWLEDGE, ROOT


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))  # a later mtime, even on coarse clocks


def test_a_synonym_added_by_a_curator_is_read_after_a_reload(engine: Engine, knowledge_copy: Path) -> None:
    question = "余杭版图多大"
    assert not engine.ask(question).answered
    _edit(knowledge_copy / "lexicon.yaml", "  - [面积, 土地面积, 总面积]", "  - [面积, 土地面积, 总面积, 版图]")
    answer = engine.ask(question)
    assert answer.answered and "1228.41平方公里" in answer.text


def test_a_broken_lexicon_names_its_file_and_line(knowledge_copy: Path) -> None:
    _edit(knowledge_copy / "lexicon.yaml", "  count:\n    kinds: [count]", "  count:\n    kinds: 5")
    with pytest.raises(KnowledgeError) as e:
        load(knowledge_copy)
    assert "lexicon.yaml" in str(e.value) and "asks.count.kinds" in str(e.value) and e.value.line > 1


def test_a_bad_regular_expression_is_refused() -> None:
    with pytest.raises(ValueError, match="not a valid regular expression"):
        build({"operations": {"sum": ["/加(/"]}})


def test_english_words_match_whole_words_and_slashes_mean_a_regex() -> None:
    p = pattern(["gap", "/differ/"])
    assert p.search("what is the gap") and not p.search("singapore")
    assert p.search("how do they differ") and p.search("the difference")


def test_the_project_lexicon_reads_operations_and_causes() -> None:
    lexicon = load("knowledge").lexicon
    assert lexicon.operation(normalize("二季度比三季度多多少")) == "diff"
    assert lexicon.operation(normalize("一二三季度分别多少")) == "each"
    assert lexicon.asks_unanswerable(normalize("三季度同比增长多少")) == "growth"
    assert lexicon.synonym_map["位次"] == "排名"


def test_an_unknown_section_or_operation_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown section 'synonym'"):
        build({"synonym": [["a", "b"]]})
    with pytest.raises(ValueError, match="no operation the bot can compute"):
        build({"operations": {"median": ["中位数"]}})


def test_intents() -> None:
    lexicon = load("knowledge").lexicon
    assert "count" in lexicon.intents(normalize("签了几个项目"))
    assert "amount" in lexicon.intents(normalize("投资额多少亿"))
    assert lexicon.intents(normalize("双集中")) == frozenset()


def test_a_fallback_intent_counts_only_when_no_other_does() -> None:
    lexicon = build({"asks": {"count": {"kinds": ["count"], "words": ["几个"]},
                              "figure": {"kinds": ["amount", "count"], "words": ["多少"], "fallback": True}}})
    assert lexicon.intents("是多少") == {"amount", "count"}
    assert lexicon.intents("多少 几个") == {"count"}
    with pytest.raises(ValueError, match="fallback: expected true or false"):
        build({"asks": {"figure": {"kinds": ["amount"], "words": ["多少"], "fallback": "yes"}}})


def test_attributes_found_without_searching_are_those_the_pattern_finds() -> None:
    lexicon = load(KNOWLEDGE).lexicon
    texts = [normalize(c.question) for c in load_cases(ROOT / "tests" / "eval" / "questions.yaml")]
    texts += [f"天下秀的{w}是谁" for w in lexicon.attributes] + [f"who is the {w} of it" for w in lexicon.attributes]
    texts += ["", "x", "founders", "cofounder", "总部地址在哪里", "董事"]
    assert any(lexicon.attributes_in(t) for t in texts) and not all(lexicon.attributes_in(t) for t in texts)
    for text in texts:
        assert lexicon.attributes_in(text) == [m.group() for m in lexicon._attribute_pattern.finditer(text)], text
    with_expression = build({"attributes": {"zh": ["/创.人/", "董事长"]}})
    assert with_expression.attributes_in("谁是创始人和董事长") == ["创始人", "董事长"]


def test_a_word_list_is_searched_only_where_a_match_can_start() -> None:
    words = pattern(["多少", "how many", "/(?<!哪)几[个家]/", "/(?:投资|投入)了?多少/", "/^total (?!number)/"])
    assert words.firsts == frozenset("多h几投t")
    assert words.search("三季度几个") and not words.search("哪几个") and not words.search("三季度")
    assert pattern(["/\\s*多/"]).firsts is None and pattern(["/a?/"]).firsts is None  # may start anywhere
    # an optional start: what it starts with, or what follows it
    assert pattern(["/a?b/"]).firsts == frozenset("ab") and pattern(["/(?:刚|今天)?(?:看到|听到)新闻/"]).firsts == frozenset("刚今看听")
    optional = pattern(["嗯", "/(?:刚|今天)?看到新闻(?:里)?说?/"])
    assert optional.pattern.startswith("(?=[") and optional.search("今天看到新闻说").group() == "今天看到新闻说"
    assert pattern(["/(?i:total)/"]).firsts is None and pattern([]).search("anything") is None
    # the regex itself looks ahead for them (a class such as \d too), and finds what the words say
    assert words.pattern.startswith("(?=[") and words.search("total of it") and not words.search("a total of it")
    digits = pattern(["个数", "/\\d+[个家]\\D{0,4}吗/"])
    assert digits.firsts is None and digits.pattern.startswith("(?=[个\\d])")  # a match may start at any digit
    assert digits.search("有20个项目吗").group() == "20个项目吗" and digits.search("有٣个吗")  # any digit \d reads


def _word_lists(obj: object) -> list[Words]:
    if isinstance(obj, Words):
        return [obj]
    if isinstance(obj, dict):
        obj = list(obj.values())
    elif hasattr(obj, "__dataclass_fields__"):
        obj = [getattr(obj, f.name) for f in dataclasses.fields(obj)]
    return [w for item in obj for w in _word_lists(item)] if isinstance(obj, (list, tuple)) else []


def test_every_project_word_list_is_searched_only_where_a_match_can_start() -> None:
    """An entry whose start nothing tells (/[\\u4e00-\\u9fff]{0,4}的朋友/) makes re try the whole list at
    every character of every text: the filler's forms of a 100,000-phrasing base took 1.4 s, not 0.2 s."""
    lexicon = load("knowledge").lexicon
    lists = [*_word_lists(lexicon), Wording(lexicon)._filler]
    assert len(lists) > 30
    slow = [w.pattern[:60] for w in lists if w.firsts is None and not w.pattern.startswith("(?=[")]
    assert not slow


def test_a_word_list_is_apart_from_a_character_only_when_no_match_can_hold_or_see_it() -> None:
    sep = "\ue000"
    words = ["多少", "how many", "/(?<![\\d.])\\d+多(?=亿|个)/", "/(?:做|搞)[\\u4e00-\\u9fff]{1,4}?的/", "/\\w\\s/"]
    assert pattern(words).apart(sep) and not pattern(words).apart("a")  # an English word's edges read letters
    for entry in ("/a.b/", "/[^x]/", "/\\D/", "/\\S/", "/\\W/", "/^a/", "/a$/", "/\\bq/", "/(?i:a)/", f"/[{sep}]/"):
        assert not pattern(["多少", entry]).apart(sep), entry
    assert not pattern([f"多{sep}少"]).apart(sep)


def test_the_forms_of_texts_joined_are_each_text_alone() -> None:
    """Building a Matcher takes the filler and synonyms out of all its phrasings joined by SEP (the
    filler's /expressions/ hold and see no SEP): each text must get what it gets alone."""
    lexicon = load(KNOWLEDGE).lexicon
    wording = Wording(lexicon)
    assert wording._forms_apart and wording._synonyms_apart
    texts = [normalize(c.question) for c in load_cases(ROOT / "tests" / "eval" / "questions.yaml")]
    texts += [normalize(w) for w in lexicon.filler.get("zh", ()) if not is_expression(w)]
    texts += ["是58个吧", "58多个", "我同事说", "做ppt要用", "", "、", "1季度", "最新的余杭", "the latest q3 figure"]
    synonyms = wording.synonyms_all(texts)
    assert synonyms == [wording.synonyms(t) for t in texts]
    assert wording.forms(synonyms) == [wording.form(t) for t in synonyms]


def test_an_expression_is_tried_before_a_word_at_the_same_place() -> None:
    """Regex alternatives are taken in order, not by length: a word of one character (有) tried
    first had left 没有人知道 of 有没有人知道, which the expression says whole."""
    p = pattern(["有", "/有(?:没有)?人知道/"])
    assert p.sub("", "有没有人知道") == ""
    assert p.sub("", "有几个") == "几个"

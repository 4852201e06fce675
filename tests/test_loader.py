"""The loader refuses what would otherwise pass silently: duplicate and unknown keys, an empty base,
articles outside knowledge/, special files, bad bytes, absurd nesting; always naming file and line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.knowledge import MAX_FILE_BYTES, KnowledgeError, load, read_yaml
from tests.conftest import MINI_FACTS, copy_knowledge, edit


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """The small fact base, in a folder a test may break."""
    return copy_knowledge(tmp_path / "knowledge", MINI_FACTS)


def facts_file(base: Path) -> Path:
    return base / "facts" / "mini.yaml"


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_the_mini_base_loads_clean(base: Path) -> None:
    knowledge = load(base)
    assert len(knowledge.facts) == 4 and knowledge.problems == ()


def test_a_second_facts_list_is_a_duplicate_key(base: Path) -> None:
    path = facts_file(base)
    path.write_text(path.read_text(encoding="utf-8") + "\nfacts: []\n", encoding="utf-8")
    last = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(KnowledgeError) as e:
        load(base)
    assert e.value.path == str(path) and e.value.line == last
    assert "duplicate key 'facts'" in e.value.message and f"line {line_of(path, 'facts:')}" in e.value.message


def test_a_duplicate_key_inside_a_fact_is_refused(base: Path) -> None:
    path = facts_file(base)
    path.write_text(path.read_text(encoding="utf-8").replace("    asks: count\n", "    asks: count\n    asks: amount\n"),
                    encoding="utf-8")
    with pytest.raises(KnowledgeError) as e:
        load(base)
    assert e.value.line == line_of(path, "asks: count") + 1 and "duplicate key 'asks'" in e.value.message


def test_a_duplicate_key_in_a_flow_mapping_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a:\n  - {zh: 一, en: one, zh: 二}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"x\.yaml:2: duplicate key 'zh' \(first at line 2\)"):
        read_yaml(path)


def test_an_empty_facts_list_is_an_error(base: Path) -> None:
    facts_file(base).write_text("topics: {}\nfacts: []\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="no usable facts"):
        load(base)


def test_an_empty_facts_file_beside_others_is_a_problem(base: Path) -> None:
    (base / "facts" / "empty.yaml").write_text("facts: []\n", encoding="utf-8")
    problems = [str(p) for p in load(base).problems]
    assert problems == [f"{base / 'facts' / 'empty.yaml'}:1: `facts:` is empty"]


def test_a_comma_in_a_flow_label_is_an_unknown_key(base: Path) -> None:
    path = facts_file(base)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "labs: {zh: 实验室, en: Laboratories}", "labs: {zh: 实验室, en: Labs, talent and this article}"), encoding="utf-8")
    problems = load(base).problems
    assert [(p.line, p.message) for p in problems] == [
        (line_of(path, "labs: {"), "topic labs: unknown key 'talent and this article' (expected en, zh)")]


@pytest.mark.parametrize(("anchor", "typo", "key"), [
    ("    topic: labs\n", "    topc: labs\n", "topc"),  # a fact's key
    ("      quote: 当前浙江着重建设4个省级实验室\n", "      qoute: 当前浙江着重建设4个省级实验室\n", "qoute"),  # source
    ("{text: 4个, value: 4, unit: 个}", "{text: 4个, value: 4, unit: 个, qualifer: 近}", "qualifer"),  # figure
])
def test_unknown_keys_in_a_fact_are_problems_with_their_line(base: Path, anchor: str, typo: str, key: str) -> None:
    path = facts_file(base)
    path.write_text(path.read_text(encoding="utf-8").replace(anchor, typo), encoding="utf-8")
    knowledge = load(base)
    assert any(f"unknown key {key!r}" in p.message and p.line == line_of(path, typo.strip()) for p in knowledge.problems)
    assert "provincial-labs-count" not in knowledge.by_id


def test_unknown_key_in_sources_yaml(base: Path) -> None:
    sources = base / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("    file:", "    fiel: x\n    file:"), encoding="utf-8")
    assert any("unknown key 'fiel'" in p.message and p.line == line_of(sources, "fiel:") for p in load(base).problems)


@pytest.mark.parametrize("file", ["../../../../../../../../etc/passwd", "/etc/passwd", "../config.yaml", "."])
def test_an_article_outside_knowledge_is_refused(base: Path, file: str) -> None:
    sources = base / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("articles/yuhang-2020q3.txt", file),
                       encoding="utf-8")
    with pytest.raises(KnowledgeError):  # its facts cite an unknown document: nothing is left to serve
        load(base)
    problems = _problems_with_one_good_fact(base, sources)
    assert f"{sources}:{line_of(sources, 'file:')}: document yuhang-2020q3: file {file!r} must be inside" in problems[0]
    assert "root:" not in "".join(problems)


def _problems_with_one_good_fact(base: Path, sources: Path) -> list[str]:
    """The problems of `base` once a second, readable document keeps one fact alive."""
    (base / "articles" / "ok.txt").write_text("标题\n当前浙江着重建设4个省级实验室\n", encoding="utf-8")
    sources.write_text(sources.read_text(encoding="utf-8") + "  - {id: ok, title: 标题, file: articles/ok.txt}\n",
                       encoding="utf-8")
    path = facts_file(base)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "doc: yuhang-2020q3\n      paragraph: 20", "doc: ok\n      paragraph: 1"), encoding="utf-8")
    return [str(p) for p in load(base).problems]


def test_a_symlink_out_of_knowledge_is_refused(base: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n", encoding="utf-8")
    (base / "articles" / "link.txt").symlink_to(outside)
    sources = base / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("articles/yuhang-2020q3.txt", "articles/link.txt"),
                       encoding="utf-8")
    problems = _problems_with_one_good_fact(base, sources)
    assert "must be inside" in problems[0]


def test_a_symlink_inside_knowledge_is_followed(base: Path) -> None:
    (base / "articles" / "link.txt").symlink_to(base / "articles" / "yuhang-2020q3.txt")
    sources = base / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("articles/yuhang-2020q3.txt", "articles/link.txt"),
                       encoding="utf-8")
    assert len(load(base).facts) == 4


@pytest.mark.parametrize("kind", ["fifo", "directory", "too big"])
def test_an_article_that_is_not_a_small_regular_file_is_refused(base: Path, kind: str) -> None:
    special = base / "articles" / "special.txt"
    if kind == "fifo":
        os.mkfifo(special)  # reading it would block forever
    elif kind == "directory":
        special.mkdir()
    else:
        special.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    sources = base / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("articles/yuhang-2020q3.txt", "articles/special.txt"),
                       encoding="utf-8")
    problems = _problems_with_one_good_fact(base, sources)
    expected = {"fifo": "not a regular file", "directory": "not a regular file", "too big": "larger than 5 MB"}[kind]
    assert problems[0].startswith(f"{sources}:{line_of(sources, 'special.txt')}: ") and expected in problems[0]


def test_a_bad_byte_in_an_article_names_its_line(base: Path) -> None:
    article = base / "articles" / "yuhang-2020q3.txt"
    lines = article.read_bytes().split(b"\n")
    lines[6] += b"\xff"
    article.write_bytes(b"\n".join(lines))
    with pytest.raises(KnowledgeError):
        load(base)
    problems = _problems_with_one_good_fact(base, base / "sources.yaml")
    assert problems[0].startswith(f"{article}:7: not UTF-8 text: byte 0xff")


def test_a_bad_byte_in_yaml_names_its_line(base: Path) -> None:
    path = facts_file(base)
    line = line_of(path, "实验室, en")
    path.write_bytes(path.read_bytes().replace("实验室, en".encode(), "实验室".encode() + b"\xff, en", 1))
    with pytest.raises(KnowledgeError) as e:
        load(base)
    assert (e.value.path, e.value.line) == (str(path), line)
    assert e.value.message.startswith("not UTF-8 text: byte 0xff at column")


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, "a:\n" + "".join(" " * i + "- b:\n" for i in range(1, 500)),
                                  "{" * 150 + "}" * 150])
def test_deep_nesting_is_an_error_not_a_recursion(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as e:
        read_yaml(path)
    assert e.value.line >= 1 and ("nest" in e.value.message or "syntax" in e.value.message)


def test_a_running_bot_keeps_its_facts_when_an_edit_empties_them(mini_engine, mini_knowledge: Path) -> None:
    path = facts_file(mini_knowledge)
    edit(path, path.read_text(encoding="utf-8") + "\nfacts: []\n")
    ok, _ = mini_engine.reload()
    assert not ok and len(mini_engine.knowledge.facts) == 4


def test_yaml_11_booleans_other_than_true_and_false_stay_words(tmp_path: Path) -> None:
    """The lexicon's English filler "on" was read as True: only true and false are booleans."""
    path = tmp_path / "words.yaml"
    path.write_text("words: [on, off, yes, no, On]\nflag: true\n", encoding="utf-8")
    assert read_yaml(path) == {"words": ["on", "off", "yes", "no", "On"], "flag": True}

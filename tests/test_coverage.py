"""`check` and `check --coverage` as curators run them: unfinished stubs are a notice, figures that
no finished fact quotes are listed and fail."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import MINI_FACTS, ROOT

from bot.__main__ import main
from bot.check import uncovered
from bot.knowledge import load

STUB = textwrap.dedent("""\
      - id: stub-valuation
        unfinished: true
        topic: investment
        asks: amount
        figures:
          - {text: 100亿元, value: 100, unit: 亿元}
        source: {doc: yuhang-2020q3, paragraph: 28, quote: 目前估值100亿元}
    """)


def config_for(knowledge: Path) -> str:
    """config.yaml on `knowledge`, written beside it."""
    text = (ROOT / "config.yaml").read_text(encoding="utf-8").replace("knowledge: knowledge", f"knowledge: {knowledge}")
    path = knowledge.parent / "config.yaml"
    path.write_text(text.replace("var/misses.sqlite3", str(knowledge.parent / "misses.sqlite3")), encoding="utf-8")
    return str(path)


def check(knowledge: Path, *flags: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--config", config_for(knowledge), "check", *flags])
    return code, capsys.readouterr().out


def test_unfinished_stubs_are_listed_but_do_not_fail_check(mini_knowledge: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    (mini_knowledge / "facts" / "mini.yaml").write_text(MINI_FACTS + textwrap.indent(STUB, "  "), encoding="utf-8")
    code, out = check(mini_knowledge, capsys=capsys)
    assert code == 0
    assert "fact base is clean" in out
    assert "1 unfinished stub(s) (not served): stub-valuation" in out


def test_coverage_lists_the_figures_no_finished_fact_quotes(mini_knowledge: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    (mini_knowledge / "facts" / "mini.yaml").write_text(MINI_FACTS + textwrap.indent(STUB, "  "), encoding="utf-8")
    code, out = check(mini_knowledge, "--coverage", capsys=capsys)
    assert code == 1
    listed = {(item.paragraph, item.figure) for item in uncovered(load(mini_knowledge))}
    assert (28, "100亿元") in listed  # quoted by a stub only: not answered yet
    assert (23, "600亿元") not in listed and (28, "60亿元") not in listed  # quoted by finished facts
    assert (2, "556亿元") in listed and (23, "556亿元") in listed
    assert "yuhang-2020q3 paragraph 28: 100亿元 is in no fact's quote" in out
    assert f"{len(listed)} figure(s) in no fact's quote" in out


def test_removing_a_fact_uncovers_its_figure(knowledge_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = knowledge_copy / "facts" / "yuhang-2020q3.yaml"
    text = facts.read_text(encoding="utf-8")
    start = text.index("  - id: tianxiaxiu-valuation")
    facts.write_text(text[:start] + text[text.index("  - id:", start + 1):], encoding="utf-8")
    code, out = check(knowledge_copy, "--coverage", capsys=capsys)
    assert code == 1
    assert "yuhang-2020q3 paragraph 28: 100亿元 is in no fact's quote: …独角兽企业 , 目前估值100亿元" in out


def test_a_restated_figure_is_covered_once_one_fact_quotes_it(knowledge_copy: Path) -> None:
    knowledge = load(knowledge_copy)
    assert [f.source.paragraph for f in knowledge.facts if f.source.quote.endswith("556亿元 。")] == [2]
    assert (23, "556亿元") not in {(item.paragraph, item.figure) for item in uncovered(knowledge)}

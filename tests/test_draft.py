"""`draft` on this project's article as if it were new: it finds the curated figures, its stubs
load as unfinished facts that `check` accepts, and the bot never serves a stub."""

from __future__ import annotations

import re
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import KNOWLEDGE, MINI_FACTS, copy_knowledge
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import figures
from bot.__main__ import main
from bot.check import run_check
from bot.draft import Draft, compare, draft, to_yaml
from bot.engine import Engine
from bot.knowledge import load

ARTICLE = KNOWLEDGE / "articles" / "yuhang-2020q3.txt"
CURATED = KNOWLEDGE / "facts" / "yuhang-2020q3.yaml"


@pytest.fixture(scope="module")
def drafted() -> Draft:
    return draft(ARTICLE.read_text(encoding="utf-8"), "draft-test")


def test_draft_finds_the_curated_figures(drafted: Draft) -> None:
    result = compare(drafted, CURATED)
    assert len(result.found) + len(result.missing) >= 30  # the curated base's figures, per paragraph
    assert result.recall >= 0.95, result.missing


def test_every_quote_is_verbatim_and_holds_its_figure(drafted: Draft) -> None:
    assert drafted.stubs
    for stub in drafted.stubs:
        assert stub.quote in drafted.paragraphs[stub.paragraph - 1]
        assert stub.figure.text in stub.quote


def test_a_clause_with_several_figures_is_cut_to_one_each(drafted: Draft) -> None:
    quotes = {(s.paragraph, s.figure.text): s.quote for s in drafted.stubs}
    assert quotes[26, "21个"] == "数字经济优质项目有21个"
    assert quotes[28, "58个"] == "集中签约的58个项目中"
    assert quotes[23, "600亿元"] == "二季度“双集中”总投资600亿元"
    assert quotes[1, "9月10日"].startswith("9月10日 , 第三方机构")  # a bare date keeps what it dates


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "qualifier", "asks"),
    [
        ("总投资额达556亿元 。", "556亿元", "556", "亿元", "", "amount"),
        ("投资总额已近1800亿元", "近1800亿元", "1800", "亿元", "近", "amount"),
        ("投资额也超过了10亿元", "超过了10亿元", "10", "亿元", "超过", "amount"),
        ("等十余个项目", "十余个", "10", "个", "余", "count"),
        ("落地企业60多家", "60多家", "60", "家", "多", "count"),
        ("引资约5000万元", "约5000万元", "5000", "万元", "约", "amount"),
        ("9月29日 , 余杭", "9月29日", "20200929", "日期", "", "date"),
        ("2021年3月5日开工", "2021年3月5日", "20210305", "日期", "", "date"),
        ("2018年 , 余杭开始", "2018年", "2018", "年", "", "year"),
        ("跃升至第七位", "第七位", "7", "位", "", "rank"),
        ("蝉联全省第一 。", "全省第一", "1", "位", "", "rank"),
        ("余杭坐拥其三:之江实验室", "其三", "3", "个", "", "count"),
        ("有一半会留在了余杭", "一半", "0.5", "比例", "", "share"),
        ("占四分之一", "四分之一", "0.25", "比例", "", "share"),
        ("增长12.5%", "12.5%", "12.5", "%", "", "share"),
        ("18天之内", "18天", "18", "天", "", "duration"),
        ("“一件事”一日办结", "一日", "1", "日", "", "duration"),
        ("坐拥1228.41平方公里丰沃水土", "1228.41平方公里", "1228.41", "平方公里", "", "area"),
        ("共五十八个项目", "五十八个", "58", "个", "", "count"),
        ("新增市场主体15.3万户", "15.3万户", "15.3", "万户", "", "count"),
        ("高新技术企业1.3万余家", "1.3万余家", "1.3", "万家", "余", "count"),
        ("投资五千万元", "五千万元", "5000", "万元", "", "amount"),
        ("约三成企业", "约三成", "3", "成", "约", "share"),
        ("新设两家企业", "两家", "2", "家", "", "count"),
    ],
)
def test_figures_are_read_as_the_fact_base_encodes_them(text: str, figure: str, value: str, unit: str,
                                                        qualifier: str, asks: str) -> None:
    [found] = figures.find(text, 2020)
    assert (found.text, found.value, found.unit, found.qualifier, found.asks) == \
        (figure, Decimal(value), unit, qualifier, asks)
    assert text[found.start:found.end] == figure


@pytest.mark.parametrize(
    "text",
    ["发布《2020年中国城区高质量发展白皮书》", "紧扣“六新”领域", "举行2020年三季度“双集中”活动", "第三方机构",
     "国内第一家独角兽企业", "一个项目、一名领导", "以三足鼎立之势", "有三四个项目", "5G通讯", "一成不变",
     "截至10日", "2023年上半年"],
)
def test_names_and_words_with_numerals_are_not_figures(text: str) -> None:
    assert figures.find(text, 2020) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0123456789.,，。、;：近超过余多约第全省其一二三四五十百万亿元个家日月年位天%“”《》【】 ",
                        max_size=60), min_size=1, max_size=5))
def test_any_text_drafts_verbatim_quotes(lines: list[str]) -> None:
    result = draft("标题\n" + "\n".join(lines), "t")
    for stub in result.stubs:
        assert stub.figure.text in stub.quote and stub.quote in result.paragraphs[stub.paragraph - 1]


@pytest.fixture
def drafted_base(tmp_path: Path, drafted: Draft) -> Path:
    """The project's knowledge/ with the draft added as a second document, as a curator would."""
    root = copy_knowledge(tmp_path / "knowledge")
    (root / "facts" / "draft-test.yaml").write_text(to_yaml(drafted, "articles/yuhang-2020q3.txt"), encoding="utf-8")
    with (root / "sources.yaml").open("a", encoding="utf-8") as sources:
        sources.write(f"  - {{id: draft-test, title: {drafted.title}, file: articles/yuhang-2020q3.txt}}\n")
    return root


def test_the_draft_loads_as_unfinished_stubs_that_check_accepts(drafted_base: Path, drafted: Draft,
                                                                 make_config) -> None:
    knowledge = load(drafted_base)
    assert knowledge.problems == ()
    assert len(knowledge.drafts) == len(drafted.stubs)
    assert all(f.unfinished and f.source.doc == "draft-test" for f in knowledge.drafts)
    assert not any(f.unfinished for f in knowledge.facts)
    assert len(knowledge.facts) == len(load(KNOWLEDGE).facts)
    assert run_check(make_config(drafted_base), knowledge) == []


STUB = textwrap.dedent("""\
      - id: stub-valuation
        unfinished: true
        topic: investment
        asks: amount
        questions:
          zh: [天下秀的项目方目前估值多少]
        figures:
          - {text: 100亿元, value: 100, unit: 亿元}
        source: {doc: yuhang-2020q3, paragraph: 28, quote: 目前估值100亿元}
    """)


def with_stub(mini_knowledge: Path, stub: str) -> Path:
    (mini_knowledge / "facts" / "mini.yaml").write_text(MINI_FACTS + textwrap.indent(stub, "  "), encoding="utf-8")
    return mini_knowledge


def test_an_unfinished_stub_is_never_served(mini_knowledge: Path, make_config) -> None:
    engine = Engine(make_config(with_stub(mini_knowledge, STUB)), reload_interval=0)
    assert [f.id for f in engine.knowledge.drafts] == ["stub-valuation"]
    for question in ("天下秀的项目方目前估值多少", "目前估值100亿元", "估值多少"):
        answer = engine.ask(question)
        assert "stub-valuation" not in answer.fact_ids and "100亿元" not in answer.text


def test_a_finished_fact_still_needs_questions_and_answers(mini_knowledge: Path) -> None:
    knowledge = load(with_stub(mini_knowledge, STUB.replace("unfinished: true", "unfinished: false")))
    messages = {p.message for p in knowledge.problems}
    assert "stub-valuation: needs at least one question in `en`" in messages
    assert "stub-valuation: needs an answer in `zh`" in messages
    assert "stub-valuation" not in knowledge.by_id


def test_unfinished_must_be_true_or_false(mini_knowledge: Path) -> None:
    knowledge = load(with_stub(mini_knowledge, STUB.replace("unfinished: true", "unfinished: soon")))
    assert "stub-valuation: `unfinished` is true or false" in {p.message for p in knowledge.problems}


def test_draft_command_measures_and_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(ARTICLE), "--doc", "t", "--compare", str(CURATED)]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert re.match(r"figure recall (\d+\.\d)% \(\d+ of \d+ figures of yuhang-2020q3\.yaml\); (\d+) stubs, \2 quotes "
                    r"verbatim; drafted in \d\.\d{3} s$", line), line
    out = tmp_path / "t.yaml"
    assert main(["draft", str(ARTICLE), "--doc", "t", "--out", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert "#   - id: t\n" in written and yaml.safe_load(written)["facts"][0]["unfinished"] is True
    assert main(["draft", str(ARTICLE), "--doc", "t", "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == written

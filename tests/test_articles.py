"""Several articles in one base: the real 2020 article beside a fictional 2021 one built to collide
with it (tests/fixtures/newsroom: the same event a year later, a neighbouring district, the same
names with other figures). A question that names what tells them apart gets that article's fact;
one that fits both gets each answer labelled; never one of them silently."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bot.check import check_all
from bot.commands import Commands, Session
from bot.config import Config, load_config
from bot.engine import Engine
from bot.evaluate import evaluate
from bot.knowledge import load
from bot.match import Matcher
from bot.render import content_html, escape

NEWSROOM = Path(__file__).parent / "fixtures" / "newsroom"
OLD, NEW = "yuhang-2020q3", "yuhang-2021q3-fiction"


@pytest.fixture(scope="module")
def config() -> Config:
    return load_config(NEWSROOM / "config.yaml")


@pytest.fixture(scope="module")
def engine(config: Config) -> Engine:
    return Engine(config, reload_interval=3600)


def docs(engine: Engine, question: str) -> list[str]:
    return [f.source.doc for f in engine.matcher.match(question).facts]


def test_the_collision_set_meets_its_thresholds_with_no_wrong_figure(config: Config) -> None:
    report = evaluate(config, NEWSROOM / "collisions.yaml")
    assert report.settings is not None and report.settings.max_wrong_figures == 0
    assert not report.below_thresholds(), [f"{o.case.q}: {o.verdict} {o.wrong}" for o in report.failures()]


def test_a_question_both_articles_answer_gets_each_answer_labelled(engine: Engine) -> None:
    answer = engine.ask("余杭三季度双集中总投资多少", "eval")
    assert answer.kind == "fact"
    assert sorted(f.split("-")[0] for f in answer.fact_ids) == ["f21", "q3"]
    text = answer.text
    assert "2篇文章各有一个答案" in text
    for doc in engine.knowledge.documents.values():
        assert f"《{doc.title}》（{doc.date}）" in text
    assert text.index("556亿元") > text.index("（2020）") or text.index("612亿元") > text.index("（2021-10-08）")


@pytest.mark.parametrize(("question", "doc"), [
    ("2021年三季度双集中总投资多少", NEW),
    ("2020年三季度双集中总投资多少", OLD),
    ("去年三季度双集中总投资多少", OLD),  # the newest article is 2021's: 去年 is 2020
    ("今年三季度双集中总投资多少", NEW),
    ("最新一期双集中签了几个项目", NEW),
    ("What was the Q3 2021 double concentration total?", NEW),
])
def test_what_tells_the_articles_apart_picks_one(engine: Engine, question: str, doc: str) -> None:
    assert set(docs(engine, question)) == {doc}


def test_a_year_no_article_covers_is_declined_with_the_year(engine: Engine) -> None:
    answer = engine.ask("2019年三季度双集中总投资多少", "eval")
    assert answer.kind == "out_of_scope" and "2019年" in answer.text


def test_a_neighbour_district_is_answered_only_when_named(engine: Engine) -> None:
    assert [f.id for f in engine.matcher.match("萧山区三季度双集中总投资多少").facts] == \
        ["f21-xiaoshan-q3-double-concentration-total"]
    named = {f.id for f in engine.matcher.match("2021年三季度双集中签了多少个项目").facts}
    assert named == {"f21-q3-signed-projects-count"}


def test_each_place_named_is_answered_on_its_own(engine: Engine) -> None:
    answer = engine.ask("2021年三季度余杭和萧山双集中总投资分别多少", "eval")
    assert answer.fact_ids == ("f21-q3-double-concentration-total", "f21-xiaoshan-q3-double-concentration-total")


def test_a_combination_both_articles_answer_asks_which_year(engine: Engine) -> None:
    unsure = engine.ask("三季度双集中总投资比二季度多多少", "eval")
    assert unsure.kind == "declined" and "2020" in unsure.text and "2021-10-08" in unsure.text
    assert "（计算得出" not in unsure.text
    pinned = engine.ask("2020年三季度双集中总投资比二季度少多少", "eval")
    assert pinned.kind == "computed" and "44亿元" in pinned.text  # 600 - 556, never 2021's figures
    assert all(s.doc == OLD for s in pinned.sources)


def test_one_article_alone_answers_as_before(engine: Engine) -> None:
    """No label and no second answer where only one article has the fact."""
    answer = engine.ask("余杭有几个之江实验室的联合研究中心", "eval")
    assert len({s.doc for s in answer.sources}) <= 1
    assert "篇文章各有" not in answer.text


def test_loader_merges_folders_and_refuses_a_document_twice(tmp_path: Path, config: Config) -> None:
    knowledge = load(*config.roots)
    assert set(knowledge.documents) == {OLD, NEW}
    assert knowledge.documents[NEW].date == "2021-10-08" and knowledge.documents[NEW].slots["year"] == {"2021"}
    twice = tmp_path / "twice"
    shutil.copytree(NEWSROOM, twice)
    sources = twice / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(f"id: {NEW}", f"id: {OLD}"), encoding="utf-8")
    problems = [str(p) for p in load(config.knowledge, twice).problems]
    assert any(f"document {OLD} is declared twice" in p for p in problems)


def test_a_bad_date_is_named_with_its_line(tmp_path: Path, config: Config) -> None:
    folder = tmp_path / "dated"
    shutil.copytree(NEWSROOM, folder)
    sources = folder / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("date: 2021-10-08", "date: 2021-13-40"),
                       encoding="utf-8")
    problems = [p for p in load(config.knowledge, folder).problems if "date" in p.message]
    assert problems and problems[0].line > 0 and "2021-13-40" in problems[0].message


def test_config_takes_a_list_of_folders(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text("knowledge: [a, b/c]\n", encoding="utf-8")
    config = load_config(tmp_path / "config.yaml")
    assert config.roots == (tmp_path / "a", tmp_path / "b" / "c")


def test_one_article_base_reads_relative_years_against_its_own_date(base_config: Config) -> None:
    matcher = Matcher(load(*base_config.roots), base_config.match)
    assert matcher.match("余杭去年三季度双集中总投资多少").unknown == (("year", "2019"),)
    assert [f.id for f in matcher.match("今年三季度双集中总投资多少").facts] == ["q3-double-concentration-total"]


def test_check_lists_cross_article_clashes_apart_from_problems(config: Config, engine: Engine) -> None:
    problems, clashes = check_all(config, engine.knowledge)
    assert problems == []
    q3 = [c for c in clashes if c.message.startswith("q3-double-concentration-total:")]
    assert q3 and q3[0].path.endswith("yuhang-2020q3.yaml") and q3[0].line > 0
    assert sum(f"f21-q3-double-concentration-total ({NEW})" in c.message for c in q3) > len(q3) / 2


def test_topics_and_help_say_which_article(engine: Engine) -> None:
    commands, session = Commands(engine), Session()
    labels = [entry.label for entry in commands.topics("zh").topics]
    assert "排名与称号（2020）" in labels and "排名与称号（2021-10-08）" in labels
    ranking = commands.topic(session, f"ranking@{NEW}", "zh")
    assert ranking and {engine.knowledge.by_id[p.fact_id].source.doc for p in ranking.picks} == {NEW}
    text = "\n".join("".join(s for s, _ in line) for line in commands.help(session, "zh").lines)
    assert "2篇文章" in text and "（2021-10-08）" in text


def test_an_edit_in_the_second_folder_is_picked_up(tmp_path: Path, config: Config) -> None:
    folder = tmp_path / "newsroom"
    shutil.copytree(NEWSROOM, folder)
    engine = Engine(replace(config, more_knowledge=(folder,)), reload_interval=0)
    assert "612亿元" in engine.ask("2021年三季度双集中总投资多少", "eval").text
    facts = folder / "facts" / "yuhang-2021q3-fiction.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("总投资额达612亿元。", "总投资额达612亿元（已更新）。", 1), encoding="utf-8")
    assert "已更新" in engine.ask("2021年三季度双集中总投资多少", "eval").text


def test_labelled_answers_reach_telegram_as_bold_titles(engine: Engine) -> None:
    content = Commands(engine).ask(Session(), "余杭三季度双集中总投资多少", "eval")
    html = content_html(content)
    for doc in engine.knowledge.documents.values():
        assert f"<b>《{escape(doc.title)}》（{doc.date}）</b>" in html
    assert html.count("<b>") == html.count("</b>")


def test_the_last_photo_is_no_photo_when_the_articles_have_different_numbers_of_photos(engine: Engine) -> None:
    """2020's article has four photos, the fictional 2021 one one: 最后一张 would be either."""
    answer = engine.ask("最后一张图片说明是啥")
    assert not answer.answered and "众望布艺" not in answer.text.split("\n")[0]

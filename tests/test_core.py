"""The core on the real fact base: neighbours never swapped, combined questions computed
exactly and labelled, bad input answered plainly, never a crash."""

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine import Engine
from bot.judge import figure_texts, wrong_figures
from bot.operations import fmt
from bot.texts import t

NEIGHBOURS = [
    ("余杭第三季度双集中总投资多少", "556亿元"),
    ("一季度双集中总投资多少", "582亿元"),
    ("第二季度双集中总投资是多少", "600亿元"),
    ("餘杭Q3雙集中總投資", "556亿元"),
    ("How much was invested in the second quarter double concentration event?", "600亿元"),
    ("三季度制造业优质项目有几个", "20个"),
    ("三季度数字经济优质项目有几个", "21个"),
    ("人才配套类优质项目几个", "17个"),
    ("天下秀网红城市项目投资多少", "60亿元"),
    ("直播产业链企业落地了多少家", "超过60家"),
    ("9月29日集中签约了多少个项目", "58个"),
    ("三季度签约向目几个", "58个"),  # not 临平新城's 十余个: the question names no zone
    ("三季度双集中是不是600亿", "556亿元"),  # a figure checked asks that kind: not the event's date
    ("三季度签了58个项目吗", "58个"),
]


@pytest.mark.parametrize(("question", "figure"), NEIGHBOURS)
def test_neighbouring_facts_are_never_swapped(engine: Engine, question: str, figure: str) -> None:
    answer = engine.ask(question)
    assert answer.answered, answer.text
    assert figure in answer.text
    others = [f for f in figure_texts(engine.knowledge) if f != figure]
    body = answer.text.replace(engine.composer.title, "")
    assert wrong_figures(body, [figure], others) == []


@pytest.mark.parametrize(
    "question",
    ["余杭第四季度双集中总投资多少", "2021年余杭双集中总投资多少", "西湖区三季度双集中总投资多少",
     "阿里巴巴创新中心估值多少", "余杭GDP多少", "今天天气怎么样", "What was Yuhang's Q4 investment?",
     "What's the name of Zhejiang's fourth provincial lab?", "第四家省级实验室叫什么",
     "二季度天下秀投资多少",  # 天下秀 signed in the third quarter
     "How much did Linping New City's projects invest in Q3?",  # not its one project 天下秀's 60亿元
     "余杭三季度开工项目多少个",  # 58 projects were signed: how many started is not said
     "数字经济项目投资了多少",  # 21 projects, of an investment not given per category
     "三季度签约项目中外资项目几个",
     "How big is the Digital Health Town?",  # no area: not the 18 days its opening began
     "余杭2020年全年落地项目总额多少", "Yuhang's full-year investment?"],  # not the first three quarters' 近1800亿元
)
def test_questions_the_article_does_not_answer_are_declined(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.answered and answer.fact_ids == ()
    assert 1 <= len(answer.suggestions) <= 3
    assert "亿元" not in answer.text.split("\n")[0]


def test_no_quarter_gets_all_three_quarters(engine: Engine) -> None:
    answer = engine.ask("双集中总投资多少")
    assert all(f in answer.text for f in ("582亿元", "600亿元", "556亿元"))
    assert len(answer.fact_ids) == 3


@pytest.mark.parametrize(
    ("question", "result", "inputs"),
    [
        ("一二三季度双集中加起来一共多少", "1738亿元", 3),
        ("二季度比三季度多多少", "44亿元", 2),
        ("制造业和数字经济优质项目一共几个", "41个", 2),
        ("Which quarter had the most double concentration investment?", "600亿元", 3),
        ("二季度占一二三季度合计的比例", "34.5%", 3),
        ("天下秀比碳纤维项目多投资多少", "30亿元", 2),
    ],
)
def test_combined_questions_are_computed_and_labelled(engine: Engine, question: str, result: str, inputs: int) -> None:
    answer = engine.ask(question)
    assert answer.kind == "computed", answer.text
    headline = answer.text.split("\n")[0]
    assert result in headline
    assert "计算" in headline or "comput" in headline or "比较" in headline or "compar" in headline
    assert len(answer.fact_ids) == inputs == len(answer.sources)


def test_two_members_named_without_an_operation_word_are_each_listed(engine: Engine) -> None:
    listed = engine.matcher.match("三季度签约制造业几个，数字经济几个")
    assert listed.kind == "computed" and listed.computation and listed.computation.op == "each"
    assert {f.id for f in listed.facts} == {"q3-manufacturing-quality-projects", "q3-digital-economy-quality-projects"}
    # the list goes on past the names read (talent is no category name): listing two would leave one out
    assert engine.matcher.understand("Number of projects: manufacturing vs digital economy vs talent?").op is None
    # something else between two names (a mistyped 比), or quarters (三个季度, a typo from 前三季度): no list
    assert engine.matcher.understand("二季度矿三季度多投了多少").op is None
    assert engine.matcher.understand("二季度萆三季度多投了多少").op == "diff"  # a lone 萆 between words is 比
    assert engine.matcher.understand("偷三个季度落地的项目总投资").op is None


@pytest.mark.parametrize("question", ["三季度 制造业 数字经济 人才配套 项目数",
                                      "How many manufacturing, digital economy and talent-support projects were signed in Q3?"])
def test_names_a_total_has_no_figure_of_the_kind_asked_for_are_each_listed(engine: Engine, question: str) -> None:
    """329亿元 totals the three categories' investment, not their counts: 项目数 lists each."""
    answer = engine.ask(question)
    assert answer.kind == "computed" and all(n in answer.text for n in ("20个", "21个", "17个"))
    assert engine.ask("制造业 数字经济 人才配套 投资多少").text.startswith("329亿元")


def test_each_over_names_no_series_joins_answers_each_on_its_own(engine: Engine) -> None:
    answer = engine.ask("直播电商产业基地和数字时尚创新基地分别落户哪")
    assert answer.kind == "fact" and answer.fact_ids == ("live-ecommerce-industry-base", "digital-fashion-innovation-base")
    assert answer.text.index("未来科技城") < answer.text.index("临平新城")
    assert engine.ask("天下秀和睿熙科技分别投资多少").kind != "fact"  # one of them has no such fact: no half answer
    assert engine.ask("直播电商产业基地和数字时尚创新基地各在哪").fact_ids == answer.fact_ids  # 各, never mended to 个


@pytest.mark.parametrize(("question", "facts"), [
    ("前三季度落地项目总额和三季度双集中各多少", ("first-three-quarters-total", "q3-double-concentration-total")),
    ("优必选董事长和vivo项目负责人分别是谁", ("zhou-jian-who", "li-leheng-who")),  # two names, two roles
])
def test_each_of_two_things_said_in_words_is_asked_on_its_own(engine: Engine, question: str,
                                                             facts: tuple[str, ...]) -> None:
    answer = engine.ask(question)
    assert answer.kind == "fact" and answer.fact_ids == facts


@pytest.mark.parametrize(("question", "facts"), [
    ("数字健康小镇哪天开园，首批引进几个项目", ("digital-health-town-opening", "digital-health-town-first-batch")),
    ("When and where was the national industrial app innovation centre set up?",
     ("industrial-app-center-date", "industrial-app-center")),
    ("天下秀投资多少，估值多少", ("tianxiaxiu-investment", "tianxiaxiu-valuation")),  # 估值 stays with its clause
    # "which ones" names nothing of its own: it asks about the labs the clause before names
    ("How many of Zhejiang's provincial labs does Yuhang host, and which ones?",
     ("yuhang-provincial-labs-count", "yuhang-provincial-labs")),
    # a follow-up naming another thing asks the question before of it
    ("一季度多少？二季度呢", ("q1-double-concentration-total", "q2-double-concentration-total")),
    ("碳纤维项目多少钱，本松新材料那个又是多少", ("carbon-fiber-investment", "bensong-investment")),
    ("How many provincial labs is Zhejiang building, and how many are in Yuhang?",  # filler words only
     ("zhejiang-provincial-labs-count", "yuhang-provincial-labs-count")),
    # what one clause asks of its thing (项目方, 估值) is not asked by the other
    ("天下秀那个项目投多少？项目方估值多少？", ("tianxiaxiu-investment", "tianxiaxiu-valuation")),
    ("数字健康小镇啥时候开园，首批进了几个项目", ("digital-health-town-opening", "digital-health-town-first-batch")),
    # the day one clause names holds for the other: that day's total, not each quarter's
    ("9.29一共签了几个项目，总投资多少", ("q3-signed-projects-count", "q3-double-concentration-total")),
    ("Who published the white paper with the ranking, and on what date?", ("whitepaper-publisher", "whitepaper-date")),
    ("几号开园几号开服", ("digital-health-town-opening", "renhe-rhino-launch")),
    # a question word asks, though "figure" says no kind
    ("What was the Q2 figure, and when was the Q3 event held?",
     ("q2-double-concentration-total", "q3-double-concentration-date")),
    # a name said later is no name of a clause before: the first asks the three categories' total
    ("三类优质项目投资多少？碳纤维一个项目多少", ("q3-quality-projects-investment", "carbon-fiber-investment")),
])
def test_two_questions_in_one_message_are_each_answered(engine: Engine, question: str, facts: tuple[str, ...]) -> None:
    answer = engine.ask(question)
    assert answer.kind == "fact" and answer.fact_ids == facts


def test_a_computed_clause_and_a_fact_clause_are_each_answered_in_order(engine: Engine) -> None:
    """Not the three quarters' sum 1738亿元: the half year is the first clause's, Q3 the second's."""
    answer = engine.ask("上半年合计多少，三季度多少")
    assert answer.kind == "computed" and "1738亿元" not in answer.text
    assert answer.text.index("1182亿元") < answer.text.index("556亿元")
    # a sum asked after a list sums what the list names
    both = engine.ask("制造业和数字经济项目各几个，加起来几个")
    assert both.kind == "computed" and both.text.index("21个") < both.text.index("41个")


def test_a_clause_nothing_answers_leaves_the_message_to_be_read_whole(engine: Engine) -> None:
    """Read whole, the attribute no fact explains declines it, naming what is missing."""
    answer = engine.ask("数字健康小镇首批引进几个项目，创始人是谁")
    assert answer.kind == "declined" and "创始人" in answer.text and "24个" not in answer.text


def test_of_tied_facts_the_one_saying_what_is_asked_answers(engine: Engine) -> None:
    """The same name ties the centre's focus and its founding date; "focused" is said by one."""
    answer = engine.ask("What is the national industrial app innovation centre focused on?")
    assert answer.fact_ids == ("industrial-app-center",) and "9月10日" not in answer.text
    both = engine.ask("国家工业app创新中心成立在哪个新城哪天")  # where and when: one fact each
    assert set(both.fact_ids) == {"industrial-app-center", "industrial-app-center-date"}


def test_a_sum_the_article_states_outright_is_answered_not_refused(engine: Engine) -> None:
    """Summing the big projects would need an approximate figure (超过10亿元), but the article
    states what the signed quality projects add up to."""
    answer = engine.ask("What did the signed quality projects add up to in investment?")
    assert answer.kind == "fact" and answer.fact_ids == ("q3-quality-projects-investment",)
    assert engine.ask("天下秀、本松新材料加起来投资多少").kind == "declined"  # no fact says that sum


def test_a_span_the_article_totals_itself_is_its_own_total_not_a_sum_of_events(engine: Engine) -> None:
    """前三季度累计 is the article's 近1800亿元; naming the events (双集中) sums the three quarters."""
    assert engine.ask("前三季度累计多少").text.startswith("近1800亿元")
    assert engine.ask("前三季度双集中累计多少").text.startswith("1738亿元")


def test_a_mean_of_the_quarters_is_written_with_one_decimal(engine: Engine) -> None:
    assert engine.ask("三个季度平均每季度多少亿").text.startswith("579.3亿元")  # 1738 / 3 = 579.33…


def test_a_share_of_a_quarters_total_is_of_its_series_member(engine: Engine) -> None:
    """三季度总投资 ties the event's 556亿元 and the signed categories' 329亿元: as a whole it is the
    quarter's own total, the series member (the 329亿元 is a part of it)."""
    answer = engine.ask("三类优质项目投资占三季度总投资的多少")
    assert answer.kind == "computed" and answer.text.startswith("59.2%")
    assert engine.ask("三季度占前三季度双集中总投资的比例").text.startswith("32.0%")  # 三季度 before 占: the part
    assert "%" in engine.ask("What percentage of the Q3 quality projects were manufacturing projects?").text


def test_a_share_of_one_figure_in_another_is_computed_from_the_two_facts(engine: Engine) -> None:
    """60亿元 of the signed quality projects' 329亿元: two facts of one unit, no series."""
    answer = engine.ask("天下秀投资占那329亿的比例？")
    assert answer.kind == "computed" and answer.text.startswith("18.2%")
    assert answer.fact_ids == ("tianxiaxiu-investment", "q3-quality-projects-investment")
    # 三季度总投资 is the quarter's own total (556亿元), not the 329亿元 of some of its parts
    assert engine.ask("天下秀一个项目占三季度总投资的百分之几").text.startswith("10.8%")


@pytest.mark.parametrize(("question", "head"), [
    ("浙江省级实验室里余杭占了百分之几", "75%"),  # the whole first, 里 before the part
    ("天下秀网红城市投资额相当于它估值的百分之几", "60%"),  # 它估值 names an aspect, and borrows 天下秀
    ("碳纤维项目占三类项目总投资的百分比", "9.1%"),  # borrowing 碳纤维 would find the part again: its own words
    ("Share of Q1 in the three-quarter double-concentration total?", "33.5%"),  # share of X in Y: X is the part
])
def test_shares_said_every_way_are_computed(engine: Engine, question: str, head: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "computed" and answer.text.startswith(head)


def test_an_english_question_asking_two_kinds_joined_by_and_answers_both(engine: Engine) -> None:
    both = engine.ask("Q3 event date and total investment?")
    assert both.kind == "fact" and "9月29日" in both.text and "556亿元" in both.text
    one = engine.ask("How much did the signing and groundbreaking event bring in?")  # one thing, asked once
    assert one.kind == "fact" and one.fact_ids == ("q3-double-concentration-total",)


def test_each_of_two_sides_one_naming_a_time_is_answered(engine: Engine) -> None:
    """今年以来 names the side's time (no slot of its own): each side is asked, no sum is made."""
    answer = engine.ask("今年以来落地项目总额和三季度双集中各多少")
    assert answer.kind == "fact" and "近1800亿元" in answer.text and "556亿元" in answer.text


def test_the_members_of_one_kind_a_list_names_are_declined(engine: Engine) -> None:
    """The list names MCN机构 as one kind of firm; which firms they are it never says."""
    answer = engine.ask("余杭已落地的MCN机构具体有哪几家")
    assert answer.kind == "declined" and "MCN机构" in answer.text
    listed = engine.ask("余杭落地的直播产业链企业有哪些")  # the list itself is answered
    assert listed.kind == "fact" and "直播平台" in listed.text


def test_a_clause_pointing_back_asks_of_what_the_clause_before_counted(engine: Engine) -> None:
    """那批 after a count of 58 projects: those 58 (329亿元), not the 556亿元 of the day the first clause says."""
    answer = engine.ask("9月29号签了多少个项目，那批优质项目总投资多少")
    assert answer.kind == "fact" and "58个" in answer.text and "329亿元" in answer.text and "556" not in answer.text


@pytest.mark.parametrize("question", ["前三季度双集中投资合计昧平方公里大约多少亿", "前三季度双集中投资合计平方公里多少亿"])
def test_a_sum_of_amounts_asked_per_area_is_declined(engine: Engine, question: str) -> None:
    """平方公里 asks per area (每 mistyped or left out): the three quarters' 1738亿元 had been answered."""
    answer = engine.ask(question)
    assert answer.kind == "declined" and "1738" not in answer.text and "平方公里" in answer.text


def test_which_paper_a_rank_comes_from_asks_the_paper_not_the_rank(engine: Engine) -> None:
    """排名 names a rank; 出自哪个/哪份 asks which source it comes from (it had been declined)."""
    answer = engine.ask("排名出自哪个白皮书")
    assert answer.kind == "fact" and "2020年中国城区高质量发展白皮书" in answer.text and "第七位" not in answer.text


def test_a_whole_tied_between_two_totals_is_the_one_its_part_is_said_of(engine: Engine) -> None:
    """优质项目总投资 ties the three categories' 329亿元 and the events' 556亿元; the carbon-fibre
    project's 30亿元 is said, in its paragraph, of the 329亿元 (其中，仅…就达30亿元)."""
    answer = engine.ask("碳纤维航空结构件项目占优质项目总投资的比重")
    assert answer.kind == "computed" and answer.text.startswith("9.1%")
    named = engine.ask("碳纤维项目占三季度双集中总投资的比例")  # the events' total named: 556亿元
    assert named.kind == "computed" and named.text.startswith("5.4%")


def test_a_side_of_a_share_is_the_one_figure_among_its_tied_facts(engine: Engine) -> None:
    """天下秀项目 ties its investment, business and owner: only the investment is a figure; the
    whole names its quarter, so it borrows no name from the part."""
    answer = engine.ask("天下秀项目占三季度双集中总投资的比例")
    assert answer.kind == "computed" and answer.text.startswith("10.8%")
    english = engine.ask("How many times larger is the Tianxiaxiu project than the carbon fiber one?")
    assert english.kind == "computed" and english.text.startswith("2倍")  # "how many times" asks no count


@pytest.mark.parametrize(("question", "head"), [
    ("浙江省级实验室里不在余杭的还有几个", "1个"),  # 4个 − 其三; 余杭 alone is the labs of 余杭
    ("三季度双集中556亿里面，除了58个优质项目的329亿，剩下多少", "227亿元"),  # the 329亿, not the 58个
    ("三季度556亿里，除掉三类优质项目的329亿，还剩多少", "227亿元"),
    ("浙江那几个省级实验室有几个不在余杭", "1个"),  # not the three that are
    ("在不在 浙江省级实验室里不在余杭的还有几个", "1个"),  # 在不在 is chat, the second 不在 the question
])
def test_what_is_left_of_one_figure_without_another_is_computed(engine: Engine, question: str, head: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "computed" and answer.text.startswith(head)


def test_a_difference_of_two_facts_no_series_joins_is_computed_from_their_figures(engine: Engine) -> None:
    """天下秀's valuation and its project's investment are of no one series: each side names one figure."""
    answer = engine.ask("天下秀估值比这次项目投资额多多少")
    assert answer.kind == "computed" and answer.text.startswith("100亿元比天下秀网红城市项目多40亿元")
    assert engine.ask("二季度比一季度多多少").text.startswith("第二季度比第一季度多18亿元")  # a series' members


def test_how_many_times_one_figure_is_another_is_computed_from_the_two_facts(engine: Engine) -> None:
    """投资 names nothing: it is 天下秀's, the name the other side says."""
    answer = engine.ask("天下秀估值是投资的几倍")
    assert answer.kind == "computed" and answer.text.startswith("1.67倍")
    assert answer.fact_ids == ("tianxiaxiu-valuation", "tianxiaxiu-investment")


@pytest.mark.parametrize(("question", "head"), [("白皮书发布到三季度双集中中间隔几天？", "19天"),
                                                ("数字健康小镇开园到9月29号双集中隔了几天", "30天"),
                                                ("阿里仁和数据中心开服距离双集中多少天", "13天"),  # 和 in a name
                                                ("8月30日到9月10日几天", "11天"),  # two facts say 9月10日: one date
                                                ("How many days between the white paper and the signing?", "19天")])
def test_days_between_two_dated_facts_are_counted(engine: Engine, question: str, head: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "computed" and answer.text.startswith(head)


def test_days_between_two_named_ends_are_theirs_and_the_articles_own_count_answers_the_rest(engine: Engine) -> None:
    """8月30日 to 9月16日 is 17 days apart (the article's 18天之内 counts both ends); asked without
    two dated ends, the three hits took the article's 18天之内."""
    answer = engine.ask("数字健康小镇开园到犀牛智造启用隔了几天")
    assert answer.kind == "computed" and answer.text.startswith("17天")
    assert engine.ask("三连击用了几天").text.startswith("18天")


def test_a_header_counting_the_facts_states_no_figure_of_the_article(engine: Engine) -> None:
    """文章里有4个相关的事实 read like the article's 4个 (Zhejiang's labs)."""
    figures = figure_texts(engine.knowledge)
    assert not [f for n in range(2, 10) for lang in ("zh", "en") for f in figures if f in t("several", lang, n=n)]


def test_what_happened_on_a_day_is_every_event_of_that_day(engine: Engine) -> None:
    assert set(engine.ask("9月10日发生了什么?").fact_ids) == {"whitepaper-date", "industrial-app-center-date"}
    assert engine.ask("9月10日发布了什么").fact_ids == ("whitepaper-date",)  # 发布: the white paper's word


def test_in_which_organisation_asks_a_name_and_in_which_park_a_place(engine: Engine) -> None:
    assert engine.ask("清华的戴琼海院士在哪个实验室当首席科学家").fact_ids == ("zhuoxi-lab-chief-scientist",)
    assert engine.ask("三季度双集中活动在哪个会场举行的").kind == "declined"  # a venue: not its date


def test_what_does_x_do_asks_what_it_is_not_its_figures(engine: Engine) -> None:
    answer = engine.ask("What does Tianxiaxiu do, and how much is it investing?")
    assert {"tianxiaxiu-business", "tianxiaxiu-investment"} <= set(answer.fact_ids)


def test_a_near_miss_carrying_no_figure_is_answered(engine: Engine) -> None:
    """What the one-window service covers: no number can be wrong in it; an attribute its fact
    does not explain still declines (睿熙科技's business: the article only lists it)."""
    answer = engine.ask("一窗通办包括哪些")
    assert answer.kind == "fact" and answer.fact_ids == ("one-window-service",)
    assert engine.ask("睿熙科技主营什么").kind == "declined"


def test_a_bare_how_much_asks_a_figure_not_a_text(engine: Engine) -> None:
    """落地率是多少: the article speaks of raising it, and gives no rate."""
    answer = engine.ask("余杭项目落地率是多少")
    assert answer.kind == "declined" and "落地率" in answer.text
    assert engine.ask("余杭三季度总投资是多少").text.startswith("556亿元")


def test_a_near_miss_naming_the_facts_aspect_is_answered(engine: Engine) -> None:
    """位次提升 is 前移: the rise in places, though 排名 words ask for a rank."""
    assert engine.ask("今年余杭百强区位次提升了多少").text.startswith("5位")


def test_each_of_a_list_is_given_not_their_sum(engine: Engine) -> None:
    """三类 may ask for the sum; 各几个 asks for each."""
    assert engine.ask("制造业、数字经济、人才配套三类项目各几个").text.startswith("制造业 20个；数字经济 21个；人才配套类 17个")


@pytest.mark.parametrize(("question", "head"), [("数字经济和制造业哪个多", "最多的是数字经济 21个"),
                                                ("制造业和人才配套哪个少", "最少的是人才配套类 17个")])
def test_which_of_the_named_is_more_compares_them(engine: Engine, question: str, head: str) -> None:
    assert engine.ask(question).text.startswith(head)
    assert engine.matcher.understand("涿溪实验室在哪个小镇").op is None  # 小镇 is a town, not "smaller"


def test_a_number_no_quarter_was_read_from_keeps_the_whole_series_out(engine: Engine) -> None:
    """二三几度 is 二三季度 with 季 mistyped: not all three quarters."""
    answer = engine.ask("二三几度双集中合计")
    assert "1738" not in answer.text
    assert engine.ask("双集中合计多少").text.startswith("1738亿元")


def test_a_sum_of_fewer_members_than_the_question_says_is_declined(engine: Engine) -> None:
    """三类 with 数字经济 mistyped: two categories read, three said; their sum (37个) is no answer."""
    assert engine.ask("制造业数字经几人才配套三类加起来多少个").kind == "declined"
    assert engine.ask("制造业数字经济人才配套三类加起来多少个").text.startswith("58个")


def test_a_sum_of_more_members_than_the_events_said_is_declined(engine: Engine) -> None:
    """上班年两次 (上半年 mistyped): two events said, none named, so all three quarters were summed."""
    assert "1738" not in engine.ask("上班年两次双集中总投资合计多少").text
    assert engine.ask("上半年两次双集中总投资合计多少").text.startswith("1182亿元")


def test_a_comparison_nothing_computes_is_not_answered_with_one_figure(engine: Engine) -> None:
    """二季度 compared with a thing no fact names: 600亿元 alone compares nothing. (一集度, 一季度 with
    its 季 mistyped into a word, is mended by its sound: the difference is computed.)"""
    answer = engine.ask("二季度比那次活动多了多少")
    assert answer.kind == "declined" and "600亿元\n" not in answer.text
    assert engine.ask("二季度比一集度多了多少").text.startswith("第二季度比第一季度多18亿元")
    assert engine.ask("今年到现在余杭落地项目投资总额差不多多少").text.startswith("近1800亿元")  # 差不多: no 多多少


def test_typos_around_quarters_never_combine_other_quarters(engine: Engine) -> None:
    # 一季赌: normalizing writes 1季度, 赌 (read du, as 度) is the 度 typed after it: 一季度到三季度
    assert engine.ask("一季赌到三季度双集中加起来多少?").text.startswith("1738亿元")
    assert engine.ask("阡两个季度加起来多少亿").text.startswith("1182亿元")  # 阡 is a mistyped 前
    assert engine.ask("二季椟比一季度多多少").text.startswith("第二季度比第一季度多18亿元")  # 比: those two either way


def test_two_quarters_joined_by_an_unknown_character_are_not_combined(engine: Engine) -> None:
    """纛 may be a mistyped 到 (all three quarters) or 和 (two of them): ask, never sum either."""
    answer = engine.ask("一季度纛三季度加起来多少")
    assert answer.kind == "declined" and "1138" not in answer.text and "1738" not in answer.text
    assert engine.ask("一季度和三季度加起来多少").text.startswith("1138亿元")


def test_a_share_is_answered_with_a_share_never_with_a_count(engine: Engine) -> None:
    """多少哈 mistyped 多少蛤 is mended to 多少个, which asks for a count: still a share question,
    of the province's labs (全省 names nothing itself: it is the other side's labs, of Zhejiang)."""
    answer = engine.ask("好奇问下，余杭的省级实验室占全省的比例多少蛤")
    assert answer.kind == "computed" and answer.text.startswith("75%")
    assert not engine.ask("天下秀占全省的比例多少蛤").text.startswith("其三")


@pytest.mark.parametrize(("question", "figures"), [
    ("一、二、三季度双集中分别是多少", ["582亿元", "600亿元", "556亿元"]),
    ("請問一季度跟二季度雙集中各投資多少", ["582亿元", "600亿元"]),
    ("Q1 vs Q3?", ["582亿元", "556亿元"]),
])
def test_quarters_listed_each_way_are_each_answered(engine: Engine, question: str, figures: list[str]) -> None:
    answer = engine.ask(question)
    assert answer.kind == "computed" and all(f in answer.text for f in figures)
    assert len(answer.fact_ids) == len(figures)


@pytest.mark.parametrize("question", ["最后一张图片说明是啥", "最后那张图片是什么", "What does the last photo caption say?"])
def test_the_last_photo_is_the_articles_last(engine: Engine, question: str) -> None:
    assert engine.ask(question).fact_ids == ("photo-zhongwang-listing",)


def test_a_which_question_stating_a_figure_gets_the_fact_holding_it(engine: Engine) -> None:
    """6 billion yuan is 60亿元: the fact holding it says which project, though it asks an amount."""
    assert engine.ask("Which unicorn is investing 6 billion yuan in Yuhang?").fact_ids == ("tianxiaxiu-investment",)
    assert engine.ask("投资30亿元的是哪个项目").fact_ids == ("carbon-fiber-investment",)


@pytest.mark.parametrize("question", ["余杭自称浙江经济第几区", "除了直播那个，余杭还被称为什么第一区"])
def test_a_title_ranking_the_district_answers_which_first(engine: Engine, question: str) -> None:
    assert "浙江经济第一区" in engine.ask(question).text


def test_a_fall_from_one_quarter_to_another_is_their_difference(engine: Engine) -> None:
    """"total" alone would be a weak sum (1156亿元): "fall from" compares the two."""
    answer = engine.ask("By how much did the Q3 total fall from Q2?")
    assert answer.kind == "computed" and "44亿元" in answer.text.split("\n")[0] and "1156" not in answer.text


def test_a_stated_figure_outside_the_computation_stops_it(engine: Engine) -> None:
    """58个项目合计投资 asks about the 58 projects, not for the quarters' sum (1738亿元)."""
    answer = engine.ask("各位，58个项目合计投资多少啊")
    assert "1738" not in answer.text
    share = engine.ask("制造业项目占58个的百分之多少")  # 58个 is the whole the shares are of
    assert share.kind == "computed" and "34.5%" in share.text


def test_sums_are_exact_decimals() -> None:
    assert fmt(Decimal("1228.41") + Decimal("0.59")) == "1229"
    assert fmt(Decimal("0.1") + Decimal("0.2")) == "0.3"
    assert fmt(Decimal("582") + Decimal("600") + Decimal("556")) == "1738"


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("天下秀和本松项目投资加起来多少", "超过了10亿元"),  # an approximate input is not estimated
        ("三季度双集中总投资加上签约项目个数是多少", "单位"),  # mixed units
        ("一二三四季度双集中加起来多少", "第4季度"),  # a missing quarter
    ],
)
def test_combinations_that_cannot_be_computed_are_declined(engine: Engine, question: str, words: str) -> None:
    answer = engine.ask(question)
    assert not answer.answered
    assert words in answer.text


@pytest.mark.parametrize("message", ["你好", "谢谢", "你能回答什么", "hello", "what can you do"])
def test_smalltalk_gets_a_short_reply(engine: Engine, message: str) -> None:
    answer = engine.ask(message)
    assert answer.kind == "smalltalk" and not answer.answered and answer.text


def test_a_bare_number_one_fact_holds_gets_that_fact(engine: Engine) -> None:
    assert engine.ask("556").fact_ids == ("q3-double-concentration-total",)


@pytest.mark.parametrize(
    ("message", "kind"),
    [("", "empty"), ("   \n\t", "empty"), ("😀🎉👍", "noise"), ("\x00\x01\x02\x7f", "noise"),
     ("x" * 20000, "too_long"), ("\ufffd\ufffd\ufffd", "noise"),
     ("1", "noise"), ("3", "noise")],  # a lone number asks nothing (typed where no choice was offered)
)
def test_bad_input_gets_a_clear_reply(engine: Engine, message: str, kind: str) -> None:
    answer = engine.ask(message)
    assert answer.kind == kind and not answer.answered
    assert answer.text.strip()


def test_english_question_gets_english_answer_with_the_articles_figure(engine: Engine) -> None:
    answer = engine.ask("How much was invested in Yuhang's Q3 double-concentration event?")
    assert answer.lang == "en"
    assert "556亿元" in answer.text and "billion" in answer.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300) | st.binary(max_size=200).map(lambda b: b.decode("utf-8", "replace")))
def test_any_text_gets_a_reply_and_no_crash(engine: Engine, text: str) -> None:
    answer = engine.ask(text)
    assert answer.text.strip()
    assert answer.answered == bool(answer.fact_ids)
    if answer.answered:
        assert answer.sources


@pytest.mark.parametrize(("question", "figure"), [
    ("Q3 total as a percentage of Q2's?", "92.7%"),  # one member of the other, not of their sum (48.1%)
    ("二季度占一季度的百分之几", "103.1%"),  # members of a series are no parts: over 100% is an answer
    ("天下秀项目方估值比它在余杭这个项目的投资额高多少", "40亿元"),  # 它: the other side's thing
    ("58个签约项目除了数字经济类的，还有几个", "37个"),
    ("三季度556亿里减掉那58个优质项目的329亿，还剩多少", "227亿元"),
    ("浙江在建的4个省级实验室里有几个不在余杭", "1个"),  # the 4个 is the whole's, not 余杭's
    ("天下秀这一个项目占三季度双集中总投资的比例有多大", "10.8%"),  # 这一个 states no figure
    ("By what percent did Q2's double-concentration total exceed Q1's?", "3.1%"),
])
def test_two_figures_are_combined_as_the_question_words_it(engine: Engine, question: str, figure: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "computed" and figure in answer.text.splitlines()[0]


def test_an_amount_is_shared_over_the_items_it_totals(engine: Engine) -> None:
    """329亿元 is the total of the 20 + 21 + 17 quality projects: an average per project is computed."""
    answer = engine.ask("三季度签约的优质项目平均每个投资多少亿")
    assert answer.kind == "computed" and answer.text.startswith("5.67亿元")
    assert "(制造业 20个 + 数字经济 21个 + 人才配套类 17个)" in answer.text


@pytest.mark.parametrize("question", [
    "一季度双集中平均每个项目投资多少",  # a total is no average: Q1's projects are not counted
    "二季度签约项目比三季度多几个",  # counts asked: no difference of two amounts
    "二季度双集中矿一季度增涨了百分之几",  # 比 lost to a typo: of their sum, or of the other? never X/(X+Y)
    "明年一季度双集中计划投资多少",  # a year the article does not cover
])
def test_a_question_nothing_answers_as_asked_gets_no_figure(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.answered
    assert not re.search(r"\d+(?:\.\d+)?(?:亿元|个|%)", answer.text.split("\n")[0])


def test_a_weak_sum_leads_with_each_figure(engine: Engine) -> None:
    """"Q1 and Q2 totals" may ask each figure or their sum: the first line gives both."""
    first = engine.ask("Q3 total and Q1 total please").text.splitlines()[0]
    assert "556亿元" in first and "582亿元" in first and "1138亿元" in first


def test_a_clause_with_a_time_of_its_own_borrows_no_other(engine: Engine) -> None:
    answer = engine.ask("三季度双集中哪天办的，今年以来落地项目投资总额多少")
    assert "9月29日" in answer.text and "近1800亿元" in answer.text and "329亿元" not in answer.text


def test_a_quarters_total_is_its_own_not_a_total_of_some_of_its_parts(engine: Engine) -> None:
    answer = engine.ask("三季度总投资")
    assert "556亿元" in answer.text and "329亿元" not in answer.text


def test_a_computation_leaving_out_a_thing_the_question_names_is_not_given(engine: Engine) -> None:
    """天下秀项目粘三季度…的比例 (占 mistyped): Q3's share of the three quarters leaves 天下秀 out."""
    answer = engine.ask("天下秀项目粘三季度双集中总投资的比例")
    assert "32.0%" not in answer.text


@pytest.mark.parametrize(("question", "figures"), [
    ("数字健康小镇首批项目多少个？属于哪个平台", ["24个", "未来科技城"]),  # 哪个 anywhere asks
    ("那个百强区白皮书谁发布的，哪天发的", ["赛迪顾问", "9月10日"]),  # 哪天发的 asks of the 白皮书
    # the second clause names its own thing (Yuhang's live-streaming firms): not the first one's town
    ("How many projects came in the first batch at Digital Health Town, and how many live-streaming chain "
     "companies have landed in Yuhang?", ["24个", "超过60家"]),
])
def test_each_clause_is_answered_about_what_it_names(engine: Engine, question: str, figures: list[str]) -> None:
    answer = engine.ask(question)
    assert answer.answered and all(f in answer.text for f in figures)


@pytest.mark.parametrize(("question", "head"), [
    ("What fraction of the Q3 total does the Tianxiaxiu project alone represent?", "10.8%"),
    ("How much of the Q3 556亿元 is not covered by the 329亿元 of quality projects?", "227亿元"),
    ("58个项目里除了制造也的还有几个", "38个"),  # 制造也: 制造业, the one name of its sound (not 制造类)
    ("三季度556亿元里扣掉那329亿元优质项目 还剩多少", "227亿元"),  # 扣掉 takes away: not the 556亿元 stated
])
def test_shares_and_remainders_worded_otherwise_are_computed(engine: Engine, question: str, head: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "computed" and answer.text.startswith(head)


def test_an_english_question_quoting_a_chinese_figure_is_answered_in_english(engine: Engine) -> None:
    answer = engine.ask("How much of the Q3 556亿元 is not covered by the 329亿元 of quality projects?")
    assert answer.lang == "en" and "computed from the article" in answer.text


def test_days_after_one_event_until_another_are_counted(engine: Engine) -> None:
    answer = engine.ask("阿里仁和数据中心启用后过了几天开的三季度双集中")
    assert answer.kind == "computed" and answer.text.startswith("13天")


@pytest.mark.parametrize(("question", "head"), [
    ("QoQ growth from Q1 to Q2, in percent?", "Q2 (第二季度) is 3.1% higher"),  # from Q1: the earlier is the base
    ("从一季度到二季度增长了百分之几", "第二季度比第一季度多3.1%"),
    ("Add up the three quarters for me", "1738亿元"),  # the three quarters: Q1-Q3, not the three categories
    ("What share of the three quarters' total came in Q3?", "32.0%"),  # Q3 said once more: the part
])
def test_quarters_said_as_a_span_are_combined_in_time_order(engine: Engine, question: str, head: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "computed" and answer.text.startswith(head)


def test_which_quarter_asks_over_the_series_of_quarters(engine: Engine) -> None:
    answer = engine.ask("Which quarter was the strongest and what was the figure?")
    assert answer.kind == "computed" and "600亿元" in answer.text.splitlines()[0]


@pytest.mark.parametrize("question", ["余杭前移5位之前在百强区排第几", "前移5位之前 余杭原来排第几",
                                      "Yuhang moved up 5 places to its current rank on the top-100 list. What was its previous rank?"])
def test_a_rank_before_the_move_the_article_gives_is_computed(engine: Engine, question: str) -> None:
    """第七位 after 前移5位: 第十二位 before."""
    answer = engine.ask(question)
    assert answer.kind == "computed" and "第十二位" in answer.text.splitlines()[0]


def test_a_rank_that_did_not_move_has_no_rank_before(engine: Engine) -> None:
    """全省第一 stands beside 前移5位 in its paragraph, but the move is the 第七位's."""
    assert not engine.ask("余杭在浙江之前排第几").answered


@pytest.mark.parametrize("question", ["9月10号发生了哪两件事", "What two things happened on 9.10?"])
def test_what_happened_on_a_day_however_many_things_are_asked(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered and {"whitepaper-date", "industrial-app-center-date"} <= set(answer.fact_ids)


@pytest.mark.parametrize(("question", "date"), [("数字健康小镇那天开园的", "8月30日"), ("犀牛智造那天启用的", "9月16日")])
def test_a_mistyped_which_day_before_the_last_verb_asks_when(engine: Engine, question: str, date: str) -> None:
    """那天 for 哪天: the date, not every fact of the town (its 24个, the 18天)."""
    answer = engine.ask(question)
    assert answer.text.startswith(date) and "24个" not in answer.text


@pytest.mark.parametrize(("question", "head"), [("浙江省级实验室里不再余杭的还有几个", "1个"),  # 不再 for 不在
                                               ("余杭一鸡髑双集中投资多少", "582亿元")])  # 季 and 度 both mistyped
def test_typos_in_a_remainder_or_a_quarter_keep_what_is_asked(engine: Engine, question: str, head: str) -> None:
    assert engine.ask(question).text.startswith(head)


@pytest.mark.parametrize(("question", "head"), [("老哥 余杭区多大面积来着", "1228.41平方公里"),
                                               ("谢谢 再问一句 那个百强区白皮书是几月几号发的", "9月10日")])
def test_chat_around_a_question_is_filler(engine: Engine, question: str, head: str) -> None:
    assert engine.ask(question).text.startswith(head)


@pytest.mark.parametrize("question", ["每年流入杭州的人才总数是多少",  # 总数 asks a count: 一半 is no answer
                                      "Which district came first in the 2020 China Top 100 Districts list?"])
def test_what_the_article_leaves_out_is_declined(engine: Engine, question: str) -> None:
    assert not engine.ask(question).answered


def test_a_quarter_named_but_not_read_is_no_question_about_every_quarter(engine: Engine) -> None:
    """仟三季度 (前 typed by its sound as the numeral 仟): read as no quarter it was summed over all
    three (1738亿元); its sound before 三季度 says 前, the first three quarters."""
    answer = engine.ask("想问下余杭今年仟三季度一共落地了多少亿的项目哈")
    assert answer.text.startswith("近1800亿元") and "1738" not in answer.text
    assert engine.ask("前三季度双集中平均一个季度多少亿").answered  # a number of quarters is no quarter named


def test_a_lone_typo_of_a_one_character_operation_word_is_read_as_it(engine: Engine) -> None:
    """裨 between two words reads bi: 比, so Q2 grew 3.1% on Q1; 盏 reads zhan: 占, a share."""
    assert engine.ask("二季度双集中裨一季度增涨了百分之几").text.startswith("第二季度比第一季度多3.1%")
    assert engine.ask("天下秀项目投资盏三季度总投资多少").text.startswith("10.8%")


def test_an_average_of_the_one_amount_stated_is_shared_over_its_items(engine: Engine) -> None:
    """329亿元 is stated, and only the three categories' total holds it: 329亿元 ÷ 58个."""
    assert engine.ask("329亿元平均到每个优质项目是多少").text.startswith("5.67亿元")


def test_an_average_over_items_is_matched_without_its_averaging_words(engine: Engine) -> None:
    """No phrasing says 平均每个: weighed without it, 那三类项目…投资 is the 329亿元 of 58 projects.
    Only there: a mean per quarter is no mean of the categories' project counts."""
    assert engine.ask("那三类项目平均每个投资多少").text.startswith("5.67亿元")
    assert "个" not in engine.ask("Average per quarter across Q1-Q3?").text.splitlines()[0]


def test_a_near_miss_alone_holding_the_figure_stated_says_what_has_it(engine: Engine) -> None:
    """投了582亿元的是几季度 asks what has 582亿元, which only Q1's total holds; asking for a kind of
    answer (谁) the fact does not give stays declined."""
    reply = engine.ask("投了582亿元的是几季度")
    assert reply.kind == "fact" and reply.text.startswith("582亿元") and "一季度" in reply.text
    assert engine.ask("582亿元是谁投的").kind == "declined"


def test_a_typo_reading_as_a_question_word_splits_no_clause(engine: Engine) -> None:
    """双几中 is 双集中 mistyped: its 几 asks nothing, so Q3 双几中 金额 is one question (it had been
    answered with Q3's date and project count beside its 556亿元)."""
    reply = engine.ask("Q3 双几中 金额")
    assert reply.text.startswith("556亿元") and "9月29日" not in reply.text and "58个" not in reply.text


def test_this_project_on_one_side_is_the_other_sides_project(engine: Engine) -> None:
    """这个项目 in 比它在余杭这个项目的投资额 is 天下秀's: not 余杭's Q3 total (its 它 mistyped, 余杭 had
    made the side one of its own: 100亿元比第三季度少456亿元)."""
    assert engine.ask("天下秀项目方估值比鳎在余杭这个项目的投资额高多少").text.startswith("100亿元比天下秀网红城市项目多40亿元")


def test_investment_summed_in_words_asks_an_amount(engine: Engine) -> None:
    """投资合计多少 asks an amount: the 20 manufacturing projects' investment is not in the article,
    and their count (20个) answers nothing asked."""
    assert engine.ask("三季度20个制造业项目投资合计多少").kind == "declined"
    assert engine.ask("三类项目投资合计多少").text.startswith("329亿元")


def test_colloquial_words_for_the_province_and_first_place(engine: Engine) -> None:
    """省里 and 省内 are 全省, 老大 is 第一 (lexicon synonyms)."""
    assert engine.ask("想问下余杭在省里是不是还是老大哈").text.startswith("全省第一")
    assert engine.ask("省内第几").text.startswith("全省第一")


def test_hearsay_around_a_question_is_filler(engine: Engine) -> None:
    """同事说…对吗 checks a claim: the words around it say nothing of which fact (the 5 is the claim's)."""
    assert engine.ask("同事说余杭在百强区排第5，对吗").text.startswith("第七位")


def test_an_ipo_is_the_listing_a_caption_shows(engine: Engine) -> None:
    """ipo is a synonym of listing: the caption's fact explains it; a fact without a listing does not."""
    assert "Zhongwang" in engine.ask("One photo shows a bell-ringing IPO. Which company?").text.splitlines()[0]
    assert engine.ask("What is Tianxiaxiu's IPO date?").kind == "declined"


@pytest.mark.parametrize(("question", "first_line"), [
    ("三季度比上半年季度平均少多少", "第三季度比第一季度、第二季度平均少35亿元"),
    ("上半年双集中比三季度多多少", "第一季度、第二季度合计比第三季度多626亿元"),
    ("How much less was Q3 than the average of Q1 and Q2?", "Q3 (第三季度) is 35亿元")])
def test_one_quarter_against_two_taken_together(engine: Engine, question: str, first_line: str) -> None:
    """One side names one quarter, the other two, taken as their mean (平均) or sum (上半年 is 1、2季度合计)."""
    assert engine.ask(question).text.startswith(first_line)


def test_one_quarter_against_two_not_said_how_to_take_is_not_computed(engine: Engine) -> None:
    """三季度比一二季度少多少: their sum, their mean, or each? Nothing says: no figure."""
    reply = engine.ask("三季度比一二季度少多少")
    assert reply.kind != "computed" and "亿元" not in reply.text.splitlines()[0]


def test_a_clause_tied_between_facts_takes_the_one_the_clause_before_speaks_of(engine: Engine) -> None:
    """哪天发的 alone ties the white paper's day and 李乐恒's speech day; after 白皮书谁发布的 it is the
    white paper's (9月29日, the speech's, had been given beside it)."""
    reply = engine.ask("哪个百强区白皮书谁发布的，哪天发的")
    assert "9月10日" in reply.text and "9月29日" not in reply.text


def test_a_total_the_article_states_answers_a_sum_said_in_other_words(engine: Engine) -> None:
    """combined is the operation's word, no fact's, and those is filler: the 329亿元 the article
    states for the quality projects answers their combined investment (summing the projects named
    with investments, some of them approximate, would not)."""
    assert engine.ask("Combined investment of those quality projects?").text.startswith("329亿元")
    assert engine.ask("What was the combined investment of those three categories?").text.startswith("329亿元")


def test_topped_before_a_figure_asks_no_rank(engine: Engine) -> None:
    """"topped" asks who came first (an attribute the article lacks), but "topped 1 billion" is
    "was over": not declined as an unexplained "topped"."""
    assert "“topped”" in engine.ask("Which district topped the ranking?").text
    assert "“topped”" not in engine.ask("Which new-materials project topped 1 billion yuan?").text


@pytest.mark.parametrize("question", ["MCN这些直播企业落地几家了", "搞直播产业的企业在余杭落地的数量"])
def test_live_streaming_firms_in_other_words(engine: Engine, question: str) -> None:
    """直播企业 and 直播产业的企业 are the article's 直播产业链企业 (lexicon synonyms)."""
    assert engine.ask(question).text.startswith("超过60家")


def test_a_count_asked_within_a_count_the_question_says_is_not_that_count(engine: Engine) -> None:
    """60多家直播企业里MCN机构有几家: the 60家 is the question's premise; the article does not count the
    MCN agencies among them. Asking whether it is over 60 is still answered."""
    assert engine.ask("60多家直播企业里MCN机构有几家").kind == "declined"
    assert engine.ask("余杭落地的直播电商企业超过60家了吗").text.startswith("超过60家")


def test_the_one_fact_of_the_day_named_and_the_kind_asked_is_weighed_as_a_near_miss(engine: Engine) -> None:
    """No phrasing says 8月30号, the digital health town's fact holds it as a slot: its words say the
    rest of the question, so it answers; a question its words do not say (多少人参加) stays declined."""
    assert engine.ask("8月30号首批引进了多少个项目").text.startswith("24个")
    assert engine.ask("8月30号有多少人参加").kind == "declined"


@pytest.mark.parametrize(("question", "first_line"), [
    ("嗨 问个事 一季度双集中是600亿吧？", "582亿元"),
    ("好像人才配套类项目是15个？帮我确认下", "17个"),
])
def test_a_figure_checked_asks_that_figure(engine: Engine, question: str, first_line: str) -> None:
    """The figure a user checks (是600亿吧) is the claim, not a word the fact must explain: the
    article's figure answers, the one checked is not repeated as if it were right."""
    answer = engine.ask(question)
    assert answer.text.splitlines()[0] == first_line
    assert "600亿" not in answer.text and "15个" not in answer.text


def test_a_share_said_as_a_percentage_of_the_other(engine: Engine) -> None:
    assert engine.ask("三季度双集中金额相当于二季度的百分之多少").text.startswith("92.7%")


def test_rose_by_is_an_operation_word_not_a_typo(engine: Engine) -> None:
    """涨 was mended into 长 (same sound), and the percentage asked was lost."""
    assert "3.1%" in engine.ask("2季度双集中比1季度涨了百分之多少").text.splitlines()[0]
    assert "18亿元" in engine.ask("二季度比一季度涨了多少").text.splitlines()[0]


@pytest.mark.parametrize(("question", "first_line"), [
    ("Which project is worth 6 billion yuan?", "60亿元"),
    ("What share of Q3's 556 billion yuan is the Tianxiaxiu project?", "10.8%"),
])
def test_a_figure_an_english_question_states(engine: Engine, question: str, first_line: str) -> None:
    """'worth' before a figure asks what has it (it had been answered with the 329亿元 total), and
    556 billion, which no fact holds, is the article's 556亿 written with billion for 亿."""
    assert engine.ask(question).text.startswith(first_line)


def test_a_summing_clause_borrows_no_single_name(engine: Engine) -> None:
    text = engine.ask("人才配套类项目几个，三类优质项目总投资多少").text
    assert "17个" in text and "329亿元" in text


def test_a_clause_asking_with_words_of_its_own_is_no_follow_up(engine: Engine) -> None:
    text = engine.ask("优必选董事长是谁，他说要在余杭重点开发啥").text
    assert "周剑" in text and "人工智能" in text


@pytest.mark.parametrize(("question", "said", "not_said"), [
    ("9月10号那天除了白皮书还有啥事", "国家工业app创新中心", "赛迪顾问"),
    ("What happened on 9-10 besides the white paper release?", "Industrial App", "CCID"),
    ("除了天下秀还有哪些直播电商项目", "魔筷科技", None),
    ("余杭关键产业推进机制除了一个项目一名领导还有啥", "一张作战图", None),
])
def test_besides_what_the_user_knows(engine: Engine, question: str, said: str, not_said: str | None) -> None:
    """The thing after 除了/besides is known: a fact about it alone is not the answer, a fact
    naming others beside it, or a list holding it among others, is."""
    text = engine.ask(question).text
    assert said in text
    assert not_said is None or not_said not in text


def test_a_quarter_typed_as_qian_in_traditional_characters(engine: Engine) -> None:
    """乾 before a number is 前 typed by its sound; OpenCC would make it 干 and lose 前."""
    assert engine.ask("餘杭乾三季度落地項目總投資多少億").text.startswith("近1800亿元")


def test_a_figure_in_another_currency_is_declined(engine: Engine) -> None:
    assert engine.ask("天下秀估值折合多少美元").kind == "declined"


@pytest.mark.parametrize(("question", "said"), [
    ("老板让我查一下余杭今年以来落地项目投资一共多少，麻烦了", "近1800亿元"),
    ("老板问余杭想打造全国什么第一区，帮我看下", "直播"),
])
def test_the_askers_boss_is_no_chairman(engine: Engine, question: str, said: str) -> None:
    """老板 asking or sending the user is chat around the question, not a project's 董事长."""
    assert said in engine.ask(question).text.splitlines()[0]


def test_a_chairman_asked_as_the_boss(engine: Engine) -> None:
    assert "周剑" in engine.ask("优必选老板叫什么").text


@pytest.mark.parametrize(("question", "said"), [
    ("我在做PPT，余杭有哪三个省级实验室？", "之江实验室"),
    ("犀牛智造是几月几号开始用的", "9月16日"),
    ("文旅综合体项目是哪个镇签的", "瓶窑镇"),
    ("which photo caption is about a stock listing, and which company?", "众望布艺"),
])
def test_other_words_for_what_the_article_says(engine: Engine, question: str, said: str) -> None:
    assert said in engine.ask(question).text


def test_which_one_of_a_kind_the_fact_does_not_name_is_declined(engine: Engine) -> None:
    assert engine.ask("天下秀在哪个村").kind == "declined"


def test_two_clauses_are_judged_without_pairs_across_them(engine: Engine) -> None:
    """多少？前三季度: 少前 is no word of the message, which its answers must say."""
    text = engine.ask("三季度总投资多少？前三季度累计呢？").text
    assert "556亿元" in text and "近1800亿元" in text


@pytest.mark.parametrize(("question", "first_line"), [
    ("58个签约项目总投资多少", "329亿元"),
    ("天下秀60亿占58个签约项目总投资的比例", "18.2%"),
    ("天下秀60亿在那58个签约项目总投资里占多少", "18.2%"),
])
def test_the_58_signed_projects_invest_329(engine: Engine, question: str, first_line: str) -> None:
    """20 + 21 + 17 = 58 quality projects, 329亿元 in all: a question naming the 58 projects asks
    their investment, not the Q3 event's 556亿元 (signing and groundbreaking), nor the count 58个
    (a share's whole that states a count says which projects it is of). 那58个 points at them:
    it is no 哪 (在哪 asks where)."""
    assert engine.ask(question).text.startswith(first_line)


def test_the_q3_event_total_is_still_556(engine: Engine) -> None:
    assert engine.ask("9.29签了几个项目，总投资多少").text.count("556亿元") >= 1
    assert "329亿元" not in engine.ask("9月29号余杭搞了什么活动，投了多少").text


@pytest.mark.parametrize("question", ["What is Huaxin's investment?", "How much is Jinlong investing here?"])
def test_a_chinese_name_no_fact_speaks_of_is_declined(engine: Engine, question: str) -> None:
    """A pinyin name no fact says (Huaxin) is what the question is about: answering with another
    fact's investment would ignore it."""
    assert engine.ask(question).kind == "declined"


def test_an_english_word_is_no_typo_of_a_chinese_name(engine: Engine) -> None:
    """linking was mended into linping (临平), a name the answer then lacked."""
    assert "要素跟着项目走" in engine.ask("What's the motto linking projects, plans and production factors?").text


def test_tianxiu_is_tianxiaxiu(engine: Engine) -> None:
    assert engine.ask("What is Tianxiu's investment?").text.startswith("60亿元")


@pytest.mark.parametrize(("question", "first_line"), [
    ("一季度占前两各季妒的比例是多少", "49.2%"),
    ("天下秀网红城市加碳纤维项目两各一共投多少", "90亿元"),
])
def test_a_mistyped_count_word_or_quarter_ending(engine: Engine, question: str, first_line: str) -> None:
    """两各 is 两个 (no "each" of two things to sum), 季妒 is 季度: left unread, the share was taken of
    all three quarters (33.5%) and the sum listed each project."""
    assert engine.ask(question).text.startswith(first_line)


def test_a_sum_of_two_things_with_one_read_is_declined(engine: Engine) -> None:
    """一季度 typed twice wrong (一嵴都) beside 加二季度: Q2's 600亿元 alone is no sum of the two."""
    assert engine.ask("一嵴都加二季度双集中总共多少").kind == "declined"
    assert engine.ask("一季度加二季度双集中总共多少").text.startswith("1182亿元")


@pytest.mark.parametrize("question", ["平均每个项目投资多少", "Average investment per project across the three quarters?"])
def test_the_quarters_mean_is_no_projects_average(engine: Engine, question: str) -> None:
    """The article counts no projects of the quarters' totals: their mean (579.3亿元) is per
    quarter, never per project."""
    answer = engine.ask(question)
    assert answer.kind == "declined" and "579.3" not in answer.text


def test_the_quarters_mean_per_quarter(engine: Engine) -> None:
    assert engine.ask("三个季度平均每个季度投资多少").text.startswith("579.3亿元")


@pytest.mark.parametrize(("question", "first_line"), [
    ("前三季度双集中总投资多少", "1738亿元"),
    ("Q1-Q3 double concentration total investment?", "1738亿元"),
    ("前三季度累计多少", "近1800亿元"),
    ("余杭前三季度总投资多少", "近1800亿元"),
])
def test_a_span_of_quarters_named_with_the_series_asks_their_sum(engine: Engine, question: str, first_line: str) -> None:
    """近1800亿元 is every project landed this year; 前三季度双集中 names the three events, whose sum
    (with the note that tells the two apart) answers."""
    assert engine.ask(question).text.startswith(first_line)


def test_a_ratio_in_words_is_shown_with_its_percentage(engine: Engine) -> None:
    assert engine.ask("每年流入杭州的人才百分之多少留在余杭").text.startswith("一半 (50%)")


def test_a_clause_saying_nothing_is_no_question_of_its_own(engine: Engine) -> None:
    """在嘛？ (在吗 mistyped) before the question had been answered with a fact of its own (20个)."""
    answer = engine.ask("在嘛？三季度签了几个项目哈")
    assert answer.text.startswith("58个") and "20个" not in answer.text


def test_a_lone_character_read_like_li_between_words_is_li(engine: Engine) -> None:
    """实验室利不在余杭: 利 is 里, or the labs not in Yuhang are read as Yuhang's 其三."""
    assert engine.ask("浙江着重建设的省级实验室利不在余杭的有几个").text.startswith("1个")


def test_each_with_a_verb_before_the_question_word(engine: Engine) -> None:
    text = engine.ask("良渚新城和钱江经济开发区各引了啥项目").text
    assert "掇珍集" in text and "锂电池铝塑膜" in text


def test_a_half_against_a_quarter_is_no_total_of_the_three(engine: Engine) -> None:
    """几杯 (倍 mistyped) leaves 总额 and the 合计 of 上半年 (1、2季度合计): the three quarters' 1738亿元
    answers nothing asked; a sum the question says itself still is one."""
    answer = engine.ask("上半年的双集中总额是三季度的几杯")
    assert answer.kind == "declined" and "1738" not in answer.text
    assert engine.ask("上半年和三季度一共多少").text.startswith("1738亿元")


def test_no_longer_in_yuhang_counts_the_labs_elsewhere(engine: Engine) -> None:
    assert engine.ask("浙江那几个省级实验室有几个不再余杭").text.startswith("1个")


def test_a_mistyped_du_left_after_a_quarter_is_dropped(engine: Engine) -> None:
    """前三季读: normalizing writes 3季 as 3季度, leaving 读 (度 typed by its sound) unexplained; the
    three events' sum was then answered with the article's 近1800亿元."""
    assert engine.ask("前三季读双集中总投资多少").text.startswith("1738亿元")
    assert engine.ask("二季度比一季度多幾個億").text.startswith("第二季度比第一季度多18亿元")


def test_two_dated_things_not_read_apart_are_no_span_of_all_three(engine: Engine) -> None:
    """和/到 mistyped: the two ends were not read apart, and the article's 18天 (all three events)
    had answered a question about two of them. 岛 between two known words is mended into 到."""
    answer = engine.ask("数字健康小镇开园赫国家工业app创新中心成立之间相差几天")
    assert answer.kind == "declined" and not answer.fact_ids  # a suggestion may name the 18天 fact's question
    assert engine.ask("国家工业app创新中心成立岛犀牛智造起用隔几天").text.startswith("6天")


@pytest.mark.parametrize(("question", "first_line"), [
    ("一季度占千两各季度的比例是多少", "49.2%"),
    ("领导让我查一下悭三个季度余杭落地项目总额，大概是多少啊", "近1800亿元"),
])
def test_qian_typed_before_the_first_quarters(engine: Engine, question: str, first_line: str) -> None:
    """千/悭 read as 前 before two or three quarters: left unread, the share had been taken of all
    three quarters (33.5%) and the total summed over them (1738亿元)."""
    assert engine.ask(question).text.startswith(first_line)


@pytest.mark.parametrize(("question", "first_line"), [
    ("跟一季度比，三季度双集中投资降了百分之几", "第三季度比第一季度少4.5%"),
    ("请问相比一季度，三季度双集中降了百分之几", "第三季度比第一季度少4.5%"),
    ("三季度跟一季度比降了百分之几", "第三季度比第一季度少4.5%"),
    ("三季度比一季度降了百分之几", "第三季度比第一季度少4.5%"),
])
def test_a_change_is_measured_against_the_side_compared_with(engine: Engine, question: str, first_line: str) -> None:
    """跟一季度比 makes Q1 the base: it had been taken as Q3 (第一季度比第三季度多4.7%)."""
    assert engine.ask(question).text.startswith(first_line)


def test_a_share_of_two_members_added_is_of_the_series_whole(engine: Engine) -> None:
    """A加B占…: the part is the two together, (20 + 21) ÷ 58; it had been 20 ÷ (20 + 21), 48.8%."""
    assert engine.ask("制造业加数字经济项目占三季度58个签约项目的比重").text.startswith("70.7%")
    assert engine.ask("三季度在三个季度合计里占比多少").text.startswith("32.0%")  # 合计 there is the whole's
    declined = engine.ask("制造业加数字经济项目占全市项目的比例")
    assert declined.kind == "declined" and "70.7%" not in declined.text


@pytest.mark.parametrize(("question", "first_line"), [
    ("国家工业app创新中心成立后几天西牛智造启用", "6天"),
    ("健康小镇开园几天后犀牛智造启用", "17天"),
])
def test_days_after_one_thing_until_another(engine: Engine, question: str, first_line: str) -> None:
    """X成立后几天Y启用 is the gap of the two: it had been the article's 18天 of all three events."""
    assert engine.ask(question).text.startswith(first_line)


def test_a_computed_figure_asked_per_something_no_member_says_is_declined(engine: Engine) -> None:
    """每平方公里: no member says anything per area, so the three quarters' 1738亿元 is no answer."""
    answer = engine.ask("按余杭的面积算，前三季度双集中投资合计每平方公里多少亿")
    assert answer.kind == "declined" and "1738" not in answer.text.split("\n")[0]


def test_another_places_total_is_no_sum_of_yuhangs(engine: Engine) -> None:
    answer = engine.ask("杭州全市三季度一共签约了多少项目")
    assert answer.kind == "declined" and "58" not in answer.text.split("\n")[0]


def test_one_named_things_figure_does_not_win_a_tie_by_its_words(engine: Engine) -> None:
    """三季度签约项目数: 临平新城's 十余个 (its phrasings say 签约项目数) had won over the 58 signed."""
    assert engine.ask("3季度 签约项目数").text.startswith("58个")


def test_a_known_word_of_a_keyword_and_one_more_character_holds_no_typo(engine: Engine) -> None:
    """估之多少: 之多少 is known from 百分之多少, but 估之 is 估值 typed by its sound; it had been answered
    with the investment, 60亿元."""
    assert engine.ask("天下秀估之多少").text.startswith("100亿元")


def test_a_common_verb_is_not_mended_by_another_reading(engine: Engine) -> None:
    """搞 (gao, also read qiao) beside 里 had been mended into 敲 from one pair in some text."""
    assert engine.ask("三季度那次集中签约里搞制造的优质项目几个").text.startswith("20个")


@pytest.mark.parametrize(("question", "first_line"), [
    ("9月29号签约的58个项目投资多少", "329亿元"),
    ("9月29号签约的58个项目平均每个投资多少", "5.67亿元"),
])
def test_a_count_stated_names_the_amount_its_items_total(engine: Engine, question: str, first_line: str) -> None:
    """The 58 signed projects are the three categories' 20 + 21 + 17, whose investment is 329亿元;
    the Q3 event's 556亿元 (signed and started) had answered, and the average was declined."""
    assert engine.ask(question).text.startswith(first_line)


@pytest.mark.parametrize(("question", "first_line"), [
    ("三季度双集中比前三季度的季度平均低多少", "第三季度比第一季度、第二季度、第三季度平均少23.3亿元"),
    ("二季度双集中比三个季度的平均值高多少", "第二季度比第一季度、第二季度、第三季度平均多20.7亿元"),
])
def test_one_quarter_against_the_mean_of_all_three(engine: Engine, question: str, first_line: str) -> None:
    assert engine.ask(question).text.startswith(first_line)


def test_who_said_it_is_answered_by_what_they_said(engine: Engine) -> None:
    answer = engine.ask("谁说项目的土地证顺利办理离不开政府帮扶")
    assert answer.kind == "fact" and "李乐恒" in answer.text


def test_which_ones_asks_of_what_the_clause_before_names(engine: Engine) -> None:
    """余杭有哪几个 after 浙江在建几个省级实验室: Yuhang's labs, not the promotion mechanism's list."""
    answer = engine.ask("浙江在建几个省级实验室，余杭有哪几个")
    assert "之江实验室" in answer.text and "一名领导" not in answer.text


def test_a_day_the_fact_declares_names_its_thing(engine: Engine) -> None:
    """8月30日 says which town's first batch (数字健康小镇's 24个): no penalty for the town unnamed."""
    m = engine.matcher
    first_batch = next(i for i, f in enumerate(m.facts) if f.id == "digital-health-town-first-batch")
    assert not m._of_unnamed(m.understand("8月30号开园的小镇首批几个项目"), first_batch)
    assert m._of_unnamed(m.understand("小镇首批几个项目"), first_batch)


@pytest.mark.parametrize("question", ["前三个季度双集中里最高的一次和最低的一次差多少",
                                      "前三个季度双集中里最高的一次和最低的一刺差多少"])
def test_the_highest_less_the_lowest(engine: Engine, question: str) -> None:
    """600亿元 − 556亿元; with 一刺 (一次 mistyped) it had been read as 依次 and listed all three."""
    assert engine.ask(question).text.startswith("第二季度比第三季度多44亿元")


def test_a_second_clause_is_read_in_the_first_ones_context(engine: Engine) -> None:
    """余杭想打造什么目标 alone reads as 2018年's 全域创新策源地; after a question about the live
    economy it is no longer answered with that year."""
    assert "2018年" not in engine.ask("直播产业链企业落地了多少家？余杭想打造什么目标").text


def test_which_data_centre_is_no_count(engine: Engine) -> None:
    """哪个数据中心 holds 个数 (a count word) across its words: it had asked for a count."""
    assert "count" not in engine.knowledge.lexicon.intents("犀牛智造跟哪个数据中心是同1批启用的")
    answer = engine.ask("犀牛智造跟哪个数据中心是同一批启用的")
    assert answer.kind == "fact" and "阿里仁和数据中心" in answer.text


@pytest.mark.parametrize(("question", "first_line"), [
    ("群里有人说二季度双集中投了600亿，没记错吧", "600亿元"),
    ("直播那块落地了多少家企业？领导开会要讲", "超过60家"),
    ("今天群里转的文章 说余杭蝉联全省第几", "全省第一"),
    ("做PPT用 三季度签约的那58个优质项目总投资是多少", "329亿元"),
    ("你好！我是学生，老师让查余杭区面积是多少，文章里有写吗？", "1228.41平方公里"),  # 老师让查, 文章里有写吗
    ("做直播的朋友看过来！余杭的直播产业链企业落地多少家了", "超过60家"),  # a call to the group is no clause
])
def test_group_chat_around_the_question_is_filler(engine: Engine, question: str, first_line: str) -> None:
    assert engine.ask(question).text.startswith(first_line)


def test_a_close_candidate_explaining_the_attribute_answers(engine: Engine) -> None:
    """项目方 makes the owner's name rank first, but only the business fact says 业务: it had been declined."""
    answer = engine.ask("麻烦看下天下秀这个项目方主攻啥业务")
    assert answer.kind == "fact" and answer.fact_ids == ("tianxiaxiu-business",)


def test_a_span_of_quarters_in_chinese_numerals(engine: Engine) -> None:
    """一到三季度: 一 stayed a numeral, the span was read as Q3 alone (556亿元 as the sum, 107.9% as a share)."""
    assert engine.ask("一到三季度双集中合计多少").text.startswith("1738亿元")
    assert engine.ask("二季度双集中投资占一到三季度总和的比重").text.startswith("34.5%")


def test_a_quarter_on_quarter_change_asked_in_money_is_their_difference(engine: Engine) -> None:
    assert "44亿元" in engine.ask("QoQ change Q3 vs Q2, in bn yuan?").text.split("\n")[0]
    assert "7.3%" in engine.ask("QoQ change Q3 vs Q2?").text.split("\n")[0]


def test_a_difference_said_with_gao_chu(engine: Engine) -> None:
    """高出多少: the valuation less the investment, 40亿元 (它 is 天下秀)."""
    assert "40亿元" in engine.ask("天下秀估值比它在余杭的项目投资额高出多少").text.split("\n")[0]


def test_an_average_over_a_stated_count_is_no_series_mean(engine: Engine) -> None:
    """按329亿元算: the three named projects' series (本松's 超过10亿元) had refused it as approximate."""
    assert engine.ask("三季度签约的58个优质项目按329亿元算 平均每个投资多少").text.startswith("5.67亿元")


def test_questions_listed_with_a_dunhao_are_each_answered(engine: Engine) -> None:
    answer = engine.ask("问三个事：白皮书哪天发的、谁发的、余杭排第几")
    assert {"whitepaper-date", "whitepaper-publisher", "top100-district-rank"} <= set(answer.fact_ids)


def test_an_average_over_the_quarters_spanned(engine: Engine) -> None:
    assert "579.3亿元" in engine.ask("Average per quarter across Q1-Q3?").text.split("\n")[0]


def test_the_gap_between_two_figures_in_english_is_their_difference(engine: Engine) -> None:
    assert "40亿元" in engine.ask("Gap between Tianxiu's valuation and its investment here?").text.split("\n")[0]


@pytest.mark.parametrize("question", ["一稻三季度双集中合计多少", "三季度签约的直造业和数字经济项目一共几个"])
def test_a_sum_of_things_not_all_read_is_declined(engine: Engine, question: str) -> None:
    """到 mistyped left 一 unread before 3季度 (Q3's 556亿元 had been the sum); 制 mistyped left one of
    two things joined by 和 (数字经济's 21个 had been their sum)."""
    answer = engine.ask(question)
    assert answer.kind == "declined" and not answer.fact_ids


def test_square_km_is_square_kilometres(engine: Engine) -> None:
    assert engine.ask("余杭 面积 km²").text.startswith("1228.41平方公里")


def test_the_developer_behind_a_project_is_its_owner(engine: Engine) -> None:
    assert engine.ask("What is the developer behind Tianxiaxiu valued at?").text.startswith("100亿元")


def test_an_average_per_project_of_the_three_categories(engine: Engine) -> None:
    """平均每个项目: 项目 left twice in the form without the averaging words had kept the 329亿元 below the threshold."""
    assert engine.ask("那三类项目平均每个项目多少亿").text.startswith("5.67亿元")


@pytest.mark.parametrize(("question", "first_line"), [
    ("我记得白皮书是9月12日发的？", "9月10日"),
    ("双集中是9月28号办的吧", "9月29日"),
])
def test_a_wrong_day_checked_is_answered_with_the_articles(engine: Engine, question: str, first_line: str) -> None:
    """A day no fact has, said of a thing whose day the article gives: it had been declined as outside
    the article."""
    assert engine.ask(question).text.startswith(first_line)


def test_a_day_no_fact_has_alone_is_still_declined(engine: Engine) -> None:
    assert engine.ask("9月12日发生了什么").kind == "out_of_scope"


def test_the_papers_vivo_got_through(engine: Engine) -> None:
    answer = engine.ask("李乐恒提到哪些手续办得挺顺")
    assert answer.fact_ids == ("vivo-permits",) and "用地规划许可证" in answer.text
    assert engine.ask("vivo这个项目落在余杭哪个板块").kind != "fact"  # the papers say no place


def test_a_common_word_read_another_way_is_not_mended_on_one_window(engine: Engine) -> None:
    """说 reads shui too, and 纳税要跑 of some phrasing holds 税要: 他说要 had become 他税要."""
    assert engine.matcher.mender.mend("他说要推出什么样的解决方案") == "他说要推出什么样的解决方案"


def test_pairs_touching_a_question_word_are_said_by_the_answers_kind() -> None:
    from bot.clauses import ASKING_ZH
    from bot.explain import Explanation, said_by

    fact = Explanation(["推出解决方案"])
    assert said_by([fact], "推出什么解决方案") < 1.0  # 出什 and 么解 join the question word to its words
    assert said_by([fact], "推出什么解决方案", ASKING_ZH) == 1.0
    assert said_by([fact], "他说推出解决方案", ASKING_ZH) < 1.0  # 他说 and 说推 are no question's


@pytest.mark.parametrize(("question", "facts"), [
    ("各位早，问一下天下秀那个网红城市项目投资多少，项目方估值又是多少", ("tianxiaxiu-investment", "tianxiaxiu-valuation")),
    ("优必选董事长是谁，他说要推出什么样的解决方案", ("zhou-jian-who", "zhou-jian-ubtech-remarks")),
])
def test_each_clause_of_a_greeting_and_two_questions_is_answered(engine: Engine, question: str,
                                                                  facts: tuple[str, ...]) -> None:
    assert engine.ask(question).fact_ids == facts


def test_which_ones_of_another_place_asks_of_that_place(engine: Engine) -> None:
    """余杭有哪些 after 浙江着重建设几个省级实验室: Yuhang's labs, where it had answered 其三 alone."""
    answer = engine.ask("浙江着重建设几个省级实验室，余杭有哪些")
    assert answer.fact_ids[0] == "zhejiang-provincial-labs-count" and "yuhang-provincial-labs" in answer.fact_ids


@pytest.mark.parametrize(("question", "fact"), [
    ("话说余杭面积有多大啊 孩子作业要用", "yuhang-area"),
    ("老板说要做个PPT，余杭有哪三个省级实验室来着", "yuhang-provincial-labs"),
    ("老师让我们读这篇文章，里面说的“六新”都有哪些", "six-new-fields"),
    ("那个 直播企业余杭现在落地了多少家了 上次听说才50家", "live-industry-chain-companies"),
])
def test_group_chat_asides_around_a_question_are_filler(engine: Engine, question: str, fact: str) -> None:
    assert engine.ask(question).fact_ids == (fact,)


@pytest.mark.parametrize(("question", "fact"), [
    ("天下秀网红城市项目是哪个片区招来的", "zone-linping-new-city-projects"),
    ("张伯礼领衔的智慧健康创新实验室落在哪个片区", "zone-future-sci-tech-city-projects"),
    ("余杭这回在全国百强城区里名次上升了多少", "top100-district-rank-rise"),
])
def test_zones_asked_as_pianqu_and_a_rise_in_places(engine: Engine, question: str, fact: str) -> None:
    """哪个片区 asks where, as 哪个区块 does; 名次上升了多少 asks how many places (前移5位)."""
    assert engine.ask(question).fact_ids == (fact,)


def test_a_day_typed_as_four_digits_with_a_leading_zero() -> None:
    from bot.normalize import normalize

    assert normalize("0916开服的数据中心叫什么").startswith("9月16日")
    assert normalize("编号0916个") == "编号0916个"  # a unit after it: a number


def test_a_speakers_setting_and_last_words_are_in_the_answer(engine: Engine) -> None:
    assert "集中开工现场" in engine.ask("周剑是在什么场合讲的话").text
    assert "集中签约仪式" in engine.ask("李乐恒是谁").text
    assert "高标准推进" in engine.ask("vivo那个负责人说今后面对困难他们会怎么做").text


@pytest.mark.parametrize("question", ["睿熙科技是做什么的", "探境科技是干嘛的", "众望布艺是做什么的"])
def test_what_a_company_only_listed_does_is_declined(engine: Engine, question: str) -> None:
    """The article names them in a list (睿熙科技总部) or a caption: it had answered with that list."""
    answer = engine.ask(question)
    assert answer.kind == "declined" and not answer.fact_ids


@pytest.mark.parametrize(("question", "fact"), [
    ("宅都都是做啥的", "liangzhu-projects-what"),
    ("天下秀是干嘛的", "tianxiaxiu-business"),
    ("周剑是干嘛的", "zhou-jian-who"),
    ("临平那个工业app创新中心是干啥的", "industrial-app-center"),
])
def test_what_a_named_thing_does_where_the_article_says_it(engine: Engine, question: str, fact: str) -> None:
    assert engine.ask(question).fact_ids == (fact,)


@pytest.mark.parametrize(("question", "fact"), [
    ("国家工业app创新中心是在临平新城还是未来科技城", "industrial-app-center"),
    ("阿里的创新中心在未来科技城还是临平新城", "zone-future-sci-tech-city-projects"),
])
def test_a_choice_between_two_zones_is_answered_with_the_one_the_article_names(engine: Engine, question: str,
                                                                               fact: str) -> None:
    """Both zones named had been read as a question about both at once: declined."""
    assert engine.ask(question).fact_ids == (fact,)


@pytest.mark.parametrize(("question", "said"), [
    ("How much lower was Q3 double-concentration investment vs Q2?", "is 44亿元 (4.4 billion yuan) less than Q2"),
    ("碳纤维航空结构件项目和天下秀网红城市哪个投资大", "最多的是天下秀网红城市项目 60亿元"),
    ("刚看到有人说余杭今年以来落地项目超过2000亿了，真的假的", "近1800亿元"),
])
def test_a_comparison_or_a_figure_checked_in_other_words(engine: Engine, question: str, said: str) -> None:
    assert said in engine.ask(question).text.splitlines()[0]


def test_the_key_to_something_asks_a_text_not_a_place(engine: Engine) -> None:
    assert engine.ask("文章说余杭能先人一步关键在哪").fact_ids == ("early-top-level-design",)


def test_a_tied_second_clause_is_read_on_the_first_clauses_topic(engine: Engine) -> None:
    """余杭想打造什么目标 ties 2018年's 全域创新策源地 and the live economy's 第一区: after a live-economy
    clause it is the latter (2018年 had been given beside it)."""
    answer = engine.ask("直播产业链企业落地了多少家？余杭想打造什么目标")
    assert answer.fact_ids == ("live-industry-chain-companies", "live-economy-first-district")


@pytest.mark.parametrize("question", ["国家工业app创新中心是哪个部门批准的", "碳纤维航空结构件主要用在哪些飞机上"])
def test_what_no_fact_says_of_a_listed_project_is_declined(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind == "declined"


def test_where_a_remark_was_made_is_in_its_answer(engine: Engine) -> None:
    assert engine.ask("李乐恒是在什么场合说的那番话").text.startswith("在集中签约仪式上")


def test_a_clause_saying_its_own_scope_borrows_no_place(engine: Engine) -> None:
    """全国 of the second clause: 浙江 of the first had been borrowed, and the clause declined."""
    answer = engine.ask("余杭叫浙江什么第一区？还想打造全国什么第一区")
    assert answer.fact_ids == ("zhejiang-economy-first-district", "live-economy-first-district")


def test_ytd_through_q3_is_the_first_three_quarters(engine: Engine) -> None:
    assert engine.ask("YTD investment landed in Yuhang through Q3 2020?").text.startswith("近1800亿元")


def test_an_average_ticket_size_is_no_mean_of_counts(engine: Engine) -> None:
    """Ticket size asks money: the categories' counts (20个, 21个) had been averaged into 20.5个. With
    talent read beside the others as 人才配套, it is the 329亿元 over the 58 projects."""
    answer = engine.ask("Avg ticket size of the Q3 quality projects (mfg + digital econ + talent)?")
    assert answer.text.startswith("5.67亿元") and "个" not in answer.text.splitlines()[0]


def test_a_count_pointed_at_names_the_amount_its_items_total(engine: Engine) -> None:
    """那58个: 那 before the count had kept it from being read as stated, and Q3's 556亿元 won a near tie."""
    assert engine.ask("做PPT永 三季度签约的那58个优质项目总投资是多少").text.startswith("329亿元")
    assert not engine.ask("三季度签约那58个项目里，天下秀一个就占了多少投资").text.startswith("329亿元")


def test_an_approximate_figure_said_as_a_premise_is_filler(engine: Engine) -> None:
    assert engine.ask("我朋友说余杭面积一千多平方公里 具体是多少啊").text.startswith("1228.41平方公里")


def test_shenme_is_no_figure_checked(engine: Engine) -> None:
    """么 of 一个什么 had read as a count checked (1个…么), asking a count of a list."""
    assert engine.ask("余杭推进机制是一个项目一名领导一张作站图和一个什么").fact_ids == ("project-promotion-mechanism",)


@pytest.mark.parametrize(("question", "fact"), [
    ("你好呀，今天天气不错，顺便问一下二季度双集中总投资多少", "q2-double-concentration-total"),
    ("昨晚加班到很晚，三季度签了几个项目", "q3-signed-projects-count"),
    # 数据 is a word of the fact base, but one of three in 领导急着要数据: half of a clause's words must be
    ("群里有人知道余杭今年二季度双集中投了多少钱吗，领导急着要数据，在线等", "q2-double-concentration-total"),
    ("群里有没有人知道余杭在百强区排第几？听说进步很大", "top100-district-rank"),
    ("大家晚上好，犀牛智造哪天启用的，我印象是九月中", "renhe-rhino-launch"),
    ("我朋友说赛迪那个榜单余杭前进了好几位，到底往前移了几位啊", "top100-district-rank-rise"),
    ("嘿，我刚从上海过来考察，余杭说要打造全国直播经济第一区，现在落地多少家相关企业了？", "live-industry-chain-companies"),
    ("刚刷到新闻说余杭前三季度落地近1800亿项目，厉害了！那三季度签约的人才配套项目有几个？", "q3-talent-support-quality-projects"),
    ("余杭在直播方面想打造个什么目标", "live-economy-first-district"),
    ("我们公司想渠余杭落地，开办企业要多久", "one-day-business-startup"),  # 想区 (渠 mended) before 余杭 is no place
])
def test_chat_clauses_around_the_question_are_set_aside(engine: Engine, question: str, fact: str) -> None:
    """天气 and 加班 of a clause that asks nothing had declined the whole message."""
    assert engine.ask(question).fact_ids == (fact,)


@pytest.mark.parametrize("question", [
    "2019年那会儿我还在余杭上班，双集中总投资多少",  # a year aside still limits the question
    "按1800亿算，三季度556亿占比多少",  # a figure aside is one to count with
    "这回签约里有高分子材料的项目，投资多少",  # the article's own words aside are the question's
    "我12月份去余杭出差，那次双集中投了多少",  # a month aside: no fact is of December
    "同事刚看到新文说余杭进了全国百强区前十 排第几",  # left alone, 排第几 fits two of Yuhang's ranks: the aside held the topic
])
def test_an_aside_that_limits_the_question_is_not_set_aside(engine: Engine, question: str) -> None:
    assert not engine.ask(question).answered


def test_what_is_not_in_a_place_is_its_remainder_or_declined(engine: Engine) -> None:
    """不在余杭的 asks the opposite of Yuhang's 其三: the rest of the four, or nothing the article names."""
    assert engine.ask("浙江4个省级实验室，不在余杭的有几个").text.startswith("1个")
    # the whole unstated: the words fit Yuhang's 3个 best, the part itself; the province's 4个 is the whole
    assert engine.ask("浙江省级实验室里有几个不在余杭").text.startswith("1个")
    assert engine.ask("三季度签约的58个项目里，不是制造业的有几个").text.startswith("38个")
    for question in ("浙江省级实验室里不在余杭的是哪个", "余杭以外的省级实验室是哪个", "浙江的省级实验室余杭之外还有几个",
                     "浙江那4个省级实验室，不再余杭的是哪个"):  # 在 typed 再
        assert not engine.ask(question).answered


def test_a_comparison_said_before_the_last_clause_is_not_what_it_asks(engine: Engine) -> None:
    """The last clause asks Q3's figure: 他说…比…多 was said, and the difference had been given."""
    answer = engine.ask("昨天和朋友打赌，他说三季度比二季度多，我说少，三季度双集中到底多少")
    assert answer.fact_ids == ("q3-double-concentration-total",)
    assert engine.ask("一季度582亿，二季度600亿，二季度比一季度多多少").kind == "computed"


def test_a_comparison_heard_after_the_question_is_not_what_it_asks(engine: Engine) -> None:
    """听说比一季度多？ is hearsay checked, with no question word: the figure asked is Q2's (600亿元,
    not the 18亿元 difference). A comparison asked with a word (比一季度多多少, 多吗) is computed."""
    answer = engine.ask("二季度双集中总投资是多少，听说比一季度多？问下项目总投资")
    assert answer.fact_ids == ("q2-double-concentration-total",)
    for asked in ("二季度双集中总投资是多少，比一季度多多少", "二季度双集中总投资是多少，比一季度多吗"):
        assert engine.ask(asked).kind == "computed"
    # 少了多少 asks the comparison: not Q3's own figure
    assert engine.ask("跟一季度比，三季度少了多少").text.startswith("第一季度比第三季度多26亿元")


def test_a_difference_is_told_from_the_side_named_before_bi(engine: Engine) -> None:
    """Figures said first name the quarters in another order: 二季度比一季度 is still Q2 less Q1."""
    answer = engine.ask("一季度582亿，二季度600亿，二季度比一季度多多少")
    assert answer.text.startswith("第二季度比第一季度多18亿元")
    assert engine.ask("三季度跟一季度比少了多少").text.startswith("第三季度比第一季度少26亿元")


def test_who_holds_a_place_no_fact_gives_is_declined(engine: Engine) -> None:
    """排第二的是哪个区 had been answered with Yuhang's 全省第一."""
    assert not engine.ask("浙江省内排第二的是哪个区").answered
    assert engine.ask("浙江省内排第一的是哪个区").fact_ids == ("province-first",)
    assert engine.ask("百强区第七名是哪").fact_ids == ("top100-district-rank",)


def test_a_chat_clause_is_set_aside_and_a_clause_of_the_articles_words_kept(engine: Engine) -> None:
    """记者 of 我是记者 is no attribute asked; 碳纤维…投资额 of the clause that asks nothing is."""
    answer = engine.ask("你好，我是记者，想核实一下碳纤维航空结构件项目的投资额，是多少")
    assert answer.fact_ids == ("carbon-fiber-investment",)
    assert engine.ask("在不在 制造业优质项目几个呀").fact_ids == ("q3-manufacturing-quality-projects",)


def test_a_hotel_near_a_zone_is_declined(engine: Engine) -> None:
    assert not engine.ask("Can you recommend a hotel near Liangzhu New Town?").answered
    assert not engine.ask("未来科技城附近有什么好的酒店").answered


@pytest.mark.parametrize(("question", "fact"), [
    ("文章第一部分的小标题是什么", "section-heading-1"),
    ("第二节的小标题写的啥", "section-heading-2"),
    ("最后一部分的小标题强化的是什么", "section-heading-3"),
    ("What is the heading of the article's last section?", "section-heading-3"),
    ("余杭的顶层设计起步早吗", "early-top-level-design"),  # the heading's words, not a section asked
])
def test_a_sections_heading_is_told_by_the_section_named(engine: Engine, question: str, fact: str) -> None:
    """第一部分 and 第三部分 differ by one character; the section is a slot, as a quarter is."""
    assert engine.ask(question).fact_ids == (fact,)


def test_jiao_compares_as_bi_does(engine: Engine) -> None:
    """三季度较二季度: 较 had read as two quarters joined unclearly, and the change was declined."""
    assert engine.ask("第3季度较第2季度双集中降幅多少").text.startswith("第三季度比第二季度少7.3%")
    assert engine.ask("二季度较一季度增长了百分之几").text.startswith("第二季度比第一季度多3.1%")


def test_high_quality_growth_asks_no_growth_rate(engine: Engine) -> None:
    """高质量发展 in English: "growth" had declined the question as a growth rate no article gives."""
    assert engine.ask("What are Yuhang's twin engines for high-quality growth?").fact_ids == ("twin-engines",)
    assert engine.ask("What was the growth of Q3 investment?").kind == "declined"


def test_hou_jitian_typed_by_its_sound_is_still_a_gap(engine: Engine) -> None:
    """成立厚几天 (后 typed 厚) had been answered with the article's 18天 of all three events."""
    assert engine.ask("国家工业app创新中心成立厚几天犀牛智造启用").text.startswith("6天")


def test_a_clause_one_untimed_fact_answers_borrows_no_day(engine: Engine) -> None:
    """The day of the first clause had made the event's 556亿元 (of 9月29日) win over the three
    categories' 329亿元, which no day is said of; a clause naming nothing still takes the day."""
    assert engine.ask("9月29号签了几个项目，那三类项目总投资多少").fact_ids == (
        "q3-signed-projects-count", "q3-quality-projects-investment")
    assert engine.ask("9.29一共签了几个项目，总投资多少").fact_ids == (
        "q3-signed-projects-count", "q3-double-concentration-total")


def test_where_after_a_noun_is_no_where_question(engine: Engine) -> None:
    """"the lab where …" names the lab; it had asked for a place, and the question was declined."""
    answer = engine.ask("What is the name of the lab where Dai Qionghai is chief scientist?")
    assert answer.fact_ids == ("zhuoxi-lab-chief-scientist",)
    assert engine.ask("Where is the Zhuoxi Lab?").fact_ids == ("zhuoxi-lab-town",)


def test_two_typos_side_by_side_are_both_mended(engine: Engine) -> None:
    """估值 and 多少 both typed by their sound: one pass had mended 多勺 only, and 天下秀…多少 is its investment."""
    assert engine.ask("天下秀估之多勺").fact_ids == ("tianxiaxiu-valuation",)


@pytest.mark.parametrize("question", [
    "浙江4个省级实验室里不在余杭的占百分之几",  # a share of the remainder, not the remainder's 1个
    "二季度双集中投资占一捣三季度总和的比重",  # 到 mistyped: Q2 of Q3 alone was 107.9%
])
def test_a_share_whose_whole_was_not_read_is_declined(engine: Engine, question: str) -> None:
    assert not engine.ask(question).answered


def test_a_share_whose_whole_is_said_first(engine: Engine) -> None:
    """The comma between the whole and the part is gone once normalized: no 里 tells them apart."""
    assert engine.ask("浙江几个省级实验室，余杭占了百分之多少").text.startswith("75%")
    assert engine.ask("浙江4个省级实验室 余杭占了百分之多少").text.startswith("75%")


@pytest.mark.parametrize("question", ["文章配图都有哪些", "文章一共配了几张图", "How many pictures are in the article?"])
def test_the_photos_asked_about_as_a_whole_are_all_listed(engine: Engine, question: str) -> None:
    """One caption (the first) had answered; a photo named (第2张, 众望布艺那张) is still that one."""
    answer = engine.ask(question)
    assert answer.fact_ids == ("photo-groundbreaking-site", "photo-digital-health-town",
                               "photo-rhino-smart-manufacturing", "photo-zhongwang-listing")
    assert "4" in answer.text.splitlines()[0]
    assert engine.ask("文章第二张配图是什么").fact_ids == ("photo-digital-health-town",)
    assert engine.ask("众望布艺那张图片说的是什么").fact_ids == ("photo-zhongwang-listing",)


@pytest.mark.parametrize("question", ["文章第二张和第三张图的说明分别是什么", "What do the second and third photos show?"])
def test_photos_listed_are_each_answered(engine: Engine, question: str) -> None:
    """Only the third had answered (第二张 was not read without its 图); two of the four photos are
    not the article's photos as a whole."""
    answer = engine.ask(question)
    assert answer.fact_ids == ("photo-digital-health-town", "photo-rhino-smart-manufacturing")
    assert "4" not in answer.text.splitlines()[0]


def test_regarding_something_is_filler(engine: Engine) -> None:
    """直播方面的目标: 方面 before 的 says what the question is about, no word a fact must say."""
    answer = engine.ask("直播产业链企业落地多少家了，余杭直播方面的目标是啥")
    assert answer.fact_ids == ("live-industry-chain-companies", "live-economy-first-district")


def test_a_clause_borrows_no_place_from_a_clause_after_it(engine: Engine) -> None:
    """The first clause had been read with the second's 浙江 and 余杭, and answered nothing."""
    answer = engine.ask("招引是银下一句是啥？余杭被称作浙江经济第几区？")
    assert answer.fact_ids == ("landing-is-gold", "zhejiang-economy-first-district")


def test_hearsay_at_a_clauses_start_is_chat(engine: Engine) -> None:
    """她说 is who said it, not what is asked: its words had kept the clause from the chat's topic."""
    answer = engine.ask("我女儿在清华读书，她说有个院士去余杭当首席科学家了，是哪位院士啊？")
    assert answer.fact_ids == ("zhuoxi-lab-chief-scientist",)
    assert engine.ask("周剑说了什么").fact_ids == ("zhou-jian-ubtech-remarks",)
    # 一个 is "a": no figure said aside to count with
    assert engine.ask("我同学在读研，他说有个院士领衔了余杭一个实验室，是哪位").fact_ids == ("smart-health-lab-leader",)


def test_a_question_announced_is_no_figure_said_aside(engine: Engine) -> None:
    """那再问一个's 1个 is no figure to count with: the question after it had been declined."""
    answer = engine.ask("嗯嗯好的，那再问一个：张伯礼院士那个实验室研究方向有哪些？")
    assert answer.fact_ids == ("smart-health-lab-research",)


def test_a_clause_with_a_day_and_a_word_of_its_own_is_no_follow_up(engine: Engine) -> None:
    """发布了啥 asks its own (发布): it had been read as the clause before's question asked of 9月10日."""
    answer = engine.ask("9月29日签约了几个项目？9月10日发布了啥？")
    assert answer.fact_ids == ("q3-signed-projects-count", "whitepaper-date")


def test_a_photos_ordinal_typed_by_its_sound_is_mended(engine: Engine) -> None:
    """第 typed 翟 or 嘀 before 二张图片: the first photo had answered, as if none were named."""
    assert engine.ask("翟二张图片是哪里").fact_ids == ("photo-digital-health-town",)
    assert engine.ask("嘀三张照片的说明是啥").fact_ids == ("photo-rhino-smart-manufacturing",)


@pytest.mark.parametrize("question", ["文章里众望布艺那张图是什么场景", "众望布衣那张图片说的是什么"])
def test_a_company_only_a_caption_names_is_a_name_to_agree_on(engine: Engine, question: str) -> None:
    """众望布艺 is the fourth caption's own; the first photo (集中开工现场) scored within a point."""
    assert engine.ask(question).fact_ids == ("photo-zhongwang-listing",)


def test_a_span_over_several_named_events_is_no_one_events_figure(engine: Engine) -> None:
    """The 18天 spans three events and names them all: a question naming none asks for it too."""
    assert engine.ask("那个重磅三连击前后一共多少天").text.startswith("18天")
    assert engine.ask("What were the three heavy-hitting launches within 18 days?").fact_ids == \
        ("triple-hit-within-18-days",)


def test_a_name_said_in_chat_does_not_hold_a_question_naming_its_own(engine: Engine) -> None:
    """The chat's 众望布艺 had been carried into the question about 余杭's total, then declined."""
    answer = engine.ask("刚刷到众望布艺敲钟的照片，挺喜庆的哈哈。顺便问问，今年以来落地余杭的项目投资总额有多少")
    assert answer.text.startswith("近1800亿元")
    assert engine.ask("我以前在临平新城上班，现在那边主攻哪些产业").fact_ids == ("zone-linping-new-city-projects",)


def test_a_character_beside_a_name_is_not_mended_into_a_word_across_it(engine: Engine) -> None:
    """想去余杭: the 区余杭 of 百强区余杭 had made 去 a 区, and 业想区 an unknown district."""
    answer = engine.ask("刚毕业想去余杭找工作，听说流入杭州的人才很多都留余杭了？文章里说的是多少")
    assert answer.text.startswith("一半")
    assert engine.ask("浙江那4个省级实验室，不在余杭得有几个").text.startswith("1个")  # 余杭的: a particle


def test_a_place_name_holds_no_de_and_shi_may_begin_a_word(engine: Engine) -> None:
    """众望布艺的市值 had been read as a district called 艺的市."""
    assert "艺的市" not in engine.ask("众望布艺的市值多少").text
    assert "鄞州区" in engine.ask("鄞州区排第几").text


@pytest.mark.parametrize(("question", "first_line"), [
    ("今天群里讨论好热闹，我插一句哈：浙江现在着重建设的省级实验室一共几个？", "4个"),
    ("我是记者，想核实一下：那本白皮书是哪家第三方机构发布的？麻烦了", "《2020年中国城区高质量发展白皮书》由第三方机构"),
])
def test_a_colon_ends_a_clause_of_chat(engine: Engine, question: str, first_line: str) -> None:
    """我插一句哈：… had been one clause, kept whole with the question, which was then declined."""
    assert engine.ask(question).text.startswith(first_line)


def test_chat_around_two_questions_keeps_both_and_a_list_for_one_is_no_pair(engine: Engine) -> None:
    """Without the chat, two clauses answered one fact each are a two-part answer; two facts
    answering one clause (排第几: two ranks) still say the chat held the topic."""
    answer = engine.ask("一句话回我：余杭前三季度落地项目总投资多少，三季度双集中多少")
    assert answer.fact_ids == ("first-three-quarters-total", "q3-double-concentration-total")
    assert not engine.ask("刚看到新文说余杭进了全国百强区前十，是真的吗 排第几").answered
    assert "周剑" in engine.ask("嗨 最近在关注机器人赛道，听说优必选董事长在余杭开工现场讲话了？他叫啥").text


def test_what_was_heard_is_said_and_the_clause_with_a_question_word_asks(engine: Engine) -> None:
    """余杭排名又往前了 (heard in the news) had been asked with 排第几, and the pair declined."""
    answer = engine.ask("大家好，刚看到新闻说余杭排名又往前了，现在在百强区到底排第几啊？谢谢啦")
    assert answer.fact_ids == ("top100-district-rank",)


def test_names_said_beside_a_question_of_who_are_what_it_asks_about(engine: Engine) -> None:
    """vivo, said in a clause that asks nothing, is whom 那个负责人 is of; no figure is asked so
    (小镇首批引进的项目加上三季度签约的项目，总共几个 stays the sum, not the town's 24个)."""
    assert engine.ask("刚刷到vivo在杭州有研发中心，签约仪式上发言那个负责人叫啥").fact_ids == ("li-leheng-who",)
    assert "82个" in engine.ask("数字健康小镇首批引进的项目加上三季度签约的项目，总共几个").text


@pytest.mark.parametrize(("question", "attribute"), [("天下秀在哪里上市的", "上市"), ("余杭前三季度固定资产投资多少", "固定资产"),
                                                   ("瓶窑镇的创意社区项目具体在哪个村", "哪个村")])
def test_an_attribute_no_fact_says_is_declined_by_name(engine: Engine, question: str, attribute: str) -> None:
    """村 of 乡村振兴 had explained 哪个村; 哪个镇 is still said by a fact naming 瓶窑镇."""
    answer = engine.ask(question)
    assert not answer.answered and f"“{attribute}”" in answer.text
    assert engine.ask("文旅综合体项目是哪个镇签的").fact_ids == ("zone-liangzhu-site-pingyao-projects",)


def test_a_chat_clause_aside_and_who_said_of_one_person_by_two_facts(engine: Engine) -> None:
    """签约仪式上是谁发言的 is answered by two facts of 李乐恒: both say who, so the chat around it
    (文章里好像有引用他的话) no longer declines the message."""
    answer = engine.ask("哎，vivo那个AI研发中心，签约仪式上是谁发言的？文章里好像有引用他的话")
    assert answer.answered and "李乐恒" in answer.text


@pytest.mark.parametrize(("question", "figure"), [
    ("一季度和二季度双集中投资多少", "1182亿元"),
    ("三个季度双集中投资多少", "1738亿元"),
    ("一季度双集中投资多少，听说比二季度少？", "582亿元"),
])
def test_quarters_named_together_are_added(engine: Engine, question: str, figure: str) -> None:
    """Several quarters named together had been declined; a quarter named only in what was heard
    is not added."""
    answer = engine.ask(question)
    assert answer.answered and figure in answer.text.splitlines()[0]


@pytest.mark.parametrize(("question", "facts"), [
    ("三季度集中签约的优质项目多少个，总投资多少", ("q3-signed-projects-count", "q3-quality-projects-investment")),
    ("三季度签约的优质项目多少个、总投资多少", ("q3-signed-projects-count", "q3-quality-projects-investment")),
    ("三季度签了几个项目，总投资多少", ("q3-signed-projects-count", "q3-double-concentration-total")),
    ("9.29签了几个项目，总投资多少", ("q3-signed-projects-count", "q3-double-concentration-total")),
])
def test_a_clause_asks_of_what_the_clause_before_says_it_asks_about(engine: Engine, question: str,
                                                                  facts: tuple[str, ...]) -> None:
    """总投资多少 after 优质项目多少个 is those projects' 329亿元 (20 + 21 + 17 of them); after 签了几个
    项目 it stays the event's 556亿元. The 556亿元 had answered both."""
    assert engine.ask(question).fact_ids == facts


def test_a_mark_after_a_question_word_and_its_verb_ends_a_clause(engine: Engine) -> None:
    """哪天开园、首批引进了多少项目 had been one clause, answered with the 24个 alone."""
    answer = engine.ask("数字健康小镇哪天开园、首批引进了多少项目")
    assert answer.fact_ids == ("digital-health-town-opening", "digital-health-town-first-batch")


@pytest.mark.parametrize(("question", "first_line"), [
    ("天下秀加碳纤维项目占三季度总投资的比例", "16.2%"),
    ("天下秀加碳纤维两个项目占329亿元的比例", "27.4%"),
    ("Tianxiaxiu plus carbon fiber as a share of Q3 total investment", "16.2%"),
    ("三季度58个项目里制造业和数字经济项目合计占比多少", "70.7%"),
])
def test_a_share_whose_part_is_several_things_added(engine: Engine, question: str, first_line: str) -> None:
    """(60 + 30) ÷ 556: the part had been declined for want of a whole, and in English it had been
    60 ÷ (60 + 30), a wrong figure; 58个项目里 says the three categories' whole."""
    assert engine.ask(question).text.startswith(first_line)


@pytest.mark.parametrize("question", ["天下秀网红城市投资占前三季度双集中合计的百分比", "天下秀投资占三个季度双集中总和的多少"])
def test_a_share_whose_whole_is_a_series_added(engine: Engine, question: str) -> None:
    """60 ÷ (582 + 600 + 556): the whole had been read as the Q3 projects' series, one of whose
    figures is approximate, and the share declined."""
    answer = engine.ask(question)
    assert answer.text.startswith("3.5%")
    assert "60亿元 ÷ (第一季度 582亿元 + 第二季度 600亿元 + 第三季度 556亿元) = 3.5%" in answer.text
    assert engine.ask("二季度双集中投资占一二三季度合计的比例是多少?").text.startswith("34.5%")  # a member's: the calculator's


@pytest.mark.parametrize(("question", "first_line", "equation"), [
    ("三个季度双集中加起来离1800亿还差多少", "62亿元",
     "1800亿元 − (第一季度 582亿元 + 第二季度 600亿元 + 第三季度 556亿元) = 62亿元"),
    ("三季度双集中离600亿还差多少", "44亿元", "600亿元 − 第三季度 556亿元 = 44亿元"),
    ("三季度签约项目离100个还差几个", "42个", "100个 − 58个 = 42个"),
])
def test_how_far_a_figure_is_from_a_number_the_question_gives(engine: Engine, question: str, first_line: str,
                                                              equation: str) -> None:
    """离1800亿还差多少 had been declined (离 is mended to 里 before a number, and four figures were
    more than a difference compares); the number is said to be the question's, not the article's."""
    answer = engine.ask(question)
    assert answer.kind == "computed" and answer.text.startswith(first_line)
    assert equation in answer.text and "问题里给的数" in answer.text


@pytest.mark.parametrize("question", ["从提出全域创新策源地到2020年过了几年", "从2018年提出全域创新策源地到2020年过了几年"])
def test_years_from_a_year_the_article_gives_to_one_the_question_gives(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith("2年") and "2020年 − 2018年 = 2年" in answer.text
    assert engine.ask("到2020年过了几年").kind != "computed"  # since what: no year is named


@pytest.mark.parametrize("question", ["按1800亿算，三季度556亿占今年落地总额的比重多少", "三季度556亿占今年近1800亿的多大比例（按1800算）",
                                      "三季度556亿大约占今年以来近1800亿的多少", "三季度556亿占今年落地总额近1800亿的多少"])
def test_an_approximate_figure_taken_at_its_number_as_the_question_says(engine: Engine, question: str) -> None:
    """近1800亿元 is no exact figure: only 按1800算, a rough share asked of 1800, or 近1800 said by
    the question lets it be computed with, and the reply says so."""
    answer = engine.ask(question)
    assert answer.text.startswith("30.9%") and "按问题说的1800亿元算" in answer.text
    assert not engine.ask("三季度556亿占今年以来落地项目总额的多少").answered  # no number said: no reckoning


@pytest.mark.parametrize(("question", "figure"), [("三季度双集中占前三季度落地项目总投资的比例", None),
                                                ("二季度双集中占前三个季度总和的百分之几", "34.5%"),
                                                ("人才配套类项目占那58个项目的比例", "29.3%")])
def test_a_share_of_the_articles_own_total_is_not_of_the_series_added(engine: Engine, question: str,
                                                                    figure: str | None) -> None:
    """落地项目总投资 of 前三季度 is 近1800亿元 (no exact figure), not the three events' 1738亿元, which
    it had been; 总和 and 那58个 say nothing the members do not."""
    answer = engine.ask(question)
    assert (answer.text.startswith(figure) if figure else not answer.answered)


@pytest.mark.parametrize(("question", "item"), [("余杭光MCN机构有多少家", "MCN机构"), ("余杭落地了多少家直播平台", "直播平台")])
def test_one_item_of_a_listed_total_is_not_counted_by_it(engine: Engine, question: str, item: str) -> None:
    """超过60家 counts MCN机构、直播平台、供应链、大数据 together: it had answered how many MCN agencies."""
    answer = engine.ask(question)
    assert not answer.answered and f"没有单独给出“{item}”" in answer.text
    for together in ("余杭有多少MCN机构和直播平台企业", "余杭已落地MCN机构直播平台等企业多少家", "余杭直播产业链企业落地多少家",
                     "余杭落地了多少家MCN、直播平台这类企业"):
        assert engine.ask(together).fact_ids == ("live-industry-chain-companies",)


@pytest.mark.parametrize("question", ["三季度双集中离500亿还差多少", "三季度双集中离600万还差多少"])
def test_no_shortfall_past_the_number_or_in_another_unit(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "computed"


@pytest.mark.parametrize("question", ["小镇首批24个项目加上9月29日签约的58个，一共多少个项目", "数字健康小镇首批项目和9月29日签约项目加起来多少个"])
def test_two_facts_no_series_joins_are_added(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith("82个") and answer.fact_ids == ("digital-health-town-first-batch", "q3-signed-projects-count")


@pytest.mark.parametrize("question", ["天下秀和三季度双集中投资加起来多少", "制造业项目和三季度签约项目加起来几个"])
def test_a_figure_is_not_added_to_one_that_may_hold_it(engine: Engine, question: str) -> None:
    """556亿元 holds 天下秀's 60亿元, and the 58 signed projects the 20 of manufacturing: no 616亿元, no 78个."""
    assert engine.ask(question).kind != "computed"


def test_how_many_are_one_or_the_other_counts_them_together(engine: Engine) -> None:
    """The two counts had been listed (20个; 21个) where their sum was asked."""
    answer = engine.ask("Of the 58 projects signed in Q3, how many were manufacturing or digital economy?")
    assert answer.kind == "computed" and answer.text.startswith("41个")


def test_a_joint_part_of_figures_of_two_kinds_is_declined(engine: Engine) -> None:
    """天下秀's valuation is no investment: nothing is added to another project's."""
    assert not engine.ask("天下秀估值加碳纤维项目占三季度总投资的比例").answered


@pytest.mark.parametrize("question", ["Before moving up five places, where did Yuhang rank on the Top 100 list?",
                                      "Before climbing 5 spots, what was Yuhang's rank?"])
def test_the_rank_before_a_move_in_english(engine: Engine, question: str) -> None:
    """"before moving up" asks the rank before the move, and "five places" states the move."""
    assert engine.ask(question).text.startswith("No. 12")


def test_each_of_two_things_named_is_answered_by_its_own_fact(engine: Engine) -> None:
    """No fact names both bases: each is asked alone. A figure asked of two (和起来, 合 mistyped) is no list."""
    answer = engine.ask("Where are the China (Hangzhou) live-streaming e-commerce base and the China Hangzhou "
                        "digital fashion innovation base located?")
    assert answer.fact_ids == ("live-ecommerce-industry-base", "digital-fashion-innovation-base")
    assert not engine.ask("天下秀跟碳纤维项目投资和起来多哨").answered


def test_lower_by_how_much_compares(engine: Engine) -> None:
    """低多少 is a difference as 高多少 is: with 比 mistyped (逼), the mean alone (579.3亿元) had answered."""
    assert engine.ask("三季度比二季度低多少").text.startswith("第三季度比第二季度少44亿元")
    assert not engine.ask("三季度双集中逼三个季度的平君数低多少").answered


@pytest.mark.parametrize(("question", "facts"), [
    ("文章管余杭叫“浙江经济”什么", ("zhejiang-economy-first-district",)),
    ("写材料卡住了，“招引是银”后面那句是啥", ("landing-is-gold",)),
    ("余杭的两个“第一区”分别是什么", ("zhejiang-economy-first-district", "live-economy-first-district")),
])
def test_a_question_quoting_the_article_is_answered_by_the_quote_holding_it(engine: Engine, question: str,
                                                                          facts: tuple[str, ...]) -> None:
    """The words quoted are the article's: the one or two facts quoting them answer, when the
    question had been declined. What they do not give (a year) is still declined."""
    assert engine.ask(question).fact_ids == facts
    assert not engine.ask("张伯礼是哪年获得“人民英雄”称号的").answered


@pytest.mark.parametrize("question", ["Which district ranked first in the top-100 list?",
                                      "Which district ranked No.1 in the Top 100 list?"])
def test_who_holds_a_place_no_fact_gives_in_english_is_declined(engine: Engine, question: str) -> None:
    """Yuhang's 第七位 and 全省第一 had answered who is first on the national list."""
    assert not engine.ask(question).answered
    assert engine.ask("Which district is first in Zhejiang?").fact_ids == ("province-first",)


@pytest.mark.parametrize("question", ["Q3 制造业+数字经济+人才 总投资",
                                      "Total investment of those manufacturing, digital and talent projects?"])
def test_a_name_listed_by_its_first_word_beside_its_kind(engine: Engine, question: str) -> None:
    """人才 beside 制造业 and 数字经济 is 人才配套, digital beside manufacturing is the digital economy:
    the 329亿元 of the three; alone, 人才 is still the talent that stays in Yuhang."""
    assert engine.ask(question).text.startswith("329亿元")
    assert engine.ask("杭州每年引进的人才有多少留在余杭").fact_ids == ("talent-staying-in-yuhang",)


@pytest.mark.parametrize(("question", "fact"), [
    ("有没有懂行的，Q1那次双集中投了多少？我只记得Q3是556", "q1-double-concentration-total"),  # not 556亿元 beside it
    ("老铁们，犀牛智造到底啥时候开始启用的，我朋友非说是8月份", "renhe-rhino-launch"),  # no August fact: not declined
])
def test_a_claim_after_the_question_is_not_asked(engine: Engine, question: str, fact: str) -> None:
    """What someone remembers or says the answer is, after the question, is neither asked nor a limit."""
    assert engine.ask(question).fact_ids == (fact,)
    # before the question, or in a computation, a figure said is one to count with
    assert engine.ask("一季度582亿，二季度是600亿，加起来多少").text.startswith("1182亿元")


def test_which_of_two_named_before_their_event_is_larger(engine: Engine) -> None:
    """哪个双集中投资多: 哪个 and 多 apart, the event's name between them, still compare the two named."""
    assert engine.ask("一季度和三季度哪个双集中投资多").fact_ids == ("q1-double-concentration-total",
                                                                  "q3-double-concentration-total")
    assert "582亿元" in engine.ask("一季度和三季度哪个双集中投资多").text


def test_asking_for_a_list_is_no_typo_and_asking_someone_to_help_is_filler(engine: Engine) -> None:
    """列一下 asks for a list (it had been mended into 利); 麻烦谁帮我 asks no person."""
    assert engine.ask("刚才开会领导提到余杭的五场硬仗，我没记全，麻烦谁帮我列一下，多谢").fact_ids == ("five-tough-battles",)


def test_a_zones_total_is_not_one_of_its_projects_figures(engine: Engine) -> None:
    """The zone named, its total asked: 碳纤维航空结构件项目's 30亿元 is one project's, however well the
    zone's words cover it. Asked of nothing named, the one valuation the article gives still answers."""
    assert not engine.ask("余杭经济技术开发区这次签约总投资是多少").answered
    assert engine.ask("And what is the developer behind it valued at?").fact_ids == ("tianxiaxiu-valuation",)


@pytest.mark.parametrize("question", ["By how many percent did Q2 double concentration investment exceed Q1?",
                                      "How much higher in percent was Q2 than Q1?",
                                      "How many percent higher was Q2's investment than Q1's?"])
def test_a_change_asked_in_percent_in_english_is_relative(engine: Engine, question: str) -> None:
    """"how many percent" asks no count, and "higher in percent" no amount: 3.1%, not 18亿元 (which
    "higher in percent" had been answered with) nor a refusal to mix units."""
    text = engine.ask(question).text
    assert text.startswith("Q2") and "3.1%" in text and "18亿元" not in text


@pytest.mark.parametrize(("question", "result"), [("三个季度双集中加起来跟1800亿比还差多少", "62亿元"),
                                                  ("三季度双集中比600亿少多少", "44亿元")])
def test_how_far_below_a_number_compared_with_is_a_shortfall(engine: Engine, question: str, result: str) -> None:
    """跟1800亿比还差多少 asks what 离1800亿还差多少 asks: the number given less the figures (it had
    been refused as comparing more than two numbers)."""
    assert engine.ask(question).text.startswith(result)


@pytest.mark.parametrize(("question", "result"), [
    ("What share of the Q3 total came from the manufacturing, digital economy and talent projects?", "59.2%"),
    ("What share of the 9M double-concentration total came from Q2?", "34.5%"),
])
def test_a_share_of_a_whole_that_came_from_a_part(engine: Engine, question: str, result: str) -> None:
    """"share of WHOLE came from PART": 329亿元 ÷ 556亿元, not manufacturing's 20 of the three
    categories' 58 projects; an English share is never a member over a larger one (600 ÷ 582 = 103.1%)."""
    assert engine.ask(question).text.startswith(result)


def test_where_a_ranking_climbed_to_is_the_rank_not_the_move(engine: Engine) -> None:
    assert engine.ask("Which position did Yuhang climb to in the 2020 China top-100 districts ranking?").fact_ids \
        == ("top100-district-rank",)
    assert engine.ask("How many places did Yuhang climb in CCID's 2020 top-100 districts ranking?").fact_ids \
        == ("top100-district-rank-rise",)


def test_where_someone_comes_from_is_not_given(engine: Engine) -> None:
    assert not engine.ask("戴琼海院士是哪里人").answered


@pytest.mark.parametrize(("question", "fact"), [
    ("你好呀机器人，我奶奶问我余杭排第几，我也说不上来，百强区榜单上是第几啊", "top100-district-rank"),  # a grandmother asking
    ("hello群友，之前有人说余杭是浙江第一，我想确认一下，榜单上余杭在全省是什么位置？", "province-first"),  # 什么位置: a rank
    ("新人报到👋 做投资的，想了解下天下秀网红城市项目落在余杭哪个平台", "zone-linping-new-city-projects"),  # 哪个平台: a zone
    ("在不在？余杭二季度双集中是不是600个亿？帮我确认下，别写错了", "q2-double-concentration-total"),  # 600个亿: 600亿
    ("我刚来余杭创业，想了解下办事方不方便，比如开办企业要多久能办完", "one-day-business-startup"),  # 比如 compares nothing
    ("好的好的～再问个小问题，众望布艺那张照片是在干嘛", "photo-zhongwang-listing"),
    ("What is the current valuation of the Tianxiaxiu project's developer?", "tianxiaxiu-valuation"),
])
def test_group_chat_and_rewordings_answer_the_fact_asked(engine: Engine, question: str, fact: str) -> None:
    assert engine.ask(question).fact_ids == (fact,)


def test_an_investments_size_asks_an_amount(engine: Engine) -> None:
    """投资规模多少 asks an amount: the centre's founding day is no answer (the article gives no investment)."""
    assert not engine.ask("国家工业app创新中心投资规模多少").answered
    assert engine.ask("How much larger was Q2 investment than Q1?").text.startswith("Q2")
    assert "18亿元" in engine.ask("How much larger was Q2 investment than Q1?").text


def test_an_investors_chat_in_english_sentences_around_the_question(engine: Engine) -> None:
    """Sentences of chat (who they are, a call next week) around the request are set aside."""
    assert engine.ask("Hi there, we're a Singapore-based fund looking at opportunities around Hangzhou. Before our "
                      "call next week, could you tell me the total investment announced at Yuhang's Q3 signing? "
                      "Many thanks.").fact_ids == ("q3-double-concentration-total",)


def test_days_after_an_event_until_the_next_one_held(engine: Engine) -> None:
    """开双集中: the event's verb before it (the side had found no date); an event before the first
    is none after it (犀牛智造启用后过了几天开园: the town had opened on 8月30日, 17 days before)."""
    assert engine.ask("犀牛智造启用后过了几天开双集中").text.startswith("13天")
    assert not engine.ask("犀牛智造启用后过了几天开园").answered


def test_a_premise_after_the_question_is_no_claim(engine: Engine) -> None:
    """不是前移了5位嘛 reminds what the answer is computed from; it is no claim to set aside (the
    clause had been dropped and the current 第七位 given for 上一次). 上一次 asks the previous rank."""
    for question in ("余杭上一次百强区排第几 不是前移了5位嘛", "余杭上一次百强区排第几"):
        assert engine.ask(question).text.startswith("第十二位")

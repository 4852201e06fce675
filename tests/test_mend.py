"""Typo mending: same-sound characters and one-edit English words become what the fact base
says, and nothing that is already a word changes."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from bot.engine import Engine
from bot.mend import Mender
from bot.normalize import normalize
from bot.tables import PINYIN, WORDS, common_words, pinyin_table, readings, reads_alike, words_table
from bot.typos import homophones, variants
from bot.windows import WindowCounts

TEXTS = ["余杭第三季度双集中总投资多少", "天下秀网红城市项目投资额", "之江实验室", "碳纤维航空结构件项目",
         "余杭前移5位", "制造业优质项目有20个", "三季度项目投资多少", "余杭区面积"]


@pytest.fixture(scope="module")
def mender() -> Mender:
    return Mender([normalize(t) for t in TEXTS[:-1]], TEXTS[-1:], ["third", "quarter", "investment"])


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("一激度双集中总头资多少", "1季度双集中总投资多少"),
        ("2鸡度双集中总投资多少", "2季度双集中总投资多少"),
        ("天下秀网红城市项目头滋多少", "天下秀网红城市项目投资多少"),
        ("痰纤维项目", "碳纤维项目"),
        ("余杭嵌移了几位", "余杭前移了几位"),
        ("鱼杭面积", "余杭面积"),
        ("织江实验室在哪", "之江实验室在哪"),
        ("thrid quarter investmnt", "3季度 investment"),
    ],
)
def test_typos_are_mended(mender: Mender, typed: str, meant: str) -> None:
    assert mender.mend(normalize(typed)) == normalize(meant)


@pytest.mark.parametrize("text", ["签约的项目有几个", "制造业比人才配套类多几个", "创始人是谁", "比例是多少", "三季度合计"])
def test_words_are_left_alone(mender: Mender, text: str) -> None:
    assert mender.mend(normalize(text)) == normalize(text)


def test_a_name_typed_with_one_same_sound_character_is_mended_even_into_common_words() -> None:
    """新成 and 伯里 are words of their own, but 临平新? and 张伯? are names the base knows."""
    names = Mender([normalize("临平新城主攻哪些产业"), normalize("张伯礼院士的实验室")], [], [],
                   names=["临平新城", "张伯礼", "余杭区"])
    assert names.mend("临平新成主攻哪些产业") == "临平新城主攻哪些产业"
    assert names.mend("张伯里院士的实验室") == "张伯礼院士的实验室"
    assert names.mend("余杭去年的实验室") == "余杭去年的实验室"  # 去年 is a word: no 余杭区年


def test_the_most_everyday_characters_are_never_mended_by_their_windows() -> None:
    """地多少 is a known window (落地多少), but a 的 typed is meant; a name's 有 is still mended."""
    base = Mender([normalize("项目落地多少"), normalize("优必选总投资多少")], [], [], names=["优必选"])
    assert base.mend("优必选总投资的多少") == "优必选总投资的多少"
    assert base.mend("有必选总投资多少") == "优必选总投资多少"


def test_a_keyword_typed_with_one_character_of_its_sound_is_mended_even_where_pairs_hide_it() -> None:
    """了掇 is a pair of 落地了掇珍集 and 股 of 股稼 would go to 天下秀估值's 估 first: what the question
    asks (多少, 股价, 研究方向) is mended all the same; words, keywords and other typos are not."""
    base = Mender([normalize(t) for t in ("良渚新城落地了掇珍集", "犀牛智造投资多少", "天下秀估值多少", "余杭被称作浙江经济第一区")],
                  [], [], asking=["多少", "那天", "哪天", "估值"], attributes=["股价", "研究方向", "作者"])
    assert base.mend("犀牛智造投资了掇少") == "犀牛智造投资了多少"
    assert base.mend("天下秀股稼多少") == "天下秀股价多少"
    assert base.mend("研九方向是什么") == "研究方向是什么"
    assert base.mend("天下秀估至多少") == "天下秀估值多少"  # 至多 is a word, but not across 多少
    assert base.mend("余杭被称作鹧江经济第1区") == "余杭被称作浙江经济第1区"  # a name's typo, no 作者
    for meant in ("哪天开园", "犀牛智造投资大概多少", "天下秀估值多少"):
        assert base.mend(meant) == meant


@pytest.mark.parametrize(("typed", "meant"), [("哪个季度的双集中投资醉哚", "最多"),  # two characters of one keyword
                                              ("上班年双集中总投资多少", "1、2季度"),  # 上班 is a word, but inside 上半年's place
                                              ("今年余杭百强区位次提生了多少", "提升了"),  # a synonym is a keyword too
                                              ("余杭这次百强区排名前亿了几位", "前移了"),  # 亿 is no number here
                                              ("一季度占前两各季度的比例是多少", "1、2季度"),  # 两各季度: 个
                                              ("创新看余杭 前一裾是什么", "前一句")])  # the typo is 裾, beside 前一
def test_keywords_are_mended_by_their_sound(engine: Engine, typed: str, meant: str) -> None:
    assert meant in engine.matcher.mender.mend(normalize(typed))


def test_or_typed_by_its_sound_between_two_things_is_mended(engine: Engine) -> None:
    """骇是 between two zones is 还是 (A or B): mended into 海 (of 戴琼海), it had been answered with 18天."""
    assert "临平新城还是未来科技城" in engine.matcher.mender.mend(normalize("国家工业app创新中心是在临平新城骇是未来科技城"))
    assert engine.ask("国家工业app创新中心是在临平新城骇是未来科技城").fact_ids == ("industrial-app-center",)


def test_up_to_typed_by_its_sound_is_mended_into_the_year_so_far(engine: Engine) -> None:
    """截纸 is 截至 (up to): 截至三季度末 is the year so far, 近1800亿元; left as typed, Q3's 556亿元 was answered."""
    answer = engine.ask("截纸三季度末余杭落地项目总投资多少")
    assert answer.kind == "fact" and answer.text.startswith("近1800亿元")


def test_each_before_a_number_of_days_is_a_mistyped_gap(engine: Engine) -> None:
    """各了几天 takes no "each": 隔 (the days between), not the 18天 of the three events."""
    answer = engine.ask("国家工业app创新中心成立和阿里仁和数据中心启用各了几天")
    assert answer.kind == "computed" and answer.text.startswith("6天")


def test_than_typed_by_its_sound_before_a_comparison_is_mended(engine: Engine) -> None:
    """嬖 (bi) before 它…高出多少: the 比 of the comparison; left as typed, the valuation's 100亿元 was answered."""
    answer = engine.ask("天下秀估值嬖它在余杭的项目投资额高出多少")
    assert answer.kind == "computed" and "40亿元" in answer.text


def test_an_attribute_typed_as_two_frequent_words_is_not_mended_into(engine: Engine) -> None:
    """又想 reads as 邮箱 (an attribute): it had been mended, and the question declined for an email."""
    assert engine.ask("又想打造全国什么第一区？").fact_ids == ("live-economy-first-district",)


@pytest.mark.parametrize(("typed", "meant"), [("天下秀项目投资盏3季度总投资多少", "投资占3季度"),  # a one-character operation word
                                              ("数字健康小镇首批引进的项目舭3季度签约的58个少几个", "项目比3季度"),
                                              ("浙江的省级实验室里不在于杭的有几个", "不在余杭"),  # 在于 is read across 不在
                                              ("犀牛智造哪天启勇", "哪天启用"),  # and 天气 across 哪天
                                              ("碳纤维项目在三类优质项目329亿里战多少", "亿里占多少")])  # after an operation word
def test_a_lone_operator_typo_and_words_beside_keywords_are_mended(engine: Engine, typed: str, meant: str) -> None:
    assert meant in engine.matcher.mender.mend(typed)


def test_a_character_is_mended_by_its_first_reading_when_one_fits(engine: Engine) -> None:
    """隔 reads ge first, ji rarely: 隔位 is 各位, and read as 几位 it asked for a rank (第七位)."""
    assert "几位" not in engine.matcher.mender.mend("隔位大佬钱江开发区招了哪些项目")


def test_a_filler_character_at_either_end_is_meant_and_one_inside_a_name_is_not(engine: Engine) -> None:
    """哈 before 余杭 makes the known window 和余杭, but a filler that opens a message is meant."""
    assert engine.matcher.mender.mend("哈余杭5场硬仗里第1场是啥").startswith("哈余杭")
    assert engine.matcher.mender.mend("宅都都是做啥的").startswith("宅兜兜")


def test_a_digit_is_never_mended_into_another_quarter(mender: Mender) -> None:
    assert "1季度" not in mender.mend(normalize("2鸡度双集中"))


def test_homophone_variants_change_one_character_to_a_same_sound_one() -> None:
    q = "之江实验室在哪里"
    out = variants(q, 3, random.Random(7))
    assert len(out) == 3 and len(set(out)) == 3
    for typo in out:
        diff = [(a, b) for a, b in zip(q, typo, strict=True) if a != b]
        assert len(diff) == 1
        a, b = diff[0]
        assert b in homophones(a) and readings()[a][0] == readings()[b][0]


def test_generated_tables_match_their_sources() -> None:
    assert PINYIN.read_text(encoding="utf-8") == pinyin_table()
    assert WORDS.read_text(encoding="utf-8") == words_table()
    frequency = dict(line.split() for line in WORDS.read_text(encoding="utf-8").splitlines()[1:])
    assert float(frequency["创始人"]) < float(frequency["问题"]) < float(frequency["的"])
    assert common_words() == frequency.keys()


def test_only_chinese_characters_read_alike_and_the_table_holds_no_other() -> None:
    """reads_alike tells a digit or a letter apart without reading the table: exact, as it holds
    Chinese characters only."""
    assert all(len(char) == 1 and "\u4e00" <= char <= "\u9fff" for char in readings())
    assert reads_alike("余", "鱼") and reads_alike("向", "项") and not reads_alike("向", "区")
    assert not reads_alike("3", "区") and not reads_alike("a", "a")



def test_window_counts_hold_every_window_of_the_runs_and_their_words_of_two() -> None:
    """As a Counter of every run's windows would: counts of words of 2 to 4 characters, none across
    two runs, and the words of two as a set."""
    texts = ["余杭第三季度 双集中总投资", "项目项目", "余杭"]
    between = re.compile(r"[^\u3400-\u9fff0-9]+")
    runs = [run for text in texts for run in between.split(text) if run]
    counter = Counter(run[i : i + n] for run in runs for n in (2, 3, 4) for i in range(len(run) - n + 1))
    counts = WindowCounts(texts, between, (4, 3, 2))
    assert all(counts.get(word) == n for word, n in counter.items())
    assert counts.get("度双") == 0 and "度双" not in counts  # across two runs
    assert counts.words(2) == {w for w in counter if len(w) == 2}


@pytest.mark.parametrize(("typed", "meant"), [
    ("3季度比2季度吓降了百分之几", "下降"),  # 下降 is written inside a lexicon expression; 降 is unexplained
    ("3季度比2季度下礓了百分之多少", "下降"),  # 了 is no neighbour to explain: 讲了 is not meant
    ("哪个季度双集中总投资最哨", "最少"),  # a tie of 最少 and 最小: 哨's first reading, shao
    ("数字健康小镇开园颌国家工业app创新中心成立之间相差几天", "开园和国家"),  # a joiner between words
])
def test_operation_words_and_joiners_are_mended(engine: Engine, typed: str, meant: str) -> None:
    assert meant in engine.matcher.mender.mend(typed)


def test_a_joiner_is_not_mended_into_a_name(engine: Engine) -> None:
    assert "余杭" in engine.matcher.mender.mend("早上好余航百强区排第几来着")


def test_a_word_of_how_questions_ask_wins_over_a_window_of_some_fact(engine: Engine) -> None:
    """几个簿在余杭: the 部在 of some fact's 总部在 is a window, 不在 a word questions ask with;
    a filler word is no such word (纳个 is 哪个, not 那个)."""
    assert "几个不在余杭" in engine.matcher.mender.mend("浙江4个省级实验室有几个簿在余杭")
    assert "哪个会场" in engine.matcher.mender.mend("3季度双集中活动在纳个会场举行的")


def test_an_everyday_english_word_is_no_typo(engine: Engine) -> None:
    """"those" is one edit from "whose", a word the lexicon knows, but it was meant; a rarer word
    one edit from a name is mended (benson → bensong)."""
    assert "those" in engine.matcher.mender.mend("combined investment of those quality projects")
    assert "bensong" in engine.matcher.mender.mend("how much is the benson new materials project")


@pytest.mark.parametrize(("typed", "meant"), [("余杭3级度双集中总投资多少", "3季度"), ("一记度和2季度加起来多少", "1季度和2季度"),
                                              ("前2个集度加起来多少", "1、2季度"),
                                              # read as the fact base writes it (前3季度), 前 is no typo of 签
                                              ("餘杭區前三饥度落地項目投資總額多少", "余杭区前3季度"),
                                              ("今年偷一个季度余杭集中签约开工砸了多少钱", "今年1季度"),  # 头一个季度
                                              ("一季度占前两各几度的比例是多少", "1、2季度"),  # 各 and 季 both mistyped
                                              ("基地3季度签约", "基地3季度")])  # 地 is in a word: no 第
def test_a_quarter_whose_ji_was_mistyped_is_mended_though_common_words_hide_it(engine: Engine, typed: str,
                                                                               meant: str) -> None:
    """极度, 级 and 记 are words of their own, so window mending keeps them: a quarter read as none
    would be answered as any quarter (一记度和二季度加起来 had been answered with Q2's 600亿元)."""
    assert meant in engine.matcher.mender.mend(normalize(typed))


def test_a_named_things_figure_does_not_answer_a_question_naming_none(engine: Engine) -> None:
    """几各 (几个 mistyped) asks no kind of figure, but 临平新城's 十余个 still answers only a question naming it."""
    assert "十余个" not in engine.ask("三季度签约向目几各").text


def test_a_main_reading_is_found_without_parsing_the_table() -> None:
    """main_reading reads one line of the table's text: the same reading readings() parses."""
    from bot.tables import main_reading

    assert all(main_reading(c) == sounds[0] for c, sounds in readings().items())
    assert main_reading("a") == "" and main_reading("余") == "yu"


@pytest.mark.parametrize(("typed", "kept"), [("3季度双集中环比2季度降了多少", "降了"), ("582亿元是谁投的", "谁投的"),
                                             ("3季度那58个优质项目", "3季度那58个"), ("图片说明都写了啥", "写了啥")])
def test_a_frequent_word_typed_is_mended_only_towards_a_word(engine: Engine, typed: str, kept: str) -> None:
    """降, 投, 那 and 写 are words of their own: 季度项 (of some fact's 3季度项目), 谁头, 3季度拿 and 谢了
    are fragments of texts or pairs with 了, no words, and say too little to mend them (降了 had been
    read as 项了, 写了 as 谢了); a keyword still mends one (家起来 is 加起来)."""
    assert kept in engine.matcher.mender.mend(typed)
    assert "加起来" in engine.matcher.mender.mend("1、2、3季度双集中家起来多少")


@pytest.mark.parametrize(("typed", "meant"), [("今年偷一搁季度余杭集中签约开工砸了多少钱", "今年1季度"),  # 搁 first, then 偷
                                              ("余杭这次百强区排名前亿仂几位", "前移了几位")])  # 仂 first, then 亿
def test_what_a_mended_character_lets_read_is_mended_after_it(engine: Engine, typed: str, meant: str) -> None:
    """Two typos side by side: the quarter's ordinal, or the keyword, is read again once the other
    typo is mended (偷1个季度 had been answered with every quarter, 前亿了 with the rank 第七位)."""
    assert meant in engine.matcher.mender.mend(normalize(typed))

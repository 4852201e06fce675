"""Normalization: every way of writing the same question meets the same comparable form."""

import pytest

from bot.normalize import language, normalize, normalize_all


@pytest.mark.parametrize(
    ("variants", "form"),
    [
        (["三季度", "3季度", "第三季度", "第3季度", "Q3", "q3", "３季度", "三季", "叁季度"], "3季度"),
        (["一季度", "第一季度", "头一个季度", "Q1"], "1季度"),
        (["third quarter", "3rd quarter", "third-quarter", "Q3", "quarter 3", "3Q"], "3季度"),
        (["前三季度", "前3季度", "Q1-Q3", "first three quarters", "1-3季度", "头三个季度",
          "1-9月", "1至9月份", "前9个月", "今年到三季度", "截至三季度末", "年初至第三季度"], "前3季度"),
        (["上半年", "前两个季度", "前2季度", "头两个季度", "first half", "H1", "first two quarters", "今年到二季度"],
         "1、2季度合计"),
        (["下半年", "second half", "H2"], "3、4季度合计"),
        (["一季度到三季度", "第一季度至第三季度", "Q1 to Q3", "一二三季度", "三个季度"], "1、2、3季度"),
        (["二季度到三季度", "Q2 through Q3", "2-3季度"], "2、3季度"),
        (["九月二十九日", "9月29号", "9月29日", "Sept. 29th", "29 September", "september 29",
          "9.29", "9/29", "9-29", "09/29"], "9月29日"),
    ],
)
def test_variants_meet(variants: list[str], form: str) -> None:
    for v in variants:
        assert normalize(v) == form, v


def test_traditional_width_case_punctuation() -> None:
    assert normalize("餘杭第三季度雙集中總投資多少？") == normalize("余杭第三季度双集中总投资多少?")
    assert normalize("ＡＢＣ　１２３！") == "abc 123"


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("一千二百二十八点四一平方公里", "1228.41平方公里"),
        ("近一千八百亿元", "近1800亿元"),
        ("十八天", "18天"),
        ("十余个项目", "10余个项目"),
        ("二〇二〇年", "2020年"),
        ("一二三季度", "1、2、3季度"),
        ("一、二、三季度", "1、2、3季度"),  # each numeral of a list before its measure word
        ("一季度跟二季度", "1季度跟2季度"),
        ("一和两个", "1和2个"),
        ("第一家", "第1家"),
        ("1228.41平方公里", "1228.41平方公里"),
        ("2.5亿元", "2.5亿元"),
        ("1.2 billion yuan", "12亿元"),  # a figure, not 1月2日
        ("55.6 billion yuan", "556亿元"),  # English amounts as the article writes them
        ("RMB 6bn", "60亿元"),
        ("2 billion-yuan project", "20亿元 project"),
        ("3.5b", "3.5b"),
        ("q1-q3", "前3季度"),
    ],
)
def test_numerals_become_arabic(text: str, form: str) -> None:
    assert normalize(text) == form


@pytest.mark.parametrize("word", ["三足鼎立", "一共", "一半", "十分", "统一", "百强区"])
def test_numeral_words_stay_words(word: str) -> None:
    assert normalize(word) == word


@pytest.mark.parametrize("text", ["", "   ", "😀😀😀", "\x00\x01\x02", "\ufffd\ufffd", "!!!???"])
def test_nothing_left_is_empty(text: str) -> None:
    assert normalize(text) == ""


def test_language() -> None:
    assert language("三季度投资") == "zh"
    assert language("How much in Q3?") == "en"
    assert language("Q3双集中") == "zh"


def test_opencc_leaves_ascii_alone() -> None:
    """normalize skips OpenCC for ASCII text: every pair of ASCII characters converts to itself."""
    from bot.normalize import _T2S

    chars = [chr(i) for i in range(128)]
    assert all(_T2S.convert(a + b) == a + b for a in chars for b in chars)


def test_a_hundred_million_said_with_a_measure_word_is_the_figure() -> None:
    """600个亿, as said aloud, is 600亿; alone and in a batch alike."""
    assert normalize("是不是600个亿") == "是不是600亿"
    assert normalize_all(["是不是六百个亿", "3个亿吗", "三个项目"]) == ["是不是600亿", "3亿吗", "3个项目"]

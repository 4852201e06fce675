"""Find the figures a Chinese news paragraph states, encoded the way the fact base encodes them.

`draft` turns them into fact stubs and `check --coverage` lists the ones no fact quotes, so both
must agree on what a figure is: an amount, count, date, year, rank, area, duration or share as
written (`近1800亿元`, `十余个`, `9月29日`, `第七位`, `全省第一`, `其三`, `一半`). Numerals inside a
name are not figures (knowledge/README.md): book titles 《…》, short quoted names “六新”, a year
that only labels a quarter (2020年三季度), ordinals that are not ranks (第三方, 第一家).
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

CN_DIGITS = "零〇一二两三四五六七八九十百千万"
_CN = rf"[零〇一二两三四五六七八九十][{CN_DIGITS}]*"  # a Chinese numeral never starts with 百千万 (万家灯火)
_AR = r"\d+(?:\.\d+)?"
_NUM = rf"(?:{_AR}|{_CN})"
_NUM_BEFORE_UNIT = rf"(?:{_AR}|{_CN[:-1]}*?)"  # shortest: 五千万元 is 五千 万元, like 5000万元

# unit -> what a question about it asks for; longest first so that 平方公里 wins over 公里. A
# multiplier may stand before it (亿元, 万户, 万平方米): the unit is then written with it, as 556亿元's is.
_UNITS: dict[str, str] = {}
for _asks, _names in (
    ("amount", "元 美元 吨 千瓦时 公里 千米 米"),
    ("area", "平方公里 平方千米 平方米 公顷 亩"),
    ("count", "个 家 项 名 人 位 场 件 次 所 座 条 台 套 户 款 批次"),
    ("duration", "个月 小时 分钟 天 日 周 年"),
    ("share", "% ％ 成"),
):
    for _unit in _names.split():
        _UNITS[_unit] = _asks
_UNIT = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))

# words before or after a figure that make it approximate, mapped to the fact base's qualifiers
_PREFIX = {"近": "近", "将近": "近", "接近": "近", "超过": "超过", "超过了": "超过", "超": "超过", "逾": "超过",
           "约": "约", "大约": "约"}
_SUFFIX = {"左右": "约", "以上": "超过"}
_PRE = "|".join(sorted(_PREFIX, key=len, reverse=True))
# the article's time words a year may label instead of being a figure of its own
_PERIOD = r"(?:[一二三四1-4]季度|第[一二三四1-4]季度|前[一二三1-3]季度|[上下]半年)"
# words before a bare ordinal that make it a rank (排名第三), where 第三方 is none
_RANK_VERB = r"(?:排名|位居|位列|名列|排在)"


@dataclass(frozen=True)
class Found:
    """One figure where it stands: `text` exactly as written, `start`/`end` its place in the paragraph."""

    text: str
    value: Decimal
    unit: str
    qualifier: str
    asks: str
    start: int
    end: int


_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_TENS = re.compile(r"([一二三四五六七八九])?十([一二三四五六七八九])?")


def number(text: str) -> Decimal:
    """The value of an Arabic or Chinese numeral (五十八 → 58); ValueError when it is not one (三四)."""
    if re.fullmatch(_AR, text):
        return Decimal(text)
    if len(text) == 1 and text in _CN_VALUE:
        return Decimal(_CN_VALUE[text])
    if m := _TENS.fullmatch(text):
        return Decimal(_CN_VALUE[m[1] or "一"] * 10 + _CN_VALUE[m[2] or "零"])
    if not any(c in "百千万" for c in text):
        raise ValueError(text)  # 三四个 is an estimate, not one figure
    import cn2an  # only for numerals with 百千万: its import takes longer than drafting a whole article

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return Decimal(str(cn2an.cn2an(text, "smart")))
        except (KeyError, IndexError) as e:
            raise ValueError(text) from e


def _amount(m: re.Match[str], year: int) -> tuple[Decimal, str, str, str]:
    base = "%" if m["unit"] == "％" else m["unit"]
    post = m["post"] or m["post2"] or ""
    qualifier = _PREFIX.get(m["pre"] or "") or post or _SUFFIX.get(m["suf"] or "", "")
    if base == "年" and _is_year(m):
        return Decimal(m["num"]), "年", "", "year"  # 2018年 is a year, 3年 a duration
    return number(m["num"]), (m["mult"] or "") + base, qualifier, _UNITS[base]


def _is_year(m: re.Match[str]) -> bool:
    return re.fullmatch(r"(?:19|20)\d\d", m["num"]) is not None and not (m["mult"] or m["post"] or m["post2"])


def _date(m: re.Match[str], year: int) -> tuple[Decimal, str, str, str]:
    y = int(m["y"]) if m["y"] else year
    return Decimal(f"{y:04d}{int(m['m']):02d}{int(m['d']):02d}"), "日期", "", "date"


def _rank(m: re.Match[str], year: int) -> tuple[Decimal, str, str, str]:
    return number(m["n"]), "位", "", "rank"


def _of_them(m: re.Match[str], year: int) -> tuple[Decimal, str, str, str]:
    return number(m["n"]), "个", "", "count"


def _share(m: re.Match[str], year: int) -> tuple[Decimal, str, str, str]:
    if m["whole"]:
        return (number(m["part"]) / number(m["whole"])).normalize(), "比例", "", "share"
    if m["pct"]:
        return number(m["pct"]), "%", "", "share"
    return Decimal("0.5"), "比例", "", "share"


Parser = Callable[[re.Match[str], int], tuple[Decimal, str, str, str]]

# each pattern's group `fig` is the figure's text; where matches overlap the one starting first wins,
# then the longer, then the one listed first
_PATTERNS: tuple[tuple[re.Pattern[str], Parser], ...] = (
    (re.compile(r"(?P<fig>(?:(?P<y>(?:19|20)\d\d)年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号])"), _date),
    (re.compile(rf"(?P<fig>(?:全(?:国|省|市|区|球))?第(?P<n>\d+|{_CN})(?:位|名)?)"), _rank),
    (re.compile(r"(?<=[拥占有据])(?P<fig>其(?P<n>[一二三四五六七八九十]))"), _of_them),
    (re.compile(rf"(?P<fig>(?P<whole>{_NUM})分之(?P<part>{_NUM})|百分之(?P<pct>{_NUM})|一半|半数)"), _share),
    (re.compile(rf"(?<![\d.第{CN_DIGITS}])(?P<fig>(?P<pre>{_PRE})?(?P<num>{_NUM_BEFORE_UNIT})(?P<post>余|多)?"
                rf"(?P<mult>万亿|亿|万)?(?P<post2>余|多)?(?P<unit>{_UNIT})(?P<suf>左右|以上)?)"), _amount),
)
_NAMES = re.compile(r"《[^》]*》|“[^“”，。,；;！!？?]{1,20}”")
_INDEFINITE = "一"  # 一个项目, 一家企业: an article, not a count (两家 is one)


def _keep(m: re.Match[str], parser: Parser) -> bool:
    """Drop matches that are names or words rather than figures."""
    if parser is _rank:
        scoped = m["fig"].startswith("全") or m["fig"][-1] in "位名"
        before = m.string[max(0, m.start() - 2):m.start()]
        return scoped or re.fullmatch(_RANK_VERB, before) is not None
    if parser is _amount:
        if m["unit"] == "年" and _is_year(m):
            return re.match(_PERIOD, m.string[m.end():]) is None  # 2020年三季度 labels a quarter
        if m["unit"] == "日" and re.fullmatch(_AR, m["num"]):
            return False  # 截至10日 is a day of the month, not ten days
        counting = _UNITS[m["unit"]] == "count" or m["unit"] == "成"  # 一成不变
        return not (counting and m["num"] == _INDEFINITE and not (m["pre"] or m["post"] or m["mult"]))
    return True


def find(paragraph: str, year: int) -> list[Found]:
    """The figures of one paragraph in reading order; `year` dates a 9月29日 that names none."""
    names = [(n.start(), n.end()) for n in _NAMES.finditer(paragraph)]
    candidates: list[tuple[int, int, int, re.Match[str], Parser]] = []
    for rank, (pattern, parser) in enumerate(_PATTERNS):
        for m in pattern.finditer(paragraph):
            start, end = m.span("fig")
            if _keep(m, parser) and not any(a <= start and end <= b for a, b in names):
                candidates.append((start, -(end - start), rank, m, parser))
    out: list[Found] = []
    taken_until = 0
    for start, _, _, m, parser in sorted(candidates, key=lambda c: c[:3]):
        if start < taken_until:
            continue
        try:
            value, unit, qualifier, asks = parser(m, year)
        except ValueError:  # not one number (三四个)
            continue
        out.append(Found(m["fig"], value, unit, qualifier, asks, start, m.end("fig")))
        taken_until = m.end("fig")
    return out


def article_year(paragraphs: Iterable[str]) -> int | None:
    """The year the article names most often: news dates 9月29日 without one mean that year."""
    years = Counter(int(y) for p in paragraphs for y in re.findall(r"(?<!\d)((?:19|20)\d\d)年", p))
    return years.most_common(1)[0][0] if years else None

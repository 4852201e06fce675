"""Text → comparable form.

Questions and the fact base's phrasings go through the same function, so a user's 餘杭 Q3,
三季度 or "third quarter" meets the curator's 第三季度 on equal terms. Libraries do the parts
they do best (OpenCC for traditional characters, cn2an for a numeral's value); what is written
here is only deciding *which* runs of Chinese numerals are numbers (三季度 yes, 三足鼎立 no).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
import warnings
from bisect import bisect
from collections.abc import Callable, Sequence
from functools import cache, lru_cache, wraps
from typing import TypeVar

import opencc

from bot.kept import Kept

_T2S = opencc.OpenCC("t2s")

_DIGITS = "零〇一二两三四五六七八九"
DIGIT_VALUE = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "两": "2"}
_FINANCIAL = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")  # 叁季度 as on a cheque
# A run of numerals holding a digit or 十, whole (a run of 亿 or 点 alone is a word: 亿元, 重点). Written
# to start with a character of the run (then a digit it is or comes to), so that re looks for those
# characters only instead of trying the pattern at each: the numerals step takes a third less time.
_NUMERAL_RUN = re.compile(f"[{_DIGITS}十百千万亿点](?:(?<=[{_DIGITS}十])|[百千万亿点]*[{_DIGITS}十])[{_DIGITS}十百千万亿点]*")
# A lone numeral is a number only before a measure word (三季度, 两个, 十余个) or after 第.
_MEASURE = set("个家位项天年月日号季名亿万元倍批期条场余多%")
_ENGLISH_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")]
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_pattern = cache(re.compile)  # a pattern compiled on first use, once
_A, _Z = r"(?<![a-z0-9])", r"(?![a-z0-9])"  # word edges that also hold next to Chinese
_MONTH_WORD, _DAY_DIGIT = re.compile("jan|feb|mar|apr|may|ju[nl]|aug|sep|oct|nov|dec"), re.compile("[1-9]")


def _tenfold(number: str) -> str:
    """A number of billions as 亿 (tens of billions of 亿 would be 万亿, which no article here has)."""
    whole, _, frac = number.partition(".")
    digits = (whole + frac[:1] + "0" * (1 - len(frac[:1]))).lstrip("0") or "0"
    return f"{digits}.{frac[1:]}".rstrip(".") if frac[1:] else digits


def _month_and_day(text: str) -> bool:
    """Whether an English date (Sept 29, 29th of September) may be in the text: a month's name
    and a digit, which each of its days has."""
    return _DAY_DIGIT.search(text) is not None and _MONTH_WORD.search(text) is not None


def _quarter_range(first: int, last: int) -> str:
    """Q1 to Q3 as the quarters it spans (" 1、2、3季度 "); empty when it is no range (3到1)."""
    return " " + "、".join(str(q) for q in range(first, last + 1)) + "季度 " if first < last else ""


# Each rewrite with a test that is true whenever its pattern can match (a character or word its
# every alternative needs): most texts need few of the twenty rewrites, and an `in` test costs a
# fraction of a failing re.sub. `latin` says whether the text has ASCII letters at all; no rewrite
# writes one, so it holds from the first rewrite to the last. Patterns are compiled on first use
# (_pattern): a process given its forms by the disk cache (bot.formcache) needs few of them.
_Needs = Callable[[str, bool], bool]
_REWRITES: list[tuple[_Needs, str, object]] = [
    # the first three quarters, in any of its forms (今年到三季度, 截至三季度末) → 前3季度
    (lambda t, latin: (("3" in t or "three" in t) and ("季" in t or "q" in t)) or ("9" in t and "月" in t),
     (r"(?=[前头1qftu今年截])(?:[前头]\s*3\s*个?\s*季度?|1\s*[-~–—至到]\s*3\s*季度|q1\s*[-~–—至到]\s*q?3|"
                r"(?:(?:今年|年初)(?:以来)?\s*(?:到|至|截至|截止到?)|截至|截止到?)\s*第?\s*3\s*季度(?:末|底|为止)?|"
                r"(?:first|1st)\s+(?:three|3)\s+quarters?|(?<![\d.])1\s*[-~–—至到]\s*9\s*月份?|[前头]\s*9\s*个\s*月|"
                r"(?<![a-z])(?<!q[1-4]\s)(?<![1-4]q\s)(?:through|thru|up\s+to)\s+(?:the\s+end\s+of\s+)?(?:q3|3q)(?![a-z\d]))"),
     " 前3季度 "),  # through Q3 (YTD investment through Q3): the first three quarters
    # a range of quarters (一季度到三季度, Q2-Q3, from Q1 to Q3) → each of them: 1、2、3季度
    (lambda t, latin: ("季度" in t or "q" in t)
     and any(map(t.__contains__, ("到", "至", "~", "-", "—", "–", "to", "thr", "until"))),
     (r"(?=[f第1-4q])(?:from\s+)?(?:第?([1-4])\s*(?:季度?)?|q([1-4]))\s*(?:到|至|~|-|—|–|to|through|thru|until)\s*(?:第?([1-4])\s*季度|q([1-4]))"),
     lambda m: _quarter_range(int(m.group(1) or m.group(2)), int(m.group(3) or m.group(4))) or m.group()),
    # the three quarters (三个季度, 这3个季度, all three quarters) → 1、2、3季度; 前三个季度 was read above
    (lambda t, latin: ("个" in t and "季度" in t) or (latin and "quarters" in t),
     (r"(?=[3at])(?:(?<![前头第\d])3\s*个\s*季度|(?<![a-z])(?:the|all|these|those)\s+(?:three|3)\s+quarters(?![a-z]))"), " 1、2、3季度 "),
    # the first half year, first two quarters → 1、2季度 together (合计); the second half → 3、4季度
    (lambda t, latin: ("季" in t and ("前" in t or "头" in t or "到" in t or "截" in t)) or "上半年" in t
     or (latin and ("quarter" in t or "half" in t or "h1" in t)),
     (r"(?=[前头上f1h今年截])(?:[前头]\s*2\s*个?\s*季度?|上半年|(?:(?:今年|年初)(?:以来)?\s*(?:到|至|截至|截止到?)|截至|截止到?)\s*第?\s*2\s*季度(?:末|底|为止)?|(?:first|1st)\s+(?:two|2)\s+quarters?|(?<![a-z])(?:first\s+half(?:\s+of\s+the\s+year)?|h1)(?![a-z]))"),
     " 1、2季度合计 "),  # a half year is the two quarters together
    (lambda t, latin: "下半年" in t or (latin and ("half" in t or "h2" in t)),
     (r"(?=[下s2h])(?:下半年|(?:second|2nd)\s+half(?:\s+of\s+the\s+year)?|(?<![a-z])h2(?![a-z]))"), " 3、4季度合计 "),
    # the whole year is its four quarters together: an article about three of them does not give it
    (lambda t, latin: "全年" in t or "整年" in t or (latin and ("full" in t or "whole" in t)),
     (r"(?=[全整fw])(?:全年度?|整年|(?:full|whole)[\s-]+year)"), " 1、2、3、4季度合计 "),
    (lambda t, latin: latin and "q" in t,
     (rf"(?=[q1-4])(?:{_A}q\s*([1-4]){_Z}|{_A}([1-4])\s*q{_Z})"), lambda m: f" {m.group(1) or m.group(2)}季度 "),
    (lambda t, latin: latin and "quarter" in t,
     (rf"(?=[fst1-4]){_A}((?:first|second|third|fourth|1st|2nd|3rd|4th)(?:\s*(?:,|and|&|\+)\s*"
                rf"(?:first|second|third|fourth|1st|2nd|3rd|4th))+)\s+quarters?"),
     lambda m: " " + "、".join(f"{_ENGLISH_ORDINAL[w]}季度" for w in re.findall(r"[a-z0-9]+", m.group(1))
                               if w in _ENGLISH_ORDINAL) + " "),
    (lambda t, latin: latin and "quarter" in t,
     (rf"(?=[fst1-4]){_A}(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter"),
     lambda m: f" {_ENGLISH_ORDINAL[m.group(1)]}季度 "),
    (lambda t, latin: latin and "quarter" in t, (rf"quarter\s+([1-4]){_Z}"), r" \1季度 "),
    (lambda t, latin: ("第" in t or "头" in t) and "季" in t, (r"(?:第\s*([1-4])|头\s*(1))\s*个?\s*季度?"),
     lambda m: f"{m.group(1) or m.group(2)}季度"),
    (lambda t, latin: t.count("季") > t.count("季度"), (r"(?=[1-4])(?<![\d.])([1-4])\s*季(?!度)"), r"\1季度"),
    # English amounts as the article writes them: 6 billion yuan → 60亿元, rmb 55.6bn → 556亿元
    (lambda t, latin: latin and ("billion" in t or "bn" in t),
     (rf"(?=[rc\d])(?:(?:rmb|cny)\s*)?(?<![\d.])(\d+(?:\.\d+)?)\s*(?:billion|bn){_Z}(\s*-?\s*(?:yuan|rmb|cny){_Z})?"),
     lambda m: f" {_tenfold(m.group(1))}亿{'元' if m.group(2) or m.group().startswith(('rmb', 'cny')) else ''} "),
    # 600个亿, as said aloud → 600亿
    (lambda t, latin: "个亿" in t or "个万" in t, r"(?<=\d)个(?=亿|万)", ""),
    # dates → 9月29日
    (lambda t, latin: "月" in t, (r"(?=\d)(?<!\d)(1[0-2]|0?[1-9])\s*月\s*([12]\d|3[01]|0?[1-9])\s*[日号]?"),
     lambda m: f"{int(m.group(1))}月{int(m.group(2))}日"),
    (lambda t, latin: latin and _month_and_day(t), (rf"(?=[adfjmnos]){_A}({_MONTH_RE})\.?\s+([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?{_Z}"),
     lambda m: f" {_MONTHS[m.group(1)]}月{int(m.group(2))}日 "),
    (lambda t, latin: latin and _month_and_day(t), (rf"(?=\d){_A}([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE}){_Z}"),
     lambda m: f" {_MONTHS[m.group(2)]}月{int(m.group(1))}日 "),
]

# What every rewrite needs one of (each test above implies it): 季 or q (quarters, Q3), 月 or an
# English month (dates), a half year (半年, half, h1, h2), billions and 个亿 (amounts).
_REWRITTEN = re.compile(f"季|q|月|半年|全年|整年|half|full|whole|h[12]|billion|bn|个亿|个万|{_MONTH_WORD.pattern}")

_CJK = r"\u3400-\u9fff"
_DENSE = rf"[{_CJK}\d.%、]"
_DASH, _PLUS = r"[-~]", r"\s*\+\s*"
_HAS_LATIN, _HAS_LOWER_LATIN = re.compile("[A-Za-z]"), re.compile("[a-z]")
_LATIN_WORD, _CHINESE_CHAR = re.compile("[A-Za-z]+"), re.compile("[\u3400-\u9fff]")
# a space between Chinese runs goes; one between two numbers stays (1 2 3季度 is three quarters).
# Written to start with the space (its character before read behind it), so that re looks for
# spaces only instead of trying the whole pattern at each character: five times faster.
_SPACE_NEAR_CJK = rf"\s(?<={_DENSE}\s)(?:\s*(?={_DENSE})(?<!\d\s)|\s*(?=[{_CJK}.%、]))"


@lru_cache(maxsize=4096)  # a base's numerals are a few hundred runs
def _numeral_form(run: str) -> tuple[str, bool]:
    """The Arabic form of one run of Chinese numerals (the run unchanged when it is a word), and
    whether it is a lone numeral, which is a number only in its context (_numeral): the form of
    every other run is the run's alone, so a batch's tens of thousands of runs are worked out once each."""
    core = run.strip("点")
    unit = ""
    while core and core[-1] in "万亿" and len(core) > 1:
        unit = core[-1] + unit
        core = core[:-1]
    lone = len(core) == 1 and not unit
    if all(c in _DIGITS for c in core):
        digits = [DIGIT_VALUE[c] for c in core]
        if len(core) == 1 or "〇" in core or "零" in core or len(core) >= 4:
            return "".join(digits) + unit, lone  # 三, 二〇二〇
        return "、".join(digits) + unit, lone  # 一二三季度 is a list of quarters, not 123
    if core == "十":
        return "10" + unit, lone
    import cn2an  # only for numbers with 十百千点 (五十八, 一千二百二十八点四一): its import costs 0.15 s

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = cn2an.cn2an(core, "smart")
    except (ValueError, KeyError, IndexError):
        return run, lone
    return f"{value}{unit}", lone


def _numeral(m: re.Match[str]) -> str:
    """The Arabic form of the run of Chinese numerals matched, or the run unchanged when it is a word.
    A lone numeral is a number only before a measure word, in a list of them, or after 第."""
    run = m.group()
    form, lone = _numeral_form(run)
    if lone:
        text, start, end = m.string, m.start(), m.end()
        after = text[end : end + 12]
        if not (after[:1] in _MEASURE or text[max(0, start - 1) : start] == "第" or _LISTED.match(after)):
            return run  # 三足鼎立, 十分, 一半
    return form


# a numeral listed before others that end in a measure word: 一 and 二 of 一、二、三季度, 一 of 一到三季度
_LISTED = re.compile(f"[、,和与及跟或到至]\\s*[{_DIGITS}](?:[、,和与及跟或]\\s*[{_DIGITS}])*\\s*[季个家位项名]")


def _arabic_numerals(text: str) -> str:
    return _NUMERAL_RUN.sub(_numeral, text) if _NUMERAL_RUN.search(text) else text


_BLANKS_CACHED = 8192  # every character of the fact base and of real questions, with room to spare


class _Blanks(dict):
    """str.translate table: punctuation, symbols, control and space characters become spaces
    (each character's category looked up once); % ~ + . and 、 carry meaning and stay, dashes
    become -. At most _BLANKS_CACHED characters are kept: random unicode would otherwise fill it
    with a million."""

    def __missing__(self, char: int) -> str | int:
        c = chr(char)
        category = unicodedata.category(c)
        blank = "-" if category == "Pd" else " " if category[0] in "PSCZ" and c not in "%~+.、" else char
        if len(self) < _BLANKS_CACHED:
            self[char] = blank
        return blank


_BLANKS = _Blanks(_FINANCIAL)  # one translate: the financial numerals are letters, never blanked
_STRAY_DOT = r"(?=\.)(?:(?<!\d)\.|\.(?!\d))"  # a dot stays only inside a number: 1228.41
# 9.29, 9/29, 9-29 as users type dates; read before punctuation goes. A figure such as 1228.41,
# 2.5亿, 3.5% or 1.2 billion keeps its dot: a date has a one- or two-digit month and no unit after it.
_NO_UNIT_AFTER = (r"(?![\d.%]|\s*(?:亿|万|元|倍|个|家|平|季|月|日|号|年|位|天|%|billion|million|trillion|thousand|"
                  r"bn|mn|yuan|rmb|percent|per\s*cent|times|points?|[bmk](?![a-z])))")
_NUMERIC_DATE = (r"(?=\d)(?<![\d.])(?:((?:19|20)\d\d)\s*[./\-–—]\s*)?(1[0-2]|0?[1-9])\s*[./\-–—]\s*(3[01]|[12]\d|0?[1-9])"
                 + _NO_UNIT_AFTER)
# 0916, 0929 as typed for 9月16日: a month with its leading zero, then the day, and no unit after
_COMPACT_DATE = r"(?=0)(?<![\d.])0([1-9])(3[01]|[12]\d|0[1-9])" + _NO_UNIT_AFTER


def _numeric_date(m: re.Match[str]) -> str:
    return f"{m.group(1) + '年' if m.group(1) else ''}{int(m.group(2))}月{int(m.group(3))}日"


def _clean(text: str) -> str:
    """Width, case, traditional characters; punctuation, symbols and control characters to spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if any(sep in text for sep in "./-–—"):  # each numeric date has one of them
        text = _pattern(_NUMERIC_DATE).sub(_numeric_date, text)
    if "0" in text:
        text = _pattern(_COMPACT_DATE).sub(lambda m: f"{m.group(1)}月{int(m.group(2))}日", text)
    if not text.isascii():  # OpenCC leaves ASCII alone (tests/test_normalize.py)
        if "乾" in text:  # 乾 before a number is 前 typed by its sound (乾三季度), not OpenCC's 干
            text = _pattern(r"乾(?=\s*(?:[\d一二两三四五六七八九十]|个|几))").sub("前", text)
        text = _T2S.convert(text)
    text = text.translate(_BLANKS)
    return _pattern(_STRAY_DOT).sub(" ", text) if "." in text else text


CACHED_CHARS = 200  # no real question is longer: longer texts are worked out each time, never kept
_T = TypeVar("_T")


def cache_short(maxsize: int, max_chars: int = CACHED_CHARS) -> Callable[[Callable[..., _T]], Callable[..., _T]]:
    """lru_cache for a function of a text (and other hashable arguments after it), for texts of at
    most `max_chars` characters only: a batch of long hostile lines must not fill memory. Keeps
    cache_info() and cache_clear()."""

    def wrap(fn: Callable[..., _T]) -> Callable[..., _T]:
        cached = lru_cache(maxsize=maxsize)(fn)

        @wraps(fn)
        def call(text: str, *args: object) -> _T:
            return cached(text, *args) if len(text) <= max_chars else fn(text, *args)

        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return call

    return wrap


# Forms worked out by an earlier process (bot.formcache's disk cache, checked against this code and
# these libraries), and those worked out here while the cache records them.
KEPT: Kept[str, str] = Kept()


@cache_short(maxsize=8192)  # the matcher asks for a text more than once; users ask the same questions
def normalize(text: str) -> str:
    """The comparable form of a question or phrasing: simplified, half-width, lowercase, Arabic
    numerals, canonical quarters (3季度, 前3季度) and dates (9月29日), no punctuation."""
    form = KEPT.given.get(text)
    if form is None:
        form = _normalize(text)
        KEPT.record({text: form})
    return form


SEP = "\ue000"  # joins a batch: a private-use character, which no text normalize_all batches holds
_BLANKS_JOINED = _Blanks({**_FINANCIAL, ord(SEP): SEP})  # _BLANKS, but SEP stays
_BATCH = 4096  # texts per batch: a few hundred kB joined


def normalize_all(texts: Sequence[str]) -> list[str]:
    """[normalize(t) for t in texts], the same forms, worked out in batches: building a Matcher
    normalizes every phrasing of the base (100,000 of them), and one call of each step over the
    texts that need it costs less than one per text. Texts in a batch are joined by SEP, which no
    step writes, removes, crosses or reads past: no pattern's character class or lookaround holds
    it, NFKC and OpenCC change no character next to it, and each text's own spaces are put
    right apart. Forms given (bot.formcache) are taken; those worked out are recorded."""
    forms: dict[str, str] = {}
    todo: list[str] = []
    for text in dict.fromkeys(texts):
        form = KEPT.given.get(text)
        if form is not None:
            forms[text] = form
        elif SEP in text:
            forms[text] = _normalize(text)
        else:
            todo.append(text)
    for start in range(0, len(todo), _BATCH):
        batch = todo[start : start + _BATCH]
        forms.update(zip(batch, _normalize_batch(batch), strict=True))
    if KEPT.recording_now:
        KEPT.record({text: forms[text] for text in forms if text not in KEPT.given})
    return [forms[text] for text in texts]


_DATE_SEPARATOR = "[./\\-–—]"  # each numeric date has one of them


def _holding(segments: list[str], pattern: re.Pattern[str]) -> list[int]:
    """The segments that hold a match of `pattern` (one that never crosses SEP), found in one
    search of them all joined instead of a test of each: few hold one."""
    starts = list(itertools.accumulate((len(s) + 1 for s in segments), initial=0))
    return list(dict.fromkeys(bisect(starts, m.start()) - 1 for m in pattern.finditer(SEP.join(segments))))


def _apply(segments: list[str], which: list[int], step: Callable[[str], str]) -> None:
    """segments[i] = step(segments[i]) for each i in `which`, in one call of `step`."""
    if which:
        done = step(SEP.join([segments[i] for i in which])).split(SEP)
        for i, text in zip(which, done, strict=True):
            segments[i] = text


def _normalize_batch(texts: list[str]) -> list[str]:
    """_normalize of each text, step by step as it takes them, each step over the texts it takes."""
    # NFKC only of the texts it changes: a text it would change (a full-width comma) made it decompose
    # and recompose the whole batch, a third of the batch's time
    nfkc = [t if unicodedata.is_normalized("NFKC", t) else unicodedata.normalize("NFKC", t) for t in texts]
    segs = SEP.join(nfkc).casefold().split(SEP)
    _apply(segs, _holding(segs, _pattern(_DATE_SEPARATOR)),
           lambda t: _pattern(_NUMERIC_DATE).sub(_numeric_date, t))
    _apply(segs, [i for i, t in enumerate(segs) if not t.isascii()], _T2S.convert)
    segs = SEP.join(segs).translate(_BLANKS_JOINED).split(SEP)
    _apply(segs, [i for i, t in enumerate(segs) if "." in t], lambda t: _pattern(_STRAY_DOT).sub(" ", t))
    segs = _arabic_numerals(SEP.join(segs)).split(SEP)
    # a text with no word any rewrite needs is left out of their twenty tests at once
    rewritten = [i for i, t in enumerate(segs) if _REWRITTEN.search(t)]
    latin = {i: _HAS_LOWER_LATIN.search(segs[i]) is not None for i in rewritten}
    for needs, source, repl in _REWRITES:
        _apply(segs, [i for i in rewritten if needs(segs[i], latin[i])],
               lambda t, source=source, repl=repl: _pattern(source).sub(repl, t))  # type: ignore[misc]
    _apply(segs, [i for i, t in enumerate(segs) if "-" in t or "~" in t], lambda t: _pattern(_DASH).sub(" ", t))
    _apply(segs, [i for i, t in enumerate(segs) if "+" in t], lambda t: _pattern(_PLUS).sub("+", t))
    segs = [" ".join(t.split()) for t in segs]
    _apply(segs, [i for i, t in enumerate(segs) if " " in t], lambda t: _pattern(_SPACE_NEAR_CJK).sub("", t))
    return segs


def _normalize(text: str) -> str:
    text = _arabic_numerals(_clean(text))
    latin = _HAS_LOWER_LATIN.search(text) is not None
    for needs, source, repl in _REWRITES:
        if needs(text, latin):
            text = _pattern(source).sub(repl, text)  # type: ignore[arg-type]
    if "-" in text or "~" in text:
        text = _pattern(_DASH).sub(" ", text)
    if "+" in text:
        text = _pattern(_PLUS).sub("+", text)
    text = " ".join(text.split())  # runs of spaces as one, none at the ends
    return _pattern(_SPACE_NEAR_CJK).sub("", text) if " " in text else text


def has_chinese(text: str) -> bool:
    """Whether the text holds a Chinese character (U+3400–U+9FFF): as a regex class each pattern
    holding the range costs 2–4 ms to compile, at every start-up; ASCII text is told in C."""
    return not text.isascii() and any("\u3400" <= c <= "\u9fff" for c in text)


def language(text: str) -> str:
    """'en' for a text in English words, though it may quote a Chinese name or figure ("How much of
    the Q3 556亿元 is …": more words than Chinese characters, and three or more); else 'zh'."""
    if not has_chinese(text):
        return "en" if _HAS_LATIN.search(text) else "zh"
    words = len(_LATIN_WORD.findall(text))
    return "en" if words >= 3 and words > len(_CHINESE_CHAR.findall(text)) else "zh"

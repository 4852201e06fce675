"""Question → Match: which facts answer it, how sure we are, and what to offer when not.

Scoring is rapidfuzz over precomputed normalized phrasings; the decision is not. A fact is a
candidate only when the question's slots (quarter, date, zone, project…) agree with the fact's,
and a slot value that no fact carries (the fourth quarter, 2021, another district) declines the
question outright. A wrong figure is worse than no answer, so every doubt ends in a decline.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import math
import operator
import re
import sys
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, cached_property, partial
from typing import cast

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from bot.answer import Kind
from bot.clauses import ASKING_ZH, clauses
from bot.clauses import asks as clause_asks
from bot.collector import paused
from bot.compute import Calculator
from bot.config import MatchSettings
from bot.explain import Explanation, en_stem, said_by, units
from bot.kept import Kept
from bot.lexicon import WHEN, Lexicon, pattern
from bot.mend import Mender, pairs_of, pieces
from bot.model import Document, Fact, Figure, Knowledge, Series
from bot.normalize import DIGIT_VALUE, SEP, cache_short, has_chinese, language, normalize, normalize_all
from bot.operations import OPERATIONS, Computation, Portion, Shortfall, day, fmt
from bot.operations import value as figure_value  # match.py's own `value`s are loop variables
from bot.slots import PHOTO_NOUN, TIME_KINDS, SlotReader, Slots
from bot.tables import common_words, pinyin_like

_CHUNK = 100  # facts whose forms are derived together: enough to spare a step per fact; few enough that their
# intermediates die young (a chunk of 1,000 kept so many alive that full garbage collections cost 2 s)
_BITS_FROM = 2000  # a word of more facts finds them for _ranked_large as bits, in groups: a step per fact costs more
_MIN_FUZZY = 40  # below this a phrasing says nothing (coverage still counts); skipping it saves time
_EXPLAINED_AT_ONCE = 8  # candidates _explaining explains together: two explaining it end the search
_TWO_WAY_KINDS = frozenset({"aspect", "section"})  # a fact with one answers only questions that name it
_ENTITY_KINDS = ("project", "lab", "person", "category")  # a figure of one is that thing's figure
_NAME_KINDS = (*_ENTITY_KINDS, "zone")  # a question naming one is about something named
_COMPARING = frozenset({"diff", "change", "ratio", "remainder"})  # two figures or nothing: never one fact's own
# a clause saying a scope of its own borrows no place (还想打造全国什么第一区 after 余杭叫浙江什么第一区)
_SCOPE = r"全国|全省|全市|全球|(?<![a-z])(?:national|nationwide|provincial)(?![a-z])"
_PLACE_KINDS = frozenset({"zone", "place"})  # a choice between two of them asks where
_SHARED_KINDS = frozenset({*_NAME_KINDS, "place", "doc", *TIME_KINDS})  # one clause's hold for the others
_QUANTITIES = frozenset({"amount", "count", "share", "area", "duration"})
_WHAT_HAPPENED = frozenset({"list", "name", "place", "person", "text"})  # 哪些/什么, not 多少
# a figure as a question states it, and as a fact's figure holds it (近1800亿元 holds 1800亿元)
# Most questions need few of the patterns below: those written as strings are compiled on first use
# (compiling them all took 9 ms of each one-shot ask).
_pattern = cache(re.compile)
# two quarters taken together and a quarter apart (1、2季度合计…3季度): two sides, not one total
_GROUP_AND_ONE = r"\d、\d季度合计.*?(?<![、\d])\d季度|(?<![、\d])\d季度.*?\d、\d季度合计"
_PER_ITEM = r"每一?[个家项](?:项目|企业|公司)|每一?[家项](?!季)|(?<![a-z])(?:per|each|every)\s+(?:project|company|firm)"
_LONE_BEFORE_QUARTER = r"(?:(?<![\u4e00-\u9fff\d])|(?<=[占比从在对较]))[一二两]\s*(?![、,和与及跟或到至个])[\u4e00-\u9fff]\s*[2-4]季度"
_PLUS_JOIN = r"[\u4e00-\u9fff\d](?<![增参追])加上?(?![起在一强快速大紧入])[\u4e00-\u9fff\d]"  # A加B: two things
# an attribute asking which one of a kind (哪个镇) is said by a fact naming one of that kind (瓶窑镇)
_WHICH_ONE = r"^哪[个家一]?(?=.)"
# where what a Chinese question knows already ends (除了白皮书|还有啥事, 除天下秀|外): its next words ask
_BESIDES_END = r"还|另外|也|[以之]?外|[，,]|什么|啥|哪|几|多少|谁"
_LOOKED_AT = 30  # facts further down the ranking are no answer: neither besides the known thing, nor a span's total
# (那58个项目 names the projects by their count, 那329亿 states the amount)
_STATED = re.compile(r"(?<![\d.这那每])\d+(?:\.\d+)?(?:亿元|亿|万元|万|个|家|位|天|平方公里)|(?<=[这那])\d+(?:\.\d+)?(?:亿元|亿|万元|万)")
_REFERRED_COUNT = r"(?<=[这那])(\d+)[个家项]"  # a count pointed at (那58个), no stated figure elsewhere (这3个季度)
# a count said of a whole, then a count asked within it: 60多家直播企业里MCN机构有几家
_COUNT_WITHIN = r"(\d+)[多余]?[个家项][^,，?？]{0,12}?(?:里面|里|当中|之中|中)[^,，?？]{0,12}?(?:几|多少)[个家项]"
_FEW = re.compile(r"[1-9](?:个|家|位)")
_SAID_MARGIN = 0.05  # tied facts saying this much less of the question answer another one
# the two sides of a share of one figure in another: 甲占乙的比例, what share of B is A, A as a share of B
_SHARE_OF_ZH = r"^(?P<part>.+?)(?:占|站|相当于|是)(?P<whole>.+?)的?(?:比例|比重|百分比|百分之|几成|多少|份额|%)"
# the whole said first: 浙江省级实验室里余杭占了百分之几, 556亿里天下秀占多少比例
_SHARE_IN_ZH = (r"^(?P<whole2>.+?)(?:里面|里头|里|之中|当中)(?P<part2>[^里]+?)(?:一个|一项)?就?占了?"
                r"(?:多少|百分之|比例|比重|几成|%)")
# the part said first, then where it is: 天下秀60亿在那58个签约项目总投资里占多少
_SHARE_AT_ZH = (r"^(?P<part>.+?)在(?P<whole>[^在里]+?)(?:里面|里头|里|之中|当中|中)占了?"
                r"(?:多少|百分之|比例|比重|几成|%)")
_SHARE_OF_EN = (r"(?:share|percentage|percent|proportion|fraction)\s+of\s+(?P<whole>.+?)\s+"
                r"(?:(?:came|comes|come|went|goes|go)\s+(?:from|to)|(?:is|are|was|were)\s+(?:from|accounted\s+for\s+by)"
                r"|is|are|was|were|does|do|did)\s+(?P<part>.+)"
                r"|^(?:what\s+is\s+)?(?P<part2>.+?)\s+as\s+a\s+(?:share|percentage|proportion)\s+of\s+(?P<whole2>.+)")


_LIST_GOES_ON = r"[、,，/;；&+]|(?<![a-z])(?:vs|versus|and|or)(?![a-z])|[和与及跟或]"  # names listed
_SPANS = frozenset("-~到至")  # a span of quarters, not a list of two
_QUARTER_SAID = r"(?<!前)\d季度"
# what may stand between two quarters a combining question names: a list, a range or an operation
_JOIN = r"[-~合同比较减加到至对占]|(?<![a-z])(?:to|plus|minus|through|until)(?![a-z])|" + _LIST_GOES_ON


_TIMES_ZH = r"^(?P<part>.+?)是(?P<whole>.+?)的?(?:几|多少)倍"
_TIMES_EN = (r"how\s+many\s+times\s+(?:bigger|larger|more|greater|higher|as\s+\S+\s+as\s+)?\s*(?:is|was|are)\s+"
             r"(?P<part>.+?)\s+(?:than|as)\s+(?P<whole>.+)|^(?:is\s+)?(?P<part2>.+?)\s+(?:is|was)\s+how\s+many\s+"
             r"times\s+(?P<whole2>.+)")


# a how-many-days-between question (白皮书发布到双集中隔了几天, between A and B): its two dates are
# told apart at one of the joins, tried in turn (阿里仁和数据中心 has a 和 in its name)
_GAP_ZH = r"^(?:从|由|距离|距)?(?P<dates>.+?)(?:中间|之间|期间|当中)?(?:一共|总共|相|间)?(?:隔|距|差|过|有)?了?(?:几|多少)天"
_GAP_AFTER_ZH = (r"^(?P<first>.+?)(?:(?:之后|以后|后)(?:又|再)?(?:过了?)?(?:几|多少)天|(?:过了?)?(?:几|多少)天(?:之|以)?后)"
                 r"(?:才|就|又)?(?P<then>.+)$")
_GAP_JOIN_ZH = r"到|至|和|与|跟|距离|距|离"
_HELD = r"(?:召开|举办|举行|开|办|搞)(?:了|的)?"  # an event's verb before it, on a how-many-days side
# each of two things said in words: what is joined before 各/分别, and what is asked after it
_EACH_ZH = r"^(?P<sides>.+?)(?:各自|各|分别)(?P<ask>.+)$"
_PERCENT = r"%|百分|几成|(?<![a-z])(?:percent|percentage|pct)(?![a-z])"
_WHICH_ALONE = r"哪(?:些|几[个家项位]?|\d+个)$"  # "which ones", asked of what the clause before names (余杭有哪几个)
_GAP_EN = r"(?:between|from)\s+(?P<dates>.+?)(?:[?.]|$)"
_GAP_JOIN_EN = r"\s+(?:and|to|until|till)\s+"
# what is left of a whole: 556亿里面除了那329亿剩下多少, 浙江省级实验室里不在余杭的有几个, how much of
# Q3's total was outside those categories
_LEFT_ZH = (r"^(?P<whole>.+?)(?:里面|里头|里|之中|当中|中)?(?:除了|除去|除掉|扣除|扣掉|扣去|刨去|刨掉|刨除|去掉|减掉|减去)(?P<part>.+?)(?:之外|以外)?"
            r"(?:剩下|剩余|还剩|其余|还有)|^(?P<whole2>.+?)(?:里面|里|之中|当中|中|有几个|有多少个?)?(?<![在是])(?:不在|不再|不属于|不是)(?P<part2>.+?)(?:的|$)")
_LEFT_EN = (r"how\s+much\s+of\s+(?P<whole>.+?)\s+(?:was|is|were|are)\s+"
            r"(?:outside|not\s+in|beyond|not\s+covered\s+by|not\s+accounted\s+for\s+by)\s+(?P<part>.+)")
# the two sides of a difference between two facts no series joins (天下秀估值比投资额多多少)
_DIFF_ZH = r"^(?P<part>.+?)比(?P<whole>.+?)(?:多|少|高|低|大|小)出?了?(?:多少|几)"
_DIFF_EN = (r"how\s+much\s+(?:more|less|bigger|higher|larger|smaller|lower)\s+(?:is|was|are|were)\s+"
            r"(?P<part>.+?)\s+than\s+(?P<whole>.+)")
_GAP_BETWEEN_EN = r"(?:gap|difference)\s+between\s+(?P<part>.+?)\s+and\s+(?P<whole>.+)"  # the first less the second
_SIDES = {"diff": (_DIFF_ZH, _DIFF_EN, _GAP_BETWEEN_EN), "share": (_SHARE_AT_ZH, _SHARE_IN_ZH, _SHARE_OF_ZH, _SHARE_OF_EN), "ratio": (_TIMES_ZH, _TIMES_EN), "remainder": (_LEFT_ZH, _LEFT_EN)}
# 前移5位, up 5 places, up five places
_EN_NUMBERS = {w: str(n) for n, w in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 1)}
_MOVE_STATED = re.compile(rf"(\d+|{'|'.join(_EN_NUMBERS)})\s*(?:位|名|places?|spots?|positions?|ranks?)(?![a-z])")
# where two things added are told apart (阿里仁和数据中心 has a 和 in its name: each is tried)
_ADDED_JOIN = r"加上|加|和|跟|与|以及|(?<![a-z])(?:and|plus)(?![a-z])"
# what a clause borrows only from a clause before it (招引是银下一句是啥？余杭被称作浙江经济第几区: no 浙江 in the first)
_BORROWED_BEFORE = (*_NAME_KINDS, "place")
# the number a shortfall question gives, and its unit (离1800亿还差多少)
_GIVEN = re.compile(r"(\d+(?:\.\d+)?)(亿元|亿|万元|万|个|家|年)?")
# an approximate figure taken at its number (按1800亿算, 按1800来算)
_TAKEN_AS = re.compile(r"按(\d+(?:\.\d+)?)(亿元|亿|万元|万|个|家)?来?(?:算|计算)")
# items a quote counts together: MCN机构、直播平台、供应链、大数据等 (the first with the words before it)
_LISTED_ITEMS = re.compile(r"([^,，。:：;；、]+(?:、[^,，。:：;；、等]{2,8})+)等")
_MEMBERS_ASKED = re.compile(r"具体|名单|哪(?:几|些)家|(?<![a-z])(?:names of|which ones)(?![a-z])")  # the members of a kind, by name
_GROUP_SAID = re.compile(r"等|[这那]些|[这那之一][类种样]")  # the items as a group: MCN、直播平台这类企业
_QUARTERS_LISTED = re.compile(r"\d\s*(?:季度)?\s*(?:、|和|与|及|跟|以及|到|至|-|~)\s*\d\s*季度")  # 1季度和2季度, 1、2、3季度
_NEARLY = ("近", "约", "接近", "将近")  # said before a number: the user knows it is approximate (近1800亿)
_ROUGHLY = re.compile(r"大约|大概|大致|差不多|粗略|粗算|估算|左右|约[为合占是等]")  # a rough answer asked for
_WHEREABOUTS = re.compile(r"(?:从|来自)[\u4e00-\u9fff]{2,4}?(?=过来|回来|赶来|来(?:的|考察|出差|旅游|玩|看看|投资))"
                          r"|(?<=我)在[\u4e00-\u9fff]{2,4}?(?=工作|上班|读书|上学|生活|出差)")
# 一个 is "a" (再问一个, 有个院士领衔了余杭一个实验室): no figure said to count with
_ONE = frozenset({"1个", "1家", "1位", "1天"})
# how much more or less a clause asks (三季度少了多少 after 跟一季度比): the comparison's, not a figure's own
_BY_HOW_MUCH = re.compile(r"(?<!最)[多少高低大小]了?(?:多少|几)")
# a clause pointing back at what the clause before counted (那批, 这些): those items
_POINTED_BACK = r"(?:那|这)(?:批|些)的?"
_COUNT_UNITS = frozenset({"个", "家", "项"})
# a side about the other side's thing: 它的投资额, 这个项目的投资额
_PRONOUN = re.compile(r"[它其]|[这该]个?项目|(?<![a-z])(?:it|its|this project)(?![a-z])")
_PORTIONS = {"share": "portion", "ratio": "ratio", "remainder": "remainder"}  # two facts' figures: which operation
# a list's next item after a name: its joiner, then its first word (two Chinese characters or a Latin word);
# a space alone joins only where the list names two already (manufacturing digital and talent projects)
_LIST_JOIN = r"[、,+/&]|以及|和|与|及|跟|\s(?:and|vs|or)\s"
_LISTED_NEXT = r"\s*(?:{join})\s*([\u4e00-\u9fff]{{2}}|[a-z]+)(?![a-z])"
_FIRST_WORD = r"[\u4e00-\u9fff]{2}(?=[\u4e00-\u9fff])|[a-z]+(?=[\s-])"  # of a longer name: 人才 of 人才配套
_QUOTED = r"[“「『\"]([^“”「」『』\"]{2,16})[”」』\"]"  # the article's words, quoted in a question


def _gap_splits(norm: str) -> list[tuple[str, str]]:
    """Each way of cutting a how-many-days question's dates part at a join, as (first, second)."""
    if m := _pattern(_GAP_AFTER_ZH).search(norm):  # 犀牛智造启用后过几天办的三季度双集中
        return [(m.group("first"), m.group("then"))]
    for whole, join in ((_GAP_ZH, _GAP_JOIN_ZH), (_GAP_EN, _GAP_JOIN_EN)):
        if m := _pattern(whole).search(norm):
            text = m.group("dates")
            return [(text[: j.start()], text[j.end():]) for j in _pattern(join).finditer(text) if j.start() and j.end() < len(text)]
    return []


def _portion_sides(norm: str, op: str) -> tuple[str, str] | None:
    """(part, whole) of a share or a remainder question, or (multiple, base) of a how-many-times
    one, as texts to match on their own."""
    for sides in _SIDES.get(op, ()):
        if m := _pattern(sides).search(norm):
            found = m.groupdict()
            return (found["part"], found["whole"]) if found.get("part") else (found["part2"], found["whole2"])
    return None


# a Chinese place name: two characters and what kind of place (鄞州区, 温州市), read after typo
# mending (百墙区 is a mistyped 百强区, no place); 的 ends a phrase, it is no name's (众望布艺的市值);
# the character after the suffix may make a word with it (市值), read by Mender.strange
_PLACE_NAME = r"((?:(?!的)[\u4e00-\u9fff]){2})(新区|区|县|市)(.?)"


def _places(norm: str) -> Iterator[re.Match[str]]:
    """The place names a normalized text says (a text with no 区, 县 or 市 says none)."""
    return _pattern(_PLACE_NAME).finditer(norm) if any(c in norm for c in "区县市") else iter(())


# how a normalized text says a time (bot.normalize writes them so)
# a quarter named (千三季度: a numeral the reader takes for no quarter, its 前 mistyped); not a number
# of quarters (平均一个季度, 两个季度)
_QUARTER_SAID = r"(?<![\d、])([\d一二三四两])\s*季度"
_NOT_OF = r"((?<![是在])不(?:在|再|属于|是))|(?<!除)(?:以外|之外)(?=的|还|有|[\u4e00-\u9fff]{0,4}(?:几|多少|哪|什么|啥|谁))"  # 不在余杭, 余杭以外
_AT_RANK = r"第(\d+)(?:名|位)?的?(?:是|为)?(?:哪|谁|那(?=个|家|一))"  # who holds a place: 排第二的是哪个区
_ORDINALS_EN = {"first": "1", "1st": "1", "no 1": "1", "number one": "1", "top": "1", "second": "2", "2nd": "2",
                "no 2": "2", "third": "3", "3rd": "3", "no 3": "3"}
# which district ranked first in the top 100 list: who holds a place, in English
_AT_RANK_EN = (r"(?<![a-z])(?:which|what)\s+(?:district|city|county|area|one)\s+(?:ranked|ranks|rank|was|is|came|comes|placed|took)"
               rf"\s+(?:in\s+)?({'|'.join(_ORDINALS_EN)})(?![a-z\d])")
_TOPICAL = 0.5  # a clause this much of whose words (bigrams) the fact base says is about it: 我是外地来的创业者 and 领导急着要数据 (数据 of three) are not
_WHETHER = r"有没有|是不是|是否|有无|还是|(?<![a-z])(?:is|are|does|do|did|was|were|can)(?![a-z])"  # a clause asking yes or no
# the article's photos asked about as a whole, in a question's norm, where 配图 and 照片 are read as 图片
# (几仉照片: 张 mistyped)
_PHOTOS_ASKED = (r"图片(?:说明)?(?:都|一共|总共|共)?(?:有|是)?(?:哪些|哪几|几张|多少张)|(?:几|多少)[\u4e00-\u9fff]?图"
                 r"|图片说明(?:分别|都)|(?<![a-z])(?:what|which|how\s+many)\s+(?:photos|pictures|images|captions)(?![a-z])"
                 r"|(?<![a-z])(?:all|the)\s+(?:photos|pictures|images|photo\s+captions)\s+(?:in|of)\s+the\s+article")
_TIME_SAID = {"quarter": r"前?\d(?:\s*、\s*\d)*\s*季度(?:合计)?", "date": r"\d+月\d+日", "year": r"(?:19|20)\d\d年?"}
_DIGIT = re.compile(r"\d")
_MONTH = re.compile(r"\d\s*月")
# what someone remembers or says the answer is (我只记得3季度是556, 我朋友非说是8月份): a claim, not a question
_CLAIM = r"^(?!.*(?:不是|难道|嘛|吗|么|吧|对不对|是不是|没错)).*?(?:是|有)\s*[^，,。？?！!\s]{0,6}?\d"  # not 不是前移了5位嘛: a premise
_BARE_NUMBER = re.compile(r"[\d.%\s]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_LAST_PHOTO_ZH = rf"最后(?:[1一]|那|这)?([张幅])(?={PHOTO_NOUN})"
_LAST_PHOTO_EN = r"(?<![a-z])last(?=\s+(?:photo|picture|image))"
_ORDINAL_WORD = {"1": "first", "2": "second", "3": "third", "4": "fourth"}
_LATIN_WORD = re.compile(r"[a-z]{4,}")
_WORD_CHAR = re.compile(r"\w")  # a text with none, and no Chinese character (has_chinese), says no word
_WORD = re.compile(r"[a-z0-9.]+|[^\sa-z0-9.]+")
_WORD_OR_SEP = re.compile(rf"[a-z0-9.]+|[^\sa-z0-9.{SEP}]+|{SEP}")  # _WORD's words of texts joined by SEP, and SEP


# how many members a question says it combines (三类, 这2个季度, 两次双集中)
_MEMBERS_SAID = r"(?<![\d.第前])([2-9两二三四五六七八九])\s*(?:类|个季度|次)"


def _members_said(norm: str) -> int | None:
    """The number of members the question says it combines, when it says one (三类 → 3)."""
    m = _pattern(_MEMBERS_SAID).search(norm)
    return int(DIGIT_VALUE.get(m.group(1), m.group(1))) if m else None


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with a space for each of these spans."""
    for start, end in sorted(spans, reverse=True):
        text = f"{text[:start]} {text[end:]}"
    return text


def _stray_number(norm: str) -> bool:
    """A number that is no time and no stated figure (2、3几度: quarters whose 季 was mistyped):
    it may name members, so a computation over every member is not what was asked."""
    for said in (*map(_pattern, _TIME_SAID.values()), _STATED):
        norm = said.sub(" ", norm)
    return bool(_DIGIT.search(norm))


_NONZERO = re.compile(rb"[^\x00]")
_BIT_POSITIONS = tuple(tuple(b for b in range(8) if value >> b & 1) for value in range(256))


def _in_unit(said: str | None, unit: str) -> bool:
    """Whether a number's unit as a question says it (亿, 亿元, 个, or none) is a figure's unit."""
    return not said or unit in (said, f"{said}元")


def _ones(bits: int) -> Iterator[int]:
    """The positions of a set's bits, lowest first: the bytes holding any found in C."""
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    for m in _NONZERO.finditer(data):
        at = m.start()
        for b in _BIT_POSITIONS[data[at]]:
            yield 8 * at + b


def _name_starts(vocabulary: dict[str, dict[str, tuple[str, ...]]]) -> dict[str, dict[str, str]]:
    """kind → the first word of its names' aliases (人才 of 人才配套类, digital of digital economy)
    → the one name it begins; a first word of two names begins none."""
    found: dict[str, dict[str, set[str]]] = {}
    for kind, names in vocabulary.items():
        for canonical, aliases in names.items():
            for alias in map(normalize, aliases):
                if m := _pattern(_FIRST_WORD).match(alias):
                    found.setdefault(kind, {}).setdefault(m.group(), set()).add(canonical)
    return {kind: {w: next(iter(c)) for w, c in words.items() if len(c) == 1} for kind, words in found.items()}


def _figure_forms(text: str) -> set[str]:
    """How a question may state the figures of a fact's figure text: 30亿元 as 30亿元 or 30亿."""
    return {form for held in _STATED.findall(text) for form in (held, held.removesuffix("元"))}


@dataclass(frozen=True)
class Match:
    """The matcher's verdict on one question; `reply` turns it into words."""

    kind: Kind
    question: str
    normalized: str = ""
    lang: str = "zh"
    facts: tuple[Fact, ...] = ()
    score: float = 0.0
    suggestions: tuple[str, ...] = ()
    best_fact: str | None = None
    unknown: tuple[tuple[str, str], ...] = ()  # (kind, value) the question named and no fact has
    smalltalk: str = ""
    slots: Slots = field(default_factory=dict)
    computation: Computation | None = None
    cause: str = ""  # why it was declined: growth (needs figures no article gives) | unexplained | near |
    # articles (several articles answer a combining question differently) | alone (one item of a listed total)
    # | kind (one item of a list, asked for its members)
    missing: tuple[str, ...] = ()  # unexplained: the words no fact accounts for; browse: the word; articles: their
    # ids; alone, kind: the item asked
    parts: tuple[Match, ...] = ()  # two questions in one message, one of them computed: each clause's own verdict


@dataclass(frozen=True)
class Question:
    """What `understand` read from a question: its comparable forms, slots and wording."""

    text: str
    norm: str  # normalized, typos mended, synonyms unified
    lang: str
    form: str  # without filler, names canonical: what fuzzy scores compare
    slots: Slots
    unknown: tuple[tuple[str, str], ...]  # slot values no fact carries (4季度, 西湖区)
    op: str | None  # a combining operation (sum, diff, each…)
    wanted: frozenset[str]  # fact kinds the wording asks for
    relative: tuple[str, ...] = ()  # times said relative to the newest article (last_year, latest)

    @cached_property
    def stated(self) -> frozenset[str]:
        """The figures the question states (投资30亿元的是哪个项目), read once for every fact weighed."""
        return frozenset(_STATED.findall(self.norm))


def _says_nothing(part: Question | Match) -> bool:
    """A clause that names nothing and asks for no kind of answer in a word or less (在嘛？)."""
    return isinstance(part, Question) and not part.slots and not part.wanted and len(units(part.form)) <= 1


def _greets(part: Question | Match) -> bool:
    """A clause of greeting or filler alone (各位早, 在吗): smalltalk, or no word left."""
    return part.kind == "smalltalk" if isinstance(part, Match) else not part.slots and not part.wanted and not units(part.form)


# what a clause asks, with its measure word (多少个, 几家): the rest is what it asks about
_ASKED_WORDS = rf"(?:{ASKING_ZH.pattern})[个家项位名张]?"


def _asks(part: Question | Match, text: str) -> bool:
    """Whether a clause asks something: a question word, or a question mark."""
    return isinstance(part, Question) and bool(part.wanted or clause_asks(text, part.norm))


class Wording:
    """The lexicon's filler, compiled: what a question says besides which fact it means."""

    def __init__(self, lexicon: Lexicon) -> None:
        zh = [w for w in lexicon.filler.get("zh", ()) if not w.isascii()]
        self._filler = pattern(zh)
        self._stop = frozenset(lexicon.filler.get("en", ()))
        synonyms = lexicon.synonym_map
        self._synonyms = pattern(synonyms) if synonyms else None
        self._synonym_of = synonyms
        self._group: dict[str, list[str]] = {}
        for word, first in synonyms.items():
            self._group.setdefault(first, []).append(word)
        self._firsts = pattern(self._group) if self._group else None
        # "the latest" is read as the article it means and said in no phrasing (今年 is: 今年以来)
        self._latest = lexicon.when.get("latest")

    def variants(self, word: str) -> tuple[str, ...]:
        """The word and the other words of its synonym group (做什么的: 干啥的, 干嘛的…), as a fact
        may say any of them."""
        first = self._synonym_of.get(word, word)
        return (first, *self._group[first]) if first in self._group else (word,)

    def synonyms(self, normalized: str) -> str:
        """Every synonym written as its group's first word (位次 → 排名)."""
        if not self._synonyms:
            return normalized
        return self._synonyms.sub(lambda m: self._synonym_of.get(m.group(), m.group()), normalized)

    def unified(self, text: str) -> bool:
        """Whether synonyms() may have changed the text it gave: the text holds a group's first word."""
        return self._firsts is not None and self._firsts.search(text) is not None

    def synonyms_all(self, texts: list[str]) -> list[str]:
        """[synonyms(t) for t in texts], in one pass over the texts joined by SEP when no synonym's
        match holds or looks at SEP (Words.apart): building a Matcher unifies every phrasing's."""
        if not texts or not self._synonyms_apart:
            return [self.synonyms(t) for t in texts]
        return self.synonyms(SEP.join(texts)).split(SEP)

    def form(self, normalized: str) -> str:
        """The normalized text without filler and "latest": what fuzzy scores compare."""
        return self._words(self._filler.sub("", normalized).replace("、", " "))

    def forms(self, texts: list[str]) -> list[str]:
        """[form(t) for t in texts], the filler and "latest" taken out of all the texts in one pass
        when no match of them holds or looks at SEP (Words.apart): joined by SEP, as building a
        Matcher does."""
        if not texts or not self._forms_apart:
            return [self.form(t) for t in texts]
        joined = self._filler.sub("", SEP.join(texts)).replace("、", " ")
        return self._words_all(self._latest.sub(" ", joined) if self._latest else joined)

    @cached_property
    def _synonyms_apart(self) -> bool:
        """Whether synonyms_all may join texts: worked out (a parse of the regex) on first need, so
        that a process given its forms by the disk cache never does."""
        return self._synonyms is None or self._synonyms.apart(SEP)

    @cached_property
    def _forms_apart(self) -> bool:
        """Whether forms may join texts, worked out as _synonyms_apart is."""
        return self._filler.apart(SEP) and (self._latest is None or self._latest.apart(SEP))

    def _words(self, text: str) -> str:
        if self._latest:
            text = self._latest.sub(" ", text)
        # only a word of Latin letters has an English ending to take off
        words = [en_stem(w) if w.isascii() else w for w in _WORD.findall(text) if w not in self._stop]
        return " ".join(w for w in words if w)

    def _words_all(self, joined: str) -> list[str]:
        """_words of each text of texts joined by SEP, "latest" already taken out: their words found
        in one pass (SEP a word of its own here, kept as it is), each distinct word stemmed once."""
        found = _WORD_OR_SEP.findall(joined)
        said = {w: "" if w in self._stop else en_stem(w) if w.isascii() else w for w in set(found)}
        joined = " ".join(filter(None, map(said.__getitem__, found)))  # "a b SEP c": a text's words, SEP between
        return [text.strip(" ") for text in joined.split(SEP)]


def terms(form: str) -> set[str]:
    """Words of a scoring form: English stems as they are, Chinese runs as character bigrams."""
    out: set[str] = set()
    for token in form.split():
        if token.isascii() or len(token) == 1:
            out.add(token)
        else:
            out.update(map(operator.add, token, token[1:]))  # its bigrams, made in C
    return out


class _TermsByWord(dict[str, frozenset[str]]):
    """terms() of scoring forms, each distinct word's worked out (and its terms interned: a base's
    facts hold many of each) once: the facts of a base share most of their words."""

    def __missing__(self, word: str) -> frozenset[str]:
        # terms(word), without its split of a text into words and its set
        said = (word,) if word.isascii() or len(word) == 1 else map(operator.add, word, word[1:])
        found = self[word] = frozenset(map(sys.intern, said))
        return found

    def __call__(self, forms: list[str]) -> set[str]:
        return set().union(*map(self.__getitem__, " ".join(forms).split()))


def similarity(a: str, b: str, **_: object) -> float:
    """Character ratio for Chinese; word-order-free ratios for English."""
    if a.isascii() and b.isascii():
        return (fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2
    return fuzz.ratio(a, b)


def _recoding(texts: list[str]) -> dict[int, int]:
    """A one-to-one recoding of characters (a str.translate table) that gives the texts' characters,
    the most frequent first, the lowest codes. fuzz.ratio only asks whether two characters are the
    same, so recoded texts score exactly as the texts do, and rapidfuzz looks characters below 256
    up in a table instead of a hash map: Chinese forms score a third faster. The codes below the
    texts' alphabet that no text uses take the codes the alphabet leaves free, so that no other
    character of a question can meet a recoded one."""
    alphabet = [ord(c) for c, _ in Counter(itertools.chain.from_iterable(texts)).most_common()]
    table = dict(zip(alphabet, range(len(alphabet)), strict=True))
    displaced = [code for code in range(len(alphabet)) if code not in table]
    table.update(zip(displaced, [code for code in alphabet if code >= len(alphabet)], strict=True))
    return {a: b for a, b in table.items() if a != b}


class _Overlap:
    """For each of many forms at once, whether it has enough characters in common with a question
    (each as often as both hold it) to score ≥ _MIN_FUZZY: ratio is 200·LCS / (l1 + l2), and no
    common subsequence is longer than the characters in common, so a form with 5·common < l1 + l2
    scores below and need not be scored. Most forms of a base share too little with a question.
    Counted in one Python int, a byte per form: additions of a few ints, in C, instead of a Python
    step per form."""

    LONGEST_FORM = 160  # longer forms are always scored: then no byte's count runs past its 8 bits
    LONGEST_QUESTION = 480  # a longer question is scored against every form, for the same reason

    def __init__(self, forms: list[str], index: list[int]) -> None:
        """`index`: each form's own index, given back with it."""
        self._n = len(forms)
        self._forms = list(zip(index, forms, strict=True))
        self._ones = int.from_bytes(b"\x01" * self._n, "little")
        self._highs = self._ones << 7
        # a form's byte starts, for a question of 5a + r characters, at 128 - ⌈(r + l2) / 5⌉ - a: adding
        # the characters in common reaches 128 (its high bit) where 5·common ≥ l1 + l2; a long form's
        # stays at 128 or more
        self._starts = [int.from_bytes(bytes(128 - (r + len(f) + 4) // 5 if len(f) < self.LONGEST_FORM else 255
                                             for f in forms), "little") for r in range(5)]
        lanes: dict[tuple[str, int], bytearray] = {}  # the forms holding a character k times or more
        for i, form in enumerate(forms):
            if len(form) < self.LONGEST_FORM:
                for char, count in Counter(form).items():
                    for k in range(1, count + 1):
                        lanes.setdefault((char, k), bytearray(self._n))[i] = 1
        self._once = {char: int.from_bytes(lane, "little") for (char, k), lane in lanes.items() if k == 1}
        self._again = {key: int.from_bytes(lane, "little") for key, lane in lanes.items() if key[1] > 1}
        self._repeated = frozenset(char for char, _ in self._again)  # held twice or more by some form

    def reaching(self, form: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """The indices of the forms that may score ≥ _MIN_FUZZY against `form` (a question shorter
        than LONGEST_QUESTION), in order, and those forms: one pass over the forms picks both."""
        a, r = divmod(len(form), 5)
        chars = self._once.keys() & form  # the form's characters that some form holds
        total = self._starts[r] - a * self._ones + sum(map(self._once.__getitem__, chars))
        for char in self._repeated & chars:  # a character said twice is common twice with a form holding it twice
            for k in range(2, form.count(char) + 1):
                total += self._again.get((char, k), 0)
        found = list(itertools.compress(self._forms, (total & self._highs).to_bytes(self._n, "little")))
        if not found:
            return (), ()
        index, forms = zip(*found, strict=True)
        return index, forms


class _Choices:
    """Phrasing forms split by script once, so that each question is scored only against the
    forms that can resemble it: Chinese by character ratio, English by word-order-free ratios."""

    def __init__(self, forms: list[str], kept: bool = False) -> None:
        """`kept`: choices kept for many questions (a whole base's, not one question's candidates),
        worth work done once for all of them: the Chinese forms recoded (_recoding) from the second
        Chinese question on (recoding costs what forty questions save: a one-shot ask never pays
        it), along with their _Overlap, and for English questions the Chinese forms they can reach by
        length (_reachable_by)."""
        self.latin_idx = [i for i, f in enumerate(forms) if f.isascii()]
        self.other_idx = [i for i, f in enumerate(forms) if not f.isascii()]
        self.latin = [forms[i] for i in self.latin_idx]
        self.other = [forms[i] for i in self.other_idx]
        self._reachable: dict[int, tuple[list[int], list[str]]] = {}
        self._kept, self._scored = kept, False
        self._recoding: dict[int, int] | None = None
        self._other_recoded = self.other
        self._overlap: _Overlap | None = None

    @cached_property
    def _words(self) -> tuple[list[str], list[frozenset[str]], list[str]]:
        """Each English form's words sorted (what token_sort_ratio compares), as a set, and sorted
        once each (what token_set_ratio compares): worked out once, not for every question."""
        split = [f.split() for f in self.latin]
        return [" ".join(sorted(w)) for w in split], [frozenset(w) for w in split], [" ".join(sorted(set(w))) for w in split]

    @cached_property
    def _ascii_rich(self) -> list[tuple[int, int]]:
        """(position in `other`, ASCII characters) of the Chinese forms with ASCII characters for at
        least a quarter of their length: the only ones an English question can score ≥ 40 with
        (see _reachable_by: 5·min(l1, ASCII characters) ≥ l1 + l2 needs 4·ASCII characters ≥ l2)."""
        found = []
        for i, f in enumerate(self.other):
            ascii_chars = len(f.encode("ascii", "ignore"))
            if 4 * ascii_chars >= len(f):
                found.append((i, ascii_chars))
        return found

    def _reachable_by(self, length: int) -> tuple[list[int], list[str]]:
        """The Chinese forms an English question of `length` characters may score ≥ _MIN_FUZZY
        against. ratio is 200·LCS/(l1+l2) and only a form's ASCII characters can be common, so a
        form with 5·min(l1, its ASCII characters) < l1+l2 scores below 40 whatever the question."""
        found = self._reachable.get(length)
        if found is None:
            keep = [i for i, ascii_chars in self._ascii_rich
                    if 5 * min(length, ascii_chars) >= length + len(self.other[i])]
            found = self._reachable[length] = ([self.other_idx[i] for i in keep], [self._other_recoded[i] for i in keep])
        return found

    @cached_property
    def _repeating(self) -> tuple[frozenset[int], list[int]]:
        """The English forms saying a word twice or more (their sorted and unique words differ), as
        a set and in order."""
        sorted_forms, _, unique_forms = self._words
        found = [i for i, (a, b) in enumerate(zip(sorted_forms, unique_forms, strict=True)) if a != b]
        return frozenset(found), found

    def scores(self, form: str) -> list[tuple[int, float]]:
        """(index, similarity) for every form scoring ≥ _MIN_FUZZY: `similarity` in bulk, in C."""
        if not form.isascii():
            if self._recoding is None and self._kept:
                if self._scored:  # the second Chinese question: it and the next are scored recoded
                    self._recoding = _recoding(self.other)
                    self._other_recoded = [f.translate(self._recoding) for f in self.other]
                    self._overlap = _Overlap(self._other_recoded, self.other_idx)
                    self._reachable.clear()  # English questions' too: recoded from now on
                self._scored = True
            if self._recoding:
                form = form.translate(self._recoding)
            other_idx: Sequence[int] = self.other_idx
            other: Sequence[str] = self._other_recoded
            if self._overlap and len(form) < _Overlap.LONGEST_QUESTION:  # only the forms that may reach the cutoff
                other_idx, other = self._overlap.reaching(form)
            return [(other_idx[i], sc) for _, sc, i in process.extract(form, other, scorer=fuzz.ratio, limit=None,
                                                                       score_cutoff=_MIN_FUZZY)]
        other_idx, other = self._reachable_by(len(form)) if self._kept else (self.other_idx, self.other)
        reaching = form.translate(self._recoding) if self._recoding else form  # as the Chinese forms are
        out = [(other_idx[i], sc) for _, sc, i in process.extract(reaching, other, scorer=fuzz.ratio,
                                                                  limit=None, score_cutoff=_MIN_FUZZY)]
        words = form.split()
        word_set = set(words)
        unique = " ".join(sorted(word_set))
        ordered = " ".join(sorted(words))
        sorted_forms, form_words, unique_forms = self._words
        close = {i: sc for _, sc, i in process.extract(unique, unique_forms, scorer=fuzz.ratio, limit=None,
                                                       score_cutoff=_MIN_FUZZY - 1)}  # see _may_reach
        # token_sort_ratio is ratio over the words sorted: the forms' sorted once, at build. Of a
        # question and a form saying no word twice, that is the ratio of their unique words, just
        # worked out: only the forms repeating a word are scored again
        if ordered == unique:
            repeating, in_order = self._repeating
            sort_scores = {i: sc for i, sc in close.items() if sc >= _MIN_FUZZY and i not in repeating}
            sort_scores.update((in_order[j], sc) for _, sc, j in process.extract(
                ordered, [sorted_forms[i] for i in in_order], scorer=fuzz.ratio, limit=None, score_cutoff=_MIN_FUZZY))
        else:
            sort_scores = {i: sc for _, sc, i in process.extract(ordered, sorted_forms, scorer=fuzz.ratio, limit=None,
                                                                  score_cutoff=_MIN_FUZZY)}
        near = sorted(self._may_reach(word_set, close, sort_scores))
        # each ratio of the forms that may reach the cutoff in one call of rapidfuzz (a call per form
        # costs more than the scoring): token_set_ratio of those sharing a word; for the others it
        # is one Indel distance between the two sorted word lists, normalized as rapidfuzz does
        # (100 - 100·dist/lengths), which spares tokenizing them; the sorted-word ratio of those
        # below the cutoff
        disjoint = list(map(word_set.isdisjoint, map(form_words.__getitem__, near)))
        sharing = list(itertools.compress(near, map(operator.not_, disjoint)))
        apart = [i for i, far in zip(near, disjoint, strict=True) if far and form_words[i]]
        set_scores = {sharing[j]: sc for _, sc, j in process.extract(form, [self.latin[i] for i in sharing],
                                                                      scorer=fuzz.token_set_ratio, limit=None)}
        for _, dist, j in process.extract(unique, [unique_forms[i] for i in apart], scorer=Indel.distance, limit=None):
            i = apart[j]
            set_scores[i] = 100 - 100 * dist / (len(unique) + len(unique_forms[i]))
        below = [i for i in near if i not in sort_scores]
        for _, sc, j in process.extract(ordered, [sorted_forms[i] for i in below], scorer=fuzz.ratio, limit=None):
            sort_scores[below[j]] = sc
        # in the order process.extract ranks the sorted-word ratios: best first, then by index
        found = sorted((-sort_scores[i], i, (sort_scores[i] + set_scores.get(i, 0.0)) / 2) for i in near)
        out += [(self.latin_idx[i], score) for _, i, score in found if score >= _MIN_FUZZY]
        return out

    @cached_property
    def _latin_by_word(self) -> dict[str, list[int]]:
        """Word → the English forms that have it."""
        found: dict[str, list[int]] = {}
        for i, form_words in enumerate(self._words[1]):
            for word in form_words:
                found.setdefault(word, []).append(i)
        return found

    def _may_reach(self, words: set[str], close: dict[int, float], sort_scores: dict[int, float]) -> set[int]:
        """The English forms that can score ≥ _MIN_FUZZY, a mean of two ratios: those where either
        reaches it. The sorted-word ratio's are `sort_scores`; token_set_ratio is a plain ratio of the
        unique sorted words for a form sharing no word (`close`: those scoring ≥ _MIN_FUZZY - 1, a
        margin below the cutoff covers rounding), and may be anything for one that shares a word.
        Scoring only these spares a Python call for each of the hundreds of forms far from the question."""
        found = set(sort_scores)
        found.update(close)
        by_word = self._latin_by_word
        for word in words:
            found.update(by_word.get(word, ()))
        return found


@dataclass(frozen=True)
class _FactForms:
    """What a fact's own texts give the matcher, worked out once per fact: normalizing tens of
    thousands of phrasings is most of the cost of building a Matcher. Strings are interned and
    kept in tuples, for a base of 100,000 phrasings holds many of each."""

    forms: tuple[str, ...]  # each phrasing's scoring form
    slots: dict[str, frozenset[str]]  # the slots its phrasings name
    terms: tuple[str, ...]  # the words of its phrasings and quote (coverage)
    norms: tuple[str, ...]  # its phrasings, quote and Chinese answer normalized: typo mending's words


@dataclass(frozen=True)
class _Part:
    """The index of one facts file's facts, positions counted from its first fact: a reload after
    a curator's edit rebuilds the edited file's part and reuses every other (a newsroom's base is
    a hundred files; rebuilding all of them on each save would take seconds)."""

    facts: tuple[Fact, ...]
    docs: dict[str, Document | None]  # the articles its slots were read with
    forms: tuple[str, ...]  # each phrasing's scoring form
    phrasing_fact: tuple[int, ...]  # each phrasing's fact
    spans: tuple[tuple[int, int], ...]  # each fact's phrasings, as a range of `forms`
    fact_slots: tuple[Slots, ...]
    known_values: dict[str, frozenset[str]]
    elsewhere: frozenset[int]  # facts about another place than their article's (萧山区 in 余杭's)
    postings: dict[str, array[int]]  # word → the facts whose phrasings or quote say it (4 bytes each, no object
    # the collector walks: at 100,000 phrasings a list each held 1.2 million pointers)
    norms: str  # typo mending's words: its facts' norms, a line each (one string, not 100,000)
    starts: array[int]  # where each fact's lines start in `norms`, and one past its end
    pairs: frozenset[str]
    english: frozenset[str]


# _FactForms an earlier process derived, kept by bot.formcache (whose key covers every input) and given
# here by a digest of the context they were derived in and of the fact's texts, as _encode_forms's data;
# and those derived here while the cache records them. The digests make a given form apply only to the
# very texts and context it was derived from, even after a reload with another lexicon.
KEPT: Kept[str, list[object]] = Kept()


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _encode_forms(d: _FactForms) -> list[object]:
    """As plain JSON data; sets as their elements in iteration order."""
    return [list(d.forms), {k: list(v) for k, v in d.slots.items()}, list(d.terms), list(d.norms)]


def _decode_forms(data: list[object]) -> _FactForms:
    forms, slots, found, norms = data
    if not isinstance(slots, dict):
        raise ValueError("not kept forms")
    return _FactForms(tuple(map(str, forms)), {str(k): frozenset(map(str, v)) for k, v in slots.items()},  # type: ignore[call-overload]
                      tuple(sys.intern(str(t)) for t in found), tuple(map(str, norms)))  # type: ignore[call-overload]


def _key(fact: Fact) -> tuple[object, ...]:
    """What a fact's _FactForms come from."""
    return tuple(fact.questions.items()), fact.source.quote, fact.answer.get("zh", "")


def _texts(fact: Fact) -> list[str]:
    """The texts of a fact its _FactForms normalize: phrasings, quote, Chinese answer."""
    return [*(q for qs in fact.questions.values() for q in qs), fact.source.quote, fact.answer.get("zh", "")]


class FactCache:
    """What the last fact base built with it gave, for one lexicon and vocabulary: each fact's
    forms by the texts they come from, and each facts file's part of the index. A reload after a
    curator's edit normalizes only the facts that changed and indexes only the file they are in."""

    def __init__(self) -> None:
        self.context: tuple[object, ...] | None = None
        self.forms: dict[tuple[object, ...], _FactForms] = {}
        self.parts: dict[str, _Part] = {}


class _Derivations:
    """_FactForms and _Parts for one build, taken from a FactCache where it has them."""

    def __init__(self, wording: Wording, reader: SlotReader, knowledge: Knowledge, cache: FactCache | None) -> None:
        self.wording, self.reader, self.cache = wording, reader, cache
        lexicon = knowledge.lexicon
        self.context = (lexicon.synonyms, lexicon.filler, tuple(w.pattern for w in lexicon.when.values()),
                        knowledge.vocabulary)
        same = cache is not None and cache.context == self.context
        self._previous = cache.forms if cache and same else {}
        self._previous_parts = cache.parts if cache and same else {}
        self._made: dict[tuple[object, ...], _FactForms] = {}
        self._made_parts: dict[str, _Part] = {}
        self._documents = knowledge.documents
        self._context_digest = _digest(self.context) if KEPT.in_use else ""
        # one copy of each fact's slots, and of each set of values: most facts of an article have
        # the same (its place, year and document), and a dict per fact was a third of the index
        self._slots: dict[tuple[tuple[str, frozenset[str]], ...], Slots] = {}
        self._values: dict[frozenset[str], frozenset[str]] = {}
        self._quoted: dict[str, set[str]] = {}

    def of(self, facts: tuple[Fact, ...]) -> Iterator[_FactForms]:
        """Each fact's forms, in order, worked out _CHUNK facts at a time: at once, a large base's
        texts at each step of the way took twice the memory of the whole index."""
        for start in range(0, len(facts), _CHUNK):
            chunk = facts[start : start + _CHUNK]
            texts = [t for f in chunk if _key(f) not in self._previous for t in _texts(f)]
            yield from self._chunk_of(chunk, dict(zip(texts, normalize_all(texts), strict=True)))

    def _chunk_of(self, facts: tuple[Fact, ...], normalized: dict[str, str]) -> list[_FactForms]:
        """Each fact's forms: the last build's, or those an earlier process derived for these texts
        in this context (bot.formcache), else derived, all of those at once. `normalized`: normalize
        of the texts of the facts not kept from the last build."""
        keys = [_key(fact) for fact in facts]
        found: list[_FactForms | None] = [self._previous.get(key) for key in keys]
        where = [_digest((self._context_digest, key)) if self._context_digest and d is None else ""
                 for key, d in zip(keys, found, strict=True)]
        for i, at in enumerate(where):
            if at:
                found[i] = self._given(at)
        todo = [i for i, d in enumerate(found) if d is None]
        for i, d in zip(todo, self._derive([facts[i] for i in todo], normalized), strict=True):
            found[i] = d
            if where[i] and KEPT.recording_now:
                KEPT.record({where[i]: _encode_forms(d)})
        done = cast(list[_FactForms], found)
        if self.cache is not None:
            self._made.update(zip(keys, done, strict=True))
        return done

    @staticmethod
    def _given(where: str) -> _FactForms | None:
        """The forms kept at `where` by an earlier process (bot.formcache), if any and whole."""
        data = KEPT.given.get(where)
        if data is not None:
            try:
                return _decode_forms(data)
            except (TypeError, ValueError):  # a damaged cache: derive them
                del KEPT.given[where]
        return None

    def part(self, facts: tuple[Fact, ...]) -> _Part:
        """The part of one file's facts: the last build's when it holds the very same facts (the
        loader keeps an unchanged file's) read with the same articles."""
        docs = {d: self._documents.get(d) for d in dict.fromkeys(f.source.doc for f in facts)}
        found = self._previous_parts.get(facts[0].path)
        if found is None or found.docs != docs or len(found.facts) != len(facts) or \
                not all(a is b for a, b in zip(found.facts, facts, strict=True)):
            found = self._index(facts, docs)
        self._made_parts[facts[0].path] = found
        return found

    def keep(self) -> None:
        """Make this build's forms and parts the cache's. Forms of facts in reused parts were not
        looked up: the last build's are kept too while the cache stays within twice the base."""
        if self.cache is not None:
            forms = {**self._previous, **self._made}
            if len(forms) > 2 * sum(len(p.facts) for p in self._made_parts.values()) + 1000:
                forms = self._made
            self.cache.context, self.cache.forms, self.cache.parts = self.context, forms, self._made_parts

    def _derive(self, facts: list[Fact], normalized: dict[str, str]) -> list[_FactForms]:
        """The facts' forms, each step over all their texts at once: a step per fact (or per
        phrasing) was most of the cost of building a Matcher."""
        phrasings = [[q for qs in fact.questions.values() for q in qs] for fact in facts]
        norms = self.wording.synonyms_all([normalized[q] for qs in phrasings for q in qs])
        slots, canonicals = self.reader.read_groups(norms, list(map(len, phrasings)))
        forms = self.wording.forms(canonicals)
        del canonicals
        answers = [normalized[fact.answer.get("zh", "")] for fact in facts]
        answer_forms = self.wording.forms(self.reader.canonicals(self.wording.synonyms_all(answers)))
        terms_of = _TermsByWord()
        out = []
        end = 0
        for fact, said, fact_slots, answer, answer_form in zip(facts, phrasings, slots, answers, answer_forms, strict=True):
            start, end = end, end + len(said)
            quote = normalized[fact.source.quote]
            found = terms_of(forms[start:end])  # a form's terms are its words'
            found |= self._quote_terms(quote)  # a question may use the quote's words
            # or the Chinese answer's words (the English answers are long sentences: theirs would tie facts)
            # but its single characters: only a word of one character has a term of one
            found.update(*map(terms_of.__getitem__, [w for w in answer_form.split() if len(w) > 1]))
            out.append(_FactForms(tuple(forms[start:end]), {k: frozenset(v) for k, v in fact_slots.items()},
                                  tuple(found), (*norms[start:end], quote, answer)))
        return out

    def _quote_terms(self, quote: str) -> set[str]:
        """The terms of a normalized quote, worked out once per quote: facts cite the same paragraph."""
        found = self._quoted.get(quote)
        if found is None:
            found = self._quoted[quote] = set(map(sys.intern, terms(self.wording.form(self.reader.canonical(quote)))))
        return found

    def _slots_of(self, fact: Fact, said: Slots, doc: Document | None) -> Slots:
        """What tells the fact apart: the slots its phrasings name (`said`), its own, its photo's
        and its article's, as the same objects as every earlier fact's that are equal to them (in the
        same order: no reader sees a difference)."""
        slots = dict(said)
        for kind, values in fact.slots.items():
            slots[kind] = slots[kind] | values if kind in slots else values
        if fact.source.caption:  # a photo's fact is that photo's: 第3张图片 is not 第1张
            photo = frozenset({str(fact.source.caption)})
            slots["photo"] = slots["photo"] | photo if "photo" in slots else photo
        for kind, values in (doc.slots if doc else {}).items():
            slots.setdefault(kind, values)
        slots["doc"] = frozenset({fact.source.doc})  # "the latest article" names a document
        key = tuple(zip(slots, map(self._values.setdefault, slots.values(), slots.values()), strict=True))
        found = self._slots.get(key)
        if found is None:
            found = self._slots[key] = dict(key)
        return found

    def _index(self, facts: tuple[Fact, ...], docs: dict[str, Document | None]) -> _Part:
        forms: list[str] = []
        phrasing_fact: list[int] = []
        spans: list[tuple[int, int]] = []
        fact_slots: list[Slots] = []
        known_values: dict[str, set[str]] = {}
        elsewhere: set[int] = set()
        postings: defaultdict[str, array[int]] = defaultdict(partial(array, "i"))
        norms: list[str] = []  # of each fact, joined below
        starts = array("i", [0])
        for i, (fact, d) in enumerate(zip(facts, self.of(facts), strict=True)):
            norms += d.norms
            starts.append(starts[-1] + sum(map(len, d.norms)) + len(d.norms))
            spans.append((len(forms), len(forms) + len(d.forms)))
            forms += d.forms
            phrasing_fact += [i] * len(d.forms)
            doc = docs[fact.source.doc]
            slots = self._slots_of(fact, d.slots, doc)
            if doc and fact.slots.get("place") and not fact.slots["place"] <= doc.slots.get("place", fact.slots["place"]):
                elsewhere.add(i)
            for kind, values in slots.items():
                known_values.setdefault(kind, set()).update(values)
            fact_slots.append(slots)
            # How much of a question's informative wording a fact's phrasings explain, with rare
            # words (董事长, 面积) weighing more than common ones (项目, 多少): catches rewordings
            # that character ratios miss.
            deque(map(array.append, map(postings.__getitem__, d.terms), itertools.repeat(i)), maxlen=0)  # in C
        postings.default_factory = None  # a dict from here on: a word no fact says is no key
        lines = "\n".join(norms)  # pairs and words never cross a line: those of every text, read at once
        del norms
        pairs = frozenset(map(sys.intern, pairs_of([lines])))
        english = frozenset(itertools.chain.from_iterable(map(_LATIN_WORD.findall, pieces(lines))))  # typo mending's
        return _Part(facts, docs, tuple(forms), tuple(phrasing_fact), tuple(spans), tuple(fact_slots),
                     {k: frozenset(v) for k, v in known_values.items()}, frozenset(elsewhere), postings, lines,
                     starts, pairs, english)


class Matcher:
    """Matches questions against one loaded fact base; build a new one when the base changes."""

    @paused()
    def __init__(self, knowledge: Knowledge, settings: MatchSettings, cache: FactCache | None = None) -> None:
        """`cache`: the FactCache of the matcher this one replaces, to reuse what its facts gave."""
        self.knowledge = knowledge
        self.settings = settings
        self.reader = SlotReader(knowledge.vocabulary)
        # understand(text, as_of), kept: a message's clauses are read alone, then again for chat around
        # them and for two-part questions (a Question is frozen, so it is shared safely)
        self.understood = cache_short(maxsize=1024)(self.understand)
        self.lexicon = knowledge.lexicon
        self.wording = Wording(knowledge.lexicon)
        self.facts = knowledge.facts
        derived = _Derivations(self.wording, self.reader, knowledge, cache)
        self._parts: list[tuple[int, _Part]] = []  # each facts file's part, after this many facts
        self._forms: list[str] = []
        self._phrasing_fact = array("i")  # 4 bytes a phrasing, not a list's pointer and int
        self._fact_phrasings: list[range] = []
        self.fact_slots: list[Slots] = []
        self.known_values: dict[str, set[str]] = {}
        self._elsewhere: set[int] = set()
        known_forms: list[str] = []  # every text of the base, normalized once: typo mending's words
        # (per part, a line each: mending reads runs of Chinese and digits, never across a line)
        pairs: set[str] = set()
        english: set[str] = set()
        for _, run in itertools.groupby(self.facts, key=lambda f: f.path):
            part = derived.part(tuple(run))
            offset, base = len(self.fact_slots), len(self._forms)
            self._parts.append((offset, part))
            self._forms += part.forms
            self._phrasing_fact.extend(offset + i for i in part.phrasing_fact)
            self._fact_phrasings += [range(base + a, base + b) for a, b in part.spans]
            self.fact_slots += part.fact_slots
            for kind, values in part.known_values.items():
                self.known_values.setdefault(kind, set()).update(values)
            self._elsewhere.update(offset + i for i in part.elsewhere)
            known_forms.append(part.norms)
            pairs |= part.pairs
            english |= part.english
        self._part_offsets = [offset for offset, _ in self._parts]
        self._postings: dict[str, array[int]] = {}  # merged from the parts for the words questions use
        self._posting_sets: dict[str, bytearray] = {}
        self._posting_bit_sets: dict[str, int] = {}
        self._weights: dict[str, tuple[array[int], float]] = {}  # word → its facts and IDF weight
        self._index = {f.id: i for i, f in enumerate(self.facts)}
        # the names a fact totals (329亿元 of the three categories): asking for them is no list
        self._totals: dict[tuple[str, frozenset[str] | None], set[str]] = {}
        for i, f in enumerate(self.facts):
            for kind in f.total_of:
                self._totals.setdefault((kind, self.fact_slots[i].get(kind)), set()).add(f.asks)
        n = len(self.facts)
        self._idf_unseen = math.log(n + 1) + 1
        # Words the fact base and its articles know, to mend typos (thrid → third, 向目 → 项目)
        # before slots are read: a misspelt quarter must not fall back to "any quarter".
        words = [a for kind in knowledge.vocabulary.values() for aliases in kind.values() for a in aliases]
        names = [normalize(w) for w in (*words, *knowledge.lexicon.words, *knowledge.lexicon.attributes)]
        names += knowledge.lexicon.reserved  # as written: 上伴年 is mended to 上半年, then read as 1、2季度
        english.update(w for t in names for w in _LATIN_WORD.findall(t))
        articles = [p for doc in knowledge.documents.values() for p in doc.paragraphs]
        self.mender = Mender(known_forms + names, articles, english, pairs | pairs_of(names),
                             [normalize(w) for w in words], [normalize(w) for w in knowledge.lexicon.asking],
                             [*(normalize(w) for w in (*knowledge.lexicon.attributes, *itertools.chain(*knowledge.lexicon.synonyms))),
                              *knowledge.lexicon.reserved],
                             [w for words in knowledge.lexicon.filler.values() for w in words],
                             [w for w in knowledge.lexicon.reserved if len(w) == 1])
        self._series_forms = [(sid, self.wording.form(self.reader.canonical(normalize(q))))
                              for sid, spec in knowledge.series.items() for qs in spec.questions.values() for q in qs]
        self.calculator = Calculator(knowledge, self.reader,
                                     {f.id: slots for f, slots in zip(self.facts, self.fact_slots, strict=True)})
        self._smalltalk = {self.wording.form(normalize(p.replace("_", " "))): kind
                           for kind, phrases in knowledge.lexicon.smalltalk.items() for p in phrases}
        derived.keep()
        self._explanations: dict[int, Explanation] = {}  # built when a question names an attribute
        dated = sorted((d.date, d.id) for d in knowledge.documents.values() if d.date)
        self._newest = dated[-1][1] if dated else None  # what 最新 and 去年 are relative to
        self._present = int(dated[-1][0][:4]) if dated else None
        # how many facts hold each number as a figure (a bare "556" asks for the one that does), and
        # each way of writing a figure (329亿, 329亿元) → the facts holding it: built here, not on a
        # first question's need, which would make one user wait for the whole base's pass
        self._holders: Counter[str] = Counter()
        holding: dict[str, list[int]] = {}  # by the form without 元 (329亿 of 329亿 and 329亿元): half the keys
        for i, f in enumerate(self.facts):
            if f.figures:
                held = [fig.text for fig in f.figures]
                self._holders.update({n for text in held for n in _NUMBER.findall(text)})
                for form in {form.removesuffix("元") for text in held for form in _figure_forms(text)}:
                    holding.setdefault(form, []).append(i)
        self._figure_holders = {form: tuple(facts) for form, facts in holding.items()}
        del holding
        # 最后一张图片 is read as that photo's number when every article's last photo has the same
        # one; else the slot reader's LAST_PHOTO stays, a photo no fact has: declined
        last = {str(len(d.captions)) for d in knowledge.documents.values() if d.captions}
        self._last_photo = next(iter(last)) if len(last) == 1 else None
        self._name_starts = _name_starts(knowledge.vocabulary)

    def forget(self) -> None:
        """Empty what the matcher keeps of the texts it has read (each text understood, the slots'
        positions): a benchmark's every question then pays full price."""
        self.understood.cache_clear()  # type: ignore[attr-defined]
        self.reader.positions.cache_clear()

    def _said(self, i: int) -> tuple[list[str | None], list[str]]:
        """Everything fact i says, for its Explanation: its phrasings, answers, quote, topic, series
        and slots' names, in that order, as (each text normalized, or None where it is to be, the
        texts to normalize). The phrasings, quote and Chinese answer are taken as the fact's part of
        the index holds them, but a phrasing synonyms may have rewritten: normalizing every text
        again was most of a large base's slowest questions (118 tied facts: 15 ms)."""
        offset, part = self._parts[bisect_right(self._part_offsets, i) - 1]
        j = i - offset
        *phrasings, quote, answer = part.norms[part.starts[j] : part.starts[j + 1] - 1].split("\n")
        fact = self.facts[i]
        given: list[str | None] = [None if self.wording.unified(norm) else norm for norm in phrasings]
        texts = [q for (q, norm) in zip((q for qs in fact.questions.values() for q in qs), given, strict=True)
                 if norm is None]
        for lang, text in fact.answer.items():
            given.append(answer if lang == "zh" else None)
            if lang != "zh":
                texts.append(text)
        given.append(quote)
        more = list(self.knowledge.topics.get(fact.topic, {}).values())
        if fact.series:
            spec = self.knowledge.series.get(fact.series.id)
            more += list(fact.series.label.values()) + (list(spec.name.values()) if spec else [])
        for kind, values in fact.slots.items():
            for v in values:
                more += self.knowledge.vocabulary.get(kind, {}).get(v, (v,))
        given += [None] * len(more)
        return given, texts + more

    def _postings_of(self, term: str) -> array[int]:
        """The facts that say `term`, in order: merged from the parts on first use, so that a
        rebuild never merges the words no question asks about (most of them)."""
        found = self._postings.get(term)
        if found is None:
            held = [(offset, part.postings[term]) for offset, part in self._parts if term in part.postings]
            # a word of the first part only is its list as it is (never changed): a base in one file
            # would otherwise hold each common word's list twice
            found = self._postings[term] = held[0][1] if len(held) == 1 and held[0][0] == 0 else \
                array("i", [offset + i for offset, facts in held for i in facts])
        return found

    def _posting_set(self, term: str) -> bytearray:
        """Which facts say `term`, a byte each (1: it does): a common word's frozenset held a
        hash slot per fact saying it, 0.5 MB of 20,000 facts, and questions kept adding them. Its
        length a multiple of 8, for _bits_of."""
        found = self._posting_sets.get(term)
        if found is None:
            found = self._posting_sets[term] = self._lanes(self._postings_of(term))
        return found

    def _lanes(self, facts: Iterable[int]) -> bytearray:
        found = bytearray(-(-len(self.facts) // 8) * 8)
        deque(map(found.__setitem__, facts, itertools.repeat(1)), maxlen=0)  # in C
        return found

    def _posting_bits(self, term: str) -> int:
        """Which facts say `term`, as bits (fact i: bit i), for a word too common to walk fact by
        fact: set operations on bits run in C."""
        found = self._posting_bit_sets.get(term)
        if found is None:
            found = self._posting_bit_sets[term] = self._bits_of(self._posting_set(term))
        return found

    @staticmethod
    def _bits_of(lanes: bytearray) -> int:
        """A set of facts given a byte each (_lanes), as bits: the bytes of facts 8k + r, shifted
        by r, are bit r of byte k."""
        found = 0
        for r in range(8):
            found |= int.from_bytes(lanes[r::8], "little") << r
        return found

    @cached_property
    def _choices(self) -> _Choices:
        """Every phrasing, for a base small enough to fuzzy-score whole."""
        return _Choices(self._forms, kept=True)

    def _fact_scores(self, form: str) -> dict[int, float]:
        """Per fact of a base no larger than fuzzy_candidates: the better of its best phrasing's fuzzy
        score and its weighted term coverage (from an inverted index)."""
        # in one order: float sums and ties come out the same on every run
        weighed = [(t, *self._weighed(t)) for t in sorted(terms(form))]
        total = sum(weight for _, _, weight in weighed)
        shared: dict[int, float] = {}
        for _, _, postings, weight in sorted((len(fs), t, fs, weight) for t, fs, weight in weighed if fs):
            for i in postings:
                shared[i] = shared.get(i, 0.0) + weight
        best: dict[int, float] = {}
        fact_of = self._phrasing_fact
        for p, score in self._choices.scores(form):
            f = fact_of[p]
            if score > best.get(f, -1):
                best[f] = score
        if total and self.settings.coverage_weight:
            scale = 100 * self.settings.coverage_weight
            for i, weight in shared.items():
                cov = scale * weight / total
                if cov > best.get(i, -1):
                    best[i] = cov
        return best

    def _ranked(self, form: str) -> list[tuple[int, float]]:
        """The fuzzy_candidates best-scored facts for a scoring form, best first, ties in the order
        the facts were found."""
        if len(self.facts) > self.settings.fuzzy_candidates:
            return self._ranked_large(form)
        return heapq.nlargest(self.settings.fuzzy_candidates, self._fact_scores(form).items(), key=operator.itemgetter(1))

    def _ranked_large(self, form: str) -> list[tuple[int, float]]:
        """_ranked on a base larger than fuzzy_candidates. Facts get their weighted word coverage (a
        common word, once many facts are found, only the facts found: touching most of the base costs
        more than it tells); the fuzzy_candidates with most are fuzzy-scored too; a fact scores the
        better of its two.

        A Python step for each fact a common word (多少, 季度) finds was most of a question's cost:
        the facts rare words find are weighed one by one, those only common words find in groups
        that say the same words, as bits. The ranking is that of scoring every fact: a fact not
        fuzzy-scored scores its coverage, no more than the least of the fuzzy-scored ones, so only
        its ties with that one are looked for, in the order the facts were found (which orders ties)."""
        s = self.settings
        n, wide = s.fuzzy_candidates, 2 * s.fuzzy_candidates
        weighed = [(t, *self._weighed(t)) for t in sorted(terms(form))]
        total = sum(weight for _, _, weight in weighed)
        rare: dict[int, float] = {}  # the facts words of at most _BITS_FROM facts find, in the order found
        rare_bits: int | None = None  # those, as bits, once a commoner word is reached
        found_bits = 0  # every fact found, as bits, from then on
        groups: list[tuple[float, int, int]] = []  # the others: (weight, the word finding them, facts)
        # the rarest words first (the facts they find are found first); a common word (of more than
        # `wide` facts), once `wide` facts are found, only adds to those
        for at, (size, t, postings, weight) in enumerate(sorted((len(fs), t, fs, w) for t, fs, w in weighed if fs)):
            if size <= wide or (size <= _BITS_FROM and len(rare) < wide):
                for i in postings:
                    rare[i] = rare.get(i, 0.0) + weight
                continue
            members = self._posting_set(t)
            for i in rare:
                if members[i]:
                    rare[i] += weight
            if size <= _BITS_FROM or (not groups and len(rare) >= wide):  # it adds only to those found
                continue
            if rare_bits is None:
                found_bits = rare_bits = self._bits_of(self._lanes(rare))
            bits = self._posting_bits(t)
            split = []
            for value, first, held in groups:
                if has := held & bits:
                    split.append((value + weight, first, has))
                if has != held:
                    split.append((value, first, held ^ has))
            if len(rare) + (found_bits ^ rare_bits).bit_count() < wide and (new := bits & ~found_bits):
                split.append((0.0 + weight, at, new))
                found_bits |= new
            groups = split
        scale = 100 * s.coverage_weight if total else 0.0  # a coverage is scale * weight / total
        if not groups:  # every fact found one by one
            best = self._fuzzy_scores(form, heapq.nlargest(n, rare, key=rare.__getitem__))
            if scale:
                for i, weight in rare.items():
                    cov = scale * weight / total
                    if cov > best.get(i, -1):
                        best[i] = cov
            return heapq.nlargest(n, best.items(), key=operator.itemgetter(1))
        merged: dict[tuple[float, int], int] = {}  # facts of one weight found by one word: in order
        for value, first, held in groups:
            merged[(value, first)] = merged.get((value, first), 0) | held
        # the facts with most weight, ties in the order found: the rare words' first
        ranks: list[tuple[float, int, int, int]] = [
            (-rare[i], 0, r, i) for r, i in enumerate(heapq.nlargest(n, rare, key=rare.__getitem__))]
        ranks += [(-value, 1, first, held) for (value, first), held in merged.items()]
        top: list[int] = []
        weights: dict[int, float] = {}
        for negative, kind, _, held in sorted(ranks):
            for i in (held,) if kind == 0 else itertools.islice(_ones(held), n - len(top)):
                top.append(i)
                weights[i] = -negative
            if len(top) >= n:
                break
        best = self._fuzzy_scores(form, top)
        if scale:
            self._add_coverage(best, weights, rare, merged, (scale, total))
        return heapq.nlargest(n, best.items(), key=operator.itemgetter(1))

    def _fuzzy_scores(self, form: str, facts: list[int]) -> dict[int, float]:
        """Per fact of these (on a large base), its best phrasing's fuzzy score, when ≥ _MIN_FUZZY."""
        idx = [p for i in facts for p in self._fact_phrasings[i]]
        fact_of = [self._phrasing_fact[p] for p in idx]
        best: dict[int, float] = {}
        for p, score in _Choices([self._forms[p] for p in idx]).scores(form):
            f = fact_of[p]
            if score > best.get(f, -1):
                best[f] = score
        return best

    def _add_coverage(self, best: dict[int, float], weights: dict[int, float], rare: dict[int, float],
                      merged: dict[tuple[float, int], int], scaled: tuple[float, float]) -> None:
        """_ranked_large's coverage scores put into `best` (the fuzzy scores of the top facts, whose
        `weights` are given) as scoring every fact found (`rare`, then `merged`) would put them: the
        fuzzy-scored facts' first, then the others' in the order found; leaving out those that
        cannot be among the first fuzzy_candidates: below the least score of the top facts, or tied
        with it after fuzzy_candidates others."""
        n = self.settings.fuzzy_candidates
        scale, total = scaled  # a coverage is scale * weight / total
        least = min(max(scale * weight / total, best.get(i, -1)) for i, weight in weights.items())
        placed: list[tuple[int, int, int, float]] = []  # (the order found, fact, coverage)
        tied = 0
        for r, (i, weight) in enumerate(rare.items()):
            if i not in best and (cov := scale * weight / total) >= least and (cov > least or tied < n):
                placed.append((0, r, i, cov))
                tied += cov == least
        ties: dict[int, int] = {}  # by the word finding them, facts tied with `least` (of any weight: rounding)
        for (weight, first), held in merged.items():
            if (cov := scale * weight / total) > least:  # all of them among the top facts
                placed += [(1, first, i, cov) for i in _ones(held) if i not in best]
            elif cov == least:
                ties[first] = ties.get(first, 0) | held
        for first in sorted(ties):
            for i in _ones(ties[first]):
                if tied >= n:
                    break
                if i not in best:
                    placed.append((1, first, i, least))
                    tied += 1
        for i, score in best.items():
            if (cov := scale * weights[i] / total) > score:
                best[i] = cov
        for *_, i, cov in sorted(placed):
            best[i] = cov

    def _weighed(self, term: str) -> tuple[array[int], float]:
        """The facts that say a word and its IDF weight (as for a word no fact says, when none
        does), worked out once per word of the base."""
        found = self._weights.get(term)
        if found is None:
            facts = self._postings_of(term)
            if not facts:
                return facts, self._idf_unseen
            found = self._weights[term] = (facts, math.log((len(self.facts) + 1) / (len(facts) + 1)) + 1)
        return found

    def _compatible(self, q: Slots, fact: Fact, f: Slots) -> bool:
        """Every slot the question names must be one the fact carries. A fact silent on a time
        may still answer; one silent on a named zone, project, lab or person may not (临平新城三季度
        投资多少 is not asking for the district's 556亿元). A total over several names (`total_of`:
        329亿元 for three categories) answers only for all of them, not for one part. An aspect
        (前移) must be named by both or by neither."""
        if any(kind in f and kind not in q for kind in _TWO_WAY_KINDS):
            return False
        for kind, values in q.items():
            if not f.get(kind):
                if kind not in TIME_KINDS:
                    return False
            elif not values <= f[kind] or (kind in fact.total_of and values != f[kind]):
                return False
        return True

    def _suggest(self, ranked: list[tuple[int, float]], lang: str) -> tuple[str, ...]:
        out = []
        for i, _ in ranked[: self.settings.suggestions]:
            out.append(self.facts[i].questions[lang][0])
        return tuple(out)

    def match(self, question: str, as_of: str | None = None) -> Match:
        """understand → retrieve → decide; each step is small enough to test on its own. `as_of`:
        the article whose date 今年 and 去年 count from (a curator's phrasing speaks from its
        article's date; users from the newest article's)."""
        q = self.understood(question, as_of)
        if isinstance(q, Match):
            return q
        q = self._unclaimed(q, as_of) or q
        found = self._read(q, as_of)
        if found.kind == "computed" and q.op in _COMPARING:
            return self._asked_last(q, as_of) or found
        if found.kind == "fact":
            return found
        return (self._each_named(q) if found.kind == "declined" and q.op in (None, "each") and not q.wanted & _QUANTITIES
                else None) \
            or self._without_asides(q, as_of) or (self._quoting(q) if found.kind == "declined" else None) or found

    def _quoting(self, q: Question) -> Match | None:
        """A question quoting the article (文章管余杭叫“浙江经济”什么, “招引是银”后面那句是啥): the one or
        two facts whose quotes hold what it quotes, when the question asks and they agree with it
        and give what it asks for (张伯礼是哪年获得“人民英雄”称号的: no year)."""
        said = [normalize(m.group(1)).replace(" ", "") for m in _pattern(_QUOTED).finditer(q.text)]
        if not said or not clause_asks(q.text):
            return None
        found = [f for f in self.facts if any(s in self._quote_norms[f.id] for s in said if len(s) > 1)
                 and self._compatible(q.slots, f, self.fact_slots[self._index[f.id]])
                 and (not q.wanted or f.asks in q.wanted)]
        if not 0 < len(found) <= 2:
            return None
        return Match("fact", q.text, q.norm, q.lang, tuple(found), self.settings.threshold, best_fact=found[0].id,
                     slots=q.slots)

    @cached_property
    def _quote_norms(self) -> dict[str, str]:
        """Each fact's quote normalized, without spaces (the article's text has them around its marks)."""
        return {f.id: normalize(f.source.quote).replace(" ", "") for f in self.facts}

    def _listed(self, norm: str, slots: Slots) -> Slots:
        """The slots, with the names a list says by their first word beside a name of their kind
        (制造业+数字经济+人才: 人才配套; manufacturing, digital and talent projects: 数字经济): a
        word that begins one name of that kind, and only one, names it there. Alone, 人才 is not
        人才配套 (每年流入杭州的人才)."""
        kinds = [k for k in slots if k in _NAME_KINDS and k in self._name_starts]
        if not kinds:
            return slots
        out = dict(slots)
        for kind in kinds:
            ends = [end for _, end in self.reader.spans(norm, kind)]
            joiner = _LISTED_NEXT.format(join=_LIST_JOIN + (r"|\s" if len(slots[kind]) > 1 else ""))
            while ends:
                m = _pattern(joiner).match(norm, ends.pop())
                named = self._name_starts[kind].get(m.group(1)) if m else None
                if named and named not in out[kind]:
                    out[kind] = out[kind] | {named}
                    ends.append(m.end())
        return out

    def _each_named(self, q: Question) -> Match | None:
        """Two or more things of one kind named, and no fact holds them all (Where are the live
        e-commerce base and the digital fashion base located?): each asked alone, the others left out
        of the words, when each is answered by one fact of its own. Not for a figure: two figures
        listed where one was asked (天下秀跟碳纤维项目投资和起来多少, 合 mistyped) answer nothing asked."""
        several = [kind for kind, values in q.slots.items() if kind in (*_NAME_KINDS, "photo") and len(values) > 1]
        if len(several) != 1:
            return None
        kind = several[0]
        found: list[Fact] = []
        said = {value: at for at, named, value in reversed(self.reader.positions(q.norm)) if named == kind}
        for value in sorted(q.slots[kind], key=lambda v: (said.get(v, len(q.norm)), v)):  # in the order named
            others = [name for name in q.slots[kind] if name != value]
            form = " ".join(w for w in q.form.split() if w not in others)
            m = self.decide(replace(q, slots={**q.slots, kind: frozenset({value})}, form=form))
            if m.kind != "fact" or len(m.facts) != 1 or m.facts[0] in found:
                return None
            found.append(m.facts[0])
        return Match("fact", q.text, q.norm, q.lang, tuple(found), self.settings.threshold, best_fact=found[0].id,
                     slots=q.slots)

    def _asked_last(self, q: Question, as_of: str | None) -> Match | None:
        """他说二季度比一季度少，我说多，二季度到底多少: a last clause that asks a figure of its own, of a
        time or a thing it names, is what is asked; the comparison before it was said, not asked. So
        is a clause before a comparison said with no question word (二季度双集中总投资是多少，听说比
        一季度多？问下项目总投资: 600亿元, not the 18亿元 it was heard to be more by)."""
        texts = clauses(q.text)
        if len(texts) < 2:
            return None
        parts = [self.understood(text, as_of) for text in texts]
        own = [i for i, (part, text) in enumerate(zip(parts, texts, strict=True))
               if isinstance(part, Question) and not part.op and _asks(part, text)
               and part.slots.keys() & _SHARED_KINDS - {"place"} and not _BY_HOW_MUCH.search(part.norm)]
        if not own:
            return None
        compared = [text for part, text in zip(parts, texts, strict=True) if isinstance(part, Question) and part.op]
        if own[-1] != len(texts) - 1 and (len(own) > 1 or not compared or any(
                ASKING_ZH.search(text) or not clause_asks(text) for text in compared)):
            return None
        found = self._read(cast(Question, parts[own[-1]]), as_of)
        return found if found.kind == "fact" else None

    def _read(self, q: Question, as_of: str | None) -> Match:
        return self._all_photos(q) or self._besides(q, as_of) or self._either(q) or self._each_clause(q, as_of) \
            or self.decide(q)

    def _all_photos(self, q: Question) -> Match | None:
        """文章配图有哪些, 一共几张图: every photo of the article, in order, when the question asks about
        its photos as a whole and names none of them (第2张, 众望布艺那张): one caption alone had answered."""
        if "photo" in q.slots or q.slots.keys() & _NAME_KINDS or not _pattern(_PHOTOS_ASKED).search(q.norm):
            return None
        ranked = [self.facts[i] for i, _ in self.retrieve(q) if self.facts[i].source.caption]
        if not ranked:
            return None
        doc = ranked[0].source.doc
        photos = tuple(sorted((f for f in self.facts if f.source.caption and f.source.doc == doc),
                              key=lambda f: f.source.caption))
        return Match("fact", q.text, q.norm, q.lang, photos, self.settings.threshold, best_fact=photos[0].id,
                     slots=q.slots)

    def _unclaimed(self, q: Question, as_of: str | None) -> Question | None:
        """The question without the clauses after it that say what someone remembers or claims the
        answer is (Q1那次双集中投了多少？我只记得Q3是556; 犀牛智造啥时候启用的，我朋友非说是8月份): the
        claim's quarter, month or figure is not asked. Read with the question, it had been answered
        too (556亿元 beside 582亿元) or had limited the question to a month no fact has. Only after the
        last clause that asks, and never in a computation (一季度582亿，二季度是600亿，加起来多少)."""
        texts = clauses(q.text)
        # the last clause a claim (a regex) before any clause is read: most messages end asking
        if len(texts) < 2 or q.op or not _pattern(_CLAIM).search(normalize(texts[-1])):
            return None
        asking = [_asks(self.understood(text, as_of), text) for text in texts]
        last = max((i for i, asks in enumerate(asking) if asks), default=None)
        if last is None or last == len(texts) - 1 or not all(_pattern(_CLAIM).search(normalize(text))
                                                              for text in texts[last + 1 : -1]):
            return None
        asked = self.understood(" ".join(texts[: last + 1]), as_of)
        return asked if isinstance(asked, Question) and asked.wanted else None

    def _without_asides(self, q: Question, as_of: str | None) -> Match | None:
        """Chat around a question the whole message could not be read as (你好呀，今天天气不错，顺便问下
        一季度投资多少; 我以前在临平新城上班，现在那边主攻哪些产业): asked again without the clauses that
        neither ask nor say a word of the fact base, the names and times they say kept. A time or place
        no fact has, said aside (2019年的事), still limits the question, and a figure said aside is one
        to count with: then nothing is asked again."""
        texts = clauses(q.text)
        if len(texts) < 2:
            return None
        kept: list[str] = []
        carried: list[str] = []
        named: list[str] = []  # the names said by clauses kept that do not ask
        asking = False
        for text in texts:
            part = self.understood(text, as_of)
            if isinstance(part, Match) and part.kind in ("smalltalk", "noise"):
                asking = True  # 嗨, hello: a greeting says a question follows, but holds nothing to ask again
                continue
            if not isinstance(part, Question) or _asks(part, text) or _pattern(_WHETHER).search(text):
                kept.append(text)
                asking = True
                continue
            if (part.stated - _ONE and q.op) or any(kind in _SHARED_KINDS for kind, _ in part.unknown):
                return None  # 按1800亿算，…占比多少: a figure said aside is what to count with
            spans = self._spans_of(part.norm, [k for k in (*_NAME_KINDS, *_TIME_SAID) if k in part.slots])
            rest = _cut(part.norm, spans)
            if _MONTH.search(rest):
                return None  # 12月份…有没有再搞一次: a month no fact has, said aside, limits the question
            words = [term for term in terms(self.wording.form(rest))
                     if len(term) > 1 and not term.isdigit()]
            if words and sum(map(bool, map(self._postings_of, words))) >= _TOPICAL * len(words):
                kept.append(text)  # 这次签约里有高分子材料的项目，投资多少: words of the fact base, the question's
                named += [part.norm[a:b] for a, b in self._spans_of(part.norm, [k for k in _NAME_KINDS if k in part.slots])]
            else:
                carried += [part.norm[a:b] for a, b in spans]
        if not asking:
            return None
        found = self._asked_again([*carried, *kept], as_of) if len(kept) < len(texts) else None
        if found is None and carried:
            # 刚刷到众望布艺敲钟的照片…今年以来落地余杭的项目投资总额有多少: a question naming a place or
            # name of its own is about it, not about the one the chat before it named
            alone = self.understood(" ".join(kept), as_of)
            if isinstance(alone, Question) and alone.slots.keys() & {*_NAME_KINDS, "place"}:
                found = self._asked_again(kept, as_of)
        if found is None and 0 < len(asked := [text for text in kept if clause_asks(text)]) < len(kept):
            # 刚看到新闻说余杭排名又往前了，现在在百强区到底排第几啊: what was heard is said, not asked
            found = self._asked_again([*carried, *asked], as_of)
            if found and len(kept) == len(texts) and any(
                    self.match(text, as_of).facts != found.facts for text in kept if text not in asked):
                found = None  # every clause of the fact base's words: what was heard must say the same
            if found is None and named and not q.wanted & {*_QUANTITIES, "date"}:
                # vivo在杭州有研发中心，签约仪式上发言那个负责人叫啥: who, of what it names; no figure (小镇首批
                # 引进的项目加上三季度签约的项目，总共几个 is not the town's)
                found = self._asked_again([*carried, *named, *asked], as_of)
        return found

    def _asked_again(self, texts: list[str], as_of: str | None) -> Match | None:
        """The texts asked as one question, when that gives one fact for each or a figure: a list of
        several facts says the clauses left out held the topic."""
        asked = self.understood(" ".join(texts), as_of)
        found = asked if isinstance(asked, Match) else self._read(asked, as_of)
        if found.kind == "computed" or (found.kind == "fact" and len(found.facts) == 1):
            return found
        if found.kind == "fact" and isinstance(asked, Question) and "person" in asked.wanted:
            persons = {self.fact_slots[self._index[f.id]].get("person") for f in found.facts}
            if len(persons) == 1 and None not in persons:
                return found  # 签约仪式上是谁发言的: two facts of 李乐恒 say who alike
        if found.kind == "fact" and len(found.facts) == len(texts) \
                and not any(len(self.match(text, as_of).facts) > 1 for text in texts):
            return found  # a fact for each clause (他叫啥 of the clause before's 优必选董事长), not a list for one
        return None

    def _either(self, q: Question) -> Match | None:
        """A还是B (国家工业app创新中心是在临平新城还是未来科技城): two names of a kind with 还是 between
        them are a choice, not both at once; each is asked alone (the other left out of the words;
        of two places, it asks where), and the one the article answers, when only one is (or one
        says more of the question: 阿里的创新中心), answers it."""
        if "还是" not in q.norm:
            return None
        for kind, values in q.slots.items():
            spans = self.reader.spans(q.norm, kind) if kind in _NAME_KINDS and len(values) == 2 else []
            if len(spans) != 2 or "还是" not in q.norm[spans[0][1] : spans[1][0]]:
                continue
            wanted = q.wanted | {"place", "list"} if kind in _PLACE_KINDS else q.wanted
            found = []
            for value in sorted(values):
                other = next(iter(values - {value}))
                form = " ".join(w for w in q.form.replace(other, " ").split() if w not in ("还", "还是"))
                asked = replace(q, slots={**q.slots, kind: frozenset({value})}, form=form, wanted=wanted)
                if (m := self.decide(asked)).kind == "fact" and len(m.facts) == 1:
                    found.append((self._explanation(self._index[m.facts[0].id]).coverage(q.form), m))
            best = max((cov for cov, _ in found), default=0.0)
            chosen = [m for cov, m in found if cov == best]
            return chosen[0] if len(chosen) == 1 else None
        return None

    def _besides(self, q: Question, as_of: str | None) -> Match | None:
        """除了白皮书还有啥事, what began operations on Sept 16 besides the data centre: the rest of the
        question asked without the facts about the thing it already knows (those naming nothing
        else: the white paper's day is one; 9月16日's launch of the data centre and 犀牛智造 is not,
        nor a list holding the known item among others)."""
        if q.op or not (said := self.lexicon.besides.search(q.norm)):
            return None
        end = _pattern(_BESIDES_END).search(q.norm, said.end()) if q.lang == "zh" else None
        known = q.norm[said.end(): end.start() if end else len(q.norm)]
        after = _pattern("^[以之]?外").sub("", q.norm[said.end() + len(known):])
        rest = self.understand(f"{q.norm[: said.start()]} {after}", as_of, mended=True)
        if not known.strip() or not isinstance(rest, Question):
            return None
        names = {(k, v) for k, vs in self.reader.read(known).items() if k in _NAME_KINDS for v in vs}
        form = self.wording.form(self.reader.canonical(known))

        def about_known(i: int) -> bool:
            own = {(k, v) for k, vs in self.fact_slots[i].items() if k in _NAME_KINDS for v in vs}
            if own:
                return own <= names
            # a list says more than the one item known (一张作战图 beside 一个项目、一名领导)
            return self.facts[i].asks != "list" and self._explanation(i).coverage(form) >= 0.5

        ranked = self.retrieve(rest)
        return self.decide(rest, [(i, sc) for i, sc in ranked[:_LOOKED_AT] if not about_known(i)]
                           + ranked[_LOOKED_AT:])

    def _each_clause(self, q: Question, as_of: str | None) -> Match | None:
        """Two questions in one message (哪天开园，首批引进几个项目): each clause answered on its own,
        with the names and times the others say; None unless every clause asks and is answered."""
        texts = clauses(q.text)
        if len(texts) < 2 and q.lang == "en" and q.op in (None, "sum?"):  # "total investment" is a weak sum
            texts = self._asked_two_en(q.text)
        # a sum may be one clause's (一共签了几个项目); a list or a comparison is the message's own
        if len(texts) < 2 or q.unknown or q.op not in (None, "sum", "sum?", "each"):
            return None
        read: dict[int, Question | Match] = {}
        if len(texts) > 2:
            read[0] = self.understand(texts[0], as_of)
            if _greets(read[0]):  # 各位早，…多少，…又是多少: a greeting before two questions is no clause of them
                texts, read = texts[1:], {}
        # a clause that neither asks nor names another thing (the "!" of "…多少?!") ends the split:
        # found before any clause is answered, as answering costs more than reading: the last first
        # (where stray marks are), then the first (it must ask: 三季度 of 三季度 制造业 数字经济 项目数
        # does not), then back from the last
        for i in (len(texts) - 1, 0, *range(len(texts) - 2, 0, -1)):
            if i not in read:
                read[i] = self.understood(texts[i], as_of)
            part = read[i]
            if not (_asks(part, texts[i]) or (i and self._follow_up(part)[1])) or _says_nothing(part):
                return None  # 在嘛？ before the question: no clause of its own, the message is one question
        facts: list[Fact] = []
        scores: list[float] = []
        parts: list[Match] = []
        forms: list[str] = []
        named: Slots = {}  # the names the clauses so far say
        before: Question | None = None
        for text, part in zip(texts, (read[i] for i in range(len(texts))), strict=True):
            asks = _asks(part, text)
            if before and not (isinstance(part, Question) and part.wanted):
                # "二季度呢", "製造業的呢", "how many are in Yuhang?" (filler words only): the clause
                # before asked it; this one names another thing. Not one asking its own of what it
                # names (他说要在余杭重点开发啥 after 优必选董事长是谁)
                said, own = self._follow_up(part)
                if own and not self._asks_own(part, own):
                    part, asks = self.understand(f"{said} {self._named_out(before.norm, own)}", as_of), True
            if not isinstance(part, Question) or not asks:
                return None
            if parts and (back := _pattern(_POINTED_BACK).match(part.norm)) and (count := self._counted(parts[-1])):
                # 那批优质项目总投资多少 after 9月29号签了多少个项目: the investment of those 58
                counted = self.understand(f"{count}{part.norm[back.end():]}", as_of, mended=True)
                part = counted if isinstance(counted, Question) else part
            # a clause saying a time of its own (今年以来) borrows none (三季度…，今年以来…多少: not Q3's)
            timed = bool(part.slots.keys() & TIME_KINDS)
            times = [] if timed else [q.norm[a:b] for a, b in self._spans_of(q.norm, [k for k in _TIME_SAID if k in q.slots])]
            if times and not self._answers_untimed(part, q.slots.keys() & TIME_KINDS):
                # 9.29一共签了几个项目，总投资多少: that day's total, not every quarter's
                part = self.understand(f"{' '.join(times)} {part.norm}", as_of, mended=True)
                if not isinstance(part, Question):
                    return None
            # what the others name, and when: not what they ask of it (项目方, 估值 stay with their clause);
            # a name only from a clause before (三类优质项目投资多少？碳纤维一个项目多少: no 碳纤维 in the first)
            lacking = {k: named.get(k) if k in _BORROWED_BEFORE else v for k, v in q.slots.items()
                       if k not in part.slots and k in _SHARED_KINDS and (k not in _BORROWED_BEFORE or k in named)
                       and not (timed and k in TIME_KINDS) and not (k == "place" and _pattern(_SCOPE).search(part.norm))}
            named = {**named, **{k: v for k, v in part.slots.items() if k in _BORROWED_BEFORE}}
            names = [v for k in _NAME_KINDS for v in sorted(lacking.get(k, ()))]
            # "and which ones?" says nothing of its own: it asks about what the clause before names
            words = [self._asked_of(before, part)] if before and (len(units(part.form)) <= 1 or _pattern(_WHICH_ALONE).match(part.form)) else []
            prior, before = (before.form if before else ""), part
            if part.op and len(names) == 1:  # 三类…总投资多少 after 人才配套类几个: a sum of one is no sum of it
                lacking = {k: v for k, v in lacking.items() if k not in _NAME_KINDS}
                names = []
            if part.op and names:  # 加起来几个 after 制造业和数字经济各几个: the sum of what that clause names
                joined = self.understand(f"{' '.join(names)} {part.norm}", as_of, mended=True)
                if not isinstance(joined, Question):
                    return None
                part, names = joined, []
            found = None
            if names and part.slots.keys() & _SHARED_KINDS - TIME_KINDS:  # it names a thing of its own (余杭):
                own = self.decide(replace(part, form=" ".join([*words, part.form])))  # about that, if answered
                found = own if own.kind == "fact" and len(own.facts) == 1 else None
            part = replace(part, slots={**lacking, **part.slots}, form=" ".join([*words, part.form, *names]))
            found = found or self.decide(part)
            if prior and not words and not part.slots and found.kind in ("fact", "declined") and len(found.facts) != 1:
                # 白皮书谁发布的，哪天发的: a clause naming nothing that its own words leave open asks of
                # what the clause before names
                again = self.decide(asked := replace(part, form=f"{prior} {part.form}"))
                if again.kind == "fact" and len(again.facts) == 1:
                    part, found = asked, again
                elif found.kind == "fact" and len(found.facts) > 1:  # 哪天发的: the white paper's day, not a speech's
                    found = self._nearest_to(found, prior)
            if parts and ((found.kind == "fact" and len(found.facts) == 1) or found.kind == "declined") and not names:
                found, part = self._in_context(found, part, parts[-1], prior)
            elif parts and found.kind == "fact" and len(found.facts) > 1:  # tied: the one on the clause before's topic
                topical = [f for f in found.facts if f.topic in {g.topic for g in parts[-1].facts}]
                found = replace(found, facts=tuple(topical), best_fact=topical[0].id) if len(topical) == 1 else found
            if found.kind not in ("fact", "computed"):
                return None
            forms.append(part.form)
            facts += [f for f in found.facts if f not in facts]
            scores.append(found.score)
            parts.append(found)
        computing = any(p.kind == "computed" for p in parts)
        # the message's words clause by clause: no pair across two clauses (少前 of 多少？前三季度)
        said = " ".join(part.form for part in read.values() if isinstance(part, Question))
        # one fact answering each clause is the answer (工业用地推进了哪些工作，产业基金方面有什么动作)
        if (len(facts) < 2 and (computing or q.op)) or (q.op == "each" and not computing) \
                or self._clauses_said(said, parts, forms, computing) < self.settings.clauses_said:
            return None  # 制造业几个，数字经济几个: the message's own list of each, not two answers
        if computing:  # 上半年合计多少，三季度多少: each clause answered as it asks
            return Match("computed", q.text, q.norm, q.lang, tuple(facts), min(scores), best_fact=facts[0].id,
                         slots=q.slots, parts=tuple(parts))
        return Match("fact", q.text, q.norm, q.lang, tuple(facts[: self.settings.max_facts]), min(scores),
                     best_fact=facts[0].id, slots=q.slots)

    def _asked_two_en(self, text: str) -> list[str]:
        """An English question asking two things joined by "and" (Q3 event date and total investment?),
        cut there: only where each side asks a kind of its own, so that "the signing and
        groundbreaking event" (one thing, no kind asked on either side) stays whole."""
        for m in _pattern(r"(?i)\s(?:and|&)\s").finditer(text):
            first, second = text[: m.start()], text[m.end():]
            kinds = [self.lexicon.intents(normalize(side)) for side in (first, second)]
            if all(kinds) and kinds[0].isdisjoint(kinds[1]):
                return [first, second]
        return [text]

    @staticmethod
    def _counted(found: Match) -> str:
        """The count one fact answered a clause with (58个), as written; "" for any other answer."""
        if found.kind != "fact" or len(found.facts) != 1 or len(figures := found.facts[0].figures) != 1:
            return ""
        return figures[0].text if figures[0].unit in _COUNT_UNITS else ""

    def _answers_untimed(self, part: Question, kinds: set[str]) -> bool:
        """Whether the clause alone is answered by one fact that says none of these kinds of time
        (那三类项目总投资多少 after 9月29号签了几个项目: the three categories' 329亿元, which no day
        is said of; the day would make the event's 556亿元 of 9月29日 win)."""
        alone = self.decide(part)
        return alone.kind == "fact" and len(alone.facts) == 1 and \
            not kinds & self.fact_slots[self._index[alone.facts[0].id]].keys()

    def _dated(self, q: Question, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The one ranked fact of the day the question names and of the kind it asks, as a near miss
        whatever its score (8月30号首批引进了多少个项目: no phrasing says the day, the fact's slots do):
        whether its words say the question's is for _spelled_out to judge."""
        days = q.slots.get("date")
        if not days or not q.wanted:
            return []
        dated = [(i, sc) for i, sc in ranked if self.fact_slots[i].get("date", frozenset()) & days
                 and self.facts[i].asks in q.wanted]
        return dated if len(dated) == 1 else []

    @staticmethod
    def _asks_within(q: Question, facts: tuple[Fact, ...]) -> bool:
        """A count asked of a part of what the question counts itself (60多家直播企业里MCN机构有几家)
        when the facts' figure is that count: the figure is the question's premise, not its answer."""
        said = {Decimal(m.group(1)) for m in _pattern(_COUNT_WITHIN).finditer(q.norm)}
        return bool(said) and any(fig.value in said for f in facts for fig in f.figures)

    def _in_context(self, found: Match, part: Question, before: Match, prior: str) -> tuple[Match, Question]:
        """A clause answered by a fact of another topic than the clause before's, read again after
        that clause's words, as is a clause declined alone: when that answers it with a new fact of
        the same topic, the clause was asked in its context (直播产业链企业落地了多少家？余杭想打造
        什么目标: the live economy's 第一区, not 2018年's 全域创新策源地; …多少家？目标打造啥)."""
        topics = {f.topic for f in before.facts}
        if found.facts and found.facts[0].topic in topics:
            return found, part
        answered = {self._index[f.id] for f in before.facts}  # what the clause before asked is not asked again

        def after(said: str) -> tuple[Match, Question]:
            asked = replace(part, form=f"{said} {part.form}")
            return self.decide(asked, [(i, sc) for i, sc in self.retrieve(asked) if i not in answered]), asked

        again, asked = after(prior)
        if again.kind == "fact" and len(again.facts) == 1 and again.facts[0].topic in topics:
            return again, asked
        if found.facts:
            # a neighbour of the fact found, of its topic, that the clause before's words (less what it
            # asks) tell apart: 三季度签约的优质项目多少个，总投资多少 asks those projects' 329亿元, not the
            # event's 556亿元, which 三季度签了几个项目，总投资多少 keeps
            again, asked = after(_pattern(_ASKED_WORDS).sub(" ", prior))
            if again.kind == "fact" and len(again.facts) == 1 and again.facts[0] != found.facts[0] \
                    and again.facts[0].topic == found.facts[0].topic:
                return again, asked
        return found, part

    def _nearest_to(self, found: Match, prior: str) -> Match:
        """Of tied facts, the one explaining most of what the clause before says, when one does."""
        said = [(self._explanation(self._index[f.id]).coverage(prior), f) for f in found.facts]
        best = max(cov for cov, _ in said)
        nearest = [f for cov, f in said if cov == best]
        return replace(found, facts=tuple(nearest), best_fact=nearest[0].id) if len(nearest) == 1 else found

    def _clauses_said(self, message: str, parts: list[Match], forms: list[str], computing: bool) -> float:
        """How much of the message (its clauses' forms) the clauses' answers say: short clauses score
        high on little, so together the facts must say what the message says. A computed clause's
        words count as said (`computing`: some clause is): its operation and members were read from
        them (上半年合计多少)."""
        if not computing:  # the question words' pairs (谁发, 哪天) are said by the kinds of the answers
            return said_by([self._explanation(self._index[f.id]) for p in parts for f in p.facts], message,
                           ASKING_ZH)
        told = [self._explanation(self._index[f.id]) for p in parts if p.kind == "fact" for f in p.facts]
        words = [(w, p.kind == "computed") for p, form in zip(parts, forms, strict=True) for w in units(form)]
        return sum(computed or any(e.explains(w) for e in told) for w, computed in words) / len(words) if words else 0.0

    def _follow_up(self, part: Question | Match) -> tuple[str, Slots]:
        """A clause's normalized text and the names it says: what a follow-up (二季度呢) asks the
        clause before's question of."""
        said = part.norm if isinstance(part, Question) else part.normalized if part.kind == "smalltalk" else ""
        return said, self.reader.read(said) if said else {}

    def _asks_own(self, part: Question | Match, named: Slots) -> bool:
        """Whether a clause asks with words of its own besides the names it says and its question
        words: a word of two characters left (重点开发 of 他说要在余杭重点开发啥, 成立 of 9月10日成立了啥;
        nothing of 二季度多少呢, one character of 二季度投多少)."""
        if not isinstance(part, Question) or not ASKING_ZH.search(part.norm):
            return False
        return any(len(u) > 1 for u in units(ASKING_ZH.sub(" ", self.wording.form(self._named_out(part.norm, named)))))

    def _asked_of(self, before: Question, part: Question) -> str:
        """What a clause saying little but which ones (余杭有哪些) asks of: the clause before's words,
        less its question words and the names this clause says others of (浙江着重建设几个省级实验室，
        余杭有哪些: Yuhang's labs, not how many Zhejiang builds)."""
        own = {k: v for k, v in part.slots.items() if k in before.slots and v != before.slots[k]}
        if not own:
            return before.form
        return self.wording.form(ASKING_ZH.sub(" ", self._named_out(before.norm, own)))

    def _named_out(self, norm: str, kinds: Iterable[str]) -> str:
        """The text without what it names of these kinds (一季度多少 without its quarter, to ask
        it of 二季度)."""
        return _cut(norm, self._spans_of(norm, kinds))

    def _spans_of(self, norm: str, kinds: Iterable[str]) -> list[tuple[int, int]]:
        """Where the text names something of these kinds, kind by kind: vocabulary names, and
        times as bot.normalize writes them."""
        kinds = list(kinds)
        spans = [span for kind in kinds for span in self.reader.spans(norm, kind)]
        return spans + [m.span() for kind in kinds if kind in _TIME_SAID for m in _pattern(_TIME_SAID[kind]).finditer(norm)]

    def understand(self, question: str, as_of: str | None = None, mended: bool = False,
                   asked: frozenset[str] | None = None) -> Question | Match:
        """Normalize, mend typos, read slots, wording and content words; messages that are not
        questions (empty, too long, noise, small talk) end here. `mended`: the text is a part of a
        question understood already (a side of a share), normalized and mended once is enough.
        `asked`: the kinds of answer a side of a question about two facts is asked for (_side):
        not read from its words, nor is an operation (the question's own is combining the sides)."""
        s = self.settings
        text = question if isinstance(question, str) else str(question)
        if not text.strip():
            return Match("empty", text)
        if len(text) > s.max_question_chars:
            return Match("too_long", text[: s.max_question_chars], lang=language(text[:200]))
        norm = self.wording.synonyms(text if mended else self.mender.mend(normalize(text)))
        if self._last_photo and ("最后" in norm or "last" in norm):
            norm = _pattern(_LAST_PHOTO_ZH).sub(rf"第{self._last_photo}\1", norm)
            norm = _pattern(_LAST_PHOTO_EN).sub(_ORDINAL_WORD.get(self._last_photo, f"{self._last_photo}th"), norm)
        lang = language(text)  # not of `norm`: normalizing writes Q3 as 3季度
        if lang == "en" and "亿" in norm:
            norm = self._billions_slip(norm)
        form = self.wording.form(self.reader.canonical(norm))
        if not (_WORD_CHAR.search(norm) or has_chinese(norm)) or (_BARE_NUMBER.fullmatch(form) and self._holders.get(form.replace(" ", "")) != 1):
            return Match("noise", text, norm, lang)  # "1" asks nothing; "556" is the one fact holding it
        if form in self._smalltalk or (not form and norm):
            return Match("smalltalk", text, norm, lang, smalltalk=self._smalltalk.get(form, "help"))
        relative = tuple(self.lexicon.relative_times(norm))
        # where the user comes from or works (刚从上海过来考察) is no place the question is about
        read = _WHEREABOUTS.sub(lambda m: " " * len(m.group()), norm) if "从" in norm or "在" in norm else norm
        slots = self._listed(norm, self._relative(relative, self.reader.read(read), as_of))
        unknown = tuple(sorted({*((kind, v) for kind, values in slots.items() for v in values
                                  if v not in self.known_values.get(kind, set())),
                                *(("place", m.group(1) + m.group(2)) for m in _places(read)
                                  if self.mender.strange(m.group(1), m.group(2), m.group(3))
                                  # 想区余杭 (去 mistyped 渠, mended 区): a place named next is no suffix's
                                  and not any(read.startswith(p, m.end(2)) for p in self.known_values.get("place", ())))}))
        if asked is not None:
            return Question(text, norm, lang, form, slots, unknown, None, asked, relative)
        wanted = self.lexicon.intents(norm)
        op = self.lexicon.operation(norm) or ("each" if wanted & _QUANTITIES and self._lists_members(norm, slots, wanted)
                                              else None)
        if op == "change" and "amount" in wanted and "share" not in wanted and len(slots.get("quarter", ())) > 1 \
                and not _pattern(_PERCENT).search(norm):
            op = "diff"  # QoQ change Q3 vs Q2, in bn yuan: an amount's change is their difference, not a percentage
        return Question(text, norm, lang, form, slots, unknown, op, wanted, relative)

    def _holding(self, form: str) -> tuple[int, ...]:
        """The facts holding a figure as a question states it (329亿 or 329亿元)."""
        return self._figure_holders.get(form.removesuffix("元"), ())

    def _billions_slip(self, norm: str) -> str:
        """An English amount read as billions (556 billion → 5560亿) that no fact holds, where the
        number itself in 亿 is a fact's figure: the asker copied the article's 556亿 and wrote
        billion for 亿 (What share of Q3's 556 billion yuan…). 55.6 billion stays 556亿."""
        def slip(m: re.Match[str]) -> str:
            if self._holding(m.group()):
                return m.group()
            tenth = f"{Decimal(m.group(1)) / 10:f}".rstrip("0").rstrip(".") + m.group(2)
            return tenth if self._holding(tenth) else m.group()
        return _pattern(r"(?<![\d.])(\d+(?:\.\d+)?)(亿元?)").sub(slip, norm)

    def _lists_members(self, norm: str, slots: Slots, wanted: frozenset[str]) -> bool:
        """Names of one kind joined as a list and no operation word (制造业几个，数字经济几个) ask for
        each. Not when a fact totals exactly those names with a figure of the kind asked (329亿元
        for the three categories answers their investment, not their 项目数), when something else stands between two
        names (二季度矿三季度多投了多少: a typo not mended), or when the list goes on past the last
        name read (manufacturing vs digital economy vs talent): listing would leave one out.
        Quarters are left to operation words: 三个季度 may be a typo away from 前三季度."""
        kinds = [k for k, v in slots.items() if len(v) > 1 and k in _NAME_KINDS]
        if len(kinds) != 1 or self._totals.get((kinds[0], slots[kinds[0]]), set()) & wanted:
            return False
        spans = self.reader.spans(norm, kinds[0])
        gaps = [norm[a[1]:b[0]] for a, b in itertools.pairwise(spans)]
        joined = all(not gap.strip() or _pattern(_LIST_GOES_ON).search(gap)
                     or (len(gap.strip()) <= 4 and self.lexicon.intents(gap))
                     for gap in gaps)  # 制造业、数字经济, 制造业 数字经济 or 制造业几个数字经济几个
        return joined and not _pattern(_LIST_GOES_ON).search(norm, spans[-1][1]) if spans else False

    def _relative(self, relative: tuple[str, ...], slots: Slots, as_of: str | None = None) -> Slots:
        """去年, 今年, the latest article: as the year or document they mean, from the newest
        article's date, or `as_of`'s (an undated base leaves them unread)."""
        doc = self.knowledge.documents.get(as_of or "")
        newest, present = (doc.id, int(doc.date[:4])) if doc and doc.date else (self._newest, self._present)
        out = dict(slots)
        for name in relative:
            back = WHEN[name]
            if back is None and newest:
                out["doc"] = out.get("doc", frozenset()) | {newest}
            elif back is not None and present:
                out["year"] = out.get("year", frozenset()) | {str(present - back)}
        return out

    def retrieve(self, q: Question) -> list[tuple[int, float]]:
        """Facts ranked by how close their phrasings are to the question (fuzzy or word coverage)."""
        return self._ranked(q.form)

    def decide(self, q: Question, ranked: list[tuple[int, float]] | None = None) -> Match:
        """Answer, compute, or decline with the cause: an unknown slot value, figures no article
        gives, an attribute the fact does not explain, a near miss, or nothing close. `ranked`:
        retrieve(q)'s, retrieved here when not given: a share, multiple or remainder answered from
        its two sides needs no ranking of its own."""
        s = self.settings
        if q.unknown and {kind for kind, _ in q.unknown} == {"date"} and (dated := self._date_checked(q)):
            return dated  # 我记得白皮书是9月12日发的？: the day the article gives, 9月10日
        refused = self._refused(q)
        if not refused and q.op in _PORTIONS and (portion := self._portion(q)):
            return portion
        if ranked is None:
            ranked = self.retrieve(q)
        declining = {"score": ranked[0][1] if ranked else 0.0, "suggestions": self._suggest(ranked, q.lang),
                     "best_fact": self._best_id(ranked), "slots": q.slots}
        if refused:
            kind, cause = refused
            return Match(kind, q.text, q.norm, q.lang, unknown=q.unknown, cause=cause, **declining)
        if "季度" in q.norm and self._unread_quarter(q.norm):
            # a quarter named but not read (千三季度) would be answered as any quarter, or all of them
            return Match("declined", q.text, q.norm, q.lang, cause="near", **declining)
        if q.op == "shortfall":  # 三个季度加起来离1800亿还差多少: the number given less the sum
            return self._shortfall(q) or Match("declined", q.text, q.norm, q.lang, cause="near", **declining)
        if q.op == "previous_rank":  # 前移5位之前排第几: the rank and the move the article gives
            return self._previous_rank(q, ranked) or Match("declined", q.text, q.norm, q.lang, score=declining["score"],
                                                   suggestions=declining["suggestions"], slots=q.slots, cause="near")
        if q.op == "gap":  # two dated ends named: their days apart; else the article's own count (18天之内)
            q = replace(q, op=None, wanted=frozenset({"duration"}))
            if (gap := self._gap(q)) or sum(len(v) for k, v in q.slots.items() if k in _NAME_KINDS) < 2:
                return gap or self.decide(q, ranked)
            # two things named whose dates were not read apart (开园赫…成立: 和 mistyped): not the 18天 of all three
            return Match("declined", q.text, q.norm, q.lang, cause="near", **declining)
        if q.op in ("sum", "sum?") and _pattern(_GROUP_AND_ONE).search(q.norm) \
                and self.lexicon.operation(q.norm.replace("季度合计", "季度")) in (None, "sum?"):
            # 上半年的双集中总额是三季度的几杯 (倍 mistyped): a half against a quarter, no total of the
            # three; its 合计 is the half's own (上半年 is 1、2季度合计), no sum word of the question's
            return Match("declined", q.text, q.norm, q.lang, cause="near", **declining)
        if q.op in (None, "sum", "sum?") and self._span_of_series(q, ranked):
            q = replace(q, op="sum")  # 前三季度双集中总投资多少: the three events' sum, not all landed projects
        elif q.op is None and q.wanted and q.wanted <= _QUANTITIES and self._quarters_of_series(q, ranked):
            q = replace(q, op="sum")  # 一季度和二季度双集中投资多少: each quarter's figure, and their sum
        elif q.op in ("sum", "sum?") and self._totals_span(q, ranked):
            q = replace(q, op=None)  # 前三季度累计多少: the article's own 近1800亿元, not the three events' sum
        if q.op in (None, "mean") and "amount" in q.wanted and (counted := self._counted_total(q, ranked)):
            return counted  # 9月29日签约的58个项目投资多少: the 329亿元 the 58 (20 + 21 + 17) total, not 556亿元
        if q.op:
            computed = self._compute(q, ranked) or (self._each_apart(q, ranked) if q.op == "each" else None)
            if q.op == "diff" and (not computed or computed.kind != "computed"):
                computed = self._portion(q) or computed  # two facts no series joins: 天下秀估值比投资额多多少
            if q.op == "sum" and (not computed or computed.kind != "computed"):
                computed = self._added(q) or computed  # 小镇首批24个项目加上9月29日签约的58个: no series holds both
            if computed and computed.computation and computed.computation.op == "diff" and q.wanted == {"share"}:
                return Match("declined", q.text, q.norm, q.lang, computed.facts, best_fact=computed.best_fact,
                             suggestions=self._suggest(ranked, q.lang), slots=q.slots, cause="near")  # 百分之几: no 44亿元
            if computed and computed.kind == "computed" and \
                    (missing := self._unexplained(q, [self._index[f.id] for f in computed.facts])
                     or self._area_unanswered(q, computed.facts)):
                # 前三季度投资合计每平方公里多少: no sum of the three (its members say nothing per area)
                return Match("declined", q.text, q.norm, q.lang, **declining, cause="unexplained", missing=missing)
            if computed:
                return computed
            if q.op == "share":  # a share nothing computes is answered by a share, never by a count
                q = replace(q, wanted=frozenset({"share"}))

        if q.op == "mean" and (each := self._stated_average(q) or self._item_average(q)):
            return each  # 329亿元平均到每个优质项目: the one fact stating 329亿元, shared over its items
        browse = self._browse(q, ranked)
        if browse:
            return Match("browse", q.text, q.norm, q.lang, score=declining["score"], slots=q.slots,
                         suggestions=tuple(self.facts[i].questions[q.lang][0] for i in browse), missing=(q.form,))
        candidates = self._candidates(q, ranked, s.threshold)
        if not candidates or candidates[0][1] < s.threshold:
            top = candidates[0][1] if candidates else (ranked[0][1] if ranked else 0.0)
            floor = s.threshold - s.near_margin
            near = [(i, sc) for i, sc in self._candidates(q, ranked, floor) if sc >= floor] or self._dated(q, ranked)
            if not (self._spelled_out(q, near) or self._says_no_figure(q, near) or self._holds_only(q, near)):
                if near:
                    declining["suggestions"] = tuple(self.facts[i].questions[q.lang][0] for i, _ in near[: s.suggestions])
                missing = self._unexplained(q, [i for i, _ in near[:1]]) if near else ()
                cause = "unexplained" if missing else "near" if near else ""  # 创始人: say what is missing
                return Match("declined", q.text, q.norm, q.lang, **{**declining, "score": max(0.0, top)},
                             cause=cause, missing=missing)
            candidates = near[:1]
        best_i, best = candidates[0]
        series, article = self.facts[best_i].series, self.facts[best_i].source.doc
        chosen = [i for i, sc in candidates if self.facts[i].source.doc == article
                  and (sc >= best - s.tie_margin
                       or (series and self.facts[i].series and self.facts[i].series.id == series.id
                           and sc >= max(s.threshold, best - s.series_margin)))]
        chosen = self._by_member(q, self._by_said(q, self._by_names(q, self._by_figure(q, chosen))))
        chosen = self._same_day(q, chosen, candidates)
        if "latest" in q.relative:
            chosen = self._latest_member(chosen)
        if len(self.knowledge.documents) > 1:
            chosen = self._other_articles(chosen, self._candidates(q, ranked, s.threshold - s.near_margin))
        facts = tuple(self.facts[i] for i in chosen[: s.max_facts])
        score = round(min(100.0, best), 1)

        def declined(cause: str, missing: tuple[str, ...] = ()) -> Match:
            return Match("declined", q.text, q.norm, q.lang, facts, score, best_fact=facts[0].id, slots=q.slots,
                         suggestions=tuple(f.questions[q.lang][0] for f in facts[: s.suggestions]), cause=cause,
                         missing=missing)

        missing = self._unexplained(q, [self._index[f.id] for f in facts]) or self._unknown_names(q, facts)
        if missing and (explaining := self._explaining(q, candidates, best, chosen)) is not None:
            # 天下秀这个项目方主攻啥业务: not the owner's name, whose words say no 业务; its business
            facts, missing = (self.facts[explaining],), ()
        if missing:
            return declined("unexplained", missing)
        if len(facts) == 1 and (cause := "alone" if "count" in q.wanted else "kind" if facts[0].asks == "list"
                                and _MEMBERS_ASKED.search(q.norm) else "") \
                and (item := self._one_item_of(q.norm, facts[0])):
            at = q.text.lower().find(item)  # as typed (MCN机构), where normalizing changed only its case
            return declined(cause, (q.text[at : at + len(item)] if at >= 0 else item,))  # 余杭光MCN机构有多少家:
            # 超过60家 counts MCN机构、直播平台、供应链、大数据 together; MCN机构具体有哪几家: the list names kinds
        if q.op == "mean" and len(facts) == 1 and (each := self.calculator.per_item(facts[0])):
            return Match("computed", q.text, q.norm, q.lang, each.members, score,
                         best_fact=facts[0].id, slots=q.slots, computation=each)  # 平均每个优质项目投资多少
        if q.op == "mean" and not any(self.lexicon.operation_words(normalize(f"{f.answer[q.lang]} {f.source.quote}"), "mean")
                                      for f in facts):  # 平均每个项目投资多少: a total is no average
            return declined("unexplained", (self.lexicon.operation_words(q.norm, "mean"),))
        if self._asks_within(q, facts):  # 60多家直播企业里MCN机构有几家: the 60家 is said; its part is not
            return declined("near")
        if len(facts) < 2 and (q.op in _COMPARING or (q.op == "sum" and (_pattern(_PLUS_JOIN).search(q.norm)
                                                                        or self._and_join(q.norm)))):
            return declined("near")  # 二季度比一集度多了多少, 一嵴都加二季度一共多少: one figure compares or adds nothing
        if (negated := self._negated(q)) and any(value in self.fact_slots[self._index[f.id]].get(kind, ())
                                                 for f in facts for kind, value in negated):
            return declined("near")  # 浙江省级实验室里不在余杭的是哪个: not one of Yuhang's three
        if (at := _pattern(_AT_RANK).search(q.norm)) and not any(
                f"第{at.group(1)}" in normalize(fig.text) for f in facts for fig in f.figures):
            return declined("near")  # 浙江省内排第二的是哪个区: who holds a place no fact gives, not 全省第一
        if (at := _pattern(_AT_RANK_EN).search(q.norm)) and not all(
                any(f"第{_ORDINALS_EN[at.group(1)]}" in normalize(fig.text) for fig in f.figures) for f in facts):
            return declined("near")  # which district ranked first in the top-100 list: not Yuhang's 第七位
        return Match("fact", q.text, q.norm, q.lang, facts, score, best_fact=facts[0].id, slots=q.slots)

    def _negated(self, q: Question) -> set[tuple[str, str]]:
        """The names the question rules out (不在余杭的, 余杭以外的): a fact about one answers the
        opposite of what is asked."""
        if not any(word in q.norm for word in ("不", "以外", "之外")):
            return set()
        named = self.reader.positions(q.norm)
        out = set()
        for m in _pattern(_NOT_OF).finditer(q.norm):
            if m.group(1):  # 不在余杭: the name just after
                out |= {(kind, value) for at, kind, value in named if at == m.end()}
            else:  # 余杭以外: the last name just before
                before = [(at, kind, value) for at, kind, value in named if m.start() - 6 <= at < m.start()]
                out |= {(kind, value) for at, kind, value in before[-1:]}
        return out

    def _explaining(self, q: Question, candidates: list[tuple[int, float]], best: float,
                    chosen: list[int]) -> int | None:
        """The one candidate, not chosen and close behind the best, above the threshold, whose
        words explain the attribute the chosen facts leave unexplained; None when there is none."""
        s = self.settings
        close = [i for i, sc in candidates if i not in chosen and sc >= max(s.threshold, best - s.near_margin)]
        found: list[int] = []
        # a few at a time, each few explained in one batch (not a text at a time), and no further
        # once two explain it: on a large base dozens are close, and explaining each took 10 ms
        for start in range(0, len(close), _EXPLAINED_AT_ONCE):
            few = close[start : start + _EXPLAINED_AT_ONCE]
            self._explain(few)
            found += [i for i in few if not self._unexplained(q, [i]) and not self._unknown_names(q, (self.facts[i],))]
            if len(found) > 1:
                return None
        return found[0] if found else None

    def _unread_quarter(self, norm: str) -> bool:
        """A quarter named where the slot reader reads none (千三季度)."""
        read = {at for at, kind, _ in self.reader.positions(norm) if kind == "quarter"}
        return any(not read & {m.start(1), m.start(1) - 1} for m in _pattern(_QUARTER_SAID).finditer(norm))  # 前3季度 read at 前

    def _refused(self, q: Question) -> tuple[Kind, str] | None:
        """(kind, cause) of a question declined whatever the facts say: a slot value no fact has,
        figures no article gives (同比), or two quarters joined unclearly."""
        if q.unknown:
            return "out_of_scope", ""
        if q.op != "change" and self.lexicon.asks_unanswerable(q.norm):
            return "declined", "growth"
        if q.op and self._unclear_join(q.norm):  # 一季度纛三季度: 到 (all three) or 和 (two)? ask, never guess
            return "declined", "near"
        return None

    def _date_checked(self, q: Question) -> Match | None:
        """A day no fact has, said of a thing whose day a fact gives (白皮书是9月12日发的？): that fact,
        whose day the reply shows, when the question without the day asks it of exactly one fact."""
        if q.op or not q.wanted <= {"date", "year"} | _WHAT_HAPPENED:
            return None
        without = self.understand(_pattern(_TIME_SAID["date"]).sub(" ", q.norm), mended=True, asked=frozenset({"date"}))
        if not isinstance(without, Question) or without.unknown or "date" in without.slots:
            return None
        found = self.decide(without)
        return found if found.kind == "fact" and len(found.facts) == 1 and found.facts[0].asks == "date" else None

    def _and_join(self, norm: str) -> bool:
        """Whether 和 joins two things (直造业和数字经济), not inside a name (阿里仁和数据中心) or a word
        of the language (和平)."""
        if "和" not in norm:
            return False
        names = [span for kind in _NAME_KINDS for span in self.reader.spans(norm, kind)]
        common = common_words()
        return any(0 < at < len(norm) - 1 and not any(a <= at < b for a, b in names)
                   and norm[at - 1 : at + 1] not in common and norm[at : at + 2] not in common
                   for at in (m.start() for m in _pattern("和").finditer(norm)))

    def _unclear_join(self, norm: str) -> bool:
        """Two quarters with a character between them that neither lists, spans nor compares them
        (一季度纛三季度: a mistyped 到 or 和?), or a span with a typo beside it (一季度赌到三季度: 到,
        or 和到?): either would combine other quarters than those meant; or a numeral left unread one
        character before a quarter (一稻3季度: 一到三季度 mistyped, no Q3 alone)."""
        if _pattern(_LONE_BEFORE_QUARTER).search(norm):
            return True
        said = [m.span() for m in _pattern(_QUARTER_SAID).finditer(norm)]
        for (_, end), (start, _) in itertools.pairwise(said):
            gap = norm[end:start].strip()
            if len(gap) == 1 and "\u3400" <= gap <= "\u9fff" and not _pattern(_JOIN).match(gap):
                return True
            if len(gap) == 2 and any("\u3400" <= c <= "\u9fff" and not _pattern(_JOIN).match(c) for c in gap) \
                    and any(c in _SPANS for c in gap) and not self.mender.word(gap):
                return True  # 赌到: to the third (a range), or a list (和) of two? 比 compares those two either way
        return False

    def _compute(self, q: Question, ranked: list[tuple[int, float]]) -> Match | None:
        """A combining question over a declared series, or None when it is not one after all."""
        s = self.settings
        assert q.op
        series_scores: dict[str, float] = {}
        for sid, sform in self._series_forms:
            series_scores[sid] = max(series_scores.get(sid, 0.0), similarity(q.form, sform))
        # the single facts to weigh a combination against: those that answer what is asked (多少个 is
        # not asking for 329亿元)
        singles = {self.facts[i].id: sc for i, sc in ranked if not q.wanted or self.facts[i].asks in q.wanted}
        found = [comp for doc in self._articles_in_play(q, ranked)
                 if (comp := self.calculator.compute(q.norm, q.op, singles, series_scores,
                                                     s.threshold - s.near_margin, s.compute_margin, doc,
                                                     whole=not _stray_number(q.norm)))]
        computed = [comp for comp in found if not comp.refusal]
        if len(computed) > 1:  # 三季度比二季度多多少, with two years' articles: which year's?
            return Match("declined", q.text, q.norm, q.lang, tuple(c.members[0] for c in computed),
                         best_fact=self._best_id(ranked), slots=q.slots, cause="articles",
                         missing=tuple(c.members[0].source.doc for c in computed))
        comp = computed[0] if computed else found[0] if found else None
        if comp and comp.refusal:
            if comp.refusal == "approx" and self._said_outright(q, ranked):
                return None  # the signed projects' total investment: the article says it, no sum needed
            return Match("declined", q.text, q.norm, q.lang, comp.members, suggestions=self._suggest(ranked, q.lang),
                         best_fact=self._best_id(ranked), slots=q.slots, computation=comp)
        if comp and comp.op == "mean" and _pattern(_PER_ITEM).search(q.norm) \
                and len({self.fact_slots[self._index[f.id]].get("quarter") for f in comp.members}) > 1:
            return None  # 平均每个项目投资多少: the quarters' mean is no project's average
        if comp and self._states_other_figure(q, comp):
            return None  # 58个项目合计投资: about the 58 projects, not a sum of the quarters
        if comp and not comp.refusal and any(not any(self.fact_slots[self._index[f.id]].get(kind, frozenset()) & names
                                                     for f in comp.members)
                                             for kind, names in q.slots.items() if kind in (*_NAME_KINDS, "place")):
            # 天下秀项目年3季度…的比例 (占 mistyped): a thing named that no member is, left out; 杭州全市3季度
            # 一共签约多少项目: another place's
            return None
        if comp and comp.op in ("sum", "mean", "each") and (said := _members_said(q.norm)) and said != len(comp.members):
            # 制造业数字经几人才配套三类加起来: three said, two read (a typo hid one): never two's sum
            return Match("declined", q.text, q.norm, q.lang, comp.members, suggestions=self._suggest(ranked, q.lang),
                         best_fact=self._best_id(ranked), slots=q.slots, cause="near")
        if comp and comp.op == "share" and self._whole_is_own_total(q, comp):
            return None  # 三季度双集中占前三季度落地项目总投资的比例: of 近1800亿元, not the three events' sum
        if comp:
            scores = dict(ranked)
            top = max(scores.get(self._index[f.id], 0.0) for f in comp.members)
            return Match("computed", q.text, q.norm, q.lang, comp.members, round(max(top, s.threshold), 1),
                         best_fact=comp.members[0].id, slots=q.slots, computation=comp)
        return None

    def _whole_is_own_total(self, q: Question, comp: Computation) -> bool:
        """Whether a share's whole (what follows 占), asked alone, is one fact in no series, none of
        the computation's members and of their unit, with a word of its own that no member says
        (前三季度落地项目总投资: 近1800亿元), not the members added (前三季度双集中合计, 前三个季度总和;
        三类优质项目's 329亿元 is no whole of their counts)."""
        quarters = {self.fact_slots[self._index[f.id]].get("quarter") for f in comp.members} - {None}
        sides = _portion_sides(q.norm, "share") if len(quarters) > 1 else None  # a span's own total: quarters'
        whole = self.understand(sides[1], mended=True) if sides else None
        if not isinstance(whole, Question):
            return False
        found = self.decide(whole)
        units_of = {f.unit for member in comp.members for f in member.figures}
        if not (found.kind == "fact" and len(found.facts) == 1 and not found.facts[0].series
                and found.facts[0] not in comp.members and any(f.unit in units_of for f in found.facts[0].figures)):
            return False
        own = self._explanation(self._index[found.facts[0].id])
        members = [self._explanation(self._index[f.id]) for f in comp.members]
        # its words but its times and the figures it states (前3季度总和 says only 总和; 那58个项目, 项目)
        rest = _GIVEN.sub(" ", _cut(whole.norm, self._spans_of(whole.norm, [k for k in _TIME_SAID if k in whole.slots])))
        return any(own.explains(w) and not any(m.explains(w) for m in members)
                   for w in units(self.wording.form(rest)) if len(w) > 1 and not _DIGIT.search(w))

    def _portion(self, q: Question) -> Match | None:
        """One fact's figure as a share of another's, a multiple of it, or what is left of it without
        the other (天下秀投资占那329亿的比例, 天下秀估值是投资的几倍, 556亿里面除了329亿剩下多少): each
        side names exactly one figure, both of one unit and exact, a share's or a remainder's part
        smaller than its whole; else None. A side naming nothing, no name nor time (投资), is about
        the names the other side says."""
        sides = _portion_sides(_TAKEN_AS.sub(" ", q.norm), q.op or "")  # 按1800亿算 states no side's figure
        if not sides or (q.op == "remainder" and q.wanted == {"share"}):
            return None  # 不在余杭的占百分之几 asks a share of the remainder, not the remainder
        if q.op == "share":
            sides = self._whole_said_first(sides)
        named = [self.reader.read(side) for side in sides]
        said = [self._borrowing(side, other) if not own.keys() & _SHARED_KINDS or _PRONOUN.search(side) else side
                for side, own, other in zip(sides, named, named[::-1], strict=True)]  # 它估值 names an aspect
        within = q.op in ("share", "remainder")  # the whole is read beside its part
        part = self._one_figure(said[0])
        whole = self._one_figure(said[1], beside=part if within else None)
        if part and part is whole:  # the borrowed names found the other side: a borrowing side's own words
            if sides[0] != said[0]:
                part = self._one_figure(sides[0])
            if sides[1] != said[1]:
                whole = self._one_figure(sides[1], beside=part if within else None)
        # a side too short to name a figure (全省) is the other side's thing, of what it names
        # instead (余杭的省级实验室占全省的比例: 全省的省级实验室)
        if part and not whole:
            whole = self._one_figure(f"{sides[1]} {_STATED.sub(' ', self._named_out(sides[0], named[0]))}")
        elif whole and not part:  # 浙江4个省级实验室里有几个不在余杭: 余杭's labs, not the 4个 said of the whole
            part = self._one_figure(f"{sides[0]} {_STATED.sub(' ', self._named_out(sides[1], named[1]))}")
        if (part is None or whole is None) and q.op == "share":
            part, whole = self.calculator.pair(*sides) or (part, whole)  # each side one member of a series
        if part is None and whole is not None and q.op == "share" and (joint := self._added_part(q, sides[0], whole)):
            return joint
        if part is not None and whole is None and q.op == "share" and (summed := self._summed_whole(q, part, sides[1])):
            return summed
        if part is not None and part is whole and q.op == "remainder":
            whole = self._whole_beyond(sides[1], part)  # 浙江省级实验室里有几个不在余杭: the province's 4个
        if part is None or whole is None or part is whole:
            return None
        summed = self.lexicon.operation_words(sides[1], "sum")
        if q.op == "share" and whole.series and summed and not summed.isascii():
            return None  # 占一捣三季度总和: the whole is several members added, and one was read ("the Q3 total of" is one)
        siblings = part.series and whole.series and part.series.id == whole.series.id
        a, b = part.figures[0], whole.figures[0]
        taken = self._taken_as(q.norm, [f for f in (a, b) if f.qualifier])
        if a.unit != b.unit or ((a.qualifier or b.qualifier) and not taken) or a.value <= 0 or b.value <= 0:
            return None
        if q.op in ("share", "remainder") and a.value >= b.value and (not siblings or q.lang == "en"):
            # a part no smaller than its whole is no part of it; members of a series are no parts, but
            # "what share of the 9M total came from Q2" (9M unread: Q1 taken for the whole) is one
            return None
        money, count = self.lexicon.quantity(q.norm, "amount"), self.lexicon.quantity(q.norm, "count")
        if money != count and count == ("元" in a.unit):  # 二季度签约项目比三季度多几个: no two amounts' difference
            return None
        op = _PORTIONS.get(q.op or "", q.op or "")
        comp = replace(OPERATIONS[op].run(Series("", {}, a.unit), (part, whole)), taken_as=taken)
        return Match("computed", q.text, q.norm, q.lang, (part, whole), self.settings.threshold,
                     best_fact=part.id, slots=q.slots, computation=comp)

    def _whole_beyond(self, side: str, part: Fact) -> Fact | None:
        """The whole a remainder's side names when its best fact is the part itself (浙江省级实验室:
        Yuhang's 3个, which the words fit best): the next fact above the threshold with one figure
        of the part's unit."""
        asked = self.understand(side, mended=True, asked=_QUANTITIES)
        if not isinstance(asked, Question):
            return None
        unit = part.figures[0].unit if len(part.figures) == 1 else None
        return next((f for i, _ in self._candidates(asked, self.retrieve(asked), self.settings.threshold)
                     if (f := self.facts[i]) is not part and len(f.figures) == 1 and f.figures[0].unit == unit), None)

    @staticmethod
    def _taken_as(norm: str, approximate: list[Figure]) -> bool:
        """Whether the question says the one approximate figure is to be taken at its number
        (按1800亿算 of 近1800亿元), or asks roughly with that number: then it may be computed with, as
        the user's own reckoning."""
        if len(approximate) != 1:
            return False
        figure = approximate[0]
        if said := _TAKEN_AS.search(norm):
            return Decimal(said.group(1)) == figure.value and _in_unit(said.group(2), figure.unit)
        # 556亿大约占1800亿的多少, 占近1800亿的多少: a rough share asked of the number the question says,
        # or of the approximate figure it says as approximate
        return any(Decimal(m.group(1)) == figure.value and _in_unit(m.group(2), figure.unit)
                   and (_ROUGHLY.search(norm) is not None or norm.endswith(_NEARLY, 0, m.start()))
                   for m in _GIVEN.finditer(norm))

    def _added(self, q: Question) -> Match | None:
        """Two facts no series joins, added (小镇首批24个项目加上9月29日签约的58个，一共多少个项目): the one
        cut at a join word whose each side names one exact figure of their common unit, each side
        asked with what the question asks after the sum word (一共多少个项目)."""
        words = dict(self.lexicon.operations)["sum"]
        said = list(words.finditer(q.norm))  # the last: 加上 of 24个项目加上…58个 joins, 一共 sums
        if not said:
            return None
        before, asked = q.norm[: said[-1].start()], q.norm[said[-1].start():]
        found: dict[tuple[str, str], tuple[Fact, Fact]] = {}
        for join in _pattern(_ADDED_JOIN).finditer(before):
            sides = (before[: join.start()], before[join.end():])
            if all(side.strip() for side in sides):
                one, other = (self._one_figure(f"{side} {asked}", q.wanted & _QUANTITIES or _QUANTITIES) for side in sides)
                if one and other and one is not other:
                    found[(one.id, other.id)] = (one, other)
        if len(found) != 1:
            return None
        facts = next(iter(found.values()))
        figures = [f.figures[0] for f in facts]
        if len({f.unit for f in figures}) != 1 or any(f.qualifier for f in figures) \
                or any(self._may_hold(*pair) for pair in (facts, facts[::-1])):
            return None
        comp = OPERATIONS["sum"].run(Series("", {}, figures[0].unit), facts)
        return Match("computed", q.text, q.norm, q.lang, facts, self.settings.threshold, best_fact=facts[0].id,
                     slots=q.slots, computation=comp)

    @staticmethod
    def _may_hold(whole: Fact, part: Fact) -> bool:
        """Whether one fact's figure may hold the other's: it names nothing, and is of a time the
        other is of (三季度双集中's 556亿元 holds 天下秀's 60亿元; 三季度签约的58个 holds 制造业's 20个)."""
        return not any(whole.slots.get(kind) for kind in _NAME_KINDS) and any(
            whole.slots.get(kind, ()) and set(whole.slots[kind]) & set(part.slots.get(kind, ())) for kind in TIME_KINDS)

    def _added_part(self, q: Question, side: str, whole: Fact) -> Match | None:
        """A share whose part is two or more named things added (天下秀加碳纤维项目占三季度总投资的比例):
        each name's one figure, all of the whole's unit, exact and together smaller than it."""
        names = sorted((a, b) for kind in _NAME_KINDS for a, b in self.reader.spans(side, kind))
        added = self.lexicon.operation_words(side, "sum")
        if len(names) < 2 or not added:
            return None
        rest = _cut(side, names).replace(added, " ")  # what the side says of each name (项目: its investment)
        found = [self._one_figure(f"{side[a:b]} {rest}") for a, b in names]
        facts = tuple(f for f in found if f)
        ids = {f.id for f in facts}
        if len(facts) != len(found) or len(ids) != len(facts) or whole.id in ids \
                or {f.figures[0].unit for f in facts} != {whole.figures[0].unit} \
                or any(f.figures[0].qualifier for f in (*facts, whole)):
            return None
        if sum(figure_value(f) for f in facts) >= figure_value(whole):
            return None
        comp = cast(Portion, OPERATIONS["portion"]).run_joint(Series("", {}, whole.figures[0].unit), facts, (whole,))
        return Match("computed", q.text, q.norm, q.lang, (*facts, whole), self.settings.threshold,
                     best_fact=facts[0].id, slots=q.slots, computation=comp)

    def _summed_whole(self, q: Question, part: Fact, side: str) -> Match | None:
        """A share whose whole is a series' members added (天下秀网红城市投资占前三季度双集中合计的百分比:
        60亿元 ÷ (582亿元 + 600亿元 + 556亿元)): the side asked as a sum, exact, of the part's unit
        and larger than it; the part no member (a quarter's share of the three is the calculator's)."""
        asked = self.understand(side, mended=True)
        if not isinstance(asked, Question) or not self.lexicon.operation_words(side, "sum"):
            return None
        found = self._compute(replace(asked, op="sum"), self.retrieve(asked))
        comp = found.computation if found and found.kind == "computed" else None
        if comp is None or comp.op != "sum" or part in comp.members \
                or {f.figures[0].unit for f in comp.members} != {part.figures[0].unit} or part.figures[0].qualifier \
                or figure_value(part) >= sum(figure_value(f) for f in comp.members):
            return None
        whole = tuple(sorted(comp.members, key=self.calculator.quarter))  # in time: Q1, Q2, Q3
        share = cast(Portion, OPERATIONS["portion"]).run_joint(Series("", {}, part.figures[0].unit), (part,), whole)
        return Match("computed", q.text, q.norm, q.lang, (part, *whole), self.settings.threshold,
                     best_fact=part.id, slots=q.slots, computation=share)

    def _whole_said_first(self, sides: tuple[str, str]) -> tuple[str, str]:
        """(part, whole) of a share whose whole is said first and the part last, with no 里 between
        (浙江4个省级实验室，余杭占了百分之多少: the comma is gone once normalized): the part side names
        two places and the whole side none, so the last place is the part, of the thing before it."""
        if self.reader.read(sides[1]).keys() & _SHARED_KINDS:
            return sides
        places = [at for at, kind, _ in self.reader.positions(sides[0]) if kind == "place"]
        if len(places) < 2 or self.lexicon.operation_words(sides[0], "sum"):
            return sides  # 天下秀和碳纤维两个项目合计占…: two parts added
        whole = sides[0][: places[-1]]
        return f"{sides[0][places[-1] :]} {_STATED.sub(' ', self._named_out(whole, ['place']))}", whole  # 4个 is the whole's

    @staticmethod
    def _borrowing(side: str, other: Slots) -> str:
        """A side with the other side's names: in place of its pronoun (它带来的投资额 is 天下秀带来的
        投资额; an unexplained 它 kept the side from its fact), else after it."""
        names = " ".join(v for k in _NAME_KINDS for v in sorted(other.get(k, ())))
        return _PRONOUN.sub(f" {names} ", side, count=1) if names and _PRONOUN.search(side) else f"{side} {names}"

    def _shortfall(self, q: Question) -> Match | None:
        """The number a question gives less the figure the rest of it asks (三个季度加起来离1800亿还差
        多少: 1800亿元 − (582亿元 + 600亿元 + 556亿元) = 62亿元; 从提出全域创新策源地到2020年过了几年:
        2020年 − 2018年): one exact figure, or the members a sum adds, all of the number's unit; None
        when the figure is the number or past it."""
        said = self.lexicon.operation_words(q.norm, "shortfall")
        given = _GIVEN.search(said)
        if not given:
            return None
        # the rest asks the figure: 3季度双集中 多少亿, 3季度签约项目 多少个, 提出全域创新策源地 哪年
        rest = q.norm.replace(said, " ")
        asking = "哪年" if given.group(2) == "年" else f"多少{given.group(2) or ''}"
        asked = self.understand(f"{rest} {asking}", mended=True)
        if not isinstance(asked, Question) or not units(self.wording.form(rest)):
            return None  # 到2020年过了几年: since what?
        found = self.decide(asked)
        comp = found.computation
        if found.kind == "computed" and comp and comp.op == "sum" and not comp.refusal:
            facts = tuple(sorted(comp.members, key=self.calculator.quarter))
        elif found.kind == "fact" and len(found.facts) == 1:
            facts = found.facts
        else:
            return None
        measures = {f.figures[0].unit for f in facts if len(f.figures) == 1 and not f.figures[0].qualifier}
        if len(measures) != 1 or any(len(f.figures) != 1 for f in facts):
            return None
        unit = measures.pop()
        if not _in_unit(given.group(2), unit):
            return None  # 离2000万还差多少 of a figure in 亿元: no sum of one unit less another's
        short = cast(Shortfall, OPERATIONS["shortfall"]).run_given(Series("", {}, unit), facts, Decimal(given.group(1)))
        if short.result is None or short.result <= 0:
            return None
        return Match("computed", q.text, q.norm, q.lang, facts, self.settings.threshold, best_fact=facts[0].id,
                     slots=q.slots, computation=short)

    def _previous_rank(self, q: Question, ranked: list[tuple[int, float]]) -> Match | None:
        """The rank a question asks about, before the move its article gives for it (_moves). The
        rank is the one whose move the question states (前移5位之前, moved up 5 places), else the
        best-ranked rank fact, when it moved; else None."""
        s = self.settings
        stated = {Decimal(_EN_NUMBERS.get(n, n)) for n in _MOVE_STATED.findall(q.norm)}
        said = [rid for rid, move in self._moves.items() if move.figures[0].value in stated]
        if len(said) == 1:
            rank = self.facts[self._index[said[0]]]
        else:
            ranks = [(self.facts[i], sc) for i, sc in ranked
                     if self.facts[i].asks == "rank" and sc >= s.threshold - s.near_margin]
            if not ranks or ranks[0][0].id not in self._moves \
                    or (len(ranks) > 1 and ranks[1][1] > ranks[0][1] - s.tie_margin):
                return None
            rank = ranks[0][0]
        move = self._moves[rank.id]
        comp = OPERATIONS["previous_rank"].run(Series("", {}, "位"), (rank, move))
        if comp.result is None:
            return None
        return Match("computed", q.text, q.norm, q.lang, (rank, move), s.threshold, best_fact=rank.id,
                     slots=q.slots, computation=comp)

    @cached_property
    def _moves(self) -> dict[str, Fact]:
        """Each rank fact's move (a figure in 位 that ranks nothing, in the rank's paragraph, whose
        quote stands nearer this rank's than any other rank's: 余杭前移5位 , 跃升至…第七位 , 蝉联全省第一
        moves the 第七位, not 全省第一), by the rank's id; worked out once per fact base."""
        def one_in(fact: Fact) -> bool:  # one exact figure in 位: a rank, or a move up or down a ranking
            return len(fact.figures) == 1 and fact.figures[0].unit == "位" and not fact.figures[0].qualifier

        by_paragraph: dict[tuple[str, int], list[Fact]] = {}
        for f in self.facts:
            if one_in(f):
                by_paragraph.setdefault((f.source.doc, f.source.paragraph), []).append(f)
        moves: dict[str, Fact] = {}
        for (doc_id, paragraph), here in by_paragraph.items():
            doc = self.knowledge.documents.get(doc_id)
            if not doc or not 0 < paragraph <= len(doc.paragraphs):
                continue
            text = doc.paragraphs[paragraph - 1]
            ranks = [f for f in here if f.asks == "rank" and f.source.quote in text]
            for rank in ranks:
                found = [m for m in here if m.asks != "rank" and m.source.quote in text and min(
                    ranks, key=lambda r: abs(text.find(r.source.quote) - text.find(m.source.quote))) is rank]
                if len(found) == 1:
                    moves[rank.id] = found[0]
        return moves

    def _gap(self, q: Question) -> Match | None:
        """Days between two dated facts (数字健康小镇开园到双集中隔了几天): the one cut of the question
        whose each side names exactly one exact date; else None."""
        cuts = {(pair[0].id, pair[1].id): pair for sides in _gap_splits(q.norm)
                if (pair := tuple(self._one_date(side) for side in sides))[0] and pair[1] and pair[0] is not pair[1]}
        if len(cuts) != 1:
            return None
        first, then = cuts.popitem()[1]
        assert first and then
        if _pattern(_GAP_AFTER_ZH).search(q.norm) and day(then) < day(first):
            return None  # 犀牛智造启用后过了几天开园: the town had opened before; no days after
        comp = OPERATIONS["gap"].run(Series("", {}, "天"), (first, then))
        return Match("computed", q.text, q.norm, q.lang, (first, then), self.settings.threshold,
                     best_fact=first.id, slots=q.slots, computation=comp)

    def _side(self, text: str, wanted: frozenset[str] | None = None) -> list[Fact]:
        """The facts a side of a question about two facts answers, asked as a question of its own
        (no operation; `wanted`: the kinds it must answer with); none when it is declined."""
        side = self.understand(text, mended=True, asked=wanted)
        if not isinstance(side, Question):
            return []
        if wanted is None:
            side = replace(side, op=None)
        found = self.decide(side, self.retrieve(side))
        return list(found.facts) if found.kind == "fact" else []

    def _one_date(self, text: str) -> Fact | None:
        """The one exact date a side of a how-many-days question names: tied facts may say it
        twice (9月29日), never two dates or an approximate one."""
        found = self._side(text, frozenset({"date"}))
        if not found and (verb := _pattern(_HELD).match(text)) and len(text) - verb.end() > 1:
            found = self._side(text[verb.end():], frozenset({"date"}))  # 开双集中: the event, held
        if not found or any(len(f.figures) != 1 or f.figures[0].unit != "日期" or f.figures[0].qualifier
                            or f.figures[0].text != found[0].figures[0].text for f in found):
            return None
        return found[0]

    def _one_figure(self, text: str, wanted: frozenset[str] = _QUANTITIES, beside: Fact | None = None) -> Fact | None:
        """The one fact a side of a share names: by the figure it states (那329亿), else the one fact
        its words answer with a single figure of a kind `wanted`. `beside`: the part, when this side
        is its whole: of tied wholes, the one its own paragraph states is it (其中，仅碳纤维航空结构件
        项目投资额就达30亿元 follows 总投资额329亿元, not the 556亿元 of both events)."""
        # the last figure stated is the side's (58个优质项目的329亿: the 329亿), unless it is a count
        # saying which things the side asks the investment of (58个签约项目总投资)
        stated = _STATED.findall(text)
        holders = [f for i in self._holding(stated[-1]) if len((f := self.facts[i]).figures) == 1] \
            if stated else []
        counting = bool(holders) and "元" not in holders[0].figures[0].unit and self.lexicon.quantity(text, "amount") \
            and not self.lexicon.quantity(text, "count")
        if stated and not counting and (holders or not _FEW.fullmatch(stated[-1])):  # a few (天下秀加碳纤维2个项目)
            # count what the words name
            return holders[0] if holders and len({(f.figures[0].value, f.figures[0].unit) for f in holders}) == 1 \
                else None
        # of tied facts, those with no figure are no side of a share (天下秀项目: its business, its owner)
        figured = [f for f in self._side(text, wanted) if len(f.figures) == 1 and f.figures[0].unit != "日期"]
        if len(figured) > 1 and beside is not None:
            own = [f for f in figured if f is not beside and f.source.doc == beside.source.doc
                   and f.source.paragraph == beside.source.paragraph]
            if len(own) == 1:
                return own[0]
        # a quarter's total (三季度总投资) is its series member, not a part of it the quarter also has (329亿元)
        members = [f for f in figured if f.series]
        return figured[0] if len(figured) == 1 else members[0] if len(members) == 1 else None

    def _totals_span(self, q: Question, ranked: list[tuple[int, float]]) -> bool:
        """The best fact, above the threshold and in no series, is the article's own total for the
        span of quarters the question names (前3季度)."""
        span = q.slots.get("quarter")
        if not ranked or ranked[0][1] < self.settings.threshold or not span or len(span) != 1 \
                or "-" not in next(iter(span)):
            return False
        best = ranked[0][0]
        return self.fact_slots[best].get("quarter") == span and not self.facts[best].series

    def _span_of_series(self, q: Question, ranked: list[tuple[int, float]]) -> bool:
        """Whether the words of a question naming a span of quarters that the article's total for
        the span (its best fact of that span, in no series) leaves unsaid (双集中) are said by the
        members of a series over those quarters: it asks for their sum."""
        span = q.slots.get("quarter")
        if not span or len(span) != 1 or "-" not in next(iter(span)):
            return False
        best = next((i for i, sc in ranked[:_LOOKED_AT] if sc >= self.settings.threshold
                     and self.fact_slots[i].get("quarter") == span and not self.facts[i].series), None)
        if best is None:
            return False
        left = [w for w in units(q.form) if not self._explanation(best).explains(w)]
        if not left:
            return False
        members = [i for i, f in enumerate(self.facts) if f.series and f.source.doc == self.facts[best].source.doc
                   and self.fact_slots[i].get("quarter")]
        return bool(members) and all(any(self._explanation(i).explains(w) for i in members) for w in left)

    def _quarters_of_series(self, q: Question, ranked: list[tuple[int, float]]) -> bool:
        """Whether the question names several quarters together (1季度和2季度; no span: 前3季度 is the
        article's own total) and the best fact, above the threshold, is of a series whose members hold each of them."""
        quarters = q.slots.get("quarter", frozenset())
        if len(quarters) < 2 or not ranked or ranked[0][1] < self.settings.threshold \
                or not _QUARTERS_LISTED.search(q.norm):  # 一季度多少，听说比二季度少: one asked, one said
            return False
        series = self.facts[ranked[0][0]].series
        if not series:
            return False
        held = {quarter for (sid, _), members in self.calculator.members.items() if sid == series.id
                for f in members for quarter in self.fact_slots[self._index[f.id]].get("quarter", ())}
        return quarters <= held

    def _said_outright(self, q: Question, ranked: list[tuple[int, float]]) -> bool:
        """The best single fact answers the combining question by itself: above the threshold and
        saying nearly all its words (what the signed projects add up to is the article's 329亿元)."""
        if not ranked or ranked[0][1] < self.settings.threshold:
            return False
        best = ranked[0][0]  # the operation's words (combined, 加起来) are no fact's
        return (not q.wanted or self.facts[best].asks in q.wanted) and \
            self._explanation(best).coverage(self._form_without(q, q.op.rstrip("?")) if q.op else q.form) >= self.settings.spelled_out

    def _form_without(self, q: Question, operation: str) -> str:
        """The question's scoring form without the words of an operation, which no phrasing says."""
        return self.wording.form(self.reader.canonical(self.lexicon.without_operation(q.norm, operation)))

    def _each_apart(self, q: Question, ranked: list[tuple[int, float]]) -> Match | None:
        """分别/各 over names no series joins (余杭和萧山区三季度总投资分别多少): each name asked on its
        own, answered only when every one of them is, with each fact and its own source."""
        return self._each_name(q, ranked) or self._each_side(q)

    def _each_name(self, q: Question, ranked: list[tuple[int, float]]) -> Match | None:
        """Each of the names of one kind the question lists, asked on its own."""
        kinds = [k for k, v in q.slots.items() if len(v) > 1 and k in (*_NAME_KINDS, "place", "quarter")]
        if len(kinds) != 1:
            return None
        facts: list[Fact] = []
        named = dict.fromkeys(v for _, kind, v in self.reader.positions(q.norm) if kind == kinds[0])
        for value in [v for v in named if v in q.slots[kinds[0]]] or sorted(q.slots[kinds[0]]):
            one = self.decide(replace(q, slots={**q.slots, kinds[0]: frozenset({value})}, op=None), ranked)
            if one.kind != "fact" or len(one.facts) != 1:
                return None
            if one.facts[0] in facts:  # two names of one thing (未来科技城数字健康小镇): not a list
                return None
            facts.append(one.facts[0])
        scores = dict(ranked)
        score = min(scores.get(self._index[f.id], 0.0) for f in facts)
        return Match("fact", q.text, q.norm, q.lang, tuple(facts), round(max(score, self.settings.threshold), 1),
                     best_fact=facts[0].id, slots=q.slots)

    def _each_side(self, q: Question) -> Match | None:
        """分别/各 over two things said in words (前三季度落地项目总额和三季度双集中各多少, 优必选董事长和
        vivo项目负责人分别是谁): the one cut at a join whose each side, asked with the question's
        ending, is answered by one fact of its own."""
        m = _pattern(_EACH_ZH).search(q.norm)
        if not m or self.lexicon.operation(m.group("ask")):  # 分别占多少比例: each side's share, not its figure
            return None
        cuts = {}
        for join in _pattern(_GAP_JOIN_ZH).finditer(said := m.group("sides")):
            sides = (said[: join.start()], said[join.end():])
            # each side names something of its own, or a time of its own (今年以来落地项目总额)
            if all(self.reader.read(side) or self.lexicon.relative_times(side) for side in sides):
                found = [self._side(f"{side}{m.group('ask')}") for side in sides]
                if all(len(f) == 1 and (not q.wanted or f[0].asks in q.wanted) for f in found) \
                        and found[0][0] is not found[1][0]:  # 制造业和数字经济分别投资多少: no count answers
                    cuts[(found[0][0].id, found[1][0].id)] = (found[0][0], found[1][0])
        if len(cuts) != 1:
            return None
        facts = cuts.popitem()[1]
        return Match("fact", q.text, q.norm, q.lang, facts, self.settings.threshold, best_fact=facts[0].id,
                     slots=q.slots)

    def _states_other_figure(self, q: Question, comp: Computation) -> bool:
        """Whether the question states a figure of the base that is neither an input of `comp`
        nor its series' total (占58个的比例 names the whole the shares are of)."""
        stated = q.stated
        if not stated or comp.series is None:
            return False
        doc = comp.members[0].source.doc if comp.members else ""
        whole = sum((f.figures[0].value for f in self.calculator.members.get((comp.series.id, doc), ()) if f.figures),
                    Decimal(0))
        held = {form for f in comp.members for fig in f.figures for form in _figure_forms(fig.text)}
        held |= _figure_forms(f"{fmt(whole)}{comp.series.unit}")
        return any(form not in held and self._holding(form) for form in stated)

    def _articles_in_play(self, q: Question, ranked: list[tuple[int, float]]) -> list[str | None]:
        """The articles a combining question may be about: with one article, all of it (None);
        with several, each that has a close fact the question's slots agree with (2021年 rules
        out 2020's article)."""
        if len(self.knowledge.documents) < 2:
            return [None]
        return list(dict.fromkeys(self.facts[i].source.doc for i, _ in ranked
                                  if self._compatible(q.slots, self.facts[i], self.fact_slots[i])))

    def _other_articles(self, chosen: list[int], candidates: list[tuple[int, float]]) -> list[int]:
        """The same question answered by other articles (余杭三季度 in 2020's and in 2021's): each
        one's best answer of the same kind, close to the best, so that no article's figure is
        given as if it were the only one. Answers name their article when there are several."""
        s = self.settings
        best = dict(candidates)[chosen[0]]
        asks, what = self.facts[chosen[0]].asks, self._what(chosen[0])
        docs = {self.facts[i].source.doc for i in chosen}
        others: dict[str, int] = {}  # per other article: its counterpart, else its best close answer
        for i, score in candidates:
            doc = self.facts[i].source.doc
            if doc in docs or self.facts[i].asks != asks or score < s.threshold - s.near_margin:
                continue
            if self._what(i) == what:  # the same fact in another article: Q3's total, 2021's
                if doc not in others or self._what(others[doc]) != what:
                    others[doc] = i
            elif doc not in others and score >= max(s.threshold, best - s.document_margin):
                others[doc] = i
        return chosen + list(others.values())

    def _what(self, i: int) -> dict[str, frozenset[str]]:
        """A fact's slots without those that tell its article from others (the article, its year,
        its dates): what it is about, to find the same fact in another article."""
        return {k: v for k, v in self.fact_slots[i].items() if k not in ("doc", "year", "date")}

    def _candidates(self, q: Question, ranked: list[tuple[int, float]], floor: float) -> list[tuple[int, float]]:
        """Facts scoring at least `floor` whose slots agree with the question, best first, after
        the penalties: wording that asks for another kind of answer, and slots the question names
        that a rival has."""
        s = self.settings
        found: list[tuple[int, float, int]] = []
        for i, score in ranked:
            if score < floor:  # penalties only lower a score
                break
            f_slots = self.fact_slots[i]
            if not self._compatible(q.slots, self.facts[i], f_slots):
                continue
            asks = self.facts[i].asks
            # a date fact also says what happened that day (9月16号开服的项目有哪些)
            # a list that counts its items (五场硬仗) also says how many; what someone said says who said
            # it (谁说要在余杭开发人工智能产品: 周剑's words); a fact holding the figure a
            # which-question states says what has it (which unicorn is investing 6 billion yuan)
            if q.wanted and asks not in q.wanted and not (asks == "date" and "date" in q.slots
                                                          and q.wanted <= _WHAT_HAPPENED) \
                    and not (asks == "list" and "count" in q.wanted and self.facts[i].figures) \
                    and not (asks == "text" and "person" in q.wanted and f_slots.get("person")) \
                    and not (not q.wanted & _QUANTITIES and self._holds_stated(q, i)):
                # how big, how many: a figure of another kind never answers (18天 is no area), though a
                # share may say how many of them (一半)
                if q.wanted <= _QUANTITIES and asks in _QUANTITIES and not (asks == "share" and "count" in q.wanted):
                    continue
                score -= s.intent_penalty
            # a figure of one named thing (天下秀's 60亿元, 制造业's 20个, 临平新城's 十余个项目) does not answer a question
            # for a figure that names no such thing (9月29号签了多少钱的项目); a total over all of
            # them (total_of) may. One project's figure is that project's even when the question
            # names its zone (How much did Linping New City's projects invest: not 天下秀's 60亿元)
            if self._of_unnamed(q, i):
                score -= s.entity_penalty
            # an article's figure for a neighbour (萧山区) answers only a question naming a place
            if i in self._elsewhere and "place" not in q.slots:
                score -= s.entity_penalty
            found.append((i, score, sum(1 for kind in q.slots if f_slots.get(kind))))
        if not found:
            return []
        most = max(a for _, _, a in found)
        return sorted(((i, sc - s.slot_penalty * (most - a)) for i, sc, a in found), key=lambda c: -c[1])

    def _of_unnamed(self, q: Question, i: int) -> bool:
        """Whether fact i is a figure of one named thing the question does not name: see _candidates.
        A day the fact declares names it as well (8月30号开园的小镇首批几个项目: 数字健康小镇's 24个)."""
        f_slots, asks = self.fact_slots[i], self.facts[i].asks
        if q.slots.get("date", frozenset()) & self.facts[i].slots.get("date", frozenset()):
            return False
        return bool(q.wanted & _QUANTITIES or (not q.wanted and asks in _QUANTITIES)) and (
            (not any(k in q.slots for k in _NAME_KINDS)
             and any(len(f_slots.get(k, ())) == 1 and k not in self.facts[i].total_of for k in _NAME_KINDS))
            or (len(f_slots.get("project", ())) == 1 and "project" not in q.slots))

    def _stated_average(self, q: Question) -> Match | None:
        """An average over the items of the one fact holding the amount the question states."""
        held = {i for form in q.stated for i in self._holding(form)}
        if len(held) != 1 or not (each := self.calculator.per_item(self.facts[(i := held.pop())])):
            return None
        return Match("computed", q.text, q.norm, q.lang, each.members, self.settings.threshold,
                     best_fact=self.facts[i].id, slots=q.slots, computation=each)

    def _item_average(self, q: Question) -> Match | None:
        """An average over the items of the one fact that clearly answers the question without its
        averaging words (那三类项目平均每个投资多少): no phrasing says them, so they only weigh it down."""
        s = self.settings
        asked = replace(q, form=self._form_without(q, "mean"))
        candidates = self._candidates(asked, self.retrieve(asked), s.threshold)
        if not candidates or candidates[0][1] < s.threshold or \
                (len(candidates) > 1 and candidates[1][1] >= candidates[0][1] - s.tie_margin):
            return None
        i, score = candidates[0]
        if not (each := self.calculator.per_item(self.facts[i])) or self._unexplained(asked, [i]):
            return None
        return Match("computed", q.text, q.norm, q.lang, each.members, round(min(100.0, score), 1),
                     best_fact=self.facts[i].id, slots=q.slots, computation=each)

    def _counted_total(self, q: Question, ranked: list[tuple[int, float]]) -> Match | None:
        """The one amount totalling the items of a count the question states (the 58 signed
        projects: 20 + 21 + 17, whose investment is 329亿元), as it is or, asked on average, shared
        over them; None unless exactly one fact's items add up to that count, and it is ranked."""
        counts = {Decimal(m[:-1]) for m in q.stated if m[-1] in "个家项"}
        if not q.slots.keys() & set(_ENTITY_KINDS):  # 那58个项目: those 58 (not 那58个项目里天下秀, one of them)
            counts |= {Decimal(m) for m in _pattern(_REFERRED_COUNT).findall(q.norm)}
        if not counts:
            return None
        scored = dict(ranked)
        found = [(i, each) for i, f in enumerate(self.facts) if f.total_of and i in scored
                 and (each := self.calculator.per_item(f)) and sum(figure_value(m) for m in each.members[1:]) in counts]
        if len(found) != 1 or self._unexplained(q, [found[0][0]]):
            return None
        i, each = found[0]
        score = round(max(self.settings.threshold, min(100.0, scored[i])), 1)
        if q.op == "mean":
            return Match("computed", q.text, q.norm, q.lang, each.members, score, best_fact=self.facts[i].id,
                         slots=q.slots, computation=each)
        return Match("fact", q.text, q.norm, q.lang, (self.facts[i],), score, best_fact=self.facts[i].id, slots=q.slots)

    def _holds_stated(self, q: Question, i: int) -> bool:
        """Whether fact i holds a figure the question states (投资30亿元的是哪个项目)."""
        return any(q.stated & _figure_forms(f.text) for f in self.facts[i].figures) if q.stated else False

    def _by_figure(self, q: Question, chosen: list[int]) -> list[int]:
        """Among tied facts, those holding a figure the question states: the others answer another question."""
        holding = [i for i in chosen if self._holds_stated(q, i)]
        return holding or chosen

    def _by_names(self, q: Question, chosen: list[int]) -> list[int]:
        """Among tied facts, those about exactly the places and names the question names: 浙江有几个
        省级实验室 asks about 浙江's, not about 余杭's share of them."""
        named = {k: v for k, v in q.slots.items() if k in (*_NAME_KINDS, "place")}
        exact = [i for i in chosen if all(self.fact_slots[i].get(k) == v for k, v in named.items())]
        return exact if named and exact else chosen

    def _by_said(self, q: Question, chosen: list[int]) -> list[int]:
        """Among tied facts, those whose own words say the most of the question: "what is the app
        innovation center focused on" is its focus, not the date the same name was founded on.
        Members of one series stay together (双集中总投资多少 names no quarter), and so do facts
        answering each kind of answer the question asks for."""
        if len(chosen) < 2:
            return chosen
        # one named thing's figure, tied only after its penalty, says no more of a question not
        # naming it (三季度签约项目数: the 58 signed, not 临平新城's 十余个, whose phrasings say 签约项目数)
        chosen = [i for i in chosen if not self._of_unnamed(q, i)] or chosen
        self._explain(chosen)
        said = {i: self._explanation(i).coverage(q.form) for i in chosen}
        most = max(said.values())
        best = [i for i in chosen if said[i] == most]
        series = {self.facts[i].series.id for i in best if self.facts[i].series}
        kinds = {self.facts[i].asks for i in best}
        return [i for i in chosen if said[i] >= most - _SAID_MARGIN
                or (self.facts[i].series and self.facts[i].series.id in series)
                or self.facts[i].asks in q.wanted - kinds]  # 在哪个新城哪天: the date fact too

    def _by_member(self, q: Question, chosen: list[int]) -> list[int]:
        """Among tied facts, a quarter's own total over a total of some of its parts, when the
        question names the quarter but none of the parts (三季度总投资 is the 556亿元; the 329亿元 of
        its three categories answers only a question naming them)."""
        named = q.slots.keys()
        if not named & TIME_KINDS or not any(self.facts[i].series for i in chosen):
            return chosen
        return [i for i in chosen if self.facts[i].series or not self.facts[i].total_of - named] or chosen

    def _same_day(self, q: Question, chosen: list[int], candidates: list[tuple[int, float]]) -> list[int]:
        """What happened on a day the question names, asking no figure (9月10日发生了什么): every
        event of that day above the threshold saying as much of the question, not only the
        best-worded (the white paper and the app centre were both on 9月10日)."""
        day = q.slots.get("date")
        if not day or q.wanted - _WHAT_HAPPENED or any(self.facts[i].asks != "date" for i in chosen):
            return chosen
        said = min(self._explanation(i).coverage(q.form) for i in chosen)  # 发布了什么: the white paper's word
        same = [i for i, sc in candidates if sc >= self.settings.threshold and i not in chosen
                and self.facts[i].asks == "date" and self.fact_slots[i].get("date") == day
                and self._explanation(i).coverage(q.form) >= said - _SAID_MARGIN]
        return chosen + same

    def _latest_member(self, chosen: list[int]) -> list[int]:
        """最近一次 among a quarterly series' members: the last quarter's."""
        series = {self.facts[i].series.id if self.facts[i].series else None for i in chosen}
        quarters = [self.fact_slots[i].get("quarter", frozenset()) for i in chosen]
        if len(chosen) < 2 or None in series or len(series) > 1 or \
                any(len(qs) != 1 or not next(iter(qs)).isdigit() for qs in quarters):  # one quarter each, not 1-3
            return chosen
        return [max(zip(chosen, quarters, strict=True), key=lambda c: int(next(iter(c[1]))))[0]]

    def _browse(self, q: Question, ranked: list[tuple[int, float]]) -> list[int]:
        """A single word ("投资", "investment", "source") is not a question to answer with one
        arbitrary fact: the facts that say it, best first. A name (天下秀) is a slot: its facts."""
        one_word = (len(q.form) <= 3 or (len(q.form) == 4 and q.form in common_words())) if has_chinese(q.form) \
            else len(q.form.split()) == 1
        if q.slots or q.op or q.wanted or not one_word:
            return []
        found: list[int] = []  # the closest first, then the rest of the base, until there are enough
        for i in dict.fromkeys(itertools.chain((i for i, _ in ranked), range(len(self.facts)))):
            if self._explanation(i).explains(q.form):
                found.append(i)
                if len(found) == self.settings.browse:
                    break
        return found

    def _spelled_out(self, q: Question, near: list[tuple[int, float]]) -> bool:
        """A near miss that is no miss: one candidate clearly ahead of the next, whose own words
        (phrasings, answer, quote, names) say nearly all the question says, in other words than
        its phrasings (排名往前进了几位 for 前移了几位)."""
        s = self.settings
        if not self._ahead(near):
            return False
        fact = self.facts[near[0][0]]
        # it was penalised for answering another question, unless the question names its aspect
        # (排名前移了多少 asks how many places, not a rank)
        named = any(q.slots.get(k) and q.slots[k] <= self.fact_slots[near[0][0]].get(k, frozenset())
                    for k in _TWO_WAY_KINDS)
        if q.wanted and fact.asks not in q.wanted and not named:
            return False
        if q.slots.keys() & set(_NAME_KINDS) and self._of_unnamed(q, near[0][0]):
            return False  # 余杭经济技术开发区这次签约总投资: its words are the zone's, the figure one project's
        return self._explanation(near[0][0]).coverage(q.form) >= s.spelled_out

    def _ahead(self, near: list[tuple[int, float]]) -> bool:
        """Whether the first of these near misses is clearly ahead of the next (more than tie_margin)."""
        return bool(near) and (len(near) == 1 or near[1][1] <= near[0][1] - self.settings.tie_margin)

    def _holds_only(self, q: Question, near: list[tuple[int, float]]) -> bool:
        """A near miss clearly ahead of the next that alone holds the figure the question states,
        when the question asks what has that figure, not the figure (投了582亿元的是几季度): the fact
        says what; no other fact could."""
        if not q.stated or not self._ahead(near):
            return False
        i = near[0][0]
        holders = {j for form in q.stated for j in self._holding(form)}
        return holders == {i} and not q.wanted

    def _unknown_names(self, q: Question, facts: tuple[Fact, ...]) -> tuple[str, ...]:
        """Words of an English question that read as pinyin and are no word of the language, nor of
        the lexicon, that no answering fact says: a Chinese name (What is Tianxiu's investment: no
        fact of a Tianxiu) that the answer would ignore."""
        if q.lang != "en":
            return ()
        known = common_words()
        odd = [w for w in _LATIN_WORD.findall(q.norm)
               if w not in known and w not in self._lexicon_words and pinyin_like(w)]
        return tuple(w for w in odd if not any(self._explanation(self._index[f.id]).explains(w) for f in facts))

    @cached_property
    def _lexicon_words(self) -> frozenset[str]:
        """The lexicon's English words, one by one (yuhangs is filler, qoq an operation's)."""
        return frozenset(w for entry in self.lexicon.words for w in entry.split() if w.isascii())

    def _says_no_figure(self, q: Question, near: list[tuple[int, float]]) -> bool:
        """A near miss that carries no figure (一窗通办包括哪些: what the service covers), clearly
        ahead of the next and of the kind asked: answering it risks no wrong number."""
        s = self.settings
        if not near or near[0][1] < s.threshold - s.wordy_margin:
            return False
        if len(near) > 1 and near[1][1] > near[0][1] - 2 * s.tie_margin:
            return False
        fact = self.facts[near[0][0]]
        return not fact.figures and fact.asks in _WHAT_HAPPENED and (not q.wanted or fact.asks in q.wanted)

    def _one_item_of(self, norm: str, fact: Fact) -> str:
        """The one item of the list a count's or a list's quote says together (MCN机构、直播平台、供应链、
        大数据等产业链企业超过60家) that the question names, naming no other item and not the list as a
        group (等, 这些, 这类); "" otherwise. The first item is the longest end of the words before the
        first 、 that the question says, of three characters or more (MCN机构, not 机构)."""
        # this fact's quote alone, not _quote_norms: that normalizes every fact's quote, a pass over a large base
        listed = _LISTED_ITEMS.search(normalize(fact.source.quote).replace(" ", ""))
        if not listed or not (fact.figures or fact.asks == "list") or _GROUP_SAID.search(norm):
            return ""
        first, *rest = listed.group(1).split("、")
        ends = [first[i:] for i in range(len(first) - 2) if first[i:] in norm]
        named = [item for item in [*ends[:1], *rest] if item in norm]
        return named[0] if len(named) == 1 else ""

    def _unexplained(self, q: Question, chosen: list[int]) -> tuple[str, ...]:
        """The attributes the question asks about (创始人, 股价, founder: from the lexicon) that none
        of the chosen facts accounts for."""
        return tuple(a for a in self.lexicon.attributes_in(q.norm) if not any(self._accounts_for(i, a) for i in chosen))

    def _area_unanswered(self, q: Question, members: tuple[Fact, ...]) -> tuple[str, ...]:
        """The last word asking for an area (平方公里) when no member of a computation is an area:
        前三季度投资合计昧平方公里多少 (每 mistyped) asks per area, which their sum is not. The
        last: a question says what it asks last (按余杭的面积算…平方公里多少: not 面积, which the article gives)."""
        if any(f.asks == "area" for f in members):
            return ()
        sizes = self.lexicon.intent_words(q.norm, "amount")  # 多大 asks either (占多大比例: no area)
        return tuple(w for w in self.lexicon.intent_words(q.norm, "area") if w not in sizes)[-1:]

    def _accounts_for(self, i: int, attribute: str) -> bool:
        """Whether fact i says what the attribute asks about (哪家媒体: 媒体). A thing of one character
        is a kind of name: the fact names one of that kind (哪个镇: 瓶窑镇; 村 of 乡村振兴 names none)."""
        thing = _pattern(_WHICH_ONE).sub("", attribute)
        if len(thing) == 1:
            return any(v.endswith(thing) for values in self.fact_slots[i].values() for v in values)
        return any(self._explanation(i).explains(word) for word in self.wording.variants(thing))

    def _explain(self, facts: list[int]) -> None:
        """The Explanations of these facts not built yet, their texts to normalize in one batch."""
        todo = [i for i in dict.fromkeys(facts) if i not in self._explanations]
        if len(todo) < 2:
            return
        said = [self._said(i) for i in todo]
        forms = iter(normalize_all([t for _, texts in said for t in texts]))
        for i, (given, _) in zip(todo, said, strict=True):
            self._explanations[i] = Explanation([next(forms) if t is None else t for t in given], normalized=True)

    def _explanation(self, i: int) -> Explanation:
        found = self._explanations.get(i)
        if found is None:
            given, texts = self._said(i)
            forms = map(normalize, texts)
            found = self._explanations[i] = Explanation([next(forms) if t is None else t for t in given],
                                                        normalized=True)
        return found

    def _best_id(self, ranked: list[tuple[int, float]]) -> str | None:
        return self.facts[ranked[0][0]].id if ranked else None

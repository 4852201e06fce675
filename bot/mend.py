"""Mend typos before slots are read: same-sound Chinese characters and one-edit English words.

Pinyin input offers every character of a sound, so 向目 for 项目, 鱼杭 for 余杭 and 一激度 for 一季度
are the typos people make. A character is mended only where nothing known covers it (it forms no
word of the fact base, the article or common Chinese with its neighbours) and exactly one known
word of the fact base or the article reads the same with that one character swapped: 签约 never
becomes anything, and a mended quarter can only become the quarter that was typed (numerals are
never mended, so 2鸡度 becomes 2季度 and never another quarter's).

Keywords (how questions ask, what they ask about: the lexicon's) are mended first, by their sound,
even where a typo's characters happen to form known pairs or a common word (掇少 → 多少): what a
question asks must be read as asked, or it is answered with another figure of the thing it names.
"""

from __future__ import annotations

import itertools
import operator
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cached_property, partial

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.normalize import has_chinese, normalize
from bot.slots import PHOTO_NOUN
from bot.tables import (
    common_words,
    everyday_chars,
    everyday_english,
    frequent_chars,
    main_reading,
    pinyin_like,
    readings,
    reads_alike,
    sounding,
)
from bot.windows import WindowCounts

_LONG_WORD = re.compile(r"(?<![a-z])[a-z]{4,}(?![a-z])")
_RUN = re.compile(r"[\u3400-\u9fff0-9]+")  # Chinese with its digits: 1季度 is a word
_BETWEEN_RUNS = re.compile(r"[^\u3400-\u9fff0-9]+")
_SIZES = (4, 3, 2)  # longer windows first: more context, fewer false friends
# numerals are never mended, nor mended into: 几个亿 is not 几个一, and no typo becomes a quarter
_NUMBERS = frozenset("零〇一二两三四五六七八九十百千万亿")
# 各 and 每 say "each": mended into 个 or 美 they would change what the question asks (两个基地各在哪)
_EACH = frozenset("各每")
# quarters either side of a typo: no 到 between two apart (1季度纛3季度: a span of three, or 和?)
_QUARTER_BEFORE, _QUARTER_AHEAD = re.compile(r"([1-4])季度$"), re.compile(r"([1-4])季度")
# 那/这 before a figure of two digits or more points at it (在那58个签约项目里, 那329亿): no 哪
_POINTING, _FIGURE_AHEAD = frozenset("那这"), re.compile(r"\d{2,}")
# what joins two things in a question (A和B相差几天); a character of their sound that makes no word
# with its neighbours was meant as one
_JOINERS = ("和", "与")
_OR = "还"  # of 还是, between two things asked about
_THAN = "比"  # of a comparison, whose ending (高出多少) follows its other side
_COMPARED_AHEAD = re.compile(r"[\u4e00-\u9fff\d]{1,16}?(?:高|多|少|低|大|小)出?了?(?:多少|几)")
# a character this frequent as a word of its own (降, 那, 投, 写) is mended only towards a word, not
# towards a fragment of some text (季度项 of 3季度项目) or a pair with an everyday character (讲了)
_TYPED_WORD_ZIPF = 4.6
# an English word this frequent is never a typo of a Chinese name (linking is no linping, 临平); a
# rarer one, a name itself, may be (benson of Bensong, 本松)
_WORD_NOT_NAME_ZIPF = 3.8


_PIECE = 1 << 16  # characters of a text read at once: the copies of a base's text whole took 13 MB


def pieces(text: str) -> Iterator[str]:
    """The text in pieces of about _PIECE characters, cut at line breaks (no pair or word holds
    one): what is found in a base's text whole was found in copies of it as large."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + _PIECE) % (len(text) + 1)  # no break left: to the end
        yield text[start:end]
        start = end


def pairs_of(texts: Iterable[str]) -> set[str]:
    """The pairs of neighbouring characters in the Chinese runs of normalized texts. A base has
    millions: each is read as the 32-bit number its two UTF-16 code units make (runs hold only
    characters of the Basic Multilingual Plane, two bytes each), those starting at even and at odd
    characters by two casts of the bytes, and only the distinct numbers are made characters again."""
    codes: set[int] = set()
    for text in itertools.chain.from_iterable(map(pieces, texts)):
        data = _BETWEEN_RUNS.sub("\n", text).encode("utf-16-le")  # the runs, a line break between two
        for start in (0, 2):
            view = memoryview(data)[start:]
            codes.update(view[: len(view) // 4 * 4].cast("I"))
    pairs = {code.to_bytes(4, sys.byteorder).decode("utf-16-le") for code in codes}
    return {p for p in pairs if "\n" not in p}


# a quarter whose 季 was mistyped (三级度, 一记度, 二极度): common words (极度, 记) hide it from window
# mending, and a quarter the bot cannot read would be answered as any quarter
_QUARTER_TYPO = re.compile(r"(?<![\d.])([1-4一二三四两][个各]?)([\u4e00-\u9fff])(?=度)")


# 各 between a number and 季度 is a mistyped 个 (前两各季度): "each" would need something to distribute;
# so is one between a number and what it counts or sums (天下秀加碳纤维两各一共投多少)
_EACH_QUARTER = re.compile(r"(?<=[1-4一二三四两])各(?=季度)|(?<=[2-9两几])各(?=项目|类|家|企业|实验室|一共|合计|总共|加起来)")
# 各 before 了 and a number of days is a mistyped 隔 (成立和启用各了几天): "each" takes no 了
_EACH_GAP = re.compile(r"各(?=了(?:几|多少)天)")

# a quarter whose 度 was mistyped (前两个季妒): what follows 季 reads as 度; normalizing writes a numeral's
# 3季 as 3季度, so 前三季读 arrives as 前3季度读, its 读 left over
_QUARTER_END_TYPO = re.compile(r"((?<![\d.])[1-4一二三四两][个各]?季)([\u4e00-\u9fff])")
_QUARTER_LEFT_OVER = re.compile(r"(?<=\d季度)([\u4e00-\u9fff])(?=([\u4e00-\u9fff]?))")


# a quarter's ordinal whose 第 or 头 was mistyped (偷一个季度, 低3季度): read as no quarter, it would be
# answered as every quarter
_ORDINAL_TYPO = re.compile(r"[\u4e00-\u9fff](?=[1-4一二三四两]个?季度)")
# the same before a photo's number (翟二张图片: 第 typed by its sound; 第2张图片 names the second photo)
_PHOTO_ORDINAL_TYPO = re.compile(rf"[\u4e00-\u9fff](?=[1-4一二三四]\s*[张幅]{PHOTO_NOUN})")
# 前 typed by its sound before 三个季度, which normalizing wrote as the three quarters (悭三个季度)
_FIRST_THREE_TYPO = re.compile(r"([\u4e00-\u9fff])\s*1、2、3季度")


def _read_as(meant: str, m: re.Match[str]) -> str:
    """The match's first group and, for its second, `meant` where that character sounds as it
    (三级度 → 三季度 with 季, 两个季妒 → 两个季度 with 度)."""
    return f"{m.group(1)}{meant}" if m.group(2) != meant and reads_alike(m.group(2), meant) else m.group()


_quarter, _quarter_end = partial(_read_as, "季"), partial(_read_as, "度")


def _first_three(m: re.Match[str]) -> str:
    char = m.group(1)
    return "前3季度" if char != "前" and main_reading(char) == main_reading("前") else m.group()


def _crossed(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of the spans reaches across an edge of start:end (overlaps it, not inside it)."""
    return any(s < end and e > start and not start <= s < e <= end for s, e in spans)


class _Index:
    """The known words of two to four characters (fact base, lexicon, articles) with how often each
    occurs, and the common words of the language. Same-sound candidates are enumerated from the
    readings table (tables.sounding), so no index by sound is kept: at 100,000 phrasings that
    index was 480 MB; these counts, held as WindowCounts, are 6 MB."""

    def __init__(self, forms: Iterable[str]) -> None:
        self.known = WindowCounts(forms, _BETWEEN_RUNS, _SIZES)
        # its words of two characters as a set: a longer word is known only where each pair in it
        # is, which a set tells faster than the counts (most windows looked up are no word)
        self.pairs = self.known.words(2)
        # a common word (比例, 合计) is what was meant, not a typo; the words looked up are of two
        # characters or more, so the frequency table's words serve (no set of its longer words)
        self.common = common_words()


class Mender:
    """Knows the words of one fact base (and its articles) and mends questions towards them.

    Most questions need no mending: every character sits in a word pair the fact base itself
    uses. Only the others pay for the full index (built once, on first need)."""

    def __init__(self, forms: Iterable[str], articles: Iterable[str], english: Iterable[str],
                 pairs: set[str] | None = None, names: Iterable[str] = (), asking: Iterable[str] = (),
                 attributes: Iterable[str] = (), fillers: Iterable[str] = (), operators: Iterable[str] = ()) -> None:
        """`forms`: the fact base's texts, already normalized; `articles`: the articles' paragraphs;
        `pairs`: pairs_of(forms), when the caller has it already; `names`: the vocabulary's names,
        normalized; `asking`: the words of how questions ask (the lexicon's), normalized;
        `attributes`: what questions may ask of a thing and the words meaning it (the lexicon's
        attributes and synonyms: 股价, 总部在哪, 提升了), normalized;
        `fillers`: what is said around questions (the lexicon's), whose single characters (哈, 呢)
        at a run's either end are meant as typed, as the everyday characters are anywhere;
        `operators`: the one-character operation words (占, 比), a lone typo's targets."""
        self._names = sorted({n for n in names if len(n) >= 3 and all("\u3400" <= c <= "\u9fff" for c in n)})
        self._name_set = frozenset(self._names)
        self._name_words = sorted({n for n in names if len(n) == 2 and all("\u3400" <= c <= "\u9fff" for c in n)})
        self._asking = frozenset(asking)
        self._keywords = sorted({w for w in (*self._asking, *attributes)
                                 if 2 <= len(w) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in w)})
        self._keyword_set = frozenset(self._keywords)
        self._operators = tuple(sorted({w for w in operators if len(w) == 1}))
        self._fillers = frozenset(w for w in fillers if len(w) == 1 and "\u4e00" <= w <= "\u9fff")
        self._texts = list(forms)
        self._articles = list(articles)
        self._pairs = pairs_of(self._texts) if pairs is None else pairs
        self.english = sorted(set(english))
        self._english_set = frozenset(self.english)
        self._english_by_length: dict[int, list[str]] = {}
        self._sounding: dict[str, tuple[str, ...]] = {}
        self._last_typed: tuple[str, list[tuple[int, int]]] = ("", [])  # _typed's last run, and what it found
        self._last_covered: tuple[str, list[bool]] = ("", [])  # _covered's

    @cached_property
    def _index(self) -> _Index:
        return _Index(self._texts + [normalize(p) for p in self._articles])

    def mend(self, norm: str) -> str:
        """The normalized question with typos mended, in a second pass when the first mended
        anything: a pass mends one typo where two sit side by side (天下秀估之多勺: 多勺, then 估之)."""
        once = self._mend_once(norm)
        return self._mend_once(once) if once != norm else once

    def _mend_once(self, norm: str) -> str:
        """The typos of one pass mended, normalized again when anything changed (a mended "thrid
        quarter" becomes 3季度, a mended 一计度 becomes 1季度)."""
        mended = _LONG_WORD.sub(self._english_word, norm)
        if has_chinese(mended):
            # 季 first, so that its 各 and ordinal are read beside a quarter (前两各几度, 偷一个几度)
            if "1、2、3季度" in mended:
                mended = _FIRST_THREE_TYPO.sub(_first_three, mended)
            if "季" in mended:
                mended = _QUARTER_LEFT_OVER.sub(self._left_over, _QUARTER_END_TYPO.sub(_quarter_end, mended))
            if "各" in mended:
                mended = _EACH_GAP.sub("隔", _EACH_QUARTER.sub("个", mended))
            if "度" in mended and (quarter := _EACH_QUARTER.sub("个", _ORDINAL_TYPO.sub(
                    self._ordinal, _QUARTER_TYPO.sub(_quarter, mended)))) != mended:
                mended = normalize(quarter)  # 前三饥度 → 前3季度, as the fact base writes it: 前 is then no typo
            if "张" in mended or "幅" in mended:
                mended = _PHOTO_ORDINAL_TYPO.sub(self._ordinal, mended)
            mended = _RUN.sub(self._run, mended)
            if "度" in mended:  # 一鸡髑: its 度 mended above; 偷一搁季度: its 个 mended above
                mended = _ORDINAL_TYPO.sub(self._ordinal, _QUARTER_TYPO.sub(_quarter, mended))
        return normalize(mended) if mended != norm else norm

    def _left_over(self, m: re.Match[str]) -> str:
        """The mistyped 度 left after a quarter normalizing completed (3季度读双集中), unless it is an
        everyday character (3季度都) or makes a word with the next one (3季度独占)."""
        char, after = m.group(1), m.group(2)
        return "" if char != "度" and char not in everyday_chars() and main_reading(char) == main_reading("度") \
            and not self.word(char + after) else char

    def _ordinal(self, m: re.Match[str]) -> str:
        """第 for a character of its sound or 头's before a quarter, 前 for one of its sound before two
        or three of them, but in a word with the one before it (基地3季度 stays)."""
        char, at = m.group(), m.start()
        if char in "第头" or char in everyday_chars() or (at and self.word(m.string[at - 1] + char)):
            return char
        sound = main_reading(char)
        if sound and sound == main_reading("前") and m.string.startswith(("2", "3", "两", "二", "三"), m.end()):
            return "前"  # 阡三个季度: the first three quarters, typed by their sound
        return "第" if sound and sound in (main_reading("第"), main_reading("头")) else char

    def _run(self, m: re.Match[str]) -> str:
        """One run of Chinese and digits mended: names, keywords, then any character no word covers."""
        run = self._name(m.group())
        run = self._keyword(run, self._familiar(run))
        if self._familiar(run):
            return run
        mended = self._chinese_run(run)  # a keyword beside the typo mended here is read again (前亿仂: 前亿了)
        return self._keyword(mended, self._familiar(mended)) if mended != run else mended

    @cached_property
    def _names_by_gap(self) -> dict[str, tuple[str, ...]]:
        """Each name of three or more characters under every way of leaving one character out
        (临平新? → 临平新城)."""
        found: dict[str, set[str]] = {}
        for name in self._names:
            for i in range(len(name)):
                found.setdefault(f"{name[:i]}?{name[i + 1:]}", set()).add(name)
        return {gap: tuple(names) for gap, names in found.items()}

    @cached_property
    def _names_by_start(self) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        """The names by their first character, and their tails (all but the first character) by
        the tail's first character, the longest first: a window one character away from a name
        has the name's first character, or else the name's whole tail."""
        by_length = sorted(self._names, key=lambda name: (-len(name), name))
        firsts: dict[str, list[str]] = {}
        tails: dict[str, list[str]] = {}
        for name in by_length:
            firsts.setdefault(name[0], []).append(name)
            tails.setdefault(name[1], []).append(name[1:])
        return {c: tuple(n) for c, n in firsts.items()}, {c: tuple(t) for c, t in tails.items()}

    def _name_windows(self, run: str) -> list[tuple[int, int]]:
        """(start, length) of each window of the run that is a name with at most one character
        changed, the longest at each start: only the names starting there are compared (a regex
        of every name with a gap tried them all at each character, most of mending's time)."""
        firsts, tails = self._names_by_start
        found = []
        for start, char in enumerate(run):
            longest = 0
            for name in firsts.get(char, ()):
                if start + len(name) <= len(run) and sum(map(operator.ne, run[start : start + len(name)], name)) <= 1:
                    longest = len(name)
                    break
            for tail in tails.get(run[start + 1 : start + 2], ()):
                if len(tail) < longest:
                    break
                if run.startswith(tail, start + 1):
                    longest = len(tail) + 1
                    break
            if longest:
                found.append((start, longest))
        return found

    def _name(self, run: str) -> str:
        """The run with a name typed with one same-sound character mended (临平新成 → 临平新城,
        张伯里 → 张伯礼), even where the typo makes common words (新成): a name is what was meant
        when all its other characters are there, in order."""
        gaps = self._names_by_gap
        for start, n in self._name_windows(run):
            window = run[start : start + n]
            for i, char in enumerate(window):
                if char in _NUMBERS:
                    continue
                # the names reading the same there (制造也: 制造业, not 制造类)
                found = {name[i] for name in gaps.get(f"{window[:i]}?{window[i + 1:]}", ())
                         if name[i] != char and reads_alike(char, name[i])}
                if len(found) != 1:
                    continue
                meant = found.pop()
                # at the name's edge the character may belong to the next word (余杭去年 is no 余杭区年)
                outside = run[start + n : start + n + 1] if i == n - 1 else run[start - 1 : start] if i == 0 else ""
                if outside and self.word(char + outside if i == n - 1 else outside + char):
                    continue
                run = f"{run[: start + i]}{meant}{run[start + i + 1:]}"
        return run

    @cached_property
    def _keywords_by_sound(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        """The keywords (how questions ask, what they ask about) by their characters' main readings."""
        sounds = readings()
        found: dict[tuple[str, ...], list[str]] = {}
        for word in self._keywords:
            if all(c in sounds for c in word):
                found.setdefault(tuple(sounds[c][0] for c in word), []).append(word)
        return {key: tuple(words) for key, words in found.items()}

    @cached_property
    def _keywords_by_gap(self) -> dict[str, tuple[str, ...]]:
        """Each keyword under every way of leaving one of its characters out (投? of 投资)."""
        found: dict[str, list[str]] = {}
        for word in self._keywords:
            for i in range(len(word)):
                found.setdefault(f"{word[:i]}?{word[i + 1:]}", []).append(word)
        return {gap: tuple(words) for gap, words in found.items()}

    def _keyword(self, run: str, familiar: bool) -> str:
        """The run with a keyword typed with one or two characters of its sound mended (掇少 → 多少,
        股稼 → 股价, 研九方向 → 研究方向, 醉哚 → 最多), even where the typo makes pairs the fact base
        knows (了掇, of 落地了掇珍集), a word inside the keyword (上班 of 上班年) or where window mending
        would mend a neighbour first (股 of 股稼 into 天下秀估值's 估): what a question asks must be read
        as asked, or it is answered with another figure of the thing it names. Only characters of
        the keyword characters' main readings are mended (呢 is no 哪, 说 no 谁), never into a numeral,
        and none that a word of the language or a known word of three characters or more holds
        (大概, 浙江, 直播). A `familiar` run (every character in a pair the fact base knows) is looked
        at for one character only, found by the keywords' spelling: two typos leave a pair unknown,
        and so most questions are mended without reading the pinyin table whole (a one-shot ask)."""
        covered: list[bool] = []  # _covered(run), once a window reads as a keyword
        starts_of = self._spelt_starts if familiar else self._sounding_starts
        for n in (4, 3, 2):
            starts, at = starts_of(run, n), 0
            while at < len(starts):
                start = starts[at]
                at += 1
                window = run[start : start + n]
                if window in self._keyword_set:  # 哪天 is no typo of 那天
                    continue
                near = self._spelt_near(window) if familiar else self._sounding_near(window)
                if not near:
                    continue
                covered = covered or self._covered(run)
                found = {w for w in near if self._may_mend(run, start, w, covered)}
                if len(found) == 1:
                    run = f"{run[:start]}{found.pop()}{run[start + n:]}"
                    covered = []
                    starts, at = [s for s in starts_of(run, n) if s > start], 0  # those after it, of the run as mended
        return run

    @cached_property
    def _keyword_places(self) -> dict[int, tuple[frozenset[str], ...]]:
        """For keywords of each length, the characters each place of theirs holds."""
        return {n: tuple(frozenset(w[i] for w in self._keywords if len(w) == n) for i in range(n))
                for n in {len(w) for w in self._keywords}}

    def _spelt_starts(self, run: str, n: int) -> list[int]:
        """Where the run's windows of n characters start that may be a keyword one character
        away (_spelt_near): those with a character some keyword has in its place in all places
        but one at most. Three windows in four have not, and telling them in C, all at once,
        spares spelling each of their gaps out."""
        places = self._keyword_places.get(n)
        if not places or len(run) < n:
            return []
        held = [map(chars.__contains__, run[i : len(run) - n + 1 + i]) for i, chars in enumerate(places)]
        return list(itertools.compress(range(len(run) - n + 1), map((n - 1).__le__, map(sum, zip(*held, strict=True)))))

    def _sounding_starts(self, run: str, n: int) -> list[int]:
        """Where the run's windows of n characters start that read as a keyword (_sounding_near):
        each character's main reading looked up once, not once in each window holding it."""
        sounds, by_sound = readings(), self._keywords_by_sound
        main = [sounds[c][0] if c in sounds else None for c in run]  # None: no keyword's reading
        return [s for s in range(len(run) - n + 1) if tuple(main[s : s + n]) in by_sound]

    def _sounding_near(self, window: str) -> tuple[str, ...]:
        """The keywords whose characters' main readings are the window's."""
        sounds = readings()
        if not all(c in sounds for c in window):
            return ()
        return self._keywords_by_sound.get(tuple(sounds[c][0] for c in window), ())

    def _spelt_near(self, window: str) -> list[str]:
        """The keywords one character away from the window, that character of the same main reading."""
        gaps = self._keywords_by_gap
        return [w for i in range(len(window)) for w in gaps.get(f"{window[:i]}?{window[i + 1:]}", ())
                if w[i] != window[i] and (sound := main_reading(window[i])) and main_reading(w[i]) == sound]

    def _may_mend(self, run: str, start: int, word: str, covered: list[bool]) -> bool:
        """Whether the window of `run` at `start`, reading as `word` does, is `word` mistyped: one or
        two characters differ, none meant as typed (an everyday or a filler's, 各), none a numeral's
        place, none held by a word but one inside the window, and the window reaches across no
        keyword typed right (共几 of 一共几甜 is no 共计: 一共 is typed right; 前亿了 is 前移了); a typo no
        word covers is window mending's too, which may know better (鹧江 is 浙江, no 作者)."""
        end = start + len(word)
        changed = [start + i for i, (typed, meant) in enumerate(zip(run[start:end], word, strict=True)) if typed != meant]
        spans = self._typed(run)
        if not changed or len(changed) > 2 or _crossed(spans, start, end):
            return False
        for at in changed:
            typed, meant = run[at], word[at - start]
            if typed in _EACH or meant in _EACH or meant in _NUMBERS or self._as_typed(run, at) \
                    or (typed in _POINTING and _FIGURE_AHEAD.match(run, at + 1)) \
                    or self._held(run, at, start, end, spans):
                return False
        # an attribute whose every character reads as a frequent word of its own is not there (又想 is
        # no 邮箱: 又想打造全国什么第一区); a question word may be (集被 of 笄被, mended once, is 几倍)
        if word not in self._asking and len(changed) == len(word) \
                and all(run[at] in frequent_chars(_TYPED_WORD_ZIPF) for at in changed):
            return False
        # two typos where one would make a word of the language (一刺: 一次, no 依次) are none of this word
        if len(changed) == 2 and any(f"{run[start:at]}{word[at - start]}{run[at + 1:end]}" in self._index.common
                                     for at in changed):
            return False
        # an unexplained character beside the window is the typo (前一裾 is 前一句, no 前移)
        if any(0 <= at < len(run) and "\u3400" <= run[at] <= "\u9fff" and not covered[at] and not self._as_typed(run, at)
               for at in (start - 1, end)):
            return False
        return all(covered[at] or self._best(list(run), at, readings()[run[at]], covered) in (None, word[at - start])
                   for at in changed)

    def _as_typed(self, run: str, at: int) -> bool:
        """An everyday character (的, 和, 有), a one-character operation word (占), or a filler's at
        either end of the run (哈 of 哈余杭那5场: no 和; 宅都都's 都 is a name's typo)."""
        return run[at] in everyday_chars() or run[at] in self._operators \
            or (run[at] in self._fillers and at in (0, len(run) - 1))

    def _held(self, run: str, at: int, start: int, end: int, typed: list[tuple[int, int]]) -> bool:
        """Whether a word holds the character at `at` of the window run[start:end]: a common word
        of the language, or a known word of three characters or more (two neighbours in some text
        are no word: 了掇), other than a shorter one inside the window (上班 of 上班年) or one a keyword
        typed right (`typed`: _typed(run)) reaches across the edge of (估至多少: 至多 is not read across 多少).
        A known word that is the character beside a keyword typed right holds it no more (估之多少:
        之多少 is known from 百分之多少, and 估之 is 估值 mistyped)."""
        index = self._index
        for n in _SIZES:
            for first in range(max(0, at - n + 1), min(at, len(run) - n) + 1):
                window, last = run[first : first + n], first + n
                if (start <= first and last <= end and n < end - start) or _crossed(typed, first, last):
                    continue
                if window in index.common or (n > 2 and all(window[k : k + 2] in index.pairs for k in range(n - 1))
                                              and window in index.known
                                              and (first + 1, last) not in typed and (first, last - 1) not in typed):
                    return True
        return False

    def _english_word(self, m: re.Match[str]) -> str:
        """An unknown English word, and no everyday one, becomes a known one a single edit or swap
        away (thrid → third, not promotion → proportion); a word of the language never becomes a
        Chinese name."""
        word = m.group()
        if word in self._english_set or word in everyday_english():  # "those" is no typo of "whose"
            return word
        found = process.extractOne(word, self._english_near(len(word)), scorer=OSA.distance, score_cutoff=1)
        if found and word in everyday_english(_WORD_NOT_NAME_ZIPF) and pinyin_like(found[0]):
            return word  # a word of the language is no typo of a name (linking is no linping, 临平)
        return found[0] if found else word

    def _english_near(self, length: int) -> list[str]:
        """The known words one edit can reach from a word of `length` letters (one letter more,
        fewer or as many), in the order of `english`: extractOne then picks the word it would pick
        from all of them, without scoring the rest."""
        found = self._english_by_length.get(length)
        if found is None:
            found = self._english_by_length[length] = [w for w in self.english if abs(len(w) - length) <= 1]
        return found

    def strange(self, name: str, suffix: str, after: str = "") -> bool:
        """A place name (鄞州 of 鄞州区) that neither the fact base, its articles nor the language's
        common words know (示范区 names no place), and whose last character makes no word with the
        suffix (园区, 城市: 哪个园区 names no place either), nor the suffix with the character after
        it (市值, 区域)."""
        if name in self._pairs:
            return False
        index = self._index
        return not (name in index.known or name in index.common or name[-1] + suffix in index.common
                    or suffix + after in index.common)

    def word(self, pair: str) -> bool:
        """Two characters the fact base or the language uses as a word."""
        return pair in self._pairs or pair in common_words()

    def _familiar(self, run: str) -> bool:
        """Every Chinese character of the run forms a pair the fact base uses with a neighbour, or
        is one window mending leaves as typed (吗 at the end)."""
        pairs = self._pairs
        for i, c in enumerate(run):
            if "\u3400" <= c <= "\u9fff" and run[max(0, i - 1) : i + 1] not in pairs and run[i : i + 2] not in pairs \
                    and not self._as_typed(run, i):
                return False
        return True

    def _covered(self, run: str) -> list[bool]:
        """Which characters are part of a known word of two or more characters. A window whose
        characters are all covered already is not looked up; a known word of two is a known pair.
        Kept for the last run (not to be changed): keyword and window mending both ask for it."""
        last, kept = self._last_covered
        if last == run:
            return kept
        index = self._index
        paired = [run[i : i + 2] in index.pairs for i in range(len(run) - 1)]  # each pair looked up once
        covered = [False] * len(run)
        typed = self._typed(run)  # a word of the language read across a keyword's edge is none (在于 of 不在于杭)
        for n in _SIZES:
            for i in range(len(run) - n + 1):
                if all(covered[i : i + n]):
                    continue
                window = run[i : i + n]
                if (window in index.common and not _crossed(typed, i, i + n)) \
                        or (all(paired[i : i + n - 1]) and (n == 2 or window in index.known)):
                    covered[i : i + n] = [True] * n
        self._last_covered = (run, covered)
        return covered

    def _typed(self, run: str) -> list[tuple[int, int]]:
        """Where the run says a keyword as typed (the first time), as (start, end). Kept for the
        last run (not to be changed): mending a run asks for it again at each window and character
        it weighs, while the run stays as it is."""
        last, found = self._last_typed
        if last != run:
            by_first = self._keywords_by_first
            found = [(s, s + len(word)) for c in set(run).intersection(by_first) for word in by_first[c]
                     if (s := run.find(word)) >= 0]
            self._last_typed = (run, found)
        return found

    def _names_typed(self, run: str) -> list[tuple[int, int]]:
        """Where the run says a name as typed, as (start, end): a window reaching across its edge
        is no word (想去余杭: the 区余 of 百强区余杭 says nothing of 去). The names of three or more
        characters are _name's, mended or kept whole before this."""
        return [(s, s + len(name)) for name in self._name_words if name[0] in run and (s := run.find(name)) >= 0]

    @cached_property
    def _keywords_by_first(self) -> dict[str, tuple[str, ...]]:
        """The keywords by their first character: a run is searched only for those its characters start."""
        found: dict[str, list[str]] = {}
        for word in self._keywords:
            found.setdefault(word[0], []).append(word)
        return {c: tuple(words) for c, words in found.items()}

    def _chinese_run(self, run: str) -> str:
        if len(run) < 2:
            return run
        sounds = readings()
        chars = list(run)
        covered = self._covered(run)
        for i, char in enumerate(run):
            # 的, 和, 有 and a filler's 哈 typed are meant (总投资的多少 is no 总投资地多少; a name's 有必选 is _name's)
            if covered[i] or not "\u3400" <= char <= "\u9fff" or char not in sounds or char in _NUMBERS or char in _EACH \
                    or self._as_typed(run, i) or (char in _POINTING and _FIGURE_AHEAD.match(run, i + 1)):
                continue
            # after a word and before 是, one of 还's sound asks "A or B" (在临平新城骇是未来科技城): no
            # word beside it (海 of 戴琼海) is what was meant there
            fix = _OR if i and covered[i - 1] and run.startswith("是", i + 1) and reads_alike(char, _OR) \
                else self._best(chars, i, sounds[char], covered)
            if not fix and 0 < i < len(run) - 1 and (covered[i - 1] or run[i - 1] in self._operators) and covered[i + 1]:
                # between two words, or after an operation word (329亿里战多少): a joiner (开园颌国家) or an
                # operation word (投资盏3季度) of its sound
                fix = next((j for j in _JOINERS if reads_alike(char, j)), None) \
                    or next((o for o in self._operators if sounds[char][0] == sounds.get(o, ("",))[0]), None)
            if not fix and i and covered[i - 1] and _THAN not in run and _COMPARED_AHEAD.match(run, i + 1) \
                    and sounds[char][0] == sounds.get(_THAN, ("",))[0]:
                fix = _THAN  # 天下秀估值嬖它…高出多少: the comparison the ending asks needs its 比
            if fix == "到" and (before := _QUARTER_BEFORE.search(run, 0, i)) and (after := _QUARTER_AHEAD.match(run, i + 1)) \
                    and abs(int(after.group(1)) - int(before.group(1))) > 1:
                fix = None  # 1季度纛3季度: 到 (all three) or 和 (two of them)? never guessed into a span
            if fix and fix not in _NUMBERS:
                chars[i] = fix
                covered = self._covered("".join(chars))
        return "".join(chars)

    @cached_property
    def _chars(self) -> frozenset[str]:
        """Every character of the known words."""
        return self._index.known.chars

    def _known_sounding(self, sound: str) -> tuple[str, ...]:
        """sounding(sound) without the characters no known word has (most of them): those never count."""
        found = self._sounding.get(sound)
        if found is None:
            found = self._sounding[sound] = tuple(c for c in sounding(sound) if c in self._chars)
        return found

    def _best(self, chars: list[str], i: int, char_sounds: tuple[str, ...], covered: list[bool]) -> str | None:
        """The replacement for chars[i], from the windows around it in which known words read the
        same. A word of how questions ask (不在, 比例), read by the character's first reading, comes
        first: 几个簿在 is 几个不在, not the 部在 of some fact's 总部在. Then the window taking in most
        characters that no known word covers, for a typo's unexplained neighbour is part of the word
        meant (吓降 after 季度 is 下降, not 季度合's 合; an everyday 了 is no such neighbour); then the
        longest (more context, fewer false friends). It decides when one character makes its words
        most often, of those of the character's first reading when there are any (哨 is shao before
        xiao: 最哨 is 最少, not 最小), or else leaves the character as typed. No window reaching across the edge of a
        keyword typed right is a word (天气 across 哪天 of 哪天启勇)."""
        known, pairs, common, everyday = self._index.known, self._index.pairs, self._index.common, everyday_chars()
        best: tuple[int, int, int] = (-1, -1, 0)
        found: Counter[str] = Counter()
        first: set[str] = set()
        named = self._names_typed("".join(chars))
        typed = [*self._typed("".join(chars)), *named]
        names = {"".join(chars[a:b]) for a, b in named}
        typed_word = chars[i] in frequent_chars(_TYPED_WORD_ZIPF)  # 降 of 2季度降了: a word of its own, meant?
        for n in _SIZES:
            for start in range(max(0, i - n + 1), min(i, len(chars) - n) + 1):
                if _crossed(typed, start, start + n):
                    continue
                rank = (sum(1 for j in range(start, start + n) if j != i and not covered[j] and chars[j] not in everyday), n)
                if (1, *rank) < best:
                    continue
                head, tail = "".join(chars[start:i]), "".join(chars[i + 1 : start + n])
                before, after = head[-1:], tail[:1]
                for k, sound in enumerate(char_sounds):
                    for char in self._known_sounding(sound):  # the known words reading the same: head, char, tail
                        if (before and before + char not in pairs) or (after and char + after not in pairs):
                            continue  # a pair no known word has: no known word
                        word = head + char + tail
                        count = known.get(word)
                        if not count or (typed_word and word not in common and word not in self._name_set
                                         and word not in self._keyword_set
                                         and ((not rank[0] and (count < 2 or any(c in everyday for c in head + tail)))
                                              or ((head in names or tail in names) and char not in everyday))):
                            # a window of words typed right around the character says too little of it, as
                            # does a name beside it, unless read as a particle (想去余杭: the 区余杭 of
                            # 百强区余杭 is no word; 不在余杭得有几个: 余杭的 is)
                            continue
                        ranked_here = (int(k == 0 and word in self._asking), *rank)
                        if ranked_here < best:
                            continue
                        if ranked_here > best:
                            best, found, first = ranked_here, Counter(), set()
                        found[char] += count
                        if k == 0:
                            first.add(char)
        if not found:
            return None
        if first:  # typed for its first reading: 隔位 is 各位 (ge), not 几位 (a rare ji)
            found = Counter({char: count for char, count in found.items() if char in first})
        elif (not best[1] or typed_word) and max(found.values()) < 2:
            # another reading's one pair with a word typed right says too little (搞 of 里搞制造: no 里敲),
            # as does one window for a word of its own read another way (他说要: no 税要 of 纳税要跑)
            return None
        ranked = found.most_common()
        top = [char for char, count in ranked if count == ranked[0][1]]
        return top[0] if len(top) == 1 else None

"""Read the distinguishing parts of a normalized question: quarters, dates, years, photos and names.

Fuzzy scores cannot tell 1季度 from 3季度 (one character apart), so these parts are read
exactly and compared exactly; `match` only lets a fact through when they agree.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Mapping

from bot.lexicon import starting, trie
from bot.normalize import CACHED_CHARS, SEP, cache_short, normalize

Slots = dict[str, frozenset[str]]
LAST_PHOTO = "last"  # 最后一张图片: the matcher knows which number that is
TIME_KINDS = frozenset({"quarter", "date", "year"})  # when, not what: a fact silent on a time may answer

# Each pattern starts with what its match starts with (a lookahead of it, or the characters themselves
# and then a look behind them): re then skips most characters of a base's joined phrasings at one
# test (read_groups reads megabytes) instead of trying the whole pattern at each; what matches is the
# same. A first character or class read as such is skipped to fastest, by re's own scan.
_FIRST_THREE = re.compile(r"前3季度")
_QUARTERS = re.compile(r"(?=[1-9])(?<![\d.])((?:[1-9][、,和与及跟或 ]+)*[1-9]|[1-4]{2,4})季度")  # 58 3季度 is no Q5, Q8
_DIGIT = re.compile(r"[1-9]")
_DATE = re.compile(r"(\d(?<!\d\d)\d?)月(\d{1,2})日")
_YEAR = re.compile(r"((?:19|20)(?<![\d.]..)\d\d)(?![\d.]|亿|万|元|个|家|平|多|余|人)")
# which of the article's photos: 第3张图片, the third photo (photo facts carry their caption's number)
PHOTO_NOUN = "(?:图|照片|配图|相片)"  # what a photo is called after its count word (第2张图片, 最后一幅照片)
# … and each photo of a list of them (第2张和第3张图, 第二和第三张照片, the second and third photos)
_PHOTO_ZH_LISTED = rf"(?:[和与跟及、](?:第?\d|最后[1一]?)[张幅]?)+{PHOTO_NOUN}"
_PHOTO_ZH = rf"第(\d)(?:[张幅](?={PHOTO_NOUN})|[张幅]?(?={_PHOTO_ZH_LISTED}))|(最后)(?:[1一]|那|这)?[张幅](?={PHOTO_NOUN})"
_PHOTO_WORDS = ("photo", "picture", "image")
_PHOTO_ORDINALS = "first|second|third|fourth|1st|2nd|3rd|4th|last"
_PHOTO_EN = rf"(?<![a-z])({_PHOTO_ORDINALS})(?=(?:\s*(?:,|and|&)\s*(?:the\s+)?(?:{_PHOTO_ORDINALS}))*\s+(?:{'|'.join(_PHOTO_WORDS)}))"
_PHOTO = re.compile(f"(?=[第最fst1234l])(?:{_PHOTO_ZH}|{_PHOTO_EN})")
# a text without a photo word (a batch of Chinese phrasings) names none in English: its two ways
# alone, read by re's scan for 第 and 最 where the English way had it try the pattern at each 1 or s
_PHOTO_ZH_ONLY = re.compile(_PHOTO_ZH)
_SCANS = 50  # short texts a SlotReader scans for names before it compiles their pattern: a batch reads thousands
_LATIN_OR_DIGIT = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")  # what a Latin name may not stand beside
_ORDINAL = {"first": "1", "second": "2", "third": "3", "fourth": "4", "1st": "1", "2nd": "2", "3rd": "3", "4th": "4",
            "last": LAST_PHOTO, "最后": LAST_PHOTO}

class SlotReader:
    """Finds vocabulary names, quarters, dates and years in normalized text."""

    def __init__(self, vocabulary: Mapping[str, Mapping[str, tuple[str, ...]]]) -> None:
        self._alias: dict[str, tuple[str, str]] = {}
        for kind, entries in vocabulary.items():
            for canonical, aliases in entries.items():
                for alias in aliases:
                    form = normalize(alias)
                    if form:
                        self._alias.setdefault(form, (kind, canonical))
        # the names by their first character, as the names pattern tries them at a character: the
        # Latin ones (whole words only) and then the others, the longest first
        self._latin = frozenset(f for f in self._alias if _LATIN_OR_DIGIT.intersection(f))
        self._by_first: dict[str, list[str]] = {}
        for form in sorted(self._alias, key=lambda f: (f not in self._latin, -len(f))):
            self._by_first.setdefault(form[0], []).append(form)
        # texts are read joined by SEP (read_groups) unless a canonical name would split them there
        self._joinable = not any(SEP in canonical for _, canonical in self._alias.values())
        self.positions = cache_short(maxsize=4096)(self._positions)  # read, canonical and compute ask alike
        self._mentions = cache_short(maxsize=4096)(self._find_names)  # canonical and read ask of the same texts
        self._pattern: re.Pattern[str] | None = None
        self._scans = _SCANS

    def _names(self) -> re.Pattern[str] | None:
        """Every name as one regex, compiled on first need: it takes 10-20 ms, which a one-shot
        ask's few short texts never repay (they are scanned: _scan_names)."""
        if self._pattern is None and self._alias:
            latin = [f for f in self._alias if f in self._latin]
            chinese = [f for f in self._alias if f not in self._latin]
            parts = ([rf"(?<![a-z0-9]){starting(latin)}{trie(latin)}(?![a-z0-9])"] if latin else []) + \
                ([starting(chinese) + trie(chinese)] if chinese else [])
            self._pattern = re.compile(f"{starting(self._alias)}(?:{'|'.join(parts)})")
        self._scans = 0  # from now on the pattern, which reads a text several times faster
        return self._pattern

    def _find_names(self, text: str) -> tuple[tuple[int, int, str, str], ...]:
        """Every vocabulary name in the text as (start, end, kind, canonical): one pass of the
        names pattern for canonical, positions and spans (or of _scan_names, the same, for the
        first few short texts)."""
        if self._scans and len(text) <= CACHED_CHARS:
            self._scans -= 1
            return self._scan_names(text)
        names = self._names()
        if not names:
            return ()
        return tuple(m.span() + self._alias[m.group()] for m in names.finditer(text))

    def _scan_names(self, text: str) -> tuple[tuple[int, int, str, str], ...]:
        """What the names pattern finds in a short text, found by looking up the names starting at
        each character: at each, the longest Latin name standing as a whole word, else the longest
        other name; the next name is looked for after it."""
        found = []
        by_first, latin, end = self._by_first, self._latin, len(text)
        at = 0
        while at < end:
            for name in by_first.get(text[at], ()):
                if text.startswith(name, at) and (name not in latin or (
                        (not at or text[at - 1] not in _LATIN_OR_DIGIT)
                        and (at + len(name) == end or text[at + len(name)] not in _LATIN_OR_DIGIT))):
                    found.append((at, at + len(name), *self._alias[name]))
                    at += len(name)
                    break
            else:
                at += 1
        return tuple(found)

    def _positions(self, text: str, mentions: tuple[tuple[int, int, str, str], ...] | None = None,
                   ) -> list[tuple[int, str, str]]:
        """Every slot mention as (position, kind, value), in the order the text names them;
        `mentions`: _find_names(text), when the caller has it."""
        names = self._mentions(text) if mentions is None else mentions
        found = [(start, kind, canonical) for start, _, kind, canonical in names]
        # each pattern only where a word it needs is in the text: most texts name no date, photo or year
        if "季度" in text:
            for m in _FIRST_THREE.finditer(text):
                found.append((m.start(), "quarter", "1-3"))
            for m in _QUARTERS.finditer(_FIRST_THREE.sub(lambda x: " " * len(x.group()), text)):
                quarters = m.group(1)
                if len(quarters) == 1:  # most say one quarter: no search for its digits
                    found.append((m.start(), "quarter", quarters))
                else:
                    found += [(m.start() + d.start(), "quarter", d.group()) for d in _DIGIT.finditer(quarters)]
        if "月" in text:
            for m in _DATE.finditer(text):
                found.append((m.start(), "date", f"{int(m.group(1))}-{int(m.group(2))}"))
        english = any(word in text for word in _PHOTO_WORDS)
        if english or "第" in text or "最后" in text:
            for m in (_PHOTO if english else _PHOTO_ZH_ONLY).finditer(text):
                said = m.group(m.lastindex or 0)
                found.append((m.start(), "photo", _ORDINAL.get(said, said)))
        if "19" in text or "20" in text:
            for m in _YEAR.finditer(text):
                found.append((m.start(), "year", m.group(1)))
        return sorted(found)

    def spans(self, text: str, kind: str) -> list[tuple[int, int]]:
        """Where the text names a vocabulary name of `kind`, as (start, end), in order."""
        return [(start, end) for start, end, named, _ in self._mentions(text) if named == kind]

    def canonical(self, text: str) -> str:
        """The text with every vocabulary alias replaced by its canonical name, so that
        "Tianxiaxiu", "网红城市" and "天下秀" score alike."""
        return self._canonical(text, self._mentions(text))

    def _canonical(self, text: str, mentions: tuple[tuple[int, int, str, str], ...]) -> str:
        if not mentions:
            return text
        out: list[str] = []
        last = 0
        for start, end, _, canonical in mentions:
            out += (text[last:start], f" {canonical} ")
            last = end
        out.append(text[last:])
        return "".join(out)

    def read(self, text: str) -> Slots:
        """Slots of one normalized text, e.g. {'quarter': {'3'}, 'zone': {'临平新城'}}."""
        found: dict[str, set[str]] = {}
        for _, kind, value in self.positions(text):
            found.setdefault(kind, set()).add(value)
        return {kind: frozenset(values) for kind, values in found.items()}

    def read_and_canonical(self, text: str) -> tuple[list[tuple[int, str, str]], str]:
        """positions(text) and canonical(text), with one pass of the names pattern and neither
        cache: building a Matcher reads each of the base's phrasings once, and through the caches
        it would only push out the questions' entries."""
        mentions = self._find_names(text)
        return self._positions(text, mentions), self._canonical(text, mentions)

    def read_groups(self, texts: list[str], sizes: list[int]) -> tuple[list[dict[str, set[str]]], list[str]]:
        """The slots each group of consecutive texts names together (`sizes`: how many texts each
        group has), and each text's canonical form: building a Matcher reads every fact's phrasings,
        and one pass of each pattern over all of them joined by SEP costs a fraction of a pass over
        each fact's. No normalized text, name or slot pattern holds SEP, so no match crosses it and
        every pattern's edges hold beside it as at a text's ends; each group's slots come in the
        order reading its texts in turn gives."""
        if not self._joinable:
            return self._read_apart(texts, sizes)
        if not texts:
            return [{} for _ in sizes], []
        joined = SEP.join(texts)
        mentions = self._find_names(joined)
        positions = self._positions(joined, mentions)
        starts = list(itertools.accumulate((len(t) + 1 for t in texts), initial=0))  # each text's in `joined`
        found: list[dict[str, set[str]]] = []
        first = last = 0  # the group's texts, and its first position
        for size in sizes:
            first += size
            end = bisect_left(positions, (starts[first],))
            slots: dict[str, set[str]] = {}
            for _, kind, value in positions[last:end]:
                slots.setdefault(kind, set()).add(value)
            found.append(slots)
            last = end
        return found, self._canonical(joined, mentions).split(SEP)

    def _read_apart(self, texts: list[str], sizes: list[int]) -> tuple[list[dict[str, set[str]]], list[str]]:
        """read_groups, one text at a time: for a vocabulary whose canonical names hold SEP."""
        found: list[dict[str, set[str]]] = []
        canonicals: list[str] = []
        for size in sizes:
            slots: dict[str, set[str]] = {}
            for text in texts[len(canonicals) : len(canonicals) + size]:
                positions, canonical = self.read_and_canonical(text)
                canonicals.append(canonical)
                for _, kind, value in positions:
                    slots.setdefault(kind, set()).add(value)
            found.append(slots)
        return found, canonicals

    def canonicals(self, texts: list[str]) -> list[str]:
        """[canonical(t) for t in texts], in one pass over them joined by SEP and through no cache
        (building a Matcher asks it of every fact's answer)."""
        if not self._joinable:
            return [self._canonical(t, self._find_names(t)) for t in texts]
        if not texts:
            return []
        joined = SEP.join(texts)
        return self._canonical(joined, self._find_names(joined)).split(SEP)

"""The words the bot reads besides facts and names (knowledge/lexicon.yaml), compiled once.

Question words, operation words, filler, small talk and synonyms are curator data, not code: a
curator adds 位次 to 排名's synonyms, `check` validates the file, and a running bot reloads it.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

try:
    from re import _parser as _sre_parse  # type: ignore[attr-defined]  # Python 3.11+
except ImportError:  # Python 3.10
    import sre_parse as _sre_parse

from bot.kept import Kept

SECTIONS = frozenset({"filler", "smalltalk", "asks", "operations", "unanswerable", "quantities", "reserved", "when",
                      "attributes", "synonyms", "besides"})
# Times the matcher resolves against the newest article's date: how many years back, or the newest
# article itself. 今年 in an article means its year, so the newest article's year is "this year".
WHEN = {"this_year": 0, "last_year": 1, "year_before": 2, "next_year": -1, "latest": None}


def trie(words: Iterable[str]) -> str:
    """One regex for many literal words, shaped as a trie: Python's re tries alternatives one by
    one, so a flat alternation of a few hundred words is several times slower. Longest first."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        group = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return group + "?" if "" in node else group

    return emit(root)


def starting(words: Iterable[str]) -> str:
    """A lookahead for the characters the (non-empty) words start with: put before a pattern of
    them, re tries the pattern only where one can start, and skips every other character of a
    long text at one test."""
    return "(?=[" + "".join(map(re.escape, sorted({w[0] for w in words}))) + "])"


def is_expression(word: str) -> bool:
    """An entry written between slashes is a regular expression, not a word: /比.{1,24}?多/."""
    return len(word) > 2 and word.startswith("/") and word.endswith("/")


def pattern(words: Iterable[str]) -> Words:
    """One regex for a word list: literal words (English ones as whole words) as tries, and
    /regular expressions/ as written; an empty list matches nothing."""
    words = list(words)
    expressions = [f"(?:{w[1:-1]})" for w in words if is_expression(w)]
    plain = literal(words)
    latin = [w for w in plain if re.search("[a-z0-9]", w)]
    other = [w for w in plain if w not in latin]
    tries = ([(latin, rf"(?<![a-z]){trie(latin)}(?![a-z])")] if latin else []) + ([(other, trie(other))] if other else [])
    # what each expression's match can start with, as (characters, class escapes such as \d); None:
    # any character, or the match may be empty
    begins = [None if (found := _starts(_sre_parse.parse(e))) is None else _split(found) for e in expressions] \
        if all(plain) else [None] * len(expressions)
    firsts: set[str] | None = {w[0] for w in plain} if all(plain) else None  # an empty word matches anywhere
    heads: set[str] | None = {w[:2] for w in plain} if all(plain) else None
    escapes: set[str] = set()  # classes (\d) a match may start with, which no list of characters holds
    for begin in begins:
        firsts = None if begin is None or firsts is None else firsts | begin[0]
        heads = None if begin is None or heads is None else heads | begin[0]
        escapes.update(begin[1] if begin else ())
    # re takes the first alternative that matches, not the longest: an expression that may start
    # where a word does goes before the words (有没有人知道, not its 有), the others after them, each
    # behind a look-ahead of what it starts with, so that re skips it elsewhere at once
    word_firsts = {w[0] for w in plain}
    before: list[str] = []
    after: list[str] = []
    for e, begin in zip(expressions, begins, strict=True):
        clashes = begin is None or bool(begin[1]) or not word_firsts.isdisjoint(begin[0])
        (before if clashes else after).append(f"(?={_class(*begin)}){e}" if begin and any(begin) else e)
    parts = [*before, *(part for _, part in tries), *after]
    if firsts is not None and (firsts or escapes) and (latin or len(parts) > 1):
        # no prefix for re to skip to (a Latin word's look-behind comes first, or parts start apart):
        # a look-ahead of what a match starts with stands in, and halves a search's time. Where an
        # /expression/ may start a match at any character of a class (the filler's, at any digit), no
        # word may: each trie then looks ahead for its own first characters, so that re does not try its
        # words there (the filler's forms of a 100,000-phrasing base took a sixth less time)
        guarded = [f"(?={_class({w[0] for w in ws})}){part}" if escapes else part for ws, part in tries]
        alternatives = f"(?={_class(firsts, escapes)})(?:{'|'.join([*before, *guarded, *after])})"
    else:
        alternatives = "|".join(parts)
    if escapes:  # a text holding none of the characters may hold one of the classes' (a digit)
        firsts = heads = None
    return Words(alternatives if parts else "(?!)", None if firsts is None else frozenset(firsts),
                 None if heads is None else frozenset(heads))


def _split(found: set[int | str]) -> tuple[set[str], set[str]]:
    """_starts' characters (as strings) and class escapes (\\d), apart."""
    return {chr(c) for c in found if isinstance(c, int)}, {c for c in found if isinstance(c, str)}


def _class(chars: Iterable[str], escapes: Iterable[str] = ()) -> str:
    """A character class of the characters and class escapes (\\d) given."""
    return f"[{''.join(map(re.escape, sorted(chars)))}{''.join(sorted(escapes))}]"


@dataclass(frozen=True)
class Words:
    """A word list's regex, compiled on first need, and the characters a match of it can start
    with (None: any): until it is compiled, a text holding none of them is not searched, so a
    process that never meets a list's words (a one-shot ask) never compiles it. The regex tests
    them itself (pattern's look-ahead), faster than a test of the text in Python."""

    pattern: str
    firsts: frozenset[str] | None
    # the words' first two characters (a word of one, or an /expression/: the characters it starts
    # with); None with `firsts`. Most texts holding a first character hold no such pair: a one-shot
    # ask compiles a list only for a text that may hold one of its words
    heads: frozenset[str] | None = None

    @cached_property
    def _compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    def _absent(self, text: str) -> bool:
        """Whether the text surely holds no match, told before the regex is compiled; once it is,
        its search tests where a match can start faster than a test of the text here does."""
        if "_compiled" in self.__dict__:
            return False
        if self.firsts is not None and self.firsts.isdisjoint(text):
            return True
        return self.heads is not None and len(text) <= _SHORT and self.heads.isdisjoint(_heads(text))

    def apart(self, char: str) -> bool:
        """Whether no match holds `char` or looks at it, so that in texts joined by it each text's
        matches are those it has alone (a lookaround sees the character beside a text's end as it
        sees no character there): building a Matcher searches a base's texts joined."""
        return not _reads(_sre_parse.parse(self.pattern), ord(char))

    def search(self, text: str) -> re.Match[str] | None:
        return None if self._absent(text) else self._compiled.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return iter(()) if self._absent(text) else self._compiled.finditer(text)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        return text if self._absent(text) else self._compiled.sub(repl, text)


_SHORT = 200  # the longest text whose heads are worked out: a question's


@lru_cache(maxsize=16)
def _heads(text: str) -> frozenset[str]:
    """The text's characters and pairs of neighbouring characters: where a word can start. Kept for
    the last few texts, as the lexicon's thirty lists are searched in the same text."""
    return frozenset((*text, *map(operator.add, text, text[1:])))


# the class escapes a character class may hold, by what re's parser reads them as
_ESCAPES = {_sre_parse.CATEGORY_DIGIT: r"\d", _sre_parse.CATEGORY_NOT_DIGIT: r"\D", _sre_parse.CATEGORY_SPACE: r"\s",
            _sre_parse.CATEGORY_NOT_SPACE: r"\S", _sre_parse.CATEGORY_WORD: r"\w", _sre_parse.CATEGORY_NOT_WORD: r"\W"}


def _starts(items: Any) -> set[int | str] | None:
    """What a match of a parsed regex can start with: characters (code points) and class escapes
    (\\d); None when that is not such a short list (., a negated class, a case-insensitive part)
    or when the match may be empty."""
    found, empty = _sequence_starts(items)
    return None if empty else found


def _sequence_starts(items: Any) -> tuple[set[int | str] | None, bool]:
    """_starts of a sequence, and whether all of it may match nothing: an optional part's starts
    and then the next part's (/(?:刚|今天)?看到/ starts with 刚, 今 or 看)."""
    found: set[int | str] = set()
    for item in items:
        starts, empty = _item_starts(*item)
        if starts is None:
            return None, False
        found |= starts
        if not empty:
            return found, False
    return found, True


def _item_starts(op: Any, av: Any) -> tuple[set[int | str] | None, bool]:
    if op in (_sre_parse.AT, _sre_parse.ASSERT, _sre_parse.ASSERT_NOT):  # take no character
        return set(), True
    if op is _sre_parse.LITERAL:
        return {av}, False
    if op is _sre_parse.IN:
        found: set[int | str] = set()
        for kind, value in av:
            if kind is _sre_parse.LITERAL:
                found.add(value)
            elif kind is _sre_parse.RANGE and value[1] - value[0] < 64:
                found.update(range(value[0], value[1] + 1))
            elif kind is _sre_parse.CATEGORY and value in _ESCAPES:
                found.add(_ESCAPES[value])
            else:
                return None, False
        return found, False
    if op is _sre_parse.SUBPATTERN:
        return (None, False) if av[1] & re.IGNORECASE else _sequence_starts(av[3])
    if op is _sre_parse.BRANCH:
        found, empty = set(), False
        for branch in av[1]:
            starts, may_be_empty = _sequence_starts(branch)
            if starts is None:
                return None, False
            found |= starts
            empty = empty or may_be_empty
        return found, empty
    if op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT):
        starts, empty = _sequence_starts(av[2])
        return starts, empty or av[0] == 0
    return None, False


def _reads(items: Any, code: int) -> bool:
    """Whether a parsed regex may match the character `code` or look at it: its characters, its
    lookarounds and its anchors (^, \\b) are read; whatever is not (a case-insensitive part) may."""
    for op, av in items:
        if op is _sre_parse.LITERAL:
            found = av == code
        elif op is _sre_parse.IN:
            found = _in_class(av, code)
        elif op is _sre_parse.BRANCH:
            found = any(_reads(branch, code) for branch in av[1])
        elif op is _sre_parse.SUBPATTERN:
            found = bool(av[1] & re.IGNORECASE) or _reads(av[3], code)
        elif op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT):
            found = _reads(av[2], code)
        elif op in (_sre_parse.ASSERT, _sre_parse.ASSERT_NOT):
            found = _reads(av[1], code)
        else:  # ., a negated character, an anchor, a group's text again…
            found = op is not _sre_parse.GROUPREF
        if found:
            return True
    return False


def _in_class(items: Any, code: int) -> bool:
    """Whether a parsed character class may hold the character `code`."""
    held, negated = False, False
    for kind, value in items:
        if kind is _sre_parse.NEGATE:
            negated = True
        elif kind is _sre_parse.LITERAL:
            held = held or value == code
        elif kind is _sre_parse.RANGE:
            held = held or value[0] <= code <= value[1]
        elif kind is _sre_parse.CATEGORY and value in _ESCAPES:
            held = held or re.fullmatch(_ESCAPES[value], chr(code)) is not None
        else:
            return True
    return held != negated


_CHINESE_WORD = re.compile(r"[\u3400-\u9fff]{2,}")


def literal(words: Iterable[str]) -> list[str]:
    """The entries that are words, not /regular expressions/."""
    return [w for w in words if not is_expression(w)]


def said(words: Iterable[str]) -> list[str]:
    """The words the entries say: the words themselves, and the Chinese words written inside
    /regular expressions/ (下降 of /比.{1,24}?(?:增长|下降)/), which typo mending must know too."""
    return [w for entry in words for w in (_CHINESE_WORD.findall(entry) if is_expression(entry) else (entry,))]


@dataclass(frozen=True)
class Intent:
    """A kind of question by its wording (几个 → count) and the fact kinds that answer it."""

    name: str
    kinds: frozenset[str]
    words: Words
    fallback: bool = False  # counted only when no other intent's words are in the question (是多少)


@dataclass(frozen=True)
class Lexicon:
    filler: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> words
    smalltalk: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # greeting|thanks|help -> phrases
    asks: tuple[Intent, ...] = ()
    operations: tuple[tuple[str, Words], ...] = ()  # in the order they are tried
    unanswerable: Mapping[str, Words] = field(default_factory=dict)  # cause -> words
    quantities: Mapping[str, Words] = field(default_factory=dict)  # amount|count -> words
    reserved: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()
    words: tuple[str, ...] = ()  # the literal words above: typo mending leaves them as typed, and
    # they are how a question is asked, not what it is about
    attributes: tuple[str, ...] = ()  # what a question may ask of an entity (创始人, 股价, founder)
    when: Mapping[str, Words] = field(default_factory=dict)  # this_year|last_year|… -> words
    asking: tuple[str, ...] = ()  # the words of what a question asks and how it combines (不在, 比例): typo
    # mending prefers them, as it does not the filler's (那个 is no 哪个)
    besides: Words = field(default_factory=lambda: pattern(()))  # 除了, besides: what follows is known, not asked

    def relative_times(self, text: str) -> list[str]:
        """The times a normalized question names relative to the newest article (去年, latest)."""
        return [name for name, words in self.when.items() if words.search(text)]

    def attributes_in(self, text: str) -> list[str]:
        """The attributes a normalized question names (创始人, 研究人员, founded)."""
        starting = self._attributes_by_first
        if starting is not None and not any(w in text for c in starting.keys() & set(text) for w in starting[c]):
            return []
        return [m.group() for m in self._attribute_pattern.finditer(text)]

    @cached_property
    def _attributes_by_first(self) -> dict[str, tuple[str, ...]] | None:
        """The attributes by their first character; None when one is an /expression/. A text that
        holds none of them matches none, so most questions need no search and a one-shot ask does
        not compile the pattern (a few hundred words: 15 ms)."""
        if any(is_expression(w) for w in self.attributes):
            return None
        found: dict[str, list[str]] = {}
        for word in self.attributes:
            found.setdefault(word[:1], []).append(word)
        return {first: tuple(words) for first, words in found.items()}

    @cached_property
    def _attribute_pattern(self) -> Words:
        return pattern(self.attributes)

    def intents(self, text: str) -> frozenset[str]:
        """The fact kinds the wording of a normalized question allows; empty when it says nothing.
        A fallback intent (是多少) counts only when no other does: 多少个 asks a count."""
        allowed: set[str] = set()
        fallback: set[str] = set()
        for intent in self.asks:
            if intent.words.search(text):
                (fallback if intent.fallback else allowed).update(intent.kinds)
        return frozenset(allowed or fallback)

    def intent_words(self, text: str, kind: str) -> tuple[str, ...]:
        """The words of a normalized question that ask for facts of `kind` (平方公里: area), by
        the intents that are no fallback, in the order the question says them."""
        found = [m for intent in self.asks if kind in intent.kinds and not intent.fallback
                 for m in intent.words.finditer(text)]
        return tuple(m.group() for m in sorted(found, key=lambda m: m.start()))

    def operation(self, text: str) -> str | None:
        """The combining operation a normalized question asks for, if any ("sum?": a weak sum)."""
        for name, words in self.operations:
            if words.search(text):
                return name
        return None

    def operation_words(self, text: str, name: str) -> str:
        """The words of the operation `name` that a normalized text says (平均每), or ""."""
        words = dict(self.operations).get(name)
        found = words.search(text) if words else None
        return found.group() if found else ""

    def without_operation(self, text: str, name: str) -> str:
        """The text with the words of the operation `name` blanked out."""
        words = dict(self.operations).get(name)
        return words.sub(" ", text) if words else text

    def asks_unanswerable(self, text: str) -> str | None:
        """The cause, when the question needs figures no article of this kind gives (同比 → growth)."""
        for cause, words in self.unanswerable.items():
            if words.search(text):
                return cause
        return None

    def quantity(self, text: str, name: str) -> bool:
        words = self.quantities.get(name)
        return bool(words and words.search(text))

    @property
    def synonym_map(self) -> dict[str, str]:
        return {w: group[0] for group in self.synonyms for w in group[1:]}


class LexiconError(ValueError):
    """A lexicon entry of the wrong shape; the message says which section, `line` where."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


def _words(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and str(v).strip() for v in value):
        raise LexiconError(f"{where}: expected a list of words")
    out = tuple(str(v).strip() for v in value)
    for w in filter(is_expression, out):
        try:
            re.compile(w[1:-1])
        except re.error as e:
            raise LexiconError(f"{where}: {w} is not a valid regular expression ({e})") from None
    return out


def _section(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = data.get(name) or {}
    if not isinstance(value, dict):
        raise LexiconError(f"{name}: expected a mapping", getattr(data, "line", 0))
    return value


def build(data: Any) -> Lexicon:
    """A Lexicon from the parsed YAML; LexiconError names the section that is wrong."""
    if not isinstance(data, dict):
        raise LexiconError("expected a mapping of sections")
    unknown = sorted(set(data) - SECTIONS)
    if unknown:
        raise LexiconError(f"unknown section {unknown[0]!r} (known: {', '.join(sorted(SECTIONS))})",
                           getattr(data, "line", 0))
    from bot.normalize import normalize  # the lexicon is matched against normalized questions
    from bot.operations import OPERATIONS  # imported here: operations imports the fact model

    for name in _section(data, "operations"):
        if str(name).rstrip("?") not in OPERATIONS:
            raise LexiconError(f"operations: {name!r} is no operation the bot can compute "
                               f"(known: {', '.join(OPERATIONS)})", getattr(data.get("operations"), "line", 0))

    def words(value: Any, where: str) -> tuple[str, ...]:
        return tuple(w if is_expression(w) else normalize(w.replace("_", " ")) for w in _words(value, where))

    filler = {lang: words(v, f"filler.{lang}") for lang, v in _section(data, "filler").items()}
    smalltalk = {kind: _words(v, f"smalltalk.{kind}") for kind, v in _section(data, "smalltalk").items()}
    asks = []
    for name, spec in _section(data, "asks").items():
        if not isinstance(spec, dict):
            raise LexiconError(f"asks.{name}: expected kinds and words")
        if not isinstance(spec.get("fallback", False), bool):
            raise LexiconError(f"asks.{name}.fallback: expected true or false", getattr(spec, "line", 0))
        try:
            asks.append(Intent(str(name), frozenset(_words(spec.get("kinds"), f"asks.{name}.kinds")),
                               pattern(words(spec.get("words"), f"asks.{name}.words")), spec.get("fallback", False)))
        except LexiconError as e:
            raise LexiconError(str(e), getattr(spec, "line", 0)) from None
    operations = tuple((str(name), pattern(words(v, f"operations.{name}")))
                       for name, v in _section(data, "operations").items())
    unanswerable = {str(k): pattern(words(v, f"unanswerable.{k}")) for k, v in _section(data, "unanswerable").items()}
    quantities = {str(k): pattern(words(v, f"quantities.{k}")) for k, v in _section(data, "quantities").items()}
    for name in _section(data, "when"):
        if name not in WHEN:
            raise LexiconError(f"when: {name!r} is no time the bot can resolve (known: {', '.join(WHEN)})",
                               getattr(data.get("when"), "line", 0))
    when = {str(k): pattern(words(v, f"when.{k}")) for k, v in _section(data, "when").items()}
    reserved = tuple(w for v in _section(data, "reserved").values() for w in _words(v, "reserved"))
    raw_groups = data.get("synonyms") or []
    if not isinstance(raw_groups, list):
        raise LexiconError("synonyms: expected a list of word groups")
    synonyms = tuple(words(g, f"synonyms[{i}]") for i, g in enumerate(raw_groups))
    for group in synonyms:
        if len(group) < 2:
            raise LexiconError(f"synonyms: a group needs two words or more ({', '.join(group)})")
    attributes = words([w for v in _section(data, "attributes").values() for w in _words(v, "attributes")], "attributes")
    besides = words([w for v in _section(data, "besides").values() for w in _words(v, "besides")], "besides")
    asking = [*reserved, *besides]
    for section in ("asks", "operations", "unanswerable", "quantities"):
        for v in _section(data, section).values():
            asking += v.get("words", []) if isinstance(v, dict) else v
    everything = [*(w for ws in filler.values() for w in ws), *(w for ws in smalltalk.values() for w in ws),
                  *(w for g in synonyms for w in g), *(w for v in _section(data, "when").values() for w in v), *asking]

    def unique(entries: list[Any]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(said(str(w).replace("_", " ") for w in entries)))

    return Lexicon(filler, smalltalk, tuple(asks), operations, unanswerable, quantities, reserved, synonyms,
                   unique(everything), attributes, when, unique(asking), pattern(besides))


# Lexicons built by an earlier process and kept by bot.formcache as plain JSON data (_encode's), by a
# hash of the file's text (what build makes of a text is the same under the cache's key: it covers the
# bot's source and the libraries); and those built here while the cache records them. A kept lexicon
# spares a one-shot ask normalizing, trie-shaping and validating every word.
KEPT: Kept[str, Any] = Kept()


def _encode(lexicon: Lexicon) -> dict[str, Any] | None:
    """As plain JSON data (frozensets sorted); None when JSON cannot give it back as it was (a
    section keyed by a number)."""
    def words(w: Words) -> list[Any]:
        return [w.pattern, None if w.firsts is None else sorted(w.firsts), None if w.heads is None else sorted(w.heads)]

    mappings = (lexicon.filler, lexicon.smalltalk, lexicon.unanswerable, lexicon.quantities, lexicon.when)
    if not all(isinstance(k, str) for m in mappings for k in m):
        return None
    return {"filler": {k: list(v) for k, v in lexicon.filler.items()},
            "smalltalk": {k: list(v) for k, v in lexicon.smalltalk.items()},
            "asks": [[i.name, sorted(i.kinds), words(i.words), i.fallback] for i in lexicon.asks],
            "operations": [[name, words(w)] for name, w in lexicon.operations],
            "unanswerable": {k: words(w) for k, w in lexicon.unanswerable.items()},
            "quantities": {k: words(w) for k, w in lexicon.quantities.items()},
            "reserved": list(lexicon.reserved), "synonyms": [list(g) for g in lexicon.synonyms],
            "words": list(lexicon.words), "attributes": list(lexicon.attributes),
            "when": {k: words(w) for k, w in lexicon.when.items()}, "asking": list(lexicon.asking),
            "besides": words(lexicon.besides)}


def _decode(data: dict[str, Any]) -> Lexicon:
    def words(w: list[Any]) -> Words:
        pattern, firsts, heads = w
        return Words(str(pattern), None if firsts is None else frozenset(firsts), None if heads is None else frozenset(heads))

    return Lexicon({k: tuple(v) for k, v in data["filler"].items()},
                   {k: tuple(v) for k, v in data["smalltalk"].items()},
                   tuple(Intent(name, frozenset(kinds), words(w), bool(fallback))
                         for name, kinds, w, fallback in data["asks"]),
                   tuple((name, words(w)) for name, w in data["operations"]),
                   {k: words(w) for k, w in data["unanswerable"].items()},
                   {k: words(w) for k, w in data["quantities"].items()},
                   tuple(data["reserved"]), tuple(tuple(g) for g in data["synonyms"]), tuple(data["words"]),
                   tuple(data["attributes"]), {k: words(w) for k, w in data["when"].items()}, tuple(data["asking"]),
                   words(data["besides"]))


def load_lexicon(path: Path) -> Lexicon:
    """knowledge/lexicon.yaml, or an empty lexicon when the base has none."""
    from bot.knowledge import parse_yaml, read_text, text_hash

    if not path.exists():
        return Lexicon()
    text = read_text(path)
    digest = text_hash(text) if KEPT.in_use else ""
    if digest in KEPT.given:
        try:
            return _decode(KEPT.given[digest])
        except (TypeError, ValueError, KeyError, AttributeError):  # a damaged cache: build from the text
            del KEPT.given[digest]
    lexicon = build(parse_yaml(path, text))
    if KEPT.recording_now and (data := _encode(lexicon)) is not None:
        KEPT.record({digest: data})
    return lexicon

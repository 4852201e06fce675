"""Load the YAML fact base into typed, validated objects.

Every problem is reported with the file and line it comes from, because the people who read
these messages are curators editing YAML by hand, not programmers reading tracebacks.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from bot.kept import Kept
from bot.lexicon import LexiconError, load_lexicon
from bot.model import (
    ASKS,
    LANGS,
    QUALIFIERS,
    Document,
    Fact,
    Figure,
    Knowledge,
    Problem,
    Series,
    SeriesRef,
    Source,
    where,
)

T = TypeVar("T")
_LANG_KEYS = frozenset({"zh", "en"})
_KEYS = {  # the keys each mapping of the fact base may have (knowledge/README.md)
    "sources": frozenset({"documents"}),
    "document": frozenset({"id", "title", "title_en", "file", "date", "slots", "note"}),
    "vocabulary entry": frozenset({"canonical", "aliases"}),
    "facts file": frozenset({"topics", "series", "facts"}),
    "series": frozenset({"zh", "en", "unit", "questions", "note"}),
    "fact": frozenset({"id", "topic", "asks", "questions", "answer", "figures", "slots", "total_of", "series",
                       "source", "unfinished"}),
    "figure": frozenset({"text", "value", "unit", "qualifier"}),
    "source": frozenset({"doc", "paragraph", "caption", "quote"}),
    "series of a fact": frozenset({"id", "label"}),
}
class KnowledgeError(Exception):
    """A fact base that cannot be loaded at all (YAML syntax, missing file, wrong shape)."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(where(path, line, message))
        self.path, self.line, self.message = str(path), line, message





_DATE = re.compile(r"(19|20)\d\d(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
MAX_FILE_BYTES = 5_000_000  # an article is ~20 kB: anything this big is a mistake, not a document
MAX_DEPTH = 100  # the fact base nests 5 deep; deeper YAML would exhaust Python's recursion


class _LineDict(dict):
    """A mapping that remembers the line it starts on and the line of each key, for messages."""

    line = 0
    lines: dict[Any, int]  # set by _construct_mapping, the only maker of these

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """A regular file of at most `limit` bytes as UTF-8 text; anything else is a KnowledgeError.

    Opened non-blocking and checked with fstat, so a FIFO or device (/dev/zero) is refused instead
    of hanging or filling memory; a bad byte is reported by line, which is what an editor shows.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise KnowledgeError(path, 0, f"cannot read: {e.strerror or e}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise KnowledgeError(path, 0, "not a regular file")
        data = os.read(fd, limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise KnowledgeError(path, 0, f"larger than {limit // 1_000_000} MB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise KnowledgeError(path, line, f"not UTF-8 text: byte 0x{data[e.start]:02x} at column {column}") from None


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; a syntax error, duplicate key or bad byte becomes one KnowledgeError
    naming file and line."""
    return parse_yaml(path, read_text(path))


# Trees parsed by an earlier process and kept by bot.formcache as plain JSON data (_encode's), by
# path and a hash of the text (a file edited since is parsed again); and those parsed here while the
# cache records them (those JSON cannot give back are left out).
KEPT: Kept[tuple[str, str], Any] = Kept()


class _Unkeepable(Exception):
    """A tree JSON cannot give back as it was (a !!set, !!binary, an alias shared twice)."""


def _encode(value: Any, seen: set[int]) -> Any:
    """A parsed tree as JSON data: a mapping is ["m", line, lines, [[key, value]…]], a list ["l", …]."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if id(value) in seen:
        raise _Unkeepable
    seen.add(id(value))
    if type(value) is list:
        return ["l", *(_encode(v, seen) for v in value)]
    if type(value) is _LineDict:
        return ["m", value.line, value.lines, [[_encode(k, seen), _encode(v, seen)] for k, v in value.items()]]
    raise _Unkeepable


def _decode(data: Any) -> Any:
    if not isinstance(data, list):
        return data
    if data[0] == "l":
        return [_decode(v) for v in data[1:]]
    tag, line, lines, items = data
    if tag != "m" or not isinstance(line, int) or not isinstance(lines, dict):
        raise ValueError("not a kept tree")
    mapping = _LineDict((_decode(k), _decode(v)) for k, v in items)
    mapping.line, mapping.lines = line, lines
    return mapping


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def parse_yaml(path: Path, text: str) -> Any:
    """Parse the text of one YAML file, read by read_text; errors as read_yaml's."""
    where = (str(path), text_hash(text)) if KEPT.in_use else None
    if where in KEPT.given:
        try:
            return _decode(KEPT.given[where])
        except (TypeError, ValueError, IndexError):  # a damaged cache: parse the text
            del KEPT.given[where]
    tree = _parse(path, text)
    if where and KEPT.recording_now:
        try:
            data = _encode(tree, set())
        except _Unkeepable:
            return tree
        KEPT.record({where: data})
    return tree


def _parse(path: Path, text: str) -> Any:
    from bot.yamltree import parse  # PyYAML only for a text no cache holds: its import is 20 ms of a one-shot ask

    return parse(path, text)


def _split(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(paragraphs, photo captions): the line after `文章图片` is a caption, not a paragraph; the
    repeated title and everything from `推荐阅读` on are the portal's."""
    lines = [line.strip() for line in text.split("\n")]
    title = next((line for line in lines if line), "")
    out: list[str] = []
    captions: list[str] = []
    caption_next = False
    for line in lines:
        if not line or line == title:
            continue
        if line == "推荐阅读":
            break
        if line == "文章图片":
            caption_next = True
            continue
        if caption_next:
            caption_next = False
            captions.append(line)
            continue
        out.append(line)
    return tuple(out), tuple(captions)


def paragraphs(text: str) -> tuple[str, ...]:
    """The article's paragraphs, numbered as knowledge/README.md says (index 0 is paragraph 1)."""
    return _split(text)[0]


def captions(text: str) -> tuple[str, ...]:
    """The article's photo captions, in order (index 0 is photo 1)."""
    return _split(text)[1]


class _Collector:
    """Gathers problems for one file so that `check` reports all of them, not just the first."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self.problems: list[Problem] = []

    def add(self, node: Any, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, getattr(node, "line", 0) if line is None else line, message))

    def unknown_keys(self, mapping: Any, allowed: frozenset[str], what: str) -> None:
        """Keys the loader would ignore: a typo (`qoute:`) or a flow mapping cut by a comma
        (`{zh: 区情, en: District, talent}` makes `talent` a key) must not pass silently."""
        if not isinstance(mapping, _LineDict):
            return
        for key in mapping:
            if key not in allowed:
                self.add(mapping, f"{what}: unknown key {key!r} (expected {', '.join(sorted(allowed))})",
                         mapping.line_of(key))


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return [str(v) for v in value]
    return None


def _inside(root: Path, relative: str) -> Path | None:
    """`relative` under `root` with symlinks resolved, or None when it leads out of the folder
    (`../../etc/passwd`, an absolute path, a link to elsewhere): sources.yaml names only our copies."""
    try:
        base = root.resolve()
        path = (base / relative).resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte
        return None
    return path if path.is_relative_to(base) and path != base else None


def _load_documents(root: Path) -> tuple[dict[str, Document], list[Problem]]:
    path = root / "sources.yaml"
    data = read_yaml(path)
    out = _Collector(path)
    docs: dict[str, Document] = {}
    entries = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise KnowledgeError(path, getattr(data, "line", 1), "expected a `documents:` list")
    out.unknown_keys(data, _KEYS["sources"], "sources.yaml")
    for entry in entries:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("id", "title", "file")):
            out.add(entry, "a document needs id, title and file")
            continue
        out.unknown_keys(entry, _KEYS["document"], f"document {entry['id']}")
        file = _inside(root, entry["file"])
        if file is None:
            out.add(entry, f"document {entry['id']}: file {entry['file']!r} must be inside {root}",
                    entry.line_of("file"))
            continue
        try:
            text = read_text(file)
        except KnowledgeError as e:
            if e.line:  # a bad byte: its own file and line
                out.problems.append(Problem(e.path, e.line, e.message))
            else:
                out.add(entry, f"document {entry['id']}: cannot use {entry['file']}: {e.message}", entry.line_of("file"))
            continue
        raw_slots = entry.get("slots") or {}
        slots = {str(k): frozenset(_strings(v) or ()) for k, v in raw_slots.items()} if isinstance(raw_slots, dict) else {}
        date = str(entry.get("date", "") or "")
        if date and not _DATE.fullmatch(date):
            out.add(entry, f"document {entry['id']}: date is YYYY-MM-DD, YYYY-MM or YYYY, not {date!r}",
                    entry.line_of("date"))
            date = ""
        if date and "year" not in slots:  # a dated article's facts are that year's unless they say otherwise
            slots["year"] = frozenset({date[:4]})
        docs[entry["id"]] = Document(entry["id"], entry["title"], str(entry.get("title_en", "")), file,
                                     paragraphs(text), slots, captions(text), date)
    return docs, out.problems


def _load_vocabulary(root: Path) -> tuple[dict[str, dict[str, tuple[str, ...]]], list[Problem]]:
    path = root / "vocabulary.yaml"
    if not path.exists():
        return {}, []
    data = read_yaml(path) or {}
    out = _Collector(path)
    vocab: dict[str, dict[str, tuple[str, ...]]] = {}
    if not isinstance(data, dict):
        raise KnowledgeError(path, 1, "expected a mapping of kind -> entries")
    for kind, entries in data.items():
        if not isinstance(entries, list):
            out.add(data, f"{kind}: expected a list of entries")
            continue
        for entry in entries:
            canonical = entry.get("canonical") if isinstance(entry, dict) else None
            aliases = _strings(entry.get("aliases", [])) if isinstance(entry, dict) else None
            if not isinstance(canonical, str) or aliases is None:
                out.add(entry, f"{kind}: an entry needs `canonical` and a list of `aliases`")
                continue
            out.unknown_keys(entry, _KEYS["vocabulary entry"], f"{kind} {canonical}")
            vocab.setdefault(kind, {})[canonical] = tuple(dict.fromkeys([canonical, *aliases]))
    return vocab, out.problems


def _figure(raw: Any, out: _Collector, fact_id: str) -> Figure | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), (str, int)):
        out.add(raw, f"{fact_id}: a figure needs `text`")
        return None
    try:
        value = Decimal(str(raw.get("value")))
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        out.add(raw, f"{fact_id}: figure {raw.get('text')!r} needs a numeric `value`")
        return None
    out.unknown_keys(raw, _KEYS["figure"], f"{fact_id}: figure {raw['text']}")
    qualifier = str(raw.get("qualifier", "") or "")
    if qualifier and qualifier not in QUALIFIERS:
        out.add(raw, f"{fact_id}: qualifier must be one of {', '.join(QUALIFIERS)}")
    return Figure(str(raw["text"]), value, str(raw.get("unit", "") or ""), qualifier)


def _fact(raw: Any, out: _Collector, docs: dict[str, Document]) -> Fact | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        out.add(raw, "a fact needs an `id`")
        return None
    fid = raw["id"]
    problems_before = len(out.problems)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", fid):
        out.add(raw, f"{fid}: ids are lowercase letters, digits and hyphens")
    out.unknown_keys(raw, _KEYS["fact"], fid)
    for key in ("questions", "answer"):
        out.unknown_keys(raw.get(key), _LANG_KEYS, f"{fid}: {key}")
    asks = raw.get("asks")
    if asks not in ASKS:
        out.add(raw, f"{fid}: `asks` must be one of {' '.join(ASKS)}")
    unfinished = raw.get("unfinished", False)
    if not isinstance(unfinished, bool):
        out.add(raw, f"{fid}: `unfinished` is true or false")
    questions: dict[str, tuple[str, ...]] = {}
    answer: dict[str, str] = {}
    for lang in LANGS:
        qs = _strings((raw.get("questions") or {}).get(lang)) if isinstance(raw.get("questions"), dict) else None
        if not qs and unfinished is not True:  # a stub's questions are the curator's work still to do
            out.add(raw.get("questions", raw), f"{fid}: needs at least one question in `{lang}`")
        questions[lang] = tuple(qs or ())
        text = raw.get("answer", {}).get(lang) if isinstance(raw.get("answer"), dict) else None
        if (not isinstance(text, str) or not text.strip()) and unfinished is not True:
            out.add(raw.get("answer", raw), f"{fid}: needs an answer in `{lang}`")
        answer[lang] = str(text or "").strip()
    figures = tuple(f for f in (_figure(r, out, fid) for r in raw.get("figures") or []) if f)
    src = raw.get("source")
    if not isinstance(src, dict):
        out.add(raw, f"{fid}: needs a `source` with doc, paragraph and quote")
        return None
    out.unknown_keys(src, _KEYS["source"], f"{fid}: source")
    doc = docs.get(str(src.get("doc")))
    quote = str(src.get("quote", ""))
    paragraph = src.get("paragraph")
    caption = src.get("caption", 0)
    if doc is None:
        out.add(src, f"{fid}: unknown document {src.get('doc')!r} (see sources.yaml)")
    elif not quote:
        out.add(src, f"{fid}: needs a `quote` copied from the article")
    elif caption:
        if paragraph is not None or not isinstance(caption, int) or not 1 <= caption <= len(doc.captions):
            out.add(src, f"{fid}: caption must be a photo number from 1 to {len(doc.captions)}, without a paragraph")
        elif quote not in doc.captions[caption - 1]:
            out.add(src, f"{fid}: quote not found in the caption of photo {caption}")
    elif not isinstance(paragraph, int) or not 1 <= paragraph <= len(doc.paragraphs):
        out.add(src, f"{fid}: paragraph must be a number from 1 to {len(doc.paragraphs)}")
    elif quote not in doc.paragraphs[paragraph - 1]:
        found = [i + 1 for i, p in enumerate(doc.paragraphs) if quote in p]
        where = f"it is in paragraph {found[0]}" if found else "it is not in the article verbatim"
        out.add(src, f"{fid}: quote not found in paragraph {paragraph}: {where}")
    for fig in figures:
        if fig.text not in quote:
            out.add(src, f"{fid}: figure {fig.text!r} is not inside the quote")
    slots: dict[str, frozenset[str]] = {}
    raw_slots = raw.get("slots") or {}
    if not isinstance(raw_slots, dict):
        out.add(raw, f"{fid}: `slots` maps a kind to a list of values")
    else:
        for kind, values in raw_slots.items():
            vals = _strings(values)
            if vals is None:
                out.add(raw_slots, f"{fid}: slot {kind} needs a list of values")
            else:
                slots[str(kind)] = frozenset(vals)
    series = None
    if isinstance(raw.get("series"), dict):
        label = raw["series"].get("label")
        out.unknown_keys(raw["series"], _KEYS["series of a fact"], f"{fid}: series")
        out.unknown_keys(label, _LANG_KEYS, f"{fid}: series label")
        series = SeriesRef(str(raw["series"].get("id")), dict(label) if isinstance(label, dict) else {})
    total_of = _strings(raw.get("total_of") or [])
    if total_of is None:
        out.add(raw, f"{fid}: `total_of` is a list of slot kinds, e.g. [category]")
        total_of = []
    if len(out.problems) > problems_before:
        return None
    title = doc.title if doc else ""
    return Fact(fid, str(raw.get("topic")), str(asks), questions, answer, figures,
                Source(title, int(paragraph or 0), quote, str(src.get("doc")), int(caption or 0)), slots, series,
                frozenset(total_of), out.path, raw.line, unfinished)


@dataclass(frozen=True)
class _FactsFile:
    """One facts file as loaded: kept with its text and the documents it was checked against, so
    that a reload after a curator's edit parses and validates only the files that changed."""

    text: str
    docs: dict[str, Document]
    topics: dict[str, dict[str, str]]
    series: dict[str, Series]
    facts: list[Fact]
    problems: list[Problem]
    stamp: tuple[int, ...] = ()  # file_stamp when it was read: unchanged, not read again


def file_stamp(path: Path) -> tuple[int, ...]:
    """What a curator's save changes (time, size, and the inode an editor's rename replaces); empty
    when the file cannot be stat'ed. The engine watches it, and the loader reuses by it."""
    try:
        st = path.stat()
    except OSError:
        return ()
    return (st.st_mtime_ns, st.st_size, st.st_ino)


_PARSED: dict[tuple[Path, ...], dict[Path, _FactsFile]] = {}  # fact base folders → their facts files, as last loaded
_PARSED_ROOTS = 4  # folders remembered (tests load many): memory stays that of a few fact bases


_BUILT: dict[Path, tuple[tuple[int, ...], Any]] = {}  # vocabulary and lexicon files → (file_stamp, what they gave)


def forget_parsed() -> None:
    """Forget every file loaded: the next load parses all of them (a cold load)."""
    _PARSED.clear()
    _BUILT.clear()


def _unless_unchanged(path: Path, build: Callable[[Path], T], arg: Path) -> T:
    """`build(arg)`, or what it gave last time when `path` has the same file_stamp: a reload after
    a facts edit need not compile the lexicon and vocabulary again. `build` must depend on `path`
    alone."""
    stamp = file_stamp(path)
    found = _BUILT.get(path)
    if stamp and found is not None and found[0] == stamp:
        return found[1]
    result = build(arg)
    if stamp:  # missing or unreadable: build() said so in its own words, nothing to keep
        _BUILT[path] = (stamp, result)
    return result


def _facts_file(path: Path, text: str, docs: dict[str, Document]) -> _FactsFile:
    """Parse and validate one facts file; KnowledgeError when it has the wrong shape."""
    topics: dict[str, dict[str, str]] = {}
    series: dict[str, Series] = {}
    facts: list[Fact] = []
    data = parse_yaml(path, text)
    out = _Collector(path)
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        raise KnowledgeError(path, getattr(data, "line", 1), "expected a mapping with a `facts:` list")
    if not isinstance(data.get("topics") or {}, dict) or not isinstance(data.get("series") or {}, dict):
        raise KnowledgeError(path, data.line, "`topics:` and `series:` map ids to their labels")
    if not data["facts"]:
        out.add(data, "`facts:` is empty", data.line_of("facts"))
    out.unknown_keys(data, _KEYS["facts file"], path.name)
    for tid, label in (data.get("topics") or {}).items():
        if not isinstance(label, dict) or not all(isinstance(label.get(lang), str) for lang in LANGS):
            out.add(data.get("topics"), f"topic {tid}: needs zh and en labels")
        out.unknown_keys(label, _LANG_KEYS, f"topic {tid}")
        topics[str(tid)] = {lang: str(label.get(lang, tid)) for lang in LANGS} if isinstance(label, dict) else {}
    for sid, spec in (data.get("series") or {}).items():
        if not isinstance(spec, dict) or not spec.get("unit"):
            out.add(data.get("series"), f"series {sid}: needs zh, en and unit")
            continue
        out.unknown_keys(spec, _KEYS["series"], f"series {sid}")
        for key in ("questions", "note"):
            out.unknown_keys(spec.get(key), _LANG_KEYS, f"series {sid}: {key}")
        note = spec.get("note") if isinstance(spec.get("note"), dict) else {}
        qs = spec.get("questions") if isinstance(spec.get("questions"), dict) else {}
        series[str(sid)] = Series(str(sid), {lang: str(spec.get(lang, sid)) for lang in LANGS}, str(spec["unit"]),
                                  {lang: str(note[lang]) for lang in LANGS if lang in note},
                                  {lang: tuple(_strings(qs.get(lang)) or ()) for lang in LANGS})
    for raw in data["facts"]:
        try:
            fact = _fact(raw, out, docs)
        except (TypeError, AttributeError, ValueError) as e:  # a field of the wrong shape (`figures: 5`)
            out.add(raw, f"{raw.get('id', 'a fact') if isinstance(raw, dict) else 'a fact'}: "
                         f"a field has the wrong shape ({e})")
            continue
        if fact:
            facts.append(fact)
    return _FactsFile(text, docs, topics, series, facts, out.problems)


def load(root: Path | str, *more: Path | str) -> Knowledge:
    """Load and validate everything under `root` and the `more` folders (other articles' facts).

    Raises KnowledgeError when the base cannot be read at all (YAML syntax, missing files); other
    problems are collected in `Knowledge.problems`, and facts with problems are left out. The
    lexicon is the main folder's: one way of reading questions for every article.
    """
    root = Path(root)
    roots = [root, *map(Path, more)]
    docs: dict[str, Document] = {}
    problems: list[Problem] = []
    vocabulary: dict[str, dict[str, tuple[str, ...]]] = {}
    for folder in roots:
        found, doc_problems = _load_documents(folder)
        problems += doc_problems
        for did, doc in found.items():
            if did in docs:
                problems.append(Problem(str(folder / "sources.yaml"), 0, f"document {did} is declared twice"))
                continue
            docs[did] = doc
        words, vocab_problems = _unless_unchanged(folder / "vocabulary.yaml", _load_vocabulary, folder)
        problems += vocab_problems
        for kind, entries in words.items():
            for canonical, aliases in entries.items():
                known = vocabulary.setdefault(kind, {}).get(canonical, ())
                vocabulary[kind][canonical] = tuple(dict.fromkeys([*known, *aliases]))
    try:
        lexicon = _unless_unchanged(root / "lexicon.yaml", load_lexicon, root / "lexicon.yaml")
    except LexiconError as e:
        raise KnowledgeError(root / "lexicon.yaml", e.line, str(e)) from None
    topics: dict[str, dict[str, str]] = {}
    series: dict[str, Series] = {}
    facts: list[Fact] = []
    fact_files = [path for folder in roots for path in sorted((folder / "facts").glob("*.yaml"))]
    if not fact_files:
        raise KnowledgeError(root / "facts", 0, "no fact files (*.yaml)")
    folders = tuple(folder.resolve() for folder in roots)
    last = _PARSED.get(folders, {})
    parsed: dict[Path, _FactsFile] = {}
    for path in fact_files:
        found = last.get(path)
        if found is None or found.docs != docs or found.stamp != file_stamp(path):  # unchanged files are not read
            text = read_text(path)
            if found is None or found.text != text or found.docs != docs:
                found = _facts_file(path, text, docs)
            found = replace(found, stamp=file_stamp(path))
        parsed[path] = found
        topics.update(found.topics)
        series.update(found.series)
        facts += found.facts
        problems += found.problems
    _PARSED.pop(folders, None)
    _PARSED[folders] = parsed
    while len(_PARSED) > _PARSED_ROOTS:
        del _PARSED[next(iter(_PARSED))]
    seen: dict[str, Fact] = {}
    kept: list[Fact] = []
    for fact in facts:
        if fact.id in seen:
            problems.append(Problem(fact.path, fact.line, f"duplicate id {fact.id} (first at line {seen[fact.id].line})"))
            continue
        seen[fact.id] = fact
        if fact.topic not in topics:
            problems.append(Problem(fact.path, fact.line, f"{fact.id}: topic {fact.topic!r} is not declared"))
        if fact.series:
            spec = series.get(fact.series.id)
            if spec is None:
                problems.append(Problem(fact.path, fact.line, f"{fact.id}: series {fact.series.id!r} is not declared"))
            elif len(fact.figures) != 1 or fact.figures[0].unit != spec.unit:
                problems.append(Problem(fact.path, fact.line,
                                        f"{fact.id}: a member of series {spec.id} needs exactly one figure in {spec.unit}"))
        kept.append(fact)
    served = tuple(f for f in kept if not f.unfinished)
    if not served:  # serving nothing is never what a curator meant: refuse, like a syntax error
        first = f": {len(problems)} problem(s), the first: {problems[0]}" if problems else ""
        raise KnowledgeError(root / "facts", 0, f"no usable facts{first}")
    return Knowledge(docs, topics, series, served, vocabulary, tuple(problems), tuple(f for f in kept if f.unfinished),
                     lexicon)

"""`python -m bot draft ARTICLE --doc ID`: a new article's figures as fact stubs for a curator.

Writing a fact base by hand starts with finding every figure and copying its clause verbatim;
that part is mechanical and easy to get subtly wrong (a quote one character off fails `check`),
so it is done here. Each stub holds one figure-bearing clause cut from the article itself, so
its quote is verbatim by construction; questions and answers stay with the curator, and the
stub is `unfinished: true` until then, which the loader accepts and the bot never serves.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from bot import figures
from bot.figures import Found
from bot.knowledge import paragraphs, read_yaml

# strong clause ends: a clause holds one statement; 、 only separates items of one
_CLAUSE_END = re.compile(r"[。；;？?！!，：]|…+|(?<=】)|(?<!\d),|,(?!\d)|(?<!\d):|:(?!\d)")
_TRIM = " \t\u3000。；;？?！!，,：:…、"
_LEAD = 6  # a figure-free clause this short is a lead-in (其中, 今年以来) that belongs to the next one

TOPICS = {  # one topic per kind of answer: a starting point the curator renames or merges
    "amount": {"zh": "金额", "en": "Amounts"},
    "count": {"zh": "数量", "en": "Counts"},
    "date": {"zh": "日期", "en": "Dates"},
    "year": {"zh": "年份", "en": "Years"},
    "rank": {"zh": "排名", "en": "Rankings"},
    "area": {"zh": "面积", "en": "Areas"},
    "duration": {"zh": "时长", "en": "Durations"},
    "share": {"zh": "比例", "en": "Shares"},
}


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key, as the hand-written fact files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


@dataclass(frozen=True)
class Stub:
    """One figure and the clause that states it."""

    paragraph: int
    quote: str
    figure: Found


@dataclass(frozen=True)
class Draft:
    doc: str
    title: str
    year: int  # of dates that name none
    year_named: bool  # the article names it; else it is this year
    paragraphs: tuple[str, ...]
    stubs: tuple[Stub, ...]
    seconds: float


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _clauses(text: str, found: list[Found]) -> list[tuple[int, int]]:
    """The paragraph cut at clause ends, with short lead-ins (其中 , 今年以来 ,) and bare figures
    (9月10日 ,) joined to the clause they introduce, so that a quote reads as a statement."""
    spans, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        spans.append(_trim(text, start, m.start()))
        start = m.end()
    spans.append(_trim(text, start, len(text)))

    def figures_in(a: int, b: int) -> list[Found]:
        return [f for f in found if a <= f.start and f.end <= b]

    out: list[list[int]] = []  # [start, end, joins_next]
    for a, b in spans:
        if a == b:
            continue
        figs = figures_in(a, b)
        words = (b - a) - sum(len(f.text) for f in figs)
        lead = not figs and words <= _LEAD
        if out and out[-1][2] and not (figs and figures_in(out[-1][0], out[-1][1])) \
                and not re.search(r"[。；;？?！!]", text[out[-1][1]:a]):
            out[-1][1] = b
            out[-1][2] = lead and not figures_in(out[-1][0], b)  # 这标志着 , 今年以来 , … still leads
            continue
        out.append([a, b, lead or (len(figs) == 1 and words <= 1)])
    return [(a, b) for a, b, _ in out]


def _quote(text: str, clause: tuple[int, int], fig: Found, found: list[Found]) -> str:
    """The narrowest part of `clause` that states `fig` and no other figure: the clause, else
    its 、-item, else the stretch between the neighbouring figures."""
    a, b = clause
    others = [f for f in found if a <= f.start and f.end <= b and f is not fig]
    if not others:
        return text[a:b]
    for m in re.finditer(r"[^、]+", text[a:b]):
        ia, ib = a + m.start(), a + m.end()
        if ia <= fig.start and fig.end <= ib and not any(ia <= f.start and f.end <= ib for f in others):
            s, e = _trim(text, ia, ib)
            return text[s:e]
    s = max([f.end for f in others if f.end <= fig.start], default=a)
    e = min([f.start for f in others if f.start >= fig.end], default=b)
    s, e = _trim(text, s, e)
    return text[s:e]


def draft(article: str, doc: str) -> Draft:
    """One stub per figure of the article, numbered as knowledge.paragraphs numbers them."""
    started = time.perf_counter()
    paras = paragraphs(article)
    named = figures.article_year(paras)
    year = named or date.today().year
    stubs: list[Stub] = []
    for n, text in enumerate(paras, 1):
        found = figures.find(text, year)
        for clause in _clauses(text, found):
            for fig in found:
                if clause[0] <= fig.start and fig.end <= clause[1]:
                    stubs.append(Stub(n, _quote(text, clause, fig, found), fig))
    title = next((line.strip() for line in article.split("\n") if line.strip()), "")
    return Draft(doc, title, year, named is not None, paras, tuple(stubs), time.perf_counter() - started)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _slug(value: Decimal) -> str:
    return re.sub(r"[^0-9]+", "-", format(value.normalize(), "f")).strip("-")


def to_yaml(d: Draft, article_file: str) -> str:
    """The draft as a fact file (knowledge/README.md's format), with the sources.yaml entry on top."""
    facts: list[dict[str, Any]] = []
    ids: set[str] = set()
    for stub in d.stubs:
        fig = stub.figure
        base = f"{d.doc}-p{stub.paragraph}-{fig.asks}-{_slug(fig.value)}"
        fid, i = base, 1
        while fid in ids:
            i += 1
            fid = f"{base}-{i}"
        ids.add(fid)
        figure: dict[str, Any] = {"text": fig.text, "value": _number(fig.value), "unit": fig.unit}
        if fig.qualifier:
            figure["qualifier"] = fig.qualifier
        facts.append({"id": fid, "unfinished": True, "topic": fig.asks, "asks": fig.asks,
                      "questions": {"zh": [], "en": []}, "answer": {"zh": "", "en": ""},
                      "figures": [figure],
                      "source": {"doc": d.doc, "paragraph": stub.paragraph, "quote": stub.quote}})
    topics = {kind: TOPICS[kind] for kind in dict.fromkeys(s.figure.asks for s in d.stubs)}
    entry = {"id": d.doc, "title": d.title, "file": article_file, **({"date": str(d.year)} if d.year_named else {})}
    source = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
    header = [
        f"# Draft facts for {d.doc}, written by `python -m bot draft` from {article_file}.",
        "# Each stub is `unfinished: true`, so the bot does not serve it. To finish one: write questions and",
        "# answers, check its figures, asks, topic and id, cut the quote to the fact, delete `unfinished`,",
        "# then run `python -m bot check`. Delete stubs whose figure is part of a name (五场“硬仗”).",
        f"# Dates without a year are taken as {d.year}, "
        + ("the year the article names most often." if d.year_named else "this year: the article names none."),
        "#",
        "# Add to knowledge/sources.yaml under `documents:` (and a title_en; `date` is the year the article",
        "# names most often: make it the article's own date when you know it, other articles are told apart by it):",
        *(f"#   {line}" for line in source.splitlines()),
        "",
    ]
    body = yaml.dump({"topics": topics, "facts": facts}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1000, default_flow_style=None)
    return "\n".join(header) + "\n" + body


@dataclass(frozen=True)
class Recall:
    """How many of a curated file's figures the draft found, each as (paragraph, text as written)."""

    found: tuple[tuple[int, str], ...]
    missing: tuple[tuple[int, str], ...]
    verbatim: int  # stubs whose quote is in its paragraph, as `check` requires

    @property
    def recall(self) -> float:
        total = len(self.found) + len(self.missing)
        return len(self.found) / total if total else 1.0


def compare(d: Draft, curated: Path) -> Recall:
    """Measure a draft against a curated fact file of the same article."""
    data = read_yaml(curated)
    wanted = {(fact["source"]["paragraph"], str(fig["text"]))
              for fact in data["facts"] for fig in fact.get("figures") or []}
    drafted = {(s.paragraph, s.figure.text) for s in d.stubs}
    verbatim = sum(1 for s in d.stubs if s.quote in d.paragraphs[s.paragraph - 1] and s.figure.text in s.quote)
    return Recall(tuple(sorted(wanted & drafted)), tuple(sorted(wanted - drafted)), verbatim)


def run(article: Path, doc: str, out: Path | None, curated: Path | None, knowledge: Path) -> int:
    """The `draft` command: write the stubs (to `out`, else stdout unless measuring); with
    `curated`, print the recall of its figures. Never overwrites a file: it may hold edits."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", doc):
        print(f"error: --doc {doc!r}: ids are lowercase letters, digits and hyphens", file=sys.stderr)
        return 2
    if out is not None and out.exists():
        print(f"error: {out} exists; draft writes new files only", file=sys.stderr)
        return 2
    try:
        d = draft(article.read_text(encoding="utf-8"), doc)
    except (OSError, UnicodeDecodeError) as e:
        print(f"error: cannot read {article}: {e}", file=sys.stderr)
        return 2
    try:
        article_file = article.resolve().relative_to(knowledge.resolve()).as_posix()
    except ValueError:  # not in knowledge/ yet: that is where it has to go
        article_file = f"articles/{article.name}"
    text = to_yaml(d, article_file)
    if curated is not None:
        r = compare(d, curated)
        print(f"figure recall {r.recall:.1%} ({len(r.found)} of {len(r.found) + len(r.missing)} figures of "
              f"{curated.name}); {len(d.stubs)} stubs, {r.verbatim} quotes verbatim; drafted in {d.seconds:.3f} s")
        for paragraph, fig in r.missing:
            print(f"  missing: paragraph {paragraph}: {fig}")
    if out is not None:
        out.write_text(text, encoding="utf-8")
        print(f"{len(d.stubs)} stubs written to {out}")
    elif curated is None:
        print(text, end="")
    return 0

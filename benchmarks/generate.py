"""Deterministic synthetic fact bases of any size, worded from the article's own vocabulary.

Chinese phrasings are built from the article's clauses and the names in knowledge/vocabulary.yaml
(zones, labs, projects, people…), English ones from the vocabulary's English aliases and a fixed
word list, in the shapes real questions take ("余杭三季度…总投资多少", "How many … in Q3?").
The same seed always gives the same base, so runs on different days compare.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import yaml

from bot.model import Fact, Figure, Knowledge, Source

_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
_PERIODS_ZH = ["一季度", "二季度", "三季度", "第三季度", "前三季度", "今年", "2020年", "9月29日", "9月10日", "8月30日", ""]
_PERIODS_EN = ["in Q1", "in Q2", "in Q3", "in the third quarter", "in the first three quarters", "this year",
               "in 2020", "on September 29", ""]
_ASKS_ZH = ["多少", "是多少", "有多少", "有几个", "一共多少", "总投资多少", "在哪里", "是谁", "什么时候", "排第几", "占多少"]
_HEADS_ZH = ["", "余杭", "余杭区", "请问", "我想知道"]
_EN_WORDS = ("investment projects companies zones labs laboratories signing groundbreaking event total amount "
             "number manufacturing services digital economy livestreaming chain firms ranking district white "
             "paper leaders scientist headquarters center innovation health town park area square kilometres "
             "talent strategy quality key major provincial national billion yuan value valuation owner "
             "industry platform base fashion commerce e-commerce research development").split()
_EN_SHAPES = [
    "How much {w1} {w2} did {name} {period}?",
    "How many {w1} {w2} were there {period}?",
    "What was the total {w1} of {name} {period}?",
    "Which {w1} {w2} is {name} known for?",
    "Who leads the {w1} {w2} at {name}?",
    "When did the {w1} {w2} of {name} open?",
    "What is the {w1} {w2} of {name}?",
]


def _article_terms(knowledge: Knowledge) -> list[str]:
    """Chinese fragments (2-6 characters) of the article's clauses, in a fixed order."""
    terms: dict[str, None] = {}
    for doc in knowledge.documents.values():
        for paragraph in doc.paragraphs:
            for run in _CJK_RUN.findall(paragraph):
                for size in (2, 3, 4, 6):
                    for i in range(0, max(1, len(run) - size + 1), size):
                        terms[run[i : i + size]] = None
    return list(terms)


def _names(knowledge: Knowledge) -> tuple[list[str], list[str]]:
    zh: dict[str, None] = {}
    en: dict[str, None] = {}
    for entries in knowledge.vocabulary.values():
        for aliases in entries.values():
            for alias in aliases:
                (en if alias.isascii() else zh)[alias] = None
    return list(zh) or ["临平新城", "未来科技城", "之江实验室"], list(en) or ["Linping New Town", "Future Sci-Tech City"]


def synthetic(template: Knowledge, phrasings: int, seed: int = 20200929, per_fact: tuple[int, int] = (3, 2)) -> Knowledge:
    """A fact base of `phrasings` phrasings (3 Chinese + 2 English per fact), with the template's
    documents and vocabulary; each fact has one figure (its index, in 亿元) and cites paragraph 1."""
    rng = random.Random(seed)
    terms = _article_terms(template)
    zh_names, en_names = _names(template)
    doc = next(iter(template.documents.values()))
    source = Source(doc.title, 1, doc.paragraphs[0][:20], doc.id)
    facts: list[Fact] = []
    seen: set[str] = set()
    n_zh, n_en = per_fact
    count = 0
    i = 0
    while count < phrasings:
        zh: list[str] = []
        en: list[str] = []
        subject = rng.choice(zh_names + terms)
        en_subject = rng.choice(en_names)
        while len(zh) < min(n_zh, phrasings - count):
            q = (rng.choice(_HEADS_ZH) + rng.choice([subject, rng.choice(zh_names)]) + rng.choice(_PERIODS_ZH)
                 + "".join(rng.sample(terms, rng.randint(1, 3))) + rng.choice(_ASKS_ZH))
            if q not in seen:
                seen.add(q)
                zh.append(q)
        while len(en) < min(n_en, phrasings - count - len(zh)):
            w1, w2 = rng.sample(_EN_WORDS, 2)
            q = rng.choice(_EN_SHAPES).format(w1=w1, w2=w2, name=rng.choice([en_subject, *rng.sample(en_names, 1)]),
                                              period=rng.choice(_PERIODS_EN)).replace("  ", " ").replace(" ?", "?")
            if q not in seen:
                seen.add(q)
                en.append(q)
        figure = f"{i + 1}亿元"
        facts.append(Fact(f"synthetic-{i}", "synthetic", "amount", {"zh": tuple(zh), "en": tuple(en)},
                          {"zh": f"合成事实{i + 1}：{zh[0] if zh else ''}，{figure}。",
                           "en": f"Synthetic fact {i + 1}: {figure}."},
                          (Figure(figure, Decimal(i + 1), "亿元"),), source))
        count += len(zh) + len(en)
        i += 1
    return replace(template, topics={"synthetic": {"zh": "合成", "en": "Synthetic"}}, series={},
                   facts=tuple(facts), problems=())


def queries(base: Knowledge, eval_questions: list[str], n: int, seed: int = 7) -> list[str]:
    """`n` questions for a synthetic base: a third from the evaluation set, a third phrasings of
    the base with a typo (a character dropped or doubled), a third new questions of the same shapes."""
    rng = random.Random(seed)
    phrasings = [q for f in base.facts for qs in f.questions.values() for q in qs]
    fresh = synthetic(base, max(30, n), seed=seed + 1)
    fresh_qs = [q for f in fresh.facts for qs in f.questions.values() for q in qs]
    out: list[str] = []
    while len(out) < n:
        kind = len(out) % 3
        if kind == 0:
            out.append(rng.choice(eval_questions))
        elif kind == 1:
            q = rng.choice(phrasings)
            j = rng.randrange(len(q))
            out.append(q[:j] + q[j + 1 :] if rng.random() < 0.5 else q[:j] + q[j] + q[j:])
        else:
            out.append(rng.choice(fresh_qs))
    return out


def write_base(template: Knowledge, source_root: Path, target: Path, phrasings: int, files: int) -> list[Path]:
    """A fact base on disk under `target` that loads and validates like knowledge/: the template's
    sources, articles, vocabulary and lexicon, and `phrasings` generated phrasings in `files` facts
    files, each fact citing a real fact's source and figures. Returns the facts files."""
    shutil.copytree(source_root, target, ignore=shutil.ignore_patterns("facts"))
    (target / "facts").mkdir()
    real = [f for f in template.facts if f.figures]
    facts = synthetic(template, phrasings).facts
    per_file = -(-len(facts) // files)
    paths = []
    for n in range(files):
        chunk = facts[n * per_file : (n + 1) * per_file]
        out = []
        for i, fact in enumerate(chunk, n * per_file):
            model = real[i % len(real)]
            src = {"doc": model.source.doc, "quote": model.source.quote}
            src.update({"caption": model.source.caption} if model.source.caption else
                       {"paragraph": model.source.paragraph})
            out.append({"id": fact.id, "topic": "synthetic", "asks": model.asks,
                        "questions": {lang: list(qs) for lang, qs in fact.questions.items() if qs},
                        "answer": dict(model.answer), "source": src,
                        "figures": [{"text": g.text, "value": str(g.value), "unit": g.unit} for g in model.figures]})
        path = target / "facts" / f"part-{n:03}.yaml"
        path.write_text(yaml.safe_dump({"topics": {"synthetic": {"zh": "合成", "en": "Synthetic"}}, "facts": out},
                                       allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths

"""Question → Match: which facts answer it, how sure we are, and what to offer when not.

Scoring is rapidfuzz over precomputed normalized phrasings; the decision is not. A fact is a
candidate only when the question's slots (quarter, date, zone, project…) agree with the fact's,
and a slot value that no fact carries (the fourth quarter, 2021, another district) declines the
question outright. A wrong figure is worse than no answer, so every doubt ends in a decline.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
import sys
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.answer import Kind
from bot.compute import Calculator
from bot.config import MatchSettings
from bot.explain import Explanation, en_stem
from bot.lexicon import Lexicon, pattern
from bot.mend import Mender, pairs_of
from bot.model import Fact, Knowledge
from bot.normalize import language, normalize
from bot.operations import Computation
from bot.slots import TIME_KINDS, SlotReader, Slots
from bot.tables import zipf

_MIN_FUZZY = 40  # below this a phrasing says nothing (coverage still counts); skipping it saves time
_TWO_WAY_KINDS = frozenset({"aspect"})  # a fact with one answers only questions that name it
_ENTITY_KINDS = ("project", "lab", "person")
_NAME_KINDS = (*_ENTITY_KINDS, "zone", "category")  # a question naming one is about something named
_QUANTITIES = frozenset({"amount", "count", "share", "area", "duration"})
_WHAT_HAPPENED = frozenset({"list", "name", "place", "person", "text"})  # 哪些/什么, not 多少
# a figure as a question states it, and as a fact's figure holds it (近1800亿元 holds 1800亿元)
_STATED = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:亿元|亿|万元|万|个|家|位|天|平方公里)")
_LATIN_WORD = re.compile(r"[a-z]{4,}")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
_HAS_WORD = re.compile(r"[\w\u3400-\u9fff]")
_WORD = re.compile(r"[a-z0-9.]+|[^\sa-z0-9.]+")


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
    cause: str = ""  # why it was declined: growth (needs figures no article gives) | unexplained | near
    missing: tuple[str, ...] = ()  # unexplained: the words no fact accounts for; browse: the word


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


class Wording:
    """The lexicon's filler, compiled: what a question says besides which fact it means."""

    def __init__(self, lexicon: Lexicon) -> None:
        zh = [w for w in lexicon.filler.get("zh", ()) if not w.isascii()]
        self._filler = pattern(zh)
        self._stop = frozenset(lexicon.filler.get("en", ()))
        synonyms = lexicon.synonym_map
        self._synonyms = pattern(synonyms) if synonyms else None
        self._synonym_of = synonyms

    def synonyms(self, normalized: str) -> str:
        """Every synonym written as its group's first word (位次 → 排名)."""
        if not self._synonyms:
            return normalized
        return self._synonyms.sub(lambda m: self._synonym_of.get(m.group(), m.group()), normalized)

    def form(self, normalized: str) -> str:
        """The normalized text without filler: what fuzzy scores compare."""
        text = self._filler.sub("", normalized).replace("、", " ")
        words = [en_stem(w) for w in _WORD.findall(text) if w not in self._stop]
        return " ".join(w for w in words if w)


def terms(form: str) -> set[str]:
    """Words of a scoring form: English stems as they are, Chinese runs as character bigrams."""
    out: set[str] = set()
    for token in form.split():
        if token.isascii() or len(token) == 1:
            out.add(token)
        else:
            out.update(token[i : i + 2] for i in range(len(token) - 1))
    return out


def similarity(a: str, b: str, **_: object) -> float:
    """Character ratio for Chinese; word-order-free ratios for English."""
    if a.isascii() and b.isascii():
        return (fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2
    return fuzz.ratio(a, b)


class _Choices:
    """Phrasing forms split by script once, so that each question is scored only against the
    forms that can resemble it: Chinese by character ratio, English by word-order-free ratios."""

    def __init__(self, forms: list[str]) -> None:
        self.latin_idx = [i for i, f in enumerate(forms) if f.isascii()]
        self.other_idx = [i for i, f in enumerate(forms) if not f.isascii()]
        self.latin = [forms[i] for i in self.latin_idx]
        self.other = [forms[i] for i in self.other_idx]

    def scores(self, form: str) -> list[tuple[int, float]]:
        """(index, similarity) for every form scoring ≥ _MIN_FUZZY: `similarity` in bulk, in C."""
        out = [(self.other_idx[i], sc) for _, sc, i in process.extract(form, self.other, scorer=fuzz.ratio,
                                                                       limit=None, score_cutoff=_MIN_FUZZY)]
        if form.isascii():
            token_set = {i: sc for _, sc, i in process.extract(form, self.latin, scorer=fuzz.token_set_ratio,
                                                              limit=None)}
            for _, sc, i in process.extract(form, self.latin, scorer=fuzz.token_sort_ratio, limit=None):
                score = (sc + token_set[i]) / 2
                if score >= _MIN_FUZZY:
                    out.append((self.latin_idx[i], score))
        return out


@dataclass(frozen=True)
class _FactForms:
    """What a fact's own texts give the matcher, worked out once per fact: normalizing tens of
    thousands of phrasings is most of the cost of building a Matcher. Strings are interned and
    kept in tuples, for a base of 100,000 phrasings holds many of each."""

    forms: tuple[str, ...]  # each phrasing's scoring form
    slots: dict[str, frozenset[str]]  # the slots its phrasings name
    terms: tuple[str, ...]  # the words of its phrasings and quote (coverage)
    norms: tuple[str, ...]  # its phrasings, quote and Chinese answer normalized: typo mending's words
    pairs: tuple[str, ...]  # the character pairs of those
    english: tuple[str, ...]  # their English words of four letters or more


class FactCache:
    """The _FactForms of the last fact base built with it, by the texts they come from, for one
    lexicon and vocabulary: a reload after a curator's edit normalizes only the facts that changed."""

    def __init__(self) -> None:
        self.context: tuple[object, ...] | None = None
        self.forms: dict[tuple[object, ...], _FactForms] = {}


class _Derivations:
    """_FactForms for one build, taken from a FactCache where it has them."""

    def __init__(self, wording: Wording, reader: SlotReader, knowledge: Knowledge, cache: FactCache | None) -> None:
        self.wording, self.reader, self.cache = wording, reader, cache
        lexicon = knowledge.lexicon
        self.context = (lexicon.synonyms, lexicon.filler, knowledge.vocabulary)
        self._previous = cache.forms if cache and cache.context == self.context else {}
        self._made: dict[tuple[object, ...], _FactForms] = {}

    def of(self, fact: Fact) -> _FactForms:
        key = (tuple(fact.questions.items()), fact.source.quote, fact.answer.get("zh", ""))
        found = self._previous.get(key) or self._derive(fact)
        if self.cache is not None:
            self._made[key] = found
        return found

    def keep(self) -> None:
        """Make this build's forms the cache's (only the current base's: memory follows its size)."""
        if self.cache is not None:
            self.cache.context, self.cache.forms = self.context, self._made

    def _derive(self, fact: Fact) -> _FactForms:
        norms = [self.wording.synonyms(normalize(q)) for qs in fact.questions.values() for q in qs]
        forms = tuple(self.wording.form(self.reader.canonical(norm)) for norm in norms)
        slots: dict[str, set[str]] = {}
        for norm in norms:
            for kind, values in self.reader.read(norm).items():
                slots.setdefault(kind, set()).update(values)
        quote = normalize(fact.source.quote)
        found = set(itertools.chain.from_iterable(terms(f) for f in forms))
        found |= terms(self.wording.form(self.reader.canonical(quote)))  # a question may use the quote's words
        norms += [quote, normalize(fact.answer.get("zh", ""))]
        return _FactForms(forms, {k: frozenset(v) for k, v in slots.items()}, tuple(map(sys.intern, found)),
                          tuple(norms), tuple(map(sys.intern, pairs_of(norms))),
                          tuple({w: None for t in norms for w in _LATIN_WORD.findall(t)}))


class Matcher:
    """Matches questions against one loaded fact base; build a new one when the base changes."""

    def __init__(self, knowledge: Knowledge, settings: MatchSettings, cache: FactCache | None = None) -> None:
        """`cache`: the FactCache of the matcher this one replaces, to reuse what its facts gave."""
        self.knowledge = knowledge
        self.settings = settings
        self.reader = SlotReader(knowledge.vocabulary)
        self.lexicon = knowledge.lexicon
        self.wording = Wording(knowledge.lexicon)
        self.facts = knowledge.facts
        self._phrasing_fact: list[int] = []
        self._forms: list[str] = []
        self.fact_slots: list[Slots] = []
        self.known_values: dict[str, set[str]] = {}
        self._fact_phrasings: list[list[int]] = []
        self._postings: dict[str, list[int]] = {}
        postings = self._postings
        derived = _Derivations(self.wording, self.reader, knowledge, cache)
        known_forms: list[str] = []  # every text of the base, normalized once: typo mending's words
        pairs: set[str] = set()
        english: set[str] = set()
        for i, fact in enumerate(self.facts):
            d = derived.of(fact)
            known_forms += d.norms
            pairs.update(d.pairs)
            english.update(d.english)
            self._fact_phrasings.append(list(range(len(self._forms), len(self._forms) + len(d.forms))))
            self._forms += d.forms
            self._phrasing_fact += [i] * len(d.forms)
            slots = {kind: set(values) for kind, values in d.slots.items()}
            for kind, values in fact.slots.items():
                slots.setdefault(kind, set()).update(values)
            if fact.source.caption:  # a photo's fact is that photo's: 第3张图片 is not 第1张
                slots.setdefault("photo", set()).add(str(fact.source.caption))
            doc = knowledge.documents.get(fact.source.doc)
            for kind, values in (doc.slots if doc else {}).items():
                slots.setdefault(kind, set(values))
            for kind, values in slots.items():
                self.known_values.setdefault(kind, set()).update(values)
            self.fact_slots.append({k: frozenset(v) for k, v in slots.items()})
            # How much of a question's informative wording a fact's phrasings explain, with rare
            # words (董事长, 面积) weighing more than common ones (项目, 多少): catches rewordings
            # that character ratios miss.
            for term in d.terms:
                found = postings.get(term)
                if found is None:
                    postings[term] = [i]
                else:
                    found.append(i)
        self._posting_sets: dict[str, frozenset[int]] = {}
        self._index = {f.id: i for i, f in enumerate(self.facts)}
        self._all_phrasings = list(range(len(self._forms)))
        self._choices = _Choices(self._forms)
        n = len(self.facts)
        self._idf = {term: math.log((n + 1) / (len(fs) + 1)) + 1 for term, fs in self._postings.items()}
        self._idf_unseen = math.log(n + 1) + 1
        # Words the fact base and its articles know, to mend typos (thrid → third, 向目 → 项目)
        # before slots are read: a misspelt quarter must not fall back to "any quarter".
        words = [a for kind in knowledge.vocabulary.values() for aliases in kind.values() for a in aliases]
        names = [normalize(w) for w in (*words, *knowledge.lexicon.words, *knowledge.lexicon.attributes)]
        names += knowledge.lexicon.reserved  # as written: 上伴年 is mended to 上半年, then read as 1、2季度
        english.update(w for t in names for w in _LATIN_WORD.findall(t))
        articles = [p for doc in knowledge.documents.values() for p in doc.paragraphs]
        self.mender = Mender(known_forms + names, articles, english, pairs | pairs_of(names))
        self._series_forms = [(sid, self.wording.form(self.reader.canonical(normalize(q))))
                              for sid, spec in knowledge.series.items() for qs in spec.questions.values() for q in qs]
        self.calculator = Calculator(knowledge, self.reader,
                                     {f.id: slots for f, slots in zip(self.facts, self.fact_slots, strict=True)})
        self._smalltalk = {self.wording.form(normalize(p.replace("_", " "))): kind
                           for kind, phrases in knowledge.lexicon.smalltalk.items() for p in phrases}
        derived.keep()
        self._explanations: dict[int, Explanation] = {}  # built when a question names an attribute

    def _explaining_texts(self, fact: Fact) -> list[str]:
        """Everything a fact says: phrasings, answers, quote, topic, series, its slots' names."""
        texts = [q for qs in fact.questions.values() for q in qs] + list(fact.answer.values()) + [fact.source.quote]
        texts += list(self.knowledge.topics.get(fact.topic, {}).values())
        if fact.series:
            spec = self.knowledge.series.get(fact.series.id)
            texts += list(fact.series.label.values()) + (list(spec.name.values()) if spec else [])
        for kind, values in fact.slots.items():
            for v in values:
                texts += self.knowledge.vocabulary.get(kind, {}).get(v, (v,))
        return texts

    def _posting_set(self, term: str) -> frozenset[int]:
        found = self._posting_sets.get(term)
        if found is None:
            found = self._posting_sets[term] = frozenset(self._postings[term])
        return found

    def _fact_scores(self, form: str) -> dict[int, float]:
        """Per fact: the better of its best phrasing's fuzzy score and its weighted term coverage.

        Coverage comes from an inverted index; fuzzy scores only for the facts that share most
        words with the question (all of them on a small base), in rapidfuzz's C scorers."""
        q_terms = terms(form)
        total = sum(self._idf.get(t, self._idf_unseen) for t in q_terms)
        shared: dict[int, float] = {}
        wide = 2 * self.settings.fuzzy_candidates
        for t in sorted((t for t in q_terms if t in self._idf), key=lambda t: len(self._postings[t])):
            weight, postings = self._idf[t], self._postings[t]
            if len(shared) >= wide and len(postings) > wide:
                # a common word (多少, project) on a large base: only add it to facts already found
                # by rarer words, instead of touching most of the base
                members = self._posting_set(t)
                for i in shared:
                    if i in members:
                        shared[i] += weight
            else:
                for i in postings:
                    shared[i] = shared.get(i, 0.0) + weight
        if len(self.facts) <= self.settings.fuzzy_candidates:
            idx, choices = self._all_phrasings, self._choices
        else:
            top = heapq.nlargest(self.settings.fuzzy_candidates, shared, key=shared.__getitem__)
            idx = [p for i in top for p in self._fact_phrasings[i]]
            choices = _Choices([self._forms[p] for p in idx])
        best: dict[int, float] = {}
        for p, score in choices.scores(form):
            f = self._phrasing_fact[idx[p]]
            if score > best.get(f, -1):
                best[f] = score
        if total and self.settings.coverage_weight:
            for i, weight in shared.items():
                cov = 100 * self.settings.coverage_weight * weight / total
                if cov > best.get(i, -1):
                    best[i] = cov
        return best

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

    def match(self, question: str) -> Match:
        """understand → retrieve → decide; each step is small enough to test on its own."""
        q = self.understand(question)
        if isinstance(q, Match):
            return q
        return self.decide(q, self.retrieve(q))

    def understand(self, question: str) -> Question | Match:
        """Normalize, mend typos, read slots, wording and content words; messages that are not
        questions (empty, too long, noise, small talk) end here."""
        s = self.settings
        text = question if isinstance(question, str) else str(question)
        if not text.strip():
            return Match("empty", text)
        if len(text) > s.max_question_chars:
            return Match("too_long", text[: s.max_question_chars], lang=language(text[:200]))
        norm = self.wording.synonyms(self.mender.mend(normalize(text)))
        lang = language(text)  # not of `norm`: normalizing writes Q3 as 3季度
        form = self.wording.form(self.reader.canonical(norm))
        if not _HAS_WORD.search(norm):
            return Match("noise", text, norm, lang)
        if form in self._smalltalk or (not form and norm):
            return Match("smalltalk", text, norm, lang, smalltalk=self._smalltalk.get(form, "help"))
        slots = self.reader.read(norm)
        unknown = tuple(sorted((kind, v) for kind, values in slots.items() for v in values
                               if v not in self.known_values.get(kind, set())))
        return Question(text, norm, lang, form, slots, unknown, self.lexicon.operation(norm),
                        self.lexicon.intents(norm))

    def retrieve(self, q: Question) -> list[tuple[int, float]]:
        """Facts ranked by how close their phrasings are to the question (fuzzy or word coverage)."""
        return heapq.nlargest(self.settings.fuzzy_candidates, self._fact_scores(q.form).items(), key=lambda kv: kv[1])

    def decide(self, q: Question, ranked: list[tuple[int, float]]) -> Match:
        """Answer, compute, or decline with the cause: an unknown slot value, figures no article
        gives, an attribute the fact does not explain, a near miss, or nothing close."""
        s = self.settings
        declined = {"score": ranked[0][1] if ranked else 0.0, "suggestions": self._suggest(ranked, q.lang),
                    "best_fact": self._best_id(ranked), "slots": q.slots}
        if q.unknown:
            return Match("out_of_scope", q.text, q.norm, q.lang, unknown=q.unknown, **declined)
        if q.op != "change" and self.lexicon.asks_unanswerable(q.norm):
            return Match("declined", q.text, q.norm, q.lang, cause="growth", **declined)
        if q.op:
            computed = self._compute(q, ranked)
            if computed:
                return computed
        browse = self._browse(q, ranked)
        if browse:
            return Match("browse", q.text, q.norm, q.lang, score=declined["score"], slots=q.slots,
                         suggestions=tuple(self.facts[i].questions[q.lang][0] for i in browse), missing=(q.form,))
        candidates = self._candidates(q, ranked, s.threshold)
        if not candidates or candidates[0][1] < s.threshold:
            top = candidates[0][1] if candidates else (ranked[0][1] if ranked else 0.0)
            floor = s.threshold - s.near_margin
            near = [(i, sc) for i, sc in self._candidates(q, ranked, floor) if sc >= floor]
            if not self._spelled_out(q, near):
                if near:
                    declined["suggestions"] = tuple(self.facts[i].questions[q.lang][0] for i, _ in near[: s.suggestions])
                missing = self._unexplained(q, [i for i, _ in near[:1]]) if near else ()
                cause = "unexplained" if missing else "near" if near else ""  # 创始人: say what is missing
                return Match("declined", q.text, q.norm, q.lang, **{**declined, "score": max(0.0, top)},
                             cause=cause, missing=missing)
            candidates = near[:1]
        best_i, best = candidates[0]
        series = self.facts[best_i].series
        chosen = [i for i, sc in candidates
                  if sc >= best - s.tie_margin
                  or (series and self.facts[i].series and self.facts[i].series.id == series.id
                      and sc >= max(s.threshold, best - s.series_margin))]
        chosen = self._by_figure(q, chosen)
        facts = tuple(self.facts[i] for i in chosen[: s.max_facts])
        missing = self._unexplained(q, [self._index[f.id] for f in facts])
        if missing:
            return Match("declined", q.text, q.norm, q.lang, facts, round(min(100.0, best), 1), best_fact=facts[0].id,
                         suggestions=tuple(f.questions[q.lang][0] for f in facts[: s.suggestions]), slots=q.slots,
                         cause="unexplained", missing=missing)
        return Match("fact", q.text, q.norm, q.lang, facts, round(min(100.0, best), 1), best_fact=facts[0].id,
                     slots=q.slots)

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
        comp = self.calculator.compute(q.norm, q.op, singles,
                                       series_scores, s.threshold - s.near_margin, s.compute_margin)
        if comp and comp.refusal:
            return Match("declined", q.text, q.norm, q.lang, comp.members, suggestions=self._suggest(ranked, q.lang),
                         best_fact=self._best_id(ranked), slots=q.slots, computation=comp)
        if comp:
            scores = dict(ranked)
            top = max(scores.get(self._index[f.id], 0.0) for f in comp.members)
            return Match("computed", q.text, q.norm, q.lang, comp.members, round(max(top, s.threshold), 1),
                         best_fact=comp.members[0].id, slots=q.slots, computation=comp)
        return None

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
            if q.wanted and asks not in q.wanted and not (asks == "date" and "date" in q.slots
                                                          and q.wanted <= _WHAT_HAPPENED):
                score -= s.intent_penalty
            # a figure of one named thing (天下秀's 60亿元) does not answer a question for a figure
            # that names no such thing (9月29号签了多少钱的项目)
            if (q.wanted & _QUANTITIES and not any(k in q.slots for k in _NAME_KINDS)
                    and any(k in f_slots for k in _ENTITY_KINDS)):
                score -= s.entity_penalty
            found.append((i, score, sum(1 for kind in q.slots if f_slots.get(kind))))
        if not found:
            return []
        most = max(a for _, _, a in found)
        return sorted(((i, sc - s.slot_penalty * (most - a)) for i, sc, a in found), key=lambda c: -c[1])

    def _by_figure(self, q: Question, chosen: list[int]) -> list[int]:
        """Among tied facts, those holding a figure the question states (投资30亿元的是哪个项目):
        the others answer another question."""
        stated = set(_STATED.findall(q.norm))
        holding = [i for i in chosen if any(stated & _figure_forms(f.text) for f in self.facts[i].figures)]
        return holding if stated and holding else chosen

    def _browse(self, q: Question, ranked: list[tuple[int, float]]) -> list[int]:
        """A single word ("投资", "investment", "source") is not a question to answer with one
        arbitrary fact: the facts that say it, best first. A name (天下秀) is a slot: its facts."""
        one_word = (len(q.form) <= 3 or (len(q.form) == 4 and q.form in zipf())) if _CJK_CHAR.search(q.form) \
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
        if not near or (len(near) > 1 and near[1][1] > near[0][1] - s.tie_margin):
            return False
        fact = self.facts[near[0][0]]
        if q.wanted and fact.asks not in q.wanted:  # it was penalised for answering another question
            return False
        return self._explanation(near[0][0]).coverage(q.form) >= s.spelled_out

    def _unexplained(self, q: Question, chosen: list[int]) -> tuple[str, ...]:
        """The attributes the question asks about (创始人, 股价, founder: from the lexicon) that none
        of the chosen facts accounts for."""
        return tuple(a for a in self.lexicon.attributes_in(q.norm)
                     if not any(self._explanation(i).explains(a) for i in chosen))

    def _explanation(self, i: int) -> Explanation:
        found = self._explanations.get(i)
        if found is None:
            found = self._explanations[i] = Explanation(self._explaining_texts(self.facts[i]))
        return found

    def _best_id(self, ranked: list[tuple[int, float]]) -> str | None:
        return self.facts[ranked[0][0]].id if ranked else None

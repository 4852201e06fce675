"""Measure answer quality on an evaluation set, beside a naive FAQ bot in the same run, and
report it: right answers, right declines, wrong figures (judged by bot/judge.py), per language,
tag and topic, with latency.
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from rapidfuzz import fuzz, process

from bot.answer import Answer, Line
from bot.config import Config, EvalSettings
from bot.judge import DEFAULT_SET, Case, Outcome, figure_texts, judge, load_cases, with_homophones
from bot.model import Fact, Knowledge, figure_in


@dataclass
class Tally:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(1 for o in self.outcomes if o.verdict == verdict)

    @property
    def answerable(self) -> int:
        return sum(1 for o in self.outcomes if o.case.answerable)

    @property
    def unanswerable(self) -> int:
        return len(self.outcomes) - self.answerable

    @property
    def answered_rate(self) -> float:
        return self.count("right") / self.answerable if self.answerable else 1.0

    @property
    def declined_rate(self) -> float:
        return self.count("declined_ok") / self.unanswerable if self.unanswerable else 1.0

    @property
    def wrong_figures(self) -> int:
        return self.count("wrong_figure")


# --------------------------------------------------------------------------------------------
# The evaluation run behind `python -m bot eval`: the bot and a naive baseline, side by side.


_CJK = re.compile("[\u3400-\u9fff]")


def language(text: str) -> str:
    """The question's language as any bot can tell it: Chinese characters or not (bot.normalize's
    rule, written again so that the naive baseline's cold start does not pay for OpenCC)."""
    return "zh" if _CJK.search(text) or not re.search("[A-Za-z]", text) else "en"


class Baseline:
    """What a typical FAQ bot does: lowercase the question, take rapidfuzz's best phrasing
    (WRatio) above a fixed cutoff, and answer with that fact's answer text and figures."""

    def __init__(self, knowledge: Knowledge, cutoff: float) -> None:
        self.cutoff = cutoff
        self.facts: list[Fact] = []
        self.choices: list[str] = []
        for fact in knowledge.facts:
            for questions in fact.questions.values():
                for q in questions:
                    self.facts.append(fact)
                    self.choices.append(q.lower())

    def ask(self, question: str) -> Answer:
        lang = language(question)
        hit = process.extractOne(question.lower(), self.choices, scorer=fuzz.WRatio, score_cutoff=self.cutoff)
        if hit is None:
            return Answer("declined", lang, ((("", ""),),))
        fact = self.facts[hit[2]]
        lines: list[Line] = []
        if fact.figures:
            lines.append(((" / ".join(fig.text for fig in fact.figures), ""),))
        lines.append(((fact.answer[lang], ""),))
        return Answer("fact", lang, tuple(lines), fact_ids=(fact.id,), score=float(hit[1]), best_fact=fact.id)


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0-100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Group:
    """One row of the per-tag / per-topic table."""

    n: int
    ok: int  # right answers + right declines
    wrong: int  # answers carrying a wrong figure

    @property
    def ok_rate(self) -> float:
        return self.ok / self.n if self.n else 1.0


def _group(outcomes: Iterable[Outcome]) -> Group:
    items = list(outcomes)
    return Group(len(items), sum(o.verdict in ("right", "declined_ok") for o in items),
                 sum(o.verdict == "wrong_figure" for o in items))


@dataclass
class Run:
    """One contestant's outcomes on the set, in the set's order, with seconds per question."""

    name: str
    tally: Tally
    seconds: list[float]

    def latency_ms(self, p: float) -> float:
        return percentile(self.seconds, p) * 1000

    def summary(self) -> dict[str, object]:
        t = self.tally
        return {
            "right": t.count("right"), "answerable": t.answerable, "answered_rate": round(t.answered_rate, 4),
            "declined_ok": t.count("declined_ok"), "unanswerable": t.unanswerable,
            "declined_rate": round(t.declined_rate, 4), "wrong_figures": t.wrong_figures,
            "missed": t.count("missed"), "answered_unanswerable": t.count("answered_unanswerable"),
            "errors": t.count("error"),
            "latency_ms": {f"p{p}": round(self.latency_ms(p), 3) for p in (50, 95, 99)},
        }


LANG_TAGS = ("zh", "en")


@dataclass
class Report:
    path: str
    settings: EvalSettings | None  # None: config.yaml gates no such set
    bot: Run
    baseline: Run
    topics: list[str]  # per case, in the set's order: topic of the fact(s) owning the expected figures
    sealed: bool = False  # a held-out set: its totals and tables are shown, never its questions

    def below_thresholds(self) -> list[str]:
        """Why the bot fails the set's thresholds; empty when it passes or the set has none."""
        s, t = self.settings, self.bot.tally
        out: list[str] = []
        if s is None:
            return out
        if t.answered_rate < s.min_answered:
            out.append(f"answered {t.answered_rate:.1%} < min_answered {s.min_answered:.0%}")
        if t.declined_rate < s.min_declined:
            out.append(f"declined {t.declined_rate:.1%} < min_declined {s.min_declined:.0%}")
        if t.wrong_figures > s.max_wrong_figures:
            out.append(f"wrong figures {t.wrong_figures} > max_wrong_figures {s.max_wrong_figures}")
        return out

    def groups(self, run: Run) -> dict[str, dict[str, Group]]:
        """{'language': {...}, 'tag': {...}, 'topic': {...}} → Group, for one run."""
        by: dict[str, dict[str, list[Outcome]]] = {"language": {}, "tag": {}, "topic": {}}
        for outcome, topic in zip(run.tally.outcomes, self.topics, strict=True):
            for tag in outcome.case.tags:
                by["language" if tag in LANG_TAGS else "tag"].setdefault(tag, []).append(outcome)
            by["topic"].setdefault(topic, []).append(outcome)
        return {kind: {k: _group(v) for k, v in sorted(rows.items(), key=lambda kv: (-len(kv[1]), kv[0]))}
                for kind, rows in by.items()}

    def failures(self) -> list[Outcome]:
        return [o for o in self.bot.tally.outcomes if o.verdict not in ("right", "declined_ok")]

    def to_json(self) -> dict[str, object]:
        s = self.settings
        return {
            "set": self.path,
            "questions": len(self.bot.tally.outcomes),
            "thresholds": {"min_answered": s.min_answered, "min_declined": s.min_declined,
                           "max_wrong_figures": s.max_wrong_figures} if s else None,
            "passed": not self.below_thresholds(),
            "below_thresholds": self.below_thresholds(),
            **{run.name: {**run.summary(),
                          "groups": {kind: {k: {"n": g.n, "ok": g.ok, "wrong": g.wrong} for k, g in rows.items()}
                                     for kind, rows in self.groups(run).items()}}
               for run in (self.bot, self.baseline)},
            "sealed": self.sealed,
            "failures": [] if self.sealed else [
                {"question": o.case.question, "verdict": o.verdict, "expect": list(o.case.expect),
                 "tags": list(o.case.tags), "said": _first_line(o.answer), "fact_ids": list(o.answer.fact_ids),
                 "wrong": list(o.wrong)} for o in self.failures()],
        }


def _first_line(answer: Answer) -> str:
    return next((line for line in answer.text.split("\n") if line.strip()), "")


def case_topic(case: Case, knowledge: Knowledge) -> str:
    """The topic of the facts whose figures or answers hold the case's expected strings (all of
    them if some fact has all, else any); `decline`, or `computed/other` when no fact has one."""
    if not case.answerable:
        return "decline"

    def has(fact: Fact, expected: str) -> bool:
        return (any(figure_in(fig.text, expected) or figure_in(expected, fig.text) for fig in fact.figures)
                or any(figure_in(expected, text) for text in fact.answer.values()))

    found = [f for f in knowledge.facts if all(has(f, e) for e in case.expect)]
    found = found or [f for f in knowledge.facts if any(has(f, e) for e in case.expect)]
    topics = Counter(f.topic for f in found)
    return topics.most_common(1)[0][0] if topics else "computed/other"


def _timed(name: str, ask: Callable[[str], Answer], cases: list[Case], figures: list[str]) -> Run:
    """Ask every case; a question that raises is an `error`, a failure whether it was answerable or not."""
    tally, seconds = Tally(), []
    for case in cases:
        t0 = time.perf_counter()
        try:
            answer = ask(case.question)
        except Exception as e:
            seconds.append(time.perf_counter() - t0)
            crash = Answer("error", language(case.question), (((f"{type(e).__name__}: {e}", ""),),))
            tally.outcomes.append(Outcome(case, crash, "error"))
            continue
        seconds.append(time.perf_counter() - t0)
        tally.outcomes.append(judge(case, answer, figures))
    return Run(name, tally, seconds)


def evaluate(config: Config, path: Path | str = DEFAULT_SET, homophones: int = 0, seed: int = 20200929) -> Report:
    """Run the set through the bot (misses logging off, no hot reload) and through the baseline;
    with `homophones`, that many one-character typos of each Chinese question instead."""
    from bot.engine import Engine  # imported here: the baseline alone (benchmarks) stays light

    cases = load_cases(path)
    if homophones:
        cases = with_homophones(cases, homophones, seed)
    quiet = replace(config, misses=replace(config.misses, enabled=False))
    engine = Engine(quiet, reload_interval=math.inf)
    knowledge = engine.knowledge
    figures = figure_texts(knowledge)
    baseline = Baseline(knowledge, config.eval.baseline_cutoff)
    bot_run = _timed("bot", lambda q: engine.ask(q, "eval"), cases, figures)
    base_run = _timed("baseline", baseline.ask, cases, figures)
    gate = None if homophones else thresholds_for(config, path)  # typo variants are measured, not gated
    return Report(str(path), gate, bot_run, base_run, [case_topic(c, knowledge) for c in cases], sealed(path))


def sealed(path: Path | str) -> bool:
    """A held-out set says so in its first lines (`# sealed`): nobody tuning the bot reads its
    questions, so the report shows its totals and per-tag tables only."""
    with open(path, encoding="utf-8") as f:
        return any(line.startswith("# sealed") for line, _ in zip(f, range(5), strict=False))


def thresholds_for(config: Config, path: Path | str) -> EvalSettings | None:
    """The thresholds config.yaml sets for this evaluation set (eval: the first set, blind_eval:
    the held-out part of the blind one), or None: tuning parts are measured, not gated."""
    target = Path(path).resolve()
    return next((s for s in (config.eval, config.blind_eval) if s.set and config.path(s.set) == target), None)


def format_report(report: Report, max_failures: int = 40) -> str:
    """The table a curator reads, then the failing questions (at most `max_failures` lines)."""
    b, n = report.bot, report.baseline
    tb, tn = b.tally, n.tally
    out = [f"Evaluation set {report.path}: {len(tb.outcomes)} questions "
           f"({tb.answerable} answerable, {tb.unanswerable} to decline)", ""]
    out.append(f"{'':30}{'bot':>16}{'baseline':>16}{'diff':>9}")

    def rate_row(label: str, verdict: str, total: int, rate_b: float, rate_n: float) -> str:
        cb, cn = f"{tb.count(verdict)}/{total}", f"{tn.count(verdict)}/{total}"
        return (f"{label:30}{f'{rate_b:6.1%} {cb:>8}':>16}{f'{rate_n:6.1%} {cn:>8}':>16}"
                f"{(rate_b - rate_n) * 100:+8.1f}p")

    out.append(rate_row("answered right", "right", tb.answerable, tb.answered_rate, tn.answered_rate))
    out.append(rate_row("declined right", "declined_ok", tb.unanswerable, tb.declined_rate, tn.declined_rate))
    for label, verdict in (("answers with a wrong figure", "wrong_figure"), ("answerable, not answered", "missed"),
                           ("unanswerable, answered", "answered_unanswerable"), ("errors (the bot raised)", "error")):
        out.append(f"{label:30}{tb.count(verdict):>16}{tn.count(verdict):>16}{tb.count(verdict) - tn.count(verdict):+9d}")
    for p in (50, 95, 99):
        lb, ln = b.latency_ms(p), n.latency_ms(p)
        out.append(f"{f'latency p{p} (ms)':30}{lb:>16.3f}{ln:>16.3f}{lb - ln:+9.3f}")
    gb, gn = report.groups(b), report.groups(n)
    for kind, title in (("language", "per language"), ("tag", "per tag"), ("topic", "per topic")):
        out += ["", f"{title:30}{'n':>5}{'bot ok':>9}{'base ok':>9}{'diff':>9}{'bot wrong':>11}{'base wrong':>11}"]
        for key, g in gb[kind].items():
            h = gn[kind][key]
            out.append(f"{key[:30]:30}{g.n:>5}{g.ok_rate:>9.1%}{h.ok_rate:>9.1%}{(g.ok_rate - h.ok_rate) * 100:+8.1f}p"
                       f"{g.wrong:>11}{h.wrong:>11}")
    s = report.settings
    below = report.below_thresholds()
    if s is None:
        out += ["", "thresholds: none for this set (config.yaml gates the sets named in eval: and blind_eval:)"]
    else:
        out += ["", f"thresholds: answered ≥ {s.min_answered:.0%}, declined ≥ {s.min_declined:.0%}, "
                    f"wrong figures ≤ {s.max_wrong_figures}: " + ("PASS" if not below else "FAIL (" + "; ".join(below) + ")")]
    failures = report.failures()
    if failures and report.sealed:
        out += ["", f"failing questions: {len(failures)}, not shown: this set is sealed (held out; "
                    "tests/eval/blind/README.md says how a set is unsealed)"]
    elif failures:
        out += ["", f"failing questions ({len(failures)}):"]
        order = {"error": 0, "wrong_figure": 1, "answered_unanswerable": 2, "missed": 3}
        for o in sorted(failures, key=lambda o: order.get(o.verdict, 3))[:max_failures]:
            expect = ", ".join(o.case.expect) or "decline"
            said = _first_line(o.answer)
            ids = f" [{', '.join(o.answer.fact_ids)}]" if o.answer.fact_ids else f" [{o.answer.kind}]"
            wrong = f" wrong: {', '.join(o.wrong)}" if o.wrong else ""
            out.append(f"  {o.verdict:21} {o.case.question} | expect {expect} | said{ids} {said[:60]}{wrong}")
        if len(failures) > max_failures:
            out.append(f"  … and {len(failures) - max_failures} more (--json lists them all)")
    return "\n".join(out)


def run(config: Config, path: Path | str = DEFAULT_SET, as_json: bool = False, stdout: TextIO | None = None,
        homophones: int = 0, seed: int = 20200929) -> int:
    """`python -m bot eval`: print the report; 1 when the bot is below the set's thresholds."""
    stdout = stdout or sys.stdout
    report = evaluate(config, path, homophones, seed)
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2), file=stdout)
    else:
        print(format_report(report), file=stdout)
    return 1 if report.below_thresholds() else 0

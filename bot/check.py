"""`python -m bot check`: everything a curator must fix before the fact base ships.

Beyond schema and quotes, it asks the matcher itself: every phrasing of a fact must be answered
by that fact, and no answer may carry another fact's figure.
"""

from __future__ import annotations

from bot.config import Config
from bot.knowledge import Knowledge, Problem, figure_in, load
from bot.match import Matcher


def _matcher_problems(knowledge: Knowledge, matcher: Matcher) -> list[Problem]:
    problems = []
    for fact in knowledge.facts:
        for lang, questions in fact.questions.items():
            for q in questions:
                m = matcher.match(q)
                ids = [f.id for f in m.facts]
                if fact.id not in ids:
                    got = ", ".join(ids) or m.kind
                    problems.append(Problem(fact.path, fact.line,
                                            f"{fact.id}: its {lang} phrasing {q!r} is answered by {got}"))
                elif len(ids) > 1 and not all(
                    f.series and fact.series and f.series.id == fact.series.id for f in m.facts
                ):
                    problems.append(Problem(fact.path, fact.line,
                                            f"{fact.id}: phrasing {q!r} cannot be told apart from {', '.join(ids)}"))
    return problems


def _figure_problems(knowledge: Knowledge) -> list[Problem]:
    """An answer and its quote must name only the fact's own figures, or a reader takes a
    neighbour's figure for this one: quote the clause, not the whole sentence, where they differ."""
    problems = []
    owners: dict[str, set[str]] = {}
    for fact in knowledge.facts:
        for fig in fact.figures:
            owners.setdefault(fig.text, set()).add(fact.id)
    for fact in knowledge.facts:
        own = {fig.text for fig in fact.figures}
        for text, ids in owners.items():
            if text in own or fact.id in ids:
                continue
            said_in = [*((f"{lang} answer", a) for lang, a in fact.answer.items()), ("quote", fact.source.quote)]
            for where, said in said_in:
                if figure_in(text, said):
                    problems.append(Problem(fact.path, fact.line,
                                            f"{fact.id}: its {where} names {text}, a figure of {', '.join(sorted(ids))}"))
    for spec in knowledge.series.values():
        for lang, note in spec.note.items():
            for text, ids in owners.items():
                if figure_in(text, note):
                    problems.append(Problem(str(knowledge.facts[0].path if knowledge.facts else ""), 0,
                                            f"series {spec.id}: its {lang} note names {text}, a figure of "
                                            f"{', '.join(sorted(ids))}: name the other total in words"))
    return problems


def run_check(config: Config) -> list[Problem]:
    """All problems of the fact base; empty when it is clean. Raises KnowledgeError when it cannot
    be loaded at all (YAML syntax, a duplicate key, an unreadable file, no usable facts)."""
    knowledge = load(config.knowledge)
    problems = list(knowledge.problems)
    problems += _figure_problems(knowledge)
    problems += _matcher_problems(knowledge, Matcher(knowledge, config.match))
    return problems

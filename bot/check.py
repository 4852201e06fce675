"""`python -m bot check`: everything a curator must fix before the fact base ships.

Beyond schema and quotes, it asks the matcher itself: every phrasing of a fact must be answered
by that fact, and no answer may carry another fact's figure.

Unfinished stubs (`python -m bot draft`) are listed as a notice, not a failure: the loader keeps
them out of what the bot serves, so a base with stubs is as safe to serve as one without, and a
half-curated article can be committed while its finished facts ship. `--coverage` is where stubs
count: their figures are not answered yet, so they are listed as uncovered and it exits 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import figures
from bot.config import Config
from bot.knowledge import load
from bot.match import Matcher
from bot.model import Knowledge, Problem, figure_in


def _matcher_problems(knowledge: Knowledge, matcher: Matcher) -> tuple[list[Problem], list[Problem]]:
    """(problems, clashes): a phrasing its fact does not answer, or that its article cannot tell
    from another fact, is a problem; one that other articles answer too is a clash, answered with
    each article labelled, which a curator may want to pin (a year, a place in the phrasing)."""
    problems, clashes = [], []
    for fact in knowledge.facts:
        for lang, questions in fact.questions.items():
            for q in questions:
                m = matcher.match(q, as_of=fact.source.doc)
                ids = [f.id for f in m.facts]
                own = [f for f in m.facts if f.source.doc == fact.source.doc]
                others = [f for f in m.facts if f.source.doc != fact.source.doc]
                if fact.id not in ids:
                    got = ", ".join(ids) or m.kind
                    problems.append(Problem(fact.path, fact.line,
                                            f"{fact.id}: its {lang} phrasing {q!r} is answered by {got}"))
                    continue
                if len(own) > 1 and not all(f.series and fact.series and f.series.id == fact.series.id for f in own):
                    problems.append(Problem(fact.path, fact.line, f"{fact.id}: phrasing {q!r} cannot be told "
                                                                  f"apart from {', '.join(f.id for f in own)}"))
                if others:
                    clashes.append(Problem(fact.path, fact.line, f"{fact.id}: phrasing {q!r} is answered by other "
                                                                 f"articles too: {', '.join(f'{f.id} ({f.source.doc})' for f in others)}"))
    return problems, clashes


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


def run_check(config: Config, knowledge: Knowledge | None = None) -> list[Problem]:
    """All problems of the fact base; empty when it is clean. Raises KnowledgeError when it cannot
    be loaded at all (YAML syntax, a duplicate key, an unreadable file, no usable facts)."""
    return check_all(config, knowledge)[0]


def check_all(config: Config, knowledge: Knowledge | None = None) -> tuple[list[Problem], list[Problem]]:
    """(problems, cross-article clashes), as `check` prints them."""
    if knowledge is None:
        knowledge = load(*config.roots)
    problems = list(knowledge.problems)
    problems += _figure_problems(knowledge)
    matched, clashes = _matcher_problems(knowledge, Matcher(knowledge, config.match))
    return problems + matched, clashes


@dataclass(frozen=True)
class Uncovered:
    """A figure of an article that no finished fact quotes, so no question can get it."""

    doc: str
    paragraph: int
    figure: str
    context: str

    def __str__(self) -> str:
        return f"{self.doc} paragraph {self.paragraph}: {self.figure} is in no fact's quote: …{self.context}…"


def uncovered(knowledge: Knowledge) -> list[Uncovered]:
    """Every figure (as `draft` finds them) of every document that no finished fact of that
    document has in its quote. A figure the article restates (556亿元 in paragraphs 2 and 23)
    is covered once one fact quotes it: it is one figure with one answer, not two."""
    quotes: dict[str, list[str]] = {}
    for fact in knowledge.facts:
        quotes.setdefault(fact.source.doc, []).append(fact.source.quote)
    out = []
    for doc in knowledge.documents.values():
        year = figures.article_year(doc.paragraphs) or 0
        for n, text in enumerate(doc.paragraphs, 1):
            for fig in figures.find(text, year):
                if not any(figure_in(fig.text, quote) for quote in quotes.get(doc.id, ())):
                    out.append(Uncovered(doc.id, n, fig.text, text[max(0, fig.start - 12):fig.end + 12]))
    return out


def run(config: Config, coverage: bool = False) -> int:
    """The `check` command: problems (exit 1), unfinished stubs (a notice), with `coverage` the
    figures no fact quotes (exit 1)."""
    knowledge = load(*config.roots)
    problems, clashes = check_all(config, knowledge)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else "fact base is clean")
    for clash in clashes:
        print(clash)
    if clashes:  # answered with each article labelled: a notice, not a failure
        print(f"{len(clashes)} phrasing(s) answered by several articles, each answer labelled "
              "(name a year or place in a phrasing to pin it to one)")
    if knowledge.drafts:
        print(f"{len(knowledge.drafts)} unfinished stub(s) (not served): {', '.join(f.id for f in knowledge.drafts)}")
    missing = uncovered(knowledge) if coverage else []
    for item in missing:
        print(item)
    if coverage:
        print(f"{len(missing)} figure(s) in no fact's quote" if missing else "every figure is in a fact's quote")
    return 1 if problems or missing else 0

"""The matcher's steps on the small test base (conftest's MINI_FACTS, with the project's lexicon):
understand reads the question, retrieve ranks facts, decide answers, computes or declines with
the cause. The small base keeps each expectation about one rule, not about curated phrasings."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from bot.config import Config
from bot.explain import Explanation, said_by
from bot.judge import load_cases
from bot.knowledge import load
from bot.match import _MIN_FUZZY, Match, Matcher, Question, _Choices, _Overlap, _recoding
from bot.normalize import normalize
from tests.conftest import KNOWLEDGE, ROOT

EVAL = ROOT / "tests" / "eval"


@pytest.fixture
def matcher(mini_knowledge: Path, base_config: Config) -> Matcher:
    return Matcher(load(mini_knowledge), base_config.match)


def understood(matcher: Matcher, text: str) -> Question:
    q = matcher.understand(text)
    assert isinstance(q, Question), q
    return q


# --- understand ----------------------------------------------------------------------------------


def test_understand_mends_a_same_sound_typo_before_reading_the_quarter(matcher: Matcher) -> None:
    q = understood(matcher, "余杭二鸡度双集中总头资多少")
    assert q.slots["quarter"] == frozenset({"2"})
    assert "投资" in q.norm and q.wanted == frozenset({"amount"})


def test_understand_reads_the_operation_and_unknown_values(matcher: Matcher) -> None:
    assert understood(matcher, "一季度和二季度双集中分别多少").op == "each"
    assert understood(matcher, "上半年双集中加起来多少").slots["quarter"] == frozenset({"1", "2"})
    assert understood(matcher, "四季度双集中总投资多少").unknown == (("quarter", "4"),)


@pytest.mark.parametrize(("text", "kind"), [("", "empty"), ("🙂🙂", "noise"), ("你好", "smalltalk"), ("谢谢", "smalltalk")])
def test_understand_ends_on_messages_that_are_not_questions(matcher: Matcher, text: str, kind: str) -> None:
    m = matcher.understand(text)
    assert isinstance(m, Match) and m.kind == kind


# --- retrieve ------------------------------------------------------------------------------------


def test_retrieve_ranks_the_fact_whose_phrasings_are_closest_first(matcher: Matcher) -> None:
    ranked = matcher.retrieve(understood(matcher, "天下秀项目投资多少"))
    assert matcher.facts[ranked[0][0]].id == "tianxiaxiu-investment"


# --- decide --------------------------------------------------------------------------------------


def decide(matcher: Matcher, text: str) -> Match:
    q = understood(matcher, text)
    return matcher.decide(q, matcher.retrieve(q))


def test_the_quarter_named_decides_between_neighbours(matcher: Matcher) -> None:
    m = decide(matcher, "二季度双集中总投资多少")
    assert m.kind == "fact" and [f.id for f in m.facts] == ["q2-total"]


def test_an_unknown_value_is_out_of_scope(matcher: Matcher) -> None:
    m = decide(matcher, "四季度双集中总投资多少")
    assert m.kind == "out_of_scope" and m.unknown == (("quarter", "4"),)


def test_a_place_nothing_knows_is_out_of_scope(matcher: Matcher) -> None:
    """鄞州区 is in no vocabulary: still a place, and not the article's."""
    m = decide(matcher, "鄞州区二季度双集中总投资多少")
    assert m.kind == "out_of_scope" and m.unknown == (("place", "鄞州区"),)
    assert understood(matcher, "示范区二季度双集中总投资多少").unknown == ()  # 示范 is a common word
    assert understood(matcher, "哪个园区二季度双集中总投资最多").unknown == ()  # 园区 is one


def test_growth_needs_figures_no_article_gives(matcher: Matcher) -> None:
    m = decide(matcher, "二季度双集中同比增长多少")
    assert m.kind == "declined" and m.cause == "growth"


def test_an_attribute_the_fact_does_not_explain_is_declined_with_the_fact_offered(matcher: Matcher) -> None:
    m = decide(matcher, "天下秀网红城市项目的股价是多少")
    assert m.kind == "declined" and m.cause == "unexplained" and m.missing == ("股价",)
    assert m.suggestions == ("天下秀网红城市项目投资多少",)


def test_an_attribute_the_fact_does_explain_is_answered(matcher: Matcher) -> None:
    assert decide(matcher, "浙江有多少个省级实验室").kind == "fact"


def test_a_near_miss_offers_what_it_might_be(matcher: Matcher) -> None:
    m = decide(matcher, "网红那个项目")
    assert m.kind == "declined" and m.cause == "near" and "天下秀网红城市项目投资多少" in m.suggestions


def test_nothing_close_is_declined_without_a_guess(matcher: Matcher) -> None:
    m = decide(matcher, "杭州明天下雨吗")
    assert m.kind in ("declined", "out_of_scope") and not m.facts


@pytest.mark.parametrize(
    ("text", "op", "result"),
    [
        ("一季度和二季度双集中加起来多少", "sum", "1182亿元"),
        ("二季度比一季度双集中多多少", "diff", "18亿元"),
        ("二季度比一季度环比增长了百分之几", "change", "3.1%"),
        ("一季度和二季度双集中平均多少", "mean", "591亿元"),
        ("一季度占一二季度合计的比例", "share", "49.2%"),
    ],
)
def test_combining_questions_compute_over_the_members_named(matcher: Matcher, text: str, op: str, result: str) -> None:
    m = decide(matcher, text)
    assert m.kind == "computed" and m.computation is not None
    assert m.computation.op == op and m.computation.result_text == result


def test_each_lists_the_members_as_the_article_writes_them(matcher: Matcher) -> None:
    m = decide(matcher, "一季度和二季度双集中分别是多少")
    assert m.kind == "computed" and m.computation is not None and m.computation.op == "each"
    assert [f.figures[0].text for f in m.computation.members] == ["582亿元", "600亿元"]


def test_a_first_quarter_change_needs_the_quarter_before_which_is_missing(matcher: Matcher) -> None:
    m = decide(matcher, "一季度双集中环比增长了百分之几")
    assert m.kind == "declined" and m.computation is not None and m.computation.refusal == "growth"


def test_one_word_lists_the_facts_that_say_it(matcher: Matcher) -> None:
    m = decide(matcher, "投资")
    assert m.kind == "browse" and m.missing == ("投资",)
    assert set(m.suggestions) >= {"天下秀网红城市项目投资多少", "余杭一季度双集中总投资多少"}


def test_a_question_about_a_word_is_no_browse(matcher: Matcher) -> None:
    assert decide(matcher, "天下秀投资多少").kind == "fact"


def test_a_mistyped_half_year_is_mended_before_it_is_read_as_two_quarters(matcher: Matcher) -> None:
    q = understood(matcher, "上伴年双集中总投资多少")
    assert q.slots["quarter"] == frozenset({"1", "2"}) and q.op == "sum"


def test_a_comparison_of_more_than_two_members_is_refused(knowledge_copy: Path, base_config: Config) -> None:
    """Three quarters compared, two on one side with no word of how to take them together (their
    mean, 平均, or their sum, 合计): nothing to compute."""
    m = Matcher(load(knowledge_copy), base_config.match).match("三季度双集中比一二季度低多少")
    assert m.kind == "declined" and m.computation is not None and m.computation.refusal == "two_only"


def test_coverage_counts_the_chinese_answers_words(base_config) -> None:
    """A question may reuse the answer's wording: the words of a fact's Chinese answer (two
    characters or more) are among the words its coverage counts, beside phrasings and quote."""
    from bot.match import terms
    from bot.normalize import normalize

    real = Matcher(load(*base_config.roots), base_config.match)
    i = real._index["triple-hit-within-18-days"]
    fact = real.facts[i]
    said = set().union(*(terms(f) for f in real._forms[real._fact_phrasings[i].start:real._fact_phrasings[i].stop]))
    quote = terms(real.wording.form(real.reader.canonical(normalize(fact.source.quote))))
    answer = terms(real.wording.form(real.reader.canonical(real.wording.synonyms(normalize(fact.answer["zh"])))))
    only_answer = {t for t in answer - said - quote if len(t) > 1}
    assert only_answer
    assert all(i in real._postings_of(t) for t in only_answer)


def test_words_said_by_any_of_several_facts_count_once() -> None:
    """What a split message's answers say together: each word counted when any of them says it."""
    opening, batch = Explanation(["数字健康小镇8月30日开园"]), Explanation(["首批引进24个项目"])
    assert said_by([opening], "数字健康小镇 开园 首批引进") < said_by([opening, batch], "数字健康小镇 开园 首批引进") == 1.0
    assert said_by([opening, batch], "") == 0.0


def test_an_explanation_from_the_index_is_the_facts_texts_normalized(base_config: Config) -> None:
    """Explanations take the forms the index already holds (a large base's tied facts took 15 ms to
    normalize again), but what they say is every text of the fact normalized afresh: a phrasing
    whose synonyms were unified (集中签约开工 → 双集中) is normalized again, as it says 签约开工."""
    real = Matcher(load(*base_config.roots), base_config.match)
    kn = real.knowledge

    def texts(i: int) -> list[str]:
        fact = real.facts[i]
        out = [q for qs in fact.questions.values() for q in qs] + [*fact.answer.values(), fact.source.quote]
        out += kn.topics.get(fact.topic, {}).values()
        if fact.series:
            out += [*fact.series.label.values(), *kn.series[fact.series.id].name.values()]
        return out + [a for kind, vs in fact.slots.items() for v in vs for a in kn.vocabulary.get(kind, {}).get(v, (v,))]

    unified = [i for i, f in enumerate(real.facts) if any(real.wording.unified(real.wording.synonyms(normalize(q)))
                                                          and real.wording.synonyms(normalize(q)) != normalize(q)
                                                          for qs in f.questions.values() for q in qs)]
    assert unified  # the base has such phrasings: the test sees the case it is about
    half = len(real.facts) // 2
    real._explain(list(range(half)))  # in a batch; the rest one at a time
    for i in range(len(real.facts)):
        fresh, built = Explanation(texts(i)), real._explanation(i)
        assert (built.zh, built.en) == (fresh.zh, fresh.en), real.facts[i].id


# --- retrieve's bulk scoring ---------------------------------------------------------------------


def _scored_one_by_one(choices: _Choices, form: str) -> list[tuple[int, float]]:
    """What _Choices.scores must return: each form scored with the plain rapidfuzz scorers, in
    rapidfuzz's order (best first), Chinese by ratio, English by the mean of the token ratios."""
    out = [(choices.other_idx[i], sc) for _, sc, i in process.extract(form, choices.other, scorer=fuzz.ratio,
                                                                      limit=None, score_cutoff=_MIN_FUZZY)]
    if form.isascii():
        token_set = {i: sc for _, sc, i in process.extract(form, choices.latin, scorer=fuzz.token_set_ratio, limit=None)}
        for _, sc, i in process.extract(form, choices.latin, scorer=fuzz.token_sort_ratio, limit=None):
            if (sc + token_set[i]) / 2 >= _MIN_FUZZY:
                out.append((choices.latin_idx[i], (sc + token_set[i]) / 2))
    return out


def test_bulk_scores_are_the_scorers_own_to_the_last_bit(base_config: Config) -> None:
    matcher = Matcher(load(KNOWLEDGE), base_config.match)
    cases = [c.question for name in ("questions.yaml", "blind/tune.yaml") for c in load_cases(EVAL / name)]
    forms = [q.form for q in map(matcher.understand, cases) if isinstance(q, Question)]
    rng = random.Random(20200929)
    words = [*sorted({w for f in matcher._forms for w in f.split() if w.isascii()}), "a", "aa", "ab"]
    forms += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 9))) for _ in range(300)]
    forms += ["vivo", "app 3", "q", "a a a"]
    assert sum(f.isascii() for f in forms) > 300
    one_question = _Choices(matcher._forms)  # as a large base's candidates for one question are scored
    for form in forms:
        expected = _scored_one_by_one(matcher._choices, form)
        assert matcher._choices.scores(form) == expected == one_question.scores(form), form


def test_overlap_passes_every_form_that_reaches_the_cutoff() -> None:
    rng = random.Random(11)
    alphabet = "余杭季度投资多少项目3a "
    forms = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(300)]
    forms += ["季" * 159, "季" * 160, "度投" * 90]  # the longest counted form, and longer ones: always scored
    overlap = _Overlap(forms, [10 * i for i in range(len(forms))])
    passed = 0
    for length in [*range(1, 60), _Overlap.LONGEST_QUESTION - 1] * 4:
        question = "".join(rng.choice(alphabet) for _ in range(length))
        index, reaching = overlap.reaching(question)
        assert list(reaching) == [forms[i // 10] for i in index] and list(index) == sorted(index)
        for i, form in enumerate(forms):
            assert 10 * i in index or fuzz.ratio(question, form) < _MIN_FUZZY, (question, form)
        passed += len(index)
    assert passed < 0.9 * len(forms) * 60 * 4  # and it spares scoring many


def test_recoded_forms_score_as_the_forms_whatever_the_question_holds() -> None:
    rng = random.Random(7)
    alphabet = "余杭季度投资多少项目 3a\x01\x02" + "".join(map(chr, range(20, 40)))
    texts = ["".join(rng.choice(alphabet[:12]) for _ in range(rng.randint(1, 12))) for _ in range(200)]
    table = _recoding(texts)
    assert sorted(table) == sorted(table.values())  # one-to-one: what it moves, it moves onto
    for _ in range(500):
        question = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        text = rng.choice(texts)
        assert fuzz.ratio(question.translate(table), text.translate(table)) == fuzz.ratio(question, text)

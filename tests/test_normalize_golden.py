"""normalize's outputs, frozen: a faster normalize must give every one of them unchanged.

tests/data/normalize_golden.jsonl holds [text, normalized] pairs written once by the implementation
before its speed-up: every phrasing, answer and quote of the fact bases (knowledge/ and the
fixtures), every question of the evaluation sets but the blind held-out ones, what building and
evaluating the bot normalizes (mended forms, vocabulary, lexicon, article paragraphs), and a few
hundred hostile strings (every rewrite's triggers, alone and combined; random code points; texts
longer than the cache keeps). A deliberate change of behaviour rewrites the pairs it changes.
"""

import json
from pathlib import Path

from bot.normalize import SEP, normalize, normalize_all

GOLDEN = Path(__file__).parent / "data" / "normalize_golden.jsonl"


def test_normalize_matches_frozen_outputs() -> None:
    pairs = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert len(pairs) > 5000
    normalize.cache_clear()
    wrong = [(text, form, normalize(text)) for text, form in pairs if normalize(text) != form]
    assert not wrong, f"{len(wrong)} changed, the first: {wrong[0]}"


def test_normalize_all_gives_each_text_its_own_form() -> None:
    """A Matcher build normalizes in batches joined by a separator: each text must get exactly what
    normalize gives it alone, over more than one batch, with texts that hold the separator itself
    (worked out alone), repeat, or end next to it in a way a step could read across."""
    texts = [text for text, _ in (json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines())]
    texts += [f"a{SEP}b 三季度", SEP, "", "9.", "29日", "3 ", " 季度", "q", "3", "第", "三季度", "三季度"]
    normalize.cache_clear()
    assert normalize_all(texts) == [normalize(text) for text in texts]

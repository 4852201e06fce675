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

from bot.normalize import normalize

GOLDEN = Path(__file__).parent / "data" / "normalize_golden.jsonl"


def test_normalize_matches_frozen_outputs() -> None:
    pairs = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert len(pairs) > 5000
    normalize.cache_clear()
    wrong = [(text, form, normalize(text)) for text, form in pairs if normalize(text) != form]
    assert not wrong, f"{len(wrong)} changed, the first: {wrong[0]}"

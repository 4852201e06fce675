"""The in-process caches are bounded and never keep long texts: a batch of 100,000 hostile lines
(3 MB lines, random unicode) once grew the process from 38 MB to 248 MB. Memory itself is
measured by `python -m benchmarks.memory`, not here."""

from __future__ import annotations

import random

from bot import normalize as normalize_module
from bot.normalize import CACHED_CHARS, normalize
from bot.slots import SlotReader


def test_normalize_cache_is_bounded_and_skips_long_texts() -> None:
    assert 0 < normalize.cache_info().maxsize <= 10_000
    normalize.cache_clear()
    normalize("余杭第三季度双集中总投资多少")
    assert normalize.cache_info().currsize == 1
    long = "Q3 investment? " * (1_000_000 // 15)
    assert normalize(long).startswith("3季度 investment 3季度")
    assert normalize(long[: CACHED_CHARS + 1])
    assert normalize.cache_info().currsize == 1
    assert normalize("余杭第三季度双集中总投资多少") == "余杭3季度双集中总投资多少"
    assert normalize.cache_info().hits == 1


def test_slot_positions_cache_is_bounded_and_skips_long_texts() -> None:
    reader = SlotReader({"zone": {"临平新城": ("临平新城",)}})
    assert 0 < reader.positions.cache_info().maxsize <= 10_000
    assert reader.read("临平新城3季度") == {"zone": frozenset({"临平新城"}), "quarter": frozenset({"3"})}
    assert reader.read("临平新城" * 250_000)["zone"] == frozenset({"临平新城"})
    assert reader.positions.cache_info().currsize == 1


def test_character_table_stops_growing_on_random_unicode() -> None:
    rng = random.Random(9)
    text = "".join(chr(rng.randrange(0x20000, 0x2FFFF)) for _ in range(30_000))
    normalize(text)
    assert len(normalize_module._BLANKS) <= normalize_module._BLANKS_CACHED
    assert normalize("，余杭。GDP！") == "余杭 gdp"  # punctuation still blanked once the table is full

"""Each operation on its own: what it computes from the members it is given, and how the result
is written (exact decimals; shares and changes with one decimal; ratios as 倍)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge import load
from bot.model import Fact, Knowledge
from bot.operations import OPERATIONS


@pytest.fixture
def base(mini_knowledge: Path) -> Knowledge:
    return load(mini_knowledge)


def members(base: Knowledge, *ids: str) -> tuple[Fact, ...]:
    return tuple(base.by_id[i] for i in ids)


@pytest.mark.parametrize(
    ("op", "ids", "text"),
    [
        ("sum", ("q1-total", "q2-total"), "1182亿元"),
        ("mean", ("q1-total", "q2-total"), "591亿元"),
        ("diff", ("q1-total", "q2-total"), "18亿元"),
        ("change", ("q2-total", "q1-total"), "3.1%"),
        ("ratio", ("q2-total", "q1-total"), "1.03倍"),
        ("share", ("q1-total", "q2-total"), "49.2%"),
        ("portion", ("q1-total", "q2-total"), "97%"),  # 582 of 600: exactly 97
    ],
)
def test_results_are_written_as_the_article_would(base: Knowledge, op: str, ids: tuple[str, ...], text: str) -> None:
    series = base.series["dc-quarterly"]
    assert OPERATIONS[op].run(series, members(base, *ids)).result_text == text


def test_a_share_keeps_one_decimal_unless_it_is_whole(base: Knowledge) -> None:
    """50% is exact; 32.0% is 31.99…% rounded, and says so by its decimal."""
    series = base.series["dc-quarterly"]
    assert OPERATIONS["share"].run(series, members(base, "q1-total", "q1-total")).result_text == "50%"
    assert OPERATIONS["share"].run(series, members(base, "q1-total", "q2-total")).result_text == "49.2%"


def test_a_mean_is_rounded_to_one_decimal_as_people_write_it(base: Knowledge) -> None:
    series = base.series["dc-quarterly"]
    c = OPERATIONS["mean"].run(series, members(base, "q1-total", "q2-total", "q2-total"))  # 1782 / 3 = 594
    assert c.result_text == "594亿元"
    c = OPERATIONS["mean"].run(series, members(base, "q1-total", "q1-total", "q2-total"))  # 1764 / 3 = 588
    assert c.result_text == "588亿元"


def test_max_and_order_name_members_not_a_computed_figure(base: Knowledge) -> None:
    series = base.series["dc-quarterly"]
    top = OPERATIONS["max"].run(series, members(base, "q1-total", "q2-total"))
    assert [f.id for f in top.winners] == ["q2-total"] and top.result is None
    order = OPERATIONS["order"].run(series, members(base, "q1-total", "q2-total"))
    assert [f.id for f in order.winners] == ["q2-total", "q1-total"]


def test_only_listing_the_members_may_take_approximate_figures() -> None:
    assert [name for name, op in OPERATIONS.items() if not op.exact] == ["each"]


def test_a_first_quarter_change_without_the_quarter_before_is_refused(base: Knowledge) -> None:
    c = OPERATIONS["change"].run(base.series["dc-quarterly"], members(base, "q1-total"))
    assert c.refusal == "growth" and c.result is None

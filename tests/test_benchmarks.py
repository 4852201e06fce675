"""`python -m benchmarks --quick` is a smoke run: small enough to be quick, and it never prints a
verdict on a target its smaller run does not measure. (Speed itself is never asserted in tests.)"""

from __future__ import annotations

import argparse

import pytest

from benchmarks.run import LARGEST, Row, _measured, _measures, judged, plan, table


def test_quick_leaves_out_the_largest_base_and_the_full_batch() -> None:
    quick, full = plan(argparse.Namespace(quick=True)), plan(argparse.Namespace(quick=False))
    assert LARGEST not in quick.sizes and LARGEST in full.sizes
    assert quick.batch < full.batch and quick.repeats == 1
    assert len(quick.sizes) == len(quick.queries)


def test_quick_does_not_judge_targets() -> None:
    quick = plan(argparse.Namespace(quick=True))
    row = Row("`ask --json` batch of 500 lines", 800, 500, "questions/s", True, "≥ 3,000/s", judged(quick, False))
    text = table([row])
    assert "not judged in --quick" in text and "✘" not in text and "✔" not in text


def test_a_full_run_judges_targets() -> None:
    full = plan(argparse.Namespace(quick=False))
    rows = [Row("p99", 0.5, 2.0, "ms", target="≤ 1 ms", met=judged(full, True)),
            Row("batch", 800, 500, "questions/s", True, "≥ 3,000/s", judged(full, False)),
            Row("p50", 0.2, 1.0, "ms")]
    lines = table(rows).splitlines()[2:]
    assert lines[0].endswith("≤ 1 ms ✔ |") and lines[1].endswith("≥ 3,000/s ✘ |") and lines[2].endswith("|  |")


def test_only_batch_is_a_measure_of_its_own() -> None:
    assert _measures("batch") == {"batch"} and _measures("article,reload") == {"article", "reload"}
    with pytest.raises(argparse.ArgumentTypeError, match="unknown: artcle"):
        _measures("artcle")


def test_a_naive_rate_not_measured_is_a_dash_and_json_null() -> None:
    row = Row("`ask --json` batch of 5,000 lines, 2 processes", 3100, float("nan"), "questions/s", True)
    assert table([row]).splitlines()[2] == "| `ask --json` batch of 5,000 lines, 2 processes | questions/s | 3,100 | – | – |  |"
    assert _measured(row.__dict__)["naive"] is None

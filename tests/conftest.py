"""Shared fixtures: fact bases in tmp_path and Engines on them, misses logged in tmp_path.

- `knowledge_copy`: a copy of the project's knowledge/ (whatever the curators have written).
- `mini_knowledge`: a small fact base of four facts from the same article, written here, for
  tests that must not depend on the curators' work in progress (reload, misses, judging).
- `make_config(knowledge_dir, **misses)`: config.yaml's settings on another fact base, with
  the misses log in tmp_path.
- `engine` / `mini_engine`: Engines on those copies that check for edits on every question.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import DEFAULT_CONFIG, Config, load_config
from bot.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"

MINI_FACTS = textwrap.dedent("""\
    topics:
      investment: {zh: 项目投资额, en: Investment totals}
      labs: {zh: 实验室, en: Laboratories}

    series:
      dc-quarterly: {zh: 双集中活动总投资, en: double-concentration investment, unit: 亿元}

    facts:
      - id: q1-total
        topic: investment
        asks: amount
        questions:
          zh: [余杭一季度双集中总投资多少, 第一季度双集中活动总投资额是多少]
          en: ["How much was invested in Yuhang's Q1 double-concentration event?"]
        answer:
          zh: 一季度余杭“双集中”总投资582亿元。
          en: Yuhang's Q1 "double concentration" investment was 58.2 billion yuan (582亿元).
        figures:
          - {text: 582亿元, value: 582, unit: 亿元}
        slots: {quarter: ["1"]}
        series: {id: dc-quarterly, label: {zh: 一季度, en: Q1}}
        source:
          doc: yuhang-2020q3
          paragraph: 23
          quote: 一季度“双集中”总投资582亿元

      - id: q2-total
        topic: investment
        asks: amount
        questions:
          zh: [余杭二季度双集中总投资多少, 第二季度双集中活动总投资额是多少]
          en: ["How much was invested in Yuhang's Q2 double-concentration event?"]
        answer:
          zh: 二季度余杭“双集中”总投资600亿元。
          en: Yuhang's Q2 "double concentration" investment was 60 billion yuan (600亿元).
        figures:
          - {text: 600亿元, value: 600, unit: 亿元}
        slots: {quarter: ["2"]}
        series: {id: dc-quarterly, label: {zh: 二季度, en: Q2}}
        source:
          doc: yuhang-2020q3
          paragraph: 23
          quote: 二季度“双集中”总投资600亿元

      - id: tianxiaxiu-investment
        topic: investment
        asks: amount
        questions:
          zh: [天下秀网红城市项目投资多少, 天下秀项目带来多少投资额]
          en: ["How much investment does the Tianxiaxiu influencer city project bring?"]
        answer:
          zh: 天下秀网红城市项目将带来60亿元投资额。
          en: The Tianxiaxiu influencer city project brings 6 billion yuan (60亿元) of investment.
        figures:
          - {text: 60亿元, value: 60, unit: 亿元}
        source:
          doc: yuhang-2020q3
          paragraph: 28
          quote: 仅天下秀网红城市这一项就将带来了60亿元投资额

      - id: provincial-labs-count
        topic: labs
        asks: count
        questions:
          zh: [浙江着重建设几个省级实验室, 浙江有多少个省级实验室]
          en: ["How many provincial laboratories is Zhejiang building?"]
        answer:
          zh: 浙江着重建设4个省级实验室，余杭坐拥其三。
          en: Zhejiang is building 4 provincial laboratories, three of them in Yuhang.
        figures:
          - {text: 4个, value: 4, unit: 个}
        source:
          doc: yuhang-2020q3
          paragraph: 20
          quote: 当前浙江着重建设4个省级实验室
    """)


def copy_knowledge(dest: Path, facts: str | None = None) -> Path:
    """knowledge/ copied to `dest`; with `facts`, its facts/ and vocabulary replaced by that one file."""
    shutil.copytree(KNOWLEDGE, dest)
    if facts is not None:
        shutil.rmtree(dest / "facts")
        (dest / "facts").mkdir()
        (dest / "vocabulary.yaml").unlink(missing_ok=True)
        (dest / "facts" / "mini.yaml").write_text(facts, encoding="utf-8")
    return dest


def edit(path: Path, text: str) -> None:
    """Save `text` as a curator would, with a modification time the engine cannot miss
    (file systems keep coarse times; two saves in one tick would look alike)."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    stamp = max(path.stat().st_mtime_ns, before + 1_000_000_000)
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture(scope="session")
def base_config() -> Config:
    return load_config(DEFAULT_CONFIG)


@pytest.fixture
def make_config(base_config: Config, tmp_path: Path):
    """config.yaml's settings on another fact base, with the misses log in tmp_path."""

    def make(knowledge: Path, **misses: object) -> Config:
        settings = replace(base_config.misses, path=str(tmp_path / "var" / "misses.sqlite3"), **misses)
        return replace(base_config, knowledge=knowledge, misses=settings)

    return make


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    return copy_knowledge(tmp_path / "knowledge")


@pytest.fixture
def mini_knowledge(tmp_path: Path) -> Path:
    return copy_knowledge(tmp_path / "knowledge", MINI_FACTS)


@pytest.fixture
def engine(knowledge_copy: Path, make_config) -> Engine:
    return Engine(make_config(knowledge_copy), reload_interval=0)


@pytest.fixture
def mini_engine(mini_knowledge: Path, make_config) -> Engine:
    return Engine(make_config(mini_knowledge), reload_interval=0)

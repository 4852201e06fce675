"""Whatever is wrong with its input, the command line says so in one line naming the file (and the
line when there is one) and exits 2: never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI_FACTS, copy_knowledge

ROOT = Path(__file__).resolve().parent.parent


def bot(*args: str | bytes, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, cwd=ROOT,
                          env={**os.environ, "TELEGRAM_BOT_TOKEN": "", **(env or {})}, timeout=120)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """config.yaml on the small fact base, misses logged beside it."""
    copy_knowledge(tmp_path / "knowledge", MINI_FACTS)
    (tmp_path / "config.yaml").write_text("knowledge: knowledge\nmisses: {path: misses.sqlite3}\n", encoding="utf-8")
    return tmp_path


def one_error_line(out: subprocess.CompletedProcess, *expected: str) -> str:
    err = out.stderr.decode()
    assert out.returncode == 2, (out.returncode, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for text in expected:
        assert text in err, err
    return err


def test_deeply_nested_yaml_is_one_line(folder: Path) -> None:
    facts = folder / "knowledge" / "facts" / "mini.yaml"
    facts.write_text("facts: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    one_error_line(bot("--config", str(folder / "config.yaml"), "check"), f"{facts}:1: ")


def test_a_bad_byte_in_yaml_names_the_line(folder: Path) -> None:
    facts = folder / "knowledge" / "facts" / "mini.yaml"
    facts.write_bytes(facts.read_bytes().replace(b"labs: {zh:", b"labs: {\xfezh:", 1))
    one_error_line(bot("--config", str(folder / "config.yaml"), "check"), f"{facts}:3: not UTF-8 text: byte 0xfe")


def test_a_duplicated_facts_list_fails_check(folder: Path) -> None:
    facts = folder / "knowledge" / "facts" / "mini.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\nfacts: []\n", encoding="utf-8")
    one_error_line(bot("--config", str(folder / "config.yaml"), "check"), "mini.yaml:", "duplicate key 'facts'")


def test_a_missing_config_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    one_error_line(bot("--config", str(missing), "ask", "三季度投资"), f"{missing}: config file not found")


@pytest.mark.parametrize(("text", "expected"), [
    ("- just\n- a list\n", ":1: expected a mapping of settings"),
    ("match:\n  threshold: high\n", ":2: match.threshold: expected a number, not 'high'"),
    ("misses: {enabled: 'no'}\n", ":1: misses.enabled: expected true or false"),
    ("telegram:\n  admins: 42\n", ":2: telegram.admins: expected a list of numbers"),
    ("knowlege: knowledge\n", ":1: unknown setting(s): knowlege"),
    ("match: [1, 2]\n", ":1: match: expected a mapping of settings"),
    ("match: {threshold: 1}\nmatch: {threshold: 2}\n", ":2: duplicate key 'match'"),
])
def test_a_wrong_shaped_config_is_named(folder: Path, text: str, expected: str) -> None:
    config = folder / "config.yaml"
    config.write_text(text, encoding="utf-8")
    one_error_line(bot("--config", str(config), "ask", "三季度投资"), f"{config}{expected}")


def test_eval_on_a_missing_file(folder: Path) -> None:
    missing = folder / "missing.yaml"
    one_error_line(bot("--config", str(folder / "config.yaml"), "eval", str(missing)),
                   f"{missing}: evaluation set not found")


def test_eval_on_a_wrong_shaped_file(folder: Path) -> None:
    bad = folder / "bad.yaml"
    bad.write_text("questions: [a, b]\n", encoding="utf-8")
    one_error_line(bot("--config", str(folder / "config.yaml"), "eval", str(bad)), f"{bad}:1: expected a list")


def test_ask_with_bytes_that_are_not_utf8(folder: Path) -> None:
    out = bot("--config", str(folder / "config.yaml"), "ask", "--json", "三季度投资".encode() + b"\xff\xfe")
    assert out.returncode == 0, out.stderr.decode()
    assert json.loads(out.stdout)["text"]


@pytest.mark.parametrize("question", ["余杭一季度双集中总投资多少", "😀 二季度双集中总投资多少"])
def test_ask_json_on_an_ascii_terminal_is_valid_json(folder: Path, question: str) -> None:
    out = bot("--config", str(folder / "config.yaml"), "ask", "--json", question, env={"PYTHONIOENCODING": "ascii"})
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout.isascii()
    data = json.loads(out.stdout)
    assert data["answered"] and "亿元" in data["text"]


def test_ask_plain_text_on_an_ascii_terminal(folder: Path) -> None:
    out = bot("--config", str(folder / "config.yaml"), "ask", "余杭一季度双集中总投资多少",
              env={"PYTHONIOENCODING": "ascii"})
    assert out.returncode == 0, out.stderr.decode()
    assert "582\\u4ebf\\u5143" in out.stdout.decode("ascii")

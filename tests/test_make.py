"""The Makefile, run on a copy with a stand-in Python: which interpreter builds .venv, when it is
rebuilt, what `clean` leaves, and that every target does something. Nothing is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The Makefile and pyproject.toml in an empty folder."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def fake_python(folder: Path, info: str) -> Path:
    """A stand-in interpreter that answers the Makefile's version question with `info`."""
    path = folder / "fake-python"
    path.write_text(f"#!/bin/sh\necho '{info}'\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-C", str(project), *args], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "MAKEFLAGS": ""})


def stamp(project: Path, content: str) -> None:
    """A .venv built by the interpreter described by `content`, newer than pyproject.toml."""
    (project / ".venv").mkdir()
    path = project / ".venv" / ".installed"
    path.write_text(content + "\n", encoding="utf-8")
    later = (project / "pyproject.toml").stat().st_mtime + 10
    os.utime(path, (later, later))


def test_a_venv_of_the_same_python_is_kept(project: Path) -> None:
    python = fake_python(project, "True 3.11.7 /opt/python3.11")
    stamp(project, "True 3.11.7 /opt/python3.11")
    assert make(project, "-q", f"PYTHON={python}", ".venv/.installed").returncode == 0


@pytest.mark.parametrize("old", ["", "True 3.10.4 /usr/bin/python3.10", "True 3.11.7 /usr/bin/python3.11"])
def test_a_venv_of_another_python_is_rebuilt(project: Path, old: str) -> None:
    python = fake_python(project, "True 3.11.7 /opt/python3.11")
    stamp(project, old)  # "": the stamp of the old Makefile (`touch`), which recorded nothing
    assert make(project, "-q", f"PYTHON={python}", ".venv/.installed").returncode == 1
    assert f"{python} -m venv --clear .venv" in make(project, "-n", f"PYTHON={python}", ".venv/.installed").stdout


@pytest.mark.parametrize(("info", "said"), [("False 3.8.10 /usr/bin/python3.8", "is 3.8.10"), ("", "is not found")])
def test_an_unsupported_python_is_named_before_building(project: Path, info: str, said: str) -> None:
    python = fake_python(project, info) if info else project / "no-such-python"
    out = make(project, f"PYTHON={python}", "test")
    assert out.returncode != 0
    assert f"Python >= 3.10 is needed to build .venv; {python} {said}" in out.stderr
    assert not (project / ".venv").exists()


def test_help_lists_every_target(project: Path) -> None:
    out = make(project, "help")
    assert out.returncode == 0
    listed = {line.split()[1] for line in out.stdout.splitlines()}
    assert listed == {"help", "run", "test", "check", "lint", "eval", "bench", "requirements", "clean", "try-telegram"}


@pytest.mark.parametrize(("target", "command"), [
    ("lint", ".venv/bin/python -m ruff check bot tests benchmarks"),
    ("eval", ".venv/bin/python -m bot eval"),
    ("bench", ".venv/bin/python -m benchmarks"),
    ("check", ".venv/bin/python -m bot check"),
])
def test_each_target_runs_its_command(project: Path, target: str, command: str) -> None:
    python = fake_python(project, "True 3.11.7 /opt/python3.11")
    stamp(project, "True 3.11.7 /opt/python3.11")
    assert make(project, "-n", f"PYTHON={python}", target).stdout.strip() == command


def test_clean_keeps_the_misses_log(project: Path) -> None:
    (project / "var").mkdir()
    (project / "var" / "misses.sqlite3").write_bytes(b"log")
    for cache in (".venv/bin", ".pytest_cache", ".ruff_cache", "bot/__pycache__"):
        (project / cache).mkdir(parents=True)
    assert make(project, "clean").returncode == 0
    assert (project / "var" / "misses.sqlite3").read_bytes() == b"log"
    assert not any((project / cache).exists() for cache in (".venv", ".pytest_cache", ".ruff_cache", "bot/__pycache__"))

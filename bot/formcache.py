"""Normalized forms kept on disk between processes, so that a one-shot `ask` does not work out
the fact base's thousands of forms again (most of building a Matcher).

Safe by construction: the file holds plain text → form pairs and the key they were made under, a
hash of the bot's source, the fact base folders, config.yaml, Python's and Unicode's versions and
the files of OpenCC and cn2an. A file whose key differs, or that is unreadable or malformed, is
ignored and written anew (atomically: a temporary file renamed over it). normalize is a function of
the text alone, so a form made under the same key is the form it would make now. The folder is
.cache/ in the project (git-ignored); a cache that cannot be written is simply not kept.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from importlib.util import find_spec
from pathlib import Path

from bot import normalize
from bot.config import ROOT, Config

log = logging.getLogger(__name__)
FOLDER = ROOT / ".cache"
_SOURCE = Path(__file__).resolve().parent  # the bot package
_LIBRARIES = ("opencc", "cn2an")  # what normalize's forms depend on besides Python and the bot


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def key(config: Config, config_file: Path | None) -> str:
    """The hash every input of the forms goes into: contents of the bot's source, the fact base
    folders and the config file; versions of Python and Unicode; the libraries' files by size and
    time (an upgrade rewrites them)."""
    h = hashlib.sha256(f"{sys.version}\0{unicodedata.unidata_version}\0".encode())
    for folder in (_SOURCE, *config.roots):
        for path in _files(folder):
            h.update(f"{path}\0".encode())
            h.update(path.read_bytes())
    if config_file is not None and config_file.is_file():
        h.update(f"{config_file}\0".encode())
        h.update(config_file.read_bytes())
    for name in _LIBRARIES:
        spec = find_spec(name)
        for folder in spec.submodule_search_locations or () if spec else ():
            for path in _files(Path(folder)):
                st = path.stat()
                h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def _path(config: Config) -> Path:
    """One file per set of fact base folders: a fixture's cache never overwrites the main one's."""
    name = hashlib.sha256("\0".join(map(str, config.roots)).encode()).hexdigest()[:16]
    return FOLDER / f"forms-{name}.json"


def _read(path: Path, expected: str) -> dict[str, str] | None:
    """The forms kept under `expected`, or None when the file is missing, broken or stale."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != expected:
        return None
    forms = data.get("forms")
    if not isinstance(forms, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in forms.items()):
        return None
    return forms


def _write(path: Path, cache_key: str, forms: dict[str, str]) -> None:
    """Atomically: readers see the old file or the new one, never half of one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".forms-", suffix=".tmp")
    except OSError as e:  # a read-only checkout: the bot works, only slower to start
        log.debug("normalized forms not kept in %s: %s", path, e)
        return
    try:
        with open(fd, "w", encoding="utf-8") as f:
            json.dump({"key": cache_key, "forms": forms}, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError as e:  # a full disk
        log.debug("normalized forms not kept in %s: %s", path, e)
        with suppress(OSError):
            os.unlink(temporary)


@contextmanager
def kept(config: Config, config_file: Path | None) -> Iterator[None]:
    """Around building an Engine: forms kept from an earlier process are given to normalize; when
    there were none (or stale ones), the forms the block works out are kept for the next."""
    try:
        cache_key = key(config, config_file)
    except OSError as e:  # a folder being edited: build without the cache
        log.debug("no cache key: %s", e)
        yield
        return
    path = _path(config)
    forms = _read(path, cache_key)
    if forms is not None:
        normalize.give(forms)
        yield
        return
    with normalize.recording() as made:
        yield
    _write(path, cache_key, made)

"""Normalized forms, parsed YAML, the built lexicon and the matcher's per-fact forms kept on disk
between processes, so that a one-shot `ask` neither works out the fact base's thousands of forms again
(most of building a Matcher) nor parses its YAML or builds its lexicon again.

Safe by construction: the file holds plain data (text → form pairs; each YAML file's tree as JSON,
by path and a hash of its text; the lexicon's words and patterns, by a hash of its text; each fact's scoring forms, slots and words, by a digest of its texts
and of the lexicon and vocabulary they were derived with) and the key they were made under, a hash of the bot's source, the
fact base folders, config.yaml, Python's and Unicode's versions and the files of OpenCC, cn2an and
PyYAML. A file whose key differs, or that is unreadable or malformed, is ignored and written anew
(atomically: a temporary file renamed over it). normalize is a function of the text alone, and a
tree and a fact's forms only for the very texts they were made from, so what was made under the same key is what
would be made now. config.yaml's own tree is kept apart (config_kept), under _program's key alone:
it is read before the folders it names are known. The folder is .cache/ beside config.yaml
(git-ignored); a cache that cannot be written is simply not kept.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from bot import knowledge, lexicon, match, normalize
from bot.config import Config

log = logging.getLogger(__name__)
_SOURCE = Path(__file__).resolve().parent  # the bot package
_LIBRARIES = ("opencc", "cn2an", "yaml")  # what the forms and trees depend on besides Python and the bot


def _files(folder: Path | str) -> list[str]:
    """Every file under `folder` but bytecode, in a stable order (os.walk and plain strings: pathlib
    costs more than the hashing)."""
    out = []
    for parent, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        out += [path for path in (os.path.join(parent, name) for name in names) if os.path.isfile(path)]
    return sorted(out)


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


@lru_cache(maxsize=1)
def _program() -> str:
    """The hash of what every kept thing depends on besides the fact base and config.yaml: the
    contents of the bot's source; versions of Python and Unicode; the libraries' files by size and
    time (an upgrade rewrites them). Once a process: config.yaml's tree and the forms both need it."""
    h = hashlib.sha256(f"{sys.version}\0{unicodedata.unidata_version}\0".encode())
    for path in _files(_SOURCE):
        h.update(f"{path}\0".encode())
        h.update(_read_bytes(path))
    for name in _LIBRARIES:
        spec = find_spec(name)
        for folder in spec.submodule_search_locations or () if spec else ():
            for path in _files(folder):
                st = os.stat(path)
                h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def key(config: Config, config_file: Path | None) -> str:
    """The hash every input of the forms goes into: _program's, and the contents of the fact base
    folders and the config file."""
    h = hashlib.sha256(f"{_program()}\0".encode())
    for folder in config.roots:
        for path in _files(folder):
            h.update(f"{path}\0".encode())
            h.update(_read_bytes(path))
    if config_file is not None and config_file.is_file():
        h.update(f"{config_file}\0".encode())
        h.update(config_file.read_bytes())
    return h.hexdigest()


def _path(config: Config) -> Path:
    """Beside config.yaml, one file per set of fact base folders it has named."""
    name = hashlib.sha256("\0".join(map(str, config.roots)).encode()).hexdigest()[:16]
    return config.base / ".cache" / f"forms-{name}.json"


_Kept = tuple[dict[str, str], dict[tuple[str, str], Any], dict[str, list[Any]], dict[str, Any]]


def _read(path: Path, expected: str) -> _Kept | None:
    """The forms, trees, fact forms and lexicons kept under `expected`, or None when the file is
    missing, broken or stale."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != expected:
        return None
    forms, trees = data.get("forms"), data.get("trees")
    if not isinstance(forms, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in forms.items()):
        return None
    if not isinstance(trees, list) or not all(isinstance(t, list) and len(t) == 3 for t in trees):
        return None
    fact_forms = data.get("fact_forms")
    if not isinstance(fact_forms, dict) or not all(isinstance(v, list) and len(v) == 4 for v in fact_forms.values()):
        return None
    lexicons = data.get("lexicons")
    if not isinstance(lexicons, dict) or not all(isinstance(v, dict) for v in lexicons.values()):
        return None
    return forms, {(str(file), str(digest)): tree for file, digest, tree in trees}, fact_forms, lexicons


def _write(path: Path, data: dict[str, Any]) -> None:
    """Atomically: readers see the old file or the new one, never half of one."""
    import tempfile  # only when writing: a process that reads the cache spares its import

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".forms-", suffix=".tmp")
    except OSError as e:  # a read-only checkout: the bot works, only slower to start
        log.debug("normalized forms not kept in %s: %s", path, e)
        return
    try:
        with open(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except (OSError, ValueError) as e:  # a full disk; a lone surrogate (from a YAML escape) UTF-8 cannot write
        log.debug("normalized forms not kept in %s: %s", path, e)
        with suppress(OSError):
            os.unlink(temporary)


@contextmanager
def kept(config: Config, config_file: Path | None) -> Iterator[None]:
    """Around building an Engine: forms and trees kept by an earlier process are given to normalize
    and the loader; when there were none (or stale ones), those the block makes are kept for the next."""
    try:
        cache_key = key(config, config_file)
    except OSError as e:  # a folder being edited: build without the cache
        log.debug("no cache key: %s", e)
        yield
        return
    path = _path(config)
    found = _read(path, cache_key)
    if found is not None:
        normalize.KEPT.give(found[0])
        knowledge.KEPT.give(found[1])
        match.KEPT.give(found[2])
        lexicon.KEPT.give(found[3])
        yield
        return
    with normalize.KEPT.recording() as forms, knowledge.KEPT.recording() as trees, \
            match.KEPT.recording() as fact_forms, lexicon.KEPT.recording() as lexicons:
        yield
    _write(path, {"key": cache_key, "forms": forms, "trees": _listed(trees), "fact_forms": fact_forms,
                  "lexicons": lexicons})


def _listed(trees: dict[tuple[str, str], Any]) -> list[list[Any]]:
    return [[*where, tree] for where, tree in trees.items()]


@contextmanager
def config_kept(config_file: Path) -> Iterator[None]:
    """Around load_config: config.yaml's tree kept by an earlier process is given to the loader, so
    that a one-shot ask never imports PyYAML; a tree parsed instead (none kept, or config.yaml
    edited) is kept. Apart from the forms: their file is named by the folders config.yaml names."""
    try:
        cache_key = _program()
    except OSError as e:
        log.debug("no cache key: %s", e)
        yield
        return
    name = hashlib.sha256(str(config_file).encode()).hexdigest()[:16]
    path = config_file.resolve().parent / ".cache" / f"config-{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    trees = data.get("trees") if isinstance(data, dict) and data.get("key") == cache_key else None
    if isinstance(trees, list) and all(isinstance(t, list) and len(t) == 3 for t in trees):
        knowledge.KEPT.give({(str(file), str(digest)): tree for file, digest, tree in trees})
    with knowledge.KEPT.recording() as made:
        yield
    if made:
        _write(path, {"key": cache_key, "trees": _listed(made)})

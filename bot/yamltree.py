"""YAML text → tree, with PyYAML: what bot.knowledge parses a file no cache holds with.

Apart so that a process given every tree it reads (a one-shot ask, by bot.formcache) never imports PyYAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.knowledge import MAX_DEPTH, KnowledgeError, _LineDict


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser: 9× faster start-up
    """A SafeLoader whose mappings remember their lines."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _LineDict:
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# dates stay text, as written: the loader validates them, and 2021-13-40 must be a curator's
# message, not PyYAML's ValueError
_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
# YAML 1.1 reads on, off, yes, no as booleans: a lexicon's English word "on" was True. Only true and
# false are booleans here; the others stay the words they are
_Loader.add_constructor("tag:yaml.org,2002:bool", lambda loader, node: {"true": True, "false": False}.get(
    node.value.lower(), node.value))


def _check_tree(path: Path, root: yaml.Node) -> None:
    """Refuse duplicate keys in any mapping, and nesting too deep to construct.

    PyYAML keeps the last of two equal keys, so a second `facts: []` appended to a file would
    silently empty it; walked iteratively on the composed nodes, so depth itself cannot overflow.
    """
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise KnowledgeError(path, node.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    line = key.start_mark.line + 1
                    if key.value in seen:
                        raise KnowledgeError(path, line, f"duplicate key {key.value!r} (first at line {seen[key.value]})")
                    seen[key.value] = line
                stack += [(key, depth + 1), (value, depth + 1)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(child, depth + 1) for child in node.value]


def parse(path: Path, text: str) -> Any:
    """The tree of one YAML file's text; errors as bot.knowledge.read_yaml's."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_tree(path, node)
        return loader.construct_document(node)
    except yaml.YAMLError as e:
        raise _syntax_error(path, text, e) from None
    except RecursionError:  # only without libyaml, whose parser stops at 1000 levels
        raise KnowledgeError(path, 0, "nested too deeply") from None
    finally:
        loader.dispose()


def _syntax_error(path: Path, text: str, error: yaml.YAMLError) -> KnowledgeError:
    """The pure-Python parser words errors better and never points past the last line. It is not
    asked about libyaml's nesting limit (1000 levels): its scanner is quadratic in the depth."""
    if "nesting depth" not in str(getattr(error, "problem", "")):
        try:
            for _ in yaml.parse(text, Loader=yaml.SafeLoader):
                pass
        except yaml.YAMLError as e:
            error = e
    if not isinstance(error, yaml.MarkedYAMLError):
        return KnowledgeError(path, 0, f"YAML error: {error}")
    mark = error.problem_mark or error.context_mark
    line = min(mark.line + 1, text.count("\n") + 1) if mark else 0
    return KnowledgeError(path, line, f"YAML syntax error: {error.problem or error}")

"""The disk cache of normalized forms: used only under the key it was made with, never stale."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot import formcache, knowledge, lexicon, match
from bot import normalize as normalize_module
from bot.config import Config, load_config
from bot.engine import Engine
from bot.normalize import normalize
from tests.conftest import copy_knowledge, edit


@pytest.fixture
def config(tmp_path: Path, make_config, monkeypatch: pytest.MonkeyPatch) -> Config:
    """A copy of the fact base, config.yaml's folder (where the cache goes) tmp_path, nothing given yet."""
    for module in (normalize_module, knowledge, match, lexicon):
        monkeypatch.setattr(module.KEPT, "given", {})
    return replace(make_config(copy_knowledge(tmp_path / "knowledge")), base=tmp_path)


def built(config: Config) -> dict[str, str]:
    """Build an Engine inside kept(); the forms normalize was given (empty when none were kept)."""
    normalize_module.KEPT.given.clear()
    match.KEPT.given.clear()
    lexicon.KEPT.given.clear()
    knowledge.forget_parsed()
    normalize.cache_clear()
    with formcache.kept(config, None):
        Engine(config)
    return dict(normalize_module.KEPT.given)


def index(engine: Engine) -> tuple[object, ...]:
    """What a matcher derived from the facts' texts: scoring forms, slots, words and typo mending's words."""
    m = engine.matcher
    parts = [(p.forms, p.fact_slots, p.postings, p.norms, p.pairs, p.english) for _, p in m._parts]
    return m._forms, m.fact_slots, parts, m.mender._texts, m.mender._pairs, m.mender.english


def kept_file(config: Config) -> dict:
    (path,) = (config.base / ".cache").glob("forms-*.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_second_build_is_given_the_forms_the_first_worked_out(config: Config) -> None:
    assert built(config) == {}
    forms = kept_file(config)["forms"]
    assert len(forms) > 1000 and all(normalize_module._normalize(text) == form for text, form in forms.items())
    assert built(config) == forms


def test_a_second_build_is_given_the_fact_forms_the_first_derived(config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    with formcache.kept(config, None):
        first = Engine(config)
    assert len(kept_file(config)["fact_forms"]) == len(first.knowledge.facts)
    derived = []
    original = match._Derivations._derive
    monkeypatch.setattr(match._Derivations, "_derive", lambda self, facts, normalized: derived.extend(facts) or original(self, facts, normalized))
    normalize.cache_clear()
    with formcache.kept(config, None):
        second = Engine(config)
    assert derived == [] and index(second) == index(first)


def test_given_fact_forms_serve_only_the_lexicon_they_were_derived_with(config: Config) -> None:
    built(config)
    built(config)
    assert match.KEPT.given
    engine = Engine(config)
    before = index(engine)
    lexicon = config.knowledge / "lexicon.yaml"
    edit(lexicon, lexicon.read_text(encoding="utf-8").replace("synonyms:", "synonyms:\n  - [投钱, 投资]", 1))
    assert engine.reload()[0]
    after = index(engine)
    match.KEPT.given.clear()
    assert after == index(Engine(config)) != before


def test_a_second_build_is_given_the_lexicon_the_first_built(config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    built(config)
    (data,) = kept_file(config)["lexicons"].values()
    path = config.knowledge / "lexicon.yaml"
    assert lexicon._decode(data) == lexicon.build(knowledge.read_yaml(path))
    monkeypatch.setattr(lexicon, "build", lambda data: pytest.fail("built again"))
    built(config)
    assert lexicon.load_lexicon(path) == lexicon._decode(data)


def same_tree(a: object, b: object) -> bool:
    """Equal, and every mapping starting on the same lines, with its keys on the same lines."""
    if isinstance(a, dict):
        return (type(a) is type(b) and (a.line, a.lines) == (b.line, b.lines) and list(a) == list(b)
                and all(same_tree(a[k], b[k]) for k in a))
    if isinstance(a, list):
        return type(b) is list and len(a) == len(b) and all(map(same_tree, a, b))
    return type(a) is type(b) and a == b


def test_kept_trees_are_the_trees_parsing_gives(config: Config) -> None:
    built(config)
    trees = kept_file(config)["trees"]
    assert {Path(path).name for path, _, _ in trees} >= {"lexicon.yaml", "sources.yaml", "vocabulary.yaml"}
    for path, digest, tree in trees:
        text = knowledge.read_text(Path(path))
        assert digest == knowledge.text_hash(text)
        assert same_tree(knowledge._decode(tree), knowledge._parse(Path(path), text))
    built(config)
    assert knowledge.KEPT.given


def test_an_edit_of_the_fact_base_makes_the_kept_forms_stale(config: Config) -> None:
    built(config)
    before = kept_file(config)["key"]
    vocabulary = config.knowledge / "vocabulary.yaml"
    edit(vocabulary, vocabulary.read_text(encoding="utf-8") + "\n")
    assert built(config) == {}  # not given: worked out again, and kept under the new key
    assert kept_file(config)["key"] != before
    assert built(config)


@pytest.mark.parametrize("damage", [b"", b"{", b"[1, 2]", b'{"key": 1}', b"\xff\xfe", None])
def test_a_broken_file_is_ignored_and_written_anew(config: Config, damage: bytes | None) -> None:
    built(config)
    (path,) = (config.base / ".cache").glob("forms-*.json")
    data = kept_file(config)
    if damage is None:  # the right key, forms of the wrong shape
        data["forms"] = {"余杭": 1}
        damage = json.dumps(data).encode()
    path.write_bytes(damage)
    assert built(config) == {}
    assert kept_file(config)["key"] == data["key"]


def test_a_cache_folder_that_cannot_be_written_is_no_error(config: Config) -> None:
    (config.base / ".cache").write_text("", encoding="utf-8")  # a file where the folder would be
    assert built(config) == {}
    assert built(config) == {}


def test_config_yaml_s_tree_is_kept_until_it_is_edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(knowledge.KEPT, "given", {})
    file = tmp_path / "config.yaml"
    file.write_text("match:\n  threshold: 70\n", encoding="utf-8")
    with formcache.config_kept(file):
        first = load_config(file)
    knowledge.KEPT.given.clear()
    parse = knowledge._parse
    monkeypatch.setattr(knowledge, "_parse", lambda path, text: pytest.fail("parsed again"))
    with formcache.config_kept(file):
        assert load_config(file) == first
    file.write_text("match:\n  threshold: 71\n", encoding="utf-8")
    monkeypatch.setattr(knowledge, "_parse", parse)
    with formcache.config_kept(file):
        assert load_config(file).match.threshold == 71
    monkeypatch.setattr(knowledge, "_parse", lambda path, text: pytest.fail("parsed again"))
    with formcache.config_kept(file):
        assert load_config(file).match.threshold == 71

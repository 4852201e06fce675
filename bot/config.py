"""config.yaml → typed settings, with defaults so a missing key never crashes the bot."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from bot.knowledge import KnowledgeError, read_yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = ROOT / "config.yaml"


@dataclass(frozen=True)
class MatchSettings:
    threshold: float = 62
    tie_margin: float = 4
    series_margin: float = 15
    compute_margin: float = 10  # a whole series is combined only this close to the best single fact
    intent_penalty: float = 30
    slot_penalty: float = 12
    entity_penalty: float = 20
    max_facts: int = 4
    suggestions: int = 3
    max_question_chars: int = 500
    coverage_weight: float = 1.0
    fuzzy_candidates: int = 200  # facts fuzzy-scored per question on a large base (prefiltered by shared words)
    near_margin: float = 15  # this close below the threshold: a near miss, offered as "did you mean"
    browse: int = 6  # a one-word question lists at most this many facts that say the word
    spelled_out: float = 0.8  # …unless one near miss alone says this share of the question's words
    wordy_margin: float = 10  # a near miss with no figure, this close below the threshold, is answered
    clauses_said: float = 0.75  # a message read clause by clause: its answers say this share of its words
    document_margin: float = 15  # another article's answer this close to the best is given beside it


@dataclass(frozen=True)
class MissesSettings:
    path: str = "var/misses.sqlite3"  # relative to config.yaml; git-ignored
    enabled: bool = True
    low_confidence: float = 70  # answered below this score still counts as a miss


@dataclass(frozen=True)
class TelegramSettings:
    admins: tuple[int, ...] = ()  # user ids allowed /misses and /reload
    questions_per_minute: int = 20  # per chat; more are answered with a polite "slow down"
    inline_results: int = 5


@dataclass(frozen=True)
class EvalSettings:
    set: str = ""  # the evaluation set these thresholds gate, relative to config.yaml
    min_answered: float = 0.95  # share of answerable questions answered with the right figure
    min_declined: float = 0.95  # share of unanswerable questions declined
    max_wrong_figures: int = 0  # answers carrying a figure that is not the expected one
    baseline_cutoff: float = 80  # the naive extractOne baseline's fixed cutoff


@dataclass(frozen=True)
class Config:
    knowledge: Path = ROOT / "knowledge"  # the main fact base: its lexicon.yaml serves all
    more_knowledge: tuple[Path, ...] = ()  # further fact base folders (other articles), read after it
    match: MatchSettings = field(default_factory=MatchSettings)
    misses: MissesSettings = field(default_factory=MissesSettings)
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    eval: EvalSettings = field(default_factory=lambda: EvalSettings(set="tests/eval/questions.yaml"))
    blind_eval: EvalSettings = field(default_factory=EvalSettings)  # the held-out part of the blind set
    base: Path = ROOT  # the folder of config.yaml: relative paths start here

    @property
    def roots(self) -> tuple[Path, ...]:
        """Every fact base folder, the main one first: what the bot loads and watches."""
        return (self.knowledge, *self.more_knowledge)

    def path(self, relative: str) -> Path:
        """A path from config.yaml, resolved against the folder config.yaml is in."""
        return (self.base / relative).resolve()


_SECTIONS = {"match": MatchSettings, "misses": MissesSettings, "telegram": TelegramSettings, "eval": EvalSettings,
             "blind_eval": EvalSettings}


def _value(default: object, value: object) -> object:
    """`value` as the type of the setting's default, or ValueError: YAML `false` is a bool but
    `"false"` is not, and a number must be a number."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if isinstance(default, (int, float)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError("expected a number")
        if isinstance(default, int) and value != int(value):
            raise ValueError("expected a whole number")
        return type(default)(value)
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise ValueError("expected a list of numbers")
        return tuple(value)
    if not isinstance(value, str):
        raise ValueError("expected text")
    return value


def _section(cls: type, name: str, data: Any, path: Path, line: int) -> Any:
    """One section (`match:`) as its settings class; `line` is where the section starts."""
    if data is None:
        return cls()
    if not isinstance(data, dict):
        raise KnowledgeError(path, line, f"{name}: expected a mapping of settings")
    defaults = cls()
    known = {f.name for f in fields(cls)}
    unknown = set(data) - known
    if unknown:
        raise KnowledgeError(path, data.line, f"{name}: unknown setting(s): {', '.join(sorted(map(str, unknown)))}")
    values = {}
    for key, value in data.items():
        try:
            values[key] = _value(getattr(defaults, key), value)
        except ValueError as e:
            raise KnowledgeError(path, data.line_of(key), f"{name}.{key}: {e}, not {value!r}") from None
    return cls(**values)


def load_config(path: Path | str | None = None) -> Config:
    """Read config.yaml; every problem is a KnowledgeError naming the file and line, like the facts.

    Without `path`, the project's config.yaml, and the defaults when it is absent (a bare deploy);
    a file named explicitly (`--config`) must exist.
    """
    if path is None:
        path = DEFAULT_CONFIG
        if not path.exists():
            return Config()
    path = Path(path)
    if not path.is_file():
        raise KnowledgeError(path, 0, "config file not found" if not path.exists() else "config file is not a file")
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise KnowledgeError(path, getattr(data, "line", 1), "expected a mapping of settings (knowledge, match, ...)")
    unknown = set(data) - {"knowledge", *_SECTIONS}
    if unknown:
        raise KnowledgeError(path, data.line_of(min(unknown, key=str)),
                             f"unknown setting(s): {', '.join(sorted(map(str, unknown)))}")
    knowledge = data.get("knowledge", "knowledge")
    folders = [knowledge] if isinstance(knowledge, str) else knowledge
    if not isinstance(folders, list) or not folders or not all(isinstance(f, str) and f for f in folders):
        raise KnowledgeError(path, data.line_of("knowledge"),
                             "knowledge: expected the path of the fact base folder, or a list of them")
    base = path.resolve().parent
    roots = [(base / folder).resolve() for folder in folders]
    sections = {name: _section(cls, name, data.get(name), path, data.line_of(name)) for name, cls in _SECTIONS.items()}
    return Config(knowledge=roots[0], more_knowledge=tuple(roots[1:]), base=base, **sections)

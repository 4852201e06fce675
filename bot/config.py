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
    intent_penalty: float = 18
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
    min_answered: float = 0.95  # share of answerable questions answered with the right figure
    min_declined: float = 0.95  # share of unanswerable questions declined
    max_wrong_figures: int = 0  # answers carrying a figure that is not the expected one
    baseline_cutoff: float = 80  # the naive extractOne baseline's fixed cutoff


@dataclass(frozen=True)
class Config:
    knowledge: Path = ROOT / "knowledge"
    match: MatchSettings = field(default_factory=MatchSettings)
    misses: MissesSettings = field(default_factory=MissesSettings)
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    eval: EvalSettings = field(default_factory=EvalSettings)
    base: Path = ROOT  # the folder of config.yaml: relative paths start here

    def path(self, relative: str) -> Path:
        """A path from config.yaml, resolved against the folder config.yaml is in."""
        return (self.base / relative).resolve()


def _section(cls: type, data: Any, path: Path) -> Any:
    if data is None:
        return cls()
    if not isinstance(data, dict):
        raise KnowledgeError(path, getattr(data, "line", 0), f"expected a mapping for {cls.__name__}")
    known = {f.name: f.type for f in fields(cls)}
    unknown = set(data) - set(known)
    if unknown:
        raise KnowledgeError(path, data.line, f"unknown setting(s): {', '.join(sorted(unknown))}")
    return cls(**{k: type(getattr(cls(), k))(v) for k, v in data.items()})


def load_config(path: Path | str = DEFAULT_CONFIG) -> Config:
    """Read config.yaml; a syntax error is a KnowledgeError with file and line, like the facts."""
    path = Path(path)
    data = read_yaml(path) if path.exists() else {}
    data = data or {}
    base = path.resolve().parent
    return Config(
        knowledge=(base / str(data.get("knowledge", "knowledge"))).resolve(),
        match=_section(MatchSettings, data.get("match"), path),
        misses=_section(MissesSettings, data.get("misses"), path),
        telegram=_section(TelegramSettings, data.get("telegram"), path),
        eval=_section(EvalSettings, data.get("eval"), path),
        base=base,
    )

"""Two generated tables that typo mending and one-word questions read, so that answering imports
neither pypinyin (0.6 s) nor wordfreq (0.5 s and jieba's 1-2 s for Chinese):

- `pinyin.txt`: every GB2312 character with its toneless readings, the main one first (pypinyin);
- `words.txt`: the 60,000 most frequent Chinese words of one to four characters and the 30,000
  most frequent English words, each with its Zipf frequency (wordfreq: 7 is "the", 3 is rare);
  the bot reads the words only.

`python -m bot.tables` writes them again; a test checks that they match their sources.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path

PINYIN = Path(__file__).with_name("pinyin.txt")
WORDS = Path(__file__).with_name("words.txt")
N_ZH, N_EN = 60_000, 30_000


@cache
def readings() -> dict[str, tuple[str, ...]]:
    """Character → its toneless readings, the main one first (a line is the character, a space and
    its readings: read by slicing, a third faster than splitting each line whole)."""
    return {line[0]: tuple(line[2:].split()) for line in _pinyin_text().splitlines() if line and line[0] != "#"}


@cache
def _pinyin_text() -> str:
    """The table's text, read once for readings() and main_reading() alike."""
    return "\n" + PINYIN.read_text(encoding="utf-8")


@cache
def main_reading(char: str) -> str:
    """A character's main reading ("" when it has none), found in the table's text: a question
    needing a few readings does not parse the whole table (readings(): 10 ms)."""
    if not "\u4e00" <= char <= "\u9fff":
        return ""
    text = _pinyin_text()
    at = text.find(f"\n{char} ")
    if at < 0:
        return ""
    ends = (text.find(" ", at + 3), text.find("\n", at + 3))
    return text[at + 3 : min((e for e in ends if e >= 0), default=len(text))]


def reads_alike(a: str, b: str) -> bool:
    """Whether two characters share a reading. Only Chinese characters have one (the table holds no
    other), so a digit or a letter is told apart without reading the table (5 ms)."""
    if not ("\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff"):
        return False
    sounds = readings()
    return not set(sounds.get(a, ())).isdisjoint(sounds.get(b, ()))


@cache
def sounding(sound: str) -> tuple[str, ...]:
    """The characters whose main reading is `sound` (yu → 余, 鱼, 于…)."""
    return _by_sound().get(sound, ())


@cache
def _by_sound() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for char, sounds in readings().items():
        out.setdefault(sounds[0], []).append(char)
    return {s: tuple(cs) for s, cs in out.items()}


def pinyin_like(word: str) -> bool:
    """Whether a Latin word reads as syllables of pinyin (tianxiu, zhongwang): a Chinese name
    written out, not an English word (motto, aerostructure)."""
    return _syllables().fullmatch(word) is not None


@cache
def _syllables() -> re.Pattern[str]:
    sounds = sorted({s for rs in readings().values() for s in rs if s.isalpha()}, key=len, reverse=True)
    return re.compile(f"(?:{'|'.join(sounds)})+")


@cache
def common_words() -> frozenset[str]:
    """The words of `words.txt` (common enough to be listed), without their frequencies, which
    nothing reads: split at once, in C, the table is ready in a quarter of the time a dict takes."""
    text = WORDS.read_text(encoding="utf-8")
    while text.startswith("#"):  # the header
        text = text.partition("\n")[2]
    return frozenset(text.split()[::2])  # each line a word and its frequency


@cache
def everyday_english(min_zipf: float = 4.5) -> frozenset[str]:
    """The English words common enough (those, these) that typed they are meant, not a typo of a
    fact base's word (those is no whose); a name like benson is rarer, and may be a typo (Bensong)."""
    found = set()
    with WORDS.open(encoding="utf-8") as lines:
        for line in itertools.islice(lines, 1 + N_ZH, None):  # after the header and the Chinese words
            word, zipf = line.split()
            if float(zipf) < min_zipf:
                break  # the English words stand most frequent first
            if word.isalpha():
                found.add(word)
    return frozenset(found)


@cache
def everyday_chars(min_zipf: float = 6.6) -> frozenset[str]:
    """The Chinese characters so frequent as words of their own (的, 和, 有, 是…) that one typed is
    what was meant: the top twenty of `words.txt`."""
    return frequent_chars(min_zipf)


@cache
def frequent_chars(min_zipf: float) -> frozenset[str]:
    """The Chinese characters that are words of their own at least this frequent, read from the
    head of `words.txt`, which lists its words the most frequent first."""
    found = set()
    with WORDS.open(encoding="utf-8") as lines:
        for line in itertools.islice(lines, 1, None):  # after the header
            word, zipf = line.split()
            if float(zipf) < min_zipf:
                break
            if len(word) == 1 and "\u4e00" <= word <= "\u9fff":
                found.add(word)
    return frozenset(found)


def pinyin_table() -> str:
    from pypinyin import Style, pinyin

    lines = []
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            continue
        sounds = [s for s in dict.fromkeys(pinyin(char, style=Style.NORMAL, heteronym=True)[0]) if s.isascii()]
        if sounds:
            lines.append(f"{char} {' '.join(sounds)}")
    return "# generated by `python -m bot.tables` from pypinyin: character, toneless readings (main first)\n" + \
        "\n".join(lines) + "\n"


def words_table() -> str:
    from wordfreq import top_n_list, zipf_frequency

    zh = [w for w in top_n_list("zh", 4 * N_ZH) if re.fullmatch(r"[\u4e00-\u9fff]{1,4}", w)][:N_ZH]
    en = [w for w in top_n_list("en", 2 * N_EN) if re.fullmatch(r"[a-z]+", w)][:N_EN]
    lines = [f"{w} {zipf_frequency(w, lang)}" for lang, words in (("zh", zh), ("en", en)) for w in words]
    return (f"# generated by `python -m bot.tables` from wordfreq: the {N_ZH} most frequent Chinese words and the "
            f"{N_EN} most frequent English words, with their Zipf frequency\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    PINYIN.write_text(pinyin_table(), encoding="utf-8")
    WORDS.write_text(words_table(), encoding="utf-8")

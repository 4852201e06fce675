"""Slots: the parts of a question that tell neighbouring facts apart, read exactly."""

from bot.normalize import normalize
from bot.slots import SlotReader


def test_slots_read_quarters_dates_years_and_names() -> None:
    reader = SlotReader({"zone": {"临平新城": ("临平新城", "linping new town")}})
    assert reader.read(normalize("二季度比三季度多多少"))["quarter"] == {"2", "3"}
    assert reader.read(normalize("前三季度"))["quarter"] == {"1-3"}
    assert reader.read(normalize("一二三季度加起来"))["quarter"] == {"1", "2", "3"}
    assert reader.read(normalize("9月29号签约"))["date"] == {"9-29"}
    assert reader.read(normalize("2021年余杭"))["year"] == {"2021"}
    assert "year" not in reader.read(normalize("近1800亿元"))
    assert reader.read(normalize("What went to Linping New Town?"))["zone"] == {"临平新城"}
    assert [v for _, _, v in reader.positions(normalize("三季度比一季度少多少"))] == ["3", "1"]


def test_photos_are_read_by_their_number() -> None:
    reader = SlotReader({})
    assert reader.read(normalize("第三张图片拍的是什么"))["photo"] == {"3"}
    assert reader.read(normalize("What does the fourth photo show?"))["photo"] == {"4"}
    assert "photo" not in reader.read(normalize("第三张"))  # a sheet of something, not a photo
    assert reader.read(normalize("最后一张图片说明是啥"))["photo"] == {"last"}  # the matcher knows its number
    # each photo of a list: its count word may come once, after the last
    assert reader.read(normalize("第二张和第三张图的说明"))["photo"] == {"2", "3"}
    assert reader.read(normalize("第一和最后一张照片"))["photo"] == {"1", "last"}
    assert reader.read(normalize("the second and third photos"))["photo"] == {"2", "3"}
    assert "photo" not in reader.read(normalize("第二张和第三张"))


def test_short_texts_are_scanned_for_the_names_the_pattern_finds() -> None:
    """The first short texts are read by looking names up (a one-shot ask compiles no names
    pattern); what that finds is what the pattern finds: the longest name at each character, a
    Latin one only as a whole word, and one name after another."""
    import random

    from bot.config import load_config
    from bot.knowledge import load

    knowledge = load(*load_config().roots)
    reader = SlotReader(knowledge.vocabulary)
    texts = [normalize(q) for f in knowledge.facts for qs in f.questions.values() for q in qs]
    names = sorted(reader._alias)
    rnd = random.Random(20200929)
    for _ in range(5000):  # names cut short, run together, and beside letters, digits and spaces
        parts = [rnd.choice(names) for _ in range(rnd.randint(1, 4))]
        texts.append(rnd.choice(["", "a", "9", " "]) + "".join(p[: rnd.randint(1, len(p))] + rnd.choice(["", "x", "1", " ", "的"])
                                                            for p in parts))
    scanned = [reader._scan_names(t) for t in texts]
    assert reader._scans and not reader._pattern  # nothing compiled it yet
    pattern = reader._names()
    assert pattern and not reader._scans  # the compiled pattern reads every text from now on
    assert scanned == [tuple((m.start(), m.end(), *reader._alias[m.group()]) for m in pattern.finditer(t)) for t in texts]
    assert any(scanned) and any(not found for found in scanned)

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

"""The list filter over many articles: titles folded in one go, a growing query searched among
the rows it showed, and never a result that a filter from scratch would not give.

The texts are made up here for the tests."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tui.app import text_index
from tui.app.articles import Entry, Status
from tui.app.text_index import TextIndex, filter_entries
from tui.core.fold import fold_loose

TITLES = [
    "Hà Nội khai trương tuyến buýt điện",
    unicodedata.normalize("NFD", "Đà Nẵng đón khách quốc tế"),
    "  Tin   ngắn\tcuối ngày  ",
    "Giá lúa tăng ở Đồng Tháp",
    "Tiêu đề lạ \0 có ký tự NUL",
]
TEXTS = [
    "Sáng nay, thành phố đưa vào khai thác tuyến xe buýt điện đầu tiên.",
    "Lượng khách quốc tế đến Đà Nẵng tăng mạnh trong quý I.",
    "Ủy ban nhân dân thành phố Hà Nội họp bàn về giá điện.",
    "Nông dân Đồng Tháp phấn khởi vì giá lúa tăng cao.",
    "Một văn bản không liên quan.",
]


def _entries(tmp_path: Path) -> list[Entry]:
    entries = []
    for number, (title, text) in enumerate(zip(TITLES, TEXTS, strict=True)):
        path = tmp_path / f"{number}.txt"
        path.write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        entries.append(Entry(str(path), title))
    entries.append(Entry(str(tmp_path / "gone.txt"), "gone.txt", state=Status.FAILED, reason="no such file"))
    return entries


def test_titles_folded_together_are_folded_as_one_by_one(tmp_path: Path) -> None:
    entries = _entries(tmp_path)
    entries[2].loose_title  # noqa: B018 - one folded already: kept, not folded again
    Entry.fold_titles(entries)
    assert [e.loose_title for e in entries] == [fold_loose(e.title) for e in entries]
    entries[0].set_title("Bản tin mới")
    Entry.fold_titles(entries)
    assert entries[0].loose_title == "ban tin moi"


def test_typing_a_query_gives_what_a_fresh_filter_gives_at_every_step(tmp_path: Path) -> None:
    entries = _entries(tmp_path)
    typed, fresh = TextIndex(), TextIndex()
    typed.fill(e.path for e in entries)
    fresh.fill(e.path for e in entries)
    query = "thanh pho ha noi"
    for end in range(1, len(query) + 1):
        got = filter_entries(entries, query[:end], typed)
        fresh.hits = None  # a filter from scratch
        assert got == filter_entries(entries, query[:end], fresh), query[:end]
    assert [e.path for e in got] == [entries[2].path]  # in its text only, with another spelling of spaces
    assert filter_entries(entries, "Đồng  tháp", typed) == [entries[3]]  # in its title (and text)
    assert filter_entries(entries, "", typed) == entries


def test_texts_read_after_a_query_are_searched_when_it_grows(tmp_path: Path) -> None:
    entries = _entries(tmp_path)
    index = TextIndex()
    assert filter_entries(entries, "buy", index) == [entries[0]]  # by title: no text read yet
    assert filter_entries(entries, "quy", index) == []
    index.fill(e.path for e in entries)  # the texts arrive: what missed before may match now
    assert filter_entries(entries, "quy i", index) == [entries[1]]
    assert filter_entries(entries, "quy ix", index) == []
    assert filter_entries(entries, "ha noi", index) == [entries[0], entries[2]]


def test_a_row_retitled_or_another_list_is_searched_again(tmp_path: Path) -> None:
    entries = _entries(tmp_path)
    index = TextIndex()
    index.fill(e.path for e in entries)
    assert filter_entries(entries, "gia", index) == [entries[2], entries[3]]  # text, then title and text
    entries[4].set_title("Giá vàng hôm nay")  # its analysis found another headline
    assert filter_entries(entries, "gia v", index) == [entries[4]]
    reordered = list(reversed(entries))  # another list (a new order): searched in full
    assert filter_entries(reordered, "gia", index) == [entries[4], entries[3], entries[2]]
    entries[3].state = Status.FAILED  # only its title can match now
    assert filter_entries(entries, "gia lua", index) == [entries[3]]
    assert filter_entries(entries, "gia lua tang cao", index) == []


def test_a_search_over_many_slices_finds_what_a_search_of_each_text_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_index, "_SLICE", 96)  # a few texts per slice, some longer than one
    words = ["sông", "Hồng", "lũ", "về", "nhanh", "đê", "vững", "dân", "an", "toàn"]
    entries = []
    for number in range(60):
        text = " ".join(words[(number * 7 + k * 3) % len(words)] for k in range(number % 40 + 1))
        path = tmp_path / f"{number:02d}.txt"
        path.write_text(f"Tin số {number}\n\n{text}\n", encoding="utf-8")
        entries.append(Entry(str(path), f"Tin số {number}"))
    index = TextIndex(tmp_path)
    index.fill(e.path for e in entries)
    for query in ("song hong", "Lũ về", "de vung", "an toan song", "nhanh dan", "vững đê"):
        expected = [e for e in entries if fold_loose(query).strip() in fold_loose(Path(e.path).read_text())]
        assert filter_entries(entries, query, index) == expected, query
    assert filter_entries(entries, "\0tin so", index) == []  # never a hit across two texts
    index.close()


def test_without_waiting_the_title_hits_show_first_and_the_text_hits_after_the_search(tmp_path: Path) -> None:
    entries = _entries(tmp_path)
    index = TextIndex(tmp_path)
    index.fill(e.path for e in entries)
    assert filter_entries(entries, "ha noi", index, wait_texts=False) == [entries[0]]  # its title
    assert not index.exact("ha noi")
    index.search("ha noi")
    assert filter_entries(entries, "ha noi", index, wait_texts=False) == [entries[0], entries[2]]
    # typed on: the rows whose text held the start show until the search says which still do
    assert filter_entries(entries, "ha noi h", index, wait_texts=False) == [entries[0], entries[2]]
    index.search("ha noi h")
    assert filter_entries(entries, "ha noi h", index, wait_texts=False) == [entries[2]]
    assert filter_entries(entries, "ha noi hx", index, wait_texts=False) == [entries[2]]  # likely, not yet searched
    index.search("ha noi hx")
    assert filter_entries(entries, "ha noi hx", index, wait_texts=False) == []
    index.close()


def test_a_closed_index_reads_no_more_and_finds_nothing(tmp_path: Path) -> None:
    entries = _entries(tmp_path)
    index = TextIndex(tmp_path)
    index.fill(e.path for e in entries[:2])
    index.close()
    index.fill(e.path for e in entries)  # a reading thread still running when the interface ends
    assert index.generation == 2
    assert filter_entries(entries, "gia lua tang cao", index) == []  # no file left to search
    assert sorted(tmp_path.iterdir()) == sorted(tmp_path.glob("*.txt"))  # nothing left beside the articles

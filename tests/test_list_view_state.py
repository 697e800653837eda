"""The list's order and filters without an app: sort keys, read/flagged, date ranges, entity."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from tui.app.articles import Entry, Status
from tui.app.list_view_state import (
    DateError,
    DateRange,
    EntityFilter,
    ListView,
    Shown,
    SortKey,
    arrange,
    parse_bound,
)
from tui.app.text_index import TextIndex
from tui.config import LIST_SORTS, ConfigError, parse_config


def _entries() -> list[Entry]:
    return [
        Entry("/r/b/ba.txt", "Đà Nẵng mở đường", date="03/03/2024", read=True),
        Entry("/r/a/ab.txt", "an toàn giao thông", date="12/01/2024", flagged=True),
        Entry("/r/b/bb.txt", "Ấp Bắc kỷ niệm", date="kỷ niệm ngày truyền thống"),  # a date text, not a date
        Entry("/r/a/aa.txt", "bảo tồn di sản", date="20/02/2023", read=True, flagged=True),
        Entry("/r/a/ac.txt", "Cần Thơ", state=Status.FAILED, reason="cannot read"),
    ]


def _names(rows: list[Entry]) -> list[str]:
    return [Path(e.path).name for e in rows]


SIZES = {"/r/b/ba.txt": 300, "/r/a/ab.txt": 10, "/r/b/bb.txt": 300, "/r/a/aa.txt": 900, "/r/a/ac.txt": 0}


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # folder, then the order found in (stable): a/ before b/
        (SortKey.FOLDER, ["ab.txt", "aa.txt", "ac.txt", "ba.txt", "bb.txt"]),
        # newest first; the date text and the failed row (no date) last, in their found order
        (SortKey.DATE, ["ba.txt", "ab.txt", "aa.txt", "bb.txt", "ac.txt"]),
        # diacritics and case aside: an, Ấp, bảo, Cần, Đà
        (SortKey.TITLE, ["ab.txt", "bb.txt", "aa.txt", "ac.txt", "ba.txt"]),
        # longest first; equal sizes keep the found order
        (SortKey.LENGTH, ["aa.txt", "ba.txt", "bb.txt", "ab.txt", "ac.txt"]),
    ],
)
def test_each_order(key: SortKey, expected: list[str]) -> None:
    rows = arrange(_entries(), ListView(sort=key), TextIndex(), SIZES.__getitem__)
    assert _names(rows) == expected


def test_the_sort_key_cycles_through_every_order_and_the_config_knows_them() -> None:
    seen = [SortKey.FOLDER]
    while (following := seen[-1].next()) is not SortKey.FOLDER:
        seen.append(following)
    assert seen == list(SortKey)
    assert {k.value for k in SortKey} == set(LIST_SORTS)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (Shown.ALL, ["ba.txt", "ab.txt", "bb.txt", "aa.txt", "ac.txt"]),
        (Shown.UNREAD, ["ab.txt", "bb.txt", "ac.txt"]),
        (Shown.READ, ["ba.txt", "aa.txt"]),
        (Shown.FLAGGED, ["ab.txt", "aa.txt"]),
    ],
)
def test_read_unread_flagged(shown: Shown, expected: list[str]) -> None:
    view = ListView(sort=SortKey.LENGTH, shown=shown)  # any order but folder: the found order stays on ties
    rows = arrange(_entries(), view, TextIndex(), lambda path: 1)
    assert _names(rows) == expected


def test_a_date_range_keeps_dated_articles_within_it_ends_included() -> None:
    view = ListView(dates=DateRange(dt.date(2024, 1, 12), dt.date(2024, 3, 3)))
    assert _names(arrange(_entries(), view, TextIndex())) == ["ab.txt", "ba.txt"]
    since_only = ListView(dates=DateRange(since=dt.date(2024, 1, 13)))
    assert _names(arrange(_entries(), since_only, TextIndex())) == ["ba.txt"]
    until_only = ListView(dates=DateRange(until=dt.date(2024, 1, 11)))
    assert _names(arrange(_entries(), until_only, TextIndex())) == ["aa.txt"]


def test_entity_text_and_read_filters_combine() -> None:
    entity = EntityFilter("LOC", "Đà Nẵng", frozenset({"/r/b/ba.txt", "/r/a/aa.txt", "/r/a/ab.txt"}))
    view = ListView(entity=entity)
    assert _names(arrange(_entries(), view, TextIndex())) == ["ab.txt", "aa.txt", "ba.txt"]
    assert _names(arrange(_entries(), replace(view, shown=Shown.READ), TextIndex())) == ["aa.txt", "ba.txt"]
    assert _names(arrange(_entries(), replace(view, query="bao ton"), TextIndex())) == ["aa.txt"]
    assert view.describe().startswith("LOC “Đà Nẵng”") and "esc clears" in view.describe()
    cleared = replace(view, query="x", sort=SortKey.DATE).cleared()
    assert cleared == ListView(sort=SortKey.DATE, query="x")  # the order and the text filter stay
    assert ListView().describe() == "" and not ListView().filtered


@pytest.mark.parametrize(
    ("text", "expected"),
    [("15/03/2024", dt.date(2024, 3, 15)), ("2024-03-15", dt.date(2024, 3, 15)), (" 1.2.2023 ", dt.date(2023, 2, 1))],
)
def test_dates_typed_in_the_forms_the_articles_use(text: str, expected: dt.date) -> None:
    assert parse_bound(text, "since") == expected
    assert parse_bound("  ", "since") is None


@pytest.mark.parametrize("text", ["31/02/2024", "tháng 3", "15/03/2024 và sau", "2024"])
def test_a_date_that_cannot_be_read_names_the_field_and_the_form(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_bound(text, "until")
    assert str(caught.value).startswith(f"until: {text!r} is not a date")
    assert "15/03/2024" in str(caught.value)


def test_config_list_sort_is_checked(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('[list]\nsort = "date"\n', encoding="utf-8")
    assert SortKey(parse_config(good).list_sort) is SortKey.DATE
    bad = tmp_path / "bad.toml"
    bad.write_text('[list]\nsort = "size"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        parse_config(bad)
    assert str(caught.value) == f"{bad}: list.sort = 'size' is not allowed; expected one of folder, date, title, length"

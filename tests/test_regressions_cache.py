"""Bugs the cache could have without the other tests noticing: stale results, entries never extended.

Each test here was checked against the bug it names (introduced by hand, seen to fail, reverted).
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

from tui.core.cache import cache_key, open_cache
from tui.core.loader import content_hash
from tui.core.pipeline import Options, pipeline_version
from tui.core.service import analyse_path

LEAD = Options(algorithm="lead")


def _article(folder: Path) -> Path:
    """A small article with text of its own, so no analysis made by another test can stand in for it."""
    path = folder / "bai.txt"
    path.write_text(
        f"Nhà máy nước mới ở ngoại thành đi vào hoạt động\n\n"
        f"Nhà máy nước mới ở ngoại thành bắt đầu cấp nước cho ba xã từ sáng nay. "
        f"Công suất của nhà máy là 20.000 mét khối mỗi ngày. "
        f"Người dân không còn phải mua nước đóng bình để nấu ăn. (mã {uuid.uuid4().hex})\n",
        encoding="utf-8",
    )
    return path


def test_the_key_changes_with_the_pipeline_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README promises results are never stale: a new pipeline must not read old entries."""
    digest = content_hash(b"the same bytes")
    assert cache_key(digest, LEAD) == cache_key(digest, LEAD)  # a key is stable
    # Replace the version where the key is computed, whichever module that is.
    keys_module = sys.modules[cache_key.__module__]
    monkeypatch.setattr(keys_module, "pipeline_version", lambda: "an older pipeline")
    older = cache_key(digest, LEAD)
    monkeypatch.setattr(keys_module, "pipeline_version", lambda: "a newer pipeline")
    assert cache_key(digest, LEAD) != older


def test_pipeline_version_is_a_digest_of_the_code() -> None:
    version = pipeline_version()
    assert len(version) == 12 and int(version, 16) >= 0


def test_an_entry_is_extended_with_a_new_algorithm(tmp_path: Path) -> None:
    """Summarising a cached article with a second algorithm must store that summary too."""
    path = str(_article(tmp_path))
    cache = open_cache(folder=tmp_path / "cache")
    try:
        first = analyse_path(path, LEAD, ("lead",), entities=False, cache=cache)
        assert set(first.summaries) == {"lead"}
        second = analyse_path(path, LEAD, ("ranker",), entities=False, cache=cache)
        assert set(second.summaries) == {"lead", "ranker"}
    finally:
        cache.close()

    reopened = open_cache(folder=tmp_path / "cache")
    try:
        key = cache_key(content_hash(Path(path).read_bytes()), LEAD)
        stored = reopened.get(key, path)
        assert stored is not None and set(stored.summaries) == {"lead", "ranker"}
        assert stored.entities is None
        assert reopened.headers()[key].algorithms == frozenset({"lead", "ranker"})
    finally:
        reopened.close()


def test_an_entry_is_extended_with_entities(tmp_path: Path) -> None:
    path = str(_article(tmp_path))
    cache = open_cache(folder=tmp_path / "cache")
    try:
        analyse_path(path, LEAD, ("lead",), entities=False, cache=cache)
        analyse_path(path, LEAD, ("lead",), entities=True, cache=cache)
        stored = cache.get(cache_key(content_hash(Path(path).read_bytes()), LEAD), path)
    finally:
        cache.close()
    assert stored is not None and stored.entities is not None and set(stored.summaries) == {"lead"}

from __future__ import annotations

from pathlib import Path

import pytest

from tui import index as batch
from tui.config import Config
from tui.core.cache import open_cache

CONFIG = Config(algorithm="lead")


@pytest.fixture
def folder(tmp_path: Path, seeds_copy: Path) -> Path:
    (seeds_copy / "empty.txt").write_bytes(b"")
    return seeds_copy


def test_index_fills_the_cache_and_reports(folder: Path, capsys) -> None:
    assert batch.run_index([str(folder)], CONFIG, jobs=2) == 1  # the empty file failed
    err = capsys.readouterr().err
    assert "5 analysed, 0 already cached, 1 failed" in err
    assert "empty.txt: empty file" in err
    assert open_cache().count() == 5
    assert batch.run_index([str(folder)], CONFIG, jobs=2) == 1
    assert "0 analysed, 5 already cached" in capsys.readouterr().err


def test_interrupted_index_keeps_what_is_done(folder: Path, capsys, monkeypatch) -> None:
    stored: list[int] = []
    real_store = batch._store

    def store_then_interrupt(future, cache, report) -> None:
        real_store(future, cache, report)
        stored.append(1)
        if len(stored) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(batch, "_store", store_then_interrupt)
    assert batch.run_index([str(folder)], CONFIG, jobs=1) == 130
    err = capsys.readouterr().err
    assert "interrupted" in err and "2 analysed" in err
    assert open_cache().count() == 2
    monkeypatch.setattr(batch, "_store", real_store)
    batch.run_index([str(folder)], CONFIG, jobs=1)
    assert "3 analysed, 2 already cached" in capsys.readouterr().err


def test_index_never_touches_articles(folder: Path) -> None:
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    batch.run_index([str(folder)], CONFIG, jobs=1)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_entries_without_entities_are_completed(folder: Path, capsys) -> None:
    """The interface caches an article's summary alone when the reader moves on before its entities
    are found: `index` must finish those, keeping the other summaries they hold."""
    from tui.core.service import analyse_path

    first = sorted(p for p in folder.iterdir() if p.name != "empty.txt")[0]
    cache = open_cache()
    analyse_path(str(first), CONFIG.options, ("lead", "lexrank"), entities=False, cache=cache)
    cache.close()
    batch.run_index([str(folder)], CONFIG, jobs=1)
    assert "5 analysed, 0 already cached" in capsys.readouterr().err
    cache = open_cache()
    key = cache.file_key(str(first), CONFIG.options)
    assert key is not None
    completed = cache.get(key, str(first))
    assert completed is not None and completed.entities is not None
    assert {"lead", "lexrank"} <= set(completed.summaries)


def _segmenter_loaded() -> bool:
    from tui.core import fast_tokenize

    return fast_tokenize._segmenter.cache_info().currsize == 1


def test_index_workers_start_with_the_models_their_forkserver_loaded() -> None:
    from tui.core.pipeline import Options
    from tui.index import _Runs, analyse_for_index

    runs = _Runs([], 1, analyse_for_index, Options())
    try:
        assert runs.pool.submit(_segmenter_loaded).result(timeout=120)  # before any analysis ran there
    finally:
        runs.pool.shutdown()

"""While a scanned PDF is read by OCR, the reader sees which page, not only "Analysing…"."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from app_helpers import (  # noqa: F401
    SIZE,
    articles,
    isolated_env,
    make_app,
    make_config,
    names_as_entities,
    reader,
    wait_for,
)
from readers_fixtures import FONT
from test_readers_same import scan_lines, write_scan

from tui.app.analyser import Analyser
from tui.app.articles import raw_start
from tui.app.jobs import make_analyse_fn
from tui.app.widgets.article_view import ArticleView
from tui.app.worker_setup import listen_for_pages, page_progress
from tui.core.readers import ocr


async def test_the_page_being_read_shows_in_the_header(articles: Path) -> None:
    slow = str(articles / "b_da_nang.txt")
    release = threading.Event()

    def analyse(path: str, algorithms: tuple[str, ...], entities: bool):
        if path == slow:
            report = page_progress(path)
            assert report is not None  # the analyser's workers listen for pages
            report(2, 7)
            release.wait(30)
        return names_as_entities(path, algorithms, entities)

    app = make_app([str(articles)], analyse=analyse)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: screen.current is not None and screen.current in screen.library)
        view = screen.query_one(ArticleView)
        await pilot.press("j", "enter")
        await wait_for(pilot, lambda: "Reading page 2 of 7 by OCR" in view.header_content().plain)
        await pilot.pause(0.5)  # the note stays: no "Analysing…" timer replaces it
        assert "Reading page 2 of 7" in view.header_content().plain
        release.set()
        await wait_for(pilot, lambda: slow in screen.library)
        assert "Reading page" not in view.header_content().plain


def test_a_worker_reports_pages_only_to_its_own_listener() -> None:
    import queue

    listen_for_pages(None)
    assert page_progress("a.pdf") is None
    pages: queue.Queue[tuple[str, int, int]] = queue.Queue()
    listen_for_pages(pages)
    try:
        report = page_progress("a.pdf")
        assert report is not None
        report(1, 3)
        assert pages.get_nowait() == ("a.pdf", 1, 3)
        other: list[object] = []
        thread = threading.Thread(target=lambda: other.append(page_progress("b.pdf")))
        thread.start()
        thread.join()
        assert other == [None]  # another thread has not joined this channel
    finally:
        listen_for_pages(None)


def test_the_raw_text_of_a_word_or_pdf_file_is_not_shown(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"\x00binary" * 100)
    text = tmp_path / "report.txt"
    text.write_text("Tiêu đề\n\nNội dung.", encoding="utf-8")
    assert raw_start(str(pdf)) == ""
    assert raw_start(str(text)).startswith("Tiêu đề")


@pytest.mark.skipif(not FONT.exists(), reason="DejaVu Sans is needed to write Vietnamese PDFs")
@pytest.mark.skipif(not ocr.available(), reason="tesseract with the Vietnamese model is not installed")
def test_the_real_pipeline_reports_ocr_pages_through_the_analyser(tmp_path: Path) -> None:
    from tui.app.jobs import Job, JobKind, Outcome

    path = str(write_scan(tmp_path / "scan.pdf", scan_lines()[:3]))
    seen: list[tuple[str, int, int]] = []
    done = threading.Event()
    outcomes: list[Outcome] = []

    def deliver(outcome: Outcome) -> None:
        outcomes.append(outcome)
        done.set()

    analyser = Analyser(make_analyse_fn(make_config().options, use_cache=False), deliver, 1, context="thread")
    analyser.on_page = lambda *note: seen.append(note)
    analyser.start()
    try:
        analyser.open(path, "ranker", full=False)
        assert done.wait(60)
    finally:
        analyser.shutdown()
    assert outcomes[0].job == Job(path, JobKind.SUMMARY, ("ranker",)) and outcomes[0].analysis is not None
    assert seen == [(path, 1, 1)]

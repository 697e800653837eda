"""Reading flows at 80x24 and 120x40: open, highlights, entities, copy, summary length and algorithm."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import SIZE, SIZES, articles, isolated_env, make_app, reader, wait_for, wait_for_summary  # noqa: F401

from tui.app.library import Entities
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.article_view import KEY_STYLE, MARK_STYLE, NEXT_STYLE, ArticleView
from tui.app.widgets.entity_panel import EntityPanel
from tui.app.widgets.status_bar import StatusBar
from tui.app.widgets.summary_pane import SummaryPane
from tui.core import export
from tui.core.summarize import ALGORITHMS, select


def _spans(view: ArticleView, style_part: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in view.body_content().spans if style_part in str(s.style)]


async def test_move_and_open(articles: Path) -> None:
    app = make_app([str(articles)])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        listing = screen.query_one(ArticleList)
        await wait_for_summary(pilot)  # the first article opens by itself
        first = screen.current
        assert first is not None and first.endswith("a_thai_nguyen.txt")
        await pilot.press("j")
        assert listing.highlighted == 1
        await pilot.press("k", "j", "enter")
        second = str(articles / "b_da_nang.txt")
        await wait_for_summary(pilot, second)
        analysis = screen.library.analysis(second)
        header = screen.query_one(ArticleView).header_content().plain
        assert "Đà Nẵng khởi công tuyến đường ven biển" in header
        expected = export.summary_text(analysis, screen.algorithm, screen.count)
        assert screen.query_one(SummaryPane).text == expected
        assert expected and expected.split()[0] in screen.query_one(SummaryPane).shown
        await pilot.press("G")
        assert listing.highlighted == listing.row_count - 1
        await pilot.press("g")
        assert listing.highlighted == 0
        status = screen.query_one(StatusBar).render_status().plain
        assert "3 articles" in status


async def test_key_sentences_are_bold_reverse_in_place(articles: Path) -> None:
    app = make_app([str(articles)])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        view = screen.query_one(ArticleView)
        analysis = screen.library.analysis(screen.current)
        summary = analysis.summaries[screen.algorithm]
        key = _spans(view, KEY_STYLE)
        shown = {view.text[a:b] for a, b in key}
        chosen = select(summary.scores, screen.count)
        assert len(chosen) == screen.count
        for index in chosen:
            assert analysis.sentences[index].text in shown
        ranks = {s.index: s.rank for s in summary.scores}
        next_ranked = [s for s in analysis.sentences if screen.count < ranks[s.index] <= 2 * screen.count]
        underlined = {view.text[a:b] for a, b in _spans(view, NEXT_STYLE)}
        assert {s.text for s in next_ranked} <= underlined
        assert "bold" in KEY_STYLE and "reverse" in KEY_STYLE  # never colour alone


@pytest.mark.parametrize("size", SIZES)
async def test_entity_select_marks_mentions_and_n_moves(articles: Path, size: tuple[int, int]) -> None:
    app = make_app([str(articles)])
    async with app.run_test(size=size) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        panel = screen.query_one(EntityPanel)
        if not screen.entities_visible():
            await pilot.press("e")  # 80 columns: the panel is a toggle
        assert screen.entities_visible() and panel.display
        panel.focus()
        await pilot.pause()
        chosen = panel.groups[panel.get_option_at_index(panel.highlighted).id]
        assert chosen.name == "Trịnh Việt Hùng"
        await pilot.press("enter")
        view = screen.query_one(ArticleView)
        marked = _spans(view, MARK_STYLE)
        assert [view.text[a:b] for a, b in marked] == ["Trịnh Việt Hùng", "Trịnh Việt Hùng"]
        assert view.current == 0
        assert "Trịnh Việt Hùng 1/2" in screen.query_one(StatusBar).render_status().plain
        await pilot.press("n")
        assert view.current == 1
        assert "Trịnh Việt Hùng 2/2" in screen.query_one(StatusBar).render_status().plain
        await pilot.press("n")
        assert view.current == 0  # wraps round
        await pilot.press("N")
        assert view.current == 1
        # the role is shown with the person, the count with each entity
        assert "Chủ tịch" in panel.get_option_at_index(panel.highlighted).prompt.plain
        assert "×2" in panel.get_option_at_index(panel.highlighted).prompt.plain


async def test_copy_puts_the_summary_on_the_clipboard(articles: Path) -> None:
    app = make_app([str(articles)])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        await pilot.press("c")
        analysis = screen.library.analysis(screen.current)
        assert app.clipboard == export.summary_text(analysis, screen.algorithm, screen.count)
        assert app.clipboard == screen.query_one(SummaryPane).text
        assert "sent to the clipboard" in screen.query_one(StatusBar).render_status().plain
        await pilot.press("C")
        assert app.clipboard.startswith("## Thái Nguyên tổng kết")
        assert f"`{screen.current}`" in app.clipboard
        assert "Trịnh Việt Hùng (Chủ tịch" in app.clipboard


async def test_length_and_algorithm_change_the_summary(articles: Path) -> None:
    app = make_app([str(articles)])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        pane = screen.query_one(SummaryPane)
        analysis = screen.library.analysis(screen.current)
        start = screen.count
        before = pane.text
        await pilot.press("plus")
        assert screen.count == start + 1
        assert pane.text == export.summary_text(analysis, screen.algorithm, start + 1) != before
        assert f"{start + 1} sentences" in str(pane.border_title)
        await pilot.press("minus", "minus")
        assert screen.count == start - 1
        assert len(export.summary_sentences(analysis, screen.algorithm, screen.count)) == start - 1
        first = screen.algorithm
        await pilot.press("a")
        expected = ALGORITHMS[(ALGORITHMS.index(first) + 1) % len(ALGORITHMS)]
        assert screen.algorithm == expected
        await wait_for(pilot, lambda: expected in screen.library.analysis(screen.current).summaries)
        assert expected in str(pane.border_title)
        updated = screen.library.analysis(screen.current)
        assert pane.text == export.summary_text(updated, expected, screen.count)


async def test_find_in_article_marks_hits_without_diacritics(articles: Path) -> None:
    app = make_app([str(articles)])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        await pilot.press("f")
        await pilot.press(*"doi so")
        view = screen.query_one(ArticleView)
        assert [view.text[a:b] for a, b in view.marks] == ["đổi số"] * len(view.marks)
        assert len(view.marks) >= 2
        await pilot.press("enter")
        assert screen.focused is view and view.current == 0
        await pilot.press("n")
        assert view.current == 1


async def test_resize_keeps_the_selection(articles: Path) -> None:
    app = make_app([str(articles)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        await pilot.press("j", "enter")
        await wait_for_summary(pilot, str(articles / "b_da_nang.txt"))
        listing = screen.query_one(ArticleList)
        # The layout changes when the resize event has gone through, a moment after the key
        # (a loaded machine may take longer than one idle pause): wait for it, then check.
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: screen.has_class("-narrow"), timeout=10)
        assert listing.highlighted == 1 and screen.current.endswith("b_da_nang.txt")
        await pilot.resize_terminal(120, 40)
        await wait_for(pilot, lambda: not screen.has_class("-narrow"), timeout=10)
        assert listing.highlighted == 1 and screen.entities_visible()


async def test_a_second_full_analysis_leaves_the_panel_where_the_reader_is(articles: Path) -> None:
    """The panel's entities come from the front worker; the background pass analysing the same
    article later must not reset the panel under the reader."""
    from dataclasses import replace

    from tui.app.jobs import Job, JobKind, Outcome
    from tui.app.messages import AnalysisDone

    app = make_app([str(articles)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        panel = screen.query_one(EntityPanel)
        panel.focus()
        await pilot.press("j")
        highlighted = panel.highlighted
        assert highlighted is not None and highlighted > 0
        held = screen.library.analysis(screen.current)
        again = replace(held, groups=tuple(held.groups or ()))
        screen.post_message(AnalysisDone(Outcome(Job(screen.current, JobKind.FULL, (screen.algorithm,)), again)))
        await pilot.pause()
        assert screen.library.analysis(screen.current) is held
        assert panel.highlighted == highlighted


async def test_a_slow_analysis_says_so_then_shows_the_file_as_it_is(
    articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A summary that comes at once replaces the last article directly; one that does not is
    announced after a moment, and the file's own text follows while the reader waits."""
    import threading

    from app_helpers import names_as_entities

    from tui.app.screens import waiting

    # Longer delays than the product's keep the "no flash" check true on a loaded machine; the
    # steps after it poll, so they do not depend on how long a key press takes to go through.
    monkeypatch.setattr(waiting, "WAITING_AFTER", 1.0)
    monkeypatch.setattr(waiting, "RAW_TEXT_AFTER", 1.0)
    slow = str(articles / "b_da_nang.txt")
    release = threading.Event()

    def analyse(path: str, algorithms: tuple[str, ...], entities: bool):
        if path == slow:
            release.wait(30)
        return names_as_entities(path, algorithms, entities)

    app = make_app([str(articles)], analyse=analyse)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        view, pane = screen.query_one(ArticleView), screen.query_one(SummaryPane)
        before = view.header_content().plain
        await pilot.press("j", "enter")
        assert screen.current == slow
        assert view.header_content().plain == before  # no flash of a placeholder
        await wait_for(pilot, lambda: "Analysing…" in view.header_content().plain)
        assert "Đà Nẵng" in view.header_content().plain
        assert "Summarising…" in pane.shown
        # Empty, or already the file as it is (a loaded machine may pass both moments at once),
        # but never the last article's text.
        body = view.body_content().plain
        assert body == "" or ("Đà Nẵng" in body and "Thái Nguyên" not in body)
        await wait_for(pilot, lambda: "giải phóng mặt bằng" in view.body_content().plain)  # the file as it is
        release.set()
        await wait_for_summary(pilot, slow)
        assert "Analysing…" not in view.header_content().plain
        assert pane.text and pane.text in pane.shown


async def test_entities_found_on_a_later_attempt_replace_the_failure(articles: Path) -> None:
    """The panel's attempt fails, the background pass's succeeds: the entities show. A failure
    arriving after a success is ignored."""
    from app_helpers import names_as_entities

    from tui.app.jobs import Job, JobKind, Outcome
    from tui.app.messages import AnalysisDone

    def flaky(path: str, algorithms: tuple[str, ...], entities: bool):
        if entities:
            raise MemoryError("out of memory")
        return names_as_entities(path, algorithms, entities)

    app = make_app([str(articles)], analyse=flaky)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        path = screen.current
        panel = screen.query_one(EntityPanel)
        if not screen.entities_visible():
            await pilot.press("e")
        await wait_for(pilot, lambda: screen.library.entities(path) is Entities.FAILED)
        assert "Entities unavailable" in panel.get_option_at_index(0).prompt.plain
        job = Job(path, JobKind.FULL, (screen.algorithm,))
        found = names_as_entities(path, (screen.algorithm,), True)
        screen.post_message(AnalysisDone(Outcome(job, found)))
        await pilot.pause()
        assert screen.library.entities(path) is Entities.FOUND and screen.library.analysis(path).groups
        shown = panel.option_count
        assert shown > len(found.groups or ())  # the groups, with their headers
        held = screen.library.analysis(path)
        screen.post_message(AnalysisDone(Outcome(job, found, entity_error="MemoryError: again")))
        await pilot.pause()
        assert screen.library.analysis(path) is held and panel.option_count == shown


async def test_entities_failing_after_the_summary_say_so(articles: Path) -> None:
    """The summary comes first ("Finding entities…"), then the entity search fails: the panel
    must not keep promising entities."""
    import threading

    from app_helpers import names_as_entities

    slow = str(articles / "b_da_nang.txt")
    release = threading.Event()

    def analyse(path: str, algorithms: tuple[str, ...], entities: bool):
        if path == slow and entities:
            release.wait(30)
            raise MemoryError("out of memory")
        return names_as_entities(path, algorithms, entities)

    app = make_app([str(articles)], analyse=analyse)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        screen.open_article(slow)
        await wait_for(pilot, lambda: slow in screen.library)
        await pilot.press("e")
        panel = screen.query_one(EntityPanel)
        assert "Finding entities" in panel.get_option_at_index(0).prompt.plain
        release.set()
        await wait_for(pilot, lambda: screen.library.entities(slow) is Entities.FAILED)
        assert "Entities unavailable" in panel.get_option_at_index(0).prompt.plain

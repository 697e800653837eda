"""The corpus in the interface: its entities (p), the list filtered by one, the figures (F), digests (D),
and the palette's article and entity jumps."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import app_helpers
import pytest
from app_helpers import SIZES, make_app, make_config, reader, run_from_palette, wait_for

from tui.app.articles import Status
from tui.app.jobs import analyse_article
from tui.app.screens.corpus import CorpusScreen
from tui.app.screens.figures import FiguresScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.row_table import RowTable
from tui.app.widgets.status_bar import StatusBar
from tui.core.model import Analysis, Entity, EntityGroup

isolated_env = app_helpers.isolated_env

# Written for these tests. Nguyễn Văn An is named in a and c (as "ông An" too in c), Hà Nội in b and c.
CORPUS = {
    "a_hoi_nghi.txt": (
        "Hội nghị tổng kết công tác cải cách hành chính\n\nThứ hai, 15/01/2024 08:30\n\n"
        "Ông Nguyễn Văn An, Chủ tịch Ủy ban nhân dân huyện, chủ trì hội nghị tổng kết năm. "
        "Năm qua huyện đã giải quyết 1.250 hồ sơ trực tuyến đúng hạn cho người dân.\n"
    ),
    "b_thu_do.txt": (
        "Hà Nội mở thêm tuyến xe buýt điện\n\nThứ ba, 20/02/2024 09:00\n\n"
        "Thành phố Hà Nội đưa vào khai thác thêm 3 tuyến xe buýt điện nối các quận nội thành. "
        "Mỗi tuyến có 12 xe chạy từ năm giờ sáng đến mười giờ đêm.\n"
    ),
    "c_tiep_xuc.txt": (
        "Cử tri gặp gỡ đại biểu trước kỳ họp\n\nThứ tư, 06/03/2024 14:00\n\n"
        "Ông Nguyễn Văn An, Bí thư Huyện ủy, tiếp xúc cử tri tại Hà Nội chiều nay. "
        "Cử tri đề nghị ông An quan tâm tới 45 hộ dân chưa được cấp giấy chứng nhận.\n"
    ),
}

NAMES: tuple[tuple[str, tuple[str, ...], dict[str, str]], ...] = (
    ("PER", ("Nguyễn Văn An", "ông An"), {"a": "Chủ tịch Ủy ban nhân dân huyện", "c": "Bí thư Huyện ủy"}),
    ("LOC", ("Hà Nội",), {}),
    ("NUM", ("1.250 hồ sơ", "3 tuyến", "12 xe", "45 hộ dân"), {}),
)


def with_names(path: str, algorithms: tuple[str, ...], entities: bool) -> Analysis:
    """The real summary; entity groups for the names above found by string search (fast, stable)."""
    analysis = analyse_article(path, algorithms, False, options=make_config().options, use_cache=False)
    if not entities:
        return replace(analysis, entities=None, groups=None)
    text, letter = analysis.document.text, Path(path).name[0]
    groups = []
    for kind, names, roles in NAMES:
        found = [(text.find(n), n) for n in names if n in text]
        if kind == "NUM":
            groups += [EntityGroup(kind, n, (Entity(kind, at, at + len(n), n),), context=n) for at, n in found]
        elif found:
            mentions = tuple(Entity(kind, at, at + len(n), n) for at, n in found)
            groups.append(EntityGroup(kind, names[0], mentions, role=roles.get(letter)))
    return replace(analysis, entities=tuple(m for g in groups for m in g.mentions), groups=tuple(groups))


@pytest.fixture
def corpus(isolated_env: Path) -> list[str]:
    folder = isolated_env / "corpus"
    folder.mkdir()
    for name, text in CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(p) for p in sorted(folder.glob("*.txt"))]


def _letters(app) -> list[str]:
    return [Path(p).name[0] for p in reader(app).query_one(ArticleList).paths]


async def _all_done(pilot) -> None:
    await wait_for(pilot, lambda: all(e.state is Status.DONE for e in reader(pilot.app).library.entries))


async def _corpus_rows(pilot) -> RowTable:
    await pilot.press("p")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CorpusScreen) and pilot.app.screen.shown is not None)
    return pilot.app.screen.query_one(RowTable)


@pytest.mark.parametrize("size", SIZES)
async def test_entities_across_articles_filter_the_list_and_mark_the_mentions(corpus: list[str], size) -> None:
    app = make_app(corpus, analyse=with_names)
    async with app.run_test(size=size) as pilot:
        await _all_done(pilot)
        table = await _corpus_rows(pilot)
        by_name = {e.name: e for e in table.rows}
        an = by_name["Nguyễn Văn An"]
        assert (an.articles, an.mentions) == (2, 3)
        assert table.rows[0].articles == 2  # most widely named first
        line = table._render_row(an, 100).plain
        assert "Chủ tịch Ủy ban nhân dân huyện (15/01/2024); Bí thư Huyện ủy (06/03/2024)" in line
        await pilot.press(*"nguyen van")  # typed into the search box at once; diacritics optional
        await wait_for(pilot, lambda: [e.name for e in table.rows] == ["Nguyễn Văn An"])
        assert "2 articles, 3 mentions" in str(app.screen.query_one("#corpus-detail").render())
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, CorpusScreen))
        assert _letters(app) == ["a", "c"]
        status = reader(app).query_one(StatusBar).render_status().plain
        assert "PER “Nguyễn Văn An”" in status and "esc clears" in status
        await pilot.press("j", "enter")  # c: its two mentions (full name, ông An) are marked
        view = reader(app).query_one(ArticleView)
        await wait_for(pilot, lambda: reader(app).current == corpus[2] and view.mark_label == "Nguyễn Văn An")
        await pilot.press("n")
        assert "Nguyễn Văn An 2/2" in reader(app).query_one(StatusBar).render_status().plain
        await pilot.press("escape")
        assert _letters(app) == ["a", "b", "c"]


async def test_corpus_screen_grows_as_articles_are_analysed_and_types_cycle(corpus: list[str]) -> None:
    gate = threading.Event()

    def first_one_at_once(path: str, algorithms: tuple[str, ...], entities: bool) -> Analysis:
        if path != corpus[0]:
            gate.wait(30)  # b and c finish while the corpus screen shows
        return with_names(path, algorithms, entities)

    app = make_app(corpus, analyse=first_one_at_once)
    async with app.run_test(size=SIZES[0]) as pilot:
        library = reader(app).library
        await wait_for(pilot, lambda: library.by_path[corpus[0]].state is Status.DONE)
        table = await _corpus_rows(pilot)
        assert "Hà Nội" not in {e.name for e in table.rows}  # named in b and c only
        assert "1 articles with entities" in str(app.screen.query_one("#corpus-title").render())
        gate.set()
        await wait_for(pilot, lambda: any(e.name == "Hà Nội" and e.articles == 2 for e in table.rows))
        await pilot.press("ctrl+t")  # people only
        assert {e.type for e in table.rows} == {"PER"}
        await pilot.press("escape")
        assert not isinstance(app.screen, CorpusScreen)


async def test_figures_table_opens_the_article_at_the_figure(corpus: list[str]) -> None:
    app = make_app(corpus, analyse=with_names)
    async with app.run_test(size=SIZES[0]) as pilot:
        await _all_done(pilot)
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, FiguresScreen))
        table = app.screen.query_one(RowTable)
        assert [f.text for f in table.rows] == ["1.250 hồ sơ", "3 tuyến", "12 xe", "45 hộ dân"]
        first = table._render_row(table.rows[0], 80).plain
        assert first.startswith("1.250") and "hồ sơ" in first and "15/01/2024" in first
        await pilot.press("j", "j", "enter")
        view = reader(app).query_one(ArticleView)
        await wait_for(pilot, lambda: reader(app).current == corpus[1] and view.mark_label == "12 xe")


async def test_palette_jumps_to_an_article_and_to_an_entity(corpus: list[str]) -> None:
    app = make_app(corpus, analyse=with_names)
    async with app.run_test(size=SIZES[0]) as pilot:
        await _all_done(pilot)
        await run_from_palette(pilot, "xe buyt dien")
        await wait_for(pilot, lambda: reader(app).current == corpus[1])
        await run_from_palette(pilot, "nguyen van an")  # a name no title holds
        await wait_for(pilot, lambda: _letters(app) == ["a", "c"])


async def test_digest_of_the_listed_articles_saved_by_the_rules_of_s(
    corpus: list[str], isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {p: Path(p).read_bytes() for p in corpus}
    app = make_app(corpus, analyse=with_names)
    async with app.run_test(size=SIZES[0]) as pilot:
        await _all_done(pilot)
        reader(app).choose_entity(next(e for e in reader(app).library.corpus.rows().entities if e.name == "Hà Nội"))
        assert _letters(app) == ["b", "c"]
        await pilot.press("D")
        saves = isolated_env / "saves"
        await wait_for(pilot, lambda: saves.is_dir() and any(saves.iterdir()))
        [saved] = list(saves.iterdir())
        assert saved.name.startswith("digest-") and saved.suffix == ".md"
        text = saved.read_text(encoding="utf-8")
        assert "Hà Nội mở thêm tuyến xe buýt điện" in text and "Cử tri gặp gỡ đại biểu" in text
        assert "cải cách hành chính" not in text  # a is not listed
        await wait_for(pilot, lambda: any(saved.name in n.message for n in app._notifications))
        # a save folder among the articles is not used: the digest goes to the data folder
        monkeypatch.setenv("REPORTS_TUI_SAVE_DIR", str(Path(corpus[0]).parent))
        await run_from_palette(pilot, "digest as word")  # the palette offers every format
        fallback = isolated_env / "xdg_data_home" / "reports-tui" / "summaries"
        await wait_for(pilot, lambda: fallback.is_dir() and any(fallback.iterdir()))
    [word] = list(fallback.iterdir())
    from docx import Document

    headings = [p.text for p in Document(str(word)).paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert headings == ["Hà Nội mở thêm tuyến xe buýt điện", "Cử tri gặp gỡ đại biểu trước kỳ họp"]
    assert {p: Path(p).read_bytes() for p in corpus} == before
    assert sorted(p.name for p in Path(corpus[0]).parent.iterdir()) == sorted(CORPUS)


def test_names_and_titles_reach_the_tables_as_text_never_as_control_sequences() -> None:
    from tui.app.screens.corpus import entity_row
    from tui.app.screens.figures import FiguresScreen
    from tui.core.corpus import corpus_entities
    from tui.core.figures import Figure

    hostile = "Lê \x1b]0;TITLE\x07Văn [b]Tám[/b]"
    group = EntityGroup("PER", hostile, (Entity("PER", 0, len(hostile), hostile),), role="Giám đốc\x1b[2J")
    from corpus_fixtures import article

    [entity] = corpus_entities([("/r/x.txt", replace(article("/r/x.txt", hostile, []), groups=(group,)))])
    row = entity_row(entity, 100).plain
    assert "\x1b" not in row and "\x07" not in row and "␛" in row and "[b]Tám[/b]" in row
    figure = Figure("12 xe\x1b[31m", 12.0, "", "xe", "clause", "/r/x.txt", None, 0, 5)
    screen = FiguresScreen([figure], lambda path: "Tựa \x1b]52;c;aGk=\x07 đề")
    line = screen.figure_row(figure, 100).plain
    assert "\x1b" not in line and "\x07" not in line and "Tựa" in line


def test_a_large_archive_gathers_its_corpus_only_when_the_screen_is_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    """Up to GATHER_AHEAD_UP_TO articles the cached entities are read ahead, after a pause; past it
    start-up adds no such work (the corpus screen reads them when first opened)."""
    from tui.app.articles import Entry
    from tui.app.library import Library
    from tui.app.screens import corpus_actions

    class Screen:
        def __init__(self, count: int) -> None:
            self.library = Library([Entry(f"/a/{n}.txt", f"{n}.txt") for n in range(count)])
            self.timers: list[float] = []

        def fill_corpus(self) -> None:
            raise AssertionError("gathered at once")

        def set_timer(self, delay: float, callback: object) -> None:
            self.timers.append(delay)

    monkeypatch.setattr(corpus_actions, "GATHER_AHEAD_UP_TO", 3)
    small, large = Screen(3), Screen(4)
    corpus_actions.CorpusActions.fill_corpus_soon(small)  # type: ignore[arg-type]
    corpus_actions.CorpusActions.fill_corpus_soon(large)  # type: ignore[arg-type]
    assert small.timers == [corpus_actions.GATHER_AFTER] and large.timers == []

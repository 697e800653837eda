"""The list filter (diacritics optional), the keymap, help and the command palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import SIZE, articles, isolated_env, make_app, reader, run_from_palette, wait_for, wait_for_summary  # noqa: F401

from tui.app.keys import check_keymap, key_rows, markdown_table
from tui.app.text_index import IndexState
from tui.app.widgets.article_list import ArticleList
from tui.config import ConfigError


def _titles(listing: ArticleList) -> list[str]:
    return [Path(p).name for p in listing.paths]


async def test_filter_with_and_without_diacritics(articles: Path) -> None:
    app = make_app([str(articles)])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        listing = screen.query_one(ArticleList)
        await wait_for_summary(pilot)
        await pilot.press("slash", *"thai nguyen")
        await pilot.press("enter")
        assert _titles(listing) == ["a_thai_nguyen.txt"]
        assert screen.focused is listing
        bar = screen.query_one("#filter")
        await wait_for(pilot, lambda: screen.index.state is IndexState.READY)  # texts are read after the first `/`
        await pilot.press("slash")
        assert bar.value == "thai nguyen"  # the bar keeps the query
        for query, expected in (
            ("Đà Nẵng", ["b_da_nang.txt"]),  # with diacritics
            ("phong vien", ["c_brackets.txt"]),  # words of the text, not only titles
            ("duong ven bien", ["b_da_nang.txt"]),  # d matches đ
            ("khong co dau", []),
        ):
            await pilot.press("slash")
            bar.value = query
            await pilot.press("enter")  # the title hits at once, the text hits from a worker

            def shown(expected: list[str] = expected) -> bool:
                return _titles(listing) == expected

            await wait_for(pilot, shown)
        assert "filter “khong co dau”: 0" in screen.query_one("#status").render_status().plain
        await pilot.press("slash", "escape")
        await wait_for(pilot, lambda: len(listing.paths) == 3)
        assert screen.focused is listing


async def test_keymap_remaps_a_binding(articles: Path) -> None:
    app = make_app([str(articles)], keymap={"copy-summary": "y", "toggle-entities": "ctrl+e"})
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        await pilot.press("c")
        assert app.clipboard == ""
        await pilot.press("y")
        assert app.clipboard and app.clipboard == screen.query_one("#summary").text
        shown = screen.entities_visible()
        await pilot.press("ctrl+e")
        assert screen.entities_visible() is not shown
        rows = {row.id: row.display for row in key_rows(app.keymap)}
        assert rows["copy-summary"] == "y"


@pytest.mark.parametrize(
    ("keymap", "named"),
    [({"copy-summary": "j"}, "keymap.copy-summary"), ({"cursor-down": "c"}, "keymap.cursor-down")],
)
def test_keymap_key_that_a_pane_takes_is_rejected(keymap: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        check_keymap(keymap, "/home/me/.config/reports-tui/config.toml")
    message = str(caught.value)
    assert message.startswith("/home/me/.config/reports-tui/config.toml: " + named)
    assert "cursor-down" in message and "copy-summary" in message and "list" in message
    check_keymap({**keymap, "cursor-down": "x"} if "copy-summary" in keymap else {**keymap, "copy-summary": "y"}, "c")


def test_unknown_keymap_id_names_the_config_file(isolated_env: Path) -> None:
    with pytest.raises(ConfigError) as error:
        check_keymap({"copy-sumary": "y"}, "/home/me/.config/reports-tui/config.toml")
    message = str(error.value)
    assert "/home/me/.config/reports-tui/config.toml" in message and "copy-sumary" in message
    assert "copy-summary" in message  # the known ids are listed
    with pytest.raises(ConfigError):
        make_app([], keymap={"nope": "x"})


def test_unknown_theme_stops_with_the_key_and_the_allowed_names(isolated_env: Path) -> None:
    with pytest.raises(ConfigError) as error:
        make_app([], theme="textual-drak", source="/home/me/config.toml")
    message = str(error.value)
    assert message.startswith("/home/me/config.toml: ui.theme = 'textual-drak'")
    assert "textual-dark" in message and "ansi-light" in message
    assert make_app([], theme="ansi-light").config.theme == "ansi-light"


def test_every_binding_has_an_id_and_no_terminal_keys() -> None:
    rows = key_rows()
    ids = [row.id for row in rows]
    assert len(ids) == len(set(ids))
    for required in (
        "copy-summary",
        "copy-markdown",
        "save-summary",
        "filter",
        "find",
        "next-match",
        "previous-match",
        "toggle-entities",
        "longer-summary",
        "shorter-summary",
        "next-algorithm",
        "help",
        "command-palette",
        "quit",
        "open",
        "cursor-down",
        "first",
        "last",
    ):
        assert required in ids
    taken = {"ctrl+j", "ctrl+m", "ctrl+h", "ctrl+a", "ctrl+b", "ctrl+s"}
    assert not taken & {k.strip() for row in rows for k in row.keys.split(",")}


async def test_help_lists_the_bindings_and_the_palette_has_every_action(articles: Path) -> None:
    app = make_app([str(articles)], keymap={"copy-summary": "y"})
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        await pilot.press("question_mark")
        help_text = app.screen.query_one("Static").content.plain
        assert "Copy" in help_text and "set-clipboard on" in help_text
        assert "y " in help_text  # the remapped key is what help shows
        await pilot.press("escape")
        assert app.screen is screen
        titles = {command.title for command in app.get_system_commands(screen)}
        for row in key_rows():
            if "everywhere" in row.places and row.id not in ("command-palette", "quit"):
                assert row.description in titles
        await run_from_palette(pilot, "longer")
        await wait_for(pilot, lambda: screen.count == app.config.sentences + 1)


def test_readme_key_table_matches_the_bindings() -> None:
    """README.md carries the generated table between markers (regenerate: python -m tui.app.keys)."""
    readme = Path(__file__).resolve().parent.parent / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    start, end = "<!-- keys:start -->", "<!-- keys:end -->"
    if start not in text:
        pytest.skip("README.md has no generated key table yet")
    table = text.split(start, 1)[1].split(end, 1)[0].strip()
    assert table == markdown_table().strip()

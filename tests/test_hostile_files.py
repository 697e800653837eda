"""Files and folders as an attacker or an accident leaves them: FIFOs, devices, permissions,
link loops, odd line ends, bad config and keymaps. One-line errors, no hangs, the rest goes on."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.config import ConfigError, parse_config
from tui.core.loader import LoadError, find_articles, load_text, read_start

ARTICLE = (
    "Quảng Ninh mở rộng cảng biển\n\n"
    "Ngày 2/4, tỉnh Quảng Ninh khởi công mở rộng cảng biển Cái Lân với tổng vốn 3.000 tỷ đồng. "
    "Dự án giúp tăng năng lực bốc dỡ hàng hóa cho khu vực phía bắc.\n"
)
as_root = pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not bind root")


def finishes(action: Callable[[], object], seconds: float = 5.0) -> object:
    """Run ``action`` in a thread; fail (instead of hanging the suite) if it blocks."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(_outcome(action)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked"
    return result[0]


def _outcome(action: Callable[[], object]) -> object:
    try:
        return action()
    except Exception as exc:  # the test inspects it
        return exc


def test_a_file_swapped_for_a_fifo_after_listing_is_refused_not_read_forever(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert list(find_articles([tmp_path])) == [str(path)]
    path.unlink()
    os.mkfifo(path)
    try:
        for read in (lambda: load_text(str(path)), lambda: read_start(str(path), 600)):
            outcome = finishes(read)
            assert isinstance(outcome, LoadError) and outcome.reason == "not a regular file"
    finally:  # unblock a reader that did block, so no thread is left behind
        fd = os.open(path, os.O_RDWR | os.O_NONBLOCK)
        os.close(fd)


def test_a_device_is_refused() -> None:
    outcome = finishes(lambda: load_text("/dev/zero"))
    assert isinstance(outcome, LoadError) and "not a regular file" in str(outcome)


def test_config_from_a_fifo_or_a_device_is_a_config_error(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        outcome = finishes(lambda path=path: parse_config(path))  # type: ignore[misc]
        assert isinstance(outcome, ConfigError) and "not a regular file" in str(outcome)
    fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    os.close(fd)


def test_a_stopword_file_that_is_not_utf8_is_named_in_the_config_error(tmp_path: Path) -> None:
    words = tmp_path / "stop.txt"
    words.write_bytes("và\ncủa\n".encode("utf-16-le"))
    config = tmp_path / "config.toml"
    config.write_text(f'[summary]\nstopwords = "{words}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        parse_config(config)
    message = str(error.value)
    assert str(config) in message and "summary.stopwords" in message and str(words) in message
    assert "UTF-8" in message


def test_a_config_file_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(b'[summary]\nalgorithm = "l\xeaad"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        parse_config(config)


def test_links_to_folders_are_followed_once_and_loops_end(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real")  # a loop
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "b.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "real" / "more").symlink_to(outside)
    found = finishes(lambda: list(find_articles([tmp_path])))
    assert found == [str(tmp_path / "real" / "a.txt"), str(tmp_path / "real" / "more" / "b.md")]


def test_a_fifo_or_broken_link_named_like_an_article_is_reported(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    found = finishes(lambda: list(find_articles([tmp_path])))
    assert isinstance(found, list) and found[0] == str(tmp_path / "a.txt")
    assert [(e.path, e.reason) for e in found[1:]] == [
        (str(tmp_path / "gone.md"), "broken link"),
        (str(tmp_path / "pipe.txt"), "not a regular file"),
    ]


def test_cr_only_line_ends_are_newlines(tmp_path: Path) -> None:
    from tui.core.pipeline import clean_loaded

    path = tmp_path / "mac.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r").encode("utf-8"))
    loaded = load_text(str(path))
    assert "\r" not in loaded.text and loaded.text == load_text_of(tmp_path, ARTICLE.replace("\n", "\r\n"))
    assert clean_loaded(loaded).title == "Quảng Ninh mở rộng cảng biển"


def load_text_of(folder: Path, text: str) -> str:
    path = folder / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    return load_text(str(path)).text


@as_root
def test_unreadable_folders_are_reported_and_the_rest_is_kept(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    closed = tmp_path / "closed"  # neither listed nor entered
    closed.mkdir()
    (closed / "hidden.txt").write_text(ARTICLE, encoding="utf-8")
    listed = tmp_path / "listed"  # listed, not entered
    listed.mkdir()
    (listed / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "z.txt").write_text(ARTICLE, encoding="utf-8")
    closed.chmod(0)
    listed.chmod(0o444)
    try:
        found = list(find_articles([tmp_path, closed / "hidden.txt"]))
        paths = [item for item in found if isinstance(item, str)]
        errors = {item.path: item.reason for item in found if isinstance(item, LoadError)}
        assert str(tmp_path / "a.txt") in paths and str(tmp_path / "z.txt") in paths
        assert "Permission denied" in errors[str(closed)]
        assert "Permission denied" in errors[str(closed / "hidden.txt")]
        inside = str(listed / "inside.txt")
        assert inside in paths or inside in errors  # listed: it is named, and fails when read
    finally:
        closed.chmod(0o755)
        listed.chmod(0o755)


@as_root
def test_cli_reports_a_path_it_cannot_enter_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0)
    try:
        code = main(["summarize", "--no-cache", str(closed / "x.txt"), str(closed), str(good)])
    finally:
        closed.chmod(0o755)
    out, err = capsys.readouterr()
    assert code == 1 and "Quảng Ninh mở rộng cảng biển" in out
    assert len(err.strip().splitlines()) == 2 and all("Permission denied" in line for line in err.splitlines())


@pytest.mark.parametrize(
    ("keymap", "expected"),
    [
        ({"copy-summary": "ctrl+ee"}, ["keymap.copy-summary", "'ctrl+ee'", "is not a key name", "ctrl+"]),
        ({"copy-summary": "y,hyperspace"}, ["keymap.copy-summary", "'hyperspace'", "is not a key name"]),
        ({"copy-summary": "s"}, ["'s' two actions", "copy-summary and save-summary"]),
        ({"first": "down"}, ["'down' two actions in the list", "first"]),
        ({"copy-summary": "?"}, ["'question_mark' two actions", "help"]),
    ],
)
def test_bad_keymaps_are_rejected_by_name(keymap: dict[str, str], expected: list[str]) -> None:
    from tui.app.keys import check_keymap

    with pytest.raises(ConfigError) as error:
        check_keymap(keymap, "/home/me/config.toml")
    message = str(error.value)
    assert message.startswith("/home/me/config.toml: ")
    for part in expected:
        assert part in message


def test_good_keymaps_pass() -> None:
    from tui.app.keys import check_keymap

    check_keymap({}, "c.toml")
    check_keymap({"copy-summary": "y,ctrl+y", "toggle-entities": "ctrl+e", "help": "f1"}, "c.toml")


@as_root
def test_the_interface_lists_a_path_it_cannot_enter_as_failed(tmp_path: Path) -> None:
    from tui.app.articles import Status, build_entries

    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0)
    try:
        entries = build_entries([str(closed / "x.txt"), str(good)])
    finally:
        closed.chmod(0o755)
    assert [(e.state is Status.FAILED, "Permission denied" in e.reason) for e in entries] == [
        (True, True),
        (False, False),
    ]
    assert entries[1].title == "Quảng Ninh mở rộng cảng biển"

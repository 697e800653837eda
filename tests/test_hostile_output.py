"""Nothing from a file reaches a terminal, a clipboard or a saved file as a control sequence."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hostile_helpers import OSC0, OSC52, active_characters, hostile_article

from tui.cli import main
from tui.core import export
from tui.core.loader import LoadError
from tui.core.safe_text import json_line, one_line, visible

# A file name that sets the window title, breaks a line and holds a byte that is not UTF-8.
HOSTILE_NAME = os.fsdecode(b"bao-cao \x1b]0;NAME-TITLE\x07 d\xf2ng\nhai.txt")


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / HOSTILE_NAME).write_text(hostile_article(), encoding="utf-8")
    return folder


def test_visible_keeps_offsets_and_shows_every_control() -> None:
    text = "a\x1b[2J\x07\x7f\x9b\u202e\tb\nc"
    shown = visible(text)
    assert len(shown) == len(text)  # one for one: highlights by offset stay in place
    assert shown == "a␛[2J␇␡\ufffd\ufffd\tb\nc"
    assert visible("Hà Nội\n\tngày 5/1") == "Hà Nội\n\tngày 5/1"
    assert not active_characters(visible("".join(map(chr, range(0x100))) + "\u2066\u2069\udcff"))


def test_one_line_shows_newlines_and_undecodable_bytes() -> None:
    assert one_line(HOSTILE_NAME) == "bao-cao ␛]0;NAME-TITLE␇ d\\xf2ng␊hai.txt"
    assert "\n" not in one_line("a\nb\r\nc") and not active_characters(one_line("a\nb\r\nc\x85"))


def test_json_keeps_the_text_and_escapes_what_a_terminal_reads() -> None:
    value = {"text": "x\x1b]0;t\x07\x9b2J\x9d0;t\x9c\u202e\u2028y", "path": HOSTILE_NAME}
    line = json_line(value)
    assert not active_characters(line) and "\u2028" not in line
    assert "\\u009b" in line and "\\u202e" in line
    assert json.loads(line) == value  # lossless: offsets into "text" still hold


def test_load_error_is_one_inert_line() -> None:
    message = str(LoadError(HOSTILE_NAME, "empty file"))
    assert "\n" not in message and not active_characters(message)
    assert message.endswith("hai.txt: empty file")


@pytest.mark.parametrize(
    "args",
    [
        ("summarize",),
        ("summarize", "--format", "markdown"),
        ("summarize", "--format", "json"),
        ("entities",),
        ("entities", "--format", "json"),
    ],
)
def test_every_cli_output_is_inert(
    hostile_folder: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    (hostile_folder / ("empty \x1b]52;c;aGk=\x07\n.txt")).write_bytes(b"")
    code = main([*args, str(hostile_folder)])  # the cache on (the default): the odd name is no crash
    out, err = capsys.readouterr()
    assert code == 1  # the empty file failed; the hostile article did not
    assert not active_characters(out), active_characters(out)
    assert not active_characters(err) and len(err.strip().splitlines()) == 1, err
    assert "empty ␛]52;c;aGk=␇␊.txt: empty file" in err
    if "json" in args:
        record = json.loads(out)
        assert OSC52 in record["text"]  # kept, escaped: the offsets index the real text
        assert record["path"].endswith(HOSTILE_NAME)
    else:
        assert "␛" in out  # shown, not dropped


def test_saved_and_copied_markdown_is_inert(hostile_folder: Path, tmp_path: Path) -> None:
    from tui.config import load_config
    from tui.core.service import analyse_path

    config = load_config(None)
    analysis = analyse_path(str(hostile_folder / HOSTILE_NAME), config.options, entities=False)
    assert OSC0 in (analysis.document.title or "")  # the pipeline keeps the text; only output changes it
    for text in (
        export.markdown(analysis, config.algorithm, 8),
        export.plain_text(analysis, config.algorithm, 8),
        export.entities_text(analysis),
    ):
        assert not active_characters(text)
    saved = export.save_summary(export.markdown(analysis, config.algorithm, 8), analysis.document.path, tmp_path)
    content = saved.read_text(encoding="utf-8")
    assert "HOSTILE-TITLE␇" in content and not active_characters(content)
    assert not active_characters(saved.name)

from __future__ import annotations

from pathlib import Path

import pytest

from tui import paths
from tui.config import Config, ConfigError, load_config, parse_config
from tui.core.summarize import ALGORITHMS


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_defaults_are_valid_and_documented() -> None:
    config = parse_config(paths.bundled_config())
    assert config.algorithm in ALGORITHMS
    text = paths.bundled_config().read_text(encoding="utf-8")
    for key in ("algorithm", "sentences", "stopwords", "max_file_bytes", "enabled", "theme", "list_width", "[keymap]"):
        assert key in text


def test_values_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[summary]\nalgorithm = "lead"\nsentences = 5\n[ui]\ntheme = "ansi-dark"\n[keymap]\ncopy-summary = "y"\n',
    )
    config = parse_config(path)
    assert (config.algorithm, config.sentences, config.theme) == ("lead", 5, "ansi-dark")
    assert config.keymap == {"copy-summary": "y"}
    assert config.options.sentences == 5
    assert config.list_width is None
    assert parse_config(write(tmp_path, "[ui]\nlist_width = 44\n")).list_width == 44


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ('[summary]\nalgoritm = "lead"\n', ["summary.algoritm", "unknown key", "algorithm"]),
        ('[summary]\nalgorithm = "magic"\n', ["summary.algorithm", "'magic'", "lexrank"]),
        ("[summary]\nsentences = 0\n", ["summary.sentences", "0", "1 to 50"]),
        ('[summary]\nsentences = "3"\n', ["summary.sentences", "'3'", "whole number"]),
        ("[cache]\nenabled = 1\n", ["cache.enabled", "true or false"]),
        ("[colours]\nx = 1\n", ["[colours]", "allowed sections"]),
        ('[summary]\nstopwords = "/no/such/file"\n', ["summary.stopwords", "/no/such/file"]),
        ("[keymap]\ncopy-summary = 3\n", ["keymap.copy-summary", "3"]),
        ("[summary\nalgorithm=", ["not valid TOML"]),
        ("[ui]\nlist_width = 5\n", ["ui.list_width", "5", "12 to 200"]),
    ],
)
def test_errors_name_file_key_value_and_allowed(tmp_path: Path, text: str, fragments: list[str]) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        parse_config(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    for fragment in fragments:
        assert fragment in message


def test_load_order(tmp_path: Path, isolated_home: Path) -> None:
    assert load_config().source == str(paths.bundled_config())
    user = isolated_home / "config" / "reports-tui" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text("[summary]\nsentences = 7\n")
    assert load_config().sentences == 7
    explicit = write(tmp_path, "[summary]\nsentences = 2\n")
    assert load_config(str(explicit)).sentences == 2
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(str(tmp_path / "missing.toml"))


def test_missing_keys_keep_defaults(tmp_path: Path) -> None:
    assert parse_config(write(tmp_path, "")) == Config(source=str(tmp_path / "config.toml"))

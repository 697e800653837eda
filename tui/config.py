"""The configuration: TOML validated into a frozen dataclass with messages a user can act on."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui import paths
from tui.core.loader import LoadError, read_bytes
from tui.core.pipeline import Options
from tui.core.stopwords import read_word_file
from tui.core.summarize import ALGORITHMS, DEFAULT_ALGORITHM


class ConfigError(Exception):
    """A configuration problem; the message names the file, the key, the value and what is allowed."""


@dataclass(frozen=True)
class Config:
    algorithm: str = DEFAULT_ALGORITHM
    sentences: int = 3
    stopwords: str = "stopwords-iso"
    max_file_bytes: int = 5_000_000
    cache_enabled: bool = True
    theme: str = "textual-dark"
    list_width: int | None = None  # columns; None: a share of the terminal's width
    list_sort: str = "folder"  # the list's first order: one of LIST_SORTS
    digest_format: str = "markdown"  # what `D` saves: one of DIGEST_FORMATS
    keymap: dict[str, str] = field(default_factory=dict)
    source: str = "<defaults>"

    @property
    def options(self) -> Options:
        return Options(self.algorithm, self.sentences, self.stopwords, self.max_file_bytes)


def _one_of(choices: tuple[str, ...]) -> tuple[Callable[[Any], bool], str]:
    return (lambda v: isinstance(v, str) and v in choices), "one of " + ", ".join(choices)


def _int_range(low: int, high: int) -> tuple[Callable[[Any], bool], str]:
    check = lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high  # noqa: E731
    return check, f"a whole number from {low} to {high}"


_MAX_CONFIG_BYTES = 1_000_000


def _stopwords_ok(value: Any) -> bool:
    """A named list, or a file that is read here so a bad one is a config error, not a crash later."""
    if not isinstance(value, str):
        return False
    if value in ("stopwords-iso", "none"):
        return True
    try:
        read_word_file(value)
    except (LoadError, UnicodeDecodeError):
        return False
    return True


# The list's orders (``tui.app.list_view_state.SortKey`` has one value for each).
LIST_SORTS: tuple[str, ...] = ("folder", "date", "title", "length")
DIGEST_FORMATS: tuple[str, ...] = ("markdown", "docx", "json")

_TEXT = (lambda v: isinstance(v, str) and bool(v.strip())), "a non-empty string"
_BOOL = (lambda v: isinstance(v, bool)), "true or false"

# section -> key -> (Config field, (check, what is allowed))
_SCHEMA: dict[str, dict[str, tuple[str, tuple[Callable[[Any], bool], str]]]] = {
    "summary": {
        "algorithm": ("algorithm", _one_of(ALGORITHMS)),
        "sentences": ("sentences", _int_range(1, 50)),
        "stopwords": (
            "stopwords",
            (_stopwords_ok, '"stopwords-iso", "none" or the path of a readable UTF-8 text file (one word a line)'),
        ),
    },
    "input": {"max_file_bytes": ("max_file_bytes", _int_range(1000, 1_000_000_000))},
    "cache": {"enabled": ("cache_enabled", _BOOL)},
    "ui": {"theme": ("theme", _TEXT), "list_width": ("list_width", _int_range(12, 200))},
    "list": {"sort": ("list_sort", _one_of(LIST_SORTS))},
    "digest": {"format": ("digest_format", _one_of(DIGEST_FORMATS))},
}


def load_config(explicit: str | None = None) -> Config:
    """``--config FILE``, else the user's XDG config file, else the bundled defaults."""
    if explicit is not None:
        return parse_config(Path(explicit))
    user = paths.config_file()
    if os.path.isfile(user):  # False, not an error, for a folder that cannot be entered
        return parse_config(user)
    return parse_config(paths.bundled_config())


def parse_config(path: Path) -> Config:
    if not os.path.lexists(path):
        raise ConfigError(f"{path}: no such config file")
    try:  # a FIFO or device (--config /dev/zero) is refused, not read forever
        data = tomllib.loads(read_bytes(str(path), _MAX_CONFIG_BYTES).decode("utf-8"))
    except LoadError as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc.reason})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read config file (not UTF-8: {exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return _validate(data, str(path))


def _validate(data: dict[str, Any], source: str) -> Config:
    values: dict[str, Any] = {"source": source}
    for section, table in data.items():
        if section == "keymap":
            values["keymap"] = _keymap(table, source)
            continue
        if section not in _SCHEMA:
            allowed = ", ".join(sorted([*_SCHEMA, "keymap"]))
            raise ConfigError(f"{source}: unknown section [{section}]; allowed sections: {allowed}")
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: {section} must be a table ([{section}])")
        for key, value in table.items():
            if key not in _SCHEMA[section]:
                allowed = ", ".join(_SCHEMA[section])
                raise ConfigError(f"{source}: unknown key {section}.{key}; allowed keys in [{section}]: {allowed}")
            name, (check, allowed_text) = _SCHEMA[section][key]
            if not check(value):
                raise ConfigError(f"{source}: {section}.{key} = {value!r} is not allowed; expected {allowed_text}")
            values[name] = value
    return Config(**values)


def _keymap(table: Any, source: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: keymap must be a table ([keymap])")
    for key, value in table.items():
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f'{source}: keymap.{key} = {value!r} is not allowed; expected keys such as "y" or "ctrl+e"'
            )
    return dict(table)

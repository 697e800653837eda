"""The configuration: TOML validated into a frozen dataclass with messages a user can act on."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui import paths
from tui.core.pipeline import Options
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


def _stopwords_ok(value: Any) -> bool:
    return isinstance(value, str) and (value in ("stopwords-iso", "none") or Path(value).expanduser().is_file())


_TEXT = (lambda v: isinstance(v, str) and bool(v.strip())), "a non-empty string"
_BOOL = (lambda v: isinstance(v, bool)), "true or false"

# section -> key -> (Config field, (check, what is allowed))
_SCHEMA: dict[str, dict[str, tuple[str, tuple[Callable[[Any], bool], str]]]] = {
    "summary": {
        "algorithm": ("algorithm", _one_of(ALGORITHMS)),
        "sentences": ("sentences", _int_range(1, 50)),
        "stopwords": ("stopwords", (_stopwords_ok, '"stopwords-iso", "none" or the path of an existing file')),
    },
    "input": {"max_file_bytes": ("max_file_bytes", _int_range(1000, 1_000_000_000))},
    "cache": {"enabled": ("cache_enabled", _BOOL)},
    "ui": {"theme": ("theme", _TEXT), "list_width": ("list_width", _int_range(12, 200))},
}


def load_config(explicit: str | None = None) -> Config:
    """``--config FILE``, else the user's XDG config file, else the bundled defaults."""
    if explicit is not None:
        return parse_config(Path(explicit))
    user = paths.config_file()
    if user.is_file():
        return parse_config(user)
    return parse_config(paths.bundled_config())


def parse_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc})") from None
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

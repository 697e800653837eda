"""Where things live: XDG config and cache folders, and the bundled sample articles."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "reports-tui"
_PACKAGE = Path(__file__).resolve().parent


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable)
    return Path(value) if value and os.path.isabs(value) else Path.home() / fallback


def config_file() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config") / APP_NAME / "config.toml"


def cache_dir() -> Path:
    return _xdg("XDG_CACHE_HOME", ".cache") / APP_NAME


def data_dir() -> Path:
    """The user's data that a cache clear must not take: which articles were read."""
    return _xdg("XDG_DATA_HOME", ".local/share") / APP_NAME


def bundled_seeds() -> Path:
    """The sample articles: inside the wheel, or at the top of a source checkout."""
    installed = _PACKAGE / "_seeds"
    return installed if installed.is_dir() else _PACKAGE.parent / "seeds"


def bundled_config() -> Path:
    """The documented default configuration file."""
    installed = _PACKAGE / "_config.toml"
    return installed if installed.is_file() else _PACKAGE.parent / "config.toml"


def default_summary_dir() -> Path:
    """Where ``s`` saves summaries: ``$REPORTS_TUI_SAVE_DIR`` or the current folder."""
    return Path(os.environ.get("REPORTS_TUI_SAVE_DIR") or os.getcwd())


def fallback_summary_dir() -> Path:
    """Where summaries go when the preferred folder holds the articles: the user's data folder."""
    return _xdg("XDG_DATA_HOME", ".local/share") / APP_NAME / "summaries"

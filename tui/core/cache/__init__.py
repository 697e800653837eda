"""The persistent cache of analyses, by concern: ``keys`` (what makes two analyses
interchangeable), ``index`` (file hashes by size and time), ``codec`` (the typed
stored form), ``folder`` (permissions), ``store`` (SQLite and its faults),
``analyses`` (the cache itself) and ``transfer`` (export and import)."""

from tui.core.cache.analyses import CACHE_FILE, Cache, Header, cache_info, cache_path, clear_cache, open_cache
from tui.core.cache.keys import SCHEMA_VERSION, cache_key

__all__ = [
    "CACHE_FILE",
    "SCHEMA_VERSION",
    "Cache",
    "Header",
    "cache_info",
    "cache_key",
    "cache_path",
    "clear_cache",
    "open_cache",
]

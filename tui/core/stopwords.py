"""The Vietnamese stopword list: stopwords-iso (MIT licence), shipped by the ``stopwordsiso`` package."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from tui.core.loader import read_bytes


@lru_cache(maxsize=4)
def load_stopwords(source: str = "stopwords-iso") -> frozenset[str]:
    """``"stopwords-iso"``, ``"none"``, or a path to a UTF-8 file with one stopword per line."""
    if source == "none":
        return frozenset()
    if source == "stopwords-iso":
        import stopwordsiso

        words: Iterable[str] = stopwordsiso.stopwords("vi")
    else:
        # read like an article (no FIFO, bounded); bytes that are not UTF-8 raise UnicodeDecodeError
        words = read_bytes(str(Path(source).expanduser()), 10_000_000).decode("utf-8").splitlines()
    return frozenset(unicodedata.normalize("NFC", w.strip().lower()) for w in words if w.strip())

"""The Vietnamese stopword list: stopwords-iso (MIT licence), shipped by the ``stopwordsiso`` package."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from tui.core.loader import read_bytes

MAX_FILE_BYTES = 10_000_000


def read_word_file(path: str) -> list[str]:
    """The lines of a stopword file, read like an article (a FIFO or device is refused, the size
    bounded); LoadError or UnicodeDecodeError when it cannot be used."""
    return read_bytes(str(Path(path).expanduser()), MAX_FILE_BYTES).decode("utf-8").splitlines()


@lru_cache(maxsize=4)
def load_stopwords(source: str = "stopwords-iso") -> frozenset[str]:
    """``"stopwords-iso"``, ``"none"``, or a path to a UTF-8 file with one stopword per line."""
    if source == "none":
        return frozenset()
    if source == "stopwords-iso":
        import stopwordsiso

        words: Iterable[str] = stopwordsiso.stopwords("vi")
    else:
        words = read_word_file(source)
    return frozenset(unicodedata.normalize("NFC", w.strip().lower()) for w in words if w.strip())

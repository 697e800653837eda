"""The Vietnamese stopword list: stopwords-iso (MIT licence), shipped by the ``stopwordsiso`` package."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=4)
def load_stopwords(source: str = "stopwords-iso") -> frozenset[str]:
    """``"stopwords-iso"``, ``"none"``, or a path to a UTF-8 file with one stopword per line."""
    if source == "none":
        return frozenset()
    if source == "stopwords-iso":
        import stopwordsiso

        words = stopwordsiso.stopwords("vi")
    else:
        words = Path(source).read_text(encoding="utf-8").splitlines()
    return frozenset(unicodedata.normalize("NFC", w.strip().lower()) for w in words if w.strip())

"""Word knowledge borrowed from underthesea's own resources, loaded lazily once.

* ``is_word``: underthesea's Viet74K word list, used to group syllables into words
  (``Tổ chức`` is one word, ``Trung ương tổ`` is not), which tells where a name ends.
* ``lexical_tag``: the part of speech underthesea's CRF tagger gives a word out of
  context (N, V, A, ...), used to tell the counted noun after a figure from a verb.

Both degrade to "unknown" if a future underthesea moves the files, with a logged warning:
entities are then found less well, and the log says why.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from tui.core.entities.text import fold

MAX_WORD_SYLLABLES = 4

log = logging.getLogger(__name__)


class _Tagger(Protocol):
    def predict(self, tokens: list[list[str]]) -> list[str]: ...


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    # Locate the file without importing underthesea (its import alone takes a second or more).
    spec = importlib.util.find_spec("underthesea")
    if spec is None or spec.origin is None:  # pragma: no cover - underthesea is a dependency
        return frozenset()
    path = Path(spec.origin).parent / "corpus" / "data" / "Viet74K.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        log.warning("no word list (%s): names are split into words less well", exc)
        return frozenset()
    return frozenset(fold(line) for line in lines if " " in line.strip())


def is_word(syllables: str) -> bool:
    """True when the space-separated syllables form one dictionary word (case-insensitive)."""
    words = _words()
    key = syllables.lower()
    return key in words or fold(key) in words if _has_old_style(key) else key in words


def _has_old_style(key: str) -> bool:
    return "\xa0" in key or "oá" in key or "oà" in key or "uỷ" in key or "oạ" in key or "uý" in key


@lru_cache(maxsize=1)
def _tagger() -> _Tagger | None:
    try:
        import underthesea.pipeline.pos_tag as pos
        from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger

        tagger = FastCRFSequenceTagger()
        tagger.load(str(Path(pos.__file__).parent / "models" / "pos_crf_vlsp2013_20230303"))
        return tagger
    except Exception:  # any failure means "no tagger", never a crash
        log.warning("no part-of-speech tagger: counted nouns are told from verbs less well", exc_info=True)
        return None


def load_tagger() -> None:
    """Load the part-of-speech model now (``pipeline.load_models``), not at the first word asked for."""
    _tagger()


@lru_cache(maxsize=20_000)
def lexical_tag(word: str) -> str:
    """underthesea's POS tag for ``word`` alone (``N``, ``V``, ``A``, ``E``...), or ``?``."""
    tagger = _tagger()
    if tagger is None:
        return "?"
    try:
        tag = tagger.predict([[word]])[0]
    except Exception:  # one word the tagger cannot take must not stop the analysis
        log.warning("the part-of-speech tagger failed on %r", word, exc_info=True)
        return "?"
    return tag[2:] if tag.startswith(("B-", "I-")) else tag

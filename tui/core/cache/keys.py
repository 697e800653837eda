"""What makes two analyses interchangeable: the cache key.

The key hashes the file's bytes, the pipeline's version (``pipeline.pipeline_version``),
the stopword list and the codec's schema version, so an edited file, a new release,
another stopword list or a new storage format is a miss, never a stale hit.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from tui.core.pipeline import Options, pipeline_version

#: The version of the stored form of an analysis (codec schema and tables). Part of every
#: key and of the database's meta table: bump it whenever either changes.
SCHEMA_VERSION = 4


def stopwords_id(options: Options) -> str:
    """The stopword list as the key sees it: a bundled list by name, a user's file by content."""
    stopwords = options.stopwords
    if stopwords in ("stopwords-iso", "none"):
        return stopwords
    try:
        return hashlib.blake2b(Path(stopwords).read_bytes(), digest_size=8).hexdigest()
    except OSError:
        return f"missing:{stopwords}"


def entry_key(content_hash: str, pipeline: str, stopwords: str, schema: int = SCHEMA_VERSION) -> str:
    """The key from its parts: an imported entry's key is checked by computing it again."""
    raw = f"{content_hash}|{pipeline}|{stopwords}|{schema}"
    return hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def cache_key(content_hash: str, options: Options) -> str:
    """Same bytes, same pipeline, same stopwords, same stored form."""
    return entry_key(content_hash, pipeline_version(), stopwords_id(options))

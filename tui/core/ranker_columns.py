"""The ranker's features that each sentence has on its own, read in parts for a large text.

Each sentence's syllables are made, read and dropped in turn, and a large text's sentences are
read in parts shared by a few processes (``parallel``), which send back plain data: the columns
as arrays, the headline syllables each sentence holds, and the counts the whole document's
features need (``ranker.feature_matrix`` reads them).
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from operator import methodcaller
from sys import intern
from typing import Any, NamedTuple

import numpy as np

from tui.core.parallel import map_parts, parts_for, split_weights

_SYLLABLE = re.compile(r"\w+")
# Longer sentences (none in the 2,000 bench articles, whose longest has 2,430 characters) have
# their syllables read one at a time instead of listed at once.
_LIST_MAX_CHARS = 20_000
_END = re.compile(r"[.!?…]['\"”’)\]]*\s*$")
_QUOTE_START = re.compile(r"^\s*[\"“‘']")
_DIGIT = re.compile(r"\d")


def syllables(words: Sequence[str]) -> list[str]:
    """Lowercase syllables of a sentence's words (underthesea words may hold several)."""
    return _SYLLABLE.findall(" ".join(words).lower())


def sentence_columns(
    sentences: Sequence[Any], stop: frozenset[str], headline: Headline, salience: dict[str, float], parallel_from: int
) -> tuple[dict[str, Any], list[tuple[str, ...]], Counter[str], np.ndarray]:
    """``SENTENCE_COLUMNS`` of sumy's sentences; the headline syllables of each; of each headline
    syllable, the sentences holding it; each sentence's cosine with the whole document's content
    syllable counts. Sentences of ``parallel_from`` characters or more in all are read in parts."""
    sizes = [len(str(s)) for s in sentences]
    cuts = split_weights(sizes, parts_for(sum(sizes), parallel_from))
    del sizes
    work = map_parts(lambda cut: _part_columns(sentences[cut[0] : cut[1]], stop, headline, salience), cuts)
    parts = [_Part(*part) for part in work]
    del work
    columns: dict[str, Any] = {
        name: np.frombuffer(b"".join(part.columns[name] for part in parts)) for name in SENTENCE_COLUMNS
    }
    in_title = [found for part in parts for found in part.in_title]
    doc_freq: Counter[str] = Counter()
    for part in parts:
        doc_freq.update(part.doc_freq)
    centroid = _centroids(parts)
    del parts
    return columns, in_title, doc_freq, centroid


class Headline(NamedTuple):
    """The headline's syllables, as the columns read them."""

    syllables: set[str]
    content: set[str]  # its content syllables (all of them if it has none)
    bigrams: set[tuple[str, str]]


# What ``_part_columns`` computes for each sentence, as floats.
SENTENCE_COLUMNS = (
    "title_recall",
    "title_jaccard",
    "title_bigram_recall",
    "title_recall_all",
    "length",
    "quote",
    "no_end_punctuation",
    "question",
    "colon",
    "digits",
    "salience_mean",
    "salience_max",
    "salience_content",
    "salience_top5",
)


class _Part(NamedTuple):
    """What ``_part_columns`` finds in a run of sentences (sent back as a plain tuple)."""

    columns: dict[str, bytes]  # ``SENTENCE_COLUMNS``, each an ``array("d")``
    in_title: list[tuple[str, ...]]  # the headline syllables of each sentence
    doc_freq: dict[str, int]  # headline syllable -> the sentences holding it
    # Content syllables: each distinct one once, then every one as its index in ``vocabulary``
    # (``array("I")``), how many each sentence has and the sum of the squares of its counts.
    vocabulary: list[str]
    ids: bytes
    sizes: bytes
    squares: bytes


def _part_columns(
    sentences: Sequence[Any], stop: frozenset[str], headline: Headline, salience: dict[str, float]
) -> tuple[Any, ...]:
    """A ``_Part`` of these sentences. Each sentence's syllables are made, read and dropped in turn;
    only its few headline syllables and its content syllables' indexes stay."""
    columns = {name: array("d") for name in SENTENCE_COLUMNS}
    title_recall, title_jaccard = columns["title_recall"].append, columns["title_jaccard"].append
    title_bigrams_found, title_all = columns["title_bigram_recall"].append, columns["title_recall_all"].append
    length, quote, no_end = columns["length"].append, columns["quote"].append, columns["no_end_punctuation"].append
    question, colon, digits = columns["question"].append, columns["colon"].append, columns["digits"].append
    mean, top = columns["salience_mean"].append, columns["salience_max"].append
    content_mean, top5 = columns["salience_content"].append, columns["salience_top5"].append
    in_title: list[tuple[str, ...]] = []  # a tuple: an empty set takes 216 bytes, an empty tuple none
    doc_freq: Counter[str] = Counter()
    vocabulary: dict[str, int] = {}
    ids, sizes, squares = array("I"), array("I"), array("q")
    title_set, title_content, title_bigrams = headline
    get = salience.get
    for sentence in sentences:
        toks = _syllables_of(sentence)
        content = [t for t in toks if t not in stop]
        if title_set:
            present = set(toks)
            k = len(title_set & present)
            title_recall(len(title_content & present) / len(title_content))
            title_jaccard(k / len(title_set | present))
            title_all(k / len(title_set))
            # The headline bigrams a sentence has, without a set of all its own (a long one has ~10^6).
            shared = {pair for pair in pairwise(toks) if pair in title_bigrams} if title_bigrams else ()
            title_bigrams_found(len(shared) / len(title_bigrams) if title_bigrams else 0.0)
            in_title.append(tuple(title_content & present))
            # Headline syllables found in few sentences say more about a sentence than ones found everywhere.
            doc_freq.update(present & title_content)
        text = str(sentence)
        length(len(toks))
        quote(bool(_QUOTE_START.match(text)))
        no_end(not _END.search(text))
        question(text.rstrip("\"”’') ").endswith("?"))
        colon(":" in text)
        digits(bool(_DIGIT.search(text)))
        values = [get(t, 0.0) for t in toks] or [0.0]
        mean(sum(values) / len(values))
        top(max(values))
        values = sorted(get(t, 0.0) for t in content) or [0.0]
        content_mean(sum(values) / len(values))
        top5(sum(values[-5:]) / len(values[-5:]))
        ids.extend([vocabulary.setdefault(t, len(vocabulary)) for t in content])
        sizes.append(len(content))
        squares.append(sum(c * c for c in Counter(content).values()))
    packed = {name: column.tobytes() for name, column in columns.items()}
    return packed, in_title, dict(doc_freq), list(vocabulary), ids.tobytes(), sizes.tobytes(), squares.tobytes()


def _centroids(parts: list[_Part]) -> np.ndarray:
    """Each sentence's cosine with the whole document's content syllable counts.

    Sums of integer products, exact in any order, so the values are those of one process."""
    doc_counts: Counter[str] = Counter()
    ids = [np.frombuffer(part.ids, dtype=np.uint32) for part in parts]
    for part, part_ids in zip(parts, ids, strict=True):
        doc_counts.update(dict(zip(part.vocabulary, np.bincount(part_ids, minlength=len(part.vocabulary)).tolist())))
    doc_norm = math.sqrt(sum(c * c for c in doc_counts.values())) or 1.0
    centroids = []
    for part, part_ids in zip(parts, ids, strict=True):
        # A sentence's dot product with the counts: the document count of each syllable it holds, summed.
        weights = np.array([doc_counts[t] for t in part.vocabulary], dtype=np.int64)
        running = np.concatenate(([0], np.cumsum(weights[part_ids])))
        ends = np.cumsum(np.frombuffer(part.sizes, dtype=np.uint32), dtype=np.int64)
        starts = np.concatenate(([0], ends[:-1]))
        norms = np.sqrt(np.frombuffer(part.squares, dtype=np.int64).astype(float))
        norms[norms == 0] = 1.0
        centroids.append((running[ends] - running[starts]) / (norms * doc_norm))
    return np.concatenate(centroids)


def _syllables_of(sentence: Any) -> tuple[str, ...]:
    """``syllables`` of the sentence's words. A sentence too long for any real one (a text without
    full stops) is read one syllable at a time and its syllables interned: its ~10^6 syllables are
    then one string per distinct syllable, not a fresh copy each."""
    text = " ".join(sentence.words).lower()
    if len(text) <= _LIST_MAX_CHARS:
        return tuple(_SYLLABLE.findall(text))
    return tuple(map(intern, map(methodcaller("group"), _SYLLABLE.finditer(text))))

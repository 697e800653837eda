"""underthesea's CRF feature extraction, re-implemented to be linear in the sentence length.

Templates are compiled once, each value is computed once per sentence (one-token ones once per
distinct token) and turned into feature strings by tables read from the model's attribute
dictionary; the tables hold only the attributes the model knows (``fast_tokenize`` explains why
the scores stay bit-for-bit the same). Used by ``fast_tokenize`` for word segmentation and NER.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain, compress, islice, product, repeat
from operator import itemgetter, not_
from pathlib import Path
from typing import Any

import numpy as np

_TEMPLATE = re.compile(r"T\[(?P<start>-?\d+)(?:,(?P<end>-?\d+))?\](?:\[(?P<column>.*)\])?(?:\.(?P<func>.*))?")
CHUNK = re.compile(r"\S+")
_I32_TEXT = re.compile(r"[+-]?[0-9]+")
# Tokens remembered per cache. A full cache is replaced, not cleared, so
# that a call running in another thread keeps reading its own.
_CACHE_LIMIT = 1 << 15
# From this many tokens on, a source's rows are read one feature at a time (``itemgetter``) rather
# than transposed by ``zip(*rows)``, whose cost per token grows with the number of rows: on parts
# of 10,000 characters of figures, 0.5 s a megabyte less; below it, ``zip`` is as fast or faster.
_COLUMNS_FROM = 256

Key = tuple[int, int, str | None]  # (column, span width, function): what a template reads
Row = tuple[str | None, ...]  # features (None: unknown to the model) of one span


# ---------------------------------------------------------------------------
# Feature functions. Two families, because underthesea has two featurizers.
# ---------------------------------------------------------------------------


def _rust_isdigit(text: str) -> str:
    # underthesea_core tests ``text.parse::<i32>()``: ASCII digits, one
    # optional sign, within the i32 range (so "2.053" and "99999999999" fail).
    if not _I32_TEXT.fullmatch(text):
        return "False"
    digits = text.lstrip("+-").lstrip("0")
    if len(digits) > 10:
        return "False"
    limit = 2**31 if text[0] == "-" else 2**31 - 1
    return "True" if int(digits or "0") <= limit else "False"


def _rust_istitle(text: str) -> str:
    # Rust compares each space-separated part's first char with its
    # uppercase, so digits and punctuation count as "title" too. An empty
    # part panics in Rust and raises IndexError here; tokens are never empty.
    for part in text.split(" "):
        first = part[0]
        if first != first.upper():
            return "False"
    return "True"


def rust_functions(dictionary: set[str]) -> dict[str, Callable[[str], str]]:
    """The functions of underthesea_core's ``CRFFeaturizer`` (word segmentation)."""

    def is_in_dict(text: str) -> str:
        return "True" if text.lower() in dictionary else "False"

    return {"lower": str.lower, "isdigit": _rust_isdigit, "istitle": _rust_istitle, "is_in_dict": is_in_dict}


def python_functions() -> dict[str, Callable[[str], str]]:
    """underthesea's Python feature functions (POS, chunking, NER), as text."""
    from underthesea.pipeline.ner import tagged_feature as tf

    def as_text(func: Callable[[str], object]) -> Callable[[str], str]:
        return lambda text: f"{func(text)}"  # underthesea formats with an f-string

    return {
        "lower": str.lower,
        "istitle": as_text(tf.text_istitle),
        "isdigit": as_text(tf.text_isdigit),
        "isallcap": as_text(tf.text_isallcap),
        "is_in_dict": as_text(tf.text_is_in_dict),
    }


# ---------------------------------------------------------------------------
# Compiled templates and a linear-time featurizer
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Template:
    syntax: str
    start: int  # offset of the span's first token from the current one
    width: int  # number of tokens in the span, joined with " "
    column: int
    func: str | None

    @property
    def key(self) -> Key:
        return self.column, self.width, self.func


def _parse(syntax: str) -> _Template:
    m = _TEMPLATE.match(syntax)
    if m is None:
        raise ValueError(f"unsupported feature template {syntax!r}")
    start = int(m["start"])
    end = int(m["end"]) if m["end"] else start
    if end < start:  # both featurizers only handle forward spans the same way
        raise ValueError(f"unsupported feature template {syntax!r}")
    return _Template(syntax, start, end - start + 1, int(m["column"] or 0), m["func"])


def read_crfsuite_attributes(path: Path) -> set[str]:
    """Attribute strings of a CRFsuite model, read as underthesea_core reads them."""
    data = path.read_bytes()
    if data[:4] != b"lCRF":
        raise ValueError(f"{path} is not a CRFsuite model")
    num_attrs, _, _, off_attrs = struct.unpack_from("<4I", data, 24)
    if data[off_attrs : off_attrs + 4] != b"CQDB":
        raise ValueError(f"{path}: no attribute dictionary")
    bwd_size, bwd_offset = struct.unpack_from("<2I", data, off_attrs + 16)
    table = off_attrs + bwd_offset
    attrs = set()
    for (offset,) in struct.iter_unpack("<I", data[table : table + 4 * min(num_attrs, bwd_size)]):
        if offset:
            entry = off_attrs + offset
            (size,) = struct.unpack_from("<I", data, entry + 4)
            key = data[entry + 8 : entry + 8 + size].split(b"\0", 1)[0]
            attrs.add(key.decode("utf-8", "replace"))
    return attrs


@cache
def _all_true(width: int) -> dict[tuple[str, ...], str]:
    """("True", "False", ...) -> "False": a table, so that ``map`` ANDs in C."""
    return {combo: "False" if "False" in combo else "True" for combo in product(("True", "False"), repeat=width)}


def _windows(column: list[str], width: int) -> list[tuple[str, ...]]:
    """Every run of ``width`` consecutive items, in order."""
    return list(zip(*(column[k:] for k in range(width))))


@dataclass(slots=True)
class _Source:
    """Templates read together: all one-token templates of a column (their
    rows remembered per token, as most tokens repeat), or the templates
    reading one kind of longer span, e.g. T[-1,0].lower and T[1,2].lower."""

    column: int
    width: int
    keys: list[Key]
    cache: dict[str, Row] | None  # token -> Row of all its features
    bos: Row = ()  # features of the spans reading "BOS" and "EOS"
    eos: Row = ()


class Featurizer:
    """Features for one CRF model: same strings, same order as underthesea's, minus unknowns.

    The order matters: the tagger adds up weights in this order, and float
    sums in another order could differ in the last bit and flip a near tie.

    Each template has a table value -> feature, merged per key (templates
    reading the same values at other offsets, like T[-2]..T[2]). A source
    gives one row of features per span of the sentence; the features of
    position i are then read off the rows at i + offset, template by template.
    """

    def __init__(self, templates: Sequence[str], model_path: Path, functions: dict[str, Callable[[str], str]]) -> None:
        known: dict[str, dict[str, str]] = {}  # template -> value -> feature
        for attr in read_crfsuite_attributes(model_path):
            syntax, _, value = attr.partition("=")
            known.setdefault(syntax, {})[value] = attr
        parsed = [_parse(t) for t in templates]
        members: dict[Key, list[_Template]] = {}
        for t in parsed:
            members.setdefault(t.key, []).append(t)
        # value -> the features of every template reading that key
        self.tables = {key: self._table(group, known) for key, group in members.items()}
        self.unknown = {key: (None,) * len(group) for key, group in members.items()}
        self.functions = functions
        self.titles: dict[str, str] = {}  # token -> its istitle value
        sources: dict[tuple, _Source] = {}
        for c, w, f in members:
            name = (c, w) if w == 1 else (c, w, f)
            sources.setdefault(name, _Source(c, w, [], {} if w == 1 else None)).keys.append((c, w, f))
        self.sources = list(sources.values())
        # A span starting before the sentence reads "BOS", one ending after
        # it "EOS" (BOS wins when both): the rule of both underthesea
        # featurizers, so rows are padded with the features of those words.
        for source in self.sources:
            source.bos = self._row(source.keys, ["BOS"] * len(source.keys))
            source.eos = self._row(source.keys, ["EOS"] * len(source.keys))
        widest = max(len(source.bos) for source in self.sources)
        self.getters = [itemgetter(j) for j in range(widest)]  # feature j of a row
        self.pad = max(max(-t.start, t.start + t.width - 1, 0) for t in parsed)
        # Per template, in order: (source, place in the source's rows, first padded row).
        self.slots = []
        for t in parsed:
            i = next(i for i, s in enumerate(self.sources) if t.key in s.keys)
            keys = self.sources[i].keys
            place = sum(len(members[k]) for k in keys[: keys.index(t.key)]) + members[t.key].index(t)
            self.slots.append((i, place, self.pad + t.start))

    @staticmethod
    def _table(group: list[_Template], known: dict[str, dict[str, str]]) -> dict[str, Row]:
        tables = [known.get(t.syntax, {}) for t in group]
        return {v: tuple(table.get(v) for table in tables) for v in set().union(*tables)}

    def _row(self, keys: list[Key], values: Sequence[str]) -> Row:
        return tuple(
            chain.from_iterable(self.tables[key].get(value, self.unknown[key]) for key, value in zip(keys, values))
        )

    def __call__(self, columns: Sequence[list[str]]) -> list[list[str]]:
        """Features per token; ``columns`` are the sentence's columns (words, tags, ...)."""
        n = len(columns[0])
        joined: dict[tuple[int, int], list[str]] = {}
        # per source, per feature of its rows: that feature at each padded position
        by_source: list[Sequence[Sequence[str | None]]] = []
        for source in self.sources:
            column = columns[source.column]
            if source.cache is not None:
                rows = self._token_rows(source, column)
            else:
                (key,) = source.keys
                if key[:2] not in joined:
                    joined[key[:2]] = list(map(" ".join, _windows(column, source.width)))
                rows = map(
                    self.tables[key].get, self._span_values(key, column, joined[key[:2]]), repeat(self.unknown[key])
                )
            by_source.append(self._feature_columns(source, rows, n))
        features = [by_source[i][j][k : k + n] for i, j, k in self.slots]
        return [[*filter(None, token)] for token in zip(*features)]

    def many(self, sentences: Sequence[Sequence[list[str]]]) -> list[list[list[str]]]:
        """``[self(columns) for columns in sentences]``, read as one: short sentences cost about
        half as much (a call's fixed cost is paid once, not once a sentence).

        The sentences' columns are joined with ``pad`` filler tokens on either side of each
        sentence. A span that starts in the fillers before its sentence reads "BOS" and any other
        reaching the fillers after it "EOS", as in ``__call__``; the fillers' own features are
        dropped. Which positions are fillers is kept apart from the text, so no token is mistaken
        for one.
        """
        if not sentences:
            return []
        pad = self.pad
        columns: list[list[str]] = [[] for _ in sentences[0]]
        before, after = ["BOS"] * pad, ["EOS"] * pad
        kinds = bytearray()  # per position: 0 a token, 1 a filler before a sentence, 2 after it
        for sentence in sentences:
            for column, given in zip(columns, sentence, strict=True):
                column += before
                column += given
                column += after
            kinds += b"\1" * pad + bytes(len(sentence[0])) + b"\2" * pad
        kind = np.frombuffer(kinds, dtype=np.uint8)
        size = len(kinds)
        first, last = np.flatnonzero(kind == 1).tolist(), np.flatnonzero(kind == 2).tolist()
        joined: dict[tuple[int, int], list[str]] = {}
        by_source: list[Sequence[Sequence[str | None]]] = []
        for source in self.sources:
            column = columns[source.column]
            rows: Iterable[Row]
            if source.cache is not None:
                token_rows = list(self._token_rows(source, column))
                for i in first:
                    token_rows[i] = source.bos
                for i in last:
                    token_rows[i] = source.eos
                rows = token_rows
            else:
                (key,) = source.keys
                if key[:2] not in joined:
                    joined[key[:2]] = list(map(" ".join, _windows(column, source.width)))
                spans = size - source.width + 1
                values = np.array(list(self._span_values(key, column, joined[key[:2]])), dtype=object)
                reaches_after = np.zeros(spans, dtype=bool)
                for k in range(source.width):
                    reaches_after |= kind[k : k + spans] == 2
                values[reaches_after] = "EOS"
                values[kind[:spans] == 1] = "BOS"  # after "EOS": a span reaching both reads "BOS"
                rows = map(self.tables[key].get, values.tolist(), repeat(self.unknown[key]))
            by_source.append(self._feature_columns(source, rows, size))
        features = [by_source[i][j][k : k + size] for i, j, k in self.slots]
        tokens = ([*filter(None, token)] for token in compress(zip(*features), map(not_, kinds)))
        return [list(islice(tokens, len(sentence[0]))) for sentence in sentences]

    def _feature_columns(self, source: _Source, rows: Iterable[Row], n: int) -> Sequence[Sequence[str | None]]:
        """Each feature of the source's rows at every position of ``n`` tokens padded with the rows
        of "BOS" and "EOS": the lists the templates' features are sliced from."""
        padded = [*[source.bos] * self.pad, *rows, *[source.eos] * self.pad]
        if n < _COLUMNS_FROM:
            return list(zip(*padded))
        return [list(map(get, padded)) for get in self.getters[: len(source.bos)]]

    def _span_values(self, key: Key, tokens: list[str], texts: list[str]) -> Iterable[str]:
        """The value of ``key`` for each span; ``texts`` are the spans joined with " "."""
        _, width, func = key
        if func is None:
            return texts
        if func == "istitle":
            # Both featurizers split the text on " " and need every part to
            # be title, so a span is title exactly when each of its tokens is.
            memo = self.titles
            if len(memo) > _CACHE_LIMIT:
                memo = self.titles = {}
            for token in set(tokens).difference(memo):
                memo[token] = self.functions[func](token)
            return map(_all_true(width).__getitem__, _windows(list(map(memo.__getitem__, tokens)), width))
        return map(self.functions[func], texts)

    def _token_rows(self, source: _Source, tokens: list[str]) -> Iterator[Row]:
        cache = source.cache
        assert cache is not None  # only one-token sources are read token by token
        if len(cache) > _CACHE_LIMIT:
            cache = source.cache = {}
        for token in set(tokens).difference(cache):
            values = [token if func is None else self.functions[func](token) for _, _, func in source.keys]
            cache[token] = self._row(source.keys, values)
        return map(cache.__getitem__, tokens)


@dataclass(frozen=True, slots=True)
class Model:
    featurizer: Featurizer
    tagger: Any  # underthesea_core.CRFTagger (untyped)

    def tag(self, columns: Sequence[list[str]]) -> list[str]:
        return self.tagger.tag(self.featurizer(columns)) if columns[0] else []

    def tag_many(self, sentences: Sequence[Sequence[list[str]]]) -> list[list[str]]:
        """``[self.tag(columns) for columns in sentences]``, featurized at once (``Featurizer.many``)."""
        return [self.tagger.tag(features) if features else [] for features in self.featurizer.many(sentences)]

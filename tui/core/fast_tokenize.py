"""Fast drop-in replacements for ``underthesea.word_tokenize`` and ``underthesea.ner``.

Both return exactly what underthesea 9.5 returns (``tests/test_fast_tokenize.py``
and ``bench/tokenize_speed.py`` check it), using underthesea's own regexes,
normalisation tables and CRF model files, and underthesea_core's CRF tagger.
Only the glue is new, and that is where underthesea spends its time:

* Features. Word segmentation builds 43 feature strings per token in Rust
  (``CRFFeaturizer``, slow through string conversions); POS, chunking and NER
  build theirs in Python and rebuild every column of the sentence for every
  template of every token, so their cost grows with the square of the
  sentence length. Here templates are compiled once, each value is computed
  once per sentence (one-token ones once per distinct token) and turned
  into feature strings by tables read from the model's attribute
  dictionary, so the cost is linear, with no string formatting.
* The tables hold only the attributes the model knows. The tagger ignores
  the others anyway (it sums the weights of known attributes, in order), so
  it gets fewer strings to convert and computes bit-for-bit the same scores.
* Regex tokenising. A whitespace-separated chunk made only of letters is one
  ``\\w+`` token for underthesea's regex (see ``_is_plain_word``), so the big
  alternation only runs on the other chunks.

underthesea also *changes characters* before segmenting, and so do we, to
return the same words: the sentence is NFC-normalised with ``ð``/``Ð``
replaced by ``đ``/``Đ``, and each token of at most 6 characters goes through
a table of about 2,900 misspellings (e.g. ``nghành`` -> ``ngành``, ``baì`` ->
``bài``). So a returned word is not always a substring of the input.

underthesea is imported lazily, on first use; textual and rich never are.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain, product, repeat
from pathlib import Path
from typing import Any

_TEMPLATE = re.compile(r"T\[(?P<start>-?\d+)(?:,(?P<end>-?\d+))?\](?:\[(?P<column>.*)\])?(?:\.(?P<func>.*))?")
_CHUNK = re.compile(r"\S+")
_I32_TEXT = re.compile(r"[+-]?[0-9]+")
# Tokens remembered per cache. A full cache is replaced, not cleared, so
# that a call running in another thread keeps reading its own.
_CACHE_LIMIT = 1 << 15

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


def _rust_functions(dictionary: set[str]) -> dict[str, Callable[[str], str]]:
    """The functions of underthesea_core's ``CRFFeaturizer`` (word segmentation)."""

    def is_in_dict(text: str) -> str:
        return "True" if text.lower() in dictionary else "False"

    return {"lower": str.lower, "isdigit": _rust_isdigit, "istitle": _rust_istitle, "is_in_dict": is_in_dict}


def _python_functions() -> dict[str, Callable[[str], str]]:
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


def _read_crfsuite_attributes(path: Path) -> set[str]:
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


class _Featurizer:
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
        for attr in _read_crfsuite_attributes(model_path):
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
        pad = self.pad
        joined: dict[tuple[int, int], list[str]] = {}
        by_source = []  # per source, per feature of its rows: that feature at each padded position
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
            by_source.append(list(zip(*[source.bos] * pad, *rows, *[source.eos] * pad)))
        features = [by_source[i][j][k : k + n] for i, j, k in self.slots]
        return [[*filter(None, token)] for token in zip(*features)]

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
class _Model:
    featurizer: _Featurizer
    tagger: Any  # underthesea_core.CRFTagger (untyped)

    def tag(self, columns: Sequence[list[str]]) -> list[str]:
        return self.tagger.tag(self.featurizer(columns)) if columns[0] else []


# ---------------------------------------------------------------------------
# Word segmentation
# ---------------------------------------------------------------------------


@cache
def _segmenter() -> _Model:
    import joblib
    from underthesea.pipeline import word_tokenize as wt
    from underthesea_core import CRFTagger

    # The model underthesea.word_tokenize loads on its first call.
    base = Path(wt.__file__).parent / "models" / "ws_crf_vlsp2013_20230727"
    tagger = CRFTagger()
    tagger.load(str(base / "models.bin"))
    functions = _rust_functions(joblib.load(base / "dictionary.bin"))
    featurizer = _Featurizer(joblib.load(base / "features.bin"), base / "models.bin", functions)
    return _Model(featurizer, tagger)


@cache
def _token_regex() -> re.Pattern[str]:
    from underthesea.pipeline.word_tokenize import regex_tokenize as rt

    # Rebuilt from the pattern list: underthesea replaces its module-level
    # compiled pattern whenever someone passes ``fixed_words``.
    return re.compile("(" + "|".join(rt.regex_patterns) + ")", re.VERBOSE | re.UNICODE)


@cache
def _normalizers() -> tuple[Callable[[str], str], Callable[[str], str]]:
    from underthesea.pipeline.text_normalize.character_normalize import (
        normalize_characters_in_text,
    )
    from underthesea.pipeline.text_normalize.token_normalize import token_normalize

    return normalize_characters_in_text, lru_cache(maxsize=1 << 16)(token_normalize)


def _is_plain_word(chunk: str) -> bool:
    """Whether underthesea's regex matches this whole chunk as one ``\\w+`` token.

    Every alternative tried before ``word`` needs a digit or a non-letter
    (".", "-", "@", ":", "'", ...), except "Th.S"/"Th.s" (the dot matches
    any character, even a following space) and "ʺ" (a letter to ``\\w``).
    """
    return chunk.isalpha() and not chunk.startswith("Th") and "ʺ" not in chunk


def _regex_tokens(text: str) -> list[str]:
    """``re.finditer(underthesea_pattern, text)`` texts, skipping the regex on plain words."""
    pattern = _token_regex()
    tokens: list[str] = []
    pos = 0  # where underthesea's finditer would resume
    for chunk in _CHUNK.finditer(text):
        start, end = chunk.span()
        if end <= pos:  # swallowed by a match that crossed a space ("Th S")
            continue
        if start >= pos and _is_plain_word(chunk[0]):
            tokens.append(chunk[0])
            pos = end
            continue
        # Every non-space character starts a match, so each search begins
        # inside this chunk; searching the whole text keeps lookarounds right.
        while pos < end:
            match = pattern.search(text, pos)
            assert match is not None  # every non-space character starts a match
            tokens.append(match[0])
            pos = match.end()
    return tokens


def _tokenize(sentence: str) -> list[str]:
    """underthesea's ``regex_tokenize.tokenize`` with its default options."""
    normalize_text, normalize_token = _normalizers()
    tokens = _regex_tokens(normalize_text(sentence))
    # token_normalize leaves tokens longer than 6 characters alone.
    return [t if len(t) > 6 else normalize_token(t) for t in tokens]


def word_tokenize(sentence: str) -> list[str]:
    """Same as ``underthesea.word_tokenize(sentence)``: words, syllables joined by spaces."""
    tokens = _tokenize(sentence)
    tags = _segmenter().tag([tokens])
    words: list[str] = []
    for i, (tag, token) in enumerate(zip(tags, tokens)):
        if tag == "I-W" and i > 0:
            words[-1] = words[-1] + " " + token
        else:
            words.append(token)
    return words


# ---------------------------------------------------------------------------
# POS tagging, chunking and NER (underthesea's default CRF models)
# ---------------------------------------------------------------------------


@cache
def _ner_models() -> tuple[_Model, _Model, _Model]:
    from underthesea.pipeline.chunking import model_crf as chunk_crf
    from underthesea.pipeline.ner import model_crf as ner_crf
    from underthesea.pipeline.pos_tag import model_crf as pos_crf

    # underthesea's predictors give their templates and loaded taggers; the
    # model files sit next to their modules, under these names.
    functions = _python_functions()
    models = []
    for predictor, module, filename in (
        (pos_crf.CRFPOSTagPredictor, pos_crf, "pos_crf_2017_10_11.bin"),
        (chunk_crf.CRFChunkingPredictor, chunk_crf, "chunk_crf_2017_10_12.bin"),
        (ner_crf.CRFNERPredictor, ner_crf, "ner_crf_2017_10_12.bin"),
    ):
        instance = predictor.Instance()
        path = Path(module.__file__).parent / filename
        models.append(_Model(_Featurizer(instance.transformer.template, path, functions), instance.model))
    return models[0], models[1], models[2]


def ner(sentence: str) -> list[tuple[str, str, str, str]]:
    """Same as ``underthesea.ner(sentence)``: (word, POS, chunk, NER) tuples."""
    pos_model, chunk_model, ner_model = _ner_models()
    words = word_tokenize(sentence)
    # Each model sees its own tag column as "X": underthesea fills it so
    # before featurizing, which makes its "previous tag" features constant.
    unknown = ["X"] * len(words)
    pos = pos_model.tag([words, unknown])
    chunks = chunk_model.tag([words, pos, unknown])
    entities = ner_model.tag([words, pos, chunks, unknown])
    return list(zip(words, pos, chunks, entities))

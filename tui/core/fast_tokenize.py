"""Fast drop-in replacements for ``underthesea.word_tokenize`` and ``underthesea.ner``.

Both return exactly what underthesea 9.5 returns (``tests/test_fast_tokenize.py``
and ``bench/tokenize_speed.py`` check it), using underthesea's own regexes,
normalisation tables and CRF model files, and underthesea_core's CRF tagger.
Only the glue is new, and that is where underthesea spends its time:

* Features (``crf_features``). Word segmentation builds 43 feature strings per token in Rust
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
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path

from tui.core.crf_features import CHUNK, Featurizer, Model, python_functions, rust_functions

# ---------------------------------------------------------------------------
# Word segmentation
# ---------------------------------------------------------------------------

# Distinct sentences whose words ``word_tokenize_many`` remembers.
_MEMO_LIMIT = 4096
# Tokens featurized together by ``word_tokenize_many``: on 30,000 sentences of 5 MB texts, 800
# made the features of short sentences (8 tokens) 2.5 → 1.7 s, of news 7.3 → 6.7 s, and of
# long ones (35 tokens) no slower; larger batches gained less.
_BATCH_TOKENS = 800


@cache
def _segmenter() -> Model:
    import joblib
    from underthesea.pipeline import word_tokenize as wt
    from underthesea_core import CRFTagger

    # The model underthesea.word_tokenize loads on its first call.
    base = Path(wt.__file__).parent / "models" / "ws_crf_vlsp2013_20230727"
    tagger = CRFTagger()
    tagger.load(str(base / "models.bin"))
    functions = rust_functions(joblib.load(base / "dictionary.bin"))
    featurizer = Featurizer(joblib.load(base / "features.bin"), base / "models.bin", functions)
    return Model(featurizer, tagger)


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
    for chunk in CHUNK.finditer(text):
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
    return _words(tokens, _segmenter().tag([tokens]))


def word_tokenize_many(sentences: Iterable[str], memo: dict[str, list[str]] | None = None) -> Iterator[list[str]]:
    """``word_tokenize(s)`` for each sentence, in order; a sentence seen lately is not segmented
    again (big pasted files repeat paragraphs, and the result depends on the text alone). ``memo``
    keeps what was seen from one call to the next: the parts of one text that a process takes.

    Sentences are featurized together, about ``_BATCH_TOKENS`` tokens at a time
    (``Featurizer.many``): the same words, sooner for many short sentences."""
    memo = {} if memo is None else memo
    model = _segmenter()
    batch: dict[str, list[str]] = {}  # sentence -> its tokens, waiting to be segmented
    # The sentences since the last batch, in order, with their words if remembered.
    waiting: list[tuple[str, list[str] | None]] = []
    count = 0
    for sentence in sentences:
        known = memo.get(sentence)
        waiting.append((sentence, known))
        if known is not None or sentence in batch:
            continue
        tokens = batch[sentence] = _tokenize(sentence)
        count += len(tokens)
        if count >= _BATCH_TOKENS:
            yield from _segment_batch(model, batch, waiting, memo)
            batch, waiting, count = {}, [], 0
    yield from _segment_batch(model, batch, waiting, memo)


def _segment_batch(
    model: Model,
    batch: dict[str, list[str]],
    waiting: list[tuple[str, list[str] | None]],
    memo: dict[str, list[str]],
) -> Iterator[list[str]]:
    """The words of each sentence of ``waiting``: those of ``batch`` segmented now, and remembered."""
    tags = model.tag_many([[tokens] for tokens in batch.values()])
    found = {sentence: _words(tokens, tagged) for (sentence, tokens), tagged in zip(batch.items(), tags, strict=True)}
    for sentence, known in waiting:
        words = known if known is not None else found[sentence]
        if known is None and sentence not in memo:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            memo[sentence] = words
        yield list(words)


def _words(tokens: list[str], tags: list[str]) -> list[str]:
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
def _ner_models() -> tuple[Model, Model, Model]:
    from underthesea.pipeline.chunking import model_crf as chunk_crf
    from underthesea.pipeline.ner import model_crf as ner_crf
    from underthesea.pipeline.pos_tag import model_crf as pos_crf

    # underthesea's predictors give their templates and loaded taggers; the
    # model files sit next to their modules, under these names.
    functions = python_functions()
    models = []
    for predictor, module, filename in (
        (pos_crf.CRFPOSTagPredictor, pos_crf, "pos_crf_2017_10_11.bin"),
        (chunk_crf.CRFChunkingPredictor, chunk_crf, "chunk_crf_2017_10_12.bin"),
        (ner_crf.CRFNERPredictor, ner_crf, "ner_crf_2017_10_12.bin"),
    ):
        instance = predictor.Instance()
        path = Path(module.__file__).parent / filename
        models.append(Model(Featurizer(instance.transformer.template, path, functions), instance.model))
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

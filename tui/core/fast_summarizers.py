"""sumy's summarizers with their quadratic inner loops done by numpy: same ratings, long reports in time.

Each class subclasses sumy's own and replaces only the slow part, keeping
sumy's definitions (including their quirks) so the ranking is the same; the
tests compare them with sumy on small documents. Measured on 400 sentences,
sumy's KL takes tens of seconds and LexRank, TextRank, Reduction and LSA
seconds; these take milliseconds to tens of milliseconds.

* LexRank, TextRank, Reduction: the pairwise similarities of all sentences are
  one matrix product of term-count (or tf-idf) rows instead of a Python double
  loop; the power iterations are capped so they always end.
* LSA: sumy keeps every singular dimension (``REDUCTION_RATIO = 1``), and then
  its rating ``sqrt(sum_k sigma_k^2 v_kj^2)`` is the diagonal of ``A^T A``:
  the norm of sentence j's column in the term matrix. So no SVD is needed (and
  no BLAS threads are started).
* Luhn: the significant words are counted a sentence at a time and looked up
  in a set instead of a tuple.

KL and SumBasic, greedy, are in ``greedy_summarizers``.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

# Power iterations converge in tens of steps on real text; this only stops a pathological case.
MAX_ITERATIONS = 1000
_BLOCK_WORDS = 1 << 16  # words of the sentences whose entries are counted at once (at least one sentence)


class _Sparse:
    """Word lists as sparse (sentence, term, count) entries, grouped by sentence."""

    def __init__(self, lists: Iterable[Iterable[str]]) -> None:
        index: dict[str, int] = {}
        # Read into an array one id at a time, a list in turn: a list of ids held ~36 bytes a word
        # (10^6 in a 5 MB text), and given generators no list of the text's words is held at all.
        ids, lengths = array("q"), array("q")
        for words in lists:
            before = len(ids)
            ids.extend(index.setdefault(w, len(index)) for w in words)
            lengths.append(len(ids) - before)
        self.n = len(lengths)
        self.terms = max(len(index), 1)
        self.lengths = np.array(lengths, dtype=float)
        keys, counts = self._entries(np.array(ids, dtype=np.int64), self.lengths.astype(np.int64))
        self.sentence = keys // self.terms
        self.term = keys % self.terms
        self.count = counts.astype(float)

    def _entries(self, ids: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The sorted distinct ``sentence * terms + term`` keys and their counts, made a block of
        whole sentences of about ``_BLOCK_WORDS`` words at a time: the keys and the copies the sort
        makes take several times the words' own array (a text of 10^6 words: ~60 MB at once)."""
        ends = np.cumsum(lengths)
        cuts = np.unique(np.searchsorted(ends, np.arange(_BLOCK_WORDS, len(ids), _BLOCK_WORDS), side="right"))
        keys, counts = [], []
        first = 0
        for stop in [*cuts[(cuts > 0) & (cuts < self.n)].tolist(), self.n]:
            low, high = (int(ends[first - 1]) if first else 0), int(ends[stop - 1]) if stop else 0
            rows = np.repeat(np.arange(first, stop, dtype=np.int64), lengths[first:stop])
            block_keys, block_counts = np.unique(rows * self.terms + ids[low:high], return_counts=True)
            keys.append(block_keys)
            counts.append(block_counts)
            first = stop
        return np.concatenate(keys), np.concatenate(counts)

    def gram(self, values: np.ndarray) -> np.ndarray:
        """``G[i, j] = sum over terms of values[i, t] * values[j, t]``: the n x n product of the rows.

        Summed over the pairs of sentences that share a term, without BLAS:
        numpy's threaded matrix product can be a hundred times slower than this
        when other processes keep the cores busy. Past ``_MAX_PAIRS`` pairs (a long
        report), see ``_large_gram``.
        """
        n = self.n
        if len(self.term) == 0:
            return np.zeros((n, n))
        order = np.argsort(self.term, kind="stable")
        term, sent, value = self.term[order], self.sentence[order], values[order]
        starts = np.flatnonzero(np.r_[True, term[1:] != term[:-1]])
        sizes = np.diff(np.r_[starts, len(term)])
        if int((sizes * sizes).sum()) > _MAX_PAIRS:
            return self._large_gram(term, sent, value, starts, sizes)
        return _pair_sums(n, sent, value, starts, sizes)

    def _large_gram(
        self, term: np.ndarray, sent: np.ndarray, value: np.ndarray, starts: np.ndarray, sizes: np.ndarray
    ) -> np.ndarray:
        """The same sum in bounded memory: terms shared by many sentences as dense column blocks
        (a matrix product), the others pair by pair, a group of terms at a time."""
        n = self.n
        out = np.zeros((n, n))
        common = sizes > max(_DENSE_FROM, n // 16)
        width = max(1, _MAX_PAIRS // n)  # columns per dense block
        dense_terms = np.flatnonzero(common)
        for lo in range(0, len(dense_terms), width):
            block = np.zeros((n, min(width, len(dense_terms) - lo)))
            for column, t in enumerate(dense_terms[lo : lo + width]):
                a, b = starts[t], starts[t] + sizes[t]
                block[sent[a:b], column] = value[a:b]
            out += block @ block.T
        rare = np.flatnonzero(~common)
        pairs = np.cumsum(sizes[rare] * sizes[rare])
        first = 0
        while first < len(rare):
            last = max(
                first + 1, int(np.searchsorted(pairs, pairs[first] - sizes[rare[first]] ** 2 + _MAX_PAIRS, "right"))
            )
            group = rare[first:last]
            keep = np.concatenate([np.arange(starts[t], starts[t] + sizes[t]) for t in group])
            local_starts = np.r_[0, np.cumsum(sizes[group])[:-1]]
            out += _pair_sums(n, sent[keep], value[keep], local_starts, sizes[group])
            first = last
        return out


def _pair_sums(n: int, sent: np.ndarray, value: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The n x n sums of ``value`` products over every pair of entries of the same term
    (entries grouped by term: a group begins at each of ``starts`` and has ``sizes`` entries)."""
    reps = np.repeat(sizes, sizes)  # each entry pairs with every entry of its term
    total = int(reps.sum())
    left = np.repeat(np.arange(len(sent)), reps)
    offsets = np.arange(total) - np.repeat(np.cumsum(reps) - reps, reps)
    right = np.repeat(np.repeat(starts, sizes), reps) + offsets
    flat = np.bincount(sent[left] * n + sent[right], weights=value[left] * value[right], minlength=n * n)
    return flat.reshape(n, n)


# Pairs summed at once (each costs about 60 bytes while summed); and the fewest sentences a term
# must be in to go into the dense product once a report has more pairs than this.
_MAX_PAIRS = 1_000_000
_DENSE_FROM = 32


def _pair_norms(lengths: np.ndarray) -> np.ndarray:
    """``log(len_i) + log(len_j)`` (0 where a sentence has no words)."""
    logs = np.log(np.maximum(lengths, 1.0))
    return logs[:, None] + logs[None, :]


def word_stems(summarizer: Any, sentences: Iterable[Any]) -> Iterator[Iterator[str]]:
    """Each sentence's stems of its normalised words not stop words (sumy's ``_to_words_set`` of
    LexRank, TextRank and Reduction, SumBasic's content words, and what Luhn and LSA count), a word
    at a time, not as a list: a 5 MB text can be one sentence of a million words."""
    normal, stem, stop = summarizer.normalize_word, summarizer.stem_word, summarizer._stop_words
    return ((stem(w) for w in map(normal, s.words) if w not in stop) for s in sentences)


def _with_headings(document: Any) -> Iterator[Any]:
    """The sentences whose words ``document.words`` holds, each paragraph's headings first (the
    sets and counts made of them do not depend on the order)."""
    for paragraph in document.paragraphs:
        yield from paragraph.headings
        yield from paragraph.sentences


class FastLexRankSummarizer(LexRankSummarizer):
    def __call__(self, document, sentences_count):
        if not document.sentences:
            return ()
        # tf and idf are computed inside the matrix (sumy's own idf loop is quadratic).
        matrix = self._create_matrix(word_stems(self, document.sentences), self.threshold, None, None)
        scores = self.power_method(matrix, self.epsilon)
        ratings = dict(zip(document.sentences, scores, strict=True))
        return self._get_best_sentences(document.sentences, sentences_count, ratings)

    def _create_matrix(self, sentences, threshold, tf_metrics, idf_metrics):
        rows = _Sparse(sentences)
        n = rows.n
        if n == 0:
            return np.zeros((0, 0))
        max_tf = np.zeros(n)
        np.maximum.at(max_tf, rows.sentence, rows.count)
        doc_freq = np.bincount(rows.term, minlength=rows.terms)
        idf = np.log(n / (1.0 + doc_freq))
        weighted = rows.count / max_tf[rows.sentence] * idf[rows.term]
        norms = np.sqrt(np.bincount(rows.sentence, weights=weighted**2, minlength=n))
        safe = np.where(norms > 0, norms, 1.0)
        cosine = rows.gram(weighted) / safe[:, None] / safe[None, :]
        cosine[(norms == 0)[:, None] | (norms == 0)[None, :]] = 0.0
        matrix = (cosine > threshold).astype(float)
        degrees = matrix.sum(axis=1)
        degrees[degrees == 0] = 1.0
        return matrix / degrees[:, None]

    @staticmethod
    def power_method(matrix, epsilon):
        transposed = matrix.T
        n = len(matrix)
        p_vector = np.full(n, 1.0 / n) if n else np.zeros(0)
        lambda_val = 1.0
        for _ in range(MAX_ITERATIONS):
            if not lambda_val > epsilon:
                break
            next_p = transposed @ p_vector
            norm = np.linalg.norm(next_p)
            if norm == 0:
                return next_p
            next_p /= norm
            lambda_val = float(np.linalg.norm(next_p - p_vector))
            p_vector = next_p
        return p_vector


class FastTextRankSummarizer(TextRankSummarizer):
    def _create_matrix(self, document):
        rows = _Sparse(word_stems(self, document.sentences))
        n = rows.n
        lengths = rows.lengths
        overlap = rows.gram(rows.count)  # sum over words of i of their count in j
        norm = _pair_norms(lengths)
        single = np.isclose(norm, 0.0)
        weights = np.where(single, overlap, overlap / np.where(single, 1.0, norm))
        weights[overlap == 0] = 0.0
        weights /= weights.sum(axis=1)[:, None] + self._ZERO_DIVISION_PREVENTION
        return np.full((n, n), (1.0 - self.damping) / n) + self.damping * weights

    @staticmethod
    def power_method(matrix, epsilon):
        transposed = matrix.T
        n = len(matrix)
        p_vector = np.full(n, 1.0 / n)
        lambda_val = 1.0
        for _ in range(MAX_ITERATIONS):
            if not lambda_val > epsilon:
                break
            next_p = transposed @ p_vector
            lambda_val = float(np.linalg.norm(next_p - p_vector))
            p_vector = next_p
        return p_vector


class FastReductionSummarizer(ReductionSummarizer):
    def rate_sentences(self, document):
        sentences = document.sentences
        rows = _Sparse(word_stems(self, sentences))
        lengths = rows.lengths
        overlap = rows.gram(rows.count)
        norm = _pair_norms(lengths)
        edges = np.where((overlap > 0) & (norm != 0), overlap / np.where(norm == 0, 1.0, norm), 0.0)
        np.fill_diagonal(edges, 0.0)
        return dict(zip(sentences, edges.sum(axis=1).tolist(), strict=True))


class FastLuhnSummarizer(LuhnSummarizer):
    """sumy's Luhn with its significant words counted a sentence at a time (sumy holds every word
    of the document, then every stem, at once) and looked up in a set (sumy scans a tuple)."""

    def __call__(self, document, sentences_count):
        words = self._stems_seen_twice(document)
        return self._get_best_sentences(document.sentences, sentences_count, self.rate_sentence, words)

    def _stems_seen_twice(self, document):
        """sumy's significant words with its ``significant_percentage`` of 1 (all are taken): the
        stems, in lower case, of the words not stop words the document, headings too, holds twice."""
        counts: Counter[str] = Counter()
        for sentence_stems in word_stems(self, _with_headings(document)):
            counts.update(map(str.lower, sentence_stems))
        return frozenset(term for term, count in counts.items() if count > 1)


class FastLsaSummarizer(LsaSummarizer):
    def _create_dictionary(self, document):
        """sumy's: the stems of the words not stop words, numbered, read a sentence at a time,
        headings too (sumy reads ``document.words``, every word of the document held at once)."""
        stems: set[str] = set()
        for sentence_stems in word_stems(self, _with_headings(document)):
            stems.update(sentence_stems)
        return {w: i for i, w in enumerate(stems)}

    def __call__(self, document, sentences_count):
        dictionary = self._create_dictionary(document)
        if not dictionary:
            return ()
        ranks = iter(self.rate_columns(document, dictionary))
        return self._get_best_sentences(document.sentences, sentences_count, lambda s: next(ranks))

    def rate_columns(self, document: Any, dictionary: dict[str, int], smooth: float = 0.4) -> list[float]:
        """Norm of each sentence's column of sumy's smoothed term-frequency matrix."""
        size = len(dictionary)
        ranks = []
        for sentence in document.sentences:
            counts: dict[int, int] = {}
            for word in map(self.stem_word, sentence.words):
                row = dictionary.get(word)
                if row is not None:
                    counts[row] = counts.get(row, 0) + 1
            if not counts:
                ranks.append(0.0)  # sumy leaves an all-zero column
                continue
            top = max(counts.values())
            total = smooth * smooth * (size - len(counts))
            total += sum((smooth + (1.0 - smooth) * c / top) ** 2 for c in counts.values())
            ranks.append(math.sqrt(total))
        return ranks

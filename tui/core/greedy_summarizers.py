"""sumy's greedy summarizers, KL and SumBasic, each step done by numpy: same ratings, long reports in time.

The greedy loops stay, as sumy defines them (quirks included), but each step scores every
remaining sentence at once over a flat array of (sentence, word, count) entries, and the
entries are read from each sentence's words in turn, never from lists of every word of the
document. The tests compare them with sumy on small documents.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from itertools import repeat
from typing import Any

import numpy as np
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer

from tui.core.fast_summarizers import word_stems


class _Entries:
    """Flat (sentence, term, count) entries of word lists, and each list's length. The lists are
    read once, in turn, into arrays: given generators, this holds one sentence's words as written
    at a time and no list of them normalised (a 5 MB text can be one sentence of a million words)."""

    def __init__(self, lists: Iterable[Iterable[str]], index: dict[str, int]) -> None:
        sent, term, count, lengths = array("q"), array("q"), array("d"), array("d")
        for row, words in enumerate(lists):
            seen: dict[int, int] = {}
            for word in words:
                column = index.setdefault(word, len(index))
                seen[column] = seen.get(column, 0) + 1
            sent.extend(repeat(row, len(seen)))
            term.extend(seen)
            count.extend(seen.values())
            lengths.append(sum(seen.values()))  # every word counted once
        self.sentence = np.frombuffer(sent, dtype=np.int64) if sent else np.zeros(0, dtype=np.int64)
        self.term = np.frombuffer(term, dtype=np.int64) if term else np.zeros(0, dtype=np.int64)
        self.count = np.frombuffer(count, dtype=float) if count else np.zeros(0)
        self.lengths = np.frombuffer(lengths, dtype=float) if lengths else np.zeros(0)


class FastKLSummarizer(KLSummarizer):
    def _compute_ratings(self, sentences):
        """sumy's greedy KL order: each step adds the sentence whose union with the summary is closest.

        KL(summary+s) = sum over words w with doc(w) > 0 and (s+summary)(w) > 0 of
        doc(w) * log(doc(w) / joint(w)), joint = counts / (len(s) + len(summary)).
        As sumy does, the candidate contributes its normalised content words and
        the summary all its words as written.
        """
        n = len(sentences)
        if n == 0:
            return {}
        # sumy's document frequencies (``compute_tf``: the words not stop words as written, then
        # normalised, all sentences together) read from entries too, and every word list as sumy
        # makes it (``_get_content_words_in_sentence``: normalised, then not stop words) read one
        # word at a time, not as lists of a 5 MB text's words.
        index: dict[str, int] = {}
        normal, stop = self.normalize_word, self.stop_words
        in_doc = _Entries(((normal(w) for w in s.words if w not in stop) for s in sentences), index)
        content = _Entries(((w for w in map(normal, s.words) if w not in stop) for s in sentences), index)
        raw = _Entries((s.words for s in sentences), index)
        size = len(index)
        doc = np.bincount(in_doc.term, weights=in_doc.count, minlength=size) / max(in_doc.lengths.sum(), 1.0)
        log_doc = np.log(np.where(doc > 0, doc, 1.0))
        summary = np.zeros(size)
        summary_len = 0.0
        remaining = np.ones(n, dtype=bool)
        # Only words the document's distribution knows count; keep just those entries.
        keep = doc[content.term] > 0
        sent, term, count = content.sentence[keep], content.term[keep], content.count[keep]
        entry_doc = doc[term]
        entry_g_alone = entry_doc * (log_doc[term] - np.log(count))
        raw_bounds = np.searchsorted(raw.sentence, np.arange(n + 1))
        ratings: dict[Any, int] = {}
        for step in range(n):
            # Words of the summary alone, and how each candidate's own words change that sum.
            in_summary = (summary > 0) & (doc > 0)
            base_g = float((doc[in_summary] * (log_doc[in_summary] - np.log(summary[in_summary]))).sum())
            base_m = float(doc[in_summary].sum())
            with_summary = summary[term]
            shared = with_summary > 0
            if shared.any():
                joint = count + with_summary
                # A shared word's term changes from its summary-only value; a new word adds its term and mass.
                delta = np.where(
                    shared, entry_doc * (np.log(np.where(shared, with_summary, 1.0)) - np.log(joint)), entry_g_alone
                )
                delta_g = np.bincount(sent, weights=delta, minlength=n)
                delta_m = np.bincount(sent, weights=np.where(shared, 0.0, entry_doc), minlength=n)
            else:
                delta_g = np.bincount(sent, weights=entry_g_alone, minlength=n)
                delta_m = np.bincount(sent, weights=entry_doc, minlength=n)
            total = content.lengths + summary_len
            kl = base_g + delta_g + np.log(np.where(total > 0, total, 1.0)) * (base_m + delta_m)
            kl[~remaining] = np.inf
            best = int(np.argmin(kl))
            remaining[best] = False
            ratings[sentences[best]] = -step
            lo, hi = raw_bounds[best], raw_bounds[best + 1]
            np.add.at(summary, raw.term[lo:hi], raw.count[lo:hi])
            summary_len += raw.lengths[best]
        return ratings


# A probability below 1 squared 64 times is 0.0 in floating point (and 1.0 stays 1.0), so more
# squarings change nothing; 2 ** count for a word repeated thousands of times is too big a float.
_MAX_SQUARINGS = 64


class FastSumBasicSummarizer(SumBasicSummarizer):
    def _compute_ratings(self, sentences):
        """sumy's SumBasic order: best average word probability first, then square the words used."""
        n = len(sentences)
        if n == 0:
            return {}
        # sumy's document frequencies are those of the sentences' content words put together: read
        # from the entries, each sentence's content words (``_get_content_words``: normalised, not
        # stop words, stemmed) made once, a word at a time, not as lists of a 5 MB text's words.
        index: dict[str, int] = {}
        entries = _Entries(word_stems(self, sentences), index)
        total = entries.lengths.sum()
        freq = np.bincount(entries.term, weights=entries.count, minlength=len(index)) / max(total, 1.0)
        remaining = np.ones(n, dtype=bool)
        bounds = np.searchsorted(entries.sentence, np.arange(n + 1))
        has_words = entries.lengths > 0
        lengths = np.where(has_words, entries.lengths, 1.0)
        ratings: dict[Any, int] = {}
        for step in range(n):
            sums = np.bincount(entries.sentence, weights=entries.count * freq[entries.term], minlength=n)
            average = np.where(has_words, sums / lengths, 0.0)
            # sumy takes the first sentence whose average beats the best so far (all are >= 0).
            average[~remaining] = -np.inf
            best = int(np.argmax(average))
            remaining[best] = False
            ratings[sentences[best]] = -step
            # sumy squares a word's probability once per occurrence in the chosen sentence.
            lo, hi = bounds[best], bounds[best + 1]
            for term, count in zip(entries.term[lo:hi].tolist(), entries.count[lo:hi].tolist(), strict=True):
                freq[term] = freq[term] ** (2 ** min(int(count), _MAX_SQUARINGS))
        return ratings

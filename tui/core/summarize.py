"""Score every body sentence with one of sumy's summarizers, the fitted ranker, or the lead baseline.

sumy only returns the top-k sentences, but every summarizer passes through
``AbstractSummarizer._get_best_sentences`` with a count that may be a
callable: handing it a callable that records all rated sentences gives a
score and a rank for every sentence, which the interface uses to highlight
key sentences by strength.

Before any algorithm runs, sentences that are page matter (captions, bylines,
"Xem video" links, fragments; see ``sentence_filter``) are set aside: the
algorithm sees only the story, and the set-aside sentences are scored below
every story sentence, so every sentence still has a score and a rank and
offsets are untouched.

LexRank, TextRank, Reduction, LSA, Luhn, KL and SumBasic run as the numpy
equivalents in ``fast_summarizers`` and ``greedy_summarizers`` (same ratings as sumy's classes, but
milliseconds instead of seconds on long reports). The graph methods still
hold an n x n matrix and KL/SumBasic still add one sentence per step, so above
``MAX_SENTENCES[algorithm]`` story sentences they are replaced by the ranker,
and ``Summary.note`` says so.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from tui.core.furniture import STIGMA_WORDS
from tui.core.model import Document, Sentence, SentenceScore, Summary
from tui.core.redundancy import diversify
from tui.core.sentence_filter import junk_reasons
from tui.core.tokenize import SumyTokenizer

SUMY_ALGORITHMS: tuple[str, ...] = (
    "lexrank",
    "lsa",
    "textrank",
    "luhn",
    "edmundson",
    "kl",
    "sumbasic",
    "reduction",
    "random",
)
ALGORITHMS: tuple[str, ...] = ("ranker", *SUMY_ALGORITHMS, "lead")
DEFAULT_ALGORITHM = "ranker"
# sumy algorithms replaced by an equivalent numpy implementation (see fast_summarizers).
FAST_CLASSES: tuple[str, ...] = ("lexrank", "lsa", "textrank", "luhn", "kl", "sumbasic", "reduction")
# Algorithms whose time grows with the square of the sentence count, and the most sentences each
# takes (about a second on a busy 2-core machine); above it the ranker stands in, with a note.
MAX_SENTENCES: dict[str, int] = {"lexrank": 1500, "textrank": 1500, "reduction": 1500, "kl": 800, "sumbasic": 800}
QUADRATIC: frozenset[str] = frozenset(MAX_SENTENCES)


class _RateAll:
    """A sumy count that keeps every rated sentence: ``(order, rating)`` pairs."""

    def __init__(self) -> None:
        self.rated: list[tuple[int, float]] = []

    def __call__(self, infos: Sequence[Any]) -> Sequence[Any]:
        self.rated = [(info.order, float(info.rating)) for info in infos]
        return infos


def summarize(
    document: Document,
    sentences: Sequence[Sentence],
    algorithm: str = DEFAULT_ALGORITHM,
    count: int = 3,
    stop_words: frozenset[str] = frozenset(),
) -> Summary:
    """Score every sentence with ``algorithm`` and select the best ``count`` in document order."""
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}; choose one of {', '.join(ALGORITHMS)}")
    reasons = junk_reasons(document, sentences)
    keep = [i for i, reason in enumerate(reasons) if reason is None] or list(range(len(sentences)))
    story = [sentences[i] for i in keep]
    method, note = algorithm, None
    limit = MAX_SENTENCES.get(algorithm)
    if limit is not None and len(story) > limit:
        method = "ranker"
        note = (
            f"{algorithm} grows with the square of the sentence count; {len(story)} sentences is over "
            f"its limit of {limit}, so they were ranked by the default ranker instead"
        )
    if method == "lead":
        story_ratings = [-float(position) for position in range(len(story))]
    else:
        story_ratings = _sumy_ratings(document, story, method, stop_words)
    floor = min(story_ratings, default=0.0) - 1.0
    ratings = [floor] * len(sentences)  # set-aside sentences rank last, in document order
    for i, rating in zip(keep, story_ratings):
        ratings[i] = rating
    scores = diversify(rank(ratings), sentences)
    return Summary(algorithm, scores, select(scores, count), note, method)


def rank(ratings: Sequence[float]) -> tuple[SentenceScore, ...]:
    """Rank ratings (higher is better; ties go to the earlier sentence)."""
    order = sorted(range(len(ratings)), key=lambda i: (-ratings[i], i))
    ranks = {index: position + 1 for position, index in enumerate(order)}
    return tuple(SentenceScore(i, float(r), ranks[i]) for i, r in enumerate(ratings))


def select(scores: Sequence[SentenceScore], count: int) -> tuple[int, ...]:
    """The indexes of the ``count`` best-ranked sentences, in document order."""
    return tuple(sorted(s.index for s in scores if s.rank <= count))


def sumy_document(document: Document, sentences: Sequence[Sentence], tokenizer: SumyTokenizer) -> Any:
    """sumy's document model built from our sentences, the headline as its heading."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    paragraphs: list[Any] = []
    if document.title:
        paragraphs.append(Paragraph([SumySentence(document.title, tokenizer, is_heading=True)]))
    current = -1
    for sentence in sentences:
        if sentence.paragraph != current:
            paragraphs.append([])
            current = sentence.paragraph
        paragraphs[-1].append(SumySentence(sentence.text, tokenizer))
    return ObjectDocumentModel([p if not isinstance(p, list) else Paragraph(p) for p in paragraphs])


def title_words(document: Document, stop_words: frozenset[str]) -> tuple[str, ...]:
    """Content words of the headline: Edmundson's bonus words."""
    if not document.title:
        return ()
    words = SumyTokenizer().to_words(document.title)
    return tuple(w for w in words if w.lower() not in stop_words)


def _sumy_ratings(
    document: Document, sentences: Sequence[Sentence], algorithm: str, stop_words: frozenset[str]
) -> list[float]:
    if not sentences:
        return []
    tokenizer = SumyTokenizer(sentences)
    model = sumy_document(document, sentences, tokenizer)
    summarizer = _build(algorithm, document, stop_words)
    capture = _RateAll()
    summarizer(model, capture)
    ratings = [0.0] * len(sentences)
    for order, rating in capture.rated:
        ratings[order] = rating
    return ratings


# A context variable, not a module flag: a comparison run in one thread never changes the
# summaries another thread computes.
_sumy_only: ContextVar[bool] = ContextVar("sumy_only", default=False)


@contextmanager
def sumy_classes_only() -> Iterator[None]:
    """Use sumy's own classes instead of the numpy equivalents (for benchmarks and tests)."""
    token = _sumy_only.set(True)
    try:
        yield
    finally:
        _sumy_only.reset(token)


def _build(algorithm: str, document: Document, stop_words: frozenset[str]) -> Any:
    classes = _sumy_classes() if _sumy_only.get() else _classes()
    summarizer = classes[algorithm]()
    if algorithm == "edmundson":
        bonus = title_words(document, stop_words)
        summarizer.bonus_words = bonus or ("_",)  # sumy refuses an empty set
        summarizer.stigma_words = STIGMA_WORDS
        summarizer.null_words = stop_words or ("_",)
    elif algorithm == "random":
        # Seeded by the text so the same article always gets the same "random" summary.
        seed = int(hashlib.blake2b(document.text.encode(), digest_size=8).hexdigest(), 16)
        summarizer._get_random_ratings = _seeded_random_ratings(random.Random(seed))
    else:
        summarizer.stop_words = stop_words
    return summarizer


def _seeded_random_ratings(rng: random.Random) -> Callable[[Iterable[Any]], dict[Any, int]]:
    def ratings(sentences: Iterable[Any]) -> dict[Any, int]:
        sentences = list(sentences)
        values = list(range(len(sentences)))
        rng.shuffle(values)
        return dict(zip(sentences, values))

    return ratings


@lru_cache(maxsize=1)
def _classes() -> dict[str, type]:
    from tui.core import fast_summarizers as fast
    from tui.core import greedy_summarizers as greedy
    from tui.core.ranker import RankerSummarizer

    return {
        **_sumy_classes(),
        "ranker": RankerSummarizer,
        "lexrank": fast.FastLexRankSummarizer,
        "lsa": fast.FastLsaSummarizer,
        "textrank": fast.FastTextRankSummarizer,
        "kl": greedy.FastKLSummarizer,
        "luhn": fast.FastLuhnSummarizer,
        "sumbasic": greedy.FastSumBasicSummarizer,
        "reduction": fast.FastReductionSummarizer,
    }


@lru_cache(maxsize=1)
def _sumy_classes() -> dict[str, type]:
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.random import RandomSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    from tui.core.ranker import RankerSummarizer

    return {
        "lexrank": LexRankSummarizer,
        "lsa": LsaSummarizer,
        "textrank": TextRankSummarizer,
        "luhn": LuhnSummarizer,
        "edmundson": EdmundsonSummarizer,
        "kl": KLSummarizer,
        "sumbasic": SumBasicSummarizer,
        "reduction": ReductionSummarizer,
        "random": RandomSummarizer,
        "ranker": RankerSummarizer,
    }

"""The stock pipeline that `reports-tui index` is compared with, timed on this machine.

    python bench/stock_pipeline.py [FOLDER] [--every N] [--jobs N]

Stock means underthesea and sumy called as their documentation shows:
`sent_tokenize`, then `word_tokenize` and `ner` sentence by sentence, then
sumy's LexRank over those words, for every article, in a pool of one process
per core. `--every N` times every Nth article (in name order) and scales the
wall time by N: a quick estimate for `index_speed.py`'s ratio.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the app's workers: numpy oversubscribes otherwise

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "bench" / "corpus-2k"


class _GivenWords:
    """A sumy tokenizer that hands back the words underthesea found."""

    def __init__(self, words: dict[str, list[str]]) -> None:
        self.words = words

    def to_words(self, sentence: str) -> list[str]:
        return self.words.get(sentence, sentence.split())


def analyse(path: str) -> int:
    """The stock analysis of one file; returns how many entity tags it found."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from underthesea import ner, sent_tokenize, word_tokenize

    text = unicodedata.normalize("NFC", Path(path).read_text(encoding="utf-8", errors="replace"))
    sentences = sent_tokenize(text)
    words = {s: word_tokenize(s) for s in sentences}
    tags = [ner(s) for s in sentences]
    tokenizer = _GivenWords(words)
    document = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
    LexRankSummarizer()(document, 3)
    return sum(1 for sentence in tags for tag in sentence if tag[-1] != "O")


def stock_seconds(files: list[str], jobs: int) -> float:
    """Wall time of the stock pipeline over ``files``, once every process has loaded the models."""
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_warm, range(jobs)))
        started = time.perf_counter()
        list(pool.map(analyse, files, chunksize=4))
        return time.perf_counter() - started


def _warm(_: int) -> None:
    from underthesea import ner, word_tokenize

    ner("Ông Nguyễn Văn An làm việc tại Hà Nội.")
    word_tokenize("Hà Nội")
    time.sleep(0.2)  # so each process of the pool takes one


def corpus_files(folder: str, every: int) -> list[str]:
    files = sorted(str(p) for p in Path(folder).rglob("*") if p.suffix in (".txt", ".md") and p.is_file())
    return files[::every]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    files = corpus_files(args.folder, args.every)
    seconds = stock_seconds(files, args.jobs)
    print(
        f"stock pipeline, {args.jobs} processes, {len(files)} articles (every {args.every}): {seconds:.1f} s"
        + (f", about {seconds * args.every:.0f} s for the whole folder" if args.every > 1 else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

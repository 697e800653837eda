"""Make N realistic, distinct articles from the bench corpus, for scale work (10,000s to 100,000s).

    python bench/make_corpus.py OUT_FOLDER --count 100000 [--source ../shared/bench/corpus-2k] [--seed 1]

Each article is a new combination: a headline spliced from two source headlines, a date line with a
random date, the lead of one article and body passages drawn from three others, so no two outputs
are duplicates (checked by hash) while every sentence is real Vietnamese news text. Files go into
sub-folders of 1,000 (``OUT/000/000123.txt``), as an archive would be laid out. The output is
generated data: keep it outside the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "bench" / "corpus-2k"
PER_FOLDER = 1000
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ\"“])")
_WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


@dataclass(frozen=True)
class Source:
    title: str
    lead: str
    passages: tuple[str, ...]  # runs of a few body sentences


def read_sources(folder: Path) -> list[Source]:
    sources = []
    for path in sorted(folder.glob("*.txt")):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        if len(blocks) < 3:
            continue
        sentences = [s for block in blocks[2:] for s in _SENTENCE_END.split(block) if s.strip()]
        passages = tuple(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))
        if passages:
            sources.append(Source(blocks[0], blocks[1], passages))
    return sources


def make_article(rng: random.Random, sources: list[Source]) -> str:
    first, second, lead_from, *body_from = rng.sample(sources, 6)
    head, tail = first.title.split(), second.title.split()
    title = " ".join(head[: max(2, len(head) // 2)] + tail[len(tail) // 2 :])
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(11 * 365))
    date_line = f"{_WEEKDAYS[day.weekday()]}, {day:%d/%m/%Y} {rng.randrange(6, 23):02d}:{rng.randrange(60):02d}"
    paragraphs: list[str] = []
    for source in body_from:
        start = rng.randrange(len(source.passages))
        paragraphs.extend(source.passages[start : start + rng.randint(1, 4)])
    rng.shuffle(paragraphs)
    return "\n\n".join([title, date_line, lead_from.lead, *paragraphs]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sources = read_sources(args.source)
    if len(sources) < 6:
        print(f"make_corpus: {args.source} holds too few articles ({len(sources)})", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    seen: set[bytes] = set()
    started = time.perf_counter()
    total_bytes = 0
    for number in range(args.count):
        while True:
            text = make_article(rng, sources)
            digest = hashlib.blake2b(text.encode(), digest_size=16).digest()
            if digest not in seen:
                seen.add(digest)
                break
        target = args.out / f"{number // PER_FOLDER:03d}" / f"{number:06d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        target.write_bytes(data)
        total_bytes += len(data)
    seconds = time.perf_counter() - started
    print(f"{args.count:,} articles, {total_bytes / 1e6:.1f} MB in {args.out} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

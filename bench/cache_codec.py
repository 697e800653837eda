"""The cache's stored form: msgspec MessagePack (typed) against pickle, on real analyses.

    python bench/cache_codec.py [FOLDER] [--limit N] [--repeat R]

Analyses the first N articles of FOLDER (default: corpus-2k, 300 articles) as
the cache stores them (without words), then times encoding and decoding each
one with both codecs and prints µs per analysis and bytes per analysis.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

from tui.core.model import Analysis
from tui.core.pipeline import Options, analyse, load_document

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = REPO.parent / "shared" / "bench" / "corpus-2k"


def per_item_us(function: Callable[[object], object], items: list, repeat: int) -> list[float]:
    """The best of ``repeat`` timings of ``function`` on each item, in µs."""
    times = []
    for item in items:
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            function(item)
            best = min(best, time.perf_counter() - started)
        times.append(best * 1e6)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    paths = sorted(Path(args.folder).glob("*.txt"))[: args.limit]
    if not paths:
        print(f"no .txt articles in {args.folder}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    analyses = [analyse(load_document(str(p)), Options()).without_words() for p in paths]
    print(f"{len(analyses)} analyses (summary and entities) made in {time.perf_counter() - started:.1f} s")

    encoder, decoder = msgspec.msgpack.Encoder(), msgspec.msgpack.Decoder(Analysis)
    codecs: dict[str, tuple[Callable[[Analysis], bytes], Callable[[bytes], object]]] = {
        "pickle (protocol 5)": (lambda a: pickle.dumps(a, protocol=5), pickle.loads),
        "msgspec msgpack (typed)": (encoder.encode, decoder.decode),
    }
    print(f"{'codec':<26}{'encode µs':>12}{'decode µs':>12}{'bytes':>10}   (median per analysis; mean bytes)")
    for name, (encode, decode) in codecs.items():
        blobs = [encode(a) for a in analyses]
        assert all(decode(b) == a for a, b in zip(analyses, blobs, strict=True)), f"{name} does not round-trip"
        enc = statistics.median(per_item_us(encode, analyses, args.repeat))  # type: ignore[arg-type]
        dec = statistics.median(per_item_us(decode, blobs, args.repeat))  # type: ignore[arg-type]
        size = statistics.mean(len(b) for b in blobs)
        print(f"{name:<26}{enc:>12.1f}{dec:>12.1f}{size:>10.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

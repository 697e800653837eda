"""The corpus screen at scale: its paint time and the time a filter by an entity takes to apply.

Indexes the articles into a temporary cache (``reports-tui index``, as a user would; or reuses a
cache folder given with --cache), then opens the interface headless on them, warm, for each
article count and prints:

* gathered: reading every cached article's entities and making the corpus table, in the
  background (it starts 2 s after the list is read from the cache);
* paint: from `p` to the corpus screen showing every article's entities, once gathered;
* early paint / early complete: `p` pressed as soon as the list is read, before the gathering:
  until the first rows show, and until they hold every article;
* table: making the corpus table once from every article's entities (``Corpus.rows``);
* filter: choosing the most widely named entity until the list holds its articles, and until
  the screen is repainted.

Usage: python bench/corpus_screen.py [--counts 500,1000,2000] [--cache DIR] [--size 120x40]
       [--runs 3] [--repeat 5,10] [PATH]
Default PATH: ../shared/bench/corpus-2k. The machine's load changes the figures: run it alone.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "bench" / "corpus-2k"
SCRIPT = Path(sys.executable).with_name("reports-tui")


async def measure(paths: list[str], size: tuple[int, int], early: bool) -> dict[str, float]:
    """``early``: press `p` as soon as the list is read from the cache, before the entities are gathered."""
    from tui.app.app import ReportsApp
    from tui.app.articles import Status
    from tui.app.corpus_state import Filling
    from tui.app.screens.corpus import CorpusScreen
    from tui.app.screens.corpus_actions import GATHER_AFTER
    from tui.app.screens.reader import ReaderScreen
    from tui.app.widgets.article_list import ArticleList
    from tui.config import load_config

    app = ReportsApp(paths, load_config(None), processes=False)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        loop = asyncio.get_running_loop()
        corpus = screen.library.corpus

        async def until(predicate, limit: float = 300.0) -> float:
            start = loop.time()
            while not predicate():
                if loop.time() - start > limit:
                    raise SystemExit("timed out")
                await pilot.pause(0.005)
            return loop.time() - start

        await until(lambda: all(e.state is Status.DONE for e in screen.library.entries))
        figures: dict[str, float] = {}
        if not early:  # the entities are gathered in the background; then the screen is opened
            waited = await until(lambda: corpus.filling is Filling.DONE and corpus._rows is not None)
            figures["gather"] = waited - GATHER_AFTER
        start = time.perf_counter()
        await pilot.press("p")
        await until(lambda: isinstance(app.screen, CorpusScreen) and app.screen.shown is not None)
        await pilot.pause()  # the rows painted
        figures["first"] = time.perf_counter() - start
        await until(lambda: app.screen.shown.articles == len(paths))  # type: ignore[attr-defined]
        await pilot.pause()
        figures["complete"] = time.perf_counter() - start
        corpus._rows = None
        start = time.perf_counter()
        rows = corpus.rows()
        figures["rows"] = time.perf_counter() - start
        entity = rows.entities[0]
        await pilot.press("escape")
        await pilot.pause()
        start = time.perf_counter()
        screen.choose_entity(entity)
        figures["filter"] = time.perf_counter() - start  # the rows chosen and the list told
        await pilot.pause()
        figures["filter painted"] = time.perf_counter() - start
        assert len(screen.query_one(ArticleList).paths) == entity.articles
        figures["entities"] = len(rows.entities)
        return figures


def table_growth(paths: list[str], repeats: list[int]) -> None:
    """The corpus table and an entity filter with the cached analyses repeated under new paths (as if
    the corpus were that many times larger; the same names, so no more rows than at 1x)."""
    from tui.app.articles import Entry
    from tui.app.cached import CacheReader
    from tui.app.corpus_state import Corpus
    from tui.app.list_view_state import EntityFilter, ListView, arrange
    from tui.app.text_index import TextIndex
    from tui.config import load_config

    reader = CacheReader(load_config(None).options)
    analyses = [(p, a) for p in paths if (a := reader.get(p)) is not None]
    print(f"{'articles':>8} {'table':>7} {'filter':>7}   (analyses repeated: same names)")
    for times in repeats:
        named = [(f"{p}#{n}", a) for n in range(times) for p, a in analyses]
        corpus = Corpus([p for p, _ in named])
        for path, analysis in named:
            corpus.add(path, analysis)
        start = time.perf_counter()
        rows = corpus.rows()
        made = time.perf_counter() - start
        entries = [Entry(path, path) for path, _ in named]
        start = time.perf_counter()
        listed = arrange(entries, ListView(entity=EntityFilter.of(rows.entities[0])), TextIndex())
        chosen = time.perf_counter() - start
        assert len(listed) == rows.entities[0].articles
        print(f"{len(named):>8} {made * 1000:>5.0f}ms {chosen * 1000:>5.0f}ms", flush=True)


def index(paths: list[str], cache: str) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": cache}
    subprocess.run([str(SCRIPT), "index", *paths], env=env, check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", default=str(CORPUS))
    parser.add_argument("--counts", default="500,1000,2000")
    parser.add_argument("--cache", help="an XDG_CACHE_HOME that already holds the indexed articles")
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", default="", help="e.g. 5,10: also time the table with the analyses repeated")
    args = parser.parse_args()
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    every = sorted(str(p) for p in Path(args.path).rglob("*.txt"))
    if not every:
        parser.error(f"no articles (*.txt) under {args.path}")
    size = tuple(int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as made, tempfile.TemporaryDirectory() as data:
        cache = args.cache or made
        if args.cache is None:
            print(f"indexing {len(every)} articles into a temporary cache…", flush=True)
            index([args.path], cache)
        os.environ["XDG_CACHE_HOME"], os.environ["XDG_DATA_HOME"] = cache, data
        print(
            f"{'articles':>8} {'entities':>8} {'gathered':>9} {'paint':>7} {'early paint':>12} "
            f"{'early complete':>15} {'table':>7} {'filter':>7} {'painted':>8}"
        )
        for count in (int(c) for c in args.counts.split(",")):
            paths = every[:count]
            warm = [asyncio.run(measure(paths, size, early=False)) for _ in range(args.runs)]  # type: ignore[arg-type]
            early = [asyncio.run(measure(paths, size, early=True)) for _ in range(args.runs)]  # type: ignore[arg-type]
            w = {k: statistics.median(r[k] for r in warm) * 1000 for k in warm[0]}
            e = {k: statistics.median(r[k] for r in early) * 1000 for k in early[0]}
            print(
                f"{count:>8} {int(w['entities'] / 1000):>8} {w['gather']:>7.0f}ms {w['first']:>5.0f}ms "
                f"{e['first']:>10.0f}ms {e['complete']:>13.0f}ms {w['rows']:>5.0f}ms {w['filter']:>5.0f}ms "
                f"{w['filter painted']:>6.0f}ms",
                flush=True,
            )
        if args.repeat:
            table_growth(every, [int(r) for r in args.repeat.split(",")])
    return 0


if __name__ == "__main__":
    sys.exit(main())

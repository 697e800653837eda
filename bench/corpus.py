"""Corpus commands with a warm cache: `entities --across`, `digest` (Markdown, Word), `figures`,
and the in-process core of the corpus-entities screen, at several corpus sizes.

    python bench/corpus.py [--sizes 500,1000,2000] [--big FOLDER] [--cache DIR] [--runs 2] [--jobs N]

Sizes up to 2,000 are the first N articles of corpus-2k; ``--big FOLDER`` adds every article of
a folder made by ``bench/make_corpus.py`` (e.g. 20,000). Everything is first indexed into
``--cache`` (default: a new temporary folder; pass one to reuse an indexed cache), then every
command runs warm as a real process (best of ``--runs``). In-process: reading the cached analyses
as the command line does, then building the corpus entities table, the figures table and the
digest from them. Prints a table with each figure's growth against the size before it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # this checkout's package, as the commands run with cwd=REPO use
# Beside the repository, or beside the folder of its work trees.
CORPUS = (
    next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()), REPO.parent / "shared")
    / "bench"
    / "corpus-2k"
)
COMMANDS: dict[str, list[str]] = {
    "entities --across": ["entities", "--across", "--format", "json"],
    "digest markdown": ["digest", "--format", "markdown"],
    "digest docx": ["digest", "--format", "docx", "--force", "--output"],
    "figures csv": ["figures", "--format", "csv"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the articles the sizes are taken from")
    parser.add_argument("--sizes", default="500,1000,2000", help="article counts taken from --corpus")
    parser.add_argument("--big", type=Path, help="a folder of generated articles measured as one more size")
    parser.add_argument("--cache", type=Path, help="the cache folder (XDG_CACHE_HOME) to index into and read")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--jobs", type=int, help="index workers (default: the index command's)")
    options = parser.parse_args()
    cache = options.cache or Path(tempfile.mkdtemp(prefix="corpus-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONDONTWRITEBYTECODE": "1"}
    os.environ["XDG_CACHE_HOME"] = str(cache)  # the in-process part reads the same cache
    articles = sorted(str(p) for p in options.corpus.glob("*.txt"))
    if not articles:
        parser.error(f"no articles in {options.corpus}")
    sets: list[tuple[int, list[str]]] = [(n, articles[:n]) for n in (int(s) for s in options.sizes.split(",") if s)]
    if options.big is not None:
        big = sorted(str(p) for p in options.big.rglob("*.txt"))
        sets.append((len(big), [str(options.big)]))
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print(f"cache: {cache}")
    rows = []
    for size, paths in sets:
        started = time.perf_counter()
        index = [sys.executable, "-m", "tui", "index", *paths] + (["--jobs", str(options.jobs)] if options.jobs else [])
        subprocess.run(index, env=env, cwd=REPO, check=True, capture_output=True)
        print(f"{size:>7,} articles indexed (or found cached) in {time.perf_counter() - started:.1f} s", flush=True)
        row = {name: best(options.runs, partial(run, args, paths, env, cache)) for name, args in COMMANDS.items()}
        row.update(in_process(paths))
        rows.append((size, row))
        print(f"{size:>7,}: " + ", ".join(f"{k} {w:.2f} s (CPU {c:.2f})" for k, (w, c) in row.items()), flush=True)
    report(rows)
    print(f"load at the end {os.getloadavg()[0]:.1f}")
    return 0


Timing = tuple[float, float]  # wall seconds, CPU seconds (the machine may be shared: CPU is steadier)


def run(args: list[str], paths: list[str], env: dict[str, str], cache: Path) -> Timing:
    command = [sys.executable, "-m", "tui", *args]
    if command[-1] == "--output":
        command.append(str(cache / "digest.docx"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([*command, *paths], env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best(runs: int, action: Callable[[], Timing]) -> Timing:
    return min(action() for _ in range(max(1, runs)))


def timed(action: Callable[[], object]) -> Timing:
    cpu, started = time.process_time(), time.perf_counter()
    action()
    return time.perf_counter() - started, time.process_time() - cpu


def in_process(paths: list[str]) -> dict[str, Timing]:
    """The read of the cached analyses, then each table built from them (the screen's core part)."""
    from tui.config import load_config
    from tui.core.cache import open_cache
    from tui.core.corpus import corpus_entities
    from tui.core.digest import build_digest
    from tui.core.figures import corpus_figures
    from tui.core.loader import find_articles
    from tui.core.model import Analysis
    from tui.core.service import analyse_path

    config = load_config(None)
    cache = open_cache()
    items: list[tuple[str, Analysis]] = []

    def read() -> None:
        for path in find_articles(paths):
            if isinstance(path, str):
                items.append((path, analyse_path(path, config.options, cache=cache)))

    timings = {"read cached": timed(read)}
    timings["entities table"] = timed(lambda: corpus_entities(items))
    timings["figures table"] = timed(lambda: corpus_figures(items))
    timings["digest model"] = timed(lambda: build_digest(items, config.algorithm, config.sentences))
    return timings


def report(rows: list[tuple[int, dict[str, Timing]]]) -> None:
    """Wall seconds (CPU seconds), and the growth of the CPU time against the size before: on a
    shared machine the wall time mostly measures the other jobs."""
    print()
    print("| what | " + " | ".join(f"{size:,}" for size, _ in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for name in rows[0][1]:
        cells = []
        for n, (size, row) in enumerate(rows):
            wall, cpu = row[name]
            cell = f"{wall:.2f} s ({cpu:.2f})"
            if n:
                before_size, before = rows[n - 1]
                cell += f" ×{cpu / max(before[name][1], 1e-6):.1f} for ×{size / before_size:.0f}"
            cells.append(cell)
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    raise SystemExit(main())

"""The interface at scale: first paint, filter per keystroke, memory and files opened, by corpus size.

    python bench/scale.py /tmp/gen-2k /tmp/gen-20k /tmp/gen-100k [--runs 3] [--query "ha noi"]

Make the corpora first with ``bench/make_corpus.py`` (outside the repository). For every folder,
each figure comes from a fresh process with its own empty config, data and cache folders:

* first paint, cold (empty cache) and warm, in a real terminal (tmux, 80x24), median of ``--runs``;
* memory: resident size (VmRSS) of the interface's process with the list shown, idle (2 s after
  the first paint; the worker processes are not counted);
* files opened: the article files the interface process opens in its first 3 s, warm, counted
  with ``strace -f -e trace=openat`` (workers included); a warm start should open none;
* the list filter: ``--query`` typed character by character into the filter (a Textual pilot in a
  fresh process, warm cache), the time from the filter starting on a keystroke to the list
  repainted, first while the article texts are still being read ("titles"), then again once
  they are all read ("texts"), with the memory then (and the process's peak); every list update
  counts: a keystroke's (title hits at once) and each text search's that follows, and how long
  after the last keystroke the query's final rows show ("final").

The warm cache: up to ``--index-up-to`` articles (default 2,000) it is what ``reports-tui index``
writes. Larger folders would take hours to index on two cores, so the first ``--sample``
articles are analysed with the pipeline and every other article gets a copy of one of those
analyses under its own key, path, stat row and first line as title: the rows a warm start
reads are those of a fully indexed archive, but the analyses behind them are not the articles'
own (opening one shows another article's text; the benchmark opens only the first).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import SCRIPT, Terminal  # the sibling benchmark's terminal driver

SIZE = (80, 24)
SETTLE = 2.0  # seconds after the first paint before memory is read


def private_env(home: Path) -> dict[str, str]:
    """Config, data and cache folders of this run only: the benchmark never touches the user's."""
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env["TERM"] = "xterm-256color"
    env.pop("TMUX", None)
    env.pop("NO_COLOR", None)
    return env


def count_articles(path: Path) -> int:
    from tui.core.loader import find_articles

    return sum(1 for item in find_articles([path]) if isinstance(item, str))


def app_pid(term: Terminal) -> int:
    return int(term.tmux("display-message", "-p", "-t", "main", "#{pane_pid}").strip() or 0)


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith(f"{field}:"))


def first_paints(path: Path, env: dict[str, str], runs: int) -> tuple[list[float], float]:
    """First paint of each run (seconds) and the interface's memory (MB) after the last one."""
    paints, memory = [], 0.0
    for _ in range(runs):
        term = Terminal(SIZE, env)
        try:
            paints.append(term.start(f"exec {SCRIPT} {path}"))
            time.sleep(SETTLE)
            memory = rss_mb(app_pid(term))
        finally:
            term.close()
    return paints, memory


def articles_opened(path: Path, env: dict[str, str]) -> tuple[int, int]:
    """(article files opened, openat calls in all) by the interface and its workers, first 3 s."""
    if shutil.which("strace") is None:
        return -1, -1
    with tempfile.NamedTemporaryFile(suffix=".trace", delete=False) as trace:
        log = Path(trace.name)
    term = Terminal(SIZE, env)
    try:
        term.start(f"exec strace -f -qq -e trace=openat -o {log} {SCRIPT} {path}")
        time.sleep(3.0)
    finally:
        term.close()
    calls = log.read_text(errors="replace").splitlines()
    log.unlink()
    root = str(path.resolve())
    opened = {
        m.group(1)
        for line in calls
        if (m := re.search(r'openat\([^,]+, "([^"]+)", ([^)]*)\)', line))
        and os.path.realpath(m.group(1)).startswith(root)
        and "O_DIRECTORY" not in m.group(2)
    }
    return len(opened), len(calls)


def fill_cache(path: Path, env: dict[str, str], index_up_to: int, sample: int) -> str:
    """Fill the run's cache; how (a line for the report)."""
    started = time.perf_counter()
    if count_articles(path) <= index_up_to:
        subprocess.run([str(SCRIPT), "index", str(path)], env=env, capture_output=True, check=True)
        how = "reports-tui index"
    else:
        subprocess.run(
            [sys.executable, __file__, "--fill", str(path), "--sample", str(sample)],
            env=env,
            check=True,
        )
        how = f"{sample} analysed, the rest copies of them"
    return f"{how} ({time.perf_counter() - started:.0f} s)"


def fill_main(path: Path, sample: int) -> int:
    """In a process of its own (the run's cache folder in its environment): see the module's text."""
    from tui.app.articles import first_line
    from tui.config import load_config
    from tui.core.cache import open_cache
    from tui.core.cache.codec import encode
    from tui.core.loader import find_articles
    from tui.core.service import analyse_path
    from tui.core.summarize import ALGORITHMS

    options = load_config(None).options
    cache = open_cache()
    paths = [item for item in find_articles([path]) if isinstance(item, str)]
    for item in paths[:sample]:  # their stat rows, as ``reports-tui index`` stores them first
        cache.file_key(item, options)
    analyses = [analyse_path(p, options, tuple(ALGORITHMS), True, cache) for p in paths[:sample]]
    encoded = 0
    for number, item in enumerate(paths[sample:]):
        key = cache.file_key(item, options)
        if key is None:
            continue
        source = analyses[number % len(analyses)]
        copy = replace(source, document=replace(source.document, path=item, title=first_line(item)))
        cache.put_encoded(key, None, None, copy, encode(copy.without_words()))
        encoded += 1
        if encoded % 5000 == 0:
            cache.flush()
    cache.close()
    return 0


def filter_main(path: Path, query: str, wait_texts: float) -> int:
    """In a process of its own: type ``query`` into the filter, print per-keystroke times and memory."""
    from tui.app import run_app  # noqa: F401 - the same imports as the command
    from tui.app.analyser import Analyser
    from tui.app.app import ReportsApp
    from tui.app.articles import Status
    from tui.app.cached import CacheScan
    from tui.app.jobs import make_analyse_fn
    from tui.app.screens.reader import ReaderScreen
    from tui.app.text_index import IndexState, needle_of
    from tui.app.walk import open_entries
    from tui.app.widgets.article_list import ArticleList
    from tui.config import load_config

    config = load_config(None)
    analyser = Analyser(make_analyse_fn(config.options, True))
    analyser.start()
    entries, walk = open_entries([str(path)])  # as ``run_app`` starts the interface
    scan = None
    if walk is None:
        scan = CacheScan(config.options, (e.path for e in entries if e.state is Status.PENDING))
        scan.start()
    app = ReportsApp([str(path)], config, analyser=analyser, entries=entries, scan=scan, walk=walk)
    del entries, scan  # the interface holds what it keeps
    timings: list[float] = []

    async def typed(pilot, screen: ReaderScreen) -> tuple[list[float], float]:
        """Seconds per list update: the filter over every entry, the list given its rows and its
        visible lines drawn (what the next frame paints), for each keystroke and for each text
        search's hits that arrive after it; and the seconds from the last keystroke's update to
        the query's final rows (its text search ended). Pilot's own waits are left out: it
        waits for the CPU to be idle after every key, which a loaded machine never is."""
        times: list[float] = []
        keyed = 0  # updates made by a keystroke
        listing = screen.query_one(ArticleList)
        original, searched = screen.apply_filter, screen._texts_searched
        in_search = False

        def timed(text: str) -> None:
            nonlocal keyed
            started = time.perf_counter()
            original(text)
            for line in range(listing.size.height):
                listing.render_line(line)
            times.append(time.perf_counter() - started)
            keyed += not in_search

        def texts_searched(needle: str) -> None:
            nonlocal in_search
            in_search = True
            try:
                searched(needle)
            finally:
                in_search = False

        screen.apply_filter = timed  # type: ignore[method-assign, assignment]
        screen._texts_searched = texts_searched  # type: ignore[method-assign]
        await pilot.press("slash")
        for number, char in enumerate(query, 1):
            await pilot.press("space" if char == " " else char)
            while keyed < number:  # the filter waits for a pause in the typing
                await asyncio.sleep(0.005)
        last_key = time.perf_counter()
        needle = needle_of(query)
        while not screen.index.exact(needle) and screen.index.state is not IndexState.IDLE:
            await asyncio.sleep(0.005)
        await pilot.pause(0.05)
        final = time.perf_counter() - last_key
        screen.apply_filter, screen._texts_searched = original, searched  # type: ignore[method-assign]
        await pilot.press("escape")  # clears and closes the filter
        await pilot.pause(0.3)
        return times, final

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, ReaderScreen)
            await pilot.pause(1.0)
            first, first_final = await typed(pilot, screen)
            timings.extend(first)
            started = time.perf_counter()
            while screen.index.state is not IndexState.READY and time.perf_counter() - started < wait_texts:
                await asyncio.sleep(0.2)
            read = time.perf_counter() - started
            ready = screen.index.state is IndexState.READY
            texts, final = await typed(pilot, screen)
            print(f"titles {' '.join(f'{t * 1000:.0f}' for t in timings)}")
            print(f"texts {' '.join(f'{t * 1000:.0f}' for t in texts)}")
            print(f"texts_read {'yes' if ready else 'no'} {read:.1f}")
            print(f"final {first_final * 1000:.0f} {final * 1000:.0f}")
            print(f"rss_after {rss_mb(os.getpid()):.0f}")
            print(f"rss_peak {rss_mb(os.getpid(), 'VmHWM'):.0f}")

    try:
        asyncio.run(drive())
    finally:
        analyser.shutdown()
    return 0


def filter_times(path: Path, env: dict[str, str], query: str, wait_texts: float) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, __file__, "--filter", str(path), "--query", query, "--wait-texts", str(wait_texts)],
        env={**env, "TEXTUAL_ANIMATIONS": "none"},
        capture_output=True,
        text=True,
        check=False,
    )
    found = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    if "titles" not in found:
        print(out.stderr[-2000:], file=sys.stderr)
    return found


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f}" if values else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", default="ha noi")
    parser.add_argument("--index-up-to", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--wait-texts", type=float, default=180.0, help="seconds to wait for every text read")
    parser.add_argument("--keep", type=Path, help="keep each warm cache in this folder and reuse it next time")
    parser.add_argument("--fill", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--filter", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill is not None:
        return fill_main(args.fill, args.sample)
    if args.filter is not None:
        return filter_main(args.filter, args.query, args.wait_texts)
    if shutil.which("tmux") is None or not SCRIPT.exists():
        print("needs tmux and an installed reports-tui (pip install -e .)", file=sys.stderr)
        return 2
    print(
        f"reports-tui at scale, {SIZE[0]}x{SIZE[1]}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')},"
        f" load average {os.getloadavg()[0]:.1f}"
    )
    rows: dict[str, list[str]] = {}
    numbers: dict[str, list[float]] = {}

    def put(label: str, shown: str, value: float) -> None:
        rows.setdefault(label, []).append(shown)
        numbers.setdefault(label, []).append(value)

    sizes = []
    for path in args.paths:
        with tempfile.TemporaryDirectory(prefix="rtui-scale-") as home:
            files = count_articles(path)
            sizes.append(f"{files:,}")
            cold, cold_rss = first_paints(path, private_env(Path(home) / "cold"), args.runs)
            warm_home = args.keep / path.name if args.keep else Path(home) / "warm"
            warm_home.mkdir(parents=True, exist_ok=True)
            env = private_env(warm_home)
            filled = warm_home / "filled"  # how the kept cache was filled
            if not filled.exists():
                filled.write_text(fill_cache(path, env, args.index_up_to, args.sample))
            how = filled.read_text()
            warm, warm_rss = first_paints(path, env, args.runs)
            opened, calls = articles_opened(path, env)
            found = filter_times(path, env, args.query, args.wait_texts)
            titles = [float(v) / 1000 for v in found.get("titles", "").split()]
            texts = [float(v) / 1000 for v in found.get("texts", "").split()]
            cold_runs, warm_runs = (", ".join(f"{p * 1000:.0f}" for p in runs) for runs in (cold, warm))
            print(
                f"{path} ({files:,} articles; warm cache: {how}): cold runs {cold_runs} ms, warm runs {warm_runs}"
                f" ms; filter ms per key, titles: {found.get('titles', '?')}; texts: {found.get('texts', '?')}"
                f" (texts read: {found.get('texts_read', '?')} s); openat calls warm: {calls};"
                f" load average now {os.getloadavg()[0]:.1f}",
                flush=True,
            )
            put("first paint, cold (ms)", _ms(cold), statistics.median(cold))
            put("first paint, warm (ms)", _ms(warm), statistics.median(warm))
            put(
                "filter per key, titles: median / max (ms)",
                f"{_ms(titles)} / {max(titles, default=0) * 1000:.0f}",
                statistics.median(titles) if titles else 0,  # the growth is the median's
            )
            put(
                "filter per key, texts: median / max (ms)",
                f"{_ms(texts)} / {max(texts, default=0) * 1000:.0f}",
                statistics.median(texts) if texts else 0,
            )
            finals = [float(v) for v in found.get("final", "0 0").split()]
            put(
                "filter, final rows after the last key: texts being read / every text read (ms)",
                f"{finals[0]:.0f} / {finals[1]:.0f}",
                finals[1],
            )
            put("memory, list shown, idle, cold (MB)", f"{cold_rss:.0f}", cold_rss)
            put("memory, list shown, idle, warm (MB)", f"{warm_rss:.0f}", warm_rss)
            after = float(found.get("rss_after", "0"))
            put("memory, after the texts are read (MB)", f"{after:.0f}", after)
            peak = float(found.get("rss_peak", "0"))
            put("memory, the filter's process at its peak (MB)", f"{peak:.0f}", peak)
            put("article files opened, warm start", str(opened), opened)
    width = max(len(label) for label in rows)
    print(f"\n{'articles':{width}s}  " + "  ".join(f"{s:>10s}" for s in sizes) + "   growth per step")
    for label, shown in rows.items():
        values = numbers[label]
        ratios = [f"×{b / a:.1f}" if a else "-" for a, b in itertools.pairwise(values)]
        print(f"{label:{width}s}  " + "  ".join(f"{s:>10s}" for s in shown) + "   " + " ".join(ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())

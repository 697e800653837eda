"""Launch-to-first-paint and select-to-summary times of `reports-tui` in a real terminal.

Runs the installed console script in a private tmux server (80x24 by default),
polls `capture-pane` and prints figures:

* first paint: from starting the process to the list and status bar on screen;
* select → summary: from sending the keys that open an article to its summary
  showing in the summary box, for articles far down the list (so the background
  queue has not reached them: uncached unless the cache already holds them);
* select → entities: the same, until the entity panel lists the article's
  entities (only at 120 columns or more, where the panel is always shown);
* peak memory (VmHWM) of the app and each of its processes, after the picks.

Usage:  python bench/startup.py [--size 80x24] [--picks 15] [--runs 3] [--warm-only] [PATH ...]
Default paths: the bundled seeds and ../shared/bench/corpus-2k (when present).
Each PATH is measured with an empty cache, then again with the cache that run filled ("warm").
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).with_name("reports-tui")
CORPUS = ROOT.parent / "shared" / "bench" / "corpus-2k"


class Terminal:
    def __init__(self, size: tuple[int, int], env: dict[str, str]) -> None:
        self.socket = f"rtui-bench-{uuid.uuid4().hex[:8]}"
        self.size = size
        self.env = env

    def tmux(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
        )
        return out.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main")

    def start(self, command: str) -> float:
        """Start the app; seconds until the first paint (list + status bar)."""
        # exit-empty off: a server with no session yet would otherwise exit while new-session connects
        self.tmux("start-server", ";", "set-option", "-s", "exit-empty", "off")
        started = time.perf_counter()
        self.tmux("new-session", "-d", "-s", "main", "-x", str(self.size[0]), "-y", str(self.size[1]), command)
        self.tmux("set-option", "-t", "main", "remain-on-exit", "on")
        self.wait(lambda s: "? help" in s and "article" in s, 60)
        return time.perf_counter() - started

    def wait(self, predicate: Callable[[str], bool], timeout: float) -> str:
        deadline = time.perf_counter() + timeout
        while True:
            text = self.screen()
            if predicate(text):
                return text
            if time.perf_counter() > deadline:
                raise TimeoutError(text)
            time.sleep(0.004)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "main", *keys)

    def peak_memory_mb(self) -> list[float]:
        """Peak resident size (VmHWM) of the app's process and every process under it."""
        pid = int(self.tmux("display-message", "-p", "-t", "main", "#{pane_pid}").strip() or 0)
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
        tree, grew = {pid}, True
        while grew:
            found = {child for child, parent in parents.items() if parent in tree}
            grew = not found <= tree
            tree |= found
        peaks = []
        for process in tree:
            try:
                with open(f"/proc/{process}/status") as status:
                    peaks += [int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:")]
            except OSError:
                continue
        return sorted(peaks, reverse=True)

    def close(self) -> None:
        """Quit with q and wait for the process to end, so runs do not overlap."""
        self.keys("q")
        deadline = time.perf_counter() + 20
        while time.perf_counter() < deadline:
            if self.tmux("display-message", "-p", "-t", "main", "#{pane_dead}").strip() in ("1", ""):
                break
            time.sleep(0.05)
        self.tmux("kill-server")


def summary_ready(name: str) -> Callable[[str], bool]:
    """The article ``name`` is open (its name in the header, right of the list) with its summary."""

    def ready(screen: str) -> bool:
        if "Summarising" in screen or "Analysing" in screen or "╭─ Summary" not in screen:
            return False
        # right of the list's edge (a heavy line while the list has the focus)
        return any(name in re.split("[▕│┃]", line, maxsplit=1)[-1] for line in screen.splitlines())

    return ready


def entities_ready(screen: str) -> bool:
    """The entity panel lists groups ("People (3)") or says there are none."""
    if "Finding entities" in screen or "Entities" not in screen:
        return False
    return "No entities found" in screen or re.search(r"│ ?[^│]*\(\d+\)", screen) is not None


@dataclass(frozen=True)
class Measurement:
    """One launch: times in seconds, memory per process in MB."""

    label: str
    files: int
    first_paint: float
    first_summary: float
    select: list[float]
    entities: list[float]
    all_ready: float | None
    memory: list[float]


def measure(path: Path, size: tuple[int, int], picks: int, cache: Path, label: str) -> Measurement:
    env = dict(os.environ)
    env.update(XDG_CACHE_HOME=str(cache), TERM="xterm-256color")
    env.pop("TMUX", None)
    files = sorted(p.name for p in path.rglob("*") if p.suffix in (".txt", ".md"))
    term = Terminal(size, env)
    try:
        launched = time.perf_counter()
        first_paint = term.start(f"exec {SCRIPT} {path}")
        all_ready: float | None = None
        if "warm" in label:  # with everything cached, every row should be done at once
            term.wait(lambda screen: "all analysed" in screen, 60)
            all_ready = time.perf_counter() - launched - first_paint
        # the first article opens by itself: its summary shows once the workers are up
        started = time.perf_counter()
        term.wait(summary_ready(files[0][:20]), 60)
        first_summary = time.perf_counter() - started + first_paint
        times: list[float] = []
        entity_times: list[float] = []
        term.keys("G")
        time.sleep(0.2)
        for number in range(min(picks, len(files) - 1)):
            name = files[-1 - number]
            started = time.perf_counter()
            term.keys("Enter")
            term.wait(summary_ready(name[:20]), 30)
            times.append(time.perf_counter() - started)
            if size[0] >= 120:
                term.wait(entities_ready, 30)
                entity_times.append(time.perf_counter() - started)
            term.keys("k")
            time.sleep(0.15)
        memory = term.peak_memory_mb()
    finally:
        term.close()
    return Measurement(label, len(files), first_paint, first_summary, times, entity_times, all_ready, memory)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--picks", type=int, default=15)
    parser.add_argument("--runs", type=int, default=3, help="launches per path and cache state (first paint)")
    parser.add_argument("--warm-only", action="store_true", help="only the run with everything cached")
    args = parser.parse_args()
    if shutil.which("tmux") is None or not SCRIPT.exists():
        print("needs tmux and an installed reports-tui (pip install -e .)", file=sys.stderr)
        return 2
    width, height = (int(v) for v in args.size.split("x"))
    size = (width, height)
    paths = [Path(p) for p in args.paths] or [ROOT / "seeds"] + ([CORPUS] if CORPUS.is_dir() else [])
    print(f"reports-tui startup, {size[0]}x{size[1]}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    for path in paths:
        with tempfile.TemporaryDirectory() as cache:
            for state in ("cold cache", "warm cache")[1 if args.warm_only else 0 :]:
                if state == "warm cache":  # everything cached, as after `reports-tui index`
                    subprocess.run(
                        [str(SCRIPT), "index", str(path)],
                        capture_output=True,
                        env={**os.environ, "XDG_CACHE_HOME": cache},
                        check=False,
                    )
                results = [
                    measure(path, size, args.picks if run == 0 else 0, Path(cache), state) for run in range(args.runs)
                ]
                paints = [r.first_paint for r in results]
                firsts = [r.first_summary for r in results]
                select = results[0].select
                print(f"\n{path.name} ({results[0].files} files), {state}:")
                print(
                    f"  launch → first paint:        median {statistics.median(paints) * 1000:6.0f} ms"
                    f"  (runs: {', '.join(f'{p * 1000:.0f}' for p in paints)})"
                )
                print(f"  launch → first summary:      median {statistics.median(firsts) * 1000:6.0f} ms")
                ready = [r.all_ready for r in results if r.all_ready is not None]
                if ready:
                    print(f"  first paint → all analysed:  median {statistics.median(ready) * 1000:6.0f} ms")
                memory = results[0].memory
                print(f"  peak memory per process:     {', '.join(f'{m:.0f}' for m in memory)} MB")
                for label, times in (("summary", select), ("entities", results[0].entities)):
                    if times:
                        print(
                            f"  select → {label + ' on screen:':21s}median {statistics.median(times) * 1000:6.0f} ms,"
                            f" p95 {_p95(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms (n={len(times)})"
                        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

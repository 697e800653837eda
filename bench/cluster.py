"""Wall time of `reports-tui index` on the local pool against a local Dask cluster.

    python bench/cluster.py [FOLDER] [--rounds N] [--files N]

Each run is the real command in a fresh cache folder (nothing cached): the local pool with
`--jobs 2`, then `--cluster local --workers 1` and `--workers 2` (needs the `[cluster]` extra).
Prints each run's wall time and the CPU time of all its processes (sampled from /proc: the
CPU time says what a way of running costs even when other work loads the machine), the ratio
of the 2-worker cluster to the local pool (target: at most 1.3) and the scaling from 1 to 2
workers. With `--rounds N` the three runs are repeated N times, interleaved, and the medians
compared, so a load that comes and goes hits all three alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from procs import group_processes

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = REPO.parent / "shared" / "bench" / "corpus-2k"
TICKS = os.sysconf("SC_CLK_TCK")

RUNS = {
    "local pool --jobs 2": ["--jobs", "2"],
    "--cluster local --workers 1": ["--cluster", "local", "--workers", "1"],
    "--cluster local --workers 2": ["--cluster", "local", "--workers", "2"],
}


def sample_group_cpu(group: int, stop: threading.Event, seen: dict[int, float]) -> None:
    """Record the CPU seconds (user and system) of every process in a process group until stopped;
    a process that ends between two samples loses at most 0.2 s."""
    while not stop.wait(0.2):
        for pid in group_processes(group):
            try:
                with open(f"/proc/{pid}/stat", "rb") as handle:
                    fields = handle.read().rpartition(b")")[2].split()
                seen[pid] = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
            except (OSError, IndexError, ValueError):
                continue


def run_index(targets: list[str], flags: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds of all its processes and of the command's own process (the
    client, and for a local cluster its scheduler), of one cold `index` run; its summary line."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "XDG_CACHE_HOME": home, "XDG_CONFIG_HOME": home}
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "tui", "index", *targets, *flags],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        stop = threading.Event()
        seen: dict[int, float] = {}
        sampler = threading.Thread(target=sample_group_cpu, args=(process.pid, stop, seen))
        sampler.start()
        _, stderr = process.communicate()
        elapsed = time.perf_counter() - started
        stop.set()
        sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"index {' '.join(flags)} exited {process.returncode}: {stderr[-2000:]}")
    last = (stderr.strip().splitlines() or ["(no output)"])[-1]
    return elapsed, sum(seen.values()), seen.get(process.pid, 0.0), last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--rounds", type=int, default=1, metavar="N")
    parser.add_argument("--files", type=int, default=0, metavar="N", help="only the first N files (0: all)")
    args = parser.parse_args()
    targets = [args.folder]
    if args.files:
        targets = sorted(str(p) for p in Path(args.folder).iterdir() if p.is_file())[: args.files]
    load = os.getloadavg()[0]
    print(f"{time.strftime('%Y-%m-%d %H:%M')}; cores: {os.cpu_count()}; load average {load:.1f}; {args.folder}")
    seconds: dict[str, list[float]] = {name: [] for name in RUNS}
    for _ in range(args.rounds):
        for name, flags in RUNS.items():
            elapsed, cpu, own, last = run_index(targets, flags)
            seconds[name].append(elapsed)
            print(f"  {name}: {elapsed:.1f} s wall, {cpu:.1f} s CPU ({own:.1f} s in the command's process)", flush=True)
            print(f"      {last[:110]}", flush=True)
    median = {name: statistics.median(values) for name, values in seconds.items()}
    local, one, two = (median[name] for name in RUNS)
    print(f"median of {args.rounds}: " + ", ".join(f"{name} {value:.1f} s" for name, value in median.items()))
    print(f"cluster of 2 workers / local pool: {two / local:.2f}x (target <= 1.3x)")
    print(f"1 -> 2 workers: {one / two:.2f}x faster")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine slows every run)")


if __name__ == "__main__":
    main()

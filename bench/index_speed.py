"""Wall time of `reports-tui index` on a corpus, a warm re-run, a full cache read, and peak memory.

    python bench/index_speed.py [FOLDER] [--jobs N]

Runs the real command in a fresh cache folder, so nothing is cached at first.
Prints figures and the ratio to the stock per-sentence underthesea pipeline
(`stock_pipeline.py`), timed on this machine on every 10th article and scaled
(`--stock-every 1` times it on all of them, `--stock-every 0` skips it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from procs import group_processes

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = REPO.parent / "shared" / "bench" / "corpus-2k"


PEAK_MB: dict[int, float] = {}


def sample_group_memory(group: int, stop: threading.Event) -> None:
    """Record the peak resident size (VmHWM) of every process in a process group until stopped."""
    while not stop.wait(0.2):
        for pid in group_processes(group):
            try:
                with open(f"/proc/{pid}/status") as status:
                    for line in status:
                        if line.startswith("VmHWM:"):
                            PEAK_MB[pid] = max(PEAK_MB.get(pid, 0), int(line.split()[1]) / 1024)
            except OSError:
                continue


def run_index(folder: str, env: dict[str, str], jobs: int | None) -> float:
    command = [sys.executable, "-m", "tui", "index", folder]
    if jobs:
        command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    stop = threading.Event()
    sampler = threading.Thread(target=sample_group_memory, args=(process.pid, stop))
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    stop.set()
    sampler.join()
    print("   ", (stderr.strip().splitlines() or ["(no output)"])[-1][:150])
    return elapsed


def read_all(env: dict[str, str]) -> float:
    code = (
        "import time,sys; from tui.core.cache import open_cache; t=time.perf_counter(); c=open_cache(); "
        "n=sum(1 for k in c.keys() if c.get(k, 'x') is not None); "
        "print(n, time.perf_counter()-t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, check=False
    ).stdout
    count, seconds = out.split()
    print(f"    read {count} cached analyses")
    return float(seconds)


def stock_estimate(folder: str, every: int, jobs: int) -> float:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from stock_pipeline import corpus_files, stock_seconds

    return stock_seconds(corpus_files(folder, every), jobs) * every


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--jobs", type=int)
    parser.add_argument("--stock-every", type=int, default=10, metavar="N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "XDG_CACHE_HOME": home, "XDG_CONFIG_HOME": home}
        print(f"cores: {os.cpu_count()}; folder: {args.folder}")
        cold = run_index(args.folder, env, args.jobs)
        print(f"index, nothing cached: {cold:.1f} s wall")
        if args.stock_every > 0:
            stock = stock_estimate(args.folder, args.stock_every, args.jobs or os.cpu_count() or 1)
            sampled = f" (every {args.stock_every}th article, scaled)" if args.stock_every > 1 else ""
            print(
                f"    the stock per-sentence underthesea pipeline: {stock:.0f} s{sampled}: {stock / cold:.1f}x faster"
            )
        warm = run_index(args.folder, env, args.jobs)
        print(f"index, everything cached: {warm:.1f} s wall")
        print(f"read every cached analysis: {read_all(env) * 1000:.0f} ms (inside one process, imports excluded)")
    print(
        f"peak memory of any one process of `index`: {max(PEAK_MB.values(), default=0):.0f} MB "
        f"({len(PEAK_MB)} processes seen)"
    )


if __name__ == "__main__":
    main()

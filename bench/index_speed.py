"""Wall time of `reports-tui index` on a corpus, a warm re-run, a full cache read, and peak memory.

    python bench/index_speed.py [FOLDER] [--jobs N]

Runs the real command in a fresh cache folder, so nothing is cached at first.
Prints figures and the ratio to the stock per-sentence underthesea pipeline's
359 s measured on the same 2-core machine for corpus-2k.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = REPO.parent / "shared" / "bench" / "corpus-2k"
STOCK_SECONDS = 359.0


def run_index(folder: str, env: dict[str, str], jobs: int | None) -> float:
    command = [sys.executable, "-m", "tui", "index", folder]
    if jobs:
        command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    print("   ", (done.stderr.strip().splitlines() or ["(no output)"])[-1][:150])
    return elapsed


def read_all(env: dict[str, str]) -> float:
    code = ("import time,sys; t=time.perf_counter(); from tui.core.cache import open_cache; c=open_cache(); "
            "n=sum(1 for k in c.keys() if c.get(k, 'x') is not None); "
            "print(n, time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True).stdout
    count, seconds = out.split()
    print(f"    read {count} cached analyses")
    return float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--jobs", type=int)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "XDG_CACHE_HOME": home, "XDG_CONFIG_HOME": home}
        print(f"cores: {os.cpu_count()}; folder: {args.folder}")
        cold = run_index(args.folder, env, args.jobs)
        print(f"index, nothing cached: {cold:.1f} s wall  (stock per-sentence pipeline: {STOCK_SECONDS:.0f} s, "
              f"{STOCK_SECONDS / cold:.1f}x faster)")
        warm = run_index(args.folder, env, args.jobs)
        print(f"index, everything cached: {warm:.1f} s wall")
        print(f"read every cached analysis: {read_all(env) * 1000:.0f} ms (inside one process, imports excluded)")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of any one process: {peak:.0f} MB")


if __name__ == "__main__":
    main()

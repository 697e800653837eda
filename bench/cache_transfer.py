"""Size and time of `reports-tui cache export` and `cache import` for a whole corpus.

    python bench/cache_transfer.py [FOLDER] [--jobs N]

Indexes FOLDER (default: corpus-2k) into a fresh cache under a temporary
XDG_CACHE_HOME with the real command, exports every entry, then imports the
file into a second fresh cache, and prints the figures. Nothing is left behind.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = REPO.parent / "shared" / "bench" / "corpus-2k"


def run(arguments: list[str], cache_home: Path) -> tuple[float, str]:
    """Run ``reports-tui ARGUMENTS`` with its own cache; wall seconds and stdout."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tui", *arguments], env=env, cwd=REPO, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"reports-tui {' '.join(arguments)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed, done.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cache-transfer-") as scratch:
        one, two, shared = Path(scratch) / "one", Path(scratch) / "two", Path(scratch) / "corpus.rtc"
        seconds, _ = run(["index", args.folder, "--jobs", str(args.jobs)], one)
        print(f"index {args.folder} ({args.jobs} jobs): {seconds:.1f} s")
        db = one / "reports-tui" / "cache.sqlite"
        print(f"cache file: {db.stat().st_size / 1e6:.1f} MB")
        seconds, out = run(["cache", "export", str(shared)], one)
        print(f"export: {seconds:.2f} s (whole command) -> {out}")
        size = shared.stat().st_size
        entries = int(out.split()[1])
        print(f"export file: {size / 1e6:.1f} MB, {size / max(entries, 1) / 1e3:.1f} kB per analysis")
        seconds, out = run(["cache", "import", str(shared)], two)
        print(f"import into an empty cache: {seconds:.2f} s (whole command) -> {out}")
        seconds, out = run(["cache", "import", str(shared)], two)
        print(f"import again (all known): {seconds:.2f} s -> {out}")
        seconds, _ = run(["cache", "info"], two)
        print(f"start-up of a cache command (cache info): {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`index` workers end with it (even after kill -9), Ctrl-C exits 130 keeping what was done,
and --jobs is capped by cores and memory."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_helpers import descendants, wait_until

from tui.core import lifetime

SCRIPT = Path(sys.executable).with_name("reports-tui")
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
installed = pytest.mark.skipif(not SCRIPT.exists(), reason=f"reports-tui is not installed next to {sys.executable}")


def articles(folder: Path, count: int) -> Path:
    """``count`` short articles, each different (the cache keys on content)."""
    folder.mkdir()
    for number in range(count):
        (folder / f"bai-{number:03}.txt").write_text(
            f"Huyện số {number} tổng kết mùa vụ\n\n"
            f"Ngày {number % 28 + 1}/5, huyện số {number} tổ chức hội nghị tổng kết vụ lúa đông xuân. "
            f"Năng suất bình quân đạt {50 + number % 20} tạ một héc-ta, tăng so với vụ trước. "
            "Chủ tịch huyện đề nghị các xã chuẩn bị tốt giống và vật tư cho vụ hè thu sắp tới.\n",
            encoding="utf-8",
        )
    return folder


def stored_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.iterdir()) if folder.is_dir() else 0


def start_index(tmp_path: Path, folder: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    return subprocess.Popen(
        [str(SCRIPT), "index", str(folder), "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


@linux_only
@installed
def test_workers_and_forkserver_end_when_index_is_killed(tmp_path: Path) -> None:
    index = start_index(tmp_path, articles(tmp_path / "a", 40))
    below: set[int] = set()
    try:
        # the forkserver, the resource tracker and a worker below the forkserver
        wait_until(lambda: len(descendants(index.pid)) >= 3, 60, "the worker processes")
        below = descendants(index.pid)
        index.kill()
        index.wait()
        wait_until(lambda: not any(lifetime.alive(pid) for pid in below), 5, f"{below} to end")
    finally:
        if index.poll() is None:
            index.kill()
            index.wait()
        for pid in below:  # when the test fails: leave nothing running
            if lifetime.alive(pid):
                os.kill(pid, signal.SIGKILL)


@linux_only
@installed
def test_ctrl_c_exits_130_and_keeps_what_was_done(tmp_path: Path) -> None:
    index = start_index(tmp_path, articles(tmp_path / "a", 400))
    cache = tmp_path / "cache" / "reports-tui"
    wait_until(lambda: len(descendants(index.pid)) >= 3, 60, "the worker processes")
    before = stored_bytes(cache)
    wait_until(lambda: stored_bytes(cache) > before, 60, "a first analysis stored")  # whatever the format
    below = descendants(index.pid)
    index.send_signal(signal.SIGINT)
    out, _ = index.communicate(timeout=30)
    assert index.returncode == 130, out
    done = re.search(r"interrupted: kept what was done in [\d.]+ s: (\d+) analysed", out)
    assert done is not None, out
    assert 1 <= int(done.group(1)) < 400
    wait_until(lambda: not any(lifetime.alive(pid) for pid in below), 5, "the workers to end")


def test_jobs_are_capped_by_cores_and_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    monkeypatch.setattr(lifetime, "available_memory", lambda: 64 * lifetime.WORKER_BYTES)
    assert lifetime.max_workers(200) == min(cores, 64)
    assert lifetime.max_workers(None) == min(cores, 64)
    assert lifetime.max_workers(1) == 1
    monkeypatch.setattr(lifetime, "available_memory", lambda: lifetime.WORKER_BYTES // 2)
    assert lifetime.max_workers(200) == 1  # little memory: one worker, never none


def test_a_worker_sees_its_program_end() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    assert lifetime.alive(os.getpid())
    child.wait()
    assert not lifetime.alive(child.pid)


def sleepy_job(path: str, options: object) -> tuple[str, str]:
    """A stand-in for the analysis in the workers: ``slow`` files never finish, ``crash`` ones kill
    their worker."""
    if "slow" in os.path.basename(path):
        time.sleep(120)
    if "crash" in os.path.basename(path):
        os._exit(3)
    return "", f"{path}: looked at"


def test_a_job_over_the_time_limit_or_killing_its_worker_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    from rich.console import Console

    from tui.core.cache import open_cache
    from tui.core.pipeline import Options
    from tui.index import IndexReport, _analyse_all

    todo = [str(tmp_path / name) for name in ("a.txt", "slow.txt", "b.txt", "crash.txt", "c.txt", "d.txt")]
    report = IndexReport()
    cache = open_cache()
    started = time.monotonic()
    try:
        _analyse_all(todo, Options(), cache, report, 2, Console(file=io.StringIO()), 3.0, sleepy_job)
    finally:
        cache.close()
    assert time.monotonic() - started < 60
    stopped = [reason for reason in report.failed if "took over 3 s" in reason]
    assert stopped == [f"{tmp_path / 'slow.txt'}: analysis took over 3 s; stopped"]
    assert [reason for reason in report.failed if "stopped unexpectedly" in reason] == [
        f"{tmp_path / 'crash.txt'}: the analysis process stopped unexpectedly"
    ]
    looked = sorted(reason for reason in report.failed if reason.endswith("looked at"))
    assert looked == sorted(f"{path}: looked at" for path in todo if "slow" not in path and "crash" not in path)


def test_an_interface_job_over_its_time_limit_is_a_failure_with_a_reason() -> None:
    from tui.app.jobs import Job, JobKind, run_job

    def forever(path: str, algorithms: tuple[str, ...], entities: bool) -> None:
        while True:
            pass

    started = time.monotonic()
    outcome = run_job(forever, Job("x.txt", JobKind.FULL, ("lead",)), seconds=0.3)  # type: ignore[arg-type]
    assert outcome.analysis is None and outcome.error == "analysis took over 0.3 s; stopped"
    assert time.monotonic() - started < 5

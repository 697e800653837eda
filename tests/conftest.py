"""Shared fixtures: every test runs with its own config and cache folders."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from time import monotonic, thread_time

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than there are cores. The suite waits on terminals, processes
    and timers: with one worker per core, 18 of 131 core-seconds went idle on two cores (59.3 to
    65.0 s, 61.8 on average, against 57.1 to 59.5 s, 58.5 on average, with three workers)."""
    from tui.core.lifetime import usable_cores

    return usable_cores() + 1


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads the user's config or writes the user's cache."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("REPORTS_TUI_SAVE_DIR", str(home / "saved"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    return home


IDLE_STEP = 0.005  # seconds


async def wait_for_idle(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    """Textual's pilot, after each key and pause, waits until the process uses no CPU for a 20 ms
    step. The analysis threads of an app under test keep the process busy, so most waits ran
    several steps: 36 s of the interface tests' 60. This waits until the thread of the event loop,
    the one that handles keys and paints, is idle for a 5 ms step. What a test needs from a worker
    it waits for by name (``app_helpers.wait_for``)."""
    start = monotonic()
    while True:
        used = thread_time()
        await asyncio.sleep(IDLE_STEP)
        waited = monotonic() - start
        if waited >= max_sleep or (waited > min_sleep and thread_time() - used < IDLE_STEP / 20):
            return


@pytest.fixture(autouse=True)
def quick_pilot(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("textual._wait", "textual.app", "textual.pilot"):
        monkeypatch.setattr(f"{module}.wait_for_idle", wait_for_idle)


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the sample articles."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target

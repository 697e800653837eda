"""`reports-tui serve` in a real browser: headless Chromium loads the page, the list shows, keys
open an article, `s` arrives as the browser's download and `c` in the browser's clipboard.

Skips without Chromium (Debian's `chromium` package) or without the web extra (textual-serve).
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, Page, chromium, chromium_runs, free_port
from test_e2e_tmux import analyse_into_cache

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed"),
    pytest.mark.skipif(importlib.util.find_spec("textual_serve") is None, reason="the web extra is not installed"),
]

FIRST = "Hội nghị bàn về đường sá"
SECOND = "Tỉnh Điện Biên mở lớp học"
ARTICLES = {
    "a.txt": f"{FIRST}\n\nSáng nay, Sở Giao thông tỉnh họp với các huyện về đường sá. Các huyện báo cáo "
    "những con đường hỏng sau mùa mưa. Sở giao cho từng huyện sửa xong trước tháng Sáu.\n",
    "b.txt": f"{SECOND}\n\nTỉnh Điện Biên mở lớp học tiếng Việt cho người lớn ở ba xã vùng cao. Mỗi lớp có "
    "hai mươi học viên và học vào buổi tối. Giáo viên của trường huyện dạy không lấy tiền.\n"
    "Lớp học kéo dài bốn tháng. Học viên được tặng sách vở và đèn pin.\n",
}
# The folder's name would run a command if the served command were built without quoting.
FOLDER = "tin $(touch injected) ; touch injected2 'x"


def _article_pane(screen: str) -> str:
    """What the page's terminal shows right of the list (the summary and the article)."""
    return "\n".join(line.split("┃", 1)[1] for line in screen.splitlines() if "┃" in line)


async def _downloaded(folder: Path, timeout: float) -> Path:
    deadline = time.monotonic() + timeout
    while not (done := [p for p in folder.iterdir() if not p.name.endswith(".crdownload")]):
        if time.monotonic() > deadline:
            raise AssertionError(f"no download arrived in {folder}")
        await asyncio.sleep(0.05)
    return done[0]


@pytest.fixture
def served(tmp_path: Path, isolated_home: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``reports-tui serve`` starting on a free port over a fixture folder, and the URL it will serve.
    The browser starts meanwhile: ``_wait_until_serving`` says when to load the page."""
    if not chromium_runs():
        pytest.skip(f"{CHROMIUM} --version fails")
    folder = tmp_path / FOLDER
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text('[summary]\nalgorithm = "lead"\nsentences = 2\n', encoding="utf-8")
    # the tab's app starts warm and loads no models (the cold start is tested in tmux)
    analyse_into_cache(os.environ, [str(folder / name) for name in ARTICLES], str(config))
    port = free_port()
    command = [sys.executable, "-m", "tui", "serve", "--config", str(config), "--port", str(port), str(folder)]
    server = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield server, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        assert server.wait(20) == 0  # Ctrl-C or SIGTERM: a clean stop
    assert not (tmp_path / "injected").exists() and not (tmp_path / "injected2").exists()


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux's /proc; Chromium here means Linux)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # it ended meanwhile
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


async def _wait_until_serving(server: subprocess.Popen[str], url: str) -> None:
    assert server.stdout is not None
    first = await asyncio.wait_for(asyncio.to_thread(server.stdout.readline), 30)
    assert first == f"reports-tui: serving on {url.rstrip('/')} (Ctrl-C stops)\n", first


async def _open_second(page: Page) -> str:
    screen = await page.wait_for(lambda s: FIRST in s and SECOND in s, 30, "the article list")
    assert "2 articles" in screen
    await page.focus_terminal()
    await page.press("j", "enter")
    return await page.wait_for(lambda s: SECOND in _article_pane(s), 30, "the opened article's title")


async def test_list_open_download_and_copy_in_chromium(
    served: tuple[subprocess.Popen[str], str], tmp_path: Path
) -> None:
    server, url = served
    profile = tmp_path / "profile"
    profile.mkdir()
    async with chromium(profile, (1000, 620)) as page:
        await _wait_until_serving(server, url)
        await page.goto(url)
        origin = url.rstrip("/")
        await page.browser.call(
            "Browser.grantPermissions", permissions=["clipboardReadWrite", "clipboardSanitizedWrite"], origin=origin
        )
        await _open_second(page)
        shot = await page.screenshot(tmp_path / "browser.png")
        assert shot.startswith(b"\x89PNG") and len(shot) > 10_000

        # the --config reached the served app: the lead algorithm, two sentences
        lead = "Tỉnh Điện Biên mở lớp học tiếng Việt cho người lớn ở ba xã vùng cao."
        await page.wait_for(lambda s: "lead · 2 sentences" in s, 30, "the summary")
        await page.press("c")
        await page.wait_for(lambda s: "sent to browser clipboard" in s, 10, "the copy notice")
        deadline = time.monotonic() + 10
        while not (copied := await page.evaluate("navigator.clipboard.readText()")).startswith(lead):
            assert time.monotonic() < deadline, f"the browser's clipboard holds {copied!r}"
            await asyncio.sleep(0.05)
        summary = f"{lead} Mỗi lớp có hai mươi học viên và học vào buổi tối."
        assert copied == summary  # what the summary box shows, diacritics intact
        await page.press("s")
        saved = await _downloaded(profile / "downloads", 15)
        assert saved.name == "b.summary.md"
        text = saved.read_text(encoding="utf-8")
        # the summary, then the entities the cache holds (cold, the save may come before them)
        assert text.startswith(f"## {SECOND}\n") and f"\n{summary}\n" in text
        assert not (Path(os.environ["REPORTS_TUI_SAVE_DIR"])).exists()  # nothing written on the server's side
        assert _children(server.pid)  # the tab's reports-tui
    # the browser gone, the tab's reports-tui ends (and its workers with it): nothing is left behind
    deadline = time.monotonic() + 20
    while _children(server.pid):
        assert time.monotonic() < deadline, "the app of a closed tab still runs"
        await asyncio.sleep(0.1)

"""Save a PNG of `reports-tui serve` in a browser for the README: docs/screenshot-browser.png.

Serves the bundled sample articles on a free port, opens the page in headless Chromium (Debian's
`chromium`, driven as tests/test_serve_browser.py drives it), opens the second article, waits
for its summary and entities, and saves the window. The page asks for the Roboto Mono web font
(which has Vietnamese letters); offline it falls back to Courier New, whose usual stand-in on
Linux (Liberation Mono) lacks the letters with two marks (ổ, ế): fontconfig is told to draw it
with Noto Sans Mono (apt-get install fonts-noto-mono), which has them. Needs the web extra.
Usage: python bench/screenshot_browser.py [OUT.png] [--size 1100x560]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_helpers import CHROMIUM, chromium, free_port  # noqa: E402 - beside the tests, found through the path above

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <test name="family"><string>Courier New</string></test>
    <edit name="family" mode="prepend" binding="strong"><string>Noto Sans Mono</string></edit>
  </match>
</fontconfig>
"""


async def shoot(out: Path, size: tuple[int, int], home: Path) -> None:
    from tui.paths import bundled_seeds

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", str(port), str(bundled_seeds())],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # the server's request log
        text=True,
    )
    try:
        assert server.stdout is not None
        await asyncio.to_thread(server.stdout.readline)  # the line that says it is serving
        profile = home / "profile"
        profile.mkdir()
        async with chromium(profile, size) as page:
            await page.goto(f"http://127.0.0.1:{port}/?fontsize=14")
            await page.wait_for(lambda s: "articles" in s and "? help" in s, 60, "the article list")
            await page.focus_terminal()
            await page.press("j", "enter")  # the second sample names people
            await page.wait_for(lambda s: " sentences " in s and "People" in s, 120, "the summary and entities")
            await asyncio.sleep(1)  # the last rows drawn
            await page.screenshot(out)
    finally:
        server.terminate()
        server.wait(30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshot-browser.png"))
    parser.add_argument("--size", default="1100x560", help="window in pixels")
    args = parser.parse_args()
    if CHROMIUM is None:
        raise SystemExit("needs chromium (apt-get install chromium)")
    width, height = (int(v) for v in args.size.split("x"))
    # a clean cache, config and read marks: the picture does not depend on the user's
    with tempfile.TemporaryDirectory() as temp:
        home = Path(temp)
        (home / "fonts.conf").write_text(FONTS_CONF, encoding="utf-8")
        for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            os.environ[name] = str(home / name)
        os.environ["FONTCONFIG_FILE"] = str(home / "fonts.conf")
        asyncio.run(shoot(Path(args.out), (width, height), home))
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

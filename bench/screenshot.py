"""Save an SVG of the main screen for the README: docs/screenshot.svg.

Opens the bundled sample articles headless (no terminal needed), waits for the
first article's summary and entities, selects the first person so the mentions
show, and writes the screenshot. Usage: python bench/screenshot.py [OUT.svg] [--size 120x36]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


async def shoot(out: Path, size: tuple[int, int]) -> None:
    from tui.app.app import ReportsApp
    from tui.app.screens.reader import ReaderScreen
    from tui.app.widgets.entity_panel import EntityPanel
    from tui.config import load_config
    from tui.paths import bundled_seeds

    app = ReportsApp([str(bundled_seeds())], load_config(None))
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 120
        while not (screen.current and screen.current in screen.full):
            if loop.time() > deadline:
                raise SystemExit("timed out waiting for the analysis")
            await pilot.pause(0.1)
        await pilot.pause(0.6)  # let batched row updates land
        panel = screen.query_one(EntityPanel)
        if panel.groups:
            panel.focus()
            await pilot.press("enter")
        screen.query_one("ArticleList").focus()
        await pilot.pause(0.3)
        out.parent.mkdir(parents=True, exist_ok=True)
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshot.svg"))
    parser.add_argument("--size", default="120x36")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    with tempfile.TemporaryDirectory() as cache:  # a clean cache: the picture does not depend on the user's
        os.environ["XDG_CACHE_HOME"] = cache
        asyncio.run(shoot(Path(args.out), size))  # type: ignore[arg-type]
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

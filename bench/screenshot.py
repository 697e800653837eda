"""Save SVGs of the main screen for the README: docs/screenshot-80x24.svg and -120x40.svg
(with --corpus: the corpus screen, docs/corpus-<size>.svg, once every sample is analysed).

Opens the bundled sample articles headless (no terminal needed), waits for the
first article's summary and entities, selects the first person so the mentions
show, and writes each screenshot with Textual's export_screenshot.
Usage: python bench/screenshot.py [OUT_FOLDER] [--sizes 80x24,120x40] [--corpus]
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
    from tui.app.library import Entities
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
        while not (screen.current and screen.library.entities(screen.current) is not Entities.PENDING):
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
        out.write_text(app.export_screenshot(title=f"reports-tui {size[0]}x{size[1]}"), encoding="utf-8")


async def shoot_corpus(out: Path, size: tuple[int, int]) -> None:
    from tui.app.app import ReportsApp
    from tui.app.articles import Status
    from tui.app.screens.corpus import CorpusScreen
    from tui.app.screens.reader import ReaderScreen
    from tui.config import load_config
    from tui.paths import bundled_seeds

    app = ReportsApp([str(bundled_seeds())], load_config(None))
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 300
        while not all(e.state is not Status.PENDING for e in screen.library.entries):
            if loop.time() > deadline:
                raise SystemExit("timed out waiting for the analyses")
            await pilot.pause(0.2)
        await pilot.press("p")
        while not (isinstance(app.screen, CorpusScreen) and app.screen.shown is not None):
            await pilot.pause(0.1)
        await pilot.pause(0.5)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(app.export_screenshot(title=f"reports-tui corpus {size[0]}x{size[1]}"), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(ROOT / "docs"))
    parser.add_argument("--sizes", default="80x24,120x40")
    parser.add_argument("--corpus", action="store_true", help="the corpus screen (p) instead of the main one")
    args = parser.parse_args()
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    for text in args.sizes.split(","):
        width, height = (int(v) for v in text.split("x"))
        out = Path(args.folder) / f"{'corpus' if args.corpus else 'screenshot'}-{width}x{height}.svg"
        # a clean cache and no read marks: the picture does not depend on the user's
        with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as data:
            os.environ["XDG_CACHE_HOME"], os.environ["XDG_DATA_HOME"] = cache, data
            asyncio.run((shoot_corpus if args.corpus else shoot)(out, (width, height)))
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

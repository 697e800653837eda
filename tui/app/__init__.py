"""The terminal interface. Importing this package is cheap: Textual loads in ``run_app``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.config import Config

__all__ = ["run_app"]


def run_app(paths: list[str], config: Config, use_cache: bool = True) -> int:
    """Open the interface on ``paths`` (files and folders); the process exit status.

    Raises ``tui.config.ConfigError`` (naming the config file) for keymap ids no
    binding has, before the terminal is taken over.
    """
    from tui.app.analyser import Analyser
    from tui.app.articles import Status
    from tui.app.cached import CacheScan
    from tui.app.jobs import make_analyse_fn
    from tui.app.walk import open_entries

    # The worker for the opened article starts now: its start-up overlaps the interface's,
    # and so does reading what the cache holds.
    analyser = Analyser(make_analyse_fn(config.options, use_cache))
    analyser.start()
    entries, walk = open_entries(paths)  # a long list's rest is found after the first paint
    scan = None
    if use_cache and walk is None:
        scan = CacheScan(config.options, (e.path for e in entries if e.state is Status.PENDING))
        scan.start()

    from tui.app.app import ReportsApp

    try:
        app = ReportsApp(paths, config, use_cache=use_cache, analyser=analyser, entries=entries, scan=scan, walk=walk)
        result = app.run()
    finally:
        analyser.shutdown()
    if app.return_code not in (None, 0):
        return app.return_code
    return int(result or 0)

"""The Textual application: configuration, theme, keymap and commands around the reader screen."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial

from textual import events
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.app.analyser import Analyser
from tui.app.articles import Entry, build_entries
from tui.app.cached import CacheScan
from tui.app.jobs import AnalyseFn, make_analyse_fn
from tui.app.keys import check_keymap, key_rows
from tui.app.list_view_state import SortKey
from tui.app.screens.reader import ReaderScreen
from tui.app.walk import Walk
from tui.config import Config, ConfigError
from tui.core.safe_text import one_line, visible
from tui.core.summarize import ALGORITHMS

DIGEST_LABELS = {"markdown": "Markdown", "docx": "Word (.docx)", "json": "JSON"}


class ReportsApp(App[int]):
    """Read Vietnamese reports: list, summary, highlighted text, entities."""

    TITLE = "reports-tui"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 - as Textual declares it

    def __init__(
        self,
        paths: Sequence[str],
        config: Config,
        *,
        use_cache: bool = True,
        analyse: AnalyseFn | None = None,
        processes: bool = True,
        entries: Sequence[Entry] | None = None,
        save_dir: str | None = None,
        analyser: Analyser | None = None,
        scan: CacheScan | None = None,
        walk: Walk | None = None,
    ) -> None:
        """``analyse`` replaces the pipeline call; ``processes=False`` analyses in threads (tests);
        ``analyser``: one already started (``run_app`` starts its worker before the interface);
        ``scan``: the cache already being read for ``entries``; ``walk``: the walk that finds
        the articles after ``entries`` (started once the list has painted)."""
        check_keymap(config.keymap, config.source)
        super().__init__()
        if config.theme not in self.available_themes:  # Textual's names, known once the App exists
            allowed = ", ".join(sorted(self.available_themes))
            raise ConfigError(f"{config.source}: ui.theme = {config.theme!r} is not allowed; expected one of {allowed}")
        self.config = config
        self.keymap: dict[str, str] = dict(config.keymap)
        self.paths = list(paths)
        self.entries = list(entries) if entries is not None else build_entries(self.paths)
        self._analyse = analyse or make_analyse_fn(config.options, use_cache)
        # cached analyses are read in this process too (only with the real pipeline behind them)
        self._cache_options = config.options if use_cache and analyse is None else None
        self._processes = processes
        self._analyser = analyser
        self._save_dir = save_dir
        self._scan = scan
        self._walk = walk

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification passes here (screens and widgets call the app's): file names and
        reasons in it reach the terminal with their control characters made visible."""
        super().notify(visible(message), title=one_line(title), severity=severity, timeout=timeout, markup=markup)

    def get_default_screen(self) -> Screen:
        return ReaderScreen(
            self.entries,
            algorithm=self.config.algorithm,
            algorithms=ALGORITHMS,
            count=self.config.sentences,
            analyse=self._analyse,
            processes=self._processes,
            opened=self.paths,
            save_dir=self._save_dir,
            cache_options=self._cache_options,
            analyser=self._analyser,
            scan=self._scan,
            walk=self._walk,
            list_width=self.config.list_width,
            list_sort=SortKey(self.config.list_sort),
            digest_format=self.config.digest_format,
        )

    def on_mount(self) -> None:
        self.theme = self.config.theme
        if self.keymap:
            self.set_keymap(self.keymap)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        """A download to the browser (``reports-tui serve``) broke off: say so; the rest goes on."""
        self.notify(
            f"{event.name or 'The download'}: {event.exception}",
            title="Download failed",
            severity="error",
            markup=False,
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette lists every action of the reader, with its key."""
        yield from super().get_system_commands(screen)
        if not isinstance(screen, ReaderScreen):
            return
        skip = {"command-palette", "quit"}
        for row in key_rows(self.keymap):
            if "everywhere" not in row.places or row.id in skip:
                continue
            binding = next(b for b in ReaderScreen.BINDINGS if getattr(b, "id", None) == row.id)
            action = binding.action  # type: ignore[union-attr]
            yield SystemCommand(
                row.description,
                f"{row.explanation} (key: {row.display})",
                partial(self._run_screen_action, screen, action),
            )

        for kind, label in DIGEST_LABELS.items():
            yield SystemCommand(
                f"Save a digest as {label}",
                f"Save a digest of the listed articles as {label} and show its path",
                partial(screen.save_digest, kind),
            )

        for algorithm in ALGORITHMS:  # chosen by name: the palette filters them as the reader types
            yield SystemCommand(
                f"Summarise with {algorithm}",
                f"Re-summarise the article with the {algorithm} algorithm",
                partial(screen.use_algorithm, algorithm),
            )

    async def _run_screen_action(self, screen: Screen, action: str) -> None:
        await self.run_action(action, screen)

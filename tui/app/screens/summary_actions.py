"""The reading screen's summary keys: length, algorithm, copy and save."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.timer import Timer

from tui.app.delivery import deliver_download
from tui.app.widgets.summary_pane import SummaryPane
from tui.core import export
from tui.paths import default_summary_dir, fallback_summary_dir

if TYPE_CHECKING:
    from tui.app.analyser import Analyser
    from tui.app.library import Library
    from tui.core.model import Analysis

MAX_SENTENCES = 50
# On the status line, not in a toast that would cover the article at 80x24; the help says more.
CLIPBOARD_HINT = "sent to the clipboard · in tmux: set -s set-clipboard on · s saves"
# In a browser the page writes it to the clipboard only on 127.0.0.1, localhost or https (the
# browser's rule for the clipboard API), and says nothing when it cannot: the download always works.
WEB_CLIPBOARD_HINT = "sent to browser clipboard (127.0.0.1/https only) · s downloads"
NOTICE_SECONDS = 6
MARKDOWN = "text/markdown"


class SummaryActions(Screen[None]):
    """Actions on the open article's summary; ``ReaderScreen`` holds the state they use."""

    library: Library
    analyser: Analyser
    algorithm: str
    algorithms: tuple[str, ...]
    count: int
    opened: tuple[str, ...]  # what the user asked to open: saves never go among them
    save_dir: os.PathLike[str] | str | None
    _notice_timer: Timer | None = None

    if TYPE_CHECKING:

        def refresh_views(self) -> None: ...
        def show_status(self, **changes: object) -> None: ...

    def action_longer(self) -> None:
        self._set_count(self.count + 1)

    def action_shorter(self) -> None:
        self._set_count(self.count - 1)

    def _set_count(self, count: int) -> None:
        """Within 1 and the open article's sentences: a press past the end changes nothing."""
        analysis = self.library.analysis(self.library.current)
        summary = analysis.summaries.get(self.algorithm) if analysis is not None else None
        limit = len(summary.scores) if summary is not None and summary.scores else MAX_SENTENCES
        self.count = max(1, min(MAX_SENTENCES, limit, count))
        self.refresh_views()
        self.show_status()

    def action_next_algorithm(self) -> None:
        self._step_algorithm(1)

    def action_previous_algorithm(self) -> None:
        self._step_algorithm(-1)

    def _step_algorithm(self, step: int) -> None:
        position = self.algorithms.index(self.algorithm) if self.algorithm in self.algorithms else -step
        self.use_algorithm(self.algorithms[(position + step) % len(self.algorithms)])

    def use_algorithm(self, algorithm: str) -> None:
        """Summarise the open article (and the next ones) with ``algorithm``."""
        self.algorithm = algorithm
        analysis = self.library.analysis(self.library.current)
        if analysis is not None and self.algorithm not in analysis.summaries:
            self.analyser.resummarise(analysis.document.path, self.algorithm)
        self.refresh_views()
        self.show_status()

    def _summarised(self) -> Analysis | None:
        """The open article's analysis when it has the summary on screen; else says why not."""
        current = self.library.current
        if current is None:
            return None
        analysis = self.library.analysis(current)
        if analysis is None or self.algorithm not in analysis.summaries:
            self.notify("No summary yet: the article is still being analysed.", severity="warning")
            return None
        return analysis

    def action_copy_summary(self) -> None:
        if self._summarised() is None:
            return
        self.app.copy_to_clipboard(self.query_one(SummaryPane).text)
        self._notice(f"Summary {self._clipboard_hint()}")

    def action_copy_markdown(self) -> None:
        analysis = self._summarised()
        if analysis is None:
            return
        self.app.copy_to_clipboard(export.markdown(analysis, self.algorithm, self.count))
        self._notice(f"Markdown summary {self._clipboard_hint()}")

    def _clipboard_hint(self) -> str:
        return WEB_CLIPBOARD_HINT if self.app.is_web else CLIPBOARD_HINT

    def _notice(self, text: str) -> None:
        self.show_status(notice=text)
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(NOTICE_SECONDS, lambda: self.show_status(notice=""))

    def action_save_summary(self) -> None:
        analysis = self._summarised()
        if analysis is None:
            return
        text = export.markdown(analysis, self.algorithm, self.count)
        if self.app.is_web:  # the reader may be on another machine: the file goes to their browser
            name = deliver_download(
                self.app, text.encode("utf-8"), export.summary_file_name(analysis.document.path), MARKDOWN
            )
            self.notify(name, title="Summary sent as a download", timeout=10, markup=False)
            return
        try:
            target = export.save_summary(text, analysis.document.path, self.save_folder(), self.protected_paths())
        except OSError as exc:
            self.notify(f"Could not save the summary: {exc}", severity="error", markup=False)
            return
        self.show_saved(target, "Summary saved")

    def save_folder(self) -> Path:
        """Where saved files go: the configured folder, unless among the articles (then the fallback)."""
        return export.choose_save_dir(_save_dir(self.save_dir), self.opened, fallback_summary_dir())

    def protected_paths(self) -> Sequence[str]:
        """What a saved file may never replace: the opened paths and every listed article."""
        return [*self.opened, *(e.path for e in self.library.entries)]

    def show_saved(self, target: Path, title: str) -> None:
        # folder and file name on lines of their own, the home folder as ~: a toast wraps long lines
        shown = f"{_home_as_tilde(target.parent)}{os.sep}\n{target.name}"
        self.notify(shown, title=title, timeout=10, markup=False)


def _home_as_tilde(path: Path) -> str:
    home = Path.home()
    return "~" + os.sep + str(path.relative_to(home)) if path.is_relative_to(home) and path != home else str(path)


def _save_dir(configured: os.PathLike[str] | str | None) -> Path:
    return Path(configured) if configured is not None else default_summary_dir()

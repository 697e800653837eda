"""The reading screen's hand-over of the terminal: the article in ``$PAGER`` or ``$EDITOR``.

The program runs with an argument list (no shell), the article's absolute path as its
last argument, while the interface is suspended; this program never writes to the file.
"""

from __future__ import annotations

import logging
import os
import shlex
import subprocess

from textual.app import SuspendNotSupported
from textual.screen import Screen

from tui.app.library import Library

log = logging.getLogger(__name__)

DEFAULTS = {"PAGER": "less", "EDITOR": "vi"}


def external_command(variable: str, path: str) -> list[str]:
    """``$PAGER``/``$EDITOR`` split as a shell would split a command's words, then the path.

    The path is one argument whatever it holds (spaces, ``;``, a leading ``-``: it is absolute).
    """
    configured = os.environ.get(variable, "").strip() or DEFAULTS[variable]
    return [*shlex.split(configured), os.path.abspath(path)]


class External(Screen[None]):
    """``o`` opens the article in the pager, ``E`` in the editor; ``ReaderScreen`` holds the library."""

    library: Library

    def action_open_pager(self) -> None:
        self._hand_over("PAGER")

    def action_open_editor(self) -> None:
        self._hand_over("EDITOR")

    def _hand_over(self, variable: str) -> None:
        path = self.library.current
        if path is None:
            self.notify("Open an article first (enter in the list).", severity="warning")
            return
        try:
            command = external_command(variable, path)
        except ValueError as exc:  # unbalanced quotes in the variable
            self.notify(f"${variable} cannot be read as a command: {exc}", severity="error", markup=False)
            return
        try:
            with self.app.suspend():
                status = subprocess.run(command, check=False).returncode
        except SuspendNotSupported:
            self.notify("This terminal cannot be handed over to another program.", severity="warning")
            return
        except OSError as exc:
            self.notify(f"Cannot run ${variable} ({command[0]}): {exc.strerror}", severity="error", markup=False)
            return
        if status != 0:
            log.info("%s exited with %s", command[0], status)
            self.notify(f"{command[0]} exited with status {status}.", severity="warning", markup=False)

"""The installed `reports-tui` in a real terminal: a private tmux server at 80x24.

Waits for the first paint, opens an article, reads its summary off the screen,
copies it with `c` (OSC 52, `set-clipboard on`) and finds it in tmux's buffer,
then quits with `q`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
SCRIPT = Path(sys.executable).with_name("reports-tui")

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(not SCRIPT.exists(), reason=f"reports-tui is not installed next to {sys.executable}"),
]


class Tmux:
    """A private tmux server (its own socket, no user config)."""

    def __init__(self, env: dict[str, str], config: Path) -> None:
        self.socket = f"rtui-{uuid.uuid4().hex[:10]}"
        self.env = env
        # Options the test relies on hold from the server's start, before the app runs: a pane whose
        # process exits stays (so a failure message can show its last screen), and OSC 52 reaches
        # tmux's buffer.
        config.write_text("set -g remain-on-exit on\nset -s set-clipboard on\n", encoding="utf-8")
        self.config = config

    def __call__(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            [str(TMUX), "-L", self.socket, "-f", str(self.config), *args],
            check=False,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=20,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {result.stderr}")
        return result.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p")

    def wait(self, predicate: Callable[[str], bool], timeout: float, what: str) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if predicate(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; screen:\n{text}")
            time.sleep(0.05)

    def wait_for_file(self, path: Path, timeout: float, what: str) -> str:
        """The text of ``path`` once something has been written to it."""
        deadline = time.monotonic() + timeout
        while not (path.exists() and (text := path.read_text(encoding="utf-8")).endswith("\n")):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; screen:\n{self.screen()}")
            time.sleep(0.1)
        return text


def summary_on_screen(screen: str) -> str:
    """The text inside the summary box, its lines joined."""
    lines = screen.splitlines()
    top = next(i for i, line in enumerate(lines) if "╭─ Summary" in line)
    words = []
    for line in lines[top + 1 :]:
        if "╰" in line:
            break
        inner = line.split("│")[1] if line.count("│") >= 2 else ""
        words.append(inner.strip().rstrip("▂▄▆█▇▅▃▁ ").strip())
    return " ".join(w for w in words if w)


def bold_reverse_text(styled: str) -> str:
    """The letters drawn both bold and reversed (SGR 1 and 7) in a `capture-pane -e` dump."""
    bold = reverse = False
    out = []
    for token in re.split(r"(\x1b\[[0-9;]*m)", styled):
        if token.startswith("\x1b["):
            codes = [int(c) if c else 0 for c in token[2:-1].split(";")]
            for code in codes:
                if code == 0:
                    bold = reverse = False
                elif code == 1:
                    bold = True
                elif code == 22:
                    bold = False
                elif code == 7:
                    reverse = True
                elif code == 27:
                    reverse = False
        elif bold and reverse:
            out.append("".join(ch for ch in token if ch.isalpha()))
    return "".join(out)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        (tmp_path / name).mkdir()
        env[name] = str(tmp_path / name)
    env["REPORTS_TUI_SAVE_DIR"] = str(tmp_path / "saves")
    env["TERM"] = "xterm-256color"
    env.pop("NO_COLOR", None)
    server = Tmux(env, tmp_path / "tmux.conf")
    yield server
    server("kill-server", check=False)


def test_open_read_copy_quit_in_tmux(tmux: Tmux, tmp_path: Path) -> None:
    from tui.paths import bundled_seeds

    articles = tmp_path / "articles"
    shutil.copytree(bundled_seeds(), articles)
    # The shell that starts the app writes its exit status to a file: tmux records a pane's status only
    # once it reaps the process, and under load that was seen to lag more than a minute behind the
    # exit (the process a zombie meanwhile); the shell waits for the app and reads it at once.
    status = tmp_path / "exit-status"
    command = f"cd {shlex.quote(str(tmp_path))} && {shlex.quote(str(SCRIPT))} {shlex.quote(str(articles))}"
    tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "main", f"{command}; echo $? > {shlex.quote(str(status))}")
    # Deadlines are generous and only bound a hang: the machine may be loaded (bench/ measures speed).
    tmux.wait(lambda s: "? help" in s and "articles" in s, 60, "the first paint")

    # open the second article and wait for its summary
    tmux("send-keys", "-t", "main", "j", "Enter")
    path = str(sorted(articles.glob("*.txt"))[1])
    from tui.config import load_config
    from tui.core.export import summary_text
    from tui.core.service import analyse_path

    config = load_config(None)
    expected = summary_text(
        analyse_path(path, config.options, (config.algorithm,), entities=False), config.algorithm, config.sentences
    )
    assert expected
    opening = " ".join(expected.split()[:6])
    screen = tmux.wait(
        lambda s: "╭─ Summary" in s and opening in summary_on_screen(s), 60, "the summary of the opened article"
    )
    shown = summary_on_screen(screen)
    assert expected.startswith(shown[: len(shown) - 20])  # the box shows the start of what is copied

    # key sentences reach the terminal as bold + reverse: find the summary's start in the article
    tmux("send-keys", "-t", "main", "f")
    tmux.wait(lambda s: "find in article" in s, 30, "the find box")
    tmux("send-keys", "-t", "main", "-l", " ".join(expected.split()[:4]))
    tmux("send-keys", "-t", "main", "Enter")
    # Enter gives the article the focus, then jumps to the first hit: the status bar turns from
    # "“…”: 1 found" to "“…” 1/1". Keys sent before that would be typed into the find box, so wait
    # for the jump rather than for a fixed time.
    tmux.wait(lambda s: re.search(r"” \d+/\d+", s) is not None, 30, "the jump to the first hit")
    deadline = time.monotonic() + 30
    while not bold_reverse_text(styled := tmux("capture-pane", "-p", "-e")):
        assert time.monotonic() < deadline, f"no bold reversed text after the find; screen:\n{styled}"
        time.sleep(0.1)

    tmux("send-keys", "-t", "main", "c")
    deadline = time.monotonic() + 30
    buffer = ""
    while time.monotonic() < deadline:
        buffer = tmux("show-buffer", check=False)
        if buffer:
            break
        time.sleep(0.1)
    assert buffer == expected, tmux.screen()
    tmux.wait(lambda s: "sent to the" in s and "clipboard" in s, 30, "the copy notice")

    tmux("send-keys", "-t", "main", "q")
    assert tmux.wait_for_file(status, 60, "the exit status after q") == "0\n", tmux.screen()

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
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from tui.core.model import Analysis

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


def analyse_into_cache(env: Mapping[str, str], paths: list[str], config_file: str | None = None) -> list[Analysis]:
    """Analyse ``paths`` in full into the cache of an app started with ``env`` (and ``config_file``),
    as `index` leaves a folder: that app starts warm and loads no models. The cold start in a real
    terminal is tested here; the tests of what a screen shows start warm, so each costs no worker
    processes."""
    from tui.config import load_config
    from tui.core.cache import open_cache
    from tui.core.service import analyse_path

    config = load_config(config_file)
    cache = open_cache(folder=Path(env["XDG_CACHE_HOME"]) / "reports-tui")
    try:
        return [analyse_path(path, config.options, (config.algorithm,), cache=cache) for path in paths]
    finally:
        cache.close()


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


def _write_hostile(folder: Path) -> Path:
    from hostile_helpers import hostile_article

    folder.mkdir()
    article = folder / "bao-cao \x1b]0;NAME-TITLE\x07 quy-mot.txt"
    article.write_text(hostile_article(), encoding="utf-8")
    return article


def _canary(tmux: Tmux) -> None:
    """Set the pane title and the clipboard buffer from the shell, and check tmux saw both: the
    hostile run must leave them as they are (this also proves the checks below can fail)."""
    tmux("send-keys", "-t", "main", r"printf '\033]0;CANARY\007\033]52;c;Y2FuYXJ5\007'; clear", "Enter")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if tmux("show-buffer", check=False) == "canary" and _title(tmux) == "CANARY":
            return
        time.sleep(0.1)
    raise AssertionError(f"tmux did not take the canary: {_title(tmux)!r} {tmux('show-buffer', check=False)!r}")


def _title(tmux: Tmux) -> str:
    return tmux("display-message", "-p", "-t", "main", "#{pane_title}").strip()


def _hostile_session(tmux: Tmux, tmp_path: Path) -> None:
    tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "main", f"cd {tmp_path} && exec sh")
    tmux("set", "-s", "set-clipboard", "on")
    tmux("set-option", "-t", "main", "allow-rename", "on")
    _canary(tmux)


def test_a_hostile_article_cannot_write_clipboard_or_title_from_summarize(tmux: Tmux, tmp_path: Path) -> None:
    _write_hostile(tmp_path / "articles")
    _hostile_session(tmux, tmp_path)
    # Markdown holds the title, the summary, the source path and the entities; every format is
    # checked in-process by test_hostile_output.py
    tmux("send-keys", "-t", "main", f"{SCRIPT} summarize --format markdown articles 2>&1; echo END-$?", "Enter")
    tmux.wait(lambda s: "END-0" in s, 60, "summarize to finish")
    assert tmux("show-buffer", check=False) == "canary"
    assert _title(tmux) == "CANARY"
    assert "␛" in tmux.screen()  # shown as a symbol


def test_a_hostile_article_cannot_write_clipboard_or_title_from_the_app(tmux: Tmux, tmp_path: Path) -> None:
    article = _write_hostile(tmp_path / "articles")
    # an unreadable file is listed (and notified) by its name: a name that would set the title
    (article.parent / "rong \x1b]0;EMPTY-NAME\x07 \x1b]52;c;aGk=\x07.txt").write_bytes(b"")
    analyse_into_cache(tmux.env, [str(article)])  # what is shown is under test, not the cold start
    _hostile_session(tmux, tmp_path)
    tmux("send-keys", "-t", "main", f"{SCRIPT} articles; echo END-$?", "Enter")
    tmux.wait(
        lambda s: "╭─ Summary" in s and "Lê Minh Tuấn" in s and "EMPTY-NAME" in s and "␛" in s,  # ␛: shown as a symbol
        60,
        "the summary and the list",
    )
    assert tmux("show-buffer", check=False) == "canary"
    assert _title(tmux) == "CANARY"
    tmux("send-keys", "-t", "main", "e")  # the entity panel too
    time.sleep(1)
    assert tmux("show-buffer", check=False) == "canary"
    assert _title(tmux) == "CANARY"
    tmux("send-keys", "-t", "main", "q")
    tmux.wait(lambda s: "END-0" in s, 30, "the app to quit")
    assert _title(tmux) == "CANARY"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_app_workers_end_when_the_app_is_killed(tmux: Tmux, tmp_path: Path) -> None:
    from hostile_helpers import descendants, parent_of, wait_until

    from tui.core.lifetime import alive

    article = _write_hostile(tmp_path / "articles")
    # a long article keeps a worker busy (an idle one ends anyway when its job pipe closes)
    long_text = "".join(f"Đoạn {n}: huyện số {n} báo cáo sản lượng lúa đạt {n % 90} tạ.\n" for n in range(6000))
    (article.parent / "z-dai.txt").write_text("Báo cáo dài\n\n" + long_text, encoding="utf-8")
    analyse_into_cache(tmux.env, [str(article)])  # only the long article is left for a worker
    # started from a shell that stays: the terminal sends no hang-up when the app dies, as when a
    # user's shell outlives it
    tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "main", f"cd {tmp_path} && {SCRIPT} articles; sleep 60")
    tmux.wait(lambda s: "╭─ Summary" in s and "Lê Minh Tuấn" in s, 60, "the summary")
    shell = int(tmux("display-message", "-p", "-t", "main", "#{pane_pid}").strip())
    time.sleep(1)  # the long article under way
    app = next(pid for pid in descendants(shell) if parent_of(pid) == shell)
    workers = descendants(app)
    assert workers
    os.kill(app, signal.SIGKILL)
    try:
        wait_until(lambda: not any(alive(pid) for pid in workers), 5, f"{workers} to end")
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)

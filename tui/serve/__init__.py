"""``reports-tui serve``: the same interface in a web page, for colleagues without a terminal.

textual-serve (the optional ``web`` extra) runs a web server; each browser tab that opens the page
starts its own ``reports-tui`` process under Textual's web driver and talks to it over a
websocket. The server has no authentication: it listens on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tui.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from tui.config import Config

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INSTALL_HINT = "serving in a browser needs textual-serve: pip install -e '.[web]'"

Warn = Callable[[str], None]


def add_serve(commands: argparse._SubParsersAction, common: argparse.ArgumentParser, warn: Warn) -> None:
    """Register the ``serve`` subcommand; ``warn`` says one line on stderr."""
    sub = commands.add_parser(
        "serve",
        parents=[common],
        help="the interface in a web browser (needs the web extra)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Serve the interface as a web page: every browser tab that opens it reads the "
        "PATHs in its own reports-tui. Saves arrive as the browser's downloads. There is no "
        "authentication: anyone who reaches the address can read the files.",
        epilog="examples:\n  reports-tui serve ~/reports/          then open http://127.0.0.1:8000\n"
        "  reports-tui serve --port 8080 report.docx",
    )
    sub.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (default: the samples)")
    sub.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST})")
    sub.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    sub.set_defaults(handler=lambda options, config: serve(options, config, warn))


def _port(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError("must be between 1 and 65535")
    return number


def app_command(paths: Sequence[str], config_file: str | None, no_cache: bool) -> str:
    """The shell command each browser tab runs (textual-serve starts it through a shell).

    Every argument is quoted, so a file name is never read as shell syntax; paths are made
    absolute, so none is taken for an option or a subcommand, wherever the process starts.
    """
    argv = [sys.executable, "-m", "tui"]
    if config_file is not None:
        argv += ["--config", os.path.abspath(config_file)]
    if no_cache:
        argv.append("--no-cache")
    argv += [os.path.abspath(path) for path in paths]
    return shlex.join(argv)


def serve(options: argparse.Namespace, _config: Config, warn: Warn) -> int:
    """Serve until Ctrl-C; the exit status. The configuration was loaded (and so checked) by the
    command line; each tab's process reads the same file again."""
    if importlib.util.find_spec("textual_serve") is None:
        warn(INSTALL_HINT)
        return EXIT_USAGE
    from tui.serve.server import ReportsServer, is_loopback

    host, port = options.host, options.port
    if not is_loopback(host):
        warn(f"listening on {host}: anyone who reaches it can read the files, with no password")
    command = app_command(options.paths, options.config, options.no_cache)
    shown = f"[{host}]" if ":" in host else host
    server = ReportsServer(
        command, host, port, announce=f"reports-tui: serving on http://{shown}:{port} (Ctrl-C stops)"
    )
    try:
        server.serve()
    except OSError as exc:
        warn(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
        return EXIT_FAILED
    return EXIT_OK

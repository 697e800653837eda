"""textual-serve's web server with the checks a server of private files needs.

textual-serve accepts a websocket from any page: a web site the reader visits could open
``ws://127.0.0.1:8000/ws`` from script (websockets are not bound by the same-origin rule) and
read the articles off the screen it receives. So a request whose ``Origin`` is another site is
refused, and, when the server listens on a loopback address, so is one whose ``Host`` is not a
loopback name (a DNS-rebinding page names its own domain there).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from ipaddress import ip_address
from typing import TextIO
from urllib.parse import SplitResult, urlsplit

from aiohttp import web
from textual_serve.server import Server

from tui.core.safe_text import one_line, visible

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 with or without brackets) is this machine only."""
    host = host.strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def _split(url: str) -> SplitResult | None:
    """``url`` in parts, or None when it is malformed (an unclosed IPv6 bracket)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def _host_name(netloc: str) -> str:
    """The name or address of a ``Host`` header value, without its port."""
    parts = _split(f"//{netloc}")
    return (parts.hostname or "") if parts is not None else ""


def host_allowed(netloc: str, loopback_only: bool) -> bool:
    """Whether a request with this ``Host`` may be served."""
    return not loopback_only or is_loopback(_host_name(netloc))


def same_origin(origin: str | None, netloc: str) -> bool:
    """Whether a request's ``Origin`` (browsers send it with every websocket) is the page's own
    server; a request without one comes from no web page, and so from no other site."""
    if origin is None:
        return True
    parts = _split(origin)
    return parts is not None and parts.scheme in ("http", "https") and parts.netloc.lower() == netloc.lower()


class VisibleWriter(io.TextIOBase):
    """A text stream passing text on with its control characters made visible: textual-serve
    relays a tab process's stderr (a traceback may quote an article) to standard output."""

    def __init__(self, target: TextIO) -> None:
        self._target = target

    def write(self, text: str) -> int:
        self._target.write(visible(text))
        return len(text)

    def flush(self) -> None:
        self._target.flush()


class _OneLineFormatter(logging.Formatter):
    """Log lines (the URLs requested among them) reach the terminal as one line without controls."""

    def format(self, record: logging.LogRecord) -> str:
        return one_line(super().format(record))


class ReportsServer(Server):
    """The server of ``reports-tui serve``: the page names the address the browser used, the
    checks above guard every request, and the log is plain lines."""

    def __init__(self, command: str, host: str, port: int, announce: str) -> None:
        super().__init__(command, host=host, port=port, title="reports-tui")
        self._loopback_only = is_loopback(host)
        self._announce = announce

    def initialize_logging(self) -> None:
        handler = logging.StreamHandler()
        handler.setFormatter(_OneLineFormatter("%(message)s"))
        logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not host_allowed(request.host, self._loopback_only):
            raise web.HTTPForbidden(text="reports-tui: this server answers only to 127.0.0.1 and localhost\n")
        if not same_origin(request.headers.get("Origin"), request.host):
            raise web.HTTPForbidden(text="reports-tui: requests from other sites are refused\n")
        # The page's links and websocket use the address the browser used: the one given to
        # --host may be 0.0.0.0, which no browser can reach. No await follows until it is used.
        self.public_url = f"http://{request.host}"
        return await handler(request)

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve's banner would print the command (file names) as Rich markup."""

    def serve(self, debug: bool = False) -> None:
        """Serve until SIGINT or SIGTERM; the announcement once the port is bound (textual-serve's
        own printed it before binding, and then a busy port followed it)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for stop in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows: Ctrl-C raises KeyboardInterrupt
                loop.add_signal_handler(stop, self.request_exit)
        with contextlib.redirect_stdout(VisibleWriter(sys.stdout)):
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=lambda _running_on: print(self._announce, flush=True),
            )

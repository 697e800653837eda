"""Headless Chromium driven over the Chrome DevTools Protocol, and the screen the page's terminal shows.

The protocol is JSON over a websocket (aiohttp's client, which textual-serve brings). The page
draws the terminal on a canvas, so the text is read where xterm.js reads it: the bytes the app
sends over the page's websocket (the protocol reports each frame) are replayed on a small
terminal model. A screenshot shows what a person would see.
"""

from __future__ import annotations

import asyncio
import base64
import codecs
import contextlib
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import unicodedata
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# The flags Debian's Chromium needs to run headless as root in a container, and to stay off the network.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--remote-debugging-port=0",
)
KEYS = {"enter": ("Enter", 13, "\r"), "escape": ("Escape", 27, "")}


def chromium_runs() -> bool:
    """Whether the browser starts here (a package may install a stub that needs snap, say)."""
    if CHROMIUM is None:
        return False
    try:
        subprocess.run([CHROMIUM, "--version"], capture_output=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return False
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cdp:
    """One DevTools connection: commands by id, events kept for whoever waits for them."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self._ws = ws
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.events: list[dict[str, Any]] = []
        self._listeners: list[Callable[[dict[str, Any]], None]] = []
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self._ws:
            data = json.loads(message.data)
            if "id" in data:
                future = self._pending.pop(data["id"])
                if "error" in data:
                    future.set_exception(AssertionError(f"DevTools: {data['error']}"))
                else:
                    future.set_result(data.get("result", {}))
            else:
                self.events.append(data)
                for listener in self._listeners:
                    listener(data)

    def listen(self, listener: Callable[[dict[str, Any]], None]) -> None:
        self._listeners.append(listener)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[number] = future
        await self._ws.send_str(json.dumps({"id": number, "method": method, "params": params}))
        return await asyncio.wait_for(future, 30)

    async def close(self) -> None:
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader
        await self._ws.close()


class Screen:
    """The cells of a terminal fed the app's output: cursor moves, erases and text (Textual's
    repertoire); styles and other sequences are skipped."""

    _SEQUENCE = re.compile(
        r"\x1b\[([0-9;?<=>]*)([ -/]*[@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[P^_][^\x1b]*\x1b\\|\x1b."
    )

    def __init__(self, columns: int, rows: int) -> None:
        self.columns, self.rows = columns, rows
        self.cells = [[" "] * columns for _ in range(rows)]
        self.row = self.column = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def feed(self, data: bytes) -> None:
        text = self._decoder.decode(data)
        position = 0
        for match in self._SEQUENCE.finditer(text):
            self._text(text[position : match.start()])
            self._control(match.group(1), match.group(2))
            position = match.end()
        self._text(text[position:])

    def _control(self, params: str | None, final: str | None) -> None:
        if final is None or params is None or params.startswith("?"):
            return
        numbers = [int(n) if n else 0 for n in params.split(";")] if params else []
        first = numbers[0] if numbers else 0
        if final in "Hf":
            self.row = max(0, (numbers[0] if numbers and numbers[0] else 1) - 1)
            self.column = max(0, (numbers[1] if len(numbers) > 1 and numbers[1] else 1) - 1)
        elif final == "J" and first == 2:
            self.cells = [[" "] * self.columns for _ in range(self.rows)]
        elif final == "K" and self.row < self.rows:
            self.cells[self.row][self.column :] = [" "] * (self.columns - self.column)
        elif final == "C":
            self.column += max(first, 1)
        elif final == "D":
            self.column = max(0, self.column - max(first, 1))

    def _text(self, text: str) -> None:
        for char in text:
            if char == "\r":
                self.column = 0
            elif char == "\n":
                self.row += 1
            elif char == "\b":
                self.column = max(0, self.column - 1)
            elif unicodedata.combining(char):  # a mark joins the cell before it
                if 0 < self.column <= self.columns and self.row < self.rows:
                    self.cells[self.row][self.column - 1] += char
            elif char >= " ":
                self._put(self.column, char)
                self.column += 2 if unicodedata.east_asian_width(char) in "WF" else 1

    def _put(self, column: int, char: str) -> None:
        if self.row < self.rows and column < self.columns:
            self.cells[self.row][column] = char

    def text(self) -> str:
        return "\n".join("".join(row).rstrip() for row in self.cells).rstrip("\n")


class Page:
    """A Chromium tab on one URL, with the terminal screen its websocket has drawn."""

    def __init__(self, cdp: Cdp, browser: Cdp) -> None:
        self.cdp, self.browser = cdp, browser
        # larger than any window's terminal: the app places its text by absolute cursor moves
        self.screen = Screen(400, 150)
        cdp.listen(self._frame)

    def _frame(self, event: dict[str, Any]) -> None:
        if event.get("method") == "Network.webSocketFrameReceived":
            response = event["params"]["response"]
            if response["opcode"] == 2:  # binary: the app's output; text frames carry the page's protocol
                self.screen.feed(base64.b64decode(response["payloadData"]))

    async def wait_for(self, predicate: Callable[[str], bool], timeout: float, what: str) -> str:
        deadline = time.monotonic() + timeout
        while not predicate(text := self.screen.text()):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the page's terminal:\n{text}")
            await asyncio.sleep(0.05)
        return text

    async def goto(self, url: str) -> None:
        await self.cdp.call("Page.navigate", url=url)

    async def focus_terminal(self) -> None:
        await self.evaluate("document.querySelector('.xterm-helper-textarea').focus()")

    async def evaluate(self, expression: str) -> Any:
        result = await self.cdp.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    async def press(self, *keys: str) -> None:
        """Keys as a person types them: single characters, or ``enter``/``escape``."""
        for key in keys:
            name, code, text = KEYS[key] if key in KEYS else (key, ord(key.upper()), key)
            await self.cdp.call(
                "Input.dispatchKeyEvent", type="keyDown", key=name, windowsVirtualKeyCode=code, text=text
            )
            await self.cdp.call("Input.dispatchKeyEvent", type="keyUp", key=name, windowsVirtualKeyCode=code)

    async def screenshot(self, target: Path) -> bytes:
        shot = await self.cdp.call("Page.captureScreenshot", format="png")
        data = base64.b64decode(shot["data"])
        target.write_bytes(data)
        return data


@contextlib.asynccontextmanager
async def chromium(profile: Path, size: tuple[int, int]) -> AsyncIterator[Page]:
    """Headless Chromium (a fresh profile) with a blank tab in a window of ``size`` pixels;
    downloads go to ``profile / "downloads"``."""
    assert CHROMIUM is not None
    # Chromium makes its singleton socket's folder in TMPDIR and leaves it there: a folder of the
    # test's own, removed after (short: a socket's path is limited to about 100 bytes)
    scratch = tempfile.mkdtemp(prefix="chromium-")
    process = subprocess.Popen(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "HOME": str(profile), "TMPDIR": scratch},
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 20
        while not (port_file.exists() and len(lines := port_file.read_text().split()) == 2):
            if time.monotonic() > deadline or process.poll() is not None:
                raise AssertionError("Chromium did not start its DevTools server")
            await asyncio.sleep(0.05)
        port, browser_path = lines
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/json/list") as reply:
                targets = await reply.json(content_type=None)
            tab = next(t for t in targets if t["type"] == "page")
            browser = Cdp(await http.ws_connect(f"ws://127.0.0.1:{port}{browser_path}", max_msg_size=0))
            cdp = Cdp(await http.ws_connect(tab["webSocketDebuggerUrl"], max_msg_size=0))
            try:
                downloads = profile / "downloads"
                downloads.mkdir()
                await browser.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
                page = Page(cdp, browser)
                await cdp.call("Network.enable")
                await cdp.call("Page.enable")
                yield page
            finally:
                await cdp.close()
                await browser.close()
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(scratch, ignore_errors=True)

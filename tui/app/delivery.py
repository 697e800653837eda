"""Files for a user reading in a web browser (``reports-tui serve``): sent as the browser's download.

In a browser the reader may sit on another machine than the files: a save must reach them, not
the server's disk. Textual's web driver streams what ``App.deliver_binary`` is given to the page,
which starts a download. Only the interface's save actions call this, and only when
``App.is_web`` says the app runs under the web driver.
"""

from __future__ import annotations

import io
import re
from typing import Any

from textual.app import App

from tui.core.fold import fold

# textual-serve writes the name unquoted into the Content-Disposition header, where a space, a
# semicolon, a quote or a non-ASCII letter would cut it short or be read differently by browsers.
_NOT_TOKEN = re.compile(r"[^A-Za-z0-9._-]+")
FALLBACK_NAME = "reports-tui-download"


def download_name(name: str) -> str:
    """``name`` as a file name every browser takes as it is: ASCII letters (Vietnamese ones
    without their marks), digits, ``.``, ``-`` and ``_``; never empty, never hidden."""
    safe = _NOT_TOKEN.sub("_", fold(name)).strip("._")
    return safe or FALLBACK_NAME


def deliver_download(app: App[Any], data: bytes, file_name: str, mime_type: str) -> str:
    """Send ``data`` to the browser as a download named after ``file_name``; the name it goes by.

    Delivery is asynchronous: the app gets ``DeliveryComplete`` or ``DeliveryFailed`` later.
    """
    name = download_name(file_name)
    app.deliver_binary(io.BytesIO(data), save_filename=name, mime_type=mime_type, name=name)
    return name

"""Word 97-2003 files (.doc) through an external ``antiword`` or ``catdoc`` program.

Both are GPL programs: they are run as commands, never linked. antiword keeps paragraphs
apart with blank lines; catdoc is the fallback. Output is UTF-8.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from tui.core.readers import Extracted, Format, Progress, TextBuilder
from tui.core.readers.command import run_for_text
from tui.core.textfile import LoadError

TIMEOUT = 60.0
INSTALL_HINT = "install antiword or catdoc (apt-get install antiword catdoc) to read Word 97-2003 files"


def read(path: str, data: bytes, progress: Progress | None = None) -> Extracted:
    for name, arguments in (("antiword", ["-m", "UTF-8.txt", "-w", "0"]), ("catdoc", ["-d", "utf-8", "-w"])):
        program = shutil.which(name)
        if program is None:
            continue
        text = _run(path, program, arguments, data)
        builder = TextBuilder()
        for block in text.split("\n\n"):
            builder.add(block)
        return Extracted(builder.text(), Format.DOC, "doc", (f"read with {name}",))
    raise LoadError(path, f"Word 97-2003 file: {INSTALL_HINT}")


def _run(path: str, program: str, arguments: list[str], data: bytes) -> str:
    # The programs read a file name, not stdin: a private copy keeps the user's file untouched.
    with tempfile.TemporaryDirectory(prefix="reports-tui-") as folder:
        copy = os.path.join(folder, "document.doc")
        with open(copy, "wb") as handle:
            handle.write(data)
        return run_for_text(
            path, [program, *arguments, copy], timeout=TIMEOUT, what=f"{os.path.basename(program)} reading it"
        )

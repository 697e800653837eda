"""Running an external program that turns a document into text (antiword, catdoc, tesseract).

They are GPL or Apache programs run as commands, never linked. Their failures become one-line
LoadErrors naming the program and what it said last.
"""

from __future__ import annotations

import os
import subprocess

from tui.core.textfile import LoadError


def run_for_text(
    path: str,
    argv: list[str],
    *,
    timeout: float,
    what: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> str:
    """The program's UTF-8 output; ``what`` names the work in messages (``antiword``, ``OCR of page 2``)."""
    name = os.path.basename(argv[0])
    try:
        done = subprocess.run(
            argv,
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LoadError(path, f"{what} took longer than {timeout:.0f} s") from None
    except OSError as exc:
        raise LoadError(path, f"cannot run {name} ({exc.strerror or exc})") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LoadError(path, f"{what} failed: {lines[-1] if lines else f'exit status {done.returncode}'}")
    return done.stdout.decode("utf-8", "replace")

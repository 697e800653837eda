"""OCR of scanned PDF pages: pypdfium2 renders each page, the ``tesseract`` program reads it.

tesseract (Apache-2.0) and its Vietnamese model are installed from the system's packages
(``apt-get install tesseract-ocr tesseract-ocr-vie``) and run as a command, one page at a
time, with ``OMP_THREAD_LIMIT=1``: its OpenMP threads make a page several times slower on a
busy machine, not faster. Pages are rendered at 300 dpi in grey, without annotations (a
signing tool's stamp is an annotation, not the document), and passed as PGM on stdin.
"""

from __future__ import annotations

import functools
import math
import os
import re
import shutil
import subprocess
import time
from typing import Any

from tui.core.readers import SENTENCE_END, Progress, join_wrapped
from tui.core.readers.command import run_for_text
from tui.core.readers.legacy import is_syllable
from tui.core.textfile import LoadError

DPI = 300
MAX_PAGES = 200
MAX_PIXELS = 40_000_000  # an A4 page at 300 dpi is 8.7 million; a page declared metres wide is not rendered so
PAGE_TIMEOUT = 120.0  # seconds for one page
TOTAL_TIMEOUT = 1_800.0  # seconds for one document
INSTALL_HINT = "install tesseract-ocr and tesseract-ocr-vie (apt-get install tesseract-ocr tesseract-ocr-vie)"
_COLUMN_GAP = re.compile(r" {4,}")  # with preserve_interword_spaces: a gap of four spaces or more
_PARTS = re.compile(r"\d+|[^\W\d_]+")  # "08/2016/NĐ-CP": 08, 2016, NĐ, CP
_JUNK_RUN = 10  # letters in a row: no syllable is that long


@functools.lru_cache(maxsize=1)
def _tesseract() -> str | None:
    """The tesseract program when it is installed with the Vietnamese model, else None."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        langs = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return program if "vie" in langs.stdout.split() else None


def available() -> bool:
    return _tesseract() is not None


def ocr_pdf(path: str, pdf: Any, progress: Progress | None = None) -> tuple[str, tuple[str, ...]]:
    """The text of every page of a scanned PDF, and a note saying it was read by OCR."""
    program = _tesseract()
    if program is None:
        raise LoadError(path, f"scanned PDF (no text layer): to read it by OCR, {INSTALL_HINT}")
    pages = len(pdf)
    if pages > MAX_PAGES:
        raise LoadError(path, f"scanned PDF has {pages:,} pages (the OCR limit is {MAX_PAGES:,})")
    deadline = time.monotonic() + TOTAL_TIMEOUT
    texts = []
    for number in range(pages):
        if progress is not None:
            progress(number + 1, pages)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise LoadError(path, f"OCR took longer than {TOTAL_TIMEOUT:.0f} s (stopped at page {number + 1})")
        image = _render(pdf[number])
        texts.append(_reflow(_run(path, program, image, min(PAGE_TIMEOUT, remaining), number + 1)))
    note = f"read by OCR (tesseract, Vietnamese model) from {pages} scanned page{'s' if pages != 1 else ''}"
    return "\n\n".join(t for t in texts if t), (note,)


def _render(page: Any) -> bytes:
    """The page as a binary PGM image (greyscale, 8 bits), at DPI or less for a huge page."""
    try:
        width, height = page.get_size()
        scale = min(DPI / 72, math.sqrt(MAX_PIXELS / max(width * height, 1.0)))
        bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=False, draw_annots=False)
        array = bitmap.to_numpy()
    finally:
        page.close()
    if array.ndim == 3:  # some builds return one channel as a third axis
        array = array[:, :, 0]
    height, width = array.shape
    return f"P5 {width} {height} 255\n".encode() + array.astype("uint8").tobytes()


def _run(path: str, program: str, image: bytes, timeout: float, page: int) -> str:
    # Wide gaps kept as runs of spaces: two columns on one line (an official document's
    # number and its place-and-date line) are split apart in _reflow.
    argv = [program, "stdin", "stdout", "-l", "vie", "--psm", "4", "-c", "preserve_interword_spaces=1"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    return run_for_text(path, argv, timeout=timeout, what=f"OCR of page {page}", stdin=image, env=env)


def _reflow(text: str) -> str:
    """Split lines at column gaps and join a page's wrapped lines: a line that fills the width and
    does not end a sentence, or that is followed by a lowercase start, continues on the next
    line. Noise lines go."""
    lines = [
        " ".join(part.split()) for line in text.replace("\f", "\n").split("\n") for part in _COLUMN_GAP.split(line)
    ]
    lines = [line for line in lines if not _is_noise(line)]
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    for line in lines:
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        previous = out[-1] if out else ""
        full = len(previous) >= 0.75 * width
        if previous and full and (not previous.endswith(SENTENCE_END) or line[:1].islower()):
            out[-1] = join_wrapped(previous, line)
        else:
            out.append(line)
    return "\n".join(out).strip()


_NOISE_MAX_TOKENS = 6


def _is_noise(line: str) -> bool:
    """What seals, stamps, handwriting and specks become: a line with hardly any letters, or a
    short line most of whose words are neither syllables, numbers nor abbreviations, or that
    holds a long run of letters no syllable has."""
    if not line:
        return False
    if sum(ch.isalpha() for ch in line) < 3:
        return True
    parts = [_PARTS.findall(token) for token in line.split()]
    parts = [p for p in parts if p]
    if not parts or len(parts) > _NOISE_MAX_TOKENS:
        return False
    if any(len(part) >= _JUNK_RUN and not is_syllable(part) for token in parts for part in token):
        return True
    good = sum(all(part.isdigit() or is_syllable(part) or _is_abbreviation(part) for part in token) for token in parts)
    return good < 0.6 * len(parts)


def _is_abbreviation(part: str) -> bool:
    """TCCV, QĐ, TTg, PTTgCP: capitals, with at most two lowercase letters among them."""
    return part[0].isupper() and len(part) <= 8 and sum(ch.islower() for ch in part) <= 2

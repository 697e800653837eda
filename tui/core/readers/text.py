"""Plain text: UTF-8 (with or without a BOM), UTF-16, Windows-1258, and the TCVN3 and VNI font encodings."""

from __future__ import annotations

import re

from tui.core.readers import Extracted, Format, Progress
from tui.core.readers.legacy import Legacy, detect
from tui.core.textfile import decode, normalise


def read(path: str, data: bytes, progress: Progress | None = None) -> Extracted:
    text, encoding, note = decode_text(path, data)
    return Extracted(normalise(text), Format.TEXT, encoding, (note,) if note else ())


def decode_text(path: str, data: bytes) -> tuple[str, str, str | None]:
    """``(text, encoding, note)`` like ``loader.decode``, recognising legacy font encodings."""
    text, encoding, note = decode(data, path)
    if encoding == "windows-1258":
        found = detect(data.decode("latin-1"), normalise(text))
    elif latin1_heavy(text):
        # TCVN3 or VNI text once saved again as UTF-8 by an editor that did not know the font.
        found = detect(text, text)
    else:
        found = None
    if found is None:
        return text, encoding, note
    converted, kind = found
    return converted, _ENCODING_NAMES[kind], f"converted from {kind.value}"


_ENCODING_NAMES = {Legacy.TCVN3: "tcvn3", Legacy.VNI: "vni"}


def latin1_heavy(text: str) -> bool:
    """Only Latin-1 characters beyond ASCII, and many of them (more than 2% of the first 20,000)."""
    sample = text[:20_000]
    if not sample or max(sample) > "\xff":
        return False
    return len(_HIGH.findall(sample)) > 0.02 * len(sample)


_HIGH = re.compile(r"[\x80-\xff]")

"""One rule for every string that leaves the program: nothing from a file acts on a terminal.

An article, its title or its file name may hold terminal control sequences (``ESC ]52;…``
writes the clipboard, ``ESC ]0;…`` the window title, ``ESC [2J`` clears the screen) or
bidirectional overrides that reorder what is shown. The convention, everywhere:

* C0 controls other than tab and newline, and DEL, become their Control Pictures symbol
  (U+2400 block: ESC → ``␛``, BEL → ``␇``, CR → ``␍``, DEL → ``␡``);
* C1 controls (U+0080–U+009F, which some terminals read as ``ESC`` + letter), bidi
  embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and lone surrogates
  become ``�`` (U+FFFD).

Each character is replaced by exactly one character, so offsets into a text stay valid
for the replaced text (the article view highlights by offset). Text on one line
(messages, file names, list rows) also shows tab and newline as ``␉`` and ``␊``, and the
bytes of a file name that are not UTF-8 (kept by Python as ``surrogateescape``
characters) as ``\\xNN``. JSON keeps the characters, escaped as ``\\uXXXX``: lossless, and
inert in a terminal.
"""

from __future__ import annotations

import json
import re
from typing import Any

_REPLACEMENT = "\ufffd"

_C0 = [c for c in range(0x20) if c not in (0x09, 0x0A)]
_C1 = range(0x80, 0xA0)
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_SURROGATES = range(0xD800, 0xE000)

# One-for-one replacements for text shown with its line breaks.
_VISIBLE: dict[int, str] = {c: chr(0x2400 + c) for c in _C0}
_VISIBLE[0x7F] = "\u2421"
_VISIBLE.update(dict.fromkeys([*_C1, *_BIDI, *_SURROGATES], _REPLACEMENT))

# On one line: tab and newline too, and undecodable file-name bytes as \xNN.
_ONE_LINE: dict[int, str] = {**_VISIBLE, 0x09: "\u2409", 0x0A: "\u240a"}
_ONE_LINE.update({c: f"\\x{c - 0xDC00:02x}" for c in range(0xDC80, 0xDD00)})

_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_VISIBLE)) + "]")
_UNSAFE_ONE_LINE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_ONE_LINE)) + "]")
# What json.dumps(ensure_ascii=False) leaves raw that a terminal would act on; line and
# paragraph separators too (JavaScript readers of the lines split on them).
_JSON_RAW = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in [0x7F, *_C1, *_BIDI, *_SURROGATES, 0x2028, 0x2029]) + "]"
)


def visible(text: str) -> str:
    """``text`` with every control character made visible, one character for one."""
    # sub, not str.translate: it touches only the matches (5 MB: 40 ms against 460 ms)
    return _UNSAFE.sub(lambda match: _VISIBLE[ord(match.group())], text)


def one_line(text: str) -> str:
    """``text`` safe and on one line: for messages, titles in a list and file names."""
    return _UNSAFE_ONE_LINE.sub(lambda match: _ONE_LINE[ord(match.group())], text)


def json_line(value: Any) -> str:
    """``value`` as one line of JSON, readable UTF-8, with nothing a terminal would act on."""
    dumped = json.dumps(value, ensure_ascii=False)  # escapes C0 only: DEL, C1 and the rest stay raw
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


# Not characters at all: XML 1.0 (a .docx) rejects them, as it does the C0 controls ``visible`` replaces.
_NONCHARACTERS = re.compile("[\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` made ``visible`` and fit for an XML document (a Word file): one character for one."""
    return _NONCHARACTERS.sub(_REPLACEMENT, visible(text))

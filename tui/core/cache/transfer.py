"""Cache export and import: analyses that travel between machines as one file.

The file is ``MAGIC``, then length-prefixed MessagePack frames: a ``FileHeader``
(format name, schema version, pipeline version), then one ``Entry`` per
analysis (its key, the content hash and stopword list the key is made of, and
the analysis in the cache's own typed form). Import checks every entry before
adding it: its key is computed again from its parts and this pipeline's
version, the analysis decodes into the model's types and describes its own
text. Nothing in the file is ever run; a hostile file can at most offer wrong
analyses for files whose content hash it names, and they are used only for
files with exactly those bytes.
"""

from __future__ import annotations

import os
import re
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import msgspec

from tui.core.cache.analyses import Cache
from tui.core.cache.codec import MAX_ENTRY_BYTES, DecodeError, decode, encode, inconsistency
from tui.core.cache.keys import SCHEMA_VERSION, entry_key
from tui.core.cache.store import Health
from tui.core.pipeline import pipeline_version

FORMAT = "reports-tui-cache"
MAGIC = b"reports-tui cache export\n"
_LENGTH = struct.Struct(">I")
_HASH = re.compile(r"[0-9a-f]{32}")
_STOPWORDS = re.compile(r"stopwords-iso|none|[0-9a-f]{16}")


class FileHeader(msgspec.Struct, frozen=True):
    format: str
    schema: int
    pipeline: str


class Entry(msgspec.Struct, frozen=True):
    key: str
    content_hash: str
    stopwords: str
    analysis: msgspec.Raw


class TransferError(Exception):
    """The file as a whole cannot be read or written; the message is one line."""


@dataclass
class ImportReport:
    added: int = 0
    known: int = 0  # already in the cache
    rejected: list[str] = field(default_factory=list)  # one reason per entry


def export_entries(cache: Cache, target: Path, keys: list[str] | None = None) -> int:
    """Write the entries of ``keys`` (all when None) to a new file ``target``; the number written.
    An existing file is never overwritten; the file is made 0600 (it holds article texts)."""
    if cache.health is Health.OFF:  # said already by the cache
        raise TransferError(f"nothing exported to {target}: the cache cannot be read")
    entries = cache.stored(keys)
    header = msgspec.msgpack.encode(FileHeader(FORMAT, SCHEMA_VERSION, pipeline_version()))
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise TransferError(f"{target} exists already; choose a new file name") from None
    except OSError as exc:
        raise TransferError(f"cannot create {target} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC)
            _write_frame(out, header)
            for stored in entries:
                entry = Entry(stored.key, stored.content_hash, stored.stopwords, msgspec.Raw(stored.data))
                _write_frame(out, msgspec.msgpack.encode(entry))
    except OSError as exc:
        raise TransferError(f"cannot write {target} ({exc.strerror or exc})") from None
    return len(entries)


def import_entries(cache: Cache, source: Path) -> ImportReport:
    """Add the valid entries of ``source``; each rejected one gets a reason in the report.
    Raises ``TransferError`` when the file is not an export of this schema and pipeline."""
    if cache.health is not Health.READY:  # said already by the cache; one line, not one per entry
        raise TransferError(f"nothing imported from {source}: the cache cannot be written")
    report = ImportReport()
    known = cache.keys()
    try:
        with open(source, "rb") as handle:
            if handle.read(len(MAGIC)) != MAGIC:
                raise TransferError(f"{source} is not a reports-tui cache export")
            _check_header(source, next(_frames(handle, lambda reason: None), None))
            for number, frame in enumerate(_frames(handle, report.rejected.append), start=1):
                problem = _add(cache, frame, known, report)
                if problem is not None:
                    report.rejected.append(f"entry {number}: {problem}")
    except OSError as exc:
        raise TransferError(f"cannot read {source} ({exc.strerror or exc})") from None
    return report


def _check_header(source: Path, frame: bytes | None) -> None:
    try:
        header = msgspec.msgpack.decode(frame or b"", type=FileHeader)
    except msgspec.MsgspecError:
        raise TransferError(f"{source} has no readable header") from None
    if header.format != FORMAT or header.schema != SCHEMA_VERSION:
        raise TransferError(
            f"{source} holds schema {header.schema} of {header.format!r}; this version reads schema {SCHEMA_VERSION}"
        )
    if header.pipeline != pipeline_version():
        raise TransferError(
            f"{source} was made by pipeline {header.pipeline}, this is {pipeline_version()}: "
            "its analyses would never be used"
        )


def _add(cache: Cache, frame: bytes, known: set[str], report: ImportReport) -> str | None:
    """Check one entry and add it; the reason it was rejected, or None."""
    try:
        entry = msgspec.msgpack.decode(frame, type=Entry)
    except msgspec.MsgspecError as exc:
        return f"not an entry ({exc})"
    if not _HASH.fullmatch(entry.content_hash) or not _STOPWORDS.fullmatch(entry.stopwords):
        return "malformed content hash or stopword list"
    if entry.key != entry_key(entry.content_hash, pipeline_version(), entry.stopwords):
        return f"key {entry.key[:16]!r} does not match its content hash"
    try:
        analysis = decode(bytes(entry.analysis))
    except DecodeError as exc:
        return f"analysis does not decode ({exc})"
    problem = inconsistency(analysis)
    if problem is not None:
        return problem
    if entry.key in known:
        report.known += 1
        return None
    if not cache.put_encoded(
        entry.key, entry.content_hash, entry.stopwords, analysis, encode(analysis.without_words())
    ):
        return "could not be written to the cache"
    known.add(entry.key)
    report.added += 1
    return None


def _write_frame(out: BinaryIO, data: bytes) -> None:
    out.write(_LENGTH.pack(len(data)))
    out.write(data)


def _frames(handle: BinaryIO, reject: Callable[[str], None]) -> Iterator[bytes]:
    """The frames of the file; an oversized or cut frame ends the file with a reason."""
    number = 0
    while prefix := handle.read(_LENGTH.size):
        number += 1
        if len(prefix) < _LENGTH.size:
            reject(f"entry {number}: the file ends inside a length")
            return
        (length,) = _LENGTH.unpack(prefix)
        if length > MAX_ENTRY_BYTES + 4096:
            reject(f"entry {number}: {length} bytes is over the limit; the rest of the file is not read")
            return
        data = handle.read(length)
        if len(data) < length:
            reject(f"entry {number}: the file ends inside it")
            return
        yield data

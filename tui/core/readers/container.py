"""Safe opening of zip containers (docx, odt) and of the XML inside them.

A zip bomb is refused before anything is inflated: the sizes the archive declares are
checked, and ``zipfile`` never inflates a member beyond its declared size; XML is parsed without entity
expansion, DTDs or network access.
"""

from __future__ import annotations

import io
import zipfile

from tui.core.textfile import LoadError

MAX_UNCOMPRESSED = 200_000_000  # bytes inflated from one document, all parts together
MAX_PART = 50_000_000  # bytes of one XML part


def open_zip(path: str, data: bytes, kind: str) -> zipfile.ZipFile:
    """The archive, after checking that it is one and that it inflates to a sane size."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise LoadError(path, f"not a valid {kind} file (broken zip container: {exc})") from None
    if total > MAX_UNCOMPRESSED:
        raise LoadError(path, f"{kind} file inflates to {total:,} bytes (the limit is {MAX_UNCOMPRESSED:,})")
    return archive


def read_part(path: str, archive: zipfile.ZipFile, name: str, kind: str) -> bytes | None:
    """One part's bytes (None when absent), read no further than MAX_PART."""
    try:
        with archive.open(name) as handle:
            out = handle.read(MAX_PART + 1)
    except KeyError:
        return None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise LoadError(path, f"broken {kind} file: cannot read {name} ({exc})") from None
    if len(out) > MAX_PART:
        raise LoadError(path, f"{kind} part {name} is larger than {MAX_PART:,} bytes")
    return out


def parse_xml(path: str, data: bytes, kind: str) -> object:
    """An ElementTree element, parsed with defusedxml: no entities, DTDs or external references."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise LoadError(path, f"{kind} file refused: its XML declares {exc.__class__.__name__}") from None
    except SafeET.ParseError as exc:
        raise LoadError(path, f"broken {kind} file: invalid XML ({exc})") from None

"""The processes of a process group, read from /proc (for the benchmarks that time whole commands)."""

from __future__ import annotations

import os
from collections.abc import Iterator


def group_processes(group: int) -> Iterator[int]:
    """The ids of the live processes in process group ``group``; one that ends meanwhile is skipped."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.getpgid(int(entry)) == group:
                yield int(entry)
        except (OSError, ProcessLookupError):
            continue

"""``reports-tui cache export`` and ``cache import``: the command-line side of sharing analyses."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.config import Config
from tui.exit_codes import EXIT_FAILED, EXIT_OK

if TYPE_CHECKING:
    from tui.core.cache import Cache


def transfer(options: argparse.Namespace, config: Config, warn: Callable[[str], None]) -> int:
    from tui.core.cache import open_cache
    from tui.core.cache.transfer import TransferError

    cache = open_cache(warn=warn)
    try:
        if options.action == "export":
            return _export(cache, Path(options.file), options.paths, config, warn)
        return _import(cache, Path(options.file), warn)
    except TransferError as exc:
        warn(str(exc))
        return EXIT_FAILED
    finally:
        cache.close()


def _export(cache: Cache, target: Path, paths: list[str], config: Config, warn: Callable[[str], None]) -> int:
    from tui.core.cache.transfer import export_entries
    from tui.core.loader import LoadError, find_articles

    keys: list[str] | None = None
    failed = False
    if paths:
        keys = []
        for item in find_articles(paths):
            if isinstance(item, LoadError):
                warn(str(item))
                failed = True
                continue
            key = cache.file_key(item, config.options)
            if key is None:
                warn(f"{item}: cannot be read")
                failed = True
            else:
                keys.append(key)
    written = export_entries(cache, target, keys)
    missing = f" ({len(keys) - written} of the articles named are not in the cache)" if keys is not None else ""
    print(f"exported {written} analyses to {target}{missing}")
    return EXIT_FAILED if failed else EXIT_OK


def _import(cache: Cache, source: Path, warn: Callable[[str], None]) -> int:
    from tui.core.cache.transfer import import_entries

    report = import_entries(cache, source)
    for reason in report.rejected:
        warn(f"{source}: rejected {reason}")
    print(f"imported {report.added} analyses, {report.known} already cached, {len(report.rejected)} rejected")
    return EXIT_FAILED if report.rejected else EXIT_OK

"""What each analysis process of the interface runs first, and the helper process they need.

No Textual here: this runs in the worker processes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable
from typing import Any, Protocol

from tui.core.lifetime import die_with

log = logging.getLogger(__name__)


class PageChannel(Protocol):
    """Where workers report OCR pages: a ``multiprocessing`` or ``queue`` queue of
    ``(path, page, pages)`` tuples."""

    def put_nowait(self, item: Any, /) -> None: ...


# Per thread: process workers run their jobs on the thread that ran the initializer, and
# thread workers (one process) each have their own, so nothing leaks between analysers.
_channel = threading.local()


def listen_for_pages(pages: PageChannel | None) -> None:
    """Report this worker's OCR pages to ``pages`` (None: report nothing)."""
    _channel.pages = pages


def page_progress(path: str) -> Callable[[int, int], None] | None:
    """The ``progress`` callback for reading ``path`` in this worker, if anyone listens."""
    pages: PageChannel | None = getattr(_channel, "pages", None)
    if pages is None:
        return None

    def report(page: int, total: int) -> None:
        try:
            pages.put_nowait((path, page, total))
        except Exception:  # a progress note is never worth failing the read for
            log.debug("page progress not sent", exc_info=True)

    return report


def init_worker(background: bool, program: int, pages: PageChannel | None = None) -> None:
    """Quiet, single-threaded, lower-priority workers that end with the interface (``program``).

    The terminal belongs to the interface: anything a library prints in a
    worker would land on the screen, so the worker's stdout and stderr go to
    /dev/null. Numerical libraries get one thread each (they oversubscribe
    two cores otherwise).
    """
    try:
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
    except OSError:
        pass
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    die_with(program, parent_signal=False)  # the interface starts workers from several threads
    listen_for_pages(pages)
    if background:
        with contextlib.suppress(OSError):  # not allowed: same priority, still correct
            os.nice(5)  # the interface and the opened article come first


def warm_up(entities: bool, models: bool = True) -> None:
    """Import the pipeline and (``models``) load its models in a fresh worker."""
    try:
        if not models:
            import tui.core.service  # noqa: F401 - enough to answer from the cache

            return
        from tui.core.pipeline import load_models

        load_models(entities)
    except Exception:  # only a head start; real jobs report their own errors
        log.debug("warm-up failed", exc_info=True)


def start_resource_tracker() -> None:
    """Start multiprocessing's helper process with the real stderr.

    Textual replaces ``sys.stderr`` with an object whose ``fileno()`` is -1,
    which makes the helper's launch fail ("bad value(s) in fds_to_keep").
    Call this on the main thread; later process starts reuse the helper.
    """
    import sys
    from multiprocessing import resource_tracker

    replaced, sys.stderr = sys.stderr, sys.__stderr__
    try:
        resource_tracker.ensure_running()
    except Exception:  # the pool reports its own failure if this mattered
        log.debug("resource tracker not started", exc_info=True)
    finally:
        sys.stderr = replaced

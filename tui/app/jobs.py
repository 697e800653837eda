"""What a worker runs: the jobs, their outcomes, and the worker processes' set-up.

No Textual here, and no pipeline import at module level: this module is
imported by the interface and by every worker, and the NLP stack loads in the
workers only, on their first job.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the pipeline is imported in the worker processes only
    from tui.core.model import Analysis
    from tui.core.pipeline import Options

#: ``analyse(path, algorithms, entities) -> Analysis``; raises ``LoadError`` for unreadable files.
AnalyseFn = Callable[[str, tuple[str, ...], bool], "Analysis"]

log = logging.getLogger(__name__)


class JobKind(Enum):
    """What a job asks of the pipeline."""

    SUMMARY = "summary"  # sentences and the summary by the current algorithm, no entities
    FULL = "full"  # everything, entities included
    ALGORITHM = "algorithm"  # the opened article re-summarised with another algorithm


def analyse_article(
    path: str, algorithms: tuple[str, ...], entities: bool, *, options: Options, use_cache: bool = True
) -> Analysis:
    """The default ``AnalyseFn``: the pipeline through the worker's own cache connection.

    Imported in the worker, so the interface process never loads the NLP stack.
    """
    from tui.core.service import analyse_path_cached

    return analyse_path_cached(path, options, algorithms, entities, use_cache=use_cache)


def make_analyse_fn(options: Options, use_cache: bool = True) -> AnalyseFn:
    return partial(analyse_article, options=options, use_cache=use_cache)


@dataclass(frozen=True)
class Job:
    path: str
    kind: JobKind
    algorithms: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """What a job produced: an analysis, or the reason there is none."""

    job: Job
    analysis: Analysis | None = None
    error: str | None = None  # the file could not be analysed at all
    entity_error: str | None = None  # the summary is there, entities failed

    @property
    def path(self) -> str:
        return self.job.path


def run_job(analyse: AnalyseFn, job: Job) -> Outcome:
    """Run one job in a worker; never raises (exceptions may not survive pickling)."""
    entities = job.kind is JobKind.FULL
    try:
        analysis = analyse(job.path, job.algorithms, entities).without_words()  # the interface shows, never re-scores
        return Outcome(job, analysis)
    except Exception as exc:  # noqa: BLE001 - reported to the user, the app goes on
        reason = getattr(exc, "reason", None)
        if reason is not None:  # LoadError: the file is the problem
            return Outcome(job, error=str(reason))
        if not entities:
            return Outcome(job, error=f"analysis failed ({type(exc).__name__}: {exc})")
        entity_error = f"{type(exc).__name__}: {exc}"
    try:  # entities failed: keep the summary
        analysis = analyse(job.path, job.algorithms, False).without_words()
        return Outcome(job, analysis, entity_error=entity_error)
    except Exception as exc:  # noqa: BLE001
        reason = getattr(exc, "reason", None) or f"analysis failed ({type(exc).__name__}: {exc})"
        return Outcome(job, error=str(reason))


def init_worker(background: bool) -> None:
    """Quiet, single-threaded, lower-priority workers.

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
    if background:
        with contextlib.suppress(OSError):  # not allowed: the worker runs at the usual priority
            os.nice(5)  # the interface and the opened article come first


_WARM_UP_TEXT = (
    "Hội nghị tổng kết năm\n\n"
    "Sáng 5/1, tại Hà Nội, Ủy ban nhân dân thành phố tổ chức hội nghị tổng kết công tác năm. "
    "Ông Nguyễn Văn An, Chủ tịch Ủy ban, phát biểu chỉ đạo hội nghị. "
    "Năm qua, thành phố đạt tốc độ tăng trưởng 7,5%.\n"
)


def warm_up(entities: bool, models: bool = True) -> None:
    """Import the pipeline and (``models``) load its models in a fresh worker."""
    try:
        if not models:
            import tui.core.service  # noqa: F401 - enough to answer from the cache

            return
        from tui.core.pipeline import analyse, document_from_text

        analyse(document_from_text(_WARM_UP_TEXT), entities=entities)
    except Exception:  # only a head start: real jobs report their own errors
        log.debug("warm-up failed", exc_info=True)

"""What a worker runs: the jobs and their outcomes (the processes' set-up is in ``worker_setup``).

No Textual here, and no pipeline import at module level: this module is
imported by the interface and by every worker, and the NLP stack loads in the
workers only, on their first job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING

from tui.core.lifetime import JOB_SECONDS, time_limit

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
    from tui.app.worker_setup import page_progress
    from tui.core.service import analyse_path_cached

    progress = page_progress(path)
    return analyse_path_cached(path, options, algorithms, entities, use_cache=use_cache, progress=progress)


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


def run_job(analyse: AnalyseFn, job: Job, seconds: float = JOB_SECONDS) -> Outcome:
    """Run one job in a worker; never raises (exceptions may not survive pickling)."""
    entities = job.kind is JobKind.FULL
    try:
        with time_limit(seconds):  # a reason like a LoadError's: reported as the file's failure
            analysis = analyse(job.path, job.algorithms, entities).without_words()  # shown, never re-scored
        return Outcome(job, analysis)
    except Exception as exc:  # noqa: BLE001 - reported to the user, the app goes on
        reason = getattr(exc, "reason", None)
        if reason is not None:  # LoadError or over the time limit: the file is the problem
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

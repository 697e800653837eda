"""Scheduling of the two analysis lanes: what the opened article asks for, and that nothing is lost."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from tui.app.analyser import TOGETHER_UP_TO_BYTES, Analyser
from tui.app.jobs import AnalyseFn, Job, JobKind, Outcome

FULL, SUMMARY = JobKind.FULL, JobKind.SUMMARY


@dataclass
class FakeAnalysis:
    path: str
    entities: bool

    def without_words(self) -> FakeAnalysis:
        return self


def fake_analyse(path: str, algorithms: tuple[str, ...], entities: bool) -> FakeAnalysis:
    return FakeAnalysis(path, entities)


# The scheduling never looks inside an analysis: a stand-in that is not one will do.
FAKE = cast(AnalyseFn, fake_analyse)


def queued(analyser: Analyser) -> tuple[list[tuple[str, JobKind]], list[tuple[str, JobKind]]]:
    """(front, back) queues as (path, kind) pairs; the lanes hand out nothing before ``start``."""
    return ([(j.path, j.kind) for j in analyser.front.queue], [(j.path, j.kind) for j in analyser.back.queue])


def test_entities_on_screen_are_found_by_the_front_worker_after_the_summary() -> None:
    """(The articles here do not exist, so their size is unknown: two jobs.)"""
    analyser = Analyser(FAKE, context="thread")
    analyser.enqueue(["a", "b", "c"], "ranker")
    analyser.open("b", "ranker", entities_shown=True)
    front, back = queued(analyser)
    assert front == [("b", SUMMARY), ("b", FULL)]
    assert back == [("a", FULL), ("c", FULL)]  # not done twice


def test_a_short_article_on_screen_gets_summary_and_entities_in_one_job(tmp_path: Path) -> None:
    short, long = tmp_path / "short.txt", tmp_path / "long.txt"
    short.write_text("Một câu ngắn.", encoding="utf-8")
    long.write_bytes(b"x" * (TOGETHER_UP_TO_BYTES + 1))
    analyser = Analyser(FAKE, context="thread")
    analyser.enqueue([str(short), str(long)], "ranker")
    analyser.open(str(short), "ranker", entities_shown=True)
    assert queued(analyser) == ([(str(short), FULL)], [(str(long), FULL)])
    analyser.open(str(long), "ranker", entities_shown=True)
    assert queued(analyser) == ([(str(long), SUMMARY), (str(long), FULL)], [(str(short), FULL)])
    analyser.open(str(short), "ranker", entities_shown=False)  # nobody looks at the entities
    assert queued(analyser) == ([(str(short), SUMMARY)], [(str(short), FULL), (str(long), FULL)])


def test_hidden_entities_go_to_the_head_of_the_back_queue() -> None:
    analyser = Analyser(FAKE, context="thread")
    analyser.enqueue(["a", "b", "c"], "ranker")
    analyser.open("c", "ranker", entities_shown=False)
    front, back = queued(analyser)
    assert front == [("c", SUMMARY)]
    assert back == [("c", FULL), ("a", FULL), ("b", FULL)]


def test_leaving_an_article_hands_its_entities_back_to_the_background() -> None:
    analyser = Analyser(FAKE, context="thread")
    analyser.enqueue(["a", "b", "c"], "ranker")
    analyser.open("b", "ranker", entities_shown=True)
    analyser.open("c", "ranker", entities_shown=True)
    front, back = queued(analyser)
    assert front == [("c", SUMMARY), ("c", FULL)]
    assert back == [("b", FULL), ("a", FULL)]


def test_an_article_known_in_full_leaves_the_back_queue() -> None:
    analyser = Analyser(FAKE, context="thread")
    analyser.enqueue(["a", "b"], "ranker")
    analyser.open("a", "ranker", full=False, entities_shown=True)
    assert queued(analyser) == ([("a", SUMMARY)], [("b", FULL)])


def test_an_article_dropped_from_a_long_list_comes_back_with_a_later_list() -> None:
    analyser = Analyser(FAKE, context="thread")
    analyser.enqueue(["a", "b", "c"], "ranker")
    analyser.open("b", "ranker", full=False)
    assert queued(analyser)[1] == [("a", FULL), ("c", FULL)]
    analyser.enqueue(["b", "d"], "textrank")  # queued again after it left: kept this time
    analyser.open("c", "ranker", full=False)  # and the article left from both lists
    assert queued(analyser)[1] == [("a", FULL), ("b", FULL), ("d", FULL)]
    assert [j.algorithms for j in analyser.back.queue] == [("ranker",), ("textrank",), ("textrank",)]
    queue = analyser.back.queue
    assert [queue.popleft().path for _ in range(3)] == ["a", "b", "d"] and not queue


def test_entities_asked_twice_are_queued_once() -> None:
    analyser = Analyser(FAKE, context="thread")
    analyser.entities_first("a", "ranker", entities_shown=True)
    analyser.entities_first("a", "ranker", entities_shown=True)
    assert queued(analyser) == ([("a", FULL)], [])


def test_every_article_is_analysed_in_full_however_fast_the_reader_moves() -> None:
    outcomes: list[Outcome] = []
    finished = threading.Event()
    paths = [f"article-{n}" for n in range(30)]

    def deliver(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if {o.path for o in outcomes if o.job.kind == FULL} >= set(paths):
            finished.set()

    analyser = Analyser(FAKE, deliver, context="thread", background_workers=1)
    analyser.enqueue(paths, "ranker")
    for number, path in enumerate(paths[::3]):
        analyser.open(path, "ranker", entities_shown=number % 2 == 0)
    analyser.start()
    try:
        assert finished.wait(10), sorted(set(paths) - {o.path for o in outcomes if o.job.kind == FULL})
    finally:
        analyser.shutdown()
    assert all(o.error is None for o in outcomes)
    full = [o for o in outcomes if o.job.kind == FULL]
    assert all(o.analysis.entities for o in full)  # type: ignore[union-attr]
    summaries = [o.job for o in outcomes if o.job.kind == SUMMARY]
    assert summaries == [Job(paths[-3], SUMMARY, ("ranker",))]  # only the article the reader stayed on


def crash_on_request(path: str, algorithms: tuple[str, ...], entities: bool) -> FakeAnalysis:
    """Ends its worker process outright for the article named "crash" (as a segfault in a library would)."""
    if path == "crash":
        os._exit(3)
    return FakeAnalysis(path, entities)


def test_a_worker_process_that_dies_is_reported_and_replaced() -> None:
    """The one test with real processes: a dead worker fails its article, the next one still runs."""
    outcomes: list[Outcome] = []
    arrived = threading.Condition()

    def deliver(outcome: Outcome) -> None:
        with arrived:
            outcomes.append(outcome)
            arrived.notify_all()

    analyser = Analyser(cast(AnalyseFn, crash_on_request), deliver, context="spawn", background_workers=1)
    try:
        analyser.start()
        analyser.open("crash", "ranker", full=False)
        with arrived:
            assert arrived.wait_for(lambda: len(outcomes) == 1, 60)
        assert outcomes[0].path == "crash" and outcomes[0].analysis is None
        assert outcomes[0].error is not None and "stopped unexpectedly" in outcomes[0].error
        analyser.open("next", "ranker", full=False)
        with arrived:
            assert arrived.wait_for(lambda: len(outcomes) == 2, 60)
        assert outcomes[1].path == "next" and outcomes[1].error is None and outcomes[1].analysis is not None
    finally:
        analyser.shutdown()

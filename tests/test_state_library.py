"""The interface's per-article state (``tui.app.library``) and the one merge of analyses, without Textual.

The analyses here are built by hand from a few sentences written for these tests.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from tui.app.articles import Entry, Status, fold_many
from tui.app.jobs import Job, JobKind, Outcome
from tui.app.library import Entities, Library
from tui.core.cache import Header
from tui.core.fold import fold_loose
from tui.core.merge import adds_to, merge
from tui.core.model import Analysis, Document, Entity, EntityGroup, Sentence, SentenceScore, Summary

TEXT = "Hà Nội mở thêm tuyến xe buýt điện. Người dân đi lại thuận tiện hơn."


def analysis(path: str, algorithms: tuple[str, ...] = ("ranker",), entities: bool = False, title: str = "") -> Analysis:
    sentences = (Sentence(0, 0, 34, TEXT[:34], 0), Sentence(1, 35, len(TEXT), TEXT[35:], 0))
    summaries = {name: Summary(name, (SentenceScore(0, 1.0, 1), SentenceScore(1, 0.5, 2)), (0,)) for name in algorithms}
    found = None
    groups = None
    if entities:
        mention = Entity("LOC", 0, 6, "Hà Nội")
        found, groups = (mention,), (EntityGroup("LOC", "Hà Nội", (mention,)),)
    document = Document(path, TEXT, "utf-8", title=title or None)
    return Analysis(document, sentences, summaries, found, groups)


def library(count: int = 3, keep: int = 300) -> Library:
    return Library([Entry(f"/a/{n}.txt", f"{n}.txt") for n in range(count)], keep=keep)


# -- merge ------------------------------------------------------------------------------------------


def test_merge_keeps_every_summary_and_the_entities_of_whichever_has_them() -> None:
    old = analysis("/a/0.txt", ("ranker",), entities=True)
    new = analysis("/a/0.txt", ("lexrank",))
    merged = merge(old, new)
    assert set(merged.summaries) == {"ranker", "lexrank"}
    assert merged.entities == old.entities and merged.groups is old.groups
    again = merge(new, old)  # the other way round: the same union
    assert set(again.summaries) == {"ranker", "lexrank"} and again.groups is old.groups


def test_merge_prefers_the_newer_entities_and_returns_new_when_old_adds_nothing() -> None:
    old = analysis("/a/0.txt", ("ranker",), entities=True)
    new = replace(analysis("/a/0.txt", ("ranker",), entities=True), groups=())
    assert merge(old, new) is new
    assert merge(None, new) is new
    assert merge(old, new).groups == ()


def test_adds_to_sees_a_new_algorithm_and_new_entities_only() -> None:
    held = analysis("/a/0.txt", ("ranker",))
    assert adds_to(None, held)
    assert not adds_to(held, analysis("/a/0.txt", ("ranker",)))
    assert adds_to(held, analysis("/a/0.txt", ("lexrank",)))
    assert adds_to(held, analysis("/a/0.txt", ("ranker",), entities=True))
    full = analysis("/a/0.txt", ("ranker",), entities=True)
    assert not adds_to(full, analysis("/a/0.txt", ("ranker",)))


# -- statuses and entities --------------------------------------------------------------------------


def test_a_summary_alone_leaves_the_article_pending_and_its_entities_to_find() -> None:
    books = library()
    change = books.add("/a/0.txt", analysis("/a/0.txt", title="Xe buýt điện"))
    assert change.row and change.analysis and not change.failed
    assert books.by_path["/a/0.txt"].state is Status.PENDING
    assert books.by_path["/a/0.txt"].title == "Xe buýt điện"
    assert books.entities("/a/0.txt") is Entities.PENDING and books.needs_entities("/a/0.txt")
    assert books.pending() == ["/a/0.txt", "/a/1.txt", "/a/2.txt"]


def test_entities_found_complete_the_article_and_keep_its_summaries() -> None:
    books = library()
    books.add("/a/0.txt", analysis("/a/0.txt", ("lexrank",)))
    books.add("/a/0.txt", analysis("/a/0.txt", ("ranker",), entities=True))
    assert books.by_path["/a/0.txt"].state is Status.DONE
    assert books.entities("/a/0.txt") is Entities.FOUND and not books.needs_entities("/a/0.txt")
    held = books.analysis("/a/0.txt")
    assert held is not None and set(held.summaries) == {"lexrank", "ranker"}
    assert books.counts() == (1, 0) and books.pending() == ["/a/1.txt", "/a/2.txt"]


def test_an_existing_entry_is_extended_with_a_new_algorithm() -> None:
    books = library()
    books.add("/a/0.txt", analysis("/a/0.txt", ("ranker",), entities=True))
    change = books.add("/a/0.txt", analysis("/a/0.txt", ("textrank",)))
    assert change.analysis
    held = books.analysis("/a/0.txt")
    assert held is not None and set(held.summaries) == {"ranker", "textrank"}
    assert held.groups and books.entities("/a/0.txt") is Entities.FOUND  # the summary alone lost nothing


def test_a_result_that_adds_nothing_changes_nothing_and_keeps_the_held_object() -> None:
    books = library()
    books.add("/a/0.txt", analysis("/a/0.txt", entities=True))
    held = books.analysis("/a/0.txt")
    assert not books.add("/a/0.txt", analysis("/a/0.txt", entities=True))
    assert not books.add("/a/0.txt", analysis("/a/0.txt"), entity_error="MemoryError: later")
    assert books.analysis("/a/0.txt") is held and books.entities("/a/0.txt") is Entities.FOUND


def test_failed_entities_complete_the_article_and_a_later_success_replaces_them() -> None:
    books = library()
    books.add("/a/0.txt", analysis("/a/0.txt"))
    change = books.add("/a/0.txt", analysis("/a/0.txt"), entity_error="MemoryError: out of memory")
    assert change.analysis
    held = books.held("/a/0.txt")
    assert held is not None and held.entities is Entities.FAILED and "MemoryError" in held.entity_error
    assert books.by_path["/a/0.txt"].state is Status.DONE and not books.needs_entities("/a/0.txt")
    books.add("/a/0.txt", analysis("/a/0.txt", entities=True))
    held = books.held("/a/0.txt")
    assert held is not None and held.entities is Entities.FOUND and held.entity_error == ""


def test_outcomes_record_failures_once() -> None:
    books = library()
    job = Job("/a/1.txt", JobKind.SUMMARY, ("ranker",))
    first = books.record(Outcome(job, error="binary file"))
    assert first.failed and first.row
    assert books.by_path["/a/1.txt"].state is Status.FAILED and books.by_path["/a/1.txt"].reason == "binary file"
    assert not books.record(Outcome(job, error="binary file"))  # announced once
    assert books.counts() == (0, 1) and books.readable() == ["/a/0.txt", "/a/2.txt"]
    assert not books.needs_entities("/a/1.txt")
    assert books.record(Outcome(Job("/a/2.txt", JobKind.FULL, ("ranker",)), analysis("/a/2.txt", entities=True)))
    assert books.by_path["/a/2.txt"].state is Status.DONE


def test_results_for_unknown_paths_are_ignored() -> None:
    books = library()
    assert not books.add("/elsewhere.txt", analysis("/elsewhere.txt"))
    assert "/elsewhere.txt" not in books


def test_cache_headers_mark_complete_entries_done() -> None:
    books = library()
    books.fail("/a/2.txt", "empty file")
    changed = books.adopt_headers(
        [
            ("/a/0.txt", Header("Tin một", "05/03/24", frozenset({"ranker"}), True)),
            ("/a/1.txt", Header(None, "", frozenset({"lexrank"}), True)),  # another algorithm: not complete
            ("/a/2.txt", Header("Tin ba", "", frozenset({"ranker"}), True)),  # failed here: stays failed
        ],
        "ranker",
    )
    assert [e.path for e in changed] == ["/a/0.txt", "/a/1.txt"]
    assert [e.state for e in books.entries] == [Status.DONE, Status.PENDING, Status.FAILED]
    assert books.by_path["/a/0.txt"].title == "Tin một" and books.by_path["/a/0.txt"].date == "05/03/24"


def test_cache_titles_arrive_folded_for_the_filter_when_the_scan_folded_them() -> None:
    books = library()
    found = [
        ("/a/0.txt", Header("Tin Đà Nẵng", "", frozenset(), False)),
        ("/a/1.txt", Header(None, "", frozenset(), False)),
    ]
    books.adopt_headers(found, "ranker", fold_many(["Tin Đà Nẵng", ""]))
    assert books.by_path["/a/0.txt"]._loose_title == "tin da nang"  # no folding left for a keystroke
    assert books.by_path["/a/1.txt"].title == "1.txt"  # no title in the cache: the name stays
    books.adopt_headers([("/a/2.txt", Header("Tin Huế", "", frozenset(), False))], "ranker")
    assert books.by_path["/a/2.txt"]._loose_title is None and books.by_path["/a/2.txt"].loose_title == "tin hue"
    titles = ["Ủy ban", "a\0b", "Hà  Nội", "Đà Lạt", "Huế"]  # one holding the separator: folded one by one
    assert fold_many(titles) == [fold_loose(t) for t in titles]


def test_titles_are_folded_a_few_at_a_time_with_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.app import articles

    monkeypatch.setattr(articles, "_FOLD_TOGETHER", 2)
    titles = ["Ủy ban", "a\0b", "Hà  Nội", "Đà Lạt", "Huế"]
    assert fold_many(titles) == [fold_loose(t) for t in titles]
    assert fold_many([]) == []


# -- the in-memory store ----------------------------------------------------------------------------


def test_the_open_article_is_never_evicted() -> None:
    books = library(count=5, keep=2)
    books.add("/a/0.txt", analysis("/a/0.txt"))
    books.open("/a/0.txt")
    for n in range(1, 5):
        books.add(f"/a/{n}.txt", analysis(f"/a/{n}.txt"))
    assert "/a/0.txt" in books and len(books) == 2
    assert "/a/4.txt" in books  # the newest stays beside it


def test_the_least_recently_used_analysis_goes_first() -> None:
    books = library(count=4, keep=2)
    books.add("/a/0.txt", analysis("/a/0.txt"))
    books.add("/a/1.txt", analysis("/a/1.txt"))
    books.open("/a/0.txt")  # opening it makes it the most recent
    books.open("/a/3.txt")
    books.add("/a/2.txt", analysis("/a/2.txt"))
    assert "/a/0.txt" in books and "/a/1.txt" not in books and "/a/2.txt" in books


def test_an_evicted_article_needs_its_entities_again_but_stays_done() -> None:
    books = library(count=3, keep=1)
    books.add("/a/0.txt", analysis("/a/0.txt", entities=True))
    books.open("/a/1.txt")
    books.add("/a/1.txt", analysis("/a/1.txt"))
    assert "/a/0.txt" not in books
    assert books.by_path["/a/0.txt"].state is Status.DONE  # in the cache: not queued again
    assert books.needs_entities("/a/0.txt")  # but nothing held in memory to show


@pytest.mark.parametrize("module", ["tui.app.library", "tui.app.jobs", "tui.app.analyser", "tui.app.articles"])
def test_state_modules_import_no_textual(module: str) -> None:
    code = f"import sys, {module}; assert 'textual' not in sys.modules and 'rich' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_complete_means_entities_and_the_summary_in_use() -> None:
    from tui.core.merge import complete

    assert complete({"ranker", "lsa"}, True, "ranker")
    assert not complete({"ranker"}, False, "ranker")  # a summary alone: the entities are still to find
    assert not complete({"lsa"}, True, "ranker")  # another algorithm's summary


def test_counts_follow_every_move_as_a_recount_would() -> None:
    entries = [Entry(f"/a/{n}.txt", f"{n}.txt") for n in range(6)]
    entries[5] = Entry("/a/5.txt", "5.txt", state=Status.FAILED, reason="no such file")
    books = Library(entries)

    def recount() -> tuple[int, int]:
        return (
            sum(e.state is Status.DONE for e in books.entries),
            sum(e.state is Status.FAILED for e in books.entries),
        )

    assert books.counts() == recount() == (0, 1)
    books.add("/a/0.txt", analysis("/a/0.txt", entities=True))
    books.add("/a/0.txt", analysis("/a/0.txt", ("lexrank",), entities=True))  # done already: counted once
    books.add("/a/1.txt", analysis("/a/1.txt"))  # a summary alone: still pending
    assert books.counts() == recount() == (1, 1)
    header = Header("Tiêu đề", "01/02/2024", frozenset({"ranker"}), True)
    books.adopt_headers([("/a/2.txt", header), ("/a/0.txt", header), ("/a/5.txt", header)], "ranker")
    assert books.counts() == recount() == (2, 1)
    books.fail("/a/0.txt", "analysis failed")  # a done article that fails later
    books.fail("/a/5.txt", "again")
    books.record(Outcome(Job("/a/3.txt", JobKind.FULL, ("ranker",)), error="binary file"))
    assert books.counts() == recount() == (1, 3)

"""The corpus as the interface keeps it, without an app: slim copies, the table made once, gathering."""

from __future__ import annotations

import datetime as dt
import threading

from corpus_fixtures import article

from tui.app.corpus_state import Corpus, gather, roles_line, slim
from tui.app.list_view_state import EntityFilter

A = article(
    "/r/a.txt",
    "Ông Trần Văn Bình, Giám đốc Sở Y tế, thăm Bệnh viện tỉnh. Ông Bình tặng 20 suất quà.",
    [("PER", ("Trần Văn Bình", "Ông Bình"), "Giám đốc Sở Y tế"), ("ORG", ("Sở Y tế",), None)],
    date=dt.date(2024, 5, 2),
)
B = article(
    "/r/b.txt",
    "Chủ tịch Trần Văn Bình làm việc với Sở Y tế về 3 dự án.",
    [("PER", ("Trần Văn Bình",), "Chủ tịch"), ("ORG", ("Sở Y tế",), None), ("DATE", ("3 dự án",), None)],
    date=dt.date(2024, 1, 9),
)


def test_the_table_holds_every_added_article_and_is_made_once() -> None:
    corpus = Corpus(["/r/a.txt", "/r/b.txt"])
    assert corpus.add("/r/b.txt", B) and corpus.add("/r/a.txt", A)
    assert not corpus.add("/r/a.txt", A)  # nothing new
    assert not corpus.add("/r/other.txt", A)  # not listed
    rows = corpus.rows()
    assert corpus.rows() is rows and corpus.ready() is rows
    binh = next(e for e in rows.entities if e.type == "PER")
    assert (binh.articles, binh.mentions, binh.paths) == (2, 3, ("/r/a.txt", "/r/b.txt"))  # list order
    assert {e.type for e in rows.entities} == {"PER", "ORG"}  # dates are not corpus rows
    assert roles_line(binh) == "Chủ tịch (09/01/2024); Giám đốc Sở Y tế (02/05/2024)"  # by date
    assert [e.name for e in rows.matching("tran van")] == ["Trần Văn Bình"]
    assert [e.name for e in rows.matching("", "ORG")] == ["Sở Y tế"]
    version = corpus.version
    corpus.add("/r/b.txt", A)  # another analysis of b
    assert corpus.version == version + 1 and corpus.ready() is None


def test_an_analysis_without_entities_adds_nothing_and_slim_copies_drop_the_text() -> None:
    corpus = Corpus(["/r/a.txt"])
    assert not corpus.add("/r/a.txt", A.__class__(A.document, A.sentences, A.summaries, None, None))
    assert len(corpus) == 0 and corpus.missing(["/r/a.txt"]) == ["/r/a.txt"]
    kept = slim(A)
    assert kept.document.text == "" and kept.sentences == () and kept.document.date == A.document.date
    assert A.groups is not None and kept.groups is not None
    assert [(g.type, g.name, g.role, g.count) for g in kept.groups] == [
        (g.type, g.name, g.role, g.count) for g in A.groups
    ]


def test_additions_from_two_threads_are_all_kept() -> None:
    paths = [f"/r/{n}.txt" for n in range(200)]
    corpus = Corpus(paths)

    def add(part: list[str]) -> None:
        for n, path in enumerate(part):
            corpus.add(path, A)
            if n % 10 == 0:
                corpus.rows()  # tables made while the other thread adds

    threads = [threading.Thread(target=add, args=(paths[n::2],)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert corpus.rows().articles == 200


def test_gather_takes_held_analyses_first_then_reads_and_counts_the_missing() -> None:
    read: list[str] = []

    def from_cache(path: str):
        read.append(path)
        return B if path == "/r/b.txt" else None

    items, missing = gather(["/r/a.txt", "/r/b.txt", "/r/c.txt"], {"/r/a.txt": A}, from_cache)
    assert [p for p, _ in items] == ["/r/a.txt", "/r/b.txt"] and missing == 1
    assert read == ["/r/b.txt", "/r/c.txt"]
    assert gather(["/r/b.txt"], {}, None) == ([], 1)  # no cache


def test_entity_filter_holds_the_articles_and_the_corpus_row() -> None:
    corpus = Corpus(["/r/a.txt", "/r/b.txt"])
    corpus.add("/r/a.txt", A)
    corpus.add("/r/b.txt", B)
    binh = next(e for e in corpus.rows().entities if e.type == "PER")
    chosen = EntityFilter.of(binh)
    assert chosen.paths == {"/r/a.txt", "/r/b.txt"} and chosen.entity is binh
    assert (chosen.type, chosen.name) == ("PER", "Trần Văn Bình")
    assert chosen == EntityFilter("PER", "Trần Văn Bình", frozenset({"/r/a.txt", "/r/b.txt"}))  # by its articles

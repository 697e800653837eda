"""A large text's words and entities computed in parts, one forked process each: same results.

The threshold is set to zero here so that a short text takes the path a 5 MB report takes, and
the number of processes is set to three, so that the forked path runs on a one-core machine too.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from itertools import pairwise
from pathlib import Path

import pytest

from tui.core import parallel
from tui.core.entities import extract_entities, group_entities
from tui.core.parallel import map_parts, split_weights
from tui.core.pipeline import document_from_text
from tui.core.ranker import feature_matrix
from tui.core.sentence_filter import junk_reasons
from tui.core.stopwords import load_stopwords
from tui.core.summarize import sumy_document
from tui.core.tokenize import SumyTokenizer, split_sentences, with_words

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forked parts need os.fork")

_PARAGRAPHS = (
    "Sáng 12/3, tại Hà Nội, Ủy ban nhân dân thành phố tổ chức hội nghị tổng kết công tác năm 2023. "
    "Ông Trần Văn Minh, Chủ tịch UBND quận Cầu Giấy, cho biết quận đã giải ngân 1.250 tỷ đồng.",
    "Theo Quyết định số 15/QĐ-UBND ngày 4/1/2024, huyện Gia Lâm được giao thêm 3 dự án giao thông. "
    "Bà Lê Thị Hoa, Giám đốc Sở Kế hoạch và Đầu tư, nhấn mạnh yêu cầu hoàn thành trước tháng 6.",
    "Các đại biểu thống nhất đề nghị tăng cường kiểm tra. Ông Minh nói: “Chúng tôi sẽ làm đến cùng”.",
    "Công ty TNHH Hòa Bình ở tỉnh Bắc Ninh đạt doanh thu 45,5 tỷ đồng, tăng 12% so với cùng kỳ.",
    # names found again where no rule would find them alone: by ``propagate``, which also runs in parts
    "Tập đoàn Điện lực Việt Nam (EVN) cho biết ông Bill Gates đã đến phố Kim Mã.",
    "Hôm sau, EVN và Bill Gates ký thỏa thuận ở Kim Mã.",
)


def _report(paragraphs: int) -> str:
    body = "\n\n".join(_PARAGRAPHS[i % len(_PARAGRAPHS)] + f" Mục {i}." for i in range(paragraphs))
    return "Báo cáo tổng kết công tác năm\n\n" + body


@pytest.fixture
def three_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "processes", lambda: 3)


def test_split_weights_cuts_into_contiguous_runs_of_about_equal_weight() -> None:
    assert split_weights([5, 5, 5, 5], 2) == [(0, 2), (2, 4)]
    assert split_weights([1, 1, 1, 9], 2) == [(0, 3), (3, 4)]
    assert split_weights([3, 3, 3], 1) == [(0, 3)]
    assert split_weights([], 4) == [(0, 0)]
    # never an empty run, never more runs than items
    assert split_weights([10, 1], 4) == [(0, 1), (1, 2)]
    ranges = split_weights(list(range(1, 50)), 3)
    assert len(ranges) == 3 and ranges[0][0] == 0 and ranges[-1][1] == 49
    assert all(a < b and b == c for (a, b), (c, _) in pairwise(ranges))


def test_map_parts_shares_the_parts_with_child_processes_and_keeps_their_order(three_processes: None) -> None:
    def work(part: int) -> tuple[int, int]:
        time.sleep(0.05)  # long enough for every process to take parts
        return part, os.getpid()

    results = map_parts(work, list(range(24)))
    assert [value for value, _ in results] == list(range(24))
    pids = [pid for _, pid in results]
    assert os.getpid() in pids and len(set(pids)) == 3


def test_a_process_free_early_takes_more_parts(three_processes: None) -> None:
    parent = os.getpid()

    def work(part: int) -> int:
        time.sleep(0.3 if os.getpid() == parent else 0.01)  # this process is slow
        return os.getpid()

    pids = map_parts(work, list(range(12)))
    # the children take the rest while this process does a part or two (each part done once)
    assert pids.count(parent) <= 3 and len(set(pids) - {parent}) == 2, pids


def test_the_parts_of_a_failed_child_are_done_again_in_this_process(caplog: pytest.LogCaptureFixture) -> None:
    parent = os.getpid()

    def work(part: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("lost")  # after taking a part: it is missing from the results
        time.sleep(0.05)  # the child has time to start and take one
        return part * 2

    with caplog.at_level(logging.WARNING, logger="tui.core.parallel"):
        assert map_parts(work, list(range(12))) == [part * 2 for part in range(12)]
    assert "parts of a failed child process are done again in this process" in caplog.text


def test_an_error_in_this_process_leaves_no_child_behind(tmp_path: Path) -> None:
    parent = os.getpid()
    note = tmp_path / "child"

    def work(part: int) -> int:
        if os.getpid() != parent:
            note.write_text(str(os.getpid()))
            time.sleep(60)  # still working when this process gives up
            return part
        deadline = time.monotonic() + 10
        while not note.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        raise ValueError("stop")

    started = time.monotonic()
    with pytest.raises(ValueError):
        map_parts(work, [1, 2])
    assert time.monotonic() - started < 30  # the child was ended, not waited for
    with pytest.raises(ChildProcessError):  # ended and reaped
        os.waitpid(int(note.read_text()), os.WNOHANG)


def test_sentences_in_parts_are_the_sentences_of_one_process(three_processes: None) -> None:
    document = document_from_text(_report(40))
    whole = split_sentences(document, with_words=False)
    parted = split_sentences(document, with_words=False, parallel_from=0)
    assert parted == whole
    # numbered across the parts, each with its paragraph's number
    assert [s.index for s in parted] == list(range(len(parted))) and len(parted) >= 80
    assert parted[-1].paragraph == len(document.paragraphs) - 1


def test_words_in_parts_are_the_words_of_one_process(three_processes: None) -> None:
    document = document_from_text(_report(40))
    bare = split_sentences(document, with_words=False)
    whole = with_words(document.text, bare)
    parted = with_words(document.text, bare, parallel_from=0)
    assert parted == whole
    assert sum(len(s.tokens) for s in parted) > 500


def test_entities_in_parts_are_the_entities_of_one_process(three_processes: None) -> None:
    document = document_from_text(_report(40))
    whole = extract_entities(document)
    parted = extract_entities(document, parallel_from=0)
    assert parted == whole
    assert {e.type for e in whole} >= {"PER", "ORG", "LOC", "DATE", "DOC", "NUM"}
    assert {e.text for e in whole} >= {"EVN", "Bill Gates", "Kim Mã"}


def test_roles_in_parts_are_the_roles_of_one_process(three_processes: None) -> None:
    document = document_from_text(_report(40))
    entities = extract_entities(document)
    whole = group_entities(document, entities)
    assert group_entities(document, entities, parallel_from=0) == whole
    roles = {g.name: g.role for g in whole if g.type == "PER"}
    assert roles["Trần Văn Minh"] == "Chủ tịch UBND quận Cầu Giấy"
    assert roles["Lê Thị Hoa"] == "Giám đốc Sở Kế hoạch và Đầu tư"


def test_ranker_features_in_parts_are_those_of_one_process(three_processes: None) -> None:
    document = document_from_text(_report(40))
    sentences = split_sentences(document)
    model = sumy_document(document, sentences, SumyTokenizer(sentences))
    stop = frozenset(load_stopwords("stopwords-iso"))
    (whole, titled), (parted, parted_titled) = feature_matrix(model, stop), feature_matrix(model, stop, parallel_from=0)
    assert parted.tolist() == whole.tolist() and parted_titled == titled
    # every sentence's own columns and the document's: headline recall, length, salience, centroid
    assert titled and whole.shape == (len(sentences), 32) and (whole.std(axis=0) > 0).sum() >= 20


def test_junk_reasons_in_parts_are_those_of_one_process(three_processes: None) -> None:
    document = document_from_text(_report(30))
    sentences = split_sentences(document, with_words=False)
    whole = junk_reasons(document, sentences)
    assert junk_reasons(document, sentences, parallel_from=0) == whole
    assert len(whole) == len(sentences) and {"fragment", None} <= set(whole)  # ``Mục 3.`` is a fragment


def _in_a_pool_worker(text: str) -> tuple[int, list[int], list[str]]:
    """In a daemonic pool worker: its pid, the pids that computed two parts, the words of ``text``
    computed in parts."""
    parallel.processes = lambda: 2  # this worker is a process of its own: the change stays in it

    def pid_after_a_while(part: int) -> int:
        time.sleep(0.2)  # long enough for each process to take one
        return os.getpid()

    pids = map_parts(pid_after_a_while, [1, 2])
    document = document_from_text(text)
    sentences = with_words(document.text, split_sentences(document, with_words=False), parallel_from=0)
    return os.getpid(), pids, [t.text for s in sentences for t in s.tokens]


def test_parts_run_inside_a_daemonic_pool_worker() -> None:
    text = _report(6)
    document = document_from_text(text)
    expected = [t.text for s in split_sentences(document) for t in s.tokens]
    with multiprocessing.get_context("fork").Pool(1) as pool:  # pool workers are daemonic
        worker, pids, words = pool.apply(_in_a_pool_worker, (text,))
    assert worker in pids and len(set(pids)) == 2
    assert words == expected


def test_a_body_on_one_line_is_searched_for_names_in_pieces_cut_after_sentences() -> None:
    from tui.core.entities.propagate import _Alternation, _Held, _mentions, _pieces

    # one line, so only sentence ends can cut it; the name stands on both sides of every cut
    text = " ".join(f"Ông Bill Gates đến phố Kim Mã lần {i}. Bill Gates nói." for i in range(200))
    names = {"Bill Gates": "PER", "Kim Mã": "LOC"}
    pieces = _pieces(text, [(0, len(text))], 500, names)
    assert len(pieces) > 10
    assert all(text[end - 2 : end] == ". " for _start, end in pieces[:-1])  # after a sentence and its space
    assert [start for start, _ in pieces[1:]] == [end for _, end in pieces[:-1]]  # nothing left out
    index, held = _Alternation(names), _Held([])
    found = _mentions(text, pieces, index, names, held)
    assert found == _mentions(text, [(0, len(text))], index, names, held) and len(found[0]) == 600
    # a name holding a full stop could run across such a cut: then only line ends cut
    assert _pieces(text, [(0, len(text))], 500, {**names, "Q. Bình": "PER"}) == [(0, len(text))]
    lines = text.replace("nói. ", "nói.\n")
    assert len(_pieces(lines, [(0, len(lines))], 500, {"Q. Bình": "PER"})) > 10

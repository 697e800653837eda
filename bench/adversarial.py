"""Hostile and huge inputs through the real pipeline: time and peak memory per shape and step.

    python bench/adversarial.py [--corpus DIR] [--sizes 128K,5M] [--shapes a,b] [--timeout S]

Every shape is generated at each size, written to a temporary file and analysed in a fresh
subprocess, step by step as the app and the command line run them: load (read, decode, NFC),
clean, sentences, words, the default summary (``ranker``), entities, grouping, then every other
summarizer the app offers. The child prints each step as it finishes, so a step that runs past
``--timeout`` is shown as such. Peak memory is the child's ``VmHWM`` (peak resident set) after
each step and, with the processes it forks for a large text (``tui/core/parallel.py``), the
highest sum of their proportional set sizes (shared pages counted once), sampled. Times are CPU
seconds (the child's and its finished children's) and wall seconds per step (the machine may be
shared); "pipeline" is load to grouping, the work of ``summarize --format markdown`` or of
opening an article in the app with its entities (after a warm-up on a short text, so loading
models and imports, a start-up cost, is not counted).

The ``realistic`` and ``one-line`` shapes concatenate distinct articles of ``--corpus`` read at
run time (nothing of them is kept). Targets: no 128 KB input of any shape over 2 s, and the
largest accepted file (5 MB) summarised with entities in at most 20 s and 400 MB.
Figures, not pass/fail; the machine's load shows in them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path

from procs import group_processes

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
# The bench corpus sits beside the checkout (as for pipeline_speed.py), or one folder further up.
DEFAULT_CORPUS = next(
    (
        p
        for p in (ROOT.parent / "shared" / "bench" / "corpus-2k", ROOT.parent.parent / "shared" / "bench" / "corpus-2k")
        if p.is_dir()
    ),
    ROOT.parent / "shared" / "bench" / "corpus-2k",
)
# Seconds between two samples of the memory of the child and its processes.
_SAMPLE = 0.05
PIPELINE = ("load", "clean", "sentences", "words", "ranker", "entities", "grouping")

# ---------------------------------------------------------------- shapes
_GIVEN = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
_MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc", "Xuân", "Hồng")
_LAST = ("An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phong", "Sơn", "Tâm")
_PLACES = ("Hà Nội", "Thái Nguyên", "Quảng Ninh", "Nghệ An", "Cần Thơ", "Đà Nẵng", "Lào Cai", "Bắc Ninh")
_WORDS_TEXT = (
    "hội nghị đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế xã hội năm nay của tỉnh "
    "đồng thời đề ra phương hướng giải pháp trọng tâm cho thời gian tới với nhiều chỉ tiêu quan trọng"
)
_WORDS = tuple(_WORDS_TEXT.split())


# Each generated shape sits after a headline and an ordinary paragraph, so the cleaner reads it as body.
_LEAD = (
    "Báo cáo tổng kết công tác năm\n\nHội nghị diễn ra tại Hà Nội với nhiều đại biểu tham dự. "
    "Các đại biểu đã thảo luận về những vấn đề quan trọng của địa phương.\n\n"
)


def _name(i: int) -> str:
    return f"{_GIVEN[i % 12]} {_MIDDLE[i // 12 % 10]} {_LAST[i // 120 % 14]}"


def _repeat(unit: Callable[[int], str], size: int) -> str:
    parts: list[str] = []
    total = 0
    for i in count():
        piece = unit(i)
        parts.append(piece)
        total += len(piece.encode())
        if total >= size:
            return "".join(parts)
    raise AssertionError("unreachable")


def _articles(corpus: Path) -> Iterator[str]:
    for path in sorted(corpus.glob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace").strip()


def _from_corpus(corpus: Path, size: int, joiner: str) -> str:
    parts: list[str] = []
    total = 0
    for article in _articles(corpus):
        parts.append(article)
        total += len(article.encode()) + 2
        if total >= size:
            break
    return "Báo cáo tổng hợp\n\n" + joiner.join(parts)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _long_sentences(corpus: Path, size: int) -> str:
    """About 1,400 sentences whatever the size (at 5 MB, 3,500 characters each): just under the
    sentence count above which the quadratic summarizers hand over to the ranker."""
    words = re.sub(r"[.!?…;:]", ",", _from_corpus(corpus, size, " ")).split()
    per = max(10, len(words) // 1400)
    # Capitalised, or the sentence repair joins a sentence that starts in lower case to the one before.
    sentences = [_capital(" ".join(words[i : i + per])) + "." for i in range(0, len(words), per)]
    return _LEAD + "\n\n".join(" ".join(sentences[i : i + 10]) for i in range(0, len(sentences), 10))


_FROM_CORPUS = {"realistic", "one-line", "long-sentences"}
SHAPES: dict[str, Callable[[Path, int], str]] = {
    # The abbreviation repair once joined pieces pairwise: 128 KB took 72 s.
    "abbreviations": lambda corpus, size: _LEAD + _repeat(lambda i: "T.P. ", size),
    "realistic": lambda corpus, size: _from_corpus(corpus, size, "\n\n"),
    "one-line": lambda corpus, size: _from_corpus(corpus, size, " ").replace("\n", " "),
    "long-sentences": _long_sentences,
    "short-lines": lambda corpus, size: (
        _LEAD + _repeat(lambda i: " ".join(_WORDS[i % 20 : i % 20 + 10]) + f" {i}.\n", size)
    ),
    "tiny-lines": lambda corpus, size: _LEAD + _repeat(lambda i: f"{_WORDS[i % len(_WORDS)]} {i}\n", size),
    "one-sentence": lambda corpus, size: _LEAD + _repeat(lambda i: _WORDS[i % len(_WORDS)] + " ", size) + ".",
    "nesting": lambda corpus, size: _LEAD + _repeat(lambda i: '“("[' if i % 50 else "Một câu. ", size),
    "open-quote": lambda corpus, size: _LEAD + "“" + _repeat(lambda i: f"Câu thứ {i} của lời trích dẫn. ", size),
    "entities": lambda corpus, size: (
        _LEAD
        + _repeat(
            lambda i: (
                f"Ông {_name(i)}, Bí thư Tỉnh ủy {_PLACES[i % 8]}, Chủ tịch UBND tỉnh {_PLACES[(i + 3) % 8]}, "
                f"gặp bà {_name(i + 7)} tại xã {_LAST[i % 14]} {i}, huyện {_PLACES[i % 8]}. "
            ),
            size,
        )
    ),
    "numbers": lambda corpus, size: (
        _LEAD
        + _repeat(
            lambda i: (
                f"Số: {i % 99:02d}/QĐ-UBND ngày {i % 28 + 1}/{i % 12 + 1}/20{i % 30:02d} {i}.{i % 1000:03d},5 "
                f"tỷ đồng {i % 100}% "
            ),
            size,
        )
    ),
    "uppercase-names": lambda corpus, size: _LEAD + _repeat(lambda i: _name(i * 7) + " ", size) + ".",
    "caps-line": lambda corpus, size: _LEAD + _repeat(lambda i: _name(i * 7).upper() + " ", size) + ".",
    "no-spaces": lambda corpus, size: (
        _LEAD
        + "Ông An nói rằng hôm nay hội nghị đã thông qua văn bản "
        + _repeat(lambda i: _WORDS[i % len(_WORDS)], size)
        + " của tỉnh."
    ),
    "short-sentences": lambda corpus, size: _LEAD + _repeat(lambda i: f"{_WORDS[i % 29]} {i}. ", size),
}


# ---------------------------------------------------------------- the child: one shape, step by step
def _hwm_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process, and of its children that ended (the parts of a large text)."""
    times = os.times()
    return times.user + times.system, times.children_user + times.children_system


def child(path: str) -> None:
    sys.path.insert(0, str(ROOT))
    from tui.core.entities import extract_entities, group_entities
    from tui.core.entities.lexicon import load_tagger
    from tui.core.loader import load_text
    from tui.core.pipeline import clean_loaded, document_from_text, load_models
    from tui.core.stopwords import load_stopwords
    from tui.core.summarize import ALGORITHMS, summarize
    from tui.core.tokenize import split_sentences, with_words

    def report(step: str, seconds: float, before: tuple[float, float]) -> None:
        own, children = (now - then for now, then in zip(_cpu(), before, strict=True))
        line = {"step": step, "s": seconds, "cpu": own + children, "own": own, "children": children, "mb": _hwm_mb()}
        print(json.dumps(line), flush=True)

    t, c = time.perf_counter(), _cpu()
    stop_words = load_stopwords("stopwords-iso")
    warm = document_from_text(
        _LEAD + "Ông Nguyễn Văn An, Bí thư Tỉnh ủy, nói ngày 1/1/2020 tại tỉnh Nghệ An có 2.053 đảng viên."
    )
    warm_sentences = split_sentences(warm)
    for algorithm in ALGORITHMS:
        summarize(warm, warm_sentences, algorithm, 3, stop_words)
    load_models()  # as the interface's and index's workers do
    load_tagger()  # as index's workers have it from their preload (the forked parts share it)
    report("warm-up", time.perf_counter() - t, c)

    def step(name: str, work: Callable[[], object]) -> object:
        t, c = time.perf_counter(), _cpu()
        result = work()
        report(name, time.perf_counter() - t, c)
        return result

    loaded = step("load", lambda: load_text(path, 10_000_000))
    document = step("clean", lambda: clean_loaded(loaded))  # type: ignore[arg-type]
    bare = step("sentences", lambda: split_sentences(document, with_words=False))  # type: ignore[arg-type]
    sentences = step("words", lambda: with_words(document.text, bare))  # type: ignore[attr-defined, arg-type]
    step("ranker", lambda: summarize(document, sentences, "ranker", 3, stop_words))  # type: ignore[arg-type]
    entities = step("entities", lambda: extract_entities(document, sentences))  # type: ignore[arg-type]
    step("grouping", lambda: group_entities(document, entities, sentences))  # type: ignore[arg-type]
    for algorithm in ALGORITHMS:
        if algorithm != "ranker":
            step(algorithm, lambda name=algorithm: summarize(document, sentences, name, 3, stop_words))  # type: ignore[arg-type, misc]


# ---------------------------------------------------------------- the parent: one subprocess per shape and size
def _size(text: str) -> int:
    text = text.strip().upper()
    factor = {"K": 1024, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("KM")) * factor)


def _pss_mb(group: int) -> float:
    """Proportional set size of every process of ``group``, summed: memory shared by a parent and
    its forked children counts once."""
    total = 0
    for pid in group_processes(group):
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
                total += sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, ValueError, IndexError):
            continue  # ended meanwhile
    return total / 1024


def run(shape: str, text: str, timeout: float) -> tuple[list[dict[str, float | str]], str | None]:
    """The child's step reports, and the step it was in when it timed out or failed (if any).

    Each report also gets ``all``: the peak, during that step, of the memory of the child and the
    processes it started (sampled every ``_SAMPLE`` seconds; its own exact peak is ``mb``).
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{shape}.txt"
        path.write_text(text, encoding="utf-8")
        errors = (Path(folder) / "stderr").open("w+", encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", str(path)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            start_new_session=True,
        )
        peak = [0.0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(_SAMPLE):
                peak[0] = max(peak[0], _pss_mb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timer = threading.Timer(timeout, lambda: os.killpg(process.pid, signal.SIGKILL))
        timer.start()
        reports: list[dict[str, float | str]] = []
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("{"):
                reports.append({**json.loads(line), "all": max(peak[0], _pss_mb(process.pid))})
                peak[0] = 0.0
        process.wait()
        timed_out = not timer.is_alive()
        timer.cancel()
        done.set()
        sampler.join()
        errors.seek(0)
        err = errors.read()
        errors.close()
    if timed_out:
        return reports, "timeout"
    return reports, None if process.returncode == 0 else (err.strip().splitlines() or ["failed"])[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of .txt articles (realistic shapes)")
    parser.add_argument("--sizes", default="128K,5M", help="comma-separated sizes in bytes (K = 1024, M = 10^6)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated: " + ", ".join(SHAPES))
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per shape and size")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    from tui.core.summarize import ALGORITHMS

    others = [a for a in ALGORITHMS if a != "ranker"]
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start; corpus {args.corpus}")
    print(
        "Seconds per step, CPU / wall (CPU includes the processes a step starts); pipeline = load to grouping;\n"
        "idle cores = the wall time on idle cores, estimated: per step the CPU of the busier of the main\n"
        "process and its children, summed.\n"
        "Peak MB: VmHWM of the process after words and after grouping; all processes: the highest sum of\n"
        f"their PSS sampled every {_SAMPLE} s during words and during the pipeline.\n"
    )
    print(
        "| shape | size | "
        + " | ".join(PIPELINE)
        + " | pipeline CPU | wall | idle cores | peak MB: words, pipeline | all processes | slowest other summarizer |"
    )
    print("|---|---:|" + "---:|" * (len(PIPELINE) + 5) + "---|")
    for size_text in args.sizes.split(","):
        size = _size(size_text)
        for shape in args.shapes.split(","):
            if shape in _FROM_CORPUS and not Path(args.corpus).is_dir():
                print(f"| {shape} | {size_text} | skipped: no corpus folder {args.corpus} (give --corpus DIR) |")
                continue
            reports, failed = run(shape, SHAPES[shape](Path(args.corpus), size), args.timeout)
            wall = {str(r["step"]): float(r["s"]) for r in reports}
            cpu = {str(r["step"]): float(r["cpu"]) for r in reports}
            # Wall time on idle cores, estimated: per step, the CPU of the busier of this process
            # and its children (all children counted as one; exact for the one child of 2 cores).
            busiest = {str(r["step"]): max(float(r["own"]), float(r["children"])) for r in reports}
            peaks = {str(r["step"]): float(r["mb"]) for r in reports}
            every = {str(r["step"]): float(r["all"]) for r in reports}
            cells = [f"{cpu[s]:.2f} / {wall[s]:.2f}" if s in cpu else "—" for s in PIPELINE]
            if all(s in cpu for s in PIPELINE):
                total = f"{sum(cpu[s] for s in PIPELINE):.2f} | {sum(wall[s] for s in PIPELINE):.2f} | "
                total += f"{sum(busiest[s] for s in PIPELINE):.2f} | "
                total += f"{peaks['words']:.0f}, {peaks['grouping']:.0f} | "
                total += f"{every['words']:.0f}, {max(every[s] for s in PIPELINE):.0f}"
            else:
                total = f"> {args.timeout:.0f} | | | {max(peaks.values(), default=0):.0f} | "
                total += f"{max(every.values(), default=0):.0f}"
            slow = max(((cpu[a], a) for a in others if a in cpu), default=None)
            rest = f"{slow[1]} {slow[0]:.2f} s, peak {max(peaks.values()):.0f} MB" if slow else ""
            if failed:
                order = ["warm-up", *PIPELINE, *others]
                rest += f" ({failed} in {order[min(len(reports), len(order) - 1)]})"
            elif any(a not in cpu for a in others):
                rest += " (not all run)"
            print(f"| {shape} | {size_text} | " + " | ".join(cells) + f" | {total} | {rest} |", flush=True)


if __name__ == "__main__":
    main()

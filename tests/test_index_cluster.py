"""`index` on a Dask cluster: the same cache entries as the local pool, failures with reasons,
Ctrl-C, batches and time limits in worker threads, and the message when Dask is missing."""

from __future__ import annotations

import importlib.util
import io
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from tui import index_cluster as cluster
from tui.cli import main
from tui.config import Config
from tui.core import lifetime
from tui.core.cache import open_cache
from tui.core.cache.codec import decode
from tui.core.model import Analysis
from tui.index import IndexReport, run_index

# Checked, not imported: importing Dask at collection would cost every test worker a second.
pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None, reason="the cluster extra is not installed"
)

CONFIG = Config(algorithm="lead")
TOPICS = [
    ("Đà Nẵng", "du lịch biển", "lượng khách quốc tế tăng 18%"),
    ("Cần Thơ", "xuất khẩu gạo", "kim ngạch đạt 320 triệu USD"),
    ("Nghệ An", "xây dựng trường học", "12 điểm trường mới được khánh thành"),
    ("Lào Cai", "phòng chống sạt lở", "ba tuyến đường được thông xe"),
    ("Bình Dương", "thu hút đầu tư", "vốn đăng ký mới tăng 9%"),
]


def write_articles(folder: Path) -> Path:
    """Five short articles of this test's own, and a binary file named like an article."""
    folder.mkdir()
    for number, (place, topic, result) in enumerate(TOPICS):
        (folder / f"bai-{number}.txt").write_text(
            f"{place} đẩy mạnh {topic}\n\n"
            f"Ngày {number + 3}/4, Ủy ban nhân dân thành phố {place} họp bàn kế hoạch {topic} năm nay. "
            f"Theo báo cáo của Sở Kế hoạch và Đầu tư, {result} so với cùng kỳ năm trước. "
            f"Ông Nguyễn Văn Hùng, Phó Chủ tịch thành phố, yêu cầu các sở ngành phối hợp chặt chẽ.\n\n"
            f"Trong quý tới, {place} sẽ rà soát các dự án chậm tiến độ và báo cáo kết quả trước ngày 30/6.\n",
            encoding="utf-8",
        )
    (folder / "hong.txt").write_bytes(bytes(range(256)) * 8)
    return folder


def entries() -> dict[str, tuple[str | None, str | None, Analysis]]:
    """Every entry of the cache in use: key → (content hash, stopword list, the analysis)."""
    cache = open_cache()
    try:
        return {s.key: (s.content_hash, s.stopwords, decode(s.data)) for s in cache.stored()}
    finally:
        cache.close()


def use_cache_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of the local cluster `--cluster local --workers 1` starts, shared by the tests
    (each has its own cache and articles), which reach it as `--scheduler ADDRESS` does. One worker:
    what these tests check does not depend on how many, and each costs a model load."""
    with cluster.local_cluster(1) as address:
        yield address


def test_a_cluster_stores_the_same_entries_as_the_local_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], scheduler: str
) -> None:
    write_articles(tmp_path / "bai")
    monkeypatch.chdir(tmp_path)  # a relative path: with --shared-fs workers get it made absolute
    use_cache_folder(monkeypatch, tmp_path / "local")
    assert run_index(["bai"], CONFIG, jobs=1) == 1  # one worker: one model load, same analyses
    local_err = capsys.readouterr().err
    local = entries()
    assert len(local) == 5

    for transport in cluster.Transport:
        use_cache_folder(monkeypatch, tmp_path / transport.value)
        plan = cluster.ClusterPlan(scheduler=scheduler, transport=transport)
        assert cluster.run_cluster_index(["bai"], CONFIG, plan) == 1
        err = capsys.readouterr().err
        assert entries() == local, transport
        assert "5 analysed, 0 already cached, 1 failed" in err
        failed = [line.strip() for line in err.splitlines() if "failed:" in line]
        assert failed == [line.strip() for line in local_err.splitlines() if "failed:" in line]
        assert failed == ["failed: bai/hong.txt: binary file (contains NUL bytes)"]


def test_ctrl_c_keeps_what_is_done_and_a_second_run_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], scheduler: str
) -> None:
    folder = write_articles(tmp_path / "bai")
    (folder / "hong.txt").unlink()
    monkeypatch.setattr(cluster, "_batch_size", lambda files, threads: 1)
    real_keep = cluster.keep
    kept: list[str] = []

    def keep_then_interrupt(key: str, result: object, cache: object, report: IndexReport) -> None:
        real_keep(key, result, cache, report)  # type: ignore[arg-type]
        kept.append(key)
        if len(kept) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(cluster, "keep", keep_then_interrupt)
    plan = cluster.ClusterPlan(scheduler=scheduler)
    assert cluster.run_cluster_index([str(folder)], CONFIG, plan) == 130
    assert "interrupted: kept what was done" in capsys.readouterr().err
    assert set(entries()) == set(kept)
    monkeypatch.setattr(cluster, "keep", real_keep)
    assert cluster.run_cluster_index([str(folder)], CONFIG, plan) == 0
    assert "3 analysed, 2 already cached, 0 failed" in capsys.readouterr().err


def test_the_command_line_makes_the_plan(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    plans: list[cluster.ClusterPlan] = []

    def run(paths: list[str], config: Config, plan: cluster.ClusterPlan, use_cache: bool) -> int:
        plans.append(plan)
        return 0

    monkeypatch.setattr(cluster, "run_cluster_index", run)
    assert main(["index", str(tmp_path), "--cluster", "local", "--workers", "3"]) == 0
    assert main(["index", str(tmp_path), "--scheduler", "tcp://10.1.2.3:8786", "--shared-fs"]) == 0
    assert plans == [
        cluster.ClusterPlan(None, 3, cluster.Transport.BYTES),
        cluster.ClusterPlan("tcp://10.1.2.3:8786", None, cluster.Transport.PATHS),
    ]


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--workers", "2"], "--workers needs --cluster local"),
        (["--shared-fs"], "--shared-fs needs --scheduler or --cluster"),
        (["--cluster", "local", "--jobs", "2"], "--jobs is for the local pool"),
    ],
)
def test_options_that_do_not_go_together_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
    assert main(["index", str(tmp_path), *flags]) == 2
    assert message in capsys.readouterr().err


def test_without_dask_the_cluster_options_say_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails
    assert main(["index", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install -e '.[cluster]'" in err


def test_an_unreachable_scheduler_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_articles(tmp_path / "bai")
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 0.5)
    plan = cluster.ClusterPlan(scheduler="tcp://127.0.0.1:9")  # the discard port: nothing listens
    assert cluster.run_cluster_index([str(tmp_path / "bai")], CONFIG, plan) == 2
    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith("reports-tui:")]
    assert len(said) == 1 and said[0].startswith("reports-tui: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")


def test_nothing_imports_dask_unless_a_cluster_is_asked_for() -> None:
    code = "import sys, tui.cli, tui.index, tui.index_cluster, tui.app.app; print(sorted(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "'tui.index_cluster'" in out and "'dask" not in out and "'distributed" not in out


def test_batches_are_bounded_and_files_of_a_dead_worker_go_again_alone(tmp_path: Path) -> None:
    from distributed import KilledWorker

    assert cluster._batch_size(4, 2) == 1 and cluster._batch_size(2_000, 2) == cluster.BATCH_FILES
    paths = [str(tmp_path / f"{n}.txt") for n in range(3)]
    for path in paths:
        Path(path).write_text("Bài viết ngắn.\n", encoding="utf-8")
    queue = cluster._Queue(paths, 2, cluster.Transport.BYTES, 1_000)
    report = IndexReport()
    assert queue.next(report) == (paths[:2], [(path, "Bài viết ngắn.\n".encode()) for path in paths[:2]])

    class Dead:
        def result(self) -> object:
            raise KilledWorker("analyse_batch-1", "tcp://127.0.0.1:1", 3)  # type: ignore[arg-type]

    cache = open_cache()
    try:
        cluster._collect(Dead(), paths[:2], cache, report, queue)  # type: ignore[arg-type]
        assert report.failed == [] and queue.left == 3
        assert [(queue.next(report) or ([], []))[0] for _ in range(3)] == [paths[:1], paths[1:2], paths[2:]]
        cluster._collect(Dead(), paths[:1], cache, report, queue)  # type: ignore[arg-type]
    finally:
        cache.close()
    assert report.failed == [f"{paths[0]}: the analysis process stopped unexpectedly"]
    assert queue.next(report) is None


def test_a_file_too_large_to_send_fails_here_with_the_loader_reason(tmp_path: Path) -> None:
    big = tmp_path / "lon.txt"
    big.write_text("Một câu rất dài. " * 200, encoding="utf-8")
    report = IndexReport()
    queue = cluster._Queue([str(big)], 4, cluster.Transport.BYTES, 1_000)
    assert queue.next(report) == ([], []) and queue.next(report) is None
    assert len(report.failed) == 1 and report.failed[0].startswith(f"{big}: file too large")


def test_with_a_shared_filesystem_only_absolute_paths_travel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    queue = cluster._Queue(["bai/a.txt", "b.txt"], 4, cluster.Transport.PATHS, 1_000)
    assert queue.next(IndexReport()) == (
        ["bai/a.txt", "b.txt"],
        [(str(tmp_path / "bai" / "a.txt"), None), (str(tmp_path / "b.txt"), None)],
    )


def test_a_file_over_the_time_limit_in_a_worker_thread_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    def endless(path: str, options: object, data: bytes | None) -> tuple[str, str]:
        if "cham" in path:
            while True:
                time.sleep(0.01)
        return "", f"{path}: looked at"

    monkeypatch.setattr(cluster, "analyse_for_index", endless)
    outcomes: list[cluster.Outcome] = []
    batch: cluster.Batch = [("a.txt", b"a"), ("cham.txt", b"b"), ("c.txt", b"c")]
    parts = cluster.key_parts(CONFIG.options)
    worker = threading.Thread(target=lambda: outcomes.extend(cluster.analyse_batch(batch, CONFIG.options, 0.3, parts)))
    started = time.monotonic()
    worker.start()
    worker.join(10)
    assert not worker.is_alive() and time.monotonic() - started < 5
    assert outcomes == [
        ("a.txt", "", "a.txt: looked at"),
        ("cham.txt", "", "cham.txt: analysis took over 0.3 s; stopped"),
        ("c.txt", "", "c.txt: looked at"),
    ]


def test_a_time_limit_that_is_not_reached_leaves_nothing_behind() -> None:
    with lifetime.thread_time_limit(0.3):
        total = sum(range(1000))
    time.sleep(0.6)  # a timer left running would raise here
    assert total == 499500


def test_a_ctrl_c_while_a_local_cluster_starts_is_not_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers inherit an ignored SIGINT, so it is ignored while they start; a Ctrl-C then must
    wait (blocked, pending) and interrupt the run once the cluster is up, not be dropped."""
    closed: list[bool] = []

    class Starting:
        scheduler_address = "tcp://127.0.0.1:9"

        def __init__(self, **options: object) -> None:
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)  # Ctrl-C now

        def __enter__(self) -> Starting:
            return self

        def __exit__(self, *exc: object) -> None:
            closed.append(True)

    import distributed

    monkeypatch.setattr(distributed, "LocalCluster", Starting)
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 0.5)
    report = IndexReport()
    cache = open_cache()
    try:
        plan = cluster.ClusterPlan(workers=1)
        cluster._analyse_on_cluster(["a.txt"], CONFIG.options, cache, report, Console(file=io.StringIO()), plan)
    finally:
        cache.close()
    assert report.interrupted and closed == [True]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())


def test_a_worker_whose_keys_would_differ_analyses_nothing_and_says_why(tmp_path: Path) -> None:
    version, stopwords = cluster.key_parts(CONFIG.options)
    batch: cluster.Batch = [("a.txt", "Hà Nội mưa lớn. Nhiều tuyến phố ngập sâu.".encode())]
    assert cluster.analyse_batch(batch, CONFIG.options, 5.0, ("0123456789ab", stopwords)) == [
        ("a.txt", "", "a.txt: not analysed: the worker has another version of reports-tui than this machine")
    ]
    assert cluster.analyse_batch(batch, CONFIG.options, 5.0, (version, "missing:/etc/stopwords.txt")) == [
        ("a.txt", "", "a.txt: not analysed: the worker has another stopword list (or none) than this machine")
    ]

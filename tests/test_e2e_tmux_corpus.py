"""The corpus in a real terminal (a private tmux server at 80x24, the installed `reports-tui`, the real
pipeline, the articles indexed before): open the corpus screen, search a person without diacritics,
list the articles that name them, save a digest of those, quit."""

from __future__ import annotations

import shlex
import time
from pathlib import Path

from test_app_corpus import CORPUS
from test_e2e_tmux import SCRIPT, Tmux, analyse_into_cache, pytestmark, tmux  # noqa: F401 - the harness and its skips


def test_corpus_screen_entity_filter_and_digest_in_tmux(tmux: Tmux, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in CORPUS.items():
        (articles / name).write_text(text, encoding="utf-8")
    analyse_into_cache(tmux.env, [str(path) for path in sorted(articles.iterdir())])  # as `index` leaves them
    status = tmp_path / "exit-status"
    command = f"cd {shlex.quote(str(tmp_path))} && {shlex.quote(str(SCRIPT))} {shlex.quote(str(articles))}"
    tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "main", f"{command}; echo $? > {shlex.quote(str(status))}")
    # Deadlines only bound a hang: the machine may be loaded (bench/ measures speed).
    tmux.wait(lambda s: "all analysed" in s, 120, "every article analysed")

    tmux("send-keys", "-t", "main", "p")
    tmux.wait(lambda s: "articles with entities" in s and "Nguyễn Văn An" in s, 60, "the corpus screen")
    tmux("send-keys", "-t", "main", "-l", "nguyen van an")  # the search box has the focus
    # The letters arrive one by one, and the cache is still being read when the screen opens (the
    # rows are made again a moment after the last article is read): wait for the row of the whole
    # name over the whole corpus, not for the first single row.
    screen = tmux.wait(
        lambda s: (
            "│ 1 of " in s
            and "Nguyễn Văn An · person · 2 articles, 3 mentions" in s
            and sum(" — " in line for line in s.splitlines()) >= 2
        ),  # a capture may land mid-frame
        30,
        "the search's one row and its roles",
    )
    roles = [line.strip() for line in screen.splitlines() if " — " in line]  # by date, with the article
    assert roles[0].startswith("Chủ tịch Ủy ban nhân dân huyện — 15/01/2024 — Hội nghị tổng kết")
    assert roles[1].startswith("Bí thư Huyện ủy — 06/03/2024 — Cử tri gặp gỡ")
    tmux("send-keys", "-t", "main", "Enter")  # lists the articles of the row under the cursor
    screen = tmux.wait(
        lambda s: "PER “Nguyễn Văn An”" in s and "/2 of 3 articles" in s and "Cử tri gặp" in s and "Hội nghị tổ" in s,
        30,
        "the list filtered by the person",
    )
    assert "Hà Nội mở" not in screen

    tmux("send-keys", "-t", "main", "D")
    saves = tmp_path / "saves"
    deadline = time.monotonic() + 60
    while not (saves.is_dir() and any(saves.iterdir())):
        assert time.monotonic() < deadline, tmux.screen()
        time.sleep(0.1)
    [digest] = list(saves.iterdir())
    tmux.wait(lambda s: "Digest of 2 articles saved" in s and digest.name in s, 30, "the digest's path")
    text = digest.read_text(encoding="utf-8")
    assert "Cử tri gặp gỡ đại biểu trước kỳ họp" in text and "xe buýt điện" not in text

    tmux("send-keys", "-t", "main", "q")
    assert tmux.wait_for_file(status, 60, "the exit status after q") == "0\n", tmux.screen()

"""Fixtures and helpers for the interface tests: isolated config and cache, small articles.

The articles below were written for these tests (they are not taken from any corpus).
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from tui.app.jobs import analyse_article
from tui.config import Config
from tui.core.model import Analysis, Entity, EntityGroup

SIZE = (80, 24)  # the smallest terminal the interface is made for
# Both layouts (the entity panel a toggle below 120 columns, a column from there), for the tests
# whose behaviour differs between them; the others run at SIZE.
SIZES = [SIZE, (120, 40)]

ARTICLES = {
    "a_thai_nguyen.txt": (
        "Thái Nguyên tổng kết công tác chuyển đổi số năm 2023\n\n"
        "Sáng 12/1, Ủy ban nhân dân tỉnh Thái Nguyên tổ chức hội nghị tổng kết công tác chuyển đổi số "
        "năm 2023 và triển khai nhiệm vụ năm 2024. "
        "Ông Trịnh Việt Hùng, Chủ tịch Ủy ban nhân dân tỉnh, chủ trì hội nghị và phát biểu chỉ đạo. "
        "Theo báo cáo, năm qua tỉnh đã hoàn thành 95% chỉ tiêu về dịch vụ công trực tuyến toàn trình.\n\n"
        "Trong năm 2023, các sở, ngành đã đưa vào vận hành hệ thống điều hành văn bản điện tử thống nhất. "
        "Tỷ lệ hồ sơ được xử lý trực tuyến đạt mức cao nhất từ trước tới nay, tiết kiệm nhiều chi phí cho "
        "người dân và doanh nghiệp. "
        "Ông Trịnh Việt Hùng đề nghị các địa phương tiếp tục đầu tư hạ tầng mạng tới vùng sâu, vùng xa.\n\n"
        "Năm 2024, Thái Nguyên đặt mục tiêu đưa kinh tế số chiếm 30% tổng sản phẩm trên địa bàn. "
        "Tỉnh sẽ ưu tiên đào tạo kỹ năng số cho cán bộ cấp xã và người dân ở nông thôn. "
        "Hội nghị cũng khen thưởng nhiều tập thể và cá nhân có thành tích xuất sắc trong chuyển đổi số.\n"
    ),
    "b_da_nang.txt": (
        "Đà Nẵng khởi công tuyến đường ven biển phía bắc\n\n"
        "Ngày 3/3, thành phố Đà Nẵng khởi công tuyến đường ven biển dài 12 km nối quận Liên Chiểu với "
        "huyện Hòa Vang. "
        "Dự án có tổng mức đầu tư hơn 1.200 tỷ đồng từ ngân sách thành phố và dự kiến hoàn thành năm 2026. "
        "Bà Nguyễn Thị Lan, Giám đốc Ban quản lý dự án, cho biết công tác giải phóng mặt bằng đã xong.\n\n"
        "Tuyến đường sẽ giảm tải cho quốc lộ hiện nay và mở thêm quỹ đất cho phát triển du lịch. "
        "Người dân địa phương bày tỏ đồng tình vì đường mới giúp việc đi lại thuận tiện hơn nhiều. "
        "Đơn vị thi công cam kết bảo đảm an toàn lao động và vệ sinh môi trường trong suốt quá trình.\n"
    ),
    "c_brackets.txt": (
        "Bản tin [Video] về cách viết [/b] trong văn bản\n\n"
        "Nhiều phóng viên gõ nhầm ký hiệu [/b] khi soạn bài trên hệ thống quản lý nội dung cũ. "
        "Các ký hiệu như [Video] hay [bold] phải hiển thị nguyên văn cho người đọc thấy rõ. "
        "Ban biên tập đã yêu cầu kiểm tra lại toàn bộ bài viết đăng trong tháng trước đó.\n\n"
        "Việc rà soát giúp phát hiện thêm nhiều lỗi định dạng tồn tại từ lâu trong kho lưu trữ. "
        "Nhóm kỹ thuật sẽ bổ sung công cụ tự động cảnh báo khi bài viết có ký hiệu lạ ở đầu dòng.\n"
    ),
}


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config, cache, data and save folders in tmp; no animations."""
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    saves = tmp_path / "saves"
    monkeypatch.setenv("REPORTS_TUI_SAVE_DIR", str(saves))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


@pytest.fixture
def articles(isolated_env: Path) -> Path:
    folder = isolated_env / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def seeds_copy(isolated_env: Path) -> Path:
    from tui.paths import bundled_seeds

    folder = isolated_env / "seeds"
    shutil.copytree(bundled_seeds(), folder)
    return folder


def make_config(**changes: object) -> Config:
    from tui.config import load_config

    return replace(load_config(None), **changes)  # type: ignore[arg-type]


def names_as_entities(path: str, algorithms: tuple[str, ...], entities: bool) -> Analysis:
    """The real summary, and entity groups for a few names found by string search (fast, stable)."""
    analysis = analyse_article(path, algorithms, False, options=make_config().options, use_cache=False)
    if not entities:  # (an analysis this process remembers may carry real entities)
        return replace(analysis, entities=None, groups=None)
    text = analysis.document.text
    groups = []
    for kind, name, role in (
        ("PER", "Trịnh Việt Hùng", "Chủ tịch Ủy ban nhân dân tỉnh"),
        ("LOC", "Thái Nguyên", None),
        ("PER", "Nguyễn Thị Lan", "Giám đốc"),
        ("LOC", "Đà Nẵng", None),
        ("NUM", "95%", None),
    ):
        mentions = []
        start = text.find(name)
        while start != -1:
            mentions.append(Entity(kind, start, start + len(name), name))
            start = text.find(name, start + 1)
        if mentions:
            context = "chỉ tiêu về dịch vụ công" if kind == "NUM" else None
            groups.append(EntityGroup(kind, name, tuple(mentions), role=role, context=context))
    found = tuple(m for g in groups for m in g.mentions)
    return replace(analysis, entities=found, groups=tuple(groups))


def make_app(paths: list[str], analyse: Callable[..., Analysis] = names_as_entities, **config: object):
    from tui.app.app import ReportsApp

    return ReportsApp([str(p) for p in paths], make_config(**config), analyse=analyse, processes=False)


async def wait_for(pilot, predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    """Let the app run until ``predicate()`` holds (analysis runs in worker threads)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)
    await pilot.pause()


async def run_from_palette(pilot, query: str) -> None:
    """Type ``query`` into the command palette and run the command it highlights, once that
    command holds the query (with or without diacritics). The palette searches in a worker, so
    on a loaded machine its hits come late and in steps: a fixed pause is not enough."""
    from textual.command import CommandList

    from tui.core.fold import fold_loose

    await pilot.press("ctrl+p", *query)

    def highlighted() -> str:
        found = pilot.app.screen.query(CommandList)
        if not found:
            return ""
        options = found.first()
        if options.highlighted is None:
            return ""
        return fold_loose(str(options.get_option_at_index(options.highlighted).prompt))

    await wait_for(pilot, lambda: fold_loose(query) in highlighted())
    await pilot.press("enter")


def reader(app):
    from tui.app.screens.reader import ReaderScreen

    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def wait_for_summary(pilot, path: str | None = None) -> None:
    def ready() -> bool:
        screen = pilot.app.screen
        current = getattr(screen, "current", None)
        if current is None or (path is not None and current != path):
            return False
        from tui.app.library import Entities

        held = screen.library.held(current)
        return (
            held is not None and screen.algorithm in held.analysis.summaries and held.entities is not Entities.PENDING
        )

    await wait_for(pilot, ready)

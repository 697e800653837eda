"""The reading screen in a real terminal as SSH gives it: 256 colours without COLORTERM, 16 colours
(`TERM=xterm`) and `NO_COLOR`. The whole summary of an article of median length fits its box at
80x24, pane edges differ from the background, and the focused pane is marked by its edge's shape.
"""

from __future__ import annotations

import contextlib
import re
import sys
import time
from pathlib import Path

import pytest
import test_e2e_tmux
from test_e2e_tmux import SCRIPT, Tmux, analyse_into_cache, summary_on_screen

tmux = test_e2e_tmux.tmux  # the private tmux server fixture

# Written for this test: about the length of a median news article (~2,250 characters) whose
# three-sentence summary (~450 characters) is about the median summary's length.
ARTICLE = """Xã Phú Lương tổng kết mô hình trồng chè an toàn năm 2024
Ngày 20/2/2025

Ngày 20 tháng 2, Ủy ban nhân dân xã Phú Lương tổ chức hội nghị tổng kết mô hình trồng chè an toàn \
theo tiêu chuẩn VietGAP tại nhà văn hóa thôn Đồng Tâm. Tham dự có đại diện phòng nông nghiệp huyện, \
trạm khuyến nông, hợp tác xã chè, các trưởng thôn và hơn một trăm hộ dân đang trồng chè trên địa bàn \
xã. Sau ba năm thực hiện, diện tích chè đạt chứng nhận an toàn của xã đã tăng từ mười lăm lên bốn \
mươi hai héc ta, trải đều ở sáu thôn có vùng chè tập trung.

Năng suất chè búp tươi bình quân đạt mười một tấn mỗi héc ta, cao hơn khoảng một phần năm so với cách \
làm cũ. Giá bán chè khô loại một tăng lên hai trăm tám mươi nghìn đồng mỗi ki lô gam. Nhiều hộ đã xây \
lò sao chè bằng điện thay cho lò đốt củi, giúp sản phẩm đều màu và giảm khói bụi. Thu nhập của các hộ \
tham gia mô hình tăng rõ rệt, nhiều gia đình đã có tiền sửa nhà và mua máy móc.

Hợp tác xã chè của xã đã ký hợp đồng bao tiêu với hai doanh nghiệp trong tỉnh. Sản phẩm được đóng gói \
có tem truy xuất nguồn gốc và bán trên các sàn thương mại điện tử. Mỗi tháng hợp tác xã tiêu thụ khoảng \
ba tấn chè khô. Một số sản phẩm đã đạt chứng nhận ba sao của chương trình mỗi xã một sản phẩm.

Tuy vậy, việc sử dụng phân bón và thuốc bảo vệ thực vật ở một số hộ vẫn chưa đúng quy trình. Nhật ký \
sản xuất ghi chép còn sơ sài. Vốn để mở rộng diện tích và thay giống chè mới còn thiếu. Nhiều đồi chè \
già cỗi cho năng suất thấp nhưng người dân chưa mạnh dạn trồng lại.

Phát biểu tại hội nghị, Chủ tịch Ủy ban nhân dân xã đề nghị các thôn tiếp tục vận động người dân tham \
gia mô hình. Cán bộ khuyến nông cần thường xuyên xuống đồi chè hướng dẫn kỹ thuật. Hợp tác xã cần xây \
dựng thương hiệu chung và mở rộng thị trường ra ngoài tỉnh.

Năm 2025, xã phấn đấu có thêm hai mươi héc ta chè được chứng nhận an toàn. Xã sẽ hỗ trợ một phần kinh \
phí mua giống chè mới cho các hộ trồng lại đồi chè già. Xã cũng sẽ phối hợp với ngân hàng chính sách \
cho vay vốn ưu đãi để người dân đầu tư máy sao chè và hệ thống tưới tiết kiệm.

Dịp này, Ủy ban nhân dân xã đã tặng giấy khen cho mười hộ sản xuất giỏi và hai tổ hợp tác có thành \
tích tốt trong phát triển vùng chè an toàn. Hội nghị cũng dành thời gian để người dân trao đổi kinh \
nghiệm chăm sóc, thu hái và chế biến chè sau thu hoạch.
"""

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def cell_colours(styled_line: str) -> list[tuple[str, str | None, str | None]]:
    """Each character of a `capture-pane -e` line with its foreground and background SGR codes."""
    fg: str | None = None
    bg: str | None = None
    cells = []
    position = 0
    for match in [*SGR.finditer(styled_line), None]:
        end = match.start() if match else len(styled_line)
        cells += [(ch, fg, bg) for ch in styled_line[position:end]]
        if match is None:
            break
        position = match.end()
        codes = match.group(1).split(";") if match.group(1) else ["0"]
        i = 0
        while i < len(codes):
            code = int(codes[i] or 0)
            if code in (38, 48):  # 38;5;N or 38;2;R;G;B
                value = ";".join(codes[i : i + (3 if codes[i + 1] == "5" else 5)])
                fg, bg = (value, bg) if code == 38 else (fg, value)
                i += 3 if codes[i + 1] == "5" else 5
                continue
            if code == 0:
                fg = bg = None
            elif code == 39:
                fg = None
            elif code == 49:
                bg = None
            elif 30 <= code <= 37 or 90 <= code <= 97:
                fg = str(code)
            elif 40 <= code <= 47 or 100 <= code <= 107:
                bg = str(code)
            i += 1
    return cells


def write_article(tmp_path: Path) -> str:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "hoi-nghi.txt").write_text(ARTICLE, encoding="utf-8")
    return str(folder / "hoi-nghi.txt")


def start(tmux: Tmux, tmp_path: Path, path: str, **env: str) -> None:
    settings = " ".join(f"{k}={v}" for k, v in env.items())
    command = f"cd {tmp_path} && exec env -u COLORTERM {settings} {SCRIPT} {Path(path).parent}"
    tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "main", command)
    tmux("set-option", "-t", "main", "remain-on-exit", "on")


@pytest.mark.parametrize(
    "env",
    [{"TERM": "xterm-256color"}, {"TERM": "xterm"}, {"TERM": "xterm-256color", "NO_COLOR": "1"}],
    ids=["256-colours", "16-colours", "no-color"],
)
def test_whole_summary_visible_edges_and_focus(tmux: Tmux, tmp_path: Path, env: dict[str, str]) -> None:
    from tui.config import load_config
    from tui.core.export import summary_text

    pager, record = pager_that_records(tmp_path)
    path = write_article(tmp_path)
    [analysis] = analyse_into_cache(tmux.env, [path])
    config = load_config(None)
    expected = summary_text(analysis, config.algorithm, config.sentences)
    start(tmux, tmp_path, path, PAGER=pager, **env)
    assert len(expected) > 400
    closing = " ".join(expected.split()[-3:])
    screen = tmux.wait(
        lambda s: "╭─ Summary" in s and "sentences" in s and closing in summary_on_screen(s), 60, "the whole summary"
    )
    # the whole summary inside its box, with no scroll bar in it
    assert summary_on_screen(screen).split() == expected.split()
    box = [line for line in screen.splitlines() if "│" in line and "╭" not in line]
    assert not any(ch in line for line in box[:3] for ch in "▁▂▃▄▅▆▇█")
    # the article keeps lines of its own below the box
    below = screen.split("╰", 1)[1].splitlines()[1:]
    assert sum(1 for line in below if "Phú Lương" in line or "chè" in line) >= 2

    styled = tmux("capture-pane", "-p", "-e").splitlines()
    top = next(i for i, line in enumerate(screen.splitlines()) if "╭─ Summary" in line)
    cells = cell_colours(styled[top])
    corner = next(c for c in cells if c[0] == "╭")
    list_edge = next(c for c in cells if c[0] in "┃│")
    if "NO_COLOR" not in env:
        assert corner[1] is not None and corner[1] != corner[2]  # border colour differs from background
        assert list_edge[1] is not None and list_edge[1] != list_edge[2]
    # the list has focus: its edge is the heavy line; tab moves focus and the edge turns light
    assert list_edge[0] == "┃"
    column = screen.splitlines()[top].index("╭") - 1
    tmux("send-keys", "-t", "main", "Tab")

    def focus_moved(s: str) -> bool:
        # one predicate for both edges: a capture may land between the two halves of a frame
        light = s.splitlines()[top + 1][column] == "│"
        return light and ("┏━ Summary" in s or any(line[column + 1 :].startswith("┃") for line in s.splitlines()))

    tmux.wait(focus_moved, 10, "the list's edge light and the summary's heavy")
    if env == {"TERM": "xterm-256color"}:  # once: the terminal hand-overs do not depend on colours
        check_pager_and_suspend(tmux, path, record)


def pager_that_records(tmp_path: Path) -> tuple[str, Path]:
    """A $PAGER value running a script that writes the arguments it was given to a file."""
    record = tmp_path / "pager-args.txt"
    pager = tmp_path / "pager.py"
    pager.write_text(
        f"import sys\nopen({str(record)!r}, 'w', encoding='utf-8').write('\\n'.join(sys.argv[1:]))\n",
        encoding="utf-8",
    )
    return f"'{sys.executable} {pager}'", record


def check_pager_and_suspend(tmux: Tmux, path: str, record: Path) -> None:
    """`o` hands the terminal to the pager with the path as one argument; ctrl+z suspends."""
    before = (Path(path).read_bytes(), Path(path).stat().st_mtime_ns)
    tmux("send-keys", "-t", "main", "o")
    deadline = time.monotonic() + 15
    while not record.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert record.read_text(encoding="utf-8") == path  # one argument: the article's absolute path
    tmux.wait(lambda s: "Summary ·" in s, 15, "the interface back after the pager")
    assert (Path(path).read_bytes(), Path(path).stat().st_mtime_ns) == before

    # Right after the pager, the terminal is handed back while the app restarts its input: a key
    # sent in that moment can be lost, so press again until the interface is suspended.
    deadline = time.monotonic() + 30
    while "Summary ·" in tmux.screen():
        assert time.monotonic() < deadline, f"the interface was not suspended:\n{tmux.screen()}"
        tmux("send-keys", "-t", "main", "C-z")
        with contextlib.suppress(AssertionError):
            tmux.wait(lambda s: "Summary ·" not in s, 3, "the interface suspended")
    state = tmux("display-message", "-p", "-t", "main", "#{pane_dead}").strip()
    assert state == "0"  # stopped, not ended

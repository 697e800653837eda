"""Articles and file names that try to act on the terminal, written for these tests, and a
look at the process tree (/proc) for the tests of worker lifetimes.

Each control sequence sits among plenty of ordinary Vietnamese text, so the loader's binary
check (more than 1% control characters) lets the file through, as an attacker would arrange.
"""

from __future__ import annotations

import base64
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

CLIPBOARD_PAYLOAD = "rm -rf ~ # hostile"
OSC52 = "\x1b]52;c;" + base64.b64encode(CLIPBOARD_PAYLOAD.encode()).decode() + "\x07"
OSC0 = "\x1b]0;HOSTILE-TITLE\x07"
CLEAR = "\x1b[2J"
OSC8 = "\x1b]8;;https://example.invalid/\x1b\\bấm vào đây\x1b]8;;\x1b\\"
C1_CSI = "\x9b2J"
C1_OSC = "\x9d0;HOSTILE-C1\x9c"
BIDI = "\u202egnp.exe\u202c"

# Distinct paragraphs: a paragraph printed again would be set aside as a repeat, with a note.
_PARAGRAPHS = tuple(
    f"Sáng {day}/3, Sở Kế hoạch và Đầu tư tỉnh Bình Định tổ chức hội nghị sơ kết công tác {topic}. "
    f"Ông Lê Minh Tuấn, Giám đốc Sở, cho biết tổng vốn đầu tư trên địa bàn tăng {rise}% so với cùng kỳ. "
    f"Nhiều dự án {project} đã được đẩy nhanh tiến độ giải phóng mặt bằng trong tháng qua.\n\n"
    for day, topic, rise, project in [
        (14, "quý một", 12, "hạ tầng giao thông"),
        (15, "thu hút đầu tư", 9, "khu công nghiệp"),
        (16, "cải cách hành chính", 7, "nhà ở xã hội"),
        (17, "chuyển đổi số", 15, "cấp nước sạch"),
        (18, "xây dựng nông thôn mới", 11, "đê kè ven biển"),
        (19, "phát triển du lịch", 8, "bến cảng"),
        (20, "giải ngân vốn công", 13, "trường học"),
        (21, "bảo vệ môi trường", 6, "bệnh viện tuyến tỉnh"),
    ]
)


def hostile_article() -> str:
    """A headline with an OSC 0 title change, then body text carrying every other sequence."""
    return (
        f"Bình Định sơ kết công tác đầu tư quý một {OSC0}\n\n"
        + "".join(_PARAGRAPHS[:4])
        + f"Ông Lê Minh Tuấn nhấn mạnh {OSC52} rằng kinh tế tỉnh tăng trưởng ổn định {CLEAR}. "
        + f"Người dân có thể xem chi tiết {OSC8} trên cổng thông tin {C1_CSI} của tỉnh {C1_OSC}. "
        + f"Tệp đính kèm {BIDI} đã được gửi tới các sở, ngành liên quan.\n\n"
        + "".join(_PARAGRAPHS[4:])
    )


# What must never reach a terminal: C0 but tab and newline, DEL, C1, bidi overrides and
# isolates, and lone surrogates (which a UTF-8 stream cannot even encode).
_ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def active_characters(text: str) -> list[str]:
    """The characters of ``text`` a terminal could act on (empty when ``text`` is safe to show)."""
    return _ACTIVE.findall(text)


def parent_of(pid: int) -> int:
    # the command name (in parentheses) may hold spaces: the fields after it are fixed
    return int(Path(f"/proc/{pid}/stat").read_bytes().rpartition(b")")[2].split()[1])


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                children.setdefault(parent_of(int(entry)), []).append(int(entry))
            except OSError:  # ended meanwhile
                continue
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def wait_until(predicate: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out: {what}")
        time.sleep(0.05)

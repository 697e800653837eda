"""`t`: the outline of a long report, and enter jumping the article to a heading."""

from __future__ import annotations

from pathlib import Path

import app_helpers
from app_helpers import SIZE, make_app, reader, wait_for, wait_for_summary
from textual.widgets import OptionList

from tui.app.screens.outline import OutlineScreen
from tui.app.widgets.article_view import ArticleView

isolated_env = app_helpers.isolated_env

TOPICS = ["hồ sơ trực tuyến", "thủ tục một cửa", "hạ tầng mạng", "kỹ năng số", "vốn đầu tư", "kế hoạch mới"]


def _paragraph(section: int, number: int) -> str:
    topic = TOPICS[(section + number) % len(TOPICS)]
    return (
        f"Trong quý {number + 1}, xã đã triển khai {section * 4 + number + 3} việc về {topic} "
        f"ở thôn số {section + number + 1}. Kết quả này giúp {10 * number + section + 20} hộ dân "
        f"được hưởng lợi, và cán bộ phụ trách {topic} đã báo cáo đầy đủ với lãnh đạo xã."
    )


def _report() -> str:
    sections = ["I. KẾT QUẢ ĐẠT ĐƯỢC", "1. Công tác cải cách hành chính", "2. Công tác chuyển đổi số"]
    sections += ["II. HẠN CHẾ, TỒN TẠI", "III. PHƯƠNG HƯỚNG NĂM 2025"]
    body = "\n\n".join(
        f"{title}\n\n" + "\n\n".join(_paragraph(n, k) for k in range(4)) for n, title in enumerate(sections)
    )
    return "Báo cáo tổng kết công tác năm 2024 của Ủy ban nhân dân xã\n\n" + body + "\n"


async def test_outline_lists_headings_and_jumps_to_one(isolated_env: Path) -> None:
    path = isolated_env / "bao-cao.txt"
    path.write_text(_report(), encoding="utf-8")
    app = make_app([str(path)])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_summary(pilot, str(path))
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, OutlineScreen))
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(prompts) == 5
        heading, best = prompts[-1].split("\n")
        assert heading.startswith("III. PHƯƠNG HƯỚNG NĂM 2025")
        last_section = _report().split("III. PHƯƠNG HƯỚNG NĂM 2025")[1]
        assert best.strip().rstrip("…") in last_section  # the section's best sentence, not another's
        await pilot.press("end", "up", "enter")  # II.: far enough from the end to reach the top
        await wait_for(pilot, lambda: not isinstance(app.screen, OutlineScreen))
        article = reader(app).query_one(ArticleView)
        await pilot.pause()
        top = article.scroll_offset.y - len(article._header_lines)
        assert top > 0
        start, end = article._body_lines[top]
        # the heading line itself at the top, though the cleaner keeps it out of the body paragraphs
        assert article.text[start:end].strip() == "II. HẠN CHẾ, TỒN TẠI"
        styles = [span.style for span in article.body_content().spans if span.start <= start < span.end]
        assert "bold" in styles  # shown as a heading
        assert reader(app).focused is article

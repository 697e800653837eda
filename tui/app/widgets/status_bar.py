"""One line above the footer: articles, progress of the analysis, filter, current mark."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.content import Content
from textual.widgets import Static

from tui.core.safe_text import one_line


@dataclass(frozen=True)
class Status:
    total: int = 0
    position: int = 0  # the list cursor's row (1-based) among ``listed``; 0: none
    listed: int = 0
    done: int = 0
    failed: int = 0
    shown: int | None = None  # rows left by the filter
    query: str = ""
    algorithm: str = ""  # as export.algorithm_label gives it: ``lexrank→ranker`` when another one ran
    count: int = 0
    marks: str = ""
    view: str = ""  # the list's filters and order besides the text filter
    walking: bool = False  # articles are still being found: the counts grow
    notice: str = ""  # shown alone for a moment (a copy went to the clipboard): covers no text


class StatusBar(Static):
    """Counts and state; plain text so nothing in it can be read as markup."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        padding: 0 1;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.status = Status()

    def set(self, **changes: object) -> None:
        self.status = replace(self.status, **changes)  # type: ignore[arg-type]
        self.update(self.render_status(), layout=False)

    def render_status(self) -> Content:
        s = self.status
        if s.notice:
            return Content(s.notice)
        more = "…" if s.walking else ""
        parts = [f"{s.total}{more} article{'s' if s.total != 1 else ''}"]
        if s.position:
            parts[0] = (
                f"{s.position}/{s.listed}{f' of {s.total}' if s.listed != s.total else ''}{more} {parts[0].split()[1]}"
            )
        if s.done + s.failed < s.total:
            parts.append(f"analysed {s.done + s.failed}/{s.total}")
        else:
            parts.append("all analysed")
        if s.failed:
            parts.append(f"{s.failed} failed")
        if s.query:
            parts.append(f"filter “{s.query}”: {s.shown}")
        if s.view:
            parts.append(s.view)
        if s.marks:
            parts.append(s.marks)
        parts.append(f"{s.algorithm} ×{s.count}")
        parts.append("? help")
        return Content(one_line(" │ ".join(parts)))  # the filter is typed or pasted: it may hold controls

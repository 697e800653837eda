"""Where the article sits on a page given as text: its body, the headline above it, date and byline.

A page saved as text holds the article among menus, related links and footers.
The body is found by text density, as jusText and trafilatura do on HTML: a run
of long lines with sentence punctuation outweighs the short link lines around
it. The headline, the date and the byline are then looked for just above the
body (and the byline also just below it), so a timestamp in a related-news list
or a menu line is never taken for them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tui.core.furniture import (
    AUTHOR_SEPARATOR,
    BREADCRUMB_SEPARATOR,
    BYLINE_LABEL,
    CAPTION_CUE,
    COLLECTIVE_BYLINE,
    NAME_TITLES,
    SOURCE_BYLINE,
    SOURCE_CUE,
    first_date,
    is_date_line,
    parse_date,
    split_dated_byline,
)
from tui.core.lines import SENTENCE_END, Line, Reason, looks_like_body

_KICKER_OCCASION = re.compile(r"^(?:nhân|kỷ\s*niệm|chào\s*mừng|hướng\s*tới|tiến\s*tới|chào\s*đón)\b", re.IGNORECASE)
_INNER_SENTENCE_END = re.compile(r"[\w)”\"][.!?…](?:/\.)?['\"”’)\]]*\s+\S")
_CREDIT_AFTER_NAME = re.compile(r"\s+(?:Ảnh|ẢNH|Video|VIDEO|Clip|CLIP|Đồ họa|Infographic)\b")
_PUNCTUATED = re.compile(r"\w[.,;:!?…]")
_HEADLINE_END = re.compile(r"(?:[!?…]|\.\.\.)['\"”’)\]]*$")
_CAPTION_MAX_WORDS = 30
# A headline repeating the page's title: most of its words in the title and most of the title's in it
# (the title may add the site's name, or word the headline slightly differently).
_ECHO_MIN_WORDS = 5
_ECHO_SHARE = 0.8
_ECHO_TITLE_SHARE = 0.6
_ABOVE_ECHO = 2
_BETWEEN_MAX = 6  # lines between a headline and its body: sapo, date, byline, author boxes
_SECTION_WORDS = 5  # a section's name beside a date line
_HEADER_LINES = 8  # kicker, breadcrumb, headline, sapo, byline, date: what a page prints above the body
_SHORT_LINE_WORDS = 3  # a menu item or a category label
_TITLE_MIN_WORDS = 4
_HEADLINE_MAX_WORDS = 25
_LABEL_MAX_WORDS = 4  # a section label over the headline (``Tin tức sự kiện``) is this short
_KICKER_LINES = 2  # a category and a breadcrumb right above the headline; menus are further up
_LINK_PENALTY = 60  # characters of prose one short non-prose line outweighs
_NAME_MAX_SYLLABLES = 5
_BYLINE_MAX_WORDS = 25  # a name with the writer's titles and post
_BYLINE_MAX_CHARS = 1000  # the same with its credits and notes, generously


@dataclass(frozen=True)
class Header:
    """What the lines above (and just below) the body say about the article."""

    title: Line | None
    kickers: tuple[Line, ...]
    date: dt.date | None
    date_text: str | None
    author: str | None
    author_line: Line | None


def body_region(lines: list[Line]) -> tuple[int, int] | None:
    """Indexes ``[first, last]`` of the densest run of prose lines, or None when no line is prose.

    Each remaining line weighs its length when it reads as prose and minus a short
    line's worth when it does not (menus, links, labels); the best-scoring run
    (Kadane's maximum subarray) is the article body.
    """
    best = (0.0, -1, -1)
    run_score, run_start = 0.0, -1
    for index, line in enumerate(lines):
        if line.removed is not None:
            continue
        weight = _weight(line)
        if run_start < 0 or run_score <= 0:
            run_score, run_start = 0.0, index
        run_score += weight
        if weight > 0 and run_score > best[0]:
            best = (run_score, run_start, index)
    if best[1] < 0:
        return None
    first = best[1]
    while lines[first].removed is not None or _weight(lines[first]) <= 0:
        first += 1
    return first, best[2]


def is_prose(line: Line) -> bool:
    """A line of prose: ``looks_like_body``, or a dozen words holding a sentence end (a byline or
    an unfinished last sentence may follow it)."""
    if not _PUNCTUATED.search(line.text):
        return False  # a menu bar flattened into one line runs long but never punctuates
    return looks_like_body(line.text) or (line.words >= 12 and bool(_INNER_SENTENCE_END.search(line.text)))


def _weight(line: Line) -> float:
    if is_prose(line):
        return float(len(line.text))
    if line.words >= 6 and line.text[-1:] in ".;:,":
        return 0.0  # a list item or a short sentence: neither prose nor furniture
    return -float(min(_LINK_PENALTY, max(len(line.text), 20)))


def question_headline(text: str) -> bool:
    """A first line asking or exclaiming ("…, tôi phải làm thế nào?"): news headlines do, a body's
    first sentence rarely does, and it would then be a paragraph of more words."""
    return len(text.split()) < _CAPTION_MAX_WORDS and bool(_HEADLINE_END.search(text))


def read_header(lines: list[Line], first: int, last: int) -> Header:
    """Mark the kickers, headline, date and byline around the body ``lines[first..last]``."""
    echo = echoed_headline(lines, first)
    title: Line | None
    kickers: list[Line]
    if echo is not None:
        echo.removed = None  # the headline, even where the page repeats it (share text, breadcrumbs)
        above = [line for line in lines[:first] if line.removed is None]
        above = above[max(0, above.index(echo) - _ABOVE_ECHO) :]  # a date line may sit above the headline
        title, kickers = echo, []
    else:
        above = [line for line in lines[:first] if line.removed is None][-_HEADER_LINES:]
        title, kickers = _choose_title([line for line in above if not _dated(line.text)])
    below = [line for line in lines[last + 1 :] if line.removed is None][:3]
    zone = _near_headline(above, kickers[0] if kickers else title)
    for line in above:
        if line not in zone and line.removed is None:
            line.removed = Reason.BOILERPLATE  # menus and boxes further up the page
    for line in kickers:
        line.removed = Reason.KICKER
    if title is not None:
        title.removed = Reason.TITLE
    date, date_text, fused_author = _mark_date(zone, lines[first : last + 1], below)
    author_line = _mark_author_above(zone)
    names: list[str] = []
    if author_line is None and fused_author is None and title is not None:
        author_line, names = _names_above_body(lines[lines.index(title) + 1 : first])
    if title is not None:
        for line in zone[zone.index(title) + 1 :]:
            if line.removed is None:
                line.removed = Reason.CAPTION  # between headline and body: a caption or a lone label
    author = fused_author or (" - ".join(names) if names else None)
    author = author or (byline_name(author_line.text) if author_line else None)
    return Header(title, tuple(kickers), date, date_text, author, author_line)


def _names_above_body(between: list[Line]) -> tuple[Line | None, list[str]]:
    """Authors printed one per line between the headline and the body (``NHẬT XUÂN`` / ``NGHI VŨ``,
    some lines repeated by the page's author boxes): the last name line, and every name once."""
    if len(between) > _BETWEEN_MAX:
        return None, []
    named = [(line, name) for line in between if (name := byline_name(line.text))]
    if not named or between[-1] is not named[-1][0]:
        return None, []  # the names must lead into the body, as a byline does
    for line, _ in named:
        line.removed = Reason.BYLINE
    return named[-1][0], list(dict.fromkeys(name for _, name in named))


def echoed_headline(lines: list[Line], first: int) -> Line | None:
    """On a whole page saved as text, the headline the page's first line (its ``<title>``, often
    with the site's name after it) names again above the body: the nearest such line.

    Menus, section names and share buttons never repeat the title; the headline does."""
    if first < 2 or lines[0].words < _ECHO_MIN_WORDS:
        return None
    for line in reversed(lines[1:first]):
        if not _dated(line.text) and echoes(line.text, lines[0].text):
            return line
    return None


def echoes(headline: str, title: str) -> bool:
    """``headline`` names what ``title`` names: most of its words are the title's and most of the
    title's are its own (the title may add the site's name or word the headline a little differently)."""
    words, named = _word_set(headline), _word_set(title)
    shared = len(words & named)
    return (
        len(words) >= _ECHO_MIN_WORDS
        and shared >= _ECHO_SHARE * len(words)
        and shared >= _ECHO_TITLE_SHARE * len(named)
    )


def _word_set(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _item_headline(text: str) -> bool:
    """A related item's headline: several words in sentence case (not a section label in capitals)."""
    return len(text.split()) >= _TITLE_MIN_WORDS + 1 and not text.isupper()


def _dated(text: str) -> bool:
    return is_date_line(text) or split_dated_byline(text) is not None


def _near_headline(above: list[Line], top: Line | None) -> list[Line]:
    """The lines from the kicker (or headline) down to the body, and a date line right above
    them unless it is the timestamp of an item further up (a line the headline search left out)."""
    if top is None:
        return above
    start = above.index(top)
    if start > 0 and _dated(above[start - 1].text):
        before = above[start - 2] if start > 1 else None
        if before is None or before.removed is None or _dated(before.text) or not _item_headline(before.text):
            start -= 1
    return above[start:]


def _mark_date(above: list[Line], body: list[Line], below: list[Line]) -> tuple[dt.date | None, str | None, str | None]:
    """The date nearest the headline: above the body first (nearest first), then the body's first
    lines, then just below it. Every date line there is kept out of the body."""
    found: tuple[dt.date | None, str | None, str | None] = (None, None, None)
    near_body = [line for line in body if line.removed is None][:3]
    for line in [*reversed(above), *near_body, *below]:
        if line.removed is not None:
            continue
        date_part: str | None = None
        name: str | None = None
        if is_date_line(line.text):
            date_part = line.text
        elif (fused := split_dated_byline(line.text)) and (
            (name := byline_name(fused[0])) or len(fused[0].split()) <= _SECTION_WORDS
        ):
            # A byline beside the date (``Đỗ Trung • 07:12 ngày 24/03/2024``), or the section's name
            # (``07-03-2026 - 00:01 AM | Thị trường chứng khoán``); a related story's headline and its
            # timestamp (``Giá cá ngừ tăng mạnh đầu mùa biển - 06/03/2026``) is neither.
            date_part = fused[1]
        if date_part is None:
            continue
        line.removed = Reason.DATE
        parsed = first_date(date_part)
        if found[0] is None and parsed is not None:
            found = (parsed[0], line.text, name)
        elif found[2] is None and name:
            found = (found[0], found[1], name)  # the date came first; the byline is further from the headline
    return found


def _mark_author_above(zone: list[Line]) -> Line | None:
    """A byline above the body: a name line right after the headline or next to the date line."""
    for index, line in enumerate(zone):
        if line.removed is not None or not byline_name(line.text):
            continue
        neighbours = [zone[k].removed for k in (index - 1, index + 1) if 0 <= k < len(zone)]
        if Reason.DATE in neighbours or (index > 0 and zone[index - 1].removed is Reason.TITLE):
            line.removed = Reason.BYLINE
            return line
    return None


def _choose_title(candidates: list[Line]) -> tuple[Line | None, list[Line]]:
    """The headline among the lines above the body, and the kicker lines above it.

    The headline is the first line of a few words after the menus and category labels
    (short lines), unless that line reads like the standfirst (long, or a full sentence)
    and is only below share buttons: then the first line of a few words is. Breadcrumbs
    and occasion lines are kickers.
    """
    if not candidates:
        return None, []
    pool = [i for i, line in enumerate(candidates) if line.words >= _TITLE_MIN_WORDS and not _is_kicker(line)]
    short = [i for i, line in enumerate(candidates) if _is_kicker(line)]
    if not pool:
        pick = len(candidates) - 1  # a lone short line is still the best headline there is
    else:
        after = [i for i in pool if not short or i > short[-1]]
        pick = after[0] if after else pool[0]
        if pick != pool[0] and _standfirst(candidates[pick]):
            pick = pool[0]
        following = candidates[pick + 1] if pick + 1 < len(candidates) else None
        if candidates[pick].words <= _LABEL_MAX_WORDS and following is not None and _fuller_headline(following):
            pick += 1  # ``Tin tức sự kiện`` over the headline: a section label of a few words
    title = candidates[pick]
    kickers: list[Line] = []
    for line in reversed(candidates[:pick]):
        if len(kickers) == _KICKER_LINES or not (_is_kicker(line) or line.words <= _LABEL_MAX_WORDS):
            break
        kickers.insert(0, line)
    for line in candidates[:pick]:
        if line not in kickers:
            line.removed = Reason.BOILERPLATE  # menus and site lines further above the headline
    return title, kickers


def _fuller_headline(line: Line) -> bool:
    return (
        line.words > _LABEL_MAX_WORDS + 1
        and not _standfirst(line)
        and not CAPTION_CUE.match(line.text)
        and not _is_kicker(line)
    )


def _standfirst(line: Line) -> bool:
    return line.words > _HEADLINE_MAX_WORDS or bool(SENTENCE_END.search(line.text))


def _is_kicker(line: Line) -> bool:
    """A category label (``Kinh doanh``), a breadcrumb (``Trang chủ > Thời sự``) or an occasion line."""
    if _KICKER_OCCASION.match(line.text):
        return True
    if re.search(r"\d", line.text):
        return False
    if line.words <= _SHORT_LINE_WORDS:
        return True
    parts = BREADCRUMB_SEPARATOR.split(line.text)
    if len(parts) > 1 and all(len(part.split()) <= 4 for part in parts):
        return True
    dashed = re.split(r"\s+[-–]\s+", line.text)
    return len(dashed) > 1 and line.words <= 6


def byline_name(text: str) -> str | None:
    """The author(s) a byline line names (``THUẬN VĂN - LÊ ÁNH``, ``Bài: Minh Anh``), or None."""
    if len(text) > _BYLINE_MAX_CHARS:
        return None  # a paragraph (a whole file without line breaks would be read through for dates)
    text = BYLINE_LABEL.sub("", text.strip()).strip()
    if parse_date(text) is not None:
        return None  # "Yên Hòa, ngày 15 tháng 12 năm 2025" is a date line (a byline fused with a date is split first)
    if SOURCE_CUE.match(text) or COLLECTIVE_BYLINE.match(text):
        return None  # "Theo Dân Trí": a source; see is_source_line
    text = _CREDIT_AFTER_NAME.split(text)[0]  # "Hoàng Cường Ảnh, Video: …": the photo credit after the name
    if not text or len(text.split()) > _BYLINE_MAX_WORDS or re.search(r"[.!?;:]$", text):
        return None
    # "Minh Anh (tổng hợp)", "Hà Linh (theo Reuters)": the name before the note.
    bare = re.sub(r"\s*\([^()]{1,40}\)$", "", text).strip()
    bare = re.sub(r"\s*[,-–]\s*(?:theo|nguồn)\b.*$", "", bare, flags=re.IGNORECASE)  # "Hòa An, Theo X": the source
    # "Thu Hằng/TTXVN": the writer, then the agency.
    bare_name = re.sub(r"\s*/\s*[A-ZĐ]{2,}[\w-]*$", "", bare)
    # "Nguyễn Văn A, phóng viên": the name(s) before the first comma, then what the writer is.
    head = bare_name.split(",")[0].strip()
    parts = [part for part in AUTHOR_SEPARATOR.split(head) if part.strip()]
    return bare if parts and all(_name(part) for part in parts) else None


def _name(part: str) -> bool:
    name = NAME_TITLES.sub("", part).strip()
    syllables = name.split()
    if not 2 <= len(syllables) <= _NAME_MAX_SYLLABLES or re.search(r"\d", name):
        return False
    return all(s[0].isupper() and s[0].isalpha() for s in syllables) and not CAPTION_CUE.match(name)


def is_anonymous_byline(text: str) -> bool:
    """``Nhóm PV``, ``PV``, ``Theo VnExpress``: a byline that names no writer."""
    return is_source_line(text) or bool(COLLECTIVE_BYLINE.match(text.strip()) and len(text.split()) <= 4)


def is_source_line(text: str) -> bool:
    """``Theo VnExpress``, ``(Nguồn: Bộ Y tế)``: a credit to the source, not to a person."""
    return len(text.split()) <= 12 and not re.search(r"[.!?;:]$", text) and bool(SOURCE_BYLINE.match(text))

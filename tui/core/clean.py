"""Turn a text file into a Document: headline, date, author, body paragraphs.

Texts arrive as news articles or whole pages saved as text (category kickers,
date lines, photo captions, bylines, the site's menus, comment forms and
footers) or as official documents (issuing body, motto, number, place and date,
recipients, signature). These rules recognise such lines by their shape and by
the vocabulary pages and documents use, never by the strings of particular ones.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Mapping

from tui.core.furniture import (
    CAPTION_CUE,
    COPYRIGHT,
    LINK_LINE,
    MENU_LINE,
    PAREN_CAPTION,
    PHOTO_CREDIT_TAIL,
    SOURCE_CUE,
    TAIL_START,
    is_date_line,
    parse_date,
)
from tui.core.lines import SENTENCE_END, Line, Reason, split_lines
from tui.core.model import Document, Heading, Removed, Span
from tui.core.official import read_official
from tui.core.page import (
    Header,
    body_region,
    byline_name,
    is_anonymous_byline,
    is_prose,
    question_headline,
    read_header,
)
from tui.core.readers.hints import apply_hints
from tui.core.signature import mark_signature_stamp

__all__ = ["clean", "parse_date"]

log = logging.getLogger(__name__)

_SHORT_LINE_WORDS = 10
_HEADING_MAX_WORDS = 12  # a menu item, form field or section heading is no longer than this
_CAPTION_MAX_WORDS = 30
_HEADLINE_MIN_WORDS = 5
_SITE_NAME_WORDS = 4
_FOOTER_MAX_WORDS = 40
_REPEAT_MIN_WORDS = 8  # a menu item or a label may come back anywhere on a page
_REPEAT_NEAR = 2  # copies of a line this close together are an image's alt text and legend
_KEPT_MIN_SHARE = 0.2  # below this share of what the shape rules judged, cleaning is not trusted
_KEPT_MIN_CHARS = 400
_BY_SHAPE = frozenset({Reason.CAPTION, Reason.REPEATED, Reason.KICKER})
# The end of the article's last sentence, then a byline on the same line (``… ./. Xuân Mai``).
_LAST_SENTENCE_END = re.compile(r"(?:[.!?…]|\./\.)['\"”’)\]]*\s+(?=\S[^.!?…]{1,60}$)")
_TAIL_BYLINE_MAX = 60
_BREADCRUMB = re.compile(r"^[^>»›]{1,40}(?:\s[>»›]\s[^>»›]{1,40})+$")


def clean(
    path: str,
    text: str,
    encoding: str = "utf-8",
    notes: tuple[str, ...] = (),
    *,
    format: str = "text",
    metadata: Mapping[str, str] | None = None,
    headings: tuple[Heading, ...] = (),
) -> Document:
    """Split ``text`` into metadata, body paragraphs and removed page furniture.

    ``format``, ``metadata`` and ``headings`` come from the file's reader: a title, date or
    author the file states wins over the guesses below (``readers.hints``)."""
    lines = split_lines(text)
    mark_signature_stamp(lines)
    official = read_official(lines)
    if official is not None:
        header = official.header
        found = official.metadata
    else:
        header = _read_page(lines)
        found = {}
    notes = (*notes, *_keep_if_lost(lines))
    title = header.title
    body = tuple(Span(line.start, line.end) for line in lines if line.removed is None)
    removed = tuple(
        Removed(line.start, line.end, str(line.removed))
        for line in lines
        if line.removed is not None and line.removed is not Reason.TITLE
    )
    document = Document(
        path=path,
        text=text,
        encoding=encoding,
        title=_title_text(official.title if official else title.text if title else None),
        title_span=Span(title.start, title.end) if title else None,
        subtitle=" · ".join(line.text for line in header.kickers) or None,
        date=header.date,
        date_text=header.date_text,
        author=header.author,
        author_span=Span(header.author_line.start, header.author_line.end) if header.author_line else None,
        paragraphs=body,
        removed=removed,
        notes=notes,
        metadata=found,
    )
    return apply_hints(document, format, metadata or {}, headings)


def _title_text(title: str | None) -> str | None:
    """The headline without Markdown heading marks (``# Tiêu đề``) and without the site's name
    that a page's own title adds after a bar (``Tiêu đề | Báo X``)."""
    if title is None:
        return None
    title = re.sub(r"^#{1,6}\s+", "", title).strip()
    headline, bar, site = title.rpartition(" | ")
    if bar and len(site.split()) <= _SITE_NAME_WORDS and len(headline.split()) >= _HEADLINE_MIN_WORDS:
        title = headline.strip()
    return title or None


def _read_page(lines: list[Line]) -> Header:
    """A news article or a whole page saved as text."""
    _mark_furniture(lines)
    _mark_repeated(lines)
    region = body_region(lines)
    if region is None:
        return _read_lines_only(lines)
    first, last = region
    first = _after_question_headline(lines, first, last)
    last = _mark_tail(lines, first, last)
    last = _extend_body(lines, last)
    header = read_header(lines, first, last)
    for line in lines[:first]:
        if line.removed is None:
            line.removed = Reason.BOILERPLATE  # above the header: the site's menus
    for line in lines[first : last + 1]:
        if line.removed is None and is_date_line(line.text):
            line.removed = Reason.DATE
    trailing = _mark_trailing_byline(lines, last)
    for line in lines[last + 1 :]:
        if line.removed is None:
            line.removed = Reason.BOILERPLATE  # below the body: related links, footers
    _mark_captions(lines)
    if header.author is None and trailing is not None:
        header = Header(header.title, header.kickers, header.date, header.date_text, trailing[0], trailing[1])
    return header


def _read_lines_only(lines: list[Line]) -> Header:
    """A text without a line of prose (notes, a list): the first line is the headline."""
    remaining = [line for line in lines if line.removed is None]
    title = remaining[0] if remaining else None
    if title is not None:
        title.removed = Reason.TITLE
    _mark_captions(lines)
    return Header(title, (), None, None, None, None)


def _mark_furniture(lines: list[Line]) -> None:
    """Lines that are furniture wherever they sit: menus, form fields, links, footers, parenthesised captions."""
    for line in lines:
        if _is_furniture(line.text):
            line.removed = Reason.BOILERPLATE
        elif PAREN_CAPTION.match(line.text):
            line.removed = Reason.CAPTION


def _is_furniture(text: str) -> bool:
    if not any(ch.isalnum() for ch in text):
        return True
    if _BREADCRUMB.search(text):
        return False  # ``Trang chủ > Thời sự``: the article's category, read with the headline
    words = len(text.split())
    if LINK_LINE.match(text) and words <= 40:
        return True
    if words <= _FOOTER_MAX_WORDS and COPYRIGHT.search(text):
        return True
    if words > _HEADING_MAX_WORDS:
        return False
    return bool(MENU_LINE.match(text)) or text.rstrip().endswith((": *", ":*"))


def _mark_repeated(lines: list[Line]) -> None:
    """A line printed twice close together is a photo caption (the image's alt text and its
    legend): every copy goes. A paragraph printed again further down (an article pasted several
    times) keeps its first copy."""
    seen: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if line.removed is None:
            seen.setdefault(line.text, []).append(index)
    for copies in seen.values():
        if len(copies) < 2:
            continue
        near = any(b - a <= _REPEAT_NEAR for a, b in itertools.pairwise(copies))
        if near:
            for index in copies:
                lines[index].removed = Reason.CAPTION
        elif lines[copies[0]].words >= _REPEAT_MIN_WORDS:
            for index in copies[1:]:
                lines[index].removed = Reason.REPEATED


def _after_question_headline(lines: list[Line], first: int, last: int) -> int:
    """When the body would start with a line that asks or exclaims and no headline-like line is
    above it (only menus and labels), or with the file's first line and that line does not end
    like a sentence, that line is the headline: the body starts at the next remaining line."""
    if first >= len(lines):
        return first
    above = [line for line in lines[:first] if line.removed is None]
    text = lines[first].text
    if question_headline(text):
        headline_above = any(line.words >= _HEADLINE_MIN_WORDS and not is_date_line(line.text) for line in above)
        if headline_above:
            return first
    elif above or SENTENCE_END.search(text) or lines[first].words >= _CAPTION_MAX_WORDS:
        return first
    return next((i for i in range(first + 1, last + 1) if lines[i].removed is None), first)


def _mark_tail(lines: list[Line], first: int, last: int) -> int:
    """A heading such as ``Tin liên quan`` after the body starts ends the article: it and
    everything below are furniture. Returns the body's last line."""
    for index in range(first, len(lines)):
        line = lines[index]
        if line.removed is None and line.words <= _HEADING_MAX_WORDS and TAIL_START.match(line.text):
            for later in lines[index:]:
                if later.removed is None:
                    later.removed = Reason.BOILERPLATE
            return min(last, index - 1)
    return last


def _extend_body(lines: list[Line], last: int) -> int:
    """Take in the short sentences that end an article after its last long paragraph."""
    index = last + 1
    while index < len(lines):
        line = lines[index]
        if line.removed is None:
            if not (line.words >= 6 and (SENTENCE_END.search(line.text) or is_prose(line))):
                break
            last = index
        index += 1
    return last


def _mark_trailing_byline(lines: list[Line], last: int) -> tuple[str | None, Line] | None:
    """The byline under the body (a name or a source line on its own line), or fused to the end
    of the last paragraph (``… cho biết. Minh Anh``). Returns the author's name (None for a
    source) and the line marked as byline."""
    # The next lines still standing: repeated captions already set aside do not push the byline away.
    below = [line for line in lines[last + 1 :] if line.removed is None][:3]
    body = [line for line in lines[: last + 1] if line.removed is None]
    for line in [*below, *body[-1:]]:
        name = byline_name(line.text)
        if name or is_anonymous_byline(line.text):
            if line in body and len(body) < 2:
                return None
            line.removed = Reason.BYLINE
            return name or _source_author(line.text), line
        if line in below:
            if not _is_caption_line(line):
                break
            line.removed = Reason.CAPTION  # a photo under the last paragraph, above the byline
    if body:
        return _split_fused_byline(lines, body[-1])
    return None


def _source_author(text: str) -> str | None:
    """``Theo Đình Thảo (Dân Trí)``: the writer named before the outlet; ``Theo TTXVN``: no one."""
    rest = SOURCE_CUE.sub("", text, count=1).strip()
    match = re.match(r"^(.+?)\s*\([^()]{1,40}\)$", rest)
    return byline_name(match.group(1)) if match else None


def _split_fused_byline(lines: list[Line], line: Line) -> tuple[str | None, Line] | None:
    """Cut a byline written after the last sentence of the last paragraph into a line of its own."""
    window = max(0, len(line.text) - _TAIL_BYLINE_MAX - 8)  # the byline sits in the line's last characters
    ends = list(_LAST_SENTENCE_END.finditer(line.text, window))
    if not ends:
        return None
    cut = ends[-1].end()
    tail = line.text[cut:].strip()
    if len(tail) > _TAIL_BYLINE_MAX:
        return None
    name = byline_name(tail)
    if not name and not is_anonymous_byline(tail):
        return None
    byline = Line(line.start + cut, line.end, tail, line.block, Reason.BYLINE)
    line.retext(line.text[:cut].rstrip())
    lines.insert(lines.index(line) + 1, byline)
    return name or _source_author(tail), byline


def _mark_captions(lines: list[Line]) -> None:
    blocks: dict[int, list[Line]] = {}
    for line in lines:
        if line.removed is None:
            blocks.setdefault(line.block, []).append(line)
    for block in blocks.values():
        joined = " ".join(line.text for line in block)
        if len(joined.split()) <= _CAPTION_MAX_WORDS and not SENTENCE_END.search(joined):
            for line in block:
                line.removed = Reason.CAPTION
            continue
        for line in block:
            if _is_caption_line(line):
                line.removed = Reason.CAPTION


def _is_caption_line(line: Line) -> bool:
    if line.words <= _SHORT_LINE_WORDS:
        return True
    if line.words <= 25 and CAPTION_CUE.match(line.text):
        return True
    return line.words <= _CAPTION_MAX_WORDS and bool(PHOTO_CREDIT_TAIL.search(line.text))


def _keep_if_lost(lines: list[Line]) -> tuple[str, ...]:
    """When the rules that judge a line by its shape (captions, repeats, labels) would leave
    little body, keep those lines as body and say so: losing a file's content silently is worse
    than showing a caption. Lines recognised as furniture by what they say (menus, footers,
    related links, a document's header and signature) stay out."""
    total = sum(line.end - line.start for line in lines)
    kept = sum(line.end - line.start for line in lines if line.removed is None)
    doubtful = [line for line in lines if line.removed in _BY_SHAPE]
    judged = kept + sum(line.end - line.start for line in doubtful)
    if not doubtful or kept >= _KEPT_MIN_CHARS or kept >= _KEPT_MIN_SHARE * judged:
        return ()
    for line in doubtful:
        line.removed = None
    share = 100 * (total - kept) // total
    log.info("cleaning would have dropped %d%% of the text; kept it as body", share)
    return (f"cleaning would have dropped {share}% of the text as captions or repeats; kept it as body",)

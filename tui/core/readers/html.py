"""Saved web pages: the article's main text, title, date and author from the markup (trafilatura).

trafilatura finds the body by text density and reads the metadata (``<meta>`` tags,
JSON-LD, ``<time>``), which is far more reliable than guessing from the page's text.
Its XML output keeps ``<head>`` elements, which become headings. When it finds no
article (a page of links, a fragment), the page's visible text goes to the text cleaner.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from typing import Any

from tui.core.fold import fold
from tui.core.readers import Extracted, Format, Progress, TextBuilder
from tui.core.textfile import LoadError

log = logging.getLogger(__name__)

_SKIP_TAGS = ("script", "style", "noscript", "template", "svg", "head")
_CHARSET = re.compile(rb"<meta[^>]{0,200}charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)
# A visible byline element (``<p class="author">``, ``<span itemprop="author">``, ``data-role="author"``):
# the attribute, found by a plain scan, then the first text after it, past a few nested opening tags.
# Case-sensitive on purpose: a case-insensitive scan of a large non-ASCII page is ten times slower.
_BYLINE_WORD = re.compile(r"author|Author|AUTHOR|byline|Byline|tac-?gia")
_IN_ATTRIBUTE = re.compile(r"\b(?:class|itemprop|data-role|rel)\s*=\s*[\"'][^\"'<>]{0,80}$", re.IGNORECASE)
_ATTRIBUTE_END = re.compile(r"[^\"'<>]{0,80}[\"']")
_TEXT_AFTER_TAG = re.compile(r"[^<>]{0,300}>\s*(?:<(?!/)[^<>]{0,300}>\s*){0,4}([^<>]{3,80})<")
# Case-sensitive tag names (both spellings): a case-insensitive scan of a large non-ASCII page is slow.
_H1 = re.compile(r"<[hH]1\b[^>]{0,300}>(.{1,600}?)</[hH]1>", re.DOTALL)
_META_TAG = re.compile(r"<(?:meta|META)\b[^>]{0,400}>")
_PUBLISHED = re.compile(
    r"(?:itemprop|name|property)\s*=\s*[\"'](?:datePublished|pubdate|article:published_time)[\"']", re.IGNORECASE
)
_CONTENT = re.compile(r"\bcontent\s*=\s*[\"']([^\"']{6,40})[\"']", re.IGNORECASE)
_HEAD_CHARS = 65536  # meta tags sit in the page's head
_MONTHS = 12
_BYLINE_SCAN = 40  # byline elements tried; the article's own comes before related-news lists
# Parts of a markup author that name the site, not a writer: ``NLD COM VN``, ``Baodautu Vn``, ``VCCorp vn``.
_DOMAIN_WORD = re.compile(r"(?:^|\s|\.)(?:vn|com|net|org|online|news)$", re.IGNORECASE)
_SOURCE_WORD = re.compile(r"^(?:theo|nguồn)\s*:?\s+", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """A page's characters: its BOM or ``<meta charset>``, else UTF-8, else Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if match := _CHARSET.search(data[:4096]):
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass  # an unknown charset name: guess as below
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")


def read(path: str, data: bytes, progress: Progress | None = None) -> Extracted:
    import trafilatura
    from lxml import etree

    try:
        xml = trafilatura.extract(
            data,
            output_format="xml",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            # Dates from the markup only (meta tags, JSON-LD, <time>, the URL): htmldate's search
            # of the page's text takes a related-news timestamp for the article's date.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura and lxml raise many kinds on broken markup
        log.info("trafilatura failed on %s: %s", path, exc)
        xml = None
    if not xml:
        return _fallback(path, data)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return _fallback(path, data)
    metadata = {key: " ".join(str(root.get(key)).split()) for key in ("title", "date") if root.get(key)}
    if sitename := root.get("sitename"):
        metadata["site"] = sitename
    page = decode_html(data)
    if (title := metadata.get("title")) and (headline := visible_headline(page, title)):
        metadata["title"] = headline
    if stated := published_date(page[:_HEAD_CHARS]):
        metadata["date"] = stated  # the page's own statement, over htmldate's guesses (image and link URLs)
    sites = [str(root.get(key) or "") for key in ("sitename", "hostname")]
    if author := page_author(str(root.get("author") or ""), sites, page):
        metadata["author"] = author
    main = root.find("main")
    blocks = list(main) if main is not None else []
    if main is None or not "".join(main.itertext()).strip():
        return _fallback(path, data, metadata)
    builder = TextBuilder()
    builder.add(main.text or "")  # text directly inside <main>, before any block
    first_text = " ".join("".join(blocks[0].itertext()).split()) if blocks else ""
    if metadata.get("title") and first_text != metadata["title"]:
        builder.add(metadata["title"], 1)  # the headline leads the text, as on the page
    for element in blocks:
        _add_block(element, builder)
    notes: tuple[str, ...] = ()
    return Extracted(builder.text(), Format.HTML, "html", notes, metadata, tuple(builder.headings))


def visible_headline(page: str, title: str) -> str | None:
    """The page's ``<h1>`` when it words the stated title (``og:title``, ``<title>``) differently:
    the headline the reader sees."""
    from tui.core.page import echoes

    for match in _H1.finditer(page):
        text = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", match.group(1))).split())
        if text != title and echoes(text, title):
            return text
    return None


def published_date(head: str) -> str | None:
    """The publication date a page's meta tags state (``datePublished``, ``pubdate``,
    ``article:published_time``), as ISO; a US-style ``3/24/2024 7:12:35 AM`` is read month first."""
    for tag in _META_TAG.findall(head):
        if not _PUBLISHED.search(tag) or not (content := _CONTENT.search(tag)):
            continue
        value = content.group(1)
        if iso := re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value):
            numbers = [int(g) for g in iso.groups()]
        elif slashed := re.match(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})", value):
            first, second, year = (int(g) for g in slashed.groups())
            month_first = second > _MONTHS or (first <= _MONTHS and re.search(r"\b[AP]M\b", value, re.I))
            numbers = [year, first, second] if month_first else [year, second, first]
        else:
            continue
        try:
            return dt.date(*numbers).isoformat()
        except ValueError:
            continue
    return None


def page_author(stated: str, sites: list[str], page: str) -> str | None:
    """The writer(s) a page names: the people among its markup authors (``TUOI TRE ONLINE;
    Baotuoitre; NHẬT XUÂN; NGHI VŨ`` -> ``NHẬT XUÂN - NGHI VŨ``), else its visible byline element.

    Markup authors mix the site's name, its domain and the writers; a writer's name has two
    syllables or more and is neither the site's name nor its domain."""
    site_keys = {_alnum(site.removeprefix("www.").rsplit(".", 1)[0]) for site in sites if site}
    site_keys.discard("")
    people = []
    for part in re.split(r"\s*[;,]\s*", stated):
        name = _SOURCE_WORD.sub("", part.strip())
        key = _alnum(name)
        if len(name.split()) < 2 or _DOMAIN_WORD.search(name) or not key:
            continue
        if any(site in key or key in site for site in site_keys):
            continue
        people.append(name)
    if people:
        return " - ".join(people)
    return _byline_element(page)


def _byline_element(page: str) -> str | None:
    from tui.core.page import byline_name

    tried = 0
    for word in _BYLINE_WORD.finditer(page):  # a plain scan; the attribute is checked around each hit
        attribute = _ATTRIBUTE_END.match(page, word.end())
        if not attribute or not _IN_ATTRIBUTE.search(page, max(0, word.start() - 120), word.start()):
            continue
        tried += 1
        if tried > _BYLINE_SCAN:
            break
        tag_start = page.rfind("<", 0, word.start())
        if re.match(r"<(?:meta|link|img)\b", page[tag_start : tag_start + 6], re.IGNORECASE):
            continue  # no text of its own (``<meta name="author">`` is read by trafilatura)
        match = _TEXT_AFTER_TAG.match(page, attribute.end())
        if not match:
            continue
        text = " ".join(html.unescape(match.group(1)).split())
        if name := byline_name(text):
            return name
    return None


def _alnum(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold(text))


def _add_block(element: Any, builder: TextBuilder) -> None:
    tag = element.tag
    if tag == "head":
        rend = str(element.get("rend") or "h2")
        level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
        builder.add(" ".join("".join(element.itertext()).split()), level)
    elif tag == "table":
        for row in element.iter("row"):
            cells = [" ".join("".join(cell.itertext()).split()) for cell in row.iter("cell")]
            builder.add(" | ".join(cell for cell in cells if cell))
    elif tag == "list":
        for item in element.iter("item"):
            builder.add(" ".join("".join(item.itertext()).split()))
    else:
        builder.add("".join(element.itertext()))


def _fallback(path: str, data: bytes, metadata: dict[str, str] | None = None) -> Extracted:
    """The page's visible text, one line per block element, for the text cleaner to sort out."""
    import lxml.html
    from lxml import etree

    try:
        parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True)
        root = lxml.html.document_fromstring(decode_html(data).encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise LoadError(path, f"cannot parse HTML ({exc})") from None
    title = root.findtext(".//title") or ""
    for bad in root.xpath("|".join(f"//{tag}" for tag in _SKIP_TAGS)):
        bad.drop_tree()
    for block in root.xpath("//p|//div|//li|//br|//tr|//h1|//h2|//h3|//h4|//h5|//h6"):
        block.tail = "\n" + (block.tail or "")
    builder = TextBuilder()
    builder.add(root.text_content())
    metadata = dict(metadata or {})
    if title.strip():
        metadata.setdefault("title", " ".join(title.split()))
    note = "no article found by trafilatura: the page's whole text was read"
    return Extracted(builder.text(), Format.HTML, "html", (note,), metadata, ())

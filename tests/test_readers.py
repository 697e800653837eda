"""Each reader on a document of its format written by the test: text, metadata, headings, offsets."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from readers_fixtures import (
    AUTHOR,
    DATE_LINE,
    FONT,
    HEADING,
    PARAGRAPHS,
    TITLE,
    write_docx,
    write_odt,
    write_pdf,
)

from tui.core import readers
from tui.core.export import summary_json
from tui.core.loader import LoadError, find_articles, load_text
from tui.core.model import Document
from tui.core.pipeline import analyse, load_document
from tui.core.readers import container

needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVu Sans is needed to write Vietnamese PDFs")


def assert_offsets(document: Document) -> None:
    """Every span the document and its analysis give indexes ``text`` exactly."""
    text = document.text
    for heading in document.headings:
        assert " ".join(text[heading.start : heading.end].split()) == heading.text
    if document.title_span is not None:
        assert " ".join(text[document.title_span.start : document.title_span.end].split()) == document.title
    analysis = analyse(document, entities=False)
    assert analysis.sentences, "no sentences"
    for sentence in analysis.sentences:
        assert text[sentence.start : sentence.end] == sentence.text


HTML_PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<title>{TITLE} - Báo Điện tử Thử Nghiệm</title>
<meta property="og:title" content="{TITLE}">
<meta name="author" content="{AUTHOR}">
<meta property="article:published_time" content="2025-12-15T09:30:00+07:00">
</head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
<li><a href="/kinh-te">Kinh tế</a></li></ul></nav>
<article><h1>{TITLE}</h1>
<p>{PARAGRAPHS[0]}</p><h2>{HEADING}</h2><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p>
</article>
<aside><h3>Tin liên quan</h3>
<ul><li><a href="/a">Một tin khác hoàn toàn không liên quan 14/03/2024</a></li></ul></aside>
<footer><p>© 2025 Báo Điện tử Thử Nghiệm. Giấy phép số 123/GP-BTTTT.</p></footer>
</body></html>"""


def test_html_main_text_and_markup_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    document = load_document(str(path))
    assert document.format == "html"
    assert document.title == TITLE
    assert document.date is not None and document.date.isoformat() == "2025-12-15"
    assert document.author == AUTHOR
    assert document.metadata["author"] == AUTHOR
    assert [h.text for h in document.headings] == [TITLE, HEADING]
    assert "Trang chủ" not in document.text and "Giấy phép" not in document.text  # menus and footer left out
    assert "14/03/2024" not in document.text
    assert_offsets(document)


def test_html_date_never_comes_from_a_related_news_list(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    stated = '<meta property="article:published_time" content="2025-12-15T09:30:00+07:00">'
    assert stated in HTML_PAGE
    path.write_text(HTML_PAGE.replace(stated, ""), encoding="utf-8")
    document = load_document(str(path))
    assert document.date is None or document.date.isoformat() != "2024-03-14"
    assert "date" not in document.metadata


def test_html_without_an_article_falls_back_to_the_page_text(tmp_path: Path) -> None:
    path = tmp_path / "tiny.htm"
    path.write_text("<html><head><title>Thông báo</title></head><body><div>Lịch họp tuần</div></body></html>")
    loaded = load_text(str(path))
    assert loaded.format == "html"
    assert "Lịch họp tuần" in loaded.text
    assert "<div>" not in loaded.text


def test_markdown_title_headings_and_summary(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    body = "\n\n".join(PARAGRAPHS[1:])
    path.write_text(
        f"# {TITLE}\n\n{PARAGRAPHS[0]}\n\n## {HEADING}\n\n{body}\n\n- **Tổng hợp:** số liệu của [phòng](http://x.vn)\n",
        encoding="utf-8",
    )
    document = load_document(str(path))
    assert document.format == "markdown"
    assert document.title == TITLE  # no "# "
    assert "#" not in document.text and "**" not in document.text and "http://x.vn" not in document.text
    assert [(h.level, h.text) for h in document.headings] == [(1, TITLE), (2, HEADING)]
    analysis = analyse(document, entities=False)
    assert analysis.summaries and next(iter(analysis.summaries.values())).selected
    assert_offsets(document)


def test_markdown_front_matter_wins(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        f"---\ntitle: {TITLE}\nauthor: {AUTHOR}\ndate: 2025-12-15\n---\n\n{PARAGRAPHS[0]}\n", encoding="utf-8"
    )
    document = load_document(str(path))
    assert (document.title, document.author, str(document.date)) == (TITLE, AUTHOR, "2025-12-15")
    assert "title:" not in document.text


def test_docx_paragraphs_headings_tables_and_properties(tmp_path: Path) -> None:
    import docx

    path = write_docx(tmp_path / "report.docx")
    extra = docx.Document(str(path))
    table = extra.add_table(rows=2, cols=2)
    for (row, col), value in {(0, 0): "Chỉ tiêu", (0, 1): "Kết quả", (1, 0): "Hồ sơ trực tuyến", (1, 1): "68%"}.items():
        table.cell(row, col).text = value
    extra.save(str(path))
    document = load_document(str(path))
    assert document.format == "docx"
    assert document.title == TITLE
    assert document.author == AUTHOR
    assert document.metadata["title"] == TITLE and "created" in document.metadata
    assert [(h.level, h.text) for h in document.headings] == [(1, TITLE), (1, HEADING)]  # Title, Heading 1
    assert "Chỉ tiêu | Kết quả" in document.text and "Hồ sơ trực tuyến | 68%" in document.text
    assert "TÀI LIỆU NỘI BỘ" not in document.text and "Trang chân" not in document.text  # header, footer
    assert DATE_LINE in document.text
    assert_offsets(document)


@pytest.mark.parametrize("account", ["Un-named", "Trần Văn Bình"])
def test_docx_account_name_is_not_an_author(tmp_path: Path, account: str) -> None:
    """A core-properties author that is generic, or that the text never names, is the account
    that saved the file, not the byline."""
    path = write_docx(tmp_path / "form.docx", core_author=account)
    document = load_document(str(path))
    assert document.metadata["author"] == account
    assert document.author != account


@needs_font
def test_pdf_text_layer_reflowed_without_page_furniture(tmp_path: Path) -> None:
    head = "Tài liệu phục vụ hội nghị tổng kết"
    path = write_pdf(tmp_path / "report.pdf", running_head=head, repeat=3)
    document = load_document(str(path))
    assert document.format == "pdf" and document.encoding == "pdf"
    assert head not in document.text  # the running head of every page
    lines = document.text.split("\n")
    assert not any(line.strip().isdigit() for line in lines)  # page numbers
    for part in (1, 2, 3):  # each paragraph in one piece, even across a page break
        for paragraph in PARAGRAPHS:
            assert f"Mục {part}. {paragraph}" in lines
    assert document.title == TITLE
    assert_offsets(document)


@needs_font
def test_pdf_columns_on_one_row_become_separate_lines(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("TestSans", str(FONT)))
    path = tmp_path / "official.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("TestSans", 12)
    page.drawString(60, 780, "ỦY BAN NHÂN DÂN")
    page.drawString(300, 780, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    page.drawString(60, 750, "Số: 12/BC-UBND")
    page.drawString(300, 750, DATE_LINE)
    for number, paragraph in enumerate(PARAGRAPHS[:2]):
        page.drawString(60, 700 - 20 * number, paragraph[:80])
    page.save()
    lines = load_text(str(path)).text.split("\n")
    for line in ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/BC-UBND", DATE_LINE):
        assert line in lines


def test_odt_text_headings_and_meta(tmp_path: Path) -> None:
    document = load_document(str(write_odt(tmp_path / "report.odt")))
    assert document.format == "odt"
    assert document.title == TITLE and document.author == AUTHOR
    assert document.metadata["created"] == "2025-12-15"
    assert [h.text for h in document.headings] == [TITLE]
    assert_offsets(document)


def test_odt_tables_data_rows_and_layout_cells(tmp_path: Path) -> None:
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"

    def cell(*lines: str) -> str:
        return "<table:table-cell>" + "".join(f"<text:p>{line}</text:p>" for line in lines) + "</table:table-cell>"

    body = (
        f'<table:table xmlns:table="{table}"><table:table-row>{cell("Chỉ tiêu")}{cell("Kết quả")}</table:table-row>'
        f"<table:table-row>{cell('Hồ sơ trực tuyến')}{cell('68%')}</table:table-row></table:table>"
        f"<text:p>{PARAGRAPHS[0]}</text:p>"
        f'<table:table xmlns:table="{table}"><table:table-row>{cell("Nơi nhận:", "- Lưu: VT.")}'
        f"{cell('CHỦ TỊCH', AUTHOR)}</table:table-row></table:table>"
    )
    lines = load_text(str(write_odt(tmp_path / "tables.odt", content_body=body))).text.split("\n")
    assert "Chỉ tiêu | Kết quả" in lines and "Hồ sơ trực tuyến | 68%" in lines
    assert "CHỦ TỊCH" in lines and AUTHOR in lines


def test_odt_entity_declarations_are_refused(tmp_path: Path) -> None:
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = write_odt(tmp_path / "bomb.odt", content_body="<text:p>&b;</text:p>", doctype=bomb)
    with pytest.raises(LoadError, match="refused"):
        load_text(str(path))


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_docx(tmp_path / "big.docx")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/media/zeros.bin", b"\0" * 3_000_000, compress_type=zipfile.ZIP_DEFLATED)
    monkeypatch.setattr(container, "MAX_UNCOMPRESSED", 2_000_000)
    with pytest.raises(LoadError, match="inflates to"):
        load_text(str(path))


def test_broken_files_give_one_line_reasons(tmp_path: Path) -> None:
    cases = {
        "broken.docx": b"PK\x03\x04 this is not a zip",
        "broken.pdf": b"%PDF-1.7\nnot really a pdf",
        "broken.odt": b"PK\x03\x04 nor is this",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(LoadError) as caught:
            load_text(str(tmp_path / name))
        assert "\n" not in str(caught.value) and str(caught.value).startswith(str(tmp_path / name))


def test_sniffing_reads_content_before_suffix(tmp_path: Path) -> None:
    assert readers.sniff("x.txt", b"%PDF-1.4 ...") is readers.Format.PDF
    assert readers.sniff("page.txt", b"  <!DOCTYPE html><html>") is readers.Format.HTML
    assert readers.sniff("notes.txt", b"Xin chao") is readers.Format.TEXT
    assert readers.sniff("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 10) is readers.Format.DOC


def test_find_articles_takes_every_supported_suffix(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.docx", "f.pdf", "g.doc", "h.odt", "i.xlsx", "j.png"):
        (tmp_path / name).write_text("x")
    found = sorted(Path(p).name for p in find_articles([tmp_path]) if isinstance(p, str))
    assert found == ["a.txt", "b.md", "c.html", "d.htm", "e.docx", "f.pdf", "g.doc", "h.odt"]


def test_json_contract_carries_format_metadata_and_headings(tmp_path: Path) -> None:
    document = load_document(str(write_docx(tmp_path / "report.docx")))
    analysis = analyse(document, entities=False)
    record = json.loads(json.dumps(summary_json(analysis, next(iter(analysis.summaries.values())), 3)))
    assert record["format"] == "docx"
    assert record["metadata"]["title"] == TITLE
    for heading in record["headings"]:
        assert set(heading) == {"start", "end", "level", "text"}
        assert record["text"][heading["start"] : heading["end"]] == heading["text"]


def test_control_characters_in_metadata_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "evil.md"
    path.write_text(f"---\ntitle: Tin \x1b[31mđỏ\x1b[0m {TITLE}\n---\n\n{PARAGRAPHS[0]}\n", encoding="utf-8")
    document = load_document(str(path))
    assert "\x1b" not in document.metadata["title"] and "\x1b" not in (document.title or "")


def test_article_list_titles_and_filter_text_come_from_the_readers(tmp_path: Path) -> None:
    from tui.app.articles import first_line, read_loose_text
    from tui.core.fold import fold_loose
    from tui.core.readers.legacy import Legacy, encode

    markdown = tmp_path / "a.md"
    markdown.write_text(f"# {TITLE}\n\n{PARAGRAPHS[0]}\n", encoding="utf-8")
    page = tmp_path / "b.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    word = write_docx(tmp_path / "c.docx")
    old = tmp_path / "d.txt"
    old.write_bytes(encode(f"{TITLE.lower()}\n\n{PARAGRAPHS[0]}\n", Legacy.VNI))
    assert first_line(str(markdown)) == TITLE
    assert first_line(str(page)) == TITLE  # og:title: without the site's name
    assert first_line(str(word)) == "c.docx"  # until analysed
    assert first_line(str(old)) == TITLE.lower()
    loose = read_loose_text(str(word))
    assert fold_loose("giải quyết trực tuyến") in loose
    assert "word/document.xml" not in loose and "<w:" not in loose


def test_wrapped_lines_join_with_a_space_and_hyphenated_words_without_their_hyphen() -> None:
    assert readers.join_wrapped("mạng Inter-", "net toàn cầu") == "mạng Internet toàn cầu"
    assert readers.join_wrapped("nhiệm kỳ 2021 -", "2026") == "nhiệm kỳ 2021 - 2026"
    assert readers.join_wrapped("Đồng Đăng -", "Lạng Sơn") == "Đồng Đăng - Lạng Sơn"
    assert readers.join_wrapped("kinh tế-", "Xã hội") == "kinh tế- Xã hội"


def test_a_web_page_saved_as_doc_is_read_as_html_and_rtf_is_named(tmp_path: Path) -> None:
    page = tmp_path / "quyet-dinh.doc"
    page.write_text(HTML_PAGE, encoding="utf-8")
    assert load_text(str(page)).format == "html"
    rtf = tmp_path / "old.doc"
    rtf.write_bytes(b"{\\rtf1\\ansi Xin chao}")
    with pytest.raises(LoadError, match="RTF"):
        load_text(str(rtf))


def test_docx_layout_tables_keep_their_lines(tmp_path: Path) -> None:
    """An official document's header and signature block are borderless tables: each cell's lines
    stay lines (the signer's name alone on its line), unlike a data table's rows."""
    import docx

    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nHUYỆN YÊN HÒA"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    document.add_paragraph(f"Số: 12/BC-UBND\t\t\t{DATE_LINE}")
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    sign.cell(0, 1).text = f"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n{AUTHOR}"
    path = tmp_path / "official.docx"
    document.save(str(path))
    lines = load_text(str(path)).text.split("\n")
    for line in ("ỦY BAN NHÂN DÂN", "Độc lập - Tự do - Hạnh phúc", "Nơi nhận:", "CHỦ TỊCH", AUTHOR):
        assert line in lines
    assert "Số: 12/BC-UBND" in lines and DATE_LINE in lines  # tab-set columns


def test_a_file_property_never_replaces_a_fuller_headline() -> None:
    from tui.core.model import Span
    from tui.core.readers.hints import apply_hints

    text = "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác chuyển đổi số của huyện\n\n" + PARAGRAPHS[0] + "\n"
    guess = "Quyết định về việc thành lập Tổ công tác chuyển đổi số của huyện"
    document = Document("a.docx", text, "docx", title=guess, title_span=Span(0, 10), author="Lê Văn Hùng")
    hinted = apply_hints(document, "docx", {"title": "QUYẾT ĐỊNH", "author": "Nguyễn Văn An"}, ())
    assert hinted.title == guess and hinted.author == "Lê Văn Hùng"
    assert hinted.metadata["title"] == "QUYẾT ĐỊNH"
    stated = apply_hints(document, "html", {"title": "Yên Hòa lập tổ chuyển đổi số"}, ())
    assert stated.title == "Yên Hòa lập tổ chuyển đổi số" and stated.title_span is None  # a page states it


def test_html_markup_authors_keep_the_writers_and_drop_the_site(tmp_path: Path) -> None:
    stated = f'<meta name="author" content="{AUTHOR}">'
    assert stated in HTML_PAGE
    page = HTML_PAGE.replace(stated, '<meta name="author" content="THU NGHIEM ONLINE; Baothunghiem; MAI LAN; HÀ VY">')
    page = page.replace("<head>", '<head><link rel="canonical" href="https://thunghiem.vn/bai-viet-1.htm">')
    path = tmp_path / "authors.html"
    path.write_text(page, encoding="utf-8")
    assert load_document(str(path)).author == "MAI LAN - HÀ VY"


def test_html_site_only_markup_author_gives_way_to_the_visible_byline(tmp_path: Path) -> None:
    stated = f'<meta name="author" content="{AUTHOR}">'
    page = HTML_PAGE.replace(stated, '<meta name="author" content="THUNGHIEM.VN">')
    path = tmp_path / "site.html"
    path.write_text(page, encoding="utf-8")
    assert load_document(str(path)).author is None  # the site's domain is no writer
    byline = '<div class="detail-author"><p class="name">Hoàng Minh Tú</p></div></article>'
    path.write_text(page.replace("</article>", byline), encoding="utf-8")
    assert load_document(str(path)).author == "Hoàng Minh Tú"


def test_html_stated_publication_date_wins_over_dates_in_image_urls(tmp_path: Path) -> None:
    stated = '<meta property="article:published_time" content="2025-12-15T09:30:00+07:00">'
    us_style = '<meta content="3/24/2024 7:12:35 AM" itemprop="datePublished" name="pubdate">'
    related = '<aside><img src="https://cdn.thunghiem.vn/Media/2026/03/24/anh.jpg" alt="Tin khác"></aside></body>'
    page = HTML_PAGE.replace(stated, us_style).replace("</body>", related)
    path = tmp_path / "dated.html"
    path.write_text(page, encoding="utf-8")
    document = load_document(str(path))
    assert document.date is not None and document.date.isoformat() == "2024-03-24"


def test_html_visible_headline_wins_over_a_reworded_meta_title(tmp_path: Path) -> None:
    reworded = "Kết quả chuyển đổi số năm 2025 của huyện Yên Hòa"  # og:title and <title> shorten the headline
    page = HTML_PAGE.replace(f"<title>{TITLE} - ", f"<title>{reworded} - ")
    page = page.replace(f'content="{TITLE}"', f'content="{reworded}"')
    assert reworded in page and f"<h1>{TITLE}</h1>" in page
    path = tmp_path / "reworded.html"
    path.write_text(page, encoding="utf-8")
    assert load_document(str(path)).title == TITLE

"""The same report as .txt, Word, PDF and .doc gives the same headline and summary; scans go to OCR."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from readers_fixtures import (
    FONT,
    PARAGRAPHS,
    TITLE,
    convert_with_libreoffice,
    soffice,
    write_docx,
    write_pdf,
    write_txt,
)

from tui.core.export import summary_text
from tui.core.loader import LoadError, load_text
from tui.core.pipeline import analyse, load_document
from tui.core.readers import ocr

needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVu Sans is needed to write Vietnamese PDFs")


def headline_and_summary(path: Path) -> tuple[str | None, str]:
    document = load_document(str(path))
    analysis = analyse(document, entities=False)
    algorithm = next(iter(analysis.summaries))
    return document.title, summary_text(analysis, algorithm, 3)


@pytest.fixture(scope="module")
def from_txt(tmp_path_factory: pytest.TempPathFactory) -> tuple[str | None, str]:
    return headline_and_summary(write_txt(tmp_path_factory.mktemp("txt") / "report.txt"))


def test_word_gives_the_same_headline_and_summary_as_text(tmp_path: Path, from_txt: tuple[str | None, str]) -> None:
    assert from_txt[0] == TITLE and from_txt[1]
    assert headline_and_summary(write_docx(tmp_path / "report.docx")) == from_txt


@needs_font
def test_pdf_gives_the_same_headline_and_summary_as_text(tmp_path: Path, from_txt: tuple[str | None, str]) -> None:
    assert headline_and_summary(write_pdf(tmp_path / "report.pdf")) == from_txt


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is needed to write a .doc file")
@pytest.mark.skipif(not (shutil.which("antiword") or shutil.which("catdoc")), reason="antiword or catdoc needed")
def test_doc_gives_the_same_headline_and_summary_as_text(tmp_path: Path, from_txt: tuple[str | None, str]) -> None:
    source = write_docx(tmp_path / "report.docx")
    doc = convert_with_libreoffice(source, "doc:MS Word 97", tmp_path)
    assert doc.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    assert headline_and_summary(doc) == from_txt


def test_doc_without_a_converter_names_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(LoadError, match="install antiword or catdoc"):
        load_text(str(path))


def write_scan(path: Path, lines: list[str], stamp: str | None = None) -> Path:
    """A one-page 'scan': text drawn by reportlab, rendered to a 300 dpi image, put in a new PDF
    (optionally with a signing stamp as the only text layer)."""
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("TestSans", str(FONT)))
    size = (A4[0], 60 + 22 * len(lines))  # a strip of a page: OCR time grows with the area
    text_pdf = path.with_suffix(".text.pdf")
    page = canvas.Canvas(str(text_pdf), pagesize=size)
    page.setFont("TestSans", 13)
    for number, line in enumerate(lines):
        page.drawString(50, size[1] - 40 - 22 * number, line)
    page.save()
    image = pdfium.PdfDocument(str(text_pdf))[0].render(scale=300 / 72, grayscale=True).to_pil()
    scan = canvas.Canvas(str(path), pagesize=size)
    scan.drawImage(ImageReader(image), 0, 0, width=size[0], height=size[1])
    if stamp:
        scan.setFont("TestSans", 6)
        scan.drawString(50, 8, stamp)
    scan.save()
    return path


def scan_lines() -> list[str]:
    words = " ".join(PARAGRAPHS[:2]).split()
    return [" ".join(words[i : i + 11]) for i in range(0, len(words), 11)]


@needs_font
def test_scan_without_tesseract_names_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_scan(tmp_path / "scan.pdf", scan_lines()[:2])
    monkeypatch.setattr(ocr, "_tesseract", lambda: None)
    with pytest.raises(LoadError, match="tesseract-ocr-vie") as caught:
        load_text(str(path))
    assert "\n" not in str(caught.value)


@needs_font
@pytest.mark.skipif(not ocr.available(), reason="tesseract with the Vietnamese model is not installed")
def test_scan_with_only_a_signing_stamp_is_read_by_ocr(tmp_path: Path) -> None:
    lines = scan_lines()
    stamp = "Người ký: Văn phòng Ủy ban Cơ quan: Ủy ban nhân dân huyện Thời gian ký: 15.12.2025 10:00:00"
    path = write_scan(tmp_path / "scan.pdf", lines, stamp=stamp)
    pages: list[tuple[int, int]] = []
    loaded = load_text(str(path), progress=lambda page, total: pages.append((page, total)))
    assert loaded.encoding == "pdf+ocr" and "OCR" in (loaded.note or "")
    assert pages == [(1, 1)]
    expected = " ".join(lines).split()
    found = set(loaded.text.split())
    recall = sum(word in found for word in expected) / len(expected)
    assert recall >= 0.9, loaded.text


def test_ocr_output_is_reflowed_and_cleared_of_noise() -> None:
    page = (
        "7}\n"
        "THỦ TƯỚNG CHÍNH PHỦ\n"
        "Số: 285/QĐ-TTg                 Hà Nội, ngày 15 tháng 9 năm 2024\n"
        "Giờ:..... S9 9910xxEExzess.iztserrerssee\n"
        "Trong năm qua, các cơ quan của huyện đã tập trung chỉ đạo thực hiện\n"
        "đồng bộ nhiều giải pháp và đạt kết quả.\n"
        "Vụ TCCV, TGĐ Công TTĐT,\n"
    )
    assert ocr._reflow(page).split("\n") == [
        "THỦ TƯỚNG CHÍNH PHỦ",
        "Số: 285/QĐ-TTg",
        "Hà Nội, ngày 15 tháng 9 năm 2024",
        "Trong năm qua, các cơ quan của huyện đã tập trung chỉ đạo thực hiện đồng bộ nhiều giải pháp và đạt kết quả.",
        "Vụ TCCV, TGĐ Công TTĐT,",
    ]


def test_a_known_document_is_not_extracted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The service looks the file's bytes up before reading them as a document: a scan is OCR'd once."""
    from tui.core import loader, service
    from tui.core.cache import open_cache
    from tui.core.pipeline import Options

    path = write_docx(tmp_path / "report.docx")
    cache = open_cache()
    first = service.analyse_path(str(path), Options(), entities=False, cache=cache)

    def no_second_extraction(*args: object) -> object:
        raise AssertionError("the document was extracted again")

    monkeypatch.setattr(loader, "load_bytes", no_second_extraction)
    monkeypatch.setattr(service, "load_bytes", no_second_extraction)
    again = service.analyse_path(str(path), Options(), entities=False, cache=cache)
    cache.close()
    assert again.document.title == first.document.title == TITLE


def test_word_and_pdf_files_may_be_larger_and_are_still_cached(tmp_path: Path) -> None:
    """A Word file over max_file_bytes (images and fonts) but within ten times it is read and cached."""
    from tui.core.cache import open_cache
    from tui.core.pipeline import Options

    path = write_docx(tmp_path / "report.docx")
    size = path.stat().st_size
    options = Options(max_file_bytes=size // 2)
    assert load_text(str(path), options.max_file_bytes).format == "docx"
    cache = open_cache()
    assert cache.file_key(str(path), options) is not None
    cache.close()
    text = tmp_path / "big.txt"
    text.write_text("x" * size)
    with pytest.raises(LoadError, match="too large"):
        load_text(str(text), options.max_file_bytes)


@needs_font
@pytest.mark.skipif(not ocr.available(), reason="tesseract with the Vietnamese model is not installed")
def test_the_service_reports_ocr_progress(tmp_path: Path) -> None:
    from tui.core import service
    from tui.core.pipeline import Options

    path = write_scan(tmp_path / "scan.pdf", scan_lines()[:3])
    pages: list[tuple[int, int]] = []
    analysis = service.analyse_path(str(path), Options(), entities=False, progress=lambda p, n: pages.append((p, n)))
    assert pages == [(1, 1)] and analysis.document.encoding == "pdf+ocr"

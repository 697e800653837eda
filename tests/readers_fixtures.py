"""One small report of our own, written out as every format the readers take.

The report is invented for the tests; each writer lays it out as that format's tools would
(Word heading styles, a PDF with wrapped lines, a running head and page numbers, …).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

TITLE = "Báo cáo kết quả chuyển đổi số năm 2025 của huyện Yên Hòa"
DATE_LINE = "Yên Hòa, ngày 15 tháng 12 năm 2025"
AUTHOR = "Nguyễn Thị Mai"
HEADING = "Kết quả nổi bật"
PARAGRAPHS = (
    "Trong năm 2025, huyện Yên Hòa đã triển khai đồng bộ kế hoạch chuyển đổi số trên cả ba trụ cột "
    "chính quyền số, kinh tế số và xã hội số. Ủy ban nhân dân huyện chỉ đạo các phòng, ban và các xã "
    "rà soát quy trình, đưa phần lớn thủ tục hành chính lên môi trường mạng.",
    "Tỷ lệ hồ sơ được giải quyết trực tuyến toàn trình đạt 68%, tăng gần gấp đôi so với năm trước. "
    "Người dân ở các xã vùng cao đã có thể nộp hồ sơ đất đai, hộ tịch qua điện thoại mà không phải "
    "đi lại nhiều lần như trước đây.",
    "Về kinh tế số, hơn 400 hộ kinh doanh đã bán hàng qua các sàn thương mại điện tử, trong đó sản "
    "phẩm chè và mật ong của hợp tác xã Tân Lập đạt doanh thu trực tuyến khoảng 3,2 tỷ đồng. Huyện "
    "cũng phối hợp với doanh nghiệp viễn thông phủ sóng di động tới tất cả các thôn, bản.",
    "Bên cạnh kết quả đạt được, việc chuyển đổi số của huyện vẫn còn một số hạn chế như hạ tầng mạng "
    "ở một số thôn chưa ổn định, đội ngũ cán bộ chuyên trách còn mỏng và kinh phí đầu tư còn hạn hẹp. "
    "Năm 2026, huyện đặt mục tiêu đưa toàn bộ dịch vụ công đủ điều kiện lên trực tuyến toàn trình.",
)


def report_text() -> str:
    """The report as a plain text file: headline, date line, paragraphs, byline."""
    return "\n\n".join([TITLE, DATE_LINE, *PARAGRAPHS, AUTHOR]) + "\n"


def write_txt(path: Path) -> Path:
    path.write_text(report_text(), encoding="utf-8")
    return path


def write_docx(path: Path, *, core_author: str = AUTHOR) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = TITLE
    document.core_properties.author = core_author
    document.add_heading(TITLE, 0)
    document.add_paragraph(DATE_LINE)
    document.add_paragraph(PARAGRAPHS[0])
    document.add_heading(HEADING, 1)
    for paragraph in PARAGRAPHS[1:]:
        document.add_paragraph(paragraph)
    document.add_paragraph(AUTHOR)
    document.sections[0].header.paragraphs[0].text = "ỦY BAN NHÂN DÂN HUYỆN YÊN HÒA - TÀI LIỆU NỘI BỘ"
    document.sections[0].footer.paragraphs[0].text = "Trang chân của văn bản"
    document.save(str(path))
    return path


FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def write_pdf(path: Path, *, running_head: str | None = None, repeat: int = 1) -> Path:
    """A text PDF laid out by reportlab: wrapped paragraphs, optionally a running head and page numbers.

    ``repeat`` writes the body that many times, so the report runs over several pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(TTFont("TestSans", str(FONT)))
    body = ParagraphStyle("body", fontName="TestSans", fontSize=12, leading=16, firstLineIndent=0)
    head = ParagraphStyle("head", fontName="TestSans", fontSize=16, leading=20)

    def furniture(canvas: Any, doc: Any) -> None:
        canvas.setFont("TestSans", 9)
        if running_head:
            canvas.drawString(72, A4[1] - 40, running_head)
        canvas.drawCentredString(A4[0] / 2, 30, str(doc.page))

    story: list[object] = [Paragraph(TITLE, head), Spacer(1, 10), Paragraph(DATE_LINE, body), Spacer(1, 10)]
    for part in range(repeat):
        for paragraph in PARAGRAPHS:
            # Numbered so no paragraph repeats word for word (the cleaner takes repeats for captions).
            text = f"Mục {part + 1}. {paragraph}" if repeat > 1 else paragraph
            story += [Paragraph(text, body), Spacer(1, 10)]
    story.append(Paragraph(AUTHOR, body))
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def write_odt(path: Path, content_body: str | None = None, doctype: str = "") -> Path:
    """A minimal OpenDocument text file written by hand (zip + XML)."""
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    if content_body is None:
        paragraphs = "".join(f"<text:p>{escape(p)}</text:p>" for p in PARAGRAPHS)
        content_body = (
            f'<text:h text:outline-level="1">{escape(TITLE)}</text:h><text:p>{escape(DATE_LINE)}</text:p>'
            f"{paragraphs}<text:p>{escape(AUTHOR)}</text:p>"
        )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        f'<office:document-content xmlns:office="{office}" xmlns:text="{text}">'
        f"<office:body><office:text>{content_body}</office:text></office:body></office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="{office}" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<office:meta><dc:title>{escape(TITLE)}</dc:title><meta:initial-creator>{escape(AUTHOR)}"
        "</meta:initial-creator><meta:creation-date>2025-12-15T08:00:00</meta:creation-date></office:meta>"
        "</office:document-meta>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
        archive.writestr("meta.xml", meta)
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(source: Path, target_format: str, out_dir: Path) -> Path:
    """``source`` converted by LibreOffice (headless) into ``out_dir``."""
    program = soffice()
    assert program is not None
    profile = out_dir / "lo-profile"
    subprocess.run(
        [program, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target_format,
         "--outdir", str(out_dir), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out_dir / f"{source.stem}.{target_format.split(':')[0]}"

"""Documents in every format: headline/date/author accuracy against a gold file, speed, import cost, OCR.

    python bench/documents.py [FOLDER]            # score FOLDER/gold.jsonl, time each file
    python bench/documents.py --generated 40      # time readers on documents made from corpus-2k
    python bench/documents.py --ocr               # OCR syllable recall on a clean 300 dpi scan
    python bench/documents.py --imports           # import cost of each reader's library

Scoring (FOLDER/gold.jsonl, one object per file: file, format, title, date, author):
both sides are case-folded with whitespace collapsed. A title counts when it equals the
gold title, or contains it, or contains every part of a gold title abbreviated with "…"
in order. A date counts when it is the same calendar day (ISO). An author counts when it
equals the gold author or contains it. Where the gold value is null, the value counts only
when nothing was found (a reader must not invent a date or an author).

Generated documents and scans are written to a temporary folder and deleted. Figures, not
pass/fail; the machine may be loaded by other work, so compare runs on the same machine.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.core.loader import LoadError, load_text
from tui.core.pipeline import load_document

# The shared data sits beside the checkout (or beside the folder of checkouts).
SHARED = next((p / "shared" for p in Path(__file__).resolve().parents if (p / "shared").is_dir()), Path("shared"))
DEFAULT_FOLDER = SHARED / "eval" / "documents"
CORPUS = SHARED / "bench" / "corpus-2k"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LIBRARIES = ("trafilatura", "docx", "pypdfium2", "defusedxml", "markdown_it")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def fold(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def title_matches(found: str | None, gold: str) -> bool:
    got, want = fold(found), fold(gold)
    if not got:
        return False
    parts = [p.strip(" .") for p in re.split(r"…|\.\.\.", want) if p.strip(" .")]
    position = 0
    for part in parts:
        position = got.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return True


def value_matches(found: str | None, gold: str | None) -> bool:
    if gold is None:
        return not found
    return bool(found) and fold(gold) in fold(found)


def score(folder: Path) -> None:
    for name in LIBRARIES:  # import costs are measured apart (--imports), not charged to the first file
        importlib.import_module(name)
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    hits: dict[str, Counter[str]] = defaultdict(Counter)
    times: dict[str, list[float]] = defaultdict(list)
    pages: dict[str, list[float]] = defaultdict(list)
    for record in gold:
        path = folder / record["file"]
        kind = record.get("format", path.suffix.lstrip("."))
        started = time.perf_counter()
        try:
            document = load_document(str(path))
        except LoadError as exc:
            print(f"  {record['file']}: {exc.reason}")
            hits[kind]["files"] += 1
            continue
        elapsed = time.perf_counter() - started
        times[kind].append(elapsed)
        if kind == "pdf":
            pages[document.encoding].append(elapsed / max(1, _pdf_pages(path)))
        date = document.date.isoformat() if document.date else None
        checks = {
            "title": title_matches(document.title, record["title"]),
            "date": value_matches(date, record.get("date")),
            "author": value_matches(document.author, record.get("author")),
        }
        hits[kind]["files"] += 1
        hits[kind].update(name for name, ok in checks.items() if ok)
        marks = " ".join(f"{name}={'ok' if ok else 'NO'}" for name, ok in checks.items())
        print(f"  {record['file']}: {marks} | title={document.title!r} date={date} author={document.author!r}")
    print(f"\n{'format':8} {'files':>5} {'title':>7} {'date':>7} {'author':>7} {'median ms':>10} {'p95 ms':>8}")
    for kind, counts in sorted(hits.items()):
        n = counts["files"]
        spent = times.get(kind) or [0.0]
        cells = " ".join(f"{counts[name]:>3}/{n:<3}" for name in ("title", "date", "author"))
        print(
            f"{kind:8} {n:>5} {cells} {statistics.median(spent) * 1000:>10.1f} {percentile(spent, 0.95) * 1000:>8.1f}"
        )
    for encoding, per_page in pages.items():
        print(f"pdf ({encoding}): median {statistics.median(per_page) * 1000:.0f} ms a page")


def _pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def imports() -> None:
    """Seconds to import each reader library in a fresh interpreter (best of three)."""
    print("import cost (fresh interpreter, best of 3):")
    for name in LIBRARIES:
        best = min(_import_time(name) for _ in range(3))
        print(f"  {name:12} {best * 1000:7.1f} ms")


def _import_time(name: str) -> float:
    code = f"import time; t = time.perf_counter(); import {name}; print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout)


def corpus_articles(limit: int) -> list[tuple[str, list[str]]]:
    """(headline, paragraphs) of the first ``limit`` corpus articles."""
    out = []
    for path in sorted(CORPUS.glob("*.txt"))[:limit]:
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        if len(blocks) >= 3:
            out.append((blocks[0], blocks[1:]))
    return out


def write_html(path: Path, title: str, paragraphs: list[str]) -> None:
    """A page shaped like a saved news page (~150 KB): scripts, styles, a big menu, related links."""
    menu = "".join(f'<li class="menu-item"><a href="/m{i}">Chuyên mục {i}</a></li>' for i in range(300))
    body = "".join(f'<div class="box"><p class="Normal">{escape(p)}</p></div>' for p in paragraphs)
    related = "".join(
        f'<li><a href="/r{i}"><img src="/i{i}.jpg" alt="ảnh {i}">Tin liên quan số {i} 0{i % 9 + 1}/03/2024</a></li>'
        for i in range(40)
    )
    path.write_text(
        f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(title)} - Báo Thử</title>'
        f'<meta property="og:title" content="{escape(title)}"><meta name="author" content="Phóng viên Thử">'
        '<meta property="article:published_time" content="2024-05-01T08:00:00+07:00">'
        f"<style>{'.c{{margin:0;padding:0}}' * 1500}</style><script>{'var x = 1;' * 6000}</script>"
        f"</head><body><nav><ul>{menu}</ul></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article><aside><ul>{related}</ul></aside>"
        "<footer>© Báo Thử</footer></body></html>",
        encoding="utf-8",
    )


def write_docx(path: Path, title: str, paragraphs: list[str], font: str | None = None) -> None:
    import docx

    document = docx.Document()
    if font:
        document.styles["Normal"].font.name = font
    document.add_heading(title, 0)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))


def write_pdf(path: Path, title: str, paragraphs: list[str]) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(TTFont("BenchSans", str(FONT)))
    style = ParagraphStyle("b", fontName="BenchSans", fontSize=11, leading=15)
    story: list[object] = [Paragraph(escape(title), style), Spacer(1, 8)]
    for paragraph in paragraphs:
        story += [Paragraph(escape(paragraph), style), Spacer(1, 8)]
    SimpleDocTemplate(str(path)).build(story)


def generated(limit: int) -> None:
    """Reader + cleaner time per file, per format, on documents made from corpus articles."""
    articles = corpus_articles(limit)
    writers = {"html": write_html, "docx": write_docx, "pdf": write_pdf}
    with tempfile.TemporaryDirectory(prefix="bench-documents-") as folder:
        for kind, writer in writers.items():
            paths = []
            for number, (title, paragraphs) in enumerate(articles):
                path = Path(folder) / f"{number}.{kind}"
                writer(path, title, paragraphs)
                paths.append(path)
            load_document(str(paths[0]))  # imports and first-use costs are measured by --imports
            times, per_page, right, dated = [], [], 0, 0
            for path, (title, _) in zip(paths, articles, strict=True):
                started = time.perf_counter()
                document = load_document(str(path))
                elapsed = time.perf_counter() - started
                times.append(elapsed)
                right += fold(document.title) == fold(title)
                dated += document.date is not None and document.date.isoformat() == "2024-05-01"
                if kind == "pdf":
                    per_page.append(elapsed / _pdf_pages(path))
            line = (
                f"{kind:5} {len(paths)} files: median {statistics.median(times) * 1000:.1f} ms, "
                f"p95 {percentile(times, 0.95) * 1000:.1f} ms; headline {right}/{len(paths)}"
            )
            if kind == "html":  # the page's markup states 2024-05-01; its related links carry other dates
                line += f", date {dated}/{len(paths)}"
            if per_page:
                line += f"; {statistics.median(per_page) * 1000:.1f} ms a page (median)"
            print(line)


def syllables(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text).casefold()) if not w.isdigit()]


def ocr_recall(limit: int) -> None:
    """A corpus article → Word file → LibreOffice PDF → 300 dpi image PDF → OCR; the share of the
    text layer's syllables (as a multiset) that the OCR text holds."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        print("LibreOffice is not installed: no scan to measure")
        return
    recalls, per_page = [], []
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as folder:
        for number, (title, paragraphs) in enumerate(corpus_articles(limit)):
            # A proportional font with every Vietnamese letter precomposed, as a real report would use.
            source = Path(folder) / f"{number}.docx"
            write_docx(source, title, paragraphs, font="DejaVu Sans")
            subprocess.run(
                [program, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                 "--outdir", folder, str(source)],
                check=True, capture_output=True, timeout=300,
            )  # fmt: skip
            text_pdf = source.with_suffix(".pdf")
            layer = load_text(str(text_pdf)).text
            pdf = pdfium.PdfDocument(str(text_pdf))
            scan_path = Path(folder) / f"{number}.scan.pdf"
            scan = canvas.Canvas(str(scan_path))
            for page in pdf:
                width, height = page.get_size()
                image = page.render(scale=300 / 72, grayscale=True).to_pil()
                scan.setPageSize((width, height))
                scan.drawImage(ImageReader(image), 0, 0, width=width, height=height)
                scan.showPage()
            scan.save()
            pages = len(pdf)
            pdf.close()
            started = time.perf_counter()
            read = load_text(str(scan_path)).text
            per_page.append((time.perf_counter() - started) / pages)
            want, got = Counter(syllables(layer)), Counter(syllables(read))
            recall = sum((want & got).values()) / max(1, sum(want.values()))
            recalls.append(recall)
            print(f"  article {number}: {pages} page(s), {sum(want.values())} syllables, recall {recall:.1%}")
    print(
        f"OCR syllable recall: mean {statistics.mean(recalls):.1%}, min {min(recalls):.1%} over {len(recalls)} "
        f"scans; {statistics.median(per_page):.1f} s a page (median, OMP_THREAD_LIMIT=1)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--generated", type=int, metavar="N", help="time readers on N generated documents a format")
    parser.add_argument("--ocr", type=int, nargs="?", const=3, metavar="N", help="OCR recall on N scans (3)")
    parser.add_argument("--imports", action="store_true", help="import cost of each reader library")
    args = parser.parse_args()
    if args.imports:
        imports()
    if args.generated:
        generated(args.generated)
    if args.ocr:
        ocr_recall(args.ocr)
    if not (args.imports or args.generated or args.ocr):
        score(Path(args.folder))


if __name__ == "__main__":
    main()

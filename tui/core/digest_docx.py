"""The digest as a Word document (python-docx): real Heading 1/2 styles, which Word's navigation
pane lists, and a table of contents field that Word fills in when the file is opened.

Every string goes through ``safe_text.xml_text``: an article's control characters would make the
XML invalid (python-docx refuses them) and must not reach the reader as anything but symbols.
"""

from __future__ import annotations

from typing import IO
from xml.sax.saxutils import escape, quoteattr

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from tui.core import export
from tui.core.digest import Digest, DigestArticle, heading, key_entities, source_line, top_line
from tui.core.safe_text import xml_text

# Headings 1 to 3, as hyperlinks, without page numbers in web view, with outline levels.
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'


def write_docx(digest: Digest, target: str | IO[bytes]) -> None:
    """Write the digest as a .docx file to ``target`` (a path or a binary file)."""
    doc = new_document()
    doc.core_properties.title = xml_text(heading(digest))
    styles = {name: doc.styles[name].style_id for name in ("Title", "Heading 1", "Heading 2", "List Bullet")}
    # The paragraphs are written as XML text and parsed at once: python-docx's add_paragraph
    # looks up the style by name and the body's end each time (minutes for 2,000 articles), and
    # making each element through it is several times slower than one parse.
    body = [_paragraph(styles["Title"], (heading(digest), False)), _table_of_contents(doc)]
    if digest.top:
        body.append(_paragraph(styles["Heading 1"], ("Most-named entities", False)))
        for kind, entities in digest.top.items():
            line = "; ".join(top_line(e) for e in entities)
            body.append(_paragraph(styles["List Bullet"], (f"{export.GROUP_TITLES[kind]}: ", True), (line, False)))
    body.append(_paragraph(styles["Heading 1"], ("Articles", False)))
    for article in digest.articles:
        body += _article(styles, article)
    parsed = parse_xml(f'<w:body xmlns:w="{_W}">{"".join(body)}</w:body>')
    end = doc.element.body.sectPr  # the section properties stay last
    if end is not None:
        doc.element.body.remove(end)
    doc.element.body.extend(list(parsed))
    if end is not None:
        doc.element.body.append(end)
    doc.save(target)


def _paragraph(style: str | None, *runs: tuple[str, bool]) -> str:
    """A ``w:p`` in ``style`` with one run per (text, bold); the text made safe for XML."""
    out = [f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else "<w:p>"]
    for text, bold in runs:
        safe = escape(xml_text(" ".join(text.split()) + (" " if text.endswith(" ") else "")))
        out.append(f'<w:r>{"<w:rPr><w:b/></w:rPr>" if bold else ""}<w:t xml:space="preserve">{safe}</w:t></w:r>')
    out.append("</w:p>")
    return "".join(out)


def _table_of_contents(doc: WordDocument) -> str:
    """A TOC field, and the setting that has Word update fields on opening (else it stays empty)."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)
    note = "Table of contents: open in Word and update fields (F9) if it is empty."
    instruction = quoteattr(TOC_INSTRUCTION)
    return f"<w:p><w:fldSimple w:instr={instruction}><w:r><w:t>{note}</w:t></w:r></w:fldSimple></w:p>"


def _article(styles: dict[str, str], article: DigestArticle) -> list[str]:
    document = article.analysis.document
    out = [_paragraph(styles["Heading 2"], (article.title, False))]
    meta = [("Date", document.date_label()), ("Author", document.author or ""), ("Source", source_line(article))]
    out += [_paragraph(None, (f"{label}: ", True), (value, False)) for label, value in meta if value]
    label = f"Summary ({article.summary_label.replace(' · ', ', ')}): "
    out.append(_paragraph(None, (label, True), (article.summary, False)))
    for title, names in key_entities(article).items():
        out.append(_paragraph(styles["List Bullet"], (f"{title}: ", True), ("; ".join(names), False)))
    return out

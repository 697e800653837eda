"""The digest as a Word document (python-docx): real Heading 1/2 styles, which Word's navigation
pane lists, and a table of contents field that Word fills in when the file is opened.

Every string goes through ``safe_text.xml_text``: an article's control characters would make the
XML invalid (python-docx refuses them) and must not reach the reader as anything but symbols.
"""

from __future__ import annotations

from typing import IO

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tui.core import export
from tui.core.digest import Digest, DigestArticle, heading, key_entities, source_line, top_line
from tui.core.safe_text import xml_text

# Headings 1 to 3, as hyperlinks, without page numbers in web view, with outline levels.
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'


def write_docx(digest: Digest, target: str | IO[bytes]) -> None:
    """Write the digest as a .docx file to ``target`` (a path or a binary file)."""
    doc = new_document()
    doc.core_properties.title = xml_text(heading(digest))
    doc.add_heading(xml_text(heading(digest)), level=0)
    _table_of_contents(doc)
    if digest.top:
        doc.add_heading("Most-named entities", level=1)
        for kind, entities in digest.top.items():
            paragraph = doc.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{export.GROUP_TITLES[kind]}: ").bold = True
            paragraph.add_run(xml_text("; ".join(top_line(e) for e in entities)))
    doc.add_heading("Articles", level=1)
    for article in digest.articles:
        _article(doc, article)
    doc.save(target)


def _table_of_contents(doc: WordDocument) -> None:
    """A TOC field, and the setting that has Word update fields on opening (else it stays empty)."""
    paragraph = doc.add_paragraph()
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), TOC_INSTRUCTION)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "Table of contents: open in Word and update fields (F9) if it is empty."
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


def _article(doc: WordDocument, article: DigestArticle) -> None:
    document = article.analysis.document
    doc.add_heading(xml_text(article.title), level=2)
    meta = [("Date", document.date_label()), ("Author", document.author or ""), ("Source", source_line(article))]
    for label, value in meta:
        if value:
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(xml_text(value))
    paragraph = doc.add_paragraph()
    paragraph.add_run(f"Summary ({article.summary_label.replace(' · ', ', ')}): ").bold = True
    paragraph.add_run(xml_text(article.summary))
    for title, names in key_entities(article).items():
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{title}: ").bold = True
        paragraph.add_run(xml_text("; ".join(names)))

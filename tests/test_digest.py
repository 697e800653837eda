"""The digest model and its writers on analyses made by hand (no NLP)."""

from __future__ import annotations

import datetime as dt
import io

import docx
from corpus_fixtures import article

from tui.core.digest import build_digest, digest_json, digest_markdown
from tui.core.digest_docx import write_docx

_BODY = "Đồng chí Trương Thị Mai dự hội nghị tại Tỉnh ủy Bắc Ninh. Thu ngân sách đạt 2,5 triệu đồng. Câu ba."


def _items(count: int, title: str = "Tin số {n}"):
    spec = [("PER", ("Trương Thị Mai",), "Ủy viên Bộ Chính trị"), ("ORG", ("Tỉnh ủy Bắc Ninh",), None)]
    return [
        (
            f"bao-cao/{n}.txt",
            article(f"bao-cao/{n}.txt", _BODY, spec, date=dt.date(2023, 1, 1 + n), title=title.format(n=n)),
        )
        for n in range(count)
    ]


def test_the_top_lists_the_most_named_entities_per_type() -> None:
    made = build_digest(_items(3), "lead", 2)
    assert [(k, [e.name for e in v]) for k, v in made.top.items()] == [
        ("PER", ["Trương Thị Mai"]),
        ("ORG", ["Tỉnh ủy Bắc Ninh"]),
    ]
    assert made.top["PER"][0].articles == 3


def test_summaries_have_the_length_asked_for() -> None:
    data = digest_json(build_digest(_items(2), "lead", 1))
    assert [a["summary"] for a in data["articles"]] == ["Đồng chí Trương Thị Mai dự hội nghị tại Tỉnh ủy Bắc Ninh."] * 2
    assert data["articles"][1]["date"] == "2023-01-02" and data["articles"][0]["folder"] == "bao-cao"


def test_markdown_escapes_what_markdown_would_format() -> None:
    text = digest_markdown(build_digest(_items(1, title="Tin *đậm* [liên kết](x) #{n}"), "lead", 2))
    assert "## Tin \\*đậm\\* \\[liên kết\\](x) \\#0" in text


def test_word_text_with_xml_characters_stays_text() -> None:
    target = io.BytesIO()
    write_docx(build_digest(_items(2, title='Tin <w:p> & "trích" {n}'), "lead", 2), target)
    paragraphs = docx.Document(io.BytesIO(target.getvalue())).paragraphs
    headings = [p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert headings == ['Tin <w:p> & "trích" 0', 'Tin <w:p> & "trích" 1']
    bullets = [p.text for p in paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert "People: Trương Thị Mai — 2 articles, 2 mentions" in bullets
    assert "People: Trương Thị Mai (Ủy viên Bộ Chính trị)" in bullets

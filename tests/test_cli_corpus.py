"""``digest``, ``figures`` and ``entities --across`` from the command line, on short made-up articles."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from hostile_helpers import BIDI, OSC0, active_characters, hostile_article

from tui.cli import main
from tui.core.digest_docx import TOC_INSTRUCTION

_ARTICLES = {
    "2023/hoi-nghi.txt": (
        "Thứ hai, 13/03/2023\n\nHội nghị tổng kết công tác xây dựng Đảng của tỉnh\n\n"
        "Sáng nay, Tỉnh ủy Bắc Ninh tổ chức hội nghị tổng kết công tác năm 2022. Đồng chí Trương Thị Mai, "
        "Ủy viên Bộ Chính trị, Thường trực Ban Bí thư dự và chỉ đạo hội nghị. Năm qua, toàn tỉnh kết nạp "
        "1.234 đảng viên, đạt 102% kế hoạch.\n\nPhát biểu tại hội nghị, đồng chí Mai đề nghị Tỉnh ủy Bắc Ninh "
        "tiếp tục quán triệt Nghị quyết số 01-NQ/TU.\n\nTHANH HÀ\n"
    ),
    "2023/tiep-xuc.txt": (
        "Thứ sáu, 22/09/2023\n\nĐại biểu Quốc hội tiếp xúc cử tri huyện Gia Bình\n\n"
        "Chiều nay, đồng chí Trương Thị Mai, Trưởng Ban Tổ chức Trung ương tiếp xúc cử tri huyện Gia Bình. "
        "Cử tri kiến nghị về giá phân bón tăng 15% so với năm trước. Tổng vốn đầu tư đạt 2,5 triệu đồng "
        "mỗi hộ.\n\nMINH ANH\n"
    ),
    "2022/nong-nghiep.txt": (
        "Thứ năm, 06/01/2022\n\nNông dân huyện Lương Tài thu hoạch lúa xuân\n\n"
        "Sáng nay, nông dân huyện Lương Tài bắt đầu thu hoạch 3.500 ha lúa xuân. Ông Nguyễn Văn Bình, "
        "Chủ tịch UBND huyện Lương Tài cho biết năng suất ước đạt 6,5 tấn mỗi ha.\n"
    ),
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "bao-cao"
    for name, text in _ARTICLES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_digest_markdown_has_the_top_entities_and_every_article(capsys, corpus: Path) -> None:
    code, out, _ = _run(capsys, "digest", str(corpus))
    assert code == 0
    assert out.startswith("# Digest of 3 articles\n")
    top = out[: out.index("\n## ", out.index("## Most-named entities") + 1)]
    assert "Trương Thị Mai — 2 articles, 3 mentions" in top
    for title in ("Hội nghị tổng kết", "Đại biểu Quốc hội tiếp xúc", "Nông dân huyện Lương Tài"):
        assert out.count(f"\n## {title}") == 1
    assert "**Date:** 13/03/2023" in out and "**Author:** THANH HÀ" in out


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--entity", "truong thi mai"], {"Hội nghị tổng kết", "Đại biểu Quốc hội"}),
        (["--entity", "LƯƠNG TÀI"], {"Nông dân"}),
        (["--since", "2023-01-01"], {"Hội nghị tổng kết", "Đại biểu Quốc hội"}),
        (["--until", "31/03/2023"], {"Hội nghị tổng kết", "Nông dân"}),
        (["--since", "2023-04-01", "--entity", "Mai"], {"Đại biểu Quốc hội"}),
    ],
)
def test_digest_filters(capsys, corpus: Path, options: list[str], expected: set[str]) -> None:
    code, out, _ = _run(capsys, "digest", str(corpus), "--format", "json", *options)
    assert code == 0
    titles = {a["title"] for a in json.loads(out)["articles"]}
    assert {next(t for t in titles if t.startswith(e)) for e in expected} == titles


def test_digest_with_no_match_says_so(capsys, corpus: Path) -> None:
    code, out, err = _run(capsys, "digest", str(corpus), "--entity", "không ai cả", "--format", "json")
    assert code == 0 and json.loads(out)["articles"] == [] and "no article matches" in err


def test_digest_json_schema(capsys, corpus: Path) -> None:
    _, out, _ = _run(capsys, "digest", str(corpus), "--format", "json", "--sentences", "1")
    data = json.loads(out)
    assert set(data) == {"articles_count", "algorithm", "sentences", "top_entities", "articles"}
    assert data["articles_count"] == 3 and data["sentences"] == 1
    assert {"type": "PER", "name": "Trương Thị Mai", "articles": 2, "mentions": 3} in data["top_entities"]
    article = next(a for a in data["articles"] if a["date"] == "2023-03-13")
    assert set(article) == {
        "path", "folder", "title", "date", "date_text", "author", "method", "summary", "key_entities"
    }  # fmt: skip
    assert article["folder"] == str(corpus / "2023") and article["author"] == "THANH HÀ"
    assert article["summary"].count(".") == 1  # one sentence, as asked
    assert {"type", "name", "role", "mentions"} == set(article["key_entities"][0])


def test_docx_digest_has_a_heading_per_article_and_a_toc_field(capsys, corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "digest.docx"
    code, out, err = _run(capsys, "digest", str(corpus), "--format", "docx", "--output", str(target))
    assert code == 0 and out == "" and str(target) in err
    document = docx.Document(str(target))
    styled = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    headings = [text for style, text in styled if style == "Heading 2"]
    assert len(headings) == 3 and any(h.startswith("Nông dân huyện Lương Tài") for h in headings)
    assert [text for style, text in styled if style == "Heading 1"] == ["Most-named entities", "Articles"]
    fields = document.element.body.findall(".//{*}fldSimple")
    assert [f.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instr") for f in fields] == [
        TOC_INSTRUCTION
    ]
    assert document.settings.element.find("{*}updateFields") is not None


def test_docx_needs_an_output_file(capsys, corpus: Path) -> None:
    code, out, err = _run(capsys, "digest", str(corpus), "--format", "docx")
    assert code == 2 and out == "" and "--output" in err


def test_output_never_replaces_a_file_without_force_nor_an_article(capsys, corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "digest.md"
    target.write_text("my notes", encoding="utf-8")
    code, _, err = _run(capsys, "digest", str(corpus), "--output", str(target))
    assert code == 2 and "--force" in err and target.read_text(encoding="utf-8") == "my notes"
    code, _, err = _run(capsys, "figures", str(tmp_path / "missing.txt"), "--output", str(target))
    assert code == 2 and "exists" in err and "missing.txt" not in err  # said before reading anything
    code, _, _ = _run(capsys, "digest", str(corpus), "--output", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("# Digest of 3 articles")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao", "digest.md"]  # no temporary left
    article = corpus / "2022" / "nong-nghiep.txt"
    before = article.read_bytes()
    code, _, err = _run(capsys, "figures", str(corpus), "--output", str(article), "--force")
    assert code == 2 and "one of the articles" in err and article.read_bytes() == before


def test_figures_csv_round_trips_with_diacritics_and_a_bom(capsys, corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "figures.csv"
    assert _run(capsys, "figures", str(corpus), "--output", str(target))[0] == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == ["path", "date", "figure", "value", "unit", "counts", "clause"]
    by_figure = {r["figure"]: r for r in rows}
    assert by_figure["1.234 đảng viên"]["value"] == "1234"
    assert by_figure["1.234 đảng viên"]["counts"] == "đảng viên"
    assert by_figure["1.234 đảng viên"]["date"] == "2023-03-13"
    assert by_figure["102% kế hoạch"]["unit"] == "%"
    assert by_figure["2,5 triệu đồng"]["value"] == "2500000"
    assert by_figure["3.500 ha lúa xuân"]["unit"] == "ha"
    assert "kết nạp 1.234 đảng viên" in by_figure["1.234 đảng viên"]["clause"]


def test_figures_json_lines(capsys, corpus: Path) -> None:
    code, out, _ = _run(capsys, "figures", str(corpus / "2023" / "tiep-xuc.txt"), "--format", "json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows
    assert set(rows[0]) == {"path", "date", "figure", "value", "unit", "counts", "clause"}
    assert {(r["figure"], r["value"], r["unit"]) for r in rows} >= {("15%", 15.0, "%")}


def test_entities_across_json_csv_and_text(capsys, corpus: Path) -> None:
    code, out, _ = _run(capsys, "entities", str(corpus), "--across", "--format", "json")
    rows = [json.loads(line) for line in out.splitlines()]
    mai = next(r for r in rows if r["name"] == "Trương Thị Mai")
    assert code == 0 and set(mai) == {"type", "name", "articles", "mentions", "roles", "paths"}
    assert (mai["type"], mai["articles"], mai["mentions"]) == ("PER", 2, 3)
    assert [(r["role"], r["date"]) for r in mai["roles"]] == [
        ("Ủy viên Bộ Chính trị, Thường trực Ban Bí thư", "2023-03-13"),
        ("Trưởng Ban Tổ chức Trung ương", "2023-09-22"),
    ]
    assert mai["paths"] == [str(corpus / "2023" / "hoi-nghi.txt"), str(corpus / "2023" / "tiep-xuc.txt")]
    code, out, _ = _run(capsys, "entities", str(corpus), "--across", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert code == 0 and next(r for r in table if r["name"] == "Trương Thị Mai")["articles"] == "2"
    code, out, _ = _run(capsys, "entities", str(corpus), "--across")
    assert code == 0 and "PER  Trương Thị Mai · 2 articles · 3 mentions" in out
    assert "Trưởng Ban Tổ chức Trung ương (22/09/2023, " in out


def test_csv_without_across_is_a_usage_error(capsys, corpus: Path) -> None:
    assert _run(capsys, "entities", str(corpus), "--format", "csv")[0] == 2


@pytest.mark.parametrize(
    "args",
    [
        ["digest"],
        ["digest", "--format", "json"],
        ["figures"],
        ["figures", "--format", "json"],
        ["entities", "--across"],
        ["entities", "--across", "--format", "json"],
        ["entities", "--across", "--format", "csv"],
    ],
)
def test_hostile_text_never_reaches_the_output(capsys, tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / f"tin{OSC0}.txt"
    path.write_text(hostile_article(), encoding="utf-8")
    code, out, err = _run(capsys, args[0], str(path), *args[1:])
    assert code == 0 and "Lê Minh Tuấn" in out
    if "csv" in args or args == ["figures"]:
        out = out.replace("\r\n", "\n")  # the CSV's own line ends
    assert active_characters(out) == [] and active_characters(err) == []


def test_hostile_text_in_a_docx_digest(capsys, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / f"tin{BIDI}.txt").write_text(hostile_article() + "\ufffe\n", encoding="utf-8")
    target = tmp_path / "d.docx"
    assert _run(capsys, "digest", str(tmp_path / "in"), "--format", "docx", "--output", str(target))[0] == 0
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Lê Minh Tuấn" in text and "␛" in text
    assert active_characters(text) == [] and "\ufffe" not in text


def test_a_warm_cache_loads_no_nlp_model(capsys, corpus: Path, isolated_home: Path) -> None:
    assert _run(capsys, "digest", str(corpus))[0] == 0  # analyses into the cache, in this process
    code = (
        "import sys; from tui.cli import main\n"
        "for args in (['entities', '--across'], ['digest', '--format', 'json'], ['figures']):\n"
        f"    assert main([args[0], {str(corpus)!r}, *args[1:]]) == 0\n"
        "print('LOADED', sorted(m for m in ('underthesea', 'sumy', 'sklearn') if m in sys.modules), file=sys.stderr)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(isolated_home / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stderr


@pytest.mark.parametrize("command", [["entities", "--across"], ["figures"], ["digest"]])
def test_a_bad_file_is_named_and_the_rest_goes_on(capsys, corpus: Path, command: list[str]) -> None:
    (corpus / "2022" / "hong.txt").write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = _run(capsys, command[0], str(corpus), *command[1:])
    assert code == 1 and "hong.txt" in err and "Lương Tài" in out

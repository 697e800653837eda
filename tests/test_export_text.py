"""The summary as one paragraph: chosen sentences joined so that each still ends where it ends."""

from __future__ import annotations

from tui.core import export
from tui.core.model import Analysis, Document, Sentence, SentenceScore, Summary


def _analysis(texts: list[str]) -> Analysis:
    text = "\n\n".join(texts)
    sentences, start = [], 0
    for number, piece in enumerate(texts):
        sentences.append(Sentence(number, start, start + len(piece), piece, number))
        start += len(piece) + 2
    scores = tuple(SentenceScore(i, 1.0 / (i + 1), i + 1) for i in range(len(texts)))
    summary = Summary("ranker", scores, tuple(range(len(texts))))
    return Analysis(Document(path="a.txt", text=text, encoding="utf-8"), tuple(sentences), {"ranker": summary})


def test_a_lead_without_a_full_stop_does_not_run_into_the_next_sentence() -> None:
    lead = "Ý kiến cử tri tại buổi tiếp xúc với Chủ tịch tỉnh Nguyễn Văn An"
    analysis = _analysis([lead, "Cử tri Trần Văn Bình đề nghị làm rõ việc cấp đất.", "Xã hứa trả lời sớm"])
    text = export.summary_text(analysis, "ranker", 3)
    assert text == f"{lead}. Cử tri Trần Văn Bình đề nghị làm rõ việc cấp đất. Xã hứa trả lời sớm"
    assert export.summary_sentences(analysis, "ranker", 3)[0] == lead  # the sentences themselves unchanged
    asked = _analysis(["Ai chịu trách nhiệm?", "Ông Bình nói:", "“Chúng tôi sẽ làm rõ”"])
    assert export.summary_text(asked, "ranker", 3) == "Ai chịu trách nhiệm? Ông Bình nói: “Chúng tôi sẽ làm rõ”"


def test_save_new_file_numbers_rather_than_overwrite_and_skips_protected_names(tmp_path) -> None:
    from tui.core.export import save_new_file

    protected = tmp_path / "digest-2024-03-15.md"  # an article that happens to have that name
    first = save_new_file(b"one", "digest-2024-03-15.md", tmp_path, [str(protected)])
    second = save_new_file(b"two", "digest-2024-03-15.md", tmp_path, [str(protected)])
    assert (first.name, second.name) == ("digest-2024-03-15-2.md", "digest-2024-03-15-3.md")
    assert first.read_bytes() == b"one" and second.read_bytes() == b"two" and not protected.exists()
    assert save_new_file(b"x", "plain", tmp_path).name == "plain"
    assert save_new_file(b"y", "plain", tmp_path).name == "plain-2"

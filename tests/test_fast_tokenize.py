"""tui.core.fast_tokenize must return exactly what underthesea returns.

All sentences here are made up for these tests.
"""

from __future__ import annotations

import random
import unicodedata

import pytest

underthesea = pytest.importorskip("underthesea")

from tui.core import crf_features, fast_tokenize  # noqa: E402

LONG = (
    " ".join(
        f"Đoạn {i}: ông Nguyễn Văn Minh, Phó Chủ tịch UBND tỉnh, cho biết năm 202{i % 10} "
        f"tỉnh đã giải ngân {i}.053 tỷ đồng, đạt {90 + i}% kế hoạch và tăng {i},5% so với cùng kỳ;"
        for i in range(12)
    )
    + " đây là con số cao nhất từ trước tới nay."
)

SENTENCES = [
    "Bác sĩ Trần Thị Lan, Th.s y khoa, cho biết bệnh viện đã tiếp nhận 2.053 ca trong tháng.",
    "Doanh thu quý III đạt 4.123,2 tỷ đồng, tăng 102% so với cùng kỳ và vượt 60.542.000 USD.",
    "Ngày 22/01/2021, Ban Thường vụ ban hành Nghị quyết số 01-NQ/TU về chuyển đổi số.",
    "Sáng 5-3, đoàn công tác của UBND TP.HCM làm việc với Sở GD&ĐT và T.Ư Đoàn.",
    "Ông Lê Văn Hùng (ThS. kinh tế) và PGS.TS Phạm Minh Đức trao đổi lúc 10:20:50.",
    '“Chúng tôi sẽ không bỏ cuộc”, bà Hoa nói, rồi nhắc lại: "không bao giờ".',
    "Xem chi tiết tại https://www.vidu.gov.vn/tin-tuc/bai-viet?id=12 hoặc gửi thư tới hotro@vidu.vn nhé.",
    "Tp. Hồ Chí Minh và TP. Cần Thơ có nhiều dự án; Mr. Smith, Dr. An và Mrs. Brown tham dự.",
    "Xe biển số 43H-0530 vi phạm Nghị định 100/2019/NĐ-CP, bị phạt 3,5 triệu đồng.",
    "Người H'Mông ở xã N’Thôn Hạ trồng rau trong nhà kính 3x4 mét, nhiệt độ 30°C.",
    "Các mặt hàng như gạo, muối, đường v.v... đều tăng giá từ 1.600m-2.000m đồng.",
    "Nghành giáo dục cần baì bản hơn, theo Ðại học Ðà Nẵng.",  # misspellings and Icelandic eth
    unicodedata.normalize("NFD", "Tiếng Việt viết ở dạng tổ hợp vẫn phải ra cùng kết quả."),
    "Thisisme gặp Th S và Th.S Thư ở TP.",  # "Th.S" matches any character, even a space
    "Khán giả cười :))) rồi thả <3 =)) cho đạo diễn :D",
    "ΣΟΦΟΣ İstanbul STRASSE straße ǅemal ﬁnal ٣ ² -5 +84 2147483648",
    "  Hà Nội  \t mùa\nthu   ",
    "Giá: 100,000,000 đồng/lượng; lãi suất 6,8%/năm; tỷ lệ 1/2 -- tăng ==> giảm -> ổn định >> tốt.",
    "Ông A.B. Nguyễn nói rằng ___ và ### không phải ký tự chữ ʺ đâu.",
    LONG,
    "",
    "...",
    "?!",
    "   ",
    "a",
    "TP.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_word_tokenize_matches_underthesea(sentence: str) -> None:
    assert fast_tokenize.word_tokenize(sentence) == underthesea.word_tokenize(sentence)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_ner_matches_underthesea(sentence: str) -> None:
    assert fast_tokenize.ner(sentence) == underthesea.ner(sentence)


FRAGMENTS = [
    "Hà",
    "Nội",
    "nghành",
    "baì",
    "Th",
    "S",
    "s",
    "T",
    ".",
    ",",
    "(",
    ")",
    "“",
    "”",
    "'",
    "’",
    "-",
    "--",
    "@",
    "a@b.vn",
    "http://x.vn/a(b)",
    "vidu.com",
    "ʺ",
    "ð",
    "Σ",
    "İ",
    ":",
    ":D",
    "=",
    ">",
    "2.053",
    "102%",
    "22/01/2021",
    "01-NQ/TU",
    "TP.HCM",
    "v.v",
    "T.Ư",
    "NĐ-CP",
    "3x4",
    "43H",
    "4K",
    "H&M",
    "Ông",
    "ông",
    "Lê",
    "Văn",
    "A",
    "ĐH",
    "x",
    "_",
    "°C",
    "10:20:50",
    "2147483647",
    "-12",
]


def random_sentences(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    sentences = []
    for _ in range(count):
        parts = rng.choices(FRAGMENTS, k=rng.randint(1, 25))
        gaps = rng.choices([" ", " ", " ", "", "  ", "\t", "\n"], k=len(parts))
        sentences.append("".join(p + g for p, g in zip(parts, gaps)))
    return sentences


def test_word_tokenize_matches_underthesea_on_random_fragments() -> None:
    for sentence in random_sentences(400, seed=7):
        assert fast_tokenize.word_tokenize(sentence) == underthesea.word_tokenize(sentence), sentence


def test_ner_matches_underthesea_on_random_fragments() -> None:
    for sentence in random_sentences(60, seed=11):
        assert fast_tokenize.ner(sentence) == underthesea.ner(sentence), sentence


def test_long_sentences_read_feature_by_feature_match_underthesea() -> None:
    """From ``_COLUMNS_FROM`` tokens on, the featurizer reads its rows one feature at a time."""
    fragments = random_sentences(120, seed=5)
    long = [" ".join(fragments[i : i + 30]) for i in range(0, 120, 30)]
    assert all(len(fast_tokenize._tokenize(s)) >= crf_features._COLUMNS_FROM for s in long)
    for sentence in long:
        assert fast_tokenize.word_tokenize(sentence) == underthesea.word_tokenize(sentence)
    assert fast_tokenize.ner(long[0]) == underthesea.ner(long[0])


def test_features_are_underthesea_core_features_the_model_knows() -> None:
    """The Python featurizer copies the Rust one's functions (lower, isdigit, istitle, is_in_dict)."""
    from pathlib import Path

    import joblib
    from underthesea.pipeline import word_tokenize as wt
    from underthesea_core import CRFFeaturizer

    base = Path(wt.__file__).parent / "models" / "ws_crf_vlsp2013_20230727"
    rust = CRFFeaturizer(joblib.load(base / "features.bin"), joblib.load(base / "dictionary.bin"))
    known = crf_features.read_crfsuite_attributes(base / "models.bin")
    featurize = fast_tokenize._segmenter().featurizer
    tokens = [
        "Σ",
        "ΟΔΟΣ",
        "İ",
        "ß",
        "ǅ",
        "ﬁ",
        "٣",
        "²",
        "+5",
        "-0",
        "007",
        "2147483647",
        "2147483648",
        "-2147483648",
        "-2147483649",
        "+",
        "BOS",
        "EOS",
        "Việt",
        "Nam",
        "hà",
        "nội",
        "2.053",
        "Đ",
    ]
    for size in (1, 2, 3, 5, len(tokens)):
        for start in range(0, len(tokens) - size + 1, max(1, size // 2)):
            sentence = tokens[start : start + size]
            expected = rust.process([[[t] for t in sentence]])[0]
            assert featurize([sentence]) == [[f for f in row if f in known] for row in expected]


def test_fast_tokenize_imports_no_interface_or_nlp_at_import() -> None:
    import subprocess
    import sys

    code = "import sys, tui.core.fast_tokenize; print(' '.join(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert not {"textual", "rich", "underthesea", "underthesea_core"} & {m.split(".")[0] for m in loaded}


@pytest.mark.parametrize("batch", [1, 7, 800])
def test_word_tokenize_many_is_word_tokenize_of_each_sentence_in_order(
    monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(fast_tokenize, "_BATCH_TOKENS", batch)  # a sentence, a few, all at once
    sentences = [*SENTENCES, *random_sentences(30, seed=3)]
    repeated = [*sentences, *reversed(sentences), SENTENCES[0]]  # repeats are answered from memory
    expected = [fast_tokenize.word_tokenize(s) for s in repeated]
    got = list(fast_tokenize.word_tokenize_many(repeated))
    assert got == expected
    got[0].append("x")  # each answer is its own list: changing one leaves a repeat alone
    assert got[-1] == expected[-1]


def test_sentences_featurized_together_are_segmented_as_underthesea_segments_each() -> None:
    sentences = [*SENTENCES, *random_sentences(60, seed=11), "a", "Ông", "1.000", "“Vâng”"]
    assert list(fast_tokenize.word_tokenize_many(sentences)) == [underthesea.word_tokenize(s) for s in sentences]


def test_features_of_sentences_read_together_are_those_of_each_read_alone() -> None:
    model = fast_tokenize._segmenter()
    # one-token sentences have spans reaching before and after them at once (those read "BOS")
    sentences = [[fast_tokenize._tokenize(s)] for s in [*random_sentences(40, seed=13), "a", "Ông", "", "Ông An"]]
    assert model.featurizer.many(sentences) == [model.featurizer(s) for s in sentences]
    assert model.featurizer.many([]) == []


def test_word_tokenize_many_forgets_past_its_limit_and_stays_right(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_tokenize, "_MEMO_LIMIT", 3)
    monkeypatch.setattr(fast_tokenize, "_BATCH_TOKENS", 20)  # the memo fills up inside a batch too
    sentences = random_sentences(12, seed=5) * 2
    assert list(fast_tokenize.word_tokenize_many(sentences)) == [fast_tokenize.word_tokenize(s) for s in sentences]


def test_word_tokenize_many_keeps_what_it_saw_in_the_memo_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    segmented: list[str] = []
    real = fast_tokenize._tokenize

    def counted(sentence: str) -> list[str]:
        segmented.append(sentence)
        return real(sentence)

    monkeypatch.setattr(fast_tokenize, "_tokenize", counted)
    memo: dict[str, list[str]] = {}
    first = list(fast_tokenize.word_tokenize_many(SENTENCES[:2], memo))
    again = list(fast_tokenize.word_tokenize_many([SENTENCES[1], SENTENCES[0], SENTENCES[2]], memo))
    assert segmented == [SENTENCES[0], SENTENCES[1], SENTENCES[2]]  # the second call segments only the new one
    assert again == [first[1], first[0], fast_tokenize.word_tokenize(SENTENCES[2])]

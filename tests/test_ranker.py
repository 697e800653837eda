"""The fitted ranker, its shipped weights, the page-matter filter and sentence splitting around quotes and credits."""

from __future__ import annotations

import numpy as np

from tui.core.model import Span
from tui.core.pipeline import document_from_text
from tui.core.ranker import FEATURES, TITLE_FEATURES, RankerSummarizer, feature_matrix, load_weights
from tui.core.sentence_filter import junk_reasons, sentence_junk
from tui.core.stopwords import load_stopwords
from tui.core.summarize import sumy_document
from tui.core.tokenize import SumyTokenizer, sentence_spans, split_sentences

STOP = load_stopwords()


def _model(text: str):
    document = document_from_text(text)
    sentences = split_sentences(document)
    return document, sentences, sumy_document(document, sentences, SumyTokenizer(sentences))


def test_weights_ship_both_models_over_known_features() -> None:
    weights = load_weights()
    for variant in ("title", "no_title"):
        model = weights[variant]
        assert set(model["features"]) <= set(FEATURES)
        assert len(model["features"]) == len(model["weights"]) == len(model["mean"]) == len(model["std"])
        assert all(s > 0 for s in model["std"])
    assert not TITLE_FEATURES & set(weights["no_title"]["features"])


def test_the_sentence_that_restates_the_headline_wins() -> None:
    text = (
        "Hà Nội thí điểm xe buýt điện trên năm tuyến nội thành\n\n"
        "Thời tiết hôm nay có mưa rào rải rác ở nhiều nơi trên cả nước. "
        "Sở Giao thông vận tải cho biết Hà Nội sẽ thí điểm xe buýt điện trên năm tuyến nội thành từ tháng sau. "
        "Các tuyến này đi qua nhiều trường học và bệnh viện lớn. "
        "Giá vé được giữ nguyên như xe buýt thường."
    )
    _, sentences, model = _model(text)
    ratings = RankerSummarizer().rate(model)
    assert len(ratings) == len(sentences)
    assert int(np.argmax(ratings)) == 1


def test_no_headline_uses_the_title_free_model() -> None:
    text = (
        "Sở Giao thông vận tải cho biết thành phố sẽ thí điểm xe buýt điện trên năm tuyến từ tháng sau. "
        "Các tuyến này đi qua nhiều trường học và bệnh viện lớn. Giá vé được giữ nguyên như xe buýt thường."
    )
    _document, sentences, model = _model(text)
    rows, has_title = feature_matrix(model, STOP)
    assert not has_title and rows.shape == (len(sentences), len(FEATURES))
    title_columns = [i for i, f in enumerate(FEATURES) if f in TITLE_FEATURES]
    assert not rows[:, title_columns].any()
    assert len(RankerSummarizer().rate(model)) == len(sentences)


def test_repeated_sentences_keep_their_own_scores() -> None:
    text = "Tiêu đề bài viết về giá xăng\n\nGiá xăng tăng mạnh trong tuần này. Người dân lo lắng. Giá xăng tăng mạnh trong tuần này."  # noqa: E501
    _, sentences, model = _model(text)
    ratings = RankerSummarizer().rate(model)
    assert len(ratings) == len(sentences) == 3


def test_junk_filter_on_made_up_lines() -> None:
    assert sentence_junk("Xem video: Toàn cảnh buổi lễ ra mắt sản phẩm mới.") == "link"
    assert sentence_junk("Xem thêm tại đây.") == "link"
    assert sentence_junk("Ảnh: Nguyễn Văn Bình") == "caption"
    assert sentence_junk("Lãnh đạo tỉnh cắt băng khánh thành - Ảnh: TRẦN LONG") == "caption"
    assert sentence_junk("(Nguồn: Camera an ninh).") == "caption"
    assert sentence_junk("Thu Hà (tổng hợp)", alone=True, last=True) == "byline"
    assert sentence_junk("Lê Minh (Theo Reuters)", alone=True, last=True) == "byline"
    assert sentence_junk("Quang Huy", alone=True, last=True) == "byline"
    assert sentence_junk("Ổn mà.") == "fragment"
    assert sentence_junk('".') == "fragment"
    # Story sentences that merely mention such words stay.
    assert sentence_junk("Theo đó, thành phố sẽ xây thêm ba trường học trong năm nay.") is None
    assert sentence_junk("Đoạn video ghi lại cảnh hai xe va chạm được chia sẻ rộng rãi trên mạng.") is None
    assert sentence_junk("Nguồn vốn của dự án đến từ ngân sách tỉnh và vốn vay.") is None
    assert sentence_junk("Bản đồ.") == "fragment"


def test_a_caption_above_a_credit_line_is_flagged() -> None:
    text = (
        "Mưa lớn gây ngập nhiều tuyến phố\n\n"
        "Trận mưa lớn chiều qua khiến nhiều tuyến phố trung tâm ngập sâu, giao thông ùn tắc kéo dài. "
        "Nước ngập ngang bánh xe trên phố chính.\n\nẢnh: Hoàng Nam\n\n"
        "Công ty thoát nước đã huy động hàng trăm công nhân ứng trực tại các điểm ngập trong đêm."
    )
    document = document_from_text(text)
    sentences = split_sentences(document)
    reasons = dict(zip((s.text for s in sentences), junk_reasons(document, sentences)))
    assert reasons["Nước ngập ngang bánh xe trên phố chính."] == "caption"
    assert sum(r is None for r in reasons.values()) == 2


def _split(text: str) -> list[str]:
    spans = sentence_spans(text, Span(0, len(text)))
    assert all(text[s.start : s.end].strip() == text[s.start : s.end] for s in spans)
    return [text[s.start : s.end] for s in spans]


def test_a_quotation_of_several_sentences_stays_one_sentence() -> None:
    got = _split('Ông nói: "Chúng tôi đã chuẩn bị kỹ. Mọi thứ sẵn sàng", ông Nam cho biết. Sau đó ông rời đi.')
    assert got == ['Ông nói: "Chúng tôi đã chuẩn bị kỹ. Mọi thứ sẵn sàng", ông Nam cho biết.', "Sau đó ông rời đi."]
    got = _split("“Tôi không biết. Đó là việc của họ”, bà Lan nói. Bà đi về.")
    assert got == ["“Tôi không biết. Đó là việc của họ”, bà Lan nói.", "Bà đi về."]
    got = _split('Bài viết có tiêu đề "Lễ hội năm nay tổ chức ở đâu?". Nhiều người quan tâm.')
    assert got == ['Bài viết có tiêu đề "Lễ hội năm nay tổ chức ở đâu?".', "Nhiều người quan tâm."]


def test_a_credit_glued_to_the_next_sentence_is_cut() -> None:
    got = _split("Công nhân sửa đường - Ảnh: MINH ĐỨCSáng 5-6, Sở Giao thông công bố kế hoạch mới. Xong việc.")
    assert got == ["Công nhân sửa đường - Ảnh: MINH ĐỨC", "Sáng 5-6, Sở Giao thông công bố kế hoạch mới.", "Xong việc."]
    # A credit in mixed case followed by a space is left alone.
    assert _split("Ảnh: Minh Đức Sáng nay trời mưa.") == ["Ảnh: Minh Đức Sáng nay trời mưa."]


def test_long_documents_skip_centrality_but_are_still_scored(monkeypatch) -> None:
    from tui.core import ranker

    text = "Tiêu đề về giá điện\n\n" + " ".join(
        f"Giá điện tháng {i} tăng thêm {i} phần trăm so với trước." for i in range(1, 8)
    )
    _, sentences, model = _model(text)
    monkeypatch.setattr(ranker, "MAX_CENTRALITY_SENTENCES", 2)
    rows, _ = feature_matrix(model, STOP)
    assert not rows[:, FEATURES.index("lexrank")].any()
    assert len(RankerSummarizer().rate(model)) == len(sentences)


def test_salience_features_read_the_lexicon_and_default_to_zero() -> None:
    text = (
        "Tin tức trong ngày hôm nay\n\n"
        "Công an tỉnh đã khởi tố vụ án lừa đảo chiếm đoạt tài sản. "
        "Ông Nam cho biết như vậy với phóng viên vào chiều qua."
    )
    _, sentences, model = _model(text)
    lexicon = {"khởi": 2.0, "tố": 1.0, "lừa": 1.0, "cho": -1.0, "biết": -1.0, "vậy": -1.0, "qua": -1.0}
    rows, _ = feature_matrix(model, STOP, lexicon)
    column = {name: rows[:, FEATURES.index(name)] for name in FEATURES if name.startswith("salience")}
    assert len(sentences) == 2
    assert column["salience_max"][0] == 2.0 and column["salience_max"][1] == 0.0  # unknown syllables are 0
    assert column["salience_mean"][0] > 0 > column["salience_mean"][1]
    assert list(column["salience_mean_rel"]) == [1.0, 0.0]
    rows, _ = feature_matrix(model, STOP, {})
    assert not rows[:, [FEATURES.index(name) for name in column]].any()


def test_shipped_salience_lexicon_is_small_and_finite() -> None:
    from tui.core.ranker import SALIENCE_PATH, load_salience

    lexicon = load_salience()
    assert 0 < len(lexicon) <= 10000 and SALIENCE_PATH.stat().st_size < 200_000
    assert all(np.isfinite(v) for v in lexicon.values())

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.summarize import ALGORITHMS

BOILERPLATE = (
    "Ý KIẾN BẠN ĐỌC",
    "Ý kiến bạn đọc",
    "Họ và tên",
    "Mã bảo vệ",
    "Xem thêm",
    "Bài cùng chuyên mục",
    "In trang này",
    "Tìm kiếm",
    "VIDEO CLIPS",
    "Email",
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seed_json(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """``summarize seeds --format json``, run once for the module."""
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["summarize", "seeds", "--format", "json", "--no-cache"]) == 0
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_summarize_json_contract(seed_json: list[dict]) -> None:
    assert len(seed_json) == 5
    for record in seed_json:
        assert set(record) >= {"path", "title", "date", "author", "algorithm", "text", "sentences", "summary"}
        text = record["text"]
        assert record["title"] and record["title"] in text
        ranks = sorted(s["rank"] for s in record["sentences"])
        assert ranks == list(range(1, len(ranks) + 1))
        assert len(record["summary"]) == 3
        for item in record["summary"]:
            assert text[item["start"] : item["end"]] == item["text"]
            assert not any(b in item["text"] for b in BOILERPLATE)
            if record["author"]:
                assert record["author"] not in item["text"]
        for sentence in record["sentences"]:
            assert text[sentence["start"] : sentence["end"]].strip()


def test_summarize_json_dates_are_iso(seed_json: list[dict]) -> None:
    dates = [r["date"] for r in seed_json]
    assert "2021-01-22" in dates and None in dates


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_from_the_command_line(capsys, algorithm: str) -> None:
    code, out, _ = run(
        capsys,
        "summarize",
        "seeds/002_1394acb02f79d23d.txt",
        "--algorithm",
        algorithm,
        "--sentences",
        "2",
        "--format",
        "json",
        "--no-cache",
    )
    record = json.loads(out)
    assert code == 0 and record["algorithm"] == algorithm
    assert len(record["summary"]) == 2
    assert len({s["rank"] for s in record["sentences"]}) == len(record["sentences"])


def test_text_and_markdown_formats(capsys) -> None:
    code, out, _ = run(capsys, "summarize", "seeds/002_1394acb02f79d23d.txt", "--no-cache")
    assert code == 0
    assert out.splitlines()[0] == "Tổng kết công tác tổ chức xây dựng Đảng năm 2020"
    assert out.splitlines()[1] == "22/01/2021 · TRÍ DŨNG"
    code, out, _ = run(capsys, "summarize", "seeds/002_1394acb02f79d23d.txt", "--format", "markdown", "--no-cache")
    assert out.startswith("## Tổng kết công tác")
    assert "**Source:** `seeds/002_1394acb02f79d23d.txt`" in out
    assert sum(line.startswith("- ") for line in out.splitlines()) >= 3


def test_bad_files_are_reported_and_the_batch_goes_on(capsys, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK")
    (tmp_path / "good.txt").write_text(
        "Tiêu đề\n\nHội nghị diễn ra tại Hà Nội trong hai ngày với nhiều đại biểu. "
        "Các đại biểu thảo luận về chuyển đổi số.\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "summarize", str(tmp_path), str(tmp_path / "missing.txt"), "--format", "json", "--no-cache"
    )
    assert code == 1
    assert len(out.splitlines()) == 1 and json.loads(out)["title"] == "Tiêu đề"
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert any("empty.txt: empty file" in line for line in lines)
    assert any("binary.txt: binary file" in line for line in lines)
    assert any("missing.txt: no such file" in line for line in lines)


def test_fallback_encoding_is_said(capsys, tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    # \xe2 and \xea are "â" and "ê" in Windows-1258 and invalid on their own in UTF-8.
    path.write_bytes(b"Tieu de\n\nCau van co chu \xe2 va \xea day du. Them cau nua.\n")
    code, out, err = run(capsys, "summarize", str(path), "--format", "json", "--no-cache")
    assert code == 0
    assert "Windows-1258" in err and "Windows-1258" in json.loads(out)["notes"][0]


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["summarize"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["summarize", "seeds", "--algorithm", "nope"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["summarize", "seeds", "--sentences", "0"])
    assert caught.value.code == 2


def test_broken_config_exits_2_with_message(capsys, tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[summary]\nalgorithm = "magic"\n')
    code, out, err = run(capsys, "summarize", "seeds", "--config", str(config))
    assert code == 2 and out == ""
    assert str(config) in err and "summary.algorithm" in err and "magic" in err


def test_help_has_examples(capsys) -> None:
    for command in (
        ["--help"],
        ["summarize", "--help"],
        ["entities", "--help"],
        ["index", "--help"],
        ["cache", "--help"],
    ):
        with pytest.raises(SystemExit) as caught:
            main(command)
        assert caught.value.code == 0
        assert "example" in capsys.readouterr().out


def test_sample_files_are_untouched(seeds_copy: Path, capsys) -> None:
    before = {p.name: p.read_bytes() for p in seeds_copy.iterdir()}
    run(capsys, "summarize", str(seeds_copy), "--format", "json")
    assert {p.name: p.read_bytes() for p in seeds_copy.iterdir()} == before


@pytest.mark.parametrize("before", [True, False], ids=["before-subcommand", "after-subcommand"])
def test_config_is_honoured_before_or_after_the_subcommand(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, before: bool
) -> None:
    article = sorted(Path("seeds").glob("*.txt"))[0]
    good, bad = tmp_path / "one.toml", tmp_path / "bad.toml"
    good.write_text("[summary]\nsentences = 1\n", encoding="utf-8")
    bad.write_text("[summary]\nsentences = 0\n", encoding="utf-8")

    def args(config: Path) -> list[str]:
        command = ["summarize", str(article), "--format", "json"]
        return (
            ["--config", str(config), "--no-cache", *command]
            if before
            else [*command, "--config", str(config), "--no-cache"]
        )

    code, out, _ = run(capsys, *args(good))
    assert code == 0 and len(json.loads(out)["summary"]) == 1
    code, out, err = run(capsys, *args(bad))
    assert code == 2 and not out and "summary.sentences" in err

"""The whole analysis of one article: load → clean → sentences/words → scores → entities.

Plain functions over the dataclasses in ``model``; the command line, the batch
indexer and the interface all call these.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from tui.core.clean import clean
from tui.core.loader import DEFAULT_MAX_BYTES, LoadedText, load_text, normalise
from tui.core.model import Analysis, Document, Sentence, Summary
from tui.core.outline import numbered_headings
from tui.core.stopwords import load_stopwords
from tui.core.summarize import DEFAULT_ALGORITHM, summarize
from tui.core.tokenize import split_sentences


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of the pipeline's own code and data: any change to them invalidates cached results."""
    core = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=6)
    for path in sorted([*core.rglob("*.py"), *core.parent.glob("data/*"), *core.rglob("data/*")]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Options:
    """What changes the results of an analysis (and so belongs in a cache key)."""

    algorithm: str = DEFAULT_ALGORITHM
    sentences: int = 3
    stopwords: str = "stopwords-iso"
    max_file_bytes: int = DEFAULT_MAX_BYTES


def load_document(path: str, options: Options = Options()) -> Document:
    """Read and clean one file; raises ``LoadError`` with a one-line reason."""
    return clean_loaded(load_text(path, options.max_file_bytes))


def clean_loaded(loaded: LoadedText) -> Document:
    """Clean a read file, carrying its reader's note, format, metadata and headings into the Document."""
    return clean(
        loaded.path,
        loaded.text,
        loaded.encoding,
        (loaded.note,) if loaded.note else (),
        format=loaded.format,
        metadata=loaded.metadata,
        headings=loaded.headings,
    )


def document_from_text(text: str, path: str = "<text>") -> Document:
    """Clean text that did not come from a file (benchmarks, tests)."""
    return clean(path, normalise(text))


def analyse(
    document: Document,
    options: Options = Options(),
    algorithms: Iterable[str] | None = None,
    entities: bool = True,
) -> Analysis:
    """Sentences, a summary per algorithm (default: the configured one) and, if asked, entities."""
    if not document.headings:  # plain text: its numbered section lines (the outline)
        document = replace(document, headings=numbered_headings(document.text))
    sentences = split_sentences(document)
    wanted = tuple(algorithms) if algorithms is not None else (options.algorithm,)
    summaries = {name: summarize_with(document, sentences, name, options) for name in wanted}
    analysis = Analysis(document, sentences, summaries)
    return add_entities(analysis) if entities else analysis


def summarize_with(document: Document, sentences: tuple[Sentence, ...], algorithm: str, options: Options) -> Summary:
    return summarize(document, sentences, algorithm, options.sentences, load_stopwords(options.stopwords))


def add_entities(analysis: Analysis) -> Analysis:
    from tui.core.entities import extract_entities, group_entities

    found = tuple(extract_entities(analysis.document, analysis.sentences))
    groups = tuple(group_entities(analysis.document, found, analysis.sentences))
    return replace(analysis, entities=found, groups=groups)


_WARM_UP_TEXT = (
    "Hội nghị tổng kết năm\n\n"
    "Sáng 5/1, tại Hà Nội, Ủy ban nhân dân thành phố tổ chức hội nghị tổng kết công tác năm. "
    "Ông Nguyễn Văn An, Chủ tịch Ủy ban, phát biểu chỉ đạo hội nghị. "
    "Năm qua, thành phố đạt tốc độ tăng trưởng 7,5%.\n"
)


def load_models(entities: bool = True) -> None:
    """Load the word segmenter's (and ``entities``: the entity rules') models now, by analysing a
    short text, so that the first real analysis of a process does not pay for them. The
    part-of-speech model, which only some figures and organisations ask for, loads when first
    asked (``entities.lexicon.load_tagger`` loads it now)."""
    analyse(document_from_text(_WARM_UP_TEXT), entities=entities)

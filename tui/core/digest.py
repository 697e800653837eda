"""One digest of many articles: the corpus's most-named entities, then per article its headline,
date, source, author, summary and key entities. Markdown and JSON here; Word in ``digest_docx``.

The summary is the one `c` copies and `summarize` prints (``export.summary_text``, the chosen
algorithm and length); the key entities are ``export.key_groups``. Text leaves through
``safe_text``: ``visible`` in Markdown, ``json_line`` in JSON, ``xml_text`` in Word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core import export
from tui.core.collector import paused_collection
from tui.core.corpus import CorpusEntity, corpus_entities
from tui.core.model import Analysis
from tui.core.safe_text import json_line, one_line, visible

# What the top of a digest lists: the kinds a reader looks for across reports, in panel order.
TOP_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "DOC")
TOP_PER_TYPE = 5
KEY_PER_TYPE = 5


@dataclass(frozen=True)
class DigestArticle:
    """What a digest says about one article."""

    analysis: Analysis
    title: str
    folder: str
    summary: str
    summary_label: str  # ``ranker · 3 sentences``: the algorithm that ran and the real length
    method: str


@dataclass(frozen=True)
class Digest:
    algorithm: str
    sentences: int
    top: dict[str, list[CorpusEntity]]  # the most-named entities of each type in TOP_TYPES
    articles: list[DigestArticle]


def build_digest(
    items: Sequence[tuple[str, Analysis]],
    algorithm: str,
    sentences: int,
    entities: Sequence[CorpusEntity] | None = None,
) -> Digest:
    """The digest of ``items`` in their order; ``entities`` (the corpus table of exactly these
    articles) when the caller has it already."""
    table = corpus_entities(items, TOP_TYPES) if entities is None else entities
    top: dict[str, list[CorpusEntity]] = {}
    for entity in table:  # already most widely named first
        chosen = top.setdefault(entity.type, [])
        if entity.type in TOP_TYPES and len(chosen) < TOP_PER_TYPE:
            chosen.append(entity)
    top = {kind: top[kind] for kind in TOP_TYPES if top.get(kind)}
    with paused_collection():
        articles = [_article(analysis, algorithm, sentences) for _, analysis in items]
    return Digest(algorithm, sentences, top, articles)


def _article(analysis: Analysis, algorithm: str, sentences: int) -> DigestArticle:
    document = analysis.document
    summary = analysis.summaries.get(algorithm)
    return DigestArticle(
        analysis=analysis,
        title=" ".join((document.title or Path(document.path).name).split()),
        folder=str(Path(document.path).parent),
        summary=export.summary_text(analysis, algorithm, sentences),
        summary_label=export.summary_label(analysis, algorithm, sentences),
        method=summary.ran if summary is not None else algorithm,
    )


def top_line(entity: CorpusEntity) -> str:
    """``Trương Thị Mai — 3 articles, 7 mentions``"""
    return f"{entity.name} — {plural(entity.articles, 'article')}, {plural(entity.mentions, 'mention')}"


def key_entities(article: DigestArticle) -> dict[str, list[str]]:
    """Per type title, the article's most mentioned entities, a person with the role stated."""
    out: dict[str, list[str]] = {}
    for kind, groups in export.key_groups(article.analysis.groups, KEY_PER_TYPE).items():
        out[export.GROUP_TITLES[kind]] = [g.name + (f" ({g.role})" if g.role else "") for g in groups]
    return out


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def heading(digest: Digest) -> str:
    return f"Digest of {plural(len(digest.articles), 'article')}"


# ---------------------------------------------------------------- Markdown
def digest_markdown(digest: Digest) -> str:
    """The digest as Markdown: a title, the most-named entities, then one section per article
    (``export.markdown``, as `s` saves one summary)."""
    md = export.md_escape
    lines = [f"# {md(heading(digest))}", ""]
    if digest.top:
        lines += ["## Most-named entities", ""]
        for kind, entities in digest.top.items():
            lines.append(f"- {export.GROUP_TITLES[kind]}: " + "; ".join(md(top_line(e)) for e in entities))
        lines.append("")
    out = "\n".join(lines)
    for article in digest.articles:
        out += "\n" + export.markdown(article.analysis, digest.algorithm, digest.sentences, KEY_PER_TYPE)
    return visible(out)


# ---------------------------------------------------------------- JSON
def digest_json(digest: Digest) -> dict[str, Any]:
    """The digest as one JSON object (the command line's contract; text as the articles have it)."""
    return {
        "articles_count": len(digest.articles),
        "algorithm": digest.algorithm,
        "sentences": digest.sentences,
        "top_entities": [
            {"type": e.type, "name": e.name, "articles": e.articles, "mentions": e.mentions}
            for entities in digest.top.values()
            for e in entities
        ],
        "articles": [_article_json(a) for a in digest.articles],
    }


def _article_json(article: DigestArticle) -> dict[str, Any]:
    document = article.analysis.document
    return {
        "path": document.path,
        "folder": article.folder,
        "title": article.title,
        "date": document.date.isoformat() if document.date else None,
        "date_text": document.date_label() or None,
        "author": document.author,
        "method": article.method,
        "summary": article.summary,
        "key_entities": [
            {"type": g.type, "name": g.name, "role": g.role, "mentions": g.count}
            for groups in export.key_groups(article.analysis.groups, KEY_PER_TYPE).values()
            for g in groups
        ],
    }


def digest_json_text(digest: Digest) -> str:
    return json_line(digest_json(digest)) + "\n"


def source_line(article: DigestArticle) -> str:
    """The article's path on one line, as a digest shows it."""
    return one_line(article.analysis.document.path)

"""The corpus commands: ``digest``, ``figures`` and ``entities --across``.

They read the articles as ``summarize`` and ``entities`` do (``tui.cli._analyses``: the cache
first, so with a warm cache no NLP model loads) and write through ``safe_text``. A file named by
``--output`` is created, never replaced unless ``--force`` is given, and never one of the articles.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tui.config import Config
from tui.core.safe_text import json_line, one_line
from tui.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from tui.core.corpus import CorpusEntity
    from tui.core.figures import Figure
    from tui.core.loader import LoadError
    from tui.core.model import Analysis

BOM = "\ufeff"  # spreadsheets read a CSV file as UTF-8 only when it starts with one
TEXT_PATHS = 5  # the paths the text table shows per entity (JSON and CSV have them all)
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_OUTPUT_HELP = (
    "write to FILE instead of standard output; FILE must not exist (--force replaces it) and "
    "may not be one of the articles"
)


@dataclass(frozen=True)
class Tools:
    """What these commands share with ``tui.cli`` (which passes them in: the modules do not import
    each other both ways): its stderr messages, a count's check and the articles' analyses."""

    warn: Callable[[str], None]
    positive: Callable[[str], int]
    analyses: Callable[[argparse.Namespace, Config, bool], Iterator[Analysis | LoadError]]
    analysed: Callable[[Analysis | LoadError], Analysis | None]


def add_corpus_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser, tools: Tools) -> None:
    from tui.core.summarize import ALGORITHMS

    sub = commands.add_parser(
        "digest",
        parents=[common],
        help="one digest of many articles (Markdown, Word or JSON)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="One digest of the articles: the most-named people, organisations, places and documents, "
        "then per article its headline, date, source, author, summary and key entities.",
        epilog="examples:\n  reports-tui digest reports/2023/ > digest.md\n"
        "  reports-tui digest reports/ --format docx --output digest.docx --since 2023-01-01\n"
        "  reports-tui digest reports/ --entity 'truong thi mai' --format json",
    )
    sub.add_argument("paths", nargs="+", metavar="PATH")
    sub.add_argument("--format", choices=("markdown", "docx", "json"), default="markdown")
    sub.add_argument("--output", metavar="FILE", help=_OUTPUT_HELP + " (docx requires it)")
    sub.add_argument("--force", action="store_true", help="replace FILE if it exists")
    sub.add_argument("--entity", metavar="NAME", help="only articles naming NAME (diacritics and case optional)")
    sub.add_argument("--since", type=_date, metavar="DATE", help="only articles dated DATE or later (YYYY-MM-DD)")
    sub.add_argument(
        "--until",
        type=_date,
        metavar="DATE",
        help="only articles dated DATE or earlier; with --since or --until, articles without a date are left out",
    )
    sub.add_argument("--algorithm", choices=ALGORITHMS, help="summarizer (default from the config)")
    sub.add_argument("--sentences", type=tools.positive, metavar="N", help="summary length in sentences")
    sub.set_defaults(handler=digest, tools=tools)

    sub = commands.add_parser(
        "figures",
        parents=[common],
        help="every figure with what it counts, value, unit and clause (CSV or JSON)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="The figures table: one row per figure in the articles: path, date, figure as written, "
        "value, unit, what it counts, its clause. CSV is UTF-8 with a byte order mark (spreadsheets "
        "then keep Vietnamese intact); JSON is one object per line.",
        epilog="examples:\n  reports-tui figures reports/ --output figures.csv\n"
        "  reports-tui figures report.txt --format json",
    )
    sub.add_argument("paths", nargs="+", metavar="PATH")
    sub.add_argument("--format", choices=("csv", "json"), default="csv")
    sub.add_argument("--output", metavar="FILE", help=_OUTPUT_HELP)
    sub.add_argument("--force", action="store_true", help="replace FILE if it exists")
    sub.set_defaults(handler=figures, tools=tools)


def _date(value: str) -> dt.date:
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, form).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)")


class _Articles:
    """The articles' analyses, read one at a time as they are iterated (the tables keep only what
    they need of each, not 20,000 analyses); ``failed`` once a file could not be read (said on stderr)."""

    def __init__(self, options: argparse.Namespace, config: Config) -> None:
        self.options, self.config, self.failed = options, config, False

    def __iter__(self) -> Iterator[tuple[str, Analysis]]:
        tools: Tools = self.options.tools
        for found in tools.analyses(self.options, self.config, True):
            item = tools.analysed(found)
            if item is None:
                self.failed = True
            else:
                yield item.document.path, item


def _warn(options: argparse.Namespace, message: str) -> None:
    options.tools.warn(message)


# ---------------------------------------------------------------- output
def _emit(options: argparse.Namespace, write: Callable[[IO[bytes]], None]) -> int:
    """Run ``write`` on standard output or on a new ``--output`` file (see the module's rules)."""
    if options.output is None:
        sys.stdout.flush()
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return EXIT_OK
    target = Path(options.output)  # _refused was asked before the articles were read
    try:
        if options.force:
            _replace(target, write)
        else:
            with open(target, "xb") as handle:  # "x": never replaces a file
                write(handle)
    except FileExistsError:  # made since _refused looked
        return _exists(options)
    except OSError as exc:
        _warn(options, f"{options.output}: cannot be written ({exc.strerror or exc})")
        return EXIT_FAILED
    print(one_line(str(target)), file=sys.stderr)
    return EXIT_OK


def _refused(options: argparse.Namespace) -> int:
    """EXIT_USAGE (said on stderr) when ``--output`` names an article, or an existing file without
    ``--force``; else 0. Asked before the articles are read too, so a long run is not wasted."""
    if options.output is None:
        return 0
    target = os.path.realpath(options.output)
    if any(os.path.realpath(p) == target for p in _article_paths(options)):
        _warn(options, f"{options.output}: is one of the articles; not written")
        return EXIT_USAGE
    if os.path.lexists(options.output) and not options.force:
        return _exists(options)
    return 0


def _exists(options: argparse.Namespace) -> int:
    _warn(options, f"{options.output}: exists; not replaced (--force replaces it)")
    return EXIT_USAGE


def _replace(target: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write beside ``target`` and move into place: a failure leaves the old file whole."""
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as handle:
        try:
            write(handle)
        except BaseException:
            handle.close()
            os.unlink(handle.name)
            raise
    try:
        os.replace(handle.name, target)
    except OSError:
        os.unlink(handle.name)
        raise


def _article_paths(options: argparse.Namespace) -> Iterable[str]:
    from tui.core.loader import find_articles

    return (p for p in find_articles(options.paths) if isinstance(p, str))


def _text_writer(text: str) -> Callable[[IO[bytes]], None]:
    def write(handle: IO[bytes]) -> None:
        handle.write(text.encode("utf-8"))

    return write


# ---------------------------------------------------------------- digest
def digest(options: argparse.Namespace, config: Config) -> int:
    from tui.core.collector import paused_collection
    from tui.core.corpus import articles_naming, corpus_entities
    from tui.core.digest import build_digest, digest_json_text, digest_markdown

    if options.format == "docx" and options.output is None:  # before the articles are read
        _warn(options, "docx needs --output FILE: a binary file is not written to standard output")
        return EXIT_USAGE
    if refused := _refused(options):
        return refused
    articles = _Articles(options, config)
    with paused_collection():  # every analysis is kept: collections would walk them all, again and again
        items = [(p, a) for p, a in articles if _dated_within(a, options.since, options.until)]
    if options.entity is not None:
        wanted = articles_naming(corpus_entities(items), options.entity)
        items = [(p, a) for p, a in items if p in wanted]
    if not items:
        _warn(options, "no article matches: the digest is empty")
    algorithm = options.algorithm or config.algorithm
    made = build_digest(items, algorithm, options.sentences or config.sentences)
    if options.format == "docx":
        from tui.core.digest_docx import write_docx

        code = _emit(options, lambda handle: write_docx(made, handle))
    elif options.format == "json":
        code = _emit(options, _text_writer(digest_json_text(made)))
    else:
        code = _emit(options, _text_writer(digest_markdown(made)))
    return code or (EXIT_FAILED if articles.failed else EXIT_OK)


def _dated_within(analysis: Analysis, since: dt.date | None, until: dt.date | None) -> bool:
    if since is None and until is None:
        return True
    date = analysis.document.date
    return date is not None and (since is None or date >= since) and (until is None or date <= until)


# ---------------------------------------------------------------- figures
FIGURE_COLUMNS = ("path", "date", "figure", "value", "unit", "counts", "clause")


def figures(options: argparse.Namespace, config: Config) -> int:
    from tui.core.figures import corpus_figures

    if refused := _refused(options):
        return refused
    articles = _Articles(options, config)
    rows = corpus_figures(articles)
    if options.format == "json":
        text = "".join(json_line(dict(zip(FIGURE_COLUMNS, _figure_row(f, iso=True), strict=True))) + "\n" for f in rows)
    else:
        text = _csv(FIGURE_COLUMNS, (_figure_row(f) for f in rows))
    return _emit(options, _text_writer(text)) or (EXIT_FAILED if articles.failed else EXIT_OK)


def _figure_row(figure: Figure, iso: bool = False) -> list[Any]:
    value: Any = figure.value
    if not iso:  # a spreadsheet cell: 2500000, 1234.5
        value = "" if value is None else f"{value:.15g}"
    date = figure.date.isoformat() if figure.date else ("" if not iso else None)
    return [figure.path, date, figure.text, value, figure.unit, figure.counts, figure.clause]


def _csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV with a BOM; every text cell on one line, safe, and never read as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return BOM + out.getvalue()


def _cell(value: Any) -> str:
    text = one_line(str(value)) if value is not None else ""
    return "'" + text if text.startswith(_FORMULA_START) and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- entities --across
ENTITY_COLUMNS = ("type", "name", "articles", "mentions", "roles", "paths")


def entities_across(options: argparse.Namespace, config: Config) -> int:
    from tui.core.corpus import corpus_entities

    if refused := _refused(options):
        return refused
    articles = _Articles(options, config)
    rows = corpus_entities(articles)
    if options.format == "json":
        text = "".join(json_line(_entity_json(e)) + "\n" for e in rows)
    elif options.format == "csv":
        text = _csv(ENTITY_COLUMNS, (_entity_csv(e) for e in rows))
    else:
        text = "".join(_entity_text(e) for e in rows)
    return _emit(options, _text_writer(text)) or (EXIT_FAILED if articles.failed else EXIT_OK)


def _entity_json(entity: CorpusEntity) -> dict[str, Any]:
    return {
        "type": entity.type,
        "name": entity.name,
        "articles": entity.articles,
        "mentions": entity.mentions,
        "roles": [
            {"role": r.role, "path": r.path, "date": r.date.isoformat() if r.date else None} for r in entity.roles
        ],
        "paths": list(entity.paths),
    }


def _entity_csv(entity: CorpusEntity) -> list[Any]:
    roles = "; ".join(f"{r.role} ({r.path}{', ' + r.date.isoformat() if r.date else ''})" for r in entity.roles)
    return [entity.type, entity.name, entity.articles, entity.mentions, roles, "; ".join(entity.paths)]


def _entity_text(entity: CorpusEntity) -> str:
    from tui.core.digest import plural

    counts = f"{plural(entity.articles, 'article')} · {plural(entity.mentions, 'mention')}"
    lines = [f"{entity.type}  {one_line(entity.name)} · {counts}"]
    for role in entity.roles:
        date = role.date.strftime("%d/%m/%Y") if role.date else "undated"
        lines.append(f"    {one_line(role.role)} ({date}, {one_line(role.path)})")
    shown = ", ".join(one_line(p) for p in entity.paths[:TEXT_PATHS])
    more = len(entity.paths) - TEXT_PATHS
    lines.append(f"    in: {shown}" + (f" and {more} more" if more > 0 else ""))
    return "\n".join(lines) + "\n"

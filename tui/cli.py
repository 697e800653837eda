"""The ``reports-tui`` command: the interface with no subcommand, scripting subcommands otherwise."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from tui import paths
from tui.cli_corpus import Tools, add_corpus_commands, entities_across
from tui.config import Config, ConfigError, load_config
from tui.core.safe_text import json_line, one_line
from tui.exit_codes import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:  # the pipeline is imported by the commands that use it
    from tui.core.loader import LoadError
    from tui.core.model import Analysis

SUBCOMMANDS = ("summarize", "entities", "index", "cache", "digest", "figures", "serve")

_EPILOG = """\
examples:
  reports-tui                          open the bundled sample articles
  reports-tui ~/reports/2021/          open every .txt/.md file below a folder
  reports-tui summarize report.txt --sentences 5
  reports-tui summarize seeds --format json > summaries.jsonl
  reports-tui entities report.txt --format json
  reports-tui entities reports/ --across   who and what appears across the articles
  reports-tui digest reports/ --format docx --output digest.docx
  reports-tui figures reports/ --output figures.csv
  reports-tui index ~/reports/         analyse everything into the cache
  reports-tui cache info
  reports-tui cache export team.rtc    share the cached analyses
  reports-tui serve ~/reports/         the interface in a browser on 127.0.0.1:8000
"""


def main(argv: Sequence[str] | None = None) -> int:
    # numpy's OpenBLAS starts a thread per core for every small product and oversubscribes
    # them (LSA took seconds instead of 0.2 s); set before anything imports numpy.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    args = list(sys.argv[1:] if argv is None else argv)
    if _subcommand(args) is None:
        options = _app_parser().parse_args(args)
        return _run_guarded(lambda config: _open_app(options, config), options.config)
    options = _command_parser().parse_args(args)
    return _run_guarded(lambda config: options.handler(options, config), options.config)


def _run_guarded(action: Callable[[Config], int], config_path: str | None) -> int:
    try:
        config = load_config(config_path)
        return action(config)
    except ConfigError as exc:
        _warn(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader (e.g. `head`) went away: stop quietly
        sys.stderr.close()
        return EXIT_OK


def _subcommand(args: list[str]) -> str | None:
    """The subcommand name, if the first positional argument is one."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--config":
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in SUBCOMMANDS else None
    return None


def _common(default: object = None) -> argparse.ArgumentParser:
    """The options every command takes; a subcommand's copy has ``default`` SUPPRESS, so that
    what was given before the subcommand (``--config FILE summarize …``) is not reset by it."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        metavar="FILE",
        default=default,
        help="configuration file (default: $XDG_CONFIG_HOME/reports-tui/config.toml, then the bundled defaults)",
    )
    common.add_argument(
        "--no-cache",
        action="store_true",
        default=False if default is None else default,
        help="neither read nor write the analysis cache",
    )
    return common


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reports-tui",
        parents=[_common()],
        epilog=_EPILOG,
        usage="%(prog)s [--config FILE] [--no-cache] [PATH ...]\n"
        "       %(prog)s {summarize,entities,index,cache,digest,figures} ... (see %(prog)s COMMAND --help)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read Vietnamese reports and news fast: summaries, key sentences and entities. "
        "With no subcommand, opens the interface on PATHs (default: the bundled samples).\n\n"
        "commands:\n  summarize   print summaries\n  entities    print the entities an article names\n"
        "  index       analyse files into the cache on all cores\n"
        "  cache       show, clear, export or import the cache\n"
        "  digest      one digest of many articles (Markdown, Word, JSON)\n"
        "  figures     every figure of the articles (CSV, JSON)\n"
        "  serve       the interface in a web browser",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (.txt, .md)")
    return parser


def _command_parser() -> argparse.ArgumentParser:
    common = _common(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="reports-tui", parents=[_common()], epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(
        dest="command", metavar="{summarize,entities,index,cache,digest,figures,serve}", required=True
    )
    _add_summarize(commands, common)
    _add_entities(commands, common)
    _add_index(commands, common)
    _add_cache(commands, common)
    add_corpus_commands(commands, common, _tools())
    from tui.serve import add_serve

    add_serve(commands, common, _warn)
    return parser


def _add_summarize(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from tui.core.summarize import ALGORITHMS

    sub = commands.add_parser(
        "summarize",
        parents=[common],
        help="print summaries",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Summarise articles: title, date, author, then the summary, ready to paste.",
        epilog="examples:\n  reports-tui summarize report.txt\n"
        "  reports-tui summarize reports/ --algorithm lead --sentences 5 --format markdown\n"
        "  reports-tui summarize seeds --format json   # one JSON object per line",
    )
    sub.add_argument("paths", nargs="+", metavar="PATH")
    sub.add_argument("--algorithm", choices=ALGORITHMS, help="summarizer (default from the config)")
    sub.add_argument("--sentences", type=_positive, metavar="N", help="summary length in sentences")
    sub.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    sub.set_defaults(handler=_summarize)


def _add_entities(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sub = commands.add_parser(
        "entities",
        parents=[common],
        help="print people, organisations, places, dates, documents, figures",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="List the entities an article names, grouped, with roles and figure contexts.",
        epilog="examples:\n  reports-tui entities report.txt\n  reports-tui entities reports/ --format json\n"
        "  reports-tui entities reports/ --across --format csv --output entities.csv",
    )
    sub.add_argument("paths", nargs="+", metavar="PATH")
    sub.add_argument("--format", choices=("text", "json", "csv"), default="text", help="csv: with --across only")
    sub.add_argument(
        "--across",
        action="store_true",
        help="one row per entity across all the articles: type, name, articles, mentions, roles (with "
        "article and date), paths",
    )
    sub.add_argument("--output", metavar="FILE", help="with --across: write to a new FILE (--force replaces it)")
    sub.add_argument("--force", action="store_true", help="with --output: replace FILE if it exists")
    sub.set_defaults(handler=_entities, tools=_tools())


def _add_index(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sub = commands.add_parser(
        "index",
        parents=[common],
        help="analyse files into the cache on all cores",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Analyse every article (summary and entities) into the cache, so the interface "
        "opens them at once. Ctrl-C stops cleanly, keeps what is done and exits 130.",
        epilog="examples:\n  reports-tui index ~/reports/\n  reports-tui index a.txt b.txt --jobs 1\n"
        "  reports-tui index ~/reports/ --scheduler tcp://10.0.0.5:8786   # a Dask cluster (extra [cluster])\n"
        "  reports-tui index ~/reports/ --cluster local --workers 2",
    )
    sub.add_argument("paths", nargs="+", metavar="PATH")
    sub.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="worker processes (default: all cores; at most one per core and per 400 MB of free memory)",
    )
    where = sub.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="analyse on the workers of this Dask scheduler")
    where.add_argument("--cluster", choices=("local",), help="analyse on a Dask cluster started on this machine")
    sub.add_argument("--workers", type=_positive, metavar="N", help="with --cluster local: worker processes")
    sub.add_argument(
        "--shared-fs",
        action="store_true",
        help="with a cluster: send workers each file's path, for them to read (all must see the files at the "
        "same paths); by default this process reads each file and sends its bytes, which works on any cluster",
    )
    sub.set_defaults(handler=_index)


def _add_cache(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sub = commands.add_parser(
        "cache",
        parents=[common],
        help="show, clear, export or import the analysis cache",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="The cache lives in $XDG_CACHE_HOME/reports-tui/ (~/.cache/reports-tui/). "
        "export writes cached analyses to one file another machine can import; import checks "
        "every entry and adds the valid ones.",
        epilog="examples:\n  reports-tui cache info\n  reports-tui cache clear\n"
        "  reports-tui cache export team.rtc ~/reports/   # the analyses of these articles\n"
        "  reports-tui cache import team.rtc",
    )
    actions = sub.add_subparsers(dest="action", metavar="{info,clear,export,import}", required=True)
    actions.add_parser("info", help="where the cache is, its entries and size")
    actions.add_parser("clear", help="remove every entry")
    export = actions.add_parser("export", help="write cached analyses to a new FILE")
    export.add_argument("file", metavar="FILE")
    export.add_argument("paths", nargs="*", metavar="PATH", help="articles or folders (default: every entry)")
    imported = actions.add_parser("import", help="add the valid entries of FILE to the cache")
    imported.add_argument("file", metavar="FILE")
    sub.set_defaults(handler=_cache)


def _tools() -> Tools:
    """What the corpus commands (``tui.cli_corpus``) use of this module."""
    return Tools(warn=_warn, positive=_positive, analyses=_analyses, analysed=_analysed)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _open_app(options: argparse.Namespace, config: Config) -> int:
    from tui.app import run_app

    targets = options.paths or [str(paths.bundled_seeds())]
    return run_app(targets, config, use_cache=config.cache_enabled and not options.no_cache)


def _analyses(options: argparse.Namespace, config: Config, entities: bool) -> Iterator[Analysis | LoadError]:
    """Analyses of every article named, or LoadErrors, in order."""
    from tui.core.cache import open_cache
    from tui.core.loader import LoadError, find_articles
    from tui.core.service import analyse_path

    pipeline_options = config.options
    cache = None if options.no_cache or not config.cache_enabled else open_cache(warn=_warn)
    for item in find_articles(options.paths):
        if isinstance(item, LoadError):
            yield item
            continue
        try:
            yield analyse_path(item, pipeline_options, entities=entities, cache=cache, progress=_ocr_note(item))
        except LoadError as exc:
            yield exc


def _ocr_note(path: str) -> Callable[[int, int], None] | None:
    """On a terminal, a note per page while a scanned PDF is read by OCR (seconds a page)."""
    from tui.core.readers import plain

    if not sys.stderr.isatty():
        return None
    return lambda page, pages: _warn(f"{plain(path)}: reading page {page} of {pages} by OCR…")


def _analysed(item: Analysis | LoadError) -> Analysis | None:
    """The analysis, its notes said on stderr; None (the reason said) for a file that failed."""
    from tui.core.loader import LoadError

    if isinstance(item, LoadError):
        _warn(str(item))
        return None
    for note in item.document.notes:
        _warn(f"{item.document.path}: {note}")
    return item


def _warn(message: str) -> None:
    """One line on stderr; file names and reasons in it cannot act on the terminal."""
    print(f"reports-tui: {one_line(message)}", file=sys.stderr)


def _summarize(options: argparse.Namespace, config: Config) -> int:
    from dataclasses import replace

    from tui.core import export

    config = replace(
        config, algorithm=options.algorithm or config.algorithm, sentences=options.sentences or config.sentences
    )
    failed = False
    for number, found in enumerate(_analyses(options, config, entities=options.format == "markdown")):
        item = _analysed(found)
        if item is None:
            failed = True
            continue
        summary = item.summaries[config.algorithm]
        if summary.note:  # another algorithm ran: the text and Markdown outputs do not say which
            _warn(f"{item.document.path}: {summary.note}")
        if options.format == "json":
            print(json_line(export.summary_json(item, summary, config.sentences)), flush=True)
            continue
        render = export.markdown if options.format == "markdown" else export.plain_text
        text = render(item, config.algorithm, config.sentences)
        print(("\n" if number else "") + text, end="", flush=True)
    return EXIT_FAILED if failed else EXIT_OK


def _entities(options: argparse.Namespace, config: Config) -> int:
    from tui.core import export

    if options.across:
        return entities_across(options, config)
    if options.format == "csv" or options.output is not None:
        _warn("--format csv and --output go with --across")
        return EXIT_USAGE
    failed = False
    for found in _analyses(options, config, entities=True):
        item = _analysed(found)
        if item is None:
            failed = True
            continue
        if options.format == "json":
            sys.stdout.writelines(export.entities_json_parts(item))
            print(flush=True)
        else:
            print(export.entities_text(item), flush=True)
    return EXIT_FAILED if failed else EXIT_OK


def _index(options: argparse.Namespace, config: Config) -> int:
    on_cluster = options.scheduler is not None or options.cluster is not None
    if misuse := _index_misuse(options, on_cluster):
        _warn(misuse)
        return EXIT_USAGE
    if on_cluster:
        from tui.index_cluster import ClusterPlan, Transport, run_cluster_index

        transport = Transport.PATHS if options.shared_fs else Transport.BYTES
        plan = ClusterPlan(options.scheduler, options.workers, transport)
        return run_cluster_index(options.paths, config, plan, use_cache=not options.no_cache)
    from tui.index import run_index

    return run_index(options.paths, config, jobs=options.jobs, use_cache=not options.no_cache)


def _index_misuse(options: argparse.Namespace, on_cluster: bool) -> str | None:
    if options.workers is not None and options.cluster is None:
        return "--workers needs --cluster local"
    if options.shared_fs and not on_cluster:
        return "--shared-fs needs --scheduler or --cluster"
    if options.jobs is not None and on_cluster:
        return "--jobs is for the local pool: with a cluster, use --workers"
    return None


def _cache(options: argparse.Namespace, config: Config) -> int:
    from tui.core.cache import cache_info, clear_cache

    if options.action == "clear":
        print(clear_cache())
    elif options.action == "info":
        print(cache_info())
    else:
        from tui.cli_cache import transfer

        return transfer(options, config, _warn)
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())

"""The keys of the reading screen and of the help, each with an id (for ``[keymap]``).

Apart from the screens, so that ``tui.app.keys`` (the help table, the keymap
check, the README table) reads them without importing the screens that show
that table.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

READER_BINDINGS: list[BindingType] = [
    Binding("question_mark", "help", "Help", id="help", tooltip="Every key, and how copying works"),
    Binding("slash", "filter", "Filter", id="filter", tooltip="Filter the list by title and text; diacritics optional"),
    Binding(
        "S",
        "cycle_sort",
        "Sort",
        show=False,
        id="sort-list",
        tooltip="Order the list by folder, date (newest first), title or length (longest first)",
    ),
    Binding(
        "u",
        "cycle_shown",
        "Read/unread",
        show=False,
        id="show-read",
        tooltip="List all articles, the unread, the read or the flagged ones",
    ),
    Binding("d", "date_range", "Dates", show=False, id="date-range", tooltip="List only the articles dated in a range"),
    Binding("m", "flag", "Flag", show=False, id="flag", tooltip="Flag or unflag the article (kept between sessions)"),
    Binding(
        "escape",
        "clear_list_filters",
        "Clear filters",
        show=False,
        id="clear-list-filters",
        tooltip="Take away the entity, date and read filters of the list",
    ),
    Binding(
        "p",
        "corpus_entities",
        "Corpus",
        id="corpus-entities",
        tooltip="People, organisations, places, documents and figures across every analysed article",
    ),
    Binding(
        "F",
        "figures",
        "Figures",
        show=False,
        id="figures-table",
        tooltip="The figures of the listed articles: value, unit, what it counts; enter opens one",
    ),
    Binding(
        "D",
        "save_digest",
        "Digest",
        show=False,
        id="save-digest",
        tooltip="Save a digest of the listed articles ([digest] format: Markdown, Word or JSON); show its path",
    ),
    Binding("f", "find", "Find", id="find", tooltip="Find in the article; diacritics optional"),
    Binding(
        "n",
        "next_mark",
        "Next hit",
        show=False,
        id="next-match",
        tooltip="Jump to the next find hit or entity mention",
    ),
    Binding(
        "N",
        "previous_mark",
        "Previous hit",
        show=False,
        id="previous-match",
        tooltip="Jump to the previous find hit or entity mention",
    ),
    Binding(
        "c",
        "copy_summary",
        "Copy",
        id="copy-summary",
        tooltip="Copy the summary to the terminal clipboard (OSC 52)",
    ),
    Binding(
        "C",
        "copy_markdown",
        "Copy as Markdown",
        show=False,
        id="copy-markdown",
        tooltip="Copy title, date, source path, summary and key entities as Markdown",
    ),
    Binding(
        "s",
        "save_summary",
        "Save",
        id="save-summary",
        tooltip="Save the summary as a Markdown file and show its path",
    ),
    Binding("e", "toggle_entities", "Entities", id="toggle-entities", tooltip="Show or hide the entity panel"),
    Binding(
        "plus",
        "longer",
        "Longer summary",
        show=False,
        id="longer-summary",
        key_display="+",
        tooltip="One sentence more in the summary",
    ),
    Binding(
        "minus",
        "shorter",
        "Shorter summary",
        show=False,
        id="shorter-summary",
        key_display="-",
        tooltip="One sentence less in the summary",
    ),
    Binding(
        "a",
        "next_algorithm",
        "Algorithm",
        show=False,
        id="next-algorithm",
        tooltip="Re-summarise with the next algorithm",
    ),
    Binding(
        "A",
        "previous_algorithm",
        "Previous algorithm",
        show=False,
        id="previous-algorithm",
        tooltip="Re-summarise with the previous algorithm",
    ),
    Binding("tab", "app.focus_next", "Next pane", show=False, id="next-pane", tooltip="Move to the next pane"),
    Binding(
        "shift+tab",
        "app.focus_previous",
        "Previous pane",
        show=False,
        id="previous-pane",
        tooltip="Move to the previous pane",
    ),
    Binding(
        "ctrl+p",
        "app.command_palette",
        "Commands",
        show=False,
        id="command-palette",
        tooltip="Command palette: every action by name",
    ),
    Binding(
        "w",
        "toggle_wide_list",
        "Wide list",
        show=False,
        id="wide-list",
        tooltip="The list across the whole width; again (or opening an article) puts it back",
    ),
    Binding(
        "t", "outline", "Outline", show=False, id="outline", tooltip="The headings and their key sentences; jump to one"
    ),
    Binding("o", "open_pager", "Pager", show=False, id="open-pager", tooltip="Read the article file in $PAGER (less)"),
    Binding(
        "E", "open_editor", "Editor", show=False, id="open-editor", tooltip="Open the article file in $EDITOR (vi)"
    ),
    Binding(
        "ctrl+z",
        "app.suspend_process",
        "Suspend",
        show=False,
        id="suspend",
        tooltip="Suspend to the shell (fg resumes)",
    ),
    Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit"),
]

CORPUS_BINDINGS: list[BindingType] = [
    Binding("escape,q", "close", "Close", id="close-corpus", tooltip="Back to the articles"),
    Binding(
        "slash", "search", "Search", id="search-corpus", tooltip="Back to the search box (typing searches the names)"
    ),
    Binding(
        "ctrl+t,T",
        "cycle_type",
        "Type",
        id="corpus-type",
        tooltip="Show one type at a time: people, organisations, places, documents, figures, all",
    ),
    Binding("enter", "choose", "List its articles", id="choose-entity", tooltip="List the articles that name it"),
    # The search box keeps the focus while these move the table's cursor.
    Binding("down", "move(1)", show=False),
    Binding("up", "move(-1)", show=False),
    Binding("pagedown", "move_page(1)", show=False),
    Binding("pageup", "move_page(-1)", show=False),
]

FIGURES_BINDINGS: list[BindingType] = [
    Binding("escape,q", "close", "Close", id="close-figures", tooltip="Back to the articles"),
    Binding("enter", "choose", "Open", id="open-figure", tooltip="Open the article at the figure"),
]

HELP_BINDINGS: list[BindingType] = [
    Binding("escape,q,question_mark", "dismiss", "Close", id="close-help", tooltip="Close the help"),
    Binding("j", "scroll_down", "Down", show=False),
    Binding("k", "scroll_up", "Up", show=False),
    Binding("space,pagedown", "page_down", "Page down", show=False),
    Binding("pageup", "page_up", "Page up", show=False),
]

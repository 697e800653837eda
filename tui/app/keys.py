"""Every key binding of the interface, by id: for the keymap check, `?` and the README table.

Built from the ``BINDINGS`` of the screen and widget classes, so the help and
the documentation cannot drift from what the keys do.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from textual.binding import Binding, BindingType
from textual.keys import Keys, _character_to_key, format_key

from tui.app.bindings import CORPUS_BINDINGS, FIGURES_BINDINGS, HELP_BINDINGS, READER_BINDINGS
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.entity_panel import EntityPanel
from tui.app.widgets.search_bar import SearchBar
from tui.app.widgets.summary_pane import SummaryPane
from tui.config import ConfigError

# Where each set of bindings works, in the order the help lists them.
PLACES: tuple[tuple[str, Sequence[BindingType]], ...] = (
    ("everywhere", READER_BINDINGS),
    ("list", ArticleList.BINDINGS),
    ("article", ArticleView.BINDINGS),
    ("summary", SummaryPane.BINDINGS),
    ("entities", EntityPanel.BINDINGS),
    ("filter/find box", SearchBar.BINDINGS),
    ("corpus", CORPUS_BINDINGS),
    ("figures", FIGURES_BINDINGS),
    ("help", HELP_BINDINGS),
)


@dataclass(frozen=True)
class KeyRow:
    id: str
    keys: str  # as configured: "question_mark", "j"
    description: str  # short, as the footer shows it
    places: tuple[str, ...]
    help: str = ""  # the longer explanation

    @property
    def explanation(self) -> str:
        return self.help or self.description

    @property
    def display(self) -> str:
        return " ".join(display_key(k) for k in self.keys.split(","))


_NAMED = {"enter": "enter", "escape": "esc", "space": "space", "tab": "tab"}


def display_key(key: str) -> str:
    key = key.strip()
    if key in _NAMED:
        return _NAMED[key]
    if "+" in key and len(key) > 1:
        return key
    return format_key(key)


def _bindings(bindings: Sequence[BindingType]) -> list[Binding]:
    return [b for b in bindings if isinstance(b, Binding) and b.id]


def key_rows(keymap: Mapping[str, str] | None = None) -> list[KeyRow]:
    """One row per binding id: the union of the keys the panes bind it to, and the panes.

    An id means the same in every pane, and a ``[keymap]`` entry rebinds it in all of them.
    Bindings without an id (the list's arrows, home/end and pgdn) are fixed and not listed.
    """
    keymap = keymap or {}
    rows: dict[str, KeyRow] = {}
    for place, bindings in PLACES:
        for binding in _bindings(bindings):
            assert binding.id is not None
            known = rows.get(binding.id)
            if known is None:
                rows[binding.id] = KeyRow(binding.id, binding.key, binding.description, (place,), binding.tooltip)
            else:
                keys = ",".join(dict.fromkeys(k.strip() for k in f"{known.keys},{binding.key}".split(",")))
                places = known.places if place in known.places else (*known.places, place)
                rows[binding.id] = replace(known, keys=keys, places=places)
    return [replace(row, keys=keymap.get(row.id, row.keys)) for row in rows.values()]


def binding_ids() -> set[str]:
    return {row.id for row in key_rows()}


_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
# Names Textual gives keys: its Keys values (escape, f5, pageup…) and punctuation by Unicode name.
_NAMED_KEYS = frozenset(
    {k.value.rpartition("+")[2] for k in Keys if not k.value.startswith("<")}
    | {_character_to_key(ch) for ch in string.punctuation + " "}
)
_KEYS_ALLOWED = (
    'one key or several separated by commas: a character ("y", "?"), or a name such as '
    "enter, escape, space, tab, pageup, f5, question_mark, with modifiers ctrl+, shift+, alt+"
)
# Panes where the reader's own bindings ("everywhere") and the pane's are active together.
_WITH_SCREEN = ("list", "article", "summary", "entities")


def key_name_ok(key: str) -> bool:
    """Whether Textual can ever report ``key`` (a binding to anything else never fires)."""
    *modifiers, base = key.split("+")
    if any(m not in _MODIFIERS for m in modifiers) or len(set(modifiers)) != len(modifiers):
        return False
    return (len(base) == 1 and base.isprintable() and not base.isspace()) or base in _NAMED_KEYS


def _normal(key: str) -> str:
    """``?`` and ``question_mark`` are one key."""
    *modifiers, base = key.split("+")
    if len(base) == 1 and not base.isalnum():
        base = _character_to_key(base)
    return "+".join([*modifiers, base])


def _actions_by_key(keymap: Mapping[str, str]) -> dict[str, dict[str, set[str]]]:
    """place → key → what the key does there (binding ids, or the action of a fixed binding)."""
    ids = {row.id: row for row in key_rows(keymap)}
    own: dict[str, dict[str, set[str]]] = {}
    for place, bindings in PLACES:
        keys = own.setdefault(place, {})
        for binding in (b for b in bindings if isinstance(b, Binding)):
            what = binding.id or binding.action
            bound = ids[binding.id].keys if binding.id in ids else binding.key
            for key in bound.split(","):
                keys.setdefault(_normal(key.strip()), set()).add(what)
    for place in _WITH_SCREEN:
        for key, actions in own["everywhere"].items():
            own[place].setdefault(key, set()).update(actions)
    return own


def check_keymap(keymap: Mapping[str, str], source: str) -> None:
    """Raise ``ConfigError`` naming the config file, the entry and what is allowed for an
    unknown binding id, a key name Textual does not know, a key given two actions in a pane, or
    a key given to a screen-wide action that a pane binds first (or the reverse)."""
    unknown = sorted(set(keymap) - binding_ids())
    if unknown:
        known = ", ".join(sorted(binding_ids()))
        raise ConfigError(f"{source}: [keymap] has unknown binding id(s) {', '.join(unknown)}; known ids: {known}")
    for binding_id, value in keymap.items():
        for key in value.split(","):
            if not key_name_ok(key.strip()):
                raise ConfigError(
                    f"{source}: keymap.{binding_id} = {value!r}: {key.strip()!r} is not a key name; "
                    f"expected {_KEYS_ALLOWED}"
                )
    clash = _pane_clash(keymap)
    if clash:
        raise ConfigError(f"{source}: {clash}")
    for place, keys in _actions_by_key(keymap).items():
        for key, actions in sorted(keys.items()):
            if len(actions) > 1 and actions & set(keymap):
                both = " and ".join(sorted(actions))
                where = "every pane" if place == "everywhere" else f"the {place}"
                raise ConfigError(
                    f"{source}: [keymap] gives {key!r} two actions in {where} ({both}); "
                    "expected one action per key: give one of them another key"
                )


_PANES = {"list", "article", "summary", "entities"}


def _pane_clash(keymap: Mapping[str, str]) -> str | None:
    """A focused pane's binding wins over the screen's: `copy-summary = "j"` would never copy in the
    list. The first such clash that the keymap made, described, or None."""
    rows = key_rows(keymap)
    screen_wide = [r for r in rows if "everywhere" in r.places]
    in_panes = [r for r in rows if "everywhere" not in r.places and _PANES & set(r.places)]
    for wide in screen_wide:
        for pane in in_panes:
            if wide.id not in keymap and pane.id not in keymap:
                continue
            shared = _keys(wide.keys) & _keys(pane.keys)
            if shared:
                changed = wide if wide.id in keymap else pane
                where = ", ".join(p for p in pane.places if p in _PANES)
                return (
                    f"keymap.{changed.id} = {keymap[changed.id]!r}: in the {where}, {display_key(min(shared))} "
                    f"is {pane.id}, which takes it before {wide.id}; choose another key"
                )
    return None


def _keys(keys: str) -> set[str]:
    return {k.strip() for k in keys.split(",") if k.strip()}


def markdown_table(keymap: Mapping[str, str] | None = None) -> str:
    """The README key table."""
    lines = ["| Key | Action | Where | id (for `[keymap]`) |", "|---|---|---|---|"]
    for row in key_rows(keymap):
        keys = " ".join(f"`{k}`" for k in row.display.split(" "))
        lines.append(f"| {keys} | {row.explanation} | {', '.join(row.places)} | `{row.id}` |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m tui.app.keys > table.md
    print(markdown_table(), end="")

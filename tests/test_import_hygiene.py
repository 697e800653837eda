"""The analysis core must not import the interface libraries, and the app must not import NLP at start.

`lint-imports` checks the same contracts statically ([tool.importlinter] in pyproject.toml); this test
checks them at run time, in a fresh interpreter, so a lazy import inside a function body that runs at
import time is caught too. One interpreter imports every core module in turn and records what each
import added: whatever a module pulls in is new when it is first imported, so nothing is missed (a
forbidden import shows under the first core module that brought it in).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "tui" / "core"
CORE_MODULES = sorted(
    "tui.core." + ".".join(p.relative_to(CORE).with_suffix("").parts).removesuffix(".__init__")
    for p in CORE.rglob("*.py")
)
# Interface libraries, and the layers above the core (configuration, command line, app, indexer).
ABOVE_THE_CORE = ("textual", "rich", "tui.app", "tui.cli", "tui.config", "tui.index")


def imported_after(statement: str) -> set[str]:
    """Every module name in `sys.modules` after running `statement` in a fresh interpreter."""
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def forbidden_in(loaded: set[str]) -> set[str]:
    """The modules of `loaded` that belong to a package in ABOVE_THE_CORE (the package or any submodule)."""
    return {name for name in loaded for top in ABOVE_THE_CORE if name == top or name.startswith(top + ".")}


def test_every_core_module_is_checked() -> None:
    # An empty or partial list would make the parametrised test below pass by checking nothing.
    assert {"tui.core.loader", "tui.core.pipeline", "tui.core.entities", "tui.core.entities.grouping"} <= set(
        CORE_MODULES
    )
    assert len(CORE_MODULES) == len(list(CORE.rglob("*.py")))


def test_forbidden_in_sees_packages_and_submodules() -> None:
    loaded = {"tui", "tui.core.loader", "tui.configuration", "rich.console", "textual", "richtext", "tui.app.keys"}
    assert forbidden_in(loaded) == {"rich.console", "textual", "tui.app.keys"}


@pytest.fixture(scope="module")
def added_by_each() -> dict[str, set[str]]:
    """For each core module, the modules its import added to `sys.modules` (one fresh interpreter)."""
    code = (
        "import importlib, json, sys\n"
        "added = {}\n"
        f"for module in {CORE_MODULES!r}:\n"
        "    before = set(sys.modules)\n"
        "    importlib.import_module(module)\n"
        "    added[module] = sorted(set(sys.modules) - before)\n"
        "print(json.dumps(added))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return {module: set(names) for module, names in json.loads(out).items()}


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_nothing_above_the_core(module: str, added_by_each: dict[str, set[str]]) -> None:
    assert forbidden_in(added_by_each[module]) == set()


def test_cli_and_app_entry_import_no_nlp() -> None:
    tops = {name.split(".")[0] for name in imported_after("import tui.cli")}
    assert not {"underthesea", "sumy", "nltk", "numpy", "textual"} & tops

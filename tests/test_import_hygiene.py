"""The analysis core must not import the interface libraries, and the app must not import NLP at start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "tui" / "core"
CORE_MODULES = sorted(
    "tui.core." + ".".join(p.relative_to(CORE).with_suffix("").parts).removesuffix(".__init__")
    for p in CORE.rglob("*.py")
)


def imported_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return {name.split(".")[0] for name in out.split()}


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_ui(module: str) -> None:
    loaded = imported_after(f"import {module}")
    assert "textual" not in loaded and "rich" not in loaded


def test_cli_and_app_entry_import_no_nlp() -> None:
    loaded = imported_after("import tui.cli")
    assert not {"underthesea", "sumy", "nltk", "numpy", "textual"} & loaded

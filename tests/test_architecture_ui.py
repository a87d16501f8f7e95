"""The window holds window code: a module under netboard/ui without a Qt import is listed, with
its reason, in docs/CONTRACTS.md ("Left under netboard/ui"); anything else belongs below the
window (netboard/domain), where tests need no Qt."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "netboard" / "ui"
SECTION = "## Left under netboard/ui"


def imports_qt(source: str) -> bool:
    """Whether the module imports PySide6 anywhere (also inside a function)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name == "PySide6" or name.startswith("PySide6.") for name in names):
            return True
    return False


def is_empty_package(path: Path, source: str) -> bool:
    """An ``__init__.py`` with nothing but a docstring (or nothing)."""
    body = ast.parse(source).body
    docstring_only = all(
        isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) for n in body
    )
    return path.name == "__init__.py" and docstring_only


def qt_free_modules() -> set[str]:
    found = set()
    for path in UI.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if not imports_qt(source) and not is_empty_package(path, source):
            found.add("ui/" + path.relative_to(UI).as_posix())
    return found


def listed_modules() -> set[str]:
    """The modules the CONTRACTS section lists as bullets: "- `ui/...py`: reason"."""
    text = (ROOT / "docs" / "CONTRACTS.md").read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.index("\n## ", start + len(SECTION))
    section = text[start:end]
    listed = set()
    for line in section.splitlines():
        match = re.match(r"- `(ui/[\w/]+\.py)`: \S", line)
        if match:
            listed.add(match.group(1))
    return listed


def test_every_qt_free_ui_module_is_listed_with_its_reason() -> None:
    found, listed = qt_free_modules(), listed_modules()
    unlisted = found - listed
    assert not unlisted, (
        f"Qt-free modules under netboard/ui: {sorted(unlisted)}. Move their logic to "
        "netboard/domain (tests under tests/domain), or list each in docs/CONTRACTS.md "
        f"'{SECTION}' with the reason it must stay."
    )
    stale = listed - found
    assert not stale, f"{SECTION} lists modules that are gone or import Qt now: {sorted(stale)}"


def test_the_check_sees_a_qt_import_wherever_it_is() -> None:
    assert imports_qt("from PySide6.QtCore import Qt\n")
    assert imports_qt("def f():\n    import PySide6.QtWidgets\n")
    assert not imports_qt("from netboard.ui.actions import ActionId\nx = 'PySide6'\n")
    assert is_empty_package(Path("__init__.py"), '"""Docs."""\n')
    assert not is_empty_package(Path("__init__.py"), "X = 1\n")

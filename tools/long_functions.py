"""List every function under ``netboard/`` longer than the house limit (60 lines).

``python -m tools.long_functions [--limit N] [PATH ...]`` prints ``path:line name length`` per
function, longest first, and exits 1 when any is listed outside ``EXEMPT``: the declarative tables
that docs/CONTRACTS.md names (a function's length counts from its ``def`` line to its last line,
decorators and nested functions included in the function that holds them).
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 60

EXEMPT = frozenset({
    ("netboard/db/migrations/versions/0001_initial_schema.py", "upgrade"),
    ("netboard/reports/styles.py", "make_styles"),
})
"""Declarative tables (one statement a table, column or style): long by nature, no logic."""


class LongFunction(NamedTuple):
    path: str
    line: int
    name: str
    length: int


def functions(path: Path) -> Iterator[tuple[int, str, int]]:
    """(line, qualified name, length) of every function in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    yield from _walk(tree, "")


def _walk(node: ast.AST, prefix: str) -> Iterator[tuple[int, str, int]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            name = prefix + child.name
            yield child.lineno, name, (child.end_lineno or child.lineno) - child.lineno + 1
            yield from _walk(child, name + ".")
        elif isinstance(child, ast.ClassDef):
            yield from _walk(child, prefix + child.name + ".")
        else:
            yield from _walk(child, prefix)


def long_functions(paths: list[Path], limit: int = LIMIT) -> list[LongFunction]:
    found = []
    for top in paths:
        for path in sorted(top.rglob("*.py")) if top.is_dir() else [top]:
            rel = path.resolve().relative_to(ROOT).as_posix()
            for line, name, length in functions(path):
                if length > limit:
                    found.append(LongFunction(rel, line, name, length))
    return sorted(found, key=lambda f: (-f.length, f.path, f.line))


def is_exempt(found: LongFunction) -> bool:
    return (found.path, found.name) in EXEMPT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "netboard"])
    parser.add_argument("--limit", type=int, default=LIMIT)
    args = parser.parse_args(argv)
    found = long_functions(args.paths, args.limit)
    for f in found:
        note = "  (declarative table, exempt)" if is_exempt(f) else ""
        print(f"{f.path}:{f.line} {f.name} {f.length}{note}")
    return 1 if any(not is_exempt(f) for f in found) else 0


if __name__ == "__main__":
    sys.exit(main())

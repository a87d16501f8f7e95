"""docs/rules.md is the current output of `netboard rules` (the rule book a specialist reviews)."""

from __future__ import annotations

from pathlib import Path

from netboard.cli import main
from netboard.domain.catalog import load_catalog
from netboard.domain.rulebook import rule_book
from netboard.domain.rules import ALL_RULES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_docs_rules_md_is_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == rule_book(load_catalog()), (
        "docs/rules.md is stale: run `netboard rules -o docs/rules.md`"
    )


def test_every_rule_is_in_the_book_with_strength_kind_source() -> None:
    text = rule_book(load_catalog())
    for current in ALL_RULES:
        section = text.split(f"### `{current.id}`", 1)[1].split("### ", 1)[0]
        assert current.source in section
        assert current.summary and current.summary in section
        if current.scope == "option":
            assert f"strength: {current.strength.value}" in section
            assert f"kind: {current.kind.value}" in section
        if current.unverified:
            assert f"### `{current.id}` — **unverified**" in text


def test_cli_writes_the_book_without_a_database(tmp_path: Path, capsys: object) -> None:
    target = tmp_path / "rules.md"
    assert main(["rules", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == rule_book(load_catalog())
    assert not any(p.suffix == ".sqlite" for p in tmp_path.iterdir())

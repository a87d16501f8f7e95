"""The audit table's rows (domain.audit_text), without Qt."""

from __future__ import annotations

from datetime import datetime

from netboard.domain.audit_text import audit_rows, value_text
from netboard.domain.snapshot import AuditEntry

AT = datetime(2026, 12, 1, 15, 30).astimezone()  # 15:30 where the test runs


def test_one_row_per_changed_field_with_labels_and_values() -> None:
    entry = AuditEntry("a1", AT, "dr-test", "pathology", "p1", "update",
                       {"ki67": (12.0, 15.0), "notes": ("", "re-read")})  # fmt: skip
    assert audit_rows(entry) == [
        ("01 Dec 2026, 15:30", "dr-test", "changed", "pathology", "Ki-67 %", "12.0", "15.0"),
        ("01 Dec 2026, 15:30", "dr-test", "changed", "pathology", "Notes", "\u2014", "re-read"),
    ]


def test_an_entry_without_fields_is_one_row_and_unknown_words_stay() -> None:
    entry = AuditEntry("a2", AT, "dr-test", "meeting", "m1", "status", {})
    assert audit_rows(entry) == [
        ("01 Dec 2026, 15:30", "dr-test", "status", "meeting", "", "\u2014", "\u2014")]
    moved = AuditEntry("a3", AT, "dr-test", "bundle", "b1", "import", {"not_a_field": (1, 2)})
    assert audit_rows(moved)[0][4] == "not_a_field"


def test_values_are_shown_short() -> None:
    assert value_text(["liver", "bone"]) == "liver, bone" and value_text([]) == "\u2014"
    assert value_text("x" * 250) == "x" * 197 + "\u2026"

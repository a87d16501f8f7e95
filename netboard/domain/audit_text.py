"""The audit log as the window's audit table reads it (no Qt): one row per changed field."""

from __future__ import annotations

from netboard.domain.snapshot import AuditEntry
from netboard.domain.wording import fmt_datetime

ACTION_WORDS = {
    "create": "created", "update": "changed", "delete": "deleted", "restore": "restored",
    "export": "exported", "print": "printed", "bulk": "bulk-loaded",
}  # fmt: skip


def audit_rows(entry: AuditEntry) -> list[tuple[str, ...]]:
    """One row per changed field: when, who, what was done, the kind, the field's label, the
    value before and after (an entry without field changes is one row)."""
    when = fmt_datetime(entry.at)
    action = ACTION_WORDS.get(entry.action, entry.action)
    changes = sorted(entry.changes.items()) or [("", (None, None))]
    return [
        (when, entry.who, action, entry.entity, field_label(entry.entity, field),
         value_text(before), value_text(after))
        for field, (before, after) in changes
    ]  # fmt: skip


def field_label(kind: str, field: str) -> str:
    """The field's label in forms and messages ('' for none; the name when it has none)."""
    from netboard.domain.validation import label  # on first use: not at the window's start

    try:
        return label(kind, field) if field else ""
    except (KeyError, ValueError):
        return field


def value_text(value: object) -> str:
    """A stored value as the table shows it: a dash for nothing, lists joined, 200 characters."""
    if value is None or value == "":
        return "\u2014"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "\u2014"
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "\u2026"

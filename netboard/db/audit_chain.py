"""The audit log as a hash chain: each entry's digest covers the previous entry's digest and its
own content, so an entry edited, removed or slipped in directly in the file breaks the chain at
that point (``netboard audit verify`` names the first broken link).

What it cannot show: entries cut off at the end of the log, or a log rewritten from the first
entry on by someone who also recomputes every digest. It makes tampering evident; it does not
prevent it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
"""The 'previous digest' of the first entry."""


def canonical_time(at: datetime) -> str:
    """The time as hashed: UTC, microseconds (what both backends store exactly)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_digest(
    previous: str,
    seq: int,
    at: datetime,
    who: str,
    entity: str,
    entity_id: str,
    action: str,
    changes: Mapping[str, Any],
) -> str:
    """SHA-256 (hex) of the previous digest and the entry's content in a canonical JSON form."""
    payload = json.dumps(
        [seq, canonical_time(at), who, entity, entity_id, action, changes],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(f"{previous}\n{payload}".encode()).hexdigest()


@dataclass(frozen=True)
class BrokenLink:
    """The first entry whose place or digest does not follow from the one before it."""

    seq: int
    entry_id: str
    at: datetime
    who: str
    reason: str

    @property
    def text(self) -> str:
        return (
            f"audit entry #{self.seq} ({self.entry_id}, {canonical_time(self.at)}, by "
            f"{self.who}): {self.reason}"
        )


def first_broken_link(rows: Iterable[Any]) -> tuple[int, BrokenLink | None]:
    """Walk entries in ``seq`` order (rows with id, seq, at, who, entity, entity_id, action,
    changes, digest); returns how many were checked and the first broken link, if any."""
    previous = GENESIS
    expected = 1
    checked = 0
    for row in rows:
        checked += 1
        if row.seq != expected:
            why = "entries before it are missing" if row.seq > expected else "it is out of order"
            reason = f"expected #{expected}; {why}"
            return checked, BrokenLink(row.seq, row.id, row.at, row.who, reason)
        digest = entry_digest(
            previous, row.seq, row.at, row.who, row.entity, row.entity_id, row.action, row.changes
        )
        if digest != row.digest:
            return checked, BrokenLink(
                row.seq, row.id, row.at, row.who,
                "its content or the entry before it was changed after it was written",
            )  # fmt: skip
        previous = digest
        expected += 1
    return checked, None

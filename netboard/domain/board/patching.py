"""Apply a change set's field updates to snapshots in memory (no database, no Qt).

A field update of a meeting record whose new values and version are known (a decision's text,
a discussion's question, an action ticked done) is written into the snapshot that shows it, so
nothing is read again. Anything else — a record added or removed, a reference or the agenda order
changed, a version not known — is left to the caller to read again (``None`` / ``False``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, TypeVar

from netboard.domain.changes import ChangeSet, Touched
from netboard.domain.snapshot import AgendaItem, CaseDiscussion, MeetingSnapshot

T = TypeVar("T")

_NOT_IN_PLACE = frozenset({"position", "status_meeting"})
"""Fields whose change moves other records too (the agenda order)."""


def patchable(touched: Touched) -> bool:
    """A field update with known values and version that changes nothing else."""
    if touched.action not in ("update", "status") or not touched.values:
        return False
    if touched.version is None:
        return False
    if touched.kind == "meeting" and "status" in touched.values:
        return False  # finalizing also sets finalized_at
    return not any(name.endswith("_id") or name in _NOT_IN_PLACE for name in touched.values)


def _updated(record: T, touched: Touched) -> T:
    return replace(record, **dict(touched.values), version=touched.version)  # type: ignore[type-var]


def _in(records: tuple[T, ...], touched: Touched) -> tuple[tuple[T, ...], bool]:
    found = False
    out = []
    for record in records:
        if getattr(record, "id", None) == touched.entity_id:
            record, found = _updated(record, touched), True
        out.append(record)
    return tuple(out), found


def patch_discussion(disc: CaseDiscussion, touched: Touched) -> tuple[CaseDiscussion, bool]:
    """``disc`` with ``touched`` applied when it is this discussion or one of its records."""
    if touched.kind == "discussion" and touched.entity_id == disc.id:
        return _updated(disc, touched), True
    if touched.kind == "decision" and disc.decision and disc.decision.id == touched.entity_id:
        return replace(disc, decision=_updated(disc.decision, touched)), True
    if touched.kind == "option":
        options, found = _in(disc.options, touched)
        return (replace(disc, options=options), True) if found else (disc, False)
    if touched.kind == "action":
        actions, found = _in(disc.actions, touched)
        return (replace(disc, actions=actions), True) if found else (disc, False)
    return disc, False


def patch_discussions(
    discussions: Iterable[CaseDiscussion], touched: Touched
) -> tuple[tuple[CaseDiscussion, ...], bool]:
    out, found = [], False
    for disc in discussions:
        disc, hit = patch_discussion(disc, touched)
        out.append(disc)
        found = found or hit
    return tuple(out), found


def patch_meeting(snapshot: MeetingSnapshot, touched: Touched) -> MeetingSnapshot | None:
    """``snapshot`` with ``touched`` applied, or None when it must be read again."""
    if not patchable(touched):
        return None
    if touched.kind == "meeting":
        if touched.entity_id != snapshot.meeting.id:
            return None
        return replace(snapshot, meeting=_updated(snapshot.meeting, touched))
    if touched.kind == "attendance":
        attendance, found = _in(snapshot.attendance, touched)
        return replace(snapshot, attendance=attendance) if found else None
    agenda: list[AgendaItem] = []
    found = False
    for item in snapshot.agenda:
        disc, hit = patch_discussion(item.discussion, touched)
        agenda.append(replace(item, discussion=disc) if hit else item)
        found = found or hit
    return replace(snapshot, agenda=tuple(agenda)) if found else None


def patch_meeting_all(snapshot: MeetingSnapshot, changes: ChangeSet) -> MeetingSnapshot | None:
    """Every record of ``changes`` applied to ``snapshot`` (None: read it again)."""
    patched: Any = snapshot
    for touched in changes.records:
        patched = patch_meeting(patched, touched)
        if patched is None:
            return None
    return patched  # type: ignore[no-any-return]

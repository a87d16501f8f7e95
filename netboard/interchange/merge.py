"""Three-way merge of an offline bundle into the board database, planned on plain rows.

``base`` is each record as exported, ``theirs`` as the bundle holds it now (the offline edits),
``ours`` as the board database holds it now. A record changed on one side only takes that change;
a field changed on both sides differently is contested; a deletion over an edit on the other side
is a conflict, never applied silently. Records of a meeting finalized on the board are not changed:
an incoming change becomes a proposed addendum. Planning writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from netboard.db.bundle_apply import Step
from netboard.db.bundle_rows import KIND_ORDER, Row
from netboard.db.operations_kinds import KINDS
from netboard.domain.validation import fields, label

Side = Literal["ours", "theirs"]
Rows = dict[str, dict[str, Row]]
"""kind -> id -> row (JSON values of every column)."""
RECORD = "__record__"
"""The choice of a deletion conflict: keep the record (ours/theirs side that has it) or not."""

_MEETING_SCOPED = ("meeting", "attendance", "discussion", "option", "decision", "action")


def merge_fields(kind: str) -> tuple[str, ...]:
    return tuple(name for name, spec in fields(kind).items() if not spec.derived)


@dataclass(frozen=True, slots=True)
class FieldDiff:
    field: str
    label: str
    base: Any
    theirs: Any
    ours: Any

    @property
    def contested(self) -> bool:
        """Changed on both sides to different values: someone has to choose."""
        return bool(
            self.theirs != self.base and self.ours != self.base and self.theirs != self.ours
        )

    @property
    def changed_by(self) -> Side | None:
        if self.contested:
            return None
        return "theirs" if self.theirs != self.base else "ours"


@dataclass(frozen=True, slots=True)
class RecordConflict:
    kind: str
    entity_id: str
    title: str
    fields: tuple[FieldDiff, ...]
    deleted_by: Side | None = None
    """Which side deleted the record (the other side edited it), or None."""
    ours_version: int | None = None
    theirs_row: Row | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.entity_id}"

    @property
    def choices(self) -> tuple[str, ...]:
        """What must be chosen: the contested fields, or the record itself for a deletion."""
        if self.deleted_by is not None:
            return (RECORD,)
        return tuple(d.field for d in self.fields if d.contested)


@dataclass(frozen=True, slots=True)
class Change:
    step: Step
    description: str


@dataclass(frozen=True, slots=True)
class MergePlan:
    changes: tuple[Change, ...]
    conflicts: tuple[RecordConflict, ...]
    notes: tuple[str, ...] = ()

    def steps(
        self,
        prefer: Side | None = None,
        choices: Mapping[str, Mapping[str, Side]] | None = None,
    ) -> list[Step]:
        """The writes, with each conflict resolved by ``choices`` ({conflict key: {field: side}})
        or else by ``prefer``; ValueError names what is still undecided."""
        resolved: list[Step] = []
        undecided: list[str] = []
        for conflict in self.conflicts:
            picked = dict((choices or {}).get(conflict.key, {}))
            missing = [c for c in conflict.choices if c not in picked]
            if missing and prefer is None:
                undecided.append(conflict.title)
                continue
            for name in missing:
                picked[name] = prefer  # type: ignore[assignment]
            step = _resolve(conflict, picked)
            if step is not None:
                resolved.append(step)
        if undecided:
            raise ValueError(
                f"{len(undecided)} record(s) were changed on both sides and need a choice "
                f"(first: {undecided[0]}); choose per field, or use --prefer ours|theirs"
            )
        return _ordered([c.step for c in self.changes] + resolved)

    def report(self) -> list[str]:
        lines = [c.description for c in self.changes]
        for conflict in self.conflicts:
            if conflict.deleted_by is not None:
                lines.append(
                    f"CONFLICT {conflict.title}: deleted {_side_text(conflict.deleted_by)}, "
                    f"changed {_side_text(_other(conflict.deleted_by))}"
                )
            else:
                lines.append(f"CONFLICT {conflict.title}:")
            for d in conflict.fields:
                mark = "both changed" if d.contested else f"changed {_side_text(d.changed_by)}"
                lines.append(
                    f"    {d.label}: base {_show(d.base)} | bundle {_show(d.theirs)} | "
                    f"board {_show(d.ours)}  ({mark})"
                )
        return lines + list(self.notes)


def _other(side: Side) -> Side:
    return "ours" if side == "theirs" else "theirs"


def _side_text(side: Side | None) -> str:
    return "in the bundle" if side == "theirs" else "on the board"


def _show(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    text = str(value)
    return repr(text[:60] + ("…" if len(text) > 60 else ""))


def _resolve(conflict: RecordConflict, picked: Mapping[str, Side]) -> Step | None:
    if conflict.deleted_by == "theirs":
        if picked[RECORD] == "theirs":
            return Step("delete", conflict.kind, conflict.entity_id)
        return None
    if conflict.deleted_by == "ours":
        if picked[RECORD] == "theirs" and conflict.theirs_row is not None:
            return Step(
                "add",
                conflict.kind,
                conflict.entity_id,
                _values(conflict.kind, conflict.theirs_row),
            )
        return None
    values = {
        d.field: d.theirs
        for d in conflict.fields
        if (picked.get(d.field) == "theirs" if d.contested else d.changed_by == "theirs")
        and d.theirs != d.ours
    }
    if not values:
        return None
    return Step("update", conflict.kind, conflict.entity_id, values, conflict.ours_version)


_STAGE = {"add": 0, "update": 1, "delete": 2, "addendum": 4}


def _ordered(steps: list[Step]) -> list[Step]:
    """Adds parents first, then updates, deletions children first, meeting updates (a status
    change may finalize the meeting) and last the proposed addenda."""
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}

    def key(step: Step) -> tuple[int, int]:
        stage = _STAGE[step.action]
        if step.action == "update" and step.kind == "meeting":
            stage = 3
        order = rank[step.kind]
        return (stage, -order if step.action == "delete" else order)

    return sorted(steps, key=key)


def _values(kind: str, row: Row) -> dict[str, Any]:
    return {name: row.get(name) for name in merge_fields(kind)}


# --- planning -------------------------------------------------------------------------------


@dataclass
class _Context:
    base: Rows
    theirs: Rows
    ours: Rows
    finalized: set[str]
    discussion_meeting: dict[str, str]
    cascades: Mapping[tuple[str, str], Iterable[tuple[str, str]]]
    source: str
    changes: list[Change] = field(default_factory=list)
    conflicts: list[RecordConflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def any_row(self, kind: str, entity_id: str | None) -> Row | None:
        if entity_id is None:
            return None
        for rows in (self.ours, self.theirs, self.base):
            found = rows.get(kind, {}).get(entity_id)
            if found is not None:
                return found
        return None


def plan_merge(
    base: Rows,
    theirs: Rows,
    ours: Rows,
    *,
    finalized: set[str],
    discussion_meeting: Mapping[str, str],
    cascades: Mapping[tuple[str, str], Iterable[tuple[str, str]]] | None = None,
    source: str = "the bundle",
) -> MergePlan:
    """Compare every record of the bundle (as exported and as now) with the board's."""
    ctx = _Context(base, theirs, ours, finalized, dict(discussion_meeting), cascades or {}, source)
    for kind in KIND_ORDER:
        ids = set(base.get(kind, {})) | set(theirs.get(kind, {}))
        for entity_id in sorted(ids):
            _plan_record(ctx, kind, entity_id)
    return MergePlan(tuple(ctx.changes), tuple(ctx.conflicts), tuple(ctx.notes))


def _plan_record(ctx: _Context, kind: str, entity_id: str) -> None:
    b = ctx.base.get(kind, {}).get(entity_id)
    t = ctx.theirs.get(kind, {}).get(entity_id)
    o = ctx.ours.get(kind, {}).get(entity_id)
    title = describe(ctx, kind, entity_id)
    if b is None:
        if t is not None:
            _new_offline(ctx, kind, entity_id, t, o, title)
        return
    if t is None:
        _deleted_offline(ctx, kind, entity_id, b, o, title)
        return
    theirs_changed = _changed(kind, b, t)
    if o is None:
        if theirs_changed:
            ctx.conflicts.append(
                RecordConflict(kind, entity_id, title, _diffs(kind, b, t, b), "ours", None, t)
            )
        else:
            ctx.notes.append(
                f"note: {title} was deleted on the board; the bundle left it as it was"
            )
        return
    if not theirs_changed:
        return
    if not _changed(kind, b, o):
        values = {f: t.get(f) for f in theirs_changed}
        text = f"changed {title}: {', '.join(label(kind, f) for f in theirs_changed)}"
        _incoming(ctx, kind, entity_id, "update", values, title, text, o.get("version"))
        return
    diffs = _diffs(kind, b, t, o)
    if _meeting_finalized(ctx, kind, o):
        values = {d.field: d.theirs for d in diffs if d.theirs != d.base}
        _incoming(ctx, kind, entity_id, "update", values, title, "", o.get("version"))
        return
    if all(not d.contested for d in diffs):
        values = {d.field: d.theirs for d in diffs if d.changed_by == "theirs"}
        names = ", ".join(label(kind, f) for f in values)
        ctx.changes.append(
            Change(
                Step("update", kind, entity_id, values, o.get("version")),
                f"changed {title}: {names} (the board's other edits kept)",
            )
        )
        return
    ctx.conflicts.append(RecordConflict(kind, entity_id, title, diffs, None, o.get("version"), t))


def _new_offline(
    ctx: _Context, kind: str, entity_id: str, t: Row, o: Row | None, title: str
) -> None:
    """A record added offline; the same new record on both sides (copied by hand) conflicts
    where the two differ."""
    if o is None:
        _incoming(ctx, kind, entity_id, "add", t, title, f"added {title}")
        return
    diffs = _diffs(kind, t, t, o)
    if diffs:
        conflict = RecordConflict(kind, entity_id, title, diffs, None, o.get("version"), t)
        ctx.conflicts.append(conflict)


def _deleted_offline(
    ctx: _Context, kind: str, entity_id: str, b: Row, o: Row | None, title: str
) -> None:
    if o is None:
        ctx.notes.append(f"note: {title} was deleted on both sides")
        return
    edited = bool(_changed(kind, b, o)) or any(
        ctx.base.get(k, {}).get(i) is None for k, i in ctx.cascades.get((kind, entity_id), ())
    )
    if not edited:
        for k, i in ctx.cascades.get((kind, entity_id), ()):
            under = ctx.ours.get(k, {}).get(i)
            if under is not None and _changed(k, ctx.base[k][i], under):
                edited = True
    if edited:
        diffs = _diffs(kind, b, b, o)
        ctx.conflicts.append(
            RecordConflict(kind, entity_id, title, diffs, "theirs", o.get("version"), None)
        )
        return
    _incoming(ctx, kind, entity_id, "delete", {}, title, f"deleted {title}")


def _incoming(
    ctx: _Context,
    kind: str,
    entity_id: str,
    action: Literal["add", "update", "delete"],
    values: Row,
    title: str,
    description: str,
    version: int | None = None,
) -> None:
    """A change from the bundle: written, or (finalized meeting) proposed as an addendum."""
    row = ctx.any_row(kind, entity_id) or values
    if _meeting_finalized(ctx, kind, row):
        ctx.changes.append(_addendum(ctx, kind, entity_id, action, values, row, title))
        return
    step_values = _values(kind, values) if action == "add" else values
    ctx.changes.append(Change(Step(action, kind, entity_id, step_values, version), description))


def _meeting_of(ctx: _Context, kind: str, row: Row) -> str | None:
    if kind == "meeting":
        return str(row["id"]) if row.get("id") else None
    if kind in ("attendance", "discussion"):
        return row.get("meeting_id")
    if kind in ("option", "decision", "action"):
        return ctx.discussion_meeting.get(str(row.get("discussion_id")))
    return None


def _meeting_finalized(ctx: _Context, kind: str, row: Row) -> bool:
    return kind in _MEETING_SCOPED and _meeting_of(ctx, kind, row) in ctx.finalized


def _addendum(
    ctx: _Context, kind: str, entity_id: str, action: str, values: Row, row: Row, title: str
) -> Change:
    meeting_id = _meeting_of(ctx, kind, row)
    discussion_id = entity_id if kind == "discussion" else row.get("discussion_id")
    if discussion_id is not None and discussion_id not in ctx.ours.get("discussion", {}):
        discussion_id = None  # a new agenda item: the addendum goes to the meeting
    verb = {"add": "adds", "update": "changes", "delete": "deletes"}[action]
    detail = "; ".join(
        f"{label(kind, f)}: {_show(v)}"
        for f, v in values.items()
        if f in merge_fields(kind) and not f.endswith("_id") and v not in (None, "", False)
    )
    text = (
        f"Proposed from offline work ({ctx.source}), not applied because the meeting is "
        f"finalized: {verb} {title}" + (f" — {detail}" if detail else "")
    )
    step = Step(
        "addendum",
        kind,
        entity_id,
        {"meeting_id": meeting_id, "discussion_id": discussion_id, "text": text},
    )
    return Change(step, f"proposed addendum (finalized meeting): {verb} {title}")


def _changed(kind: str, before: Row, after: Row) -> list[str]:
    return [f for f in merge_fields(kind) if before.get(f) != after.get(f)]


def _diffs(kind: str, b: Row, t: Row, o: Row) -> tuple[FieldDiff, ...]:
    return tuple(
        FieldDiff(f, label(kind, f), b.get(f), t.get(f), o.get(f))
        for f in merge_fields(kind)
        if b.get(f) != t.get(f) or b.get(f) != o.get(f)
    )


def describe(ctx: _Context, kind: str, entity_id: str) -> str:
    """'Pathology result 2026-01-05 of DOE, Jane (MRN 123)' — what a person recognises."""
    row = ctx.any_row(kind, entity_id) or {}
    noun = KINDS[kind].noun.capitalize()
    when = row.get("date") or row.get("start_date") or row.get("starts_at") or ""
    what = str(
        row.get("title") or row.get("agent") or row.get("analyte") or row.get("modality") or ""
    )
    patient = _patient(ctx, kind, row)
    parts = [noun]
    if kind == "patient":
        return f"Patient {_person(row)}"
    if what:
        parts.append(what)
    if when:
        parts.append(str(when)[:10])
    if patient is not None:
        parts.append(f"of {_person(patient)}")
    return " ".join(parts) + f" [{entity_id[:8]}]"


def _person(row: Row) -> str:
    return f"{row.get('family_name', '?')}, {row.get('given_name', '')} (MRN {row.get('mrn', '?')})"


def _patient(ctx: _Context, kind: str, row: Row) -> Row | None:
    for ref, parent_kind in (
        ("patient_id", "patient"),
        ("tumor_id", "tumor"),
        ("course_id", "therapy"),
        ("discussion_id", "discussion"),
    ):
        target = row.get(ref)
        if target:
            parent = ctx.any_row(parent_kind, str(target))
            if parent is None:
                return None
            return parent if parent_kind == "patient" else _patient(ctx, parent_kind, parent)
    return None

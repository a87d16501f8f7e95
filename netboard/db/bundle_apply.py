"""Apply a merged bundle to the board database: every step through the normal write operations
(validated, audited as the importing user), plus one audit entry naming the bundle — all in one
transaction, so an import either happens completely or not at all."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from netboard.db.bundle_rows import IMPORT_ACTION, IMPORT_ENTITY
from netboard.db.errors import NotFoundError
from netboard.db.operations_delete import delete_in
from netboard.db.operations_kinds import StaleError, audit, kind_info
from netboard.db.operations_write import create_in, update_in
from netboard.db.store import Store
from netboard.domain.validation import FieldError, ValidationError

Action = Literal["add", "update", "delete", "addendum"]


@dataclass(frozen=True, slots=True)
class Step:
    """One write: add a record (with its id), update fields, delete, or add an addendum."""

    action: Action
    kind: str
    entity_id: str
    values: Mapping[str, Any] = field(default_factory=dict)
    expected_version: int | None = None


class ImportStepError(ValueError):
    """A step could not be written; nothing of the import was kept."""


def _run(session: Session, who: str, step: Step) -> None:
    if step.action == "add":
        create_in(session, who, step.kind, {**step.values, "id": step.entity_id})
    elif step.action == "update":
        update_in(session, who, step.kind, step.entity_id, step.values, step.expected_version)
    elif step.action == "delete":
        if session.get(kind_info(step.kind).row, step.entity_id) is None:
            return  # already gone with its parent
        delete_in(session, who, step.kind, step.entity_id, None)
    else:
        create_in(session, who, "addendum", dict(step.values))


def apply_steps(
    store: Store,
    bundle_id: str,
    steps: Sequence[Step],
    summary: Mapping[str, object],
    *,
    entity: str = IMPORT_ENTITY,
) -> None:
    """Write all ``steps`` and the import's audit entry in one unit of work (or nothing)."""
    try:
        with store.unit_of_work() as session:
            for step in steps:
                try:
                    _run(session, store.user, step)
                    session.flush()
                except ValidationError as exc:
                    noun = kind_info(step.kind).noun
                    raise ValidationError(
                        [
                            FieldError(e.field, f"{noun} {step.entity_id[:8]}: {e.message}")
                            for e in exc.errors
                        ]
                    ) from exc
                except NotFoundError as exc:
                    noun = kind_info(step.kind).noun
                    raise ImportStepError(
                        f"{noun} {step.entity_id[:8]} refers to a {exc.entity} that is no "
                        "longer in the database"
                    ) from exc
            audit(
                session,
                store.user,
                IMPORT_ENTITY,
                bundle_id,
                IMPORT_ACTION,
                {key: (None, value) for key, value in summary.items()},
            )
    except (StaleError, StaleDataError):
        raise ImportStepError(
            "The board database changed while the bundle was being imported; nothing was "
            "imported. Run the import again."
        ) from None

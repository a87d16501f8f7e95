"""Errors the database layer raises; each message names the record or file and what to do next."""

from __future__ import annotations

from datetime import datetime


class DbError(Exception):
    """Base of every error raised by ``netboard.db`` (a caller may catch this one)."""


class StoreError(DbError):
    """The database cannot be opened or used as asked (not NETboard's, newer schema, no server)."""


class NotFoundError(DbError):
    """A record that a read or write names does not exist (any more)."""

    def __init__(self, entity: str, entity_id: str) -> None:
        self.entity = entity
        self.entity_id = entity_id
        super().__init__(f"{entity} {entity_id} was not found; it may have been deleted.")


class ConflictError(DbError):
    """Someone else changed the record since it was read; nothing was overwritten."""

    def __init__(self, entity: str, entity_id: str, who: str | None, when: datetime | None) -> None:
        self.entity = entity
        self.entity_id = entity_id
        self.who = who
        self.when = when
        by = f" by {who}" if who else ""
        at = f" at {when:%Y-%m-%d %H:%M} UTC" if when else ""
        super().__init__(
            f"{entity} {entity_id} was changed{by}{at} after you opened it. "
            "Your change was not saved; reload to see the current version."
        )


class FieldConflictError(ConflictError):
    """A field someone else changed since it was read (compare-and-set per field): names the
    field, its label and the value now stored; nothing was overwritten."""

    def __init__(
        self,
        entity: str,
        entity_id: str,
        field: str,
        label: str,
        current: object,
        who: str | None,
        when: datetime | None,
    ) -> None:
        super().__init__(entity, entity_id, who, when)
        self.field = field
        self.label = label
        self.current = current
        by = f" by {who}" if who else ""
        self.args = (
            f"{label}: changed{by} after you opened it; your text was not saved over theirs.",
        )


class FinalizedError(DbError):
    """An edit of a finalized meeting (or anything on its agenda) was refused: use an addendum."""

    def __init__(self, meeting_id: str, what: str = "") -> None:
        self.meeting_id = meeting_id
        subject = what or "This record"
        super().__init__(
            f"{subject} belongs to finalized meeting {meeting_id} and cannot be changed; "
            "add an addendum to the meeting instead."
        )


class InUseError(DbError):
    """A delete was refused because other records still depend on the row (RESTRICT)."""

    def __init__(self, entity: str, entity_id: str, dependents: str) -> None:
        self.entity = entity
        self.entity_id = entity_id
        self.dependents = dependents
        super().__init__(
            f"{entity} {entity_id} cannot be deleted while it still has {dependents}; "
            "remove those first."
        )


class BusyError(DbError):
    """Another program held the database (its write lock, or a row this write needs) too long."""

    def __init__(self, where: str) -> None:
        self.where = where
        super().__init__(
            f"Another program is writing to {where}; nothing was saved. Try again in a moment."
        )


class DiskFullError(DbError):
    """The disk (or the server's disk) is full: the write was rolled back."""

    def __init__(self, where: str) -> None:
        self.where = where
        super().__init__(
            f"The disk holding {where} is full; nothing was saved. Free some space there and "
            "try again."
        )


class ReadOnlyError(DbError):
    """The database cannot be written: a read-only file, folder, disk or server session."""

    def __init__(self, where: str) -> None:
        self.where = where
        super().__init__(
            f"{where} cannot be written (the file, its folder or the disk is read-only); "
            "nothing was saved. Open a copy you can write, or ask for write access."
        )


class DatabaseFailedError(DbError):
    """Any other failure the database reported (damaged file, lost server connection)."""

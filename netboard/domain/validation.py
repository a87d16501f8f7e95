"""Field rules shared by the forms, the importers and the database layer.

One table of field specifications per entity kind says each field's label, type, whether it is
required and its allowed range. ``coerce`` turns what a form or a file holds (mostly strings) into
typed values; ``validate`` checks typed values and reports every problem at once, in words a
clinician reads ("Ki-67 %: must be between 0 and 100 (got 140)"). Uniqueness (the MRN) needs the
database and is checked there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Final

from netboard.domain import vocab as v

# The field table (validation_fields) is part of this module's interface: re-exported.
from netboard.domain.validation_fields import (
    BOOL,
    DATE,
    DATETIME,
    FLOAT,
    INT,
    KINDS,
    LONG_TEXT,
    REF,
    SPECS,
    TEXT,
    TEXT_LIST,
    FieldSpec,
    FieldType,
    fields,
    label,
)
from netboard.domain.wording import fmt_date

EARLIEST_DATE: Final = date(1900, 1, 1)
FAR_FUTURE_YEARS: Final = 10
"""Dates more than this many years ahead are taken for typing errors."""


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str


class ValidationError(ValueError):
    """One or more fields are wrong; ``errors`` lists each with a message naming the field."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors: tuple[FieldError, ...] = tuple(errors)
        super().__init__("; ".join(error.message for error in self.errors))


__all__ = [
    "BOOL", "DATE", "DATETIME", "EARLIEST_DATE", "FAR_FUTURE_YEARS", "FLOAT", "INT", "KINDS",
    "LONG_TEXT", "REF", "SPECS", "TEXT", "TEXT_LIST", "FieldError", "FieldSpec", "FieldType",
    "ValidationError", "coerce", "fields", "label", "validate",
]  # fmt: skip


# --- coerce: form and file values -> typed values ---------------------------------------------

_TRUE = {"1", "true", "yes", "y", "x", "on", "✓"}
_FALSE = {"0", "false", "no", "n", "", "off"}


def coerce(kind: str, raw: Mapping[str, object]) -> dict[str, object]:
    """Typed values for ``raw`` (strings from a form or a file, or already typed values).

    Empty strings become None (or "" for text). Raises ValidationError naming every field that
    cannot be read; unknown fields pass through unchanged for ``validate`` to report.
    """
    specs = fields(kind)
    out: dict[str, object] = {}
    errors: list[FieldError] = []
    for name, value in raw.items():
        spec = specs.get(name)
        if spec is None:
            out[name] = value
            continue
        try:
            out[name] = _coerce_one(spec, value)
        except ValueError as exc:
            errors.append(FieldError(name, f"{spec.label}: {exc}"))
    if errors:
        raise ValidationError(errors)
    return out


def _coerce_one(spec: FieldSpec, value: object) -> object:
    t = spec.type
    if isinstance(value, str) and t not in (LONG_TEXT,):
        value = value.strip()
    if isinstance(t, type) and issubclass(t, v.Vocab):
        return _coerce_vocab(t, value)
    if t in (TEXT, LONG_TEXT):
        return "" if value is None else (value if isinstance(value, str) else str(value))
    if t == REF:
        return value if value not in ("", None) else None
    if value is None or value == "":
        return () if t == TEXT_LIST else (False if t == BOOL else None)
    convert = _COERCE.get(t) if isinstance(t, str) else None
    if convert is None:
        raise AssertionError(f"unhandled field type {t!r}")
    return convert(value)


def _coerce_vocab(enum: type[v.Vocab], value: object) -> v.Vocab | None:
    if value is None or value == "":
        return None
    if isinstance(value, enum):
        return value
    if isinstance(value, Enum):
        value = value.value
    if not isinstance(value, str):
        raise ValueError(f"'{value}' is not one of {', '.join(m.value for m in enum)}")
    try:
        return enum.parse(value, "")
    except ValueError:
        raise ValueError(f"'{value}' is not one of {', '.join(m.value for m in enum)}") from None


def _coerce_int(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            pass
        else:
            if number.is_integer():
                return int(number)
    raise ValueError(f"'{value}' is not a whole number")


def _coerce_float(value: object) -> float:
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not a number")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = value.replace("%", "").strip()
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # a decimal comma, as many clinicians type it
        try:
            return float(text)
        except ValueError:
            pass
    raise ValueError(f"'{value}' is not a number")


def _coerce_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"'{value}' is not a date (write it as YYYY-MM-DD)")


def _coerce_datetime(value: object) -> datetime:
    """Naive date-times are local wall-clock time; the result is timezone-aware."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.astimezone()
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day).astimezone()
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo is not None else parsed.astimezone()
    raise ValueError(f"'{value}' is not a date and time (write it as YYYY-MM-DD HH:MM)")


def _coerce_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise ValueError(f"'{value}' is not yes or no")


def _coerce_list(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        items: Iterable[object] = value.split(",")
    elif isinstance(value, list | tuple | set | frozenset):
        items = value
    else:
        raise ValueError(f"'{value}' is not a list of names")
    return tuple(str(item).strip() for item in items if str(item).strip())


# --- validate: typed values -> every problem found ---------------------------------------------


def validate(kind: str, values: Mapping[str, object], *, today: date | None = None) -> None:
    """Check a complete set of typed values of ``kind``; raise ValidationError listing all problems.

    ``values`` is the whole record as it would be stored (for an edit: the current record with the
    changes applied), so required fields and rules across fields can be checked.
    """
    specs = fields(kind)
    today = today or date.today()
    errors: list[FieldError] = []
    for name in values:
        if name not in specs and name not in ("id", "version"):
            errors.append(FieldError(name, f"{name}: not a field of a {kind} record"))
    for spec in specs.values():
        if spec.derived:
            continue
        message = _field_problem(spec, values.get(spec.name), today)
        if message:
            errors.append(FieldError(spec.name, f"{spec.label}: {message}"))
    errors.extend(_cross_field_problems(kind, values))
    if errors:
        raise ValidationError(errors)


def validate_fields(kind: str, values: Mapping[str, object], *, today: date | None = None) -> None:
    """Check only the fields in ``values`` (a change of a few fields of a stored record).

    Equivalent to ``validate`` on the whole record when none of the fields is read by a rule
    across fields (``CROSS_FIELDS``); ValidationError naming each problem.
    """
    specs = fields(kind)
    today = today or date.today()
    errors: list[FieldError] = []
    for name, value in values.items():
        spec = specs.get(name)
        if spec is None:
            errors.append(FieldError(name, f"{name}: not a field of a {kind} record"))
            continue
        message = None if spec.derived else _field_problem(spec, value, today)
        if message:
            errors.append(FieldError(name, f"{spec.label}: {message}"))
    if errors:
        raise ValidationError(errors)


CROSS_FIELDS: dict[str, frozenset[str]] = {
    "therapy": frozenset({"start_date", "end_date"}),
    "option": frozenset({"revisits_option_id"}),
}
"""Fields that rules across fields (``_cross_field_problems``) read, per kind: a change of one
of them is validated with the whole record."""


def _is_empty(value: object) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, tuple | list) and not value)


def _field_problem(spec: FieldSpec, value: object, today: date) -> str | None:
    if _is_empty(value):
        return "is required" if spec.required else None
    t = spec.type
    if isinstance(t, type) and issubclass(t, v.Vocab):
        if not isinstance(value, t):
            return f"'{value}' is not one of {', '.join(m.value for m in t)}"
        return None
    checker = _TYPE_CHECKS[str(t)]
    problem = checker(value)
    if problem:
        return problem
    if t in (TEXT, LONG_TEXT, TEXT_LIST) and spec.max_length is not None:
        length = len(value) if isinstance(value, str) else len(", ".join(value))  # type: ignore[arg-type]
        if length > spec.max_length:
            return f"is too long ({length} characters; at most {spec.max_length})"
    if t in (INT, FLOAT):
        assert isinstance(value, int | float)
        return _range_problem(spec, float(value), value)
    if t == DATE:
        assert isinstance(value, date)
        return _date_problem(spec, value, today)
    if t == DATETIME:
        assert isinstance(value, datetime)
        return _date_problem(spec, value.date(), today)
    return None


def _range_problem(spec: FieldSpec, number: float, shown: object) -> str | None:
    if number != number:  # NaN
        return "is not a number"
    low, high = spec.minimum, spec.maximum
    if low is not None and high is not None and not low <= number <= high:
        return f"must be between {_num(low)} and {_num(high)} (got {_num(shown)})"
    if low is not None and number < low:
        return f"must be at least {_num(low)} (got {_num(shown)})"
    if high is not None and number > high:
        return f"must be at most {_num(high)} (got {_num(shown)})"
    return None


def _num(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def day_text(value: date) -> str:
    """'04 Dec 2027': a date in a message as the screens show it (``wording.fmt_date``)."""
    return fmt_date(value)


def _date_problem(spec: FieldSpec, value: date, today: date) -> str | None:
    if value < EARLIEST_DATE:
        return f"cannot be before {EARLIEST_DATE:%Y} (got {day_text(value)})"
    if spec.past_only and value > today:
        return f"cannot be in the future (got {day_text(value)})"
    latest = today + timedelta(days=365 * FAR_FUTURE_YEARS)
    if value > latest:
        return f"is too far in the future (got {day_text(value)})"
    return None


def _check_text(value: object) -> str | None:
    if not isinstance(value, str):
        return f"'{value}' is not text"
    return _control_problem(value)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters no field keeps (tab, line feed and carriage return are ordinary text)."""


def _control_problem(text: str) -> str | None:
    found = _CONTROL.search(text)
    if found is None:
        return None
    code = f"U+{ord(found.group()):04X}"
    return (
        f"contains an invisible control character ({code}) at position {found.start() + 1}; "
        "remove it (it often comes with pasted text)"
    )


def _check_int(value: object) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool)
    return None if ok else f"'{value}' is not a whole number"


def _check_float(value: object) -> str | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return None if ok else f"'{value}' is not a number"


def _check_date(value: object) -> str | None:
    ok = isinstance(value, date) and not isinstance(value, datetime)
    return None if ok else f"'{value}' is not a date"


def _check_datetime(value: object) -> str | None:
    return None if isinstance(value, datetime) else f"'{value}' is not a date and time"


def _check_bool(value: object) -> str | None:
    return None if isinstance(value, bool) else f"'{value}' is not yes or no"


def _check_list(value: object) -> str | None:
    ok = isinstance(value, tuple | list) and all(isinstance(item, str) for item in value)
    if not ok:
        return f"'{value}' is not a list of names"
    return _control_problem("\t".join(value))  # type: ignore[arg-type]


_TYPE_CHECKS = {
    TEXT: _check_text,
    LONG_TEXT: _check_text,
    REF: _check_text,
    INT: _check_int,
    FLOAT: _check_float,
    DATE: _check_date,
    DATETIME: _check_datetime,
    BOOL: _check_bool,
    TEXT_LIST: _check_list,
}


_PHONE = re.compile(r"\+?[0-9 ()./-]+(\s*(ext\.?|x)\s*[0-9]+)?", re.IGNORECASE)
"""A phone number as people write it: digits, spaces, + ( ) - . /, an optional extension."""


def _cross_field_problems(kind: str, values: Mapping[str, object]) -> list[FieldError]:
    errors: list[FieldError] = []
    if kind == "therapy":
        start, end = values.get("start_date"), values.get("end_date")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            errors.append(
                FieldError(
                    "end_date",
                    f"End date: cannot be before the start date {day_text(start)} "
                    f"(got {day_text(end)})",
                )
            )
    phone = values.get("navigator_phone")
    if kind == "patient" and isinstance(phone, str) and phone.strip():
        if not _PHONE.fullmatch(phone.strip()) or sum(c.isdigit() for c in phone) < 3:
            errors.append(
                FieldError(
                    "navigator_phone",
                    "Navigator phone: digits, spaces and + ( ) - . / only, with an optional "
                    f"extension ('ext 12'); got '{phone.strip()}'",
                )
            )
    if (
        kind == "option"
        and values.get("revisits_option_id")
        and values.get("revisits_option_id") == values.get("id")
    ):
        errors.append(
            FieldError("revisits_option_id", "Revisits option: an option cannot revisit itself")
        )
    return errors


_COERCE: dict[str, Callable[[object], object]] = {
    INT: _coerce_int,
    FLOAT: _coerce_float,
    DATE: _coerce_date,
    DATETIME: _coerce_datetime,
    BOOL: _coerce_bool,
    TEXT_LIST: _coerce_list,
}
"""How a non-empty value of each plain field type is read (vocabularies, text and references
are read before)."""

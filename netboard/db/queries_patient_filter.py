"""What one patient-list request asks for (search words and filters), as SQL conditions.

Conditions can be written ``+column`` (``no_index``): the same value, but SQLite may not use an
index for that term, so a query that walks a sort index tests each row instead of letting the
planner pick the filter's own index and sort everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, String, func, literal
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import UnaryExpression

from netboard.db.queries_rows import PATIENT
from netboard.db.queries_search import search_words
from netboard.db.search_index import MIN_INDEXED, fts_query, indexed_words
from netboard.db.search_short import pg_condition
from netboard.domain.vocab import Grade, PatientStatus, PrimarySite

P = PATIENT.c
Wrap = Callable[[Any], Any]


def as_is(column: Any) -> Any:
    return column


def no_index(column: Any) -> Any:
    """``+column``: the same value, but SQLite may not use an index for this term."""
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def expression_only(column: Any) -> Any:
    """PostgreSQL's ``+column``: the same value as an expression no index provides (``|| ''``
    for text, ``+ 0`` otherwise), so ordering by it sorts the rows found instead of walking a
    sort index."""
    if isinstance(column.type, String):
        return column.op("||", return_type=column.type)(literal(""))
    return column.op("+", return_type=column.type)(literal(0))


def _members(enum: type[Enum], value: object) -> list[Enum]:
    """One member or several (a member, its value, or an iterable of them)."""
    items: Iterable[object]
    if isinstance(value, str | Enum) or not isinstance(value, Iterable):
        items = (value,)
    else:
        items = value
    return [item if isinstance(item, enum) else enum(item) for item in items]


class Request:
    """The search and filters of one request, written with or without index use."""

    def __init__(
        self, search: str, site: object, grade: object, status: object, agenda: Any, *,
        postgresql: bool = False,
    ) -> None:  # fmt: skip
        self.words = search_words(search)
        self.indexed = indexed_words(self.words)
        self.terms: dict[str, list[str]] = {}
        """SQLite: the trigrams of an indexed short word (see ``search_short``)."""
        self.pieces: dict[str, list[str]] = {}
        """SQLite: the selective pieces the trigram table is asked for instead of a long word
        (``search_sample.Sample.selective_pieces``); the word is then tested on each row."""
        self.probes: dict[str, list[str]] = {}
        """PostgreSQL: the rare three-letter pieces of a long word that the trigram index is
        asked for (the word itself is then tested on each row the index gives)."""
        self.site = None if site is None else _members(PrimarySite, site)
        self.grade = None if grade is None else _members(Grade, grade)
        self.status = None if status is None else _members(PatientStatus, status)
        self.agenda = agenda
        self.postgresql = postgresql

    @property
    def kinds(self) -> int:
        """How many kinds of condition (search, site, grade, status, agenda) are set."""
        return bool(self.words) + sum(
            x is not None for x in (self.site, self.grade, self.status, self.agenda)
        )

    def __bool__(self) -> bool:
        return self.kinds > 0

    def word_conds(
        self, wrap: Wrap = as_is, *, trigram: bool = False, short_only: bool = False
    ) -> list[Any]:
        """Each word must occur in the search key. ``trigram`` (PostgreSQL): words long enough
        for the trigram index are written as LIKE, which that index answers; other words (and
        all of them without ``trigram``) as ``strpos``, which no index pretends to answer.
        Short words in ``indexed`` (rare ones, see ``search_short``) are written as the grams
        index's condition. ``short_only``: only the words no index answers exactly (not looked
        up, or looked up by their pieces)."""
        out: list[Any] = []
        for word in self.words:
            if short_only and word in self.indexed and word not in self.pieces:
                continue
            if self.postgresql and trigram and word in self.indexed and len(word) < MIN_INDEXED:
                out.append(pg_condition(word))
            elif self.postgresql and trigram and self.probes.get(word):
                out.extend(P.search_key.contains(p, autoescape=True) for p in self.probes[word])
                out.append(func.strpos(P.search_key, word) > 0)
            elif self.postgresql and not (trigram and word in self.indexed):
                out.append(func.strpos(P.search_key, word) > 0)
            else:
                out.append(wrap(P.search_key).contains(word, autoescape=True))
        return out

    def fts_query(self) -> str:
        """SQLite: the trigram table's query for the indexed words."""
        return fts_query(self.indexed, self.terms, self.pieces)

    def filter_conds(self, wrap: Wrap = as_is) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        for column, values in ((P.list_site, self.site), (P.list_grade, self.grade),
                               (P.status, self.status)):  # fmt: skip
            if values is not None:
                out.append(wrap(column).in_(values))
        if self.agenda is not None:
            out.append(P.id.in_(self.agenda))
        return out

    def conds(self, wrap: Wrap = as_is, *, trigram: bool = False) -> list[Any]:
        return [*self.word_conds(wrap, trigram=trigram), *self.filter_conds(wrap)]

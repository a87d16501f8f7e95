"""The patient list: one page, searched, filtered and sorted, fast on a million patients.

Only the patient table (its denormalised ``list_*`` columns and ``search_key``) and the search
index are read, with Core selects, in two ways chosen by how many patients match:

* at most ``FEW`` matches: they are found first (search words of three letters or more from the
  trigram index, see ``search_index``, and shorter words that few patients have, see
  ``search_short``; filters from their own index) and only they are sorted;
* more matches, or no filter: the sort order's index ranges are walked (``queries_patient_order``)
  and each row tested; matches are then dense enough that a page fills quickly. A page that
  continues after a row (``after``, keyset paging) starts where that row is in the index, so deep
  pages cost what the first one costs. On SQLite the filter terms are written ``+column`` so the
  planner cannot pick the filter's own index and sort everything instead.

A search alone (no filters) is first judged from a random sample of patients (``search_sample``):
when it matches more than a few, the matches are sorted if there are not very many or if they sit
late in the name or MRN order (a common name), and the sort order is walked otherwise; only the
choice depends on the sample, never the rows returned.

The number of matches is counted exactly up to ``COUNT_LIMIT``; beyond that the page says
``capped`` ("more than COUNT_LIMIT"), so a count never reads a million rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, literal_column, select

from netboard.db import queries_rows as rows
from netboard.db import search_index, search_sample, search_short
from netboard.db.queries_meetings import next_meeting_select
from netboard.db.queries_patient_filter import Request, Wrap, as_is, expression_only, no_index
from netboard.db.queries_patient_offset import offset_page
from netboard.db.queries_patient_order import GRADE_ORDER, SORT_KEYS, Order
from netboard.db.queries_rows import DISCUSSION, PATIENT
from netboard.db.store import Store
from netboard.domain import snapshot as s
from netboard.domain.vocab import Grade, PatientStatus, PrimarySite

__all__ = ["COUNT_LIMIT", "FEW", "GRADE_ORDER", "SORT_KEYS", "list_patients"]

P = PATIENT.c
FTS = search_index.FTS_TABLE

FEW = 2000
"""Up to this many matches a page is sorted from the matches alone."""
COUNT_LIMIT = 1000
"""Matches are counted exactly up to this many; beyond, the page says 'more than' this."""
SORT_LIMIT = 8000
"""Up to this many matches of a search's indexed words are found and sorted, not walked."""
DENSE = 20_000
"""SQLite: above this many matches of the indexed words a sort-index walk tests each row."""
CLUSTERED = {"sqlite": 16.0, "postgresql": 8.0, "sqlite by name": 3.0}
"""Matches are sorted, not walked to, when a walk would read more than this many index entries
per match. A walk reads the name index's entries one after the other; a sort reads each match's
row wherever it lies. Measured at a million patients: an entry costs SQLite 0.07 us and a match
1.0-1.4 us; PostgreSQL 0.1 us and 0.7-1.0 us. SQLite sorting by name from the order table
(``_name_sorted``), whose rows are in name order: 0.23 us a match ("har", 26,550 of them, 6 ms)."""

_LIST_COLUMNS = (
    P.id, P.mrn, P.family_name, P.given_name, P.birth_date, P.sex, P.status,
    P.list_site, P.list_grade, P.list_ki67, P.list_next_review,
)  # fmt: skip


def list_patients(
    store: Store,
    *,
    search: str = "",
    site: PrimarySite | str | Iterable[PrimarySite | str] | None = None,
    grade: Grade | str | Iterable[Grade | str] | None = None,
    status: PatientStatus | str | Iterable[PatientStatus | str] | None = None,
    on_next_agenda: bool = False,
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 50,
    after: s.PatientRow | None = None,
    now: datetime | None = None,
) -> s.PatientPage:
    """One page of the patient list and the number of patients that match.

    ``search`` matches every word against name and MRN (case and accents ignored). Filters take one
    value or several. Empty values sort last in either direction; ties sort by name. ``after``:
    the page starts after this row (the last row of the previous page) and ``offset`` counts from
    there. ``total`` is exact up to ``COUNT_LIMIT``; beyond, ``capped`` is set and ``total`` is
    ``COUNT_LIMIT``.
    """
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort '{sort}' (one of {', '.join(SORT_KEYS)})")
    offset, limit = max(offset, 0), max(limit, 0)
    with store.read() as conn:
        # The next meeting is a subquery of the statements that need it (one round trip fewer).
        agenda = select(DISCUSSION.c.patient_id).where(
            DISCUSSION.c.meeting_id == next_meeting_select(now)
        )
        request = Request(search, site, grade, status, agenda if on_next_agenda else None,
                          postgresql=not store.is_sqlite)  # fmt: skip
        reader = _Reader(conn, request, store.is_sqlite, store.cache)
        ids, counting = reader.page(Order(sort, descending), after, offset, limit)
        flagged = select(*_LIST_COLUMNS, P.id.in_(agenda).label("on_agenda"))
        if not isinstance(counting, int) and ids:  # the count rides with the rows
            flagged = flagged.add_columns(counting.scalar_subquery().label("total"))
        found = {r["id"]: r for r in conn.execute(flagged.where(P.id.in_(ids))).mappings()}
        if isinstance(counting, int):
            total = counting
        elif found:
            total = int(next(iter(found.values()))["total"])
        else:
            total = int(conn.execute(counting).scalar_one())
    page = tuple(rows.patient_row(found[i], bool(found[i]["on_agenda"])) for i in ids if i in found)
    return s.PatientPage(rows=page, total=min(total, COUNT_LIMIT), offset=offset,
                         capped=total > COUNT_LIMIT)  # fmt: skip


class _Reader:
    """Reads the ids of one page and the (bounded) number of matches."""

    def __init__(
        self, conn: Connection, request: Request, is_sqlite: bool, cache: dict[str, Any]
    ) -> None:
        self.conn = conn
        self.request = request
        self.is_sqlite = is_sqlite
        self.cache = cache
        self.wrap: Wrap = no_index if is_sqlite else as_is
        self.nothing = False
        """A short word that no indexed key contains: nothing matches."""
        self.walk_plain = False
        """Walks test each word on the row (many spread matches), not the index's answer."""
        self.indexed = self._choose_index(cache)

    def _choose_index(self, cache: dict[str, Any]) -> bool:
        """Set ``request.indexed`` to the words an index answers: those of three letters or more
        when the trigram index exists, and short words few patients have (``search_short``)."""
        request = self.request
        long_words = request.indexed if search_index.available(self.conn, cache) else []
        short = search_short.rare(self.conn, cache, request.words)
        if self.is_sqlite:
            for word in list(short):
                terms = search_short.sqlite_terms(self.conn, word)
                if terms is None:
                    short.remove(word)
                elif terms:
                    request.terms[word] = terms
                else:
                    self.nothing = True
        request.indexed = [w for w in request.words if w in long_words or w in short]
        if long_words:
            sample = search_sample.get(self.conn, cache)
            if self.is_sqlite:
                pieces = {w: sample.selective_pieces(w) for w in long_words}
                request.pieces = {w: found for w, found in pieces.items() if found}
            else:
                request.probes = {w: sample.rare_pieces(w) for w in long_words}
        return bool(request.indexed)

    def page(
        self, order: Order, after: s.PatientRow | None, offset: int, limit: int
    ) -> tuple[list[str], Any]:
        """The page's ids and the number of matches (exact up to COUNT_LIMIT, else more), or
        the SELECT that counts them (to run with the page's rows)."""
        if self.nothing:
            return [], 0
        reading = self._reading(order, offset + limit)
        if reading == "sort":
            # Counted apart, up to COUNT_LIMIT + 1 matches: a count of every match in the sorting
            # statement (count(*) OVER ()) cost PostgreSQL about a quarter of "har" at a million.
            return self._sorted(None, order, after, offset, limit), self._bounded_count()
        if reading == "walk":
            self.walk_plain = True
            return self._walk_page(order, after, offset, limit), self._bounded_count()
        known: int | None = None
        if self.request:
            matches = self._matches(FEW + 1)
            if len(matches) <= FEW:
                return self._sorted(matches, order, after, offset, limit), len(matches)
            known = len(matches)
            if self.indexed:
                # Up to SORT_LIMIT matches of the indexed words: sorting them beats walking a
                # sort index, where a name's matches all sit together, maybe far down. (The
                # trigram table alone counts them when it answers every word.)
                found = (self._fts_count(SORT_LIMIT + 1) if self._fts_exact()
                         else self._indexed_count(SORT_LIMIT + 1))  # fmt: skip
                if found <= SORT_LIMIT:
                    return self._sorted(None, order, after, offset, limit), found
        ids = self._walk_page(order, after, offset, limit)
        if known is None or known <= COUNT_LIMIT:
            return ids, self._bounded_count()
        return ids, known

    def _walk_page(
        self, order: Order, after: s.PatientRow | None, offset: int, limit: int
    ) -> list[str]:
        if after is None and offset > 0:
            return offset_page(self.conn, self.request, order, offset, limit, self.wrap)
        return self._walk(order, after, offset + limit)[offset:]

    def _bounded_count(self) -> Any:
        """SELECT how many rows match, counted up to COUNT_LIMIT + 1 (from the trigram table
        alone when it answers every word). Run with the page's rows (one statement fewer)."""
        if self._fts_exact():
            return self._fts_count_select(COUNT_LIMIT + 1)
        if self._many_begin_with_a_word():
            return COUNT_LIMIT + 1
        if self.request:
            inner: Any = self._narrow(self._matching(P.id))
        else:  # the first ids of the primary-key index (never a scan of the table)
            inner = select(P.id).order_by(P.id)
        return select(func.count()).select_from(inner.limit(COUNT_LIMIT + 1).subquery())

    def _many_begin_with_a_word(self) -> bool:
        """PostgreSQL: more than COUNT_LIMIT patients match, shown by finding that many among the
        keys that begin with one of the search words (a range of ix_patient_search_key, read in
        index order, each entry tested). For a common name ("ha", "mul") that takes a thousand
        index entries, where a count from the search indexes reads a table row per match. Tried
        only when the sample expects it; every row counted matches the whole search, so a
        shorter answer just means counting the usual way."""
        request = self.request
        if self.is_sqlite or not request.words:
            return False
        sample = search_sample.get(self.conn, self.cache)
        word = max(request.words, key=lambda w: sample.starting(request.words, w))
        if sample.starting(request.words, word) < 2 * COUNT_LIMIT:
            return False
        inner: Any = (
            select(P.id)
            .where(P.search_key >= word, P.search_key < _next_text(word), *request.conds())
            .order_by(P.search_key)
            .limit(COUNT_LIMIT + 1)
        )
        found = self.conn.execute(select(func.count()).select_from(inner.subquery())).scalar_one()
        return int(found) > COUNT_LIMIT

    def _reading(self, order: Order, rows: int) -> str:
        """How to read a search alone (no filters) that the sample says matches more than a
        few patients: "sort" the matches the index finds when a walk of the sort order would
        read many more rows than there are matches (they sit late in a name or MRN order, or
        are not many); else "walk" (a page of ``rows`` fills after a few rows). "": decide by
        counting matches (few, or filters that may leave few)."""
        request = self.request
        if request.kinds != 1 or not request.words:
            return ""
        sample = search_sample.get(self.conn, self.cache)
        share = sample.share(request.words)
        expected = share * sample.total
        if expected <= FEW / 2:
            return ""
        walked = sample.before(request.words, order.sort, order.descending) + rows / share
        if self.is_sqlite and order.sort == "name" and self._fts_exact():
            clustered = CLUSTERED["sqlite by name"]
        else:
            clustered = CLUSTERED["sqlite" if self.is_sqlite else "postgresql"]
        return "sort" if self.indexed and walked > clustered * expected else "walk"

    def _fts_exact(self) -> bool:
        """SQLite, search words only, each answered by the trigram table (which matches exactly
        the keys that contain the word: a phrase of consecutive trigrams, or any trigram a short
        word begins; not when a word was asked for by its pieces)."""
        request = self.request
        return (self.is_sqlite and self.indexed and request.kinds == 1 and not request.pieces
                and len(request.indexed) == len(request.words))  # fmt: skip

    def _fts_count(self, limit: int) -> int:
        return int(self.conn.execute(self._fts_count_select(limit)).scalar_one())

    def _fts_count_select(self, limit: int) -> Any:
        found: Any = self._fts_ranks().limit(limit)
        return select(func.count()).select_from(found.subquery())

    def _matching(self, columns: Any) -> Any:
        """SELECT ``columns`` of the matching patients, from the search index when it helps."""
        request = self.request
        if self.indexed and self.is_sqlite:
            # The trigram table finds the candidates; every word is checked again on the key.
            fts, ranks = search_index.fts_table(), search_index.order_table()
            found = fts.c.key.op("MATCH")(request.fts_query())
            joined = fts.join(ranks, ranks.c.name_rank == fts.c.rowid).join(
                PATIENT, ranks.c.patient_rowid == literal_column("patient.rowid")
            )
            return select(columns).select_from(joined).where(found, *request.conds(no_index))
        if self.indexed:
            return select(columns).where(*request.conds(trigram=True))
        # One filter kind: its own index finds the matches. Several: a scan of the covering
        # ix_patient_search_key beats an index range plus a table lookup per row.
        return select(columns).where(*request.conds(self.wrap if request.kinds > 1 else as_is))

    def _fts_ranks(self) -> Any:
        """SQLite: SELECT the name ranks the trigram table gives for the indexed words."""
        fts = search_index.fts_table()
        return select(fts.c.rowid).where(fts.c.key.op("MATCH")(self.request.fts_query()))

    def _fts_rowids(self) -> Any:
        """SQLite: SELECT the patient rowids of the name ranks the trigram table gives."""
        ranks = search_index.order_table()
        return select(ranks.c.patient_rowid).where(ranks.c.name_rank.in_(self._fts_ranks()))

    def _name_sorted(
        self, order: Order, after: s.PatientRow | None, offset: int, limit: int
    ) -> list[str]:
        """SQLite, search words alone sorted by name: the page from the order table, whose rows
        are numbered in name order, so a common name's matches are read in one sweep of that
        small table (no row of ``patient`` is read)."""
        fts, ranks = search_index.fts_table(), search_index.order_table()

        def named(column: Any) -> Any:
            return ranks.c[column.name]

        query = (
            select(ranks.c.id)
            .select_from(fts.join(ranks, ranks.c.name_rank == fts.c.rowid))
            .where(fts.c.key.op("MATCH")(self.request.fts_query()))
        )
        if after is not None:
            query = query.where(order.after_row(after, named))
        query = query.order_by(*order.full_order(named)).offset(offset).limit(limit)
        return [str(i) for i in self.conn.execute(query).scalars()]

    def _indexed_count(self, limit: int) -> int:
        """How many rows the indexed words (and the filters) match, counted up to ``limit``."""
        inner: Any = self._matching(P.id).limit(limit)
        return int(self.conn.execute(select(func.count()).select_from(inner.subquery()))
                   .scalar_one())  # fmt: skip

    def _dense(self) -> bool:
        """More than DENSE rows match the indexed words (then a walk tests rows directly)."""
        return self._fts_count(DENSE + 1) > DENSE

    def _walk_conds(self, order: Order) -> list[Any]:
        """Conditions tested on each row of a sort index walk. Matches of a name search sit
        together in name order (every "Müller" under M), so a walk may pass half the table
        before the first one: words the trigram index knows are tested against the index's
        answer (SQLite: membership of the row's rowid, read from the sort index entry itself;
        PostgreSQL: the planner may take the GIN index), never by reading each row."""
        request = self.request
        if not self.indexed or self.walk_plain:
            return request.conds(self.wrap)
        if self.is_sqlite and (order.sort == "name" or self._dense()):
            # The name index carries search_key (an entry is tested without the table), and
            # densely matching words fill a page after a few rows of any sort index.
            return request.conds(self.wrap)
        if self.is_sqlite:
            return [
                literal_column("patient.rowid").in_(self._fts_rowids()),
                *request.word_conds(self.wrap, short_only=True),
                *request.filter_conds(self.wrap),
            ]
        return request.conds(trigram=True)

    def _matches(self, limit: int) -> list[str]:
        query = self._narrow(self._matching(P.id)).limit(limit)
        return [str(i) for i in self.conn.execute(query).scalars()]

    def _narrow(self, query: Any) -> Any:
        """PostgreSQL, words no index answers: read ix_patient_search_key (in its order, so the
        planner walks that narrow index instead of the whole table)."""
        if self.is_sqlite or self.indexed or not self.request.words:
            return query
        return query.order_by(P.search_key)

    def _sorted(
        self, ids: list[str] | None, order: Order, after: s.PatientRow | None, offset: int,
        limit: int,
    ) -> list[str]:  # fmt: skip
        """Sort just the matches: on SQLite by primary-key lookups of ``ids`` (or the rowids the
        trigram table gives); +column keeps it from walking a sort index past every row that
        does not match. PostgreSQL finds them again from the filter and trigram indexes in the
        same statement, ordered by expressions no index provides, so it sorts what it found."""
        if ids is None and order.sort == "name" and self._fts_exact():
            return self._name_sorted(order, after, offset, limit)
        wrap = self.wrap if self.is_sqlite else expression_only
        unindexed = len(self.request.indexed) < len(self.request.words)
        if ids is not None and (self.is_sqlite or unindexed):
            # (PostgreSQL: words no index answers would mean reading the table again.)
            query = select(P.id).where(P.id.in_(ids))
        elif self.is_sqlite:
            query = select(P.id).where(
                literal_column("patient.rowid").in_(self._fts_rowids()),
                *self.request.conds(no_index),
            )
        else:
            query = self._matching(P.id)
        if after is not None:
            query = query.where(order.after_row(after, wrap))
        query = query.order_by(*order.full_order(wrap)).offset(offset).limit(limit)
        return [str(i) for i in self.conn.execute(query).scalars()]

    def _walk(self, order: Order, after: s.PatientRow | None, limit: int) -> list[str]:
        """Up to ``limit`` ids in order after ``after``, read segment by segment."""
        segments = order.segments()
        first, values = order.position(after) if after is not None else (0, None)
        conds = self._walk_conds(order)
        ids: list[str] = []
        for number in range(first, len(segments)):
            if len(ids) >= limit:
                break
            segment = segments[number]
            query = select(P.id).where(segment.cond, *conds)
            if values is not None and number == first:
                query = query.where(order.beyond(segment.keys, values))
            query = query.order_by(*order.order_by(segment.keys)).limit(limit - len(ids))
            ids.extend(str(i) for i in self.conn.execute(query).scalars())
        return ids


def _next_text(word: str) -> str:
    """The first text after every text that begins with ``word`` in code point order (its last
    character moved on by one; an ordinary character, which any database encoding holds)."""
    return word[:-1] + chr(min(ord(word[-1]) + 1, 0x10FFFF))

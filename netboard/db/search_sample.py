"""A small random sample of patients, to judge how a search should read the list.

The sample is the first :data:`SIZE` patients in primary-key order (random UUIDs, so a random
sample), with their search key and sort keys, and an estimate of how many patients there are.
It is kept for :data:`SECONDS` in the store's cache. It answers two questions cheaply:

* how many patients a search matches (``estimate``): short words matched by a few percent are
  walked, not looked up (``search_short``), and a search matching very many patients is
  answered by walking the sort order, where a page fills after a few rows;
* how far into the name or MRN order the first match is (``before``): a common name ("har" in
  every "Harvold") sits in one place of the name order, so a walk from the top would pass most
  of the list before it; sorting the matches is then cheaper.

Only the choice of reading depends on the sample; every path returns the same rows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select, text

from netboard.db.queries_rows import PATIENT

P = PATIENT.c
SIZE = 2000
SECONDS = 60.0


@dataclass(frozen=True)
class Sample:
    keys: tuple[str, ...]
    """The sampled patients' search keys."""
    names: tuple[int, ...]
    """Indexes into ``keys`` in name order (family, given, id)."""
    mrns: tuple[int, ...]
    """Indexes into ``keys`` in MRN order."""
    total: int
    """About how many patients there are."""
    taken: float = field(default_factory=time.monotonic)

    memo: dict[tuple[str, ...], frozenset[int]] = field(default_factory=dict, compare=False)
    """Which sampled keys have every word of a search (computed once per search)."""

    def matching(self, words: list[str]) -> frozenset[int]:
        """Indexes of the sampled keys that have every word."""
        wanted = tuple(sorted(set(words)))
        found = self.memo.get(wanted)
        if found is None:
            keys: list[tuple[int, str]] = list(enumerate(self.keys))
            for word in wanted:
                keys = [(i, key) for i, key in keys if word in key]
            found = frozenset(i for i, _key in keys)
            if len(self.memo) > 1000:
                self.memo.clear()
            self.memo[wanted] = found
        return found

    def share(self, words: list[str]) -> float:
        """The share of sampled patients whose key has every word."""
        if not self.keys:
            return 0.0
        return len(self.matching(words)) / len(self.keys)

    def starting(self, words: list[str], word: str) -> float:
        """About how many patients match ``words`` with a key that begins with ``word``."""
        if not self.keys:
            return 0.0
        found = sum(1 for i in self.matching(words) if self.keys[i].startswith(word))
        return found / len(self.keys) * self.total

    def estimate(self, words: list[str]) -> float:
        """About how many patients match ``words``."""
        return self.share(words) * self.total

    def before(self, words: list[str], sort: str, descending: bool) -> float:
        """About how many patients come before the first match in a name or MRN order (other
        orders: 0, matches are taken to be spread through them)."""
        if sort not in ("name", "mrn") or not self.keys:
            return 0.0
        order = self.names if sort == "name" else self.mrns
        if descending:
            order = tuple(reversed(order))
        found = self.matching(words)
        for position, index in enumerate(order):
            if index in found:
                return position / len(order) * self.total
        return float(self.total)


    def selective_pieces(self, word: str) -> list[str]:
        """SQLite: the three-letter pieces of ``word`` that fewer than half the sampled keys
        have, rarest first (at most three), when the word also has pieces that most keys have;
        else none (the word is looked up whole). "demo-00042" as a phrase makes the trigram
        table step through "dem", "emo" and "mo-", each in every key, to wherever the matches
        are; its rarer pieces ("042", "004") find the same rows and a few more, which the word
        itself then rules out."""
        pieces = list(dict.fromkeys(word[i : i + 3] for i in range(len(word) - 2)))
        seen = {p: len(self.matching([p])) for p in pieces}
        selective = [p for p in pieces if seen[p] < len(self.keys) / 2]
        if not selective or len(selective) == len(pieces):
            return []
        return sorted(selective, key=lambda p: seen[p])[:3]

    def rare_pieces(self, word: str, count: int = 2) -> list[str]:
        """The ``count`` three-letter pieces of ``word`` (ASCII letters and digits, which the
        PostgreSQL trigram index keeps whole) that the fewest sampled keys have; none when the
        word has no more pieces than that. An MRN's "dem" and "000" are in every key: asking the
        index for "042" alone reads a short list instead of intersecting long ones."""
        pieces = list(dict.fromkeys(
            word[i : i + 3] for i in range(len(word) - 2)
            if word[i : i + 3].isascii() and word[i : i + 3].isalnum()
        ))  # fmt: skip
        if len(pieces) <= count:
            return []
        seen = {p: len(self.matching([p])) for p in pieces}
        return sorted(pieces, key=lambda p: seen[p])[:count]


def get(conn: Connection, cache: dict[str, Any]) -> Sample:
    """The store's sample, taken again when older than SECONDS."""
    kept = cache.get("search_sample")
    if isinstance(kept, Sample) and time.monotonic() - kept.taken <= SECONDS:
        return kept
    query = (select(P.search_key, P.family_name, P.given_name, P.id, P.mrn)
             .order_by(P.id).limit(SIZE))  # fmt: skip
    rows = [tuple(str(v or "") for v in r) for r in conn.execute(query)]
    names = sorted(range(len(rows)), key=lambda i: rows[i][1:4])
    mrns = sorted(range(len(rows)), key=lambda i: rows[i][4])
    sample = Sample(tuple(r[0] for r in rows), tuple(names), tuple(mrns), _total(conn, len(rows)))
    cache["search_sample"] = sample
    return sample


def _total(conn: Connection, sampled: int) -> int:
    """About how many patients there are (at least the sample)."""
    if sampled < SIZE:
        return sampled
    if conn.dialect.name == "sqlite":
        found = conn.execute(select(func.max(text("rowid"))).select_from(PATIENT)).scalar()
    else:
        found = conn.execute(
            text("SELECT reltuples FROM pg_class WHERE oid = 'patient'::regclass")
        ).scalar()
    return max(sampled, int(found or 0))

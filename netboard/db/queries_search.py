"""The patient search key: one normalised, lower-case text per patient for substring search.

Search is accent- and case-insensitive ("muller" finds "Müller") because the key and the typed
words pass through the same normalisation in Python, identically on SQLite and PostgreSQL.
Bulk loaders (demo data, import) use ``search_key_for`` to fill ``patient.search_key``.
"""

from __future__ import annotations

import unicodedata


def normalise(text: str) -> str:
    """Lower-case, without accents, with runs of white space made single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def search_key_for(family_name: str, given_name: str, mrn: str) -> str:
    """The value of ``patient.search_key`` for these fields."""
    return normalise(f"{family_name} {given_name} {mrn}")[:300]


def search_words(text: str) -> list[str]:
    """The words of a search; a patient matches when the key contains every word."""
    return normalise(text.replace(",", " ")).split()

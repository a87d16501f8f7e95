"""Search folds like a careful reader ("lukasz" finds "Łukasz"), and revision 0002 rewrites the
search keys stored before the fold knew the letters NFKD does not split (SQLite and PostgreSQL)."""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from db_helpers import patient_values

from netboard.db import operations as ops
from netboard.db import queries as q
from netboard.db.models import PatientRow
from netboard.db.store import Store

NAMES = [
    ("Łukaszewicz", "Łukasz", "ZZ-F-1"),
    ("Żółć-Brandt", "Ørjan", "ZZ-F-2"),
    ("Strauß", "Ægir", "ZZ-F-3"),
    ("Đorđević", "Œdipe", "ZZ-F-4"),
    ("Testperson", "Ada", "ZZ-F-5"),
]


def _old_key(family: str, given: str, mrn: str) -> str:
    """The search key as revision 0001's code wrote it (accents stripped, ł ø æ … kept)."""
    decomposed = unicodedata.normalize("NFKD", f"{family} {given} {mrn}")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())[:300]


def _add(store: Store) -> None:
    for family, given, mrn in NAMES:
        ops.create(store, "patient", patient_values(mrn, family, given_name=given))


def _found(store: Store, text: str) -> set[str]:
    return {f"{r.family_name}, {r.given_name}" for r in q.list_patients(store, search=text).rows}


def test_search_finds_letters_nfkd_does_not_split(store: Store) -> None:
    _add(store)
    assert _found(store, "lukasz") == {"Łukaszewicz, Łukasz"}
    assert _found(store, "LUKASZEWICZ lukasz") == {"Łukaszewicz, Łukasz"}
    assert _found(store, "zolc") == {"Żółć-Brandt, Ørjan"}
    assert _found(store, "orjan") == {"Żółć-Brandt, Ørjan"}
    assert _found(store, "strauss aegir") == {"Strauß, Ægir"}
    assert _found(store, "dordevic oedipe") == {"Đorđević, Œdipe"}
    assert _found(store, "Żółć") == {"Żółć-Brandt, Ørjan"}


def test_revision_0002_recomputes_stored_keys(store: Store) -> None:
    _add(store)
    store.downgrade("0001")
    with store.engine.begin() as conn:  # keys as the old code left them
        for family, given, mrn in NAMES:
            conn.execute(
                sa.update(PatientRow)
                .where(PatientRow.mrn == mrn)
                .values(search_key=_old_key(family, given, mrn))
            )
    assert _found_raw(store, "lukasz") == set()  # the failure the revision repairs
    store.upgrade()
    assert store.current_revision() == store.head_revision()
    with store.read() as conn:
        keys = dict(conn.execute(sa.select(PatientRow.mrn, PatientRow.search_key)).all())
    assert keys == {
        "ZZ-F-1": "lukaszewicz lukasz zz-f-1",
        "ZZ-F-2": "zolc-brandt orjan zz-f-2",
        "ZZ-F-3": "strauss aegir zz-f-3",
        "ZZ-F-4": "dordevic oedipe zz-f-4",
        "ZZ-F-5": "testperson ada zz-f-5",
    }
    assert _found(store, "lukasz") == {"Łukaszewicz, Łukasz"}


def _found_raw(store: Store, word: str) -> set[str]:
    with store.read() as conn:
        rows = conn.execute(
            sa.select(PatientRow.mrn).where(PatientRow.search_key.contains(word))
        ).all()
    return {r.mrn for r in rows}

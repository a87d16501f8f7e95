"""Reads: the patient list (paging, sorting, filtering, search) checked against a plain Python
sort of the same rows, the next meeting and its agenda flag, reviews, actions, meetings."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum

import pytest
from db_helpers import SAMPLES, make_case, patient_values, soon

from netboard.db import operations as ops
from netboard.db import queries as q
from netboard.db import queries_patient_list
from netboard.db.operations import refresh_patient_lists
from netboard.db.queries import GRADE_ORDER, search_key_for
from netboard.db.queries_rows import PATHOLOGY, PATIENT, TUMOR
from netboard.db.store import Store
from netboard.domain import vocab as v
from netboard.domain.grading import grade_for

FAMILIES = ["Ashdown", "Birchall", "Müller", "Crane", "de Vries", "Ashdown", "Östlund", "Zed"]
GIVEN = ["Ada", "Bo", "Cy", "Di", "Ed", ""]


@dataclass
class Fake:
    id: str
    mrn: str
    family: str
    given: str
    birth: date | None
    status: v.PatientStatus
    site: v.PrimarySite | None
    ki67: float | None
    grade: v.Grade | None


def _bulk(store: Store, n: int = 90, seed: int = 7) -> list[Fake]:
    """Insert patients (some with a tumor and a specimen) with Core, as the demo loader does."""
    rnd = random.Random(seed)
    now = datetime.now(UTC)
    fakes: list[Fake] = []
    patients, tumors, specimens = [], [], []
    for i in range(n):
        pid = str(uuid.UUID(int=rnd.getrandbits(128)))
        family, given = rnd.choice(FAMILIES), rnd.choice(GIVEN)
        mrn = f"ZZ{i:05d}" if i % 10 else f"ZZ%_{i:03d}"
        birth = None if i % 7 == 0 else date(1940, 1, 1) + timedelta(days=rnd.randint(0, 20000))
        status = rnd.choice(list(v.PatientStatus))
        site = None if i % 5 == 0 else rnd.choice(list(v.PrimarySite)[:4])
        ki67 = None
        grade = None
        if site is not None:
            tid = str(uuid.uuid4())
            tumors.append(
                {
                    "id": tid,
                    "patient_id": pid,
                    "primary_site": site,
                    "histology": "net",
                    "functional_syndrome": "none",
                    "hereditary_syndrome": "none",
                    "notes": "",
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            if i % 3:
                ki67 = round(rnd.uniform(0, 40), 1)
                grade = grade_for(site, ki67, None)
                specimens.append({"id": str(uuid.uuid4()), "tumor_id": tid,
                                  "date": date(2022, 1, 1), "specimen_site": "", "ki67": ki67,
                                  "necrosis": False,
                                  "grade": grade, "notes": "", "version": 1, "created_at": now,
                                  "updated_at": now})  # fmt: skip
        patients.append({
            "id": pid, "mrn": mrn, "family_name": family, "given_name": given, "birth_date": birth,
            "sex": "unknown", "status": status, "home_institution": "", "treating_physician": "",
            "nurse_navigator": "", "notes": "", "search_key": search_key_for(family, given, mrn),
            "version": 1, "created_at": now, "updated_at": now,
        })  # fmt: skip
        fakes.append(Fake(pid, mrn, family, given, birth, status, site, ki67, grade))
    with store.engine.begin() as conn:
        conn.execute(PATIENT.insert(), patients)
        conn.execute(TUMOR.insert(), tumors)
        conn.execute(PATHOLOGY.insert(), specimens)
        refresh_patient_lists(conn)
    return fakes


def _rank(order: tuple[Enum, ...], value: Enum | None) -> int:
    return len(order) if value is None else order.index(value)


def _expected(fakes: list[Fake], sort: str, descending: bool) -> list[str]:
    def name(f: Fake) -> tuple[str, str, str]:
        return (f.family, f.given, f.id)

    if sort == "name":
        return [f.id for f in sorted(fakes, key=name, reverse=descending)]
    if sort == "mrn":
        return [f.id for f in sorted(fakes, key=lambda f: f.mrn, reverse=descending)]
    enum_orders: dict[str, tuple[tuple[Enum, ...], str]] = {
        "site": (tuple(v.PrimarySite), "site"),
        "grade": (GRADE_ORDER, "grade"),
        "status": (tuple(v.PatientStatus), "status"),
    }
    if sort in enum_orders:
        order, attr = enum_orders[sort]
        groups: dict[int, list[Fake]] = {}
        for f in fakes:
            groups.setdefault(_rank(order, getattr(f, attr)), []).append(f)
        ranks = sorted(r for r in groups if r < len(order))
        ranks = [*(reversed(ranks) if descending else ranks), len(order)]
        return [f.id for r in ranks for f in sorted(groups.get(r, []), key=name,
                                                    reverse=descending)]  # fmt: skip
    attr = {"birth_date": "birth", "ki67": "ki67"}[sort]
    present = [f for f in fakes if getattr(f, attr) is not None]
    missing = [f for f in fakes if getattr(f, attr) is None]
    present.sort(key=lambda f: (getattr(f, attr), *name(f)), reverse=descending)
    missing.sort(key=name, reverse=descending)
    return [f.id for f in present + missing]


def _all_pages(store: Store, page: int, **kw: object) -> tuple[list[str], set[int]]:
    ids: list[str] = []
    totals: set[int] = set()
    offset = 0
    while True:
        result = q.list_patients(store, offset=offset, limit=page, **kw)  # type: ignore[arg-type]
        totals.add(result.total)
        assert result.offset == offset
        if not result.rows:
            return ids, totals
        ids.extend(r.id for r in result.rows)
        offset += page


SORTS = ["name", "mrn", "birth_date", "site", "grade", "ki67", "status"]


def test_list_matches_a_python_sort(store: Store) -> None:
    fakes = _bulk(store)
    for sort in SORTS:
        for descending in (False, True):
            ids, totals = _all_pages(store, 13, sort=sort, descending=descending)
            assert ids == _expected(fakes, sort, descending), (sort, descending)
            assert totals == {len(fakes)}


@pytest.fixture(params=["few", "many"])
def match_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test both ways a filtered list is read: matches sorted by id ("few"), or the sort
    index walked with each row tested ("many", forced here by a tiny threshold)."""
    if request.param == "many":
        monkeypatch.setattr(queries_patient_list, "FEW", 3)
    return str(request.param)


def test_filtered_list_matches_a_python_sort(store: Store, match_path: str) -> None:
    fakes = _bulk(store)
    active = [f for f in fakes if f.status in (v.PatientStatus.ACTIVE, v.PatientStatus.DECEASED)]
    named = [f for f in fakes if "a" in f"{f.family} {f.given} {f.mrn}".lower()]
    assert len(active) > 3 and len(named) > 3
    for sort in SORTS:
        for descending in (False, True):
            ids, totals = _all_pages(store, 7, sort=sort, descending=descending,
                                     status=["active", "deceased"])  # fmt: skip
            assert ids == _expected(active, sort, descending), (match_path, sort, descending)
            assert totals == {len(active)}
            ids, totals = _all_pages(store, 7, sort=sort, descending=descending, search="A")
            assert ids == _expected(named, sort, descending), (match_path, sort, descending)
            assert totals == {len(named)}


def test_list_rows_carry_the_list_columns(store: Store) -> None:
    fakes = {f.id: f for f in _bulk(store, n=30)}
    page = q.list_patients(store, limit=100)
    assert page.total == 30 and len(page.rows) == 30
    for row in page.rows:
        fake = fakes[row.id]
        assert (row.mrn, row.family_name, row.given_name, row.birth_date, row.status) == (
            fake.mrn, fake.family, fake.given, fake.birth, fake.status,
        )  # fmt: skip
        assert (row.primary_site, row.ki67, row.grade) == (fake.site, fake.ki67, fake.grade)
        assert row.on_next_agenda is False


def test_filters_and_search(store: Store, match_path: str) -> None:
    fakes = _bulk(store)
    lung_or_pancreas = {v.PrimarySite.PANCREAS, v.PrimarySite.SMALL_INTESTINE}
    ids, totals = _all_pages(store, 7, site=["pancreas", v.PrimarySite.SMALL_INTESTINE])
    expected = [f.id for f in sorted(fakes, key=lambda f: (f.family, f.given, f.id))
                if f.site in lung_or_pancreas]  # fmt: skip
    assert ids == expected and totals == {len(expected)}
    g2 = [f for f in fakes if f.grade == v.Grade.G2 and f.status == v.PatientStatus.ACTIVE]
    page = q.list_patients(store, grade=v.Grade.G2, status="active", limit=500)
    assert sorted(r.id for r in page.rows) == sorted(f.id for f in g2) and page.total == len(g2)

    def found(text: str) -> set[str]:
        return {r.id for r in q.list_patients(store, search=text, limit=500).rows}

    # Case and accents do not matter; every word must match; MRN substrings work.
    assert found("muller") == found("MÜLLER") == {f.id for f in fakes if f.family == "Müller"}
    assert found("ostlund") == {f.id for f in fakes if f.family == "Östlund"}
    assert found("ashdown ada") == {
        f.id for f in fakes if (f.family, f.given) == ("Ashdown", "Ada")
    }
    assert found("zz0001") == {f.id for f in fakes if "ZZ0001" in f.mrn}
    # % and _ are plain characters, not wildcards.
    assert found("%_") == {f.id for f in fakes if "%_" in f.mrn}
    assert 0 < len(found("%_")) < len(fakes)
    assert found("nobody-has-this") == set()
    assert q.list_patients(store, search="nobody-has-this").total == 0


def test_paging_edges(store: Store) -> None:
    _bulk(store, n=20)
    assert q.list_patients(store, offset=15, limit=10).total == 20
    assert len(q.list_patients(store, offset=15, limit=10).rows) == 5
    beyond = q.list_patients(store, offset=40, limit=10)
    assert beyond.rows == () and beyond.total == 20
    assert q.list_patients(store, limit=0).total == 20
    assert q.list_patients(store, sort="grade", offset=18, limit=10).total == 20
    with pytest.raises(ValueError, match="unknown sort 'height'"):
        q.list_patients(store, sort="height")


def test_next_meeting_and_its_agenda(store: Store) -> None:
    now = datetime.now(UTC)
    a, b, c, d = (ops.create(store, "patient", patient_values(f"ZZ-{i}", family=f"P{i}"))
                  for i in range(4))  # fmt: skip
    past = ops.create(store, "meeting", {"starts_at": now - timedelta(days=7), "title": "Past"})
    stale = ops.create(store, "meeting", {"starts_at": now - timedelta(days=2), "title": "Stale"})
    nxt = ops.create(store, "meeting", {"starts_at": now + timedelta(days=3), "title": "Next"})
    later = ops.create(store, "meeting", {"starts_at": now + timedelta(days=10), "title": "Later"})
    ops.add_to_agenda(store, past, a)
    ops.add_to_agenda(store, stale, d)
    ops.set_meeting_status(store, past, "finalized")
    ops.add_to_agenda(store, nxt, b)
    ops.add_to_agenda(store, later, c)
    assert q.next_meeting(store, now) is not None
    assert q.next_meeting(store, now).id == nxt  # type: ignore[union-attr]
    flags = {r.id: r.on_next_agenda for r in q.list_patients(store).rows}
    assert flags == {a: False, b: True, c: False, d: False}
    only = q.list_patients(store, on_next_agenda=True)
    assert [r.id for r in only.rows] == [b] and only.total == 1
    # Once the next meeting is finalized, the one after it is next.
    ops.set_meeting_status(store, nxt, "finalized")
    assert [r.id for r in q.list_patients(store, on_next_agenda=True).rows] == [c]
    assert [m.id for m in q.list_meetings(store, upcoming=True, now=now)] == [nxt, later]
    assert [m.id for m in q.list_meetings(store, upcoming=False, now=now)] == [stale, past]
    assert [m.id for m in q.list_meetings(store)] == [past, stale, nxt, later]
    assert q.next_meeting(store, now + timedelta(days=30)) is None
    assert q.list_patients(store, on_next_agenda=True, now=now + timedelta(days=30)).total == 0


def test_find_meeting_by_id_or_day(store: Store) -> None:
    starts = datetime(2026, 5, 4, 15, 30).astimezone()
    first = ops.create(store, "meeting", {"starts_at": starts, "title": "Afternoon"})
    ops.create(store, "meeting", {"starts_at": starts + timedelta(hours=2), "title": "Evening"})
    found = q.find_meeting(store, "2026-05-04")
    assert found is not None and found.id == first and found.title == "Afternoon"
    assert q.find_meeting(store, first) == found
    assert q.find_meeting(store, "2026-05-05") is None
    assert q.find_meeting(store, "next tuesday") is None
    assert q.find_meeting(store, str(uuid.uuid4())) is None


def test_find_patient_and_get_patient(store: Store) -> None:
    pid = ops.create(store, "patient", patient_values("ZZ-77"))
    found = q.find_patient(store, " ZZ-77 ")
    assert found is not None and found.id == pid and found.display_name == "Testperson, Ada"
    assert q.get_patient(store, pid) == found
    assert q.find_patient(store, "ZZ-7") is None


def test_overdue_reviews(store: Store) -> None:
    today = date(2026, 6, 1)
    due = make_case(store, "ZZ-DUE", meeting_days=-40)  # next review 2026-09-01 (SAMPLES)
    ops.update(store, "decision", due.decision, {"next_review": date(2026, 5, 1)},
               expected_version=1)  # fmt: skip
    ops.set_meeting_status(store, due.meeting, "finalized")
    scheduled = make_case(store, "ZZ-SCHEDULED", meeting_days=-40)
    ops.update(store, "decision", scheduled.decision, {"next_review": date(2026, 4, 1)},
               expected_version=1)  # fmt: skip
    ops.set_meeting_status(store, scheduled.meeting, "finalized")
    upcoming = ops.create(store, "meeting", {"starts_at": soon(5), "title": "Upcoming"})
    ops.add_to_agenda(store, upcoming, scheduled.patient)
    not_yet = make_case(store, "ZZ-NOT-YET", meeting_days=-40)  # review 2026-09-01
    ops.set_meeting_status(store, not_yet.meeting, "finalized")
    deceased = make_case(store, "ZZ-DECEASED", meeting_days=-40)
    ops.update(store, "decision", deceased.decision, {"next_review": date(2026, 1, 1)},
               expected_version=1)  # fmt: skip
    ops.update(store, "patient", deceased.patient, {"status": "deceased"}, expected_version=1)
    result = q.overdue_reviews(store, today)
    assert [(p.id, when) for p, when in result] == [(due.patient, date(2026, 5, 1))]


def test_open_action_items(store: Store) -> None:
    ids = make_case(store)
    second = ops.create(
        store, "action",
        {"discussion_id": ids.discussion, "description": "Book SSTR PET.",
         "due_date": date(2026, 7, 1)},
    )  # fmt: skip
    ops.create(store, "action", {"discussion_id": ids.discussion, "description": "No date."})
    done = ops.create(store, "action", {"discussion_id": ids.discussion, "description": "Done.",
                                        "done": True})  # fmt: skip
    items = q.open_action_items(store)
    assert [a.description for a, _p, _m in items] == [
        "Book SSTR PET.", SAMPLES["action"]["description"], "No date.",
    ]  # fmt: skip
    assert {(p.id, m.id) for _a, p, m in items} == {(ids.patient, ids.meeting)}
    assert done not in {a.id for a, _p, _m in items} and second in {a.id for a, _p, _m in items}


def test_audit_log_newest_first_with_limit(store: Store) -> None:
    pid = ops.create(store, "patient", patient_values())
    for n in range(3):
        ops.update(store, "patient", pid, {"notes": f"note {n}"}, expected_version=n + 1)
    log = q.audit_log(store, limit=2)
    assert [e.changes["notes"][1] for e in log] == ["note 2", "note 1"]
    assert len(q.audit_log(store, entity_id=pid)) == 4
    assert q.audit_log(store, entity_id="someone-else") == []


def test_ticking_an_action_done_after_finalization_is_an_audited_status_change(
    store: Store,
) -> None:
    """Issue 12: a finalized meeting's action item can be ticked done; nothing else of the
    record changes, the audit log says who did it, and the open-actions list agrees."""
    from netboard.db.errors import ConflictError, FinalizedError

    ids = make_case(store, meeting_days=-10)
    ops.set_meeting_status(store, ids.meeting, "finalized")
    with pytest.raises(FinalizedError):  # an edit of the record stays refused
        ops.update(store, "action", ids.action, {"description": "Changed."}, expected_version=1)
    with pytest.raises(FinalizedError):
        ops.update(store, "action", ids.action, {"done": True}, expected_version=1)
    assert ids.action in {a.id for a, _p, _m in q.open_action_items(store)}
    version = ops.set_action_done(store, ids.action, True, expected_version=1)
    assert version == 2
    assert ids.action not in {a.id for a, _p, _m in q.open_action_items(store)}
    item = next(a for a in q.get_meeting(store, ids.meeting).agenda[0].discussion.actions)
    assert item.done and item.description == SAMPLES["action"]["description"]
    entry = q.audit_log(store, entity_id=ids.action)[0]
    assert (entry.action, entry.who) == ("status", store.user)
    assert entry.changes == {"done": (False, True)}
    assert ops.set_action_done(store, ids.action, True) == 2  # no change: nothing written
    with pytest.raises(ConflictError):
        ops.set_action_done(store, ids.action, False, expected_version=1)
    assert ops.set_action_done(store, ids.action, False, expected_version=2) == 3
    assert ids.action in {a.id for a, _p, _m in q.open_action_items(store)}


def test_one_next_review_everywhere_the_latest_decisions(store: Store) -> None:
    """Issue 12: the overview, the patient list, the start page and Follow-up (overdue_reviews)
    all use the latest decision's review date; an earlier board's date stops counting."""
    from netboard.domain.board.overview_html import _review

    today = date(2026, 6, 1)

    def two_boards(mrn: str, later_review: date | None) -> str:
        ids = make_case(store, mrn, meeting_days=-300)
        ops.update(store, "decision", ids.decision, {"next_review": date(2025, 10, 21)},
                   expected_version=1)  # fmt: skip
        ops.set_meeting_status(store, ids.meeting, "finalized")
        later = ops.create(store, "meeting", {"starts_at": soon(-100), "title": "Later board"})
        disc = ops.add_to_agenda(store, later, ids.patient)
        ops.create(store, "decision", {
            "discussion_id": disc, "recommendation": "Continuation.", "agreement": "consensus",
            "next_review": later_review})  # fmt: skip
        ops.set_meeting_status(store, later, "finalized")
        return ids.patient

    def everywhere(patient_id: str, mrn: str) -> tuple[object, ...]:
        case = q.get_case(store, patient_id)
        listed = q.list_patients(store, search=mrn).rows[0].next_review
        overdue = [when for p, when in q.overdue_reviews(store, today) if p.id == patient_id]
        return case.next_review, listed, overdue, _review(case, today)

    # The later board set no date: no screen may show the earlier board's as overdue.
    none_set = two_boards("ZZ-NONE", None)
    assert everywhere(none_set, "ZZ-NONE") == (None, None, [], "none set by the last board")
    dated = two_boards("ZZ-DATED", date(2026, 5, 20))
    review, listed, overdue, text = everywhere(dated, "ZZ-DATED")
    assert review == listed == date(2026, 5, 20) and overdue == [date(2026, 5, 20)]
    assert "20 May 2026" in text and "12 days overdue" in text


def test_recording_a_decision_marks_a_pending_case_discussed(store: Store) -> None:
    """Issue 12: a case with a decision no longer reads 'Pending' (screen and summary)."""
    mid = ops.create(store, "meeting", {"starts_at": soon(2), "title": "Board"})
    first = ops.add_to_agenda(store, mid, ops.create(store, "patient", patient_values("ZZ-S1")))
    deferred = ops.add_to_agenda(store, mid, ops.create(store, "patient",
                                                        patient_values("ZZ-S2")))
    ops.update(store, "discussion", deferred, {"status": "deferred"}, expected_version=1)
    for disc in (first, deferred):
        ops.create(store, "decision", {"discussion_id": disc, "recommendation": "SSA.",
                                       "agreement": "consensus"})  # fmt: skip
    agenda = {i.discussion.id: i.discussion.status for i in q.get_meeting(store, mid).agenda}
    assert agenda == {first: v.DiscussionStatus.DISCUSSED, deferred: v.DiscussionStatus.DEFERRED}
    assert q.audit_log(store, entity_id=first)[0].changes == {"status": ("pending", "discussed")}

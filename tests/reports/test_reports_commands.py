"""Reports from a real SQLite database: the store wrappers and ``netboard report ...``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from privacy_oracle import leaks, visible
from report_checks import all_text, image_xobjects, page_texts

from netboard import cli
from netboard.config import sqlite_url
from netboard.db import queries
from netboard.db.errors import NotFoundError
from netboard.db.store import Store
from netboard.demo import DEMO_TODAY, write_demo
from netboard.domain.snapshot import Meeting, MeetingSnapshot
from netboard.domain.vocab import MeetingStatus
from netboard.domain.wording import local_day
from netboard.reports import api

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reportdb") / "demo.sqlite"
    store = Store.open(sqlite_url(path), user="report-test")
    try:
        write_demo(store, 30, seed=3, today=DEMO_TODAY)
    finally:
        store.close()
    return path


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    opened = Store.open(sqlite_url(db), user="report-test")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def meeting_id(db: Path) -> str:
    """A finalized meeting with a handful of cases (enough to test, quick to print)."""
    opened = Store.open(sqlite_url(db), user="report-test")
    try:
        meetings: list[Meeting] = [
            m for m in queries.list_meetings(opened) if m.status == MeetingStatus.FINALIZED
        ]
        sizes = {m.id: len(queries.get_meeting(opened, m.id).agenda) for m in meetings}
    finally:
        opened.close()
    return min((m for m in sizes if sizes[m] >= 3), key=lambda m: abs(sizes[m] - 4))


def finalized(store: Store, meeting_id: str) -> MeetingSnapshot:
    return queries.get_meeting(store, meeting_id)


def test_meeting_summary_from_the_database(store: Store, meeting_id: str, tmp_path: Path) -> None:
    snapshot = finalized(store, meeting_id)
    assert snapshot.agenda
    out = api.meeting_summary(store, snapshot.meeting.id, tmp_path / "m.pdf")
    text = all_text(out)
    for item in snapshot.agenda:
        assert item.patient.display_name in text
        assert item.patient.mrn in text
    assert image_xobjects(out) == 0
    pages = page_texts(out)
    assert f"page {len(pages)} of {len(pages)}" in pages[-1]


def test_deidentified_summary_from_the_database(
    store: Store, meeting_id: str, tmp_path: Path
) -> None:
    snapshot = finalized(store, meeting_id)
    out = api.meeting_summary(store, snapshot.meeting.id, tmp_path / "d.pdf", deidentified=True)
    text = all_text(out)
    # demo clinicians share given and family names with patients: they print as written
    staff = [snapshot.meeting.chair, *(a.person for a in snapshot.attendance)]
    for item in snapshot.agenda:
        staff += [item.discussion.presenter, *(a.owner for a in item.discussion.actions)]
        staff += [a.author for a in item.discussion.addenda]
    staff = [s for s in staff if s]
    for name in staff:
        assert name in text, name
    assert not leaks(visible([text], staff), [item.patient for item in snapshot.agenda])


def test_handout_and_case_sheet_from_the_database(
    store: Store, meeting_id: str, tmp_path: Path
) -> None:
    snapshot = finalized(store, meeting_id)
    item = next(i for i in snapshot.agenda if i.discussion.decision is not None)
    handout = api.patient_handout(
        store, item.patient.id, tmp_path / "h.pdf", meeting_id=snapshot.meeting.id
    )
    text = all_text(handout)
    assert "What the team recommends" in text and item.patient.family_name in text
    others = [i.patient for i in snapshot.agenda if i.patient.id != item.patient.id]
    for other in others:
        assert other.mrn not in text
    sheet = api.case_sheet(store, item.patient.id, tmp_path / "c.pdf", today=DEMO_TODAY)
    assert "Readiness check" in all_text(sheet)


def test_missing_records_raise_not_found(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        api.meeting_summary(store, "00000000-0000-0000-0000-000000000000", tmp_path / "x.pdf")
    with pytest.raises(NotFoundError):
        api.case_sheet(store, "00000000-0000-0000-0000-000000000000", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def run_cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBOARD_")}
    env.update({"NETBOARD_DATA_DIR": str(tmp_path / "data"), "NETBOARD_USER": "cli-test"})
    return subprocess.run(
        [sys.executable, "-m", "netboard", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def test_cli_report_commands(db: Path, store: Store, meeting_id: str, tmp_path: Path) -> None:
    snapshot = finalized(store, meeting_id)
    day = local_day(snapshot.meeting.starts_at).isoformat()
    item = next(i for i in snapshot.agenda if i.discussion.decision is not None)
    url = sqlite_url(db)
    runs = {
        "meeting.pdf": ("report", "meeting", day, "--deidentified"),
        "handout.pdf": ("report", "handout", item.patient.mrn, "--meeting", snapshot.meeting.id),
        "case.pdf": ("report", "case", item.patient.mrn),
    }
    for name, args in runs.items():
        out = tmp_path / name
        result = run_cli("--db", url, *args, "-o", str(out), tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr
        assert f"Wrote {out}" in result.stdout
        assert page_texts(out)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("report", "case", "NO-SUCH-MRN"), "patient with MRN NO-SUCH-MRN was not found"),
        (("report", "meeting", "1999-01-01"), "meeting 1999-01-01 was not found"),
        (("report", "handout", "NO-SUCH-MRN"), "patient with MRN NO-SUCH-MRN was not found"),
    ],
)
def test_cli_missing_records_are_one_line_errors(
    db: Path,
    tmp_path: Path,
    args: tuple[str, ...],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = cli.main(["--db", sqlite_url(db), *args, "-o", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and message in err[0]
    assert not (tmp_path / "x.pdf").exists()


def test_cli_unwritable_output_is_refused_before_reading(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "folder" / "x.pdf"
    code = cli.main(["--db", sqlite_url(db), "report", "case", "NO-SUCH-MRN", "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 1 and "does not exist" in err and "MRN" not in err


def test_cli_does_not_create_a_database_for_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo.sqlite"
    code = cli.main(
        ["--db", sqlite_url(missing), "report", "case", "X", "-o", str(tmp_path / "x.pdf")]
    )
    assert code == 1 and not missing.exists()
    assert capsys.readouterr().err.strip()


def test_agenda_case_sheets_follow_the_agenda(
    store: Store, meeting_id: str, tmp_path: Path
) -> None:
    snapshot = finalized(store, meeting_id)
    out = api.agenda_case_sheets(store, meeting_id, tmp_path / "agenda.pdf")
    pages = page_texts(out)
    order = sorted(snapshot.agenda, key=lambda i: i.discussion.position)
    firsts = [
        next(k for k, page in enumerate(pages) if f"MRN {i.patient.mrn}" in page) for i in order
    ]
    assert firsts == sorted(firsts)
    day = local_day(snapshot.meeting.starts_at)
    assert day.strftime("%d %b %Y") in pages[0]  # '04 Dec 2026': the one date format

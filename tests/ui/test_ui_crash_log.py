"""Logs and crash reports: errors are recorded and shown, patient data never reaches the log."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import insert

from netboard import logs
from netboard.db import models as m
from netboard.db import operations as ops
from netboard.db.store import Store
from netboard.ui.crash import CrashReporter
from tests.db.db_helpers import patient_values

FAMILY, GIVEN, MRN = "Quolvenstrand", "Ysoldemarie", "ZQX-MARKER-4471"
BIRTH = date(1937, 2, 19)
SECRETS = (FAMILY, GIVEN, MRN, BIRTH.isoformat(), "1937")


@pytest.fixture()
def log_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "logs"
    handler = logs.file_handler(folder)
    root, netboard_logger = logging.getLogger(), logging.getLogger("netboard")
    level = netboard_logger.level
    root.addHandler(handler)
    netboard_logger.setLevel(logging.INFO)
    try:
        yield folder
    finally:
        root.removeHandler(handler)
        handler.close()
        netboard_logger.setLevel(level)


def _failures(store: Store) -> list[BaseException]:
    """Real failing operations on the marker patient, each carrying patient data in its text."""
    caught: list[BaseException] = []
    values = patient_values(mrn=MRN, family=FAMILY, given_name=GIVEN, birth_date=BIRTH)
    pid = ops.create(store, "patient", values)
    for attempt in (
        lambda: ops.create(store, "patient", values),  # the MRN is taken
        lambda: _insert_raw(store, pid, values),  # the database refuses, quoting parameters
    ):
        try:
            attempt()
        except Exception as exc:
            caught.append(exc)
    return caught


def _insert_raw(store: Store, pid: str, values: dict[str, object]) -> None:
    table = m.PatientRow.__table__
    row = {c.name: values[c.name] for c in table.columns if c.name in values}
    with store.engine.begin() as conn:
        conn.execute(insert(table).values(id=pid, version=1, **row))


def test_no_patient_data_reaches_the_log(qtbot, tmp_path, log_folder) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(f"sqlite:///{tmp_path / 'crash.sqlite'}", user="test-user")
    try:
        failures = _failures(store)
    finally:
        store.close()
    assert len(failures) == 2
    assert all(any(s in str(e) for s in SECRETS) for e in failures), failures  # really in there
    reporter = CrashReporter(None, log_folder / logs.LOG_FILE)
    for exc in failures:  # what the window's hook does with an error that escaped a slot
        reporter.handle(type(exc), exc, exc.__traceback__)
    logging.getLogger("netboard.test").exception("during a test", exc_info=failures[1])
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert str(log_folder / logs.LOG_FILE) in reporter.dialog.text()
    reporter.dialog.close()

    text = (log_folder / logs.LOG_FILE).read_text(encoding="utf-8")
    assert "ValidationError" in text and "IntegrityError" in text
    assert "test_ui_crash_log.py" in text and logs.WITHHELD in text  # where, not what
    for secret in SECRETS:
        assert secret not in text, secret


def test_the_hook_keeps_the_window_alive_and_says_where_the_log_is(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    reporter = CrashReporter(None, tmp_path / "netboard.log")
    reporter.install()
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        reporter.uninstall()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    text = reporter.dialog.text()
    assert "RuntimeError" in text and str(tmp_path / "netboard.log") in text
    assert "not affected" in text
    reporter.dialog.close()
    assert sys.excepthook is not reporter.handle


def test_a_hard_crash_is_written_to_crash_log(tmp_path: Path) -> None:
    env = {**os.environ, "NETBOARD_LOG_DIR": str(tmp_path)}
    env.pop("PYTHONFAULTHANDLER", None)
    code = ("from netboard.logs import start_logging; start_logging(crash_log=True); "
            "import faulthandler; faulthandler._sigsegv()")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            timeout=60)
    assert result.returncode != 0
    crash = (tmp_path / logs.CRASH_FILE).read_text(encoding="utf-8")
    assert "Segmentation fault" in crash and "<string>" in crash


def test_the_log_rotates_in_the_log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETBOARD_LOG_DIR", str(tmp_path / "here"))
    assert logs.log_dir() == tmp_path / "here"
    monkeypatch.delenv("NETBOARD_LOG_DIR")
    monkeypatch.setenv("NETBOARD_DATA_DIR", str(tmp_path / "data"))
    assert logs.log_dir() == tmp_path / "data" / "logs"
    handler = logs.file_handler(tmp_path)
    assert handler.maxBytes == logs.MAX_BYTES and handler.backupCount == logs.BACKUPS
    handler.close()

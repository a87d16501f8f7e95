"""The ``netboard`` command, run as users run it (``python -m netboard`` in a subprocess).

Every run gets its own data folder (NETBOARD_DATA_DIR) so nothing touches the real one.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from netboard import cli, config
from netboard.db.store import Store, head_revision
from netboard.demo import patient_count

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, data: Path, env: dict[str, str] | None = None,
        module: bool = True) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NETBOARD_")}
    environment.update({"NETBOARD_DATA_DIR": str(data), "NETBOARD_USER": "cli-test"})
    environment.update(env or {})
    command = [sys.executable, "-m", "netboard"] if module else [sys.executable, "main.py"]
    return subprocess.run([*command, *args], capture_output=True, text=True, env=environment,
                          cwd=ROOT, timeout=300, check=False)


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed run (no traceback)."""
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("netboard: error: ")
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def test_version_and_help(data: Path) -> None:
    version = run("--version", data=data)
    assert version.returncode == 0
    assert version.stdout.strip() == f"netboard {cli.version()}"
    assert cli.version()[0].isdigit()
    helptext = run("--help", data=data)
    assert helptext.returncode == 0
    for word in ("demo", "db", "backup", "--db", "--demo"):
        assert word in helptext.stdout
    assert not data.exists()  # asking for help creates nothing


def test_main_py_is_the_same_command(data: Path) -> None:
    result = run("--version", data=data, module=False)
    assert result.returncode == 0
    assert result.stdout.strip() == f"netboard {cli.version()}"


def test_demo_then_db_current(tmp_path: Path, data: Path) -> None:
    target = tmp_path / "board.sqlite"
    made = run("--db", url(target), "demo", "--patients", "50", "--seed", "4", data=data)
    assert made.returncode == 0, made.stderr
    assert "Wrote 50 demo patients (seed 4)" in made.stdout
    assert "50/50" in made.stderr
    current = run("--db", url(target), "db", "current", data=data)
    assert current.returncode == 0, current.stderr
    assert f"current:  {head_revision()}" in current.stdout
    assert f"head:     {head_revision()}" in current.stdout
    assert "up to date" in current.stdout
    assert "search:   indexed (FTS5 trigram table)" in current.stdout
    reindex = run("--db", url(target), "db", "reindex-search", data=data)
    assert reindex.returncode == 0, reindex.stderr
    assert "patient search indexed (FTS5 trigram table)" in reindex.stdout
    upgrade = run("--db", url(target), "db", "upgrade", data=data)
    assert upgrade.returncode == 0 and "up to date" in upgrade.stdout
    with Store.open(url(target), user="t") as store:
        assert patient_count(store) == 50


def test_demo_goes_to_the_demo_database_never_the_real_one(tmp_path: Path, data: Path) -> None:
    elsewhere = tmp_path / "from-env.sqlite"
    result = run("demo", "--patients", "20", data=data,
                 env={"NETBOARD_DATABASE_URL": url(elsewhere)})
    assert result.returncode == 0, result.stderr
    assert (data / "demo.sqlite").is_file()
    assert not (data / "netboard.sqlite").exists()
    assert not elsewhere.exists()
    again = run("demo", "--patients", "20", data=data)
    assert "already holds demo patients" in one_error_line(again)
    current = run("--demo", "db", "current", data=data)  # --demo points any command at it
    assert current.returncode == 0 and str(data / "demo.sqlite") in current.stdout


def test_demo_refuses_a_database_with_patients_unless_forced(tmp_path: Path, data: Path) -> None:
    target = tmp_path / "real.sqlite"
    from netboard.db import operations

    with Store.open(url(target), user="t") as store:
        operations.create(store, "patient", {"mrn": "REAL-7", "family_name": "Tavellund"})
    refused = run("--db", url(target), "demo", "--patients", "5", data=data)
    assert "already holds 1 patients" in one_error_line(refused)
    forced = run("--db", url(target), "demo", "--patients", "5", "--force", data=data)
    assert forced.returncode == 0, forced.stderr
    with Store.open(url(target), user="t") as store:
        assert patient_count(store) == 6


def test_random_bytes_give_one_line_and_stay_untouched(tmp_path: Path, data: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    content = os.urandom(8192)
    junk.write_bytes(content)
    for args in (("db", "current"), ("demo", "--patients", "3"), ("backup", str(tmp_path / "b"))):
        line = one_error_line(run("--db", url(junk), *args, data=data))
        assert str(junk) in line and "not a NETboard database" in line
    assert junk.read_bytes() == content


def test_missing_file_is_reported_and_not_created(tmp_path: Path, data: Path) -> None:
    missing = tmp_path / "nowhere" / "none.sqlite"
    line = one_error_line(run("--db", url(missing), "db", "current", data=data))
    assert str(missing) in line
    assert not missing.exists() and not missing.parent.exists()
    for args in (("db", "current"), ("backup", str(tmp_path / "copy.sqlite"))):
        one_error_line(run(*args, data=data))  # the default database does not exist yet
    assert not data.exists()  # and its folder was not created either


def test_unreachable_server_gives_one_line(data: Path) -> None:
    line = one_error_line(run("--db", "postgresql+psycopg://nobody@127.0.0.1:9/none",
                              "db", "current", data=data))
    assert "Cannot connect" in line


def test_backup_is_a_readable_copy(tmp_path: Path, data: Path) -> None:
    source = tmp_path / "source.sqlite"
    assert run("--db", url(source), "demo", "--patients", "12", data=data).returncode == 0
    copy = tmp_path / "copies" / "backup.sqlite"
    result = run("--db", url(source), "backup", str(copy), data=data)
    assert result.returncode == 0, result.stderr
    assert str(copy) in result.stdout
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM patient").fetchone() == (12,)
    with Store.open(url(copy), user="t") as store:
        assert patient_count(store) == 12
    again = run("--db", url(source), "backup", str(copy), data=data)
    assert "already exists" in one_error_line(again)


def test_bad_arguments_are_usage_errors(data: Path) -> None:
    result = run("demo", "--patients", "0", data=data)
    assert result.returncode == 2
    assert "must be at least 1" in result.stderr
    assert not (data / "demo.sqlite").exists()


def test_opening_the_demo_for_the_window_creates_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(config.DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(config.DATABASE_URL_ENV, url(tmp_path / "real.sqlite"))
    args = cli.build_parser().parse_args(["--demo"])
    store, is_demo = cli.open_for_window(args)
    try:
        assert is_demo
        assert store.path == (tmp_path / "data" / "demo.sqlite").resolve()
        assert patient_count(store) == cli.DEMO_PATIENTS
    finally:
        store.close()
    assert "creating the demo database" in capsys.readouterr().err
    store, _ = cli.open_for_window(args)  # second time: opened, not regenerated
    store.close()
    assert "creating" not in capsys.readouterr().err
    assert not (tmp_path / "real.sqlite").exists()
    real, is_demo = cli.open_for_window(cli.build_parser().parse_args([]))
    real.close()
    assert not is_demo and (tmp_path / "real.sqlite").exists()


def test_user_errors_are_one_line_and_bugs_are_not(monkeypatch: pytest.MonkeyPatch) -> None:
    from netboard.db.errors import NotFoundError
    from netboard.domain.validation import FieldError, ValidationError

    assert cli.user_error(NotFoundError("patient", "abc")) == (
        "patient abc was not found; it may have been deleted.")
    invalid = ValidationError([FieldError("ki67", "Ki-67 %: between 0 and 100"),
                               FieldError("mrn", "MRN: required")])
    assert cli.user_error(invalid) == "Ki-67 %: between 0 and 100; MRN: required"
    assert cli.user_error(FileNotFoundError(2, "No such file", "/x/y.pdf")) == (
        "/x/y.pdf: No such file")
    assert cli.user_error(KeyError("bug")) is None
    assert cli.user_error(TypeError("bug")) is None
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    assert cli.user_error(NotFoundError("patient", "abc")) is None


def test_common_options_work_after_the_command_too(tmp_path: Path, data: Path) -> None:
    """`netboard demo --patients N --db URL` (issue 12): --db/--demo in either place."""
    target = tmp_path / "after.sqlite"
    made = run("demo", "--patients", "5", "--db", url(target), data=data)
    assert made.returncode == 0, made.stderr
    assert not (data / "demo.sqlite").exists()  # the named database, not the demo one
    with Store.open(url(target), user="t") as store:
        assert patient_count(store) == 5
    parse = cli.build_parser().parse_args
    assert parse(["--db", "sqlite://", "db", "current"]).db == "sqlite://"  # before: kept
    assert parse(["db", "current", "--db", "sqlite://"]).db == "sqlite://"
    assert parse(["backup", "x.sqlite", "--demo"]).demo is True
    assert parse(["--demo", "backup", "x.sqlite"]).demo is True
    assert parse(["backup", "x.sqlite"]).db is None


def test_the_demo_reads_as_of_the_day_it_is_made(tmp_path: Path, data: Path) -> None:
    """Its planned meeting lies after the real today, so 'Open next meeting' finds it."""
    from datetime import date

    from netboard.db import queries

    target = tmp_path / "today.sqlite"
    made = run("--db", url(target), "demo", "--patients", "20", data=data)
    assert made.returncode == 0, made.stderr
    with Store.open(url(target), user="t") as store:
        upcoming = queries.next_meeting(store)
        assert upcoming is not None
        days = (upcoming.starts_at.date() - date.today()).days
        assert 0 < days <= 10
    fixed = run("--db", url(tmp_path / "fixed.sqlite"), "demo", "--patients", "5",
                "--today", "2026-11-27", data=data)
    assert fixed.returncode == 0, fixed.stderr
    with Store.open(url(tmp_path / "fixed.sqlite"), user="t") as store:
        planned = [m for m in queries.list_meetings(store) if m.finalized_at is None]
        assert [m.starts_at.date().isoformat() for m in planned] == ["2026-12-01"]

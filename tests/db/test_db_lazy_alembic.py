"""Opening an up-to-date database reads its revision with plain SQL and never imports alembic;
the written-down revision list (``netboard/db/migrations/head.py``) matches alembic's scripts."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from netboard.db import store as store_module
from netboard.db.errors import StoreError
from netboard.db.migrations.head import REVISIONS
from netboard.db.store import Store, head_revision, known_revisions

ROOT = Path(__file__).resolve().parents[2]

_OPEN_AND_REPORT = """
import sys
from netboard.db.store import Store
store = Store.open(sys.argv[1], user="dr-tester")
print("REVISION", store.current_revision())
print("ALEMBIC", "yes" if any(m.split(".")[0] == "alembic" for m in sys.modules) else "no")
store.close()
"""


def _open_in_fresh_process(url: str) -> tuple[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", _OPEN_AND_REPORT, url],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=True,
    ).stdout
    lines = dict(line.split(" ", 1) for line in out.splitlines() if " " in line)
    return lines["REVISION"], lines["ALEMBIC"]


def test_written_down_revisions_are_alembics_scripts_in_order() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(store_module.PACKAGED_MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    oldest_first = tuple(reversed([s.revision for s in script.walk_revisions()]))
    assert REVISIONS == oldest_first
    assert head_revision() == script.get_current_head() == REVISIONS[-1]
    assert known_revisions() == set(oldest_first)


def test_opening_an_up_to_date_file_does_not_import_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'existing.sqlite'}"
    Store.open(url, user="dr-tester").close()  # created here, with alembic
    revision, alembic_loaded = _open_in_fresh_process(url)
    assert revision == head_revision()
    assert alembic_loaded == "no"


def test_creating_a_file_still_runs_the_migrations(tmp_path: Path) -> None:
    revision, alembic_loaded = _open_in_fresh_process(f"sqlite:///{tmp_path / 'new.sqlite'}")
    assert revision == head_revision()
    assert alembic_loaded == "yes"


def test_two_recorded_revisions_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "two.sqlite"
    with Store.open(f"sqlite:///{path}", user="dr-tester") as store:
        with sqlite3.connect(path) as conn:
            conn.execute("INSERT INTO alembic_version (version_num) VALUES ('9999')")
        conn.close()
        with pytest.raises(StoreError, match="2 schema revisions"):
            store.current_revision()

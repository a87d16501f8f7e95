"""``netboard bundle export|import`` and ``netboard open BUNDLE`` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from db_helpers import make_case

from netboard import cli
from netboard.db import operations as ops
from netboard.db import queries
from netboard.db.store import Store


@pytest.fixture(autouse=True)
def _user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETBOARD_USER", "dr-cli")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_take_a_meeting_offline_edit_it_and_bring_it_back(
    sqlite_store: Store,
    sqlite_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = make_case(sqlite_store)
    sqlite_store.close()
    db = f"sqlite:///{sqlite_path}"
    day = queries.get_meeting(Store.open(db, user="x"), ids.meeting).meeting.starts_at
    bundle = tmp_path / "prep.nbx"
    local_day = day.astimezone().date().isoformat()
    code, out, _ = _run(
        capsys, "--db", db, "bundle", "export", "--meeting", local_day, "-o", str(bundle)
    )
    assert code == 0 and bundle.exists() and "1 patients" in out

    def window(store: Store, *, is_demo: bool) -> int:  # the physician's offline edit
        ops.update(
            store, "decision", ids.decision, {"recommendation": "Offline."}, expected_version=1
        )
        return 0

    monkeypatch.setattr(cli, "_run_gui", window)
    code, _, err = _run(capsys, "open", str(bundle))
    assert code == 0 and "Saved the offline work" in err
    board = Store.open(db, user="dr-board")
    ops.update(board, "decision", ids.decision, {"recommendation": "Board."}, expected_version=1)
    board.close()

    code, out, _ = _run(capsys, "--db", db, "bundle", "import", str(bundle), "--dry-run")
    assert code == 0 and "CONFLICT Decision" in out and "nothing was changed" in out
    code, _, err = _run(capsys, "--db", db, "bundle", "import", str(bundle))
    assert code == 1 and "need a choice" in err and len(err.strip().splitlines()) == 1
    code, out, _ = _run(capsys, "--db", db, "bundle", "import", str(bundle), "--prefer", "theirs")
    assert code == 0 and "Imported" in out
    with Store.open(db, user="x") as check:
        assert queries.get_case(check, ids.patient).discussions[0].decision.recommendation == (
            "Offline."
        )
    code, _, err = _run(capsys, "--db", db, "bundle", "import", str(bundle), "--prefer", "theirs")
    assert code == 1 and "already imported" in err


def test_export_names_an_unknown_patient(
    sqlite_store: Store, sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_case(sqlite_store)
    code, _, err = _run(
        capsys,
        "--db",
        f"sqlite:///{sqlite_path}",
        "bundle",
        "export",
        "--patients",
        "ZZ-TEST-0001,NOPE",
        "-o",
        str(tmp_path / "x.nbx"),
    )
    assert code == 1 and "NOPE" in err
    assert not (tmp_path / "x.nbx").exists()


def test_a_damaged_file_is_one_clear_line(
    sqlite_store: Store, sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.nbx"
    junk.write_bytes(b"not a zip at all")
    code, _, err = _run(capsys, "--db", f"sqlite:///{sqlite_path}", "bundle", "import", str(junk))
    assert code == 1 and "not a readable case bundle" in err
    assert len(err.strip().splitlines()) == 1

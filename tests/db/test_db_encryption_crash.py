"""SIGKILL during `netboard db encrypt` (issue 13, stress tier): whenever the converting process
dies, the database's name holds a whole file, plain or encrypted, with every patient; the
partial copy it was writing is removed the next time NETboard opens the folder."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from netboard.db import operations as ops
from netboard.db import queries as q
from netboard.db.cipher import Passphrase, is_plain
from netboard.db.store import Store

TRIALS = 12
SECRET = "kill me softly"
ROOT = Path(__file__).resolve().parents[2]
_ENCRYPT = """
import sys
from pathlib import Path
from netboard.db.cipher import Passphrase
from netboard.db.cipher_files import encrypt_database
print("start", flush=True)
encrypt_database(Path(sys.argv[1]), Passphrase(sys.argv[2]))
print("done", flush=True)
"""


def _mrns(path: Path, key: Passphrase | None) -> set[str]:
    with Store.open(f"sqlite:///{path}", user="dr-check", key=key) as store:
        with store.read() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        return {row.mrn for row in q.list_patients(store, limit=500).rows}


@pytest.mark.stress
def test_sigkill_during_encrypt_leaves_a_whole_file(tmp_path: Path) -> None:
    template = tmp_path / "template.db"
    with Store.open(f"sqlite:///{template}", user="dr-tester") as store:
        for n in range(40):
            ops.create(store, "patient", {"mrn": f"ZZ-K-{n}", "family_name": "Killperson"})
    expected = {f"ZZ-K-{n}" for n in range(40)}
    rng = random.Random(13)
    outcomes: Counter[str] = Counter()
    for trial in range(TRIALS):
        folder = tmp_path / f"trial-{trial}"
        folder.mkdir()
        path = folder / "cases.db"
        shutil.copy(template, path)
        child = subprocess.Popen(
            [sys.executable, "-c", _ENCRYPT, str(path), SECRET],
            stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip
        assert child.stdout is not None and child.stdout.readline() == "start\n"
        try:
            child.wait(timeout=rng.uniform(0.0, 2.5))  # a random moment of the conversion
        except subprocess.TimeoutExpired:
            os.kill(child.pid, signal.SIGKILL)
        finished = child.wait() == 0
        key = None if is_plain(path) else Passphrase(SECRET)
        outcomes["finished" if finished else ("encrypted" if key else "plain")] += 1
        assert _mrns(path, key) == expected, (trial, outcomes)
        left = sorted(p.name for p in folder.iterdir())
        assert left == ["cases.db"], (trial, left)  # no partial, no stray -wal after a close
    print(f"\nencrypt kills: {dict(outcomes)}")
    assert sum(outcomes.values()) == TRIALS

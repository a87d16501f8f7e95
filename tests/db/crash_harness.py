"""Crash harness (run as its own process by test_db_crash.py): fork writer children that write
patients through ``netboard.db.operations`` and acknowledge each committed write on a pipe, kill
each one with SIGKILL at a random moment (some right after they start a WAL checkpoint), and after
every kill check that the file opens in NETboard, holds every acknowledged write and passes
``integrity_check``. Prints one JSON line with the tally.

Usage: python crash_harness.py DB_PATH KILLS SEED
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from netboard.db import operations as ops
from netboard.db.store import Store

FILLER = "Synthetic crash-test note. " * 60  # about 1.6 kB per patient: pages fill fast


def writer(url: str, fd: int, cycle: int, checkpoints: bool) -> None:
    """Write until killed; after each commit, one line on ``fd``; 'C' before a checkpoint."""
    store = Store.open(url, user="crash-writer")
    if checkpoints:
        sa.event.listen(
            store.engine, "connect",
            lambda conn, _rec: conn.execute("PRAGMA wal_autocheckpoint = 0"),
        )  # fmt: skip
        store.engine.dispose()
    i = 0
    while True:
        mrn = f"K{cycle:03d}-{i:05d}"
        ops.create(store, "patient", {"mrn": mrn, "family_name": "Crashtest", "notes": FILLER})
        os.write(fd, f"{mrn}\n".encode())
        i += 1
        if checkpoints and i % 40 == 0:
            os.write(fd, b"C\n")
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def read_lines(fd: int, buffer: bytearray, timeout: float) -> list[str]:
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return []
    chunk = os.read(fd, 65536)
    if not chunk:
        raise EOFError
    buffer.extend(chunk)
    *lines, rest = buffer.split(b"\n")
    buffer[:] = rest
    return [line.decode() for line in lines]


def one_kill(url: str, cycle: int, rng: random.Random, acked: set[str]) -> bool:
    """Run one writer child and kill it; True when the kill came during a checkpoint."""
    checkpoints = cycle % 2 == 0
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: writes until it is killed
        os.close(read_fd)
        try:
            writer(url, write_fd, cycle, checkpoints)
        finally:
            os._exit(1)
    os.close(write_fd)
    buffer = bytearray()
    deadline = time.monotonic() + rng.uniform(0.15, 0.6)
    in_checkpoint = False
    try:
        while True:
            lines = read_lines(read_fd, buffer, 0.05)
            for line in lines:
                if line == "C":
                    in_checkpoint = True
                else:
                    acked.add(line)
                    in_checkpoint = False
            if checkpoints and in_checkpoint and time.monotonic() >= deadline:
                time.sleep(rng.uniform(0, 0.004))
                break
            if not checkpoints and time.monotonic() >= deadline:
                break
            if time.monotonic() > deadline + 10:
                break  # a checkpoint never came: kill anyway
    except EOFError:
        pass
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    try:
        while True:  # acknowledgements already in the pipe were made before the kill
            lines = read_lines(read_fd, buffer, 0)
            if not lines and not select.select([read_fd], [], [], 0)[0]:
                break
            acked.update(line for line in lines if line != "C")
    except EOFError:
        pass
    os.close(read_fd)
    return in_checkpoint


def check(url: str, acked: set[str]) -> dict[str, object]:
    """Open as NETboard does (after a crash: recovery), count acknowledged rows, integrity."""
    try:
        store = Store.open(url, user="crash-check")
    except Exception as exc:  # the failure this harness exists to find
        return {"opens": False, "error": f"{type(exc).__name__}: {exc}"}
    try:
        with store.read() as conn:
            present = {r[0] for r in conn.exec_driver_sql("SELECT mrn FROM patient")}
            verdict = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
    finally:
        store.close()
    return {"opens": True, "missing": sorted(acked - present)[:5],
            "missing_count": len(acked - present), "integrity": verdict}  # fmt: skip


def main(path: str, kills: int, seed: int) -> None:
    url = f"sqlite:///{path}"
    Store.open(url, user="crash-setup").close()
    rng = random.Random(seed)
    acked: set[str] = set()
    tally: dict[str, object] = {"kills": 0, "during_checkpoint": 0, "failures": []}
    for cycle in range(kills):
        during = one_kill(url, cycle, rng, acked)
        tally["kills"] = int(tally["kills"]) + 1  # type: ignore[call-overload]
        tally["during_checkpoint"] = int(tally["during_checkpoint"]) + during  # type: ignore[call-overload]
        result = check(url, acked)
        if not result["opens"] or result["missing_count"] or result["integrity"] != "ok":
            tally["failures"].append({"cycle": cycle, **result})  # type: ignore[union-attr]
    tally["acknowledged"] = len(acked)
    tally["file_bytes"] = Path(path).stat().st_size
    print(json.dumps(tally))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))

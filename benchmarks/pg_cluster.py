"""A PostgreSQL cluster kept in the benchmark cache, started for a run and stopped after it.

The million-patient database takes minutes to build, so unlike the test suite's throwaway server
this cluster's data folder stays in the cache (``<cache>/pg-cluster``). It is a benchmark fixture:
it runs with ``fsync=off`` (a crash may corrupt it; ``make clean`` removes it), listens on
127.0.0.1 only, trusts local connections, and runs as the ``postgres`` user when started by root
(``initdb`` refuses root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
from pathlib import Path

SETTINGS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
    "-c full_page_writes=off -c shared_buffers=512MB -c maintenance_work_mem=512MB "
    "-c max_wal_size=8GB -c checkpoint_timeout=30min -c max_connections=50"
)


def bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with initdb and pg_ctl, if any."""
    found = [Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin") if Path(p, "pg_ctl").exists()]
    return max(found, key=lambda p: int(p.parent.name)) if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    def __init__(self, root: Path, binaries: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        self.bin = binaries
        self.port = 0
        self.as_postgres = os.geteuid() == 0

    def _run(self, *args: str) -> str:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, check=True, capture_output=True, text=True, timeout=600)
        return done.stdout

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        if not (self.data / "PG_VERSION").exists():
            shutil.rmtree(self.data, ignore_errors=True)
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
                      "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
        self.port = _free_port()
        options = f"-p {self.port} -k {self.root} {SETTINGS}"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-o", options,
                  "start")  # fmt: skip

    def stop(self) -> None:
        if self.port:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
            self.port = 0

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> list[tuple[object, ...]]:
        """Run one statement in the ``postgres`` database (autocommit); its rows, if any."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                             dbname="postgres", autocommit=True) as conn:  # fmt: skip
            cursor = conn.execute(sql.encode())
            return list(cursor.fetchall()) if cursor.description else []

    def databases(self) -> set[str]:
        return {str(r[0]) for r in self.admin("SELECT datname FROM pg_database")}

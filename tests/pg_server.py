"""A throwaway PostgreSQL server for the test run (initdb into a temp dir, fsync off, local port).

Needs the server binaries under /usr/lib/postgresql/*/bin. ``initdb`` refuses to run as root, so
when the tests run as root the server runs as the ``postgres`` user through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

MISSING_REASON = "PostgreSQL server binaries not found: apt-get install postgresql"


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl, if any."""
    candidates = [Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin")]
    candidates = [p for p in candidates if (p / "initdb").exists() and (p / "pg_ctl").exists()]

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in path.parent.name.split(".") if part.isdigit())

    return max(candidates, key=version) if candidates else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    """One PostgreSQL cluster in a temporary folder; ``stop`` removes it."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="netboard-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = _free_port()
        self.superuser = "postgres"
        self._as_postgres = os.geteuid() == 0
        self.started = False

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        if self._as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        try:
            self._run(
                "initdb", "-D", str(self.data), "-U", self.superuser, "-A", "trust",
                "-E", "UTF8", "--locale=C.UTF-8",
            )  # fmt: skip
            options = (
                f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=200 -c track_commit_timestamp=on"
            )
            self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-o", options,
                      "start")  # fmt: skip
        except subprocess.CalledProcessError as exc:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {exc.stderr}\n{log}") from exc
        self.started = True

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.superuser}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, *, template: str | None = None) -> str:
        """CREATE DATABASE ``name`` (a copy of ``template`` if given) and return its URL."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.superuser, dbname="postgres",
            autocommit=True,
        ) as conn:  # fmt: skip
            copy = f' TEMPLATE "{template}"' if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{copy}')  # names come from the tests
        return self.url(name)

    def stop(self) -> None:
        if self.started:
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except subprocess.CalledProcessError:
                pass
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

"""The ``netboard`` command: the window by default, plus demo data, schema and backup commands.

``netboard`` opens the window over the real database (``--db`` > ``NETBOARD_DATABASE_URL`` >
the user data folder); ``netboard --demo`` opens the separate demo database, generating it on
first use. Other packages add sub-commands through ``register(subparsers)``; a command sets
``func(args, store) -> int`` and gets the opened store. Errors a user can act on (the database
cannot be opened, a record is missing or invalid, a path is wrong) print one line on stderr and
exit with status 1; anything else is a bug and keeps its traceback.

Imports stay light until a command runs: ``--help`` and ``--version`` load neither Qt nor the
database layer.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from netboard import config, version

if TYPE_CHECKING:
    from netboard.db.store import Store

PROG = "netboard"
log = logging.getLogger("netboard.cli")
EXTENSIONS = (
    "netboard.reports.commands",
    "netboard.interchange.commands",
    "netboard.ui.selfcheck",
    "netboard.store_commands",
)
"""Modules that may add sub-commands with ``register(subparsers)`` (absent ones are skipped)."""
DEBUG_ENV = "NETBOARD_DEBUG"
"""Set to show the full traceback of every error instead of one line."""
DEMO_PATIENTS = 500
DEMO_SEED = 1
FINISHING_LABEL = "building indexes and foreign keys"
"""The demo's last step on an empty PostgreSQL database (see ``demo.writer``)."""

Command = Callable[[argparse.Namespace, "Store"], int]


# --- the parser --------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="NETboard: case manager for neuroendocrine tumor boards. Without a command "
        "it opens the window.",
        epilog="Data lives in the user data folder unless --db or NETBOARD_DATABASE_URL says "
        "otherwise; see README.md.",
    )
    _add_common(parser, default=None)
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    _add_demo(commands)
    _add_db(commands)
    _add_backup(commands)
    _add_rules(commands)
    for name in EXTENSIONS:
        module = _optional_module(name)
        if module is not None:
            module.register(commands)
    for sub in _sub_parsers(parser):
        _add_common(sub, default=argparse.SUPPRESS)
    return parser


def _add_common(parser: argparse.ArgumentParser, *, default: Any) -> None:
    """--db and --demo, accepted before the command and after it (`netboard demo --db URL`).

    On a command's parser the default is SUPPRESS, so an option given before the command
    is not overwritten by the command's own default."""
    parser.add_argument(
        "--db", metavar="URL", default=default,
        help="database to use, e.g. sqlite:////path/file.sqlite or "
        "postgresql+psycopg://user@host/db (default: NETBOARD_DATABASE_URL, else "
        "netboard.sqlite in the user data folder)",
    )
    parser.add_argument(
        "--demo", action="store_true", default=False if default is None else default,
        help="use the demo database (synthetic patients; the window creates it on first use; "
        "never mixed with real data)",
    )


def _sub_parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every command's parser below ``parser`` (nested commands included)."""
    found: list[argparse.ArgumentParser] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found.append(sub)
                found.extend(_sub_parsers(sub))
    return found


def _optional_module(name: str) -> Any:
    """The module, or None when it (or its package) is not part of this installation yet."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and name.startswith(exc.name):
            return None
        raise


def _add_demo(commands: Any) -> None:
    demo = commands.add_parser(
        "demo", help="write synthetic demo patients into the demo database",
        description="Write synthetic, obviously fictional patients, meetings and board records. "
        "The target is the demo database unless --db names another; a database that already "
        "has patients is refused unless --force.",
    )
    demo.add_argument("--patients", type=_positive_int, default=DEMO_PATIENTS, metavar="N",
                      help=f"how many patients (default {DEMO_PATIENTS})")
    demo.add_argument("--seed", type=int, default=DEMO_SEED, metavar="S",
                      help=f"random seed: the same seed gives the same data (default {DEMO_SEED})")
    demo.add_argument("--today", type=_iso_date, default=None, metavar="YYYY-MM-DD",
                      help="the day the data reads as 'today' (default: the day it is made; "
                      "a fixed day gives reproducible data)")
    demo.add_argument("--force", action="store_true",
                      help="add demo patients to a database that already has (non-demo) patients")
    demo.set_defaults(func=_cmd_demo, target="demo")


def _add_db(commands: Any) -> None:
    db = commands.add_parser("db", help="database schema: upgrade, current revision")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = actions.add_parser("upgrade", help="bring the schema to the newest revision "
                                 "(an SQLite file is backed up first)")
    upgrade.set_defaults(func=_cmd_db_upgrade, upgrade=False, existing=True)
    current = actions.add_parser("current", help="show the schema revision and whether it is "
                                 "up to date")
    current.set_defaults(func=_cmd_db_current, upgrade=False, existing=True, read_only=True)
    reindex = actions.add_parser("reindex-search", help="build the patient search index again, "
                                 "patients in name order (after a large import, or after "
                                 "installing pg_trgm on the server)")
    reindex.set_defaults(func=_cmd_db_reindex_search, existing=True)


def _add_backup(commands: Any) -> None:
    backup = commands.add_parser("backup", help="copy the SQLite database to a new file "
                                 "(safe while the window is open)")
    backup.add_argument("path", type=Path, metavar="PATH", help="the new file to write")
    backup.set_defaults(func=_cmd_backup, existing=True, read_only=True)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {value})")
    return value


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-27") from None


# --- running -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``netboard``, ``python -m netboard`` and ``main.py``."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(notes=args.command != "backup")
    try:
        if args.command is None:
            return _gui(args)
        return _run_command(args)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        message = user_error(exc)
        if message is None:  # a bug: the log file gets where it happened (no arguments)
            log.critical("%s failed unexpectedly", _command_name(args), exc_info=True)
            raise
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return 1


def _command_name(args: argparse.Namespace) -> str:
    words = [getattr(args, key, None) for key in ("command", "db_command", "report_kind")]
    return " ".join(w for w in words if isinstance(w, str)) or "window"


def _configure_logging(*, notes: bool) -> None:
    """Warnings, and with ``notes`` the store's notes (new file, backup before an upgrade), as
    'netboard: ...' lines on stderr."""
    from netboard.logs import start_logging

    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(f"{PROG}: %(message)s"))
        handler.addFilter(_for_terminal)
        root.addHandler(handler)
        root.setLevel(logging.WARNING)
    start_logging()  # the log file (INFO and up), created only when something is written
    logging.getLogger("netboard.db.store").setLevel(logging.INFO if notes else logging.WARNING)


def _for_terminal(record: logging.LogRecord) -> bool:
    """stderr shows warnings and the store's notes; the session lines are for the file only."""
    if record.name == log.name:
        return False
    return record.levelno >= logging.WARNING or record.name == "netboard.db.store"


def user_error(exc: BaseException) -> str | None:
    """One line for an error the user can act on; None for a bug (which keeps its traceback)."""
    if os.environ.get(DEBUG_ENV):
        return None  # developers asked for every traceback
    # ValueError: e.g. an unusable output path named by a sub-command (reports.commands).
    known: list[type[BaseException]] = [OSError, ValueError]
    for module, names in (
        ("netboard.db.errors", ("DbError",)),
        ("netboard.domain.validation", ("ValidationError",)),
        ("sqlalchemy.exc", ("SQLAlchemyError",)),
    ):
        loaded = sys.modules.get(module)  # only what already ran can have raised
        if loaded is not None:
            known.extend(getattr(loaded, name) for name in names if hasattr(loaded, name))
    if not isinstance(exc, tuple(known)):
        return None
    if isinstance(exc, OSError) and exc.filename is not None and exc.strerror:
        text = f"{exc.filename}: {exc.strerror}"
    else:
        text = str(exc) or type(exc).__name__
    if type(exc).__module__.startswith("sqlalchemy"):
        text = text.split("\n(Background on this error", 1)[0].split("\n[SQL:", 1)[0]
    return " ".join(text.split())


def _target_url(args: argparse.Namespace) -> str:
    if args.db:
        return str(args.db).strip()
    if args.demo or getattr(args, "target", "") == "demo":
        return config.demo_database_url()  # never the real database by default
    return config.database_url(None)


def _open(
    url: str,
    *,
    upgrade: bool = True,
    existing: bool = False,
    read_only: bool = False,
    window: bool = False,
    key: Any = None,
) -> Store:
    from netboard.db.store import INTERACTIVE_BUSY_TIMEOUT, Store
    from netboard.db.store_sqlite import BUSY_TIMEOUT

    if existing or read_only:
        path = config.sqlite_path(url)
        if path is not None and not path.expanduser().exists():
            raise FileNotFoundError(2, "no database here (nothing was created)", str(path))
    if not read_only:
        _tighten_data_dir(config.sqlite_path(url))
    timeout = INTERACTIVE_BUSY_TIMEOUT if window else BUSY_TIMEOUT
    demo = _is_demo_database(url)
    key = key or passphrase_for(url, window=window)
    store = Store.open(url, user=config.user_name(url, demo=demo), upgrade=upgrade,
                       read_only=read_only, busy_timeout=timeout, key=key)  # fmt: skip
    if not store.is_sqlite and not demo:
        store.user = store.server_role()  # the author is who the server says connected
    return store


def passphrase_for(url: str, *, window: bool = False) -> Any:
    """The passphrase of an encrypted SQLite file (None for any other database): the variable,
    the keyring, else asked (the window's dialog, or the terminal)."""
    from netboard import passphrase

    def ask_window(path: Path) -> Any:
        dialog = _optional_module("netboard.ui.passphrase_dialog")
        return dialog.ask_passphrase(path) if dialog is not None else None

    return passphrase.for_url(url, ask_window if window else passphrase.ask_terminal)


def _is_demo_database(url: str) -> bool:
    path, demo = config.sqlite_path(url), config.sqlite_path(config.demo_database_url())
    return path is not None and demo is not None and path.expanduser().resolve() == demo.resolve()


def _tighten_data_dir(path: Path | None) -> None:
    """The data folder holds patient data: owner-only (0700), also when an older NETboard made
    it readable by others."""
    folder = config.data_dir(create=False)
    if path is not None and path.expanduser().parent == folder and folder.is_dir():
        try:
            if folder.stat().st_mode & 0o077 and folder.stat().st_uid == os.getuid():
                folder.chmod(0o700)
        except OSError:
            pass  # not ours to change; the files themselves are still 0600


def _run_command(args: argparse.Namespace) -> int:
    path_func = getattr(args, "path_func", None)
    if path_func is not None:  # works on the file itself (restore), not on an opened store
        return int(path_func(args, _target_url(args)))
    func: Command = args.func
    if getattr(args, "no_store", False):
        return func(args, None)  # type: ignore[arg-type]
    url = _target_url(args)
    read_only = getattr(args, "read_only", False)
    key = passphrase_for(url)  # asked at most once
    if read_only == "auto":
        read_only = _only_readable(url, key)
    store = _open(url, upgrade=getattr(args, "upgrade", True),
                  existing=getattr(args, "existing", False), read_only=read_only, key=key)
    try:
        if args.demo and getattr(args, "fill_demo", False):
            fill_empty_demo(store)
        return func(args, store)
    finally:
        store.close()


def _add_rules(commands: Any) -> None:
    rules = commands.add_parser(
        "rules",
        help="write the considerations rule book (every rule, its strength, source) as Markdown",
        description="Write the whole considerations rule set as Markdown (the content of "
        "docs/rules.md) to standard output or to a file. Needs no database.",
    )
    rules.add_argument("-o", "--output", type=Path, metavar="FILE",
                       help="file to write (default: standard output)")
    rules.set_defaults(func=_cmd_rules, no_store=True)


def _cmd_rules(args: argparse.Namespace, store: Store | None) -> int:
    from netboard.domain.catalog import load_catalog
    from netboard.domain.rulebook import rule_book

    text = rule_book(load_catalog())
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote the rule book to {args.output}.")
    return 0


def _only_readable(url: str, key: Any = None) -> bool:
    """Open read-only (no audit entry possible) when the SQLite file is a backup copy (not in WAL
    mode: a live NETboard database always is) or cannot be written; otherwise read-write."""
    from netboard.db.cipher import in_wal_mode

    path = config.sqlite_path(url)
    if path is None:
        return False
    path = path.expanduser()
    live = in_wal_mode(path, key)
    if live is None:
        return False  # Store.open explains what is wrong with it
    return not live or not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def _cmd_demo(args: argparse.Namespace, store: Store) -> int:
    from netboard.demo import write_demo

    started = time.perf_counter()
    before = _patient_ids(store) if args.force else set()
    written = write_demo(store, args.patients, args.seed, args.today or date.today(),
                         progress=ProgressLine(sys.stderr), force=args.force,
                         finishing=ProgressLine(sys.stderr, FINISHING_LABEL))
    if args.force:  # demo patients among real ones: each one's arrival is in the audit log
        from netboard.db.operations import record_bulk_load

        record_bulk_load(store, f"demo writer (seed {args.seed})",
                         sorted(_patient_ids(store) - before))
    seconds = time.perf_counter() - started
    rate = f" ({written / seconds:,.0f} patients/s)" if written >= 1000 else ""
    print(f"Wrote {written} demo patients (seed {args.seed}) to {store.display_url} in "
          f"{seconds:.1f} s{rate}.")
    if written >= NAME_ORDER_FROM:
        _order_by_name(store)
    return 0


NAME_ORDER_FROM = 10_000
"""A demo this large ends as ``db reindex-search`` would leave it: patients in name order."""


def _order_by_name(store: Store) -> None:
    from netboard.db import search_index

    print("Putting the patients in name order for search (as `netboard db reindex-search`)…",
          file=sys.stderr, flush=True)  # fmt: skip
    started = time.perf_counter()
    search_index.order_by_name(store.engine)
    print(f"Patients in name order for search in {time.perf_counter() - started:.1f} s.")


def _patient_ids(store: Store) -> set[str]:
    from netboard.db.queries_audit import all_patient_ids

    return all_patient_ids(store)


def _cmd_db_upgrade(args: argparse.Namespace, store: Store) -> int:
    before = store.current_revision()
    store.upgrade()
    after = store.current_revision()
    if before == after:
        print(f"{store.display_url} is up to date (schema {after}).")
    else:
        print(f"{store.display_url} upgraded from schema {before} to {after}.")
    return 0


def _cmd_db_current(args: argparse.Namespace, store: Store) -> int:
    current = store.current_revision()
    head = store.head_revision()
    print(f"database: {store.display_url}")
    print(f"current:  {current or '(none)'}")
    print(f"head:     {head}")
    if current == head:
        print("status:   up to date")
    else:
        print("status:   behind; `netboard db upgrade` brings it up to date")
    if current is not None:
        from netboard.db import search_index

        print(f"search:   {search_index.describe(store.engine)}")
    return 0


def _cmd_db_reindex_search(args: argparse.Namespace, store: Store) -> int:
    from netboard.db import search_index

    built = search_index.rebuild(store.engine)
    print(f"{store.display_url}: patient search {search_index.describe(store.engine)}.")
    return 0 if built else 1


def _cmd_backup(args: argparse.Namespace, store: Store) -> int:
    target = store.backup(args.path)
    print(f"Backed up {store.display_url} to {target}.")
    return 0


class ProgressLine:
    """A one-line progress display on a terminal; a single final line otherwise."""

    def __init__(self, stream: TextIO, label: str = "generating demo patients") -> None:
        self.stream = stream
        self.label = label
        self.tty = stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self.tty:
            end = "\n" if done >= total else ""
            self.stream.write(f"\r{PROG}: {self.label}: {done:,}/{total:,}{end}")
            self.stream.flush()
        elif done >= total:
            self.stream.write(f"{PROG}: {self.label}: {done:,}/{total:,}\n")


# --- the window --------------------------------------------------------------------------------


def _gui(args: argparse.Namespace) -> int:
    store, is_demo = open_for_window(args)
    try:
        return _run_gui(store, is_demo=is_demo)
    finally:
        store.close()


def open_for_window(args: argparse.Namespace) -> tuple[Store, bool]:
    """The store the window shows; ``--demo`` creates the demo database on first use."""
    if not args.demo:
        return _open(config.database_url(args.db), window=True), False
    store = _open(args.db.strip() if args.db else config.demo_database_url(), window=True)
    try:
        fill_empty_demo(store, date.today(), progress=True)
    except BaseException:
        store.close()
        raise
    return store, True


def fill_empty_demo(store: Store, today: date | None = None, *, progress: bool = False) -> None:
    """Write the demo patients into an empty demo database (the window's and ``selfcheck``'s
    ``--demo``; ``today`` None: the demo's fixed day). The CLI is the one shipped module that
    imports the demo generator."""
    from netboard.demo import DEMO_TODAY, patient_count, write_demo

    if patient_count(store) > 0:
        return
    if progress:
        print(f"{PROG}: creating the demo database at {store.display_url} "
              f"({DEMO_PATIENTS} synthetic patients, seed {DEMO_SEED})", file=sys.stderr)
    write_demo(store, DEMO_PATIENTS, DEMO_SEED, today or DEMO_TODAY,
               progress=ProgressLine(sys.stderr) if progress else None,
               finishing=ProgressLine(sys.stderr, FINISHING_LABEL) if progress else None)


def _run_gui(store: Store, *, is_demo: bool) -> int:
    ui = _optional_module("netboard.ui.app")
    if ui is not None:
        return int(ui.run_gui(store, is_demo=is_demo))
    return _placeholder_window(store, is_demo=is_demo)


def _placeholder_window(store: Store, *, is_demo: bool) -> int:
    """A plain window for an installation without the user interface package."""
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("NETboard" + (" (demo)" if is_demo else ""))
    window.setCentralWidget(QLabel(f"NETboard: {store.display_url}"))
    window.show()
    return int(app.exec())

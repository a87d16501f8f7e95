"""An encrypted database in the window (issue 13): File → Open with the passphrase from the
system keyring (keyring's API, an in-memory backend installed), a wrong one a clear message, and
the passphrase dialog: text hidden, kept in the keyring when asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring_memory import MemoryKeyring
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from netboard import passphrase
from netboard.db import operations as db_ops
from netboard.db import queries
from netboard.db.cipher import Passphrase
from netboard.db.cipher_files import encrypt_database
from netboard.db.store import Store
from netboard.ui.main_window import MainWindow
from netboard.ui.passphrase_dialog import PassphraseDialog

SECRET = "window 4 quince"


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "locked" / "cases.sqlite"
    with Store.open(f"sqlite:///{path}", user="dr-tester") as store:
        db_ops.create(store, "patient", {"mrn": "ZZ-LOCK-1", "family_name": "Lockperson"})
    encrypt_database(path, Passphrase(SECRET))
    return path


def _opened(window: MainWindow) -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w is not window and w.isVisible()]  # fmt: skip


def test_open_an_encrypted_database_with_the_keyring_passphrase(  # type: ignore[no-untyped-def]
    qtbot, main_window, encrypted: Path, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.entries[(passphrase.SERVICE, passphrase.keyring_user(encrypted))] = SECRET
    new = main_window.open_database_file(str(encrypted))
    assert new is not None
    qtbot.addWidget(new)
    assert new.context.store.encrypted
    rows = queries.list_patients(new.context.store, limit=10).rows
    assert [row.mrn for row in rows] == ["ZZ-LOCK-1"]
    new.context.store.close()


def test_a_wrong_keyring_passphrase_is_a_message_not_a_crash(  # type: ignore[no-untyped-def]
    qtbot, main_window, encrypted: Path, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.entries[(passphrase.SERVICE, passphrase.keyring_user(encrypted))] = "nope"
    assert main_window.open_database_file(str(encrypted)) is None
    box = main_window.findChild(QMessageBox, "openDatabaseError")
    assert box is not None and "passphrase does not open" in box.text()
    assert _opened(main_window) == []
    assert queries.list_patients(main_window.context.store, limit=5).rows  # still works


def test_the_dialog_hides_the_text_and_keeps_it_when_asked(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "cases.sqlite"
    dialog = PassphraseDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.passphrase() is None  # nothing typed
    qtbot.keyClicks(dialog.field, SECRET)
    dialog.remember.setChecked(True)
    assert dialog.passphrase() == Passphrase(SECRET)
    assert memory_keyring.entries == {(passphrase.SERVICE, passphrase.keyring_user(path)): SECRET}

"""The window's passphrase prompt for an encrypted database (when neither NETBOARD_PASSPHRASE nor
the system keyring has it): the text is not shown, and can be kept in the keyring."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from netboard import passphrase
from netboard.db.cipher import Passphrase


class PassphraseDialog(QDialog):
    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle("Encrypted database")
        self.path = path
        layout = QVBoxLayout(self)
        text = QLabel(
            f"{path.name} is encrypted. Type its passphrase to open it.\n{path.parent}", self
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.field = QLineEdit(self)
        self.field.setObjectName("passphraseField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Passphrase")
        layout.addWidget(self.field)
        self.remember = QCheckBox("Keep the passphrase in the system keyring", self)
        self.remember.setObjectName("rememberPassphrase")
        layout.addWidget(self.remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def passphrase(self) -> Passphrase | None:
        """The typed passphrase (kept in the keyring when asked); None when empty."""
        text = self.field.text()
        if not text:
            return None
        key = Passphrase(text)
        if self.remember.isChecked():
            passphrase.save_in_keyring(self.path, key)
        return key


def ask_passphrase(path: Path, parent: QWidget | None = None) -> Passphrase | None:
    """Ask for the passphrase of ``path`` (a QApplication is made when the window has none yet);
    None when cancelled."""
    if QApplication.instance() is None:
        QApplication(sys.argv[:1])
    dialog = PassphraseDialog(path, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.passphrase() if accepted else None

"""Where data lives, which database opens, who is working (netboard.config)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netboard import config


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "netboard data"
    monkeypatch.setenv(config.DATA_DIR_ENV, str(folder))
    monkeypatch.delenv(config.DATABASE_URL_ENV, raising=False)
    return folder


def test_data_dir_follows_the_environment_and_is_created(data_dir: Path) -> None:
    assert not data_dir.exists()
    assert config.data_dir() == data_dir
    assert data_dir.is_dir()


def test_data_dir_without_override_is_the_platform_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(config.DATA_DIR_ENV, raising=False)
    path = config.data_dir(create=False)  # create=False: the test writes nothing there
    assert path.name == "NETboard"
    assert path.is_absolute()


def test_real_and_demo_databases_are_separate_files_in_the_data_dir(data_dir: Path) -> None:
    real = config.sqlite_path(config.default_database_url())
    demo = config.sqlite_path(config.demo_database_url())
    assert not data_dir.exists()  # naming the files creates nothing; opening a store does
    assert real == data_dir.resolve() / "netboard.sqlite"
    assert demo == data_dir.resolve() / "demo.sqlite"
    assert real != demo


def test_url_precedence_is_flag_then_environment_then_default(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert config.database_url(None) == config.default_database_url()
    monkeypatch.setenv(config.DATABASE_URL_ENV, "postgresql+psycopg://board@db.example/net")
    assert config.database_url(None) == "postgresql+psycopg://board@db.example/net"
    assert config.database_url("  sqlite:////tmp/x.sqlite ") == "sqlite:////tmp/x.sqlite"
    monkeypatch.setenv(config.DATABASE_URL_ENV, "   ")
    assert config.database_url("") == config.default_database_url()


def test_user_name_is_the_login_and_the_environment_only_for_the_demo(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pwd

    login = pwd.getpwuid(os.getuid()).pw_name
    monkeypatch.setenv(config.USER_ENV, "Dr. Quorvenby")
    monkeypatch.setenv("USER", "someone-else")
    monkeypatch.setenv("LOGNAME", "someone-else")
    assert config.user_name(demo=True) == "Dr. Quorvenby"
    assert config.user_name() == login
    monkeypatch.delenv(config.USER_ENV)
    assert config.user_name(demo=True) == login


def test_on_a_server_the_user_is_the_database_role(monkeypatch: pytest.MonkeyPatch) -> None:
    """One role per person on a shared server: the audit author is the role that logged in."""
    monkeypatch.setenv(config.USER_ENV, "Dr. Quorvenby")
    assert config.user_name("postgresql+psycopg://dr_ilvy:secret@db.example.org/board") == "dr_ilvy"
    # NETBOARD_USER names nobody outside the demo: the login (and the server's own role later)
    assert config.user_name("postgresql+psycopg://db.example.org/board") == config.os_login()
    assert config.user_name("sqlite:////srv/board/x.sqlite") == config.os_login()


def test_sqlite_path_reads_only_file_urls() -> None:
    assert config.sqlite_path("sqlite:////srv/board/x.sqlite") == Path("/srv/board/x.sqlite")
    assert config.sqlite_path("sqlite:///relative.sqlite?mode=ro") == Path("relative.sqlite")
    assert config.sqlite_path("sqlite:///:memory:") is None
    assert config.sqlite_path("sqlite://") is None
    assert config.sqlite_path("postgresql+psycopg://u@h/db") is None


def test_sqlite_url_round_trips_a_path_with_spaces_and_unicode(tmp_path: Path) -> None:
    path = tmp_path / "Øyelund board" / "demo.sqlite"
    url = config.sqlite_url(path)
    assert url.startswith("sqlite:////")
    assert config.sqlite_path(url) == path.resolve()


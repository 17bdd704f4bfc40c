"""Where the workspace's data lives: options over environment over defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.workspace.config import DEFAULT_DATA, SQLITE_NAME, Config
from generator.workspace.errors import StorageError


def test_without_settings_the_data_folder_is_data_and_the_database_sqlite_in_it():
    config = Config.from_env({})
    assert config.data_dir == DEFAULT_DATA and config.is_sqlite
    assert config.sqlite_file == DEFAULT_DATA / SQLITE_NAME


def test_options_win_over_the_environment():
    environ = {"KEPUTUSAN_DATA": "/srv/dari-env", "KEPUTUSAN_DB_URL": "postgresql://a@db/keputusan"}
    assert Config.from_env(environ).data_dir == Path("/srv/dari-env")
    given = Config.from_env(environ, data_dir=Path("/srv/pilihan"), db_url="")
    assert given.data_dir == Path("/srv/pilihan") and given.is_sqlite


def test_a_postgresql_url_is_driven_by_psycopg_3_and_shown_without_its_password():
    config = Config.from_env({"KEPUTUSAN_DB_URL": "postgresql://keputusan:rahasia@db.lokal/keputusan"})
    assert config.url.drivername == "postgresql+psycopg" and not config.is_sqlite
    assert "rahasia" not in config.describe() and "db.lokal/keputusan" in config.describe()


@pytest.mark.parametrize("url", ["mysql://a@b/c", "bukan url sama sekali"])
def test_an_unusable_url_is_one_sentence(url):
    with pytest.raises(StorageError, match="Basis data|Alamat basis data"):
        _ = Config(Path("/tmp"), url).url

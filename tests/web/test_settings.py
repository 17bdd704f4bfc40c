"""Settings from the environment and `keputusan layani`, said in Indonesian when wrong, kept in README."""

from __future__ import annotations

import argparse
import dataclasses
import socket
from pathlib import Path

import pytest

from generator.cli import build_parser, main
from generator.web.settings import Settings, SettingsError, env_name
from scripts.update_readme import readme_with_settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_environment_then_options_override_the_defaults(tmp_path):
    environ = {
        "KEPUTUSAN_WEB_UPLOAD_MB": "20",
        "KEPUTUSAN_WEB_RETENTION_MINUTES": "30",
        "KEPUTUSAN_WEB_PDF": "tidak",
        "KEPUTUSAN_WEB_DATA_DIR": str(tmp_path),
        "KEPUTUSAN_WEB_PORT": "9000",
    }
    settings = Settings.from_env(environ, port=8080, workers=None)
    assert settings.upload_bytes == 20 * 1024 * 1024
    assert settings.retention_seconds == 1800 and settings.pdf is False
    assert settings.data_dir == tmp_path and settings.port == 8080
    assert Settings.from_env({}).upload_mb == 10 and Settings.from_env({}).retention_minutes == 60


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("KEPUTUSAN_WEB_PORT", "delapan", "KEPUTUSAN_WEB_PORT berisi 'delapan'; diharapkan bilangan bulat."),
        ("KEPUTUSAN_WEB_PDF", "mungkin", "diharapkan Ya atau Tidak"),
        ("KEPUTUSAN_WEB_UPLOAD_MB", "0", "Pengaturan upload_mb harus lebih dari 0"),
        ("KEPUTUSAN_WEB_PORT", "70000", "Porta 70000 di luar rentang 1-65535."),
    ],
)
def test_bad_settings_are_refused_in_indonesian(name, value, expected):
    with pytest.raises(SettingsError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        Settings.from_env({name: value})


def test_layani_refuses_a_bad_setting_with_one_sentence(monkeypatch, capsys):
    monkeypatch.setenv("KEPUTUSAN_WEB_WORKERS", "banyak")
    assert main(["layani"]) == 2
    err = capsys.readouterr().err
    assert "KEPUTUSAN_WEB_WORKERS berisi 'banyak'; diharapkan bilangan bulat." in err
    assert "Traceback" not in err


def test_every_setting_has_its_variable_in_readme_and_options_exist():
    text = README.read_text(encoding="utf-8")
    assert readme_with_settings(text) == text, "jalankan: python scripts/update_readme.py"
    layani = next(
        action.choices["layani"]
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    known = {flag for action in layani._actions for flag in action.option_strings}
    for item in dataclasses.fields(Settings):
        assert f"`{env_name(item.name)}`" in text
        option = item.metadata["option"]
        if option:
            assert option.split()[0] in known, option


def test_readme_shows_a_systemd_unit_and_a_proxy():
    text = README.read_text(encoding="utf-8")
    assert "[Service]" in text and "ExecStart=" in text and "keputusan layani" in text
    assert "client_max_body_size" in text and "proxy_pass http://127.0.0.1:8000" in text


def test_layani_says_in_indonesian_when_the_port_is_taken(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["layani", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"Porta {port} sudah dipakai program lain; pilih porta lain dengan --port." in err

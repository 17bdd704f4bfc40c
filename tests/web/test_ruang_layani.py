"""`keputusan layani` opens the workspace before serving, and says in one sentence when it cannot."""

from __future__ import annotations

import socket

from generator.cli import main


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_layani_refuses_a_database_it_cannot_use(tmp_path, capsys):
    code = main(
        ["layani", "--port", str(_free_port()), "--data", str(tmp_path), "--db", "mysql://x@localhost/y"]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "Basis data mysql tidak didukung; pakai PostgreSQL" in err and "Traceback" not in err


def test_layani_refuses_a_data_folder_it_cannot_write(tmp_path, capsys):
    blocked = tmp_path / "berkas-biasa"
    blocked.write_text("bukan folder")
    code = main(["layani", "--port", str(_free_port()), "--data", str(blocked / "data")])
    assert code == 1
    err = capsys.readouterr().err
    assert "tidak dapat ditulis" in err and "--data" in err and "Traceback" not in err


def test_layani_help_names_the_workspace_options(capsys):
    try:
        main(["layani", "--help"])
    except SystemExit:
        pass
    out = capsys.readouterr().out
    assert "--data FOLDER" in out and "--db URL" in out and "ruang kerja" in out

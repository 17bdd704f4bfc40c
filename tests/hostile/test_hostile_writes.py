"""Writes survive kills, full disks, odd things in the output folder, and never overwrite without --timpa.

Each case runs `keputusan` in a child under resource limits; faults are armed in that child
(tests/hostile/faults.py): a SIGKILL or a refused write at an exact moment of a write.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from generator.atomic import is_temporary
from generator.pipeline import Options, generate
from generator.writer import Entry, digest, read_stamp, stamp_path
from tests.hostile.conftest import run_limited
from tests.hostile.faults import COMMAND

OUTPUT = "Keputusan-Camat-Sale-2020.docx"
STAMP = f".{OUTPUT}.sha256"
ERROR_MARKERS = ("Traceback", "Error", "errno", "Permission denied", "No space")


def buat(workbook: Path, out: Path, *extra: str, env: dict[str, str] | None = None, faults=None):
    """`keputusan buat` in a limited child, one worker (the write happens in the child itself)."""
    args = ["buat", str(workbook), "-o", str(out), "--tanpa-gambar", "-j", "1", *extra]
    full_env = {**(env or {}), **(faults or {})}
    return run_limited(args, env=full_env, command=COMMAND if faults else None)


def buat_here(capsys, workbook: Path, out: Path, *extra: str) -> tuple[int, str]:
    """The same command in this process (for the ordinary runs around a fault): status and output."""
    from generator.cli import main

    capsys.readouterr()
    status = main(["buat", str(workbook), "-o", str(out), "--tanpa-gambar", "-j", "1", *extra])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if is_temporary(p.name)) if folder.exists() else []


def age(folder: Path, seconds: float = 120) -> None:
    """Make every leftover temporary file look ``seconds`` old (a killed run's, a while ago)."""
    past = time.time() - seconds
    for name in temporaries(folder):
        os.utime(folder / name, (past, past))


def expected_bytes(workbook: Path, tmp_path: Path) -> bytes:
    """What a clean run writes for ``workbook``."""
    result = generate(workbook, Options(out_dir=tmp_path / "bersih", figures=False))
    assert result.ok, result.error
    return result.output.read_bytes()


def assert_accepted(out: Path, data: bytes) -> None:
    """The output holds ``data`` and its stamp accepts exactly that."""
    target = out / OUTPUT
    assert target.read_bytes() == data
    entries = read_stamp(target).entries
    assert [e.digest for e in entries] == [digest(data)]


def assert_clean_text(text: str) -> None:
    for marker in ERROR_MARKERS:
        assert marker not in text, text


# --- kill -9 at each moment of a write --------------------------------------------------------------

# (checkpoint, file whose write it is, which of that file's writes): the document's temporary file, the
# stamp recorded before the rename (step 2), the rename itself, and the stamp's final rewrite (step 4).
KILL_POINTS = [
    ("temp-open", OUTPUT, 1),
    ("temp-written", OUTPUT, 1),
    ("temp-written", STAMP, 1),
    ("stamp-recorded", OUTPUT, 1),
    ("replaced", OUTPUT, 1),
    ("temp-written", STAMP, 2),
]


@pytest.mark.parametrize(
    ("point", "target", "count", "rewrite"),
    [
        (*point, rewrite)
        for point in KILL_POINTS
        for rewrite in (False, True)
        if rewrite or point[2] == 1  # a first write has no old content: its stamp is written once
    ],
)
def test_kill_at_any_moment_then_the_next_run_accepts_its_own_output(
    point, target, count, rewrite, rows, make_workbook, tmp_path, capsys
):
    out = tmp_path / "hasil"
    workbook = make_workbook(rows)
    if rewrite:  # an earlier output is there; the workbook changed since, so this run replaces it
        assert generate(workbook, Options(out_dir=out, figures=False)).written
        rows["menimbang"].append({"text": "bahwa tiga;"})
        workbook = make_workbook(rows)
    before = (out / OUTPUT).read_bytes() if rewrite else None

    killed = buat(
        workbook,
        out,
        faults={"FAULT_POINT": point, "FAULT_TARGET": target, "FAULT_COUNT": str(count)},
    )
    assert killed.returncode == -9, killed.text[-2000:]
    if (out / OUTPUT).exists():  # whatever the kill left is either the old or the new content
        assert (out / OUTPUT).read_bytes() in (before, expected_bytes(workbook, tmp_path))

    age(out)  # the next run, a few minutes later
    status, text = buat_here(capsys, workbook, out)
    assert status == 0, text
    assert "diubah" not in text and "--timpa" not in text
    assert_accepted(out, expected_bytes(workbook, tmp_path))
    assert temporaries(out) == []


def test_after_a_kill_a_persons_edit_is_still_refused(rows, make_workbook, tmp_path, capsys):
    out = tmp_path / "hasil"
    workbook = make_workbook(rows)
    assert generate(workbook, Options(out_dir=out, figures=False)).written
    rows["menimbang"].append({"text": "bahwa tiga;"})
    changed = make_workbook(rows)
    faults = {"FAULT_POINT": "stamp-recorded", "FAULT_TARGET": OUTPUT}
    assert buat(changed, out, faults=faults).returncode == -9
    assert len(read_stamp(out / OUTPUT).entries) == 2  # old and new both accepted ...
    (out / OUTPUT).write_bytes(b"diubah oleh staf")  # ... but a person's edit is neither
    status, text = buat_here(capsys, changed, out)
    assert status == 1
    assert f"{OUTPUT} sudah ada dan telah diubah sejak dibuat" in text
    assert (out / OUTPUT).read_bytes() == b"diubah oleh staf"


def test_a_temporary_file_of_a_live_process_is_kept_unless_abandoned(rows, make_workbook, tmp_path, capsys):
    out = tmp_path / "hasil"
    out.mkdir()
    live = out / f".~keputusan-{os.getpid()}-0123abcd-{OUTPUT}"
    live.write_bytes(b"ditulis saat ini oleh proses lain")
    age(out, 600)
    assert buat_here(capsys, make_workbook(rows), out)[0] == 0
    assert live.exists()
    age(out, 2 * 3600)  # no write takes hours: abandoned, whoever wrote it
    assert buat_here(capsys, make_workbook(rows), out)[0] == 0
    assert not live.exists()


# --- the system refuses: full disk, read-only folder, no permission ---------------------------------


@pytest.mark.parametrize(
    ("action", "reason", "point"),
    [
        ("enospc", "ruang disk penuh", "temp-open"),
        ("enospc", "ruang disk penuh", "temp-written"),
        ("enospc", "ruang disk penuh", "stamp-recorded"),
        ("erofs", "letaknya di penyimpanan yang hanya dapat dibaca", "temp-open"),
        ("eacces", "izin ditolak", "temp-open"),
    ],
)
def test_refused_write_is_one_sentence_and_leaves_the_old_output(
    action, reason, point, rows, make_workbook, tmp_path, capsys
):
    out = tmp_path / "hasil"
    workbook = make_workbook(rows)
    assert generate(workbook, Options(out_dir=out, figures=False)).written
    old = (out / OUTPUT).read_bytes()
    rows["menimbang"].append({"text": "bahwa tiga;"})
    changed = make_workbook(rows)
    faults = {"FAULT_POINT": point, "FAULT_TARGET": OUTPUT, "FAULT_ACTION": action}
    refused = buat(changed, out, faults=faults)
    refused.assert_clean(1)
    assert f"Tidak dapat menulis {out / OUTPUT}: {reason}" in refused.stderr
    assert_clean_text(refused.text)
    assert temporaries(out) == []
    assert (out / OUTPUT).read_bytes() == old
    assert read_stamp(out / OUTPUT).accepts(Entry(digest(old), len(old)))
    assert buat_here(capsys, changed, out)[0] == 0  # room again: written, nothing refused as edited


def _namespaces_available() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "-r", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        check=False,
    )
    if probe.returncode == 0:
        return True
    mount = ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"]
    probe = subprocess.run(mount, capture_output=True, check=False)
    return probe.returncode == 0


NAMESPACES = _namespaces_available()
needs_mount = pytest.mark.skipif(not NAMESPACES, reason="tidak dapat memasang tmpfs di namespace sendiri")


@needs_mount
def test_really_full_disk_is_one_sentence_and_nothing_half_written(rows, make_workbook, tmp_path):
    out = tmp_path / "penuh"
    out.mkdir()
    workbook = make_workbook(rows)
    script = (
        'mount -t tmpfs -o size=8k tmpfs "$0" && "$@"; status=$?; echo "--isi--"; ls -A "$0"; exit $status'
    )
    result = run_limited(
        ["buat", str(workbook), "-o", str(out), "--tanpa-gambar", "-j", "1"],
        command=["unshare", "-m", "sh", "-c", script, str(out), *_python_generator()],
    )
    result.assert_clean(1)
    assert "ruang disk penuh" in result.stderr
    listing = result.stdout.split("--isi--", 1)[1].split()
    assert listing == [], listing  # no document, no stamp, no temporary file on the full disk


@needs_mount
def test_really_read_only_folder_is_one_sentence(rows, make_workbook, tmp_path):
    out = tmp_path / "hanya-baca"
    out.mkdir()
    workbook = make_workbook(rows)
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && exec "$@"'
    result = run_limited(
        ["buat", str(workbook), "-o", str(out), "--tanpa-gambar"],
        command=["unshare", "-m", "sh", "-c", script, str(out), *_python_generator()],
    )
    result.assert_clean(1)
    reason = "letaknya di penyimpanan yang hanya dapat dibaca"
    assert f"Tidak dapat menulis ke folder {out}: {reason}" in result.stderr
    assert list(out.iterdir()) == []


def _python_generator() -> list[str]:
    import sys

    return [sys.executable, "-m", "generator"]


# --- odd things where the output or its stamp should be ---------------------------------------------


def test_folder_where_the_output_should_be(rows, make_workbook, tmp_path):
    out = tmp_path / "hasil"
    (out / OUTPUT).mkdir(parents=True)
    result = buat(make_workbook(rows), out)
    result.assert_clean(1)
    assert f"{out / OUTPUT} adalah folder, bukan berkas hasil" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [OUTPUT]


@pytest.mark.parametrize("existing", [False, True], ids=["tanpa-hasil", "dengan-hasil"])
def test_stamp_that_is_a_folder_stops_before_the_output_is_touched(existing, rows, make_workbook, tmp_path):
    out = tmp_path / "hasil"
    workbook = make_workbook(rows)
    if existing:
        assert generate(workbook, Options(out_dir=out, figures=False)).written
        stamp_path(out / OUTPUT).unlink()
        rows["menimbang"].append({"text": "bahwa tiga;"})
        workbook = make_workbook(rows)
    old = (out / OUTPUT).read_bytes() if existing else None
    (out / STAMP).mkdir(parents=True)
    result = buat(workbook, out, "--timpa")
    result.assert_clean(1)
    assert f"Cap {STAMP} di folder {out} adalah folder, bukan berkas" in result.stderr
    if existing:
        assert (out / OUTPUT).read_bytes() == old
    else:
        assert not (out / OUTPUT).exists()
    assert temporaries(out) == []


@pytest.mark.parametrize("content", [b"\xff\xfe\x00 bukan ascii \xe9", b"x" * 100_000, "é".encode()])
def test_damaged_stamp_is_refused_in_a_sentence_and_repaired_by_timpa(
    content, rows, make_workbook, tmp_path, capsys
):
    out = tmp_path / "hasil"
    workbook = make_workbook(rows)
    assert generate(workbook, Options(out_dir=out, figures=False)).written
    rows["menimbang"].append({"text": "bahwa tiga;"})
    changed = make_workbook(rows)
    (out / STAMP).write_bytes(content)
    refused = buat(changed, out)
    refused.assert_clean(1)
    assert f"capnya ({STAMP}) rusak" in refused.stderr and "--timpa" in refused.stderr
    assert buat_here(capsys, changed, out, "--timpa")[0] == 0
    assert_accepted(out, expected_bytes(changed, tmp_path))


def test_fifo_as_stamp_never_hangs(rows, make_workbook, tmp_path):
    out = tmp_path / "hasil"
    workbook = make_workbook(rows)
    assert generate(workbook, Options(out_dir=out, figures=False)).written
    (out / STAMP).unlink()
    os.mkfifo(out / STAMP)
    result = buat(workbook, out)  # same content: accepted as is, the stamp is rewritten
    result.assert_clean(0)
    assert_accepted(out, (out / OUTPUT).read_bytes())


def test_symlink_at_the_output_is_not_followed(rows, make_workbook, tmp_path, capsys):
    out = tmp_path / "hasil"
    out.mkdir()
    elsewhere = tmp_path / "penting.txt"
    elsewhere.write_text("jangan ditimpa", encoding="utf-8")
    (out / OUTPUT).symlink_to(elsewhere)
    workbook = make_workbook(rows)
    refused = buat(workbook, out)
    refused.assert_clean(1)
    assert "bukan berkas biasa" in refused.stderr
    assert buat_here(capsys, workbook, out, "--timpa")[0] == 0
    assert elsewhere.read_text(encoding="utf-8") == "jangan ditimpa"
    assert not (out / OUTPUT).is_symlink()


def test_output_folder_that_is_a_file(rows, make_workbook, tmp_path):
    out = tmp_path / "hasil"
    out.write_text("bukan folder", encoding="utf-8")
    result = buat(make_workbook(rows), out)
    result.assert_clean(1)
    assert f"{out} adalah berkas, bukan folder" in result.stderr


def test_name_too_long_is_one_sentence(rows, make_workbook, tmp_path):
    out = tmp_path / ("h" * 300)
    result = buat(make_workbook(rows), out)
    result.assert_clean(1)
    assert "namanya terlalu panjang" in result.stderr


# --- nothing is overwritten without --timpa ---------------------------------------------------------


def test_banding_keluaran_never_overwrites_without_timpa(rows, make_workbook, tmp_path):
    old, new = make_workbook(rows), make_workbook(rows)
    report = make_workbook(rows)  # another workbook that happens to sit where the report should go
    original = report.read_bytes()
    refused = run_limited(["banding", old, new, "--keluaran", report])
    refused.assert_clean(1)
    assert f"{report} sudah ada dan tidak ditimpa; pakai --timpa" in refused.stderr
    assert report.read_bytes() == original
    from generator.cli import main

    markdown = tmp_path / "perubahan.md"
    assert main(["banding", str(old), str(new), "--keluaran", str(markdown)]) == 0
    first = markdown.read_text(encoding="utf-8")
    assert main(["banding", str(old), str(new), "--keluaran", str(markdown)]) == 1
    assert main(["banding", str(old), str(new), "--keluaran", str(markdown), "--timpa"]) == 0
    assert markdown.read_text(encoding="utf-8") == first
    assert temporaries(tmp_path) == []


def test_banding_keluaran_folder_is_one_sentence(rows, make_workbook, tmp_path):
    folder = tmp_path / "laporan.md"
    folder.mkdir()
    result = run_limited(["banding", make_workbook(rows), make_workbook(rows), "--keluaran", folder])
    result.assert_clean(2)
    assert f"{folder} adalah folder, bukan berkas" in result.stderr


def test_isian_never_overwrites_without_timpa(tmp_path):
    target = tmp_path / "isian.xlsx"
    target.write_bytes(b"buku kerja staf")
    refused = run_limited(["isian", target])
    refused.assert_clean(1)
    assert "sudah ada dan tidak ditimpa" in refused.stderr
    assert target.read_bytes() == b"buku kerja staf"
    run_limited(["isian", target, "--timpa"]).assert_clean(0)
    assert target.read_bytes()[:2] == b"PK"
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    result = run_limited(["isian", folder, "--timpa"])
    result.assert_clean(1)
    assert "adalah folder, bukan berkas" in result.stderr


def test_isian_full_disk_is_one_sentence(tmp_path):
    target = tmp_path / "isian.xlsx"
    faults = {"FAULT_POINT": "temp-open", "FAULT_TARGET": target.name, "FAULT_ACTION": "enospc"}
    result = run_limited(["isian", target], env=faults, command=COMMAND)
    result.assert_clean(1)
    assert f"Tidak dapat menulis {target}: ruang disk penuh" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_killed_tahun_baru_leaves_nothing_that_is_read_or_kept(rows, make_workbook, tmp_path):
    source = make_workbook(rows)
    inputs = source.parent
    target = inputs / "sale-2021.xlsx"
    faults = {"FAULT_POINT": "temp-written", "FAULT_TARGET": target.name}
    killed = run_limited(["tahun-baru", source, "2021"], env=faults, command=COMMAND)
    assert killed.returncode == -9
    leftovers = temporaries(inputs)
    assert len(leftovers) == 1 and leftovers[0].endswith("-sale-2021.xlsx")
    assert not target.exists()

    out = tmp_path / "hasil"
    batch = run_limited(["buat", inputs, "-o", out, "--tanpa-gambar"])
    batch.assert_clean(0)
    assert leftovers[0] not in batch.text  # never taken for a workbook
    assert sorted(p.name for p in out.glob("*.docx")) == [OUTPUT]

    age(inputs)
    again = run_limited(["tahun-baru", source, "2021"])
    again.assert_clean(0)
    assert target.exists() and temporaries(inputs) == []
    refused = run_limited(["tahun-baru", source, "2021"])
    refused.assert_clean(1)
    assert "sudah ada dan tidak ditimpa" in refused.stderr


# --- PDFs follow the same rules ---------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice tidak terpasang")
def test_pdf_is_stamped_and_a_signed_copy_is_never_overwritten(rows, make_workbook, tmp_path, capsys):
    # LibreOffice needs more address space than the hostile-input limits allow: run in this process.
    from generator.cli import main

    out = tmp_path / "hasil"
    workbook = make_workbook(rows)
    args = ["buat", str(workbook), "-o", str(out), "--tanpa-gambar", "--pdf"]
    assert main(args) == 0
    pdf = out / OUTPUT.replace(".docx", ".pdf")
    assert [e.digest for e in read_stamp(pdf).entries] == [digest(pdf.read_bytes())]
    signed = pdf.read_bytes() + b"%tanda tangan elektronik\n"
    pdf.write_bytes(signed)
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "PDF gagal" in err and f"{pdf.name} sudah ada dan telah diubah" in err
    assert pdf.read_bytes() == signed
    assert temporaries(out) == []
    assert main([*args, "--timpa"]) == 0
    assert pdf.read_bytes() != signed and pdf.read_bytes().startswith(b"%PDF")

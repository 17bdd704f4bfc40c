"""`keputusan impor` with hostile files, built in the test, under 1 GB / 30 s: a pipe, a folder, a device,
a huge file get one Indonesian sentence and nothing written; an old .doc is converted by LibreOffice
offline (a linked picture is never fetched) and cut off in time (a link that blocks LibreOffice), with
no LibreOffice process and no scratch folder left behind."""

from __future__ import annotations

import http.server
import io
import os
import shutil
import subprocess
import threading
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from generator.importer.source import CONVERT_SECONDS
from tests.importer.hand_typed import build

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice tidak terpasang")


def refused(limited, source: Path, tmp_path: Path, *needles: str):
    target = tmp_path / "hasil.xlsx"
    outcome = limited(["impor", source, "-o", target])
    outcome.assert_clean(1)
    for needle in needles:
        assert needle in outcome.stderr, outcome.text
    assert not target.exists() and not list(tmp_path.glob("*lambang*"))
    return outcome


def test_a_pipe_is_never_opened_for_reading(limited, tmp_path):
    source = tmp_path / "keputusan.docx"
    os.mkfifo(source)  # open() without O_NONBLOCK would wait for a writer forever
    refused(limited, source, tmp_path, "bukan berkas biasa", "keputusan.docx")


def test_a_folder_named_like_a_document(limited, tmp_path):
    source = tmp_path / "keputusan.docx"
    source.mkdir()
    refused(limited, source, tmp_path, "adalah folder")


def test_a_link_to_an_endless_device(limited, tmp_path):
    source = tmp_path / "keputusan.docx"
    source.symlink_to("/dev/zero")
    refused(limited, source, tmp_path, "bukan berkas biasa")


def test_a_missing_file_and_a_dangling_link(limited, tmp_path):
    refused(limited, tmp_path / "tidak-ada.docx", tmp_path, "tidak ditemukan")
    dangling = tmp_path / "tautan.docx"
    dangling.symlink_to(tmp_path / "hilang.docx")
    refused(limited, dangling, tmp_path, "tidak ditemukan")


def test_a_huge_sparse_file_is_refused_before_it_is_read(limited, tmp_path):
    source = tmp_path / "besar.docx"
    with open(source, "wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(4 << 30)  # 4 GiB, nothing on disk
    refused(limited, source, tmp_path, "lebih dari 20 MB")


# ---------------------------------------------------------------------------- LibreOffice, offline


class _Requests(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        self.seen.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def server():
    """A web server on this machine that records every request it gets."""
    _Requests.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Requests)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def with_linked_picture(data: bytes, url: str) -> bytes:
    """The decree with a picture that is not in the file but linked from ``url``, as Word's
    Insert > Pictures > Link to File writes it."""
    document = docx.Document(io.BytesIO(data))
    rid = document.part.relate_to(url, RT.IMAGE, is_external=True)
    body = document.element.body
    body.insert(
        0,
        parse_xml(
            '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<w:r><w:drawing><wp:inline><wp:extent cx="720000" cy="720000"/><wp:docPr id="90" name="tautan"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic><pic:nvPicPr><pic:cNvPr id="90" name="tautan"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:link="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="720000" cy="720000"/></a:xfrm>'
            '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>'
            "</w:drawing></w:r></w:p>"
        ),
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def old_doc(tmp_path: Path, data: bytes) -> Path:
    """``data`` saved by LibreOffice as an old Word .doc, the way an office's archive holds it."""
    source = tmp_path / "bangun" / "keputusan.docx"
    source.parent.mkdir()
    source.write_bytes(data)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'bangun' / 'profil').as_uri()}", "--headless",
         "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    shutil.rmtree(source.parent)
    doc = tmp_path / "keputusan.doc"
    assert doc.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    return doc


def scratch(tmp_path: Path) -> Path:
    folder = tmp_path / "sementara"
    folder.mkdir()
    return folder


def libreoffice_running(marker: Path) -> list[str]:
    """Command lines of processes still using the scratch folder ``marker`` (a conversion's profile)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(marker) in line:
            found.append(line)
    return found


@needs_libreoffice
@pytest.mark.parametrize("kind", ["doc", "docx"])
def test_a_linked_picture_is_never_fetched(limited, tmp_path, server, kind):
    url = f"http://127.0.0.1:{server.server_address[1]}/kop.png"
    data = with_linked_picture(build("tab"), url)
    source = old_doc(tmp_path, data) if kind == "doc" else tmp_path / "keputusan.docx"
    if kind == "docx":
        source.write_bytes(data)
    _Requests.seen.clear()  # LibreOffice saving the .doc above may have asked; only the import counts
    temp = scratch(tmp_path)
    outcome = limited(["impor", source, "-o", tmp_path / "hasil.xlsx"], env={"TMPDIR": str(temp)})
    outcome.assert_clean(0, 2)
    assert (tmp_path / "hasil.xlsx").exists()
    assert _Requests.seen == []
    assert list(temp.iterdir()) == []


@needs_libreoffice
def test_a_doc_that_makes_libreoffice_wait_forever_is_cut_off(limited, tmp_path):
    """A picture linked from a named pipe: LibreOffice waits for a writer that never comes."""
    pipe = tmp_path / "kop.png"
    source = old_doc(tmp_path, with_linked_picture(build("tab"), pipe.as_uri()))
    os.mkfifo(pipe)
    temp = scratch(tmp_path)
    outcome = limited(["impor", source, "-o", tmp_path / "hasil.xlsx"], env={"TMPDIR": str(temp)})
    outcome.assert_clean(1)
    assert (
        f"tidak selesai diubah menjadi .docx oleh LibreOffice dalam {CONVERT_SECONDS} detik" in outcome.stderr
    )
    assert not (tmp_path / "hasil.xlsx").exists()
    assert libreoffice_running(temp) == []
    assert list(temp.iterdir()) == []

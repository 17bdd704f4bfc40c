"""Load on the web server: N uploads from C concurrent visitors against `keputusan layani` on 127.0.0.1.

Each visitor (its own cookie) uploads a workbook, follows its result page until the .docx can be
downloaded, downloads it and checks it is the decree the CLI makes for the same file. Reported: the
median and 95th percentile time from upload to a downloadable .docx, how many came through (nothing may
be lost), and the memory (RSS) of the server with its worker processes and LibreOffice, sampled the whole
run. Bounded: at most 500 uploads and a wall-time limit, after which the run stops and says so.

Run with `make bench-web` (or `.venv/bin/python benchmarks/web_load.py [--uploads 50] [--clients 10]`);
figures are printed and written to outputs/benchmark-web.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx2 as httpx  # noqa: E402

from generator.pipeline import Options, generate  # noqa: E402

WORKBOOKS = [ROOT / "inputs" / "sale-2020.xlsx", ROOT / "inputs" / "tempursari-2024.xlsx"]
MOST_UPLOADS = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Outcome:
    workbook: str
    seconds: float | None = None
    ok: bool = False
    note: str = ""


@dataclass
class Memory:
    """RSS samples (MB) of the server and everything it started."""

    peak_total: float = 0.0
    peak_server: float = 0.0
    peak_workers: float = 0.0
    peak_office: float = 0.0
    samples: int = 0
    last: dict[str, float] = field(default_factory=dict)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _processes() -> dict[int, tuple[int, str, float]]:
    """pid -> (parent pid, command name, RSS in MB), from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss = fields.get("VmRSS", "0 kB").split()[0]
        found[int(entry.name)] = (int(fields["PPid"]), fields["Name"].strip(), int(rss) / 1024)
    return found


def _descendants(root: int, table: dict[int, tuple[int, str, float]]) -> list[int]:
    family, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, (ppid, _, _) in table.items() if ppid == parent]
        family.extend(children)
        frontier.extend(children)
    return family


def sample_memory(server: int, memory: Memory, stop: threading.Event) -> None:
    while not stop.wait(0.5):
        table = _processes()
        if server not in table:
            return
        family = _descendants(server, table)
        own = table[server][2]
        workers = sum(table[p][2] for p in family if table[p][1].startswith("python"))
        office = sum(table[p][2] for p in family if "soffice" in table[p][1] or "oosplash" in table[p][1])
        total = own + sum(table[p][2] for p in family)
        memory.samples += 1
        memory.peak_total = max(memory.peak_total, total)
        memory.peak_server = max(memory.peak_server, own)
        memory.peak_workers = max(memory.peak_workers, workers)
        memory.peak_office = max(memory.peak_office, office)
        memory.last = {"server": own, "workers": workers, "total": total}


def expected_digests(work: Path) -> dict[str, str]:
    """The CLI's .docx for each workbook: every upload must come back byte for byte the same."""
    digests = {}
    for workbook in WORKBOOKS:
        result = generate(workbook, Options(out_dir=work / "cli", force=True))
        digests[workbook.name] = hashlib.sha256(result.output.read_bytes()).hexdigest()
    return digests


def visitor(
    base: str, uploads: list[Path], digests: dict[str, str], deadline: float, out: list[Outcome]
) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        for workbook in uploads:
            outcome = Outcome(workbook.name)
            out.append(outcome)
            start = time.monotonic()
            try:
                answer = client.post(
                    "/buat",
                    files={"buku_kerja": (workbook.name, workbook.read_bytes(), XLSX)},
                    follow_redirects=False,
                )
                if answer.status_code != 303:
                    outcome.note = f"unggah dijawab {answer.status_code}"
                    continue
                url = answer.headers["location"]
                link = None
                while link is None and time.monotonic() < deadline:
                    page = client.get(url).text
                    found = re.search(r'href="(/berkas/[^"]+/docx)"', page)
                    if found:
                        link = found.group(1)
                    elif "data-pantau" not in page:
                        outcome.note = "selesai tanpa .docx"
                        break
                    else:
                        time.sleep(0.2)
                if link is None:
                    outcome.note = outcome.note or "batas waktu habis"
                    continue
                data = client.get(link)
                outcome.seconds = time.monotonic() - start
                outcome.ok = (
                    data.status_code == 200
                    and hashlib.sha256(data.content).hexdigest() == digests[workbook.name]
                )
                if not outcome.ok:
                    outcome.note = "unduhan berbeda dari hasil CLI"
            except httpx.HTTPError as exc:
                outcome.note = f"{type(exc).__name__}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser(description="Ukur beban server web: unggahan serentak sampai .docx.")
    parser.add_argument(
        "--uploads", type=int, default=50, help="jumlah unggahan (bawaan 50, paling banyak 500)"
    )
    parser.add_argument("--clients", type=int, default=10, help="pengunjung serentak (bawaan 10)")
    parser.add_argument(
        "--workers", type=int, default=0, help="proses pekerja server (bawaan: bawaan server)"
    )
    parser.add_argument("--tanpa-pdf", action="store_true", help="server tanpa PDF dan pratinjau")
    parser.add_argument("--timeout", type=float, default=900, help="batas waktu seluruh pengukuran (detik)")
    args = parser.parse_args()
    count = max(1, min(args.uploads, MOST_UPLOADS))
    clients = max(1, min(args.clients, count))

    with tempfile.TemporaryDirectory(prefix="keputusan-beban-") as folder:
        work = Path(folder)
        digests = expected_digests(work)
        port = _free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "KEPUTUSAN_WEB_DATA_DIR": str(work / "data")}
        command = [sys.executable, "-m", "generator", "layani", "--port", str(port)]
        if args.workers:
            command += ["--pekerja", str(args.workers)]
        if args.tanpa_pdf:
            command.append("--tanpa-pdf")
        log = (work / "server.log").open("w")
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_up(base, server, work)
            memory, stop = Memory(), threading.Event()
            sampler = threading.Thread(target=sample_memory, args=(server.pid, memory, stop), daemon=True)
            sampler.start()
            idle = _total_rss(server.pid)
            load_before = os.getloadavg()
            plan = [WORKBOOKS[i % len(WORKBOOKS)] for i in range(count)]
            shares = [plan[i::clients] for i in range(clients)]
            outcomes: list[Outcome] = []
            deadline = time.monotonic() + args.timeout
            began = time.monotonic()
            threads = [
                threading.Thread(target=visitor, args=(base, share, digests, deadline, outcomes))
                for share in shares
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=max(1.0, deadline - time.monotonic() + 30))
            wall = time.monotonic() - began
            health = httpx.get(base + "/sehat", timeout=10).json()
            pdf_wall = None
            if not args.tanpa_pdf:
                pdf_wall = _wait_pdfs(base, deadline, began)
            stop.set()
            sampler.join(timeout=5)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()

    times = [o.seconds for o in outcomes if o.ok and o.seconds is not None]
    lost = [o for o in outcomes if not o.ok]
    figures = {
        "uploads": count,
        "clients": clients,
        "workers": args.workers or "bawaan",
        "pdf": not args.tanpa_pdf,
        "cpu_cores": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "wall_seconds": round(wall, 2),
        "docx_ok": len(times),
        "lost": [f"{o.workbook}: {o.note}" for o in lost],
        "seconds_to_docx_median": round(statistics.median(times), 2) if times else None,
        "seconds_to_docx_p95": round(percentile(times, 0.95), 2) if times else None,
        "seconds_to_docx_max": round(max(times), 2) if times else None,
        "rss_mb_idle_total": round(idle, 1),
        "rss_mb_peak_total": round(memory.peak_total, 1),
        "rss_mb_peak_server": round(memory.peak_server, 1),
        "rss_mb_peak_workers": round(memory.peak_workers, 1),
        "rss_mb_peak_libreoffice": round(memory.peak_office, 1),
        "queue_when_docx_done": health,
        "seconds_until_every_pdf_and_preview": round(pdf_wall, 2) if pdf_wall is not None else None,
    }
    for key, value in figures.items():
        print(f"{key:28} {value}")
    out = ROOT / "outputs" / "benchmark-web.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    print(
        f"Ditulis ke {out.relative_to(ROOT)}. Mesin bersama dan sibuk: angka waktu bergantung pada bebannya."
    )
    return 0 if not lost and len(outcomes) == count else 1


def _wait_pdfs(base: str, deadline: float, began: float) -> float | None:
    """Seconds from the first upload until every PDF and its previews are made (None past the deadline)."""
    while time.monotonic() < deadline:
        counts = httpx.get(base + "/sehat", timeout=10).json()
        if counts["antre_pdf"] == 0 and counts["jalan_pdf"] == 0:
            return time.monotonic() - began
        time.sleep(0.5)
    return None


def _total_rss(pid: int) -> float:
    table = _processes()
    return table[pid][2] + sum(table[p][2] for p in _descendants(pid, table))


def _wait_up(base: str, server: subprocess.Popen, work: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("server berhenti saat mulai:\n" + (work / "server.log").read_text()[-3000:])
        try:
            if httpx.get(base + "/sehat", timeout=2).status_code == 200:
                time.sleep(1.0)  # let the workers finish importing the core
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server tidak menjawab dalam 60 detik")


if __name__ == "__main__":
    sys.exit(main())

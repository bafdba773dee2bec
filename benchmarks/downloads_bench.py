"""Dashboard downloads under load: requests per second of ``/download/*`` with 20 concurrent
clients, this checkout against a baseline commit, each served by ``dashboard.serve.serve``
(what ``tada dashboard`` runs) in its own process on 127.0.0.1.

The baseline made the export afresh for every request; the checkout makes it once per
version of ``public.duckdb``. Both serve the same database file.

    python benchmarks/downloads_bench.py [--baseline REF] [--clients 20] [--seconds 20]
                                         [--public-db FILE] [--json]

Without --public-db, the dashboard tests' fixture database (``tests/dashboard/
public_fixture.py``) is built in a scratch directory.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "95f599ac3b96651a2d7487c31ce8b212d20ab750"  # before downloads were cached
NAMES = ("scorecard_platform.csv", "policy_elements.json", "scorecards.xlsx",
         "scorecards-csv.zip", "cif_curve.parquet")
SERVER = ("import sys; from dashboard.serve import serve; "
          "serve(sys.argv[1], '127.0.0.1', int(sys.argv[2]), echo=lambda _l: None)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fixture_db(work: Path) -> Path:
    spec = importlib.util.spec_from_file_location(
        "bench_public_fixture", ROOT / "tests" / "dashboard" / "public_fixture.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build(work / "public.duckdb")


def _checkout(ref: str, into: Path) -> Path:
    """The sources at ``ref``, unpacked from git (the checkout's datasets are shared)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True,
                             capture_output=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _wait_up(port: int, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def _load(port: int, clients: int, seconds: float) -> dict:
    done, errors, lock = [0], [0], threading.Lock()
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        i = index
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while time.monotonic() < stop:
            name = NAMES[i % len(NAMES)]
            i += 1
            try:
                conn.request("GET", f"/download/{name}")
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            with lock:
                done[0] += ok
                errors[0] += not ok
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.monotonic() - started
    return {"requests": done[0], "errors": errors[0], "seconds": round(elapsed, 1),
            "per_second": round(done[0] / elapsed, 1)}


def run(source: Path, data_dir: Path, clients: int, seconds: float) -> dict:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(source), "TADA_DATASETS": str(ROOT / "datasets")}
    log = data_dir.parent / f"server-{port}.log"  # a file: a full pipe would stall the server
    with log.open("w") as sink:
        proc = subprocess.Popen([sys.executable, "-c", SERVER, str(data_dir), str(port)],
                                cwd=source, env=env, stdout=subprocess.DEVNULL, stderr=sink)
        try:
            _wait_up(port, proc, log)
            return _load(port, clients, seconds)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--public-db", type=Path, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tada-downloads-bench-") as tmp:
        work = Path(tmp)
        data_dir = work / "var"
        data_dir.mkdir()
        if args.public_db:
            shutil.copyfile(args.public_db, data_dir / "public.duckdb")
        else:
            _fixture_db(data_dir)
        baseline = _checkout(args.baseline, work / "baseline")
        report = {"clients": args.clients, "baseline_ref": args.baseline,
                  "baseline": run(baseline, data_dir, args.clients, args.seconds),
                  "checkout": run(ROOT, data_dir, args.clients, args.seconds)}
    base, new = report["baseline"]["per_second"], report["checkout"]["per_second"]
    report["ratio"] = round(new / base, 1) if base else None
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for name in ("baseline", "checkout"):
        r = report[name]
        print(f"{name:<9} {r['per_second']:8.1f} req/s  ({r['requests']} requests, "
              f"{r['errors']} errors, {r['seconds']} s, {args.clients} clients)")
    print(f"ratio     {report['ratio']}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Issue 16 items 5 and 7: one writing command at a time in a data directory (wait with a
message, then name the holder), leftovers of killed runs swept up by the next run, and data
files private to their owner (0600, folders 0700)."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.lock import LOCK_NAME, hold, read_holder

TIMEOUT = 120
HOLDER = ("import sys, time; from pathlib import Path; from core.lock import hold\n"
          "with hold(Path(sys.argv[1]), 'tada score'):\n"
          "    print('held', flush=True); time.sleep(float(sys.argv[2]))\n")
LOG = ("case_ref,item_ref,platform,content_url,reported_at,first_response_at,removed_at,"
       "outcome,channel,follow_ups,victim_gender,perpetrator_relation\n"
       "C1,1,Telegram,https://t.me/x/1,2022-01-03 10:00,,2022-01-04 10:00,removed,web_form,0,"
       "female,former_partner\n")


def tada(root: Path, *args: str, timeout_s: str = "30") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from tada.cli import main; main()",
                           "--data-dir", str(root), "--lang", "en", *args],
                          capture_output=True, text=True, timeout=TIMEOUT,
                          env={**os.environ, "TADA_LOCK_TIMEOUT": timeout_s})


@pytest.fixture
def data(pack_data, tmp_path: Path) -> Path:
    root = tmp_path / "var"
    shutil.copytree(pack_data.root, root)
    return root


@pytest.fixture
def holder(data: Path):
    """Start a process holding ``data`` as `tada score` for the given seconds."""
    started: list[subprocess.Popen] = []

    def start(seconds: float) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(data), str(seconds)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "held"
        started.append(proc)
        return proc

    yield start
    for proc in started:
        proc.kill()
        proc.wait()


def test_a_writer_waits_for_the_holder_with_a_message_then_runs(data: Path, holder):
    holder(3)
    began = time.monotonic()
    done = tada(data, "export", "scorecards")
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - began >= 2
    assert "in use by `tada score`" in done.stderr and "waiting" in done.stderr
    assert (data / "exports" / "scorecard_platform.csv").is_file()


def test_ingest_gives_up_after_the_timeout_naming_the_holder(data: Path, holder, tmp_path):
    proc = holder(60)
    log = tmp_path / "log.csv"
    log.write_text(LOG)
    done = tada(data, "ingest", str(log), "--as-of", "2022-02-01", timeout_s="2")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert f"still in use by `tada score` (process {proc.pid}" in done.stderr
    assert read_holder(data).pid == proc.pid


def test_help_never_waits(data: Path, holder):
    holder(60)
    began = time.monotonic()
    done = tada(data, "score", "--help", timeout_s="30")
    assert done.returncode == 0 and time.monotonic() - began < 20


def test_a_killed_holder_never_blocks(data: Path, holder):
    proc = holder(60)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = tada(data, "export", "scorecards", timeout_s="0")
    assert done.returncode == 0, done.stderr
    assert "waiting" not in done.stderr


def test_the_lock_file_records_the_holder_only_while_held(tmp_path: Path):
    with hold(tmp_path, "tada ingest", timeout=0):
        assert read_holder(tmp_path).command == "tada ingest"
        assert stat.S_IMODE((tmp_path / LOCK_NAME).stat().st_mode) == 0o600
    assert read_holder(tmp_path) is None


def _age(path: Path, seconds: float = 3600) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_the_next_run_sweeps_up_what_killed_runs_left(data: Path):
    stale = [data / ".public.duckdb.4194303.tmp", data / ".public.duckdb.4194303.tmp.wal",
             data / "exports" / ".export-abc123", data / "packs" / ".evidence-x.partial-4194303",
             data / "packs" / ".evidence-x.zip.partial-4194303",
             data / "archive" / "warc" / ".page.html.k3j2.tmp",
             data / "archive" / "warc" / "crawl-1.warc.gz.part", data / "orphan.duckdb.wal"]
    kept = [data / "archive" / "warc" / ".fresh.html.a1b2.tmp",  # may be a crawl at work
            data / "warehouse.duckdb.wal",  # DuckDB replays it: it may hold committed work
            data / "exports" / "notes.txt"]
    for path in stale + kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.name.startswith((".export-", ".evidence-x.partial")):
            path.mkdir()
            (path / "half.csv").write_text("x")
        else:
            path.write_text("left over")
    for path in stale:
        _age(path)
    assert (data / "warehouse.duckdb").exists()
    done = tada(data, "export", "scorecards")
    assert done.returncode == 0, done.stderr
    assert [p for p in stale if p.exists()] == []
    assert all(p.exists() for p in kept)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_data_files_are_private(tmp_path: Path):
    root = tmp_path / "fresh" / "var"
    log = tmp_path / "log.csv"
    log.write_text(LOG)
    done = tada(root, "ingest", str(log), "--as-of", "2022-02-01")
    assert done.returncode == 0, done.stderr
    assert _mode(root) == 0o700
    assert _mode(root / "warehouse.duckdb") == 0o600
    assert _mode(root / "secret.key") == 0o600


def test_exports_are_private(data: Path):
    done = tada(data, "export", "scorecards", "--format", "csv,json,parquet")
    assert done.returncode == 0, done.stderr
    assert _mode(data / "exports") == 0o700
    files = list((data / "exports").iterdir())
    assert files and all(_mode(f) == 0o600 for f in files), [(f.name, oct(_mode(f)))
                                                             for f in files]


def test_a_nested_hold_in_one_process_does_not_wait_for_itself(tmp_path: Path):
    with hold(tmp_path, "tada demo", timeout=0), hold(tmp_path, "tada crawl", timeout=0):
        assert read_holder(tmp_path).command == "tada demo"

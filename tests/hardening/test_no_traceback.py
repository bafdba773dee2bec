"""Issue 16 item 5: every bad input to every command ends as a clear message and exit 2
(1 for a pack that fails verification), never a traceback.

Each case runs ``tada`` in its own process, as a user would. A read-only data directory is a
real read-only mount when the tests run as root (a private mount namespace), else a folder
without write permission."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from scoring.dsa.synthetic import write_day

TIMEOUT = 120
HEADER = ("case_ref,item_ref,platform,content_url,reported_at,first_response_at,removed_at,"
          "outcome,channel,follow_ups,victim_gender,perpetrator_relation")


def _row(**over: str) -> str:
    row = {"case_ref": "CASE-001", "item_ref": "1", "platform": "Telegram",
           "content_url": "https://t.me/example/1", "reported_at": "2022-01-03 10:00",
           "first_response_at": "", "removed_at": "2022-01-04 10:00", "outcome": "removed",
           "channel": "web_form", "follow_ups": "0", "victim_gender": "female",
           "perpetrator_relation": "former_partner"}
    row.update(over)
    return ",".join(row.values())


def _log(path: Path, *rows: str, header: str = HEADER) -> str:
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return str(path)


def _can_mount_read_only() -> bool:
    return os.geteuid() == 0 and shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-m", "true"], capture_output=True).returncode == 0


READ_ONLY_MOUNT = _can_mount_read_only()


def tada(data_dir: Path, *args: str, read_only: bool = False, lang: str = "en",
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from tada.cli import main; main()",
               "--data-dir", str(data_dir), "--lang", lang, *args]
    if read_only and READ_ONLY_MOUNT:
        script = ('mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"')
        command = ["unshare", "-m", "sh", "-c", script, str(data_dir), *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                          env={**os.environ, "TADA_LOCK_TIMEOUT": "5", **(env or {})})


def _read_only(root: Path) -> None:
    if READ_ONLY_MOUNT:
        return  # mounted read-only inside the command's own namespace
    if os.geteuid() == 0:
        pytest.skip("needs either a private mount namespace or a non-root user")
    for folder, _dirs, _files in os.walk(root):
        os.chmod(folder, 0o555)


@dataclass
class Case:
    id: str
    args: Callable[[Path], list[str]]  # from a scratch folder to the command's arguments
    data: str = "empty"  # empty | published | published_ro | key_link | key_dir
    code: int = 2
    expect: tuple[str, ...] = field(default_factory=tuple)  # words the message must hold
    env: dict[str, str] = field(default_factory=dict)  # the command's environment, added


CASES = [
    # ingest: the case-log probes of the issue (fixed by the case-log reader and validator,
    # and by the key checks in core/paths.py)
    Case("ingest-cell-over-131072", lambda d: ["ingest", _long_cell(d)]),
    Case("ingest-garbage-latin-1", lambda d: ["ingest", _garbage(d), "--encoding", "latin-1"]),
    Case("ingest-year-0001", lambda d: ["ingest", _log(d / "y1.csv", _row(
        reported_at="0001-01-01"))]),
    Case("ingest-year-9999", lambda d: ["ingest", _log(d / "y9.csv", _row(
        removed_at="9999-12-31 23:59"))]),
    Case("ingest-as-of-9999", lambda d: ["ingest", _log(d / "ok.csv", _row()),
                                         "--as-of", "9999-12-31"]),
    Case("ingest-follow-ups-huge", lambda d: ["ingest", _log(d / "fu.csv", _row(
        follow_ups="99999999999999999999"))]),
    Case("ingest-bad-timezone", lambda d: ["ingest", _log(d / "ok.csv", _row()),
                                           "--timezone", "Mars/Olympus_Mons"]),
    Case("ingest-missing-file", lambda d: ["ingest", str(d / "nope.csv")]),
    Case("ingest-read-only-data-dir", lambda d: ["ingest", _log(d / "ok.csv", _row())],
         data="published_ro", expect=("data directory",)),
    Case("ingest-key-dangling-link", lambda d: ["ingest", _log(d / "ok.csv", _row())],
         data="key_link"),
    Case("ingest-key-is-a-directory", lambda d: ["ingest", _log(d / "ok.csv", _row())],
         data="key_dir"),
    Case("ingest-memory-limit-env-lots", lambda d: ["ingest", _log(d / "ok.csv", _row())],
         expect=("TADA_MEMORY_LIMIT",), env={"TADA_MEMORY_LIMIT": "lots"}),
    Case("dsa-memory-limit-env-lots", lambda d: ["dsa", "import", str(write_day(
        d / "dumps", dt.date(2025, 8, 1), 50))],
         expect=("TADA_MEMORY_LIMIT",), env={"TADA_MEMORY_LIMIT": "lots"}),
    # score
    Case("score-memory-limit-lots", lambda d: ["score", "--memory-limit", "lots"],
         data="published", expect=("memory limit",)),
    Case("score-binary-methodology", lambda d: ["score", "--methodology", _binary(d)],
         data="published"),
    Case("score-missing-methodology", lambda d: ["score", "--methodology", str(d / "no.yaml")],
         data="published"),
    Case("score-read-only-data-dir", lambda d: ["score"], data="published_ro",
         expect=("data directory",)),
    Case("score-nothing-to-score", lambda d: ["score"]),
    # export
    Case("export-read-only-data-dir", lambda d: ["export", "scorecards"], data="published_ro",
         expect=("data directory",)),
    Case("export-bad-format", lambda d: ["export", "scorecards", "--format", "pdf"],
         data="published"),
    Case("export-no-public-db", lambda d: ["export", "scorecards"]),
    Case("export-out-is-a-file", lambda d: ["export", "scorecards", "--out", _file(d)],
         data="published"),
    # evidence
    Case("evidence-lang-xx", lambda d: ["evidence", "--platform", "facebook", "--lang", "xx"],
         data="published", expect=("xx",)),
    Case("evidence-read-only-data-dir", lambda d: ["evidence", "--platform", "facebook"],
         data="published_ro", expect=("data directory",)),
    Case("evidence-unknown-platform", lambda d: ["evidence", "--platform", "nope"],
         data="published"),
    Case("evidence-no-public-db", lambda d: ["evidence", "--platform", "facebook"]),
    # dashboard
    Case("dashboard-host-256", lambda d: ["dashboard", "--host", "256.1.1.1", "--port",
                                          "18731"], expect=("256.1.1.1",)),
    Case("dashboard-host-not-here", lambda d: ["dashboard", "--host", "192.0.2.1", "--port",
                                               "18732"]),
    Case("dashboard-port-0", lambda d: ["dashboard", "--port", "0"]),
    # crawl, classify, figures, demo, verify
    Case("crawl-bad-mirror-date", lambda d: ["crawl", "--mirror-date", "2024-13-45"]),
    Case("crawl-read-only-data-dir", lambda d: ["crawl"], data="published_ro",
         expect=("data directory",)),
    Case("watch-read-only-data-dir", lambda d: ["watch"], data="published_ro",
         expect=("data directory",)),
    Case("watch-bad-mirror-date", lambda d: ["watch", "--mirror-date", "2024-13-01"]),
    Case("dsa-import-missing-dump", lambda d: ["dsa", "import", str(d / "nope.zip")]),
    Case("dsa-import-read-only-data-dir", lambda d: ["dsa", "import", _file(d)],
         data="published_ro", expect=("data directory",)),
    Case("classify-missing-file", lambda d: ["classify", str(d / "nope.html")]),
    Case("classify-bad-lang", lambda d: ["classify", _file(d), "--lang", "xx"]),
    Case("figures-no-warehouse", lambda d: ["figures"]),
    Case("demo-read-only-data-dir", lambda d: ["demo", "--no-serve"], data="published_ro",
         expect=("data directory",)),
    Case("verify-missing-pack", lambda d: ["verify", str(d / "nope.zip")]),
    Case("verify-not-a-zip", lambda d: ["verify", _file(d)]),
    Case("verify-dev-zero-bag-info", lambda d: ["verify", _dev_zero_pack(d)], code=1,
         expect=("bag-info.txt",)),
]


def _long_cell(d: Path) -> str:
    return _log(d / "long.csv", _row() + "," + "x" * 131_073, header=HEADER + ",notes")


def _garbage(d: Path) -> str:
    path = d / "garbage.csv"
    path.write_bytes(HEADER.encode() + b"\n" + bytes(range(256)) * 64 + b"\x00\n\x00")
    return str(path)


def _binary(d: Path) -> str:
    path = d / "methodology.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
    return str(path)


def _file(d: Path) -> str:
    path = d / "plain.txt"
    path.write_text("not what was asked for\n")
    return str(path)


def _dev_zero_pack(d: Path) -> str:
    pack = d / "pack"
    (pack / "data").mkdir(parents=True)
    (pack / "bagit.txt").write_text("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    (pack / "bag-info.txt").symlink_to("/dev/zero")
    return str(pack)


def _data_dir(kind: str, scratch: Path, published: Path) -> Path:
    root = scratch / "var"
    if kind == "empty":
        return root
    shutil.copytree(published, root)
    if kind == "published_ro":
        _read_only(root)
    elif kind == "key_link":
        (root / "secret.key").unlink(missing_ok=True)
        (root / "secret.key").symlink_to(scratch / "gone.key")
    elif kind == "key_dir":
        (root / "secret.key").unlink(missing_ok=True)
        (root / "secret.key").mkdir()
    return root


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_bad_input_gives_a_message_not_a_traceback(case: Case, tmp_path: Path, pack_data):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    root = _data_dir(case.data, scratch, pack_data.root)
    done = tada(root, *case.args(scratch), read_only=case.data == "published_ro", env=case.env)
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output[-3000:]
    assert done.returncode == case.code, output[-3000:]
    message = done.stderr.strip() or done.stdout.strip()
    assert message
    for word in case.expect:
        assert word in output, output[-2000:]


MINE = ["score-memory-limit-lots", "ingest-memory-limit-env-lots", "evidence-lang-xx",
        "dashboard-host-256", "export-read-only-data-dir"]


@pytest.mark.parametrize("case", [c for c in CASES if c.id in MINE], ids=lambda c: c.id)
def test_the_message_is_in_traditional_chinese_too(case: Case, tmp_path: Path, pack_data):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    root = _data_dir(case.data, scratch, pack_data.root)
    done = tada(root, *case.args(scratch), read_only=case.data == "published_ro", env=case.env,
                lang="zh-Hant")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in done.stderr), done.stderr

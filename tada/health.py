"""The checks behind ``tada doctor``: what this machine has, what is missing, how to fix it.

Each check returns what it found and, when something is missing, the exact command that
adds it. Required checks stop the toolkit from working; optional ones each disable one
feature (Chinese in evidence packs, ``--render-js``).
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.paths import DataDir
from crawlers import browser
from evidence import fonts

MIN_PYTHON = (3, 11)
MIN_DUCKDB = (1, 1)
MIN_FREE_BYTES = 500 * 1024 * 1024


@dataclass(frozen=True)
class Check:
    key: str                         # doctor.check.<key> names it
    ok: bool
    found: tuple[str, dict[str, str]]  # message id and fields: what was found
    fix: str | None = None           # the command that fixes it (None: see doctor.fix.<key>)
    required: bool = True


def _python() -> str:
    """How to call this interpreter from the current directory."""
    exe = Path(sys.executable)
    try:
        return shlex.quote(str(exe.relative_to(Path.cwd())))
    except ValueError:
        return shlex.quote(str(exe))


def _sudo() -> str:
    return "" if os.geteuid() == 0 else "sudo "


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    return Check("python", sys.version_info[:2] >= MIN_PYTHON, ("doctor.found.version",
                 {"version": version}), f"{_sudo()}apt-get install -y python3")


def check_duckdb() -> Check:
    try:
        import duckdb
    except ImportError:
        return Check("duckdb", False, ("doctor.found.absent", {}),
                     f"{_python()} -m pip install 'duckdb>=1.1'")
    parts = tuple(int(p) for p in duckdb.__version__.split(".")[:2] if p.isdigit())
    return Check("duckdb", parts >= MIN_DUCKDB,
                 ("doctor.found.version", {"version": duckdb.__version__}),
                 f"{_python()} -m pip install -U 'duckdb>=1.1'")


def _existing(path: Path) -> Path:
    """``path`` or its nearest existing parent (a data directory not made yet)."""
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_data_dir(data: DataDir) -> Check:
    where = _existing(data.root)
    try:
        with tempfile.NamedTemporaryFile(dir=where, prefix=".tada-doctor-"):
            writable = True
    except OSError:
        writable = False
    key = "doctor.found.writable" if writable else "doctor.found.not_writable"
    return Check("data_dir", writable, (key, {"path": str(data.root)}),
                 f"chmod u+w {shlex.quote(str(where))}")


def check_disk(data: DataDir) -> Check:
    where = _existing(data.root)
    free = shutil.disk_usage(where).free
    return Check("disk", free >= MIN_FREE_BYTES,
                 ("doctor.found.free", {"gb": f"{free / 1e9:.1f}", "path": str(where),
                                        "need_mb": str(MIN_FREE_BYTES // (1024 * 1024))}))


def check_secret_key(data: DataDir) -> Check:
    path = data.secret_key_path
    if not path.exists():
        return Check("secret_key", True, ("doctor.found.key_absent", {}))
    mode = stat.S_IMODE(path.stat().st_mode)
    return Check("secret_key", mode == 0o600, ("doctor.found.mode", {"mode": f"{mode:04o}"}),
                 f"chmod 600 {shlex.quote(str(path))}")


def check_cjk_font() -> Check:
    try:
        font = fonts.find_cjk_font()
    except fonts.MissingFont as exc:  # TADA_CJK_FONT names no usable font
        return Check("cjk_font", False, ("doctor.found.error", {"error": str(exc)}),
                     f"unset {fonts.ENV}", required=False)
    if font is None:
        return Check("cjk_font", False, ("doctor.found.absent", {}), fonts.install_command(),
                     required=False)
    return Check("cjk_font", True, ("doctor.found.font", {"family": font.family,
                                                          "path": str(font.path)}),
                 required=False)


def check_chromium() -> Check:
    found = browser.find_chromium()
    if found is None:
        return Check("chromium", False, ("doctor.found.absent", {}), browser.install_command(),
                     required=False)
    return Check("chromium", True, ("doctor.found.path", {"path": found}), required=False)


def check_playwright() -> Check:
    present = importlib.util.find_spec("scrapy_playwright") is not None
    return Check("playwright", present,
                 ("doctor.found.installed" if present else "doctor.found.absent", {}),
                 f"{_python()} -m pip install -e '.[js]'", required=False)


def run_checks(data: DataDir) -> list[Check]:
    """Every check, required ones first."""
    checks: list[Callable[[], Check]] = [
        check_python, check_duckdb, lambda: check_data_dir(data), lambda: check_disk(data),
        lambda: check_secret_key(data), check_cjk_font, check_chromium, check_playwright]
    return [run() for run in checks]

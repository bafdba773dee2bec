"""House style that a test can hold: ruff clean, small modules, SQL kept in .sql files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("core", "tada", "crawlers", "scoring", "evidence", "dashboard")
MAX_LINES = 400


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (it comes with the test extra)")
    result = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]


def test_no_module_is_over_the_limit():
    long = [f"{p.relative_to(ROOT)}: {n}" for package in PACKAGES
            for p in (ROOT / package).rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert long == []


def test_datasets_is_data_only():
    assert not list((ROOT / "datasets").rglob("*.py"))

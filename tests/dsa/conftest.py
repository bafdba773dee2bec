"""Fixtures for the DSA Transparency Database import (helpers in helpers.py, importable as
``dsa_test_helpers``)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from scoring.dsa.synthetic import write_day

_spec = importlib.util.spec_from_file_location("dsa_test_helpers",
                                               Path(__file__).with_name("helpers.py"))
h = importlib.util.module_from_spec(_spec)
sys.modules["dsa_test_helpers"] = h
_spec.loader.exec_module(h)


@pytest.fixture
def synthetic_day(tmp_path: Path) -> Callable[..., Path]:
    """Write a small synthetic day (several parts, NCII rows, duplicates) and return its zip."""

    def make(day: str = "2025-08-01", rows: int = 3000, folder: str = "dumps",
             **kwargs: object) -> Path:
        options = {"ncii_rate": 0.05, "dup_rate": 0.02, "rows_per_csv": 700,
                   "csvs_per_part": 2, "compresslevel": 1, **kwargs}
        return write_day(tmp_path / folder, dt.date.fromisoformat(day), rows, **options)

    return make


@pytest.fixture
def real_samples() -> list[Path]:
    files = sorted(h.REAL_SAMPLES.glob("sor-global-*.csv")) if h.REAL_SAMPLES.is_dir() else []
    if not files:
        pytest.skip("the real TDB samples (../shared/research/dsa) are not present")
    return files

"""Fixtures for the DSA Transparency Database import (helpers in helpers.py, importable as
``dsa_test_helpers``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import dsa_test_helpers as h  # registered by tests/conftest.py
import pytest

from scoring.dsa.synthetic import write_day


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

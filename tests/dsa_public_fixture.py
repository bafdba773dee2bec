"""A data directory the toolkit itself built with EU DSA Transparency Database figures: the
sample case log, then synthetic TDB days (one inside the case log's period, one after it)
imported and scored, for the dashboard, export, evidence and demo tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.paths import SAMPLE_CASE_LOG, DataDir
from scoring.caselog.ingest import ingest
from scoring.dsa.importer import import_dumps
from scoring.dsa.synthetic import write_day
from scoring.score import build

# 2023-03-15 is in the case log's last full quarter (2023-Q1); 2025-08-01 is schema v2.
DAYS = ("2023-03-15", "2025-08-01")


def build_data_dir(root: Path, *, synthetic: bool = True, rows: int = 3000,
                   days: tuple[str, ...] = DAYS) -> DataDir:
    """Ingest the sample, import synthetic days (from the demo's folder when ``synthetic``,
    else from a folder the toolkit does not know as synthetic), score."""
    data = DataDir(root)
    ingest(SAMPLE_CASE_LOG, data, as_of=dt.date(2023, 4, 30))
    folder = data.dsa_synthetic if synthetic else root / "dumps"
    zips = [write_day(folder, dt.date.fromisoformat(day), rows, ncii_rate=0.05, dup_rate=0.02,
                      rows_per_csv=1000, csvs_per_part=2, compresslevel=1, seed=7)
            for day in days]
    import_dumps(zips, data)
    build(data)
    return data

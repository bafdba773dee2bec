"""Leftovers of killed runs, removed by the next command that writes.

Only files this toolkit makes and names itself are touched, and only while the caller holds
the data directory's lock (``core.lock``), so no tada command is writing them. Files a crawl
run outside that lock may be writing (``scrapy crawl``) are removed only when they have not
changed for ``STALE_AFTER`` seconds. A DuckDB write-ahead log next to its database is never
removed: DuckDB replays it on the next open, and it may hold committed work.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

STALE_AFTER = 600.0
# (folder inside the data directory, glob): names made by this toolkit's own writers.
_OWN = (
    ("", ".public.duckdb.*.tmp"), ("", ".public.duckdb.*.tmp.wal"),  # scoring.score
    ("exports", ".export-*"),  # core.export scratch folders
    ("packs", ".*.partial-*"),  # evidence.build staging and zip
)
_ARCHIVE = (".*.tmp", "*.part")  # crawlers.atomic temp files, crawlers' unfinished WARCs


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def sweep(root: Path, now: float | None = None) -> list[Path]:
    """Remove leftovers in the data directory ``root``; returns what was removed."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    for folder, pattern in _OWN:
        removed += [p for p in (root / folder).glob(pattern)]
    archive = root / "archive"
    for pattern in _ARCHIVE:
        for path in archive.rglob(pattern) if archive.is_dir() else ():
            try:
                if now - path.lstat().st_mtime > STALE_AFTER:
                    removed.append(path)
            except OSError:
                continue
    # A log whose database is gone cannot be replayed into anything it belongs to.
    removed += [wal for wal in root.glob("*.duckdb.wal")
                if not wal.with_name(wal.name[:-len(".wal")]).exists()]
    for path in removed:
        _remove(path)
    return removed

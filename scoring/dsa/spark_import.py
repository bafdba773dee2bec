"""``tada dsa import --engine spark`` and ``tada dsa stage``: find, verify and stage the dumps,
run the Spark job, load its result. Same days, same checks, same tables as the DuckDB import.

Spark, Java and the master are checked before anything is read or written. Days already
imported from the same files are skipped before staging (Spark is not started for nothing).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from core.paths import PLATFORMS_DIR, DataDir
from core.registry import load_registry
from scoring.dsa import definition as ncii_definition
from scoring.dsa import engine_spark, loader, spark_env
from scoring.dsa.importer import DayResult, _result, _unchanged, open_warehouse, platform_names
from scoring.dsa.sources import Day, discover, verify
from scoring.dsa.staging import stage


def stage_dumps(paths: Iterable[Path], folder: Path, platforms: Iterable[str] = (),
                since: dt.date | None = None, until: dt.date | None = None,
                skip: Callable[[Day, str, str], bool] | None = None,
                progress: Callable[[Day], None] | None = None,
                workers: int = 4) -> tuple[dict[str, Any] | None, list[Day]]:
    """Verify the days in ``paths`` and stage those not skipped into ``folder``;
    returns (the staging manifest, None when nothing was staged; the skipped days)."""
    definition = ncii_definition.load()
    registry = load_registry(PLATFORMS_DIR)
    names = platform_names(registry, platforms)
    filter_key = ",".join(names or [])
    todo, skipped = [], []
    for day in discover(paths, since, until):
        if progress:
            progress(day)
        verify(day)
        if skip and skip(day, definition.version, filter_key):
            skipped.append(day)
        else:
            todo.append(day)
    manifest = stage(todo, folder, definition, names, registry, workers) if todo else None
    return manifest, skipped


def import_dumps(paths: Iterable[Path], data_dir: DataDir, platforms: Iterable[str] = (),
                 since: dt.date | None = None, until: dt.date | None = None,
                 master: str | None = None, staging: Path | None = None,
                 progress: Callable[[Day], None] | None = None,
                 step: Callable[[str], None] | None = None,
                 spark: Any = None) -> list[DayResult]:
    """Import with Spark; ``staging`` (kept) or a temporary folder in the data directory
    (removed). ``spark``: a running session to use (else one is started and stopped)."""
    if spark is None:
        spark_env.preflight(master or spark_env.DEFAULT_MASTER)
    con = open_warehouse(data_dir)
    try:
        def unchanged(day: Day, version: str, filter_key: str) -> bool:
            return _unchanged(con, day, version, filter_key)

        with tempfile.TemporaryDirectory(prefix="dsa-spark-", dir=data_dir.root) as tmp:
            folder = staging or Path(tmp) / "staging"
            staged, skipped = stage_dumps(paths, folder, platforms, since, until, unchanged,
                                        progress)
            done = [_result(con, day, "unchanged") for day in skipped]
            con.close()
            if staged:
                done += _run_and_load(folder, data_dir, master, step, spark)
    finally:
        con.close()
    return sorted(done, key=lambda r: (r.day, r.dump))


def _run_and_load(folder: Path, data_dir: DataDir, master: str | None,
                  step: Callable[[str], None] | None, spark: Any) -> list[DayResult]:
    out = folder / "result"
    if step:
        step("start")
    try:
        if spark is not None:
            engine_spark.run(spark, str(folder.resolve()), str(out.resolve()), step,
                             figures=False)
        else:
            with spark_env.running(master or spark_env.DEFAULT_MASTER) as session:
                engine_spark.run(session, str(folder.resolve()), str(out.resolve()),
                                 step, figures=False)
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    if step:
        step("load")
    return loader.load(out, data_dir)

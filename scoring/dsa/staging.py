"""Staging for the Spark engine: a day's zip of zips unpacked to plain CSVs, in parallel.

Spark reads CSV files, not zips inside zips. Each part zip of a day (and each loose part) is
one task of a thread pool (zlib and file writes release the GIL); every CSV's header is checked
by name as the DuckDB engine does. The folder then holds::

    csv/dump_day=<date>/dump=<slug>/<the CSV's own name>
    manifest.json    the days, their files and sha1s, each CSV's columns, the NCII definition's
                     names, the --platform filter and the registry's TDB names: all the Spark
                     job reads besides the CSVs, written last (no manifest: not staged)

Nothing in it is specific to one machine: copy it to object storage for a cluster.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.i18n import t
from core.registry import Platform
from scoring.dsa.definition import NciiDefinition
from scoring.dsa.dumpformat import PART_ZIP, header_problem
from scoring.dsa.engine_duckdb import read_header
from scoring.dsa.errors import DumpError
from scoring.dsa.parts import _DAMAGED, Part, _csv_members, _inner_zip, copy_member, part_csvs
from scoring.dsa.sources import Day, SourceFile

FORMAT = "tada-dsa-staging/1"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class _Unit:
    """One task: a loose file, or one part zip inside a day zip."""

    day: Day
    source: SourceFile
    inner: str | None  # the part zip's name inside a day zip


def _units(day: Day) -> list[_Unit]:
    units: list[_Unit] = []
    for source in day.files:
        if source.name.kind != "day_zip":
            units.append(_Unit(day, source, None))
            continue
        try:
            with zipfile.ZipFile(source.path) as outer:
                names = sorted(i.filename for i in outer.infolist())
        except _DAMAGED as exc:
            raise DumpError(t("dsa.damaged", None, detail=exc), source.path) from exc
        if not names:
            raise DumpError(t("dsa.empty_zip"), source.path)
        for name in names:
            if not PART_ZIP.match(name):
                raise DumpError(t("dsa.not_a_part"), source.path, name)
            units.append(_Unit(day, source, name))
    return units


def _members(unit: _Unit, stack: ExitStack):  # type: ignore[no-untyped-def]
    """(CSV name, member) of one unit, in name order."""
    if unit.inner is None:
        yield from _csv_members(unit.source, stack)
        return
    path = unit.source.path
    try:
        outer = stack.enter_context(zipfile.ZipFile(path))
        raw = stack.enter_context(path.open("rb"))
        inner = _inner_zip(outer, outer.getinfo(unit.inner), raw, stack)
        yield from part_csvs(path, unit.inner, inner)
    except DumpError:
        raise
    except _DAMAGED as exc:
        raise DumpError(t("dsa.damaged", None, detail=exc), path, unit.inner) from exc


def day_folder(day: Day) -> str:
    return f"csv/dump_day={day.day.isoformat()}/dump={day.slug}"


def _stage_unit(unit: _Unit, root: Path, schema: str) -> list[dict[str, Any]]:
    folder = root / day_folder(unit.day)
    folder.mkdir(parents=True, exist_ok=True)
    staged = []
    with ExitStack() as stack:
        for name, member in _members(unit, stack):
            target = folder / name
            copy_member(member, target, unit.source.path)
            part = Part(unit.source.path, name, target, target.stat().st_size)
            header = read_header(part)
            problem = header_problem(header, unit.day.version, schema)
            if problem:
                raise DumpError(problem[1], part.file, name, column=problem[0], header=True)
            staged.append({"path": f"{day_folder(unit.day)}/{name}", "name": name,
                           "source": str(unit.source.path), "columns": header,
                           "bytes": part.size})
    return staged


def _run(tasks: list[Callable[[], list[dict[str, Any]]]], workers: int) -> list[list[dict]]:
    """Every task's result in order; the first error cancels what has not started."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(task) for task in tasks]
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        for future in futures:
            if future in done and future.exception() is not None:
                for other in futures:
                    other.cancel()
                raise future.exception()  # type: ignore[misc]
        return [f.result() for f in futures]


def stage(days: Iterable[Day], root: Path, definition: NciiDefinition,
          platform_filter: list[str] | None, registry: dict[str, Platform],
          workers: int = 4) -> dict[str, Any]:
    """Unpack ``days`` under ``root`` (new or empty) and write the manifest; returns it.

    On any error the CSVs written so far are removed and nothing else is left behind."""
    days = list(days)
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise DumpError(t("spark.staging_not_empty"), root)
    try:
        schemas = {d.key: definition.schema_for(d.day) for d in days}
        units = [u for d in days for u in _units(d)]
        results = _run([lambda u=u: _stage_unit(u, root, schemas[u.day.key]) for u in units],
                       workers)
        manifest = {
            "format": FORMAT,
            "definition": {"id": definition.id, "version": definition.version,
                           "terms": [list(term) for term in definition.terms()]},
            "platform_filter": platform_filter,
            "platform_names": sorted([name, p.slug] for p in registry.values()
                                     for name in p.dsa_names),
            "days": [],
        }
        for d in days:
            csvs = [c for u, staged in zip(units, results, strict=True) if u.day is d
                    for c in staged]
            if not csvs:
                raise DumpError(t("dsa.no_parts"), d.files[0].path)
            manifest["days"].append({
                "day": d.day.isoformat(), "dump": d.slug, "version": d.version,
                "schema": schemas[d.key],
                "files": [{"name": f.path.name, "sha1": f.sha1, "size": f.size}
                          for f in d.files],
                "csvs": sorted(csvs, key=lambda c: c["name"])})
        part = root / (MANIFEST + ".part")
        part.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        part.replace(root / MANIFEST)
        return manifest
    except BaseException:
        shutil.rmtree(root / "csv", ignore_errors=True)
        (root / (MANIFEST + ".part")).unlink(missing_ok=True)
        raise

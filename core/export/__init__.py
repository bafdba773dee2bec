"""Scorecard exports for researchers, read only from ``public.duckdb``.

``export_scorecards`` writes each published table as CSV, JSON, Parquet (DuckDB's own writer)
and/or one XLSX workbook (text cells in CSV and XLSX through ``core.cells``, so no cell runs as
a spreadsheet formula), with ``methodology.yaml`` and a Frictionless ``datapackage.json``
describing every file. Files are written to a scratch directory first and moved into place
together, so a failed export leaves the previous one intact.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.cells import guarded_query
from core.dsa_public import has_tables
from core.errors import TadaError
from core.export.datapackage import descriptor, field_types
from core.export.xlsx import write_workbook
from core.i18n import t
from core.public_schema import TABLES

FORMATS: tuple[str, ...] = ("csv", "json", "parquet", "xlsx")
# The EU DSA Transparency Database's tables, exported after the scorecards once a day is
# imported (an export without DSA data is unchanged), each resource carrying the attribution.
DSA_EXPORT_TABLES: tuple[str, ...] = ("dsa_figures", "dsa_files", "dsa_notices", "dsa_meta")
SQL_DIR = Path(__file__).parent / "sql"
WORKBOOK = "scorecards.xlsx"
METHODOLOGY = "methodology.yaml"
PACKAGE = "datapackage.json"
_COPY_OPTIONS = {
    "csv": "(FORMAT CSV, HEADER true)",
    "json": "(FORMAT JSON, ARRAY true)",
    "parquet": "(FORMAT PARQUET)",
}


class ExportError(TadaError):
    pass


@dataclass(frozen=True)
class ExportSummary:
    out: Path
    files: list[str]
    methodology_version: str


def parse_formats(values: tuple[str, ...] | list[str]) -> list[str]:
    """Formats in canonical order; 'all' means every one. Unknown names are an error."""
    chosen: set[str] = set()
    for value in values:
        for name in value.split(","):
            name = name.strip().lower()
            if name == "all":
                chosen.update(FORMATS)
            elif name in FORMATS:
                chosen.add(name)
            else:
                raise ExportError(t("core.export.bad_format", None, value=name,
                                    allowed=", ".join((*FORMATS, "all"))))
    if not chosen:
        raise ExportError(t("core.export.no_format", None))
    return [f for f in FORMATS if f in chosen]


def _query(table: str) -> str:
    return (SQL_DIR / f"{table}.sql").read_text(encoding="utf-8").rstrip().rstrip(";")


def _owned_names() -> set[str]:
    """Every file name an export can write: older ones are replaced, never left stale."""
    names = {WORKBOOK, METHODOLOGY, PACKAGE}
    names |= {f"{table}.{fmt}" for table in (*TABLES, *DSA_EXPORT_TABLES) for fmt in FORMATS
              if fmt != "xlsx"}
    return names


def _dsa_meta(con: duckdb.DuckDBPyConnection) -> dict[str, str] | None:
    """The DSA tables' metadata when there are DSA figures to export (none: older databases
    and those without an imported day)."""
    present = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    if not has_tables(present) or not {"dsa_days", *DSA_EXPORT_TABLES} <= present:
        return None
    if not con.execute("SELECT count(*) FROM dsa_days").fetchone()[0]:
        return None
    return dict(con.execute("SELECT key, value FROM dsa_meta").fetchall())


def export_scorecards(public_db: Path, out: Path, formats: list[str], lang: str | None = None
                      ) -> ExportSummary:
    """Export the published scorecards in ``formats`` to the directory ``out``."""
    if not public_db.is_file():
        raise ExportError(t("core.export.no_public", None, path=public_db))
    con = duckdb.connect(str(public_db), read_only=True)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        methodology_text = con.execute("SELECT yaml FROM methodology").fetchone()[0]
        out.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
        try:
            files = _write_all(con, scratch, formats, meta, methodology_text, lang)
            for name in _owned_names():
                (out / name).unlink(missing_ok=True)
            for name in files:
                (scratch / name).replace(out / name)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    except duckdb.Error as exc:
        raise ExportError(t("core.export.unreadable", None, path=public_db,
                            reason=str(exc).splitlines()[0])) from exc
    finally:
        con.close()
    return ExportSummary(out=out, files=files, methodology_version=meta["methodology_version"])


def _write_all(con: duckdb.DuckDBPyConnection, scratch: Path, formats: list[str],
               meta: dict[str, str], methodology_text: str, lang: str | None) -> list[str]:
    resources: list[dict] = []
    files: list[str] = []
    dsa_meta = _dsa_meta(con)
    tables = (*TABLES, *DSA_EXPORT_TABLES) if dsa_meta is not None else TABLES
    fields = {table: field_types(con, _query(table)) for table in tables}
    for fmt in formats:
        if fmt == "xlsx":
            write_workbook(con, scratch / WORKBOOK, {tb: _query(tb) for tb in tables},
                           methodology_text, lang)
            files.append(WORKBOOK)
            resources += [{"table": tb, "path": WORKBOOK, "format": fmt, "sheet": tb}
                          for tb in tables]
            continue
        for table in tables:
            name = f"{table}.{fmt}"
            target = str(scratch / name).replace("'", "''")
            query = guarded_query(con, _query(table)) if fmt == "csv" else _query(table)
            con.execute(f"COPY ({query}) TO '{target}' {_COPY_OPTIONS[fmt]}")
            files.append(name)
            resources.append({"table": table, "path": name, "format": fmt})
    (scratch / METHODOLOGY).write_text(methodology_text, encoding="utf-8")
    files.append(METHODOLOGY)
    package = descriptor(meta, resources, fields, METHODOLOGY, lang, dsa_meta)
    (scratch / PACKAGE).write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n",
                                   encoding="utf-8")
    files.append(PACKAGE)
    return files

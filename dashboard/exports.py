"""Scorecard downloads, made from ``public.duckdb`` on request by the toolkit's own exporter
(``core.export.export_scorecards``), so a download is byte-for-byte what
``tada export scorecards`` writes.

Names come from fixed allow-lists: ``<table>.<csv|json|parquet>``, ``scorecards.xlsx`` (one
workbook, a sheet per table) and ``scorecards-<format>.zip`` (every table in that format with
``datapackage.json`` and ``methodology.yaml``). Nothing else can be requested.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from flask import Flask, Response, abort, request

from core.export import FORMATS, TABLES, WORKBOOK, export_scorecards
from core.i18n import t
from dashboard import validate
from dashboard.db import PublicDB, Status

FLAT_FORMATS = tuple(f for f in FORMATS if f != "xlsx")
MIME = {
    "csv": "text/csv",  # Flask adds the charset to text types
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


def allowed_names() -> dict[str, tuple[str, str]]:
    """Every downloadable file name → (export format, MIME type key)."""
    names = {f"{table}.{fmt}": (fmt, fmt) for table in TABLES for fmt in FLAT_FORMATS}
    names[WORKBOOK] = ("xlsx", "xlsx")
    names |= {f"scorecards-{fmt}.zip": (fmt, "zip") for fmt in FORMATS}
    return names


def export_bytes(public_db: Path, name: str, lang: str | None = None) -> bytes:
    """The bytes of one allowed download, exported afresh into a scratch directory."""
    fmt, kind = allowed_names()[name]
    with tempfile.TemporaryDirectory(prefix="tada-download-") as scratch:
        out = Path(scratch)
        summary = export_scorecards(public_db, out, [fmt], lang)
        if kind != "zip":
            return (out / name).read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
            for file in sorted(summary.files):
                bundle.write(out / file, arcname=file)
        return buffer.getvalue()


def register(server: Flask, db: PublicDB) -> None:
    names = allowed_names()

    @server.route("/download/<string:name>")
    def download(name: str) -> Response:
        lang = validate.parse_lang(request.args.get("lang"))[0]
        if name not in names:
            abort(Response(t("dash.download.unknown", lang), 404, mimetype="text/plain"))
        if db.status() is not Status.OK:
            abort(Response(t("dash.download.no_data", lang), 404, mimetype="text/plain"))
        body = export_bytes(db.path, name, lang)
        return Response(body, mimetype=MIME[names[name][1]], headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store"})



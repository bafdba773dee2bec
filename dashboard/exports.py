"""Scorecard downloads, made from ``public.duckdb`` by the toolkit's own exporter
(``core.export.export_scorecards``), so a download is byte-for-byte what
``tada export scorecards`` writes.

Names come from fixed allow-lists: ``<table>.<csv|json|parquet>``, ``scorecards.xlsx`` (one
workbook, a sheet per table) and ``scorecards-<format>.zip`` (every table in that format with
``datapackage.json`` and ``methodology.yaml``). Nothing else can be requested.

Each export is made once per version of ``public.duckdb`` (its file identity: ``tada score``
replaces the file, never edits it in place), format and language, and kept in memory; many
clients asking at once wait for one export instead of each making their own.
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

from flask import Flask, Response, abort, request

from core.export import DSA_EXPORT_TABLES, FORMATS, TABLES, WORKBOOK, export_scorecards
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
Version = tuple[int, int, int, int]


def allowed_names() -> dict[str, tuple[str, str]]:
    """Every downloadable file name → (export format, MIME type key)."""
    names = {f"{table}.{fmt}": (fmt, fmt) for table in (*TABLES, *DSA_EXPORT_TABLES)
             for fmt in FLAT_FORMATS}
    names[WORKBOOK] = ("xlsx", "xlsx")
    names |= {f"scorecards-{fmt}.zip": (fmt, "zip") for fmt in FORMATS}
    return names


def export_files(public_db: Path, fmt: str, lang: str | None = None) -> dict[str, bytes]:
    """Every file of an export in ``fmt``, and its zip bundle, made in a scratch directory."""
    with tempfile.TemporaryDirectory(prefix="tada-download-") as scratch:
        out = Path(scratch)
        summary = export_scorecards(public_db, out, [fmt], lang)
        files = {name: (out / name).read_bytes() for name in summary.files}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name in sorted(files):
            bundle.writestr(_member(name), files[name])
    files[f"scorecards-{fmt}.zip"] = buffer.getvalue()
    return files


def _member(name: str) -> zipfile.ZipInfo:
    # what ZipFile.write of a fresh file would record, minus the time: the bundle of one
    # database version is then the same bytes however often it is made
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.external_attr = 0o600 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _version(path: Path) -> Version | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


class DownloadCache:
    """The exports of the current ``public.duckdb``, one per (format, language)."""

    def __init__(self, public_db: Path) -> None:
        self.public_db = public_db
        self._lock = threading.Lock()
        self._version: Version | None = None
        self._files: dict[tuple[str, str], dict[str, bytes]] = {}
        self._making: dict[tuple[str, str], threading.Lock] = {}
        self.exports_made = 0  # how many times an export ran (for tests and benchmarks)

    def _slot(self, key: tuple[str, str], version: Version | None
              ) -> tuple[dict[str, bytes] | None, threading.Lock]:
        with self._lock:
            if version != self._version:  # a new database: forget every older export
                self._version, self._files, self._making = version, {}, {}
            return self._files.get(key), self._making.setdefault(key, threading.Lock())

    def get(self, name: str, lang: str, ready: Callable[[], bool]) -> bytes | None:
        """The file ``name``; None when ``ready()`` says there is nothing to export (it is
        asked only before making an export, not for every request served from memory)."""
        fmt = allowed_names()[name][0]
        key = (fmt, lang)
        version = _version(self.public_db)
        files, making = self._slot(key, version)
        if files is None:
            with making:  # one export per key; the others wait for it
                files, _ = self._slot(key, version)
                if files is None:
                    if not ready():
                        return None
                    files = export_files(self.public_db, fmt, lang)
                    self.exports_made += 1
                    with self._lock:
                        # keep it only if the database did not change while exporting
                        if _version(self.public_db) == version == self._version:
                            self._files[key] = files
        return files.get(name)  # a DSA table without DSA data is not exported


def register(server: Flask, db: PublicDB) -> DownloadCache:
    names = allowed_names()
    cache = DownloadCache(db.path)

    @server.route("/download/<string:name>")
    def download(name: str) -> Response:
        lang = validate.parse_lang(request.args.get("lang"))[0]
        if name not in names:
            abort(Response(t("dash.download.unknown", lang), 404, mimetype="text/plain"))
        body = cache.get(name, lang, ready=lambda: db.status() is Status.OK)
        if body is None:
            abort(Response(t("dash.download.no_data", lang), 404, mimetype="text/plain"))
        return Response(body, mimetype=MIME[names[name][1]], headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store"})

    return cache

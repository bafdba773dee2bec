"""A Frictionless Data Package descriptor (datapackage.json) for a scorecard export.

Each CSV and XLSX resource says in its ``description`` how text that could run as a
spreadsheet formula was written (see ``core.cells``)."""

from __future__ import annotations

from typing import Any

import duckdb

from core.dsa_public import attribution, is_synthetic
from core.i18n import normalise_lang, t

MEDIATYPES = {
    "csv": "text/csv", "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Spreadsheet formats, whose text cells core.cells guards against formulas.
TEXT_GUARDED = ("csv", "xlsx")


def _frictionless_type(duckdb_type: str) -> str:
    kind = duckdb_type.upper()
    if kind in ("BOOLEAN",):
        return "boolean"
    if kind in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
                "USMALLINT", "UINTEGER", "UBIGINT"):
        return "integer"
    if kind in ("DOUBLE", "FLOAT", "REAL") or kind.startswith("DECIMAL"):
        return "number"
    if kind.startswith("TIMESTAMP"):
        return "datetime"
    if kind == "DATE":
        return "date"
    return "string"


def field_types(con: duckdb.DuckDBPyConnection, query: str) -> list[dict[str, str]]:
    """The Table Schema fields of a query's result."""
    described = con.execute(f"DESCRIBE ({query})").fetchall()
    return [{"name": row[0], "type": _frictionless_type(row[1])} for row in described]


def _dsa_attribution(resource: dict[str, Any], dsa_meta: dict[str, str],
                     lang: str | None) -> None:
    """The TDB's licence, source and attribution on a DSA resource (CC BY 4.0 asks for it)."""
    doi = dsa_meta.get("doi", "")
    resource["licenses"] = [{"name": dsa_meta.get("licence", "").replace(" ", "-"),
                             "path": dsa_meta.get("licence_url", ""),
                             "title": dsa_meta.get("licence", "")}]
    resource["sources"] = [{"title": dsa_meta.get(f"attribution_{normalise_lang(lang)}")
                            or dsa_meta.get("attribution_en", ""),
                            "path": f"https://doi.org/{doi}"}]
    notes = [t("core.export.dsa_note", lang, attribution=attribution(dsa_meta, lang))]
    if is_synthetic(dsa_meta):
        notes.append(t("core.export.dsa_synthetic", lang))
    if resource.get("description"):
        notes.append(resource["description"])
    resource["description"] = " ".join(notes)


def descriptor(meta: dict[str, str], resources: list[dict[str, Any]],
               fields: dict[str, list[dict[str, str]]], methodology_path: str,
               lang: str | None = None, dsa_meta: dict[str, str] | None = None
               ) -> dict[str, Any]:
    """The package: one resource per written file (per sheet for the workbook); with
    ``dsa_meta``, the DSA tables' resources carry the TDB's attribution."""
    described = []
    for r in resources:
        resource: dict[str, Any] = {
            "name": f"{r['table'].replace('_', '-')}-{r['format']}",
            "path": r["path"], "format": r["format"], "mediatype": MEDIATYPES[r["format"]],
            "title": t(f"core.export.table.{r['table']}", lang),
            "profile": "tabular-data-resource",
            "schema": {"fields": fields[r["table"]],
                       "missingValues": [""]},
        }
        if r["format"] == "csv":
            resource["encoding"] = "utf-8"
        if r["format"] in TEXT_GUARDED:
            resource["description"] = t("core.export.text_cells_note", lang)
        if "sheet" in r:
            resource["dialect"] = {"sheetName": r["sheet"]}
        if dsa_meta is not None and r["table"].startswith("dsa_"):
            _dsa_attribution(resource, dsa_meta, lang)
        described.append(resource)
    described.append({
        "name": "methodology", "path": methodology_path, "format": "yaml",
        "mediatype": "application/yaml", "encoding": "utf-8",
        "title": t("core.export.table.methodology", lang),
    })
    return {
        "profile": "data-package",
        "name": "tada-audit-scorecards",
        "title": t("core.export.package_title", lang),
        "version": meta.get("methodology_version", ""),
        "created": meta.get("generated_at", ""),
        "description": t("core.export.package_description", lang,
                         methodology=meta.get("methodology_id", ""),
                         version=meta.get("methodology_version", ""),
                         synthetic=meta.get("synthetic", "")),
        "keywords": ["NCII", "take-down", "content moderation", "scorecard"],
        "resources": described,
    }

"""Reading public.duckdb (docs/contracts.md §3), the only database a public pack draws on.

Every table is checked for the columns the pack needs, so a database from another version of
the toolkit fails with the file, table and column named instead of a KeyError later.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from core.i18n import t
from core.public_schema import row_key_parts
from core.registry import CATEGORIES
from evidence.dsa import DsaData, load_dsa
from evidence.errors import BadInput, MissingInput, UnknownSelection

SQL_DIR = Path(__file__).parent / "sql"
STAT_COLUMNS = (
    "items", "removed", "removal_rate", "removal_ci_low", "removal_ci_high",
    "cif_removed_24h", "cif_removed_48h", "cif_removed_7d", "median_first_response_hours",
    "median_first_response_ci_low", "median_first_response_ci_high", "no_response_30d_share",
)
REQUIRED: dict[str, tuple[str, ...]] = {
    "meta": ("key", "value"),
    "methodology": ("yaml",),
    "platforms": ("slug", "name_en", "name_zh", "category", "has_case_data", "has_crawl_data"),
    "scorecard_platform": ("slug", *STAT_COLUMNS, "policy_score", "responsiveness_score",
                           "overall_score", "grade", "rank"),
    "scorecard_category": ("category", *STAT_COLUMNS),
    "policy_elements": ("slug", "element", "value", "score", "quote", "document_type", "lang",
                        "url", "version_id", "fetched_at"),
    "form_audits": ("slug", "url", "lang", "version_id", "fetched_at", "form_present",
                    "field_url", "field_file_upload", "field_email", "field_description",
                    "account_required", "captcha", "ncii_option", "languages", "needs_js"),
    "policy_versions": ("slug", "document_type", "lang", "version_id", "previous_version_id",
                        "fetched_at", "url", "markdown", "diff"),
    "cif_curve": ("group_type", "group_key", "t_hours", "cif", "ci_low", "ci_high"),
    "metrics_by_period": ("group_type", "group_key", "period", "items", "removed",
                          "removal_rate", "removal_ci_low", "removal_ci_high"),
    "metrics_by_channel": ("group_type", "group_key", "channel", "items", "removed",
                           "removal_rate", "removal_ci_low", "removal_ci_high"),
    "suppressed_cells": ("table_name", "row_key", "column_name", "reason"),
}
META_KEYS = ("methodology_id", "methodology_version", "data_as_of", "synthetic", "mirror")
Row = dict[str, Any]


@dataclass
class PublicData:
    """What a pack reports about the chosen platforms, straight from public.duckdb."""

    path: Path
    meta: dict[str, str]
    methodology_yaml: str
    platforms: list[Row]
    categories: list[str]
    scorecard: dict[str, Row]
    category_scorecard: dict[str, Row]
    elements: dict[str, list[Row]]
    forms: dict[str, list[Row]]
    versions: dict[str, list[Row]]
    cif: dict[tuple[str, str], list[Row]]
    by_period: dict[str, list[Row]]
    by_channel: dict[str, list[Row]]
    suppressed_rows: list[Row]
    columns: dict[str, list[str]]
    dsa: DsaData | None = None  # EU DSA Transparency Database figures of these platforms
    _suppressed: set[tuple[str, str, str]] = field(default_factory=set, repr=False)

    @property
    def slugs(self) -> list[str]:
        return [p["slug"] for p in self.platforms]

    def flag(self, key: str) -> bool:
        return str(self.meta.get(key, "")).strip().lower() == "true"

    def is_suppressed(self, table: str, keys: tuple[str, ...], column: str) -> bool:
        """Whether the suppression rules hid this cell (a NULL that is not "not defined").

        ``keys`` name the row (a slug; a slug and a channel); a composite ``row_key`` such as
        ``facebook|web_form`` matches when it holds every one of them.
        """
        if (table, "|".join(keys), column) in self._suppressed:
            return True
        return any(
            tab == table and col == column and set(keys) <= _key_parts(key)
            for tab, key, col in self._suppressed
        )

    def relevant_suppressions(self) -> list[Row]:
        """The suppression records about the chosen platforms and their categories."""
        names = set(self.slugs) | set(self.categories)
        return [r for r in self.suppressed_rows if _key_parts(str(r["row_key"])) & names]


def _key_parts(row_key: str) -> set[str]:
    return {row_key, *row_key_parts(row_key)}


def _query(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[Row]:
    sql = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    cursor = con.execute(sql, params) if params else con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _check_schema(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, list[str]]:
    """Each table's columns in order, after checking the ones the pack needs are there."""
    found: dict[str, list[str]] = defaultdict(list)
    for table, column in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "ORDER BY table_name, ordinal_position"
    ).fetchall():
        found[table].append(column)
    for table, columns in REQUIRED.items():
        if table not in found:
            raise BadInput(t("evidence.error.no_table", None, path=path, table=table))
        for column in columns:
            if column not in found[table]:
                raise BadInput(t("evidence.error.no_column", None, path=path, table=table,
                                 column=column))
    return dict(found)


def _group(rows: list[Row], key: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return dict(grouped)


def select_platforms(known: list[Row], slugs: list[str], categories: list[str]) -> list[Row]:
    """The platforms named by slug or by category, in slug order (so packs are stable)."""
    if not slugs and not categories:
        raise UnknownSelection(t("evidence.error.nothing_selected", None))
    by_slug = {p["slug"]: p for p in known}
    chosen: dict[str, Row] = {}
    for slug in slugs:
        if slug not in by_slug:
            raise UnknownSelection(t("evidence.error.unknown_platform", None, slug=slug,
                                     known=", ".join(sorted(by_slug))))
        chosen[slug] = by_slug[slug]
    known_categories = sorted(set(CATEGORIES) | {p["category"] for p in known})
    for category in categories:
        if category not in known_categories:
            raise UnknownSelection(t("evidence.error.unknown_category", None, category=category,
                                     known=", ".join(known_categories)))
        members = [p for p in known if p["category"] == category]
        if not members:
            raise UnknownSelection(t("evidence.error.empty_category", None, category=category))
        chosen.update((p["slug"], p) for p in members)
    return [chosen[s] for s in sorted(chosen)]


def load_public(path: Path, slugs: list[str], categories: list[str]) -> PublicData:
    """Read everything a pack needs about the chosen platforms from ``public.duckdb``."""
    if not path.is_file():
        raise MissingInput(t("evidence.error.no_public_db", None, path=path))
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise BadInput(t("evidence.error.unreadable_db", None, path=path, reason=exc)) from exc
    try:
        columns = _check_schema(con, path)
        meta = {r["key"]: r["value"] for r in _query(con, "meta")}
        for key in META_KEYS:
            if not meta.get(key):
                raise BadInput(t("evidence.error.no_meta", None, path=path, key=key))
        methodology = _query(con, "methodology")
        if not methodology or not (methodology[0]["yaml"] or "").strip():
            raise BadInput(t("evidence.error.no_methodology", None, path=path))
        chosen = select_platforms(_query(con, "platforms"), slugs, categories)
        wanted = [p["slug"] for p in chosen]
        cats = sorted({p["category"] for p in chosen})
        cif = _query(con, "cif_curve", slugs=wanted, categories=cats)
        data = PublicData(
            path=path, meta=meta, methodology_yaml=methodology[0]["yaml"], platforms=chosen,
            categories=cats,
            scorecard={r["slug"]: r for r in _query(con, "scorecard_platform", slugs=wanted)},
            category_scorecard={r["category"]: r for r in
                                _query(con, "scorecard_category", categories=cats)},
            elements=_group(_query(con, "policy_elements", slugs=wanted), "slug"),
            forms=_group(_query(con, "form_audits", slugs=wanted), "slug"),
            versions=_group(_query(con, "policy_versions", slugs=wanted), "slug"),
            cif=_group_pairs(cif),
            by_period=_group(_query(con, "metrics_by_period", slugs=wanted), "group_key"),
            by_channel=_group(_query(con, "metrics_by_channel", slugs=wanted), "group_key"),
            suppressed_rows=_query(con, "suppressed_cells"),
            columns=columns,
            dsa=load_dsa(con, wanted),
        )
    finally:
        con.close()
    data._suppressed = {(r["table_name"], str(r["row_key"]), r["column_name"])
                        for r in data.suppressed_rows}
    return data


def _group_pairs(rows: list[Row]) -> dict[tuple[str, str], list[Row]]:
    grouped: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        grouped[(row["group_type"], row["group_key"])].append(row)
    return dict(grouped)

"""The EU DSA Transparency Database's figures in an evidence pack: a section per platform in
the report and ``data/metrics/dsa_figures.csv``, each figure with the dumps' file names and
sha1s as provenance and the TDB's CC BY 4.0 attribution. A pack whose platforms have no DSA
figures (or whose public.duckdb predates them) has neither, and is unchanged."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from core import dsa_public as dsa
from core.i18n import EN, t
from evidence import text as fmt
from evidence.text import Bilingual

SQL_DIR = Path(__file__).parent / "sql"
CSV_FILE = "dsa_figures.csv"
Row = dict[str, Any]


@dataclass
class DsaData:
    """The DSA tables as they concern the pack's platforms."""

    meta: dict[str, str]
    figures: dict[str, list[Row]]   # by slug
    columns: list[str]              # of dsa_figures, in order
    files: list[Row]
    notices: list[Row]

    @property
    def synthetic(self) -> bool:
        return dsa.is_synthetic(self.meta)

    def files_in(self, period: str) -> list[Row]:
        """The dump files of the days a month or quarter holds."""
        first, last = dsa.period_days(period)
        return [f for f in self.files if first <= f["day"] <= last]


def _rows(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> tuple[list[str],
                                                                             list[Row]]:
    cursor = con.execute((SQL_DIR / f"{name}.sql").read_text(encoding="utf-8"), params or None)
    names = [d[0] for d in cursor.description]
    return names, [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def load_dsa(con: duckdb.DuckDBPyConnection, slugs: list[str]) -> DsaData | None:
    """The DSA figures of ``slugs``; None when the database has none for them."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()}
    if not dsa.has_tables(tables):
        return None
    columns, figures = _rows(con, "dsa_figures", slugs=slugs)
    if not figures:
        return None
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in figures:
        grouped[row["slug"]].append(row)
    return DsaData({r["key"]: r["value"] for r in _rows(con, "dsa_meta")[1]}, dict(grouped),
                   columns, _rows(con, "dsa_files")[1], _rows(con, "dsa_notices")[1])


def csv_table(data: DsaData) -> tuple[list[str], list[Row]]:
    """``dsa_figures.csv``: every figure of the pack's platforms, with the files of its
    period (name and sha1) and the attribution on each row."""
    source = dsa.attribution(data.meta, EN)
    rows = []
    for slug in sorted(data.figures):
        for row in data.figures[slug]:
            files = data.files_in(row["period"])
            rows.append({**row, "source_files": [f"{f['name']} sha1:{f['sha1']}" for f in files],
                         "synthetic": data.synthetic, "attribution": source})
    return [*data.columns, "source_files", "synthetic", "attribution"], rows


def _value(T: Bilingual, value: Any, kind: str) -> str:
    if value is None:
        return T.inline("evidence.cell.not_available")
    return {"count": fmt.count, "percent": fmt.share, "hours": fmt.hours}[kind](value)


def _table(T: Bilingual, by_set: dict[str, Row], notices: list[dsa.Notice]) -> list[Row]:
    rows: list[Row] = []
    for group, measures in dsa.GROUPS:
        rows.append({"group": True, "label": T.inline(f"dsa.group.{group}")})
        for column, kind in measures:
            marks = "".join(f" [{n.number}]" for n in notices
                            if "*" not in n.columns and n.applies_to(column))
            rows.append({"group": False, "label": T.inline(f"dsa.measure.{column}") + marks,
                         "values": [_value(T, by_set.get(s, {}).get(column), kind)
                                    for s in dsa.NCII_SETS]})
    return rows


def _side(T: Bilingual, by_set: dict[str, Row], ngo: Row) -> list[Row]:
    def removed_share(row: Row) -> float | None:
        return row["removed"] / row["ncii"] if row.get("ncii") else None

    pairs = [("count", [by_set.get(s, {}).get("ncii") for s in dsa.NCII_SETS], "count",
              ngo.get("items")),
             ("removed", [removed_share(by_set.get(s, {})) for s in dsa.NCII_SETS], "percent",
              ngo.get("removal_rate")),
             ("time", [by_set.get(s, {}).get("delay_median_hours") for s in dsa.NCII_SETS],
              "hours", ngo.get("median_first_response_hours"))]
    return [{"label": T.inline(f"dsa.side.{key}"),
             "values": [_value(T, v, kind) for v in eu] + [_value(T, mine, kind)]}
            for key, eu, kind, mine in pairs]


def section(T: Bilingual, data: DsaData | None, slug: str, name: str,
            ngo_rows: list[Row]) -> dict[str, Any] | None:
    """What the report says about one platform's DSA figures (None: a pack without them)."""
    if data is None:
        return None
    rows = data.figures.get(slug)
    if not rows:
        return {"missing": T.lines("evidence.dsa.no_platform", days=data.meta.get("days", "0"))}
    quarters: dict[str, dict[str, Row]] = defaultdict(dict)
    for r in rows:
        if r["period_type"] == "quarter":
            quarters[r["period"]][r["ncii_set"]] = r
    ngo = {r["period"]: r for r in ngo_rows if r.get("items") != 0}
    quarter, same = dsa.choose_quarter(quarters, ngo)
    if quarter is None:
        return {"missing": T.lines("evidence.dsa.no_platform", days=data.meta.get("days", "0"))}
    by_set = quarters[quarter]
    first, last = dsa.period_days(quarter)
    notices = dsa.applicable_notices(data.notices, dsa.platform_names(slug), first, last)
    days = next(iter(by_set.values())).get("days") or 0
    period_key = "evidence.dsa.same_period" if same else "evidence.dsa.other_period"
    return {
        "missing": None,
        "synthetic": T.lines("dsa.synthetic") if data.synthetic else None,
        "populations": T.lines("dsa.populations", platform=name),
        "period": T.lines(period_key, period=quarter, days=days),
        "sets": [T.inline(f"dsa.set.{s}") for s in dsa.NCII_SETS],
        "set_notes": [line for s in dsa.NCII_SETS for line in T.lines(f"dsa.set.{s}.what")],
        "side": _side(T, by_set, ngo[quarter]) if same else [],
        "rows": _table(T, by_set, notices),
        "notices": [{"number": n.number, "lines": [(lang, n.text_in(lang)) for lang in T.langs]}
                    for n in notices],
        "files": [{"day": str(f["day"]), "name": f["name"], "sha1": f["sha1"]}
                  for f in data.files_in(quarter)],
        "attribution": [(lang, t("dsa.attribution", lang,
                                 source=dsa.attribution(data.meta, lang))) for lang in T.langs],
    }

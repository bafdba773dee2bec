"""The DSA Transparency Database's figures in ``public.duckdb``, with the TDB's attribution
and the data-quality notices (``core/dsa-notices.yaml``) as data. Run by ``tada score`` while
the new public database is attached as ``pub``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from core import safe_yaml
from core.i18n import EN, ZH, t
from core.paths import DSA_NOTICES
from core.registry import Platform
from scoring.dsa import definition as ncii_definition
from scoring.dsa.engine_duckdb import sql
from scoring.dsa.errors import DefinitionError
from scoring.dsa.importer import refresh_names

NOTICES_PATH = DSA_NOTICES
_NOTICE_KEYS = {"id", "applies_to", "platform", "from", "until", "source", EN, ZH}


@dataclass(frozen=True)
class Notices:
    version: str
    meta: dict[str, str]
    rows: list[tuple[Any, ...]]


def _day(value: Any, path: Path, key: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    raise DefinitionError(path, key, t("dsa.definition.not_date", None, value=value))


def load_notices(path: Path = NOTICES_PATH) -> Notices:
    """Read and validate the notices file; errors name the file and the key."""
    try:
        data = safe_yaml.load(path.read_text(encoding="utf-8"))
    except (OSError, safe_yaml.YAMLError) as exc:
        raise DefinitionError(path, "(file)", str(exc).replace("\n", " ")) from exc
    attribution = data.get("attribution") if isinstance(data, dict) else None
    if not isinstance(attribution, dict) or not isinstance(attribution.get("source"), dict):
        raise DefinitionError(path, "attribution", t("dsa.definition.not_mapping"))
    meta = {f"attribution_{lang}": str(attribution["source"].get(lang) or "")
            for lang in (EN, ZH)}
    for key in ("licence", "licence_url", "doi", "url"):
        if not attribution.get(key):
            raise DefinitionError(path, f"attribution.{key}", t("dsa.definition.not_text"))
        meta[key] = str(attribution[key])
    rows = []
    for i, notice in enumerate(data.get("notices") or []):
        where = f"notices[{i}]"
        if not isinstance(notice, dict) or set(notice) - _NOTICE_KEYS:
            raise DefinitionError(path, where, t("dsa.definition.unknown"))
        if not all(isinstance(notice.get(k), str) and notice[k].strip() for k in ("id", EN, ZH)):
            raise DefinitionError(path, where, t("dsa.definition.not_text"))
        applies = notice.get("applies_to")
        if not isinstance(applies, list) or not applies:
            raise DefinitionError(path, f"{where}.applies_to", t("dsa.definition.not_list"))
        rows.append((notice["id"], ",".join(map(str, applies)), notice.get("platform"),
                     _day(notice.get("from"), path, f"{where}.from"),
                     _day(notice.get("until"), path, f"{where}.until"), notice.get("source"),
                     notice[EN].strip(), notice[ZH].strip()))
    return Notices(str(data.get("version") or ""), meta, rows)


def publish(con: duckdb.DuckDBPyConnection, registry: dict[str, Platform]) -> None:
    """Create the DSA tables of ``pub`` (empty before any import, attribution always)."""
    con.execute(sql("00_schema"))
    con.execute(sql("duckdb_functions"))
    refresh_names(con, registry)
    definition = ncii_definition.load()
    notices = load_notices()
    meta = {**notices.meta, "notices_version": notices.version,
            "definition_id": definition.id, "definition_version": definition.version,
            "definition_yaml": definition.text}
    con.execute("CREATE OR REPLACE TEMP TABLE dsa_meta_values (key VARCHAR, value VARCHAR)")
    con.executemany("INSERT INTO dsa_meta_values VALUES (?, ?)", sorted(meta.items()))
    con.execute("CREATE OR REPLACE TEMP TABLE dsa_notice_values (id VARCHAR, applies_to VARCHAR, "
                "platform VARCHAR, from_day DATE, until_day DATE, source VARCHAR, text_en VARCHAR, "
                "text_zh VARCHAR)")
    if notices.rows:
        con.executemany("INSERT INTO dsa_notice_values VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        notices.rows)
    con.execute(f"CREATE TABLE pub.dsa_figures AS SELECT * FROM ({sql('figures')}) AS f "
                "ORDER BY platform, period_type, period, ncii_set")
    con.execute(sql("public"))

"""``tada score``: from the warehouse and the crawl archive to ``public.duckdb``.

Python only orchestrates: it validates the methodology, loads the archive, hands the
methodology's parameters to DuckDB and runs the SQL models in order (staging, metrics,
policy), then suppression, then scores, then writes the published tables to a new file that
atomically replaces ``public.duckdb``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from core import __version__
from core import methodology as methodology_mod
from core.errors import TadaError
from core.i18n import t
from core.methodology import Methodology
from core.paths import PLATFORMS_DIR, SAMPLE_CASE_LOG, DataDir
from core.public_schema import ELEMENTS, INSUFFICIENT
from core.registry import Platform, load_registry
from scoring import suppression
from scoring.crawl_archive import CrawlSummary, load_archive
from scoring.dsa.publish import publish as dsa_publish
from scoring.warehouse import SQL_DIR, connect, load_platforms, run_sql_file
from scoring.warehouse import memory_limit as env_memory_limit

DEFAULT_MEMORY = "1536MB"


class NothingToScore(TadaError):
    pass


class InconsistentItems(TadaError):
    def __init__(self, warehouse: Path, problems: list[tuple[str, str, int]]) -> None:
        self.problems = problems
        super().__init__(t("scoring.score.inconsistent", None, path=warehouse))

    def details(self) -> list[str]:
        return [t("scoring.score.problem", None, source=source or "?", count=count,
                  problem=t(f"scoring.score.problem.{problem}", None))
                for source, problem, count in self.problems]


@dataclass
class ScoreSummary:
    public_db: Path
    methodology_id: str
    methodology_version: str
    items: int
    platforms: int
    platforms_with_cases: int
    graded: int
    insufficient: int
    suppression: suppression.SuppressionSummary
    crawl: CrawlSummary
    synthetic: bool
    mirror: bool
    seconds: float
    grades: dict[str, int] = field(default_factory=dict)


def _stage(con: duckdb.DuckDBPyConnection, stage: str) -> None:
    """Run every SQL file of a stage directory in file-name order."""
    for path in sorted((SQL_DIR / stage).glob("*.sql")):
        run_sql_file(con, f"{stage}/{path.name}")


def _parameters(con: duckdb.DuckDBPyConnection, m: Methodology) -> None:
    variables = {
        "z": m.z, "period_tz": m.period_time_zone, "rt_full": m.response_time_full_hours,
        "rt_partial": m.response_time_partial_hours,
        "min_elements": m.min_elements_for_policy, "min_items_for_score": m.min_items_for_score,
        "fr_full": m.first_response_full_hours, "fr_zero": m.first_response_zero_hours,
        "w_policy": m.pillar_weights["policy"],
        "w_responsiveness": m.pillar_weights["responsiveness"],
        "missing_pillar": m.missing_pillar, "min_people": m.min_people,
        "min_items": m.min_items, "hide_zero": m.hide_zero, "min_cases": m.min_cases_per_cell,
        "methodology_version": m.version,
    }
    for name, value in variables.items():
        con.execute(f"SET VARIABLE {name} = ?", [value])
    con.execute("CREATE OR REPLACE TEMP TABLE m_elements "
                "(element VARCHAR, weight DOUBLE, position INTEGER)")
    con.executemany("INSERT INTO m_elements VALUES (?, ?, ?)",
                    [(e, m.element_weights[e], i) for i, e in enumerate(ELEMENTS)])
    con.execute("CREATE OR REPLACE TEMP TABLE m_element_not_applicable "
                "(element VARCHAR, category VARCHAR)")
    pairs = [(e, c) for e, cats in m.not_applicable.items() for c in cats]
    if pairs:
        con.executemany("INSERT INTO m_element_not_applicable VALUES (?, ?)", pairs)
    con.execute("CREATE OR REPLACE TEMP TABLE m_submetrics (submetric VARCHAR, weight DOUBLE)")
    con.executemany("INSERT INTO m_submetrics VALUES (?, ?)", list(m.submetric_weights.items()))
    con.execute("CREATE OR REPLACE TEMP TABLE m_grades (grade VARCHAR, min_score DOUBLE)")
    con.executemany("INSERT INTO m_grades VALUES (?, ?)", list(m.grades.items()))


def _sample_sha() -> str | None:
    try:
        return hashlib.sha256(SAMPLE_CASE_LOG.read_bytes()).hexdigest()
    except OSError:
        return None


def _meta(con: duckdb.DuckDBPyConnection, m: Methodology, crawl: CrawlSummary,
          now: dt.datetime) -> dict[str, str]:
    imports = con.execute("SELECT source_name, source_sha256 FROM case_log_imports").fetchall()
    sample = _sample_sha()
    synthetic = any(sha == sample or name == SAMPLE_CASE_LOG.name for name, sha in imports)
    as_of, first, last = con.execute(
        "SELECT max(as_of), min(reported_at), max(reported_at) FROM items").fetchone()
    crawled = con.execute("SELECT max(captured_at) FROM policy_versions").fetchone()[0]

    def stamp(moment: dt.datetime | None) -> str:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""

    return {
        "methodology_id": m.id, "methodology_version": m.version,
        "methodology_date": m.date.isoformat(), "generated_at": stamp(now),
        "data_as_of": stamp(as_of), "toolkit_version": __version__,
        "synthetic": str(synthetic).lower(), "mirror": str("mirror" in crawl.sources).lower(),
        "min_people": str(m.min_people), "min_items": str(m.min_items),
        "min_cases_per_cell": str(m.min_cases_per_cell),
        # month precision only: exact first and last dates could point at one case
        "reporting_period_start": first.strftime("%Y-%m") if first else "",
        "reporting_period_end": last.strftime("%Y-%m") if last else "",
        "crawled_at": stamp(crawled),
    }


def _write_public(con: duckdb.DuckDBPyConnection, target: Path, meta: dict[str, str],
                  m: Methodology, registry: dict[str, Platform],
                  synthetic_dsa: set[str] | None = None) -> None:
    """Write the published tables to a new file, then atomically replace ``target``."""
    con.execute("CREATE OR REPLACE TEMP TABLE meta_values (key VARCHAR, value VARCHAR)")
    con.executemany("INSERT INTO meta_values VALUES (?, ?)", list(meta.items()))
    con.execute("CREATE OR REPLACE TEMP TABLE methodology_text AS SELECT ?::VARCHAR AS yaml",
                [m.text])
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con.execute("ATTACH ? AS pub", [str(tmp)])
    try:
        _stage(con, "public")
        dsa_publish(con, registry)  # the EU DSA Transparency Database's figures, attributed
        _dsa_synthetic(con, synthetic_dsa or set())
        con.execute("CHECKPOINT pub")
    finally:
        con.execute("DETACH pub")
    try:
        os.replace(tmp, target)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def _synthetic_sha1s(data_dir: DataDir) -> set[str]:
    """The sha1s of the synthetic DSA dumps ``tada demo`` wrote (their ``.zip.sha1`` files)."""
    found = set()
    for path in sorted(data_dir.dsa_synthetic.glob("*.zip.sha1")):
        digest = path.read_text(encoding="utf-8", errors="replace").split(maxsplit=1)
        if digest:
            found.add(digest[0].lower())
    return found


def _dsa_synthetic(con: duckdb.DuckDBPyConnection, sha1s: set[str]) -> None:
    """``dsa_meta.synthetic``: 'true' when any imported day came from a synthetic dump, so
    every reader can say so, as ``meta.synthetic`` does for the case data."""
    con.execute("CREATE OR REPLACE TEMP TABLE dsa_synthetic_sha1 (sha1 VARCHAR)")
    if sha1s:
        con.executemany("INSERT INTO dsa_synthetic_sha1 VALUES (?)", [[s] for s in sorted(sha1s)])
    con.execute("INSERT INTO pub.dsa_meta SELECT 'synthetic', CAST(count(*) > 0 AS VARCHAR) "
                "FROM pub.dsa_files WHERE lower(sha1) IN (SELECT sha1 FROM dsa_synthetic_sha1)")


def compute(con: duckdb.DuckDBPyConnection, m: Methodology, source: Path | None = None
            ) -> suppression.SuppressionSummary:
    """Run the models, suppression and scores on a warehouse connection (temp tables)."""
    _parameters(con, m)
    models = sorted((SQL_DIR / "models").glob("*.sql"))
    for path in models[:2]:  # staging and its consistency checks
        run_sql_file(con, f"models/{path.name}")
    problems = con.execute("SELECT * FROM stg_problems").fetchall()
    if problems:
        raise InconsistentItems(source or Path("warehouse"), problems)
    for path in models[2:]:
        run_sql_file(con, f"models/{path.name}")
    sup = suppression.apply(con)
    _stage(con, "scores")
    return sup


def _load_inputs(con: duckdb.DuckDBPyConnection, registry: dict, archive: Path
                 ) -> CrawlSummary:
    """Refresh the registry and the crawl's tables in one transaction: all or nothing."""
    con.execute("BEGIN TRANSACTION")
    try:
        load_platforms(con, registry)
        crawl = load_archive(con, archive)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return crawl


def build(data_dir: DataDir, methodology_path: Path | None = None,
          memory_limit: str | None = None) -> ScoreSummary:
    """Score the warehouse's case data and the crawl archive; write ``public.duckdb``."""
    started = time.perf_counter()
    m = methodology_mod.load(methodology_path or methodology_mod.DEFAULT_PATH)
    registry = load_registry(PLATFORMS_DIR)
    if not data_dir.warehouse.exists() and not data_dir.archive.exists():
        raise NothingToScore(t("scoring.score.nothing", None, path=data_dir.root))
    con = connect(data_dir.warehouse)
    try:
        # A laptop's worth of memory by default; DuckDB spills to disk beyond it.
        con.execute("SET memory_limit = ?", [memory_limit or env_memory_limit(DEFAULT_MEMORY)])
        con.execute("SET preserve_insertion_order = false")  # every output has an ORDER BY
        crawl = _load_inputs(con, registry, data_dir.archive)
        sup = compute(con, m, data_dir.warehouse)
        items = con.execute("SELECT count(*) FROM stg_items").fetchone()[0]
        if not items and not crawl.versions:
            raise NothingToScore(t("scoring.score.nothing", None, path=data_dir.root))
        meta = _meta(con, m, crawl, dt.datetime.now(dt.UTC).replace(tzinfo=None))
        _write_public(con, data_dir.public_db, meta, m, registry, _synthetic_sha1s(data_dir))
        grades = dict(con.execute(
            "SELECT grade, count(*) FROM platform_scores GROUP BY ALL").fetchall())
        with_cases = con.execute(
            "SELECT count(DISTINCT platform_slug) FROM fine_keys").fetchone()[0]
    finally:
        con.close()
    return ScoreSummary(
        public_db=data_dir.public_db, methodology_id=m.id, methodology_version=m.version,
        items=items, platforms=len(registry), platforms_with_cases=with_cases,
        graded=sum(n for g, n in grades.items() if g != INSUFFICIENT),
        insufficient=grades.get(INSUFFICIENT, 0), suppression=sup, crawl=crawl,
        synthetic=meta["synthetic"] == "true", mirror=meta["mirror"] == "true",
        seconds=time.perf_counter() - started, grades=grades,
    )

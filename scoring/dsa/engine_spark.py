"""The Spark engine: the staged CSVs read by Spark, then the same SQL files as the DuckDB engine.

Only this module knows how files reach Spark. The checks, flags, de-duplication and aggregates
are ``scoring/sql/dsa/*.sql``, run as they are (see tests/dsa/test_sql_dialect.py). The result,
under ``out``::

    platform_days/date=<day>/platform=<TDB name>/*.parquet   dsa_platform_days' rows
    statements/date=<day>/platform=<TDB name>/*.parquet      dsa_statements' rows
    figures/*.parquet                                        figures.sql over these days
    manifest/part-*.txt                                      the staging manifest (JSON), last

The partition folders only spread the files: every column is in the files themselves.
Every path is a Hadoop path (local, hdfs://, s3a://…): only the driver needs this package,
the executors run Spark SQL alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from core.errors import TadaError
from core.i18n import t
from scoring.dsa.dumpformat import STAGED
from scoring.dsa.engine_duckdb import sql
from scoring.dsa.errors import DumpError
from scoring.dsa.staging import FORMAT, MANIFEST

OUTPUTS = ("platform_days", "statements", "figures", "manifest")
# monotonically_increasing_id() is (input partition << 33) + record index in the partition; with
# one CSV per partition (spark_env), the low bits are the record's index in its CSV.
_INDEX_BITS = (1 << 33) - 1
_CSV_OPTIONS = {"header": "true", "multiLine": "true", "quote": '"', "escape": '"',
                "mode": "FAILFAST", "encoding": "UTF-8"}


def _hadoop_delete(spark: Any, uri: str) -> None:
    jvm = spark._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    path.getFileSystem(spark._jsc.hadoopConfiguration()).delete(path, True)


def read_manifest(spark: Any, staging: str) -> dict[str, Any]:
    try:
        text = spark.read.text(f"{staging}/{MANIFEST}", wholetext=True).first()[0]
        manifest = json.loads(text)
    except Exception as exc:  # noqa: BLE001 (any storage's "not there" or "not JSON")
        raise TadaError(t("spark.not_staged", None, path=staging)) from exc
    if manifest.get("format") != FORMAT:
        raise TadaError(t("spark.not_staged", None, path=staging))
    return manifest


def _staged_rows(spark: Any, staging: str, manifest: dict[str, Any]) -> Any:
    """Every staged CSV as dsa_staging's columns: dump_day, dump, part, row_no, STAGED."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    layouts: dict[tuple[str, ...], list[str]] = {}
    for day in manifest["days"]:
        for csv in day["csvs"]:
            layouts.setdefault(tuple(csv["columns"]), []).append(f"{staging}/{csv['path']}")
    frames = []
    for columns, paths in sorted(layouts.items()):
        schema = StructType([StructField(c, StringType()) for c in columns])
        raw = (spark.read.options(**_CSV_OPTIONS, basePath=f"{staging}/csv")
               .schema(schema).csv(paths))
        if raw.rdd.getNumPartitions() != len(paths):
            raise RuntimeError("Spark packed several CSVs into one partition: row numbers "
                               "would be wrong (spark.sql.files.openCostInBytes)")
        frames.append(raw.select(
            F.col("dump_day").cast("string").alias("dump_day"),
            F.col("dump").cast("string").alias("dump"),
            F.col("_metadata.file_name").alias("part"),
            ((F.monotonically_increasing_id().bitwiseAND(F.lit(_INDEX_BITS))) + 1)
            .alias("row_no"),
            *(F.col(c) if c in columns else F.lit(None).cast("string").alias(c)
              for c in STAGED)))
    rows = frames[0]
    for frame in frames[1:]:
        rows = rows.unionByName(frame)
    return rows


def _views(spark: Any, staging: str, manifest: dict[str, Any]) -> Any:
    """The views the SQL files read; returns the persisted staged rows."""
    from pyspark import StorageLevel

    terms = [tuple(term) for term in manifest["definition"]["terms"]]
    spark.createDataFrame(terms, "ncii_set string, term string") \
        .createOrReplaceTempView("dsa_ncii_terms")
    spark.createDataFrame([tuple(p) for p in manifest["platform_names"]],
                          "platform_name string, slug string") \
        .createOrReplaceTempView("dsa_platform_names")
    rows = _staged_rows(spark, staging, manifest)
    chosen = manifest["platform_filter"]
    if chosen is not None:
        rows = rows.where(rows.platform_name.isin(chosen))
    # The SQL reads dsa_staging a dozen times (checks, distinct JSON cells, flags): parse the
    # CSVs once, keep the rows (spilled to local disk beyond memory).
    rows.persist(StorageLevel.MEMORY_AND_DISK)
    rows.createOrReplaceTempView("dsa_staging")
    for view, name in (("dsa_flagged", "flagged"), ("dsa_day_rows", "rows"),
                       ("dsa_day_ncii", "ncii")):
        spark.sql(sql(name)).createOrReplaceTempView(view)
    return rows


def _check(spark: Any, manifest: dict[str, Any]) -> None:
    """The first problem of the staged rows (checks.sql), named as the DuckDB engine names it."""
    bad = spark.sql(sql("checks")).collect()
    if bad:
        part, row, column, value, kind = bad[0]
        source = {c["name"]: c["source"] for d in manifest["days"] for c in d["csvs"]}
        raise DumpError(t(f"dsa.bad.{kind}", None, value=value), source.get(part, part), part,
                        row, column)


def _write(frame: Any, uri: str) -> None:
    from pyspark.sql import functions as F

    (frame.withColumn("date", F.col("day")).withColumn("platform", F.col("platform_name"))
     .repartition("date", "platform")
     .write.mode("overwrite").partitionBy("date", "platform").parquet(uri))


def _spark_problem(exc: BaseException) -> str:
    """The innermost cause of a failed Spark job ("[MALFORMED_CSV_RECORD] …") and the file it
    was reading, rather than the py4j call that failed."""
    text = str(exc)
    causes = re.findall(r"\[([A-Z][A-Z0-9_]+)\] ([^\n]*)", text)
    detail = f"[{causes[-1][0]}] {causes[-1][1][:300]}" if causes else \
        text.strip().splitlines()[0][:300]
    file = re.search(r"reading file (\S+?)\.?(?:\s|$)", text)
    return f"{file[1].rsplit('/', 1)[-1]}: {detail}" if file else detail


def _read_back(spark: Any, uri: str, schema: Any) -> Any:
    return spark.read.schema(schema).parquet(uri).select(*schema.fieldNames())


def run(spark: Any, staging: str, out: str, progress: Callable[[str], None] | None = None,
        figures: bool = True) -> dict[str, Any]:
    """Check, flag, de-duplicate and aggregate every staged day; write the result to ``out``
    (with ``figures``: also figures.sql over these days; ``tada dsa load`` does not need them,
    it computes the figures over every day in the warehouse).

    Raises :class:`DumpError` for bad rows (nothing written then) and ``TadaError`` when Spark
    cannot read a CSV. Returns the result's manifest."""
    from py4j.protocol import Py4JJavaError
    from pyspark.errors import PySparkException

    staging, out = staging.rstrip("/"), out.rstrip("/")
    manifest = read_manifest(spark, staging)
    _hadoop_delete(spark, f"{out}/manifest")  # a result is whole only once this is rewritten
    step = progress or (lambda _name: None)
    rows = None
    try:
        rows = _views(spark, staging, manifest)
        step("checks")
        _check(spark, manifest)
        step("platform_days")
        totals = spark.sql(sql("day_totals"))
        _write(totals, f"{out}/platform_days")
        step("statements")
        statements = spark.sql(sql("day_statements"))
        _write(statements, f"{out}/statements")
        if figures:
            step("figures")
            _figures(spark, out, totals.schema, statements.schema)
        else:
            _hadoop_delete(spark, f"{out}/figures")
    except (PySparkException, Py4JJavaError) as exc:
        raise TadaError(t("spark.job_failed", None, detail=_spark_problem(exc))) from exc
    finally:
        if rows is not None:
            rows.unpersist()
    result = {**manifest, "engine": {"name": "spark", "version": spark.version,
                                     "master": spark.sparkContext.master}}
    spark.createDataFrame([(json.dumps(result, ensure_ascii=False),)], "value string") \
        .coalesce(1).write.mode("overwrite").text(f"{out}/manifest")
    return result


def _figures(spark: Any, out: str, totals_schema: Any, statements_schema: Any) -> None:
    """figures.sql on Spark over the days just written (read back: not computed twice)."""
    _read_back(spark, f"{out}/platform_days", totals_schema) \
        .createOrReplaceTempView("dsa_platform_days")
    _read_back(spark, f"{out}/statements", statements_schema) \
        .createOrReplaceTempView("dsa_statements")
    spark.sql(sql("figures")).coalesce(1).write.mode("overwrite").parquet(f"{out}/figures")

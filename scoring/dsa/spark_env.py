"""Spark for the DSA import: what it needs (PySpark, Java 17+, a master it can reach), checked
before anything is staged or written, and the session the import runs in.

Each missing piece is a :class:`SparkUnavailable` (a ``TadaError``: exit 2, no traceback) that
says what to install or change.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from core.errors import TadaError
from core.i18n import t

MIN_JAVA = 17
DEFAULT_MASTER = "local[*]"
# Spark's own logging down to errors: the import reports what matters itself.
_LOG4J2 = """rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""
# One CSV per input partition (see engine_spark.row numbers): opening a file "costs" as much
# as a whole partition, so Spark never packs two files together.
_ONE_FILE_PER_PARTITION = str(1 << 40)


class SparkUnavailable(TadaError):
    """Spark cannot run here: no PySpark, no or an old Java, or a master out of reach."""


def java_executable() -> Path | None:
    """The java Spark will start: ``$JAVA_HOME/bin/java`` when JAVA_HOME is set, else PATH's."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        return candidate if os.access(candidate, os.X_OK) else None
    found = shutil.which("java")
    return Path(found) if found else None


def java_major(java: Path) -> int | None:
    """The major version ``java -version`` reports (8 for "1.8.0_392"), None if unreadable."""
    try:
        proc = subprocess.run([str(java), "-version"], capture_output=True, text=True,
                              timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', proc.stderr + proc.stdout)
    if not match:
        return None
    major = int(match[1])
    return int(match[2] or 0) if major == 1 else major


def _check_master(master: str) -> None:
    """A standalone master must answer on its port; YARN needs its configuration folder."""
    if master.startswith("spark://"):
        for hostport in master.removeprefix("spark://").split(","):
            host, _, port = hostport.rpartition(":")
            try:
                with socket.create_connection((host, int(port)), timeout=5):
                    pass
            except (OSError, ValueError) as exc:
                raise SparkUnavailable(t("spark.master_unreachable", None, master=master,
                                         detail=exc)) from exc
    elif master == "yarn" and not (os.environ.get("HADOOP_CONF_DIR")
                                   or os.environ.get("YARN_CONF_DIR")):
        raise SparkUnavailable(t("spark.yarn_without_conf"))


def preflight(master: str | None) -> None:
    """Raise :class:`SparkUnavailable` unless PySpark, Java 17+ and ``master`` are there."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise SparkUnavailable(t("spark.not_installed")) from exc
    java = java_executable()
    if java is None:
        where = os.environ.get("JAVA_HOME")
        raise SparkUnavailable(t("spark.no_java_home", None, home=where) if where
                               else t("spark.no_java"))
    major = java_major(java)
    if major is None or major < MIN_JAVA:
        raise SparkUnavailable(t("spark.old_java", None, java=java,
                                 version=major if major is not None else "?",
                                 minimum=MIN_JAVA))
    if master:
        _check_master(master)


def _is_local(master: str) -> bool:
    return master == "local" or master.startswith("local[")


def session(master: str | None = None, app: str = "tada-dsa-import",
            conf: dict[str, str] | None = None) -> Any:
    """The SparkSession of the import. ``master`` None: the one spark-submit chose (or local).

    Local mode listens on 127.0.0.1 only, without the web UI; every session uses UTC and
    timestamps without time zone (the TDB's times are UTC), like the DuckDB engine.
    """
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    options = {
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.timestampType": "TIMESTAMP_NTZ",
        "spark.sql.files.maxPartitionBytes": _ONE_FILE_PER_PARTITION,
        "spark.sql.files.openCostInBytes": _ONE_FILE_PER_PARTITION,
        "spark.sql.parquet.compression.codec": "zstd",
        # dump_day=… and dump=… folders are text, as the DuckDB engine has them.
        "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
    }
    chosen = master or os.environ.get("MASTER")
    if chosen:
        builder = builder.master(chosen)
    if chosen is None or _is_local(chosen):
        log = Path(tempfile.gettempdir()) / "tada-spark-log4j2.properties"
        if not log.exists() or log.read_text(encoding="utf-8") != _LOG4J2:
            log.write_text(_LOG4J2, encoding="utf-8")
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        options |= {
            "spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1",
            "spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "8",
            "spark.driver.memory": os.environ.get("TADA_SPARK_MEMORY", "1g"),
            "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile=file:{log}",
        }
    for key, value in {**options, **(conf or {})}.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@contextmanager
def running(master: str | None = None) -> Iterator[Any]:
    """A session for one import: the one already running in this process (a notebook, the
    tests), left running, or a new one, stopped afterwards."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    spark = active or session(master)
    try:
        yield spark
    finally:
        if active is None:
            spark.stop()

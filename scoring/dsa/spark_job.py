"""The Spark job of the DSA import, as a program: the application ``spark-submit`` runs.

    python -m scoring.dsa.spark_job STAGING [--out RESULT] [--master local[*]|spark://…|yarn]
    JOB=$(python -c 'import scoring.dsa.spark_job as j; print(j.__file__)')
    spark-submit --master yarn "$JOB" s3a://bucket/tdb/staging --out s3a://bucket/tdb/result

STAGING is a folder written by ``tada dsa stage`` (any Hadoop path); the result (default
STAGING/result) is read by ``tada dsa load``. Under spark-submit the master and resources are
spark-submit's; only the driver needs this package (the executors run Spark SQL alone).
Exit status 2 with a message in the user's language (TADA_LANG) when something is wrong.
"""

from __future__ import annotations

import argparse
import sys
import time

from core.errors import TadaError
from core.i18n import t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoring.dsa.spark_job",
                                     description=t("spark.job.help"))
    parser.add_argument("staging", help=t("spark.job.help.staging"))
    parser.add_argument("--out", help=t("spark.job.help.out"))
    parser.add_argument("--master", help=t("spark.job.help.master"))
    args = parser.parse_args(argv)
    from scoring.dsa import engine_spark, spark_env

    out = args.out or f"{args.staging.rstrip('/')}/result"
    start = time.perf_counter()
    try:
        spark_env.preflight(args.master)
        with spark_env.running(args.master) as spark:
            result = engine_spark.run(spark, args.staging, out, lambda name: print(
                t("spark.step", None, step=name, seconds=f"{time.perf_counter() - start:.0f}"),
                file=sys.stderr))
    except TadaError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code
    print(t("spark.job.done", None, days=len(result["days"]), out=out,
            seconds=f"{time.perf_counter() - start:.0f}"))
    return 0


if __name__ == "__main__":
    # Run as a file by spark-submit: the package must be importable (installed on the driver).
    sys.exit(main())

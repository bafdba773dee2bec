"""Benchmark ``tada dsa import`` on a synthetic day of the DSA Transparency Database.

A day of N statements (default 10 M) is written in the real format (a stored zip of part zips
of CSVs, ``scoring.dsa.synthetic``). Three whole processes then read the same zip:

- the floor: ``unzip`` of every part zip piped to ``wc -l`` (the outer zip holds zips, so each
  part is unzipped from the day zip, then its CSVs unzipped), i.e. decompression alone;
- ``tada dsa import`` into an empty data directory (``--engine duckdb``; with ``--engine
  spark``, also ``tada dsa import --engine spark --master local[N]`` on the same zip: staging,
  the Spark job and the load, its phases timed from its progress lines);
- a pandas baseline: ``read_csv`` of every CSV streamed from the zips (the columns the import
  reads, as text), the same NCII filter, the same per-platform distinct-uuid counts. It uses
  pandas' C parser, its fastest that reads these files: ``engine="pyarrow"`` stops at the
  explanations' line breaks inside quoted cells (pandas cannot pass pyarrow's
  ``newlines_in_values``).

Throughput is MB/s of uncompressed CSV; peak resident memory and CPU seconds (user + system,
all threads and waited-for children) are each process's own, and the load average is printed
before and after: on a shared machine CPU seconds say what wall seconds cannot. The
import's counts are compared with the baseline's. Goals: at least half the floor's speed, five
times pandas, at most 1 GB peak whatever the size of the day.

    python benchmarks/dsa_bench.py                 # 10 M statements
    python benchmarks/dsa_bench.py --rows 2000000  # a quicker run
    python benchmarks/dsa_bench.py --rows 2000000 --engine spark --spark-master 'local[2]'
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scoring.dsa.definition import load  # noqa: E402
from scoring.dsa.dumpformat import STAGED  # noqa: E402
from scoring.dsa.synthetic import write_day  # noqa: E402

DAY = dt.date(2025, 8, 1)
TADA = [sys.executable, "-c", "from tada.cli import main; main()"]
FLOOR = """
set -e
zip="$1"; tmp="$2"
for part in $(unzip -Z1 "$zip"); do
  unzip -p "$zip" "$part" > "$tmp/part.zip"
  unzip -p "$tmp/part.zip"
done | wc -l
"""


def run(cmd: list[str], env: dict[str, str] | None = None,
        stderr: list[str] | None = None) -> tuple[float, int, float, str]:
    """Wall seconds, peak RSS in MB (GNU time's maximum resident set size of the process and
    the children it waited for), CPU seconds (user + system) and stdout of one whole process
    (its stderr lines appended to ``stderr`` when given)."""
    with tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", peak.name, *cmd],
                              capture_output=True, env=env, text=True)
        elapsed = time.perf_counter() - start
        if stderr is not None:
            stderr.extend(proc.stderr.splitlines())
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd[:4])}… failed:\n{proc.stderr[-3000:]}")
        peak_kb, user, system = Path(peak.name).read_text().split()[-3:]
    return elapsed, int(peak_kb) // 1024, float(user) + float(system), proc.stdout


def pandas_worker(zip_path: Path) -> None:
    """The baseline, run as its own process: prints per-platform counts as JSON."""
    import pandas as pd

    terms = load().terms()
    keywords = [f'"{n}"' for kind, n in terms if kind == "specific"]
    categories = {n for kind, n in terms if kind == "broad"}
    frames = []
    with zipfile.ZipFile(zip_path) as outer:
        for info in sorted(outer.infolist(), key=lambda i: i.filename):
            with outer.open(info) as raw, zipfile.ZipFile(raw) as inner:
                for member in sorted(inner.infolist(), key=lambda i: i.filename):
                    with inner.open(member) as fh:
                        df = pd.read_csv(fh, usecols=list(STAGED), dtype=str,
                                         keep_default_na=False)
                    spec = df["category_specification"]
                    adds = df["category_addition"]
                    df["specific"] = False
                    for k in keywords:
                        df["specific"] |= spec.str.contains(k, regex=False)
                    df["broad"] = df["category"].isin(categories)
                    for c in categories:
                        df["broad"] |= adds.str.contains(f'"{c}"', regex=False)
                    frames.append(df[["uuid", "platform_name", "specific", "broad"]])
    rows = pd.concat(frames).drop_duplicates("uuid")
    counts = rows.groupby("platform_name").agg(statements=("uuid", "size"),
                                               ncii_specific=("specific", "sum"),
                                               ncii_broad=("broad", "sum"))
    print(json.dumps({k: {c: int(v) for c, v in row.items()}
                      for k, row in counts.to_dict("index").items()}))


def _print_spark(results: dict[str, dict[str, float]], phases: list[str], mb: float,
                 args: argparse.Namespace) -> None:
    """Spark beside DuckDB, its phases, and its rows/s per core (what the archive estimate in
    docs/dsa-spark.md multiplies)."""
    spark_s = results[f"tada dsa import ({args.spark_master})"]["seconds"]
    print(f"\nSpark speed / DuckDB speed: "
          f"{results['tada dsa import (duckdb)']['seconds'] / spark_s:.2f}")
    marks = [(m[1], float(m[2])) for line in phases
             if (m := re.search(r"Spark: (\w+) \((\d+) s\)", line))]
    previous = 0.0
    for (step, at), (_, until) in zip(marks, [*marks[1:], ("end", spark_s)], strict=True):
        print(f"  {step:14} starts at {at:6.0f} s, takes {until - at:6.0f} s")
        previous = until
    job = [at for step, at in marks if step in ("checks", "load")]
    cores = re.search(r"local\[(\d+)\]", args.spark_master)
    if len(job) == 2 and cores:
        job_s = job[1] - job[0]
        per_core = args.rows / job_s / int(cores[1])
        print(f"Spark job (checks to load): {job_s:.0f} s, {mb / job_s:.1f} MB/s, "
              f"{args.rows / job_s:,.0f} rows/s, {per_core:,.0f} rows/s per core; "
              f"staging and session start-up before it: {job[0]:.0f} s; end {previous:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "results" / "dsa")
    parser.add_argument("--spark-master", default="local[2]")
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument("--pandas-worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pandas_worker:
        pandas_worker(args.pandas_worker)
        return
    dumps = args.work / f"day-{args.rows}"
    day_zip = dumps / f"sor-global-{DAY.isoformat()}-full.zip"
    if not day_zip.exists():
        start = time.perf_counter()
        write_day(dumps, DAY, args.rows, compresslevel=6)
        print(f"generated {args.rows:,} statements in {time.perf_counter() - start:.1f} s")
    with zipfile.ZipFile(day_zip) as outer:
        compressed = day_zip.stat().st_size
        csv_bytes = 0
        for info in outer.infolist():
            with outer.open(info) as raw, zipfile.ZipFile(raw) as inner:
                csv_bytes += sum(i.file_size for i in inner.infolist())
    mb = csv_bytes / 1e6
    print(f"day zip {compressed / 1e6:,.0f} MB, {mb:,.0f} MB of CSV, {args.rows:,} rows")

    results: dict[str, dict[str, float]] = {}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    floor_s, floor_rss, floor_cpu, lines = run(["bash", "-c", FLOOR, "floor", str(day_zip),
                                                str(dumps)])
    results["unzip | wc -l (floor)"] = {"seconds": floor_s, "rss_mb": floor_rss,
                                        "cpu_s": floor_cpu}
    (dumps / "part.zip").unlink(missing_ok=True)

    env = {**os.environ, "TADA_LANG": "en"}
    engines = {"duckdb": []} if args.engine == "duckdb" else {
        "duckdb": [], "spark": ["--engine", "spark", "--master", args.spark_master]}
    counts: dict[str, dict] = {}
    phases: list[str] = []
    for engine, options in engines.items():
        data_dir = args.work / (f"var-{args.rows}" + ("" if engine == "duckdb" else f"-{engine}"))
        subprocess.run(["rm", "-rf", str(data_dir)], check=True)
        name = f"tada dsa import ({engine if engine == 'duckdb' else args.spark_master})"
        imp_s, imp_rss, imp_cpu, _ = run(TADA + ["--data-dir", str(data_dir), "dsa", "import",
                                        *options, str(day_zip)], env,
                                phases if engine == "spark" else None)
        results[name] = {"seconds": imp_s, "rss_mb": imp_rss, "cpu_s": imp_cpu}
        status = json.loads(run(TADA + ["--data-dir", str(data_dir),
                                        "dsa", "status", "--json"], env)[3])
        counts[engine] = {p["platform_name"]: {k: p[k] for k in ("statements", "ncii_specific",
                                                                 "ncii_broad")}
                          for p in status["platforms"]}
    imported = counts["duckdb"]
    imp_s = results["tada dsa import (duckdb)"]["seconds"]
    imp_rss = results["tada dsa import (duckdb)"]["rss_mb"]
    if "spark" in counts:
        print(f"Spark and DuckDB agree on every platform's counts: {counts['spark'] == imported}")
    if not args.skip_pandas:
        pd_s, pd_rss, pd_cpu, out = run([sys.executable, __file__, "--pandas-worker",
                                         str(day_zip)])
        results["pandas read_csv"] = {"seconds": pd_s, "rss_mb": pd_rss, "cpu_s": pd_cpu}
        agree = json.loads(out) == imported
        print(f"pandas and the import agree on every platform's counts: {agree}")

    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"\n{'process':32} {'seconds':>9} {'MB/s':>8} {'CPU s':>8} {'peak RSS MB':>12}")
    for name, r in results.items():
        print(f"{name:32} {r['seconds']:9.1f} {mb / r['seconds']:8.1f} {r['cpu_s']:8.1f} "
              f"{r['rss_mb']:12,}")
    if "spark" in counts:
        _print_spark(results, phases, mb, args)
    print(f"\nimport speed / floor speed: {floor_s / imp_s:.2f} (goal >= 0.5)")
    if "pandas read_csv" in results:
        print(f"import speed / pandas speed: {results['pandas read_csv']['seconds'] / imp_s:.2f}"
              " (goal >= 5)")
    imp_cpu = results["tada dsa import (duckdb)"]["cpu_s"]
    print(f"CPU seconds, import / floor: {imp_cpu / results['unzip | wc -l (floor)']['cpu_s']:.2f}"
          + (f", pandas / import: {results['pandas read_csv']['cpu_s'] / imp_cpu:.2f}"
             if "pandas read_csv" in results else ""))
    print(f"import peak RSS: {imp_rss:,} MB (goal <= 1024)")
    print(f"rows counted by the floor: {int(lines.split()[0]):,} lines (header lines included)")
    (args.work / f"result-{args.rows}.json").write_text(json.dumps(
        {"rows": args.rows, "csv_mb": mb, "results": results}, indent=2))


if __name__ == "__main__":
    main()

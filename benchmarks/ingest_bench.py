"""Benchmark ``tada ingest`` + ``tada score`` end to end against pandas + lifelines.

The bundled sample log (1,342 items) is scaled to N items as a CSV file: copy k of every
item gets fresh references (``case_ref-k``) and its three times moved back together by up to
60 days (whole minutes), so every copy stays valid. Then, each as its own process, on the same
file:

- Ta-DA audit: ``tada ingest FILE --as-of 2023-04-30`` then ``tada score`` (fresh data dir);
- the reference a researcher writes: pandas ``read_csv``, platform by name, removal rate with
  a Wilson interval, Aalen-Johansen cumulative incidence of removal (lifelines, without
  variance) at 48 hours and Kaplan-Meier median time to first response, per platform. It
  validates nothing and pseudonymises nothing.

Wall time, CPU time (user + system, all threads) and peak resident memory (RSS) of each
process are printed, with the ratios. On a shared machine wall time depends on the load;
CPU time much less so, hence both, with the load average before each size.

    python benchmarks/ingest_bench.py                 # 100 k and 1 M items
    python benchmarks/ingest_bench.py --sizes 10000000
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.paths import SAMPLE_CASE_LOG  # noqa: E402

AS_OF = "2023-04-30"
SCALE_SQL = """
COPY (
    WITH sample AS (
        SELECT * FROM read_csv(?, columns=?, header=false, skip=1, delim=',', quote='"',
                               escape='"', auto_detect=false)
    ), copies AS (
        SELECT s.*, r.k, to_minutes((hash(s.case_ref, s.item_ref, r.k) % 86400)::BIGINT)
                   AS shift
        FROM sample AS s, range(?) AS r(k)
    )
    SELECT case_ref || '-' || k AS case_ref, item_ref, platform, content_url,
           strftime(nullif(reported_at, '')::TIMESTAMP - shift, '%Y-%m-%d %H:%M') AS reported_at,
           strftime(nullif(first_response_at, '')::TIMESTAMP - shift, '%Y-%m-%d %H:%M')
               AS first_response_at,
           strftime(nullif(removed_at, '')::TIMESTAMP - shift, '%Y-%m-%d %H:%M') AS removed_at,
           outcome, channel, follow_ups, victim_gender, perpetrator_relation
    FROM copies
    LIMIT ?
) TO ? (HEADER, DELIMITER ',')
"""

REFERENCE = r"""
import sys, warnings
import numpy as np, pandas as pd
from lifelines import AalenJohansenFitter, KaplanMeierFitter
from statsmodels.stats.proportion import proportion_confint

df = pd.read_csv(sys.argv[1], dtype=str)
for c in ("reported_at", "first_response_at", "removed_at"):
    df[c] = pd.to_datetime(df[c])
as_of = pd.Timestamp(sys.argv[2]) + pd.Timedelta(days=1)
df["platform"] = df["platform"].fillna(df["content_url"].str.extract(r"//([^/]+)")[0])
h = pd.Timedelta(hours=1)
end = df["removed_at"].where(df["outcome"] == "removed",
                             df["first_response_at"].where(df["outcome"] == "refused", as_of))
df["t_end"] = (end - df["reported_at"]) / h
df["ev"] = df["outcome"].map({"removed": 1, "refused": 2}).fillna(0).astype(int)
resp = df[["first_response_at", "removed_at"]].min(axis=1)
df["t_resp"] = (resp.fillna(as_of) - df["reported_at"]) / h
df["responded"] = resp.notna()
out = {}
for name, g in df.groupby("platform"):
    n, removed = len(g), int((g["ev"] == 1).sum())
    low, high = proportion_confint(removed, n, method="wilson")
    median = KaplanMeierFitter().fit(g["t_resp"], g["responded"]).median_survival_time_
    cif48 = None
    if removed:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            aj = AalenJohansenFitter(calculate_variance=False).fit(g["t_end"], g["ev"],
                                                                   event_of_interest=1)
        cif = aj.cumulative_density_.iloc[:, 0]
        cif48 = float(cif[cif.index <= 48].iloc[-1])
    out[name] = (n, removed / n, low, high, median, cif48)
print(len(out), "platforms")
"""


def make_log(path: Path, n: int) -> None:
    copies = -(-n // 1342)
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    # the sample's comment line ends in LF, its rows in CRLF: give DuckDB one kind
    with SAMPLE_CASE_LOG.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(line for line in fh if not line.startswith("#")))
    seed = path.with_name("seed.csv")
    with seed.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    columns = {name: "VARCHAR" for name in rows[0]}
    con.execute(SCALE_SQL, [str(seed), columns, copies, n, str(path)])
    con.close()


def timed(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of ``command`` run as its own process."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command[:4])} failed: {proc.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def tada() -> list[str]:
    exe = Path(sys.executable).with_name("tada")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "tada.cli"]


def run(n: int, work: Path) -> dict[str, float]:
    log = work / f"log-{n}.csv"
    if not log.exists():
        make_log(log, n)
    data = work / f"var-{n}"
    shutil.rmtree(data, ignore_errors=True)  # a first import; a kept one would be re-imported
    load = os.getloadavg()[0]
    ingest_s, ingest_cpu, ingest_mb = timed([*tada(), "--data-dir", str(data), "ingest", str(log),
                                 "--as-of", AS_OF])
    score_s, score_cpu, score_mb = timed([*tada(), "--data-dir", str(data), "score"])
    ref_s, ref_cpu, ref_mb = timed([sys.executable, "-c", REFERENCE, str(log), AS_OF])
    result = {"items": n, "ingest_s": ingest_s, "ingest_mb": ingest_mb, "score_s": score_s,
              "score_mb": score_mb, "tada_s": ingest_s + score_s, "reference_s": ref_s,
              "reference_mb": ref_mb, "speedup": ref_s / (ingest_s + score_s),
              "ingest_cpu_s": ingest_cpu, "score_cpu_s": score_cpu, "reference_cpu_s": ref_cpu,
              "cpu_speedup": ref_cpu / (ingest_cpu + score_cpu), "load_before": load}
    print(f"{n:>11,} items  ingest {ingest_s:7.1f} s {ingest_mb:7.0f} MiB | score "
          f"{score_s:6.1f} s {score_mb:6.0f} MiB | tada {ingest_s + score_s:7.1f} s | "
          f"pandas+lifelines {ref_s:7.1f} s {ref_mb:6.0f} MiB | speed-up "
          f"{result['speedup']:.2f}x", flush=True)
    print(f"{'':>11}  CPU s: ingest {ingest_cpu:7.1f} | score {score_cpu:6.1f} | "
          f"pandas+lifelines {ref_cpu:7.1f} | CPU speed-up {result['cpu_speedup']:.2f}x "
          f"(load average {load:.1f} before)", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--work", type=Path, default=None, help="keep files here")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = [run(n, work) for n in args.sizes]
    by_size = {r["items"]: r for r in results}
    if 1_000_000 in by_size and 10_000_000 in by_size:
        ratio = by_size[10_000_000]["tada_s"] / by_size[1_000_000]["tada_s"]
        cpu = ((by_size[10_000_000]["ingest_cpu_s"] + by_size[10_000_000]["score_cpu_s"])
               / (by_size[1_000_000]["ingest_cpu_s"] + by_size[1_000_000]["score_cpu_s"]))
        print(f"10 M / 1 M time ratio (ingest + score): {ratio:.1f} wall, {cpu:.1f} CPU")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

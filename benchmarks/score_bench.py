"""Benchmark ``tada score`` against a straightforward pandas + lifelines implementation.

The bundled sample log (1,342 items) is scaled in DuckDB SQL to N items: each sample item is
copied with its report moved back by up to 60 days and its times to response and removal
stretched by a factor in [0.7, 1.4], at whole minutes (as logs record them); an event pushed
past the extract's date becomes pending. ``tada score`` then runs as its own process (wall
time and peak resident memory measured), and the baseline computes the same statistics for
the same groups with pandas, statsmodels and lifelines.

lifelines' Aalen-Johansen variance loops over every distinct time in Python, so at millions of
items the baseline would run for hours: it is timed on a random subset of the items and
scaled up linearly, which understates its real cost (nothing it does is faster than linear),
so the reported speed-up is a lower bound. ``--quick`` runs small scales, with the baseline on
all items, and cross-checks the two implementations' removal rates and medians.

    python benchmarks/score_bench.py            # 1 M and 10 M items
    python benchmarks/score_bench.py --quick    # 20 k and 200 k items
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.paths import SAMPLE_CASE_LOG, DataDir  # noqa: E402
from scoring.caselog.ingest import ingest  # noqa: E402
from scoring.warehouse import connect  # noqa: E402

SCALE_CASES = """
INSERT INTO cases
SELECT 'r' || r.i || '-' || c.case_key, c.victim_gender, c.perpetrator_relation
FROM seed.cases AS c, range(?) AS r(i)
"""
SCALE_SQL = """
INSERT INTO items
WITH copies AS (
    SELECT i.*, r.i AS copy, row_number() OVER () AS n,
           to_minutes((random() * 60 * 24 * 60)::BIGINT) AS shift,
           0.7 + 0.7 * random() AS stretch
    FROM seed.items AS i, range(?) AS r(i)
    LIMIT ?
),
moved AS (
    SELECT *, reported_at - shift AS new_reported,
           reported_at - shift + to_minutes(round(
               (epoch_us(first_response_at) - epoch_us(reported_at)) / 6e7 * stretch)::BIGINT)
               AS new_response,
           reported_at - shift + to_minutes(round(
               (epoch_us(removed_at) - epoch_us(reported_at)) / 6e7 * stretch)::BIGINT)
               AS new_removed
    FROM copies
)
SELECT 'b' || n, 'r' || copy || '-' || case_key, platform_slug, unregistered_platform, host,
       NULL, new_reported,
       CASE WHEN new_response <= as_of THEN new_response END,
       CASE WHEN new_removed <= as_of THEN new_removed END,
       CASE WHEN outcome = 'removed' AND new_removed > as_of THEN 'pending'
            WHEN outcome = 'refused' AND new_response > as_of THEN 'pending'
            ELSE outcome END,
       channel, follow_ups, as_of, import_id
FROM moved
"""


def generate(data_dir: DataDir, n: int, seed_dir: DataDir) -> float:
    """A warehouse of ``n`` items scaled from the sample (not timed as part of scoring)."""
    started = time.perf_counter()
    con = connect(data_dir.warehouse)
    con.execute("SELECT setseed(0.42)")
    con.execute(f"ATTACH '{seed_dir.warehouse}' AS seed (READ_ONLY)")
    con.execute("INSERT INTO platforms SELECT * FROM seed.platforms")
    con.execute("INSERT INTO case_log_imports SELECT * FROM seed.case_log_imports")
    copies = math.ceil(n / 1342)
    con.execute(SCALE_CASES, [copies])
    con.execute(SCALE_SQL, [copies, n])
    con.execute("DETACH seed")
    con.close()
    return time.perf_counter() - started


def run_score(data_dir: DataDir) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of ``tada score`` as its own process."""
    tada = Path(sys.executable).with_name("tada")
    command = [str(tada)] if tada.exists() else [sys.executable, "-m", "tada.cli"]
    started = time.perf_counter()
    proc = subprocess.Popen([*command, "--data-dir", str(data_dir.root), "score"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"tada score failed: {proc.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


# ---------------------------------------------------------------- the pandas + lifelines baseline

def load_items(warehouse: Path, fraction: float):
    con = duckdb.connect(str(warehouse), read_only=True)
    sample = f"USING SAMPLE {fraction * 100}% (bernoulli, 7)" if fraction < 1 else ""
    df = con.execute(f"""
        SELECT i.platform_slug, coalesce(p.category, 'unregistered') AS category, i.channel,
               i.outcome, i.reported_at, i.first_response_at, i.removed_at, i.as_of
        FROM items AS i LEFT JOIN platforms AS p ON p.slug = i.platform_slug {sample}
    """).fetchdf()
    con.close()
    return df


def baseline(df):
    """The same statistics per group, the way an analyst would write them in pandas."""
    import numpy as np
    import pandas as pd
    from lifelines import AalenJohansenFitter, KaplanMeierFitter
    from lifelines.utils import median_survival_times
    from statsmodels.stats.proportion import proportion_confint

    hours = pd.Timedelta(hours=1)
    end = df["as_of"].where(~df["outcome"].isin(["removed", "refused"]),
                            df["removed_at"].where(df["outcome"] == "removed",
                                                   df["first_response_at"]))
    df = df.assign(
        t_end=(end - df["reported_at"]) / hours,
        ev=df["outcome"].map({"removed": 1, "refused": 2}).fillna(0).astype(int),
        response=df[["first_response_at", "removed_at"]].min(axis=1),
        period=df["reported_at"].dt.tz_localize("UTC").dt.tz_convert("Asia/Hong_Kong")
        .dt.tz_localize(None).dt.to_period("Q").astype(str).str.replace("Q", "-Q"),
        followup=(df["as_of"] - df["reported_at"]) / hours)
    df["t_resp"] = (df["response"].fillna(df["as_of"]) - df["reported_at"]) / hours
    df["responded"] = df["response"].notna()
    rows = {}
    groupings = [("all", None), ("category", "category"), ("platform", "platform_slug")]
    dims = [("total", None), ("period", "period"), ("channel", "channel")]
    for gname, gcol in groupings:
        for dname, dcol in dims:
            keys = [c for c in (gcol, dcol) if c]
            groups = df.groupby(keys) if keys else [((), df)]
            for key, g in groups:
                curve = dname == "total" and gname != "all"
                rows[(gname, key, dname)] = _cell(g, curve, proportion_confint,
                                                  KaplanMeierFitter, AalenJohansenFitter,
                                                  median_survival_times, np)
    return rows


def _cell(g, curve, proportion_confint, KaplanMeierFitter, AalenJohansenFitter,
          median_survival_times, np):
    n, removed = len(g), int((g["ev"] == 1).sum())
    low, high = proportion_confint(removed, n, method="wilson")
    kmf = KaplanMeierFitter().fit(g["t_resp"], g["responded"])
    ci = median_survival_times(kmf.confidence_interval_)
    # The first time S <= 0.5, with the same 1e-12 allowance as the SQL: a step landing
    # exactly on 0.5 reads as 0.5000000001 in lifelines' running product.
    sf = kmf.survival_function_.iloc[:, 0]
    reached = sf[sf <= 0.5 + 1e-12]
    median = float(reached.index[0]) if len(reached) else float("inf")
    out = {"items": n, "removed": removed, "rate": removed / n, "low": low, "high": high,
           "median": median, "median_ci": tuple(ci.iloc[0])}
    if g["ev"].any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ajf = AalenJohansenFitter(calculate_variance=curve, seed=1).fit(
                g["t_end"], g["ev"], event_of_interest=1)
        cif = ajf.cumulative_density_.iloc[:, 0]
        for h in (24, 48, 168):
            out[f"cif_{h}"] = float(cif[cif.index <= h].iloc[-1])
    base = g[g["followup"] >= 720]
    if len(base):
        answered = base["responded"] & (base["t_resp"] <= 720)
        out["no_response_30d"] = float((~answered).mean())
    return out


def check_agreement(public_db: Path, rows: dict) -> int:
    """Removal rates and medians of the platforms must agree between the implementations."""
    con = duckdb.connect(str(public_db), read_only=True)
    ours = con.execute("SELECT slug, removal_rate, median_first_response_hours "
                       "FROM scorecard_platform WHERE removal_rate IS NOT NULL").fetchall()
    con.close()
    bad = 0
    for slug, rate, median in ours:
        ref = rows[("platform", (slug,), "total")]
        ref_median = None if math.isinf(ref["median"]) else ref["median"]
        same_median = (median is None and ref_median is None) or (
            median is not None and ref_median is not None and abs(median - ref_median) < 1e-9)
        if abs(rate - ref["rate"]) > 1e-12 or not same_median:
            bad += 1
            print(f"  disagreement on {slug}: {rate} vs {ref['rate']}, {median} vs {ref_median}")
    return bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small scales (20 k, 200 k)")
    parser.add_argument("--scales", type=int, nargs="*", default=None)
    parser.add_argument("--baseline-items", type=int, default=100_000,
                        help="items the baseline is timed on at large scales")
    parser.add_argument("--work", type=Path, default=None, help="working directory")
    args = parser.parse_args()
    if not SAMPLE_CASE_LOG.exists():
        print(f"skipped: the sample case log {SAMPLE_CASE_LOG} is absent")
        return
    scales = args.scales or ([20_000, 200_000] if args.quick else [1_000_000, 10_000_000])
    work = Path(tempfile.mkdtemp(prefix="tada-bench-", dir=args.work))
    try:
        seed = DataDir(work / "seed")
        ingest(SAMPLE_CASE_LOG, seed, as_of=dt.date(2023, 4, 30))
        results = []
        for n in scales:
            data_dir = DataDir(work / f"n{n}")
            made = generate(data_dir, n, seed)
            seconds, peak = run_score(data_dir)
            fraction = min(1.0, args.baseline_items / n)
            df = load_items(data_dir.warehouse, fraction)
            started = time.perf_counter()
            rows = baseline(df)
            base_seconds = time.perf_counter() - started
            if fraction == 1.0:
                print(f"  cross-check at {n:,}: {check_agreement(data_dir.public_db, rows)} "
                      "disagreements")
            estimate = base_seconds / fraction
            results.append((n, made, seconds, peak, len(df), base_seconds, estimate))
            print(f"{n:>12,} items: generated in {made:.1f} s; tada score {seconds:.2f} s, "
                  f"peak {peak:,.0f} MiB; baseline {base_seconds:.1f} s on {len(df):,} items"
                  f" -> {estimate:,.0f} s at full scale; speed-up {estimate / seconds:,.0f}x",
                  flush=True)
            shutil.rmtree(data_dir.root, ignore_errors=True)
        if len(results) >= 2:
            small, large = results[0], results[-1]
            print(f"time({large[0]:,}) / time({small[0]:,}) = {large[2] / small[2]:.2f} "
                  f"for {large[0] / small[0]:.0f}x the items")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

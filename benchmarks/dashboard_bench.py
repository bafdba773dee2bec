"""Dashboard callback latency over a public.duckdb built from 10 k versus 10 M case items.

The dashboard reads aggregates only, so its latency should barely depend on how many items
stand behind them. Goal: p95(10 M) / p95(10 k) <= 1.5.

For each scale the sample case log is scaled in a warehouse by the scoring benchmark's
generator (``benchmarks/score_bench.py``), scored with ``scoring.score.build``, and then
the page callbacks are timed in-process through Flask's test client (the same HTTP endpoint
the browser posts to): the overview page, a filter change on the overview, and the page of
the platform with the most items (the longest removal curve).

    python benchmarks/dashboard_bench.py [--scales 10000,10000000] [--iterations 200]
                                         [--work DIR] [--json]

Built databases are kept in --work (default benchmarks/results/dashboard) and reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = {  # name → (pathname, search, which callback)
    "overview": ("/", "", "page"),
    "overview_filter": ("/", "?category=social_media&sort=removal_rate", "body"),
    "platform": ("/platform/{slug}", "", "page"),
}


def _payload(kind: str, pathname: str, search: str) -> dict:
    if kind == "body":
        return {"output": "page-body.children",
                "outputs": {"id": "page-body", "property": "children"},
                "inputs": [{"id": "url", "property": "search", "value": search}],
                "state": [{"id": "url", "property": "pathname", "value": pathname},
                          {"id": "expected", "property": "data", "value": search}],
                "changedPropIds": ["url.search"]}
    return {"output": "..root.children...rendered.data...controls.data..",
            "outputs": [{"id": "root", "property": "children"},
                        {"id": "rendered", "property": "data"},
                        {"id": "controls", "property": "data"}],
            "inputs": [{"id": "url", "property": "pathname", "value": pathname},
                       {"id": "url", "property": "search", "value": search}],
            "state": [{"id": "rendered", "property": "data", "value": None},
                      {"id": "expected", "property": "data", "value": None}],
            "changedPropIds": ["url.pathname"]}


def _score_bench():
    """The scoring benchmark's generator of scaled warehouses (one way to scale, shared)."""
    spec = importlib.util.spec_from_file_location("score_bench",
                                                  Path(__file__).with_name("score_bench.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_public_db(items: int, work: Path) -> tuple[Path, int, float]:
    """public.duckdb scored from ``items`` items scaled from the sample; reused if built."""
    from core.paths import SAMPLE_CASE_LOG, DataDir
    from scoring.caselog.ingest import ingest
    from scoring.score import build

    data = DataDir(work / f"items-{items}")
    done = data.root / "built.json"
    if done.exists():
        facts = json.loads(done.read_text())
        return data.public_db, facts["items"], facts["seconds"]
    seed = DataDir(work / "seed")
    if not seed.warehouse.exists():
        ingest(SAMPLE_CASE_LOG, seed, dt.date(2023, 4, 30))
    shutil.rmtree(data.root, ignore_errors=True)
    data.ensure()
    _score_bench().generate(data, items, seed)
    started = time.perf_counter()
    summary = build(data, memory_limit="2GB")
    seconds = time.perf_counter() - started
    done.write_text(json.dumps({"items": summary.items, "seconds": seconds}))
    data.warehouse.unlink()  # only the published database is read from here on
    return data.public_db, summary.items, seconds


def busiest_platform(public_db: Path) -> str:
    import duckdb

    con = duckdb.connect(str(public_db), read_only=True)
    try:
        return con.execute("SELECT slug FROM scorecard_platform ORDER BY items DESC NULLS LAST "
                           "LIMIT 1").fetchone()[0]
    finally:
        con.close()


def time_callbacks(dbs: dict[int, Path], iterations: int) -> dict[int, dict[str, dict]]:
    """p50/p95 per scale and page; rounds alternate between scales so that noise from other
    processes on the machine falls on every scale alike."""
    from dashboard.app import create_app

    clients = {scale: create_app(db).server.test_client() for scale, db in dbs.items()}
    payloads = {scale: {name: _payload(kind, path.format(slug=busiest_platform(db)), search)
                        for name, (path, search, kind) in PAGES.items()}
                for scale, db in dbs.items()}
    samples: dict[int, dict[str, list[float]]] = {s: {p: [] for p in PAGES} for s in dbs}
    sizes: dict[int, dict[str, int]] = {s: {} for s in dbs}
    for round_ in range(iterations + 3):  # the first 3 rounds warm up and are not kept
        for name in PAGES:
            for scale, client in clients.items():
                started = time.perf_counter()
                response = client.post("/_dash-update-component", json=payloads[scale][name])
                elapsed = (time.perf_counter() - started) * 1000
                assert response.status_code == 200, response.data[:200]
                sizes[scale][name] = len(response.data)
                if round_ >= 3:
                    samples[scale][name].append(elapsed)
    results: dict[int, dict[str, dict]] = {}
    for scale in dbs:
        results[scale] = {}
        for name, values in samples[scale].items():
            values.sort()
            results[scale][name] = {"p50_ms": statistics.median(values),
                                    "p95_ms": values[max(0, round(0.95 * len(values)) - 1)],
                                    "bytes": sizes[scale][name]}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10000,10000000")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "results" / "dashboard")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        import scoring.score  # noqa: F401
    except ImportError:
        print("dashboard_bench: scoring.score is not available; nothing to measure.")
        return 0
    if not Path(__file__).with_name("score_bench.py").exists():
        print("dashboard_bench: benchmarks/score_bench.py is missing; nothing to measure.")
        return 0
    scales = [int(s) for s in args.scales.split(",")]
    report: dict = {"iterations": args.iterations, "scales": {}}
    dbs = {}
    for scale in scales:
        public_db, items, seconds = build_public_db(scale, args.work)
        dbs[scale] = public_db
        report["scales"][scale] = {"items": items, "score_seconds": round(seconds, 1),
                                   "public_db_bytes": public_db.stat().st_size}
    for scale, pages in time_callbacks(dbs, args.iterations).items():
        report["scales"][scale]["pages"] = pages
    low, high = report["scales"][scales[0]], report["scales"][scales[-1]]
    report["ratio_p95"] = {name: high["pages"][name]["p95_ms"] / low["pages"][name]["p95_ms"]
                           for name in PAGES}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for facts in report["scales"].values():
        print(f"{facts['items']:>12,} items  (scored in {facts['score_seconds']} s, "
              f"public.duckdb {facts['public_db_bytes'] / 1e6:.1f} MB)")
        for name, t in facts["pages"].items():
            print(f"    {name:<16} p50 {t['p50_ms']:7.1f} ms   p95 {t['p95_ms']:7.1f} ms   "
                  f"response {t['bytes'] / 1e3:6.1f} kB")
    for name, ratio in report["ratio_p95"].items():
        verdict = "ok" if ratio <= 1.5 else "over goal"
        print(f"p95 ratio {name:<16} {ratio:5.2f}  (goal <= 1.5: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

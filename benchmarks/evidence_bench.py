"""Evidence-pack benchmark: build time for every registered platform, and `tada verify`
throughput against `sha256sum` over the same bytes.

    python benchmarks/evidence_bench.py [--scale-mb 200] [--repeat 3]

1. Builds a data directory with the real pipeline, offline (crawl of the bundled mirror,
   the sample case log, `tada score`), then times one pack holding every platform in the
   registry and one pack per platform.
2. For throughput, makes a large bag whose payload has the same mix of files as that
   all-platform pack (the report, WARC files, policies, metrics) repeated up to
   ``--scale-mb``, then times, over exactly the same files: `sha256sum` (the baseline),
   ``verify_pack`` in-process, and the `tada verify` command (which adds start-up).
   ``--many-files`` scales by copying the payload instead (per-file overhead dominates).
   Goal: throughput >= 0.8x sha256sum's.

Exits 0 with a message when the crawl or scoring stage is not available.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _pipeline(root: Path):
    from core.paths import PLATFORMS_DIR, SAMPLE_CASE_LOG, DataDir
    from core.registry import load_registry
    from crawlers.run import run_crawl
    from scoring import synthetic
    from scoring.caselog.ingest import ingest
    from scoring.score import build

    data = DataDir(root / "var")
    run_crawl(data)
    ingest(SAMPLE_CASE_LOG, data, as_of=synthetic.EXTRACTED)
    build(data)
    return data, sorted(load_registry(PLATFORMS_DIR))


def _big_bag(pack: Path, target: Path, scale_bytes: int, many_files: bool) -> Path:
    """A bag with the pack's payload scaled up to ``scale_bytes``.

    By default each file grows (a WARC file by repeating its records, one gzip member each,
    so it stays a valid WARC; other files by repeating their bytes), keeping the pack's file
    count and mix of bytes, as a pack from a longer crawl history would. ``many_files``
    instead copies the whole payload many times, which measures per-file overhead.
    """
    import bagit

    files = sorted(p for p in (pack / "data").rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in files)
    factor = max(1, scale_bytes // size)
    staging = target / "big-pack"
    for n in range(factor if many_files else 1):
        for path in files:
            dest = staging / f"copy{n:03d}" / path.relative_to(pack / "data")
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(path.read_bytes() * (1 if many_files else factor))
    bagit.make_bag(str(staging), {"Source-Organization": "benchmark"}, checksums=["sha256"])
    return staging


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale-mb", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--many-files", action="store_true",
                        help="scale by copying the payload many times instead of growing files")
    args = parser.parse_args()
    if importlib.util.find_spec("crawlers.run") is None or \
            importlib.util.find_spec("scoring.score") is None:
        print("skipped: the crawl and scoring stages are needed to make the input data")
        return 0
    if shutil.which("sha256sum") is None:
        print("skipped: sha256sum is not installed")
        return 0
    from evidence.build import build_pack
    from evidence.verify import verify_pack

    with tempfile.TemporaryDirectory(prefix="tada-evidence-bench-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        data, slugs = _pipeline(root)
        print(f"input data (crawl + ingest + score): {time.perf_counter() - start:.1f} s, "
              f"{len(slugs)} platforms in the registry")

        start = time.perf_counter()
        everything = build_pack(data, slugs, out_dir=root / "all")
        t_all = time.perf_counter() - start
        print(f"one pack, all {len(slugs)} platforms: {t_all:.2f} s "
              f"({everything.payload_files} files, {everything.payload_bytes / 1e6:.1f} MB, "
              f"{everything.snapshots} snapshots, {everything.warc_records} WARC records)")
        per = []
        for slug in slugs:
            start = time.perf_counter()
            build_pack(data, [slug], out_dir=root / "each")
            per.append(time.perf_counter() - start)
        print(f"one pack per platform: total {sum(per):.1f} s, median "
              f"{statistics.median(per):.2f} s, max {max(per):.2f} s")

        big = _big_bag(everything.path, root, args.scale_mb * 1_000_000, args.many_files)
        files = sorted(str(p) for p in big.rglob("*") if p.is_file())
        total = sum(Path(f).stat().st_size for f in files)
        assert verify_pack(big).ok
        t_sha = _best(lambda: subprocess.run(["sha256sum", *files], check=True,
                                             stdout=subprocess.DEVNULL), args.repeat)
        t_verify = _best(lambda: verify_pack(big), args.repeat)
        script = Path(sys.executable).with_name("tada")
        tada = [str(script)] if script.exists() else \
            [sys.executable, "-c", "from tada.cli import main; main()"]
        t_cli = _best(lambda: subprocess.run([*tada, "verify", str(big)], check=True,
                                             stdout=subprocess.DEVNULL), args.repeat)
        mb = total / 1e6
        print(f"verify throughput over {len(files)} files, {mb:.0f} MB "
              f"(best of {args.repeat}):")
        print(f"  sha256sum            {t_sha:6.2f} s  {mb / t_sha:7.0f} MB/s  (baseline)")
        print(f"  verify_pack()        {t_verify:6.2f} s  {mb / t_verify:7.0f} MB/s  "
              f"ratio {t_sha / t_verify:.2f}x")
        print(f"  tada verify (CLI)    {t_cli:6.2f} s  {mb / t_cli:7.0f} MB/s  "
              f"ratio {t_sha / t_cli:.2f}x   goal >= 0.8x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

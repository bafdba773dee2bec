"""Crawl benchmark: the full offline crawl against a bare Scrapy fetch of the same pages.

    python benchmarks/crawl_bench.py [--repeat 3]

Both runs are ``scrapy crawl`` child processes replaying the same mirror pages through the
same download handler; the bare spider has no pipelines and no custom middlewares, so the
ratio is the cost of archiving (WARC, snapshots), extraction, analysis and versioning.
Goal: ours <= 2x the bare fetch. Then a second crawl of unchanged pages: bytes written to the
snapshot store and the versions (goal: 0).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scrapy import Request, Spider

REPO = Path(__file__).resolve().parents[1]


class BareSpider(Spider):
    """Fetches every declared URL from the mirror and keeps nothing."""

    name = "bare"
    custom_settings = {
        "DOWNLOAD_HANDLERS": {"http": "crawlers.mirror.MirrorDownloadHandler",
                              "https": "crawlers.mirror.MirrorDownloadHandler"},
        "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "WARNING",
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "DOWNLOAD_DELAY": 0, "RETRY_ENABLED": False,
        "AUTOTHROTTLE_ENABLED": False, "HTTPERROR_ALLOW_ALL": True, "ITEM_PIPELINES": {},
        "EXTENSIONS": {"scrapy.extensions.telnet.TelnetConsole": None},
    }

    async def start(self):
        from crawlers.context import CrawlContext

        for target in CrawlContext.of(self.crawler).targets:
            yield Request(target.variant.url, callback=self.parse, dont_filter=True)

    def parse(self, response):
        return None


def _bare(data_dir: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "scrapy", "runspider", __file__,
                    "-s", f"TADA_DATA_DIR={data_dir}"], cwd=REPO, check=True,
                   capture_output=True)
    return time.perf_counter() - started


def _ours(data_dir: Path) -> tuple[float, int]:
    from core.paths import DataDir
    from crawlers.run import run_crawl

    started = time.perf_counter()
    summary = run_crawl(DataDir(data_dir))
    elapsed = time.perf_counter() - started
    if len(summary.records) != summary.expected:
        raise SystemExit(f"crawl left {summary.expected - len(summary.records)} records out")
    return elapsed, summary.expected


def _stored(archive: Path) -> dict[str, int]:
    return {str(p): p.stat().st_size for sub in ("snapshots", "versions")
            for p in (archive / sub).rglob("*") if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from core.paths import MIRROR_DIR

    if not (MIRROR_DIR / "index.json").exists():
        print(f"skipped: no offline mirror at {MIRROR_DIR}")
        return
    ours, bare = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            bare.append(_bare(Path(tmp) / f"bare{i}"))
            seconds, documents = _ours(Path(tmp) / f"ours{i}")
            ours.append(seconds)
        archive = Path(tmp) / "ours0" / "archive"
        before = _stored(archive)
        started = time.perf_counter()
        _ours(Path(tmp) / "ours0")  # every page unchanged since the first run
        recrawl = time.perf_counter() - started
        after = _stored(archive)
    written = sum(size for path, size in after.items() if before.get(path) != size)
    result = {
        "documents": documents,
        "bare_seconds_median": round(statistics.median(bare), 3),
        "ours_seconds_median": round(statistics.median(ours), 3),
        "ratio_ours_to_bare": round(statistics.median(ours) / statistics.median(bare), 2),
        "recrawl_seconds": round(recrawl, 3),
        "recrawl_bytes_written_snapshots_versions": written,
        "goal": {"ratio_max": 2.0, "recrawl_bytes": 0},
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

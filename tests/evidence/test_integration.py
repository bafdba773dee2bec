"""The real pipeline, offline: crawl the mirror twice (X's policy changes between the two
recorded dates), ingest the sample case log, score, then build and verify a pack."""

from __future__ import annotations

import gzip
import importlib.util

import bagit
import pytest

from core.paths import SAMPLE_CASE_LOG, DataDir
from evidence.build import build_pack
from evidence.verify import verify_pack

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("crawlers.run") is None
    or importlib.util.find_spec("scoring.score") is None,
    reason="needs the crawl and scoring stages")


@pytest.fixture(scope="module")
def pipeline_data(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    from crawlers.run import run_crawl
    from scoring import synthetic
    from scoring.caselog.ingest import ingest
    from scoring.score import build

    data = DataDir(tmp_path_factory.mktemp("pipeline") / "var")
    platforms = ["x_twitter", "lihkg", "telegram", "pornhub", "discord"]
    run_crawl(data, platforms, mirror_date="2024-12-31")
    run_crawl(data, platforms)
    ingest(SAMPLE_CASE_LOG, data, as_of=synthetic.EXTRACTED)
    build(data)
    return data


def test_pack_from_the_real_pipeline(pipeline_data, tmp_path, helpers):
    result = build_pack(pipeline_data, ["x_twitter", "lihkg", "telegram", "discord"],
                        out_dir=tmp_path, organisation="Example Advocacy HK",
                        contact="evidence@example.org")
    bagit.Bag(str(result.path)).validate()
    verdict = verify_pack(result.zip_path)
    assert verdict.ok, verdict.lines()
    assert result.snapshots > 0 and verdict.warc_records >= 2 * result.snapshots
    # X's policy changed between the two crawls: both versions and the diff are cited.
    diffs = list((result.path / "data" / "policies" / "x_twitter").rglob("*.diff"))
    assert diffs
    text = helpers.pdf_text(result.path / "data" / "report.pdf")
    assert "line(s) added" in text and "History of policy changes" in text
    assert "SYNTHETIC DEMO DATA" in text
    info = bagit.Bag(str(result.path)).info
    assert info["Methodology-Version"] and info["Data-As-Of"].startswith("2023-")
    urls = {line.split()[1] for line in info["Cited-Snapshot"]}
    archived = b"".join(gzip.decompress(p.read_bytes())
                        for p in (result.path / "data" / "archive").glob("*.warc.gz"))
    assert all(url.encode() in archived for url in urls)

"""Offline crawl of the whole registry from the synthetic mirror, three times over."""

from __future__ import annotations

import hashlib
import json

import pytest
from warcio.archiveiterator import ArchiveIterator

from core.declarations import iter_variants
from core.paths import MIRROR_DIR, PLATFORMS_DIR, DataDir
from core.registry import load_registry
from crawlers.mirror_index import load_index
from crawlers.records import FIELDS
from crawlers.run import run_crawl

# Situations the mirror records on purpose; every other declared document reads fine.
EXPECTED_FAILURES = {
    ("stripchat", "reporting_form"): "login_wall",
    ("x_twitter", "reporting_form"): "needs_js",
    ("onlyfans", "community_guidelines"): "needs_js",
    ("xhamster", "reporting_form"): "robots_disallowed",
    ("tumblr", "reporting_form"): "http_error",
}
CHANGED = ("x_twitter", "ncii_policy")


@pytest.fixture(scope="module")
def crawls(tmp_path_factory, kit):
    """Crawl as recorded at the end of 2024, then the latest recordings, then again."""
    data_dir = DataDir(tmp_path_factory.mktemp("offline") / "var")
    first = run_crawl(data_dir, mirror_date="2024-12-31")
    second = run_crawl(data_dir)
    after_second = kit.archive_files(data_dir.archive)
    third = run_crawl(data_dir)
    return data_dir, first, second, third, after_second


def _by_doc(summary):
    return {(r["platform"], r["document_type"]): r for r in summary.records}


def test_every_declared_url_is_recorded_in_the_mirror():
    index = load_index(MIRROR_DIR)
    registry = load_registry(PLATFORMS_DIR)
    urls = [v.url.split("#")[0] for p in registry.values() for v in iter_variants(p.documents)]
    assert len(urls) >= 60
    assert [u for u in urls if u not in index] == []
    assert "synthetic" in (MIRROR_DIR / "README.md").read_text().lower()


def test_first_crawl_reads_every_document(crawls, kit):
    data_dir, first, *_ = crawls
    registry = load_registry(PLATFORMS_DIR)
    declared = {(slug, v.document_type) for slug, p in registry.items()
                for v in iter_variants(p.documents)}
    got = _by_doc(first)
    assert set(got) == declared and len(first.records) == first.expected
    for key, record in got.items():
        assert record["outcome"] == EXPECTED_FAILURES.get(key, "ok"), (key, record["detail"])
        assert record["source"] == "mirror" and set(record) == set(FIELDS)
    assert kit.leftovers(data_dir.archive) == []


def test_versions_hold_clean_markdown_and_features(crawls):
    data_dir, first, *_ = crawls
    lihkg = _by_doc(first)[("lihkg", "terms_of_service")]
    folder = data_dir.archive / "versions" / "lihkg" / "terms_of_service.zh-Hant"
    markdown = (folder / f"{lihkg['version_id']}.md").read_text(encoding="utf-8")
    assert "使用條款" in markdown and "發言守則" in markdown  # the Big5 page decoded
    assert "Cookie" not in markdown and "吹水台" not in markdown  # banner and navigation gone
    features = json.loads((folder / f"{lihkg['version_id']}.features.json").read_text())
    assert features["prohibits_ncii"] == "no"
    meta = _by_doc(first)[("facebook", "ncii_policy")]
    folder = data_dir.archive / "versions" / "facebook" / "ncii_policy.en"
    features = json.loads((folder / f"{meta['version_id']}.features.json").read_text())
    assert features["prohibits_ncii"] == "yes" and features["hash_matching"] == "yes"
    form = _by_doc(first)[("youtube", "reporting_form")]
    folder = data_dir.archive / "versions" / "youtube" / "reporting_form.en"
    audit = json.loads((folder / f"{form['version_id']}.features.json").read_text())
    assert audit["form_present"] is True


def test_changed_policy_gets_a_new_version_with_a_diff(crawls):
    data_dir, first, second, *_ = crawls
    before, after = _by_doc(first)[CHANGED], _by_doc(second)[CHANGED]
    assert after["outcome"] == "ok" and after["version_id"] != before["version_id"]
    others = [r for key, r in _by_doc(second).items()
              if key != CHANGED and key not in EXPECTED_FAILURES]
    assert {r["outcome"] for r in others} == {"unchanged"}
    index = [json.loads(line) for line in
             (data_dir.archive / "versions" / "index.jsonl").read_text().splitlines()]
    new = next(v for v in index if v["version_id"] == after["version_id"])
    assert new["previous_version_id"] == before["version_id"]
    diff = (data_dir.archive / new["diff_path"]).read_text()
    assert diff.startswith(f"--- {before['version_id']}.md")
    assert any(line.startswith("+") and "deepfakes" in line for line in diff.splitlines())
    assert sum(1 for v in index if v["diff_path"]) == 1


def test_recrawl_writes_no_snapshot_or_version(crawls, kit):
    data_dir, _first, second, third, after_second = crawls
    assert kit.archive_files(data_dir.archive) == after_second
    read = [r for key, r in _by_doc(third).items() if key not in EXPECTED_FAILURES]
    assert {r["outcome"] for r in read} == {"unchanged"}
    assert any(r["status"] == 304 for r in read)  # recorded ETags answered conditionally
    assert all(r["version_id"] == _by_doc(second)[(r["platform"], r["document_type"])][
        "version_id"] for r in read)


def test_warc_files_are_readable_with_valid_digests(crawls):
    data_dir, first, second, third, _ = crawls
    records = first.records + second.records + third.records
    ids = {}
    for path in sorted((data_dir.archive / "warc").glob("*.warc.gz")):
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh, check_digests="raise"):
                if record.rec_type == "response":
                    assert record.rec_headers.get_header("WARC-Payload-Digest")
                    ids[record.rec_headers.get_header("WARC-Record-ID")] = (
                        hashlib.sha256(record.content_stream().read()).hexdigest())
    assert len(list((data_dir.archive / "warc").glob("*.warc.gz"))) == 3
    for r in records:
        if r["warc_record_id"]:
            assert r["warc_record_id"] in ids
        if r["outcome"] == "ok":
            assert ids[r["warc_record_id"]] == r["content_sha256"]

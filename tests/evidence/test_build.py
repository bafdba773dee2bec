"""A pack for several platforms: BagIt layout, WARC records, policies, metrics, bag-info."""

from __future__ import annotations

import csv
import gzip
import zipfile

import bagit
from warcio.archiveiterator import ArchiveIterator


def test_pack_is_a_valid_bag_with_the_listed_contents(public_pack):
    bag = bagit.Bag(str(public_pack.path))
    bag.validate()  # full fixity check by the bagit library itself
    assert bag.algorithms == ["sha256"]
    names = {p.relative_to(public_pack.path).as_posix()
             for p in public_pack.path.rglob("*") if p.is_file()}
    for required in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt",
                     "tagmanifest-sha256.txt", "data/report.pdf", "data/methodology.yaml",
                     "data/metrics/scorecard_platform.csv", "data/metrics/suppressed_cells.csv"):
        assert required in names
    assert any(n.startswith("data/archive/") and n.endswith(".warc.gz") for n in names)
    assert any(n.startswith("data/policies/") and n.endswith(".diff") for n in names)
    assert public_pack.platforms == ("bing", "facebook", "lihkg", "pornhub", "telegram")


def test_every_warc_record_has_a_payload_digest_that_checks(public_pack):
    records = []
    for path in sorted((public_pack.path / "data" / "archive").glob("*.warc.gz")):
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh, check_digests=True):
                record.content_stream().read()
                kind = record.rec_headers.get_header("WARC-Type")
                records.append((kind, record.rec_headers.get_header("WARC-Target-URI")))
                if kind in ("response", "request"):
                    assert record.digest_checker.passed is True, record.digest_checker.problems
                if kind == "response":
                    assert record.rec_headers.get_header("WARC-Payload-Digest")
    kinds = [k for k, _ in records]
    assert kinds.count("response") == public_pack.snapshots == 9
    assert kinds.count("request") == 9 and kinds.count("warcinfo") == 3
    uris = {u for _, u in records}
    assert "https://lihkg.com/rules" in uris
    assert not any("reddit" in (u or "") for u in uris)  # archived but not selected


def test_copied_records_keep_their_bytes(public_pack, evidence_data):
    """Each record in the pack is the same gzip member as in the crawl's own WARC file."""
    source = (evidence_data.archive / "warc" / "20230302T080000Z.warc.gz").read_bytes()
    copied = (public_pack.path / "data" / "archive" / "20230302T080000Z.warc.gz").read_bytes()
    assert copied == source  # that crawl holds only cited records and its warcinfo
    first = (public_pack.path / "data" / "archive" / "20230110T080000Z.warc.gz").read_bytes()
    assert first in (evidence_data.archive / "warc" / "20230110T080000Z.warc.gz").read_bytes() \
        or len(first) < len(source) * 10
    with gzip.open(public_pack.path / "data" / "archive" / "20230110T080000Z.warc.gz") as fh:
        assert b"redditinc.com" not in fh.read()


def test_bag_info_names_who_what_and_when(public_pack):
    info = bagit.Bag(str(public_pack.path)).info
    assert info["Source-Organization"] == "Example Advocacy HK"
    assert info["Contact-Email"] == "evidence@example.org"
    assert info["Bagging-Date"] == "2024-05-01"
    assert info["Toolkit-Version"] == "0.1.0"
    assert info["Methodology-Version"] == "1.0.0"
    assert info["Methodology-Id"] == "tada-ncii-responsiveness"
    assert info["Data-As-Of"] == "2023-04-30T10:00:00Z"
    assert info["Access"] == "public"
    assert info["Synthetic-Case-Data"] == "true"
    cited = info["Cited-Snapshot"]
    assert len(cited) == 9
    assert "2023-04-20T08:09:00Z https://www.facebook.com/terms" in " ".join(cited)
    assert any(c.startswith("2023-01-10T08:03:00Z https://lihkg.com/rules <urn:uuid:")
               for c in cited)


def test_policies_hold_the_cited_versions_and_diffs(public_pack, evidence_data):
    policies = public_pack.path / "data" / "policies"
    diff = next(policies.rglob("*.diff"))
    assert "+We use hash matching" in diff.read_text(encoding="utf-8")
    for md in policies.rglob("*.md"):
        rel = md.relative_to(policies)
        assert md.read_bytes() == (evidence_data.archive / "versions" / rel).read_bytes()
    assert not (policies / "reddit").exists()
    assert not (policies / "telegram").exists()


def test_metrics_show_suppressed_cells_as_suppressed(public_pack):
    path = public_pack.path / "data" / "metrics" / "scorecard_platform.csv"
    with path.open(encoding="utf-8-sig") as fh:
        rows = {r["slug"]: r for r in csv.DictReader(fh)}
    assert set(rows) == {"bing", "facebook", "lihkg", "pornhub", "telegram"}
    assert rows["lihkg"]["items"] == "suppressed" and rows["lihkg"]["removal_rate"] == "suppressed"
    assert rows["telegram"]["items"] == "suppressed" and rows["telegram"]["removal_rate"] != ""
    assert rows["facebook"]["items"] == "1240"
    assert rows["bing"]["removal_rate"] == ""  # not defined (no cases), not hidden
    channel = (public_pack.path / "data" / "metrics" / "metrics_by_channel.csv").read_text(
        encoding="utf-8-sig")
    assert "platform,lihkg,web_form,suppressed,suppressed,suppressed" in channel
    assert not (public_pack.path / "data" / "metrics" / "exact_counts_RESTRICTED.csv").exists()


def test_methodology_is_the_scored_text(public_pack, evidence_fixtures):
    _archive, public = evidence_fixtures
    text = (public_pack.path / "data" / "methodology.yaml").read_text(encoding="utf-8")
    assert text == public.METHODOLOGY


def test_zip_holds_the_same_files(public_pack):
    with zipfile.ZipFile(public_pack.zip_path) as zf:
        names = sorted(zf.namelist())
        assert names == sorted(names)
        top = public_pack.path.name
        on_disk = sorted(f"{top}/{p.relative_to(public_pack.path).as_posix()}"
                         for p in public_pack.path.rglob("*") if p.is_file())
        assert names == on_disk
        assert zf.read(f"{top}/manifest-sha256.txt") == \
            (public_pack.path / "manifest-sha256.txt").read_bytes()
        assert {i.date_time for i in zf.infolist()} == {(2023, 4, 30, 10, 0, 0)}


def test_zip_is_reproducible(public_pack, tmp_path):
    import datetime as dt

    from evidence.bag import write_zip

    stamp = dt.datetime(2023, 4, 30, 10, 0)
    write_zip(public_pack.path, tmp_path / "a.zip", stamp, top=public_pack.path.name)
    write_zip(public_pack.path, tmp_path / "b.zip", stamp, top=public_pack.path.name)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    assert (tmp_path / "a.zip").read_bytes() == public_pack.zip_path.read_bytes()

"""Honest packs when data is missing, and clear errors for bad selections and bad inputs."""

from __future__ import annotations

import json
import shutil

import bagit
import duckdb
import pytest

from evidence.build import build_pack
from evidence.errors import BadInput, MissingInput, UnknownSelection
from evidence.verify import verify_pack


def test_platform_without_crawl_data_says_so(data_copy, tmp_path, helpers):
    shutil.rmtree(data_copy.archive)   # Telegram cites nothing, so no archive is needed
    result = build_pack(data_copy, ["telegram"], out_dir=tmp_path)
    text = helpers.pdf_text(result.path / "data" / "report.pdf")
    assert "No policy page of this platform has been archived" in text
    assert "此平台沒有任何已存檔的政策頁面" in text
    assert "This pack cites no archived snapshot." in text
    assert "Telegram: no policy page archived" in text
    assert "Cited-Snapshot" not in bagit.Bag(str(result.path)).info
    assert result.snapshots == 0
    assert verify_pack(result.zip_path).ok


def test_platform_without_case_data_says_so(evidence_data, tmp_path, helpers):
    result = build_pack(evidence_data, ["bing"], out_dir=tmp_path)
    text = helpers.pdf_text(result.path / "data" / "report.pdf")
    assert "No take-down case involving this platform is recorded" in text
    assert "沒有涉及此平台的移除個案紀錄" in text
    assert "Bing: no take-down case recorded; no removal statistics." in text
    assert "Insufficient data" in text and "數據不足" in text


def test_category_selects_its_platforms(evidence_data, tmp_path):
    result = build_pack(evidence_data, categories=["social_media"], out_dir=tmp_path)
    assert result.platforms == ("facebook", "lihkg", "reddit", "telegram")
    assert result.path.name == "evidence-2023-04-30-social_media"


@pytest.mark.parametrize(("platforms", "categories", "message"), [
    (["myspace"], [], "unknown platform 'myspace'; known platforms: bing, facebook"),
    ([], ["forums"], "unknown category 'forums'; categories: content_farm"),
    ([], ["image_hosting"], "no platform of category 'image_hosting'"),
    ([], [], "choose at least one --platform"),
])
def test_bad_selection(evidence_data, tmp_path, platforms, categories, message):
    with pytest.raises(UnknownSelection, match=message):
        build_pack(evidence_data, platforms, categories=categories, out_dir=tmp_path)
    assert not any(tmp_path.iterdir())


def test_no_public_database(tmp_path):
    with pytest.raises(MissingInput, match="run `tada score` first"):
        build_pack(tmp_path / "var", ["lihkg"], out_dir=tmp_path / "out")


def test_public_database_missing_a_column(data_copy, tmp_path):
    con = duckdb.connect(str(data_copy.public_db))
    con.execute("ALTER TABLE policy_elements DROP COLUMN quote")
    con.close()
    with pytest.raises(BadInput, match="table 'policy_elements' has no column 'quote'"):
        build_pack(data_copy, ["lihkg"], out_dir=tmp_path / "out")


def test_bad_index_line_is_named(data_copy, tmp_path):
    index = data_copy.archive / "versions" / "index.jsonl"
    lines = index.read_text(encoding="utf-8").splitlines()
    lines.insert(2, '{"version_id": "x", "platform": ')
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"index\.jsonl, line 3: not a JSON object"):
        build_pack(data_copy, ["lihkg"], out_dir=tmp_path / "out")


def test_missing_warc_record_fails_cleanly(data_copy, tmp_path):
    index = data_copy.archive / "versions" / "index.jsonl"
    records = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines()]
    for rec in records:
        if rec["platform"] == "lihkg":
            rec["warc_record_id"] = "<urn:uuid:00000000-0000-0000-0000-000000000000>"
    index.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(MissingInput, match=r"20230110T080000Z\.warc\.gz has no record "
                                           r"<urn:uuid:00000000"):
        build_pack(data_copy, ["lihkg"], out_dir=out)
    assert list(out.iterdir()) == []   # nothing half-written


def test_missing_archived_file_is_named(data_copy, tmp_path):
    md = next((data_copy.archive / "versions" / "lihkg").rglob("*.md"))
    md.unlink()
    with pytest.raises(MissingInput, match=rf"{md.name} is missing \(named by .*index\.jsonl"):
        build_pack(data_copy, ["lihkg"], out_dir=tmp_path / "out")


def test_unsafe_path_in_index_is_refused(data_copy, tmp_path):
    index = data_copy.archive / "versions" / "index.jsonl"
    text = index.read_text(encoding="utf-8").replace('"path": "versions/lihkg',
                                                     '"path": "../../versions/lihkg')
    index.write_text(text, encoding="utf-8")
    with pytest.raises(BadInput, match="is not a path inside the archive"):
        build_pack(data_copy, ["lihkg"], out_dir=tmp_path / "out")


def test_multi_line_organisation_is_refused(evidence_data, tmp_path):
    with pytest.raises(Exception, match="one line of text"):
        build_pack(evidence_data, ["lihkg"], out_dir=tmp_path, organisation="A\nB")

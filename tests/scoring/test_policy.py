"""The policy pillar: the archive loaded into the warehouse, analyser answers and form audits
mapped to elements with their evidence, the best-supported rule, and honest absence."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
import scoring_test_helpers as h

from core.paths import DataDir
from scoring.crawl_archive import ArchiveInvalid, load_archive
from scoring.score import build


def _elements(data_dir: DataDir) -> dict[tuple[str, str], dict]:
    con = duckdb.connect(str(data_dir.public_db), read_only=True)
    cursor = con.execute("SELECT * FROM policy_elements")
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    con.close()
    return {(r["slug"], r["element"]): r for r in rows}


def test_elements_take_the_latest_version_and_keep_their_evidence(scored_sample: DataDir
                                                                  ) -> None:
    e = _elements(scored_sample)
    prohibition = e[("facebook", "ncii_prohibition")]
    # the March version replaced January's "partial"
    assert (prohibition["value"], prohibition["score"]) == ("yes", 100)
    assert prohibition["quote"] == "Do not share intimate images without consent."
    assert prohibition["version_id"].startswith("20230302T080000Z")
    assert prohibition["url"] == "https://policies.example/facebook/terms_of_service"
    assert str(prohibition["fetched_at"]).startswith("2023-03-02 08:00")
    assert e[("facebook", "stated_response_time")]["value"] == "yes"        # 48 h
    assert e[("pornhub", "stated_response_time")]["value"] == "partial"     # 120 h
    assert e[("telegram", "stated_response_time")]["value"] == "no"         # none stated
    assert e[("facebook", "third_party_reporting")]["quote"] == "受信任的非政府組織可代為舉報。"
    # notice yes, appeal no: partial; not assessed anywhere: left out, not scored 0
    assert e[("facebook", "outcome_notice_and_appeal")]["value"] == "partial"
    assert e[("telegram", "outcome_notice_and_appeal")]["value"] == "not_applicable"
    assert e[("telegram", "outcome_notice_and_appeal")]["score"] is None


def test_observation_beats_claim_and_language_rules(scored_sample: DataDir) -> None:
    e = _elements(scored_sample)
    # pornhub's policy says no account is needed (quoted), its audited form demands a login
    assert e[("pornhub", "report_without_account")]["value"] == "no"
    assert e[("pornhub", "report_without_account")]["document_type"] == "reporting_form"
    # the policy claims an NCII channel; the audited form has only a general option
    assert e[("pornhub", "ncii_reporting_channel")]["value"] == "partial"
    assert e[("facebook", "ncii_reporting_channel")]["value"] == "yes"
    assert e[("facebook", "report_without_account")]["value"] == "yes"
    # a Traditional Chinese policy without a Traditional Chinese form: partial
    assert e[("facebook", "traditional_chinese_reporting")]["value"] == "partial"
    assert e[("pornhub", "traditional_chinese_reporting")]["value"] == "no"


def test_unanalysed_platform_has_no_policy_data(scored_sample: DataDir) -> None:
    e = _elements(scored_sample)
    assert not any(slug == "reddit" for slug, _ in e)  # archived, but never analysed
    con = duckdb.connect(str(scored_sample.public_db), read_only=True)
    rows = dict(con.execute("SELECT slug, policy_score FROM scorecard_platform").fetchall())
    crawl = dict(con.execute("SELECT slug, has_crawl_data FROM platforms").fetchall())
    versions = con.execute("SELECT count(*), count(diff) FROM policy_versions").fetchone()
    con.close()
    assert rows["reddit"] is None and crawl["reddit"] is True
    assert rows["discord"] is None and crawl["discord"] is False
    assert versions == (8, 1)
    # facebook: weighted mean over the assessed elements (N/A left out)
    weights = {"ncii_prohibition": 1.5, "ncii_reporting_channel": 1.5}
    scores = {k[1]: v["score"] for k, v in e.items() if k[0] == "facebook"
              and v["score"] is not None}
    expected = sum(s * weights.get(el, 1.0) for el, s in scores.items()) / sum(
        weights.get(el, 1.0) for el in scores)
    assert rows["facebook"] == pytest.approx(round(expected, 1))


def test_no_archive_means_no_policy_pillar(tmp_path: Path, run_tada, data_dir: DataDir,
                                           case_log, make_row) -> None:
    # five victims: items of fewer than 3 cases are never published (contributor rule)
    log = case_log([make_row(case_ref=f"CASE-{n % 5}", item_ref=str(n)) for n in range(25)])
    run_tada("ingest", str(log), "--as-of", "2022-03-01")
    result = run_tada("score")
    assert result.exit_code == 0, result.output
    assert "No crawl archive found" in result.output
    con = duckdb.connect(str(data_dir.public_db), read_only=True)
    row = con.execute("SELECT policy_score, responsiveness_score, overall_score, grade "
                      "FROM scorecard_platform WHERE slug = 'telegram'").fetchone()
    assert con.execute("SELECT count(*) FROM policy_elements").fetchone() == (0,)
    con.close()
    assert row[0] is None and row[1] is not None
    assert row[2:] == (None, "insufficient_data")


def _load(archive: Path) -> None:
    con = duckdb.connect()
    try:
        load_archive(con, archive)
    finally:
        con.close()


@pytest.mark.parametrize("field,value,message", [
    ("fetched_at", "yesterday", "fetched_at"),
    ("document_type", "privacy_policy", "document_type"),
    ("source", None, "source"),
    ("path", "../../etc/passwd", "outside the archive"),
])
def test_bad_index_records_are_named(tmp_path: Path, field: str, value: object,
                                     message: str) -> None:
    archive = h.write_archive(tmp_path, [h.Doc("facebook", "terms_of_service", "en",
                                               "2023-01-10T08:00:00Z", h.policy())])
    index = archive / "versions" / "index.jsonl"
    record = json.loads(index.read_text())
    record[field] = value
    index.write_text(json.dumps(record) + "\n")
    with pytest.raises(ArchiveInvalid) as err:
        _load(archive)
    assert "index.jsonl" in str(err.value) and "line 1" in str(err.value)
    assert message in str(err.value)


@pytest.mark.parametrize("features,key", [
    ({"prohibits_ncii": "sometimes"}, "prohibits_ncii"),
    ({"stated_response_time_hours": "two days"}, "stated_response_time_hours"),
    ({"evidence": [{"feature": "hash_matching"}]}, "evidence[0]"),
    ({"languages": "en"}, "languages"),
])
def test_bad_features_are_named(tmp_path: Path, features: dict, key: str) -> None:
    archive = h.write_archive(tmp_path, [h.Doc("facebook", "terms_of_service", "en",
                                               "2023-01-10T08:00:00Z",
                                               {**h.policy(), **features})])
    with pytest.raises(ArchiveInvalid) as err:
        _load(archive)
    assert ".features.json" in str(err.value) and key in str(err.value)


def test_bad_form_field_and_json_are_named(tmp_path: Path) -> None:
    archive = h.write_archive(tmp_path, [h.Doc("facebook", "reporting_form", "en",
                                               "2023-01-10T08:00:00Z",
                                               h.form(fields={"url": "maybe"}))])
    with pytest.raises(ArchiveInvalid, match="fields.url"):
        _load(archive)


def test_partial_line_of_a_running_crawl_is_skipped(tmp_path: Path) -> None:
    archive = h.write_archive(tmp_path, [h.Doc("facebook", "terms_of_service", "en",
                                               "2023-01-10T08:00:00Z", h.policy())])
    with (archive / "items.jsonl").open("a") as fh:
        fh.write('{"crawl_id": "2023')  # still being appended
    con = duckdb.connect()
    summary = load_archive(con, archive)
    assert (summary.fetches, summary.versions) == (1, 1)
    con.close()


def test_bad_archive_leaves_published_database_untouched(sample_copy: DataDir) -> None:
    before = sample_copy.public_db.read_bytes()
    (sample_copy.archive / "items.jsonl").write_text('{"crawl_id": "x"}\n')
    with pytest.raises(ArchiveInvalid, match="platform"):
        build(sample_copy)
    assert sample_copy.public_db.read_bytes() == before


def test_login_wall_on_the_latest_form_fetch(sample_copy: DataDir) -> None:
    record = {"crawl_id": "20230601T000000Z", "platform": "facebook",
              "document_type": "reporting_form", "lang": "en",
              "url": "https://policies.example/facebook/reporting_form",
              "final_url": "https://policies.example/login", "status": 200,
              "outcome": "login_wall", "detail": None, "fetched_at": "2023-06-01T00:00:00Z",
              "content_sha256": "ab" * 32, "text_sha256": None, "version_id": None,
              "warc_file": "warc/x.warc.gz", "warc_record_id": "<urn:x>", "source": "mirror"}
    with (sample_copy.archive / "items.jsonl").open("a") as fh:
        fh.write(json.dumps(record) + "\n")
    build(sample_copy)
    element = _elements(sample_copy)[("facebook", "report_without_account")]
    assert (element["value"], element["url"]) == ("no", "https://policies.example/login")

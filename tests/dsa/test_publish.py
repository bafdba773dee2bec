"""``tada score`` publishes the DSA figures in public.duckdb with the TDB's attribution and the
data-quality notices as data, and the dumps' file names and sha1s as provenance."""

from __future__ import annotations

import datetime as dt
import hashlib

import duckdb
import pytest
import yaml

from core.paths import SAMPLE_CASE_LOG
from core.public_schema import DSA_TABLES
from scoring.caselog.ingest import ingest
from scoring.dsa.errors import DefinitionError
from scoring.dsa.importer import import_dumps
from scoring.dsa.publish import NOTICES_PATH, load_notices
from scoring.score import build


def _public(data_dir) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(data_dir.public_db), read_only=True)


def test_published_with_attribution_and_provenance(synthetic_day, data_dir):
    ingest(SAMPLE_CASE_LOG, data_dir, as_of=dt.date(2023, 4, 30))
    dump = synthetic_day(rows=2000)
    import_dumps([dump], data_dir)
    build(data_dir)
    warehouse = duckdb.connect(str(data_dir.warehouse), read_only=True)
    expected = warehouse.execute("SELECT * FROM dsa_figures ORDER BY platform, period_type, "
                                 "period, ncii_set").fetchall()
    warehouse.close()
    con = _public(data_dir)
    try:
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        assert set(DSA_TABLES) <= tables
        assert con.execute("SELECT * FROM dsa_figures").fetchall() == expected
        meta = dict(con.execute("SELECT key, value FROM dsa_meta").fetchall())
        assert meta["licence"] == "CC BY 4.0" and meta["doi"] == "10.2906/134353607485211"
        assert meta["attribution_en"].startswith("European Commission")
        assert meta["days"] == "1" and meta["first_day"] == meta["last_day"] == "2025-08-01"
        assert "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING" in meta["definition_yaml"]
        assert con.execute("SELECT name, sha1 FROM dsa_files").fetchall() == [
            (dump.name, hashlib.sha1(dump.read_bytes()).hexdigest())]
        notices = con.execute("SELECT id, text_en, text_zh FROM dsa_notices").fetchall()
        assert {n[0] for n in notices} >= {"self_reported", "content_date_claimed"}
        assert all(en and zh for _, en, zh in notices)
    finally:
        con.close()


def test_published_before_any_import(data_dir):
    ingest(SAMPLE_CASE_LOG, data_dir, as_of=dt.date(2023, 4, 30))
    build(data_dir)
    con = _public(data_dir)
    try:
        assert con.execute("SELECT count(*) FROM dsa_figures").fetchone() == (0,)
        meta = dict(con.execute("SELECT key, value FROM dsa_meta").fetchall())
        assert (meta["days"], meta["licence"]) == ("0", "CC BY 4.0")
    finally:
        con.close()


def test_a_bad_notice_names_the_key(tmp_path):
    data = yaml.safe_load(NOTICES_PATH.read_text(encoding="utf-8"))
    data["notices"][1]["from"] = "last summer"
    path = tmp_path / "notices.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_notices(path)
    assert caught.value.key == "notices[1].from"


def test_the_tdbs_known_data_quality_notices_apply_where_announced():
    from core.dsa_public import applicable_notices

    columns = ("id", "applies_to", "platform", "from_day", "until_day", "source", "text_en",
               "text_zh")
    rows = [dict(zip(columns, row, strict=True)) for row in load_notices().rows]

    def ids(names: set[str], first: str, last: str) -> set[str]:
        return {n.id for n in applicable_notices(rows, names, dt.date.fromisoformat(first),
                                                 dt.date.fromisoformat(last))}

    inverted = "google_play_automated_detection_inverted"
    assert inverted in ids({"Google Play"}, "2024-01-01", "2024-03-31")
    assert inverted not in ids({"Google Play"}, "2026-07-01", "2026-09-30")
    assert inverted not in ids({"facebook", "Facebook"}, "2024-01-01", "2024-03-31")
    flagged = "facebook_trusted_flaggers_unlabelled"
    assert flagged in ids({"facebook", "Facebook"}, "2025-07-01", "2025-09-30")
    assert flagged not in ids({"facebook", "Facebook"}, "2025-11-01", "2025-11-30")
    assert "duplicates_before_cleanup" in ids({"tiktok"}, "2024-04-01", "2024-06-30")
    assert "duplicates_before_cleanup" not in ids({"tiktok"}, "2024-07-01", "2024-09-30")
    by_id = {row["id"]: row for row in rows}
    assert by_id[inverted]["applies_to"] == "automated_detection_share"

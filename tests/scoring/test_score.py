"""``tada score``: public.duckdb exactly as docs/contracts.md section 3, written atomically;
insufficient data is never a number; bad warehouse data is refused."""

from __future__ import annotations

import duckdb
import pytest

from core.methodology import ELEMENTS
from core.paths import DataDir
from scoring.score import InconsistentItems, NothingToScore, build

STATS = ["items", "removed", "removal_rate", "removal_ci_low", "removal_ci_high",
         "cif_removed_24h", "cif_removed_48h", "cif_removed_7d", "median_first_response_hours",
         "median_first_response_ci_low", "median_first_response_ci_high", "no_response_30d_share"]
CONTRACT = {
    "meta": ["key", "value"],
    "methodology": ["yaml"],
    "platforms": ["slug", "name_en", "name_zh", "category", "has_case_data", "has_crawl_data"],
    "scorecard_platform": ["slug", "name_en", "name_zh", "category", *STATS,
                           *[f"{e}_score" for e in ELEMENTS], "policy_score",
                           "responsiveness_score", "overall_score", "grade", "rank",
                           "methodology_version"],
    "scorecard_category": ["category", *STATS, "item_share", "methodology_version"],
    "policy_elements": ["slug", "element", "value", "score", "quote", "document_type", "lang",
                        "url", "version_id", "fetched_at", "captured_at"],
    "form_audits": ["slug", "url", "lang", "version_id", "fetched_at", "captured_at",
                    "form_present",
                    "field_url", "field_file_upload", "field_email", "field_description",
                    "account_required", "captcha", "ncii_option", "languages", "needs_js"],
    "policy_versions": ["slug", "document_type", "lang", "version_id", "previous_version_id",
                        "fetched_at", "captured_at", "url", "markdown", "diff"],
    "cif_curve": ["group_type", "group_key", "t_hours", "cif", "ci_low", "ci_high"],
    "metrics_by_period": ["group_type", "group_key", "period", "items", "removed",
                          "removal_rate", "removal_ci_low", "removal_ci_high",
                          "cif_removed_48h", "median_first_response_hours"],
    "metrics_by_channel": ["group_type", "group_key", "channel", "items", "removed",
                           "removal_rate", "removal_ci_low", "removal_ci_high",
                           "cif_removed_48h", "median_first_response_hours"],
    "report_figures": ["figure", "group_key", "count", "share"],
    "suppressed_cells": ["table_name", "row_key", "column_name", "reason"],
    "dsa_figures": ["platform", "slug", "period_type", "period", "ncii_set", "days",
                    "statements", "ncii", "ncii_share", "removed", "disabled", "demoted",
                    "age_restricted", "interaction_restricted", "labelled", "visibility_other",
                    "account_suspended", "account_terminated", "service_suspended",
                    "service_terminated", "monetary", "source_notice", "source_trusted_flagger",
                    "source_other_notification", "source_own_initiative",
                    "automated_detection_share", "automated_decision_fully_share",
                    "automated_decision_partially_share", "delay_statements", "delay_negative",
                    "delay_median_hours", "delay_p90_hours", "lag_median_hours",
                    "lag_p90_hours"],
    "dsa_days": ["day", "dump", "version", "schema", "definition_id", "definition_version",
                 "statements"],
    "dsa_files": ["day", "dump", "name", "sha1", "size"],
    "dsa_meta": ["key", "value"],
    "dsa_notices": ["id", "applies_to", "platform", "from_day", "until_day", "source",
                    "text_en", "text_zh"],
}
META_KEYS = {"methodology_id", "methodology_version", "methodology_date", "generated_at",
             "data_as_of", "toolkit_version", "synthetic", "mirror", "min_people", "min_items"}


def _con(data_dir: DataDir) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(data_dir.public_db), read_only=True)


def test_public_database_matches_the_contract(scored_sample: DataDir) -> None:
    con = _con(scored_sample)
    tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    assert tables == set(CONTRACT)
    for table, columns in CONTRACT.items():
        assert [d[0] for d in con.execute(f"SELECT * FROM {table} LIMIT 0").description] \
            == columns, table
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    assert set(meta) >= META_KEYS
    assert (meta["synthetic"], meta["mirror"], meta["min_items"]) == ("true", "true", "5")
    assert meta["data_as_of"] == "2023-04-30T16:00:00Z"
    figures = set(con.execute("SELECT DISTINCT figure FROM report_figures").fetchall())
    assert {f for (f,) in figures} == {"totals", "category_share", "category_removed_share",
                                        "gender_share", "relation_share", "top_social_media"}
    assert con.execute("SELECT yaml FROM methodology").fetchone()[0].startswith("# Ta-DA")
    con.close()


def test_the_sample_reproduces_the_report_and_grades_honestly(scored_sample: DataDir) -> None:
    con = _con(scored_sample)
    totals = dict(con.execute("SELECT group_key, count FROM report_figures "
                              "WHERE figure = 'totals'").fetchall())
    assert totals == {"cases": 171, "items": 1342, "removed": 1194}
    rows = con.execute("SELECT slug, items, responsiveness_score, overall_score, grade, rank "
                       "FROM scorecard_platform").fetchall()
    con.close()
    by_slug = {r[0]: r for r in rows}
    for slug in ("youtube", "weibo", "tiktok", "reddit", "discord"):  # < 20 items or none
        assert by_slug[slug][2:5] == (None, None, "insufficient_data")
        assert by_slug[slug][5] is None
    graded = sorted((r for r in rows if r[4] != "insufficient_data"), key=lambda r: r[5])
    assert {r[0] for r in graded} == {"facebook", "pornhub", "telegram"}
    assert [r[5] for r in graded] == [1, 2, 3]
    assert [r[3] for r in graded] == sorted((r[3] for r in graded), reverse=True)


def test_rebuild_is_atomic_for_open_readers(sample_copy: DataDir) -> None:
    reader = _con(sample_copy)
    before = reader.execute("SELECT value FROM meta WHERE key = 'generated_at'").fetchone()
    build(sample_copy)
    # the open reader still sees a whole database; a new one sees the new build
    assert reader.execute("SELECT count(*) FROM scorecard_platform").fetchone() == (26,)
    assert reader.execute("SELECT value FROM meta WHERE key = 'generated_at'").fetchone() \
        == before
    reader.close()
    leftovers = [p.name for p in sample_copy.root.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_events_after_as_of_are_refused(sample_copy: DataDir, run_tada) -> None:
    before = sample_copy.public_db.read_bytes()
    con = duckdb.connect(str(sample_copy.warehouse))
    con.execute("UPDATE items SET removed_at = as_of + INTERVAL 2 DAY WHERE item_key IN "
                "(SELECT item_key FROM items WHERE outcome = 'removed' LIMIT 3)")
    con.close()
    with pytest.raises(InconsistentItems) as err:
        build(sample_copy)
    assert err.value.details() == [
        "sample-case-log.csv: 3 item(s): a response or removal after the log's as-of date"]
    assert sample_copy.public_db.read_bytes() == before


def test_as_of_before_events_is_rejected_at_ingestion(run_tada, case_log, make_row) -> None:
    log = case_log([make_row(removed_at="2022-02-01 10:00")])
    result = run_tada("ingest", str(log), "--as-of", "2022-01-15")
    assert result.exit_code == 2
    assert "removed_at" in result.output


def test_nothing_to_score(tmp_path) -> None:
    with pytest.raises(NothingToScore, match="tada ingest"):
        build(DataDir(tmp_path / "empty"))


def test_cli_output_in_both_languages(sample_copy: DataDir) -> None:
    from click.testing import CliRunner

    from tada.cli import cli
    for lang, words in (("en", "Platforms graded"), ("zh-Hant", "已評級平台")):
        result = CliRunner().invoke(cli, ["--data-dir", str(sample_copy.root), "--lang", lang,
                                          "score"])
        assert result.exit_code == 0, result.output
        assert words in result.output

"""The synthetic sample reproduces the Ta-DA service report 2021-23."""

from __future__ import annotations

import json

import duckdb
import pytest

from core.paths import SAMPLE_CASE_LOG
from scoring import synthetic
from scoring.caselog.ingest import ingest
from scoring.figures import NoCaseData, report_figures

REPORT = {
    "category_shares": {"pornographic_site": 0.420, "social_media": 0.250,
                        "search_engine": 0.227, "image_hosting": 0.050, "content_farm": 0.053},
    "gender_shares": {"female": 0.713, "male": 0.222},
    "relation_shares": {"intimate_partner": 0.275, "online_acquaintance": 0.158,
                        "unknown": 0.327},
}


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory):
    from core.paths import DataDir

    data_dir = DataDir(tmp_path_factory.mktemp("sample"))
    ingest(SAMPLE_CASE_LOG, data_dir, as_of=synthetic.EXTRACTED)
    return data_dir


def test_committed_sample_is_what_the_generator_makes(tmp_path):
    out = tmp_path / "sample.csv"
    synthetic.write_csv(out)
    assert out.read_bytes() == SAMPLE_CASE_LOG.read_bytes()
    assert SAMPLE_CASE_LOG.read_text(encoding="utf-8").startswith("# SYNTHETIC DATA")


def test_figures_json_equals_the_report(sample_dir, run_tada, data_dir):
    figures = report_figures(sample_dir.warehouse)
    assert (figures["cases"], figures["items"]) == (171, 1342)
    assert round(figures["removed_share"], 3) == 0.890
    for key, expected in REPORT.items():
        for group, share in expected.items():
            assert round(figures[key][group], 3) == share, (key, group)
    assert "2021-04-01" <= figures["first_reported"] <= figures["last_reported"] <= "2023-03-31"
    top4 = [p["slug"] for p in figures["most_reported_social_media"][:4]]
    assert top4 == ["telegram", "instagram", "facebook", "lihkg"]
    removal = figures["category_removed_shares"]
    worst_two = sorted(removal, key=removal.get)[:2]
    assert set(worst_two) == {"pornographic_site", "social_media"}


def test_figures_cli_json_is_one_object(sample_dir, tmp_path):
    from click.testing import CliRunner

    from tada.cli import cli

    result = CliRunner().invoke(cli, ["--data-dir", str(sample_dir.root), "figures", "--json"])
    assert result.exit_code == 0
    figures = json.loads(result.output)
    assert figures["items"] == 1342 and round(figures["removed_share"], 3) == 0.89
    table = CliRunner().invoke(cli, ["--data-dir", str(sample_dir.root), "--lang", "zh-Hant",
                                     "figures"])
    assert "色情網站" in table.output and "42.0%" in table.output


def test_times_differ_by_platform(sample_dir):
    con = duckdb.connect(str(sample_dir.warehouse), read_only=True)
    medians = dict(con.execute(
        "SELECT platform_slug, median(date_diff('minute', reported_at, removed_at)) / 60 "
        "FROM items WHERE outcome = 'removed' GROUP BY ALL").fetchall())
    unanswered = dict(con.execute(
        "SELECT platform_slug, count(*) FILTER (WHERE outcome = 'no_response') FROM items "
        "GROUP BY ALL").fetchall())
    con.close()
    assert medians["instagram"] < 48 < medians["telegram"]
    assert min(medians.values()) < 30 and max(medians.values()) > 24 * 7
    assert unanswered["telegram"] > 10 * max(unanswered["instagram"], 1)


def test_figures_without_a_warehouse_say_what_to_do(data_dir, run_tada):
    with pytest.raises(NoCaseData, match="tada ingest"):
        report_figures(data_dir.warehouse)
    result = run_tada("figures")
    assert result.exit_code == 2 and "tada ingest" in result.output


def test_reporting_period_is_given_in_hong_kong_dates(make_row, case_log, data_dir):
    # 23:30 in Hong Kong is 15:30 UTC the same day; 00:30 is the previous day in UTC.
    rows = [make_row(reported_at="2022-01-03 00:30", first_response_at="", removed_at="",
                     outcome="pending"),
            make_row(item_ref="2", reported_at="2022-01-05 23:30", first_response_at="",
                     removed_at="", outcome="pending")]
    ingest(case_log(rows), data_dir)
    figures = report_figures(data_dir.warehouse)
    assert (figures["first_reported"], figures["last_reported"]) == ("2022-01-03", "2022-01-05")

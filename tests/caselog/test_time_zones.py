"""Local times become UTC through a per-day table of the zone's shift; the days on which a
zone changes its offset (daylight saving, or a change of standard time) are converted one by
one. Either way the result is exactly DuckDB's own conversion of each moment."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from scoring.caselog.schema import columns
from scoring.caselog.validate import set_parameters
from scoring.warehouse import run_sql_file


@pytest.mark.parametrize("tz", ["Europe/London", "America/Sao_Paulo", "Australia/Lord_Howe",
                                "Asia/Hong_Kong"])
def test_same_utc_as_converting_each_moment(tz):
    con = duckdb.connect()
    set_parameters(con, tz, dt.datetime(2026, 1, 1))
    # Every 7 minutes through 2019 and 2022 (transitions of each zone, including Lord Howe's
    # half-hour shift and Sao Paulo's last daylight saving), in the plain forms logs use.
    con.execute(f"""
        CREATE TABLE log_text AS
        SELECT row_number() OVER () AS line, {", ".join(
            "strftime(m, '%Y-%m-%d %H:%M') AS reported_at" if name == "reported_at" else
            "strftime(m, '%Y-%m-%dT%H:%M:%S') AS removed_at" if name == "removed_at" else
            "strftime(m, '%Y-%m-%d') AS first_response_at" if name == "first_response_at" else
            f"NULL::VARCHAR AS {name}" for name in columns())}
        FROM (SELECT unnest(generate_series(TIMESTAMP '2019-01-01', TIMESTAMP '2019-12-31',
                                            INTERVAL 7 MINUTE)) AS m
              UNION ALL
              SELECT unnest(generate_series(TIMESTAMP '2022-01-01', TIMESTAMP '2022-12-31',
                                            INTERVAL 7 MINUTE)))""")
    run_sql_file(con, "caselog/10_typed.sql")
    assert con.execute("SELECT count(*) FROM zone_days").fetchone()[0] > 9_000
    differ = con.execute("""
        SELECT count(*) FILTER (WHERE reported_utc IS DISTINCT FROM
                                      zone_utc(reported_at::TIMESTAMP)),
               count(*) FILTER (WHERE removed_utc IS DISTINCT FROM
                                      zone_utc(removed_at::TIMESTAMP)),
               count(*) FILTER (WHERE first_response_utc IS DISTINCT FROM
                                      zone_utc(first_response_at::TIMESTAMP)),
               count(*) FILTER (WHERE reported_utc IS NULL)
        FROM typed""").fetchone()
    assert differ == (0, 0, 0, 0)

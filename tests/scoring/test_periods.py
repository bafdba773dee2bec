"""Calendar quarters are cut in the methodology's time zone, for every moment: also in zones
whose quarters start at a half or three-quarter hour of UTC, and around changes of offset
(daylight saving time, including 30-minute ones), where a whole UTC hour is not in one
quarter at one offset."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import scoring_test_helpers as h

UTC = dt.UTC
STEP = dt.timedelta(minutes=7)


def _quarter(moment: dt.datetime, zone: ZoneInfo) -> str:
    local = moment.replace(tzinfo=UTC).astimezone(zone)
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


def _offset_changes(zone: ZoneInfo, year: int) -> list[dt.datetime]:
    """The UTC hours of ``year`` in which the zone's offset changes."""
    start = dt.datetime(year, 1, 1)
    hours = [start + dt.timedelta(hours=n) for n in range(24 * 366)]
    return [hour for hour, after in zip(hours, hours[1:], strict=False)
            if hour.replace(tzinfo=UTC).astimezone(zone).utcoffset()
            != after.replace(tzinfo=UTC).astimezone(zone).utcoffset()]


def _moments(zone: ZoneInfo) -> list[dt.datetime]:
    """Every 7 minutes for 90 minutes either side of each quarter's start in 2022 and of each
    change of offset (UTC, naive, as the warehouse stores them)."""
    starts = [dt.datetime(2022, month, 1, tzinfo=zone).astimezone(UTC).replace(tzinfo=None)
              for month in (4, 7, 10)]
    starts.append(dt.datetime(2023, 1, 1, tzinfo=zone).astimezone(UTC).replace(tzinfo=None))
    centres = starts + _offset_changes(zone, 2022)
    return sorted({centre + k * STEP for centre in centres for k in range(-13, 14)})


@pytest.mark.parametrize("zone", ["Asia/Hong_Kong", "Asia/Kolkata", "Asia/Kathmandu",
                                  "Australia/Lord_Howe", "America/St_Johns",
                                  "America/New_York", "Europe/London"])
def test_quarters_in_the_methodology_time_zone(computed, tmp_path: Path, zone: str) -> None:
    tz = ZoneInfo(zone)
    moments = _moments(tz)
    origin_h = [(m - h.ORIGIN) / dt.timedelta(hours=1) for m in moments]
    items = [h.Item("telegram", "no_response", reported_h=r, as_of_h=max(origin_h) + 1)
             for r in origin_h]
    path = h.methodology_variant(tmp_path, lambda d: d.update(period_time_zone=zone))
    con = computed(items, path)
    published = dict(con.execute(
        "SELECT dim_key, items FROM cell_metrics "
        "WHERE group_type = 'all' AND dim_type = 'period'").fetchall())
    assert published == dict(Counter(_quarter(m, tz) for m in moments))
    # item by item, the same quarter as a time zone lookup of the moment itself
    assert con.execute("SELECT count(*) FROM item_keys "
                       "WHERE period IS DISTINCT FROM local_quarter(reported_at)"
                       ).fetchone()[0] == 0
    mixed = con.execute("SELECT count(*) FROM report_hours WHERE period IS NULL").fetchone()[0]
    if zone in ("Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "America/St_Johns"):
        assert mixed > 0  # hours looked up moment by moment
    if zone == "Asia/Hong_Kong":
        assert mixed == 0

"""Numbers, dates and missing values as a reader sees them, in both languages."""

from __future__ import annotations

import datetime as dt

import yaml

from core.i18n import EN, ZH
from core.methodology import DEFAULT_PATH
from core.public_schema import ELEMENTS
from dashboard import ranking
from dashboard.cells import Hidden
from dashboard.methodology import element_label, parse, short_label
from dashboard.text import (
    cell_text,
    date_text,
    hours_text,
    interval_text,
    period_text,
    platform_name,
)


def test_missing_values_say_why_and_are_never_zero():
    assert cell_text(None, "percent", EN, suppressed=True) == "suppressed"
    assert cell_text(None, "percent", ZH, suppressed=True) == "已隱藏"
    assert cell_text(None, "score", EN, insufficient=True) == "insufficient data"
    assert cell_text(None, "score", ZH, insufficient=True) == "數據不足"
    assert cell_text(None, "count", EN) == "not available"
    assert cell_text(0, "count", EN) == "0"  # a real zero stays a zero


def test_numbers_and_dates_follow_the_locale():
    assert cell_text(0.8897, "percent", EN) == "89.0%"
    assert cell_text(1342, "count", ZH) == "1,342"
    assert interval_text(0.5, 0.75, "percent", ZH) == "50.0%至75.0%"
    assert hours_text(30, EN) == "30.0 h" and hours_text(72, ZH) == "3.0 日"
    assert period_text("2022-Q3", EN) == "Q3 2022"
    assert period_text("2022-Q3", ZH) == "2022年第3季"
    assert date_text(dt.datetime(2024, 3, 1), EN) == "Mar 1, 2024"
    assert date_text("2024-03-01T09:00:00Z", ZH) == "2024年3月1日"
    assert date_text("not a date", EN) == "not available"


def test_platform_names_in_chinese_where_they_exist():
    row = {"slug": "lihkg", "name_en": "LIHKG", "name_zh": "連登"}
    assert platform_name(row, ZH) == "連登" and platform_name(row, EN) == "LIHKG"
    assert platform_name({"slug": "x", "name_en": "Telegram", "name_zh": None}, ZH) == "Telegram"


def test_element_labels_from_catalogue_or_methodology():
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["policy_elements"]["ncii_prohibition"]["label"] = {"en": "New", "zh-Hant-HK": "新"}
    method = parse(yaml.safe_dump(data, allow_unicode=True))
    assert [e.id for e in method.elements] == list(ELEMENTS)
    assert element_label("ncii_prohibition", ZH, method) == "新"
    assert element_label("hash_matching", EN, method).startswith("Hash matching")
    assert short_label("hash_matching", ZH, method) == "雜湊比對"
    assert element_label("unheard_of", EN) == "Unheard of"
    assert parse("[not: a mapping").elements == []
    assert parse("policy_elements:\n  new_thing: {weight: 2}\n").elements == []  # invalid


def test_sorting_puts_missing_values_last_both_ways():
    rows = [{"slug": "a", "removal_rate": 0.5}, {"slug": "b", "removal_rate": None},
            {"slug": "c", "removal_rate": 0.9}]
    for direction in ("asc", "desc"):
        ordered = [r["slug"] for r in ranking.sort_rows(rows, "removal_rate", direction, EN)]
        assert ordered[-1] == "b"
    assert [r["slug"] for r in ranking.sort_rows(rows, "removal_rate", "desc", EN)] == \
        ["c", "a", "b"]
    graded = [{"slug": "x", "grade": "insufficient_data"}, {"slug": "y", "grade": "B"},
              {"slug": "z", "grade": "A"}]
    assert [r["slug"] for r in ranking.sort_rows(graded, "grade", "asc", EN)] == ["z", "y", "x"]


def test_suppressed_cells_are_matched_by_table_key():
    hidden = Hidden("metrics_by_period", [{"row_key": "platform|telegram|2021-Q2",
                                           "column_name": "items"}])
    row = {"group_type": "platform", "group_key": "telegram", "period": "2021-Q2"}
    assert hidden(row, "items") and not hidden(row, "removed")
    assert not hidden({**row, "period": "2021-Q3"}, "items")

"""URL parameters: parsing, validation, and links that keep the language."""

from __future__ import annotations

import pytest

from core.i18n import EN, ZH
from dashboard import validate


@pytest.mark.parametrize("value, lang, noticed", [
    (None, EN, False), ("en", EN, False), ("zh-Hant", ZH, False), ("zh-hk", ZH, False),
    ("ZH-HANT-HK", ZH, False), ("fr", EN, True), ("<script>", EN, True),
])
def test_language_falls_back_to_english(value, lang, noticed):
    got, notice = validate.parse_lang(value)
    assert got == lang
    assert (notice is not None) == noticed


def test_query_keeps_first_value_and_drops_overlong_strings():
    query = validate.parse_query("?lang=zh-Hant&category=a&category=b")
    assert query.lang == ZH and query.raw == {"category": "a"}
    assert validate.parse_search("?x=" + "a" * 2000) == {}


def test_choice_ignores_unknown_values_with_a_notice():
    query = validate.parse_query("?category=nope&sort=items")
    assert query.choice("category", ["social_media"], "all") == "all"
    assert query.choice("sort", ["items"], "rank") == "items"
    assert [n.fields["name"] for n in query.notices] == ["category"]


@pytest.mark.parametrize("slug, ok", [
    ("facebook", True), ("x_twitter", True), ("Facebook", False), ("../etc", False),
    ("a' OR 1=1 --", False), ("", False), ("a" * 65, False),
])
def test_slugs(slug, ok):
    assert validate.valid_slug(slug) is ok


@pytest.mark.parametrize("version, ok", [
    ("20240301T090000Z-bbbbbbbbbbbb", True), ("20240301T090000Z-BBBB", False),
    ("2024-03-01-abc", False), ("20240301T090000Z-bbbbbbbbbbbb/../x", False),
])
def test_version_ids(version, ok):
    assert validate.valid_version_id(version) is ok


@pytest.mark.parametrize("period, ok", [("2022-Q3", True), ("2022-Q5", False),
                                        ("2022Q3", False), ("1899-Q1", False)])
def test_periods(period, ok):
    assert validate.valid_period(period) is ok


def test_links_keep_the_language_and_drop_empty_values():
    assert validate.href("/trends", EN, group=None) == "/trends"
    assert validate.href("/", ZH, category="social_media", period="") == \
        "/?lang=zh-Hant&category=social_media"
    assert validate.href("/", EN, q="a&b=c") == "/?q=a%26b%3Dc"

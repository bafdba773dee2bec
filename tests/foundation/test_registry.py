"""The platform registry: every declaration valid, categories covered, errors name file and key."""

from __future__ import annotations

import pytest

from core.paths import PLATFORMS_DIR
from core.registry import (
    CATEGORIES,
    DeclarationError,
    Resolver,
    load_platform,
    load_registry,
)


def test_shipped_registry_covers_every_category_and_the_report_platforms():
    registry = load_registry(PLATFORMS_DIR)
    assert {p.category for p in registry.values()} == set(CATEGORIES)
    assert {"telegram", "instagram", "facebook", "lihkg"} <= set(registry)
    assert registry["lihkg"].name("zh-Hant-HK") == "連登"


def test_resolver_by_alias_and_subdomain():
    resolver = Resolver(load_registry(PLATFORMS_DIR))
    assert resolver.by_name("  連登 ") == "lihkg"
    assert resolver.by_name("x-twitter") == "x_twitter"
    assert resolver.by_host("i.imgur.com") == "imgur"
    assert resolver.by_host("notimgur.com") is None


@pytest.mark.parametrize("text,key", [
    ("name: {en: A}\ncategory: blog\ndomains: [a.com]\n", "category"),
    ("category: social_media\ndomains: [a.com]\n", "name"),
    ("name: {en: A}\ncategory: social_media\ndomains: []\n", "domains"),
    ("name: {en: A}\ncategory: social_media\ndomains: ['http://a.com']\n", "domains"),
    ("name: {en: A}\ncategory: social_media\ndomains: [a.com]\naliases: A\n", "aliases"),
    ("name: [unclosed\n", "(yaml)"),
    ("- a list\n", "(top level)"),
])
def test_bad_declarations_name_file_and_key(tmp_path, text, key):
    path = tmp_path / "example.yaml"
    path.write_text(text)
    with pytest.raises(DeclarationError) as info:
        load_platform(path)
    assert info.value.key == key and str(path) in str(info.value)


def test_a_domain_claimed_twice_is_an_error(tmp_path):
    for slug in ("one", "two"):
        (tmp_path / f"{slug}.yaml").write_text(
            "name: {en: X}\ncategory: social_media\ndomains: [shared.com]\n")
    with pytest.raises(DeclarationError, match="also declared by one"):
        load_registry(tmp_path)


BAD_SELECTOR = ("name: {en: Demo}\ncategory: social_media\ndomains: [demo.example]\n"
                "documents:\n  reporting_form:\n  - url: https://demo.example/report\n"
                "    lang: en\n    remove: {remove}\n")


def test_css_selectors_are_parsed_only_when_asked(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_text(BAD_SELECTOR.replace("{remove}", "['div[role=']"), encoding="utf-8")
    # What every stage but the crawler reads: names and domains, selectors kept as text.
    variant = load_registry(tmp_path)["demo"].documents["reporting_form"][0]
    assert variant.remove == ("div[role=",)
    for load in (lambda: load_registry(tmp_path, selectors=True), lambda: load_platform(path)):
        with pytest.raises(DeclarationError) as info:
            load()
        assert info.value.key == "documents.reporting_form[0].remove"
        assert "not a valid CSS selector" in info.value.message and str(path) in str(info.value)


def test_selectors_must_be_a_list_even_when_not_parsed(tmp_path):
    (tmp_path / "demo.yaml").write_text(BAD_SELECTOR.replace("{remove}", "main"), encoding="utf-8")
    with pytest.raises(DeclarationError) as info:
        load_registry(tmp_path)
    assert info.value.key == "documents.reporting_form[0].remove"

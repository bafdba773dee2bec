"""Declarations of policy documents: the shipped registry, and mistakes named by file and key."""

from __future__ import annotations

import json

import pytest
import yaml

from core.declarations import DOCUMENT_TYPES, iter_variants
from core.paths import PLATFORMS_DIR, DataDir
from core.registry import DeclarationError, load_platform, load_registry
from crawlers.context import select_platforms
from crawlers.mirror_index import MirrorError, load_index
from crawlers.run import InvalidDeclaration, run_crawl

GOOD = {"url": "https://example.org/terms", "lang": "en"}
REQUIRED = ("facebook", "instagram", "telegram", "lihkg", "x_twitter", "reddit", "tiktok",
            "youtube", "pornhub", "xvideos", "onlyfans", "google_search", "bing", "imgur")


def test_shipped_registry_declares_documents_widely():
    registry = load_registry(PLATFORMS_DIR)
    with_docs = {slug: p for slug, p in registry.items() if p.documents}
    assert len(with_docs) >= 20
    assert set(REQUIRED) <= set(with_docs)
    assert len({p.category for p in with_docs.values()}) >= 4
    variants = [v for p in with_docs.values() for v in iter_variants(p.documents)]
    assert {v.document_type for v in variants} == set(DOCUMENT_TYPES)
    assert {v.lang for v in variants} == {"en", "zh-Hant"}
    assert all(v.url.startswith("https://") for v in variants)
    assert registry["imgur"].documents["reporting_email"] == ("abuse@imgur.com",)


def _declare(tmp_path, documents, slug="demo"):
    path = tmp_path / f"{slug}.yaml"
    data = {"name": {"en": "Demo"}, "category": "social_media", "domains": ["demo.example"],
            "documents": documents}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("documents", "key", "words"), [
    ({"privacy_policy": [GOOD]}, "documents.privacy_policy", "not a document type"),
    ({"terms_of_service": GOOD}, "documents.terms_of_service", "list of variants"),
    ({"terms_of_service": []}, "documents.terms_of_service", "list of variants"),
    ({"terms_of_service": ["https://example.org"]}, "documents.terms_of_service[0]",
     "mapping"),
    ({"terms_of_service": [{"lang": "en"}]}, "documents.terms_of_service[0].url", "required"),
    ({"ncii_policy": [{"url": "ftp://example.org/x", "lang": "en"}]},
     "documents.ncii_policy[0].url", "http or https"),
    ({"ncii_policy": [{"url": "mailto:abuse@example.org", "lang": "en"}]},
     "documents.ncii_policy[0].url", "http or https"),
    ({"ncii_policy": [{**GOOD, "lang": "fr"}]}, "documents.ncii_policy[0].lang", "not a language"),
    ({"ncii_policy": [{**GOOD, "needs_js": "yes"}]}, "documents.ncii_policy[0].needs_js",
     "true or false"),
    ({"reporting_form": [{**GOOD, "keep": "main"}]}, "documents.reporting_form[0].keep",
     "list of CSS selectors"),
    ({"reporting_form": [{**GOOD, "remove": ["div[role="]}]},
     "documents.reporting_form[0].remove", "not a valid CSS selector"),
    ({"reporting_form": [{**GOOD, "content_type": "image/png"}]},
     "documents.reporting_form[0].content_type", "not accepted"),
    ({"reporting_form": [{**GOOD, "selector": "main"}]},
     "documents.reporting_form[0].selector", "not a known key"),
    ({"terms_of_service": [GOOD, {**GOOD, "url": "https://example.org/b"}]},
     "documents.terms_of_service", "more than once"),
    ({"reporting_email": ["not an address"]}, "documents.reporting_email", "e-mail"),
    ("a string", "documents", "mapping"),
])
def test_bad_declaration_names_file_and_key(tmp_path, documents, key, words):
    path = _declare(tmp_path, documents)
    with pytest.raises(DeclarationError) as caught:
        load_platform(path)
    assert caught.value.path == path and caught.value.key == key
    assert words in caught.value.message
    assert str(path) in str(caught.value)


def test_good_declaration_is_normalised(tmp_path):
    path = _declare(tmp_path, {"ncii_policy": [
        {**GOOD, "keep": ["main"], "remove": [".ad"], "needs_js": True},
        {"url": "https://example.org/zh", "lang": "zh-Hant"}]})
    variants = list(iter_variants(load_platform(path).documents))
    assert [(v.lang, v.keep, v.remove, v.needs_js) for v in variants] == [
        ("en", ("main",), (".ad",), True), ("zh-Hant", (), (), False)]


def test_bad_declaration_stops_the_crawl_before_it_starts(tmp_path):
    _declare(tmp_path, {"terms_of_service": [{**GOOD, "lang": "de"}]})
    data_dir = DataDir(tmp_path / "var")
    with pytest.raises(InvalidDeclaration) as caught:
        run_crawl(data_dir, platforms_dir=tmp_path)
    assert "demo.yaml" in str(caught.value) and "lang" in str(caught.value)
    assert not data_dir.archive.exists()


def test_bad_selector_stops_the_crawl_before_it_starts(tmp_path):
    _declare(tmp_path, {"reporting_form": [{**GOOD, "keep": ["main", "p:nth-child(x)"]}]})
    data_dir = DataDir(tmp_path / "var")
    with pytest.raises(InvalidDeclaration) as caught:
        run_crawl(data_dir, platforms_dir=tmp_path)
    message = str(caught.value)
    assert "demo.yaml" in message and "documents.reporting_form[0].keep" in message
    assert "p:nth-child(x)" in message and "not a valid CSS selector" in message
    assert not data_dir.archive.exists()
    # The crawl process checks them again when it reads its settings.
    with pytest.raises(DeclarationError, match="not a valid CSS selector"):
        select_platforms(tmp_path, None)


def test_declaration_error_in_chinese(tmp_path, monkeypatch):
    from core.i18n import set_default_lang

    path = _declare(tmp_path, {"terms_of_service": [{**GOOD, "lang": "de"}]})
    set_default_lang("zh-Hant")
    try:
        with pytest.raises(DeclarationError) as caught:
            load_platform(path)
    finally:
        set_default_lang(None)
    assert "語言" in caught.value.message


@pytest.mark.parametrize(("index", "words"), [
    ("{not json", "not valid JSON"),
    (json.dumps({"recordings": []}), "recordings"),
    (json.dumps({"recordings": {"https://a.example/": [{"status": "200"}]}}),
     "https://a.example/[0]"),
    (json.dumps({"recordings": {"https://a.example/": [
        {"status": 200, "recorded": "yesterday", "body": None}]}}), "yesterday"),
    (json.dumps({"recordings": {"https://a.example/": [
        {"status": 200, "recorded": "2024-01-01", "body": "pages/none.html"}]}}),
     "pages/none.html"),
])
def test_bad_mirror_index_names_file_and_key(tmp_path, index, words):
    (tmp_path / "index.json").write_text(index, encoding="utf-8")
    with pytest.raises(MirrorError) as caught:
        load_index(tmp_path)
    assert words in str(caught.value)

"""The crawler survives a misbehaving server: each fault ends as the right outcome record."""

from __future__ import annotations

import json

import pytest

from core.paths import DataDir
from crawlers.run import run_crawl

FAULTS = {
    # slug: (path, expected outcome, extra declaration keys)
    "f_ok": ("/ok", "ok", {}),
    "f_timeout": ("/slow", "timeout", {}),
    "f_retry_after": ("/busy", "ok", {}),
    "f_server_error": ("/flaky", "ok", {}),
    "f_not_found": ("/nowhere", "http_error", {}),
    "f_loop": ("/loop-a", "redirect_loop", {}),
    "f_huge": ("/huge", "too_large", {}),
    "f_huge_stream": ("/huge-stream", "too_large", {}),
    "f_gzip_bomb": ("/bomb", "too_large", {}),
    "f_big5": ("/big5", "ok", {"lang": "zh-Hant"}),
    "f_app_shell": ("/app", "needs_js", {"needs_js": True}),
    "f_login": ("/form", "login_wall", {}),
    "f_form_redirect": ("/contact", "ok", {}),
    "f_robots": ("/private/policy", "robots_disallowed", {}),
    "f_image": ("/photo", "wrong_content_type", {}),
    "f_malformed": ("/malformed", "ok", {}),
    "f_nested": ("/nested", "too_complex", {}),
    "f_pdf": ("/policy.pdf", "ok", {"content_type": "application/pdf"}),
    "f_pdf_undeclared": ("/policy.pdf", "wrong_content_type", {}),
}
FORMS = {"f_login", "f_form_redirect"}  # declared as reporting forms; the rest as policies


@pytest.fixture(scope="module")
def fault_crawl(fault_server, kit, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("faults")
    docs = {}
    for slug, (path, _outcome, extra) in FAULTS.items():
        variant = {"url": fault_server + path, "lang": "en", **extra}
        doc_type = "reporting_form" if slug in FORMS else "terms_of_service"
        docs[slug] = {doc_type: [variant]}
    platforms = kit.write_platforms(tmp_path / "platforms", docs)
    data_dir = DataDir(tmp_path / "var")
    summary = run_crawl(data_dir, live=True, platforms_dir=platforms, settings=kit.settings,
                        contact_url="https://ngo.example/crawler")
    return summary, data_dir, platforms


def test_live_crawl_names_itself(fault_crawl, kit):
    agents = kit.agents()
    assert len(agents) == 1
    (agent,) = agents
    assert agent.startswith("TaDaAudit/") and "https://ngo.example/crawler" in agent


def test_each_fault_ends_as_its_outcome(fault_crawl, kit):
    summary, data_dir, _ = fault_crawl
    by_slug = {r["platform"]: r for r in summary.records}
    assert sorted(by_slug) == sorted(FAULTS), "every declared document has exactly one record"
    got = {slug: by_slug[slug]["outcome"] for slug in FAULTS}
    assert got == {slug: outcome for slug, (_p, outcome, _e) in FAULTS.items()}
    assert by_slug["f_not_found"]["status"] == 404
    assert by_slug["f_login"]["final_url"].endswith("/accounts/login?next=/form")
    assert kit.leftovers(data_dir.archive) == []


def test_retry_after_is_honoured(fault_crawl, kit):
    hits = kit.hits()["/busy"]
    assert len(hits) == 2
    assert hits[1] - hits[0] >= 0.9  # the server asked for one second
    assert len(kit.hits()["/flaky"]) == 2


def test_refused_bodies_are_never_stored(fault_crawl):
    summary, data_dir, _ = fault_crawl
    stored = [p.read_bytes()[:8] for p in (data_dir.archive / "snapshots").rglob("*")
              if p.is_file()]
    assert stored and not any(head.startswith(b"\x89PNG") for head in stored)
    sizes = [p.stat().st_size for p in (data_dir.archive / "snapshots").rglob("*") if p.is_file()]
    assert max(sizes) <= 64 * 1024
    failed = [r for r in summary.records if r["outcome"] not in ("ok", "unchanged")]
    assert all(r["version_id"] is None for r in failed)


def test_big5_malformed_and_pdf_are_extracted(fault_crawl):
    summary, data_dir, _ = fault_crawl
    by_slug = {r["platform"]: r for r in summary.records}
    index = [json.loads(line) for line in
             (data_dir.archive / "versions" / "index.jsonl").read_text().splitlines()]
    text = {v["platform"]: (data_dir.archive / v["path"]).read_text() for v in index}
    assert "未經同意" in text["f_big5"] and "私密影像" in text["f_big5"]
    assert "No harassment" in text["f_malformed"]
    assert "intimate images without consent" in text["f_pdf"]
    assert "cookies" not in text["f_ok"].lower()  # boilerplate removed
    assert by_slug["f_big5"]["version_id"] == next(
        v["version_id"] for v in index if v["platform"] == "f_big5")
    features = json.loads((data_dir.archive / index[0]["features_path"]).read_text())
    assert "prohibits_ncii" in features


def test_recrawl_sends_conditional_request_and_writes_nothing(fault_crawl, kit):
    summary, data_dir, platforms = fault_crawl
    before = kit.archive_files(data_dir.archive)
    again = run_crawl(data_dir, live=True, platforms=["f_ok", "f_big5", "f_malformed"],
                      platforms_dir=platforms, settings=kit.settings)
    by_slug = {r["platform"]: r for r in again.records}
    assert by_slug["f_ok"]["status"] == 304
    assert {r["outcome"] for r in again.records} == {"unchanged"}
    first = {r["platform"]: r for r in summary.records}
    for slug, record in by_slug.items():
        assert record["version_id"] == first[slug]["version_id"]
        assert record["content_sha256"] == first[slug]["content_sha256"]
    assert kit.archive_files(data_dir.archive) == before


def test_form_audit_reads_the_final_url_and_page_languages(fault_crawl):
    summary, data_dir, _ = fault_crawl
    record = next(r for r in summary.records if r["platform"] == "f_form_redirect")
    assert record["final_url"].endswith("/help/contact?return_to=%2Fcontact")
    folder = data_dir.archive / "versions" / "f_form_redirect" / "reporting_form.en"
    audit = json.loads((folder / f"{record['version_id']}.features.json").read_text())
    assert audit["form_present"] is True
    assert audit["account_required"] is True  # only the final URL says so
    assert {"feature": "account_required", "quote": record["final_url"]} in audit["evidence"]
    assert audit["languages"] == ["en", "zh-Hant"]  # the hreflang alternate is kept

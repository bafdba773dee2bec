"""A crawl archive built to docs/contracts.md section 1, for the evidence-pack tests.

Three crawls written with warcio exactly as the crawler's WARC pipeline writes them (a
warcinfo record, then a response and its request per fetch, one gzip member per record);
content-addressed snapshots; readable versions with a diff between two versions of one policy;
features; ``versions/index.jsonl`` and ``items.jsonl``. One document is re-fetched unchanged
later, so a cited fetch time can differ from the version's first capture. Reddit's page is
archived but is never selected, so a pack must leave it out.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# (crawl id, slug, document type, lang, url, title, paragraphs)
FETCHES = [
    ("20230110T080000Z", "facebook", "terms_of_service", "en", "https://www.facebook.com/terms",
     "Terms of Service", ["Do not share intimate images of others without their consent.",
                          "You can report content through our Help Centre forms."]),
    ("20230110T080000Z", "facebook", "ncii_policy", "zh-Hant",
     "https://www.facebook.com/help/ncii?locale=zh_HK", "私密影像政策",
     ["我們禁止未經同意分享私密影像，包括以人工智能生成的深偽私密影像。",
      "受害人或受信任的非政府組織可代為舉報。"]),
    ("20230110T080000Z", "facebook", "reporting_form", "en",
     "https://www.facebook.com/help/contact/ncii", "Report intimate images",
     ["Report an intimate image shared without your consent. No account is needed."]),
    ("20230110T080000Z", "lihkg", "community_guidelines", "zh-Hant", "https://lihkg.com/rules",
     "連登守則", ["禁止發布色情或裸露內容。", "違規帖文將被刪除。"]),
    ("20230110T080000Z", "pornhub", "ncii_policy", "en",
     "https://www.pornhub.com/information/ncii", "Non-Consensual Content Policy",
     ["Non-consensual content, including revenge porn, is prohibited.",
      "Use our Content Removal Request form; no account is needed."]),
    ("20230110T080000Z", "pornhub", "reporting_form", "en",
     "https://www.pornhub.com/content-removal", "Content Removal Request",
     ["Tell us the URL of the content and describe the problem."]),
    ("20230110T080000Z", "bing", "terms_of_service", "en",
     "https://www.microsoft.com/servicesagreement", "Microsoft Services Agreement",
     ["Report a concern about non-consensual intimate imagery via our form."]),
    ("20230110T080000Z", "reddit", "terms_of_service", "en",
     "https://www.redditinc.com/policies/user-agreement", "User Agreement",
     ["Do not post intimate media of someone without their consent."]),
    ("20230302T080000Z", "facebook", "terms_of_service", "en", "https://www.facebook.com/terms",
     "Terms of Service", ["Do not share intimate images of others without their consent.",
                          "You can report content through our Help Centre forms.",
                          "We use hash matching, including StopNCII.org, to block re-uploads.",
                          "We review reports within 48 hours and tell you the outcome; "
                          "you may appeal."]),
    # Re-fetched unchanged: a new capture of the same text, no new version.
    ("20230420T080000Z", "facebook", "terms_of_service", "en", "https://www.facebook.com/terms",
     "Terms of Service", ["Do not share intimate images of others without their consent.",
                          "You can report content through our Help Centre forms.",
                          "We use hash matching, including StopNCII.org, to block re-uploads.",
                          "We review reports within 48 hours and tell you the outcome; "
                          "you may appeal."]),
]


def _stamp(crawl_id: str, offset_minutes: int) -> str:
    return (f"{crawl_id[:4]}-{crawl_id[4:6]}-{crawl_id[6:8]}T{crawl_id[9:11]}:"
            f"{offset_minutes:02d}:00Z")


def _html(title: str, paragraphs: list[str], lang: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    form = ('<form action="/submit"><input name="url" type="url"><input type="file" name="f">'
            '<input type="email" name="email"><textarea name="description"></textarea>'
            '<select><option>Intimate image shared without consent</option></select></form>'
            if "Report" in title or "Removal" in title else "")
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}'
            f'</title><script>window.analytics=1;</script></head><body><nav>Home · Help</nav>'
            f'<div class="cookie-banner">We use cookies.</div><main><h1>{title}</h1>{body}'
            f'{form}</main><footer>© 2023</footer></body></html>').encode()


def _markdown(title: str, paragraphs: list[str]) -> str:
    return f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n"


def _features(doc: str, paragraphs: list[str]) -> dict:
    quote = paragraphs[0]
    if doc == "reporting_form":
        return {"form_present": True, "fields": {"url": True, "file_upload": True,
                "email": True, "description": True}, "account_required": False,
                "captcha": False, "ncii_option": True, "languages": ["en"], "needs_js": False,
                "evidence": [{"feature": "form_present", "quote": quote}]}
    return {"prohibits_ncii": "yes", "ncii_reporting_channel": "no",
            "third_party_reporting": "unknown", "hash_matching": "no",
            "stated_response_time_hours": None, "covers_synthetic_media": "no",
            "account_required_to_report": "unknown", "languages": ["en"],
            "evidence": [{"feature": "prohibits_ncii", "quote": quote}]}


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def build_archive(archive: Path) -> dict[str, dict]:
    """Write the archive; returns each version's index record by version id."""
    versions: dict[tuple[str, str, str], dict] = {}
    index: dict[str, dict] = {}
    items: list[dict] = []
    writers: dict[str, tuple] = {}
    for n, (crawl_id, slug, doc, lang, url, title, paras) in enumerate(FETCHES):
        if crawl_id not in writers:
            fh = (archive / "warc" / f"{crawl_id}.warc.gz")
            fh.parent.mkdir(parents=True, exist_ok=True)
            stream = fh.open("wb")
            writer = WARCWriter(stream, gzip=True)
            writer.write_record(writer.create_warcinfo_record(
                f"{crawl_id}.warc.gz", {"software": "Ta-DA audit 0.1.0 (Scrapy)",
                                        "format": "WARC/1.0", "crawl-id": crawl_id}))
            writers[crawl_id] = (stream, writer)
        writer = writers[crawl_id][1]
        fetched_at = _stamp(crawl_id, n)
        body = _html(title, paras, lang)
        status = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                             ("Content-Length", str(len(body)))],
                                  protocol="HTTP/1.1")
        response = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                             http_headers=status,
                                             warc_headers_dict={"WARC-Date": fetched_at})
        request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                            http_headers=StatusAndHeaders(
                                                "GET / HTTP/1.1", [("Host", url.split("/")[2])],
                                                protocol="", is_http_request=True))
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        request.rec_headers.add_header("WARC-Concurrent-To", record_id)
        writer.write_record(response)
        writer.write_record(request)
        sha = hashlib.sha256(body).hexdigest()
        _write(archive / "snapshots" / sha[:2] / sha, body)
        markdown = _markdown(title, paras)
        text_sha = hashlib.sha256(markdown.encode()).hexdigest()
        key = (slug, doc, lang)
        current = versions.get(key)
        outcome = "ok"
        if current and current["text_sha256"] == text_sha:
            outcome, version_id = "unchanged", current["version_id"]
        else:
            version_id = f"{fetched_at.replace('-', '').replace(':', '')}-{text_sha[:12]}"
            folder = f"versions/{slug}/{doc}.{lang}"
            diff_path = None
            if current:
                previous = (archive / current["path"]).read_text(encoding="utf-8")
                diff = "".join(difflib.unified_diff(
                    previous.splitlines(keepends=True), markdown.splitlines(keepends=True),
                    fromfile=f"{current['version_id']}.md", tofile=f"{version_id}.md"))
                diff_path = f"{folder}/{version_id}.diff"
                _write(archive / diff_path, diff)
            _write(archive / folder / f"{version_id}.md", markdown)
            _write(archive / folder / f"{version_id}.features.json",
                   json.dumps(_features(doc, paras), ensure_ascii=False, sort_keys=True))
            record = {"version_id": version_id, "platform": slug, "document_type": doc,
                      "lang": lang, "url": url, "fetched_at": fetched_at,
                      "snapshot_sha256": sha, "text_sha256": text_sha,
                      "path": f"{folder}/{version_id}.md", "diff_path": diff_path,
                      "previous_version_id": current["version_id"] if current else None,
                      "features_path": f"{folder}/{version_id}.features.json",
                      "warc_file": f"warc/{crawl_id}.warc.gz", "warc_record_id": record_id,
                      "source": "mirror", "markdown": markdown,
                      "diff": diff if current else None}
            versions[key] = record
            index[version_id] = record
        items.append({"crawl_id": crawl_id, "platform": slug, "document_type": doc,
                      "lang": lang, "url": url, "final_url": url, "status": 200,
                      "outcome": outcome, "fetched_at": fetched_at, "content_sha256": sha,
                      "text_sha256": text_sha, "version_id": version_id,
                      "warc_file": f"warc/{crawl_id}.warc.gz", "warc_record_id": record_id,
                      "source": "mirror"})
    for stream, _writer in writers.values():
        stream.close()
    public_keys = ("markdown", "diff")
    lines = [json.dumps({k: v for k, v in r.items() if k not in public_keys},
                        ensure_ascii=False, sort_keys=True) for r in index.values()]
    _write(archive / "versions" / "index.jsonl", "\n".join(lines) + "\n")
    _write(archive / "items.jsonl",
           "".join(json.dumps(i, ensure_ascii=False, sort_keys=True) + "\n" for i in items))
    return index

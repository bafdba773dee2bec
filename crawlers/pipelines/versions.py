"""Readable Markdown versions: a new one only when a document's extracted text changes.

A version is ``<id>.md`` with ``<id>.diff`` (unified diff against the previous version) and
``<id>.features.json`` (the policy analyser's or the reporting-form audit's findings),
listed in ``versions/index.jsonl``. The files are written first and the index line last, so
the index never names a file that is not complete.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
from typing import Any

from core.errors import TadaError
from crawlers.atomic import append_line, write_text
from crawlers.changes.record import append_version_changes
from crawlers.context import CrawlContext, Target
from crawlers.document import extract_document
from crawlers.extract import TooComplex
from crawlers.records import EXCHANGE, TARGET

logger = logging.getLogger(__name__)


class VersionPipeline:
    def __init__(self, ctx: CrawlContext) -> None:
        self.ctx = ctx

    @classmethod
    def from_crawler(cls, crawler) -> VersionPipeline:
        return cls(CrawlContext.of(crawler))

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        if item["outcome"] not in ("ok", "unchanged"):
            return item
        target: Target = item[TARGET]
        state = self.ctx.state
        current = state.current_version(target.key)
        last = state.last_fetch(target.key, target.variant.url)
        if item["outcome"] == "unchanged":  # a 304: the server says nothing changed
            if last is not None:
                item["content_sha256"] = last.content_sha256
                item["etag"] = item["etag"] or last.etag
                item["last_modified"] = item["last_modified"] or last.last_modified
            self._same_version(item, current)
            return item
        if (current and last and last.content_sha256 == item["content_sha256"]
                and last.text_sha256 == current["text_sha256"]):
            item["outcome"] = "unchanged"  # same bytes as last time: nothing to extract
            self._same_version(item, current)
            return item
        exchange = item[EXCHANGE]
        try:
            markdown, features = extract_document(target.variant, exchange.body,
                                                  exchange.content_type,
                                                  item.get("final_url") or exchange.url)
        except TooComplex as exc:  # refused within the limits: the crawl goes on
            item["outcome"], item["detail"] = "too_complex", str(exc)
            return item
        except TadaError as exc:
            item["outcome"], item["detail"] = "extraction_failed", str(exc)
            return item
        except Exception as exc:  # a bug in extraction must not lose the fetch record
            logger.exception("extraction of %s failed", target.variant.url)
            item["outcome"], item["detail"] = "extraction_failed", f"{type(exc).__name__}: {exc}"
            return item
        text_sha = hashlib.sha256(markdown.encode("utf-8")).hexdigest()
        if current and current["text_sha256"] == text_sha:
            item["outcome"] = "unchanged"
            self._same_version(item, current)
            return item
        record = self._write(item, target, current, markdown, features, text_sha)
        state.versions[target.key] = record
        item["text_sha256"], item["version_id"] = text_sha, record["version_id"]
        return item

    @staticmethod
    def _same_version(item: dict[str, Any], current: dict[str, Any] | None) -> None:
        if current is not None:
            item["text_sha256"], item["version_id"] = current["text_sha256"], current["version_id"]

    def _write(self, item: dict[str, Any], target: Target, current: dict[str, Any] | None,
               markdown: str, features: dict[str, Any], text_sha: str) -> dict[str, Any]:
        stamp = item["fetched_at"].replace("-", "").replace(":", "")
        version_id = f"{stamp}-{text_sha[:12]}"
        folder = f"versions/{target.platform}/{target.variant.document_type}.{target.variant.lang}"
        base = self.ctx.archive / folder
        diff_path = None
        if current is not None:
            previous = self.ctx.state.version_markdown(current)
            diff = "".join(difflib.unified_diff(
                previous.splitlines(keepends=True), markdown.splitlines(keepends=True),
                fromfile=f"{current['version_id']}.md", tofile=f"{version_id}.md"))
            diff_path = f"{folder}/{version_id}.diff"
            write_text(base / f"{version_id}.diff", diff)
        write_text(base / f"{version_id}.features.json",
                   json.dumps(features, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        write_text(base / f"{version_id}.md", markdown)
        record = {
            "version_id": version_id, "platform": target.platform,
            "document_type": target.variant.document_type, "lang": target.variant.lang,
            "url": target.variant.url, "fetched_at": item["fetched_at"],
            "captured_at": item["captured_at"],
            "snapshot_sha256": item["content_sha256"], "text_sha256": text_sha,
            "path": f"{folder}/{version_id}.md", "diff_path": diff_path,
            "previous_version_id": current["version_id"] if current else None,
            "features_path": f"{folder}/{version_id}.features.json",
            "warc_file": item["warc_file"], "warc_record_id": item["warc_record_id"],
            "source": item["source"],
        }
        append_line(self.ctx.archive / "versions" / "index.jsonl",
                    json.dumps(record, ensure_ascii=False, sort_keys=True))
        # what changed for victims, element by element, once the version is complete
        append_version_changes(self.ctx.archive, record, current, self.ctx.crawl_id)
        return record

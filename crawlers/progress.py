"""Progress of a crawl as JSON lines on standard output (``TADA_PROGRESS``).

``tada crawl`` runs Scrapy in a child process and reads these lines to draw its progress
bar; Scrapy's own log goes to standard error and to ``archive/logs/<crawl_id>.log``.
"""

from __future__ import annotations

import json
import sys

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawlers.context import CrawlContext


class Progress:
    def __init__(self, ctx: CrawlContext) -> None:
        self.ctx = ctx

    @classmethod
    def from_crawler(cls, crawler) -> Progress:
        if not crawler.settings.getbool("TADA_PROGRESS"):
            raise NotConfigured
        progress = cls(CrawlContext.of(crawler))
        crawler.signals.connect(progress.opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.scraped, signal=signals.item_scraped)
        return progress

    @staticmethod
    def emit(event: dict) -> None:
        sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    def opened(self, spider) -> None:
        self.emit({"event": "start", "crawl_id": self.ctx.crawl_id,
                   "total": len(self.ctx.targets)})

    def scraped(self, item, response, spider) -> None:
        self.emit({"event": "item", "platform": item["platform"],
                   "document_type": item["document_type"], "lang": item["lang"],
                   "outcome": item["outcome"]})

"""``policies``: one request per declared document variant; behaviour lives elsewhere.

Settings decide offline replay or live fetching (``crawlers.settings.apply_profile``),
middlewares decide each outcome, pipelines archive, extract and version.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from scrapy import Request, Spider
from scrapy.http import Response
from twisted.python.failure import Failure

from crawlers.context import CrawlContext
from crawlers.records import record_for_failure, record_for_response
from crawlers.settings import apply_profile
from crawlers.warc_replay import CAPTURE_META


class PoliciesSpider(Spider):
    name = "policies"

    @classmethod
    def update_settings(cls, settings) -> None:
        super().update_settings(settings)
        apply_profile(settings)

    async def start(self) -> AsyncIterator[Request]:
        ctx = CrawlContext.of(self.crawler)
        plan = ctx.replay or [(target, None) for target in ctx.targets]
        for order, (target, capture) in enumerate(plan):
            meta: dict[str, Any] = {"tada": target, "handle_httpstatus_list": [304]}
            if ctx.render_js and target.variant.needs_js:
                meta.update(playwright=True)
            if capture is not None:  # replayed one at a time, oldest first
                meta[CAPTURE_META] = capture
            yield Request(target.variant.url, callback=self.parse, errback=self.failed,
                          dont_filter=True, meta=meta, priority=-order if capture else 0)

    def parse(self, response: Response) -> dict[str, Any]:
        return record_for_response(CrawlContext.of(self.crawler), response.meta["tada"], response)

    def failed(self, failure: Failure) -> dict[str, Any]:
        target = failure.request.meta["tada"]
        return record_for_failure(CrawlContext.of(self.crawler), target, failure)

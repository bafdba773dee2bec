"""What a fetch attempt ended as: the ``outcome`` of an ``items.jsonl`` record."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from core.vocabulary import OUTCOMES


class Rejected(IgnoreRequest):
    """A middleware's verdict that a response is not a usable policy document.

    Raised from downloader middlewares so that the request's errback records ``outcome``;
    ``response`` (when there is one) is still archived as evidence of what was served.
    """

    def __init__(self, outcome: str, detail: str = "", response: Response | None = None):
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        super().__init__(f"{outcome}: {detail}" if detail else outcome)
        self.outcome, self.detail, self.response = outcome, detail, response

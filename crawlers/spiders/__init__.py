"""The crawl's one spider, ``policies``."""

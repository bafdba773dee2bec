"""Scrapy settings of the ``policies`` crawl (``scrapy crawl policies`` reads this module).

The crawl's own settings start with ``TADA_``: ``TADA_DATA_DIR``, ``TADA_LIVE``,
``TADA_RENDER_JS``, ``TADA_PLATFORMS`` (comma-separated slugs), ``TADA_CONTACT_URL``,
``TADA_MIRROR_DIR``, ``TADA_MIRROR_DATE`` (replay the mirror as recorded on that date),
``TADA_PLATFORMS_DIR``, ``TADA_CRAWL_ID``, ``TADA_PROGRESS``, ``TADA_WARC_MANIFEST`` (replay
captures made elsewhere, listed by ``crawlers.warc_import``). ``apply_profile`` turns them
into Scrapy settings when the spider starts, so ``-s TADA_LIVE=1`` works from the command line
exactly as ``tada crawl --live`` does.
"""

from __future__ import annotations

from core import __version__
from crawlers.browser import chromium_path
from crawlers.records import FIELDS

BOT_NAME = "tada-audit"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

TADA_CONTACT_URL = "https://github.com/ta-da-audit/ta-da-audit"
TADA_LIVE = False
TADA_RENDER_JS = False
TADA_RETRY_AFTER_MAX = 120

# Politeness (live): robots.txt, two requests at a time per site, adaptive delays.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9",
    "Accept-Language": "en,zh-Hant;q=0.8",
}
HTTPCACHE_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawlers.middlewares.PoliteRobotsTxtMiddleware": 100,
    "crawlers.middlewares.ConditionalRequestMiddleware": 420,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.RetryAfterMiddleware": 550,
    "crawlers.middlewares.DocumentCheckMiddleware": 580,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawlers.middlewares.SizeLimitedCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawlers.middlewares.LoopAwareRedirectMiddleware": 600,
}
EXTENSIONS = {
    "scrapy.extensions.telnet.TelnetConsole": None,
    "crawlers.middlewares.ContentTypeGuard": 100,
    "crawlers.progress.Progress": 200,
}
ITEM_PIPELINES = {
    "crawlers.pipelines.warc.WarcPipeline": 100,
    "crawlers.pipelines.snapshots.SnapshotPipeline": 200,
    "crawlers.pipelines.versions.VersionPipeline": 300,
}
FEED_EXPORT_FIELDS = list(FIELDS)
FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"

_MIRROR_HANDLER = "crawlers.mirror.MirrorDownloadHandler"
_WARC_HANDLER = "crawlers.warc_replay.WarcDownloadHandler"
_PLAYWRIGHT_HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
# Headless Chromium as a crawler needs it: no sandbox as root, no calls home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def user_agent(contact_url: str) -> str:
    return f"TaDaAudit/{__version__} (+{contact_url}; policy pages only)"


def apply_profile(settings) -> None:
    """Derive Scrapy settings from the ``TADA_`` ones (explicit ``-s`` values still win)."""
    from core.paths import DataDir
    from crawlers.context import new_crawl_id  # the context module imports Scrapy pieces

    def put(name: str, value) -> None:
        settings.set(name, value, priority="spider")

    if not settings.get("TADA_CRAWL_ID"):
        put("TADA_CRAWL_ID", new_crawl_id())
    archive = DataDir.resolve(settings.get("TADA_DATA_DIR") or None).archive
    put("USER_AGENT", user_agent(settings.get("TADA_CONTACT_URL")))
    put("FEEDS", {str(archive / "items.jsonl"): {
        "format": "jsonlines", "overwrite": False, "encoding": "utf-8",
        "fields": list(FIELDS)}})
    if not settings.getbool("TADA_LIVE"):
        # Replay: no network, so no politeness delays; same middlewares and pipelines.
        put("DOWNLOAD_HANDLERS", {"http": _MIRROR_HANDLER, "https": _MIRROR_HANDLER})
        put("AUTOTHROTTLE_ENABLED", False)
        put("DOWNLOAD_DELAY", 0)
        put("CONCURRENT_REQUESTS_PER_DOMAIN", 16)
    if settings.get("TADA_WARC_MANIFEST"):
        # Captures made elsewhere: one at a time, oldest first, so versions follow in order;
        # the capture was made under its own tool's rules, so no robots.txt is asked for.
        put("DOWNLOAD_HANDLERS", {"http": _WARC_HANDLER, "https": _WARC_HANDLER})
        put("ROBOTSTXT_OBEY", False)
        put("CONCURRENT_REQUESTS", 1)
    if settings.getbool("TADA_RENDER_JS"):
        put("PLAYWRIGHT_BROWSER_TYPE", "chromium")
        put("PLAYWRIGHT_LAUNCH_OPTIONS", {"executable_path": chromium_path(settings),
                                          "headless": True, "args": CHROMIUM_ARGS})
        if settings.getbool("TADA_LIVE"):
            put("DOWNLOAD_HANDLERS", {"http": _PLAYWRIGHT_HANDLER,
                                      "https": _PLAYWRIGHT_HANDLER})

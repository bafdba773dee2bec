"""The live profile is polite; the offline profile replays the mirror through the same path."""

from __future__ import annotations

from scrapy.settings import Settings

from crawlers import settings as crawl_settings
from crawlers.settings import apply_profile


def _profile(tmp_path, **values) -> Settings:
    settings = Settings()
    settings.setmodule(crawl_settings, priority="project")
    settings.setdict({"TADA_DATA_DIR": str(tmp_path), **values}, priority="cmdline")
    apply_profile(settings)
    return settings


def test_live_profile_is_polite(tmp_path):
    s = _profile(tmp_path, TADA_LIVE=True, TADA_CONTACT_URL="https://ngo.example/about")
    assert s.getbool("ROBOTSTXT_OBEY") and s.getbool("AUTOTHROTTLE_ENABLED")
    assert s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2
    assert "https://ngo.example/about" in s["USER_AGENT"] and "TaDaAudit" in s["USER_AGENT"]
    assert "mirror" not in str(s.getdict("DOWNLOAD_HANDLERS"))
    assert s.getint("DOWNLOAD_MAXSIZE") > 0 and 429 in s.getlist("RETRY_HTTP_CODES")
    assert "image" not in s.getdict("DEFAULT_REQUEST_HEADERS")["Accept"]
    feed = s.getdict("FEEDS")
    assert list(feed) == [str(tmp_path / "archive" / "items.jsonl")]
    assert next(iter(feed.values()))["overwrite"] is False


def test_offline_profile_replays_the_mirror(tmp_path):
    s = _profile(tmp_path)
    handlers = s.getdict("DOWNLOAD_HANDLERS")
    assert handlers["https"] == handlers["http"] == "crawlers.mirror.MirrorDownloadHandler"
    assert s.getbool("ROBOTSTXT_OBEY")  # the mirror's robots.txt files are obeyed too
    assert s.get("TADA_CRAWL_ID")


def test_command_line_values_win(tmp_path):
    s = _profile(tmp_path, TADA_LIVE=True, CONCURRENT_REQUESTS_PER_DOMAIN=1,
                 USER_AGENT="custom")
    assert s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1 and s["USER_AGENT"] == "custom"

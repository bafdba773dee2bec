"""One crawl's shared context: where it writes, what it fetches, and what came before.

Created once per crawler (settings prefixed ``TADA_``) and shared by the spider, the
middlewares and the pipelines, so none of them reaches for globals.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from scrapy.crawler import Crawler

from core.declarations import DocumentVariant, iter_variants
from core.errors import TadaError
from core.i18n import t
from core.paths import MIRROR_DIR, PLATFORMS_DIR, DataDir
from core.registry import Platform, load_registry
from crawlers.state import ArchiveState
from crawlers.warc_import import Capture, read_manifest


class UnknownPlatform(TadaError):
    """``--platform`` named a slug with no declaration."""


@dataclass(frozen=True)
class Target:
    """One declared document variant of one platform: a single fetch."""

    platform: str
    variant: DocumentVariant

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.platform, self.variant.document_type, self.variant.lang)


def new_crawl_id(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def select_platforms(directory: Path, slugs: list[str] | None) -> dict[str, Platform]:
    """The registry, narrowed to ``slugs`` when given (unknown slugs are an error); every
    declaration is checked whole, its CSS selectors too, before anything is fetched."""
    registry = load_registry(directory, selectors=True)
    if not slugs:
        return registry
    unknown = [s for s in slugs if s not in registry]
    if unknown:
        raise UnknownPlatform(t("crawl.unknown_platform", None, slugs=", ".join(unknown),
                                known=", ".join(sorted(registry))))
    return {s: registry[s] for s in slugs}


@dataclass
class CrawlContext:
    data_dir: DataDir
    crawl_id: str
    live: bool
    render_js: bool
    mirror_dir: Path
    mirror_date: str | None
    targets: list[Target]
    state: ArchiveState = field(repr=False)
    # ``--from-warc``: each capture with the declared document it answers, oldest first
    replay: list[tuple[Target, Capture]] = field(default_factory=list)

    @property
    def archive(self) -> Path:
        return self.data_dir.archive

    @property
    def source(self) -> str:
        return "warc" if self.replay else ("live" if self.live else "mirror")

    @property
    def captures(self) -> list[Capture]:
        return [capture for _, capture in self.replay]

    @classmethod
    def of(cls, crawler: Crawler) -> CrawlContext:
        """The context of ``crawler``, built from its settings on first use."""
        ctx = getattr(crawler, "_tada_context", None)
        if ctx is None:
            ctx = cls.from_settings(crawler.settings)
            crawler._tada_context = ctx  # type: ignore[attr-defined]
        return ctx

    @classmethod
    def from_settings(cls, settings) -> CrawlContext:
        data_dir = DataDir.resolve(settings.get("TADA_DATA_DIR") or None)
        platforms_dir = Path(settings.get("TADA_PLATFORMS_DIR") or PLATFORMS_DIR)
        slugs = settings.getlist("TADA_PLATFORMS") or None
        registry = select_platforms(platforms_dir, slugs)
        targets = [Target(slug, v) for slug, p in registry.items()
                   for v in iter_variants(p.documents)]
        manifest = settings.get("TADA_WARC_MANIFEST")
        replay = [(target, capture) for capture in read_manifest(Path(manifest))
                  for target in targets if target.variant.url == capture.url] if manifest else []
        if manifest:
            targets = [target for target, _ in replay]
        return cls(
            data_dir=data_dir,
            crawl_id=settings.get("TADA_CRAWL_ID") or new_crawl_id(),
            live=settings.getbool("TADA_LIVE"),
            render_js=settings.getbool("TADA_RENDER_JS"),
            mirror_dir=Path(settings.get("TADA_MIRROR_DIR") or MIRROR_DIR),
            mirror_date=settings.get("TADA_MIRROR_DATE") or None,
            targets=targets,
            state=ArchiveState(data_dir.archive),
            replay=replay,
        )

"""``run_crawl``: the policy crawl as a plain function (``tada crawl`` and ``tada demo``).

Scrapy runs in a child process (``python -m scrapy crawl policies``): Twisted's reactor
cannot be restarted inside one process, and the demo and the tests crawl more than once.
Declarations and the mirror are checked here first, so their errors name file and key
before anything starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.declarations import iter_variants
from core.errors import TadaError
from core.i18n import t
from core.jsonl import read_jsonl
from core.paths import MIRROR_DIR, PLATFORMS_DIR, REPO_ROOT, DataDir
from core.registry import DeclarationError
from core.vocabulary import SUCCESS
from crawlers.browser import require_chromium
from crawlers.changes.update import update_after_crawl
from crawlers.context import new_crawl_id, select_platforms
from crawlers.mirror_index import load_index
from crawlers.state import ArchiveState
from crawlers.warc_import import WarcScan, scan

ProgressFn = Callable[[dict[str, Any]], None]


class InvalidDeclaration(TadaError):
    """A platform declaration failed validation (the message names the file and key)."""


class CrawlFailed(TadaError):
    """The crawl process stopped before finishing."""

    def __init__(self, message: str, tail: list[str]) -> None:
        super().__init__(message)
        self.tail = tail

    def details(self) -> list[str]:
        return self.tail


@dataclass
class CrawlSummary:
    crawl_id: str
    source: str
    expected: int
    records: list[dict[str, Any]] = field(default_factory=list)
    log_file: Path | None = None
    changes: list[dict[str, Any]] = field(default_factory=list)  # recorded by this crawl
    notes: list[str] = field(default_factory=list)  # what was skipped, and why

    @property
    def outcomes(self) -> Counter[str]:
        return Counter(r["outcome"] for r in self.records)

    @property
    def ok(self) -> int:
        return self.outcomes["ok"]

    @property
    def unchanged(self) -> int:
        return self.outcomes["unchanged"]

    @property
    def failed(self) -> Counter[str]:
        """Failed fetches by reason (outcome)."""
        return Counter({k: v for k, v in self.outcomes.items() if k not in SUCCESS})

    @property
    def new_versions(self) -> int:
        return sum(1 for r in self.records if r["outcome"] == "ok" and r.get("version_id"))


def run_crawl(data_dir: DataDir, platforms: list[str] | None = None, live: bool = False,
              render_js: bool = False, contact_url: str | None = None,
              mirror_date: str | None = None, *, mirror_dir: Path | None = None,
              platforms_dir: Path | None = None, settings: dict[str, Any] | None = None,
              progress: ProgressFn | None = None,
              from_warc: list[Path] | None = None) -> CrawlSummary:
    """Crawl the declared policy documents into ``data_dir.archive``; return the summary.

    Offline (the default) the mirror answers; ``live`` fetches the real pages; ``from_warc``
    replays the captures of declared URLs in WARC files made elsewhere, each at its own date.
    ``settings`` overrides Scrapy settings (the tests shorten timeouts with it).
    """
    platforms_dir = platforms_dir or PLATFORMS_DIR
    mirror_dir = mirror_dir or MIRROR_DIR
    try:
        registry = select_platforms(platforms_dir, platforms)
    except DeclarationError as exc:
        raise InvalidDeclaration(str(exc)) from exc
    if not live and not from_warc:
        load_index(mirror_dir)  # a malformed mirror fails here, naming its file and key
    chromium = None
    if render_js:  # stop before the crawl, naming what to install, never a browser traceback
        _require_playwright()
        chromium = require_chromium((settings or {}).get("TADA_CHROMIUM"))
    expected = sum(1 for p in registry.values() for _ in iter_variants(p.documents))
    crawl_id = new_crawl_id()
    archive = data_dir.ensure().archive
    log_file = archive / "logs" / f"{crawl_id}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    values: dict[str, Any] = {
        "TADA_DATA_DIR": str(data_dir.root), "TADA_CRAWL_ID": crawl_id,
        "TADA_PLATFORMS_DIR": str(platforms_dir), "TADA_MIRROR_DIR": str(mirror_dir),
        "TADA_PLATFORMS": ",".join(platforms or []), "TADA_LIVE": int(live),
        "TADA_RENDER_JS": int(render_js), "TADA_PROGRESS": 1, "LOG_FILE": str(log_file),
        "LOG_STDOUT": 0,
    }
    if contact_url:
        values["TADA_CONTACT_URL"] = contact_url
    if mirror_date:
        values["TADA_MIRROR_DATE"] = mirror_date
    if chromium:
        values["TADA_CHROMIUM"] = chromium
    notes: list[str] = []
    if from_warc:
        found = captures_to_replay(archive, registry, from_warc)
        notes, expected = found.notes, len(found.captures)
        values["TADA_WARC_MANIFEST"] = str(log_file.with_suffix(".warc-manifest.json"))
        found.write_manifest(Path(values["TADA_WARC_MANIFEST"]))
    values.update(settings or {})
    if expected:
        _run_scrapy(values, progress)
    records = [r for r in read_jsonl(archive / "items.jsonl") if r.get("crawl_id") == crawl_id]
    changes = update_after_crawl(data_dir, crawl_id, platforms_dir)  # feeds rewritten too
    source = "warc" if from_warc else ("live" if live else "mirror")
    return CrawlSummary(crawl_id, source, expected, records, log_file, changes, notes)


def captures_to_replay(archive: Path, registry: dict[str, Any], files: list[Path]) -> WarcScan:
    """The captures of declared URLs in ``files``, less those older than the document's
    current version (a version history only moves forward), each skip noted."""
    declared = {v.url: (slug, v.document_type, v.lang) for slug, p in registry.items()
                for v in iter_variants(p.documents)}
    found = scan(files, declared)
    state = ArchiveState(archive)
    kept = []
    for capture in found.captures:
        current = state.current_version(declared[capture.url])
        if current is not None and capture.captured_at <= current["fetched_at"]:
            found.notes.append(t("warc.older", None, url=capture.url, date=capture.captured_at,
                                 current=current["fetched_at"]))
        else:
            kept.append(capture)
    found.captures = kept
    return found


def _require_playwright() -> None:
    try:
        import scrapy_playwright  # noqa: F401
    except ImportError as exc:
        raise TadaError(t("crawl.no_playwright", None)) from exc


def _run_scrapy(values: dict[str, Any], progress: ProgressFn | None) -> None:
    command = [sys.executable, "-m", "scrapy", "crawl", "policies"]
    for key, value in values.items():
        command += ["-s", f"{key}={_setting(value)}"]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings",
           "PYTHONUNBUFFERED": "1"}
    # Standard error goes to a file: a full pipe would block the child while we read stdout.
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        proc = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=errors, text=True, encoding="utf-8")
        assert proc.stdout is not None
        for line in proc.stdout:
            if progress is not None and line.startswith("{"):
                try:
                    progress(json.loads(line))
                except json.JSONDecodeError:
                    continue
        code = proc.wait()
        errors.seek(0)
        stderr = errors.read()
    if code != 0:
        tail = [line for line in stderr.splitlines() if line.strip()][-15:]
        raise CrawlFailed(t("crawl.failed", None, code=proc.returncode,
                            log=values.get("LOG_FILE")), tail)


def _setting(value: Any) -> str:
    return json.dumps(value) if isinstance(value, (dict, list)) else str(value)

"""Alerts: a JSON summary of significant changes POSTed to a webhook, never lost.

Changes waiting for a webhook are kept in ``archive/changes/outbox.json`` (by URL) until the
webhook accepts them with a 2xx answer; a run that cannot deliver them (after retries with
exponential back-off) leaves them there for the next run.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from core import __version__
from core.changes import headline, read_changes
from core.errors import TadaError
from core.i18n import EN, ZH, t
from crawlers.atomic import write_text

OUTBOX = "changes/outbox.json"


@dataclass
class Delivery:
    url: str
    sent: int  # changes delivered by this run (0 when nothing was waiting)
    pending: int  # changes still waiting after this run
    attempts: int
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _outbox(archive: Path) -> dict[str, list[str]]:
    path = archive / OUTBOX
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise TadaError(t("notify.bad_outbox", None, path=path, reason=exc.msg)) from exc
    return {str(k): [str(i) for i in v] for k, v in data.items()} if isinstance(data, dict) \
        else {}


def _save_outbox(archive: Path, outbox: Mapping[str, list[str]]) -> None:
    kept = {url: ids for url, ids in outbox.items() if ids}
    write_text(archive / OUTBOX, json.dumps(kept, indent=2, sort_keys=True) + "\n")


def payload(changes: list[Mapping[str, Any]], names: Mapping[str, tuple[str, str]],
            base_url: str) -> dict[str, Any]:
    """The JSON summary: each change as recorded, with both languages' summary and links."""
    entries = []
    for change in changes:
        slug = change["platform"]
        en, zh = names.get(slug, (slug, slug))
        page = urljoin(base_url, f"platform/{slug}/version/{change['version_id']}")
        entries.append({**change, "platform_name": {"en": en, "zh-Hant-HK": zh},
                        "summary": {"en": headline(change, en, EN),
                                    "zh-Hant-HK": headline(change, zh, ZH)},
                        "links": {"version": page,
                                  "diff": page + "/diff" if change.get("diff_path") else None}})
    return {"source": "Ta-DA audit", "toolkit_version": __version__,
            "sent_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "count": len(entries), "changes": entries}


def post_json(url: str, body: Mapping[str, Any], *, attempts: int = 4, backoff: float = 2.0,
              timeout: float = 10.0,
              sleep: Callable[[float], None] = time.sleep) -> tuple[int, str | None]:
    """POST ``body``; retry failures after backoff, 2×backoff, … seconds.
    Returns (attempts made, last error or None)."""
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    error: str | None = None
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(url, data=data, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": f"TaDaAudit/{__version__} (policy-change watch)"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
            return attempt, None
        except urllib.error.HTTPError as exc:
            error = f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError) as exc:
            error = str(getattr(exc, "reason", exc))
        if attempt < attempts:
            sleep(backoff * 2 ** (attempt - 1))
    return attempts, error


def notify(archive: Path, url: str, new_ids: list[str], names: Mapping[str, tuple[str, str]],
           base_url: str, **post: Any) -> Delivery:
    """Queue ``new_ids`` for ``url``, then try to deliver everything queued for it."""
    outbox = _outbox(archive)
    waiting = list(dict.fromkeys([*outbox.get(url, []), *new_ids]))
    if not waiting:
        return Delivery(url, 0, 0, 0)
    outbox[url] = waiting
    _save_outbox(archive, outbox)  # queued before sending: a crash loses nothing
    by_id = {c["change_id"]: c for c in read_changes(archive)}
    changes = [by_id[i] for i in waiting if i in by_id]
    attempts, error = post_json(url, payload(changes, names, base_url), **post)
    if error is not None:
        return Delivery(url, 0, len(waiting), attempts, error)
    outbox[url] = []
    _save_outbox(archive, outbox)
    return Delivery(url, len(waiting), 0, attempts)

"""The offline mirror's index: every recording of every declared URL in ``datasets/mirror/``.

``index.json`` maps each URL to its recordings, each with the date it was recorded, the HTTP
status, the response headers and the body file. Read by the replay (``crawlers.mirror``) and by
the offline renderer (``crawlers.render``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from core.errors import TadaError
from core.i18n import t

# Request meta key: the date the mirror's answering page was recorded (its capture date).
RECORDED_META = "tada_recorded"


class MirrorError(TadaError):
    """The mirror's index is malformed; names the file and the key."""


@dataclass(frozen=True)
class Recording:
    url: str
    recorded: str  # ISO date
    status: int
    headers: dict[str, str]
    body: str | None  # path relative to the mirror directory


def _check_date(value: Any, where: str, path: Path) -> str:
    try:
        dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise MirrorError(t("crawl.mirror.bad_date", None, path=path, key=where,
                            value=value)) from exc
    return str(value)


@cache
def load_index(mirror_dir: Path) -> dict[str, list[Recording]]:
    """Every recording in the mirror, by URL (without fragment), oldest first."""
    path = mirror_dir / "index.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise MirrorError(t("crawl.mirror.missing", None, path=path)) from exc
    except json.JSONDecodeError as exc:
        raise MirrorError(t("crawl.mirror.bad_json", None, path=path, reason=exc)) from exc
    recordings = data.get("recordings") if isinstance(data, dict) else None
    if not isinstance(recordings, dict):
        raise MirrorError(t("crawl.mirror.bad_key", None, path=path, key="recordings"))
    index: dict[str, list[Recording]] = {}
    for url, entries in recordings.items():
        if not isinstance(entries, list) or not entries:
            raise MirrorError(t("crawl.mirror.bad_key", None, path=path, key=url))
        parsed = []
        for i, entry in enumerate(entries):
            where = f"{url}[{i}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("status"), int):
                raise MirrorError(t("crawl.mirror.bad_key", None, path=path, key=where))
            body = entry.get("body")
            if body is not None and not (mirror_dir / body).is_file():
                raise MirrorError(t("crawl.mirror.no_body", None, path=path, key=where,
                                    body=body))
            parsed.append(Recording(url, _check_date(entry.get("recorded"), where, path),
                                    entry["status"], dict(entry.get("headers") or {}), body))
        index[urldefrag(url)[0]] = sorted(parsed, key=lambda r: r.recorded)
    return index


def pick(recordings: list[Recording], as_of: str | None) -> Recording | None:
    """The recording current on ``as_of`` (the latest when no date is given)."""
    if as_of is None:
        return recordings[-1]
    earlier = [r for r in recordings if r.recorded <= as_of]
    return earlier[-1] if earlier else None

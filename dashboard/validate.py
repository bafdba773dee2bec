"""Validation of everything that arrives in a URL: path parts and query parameters.

Nothing from the URL reaches SQL or the page unless it has passed one of these checks; a
parameter that fails is ignored and the page says so (a notice), never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from core.i18n import EN, ZH, UnknownLanguage, normalise_lang

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_]{0,63}$")
VERSION_RE = re.compile(r"^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6,64}$")
PERIOD_RE = re.compile(r"^(19|20)[0-9]{2}-Q[1-4]$")
MAX_SEARCH = 1000  # longer query strings are not ours; ignore them whole
URL_LANG = {EN: "en", ZH: "zh-Hant"}  # how each language is spelt in a link


@dataclass(frozen=True)
class Notice:
    """A message id (``dash.notice.*``) and its fields, shown when input was ignored."""

    key: str
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Query:
    """The query string, parsed: the language and the raw page parameters."""

    lang: str
    raw: dict[str, str]
    notices: list[Notice] = field(default_factory=list)

    def choice(self, name: str, allowed: Iterable[str], default: str | None = None) -> str | None:
        """The parameter if it is one of ``allowed``; otherwise ``default`` and a notice."""
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        if value in set(allowed):
            return value
        self.notices.append(Notice("dash.notice.ignored", {"name": name, "value": value[:40]}))
        return default


def parse_search(search: str | None) -> dict[str, str]:
    """Query parameters (first value of each), or nothing when the string is implausible."""
    if not search or len(search) > MAX_SEARCH:
        return {}
    return dict(reversed(parse_qsl(search.lstrip("?"), keep_blank_values=False)))


def parse_lang(value: str | None) -> tuple[str, Notice | None]:
    """The language a link asks for; anything unknown falls back to English."""
    if not value:
        return EN, None
    try:
        return normalise_lang(value), None
    except UnknownLanguage:
        return EN, Notice("dash.notice.lang", {"value": value[:40]})


def parse_query(search: str | None) -> Query:
    raw = parse_search(search)
    lang, notice = parse_lang(raw.pop("lang", None))
    return Query(lang, raw, [notice] if notice else [])


def valid_slug(value: str | None) -> bool:
    return bool(value) and SLUG_RE.match(value) is not None


def valid_version_id(value: str | None) -> bool:
    return bool(value) and VERSION_RE.match(value) is not None


def valid_period(value: str | None) -> bool:
    return bool(value) and PERIOD_RE.match(value) is not None


def search_string(lang: str, **params: str | None) -> str:
    """``?lang=..&k=v`` with empty values dropped and English left implicit."""
    pairs = [(k, v) for k, v in params.items() if v not in (None, "")]
    if lang != EN:
        pairs.insert(0, ("lang", URL_LANG[lang]))
    return "?" + urlencode(pairs) if pairs else ""


def href(path: str, lang: str, **params: str | None) -> str:
    return path + search_string(lang, **params)

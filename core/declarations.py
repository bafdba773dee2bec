"""The ``documents`` part of a platform declaration: which policy pages the crawler fetches.

```yaml
documents:
  ncii_policy:
  - url: https://example.org/policies/intimate-media
    lang: en                # en or zh-Hant
    keep: [main]            # CSS selectors of the policy text (optional)
    remove: [.share-bar]    # CSS selectors dropped before extraction (optional)
    needs_js: false         # the page is built by JavaScript (optional)
    content_type: text/html # what the declared document is served as (optional)
  reporting_email: [abuse@example.org]   # mail-only reporting channels (optional)
```

A mistake raises ``DeclarationError`` naming the file and the key path. The ``keep`` and
``remove`` selectors are parsed as CSS only when asked (``selectors=True``): the crawler, the
one stage that uses them, asks; the other commands skip soupsieve and its start-up cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from core.i18n import t
from core.vocabulary import DOCUMENT_TYPES

LANGS: tuple[str, ...] = ("en", "zh-Hant")
CONTENT_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml", "application/pdf")
REPORTING_EMAIL = "reporting_email"
_VARIANT_KEYS = frozenset({"url", "lang", "keep", "remove", "needs_js", "content_type"})
_EMAIL = re.compile(r"^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


class DeclarationError(ValueError):
    """A platform declaration that does not validate; names the file and the key."""

    def __init__(self, path: Path, key: str, message: str) -> None:
        self.path, self.key, self.message = path, key, message
        super().__init__(f"{path}: {key}: {message}")


@dataclass(frozen=True)
class DocumentVariant:
    """One language variant of one declared document."""

    document_type: str
    url: str
    lang: str
    keep: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    needs_js: bool = False
    content_type: str = "text/html"


def validate_documents(path: Path, documents: Any, *, selectors: bool = True) -> dict[str, Any]:
    """Check a declaration's ``documents`` mapping; return it normalised.

    The result maps each document type to a tuple of ``DocumentVariant`` and, when present,
    ``reporting_email`` to a tuple of addresses. With ``selectors=False`` the ``keep`` and
    ``remove`` entries must still be lists of non-empty strings, but are not parsed as CSS.
    """
    def fail(key: str, message_id: str, **fields: object) -> DeclarationError:
        return DeclarationError(path, key, t(message_id, None, **fields))

    if documents is None:
        return {}
    if not isinstance(documents, dict):
        raise fail("documents", "registry.documents")
    result: dict[str, Any] = {}
    for doc_type, variants in documents.items():
        key = f"documents.{doc_type}"
        if doc_type == REPORTING_EMAIL:
            result[REPORTING_EMAIL] = _emails(variants, key, fail)
            continue
        if doc_type not in DOCUMENT_TYPES:
            raise fail(key, "crawl.decl.unknown_type", allowed=", ".join(DOCUMENT_TYPES))
        if not isinstance(variants, list) or not variants:
            raise fail(key, "crawl.decl.variants_list")
        parsed = tuple(_variant(doc_type, v, f"{key}[{i}]", fail, selectors)
                       for i, v in enumerate(variants))
        langs = [v.lang for v in parsed]
        for lang in set(langs):
            if langs.count(lang) > 1:
                raise fail(key, "crawl.decl.duplicate_lang", lang=lang)
        result[doc_type] = parsed
    return result


def iter_variants(documents: dict[str, Any]) -> Iterator[DocumentVariant]:
    """Every declared variant, in document-type order."""
    for doc_type in DOCUMENT_TYPES:
        yield from documents.get(doc_type, ())


def _variant(doc_type: str, raw: Any, key: str, fail, selectors: bool) -> DocumentVariant:
    if not isinstance(raw, dict):
        raise fail(key, "crawl.decl.variant_mapping")
    unknown = sorted(set(raw) - _VARIANT_KEYS)
    if unknown:
        raise fail(f"{key}.{unknown[0]}", "crawl.decl.unknown_key",
                   allowed=", ".join(sorted(_VARIANT_KEYS)))
    url = raw.get("url")
    if not isinstance(url, str) or not url.strip():
        raise fail(f"{key}.url", "crawl.decl.required")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(f"{key}.url", "crawl.decl.bad_url", url=url)
    lang = raw.get("lang")
    if lang not in LANGS:
        raise fail(f"{key}.lang", "crawl.decl.bad_lang", value=lang, allowed=", ".join(LANGS))
    needs_js = raw.get("needs_js", False)
    if not isinstance(needs_js, bool):
        raise fail(f"{key}.needs_js", "crawl.decl.bad_bool", value=needs_js)
    content_type = raw.get("content_type", "text/html")
    if content_type not in CONTENT_TYPES:
        raise fail(f"{key}.content_type", "crawl.decl.bad_content_type", value=content_type,
                   allowed=", ".join(CONTENT_TYPES))
    return DocumentVariant(
        document_type=doc_type,
        url=url.strip(),
        lang=lang,
        keep=_selectors(raw.get("keep"), f"{key}.keep", fail, selectors),
        remove=_selectors(raw.get("remove"), f"{key}.remove", fail, selectors),
        needs_js=needs_js,
        content_type=content_type,
    )


def _selectors(value: Any, key: str, fail, check: bool) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise fail(key, "crawl.decl.selector_list")
    if check:
        _parse_css(value, key, fail)
    return tuple(s.strip() for s in value)


def _parse_css(selectors: list[str], key: str, fail) -> None:
    # Imported here, not at the top: soupsieve's import and compiling every declared selector
    # take about 0.4 s, which only the crawl needs to spend.
    from soupsieve import SelectorSyntaxError
    from soupsieve import compile as compile_selector

    for selector in selectors:
        try:
            compile_selector(selector)
        except SelectorSyntaxError as exc:
            raise fail(key, "crawl.decl.bad_selector", selector=selector,
                       reason=str(exc).splitlines()[0]) from exc


def _emails(value: Any, key: str, fail) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise fail(key, "crawl.decl.email_list")
    for address in value:
        if not isinstance(address, str) or not _EMAIL.match(address):
            raise fail(key, "crawl.decl.bad_email", value=address)
    return tuple(value)

"""The platform registry: one YAML declaration per platform in ``datasets/platforms/``.

A declaration names the platform (English, and Chinese where it has one), its aliases, the
domains it serves content from, its category, and (for the crawler) its policy documents.
Validation errors name the file and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core import safe_yaml
from core.declarations import DeclarationError, validate_documents
from core.i18n import t

CATEGORIES: tuple[str, ...] = (
    "pornographic_site",
    "social_media",
    "search_engine",
    "image_hosting",
    "content_farm",
)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


@dataclass(frozen=True)
class Platform:
    slug: str
    name_en: str
    name_zh: str | None
    category: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    # The platform's names in the EU DSA Transparency Database (its platform_name values).
    dsa_names: tuple[str, ...] = ()
    documents: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    source: Path | None = field(default=None, compare=False, hash=False)

    def name(self, lang: str = "en") -> str:
        return self.name_zh if lang.startswith("zh") and self.name_zh else self.name_en


def _require(data: dict[str, Any], key: str, path: Path) -> Any:
    if key not in data or data[key] in (None, ""):
        raise DeclarationError(path, key, t("registry.required"))
    return data[key]


def _string_list(data: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DeclarationError(path, key, t("registry.string_list"))
    return tuple(v.strip() for v in value)


def parse_declaration(path: Path, data: Any, *, selectors: bool = True) -> Platform:
    """Validate one declaration: its identity fields and its documents (CSS selectors parsed
    only with ``selectors=True``, see ``core.declarations``)."""
    if not isinstance(data, dict):
        raise DeclarationError(path, "(top level)", t("registry.mapping"))
    slug = path.stem
    if not _SLUG.match(slug):
        raise DeclarationError(path, "(file name)", t("registry.slug"))
    if data.get("slug", slug) != slug:
        raise DeclarationError(path, "slug", t("registry.slug_mismatch", None, slug=data["slug"]))
    name = _require(data, "name", path)
    if not isinstance(name, dict) or not isinstance(name.get("en"), str):
        raise DeclarationError(path, "name", t("registry.name"))
    category = _require(data, "category", path)
    if category not in CATEGORIES:
        allowed = ", ".join(CATEGORIES)
        raise DeclarationError(path, "category",
                               t("registry.category", None, value=category, allowed=allowed))
    domains = tuple(d.lower() for d in _string_list(data, "domains", path))
    if not domains:
        raise DeclarationError(path, "domains", t("registry.no_domain"))
    for domain in domains:
        if not _DOMAIN.match(domain):
            raise DeclarationError(path, "domains", t("registry.bad_domain", None, value=domain))
    documents = validate_documents(path, data.get("documents"), selectors=selectors)
    return Platform(
        slug=slug,
        name_en=name["en"],
        name_zh=name.get("zh-Hant"),
        category=category,
        aliases=_string_list(data, "aliases", path),
        domains=domains,
        dsa_names=_string_list(data, "dsa_names", path),
        documents=documents,
        source=path,
    )


def load_platform(path: Path, *, selectors: bool = True) -> Platform:
    """The declaration in ``path``, wholly validated unless ``selectors=False``."""
    try:
        data = safe_yaml.load(path.read_text(encoding="utf-8"))
    except safe_yaml.YAMLError as exc:
        raise DeclarationError(path, "(yaml)", str(exc).replace("\n", " ")) from exc
    return parse_declaration(path, data, selectors=selectors)


def load_registry(directory: Path, *, selectors: bool = False) -> dict[str, Platform]:
    """Every declaration in ``directory``, by slug; domains and DSA names must not be claimed
    twice.

    The documents' CSS selectors are parsed only with ``selectors=True``: the crawler asks for
    it, so a bad selector stops a crawl before any fetch. The other stages read names, domains,
    categories and DSA names, and skip the fraction of a second that parsing costs."""
    platforms: dict[str, Platform] = {}
    owner: dict[str, str] = {}
    dsa_owner: dict[str, str] = {}  # a TDB platform name maps to one slug
    for path in sorted(directory.glob("*.yaml")):
        platform = load_platform(path, selectors=selectors)
        for domain in platform.domains:
            if domain in owner:
                message = t("registry.domain_twice", None, domain=domain, other=owner[domain])
                raise DeclarationError(path, "domains", message)
            owner[domain] = platform.slug
        for dsa_name in platform.dsa_names:
            other = dsa_owner.setdefault(dsa_name, platform.slug)
            if other != platform.slug:
                message = t("registry.dsa_name_twice", None, name=dsa_name, other=other)
                raise DeclarationError(path, "dsa_names", message)
        platforms[platform.slug] = platform
    return platforms


class Resolver:
    """Finds the platform of a case-log row by name/alias, or by the content URL's host."""

    def __init__(self, platforms: dict[str, Platform]) -> None:
        self._by_name: dict[str, str] = {}
        self._by_domain: dict[str, str] = {}
        for p in platforms.values():
            for label in (p.slug, p.name_en, p.name_zh, *p.aliases):
                if label:
                    self._by_name[_fold(label)] = p.slug
            for domain in p.domains:
                self._by_domain[domain] = p.slug

    def by_name(self, label: str) -> str | None:
        return self._by_name.get(_fold(label)) if label else None

    def by_host(self, host: str) -> str | None:
        """The platform serving ``host`` or any parent domain of it (subdomains included)."""
        parts = host.lower().rstrip(".").split(".")
        for i in range(len(parts) - 1):
            slug = self._by_domain.get(".".join(parts[i:]))
            if slug:
                return slug
        return None


def _fold(label: str) -> str:
    return re.sub(r"[\s_\-/.]+", "", label.casefold())

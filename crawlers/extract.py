"""From a fetched page to readable policy text: charset decoding and Markdown extraction.

A new policy *version* is created only when the extracted text changes, so extraction must be
deterministic and must drop everything that changes for reasons unrelated to the policy
(navigation, cookie banners, scripts, tracking attributes, whitespace).
"""

from __future__ import annotations

import re
import time
import unicodedata

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag
from markdownify import MarkdownConverter
from w3lib.encoding import html_body_declared_encoding, read_bom, resolve_encoding

from core.errors import TadaError
from core.i18n import t


class ExtractionError(TadaError):
    """A page whose text cannot be decoded or whose declared selectors match nothing."""


class TooComplex(ExtractionError):
    """A page too large, too deeply nested or too slow to extract within the limits below: the
    crawl records it as ``too_complex`` and goes on. Real policy pages are far inside them
    (the longest terms of service run to a few hundred kilobytes, nested a few dozen deep)."""


# Limits that keep one hostile page from stalling a crawl or overflowing the converter's
# recursion: characters of HTML, characters of readable text (the analyser reads about
# 70,000 a second), element nesting depth, seconds per document.
MAX_HTML_CHARS = 3_000_000
MAX_TEXT_CHARS = 600_000
MAX_DEPTH = 256
SECONDS_PER_DOCUMENT = 20.0


def check_text_size(text: str) -> str:
    """``text`` if it is short enough to analyse; a real policy is well under the limit."""
    if len(text) > MAX_TEXT_CHARS:
        raise TooComplex(t("crawl.extract.too_much_text", None, size=len(text),
                           limit=MAX_TEXT_CHARS))
    return text


class Deadline:
    """A time budget for one document, checked between steps of the extraction."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = SECONDS_PER_DOCUMENT if seconds is None else seconds
        self.end = time.monotonic() + self.seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise TooComplex(t("crawl.extract.too_slow", None, seconds=self.seconds))


# ---------------------------------------------------------------- decoding

# Pages with no declared charset in Hong Kong and Taiwan are usually Big5 (with the HKSCS or
# Microsoft cp950 extensions); mainland pages GBK. Both decode many of the same byte strings, so
# the winner is the reading with more of the most frequent Chinese characters.
_LEGACY_CJK = ("big5hkscs", "cp950", "gb18030")
_COMMON_HAN = set(
    "的一是不了在人有我他這个們中來上大為和國地到以說時要就出會也你對生能而子那得於著下自之"
    "年過發後作里用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣"
    "理心她本前開但因只從想實日軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將"
    "兩高間由問很最重並物手應戰向頭文體政美相見被利什二等產或新己制身果加西斯月話合回特代內信"
    "表化老給世位次度門任常先海通教兒原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活爾"
    "更别打女變四神總何電數安少報才結反受目太量再感建務做接必場件計管期市直德資命山金指克許統"
    "請您隱私影像內容帳戶服務條款政策網站用戶資料個人這们为说时会于与对发过们来个国这么里样还"
)


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _han_score(text: str) -> float:
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return sum(1 for ch in text if ch in _COMMON_HAN) / han if han else 0.0


def _guess_legacy(body: bytes) -> str | None:
    readings = [(codec, text) for codec in _LEGACY_CJK if (text := _strict(body, codec))]
    if not readings:
        return None
    # max() keeps the first of equal scores, so Big5 wins ties (the home context).
    return max(readings, key=lambda r: _han_score(r[1]))[1]


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text[:4096] if ch < " " and ch not in "\t\n\r\f")
    return controls > 0


def decode_html(body: bytes, declared_encoding: str | None, *, strict: bool = False) -> str:
    """The page's text: BOM, then the HTTP charset, then ``<meta charset>`` (read with w3lib,
    as Scrapy does), then a guess.

    The guess tries UTF-8 strictly, then legacy Chinese encodings (Big5-HKSCS, cp950, GB18030),
    then Windows-1252. With ``strict`` a body no encoding reads cleanly (or a binary file)
    raises :class:`ExtractionError`; otherwise it is read as UTF-8 with replacement characters.
    """
    bom_codec, bom = read_bom(body)
    if bom_codec:
        return body[len(bom):].decode(bom_codec, errors="replace")
    # w3lib maps labels to the codec a browser applies (WHATWG: big5 -> big5hkscs, ...).
    for label in (declared_encoding, html_body_declared_encoding(body[:8192])):
        codec = resolve_encoding(label) if label else None
        if codec and (text := _strict(body, codec)) is not None:
            return text
        if codec in ("big5hkscs", "cp950") and (text := _guess_legacy(body)):
            return text  # a page labelled Big5 often uses the other Big5 extension
    text = _strict(body, "utf-8")
    if text is None:
        text = _guess_legacy(body)
    if text is None:
        text = _strict(body, "cp1252")
    if text is not None and not _looks_binary(text):
        return text
    if strict:
        raise ExtractionError(t("analyser.decode.unreadable", None))
    return body.decode("utf-8", errors="replace")


# ---------------------------------------------------------------- boilerplate

_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "link", "meta", "head", "nav", "button", "img", "picture", "video", "audio", "source",
    "map", "dialog", "input", "textarea",
)
_DROP_ROLES = {
    "navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog", "alertdialog",
    "toolbar", "tablist", "complementary",
}
# Substrings of class/id that mark consent managers whatever their naming scheme.
_DROP_SUBSTRINGS = ("cookie", "consent", "onetrust", "gdpr", "ccpa", "cmp-")
# Whole class/id tokens (split on - _ and spaces) that mark site chrome.
_DROP_TOKENS = {
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "skip", "skiplink",
    "sidebar", "share", "sharing", "social", "newsletter", "footer", "masthead", "topbar",
    "toolbar", "modal", "popup", "overlay", "advert", "ads", "banner", "langswitcher",
    "subscribe", "toc", "feedback",
}
_PROTECTED = {"html", "body", "main", "article"}
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _content_holders(soup: BeautifulSoup) -> set[int]:
    """Ids of the tags that hold a ``main``, ``article`` or ``h1``: one walk up from each of
    those, stopping where an earlier walk already went, so linear in the page's size."""
    holders: set[int] = set()
    for found in soup.find_all(["main", "article", "h1"]):
        for parent in found.parents:
            if id(parent) in holders:
                break
            holders.add(id(parent))
    return holders


def _is_chrome(tag: Tag, holders: set[int]) -> bool:
    """Site chrome by role, hidden state or class/id naming (never the content's container)."""
    attrs = tag.attrs or {}
    if attrs.get("role", "").strip().lower() in _DROP_ROLES:
        return True
    if str(attrs.get("aria-hidden", "")).lower() == "true" or "hidden" in attrs:
        return True
    if _HIDDEN_STYLE.search(attrs.get("style", "") or ""):
        return True
    if tag.name in _PROTECTED or id(tag) in holders:
        return False
    classes = attrs.get("class") or []
    names = " ".join([*classes, attrs.get("id", "") or ""]).lower()
    if any(s in names for s in _DROP_SUBSTRINGS):
        return True
    return any(tok in _DROP_TOKENS for tok in _TOKEN_SPLIT.split(names))


def _inside_content(tag: Tag) -> bool:
    return tag.find_parent(["main", "article", "section"]) is not None


def _strip_boilerplate(soup: BeautifulSoup, deadline: Deadline) -> None:
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    # A page's header and footer are chrome; an article's own <header> holds its title.
    for tag in soup.find_all(["header", "footer"]):
        if not _inside_content(tag):
            tag.decompose()
    deadline.check()
    holders = _content_holders(soup)
    for tag in list(soup.find_all(True)):
        if tag.decomposed:
            continue
        if _is_chrome(tag, holders):
            tag.decompose()
    deadline.check()
    for select in soup.find_all("select"):
        # A select's options are content on a reporting form ("intimate images" as a reason).
        items = [o.get_text(" ", strip=True) for o in select.find_all("option")]
        ul = soup.new_tag("ul")
        for item in filter(None, items):
            li = soup.new_tag("li")
            li.string = item
            ul.append(li)
        select.replace_with(ul)


_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def _collapse_whitespace(soup: BeautifulSoup) -> None:
    """HTML renders any run of spaces and line breaks as one space (except in <pre>), so a
    re-wrapped page must give the same text.

    Each parent with a string to change is rebuilt once: replacing strings one by one costs a
    scan of the siblings each time, quadratic on a page of many paragraphs."""
    kept = {id(s) for tag in soup.find_all(["pre", "textarea"])
            for s in tag.find_all(string=True)}

    def collapsed(node: PageElement) -> PageElement:
        if not isinstance(node, NavigableString) or id(node) in kept:
            return node
        text = _HTML_SPACE.sub(" ", str(node))
        return node if text == node else NavigableString(text)

    parents = {id(n.parent): n.parent for n in soup.find_all(string=True)
               if n.parent is not None and collapsed(n) is not n}
    for parent in parents.values():
        children = [collapsed(child) for child in parent.contents]
        parent.clear()
        parent.extend(children)


def _content_root(soup: BeautifulSoup) -> Tag:
    body = soup.body or soup
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    total = len(body.get_text(strip=True))
    if main is not None and total and len(main.get_text(strip=True)) >= 0.3 * total:
        return main
    return body


# ---------------------------------------------------------------- Markdown

class _Converter(MarkdownConverter):
    def convert_a(self, el, text, parent_tags):  # type: ignore[override]
        href = (el.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "data:")):
            return text
        return super().convert_a(el, text, parent_tags)


_MD_OPTIONS = {
    "heading_style": "ATX", "bullets": "-", "strip": ["img"], "escape_asterisks": False,
    "escape_underscores": False, "autolinks": False, "table_infer_header": True,
}
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise_text(text: str) -> str:
    """NFC, no zero-width characters, single spaces, no trailing blanks, at most one blank line."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        # Keep leading indentation of nested list items, but collapse a line of blanks.
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n" if out else ""


def _check_depth(soup: BeautifulSoup) -> None:
    """Refuse a page nested deeper than ``MAX_DEPTH`` (one pass, parents before children)."""
    depth: dict[int, int] = {}
    for tag in soup.find_all(True):
        level = depth.get(id(tag.parent), 0) + 1
        if level > MAX_DEPTH:
            raise TooComplex(t("crawl.extract.too_deep", None, limit=MAX_DEPTH))
        depth[id(tag)] = level


def html_to_markdown(html: str, keep: list[str] | None = None,
                     remove: list[str] | None = None,
                     deadline: Deadline | None = None) -> str:
    """The readable text of a policy page as Markdown, without site chrome.

    ``remove`` selectors are dropped first; then, when ``keep`` selectors are declared, only
    the elements they match (in document order) are kept, and matching nothing is an error
    rather than an empty version. Without ``keep`` the page's ``<main>`` (or body) is used.
    """
    if len(html) > MAX_HTML_CHARS:
        raise TooComplex(t("crawl.extract.too_large", None, size=len(html),
                           limit=MAX_HTML_CHARS))
    deadline = deadline or Deadline()
    soup = BeautifulSoup(html, "lxml")
    _check_depth(soup)
    deadline.check()
    for selector in remove or []:
        for tag in _select(soup, selector):
            tag.decompose()
    if keep:
        kept = [tag for selector in keep for tag in _select(soup, selector)]
        if not kept:
            raise ExtractionError(t("analyser.extract.no_match", None, selectors=", ".join(keep)))
        order = {id(tag): i for i, tag in enumerate(soup.find_all(True))}
        roots = _outermost(sorted({id(x): x for x in kept}.values(), key=lambda x: order[id(x)]))
        container = BeautifulSoup("<html><body></body></html>", "lxml")
        for tag in roots:
            container.body.append(tag.extract())
        soup = container
    _strip_boilerplate(soup, deadline)
    _collapse_whitespace(soup)
    root = _content_root(soup)
    deadline.check()
    markdown = _Converter(**_MD_OPTIONS).convert_soup(root)
    deadline.check()
    return normalise_text(markdown)


def _select(soup: BeautifulSoup, selector: str) -> list[Tag]:
    try:
        return soup.select(selector)
    except Exception as exc:  # soupsieve raises its own SelectorSyntaxError
        raise ExtractionError(t("analyser.extract.bad_selector", None, selector=selector,
                                reason=str(exc).splitlines()[0])) from exc


def _outermost(tags: list[Tag]) -> list[Tag]:
    """Drop tags nested in another kept tag so no text is kept twice."""
    ids = {id(tag) for tag in tags}
    return [tag for tag in tags if not any(id(p) in ids for p in tag.parents)]

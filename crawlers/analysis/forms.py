"""The reporting-form audit: can a victim (or an NGO) actually report on this page?

``audit_form(html, url, lang)`` reads one ``reporting_form`` page (after redirects: ``url`` is
where the request ended) and returns the object stored as ``features.json`` (see
docs/contracts.md): whether a form is there, which fields it asks for, whether it needs an
account or a CAPTCHA, whether it offers an NCII-specific option, its languages, and whether
the page only works with JavaScript; with evidence quotes for each finding.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from crawlers.analysis.analyser import document_lang, html_languages
from crawlers.analysis.lang import detect_languages, merge, normalise_tag
from crawlers.analysis.rules import FORMS_FILE, vocabulary

# A page with less readable text than this and no form is an application shell.
SHELL_TEXT_CHARS = 200
_APP_ROOTS = ("root", "app", "__next", "__nuxt", "main-app", "react-root", "svelte", "application")
_HIDDEN_TYPES = {"hidden", "submit", "button", "reset", "image"}
_MAX_QUOTE = 200


def _words() -> dict:
    return vocabulary(FORMS_FILE)


def _analyser_words() -> dict:
    return vocabulary()


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_QUOTE else text[:_MAX_QUOTE].rsplit(" ", 1)[0]


def _form_title(form: Tag) -> str:
    """How a person recognises the form: its own name or the heading above it, with where it
    posts to, so the quote reads as text and can still be found in the page."""
    heading = (form.find(["h1", "h2", "h3"]) or form.find_previous(["h1", "h2", "h3"])
               or form.find("legend"))
    title = form.get("aria-label") or (heading.get_text(" ", strip=True) if heading else "")
    target = form.get("action") or form.get("id") or ""
    if title and target:
        return f"{title} ({target})"
    return title or target or form.get_text(" ", strip=True)[:80] or "<form>"


def _names(control: Tag, soup: BeautifulSoup) -> list[str]:
    """What names a control, as a person reads it first: label, aria text, placeholder,
    title, then the name and id attributes."""
    parts: list[str] = []
    if control.get("id"):
        parts += [lab.get_text(" ", strip=True)
                  for lab in soup.find_all("label", attrs={"for": control["id"]})]
    wrapping = control.find_parent("label")
    if wrapping is not None:
        parts.append(wrapping.get_text(" ", strip=True))
    for ref in (control.get("aria-labelledby") or "").split():
        target = soup.find(id=ref)
        if target is not None:
            parts.append(target.get_text(" ", strip=True))
    parts += [control.get(a, "") for a in ("aria-label", "placeholder", "title", "name", "id")]
    return [p for p in parts if isinstance(p, str) and p.strip()]


def _describe(control: Tag, soup: BeautifulSoup) -> str:
    return " ".join(_names(control, soup))


def _controls(form: Tag) -> list[Tag]:
    return [c for c in form.find_all(["input", "textarea", "select"])
            if (c.get("type") or "text").lower() not in _HIDDEN_TYPES]


def _is_search(form: Tag, soup: BeautifulSoup) -> bool:
    if form.get("role") == "search" or form.find_parent(attrs={"role": "search"}):
        return True
    controls = _controls(form)
    if any((c.get("type") or "").lower() == "search" for c in controls):
        return True
    names = " ".join([form.get("action", "") or "", *[_describe(c, soup) for c in controls]])
    return len(controls) <= 1 and _words()["search_form"](names)


def _is_login(form: Tag) -> bool:
    return form.find("input", attrs={"type": "password"}) is not None


def _visible_text(soup: BeautifulSoup) -> str:
    copy = BeautifulSoup(str(soup), "lxml")
    for tag in copy.find_all(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    return " ".join(copy.get_text(" ", strip=True).split())


class _Audit:
    def __init__(self, html: str, url: str, lang: str | None) -> None:
        self.html, self.url, self.lang = html, url, document_lang(lang)
        self.soup = BeautifulSoup(html, "lxml")
        self.evidence: list[dict[str, str]] = []
        self.words = _words()

    def note(self, feature: str, quote: str) -> None:
        quote = _quote(quote)
        if quote and {"feature": feature, "quote": quote} not in self.evidence:
            self.evidence.append({"feature": feature, "quote": quote})

    def run(self) -> dict:
        forms = self.soup.find_all("form")
        login_forms = [f for f in forms if _is_login(f)]
        report_forms = [f for f in forms if f not in login_forms and not _is_search(f, self.soup)
                        and _controls(f)]
        text = _visible_text(self.soup)
        result = {
            "form_present": bool(report_forms),
            "fields": self.fields(report_forms),
            "account_required": self.account_required(login_forms, text),
            "captcha": self.captcha(),
            "ncii_option": self.ncii_option(report_forms),
            "languages": self.languages(text),
            "needs_js": self.needs_js(report_forms, text),
        }
        if report_forms:
            self.note("form_present", _form_title(report_forms[0]))
        result["evidence"] = self.evidence
        return result

    def fields(self, forms: list[Tag]) -> dict[str, bool]:
        found = {"url": False, "file_upload": False, "email": False, "description": False}
        for form in forms:
            for control in _controls(form):
                kind = (control.get("type") or "text").lower()
                names = _names(control, self.soup)
                described = " ".join(names)
                checks = {
                    "url": kind == "url" or (kind == "text" and self.words["field_url"](described)),
                    "file_upload": kind == "file",
                    "email": kind == "email" or (kind == "text" and
                                                 self.words["field_email"](described)),
                    "description": control.name == "textarea" or (
                        kind == "text" and self.words["field_description"](described)),
                }
                for field, hit in checks.items():
                    if hit and not found[field]:
                        found[field] = True
                        self.note(f"fields.{field}", names[0] if names else f"<{control.name}>")
        return found

    def account_required(self, login_forms: list[Tag], text: str) -> bool:
        if self.words["login_url"](self.url):
            self.note("account_required", self.url)
            return True
        if login_forms:
            self.note("account_required", _describe(login_forms[0].find(
                "input", attrs={"type": "password"}), self.soup) or "<input type=password>")
            return True
        match = self.words["login_text"].search(text)
        if match:
            self.note("account_required", _around(text, match.start(), match.end()))
            return True
        return False

    def captcha(self) -> bool:
        markup = [str(t.attrs) for t in self.soup.find_all(["div", "script", "iframe", "input"])]
        for attrs in markup:
            match = self.words["captcha"].search(attrs)
            if match:
                self.note("captcha", match.group(0))
                return True
        return False

    def ncii_option(self, forms: list[Tag]) -> bool:
        """An option, label, legend or heading naming intimate images (without consent)."""
        vocab = _analyser_words()
        scopes = forms or [self.soup]
        candidates = [t for f in scopes for t in f.find_all(["option", "label", "legend"])]
        candidates += self.soup.find_all(["h1", "h2", "h3", "h4", "title"])
        for tag in candidates:
            text = tag.get_text(" ", strip=True)
            if not text:
                continue
            if vocab["ncii_named"](text) or self.words["intimate_option"](text) or (
                    vocab["intimate_media"](text) and vocab["without_consent"](text)):
                self.note("ncii_option", text)
                return True
        return False

    def languages(self, text: str) -> list[str]:
        tagged = [normalise_tag(t["lang"]) for t in self.soup.find_all(attrs={"lang": True})]
        found = merge([self.lang] if self.lang else [], detect_languages(text),
                      html_languages(self.html), [x for x in tagged if x])
        return found

    def needs_js(self, forms: list[Tag], text: str) -> bool:
        if forms:
            return False
        for noscript in self.soup.find_all("noscript"):
            said = noscript.get_text(" ", strip=True)
            if self.words["needs_js_text"](said):
                self.note("needs_js", said)
                return True
        if len(text) >= SHELL_TEXT_CHARS:
            return False
        root = self.soup.find(id=lambda v: bool(v) and v.lower() in _APP_ROOTS)
        scripts = self.soup.find_all("script")
        if root is not None and scripts:
            self.note("needs_js", f'<div id="{root.get("id")}"> + {len(scripts)} <script>')
            return True
        return False


def _around(text: str, start: int, end: int, width: int = 60) -> str:
    return text[max(0, start - width): end + width]


def audit_form(html: str, url: str, lang: str | None = None) -> dict:
    """The reporting-form audit of one page (see the module docstring)."""
    return _Audit(html, url, lang).run()

"""The reporting-form audit on invented pages."""

from __future__ import annotations

from crawlers.analysis.forms import audit_form

from .conftest import (
    JS_SHELL,
    JS_SHELL_NOSCRIPT,
    LOGIN_PAGE,
    NCII_FORM,
    NO_FORM_PAGE,
    TURNSTILE_FORM,
    ZH_FORM,
)

KEYS = ["form_present", "fields", "account_required", "captcha", "ncii_option", "languages",
        "needs_js", "evidence"]


def audit(html: str, url: str = "https://example.org/report", lang: str | None = None) -> dict:
    result = audit_form(html, url, lang)
    assert list(result) == KEYS
    return result


def evidence(result: dict) -> dict[str, str]:
    return {e["feature"]: e["quote"] for e in result["evidence"]}


def test_dedicated_ncii_form():
    r = audit(NCII_FORM)
    assert r["form_present"] is True
    assert r["fields"] == {"url": True, "file_upload": True, "email": True, "description": True}
    assert (r["account_required"], r["captcha"], r["ncii_option"], r["needs_js"]) == \
        (False, True, True, False)
    assert r["languages"] == ["en", "zh-Hant"]
    quotes = evidence(r)
    assert quotes["fields.url"] == "Link to the post"
    assert quotes["fields.description"] == "Tell us what happened"
    assert quotes["captcha"] in ("g-recaptcha", "google.com/recaptcha")
    assert quotes["form_present"] == (
        "Report intimate images shared without your consent (/report/ncii)")


def test_chinese_form_with_hcaptcha_and_radio_reasons():
    r = audit(ZH_FORM)
    assert r["form_present"] and r["captcha"] and r["ncii_option"]
    assert r["fields"] == {"url": True, "file_upload": False, "email": True, "description": True}
    assert r["languages"] == ["zh-Hant"]
    assert evidence(r)["ncii_option"] == "未經同意發布的私密影像"


def test_login_wall_by_redirect_password_field_or_text():
    r = audit(LOGIN_PAGE, url="https://example.org/accounts/login/?next=/report")
    assert r["account_required"] is True and r["form_present"] is False
    assert evidence(r)["account_required"].startswith("https://example.org/accounts/login/")
    by_field = audit(LOGIN_PAGE)
    assert by_field["account_required"] is True
    text_only = "<html><body><p>Please log in to continue.</p><div id='root'></div></body></html>"
    assert audit(text_only)["account_required"] is True


def test_js_only_shells():
    r = audit(JS_SHELL)
    assert r["needs_js"] is True and r["form_present"] is False
    assert evidence(r)["needs_js"] == '<div id="root"> + 2 <script>'
    r = audit(JS_SHELL_NOSCRIPT)
    assert r["needs_js"] is True
    assert evidence(r)["needs_js"] == "You need to enable JavaScript to run this app."


def test_turnstile_and_textarea_only_form():
    r = audit(TURNSTILE_FORM)
    assert r["captcha"] is True and r["form_present"] is True
    assert r["fields"]["description"] is True and r["fields"]["url"] is False


def test_page_without_a_form():
    r = audit(NO_FORM_PAGE)
    assert r == {"form_present": False, "fields": dict.fromkeys(
        ("url", "file_upload", "email", "description"), False), "account_required": False,
        "captcha": False, "ncii_option": False, "languages": ["en"], "needs_js": False,
        "evidence": []}


def test_search_box_alone_is_not_a_reporting_form():
    html = "<html><body><h1>Help</h1><form action='/search'><input name='q'></form></body></html>"
    assert audit(html)["form_present"] is False


def test_general_nudity_option_is_not_an_ncii_option():
    html = ("<form action='/r'><select name='why'><option>Nudity</option><option>Spam</option>"
            "</select><textarea name='details'></textarea></form>")
    assert audit(html)["ncii_option"] is False
